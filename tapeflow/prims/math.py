"""Math primitives: elementwise ops, comparisons, casts and complex parts, reductions, cumulative
ops and matmul. Each primitive is one complete record; its unchecked binder follows it.

A gradient rule `grad(op, g)` sees the recorded node (`op.inputs`, `op.outputs`, `op.attrs`) and
the incoming cotangent, and returns one gradient per input written with binders of this layer, so
nested tapes differentiate it again. Broadcasting is undone by the engine, so rules may return
broadcast-shaped gradients. Gradients of complex functions are conjugated, as TF's are.

    >>> from tapeflow.prims import math as PM
    >>> PM.sin(tf.constant([0.0]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.], dtype=float32)>
"""
import operator

import numpy as np

from ..framework import bfloat16, parallel
from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import ANY, apply1, apply2, defop
from ..framework.tensor import wrap
from . import base as P
from ._common import (
    BOOL,
    COMPLEX,
    FLOAT,
    FLOAT_COMPLEX,
    INT,
    NUMERIC,
    REAL,
    SIGNED_INT,
    SIGNED_NUMERIC,
    UNSIGNED_INT,
    aval,
    broadcast,
    broadcast_bool,
    bshape,
    dims_text,
    real_dtype,
    reduction,
    same,
    scalar_like,
    with_dtype,
)
from ._linearize import jvp_from_grad
from .base import add, elementwise, reduce_sum, reshape, restore_reduced, select, unary, zeros_like

_BOOL = np.dtype(np.bool_)


def conj_if_complex(x):
    """conj(x) for complex tensors; x itself otherwise (gradients use conjugates, as TF)."""
    return conj(x) if x._value.dtype.kind == "c" else x


