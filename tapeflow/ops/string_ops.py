"""The public string ops (`tf.strings`, `tf.io.encode_base64`, `tf.fingerprint`, ...): TF's
signatures and argument checks over the primitives of `tapeflow.prims.strings`. A RaggedTensor
argument is handled on its flat values; ops with ragged results return RaggedTensors.

    >>> tf.strings.length(["abc", ""]).numpy()
    array([3, 0], dtype=int32)
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import Tensor, convert_to_tensor
from ..prims import strings as PS


def _ragged():
    from ..ragged.ragged_tensor import RaggedTensor
    return RaggedTensor


def _is_ragged(x):
    return type(x).__name__ == "RaggedTensor" and isinstance(x, _ragged())


def _string(x, name="input"):
    t = x if type(x) is Tensor else convert_to_tensor(x, D.string)
    if t.dtype != D.string:
        raise TypeError(f"Input '{name}' of op has type {t.dtype.name} that does not match "
                        "expected type of string.")
    return t


def _b(s):
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


def _elementwise(fn):
    """Runs `fn` (Tensor -> Tensor) on a tensor or on a RaggedTensor's flat values."""
    def run(x, *args, **kwargs):
        if _is_ragged(x):
            return x.with_flat_values(fn(_string(x.flat_values), *args, **kwargs))
        return fn(_string(x), *args, **kwargs)
    return run


def _check_unit(unit, op):
    if unit not in ("BYTE", "UTF8_CHAR"):
        raise InvalidArgumentError(None, op, f"Value for attr 'unit' of \"{unit}\" is not in the "
                                   "list of allowed values: \"BYTE\", \"UTF8_CHAR\"")


def lower(input, encoding="", name=None):
    """Lowercase (ASCII), elementwise.

    >>> tf.strings.lower("AbC").numpy()
    b'abc'
    """
    return _elementwise(lambda x: PS.lower(x, encoding))(input)


def upper(input, encoding="", name=None):
    """Uppercase (ASCII), elementwise."""
    return _elementwise(lambda x: PS.upper(x, encoding))(input)


def strip(input, name=None):
    """Leading and trailing whitespace removed."""
    return _elementwise(PS.strip)(input)


def length(input, name=None, unit="BYTE"):
    """Lengths in bytes or (unit='UTF8_CHAR') in characters, int32."""
    _check_unit(unit, "StringLength")
    return _elementwise(lambda x: PS.length(x, unit))(input)


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):
    """Matches of `pattern` replaced by `rewrite` (`\\1` for groups)."""
    return _elementwise(lambda x: PS.regex_replace(x, _b(pattern), _b(rewrite),
                                                   bool(replace_global)))(input)


def regex_full_match(input, pattern, name=None):
    """Whether each whole string matches `pattern`."""
    return _elementwise(lambda x: PS.regex_full_match(x, _b(pattern)))(input)


def to_number(input, out_type=D.float32, name=None):
    """Strings parsed as numbers of `out_type` (float32 by default)."""
    out_type = D.as_dtype(out_type)
    return _elementwise(lambda x: PS.to_number(x, out_type._np))(input)


string_to_number = to_number


def to_hash_bucket_fast(input, num_buckets, name=None):
    """FarmHash Fingerprint64 of each string, modulo `num_buckets` (int64).

    >>> tf.strings.to_hash_bucket_fast(["Hello"], 3).numpy()
    array([0])
    """
    if num_buckets < 1:
        raise ValueError("num_buckets must be >= 1")
    return _elementwise(lambda x: PS.to_hash_bucket_fast(x, num_buckets))(input)


def to_hash_bucket_strong(input, num_buckets, key, name=None):
    """SipHash-2-4 of each string under `key` (two ints), modulo `num_buckets`."""
    key = [int(k) for k in key]
    if len(key) != 2:
        raise ValueError("Key must have 2 elements")
    return _elementwise(lambda x: PS.to_hash_bucket_strong(
        x, num_buckets, [k & ((1 << 64) - 1) for k in key]))(input)


def to_hash_bucket(input, num_buckets, name=None):
    """TF's legacy 64-bit hash of each string, modulo `num_buckets`."""
    return _elementwise(lambda x: PS.to_hash_bucket(x, num_buckets))(input)


string_to_hash_bucket_fast = to_hash_bucket_fast
string_to_hash_bucket_strong = to_hash_bucket_strong
string_to_hash_bucket = to_hash_bucket


