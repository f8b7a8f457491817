"""Special functions and the rest of `tf.math`: erf, gamma family, Bessel, xlogy, logsumexp, moments,
polyval, top-k helpers, ... Each primitive's NumPy/SciPy forward, gradient and JVP sit together.

SciPy is imported lazily (inside forwards), so `import tapeflow` stays fast.

    >>> tf.math.erf(tf.constant([0.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.8427008], dtype=float32)>
"""
import builtins
import collections
import math

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InternalError, InvalidArgumentError, op_error
from ..framework.errors import dtype_not_allowed
from ..framework.op import apply, apply1, apply2, defop
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from . import array_ops as A
from . import math_ops as M
from ..prims import math as PM
from ._common import FLOAT, FLOAT_COMPLEX, REAL, axis_tuple, binary, pair, t, unary
from ..prims._linearize import jvp_from_grad


def _special():
    import scipy.special  # lazily: SciPy costs ~100 ms to import
    return scipy.special


def _const(like, value):
    return wrap(np.asarray(value, like._value.dtype)[()])


def _scipy_forward(fname):
    """A forward calling scipy.special.<fname>, keeping the input dtype (float16 via float32)."""
    def forward(*vs):
        dt = vs[0].dtype
        args = [v.astype(np.float32) if dt == np.float16 else v for v in vs]
        return np.asarray(getattr(_special(), fname)(*args), dtype=dt)[()]
    return forward


def _elementwise(name, forward, deriv, allowed=FLOAT):
    """A one-input op with derivative `deriv(x, y)` (tapeflow ops): grad g*f', jvp dx*f'."""
    return defop(name, forward, lambda op, g: g * deriv(op.inputs[0], op.outputs[0]),
                 lambda op, dx: dx * deriv(op.inputs[0], op.outputs[0]), allowed=allowed)


def _public(op, name, doc):
    def f(x, name=None):
        return unary(op, x)
    f.__name__ = name
    f.__doc__ = doc
    return f


_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)

ERF = _elementwise("Erf", _scipy_forward("erf"),
                   lambda x, y: _const(x, _TWO_OVER_SQRT_PI) * M.exp(-M.square(x)))
ERFC = _elementwise("Erfc", _scipy_forward("erfc"),
                    lambda x, y: _const(x, -_TWO_OVER_SQRT_PI) * M.exp(-M.square(x)))
ERFINV = _elementwise("Erfinv", _scipy_forward("erfinv"),
                      lambda x, y: _const(x, math.sqrt(math.pi) / 2) * M.exp(M.square(y)))
NDTRI = _elementwise("Ndtri", _scipy_forward("ndtri"),
                     lambda x, y: _const(x, math.sqrt(2 * math.pi)) * M.exp(M.square(y) * _const(y, 0.5)))
LGAMMA = _elementwise("Lgamma", _scipy_forward("gammaln"), lambda x, y: digamma(x))
DIGAMMA = _elementwise("Digamma", _scipy_forward("psi"),
                       lambda x, y: polygamma(_const(x, 1.0), x))
BESSEL_I0 = _elementwise("BesselI0", _scipy_forward("i0"), lambda x, y: bessel_i1(x))
BESSEL_I0E = _elementwise("BesselI0e", _scipy_forward("i0e"),
                          lambda x, y: bessel_i1e(x) - M.sign(x) * y)


def _tiny_safe(x):
    """(|x| > eps, x with tiny values replaced by eps): TF's guard for the 1/x in I1 derivatives."""
    eps = np.finfo(x._value.dtype).eps
    big = M.greater(M.abs(x), _const(x, eps))
    return big, A.where(big, x, A.zeros_like(x) + _const(x, eps))


def _i1_deriv(x, y):  # I1'(x) = I0(x) - I1(x) / x, 0.5 at 0
    big, safe = _tiny_safe(x)
    d = bessel_i0(safe) - y / safe
    return A.where(big, d, A.zeros_like(x) + _const(x, 0.5))


