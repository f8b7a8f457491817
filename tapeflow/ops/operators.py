"""Python operators on Tensor and Variable, with TF's conversion rules for the other operand.

`t + 1.5` converts 1.5 with t's dtype as a hint (TF's `add`), while `t * 1.5`, `t - 1.5` and the
reflected forms convert strictly (an int tensor times 1.5 is a TypeError, as in TF).
"""
import types

import numpy as np

from ..framework.op import apply1
from ..framework.tensor import Tensor, TensorLike, convert_to_tensor
from ..framework import variables
from ..framework.graph import register_name_hint
from . import array_ops as A
from . import math_ops as M
from ._common import t


def _strict_like(other, like):
    if isinstance(other, TensorLike):
        return convert_to_tensor(other)
    return convert_to_tensor(other, dtype=like.dtype)


def _reflected(fn):
    def r(self, other):
        return fn(_strict_like(other, self), self)
    return r


def _logical_or_bitwise(logical, bitwise):
    def f(x, y):
        x, y = t(x), _strict_like(y, t(x))
        return logical(x, y) if x._value.dtype == np.bool_ else M.binary(bitwise, x, y)
    return f


_and = _logical_or_bitwise(M.logical_and, M.BITWISE_AND)
_or = _logical_or_bitwise(M.logical_or, M.BITWISE_OR)
_xor = _logical_or_bitwise(M.logical_xor, M.BITWISE_XOR)


def _invert(x):
    x = t(x)
    if x._value.dtype == np.bool_:
        return M.logical_not(x)
    return M.unary(M.INVERT, x)


def _neg(x):
    if type(x) is Tensor and x._value.dtype.kind in "fc":
        return apply1(M.NEG, x)
    return M.negative(x)


OPERATORS = {
    "__add__": M.add, "__radd__": _reflected(M.add),
    "__sub__": M.subtract, "__rsub__": _reflected(M.subtract),
    "__mul__": M.multiply, "__rmul__": _reflected(M.multiply),
    "__truediv__": M.truediv, "__rtruediv__": _reflected(M.truediv),
    "__floordiv__": M.floordiv, "__rfloordiv__": _reflected(M.floordiv),
    "__mod__": M.floormod, "__rmod__": _reflected(M.floormod),
    "__pow__": M.pow, "__rpow__": _reflected(M.pow),
    "__matmul__": M.matmul, "__rmatmul__": _reflected(M.matmul),
    "__and__": _and, "__rand__": _reflected(_and),
    "__or__": _or, "__ror__": _reflected(_or),
    "__xor__": _xor, "__rxor__": _reflected(_xor),
    "__lt__": M.less, "__le__": M.less_equal, "__gt__": M.greater, "__ge__": M.greater_equal,
    "__eq__": M._tensor_equals, "__ne__": M._tensor_not_equals,
    "__neg__": _neg, "__abs__": M.abs, "__invert__": _invert,
    "__getitem__": A._getitem,
}


# TF's names for the operations operators build in graphs (`x + y` is an AddV2 named "add").
_GRAPH_NAMES = {"add": "add", "sub": "sub", "mul": "mul", "truediv": "truediv",
                "floordiv": "floordiv", "mod": "mod", "pow": "pow", "matmul": "matmul",
                "getitem": "strided_slice"}


def _named_copy(fn, name):
    """`fn` as a new function whose code object is its own (same bytecode, so the same speed):
    while tracing a graph, the graph builder finds it on the Python stack to name the operation
    as TF does. Eager calls pay nothing."""
    code = fn.__code__.replace(co_name=name)
    new = types.FunctionType(code, fn.__globals__, name, fn.__defaults__, fn.__closure__)
    new.__doc__ = fn.__doc__
    key = name.strip("_")
    key = key[1:] if key.startswith("r") and key[1:] in _GRAPH_NAMES else key
    if key in _GRAPH_NAMES:
        register_name_hint(code, _GRAPH_NAMES[key])
    return new


# The binary operators as (function, reflected): what NumPy behaviour re-wraps with promotion.
BINARY = {"__add__": (M.add, False), "__radd__": (M.add, True),
          "__sub__": (M.subtract, False), "__rsub__": (M.subtract, True),
          "__mul__": (M.multiply, False), "__rmul__": (M.multiply, True),
          "__truediv__": (M.truediv, False), "__rtruediv__": (M.truediv, True),
          "__floordiv__": (M.floordiv, False), "__rfloordiv__": (M.floordiv, True),
          "__mod__": (M.floormod, False), "__rmod__": (M.floormod, True),
          "__pow__": (M.pow, False), "__rpow__": (M.pow, True),
          "__matmul__": (M.matmul, False), "__rmatmul__": (M.matmul, True),
          "__lt__": (M.less, False), "__le__": (M.less_equal, False),
          "__gt__": (M.greater, False), "__ge__": (M.greater_equal, False),
          "__eq__": (M._tensor_equals, False), "__ne__": (M._tensor_not_equals, False)}


def _promoting(fn, reflected, promote):
    if reflected:
        def op(self, other):
            other, self_ = promote(other, self)
            return fn(other, self_)
    else:
        def op(self, other):
            return fn(*promote(self, other))
    return op


def install(promote=None):
    """Gives Tensor (and Variable) their operators. With `promote(x, y) -> (x, y)` (NumPy
    behaviour, `tf.experimental.numpy`) the binary operators first pass their operands, in
    operand order, through it; without, they convert the other operand with TF's strict rules.
    The operators are replaced, not branched, so the strict ones cost nothing extra."""
    for name, fn in OPERATORS.items():
        if promote is not None and name in BINARY:
            fn = _promoting(*BINARY[name], promote)
        setattr(Tensor, name, _named_copy(fn, name))
    Tensor.__hash__ = Tensor.__dict__["__hash__"]  # defining __eq__ must not make tensors hashable
    variables.install_tensor_operators(list(OPERATORS))
