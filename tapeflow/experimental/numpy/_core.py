"""The NumPy API over tapeflow tensors (`tf.experimental.numpy`): array creation, math,
reductions, shape manipulation and indexing, with NumPy's dtype rules (Python floats are float64
unless `prefer_float32`; "all"/"safe" modes use TF's weak-type lattice). Every function is built
from tapeflow ops, so it is differentiable under tapes; `tnp.ndarray` is `tf.Tensor`.

    >>> tnp = tf.experimental.numpy
    >>> tnp.sum(tnp.arange(4)).dtype
    tf.int64
"""
import builtins
import itertools
import math
import numbers

import numpy as np

from ... import linalg as _linalg
from ... import math as _math
from ...framework import dtypes as D
from ...framework.tensor import Tensor, TensorLike, convert_to_tensor, wrap
from ...ops import array_ops as A
from ...ops import math_ops as M
from . import _promotion as P

ndarray = Tensor
newaxis = None
e = math.e
pi = math.pi
inf = float("inf")

bool_ = np.bool_
complex128 = np.complex128
complex64 = np.complex64
complex_ = np.complex128
float16 = np.float16
float32 = np.float32
float64 = np.float64
float_ = np.float64
inexact = np.inexact
int_ = np.int_
int8, int16, int32, int64 = np.int8, np.int16, np.int32, np.int64
uint8, uint16, uint32, uint64 = np.uint8, np.uint16, np.uint32, np.uint64
object_ = np.object_
string_ = np.bytes_
unicode_ = np.str_
iinfo = np.iinfo
issubdtype = np.issubdtype


# ============================================================================================
# dtypes
# ============================================================================================
def _auto():
    return P.MODE["value"] in ("all", "safe")


def _np_dtype(dtype):
    if dtype is None:
        return None
    if isinstance(dtype, D.DType):
        return dtype._np
    if dtype is float:
        return np.dtype(default_float_type())
    if dtype is int:
        return np.dtype(np.int64)
    if dtype is complex:
        return np.dtype(np.complex64 if P.PREFER_FLOAT32["value"] else np.complex128)
    if dtype is bool:
        return np.dtype(np.bool_)
    return np.dtype(dtype)


def default_float_type():
    """float64 (NumPy's), or float32 with `prefer_float32` or the "all"/"safe" modes."""
    return np.float32 if P.PREFER_FLOAT32["value"] or _auto() else np.float64


def _kind(x):
    """What np.result_type sees for x: a tensor's dtype, a Python number's value."""
    if isinstance(x, TensorLike):
        return x._value.dtype
    if isinstance(x, D.DType):
        return x._np
    if isinstance(x, type) and x in (float, int, complex, bool):
        return _np_dtype(x)
    if isinstance(x, float) and P.PREFER_FLOAT32["value"]:
        return np.float32(x)
    if isinstance(x, complex) and P.PREFER_FLOAT32["value"]:
        return np.complex64(x)
    return x


def result_type(*arrays_and_dtypes):
    """The dtype NumPy gives the result of an operation on these operands.

    >>> tf.experimental.numpy.result_type(tf.constant(1), 2.0)
    tf.float64
    """
    if _auto():
        name, _ = P.flexible_result_type(*arrays_and_dtypes)
        return D.as_dtype(name)
    flat = []
    for x in arrays_and_dtypes:
        if isinstance(x, (list, tuple)):
            flat.extend(_flat_values(x))
        else:
            flat.append(x)
    if not flat:
        flat = [np.asarray([])]
    return D.from_numpy(np.result_type(*[_kind(x) for x in flat]))


def _flat_values(x):
    for v in x:
        if isinstance(v, (list, tuple)):
            yield from _flat_values(v)
        else:
            yield v


def promote_types(type1, type2):
    """np.promote_types on NumPy or TF dtypes.

    >>> tf.experimental.numpy.promote_types(np.int8, np.uint8)
    dtype('int16')
    """
    return np.promote_types(_np_dtype(type1), _np_dtype(type2))


def finfo(dtype):
    """np.finfo of a NumPy or TF dtype.

    >>> tf.experimental.numpy.finfo(tf.float32).bits
    32
    """
    return np.finfo(_np_dtype(dtype))


# ============================================================================================
# Creation
# ============================================================================================
def _weak_result(value):
    """In "all"/"safe" mode, a Python number or list converts to a weak tensor."""
    if not _auto() or isinstance(value, (TensorLike, np.ndarray, np.generic)):
        return None
    name, weak = P.flexible_result_type(value)
    return name, weak


def array(val, dtype=None, copy=True, ndmin=0):
    """A tensor from `val` with NumPy's dtype inference (Python floats float64, ints int64).

    >>> tf.experimental.numpy.array([1, 2]).dtype
    tf.int64
    """
    if ndmin > 32:
        raise ValueError("ndmin bigger than allowable number of dimensions: 32.")
    weak = False
    if isinstance(val, TensorLike):
        out = convert_to_tensor(val)
        if dtype is not None:
            out = M.cast(P.strong(out), _np_dtype(dtype))
    else:
        if dtype is None:
            auto = _weak_result(val)
            if auto is not None:
                target, weak = np.dtype(D.as_dtype(auto[0])._np), auto[1]
            elif isinstance(val, (str, bytes)) or (isinstance(val, (list, tuple)) and builtins.any(
                    isinstance(v, (str, bytes)) for v in _flat_values(val))):
                return convert_to_tensor(val)
            else:
                target = np.dtype(result_type(val)._np) if not isinstance(
                    val, (np.ndarray, np.generic)) else np.asarray(val).dtype
        else:
            target = _np_dtype(dtype)
        arr = np.asarray(val)
        if arr.dtype.kind == "c" and target.kind != "c":
            arr = arr.real
        if arr.dtype.kind in "OSU" and target.kind not in "OSU":
            arr = arr.astype(np.float64)
        out = wrap(arr.astype(target)[()])
        if weak:
            out = P.weak(out)
    if ndmin and out._value.ndim < ndmin:
        out = A.reshape(out, [1] * (ndmin - out._value.ndim) + list(out._value.shape))
    return out


def asarray(a, dtype=None):
    """`array(a, dtype, copy=False)`: a tensor is returned as it is.

    >>> tf.experimental.numpy.asarray(1.0).dtype
    tf.float64
    """
    if isinstance(a, Tensor) and (dtype is None or D.as_dtype(_np_dtype(dtype)) == a.dtype):
        return a
    return array(a, dtype, copy=False)


asanyarray = asarray


def ascontiguousarray(a, dtype=None):
    """`array(a, dtype, ndmin=1)`."""
    return array(a, dtype, ndmin=1)


def copy(a):
    """A copy of `a` (a new tensor).

    >>> tf.experimental.numpy.copy([1.0]).dtype
    tf.float64
    """
    return A.identity(array(a, copy=True))


def _shape(shape):
    if isinstance(shape, TensorLike):
        return [int(d) for d in np.asarray(shape._value).reshape(-1)]
    if isinstance(shape, numbers.Integral):
        return [int(shape)]
    return [int(d) for d in shape]


def _creation_dtype(dtype, default=None):
    if dtype is None:
        return np.dtype(default or default_float_type())
    return _np_dtype(dtype)


