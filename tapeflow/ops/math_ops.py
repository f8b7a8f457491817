"""Math ops, public API: `tf.math` elementwise functions, comparisons, casts, reductions,
cumulative ops and matmul. Each function converts and checks its arguments (TF's dtype rules)
and calls the primitive layer (`tapeflow.prims.math`), where the ops' records live.

    >>> tf.math.sin(tf.constant([0.0]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.], dtype=float32)>
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.composite_tensor import CompositeTensor, dispatch_api
from ..framework.errors import InvalidArgumentError, UnimplementedError, op_error
from ..framework.op import apply1, apply2, is_concrete
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..prims import base as P
from ..prims._common import broadcast_shapes
from ..prims import math as PM
from ..prims.math import (ABS, ACOS, ACOSH, ADD, ALL, ANY_, ARGMAX, ARGMIN, ASIN, ASINH, ATAN,
                          ATAN2, ATANH, BITWISE_AND, BITWISE_OR, BITWISE_XOR, CAST, CEIL,
                          COMPLEX_ABS, COMPLEX_OP, CONJ, COS, COSH, CUMPROD, CUMSUM, EQUAL, EXP,
                          EXPM1, FLOOR, FLOORDIV, FLOORMOD, GREATER, GREATER_EQUAL, IMAG_OP,
                          INVERT, IS_FINITE, IS_INF, IS_NAN, LESS, LESS_EQUAL, LOG, LOG1P,
                          LOGICAL_AND, LOGICAL_NOT, LOGICAL_OR, MATMUL, MAX, MAXIMUM, MEAN, MIN,
                          MINIMUM, MUL, NEG, NOT_EQUAL, POW, PROD, REAL_OP, REALDIV, RECIPROCAL,
                          ROUND, RSQRT, SIGMOID, SIGN, SIN, SINH, SOFTPLUS, SQRT, SQUARE, SUB,
                          SUM, TAN, TANH)
from . import _common
from ._common import axis_tuple, binary, pair, t, unary

_OBJECT = np.dtype(object)  # string tensors hold object arrays of bytes


def _conj(x):
    """conj(x) for complex tensors; x itself otherwise."""
    return apply1(CONJ, x) if x._value.dtype.kind == "c" else x


# ============================================================================================
# Elementwise unary ops
# ============================================================================================
def _public_unary(op, name, formula):
    def f(x, name=None):
        return unary(op, x)
    f.__name__ = name
    f.__doc__ = f"{formula}, elementwise (TF op `{op.name}`).\n\n    >>> tf.math.{name}([0.5])\n"
    return f


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
    if type(x) is not Tensor and isinstance(x, CompositeTensor):
        return dispatch_api("abs", (x,))
    x = t(x)
    if x._value.dtype.kind == "c":
        return unary(COMPLEX_ABS, x)
    return unary(ABS, x)


# ============================================================================================
# Binary elementwise ops
# ============================================================================================
# The dtypes add, subtract and multiply take on their fast path (both operands tensors of one
# dtype): the primitives' own allowed sets, so the fast path checks exactly what the slow one does.
_ADD_OK, _SUB_OK, _MUL_OK = ADD._allowed_np, SUB._allowed_np, MUL._allowed_np


def add(x, y, name=None):
    """x + y with broadcasting (TF op `AddV2`). A Python operand takes the other's dtype as a hint.

    >>> tf.add(tf.constant([1.0, 2.0]), 1.0)
    """
    if type(x) is Tensor and type(y) is Tensor:
        d = x._value.dtype
        if d is y._value.dtype and d in _ADD_OK:
            return apply2(ADD, x, y)
    if _is_string(x) and _is_string(y):
        return _string_add(x, y)
    return binary(ADD, x, y, hint=True)


def _is_string(v):
    if isinstance(v, (str, bytes)):
        return True
    value = getattr(v, "_value", None)
    return value is not None and value.dtype.kind == "O"


def _string_add(x, y):
    x, y = t(x), t(y)
    return PM.string_add(x, y)


def subtract(x, y, name=None):
    """x - y with broadcasting (TF op `Sub`).

    >>> tf.subtract(3.0, 1.0)
    """
    if type(x) is Tensor and type(y) is Tensor:
        d = x._value.dtype
        if d is y._value.dtype and d in _SUB_OK:
            return apply2(SUB, x, y)
    return binary(SUB, x, y)


def multiply(x, y, name=None):
    """x * y with broadcasting (TF op `Mul`).

    >>> tf.multiply(tf.constant([1.0, 2.0]), 3.0)
    """
    if type(x) is Tensor and type(y) is Tensor:
        d = x._value.dtype
        if d is y._value.dtype and d in _MUL_OK:
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
    if isinstance(x, CompositeTensor):  # a SparseTensor's values divided (TF's SparseDenseCwiseDiv)
        return binary(REALDIV, x, y)
    if _common.PROMOTION is not None:  # NumPy behaviour's auto dtype conversion
        return _common.PROMOTION.truediv(x, y)
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
    zero = P.zeros_like(y)
    is_zero = PM.equal(y, zero)
    safe_y = P.select(is_zero, P.add(zero, PM.scalar_like(y, 1)), y)
    q = x / safe_y
    return P.select(is_zero, P.zeros_like(q), q)


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
# Comparisons and logic
# ============================================================================================
def _compare(op):
    def f(x, y, name=None):
        return binary(op, x, y)
    name = {"LogicalAnd": "logical_and", "LogicalOr": "logical_or", "NotEqual": "not_equal",
            "LessEqual": "less_equal", "GreaterEqual": "greater_equal"}.get(op.name, op.name.lower())
    f.__name__ = name
    f.__doc__ = f"Elementwise {op.name} of x and y, as a bool tensor.\n\n    >>> tf.math.{name}(1, 2)\n"
    return f


equal, not_equal = _compare(EQUAL), _compare(NOT_EQUAL)
less, less_equal = _compare(LESS), _compare(LESS_EQUAL)
greater, greater_equal = _compare(GREATER), _compare(GREATER_EQUAL)
logical_and, logical_or = _compare(LOGICAL_AND), _compare(LOGICAL_OR)


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
        broadcast_shapes(x._value.shape, y._value.shape)
    except ValueError:
        return wrap(np.bool_(False))
    return apply2(EQUAL, x, y)


def _tensor_not_equals(self, other):
    if other is None:
        return True
    x, y = pair(self, other, "NotEqual")
    try:
        broadcast_shapes(x._value.shape, y._value.shape)
    except ValueError:
        return wrap(np.bool_(True))
    return apply2(NOT_EQUAL, x, y)


# ============================================================================================
# Casting and complex numbers
# ============================================================================================
def cast(x, dtype, name=None):
    """Converts `x` to `dtype`; the gradient flows between floating types only.

    >>> tf.cast(tf.constant([1.7, -1.7]), tf.int32)
    """
    dtype = D.as_dtype(dtype)
    if type(x) is not Tensor and isinstance(x, CompositeTensor):
        return dispatch_api("cast", (x, dtype))
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
    return unary(IMAG_OP, x) if x._value.dtype.kind == "c" else P.zeros_like(x)


def conj(x, name=None):
    """The complex conjugate; a real tensor is returned as is."""
    x = t(x)
    return unary(CONJ, x) if x._value.dtype.kind == "c" else x


def angle(x, name=None):
    """The argument of a complex number (atan2(imag, real)); 0 or pi for reals."""
    x = t(x)
    if x._value.dtype.kind == "c":
        return atan2(imag(x), real(x))
    zero = P.zeros_like(x)
    return P.select(less(x, zero), P.add(zero, PM.scalar_like(x, np.pi)), zero)


# ============================================================================================
# Reductions
# ============================================================================================
def _reduce(op, input_tensor, axis, keepdims):
    if type(input_tensor) is not Tensor and isinstance(input_tensor, CompositeTensor):
        return dispatch_api(op.name, (input_tensor, axis, keepdims))  # e.g. ragged reductions
    x = t(input_tensor)
    op.check(x)
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


def reduce_all(input_tensor, axis=None, keepdims=False, name=None):
    """Logical AND over `axis`.

    >>> tf.reduce_all([True, False])
    """
    return _reduce(ALL, input_tensor, axis, keepdims)


def reduce_any(input_tensor, axis=None, keepdims=False, name=None):
    """Logical OR over `axis`.

    >>> tf.reduce_any([True, False])
    """
    return _reduce(ANY_, input_tensor, axis, keepdims)


# ============================================================================================
# Cumulative ops
# ============================================================================================
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
    MATMUL.check(a)
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
    am = P.reshape(P.transpose(a, a_free + a_axes), (-1, k))
    bm = P.reshape(P.transpose(b, b_axes + b_free), (k, -1))
    return P.reshape(matmul(am, bm), [sa[i] for i in a_free] + [sb[i] for i in b_free])


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


def is_nan(x, name=None):
    """Elementwise NaN test.

    >>> tf.math.is_nan([1.0, np.nan])
    """
    return unary(IS_NAN, x)


def is_inf(x, name=None):
    """Elementwise infinity test."""
    return unary(IS_INF, x)


def is_finite(x, name=None):
    """Elementwise finiteness test."""
    return unary(IS_FINITE, x)


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
