"""`tf.experimental`: the shapes of ragged tensors (`DynamicRaggedShape`, `RowPartition`)."""
from .ragged.dynamic_ragged_shape import DynamicRaggedShape, RowPartition

__all__ = ["DynamicRaggedShape", "RowPartition"]
