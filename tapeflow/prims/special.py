"""Special-function primitives: erf and its inverses, the gamma family (lgamma, digamma,
polygamma, zeta, the incomplete gamma and beta functions), Bessel functions, xlogy and friends,
truncating division, nextafter, the cumulative logsumexp and the Euclidean norm.
Each primitive is one complete record; its unchecked binder follows it.

The NumPy/SciPy forwards give TF's values (those of its Eigen kernels) at the edges of each
domain: digamma is NaN at 0 and at the negative integers, lgamma(-inf) is inf, float64
erf(+-inf) is NaN, zeta and polygamma follow Eigen's rules for q <= 0 and NaN, igamma(a, 0) is 0
for every a, ... Gradients are TF's formulas (math_grad.py), unconjugated where TF's are.
SciPy is imported lazily (inside forwards), so `import tapeflow` stays fast.

    >>> from tapeflow.prims import special as PS
    >>> PS.lgamma(tf.constant([-np.inf, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([inf,  0.], dtype=float32)>
"""
import math

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InternalError, op_error
from ..framework.op import apply, apply1, apply2, defop
from . import base as P
from ._common import (
    FLOAT,
    FLOAT_COMPLEX,
    NUMERIC,
    REAL,
    broadcast,
    bshape,
    reduction,
    same,
    scalar_like,
)
from ._linearize import jvp_from_grad
from .base import axis_shift, elementwise, restore_reduced, select, unary, zeros_like
from .math import (
    add,
    cast,
    div,
    elementwise_op,
    equal,
    exp,
    greater,
    is_finite,
    less,
    log,
    mul,
    neg,
    not_equal,
    reciprocal,
    sign,
    square,
    sub,
)

F32_F64 = (D.float32, D.float64)
_HALF = (D.float16,)


def _special():
    import scipy.special  # lazily: SciPy costs ~100 ms to import
    return scipy.special


def _in_float(fn):
    """A forward running `fn` on float32/float64 arrays (float16 through float32, as Eigen) and
    returning the first input's dtype. (NumPy's warnings from tapeflow's modules are muted
    globally: TF computes silently.)"""
    def forward(*vs):
        dt = vs[0].dtype
        if dt == np.float16:
            vs = [v.astype(np.float32) for v in vs]
        return np.asarray(fn(*vs), dtype=dt)[()]
    return forward


def _all_finite(a):
    """True when no element of `a` is inf or NaN (one cheap reduction)."""
    return math.isfinite(np.add.reduce(a, axis=None)) if a.size else True


def _scipy(fname):
    return _in_float(lambda *vs: getattr(_special(), fname)(*vs))


# ============================================================================================
# TF's values at the edges of the domains (Eigen's special-function kernels)
# ============================================================================================
def _erf_np(x):
    out = _special().erf(x)
    if x.dtype == np.float64:  # Eigen's double erf is NaN where x * x overflows (|x| > 1.34e154,
        square = x * x         # +-inf too); its float erf gives +-1
        if not _all_finite(square):
            out = np.where(np.isinf(square), np.nan, out)
    return out


def _lgamma_np(x):
    out = _special().gammaln(x)
    if not _all_finite(out):  # lgamma(-inf) is inf (SciPy: -inf)
        out = np.where(x == -np.inf, np.inf, out)
    return out


def _digamma_np(x):
    """psi(x); NaN at 0 (either sign), the negative integers and -inf, as Eigen (SciPy gives
    -+inf at +-0, NaN at the others)."""
    out = _special().psi(x)
    if not _all_finite(out):
        out = np.where(x == 0, np.nan, out)
    return out


def _zeta_np(x, q):
    """The Hurwitz zeta function with Eigen's (Cephes') rules: inf at x == 1, NaN for x < 1 or
    NaN inputs; for q a non-positive integer, inf when x is an even integer, else NaN; for other
    q <= 0, NaN unless x is an integer; for huge x, the first term q ** -x is the whole sum."""
    x, q = np.broadcast_arrays(x, q)
    out = np.asarray(_special().zeta(x, q), x.dtype)
    q_int = q == np.floor(q)
    x_int = x == np.floor(x)
    x_even = x_int & ((x >= 2.0 ** 63) | (np.fmod(x, 2) == 0))  # (huge x count as even, as Eigen)
    out = np.where((q <= 0) & q_int, np.where(x_even, np.inf, np.nan), out)
    out = np.where((q <= 0) & ~q_int & ~x_int, np.nan, out)
    huge = (x > 1) & (q > 0) & np.isnan(out) & ~np.isnan(q)
    out = np.where(huge, np.power(q, -x), out)
    out = np.where(np.isnan(x) | np.isnan(q) | (x < 1), np.nan, out)
    return np.where(x == 1, np.inf, out)


