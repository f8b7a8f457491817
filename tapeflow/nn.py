"""`tf.nn`: activations, convolution and pooling, normalization, softmax and the losses."""
from .ops.nn_ops import (log_softmax, relu, sigmoid, softmax, softmax_cross_entropy_with_logits,  # noqa: F401
                         softplus, softsign, sparse_softmax_cross_entropy_with_logits, tanh)
from .ops.special_math_ops import in_top_k, top_k  # noqa: F401,E402
from .ops.nn_conv_ops import (avg_pool, avg_pool1d, avg_pool2d, avg_pool3d, conv1d,  # noqa: F401,E402
                              conv1d_transpose, conv2d, conv2d_transpose, conv3d, conv3d_transpose,
                              convolution, depthwise_conv2d, max_pool, max_pool1d, max_pool2d,
                              max_pool3d, pool)
from .ops.nn_extra_ops import (batch_normalization, bias_add, compute_average_loss, dropout, elu,  # noqa: F401,E402
                               embedding_lookup, gelu, l2_loss, leaky_relu, log_poisson_loss, moments,
                               relu6, selu, sigmoid_cross_entropy_with_logits, silu, swish,
                               weighted_cross_entropy_with_logits)
from .ops.special_math_ops import l2_normalize  # noqa: F401,E402


def embedding_lookup_sparse(params, sp_ids, sp_weights, combiner="mean", max_norm=None,
                            name=None, allow_fast_lookup=False):
    """Combined embeddings of each row of a SparseTensor of ids (see `tf.sparse` ops)."""
    from .ops.sparse_ops import embedding_lookup_sparse as impl
    return impl(params, sp_ids, sp_weights, combiner, max_norm)


_dense_embedding_lookup = embedding_lookup


def embedding_lookup(params, ids, max_norm=None, name=None):  # noqa: F811 - ragged ids
    """Rows of `params` at `ids`; RaggedTensor ids give a RaggedTensor of embeddings."""
    from .framework.composite_tensor import CompositeTensor
    if isinstance(ids, CompositeTensor):
        return ids.with_flat_values(_dense_embedding_lookup(params, ids.flat_values, max_norm))
    return _dense_embedding_lookup(params, ids, max_norm)
