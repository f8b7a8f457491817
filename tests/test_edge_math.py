"""Edge values and bad input, as TF (issue 16, defects 3-8); TF's outputs are recorded in
tests/conformance/scenarios/edge_math.py, these tests check what is deliberately exact or semantic."""
import itertools

import numpy as np
import pytest

import tapeflow as tf


def _fd_grad(f, x, eps=1e-6):
    x = np.asarray(x, np.float64)
    out = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        d = np.zeros_like(x)
        d[i] = eps
        out[i] = (f(x + d) - f(x - d)) / (2 * eps)
    return out


CUMPROD_POINTS = [[0.0, 2.0, 3.0], [2.0, 0.0, 3.0], [0.0, 0.0, 3.0], [2.0, 3.0, 0.0], [0.0, -1.5, 0.0, 2.0]]


@pytest.mark.parametrize("point", CUMPROD_POINTS)
@pytest.mark.parametrize("exclusive,reverse", list(itertools.product([False, True], repeat=2)))
def test_cumprod_derivatives_are_exact_at_zeros(point, exclusive, reverse):
    # TF's rule divides by x (div_no_nan: 0 at zeros); cumprod is a polynomial, so the exact
    # derivatives are finite everywhere. sum(cumprod([0, 2, 3])) has gradient [9, 0, 0].
    w = np.arange(1.0, len(point) + 1)

    def f_np(v):
        if reverse:
            v = v[::-1]
        c = np.cumprod(v)
        if exclusive:
            c = np.concatenate([[1.0], c[:-1]])
        if reverse:
            c = c[::-1]
        return float(np.sum(c * w))

    def f(x):
        return tf.reduce_sum(tf.math.cumprod(x, exclusive=exclusive, reverse=reverse) * w)

    x = tf.constant(point, tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    hess = outer.jacobian(g, x).numpy()
    np.testing.assert_allclose(g.numpy(), _fd_grad(f_np, point), atol=1e-6)
    fd_hess = np.stack([_fd_grad(lambda v, i=i: _fd_grad(f_np, v)[i], point, 1e-4) for i in range(len(point))])
    np.testing.assert_allclose(hess, fd_hess, atol=1e-4)
    tangent = np.linspace(0.5, 1.5, len(point))
    with tf.autodiff.ForwardAccumulator(x, tf.constant(tangent)) as acc:
        y = f(x)
    np.testing.assert_allclose(acc.jvp(y).numpy(), g.numpy() @ tangent, atol=1e-9)
    assert np.isfinite(hess).all()


def test_cumprod_issue_reproducer():
    x = tf.constant([0.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.math.cumprod(x))
    assert tape.gradient(y, x).numpy().tolist() == [9.0, 0.0, 0.0]
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        y = tf.reduce_sum(tf.math.cumprod(x))
    assert acc.jvp(y).numpy() == 9.0


def test_cumprod_complex_gradient_at_zero_is_conjugated():
    z = tf.constant([1 + 1j, 0j, 2 - 1j, 0.5j], tf.complex128)
    with tf.GradientTape() as tape:
        tape.watch(z)
        y = tf.reduce_sum(tf.math.real(tf.math.cumprod(z) * tf.constant([1, 2, 3, 4], tf.complex128)))
    # d/dz1 = 2 z0 + 3 z0 z2 + 4 z0 z2 z3 = 9 + 11j; TF's gradient is conj of that
    np.testing.assert_allclose(tape.gradient(y, z).numpy(), [1, 9 - 11j, 0, 0])


def test_cumsum_never_gives_negative_zero():
    for kw in [{}, {"reverse": True}, {"exclusive": True}]:
        out = tf.math.cumsum(tf.constant([-0.0, -0.0]), **kw).numpy()
        assert not np.signbit(out).any(), kw


def test_cumprod_complex_jvp_is_holomorphic():
    z = tf.constant([1 + 1j, 0.5 - 2j, 2 - 1j, 0.5j], tf.complex128)
    dz = tf.constant([1 + 0j, 1j, -1 + 0j, 0.5 + 0j], tf.complex128)
    with tf.autodiff.ForwardAccumulator(z, dz) as acc:
        y = tf.math.cumprod(z, exclusive=True, reverse=True)
    zn, dn = z.numpy(), dz.numpy()
    # y1 = z2 z3: dy1 = dz2 z3 + z2 dz3 = 1 - 1j (TF gives the conjugate)
    expected = [dn[1] * zn[2] * zn[3] + zn[1] * dn[2] * zn[3] + zn[1] * zn[2] * dn[3],
                dn[2] * zn[3] + zn[2] * dn[3], dn[3], 0]
    np.testing.assert_allclose(acc.jvp(y).numpy(), expected)


# -- complex forward mode: holomorphic ops' JVPs are J dz (finite differences along dz) ----------
_RNG = np.random.default_rng(0)
_Z = _RNG.normal(size=(3, 3)) + 1j * _RNG.normal(size=(3, 3))
_DZ = _RNG.normal(size=(3, 3)) + 1j * _RNG.normal(size=(3, 3))
COMPLEX_JVP_OPS = {
 "exp": tf.exp, "log": tf.math.log, "sqrt": tf.sqrt, "rsqrt": tf.math.rsqrt, "tanh": tf.tanh, "sin": tf.sin, "cos": tf.cos, "tan": tf.tan,
 "sinh": tf.sinh, "cosh": tf.cosh, "asin": tf.asin, "acos": tf.acos, "atan": tf.atan, "asinh": tf.asinh, "acosh": tf.acosh, "atanh": tf.atanh,
 "square": tf.square, "reciprocal": tf.math.reciprocal, "log1p": tf.math.log1p, "expm1": tf.math.expm1, "sigmoid": tf.sigmoid, "silu": tf.nn.silu,
 "pow": lambda x: tf.pow(x, tf.constant(1.5 + 0.5j, tf.complex128)), "pow2": lambda x: tf.pow(tf.constant(1.5 + 0.5j, tf.complex128), x),
 "mul": lambda x: x * x, "div": lambda x: 1.0 / (x + 3.0), "xlogy": lambda x: tf.math.xlogy(x, x + 2.0), "xdivy": lambda x: tf.math.xdivy(x, x + 2.0),
 "reduce_prod": lambda x: tf.reduce_prod(x, axis=1), "reduce_prod_all": lambda x: tf.reduce_prod(x), "reduce_sum": lambda x: tf.reduce_sum(x, 0), "reduce_mean": tf.reduce_mean,
 "cumsum": lambda x: tf.math.cumsum(x, 1), "cumprod": lambda x: tf.math.cumprod(x, 1), "cumprod_excl": lambda x: tf.math.cumprod(x, 0, exclusive=True, reverse=True),
 "matmul": lambda x: tf.matmul(x, x), "einsum": lambda x: tf.einsum("ij,jk->ik", x, x), "tensordot": lambda x: tf.tensordot(x, x, 1),
 "det": tf.linalg.det, "inv": tf.linalg.inv, "logdet": lambda x: tf.linalg.slogdet(x)[1], "solve": lambda x: tf.linalg.solve(x, x * 2.0 + 1.0),
 "expm": tf.linalg.expm, "trace": tf.linalg.trace, "matvec": lambda x: tf.linalg.matvec(x, x[0]), "cholesky": lambda x: tf.linalg.cholesky(tf.matmul(x, x, adjoint_b=True) + 3.0 * tf.eye(3, dtype=tf.complex128)),
 "transpose": tf.transpose, "reshape": lambda x: tf.reshape(x, [9]), "gather": lambda x: tf.gather(x, [0, 0, 2]), "concat": lambda x: tf.concat([x, x * x], 0),
  "tensor_scatter": lambda x: tf.tensor_scatter_nd_update(x, [[0]], x[1:2] * x[2:3]), "segment_prod": lambda x: tf.math.segment_prod(x, [0, 0, 1]),
 "unsorted_segment_prod": lambda x: tf.math.unsorted_segment_prod(x, [0, 1, 0], 2), "conj_mul": lambda x: x * tf.math.conj(tf.constant(_Z)),
 "l2norm_sq": lambda x: x * 2.0, "adjoint": tf.linalg.adjoint, "triangular_solve": lambda x: tf.linalg.triangular_solve(tf.linalg.band_part(x, -1, 0) + 3.0 * tf.eye(3, dtype=tf.complex128), x),
}


@pytest.mark.parametrize("name", sorted(COMPLEX_JVP_OPS))
def test_complex_jvp_is_holomorphic_derivative(name):
    # (TF transposes gradients that skip conj (cumprod, segment_prod) or conj twice (det): its
    # JVPs of those are conjugated wrongly; reduce_prod's JVP was conj(dz)-based)
    f = COMPLEX_JVP_OPS[name]
    x = tf.constant(_Z)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(_DZ)) as acc:
        y = f(x)
    eps = 1e-6
    fd = (f(tf.constant(_Z + eps * _DZ)).numpy() - f(tf.constant(_Z - eps * _DZ)).numpy()) / (2 * eps)
    np.testing.assert_allclose(acc.jvp(y).numpy(), fd, rtol=1e-5, atol=1e-5 * (1 + np.abs(fd).max()))
