"""String primitives (TF's string ops): all `nondiff=True` records over NumPy object arrays of
`bytes`. Ops with ragged results (split, unicode_decode, ngrams) return the flat values and the
row splits; `tapeflow.strings` builds the RaggedTensor.

    >>> from tapeflow.prims import strings as PS
    >>> PS.upper(tf.constant(["ab"]))
    <tf.Tensor: shape=(1,), dtype=string, numpy=array([b'AB'], dtype=object)>
"""
import base64
import re

import numpy as np

from ..framework import dtypes as D
from ..framework.op import ANY, apply, apply1, defop
from . import _hashing
from ._common import BOOL, FLOAT, INT, aval, broadcast_shapes, same, with_dtype
from .base import elementwise, loop, move_to_front, unary

STRING = (D.string,)
_OBJ = np.dtype(object)


def _map(fn, v, otype=object):
    """`fn` on every element of object array `v`, as an array of `otype` of v's shape."""
    arr = np.asarray(v, dtype=object)
    out = np.empty(arr.shape, dtype=otype)
    flat_in = arr.reshape(-1)
    flat_out = out.reshape(-1)
    for i, s in enumerate(flat_in):
        flat_out[i] = fn(s)
    return out


def _elementwise(name, fn, out_dtype=_OBJ, allowed=STRING):
    """A one-input elementwise string primitive; `fn(element, **attrs)`."""
    out_dtype = np.dtype(out_dtype)

    def forward(v, **attrs):
        return _map(lambda s: fn(s, **attrs), v, out_dtype)
    return defop(name, forward, nondiff=True, allowed=allowed, shape=with_dtype(out_dtype),
                 batch=unary)


def _no_vmap(op, args, dims, attrs):
    raise NotImplementedError(f"vmap of {op.name} (a ragged result) is not implemented in "
                              "tapeflow")


# ============================================================================================
# Case, whitespace, regexes
# ============================================================================================
LOWER = _elementwise("StringLower", lambda s, encoding: s.lower())
UPPER = _elementwise("StringUpper", lambda s, encoding: s.upper())
STRIP = _elementwise("StringStrip", lambda s: s.strip(b" \t\n\r\v\f"))


def lower(x, encoding=""):
    return apply1(LOWER, x, {"encoding": encoding})


def upper(x, encoding=""):
    return apply1(UPPER, x, {"encoding": encoding})


def strip(x):
    return apply1(STRIP, x)


def _length(s, unit):
    return len(s) if unit == "BYTE" else len(s.decode("utf-8", errors="replace"))


LENGTH = _elementwise("StringLength", _length, np.int32)


def length(x, unit):
    return apply1(LENGTH, x, {"unit": unit})


def _rewrite(rewrite):
    """RE2's rewrite (\\1 groups, \\\\ a backslash) as a Python replacement template."""
    return re.sub(rb"\\(\d)", rb"\\g<\1>", rewrite)


def _regex_replace(s, pattern, rewrite, replace_global):
    return re.sub(pattern, _rewrite(rewrite), s, count=0 if replace_global else 1)


REGEX_REPLACE = _elementwise("StaticRegexReplace", _regex_replace)
REGEX_FULL_MATCH = _elementwise("StaticRegexFullMatch",
                                lambda s, pattern: re.fullmatch(pattern, s) is not None, np.bool_)


def regex_replace(x, pattern, rewrite, replace_global):
    return apply1(REGEX_REPLACE, x, {"pattern": pattern, "rewrite": rewrite,
                                     "replace_global": replace_global})


def regex_full_match(x, pattern):
    return apply1(REGEX_FULL_MATCH, x, {"pattern": pattern})


# ============================================================================================
# Numbers and hashes
# ============================================================================================
def _to_number_forward(v, out_type):
    def conv(s):
        text = s.decode("utf-8", errors="replace").strip()
        try:
            if np.dtype(out_type).kind in "iu":
                return int(text)
            return float(text)
        except ValueError:
            raise ValueError(f"StringToNumberOp could not correctly convert string: {text}") \
                from None
    return _map(conv, v, out_type)


STRING_TO_NUMBER = defop("StringToNumber", _to_number_forward, nondiff=True, allowed=STRING,
                         shape=lambda a, out_type: aval(a.shape, out_type), batch=unary)


