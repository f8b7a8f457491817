"""NumPy behaviour's dtype promotion: the modes of `experimental_enable_numpy_behavior`.

* "legacy": the Python operators (`+`, `*`, `<`, `@`, ...) promote their operands as NumPy does
  (`np.result_type`, Python numbers as weak scalars; Python floats as float32 with
  `prefer_float32`); functions such as `tf.add` keep TF's strict rules.
* "all" and "safe": TF's auto dtype conversion. Every binary op (functions and operators) pairs
  its operands by TF's promotion lattice, in which Python numbers and tensors made from them
  (`tf.constant(5)`) are *weak*: they take the other operand's dtype. "safe" refuses the
  promotions that can lose precision (int32 + float32, int8 + uint32) with TF's TypeError.
  Weak results print `weak=True`.

The hooks are installed only while a mode is on (`ops._common.PROMOTION`, the Tensor operators,
`framework.tensor`'s constant hook), so the default strict path costs nothing extra.

    >>> from tapeflow.experimental.numpy import _promotion
    >>> _promotion.lattice_result(("int8", False), ("uint32", False))
    (('int64', False), True)
"""
import numbers

import numpy as np

from ...framework import dtypes as D
from ...framework.tensor import Tensor, TensorLike, convert_to_tensor, numpy_text, wrap

_new = object.__new__


class WeakTensor(Tensor):
    """A tensor whose dtype is weak (made from Python numbers): in "all"/"safe" promotion it
    takes the dtype of the other operand. Prints `weak=True`, as TF's."""

    __slots__ = ()

    def __str__(self):
        return (f"tf.Tensor({numpy_text(self._value)}, shape={self.shape}, "
                f"dtype={self.dtype.name}, weak=True)")

    def __repr__(self):
        return (f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, "
                f"numpy={numpy_text(self._value, is_repr=True)}, weak=True>")


WeakTensor.__name__ = WeakTensor.__qualname__ = "EagerWeakTensor"


def weak(x):
    """`x`'s value as a WeakTensor."""
    t = _new(WeakTensor)
    t._value = x._value
    return t


def strong(x):
    """`x` as a plain Tensor (weakness dropped); any other tensor (a graph, vmap or plain
    tensor, a variable) is returned as it is, so tapes, graphs and vmap keep seeing it."""
    if type(x) is WeakTensor:
        return wrap(x._value)
    return x


# ============================================================================================
# TF's promotion lattice (as TF 2.21 defines it): "a": "b:result" pairs, "!" marks promotions
# that only the "all" mode allows; names ending in "w" are weak.
# ============================================================================================
_TABLE = {
    "b8": "b8:b8 u8:u8 u16:u16 u32:u32 u64:u64 i8:i8 i16:i16 i32:i32 i64:i64 bf16:bf16 f16:f16 "
          "f32:f32 f64:f64 c64:c64 c128:c128 i32w:i32w i64w:i64w f32w:f32w f64w:f64w c128w:c128w",
    "u8": "u8:u8 u16:u16 u32:u32 u64:u64 i8:i16! i16:i16 i32:i32 i64:i64 bf16:bf16 f16:f16 "
          "f32:f32 f64:f64 c64:c64 c128:c128 i32w:u8 i64w:u8 f32w:f64w! f64w:f64w c128w:c128w",
    "u16": "u16:u16 u32:u32 u64:u64 i8:i32! i16:i32! i32:i32 i64:i64 bf16:bf16! f16:f16! "
           "f32:f32 f64:f64 c64:c64 c128:c128 i32w:u16 i64w:u16 f32w:f64w! f64w:f64w c128w:c128w",
    "u32": "u32:u32 u64:u64 i8:i64! i16:i64! i32:i64! i64:i64 bf16:bf16! f16:f16! f32:f32! "
           "f64:f64 c64:c64! c128:c128 i32w:u32 i64w:u32 f32w:f64w! f64w:f64w c128w:c128w",
    "u64": "u64:u64 i8:f64w! i16:f64w! i32:f64w! i64:f64w! bf16:bf16! f16:f16! f32:f32! "
           "f64:f64! c64:c64! c128:c128! i32w:u64 i64w:u64 f32w:f64w! f64w:f64w! c128w:c128w!",
    "i8": "i8:i8 i16:i16 i32:i32 i64:i64 bf16:bf16 f16:f16 f32:f32 f64:f64 c64:c64 c128:c128 "
          "i32w:i8 i64w:i8 f32w:f64w! f64w:f64w c128w:c128w",
    "i16": "i16:i16 i32:i32 i64:i64 bf16:bf16! f16:f16! f32:f32 f64:f64 c64:c64 c128:c128 "
           "i32w:i16 i64w:i16 f32w:f64w! f64w:f64w c128w:c128w",
    "i32": "i32:i32 i64:i64 bf16:bf16! f16:f16! f32:f32! f64:f64 c64:c64! c128:c128 i32w:i32 "
           "i64w:i32 f32w:f64w! f64w:f64w c128w:c128w",
    "i64": "i64:i64 bf16:bf16! f16:f16! f32:f32! f64:f64! c64:c64! c128:c128! i32w:i64 "
           "i64w:i64 f32w:f64w! f64w:f64w! c128w:c128w!",
    "bf16": "bf16:bf16 f16:f32! f32:f32 f64:f64 c64:c64 c128:c128 i32w:bf16 i64w:bf16 "
            "f32w:bf16 f64w:bf16 c128w:c64!",
    "f16": "f16:f16 f32:f32 f64:f64 c64:c64 c128:c128 i32w:f16 i64w:f16 f32w:f16 f64w:f16 "
           "c128w:c64!",
    "f32": "f32:f32 f64:f64 c64:c64 c128:c128 i32w:f32 i64w:f32 f32w:f32 f64w:f32 c128w:c64!",
    "f64": "f64:f64 c64:c128! c128:c128 i32w:f64 i64w:f64 f32w:f64 f64w:f64 c128w:c128",
    "c64": "c64:c64 c128:c128 i32w:c64 i64w:c64 f32w:c64 f64w:c64 c128w:c64",
    "c128": "c128:c128 i32w:c128 i64w:c128 f32w:c128 f64w:c128 c128w:c128",
    "i32w": "i32w:i32w i64w:i64w f32w:f32w f64w:f64w c128w:c128w",
    "i64w": "i64w:i64w f32w:f32w f64w:f64w c128w:c128w",
    "f32w": "f32w:f32w f64w:f64w c128w:c128w",
    "f64w": "f64w:f64w c128w:c128w",
    "c128w": "c128w:c128w",
}
_SHORT = {"b8": "bool", "u8": "uint8", "u16": "uint16", "u32": "uint32", "u64": "uint64",
          "i8": "int8", "i16": "int16", "i32": "int32", "i64": "int64", "bf16": "bfloat16",
          "f16": "float16", "f32": "float32", "f64": "float64", "c64": "complex64",
          "c128": "complex128"}


