"""TensorFlow's dtype objects (`tf.float32`, ...) over NumPy dtypes.

Every dtype TF 2.21 has exists here with TF's properties (`is_floating`, `min`, `limits`,
`as_datatype_enum`, ...). Most are a NumPy dtype. Three kinds are not:
  * `bfloat16` is stored as float32 values rounded to bfloat16 (see `bfloat16.py`: a distinct
    NumPy marker dtype, so that only bfloat16 tensors take the rounding path);
  * the quantized types (`qint8`, ...) and the experimental 8-, 4- and 2-bit types exist as
    objects (TF's properties, comparisons, `as_dtype`), but a tensor of them raises
    NotImplementedError;
  * `resource` and `variant` are TF's handle types: objects only.

    >>> import tapeflow as tf
    >>> tf.as_dtype("float32")
    tf.float32
    >>> tf.int32.is_integer, tf.float64.size, tf.bfloat16.as_datatype_enum
    (True, 8, 14)
"""
import numpy as np

__all__ = ["DType", "as_dtype"]

# The NumPy dtype that marks bfloat16 storage: float32 values, already rounded to bfloat16. A
# one-field structured dtype has no arithmetic loops, so NumPy refuses to compute on it and the
# op dispatcher's failure path (the only place that looks for it) computes in float32 and rounds.
BFLOAT16_STORAGE = np.dtype([("bfloat16", "<f4")])

_QUANTIZED_NP = {"qint8": np.dtype([("qint8", "i1")]), "quint8": np.dtype([("quint8", "u1")]),
                 "qint16": np.dtype([("qint16", "<i2")]), "quint16": np.dtype([("quint16", "<u2")]),
                 "qint32": np.dtype([("qint32", "<i4")])}

# TF's `limits` table ("intensity limits", for images); other dtypes have none.
_LIMITS = {"bool": (False, True), "uint8": (0, 255), "uint16": (0, 65535), "int8": (-128, 127),
           "int16": (-32768, 32767), "int64": (-(2**63), 2**63 - 1), "uint64": (0, 2**64 - 1),
           "int32": (-(2**31), 2**31 - 1), "uint32": (0, 2**32 - 1), "float32": (-1, 1),
           "float64": (-1, 1)}