def to_number(x, out_type):
    return apply1(STRING_TO_NUMBER, x, {"out_type": np.dtype(out_type)})


HASH_FAST = _elementwise("StringToHashBucketFast",
                         lambda s, num_buckets: _hashing.fingerprint64(s) % num_buckets, np.int64)
HASH_STRONG = _elementwise("StringToHashBucketStrong",
                           lambda s, num_buckets, key: _hashing.siphash24(key[0], key[1], s)
                           % num_buckets, np.int64)
HASH_LEGACY = _elementwise("StringToHashBucket",
                           lambda s, num_buckets: _hashing.legacy_hash64(s) % num_buckets,
                           np.int64)


def to_hash_bucket_fast(x, num_buckets):
    return apply1(HASH_FAST, x, {"num_buckets": int(num_buckets)})


def to_hash_bucket_strong(x, num_buckets, key):
    return apply1(HASH_STRONG, x, {"num_buckets": int(num_buckets), "key": tuple(key)})


def to_hash_bucket(x, num_buckets):
    return apply1(HASH_LEGACY, x, {"num_buckets": int(num_buckets)})


def _fingerprint_forward(v):
    arr = np.asarray(v)
    n = arr.shape[0]
    out = np.zeros((n, 8), np.uint8)
    for i in range(n):
        row = arr[i]
        if arr.dtype == object:
            items = np.asarray(row, dtype=object).reshape(-1)
            if arr.ndim == 1:
                data = items[0]
                h = _hashing.fingerprint64(data)
            else:  # several strings per row: their fingerprints are combined, as TF does
                data = b"".join(_hashing.fingerprint64(s).to_bytes(8, "little") +
                                len(s).to_bytes(8, "little") for s in items)
                h = _hashing.fingerprint64(data)
        else:
            h = _hashing.fingerprint64(np.ascontiguousarray(row).tobytes())
        out[i] = np.frombuffer(h.to_bytes(8, "little"), np.uint8)
    return out


def _fingerprint_batch(op, args, dims, attrs):
    x = move_to_front(args[0], dims[0])
    shape = x._value.shape
    from .base import reshape
    flat = reshape(x, (shape[0] * shape[1],) + shape[2:])
    out = apply1(op, flat)
    return reshape(out, (shape[0], shape[1], 8)), 0


FINGERPRINT = defop("Fingerprint", _fingerprint_forward, nondiff=True, allowed=ANY,
                    shape=lambda a, **k: aval((a.shape[0], 8), np.uint8),
                    batch=_fingerprint_batch)


def fingerprint(x):
    return apply1(FINGERPRINT, x)


def _decode_raw_forward(v, out_type, little_endian, fixed_length):
    from ..framework.errors import InvalidArgumentError, op_error
    np_type = out_type.newbyteorder("<" if little_endian else ">")
    arr = np.asarray(v, dtype=object)
    rows = []
    for b in arr.reshape(-1):
        b = b.encode() if isinstance(b, str) else bytes(b)
        if fixed_length is not None:
            b = b[:fixed_length].ljust(fixed_length, b"\x00")
        if len(b) % np_type.itemsize:
            raise op_error(InvalidArgumentError, "DecodeRaw",
                           f"Input to DecodeRaw has length {len(b)} that is not a multiple of "
                           f"{np_type.itemsize}, the size of {D.as_dtype(out_type).name}")
        rows.append(np.frombuffer(b, dtype=np_type).astype(out_type))
    if len({r.size for r in rows}) > 1:
        raise op_error(InvalidArgumentError, "DecodeRaw",
                       "DecodeRaw requires input strings to all be the same size")
    width = rows[0].size if rows else 0
    out = np.stack(rows) if rows else np.zeros((0, width), out_type)
    return out.reshape(arr.shape + (width,))


def _decode_raw_shape(a, out_type, little_endian, fixed_length):
    width = None if fixed_length is None else fixed_length // out_type.itemsize
    return aval(None if a.shape is None else tuple(a.shape) + (width,), out_type)


DECODE_RAW = defop("DecodeRaw", _decode_raw_forward, nondiff=True, allowed=STRING,
                   shape=_decode_raw_shape, batch=loop)


