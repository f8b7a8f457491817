"""File datasets: `TextLineDataset`, `TFRecordDataset`, `FixedLengthRecordDataset`,
`tf.data.experimental.CsvDataset` / `make_csv_dataset`, and `Dataset.list_files`.

`filenames` may be a string, a list of strings, a string tensor or a dataset of strings; files
are read one after another, or interleaved when `num_parallel_reads` is given (as TF does).

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "lines.txt")
    >>> _ = open(path, "w").write("a\\nb\\n")
    >>> list(tf.data.TextLineDataset(path).as_numpy_iterator())
    [b'a', b'b']
"""
import collections
import csv
import io
import os

import numpy as np

from ..framework import dtypes, errors
from ..framework.tensor import Tensor
from ..function import TensorSpec
from ..io import tf_record
from . import _structure as S
from .dataset_ops import UNKNOWN, Dataset, _as_int


def _string_scalar(b):
    return S.tensor_of(np.array(b, dtype=object))


def _filenames_dataset(filenames):
    if isinstance(filenames, Dataset):
        spec = filenames.element_spec
        if not (isinstance(spec, TensorSpec) and spec.dtype == dtypes.string):
            raise TypeError("The `filenames` argument must contain `tf.string` elements. Got a "
                            f"dataset of `{spec!r}` elements.")
        return filenames
    if isinstance(filenames, os.PathLike):
        filenames = os.fspath(filenames)
    if isinstance(filenames, (list, tuple)):
        filenames = [os.fspath(f) if isinstance(f, os.PathLike) else f for f in filenames]
    t = S.normalize_element(filenames)
    if not isinstance(t, Tensor) or t.dtype != dtypes.string:
        raise TypeError("The `filenames` argument must contain `tf.string` elements. Got "
                        f"`{getattr(t, 'dtype', type(t).__name__)!r}` elements.")
    if t.shape.rank == 0:
        return Dataset.from_tensors(t)
    if t.shape.rank != 1:
        raise TypeError("The `filenames` argument must be a scalar or a vector of strings.")
    return Dataset.from_tensor_slices(t)


def _decode_path(t):
    v = S.value_of(t)
    v = v.item() if isinstance(v, np.ndarray) else v
    return v.decode() if isinstance(v, bytes) else str(v)


class _FileDataset(Dataset):
    """Records of each file in turn (`_records(path)` yields bytes)."""

    _element_dtype = dtypes.string

    def __init__(self, filenames, compression_type=None, num_parallel_reads=None):
        self._files = _filenames_dataset(filenames)
        self._compression = tf_record.compression_name(compression_type)
        self._parallel = None if num_parallel_reads is None else _as_int(num_parallel_reads)

    def _compute_element_spec(self):
        return TensorSpec((), dtypes.string)

    def _cardinality(self):
        return UNKNOWN

    def _one_file(self, filename):
        return _RecordsOfFile(self, _decode_path(filename))

    def _make_iterator(self):
        if self._parallel is not None and self._parallel > 1:
            return self._files.interleave(self._one_file, cycle_length=self._parallel,
                                          block_length=1)._make_iterator()
        return self._sequential()

    def _sequential(self):
        for filename in self._files._make_iterator():
            for record in self._records(_decode_path(filename)):
                yield _string_scalar(record)


class _RecordsOfFile(Dataset):
    def __init__(self, reader, path):
        self._reader = reader
        self._path = path

    def _compute_element_spec(self):
        return TensorSpec((), dtypes.string)

    def _make_iterator(self):
        return (_string_scalar(r) for r in self._reader._records(self._path))


def _open_bytes(path, compression):
    with tf_record.opened(path, compression) as stream:
        return stream.read()


class TextLineDatasetV2(_FileDataset):
    """The lines of text files, without their line endings."""

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type, num_parallel_reads)

    def _records(self, path):
        data = _open_bytes(path, self._compression)
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for line in lines:
            yield line[:-1] if line.endswith(b"\r") else line


class TFRecordDatasetV2(_FileDataset):
    """The records of TFRecord files (bytes), GZIP/ZLIB-compressed or not."""

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type, num_parallel_reads)

    def _records(self, path):
        return tf_record.read_records(path, self._compression)


class FixedLengthRecordDatasetV2(_FileDataset):
    """Records of `record_bytes` bytes each, after `header_bytes` and before `footer_bytes`."""

    def __init__(self, filenames, record_bytes, header_bytes=None, footer_bytes=None,
                 buffer_size=None, compression_type=None, num_parallel_reads=None, name=None):
        super().__init__(filenames, compression_type, num_parallel_reads)
        self._record = _as_int(record_bytes)
        self._header = _as_int(header_bytes or 0)
        self._footer = _as_int(footer_bytes or 0)
        if self._record <= 0:
            raise errors.InvalidArgumentError(None, None, "record_bytes must be greater than "
                                                          "zero.")

    def _records(self, path):
        data = _open_bytes(path, self._compression)
        body = data[self._header:len(data) - self._footer]
        if len(body) % self._record:
            raise errors.InvalidArgumentError(None, None, f"Excluding the header ({self._header} bytes) "
                                       f"and footer ({self._footer} bytes), input file "
                                       f"\"{path}\" has body length {len(body)} bytes, which is "
                                       f"not an exact multiple of the record length "
                                       f"({self._record} bytes).")
        for i in range(0, len(body), self._record):
            yield body[i:i + self._record]


