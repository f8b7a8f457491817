"""Neural-network ops, public API (`tf.nn`): relu, softsign, softmax and the softmax
cross-entropy losses. Each function converts and checks its arguments (TF's dtype rules and
errors) and calls the primitive layer (`tapeflow.prims.nn`), where the ops' records live.

    >>> tf.nn.relu(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
"""
import numpy as np

from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply
from ..prims import base as P
from ..prims import math as PM
from ..prims.nn import LOG_SOFTMAX, RELU, SOFTMAX, SOFTSIGN, SPARSE_XENT, XENT
from . import array_ops as A
from . import math_ops as M
from ._common import pair, t, unary

sigmoid = M.sigmoid
tanh = M.tanh
softplus = M.softplus


def relu(features, name=None):
    """max(features, 0); the gradient at 0 is 0, as TF.

    >>> tf.nn.relu([-1.0, 0.0, 2.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 0., 2.], dtype=float32)>
    """
    return unary(RELU, features)


def softsign(features, name=None):
    """features / (1 + |features|) (also `tf.math.softsign`); the gradient is
    1 / (1 + |x|)^2, so 0 at +-inf, as TF.

    >>> tf.nn.softsign([1.0, -3.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 0.5 , -0.75], dtype=float32)>
    """
    return unary(SOFTSIGN, features)


# -- softmax ----------------------------------------------------------------------------------
def _swap_to_last(x, axis):
    """The permutation swapping `axis` with the last one (None when it is the last)."""
    nd = x._value.ndim
    axis = int(axis) % nd
    if axis == nd - 1:
        return None
    perm = list(range(nd))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return tuple(perm)


def _on_last_axis(op, x, axis):
    x = t(x)
    nd = x._value.ndim
    if nd == 0:
        op.check(x)
        raise op_error(InvalidArgumentError, op.name, "logits must have >= 1 dimension, got []")
    if axis == -1 or axis == nd - 1:  # the common case: no transposes
        return unary(op, x)
    op.check(x)
    if not -nd <= int(axis) < nd:
        raise InvalidArgumentError(None, None, f"`dim` must be in the range [{-nd}, {nd}) where {nd} "
                                   f"is the number of dimensions in the input. Received: dim={axis}")
    perm = _swap_to_last(x, axis)
    if perm is None:
        return apply(op, (x,))
    return P.transpose(apply(op, (P.transpose(x, perm),)), perm)


def softmax(logits, axis=None, name=None):
    """exp(logits) / sum(exp(logits)) along `axis` (default last).

    >>> tf.nn.softmax([1.0, 1.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 0.5], dtype=float32)>
    """
    return _on_last_axis(SOFTMAX, logits, -1 if axis is None else axis)


def log_softmax(logits, axis=None, name=None):
    """logits - log(sum(exp(logits))) along `axis` (default last).

    >>> tf.nn.log_softmax([0.0, 0.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.6931472, -0.6931472], dtype=float32)>
    """
    return _on_last_axis(LOG_SOFTMAX, logits, -1 if axis is None else axis)


# -- cross-entropy losses ------------------------------------------------------------------------
def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """-sum(labels * log_softmax(logits)) along `axis`, per example.

    >>> tf.nn.softmax_cross_entropy_with_logits([[0.0, 1.0]], [[0.0, 0.0]])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.6931472], dtype=float32)>
    """
    logits = t(logits)
    labels, logits = pair(labels, logits, "SoftmaxCrossEntropyWithLogits")
    XENT.check(logits)
    if labels._value.shape != logits._value.shape:
        try:
            labels = A.broadcast_to(labels, logits._value.shape)
        except InvalidArgumentError:
            raise op_error(InvalidArgumentError, "SoftmaxCrossEntropyWithLogits",
                           f"logits and labels must be broadcastable: logits_size="
                           f"{list(logits._value.shape)} labels_size={list(labels._value.shape)}"
                           ) from None
    if logits._value.ndim == 0:
        raise op_error(InvalidArgumentError, "SoftmaxCrossEntropyWithLogits",
                       "logits and labels must be either 2-dimensional, or broadcasted to be "
                       "2-dimensional")
    perm = _swap_to_last(logits, axis)
    if perm is not None:
        labels, logits = P.transpose(labels, perm), P.transpose(logits, perm)
    if logits._value.dtype == np.float16:  # TF computes half losses in float32
        return PM.cast(apply(XENT, (PM.cast(labels, np.float32), PM.cast(logits, np.float32)))[0],
                       np.float16)
    return apply(XENT, (labels, logits))[0]


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
    """-log_softmax(logits)[label] per example; `labels` are class indices.

    >>> tf.nn.sparse_softmax_cross_entropy_with_logits([1], [[0.0, 0.0]])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.6931472], dtype=float32)>
    """
    labels, logits = t(labels), t(logits)
    if labels._value.dtype not in (np.int32, np.int64):
        raise op_error(InvalidArgumentError, SPARSE_XENT.name,
                       f"Value for attr 'Tlabels' of {labels.dtype.name} is not in the list of "
                       f"allowed values: int32, int64")
    SPARSE_XENT.check(logits)
    if logits._value.ndim == 0 or labels._value.shape != logits._value.shape[:-1]:
        raise ValueError(f"`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                         f"labels.shape={labels.shape} of rank {labels._value.ndim} and "
                         f"logits.shape={logits.shape} of rank {logits._value.ndim}")
    if logits._value.dtype == np.float16:  # TF computes half losses in float32
        return PM.cast(apply(SPARSE_XENT, (labels, PM.cast(logits, np.float32)))[0], np.float16)
    return apply(SPARSE_XENT, (labels, logits))[0]

