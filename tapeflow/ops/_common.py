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
    """Normalizes a reduction's `axis` (None, an int, or a list, array or tensor of ints of any
    rank) to a sorted tuple of non-negative ints, with TF's errors (out of range, repeated,
    not integers)."""
    if ndim is None:
        raise NotImplementedError(f"{op_name} of a graph tensor of unknown rank (a TensorSpec "
                                  f"with shape=None): give the function's input a known rank")
    if axis is None:
        return tuple(range(ndim))
    if type(axis) is int:  # the common case
        return (_one_axis(axis, ndim, op_name),)
    values = axis_values(axis, op_name, "Tidx")
    out = [_one_axis(a, ndim, op_name) for a in values]
    if len(set(out)) != len(out):
        seen = set()
        dup = next(a for a in out if a in seen or seen.add(a))
        raise op_error(InvalidArgumentError, op_name,
                       f"Invalid reduction arguments: Axes contains duplicate dimension: {dup}")
    return tuple(sorted(out))


def _one_axis(a, ndim, op_name):
    if not -ndim <= a < max(ndim, 1) or (ndim == 0 and a not in (0, -1)):
        raise op_error(InvalidArgumentError, op_name,
                       f"Invalid reduction dimension ({a} for input with {ndim} dimension(s)")
    return a % ndim if ndim else 0


def axis_values(axis, op_name, attr="Tidx"):
    """The ints of an axis argument (an int, a list, array or tensor of any rank), flattened;
    TF's errors for other types: a Python float cannot become the int32 index, and a float or
    string tensor is outside the op's index types (attr `attr`)."""
    if isinstance(axis, (int, np.integer)):
        return [int(axis)]
    if isinstance(axis, float):
        raise TypeError(f"Cannot convert {axis!r} to EagerTensor of dtype int32")
    v = np.asarray(axis._value if isinstance(axis, TensorLike) else axis)
    if v.dtype.kind not in "iub" and v.size:
        from ..framework.dtypes import from_numpy
        if v.dtype.kind in "USO":
            name = "string"
        elif isinstance(axis, (list, tuple)):  # Python floats convert to float32
            name = "float"
        else:
            name = from_numpy(v.dtype)._cname
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr '{attr}' of {name} is not in the list of allowed values: "
                       f"int32, int64")
    return [int(a) for a in v.reshape(-1)]


def int_list(v):
    """A shape-like argument (list, tuple, TensorShape or integer tensor) as a list of ints."""
    if isinstance(v, TensorLike):
        return [int(d) for d in np.asarray(v._value).reshape(-1)]
    if isinstance(v, (int, np.integer)):
        return [int(v)]
    return [int(d._value) if isinstance(d, Tensor) else int(d) for d in v]
