"""More of `tf.nn`, public API: activations, normalization, losses, dropout and embedding lookup.

TF's own primitives (Relu6, Elu, Selu, LeakyRelu, L2Loss) have their records in
`tapeflow.prims.nn`; the functions here check their arguments and bind them. The functions TF
composes in Python (gelu, swish, sigmoid_cross_entropy_with_logits, moments,
batch_normalization, ...) are composed the same way, from the same public ops in the same
order, so values match TF's rounding and gradients (of any order, in both modes) come from the
ops they are made of.

    >>> tf.nn.relu6(tf.constant([-1.0, 3.0, 8.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 3., 6.], dtype=float32)>
"""
import math

import numpy as np

from ..framework import dtypes as D
from ..framework.custom_gradient import custom_gradient
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import wrap
from ..prims import nn as PN
from ..prims._common import dims_text as _dims
from ..prims.nn import ELU, L2_LOSS, LEAKY_RELU, RELU6, SELU
from . import array_ops as A
from . import math_ops as M
from . import random_ops as R
from ._common import axis_tuple, pair, t, unary
from .indexing_ops import clip_by_norm
from .nn_ops import relu
from .special_math_ops import erfc


# ============================================================================================
# Activations that are TF primitives (their records are in `tapeflow.prims.nn`)
# ============================================================================================
def relu6(features, name=None):
    """min(max(features, 0), 6); the gradient is 1 strictly between 0 and 6.

    >>> tf.nn.relu6([-1.0, 3.0, 8.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 3., 6.], dtype=float32)>
    """
    return unary(RELU6, features)


def elu(features, name=None):
    """exp(x) - 1 for x < 0, x otherwise.

    >>> tf.nn.elu([-1.0, 2.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.6321206,  2.       ], dtype=float32)>
    """
    return unary(ELU, features)


def selu(features, name=None):
    """scale * elu-like(x) with TF's fixed alpha and scale (self-normalizing).

    >>> tf.nn.selu([-1.0, 2.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.1113309,  2.101402 ], dtype=float32)>
    """
    return unary(SELU, features)


def leaky_relu(features, alpha=0.2, name=None):
    """x for x > 0, alpha * x otherwise; integer inputs are cast to float32.

    >>> tf.nn.leaky_relu([-1.0, 2.0], alpha=0.1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.1,  2. ], dtype=float32)>
    """
    x = t(features)
    if x._value.dtype.kind in "iu":
        x = M.cast(x, D.float32)
    if type(alpha) is not float:
        alpha = float(alpha.item() if isinstance(alpha, np.ndarray) else alpha)
    LEAKY_RELU.check(x)
    return PN.leaky_relu(x, alpha)


# ============================================================================================
# Activations TF composes in Python
# ============================================================================================
def gelu(features, approximate=False, name=None):
    """Gaussian error linear unit: x * P(X <= x) for standard normal X, or its tanh approximation.

    >>> tf.nn.gelu([-1.0, 0.0, 1.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-0.15865526,  0.        ,  0.8413447 ], dtype=float32)>
    """
    x = t(features)
    if not x.dtype.is_floating:
        raise ValueError(f"`features.dtype` must be a floating point tensor.Received:features.dtype="
                         f"{x.dtype}")
    if approximate:
        coeff = M.cast(0.044715, x.dtype)
        return 0.5 * x * (1.0 + M.tanh(0.7978845608028654 * (x + coeff * M.pow(x, 3))))
    return 0.5 * x * erfc(-x * M.cast(0.7071067811865476, x.dtype))


def swish(features, beta=1.0):
    """x * sigmoid(beta * x) (also `tf.nn.silu`); differentiable in `beta` too.

    >>> tf.nn.silu([-1.0, 2.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.2689414,  1.761594 ], dtype=float32)>
    """
    x = t(features)
    beta = M.cast(t(beta), x.dtype)
    if x._value.dtype.kind != "c":
        return x * M.sigmoid(beta * x)
    return _complex_swish(x, beta)


@custom_gradient
def _complex_swish(features, beta):
    """TF's own gradient for swish: for complex inputs it is not conjugated (for real ones it is
    the product rule's, which the real path differentiates directly)."""
    def grad(dy):
        s = M.sigmoid(beta * features)
        activation_grad = s * (1.0 + (beta * features) * (1.0 - s))
        beta_grad = M.reduce_sum(dy * M.square(features) * s * (1.0 - s))
        return dy * activation_grad, beta_grad
    return features * M.sigmoid(beta * features), grad


silu = swish


