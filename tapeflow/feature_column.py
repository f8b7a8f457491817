"""`tf.feature_column` (and `tf.compat.v1.feature_column`): TF's deprecated feature columns, with
`tf.compat.v1.feature_column.input_layer` turning a dict of features into one dense tensor.

    >>> age = tf.feature_column.numeric_column("age")
    >>> age
    NumericColumn(key='age', shape=(1,), default_value=None, dtype=tf.float32, normalizer_fn=None)
    >>> b = tf.feature_column.bucketized_column(age, boundaries=[18, 30])
    >>> tf.compat.v1.feature_column.input_layer({"age": [[12.0], [40.0]]}, [age, b]).numpy()
    array([[12.,  1.,  0.,  0.],
           [40.,  0.,  0.,  1.]], dtype=float32)

Dense inputs give categorical ids with TF's ignore values dropped (`''` for strings, -1 for
integers); ids outside a column's range contribute nothing to an indicator (as TF's one-hot).
`crossed_column`, `sequence_*` columns, `shared_embeddings` and `linear_model` are not
implemented (each raises NotImplementedError).
"""
import collections
import itertools
import math

import numpy as np

from .framework import dtypes as D
from .framework.tensor import convert_to_tensor, wrap

__all__ = ["bucketized_column", "categorical_column_with_hash_bucket",
           "categorical_column_with_identity", "categorical_column_with_vocabulary_file",
           "categorical_column_with_vocabulary_list", "crossed_column", "embedding_column",
           "indicator_column", "input_layer", "linear_model", "make_parse_example_spec",
           "numeric_column", "sequence_categorical_column_with_hash_bucket",
           "sequence_categorical_column_with_identity",
           "sequence_categorical_column_with_vocabulary_file",
           "sequence_categorical_column_with_vocabulary_list", "sequence_numeric_column",
           "shared_embeddings", "weighted_categorical_column"]


def _record(name, fields):
    base = collections.namedtuple(name, fields)

    def __repr__(self):
        inner = ", ".join(f"{f}={_field_repr(getattr(self, f))}" for f in fields)
        return f"{name}({inner})"
    return type(name, (base,), {"__repr__": __repr__, "__slots__": ()})


def _field_repr(v):
    if isinstance(v, D.DType):
        return f"tf.{v.name}"
    return repr(v)


def _values(features, key):
    if key not in features:
        raise ValueError(f"The corresponding Tensor of numerical column must be a Tensor. "
                         f"SparseTensor is not supported. key: {key}")
    return features[key]


def _ids_rows(value, dtype):
    """Per row, the list of (position, id-like value) kept from a dense 2-D input."""
    a = np.asarray(convert_to_tensor(value).numpy())
    if a.ndim == 1:
        a = a[:, None]
    a = a.reshape(a.shape[0], -1)
    rows = []
    for r in a:
        if a.dtype == object:
            rows.append([x for x in r if x != b""])
        else:
            rows.append([x for x in r if x != -1])
    return rows


# -- numeric --------------------------------------------------------------------------------------
class NumericColumn(_record("NumericColumn",
                            ["key", "shape", "default_value", "dtype", "normalizer_fn"])):
    __slots__ = ()

    @property
    def name(self):
        return self.key

    def _dense(self, features, batch_size=None):
        from .ops.array_ops import reshape
        from .ops.math_ops import cast
        t = convert_to_tensor(_values(features, self.key))
        t = cast(t, D.float32)
        if self.normalizer_fn is not None:
            t = self.normalizer_fn(t)
        n = int(np.prod(self.shape))
        return reshape(t, [-1, n])

    @property
    def _width(self):
        return int(np.prod(self.shape))

    @property
    def parse_example_spec(self):
        from .io.parsing_ops import FixedLenFeature
        return {self.key: FixedLenFeature(self.shape, self.dtype, self.default_value)}


