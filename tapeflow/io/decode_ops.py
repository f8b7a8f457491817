"""`tf.io.decode_csv` and `tf.io.decode_raw`.

    >>> tf.io.decode_csv("1,2.5,x", [[0], [0.0], [""]])
    [<tf.Tensor: shape=(), dtype=int32, numpy=1>, <tf.Tensor: shape=(), dtype=float32, numpy=2.5>, <tf.Tensor: shape=(), dtype=string, numpy=b'x'>]
    >>> tf.io.decode_raw(b"\\x01\\x00\\x02\\x00", tf.int16)
    <tf.Tensor: shape=(2,), dtype=int16, numpy=array([1, 2], dtype=int16)>
"""
import csv
import io

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import convert_to_tensor, wrap

_CSV_TYPES = ("float32", "float64", "int32", "int64", "string")


def _strings(records):
    arr = np.asarray(getattr(records, "_value", records), dtype=object)
    flat = [r.encode() if isinstance(r, str) else bytes(r) for r in arr.reshape(-1)]
    return arr.shape, flat


def _column(default):
    """(dtype, default value or None) of one `record_defaults` entry."""
    if isinstance(default, dtypes.DType):
        return default, None
    t = convert_to_tensor(default)
    v = np.asarray(t._value)
    if v.size > 1:
        raise InvalidArgumentError(None, None, "Shape of a default must be a length-0 or "
                                               f"length-1 vector, or a scalar, got {list(v.shape)}")
    if t.dtype.name not in _CSV_TYPES:
        raise TypeError(f"Value for attr 'OUT_TYPE' of {t.dtype.name} is not in the list of "
                        "allowed values: float, double, int32, int64, string")
    return t.dtype, (v.reshape(-1)[0] if v.size else None)


def _value(text, dtype, default, column, record, na_value):
    if text == "" or (na_value and text == na_value):
        if default is None:
            raise InvalidArgumentError(None, None, f"Field {column} is required but missing in "
                                                   f"record {record}!")
        return default.encode() if isinstance(default, str) else default
    if dtype == dtypes.string:
        return text.encode()
    try:
        return int(text, 10) if dtype.is_integer else float(text)
    except ValueError:
        raise InvalidArgumentError(None, None, f"Field {column} in record {record} is not a "
                                               f"valid {dtype.name}: {text}") from None


def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, na_value="",
               select_cols=None, name=None):
    """Splits CSV lines (a string tensor of any shape) into one tensor per column, shaped like
    `records`, typed by `record_defaults` (an empty default makes the column required)."""
    columns = [_column(d) for d in record_defaults]
    shape, lines = _strings(records)
    if select_cols is not None:
        select_cols = [int(c) for c in select_cols]
        if len(select_cols) != len(columns):
            raise ValueError("Length of select_cols and record_defaults do not match.")
    values = [[] for _ in columns]
    quoting = csv.QUOTE_MINIMAL if use_quote_delim else csv.QUOTE_NONE
    for n, line in enumerate(lines):
        fields = next(csv.reader(io.StringIO(line.decode("utf-8")), delimiter=field_delim,
                                 quoting=quoting), [""])
        if select_cols is not None:
            if select_cols and select_cols[-1] >= len(fields):
                raise InvalidArgumentError(None, None, f"Expect {select_cols[-1] + 1} fields but "
                                                       f"have {len(fields)} in record {n}")
            fields = [fields[c] for c in select_cols]
        if len(fields) != len(columns):
            raise InvalidArgumentError(None, None, f"Expect {len(columns)} fields but have "
                                                   f"{len(fields)} in record {n}")
        for c, (text, (dtype, default)) in enumerate(zip(fields, columns)):
            values[c].append(_value(text, dtype, default, c, n, na_value))
    out = []
    for (dtype, _), vals in zip(columns, values):
        if dtype == dtypes.string:
            arr = np.empty(len(vals), dtype=object)
            arr[:] = vals
        else:
            arr = np.array(vals, dtype=dtype.as_numpy_dtype)
        arr = arr.reshape(shape)
        out.append(wrap(arr if arr.ndim or arr.dtype == object else arr[()]))
    return out


def decode_raw(input_bytes, out_type, little_endian=True, fixed_length=None, name=None):
    """Reinterprets the bytes of each string as a vector of `out_type` values."""
    from ..prims import strings as PS
    out_type = dtypes.as_dtype(out_type)
    x = convert_to_tensor(input_bytes, dtypes.string)
    if fixed_length is not None and hasattr(fixed_length, "_value"):
        fixed_length = int(fixed_length._value)
    return PS.decode_raw(x, out_type.as_numpy_dtype, little_endian, fixed_length)
