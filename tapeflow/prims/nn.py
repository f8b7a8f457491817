"""Neural-network primitives: relu and its gradient, softmax and log-softmax, the fused softmax
cross-entropy losses, and TF's other activation primitives (Relu6, Elu, Selu, LeakyRelu,
Softsign) and L2Loss. Each primitive is one complete record; its unchecked binder follows it.

Softmax-like ops work on the last axis (the public layer transposes other axes there) and treat
the leading axes as batch axes, so vmap runs them on the batched value as it is. The fused
losses return TF's second output too: `backprop`, the gradient with respect to the logits that
the forward computes anyway, which the gradient rule reuses.

    >>> from tapeflow.prims import nn as PN
    >>> PN.relu(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
"""
import functools

import numpy as np

from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, apply1, apply2, defop
from . import array as PA
from . import base as P
from . import math as PM
from ._common import (
    FLOAT,
    REAL,
    aval,
    broadcast,
    broadcast_shapes,
    bshape,
    same,
    scalar_like,
)
from .base import elementwise, leading, unary
from .math import elementwise_op

_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717


def _last_axis(x):
    return (x._value.ndim - 1,)


def _with_last_axis(g):
    """g with a trailing axis of size 1 (a per-row cotangent against per-class values)."""
    return P.reshape(g, g._value.shape + (1,))


# ============================================================================================
# Relu and ReluGrad. ReluGrad is a primitive, as in TF, so the second derivative of relu is
# connected (zeros) and forward mode through a gradient sees its JVP.
# ============================================================================================
def _relu_grad_np(g, y):
    """g where y > 0, else 0 (TF's select: a NaN or inf in g at an inactive unit gives 0)."""
    mask = y > 0
    out = g * mask  # faster than np.where; differs only where g is not finite
    if not np.isfinite(np.add.reduce(out, axis=None)):  # (a non-finite sum covers every such case)
        out = np.where(mask, g, g.dtype.type(0))
    return out[()]


RELU_GRAD = defop("ReluGrad", _relu_grad_np,
                  lambda op, gg: (relu_grad(gg, op.inputs[1]), P.zeros_like(op.inputs[1])),
                  # d/dy is zero, so only the incoming gradient's tangent carries through
                  lambda op, dg, dy: None if dg is None else relu_grad(dg, op.inputs[1]),
                  allowed=REAL, shape=broadcast, batch=elementwise, batched_grad=True)


def relu_grad(g, y):
    """g where y > 0, else 0."""
    return apply2(RELU_GRAD, g, y)


RELU = defop("Relu", lambda v: np.maximum(v, v.dtype.type(0)),
             lambda op, g: apply2(RELU_GRAD, g, op.outputs[0]),
             lambda op, dx: apply2(RELU_GRAD, dx, op.outputs[0]),
             allowed=REAL, shape=same, batch=unary, batched_grad=True)


def relu(x):
    return apply1(RELU, x)