def _sum_tangents(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return add(a, b)


def _output_shaped(op, tangent):
    shape = op.outputs[0]._value.shape
    if tangent is None or tangent._value.shape == shape:
        return tangent
    return P.broadcast_to(tangent, shape)


# ============================================================================================
# Elementwise unary ops. `deriv(x, y)` gives f'(x) (y is the output), with binders;
# grad = g * conj(f'(x)), jvp = dx * f'(x).
# ============================================================================================
def elementwise_op(name, forward, deriv=None, allowed=FLOAT_COMPLEX, over=None, **facts):
    """A one-input elementwise primitive whose gradient and JVP both come from `deriv` (f'(x);
    the gradient is g * f'(conj(x)) and the JVP its transpose dx * conj(f'(conj(x))), which is
    dx * f'(x) but on branch cuts, as TF's forward mode transposes its gradient),
    or from `over` (1 / f'(x): the gradient divides by it, as TF's Asinh and Acosh gradients do,
    which keeps f' finite where 1 / f' overflows)."""
    if over is not None:
        def grad(op, g):
            return div(g, over(*_conj_point(op)))

        def jvp(op, dx):
            return div(dx, conj_if_complex(over(*_conj_point(op))))
    else:
        def grad(op, g):
            return mul(g, deriv(*_conj_point(op)))

        def jvp(op, dx):
            return mul(dx, conj_if_complex(deriv(*_conj_point(op))))
    facts.setdefault("parallel", parallel.elementwise(forward) if isinstance(forward, np.ufunc)
                     else parallel.chunked(forward))
    return defop(name, forward, grad, jvp, allowed=allowed, shape=same, batch=unary,
                 batched_grad=True, **facts)


def _conj_point(op):
    """(x, y) of a one-input node, conjugated when complex: TF's gradients evaluate f' at
    conj(x) (which is conj(f'(x)) except on branch cuts, where TF's choice is kept)."""
    x, y = op.inputs[0], op.outputs[0]
    if x._value.dtype.kind == "c":
        return conj(x), conj(y) if y._value.dtype.kind == "c" else y
    return x, y


def _unary_binder(op):
    def bind(x):
        return apply1(op, x)
    bind.__name__ = op.name.lower()
    return bind


def _half(x):
    return scalar_like(x, 0.5)


def _one(x):
    return scalar_like(x, 1)


def _zero_where_no_grad(dy, value):
    """TF's SqrtGrad/RsqrtGrad kernels give 0 where the incoming gradient is 0 (so
    where(x > 0, sqrt(x), 0) has a finite gradient at 0)."""
    return np.where(dy == 0, np.zeros((), value.dtype), value).astype(value.dtype)[()]


NEG = defop("Neg", operator.neg, lambda op, g: neg(g), linear=True, allowed=SIGNED_NUMERIC,
            shape=same, batch=unary, batched_grad=True,
            parallel=parallel.elementwise(np.negative, cheap=True))
neg = _unary_binder(NEG)

def _square_np(v):
    # NumPy squares complex numbers with a fused multiply-add (re^2 - im^2 rounds differently
    # from TF's x * x: 0 for re == im, not -2e12); its power(v, 2) multiplies plainly
    return np.power(v, 2) if v.dtype.kind == "c" else np.square(v)


SQUARE = elementwise_op("Square", _square_np, lambda x, y: add(x, x), allowed=NUMERIC)
square = _unary_binder(SQUARE)


def _conj_np(v):
    return np.conj(v) if v.dtype.kind == "c" else v


# SqrtGrad(y, dy) = dy / (2 conj(y)); RsqrtGrad(y, dy) = -dy conj(y)^3 / 2. Primitives, as in TF.
# Their own partials: each is linear in dy, and a function of conj(y), so the gradient in y
# carries conj(g) (TF's SqrtGradGrad, RsqrtGradGrad) and the tangent in y enters conjugated.
def _sqrt_grad_grad(op, g):
    y, out = op.inputs[0], op.outputs[0]
    ga = div(g, y)
    return mul(neg(conj_if_complex(ga)), out), mul(ga, _half(ga))


def _sqrt_grad_jvp(op, y_t, dy_t):
    y, out = op.inputs[0], op.outputs[0]
    a = None if y_t is None else mul(neg(conj_if_complex(y_t)), div(out, conj_if_complex(y)))
    b = None if dy_t is None else div(mul(dy_t, _half(dy_t)), conj_if_complex(y))
    return _output_shaped(op, _sum_tangents(a, b))


SQRT_GRAD = defop(
    "SqrtGrad", lambda y, dy: _zero_where_no_grad(dy, dy * 0.5 / _conj_np(y)),
    _sqrt_grad_grad, _sqrt_grad_jvp,
    allowed=FLOAT_COMPLEX, shape=broadcast, batch=elementwise, batched_grad=True)


def _mul_no_nan_np(a, b):
    return np.where(b == 0, np.zeros((), a.dtype), a * b)


def _rsqrt_grad_np(y, dy):
    """-dy conj(y)^3 / 2 as TF's vectorized kernel forms it: (-y*y/2) *' (y *' dy), where a *' b is
    0 when b is 0 (so a zero incoming gradient gives +0, even where y is inf)."""
    cy = _conj_np(y)
    return _mul_no_nan_np(-0.5 * (cy * cy), _mul_no_nan_np(cy, dy)).astype(y.dtype)[()]


def _rsqrt_grad_in_y(y, dy, g_conj):
    """-1.5 g* dy conj(y)^2: the partial of RsqrtGrad in y, along a (conjugated) g."""
    return mul(mul(g_conj, scalar_like(y, -1.5)), mul(dy, square(conj_if_complex(y))))


RSQRT_GRAD = defop(
    "RsqrtGrad", _rsqrt_grad_np,
    lambda op, g: (_rsqrt_grad_in_y(op.inputs[0], op.inputs[1], conj_if_complex(g)),
                   apply2(RSQRT_GRAD, conj_if_complex(op.inputs[0]), g)),
    lambda op, y_t, dy_t: _output_shaped(op, _sum_tangents(
        None if y_t is None else _rsqrt_grad_in_y(op.inputs[0], op.inputs[1],
                                                  conj_if_complex(y_t)),
        None if dy_t is None else apply2(RSQRT_GRAD, op.inputs[0], dy_t))),
    allowed=FLOAT_COMPLEX, shape=broadcast, batch=elementwise, batched_grad=True)

# The tangents are the gradients transposed, as TF's forward mode forms them: 0.5 (dx / y) for
# Sqrt (TF's SqrtGradGrad: no zero rule, so a zero tangent at y = 0 is NaN), and the RsqrtGrad
# kernel for Rsqrt (RsqrtGradGrad uses it, with its zero rule)
SQRT = defop("Sqrt", np.sqrt, lambda op, g: apply2(SQRT_GRAD, op.outputs[0], g),
             lambda op, dx: mul(_half(dx), div(dx, op.outputs[0])),
             allowed=FLOAT_COMPLEX, shape=same, batch=unary, batched_grad=True,
             parallel=parallel.elementwise(np.sqrt))
sqrt = _unary_binder(SQRT)


def _rsqrt_np(v):
    out = 1 / np.sqrt(v)
    if v.dtype.kind == "c":  # TF's complex kernel: inf+nan j at 0, 0 at infinities
        zero, inf = v == 0, np.isinf(v)
        if zero.any() or inf.any():
            out = np.where(zero, np.asarray(complex(np.inf, np.nan), v.dtype),
                           np.where(inf, np.zeros((), v.dtype), out))[()]
    return out


RSQRT = defop("Rsqrt", _rsqrt_np, lambda op, g: apply2(RSQRT_GRAD, op.outputs[0], g),
              lambda op, dx: apply2(RSQRT_GRAD, conj_if_complex(op.outputs[0]), dx),
              allowed=FLOAT_COMPLEX, shape=same, batch=unary, batched_grad=True,
              parallel=parallel.chunked(_rsqrt_np))
rsqrt = _unary_binder(RSQRT)

EXP = elementwise_op("Exp", np.exp, lambda x, y: y)
def _in_complex128(fn):
    """NumPy's complex64 log1p and expm1 lose all precision near 0 (log(1 + z) in single
    precision); computed in complex128 and rounded, as accurate as TF's."""
    def forward(v):
        if v.dtype == np.complex64:
            return fn(v.astype(np.complex128)).astype(np.complex64)
        return fn(v)
    return forward


EXPM1 = elementwise_op("Expm1", _in_complex128(np.expm1), lambda x, y: add(y, _one(y)))
LOG = elementwise_op("Log", np.log, lambda x, y: reciprocal(x))
LOG1P = elementwise_op("Log1p", _in_complex128(np.log1p), lambda x, y: reciprocal(add(x, _one(x))))
SIN = elementwise_op("Sin", np.sin, lambda x, y: cos(x))
COS = elementwise_op("Cos", np.cos, lambda x, y: neg(sin(x)))
TAN = elementwise_op("Tan", np.tan, lambda x, y: square(reciprocal(cos(x))))
ASIN = elementwise_op("Asin", np.arcsin,
                      lambda x, y: reciprocal(sqrt(sub(_one(x), square(x)))))
ACOS = elementwise_op("Acos", np.arccos,
                      lambda x, y: neg(reciprocal(sqrt(sub(_one(x), square(x))))))
ATAN = elementwise_op("Atan", np.arctan, lambda x, y: reciprocal(add(_one(x), square(x))))
SINH = elementwise_op("Sinh", np.sinh, lambda x, y: cosh(x))
COSH = elementwise_op("Cosh", np.cosh, lambda x, y: sinh(x))
TANH = elementwise_op("Tanh", np.tanh, lambda x, y: sub(_one(y), square(y)))
ASINH = elementwise_op("Asinh", np.arcsinh, over=lambda x, y: cosh(y))
ACOSH = elementwise_op("Acosh", np.arccosh, over=lambda x, y: sinh(y))
ATANH = elementwise_op("Atanh", np.arctanh, lambda x, y: reciprocal(sub(_one(x), square(x))))


def _reciprocal_grad_grads(op, g_y, g_dy):
    """The partials of ReciprocalGrad(y, dy) = -dy conj(y)^2 along g_y (already conjugated: the
    op is a function of conj(y)) and g_dy, as TF's InvGradGrad."""
    y, dy = op.inputs
    a = None if g_y is None else mul(mul(g_y, scalar_like(y, -2)), mul(dy, conj_if_complex(y)))
    b = None if g_dy is None else apply2(RECIPROCAL_GRAD, conj_if_complex(y), g_dy)
    return a, b


# ReciprocalGrad(y, dy) = -dy conj(y)^2, 0 where dy is 0 (TF's kernel): a primitive, as in TF
RECIPROCAL_GRAD = defop(
    "ReciprocalGrad", lambda y, dy: _zero_where_no_grad(dy, -dy * _conj_np(y) ** 2),
    lambda op, g: _reciprocal_grad_grads(op, conj_if_complex(g), g),
    lambda op, y_t, dy_t: _output_shaped(op, _sum_tangents(
        None if y_t is None else _reciprocal_grad_grads(op, conj_if_complex(y_t), None)[0],
        None if dy_t is None else apply2(RECIPROCAL_GRAD, op.inputs[0], dy_t))),
    allowed=FLOAT_COMPLEX, shape=broadcast, batch=elementwise, batched_grad=True)
def _reciprocal_np(v):
    out = 1 / v
    if v.dtype.kind == "c":  # TF's complex kernel: nan at 0 and at infinities (NumPy: inf, 0)
        bad = (v == 0) | np.isinf(v)
        if bad.any():
            out = np.where(bad, np.asarray(complex(np.nan, np.nan), v.dtype), out)[()]
    return out


RECIPROCAL = defop("Reciprocal", _reciprocal_np,
                   lambda op, g: apply2(RECIPROCAL_GRAD, op.outputs[0], g),
                   lambda op, dx: apply2(RECIPROCAL_GRAD, conj_if_complex(op.outputs[0]), dx),
                   allowed=FLOAT_COMPLEX, no_kernel=SIGNED_INT, shape=same, batch=unary,
                   batched_grad=True)
exp, expm1, log, log1p = map(_unary_binder, (EXP, EXPM1, LOG, LOG1P))
sin, cos, tan, asin, acos, atan = map(_unary_binder, (SIN, COS, TAN, ASIN, ACOS, ATAN))
sinh, cosh, tanh, asinh, acosh, atanh = map(_unary_binder, (SINH, COSH, TANH, ASINH, ACOSH, ATANH))
reciprocal = _unary_binder(RECIPROCAL)


def _sigmoid_np(v):
    if v.dtype.kind == "c":  # exp(x) / (1 + exp(x)) where Re(x) < 0: no overflow to inf / inf
        neg = v.real < 0
        e = np.exp(np.where(neg, v, -v))
        return np.where(neg, e / (1 + e), 1 / (1 + e)).astype(v.dtype)[()]
    # stable for large |v|: exp of a non-positive number only
    e = np.exp(-np.abs(v))
    return np.where(v >= 0, 1 / (1 + e), e / (1 + e)).astype(v.dtype)[()]


def _softplus_np(v):
    return (np.maximum(v, 0) + np.log1p(np.exp(-np.abs(v)))).astype(v.dtype)[()]


SIGMOID = elementwise_op("Sigmoid", _sigmoid_np, lambda x, y: mul(y, sub(_one(y), y)))
SOFTPLUS = elementwise_op("Softplus", _softplus_np, lambda x, y: sigmoid(x), allowed=FLOAT)
sigmoid, softplus = _unary_binder(SIGMOID), _unary_binder(SOFTPLUS)


def _abs_grad(op, g):
    x = op.inputs[0]
    if x._value.dtype.kind == "c":  # d|z| = Re(conj(z)/|z| dz); TF: g z / |z|, 0 at z = 0
        z = zeros_like(g)
        return div_no_nan(mul(complex_(g, z), x), complex_(op.outputs[0], z))
    return mul(g, sign(x))


ABS = defop("Abs", np.abs, _abs_grad, lambda op, dx: mul(dx, sign(op.inputs[0])),
            allowed=FLOAT + SIGNED_INT,
            shape=same, batch=unary, batched_grad=True,
            parallel=parallel.elementwise(np.abs, cheap=True))
abs_ = _unary_binder(ABS)
# The gradient of Sign is zeros and of Floor, Ceil and Round None, as TF's; none has a tangent
# (TF's forward mode gives None: the zeros do not depend on the tangent)
SIGN = defop("Sign", np.sign, lambda op, g: zeros_like(op.inputs[0]),
             lambda op, dx: None, allowed=SIGNED_NUMERIC, shape=same, batch=unary,
             batched_grad=True, parallel=parallel.elementwise(np.sign, cheap=True))
sign = _unary_binder(SIGN)
FLOOR = defop("Floor", np.floor, lambda op, g: None, lambda op, dx: None, allowed=FLOAT,
              shape=same, batch=unary, batched_grad=True)
CEIL = defop("Ceil", np.ceil, lambda op, g: None, lambda op, dx: None, allowed=FLOAT,
             shape=same, batch=unary, batched_grad=True)
ROUND = defop("Round", np.round, lambda op, g: None, lambda op, dx: None,
              allowed=FLOAT + SIGNED_INT, no_kernel=COMPLEX, shape=same, batch=unary, batched_grad=True)
floor, ceil, round_ = _unary_binder(FLOOR), _unary_binder(CEIL), _unary_binder(ROUND)


# ============================================================================================
# Binary elementwise ops
# ============================================================================================
def _binary(name, forward, grad, jvp, allowed, **facts):
    ufunc = forward if isinstance(forward, np.ufunc) else _UFUNC_OF.get(forward)
    if ufunc is not None:
        facts.setdefault("parallel", parallel.elementwise(ufunc, cheap=ufunc in _CHEAP))
    return defop(name, forward, grad, jvp, allowed=allowed, shape=broadcast, batch=elementwise,
                 batched_grad=True, **facts)


def _filled(op, *tangents):
    """The tangents with zeros for the inputs that have none. TF's forward mode transposes the
    gradient with zero tangents there, so terms such as x * 0 count: NaN where x is inf or NaN.
    (Used by the binary elementwise rules whose terms can be NaN; cheap next to their work.)"""
    return tuple(zeros_like(x) if t is None else t for x, t in zip(op.inputs, tangents))


# the ufuncs the operators call on arrays (what a large input's chunks run)
_UFUNC_OF = {operator.sub: np.subtract, operator.mul: np.multiply,
             operator.truediv: np.true_divide}
_CHEAP = (np.subtract, np.multiply, np.true_divide, np.maximum, np.minimum)  # memory-bound


def _mul_grad(op, g):  # the hottest rule
    x, y = op.inputs
    needs = op.needs_input_grad
    if x._value.dtype.kind == "c":
        x, y = conj(x), conj(y)
    return (apply2(MUL, g, y) if needs is None or needs[0] else None,
            apply2(MUL, x, g) if needs is None or needs[1] else None)


def _div_grad(op, g):  # g / y and g (-x / y) / y, with conj(x), conj(y), as TF forms them
    x, y = (conj_if_complex(v) for v in op.inputs)
    needs = op.needs_input_grad
    return (div(g, y) if needs is None or needs[0] else None,
            mul(g, div(div(neg(x), y), y)) if needs is None or needs[1] else None)


def _div_jvp(op, dx, dy):
    x, y = op.inputs
    dx, dy = _filled(op, dx, dy)
    return _output_shaped(op, add(div(dx, y), mul(dy, div(div(neg(x), y), y))))


def _pow_grad(op, g):
    x, y = op.inputs
    z = op.outputs[0]
    needs = op.needs_input_grad
    gx = gy = None
    x, y = conj_if_complex(x), conj_if_complex(y)
    if needs is None or needs[0]:  # (g y) x^(y-1), (g z) log(x): TF's order of products
        gx = mul(mul(g, y), pow_(x, sub(y, _one(y))))
    if needs is None or needs[1]:
        gy = mul(mul(g, conj_if_complex(z)), _safe_log(x))
    return gx, gy


def _safe_log(x):
    """log(x) where x > 0 (x != 0 for complex), else 0: Pow's gradient in y, as TF."""
    z = zeros_like(x)
    test = not_equal(x, z) if x._value.dtype.kind == "c" else greater(x, z)
    return select(test, log(select(test, x, add(z, _one(x)))), z)


def _pow_jvp(op, dx, dy):  # the transpose of the gradient
    x, y = op.inputs
    z = op.outputs[0]
    dx, dy = _filled(op, dx, dy)
    return _output_shaped(op, add(mul(mul(dx, pow_(x, sub(y, _one(y)))), y),
                                  mul(mul(dy, _safe_log(x)), z)))


def _select_grads(mask, g):
    z = zeros_like(g)
    return select(mask, g, z), select(mask, z, g)


def _select_jvp(mask_of):
    def jvp(op, dx, dy):
        x, y = op.inputs
        out = op.outputs[0]
        dx = zeros_like(out) if dx is None else dx
        dy = zeros_like(out) if dy is None else dy
        return _output_shaped(op, select(mask_of(x, y), dx, dy))
    return jvp


def _atan2_grad(op, g):  # g / (y^2 + x^2) times x and -y, as TF forms them
    y, x = op.inputs
    g_over = div(g, add(square(y), square(x)))
    return mul(x, g_over), mul(neg(y), g_over)


def _atan2_jvp(op, dy, dx):
    y, x = op.inputs
    dy, dx = _filled(op, dy, dx)
    return _output_shaped(op, div(add(mul(x, dy), mul(neg(y), dx)), add(square(y), square(x))))


ADD = P.ADD
SUB = _binary("Sub", operator.sub, lambda op, g: (g, neg(g)),
              lambda op, dx, dy: _output_shaped(op, _sum_tangents(dx, None if dy is None else neg(dy))),
              NUMERIC)
def _mul_jvp(op, dx, dy):
    x, y = op.inputs
    dx, dy = _filled(op, dx, dy)
    return _output_shaped(op, add(mul(dx, y), mul(x, dy)))


MUL = _binary("Mul", operator.mul, _mul_grad, _mul_jvp, NUMERIC)
REALDIV = _binary("RealDiv", operator.truediv, _div_grad, _div_jvp, FLOAT_COMPLEX, no_kernel=INT)
def _pow_np(x, y):
    out = np.power(x, y)
    if out.dtype.kind == "f":
        # x = -0 or -inf to a power that is not an odd integer: as |x| (C's pow; NumPy gives -0
        # for -0 ** 0.5 and nan for -inf ** 0.5)
        neg = np.signbit(x) & ((x == 0) | np.isinf(x))
        if neg.any():
            odd = np.mod(y, 2) == 1
            out = np.where(neg & ~odd, np.power(np.negative(x), y), out).astype(out.dtype, copy=False)
    return out


POW = _binary("Pow", _pow_np, _pow_grad, _pow_jvp, SIGNED_NUMERIC)


def _div_no_nan_np(x, y):
    zero = y == 0
    return np.where(zero, np.zeros((), x.dtype), x / np.where(zero, np.ones((), y.dtype), y))


def _div_no_nan_grad(op, g):
    x, y = (conj_if_complex(v) for v in op.inputs)
    return div_no_nan(g, y), mul(g, div_no_nan(div_no_nan(neg(x), y), y))


def _div_no_nan_jvp(op, dx, dy):
    x, y = op.inputs
    dx, dy = _filled(op, dx, dy)
    return _output_shaped(op, add(div_no_nan(dx, y), mul(dy, div_no_nan(div_no_nan(neg(x), y), y))))


# x / y, but 0 where y is 0 (even for x inf or nan); its gradient is 0 there too (TF's)
DIV_NO_NAN = _binary("DivNoNan", _div_no_nan_np, _div_no_nan_grad, _div_no_nan_jvp,
                     FLOAT_COMPLEX)


def div_no_nan(x, y):
    return apply2(DIV_NO_NAN, x, y)
MAXIMUM = _binary("Maximum", np.maximum,
                  lambda op, g: _select_grads(greater_equal(*op.inputs), g),  # ties go to x
                  _select_jvp(lambda x, y: greater_equal(x, y)), REAL)
MINIMUM = _binary("Minimum", np.minimum,
                  lambda op, g: _select_grads(less_equal(*op.inputs), g),  # ties go to x
                  _select_jvp(lambda x, y: less_equal(x, y)), REAL)
ATAN2 = _binary("Atan2", np.arctan2, _atan2_grad, _atan2_jvp, FLOAT)


def _string_add_forward(x, y):
    joined = np.char.add(np.asarray(x, dtype=bytes), np.asarray(y, dtype=bytes))
    out = np.empty(joined.shape, dtype=object)  # bytes elements; 0-d for scalars
    out[...] = joined.astype(object)
    return out


# TF's `Add` (strings concatenate; numbers use AddV2)
STRING_ADD = defop("Add", _string_add_forward, nondiff=True, allowed=(D.string,),
                   shape=broadcast, batch=elementwise)


def string_add(x, y):
    return apply2(STRING_ADD, x, y)


def sub(x, y):
    return apply2(SUB, x, y)


def mul(x, y):
    return apply2(MUL, x, y)


def div(x, y):
    return apply2(REALDIV, x, y)


def pow_(x, y):
    return apply2(POW, x, y)


def maximum(x, y):
    return apply2(MAXIMUM, x, y)


def minimum(x, y):
    return apply2(MINIMUM, x, y)


def atan2(y, x):
    return apply2(ATAN2, y, x)


def _int_division_check(name, fn):
    def forward(x, y):
        if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
            raise op_error(InvalidArgumentError, name, "Integer division by zero")
        return fn(x, y)
    return forward


def _floordiv_np(x, y):
    """Integers floor as Python's //; floats are floor(x / y), as TF's kernel (so inf // 1 is
    inf where NumPy's floor_divide gives nan, and 1 // 0.1 is 10)."""
    if x.dtype.kind in "iu":
        return np.floor_divide(x, y)
    return np.floor(x / y)


def _floormod_np(x, y):
    """Integers as Python's %; floats as TF's kernel: fmod(x, y), plus y when that is nonzero and
    its sign differs from y's (so fmod's zero keeps x's sign, and mod(1, -inf) is -inf)."""
    if x.dtype.kind in "iu":
        return np.mod(x, y)
    r = np.fmod(x, y)
    return np.where((r != 0) & ((y < 0) != (r < 0)), r + y, r).astype(r.dtype)[()]


FLOORDIV = _binary("FloorDiv", _int_division_check("FloorDiv", _floordiv_np),
                   lambda op, g: (None, None), lambda op, dx, dy: None, REAL, no_kernel=COMPLEX)


def _floormod_jvp(op, dx, dy):
    dx, dy = _filled(op, dx, dy)
    return _output_shaped(op, add(dx, mul(dy, neg(floordiv(*op.inputs)))))


FLOORMOD = _binary("FloorMod", _int_division_check("FloorMod", _floormod_np),
                   # x - floor(x / y) * y
                   lambda op, g: (g, mul(g, neg(floordiv(*op.inputs)))), _floormod_jvp, REAL)


def floordiv(x, y):
    return apply2(FLOORDIV, x, y)


def _squared_difference_grad(op, g):  # 2g (x - y), and its negation, as TF's
    x, y = op.inputs
    gx = mul(mul(scalar_like(g, 2), g), sub(x, y))
    return gx, neg(gx)


def _squared_difference_jvp(op, dx, dy):  # 2 (dx - dy) conj(x - y): the gradient transposed
    x, y = op.inputs
    dx, dy = _filled(op, dx, dy)
    return _output_shaped(op, mul(scalar_like(x, 2),
                                  mul(sub(dx, dy), conj_if_complex(sub(x, y)))))


def _squared_difference_np(x, y):
    d = x - y
    return d * np.conj(d) if d.dtype.kind == "c" else d * d


SQUARED_DIFFERENCE = _binary("SquaredDifference", _squared_difference_np,
                             _squared_difference_grad, _squared_difference_jvp,
                             FLOAT + (D.int32, D.int64) + COMPLEX)


def squared_difference(x, y):
    return apply2(SQUARED_DIFFERENCE, x, y)


def floormod(x, y):
    return apply2(FLOORMOD, x, y)


# ============================================================================================
# Comparisons and logic: no gradient (bool outputs are never recorded by tapes)
# ============================================================================================
def _compare(name, fn, allowed=NUMERIC + BOOL):
    return defop(name, fn, nondiff=True, allowed=allowed, shape=broadcast_bool, batch=elementwise,
                 parallel=parallel.elementwise(fn, cheap=True))


EQUAL = _compare("Equal", np.equal, ANY)
NOT_EQUAL = _compare("NotEqual", np.not_equal, ANY)
LESS = _compare("Less", np.less, REAL)
LESS_EQUAL = _compare("LessEqual", np.less_equal, REAL)
GREATER = _compare("Greater", np.greater, REAL)
GREATER_EQUAL = _compare("GreaterEqual", np.greater_equal, REAL)
LOGICAL_AND = _compare("LogicalAnd", np.logical_and, BOOL)
LOGICAL_OR = _compare("LogicalOr", np.logical_or, BOOL)
LOGICAL_NOT = defop("LogicalNot", np.logical_not, nondiff=True, allowed=BOOL, shape=same,
                    batch=unary)
BITWISE_AND = defop("BitwiseAnd", np.bitwise_and, nondiff=True, allowed=INT, shape=broadcast,
                    batch=elementwise)
BITWISE_OR = defop("BitwiseOr", np.bitwise_or, nondiff=True, allowed=INT, shape=broadcast,
                   batch=elementwise)
BITWISE_XOR = defop("BitwiseXor", np.bitwise_xor, nondiff=True, allowed=INT, shape=broadcast,
                    batch=elementwise)
INVERT = defop("Invert", np.invert, nondiff=True, allowed=INT, shape=same, batch=unary)


def _shift_np(fn):
    """x shifted by y bits, y clamped to [0, bits - 1] as TF's kernels do (NumPy's shifts by
    the width or more are undefined); left shifts wrap as unsigned arithmetic."""
    def forward(x, y):
        bits = x.dtype.itemsize * 8
        y = np.clip(y, 0, bits - 1).astype(x.dtype)
        if fn is np.left_shift and x.dtype.kind == "i":
            u = np.dtype(f"u{x.dtype.itemsize}")
            return np.left_shift(x.view(u) if x.ndim else x.astype(u), y.astype(u)).astype(x.dtype)
        return fn(x, y)
    return forward


LEFT_SHIFT = defop("LeftShift", _shift_np(np.left_shift), nondiff=True, allowed=INT,
                   shape=broadcast, batch=elementwise)
RIGHT_SHIFT = defop("RightShift", _shift_np(np.right_shift), nondiff=True, allowed=INT,
                    shape=broadcast, batch=elementwise)


def equal(x, y):
    return apply2(EQUAL, x, y)


def not_equal(x, y):
    return apply2(NOT_EQUAL, x, y)


def less(x, y):
    return apply2(LESS, x, y)


def less_equal(x, y):
    return apply2(LESS_EQUAL, x, y)


def greater(x, y):
    return apply2(GREATER, x, y)


def greater_equal(x, y):
    return apply2(GREATER_EQUAL, x, y)


def logical_and(x, y):
    return apply2(LOGICAL_AND, x, y)


def logical_or(x, y):
    return apply2(LOGICAL_OR, x, y)


logical_not = _unary_binder(LOGICAL_NOT)

IS_NAN = defop("IsNan", np.isnan, nondiff=True, allowed=FLOAT, shape=with_dtype(np.bool_),
               batch=unary)
IS_INF = defop("IsInf", np.isinf, nondiff=True, allowed=FLOAT, shape=with_dtype(np.bool_),
               batch=unary)
IS_FINITE = defop("IsFinite", np.isfinite, nondiff=True, allowed=FLOAT,
                  shape=with_dtype(np.bool_), batch=unary)
is_nan, is_inf, is_finite = map(_unary_binder, (IS_NAN, IS_INF, IS_FINITE))


# ============================================================================================
# Casting and complex numbers
# ============================================================================================
_NARROW_INTS = frozenset(np.dtype(d) for d in (np.int8, np.int16, np.uint8, np.uint16))


def _float_to_int(v, dtype):
    """Float to integer as TF's CPU kernels convert (x86: NaN and out-of-range values become
    the "indefinite" INT_MIN of the 32- or 64-bit conversion): unsigned 32/64-bit targets are
    that signed conversion's bits; from float64 and float16 the narrow types saturate it (TF's
    vectorized loop; float32 wraps it, as NumPy does)."""
    if dtype.kind == "u" and dtype.itemsize >= 4:
        # values from 2^(bits-1) up convert shifted down by that, with the top bit set after
        bits = dtype.itemsize * 8
        signed = np.dtype(f"i{dtype.itemsize}")
        half = 2.0 ** (bits - 1)
        v = np.asarray(v, np.float64)
        big = v >= half
        out = np.where(big, v - half, v).astype(signed).view(dtype)
        return np.where(big, out | dtype.type(1 << (bits - 1)), out)
    if dtype in _NARROW_INTS and v.dtype != np.float32:
        i = v.astype(np.int32)
        if dtype == np.uint8:  # packed as unsigned 16-bit, then those bits as signed, to uint8
            i = np.clip(i, 0, 65535).astype(np.uint16).view(np.int16)
        info = np.iinfo(dtype)
        return np.clip(i, info.min, info.max).astype(dtype)
    return v.astype(dtype)


def _cast_forward(v, dtype):
    if v.dtype.kind == "c" and dtype.kind != "c":
        v = v.real
    if v.dtype.kind == "f" and dtype.kind in "iu":
        with np.errstate(invalid="ignore"):
            return np.asarray(_float_to_int(np.asarray(v), dtype))[()]
    if dtype.names is not None or v.dtype.names is not None:  # bfloat16 storage at either end
        if v.dtype == D.BFLOAT16_STORAGE:
            v = bfloat16.to_float32(v)
        if dtype == D.BFLOAT16_STORAGE:
            return bfloat16.from_values(v)
    return np.asarray(v).astype(dtype)[()]


def _differentiable(np_dtype):
    return np_dtype.kind in "fcV"  # 'V': bfloat16 storage


def _cast_grad(op, g):
    x = op.inputs[0]
    if not (_differentiable(x._value.dtype) and _differentiable(g._value.dtype)):
        return None
    return cast(g, x._value.dtype)


def _cast_jvp(op, dx):
    if not _differentiable(op.outputs[0]._value.dtype):
        return None
    return cast(dx, op.attrs["dtype"])


CAST = defop("Cast", _cast_forward, _cast_grad, _cast_jvp, allowed=ANY,
             shape=lambda a, dtype: aval(a.shape, dtype), batch=unary, batched_grad=True)


def cast(x, dtype):
    """x as NumPy dtype `dtype` (no-op when it has it)."""
    dtype = np.dtype(dtype)
    if x._value.dtype == dtype:
        return x
    return apply1(CAST, x, {"dtype": dtype})


def _complex_forward(re, im):
    return (re + 1j * im).astype(np.complex64 if re.dtype == np.float32 else np.complex128)[()]


COMPLEX_OP = _binary(
    "Complex", _complex_forward, lambda op, g: (real(g), imag(g)),
    lambda op, dr, di: _output_shaped(op, complex_(dr if dr is not None else zeros_like(op.inputs[0]),
                                                   di if di is not None else zeros_like(op.inputs[0]))),
    (D.float32, D.float64))
COMPLEX_OP.shape = lambda re, im: aval(broadcast(re, im).shape,
                                       np.complex64 if re.dtype == np.float32 else np.complex128)


def complex_(re, im):
    return apply2(COMPLEX_OP, re, im)


def _to_real(a, **attrs):
    return aval(a.shape, real_dtype(a.dtype))


REAL_OP = defop("Real", np.real, lambda op, g: complex_(g, zeros_like(g)),
                lambda op, dx: real(dx), allowed=COMPLEX, shape=_to_real, batch=unary,
                batched_grad=True)
IMAG_OP = defop("Imag", np.imag, lambda op, g: complex_(zeros_like(g), g),
                lambda op, dx: imag(dx), allowed=COMPLEX, shape=_to_real, batch=unary,
                batched_grad=True)
CONJ = defop("Conj", np.conj, lambda op, g: conj(g), linear=True, allowed=COMPLEX, shape=same,
             batch=unary, batched_grad=True)
COMPLEX_ABS = defop("ComplexAbs", np.abs, _abs_grad,
                    lambda op, dx: div_no_nan(real(mul(dx, conj(op.inputs[0]))), op.outputs[0]),
                    allowed=COMPLEX, shape=_to_real, batch=unary, batched_grad=True)
real, imag, conj, complex_abs = map(_unary_binder, (REAL_OP, IMAG_OP, CONJ, COMPLEX_ABS))


def _angle_grad(op, g):
    """-g / (Im(x) + i Re(x)), as TF's."""
    x = op.inputs[0]
    return mul(neg(complex_(g, zeros_like(g))), reciprocal(complex_(imag(x), real(x))))


def _angle_jvp(op, dx):
    """Re(-dx conj(1 / (Im(x) + i Re(x)))): the transpose of the gradient."""
    x = op.inputs[0]
    return real(neg(mul(dx, conj(reciprocal(complex_(imag(x), real(x)))))))


ANGLE = defop("Angle", np.angle, _angle_grad, _angle_jvp, allowed=COMPLEX, shape=_to_real,
              batch=unary, batched_grad=True)
angle = _unary_binder(ANGLE)


# ============================================================================================
# Reductions (axis: a sorted tuple of non-negative ints)
# ============================================================================================
def _reduction_batch(op, args, dims, attrs):
    x = P.move_to_front(args[0], dims[0])
    return apply1(op, x, dict(attrs, axis=tuple(a + 1 for a in attrs["axis"]))), 0


def _reduction(name, forward, grad, jvp, allowed, **facts):
    return defop(name, forward, grad, jvp, allowed=allowed, shape=reduction,
                 batch=_reduction_batch, batched_grad=grad is not None, **facts)


SUM = P.SUM


def _mean_forward(v, axis, keepdims):
    if v.dtype.kind in "iu":
        n = max(1, int(np.prod([v.shape[a] for a in axis])))
        s = np.sum(v, axis=axis, keepdims=keepdims, dtype=np.int64)
        return (np.sign(s) * (np.abs(s) // n)).astype(v.dtype)[()]
    if v.size == 0:  # an empty mean is NaN (without NumPy's warning)
        out_shape = np.sum(v, axis=axis, keepdims=keepdims).shape
        return np.full(out_shape, np.nan, v.dtype)[()]
    # np.mean without its Python layer (whose overflow warnings escape tapeflow's filter)
    n = int(np.prod([v.shape[a] for a in axis]))
    return (np.add.reduce(v, axis=axis, dtype=v.dtype, keepdims=keepdims) / n).astype(v.dtype)[()]


def _reduced_count(op):
    shape = op.inputs[0]._value.shape
    n = 1
    for a in op.attrs["axis"]:
        n *= shape[a]
    return max(n, 1)


def _mean_grad(op, g):
    x = op.inputs[0]
    shape = x._value.shape
    if shape is not None and all(shape[a] is not None for a in op.attrs["axis"]):
        full = P.broadcast_to(restore_reduced(g, op), bshape(op, g) + shape)
        return div(full, scalar_like(x, _reduced_count(op)))
    # a graph tensor with unknown reduced dimensions: the count is computed when it runs
    ones = P.add(P.zeros_like(x), scalar_like(x, 1))
    count = P.reduce_sum(ones, op.attrs["axis"], keepdims=True)
    return div(mul(restore_reduced(g, op), ones), count)


def _extreme_forward(fn, fill):
    def forward(v, axis, keepdims):
        if v.dtype.kind == "f":
            initial = fill * np.inf
        elif v.dtype.kind in "iu":
            info = np.iinfo(v.dtype)
            initial = info.min if fill < 0 else info.max
        else:
            initial = fill > 0  # bool: max starts at False, min at True
        return fn(v, axis=axis, keepdims=keepdims, initial=initial)
    return forward


def _extreme_indicators(op):
    x = op.inputs[0]
    y = restore_reduced(op.outputs[0], op)
    return cast(equal(y, x), x._value.dtype), y


def _extreme_shares(op):
    """indicators / count: each element's share of the extreme (ties split it equally)."""
    indicators, y = _extreme_indicators(op)
    count = reshape(reduce_sum(indicators, op.attrs["axis"], True), y._value.shape)
    return div(indicators, count)


def _extreme_grad(op, g):  # (indicators / count) g, as TF's
    return mul(_extreme_shares(op), restore_reduced(g, op))


def _extreme_jvp(op, dx):  # the transpose: an empty reduction's tangent is 0
    return reduce_sum(mul(_extreme_shares(op), dx), op.attrs["axis"], op.attrs["keepdims"])


def _prod_forward(v, axis, keepdims):
    return np.multiply.reduce(v, axis=axis, keepdims=keepdims, dtype=v.dtype)[()]


def _prod_grad(op, g):
    """d prod / dx_i = product of the other elements, computed with exclusive cumprods from both
    sides (so zeros are handled exactly, as TF does)."""
    x = op.inputs[0]
    shape = x._value.shape
    axes = op.attrs["axis"]
    g = P.broadcast_to(restore_reduced(g, op), bshape(op, g) + shape)
    other = [i for i in range(len(shape)) if i not in axes]
    perm = tuple(axes) + tuple(other)
    n_red = int(np.prod([shape[a] for a in axes])) if axes else 1
    n_other = int(np.prod([shape[a] for a in other]))
    permuted = P.transpose(x, perm)
    flat = reshape(permuted, (n_red, n_other))  # explicit sizes: -1 is ambiguous when empty
    left = cumprod(flat, 0, True, False)
    right = cumprod(flat, 0, True, True)
    others = reshape(conj_if_complex(mul(left, right)), permuted._value.shape)
    return mul(g, P.transpose(others, tuple(int(i) for i in np.argsort(perm))))


MEAN = _reduction("Mean", _mean_forward, _mean_grad,
                  # sum / max(n, 1), as the gradient: an empty mean is a constant (NaN), tangent 0
                  lambda op, dx: div(reduce_sum(dx, op.attrs["axis"], op.attrs["keepdims"]),
                                     scalar_like(dx, _reduced_count(op))), NUMERIC,
                  parallel=parallel.reduction(_mean_forward, full=parallel.full_mean))
_MAX_FORWARD = _extreme_forward(np.maximum.reduce, -1)
_MIN_FORWARD = _extreme_forward(np.minimum.reduce, 1)
MAX = _reduction("Max", _MAX_FORWARD, _extreme_grad, _extreme_jvp, REAL,
                 parallel=parallel.reduction(_MAX_FORWARD))
MIN = _reduction("Min", _MIN_FORWARD, _extreme_grad, _extreme_jvp, REAL,
                 parallel=parallel.reduction(_MIN_FORWARD))
PROD = _reduction("Prod", _prod_forward, _prod_grad,
                  # (the gradient is conjugated for complex inputs; the tangent's factor is not)
                  lambda op, dx: reduce_sum(mul(dx, conj_if_complex(_prod_grad(op, P.broadcast_to(
                      scalar_like(op.outputs[0], 1), op.outputs[0]._value.shape)))),
                      op.attrs["axis"], op.attrs["keepdims"]), NUMERIC)
ALL = _reduction("All", lambda v, axis, keepdims: np.all(v, axis=axis, keepdims=keepdims), None,
                 None, BOOL, nondiff=True)
ANY_ = _reduction("Any", lambda v, axis, keepdims: np.any(v, axis=axis, keepdims=keepdims), None,
                  None, BOOL, nondiff=True)


def _reducer(op):
    def bind(x, axis, keepdims=False):
        return apply1(op, x, {"axis": tuple(axis), "keepdims": bool(keepdims)})
    bind.__name__ = "reduce_" + op.name.lower()
    return bind


reduce_mean, reduce_max, reduce_min, reduce_prod = map(_reducer, (MEAN, MAX, MIN, PROD))
reduce_all, reduce_any = _reducer(ALL), _reducer(ANY_)


# ============================================================================================
# Cumulative sums and products (axis non-negative)
# ============================================================================================
def _cum_forward(fn, identity):
    def forward(v, axis, exclusive, reverse):
        if reverse:
            v = np.flip(v, axis)
        out = fn(v, axis=axis, dtype=v.dtype)
        if identity == 0 and v.dtype.kind in "fc":
            out += 0  # TF's scan starts from +0: a sum is never -0
        if exclusive and v.shape[axis]:  # (an empty axis stays empty)
            pad_shape = list(v.shape)
            pad_shape[axis] = 1
            head = np.full(pad_shape, identity, v.dtype)
            out = np.concatenate([head, np.take(out, range(v.shape[axis] - 1), axis=axis)], axis)
        if reverse:
            out = np.flip(out, axis)
        return out
    return forward


def _cum_batch(op, args, dims, attrs):
    x = P.move_to_front(args[0], dims[0])
    return apply1(op, x, dict(attrs, axis=attrs["axis"] + 1)), 0


def _cumsum_grad(op, g):
    a = op.attrs
    return cumsum(g, a["axis"] + len(bshape(op, g)), a["exclusive"], not a["reverse"])


CUMSUM = defop("Cumsum", _cum_forward(np.add.accumulate, 0), _cumsum_grad, linear=True, allowed=NUMERIC,
               shape=same, batch=_cum_batch, batched_grad=True)


def _flip(x, axis):
    n = x._value.shape[axis]
    return P.gather(x, wrap(np.arange(n - 1, -1, -1, dtype=np.int32)), axis)


def _shift_in(x, axis, fill):
    """x shifted one step along `axis` (towards higher indices), `fill` entering at index 0."""
    n = x._value.shape[axis]
    if n == 0:
        return x
    shape = list(x._value.shape)
    shape[axis] = 1
    head = P.broadcast_to(scalar_like(x, fill), tuple(shape))
    body = P.split(x, (n - 1, 1), axis)[0]
    return P.concat([head, body], axis)


def _cumprod_inclusive_grad(x, y, g, axis, depth=3):
    """The gradient of y = cumprod(x) (inclusive, forward) along `axis`, exact at zeros.

    Before the first zero z of a slice the gradient is sum_{i>=k} g_i y_i / x_k; at z it is the
    same sum with x_z replaced by one; after z it is x_z times the gradient of the cumprod with x_z
    replaced by one (0 in value, but its derivative in x_z is not). That recursion is unrolled
    `depth` levels, so derivatives are exact up to order depth + 1 at any number of zeros."""
    zero = zeros_like(x)
    one = add(zero, scalar_like(x, 1))
    is_zero = equal(x, zero)
    zeros_before = cumsum(cast(is_zero, np.int32), axis, True, False)
    none_before = equal(zeros_before, zeros_like(zeros_before))
    first_zero = logical_and(is_zero, none_before)
    safe_x = select(is_zero, one, x)
    # positions before the first zero (x_k != 0): sum_{i>=k} g_i y_i / x_k
    before = div(cumsum(mul(g, y), axis, False, True), safe_x)
    # the first zero: sum_{i>=z} g_i y'_i, y' the cumprod with that zero replaced by one
    x1 = select(first_zero, one, x)
    y1 = cumprod(x1, axis, False, False)
    at_zero = cumsum(mul(g, y1), axis, False, True)
    if depth:
        x_z = reduce_sum(select(first_zero, x, zero), (axis,), True)
        after = mul(x_z, _cumprod_inclusive_grad(x1, y1, g, axis, depth - 1))
    else:
        after = zero
    return select(none_before, select(is_zero, at_zero, before), after)


def _cumprod_grad(op, g):
    x = op.inputs[0]
    a = op.attrs
    nb = len(bshape(op, g))
    axis = a["axis"] + nb
    if nb:
        x = P.broadcast_to(x, g._value.shape)
    cx = conj_if_complex(x)
    if a["reverse"]:
        cx, g = _flip(cx, axis), _flip(g, axis)
    if a["exclusive"]:
        s = _shift_in(cx, axis, 1)
        gs = _cumprod_inclusive_grad(s, cumprod(s, axis, False, False), g, axis)
        n = gs._value.shape[axis]
        # ds_{j+1} = dx_j; the last element of x enters no output
        if n:
            tail = P.split(gs, (1, n - 1), axis)[1]
            pad = zeros_like(P.split(gs, (n - 1, 1), axis)[1])
            gx = P.concat([tail, pad], axis)
        else:
            gx = gs
    else:
        gx = _cumprod_inclusive_grad(cx, cumprod(cx, axis, False, False), g, axis)
    if a["reverse"]:
        gx = _flip(gx, axis)
    return gx


def _cumprod_jvp(op, dx):
    return jvp_from_grad(op, dx)


CUMPROD = defop("Cumprod", _cum_forward(np.multiply.accumulate, 1), _cumprod_grad, _cumprod_jvp,
                allowed=NUMERIC, shape=same, batch=_cum_batch, batched_grad=True)


def cumsum(x, axis, exclusive=False, reverse=False):
    return apply1(CUMSUM, x, {"axis": axis, "exclusive": bool(exclusive), "reverse": bool(reverse)})


def cumprod(x, axis, exclusive=False, reverse=False):
    return apply1(CUMPROD, x, {"axis": axis, "exclusive": bool(exclusive), "reverse": bool(reverse)})


# ============================================================================================
# Matrix multiplication (batched over leading dimensions, which broadcast)
# ============================================================================================
def _matmul_forward(a, b, transpose_a, transpose_b):
    if a.ndim < 2 or b.ndim < 2:
        raise op_error(InvalidArgumentError, "MatMul",
                       f"In[0] and In[1] has different ndims: {dims_text(a.shape)} vs. "
                       f"{dims_text(b.shape)}" if a.ndim != b.ndim else
                       f"In[0] is not a matrix. Instead it has shape {dims_text(a.shape)}")
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    if a.shape[-1] != b.shape[-2]:
        if a.ndim == 2 and b.ndim == 2:
            msg = (f"Matrix size-incompatible: In[0]: "
                   f"{dims_text(a.shape if not transpose_a else a.T.shape)}, "
                   f"In[1]: {dims_text(b.shape if not transpose_b else b.T.shape)}")
            raise op_error(InvalidArgumentError, "MatMul", msg)
        raise op_error(InvalidArgumentError, "BatchMatMulV2",
                       f"In[0] mismatch In[1] shape: {a.shape[-1]} vs. {b.shape[-2]}: "
                       f"{dims_text(a.shape)} {dims_text(b.shape)} {int(transpose_a)} "
                       f"{int(transpose_b)}")
    if a.shape[-1] == 1 and a.ndim > 2:  # batched outer products: NumPy's matmul loops slowly
        return np.multiply(a, b)
    if a.ndim != b.ndim or a.shape[:-2] != b.shape[:-2]:
        out = _matmul_folded(a, b)
        if out is not None:
            return out
    return np.matmul(a, b)


def _matmul_folded(a, b):
    """a @ b where one factor is broadcast along batch axes the other spans, as one batched
    matmul with those axes folded into the other factor's columns (or rows): a matvec of
    (k, d, d) matrices against (n, k, d) vectors is k (d, d) @ (d, n) products, not n * k
    matrix-vector calls. None when there is nothing worth folding (the result is the same
    product, the sums in BLAS's order)."""
    nb = max(a.ndim, b.ndim) - 2
    a = a.reshape((1,) * (nb + 2 - a.ndim) + a.shape)
    b = b.reshape((1,) * (nb + 2 - b.ndim) + b.shape)
    into_b = [i for i in range(nb) if a.shape[i] == 1 and b.shape[i] != 1]
    into_a = [i for i in range(nb) if b.shape[i] == 1 and a.shape[i] != 1]
    if into_b and b.shape[-1] <= 64 and int(np.prod([b.shape[i] for i in into_b])) >= 4:
        fold, x, small = into_b, b, a
    elif into_a and a.shape[-2] <= 64 and int(np.prod([a.shape[i] for i in into_a])) >= 4:
        fold, x, small = into_a, a, b
    else:
        return None
    keep = [i for i in range(nb) if i not in fold]
    nk = len(keep)
    small = small.reshape(tuple(small.shape[i] for i in keep) + small.shape[-2:])
    fshape = tuple(x.shape[i] for i in fold)
    if x is b:  # b (keep, k, fold, m) -> (keep, k, F * m); out (keep, n, fold, m)
        xt = np.transpose(x, keep + [nb] + fold + [nb + 1])
        xt = xt.reshape(xt.shape[:nk + 1] + (-1,))
        out = np.matmul(small, xt)
        out = out.reshape(out.shape[:nk + 1] + fshape + (x.shape[-1],))
        order = keep + [None] + fold + [None]  # out's axes: keep, n, fold, m
    else:  # a (keep, fold, n, k) -> (keep, F * n, k); out (keep, fold, n, m)
        xt = np.transpose(x, keep + fold + [nb, nb + 1])
        xt = xt.reshape(xt.shape[:nk] + (-1, x.shape[-1]))
        out = np.matmul(xt, small)
        out = out.reshape(out.shape[:nk] + fshape + (x.shape[-2], out.shape[-1]))
        order = keep + fold + [None, None]
    # back to (batch..., n, m): batch axis i is at position order.index(i)
    src = [order.index(i) for i in range(nb)]
    rows = nk if x is b else nb
    cols = nb + 1
    return np.transpose(out, src + [rows, cols])


def _matmul_shape(a, b, transpose_a, transpose_b):
    if a.shape is None or b.shape is None:  # (a graph tensor of unknown rank)
        return aval(None, a.dtype)
    sa, sb = list(a.shape), list(b.shape)
    if transpose_a:
        sa[-1], sa[-2] = sa[-2], sa[-1]
    if transpose_b:
        sb[-1], sb[-2] = sb[-2], sb[-1]
    from ._common import broadcast_shapes
    lead = broadcast_shapes(tuple(sa[:-2]), tuple(sb[:-2]))
    return aval(lead + (sa[-2], sb[-1]), a.dtype)


def _matmul_grad(op, g):
    ta, tb = op.attrs["transpose_a"], op.attrs["transpose_b"]
    a, b = conj_if_complex(op.inputs[0]), conj_if_complex(op.inputs[1])
    needs = op.needs_input_grad or (True, True)
    lead = g._value.shape[:-2]
    grads = []
    for k, (x, y, tx, ty) in enumerate(
            ((g, b, False, not tb) if not ta else (b, g, tb, True),
             (a, g, not ta, False) if not tb else (g, a, True, ta))):
        if not needs[k]:
            grads.append(None)
            continue
        own = op.inputs[k]._value.shape[:-2]
        if own == lead:
            grads.append(matmul(x, y, tx, ty))
        else:  # the input was broadcast: its gradient sums over the broadcast batch axes
            target = lead[:len(bshape(op, g))]
            target += (1,) * (len(lead) - len(target) - len(own)) + own
            grads.append(_matmul_summed(x, y, tx, ty, target))
    return tuple(grads)


def _matmul_summed(x, y, tx, ty, target):
    """matmul(x, y, tx, ty) summed over the batch axes where `target` (the gradient's batch
    shape, one entry per batch axis of the product) is 1. A batch axis both factors span is
    folded into the contraction (one batched matmul), so the broadcast product (outer products,
    for a matvec) is never materialised and reduced."""
    nb = len(target)
    x = reshape(x, (1,) * (nb + 2 - x._value.ndim) + x._value.shape)
    y = reshape(y, (1,) * (nb + 2 - y._value.ndim) + y._value.shape)
    fold = []
    for i in range(nb):
        if target[i] != 1:
            continue
        nx, ny = x._value.shape[i], y._value.shape[i]
        if nx != 1 and ny == 1:
            x = reduce_sum(x, (i,), True)
        elif ny != 1 and nx == 1:
            y = reduce_sum(y, (i,), True)
        elif nx != 1:
            fold.append(i)
    if not fold:
        return matmul(x, y, tx, ty)
    keep = [i for i in range(nb) if i not in fold]
    xm, xp = (nb + 1, nb) if tx else (nb, nb + 1)  # x's row and contraction axes
    yp, yk = (nb + 1, nb) if ty else (nb, nb + 1)
    x = P.transpose(x, keep + [xm] + fold + [xp])
    y = P.transpose(y, keep + fold + [yp, yk])
    xs, ys = x._value.shape, y._value.shape
    nk = len(keep)
    x = reshape(x, xs[:nk + 1] + (int(np.prod(xs[nk + 1:])),))
    y = reshape(y, ys[:nk] + (int(np.prod(ys[nk:-1])), ys[-1]))
    out = matmul(x, y, False, False)
    shape = list(out._value.shape[:nk])
    for i in fold:
        shape.insert(i, 1)
    return reshape(out, tuple(shape) + out._value.shape[nk:])


def _matmul_jvp(op, da, db):
    a, b = op.inputs
    ta, tb = op.attrs["transpose_a"], op.attrs["transpose_b"]
    out = None
    if da is not None:
        out = matmul(da, b, ta, tb)
    if db is not None:
        out = _sum_tangents(out, matmul(a, db, ta, tb))
    return out


def _matmul_batch(op, args, dims, attrs):
    (a, b), (da, db) = args, dims
    if da is not None and db is None and not attrs["transpose_a"] and b._value.ndim == 2:
        # a batch of row blocks times one matrix: fold the batch into the rows
        a = P.move_to_front(a, da)
        return apply2(op, a, b, attrs), 0
    return elementwise(op, args, dims, attrs)


# (TF's MatMul takes int32 and int64, its BatchMatMulV2 int16 too: the public matmul refuses
# int16 matrices; its unsigned types have no kernel)
MATMUL = defop("MatMul", _matmul_forward, _matmul_grad, _matmul_jvp,
               allowed=FLOAT + COMPLEX + (D.int16, D.int32, D.int64), no_kernel=UNSIGNED_INT,
               shape=_matmul_shape, batch=_matmul_batch, batched_grad=True)


def matmul(a, b, transpose_a=False, transpose_b=False):
    return apply2(MATMUL, a, b, {"transpose_a": transpose_a, "transpose_b": transpose_b})


# ============================================================================================
# Arg-extremes (no gradient)
# ============================================================================================
def _arg_shape(a, axis, dtype):
    return aval(a.shape[:axis] + a.shape[axis + 1:], dtype)


def _arg_batch(op, args, dims, attrs):
    x = P.move_to_front(args[0], dims[0])
    return apply1(op, x, dict(attrs, axis=attrs["axis"] + 1)), 0


def _argmax_forward(v, axis, dtype):
    if v.dtype.kind == "f" and v.size and np.isnan(v).any():
        # TF's kernel compares with `>`, so NaN never wins: NaNs act as the smallest values
        v = np.where(np.isnan(v), -np.inf, v)
    return np.argmax(v, axis=axis).astype(dtype)[()]


def _argmin_forward(v, axis, dtype):
    if v.dtype.kind == "f" and v.size and np.isnan(v).any():
        v = np.where(np.isnan(v), np.inf, v)
    return np.argmin(v, axis=axis).astype(dtype)[()]


ARGMAX = defop("ArgMax", _argmax_forward, nondiff=True, allowed=REAL + BOOL, shape=_arg_shape,
               batch=_arg_batch)
ARGMIN = defop("ArgMin", _argmin_forward, nondiff=True, allowed=REAL + BOOL, shape=_arg_shape,
               batch=_arg_batch)


def argmax(x, axis, dtype):
    return apply1(ARGMAX, x, {"axis": axis, "dtype": np.dtype(dtype)})


def argmin(x, axis, dtype):
    return apply1(ARGMIN, x, {"axis": axis, "dtype": np.dtype(dtype)})


