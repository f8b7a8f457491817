"""`tf.experimental.DynamicRaggedShape` and `RowPartition`: the shape of a RaggedTensor (what
`tf.shape(rt)` returns, int32 unless `out_type` says otherwise), usable with `tf.reshape`,
`tf.zeros`, `tf.ones` and `tf.fill`. Its partitions are tensors, so it works in graphs too
(printing the static lengths there: None for what is known only at run time).

    >>> print(tf.shape(tf.ragged.constant([[1], [2, 3]])))
    <DynamicRaggedShape lengths=[2, (1, 2)] num_row_partitions=1>
"""
import numpy as np

from ..framework import dtypes
from ..framework.composite_tensor import CompositeTensor
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..prims import ragged as PR
from .ragged_tensor import RaggedTensor, _cast, is_static, shape_vector


def _int_vector(v, dtype):
    if isinstance(v, Tensor):
        return v
    return wrap(np.asarray(getattr(v, "_value", v), dtype._np).reshape(-1))


class RowPartition:
    """How a dimension is split into rows: its row splits (a vector tensor)."""

    def __init__(self, row_splits):
        self._row_splits = row_splits if isinstance(row_splits, Tensor) else wrap(
            np.asarray(row_splits, np.int64))

    @classmethod
    def from_row_lengths(cls, row_lengths, validate=True, dtype=None, dtype_hint=None):
        dtype = dtypes.as_dtype(dtype or dtype_hint or dtypes.int64)
        lengths = row_lengths if isinstance(row_lengths, Tensor) else _int_vector(row_lengths,
                                                                                  dtype)
        splits = PR.fold(PR.SPLITS_FROM_LENGTHS, (lengths,), {"validate": validate})
        return cls(_cast(splits, dtype))

    @classmethod
    def from_row_splits(cls, row_splits, validate=True, dtype=None, dtype_hint=None):
        dtype = dtypes.as_dtype(dtype or dtype_hint or dtypes.int64)
        splits = row_splits if isinstance(row_splits, Tensor) else _int_vector(row_splits, dtype)
        return cls(_cast(splits, dtype))

    @property
    def dtype(self):
        return self._row_splits.dtype

    def with_dtype(self, dtype):
        return RowPartition(_cast(self._row_splits, dtype))

    def row_splits(self):
        return self._row_splits

    def row_lengths(self):
        return PR.fold(PR.PARTITION, (self._row_splits,),
                       {"target": "lengths", "dtype": self._row_splits._value.dtype})

    def static_nrows(self):
        n = self._row_splits._value.shape[0]
        return None if n is None else n - 1

    def nrows(self):
        n = self.static_nrows()
        dtype = self._row_splits._value.dtype
        if n is not None:
            return wrap(np.asarray(n, dtype)[()])
        return PR.fold(PR.PARTITION, (self._row_splits,), {"target": "nrows", "dtype": dtype})

    def __repr__(self):
        return f"tf.RowPartition(row_splits={self._row_splits})"