TextLineDataset = TextLineDatasetV2
TFRecordDataset = TFRecordDatasetV2
FixedLengthRecordDataset = FixedLengthRecordDatasetV2


def list_files(file_pattern, shuffle=None, seed=None):
    from ..io.file_io import matching_files
    names = matching_files(file_pattern)
    if S.value_of(names).size == 0:
        patterns = getattr(file_pattern, "numpy", lambda: file_pattern)()
        raise errors.InvalidArgumentError(None, None, "Expected 'tf.Tensor(False, shape=(), "
                                          "dtype=bool)' to be true. Summarized data: b'No files "
                                          f"matched pattern: {_pattern_text(patterns)}'")
    ds = Dataset.from_tensor_slices(names)
    if shuffle is None or shuffle:
        ds = ds.shuffle(S.value_of(names).size, seed=seed)
    return ds


def _pattern_text(patterns):
    if isinstance(patterns, (list, tuple, np.ndarray)):
        return ", ".join(_pattern_text(p) for p in patterns)
    return patterns.decode() if isinstance(patterns, bytes) else str(patterns)


# ===============================================================================================
# CSV
# ===============================================================================================
_CSV_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.string)


def _record_default(value, i):
    """(dtype, default value or None) for one entry of `record_defaults`."""
    if isinstance(value, dtypes.DType):
        dtype, default = value, None
    else:
        t = S.normalize_element(value)
        dtype = t.dtype
        v = np.asarray(S.value_of(t))
        if v.size == 0:
            default = None
        elif v.size == 1:
            default = v.reshape(-1)[0]
        else:
            raise ValueError(f"Shape must be at most rank 1 but is rank {v.ndim} for "
                             f"record_defaults[{i}]")
    if dtype not in _CSV_TYPES:
        raise TypeError(f"Value for attr 'OUTPUT_TYPES' of {dtype.name} is not in the list of "
                        "allowed values: float, double, int32, int64, string")
    return dtype, default


def _convert_field(text, dtype, default, column, na_value, line):
    if text == "" or (na_value and text == na_value):
        if default is None:
            raise errors.InvalidArgumentError(None, None, f"Field {column} is required but "
                                                          "missing in record!")
        value = default
        if dtype == dtypes.string and isinstance(value, str):
            value = value.encode()
    elif dtype == dtypes.string:
        value = text.encode()
    else:
        try:
            value = int(text, 10) if dtype in (dtypes.int32, dtypes.int64) else float(text)
        except ValueError:
            kind = "int" if dtype.is_integer else "float"
            raise errors.InvalidArgumentError(None, None, f"Field {column} in record is not a "
                                                          f"valid {kind}: {text}") from None
    if dtype == dtypes.string:
        return _string_scalar(value)
    return S.tensor_of(np.asarray(value, dtype=dtype.as_numpy_dtype))


class CsvDatasetV2(_FileDataset):
    """Rows of CSV files as tuples of scalars, one per (selected) column, typed by
    `record_defaults` (a dtype makes the column required; a value is its default)."""

    def __init__(self, filenames, record_defaults, compression_type=None, buffer_size=None,
                 header=False, field_delim=",", use_quote_delim=True, na_value="",
                 select_cols=None, exclude_cols=None, name=None):
        super().__init__(filenames, compression_type)
        self._columns = [_record_default(v, i) for i, v in enumerate(record_defaults)]
        self._header = bool(header)
        self._delim = field_delim
        self._quote = use_quote_delim
        self._na = na_value
        if select_cols is not None and exclude_cols is not None:
            raise ValueError("Either select_cols or exclude_cols should be empty")
        self._select = None if select_cols is None else [int(c) for c in select_cols]
        self._exclude = None if exclude_cols is None else [int(c) for c in exclude_cols]
        if self._select is not None:
            if sorted(set(self._select)) != self._select:
                raise errors.InvalidArgumentError(None, None, "select_cols is not strictly "
                                                              "increasing.")
            if len(self._select) != len(self._columns):
                raise ValueError("Length of select_cols and record_defaults do not match.")

    def _compute_element_spec(self):
        return tuple(TensorSpec((), dtype) for dtype, _ in self._columns)

    def _sequential(self):
        for filename in self._files._make_iterator():
            yield from self._rows(_decode_path(filename))

    def _rows(self, path):
        text = _open_bytes(path, self._compression).decode("utf-8")
        reader = csv.reader(io.StringIO(text), delimiter=self._delim,
                            quoting=csv.QUOTE_MINIMAL if self._quote else csv.QUOTE_NONE)
        for n, fields in enumerate(reader):
            if n == 0 and self._header:
                continue
            if not fields:
                continue
            if self._select is not None:
                if self._select[-1] >= len(fields):
                    raise errors.InvalidArgumentError(None, None, "Expect "
                                                      f"{self._select[-1] + 1} fields but have "
                                                      f"{len(fields)} in record {n}")
                chosen = [fields[c] for c in self._select]
            elif self._exclude is not None:
                chosen = [f for c, f in enumerate(fields) if c not in self._exclude]
            else:
                chosen = fields
            if len(chosen) != len(self._columns):
                raise errors.InvalidArgumentError(None, None, f"Expect {len(self._columns)} "
                                                  f"fields but have {len(chosen)} in record {n}")
            yield tuple(_convert_field(f, dtype, default, c, self._na, n)
                        for c, (f, (dtype, default)) in enumerate(zip(chosen, self._columns)))

    def _one_file(self, filename):
        path = _decode_path(filename)
        spec = self._compute_element_spec()
        rows = self._rows

        class _Rows(Dataset):
            def _compute_element_spec(self):
                return spec

            def _make_iterator(self):
                return rows(path)
        return _Rows()