# ============================================================================================
# Softmax and LogSoftmax (last axis)
# ============================================================================================
def _softmax_np(v):
    if v.shape[-1] == 0:  # nothing to normalize: an empty result, as TF
        return np.empty(v.shape, v.dtype)
    e = np.exp(v - np.max(v, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _log_softmax_np(v):
    if v.shape[-1] == 0:
        return np.empty(v.shape, v.dtype)
    shifted = v - np.max(v, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def softmax_vjp(y, g):
    """y * (g - <g, y>) over the last axis: the softmax Jacobian (symmetric) applied to g."""
    return PM.mul(y, PM.sub(g, P.reduce_sum(PM.mul(g, y), _last_axis(g), True)))


def _log_softmax_grad(op, g):  # g - softmax * sum(g)
    return PM.sub(g, PM.mul(PM.exp(op.outputs[0]), P.reduce_sum(g, _last_axis(g), True)))


def _log_softmax_jvp(op, dx):  # dx - <softmax, dx>: the Jacobian I - 1 softmax^T is not symmetric
    return PM.sub(dx, P.reduce_sum(PM.mul(PM.exp(op.outputs[0]), dx), _last_axis(dx), True))


SOFTMAX = defop("Softmax", _softmax_np, lambda op, g: softmax_vjp(op.outputs[0], g),
                lambda op, dx: softmax_vjp(op.outputs[0], dx),
                allowed=FLOAT, shape=same, batch=leading, batched_grad=True)
LOG_SOFTMAX = defop("LogSoftmax", _log_softmax_np, _log_softmax_grad, _log_softmax_jvp,
                    allowed=FLOAT, shape=same, batch=leading, batched_grad=True)


def softmax(x):
    """Softmax over the last axis."""
    return apply1(SOFTMAX, x)


def log_softmax(x):
    """Log-softmax over the last axis."""
    return apply1(LOG_SOFTMAX, x)


# ============================================================================================
# SoftmaxCrossEntropyWithLogits (dense labels) and its sparse form. Both return (loss,
# backprop); the public functions return the loss.
# ============================================================================================
def _xent_forward(labels, logits):
    """(loss, backprop) as TF's fused kernel: loss = -sum(labels * log_softmax(logits)) and
    backprop = softmax(logits) - labels (the logits' gradient when the labels sum to one)."""
    if logits.shape[-1] == 0:
        return np.zeros(logits.shape[:-1], logits.dtype)[()], np.empty(logits.shape, logits.dtype)
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    e = np.exp(shifted)
    total = np.add.reduce(e, axis=-1, keepdims=True)
    loss = -np.add.reduce(labels * (shifted - np.log(total)), axis=-1)
    return loss.astype(logits.dtype)[()], e / total - labels


def _xent_grad(op, g_loss, g_backprop):
    """TF's rule: d/dlogits = g * backprop, d/dlabels = -g * log_softmax(logits). The backprop
    output is differentiable too (softmax(logits) - labels), which second derivatives reach."""
    logits = op.inputs[1]
    needs = op.needs_input_grad or (True, True)
    d_labels = d_logits = None
    if g_loss is not None:
        g = _with_last_axis(g_loss)
        if needs[0]:
            d_labels = PM.mul(g, PM.neg(log_softmax(logits)))
        if needs[1]:
            d_logits = PM.mul(g, op.outputs[1])
    if g_backprop is not None:
        if needs[0]:
            d_labels = _sum(d_labels, PM.neg(g_backprop))
        if needs[1]:
            d_logits = _sum(d_logits, softmax_vjp(softmax(logits), g_backprop))
    return d_labels, d_logits


def _xent_jvp(op, dlabels, dlogits):
    logits = op.inputs[1]
    backprop = op.outputs[1]
    d_loss = d_backprop = None
    if dlogits is not None:
        d_loss = P.reduce_sum(PM.mul(backprop, dlogits), _last_axis(dlogits))
        d_backprop = softmax_vjp(softmax(logits), dlogits)
    if dlabels is not None:
        d_loss = _sum(d_loss, PM.neg(P.reduce_sum(PM.mul(log_softmax(logits), dlabels),
                                                  _last_axis(dlabels))))
        d_backprop = _sum(d_backprop, PM.neg(dlabels))
    return d_loss, d_backprop


def _xent_shape(labels, logits):
    shape = broadcast_shapes(labels.shape, logits.shape)
    return aval(shape[:-1], logits.dtype), aval(shape, logits.dtype)


XENT = defop("SoftmaxCrossEntropyWithLogits", _xent_forward, _xent_grad, _xent_jvp,
             num_outputs=2, allowed=FLOAT, shape=_xent_shape, batch=leading, batched_grad=True)


def softmax_cross_entropy(labels, logits):
    """(loss, backprop) over the last axis; labels and logits of one shape."""
    return apply(XENT, (labels, logits))


def _sparse_xent_forward(labels, logits):
    """(loss, backprop) as TF's fused kernel: loss = logsumexp(logits) - logits[label] and
    backprop = softmax(logits) - one_hot(label), the gradient the rule reuses."""
    n = logits.shape[-1]
    bad = (labels < 0) | (labels >= n)
    if np.any(bad):
        raise op_error(InvalidArgumentError, "SparseSoftmaxCrossEntropyWithLogits",
                       f"Received a label value of {int(labels[bad].reshape(-1)[0])} which is outside "
                       f"the valid range of [0, {n}).  Label values: "
                       f"{' '.join(str(int(v)) for v in np.asarray(labels).reshape(-1))}")
    if n == 0:  # (only reached with no labels at all)
        return np.zeros(labels.shape, logits.dtype)[()], np.empty(logits.shape, logits.dtype)
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    e = np.exp(shifted)
    total = np.add.reduce(e, axis=-1, keepdims=True)
    backprop = e / total
    rows = np.arange(labels.size)  # the label entries, by flat row
    cols = np.asarray(labels, np.intp).reshape(-1)
    picked = shifted.reshape(-1, n)[rows, cols].reshape(labels.shape)
    loss = np.log(total[..., 0]) - picked
    backprop.reshape(-1, n)[rows, cols] -= 1
    return loss.astype(logits.dtype)[()], backprop


def _probabilities(op):
    """softmax(logits), recovered from the backprop output (backprop + one_hot(labels))."""
    labels, logits = op.inputs
    dtype = logits._value.dtype
    hot = PA.one_hot(labels, logits._value.shape[-1], np.ones((), dtype), np.zeros((), dtype), -1,
                     dtype)
    return PM.add(op.outputs[1], hot)


def _sparse_xent_grad(op, g_loss, g_backprop):
    """d/dlogits = g * backprop; the backprop output (softmax - one_hot) is differentiable too,
    which a second derivative uses."""
    out = None if g_loss is None else PM.mul(_with_last_axis(g_loss), op.outputs[1])
    if g_backprop is not None:
        out = _sum(out, softmax_vjp(_probabilities(op), g_backprop))
    return None, out


def _sparse_xent_jvp(op, dlabels, dlogits):
    if dlogits is None:
        return None, None
    return (P.reduce_sum(PM.mul(op.outputs[1], dlogits), _last_axis(dlogits)),
            softmax_vjp(_probabilities(op), dlogits))


SPARSE_XENT = defop("SparseSoftmaxCrossEntropyWithLogits", _sparse_xent_forward,
                    _sparse_xent_grad, _sparse_xent_jvp, num_outputs=2, allowed=FLOAT,
                    shape=lambda labels, logits: (aval(labels.shape, logits.dtype),
                                                  aval(logits.shape, logits.dtype)),
                    batch=leading, batched_grad=True)


def sparse_softmax_cross_entropy(labels, logits):
    """(loss, backprop); `labels` are class indices with logits' shape minus its last axis."""
    return apply(SPARSE_XENT, (labels, logits))


def _sum(a, b):
    if a is None:
        return b
    return b if b is None else PM.add(a, b)


# ============================================================================================
# TF's other activation primitives
# ============================================================================================
def _relu6_grad_np(g, x):
    """g where 0 < x < 6, else 0 (TF's Relu6Grad: a select)."""
    mask = (x > 0) & (x < 6)
    return np.where(mask, g, np.zeros((), g.dtype))[()]


# Relu6Grad and LeakyReluGrad are primitives, as in TF: the second derivative is connected
# (zeros), and the gradient is a select, so it stays 0 where the mask is off whatever g holds.
RELU6_GRAD = defop("Relu6Grad", _relu6_grad_np,
                   lambda op, gg: (relu6_grad(gg, op.inputs[1]), P.zeros_like(op.inputs[1])),
                   lambda op, dg, dx: None if dg is None else relu6_grad(dg, op.inputs[1]),
                   allowed=REAL, shape=broadcast, batch=elementwise, batched_grad=True)


def relu6_grad(g, x):
    return apply2(RELU6_GRAD, g, x)


RELU6 = defop("Relu6", lambda v: np.minimum(np.maximum(v, v.dtype.type(0)), v.dtype.type(6)),
              lambda op, g: relu6_grad(g, op.inputs[0]),
              lambda op, dx: relu6_grad(dx, op.inputs[0]),
              allowed=REAL, shape=same, batch=unary, batched_grad=True)


def relu6(x):
    return apply1(RELU6, x)


# TF's Elu and Selu kernels compute exp(x) - 1 (not expm1), so a tiny negative x gives 0; their
# gradients (EluGrad, SeluGrad) read the output, y < 0 exactly where that exp(x) - 1 < 0.
def _elu_np(v):
    return np.where(v < 0, np.exp(v) - v.dtype.type(1), v)


def _selu_np(v):
    neg = (_SELU_SCALE * _SELU_ALPHA) * (np.exp(v) - v.dtype.type(1))
    return np.where(v < 0, neg, _SELU_SCALE * v).astype(v.dtype)


ELU = elementwise_op(
    "Elu", _elu_np,
    lambda x, y: P.select(PM.less(y, scalar_like(y, 0)), PM.add(y, scalar_like(y, 1)),
                          scalar_like(y, 1)), allowed=FLOAT)
SELU = elementwise_op(
    "Selu", _selu_np,
    lambda x, y: P.select(PM.less(y, scalar_like(y, 0)),
                          PM.add(y, scalar_like(y, _SELU_SCALE * _SELU_ALPHA)),
                          scalar_like(y, _SELU_SCALE)), allowed=FLOAT)


def elu(x):
    return apply1(ELU, x)


def selu(x):
    return apply1(SELU, x)


def _leaky_relu_grad_np(g, x, alpha):
    return np.where(x > 0, g, g * g.dtype.type(alpha))[()]


LEAKY_RELU_GRAD = defop(
    "LeakyReluGrad", _leaky_relu_grad_np,
    lambda op, gg: (leaky_relu_grad(gg, op.inputs[1], op.attrs["alpha"]),
                    P.zeros_like(op.inputs[1])),
    lambda op, dg, dx: None if dg is None else leaky_relu_grad(dg, op.inputs[1],
                                                               op.attrs["alpha"]),
    allowed=FLOAT, shape=broadcast, batch=elementwise, batched_grad=True)


def leaky_relu_grad(g, x, alpha):
    """g where x > 0, alpha * g elsewhere."""
    return apply2(LEAKY_RELU_GRAD, g, x, {"alpha": alpha})


# `alpha` is a float attribute, 32-bit as TF stores it (so float64 inputs see 0.2 as
# 0.20000000298023224, as in TF).
LEAKY_RELU = defop(
    "LeakyRelu", lambda v, alpha: np.where(v > 0, v, v * v.dtype.type(alpha)),
    lambda op, g: leaky_relu_grad(g, op.inputs[0], op.attrs["alpha"]),
    lambda op, dx: leaky_relu_grad(dx, op.inputs[0], op.attrs["alpha"]),
    allowed=FLOAT, shape=same, batch=unary, batched_grad=True)


_float32 = functools.lru_cache(maxsize=256)(np.float32)  # alpha values repeat: convert once


def leaky_relu(x, alpha):
    return apply1(LEAKY_RELU, x, {"alpha": _float32(alpha)})


def _softsign_denominator(x):  # (1 + |x|)^2: infinite at x = +-inf, so the gradient there is 0
    return PM.square(PM.add(PM.abs_(x), scalar_like(x, 1)))


SOFTSIGN = defop(
    "Softsign", lambda v: v / (np.abs(v) + v.dtype.type(1)),
    lambda op, g: PM.div(g, _softsign_denominator(op.inputs[0])),  # TF's SoftsignGrad
    lambda op, dx: PM.div(dx, _softsign_denominator(op.inputs[0])),
    allowed=FLOAT, shape=same, batch=unary, batched_grad=True)


def softsign(x):
    return apply1(SOFTSIGN, x)


# ============================================================================================
# L2Loss: sum(x ** 2) / 2 over all elements
# ============================================================================================
def _l2_loss_np(v):
    return np.add.reduce(np.square(v) * v.dtype.type(0.5), axis=None, dtype=v.dtype)


def _l2_loss_grad(op, g):
    x = op.inputs[0]
    batch = bshape(op, g)
    if batch:
        g = P.reshape(g, batch + (1,) * x._value.ndim)
    return PM.mul(x, g)


def _l2_loss_batch(op, args, dims, attrs):
    """The same sum per example: half squares summed over every axis but the batch axis."""
    x = P.move_to_front(args[0], dims[0])
    half = PM.mul(PM.square(x), scalar_like(x, 0.5))
    return P.reduce_sum(half, tuple(range(1, x._value.ndim))), 0


L2_LOSS = defop("L2Loss", _l2_loss_np, _l2_loss_grad,
                lambda op, dx: P.reduce_sum(PM.mul(op.inputs[0], dx), tuple(range(dx._value.ndim))),
                allowed=FLOAT, shape=lambda a: aval((), a.dtype), batch=_l2_loss_batch,
                batched_grad=True)


def l2_loss(x):
    return apply1(L2_LOSS, x)
