"""Neural-network ops (`tf.nn`): activations, softmax and the cross-entropy losses.

    >>> tf.nn.relu(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
"""
import numpy as np

from ..prims import base as _P
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, apply2, defop
from . import array_ops as A
from . import math_ops as M
from ._common import FLOAT, REAL, pair, t, unary

sigmoid = M.sigmoid
tanh = M.tanh
softplus = M.softplus


def _relu_mask(y):
    return M.greater(y, A.zeros_like(y))


# ReluGrad(g, y) is a primitive, as in TF, so the second derivative of relu is connected (zeros).
def _relu_grad_np(g, y):
    """g where y > 0, else 0 (TF's select: a NaN or inf in g at an inactive unit gives 0)."""
    mask = y > 0
    out = g * mask  # faster than np.where; differs only where g is not finite
    if not np.isfinite(np.add.reduce(out, axis=None)):  # (a non-finite sum covers every such case)
        out = np.where(mask, g, g.dtype.type(0))
    return out[()]


RELU_GRAD = defop("ReluGrad", _relu_grad_np,
                  lambda op, gg: (A.where(_relu_mask(op.inputs[1]), gg, A.zeros_like(gg)),
                                  A.zeros_like(op.inputs[1])),
                  # d/dy is zero, so only the incoming gradient's tangent carries through
                  lambda op, dg, dy: None if dg is None else A.where(_relu_mask(op.inputs[1]), dg,
                                                                     A.zeros_like(dg)))
RELU = defop("Relu", lambda v: np.maximum(v, v.dtype.type(0)),
             lambda op, g: apply2(RELU_GRAD, g, op.outputs[0]),
             lambda op, dx: A.where(_relu_mask(op.outputs[0]), dx, A.zeros_like(dx)), allowed=REAL)


def relu(features, name=None):
    """max(features, 0); the gradient at 0 is 0, as TF.

    >>> tf.nn.relu([-1.0, 0.0, 2.0])
    """
    return unary(RELU, features)


