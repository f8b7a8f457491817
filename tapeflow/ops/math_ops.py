"""Elementwise math, reductions and matmul: each op's forward, gradient and JVP side by side.

A gradient rule `grad(op, g)` sees the recorded node (`op.inputs`, `op.outputs`, `op.get_attr`) and
the incoming cotangent, and returns one gradient per input, written with tapeflow ops so nested
tapes differentiate it again. Broadcasting is undone by the engine (`unbroadcast` below), so rules
may return broadcast-shaped gradients. A JVP rule `jvp(op, *tangents)` returns the output tangent.

    >>> tf.math.sin(tf.constant([0.0]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.], dtype=float32)>
"""
import operator

import numpy as np

from ..framework import batching as _B
from ..framework import bfloat16
from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, UnimplementedError, op_error
from ..framework.op import apply1, apply2, defop
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from . import array_ops as A
from ._common import (COMPLEX, FLOAT, FLOAT_COMPLEX, INT, NUMERIC, REAL, SIGNED_NUMERIC,
                      axis_tuple, binary, pair, t, unary)


def _conj(x):
    """conj(x) for complex tensors; x itself otherwise (gradients use conjugates, as TF)."""
    return conj(x) if x._value.dtype.kind == "c" else x


# ============================================================================================
# Elementwise unary ops. `deriv(x, y)` gives f'(x) with tapeflow ops (y is the output);
# grad = g * conj(f'(x)), jvp = dx * f'(x).
# ============================================================================================
def _elementwise(name, forward, deriv, allowed=FLOAT_COMPLEX):
    def grad(op, g):
        return g * _conj(deriv(op.inputs[0], op.outputs[0]))

    def jvp(op, dx):
        return dx * deriv(op.inputs[0], op.outputs[0])
    return defop(name, forward, grad, jvp, allowed=allowed)


def _public_unary(op, name, formula):
    def f(x, name=None):
        return unary(op, x)
    f.__name__ = name
    f.__doc__ = f"{formula}, elementwise (TF op `{op.name}`).\n\n    >>> tf.math.{name}([0.5])\n"
    return f


def _half(x):
    return wrap(np.asarray(0.5, x._value.dtype)[()])


def _one(x):
    return wrap(np.asarray(1, x._value.dtype)[()])


NEG = defop("Neg", operator.neg, lambda op, g: -g, lambda op, dx: -dx, allowed=SIGNED_NUMERIC)
SQUARE = _elementwise("Square", np.square, lambda x, y: x + x, allowed=NUMERIC)
# TF's SqrtGrad and RsqrtGrad kernels give 0 where the incoming gradient is 0 (so
# where(x > 0, sqrt(x), 0) has a finite gradient at 0). They are primitives, as in TF.
def _zero_where_no_grad(dy, value):
    return np.where(dy == 0, np.zeros((), value.dtype), value).astype(value.dtype)[()]


SQRT_GRAD = defop(
    "SqrtGrad", lambda y, dy: _zero_where_no_grad(dy, dy * 0.5 / y),
    lambda op, g: (-g * _conj(op.outputs[0] / op.inputs[0]), g * _half(g) / _conj(op.inputs[0])),
    lambda op, dy_t, ddy: _sum_tangents(
        None if dy_t is None else -dy_t * op.outputs[0] / op.inputs[0],
        None if ddy is None else ddy * _half(ddy) / op.inputs[0]))
RSQRT_GRAD = defop(
    "RsqrtGrad", lambda y, dy: _zero_where_no_grad(dy, dy * -0.5 * y * y * y),
    lambda op, g: (g * wrap(np.asarray(-1.5, op.inputs[0]._value.dtype)[()]) * op.inputs[1]
                   * square(_conj(op.inputs[0])),
                   g * -_half(g) * _conj(op.inputs[0] * op.inputs[0] * op.inputs[0])),
    lambda op, dy_t, ddy: _sum_tangents(
        None if dy_t is None else dy_t * wrap(np.asarray(-1.5, op.inputs[0]._value.dtype)[()])
        * op.inputs[1] * square(op.inputs[0]),
        None if ddy is None else ddy * -_half(ddy) * op.inputs[0] * op.inputs[0] * op.inputs[0]))
SQRT = defop("Sqrt", np.sqrt, lambda op, g: apply2(SQRT_GRAD, op.outputs[0], g),
             lambda op, dx: dx * _half(dx) / op.outputs[0], allowed=FLOAT_COMPLEX)
RSQRT = defop("Rsqrt", lambda v: 1 / np.sqrt(v), lambda op, g: apply2(RSQRT_GRAD, op.outputs[0], g),
              lambda op, dx: dx * -_half(dx) * op.outputs[0] * op.outputs[0] * op.outputs[0],
              allowed=FLOAT_COMPLEX)
EXP = _elementwise("Exp", np.exp, lambda x, y: y)
EXPM1 = _elementwise("Expm1", np.expm1, lambda x, y: y + _one(y))
LOG = _elementwise("Log", np.log, lambda x, y: reciprocal(x))
LOG1P = _elementwise("Log1p", np.log1p, lambda x, y: reciprocal(x + _one(x)))
SIN = _elementwise("Sin", np.sin, lambda x, y: cos(x))
COS = _elementwise("Cos", np.cos, lambda x, y: -sin(x))
TAN = _elementwise("Tan", np.tan, lambda x, y: square(reciprocal(cos(x))))
ASIN = _elementwise("Asin", np.arcsin, lambda x, y: rsqrt(_one(x) - square(x)))
ACOS = _elementwise("Acos", np.arccos, lambda x, y: -rsqrt(_one(x) - square(x)))
ATAN = _elementwise("Atan", np.arctan, lambda x, y: reciprocal(_one(x) + square(x)))
SINH = _elementwise("Sinh", np.sinh, lambda x, y: cosh(x))
COSH = _elementwise("Cosh", np.cosh, lambda x, y: sinh(x))
TANH = _elementwise("Tanh", np.tanh, lambda x, y: _one(y) - square(y))
ASINH = _elementwise("Asinh", np.arcsinh, lambda x, y: rsqrt(square(x) + _one(x)))
ACOSH = _elementwise("Acosh", np.arccosh, lambda x, y: rsqrt(square(x) - _one(x)))
ATANH = _elementwise("Atanh", np.arctanh, lambda x, y: reciprocal(_one(x) - square(x)))
RECIPROCAL = _elementwise("Reciprocal", lambda v: 1 / v, lambda x, y: -square(y))