def decode_raw(x, out_type, little_endian=True, fixed_length=None):
    """The bytes of each string of `x` as a vector of `out_type` (a NumPy dtype) values."""
    return apply1(DECODE_RAW, x, {"out_type": np.dtype(out_type),
                                  "little_endian": bool(little_endian),
                                  "fixed_length": None if fixed_length is None
                                  else int(fixed_length)})


def _as_string(x, precision, scientific, shortest, width, fill):
    if isinstance(x, (bool, np.bool_)):
        text = "true" if x else "false"
    elif isinstance(x, (int, np.integer)):
        text = str(int(x))
    elif isinstance(x, (complex, np.complexfloating)):
        text = f"({_as_string(x.real, precision, scientific, shortest, 0, '').decode()},"\
               f"{_as_string(x.imag, precision, scientific, shortest, 0, '').decode()})"
    else:
        if shortest:
            text = f"{x:g}" if precision < 0 else f"{x:.{precision}g}"
            text = np.format_float_positional(x, trim="-") if precision < 0 else text
        elif scientific:
            text = f"{x:.{6 if precision < 0 else precision}e}"
        else:
            text = f"{x:.{6 if precision < 0 else precision}f}"
    if width > 0 and len(text) < width:
        pad = fill or " "
        if pad == "0" and text.startswith("-"):
            text = "-" + text[1:].rjust(width - 1, "0")
        else:
            text = text.rjust(width, pad)
    return text.encode()


def _as_string_forward(v, **attrs):
    return _map(lambda x: _as_string(x, **attrs), v)


AS_STRING = defop("AsString", _as_string_forward, nondiff=True,
                  allowed=FLOAT + INT + BOOL + (D.complex64, D.complex128),
                  shape=with_dtype(_OBJ), batch=unary)


def as_string(x, precision=-1, scientific=False, shortest=False, width=-1, fill=""):
    return apply1(AS_STRING, x, {"precision": precision, "scientific": scientific,
                                 "shortest": shortest, "width": width, "fill": fill})


# ============================================================================================
# Base64
# ============================================================================================
def _encode_b64(s, pad):
    out = base64.urlsafe_b64encode(s)
    return out if pad else out.rstrip(b"=")


def _decode_b64(s):
    s = s + b"=" * (-len(s) % 4)
    return base64.urlsafe_b64decode(s)


ENCODE_BASE64 = _elementwise("EncodeBase64", _encode_b64)
DECODE_BASE64 = _elementwise("DecodeBase64", _decode_b64)


def encode_base64(x, pad):
    return apply1(ENCODE_BASE64, x, {"pad": bool(pad)})


def decode_base64(x):
    return apply1(DECODE_BASE64, x)


# ============================================================================================
# Joining and substrings
# ============================================================================================
def _join_forward(*arrays, separator):
    shape = np.broadcast_shapes(*[np.shape(a) for a in arrays])
    parts = [np.broadcast_to(np.asarray(a, dtype=object), shape).reshape(-1) for a in arrays]
    out = np.empty(int(np.prod(shape)), dtype=object)
    for i in range(out.size):
        out[i] = separator.join(p[i] for p in parts)
    return out.reshape(shape)


STRING_JOIN = defop("StringJoin", _join_forward, nondiff=True, allowed=STRING,
                    shape=lambda *a, separator: aval(broadcast_shapes(*[x.shape for x in a]),
                                                     _OBJ),
                    batch=elementwise)


def join(xs, separator):
    return apply(STRING_JOIN, tuple(xs), {"separator": separator})


def _reduce_join_forward(v, axis, keepdims, separator):
    arr = np.asarray(v, dtype=object)
    moved = np.moveaxis(arr, axis, tuple(range(arr.ndim - len(axis), arr.ndim)))
    lead = moved.shape[:arr.ndim - len(axis)]
    flat = moved.reshape(lead + (-1,))
    out = np.empty(lead, dtype=object)
    for idx in np.ndindex(*lead):
        out[idx] = separator.join(flat[idx])
    if keepdims:
        out = out.reshape(tuple(1 if i in axis else d for i, d in enumerate(arr.shape)))
    return out


