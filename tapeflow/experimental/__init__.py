"""`tf.experimental`: the shapes of ragged tensors (`DynamicRaggedShape`, `RowPartition`) and
`tf.experimental.numpy` (loaded on first use).

    >>> tf.experimental.numpy.ones([2]).dtype
    tf.float64
"""
from ..framework.extension_type import (
    BatchableExtensionType,
    ExtensionType,
    ExtensionTypeSpec,
)
from ..ragged.dynamic_ragged_shape import DynamicRaggedShape, RowPartition

__all__ = ["BatchableExtensionType", "DynamicRaggedShape", "ExtensionType", "ExtensionTypeSpec",
           "RowPartition", "dtensor", "numpy"]


def __getattr__(name):
    if name in ("numpy", "dtensor"):
        import importlib
        value = importlib.import_module("." + name, __name__)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tapeflow.experimental' has no attribute '{name}'")
