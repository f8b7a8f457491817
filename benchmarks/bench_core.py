"""Core speed figures for tapeflow, printed (not asserted): run `python benchmarks/bench_core.py`.

Each figure is the best of several repeats, measured in one run next to its references (hand-
written NumPy always; PyTorch when it is installed), since the machine is shared and noisy.
Targets (issue 2): scalar chain <= 4 us/multiply, seed f(x, 6) with gradient <= 25 us, seed second
derivative <= 60 us, MLP step <= 1.25 x NumPy, `import tapeflow` <= 0.15 s.
"""
import itertools
import os
import subprocess
import sys

import numpy as np
from _timing import ROOT, best

import tapeflow as tf

try:
    import torch
except ImportError:
    torch = None




def row(name, seconds, unit="us", target=None, note=""):
    scale = {"us": 1e6, "ms": 1e3, "s": 1}[unit]
    t = f"{seconds * scale:10.2f} {unit}"
    tgt = f"  (target <= {target} {unit})" if target is not None else ""
    print(f"  {name:<44}{t}{tgt}{'  ' + note if note else ''}")


# -- 1. scalar chain --------------------------------------------------------------------------
def chain_tapeflow(n=1000):
    x = tf.constant(1.0001)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x
        for _ in range(n):
            y = y * x
    return tape.gradient(y, x)


def chain_torch(n=1000):
    x = torch.tensor(1.0001, requires_grad=True)
    y = x
    for _ in range(n):
        y = y * x
    y.backward()
    return x.grad


# -- 2. the seed's f(x, 6) loop with its gradient ----------------------------------------------
def seed_f(x, y):
    output = 1.0
    for i in range(y):
        if 1 < i < 5:
            output = tf.multiply(output, x)
    return output


def seed_grad(x=tf.convert_to_tensor(2.0)):
    with tf.GradientTape() as t:
        t.watch(x)
        out = seed_f(x, 6)
    return t.gradient(out, x)


def seed_grad_torch():
    x = torch.tensor(2.0, requires_grad=True)
    output = 1.0
    for i in range(6):
        if 1 < i < 5:
            output = torch.mul(output, x)
    output.backward()
    return x.grad


# -- 3. the seed's second derivative -------------------------------------------------------------
_v = tf.Variable(1.0)


def seed_second():
    with tf.GradientTape() as t:
        with tf.GradientTape() as t2:
            y = _v * _v * _v
        dy_dx = t2.gradient(y, _v)
    return t.gradient(dy_dx, _v)


def seed_second_torch(x=None):
    x = torch.tensor(1.0, requires_grad=True)
    y = x * x * x
    (dy,) = torch.autograd.grad(y, x, create_graph=True)
    (d2,) = torch.autograd.grad(dy, x)
    return d2


# -- 4. an MLP training step ------------------------------------------------------------------
def mlp_setup(seed=0):
    rng = np.random.default_rng(seed)
    sizes = [784, 256, 256, 10]
    params = []
    for a, b in itertools.pairwise(sizes):
        params.append((rng.standard_normal((a, b)) * np.sqrt(2.0 / a)).astype(np.float32))
        params.append(np.zeros(b, np.float32))
    x = rng.standard_normal((128, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 128)
    return params, x, labels


def mlp_numpy_step(params, x, labels, lr=np.float32(0.01)):
    w1, b1, w2, b2, w3, b3 = params
    h1 = x @ w1 + b1
    a1 = np.maximum(h1, 0)
    h2 = a1 @ w2 + b2
    a2 = np.maximum(h2, 0)
    logits = a2 @ w3 + b3
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    probs = e / e.sum(axis=1, keepdims=True)
    n = x.shape[0]
    loss = -np.mean(np.log(probs[np.arange(n), labels]))
    d_logits = probs
    d_logits[np.arange(n), labels] -= 1
    d_logits /= n
    dw3 = a2.T @ d_logits
    db3 = d_logits.sum(0)
    d_a2 = d_logits @ w3.T
    d_h2 = d_a2 * (h2 > 0)
    dw2 = a1.T @ d_h2
    db2 = d_h2.sum(0)
    d_a1 = d_h2 @ w2.T
    d_h1 = d_a1 * (h1 > 0)
    dw1 = x.T @ d_h1
    db1 = d_h1.sum(0)
    for p, g in zip(params, (dw1, db1, dw2, db2, dw3, db3)):
        p -= lr * g
    return loss


def make_mlp_tapeflow(params, x, labels):
    variables = [tf.Variable(p) for p in params]
    xt = tf.constant(x)
    yt = tf.constant(labels.astype(np.int32))

    def step():
        w1, b1, w2, b2, w3, b3 = variables
        with tf.GradientTape() as tape:
            a1 = tf.nn.relu(tf.matmul(xt, w1) + b1)
            a2 = tf.nn.relu(tf.matmul(a1, w2) + b2)
            logits = tf.matmul(a2, w3) + b3
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(yt, logits))
        grads = tape.gradient(loss, variables)
        for v, g in zip(variables, grads):
            v.assign_sub(0.01 * g)
        return loss
    return step