def _i1e_deriv(x, y):  # I1e'(x) = I0e(x) - I1e(x) (sign(x) + 1/x), 0.5 at 0
    big, safe = _tiny_safe(x)
    d = bessel_i0e(safe) - y * (M.sign(safe) + M.reciprocal(safe))
    return A.where(big, d, A.zeros_like(x) + _const(x, 0.5))


BESSEL_I1 = _elementwise("BesselI1", _scipy_forward("i1"), _i1_deriv)
BESSEL_I1E = _elementwise("BesselI1e", _scipy_forward("i1e"), _i1e_deriv)
RINT = defop("Rint", np.rint, lambda op, g: None, lambda op, dx: A.zeros_like(dx), allowed=FLOAT)

def _doc(summary, example):
    return f"{summary}\n\n    >>> tf.math.{example}\n"


erf = _public(ERF, "erf", _doc("The Gauss error function.", "erf([0.0, 1.0])"))
erfc = _public(ERFC, "erfc", _doc("1 - erf(x), accurate for large x.", "erfc([0.0, 3.0])"))
erfinv = _public(ERFINV, "erfinv", _doc("The inverse of erf on (-1, 1).", "erfinv([0.5])"))
ndtri = _public(NDTRI, "ndtri", _doc("The inverse of the standard normal CDF.", "ndtri([0.975])"))
lgamma = _public(LGAMMA, "lgamma", _doc("log |Gamma(x)|.", "lgamma([0.5, 3.0])"))
digamma = _public(DIGAMMA, "digamma", _doc("Psi, the derivative of lgamma.", "digamma([1.0])"))
bessel_i0 = _public(BESSEL_I0, "bessel_i0", _doc("Modified Bessel function I0.", "bessel_i0([1.0])"))
bessel_i0e = _public(BESSEL_I0E, "bessel_i0e", _doc("exp(-|x|) I0(x), the scaled modified Bessel "
                                                    "function.", "bessel_i0e([1.0])"))
bessel_i1 = _public(BESSEL_I1, "bessel_i1", _doc("Modified Bessel function I1.", "bessel_i1([1.0])"))
bessel_i1e = _public(BESSEL_I1E, "bessel_i1e", _doc("exp(-|x|) I1(x), the scaled modified Bessel "
                                                    "function.", "bessel_i1e([1.0])"))
rint = _public(RINT, "rint", _doc("Rounds to the nearest integer, half to even.", "rint([0.5, 1.5])"))


# -- two-argument special functions -------------------------------------------------------------
def _polygamma_np(n, x):
    dt = x.dtype
    nn, xx = np.broadcast_arrays(n, x)
    out = np.full(nn.shape, np.nan, np.float64)
    ok = (nn >= 0) & (nn == np.floor(nn))
    if np.any(ok):
        out[ok] = _special().polygamma(nn[ok].astype(np.int64), xx[ok].astype(np.float64))
    return out.astype(dt)[()]


POLYGAMMA = defop("Polygamma", _polygamma_np,
                  lambda op, g: (None, g * polygamma(op.inputs[0] + _const(g, 1.0), op.inputs[1])),
                  lambda op, dn, dx: None if dx is None else dx * polygamma(
                      op.inputs[0] + _const(dx, 1.0), op.inputs[1]),
                  allowed=(D.float32, D.float64))
ZETA = defop("Zeta", _scipy_forward("zeta"),
             lambda op, g: (None, g * -op.inputs[0] * zeta(op.inputs[0] + _const(g, 1.0), op.inputs[1])),
             lambda op, ds, dq: None if dq is None else dq * -op.inputs[0] * zeta(
                 op.inputs[0] + _const(dq, 1.0), op.inputs[1]),
             allowed=(D.float32, D.float64))


def polygamma(a, x, name=None):
    """The a-th derivative of digamma at x (a a non-negative integer, as a float tensor).

    >>> tf.math.polygamma(1.0, 2.0)
    """
    return binary(POLYGAMMA, a, x)


def zeta(x, q, name=None):
    """The Hurwitz zeta function, sum over n of (n + q) ** -x.

    >>> tf.math.zeta(2.0, 1.0)
    """
    return binary(ZETA, x, q)