def numeric_column(key, shape=(1,), default_value=None, dtype=D.float32, normalizer_fn=None):
    """A column of real values of `shape` read from `features[key]`."""
    if isinstance(shape, int):
        shape = (shape,)
    shape = tuple(int(s) for s in shape)
    if any(s < 1 for s in shape):
        raise ValueError(f"shape dimensions must be greater than 0. shape: {shape}, key: {key}")
    dtype = D.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_integer):
        raise ValueError(f"dtype must be convertible to float. dtype: {dtype}, key: {key}")
    if normalizer_fn is not None and not callable(normalizer_fn):
        raise TypeError(f"normalizer_fn must be a callable. Given: {normalizer_fn}")
    if default_value is not None:
        if np.isscalar(default_value):
            default_value = tuple([default_value] * int(np.prod(shape)))
        else:
            default_value = tuple(np.asarray(default_value).reshape(-1).tolist())
    return NumericColumn(key, shape, default_value, dtype, normalizer_fn)


# -- categorical ----------------------------------------------------------------------------------
class _Categorical:
    __slots__ = ()

    def _id_rows(self, features):
        """Per row, the list of (id, weight)."""
        return [[(i, 1.0) for i in row] for row in self._raw_ids(features)]

    def _one_hot_sum(self, features):
        rows = self._id_rows(features)
        out = np.zeros((len(rows), self.num_buckets), np.float32)
        for r, row in enumerate(rows):
            for i, w in row:
                if 0 <= i < self.num_buckets:
                    out[r, i] += w
        return out


class VocabularyListCategoricalColumn(
        _Categorical, _record("VocabularyListCategoricalColumn",
                              ["key", "vocabulary_list", "dtype", "default_value",
                               "num_oov_buckets"])):
    __slots__ = ()

    @property
    def name(self):
        return self.key

    @property
    def num_buckets(self):
        return len(self.vocabulary_list) + self.num_oov_buckets

    def _raw_ids(self, features):
        from .strings import to_hash_bucket_fast
        index = {(v.encode() if isinstance(v, str) else v): i
                 for i, v in enumerate(self.vocabulary_list)}
        out = []
        for row in _ids_rows(_values(features, self.key), self.dtype):
            ids = []
            for x in row:
                key = x if not isinstance(x, np.generic) else x.item()
                if key in index:
                    ids.append(index[key])
                elif self.num_oov_buckets:
                    s = key if isinstance(key, bytes) else str(key).encode()
                    ids.append(len(self.vocabulary_list) + int(
                        to_hash_bucket_fast(s, self.num_oov_buckets).numpy()))
                else:
                    ids.append(self.default_value)
            out.append(ids)
        return out

    @property
    def parse_example_spec(self):
        from .io.parsing_ops import VarLenFeature
        return {self.key: VarLenFeature(self.dtype)}


def categorical_column_with_vocabulary_list(key, vocabulary_list, dtype=None, default_value=-1,
                                            num_oov_buckets=0):
    """Ids of the values of `features[key]` in `vocabulary_list` (out-of-vocabulary values:
    `default_value`, or one of `num_oov_buckets` hash buckets after the vocabulary)."""
    vocab = tuple(vocabulary_list)
    if not vocab:
        raise ValueError(f"vocabulary_list {vocabulary_list} must be non-empty, column_name: {key}")
    if len(set(vocab)) != len(vocab):
        raise ValueError(f"Duplicate keys in vocabulary_list {vocabulary_list}, column_name: {key}")
    if num_oov_buckets and default_value != -1:
        raise ValueError(f"Can't specify both default_value and num_oov_buckets. key: {key}")
    if dtype is None:
        dtype = D.string if isinstance(vocab[0], str) else D.int64
    return VocabularyListCategoricalColumn(key, vocab, D.as_dtype(dtype), default_value,
                                           num_oov_buckets)


class IdentityCategoricalColumn(
        _Categorical, _record("IdentityCategoricalColumn",
                              ["key", "number_buckets", "default_value"])):
    __slots__ = ()

    @property
    def name(self):
        return self.key

    @property
    def num_buckets(self):
        return self.number_buckets

    def _raw_ids(self, features):
        out = []
        for row in _ids_rows(_values(features, self.key), D.int64):
            ids = []
            for x in row:
                x = int(x)
                if not 0 <= x < self.number_buckets and self.default_value is not None:
                    x = self.default_value
                ids.append(x)
            out.append(ids)
        return out

    @property
    def parse_example_spec(self):
        from .io.parsing_ops import VarLenFeature
        return {self.key: VarLenFeature(D.int64)}