def zeros(shape, dtype=float):
    """Zeros of `shape` (float64 by default).

    >>> tf.experimental.numpy.zeros([2]).dtype
    tf.float64
    """
    return wrap(np.zeros(_shape(shape), _creation_dtype(dtype))[()])


def ones(shape, dtype=float):
    """Ones of `shape` (float64 by default).

    >>> tf.experimental.numpy.ones([2, 3]).shape
    TensorShape([2, 3])
    """
    return wrap(np.ones(_shape(shape), _creation_dtype(dtype))[()])


empty = zeros


def full(shape, fill_value, dtype=None):
    """`shape` filled with `fill_value` (its NumPy dtype unless given).

    >>> tf.experimental.numpy.full([2], 3)
    <tf.Tensor: shape=(2,), dtype=int64, numpy=array([3, 3])>
    """
    value = asarray(fill_value, dtype)
    return A.broadcast_to(value, _shape(shape))


def _like_dtype(a, dtype):
    if dtype is not None:
        return _np_dtype(dtype)
    return np.dtype(asarray(a)._value.dtype)


def zeros_like(a, dtype=None):
    """Zeros with a's shape and dtype."""
    a = asarray(a)
    return wrap(np.zeros(a._value.shape, _like_dtype(a, dtype))[()])


def ones_like(a, dtype=None):
    """Ones with a's shape and dtype."""
    a = asarray(a)
    return wrap(np.ones(a._value.shape, _like_dtype(a, dtype))[()])


empty_like = zeros_like


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None):
    """`fill_value` with a's shape (or `shape`) and dtype."""
    a = asarray(a)
    dtype = _like_dtype(a, dtype)
    return A.broadcast_to(asarray(fill_value, dtype),
                          _shape(shape) if shape is not None else list(a._value.shape))


def eye(N, M=None, k=0, dtype=float):
    """Ones on the k-th diagonal of an N x M matrix.

    >>> tf.experimental.numpy.eye(2, dtype=int)
    <tf.Tensor: shape=(2, 2), dtype=int64, numpy=
    array([[1, 0],
           [0, 1]])>
    """
    return wrap(np.eye(int(N), None if M is None else int(M), int(k), _creation_dtype(dtype)))


def identity(n, dtype=float):
    """The n x n identity matrix."""
    return eye(n, dtype=dtype)


def arange(start, stop=None, step=1, dtype=None):
    """Evenly spaced values in [start, stop) (NumPy's dtype: int64 for ints).

    >>> tf.experimental.numpy.arange(3)
    <tf.Tensor: shape=(3,), dtype=int64, numpy=array([0, 1, 2])>
    """
    if not step:
        raise ValueError("step must be non-zero.")
    if stop is None:
        start, stop = 0, start
    values = [v for v in (start, stop, step)]
    if dtype is None:
        auto = _weak_result(values)
        if auto is not None:
            out = wrap(np.arange(start, stop, step).astype(D.as_dtype(auto[0])._np))
            return P.weak(out) if auto[1] else out
        target = np.dtype(result_type(*values)._np)
    else:
        target = _np_dtype(dtype)
    return wrap(np.arange(_py(start), _py(stop), _py(step)).astype(target))


def _py(v):
    return v.numpy().item() if isinstance(v, TensorLike) else v


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=float, axis=0):
    """`num` evenly spaced values from start to stop.

    >>> tf.experimental.numpy.linspace(0, 1, 3)
    <tf.Tensor: shape=(3,), dtype=float64, numpy=array([0. , 0.5, 1. ])>
    """
    out = np.linspace(_py(start), _py(stop), int(num), endpoint, retstep, axis=axis)
    values, step = out if retstep else (out, None)
    target = _creation_dtype(dtype)
    result = wrap(np.asarray(values).astype(target))
    return (result, step) if retstep else result


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """base ** linspace(start, stop, num)."""
    return wrap(np.logspace(_py(start), _py(stop), int(num), endpoint, base, axis=axis).astype(
        _creation_dtype(dtype)))


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """Values evenly spaced on a log scale from start to stop."""
    return wrap(np.geomspace(_py(start), _py(stop), int(num), endpoint, axis=axis).astype(
        _creation_dtype(dtype)))


def tri(N, M=None, k=0, dtype=None):
    """Ones at and below the k-th diagonal."""
    return wrap(np.tri(int(N), None if M is None else int(M), int(k),
                       _creation_dtype(dtype)))


def _band(m, k, lower):
    m = asarray(m)
    shape = m._value.shape
    mask = np.tri(shape[-2], shape[-1], k, dtype=bool)
    if not lower:
        mask = ~np.tri(shape[-2], shape[-1], k - 1, dtype=bool)
    return A.where(wrap(mask), m, A.zeros_like(m))


def tril(m, k=0):
    """The lower triangle (at and below the k-th diagonal) of the last two axes."""
    return _band(m, k, True)


def triu(m, k=0):
    """The upper triangle (at and above the k-th diagonal) of the last two axes."""
    return _band(m, k, False)


def diag(v, k=0):
    """The k-th diagonal of a matrix, or a matrix with vector v on its k-th diagonal.

    >>> tf.experimental.numpy.diag([1, 2])
    <tf.Tensor: shape=(2, 2), dtype=int64, numpy=
    array([[1, 0],
           [0, 2]])>
    """
    v = asarray(v)
    nd = v._value.ndim
    if nd == 1:
        n = v._value.shape[0] + builtins.abs(k)
        idx = np.arange(v._value.shape[0])
        rows, cols = (idx, idx + k) if k >= 0 else (idx - k, idx)
        scatter = np.zeros((n, n, v._value.shape[0]), v._value.dtype)
        scatter[rows, cols, idx] = 1
        return M.tensordot(wrap(scatter), v, [[2], [0]])
    if nd == 2:
        return diagonal(v, k)
    raise ValueError(f"Shape {v.shape} must have rank at most 2")


def diagflat(v, k=0):
    """A matrix with flattened v on its k-th diagonal."""
    return diag(ravel(v), k)


def diagonal(a, offset=0, axis1=0, axis2=1):
    """The `offset` diagonal of the (axis1, axis2) sub-arrays, along a new last axis."""
    a = moveaxis(asarray(a), [axis1, axis2], [-2, -1])
    rows, cols = a._value.shape[-2:]
    idx = np.arange(builtins.max(0, builtins.min(rows, cols - offset) if offset >= 0
                                 else builtins.min(rows + offset, cols)))
    r, c = (idx, idx + offset) if offset >= 0 else (idx - offset, idx)
    flat = A.reshape(a, list(a._value.shape[:-2]) + [rows * cols])
    return A.gather(flat, wrap((r * cols + c).astype(np.int64)), axis=-1 % flat._value.ndim)


def diag_indices(n, ndim=2):
    """Indices of the main diagonal of an n^ndim array."""
    if n < 0:
        raise ValueError(f"n argument to diag_indices must be nonnegative, got {n}")
    return (wrap(np.arange(n, dtype=np.int32)),) * ndim


def trace(a, offset=0, axis1=0, axis2=1, dtype=None):
    """The sum of a diagonal."""
    return sum(diagonal(a, offset, axis1, axis2), -1, dtype)