class DType:
    """A tensor element type, e.g. `tf.float32`.

    `kind` is one of 'f' (floating), 'i' / 'u' (signed / unsigned integer), 'c' (complex),
    'b' (bool), 's' (string), 'q' (quantized) or 'h' (a handle: resource, variant).

    >>> tf.float32 == "float32", tf.float32 == np.float32, tf.int32 == tf.int64
    (True, True, False)
    """

    __slots__ = ("_cname", "_enum", "_kind", "_np", "_plain", "_range", "_size", "name")

    def __init__(self, name, np_dtype, cname, enum, kind, size, value_range=None, storage=True):
        self.name = name
        self._np = np.dtype(np_dtype) if np_dtype is not None else None
        self._cname = cname  # the C++ type name TF's error messages use
        self._enum = enum  # TF's DataType enum value
        self._kind = kind
        self._size = size
        self._range = value_range  # (min, max) for the types NumPy cannot describe
        # True: values are stored as this NumPy dtype as they are (False: bfloat16, whose storage
        # needs rounding, and the dtypes tapeflow has no tensors of)
        self._plain = storage and self._np is not None and self._np.names is None

    @property
    def as_numpy_dtype(self):
        """The NumPy type of the values (`np.float32`); for bfloat16 and the quantized types the
        NumPy dtype that stores them."""
        if self._np is None:
            if self._kind == "h":
                raise KeyError(self._enum)
            raise NotImplementedError(f"tapeflow has no NumPy type for {self.name} (TF takes it "
                                      f"from the ml_dtypes package)")
        if self._np.names is not None:
            return self._np
        if self._kind == "s":
            return object
        return self._np.type

    @property
    def as_datatype_enum(self):
        return self._enum

    @property
    def base_dtype(self):
        return self

    @property
    def real_dtype(self):
        """The dtype of the real and imaginary parts (the dtype itself when not complex)."""
        if self is complex64:
            return float32
        if self is complex128:
            return float64
        return self

    is_floating = property(lambda self: self._kind == "f")
    is_integer = property(lambda self: self._kind in "iu")
    is_unsigned = property(lambda self: self._kind == "u")
    is_complex = property(lambda self: self._kind == "c")
    is_bool = property(lambda self: self._kind == "b")
    is_quantized = property(lambda self: self._kind == "q")

    @property
    def is_numeric(self):
        return self._kind in "fiucq" and self._enum < 24  # TF: not the experimental types

    @property
    def is_numpy_compatible(self):
        return self._kind != "h"

    @property
    def size(self):
        """Bytes per element (0 for strings and handles)."""
        return self._size

    def _extreme(self, which):
        if self._kind == "q" or self._kind in "bsc":
            kind = "quantized type" if self._kind == "q" else "type"
            raise TypeError(f"Cannot find {which}imum value of {self} with {kind} {self}.")
        if self._range is not None:
            return self._range[0 if which == "min" else 1]
        if self._kind == "f":
            return getattr(np.finfo(self._np), which)  # a NumPy scalar, as TF gives
        if self._kind in "iu":
            return int(getattr(np.iinfo(self._np), which))
        raise TypeError(f"Cannot find {which}imum value of {self}.")

    @property
    def min(self):
        """The smallest value of the type (TypeError for unordered and quantized types)."""
        return self._extreme("min")

    @property
    def max(self):
        """The largest value of the type (TypeError for unordered and quantized types)."""
        return self._extreme("max")

    @property
    def limits(self):
        """TF's image intensity limits: `(0, max)` of its table of integer and float types."""
        if self.name not in _LIMITS:
            raise ValueError(f"{self} does not have defined limits.")
        return 0, _LIMITS[self.name][1]

    def is_compatible_with(self, other):
        return self == as_dtype(other)

    def is_subtype_of(self, other):
        return self == other

    def most_specific_common_supertype(self, types):
        return self if all(self == other for other in types) else None

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
        return f"<dtype: {self.name!r}>"

    def __reduce__(self):
        return as_dtype, (self.name,)


def _real(name, np_dtype, cname, enum):
    kind = {"f": "f", "i": "i", "u": "u", "c": "c", "b": "b"}[np.dtype(np_dtype).kind]
    return DType(name, np_dtype, cname, enum, kind, np.dtype(np_dtype).itemsize)


float16 = half = _real("float16", np.float16, "half", 19)
float32 = _real("float32", np.float32, "float", 1)
float64 = double = _real("float64", np.float64, "double", 2)
int8 = _real("int8", np.int8, "int8", 6)
int16 = _real("int16", np.int16, "int16", 5)
int32 = _real("int32", np.int32, "int32", 3)
int64 = _real("int64", np.int64, "int64", 9)
uint8 = _real("uint8", np.uint8, "uint8", 4)
uint16 = _real("uint16", np.uint16, "uint16", 17)
uint32 = _real("uint32", np.uint32, "uint32", 22)
uint64 = _real("uint64", np.uint64, "uint64", 23)
bool_ = _real("bool", np.bool_, "bool", 10)
complex64 = _real("complex64", np.complex64, "complex64", 8)
complex128 = _real("complex128", np.complex128, "complex128", 18)
string = DType("string", np.object_, "string", 7, "s", 0)
# bfloat16: 8 exponent bits as float32, 7 stored mantissa bits; the largest value is
# (2 - 2**-7) * 2**127.
_BF16_MAX = float.fromhex("0x1.fe00000000000p+127")
bfloat16 = DType("bfloat16", BFLOAT16_STORAGE, "bfloat16", 14, "f", 2, (-_BF16_MAX, _BF16_MAX))
qint8 = DType("qint8", _QUANTIZED_NP["qint8"], "qint8", 11, "q", 1, storage=False)
quint8 = DType("quint8", _QUANTIZED_NP["quint8"], "quint8", 12, "q", 1, storage=False)
qint16 = DType("qint16", _QUANTIZED_NP["qint16"], "qint16", 15, "q", 2, storage=False)
quint16 = DType("quint16", _QUANTIZED_NP["quint16"], "quint16", 16, "q", 2, storage=False)
qint32 = DType("qint32", _QUANTIZED_NP["qint32"], "qint32", 13, "q", 4, storage=False)
resource = DType("resource", None, "resource", 20, "h", 0, storage=False)
variant = DType("variant", None, "variant", 21, "h", 0, storage=False)
# TF's experimental narrow types (`tf.dtypes.experimental`): ml_dtypes types in TF, objects here.
float8_e5m2 = DType("float8_e5m2", None, "float8_e5m2", 24, "f", 1, (-57344, 57344), False)
float8_e4m3fn = DType("float8_e4m3fn", None, "float8_e4m3fn", 25, "f", 1, (-448, 448), False)
float8_e4m3fnuz = DType("float8_e4m3fnuz", None, "float8_e4m3fnuz", 26, "f", 1, (-240, 240), False)
float8_e4m3b11fnuz = DType("float8_e4m3b11fnuz", None, "float8_e4m3b11fnuz", 27, "f", 1,
                           (-30, 30), False)
