"""`tf.nn`: activations, convolution and pooling, normalization, softmax and the losses."""
from .ops.nn_conv_ops import (
    avg_pool,
    avg_pool1d,
    avg_pool2d,
    avg_pool3d,
    conv1d,
    conv1d_transpose,
    conv2d,
    conv2d_transpose,
    conv3d,
    conv3d_transpose,
    convolution,
    depthwise_conv2d,
    max_pool,
    max_pool1d,
    max_pool2d,
    max_pool3d,
    pool,
)
from .ops.nn_extra_ops import (
    batch_normalization,
    bias_add,
    dropout,
    elu,
    embedding_lookup,
    gelu,
    l2_loss,
    leaky_relu,
    log_poisson_loss,
    moments,
    relu6,
    selu,
    sigmoid_cross_entropy_with_logits,
    silu,
    swish,
    weighted_cross_entropy_with_logits,
)
from .ops.nn_ops import (
    log_softmax,
    relu,
    sigmoid,
    softmax,
    softmax_cross_entropy_with_logits,
    softplus,
    softsign,
    sparse_softmax_cross_entropy_with_logits,
    tanh,
)
from .ops.special_math_ops import in_top_k, l2_normalize, top_k


def embedding_lookup_sparse(params, sp_ids, sp_weights, combiner="mean", max_norm=None,
                            name=None, allow_fast_lookup=False):
    """Combined embeddings of each row of a SparseTensor of ids (see `tf.sparse` ops)."""
    from .ops.sparse_ops import embedding_lookup_sparse as impl
    return impl(params, sp_ids, sp_weights, combiner, max_norm)


_dense_embedding_lookup = embedding_lookup


def embedding_lookup(params, ids, max_norm=None, name=None):
    """Rows of `params` at `ids`; RaggedTensor ids give a RaggedTensor of embeddings."""
    from .framework.composite_tensor import CompositeTensor
    if isinstance(ids, CompositeTensor):
        return ids.with_flat_values(_dense_embedding_lookup(params, ids.flat_values, max_norm))
    return _dense_embedding_lookup(params, ids, max_norm)


def compute_average_loss(per_example_loss, sample_weight=None, global_batch_size=None):
    """sum(per_example_loss * sample_weight) / global_batch_size. Without `global_batch_size`,
    the local batch size times the strategy's `num_replicas_in_sync` (inside `strategy.run`,
    each replica's share of the global mean, so summing over replicas gives the mean).

    >>> tf.nn.compute_average_loss([1.0, 2.0, 3.0], global_batch_size=6)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    from .ops.nn_extra_ops import compute_average_loss as impl
    if global_batch_size is None:
        replicas = _replicas_in_sync("compute_average_loss")
        if replicas > 1:
            from .framework.tensor import convert_to_tensor
            loss = convert_to_tensor(per_example_loss)
            if loss.shape.rank:
                from .ops import array_ops, math_ops
                global_batch_size = math_ops.multiply(array_ops.shape(loss, out_type="int64")[0],
                                                      replicas)
    return impl(per_example_loss, sample_weight, global_batch_size)


def scale_regularization_loss(regularization_loss):
    """The sum of `regularization_loss` (a tensor or a list) divided by the number of replicas
    in sync, so that summing the replicas' gradients counts it once.

    >>> tf.nn.scale_regularization_loss([tf.constant(1.0), tf.constant(2.0)])
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    """
    from .ops import math_ops
    if isinstance(regularization_loss, (list, tuple)):
        regularization_loss = math_ops.add_n(list(regularization_loss))
    replicas = _replicas_in_sync("scale_regularization_loss")
    return math_ops.multiply(regularization_loss, 1.0 / replicas)


def _replicas_in_sync(what):
    import sys
    dl = sys.modules.get("tapeflow.distribute.distribute_lib")
    if dl is None:
        return 1
    if dl.has_strategy() and dl.in_cross_replica_context():
        raise RuntimeError(f"You are calling `{what}` in cross replica context, while it was "
                           f"expected to be called in replica context.")
    return dl.num_replicas_in_sync()