def vander(x, N=None, increasing=False):
    """The Vandermonde matrix of x (powers x^(N-1) ... x^0 in each row)."""
    x = asarray(x)
    n = x._value.shape[0] if N is None else int(N)
    powers = np.arange(n) if increasing else np.arange(n - 1, -1, -1)
    return power(x[:, None], asarray(powers.astype(x._value.dtype if x._value.dtype.kind != "b"
                                                   else np.int64)))


def meshgrid(*xi, **kwargs):
    """Coordinate grids from 1-D arrays (indexing "xy" or "ij")."""
    indexing = kwargs.get("indexing", "xy")
    arrays = [ravel(asarray(x)) for x in xi]
    shape = [x._value.shape[0] for x in arrays]
    if indexing == "xy" and len(arrays) >= 2:
        shape[0], shape[1] = shape[1], shape[0]
    out = []
    for i, x in enumerate(arrays):
        s = [1] * len(arrays)
        axis = i
        if indexing == "xy" and len(arrays) >= 2 and i < 2:
            axis = 1 - i
        s[axis] = -1
        out.append(A.broadcast_to(A.reshape(x, s), shape))
    return out


def ix_(*args):
    """Open meshes for indexing: the i-th array reshaped to rank len(args) along axis i."""
    n = len(args)
    out = []
    for i, a in enumerate(args):
        a = asarray(a)
        if a._value.dtype == np.bool_:
            a = nonzero(a)[0]
        shape = [1] * n
        shape[i] = -1
        out.append(A.reshape(a, shape))
    return out


# ============================================================================================
# Elementwise math
# ============================================================================================
def _float_if_int(x):
    if x._value.dtype.kind in "biu":
        return M.cast(x, default_float_type())
    return x


def _unary(fn, promote_to_float=False):
    def f(x):
        t = asarray(x)
        if promote_to_float:
            t = _float_if_int(t)
        return fn(t)
    return f


def _binary_operands(a, b):
    if _auto():
        name, weak = P.flexible_result_type(a, b)
        return P._as(a, name, weak), P._as(b, name, weak)
    dtype = result_type(a, b)
    return asarray(a, dtype), asarray(b, dtype)


def _binary(fn, promote_to_float=False, bool_fn=None):
    def f(x1, x2):
        a, b = _binary_operands(x1, x2)
        if bool_fn is not None and a._value.dtype == np.bool_:
            return bool_fn(a, b)
        if promote_to_float:
            a, b = _float_if_int(a), _float_if_int(b)
        return fn(a, b)
    return f


absolute = abs = _unary(M.abs)
fabs = _unary(M.abs, True)
negative = _unary(M.negative)


def positive(x):
    """+x."""
    return asarray(x)


sign = _unary(M.sign)
sqrt = _unary(M.sqrt, True)
square = _unary(M.square)
exp = _unary(M.exp, True)
expm1 = _unary(M.expm1, True)
log = _unary(M.log, True)
log1p = _unary(M.log1p, True)
sin, cos, tan = (_unary(f, True) for f in (M.sin, M.cos, M.tan))
arcsin, arccos, arctan = (_unary(f, True) for f in (M.asin, M.acos, M.atan))
sinh, cosh, tanh = (_unary(f, True) for f in (M.sinh, M.cosh, M.tanh))
arcsinh, arccosh, arctanh = (_unary(f, True) for f in (M.asinh, M.acosh, M.atanh))
floor = _unary(M.floor, True)
ceil = _unary(M.ceil, True)
reciprocal = _unary(M.reciprocal, True)
conj = conjugate = _unary(M.conj)
real = _unary(M.real)
imag = _unary(lambda x: M.imag(x) if x._value.dtype.kind == "c" else A.zeros_like(x))
isnan = _unary(lambda x: M.is_nan(x) if x._value.dtype.kind in "fc" else
               wrap(np.zeros(x._value.shape, bool)))
isinf = _unary(lambda x: M.is_inf(x) if x._value.dtype.kind in "fc" else
               wrap(np.zeros(x._value.shape, bool)))
isfinite = _unary(lambda x: M.is_finite(x) if x._value.dtype.kind in "fc" else
                  wrap(np.ones(x._value.shape, bool)))
logical_not = _unary(lambda x: M.logical_not(M.cast(x, np.bool_)))
bitwise_not = _unary(lambda x: M.logical_not(x) if x._value.dtype == np.bool_ else ~x)


def _log_base(base):
    def f(x):
        x = _float_if_int(asarray(x))
        return M.divide(M.log(x), M.log(wrap(np.asarray(base, x._value.dtype))))
    return f


log2, log10 = _log_base(2.0), _log_base(10.0)


def exp2(x):
    """2 ** x."""
    x = _float_if_int(asarray(x))
    return M.pow(wrap(np.asarray(2, x._value.dtype)), x)


def cbrt(x):
    """The real cube root."""
    x = _float_if_int(asarray(x))
    return M.multiply(M.sign(x), M.pow(M.abs(x), wrap(np.asarray(1 / 3, x._value.dtype))))


def deg2rad(x):
    """Degrees to radians."""
    x = _float_if_int(asarray(x))
    return M.multiply(x, wrap(np.asarray(np.pi / 180, x._value.dtype)))


def rad2deg(x):
    """Radians to degrees."""
    x = _float_if_int(asarray(x))
    return M.multiply(x, wrap(np.asarray(180 / np.pi, x._value.dtype)))


def fix(x):
    """Rounds towards zero."""
    x = _float_if_int(asarray(x))
    return A.where(M.less(x, A.zeros_like(x)), M.ceil(x), M.floor(x))


def around(a, decimals=0):
    """Rounds half to even at `decimals` digits (x * 10^d rounded, then divided, in floats).

    >>> tf.experimental.numpy.around([0.5, 1.5, 2.675], 2)
    <tf.Tensor: shape=(3,), dtype=float64, numpy=array([0.5 , 1.5 , 2.68])>
    """
    a = asarray(a)
    dtype = a._value.dtype
    x = a if dtype.kind in "fc" else M.cast(a, default_float_type())
    # TF casts the Python factor through float32 (so 10^-1 is 0.1f)
    factor = wrap(np.asarray(np.float32(math.pow(10, decimals)), x._value.dtype))
    out = M.divide(M.round(M.multiply(x, factor)), factor)
    return M.cast(out, dtype)


round = around


def angle(z, deg=False):
    """The argument of complex z (in degrees with `deg`)."""
    z = asarray(z)
    if z._value.dtype.kind == "c":
        out = _math.angle(z)
    else:  # as TF: a float32 result for real inputs
        z = _float_if_int(z)
        shape = z._value.shape
        out = A.where(M.less(z, A.zeros_like(z)), wrap(np.full(shape, np.pi, np.float32)),
                      wrap(np.zeros(shape, np.float32)))
    return rad2deg(out) if deg else out


def sinc(x):
    """sin(pi x) / (pi x), 1 at 0."""
    x = _float_if_int(asarray(x))
    zero = M.equal(x, A.zeros_like(x))
    safe = A.where(zero, A.ones_like(x), x)
    pix = M.multiply(safe, wrap(np.asarray(np.pi, x._value.dtype)))
    return A.where(zero, A.ones_like(x), M.divide(M.sin(pix), pix))