# ============================================================================================
# Normalization
# ============================================================================================
def moments(x, axes, shift=None, keepdims=False, name=None):
    """(mean, variance) of `x` over `axes` (variance is the biased sample variance).

    >>> tf.nn.moments(tf.constant([1.0, 2.0, 3.0, 4.0]), axes=[0])
    (<tf.Tensor: shape=(), dtype=float32, numpy=2.5>, <tf.Tensor: shape=(), dtype=float32, numpy=1.25>)
    """
    x = t(x)
    y = M.cast(x, D.float32) if x.dtype == D.float16 else x
    mean = M.reduce_mean(y, axes, keepdims=True)
    variance = M.reduce_mean(M.squared_difference(y, A.stop_gradient(mean)), axes, keepdims=True)
    if not keepdims:
        squeeze = list(axis_tuple(axes, x._value.ndim, "Mean"))
        mean, variance = A.squeeze(mean, squeeze), A.squeeze(variance, squeeze)
    if x.dtype == D.float16:
        return M.cast(mean, D.float16), M.cast(variance, D.float16)
    return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """(x - mean) * scale / sqrt(variance + epsilon) + offset (offset and scale may be None).

    >>> tf.nn.batch_normalization(tf.constant([1.0, 3.0]), 2.0, 1.0, None, None, 0.0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  1.], dtype=float32)>
    """
    x = t(x)
    inv = M.rsqrt(t(variance) + variance_epsilon)
    if scale is not None:
        inv = inv * scale
    shift = offset - t(mean) * inv if offset is not None else -t(mean) * inv
    return x * M.cast(inv, x.dtype) + M.cast(shift, x.dtype)


def l2_loss(t_, name=None):
    """sum(t ** 2) / 2, a scalar.

    >>> tf.nn.l2_loss(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
    """
    return unary(L2_LOSS, t_)


def bias_add(value, bias, data_format=None, name=None):
    """value + bias along the channel dimension (last, or the second for NC... formats).

    >>> tf.nn.bias_add(tf.zeros([2, 3]), [1.0, 2.0, 3.0])
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[1., 2., 3.],
           [1., 2., 3.]], dtype=float32)>
    """
    channels_first = False
    if data_format is not None:
        if data_format.startswith("NC"):
            channels_first = True
        elif not (data_format.startswith("N") and data_format.endswith("C")):
            raise ValueError(f"`data_format` must be of the form `N...C` or `NC...`. Received: "
                             f"data_format={data_format}")
    value, bias = pair(value, bias, "BiasAdd")
    vs, bs = value._value.shape, bias._value.shape
    if len(vs) < 2:
        raise op_error(InvalidArgumentError, "BiasAdd", f"Input tensor must be at least 2D: "
                                                        f"{_dims(vs)}")
    if len(bs) != 1:
        raise op_error(InvalidArgumentError, "BiasAdd", f"Biases must be 1D: {_dims(bs)}")
    channel = 1 if channels_first else -1
    if vs[channel] != bs[0]:
        raise op_error(InvalidArgumentError, "BiasAdd",
                       f"Must provide as many biases as the {'channel' if channels_first else 'last'}"
                       f" dimension of the input tensor: {_dims(bs)} vs. {_dims(vs)}")
    if channels_first:
        bias = A.reshape(bias, (bs[0],) + (1,) * (len(vs) - 2))
    return M.add(value, bias)


# ============================================================================================
# Losses
# ============================================================================================
def _same_shape(a, b, what_a, what_b):
    if a._value.shape != b._value.shape:
        raise ValueError(f"`{what_a}` and `{what_b}` must have the same shape, received "
                         f"({a.shape} vs {b.shape}).")


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """Per-element logistic loss max(x, 0) - x * z + log(1 + exp(-|x|)), x = logits, z = labels.

    >>> tf.nn.sigmoid_cross_entropy_with_logits(labels=[1.0, 0.0], logits=[2.0, -1.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.126928  , 0.31326163], dtype=float32)>
    """
    if labels is None or logits is None:
        raise ValueError("Both labels and logits must be provided for "
                         "sigmoid_cross_entropy_with_logits")
    logits, labels = t(logits), t(labels)
    _same_shape(logits, labels, "logits", "labels")
    zeros = A.zeros_like(logits)
    cond = M.greater_equal(logits, zeros)
    relu_logits = A.where(cond, logits, zeros)
    neg_abs_logits = A.where(cond, -logits, logits)
    return M.add(relu_logits - logits * labels, M.log1p(M.exp(neg_abs_logits)))


def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    """The logistic loss with the positive term weighted by `pos_weight`.

    >>> tf.nn.weighted_cross_entropy_with_logits([1.0, 0.0], [2.0, -1.0], pos_weight=3.0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.380784  , 0.31326163], dtype=float32)>
    """
    logits, labels = t(logits), t(labels)
    _same_shape(logits, labels, "logits", "labels")
    log_weight = 1 + (pos_weight - 1) * labels
    return M.add((1 - labels) * logits,
                 log_weight * (M.log1p(M.exp(-M.abs(logits))) + relu(-logits)))


def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    """exp(log_input) - log_input * targets, plus Stirling's term when `compute_full_loss`.

    >>> tf.nn.log_poisson_loss(targets=[1.0, 2.0], log_input=[0.0, 1.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.      , 0.718282], dtype=float32)>
    """
    log_input, targets = t(log_input), t(targets)
    if log_input._value.shape != targets._value.shape:
        raise ValueError(f"`log_input` and `targets` must have the same shape, received "
                         f"({log_input.shape} vs {targets.shape}).")
    result = M.exp(log_input) - log_input * targets
    if compute_full_loss:
        point_five = wrap(np.asarray(0.5, targets._value.dtype)[()])
        two_pi = wrap(np.asarray(2 * math.pi, targets._value.dtype)[()])
        stirling_approx = targets * M.log(targets) - targets + point_five * M.log(two_pi * targets)
        zeros, ones = A.zeros_like(targets), A.ones_like(targets)
        cond = M.logical_and(M.greater_equal(targets, zeros), M.less_equal(targets, ones))
        result = result + A.where(cond, zeros, stirling_approx)
    return result