def _sigmoid_np(v):
    # stable for large |v|: exp of a non-positive number only
    e = np.exp(-np.abs(v))
    return np.where(v >= 0, 1 / (1 + e), e / (1 + e)).astype(v.dtype)[()]


def _softplus_np(v):
    return (np.maximum(v, 0) + np.log1p(np.exp(-np.abs(v)))).astype(v.dtype)[()]


SIGMOID = _elementwise("Sigmoid", _sigmoid_np, lambda x, y: y * (_one(y) - y))
SOFTPLUS = _elementwise("Softplus", _softplus_np, lambda x, y: sigmoid(x), allowed=FLOAT)


def _abs_forward(v):
    return np.abs(v)


def _abs_grad(op, g):
    x = op.inputs[0]
    if x._value.dtype.kind == "c":  # d|z| = Re(conj(z)/|z| dz); TF: g * z / |z|
        return complex_(g, A.zeros_like(g)) * x / complex_(op.outputs[0], A.zeros_like(g))
    return g * sign(x)


ABS = defop("Abs", _abs_forward, _abs_grad,
            lambda op, dx: dx * sign(op.inputs[0]), allowed=NUMERIC)
SIGN = defop("Sign", np.sign, lambda op, g: A.zeros_like(op.inputs[0]), lambda op, dx: A.zeros_like(dx),
             allowed=NUMERIC)
FLOOR = defop("Floor", np.floor, lambda op, g: None, lambda op, dx: A.zeros_like(dx), allowed=FLOAT)
CEIL = defop("Ceil", np.ceil, lambda op, g: None, lambda op, dx: A.zeros_like(dx), allowed=FLOAT)
ROUND = defop("Round", np.round, lambda op, g: None, lambda op, dx: A.zeros_like(dx), allowed=NUMERIC)


def negative(x, name=None):
    """-x, elementwise (TF op `Neg`).

    >>> tf.negative(tf.constant([1, -2]))
    """
    return unary(NEG, x)


square = _public_unary(SQUARE, "square", "x * x")
sqrt = _public_unary(SQRT, "sqrt", "The square root")
rsqrt = _public_unary(RSQRT, "rsqrt", "1 / sqrt(x)")
exp = _public_unary(EXP, "exp", "e ** x")
expm1 = _public_unary(EXPM1, "expm1", "exp(x) - 1")
log = _public_unary(LOG, "log", "The natural logarithm")
log1p = _public_unary(LOG1P, "log1p", "log(1 + x)")
sin = _public_unary(SIN, "sin", "The sine")
cos = _public_unary(COS, "cos", "The cosine")
tan = _public_unary(TAN, "tan", "The tangent")
asin = _public_unary(ASIN, "asin", "The inverse sine")
acos = _public_unary(ACOS, "acos", "The inverse cosine")
atan = _public_unary(ATAN, "atan", "The inverse tangent")
sinh = _public_unary(SINH, "sinh", "The hyperbolic sine")
cosh = _public_unary(COSH, "cosh", "The hyperbolic cosine")
tanh = _public_unary(TANH, "tanh", "The hyperbolic tangent")
asinh = _public_unary(ASINH, "asinh", "The inverse hyperbolic sine")
acosh = _public_unary(ACOSH, "acosh", "The inverse hyperbolic cosine")
atanh = _public_unary(ATANH, "atanh", "The inverse hyperbolic tangent")
reciprocal = _public_unary(RECIPROCAL, "reciprocal", "1 / x")
sigmoid = _public_unary(SIGMOID, "sigmoid", "1 / (1 + exp(-x))")
softplus = _public_unary(SOFTPLUS, "softplus", "log(1 + exp(x))")
sign = _public_unary(SIGN, "sign", "-1, 0 or 1 by the sign of x")
floor = _public_unary(FLOOR, "floor", "The largest integer not above x")
ceil = _public_unary(CEIL, "ceil", "The smallest integer not below x")


def round(x, name=None):  # noqa: A001 - TF's name
    """Rounds half to even, elementwise (TF op `Round`); integers pass through.

    >>> tf.round(tf.constant([0.5, 1.5, -2.5]))
    """
    x = t(x)
    if x._value.dtype.kind in "iu":
        return x
    return unary(ROUND, x)


def abs(x, name=None):  # noqa: A001 - TF's name
    """|x| elementwise; for complex x, the modulus (a real tensor).

    >>> tf.abs(tf.constant([-1.0, 2.0]))
    """
    x = t(x)
    if x._value.dtype.kind == "c":
        return unary(COMPLEX_ABS, x)
    return unary(ABS, x)


# ============================================================================================
# Binary elementwise ops
# ============================================================================================
def _add_grad(op, g):
    return g, g


def _sub_grad(op, g):
    return g, -g


def _mul_grad(op, g):  # the hottest rule: Mul applied directly (inputs and g share a dtype)
    x, y = op.inputs
    needs = op.needs_input_grad
    if x._value.dtype.kind == "c":
        x, y = conj(x), conj(y)
    return (apply2(MUL, g, y) if needs is None or needs[0] else None,
            apply2(MUL, x, g) if needs is None or needs[1] else None)


def _div_grad(op, g):
    x, y = op.inputs
    return g / _conj(y), -g * _conj(op.outputs[0] / y)


def _pow_grad(op, g):
    x, y = op.inputs
    z = op.outputs[0]
    needs = op.needs_input_grad
    gx = gy = None
    if needs is None or needs[0]:
        gx = g * _conj(y * pow(x, y - _one(y)))
    if needs is None or needs[1]:
        if x._value.dtype.kind == "c":
            log_x = A.where(not_equal(x, A.zeros_like(x)), log(x), A.zeros_like(x))
        else:
            log_x = A.where(greater(x, A.zeros_like(x)), log(x), A.zeros_like(x))
        gy = g * _conj(z * log_x)
    return gx, gy


def _pow_jvp(op, dx, dy):
    x, y = op.inputs
    z = op.outputs[0]
    out = None
    if dx is not None:
        out = dx * y * pow(x, y - _one(y))
    if dy is not None:
        log_x = A.where(greater(x, A.zeros_like(x)), log(x), A.zeros_like(x))
        term = dy * z * log_x
        out = term if out is None else out + term
    return out


