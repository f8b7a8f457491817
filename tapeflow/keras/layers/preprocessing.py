"""Preprocessing layers: Rescaling, Normalization (with `adapt`), CategoryEncoding,
StringLookup and IntegerLookup (vocabulary lookups computed with NumPy on tapeflow's
object-array string tensors).

    >>> norm = tf.keras.layers.Normalization()
    >>> norm.adapt(np.array([[1.0], [3.0]]))
    >>> norm(tf.constant([[2.0]]))
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[0.]], dtype=float32)>
"""
import numpy as np

from ...framework.tensor import Tensor, convert_to_tensor, wrap
from ...ops import math_ops as M
from .. import backend
from .base import Layer


def _numpy(data):
    """A batch of data (array, tensor, list, or a dataset of batches) as one NumPy array."""
    if hasattr(data, "element_spec") and hasattr(data, "__iter__"):
        parts = [_numpy(b) for b in data]
        return np.concatenate(parts, 0)
    if isinstance(data, Tensor):
        return np.asarray(data._value)
    if hasattr(data, "numpy"):
        return np.asarray(data.numpy())
    return np.asarray(data)


class Rescaling(Layer):
    """`inputs * scale + offset`."""

    _allow_non_tensor_positional_args = True

    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale, self.offset = scale, offset
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"scale": self.scale, "offset": self.offset}

    def call(self, inputs):
        x = M.cast(inputs, self._dtype) if not inputs.dtype.is_floating else inputs
        return x * self.scale + self.offset


class Normalization(Layer):
    """`(x - mean) / sqrt(variance)` per feature along `axis`; the statistics come from the
    `mean`/`variance` arguments or from `adapt(data)`."""

    _allow_non_tensor_positional_args = True

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        self.axis = tuple(axis)
        self.input_mean, self.input_variance, self.invert = mean, variance, invert
        if (mean is None) != (variance is None):
            raise ValueError(f"When setting values directly, both `mean` and `variance` must "
                             f"be set. Received: mean={mean} and variance={variance}")

    def _config(self):
        mean = self.input_mean
        var = self.input_variance
        return {"axis": self.axis, "invert": self.invert,
                "mean": np.asarray(mean).tolist() if mean is not None else None,
                "variance": np.asarray(var).tolist() if var is not None else None}

    def build(self, input_shape):
        ndim = len(input_shape)
        self._keep = tuple(sorted(a % ndim for a in self.axis))
        self._reduce = tuple(d for d in range(ndim) if d not in self._keep)
        self._bshape = [input_shape[d] if d in self._keep else 1 for d in range(ndim)]
        shape = tuple(input_shape[d] for d in self._keep)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=shape, initializer="zeros",
                                              trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=shape,
                                                  initializer="ones", trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int64",
                                         initializer="zeros", trainable=False)
        else:
            dt = self._dtype._np
            self._fixed = (np.broadcast_to(np.asarray(self.input_mean, dt), self._bshape),
                           np.broadcast_to(np.asarray(self.input_variance, dt), self._bshape))

    def adapt(self, data, batch_size=None, steps=None):
        """Sets mean and variance from `data` (array, tensor or dataset)."""
        x = _numpy(data).astype(np.float64)
        if not self.built:
            self._build_input_shape = (None,) + x.shape[1:]
            self._maybe_build((None,) + x.shape[1:])
        mean = x.mean(axis=self._reduce)
        var = x.var(axis=self._reduce)
        self.adapt_mean.assign(mean.astype(np.float32).reshape(self.adapt_mean.shape.as_list()))
        self.adapt_variance.assign(var.astype(np.float32).reshape(
            self.adapt_variance.shape.as_list()))
        self.count.assign(np.int64(np.prod([x.shape[d] for d in self._reduce])))

    @property
    def mean(self):
        """The mean, broadcast to the input's rank (after build)."""
        return self._stats()[0] if self.built else None

    @property
    def variance(self):
        return self._stats()[1] if self.built else None

    def _stats(self):
        if self.input_mean is not None:
            return wrap(self._fixed[0].copy()), wrap(self._fixed[1].copy())
        from ...ops import array_ops as A
        return (A.reshape(self.adapt_mean, self._bshape),
                A.reshape(self.adapt_variance, self._bshape))

    def call(self, inputs):
        x = M.cast(inputs, self._dtype) if inputs.dtype != self._dtype else inputs
        mean, var = self._stats()
        if self.invert:
            return mean + x * M.maximum(M.sqrt(var), backend.epsilon())
        return (x - mean) / M.maximum(M.sqrt(var), backend.epsilon())


