"""Special functions and the rest of `tf.math`, public API: erf, the gamma family, Bessel
functions, xlogy, logsumexp, moments, polyval, top-k, bincount, ... Each function converts and
checks its arguments (TF's dtype rules) and calls the primitive layer (`tapeflow.prims.special`,
and `tapeflow.prims.indexing` for top_k), where the ops' records live; the rest are compositions
of public ops, as in TF.

    >>> tf.math.erf(tf.constant([0.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.8427008], dtype=float32)>
"""
import builtins
import collections
import itertools

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, dtype_mismatch, op_error
from ..framework.op import apply, apply1
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..prims import indexing as PI
from ..prims.special import (
    BESSEL_I0,
    BESSEL_I0E,
    BESSEL_I1,
    BESSEL_I1E,
    BETAINC,
    CUMLOGSUMEXP,
    DIGAMMA,
    ERF,
    ERFC,
    ERFINV,
    EUCLIDEAN_NORM,
    IGAMMA,
    IGAMMAC,
    LGAMMA,
    MUL_NO_NAN,
    NDTRI,
    NEXTAFTER,
    POLYGAMMA,
    RINT,
    TRUNCATEDIV,
    TRUNCATEMOD,
    XDIVY,
    XLOG1PY,
    XLOGY,
    ZETA,
)
from . import array_ops as A
from . import math_ops as M
from ._common import axis_tuple, binary, pair, t, unary
from .indexing_ops import scatter_nd


def _public(op, name, doc):
    def f(x, name=None):
        return unary(op, x)
    f.__name__ = name
    f.__doc__ = doc
    return f


erf = _public(ERF, "erf", """The Gauss error function.

    >>> tf.math.erf([0.0, 1.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.8427008], dtype=float32)>
    """)
erfc = _public(ERFC, "erfc", """1 - erf(x), accurate for large x.

    >>> tf.math.erfc([0.0, 3.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.0000000e+00, 2.2090497e-05], dtype=float32)>
    """)
erfinv = _public(ERFINV, "erfinv", """The inverse of erf on (-1, 1).

    >>> tf.math.erfinv([0.5])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.47693628], dtype=float32)>
    """)
ndtri = _public(NDTRI, "ndtri", """The inverse of the standard normal CDF.

    >>> tf.math.ndtri([0.975])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.9599644], dtype=float32)>
    """)
lgamma = _public(LGAMMA, "lgamma", """log |Gamma(x)|.

    >>> tf.math.lgamma([0.5, 3.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5723649, 0.6931472], dtype=float32)>
    """)
digamma = _public(DIGAMMA, "digamma", """Psi, the derivative of lgamma.

    >>> tf.math.digamma([1.0])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([-0.5772157], dtype=float32)>
    """)
bessel_i0 = _public(BESSEL_I0, "bessel_i0", """Modified Bessel function I0.

    >>> tf.math.bessel_i0([1.0])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.2660658], dtype=float32)>
    """)
bessel_i0e = _public(BESSEL_I0E, "bessel_i0e", """exp(-|x|) I0(x), the scaled modified Bessel function.

    >>> tf.math.bessel_i0e([1.0])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.4657596], dtype=float32)>
    """)
bessel_i1 = _public(BESSEL_I1, "bessel_i1", """Modified Bessel function I1.

    >>> tf.math.bessel_i1([1.0])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5651591], dtype=float32)>
    """)
bessel_i1e = _public(BESSEL_I1E, "bessel_i1e", """exp(-|x|) I1(x), the scaled modified Bessel function.

    >>> tf.math.bessel_i1e([1.0])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.20791042], dtype=float32)>
    """)
rint = _public(RINT, "rint", """Rounds to the nearest integer, half to even.

    >>> tf.math.rint([0.5, 1.5])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
    """)


