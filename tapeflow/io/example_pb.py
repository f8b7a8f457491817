"""`tf.train.Example` and its parts, written by hand on the protobuf wire format.

Messages: `BytesList`, `FloatList`, `Int64List`, `Feature` (a oneof of the three lists),
`Features` (a map from names to `Feature`s), `Example`, `FeatureList`, `FeatureLists`,
`SequenceExample`. Each has `SerializeToString()`, `FromString()`/`ParseFromString()`,
`ByteSize()`, `CopyFrom()`, `Clear()`, `HasField()`, `WhichOneof()`, equality, and prints in
protobuf text format as TF does (map entries in descending key order, floats in their shortest
float32 form, bytes with C escapes).

    >>> f = tf.train.Feature(int64_list=tf.train.Int64List(value=[1, 2]))
    >>> print(f)
    int64_list {
      value: 1
      value: 2
    }
    <BLANKLINE>
    >>> tf.train.Feature.FromString(f.SerializeToString()) == f
    True
"""
import math
import struct

import numpy as np


class DecodeError(Exception):
    """The bytes are not a valid serialization of the message (protobuf's DecodeError)."""


# -- wire-format primitives -------------------------------------------------------------------
def _varint(value):
    value &= 0xFFFFFFFFFFFFFFFF
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _read_varint(buf, pos, end):
    result = shift = 0
    while True:
        if pos >= end or shift > 63:
            raise DecodeError("Truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _tag(number, wire_type):
    return _varint((number << 3) | wire_type)


def _length_delimited(number, payload):
    return _tag(number, 2) + _varint(len(payload)) + payload


def _fields(buf, pos, end):
    """(field number, wire type, value) for every field of a message in buf[pos:end]; a
    length-delimited value is a (start, stop) pair."""
    while pos < end:
        key, pos = _read_varint(buf, pos, end)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise DecodeError("Invalid field number 0")
        if wire == 0:
            value, pos = _read_varint(buf, pos, end)
        elif wire == 1:
            if pos + 8 > end:
                raise DecodeError("Truncated fixed64")
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            n, pos = _read_varint(buf, pos, end)
            if pos + n > end:
                raise DecodeError("Truncated length-delimited field")
            value, pos = (pos, pos + n), pos + n
        elif wire == 5:
            if pos + 4 > end:
                raise DecodeError("Truncated fixed32")
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise DecodeError(f"Unsupported wire type {wire}")
        yield number, wire, value


# -- text format ----------------------------------------------------------------------------------
_ESCAPES = {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", ord('"'): '\\"',
            ord("'"): "\\'", ord("\\"): "\\\\"}
_BYTE_TEXT = [_ESCAPES.get(i, chr(i) if 32 <= i < 127 else f"\\{i:03o}") for i in range(256)]


def _text_bytes(b):
    return '"' + "".join(_BYTE_TEXT[c] for c in b) + '"'


def _text_float(v):
    """The shortest text that reads back as the same float32 (%.6g, else %.9g)."""
    f = float(v)
    if math.isnan(f):
        return "nan"
    if f in (float("inf"), float("-inf")):
        return "inf" if f > 0 else "-inf"
    short = f"{f:.6g}"
    if np.float32(float(short)) == np.float32(f):
        return short
    return f"{f:.9g}"


# -- repeated scalar fields -----------------------------------------------------------------------
class RepeatedScalarContainer(list):
    """A list of scalars that tells its owner message when it changes (a oneof member becomes
    the set one)."""

    def __init__(self, convert, owner=None, values=(), np_dtype=None):
        super().__init__()
        self._convert = convert
        self._owner = owner
        self._np_dtype = np_dtype
        list.extend(self, (convert(v) for v in values))

    def __array__(self, dtype=None, copy=None):
        """As protobuf's container: `np.array(float_list.value)` is float32."""
        return np.array(list(self), dtype=dtype if dtype is not None else self._np_dtype)

    def _touch(self):
        if self._owner is not None:
            self._owner._modified()

    def append(self, value):
        list.append(self, self._convert(value))
        self._touch()

    def extend(self, values):
        list.extend(self, (self._convert(v) for v in values))
        self._touch()

    def insert(self, index, value):
        list.insert(self, index, self._convert(value))
        self._touch()

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            list.__setitem__(self, index, [self._convert(v) for v in value])
        else:
            list.__setitem__(self, index, self._convert(value))
        self._touch()

    def __eq__(self, other):
        return list(self) == list(other)

    __hash__ = None

    def __reduce__(self):
        return list, (list(self),)


def _to_bytes(v):
    if isinstance(v, str):
        return v.encode()
    if isinstance(v, (bytes, bytearray, memoryview, np.bytes_)):
        return bytes(v)
    raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: bytes")


def _to_float(v):
    if isinstance(v, (bool, np.bool_)):
        raise TypeError("Field tensorflow.FloatList.value: Expected a float, got a boolean.")
    if isinstance(v, (str, bytes)):
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: int, float")
    return float(np.float32(v))


def _to_int64(v):
    if isinstance(v, (bool, np.bool_)):
        raise TypeError("Field tensorflow.Int64List.value: Expected an int, got a boolean.")
    if isinstance(v, (float, np.floating, str, bytes)):
        raise TypeError(f"{v!r} has type {type(v).__name__}, but expected one of: int")
    v = int(v)
    if not -(1 << 63) <= v < (1 << 63):
        raise ValueError(f"Value out of range: {v}")
    return v


# -- messages -----------------------------------------------------------------------------------
class Message:
    """The common machinery: fields are declared by subclasses; presence of a sub-message is
    tracked so an explicitly set empty message still serializes (as protobuf does)."""

    _full_name = ""

    def __init__(self):
        self._parent = None

    def _modified(self):
        if self._parent is not None:
            self._parent._child_modified(self)

    def _child_modified(self, child):
        self._modified()

    # serialization
    def SerializeToString(self, deterministic=None):
        return bytes(self._serialize())

    def SerializePartialToString(self, deterministic=None):
        return self.SerializeToString()

    def ByteSize(self):
        return len(self._serialize())

    @classmethod
    def FromString(cls, data):
        msg = cls()
        msg.ParseFromString(data)
        return msg

    def ParseFromString(self, data):
        self.Clear()
        return self.MergeFromString(data)

    def MergeFromString(self, data):
        buf = bytes(data)
        try:
            self._merge(buf, 0, len(buf))
        except (DecodeError, IndexError, struct.error, UnicodeDecodeError):
            raise DecodeError(f"Error parsing message with type '{self._full_name}'") from None
        self._modified()
        return len(buf)

    def CopyFrom(self, other):
        if other is self:
            return
        self.ParseFromString(other.SerializeToString())

    def MergeFrom(self, other):
        self.MergeFromString(other.SerializeToString())

    def IsInitialized(self):
        return True

    def __eq__(self, other):
        return type(self) is type(other) and self._canonical() == other._canonical()

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __str__(self):
        return "".join(self._text(0))

    __repr__ = __str__

    def __reduce__(self):
        return type(self).FromString, (self.SerializeToString(),)

    def _canonical(self):
        return self.SerializeToString()


class _ScalarListMessage(Message):
    """BytesList, FloatList, Int64List: one repeated field `value = 1`."""

    _convert = None
    _np_dtype = None

    def __init__(self, value=None):
        super().__init__()
        self._value = RepeatedScalarContainer(type(self)._convert, self, value or (),
                                              self._np_dtype)

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, values):
        raise AttributeError("Assignment not allowed to repeated field \"value\" in protocol "
                             "message object.")

    def Clear(self):
        list.clear(self._value)

    def _text(self, indent):
        pad = "  " * indent
        fmt = self._text_value
        return [f"{pad}value: {fmt(v)}\n" for v in self._value]

    def _merge(self, buf, pos, end):
        for number, wire, value in _fields(buf, pos, end):
            if number == 1:
                self._merge_value(buf, wire, value)