def signbit(x):
    """True for negative numbers (TF's definition: x < 0, so False at -0.0)."""
    x = asarray(x)
    if x._value.dtype.kind in "bu":
        return wrap(np.zeros(x._value.shape, bool))
    return M.less(x, A.zeros_like(x))


def isneginf(x):
    """True at -inf."""
    x = asarray(x)
    return M.logical_and(isinf(x), signbit(x))


def isposinf(x):
    """True at +inf."""
    x = asarray(x)
    return M.logical_and(isinf(x), M.logical_not(signbit(x)))


def iscomplex(x):
    """True where the imaginary part is nonzero."""
    x = asarray(x)
    return M.not_equal(imag(x), A.zeros_like(imag(x)))


def isreal(x):
    """True where the imaginary part is zero."""
    return M.logical_not(iscomplex(x))


def iscomplexobj(x):
    """True for a complex dtype."""
    return asarray(x)._value.dtype.kind == "c"


def isrealobj(x):
    """True for a non-complex dtype."""
    return not iscomplexobj(x)


def isscalar(num):
    """True for 0-d arrays and Python scalars."""
    return np.ndim(num if not isinstance(num, TensorLike) else num._value) == 0


def _bool_or(a, b):
    return M.logical_or(a, b)


def _bool_and(a, b):
    return M.logical_and(a, b)


add = _binary(M.add, bool_fn=_bool_or)
subtract = _binary(M.subtract)
multiply = _binary(M.multiply, bool_fn=_bool_and)
maximum = _binary(lambda a, b: M.maximum(a, b) if a._value.dtype != np.bool_ else M.logical_or(a, b))
minimum = _binary(lambda a, b: M.minimum(a, b) if a._value.dtype != np.bool_ else
                  M.logical_and(a, b))
arctan2 = _binary(M.atan2, True)
equal = _binary(M.equal)
not_equal = _binary(M.not_equal)
less = _binary(M.less)
less_equal = _binary(M.less_equal)
greater = _binary(M.greater)
greater_equal = _binary(M.greater_equal)


def _logical(fn):
    def f(x1, x2):
        return fn(M.cast(asarray(x1), np.bool_), M.cast(asarray(x2), np.bool_))
    return f


logical_and, logical_or, logical_xor = (_logical(f) for f in (M.logical_and, M.logical_or,
                                                              _math.logical_xor))
bitwise_and = _binary(lambda a, b: a & b)
bitwise_or = _binary(lambda a, b: a | b)
bitwise_xor = _binary(lambda a, b: a ^ b)


def true_divide(x1, x2):
    """x1 / x2, integers first converted to the default float.

    >>> tf.experimental.numpy.true_divide(1, 2).dtype
    tf.float64
    """
    a, b = _binary_operands(x1, x2)
    if a._value.dtype.kind in "biu":
        target = default_float_type()
        a, b = M.cast(a, target), M.cast(b, target)
    return M.truediv(P.strong(a), P.strong(b))


divide = true_divide
floor_divide = _binary(M.floordiv)
mod = remainder = _binary(M.floormod)


def divmod(x1, x2):
    """(floor_divide, mod)."""
    return floor_divide(x1, x2), mod(x1, x2)


def power(x1, x2):
    """x1 ** x2 with NumPy's result dtype."""
    a, b = _binary_operands(x1, x2)
    return M.pow(a, b)


def float_power(x1, x2):
    """`power` (TF's tnp does not convert to float64)."""
    return power(x1, x2)


def hypot(x1, x2):
    """sqrt(x1^2 + x2^2)."""
    a, b = _binary_operands(x1, x2)
    a, b = _float_if_int(a), _float_if_int(b)
    return M.sqrt(M.add(M.square(a), M.square(b)))


def heaviside(x1, x2):
    """0 for x1 < 0, x2 at 0, 1 for x1 > 0."""
    a, b = _binary_operands(x1, x2)
    a, b = _float_if_int(a), _float_if_int(b)
    a = A.broadcast_to(a, np.broadcast_shapes(a._value.shape, b._value.shape))
    zero = A.zeros_like(a)
    return A.where(M.less(a, zero), zero, A.where(M.greater(a, zero), A.ones_like(a),
                                                  A.broadcast_to(b, a._value.shape)))


def logaddexp(x1, x2):
    """log(exp(x1) + exp(x2)), stably."""
    a, b = _binary_operands(x1, x2)
    a, b = _float_if_int(a), _float_if_int(b)
    m = M.maximum(a, b)
    return M.add(m, M.log1p(M.exp(M.negative(M.abs(M.subtract(a, b))))))


def logaddexp2(x1, x2):
    """log2(2^x1 + 2^x2), stably."""
    a, b = _binary_operands(x1, x2)
    a, b = _float_if_int(a), _float_if_int(b)
    ln2 = wrap(np.asarray(np.log(2), a._value.dtype))
    m = M.maximum(a, b)
    return M.add(m, M.divide(M.log1p(M.exp(M.multiply(M.negative(M.abs(M.subtract(a, b))), ln2))),
                             ln2))


def nextafter(x1, x2):
    """The next float after x1 towards x2."""
    a, b = _binary_operands(x1, x2)
    a, b = _float_if_int(a), _float_if_int(b)
    return _math.nextafter(a, b)


def gcd(x1, x2):
    """The greatest common divisor (integers)."""
    a, b = _binary_operands(x1, x2)
    return wrap(np.gcd(np.asarray(a._value), np.asarray(b._value)))


def lcm(x1, x2):
    """The least common multiple (integers)."""
    a, b = _binary_operands(x1, x2)
    return wrap(np.lcm(np.asarray(a._value), np.asarray(b._value)))


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """|a - b| <= atol + rtol |b| elementwise."""
    a, b = _binary_operands(a, b)
    if a._value.dtype.kind in "biu":
        a, b = M.cast(a, np.float64), M.cast(b, np.float64)
    tol = M.add(wrap(np.asarray(atol, a._value.dtype)),
                M.multiply(wrap(np.asarray(rtol, a._value.dtype)), M.abs(b)))
    close = M.logical_or(M.equal(a, b), M.less_equal(M.abs(M.subtract(a, b)), tol))
    if equal_nan:
        close = M.logical_or(close, M.logical_and(isnan(a), isnan(b)))
    return close


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True when every element is close (see `isclose`)."""
    return all(isclose(a, b, rtol, atol, equal_nan))


def array_equal(a1, a2):
    """True for equal shapes and elements."""
    a, b = asarray(a1), asarray(a2)
    if a._value.shape != b._value.shape:
        return wrap(np.bool_(False))
    return all(equal(a, b))


def matmul(x1, x2):
    """Matrix product with NumPy's broadcasting; 1-D operands as vectors."""
    a, b = _binary_operands(x1, x2)
    a, b = P.strong(a), P.strong(b)
    if a._value.ndim == 0 or b._value.ndim == 0:
        raise ValueError("matmul: Input operand 0 does not have enough dimensions")
    if b._value.ndim == 1:
        return M.matmul(a if a._value.ndim > 1 else a[None], b[:, None])[..., 0] \
            if a._value.ndim > 1 else M.reduce_sum(M.multiply(a, b))
    if a._value.ndim == 1:
        return M.matmul(a[None], b)[..., 0, :]
    return M.matmul(a, b)