# Regularized incomplete gamma P(a, x) and Q = 1 - P. d/dx is the Gamma(a) density; d/da has no
# closed form and is summed from the series P = sum_n exp((a+n) log x - x - lgamma(a+n+1)).
def _igamma_da_series(a, x, order):
    """d^order P(a, x) / da^order for order 1 or 2, by the series above (float64, vectorized)."""
    sp = _special()
    a64, x64 = np.broadcast_arrays(np.asarray(a, np.float64), np.asarray(x, np.float64))
    out = np.zeros(a64.shape)
    ok = (x64 > 0) & (a64 > 0)
    if not np.any(ok):
        return out
    av, xv = a64[ok], x64[ok]
    n_terms = int(np.max(xv + 12 * np.sqrt(xv) + 40))
    n = np.arange(n_terms, dtype=np.float64)[:, None]
    k = av[None, :] + n + 1
    log_term = (av + n) * np.log(xv) - xv - sp.gammaln(k)
    term = np.exp(log_term)
    lx_minus_psi = np.log(xv) - sp.psi(k)
    if order == 1:
        out[ok] = np.sum(term * lx_minus_psi, axis=0)
    else:
        out[ok] = np.sum(term * (lx_minus_psi ** 2 - sp.polygamma(1, k)), axis=0)
    return out


def _gamma_density(a, x):  # x^(a-1) e^-x / Gamma(a)
    return M.exp(-x + (a - _const(a, 1.0)) * M.log(x) - lgamma(a))


IGAMMA_GRAD_A2 = defop(
    "IgammaGradA2", lambda a, x: _igamma_da_series(a, x, 2).astype(a.dtype)[()],
    lambda op, g: (None, g * _gamma_density(*op.inputs) * (
        M.square(M.log(op.inputs[1]) - digamma(op.inputs[0])) - polygamma(_const(g, 1.0), op.inputs[0]))),
    jvp_from_grad, allowed=(D.float32, D.float64))  # third derivatives in a: not provided
IGAMMA_GRAD_A = defop(
    "IgammaGradA", lambda a, x: _igamma_da_series(a, x, 1).astype(a.dtype)[()],
    lambda op, g: (g * apply2(IGAMMA_GRAD_A2, *op.inputs),
                   g * _gamma_density(*op.inputs) * (M.log(op.inputs[1]) - digamma(op.inputs[0]))),
    jvp_from_grad, allowed=(D.float32, D.float64))


def _igamma_partials(op):
    a, x = op.inputs
    return apply2(IGAMMA_GRAD_A, a, x), _gamma_density(a, x)


def _igamma_grad(sign):
    def grad(op, g):
        pa, px = _igamma_partials(op)
        if sign < 0:
            pa, px = -pa, -px
        return g * pa, g * px
    return grad


def _igamma_jvp(sign):
    def jvp(op, da, dx):
        pa, px = _igamma_partials(op)
        out = PM._sum_tangents(None if da is None else da * pa, None if dx is None else dx * px)
        return None if out is None else (out if sign > 0 else -out)
    return jvp


IGAMMA = defop("Igamma", _scipy_forward("gammainc"), _igamma_grad(1), _igamma_jvp(1),
               allowed=(D.float32, D.float64))
IGAMMAC = defop("Igammac", _scipy_forward("gammaincc"), _igamma_grad(-1), _igamma_jvp(-1),
                allowed=(D.float32, D.float64))
def _betainc_grad(op, g):  # TF: no gradient for a and b; d/dx is the Beta(a, b) density
    a, b, x = op.inputs
    one = _const(x, 1.0)
    log_beta = lgamma(a) + lgamma(b) - lgamma(a + b)
    return None, None, g * M.exp(xlog1py(b - one, -x) + xlogy(a - one, x) - log_beta)


BETAINC = defop("Betainc", lambda a, b, x: _scipy_forward("betainc")(a, b, x), _betainc_grad,
                jvp_from_grad, allowed=(D.float32, D.float64))


