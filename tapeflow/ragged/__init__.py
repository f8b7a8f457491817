"""`tf.ragged`: RaggedTensors (see `ragged_tensor`) and the ops made for them.

    >>> print(tf.ragged.range([2, 0, 1]))
    <tf.RaggedTensor [[0, 1], [], [0]]>
"""
from .ragged_ops import boolean_mask, constant, constant_value, map_flat_values, stack
from .ragged_ops import ragged_range as range
from .ragged_tensor import RaggedTensor, RaggedTensorSpec

__all__ = ["RaggedTensor", "RaggedTensorSpec", "boolean_mask", "constant", "constant_value",
           "map_flat_values", "range", "row_splits_to_segment_ids",
           "segment_ids_to_row_splits", "stack"]


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
    raise NotImplementedError("tf.ragged.stack_dynamic_partitions is not implemented in tapeflow")


def cross(inputs, name=None):
    raise NotImplementedError("tf.ragged.cross is not implemented in tapeflow")
