"""Issue 5 ops (special math, segment, indexing, linalg): gradients and values.

Every differentiable op has a row checked by `tf.test.check_gradients(f, args, order=2)`: reverse
and forward mode (ForwardAccumulator JVPs), first and second order, against float64 central
differences. Inputs are drawn in each op's smooth domain (SPD matrices for Cholesky, separated
eigenvalues for eigh, distinct values for sort/top_k/max). Values are checked against NumPy/SciPy;
ops TF marks non-differentiable give None gradients.
"""
import numpy as np
import pytest
import scipy.linalg
import scipy.special

import tapeflow as tf

RNG = np.random.default_rng(5)


def normal(*shape):
    return RNG.standard_normal(shape)


def uniform(lo, hi, *shape):
    return RNG.uniform(lo, hi, shape)


def away(*shape):
    return RNG.choice([-1.0, 1.0], shape) * RNG.uniform(0.4, 1.5, shape)


def distinct(*shape):
    n = int(np.prod(shape))
    return (RNG.permutation(n) * 0.5 + RNG.uniform(-0.1, 0.1, n) - n / 4).reshape(shape)


def spd(n, batch=()):
    a = RNG.standard_normal(batch + (n, n))
    return a @ np.swapaxes(a, -1, -2) + n * np.eye(n)


def well_conditioned(n, batch=()):
    return RNG.standard_normal(batch + (n, n)) * 0.3 + 2 * np.eye(n)


def sym(a):
    return (a + tf.linalg.matrix_transpose(a)) * 0.5


IDS = tf.constant([0, 0, 2, 2, 3])
UIDS = tf.constant([1, -1, 0, 1, 3])
IDX_ND = tf.constant([[0, 1], [2, 0], [0, 1]])
IDX_UNIQUE = tf.constant([[1], [3]])