def _reduce_join_shape(a, axis, keepdims, separator):
    if keepdims:
        return aval(tuple(1 if i in axis else d for i, d in enumerate(a.shape)), _OBJ)
    return aval(tuple(d for i, d in enumerate(a.shape) if i not in axis), _OBJ)


def _reduce_join_batch(op, args, dims, attrs):
    x = move_to_front(args[0], dims[0])
    return apply1(op, x, dict(attrs, axis=tuple(a + 1 for a in attrs["axis"]))), 0


REDUCE_JOIN = defop("ReduceJoin", _reduce_join_forward, nondiff=True, allowed=STRING,
                    shape=_reduce_join_shape, batch=_reduce_join_batch)


def reduce_join(x, axis, keepdims, separator):
    return apply1(REDUCE_JOIN, x, {"axis": tuple(axis), "keepdims": bool(keepdims),
                                   "separator": separator})


def _segment_join_forward(data, ids, num_segments, separator):
    n = int(num_segments)
    flat_ids = np.asarray(ids).reshape(-1)
    inner = data.shape[ids.ndim:]
    rows = np.asarray(data, dtype=object).reshape((flat_ids.size, -1))
    bad = flat_ids >= n
    if np.any(bad):
        from ..framework.errors import InvalidArgumentError, op_error
        pos = int(np.argmax(bad))
        raise op_error(InvalidArgumentError, "UnsortedSegmentJoin", f"segment_ids[{pos}] = "
                       f"{int(flat_ids[pos])} is out of range [0, {n})")
    parts = [[[] for _ in range(rows.shape[1])] for _ in range(n)]
    for row, i in zip(rows, flat_ids.tolist()):
        if i >= 0:
            for k, item in enumerate(row):
                parts[i][k].append(item)
    out = np.empty((n, rows.shape[1]), dtype=object)
    for i in range(n):
        for k in range(rows.shape[1]):
            out[i, k] = separator.join(parts[i][k])
    return out.reshape((n,) + inner)


def _segment_join_shape(data, ids, num_segments, separator):
    return aval((None,) + tuple(data.shape[len(ids.shape):]), _OBJ)


UNSORTED_SEGMENT_JOIN = defop("UnsortedSegmentJoin", _segment_join_forward, nondiff=True,
                              allowed=STRING, shape=_segment_join_shape, batch=loop)


def unsorted_segment_join(data, ids, num_segments, separator):
    """The strings of `data` whose segment id is i, joined with `separator`, for each i below
    `num_segments` (an int scalar tensor); negative ids are dropped."""
    return apply(UNSORTED_SEGMENT_JOIN, (data, ids, num_segments), {"separator": separator})


def _substr_forward(v, pos, length, unit):
    shape = np.broadcast_shapes(np.shape(v), np.shape(pos), np.shape(length))
    s = np.broadcast_to(np.asarray(v, dtype=object), shape).reshape(-1)
    p = np.broadcast_to(pos, shape).reshape(-1)
    n = np.broadcast_to(length, shape).reshape(-1)
    out = np.empty(s.size, dtype=object)
    for i in range(s.size):
        text = s[i] if unit == "BYTE" else s[i].decode("utf-8")
        start = int(p[i])
        size = len(text)
        if start < 0:
            start += size
        if not 0 <= start <= size:
            raise ValueError(f"pos {int(p[i])} out of range for string b'{s[i].decode()}' at "
                             f"index {i}")
        piece = text[start:start + max(int(n[i]), 0)]
        out[i] = piece if unit == "BYTE" else piece.encode("utf-8")
    return out.reshape(shape)


SUBSTR = defop("Substr", _substr_forward, nondiff=True, allowed=STRING,
               shape=lambda a, p, n, unit: aval(broadcast_shapes(a.shape, p.shape, n.shape),
                                                _OBJ),
               batch=elementwise)


def substr(x, pos, length, unit):
    return apply(SUBSTR, (x, pos, length), {"unit": unit})


def _format_forward(*arrays, template, placeholder, summarize):
    pieces = template.split(placeholder)
    texts = [_format_value(a, summarize) for a in arrays]
    out = pieces[0]
    for t, p in zip(texts, pieces[1:]):
        out += t + p
    return np.array(out.encode(), dtype=object)


