"""`tf.sparse`: SparseTensor and the ops on it (see `tapeflow.ops.sparse_ops`)."""
from .framework.sparse_tensor import SparseTensor, SparseTensorSpec, from_dense
from .ops.sparse_ops import (add, bincount, concat, expand_dims, eye, fill_empty_rows, map_values,  # noqa: A004
                             mask, matmul, maximum, minimum, reduce_max, reduce_sum, reorder,
                             reset_shape, reshape, retain, segment_mean, segment_sqrt_n,
                             segment_sum, slice, softmax, sparse_dense_matmul, split, to_dense,
                             to_indicator, transpose)

__all__ = ["SparseTensor", "SparseTensorSpec", "add", "bincount", "concat", "expand_dims", "eye",
           "fill_empty_rows", "from_dense", "map_values", "mask", "matmul", "maximum", "minimum",
           "reduce_max", "reduce_sum", "reorder", "reset_shape", "reshape", "retain",
           "segment_mean", "segment_sqrt_n", "segment_sum", "slice", "softmax",
           "sparse_dense_matmul", "split", "to_dense", "to_indicator", "transpose"]