float8_e5m2fnuz = DType("float8_e5m2fnuz", None, "float8_e5m2fnuz", 28, "f", 1, (-57344, 57344),
                        False)
int4 = DType("int4", None, "int4", 29, "i", 1, (-8, 7), False)
uint4 = DType("uint4", None, "uint4", 30, "u", 1, (0, 15), False)
int2 = DType("int2", None, "int2", 31, "i", 1, (-2, 1), False)
uint2 = DType("uint2", None, "uint2", 32, "u", 1, (0, 3), False)
float4_e2m1fn = DType("float4_e2m1fn", None, "float4_e2m1fn", 33, "f", 1, (-6, 6), False)

QUANTIZED_DTYPES = frozenset({qint8, quint8, qint16, quint16, qint32})
ALL = (float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
       bool_, complex64, complex128, string, bfloat16, qint8, quint8, qint16, quint16, qint32,
       resource, variant, float8_e5m2, float8_e4m3fn, float8_e4m3fnuz, float8_e4m3b11fnuz,
       float8_e5m2fnuz, int4, uint4, int2, uint2, float4_e2m1fn)
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update(half=float16, double=float64, float=float32)
_BY_ENUM = {d._enum: d for d in ALL}
# NumPy dtype -> DType; the hot lookup behind `Tensor.dtype`.
FROM_NUMPY = {d._np: d for d in ALL if d._np is not None}
FROM_NUMPY[np.dtype("S")] = string
FROM_NUMPY[np.dtype("U")] = string
# Python and NumPy types as TF maps them (TF refuses Python's int, complex, str and bytes).
_BY_TYPE = {d._np.type: d for d in ALL if d._np is not None and d._np.names is None}
_BY_TYPE.update({float: float32, bool: bool_, object: string, np.bytes_: string, np.str_: string})


def from_numpy(np_dtype):
    """The DType of a NumPy dtype (bytes and str arrays are `tf.string`)."""
    d = FROM_NUMPY.get(np_dtype)
    if d is None:
        if np_dtype.kind in "SUO":
            return string
        raise TypeError(f"Cannot convert NumPy dtype {np_dtype} to a tapeflow DType.")
    return d


def as_dtype(type_value):
    """Converts a DType, NumPy dtype or type, dtype name or TF enum value to a `DType`.

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
        d = FROM_NUMPY.get(type_value)
        if d is not None:
            return d
        if type_value.kind in "SUO":
            return string
    elif isinstance(type_value, type):
        d = _BY_TYPE.get(type_value)
        if d is not None:
            return d
    elif isinstance(type_value, int):
        d = _BY_ENUM.get(type_value)
        if d is not None:
            return d
    else:
        inner = getattr(type_value, "dtype", None)
        if isinstance(inner, (DType, np.dtype)):
            return as_dtype(inner)
    raise TypeError(f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow "
                    f"DType.")