def fingerprint(data, method="farmhash64", name=None):
    """An 8-byte FarmHash fingerprint of each row of `data` (uint8 [rows, 8])."""
    if method != "farmhash64":
        raise ValueError(f"Unsupported fingerprint method: {method}")
    x = convert_to_tensor(data)
    if x.shape.rank == 0:
        raise ValueError("`data` must have rank 1 or more")
    return PS.fingerprint(x)


def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="",
              name=None):
    """Numbers and bools as strings (floats with 6 decimals unless `precision`)."""
    def run(x):
        x = x if type(x) is Tensor else convert_to_tensor(x)
        PS.AS_STRING.check(x)
        return PS.as_string(x, precision, scientific, shortest, width, fill)
    if _is_ragged(input):
        return input.with_flat_values(run(input.flat_values))
    return run(input)


def encode_base64(input, pad=False, name=None):
    """Web-safe base64 (`-` and `_`), without padding unless `pad`."""
    return _elementwise(lambda x: PS.encode_base64(x, pad))(input)


def decode_base64(input, name=None):
    """The inverse of `encode_base64`."""
    return _elementwise(PS.decode_base64)(input)


def join(inputs, separator="", name=None):
    """Elementwise concatenation of the strings of `inputs` (broadcasting scalars).

    >>> tf.strings.join(["a", "b"], separator="-").numpy()
    b'a-b'
    """
    inputs = list(inputs)
    if any(_is_ragged(x) for x in inputs):
        from ..ragged.ragged_ops import _align_ragged, _raise_rank, broadcast_dense_to
        ragged = [x for x in inputs if _is_ragged(x)]
        first = ragged[0]
        for x in ragged[1:]:
            first, _ = _align_ragged(first, x)
        flats = []
        for x in inputs:
            if _is_ragged(x):  # (its partitions were checked equal to first's)
                flats.append(_string(_raise_rank(x, first.ragged_rank).flat_values))
            else:
                flats.append(broadcast_dense_to(first, _string(x)))
        return first.with_flat_values(join(flats, separator))
    ts = [_string(x) for x in inputs]
    shapes = {tuple(t.shape.as_list()) for t in ts if t.shape.rank}
    if len(shapes) > 1:
        raise InvalidArgumentError(None, "StringJoin", "Input shapes do not match: " + " vs. ".join(
            str(list(s)) for s in shapes))
    return PS.join(ts, _b(separator))


def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """Joins the strings along `axis` (all axes when None)."""
    if _is_ragged(inputs):
        rt = inputs
        rank = rt.shape.rank
        ax = rank - 1 if axis is None and rank == 2 else axis
        ax = ax + rank if ax is not None and ax < 0 else ax
        if ax == rank - 1 and rt.ragged_rank == rank - 1 and rank == 2:
            from ..ragged.ragged_tensor import count_tensor
            ids = rt._partition("rowids", D.int64)
            out = PS.unsorted_segment_join(_string(rt.flat_values), ids,
                                           count_tensor(rt._nrows()), _b(separator))
            n = rt._static_nrows()
            if n is not None and hasattr(out, "set_shape"):
                out.set_shape([n])
            return out
        raise NotImplementedError("tf.strings.reduce_join of a RaggedTensor over this axis is "
                                  "not implemented in tapeflow")
    x = _string(inputs)
    nd = x.shape.rank
    if axis is None:
        axes = tuple(range(nd))
    else:
        axes = tuple(sorted({int(a) % nd for a in np.atleast_1d(getattr(axis, "_value", axis))}))
    return PS.reduce_join(x, axes, keepdims, _b(separator))


def substr(input, pos, len, name=None, unit="BYTE"):
    """Substrings `[pos, pos + len)` (in bytes, or UTF-8 characters); negative pos counts from
    the end."""
    _check_unit(unit, "Substr")

    def run(x):
        p = convert_to_tensor(pos, D.int32) if not isinstance(pos, Tensor) else pos
        n = convert_to_tensor(len, p.dtype) if not isinstance(len, Tensor) else len
        return PS.substr(x, p, n, unit)
    return _elementwise(run)(input)


def format(template, inputs, placeholder="{}", summarize=3, name=None):
    """`template` with each placeholder replaced by the printed value of one input."""
    if isinstance(inputs, (list, tuple)):
        ts = [convert_to_tensor(x) for x in inputs]
    else:
        ts = [convert_to_tensor(inputs)]
    if template.count(placeholder) != len(ts):
        raise ValueError(f"{template.count(placeholder)} placeholder(s) in template does not "
                         f"match {len(ts)} tensor(s) provided as input")
    return PS.format_(ts, template, placeholder, summarize)