def make_mlp_torch(params, x, labels):
    ps = [torch.tensor(p, requires_grad=True) for p in params]
    xt = torch.tensor(x)
    yt = torch.tensor(labels)

    def step():
        w1, b1, w2, b2, w3, b3 = ps
        a1 = torch.relu(xt @ w1 + b1)
        a2 = torch.relu(a1 @ w2 + b2)
        logits = a2 @ w3 + b3
        loss = torch.nn.functional.cross_entropy(logits, yt)
        grads = torch.autograd.grad(loss, ps)
        with torch.no_grad():
            for p, g in zip(ps, grads):
                p -= 0.01 * g
        return loss
    return step


# -- 5. import time ---------------------------------------------------------------------------
def import_time(module, repeat=5):
    root = ROOT
    code = f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                             env=dict(os.environ, PYTHONPATH=root))
        times.append(float(out.stdout.strip()))
    return min(times)


def main():
    print(f"tapeflow benchmark: Python {sys.version.split()[0]}, NumPy {np.__version__}"
          + (f", PyTorch {torch.__version__}" if torch else ", PyTorch not installed"))
    print("\nScalar chain of 1,000 multiplies under a tape, then gradient (per multiply):")
    t_chain = best(chain_tapeflow, 3) / 1000
    row("tapeflow", t_chain, target=4)
    if torch:
        row("PyTorch", best(chain_torch, 3) / 1000)

    print("\nSeed tutorial f(x, 6) with its gradient (per call):")
    row("tapeflow", best(seed_grad, 2000), target=25)
    if torch:
        row("PyTorch", best(seed_grad_torch, 2000))

    print("\nSeed tutorial second derivative of x*x*x (per call):")
    row("tapeflow", best(seed_second, 2000), target=60)
    if torch:
        row("PyTorch", best(seed_second_torch, 2000))

    print("\nMLP training step, float32, batch 128, 784-256-256-10, relu, softmax xent, SGD:")
    params, x, labels = mlp_setup()
    np_params = [p.copy() for p in params]
    steps = {"numpy": lambda: mlp_numpy_step(np_params, x, labels),
             "tapeflow": make_mlp_tapeflow(params, x, labels)}
    # interleaved rounds, so that both see the same machine conditions (PyTorch runs after: its
    # own thread pool would otherwise compete with NumPy's BLAS threads)
    times = {k: [] for k in steps}
    for _ in range(15):
        for k, fn in steps.items():
            times[k].append(best(fn, 10, repeat=1))
    t_np, t_tf = min(times["numpy"]), min(times["tapeflow"])
    row("hand-written NumPy", t_np, unit="ms")
    row("tapeflow", t_tf, unit="ms", note=f"= {t_tf / t_np:.2f} x NumPy (target <= 1.25 x)")
    if torch:
        t_torch = best(make_mlp_torch(params, x, labels), 10)
        row("PyTorch", t_torch, unit="ms", note=f"= {t_torch / t_np:.2f} x NumPy")

    print("\nImport time (fresh interpreter):")
    t_numpy = import_time("numpy")
    row("import numpy", t_numpy, unit="s")
    row("import tapeflow (includes numpy)", import_time("tapeflow"), unit="s", target=0.15)


if __name__ == "__main__":
    main()