class CategoryEncoding(Layer):
    """Integer ids -> 'one_hot', 'multi_hot' or 'count' vectors of length `num_tokens`."""

    _allow_non_tensor_positional_args = True

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        super().__init__(**kwargs)
        if output_mode not in ("one_hot", "multi_hot", "count"):
            raise ValueError(f"Unknown arg for output_mode: {output_mode}")
        if sparse:
            raise NotImplementedError("tapeflow's CategoryEncoding does not implement "
                                      "sparse=True")
        if num_tokens is None:
            raise ValueError("num_tokens must be set to use this layer. If the number of tokens "
                             "is not known beforehand, use the IntegerLookup layer instead.")
        self.num_tokens, self.output_mode = int(num_tokens), output_mode
        self.built = True

    def _config(self):
        return {"num_tokens": self.num_tokens, "output_mode": self.output_mode}

    def _convert_input(self, x):
        return convert_to_tensor(x)

    def call(self, inputs, count_weights=None):
        if backend.is_symbolic(inputs) or backend.is_symbolic(count_weights):
            return _in_graph(self.call, [inputs] + ([count_weights] if count_weights is not None
                                                    else []), "float32",
                             self._output_shape(inputs.shape.as_list()))
        ids = np.asarray(inputs._value).astype(np.int64)
        if ids.size and (ids.min() < 0 or ids.max() >= self.num_tokens):
            from ...framework import errors
            raise errors.InvalidArgumentError(
                None, None, f"Input values must be in the range 0 <= values < num_tokens with "
                            f"num_tokens={self.num_tokens}")
        if self.output_mode == "one_hot":
            if ids.ndim and ids.shape[-1] == 1:
                ids = ids[..., 0]
            out = np.eye(self.num_tokens, dtype=np.float32)[ids]
            return wrap(out)
        if ids.ndim == 0:
            ids = ids[None]
        if ids.ndim == 1:
            ids = ids[None, :]
        flat = ids.reshape(-1, ids.shape[-1])
        out = np.zeros((flat.shape[0], self.num_tokens), np.float32)
        w = None if count_weights is None else np.asarray(
            convert_to_tensor(count_weights)._value, np.float32).reshape(flat.shape)
        for i, row in enumerate(flat):
            if self.output_mode == "multi_hot":
                out[i, row] = 1.0
            else:
                np.add.at(out[i], row, 1.0 if w is None else w[i])
        if np.asarray(inputs._value).ndim == 1:
            out = out[0] if False else out
        return wrap(out.reshape(ids.shape[:-1] + (self.num_tokens,)))


    def _output_shape(self, shape):
        if self.output_mode == "one_hot":
            if shape and shape[-1] == 1:
                shape = shape[:-1]
            return shape + [self.num_tokens]
        if len(shape) <= 1:
            return [1, self.num_tokens]
        return shape[:-1] + [self.num_tokens]


def _in_graph(eager_call, inputs, dtype, shape):
    """The layer's NumPy computation run when the graph runs (`tf.numpy_function`, as these
    lookups are table ops in TF), with the static output shape set."""
    from ...control_flow import numpy_function
    from ...framework.tensor import AbstractArray

    def run(*values):
        return np.asarray(eager_call(*[wrap(v) for v in values])._value)
    out = numpy_function(run, inputs, dtype, stateful=False)
    out._value = AbstractArray(shape, out._value.dtype)
    return out