SPECIAL_ROWS = [
    ("erf", tf.math.erf, [normal(4)]),
    ("erfc", tf.math.erfc, [normal(4)]),
    ("erfinv", tf.math.erfinv, [uniform(-0.8, 0.8, 4)]),
    ("ndtri", tf.math.ndtri, [uniform(0.2, 0.8, 4)]),
    ("lgamma", tf.math.lgamma, [uniform(0.5, 3.0, 4)]),
    ("digamma", tf.math.digamma, [uniform(0.5, 3.0, 4)]),
    ("polygamma", lambda x: tf.math.polygamma(tf.constant(1.0, tf.float64), x), [uniform(0.5, 3, 3)]),
    ("zeta", lambda q: tf.math.zeta(tf.constant(3.0, tf.float64), q), [uniform(0.5, 3.0, 3)]),
    ("igamma", tf.math.igamma, [uniform(0.5, 3.0, 3), uniform(0.3, 3.0, 3)]),
    ("igammac", tf.math.igammac, [uniform(0.5, 3.0, 3), uniform(0.3, 3.0, 3)]),
    ("betainc_x", lambda x: tf.math.betainc(tf.constant([0.5, 2.0], tf.float64), tf.constant([1.5, 3.0], tf.float64), x),
     [uniform(0.2, 0.8, 2)]),
    ("bessel_i0", tf.math.bessel_i0, [away(4)]),
    ("bessel_i0e", tf.math.bessel_i0e, [away(4)]),
    ("bessel_i1", tf.math.bessel_i1, [away(4)]),
    ("bessel_i1e", tf.math.bessel_i1e, [away(4)]),
    ("xlogy", tf.math.xlogy, [normal(3), uniform(0.5, 2, 3)]),
    ("xlog1py", tf.math.xlog1py, [normal(3), uniform(0.5, 2, 3)]),
    ("xdivy", tf.math.xdivy, [normal(3), away(3)]),
    ("multiply_no_nan", tf.math.multiply_no_nan, [normal(2, 3), away(3)]),
    ("divide_no_nan", tf.math.divide_no_nan, [normal(3), away(3)]),
    ("reciprocal_no_nan", tf.math.reciprocal_no_nan, [away(3)]),
    ("log_sigmoid", tf.math.log_sigmoid, [normal(4) * 3]),
    ("softsign", tf.math.softsign, [away(4)]),
    ("lbeta", tf.math.lbeta, [uniform(0.5, 3, 2, 3)]),
    ("squared_difference", tf.math.squared_difference, [normal(3), normal(2, 3)]),
    ("polyval", lambda c0, c1, c2, x: tf.math.polyval([c0, c1, c2], x), [normal(), normal(), normal(3), normal(3)]),
    ("l2_normalize", lambda x: tf.math.l2_normalize(x, axis=1), [normal(2, 3)]),
    ("cumsum_excl_rev", lambda x: tf.math.cumsum(x, 1, exclusive=True, reverse=True), [normal(2, 3)]),
    ("cumprod_excl_rev", lambda x: tf.math.cumprod(x, 0, exclusive=True, reverse=True), [away(3, 2)]),
    ("cumprod", lambda x: tf.math.cumprod(x, 1), [away(2, 3)]),
    ("cumulative_logsumexp", lambda x: tf.math.cumulative_logsumexp(x, 1), [normal(2, 3) * 3]),
    ("cumulative_logsumexp_excl_rev",
     lambda x: tf.math.cumulative_logsumexp(x, 0, exclusive=True, reverse=True)[:-1], [normal(3, 2)]),
    ("reduce_logsumexp", lambda x: tf.math.reduce_logsumexp(x, axis=1), [normal(2, 3) * 5]),
    ("reduce_logsumexp_all", tf.math.reduce_logsumexp, [normal(2, 3)]),
    ("reduce_variance", lambda x: tf.math.reduce_variance(x, axis=0), [normal(3, 2)]),
    ("reduce_std", lambda x: tf.math.reduce_std(x, axis=1, keepdims=True), [normal(2, 3)]),
    ("reduce_euclidean_norm", lambda x: tf.math.reduce_euclidean_norm(x, 1), [away(2, 3)]),
    ("angle", lambda x, y: tf.math.angle(tf.complex(x, y)), [away(3), away(3)]),
    ("complex_abs", lambda x, y: tf.abs(tf.complex(x, y)), [away(3), away(3)]),
    ("real_imag_of_square", lambda x, y: tf.math.real(tf.complex(x, y) ** 2) * tf.math.imag(
        tf.math.conj(tf.complex(x, y))), [normal(3), normal(3)]),
    ("top_k_values", lambda x: tf.math.top_k(x, k=2).values, [distinct(2, 4)]),
]
SEGMENT_ROWS = [
    ("segment_sum", lambda d: tf.math.segment_sum(d, IDS), [normal(5, 2)]),
    ("segment_mean", lambda d: tf.math.segment_mean(d, IDS), [normal(5, 2)]),
    ("segment_max", lambda d: tf.math.segment_max(d, IDS), [distinct(5, 2)]),
    ("segment_min", lambda d: tf.math.segment_min(d, IDS), [distinct(5, 2)]),
    ("segment_prod", lambda d: tf.math.segment_prod(d, IDS), [away(5, 2)]),
    ("unsorted_segment_sum", lambda d: tf.math.unsorted_segment_sum(d, UIDS, 4), [normal(5, 2)]),
    ("unsorted_segment_mean", lambda d: tf.math.unsorted_segment_mean(d, UIDS, 4), [normal(5, 2)]),
    ("unsorted_segment_sqrt_n", lambda d: tf.math.unsorted_segment_sqrt_n(d, UIDS, 4), [normal(5)]),
    ("unsorted_segment_max", lambda d: tf.math.unsorted_segment_max(d, UIDS, 4)[:2], [distinct(5, 2)]),
    ("unsorted_segment_min", lambda d: tf.math.unsorted_segment_min(d, UIDS, 4)[:2], [distinct(5)]),
    ("unsorted_segment_prod", lambda d: tf.math.unsorted_segment_prod(d, UIDS, 4), [away(5, 2)]),
    ("unsorted_segment_2d_ids",
     lambda d: tf.math.unsorted_segment_sum(d, tf.constant([[0, 1], [1, 2]]), 3), [normal(2, 2, 2)]),
]
INDEXING_ROWS = [
    ("gather_batch_dims", lambda p: tf.gather(p, tf.constant([[0, 2], [1, 1]]), axis=2, batch_dims=1),
     [normal(2, 3, 3)]),
    ("gather_nd", lambda p: tf.gather_nd(p, IDX_ND), [normal(3, 2, 2)]),
    ("gather_nd_batch", lambda p: tf.gather_nd(p, tf.constant([[1], [0]]), batch_dims=1), [normal(2, 3)]),
    ("scatter_nd", lambda u: tf.scatter_nd(IDX_ND, u, [3, 2, 2]), [normal(3, 2)]),
    ("tensor_scatter_nd_update", lambda x, u: tf.tensor_scatter_nd_update(x, IDX_UNIQUE, u),
     [normal(4, 2), normal(2, 2)]),
    ("tensor_scatter_nd_add", lambda x, u: tf.tensor_scatter_nd_add(x, IDX_ND[:, :1], u),
     [normal(4, 2), normal(3, 2)]),
    ("tensor_scatter_nd_sub", lambda x, u: tf.tensor_scatter_nd_sub(x, IDX_UNIQUE, u),
     [normal(4), normal(2)]),
    ("tensor_scatter_nd_max", lambda x, u: tf.tensor_scatter_nd_max(x, IDX_UNIQUE, u),
     [distinct(4), distinct(2) + 0.05]),
    ("tensor_scatter_nd_min", lambda x, u: tf.tensor_scatter_nd_min(x, IDX_UNIQUE, u),
     [distinct(4), distinct(2) + 0.05]),
    ("boolean_mask", lambda x: tf.boolean_mask(x, tf.constant([[True, False, True], [False, True, True]])),
     [normal(2, 3)]),
    ("sort", lambda x: tf.sort(x, axis=0), [distinct(3, 2)]),
    ("sort_descending", lambda x: tf.sort(x, direction="DESCENDING"), [distinct(2, 3)]),
    ("repeat", lambda x: tf.repeat(x, [1, 3], axis=1), [normal(2, 2)]),
    ("repeat_flat", lambda x: tf.repeat(x, 2), [normal(2, 2)]),
    ("roll", lambda x: tf.roll(x, [1, -1], [0, 1]), [normal(2, 3)]),
    ("reverse_sequence", lambda x: tf.reverse_sequence(x, [2, 3], seq_axis=1, batch_axis=0), [normal(2, 3)]),
    ("meshgrid", lambda x, y: tf.meshgrid(x, y)[0] * tf.meshgrid(x, y)[1], [normal(3), normal(2)]),
    ("clip_by_norm", lambda x: tf.clip_by_norm(x, 1.0, axes=[1]), [normal(2, 3) * 2]),
    ("clip_by_global_norm", lambda x, y: tf.clip_by_global_norm([x, y], 1.0)[0], [normal(2), normal(3)]),
    ("global_norm", lambda x, y: tf.linalg.global_norm([x, y]), [normal(2), normal(3)]),
]
LINALG_ROWS = [  # (also run by the registry's shape- and batch-rule tests)
    ("inv", tf.linalg.inv, [well_conditioned(3, (2,))]),
    ("inv_adjoint", lambda a: tf.linalg.inv(a, adjoint=True), [well_conditioned(2)]),
    ("det", tf.linalg.det, [well_conditioned(3, (2,))]),
    ("slogdet", lambda a: tf.linalg.slogdet(a).log_abs_determinant, [well_conditioned(3)]),
    ("logdet", lambda a: tf.linalg.logdet(sym(a)), [spd(3)]),
    ("solve", tf.linalg.solve, [well_conditioned(3), normal(3, 2)]),
    ("solve_adjoint", lambda a, b: tf.linalg.solve(a, b, adjoint=True), [well_conditioned(2), normal(2, 2)]),
    ("triangular_solve", tf.linalg.triangular_solve, [well_conditioned(3), normal(3, 2)]),
    ("triangular_solve_upper_adjoint",
     lambda a, b: tf.linalg.triangular_solve(a, b, lower=False, adjoint=True), [well_conditioned(3), normal(3, 1)]),
    ("triangular_solve_broadcast", tf.linalg.triangular_solve, [well_conditioned(2), normal(2, 2, 1)]),
    ("cholesky", lambda a: tf.linalg.cholesky(sym(a)), [spd(3)]),
    ("cholesky_solve", lambda a, b: tf.linalg.cholesky_solve(tf.linalg.cholesky(sym(a)), b), [spd(2), normal(2, 2)]),
    ("qr_tall", lambda a: [tf.linalg.qr(a).r, tf.linalg.qr(a).q * 1.0], [normal(3, 2)]),
    ("qr_square", lambda a: tf.linalg.qr(a)[0], [normal(2, 2)]),
    ("qr_wide", lambda a: tf.linalg.qr(a)[1], [normal(2, 3)]),
    ("svd_values", lambda a: tf.linalg.svd(a, compute_uv=False), [normal(3, 2)]),
    ("svd_uv", lambda a: [tf.linalg.svd(a)[0], tf.abs(tf.linalg.svd(a)[1]), tf.abs(tf.linalg.svd(a)[2])],
     [np.array([[3.0, 0.5], [0.2, 1.5], [0.4, -0.3]])]),
    ("svd_wide", lambda a: tf.abs(tf.linalg.svd(a)[2]), [np.array([[3.0, 0.5, 0.1], [0.2, 1.5, -0.4]])]),
    ("eigh", lambda a: [tf.linalg.eigh(a)[0], tf.abs(tf.linalg.eigh(a)[1])],
     [np.array([[3.0, 0.2, 0.1], [0.5, 1.0, 0.3], [0.1, -0.2, -1.0]])]),
    ("eigvalsh", tf.linalg.eigvalsh, [np.array([[2.0, 0.3], [0.7, -1.0]])]),
    ("norm_euclidean", lambda x: tf.norm(x, axis=1), [away(2, 3)]),
    ("norm_1", lambda x: tf.norm(x, ord=1), [away(2, 3)]),
    ("norm_inf", lambda x: tf.norm(x, ord=np.inf, axis=1), [distinct(2, 3)]),
    ("norm_p3", lambda x: tf.norm(x, ord=3, axis=0), [away(2, 3)]),
    ("norm_fro", lambda x: tf.norm(x, ord="fro", axis=[0, 1]), [normal(2, 3)]),
    ("norm_matrix_1", lambda x: tf.norm(x, ord=1, axis=[-2, -1]), [distinct(2, 2)]),
    ("norm_matrix_2", lambda x: tf.norm(x, ord=2, axis=[-2, -1]), [normal(3, 2)]),
    ("normalize", lambda x: tf.linalg.normalize(x, axis=1)[0], [away(2, 2)]),
    ("trace", tf.linalg.trace, [normal(2, 3, 3)]),
    ("diag", lambda d: tf.linalg.diag(d, k=1), [normal(2, 2)]),
    ("diag_part", lambda x: tf.linalg.diag_part(x, k=-1), [normal(3, 2)]),
    ("set_diag", lambda x, d: tf.linalg.set_diag(x, d), [normal(2, 3), normal(2)]),
    ("band_part", lambda x: tf.linalg.band_part(x, 1, 0), [normal(3, 3)]),
    ("matvec", tf.linalg.matvec, [normal(2, 3), normal(3)]),
    ("adjoint", tf.linalg.adjoint, [normal(2, 3)]),
    ("lstsq_tall", tf.linalg.lstsq, [normal(3, 2), normal(3, 1)]),
    ("lstsq_wide", tf.linalg.lstsq, [normal(2, 3), normal(2, 1)]),
    ("lstsq_l2", lambda a, b: tf.linalg.lstsq(a, b, l2_regularizer=0.5), [normal(3, 2), normal(3, 1)]),
    ("pinv", tf.linalg.pinv, [np.array([[1.0, 2.0], [3.0, 4.5], [5.0, 6.0]])]),
    ("expm_small", tf.linalg.expm, [normal(2, 2) * 0.1]),
    ("expm_squaring", tf.linalg.expm, [normal(2, 2, 2) * 3]),
    ("einsum_matmul", lambda a, b: tf.einsum("ij,jk->ik", a, b), [normal(2, 3), normal(3, 2)]),
    ("einsum_trace", lambda a: tf.einsum("ii", a), [normal(3, 3)]),
    ("einsum_diag", lambda a: tf.einsum("ii->i", a), [normal(3, 3)]),
    ("einsum_reduce", lambda a, b: tf.einsum("ijk,k->j", a, b), [normal(2, 2, 3), normal(3)]),
    ("einsum_ellipsis_broadcast", lambda a, b: tf.einsum("...ij,...jk->...ik", a, b),
     [normal(1, 2, 2), normal(3, 2, 1)]),
    ("einsum_outer", lambda a, b: tf.einsum("i,j->ij", a, b), [normal(2), normal(3)]),
    ("cross", tf.linalg.cross, [normal(2, 3), normal(2, 3)]),
]
ROWS = SPECIAL_ROWS + SEGMENT_ROWS + INDEXING_ROWS + LINALG_ROWS


