"""`tf.io.parse_single_example` and `tf.io.parse_example` for serialized `tf.train.Example`s.

Feature configurations: `FixedLenFeature(shape, dtype, default_value=None)`,
`VarLenFeature(dtype)` (gives a `SparseTensor`) and
`FixedLenSequenceFeature(shape, dtype, allow_missing=False, default_value=None)`. The result is a
dict with the sparse features first, then the dense ones, each group in sorted key order (TF's
order).

    >>> ex = tf.train.Example(features=tf.train.Features(feature={
    ...     "x": tf.train.Feature(float_list=tf.train.FloatList(value=[1.0, 2.0]))}))
    >>> tf.io.parse_single_example(ex.SerializeToString(),
    ...                            {"x": tf.io.FixedLenFeature([2], tf.float32)})["x"]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
"""
import collections

import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor import wrap
from .example_pb import DecodeError, example_features

_KIND = {dtypes.int64: "int64_list", dtypes.float32: "float_list", dtypes.string: "bytes_list"}
_C_NAME = {"int64_list": "int64", "float_list": "float", "bytes_list": "string"}


class FixedLenFeature(collections.namedtuple("FixedLenFeature",
                                             ["shape", "dtype", "default_value"])):
    """A feature of a fixed number of values, reshaped to `shape`."""

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtypes.as_dtype(dtype), default_value)


class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """A feature of any number of values, parsed into a SparseTensor."""

    def __new__(cls, dtype):
        return super().__new__(cls, dtypes.as_dtype(dtype))


class FixedLenSequenceFeature(collections.namedtuple(
        "FixedLenSequenceFeature", ["shape", "dtype", "allow_missing", "default_value"])):
    """Any number of values, reshaped to `[-1] + shape` (padded across a batch)."""

    def __new__(cls, shape, dtype, allow_missing=False, default_value=None):
        return super().__new__(cls, shape, dtypes.as_dtype(dtype), allow_missing, default_value)


class SparseFeature(collections.namedtuple("SparseFeature",
                                           ["index_key", "value_key", "dtype", "size",
                                            "already_sorted"])):
    def __new__(cls, index_key, value_key, dtype, size, already_sorted=False):
        return super().__new__(cls, index_key, value_key, dtypes.as_dtype(dtype), size,
                               already_sorted)


class RaggedFeature(collections.namedtuple(
        "RaggedFeature", ["dtype", "value_key", "partitions", "row_splits_dtype", "validate"])):
    """A feature parsed into a RaggedTensor (one row of values per example).

    >>> ex = tf.train.Example(features=tf.train.Features(feature={"v": tf.train.Feature(
    ...     int64_list=tf.train.Int64List(value=[1, 2]))})).SerializeToString()
    >>> tf.io.parse_example([ex, ex], {"v": tf.io.RaggedFeature(tf.int64)})["v"].to_list()
    [[1, 2], [1, 2]]
    """

    def __new__(cls, dtype, value_key=None, partitions=(), row_splits_dtype=dtypes.int32,
                validate=False):
        if partitions:
            raise NotImplementedError("tf.io.RaggedFeature with partitions (RowSplits, "
                                      "RowLengths, UniformRowLength, ...) is not implemented in "
                                      "tapeflow")
        return super().__new__(cls, dtypes.as_dtype(dtype), value_key, tuple(partitions),
                               dtypes.as_dtype(row_splits_dtype), bool(validate))


def _np_type(dtype):
    return object if dtype == dtypes.string else dtype.as_numpy_dtype


def _error(message):
    return InvalidArgumentError(None, None, message)


def _shape_list(shape):
    if hasattr(shape, "as_list"):
        return shape.as_list()
    return [int(d) for d in shape] if not isinstance(shape, int) else [shape]


def _values(features, key, config):
    """The values of feature `key` as a 1-D NumPy array, or None when it is missing."""
    feature = features.get(key)
    if feature is None or feature.WhichOneof("kind") is None:
        if feature is not None:
            return np.zeros(0, dtype=_np_type(config.dtype))
        return None
    kind = feature.WhichOneof("kind")
    want = _KIND[config.dtype]
    if kind != want:
        raise _error(f"Key: {key}.  Data types don't match. Data type: {_C_NAME[kind]} but "
                     f"expected type: {_C_NAME[want]}")
    values = getattr(feature, kind).value
    if config.dtype == dtypes.string:
        out = np.empty(len(values), dtype=object)
        out[:] = list(values)
        return out
    return np.asarray(values, dtype=_np_type(config.dtype))


