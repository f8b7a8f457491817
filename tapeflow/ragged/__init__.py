"""`tf.ragged`: RaggedTensors (see `ragged_tensor`) and the ops made for them.

    >>> print(tf.ragged.range([2, 0, 1]))
    <tf.RaggedTensor [[0, 1], [], [0]]>
"""
from .ragged_ops import boolean_mask, constant, constant_value, map_flat_values, stack
from .ragged_ops import ragged_range as range
from .ragged_tensor import RaggedTensor, RaggedTensorSpec

__all__ = ["RaggedTensor", "RaggedTensorSpec", "boolean_mask", "constant", "constant_value",
           "map_flat_values", "range", "stack"]


def stack_dynamic_partitions(data, partitions, num_partitions, name=None):
    raise NotImplementedError("tf.ragged.stack_dynamic_partitions is not implemented in tapeflow")


def cross(inputs, name=None):
    raise NotImplementedError("tf.ragged.cross is not implemented in tapeflow")