def _igamma_da(a, x):
    with tf.GradientTape() as tape:
        tape.watch(a)
        p = tf.math.igamma(a, x)
    return tape.gradient(p, a)


def _igamma_da2(a, x):
    with tf.GradientTape() as tape:
        tape.watch(a)
        da = _igamma_da(a, x)
    return tape.gradient(da, a)


# Rows for the registry's shape-rule and batch-rule checks only (ops without a smooth gradient,
# derivatives of igamma in a beyond the second, float32 and integer inputs, sorting variants).
REGISTRY_ONLY_ROWS = [
    ("rint", tf.math.rint, [normal(2, 3) * 3]),
    ("truncatediv", tf.truncatediv, [normal(2, 3) * 4, away(3)]),
    ("truncatemod", lambda x, y: tf.truncatemod(tf.stop_gradient(x), tf.stop_gradient(y)),
     [normal(2, 3) * 4, away(3)]),  # (TF defines no gradient for it)
    ("nextafter", tf.math.nextafter, [normal(3), normal(2, 3)]),
    ("igamma_d2_da2", lambda a, x: tf.stop_gradient(_igamma_da2(a, x)),  # (no third derivative)
     [uniform(0.5, 3.0, 3), uniform(0.3, 3.0, 3)]),
    ("igammac_float32", lambda a, x: tf.math.igammac(tf.cast(a, tf.float32), tf.cast(x, tf.float32)),
     [uniform(0.5, 3.0, 3), uniform(0.3, 3.0, 3)]),
    ("erf_of_sort", lambda x: tf.math.erf(tf.sort(x, axis=0, direction="DESCENDING")), [distinct(3, 2)]),
    ("argsort_int", lambda x: tf.argsort(tf.cast(x, tf.int32), axis=1), [distinct(2, 4)]),
    ("sort_uint8", lambda x: tf.sort(tf.cast(tf.abs(x), tf.uint8), axis=0), [distinct(4, 2)]),
    ("top_k_all", lambda x: tf.math.top_k(x, k=3).indices, [distinct(2, 3)]),
    ("segment_sum_int", lambda d: tf.math.segment_sum(tf.cast(d, tf.int32), IDS), [normal(5, 2) * 5]),
    ("unsorted_segment_max_nan",
     lambda d: tf.math.unsorted_segment_max(tf.where(d > 0, d, np.nan), UIDS, 4), [normal(5)]),
    ("gather_nd_rows", lambda p: tf.gather_nd(p, tf.constant([[2], [0]])), [normal(3, 2)]),
    ("tensor_scatter_nd_update_2d", lambda x, u: tf.tensor_scatter_nd_update(x, IDX_ND[:2], u),
     [normal(3, 2, 2), normal(2, 2)]),
    ("reduce_euclidean_norm_keepdims",
     lambda x: tf.math.reduce_euclidean_norm(x, [0, 2], keepdims=True), [away(2, 3, 2)]),
    ("cumulative_logsumexp_axis0", lambda x: tf.math.cumulative_logsumexp(x, 0, reverse=True),
     [normal(3, 2)]),
]