def _format_value(a, summarize):
    arr = np.asarray(a)
    if arr.dtype == object:
        if arr.ndim == 0:
            return '"' + arr.item().decode("utf-8", "replace") + '"'
        return np.array2string(np.vectorize(lambda s: '"' + s.decode() + '"')(arr),
                               separator=" ", formatter={"all": str})
    with np.printoptions(threshold=summarize * 2 if summarize > 0 else 1000,
                         edgeitems=summarize if summarize > 0 else 3):
        if arr.dtype.kind == "f":
            return np.array2string(arr, separator=" ",
                                   formatter={"float_kind": lambda x: f"{x:g}"})
        if arr.dtype.kind == "b":
            return np.array2string(arr, separator=" ",
                                   formatter={"bool": lambda x: "1" if x else "0"})
        return np.array2string(arr, separator=" ")


STRING_FORMAT = defop("StringFormat", _format_forward, nondiff=True, allowed=ANY,
                      shape=lambda *a, **k: aval((), _OBJ), batch=loop)


def format_(inputs, template, placeholder, summarize):
    return apply(STRING_FORMAT, tuple(inputs), {"template": template, "placeholder": placeholder,
                                                "summarize": summarize})


# ============================================================================================
# Ops with ragged results: (flat values, row splits)
# ============================================================================================
def _ragged_shape(dtype):
    """(flat values, row splits) of unknown lengths: the splits come from the value row ids, as
    in TF (whose kernels return sparse indices)."""
    def rule(a, *rest, **attrs):
        return aval((None,), dtype), aval((None,), np.int64)
    return rule


def _rows_out(rows, dtype=object):
    lengths = [len(r) for r in rows]
    flat = np.empty(sum(lengths), dtype=dtype)
    k = 0
    for r in rows:
        for item in r:
            flat[k] = item
            k += 1
    return flat, np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)


def _split_one(s, sep, maxsplit):
    if sep == b"":
        parts = s.split(None, maxsplit) if maxsplit >= 0 else s.split()
        return parts
    return s.split(sep, maxsplit)


def _split_forward(v, sep, maxsplit):
    rows = [_split_one(s, sep, maxsplit) for s in np.asarray(v, dtype=object).reshape(-1)]
    return _rows_out(rows)


STRING_SPLIT = defop("StringSplitV2", _split_forward, num_outputs=2, nondiff=True,
                     allowed=STRING, shape=_ragged_shape(_OBJ), batch=_no_vmap)


def split(x, sep, maxsplit):
    return apply(STRING_SPLIT, (x,), {"sep": sep, "maxsplit": maxsplit})


def _split_v1_forward(v, delimiter, skip_empty):
    """TF1's StringSplit: splits on any of the bytes of `delimiter` (every byte when empty)."""
    pattern = b"[" + re.escape(delimiter) + b"]" if delimiter else None
    rows = []
    for s in np.asarray(v, dtype=object).reshape(-1):
        parts = re.split(pattern, s) if pattern else [s[i:i + 1] for i in range(len(s))]
        rows.append([p for p in parts if p or not skip_empty])
    return _rows_out(rows)


STRING_SPLIT_V1 = defop("StringSplit", _split_v1_forward, num_outputs=2, nondiff=True,
                        allowed=STRING, shape=_ragged_shape(_OBJ), batch=_no_vmap)


def string_split_v1(x, delimiter, skip_empty):
    return apply(STRING_SPLIT_V1, (x,), {"delimiter": delimiter, "skip_empty": skip_empty})


def _bytes_split_forward(v):
    rows = [[s[i:i + 1] for i in range(len(s))] for s in np.asarray(v, dtype=object).reshape(-1)]
    return _rows_out(rows)


BYTES_SPLIT = defop("StringBytesSplit", _bytes_split_forward, num_outputs=2, nondiff=True,
                    allowed=STRING, shape=_ragged_shape(_OBJ), batch=_no_vmap)


def bytes_split(x):
    return apply(BYTES_SPLIT, (x,))


_CODECS = {"UTF-8": "utf-8", "UTF-16-BE": "utf-16-be", "UTF-32-BE": "utf-32-be",
           "US-ASCII": "ascii", "ISO-8859-1": "latin-1"}