# -- two-argument special functions -------------------------------------------------------------
def polygamma(a, x, name=None):
    """The a-th derivative of digamma at x (a a non-negative integer, as a float tensor).

    >>> tf.math.polygamma(1.0, 2.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6449340581893921>
    """
    return binary(POLYGAMMA, a, x)


def zeta(x, q, name=None):
    """The Hurwitz zeta function, sum over n of (n + q) ** -x.

    >>> tf.math.zeta(2.0, 1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.644934058189392>
    """
    return binary(ZETA, x, q)


def igamma(a, x, name=None):
    """The lower regularized incomplete gamma function P(a, x).

    >>> tf.math.igamma(1.0, 1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6321205496788025>
    """
    return binary(IGAMMA, a, x)


def igammac(a, x, name=None):
    """The upper regularized incomplete gamma function Q(a, x) = 1 - P(a, x).

    >>> tf.math.igammac(1.0, 1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.3678794503211975>
    """
    return binary(IGAMMAC, a, x)


def betainc(a, b, x, name=None):
    """The regularized incomplete beta function I_x(a, b) (differentiable in x only, as in TF).
    a, b and x have one shape, or some of them are scalars.

    >>> tf.math.betainc(1.0, 2.0, 0.3)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.5100000500679016>
    """
    a, b = pair(a, b, "Betainc")
    x = convert_to_tensor(x, dtype=a.dtype) if not isinstance(x, Tensor) else x
    if x._value.dtype != a._value.dtype:
        raise dtype_mismatch("Betainc", 2, a.dtype, x.dtype)
    BETAINC.check(a)
    shapes = [(n, v._value.shape) for n, v in (("a", a), ("b", b), ("x", x)) if v._value.ndim]
    for (n1, s1), (n2, s2) in itertools.pairwise(shapes):
        if s1 != s2:
            raise op_error(InvalidArgumentError, "Betainc",
                           f"Shapes of {n1} and {n2} are inconsistent: {list(s1)} vs. {list(s2)}")
    return apply(BETAINC, (a, b, x))


def lbeta(x, name=None):
    """log(|Beta(x)|) over the last dimension: sum(lgamma(x)) - lgamma(sum(x)).

    >>> tf.math.lbeta([[1.0, 2.0]])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([-0.6931472], dtype=float32)>
    """
    x = t(x)
    return M.reduce_sum(lgamma(x), axis=-1) - lgamma(M.reduce_sum(x, axis=-1))