@pytest.mark.parametrize("name,fn,args", ROWS, ids=[r[0] for r in ROWS])
def test_gradients_order_2(name, fn, args):
    tf.test.check_gradients(fn, args, order=2, atol=2e-6, rtol=2e-5)


# ============================================================================================
# Values against NumPy / SciPy
# ============================================================================================
def close(t, want, rtol=1e-6, atol=1e-9):
    np.testing.assert_allclose(np.asarray(t.numpy() if hasattr(t, "numpy") else t), want, rtol=rtol, atol=atol)


def test_special_function_values():
    x = uniform(0.2, 3.0, 5)
    xt = tf.constant(x)
    sp = scipy.special
    for f, g in [(tf.math.erf, sp.erf), (tf.math.erfc, sp.erfc), (tf.math.lgamma, sp.gammaln),
                 (tf.math.digamma, sp.psi), (tf.math.bessel_i0e, sp.i0e), (tf.math.bessel_i1e, sp.i1e),
                 (tf.math.bessel_i0, sp.i0), (tf.math.bessel_i1, sp.i1)]:
        close(f(xt), g(x))
    close(tf.math.erfinv(tf.constant(x / 4)), sp.erfinv(x / 4))
    close(tf.math.igamma(xt, xt[::-1]), sp.gammainc(x, x[::-1]))
    close(tf.math.zeta(xt + 1.5, xt), sp.zeta(x + 1.5, x))
    close(tf.math.polygamma(tf.constant([0.0, 1.0, 2.0, 3.0, 1.0], tf.float64), xt),
          [sp.polygamma(n, v) for n, v in zip([0, 1, 2, 3, 1], x)])
    close(tf.math.lbeta(tf.constant(x.reshape(1, 5))), [np.sum(sp.gammaln(x)) - sp.gammaln(x.sum())])
    assert tf.math.erf(tf.constant([0.5], tf.float16)).dtype == tf.float16


