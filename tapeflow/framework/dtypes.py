"""TensorFlow's dtype objects (`tf.float32`, ...) over NumPy dtypes.

    >>> import tapeflow as tf
    >>> tf.as_dtype("float32")
    tf.float32
    >>> tf.int32.is_integer, tf.float64.size
    (True, 8)
"""
import numpy as np

__all__ = ["DType", "as_dtype"]


class DType:
    """A tensor element type, e.g. `tf.float32`. Wraps a NumPy dtype."""

    __slots__ = ("name", "_np", "_cname")

    def __init__(self, name, np_dtype, cname):
        self.name = name
        self._np = np.dtype(np_dtype) if np_dtype is not None else None
        self._cname = cname  # the C++ type name TF's error messages use

    @property
    def as_numpy_dtype(self):
        return self._np.type

    @property
    def base_dtype(self):
        return self

    @property
    def real_dtype(self):
        return {complex64: float32, complex128: float64}.get(self, self)

    @property
    def is_floating(self):
        return self._np is not None and self._np.kind == "f"

    @property
    def is_integer(self):
        return self._np is not None and self._np.kind in "iu"

    @property
    def is_unsigned(self):
        return self._np is not None and self._np.kind == "u"

    @property
    def is_complex(self):
        return self._np is not None and self._np.kind == "c"

    @property
    def is_bool(self):
        return self is bool_

    @property
    def is_numpy_compatible(self):
        return True

    @property
    def size(self):
        return 1 if self._np is None else self._np.itemsize

    @property
    def min(self):
        if self.is_floating:
            return float(np.finfo(self._np).min)
        if self.is_integer:
            return int(np.iinfo(self._np).min)
        if self is bool_:
            return False
        raise TypeError(f"Cannot find minimum value of {self}.")

    @property
    def max(self):
        if self.is_floating:
            return float(np.finfo(self._np).max)
        if self.is_integer:
            return int(np.iinfo(self._np).max)
        if self is bool_:
            return True
        raise TypeError(f"Cannot find maximum value of {self}.")

    @property
    def limits(self):
        return self.min, self.max

    def is_compatible_with(self, other):
        return self == as_dtype(other)

    def __eq__(self, other):
        if other is self:
            return True
        if other is None:
            return False
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return "<dtype: %r>" % self.name

    def __reduce__(self):
        return as_dtype, (self.name,)


float16 = half = DType("float16", np.float16, "half")
float32 = DType("float32", np.float32, "float")
float64 = double = DType("float64", np.float64, "double")
int8 = DType("int8", np.int8, "int8")
int16 = DType("int16", np.int16, "int16")
int32 = DType("int32", np.int32, "int32")
int64 = DType("int64", np.int64, "int64")
uint8 = DType("uint8", np.uint8, "uint8")
uint16 = DType("uint16", np.uint16, "uint16")
uint32 = DType("uint32", np.uint32, "uint32")
uint64 = DType("uint64", np.uint64, "uint64")
bool_ = DType("bool", np.bool_, "bool")
complex64 = DType("complex64", np.complex64, "complex64")
complex128 = DType("complex128", np.complex128, "complex128")
string = DType("string", np.object_, "string")

ALL = (float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
       bool_, complex64, complex128, string)
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update(half=float16, double=float64, float=float32)
# NumPy dtype -> DType; the hot lookup behind `Tensor.dtype`.
FROM_NUMPY = {d._np: d for d in ALL}
FROM_NUMPY[np.dtype("S")] = string
FROM_NUMPY[np.dtype("U")] = string
_BY_TYPE = {np.dtype(d._np).type: d for d in ALL}
_BY_TYPE.update({float: float32, int: int32, bool: bool_, complex: complex128, str: string,
                 bytes: string, np.bytes_: string, np.str_: string})


def from_numpy(np_dtype):
    """The DType of a NumPy dtype (bytes and str arrays are `tf.string`)."""
    d = FROM_NUMPY.get(np_dtype)
    if d is None:
        if np_dtype.kind in "SUO":
            return string
        raise TypeError(f"Cannot convert NumPy dtype {np_dtype} to a tapeflow DType.")
    return d


def as_dtype(type_value):
    """Converts a DType, NumPy dtype or type, or dtype name to a `DType`.

    >>> as_dtype("float64") is float64
    True
    """
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        d = _BY_NAME.get(type_value)
        if d is not None:
            return d
    elif isinstance(type_value, np.dtype):
        return from_numpy(type_value)
    elif isinstance(type_value, type):
        d = _BY_TYPE.get(type_value)
        if d is not None:
            return d
    else:
        inner = getattr(type_value, "dtype", None)
        if isinstance(inner, (DType, np.dtype)):
            return as_dtype(inner)
    raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow "
                    f"DType.")