def igamma(a, x, name=None):
    """The lower regularized incomplete gamma function P(a, x).

    >>> tf.math.igamma(1.0, 1.0)
    """
    return binary(IGAMMA, a, x)


def igammac(a, x, name=None):
    """The upper regularized incomplete gamma function Q(a, x) = 1 - P(a, x).

    >>> tf.math.igammac(1.0, 1.0)
    """
    return binary(IGAMMAC, a, x)


def betainc(a, b, x, name=None):
    """The regularized incomplete beta function I_x(a, b) (differentiable in x only, as in TF).

    >>> tf.math.betainc(1.0, 2.0, 0.3)
    """
    a, b = pair(a, b, "Betainc")
    x = convert_to_tensor(x, dtype=a.dtype) if not isinstance(x, Tensor) else x
    if a._value.dtype not in BETAINC._allowed_np:
        raise dtype_not_allowed(BETAINC, a.dtype)
    return apply(BETAINC, (a, b, x))


def lbeta(x, name=None):
    """log(|Beta(x)|) over the last dimension: sum(lgamma(x)) - lgamma(sum(x)).

    >>> tf.math.lbeta([[1.0, 2.0]])
    """
    x = t(x)
    return M.reduce_sum(lgamma(x), axis=-1) - lgamma(M.reduce_sum(x, axis=-1))


# -- xlogy family: 0 where x == 0, even when y is 0 ------------------------------------------------
def _x_nonzero(x):
    return M.cast(M.not_equal(x, A.zeros_like(x)), x._value.dtype)


def _xlogy_np(x, y):
    with np.errstate(all="ignore"):
        return np.where(x == 0, np.zeros((), x.dtype), x * np.log(y)).astype(x.dtype)[()]


def _xlog1py_np(x, y):
    with np.errstate(all="ignore"):
        return np.where(x == 0, np.zeros((), x.dtype), x * np.log1p(y)).astype(x.dtype)[()]


def _xdivy_np(x, y):
    with np.errstate(all="ignore"):
        return np.where(x == 0, np.zeros((), x.dtype), x / y).astype(x.dtype)[()]


def _two_partials(partials):
    """grad and jvp for f(x, y) from `partials(x, y) -> (df/dx, df/dy)` in tapeflow ops."""
    def grad(op, g):
        px, py = partials(*op.inputs)
        return g * px, g * py

    def jvp(op, dx, dy):
        px, py = partials(*op.inputs)
        return PM._output_shaped(op, PM._sum_tangents(None if dx is None else dx * px,
                                                    None if dy is None else dy * py))
    return grad, jvp


XLOGY = defop("Xlogy", _xlogy_np,
              *_two_partials(lambda x, y: (xlogy(_x_nonzero(x), y), xdivy(x, y))), allowed=FLOAT_COMPLEX)
XLOG1PY = defop("Xlog1py", _xlog1py_np,
                *_two_partials(lambda x, y: (xlog1py(_x_nonzero(x), y), xdivy(x, y + _const(y, 1.0)))),
                allowed=FLOAT_COMPLEX)
XDIVY = defop("Xdivy", _xdivy_np,
              *_two_partials(lambda x, y: (xdivy(_x_nonzero(x), y), xdivy(-x, M.square(y)))),
              allowed=FLOAT_COMPLEX)


def xlogy(x, y, name=None):
    """x * log(y), and 0 where x == 0.

    >>> tf.math.xlogy(0.0, 0.0)
    """
    return binary(XLOGY, x, y)


def xlog1py(x, y, name=None):
    """x * log1p(y), and 0 where x == 0.

    >>> tf.math.xlog1py(0.0, -1.0)
    """
    return binary(XLOG1PY, x, y)


def xdivy(x, y, name=None):
    """x / y, and 0 where x == 0.

    >>> tf.math.xdivy(0.0, 0.0)
    """
    return binary(XDIVY, x, y)


def _mul_no_nan_np(x, y):
    with np.errstate(all="ignore"):
        return np.where(y == 0, np.zeros((), x.dtype), x * y).astype(x.dtype)[()]