# -- xlogy family: 0 where x == 0, even when y is 0 ------------------------------------------------
def xlogy(x, y, name=None):
    """x * log(y), and 0 where x == 0.

    >>> tf.math.xlogy(0.0, 0.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return binary(XLOGY, x, y)


def xlog1py(x, y, name=None):
    """x * log1p(y), and 0 where x == 0.

    >>> tf.math.xlog1py(0.0, -1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return binary(XLOG1PY, x, y)


def xdivy(x, y, name=None):
    """x / y, and 0 where x == 0.

    >>> tf.math.xdivy(0.0, 0.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return binary(XDIVY, x, y)


def multiply_no_nan(x, y, name=None):
    """x * y, but 0 where y == 0 even if x is inf or nan.

    >>> tf.math.multiply_no_nan(float("inf"), 0.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
    """
    return binary(MUL_NO_NAN, x, y)


_DIV_NO_NAN_TYPES = (D.float16, D.float32, D.float64, D.complex64, D.complex128)


def reciprocal_no_nan(x, name=None):
    """1 / x, and 0 where x == 0 (floating and complex x only, as TF's DivNoNan).

    >>> tf.math.reciprocal_no_nan([0.0, 2.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0. , 0.5], dtype=float32)>
    """
    x = t(x)
    one = convert_to_tensor(1, dtype=x.dtype)  # (TypeError for bool, as TF)
    if x.dtype not in _DIV_NO_NAN_TYPES:
        raise op_error(InvalidArgumentError, "DivNoNan",
                       f"Value for attr 'T' of {x.dtype.name} is not in the list of allowed "
                       f"values: half, float, bfloat16, double, complex64, complex128")
    return M.div_no_nan(one, x)


def log_sigmoid(x, name=None):
    """log(sigmoid(x)) = -softplus(-x), stable for large |x|.

    >>> tf.math.log_sigmoid([0.0])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([-0.6931472], dtype=float32)>
    """
    x = t(x)
    return -M.softplus(-x)




# -- truncating division, nextafter ---------------------------------------------------------------
def truncatediv(x, y, name=None):
    """x / y rounded toward zero (C semantics); not differentiable.

    >>> tf.truncatediv(-7, 2)
    <tf.Tensor: shape=(), dtype=int32, numpy=-3>
    """
    return binary(TRUNCATEDIV, x, y)


def truncatemod(x, y, name=None):
    """The remainder of truncating division (C's fmod); it has the sign of x. TF defines no
    gradient for it (differentiating through it raises LookupError, as in TF).

    >>> tf.truncatemod(-7, 3)
    <tf.Tensor: shape=(), dtype=int32, numpy=-1>
    """
    return binary(TRUNCATEMOD, x, y)


def nextafter(x1, x2, name=None):
    """The next representable value after x1 in the direction of x2.

    >>> tf.math.nextafter(1.0, 2.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0000001192092896>
    """
    return binary(NEXTAFTER, x1, x2)


# -- cumulative logsumexp --------------------------------------------------------------------------
def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None):
    """log(cumsum(exp(x))) along `axis`, computed stably.

    >>> tf.math.cumulative_logsumexp([0.0, 0.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.6931472], dtype=float32)>
    """
    x = t(x)
    CUMLOGSUMEXP.check(x)
    axis = int(getattr(axis, "_value", axis))
    nd = x._value.ndim
    if not -nd <= axis < nd:
        raise op_error(InvalidArgumentError, "CumulativeLogsumexp",
                       f"Expected axis in the range [{-nd}, {nd}), but got {axis}")
    return apply1(CUMLOGSUMEXP, x, {"axis": axis % nd, "exclusive": bool(exclusive),
                                    "reverse": bool(reverse)})


# -- reductions built from primitives, as TF builds them ------------------------------------------
def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """log(sum(exp(x))) over `axis`, shifted by the max for stability (as TF).

    >>> tf.math.reduce_logsumexp([0.0, 0.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6931471824645996>
    """
    x = t(input_tensor)
    raw_max = M.reduce_max(x, axis, keepdims=True)
    shift = A.stop_gradient(A.where(M.is_finite(raw_max), raw_max, A.zeros_like(raw_max)))
    out = M.log(M.reduce_sum(M.exp(x - shift), axis, keepdims=keepdims))
    if not keepdims:
        shift = A.reshape(shift, out._value.shape)
    return out + shift


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """The variance over `axis` (mean squared deviation; |.|^2 for complex).

    >>> tf.math.reduce_variance([1.0, 3.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    x = t(input_tensor)
    means = M.reduce_mean(x, axis, keepdims=True)
    if means.dtype.is_integer:
        raise TypeError(f"Input must be either real or complex. Received integer type "
                        f"{means.dtype!s}.")
    diff = x - means
    if diff.dtype.is_complex:
        sq = M.real(M.conj(diff) * diff)
    else:
        sq = M.square(diff)
    return M.reduce_mean(sq, axis, keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """The standard deviation over `axis`.

    >>> tf.math.reduce_std([1.0, 3.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    return M.sqrt(reduce_variance(t(input_tensor), axis, keepdims))


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """sqrt(sum(|x|^2)) over `axis` (TF op `EuclideanNorm`): complex input gives a complex
    result, integers the truncated integer norm.

    >>> tf.math.reduce_euclidean_norm([3.0, 4.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    x = t(input_tensor)
    EUCLIDEAN_NORM.check(x)
    axes = axis_tuple(axis, x._value.ndim, "EuclideanNorm")
    return apply1(EUCLIDEAN_NORM, x, {"axis": axes, "keepdims": bool(keepdims)})


def count_nonzero(input, axis=None, keepdims=None, dtype=D.int64, name=None):
    """The number of non-zero (non-empty, True) elements over `axis`, as `dtype`.

    >>> tf.math.count_nonzero([0.0, 1.5, 2.0])
    <tf.Tensor: shape=(), dtype=int64, numpy=2>
    """
    x = t(input)
    keepdims = bool(keepdims)
    if x._value.dtype == object:  # strings: non-empty ones count
        v = x._value
        nz = np.vectorize(lambda s: len(s) != 0, otypes=[bool])(v) if v.size else np.zeros(v.shape,
                                                                                           bool)
        predicate = wrap(nz)
    elif x.dtype == D.bool_:
        predicate = x
    else:
        predicate = M.not_equal(x, A.zeros([], x.dtype))
    counts = M.reduce_sum(M.cast(predicate, D.int64), axis, keepdims=keepdims)
    return M.cast(counts, dtype)


def polyval(coeffs, x, name=None):
    """coeffs[0] * x**(n-1) + ... + coeffs[n-1], by Horner's rule (differentiable in all).
    `coeffs` is a list, as in TF.

    >>> tf.math.polyval([1.0, 0.0, -1.0], 2.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    """
    is_list = isinstance(coeffs, list)
    if not is_list:  # TF raises ValueError here
        raise ValueError(f"Argument coeffs must be list type. Received type {type(coeffs)}.")
    x = t(x)
    if not coeffs:
        return A.zeros_like(x)
    coeffs = [t(c) for c in coeffs]
    p = coeffs[0]
    for c in coeffs[1:]:
        p = c + p * x
    return p


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x / sqrt(max(sum(x**2, axis), epsilon)).

    >>> tf.math.l2_normalize([3.0, 4.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    """
    x = t(x)
    axis = dim if axis is None else axis
    if x._value.dtype.kind == "c":
        square_sum = M.real(M.reduce_sum(M.square(M.real(x)) + M.square(M.imag(x)), axis,
                                         keepdims=True))
        inv = M.rsqrt(M.maximum(square_sum, epsilon))
        return M.complex_(M.real(x) * inv, M.imag(x) * inv)
    square_sum = M.reduce_sum(M.square(x), axis, keepdims=True)
    return x * M.rsqrt(M.maximum(square_sum, epsilon))


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """The elementwise sum of a list of tensors (deprecated in TF; same as add_n).

    >>> tf.math.accumulate_n([tf.ones(2), tf.ones(2)])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 2.], dtype=float32)>
    """
    return M.add_n(inputs)


_PERMUTATION_TYPES = (np.dtype(np.int32), np.dtype(np.int64))


def invert_permutation(x, name=None):
    """The inverse permutation: y[x[i]] = i.

    >>> tf.math.invert_permutation([2, 0, 1])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 0], dtype=int32)>
    """
    x = t(x)
    v = x._value
    if v.dtype not in _PERMUTATION_TYPES:
        raise op_error(InvalidArgumentError, "InvertPermutation",
                       f"Value for attr 'T' of {x.dtype.name} is not in the list of allowed "
                       f"values: int32, int64")
    if v.ndim != 1:
        raise op_error(InvalidArgumentError, "InvertPermutation",
                       "invert_permutation expects a 1D vector.")
    n = v.size
    out = np.full(n, -1, v.dtype)
    for i, d in enumerate(v.tolist()):
        if not 0 <= d < n:
            raise op_error(InvalidArgumentError, "InvertPermutation",
                           f"{d} is not between 0 and {n}")
        if out[d] >= 0:
            raise op_error(InvalidArgumentError, "InvertPermutation", f"{d} is duplicated in the "
                                                                      f"input.")
        out[d] = i
    return wrap(out)


def _monotonic_pairs(x):
    """(x[1:], x[:-1]) of x flattened, or None for fewer than two elements (TF compares them
    directly, in x's dtype)."""
    x = t(x)
    if x.dtype == D.bool_ or x._value.dtype == object:
        raise TypeError(f"Expected x to be numeric, instead found: {A.reshape(x, [-1])}")
    v = np.asarray(x._value).reshape(-1)
    if v.size < 2:
        return None
    if v.dtype.kind == "c":
        raise op_error(InvalidArgumentError, "GreaterEqual",
                       f"Value for attr 'T' of {x.dtype.name} is not in the list of allowed "
                       f"values: float, double, int32, uint8, int16, int8, int64, bfloat16, "
                       f"uint16, half, uint32, uint64")
    return v[1:], v[:-1]


def is_non_decreasing(x, name=None):
    """True if the (flattened) values never decrease (each x[i+1] >= x[i]).

    >>> tf.math.is_non_decreasing([1, 2, 2])
    <tf.Tensor: shape=(), dtype=bool, numpy=True>
    """
    pairs = _monotonic_pairs(x)
    return wrap(np.bool_(pairs is None or np.all(pairs[0] >= pairs[1])))


def is_strictly_increasing(x, name=None):
    """True if the (flattened) values strictly increase (each x[i+1] > x[i]).

    >>> tf.math.is_strictly_increasing([1, 2, 3])
    <tf.Tensor: shape=(), dtype=bool, numpy=True>
    """
    pairs = _monotonic_pairs(x)
    return wrap(np.bool_(pairs is None or np.all(pairs[0] > pairs[1])))


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=D.int32, name=None, axis=None,
             binary_output=False):
    """Counts of each value in the non-negative int array `arr` (weighted sums with `weights`);
    `axis=-1` counts each row of a 2-D array separately. Non-integer `arr` is cast to int32, as
    in TF. Not differentiable.

    >>> tf.math.bincount([1, 1, 3])
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 2, 0, 1], dtype=int32)>
    """
    x = t(arr)
    if weights is not None and binary_output:
        raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. Please "
                         "specify only one.")
    if x._value.dtype.kind not in "iu":
        x = M.cast(x, D.int32)
    a = np.asarray(x._value)
    if a.dtype not in _PERMUTATION_TYPES:
        raise op_error(InvalidArgumentError, "DenseBincount",
                       f"Value for attr 'Tidx' of {x.dtype.name} is not in the list of allowed "
                       f"values: int32, int64")
    if np.any(a < 0):
        raise op_error(InvalidArgumentError, "DenseBincount", "Input arr must be non-negative!")
    w = None if weights is None else np.asarray(t(weights)._value)
    out_dt = D.as_dtype(dtype)._np if w is None else w.dtype
    length = int(a.max()) + 1 if a.size else 0
    if minlength is not None:
        length = builtins.max(length, int(getattr(minlength, "_value", minlength)))
    if maxlength is not None:
        length = builtins.min(length, int(getattr(maxlength, "_value", maxlength)))
    if axis is not None and int(axis) not in (0, -1):
        raise ValueError(f"Unsupported value for argument axis={axis}. Only 0 and -1 are "
                         f"currently supported.")
    per_row = axis is not None and int(axis) == -1 and a.ndim == 2
    if per_row:
        rows = np.broadcast_to(np.arange(a.shape[0])[:, None], a.shape)
        keep = a < length
        out = np.zeros((a.shape[0], length), out_dt)
        vals = np.ones(a.shape, out_dt) if w is None else w.astype(out_dt)
        np.add.at(out, (rows[keep], a[keep]), vals[keep])
    else:
        flat = a.reshape(-1)
        keep = flat < length
        out = np.zeros(length, out_dt)
        vals = np.ones(flat.shape, out_dt) if w is None else w.reshape(-1).astype(out_dt)
        np.add.at(out, flat[keep], vals[keep])
    if binary_output:
        out = (out != 0).astype(out_dt)
    return wrap(out)


def confusion_matrix(labels, predictions, num_classes=None, weights=None, dtype=D.int32, name=None):
    """The (num_classes, num_classes) matrix counting (label, prediction) pairs.

    >>> tf.math.confusion_matrix([0, 1], [1, 1])
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[0, 1],
           [0, 1]], dtype=int32)>
    """
    lab = np.asarray(t(labels)._value).astype(np.int64).reshape(-1)
    pred = np.asarray(t(predictions)._value).astype(np.int64).reshape(-1)
    if num_classes is None:
        n = int(builtins.max(lab.max(initial=-1), pred.max(initial=-1))) + 1
    else:
        n = int(getattr(num_classes, "_value", num_classes))
    if np.any(lab < 0) or np.any(pred < 0) or np.any(lab >= n) or np.any(pred >= n):
        raise op_error(InvalidArgumentError, "assert_less", "`labels` and `predictions` must be in "
                                                            "[0, num_classes)")
    dt = D.as_dtype(dtype)
    upd = A.ones(lab.shape, dt) if weights is None else M.cast(t(weights), dt)
    idx = wrap(np.stack([lab, pred], axis=1))
    return scatter_nd(idx, A.reshape(upd, [-1]), [n, n])


# -- top_k, in_top_k -------------------------------------------------------------------------------
TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


def top_k(input, k=1, sorted=True, index_type=D.int32, name=None):
    """The k largest entries along the last axis and their indices (ties: lower index first).

    >>> tf.math.top_k([1.0, 5.0, 3.0], k=2)
    TopKV2(values=<tf.Tensor: shape=(2,), dtype=float32, numpy=array([5., 3.], dtype=float32)>, indices=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>)
    """
    x = t(input)
    PI.TOP_K.check(x)
    v = x._value
    k = int(getattr(k, "_value", k))
    if k < 0:
        raise op_error(InvalidArgumentError, "TopKV2", f"Need k >= 0, got {k}")
    if v.ndim == 0:
        raise op_error(InvalidArgumentError, "TopKV2",
                       f"input must be >= 1-D, got shape {list(v.shape)}")
    if v.shape[-1] < k:
        raise op_error(InvalidArgumentError, "TopKV2",
                       f"input must have at least k columns. Had {v.shape[-1]}, needed {k}")
    values, indices = PI.top_k(x, k, bool(sorted))
    index_type = D.as_dtype(index_type)
    if index_type != D.int32:
        indices = M.cast(indices, index_type)
    return TopKV2(values, indices)


def in_top_k(targets, predictions, k, name=None):
    """Whether each target class is among the k largest predictions of its row (ties count in);
    False for a row with a non-finite prediction or an out-of-range target.

    >>> tf.math.in_top_k([1], [[0.1, 0.9]], 1)
    <tf.Tensor: shape=(1,), dtype=bool, numpy=array([ True])>
    """
    p = t(predictions)
    if p.dtype != D.float32:
        raise ValueError(f"Tensor conversion requested dtype float32 for Tensor with dtype "
                         f"{p.dtype.name}: {p!r}")
    tg = t(targets)
    if tg._value.dtype not in _PERMUTATION_TYPES:
        raise op_error(InvalidArgumentError, "InTopKV2",
                       f"Value for attr 'T' of {tg.dtype.name} is not in the list of allowed "
                       f"values: int32, int64")
    pv, tv = np.asarray(p._value), np.asarray(tg._value).astype(np.int64)
    k = int(getattr(k, "_value", k))
    n_classes = pv.shape[1]
    in_range = (tv >= 0) & (tv < n_classes)
    target_val = np.take_along_axis(pv, np.where(in_range, tv, 0)[:, None], axis=1)
    with np.errstate(invalid="ignore"):
        greater = np.sum(pv > target_val, axis=1)
    ok = (greater < k) & in_range & np.all(np.isfinite(pv), axis=1)
    return wrap(ok)
