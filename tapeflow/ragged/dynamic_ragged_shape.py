"""`tf.experimental.DynamicRaggedShape` and `RowPartition`: the shape of a RaggedTensor (what
`tf.shape(rt)` returns), usable with `tf.reshape`, `tf.zeros`, `tf.ones` and `tf.fill`.

    >>> print(tf.shape(tf.ragged.constant([[1], [2, 3]])))
    <DynamicRaggedShape lengths=[2, (1, 2)] num_row_partitions=1>
"""
import numpy as np

from ..framework import dtypes
from ..framework.tensor import convert_to_tensor, wrap
from .ragged_tensor import RaggedTensor


class RowPartition:
    """How a dimension is split into rows: its row splits."""

    def __init__(self, row_splits):
        self._row_splits = np.asarray(row_splits, np.int64)

    @classmethod
    def from_row_lengths(cls, row_lengths, validate=True, dtype=None, dtype_hint=None):
        lengths = np.asarray(getattr(row_lengths, "_value", row_lengths), np.int64)
        return cls(np.concatenate([[0], np.cumsum(lengths)]))

    @classmethod
    def from_row_splits(cls, row_splits, validate=True, dtype=None, dtype_hint=None):
        return cls(np.asarray(getattr(row_splits, "_value", row_splits)))

    def row_splits(self):
        return wrap(self._row_splits)

    def row_lengths(self):
        return wrap(np.diff(self._row_splits))

    def nrows(self):
        return wrap(np.int64(len(self._row_splits) - 1))

    def __repr__(self):
        return f"tf.RowPartition(row_splits={self.row_splits()})"


class DynamicRaggedShape:
    """A shape whose dimensions after the first may be ragged: row partitions (outermost
    first) and the shape of the flat values (`inner_shape`)."""

    def __init__(self, row_partitions, inner_shape, dtype=None, validate=True,
                 static_inner_shape=None):
        self._partitions = list(row_partitions)
        inner = np.asarray(getattr(inner_shape, "_value", inner_shape), np.int64).reshape(-1)
        self._inner = inner
        self._dtype = dtypes.int32 if dtype is None and not self._partitions else (
            dtypes.int64 if dtype is None else dtypes.as_dtype(dtype))

    @classmethod
    def from_tensor(cls, t):
        if isinstance(t, RaggedTensor):
            parts = [RowPartition(s._value) for s in t.nested_row_splits]
            inner = np.asarray(t.flat_values._value).shape
            return cls(parts, list(inner), dtype=t.row_splits_dtype)
        shape = np.asarray(convert_to_tensor(t)._value).shape
        return cls([], list(shape), dtype=dtypes.int32)

    @classmethod
    def from_lengths(cls, lengths, num_row_partitions=None, dtype=dtypes.int64):
        """From a list whose entries are ints (uniform dimensions) or tuples (row lengths)."""
        lengths = list(lengths)
        parts = []
        total = lengths[0]
        last_ragged = max([i for i, d in enumerate(lengths) if isinstance(d, (tuple, list))],
                          default=0)
        for d in lengths[1:last_ragged + 1]:
            if isinstance(d, (tuple, list)):
                parts.append(RowPartition.from_row_lengths(d))
                total = int(np.sum(d))
            else:
                parts.append(RowPartition(np.arange(total + 1) * d))
                total *= d
        inner = [total] + [int(d) for d in lengths[last_ragged + 1:]]
        return cls(parts, inner, dtype=dtype)

    @property
    def num_row_partitions(self):
        return len(self._partitions)

    @property
    def rank(self):
        return len(self._partitions) + len(self._inner)

    @property
    def row_partitions(self):
        return tuple(self._partitions)

    @property
    def inner_shape(self):
        return wrap(self._inner.astype(self._dtype._np))

    def _lengths(self):
        if not self._partitions:
            return [int(d) for d in self._inner]
        out = [len(self._partitions[0]._row_splits) - 1]
        for p in self._partitions:
            lens = np.diff(p._row_splits)
            if len(lens) and np.all(lens == lens[0]) and False:
                out.append(int(lens[0]))
            else:
                out.append(tuple(int(v) for v in lens))
        return out + [int(d) for d in self._inner[1:]]

    def __getitem__(self, index):
        lengths = self._lengths()
        if isinstance(index, slice):
            picked = lengths[index]
            if index.start in (None, 0) and all(not isinstance(d, tuple) for d in picked):
                return DynamicRaggedShape([], picked, dtype=self._dtype)
            return DynamicRaggedShape.from_lengths(picked, dtype=self._dtype)
        d = lengths[index]
        if isinstance(d, tuple):
            raise ValueError(f"Index {index} is not uniform")
        return wrap(np.asarray(d, self._dtype._np)[()])

    def _splits(self):
        return [p._row_splits for p in self._partitions]

    def _build(self, flat):
        from ..ops.array_ops import reshape
        flat = reshape(flat, [int(d) for d in self._inner])
        result = flat
        for s in reversed(self._splits()):
            result = RaggedTensor._make(result, wrap(s.astype(self._dtype._np)))
        return result

    def _reshape(self, tensor):
        return self._build(convert_to_tensor(tensor))

    def _fill(self, kind, arg):
        from ..ops import array_ops as A
        shape = [int(d) for d in self._inner]
        if kind == "fill":
            flat = A.fill(shape, arg)
        else:
            flat = getattr(A, kind)(shape, dtype=arg)
        return self._build(flat)

    def __repr__(self):
        text = ", ".join(str(d) if not isinstance(d, tuple) else
                         "(" + ", ".join(str(v) for v in d) + ")" for d in self._lengths())
        return (f"<DynamicRaggedShape lengths=[{text}] "
                f"num_row_partitions={self.num_row_partitions}>")

    __str__ = __repr__
