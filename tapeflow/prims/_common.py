"""What the primitive modules share: dtype groups, shape-rule helpers, and small rule helpers.

Shape rules take avals (`AbstractArray`: shape with None for unknown dimensions, and a NumPy
dtype) and the op's attributes, and return the output aval(s).

    >>> from tapeflow.prims._common import broadcast_shapes
    >>> broadcast_shapes((None, 1), (3,))
    (None, 3)
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import AbstractArray, wrap

FLOAT = (D.bfloat16, D.float16, D.float32, D.float64)
COMPLEX = (D.complex64, D.complex128)
INT = (D.int8, D.int16, D.int32, D.int64, D.uint8, D.uint16, D.uint32, D.uint64)
SIGNED_INT = (D.int8, D.int16, D.int32, D.int64)
UNSIGNED_INT = (D.uint8, D.uint16, D.uint32, D.uint64)
FLOAT_COMPLEX = FLOAT + COMPLEX
REAL = FLOAT + INT
NUMERIC = FLOAT + INT + COMPLEX
SIGNED_NUMERIC = FLOAT + SIGNED_INT + COMPLEX
BOOL = (D.bool_,)

_BOOL = np.dtype(np.bool_)


# -- shape rules -------------------------------------------------------------------------------
def aval(shape, dtype):
    return AbstractArray(shape, dtype)


def same(a, *rest, **attrs):
    """The first input's shape and dtype (unary elementwise ops, identities)."""
    return AbstractArray(a.shape, a.dtype)


def broadcast_shapes(*shapes):
    """NumPy broadcasting over shapes whose dimensions may be None (unknown); a shape of unknown
    rank (None) makes the result unknown too."""
    if any(s is None for s in shapes):
        return None
    rank = max((len(s) for s in shapes), default=0)
    out = []
    for i in range(rank):
        dim = 1
        for s in shapes:
            j = len(s) - rank + i
            if j < 0:
                continue
            d = s[j]
            if d == 1:
                continue
            if dim == 1:
                dim = d
            elif d is None:
                continue
            elif dim is None:
                dim = d
            elif d != dim:
                raise ValueError("Incompatible shapes: " + " vs. ".join(
                    "[" + ",".join("?" if x is None else str(x) for x in s) + "]" for s in shapes))
        out.append(dim)
    return tuple(out)


def broadcast(*avals, **attrs):
    """Broadcasting elementwise ops: the broadcast shape, the first input's dtype."""
    return AbstractArray(broadcast_shapes(*[a.shape for a in avals]), avals[0].dtype)


def broadcast_bool(*avals, **attrs):
    """Comparisons: the broadcast shape, bool."""
    return AbstractArray(broadcast_shapes(*[a.shape for a in avals]), _BOOL)


def with_dtype(dtype):
    """A shape rule: the first input's shape, the given dtype."""
    dtype = np.dtype(dtype)

    def rule(a, *rest, **attrs):
        return AbstractArray(a.shape, dtype)
    return rule


def real_dtype(np_dtype):
    """float32 for complex64, float64 for complex128; the dtype itself otherwise."""
    return np.dtype(np.float32 if np_dtype == np.complex64 else np.float64) \
        if np_dtype.kind == "c" else np_dtype


def reduced_shape(shape, axis, keepdims):
    """The shape after reducing `axis` (a tuple of non-negative ints)."""
    if keepdims:
        return tuple(1 if i in axis else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axis)


def reduction(a, axis, keepdims, **attrs):
    return AbstractArray(reduced_shape(a.shape, axis, keepdims), a.dtype)


def dims_text(shape):
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def invalid(op_name, message):
    return op_error(InvalidArgumentError, op_name, message)


# -- rule helpers ------------------------------------------------------------------------------
def bshape(op, g):
    """The leading batch axes cotangent `g` carries beyond the node's (first) output."""
    return g._value.shape[:g._value.ndim - op.outputs[0]._value.ndim]


def scalar_like(x, value):
    """A 0-d tensor of x's dtype holding `value` (a constant for rules)."""
    return wrap(np.asarray(value, x._value.dtype)[()])