def dot(a, b):
    """NumPy's dot: matmul for matrices, a sum-product over a's last and b's second-to-last
    axes otherwise."""
    a, b = _binary_operands(a, b)
    if a._value.ndim == 0 or b._value.ndim == 0:
        return multiply(a, b)
    if b._value.ndim == 1:
        return M.tensordot(a, b, [[-1], [0]])
    return M.tensordot(a, b, [[a._value.ndim - 1], [b._value.ndim - 2]])


def vdot(a, b):
    """The dot product of flattened a (conjugated) and b."""
    a, b = _binary_operands(a, b)
    return M.reduce_sum(M.multiply(M.conj(ravel(a)) if a._value.dtype.kind == "c" else ravel(a),
                                   ravel(b)))


def inner(a, b):
    """The sum-product over the last axes."""
    a, b = _binary_operands(a, b)
    if a._value.ndim == 0 or b._value.ndim == 0:
        return multiply(a, b)
    return M.tensordot(a, b, [[-1], [-1]])


def outer(a, b):
    """The outer product of flattened a and b."""
    a, b = _binary_operands(a, b)
    return M.multiply(ravel(a)[:, None], ravel(b)[None, :])


def kron(a, b):
    """The Kronecker product."""
    a, b = _binary_operands(a, b)
    nd = builtins.max(a._value.ndim, b._value.ndim)
    a = A.reshape(a, [1] * (nd - a._value.ndim) + list(a._value.shape))
    b = A.reshape(b, [1] * (nd - b._value.ndim) + list(b._value.shape))
    prod = M.multiply(A.reshape(a, _interleave(a._value.shape, 1)),
                      A.reshape(b, _interleave(b._value.shape, 0)))
    return A.reshape(prod, [x * y for x, y in zip(a._value.shape, b._value.shape)])


def _interleave(shape, first):
    out = []
    for d in shape:
        out += [d, 1] if first else [1, d]
    return out


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """The cross product of 3-vectors along the given axes."""
    if axis is not None:
        axisa = axisb = axisc = axis
    a, b = _binary_operands(a, b)
    a, b = moveaxis(a, axisa, -1), moveaxis(b, axisb, -1)
    shape = np.broadcast_shapes(a._value.shape, b._value.shape)
    out = _linalg.cross(A.broadcast_to(a, shape), A.broadcast_to(b, shape))
    return moveaxis(out, -1, axisc)


def tensordot(a, b, axes=2):
    """Sum-products over `axes` (an int or a pair of axis lists)."""
    a, b = _binary_operands(a, b)
    return M.tensordot(a, b, axes)


def einsum(subscripts, *operands, **kwargs):
    """Einstein summation over operands promoted to one dtype."""
    dtype = result_type(*operands)
    return _linalg.einsum(subscripts, *[asarray(o, dtype) for o in operands])


def polyval(p, x):
    """The polynomial with coefficients p (highest power first) at x."""
    p, x = asarray(p), asarray(x)
    dtype = result_type(p, x)
    p, x = asarray(p, dtype), asarray(x, dtype)
    out = A.zeros_like(x)
    for i in range(p._value.shape[0]):
        out = M.add(M.multiply(out, x), p[i])
    return out


def clip(a, a_min, a_max):
    """a limited to [a_min, a_max] (either bound may be None).

    >>> tf.experimental.numpy.clip([1, 5, 9], 2, 6)
    <tf.Tensor: shape=(3,), dtype=int64, numpy=array([2, 5, 6])>
    """
    if a_min is None and a_max is None:
        raise ValueError("Not more than one of `a_min` and `a_max` may be `None`.")
    out = asarray(a)
    if a_min is not None:
        out = maximum(out, a_min)
    if a_max is not None:
        out = minimum(out, a_max)
    return out


# ============================================================================================
# Reductions
# ============================================================================================
def _axis(axis):
    if axis is None:
        return None
    if isinstance(axis, TensorLike):
        axis = np.asarray(axis._value).tolist()
    return axis


def _reduce(fn, a, axis, dtype, keepdims, promote_int=False, bool_as_int=False):
    a = asarray(a)
    if dtype is not None:
        a = M.cast(a, _np_dtype(dtype))
    elif bool_as_int and a._value.dtype == np.bool_:
        a = M.cast(a, np.int64)
    elif promote_int and a._value.dtype.kind in "biu":
        a = M.cast(a, default_float_type())
    elif bool_as_int and a._value.dtype.kind in "iu" and a._value.dtype.itemsize < 8:
        a = M.cast(a, np.int64 if a._value.dtype.kind == "i" else np.uint64)
    return fn(a, _axis(axis), keepdims=bool(keepdims))


def sum(a, axis=None, dtype=None, keepdims=None):
    """The sum (booleans and small integers accumulate as int64, as NumPy).

    >>> tf.experimental.numpy.sum([[1, 2], [3, 4]], axis=0)
    <tf.Tensor: shape=(2,), dtype=int64, numpy=array([4, 6])>
    """
    return _reduce(M.reduce_sum, a, axis, dtype, keepdims, bool_as_int=True)


def prod(a, axis=None, dtype=None, keepdims=None):
    """The product."""
    return _reduce(M.reduce_prod, a, axis, dtype, keepdims, bool_as_int=True)


def mean(a, axis=None, dtype=None, out=None, keepdims=None):
    """The mean (integers in the default float)."""
    return _reduce(M.reduce_mean, a, axis, dtype, keepdims, promote_int=True)


def amax(a, axis=None, out=None, keepdims=None):
    """The maximum."""
    a = asarray(a)
    if a._value.dtype == np.bool_:
        return M.reduce_any(a, _axis(axis), keepdims=bool(keepdims))
    return M.reduce_max(a, _axis(axis), keepdims=bool(keepdims))


def amin(a, axis=None, out=None, keepdims=None):
    """The minimum."""
    a = asarray(a)
    if a._value.dtype == np.bool_:
        return M.reduce_all(a, _axis(axis), keepdims=bool(keepdims))
    return M.reduce_min(a, _axis(axis), keepdims=bool(keepdims))


max = amax
min = amin


def ptp(a, axis=None, keepdims=None):
    """max - min."""
    return subtract(amax(a, axis, keepdims=keepdims), amin(a, axis, keepdims=keepdims))


def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=None):
    """The variance with `ddof` delta degrees of freedom."""
    a = asarray(a)
    if dtype is not None:
        a = M.cast(a, _np_dtype(dtype))
    a = _float_if_int(a)
    centered = M.subtract(a, M.reduce_mean(a, _axis(axis), keepdims=True))
    sq = M.square(M.abs(centered)) if a._value.dtype.kind == "c" else M.square(centered)
    n = a._value.size if axis is None else int(np.prod([a._value.shape[i] for i in np.atleast_1d(
        _axis(axis))]))
    total = M.reduce_sum(sq, _axis(axis), keepdims=bool(keepdims))
    return M.divide(total, wrap(np.asarray(builtins.max(n - ddof, 0), total._value.dtype)))


def std(a, axis=None, keepdims=None, ddof=0):
    """The standard deviation."""
    return sqrt(var(a, axis, ddof=ddof, keepdims=keepdims))


