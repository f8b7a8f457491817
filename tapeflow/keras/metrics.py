"""`tf.keras.metrics`: streaming averages kept in non-trainable variables.

    >>> m = tf.keras.metrics.Mean()
    >>> m.update_state([1.0, 3.0]); m.update_state(5.0)
    >>> m.result()
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
"""
import numpy as np

from ..framework.tensor import convert_to_tensor
from ..ops import array_ops as A
from ..ops import math_ops as M
from . import backend
from .losses import squeeze_or_expand_to_same_rank


def _f32(x):
    x = convert_to_tensor(x)
    return x if x.dtype == "float32" else M.cast(x, "float32")


def _mean_trailing(x, start):
    """The mean over axes `start..`, as float32 (nothing when there are none)."""
    if x.ndim > start:
        return M.reduce_mean(x, axis=list(range(start, x.ndim)))
    return x


class Metric:
    """Base class: state lives in Keras variables; `update_state`, `result`, `reset_state`."""

    def __init__(self, name=None, dtype=None):
        self.name = name or backend.auto_name(type(self).__name__)
        self.dtype = dtype or backend.floatx()
        self._variables = []

    def add_variable(self, shape, initializer="zeros", dtype=None, name=None):
        from . import initializers
        with backend.name_scope(self.name):
            v = backend.Variable(initializers.get(initializer), shape=shape,
                                 dtype=dtype or self.dtype, trainable=False, name=name)
        self._variables.append(v)
        return v

    @property
    def variables(self):
        return list(self._variables)

    def reset_state(self):
        for v in self._variables:
            v.assign(np.zeros(v.shape.as_list(), v.dtype._np))

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


class Mean(Metric):
    """The (weighted) mean of every value passed to `update_state`."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), name="total")
        self.count = self.add_variable(shape=(), name="count")

    def update_state(self, values, sample_weight=None):
        values = _f32(values)
        if sample_weight is not None:
            values, sw = squeeze_or_expand_to_same_rank(values, _f32(sample_weight))
            values = _mean_trailing(values, sw.ndim)
            sw = backend.broadcast_like(sw, values)
            values = values * sw
            sw = _mean_trailing(sw, 1)
        values = _mean_trailing(values, 1)
        self.total.assign_add(M.reduce_sum(values))
        if sample_weight is not None:
            self.count.assign_add(M.reduce_sum(sw))
        elif values.ndim:
            self.count.assign_add(M.cast(A.shape(values)[0], "float32"))
        else:
            self.count.assign_add(np.float32(1))

    def result(self):
        return M.divide_no_nan(self.total.read_value(), self.count.read_value())


class MeanMetricWrapper(Mean):
    """The mean of `fn(y_true, y_pred)` over every sample seen."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn, self._fn_kwargs = fn, kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        return super().update_state(values, sample_weight)


