"""Advanced-autodiff speed figures (issue 4), printed, not asserted:
`python benchmarks/bench_autodiff.py`.

Targets: the Hessian of f(v) = sum(sin(v) * sum(v*v)) for a 64-vector no slower than PyTorch's
torch.autograd.functional.hessian (about 6.7 ms here) and >= 10x faster than TF 2.21's
nested-tape jacobian (about 110 ms here); the Jacobian of a 256 -> 256 elementwise map in one
vectorized backward pass <= 3x the time of a single `gradient` call.
"""

import numpy as np
from _timing import best

import tapeflow as tf
from tapeflow.autodiff import grad, hessian, vmap

try:
    import torch
except ImportError:
    torch = None




def row(name, seconds, note=""):
    print(f"  {name:<52}{seconds * 1e3:9.3f} ms{'  ' + note if note else ''}")


def f(v):
    return tf.reduce_sum(tf.sin(v) * tf.reduce_sum(v * v))


def hessian_nested_tapes(v):
    with tf.GradientTape() as t2:
        t2.watch(v)
        with tf.GradientTape() as t1:
            t1.watch(v)
            y = f(v)
        g = t1.gradient(y, v)
    return t2.jacobian(g, v)


def hessian_nested_tapes_loop(v):
    with tf.GradientTape(persistent=True) as t2:
        t2.watch(v)
        with tf.GradientTape() as t1:
            t1.watch(v)
            y = f(v)
        g = t1.gradient(y, v)
    return t2.jacobian(g, v, experimental_use_pfor=False)


def main():
    rng = np.random.default_rng(0)
    print(f"tapeflow advanced-autodiff benchmark: NumPy {np.__version__}"
          + (f", PyTorch {torch.__version__}" if torch else ", PyTorch not installed"))

    print("\nHessian of f(v) = sum(sin(v) * sum(v*v)), v in R^64 (float32):")
    v = tf.constant(rng.standard_normal(64).astype(np.float32))
    h = hessian_nested_tapes(v)
    assert np.allclose(h.numpy(), hessian(f)(v).numpy(), atol=1e-4)
    t_nested = best(lambda: hessian_nested_tapes(v), 20)
    row("nested tapes + tape.jacobian (vectorized)", t_nested, "target <= PyTorch, <= 11 ms")
    row("tapeflow.autodiff.hessian", best(lambda: hessian(f)(v), 20))
    row("nested tapes + jacobian(experimental_use_pfor=False)",
        best(lambda: hessian_nested_tapes_loop(v), 3))
    if torch:
        vt = torch.tensor(v.numpy())
        tf_ = lambda u: torch.sum(torch.sin(u) * torch.sum(u * u))
        row("PyTorch torch.autograd.functional.hessian",
            best(lambda: torch.autograd.functional.hessian(tf_, vt), 20))

    print("\nJacobian of a 256 -> 256 elementwise map (float32):")
    x = tf.constant(rng.standard_normal(256).astype(np.float32))

    def elementwise(u):
        return tf.tanh(u) * tf.exp(-u * u) + tf.sin(u)

    def jac():
        with tf.GradientTape() as t:
            t.watch(x)
            y = elementwise(x)
        return t.jacobian(y, x)

    def one_gradient():
        with tf.GradientTape() as t:
            t.watch(x)
            y = elementwise(x)
        return t.gradient(y, x)
    t_jac = best(jac, 50)
    t_grad = best(one_gradient, 50)
    row("tape.jacobian (one vectorized sweep)", t_jac, f"= {t_jac / t_grad:.2f} x one gradient "
        "(target <= 3 x)")
    row("one tape.gradient", t_grad)

    print("\nPer-example gradients, MLP 784-64-10, batch 128 (float32):")
    w1 = tf.constant((rng.standard_normal((784, 64)) * 0.05).astype(np.float32))
    w2 = tf.constant((rng.standard_normal((64, 10)) * 0.1).astype(np.float32))
    xb = tf.constant(rng.standard_normal((128, 784)).astype(np.float32))
    yb = tf.constant(rng.integers(0, 10, 128).astype(np.int32))

    def loss(params, x, y):
        a, b = params
        h = tf.nn.relu(tf.matmul(x[None], a))
        logits = tf.matmul(h, b)
        return tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(y[None], logits))
    per_example = vmap(grad(loss), in_axes=(None, 0, 0))
    row("vmap(grad(loss), in_axes=(None, 0, 0))", best(lambda: per_example((w1, w2), xb, yb), 3))
    if torch:
        from torch.func import grad as tgrad
        from torch.func import vmap as tvmap
        tw = (torch.tensor(w1.numpy()), torch.tensor(w2.numpy()))
        tx, ty = torch.tensor(xb.numpy()), torch.tensor(yb.numpy()).long()

        def tloss(params, x, y):
            a, b = params
            logits = torch.relu(x[None] @ a) @ b
            return torch.nn.functional.cross_entropy(logits, y[None], reduction="sum")
        tper = tvmap(tgrad(tloss), in_dims=(None, 0, 0))
        row("PyTorch torch.func.vmap(grad(loss))", best(lambda: tper(tw, tx, ty), 3))

    def batch_loss_grad():
        with tf.GradientTape() as t:
            t.watch([w1, w2])
            h = tf.nn.relu(tf.matmul(xb, w1))
            lo = tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(yb, tf.matmul(h, w2)))
        return t.gradient(lo, [w1, w2])
    row("(reference: one whole-batch gradient)", best(batch_loss_grad, 20))


if __name__ == "__main__":
    main()