class BytesList(_ScalarListMessage):
    """A list of byte strings (`Feature.bytes_list`)."""

    _full_name = "tensorflow.BytesList"
    _convert = staticmethod(_to_bytes)
    _text_value = staticmethod(_text_bytes)

    def _serialize(self):
        return b"".join(_length_delimited(1, v) for v in self._value)

    def _merge_value(self, buf, wire, value):
        if wire != 2:
            raise DecodeError("bad wire type")
        list.append(self._value, buf[value[0]:value[1]])


class FloatList(_ScalarListMessage):
    """A list of float32 values (`Feature.float_list`), packed on the wire."""

    _full_name = "tensorflow.FloatList"
    _np_dtype = np.float32
    _convert = staticmethod(_to_float)
    _text_value = staticmethod(_text_float)

    def _serialize(self):
        if not self._value:
            return b""
        payload = np.asarray(self._value, dtype="<f4").tobytes()
        return _length_delimited(1, payload)

    def _merge_value(self, buf, wire, value):
        if wire == 2:
            start, stop = value
            if (stop - start) % 4:
                raise DecodeError("bad packed float length")
            list.extend(self._value, np.frombuffer(buf, "<f4", (stop - start) // 4,
                                                   start).astype(float).tolist())
        elif wire == 5:
            list.append(self._value, float(np.frombuffer(value, "<f4")[0]))
        else:
            raise DecodeError("bad wire type")

    def values_array(self):
        return np.asarray(self._value, dtype=np.float32)