class _Lookup(Layer):
    """What StringLookup and IntegerLookup share: a vocabulary (given or adapted), OOV buckets,
    an optional mask token, and 'int'/'one_hot'/'multi_hot'/'count' outputs (or `invert`)."""

    _allow_non_tensor_positional_args = True

    _default_oov = None

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=None,
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 sparse=False, pad_to_max_tokens=False, **kwargs):
        kwargs.pop("vocabulary_size", None)
        kwargs.pop("oov_method", None)
        kwargs.pop("salt", None)
        self._extra = {k: kwargs.pop(k) for k in ("encoding", "vocabulary_dtype")
                       if k in kwargs}
        super().__init__(**kwargs)
        if output_mode not in ("int", "one_hot", "multi_hot", "count", "tf_idf"):
            raise ValueError(f"Invalid value for argument `output_mode`. Received: "
                             f"output_mode={output_mode}")
        if output_mode == "tf_idf" or idf_weights is not None or sparse:
            raise NotImplementedError("tapeflow's lookup layers do not implement tf_idf, "
                                      "idf_weights or sparse outputs")
        self.max_tokens, self.num_oov_indices = max_tokens, int(num_oov_indices)
        self.mask_token = mask_token
        self.oov_token = self._default_oov if oov_token is None else oov_token
        self.invert, self.output_mode = invert, output_mode
        self.pad_to_max_tokens = pad_to_max_tokens
        self._vocab = []
        if vocabulary is not None:
            self.set_vocabulary(vocabulary)
        self.built = True

    def _config(self):
        config = {"invert": self.invert, "max_tokens": self.max_tokens,
                  "num_oov_indices": self.num_oov_indices, "oov_token": self.oov_token,
                  "mask_token": self.mask_token, "output_mode": self.output_mode,
                  "sparse": False, "pad_to_max_tokens": self.pad_to_max_tokens}
        config.update(self._extra_config())
        config.update({"idf_weights": None, "vocabulary": list(self._vocab) or None,
                       "vocabulary_size": self.vocabulary_size(), "oov_method": "floormod",
                       "salt": None})
        config.update(self._extra_tail())
        return config

    def _extra_config(self):
        return {}

    def _extra_tail(self):
        return {}

    def _key(self, v):
        return v

    def set_vocabulary(self, vocabulary, idf_weights=None):
        vocab = [self._key(v) for v in _numpy(vocabulary).reshape(-1).tolist()] \
            if not isinstance(vocabulary, (list, tuple)) else [self._key(v) for v in vocabulary]
        if len(set(vocab)) != len(vocab):
            repeated = sorted({v for v in vocab if vocab.count(v) > 1}, key=str)
            raise ValueError(f"The passed vocabulary has at least one repeated term. Please "
                             f"uniquify your dataset. The repeated terms are: {repeated}")
        self._vocab = vocab
        self._index = {v: i for i, v in enumerate(self.get_vocabulary())}

    def adapt(self, data, steps=None):
        """Builds the vocabulary from `data`: terms by decreasing frequency (ties in first-seen
        order reversed, as Keras sorts), capped by `max_tokens`."""
        values = [self._key(v) for v in _numpy(data).reshape(-1).tolist()]
        counts = {}
        for v in values:
            if v == self.mask_token:
                continue
            counts[v] = counts.get(v, 0) + 1
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], _neg_key(kv[0])))
        vocab = [v for v, _ in ordered]
        if self.max_tokens is not None:
            reserved = self.num_oov_indices + (self.mask_token is not None)
            vocab = vocab[:max(self.max_tokens - reserved, 0)]
        self.set_vocabulary(vocab)

    def get_vocabulary(self, include_special_tokens=True):
        special = []
        if include_special_tokens:
            if self.mask_token is not None:
                special.append(self.mask_token)
            special += [self.oov_token] * self.num_oov_indices
        if not include_special_tokens:
            return list(self._vocab)
        return special + list(self._vocab)

    def vocabulary_size(self):
        return len(self.get_vocabulary()) if self._vocab else None

    def _convert_input(self, x):
        return convert_to_tensor(x) if not isinstance(x, Tensor) else x

    def call(self, inputs):
        if backend.is_symbolic(inputs):
            shape = inputs.shape.as_list()
            if self.invert:
                dtype = "string" if isinstance(self, StringLookup) else "int64"
            elif self.output_mode == "int":
                dtype = "int64"
            else:
                dtype = "int64"
                depth = self.max_tokens if self.pad_to_max_tokens and self.max_tokens else \
                    len(self.get_vocabulary())
                shape = CategoryEncoding(depth, self.output_mode)._output_shape(shape)
            return _in_graph(self.call, [inputs], dtype, shape)
        arr = np.asarray(inputs._value) if isinstance(inputs, Tensor) else np.asarray(inputs)
        vocab_full = self.get_vocabulary()
        if self.invert:
            ids = arr.astype(np.int64)
            out = np.empty(ids.shape, dtype=object)
            for idx in np.ndindex(ids.shape):
                i = int(ids[idx])
                out[idx] = vocab_full[i] if 0 <= i < len(vocab_full) else self.oov_token
            return self._wrap_terms(out)
        offset = (self.mask_token is not None) + self.num_oov_indices
        ids = np.empty(arr.shape, dtype=np.int64)
        for idx in np.ndindex(arr.shape):
            v = self._key(arr[idx].item() if hasattr(arr[idx], "item") else arr[idx])
            if self.mask_token is not None and v == self.mask_token:
                ids[idx] = 0
            elif v in self._index and self._index[v] >= offset:
                ids[idx] = self._index[v]
            elif self.num_oov_indices == 0:
                raise ValueError(f"Out of vocabulary value {v!r} with num_oov_indices=0")
            else:
                ids[idx] = (self.mask_token is not None) + (
                    hash(v) % self.num_oov_indices if self.num_oov_indices > 1 else 0)
        if self.output_mode == "int":
            return wrap(ids)
        depth = self.max_tokens if self.pad_to_max_tokens and self.max_tokens else \
            len(vocab_full)
        encoded = CategoryEncoding(depth, self.output_mode)
        return M.cast(encoded(wrap(ids)), "int64")

    def _wrap_terms(self, out):
        return convert_to_tensor(out)

    def compute_mask(self, inputs, mask=None):
        return None


def _neg_key(v):
    return str(v)


class StringLookup(_Lookup):
    """Strings -> integer ids (0 the mask token if set, then the OOV bucket(s), then the
    vocabulary)."""

    _default_oov = "[UNK]"

    def _key(self, v):
        return np.str_(v.decode("utf-8") if isinstance(v, bytes) else v)

    def _extra_tail(self):
        return {"encoding": self._extra.get("encoding", "utf-8")}

    def _wrap_terms(self, out):
        return convert_to_tensor(np.vectorize(lambda s: s.encode() if isinstance(s, str)
                                              else s, otypes=[object])(out))


class IntegerLookup(_Lookup):
    """Integers -> integer ids (0 the mask token if set, then OOV, then the vocabulary)."""

    _default_oov = -1

    def _key(self, v):
        return np.int64(v)

    def _extra_config(self):
        return {"vocabulary_dtype": self._extra.get("vocabulary_dtype", "int64")}

    def _wrap_terms(self, out):
        return wrap(out.astype(np.int64))