def _decode_chars(s, encoding, errors, replacement_char):
    """The code points of `s` and the byte offset where each starts."""
    codec = _CODECS[encoding]
    points, offsets = [], []
    if codec == "utf-8":
        i = 0
        n = len(s)
        while i < n:
            b = s[i]
            size = 1 if b < 0x80 else 2 if b >> 5 == 6 else 3 if b >> 4 == 14 else \
                4 if b >> 3 == 30 else 0
            chunk = s[i:i + size] if size else b""
            try:
                cp = ord(chunk.decode("utf-8")) if size else None
            except UnicodeDecodeError:
                cp = None
            if cp is None:
                if errors == "strict":
                    raise ValueError(f"Invalid formatting on input string {s!r}")
                if errors == "replace":
                    points.append(replacement_char)
                    offsets.append(i)
                i += 1
                continue
            points.append(cp)
            offsets.append(i)
            i += size
        return points, offsets
    text = s.decode(codec, errors="replace" if errors != "strict" else "strict")
    unit = {"utf-16-be": 2, "utf-32-be": 4}.get(codec, 1)
    pos = 0
    for ch in text:
        points.append(ord(ch) if ch != "\ufffd" or errors != "replace" else replacement_char)
        offsets.append(pos)
        pos += len(ch.encode(codec)) if ch != "\ufffd" else unit
    return points, offsets


def _unicode_decode_forward(v, input_encoding, errors, replacement_char):
    rows, offs = [], []
    for s in np.asarray(v, dtype=object).reshape(-1):
        p, o = _decode_chars(s, input_encoding, errors, replacement_char)
        rows.append(p)
        offs.append(o)
    lengths = [len(r) for r in rows]
    splits = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    flat = np.array([c for r in rows for c in r], dtype=np.int32)
    offsets = np.array([c for r in offs for c in r], dtype=np.int64)
    return flat, splits, offsets


def _decode_shape(a, **attrs):
    n = a.shape[0] if a.shape else 1
    return (aval((None,), np.int32), aval((None if n is None else n + 1,), np.int64),
            aval((None,), np.int64))


UNICODE_DECODE = defop("UnicodeDecodeWithOffsets", _unicode_decode_forward, num_outputs=3,
                       nondiff=True, allowed=STRING, shape=_decode_shape, batch=_no_vmap)


def unicode_decode(x, input_encoding, errors, replacement_char):
    return apply(UNICODE_DECODE, (x,), {"input_encoding": input_encoding, "errors": errors,
                                        "replacement_char": int(replacement_char)})


def _encode_chars(points, encoding, errors, replacement_char):
    codec = _CODECS[encoding]
    out = []
    for cp in points:
        cp = int(cp)
        if not (0 <= cp <= 0x10FFFF) or 0xD800 <= cp <= 0xDFFF:
            if errors == "strict":
                raise ValueError(f"Invalid code point {cp}")
            if errors == "ignore":
                continue
            cp = replacement_char
        out.append(chr(cp))
    return "".join(out).encode(codec)


def _unicode_encode_forward(points, splits, output_encoding, errors, replacement_char):
    p = np.asarray(points)
    s = np.asarray(splits)
    out = np.empty(len(s) - 1, dtype=object)
    for i in range(len(s) - 1):
        out[i] = _encode_chars(p[s[i]:s[i + 1]], output_encoding, errors, replacement_char)
    return out


UNICODE_ENCODE = defop("UnicodeEncode", _unicode_encode_forward, nondiff=True,
                       allowed=(D.int32, D.int64),
                       shape=lambda p, s, **k: aval((None if s.shape[0] is None
                                                     else s.shape[0] - 1,), _OBJ),
                       batch=_no_vmap)


def unicode_encode(points, splits, output_encoding, errors, replacement_char):
    return apply(UNICODE_ENCODE, (points, splits), {
        "output_encoding": output_encoding, "errors": errors,
        "replacement_char": int(replacement_char)})


def _transcode(s, input_encoding, output_encoding, errors, replacement_char):
    points, _ = _decode_chars(s, input_encoding, "replace" if errors != "strict" else errors,
                              replacement_char)
    return _encode_chars(points, output_encoding, errors, replacement_char)


TRANSCODE = _elementwise("UnicodeTranscode", _transcode)