def _ragged_rows(values, splits, like_shape):
    """A RaggedTensor of rows over an input of shape `like_shape` (scalar input: one row)."""
    R = _ragged()
    rt = R._make(values, splits)
    if not like_shape:
        return values
    if len(like_shape) > 1:  # [d0, d1, ...] strings: uniform partitions above the split
        from ..ragged.ragged_ops import _floordiv_counts, _uniform
        from ..ragged.ragged_tensor import nrows_of
        for d in reversed(like_shape[1:]):
            if d is None:
                raise NotImplementedError("splitting strings of a tensor with unknown inner "
                                          "dimensions is not implemented in tapeflow")
            rt = _uniform(rt, _floordiv_counts(nrows_of(rt), d), d, D.int64)
    return rt


def split(input, sep=None, maxsplit=-1, name=None):
    """Splits each string on `sep` (runs of whitespace when None): a RaggedTensor of one more
    dimension (a Tensor for a scalar input).

    >>> print(tf.strings.split(["a b", "c"]))
    <tf.RaggedTensor [[b'a', b'b'], [b'c']]>
    """
    if _is_ragged(input):
        inner = split(input.flat_values, sep, maxsplit)
        return input.with_flat_values(inner)
    x = _string(input)
    shape = x.shape.as_list()
    if sep is not None and _b(sep) == b"":
        sep = None
    values, splits = PS.split(x, b"" if sep is None else _b(sep), int(maxsplit))
    return _ragged_rows(values, splits, shape)


def bytes_split(input, name=None):
    """Each string split into its bytes."""
    if _is_ragged(input):
        return input.with_flat_values(bytes_split(input.flat_values))
    x = _string(input)
    values, splits = PS.bytes_split(x)
    return _ragged_rows(values, splits, x.shape.as_list())


def _decode(input, input_encoding, errors, replacement_char, with_offsets):
    if _is_ragged(input):
        out = _decode(input.flat_values, input_encoding, errors, replacement_char, with_offsets)
        if with_offsets:
            return input.with_flat_values(out[0]), input.with_flat_values(out[1])
        return input.with_flat_values(out)
    x = _string(input)
    if input_encoding not in PS._CODECS:
        raise InvalidArgumentError(None, "UnicodeDecode",
                                   f"Could not create converter for input encoding: "
                                   f"{input_encoding}")
    points, splits, offsets = PS.unicode_decode(x, input_encoding, errors, replacement_char)
    shape = x.shape.as_list()
    cp = _ragged_rows(points, splits, shape)
    if with_offsets:
        return cp, _ragged_rows(offsets, splits, shape)
    return cp


def unicode_decode(input, input_encoding, errors="replace", replacement_char=65533,
                   replace_control_characters=False, name=None):
    """Each string as its Unicode code points (int32), a RaggedTensor of one more dimension."""
    return _decode(input, input_encoding, errors, replacement_char, False)


def unicode_decode_with_offsets(input, input_encoding, errors="replace",
                                replacement_char=65533, replace_control_characters=False,
                                name=None):
    """`unicode_decode` and the byte offset where each character starts (int64)."""
    return _decode(input, input_encoding, errors, replacement_char, True)


def unicode_split(input, input_encoding, errors="replace", replacement_char=65533,
                  name=None):
    """Each string split into its characters (as encoded strings)."""
    cps = unicode_decode(input, input_encoding, errors, replacement_char)
    if not _is_ragged(cps):
        return unicode_encode(_one_per_row(cps), input_encoding)
    return cps.with_flat_values(unicode_encode(_one_per_row(cps.flat_values), input_encoding))


def _one_per_row(x):
    """Vector `x` as a RaggedTensor with one value per row."""
    rt = _ragged().from_uniform_row_length(x, 1)
    return _ragged()._make(rt.values, rt.row_splits)


def unicode_split_with_offsets(input, input_encoding, errors="replace",
                               replacement_char=65533, name=None):
    _, offsets = unicode_decode_with_offsets(input, input_encoding, errors, replacement_char)
    return unicode_split(input, input_encoding, errors, replacement_char), offsets