MUL_NO_NAN = defop(
    "MulNoNan", _mul_no_nan_np,
    lambda op, g: (multiply_no_nan(g, op.inputs[1]), multiply_no_nan(op.inputs[0], g)),
    lambda op, dx, dy: PM._output_shaped(op, PM._sum_tangents(
        None if dx is None else multiply_no_nan(dx, op.inputs[1]),
        None if dy is None else multiply_no_nan(op.inputs[0], dy))),
    allowed=FLOAT_COMPLEX)


def multiply_no_nan(x, y, name=None):
    """x * y, but 0 where y == 0 even if x is inf or nan.

    >>> tf.math.multiply_no_nan(float("inf"), 0.0)
    """
    return binary(MUL_NO_NAN, x, y)


def reciprocal_no_nan(x, name=None):
    """1 / x, and 0 where x == 0.

    >>> tf.math.reciprocal_no_nan([0.0, 2.0])
    """
    x = t(x)
    return M.div_no_nan(A.ones_like(x), x)


def log_sigmoid(x, name=None):
    """log(sigmoid(x)) = -softplus(-x), stable for large |x|.

    >>> tf.math.log_sigmoid([0.0])
    """
    x = t(x)
    return -M.softplus(-x)


# -- truncating division, nextafter: no gradient in TF ---------------------------------------------
def _truncatediv_np(x, y):
    if x.dtype.kind in "iu":
        if np.any(np.asarray(y) == 0):
            raise op_error(InternalError, "TruncateDiv",
                           "Unexpected error in binary operator (only integer div and mod should "
                           "have errors)")
        q = np.abs(x) // np.abs(y)
        return (np.sign(x) * np.sign(y) * q).astype(x.dtype)[()]
    return np.trunc(x / y).astype(x.dtype)[()]