def test_igamma_da_series_matches_finite_differences():
    from tapeflow.prims.special import igamma_grad_a_series as _igamma_da_series
    a, x = np.array([0.5, 2.0, 7.0]), np.array([0.3, 2.5, 30.0])
    h = 1e-5
    fd = (scipy.special.gammainc(a + h, x) - scipy.special.gammainc(a - h, x)) / (2 * h)
    np.testing.assert_allclose(_igamma_da_series(a, x, 1), fd, rtol=1e-5, atol=1e-9)


def test_reduction_values():
    x = normal(3, 4)
    xt = tf.constant(x)
    close(tf.math.reduce_logsumexp(xt, axis=1), scipy.special.logsumexp(x, axis=1))
    close(tf.math.reduce_variance(xt, axis=0), np.var(x, axis=0))
    close(tf.math.reduce_std(xt), np.std(x))
    close(tf.math.cumulative_logsumexp(xt, axis=1), np.logaddexp.accumulate(x, axis=1))
    close(tf.math.count_nonzero(tf.constant([[0, 1], [2, 0]]), axis=0), [1, 1])
    big = tf.constant([1000.0, 1000.0])
    close(tf.math.reduce_logsumexp(big), 1000 + np.log(2), rtol=1e-6)


def test_segment_values():
    data = normal(6, 2)
    ids = np.array([3, 0, -1, 3, 1, 0])
    out = tf.math.unsorted_segment_sum(tf.constant(data), tf.constant(ids), 4).numpy()
    want = np.zeros((4, 2))
    for i, s in enumerate(ids):
        if s >= 0:
            want[s] += data[i]
    close(out, want)
    mx = tf.math.unsorted_segment_max(tf.constant(data), tf.constant(ids), 4).numpy()
    assert mx[2, 0] == np.finfo(np.float64).min
    close(mx[3], np.maximum(data[0], data[3]))