def _polygamma_np(n, x):
    """psi^(n)(x) = (-1)^(n+1) n! zeta(n + 1, x) for integer n >= 1, digamma for n == 0, NaN for
    other n (Eigen's formula, so n = inf gives its infinities and NaNs too)."""
    n, x = np.broadcast_arrays(n, x)
    nplus = n + 1
    sign_ = np.where(np.isinf(nplus) | (np.fmod(nplus, 2) == 0), 1.0, -1.0)
    out = sign_ * np.exp(_special().gammaln(nplus)) * _zeta_np(nplus, x)
    out = np.where(n == 0, _digamma_np(x), out)
    return np.where((np.floor(n) == n) & (n >= 0), out, np.nan)


def _outside_gamma_domain(a, x):
    return (x < 0) | (a <= 0) | np.isnan(a) | np.isnan(x)


def _igamma_np(a, x):
    """P(a, x): 0 where x == 0 (for every a), NaN outside a > 0, x >= 0; 0 for a = inf."""
    a, x = np.broadcast_arrays(a, x)
    out = np.where(a == np.inf, 0.0, _special().gammainc(a, x))
    out = np.where(_outside_gamma_domain(a, x), np.nan, out)
    return np.where(x == 0, 0.0, out)


def _igammac_np(a, x):
    """Q(a, x) = 1 - P(a, x): NaN outside a > 0, x >= 0; 1 for a = inf (0 if x is inf too)."""
    a, x = np.broadcast_arrays(a, x)
    out = np.where(a == np.inf, np.where(x == np.inf, 0.0, 1.0), _special().gammaincc(a, x))
    return np.where(_outside_gamma_domain(a, x), np.nan, out)


_MAX_TERMS = 20000     # terms of the d/da series per element (beyond: the sum is ~0 anyway)
_CHUNK_VALUES = 2_000_000  # terms x elements evaluated at once