def _key(short):
    weak_ = short.endswith("w")
    return (_SHORT[short[:-1] if weak_ else short], weak_)


def _build():
    table = {}
    for a, row in _TABLE.items():
        for item in row.split():
            b, res = item.split(":")
            all_only = res.endswith("!")
            entry = (_key(res.rstrip("!")), all_only)
            table[(_key(a), _key(b))] = entry
            table[(_key(b), _key(a))] = entry
    return table


LATTICE = _build()


def lattice_result(a, b):
    """((dtype name, weak), needs "all" mode) for two (dtype name, weak) operands."""
    return LATTICE[(a, b)]


MODE = {"value": "off"}  # "off", "legacy", "safe" or "all"
PREFER_FLOAT32 = {"value": False}


def dtype_and_weakness(x):
    """TF's (dtype name, weak) of an operand: WeakTensors and Python numbers are weak."""
    if isinstance(x, WeakTensor):
        return (x.dtype.name, True)
    if isinstance(x, TensorLike):
        return (x.dtype.name, False)
    if isinstance(x, (np.ndarray, np.generic)):
        return (D.from_numpy(np.asarray(x).dtype).name, False)
    if isinstance(x, D.DType):
        return (x.name, False)
    if isinstance(x, bool):
        return ("bool", False)
    if isinstance(x, numbers.Integral):
        if not -2 ** 31 <= int(x) < 2 ** 31:
            raise OverflowError(f"Python int {x} too large to convert to np.int32")
        return ("int32", True)
    if isinstance(x, numbers.Real):
        return ("float32", True)
    if isinstance(x, numbers.Complex):
        return ("complex128", True)
    if isinstance(x, (list, tuple)):
        return None
    raise NotImplementedError(f"Auto dtype conversion semantics does not support {type(x)} "
                              f"type.")


def _flatten(x):
    if isinstance(x, (list, tuple)):
        for v in x:
            yield from _flatten(v)
    else:
        yield x


def flexible_result_type(*operands):
    """The promoted (dtype name, weak) of operands under "all"/"safe" (TF's TypeError in SAFE
    mode for a promotion it refuses)."""
    kinds = [dtype_and_weakness(v) for x in operands for v in _flatten(x) if v is not None]
    if not kinds:
        return ("float32", True)
    res = kinds[0]
    for arg in kinds[1:]:
        try:
            nxt, all_only = LATTICE[(res, arg)]
        except KeyError:
            raise NotImplementedError(f"Implicit Conversion between {res[0]} and {arg[0]} is "
                                      f"not allowed. Please convert the input manually if you "
                                      f"need to.") from None
        if all_only and MODE["value"] == "safe":
            raise TypeError(f"In promotion mode PromoMode.SAFE, implicit dtype promotion between "
                            f"(<dtype: '{res[0]}'>, weak={res[1]}) and (<dtype: '{arg[0]}'>, "
                            f"weak={arg[1]}) is disallowed. You need to explicitly specify the "
                            f"dtype in your op, or relax your dtype promotion rules (such as from "
                            f"SAFE mode to ALL mode).")
        res = nxt
    return res