def test_linalg_values():
    a = well_conditioned(3, (2,))
    at = tf.constant(a)
    close(tf.linalg.inv(at), np.linalg.inv(a))
    close(tf.linalg.det(at), np.linalg.det(a))
    b = normal(2, 3, 2)
    close(tf.linalg.solve(at, tf.constant(b)), np.linalg.solve(a, b))
    s = spd(3)
    close(tf.linalg.cholesky(tf.constant(s)), np.linalg.cholesky(s))
    close(tf.linalg.logdet(tf.constant(s)), np.linalg.slogdet(s)[1])
    close(tf.linalg.expm(tf.constant(a * 3)), scipy.linalg.expm(a * 3), rtol=1e-9)
    close(tf.linalg.expm(tf.constant(a.astype(np.float32))), scipy.linalg.expm(a), rtol=1e-4)
    m = normal(4, 3)
    close(tf.linalg.pinv(tf.constant(m)), np.linalg.pinv(m))
    close(tf.linalg.lstsq(tf.constant(m), tf.constant(normal(4, 1) * 0 + 1)),
          np.linalg.lstsq(m, np.ones((4, 1)), rcond=None)[0])
    close(tf.linalg.svd(tf.constant(m), compute_uv=False), np.linalg.svd(m, compute_uv=False))
    close(tf.linalg.eigvalsh(tf.constant(s)), np.linalg.eigvalsh(s))
    close(tf.linalg.triangular_solve(tf.constant(a[0]), tf.constant(b[0])),
          scipy.linalg.solve_triangular(a[0], b[0], lower=True))
    x, y = normal(2, 3, 4), normal(4, 5)
    close(tf.einsum("bij,jk->bik", tf.constant(x), tf.constant(y)), np.einsum("bij,jk->bik", x, y))
    close(tf.linalg.norm(tf.constant(m), ord=2, axis=[0, 1]), np.linalg.norm(m, 2))