def average(a, axis=None, weights=None, returned=False):
    """The (weighted) average."""
    a = asarray(a)
    if weights is None:
        avg = mean(a, axis)
        count = wrap(np.asarray(a._value.size if axis is None else a._value.shape[axis],
                                avg._value.dtype))
        return (avg, A.broadcast_to(count, avg._value.shape)) if returned else avg
    dtype = result_type(a, weights, float if a._value.dtype.kind in "biu" else a._value.dtype)
    a, w = asarray(a, dtype), asarray(weights, dtype)
    if axis is not None and w._value.ndim == 1:
        shape = [1] * a._value.ndim
        shape[axis] = -1
        w = A.reshape(w, shape)
    w = A.broadcast_to(w, a._value.shape)
    total = M.reduce_sum(w, _axis(axis))
    avg = M.divide(M.reduce_sum(M.multiply(a, w), _axis(axis)), total)
    return (avg, total) if returned else avg


def all(a, axis=None, keepdims=None):
    """True when every element is truthy."""
    return M.reduce_all(M.cast(asarray(a), np.bool_), _axis(axis), keepdims=bool(keepdims))


def any(a, axis=None, keepdims=None):
    """True when some element is truthy."""
    return M.reduce_any(M.cast(asarray(a), np.bool_), _axis(axis), keepdims=bool(keepdims))


def argmax(a, axis=None):
    """The index of the maximum (of the flattened array for axis None), int64."""
    a = asarray(a)
    if axis is None:
        a, axis = ravel(a), 0
    return M.argmax(a, axis, output_type=D.int64)


def argmin(a, axis=None):
    """The index of the minimum (of the flattened array for axis None), int64."""
    a = asarray(a)
    if axis is None:
        a, axis = ravel(a), 0
    return M.argmin(a, axis, output_type=D.int64)


def count_nonzero(a, axis=None):
    """The number of nonzero elements (int64)."""
    a = asarray(a)
    return M.reduce_sum(M.cast(M.not_equal(a, A.zeros_like(a)), np.int64), _axis(axis))


def _cumulative(fn, a, axis, dtype):
    a = asarray(a)
    if dtype is not None:
        a = M.cast(a, _np_dtype(dtype))
    elif a._value.dtype.kind in "biu" and a._value.dtype.itemsize < 8:
        a = M.cast(a, np.int64 if a._value.dtype.kind in "bi" else np.uint64)
    if axis is None:
        a, axis = ravel(a), 0
    return fn(a, axis)


def cumsum(a, axis=None, dtype=None):
    """The cumulative sum (of the flattened array for axis None)."""
    return _cumulative(M.cumsum, a, axis, dtype)


def cumprod(a, axis=None, dtype=None):
    """The cumulative product (of the flattened array for axis None)."""
    return _cumulative(M.cumprod, a, axis, dtype)


def _nan_to(a, value):
    a = asarray(a)
    if a._value.dtype.kind not in "fc":
        return a
    return A.where(isnan(a), M.multiply(A.ones_like(a), wrap(np.asarray(value, a._value.dtype))),
                   a)


def nansum(a, axis=None, dtype=None, keepdims=False):
    """The sum with NaNs as zeros."""
    return sum(_nan_to(a, 0), axis, dtype, keepdims)


def nanprod(a, axis=None, dtype=None, keepdims=False):
    """The product with NaNs as ones."""
    return prod(_nan_to(a, 1), axis, dtype, keepdims)


def nanmean(a, axis=None, dtype=None, keepdims=None):
    """The mean of the non-NaN elements."""
    a = _float_if_int(asarray(a))
    count = sum(M.logical_not(isnan(a)), axis, keepdims=keepdims)
    return M.divide(nansum(a, axis, dtype, keepdims), M.cast(count, a._value.dtype))


def diff(a, n=1, axis=-1):
    """The n-th discrete difference along `axis`."""
    a = asarray(a)
    if n < 0:
        raise ValueError(f"order must be non-negative but got {n}")
    for _ in range(n):
        nd = a._value.ndim
        ax = axis % nd
        hi = tuple(slice(1, None) if i == ax else slice(None) for i in range(nd))
        lo = tuple(slice(None, -1) if i == ax else slice(None) for i in range(nd))
        a = M.subtract(a[hi], a[lo]) if a._value.dtype != np.bool_ else _math.logical_xor(a[hi],
                                                                                            a[lo])
    return a


# ============================================================================================
# Shapes and indexing
# ============================================================================================
def shape(a):
    """The shape as a tuple of ints."""
    return tuple(asarray(a)._value.shape)


def ndim(a):
    """The rank."""
    return asarray(a)._value.ndim


def size(x, axis=None):
    """The number of elements."""
    if axis is not None:
        raise NotImplementedError("axis argument is not supported in the current `np.size` "
                                  "implementation")
    return asarray(x)._value.size


def reshape(a, newshape, order="C"):
    """a in `newshape` (one dimension may be -1).

    >>> tf.experimental.numpy.reshape(tf.experimental.numpy.arange(6), (2, 3)).shape
    TensorShape([2, 3])
    """
    if order not in ("C", "F"):
        raise ValueError(f"Unsupported order argument {order}")
    a = asarray(a)
    newshape = _shape(newshape)
    if order == "F":
        return transpose(A.reshape(transpose(a), newshape[::-1]))
    return A.reshape(a, newshape)


def _reshape_method(a, *newshape, **kwargs):
    if len(newshape) == 1 and not isinstance(newshape[0], numbers.Integral):
        newshape = newshape[0]
    return reshape(a, newshape, **kwargs)


def ravel(a):
    """The flattened array."""
    return A.reshape(asarray(a), [-1])


def flatten(a, order="C"):
    """The flattened array (row-major)."""
    a = asarray(a)
    return ravel(transpose(a)) if order == "F" else ravel(a)


def transpose(a, axes=None):
    """The axes reversed, or permuted by `axes`."""
    a = asarray(a)
    return A.transpose(a, None if axes is None else [int(x) for x in axes])


def swapaxes(a, axis1, axis2):
    """Axes axis1 and axis2 exchanged."""
    a = asarray(a)
    perm = list(range(a._value.ndim))
    perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
    return A.transpose(a, perm)


def moveaxis(a, source, destination):
    """Axes `source` moved to positions `destination`."""
    a = asarray(a)
    nd = a._value.ndim
    src = [s % nd for s in np.atleast_1d(source).tolist()]
    dst = [d % nd for d in np.atleast_1d(destination).tolist()]
    perm = [i for i in range(nd) if i not in src]
    for d, s in sorted(zip(dst, src)):
        perm.insert(d, s)
    return A.transpose(a, perm) if perm != list(range(nd)) else a


def expand_dims(a, axis):
    """a with a new axis of size 1 at `axis`."""
    return A.expand_dims(asarray(a), axis)


def squeeze(a, axis=None):
    """a without its axes of size 1 (or only `axis`)."""
    return A.squeeze(asarray(a), axis if axis is None or isinstance(axis, (list, tuple))
                     else [axis])


def _atleast(n):
    def f(*arys):
        out = []
        for a in arys:
            a = asarray(a)
            s = list(a._value.shape)
            if len(s) < n:
                if n == 3 and len(s) == 2:
                    s = s + [1]
                elif n == 3 and len(s) == 1:
                    s = [1] + s + [1]
                else:
                    s = [1] * (n - len(s)) + s
                a = A.reshape(a, s)
            out.append(a)
        return out[0] if len(out) == 1 else out
    return f


