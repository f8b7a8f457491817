"""`tf.io.serialize_tensor` and `tf.io.parse_tensor`: a tensor as a serialized `TensorProto`,
byte-compatible with TF (dtype, shape, then the values as `tensor_content` for numbers or
`string_val` for strings).

    >>> s = tf.io.serialize_tensor(tf.constant([1.0, 2.0]))
    >>> s.numpy()
    b'\\x08\\x01\\x12\\x04\\x12\\x02\\x08\\x02"\\x08\\x00\\x00\\x80?\\x00\\x00\\x00@'
    >>> tf.io.parse_tensor(s, tf.float32)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import convert_to_tensor, wrap
from .example_pb import DecodeError, _fields, _length_delimited, _read_varint, _varint

# TF's DataType enum values.
_ENUM = {"float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6, "string": 7,
         "complex64": 8, "int64": 9, "bool": 10, "bfloat16": 14, "uint16": 17, "complex128": 18,
         "float16": 19, "uint32": 22, "uint64": 23}
_BY_ENUM = {v: k for k, v in _ENUM.items()}
_C_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


def _c_name(name):
    return _C_NAMES.get(name, name)


def _shape_proto(shape):
    return b"".join(_length_delimited(2, _varint(1 << 3) + _varint(d) if d else b"")
                    for d in shape)


def serialize_tensor(tensor, name=None):
    """The serialized TensorProto of `tensor`, as a scalar string tensor."""
    t = convert_to_tensor(tensor)
    arr = np.asarray(t._value)
    name = t.dtype.name
    if name not in _ENUM:
        raise InvalidArgumentError(None, None, f"serialize_tensor does not support {name}")
    out = [_varint(1 << 3) + _varint(_ENUM[name]), _length_delimited(2, _shape_proto(arr.shape))]
    if name == "string":
        out += [_length_delimited(8, bytes(v)) for v in arr.reshape(-1)]
    elif arr.size:
        out.append(_length_delimited(4, np.ascontiguousarray(arr).astype(
            arr.dtype.newbyteorder("<")).tobytes()))
    return wrap(np.array(b"".join(out), dtype=object))


def _parse_shape(buf, start, stop):
    dims = []
    for number, wire, value in _fields(buf, start, stop):
        if number == 2 and wire == 2:
            size = 0
            for n, w, v in _fields(buf, *value):
                if n == 1 and w == 0:
                    size = v - (1 << 64) if v >= (1 << 63) else v
            dims.append(size)
    return dims


def _packed(buf, wire, value, kind):
    """The values of one repeated numeric field (packed or not)."""
    if kind == "varint":
        if wire == 0:
            return [value]
        pos, end = value
        out = []
        while pos < end:
            v, pos = _read_varint(buf, pos, end)
            out.append(v)
        return out
    if wire == 2:
        return np.frombuffer(buf[value[0]:value[1]], dtype=kind).tolist()
    return np.frombuffer(value, dtype=kind).tolist()


_VAL_FIELDS = {5: "<f4", 6: "<f8", 7: "varint", 10: "varint", 11: "varint", 13: "varint",
               16: "varint", 17: "varint", 9: "<f4", 12: "<f8"}


def parse_tensor(serialized, out_type, name=None):
    """The tensor a serialized TensorProto holds; its dtype must be `out_type`."""
    value = getattr(serialized, "_value", serialized)
    buf = bytes(np.asarray(value, dtype=object).item()) if not isinstance(value, bytes) else value
    out_type = dtypes.as_dtype(out_type)
    dtype_enum, shape, content, strings, vals = 0, [], None, [], []
    try:
        for number, wire, v in _fields(buf, 0, len(buf)):
            if number == 1 and wire == 0:
                dtype_enum = v
            elif number == 2 and wire == 2:
                shape = _parse_shape(buf, *v)
            elif number == 4 and wire == 2:
                content = buf[v[0]:v[1]]
            elif number == 8 and wire == 2:
                strings.append(buf[v[0]:v[1]])
            elif number in _VAL_FIELDS:
                vals += _packed(buf, wire, v, _VAL_FIELDS[number])
    except (DecodeError, IndexError):
        raise InvalidArgumentError(None, None, "Could not parse `serialized` as "
                                               "TensorProto") from None
    name = _BY_ENUM.get(dtype_enum)
    if name is None:
        raise InvalidArgumentError(None, None, "Could not parse `serialized` as TensorProto")
    if name != out_type.name:
        raise InvalidArgumentError(None, None, f"Type mismatch between parsed tensor "
                                               f"({_c_name(name)}) and dtype "
                                               f"({_c_name(out_type.name)})")
    size = int(np.prod(shape, dtype=np.int64))
    if name == "string":
        arr = np.empty(size, dtype=object)
        arr[:] = (strings + [strings[-1] if strings else b""] * size)[:size]
    else:
        np_type = np.dtype(out_type.as_numpy_dtype)
        if content is not None:
            arr = np.frombuffer(content, dtype=np_type.newbyteorder("<")).astype(np_type)
        elif vals:
            if name in ("complex64", "complex128"):
                vals = [complex(a, b) for a, b in zip(vals[::2], vals[1::2])]
            if name == "float16":
                arr = np.array(vals, dtype=np.uint16).view(np.float16)
            else:
                arr = np.array(vals).astype(np_type)
            if arr.size < size:
                arr = np.concatenate([arr, np.full(size - arr.size, arr[-1], np_type)])
        else:
            arr = np.zeros(size, dtype=np_type)
        if arr.size != size:
            raise InvalidArgumentError(None, None, "Could not parse `serialized` as TensorProto")
    arr = arr.reshape(shape)
    return wrap(arr if arr.ndim or arr.dtype == object else arr[()])