def _max_grad(op, g):  # the gradient goes to x where x >= y (TF's tie rule)
    x, y = op.inputs
    mask = greater_equal(x, y)
    zeros = A.zeros_like(g)
    return A.where(mask, g, zeros), A.where(mask, zeros, g)


def _min_grad(op, g):  # the gradient goes to x where x <= y
    x, y = op.inputs
    mask = less_equal(x, y)
    zeros = A.zeros_like(g)
    return A.where(mask, g, zeros), A.where(mask, zeros, g)


def _select_jvp(mask_of):
    def jvp(op, dx, dy):
        x, y = op.inputs
        mask = mask_of(x, y)
        dx = A.zeros_like(op.outputs[0]) if dx is None else dx
        dy = A.zeros_like(op.outputs[0]) if dy is None else dy
        return A.where(mask, dx, dy)
    return jvp


def _atan2_grad(op, g):
    y, x = op.inputs
    inv = reciprocal(square(x) + square(y))
    return g * x * inv, -g * y * inv


def _atan2_jvp(op, dy, dx):
    y, x = op.inputs
    inv = reciprocal(square(x) + square(y))
    out = None
    if dy is not None:
        out = dy * x * inv
    if dx is not None:
        term = -dx * y * inv
        out = term if out is None else out + term
    return out