def categorical_column_with_identity(key, num_buckets, default_value=None):
    """Integer inputs used as ids in [0, num_buckets)."""
    if num_buckets < 1:
        raise ValueError(f"num_buckets {num_buckets} < 1, column_name {key}")
    if default_value is not None and not 0 <= default_value < num_buckets:
        raise ValueError(f"default_value {default_value} not in range [0, {num_buckets}), "
                         f"column_name {key}")
    return IdentityCategoricalColumn(key, num_buckets, default_value)


class HashedCategoricalColumn(
        _Categorical, _record("HashedCategoricalColumn", ["key", "hash_bucket_size", "dtype"])):
    __slots__ = ()

    @property
    def name(self):
        return self.key

    @property
    def num_buckets(self):
        return self.hash_bucket_size

    def _raw_ids(self, features):
        from .strings import to_hash_bucket_fast
        out = []
        for row in _ids_rows(_values(features, self.key), self.dtype):
            out.append([int(to_hash_bucket_fast(
                x if isinstance(x, bytes) else str(int(x)).encode(),
                self.hash_bucket_size).numpy()) for x in row])
        return out

    @property
    def parse_example_spec(self):
        from .io.parsing_ops import VarLenFeature
        return {self.key: VarLenFeature(self.dtype)}


def categorical_column_with_hash_bucket(key, hash_bucket_size, dtype=D.string):
    """Ids from hashing the (string, or integer as string) values into buckets."""
    if hash_bucket_size is None or hash_bucket_size < 1:
        raise ValueError(f"hash_bucket_size must be at least 1. hash_bucket_size: "
                         f"{hash_bucket_size}, key: {key}")
    dtype = D.as_dtype(dtype)
    if not (dtype == D.string or dtype.is_integer):
        raise ValueError(f"dtype must be string or integer. dtype: {dtype}, column_name: {key}")
    return HashedCategoricalColumn(key, hash_bucket_size, dtype)


class WeightedCategoricalColumn(
        _Categorical, _record("WeightedCategoricalColumn",
                              ["categorical_column", "weight_feature_key", "dtype"])):
    __slots__ = ()

    @property
    def name(self):
        return f"{self.categorical_column.name}_weighted_by_{self.weight_feature_key}"

    @property
    def num_buckets(self):
        return self.categorical_column.num_buckets

    def _id_rows(self, features):
        raw = np.asarray(convert_to_tensor(features[self.categorical_column.key]).numpy())
        weights = np.asarray(convert_to_tensor(features[self.weight_feature_key]).numpy(),
                             np.float64)
        raw = raw.reshape(raw.shape[0], -1)
        weights = weights.reshape(weights.shape[0], -1)
        ids = self.categorical_column._raw_ids(features)
        out = []
        for r, row in enumerate(raw):
            kept = [j for j, x in enumerate(row) if (x != b"" if raw.dtype == object else x != -1)]
            out.append([(i, float(weights[r, j])) for i, j in zip(ids[r], kept)])
        return out

    @property
    def parse_example_spec(self):
        from .io.parsing_ops import VarLenFeature
        spec = dict(self.categorical_column.parse_example_spec)
        spec[self.weight_feature_key] = VarLenFeature(self.dtype)
        return spec


def weighted_categorical_column(categorical_column, weight_feature_key, dtype=D.float32):
    """A categorical column whose ids carry the weights in `features[weight_feature_key]`."""
    dtype = D.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_integer):
        raise ValueError(f"dtype {dtype} is not convertible to float.")
    return WeightedCategoricalColumn(categorical_column, weight_feature_key, dtype)


