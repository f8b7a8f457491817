"""Indexing and slicing RaggedTensors (`rt[1]`, `rt[1:, :2]`, `rt[:, -1:]`), as TF does:
the outermost dimension is indexed like a list, a ragged inner dimension can be sliced per row
but not indexed with an integer. Row selections are gathers whose indices come from the
row-partition kernels (`prims.ragged`), so indexing works on graph tensors too.

    >>> rt = tf.ragged.constant([[1, 2, 3], [4]])
    >>> print(rt[:, :2])
    <tf.RaggedTensor [[1, 2], [4]]>
"""
import numpy as np

from ..framework.tensor import Tensor, wrap
from ..prims import ragged as PR
from .ragged_tensor import RaggedTensor, is_static


def _normalize(key):
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    for k in key:
        if isinstance(k, Tensor):
            if is_static(k):
                v = np.asarray(PR.static_value(k))
                k = v.item() if v.ndim == 0 else k
        elif isinstance(k, np.integer):
            k = int(k)
        out.append(k)
    return out


def _expand_ellipsis(key, rank):
    # (identity tests: `in`, index() and count() would compare graph tensors with ==)
    found = [i for i, k in enumerate(key) if k is Ellipsis]
    if not found:
        return key
    i = found[0]
    n = rank - (len(key) - 1 - sum(k is None for k in key))
    return key[:i] + [slice(None)] * max(n, 0) + key[i + 1:]


def getitem(rt, key):
    key = _expand_ellipsis(_normalize(key), rt.shape.rank)
    if any(k is None for k in key):
        raise NotImplementedError("tf.newaxis in RaggedTensor indexing is not implemented in "
                                  "tapeflow")
    if len(key) > rt.shape.rank:
        raise ValueError("Too many indices for RaggedTensor")
    return _outer(rt, key)


def _dynamic_bounds(k):
    return any(isinstance(v, Tensor) and not is_static(v) for v in (k.start, k.stop))


def _bounds_rows(rt, k):
    """The row indices of slice `k` whose start or stop is a graph tensor (the step static)."""
    step = k.step
    if isinstance(step, Tensor):
        if not is_static(step):
            raise NotImplementedError("slicing a RaggedTensor with a graph-tensor step is not "
                                      "implemented in tapeflow")
        step = int(np.asarray(PR.static_value(step)))
    bounds = [wrap(np.int64(0)) if v is None else _scalar64(v) for v in (k.start, k.stop)]
    return PR.fold(PR.SLICE_ROWS_BOUNDS, (rt._row_splits, *bounds), {
        "step": 1 if step is None else int(step), "has_start": k.start is not None,
        "has_stop": k.stop is not None})


def _scalar64(v):
    from ..prims.math import cast
    return cast(v, np.int64) if isinstance(v, Tensor) else wrap(np.int64(v))


def _static_slice(k):
    for v in (k.start, k.stop, k.step):
        if isinstance(v, Tensor) and not is_static(v):
            raise NotImplementedError("slicing a ragged dimension of a RaggedTensor with "
                                      "graph-tensor bounds is not implemented in tapeflow")
    return tuple(None if v is None else int(np.asarray(PR.static_value(v)) if isinstance(
        v, Tensor) else v) for v in (k.start, k.stop, k.step))


def _row(rt, i):
    """Row `i` (an int, or an int scalar tensor; non-negative) of `rt`."""
    from .ragged_ops import gather_rows
    values = rt._values
    if isinstance(i, int) and is_static(rt._row_splits) and not isinstance(values, RaggedTensor):
        s = rt.splits_np()
        return values[int(s[i]):int(s[i + 1])]
    index = wrap(np.asarray([i], np.int64)) if isinstance(i, int) else _reshape1(i)
    return gather_rows(rt, index)._values


def _reshape1(t):
    from ..prims import base as P
    from ..prims.math import cast
    return P.reshape(cast(t, np.int64), (1,))


def _outer(rt, key):
    if not key:
        return rt
    k, rest = key[0], key[1:]
    n = rt._static_nrows()
    if isinstance(k, (int, np.integer)) or (isinstance(k, Tensor) and k.shape.rank == 0):
        if isinstance(k, Tensor):
            if k.dtype.is_integer is False:
                raise TypeError(f"Cannot index a RaggedTensor with {k.dtype.name} tensors")
            row = _row(rt, _nonnegative(k, rt))
        else:
            i = int(k)
            if n is not None and not -n <= i < n:
                raise IndexError(f"Index {i} out of range for a RaggedTensor with {n} rows")
            if i < 0 and n is None:
                row = _row(rt, _nonnegative(wrap(np.int64(i)), rt))
            else:
                row = _row(rt, i % n if n is not None else i)
        if not rest:
            return row
        return _outer(row, rest) if isinstance(row, RaggedTensor) else row[tuple(rest)]
    if isinstance(k, slice):
        from .ragged_ops import gather_rows
        if k == slice(None):
            sub = rt
        elif _dynamic_bounds(k):
            sub = gather_rows(rt, _bounds_rows(rt, k))
            sub = RaggedTensor._make(sub._values, sub._row_splits, rt._uniform_row_length)
        else:
            start, stop, step = _static_slice(k)
            if n is not None:  # the rows are known now (a constant index vector)
                rows = wrap(np.arange(n, dtype=np.int64)[slice(start, stop, step)])
            else:
                rows = PR.fold(PR.SLICE_ROWS, (rt._row_splits,), {
                    "start": start, "stop": stop, "step": 1 if step is None else step})
            sub = gather_rows(rt, rows)
            sub = RaggedTensor._make(sub._values, sub._row_splits, rt._uniform_row_length)
        return _inner(sub, rest)
    raise TypeError(f"Cannot index a RaggedTensor with {type(k).__name__}")


def _nonnegative(i, rt):
    """A (possibly negative) row index tensor as a non-negative one."""
    from ..prims import base as P
    from ..prims.base import zeros_like
    from ..prims.math import cast, less
    i = cast(i, np.int64)
    n = rt._nrows()
    n = wrap(np.int64(n)) if isinstance(n, int) else cast(n, np.int64)
    return P.select(less(i, zeros_like(i)), P.add(i, n), i)


def _inner(rt, key):
    """Applies `key` to dimensions 1.. of `rt` (dimension 0 is kept whole)."""
    if not key:
        return rt
    from .ragged_ops import gather_rows
    k, rest = key[0], key[1:]
    is_index = isinstance(k, (int, np.integer, Tensor))
    if is_index:  # a ValueError, as TF's (the index itself is of a valid type)
        raise ValueError("Cannot index into an inner ragged dimension.")
    if not isinstance(k, slice):
        raise TypeError(f"Cannot index a RaggedTensor with {type(k).__name__}")
    if k == slice(None):
        sub = rt
    else:
        start, stop, step = _static_slice(k)
        splits, idx = PR.fold(PR.SLICE_WITHIN, (rt._row_splits,), {
            "start": start, "stop": stop, "step": 1 if step is None else step})
        sub = RaggedTensor._make(gather_rows(rt._values, idx), splits)
    if not rest:
        return sub
    values = sub._values
    if isinstance(values, RaggedTensor):
        return sub.with_values(_inner(values, rest))
    return sub.with_values(values[(slice(None),) + tuple(rest)])