def _check_config(key, config):
    if not isinstance(config, (FixedLenFeature, VarLenFeature, FixedLenSequenceFeature,
                               RaggedFeature)):
        if isinstance(config, SparseFeature):
            raise NotImplementedError("tf.io.SparseFeature is not implemented in tapeflow")
        raise TypeError(f"Unsupported feature type {type(config).__name__} for key {key}")
    if config.dtype not in _KIND:
        raise ValueError(f"Unsupported {type(config).__name__} {config}.")
    if isinstance(config, RaggedFeature):
        return
    if isinstance(config, FixedLenSequenceFeature) and not config.allow_missing:
        raise ValueError("Unsupported: FixedLenSequenceFeature requires allow_missing to be True.")
    if isinstance(config, FixedLenFeature) and any(d is None for d in _shape_list(config.shape)):
        raise ValueError(f"All dimensions of shape for feature {key} need to be known but "
                         f"received {config.shape}.")


def _default(key, config, shape):
    if config.default_value is None:
        return None
    value = np.asarray(getattr(config.default_value, "_value", config.default_value),
                       dtype=_np_type(config.dtype))
    if value.dtype == object:
        value = np.vectorize(lambda v: v.encode() if isinstance(v, str) else v,
                             otypes=[object])(value) if value.size else value
    if value.size != int(np.prod(shape, dtype=np.int64)):
        raise _error(f"Input to reshape is a tensor with {value.size} values, but the requested "
                     f"shape has {int(np.prod(shape, dtype=np.int64))}")
    return value.reshape(shape)


def _fixed(features, key, config):
    shape = _shape_list(config.shape)
    values = _values(features, key, config)
    if values is None:
        default = _default(key, config, shape)
        if default is None:
            raise _error(f"Feature: {key} (data type: {config.dtype.name}) is required but "
                         "could not be found.")
        return default
    if values.size != int(np.prod(shape, dtype=np.int64)):
        raise _error(f"Key: {key}.  Can't parse serialized Example: Number of {_C_NAME[_KIND[config.dtype]]} "
                     f"values != expected.  Values size: {values.size} but output shape: {shape}")
    return values.reshape(shape)


def _sequence(features, key, config):
    shape = _shape_list(config.shape)
    values = _values(features, key, config)
    if values is None:
        if not config.allow_missing:
            raise _error(f"Feature: {key} (data type: {config.dtype.name}) is required but "
                         "could not be found.")
        values = np.zeros(0, dtype=_np_type(config.dtype))
    step = int(np.prod(shape, dtype=np.int64))
    if step == 0 or values.size % step:
        raise _error(f"Key: {key}, Index: 0.  Number of {_C_NAME[_KIND[config.dtype]]} values is "
                     f"not a multiple of stride length. Saw {values.size} values but output "
                     f"shape is: {[-1] + shape}")
    return values.reshape([-1] + shape)


def _parse_one(serialized, key_configs):
    try:
        return example_features(serialized)
    except DecodeError:
        raise _error("Could not parse example input, value: '"
                     + repr(bytes(serialized))[2:-1][:80] + "'") from None


def _ordered(configs):
    """TF's order of a parse's outputs: sparse features, dense ones, ragged ones (each sorted)."""
    sparse = sorted(k for k, c in configs.items() if isinstance(c, VarLenFeature))
    ragged = sorted(k for k, c in configs.items() if isinstance(c, RaggedFeature))
    dense = sorted(k for k, c in configs.items()
                   if not isinstance(c, (VarLenFeature, RaggedFeature)))
    return sparse + dense + ragged


def _serialized_list(serialized):
    value = getattr(serialized, "_value", serialized)
    arr = np.asarray(value, dtype=object)
    return arr


def _wrap(arr):
    return wrap(arr if arr.ndim or arr.dtype == object else arr[()])