def igamma_grad_a_series(a, x, order=1):
    """d^order P(a, x) / da^order for order 1 or 2 (float64 arrays), from the series
    P = sum_n exp((a+n) log x - x - lgamma(a+n+1)): its terms peak near n = x - a, and only the
    ones within ~12 standard deviations of the peak are summed. TF's values at the edges: 0 where
    x == 0 or a or x is infinite, NaN outside the domain.

    >>> round(float(igamma_grad_a_series(1.0, 1.0)), 6)
    -0.43173
    """
    sp = _special()
    a64, x64 = np.broadcast_arrays(np.asarray(a, np.float64), np.asarray(x, np.float64))
    out = np.zeros(a64.shape)
    with np.errstate(all="ignore"):
        ok = (x64 > 0) & (a64 > 0) & np.isfinite(a64) & np.isfinite(x64)
        av_all, xv_all = a64[ok], x64[ok]
        vals = np.empty(av_all.shape)
        width = 12 * np.sqrt(xv_all) + 40
        start = np.floor(np.maximum(xv_all - av_all - width, 0))
        span = int(min(np.max(2 * width, initial=0) + 1, _MAX_TERMS))
        chunk = max(1, _CHUNK_VALUES // max(span, 1))
        for lo in range(0, av_all.size, chunk):
            av, xv = av_all[lo:lo + chunk], xv_all[lo:lo + chunk]
            n = start[lo:lo + chunk][None, :] + np.arange(span, dtype=np.float64)[:, None]
            k = av + n + 1
            term = np.exp((av + n) * np.log(xv) - xv - sp.gammaln(k))
            lx_minus_psi = np.log(xv) - sp.psi(k)
            if order == 1:
                vals[lo:lo + chunk] = np.sum(term * lx_minus_psi, axis=0)
            else:
                vals[lo:lo + chunk] = np.sum(term * (lx_minus_psi ** 2 - sp.polygamma(1, k)),
                                             axis=0)
        out[ok] = vals
        out[(x64 != 0) & _outside_gamma_domain(a64, x64)] = np.nan
    return out


# ============================================================================================
# Elementwise one-input functions: grad = g * f'(x), jvp = dx * f'(x) (prims.math.elementwise_op)
# ============================================================================================
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def _i1_deriv(x, y):
    """I1'(x) = I0(x) - I1(x) / x; TF imputes 1 at x == 0."""
    return select(equal(x, zeros_like(x)), scalar_like(x, 1.0), sub(bessel_i0(x), div(y, x)))


def _i1e_deriv(x, y):
    """I1e'(x) = I0e(x) - I1e(x) (sign(x) + 1/x); TF imputes 0.5 at x == 0."""
    return select(equal(x, zeros_like(x)), scalar_like(x, 0.5),
                  sub(bessel_i0e(x), mul(y, add(sign(x), reciprocal(x)))))


ERF = elementwise_op("Erf", _in_float(_erf_np), lambda x, y: mul(
    scalar_like(x, _TWO_OVER_SQRT_PI), exp(neg(square(x)))), allowed=FLOAT)
ERFC = elementwise_op("Erfc", _scipy("erfc"), lambda x, y: mul(
    scalar_like(x, -_TWO_OVER_SQRT_PI), exp(neg(square(x)))), allowed=FLOAT)
ERFINV = elementwise_op("Erfinv", _scipy("erfinv"), lambda x, y: mul(
    scalar_like(x, math.sqrt(math.pi) / 2), exp(square(y))), allowed=F32_F64, no_kernel=_HALF)
NDTRI = elementwise_op("Ndtri", _scipy("ndtri"), lambda x, y: mul(
    scalar_like(x, math.sqrt(2 * math.pi)), exp(div(square(y), scalar_like(y, 2.0)))),
    allowed=F32_F64, no_kernel=_HALF)
LGAMMA = elementwise_op("Lgamma", _in_float(_lgamma_np), lambda x, y: digamma(x), allowed=FLOAT)
DIGAMMA = elementwise_op("Digamma", _in_float(_digamma_np),
                         lambda x, y: polygamma(scalar_like(x, 1.0), x), allowed=FLOAT)
BESSEL_I0 = elementwise_op("BesselI0", _scipy("i0"), lambda x, y: bessel_i1(x), allowed=FLOAT)
BESSEL_I0E = elementwise_op("BesselI0e", _scipy("i0e"),
                            lambda x, y: sub(bessel_i1e(x), mul(sign(x), y)), allowed=FLOAT)
BESSEL_I1 = elementwise_op("BesselI1", _scipy("i1"), _i1_deriv, allowed=FLOAT)
BESSEL_I1E = elementwise_op("BesselI1e", _scipy("i1e"), _i1e_deriv, allowed=FLOAT)
# TF: the gradient of Rint is None (zero), and so is its tangent
RINT = defop("Rint", np.rint, lambda op, g: None, lambda op, dx: None, allowed=F32_F64,
             no_kernel=_HALF, shape=same, batch=unary, batched_grad=True)


def erf(x):
    return apply1(ERF, x)


def erfc(x):
    return apply1(ERFC, x)


def erfinv(x):
    return apply1(ERFINV, x)


def ndtri(x):
    return apply1(NDTRI, x)


def lgamma(x):
    return apply1(LGAMMA, x)


def digamma(x):
    return apply1(DIGAMMA, x)


def bessel_i0(x):
    return apply1(BESSEL_I0, x)


def bessel_i0e(x):
    return apply1(BESSEL_I0E, x)


def bessel_i1(x):
    return apply1(BESSEL_I1, x)


def bessel_i1e(x):
    return apply1(BESSEL_I1E, x)


def rint(x):
    return apply1(RINT, x)


# ============================================================================================
# Two-input functions from their partial derivatives: grad_i = g * partial_i (as TF: not
# conjugated), jvp = sum_i dx_i * partial_i. A partial `p(x, y, z)` (z: the output) is written
# with binders; None marks an input TF gives no gradient.
# ============================================================================================
def _from_partials(px, py):
    def grad(op, g):
        x, y = op.inputs
        z = op.outputs[0]
        needs = op.needs_input_grad
        gx = None if px is None or (needs is not None and not needs[0]) else mul(g, px(x, y, z))
        gy = None if py is None or (needs is not None and not needs[1]) else mul(g, py(x, y, z))
        return gx, gy

    def jvp(op, dx, dy):
        x, y = op.inputs
        z = op.outputs[0]
        out = None
        if dx is not None and px is not None:
            out = mul(dx, px(x, y, z))
        if dy is not None and py is not None:
            out = P.sum_tangents(out, mul(dy, py(x, y, z)))
        return P.output_shaped(op, out)
    return grad, jvp


def _binary_op(name, forward, px, py, allowed, **facts):
    grad, jvp = _from_partials(px, py)
    return defop(name, forward, grad, jvp, allowed=allowed, shape=broadcast, batch=elementwise,
                 batched_grad=True, **facts)


def _one(x):
    return scalar_like(x, 1.0)


def _gamma_density(a, x):
    """x^(a-1) e^-x / Gamma(a), in log space (TF's partial of igamma in x)."""
    return exp(sub(add(neg(x), mul(sub(a, _one(a)), log(x))), lgamma(a)))


def _no_third_derivative(a, x, z):
    raise LookupError("No gradient defined for operation 'IgammaGradA2' with respect to a "
                      "(the third derivative of igamma in a)")


POLYGAMMA = _binary_op("Polygamma", _in_float(_polygamma_np),
                       None, lambda n, x, z: polygamma(add(n, _one(n)), x), F32_F64)
ZETA = _binary_op("Zeta", _in_float(_zeta_np),
                  None, lambda x, q, z: mul(neg(x), zeta(add(x, _one(x)), q)), F32_F64)
# d^2 P / da^2 and d^2 P / da dx: what makes igamma twice differentiable in a (TF stops at once)
IGAMMA_GRAD_A2 = _binary_op(
    "IgammaGradA2", _in_float(lambda a, x: igamma_grad_a_series(a, x, 2)), _no_third_derivative,
    lambda a, x, z: mul(_gamma_density(a, x), sub(
        square(sub(log(x), digamma(a))), polygamma(_one(a), a))), F32_F64)
IGAMMA_GRAD_A = _binary_op(
    "IgammaGradA", _in_float(lambda a, x: igamma_grad_a_series(a, x, 1)),
    lambda a, x, z: igamma_grad_a2(a, x),
    lambda a, x, z: mul(_gamma_density(a, x), sub(log(x), digamma(a))), F32_F64)
IGAMMA = _binary_op("Igamma", _in_float(_igamma_np), lambda a, x, z: igamma_grad_a(a, x),
                    lambda a, x, z: _gamma_density(a, x), F32_F64, no_kernel=_HALF)
IGAMMAC = _binary_op("Igammac", _in_float(_igammac_np),
                     lambda a, x, z: neg(igamma_grad_a(a, x)),
                     lambda a, x, z: neg(_gamma_density(a, x)), F32_F64, no_kernel=_HALF)


def _x_nonzero(x):
    return cast(not_equal(x, zeros_like(x)), x._value.dtype)


def _where_x_zero(x, value):
    return np.where(x == 0, np.zeros((), x.dtype), value)


XLOGY = _binary_op("Xlogy", _in_float(lambda x, y: _where_x_zero(x, x * np.log(y))),
                   lambda x, y, z: xlogy(_x_nonzero(x), y), lambda x, y, z: xdivy(x, y),
                   FLOAT_COMPLEX)
XLOG1PY = _binary_op("Xlog1py", _in_float(lambda x, y: _where_x_zero(x, x * np.log1p(y))),
                     lambda x, y, z: xlog1py(_x_nonzero(x), y),
                     lambda x, y, z: xdivy(x, add(y, _one(y))), FLOAT_COMPLEX)
def _divide_as_eigen(x, y):
    """x / y; complex by Eigen's formula x conj(y) / |y|^2, so dividing by 0j gives NaNs."""
    if x.dtype.kind != "c":
        return x / y
    x, y = np.broadcast_arrays(x, y)
    den = y.real * y.real + y.imag * y.imag
    out = np.empty(x.shape, x.dtype)
    out.real = (x.real * y.real + x.imag * y.imag) / den
    out.imag = (x.imag * y.real - x.real * y.imag) / den
    return out


XDIVY = _binary_op("Xdivy", _in_float(lambda x, y: _where_x_zero(x, _divide_as_eigen(x, y))),
                   lambda x, y, z: xdivy(_x_nonzero(x), y),
                   lambda x, y, z: neg(xdivy(x, square(y))), FLOAT_COMPLEX)  # (TF's: -0 at x = 0)


def _mul_no_nan_np(x, y):
    with np.errstate(all="ignore"):
        return np.where(y == 0, np.zeros((), x.dtype), x * y).astype(x.dtype)[()]


MUL_NO_NAN = defop(
    "MulNoNan", _mul_no_nan_np,
    lambda op, g: (mul_no_nan(g, op.inputs[1]), mul_no_nan(op.inputs[0], g)),
    lambda op, dx, dy: P.output_shaped(op, P.sum_tangents(
        None if dx is None else mul_no_nan(dx, op.inputs[1]),
        None if dy is None else mul_no_nan(op.inputs[0], dy))),
    allowed=FLOAT_COMPLEX, shape=broadcast, batch=elementwise, batched_grad=True)


def polygamma(n, x):
    return apply2(POLYGAMMA, n, x)


def zeta(x, q):
    return apply2(ZETA, x, q)


def igamma(a, x):
    return apply2(IGAMMA, a, x)


def igammac(a, x):
    return apply2(IGAMMAC, a, x)


def igamma_grad_a(a, x):
    """d igamma(a, x) / da (TF's IgammaGradA)."""
    return apply2(IGAMMA_GRAD_A, a, x)


def igamma_grad_a2(a, x):
    return apply2(IGAMMA_GRAD_A2, a, x)


def xlogy(x, y):
    return apply2(XLOGY, x, y)


def xlog1py(x, y):
    return apply2(XLOG1PY, x, y)


def xdivy(x, y):
    return apply2(XDIVY, x, y)


def mul_no_nan(x, y):
    return apply2(MUL_NO_NAN, x, y)


# -- the regularized incomplete beta function (differentiable in x only, as in TF) -------------
def _betainc_density(a, b, x):
    """The Beta(a, b) density at x, in log space (xlog1py and xlogy keep the tails at 0)."""
    one = _one(x)
    log_beta = sub(add(lgamma(a), lgamma(b)), lgamma(add(a, b)))
    return exp(sub(add(xlog1py(sub(b, one), neg(x)), xlogy(sub(a, one), x)), log_beta))


def _betainc_np(a, b, x):
    """I_x(a, b); NaN unless a, b are positive and finite and 0 <= x <= 1 (Eigen's domain)."""
    a, b, x = np.broadcast_arrays(a, b, x)
    out = np.asarray(_special().betainc(a, b, x), a.dtype)
    bad = ~((a > 0) & (b > 0) & np.isfinite(a) & np.isfinite(b) & (x >= 0) & (x <= 1))
    return np.where(bad, np.nan, out)


BETAINC = defop(
    "Betainc", _in_float(_betainc_np),
    lambda op, g: (None, None, mul(g, _betainc_density(*op.inputs))),
    lambda op, da, db, dx: None if dx is None else P.output_shaped(
        op, mul(dx, _betainc_density(*op.inputs))),
    allowed=F32_F64, shape=broadcast, batch=elementwise, batched_grad=True)


def betainc(a, b, x):
    return apply(BETAINC, (a, b, x))


# ============================================================================================
# Truncating division and remainder, nextafter
# ============================================================================================
def _integer_division_by_zero(op_name):
    return op_error(InternalError, op_name, "Unexpected error in binary operator (only integer div "
                                            "and mod should have errors)")


def _truncatediv_np(x, y):
    if x.dtype.kind in "iu":
        if np.any(np.asarray(y) == 0):
            raise _integer_division_by_zero("TruncateDiv")
        q = np.abs(x) // np.abs(y)
        return (np.sign(x) * np.sign(y) * q).astype(x.dtype)[()]
    return np.trunc(x / y).astype(x.dtype)[()]


def _truncatemod_np(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise _integer_division_by_zero("TruncateMod")
    return np.fmod(x, y)


def _no_gradient_in_tf(op, *cotangents):
    """TF registers no gradient for this op: differentiating through it fails, as in TF."""
    raise LookupError(f"gradient registry has no entry for: {op.type}")


# TF: no gradient (None) and no tangent
TRUNCATEDIV = defop("TruncateDiv", _truncatediv_np, lambda op, g: (None, None),
                    lambda op, dx, dy: None, allowed=REAL,
                    no_kernel=(D.complex64, D.complex128), shape=broadcast, batch=elementwise,
                    batched_grad=True)
TRUNCATEMOD = defop("TruncateMod", _truncatemod_np, _no_gradient_in_tf, _no_gradient_in_tf,
                    allowed=(D.int32, D.int64) + F32_F64, no_kernel=_HALF, shape=broadcast,
                    batch=elementwise, batched_grad=True)
# TF: d/dx1 = 1, d/dx2 = 0
NEXTAFTER = defop("NextAfter", lambda x, y: np.nextafter(x, y),
                  lambda op, g: (g, zeros_like(op.inputs[1])),
                  lambda op, dx, dy: P.output_shaped(op, dx if dx is not None else zeros_like(
                      op.outputs[0])), allowed=F32_F64, shape=broadcast, batch=elementwise,
                  batched_grad=True)


def truncatediv(x, y):
    return apply2(TRUNCATEDIV, x, y)


def truncatemod(x, y):
    return apply2(TRUNCATEMOD, x, y)


def nextafter(x, y):
    return apply2(NEXTAFTER, x, y)


# ============================================================================================
# Cumulative logsumexp (axis non-negative)
# ============================================================================================
def _cumlogsumexp_fast(v, axis, exclusive, reverse):
    if reverse:
        v = np.flip(v, axis)
    out = np.logaddexp.accumulate(v, axis=axis,
                                  dtype=v.dtype if v.dtype != np.float16 else np.float32)
    out = out.astype(v.dtype)
    if exclusive and v.shape[axis]:
        head_shape = list(v.shape)
        head_shape[axis] = 1
        head = np.full(head_shape, -np.inf, v.dtype)
        out = np.concatenate([head, np.take(out, range(v.shape[axis] - 1), axis=axis)], axis)
    if reverse:
        out = np.flip(out, axis)
    return out


def _logaddexp_tf(acc, x):
    """TF's scan step: log1p(exp(min - max)) + max, and the max itself when it is below the
    dtype's lowest value (-inf); min/max are std::min/std::max, so a NaN step beside a running
    -inf leaves -inf, and a NaN running value is replaced by the next number."""
    lo = np.where(x < acc, x, acc)
    hi = np.where(acc < x, x, acc)
    out = np.log1p(np.exp(lo - hi)) + hi
    return np.where(hi < np.finfo(hi.dtype).min, hi, out)


def _cumlogsumexp_np(v, axis, exclusive, reverse):
    if _all_finite(v) or not (np.isnan(v).any() or np.isposinf(v).any()):  # (NumPy's logaddexp
        # agrees with TF's step unless a NaN or +inf is involved)
        return _cumlogsumexp_fast(v, axis, exclusive, reverse)
    work = v.astype(np.float32) if v.dtype == np.float16 else v
    work = np.moveaxis(work, axis, 0)
    if reverse:
        work = work[::-1]
    out = np.empty_like(work)
    acc = np.full(work.shape[1:], -np.inf, work.dtype)
    for i in range(work.shape[0]):
        if exclusive:
            out[i] = acc
            acc = _logaddexp_tf(acc, work[i])
        else:
            acc = _logaddexp_tf(acc, work[i])
            out[i] = acc
    if reverse:
        out = out[::-1]
    return np.moveaxis(out, 0, axis).astype(v.dtype)


def _cumlogsumexp_grad(op, g):
    """TF's: d/dx_j = sum over the outputs i that include j of g_i exp(x_j - y_i), with g split
    by sign and summed in log space (the dtype's lowest value standing in for log 0)."""
    x, y = op.inputs[0], op.outputs[0]
    a = op.attrs
    zero = zeros_like(g)
    lowest = scalar_like(g, np.finfo(g._value.dtype).min)
    log_pos = select(greater(g, zero), log(g), lowest)
    log_neg = select(less(g, zero), log(neg(g)), lowest)
    back = {"axis": a["axis"] + len(bshape(op, g)), "exclusive": a["exclusive"],
            "reverse": not a["reverse"]}
    pos = exp(add(apply1(CUMLOGSUMEXP, sub(log_pos, y), back), x))
    neg_part = exp(add(apply1(CUMLOGSUMEXP, sub(log_neg, y), back), x))
    return sub(pos, neg_part)


def _cumlogsumexp_jvp(op, dx):
    """dy_i = sum over the inputs j in output i of exp(x_j - y_i) dx_j, dx split by sign and
    summed in log space; an empty sum (y_i = -inf) has tangent 0."""
    x, y = op.inputs[0], op.outputs[0]
    zero = zeros_like(dx)
    ninf = scalar_like(dx, -np.inf)
    one = scalar_like(dx, 1.0)
    y_safe = select(is_finite(y), y, zeros_like(y))
    pos, negative = greater(dx, zero), less(dx, zero)
    log_pos = select(pos, log(select(pos, dx, one)), ninf)
    log_neg = select(negative, log(select(negative, neg(dx), one)), ninf)
    up = exp(sub(apply1(CUMLOGSUMEXP, add(log_pos, x), op.attrs), y_safe))
    down = exp(sub(apply1(CUMLOGSUMEXP, add(log_neg, x), op.attrs), y_safe))
    return sub(up, down)


CUMLOGSUMEXP = defop("CumulativeLogsumexp", _cumlogsumexp_np, _cumlogsumexp_grad,
                     _cumlogsumexp_jvp, allowed=FLOAT, shape=same, batch=axis_shift("axis"),
                     batched_grad=True)


def cumulative_logsumexp(x, axis, exclusive=False, reverse=False):
    """log(cumsum(exp(x))) along `axis` (non-negative)."""
    return apply1(CUMLOGSUMEXP, x, {"axis": axis, "exclusive": bool(exclusive),
                                    "reverse": bool(reverse)})


# ============================================================================================
# Euclidean norm (TF's EuclideanNorm reduction: complex in, complex out; integers truncate)
# ============================================================================================
def _euclidean_norm_np(v, axis, keepdims):
    if v.dtype.kind == "c":
        s = np.sum(v * np.conj(v), axis=axis, keepdims=keepdims)
    elif v.dtype.kind in "iu":
        s = np.sum(np.square(v.astype(np.float64)), axis=axis, keepdims=keepdims)
    else:
        s = np.sum(np.square(v), axis=axis, keepdims=keepdims, dtype=v.dtype)
    with np.errstate(all="ignore"):
        return np.sqrt(s).astype(v.dtype)[()]


def _euclidean_norm_grad(op, g):
    """TF's: x / (norm / g), the reduced axes kept for broadcasting."""
    return div(op.inputs[0], div(restore_reduced(op.outputs[0], op), restore_reduced(g, op)))


EUCLIDEAN_NORM = defop("EuclideanNorm", _euclidean_norm_np, _euclidean_norm_grad, jvp_from_grad,
                       allowed=NUMERIC, shape=reduction, batch=axis_shift("axis"),
                       batched_grad=True)


def euclidean_norm(x, axis, keepdims=False):
    """sqrt(sum(|x|^2)) over `axis` (a tuple of non-negative ints)."""
    return apply1(EUCLIDEAN_NORM, x, {"axis": tuple(axis), "keepdims": bool(keepdims)})


__all__ = [
    "bessel_i0",
    "bessel_i0e",
    "bessel_i1",
    "bessel_i1e",
    "betainc",
    "cumulative_logsumexp",
    "digamma",
    "erf",
    "erfc",
    "erfinv",
    "euclidean_norm",
    "igamma",
    "igamma_grad_a",
    "igamma_grad_a2",
    "igamma_grad_a_series",
    "igammac",
    "lgamma",
    "mul_no_nan",
    "ndtri",
    "nextafter",
    "polygamma",
    "rint",
    "truncatediv",
    "truncatemod",
    "xdivy",
    "xlog1py",
    "xlogy",
    "zeta",
]
