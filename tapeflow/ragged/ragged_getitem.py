"""Indexing and slicing RaggedTensors (`rt[1]`, `rt[1:, :2]`, `rt[:, -1:]`), as TF does:
the outermost dimension is indexed like a list, a ragged inner dimension can be sliced per row
but not indexed with an integer.

    >>> rt = tf.ragged.constant([[1, 2, 3], [4]])
    >>> print(rt[:, :2])
    <tf.RaggedTensor [[1, 2], [4]]>
"""
import numpy as np

from ..framework.tensor import Tensor
from .ragged_tensor import RaggedTensor


def _normalize(key):
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    for k in key:
        if isinstance(k, Tensor):
            k = np.asarray(k._value).item() if np.ndim(k._value) == 0 else k
        elif isinstance(k, np.integer):
            k = int(k)
        out.append(k)
    return out


def _expand_ellipsis(key, rank):
    if Ellipsis not in key:
        return key
    i = key.index(Ellipsis)
    n = rank - (len(key) - 1 - key.count(None))
    return key[:i] + [slice(None)] * max(n, 0) + key[i + 1:]


def getitem(rt, key):
    key = _expand_ellipsis(_normalize(key), rt.shape.rank)
    if any(k is None for k in key):
        raise NotImplementedError("tf.newaxis in RaggedTensor indexing is not implemented in "
                                  "tapeflow")
    if len(key) > rt.shape.rank:
        raise ValueError("Too many indices for RaggedTensor")
    return _outer(rt, key)


def _rows(x):
    return x.nrows_np() if isinstance(x, RaggedTensor) else np.asarray(x._value).shape[0]


def _row(rt, i):
    s = rt.splits_np()
    values = rt._values
    if isinstance(values, RaggedTensor):
        from .ragged_ops import _gather_rows
        from .ragged_tensor import RaggedTensor as R
        out = _gather_rows(values, np.arange(s[i], s[i + 1]))
        return R._make(out._values, out._row_splits, values._uniform_row_length)
    return values[int(s[i]):int(s[i + 1])]


def _outer(rt, key):
    if not key:
        return rt
    k, rest = key[0], key[1:]
    n = rt.nrows_np()
    if isinstance(k, (int, np.integer)):
        i = int(k)
        if not -n <= i < n:
            raise IndexError(f"Index {i} out of range for a RaggedTensor with {n} rows")
        row = _row(rt, i % n)
        if not rest:
            return row
        return _outer(row, rest) if isinstance(row, RaggedTensor) else row[tuple(rest)]
    if isinstance(k, slice):
        from .ragged_ops import _gather_rows
        rows = np.arange(n)[k]
        if k == slice(None):
            sub = rt
        else:
            sub = _gather_rows(rt, rows)
            sub = RaggedTensor._make(sub._values, sub._row_splits, rt._uniform_row_length)
        return _inner(sub, rest)
    raise TypeError(f"Cannot index a RaggedTensor with {type(k).__name__}")


def _inner(rt, key):
    """Applies `key` to dimensions 1.. of `rt` (dimension 0 is kept whole)."""
    if not key:
        return rt
    from .ragged_ops import _gather_rows, _ranges
    k, rest = key[0], key[1:]
    if rt._uniform_row_length is not None and isinstance(k, (int, np.integer)):
        raise ValueError("Cannot index into an inner ragged dimension.")
    if isinstance(k, (int, np.integer)):
        raise ValueError("Cannot index into an inner ragged dimension.")
    if not isinstance(k, slice):
        raise TypeError(f"Cannot index a RaggedTensor with {type(k).__name__}")
    if k == slice(None):
        sub = rt
    else:
        s = rt.splits_np()
        lengths = np.diff(s)
        picked = []
        new_lengths = []
        for start, length in zip(s[:-1], lengths):
            idx = np.arange(length)[k]
            picked.append(start + idx)
            new_lengths.append(len(idx))
        idx = np.concatenate(picked).astype(np.int64) if picked else np.zeros(0, np.int64)
        values = _gather_rows(rt._values, idx)
        splits = np.concatenate([[0], np.cumsum(new_lengths)]).astype(s.dtype)
        sub = RaggedTensor._make(values, splits)
        del _ranges
    if not rest:
        return sub
    values = sub._values
    if isinstance(values, RaggedTensor):
        return sub.with_values(_inner(values, rest))
    return sub.with_values(values[(slice(None),) + tuple(rest)])
