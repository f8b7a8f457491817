"""`tf.compat.v1.losses`: TF 1's loss functions, each a weighted reduction of per-element losses
(by default the sum divided by the number of nonzero weights). Built in a TF 1 graph, a loss is
added to the `LOSSES` collection, as TF does.

    >>> tf.compat.v1.losses.mean_squared_error([1.0, 2.0], [2.0, 4.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
"""
import tapeflow as _tf

__all__ = ["Reduction", "absolute_difference", "add_loss", "compute_weighted_loss",
           "cosine_distance", "get_losses", "get_regularization_loss",
           "get_regularization_losses", "get_total_loss", "hinge_loss", "huber_loss", "log_loss",
           "mean_pairwise_squared_error", "mean_squared_error", "sigmoid_cross_entropy",
           "softmax_cross_entropy", "sparse_softmax_cross_entropy"]


class Reduction:
    """How `compute_weighted_loss` reduces the weighted losses."""

    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE,
                cls.SUM_OVER_NONZERO_WEIGHTS, cls.SUM_BY_NONZERO_WEIGHTS)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError(f"Invalid Reduction Key {key}.")


def _in_graph():
    from ..framework.graph import building_graph
    g = building_graph()
    return g is not None and not g.building_function


def add_loss(loss, loss_collection="losses"):
    """Adds `loss` to `loss_collection` (in a TF 1 graph; eagerly, as TF, nothing)."""
    if loss_collection and _in_graph():
        _tf.compat.v1.add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection="losses"):
    return _tf.compat.v1.get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    return _tf.compat.v1.get_collection("regularization_losses", scope)


def get_regularization_loss(scope=None, name="total_regularization_loss"):
    losses = get_regularization_losses(scope)
    return _tf.add_n(losses) if losses else _tf.constant(0.0)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    losses = get_losses(scope)
    if add_regularization_losses:
        losses = losses + get_regularization_losses(scope)
    return _tf.add_n(losses)


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection="losses",
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """`losses * weights`, reduced as `reduction` says.

    >>> tf.compat.v1.losses.compute_weighted_loss([1.0, 3.0], weights=[1.0, 0.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    Reduction.validate(reduction)
    losses = _tf.convert_to_tensor(losses)
    input_dtype = losses.dtype
    losses = _tf.cast(losses, _tf.float32) if input_dtype != _tf.float64 else losses
    weights = _tf.cast(_tf.convert_to_tensor(weights), losses.dtype)
    weighted = losses * weights
    if reduction == Reduction.NONE:
        loss = weighted
    else:
        loss = _tf.reduce_sum(weighted)
        if reduction == Reduction.MEAN:
            loss = _tf.math.divide_no_nan(
                loss, _tf.reduce_sum(_tf.ones_like(losses) * weights))
        elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
            loss = _tf.math.divide_no_nan(loss, _tf.cast(_tf.size(losses), loss.dtype))
        elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
            nonzero = _tf.reduce_sum(_tf.cast(_tf.not_equal(
                _tf.ones_like(losses) * weights, 0.0), loss.dtype))
            loss = _tf.math.divide_no_nan(loss, nonzero)
    loss = _tf.cast(loss, input_dtype) if loss.dtype != input_dtype else loss
    add_loss(loss, loss_collection)
    return loss


def _pair(labels, predictions, name_l="labels", name_p="predictions"):
    if labels is None:
        raise ValueError(f"Argument `{name_l}` must not be None.")
    if predictions is None:
        raise ValueError(f"Argument `{name_p}` must not be None.")
    p = _tf.cast(_tf.convert_to_tensor(predictions), _tf.float32)
    lab = _tf.cast(_tf.convert_to_tensor(labels), _tf.float32)
    p.shape.assert_is_compatible_with(lab.shape)
    return lab, p


def mean_squared_error(labels, predictions, weights=1.0, scope=None, loss_collection="losses",
                       reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted squared difference of `labels` and `predictions`."""
    lab, p = _pair(labels, predictions)
    return compute_weighted_loss(_tf.math.squared_difference(p, lab), weights, scope,
                                 loss_collection, reduction)


def absolute_difference(labels, predictions, weights=1.0, scope=None, loss_collection="losses",
                        reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted absolute difference of `labels` and `predictions`."""
    lab, p = _pair(labels, predictions)
    return compute_weighted_loss(_tf.abs(p - lab), weights, scope, loss_collection, reduction)


def log_loss(labels, predictions, weights=1.0, epsilon=1e-7, scope=None,
             loss_collection="losses", reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """The weighted logistic loss of probabilities `predictions`."""
    lab, p = _pair(labels, predictions)
    losses = -lab * _tf.math.log(p + epsilon) - (1 - lab) * _tf.math.log(1 - p + epsilon)
    return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def huber_loss(labels, predictions, weights=1.0, delta=1.0, scope=None,
               loss_collection="losses", reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """Quadratic within `delta` of the label, linear beyond."""
    lab, p = _pair(labels, predictions)
    error = _tf.abs(p - lab)
    quadratic = _tf.minimum(error, delta)
    linear = error - quadratic
    losses = 0.5 * quadratic * quadratic + delta * linear
    return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def hinge_loss(labels, logits, weights=1.0, scope=None, loss_collection="losses",
               reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """`relu(1 - (2 * labels - 1) * logits)` for labels in {0, 1}."""
    lab, z = _pair(labels, logits, "labels", "logits")
    losses = _tf.nn.relu(1.0 - (2.0 * lab - 1.0) * z)
    return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def cosine_distance(labels, predictions, axis=None, weights=1.0, scope=None,
                    loss_collection="losses", reduction=Reduction.SUM_BY_NONZERO_WEIGHTS,
                    dim=None):
    """`1 - sum(labels * predictions, axis)` for unit-normalized inputs."""
    if dim is not None:
        axis = dim
    if axis is None:
        raise ValueError("You must specify argument `axis`.")
    lab, p = _pair(labels, predictions)
    losses = 1 - _tf.reduce_sum(lab * p, axis=axis, keepdims=True)
    return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0,
                          scope=None, loss_collection="losses",
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """Sigmoid cross-entropy of `logits`, labels smoothed towards 1/2."""
    lab, z = _pair(multi_class_labels, logits, "multi_class_labels", "logits")
    if label_smoothing > 0:
        lab = lab * (1 - label_smoothing) + 0.5 * label_smoothing
    losses = _tf.nn.sigmoid_cross_entropy_with_logits(labels=lab, logits=z)
    return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection="losses", reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """Softmax cross-entropy per example, labels smoothed towards uniform."""
    lab, z = _pair(onehot_labels, logits, "onehot_labels", "logits")
    if label_smoothing > 0:
        n = _tf.cast(_tf.shape(lab)[-1], lab.dtype)
        lab = lab * (1 - label_smoothing) + label_smoothing / n
    losses = _tf.nn.softmax_cross_entropy_with_logits(labels=lab, logits=z)
    return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None,
                                 loss_collection="losses",
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """Softmax cross-entropy per example with integer class `labels`."""
    if labels is None or logits is None:
        raise ValueError("Argument `labels` and `logits` must not be None.")
    z = _tf.cast(_tf.convert_to_tensor(logits), _tf.float32)
    losses = _tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=_tf.convert_to_tensor(labels), logits=z)
    return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def mean_pairwise_squared_error(labels, predictions, weights=1.0, scope=None,
                                loss_collection="losses"):
    raise NotImplementedError("tf.compat.v1.losses.mean_pairwise_squared_error is not "
                              "implemented in tapeflow")
