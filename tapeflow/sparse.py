"""`tf.sparse`: SparseTensor and conversions to and from dense tensors."""
from .framework.sparse_tensor import (
    SparseTensor,
    SparseTensorSpec,
    from_dense,
    to_dense,
)

__all__ = ["SparseTensor", "SparseTensorSpec", "from_dense", "to_dense"]