def test_indexing_values():
    p = normal(3, 4, 5)
    idx = np.array([[[0, 1], [2, 3]], [[1, 1], [0, 4]], [[2, 0], [1, 2]]])
    close(tf.gather(tf.constant(p), tf.constant(idx), axis=2, batch_dims=1),
          np.stack([p[b][:, idx[b]] for b in range(3)]))
    x = distinct(3, 4)
    close(tf.sort(tf.constant(x), axis=0), np.sort(x, axis=0))
    close(tf.argsort(tf.constant(x), direction="DESCENDING"), np.argsort(-x, axis=-1))
    s = np.sort(normal(2, 6), axis=1)
    v = normal(2, 3)
    close(tf.searchsorted(tf.constant(s), tf.constant(v)),
          np.stack([np.searchsorted(s[i], v[i]) for i in range(2)]))
    y, i = tf.unique(tf.constant([4, 1, 4, 2, 1]))
    assert y.numpy().tolist() == [4, 1, 2] and i.numpy().tolist() == [0, 1, 0, 2, 1]
    close(tf.roll(tf.constant(x), 2, 1), np.roll(x, 2, 1))
    close(tf.repeat(tf.constant(x), 3, axis=0), np.repeat(x, 3, axis=0))
    oh = tf.one_hot([[0, 2], [1, -1]], 3, on_value=5.0, off_value=-1.0, axis=1)
    assert oh.shape == (2, 3, 2) and oh.numpy()[0, 2, 1] == 5.0 and oh.numpy()[1, 0, 1] == -1.0


# ============================================================================================
# Non-differentiable ops: None gradients (TruncateMod has no gradient at all in TF)
# ============================================================================================
NON_DIFFERENTIABLE = [
    ("argsort", lambda x: tf.cast(tf.argsort(x), tf.float64) * x),
    ("top_k_indices", lambda x: tf.cast(tf.math.top_k(x, 2).indices, tf.float64)),
    ("truncatediv", lambda x: tf.truncatediv(x, tf.constant(2.0, tf.float64))),
    ("rint", tf.math.rint),
    ("count_nonzero", lambda x: tf.cast(tf.math.count_nonzero(x), tf.float64)),
    ("searchsorted", lambda x: tf.cast(tf.searchsorted(tf.sort(x), x), tf.float64)),
    ("unique", lambda x: tf.unique(x).y),
]