class DynamicRaggedShape(CompositeTensor):
    """A shape whose dimensions after the first may be ragged: row partitions (outermost
    first) and the shape of the flat values (`inner_shape`)."""

    __slots__ = ("_dtype", "_inner", "_partitions")

    def __init__(self, row_partitions, inner_shape, dtype=None, validate=True,
                 static_inner_shape=None):
        partitions = list(row_partitions)
        if dtype is None:
            dtype = dtypes.int32 if not partitions else partitions[0].dtype
        self._dtype = dtypes.as_dtype(dtype)
        self._partitions = [p if p.dtype == self._dtype else p.with_dtype(self._dtype)
                            for p in partitions]
        inner = inner_shape if isinstance(inner_shape, Tensor) else _int_vector(inner_shape,
                                                                                self._dtype)
        self._inner = _cast(inner, self._dtype)

    @classmethod
    def from_tensor(cls, t, dtype=dtypes.int32):
        dtype = dtypes.as_dtype(dtype)
        if isinstance(t, RaggedTensor):
            parts = [RowPartition(_cast(s, dtype)) for s in t.nested_row_splits]
            return cls(parts, _cast(shape_vector(t.flat_values), dtype), dtype=dtype)
        return cls([], _cast(shape_vector(convert_to_tensor(t)), dtype), dtype=dtype)

    @classmethod
    def from_lengths(cls, lengths, num_row_partitions=None, dtype=dtypes.int64):
        """From a list whose entries are ints (uniform dimensions) or tuples (row lengths)."""
        lengths = list(lengths)
        dtype = dtypes.as_dtype(dtype)
        parts = []
        total = lengths[0]
        last_ragged = max([i for i, d in enumerate(lengths) if isinstance(d, (tuple, list))],
                          default=0)
        for d in lengths[1:last_ragged + 1]:
            if isinstance(d, (tuple, list)):
                parts.append(RowPartition.from_row_lengths(list(d), dtype=dtype))
                total = int(np.sum(d))
            else:
                parts.append(RowPartition(wrap((np.arange(total + 1) * d).astype(dtype._np))))
                total *= d
        inner = [total] + [int(d) for d in lengths[last_ragged + 1:]]
        return cls(parts, inner, dtype=dtype)

    @property
    def dtype(self):
        return self._dtype

    @property
    def num_row_partitions(self):
        return len(self._partitions)

    @property
    def rank(self):
        n = self._inner._value.shape[0]
        return None if n is None else len(self._partitions) + n

    @property
    def row_partitions(self):
        return tuple(self._partitions)

    @property
    def inner_shape(self):
        return self._inner

    def _is_eager(self):
        return is_static(self._inner) and all(is_static(p._row_splits) for p in self._partitions)

    @property
    def _type_spec(self):
        return DynamicRaggedShapeSpec(len(self._partitions), self._inner._value.shape[0],
                                      self._dtype)

    def _lengths(self):
        """Each dimension's size: an int, a tuple of row lengths (a ragged dimension), or None
        (known only at run time, in a graph)."""
        inner = PR.static_value(self._inner)
        if inner is None:
            n = self._inner._value.shape[0] or 0
            inner = [None] * n
        else:
            inner = [int(d) for d in np.asarray(inner)]
        if not self._partitions:
            return inner
        out = [self._partitions[0].static_nrows()]
        for p in self._partitions:
            splits = PR.static_value(p._row_splits)
            out.append(None if splits is None else tuple(int(v) for v in np.diff(splits)))
        return out + inner[1:]

    def __getitem__(self, index):
        if isinstance(index, slice):
            if not self._is_eager():
                raise NotImplementedError("slicing a DynamicRaggedShape of graph tensors is not "
                                          "implemented in tapeflow")
            lengths = self._lengths()
            picked = lengths[index]
            if index.start in (None, 0) and all(not isinstance(d, tuple) for d in picked):
                return DynamicRaggedShape([], picked, dtype=self._dtype)
            return DynamicRaggedShape.from_lengths(picked, dtype=self._dtype)
        rank = self.rank
        i = int(index)
        if i < 0 and rank is not None:
            i += rank
        k = len(self._partitions)
        if i == 0 and k:
            return self._partitions[0].nrows()
        if 0 < i <= k:
            raise ValueError(f"Index {index} is not uniform")
        j = i - k if k else i
        value = PR.static_value(self._inner)
        if value is not None:
            return wrap(np.asarray(np.asarray(value)[j], self._dtype._np)[()])
        from ..prims import base as P
        return P.gather(self._inner, wrap(np.int64(j)))

    def _build(self, flat):
        from ..ops.array_ops import reshape
        flat = reshape(flat, self._inner)
        result = flat
        for p in reversed(self._partitions):
            result = RaggedTensor._make(result, p._row_splits)
        return result

    def _reshape(self, tensor):
        return self._build(convert_to_tensor(tensor))

    def _fill(self, kind, arg):
        from ..ops import array_ops as A
        shape = self._inner
        if is_static(shape):
            shape = [int(d) for d in np.asarray(PR.static_value(shape))]
        if kind == "fill":
            flat = A.fill(shape, arg)
        else:
            flat = getattr(A, kind)(shape, dtype=arg)
        return self._build(flat)

    @classmethod
    def _composite_api(cls, name, args, kwargs):
        from . import ragged_ops
        return ragged_ops.api(name, args, kwargs)

    def __repr__(self):
        text = ", ".join("None" if d is None else str(d) if not isinstance(d, tuple) else
                         "(" + ", ".join(str(v) for v in d) + ")" for d in self._lengths())
        return (f"<DynamicRaggedShape lengths=[{text}] "
                f"num_row_partitions={self.num_row_partitions}>")

    __str__ = __repr__


class DynamicRaggedShapeSpec:
    """The type of a DynamicRaggedShape (TF's `DynamicRaggedShape.Spec`): how many row
    partitions, the length of the inner shape and the dtype; its components are the inner
    shape and each partition's row splits (so shapes pass through tf.function and tf.nest)."""

    def __init__(self, num_row_partitions, inner_rank, dtype):
        self._num_row_partitions = int(num_row_partitions)
        self._inner_rank = inner_rank
        self._dtype = dtypes.as_dtype(dtype)

    dtype = property(lambda self: self._dtype)
    num_row_partitions = property(lambda self: self._num_row_partitions)
    value_type = property(lambda self: DynamicRaggedShape)

    def _to_components(self, value):
        return [value._inner] + [p.row_splits() for p in value._partitions]

    def _from_components(self, components):
        inner, splits = components[0], components[1:]
        return DynamicRaggedShape([RowPartition(t) for t in splits], inner, dtype=self._dtype)

    @property
    def _component_specs(self):
        from ..function import TensorSpec
        return [TensorSpec([self._inner_rank], self._dtype)] + [
            TensorSpec([None], self._dtype) for _ in range(self._num_row_partitions)]

    def is_compatible_with(self, other):
        if isinstance(other, DynamicRaggedShape):
            other = other._type_spec
        return self == other

    def __eq__(self, other):
        return (isinstance(other, DynamicRaggedShapeSpec) and self._dtype == other._dtype
                and self._num_row_partitions == other._num_row_partitions
                and self._inner_rank == other._inner_rank)

    def __hash__(self):
        return hash((self._num_row_partitions, self._inner_rank, self._dtype.name))

    def __repr__(self):
        return (f"DynamicRaggedShape.Spec(num_row_partitions={self._num_row_partitions}, "
                f"inner_rank={self._inner_rank}, dtype={self._dtype!r})")


DynamicRaggedShape.Spec = DynamicRaggedShapeSpec