class Int64List(_ScalarListMessage):
    """A list of int64 values (`Feature.int64_list`), packed varints on the wire."""

    _full_name = "tensorflow.Int64List"
    _np_dtype = np.int64
    _convert = staticmethod(_to_int64)
    _text_value = staticmethod(str)

    def _serialize(self):
        if not self._value:
            return b""
        return _length_delimited(1, b"".join(_varint(v) for v in self._value))

    @staticmethod
    def _signed(v):
        return v - (1 << 64) if v >= (1 << 63) else v

    def _merge_value(self, buf, wire, value):
        if wire == 2:
            pos, end = value
            while pos < end:
                v, pos = _read_varint(buf, pos, end)
                list.append(self._value, self._signed(v))
        elif wire == 0:
            list.append(self._value, self._signed(value))
        else:
            raise DecodeError("bad wire type")


_KINDS = (("bytes_list", 1, BytesList), ("float_list", 2, FloatList), ("int64_list", 3, Int64List))


class Feature(Message):
    """One feature: exactly one of `bytes_list`, `float_list`, `int64_list`."""

    _full_name = "tensorflow.Feature"

    def __init__(self, bytes_list=None, float_list=None, int64_list=None):
        super().__init__()
        self._kind = None
        self._lists = {}
        for name, value in (("bytes_list", bytes_list), ("float_list", float_list),
                            ("int64_list", int64_list)):
            if value is not None:
                self._set(name, value)

    def _set(self, name, value):
        cls = {n: c for n, _, c in _KINDS}[name]
        if not isinstance(value, cls):
            raise TypeError(f"Parameter to MergeFrom() must be instance of same class: expected "
                            f"{cls._full_name} got {type(value).__name__}.")
        own = cls()
        own.MergeFromString(value.SerializeToString())
        own._parent = self
        self._lists = {name: own}
        self._kind = name
        self._modified()

    def _get(self, name):
        lst = self._lists.get(name)
        if lst is None:
            cls = {n: c for n, _, c in _KINDS}[name]
            lst = cls()
            lst._parent = self
            self._lists[name] = lst
        return lst

    def _child_modified(self, child):
        for name, lst in list(self._lists.items()):
            if lst is child:
                self._kind = name
                self._lists = {name: lst}
        self._modified()

    bytes_list = property(lambda self: self._get("bytes_list"),
                          lambda self, v: self._set("bytes_list", v))
    float_list = property(lambda self: self._get("float_list"),
                          lambda self, v: self._set("float_list", v))
    int64_list = property(lambda self: self._get("int64_list"),
                          lambda self, v: self._set("int64_list", v))

    def WhichOneof(self, oneof_group):
        if oneof_group != "kind":
            raise ValueError(f'Protocol message has no oneof "{oneof_group}" field.')
        return self._kind

    def HasField(self, field_name):
        if field_name == "kind":
            return self._kind is not None
        if field_name not in ("bytes_list", "float_list", "int64_list"):
            raise ValueError(f'Protocol message Feature has no field {field_name}.')
        return self._kind == field_name

    def ClearField(self, field_name):
        if self._kind == field_name or field_name == "kind":
            self.Clear()

    def Clear(self):
        self._kind = None
        self._lists = {}

    def _serialize(self):
        if self._kind is None:
            return b""
        number = {n: k for n, k, _ in _KINDS}[self._kind]
        return _length_delimited(number, self._lists[self._kind]._serialize())

    def _merge(self, buf, pos, end):
        for number, wire, value in _fields(buf, pos, end):
            for name, num, _ in _KINDS:
                if number == num:
                    if wire != 2:
                        raise DecodeError("bad wire type")
                    if self._kind != name:
                        self.Clear()
                        self._kind = name
                    self._get(name)._merge(buf, *value)

    def _text(self, indent):
        if self._kind is None:
            return []
        pad = "  " * indent
        return [f"{pad}{self._kind} {{\n", *self._lists[self._kind]._text(indent + 1),
                f"{pad}}}\n"]