def _sum_tangents(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _neg_or_none(v):
    return None if v is None else -v


def _output_shaped(op, tangent):
    """A tangent broadcast to the op's output shape (an input's own tangent may be smaller)."""
    shape = op.outputs[0]._value.shape
    if tangent is None or tangent._value.shape == shape:
        return tangent
    return A.broadcast_to(tangent, shape)


ADD = defop("AddV2", operator.add, _add_grad,
            lambda op, dx, dy: _output_shaped(op, _sum_tangents(dx, dy)), allowed=NUMERIC)
SUB = defop("Sub", operator.sub, _sub_grad,
            lambda op, dx, dy: _output_shaped(op, _sum_tangents(dx, _neg_or_none(dy))),
            allowed=NUMERIC)
MUL = defop("Mul", operator.mul, _mul_grad,
            lambda op, dx, dy: _sum_tangents(None if dx is None else dx * op.inputs[1],
                                             None if dy is None else op.inputs[0] * dy),
            allowed=NUMERIC)
REALDIV = defop("RealDiv", operator.truediv, _div_grad,
                lambda op, dx, dy: _sum_tangents(
                    None if dx is None else dx / op.inputs[1],
                    None if dy is None else -dy * op.outputs[0] / op.inputs[1]),
                allowed=FLOAT_COMPLEX)
POW = defop("Pow", np.power, _pow_grad, _pow_jvp, allowed=NUMERIC)
MAXIMUM = defop("Maximum", np.maximum, _max_grad, _select_jvp(lambda x, y: greater_equal(x, y)),
                allowed=REAL)
MINIMUM = defop("Minimum", np.minimum, _min_grad, _select_jvp(lambda x, y: less_equal(x, y)),
                allowed=REAL)
ATAN2 = defop("Atan2", np.arctan2, _atan2_grad, _atan2_jvp, allowed=FLOAT)


def _floordiv_np(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise op_error(InvalidArgumentError, "FloorDiv", "Integer division by zero")
    return np.floor_divide(x, y)


def _floormod_np(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise op_error(InvalidArgumentError, "FloorMod", "Integer division by zero")
    return np.mod(x, y)


def _floormod_grad(op, g):  # x - floor(x / y) * y
    x, y = op.inputs
    return g, -g * floordiv(x, y)


FLOORDIV = defop("FloorDiv", _floordiv_np, lambda op, g: (None, None),
                 lambda op, dx, dy: A.zeros_like(op.outputs[0]), allowed=REAL)
FLOORMOD = defop("FloorMod", _floormod_np, _floormod_grad,
                 lambda op, dx, dy: _output_shaped(op, _sum_tangents(
                     dx, None if dy is None else -dy * floordiv(op.inputs[0], op.inputs[1]))),
                 allowed=REAL)


def add(x, y, name=None):
    """x + y with broadcasting (TF op `AddV2`). A Python operand takes the other's dtype as a hint.

    >>> tf.add(tf.constant([1.0, 2.0]), 1.0)
    """
    if type(x) is Tensor and type(y) is Tensor and (
            x._value.dtype is y._value.dtype or x._value.dtype == y._value.dtype) \
            and x._value.dtype is not _OBJECT:
        return apply2(ADD, x, y)
    if _is_string(x) or _is_string(y):
        return _string_add(x, y)
    return binary(ADD, x, y, hint=True)


_OBJECT = np.dtype(object)  # string tensors hold object arrays of bytes


def _is_string(v):
    if isinstance(v, (str, bytes)):
        return True
    value = getattr(v, "_value", None)
    return value is not None and value.dtype.kind == "O"


def _string_add(x, y):
    x, y = t(x), t(y)
    joined = np.asarray(np.char.add(np.asarray(x._value, dtype=bytes),
                                    np.asarray(y._value, dtype=bytes)))
    out = np.empty(joined.shape, dtype=object)  # bytes elements; 0-d for scalars
    out[...] = joined.astype(object)
    return wrap(out)


def subtract(x, y, name=None):
    """x - y with broadcasting (TF op `Sub`).

    >>> tf.subtract(3.0, 1.0)
    """
    if type(x) is Tensor and type(y) is Tensor and (
            x._value.dtype is y._value.dtype or x._value.dtype == y._value.dtype):
        return apply2(SUB, x, y)
    return binary(SUB, x, y)


def multiply(x, y, name=None):
    """x * y with broadcasting (TF op `Mul`).

    >>> tf.multiply(tf.constant([1.0, 2.0]), 3.0)
    """
    if type(x) is Tensor and type(y) is Tensor and (
            x._value.dtype is y._value.dtype or x._value.dtype == y._value.dtype):
        return apply2(MUL, x, y)
    return binary(MUL, x, y)


def _true_division_dtype(dt):
    if dt.kind in "iu":
        return np.float32 if dt.itemsize <= 2 else np.float64
    return None


def truediv(x, y, name=None):
    """x / y; integers are first converted to float (int8/16 -> float32, int32/64 -> float64).

    >>> tf.truediv(tf.constant([1, 2]), tf.constant([2, 2]))
    """
    if type(x) is Tensor and type(y) is Tensor and x._value.dtype == y._value.dtype \
            and x._value.dtype.kind in "fc":
        return apply2(REALDIV, x, y)
    x = t(x)
    y = y if type(y) is Tensor else convert_to_tensor(y, dtype_hint=x.dtype)
    if x._value.dtype != y._value.dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x.dtype!r} != {y.dtype!r}.")
    target = _true_division_dtype(x._value.dtype)
    if target is not None:
        x, y = cast(x, target), cast(y, target)
    return binary(REALDIV, x, y)


def divide(x, y, name=None):
    """x / y, as Python 3 division (see `truediv`).

    >>> tf.divide(1.0, 4.0)
    """
    return truediv(x, y)


def realdiv(x, y, name=None):
    """x / y for floating or complex tensors (TF op `RealDiv`)."""
    return binary(REALDIV, x, y)


def div_no_nan(x, y, name=None):
    """x / y, but 0 where y == 0.

    >>> tf.math.divide_no_nan(1.0, 0.0)
    """
    x, y = pair(x, y, "DivNoNan")
    safe_y = A.where(equal(y, A.zeros_like(y)), A.ones_like(y), y)
    return A.where(equal(y, A.zeros_like(y)), A.zeros_like(x * safe_y), x / safe_y)


divide_no_nan = div_no_nan


def floordiv(x, y, name=None):
    """floor(x / y), as Python's `//` (TF op `FloorDiv`).

    >>> tf.math.floordiv(7, 2)
    """
    return binary(FLOORDIV, x, y)


def floormod(x, y, name=None):
    """x - floor(x / y) * y, as Python's `%` (TF op `FloorMod`).

    >>> tf.math.floormod(-7, 3)
    """
    return binary(FLOORMOD, x, y)


mod = floormod


def pow(x, y, name=None):  # noqa: A001 - TF's name
    """x ** y elementwise (TF op `Pow`).

    >>> tf.pow(tf.constant([2.0, 3.0]), 2.0)
    """
    x, y = pair(x, y, "Pow")
    if x._value.dtype.kind in "iu" and np.any(np.asarray(y._value) < 0):
        raise op_error(InvalidArgumentError, "Pow", "Integers to negative integer powers are not allowed")
    return binary(POW, x, y)


def maximum(x, y, name=None):
    """Elementwise max; on ties the gradient goes to x.

    >>> tf.maximum(tf.constant([1.0, 5.0]), 3.0)
    """
    return binary(MAXIMUM, x, y)


def minimum(x, y, name=None):
    """Elementwise min; on ties the gradient goes to x.

    >>> tf.minimum(tf.constant([1.0, 5.0]), 3.0)
    """
    return binary(MINIMUM, x, y)


def atan2(y, x, name=None):
    """The angle of the point (x, y), elementwise, in [-pi, pi].

    >>> tf.math.atan2(1.0, 1.0)
    """
    return binary(ATAN2, y, x)


def squared_difference(x, y, name=None):
    """(x - y) ** 2 elementwise.

    >>> tf.math.squared_difference(3.0, 1.0)
    """
    d = subtract(x, y)
    return d * _conj(d)


# ============================================================================================
# Comparisons and logic: no gradient (bool outputs are never recorded)
# ============================================================================================
def _compare(name, fn, allowed=NUMERIC + (D.bool_, D.string)):
    op = defop(name, fn, allowed=allowed)

    def f(x, y, name=None):
        return binary(op, x, y)
    f.__name__ = name.lower()
    f.__doc__ = f"Elementwise {name} of x and y, as a bool tensor.\n\n    >>> tf.math.{f.__name__}(1, 2)\n"
    return op, f


EQUAL, equal = _compare("Equal", np.equal)
NOT_EQUAL, not_equal = _compare("NotEqual", np.not_equal)
LESS, less = _compare("Less", np.less, REAL)
LESS_EQUAL, less_equal = _compare("LessEqual", np.less_equal, REAL)
GREATER, greater = _compare("Greater", np.greater, REAL)
GREATER_EQUAL, greater_equal = _compare("GreaterEqual", np.greater_equal, REAL)
LOGICAL_AND, logical_and = _compare("LogicalAnd", np.logical_and, (D.bool_,))
LOGICAL_OR, logical_or = _compare("LogicalOr", np.logical_or, (D.bool_,))
LOGICAL_NOT = defop("LogicalNot", np.logical_not, allowed=(D.bool_,))
BITWISE_AND = defop("BitwiseAnd", np.bitwise_and, allowed=INT)
BITWISE_OR = defop("BitwiseOr", np.bitwise_or, allowed=INT)
BITWISE_XOR = defop("BitwiseXor", np.bitwise_xor, allowed=INT)
INVERT = defop("Invert", np.invert, allowed=INT)
equal.__name__, not_equal.__name__ = "equal", "not_equal"
less_equal.__name__, greater_equal.__name__ = "less_equal", "greater_equal"
logical_and.__name__, logical_or.__name__ = "logical_and", "logical_or"


def logical_not(x, name=None):
    """Elementwise NOT of a bool tensor.

    >>> tf.math.logical_not([True, False])
    """
    return unary(LOGICAL_NOT, x)


def logical_xor(x, y, name=None):
    """Elementwise XOR of bool tensors.

    >>> tf.math.logical_xor(True, False)
    """
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


def _tensor_equals(self, other):
    if other is None:
        return False
    x, y = pair(self, other, "Equal")
    try:
        np.broadcast_shapes(x._value.shape, y._value.shape)
    except ValueError:
        return wrap(np.bool_(False))
    return apply2(EQUAL, x, y)


def _tensor_not_equals(self, other):
    if other is None:
        return True
    x, y = pair(self, other, "NotEqual")
    try:
        np.broadcast_shapes(x._value.shape, y._value.shape)
    except ValueError:
        return wrap(np.bool_(True))
    return apply2(NOT_EQUAL, x, y)


# ============================================================================================
# Casting and complex numbers
# ============================================================================================
def _cast_forward(v, dtype):
    if v.dtype.kind == "c" and dtype.kind != "c":
        v = v.real
    if dtype.names is not None or v.dtype.names is not None:  # bfloat16 storage at either end
        return _bfloat16_cast(v, dtype)
    return np.asarray(v).astype(dtype)[()]


def _bfloat16_cast(v, dtype):
    if v.dtype == D.BFLOAT16_STORAGE:
        v = bfloat16.to_float32(v)
    if dtype == D.BFLOAT16_STORAGE:
        return bfloat16.from_values(v)
    return np.asarray(v).astype(dtype)[()]


def _cast_grad(op, g):
    x = op.inputs[0]
    if not (_differentiable(x._value.dtype) and _differentiable(g._value.dtype)):
        return None
    return cast(g, x._value.dtype)


def _differentiable(np_dtype):
    return np_dtype.kind in "fc" or np_dtype == D.BFLOAT16_STORAGE


CAST = defop("Cast", _cast_forward, _cast_grad, lambda op, dx: cast(dx, op.get_attr("dtype")))


def cast(x, dtype, name=None):
    """Converts `x` to `dtype`; the gradient flows between floating types only.

    >>> tf.cast(tf.constant([1.7, -1.7]), tf.int32)
    """
    dtype = D.as_dtype(dtype)
    x = t(x)
    if x._value.dtype == dtype._np:
        return x
    if dtype is D.string or x._value.dtype == object:
        raise op_error(UnimplementedError, "Cast",
                       f"Cast {x.dtype.name} to {dtype.name} is not supported")
    return apply1(CAST, x, {"dtype": dtype._np})


def saturate_cast(value, dtype, name=None):
    """Casts with clipping to the range of `dtype`."""
    dtype = D.as_dtype(dtype)
    value = t(value)
    if dtype.is_integer or dtype.is_floating:
        lo, hi = dtype.min, dtype.max
        if value.dtype.is_integer or value.dtype.is_floating:
            lo = max(lo, value.dtype.min)
            hi = min(hi, value.dtype.max)
        value = clip_by_value(value, cast(lo, value.dtype), cast(hi, value.dtype))
    return cast(value, dtype)


def _complex_grad(op, g):
    return real(g), imag(g)


COMPLEX_OP = defop("Complex", lambda re, im: (re + 1j * im).astype(
    np.complex64 if re.dtype == np.float32 else np.complex128)[()], _complex_grad,
    lambda op, dr, di: complex_(dr if dr is not None else A.zeros_like(op.inputs[0]),
                                di if di is not None else A.zeros_like(op.inputs[0])),
    allowed=(D.float32, D.float64))
REAL_OP = defop("Real", np.real, lambda op, g: complex_(g, A.zeros_like(g)),
                lambda op, dx: real(dx), allowed=COMPLEX)
IMAG_OP = defop("Imag", np.imag, lambda op, g: complex_(A.zeros_like(g), g),
                lambda op, dx: imag(dx), allowed=COMPLEX)
CONJ = defop("Conj", np.conj, lambda op, g: conj(g), lambda op, dx: conj(dx), allowed=COMPLEX)
COMPLEX_ABS = defop("ComplexAbs", np.abs, _abs_grad,
                    lambda op, dx: real(dx * conj(op.inputs[0])) / op.outputs[0], allowed=COMPLEX)


def complex_(real_part, imag_part, name=None):
    """real + i * imag (tf.complex).

    >>> tf.complex(1.0, 2.0)
    """
    return binary(COMPLEX_OP, real_part, imag_part)


def real(x, name=None):
    """The real part; a real tensor is returned as is."""
    x = t(x)
    return unary(REAL_OP, x) if x._value.dtype.kind == "c" else x


def imag(x, name=None):
    """The imaginary part; zeros for a real tensor."""
    x = t(x)
    return unary(IMAG_OP, x) if x._value.dtype.kind == "c" else A.zeros_like(x)


def conj(x, name=None):
    """The complex conjugate; a real tensor is returned as is."""
    x = t(x)
    return unary(CONJ, x) if x._value.dtype.kind == "c" else x


def angle(x, name=None):
    """The argument of a complex number (atan2(imag, real)); 0 or pi for reals."""
    x = t(x)
    if x._value.dtype.kind == "c":
        return atan2(imag(x), real(x))
    return A.where(less(x, A.zeros_like(x)), A.fill(A.shape(x), np.pi, x.dtype), A.zeros_like(x))


# ============================================================================================
# Reductions
# ============================================================================================
def _keepdims_shape(in_shape, axes):
    return tuple(1 if i in axes else d for i, d in enumerate(in_shape))


def _batch_shape(g, like):
    """The leading batch axes a (batched) cotangent `g` carries beyond node output `like`."""
    return g._value.shape[:g._value.ndim - like._value.ndim]


def _restore_reduced(g, op):
    """g (an output-shaped tensor, maybe with leading batch axes) reshaped to the input's rank
    with reduced axes of size 1, so it broadcasts against the input."""
    in_shape = op.inputs[0]._value.shape
    axes = op.get_attr("axis")
    if not op.get_attr("keepdims") and g._value.ndim:  # (a scalar broadcasts as it is)
        g = A.reshape(g, _batch_shape(g, op.outputs[0]) + _keepdims_shape(in_shape, axes))
    return g


def _sum_forward(v, axis, keepdims):
    return np.add.reduce(v, axis=axis, dtype=v.dtype, keepdims=keepdims)[()]  # np.sum, unwrapped


def _sum_grad(op, g):
    return A.broadcast_to(_restore_reduced(g, op),
                          _batch_shape(g, op.outputs[0]) + op.inputs[0]._value.shape)


def _mean_forward(v, axis, keepdims):
    if v.dtype.kind in "iu":
        n = max(1, int(np.prod([v.shape[a] for a in axis])))
        s = np.sum(v, axis=axis, keepdims=keepdims, dtype=np.int64)
        return (np.sign(s) * (np.abs(s) // n)).astype(v.dtype)[()]
    if v.size == 0:  # an empty mean is NaN (without NumPy's warning)
        out_shape = np.sum(v, axis=axis, keepdims=keepdims).shape
        return np.full(out_shape, np.nan, v.dtype)[()]
    return np.mean(v, axis=axis, keepdims=keepdims, dtype=v.dtype)


def _reduced_count(op):
    shape = op.inputs[0]._value.shape
    n = 1
    for a in op.get_attr("axis"):
        n *= shape[a]
    return n


def _mean_grad(op, g):
    x = op.inputs[0]
    n = _reduced_count(op)
    return A.broadcast_to(_restore_reduced(g, op), _batch_shape(g, op.outputs[0]) + x._value.shape) / wrap(
        np.asarray(max(n, 1), x._value.dtype)[()])


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


def _extreme_grad(op, g):  # split equally among the elements equal to the extreme
    x = op.inputs[0]
    y = _restore_reduced(op.outputs[0], op)
    g = _restore_reduced(g, op)
    indicators = cast(equal(y, x), x._value.dtype)
    count = A.reshape(reduce_sum(indicators, op.get_attr("axis"), keepdims=True), y._value.shape)
    return g * indicators / count


def _extreme_jvp(op, dx):
    x = op.inputs[0]
    y = _restore_reduced(op.outputs[0], op)
    indicators = cast(equal(y, x), x._value.dtype)
    axes = op.get_attr("axis")
    keep = op.get_attr("keepdims")
    return reduce_sum(dx * indicators, axes, keep) / reduce_sum(indicators, axes, keep)


def _prod_forward(v, axis, keepdims):
    return np.prod(v, axis=axis, keepdims=keepdims, dtype=v.dtype)


def _prod_grad(op, g):
    """d prod / dx_i = product of the other elements, computed with exclusive cumprods from both
    sides (so zeros are handled exactly, as TF does)."""
    x = op.inputs[0]
    shape = x._value.shape
    axes = op.get_attr("axis")
    g = A.broadcast_to(_restore_reduced(g, op), _batch_shape(g, op.outputs[0]) + shape)
    other = [i for i in range(len(shape)) if i not in axes]
    perm = list(axes) + other
    n_red = int(np.prod([shape[a] for a in axes])) if axes else 1
    n_other = int(np.prod([shape[a] for a in other]))
    permuted = A.transpose(x, perm)
    flat = A.reshape(permuted, (n_red, n_other))  # explicit sizes: -1 is ambiguous when empty
    left = cumprod(flat, axis=0, exclusive=True)
    right = cumprod(flat, axis=0, exclusive=True, reverse=True)
    others = A.reshape(_conj(left * right), permuted._value.shape)
    return g * A.transpose(others, list(np.argsort(perm)))


def _reduction(name, forward, grad, jvp, allowed):
    return defop(name, forward, grad, jvp, allowed=allowed)


SUM = _reduction("Sum", _sum_forward, _sum_grad,
                 lambda op, dx: reduce_sum(dx, op.get_attr("axis"), op.get_attr("keepdims")),
                 NUMERIC)
MEAN = _reduction("Mean", _mean_forward, _mean_grad,
                  # sum / max(n, 1), as the gradient: an empty mean is a constant (NaN), tangent 0
                  lambda op, dx: reduce_sum(dx, op.get_attr("axis"), op.get_attr("keepdims")) / wrap(
                      np.asarray(max(_reduced_count(op), 1), dx._value.dtype)[()]),
                  NUMERIC)
MAX = _reduction("Max", _extreme_forward(np.max, -1), _extreme_grad, _extreme_jvp, REAL)
MIN = _reduction("Min", _extreme_forward(np.min, 1), _extreme_grad, _extreme_jvp, REAL)
PROD = _reduction("Prod", _prod_forward, _prod_grad,
                  lambda op, dx: reduce_sum(dx * _prod_grad(op, A.ones_like(op.outputs[0])),
                                            op.get_attr("axis"), op.get_attr("keepdims")),
                  NUMERIC)


def _reduce(op, input_tensor, axis, keepdims):
    x = t(input_tensor)
    if op.allowed is not None and x._value.dtype not in op.allowed:
        from ..framework.op import dtype_not_allowed
        raise dtype_not_allowed(op, x.dtype)
    axes = axis_tuple(axis, x._value.ndim, op.name)
    return apply1(op, x, {"axis": axes, "keepdims": bool(keepdims)})


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    """Sum over `axis` (all axes when None).

    >>> tf.reduce_sum(tf.ones((2, 3)), axis=1)
    """
    return _reduce(SUM, input_tensor, axis, keepdims)


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    """Mean over `axis`; integer tensors give the truncated integer mean, as TF.

    >>> tf.reduce_mean(tf.constant([1, 2]))
    """
    return _reduce(MEAN, input_tensor, axis, keepdims)


def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    """Max over `axis`; ties share the gradient equally.

    >>> tf.reduce_max(tf.constant([1.0, 3.0]))
    """
    return _reduce(MAX, input_tensor, axis, keepdims)


def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    """Min over `axis`; ties share the gradient equally.

    >>> tf.reduce_min(tf.constant([1.0, 3.0]))
    """
    return _reduce(MIN, input_tensor, axis, keepdims)


def reduce_prod(input_tensor, axis=None, keepdims=False, name=None):
    """Product over `axis`.

    >>> tf.reduce_prod(tf.constant([2.0, 3.0]))
    """
    return _reduce(PROD, input_tensor, axis, keepdims)


def _bool_reduce(fn, name):
    op = defop(name, lambda v, axis, keepdims: fn(v, axis=axis, keepdims=keepdims), allowed=(D.bool_,))

    def f(input_tensor, axis=None, keepdims=False, name=None):
        return _reduce(op, input_tensor, axis, keepdims)
    return f


reduce_all = _bool_reduce(np.all, "All")
reduce_all.__name__, reduce_all.__doc__ = "reduce_all", "Logical AND over `axis`."
reduce_any = _bool_reduce(np.any, "Any")
reduce_any.__name__, reduce_any.__doc__ = "reduce_any", "Logical OR over `axis`."


# -- cumulative ops (used by reduce_prod's gradient) -------------------------------------------
def _cum_forward(fn, identity):
    def forward(v, axis, exclusive, reverse):
        if reverse:
            v = np.flip(v, axis)
        out = fn(v, axis=axis, dtype=v.dtype)
        if exclusive and v.shape[axis]:  # (an empty axis stays empty)
            pad_shape = list(v.shape)
            pad_shape[axis] = 1
            head = np.full(pad_shape, identity, v.dtype)
            out = np.concatenate([head, np.take(out, range(v.shape[axis] - 1), axis=axis)], axis)
        if reverse:
            out = np.flip(out, axis)
        return out
    return forward


def _cumsum_grad(op, g):
    nb = len(_batch_shape(g, op.outputs[0]))
    return cumsum(g, op.get_attr("axis") + nb, op.get_attr("exclusive"), not op.get_attr("reverse"))


def _cumprod_grad(op, g):
    x = op.inputs[0]
    y = op.outputs[0]
    a = op.attrs
    nb = len(_batch_shape(g, y))
    out = cumsum(y * g, a["axis"] + nb, a["exclusive"], not a["reverse"])
    return out / x


CUMSUM = defop("Cumsum", _cum_forward(np.cumsum, 0), _cumsum_grad,
               lambda op, dx: cumsum(dx, **op.attrs), allowed=NUMERIC)
def _cumprod_jvp(op, dx):
    a = op.attrs
    return op.outputs[0] * cumsum(dx / op.inputs[0], a["axis"], a["exclusive"], a["reverse"])


CUMPROD = defop("Cumprod", _cum_forward(np.cumprod, 1), _cumprod_grad, _cumprod_jvp,
                allowed=NUMERIC)


def _cum(op, x, axis, exclusive, reverse):
    x = t(x)
    axis = int(axis._value) if isinstance(axis, Tensor) else int(axis)
    nd = x._value.ndim
    if not -nd <= axis < nd:
        raise op_error(InvalidArgumentError, op.name,
                       f"Expected axis in the range [{-nd}, {nd}), but got {axis}")
    return apply1(op, x, {"axis": axis % nd, "exclusive": bool(exclusive), "reverse": bool(reverse)})


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """Cumulative sum along `axis`.

    >>> tf.math.cumsum([1, 2, 3])
    """
    return _cum(CUMSUM, x, axis, exclusive, reverse)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """Cumulative product along `axis`.

    >>> tf.math.cumprod([1, 2, 3])
    """
    return _cum(CUMPROD, x, axis, exclusive, reverse)


# ============================================================================================
# Matrix multiplication
# ============================================================================================
def _matmul_forward(a, b, transpose_a, transpose_b):
    if a.ndim < 2 or b.ndim < 2:
        raise op_error(InvalidArgumentError, "MatMul",
                       f"In[0] and In[1] has different ndims: {_dims(a)} vs. {_dims(b)}"
                       if a.ndim != b.ndim else f"In[0] is not a matrix. Instead it has shape {_dims(a)}")
    if transpose_a:
        a = np.swapaxes(a, -1, -2)
    if transpose_b:
        b = np.swapaxes(b, -1, -2)
    if a.shape[-1] != b.shape[-2]:
        if a.ndim == 2 and b.ndim == 2:
            msg = (f"Matrix size-incompatible: In[0]: {_dims(a if not transpose_a else a.T)}, "
                   f"In[1]: {_dims(b if not transpose_b else b.T)}")
            raise op_error(InvalidArgumentError, "MatMul", msg)
        raise op_error(InvalidArgumentError, "BatchMatMulV2",
                       f"In[0] mismatch In[1] shape: {a.shape[-1]} vs. {b.shape[-2]}: "
                       f"{_dims(a)} {_dims(b)} {int(transpose_a)} {int(transpose_b)}")
    if a.shape[-1] == 1 and a.ndim > 2:  # batched outer products: NumPy's matmul loops slowly
        return np.multiply(a, b)
    return np.matmul(a, b)


def _dims(a):
    return "[" + ",".join(str(d) for d in a.shape) + "]"


def _matmul_grad(op, g):
    ta, tb = op.get_attr("transpose_a"), op.get_attr("transpose_b")
    a, b = _conj(op.inputs[0]), _conj(op.inputs[1])
    needs = op.needs_input_grad or (True, True)
    ga = gb = None
    if not ta and not tb:
        if needs[0]:
            ga = matmul(g, b, transpose_b=True)
        if needs[1]:
            gb = matmul(a, g, transpose_a=True)
    elif not ta and tb:
        if needs[0]:
            ga = matmul(g, b)
        if needs[1]:
            gb = matmul(g, a, transpose_a=True)
    elif ta and not tb:
        if needs[0]:
            ga = matmul(b, g, transpose_b=True)
        if needs[1]:
            gb = matmul(a, g)
    else:
        if needs[0]:
            ga = matmul(b, g, transpose_a=True, transpose_b=True)
        if needs[1]:
            gb = matmul(g, a, transpose_a=True, transpose_b=True)
    return ga, gb


def _matmul_jvp(op, da, db):
    a, b = op.inputs
    ta, tb = op.get_attr("transpose_a"), op.get_attr("transpose_b")
    out = None
    if da is not None:
        out = matmul(da, b, transpose_a=ta, transpose_b=tb)
    if db is not None:
        term = matmul(a, db, transpose_a=ta, transpose_b=tb)
        out = term if out is None else out + term
    return out


MATMUL = defop("MatMul", _matmul_forward, _matmul_grad, _matmul_jvp,
               allowed=FLOAT + COMPLEX + (D.int32, D.int64, D.int8, D.int16, D.uint8))


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, output_type=None, grad_a=False, grad_b=False,
           name=None):
    """The matrix product a @ b, batched over leading dimensions (which broadcast).

    >>> tf.matmul(tf.ones((2, 3)), tf.ones((3, 4))).shape
    TensorShape([2, 4])
    """
    if type(a) is not Tensor or type(b) is not Tensor or a._value.dtype != b._value.dtype:
        a, b = pair(a, b, "MatMul")
    if adjoint_a:
        a, transpose_a = conj(a), True
    if adjoint_b:
        b, transpose_b = conj(b), True
    if a._value.dtype not in MATMUL.allowed:
        from ..framework.op import dtype_not_allowed
        raise dtype_not_allowed(MATMUL, a.dtype)
    return apply2(MATMUL, a, b, {"transpose_a": bool(transpose_a), "transpose_b": bool(transpose_b)})


def tensordot(a, b, axes, name=None):
    """Sums the products of a and b over `axes` (an int, or two lists of axes).

    >>> tf.tensordot(tf.ones((2, 3)), tf.ones((3, 4)), axes=1).shape
    TensorShape([2, 4])
    """
    a, b = pair(a, b, "Tensordot")
    ra, rb = a._value.ndim, b._value.ndim
    if isinstance(axes, (int, np.integer)) or (isinstance(axes, Tensor) and axes._value.ndim == 0):
        n = int(axes)
        a_axes, b_axes = list(range(ra - n, ra)), list(range(n))
    else:
        a_axes, b_axes = axes
        a_axes = [int(i) % ra for i in np.atleast_1d(np.asarray(getattr(a_axes, "_value", a_axes)))]
        b_axes = [int(i) % rb for i in np.atleast_1d(np.asarray(getattr(b_axes, "_value", b_axes)))]
    a_free = [i for i in range(ra) if i not in a_axes]
    b_free = [i for i in range(rb) if i not in b_axes]
    sa, sb = a._value.shape, b._value.shape
    k = int(np.prod([sa[i] for i in a_axes]))
    am = A.reshape(A.transpose(a, a_free + a_axes), (-1, k))
    bm = A.reshape(A.transpose(b, b_axes + b_free), (k, -1))
    return A.reshape(matmul(am, bm), [sa[i] for i in a_free] + [sb[i] for i in b_free])


# ============================================================================================
# Composite helpers built from the primitives above
# ============================================================================================
def clip_by_value(t_, clip_value_min, clip_value_max, name=None):
    """Clips to [min, max] as minimum(maximum(...)); the gradient passes where min <= t <= max.

    >>> tf.clip_by_value(tf.constant([-2.0, 0.5, 2.0]), -1.0, 1.0)
    """
    x = t(t_)
    return maximum(minimum(x, clip_value_max), clip_value_min)


def argmax(input, axis=None, output_type=D.int64, name=None):  # noqa: A002 - TF's name
    """Index of the largest value along `axis` (default 0).

    >>> tf.argmax(tf.constant([1.0, 3.0, 2.0]))
    """
    return _arg_extreme(ARGMAX, input, axis, output_type)


def argmin(input, axis=None, output_type=D.int64, name=None):  # noqa: A002 - TF's name
    """Index of the smallest value along `axis` (default 0).

    >>> tf.argmin(tf.constant([1.0, 3.0, 2.0]))
    """
    return _arg_extreme(ARGMIN, input, axis, output_type)


def _arg_extreme(op, input, axis, output_type):  # noqa: A002
    x = t(input)
    nd = x._value.ndim
    axis = 0 if axis is None else int(getattr(axis, "_value", axis))
    if not -max(nd, 1) <= axis < max(nd, 1):
        raise op_error(InvalidArgumentError, op.name,
                       f"Expected dimension in the range [{-nd}, {nd}), but got {axis}")
    return apply1(op, x, {"axis": axis % max(nd, 1), "dtype": D.as_dtype(output_type)._np})


ARGMAX = defop("ArgMax", lambda v, axis, dtype: np.argmax(v, axis=axis).astype(dtype)[()])
ARGMIN = defop("ArgMin", lambda v, axis, dtype: np.argmin(v, axis=axis).astype(dtype)[()])


def is_nan(x, name=None):
    """Elementwise NaN test."""
    return apply1(IS_NAN, t(x))


def is_inf(x, name=None):
    """Elementwise infinity test."""
    return apply1(IS_INF, t(x))


def is_finite(x, name=None):
    """Elementwise finiteness test."""
    return apply1(IS_FINITE, t(x))


IS_NAN = defop("IsNan", np.isnan)
IS_INF = defop("IsInf", np.isinf)
IS_FINITE = defop("IsFinite", np.isfinite)


def add_n(inputs, name=None):
    """The elementwise sum of a list of tensors of one shape and dtype.

    >>> tf.add_n([tf.ones(2), tf.ones(2)])
    """
    inputs = [t(x) for x in inputs]
    out = inputs[0]
    for x in inputs[1:]:
        out = add(out, x)
    return out


def scalar_mul(scalar, x, name=None):
    """scalar * x."""
    return multiply(scalar, x)




# ============================================================================================
# Broadcast reduction, used by the engine for every gradient whose shape differs from its input
# ============================================================================================
def unbroadcast(g, shape_, batch_ndim=0):
    """Sums `g` over the axes that broadcasting added or stretched, back to `shape_` (after
    `batch_ndim` leading batch axes, which are kept).

    The one place where broadcast gradients are reduced."""
    gs = g._value.shape
    if gs == shape_:
        return g
    nb = batch_ndim
    inner = gs[nb:]
    lead = len(inner) - len(shape_)
    axes = tuple(nb + i for i in range(lead)) + tuple(
        nb + i + lead for i, d in enumerate(shape_) if d == 1 and inner[i + lead] != 1)
    if axes:
        g = apply1(SUM, g, {"axis": axes, "keepdims": False})
    target = gs[:nb] + tuple(shape_)
    if g._value.shape != target:
        g = A.reshape(g, target)
    return g


# Every rule in this module accepts cotangents with extra leading batch axes (vectorized
# jacobians): elementwise rules broadcast, reductions and cumulative ops shift their axes, and
# matmul broadcasts over leading dimensions.
for _op in (NEG, SQUARE, SQRT_GRAD, RSQRT_GRAD, SQRT, RSQRT, EXP, EXPM1, LOG, LOG1P, SIN, COS, TAN,
            ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH, RECIPROCAL, SIGMOID, SOFTPLUS,
            ABS, SIGN, FLOOR, CEIL, ROUND, ADD, SUB, MUL, REALDIV, POW, MAXIMUM, MINIMUM, ATAN2,
            FLOORDIV, FLOORMOD, CAST, COMPLEX_OP, REAL_OP, IMAG_OP, CONJ, COMPLEX_ABS, SUM, MEAN,
            MAX, MIN, PROD, CUMSUM, CUMPROD, MATMUL):
    _op.batched_grad = True


# vmap batch rules (tapeflow.framework.batching): broadcasting ops batch by alignment (matmul
# too: it broadcasts leading axes), reductions and cumulative ops shift their axes.
_B.register(_B.elementwise, NEG, SQUARE, SQRT_GRAD, RSQRT_GRAD, SQRT, RSQRT, EXP, EXPM1, LOG,
            LOG1P, SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH,
            RECIPROCAL, SIGMOID, SOFTPLUS, ABS, SIGN, FLOOR, CEIL, ROUND, ADD, SUB, MUL, REALDIV,
            POW, MAXIMUM, MINIMUM, ATAN2, FLOORDIV, FLOORMOD, CAST, COMPLEX_OP, REAL_OP, IMAG_OP,
            CONJ, COMPLEX_ABS, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL,
            LOGICAL_AND, LOGICAL_OR, LOGICAL_NOT, BITWISE_AND, BITWISE_OR, BITWISE_XOR, INVERT,
            MATMUL, IS_NAN, IS_INF, IS_FINITE)
_B.register(_B.with_attrs(_B.shift("axis")), SUM, MEAN, MAX, MIN, PROD, CUMSUM, CUMPROD, "All",
            "Any", ARGMAX, ARGMIN)