class BucketizedColumn(_Categorical, _record("BucketizedColumn", ["source_column", "boundaries"])):
    __slots__ = ()

    @property
    def name(self):
        return f"{self.source_column.name}_bucketized"

    @property
    def num_buckets(self):
        return (len(self.boundaries) + 1) * self.source_column._width

    def _buckets(self, features):
        v = np.asarray(self.source_column._dense(features).numpy(), np.float64)
        return np.searchsorted(np.asarray(self.boundaries, np.float64), v, side="right")

    def _raw_ids(self, features):
        b = self._buckets(features)
        per = len(self.boundaries) + 1
        return [[int(j * per + x) for j, x in enumerate(row)] for row in b]

    def _dense(self, features, batch_size=None):
        return wrap(self._one_hot_sum(features))

    @property
    def _width(self):
        return self.num_buckets

    @property
    def parse_example_spec(self):
        return self.source_column.parse_example_spec


def bucketized_column(source_column, boundaries):
    """`source_column`'s values as one-hot buckets split at the sorted `boundaries`."""
    numeric = isinstance(source_column, NumericColumn)
    if not numeric:  # (TF's ValueError)
        raise ValueError(f"source_column must be a column generated with numeric_column(). "
                         f"Given: {source_column}")
    if len(source_column.shape) > 1:
        raise ValueError(f"source_column must be one-dimensional column. Given: {source_column}")
    if not boundaries or not isinstance(boundaries, (list, tuple)):
        raise ValueError("boundaries must not be empty.")
    if any(b >= c for b, c in itertools.pairwise(boundaries)):
        raise ValueError("boundaries must be a sorted list.")
    return BucketizedColumn(source_column, tuple(boundaries))


# -- dense views of categorical columns -----------------------------------------------------------
class IndicatorColumn(_record("IndicatorColumn", ["categorical_column"])):
    __slots__ = ()

    @property
    def name(self):
        return f"{self.categorical_column.name}_indicator"

    @property
    def _width(self):
        return self.categorical_column.num_buckets

    def _dense(self, features, batch_size=None):
        return wrap(self.categorical_column._one_hot_sum(features))

    @property
    def parse_example_spec(self):
        return self.categorical_column.parse_example_spec


def indicator_column(categorical_column):
    """A multi-hot (count, or weight sum) tensor of a categorical column's ids."""
    return IndicatorColumn(categorical_column)


_embedding_tables = {}  # id(column) -> (column, its table Variable)
_EmbeddingBase = _record("EmbeddingColumn", [
    "categorical_column", "dimension", "combiner", "initializer", "ckpt_to_load_from",
    "tensor_name_in_ckpt", "max_norm", "trainable", "use_safe_embedding_lookup"])


class EmbeddingColumn(_EmbeddingBase):
    """A dense embedding of a categorical column's ids; the table is a Variable made on first
    use (`.embedding_weights`)."""

    __slots__ = ()

    @property
    def name(self):
        return f"{self.categorical_column.name}_embedding"

    @property
    def _width(self):
        return self.dimension

    @property
    def embedding_weights(self):
        key = id(self)
        entry = _embedding_tables.get(key)
        if entry is None or entry[0] is not self:
            from .framework.variables import Variable
            init = self.initializer
            if init is None:
                from .init_ops import TruncatedNormal
                init = TruncatedNormal(0.0, 1.0 / math.sqrt(self.dimension))
            var = Variable(init((self.categorical_column.num_buckets, self.dimension),
                                dtype=D.float32), trainable=self.trainable,
                           name=f"{self.name}/embedding_weights")
            entry = (self, var)
            _embedding_tables[key] = entry
        return entry[1]

    def _dense(self, features, batch_size=None):
        from .ops.array_ops import gather, stack, zeros
        from .ops.math_ops import reduce_sum
        table = self.embedding_weights
        rows = []
        for row in self.categorical_column._id_rows(features):
            row = [(i, w) for i, w in row if 0 <= i < self.categorical_column.num_buckets]
            if not row:
                rows.append(zeros([self.dimension]))
                continue
            ids = [i for i, _ in row]
            w = np.array([x for _, x in row], np.float32)
            emb = gather(table, ids) * wrap(w[:, None])
            total = reduce_sum(emb, axis=0)
            if self.combiner == "mean":
                total = total / float(w.sum())
            elif self.combiner == "sqrtn":
                total = total / float(np.sqrt((w ** 2).sum()))
            rows.append(total)
        return stack(rows)

    @property
    def parse_example_spec(self):
        return self.categorical_column.parse_example_spec


