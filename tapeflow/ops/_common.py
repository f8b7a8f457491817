"""Helpers shared by the op modules: argument conversion with TF's dtype rules, and dtype sets."""
import numpy as np

from ..framework import dtypes as D
from ..framework.op import apply1, apply2, dtype_mismatch, dtype_not_allowed
from ..framework.tensor import Tensor, convert_to_tensor

FLOAT = (D.bfloat16, D.float16, D.float32, D.float64)
COMPLEX = (D.complex64, D.complex128)
INT = (D.int8, D.int16, D.int32, D.int64, D.uint8, D.uint16, D.uint32, D.uint64)
SIGNED_INT = (D.int8, D.int16, D.int32, D.int64)
FLOAT_COMPLEX = FLOAT + COMPLEX
REAL = FLOAT + INT
NUMERIC = FLOAT + INT + COMPLEX
SIGNED_NUMERIC = FLOAT + SIGNED_INT + COMPLEX
ANY = None


def t(x):
    """`x` as a Tensor (variables are read, Python values converted with TF's inference)."""
    return x if type(x) is Tensor else convert_to_tensor(x)


def unary(op, x):
    """Applies a one-input op after conversion and the dtype check."""
    if type(x) is not Tensor:
        x = convert_to_tensor(x)
    allowed = op.allowed
    if allowed is not None and x._value.dtype not in allowed:
        raise dtype_not_allowed(op, x.dtype)
    return apply1(op, x)


def pair(x, y, op_name, hint=False):
    """Converts two operands sharing one dtype, as TF does: a Python or NumPy operand takes the
    tensor operand's dtype (strictly, or as a hint when `hint`); two tensors must already agree."""
    if type(x) is Tensor:
        if type(y) is not Tensor:
            y = _convert_like(y, x, hint)
    elif type(y) is Tensor:
        x = convert_to_tensor(x, dtype=y.dtype) if not _is_tensor_like(x) else convert_to_tensor(x)
    else:
        x = convert_to_tensor(x)
        y = _convert_like(y, x, hint)
    if x._value.dtype != y._value.dtype:
        raise dtype_mismatch(op_name, 1, x.dtype, y.dtype)
    return x, y


def _is_tensor_like(v):
    return getattr(v, "_is_variable", False) or isinstance(v, Tensor)


def _convert_like(v, like, hint):
    if _is_tensor_like(v):
        return convert_to_tensor(v)
    if hint:
        return convert_to_tensor(v, dtype_hint=like.dtype)
    return convert_to_tensor(v, dtype=like.dtype)


def binary(op, x, y, hint=False):
    """Applies a two-input op whose inputs share the type attr T."""
    if type(x) is not Tensor or type(y) is not Tensor or x._value.dtype != y._value.dtype:
        x, y = pair(x, y, op.name, hint)
    allowed = op.allowed
    if allowed is not None and x._value.dtype not in allowed:
        raise dtype_not_allowed(op, x.dtype)
    return apply2(op, x, y)


def axis_tuple(axis, ndim, op_name="Sum"):
    """Normalizes `axis` (None, int, list or tensor) to a sorted tuple of non-negative ints."""
    from ..framework.errors import InvalidArgumentError, op_error
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, Tensor) or getattr(axis, "_is_variable", False):
        axis = np.asarray(axis._value).tolist()
    if isinstance(axis, (int, np.integer)):
        axis = (int(axis),)
    out = []
    for a in axis:
        a = int(a)
        if not -ndim <= a < max(ndim, 1) or (ndim == 0 and a not in (0, -1)):
            raise op_error(InvalidArgumentError, op_name,
                           f"Invalid reduction dimension ({a} for input with {ndim} dimension(s)")
        out.append(a % ndim if ndim else 0)
    return tuple(sorted(set(out)))


def int_list(v):
    """A shape-like argument (list, tuple, TensorShape or integer tensor) as a list of ints."""
    if isinstance(v, Tensor) or getattr(v, "_is_variable", False):
        return [int(d) for d in np.asarray(v._value).reshape(-1)]
    if isinstance(v, (int, np.integer)):
        return [int(v)]
    return [int(d._value) if isinstance(d, Tensor) else int(d) for d in v]