def accuracy(y_true, y_pred):
    """1.0 where y_true == y_pred, else 0.0."""
    y_pred = convert_to_tensor(y_pred)
    y_true = convert_to_tensor(y_true)
    if y_true.dtype != y_pred.dtype:
        y_true = M.cast(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return M.cast(M.equal(y_true, y_pred), "float32")


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where argmax(y_pred, -1) == y_true."""
    y_pred = convert_to_tensor(y_pred)
    y_true = convert_to_tensor(y_true)
    if y_true.ndim == y_pred.ndim and y_true.shape[-1] == 1:
        y_true = A.squeeze(y_true, -1)
    pred = M.argmax(y_pred, -1)
    return M.cast(M.equal(M.cast(y_true, "float32"), M.cast(pred, "float32")), "float32")


def categorical_accuracy(y_true, y_pred):
    """1.0 where argmax(y_pred, -1) == argmax(y_true, -1)."""
    return M.cast(M.equal(M.argmax(convert_to_tensor(y_true), -1),
                          M.argmax(convert_to_tensor(y_pred), -1)), "float32")


class Accuracy(MeanMetricWrapper):
    _direction = "up"

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name=name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    _direction = "up"

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)


class CategoricalAccuracy(MeanMetricWrapper):
    _direction = "up"

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where (y_pred > threshold) == y_true (Mean averages trailing axes per sample)."""
    y_pred = convert_to_tensor(y_pred)
    y_true = convert_to_tensor(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    pred = M.cast(M.greater(y_pred, M.cast(threshold, y_pred.dtype)), y_true.dtype)
    return M.cast(M.equal(y_true, pred), "float32")


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where argmax(y_true) is among the k largest predictions."""
    return sparse_top_k_categorical_accuracy(M.argmax(convert_to_tensor(y_true), -1), y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the integer label is among the k largest predictions."""
    y_pred = convert_to_tensor(y_pred)
    y_true = M.cast(A.reshape(convert_to_tensor(y_true), [-1]), "int64")
    y_pred = A.reshape(y_pred, [-1, y_pred.shape[-1]])
    # in_top_k: a target counts when fewer than k predictions are strictly larger than it
    target = A.gather(y_pred, y_true, axis=1, batch_dims=1)
    larger = M.reduce_sum(M.cast(M.greater(y_pred, A.expand_dims(target, -1)), "int32"), -1)
    return M.cast(M.less(larger, k), "float32")


class BinaryAccuracy(MeanMetricWrapper):
    _direction = "up"

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    _direction = "up"

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name=name, dtype=dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    _direction = "up"

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        super().__init__(sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k)


def _loss_fn(name):
    from . import losses
    return losses._BY_NAME[name]


class MeanSquaredError(MeanMetricWrapper):
    _direction = "down"

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(_loss_fn("mean_squared_error"), name=name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    _direction = "down"

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(_loss_fn("mean_absolute_error"), name=name, dtype=dtype)


class RootMeanSquaredError(Mean):
    _direction = "down"

    """sqrt of the (weighted) mean of squared errors."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = convert_to_tensor(y_pred)
        y_true = M.cast(convert_to_tensor(y_true), y_pred.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return super().update_state(M.square(y_true - y_pred), sample_weight)

    def result(self):
        return M.sqrt(super().result())


class Sum(Metric):
    """The (weighted) sum of every value passed to `update_state`."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), name="total")

    def update_state(self, values, sample_weight=None):
        values = _f32(values)
        if sample_weight is not None:
            values = values * backend.broadcast_like(_f32(sample_weight), values)
        self.total.assign_add(M.reduce_sum(values))

    def result(self):
        return self.total.read_value()


def _metric_functions():
    from . import losses
    fns = {"binary_accuracy": binary_accuracy, "categorical_accuracy": categorical_accuracy,
           "sparse_categorical_accuracy": sparse_categorical_accuracy,
           "top_k_categorical_accuracy": top_k_categorical_accuracy,
           "sparse_top_k_categorical_accuracy": sparse_top_k_categorical_accuracy,
           "accuracy": accuracy}
    for name in ("mse", "mae", "mean_squared_error", "mean_absolute_error",
                 "binary_crossentropy", "categorical_crossentropy",
                 "sparse_categorical_crossentropy", "huber"):
        fns[name] = losses._BY_NAME[name]
    return fns


_CLASSES = {c.__name__: c for c in (Mean, Sum, Accuracy, BinaryAccuracy, CategoricalAccuracy,
                                    SparseCategoricalAccuracy, TopKCategoricalAccuracy,
                                    SparseTopKCategoricalAccuracy, MeanSquaredError,
                                    MeanAbsoluteError, RootMeanSquaredError)}


def get(identifier):
    """A metric (class instance or function) from a name, a class, an instance or a callable."""
    if isinstance(identifier, Metric) or (callable(identifier) and
                                           not isinstance(identifier, type)):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Metric):
        return identifier()
    if isinstance(identifier, str):
        if identifier in _CLASSES:
            return _CLASSES[identifier]()
        by_alias = {"mse": MeanSquaredError, "mean_squared_error": MeanSquaredError,
                    "mae": MeanAbsoluteError, "mean_absolute_error": MeanAbsoluteError}
        if identifier in by_alias:
            return by_alias[identifier](name=identifier)
        fns = _metric_functions()
        if identifier in fns:
            return fns[identifier]
    raise ValueError(f"Could not interpret metric identifier: {identifier}")