def embedding_column(categorical_column, dimension, combiner="mean", initializer=None,
                     ckpt_to_load_from=None, tensor_name_in_ckpt=None, max_norm=None,
                     trainable=True, use_safe_embedding_lookup=True):
    """A `dimension`-wide embedding of `categorical_column`, ids combined by `combiner`."""
    if dimension is None or dimension < 1:
        raise ValueError(f"Invalid dimension {dimension}.")
    if combiner not in ("mean", "sqrtn", "sum"):
        raise ValueError(f"Invalid combiner {combiner}.")
    if initializer is not None and not callable(initializer):
        raise ValueError("initializer must be callable if specified. Embedding of column_name: "
                         f"{categorical_column.name}")
    if max_norm is not None or ckpt_to_load_from is not None:
        raise NotImplementedError("embedding_column's max_norm and ckpt_to_load_from are not "
                                  "implemented in tapeflow")
    return EmbeddingColumn(categorical_column, dimension, combiner, initializer,
                           ckpt_to_load_from, tensor_name_in_ckpt, max_norm, trainable,
                           use_safe_embedding_lookup)


# -- using columns --------------------------------------------------------------------------------
def input_layer(features, feature_columns, weight_collections=None, trainable=True,
                cols_to_vars=None, cols_to_output_tensors=None):
    """The dense columns' tensors for `features`, concatenated in the order of their names."""
    from .ops.array_ops import concat
    from .ops.math_ops import cast
    columns = list(feature_columns) if isinstance(feature_columns, (list, tuple)) else [
        feature_columns]
    for c in columns:
        if not hasattr(c, "_dense"):
            raise ValueError("Items of feature_columns must be a _DenseColumn. You can wrap a "
                             f"categorical column with an embedding_column or indicator_column. "
                             f"Given: {c}")
    outs = []
    for c in sorted(columns, key=lambda c: c.name):
        t = cast(c._dense(features), D.float32)
        outs.append(t)
        if cols_to_output_tensors is not None:
            cols_to_output_tensors[c] = t
    return concat(outs, axis=1)


def make_parse_example_spec(feature_columns):
    """The `tf.io.parse_example` features dict the columns read."""
    spec = {}
    for c in feature_columns:
        for k, v in c.parse_example_spec.items():
            if k in spec and spec[k] != v:
                raise ValueError(f"feature_columns contain different parse_spec for key {k}. "
                                 f"Given {v} and {spec[k]}")
            spec[k] = v
    return spec


def _unsupported(name, what):
    def fn(*args, **kwargs):
        raise NotImplementedError(f"tf.feature_column.{name} ({what}) is not implemented in "
                                  "tapeflow")
    fn.__name__ = name
    fn.__doc__ = f"Not implemented in tapeflow: raises NotImplementedError ({what})."
    return fn


crossed_column = _unsupported("crossed_column", "hashed feature crosses")
categorical_column_with_vocabulary_file = _unsupported(
    "categorical_column_with_vocabulary_file", "vocabularies read from files")
shared_embeddings = _unsupported("shared_embeddings", "embeddings shared between columns")
linear_model = _unsupported("linear_model", "TF 1 linear models over columns")
sequence_numeric_column = _unsupported("sequence_numeric_column", "sequence feature columns")
sequence_categorical_column_with_identity = _unsupported(
    "sequence_categorical_column_with_identity", "sequence feature columns")
sequence_categorical_column_with_hash_bucket = _unsupported(
    "sequence_categorical_column_with_hash_bucket", "sequence feature columns")
sequence_categorical_column_with_vocabulary_list = _unsupported(
    "sequence_categorical_column_with_vocabulary_list", "sequence feature columns")
sequence_categorical_column_with_vocabulary_file = _unsupported(
    "sequence_categorical_column_with_vocabulary_file", "sequence feature columns")
