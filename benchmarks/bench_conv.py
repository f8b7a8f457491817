"""conv2d speed, printed (not asserted): run `python benchmarks/bench_conv.py`.

One training-style step of a 3x3 convolution: forward, then the gradients with respect to the
input and the filter, on a batch of 64 images of 32x32x3 with 32 filters, SAME padding, stride 1,
float32. Each figure is the best of several repeats, measured in one run next to its references,
since the machine is shared and noisy:
  * tapeflow: tf.nn.conv2d under a GradientTape, then tape.gradient(loss, [x, w]);
  * a hand-written NumPy im2col: patches by stride tricks, one matmul forward, two backward,
    and the col2im scatter for the input gradient (the same algorithm, without tapeflow);
  * PyTorch (when installed; it is never a tapeflow dependency): F.conv2d and backward.
"""
import os

import numpy as np
from _timing import best

import tapeflow as tf

try:
    import torch
except ImportError:
    torch = None

BATCH, SIZE, C_IN, C_OUT, K = 64, 32, 3, 32, 3




def data(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((BATCH, SIZE, SIZE, C_IN)).astype(np.float32)
    w = (rng.standard_normal((K, K, C_IN, C_OUT)) * 0.1).astype(np.float32)
    dy = rng.standard_normal((BATCH, SIZE, SIZE, C_OUT)).astype(np.float32)
    return x, w, dy


# -- tapeflow ---------------------------------------------------------------------------------
def tapeflow_step(x, w, dy):
    with tf.GradientTape() as tape:
        tape.watch([x, w])
        y = tf.nn.conv2d(x, w, strides=1, padding="SAME")
    return tape.gradient(y, [x, w], output_gradients=dy)


def tapeflow_forward(x, w):
    return tf.nn.conv2d(x, w, strides=1, padding="SAME")


# -- hand-written NumPy im2col ----------------------------------------------------------------
def numpy_step(x, w, dy):
    n, h, wd, c = x.shape
    p = K // 2
    xp = np.pad(x, ((0, 0), (p, p), (p, p), (0, 0)))
    s = xp.strides
    patches = np.lib.stride_tricks.as_strided(xp, (n, h, wd, K, K, c), (s[0], s[1], s[2], s[1], s[2], s[3]))
    cols = patches.reshape(n * h * wd, K * K * c)
    w2 = w.reshape(K * K * c, -1)
    y = (cols @ w2).reshape(n, h, wd, -1)
    g = dy.reshape(n * h * wd, -1)
    dw = (cols.T @ g).reshape(w.shape)
    dcols = (g @ w2.T).reshape(n, h, wd, K, K, c)
    dxp = np.zeros_like(xp)
    for i in range(K):
        for j in range(K):
            dxp[:, i:i + h, j:j + wd] += dcols[:, :, :, i, j]
    return y, dxp[:, p:p + h, p:p + wd], dw


# -- PyTorch ----------------------------------------------------------------------------------
def torch_step(x, w, dy):
    x.grad = w.grad = None
    y = torch.nn.functional.conv2d(x, w, padding=1)
    y.backward(dy)
    return x.grad, w.grad


def main():
    x, w, dy = data()
    print(f"conv2d {BATCH}x{SIZE}x{SIZE}x{C_IN} * {K}x{K}x{C_IN}x{C_OUT}, SAME, stride 1, float32")
    print(f"numpy {np.__version__}, torch {torch.__version__ if torch else 'not installed'}")

    # the three implementations agree
    tx, tw, tdy = tf.constant(x), tf.constant(w), tf.constant(dy)
    gx, gw = tapeflow_step(tx, tw, tdy)
    ny, ngx, ngw = numpy_step(x, w, dy)
    np.testing.assert_allclose(tapeflow_forward(tx, tw).numpy(), ny, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(gx.numpy(), ngx, rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(gw.numpy(), ngw, rtol=1e-4, atol=1e-2)

    rows = [("tapeflow forward", best(lambda: tapeflow_forward(tx, tw))),
            ("tapeflow forward + backward (dx, dw)", best(lambda: tapeflow_step(tx, tw, tdy))),
            ("NumPy im2col forward + backward", best(lambda: numpy_step(x, w, dy)))]
    if torch is not None:
        torch.set_num_threads(os.cpu_count() or 1)
        px = torch.tensor(np.transpose(x, (0, 3, 1, 2)).copy(), requires_grad=True)
        pw = torch.tensor(np.transpose(w, (3, 2, 0, 1)).copy(), requires_grad=True)
        pdy = torch.tensor(np.transpose(dy, (0, 3, 1, 2)).copy())
        tgx, tgw = torch_step(px, pw, pdy)
        np.testing.assert_allclose(np.transpose(tgx.numpy(), (0, 2, 3, 1)), ngx, rtol=1e-3, atol=1e-3)
        with torch.no_grad():
            rows.append(("PyTorch forward", best(lambda: torch.nn.functional.conv2d(px, pw, padding=1))))
        rows.append(("PyTorch forward + backward (dx, dw)", best(lambda: torch_step(px, pw, pdy))))
    reference = rows[2][1]
    for name, seconds in rows:
        print(f"  {name:<40}{seconds * 1e3:9.2f} ms   ({seconds / reference:.2f} x NumPy im2col step)")


if __name__ == "__main__":
    main()