# -- softmax ----------------------------------------------------------------------------------
def _softmax_np(v):
    e = np.exp(v - np.max(v, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _log_softmax_np(v):
    shifted = v - np.max(v, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def _softmax_grad(op, g):  # y * (g - <g, y>)
    y = op.outputs[0]
    return y * (g - M.reduce_sum(g * y, -1, keepdims=True))


def _log_softmax_grad(op, g):  # g - softmax * sum(g)
    y = op.outputs[0]
    return g - M.exp(y) * M.reduce_sum(g, -1, keepdims=True)


def _log_softmax_jvp(op, dx):  # dx - <softmax, dx>: the Jacobian I - 1 softmax^T is not symmetric
    y = op.outputs[0]
    return dx - M.reduce_sum(M.exp(y) * dx, -1, keepdims=True)


SOFTMAX = defop("Softmax", _softmax_np, _softmax_grad, _softmax_grad, allowed=FLOAT)
LOG_SOFTMAX = defop("LogSoftmax", _log_softmax_np, _log_softmax_grad, _log_softmax_jvp,
                    allowed=FLOAT)


def _on_last_axis(op, x, axis):
    x = t(x)
    nd = x._value.ndim
    if nd == 0:
        raise op_error(InvalidArgumentError, op.name, "logits must have >= 1 dimension, got []")
    axis = int(axis) % nd
    if axis == nd - 1:
        return unary(op, x)
    perm = list(range(nd))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return A.transpose(unary(op, A.transpose(x, perm)), perm)


def softmax(logits, axis=None, name=None):
    """exp(logits) / sum(exp(logits)) along `axis` (default last).

    >>> tf.nn.softmax([1.0, 1.0])
    """
    return _on_last_axis(SOFTMAX, logits, -1 if axis is None else axis)


def log_softmax(logits, axis=None, name=None):
    """logits - log(sum(exp(logits))) along `axis` (default last).

    >>> tf.nn.log_softmax([0.0, 0.0])
    """
    return _on_last_axis(LOG_SOFTMAX, logits, -1 if axis is None else axis)


# -- cross-entropy losses ------------------------------------------------------------------------
def _xent_forward(labels, logits):
    return -np.sum(labels * _log_softmax_np(logits), axis=-1)


def _xent_grad(op, g):
    """TF's fused rule: d/dlogits = g * (softmax - labels), d/dlabels = -g * log_softmax."""
    labels, logits = op.inputs
    g = A.expand_dims(g, -1)
    needs = op.needs_input_grad or (True, True)
    d_labels = -g * log_softmax(logits) if needs[0] else None
    d_logits = g * (softmax(logits) - labels) if needs[1] else None
    return d_labels, d_logits


def _xent_jvp(op, dlabels, dlogits):
    labels, logits = op.inputs
    out = None
    if dlogits is not None:
        out = M.reduce_sum((softmax(logits) - labels) * dlogits, -1)
    if dlabels is not None:
        term = -M.reduce_sum(log_softmax(logits) * dlabels, -1)
        out = term if out is None else out + term
    return out


XENT = defop("SoftmaxCrossEntropyWithLogits", _xent_forward, _xent_grad, _xent_jvp, allowed=FLOAT)


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """-sum(labels * log_softmax(logits)) along `axis`, per example.

    >>> tf.nn.softmax_cross_entropy_with_logits([[0.0, 1.0]], [[0.0, 0.0]])
    """
    logits = t(logits)
    labels, logits = pair(labels, logits, "SoftmaxCrossEntropyWithLogits")
    if labels._value.shape != logits._value.shape:
        try:
            labels = A.broadcast_to(labels, logits._value.shape)
        except InvalidArgumentError:
            raise op_error(InvalidArgumentError, "SoftmaxCrossEntropyWithLogits",
                           f"logits and labels must be broadcastable: logits_size="
                           f"{list(logits._value.shape)} labels_size={list(labels._value.shape)}"
                           ) from None
    nd = logits._value.ndim
    axis = int(axis) % nd
    if axis != nd - 1:
        perm = list(range(nd))
        perm[axis], perm[-1] = perm[-1], perm[axis]
        labels, logits = A.transpose(labels, perm), A.transpose(logits, perm)
    if logits._value.dtype not in XENT._allowed_np:
        from ..framework.errors import dtype_not_allowed
        raise dtype_not_allowed(XENT, logits.dtype)
    return apply2(XENT, labels, logits)


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


def _softmax_vjp(y, g):  # y * (g - <g, y>)
    return y * (g - M.reduce_sum(g * y, -1, keepdims=True))


def _sparse_xent_grad(op, g_loss, g_backprop):
    """d/dlogits = g * backprop; the backprop output (softmax - one_hot) is differentiable too,
    which a second derivative uses."""
    labels, logits = op.inputs
    backprop = op.outputs[1]
    out = None if g_loss is None else A.expand_dims(g_loss, -1) * backprop
    if g_backprop is not None:
        probs = backprop + A.one_hot(labels, logits._value.shape[-1], dtype=logits.dtype)
        term = _softmax_vjp(probs, g_backprop)
        out = term if out is None else out + term
    return None, out


def _sparse_xent_jvp(op, dlabels, dlogits):
    labels, logits = op.inputs
    backprop = op.outputs[1]
    probs = backprop + A.one_hot(labels, logits._value.shape[-1], dtype=logits.dtype)
    return M.reduce_sum(backprop * dlogits, -1), _softmax_vjp(probs, dlogits)


SPARSE_XENT = defop("SparseSoftmaxCrossEntropyWithLogits", _sparse_xent_forward, _sparse_xent_grad,
                    _sparse_xent_jvp, num_outputs=2)


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    """-log_softmax(logits)[label] per example; `labels` are class indices.

    >>> tf.nn.sparse_softmax_cross_entropy_with_logits([1], [[0.0, 0.0]])
    """
    labels, logits = t(labels), t(logits)
    if labels._value.dtype.kind not in "iu":
        raise TypeError(f"Value passed to parameter 'labels' has DataType {labels.dtype.name} not in "
                        f"list of allowed values: int32, int64")
    if logits._value.dtype not in (np.float16, np.float32, np.float64):
        raise TypeError(f"Value passed to parameter 'features' has DataType {logits.dtype.name} not "
                        f"in list of allowed values: half, bfloat16, float32, float64")
    if logits._value.ndim == 0 or labels._value.shape != logits._value.shape[:-1]:
        raise ValueError(f"`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                         f"labels.shape={labels.shape} of rank {labels._value.ndim} and "
                         f"logits.shape={logits.shape} of rank {logits._value.ndim}")
    return apply(SPARSE_XENT, (labels, logits))[0]


# These rules broadcast over extra leading batch axes of their cotangents (vectorized jacobians).
for _op in (RELU, RELU_GRAD, SOFTMAX, LOG_SOFTMAX, XENT, SPARSE_XENT):
    _op.batched_grad = True


# vmap batch rules: these ops treat leading axes as batch already.
RELU.batch = _P.unary
RELU_GRAD.batch = _P.elementwise
for _op in (SOFTMAX, LOG_SOFTMAX, XENT, SPARSE_XENT):
    _op.batch = _P.leading
