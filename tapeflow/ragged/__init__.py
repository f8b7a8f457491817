"""`tf.ragged`: RaggedTensors (see `ragged_tensor`) and the ops made for them.

    >>> print(tf.ragged.range([2, 0, 1]))
    <tf.RaggedTensor [[0, 1], [], [0]]>
"""
from .ragged_ops import boolean_mask, constant, constant_value, map_flat_values, stack
from .ragged_ops import ragged_range as range
from .ragged_tensor import RaggedTensor, RaggedTensorSpec

__all__ = ["RaggedTensor", "RaggedTensorSpec", "boolean_mask", "constant", "constant_value",
           "cross", "cross_hashed", "map_flat_values", "range", "row_splits_to_segment_ids",
           "segment_ids_to_row_splits", "stack", "stack_dynamic_partitions"]


def _vector(x, what):
    from ..framework import dtypes
    from ..framework.tensor import convert_to_tensor
    t = convert_to_tensor(x, dtype_hint=dtypes.int64)
    if t.shape.rank != 1:
        raise ValueError(f"Shape {t.shape} must have rank 1")
    if t.dtype not in (dtypes.int32, dtypes.int64):
        raise ValueError(f"{what} must be int32 or int64, got {t.dtype.name}")
    return t


def row_splits_to_segment_ids(splits, name=None, out_type=None):
    """The row of each value, from row splits (`out_type` defaults to the splits' dtype).

    >>> print(tf.ragged.row_splits_to_segment_ids([0, 2, 2, 5]))
    tf.Tensor([0 0 2 2 2], shape=(5,), dtype=int64)
    """
    from ..framework import dtypes
    from ..prims import ragged as PR
    splits = _vector(splits, "splits")
    dtype = splits.dtype if out_type is None else dtypes.as_dtype(out_type)
    return PR.fold(PR.PARTITION, (splits,), {"target": "rowids", "dtype": dtype._np})


def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    """Row splits from sorted segment ids (`num_segments` rows, by default one past the last id).

    >>> print(tf.ragged.segment_ids_to_row_splits([0, 0, 2]))
    tf.Tensor([0 2 2 3], shape=(4,), dtype=int64)
    """
    from ..framework import dtypes
    from ..framework.tensor import convert_to_tensor
    from ..prims import ragged as PR
    from ..prims.math import cast
    ids = _vector(segment_ids, "segment_ids")
    dtype = ids.dtype if out_type is None else dtypes.as_dtype(out_type)
    n = convert_to_tensor(-1 if num_segments is None else num_segments, ids.dtype)
    splits = PR.fold(PR.SPLITS_FROM_ROWIDS, (ids, n), {"validate": False})
    return splits if splits.dtype == dtype else cast(splits, dtype._np)


def stack_dynamic_partitions(data, partitions, num_partitions, name=None):
    """The items of `data` grouped by their partition (a RaggedTensor of num_partitions rows).

    >>> print(tf.ragged.stack_dynamic_partitions([10, 20, 30], [1, 0, 1], 2))
    <tf.RaggedTensor [[20], [10, 30]]>
    """
    from ..framework import dtypes
    from ..framework.tensor import convert_to_tensor
    from ..prims import ragged as PR
    from .ragged_ops import gather_rows
    from .ragged_tensor import RaggedTensor
    if not isinstance(data, RaggedTensor):
        data = convert_to_tensor(data)
    partitions = convert_to_tensor(partitions, dtypes.int32)
    if partitions.shape.rank != 1:
        raise ValueError(f"partitions must have rank 1, got {partitions.shape}")
    n = convert_to_tensor(num_partitions, dtypes.int64)
    order, ids = PR.fold(PR.PARTITION_ORDER, (partitions, n))
    return RaggedTensor.from_value_rowids(gather_rows(data, order), ids, nrows=n,
                                          validate=False)


def _cross_parts(x, i):
    from ..framework import dtypes
    from ..framework.sparse_tensor import SparseTensor
    from ..framework.tensor import convert_to_tensor
    from ..ops.string_ops import as_string
    from .ragged_tensor import RaggedTensor
    if isinstance(x, SparseTensor):
        x = RaggedTensor.from_sparse(x)
    elif not isinstance(x, RaggedTensor):
        t = convert_to_tensor(x)
        if t.shape.rank != 2:
            raise ValueError(f"tf.ragged.cross inputs must be rank 2, got {t.shape}")
        x = RaggedTensor.from_tensor(t)
    if x.ragged_rank != 1 or x.shape.rank != 2:
        raise ValueError(f"tf.ragged.cross inputs must be rank 2, got {x.shape}")
    values = x.values
    if values.dtype not in (dtypes.string, dtypes.int64):
        raise ValueError(f"Unexpected dtype for inputs[{i}]: {values.dtype}")
    if values.dtype == dtypes.int64:
        values = as_string(values)
    return values, x.row_splits


def cross(inputs, name=None):
    """Row by row, every combination of one feature from each input, joined with '_X_' (the
    inputs are RaggedTensors, dense Tensors or SparseTensors of rank 2, strings or int64).

    >>> print(tf.ragged.cross([tf.ragged.constant([["a", "b"], ["c"]]),
    ...                        tf.constant([["x"], ["y"]])]))
    <tf.RaggedTensor [[b'a_X_x', b'b_X_x'], [b'c_X_y']]>
    """
    from ..prims import ragged as PR
    from .ragged_tensor import RaggedTensor
    inputs = list(inputs)
    if not inputs:
        raise ValueError("tf.ragged.cross needs at least one input")
    parts = []
    for i, x in enumerate(inputs):
        parts.extend(_cross_parts(x, i))
    values, splits = PR.fold(PR.CROSS, tuple(parts))
    return RaggedTensor.from_row_splits(values, splits, validate=False)


def cross_hashed(inputs, num_buckets=0, hash_key=None, name=None):
    raise NotImplementedError("tf.ragged.cross_hashed is not implemented in tapeflow")