def parse_example(serialized, features, example_names=None, name=None):
    """Parses a batch (1-D) of serialized Examples into a dict of batched tensors."""
    if not features:
        raise ValueError("Argument `features` cannot be None.")
    for k, c in features.items():
        _check_config(k, c)
    arr = _serialized_list(serialized)
    if arr.ndim != 1:
        raise ValueError(f"Shape must be rank 1 but is rank {arr.ndim} for 'serialized'")
    parsed = [_parse_one(bytes(s), features) for s in arr]
    out = {}
    for key in _ordered(features):
        config = features[key]
        if isinstance(config, VarLenFeature):
            indices, values, longest = [], [], 0
            for b, ex in enumerate(parsed):
                v = _values(ex, key, config)
                v = np.zeros(0, dtype=_np_type(config.dtype)) if v is None else v
                indices += [[b, i] for i in range(v.size)]
                values.append(v)
                longest = max(longest, v.size)
            vals = np.concatenate(values) if values else np.zeros(0, _np_type(config.dtype))
            if config.dtype == dtypes.string:
                vals = vals.astype(object)
            out[key] = SparseTensor(wrap(np.array(indices, dtype=np.int64).reshape(-1, 2)),
                                    wrap(vals), wrap(np.array([len(parsed), longest], np.int64)))
        elif isinstance(config, RaggedFeature):
            from ..ragged.ragged_tensor import RaggedTensor
            rows = [_values(ex, config.value_key or key, config) for ex in parsed]
            rows = [np.zeros(0, dtype=_np_type(config.dtype)) if r is None else r for r in rows]
            vals = np.concatenate(rows) if rows else np.zeros(0, _np_type(config.dtype))
            if config.dtype == dtypes.string:
                vals = vals.astype(object)
            lengths = np.array([r.size for r in rows], config.row_splits_dtype.as_numpy_dtype)
            out[key] = RaggedTensor.from_row_lengths(wrap(vals), wrap(lengths))
        elif isinstance(config, FixedLenFeature):
            shape = _shape_list(config.shape)
            rows = [_fixed(ex, key, config) for ex in parsed]
            batch = np.empty([len(rows)] + shape, dtype=_np_type(config.dtype))
            for i, r in enumerate(rows):
                batch[i, ...] = r
            out[key] = _wrap(batch)
        else:
            rows = [_sequence(ex, key, config) for ex in parsed]
            shape = _shape_list(config.shape)
            longest = max((r.shape[0] for r in rows), default=0)
            fill = _default(key, config, [])
            if fill is None:
                fill = b"" if config.dtype == dtypes.string else 0
            batch = np.full([len(rows), longest] + shape, fill, dtype=_np_type(config.dtype))
            for i, r in enumerate(rows):
                batch[i, :r.shape[0]] = r
            out[key] = _wrap(batch)
    return out


def parse_single_example(serialized, features, example_names=None, name=None):
    """Parses one serialized Example (a scalar string) into a dict of tensors."""
    if not features:
        raise ValueError("Argument `features` cannot be None.")
    value = getattr(serialized, "_value", serialized)
    arr = np.asarray(value, dtype=object)
    if arr.ndim != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {arr.ndim} for 'serialized'")
    batched = parse_example(arr.reshape(1), features)
    out = {}
    for key, v in batched.items():
        if type(v).__name__ == "RaggedTensor":
            out[key] = v[0]
        elif isinstance(v, SparseTensor):
            idx = np.asarray(v.indices._value)[:, 1:]
            out[key] = SparseTensor(wrap(idx), v.values, wrap(np.asarray(v.dense_shape._value)[1:]))
        else:
            batch = np.asarray(v._value)
            out[key] = _wrap(batch[0] if batch.dtype != object else batch[0:1].reshape(batch.shape[1:]))
    return out


def parse_single_sequence_example(*args, **kwargs):
    raise NotImplementedError("tf.io.parse_single_sequence_example is not implemented in "
                              "tapeflow")


def parse_sequence_example(*args, **kwargs):
    raise NotImplementedError("tf.io.parse_sequence_example is not implemented in tapeflow")