@pytest.mark.parametrize("name,fn", NON_DIFFERENTIABLE, ids=[r[0] for r in NON_DIFFERENTIABLE])
def test_non_differentiable_gives_none(name, fn):
    x = tf.constant([0.3, 2.5, 1.7], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
    g = tape.gradient(y, x)
    if name in ("argsort", "unique"):  # x flows through the multiplication / values only
        assert g is None or np.all(np.isfinite(g.numpy()))
    else:
        assert g is None or not np.any(g.numpy())


def test_nextafter_gradient_is_tfs():
    # TF: d nextafter(x1, x2) / dx1 = 1 and / dx2 = 0
    x1, x2 = tf.constant([0.3, 2.5], tf.float64), tf.constant([1.0, 0.0], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch([x1, x2])
        y = tf.math.nextafter(x1, x2) * tf.constant([2.0, 3.0], tf.float64)
    g1, g2 = tape.gradient(y, [x1, x2])
    np.testing.assert_array_equal(g1.numpy(), [2.0, 3.0])
    np.testing.assert_array_equal(g2.numpy(), [0.0, 0.0])


def test_truncatemod_has_no_gradient_like_tf():
    x = tf.constant([3.5], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.truncatemod(x, tf.constant([2.0], tf.float64))
    with pytest.raises(LookupError):
        tape.gradient(y, x)


def test_import_does_not_load_scipy():
    import subprocess
    import sys
    code = "import sys, tapeflow; print('scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_errors_match_tf_types():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.math.erf(tf.constant([1, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.linalg.inv(tf.constant([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.math.segment_sum(tf.constant([1.0, 2.0]), tf.constant([1, 0]))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.gather_nd(tf.constant([1.0]), [[2]])
    with pytest.raises(TypeError):
        tf.math.reduce_std(tf.constant([1, 2]))
    with pytest.raises(ValueError):
        tf.norm(tf.ones((2, 2)), ord=-1)


# ============================================================================================
# The gradient of a matmul whose factor was broadcast over batch axes
# ============================================================================================
@pytest.mark.parametrize("sa,sb,ta,tb", [
    ((50, 4, 4), (30, 50, 4, 1), False, False),   # matvec with a broadcast matrix
    ((2, 1, 3, 4), (5, 4, 2), False, False),
    ((3, 4), (6, 4, 2), False, False),
    ((6, 4, 3), (3, 2), False, False),
    ((2, 1, 4, 3), (5, 4, 2), True, False),
    ((2, 1, 3, 4), (5, 2, 4), False, True),
    ((1, 5, 4, 3), (2, 1, 2, 4), True, True),
])
def test_broadcast_matmul_gradients_fold_the_broadcast_axes(sa, sb, ta, tb):
    """Each factor's gradient equals the broadcast product summed to its shape, and no op of the
    backward pass produces the broadcast product (for a matvec, a stack of outer products)."""
    from tapeflow.framework import op as op_module
    rng = np.random.default_rng(sum(sa + sb))
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    g_np = rng.standard_normal(np.matmul(np.swapaxes(a, -1, -2) if ta else a,
                                         np.swapaxes(b, -1, -2) if tb else b).shape)
    at, bt, g = tf.constant(a), tf.constant(b), tf.constant(g_np)
    with tf.GradientTape() as tape:
        tape.watch([at, bt])
        y = tf.matmul(at, bt, transpose_a=ta, transpose_b=tb)

    class Largest(op_module.Recorder):
        size = 0

        def record(self, op, inputs, outputs, attrs):
            Largest.size = max([Largest.size] + [o._value.size for o in outputs])
    watch = Largest()
    watch.push()
    try:
        ga, gb = tape.gradient(y, [at, bt], output_gradients=g)
    finally:
        watch.pop()
    # the reference: the broadcast products, summed to each factor's shape
    am = np.swapaxes(a, -1, -2) if ta else a
    bm = np.swapaxes(b, -1, -2) if tb else b
    full_a = g_np @ np.swapaxes(bm, -1, -2)
    full_b = np.swapaxes(am, -1, -2) @ g_np

    def summed(full, shape, transposed):
        lead = full.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(lead + i for i, d in enumerate(shape[:-2])
                                          if d == 1 and full.shape[lead + i] != 1)
        out = full.sum(axis=axes, keepdims=True).reshape(
            shape if not transposed else shape[:-2] + (shape[-1], shape[-2]))
        return np.swapaxes(out, -1, -2) if transposed else out
    np.testing.assert_allclose(ga.numpy(), summed(full_a, sa, ta), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gb.numpy(), summed(full_b, sb, tb), rtol=1e-10, atol=1e-12)
    assert Largest.size <= max(a.size, b.size, g_np.size), "a broadcast product was materialised"


@pytest.mark.parametrize("sa,sb,ta,tb", [((50, 4, 4), (3, 50, 4, 1), False, False),
                                         ((2, 1, 3, 4), (5, 2, 4), False, True),
                                         ((1, 5, 4, 3), (2, 1, 2, 4), True, True)])
def test_broadcast_matmul_jacobians_vectorized_equal_per_row(sa, sb, ta, tb):
    """The folded gradient also takes batched cotangents (vectorized jacobians)."""
    rng = np.random.default_rng(len(sa) + len(sb))
    a, b = tf.constant(rng.standard_normal(sa)), tf.constant(rng.standard_normal(sb))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, b])
        y = tf.matmul(a, b, transpose_a=ta, transpose_b=tb)
    fast = tape.jacobian(y, [a, b])
    slow = tape.jacobian(y, [a, b], experimental_use_pfor=False)
    for f, s in zip(fast, slow):
        np.testing.assert_allclose(f.numpy(), s.numpy(), rtol=1e-12, atol=1e-12)