atleast_1d, atleast_2d, atleast_3d = _atleast(1), _atleast(2), _atleast(3)


def broadcast_to(array, shape):
    """`array` broadcast to `shape`."""
    return A.broadcast_to(asarray(array), _shape(shape))


def broadcast_arrays(*args, **kwargs):
    """The arrays broadcast to their common shape."""
    arrays = [asarray(a) for a in args]
    target = np.broadcast_shapes(*[a._value.shape for a in arrays])
    return [A.broadcast_to(a, target) for a in arrays]


def _promoted(arrays):
    arrays = [asarray(a) for a in arrays]
    dtype = result_type(*arrays) if arrays else None
    return [asarray(a, dtype) for a in arrays]


def concatenate(arys, axis=0):
    """The arrays joined along an existing axis (axis None: flattened first)."""
    arrays = _promoted(arys)
    if not arrays:
        raise ValueError("Need at least one array to concatenate.")
    if axis is None:
        arrays, axis = [ravel(a) for a in arrays], 0
    return A.concat(arrays, axis)


def stack(arrays, axis=0):
    """The arrays joined along a new axis."""
    return A.stack(_promoted(arrays), axis)


def hstack(tup):
    """Stacked column-wise (along axis 1; axis 0 for vectors)."""
    arrays = [atleast_1d(a) for a in _promoted(tup)]
    return A.concat(arrays, 0 if arrays[0]._value.ndim == 1 else 1)


def vstack(tup):
    """Stacked row-wise."""
    return A.concat([atleast_2d(a) for a in _promoted(tup)], 0)


def dstack(tup):
    """Stacked along the third axis."""
    return A.concat([atleast_3d(a) for a in _promoted(tup)], 2)


def append(arr, values, axis=None):
    """values appended to arr (flattened for axis None)."""
    return concatenate([arr, values], axis)


def split(ary, indices_or_sections, axis=0):
    """Pieces of `ary` split at indices, or into equal sections."""
    a = asarray(ary)
    n = a._value.shape[axis]
    if isinstance(indices_or_sections, numbers.Integral):
        return A.split(a, int(indices_or_sections), axis)
    bounds = [0] + [int(i) for i in indices_or_sections] + [n]
    sizes = [builtins.max(0, builtins.min(hi, n) - builtins.max(lo, 0))
             for lo, hi in itertools.pairwise(bounds)]
    return A.split(a, sizes, axis)


def hsplit(ary, indices_or_sections):
    """split along axis 1 (0 for vectors)."""
    a = asarray(ary)
    return split(a, indices_or_sections, 0 if a._value.ndim == 1 else 1)


