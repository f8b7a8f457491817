"""`tf.nn`: activations, softmax and cross-entropy losses."""
from .ops.nn_ops import (log_softmax, relu, sigmoid, softmax, softmax_cross_entropy_with_logits,  # noqa: F401
                         softplus, sparse_softmax_cross_entropy_with_logits, tanh)
