"""`tf.keras.losses`: loss classes (with reductions and sample weights) and function forms.

A loss class computes per-sample losses with its function form (which averages over the last
axis), weights them, and reduces: `"sum_over_batch_size"` (the default: the sum divided by the
number of per-sample losses), `"sum"`, `"mean_with_sample_weight"` or `"none"`/None.

    >>> mse = tf.keras.losses.MeanSquaredError()
    >>> mse(tf.constant([[0.0, 1.0]]), tf.constant([[1.0, 1.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
"""
import warnings

import numpy as np

from ..framework.tensor import Tensor, convert_to_tensor
from ..ops import array_ops as A
from ..ops import math_ops as M
from ..ops import nn_ops as N
from . import backend

_REDUCTIONS = (None, "none", "sum", "sum_over_batch_size", "mean", "mean_with_sample_weight")


def _t(x, dtype=None):
    if isinstance(x, Tensor) and (dtype is None or x.dtype == dtype):
        return x
    t = convert_to_tensor(x)
    if dtype is not None and t.dtype != dtype:
        t = M.cast(t, dtype)
    return t


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Keras's rank matching: a trailing dimension of 1 is squeezed (or added to a vector)."""
    r1, r2 = x1.ndim, x2.ndim
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = A.expand_dims(x2, -1)
        else:
            x1 = A.squeeze(x1, -1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = A.expand_dims(x1, -1)
        else:
            x2 = A.squeeze(x2, -1)
    return x1, x2


# -- function forms ---------------------------------------------------------------------------------
def _pair(y_true, y_pred):
    y_pred = _t(y_pred)
    y_true = _t(y_true, y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def mean_squared_error(y_true, y_pred):
    """mean((y_true - y_pred)**2) over the last axis."""
    y_true, y_pred = _pair(y_true, y_pred)
    return M.reduce_mean(M.square(y_true - y_pred), -1)


def mean_absolute_error(y_true, y_pred):
    """mean(|y_true - y_pred|) over the last axis."""
    y_true, y_pred = _pair(y_true, y_pred)
    return M.reduce_mean(M.abs(y_true - y_pred), -1)


def huber(y_true, y_pred, delta=1.0):
    """0.5 e**2 where |e| <= delta, else delta * |e| - 0.5 delta**2; mean over the last axis."""
    y_true, y_pred = _pair(y_true, y_pred)
    delta = _t(delta, y_pred.dtype)
    error = y_pred - y_true
    abs_error = M.abs(error)
    half = _t(0.5, abs_error.dtype)
    return M.reduce_mean(A.where(M.less_equal(abs_error, delta), half * M.square(error),
                                 delta * abs_error - half * M.square(delta)), -1)


def sigmoid_cross_entropy_with_logits(labels, logits):
    """max(x, 0) - x * z + log(1 + exp(-|x|)), TF's stable form."""
    zeros = A.zeros_like(logits)
    cond = M.greater_equal(logits, zeros)
    relu_logits = A.where(cond, logits, zeros)
    neg_abs_logits = A.where(cond, -logits, logits)
    return relu_logits - logits * labels + M.log1p(M.exp(neg_abs_logits))


def _binary_crossentropy_backend(target, output, from_logits):
    if target.ndim != output.ndim:
        raise ValueError(f"Arguments `target` and `output` must have the same rank (ndim). "
                         f"Received: target.shape={target.shape}, output.shape={output.shape}")
    if from_logits:
        return sigmoid_cross_entropy_with_logits(target, output)
    eps = backend.epsilon()
    output = M.clip_by_value(output, eps, 1.0 - eps)
    bce = target * M.log(output)
    bce = bce + (1 - target) * M.log(1 - output)
    return -bce


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Mean over `axis` of -(y log p + (1 - y) log(1 - p))."""
    y_pred = _t(y_pred)
    y_true = _t(y_true, y_pred.dtype)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return M.reduce_mean(_binary_crossentropy_backend(y_true, y_pred, from_logits), axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-sum(y_true * log(p)) over `axis`, p the softmax of logits or the normalized y_pred."""
    if isinstance(axis, bool):
        raise ValueError(f"`axis` must be of type `int`. Received: axis={axis} of type "
                         f"{type(axis)}")
    y_pred = _t(y_pred)
    y_true = _t(y_true, y_pred.dtype)
    if y_pred.shape[-1] == 1:
        warnings.warn(f"In loss categorical_crossentropy, expected y_pred.shape to be (batch_size, "
                      f"num_classes) with num_classes > 1. Received: y_pred.shape={y_pred.shape}. "
                      f"Consider using 'binary_crossentropy' if you only have 2 classes.",
                      SyntaxWarning, stacklevel=2)
    if label_smoothing:
        num_classes = float(y_true.shape[-1])
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / num_classes
    if y_true.ndim != y_pred.ndim or y_true.shape.as_list() != y_pred.shape.as_list():
        raise ValueError(f"Arguments `target` and `output` must have the same shape. Received: "
                         f"target.shape={y_true.shape}, output.shape={y_pred.shape}")
    if from_logits:
        return N.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred, axis=axis)
    output = y_pred / M.reduce_sum(y_pred, axis, keepdims=True)
    eps = backend.epsilon()
    output = M.clip_by_value(output, eps, 1.0 - eps)
    return -M.reduce_sum(y_true * M.log(output), axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """-log(p[y_true]) with integer class labels `y_true`."""
    y_pred = _t(y_pred)
    y_true = _t(y_true)
    if y_true.ndim == y_pred.ndim and y_true.shape[axis] == 1:
        y_true = A.squeeze(y_true, axis)
    if ignore_class is not None:
        valid = M.not_equal(y_true, M.cast(ignore_class, y_true.dtype))
        y_true = A.where(valid, y_true, A.zeros_like(y_true))
        y_pred = A.where(A.expand_dims(valid, axis), y_pred, A.zeros_like(y_pred))
    labels = M.cast(y_true, "int64")
    if y_pred.ndim < 1:
        raise ValueError(f"Argument `output` must be at least rank 1. Received: "
                         f"output.shape={y_pred.shape}")
    if labels.ndim != y_pred.ndim - 1:
        raise ValueError(f"Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
                         f"target.shape={labels.shape}, output.shape={y_pred.shape}")
    logits = y_pred
    if not from_logits:
        eps = backend.epsilon()
        logits = M.log(M.clip_by_value(y_pred, eps, 1 - eps))
    res = N.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    if ignore_class is not None:
        res = A.where(valid, res, A.zeros_like(res))
    return res


# -- reductions --------------------------------------------------------------------------------------
def standardize_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"Invalid value for argument `reduction`. Expected one of "
                         f"{_REDUCTIONS}. Received: reduction={reduction}")
    return reduction


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    if reduction is None or reduction == "none" or values.ndim == 0 or \
            tuple(values.shape.as_list()) == (0,):
        return values
    loss = M.reduce_sum(values)
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if reduction == "mean_with_sample_weight" and sample_weight is not None:
            divisor = M.cast(M.reduce_sum(sample_weight), loss.dtype)
        else:
            divisor = backend.num_elements(values, loss.dtype)
        loss = M.div_no_nan(loss, divisor)
        loss = _scaled_for_distribution(loss)
    return loss


def _scaled_for_distribution(loss):
    """Keras 3's `scale_loss_for_distribution`: under a strategy with several replicas a mean
    loss is divided by their number, so the gradients summed over the replicas are those of
    the mean over the global batch."""
    import sys
    dl = sys.modules.get("tapeflow.distribute.distribute_lib")
    n = dl.num_replicas_in_sync() if dl is not None else 1
    return loss if n == 1 else loss * np.asarray(1.0 / n, loss.dtype.as_numpy_dtype)


def reduce_weighted_values(values, sample_weight=None, reduction="sum_over_batch_size",
                           dtype=None):
    values = _t(values, dtype)
    if sample_weight is not None:
        sample_weight = _t(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


# -- classes -----------------------------------------------------------------------------------------
class Loss:
    """Base class: subclasses implement `call(y_true, y_pred)` returning per-sample losses."""

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or backend.auto_name(type(self).__name__)
        self.reduction = standardize_reduction(reduction)
        self.dtype = dtype or backend.floatx()

    def __call__(self, y_true, y_pred, sample_weight=None):
        y_pred = _t(y_pred, self.dtype)
        y_true = _t(y_true, self.dtype)
        losses = self.call(y_true, y_pred)
        return reduce_weighted_values(losses, sample_weight, self.reduction, self.dtype)

    def call(self, y_true, y_pred):
        raise NotImplementedError

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class LossFunctionWrapper(Loss):
    """A Loss from a function `fn(y_true, y_pred, **kwargs)` of per-sample losses."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)


class MeanSquaredError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mse, name=name, reduction=reduction, dtype=dtype)


class MeanAbsoluteError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mae, name=name, reduction=reduction, dtype=dtype)


class Huber(LossFunctionWrapper):
    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss", dtype=None):
        super().__init__(huber, name=name, reduction=reduction, dtype=dtype, delta=delta)


class BinaryCrossentropy(LossFunctionWrapper):
    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="binary_crossentropy", dtype=None):
        super().__init__(binary_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits, self.label_smoothing, self.axis = from_logits, label_smoothing, axis


class CategoricalCrossentropy(LossFunctionWrapper):
    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_crossentropy", dtype=None):
        super().__init__(categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits, self.label_smoothing, self.axis = from_logits, label_smoothing, axis


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size",
                 axis=-1, name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, name=name, reduction=reduction,
                         dtype=dtype, from_logits=from_logits, ignore_class=ignore_class,
                         axis=axis)
        self.from_logits, self.ignore_class = from_logits, ignore_class


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
# Keras 3 spells the function forms `mse`/`mae` only (`keras.losses.mean_squared_error` is gone)
del mean_squared_error, mean_absolute_error

_BY_NAME = {
    "mean_squared_error": mse, "mse": mse, "mean_absolute_error": mae, "mae": mae,
    "huber": huber, "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
}


def get(identifier):
    """A loss function from its name or a callable."""
    if identifier is None or callable(identifier):
        return identifier
    fn = _BY_NAME.get(identifier)
    if fn is None:
        raise ValueError(f"Could not interpret loss identifier: {identifier}")
    return fn


class Reduction:
    """The names of the ways a loss reduces over a batch (`tf.keras.losses.Reduction`).

    >>> tf.keras.losses.Reduction.NONE
    'none'
    """

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError(f'Invalid Reduction Key: {key}. Expected keys are "{cls.all()}"')
