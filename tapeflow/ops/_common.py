"""The public API's boundary helpers: argument conversion with TF's dtype rules, and the checked
way to call a primitive (conversion, pairing of dtypes, the primitive's allowed-dtype check).

Every public op goes through `unary`, `binary` or `checked` (or converts and calls
`Primitive.check` itself), fast paths included, so a primitive's `allowed` dtypes always hold.
"""
import numpy as np

from ..framework.composite_tensor import CompositeTensor, dispatch_op
from ..framework.errors import InvalidArgumentError, dtype_mismatch, op_error
from ..framework.op import apply, apply1, apply2
from ..framework.tensor import Tensor, TensorLike, convert_to_tensor
from ..framework.variables import Variable
from ..prims._common import (BOOL, COMPLEX, FLOAT, FLOAT_COMPLEX, INT, NUMERIC, REAL,  # noqa: F401
                             SIGNED_INT, SIGNED_NUMERIC)

ANY = None

# Set by `tf.experimental.numpy.experimental_enable_numpy_behavior` in its "all" and "safe"
# modes: an object whose `pair`, `binary` and `unary` take over dtype pairing (TF's auto dtype
# conversion with weak tensors). None, the default, keeps TF's strict rules; it is read only on
# the slow paths (mixed dtypes, Python or NumPy operands), so strict calls cost nothing more.
PROMOTION = None


def t(x):
    """`x` as a Tensor (variables are read, Python values converted with TF's inference)."""
    if type(x) is Tensor:
        return x
    if PROMOTION is not None:
        return PROMOTION.convert(x)
    return convert_to_tensor(x)


def unary(op, x, attrs=None):
    """Applies a one-input primitive after conversion and the dtype check."""
    if type(x) is not Tensor:
        if isinstance(x, CompositeTensor):  # RaggedTensor, SparseTensor: see composite_tensor
            return dispatch_op(op, (x,), attrs)
        if PROMOTION is not None:
            return PROMOTION.unary(op, x, attrs)
        x = convert_to_tensor(x)
    allowed = op._allowed_np
    if allowed is not None and x._value.dtype not in allowed:
        op.check(x)
    return apply1(op, x, attrs)


def pair(x, y, op_name, hint=False):
    """Converts two operands sharing one dtype, as TF does: a Python or NumPy operand takes the
    tensor operand's dtype (strictly, or as a hint when `hint`); two tensors must already agree."""
    if PROMOTION is not None:
        return PROMOTION.pair(x, y, op_name, hint)
    if type(x) is Tensor:
        if type(y) is not Tensor:
            y = y._read() if type(y) is Variable else _convert_like(y, x, hint)
    elif type(y) is Tensor:
        if type(x) is Variable:
            x = x._read()
        else:
            x = convert_to_tensor(x, dtype=y.dtype) if not isinstance(x, TensorLike) \
                else convert_to_tensor(x)
    else:
        x = convert_to_tensor(x)
        y = _convert_like(y, x, hint)
    if x._value.dtype != y._value.dtype:
        raise dtype_mismatch(op_name, 1, x.dtype, y.dtype)
    return x, y


def _convert_like(v, like, hint):
    if isinstance(v, TensorLike):
        return convert_to_tensor(v)
    if hint:
        return convert_to_tensor(v, dtype_hint=like.dtype)
    return convert_to_tensor(v, dtype=like.dtype)


def binary(op, x, y, hint=False, attrs=None):
    """Applies a two-input primitive whose inputs share the type attr T (converted, paired and
    checked; two tensors of one allowed dtype take the short way)."""
    if type(x) is not Tensor or type(y) is not Tensor or x._value.dtype != y._value.dtype:
        if isinstance(x, CompositeTensor) or isinstance(y, CompositeTensor):
            return dispatch_op(op, (x, y), attrs)
        if PROMOTION is not None:
            return PROMOTION.binary(op, x, y, hint, attrs)
        x, y = pair(x, y, op.name, hint)
    allowed = op._allowed_np
    if allowed is not None and x._value.dtype not in allowed:
        op.check(x)
    return apply2(op, x, y, attrs)


def checked(op, inputs, attrs=None, check=0):
    """Applies a primitive to already converted tensors after checking input `check`'s dtype."""
    op.check(inputs[check])
    return apply(op, inputs, attrs)


def axis_tuple(axis, ndim, op_name="Sum"):
    """Normalizes `axis` (None, int, list or tensor) to a sorted tuple of non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, TensorLike):
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
    if isinstance(v, TensorLike):
        return [int(d) for d in np.asarray(v._value).reshape(-1)]
    if isinstance(v, (int, np.integer)):
        return [int(v)]
    return [int(d._value) if isinstance(d, Tensor) else int(d) for d in v]