def unicode_transcode(x, input_encoding, output_encoding, errors, replacement_char):
    return apply1(TRANSCODE, x, {"input_encoding": input_encoding,
                                 "output_encoding": output_encoding, "errors": errors,
                                 "replacement_char": int(replacement_char)})


# ICU script codes (UScriptCode) for the scripts of the Basic Multilingual Plane's main blocks.
_SCRIPT_RANGES = (
    (0x0000, 0x0040, 0), (0x0041, 0x005A, 25), (0x005B, 0x0060, 0), (0x0061, 0x007A, 25),
    (0x007B, 0x00A9, 0), (0x00AA, 0x00AA, 25), (0x00AB, 0x00B9, 0), (0x00BA, 0x00BA, 25),
    (0x00BB, 0x00BF, 0), (0x00C0, 0x02AF, 25), (0x02B0, 0x02FF, 0), (0x0300, 0x036F, 1),
    (0x0370, 0x03FF, 14), (0x0400, 0x052F, 8), (0x0530, 0x058F, 3), (0x0590, 0x05FF, 19),
    (0x0600, 0x06FF, 2), (0x0700, 0x074F, 34), (0x0900, 0x097F, 10), (0x0980, 0x09FF, 4),
    (0x0A00, 0x0A7F, 16), (0x0A80, 0x0AFF, 15), (0x0B80, 0x0BFF, 35), (0x0C00, 0x0C7F, 36),
    (0x0E00, 0x0E7F, 38), (0x10A0, 0x10FF, 12), (0x1100, 0x11FF, 18), (0x1E00, 0x1EFF, 25),
    (0x1F00, 0x1FFF, 14), (0x2000, 0x2BFF, 0), (0x3000, 0x303F, 0), (0x3040, 0x309F, 20),
    (0x30A0, 0x30FF, 22), (0x3400, 0x4DBF, 17), (0x4E00, 0x9FFF, 17), (0xAC00, 0xD7AF, 18),
    (0xFF00, 0xFF20, 0), (0xFF21, 0xFF3A, 25), (0xFF41, 0xFF5A, 25),
)


def _script(cp):
    cp = int(cp)
    if cp < 0 or cp > 0x10FFFF:
        return -1
    for lo, hi, code in _SCRIPT_RANGES:
        if lo <= cp <= hi:
            return code
    return 103  # USCRIPT_UNKNOWN


UNICODE_SCRIPT = defop("UnicodeScript", lambda v: np.vectorize(_script, otypes=[np.int32])(v)
                       if np.size(v) else np.zeros(np.shape(v), np.int32),
                       nondiff=True, allowed=(D.int32,), shape=same, batch=unary)


def unicode_script(x):
    return apply1(UNICODE_SCRIPT, x)


def _ngrams_forward(data, splits, separator, ngram_widths, left_pad, right_pad, pad_width,
                    preserve_short_sequences):
    d = np.asarray(data, dtype=object)
    s = np.asarray(splits)
    rows = []
    for i in range(len(s) - 1):
        row = list(d[s[i]:s[i + 1]])
        out = []
        for width in ngram_widths:
            pw = (width - 1 if pad_width < 0 else min(pad_width, width - 1)) if \
                (left_pad or right_pad) else 0
            padded = [left_pad] * (pw if left_pad else 0) + row + \
                [right_pad] * (pw if right_pad else 0)
            for j in range(len(padded) - width + 1):
                out.append(separator.join(padded[j:j + width]))
        if not out and preserve_short_sequences and row:
            out.append(separator.join(row))
        rows.append(out)
    return _rows_out(rows)


STRING_NGRAMS = defop("StringNGrams", _ngrams_forward, num_outputs=2, nondiff=True,
                      allowed=STRING,
                      shape=lambda d, s, **k: (aval((None,), _OBJ), aval(s.shape, np.int64)),
                      batch=_no_vmap)


def ngrams(data, splits, separator, ngram_widths, left_pad, right_pad, pad_width,
           preserve_short_sequences):
    return apply(STRING_NGRAMS, (data, splits), {
        "separator": separator, "ngram_widths": tuple(ngram_widths), "left_pad": left_pad,
        "right_pad": right_pad, "pad_width": pad_width,
        "preserve_short_sequences": preserve_short_sequences})