def vsplit(ary, indices_or_sections):
    """split along axis 0."""
    return split(ary, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    """split along axis 2."""
    return split(ary, indices_or_sections, 2)


def tile(a, reps):
    """a repeated `reps` times along each axis."""
    a = asarray(a)
    reps = list(np.atleast_1d(reps).tolist())
    nd = builtins.max(a._value.ndim, len(reps))
    a = A.reshape(a, [1] * (nd - a._value.ndim) + list(a._value.shape))
    return A.tile(a, [1] * (nd - len(reps)) + reps)


def repeat(a, repeats, axis=None):
    """Each element repeated `repeats` times."""
    from ... import repeat as tf_repeat
    a = asarray(a)
    if axis is None:
        a, axis = ravel(a), 0
    return tf_repeat(a, repeats, axis)


def flip(m, axis=None):
    """Elements reversed along `axis` (all axes for None)."""
    m = asarray(m)
    axes = list(range(m._value.ndim)) if axis is None else list(np.atleast_1d(axis))
    return A.reverse(m, axes)


def fliplr(m):
    """Reversed along axis 1."""
    return flip(m, 1)


def flipud(m):
    """Reversed along axis 0."""
    return flip(m, 0)


def roll(a, shift, axis=None):
    """Elements shifted cyclically (of the flattened array for axis None)."""
    from ... import roll as tf_roll
    a = asarray(a)
    if axis is None:
        return A.reshape(tf_roll(ravel(a), shift, 0), list(a._value.shape))
    return tf_roll(a, shift, axis)


def rot90(m, k=1, axes=(0, 1)):
    """Rotated by 90 degrees k times in the plane of `axes`."""
    m = asarray(m)
    k %= 4
    a0, a1 = axes
    if k == 0:
        return m
    if k == 2:
        return flip(flip(m, a0), a1)
    perm = list(range(m._value.ndim))
    perm[a0], perm[a1] = perm[a1], perm[a0]
    if k == 1:
        return A.transpose(flip(m, a1), perm)
    return flip(A.transpose(m, perm), a1)


def pad(array, pad_width, mode, **kwargs):
    """Padded with `mode` "constant" (constant_values), "reflect" or "symmetric"."""
    a = asarray(array)
    widths = np.broadcast_to(np.asarray(pad_width, np.int64), (a._value.ndim, 2)).tolist()
    mode = mode.upper()
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError(f"Unsupported padding mode: {mode}")
    return A.pad(a, widths, mode, constant_values=kwargs.get("constant_values", 0))


def take(a, indices, axis=None, out=None, mode="clip"):
    """Elements at `indices` along `axis` (of the flattened array for None); out-of-range
    indices are clipped ("clip") or wrapped ("wrap")."""
    a = asarray(a)
    if axis is None:
        a, axis = ravel(a), 0
    idx = np.asarray(asarray(indices)._value).astype(np.int64)
    n = a._value.shape[axis]
    idx = np.mod(idx, n) if mode == "wrap" else np.clip(idx, 0, n - 1)
    return A.gather(a, wrap(idx), axis=axis)


def take_along_axis(arr, indices, axis):
    """Values at `indices` (an array of arr's rank) along `axis`."""
    from ...ops.indexing_ops import take_along_axis as tf_take
    arr = asarray(arr)
    idx = asarray(indices)
    if axis is None:
        arr, axis = ravel(arr), 0
    return tf_take(arr, idx, axis)


def compress(condition, a, axis=None):
    """The slices of a where condition (a boolean vector) is true."""
    a = asarray(a)
    cond = np.asarray(asarray(condition, bool)._value)
    if axis is None:
        a, axis = ravel(a), 0
    idx = np.nonzero(cond)[0]
    idx = idx[idx < a._value.shape[axis]]
    return A.gather(a, wrap(idx.astype(np.int64)), axis=axis)


def where(condition, x=None, y=None):
    """x where condition, else y; with one argument, `nonzero(condition)`."""
    condition = asarray(condition, bool)
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError("Both x and y must be ndarrays, or both must be None.")
    a, b = _binary_operands(x, y)
    shape = np.broadcast_shapes(condition._value.shape, a._value.shape, b._value.shape)
    return A.where(A.broadcast_to(condition, shape), A.broadcast_to(a, shape),
                   A.broadcast_to(b, shape))


def select(condlist, choicelist, default=0):
    """The first choice whose condition holds, elementwise (else `default`)."""
    out = asarray(default)
    for cond, choice in reversed(list(zip(condlist, choicelist))):
        out = where(cond, choice, out)
    return out


def nonzero(a):
    """The indices of the nonzero elements, one int64 vector per axis (a list, as TF)."""
    a = asarray(a)
    return [wrap(i.astype(np.int64)) for i in np.nonzero(np.asarray(a._value))]


def sort(a, axis=-1, kind="quicksort", order=None):
    """Sorted along `axis` (flattened for None)."""
    from ... import sort as tf_sort
    a = asarray(a)
    if axis is None:
        a, axis = ravel(a), 0
    if a._value.dtype == np.bool_:
        return M.cast(tf_sort(M.cast(a, np.int32), axis), np.bool_)
    return tf_sort(a, axis)


def argsort(a, axis=-1, kind="quicksort", order=None):
    """Indices that sort `a` along `axis` (a stable sort, int64)."""
    from ... import argsort as tf_argsort
    a = asarray(a)
    if axis is None:
        a, axis = ravel(a), 0
    return M.cast(tf_argsort(a, axis, stable=True), np.int64)


# ============================================================================================
# NumPy methods and indexing on Tensor (installed by experimental_enable_numpy_behavior)
# ============================================================================================
def _tensor_tolist(self):
    return np.asarray(self._value).tolist()


def _numpy_getitem(self, key):
    """NumPy indexing: basic indexing through the strict path; integer or boolean arrays
    (lists, tuples of ints/bools, tensors) through a gather of the flattened array."""
    if _is_basic(key):
        return _STRICT_GETITEM(self, key)
    shape = self._value.shape
    index = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    selected = index[_numpy_key(key)]
    return A.gather(A.reshape(self, [-1]), wrap(np.asarray(selected, np.int64)))


def _is_basic(key):
    parts = key if isinstance(key, tuple) else (key,)
    for k in parts:
        if k is None or k is Ellipsis or isinstance(k, slice):
            continue
        if isinstance(k, (bool, np.bool_)):
            return False
        if isinstance(k, (numbers.Integral, np.integer)):
            continue
        if isinstance(k, TensorLike) and k._value.ndim == 0 and k._value.dtype.kind in "iu":
            continue
        return False
    return True


def _numpy_key(key):
    parts = key if isinstance(key, tuple) else (key,)
    out = []
    for k in parts:
        if isinstance(k, TensorLike):
            k = np.asarray(k._value)
        elif isinstance(k, (list, tuple)):
            k = np.asarray(k)
        elif isinstance(k, slice):
            k = slice(*[int(v._value) if isinstance(v, TensorLike) else v
                        for v in (k.start, k.stop, k.step)])
        out.append(k)
    return tuple(out)


_STRICT_GETITEM = None


def install_tensor_methods():
    """NumPy's methods and indexing on tf.Tensor (what TF's NumPy behaviour adds)."""
    global _STRICT_GETITEM
    if _STRICT_GETITEM is None:
        _STRICT_GETITEM = Tensor.__getitem__
    Tensor.T = property(lambda self: transpose(self))
    Tensor.ndim = property(lambda self: self._value.ndim)
    Tensor.size = property(lambda self: self._value.size)
    Tensor.data = property(lambda self: self)
    Tensor.__pos__ = lambda self: self
    Tensor.tolist = _tensor_tolist
    Tensor.transpose = transpose
    Tensor.flatten = flatten
    Tensor.reshape = _reshape_method
    Tensor.ravel = ravel
    Tensor.clip = clip
    Tensor.astype = lambda self, dtype: M.cast(self, _np_dtype(dtype))
    Tensor.__round__ = around
    Tensor.max = amax
    Tensor.mean = mean
    Tensor.min = amin
    Tensor.__getitem__ = _numpy_getitem


__all__ = [
    "abs",
    "absolute",
    "add",
    "all",
    "allclose",
    "amax",
    "amin",
    "angle",
    "any",
    "append",
    "arange",
    "arccos",
    "arccosh",
    "arcsin",
    "arcsinh",
    "arctan",
    "arctan2",
    "arctanh",
    "argmax",
    "argmin",
    "argsort",
    "around",
    "array",
    "array_equal",
    "asanyarray",
    "asarray",
    "ascontiguousarray",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "average",
    "bitwise_and",
    "bitwise_not",
    "bitwise_or",
    "bitwise_xor",
    "bool_",
    "broadcast_arrays",
    "broadcast_to",
    "cbrt",
    "ceil",
    "clip",
    "complex64",
    "complex128",
    "complex_",
    "compress",
    "concatenate",
    "conj",
    "conjugate",
    "copy",
    "cos",
    "cosh",
    "count_nonzero",
    "cross",
    "cumprod",
    "cumsum",
    "deg2rad",
    "diag",
    "diag_indices",
    "diagflat",
    "diagonal",
    "diff",
    "divide",
    "divmod",
    "dot",
    "dsplit",
    "dstack",
    "e",
    "einsum",
    "empty",
    "empty_like",
    "equal",
    "exp",
    "exp2",
    "expand_dims",
    "expm1",
    "eye",
    "fabs",
    "finfo",
    "fix",
    "flatten",
    "flip",
    "fliplr",
    "flipud",
    "float16",
    "float32",
    "float64",
    "float_",
    "float_power",
    "floor",
    "floor_divide",
    "full",
    "full_like",
    "gcd",
    "geomspace",
    "greater",
    "greater_equal",
    "heaviside",
    "hsplit",
    "hstack",
    "hypot",
    "identity",
    "iinfo",
    "imag",
    "inexact",
    "inf",
    "inner",
    "int8",
    "int16",
    "int32",
    "int64",
    "int_",
    "isclose",
    "iscomplex",
    "iscomplexobj",
    "isfinite",
    "isinf",
    "isnan",
    "isneginf",
    "isposinf",
    "isreal",
    "isrealobj",
    "isscalar",
    "issubdtype",
    "ix_",
    "kron",
    "lcm",
    "less",
    "less_equal",
    "linspace",
    "log",
    "log1p",
    "log2",
    "log10",
    "logaddexp",
    "logaddexp2",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "logspace",
    "matmul",
    "max",
    "maximum",
    "mean",
    "meshgrid",
    "min",
    "minimum",
    "mod",
    "moveaxis",
    "multiply",
    "nanmean",
    "nanprod",
    "nansum",
    "ndarray",
    "ndim",
    "negative",
    "newaxis",
    "nextafter",
    "nonzero",
    "not_equal",
    "object_",
    "ones",
    "ones_like",
    "outer",
    "pad",
    "pi",
    "polyval",
    "positive",
    "power",
    "prod",
    "promote_types",
    "ptp",
    "rad2deg",
    "ravel",
    "real",
    "reciprocal",
    "remainder",
    "repeat",
    "reshape",
    "result_type",
    "roll",
    "rot90",
    "round",
    "select",
    "shape",
    "sign",
    "signbit",
    "sin",
    "sinc",
    "sinh",
    "size",
    "sort",
    "split",
    "sqrt",
    "square",
    "squeeze",
    "stack",
    "std",
    "string_",
    "subtract",
    "sum",
    "swapaxes",
    "take",
    "take_along_axis",
    "tan",
    "tanh",
    "tensordot",
    "tile",
    "trace",
    "transpose",
    "tri",
    "tril",
    "triu",
    "true_divide",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "unicode_",
    "vander",
    "var",
    "vdot",
    "vsplit",
    "vstack",
    "where",
    "zeros",
    "zeros_like",
]
