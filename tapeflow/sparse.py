"""`tf.sparse`: SparseTensor and conversions to and from dense tensors."""
from .framework.sparse_tensor import SparseTensor, SparseTensorSpec, from_dense, to_dense  # noqa: F401