CsvDataset = CsvDatasetV2


def _infer_type(values, previous):
    order = [dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64, dtypes.string]
    best = order.index(previous) if previous is not None else 0
    for v in values:
        if v == "":
            continue
        while best < 4:
            t = order[best]
            try:
                if t.is_integer:
                    x = int(v)
                    if t == dtypes.int32 and not -(1 << 31) <= x < (1 << 31):
                        raise ValueError
                    if t == dtypes.int64 and not -(1 << 63) <= x < (1 << 63):
                        raise ValueError
                else:
                    x = float(v)
                    if t == dtypes.float32 and abs(x) > float(np.finfo(np.float32).max) and \
                            x != float("inf"):
                        raise ValueError
                break
            except ValueError:
                best += 1
    return order[best]


def make_csv_dataset(file_pattern, batch_size, column_names=None, column_defaults=None,
                     label_name=None, select_columns=None, field_delim=",",
                     use_quote_delim=True, na_value="", header=True, num_epochs=None,
                     shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                     prefetch_buffer_size=None, num_parallel_reads=None, sloppy=False,
                     num_rows_for_inference=100, compression_type=None, ignore_errors=False,
                     encoding="utf-8"):
    """Batches of `(features, label)` (or `features`) from CSV files with a header: features
    is an OrderedDict of column name to batch; types are inferred from the first rows unless
    `column_defaults` gives them."""
    from ..io.file_io import matching_files
    files = [f.decode() for f in S.value_of(matching_files(file_pattern)).tolist()]
    if not files:
        raise ValueError(f"No files match `file_pattern` {file_pattern}.")
    compression = tf_record.compression_name(compression_type)

    def first_rows(path, limit):
        text = _open_bytes(path, compression).decode(encoding)
        rows = []
        for row in csv.reader(io.StringIO(text), delimiter=field_delim):
            rows.append(row)
            if len(rows) > limit:
                break
        return rows

    sample = first_rows(files[0], num_rows_for_inference)
    if column_names is None:
        if not header:
            raise ValueError("Expected `column_names` or `header` to be provided.")
        column_names = sample[0]
    column_names = list(column_names)
    if len(set(column_names)) != len(column_names):
        raise ValueError("Expected `column_names` to be unique.")
    data_rows = sample[1:] if header else sample
    if select_columns is not None:
        select = [column_names.index(c) if isinstance(c, str) else int(c) for c in select_columns]
        if any(not 0 <= i < len(column_names) for i in select):
            raise ValueError("Column index out of range")
        select = sorted(select)
    else:
        select = list(range(len(column_names)))
    if column_defaults is not None:
        defaults = list(column_defaults)
        if len(defaults) != len(select):
            raise ValueError("If specified, `column_defaults` must have the same length as "
                             "`select_columns`/`column_names`.")
    else:
        defaults = []
        for i in select:
            t = _infer_type([r[i] for r in data_rows if i < len(r)], None)
            defaults.append(np.asarray(b"" if t == dtypes.string else 0,
                                       dtype=object if t == dtypes.string else t.as_numpy_dtype)
                            if t != dtypes.string else "")
        defaults = [S.tensor_of(np.asarray(d)) if not isinstance(d, str) else d
                    for d in defaults]
    names = [column_names[i] for i in select]
    if label_name is not None and label_name not in names:
        raise ValueError(f"`label_name` provided must be one of the columns: {names}. Received: "
                         f"{label_name}.")
    ds = CsvDatasetV2(files, defaults, compression_type=compression, header=header,
                      field_delim=field_delim, use_quote_delim=use_quote_delim,
                      na_value=na_value, select_cols=select)
    if ignore_errors:
        ds = ds.ignore_errors()
    if num_epochs != 1:
        ds = ds.repeat(num_epochs)
    if shuffle:
        ds = ds.shuffle(shuffle_buffer_size, seed=shuffle_seed)

    def to_dict(*row):
        features = collections.OrderedDict(zip(names, row))
        if label_name is None:
            return features
        label = features.pop(label_name)
        return features, label

    ds = ds.batch(batch_size).map(lambda *cols: to_dict(*cols))
    return ds.prefetch(prefetch_buffer_size if prefetch_buffer_size is not None else -1)