def _truncatemod_np(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise op_error(InvalidArgumentError, "TruncateMod", "Integer division by zero")
    return np.fmod(x, y)


TRUNCATEDIV = defop("TruncateDiv", _truncatediv_np, lambda op, g: (None, None),
                    lambda op, dx, dy: A.zeros_like(op.outputs[0]), allowed=REAL)
TRUNCATEMOD = defop("TruncateMod", _truncatemod_np, None, None, allowed=REAL)  # TF: no gradient
NEXTAFTER = defop("NextAfter", np.nextafter, lambda op, g: (None, None),
                  lambda op, dx, dy: A.zeros_like(op.outputs[0]), allowed=(D.float32, D.float64))


def truncatediv(x, y, name=None):
    """x / y rounded toward zero (C semantics); not differentiable.

    >>> tf.truncatediv(-7, 2)
    """
    return binary(TRUNCATEDIV, x, y)


def truncatemod(x, y, name=None):
    """The remainder of truncating division (C's fmod); it has the sign of x.

    >>> tf.truncatemod(-7, 3)
    """
    return binary(TRUNCATEMOD, x, y)


def nextafter(x1, x2, name=None):
    """The next representable value after x1 in the direction of x2.

    >>> tf.math.nextafter(1.0, 2.0)
    """
    return binary(NEXTAFTER, x1, x2)


# -- cumulative logsumexp --------------------------------------------------------------------------
def _cumlogsumexp_np(v, axis, exclusive, reverse):
    if reverse:
        v = np.flip(v, axis)
    with np.errstate(all="ignore"):
        out = np.logaddexp.accumulate(v, axis=axis, dtype=v.dtype if v.dtype != np.float16 else np.float32)
    out = out.astype(v.dtype)
    if exclusive:
        head_shape = list(v.shape)
        head_shape[axis] = 1
        head = np.full(head_shape, -np.inf, v.dtype)
        out = np.concatenate([head, np.take(out, builtins.range(v.shape[axis] - 1), axis=axis)], axis)
    if reverse:
        out = np.flip(out, axis)
    return out


def _log_of_parts(v):
    """(log of the positive part, log of the negative part) of v; -inf where that part is 0."""
    zero = A.zeros_like(v)
    ninf = zero + _const(v, -np.inf)
    pos, neg = M.greater(v, zero), M.less(v, zero)
    one = A.ones_like(v)
    return (A.where(pos, M.log(A.where(pos, v, one)), ninf),
            A.where(neg, M.log(A.where(neg, -v, one)), ninf))


def _cumlogsumexp_grad(op, g):
    """d/dx_j = sum over outputs i that include j of g_i exp(x_j - y_i), split by the sign of g
    and summed in log space (as TF), so large |x| cannot overflow."""
    x, y = op.inputs[0], op.outputs[0]
    a = op.attrs
    y_safe = A.where(M.is_finite(y), y, A.zeros_like(y))
    log_pos, log_neg = _log_of_parts(g)
    back = dict(axis=a["axis"], exclusive=a["exclusive"], reverse=not a["reverse"])
    pos = M.exp(cumulative_logsumexp(log_pos - y_safe, **back) + x)
    neg = M.exp(cumulative_logsumexp(log_neg - y_safe, **back) + x)
    return pos - neg


def _cumlogsumexp_jvp(op, dx):
    """dy_i = sum over inputs j in output i of exp(x_j - y_i) dx_j, split by the sign of dx."""
    x, y = op.inputs[0], op.outputs[0]
    y_safe = A.where(M.is_finite(y), y, A.zeros_like(y))
    log_pos, log_neg = _log_of_parts(dx)
    pos = M.exp(cumulative_logsumexp(log_pos + x, **op.attrs) - y_safe)
    neg = M.exp(cumulative_logsumexp(log_neg + x, **op.attrs) - y_safe)
    return pos - neg


CUMLOGSUMEXP = defop("CumulativeLogsumexp", _cumlogsumexp_np, _cumlogsumexp_grad, _cumlogsumexp_jvp,
                     allowed=FLOAT)


def cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False, name=None):
    """log(cumsum(exp(x))) along `axis`, computed stably.

    >>> tf.math.cumulative_logsumexp([0.0, 0.0])
    """
    x = t(x)
    if x._value.dtype not in CUMLOGSUMEXP._allowed_np:
        raise dtype_not_allowed(CUMLOGSUMEXP, x.dtype)
    axis = int(getattr(axis, "_value", axis))
    nd = x._value.ndim
    if not -nd <= axis < nd:
        raise op_error(InvalidArgumentError, "CumulativeLogsumexp",
                       f"Expected axis in the range [{-nd}, {nd}), but got {axis}")
    return apply1(CUMLOGSUMEXP, x, {"axis": axis % nd, "exclusive": bool(exclusive),
                                    "reverse": bool(reverse)})


# -- reductions built from primitives --------------------------------------------------------------
_IS_FINITE_OP = defop("IsFinite", np.isfinite, allowed=FLOAT)


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """log(sum(exp(x))) over `axis`, shifted by the max for stability (as TF).

    >>> tf.math.reduce_logsumexp([0.0, 0.0])
    """
    x = t(input_tensor)
    raw_max = M.reduce_max(x, axis, keepdims=True)
    finite = unary(_IS_FINITE_OP, raw_max)
    shift = A.stop_gradient(A.where(finite, raw_max, A.zeros_like(raw_max)))
    out = M.log(M.reduce_sum(M.exp(x - shift), axis, keepdims=True)) + shift
    if not keepdims:
        out = A.reshape(out, M.reduce_sum(A.zeros_like(x), axis)._value.shape)
    return out