class MessageMap(dict):
    """A protobuf map of message values: reading a missing key adds an empty message."""

    def __init__(self, value_class, owner):
        super().__init__()
        self._value_class = value_class
        self._owner = owner

    def __getitem__(self, key):
        if key not in self:
            value = self._value_class()
            value._parent = self._owner
            dict.__setitem__(self, self._check_key(key), value)
            self._owner._modified()
        return dict.__getitem__(self, key)

    @staticmethod
    def _check_key(key):
        if isinstance(key, bytes):
            key = key.decode()
        if not isinstance(key, str):
            raise TypeError(f"{key!r} has type {type(key).__name__}, but expected one of: "
                            "bytes, unicode")
        return key

    def __setitem__(self, key, value):
        raise ValueError("May not set values directly, call my_map[key].foo = 5")

    def get_or_create(self, key):
        return self[key]

    def _put(self, key, value):
        if not isinstance(value, self._value_class):
            raise TypeError(f"Message must be initialized with a dict: {key!r} maps to a "
                            f"{type(value).__name__}, expected {self._value_class.__name__}")
        own = self._value_class.FromString(value.SerializeToString())
        own._parent = self._owner
        dict.__setitem__(self, self._check_key(key), own)

    def __eq__(self, other):
        return dict(self) == dict(other)

    __hash__ = None


class _MapMessage(Message):
    """Features and FeatureLists: one map field `= 1` from strings to messages."""

    _map_name = ""
    _value_class = None

    def __init__(self, **kwargs):
        super().__init__()
        self._map = MessageMap(self._value_class, self)
        given = kwargs.pop(self._map_name, None)
        if kwargs:
            raise ValueError(f"Protocol message {type(self).__name__} has no "
                             f'"{next(iter(kwargs))}" field.')
        for k, v in (given or {}).items():
            self._map._put(k, v)

    def Clear(self):
        dict.clear(self._map)

    def _serialize(self):
        out = []
        for key in sorted(self._map):
            entry = _length_delimited(1, key.encode()) + _length_delimited(
                2, dict.__getitem__(self._map, key)._serialize())
            out.append(_length_delimited(1, entry))
        return b"".join(out)

    def _merge(self, buf, pos, end):
        for number, wire, value in _fields(buf, pos, end):
            if number != 1:
                continue
            if wire != 2:
                raise DecodeError("bad wire type")
            key, inner = "", None
            for n, w, v in _fields(buf, *value):
                if n == 1 and w == 2:
                    key = buf[v[0]:v[1]].decode("utf-8")
                elif n == 2 and w == 2:
                    inner = v
            msg = self._value_class()
            if inner is not None:
                msg._merge(buf, *inner)
            msg._parent = self
            dict.__setitem__(self._map, key, msg)

    def _text(self, indent):
        pad = "  " * indent
        lines = []
        for key in sorted(self._map, reverse=True):
            lines += [f"{pad}{self._map_name} {{\n", f"{pad}  key: {_text_bytes(key.encode())}\n",
                      f"{pad}  value {{\n",
                      *dict.__getitem__(self._map, key)._text(indent + 2),
                      f"{pad}  }}\n", f"{pad}}}\n"]
        return lines


class Features(_MapMessage):
    """A map from feature names to `Feature`s (`features.feature[name]`)."""

    _full_name = "tensorflow.Features"
    _map_name = "feature"
    _value_class = Feature
    feature = property(lambda self: self._map)


class FeatureList(Message):
    """A list of `Feature`s (one per step of a `SequenceExample`)."""

    _full_name = "tensorflow.FeatureList"

    def __init__(self, feature=None):
        super().__init__()
        self._feature = _RepeatedMessages(Feature, self)
        for f in feature or ():
            self._feature.append(f)

    feature = property(lambda self: self._feature)

    def Clear(self):
        list.clear(self._feature)

    def _serialize(self):
        return b"".join(_length_delimited(1, f._serialize()) for f in self._feature)

    def _merge(self, buf, pos, end):
        for number, wire, value in _fields(buf, pos, end):
            if number == 1 and wire == 2:
                f = self._feature.add()
                f._merge(buf, *value)

    def _text(self, indent):
        pad = "  " * indent
        lines = []
        for f in self._feature:
            lines += [f"{pad}feature {{\n", *f._text(indent + 1), f"{pad}}}\n"]
        return lines