def _as(x, dtype_name, weak_):
    """An operand as a tensor of `dtype_name` (weak or not)."""
    from ...ops import math_ops as M
    dtype = D.as_dtype(dtype_name)
    if isinstance(x, TensorLike):
        t = strong(convert_to_tensor(x))
        if t.dtype != dtype:
            t = M.cast(t, dtype)
    elif isinstance(x, (np.ndarray, np.generic)):
        t = wrap(np.asarray(x).astype(dtype._np)[()])
    else:
        arr = np.asarray(x)
        if arr.dtype.kind == "c" and dtype._np.kind != "c":
            arr = arr.real
        t = wrap(arr.astype(dtype._np)[()])
    return weak(t) if weak_ else t


# ============================================================================================
# "all" / "safe": the hooks of ops._common (binary and unary ops, pairing)
# ============================================================================================
class AutoConversion:
    """The promotion `ops._common` calls while "all" or "safe" is on."""

    def convert(self, x):
        """An op argument as a tensor: Python numbers (and lists of them) become weak."""
        if isinstance(x, (TensorLike, np.ndarray, np.generic, str, bytes)):
            return convert_to_tensor(x)
        try:
            name, is_weak = flexible_result_type(x)
        except (NotImplementedError, OverflowError, TypeError):
            return convert_to_tensor(x)
        return _as(x, name, is_weak)

    def pair(self, x, y, op_name=None, hint=False):
        name, is_weak = flexible_result_type(x, y)
        return _as(x, name, is_weak), _as(y, name, is_weak)

    def binary(self, op, x, y, hint, attrs):
        from ...framework.op import apply2
        name, is_weak = flexible_result_type(x, y)
        if name == "bool" and op.name in ("AddV2", "Mul"):
            from ...ops import math_ops as M
            fn = M.logical_or if op.name == "AddV2" else M.logical_and
            return fn(_as(x, name, False), _as(y, name, False))
        a, b = strong(_as(x, name, False)), strong(_as(y, name, False))
        op.check(a)
        out = apply2(op, a, b, attrs)
        return weak(out) if is_weak else out

    def truediv(self, x, y):
        """x / y with the operands paired by the lattice (integers then as floats, as TF)."""
        from ...ops import math_ops as M
        name, is_weak = flexible_result_type(x, y)
        a, b = strong(_as(x, name, False)), strong(_as(y, name, False))
        if a._value.dtype.kind in "iub":
            target = np.float32 if a._value.dtype.itemsize <= 2 else np.float64
            a, b = M.cast(a, target), M.cast(b, target)
        out = M.realdiv(a, b)
        return weak(out) if is_weak else out

    def unary(self, op, x, attrs):
        from ...framework.op import apply1
        is_weak = isinstance(x, WeakTensor)
        if not isinstance(x, TensorLike) and not isinstance(x, (np.ndarray, np.generic)):
            name, is_weak = flexible_result_type(x)
            x = _as(x, name, False)
        x = strong(convert_to_tensor(x))
        op.check(x)
        out = apply1(op, x, attrs)
        return weak(out) if is_weak else out


def constant_hook(value, dtype, result):
    """tf.constant in "all"/"safe" mode: Python numbers and lists of them make weak tensors,
    and a tensor converts to the requested dtype."""
    if dtype is not None:
        if isinstance(value, TensorLike) and result.dtype != D.as_dtype(dtype):
            from ...ops import math_ops as M
            flexible_result_type(result, D.as_dtype(dtype))  # SAFE mode refuses lossy ones
            return M.cast(strong(result), dtype)
        return None
    if dtype is None:
        if isinstance(value, (TensorLike, np.ndarray, np.generic, str, bytes)):
            return result
        try:
            kind = flexible_result_type(value)
        except (NotImplementedError, OverflowError, TypeError):
            return result
        return weak(result) if kind[1] and kind[0] == result.dtype.name else result
    return result


# ============================================================================================
# "legacy": NumPy's rules for the Python operators
# ============================================================================================
def _numpy_kind(x):
    if isinstance(x, TensorLike):
        return x._value.dtype
    if isinstance(x, bool):
        return x
    if isinstance(x, float) and PREFER_FLOAT32["value"]:
        return np.float32(x)
    if isinstance(x, complex) and PREFER_FLOAT32["value"]:
        return np.complex64(x)
    if isinstance(x, (numbers.Number, np.ndarray, np.generic)):
        return x
    return np.asarray(x)


def numpy_result_type(*operands):
    """np.result_type of operands (tensors by dtype, Python numbers as weak scalars)."""
    return D.from_numpy(np.result_type(*[_numpy_kind(x) for x in operands]))


def numpy_style_operands(x, y):
    """Both operator operands promoted to their NumPy result type (legacy mode)."""
    from ...ops import math_ops as M
    try:
        dtype = numpy_result_type(x, y)
    except (TypeError, ValueError):
        return x, y

    def cast(v):
        if isinstance(v, TensorLike):
            v = convert_to_tensor(v)
            return v if v.dtype == dtype else M.cast(v, dtype)
        return convert_to_tensor(np.asarray(v).astype(dtype._np)[()])
    return cast(x), cast(y)