def unicode_encode(input, output_encoding, errors="replace", replacement_char=65533,
                   name=None):
    """Code points (the innermost dimension, ragged or not) encoded as strings."""
    R = _ragged()
    if output_encoding not in PS._CODECS:
        raise InvalidArgumentError(None, "UnicodeEncode",
                                   f"Unsupported output encoding: {output_encoding}")
    if _is_ragged(input):
        if input.ragged_rank > 1:
            return input.with_values(unicode_encode(input.values, output_encoding, errors,
                                                    replacement_char))
        if input.flat_values.shape.rank > 1:
            return input.with_values(unicode_encode(input.values, output_encoding, errors,
                                                    replacement_char))
        return PS.unicode_encode(input.flat_values, input.row_splits, output_encoding, errors,
                                 replacement_char)
    x = convert_to_tensor(input)
    if x.shape.rank == 0:
        raise ValueError("input must have rank >= 1")
    from ..ragged.ragged_ops import _rows_of
    from ..ragged.ragged_tensor import dim, shape_vector
    shape = x.shape.as_list()
    if len(shape) == 1:
        return unicode_encode(_rows_of(x), output_encoding, errors, replacement_char)[0]
    from ..ops.array_ops import reshape
    rt = R.from_uniform_row_length(reshape(x, [-1]), dim(x, len(shape) - 1))
    out = unicode_encode(rt, output_encoding, errors, replacement_char)
    if None in shape[:-1]:
        from ..prims import array as PA
        return PA.reshape_tensor(out, PA.strided_slice(shape_vector(x), (slice(0, -1),)))
    return reshape(out, shape[:-1])


def unicode_transcode(input, input_encoding, output_encoding, errors="replace",
                      replacement_char=65533, replace_control_characters=False, name=None):
    """Strings re-encoded from `input_encoding` to `output_encoding`."""
    return _elementwise(lambda x: PS.unicode_transcode(
        x, input_encoding, output_encoding, errors, replacement_char))(input)


def unicode_script(input, name=None):
    """The ICU script code (UScriptCode) of each int32 code point (of a RaggedTensor's values,
    for a RaggedTensor)."""
    if _is_ragged(input):
        return input.with_flat_values(unicode_script(input.flat_values))
    x = convert_to_tensor(input, D.int32)
    PS.UNICODE_SCRIPT.check(x)
    return PS.unicode_script(x)


def ngrams(data, ngram_width, separator=" ", pad_values=None, padding_width=None,
           preserve_short_sequences=False, name=None):
    """The n-grams of the innermost dimension, joined with `separator`."""
    R = _ragged()
    widths = [ngram_width] if isinstance(ngram_width, int) else list(ngram_width)
    left = right = None
    if pad_values is not None:
        left, right = (pad_values, pad_values) if isinstance(pad_values, (str, bytes)) else \
            pad_values
    pad_width = -1 if padding_width is None else int(padding_width)
    if _is_ragged(data):
        rt = data
        if rt.ragged_rank > 1:
            return rt.with_values(ngrams(rt.values, ngram_width, separator, pad_values,
                                         padding_width, preserve_short_sequences))
        values, splits = PS.ngrams(_string(rt.flat_values), rt.row_splits, _b(separator), widths,
                                   b"" if left is None else _b(left),
                                   b"" if right is None else _b(right),
                                   pad_width if pad_values is not None else 0,
                                   preserve_short_sequences)
        if pad_values is None:
            values, splits = PS.ngrams(_string(rt.flat_values), rt.row_splits, _b(separator),
                                       widths, b"", b"", 0, preserve_short_sequences) \
                if False else (values, splits)
        return R._make(values, splits)
    x = _string(data)
    if x.shape.rank == 1:
        from ..ragged.ragged_ops import _rows_of
        rt = _rows_of(x)
        return ngrams(rt, ngram_width, separator, pad_values, padding_width,
                      preserve_short_sequences).flat_values
    rt = R.from_tensor(x, ragged_rank=x.shape.rank - 1)
    return ngrams(rt, ngram_width, separator, pad_values, padding_width,
                  preserve_short_sequences).to_tensor()


def string_split_v1(source, sep=None, skip_empty=True, delimiter=None, result_type="SparseTensor",
                    name=None):
    """tf.compat.v1.string_split: splits on any of the characters of `delimiter` (default
    space); a SparseTensor (or a RaggedTensor with result_type='RaggedTensor')."""
    delim = delimiter if delimiter is not None else sep
    delim = " " if delim is None else delim
    x = _string(source)
    values, splits = PS.string_split_v1(x, _b(delim), bool(skip_empty))
    rt = _ragged()._make(values, splits)
    if result_type == "RaggedTensor":
        return rt
    return rt.to_sparse()