def compute_average_loss(per_example_loss, sample_weight=None, global_batch_size=None):
    """sum(per_example_loss * sample_weight) / global_batch_size (default: the batch size).

    >>> tf.nn.compute_average_loss([1.0, 2.0, 3.0], global_batch_size=6)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    loss = t(per_example_loss)
    dtype = loss.dtype
    if loss._value.ndim == 0:
        raise ValueError(f"Invalid value passed for `per_example_loss`. Expected a tensor with at "
                         f"least rank 1. Received per_example_loss={loss} with rank 0")
    if sample_weight is not None:
        weight = M.cast(t(sample_weight), D.float32)
        loss = M.cast(loss, D.float32)
        wr, lr = weight._value.ndim, loss._value.ndim
        if wr and wr - lr == 1:
            weight = A.squeeze(weight, [-1])
        elif wr and lr - wr == 1:
            weight = A.expand_dims(weight, -1)
        loss = M.cast(loss * weight, dtype)
    if global_batch_size is None:
        global_batch_size = loss._value.shape[0]
    gbs = t(global_batch_size)
    if gbs._value.ndim != 0:
        raise ValueError("global_batch_size must be scalar.")
    if gbs._value.dtype.kind not in "iu":
        raise TypeError("global_batch_size must be an integer.")
    if gbs._value < 0:
        raise InvalidArgumentError(None, None, "global_batch_size must be non-negative.")
    return M.div_no_nan(M.reduce_sum(loss), M.cast(gbs, dtype))


# ============================================================================================
# Dropout and embedding lookup
# ============================================================================================
def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """Zeroes each element with probability `rate` and scales the rest by 1 / (1 - rate).

    >>> tf.nn.dropout(tf.ones([4]), rate=0.0)
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([1., 1., 1., 1.], dtype=float32)>
    """
    is_number = isinstance(rate, (int, float, np.integer, np.floating)) and not isinstance(rate, bool)
    if is_number and not 0 <= rate < 1:
        raise ValueError(f"`rate` must be a scalar tensor or a float in the range [0, 1). "
                         f"Received: rate={rate}")
    x = t(x)
    if not x.dtype.is_floating:
        raise ValueError(f"`x.dtype` must be a floating point tensor as `x` will be scaled. "
                         f"Received: x_dtype={x.dtype!r}")
    if is_number and rate == 0:
        R._rng(seed)  # keeps the stateful random sequence as if a mask had been drawn, as TF
        return x
    if is_number:
        kept = x * wrap(np.asarray(1 / (1 - rate), x._value.dtype)[()])
    else:
        rate = t(rate)
        if rate._value.ndim != 0:
            raise ValueError(f"Shape {rate.shape} must have rank 0")
        if rate.dtype != x.dtype:
            raise ValueError(f"`x.dtype` must be compatible with `rate.dtype`. Received: x.dtype="
                             f"{x.dtype} and rate.dtype={rate.dtype}")
        kept = M.realdiv(x, 1 - rate)
    shape = x._value.shape
    if noise_shape is not None:
        dims = [None if d is None else int(d) for d in (
            noise_shape.as_list() if hasattr(noise_shape, "as_list") else list(noise_shape))]
        if len(dims) == len(shape):
            dims = [s if d is None else d for d, s in zip(dims, shape)]
        shape = dims
    if None in tuple(shape):  # dimensions known only when a graph runs: TF's array_ops.shape(x)
        dynamic = A.shape(x)
        shape = [dynamic[i] if d is None else d for i, d in enumerate(shape)]
    keep = M.greater_equal(R.uniform(shape, dtype=x.dtype, seed=seed), rate)
    return A.where(keep, kept, wrap(np.zeros((), x._value.dtype)[()]))


def embedding_lookup(params, ids, max_norm=None, name=None):
    """Rows of `params` at `ids` (a gather on axis 0); a list of shards is split by "div", so it
    reads as their concatenation. With `max_norm`, rows with a larger L2 norm are scaled down.

    >>> tf.nn.embedding_lookup(tf.constant([[0.0, 1.0], [2.0, 3.0]]), [1, 1, 0])
    <tf.Tensor: shape=(3, 2), dtype=float32, numpy=
    array([[2., 3.],
           [2., 3.],
           [0., 1.]], dtype=float32)>
    """
    if isinstance(params, (list, tuple)):
        if not params:
            raise ValueError("`params` must be specified and non-empty. Received: params=[]")
        params = params[0] if len(params) == 1 else A.concat(list(params), 0)
    ids = t(ids)
    result = A.gather(params, ids)
    if max_norm is not None:
        result = clip_by_norm(result, max_norm, axes=list(range(ids._value.ndim, result._value.ndim)))
    return result