def _check_real_or_complex(x):
    if x._value.dtype.kind not in "fc":
        raise TypeError(f"Input must be either real or complex. Received integer type {x.dtype!s}.")


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """The variance over `axis` (mean squared deviation; |.|^2 for complex).

    >>> tf.math.reduce_variance([1.0, 3.0])
    """
    x = t(input_tensor)
    _check_real_or_complex(x)
    diff = x - M.reduce_mean(x, axis, keepdims=True)
    sq = M.square(M.abs(diff)) if x._value.dtype.kind == "c" else M.square(diff)
    return M.reduce_mean(sq, axis, keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """The standard deviation over `axis`.

    >>> tf.math.reduce_std([1.0, 3.0])
    """
    x = t(input_tensor)
    _check_real_or_complex(x)
    return M.sqrt(reduce_variance(x, axis, keepdims))


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """sqrt(sum(|x|^2)) over `axis`; integers give the truncated integer norm, as TF.

    >>> tf.math.reduce_euclidean_norm([3.0, 4.0])
    """
    x = t(input_tensor)
    if x._value.dtype.kind in "iu":
        axes = axis_tuple(axis, x._value.ndim, "EuclideanNorm")
        v = np.sum(x._value.astype(np.float64) ** 2, axis=axes, keepdims=bool(keepdims))
        return wrap(np.sqrt(v).astype(x._value.dtype)[()])
    return M.sqrt(M.reduce_sum(M.real(x * M.conj(x)) if x._value.dtype.kind == "c" else x * x,
                               axis, keepdims))


def count_nonzero(input, axis=None, keepdims=None, dtype=D.int64, name=None):  # noqa: A002
    """The number of non-zero (non-empty, True) elements over `axis`, as `dtype`.

    >>> tf.math.count_nonzero([0.0, 1.5, 2.0])
    """
    x = t(input)
    v = x._value
    if v.dtype == object:
        nz = np.vectorize(lambda s: len(s) != 0, otypes=[bool])(v) if v.size else np.zeros(v.shape, bool)
    else:
        nz = v != 0
    axes = axis_tuple(axis, v.ndim, "Sum")
    out = np.sum(nz, axis=axes, keepdims=bool(keepdims), dtype=np.int64)
    return wrap(np.asarray(out).astype(D.as_dtype(dtype)._np)[()])


def polyval(coeffs, x, name=None):
    """coeffs[0] * x**(n-1) + ... + coeffs[n-1], by Horner's rule (differentiable in all).

    >>> tf.math.polyval([1.0, 0.0, -1.0], 2.0)
    """
    if isinstance(coeffs, Tensor):
        coeffs = A.unstack(coeffs)
    x = t(x)
    if not coeffs:
        return A.zeros_like(x)
    coeffs = [convert_to_tensor(c, dtype=x.dtype) if not isinstance(c, Tensor) else c for c in coeffs]
    p = coeffs[0]
    for c in coeffs[1:]:
        p = c + p * x
    return p


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x / sqrt(max(sum(x**2, axis), epsilon)).

    >>> tf.math.l2_normalize([3.0, 4.0])
    """
    x = t(x)
    axis = dim if axis is None else axis
    if x._value.dtype.kind == "c":
        sq = M.reduce_sum(M.square(M.real(x)) + M.square(M.imag(x)), axis, keepdims=True)
        inv = M.rsqrt(M.maximum(sq, _const(sq, epsilon)))
        return x * M.complex_(inv, A.zeros_like(inv))
    sq = M.reduce_sum(M.square(x), axis, keepdims=True)
    return x * M.rsqrt(M.maximum(sq, _const(sq, epsilon)))


def accumulate_n(inputs, shape=None, tensor_dtype=None, name=None):
    """The elementwise sum of a list of tensors (deprecated in TF; same as add_n).

    >>> tf.math.accumulate_n([tf.ones(2), tf.ones(2)])
    """
    return M.add_n(inputs)


def invert_permutation(x, name=None):
    """The inverse permutation: y[x[i]] = i.

    >>> tf.math.invert_permutation([2, 0, 1])
    """
    x = t(x)
    v = np.asarray(x._value)
    if v.ndim != 1:
        raise op_error(InvalidArgumentError, "InvertPermutation", "invert_permutation expects a 1D vector.")
    out = np.empty_like(v)
    if v.size and (np.sort(v) != np.arange(v.size)).any():
        raise op_error(InvalidArgumentError, "InvertPermutation", f"{v.tolist()} is not a permutation")
    out[v] = np.arange(v.size, dtype=v.dtype)
    return wrap(out)


def is_non_decreasing(x, name=None):
    """True if the (flattened) values never decrease.

    >>> tf.math.is_non_decreasing([1, 2, 2])
    """
    v = np.asarray(t(x)._value).reshape(-1)
    return wrap(np.bool_(np.all(v[1:] >= v[:-1])))


def is_strictly_increasing(x, name=None):
    """True if the (flattened) values strictly increase.

    >>> tf.math.is_strictly_increasing([1, 2, 3])
    """
    v = np.asarray(t(x)._value).reshape(-1)
    return wrap(np.bool_(np.all(v[1:] > v[:-1])))


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=D.int32, name=None, axis=None,
             binary_output=False):
    """Counts of each value in the non-negative int array `arr` (weighted sums with `weights`);
    `axis=-1` counts each row of a 2-D array separately. Not differentiable.

    >>> tf.math.bincount([1, 1, 3])
    """
    a = np.asarray(t(arr)._value)
    if a.dtype.kind not in "iu":
        raise op_error(InvalidArgumentError, "Bincount", f"arr must be an integer tensor, got {a.dtype}")
    if np.any(a < 0):
        raise op_error(InvalidArgumentError, "Bincount", "Input arr must be non-negative!")
    w = None if weights is None else np.asarray(t(weights)._value)
    out_dt = D.as_dtype(dtype)._np if w is None else w.dtype
    length = int(a.max()) + 1 if a.size else 0
    if minlength is not None:
        length = builtins.max(length, int(getattr(minlength, "_value", minlength)))
    if maxlength is not None:
        length = builtins.min(length, int(getattr(maxlength, "_value", maxlength)))
    if axis is not None and int(axis) not in (0, -1):
        raise ValueError(f"Unsupported axis value {axis}. Only 0 and -1 are currently supported.")
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
    """
    from .indexing_ops import scatter_nd
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


def _descending_order(v, axis=-1):
    """Indices that sort v descending along axis; ties keep the lower index first (as TF)."""
    if v.dtype.kind == "u":
        v = v.astype(np.int64)
    elif v.dtype.kind == "b":
        v = v.astype(np.int8)
    if v.dtype.kind == "i":
        return np.argsort(~v, axis=axis, kind="stable")  # ~v = -v - 1 reverses order without overflow
    return np.argsort(-v, axis=axis, kind="stable")


def top_k(input, k=1, sorted=True, index_type=D.int32, name=None):  # noqa: A002
    """The k largest entries along the last axis and their indices (ties: lower index first).

    >>> tf.math.top_k([1.0, 5.0, 3.0], k=2)
    """
    from .indexing_ops import take_along_axis
    x = t(input)
    v = x._value
    k = int(getattr(k, "_value", k))
    if v.ndim == 0:
        raise op_error(InvalidArgumentError, "TopKV2", "input must be at least 1-dimensional")
    if k < 0:
        raise op_error(InvalidArgumentError, "TopKV2", f"Need k >= 0, got {k}")
    if v.shape[-1] < k:
        raise op_error(InvalidArgumentError, "TopKV2",
                       f"input must have at least k columns. Had {v.shape[-1]}, needed {k}")
    order = _descending_order(v)[..., :k]
    values = take_along_axis(x, wrap(order), axis=-1)
    return TopKV2(values, wrap(order.astype(D.as_dtype(index_type)._np)))


def in_top_k(targets, predictions, k, name=None):
    """Whether each target class is among the k largest predictions of its row (ties count in).

    >>> tf.math.in_top_k([1], [[0.1, 0.9]], 1)
    """
    tg = np.asarray(t(targets)._value)
    p = np.asarray(t(predictions)._value)
    k = int(getattr(k, "_value", k))
    target_val = np.take_along_axis(p, tg[:, None].astype(np.int64), axis=1)
    greater = np.sum(p > target_val, axis=1)
    ok = (greater < k) & np.isfinite(target_val[:, 0])
    return wrap(ok)