class _RepeatedMessages(list):
    def __init__(self, cls, owner):
        super().__init__()
        self._cls = cls
        self._owner = owner

    def add(self, **kwargs):
        msg = self._cls(**kwargs)
        msg._parent = self._owner
        list.append(self, msg)
        self._owner._modified()
        return msg

    def append(self, msg):
        own = self._cls.FromString(msg.SerializeToString())
        own._parent = self._owner
        list.append(self, own)
        self._owner._modified()

    def extend(self, msgs):
        for m in msgs:
            self.append(m)

    __hash__ = None


class FeatureLists(_MapMessage):
    """A map from names to `FeatureList`s (`feature_lists.feature_list[name]`)."""

    _full_name = "tensorflow.FeatureLists"
    _map_name = "feature_list"
    _value_class = FeatureList
    feature_list = property(lambda self: self._map)


class _StructMessage(Message):
    """Messages made of optional sub-message fields: `_subfields = ((name, number, cls), ...)`."""

    _subfields = ()

    def __init__(self, **kwargs):
        super().__init__()
        self._values = {}
        self._present = set()
        for name, value in kwargs.items():
            if name not in {n for n, _, _ in self._subfields}:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{name}" field.')
            if value is not None:
                self._assign(name, value)

    def _assign(self, name, value):
        cls = {n: c for n, _, c in self._subfields}[name]
        if not isinstance(value, cls):
            raise TypeError(f"Parameter to MergeFrom() must be instance of same class: expected "
                            f"{cls._full_name} got {type(value).__name__}.")
        own = cls.FromString(value.SerializeToString())
        own._parent = self
        self._values[name] = own
        self._present.add(name)
        self._modified()

    def _field(self, name):
        if name not in self._values:
            cls = {n: c for n, _, c in self._subfields}[name]
            msg = cls()
            msg._parent = self
            self._values[name] = msg
        return self._values[name]

    def _child_modified(self, child):
        for name, v in self._values.items():
            if v is child:
                self._present.add(name)
        self._modified()

    def HasField(self, field_name):
        return field_name in self._present

    def ClearField(self, field_name):
        self._values.pop(field_name, None)
        self._present.discard(field_name)

    def Clear(self):
        self._values = {}
        self._present = set()

    def _serialize(self):
        return b"".join(_length_delimited(number, self._values[name]._serialize())
                        for name, number, _ in self._subfields if name in self._present)

    def _merge(self, buf, pos, end):
        for number, wire, value in _fields(buf, pos, end):
            for name, num, _ in self._subfields:
                if number == num:
                    if wire != 2:
                        raise DecodeError("bad wire type")
                    self._field(name)._merge(buf, *value)
                    self._present.add(name)

    def _text(self, indent):
        pad = "  " * indent
        lines = []
        for name, _, _ in self._subfields:
            if name in self._present:
                lines += [f"{pad}{name} {{\n", *self._values[name]._text(indent + 1),
                          f"{pad}}}\n"]
        return lines


class Example(_StructMessage):
    """One record of named features: `tf.train.Example(features=tf.train.Features(...))`."""

    _full_name = "tensorflow.Example"
    _subfields = (("features", 1, Features),)
    features = property(lambda self: self._field("features"),
                        lambda self, v: self._assign("features", v))


class SequenceExample(_StructMessage):
    """Context features plus named lists of per-step features."""

    _full_name = "tensorflow.SequenceExample"
    _subfields = (("context", 1, Features), ("feature_lists", 2, FeatureLists))
    context = property(lambda self: self._field("context"),
                       lambda self, v: self._assign("context", v))
    feature_lists = property(lambda self: self._field("feature_lists"),
                             lambda self, v: self._assign("feature_lists", v))


def example_features(serialized):
    """The features of a serialized Example as {name: (kind, values)}, kind in
    'bytes_list'/'float_list'/'int64_list'/None: the fast path of `tf.io.parse_example`."""
    buf = bytes(serialized)
    out = {}
    try:
        for number, wire, value in _fields(buf, 0, len(buf)):
            if number != 1 or wire != 2:
                continue
            for n, w, entry in _fields(buf, *value):
                if n != 1 or w != 2:
                    continue
                key, feature = "", None
                for n2, w2, v2 in _fields(buf, *entry):
                    if n2 == 1 and w2 == 2:
                        key = buf[v2[0]:v2[1]].decode("utf-8")
                    elif n2 == 2 and w2 == 2:
                        feature = v2
                f = Feature()
                if feature is not None:
                    f._merge(buf, *feature)
                out[key] = f
    except (DecodeError, IndexError, UnicodeDecodeError):
        raise DecodeError("Error parsing message with type 'tensorflow.Example'") from None
    return out
