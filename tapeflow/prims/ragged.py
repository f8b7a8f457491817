"""Row-partition kernels of RaggedTensors, and segment reductions whose number of segments is
known only at run time.

A RaggedTensor's values move through differentiable primitives (gathers and segment
reductions); what those need, the integer index vectors computed from row splits, comes from
the kernels here, as TF builds its ragged ops (its `RaggedGather`, `RaggedRange`,
`RaggedTensorToTensor` kernels and the index arithmetic of `ragged_*_ops.py`). Every kernel is a
complete, non-differentiable record (integer results), whose forward works on NumPy arrays and
whose shape rule gives what is known before running (the number of rows when a splits vector's
length is static, None otherwise). `fold(kernel, inputs, attrs)` runs one now when every input's
value is known (always eagerly; in a graph, for constants), and as an operation of the graph
otherwise; a check that fails raises TF's error either way (at run time in a graph).

`DynamicUnsortedSegment{Sum,Prod,Max,Min}` are TF's UnsortedSegment ops with `num_segments` an
input tensor (the attribute-taking records of `prims.segment` need it at trace time).

    >>> from tapeflow.prims import ragged as PR
    >>> PR.fold(PR.SPLITS_FROM_LENGTHS, (tf.constant([2, 0, 1]),), {"validate": True})
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 2, 2, 3], dtype=int32)>
"""
import numpy as np

from ..framework.errors import InvalidArgumentError
from ..framework.op import ANY, apply, defop
from ..framework.tensor import AbstractArray, wrap
from . import base as P
from . import segment as PG
from ._common import NUMERIC, REAL, aval, bshape, scalar_like
from ._linearize import jvp_from_grad
from .base import loop, select, zeros_like
from .math import cast, div, equal, greater, logical_and, mul

_I64 = np.dtype(np.int64)


def _invalid(message):
    return InvalidArgumentError(None, None, message)


# ============================================================================================
# Static values and folding
# ============================================================================================
def static_value(x):
    """The NumPy value of tensor `x` when it is known now: an eager tensor's value, or a graph
    constant's; else None."""
    v = x._value
    if type(v) is not AbstractArray:
        return v
    op = getattr(x, "_op", None)
    if op is not None and op._prim.name == "Const":
        return op._attrs["value"]
    return None


def fold(op, inputs, attrs=None):
    """Runs kernel `op` on `inputs`: now, on their NumPy values, when all are known (the result
    is then a constant), else through dispatch (an operation of the graph being built, or the
    vmap rule). Returns a Tensor, or a tuple for a several-output kernel."""
    attrs = attrs or {}
    values = []
    for x in inputs:
        v = static_value(x)
        if v is None:
            return apply(op, inputs, attrs)
        values.append(v)
    out = op.forward(*values, **attrs)
    if op.multi:
        return tuple(wrap(o) for o in out)
    return wrap(out)


def _kernel(name, forward, shape, num_outputs=1):
    return defop(name, forward, nondiff=True, allowed=ANY, shape=shape, batch=loop,
                 num_outputs=num_outputs)


def _n(a):
    """The static length of vector aval `a`, or None."""
    return None if a.shape is None or not a.shape else a.shape[0]


def _rows_of(splits_aval):
    n = _n(splits_aval)
    return None if n is None else n - 1


def _vec(n, dtype):
    return aval((n,), dtype)


# ============================================================================================
# NumPy helpers shared by the kernels
# ============================================================================================
def ranges_np(starts, lengths):
    """The concatenation of range(starts[i], starts[i] + lengths[i]) (int64)."""
    lengths = np.asarray(lengths, np.int64)
    total = int(np.sum(lengths))
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return (np.repeat(np.asarray(starts, np.int64), lengths) + np.arange(total) - offsets)


def splits_from_lengths_np(lengths, dtype):
    out = np.zeros(len(lengths) + 1, dtype)
    np.cumsum(lengths, out=out[1:])
    return out


def rowids_np(splits):
    return np.repeat(np.arange(len(splits) - 1, dtype=splits.dtype), np.diff(splits))


def value_index_np(splits):
    """For every flat value, its index over the ragged dimensions (outermost first): an int64
    array [nvals, len(splits) + 1]."""
    cols = [np.arange(len(splits[0]) - 1, dtype=np.int64)]
    for s in splits:
        parent = rowids_np(s).astype(np.int64)
        within = np.arange(len(parent), dtype=np.int64) - s[parent]
        cols = [c[parent] for c in cols] + [within]
    return np.stack(cols, axis=1)


def slice_rows_np(lengths, start, stop, step):
    """Python's slice(start, stop, step) applied to rows of the given lengths: each row's first
    position and the number of positions it keeps (vectorized `slice.indices`)."""
    n = np.asarray(lengths, np.int64)
    if step > 0:
        lo = np.zeros_like(n) if start is None else (
            np.maximum(start + n, 0) if start < 0 else np.minimum(start, n))
        hi = n if stop is None else (np.maximum(stop + n, 0) if stop < 0 else np.minimum(stop, n))
        count = np.maximum(0, (hi - lo + step - 1) // step)
    else:
        lo = n - 1 if start is None else (
            np.maximum(start + n, -1) if start < 0 else np.minimum(start, n - 1))
        hi = np.full_like(n, -1) if stop is None else (
            np.maximum(stop + n, -1) if stop < 0 else np.minimum(stop, n - 1))
        count = np.maximum(0, (lo - hi - step - 1) // (-step))
    return np.broadcast_to(lo, n.shape), count


def _stepped(starts, counts, step):
    """The positions starts[i] + step * j for j < counts[i], concatenated."""
    within = ranges_np(np.zeros(len(counts), np.int64), counts)
    return np.repeat(np.asarray(starts, np.int64), counts) + within * step


def assert_equal_error(x, y):
    """TF's tf.debugging.assert_equal message for two partitions that differ."""
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape:
        return _invalid("Incompatible shapes: ragged dimensions do not match: "
                        f"{x.tolist()} vs. {y.tolist()}")
    diff = np.argwhere(x != y)
    n = min(3, len(diff))
    return _invalid(
        "Condition x == y did not hold.\n"
        f"Indices of first {n} different values:\n{diff[:n]}\n"
        f"Corresponding x values:\n{x[tuple(diff[:n].T)]}\n"
        f"Corresponding y values:\n{y[tuple(diff[:n].T)]}\n"
        f"First 3 elements of x:\n{x[:3]}\n"
        f"First 3 elements of y:\n{y[:3]}")


# ============================================================================================
# Row partitions: conversions and validation
# ============================================================================================
def _from_lengths(lengths, validate):
    if validate and np.any(lengths < 0):
        raise _invalid("Arguments to from_row_lengths do not form a valid RaggedTensor")
    return splits_from_lengths_np(np.asarray(lengths).reshape(-1), lengths.dtype)


SPLITS_FROM_LENGTHS = _kernel("RaggedSplitsFromLengths", _from_lengths,
                              lambda a, validate: _vec(None if _n(a) is None else _n(a) + 1,
                                                       a.dtype))


def _from_rowids(ids, nrows, validate):
    n = (int(ids[-1]) + 1 if len(ids) else 0) if nrows < 0 else int(nrows)
    if validate and (np.any(ids[1:] < ids[:-1]) or np.any(ids < 0) or np.any(ids >= max(n, 0))):
        raise _invalid("Arguments to from_value_rowids do not form a valid RaggedTensor")
    counts = np.bincount(ids, minlength=n)[:n] if len(ids) else np.zeros(n, np.int64)
    return splits_from_lengths_np(counts, ids.dtype)


SPLITS_FROM_ROWIDS = _kernel("RaggedSplitsFromValueRowIds", _from_rowids,
                             lambda ids, nrows, validate: _vec(None, ids.dtype))

def _from_sparse(indices, dense_shape):
    """The row splits of a 2-D SparseTensor's rows, which must be right-ragged (each row's
    entries in columns 0, 1, 2, ..., in row-major order), as TF checks."""
    idx = np.asarray(indices, np.int64).reshape(-1, 2)
    if len(idx):
        prefix, suffix = idx[:, 0], idx[:, 1]
        starts_row = prefix[1:] != prefix[:-1]
        ok = np.where(starts_row, suffix[1:] == 0, suffix[1:] == suffix[:-1] + 1)
        if not np.all(ok) or suffix[0] != 0:
            text = "\n".join(", ".join(str(v) for v in row) for row in idx[:3])
            raise _invalid("Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                           "Summarized data: b'SparseTensor is not right-ragged'\n"
                           f"b'SparseTensor.indices ='\n{text}")
    return _from_rowids(idx[:, 0], int(dense_shape[0]), False)


SPLITS_FROM_SPARSE = _kernel("RaggedSplitsFromSparse", _from_sparse,
                             lambda i, s: _vec(None, _I64))

SPLITS_FROM_STARTS = _kernel(
    "RaggedSplitsFromRowStarts",
    lambda starts, nvals: np.concatenate([starts, [nvals]]).astype(starts.dtype),
    lambda a, nvals: _vec(None if _n(a) is None else _n(a) + 1, a.dtype))

SPLITS_FROM_LIMITS = _kernel(
    "RaggedSplitsFromRowLimits",
    lambda limits: np.concatenate([[0], limits]).astype(limits.dtype),
    lambda a: _vec(None if _n(a) is None else _n(a) + 1, a.dtype))


def _uniform(nvals, length, nrows, validate, dtype):
    k = int(length)
    n = (int(nvals) // k if k else 0) if nrows < 0 else int(nrows)
    if validate and k * n != int(nvals):
        raise _invalid("uniform_row_length must evenly divide the number of values")
    return (np.arange(n + 1) * k).astype(dtype)


UNIFORM_SPLITS = _kernel("RaggedUniformRowSplits", _uniform,
                         lambda nvals, length, nrows, validate, dtype: _vec(None, dtype))


def _validate(splits, nvals):
    if len(splits) == 0 or splits[0] != 0:
        raise _invalid("Arguments to from_row_splits do not form a valid RaggedTensor:zero")
    if np.any(splits[1:] < splits[:-1]):
        raise _invalid("Arguments to from_row_splits do not form a valid RaggedTensor:monotonic")
    if splits[-1] != nvals:
        raise _invalid("Arguments to from_row_splits do not form a valid RaggedTensor:nvals")
    return splits


VALIDATE_SPLITS = _kernel("RaggedValidateRowSplits", _validate,
                          lambda s, nvals: aval(s.shape, s.dtype))


def _partition(splits, target, dtype):
    if target == "nrows":
        return np.asarray(len(splits) - 1, dtype)
    if target == "lengths":
        return np.diff(splits).astype(dtype)
    if target == "rowids":
        return rowids_np(splits).astype(dtype)
    if target == "starts":
        return splits[:-1].astype(dtype)
    return splits[1:].astype(dtype)  # limits


def _partition_shape(s, target, dtype):
    if target == "nrows":
        return aval((), dtype)
    if target == "rowids":
        return _vec(None, dtype)
    return _vec(_rows_of(s), dtype)


PARTITION = _kernel("RaggedRowPartition", _partition, _partition_shape)


def _assert_same(x, y, kind):
    if x.shape == y.shape and np.array_equal(x, y):
        return x
    if kind == "broadcast":
        raise assert_equal_error(x, y)
    raise _invalid({"concat": "Input tensors have incompatible shapes.",
                    "mask": "mask and data have incompatible shapes",
                    "map": "Input RaggedTensors have mismatched row partitions.",
                    "sparse": "Inputs must have identical indices."}[kind])


ASSERT_SAME = _kernel("RaggedAssertSamePartition", _assert_same,
                      lambda x, y, kind: aval(x.shape, x.dtype))


# ============================================================================================
# Gathering rows, slicing, concatenation, tiling, reversing
# ============================================================================================
def _gather(indices, *splits, validate, ragged_rank, known_rows=True):
    rows = np.asarray(indices).astype(np.int64).reshape(-1)
    if validate:
        n = len(splits[0]) - 1
        bad = (rows < 0) | (rows >= n)
        if np.any(bad):
            raise _invalid(f"indices[0] = {rows[bad][0]} is not in [0, {n})")
    out = []
    for s in splits:
        starts = s[rows]
        lengths = s[rows + 1] - starts
        out.append(splits_from_lengths_np(lengths, s.dtype))
        rows = ranges_np(starts, lengths)
    return tuple(out) + (rows,)


def _gather_shape(indices, *splits, validate, ragged_rank, known_rows=True):
    n = None
    if known_rows and indices.shape is not None and None not in indices.shape:
        n = int(np.prod(indices.shape, dtype=np.int64))
    first = _vec(None if n is None else n + 1, splits[0].dtype)
    return (first,) + tuple(_vec(None, s.dtype) for s in splits[1:]) + (_vec(None, _I64),)


GATHER = _kernel("RaggedGather", _gather, _gather_shape,
                 num_outputs=lambda attrs: attrs["ragged_rank"] + 1)


def gather_rows(indices, splits, validate=False, known_rows=True):
    """(new nested splits, flat value indices) of rows `indices` (flat) of a RaggedTensor whose
    nested splits are `splits`. `validate`: check the indices; `known_rows=False`: the static
    number of rows is not given (as TF's RaggedGather, whose result tf.gather returns)."""
    out = fold(GATHER, (indices,) + tuple(splits), {"validate": validate,
                                                     "ragged_rank": len(splits),
                                                     "known_rows": known_rows})
    return list(out[:-1]), out[-1]


def _slice_indices(splits, start, stop, step):
    lo, count = slice_rows_np(np.asarray([len(splits) - 1]), start, stop, step)
    return _stepped(lo, count, step)


SLICE_ROWS = _kernel("RaggedSliceRows", _slice_indices,
                     lambda s, start, stop, step: _vec(None, _I64))


def _slice_bounds(splits, start, stop, step, has_start, has_stop):
    """As RaggedSliceRows, with the bounds given as (scalar) inputs known at run time."""
    return _slice_indices(splits, int(start) if has_start else None,
                          int(stop) if has_stop else None, step)


SLICE_ROWS_BOUNDS = _kernel("RaggedSliceRowsBounds", _slice_bounds,
                            lambda s, a, b, step, has_start, has_stop: _vec(None, _I64))


def _slice_within(splits, start, stop, step):
    lo, count = slice_rows_np(np.diff(splits), start, stop, step)
    return splits_from_lengths_np(count, splits.dtype), _stepped(splits[:-1] + lo, count, step)


SLICE_WITHIN = _kernel("RaggedSliceWithinRows", _slice_within,
                       lambda s, start, stop, step: (aval(s.shape, s.dtype), _vec(None, _I64)),
                       num_outputs=2)


def _concat_splits(*splits):
    parts = [splits[0]]
    offset = splits[0][-1]
    for s in splits[1:]:
        parts.append(s[1:] + offset)
        offset = offset + s[-1]
    return np.concatenate(parts).astype(splits[0].dtype)


def _concat_splits_shape(*splits):
    ns = [_rows_of(s) for s in splits]
    return _vec(None if None in ns else sum(ns) + 1, splits[0].dtype)


CONCAT_SPLITS = _kernel("RaggedConcatRowSplits", _concat_splits, _concat_splits_shape)


def _interleave(*splits):
    n = len(splits[0]) - 1
    if any(len(s) - 1 != n for s in splits):
        raise _invalid("Input tensors at index 0 (=x) and 1 (=y) have incompatible shapes.")
    starts, lengths = [], []
    offset = 0
    for s in splits:
        starts.append(s[:-1].astype(np.int64) + offset)
        lengths.append(np.diff(s).astype(np.int64))
        offset += int(s[-1])
    st = np.stack(starts, axis=1).reshape(-1)
    ln = np.stack(lengths, axis=1).reshape(-1)
    total = ln.reshape(n, len(splits)).sum(axis=1)
    return splits_from_lengths_np(total, splits[0].dtype), ranges_np(st, ln)


def _interleave_shape(*splits):
    known = [s.shape[0] for s in splits if _n(s) is not None]
    return aval((known[0] if known else None,), splits[0].dtype), _vec(None, _I64)


INTERLEAVE = _kernel("RaggedConcatWithinRows", _interleave, _interleave_shape, num_outputs=2)


def _tile(splits, multiples):
    m0, m1 = multiples
    lengths = np.diff(splits)
    idx = ranges_np(np.repeat(splits[:-1], m1), np.repeat(lengths, m1))
    return (splits_from_lengths_np(np.tile(lengths * m1, m0), splits.dtype), np.tile(idx, m0))


def _tile_shape(s, multiples):
    n = _rows_of(s)
    return _vec(None if n is None else n * multiples[0] + 1, s.dtype), _vec(None, _I64)


TILE = _kernel("RaggedTile", _tile, _tile_shape, num_outputs=2)


def _reverse_within(splits):
    lengths = np.diff(splits)
    return np.repeat(splits[1:].astype(np.int64) - 1, lengths) - ranges_np(
        np.zeros(len(lengths), np.int64), lengths)


REVERSE_WITHIN = _kernel("RaggedReverseWithinRows", _reverse_within,
                         lambda s: _vec(None, _I64))


def _range(starts, limits, deltas, splits_dtype):
    s, lim, d = (np.atleast_1d(a) for a in np.broadcast_arrays(starts, limits, deltas))
    if np.any(d == 0):
        raise _invalid("Requires delta != 0")
    if s.dtype.kind in "iu":
        size = np.where(d > 0, (lim - s + d - 1) // np.where(d == 0, 1, d),
                        (lim - s + d + 1) // np.where(d == 0, 1, d))
        size = np.maximum(size, 0).astype(np.int64)
        within = ranges_np(np.zeros(len(size), np.int64), size)
        flat = (np.repeat(s, size) + within.astype(s.dtype) * np.repeat(d, size)).astype(s.dtype)
    else:
        rows = [np.arange(a, b, c, dtype=s.dtype) for a, b, c in zip(s, lim, d)]
        size = np.asarray([len(r) for r in rows], np.int64)
        flat = np.concatenate(rows).astype(s.dtype) if rows else np.zeros(0, s.dtype)
    return splits_from_lengths_np(size, splits_dtype), flat


def _range_shape(starts, limits, deltas, splits_dtype):
    rank = [a.shape for a in (starts, limits, deltas) if a.shape]
    n = rank[0][0] if rank else 1
    return _vec(None if n is None else n + 1, splits_dtype), _vec(None, starts.dtype)


RANGE = _kernel("RaggedRange", _range, _range_shape, num_outputs=2)


# ============================================================================================
# Broadcasting, reductions, densifying, coordinates
# ============================================================================================
def _broadcast_index(*splits, outer):
    """For each flat value of a RaggedTensor with nested `splits`, the row of a dense operand
    of (ragged-level) shape `outer` (its dimensions 1 or the ragged tensor's own) it meets."""
    nrows = len(splits[0]) - 1
    if outer[0] not in (1, nrows):
        raise _invalid(f"Incompatible shapes: [{nrows}] vs. [{outer[0]}]")
    for j, s in enumerate(splits, 1):
        if outer[j] != 1:
            uniform = np.arange(len(s)) * outer[j]
            if np.any(np.diff(s) != outer[j]):
                raise assert_equal_error(uniform.astype(s.dtype), s)
    index = value_index_np(splits)
    lin = np.zeros(len(index), np.int64)
    stride = 1
    for j in range(len(outer) - 1, -1, -1):
        if outer[j] != 1:
            lin += index[:, j] * stride
        stride *= outer[j]
    return lin


BROADCAST_INDEX = _kernel("RaggedBroadcastIndex", _broadcast_index,
                          lambda *splits, outer: _vec(None, _I64))


def _enumerate_rows(parents, lengths):
    """The child row tuples of rows `parents` (an int array [n, l]) of the given lengths."""
    rep = np.repeat(parents, lengths, axis=0)
    within = ranges_np(np.zeros(len(lengths), np.int64), lengths)
    return np.concatenate([rep, within[:, None]], axis=1)


def _lookup(rows, queries, bounds):
    """The position in `rows` (tuples, sorted row-major) of each tuple of `queries`."""
    if rows.shape[1] == 0:
        return np.zeros(len(queries), np.int64)
    rk = np.ravel_multi_index(tuple(rows.T), bounds)
    qk = np.ravel_multi_index(tuple(queries.T), bounds)
    return np.searchsorted(rk, qk)


def _reduce_indices(*splits, axis, ragged_rank):
    """Reducing dimension `axis` (0 <= axis <= ragged rank) of a RaggedTensor: the result's
    nested splits (one level fewer), each flat value's segment id and the number of segments.
    The result's rows are the union of the reduced rows' shapes (a missing position gives the
    reduction's identity)."""
    r = len(splits)
    dtype = splits[0].dtype
    if axis == r:  # the innermost ragged dimension: the segments are its rows
        last = splits[-1]
        return tuple(splits[:-1]) + (rowids_np(last).astype(np.int64),
                                     np.asarray(len(last) - 1, np.int64))
    levels = [np.asarray([len(splits[0]) - 1])] + [np.diff(s) for s in splits]
    tuples = [np.zeros((1, 0), np.int64)]
    for lengths in levels:
        tuples.append(_enumerate_rows(tuples[-1], lengths))
    bound = [int(max(1, lengths.max() if len(lengths) else 1)) for lengths in levels]
    kept = [b for c, b in enumerate(bound) if c != axis]
    new_levels = list(levels[:axis])
    rows = tuples[axis]
    for lvl in range(axis, r):
        src = tuples[lvl + 1]
        dropped = np.delete(src, axis, axis=1)
        pos = _lookup(rows, dropped, kept[:rows.shape[1]])
        lengths = np.zeros(len(rows), np.int64)
        np.maximum.at(lengths, pos, levels[lvl + 1])
        new_levels.append(lengths)
        rows = _enumerate_rows(rows, lengths)
    flat_rows = np.delete(tuples[r + 1], axis, axis=1)
    ids = _lookup(rows, flat_rows, kept[:rows.shape[1]])
    new_splits = tuple(splits_from_lengths_np(lengths, dtype) for lengths in new_levels[1:])
    return new_splits + (ids.astype(np.int64), np.asarray(len(rows), np.int64))


def _reduce_indices_shape(*splits, axis, ragged_rank):
    r = len(splits)
    if axis == r:
        kept = tuple(aval(s.shape, s.dtype) for s in splits[:-1])
    else:
        kept = tuple(aval(splits[k].shape if k < axis else (None,), splits[0].dtype)
                     for k in range(r - 1))
    return kept + (_vec(None, _I64), aval((), _I64))


REDUCE_INDICES = _kernel("RaggedReduceIndices", _reduce_indices, _reduce_indices_shape,
                         num_outputs=lambda attrs: attrs["ragged_rank"] + 1)


def _bounds(splits):
    out = [len(splits[0]) - 1]
    for s in splits:
        lengths = np.diff(s)
        out.append(int(lengths.max()) if len(lengths) else 0)
    return out


def _dense_index(*splits, shape):
    """to_tensor's gather indices into [flat values; padding]: an int64 array of the dense
    outer shape (the bounding shape, or `shape` where >= 0) holding each position's flat value
    index, or nvals (the padding row) where there is none."""
    outer = [b if w < 0 else int(w) for b, w in zip(_bounds(splits), shape)]
    nvals = int(splits[-1][-1]) if len(splits[-1]) else 0
    index = value_index_np(splits)
    keep = np.all(index < np.asarray(outer)[None, :], axis=1) if len(index) else \
        np.zeros(0, bool)
    kept = np.nonzero(keep)[0]
    out = np.full(int(np.prod(outer)), nvals, np.int64)
    if len(kept):
        out[np.ravel_multi_index(tuple(index[kept].T), outer)] = kept
    return out.reshape(outer)


def _dense_index_shape(*splits, shape):
    dims = [None if w < 0 else w for w in shape]
    if dims[0] is None:
        dims[0] = _rows_of(splits[0])
    return aval(tuple(dims), _I64)


DENSE_INDEX = _kernel("RaggedToDenseIndex", _dense_index, _dense_index_shape)


def _bounding_shape(flat_shape, *splits, dtype):
    return np.asarray(_bounds(splits) + [int(d) for d in flat_shape[1:]], dtype)


def _bounding_shape_shape(flat_shape, *splits, dtype):
    k = _n(flat_shape)
    return _vec(None if k is None else len(splits) + k, dtype)


BOUNDING_SHAPE = _kernel("RaggedBoundingShape", _bounding_shape, _bounding_shape_shape)


def _coords(flat_shape, *splits):
    index = value_index_np(splits)
    inner = tuple(int(d) for d in flat_shape[1:])
    if inner:
        grid = np.indices(inner).reshape(len(inner), -1).T
        index = np.concatenate([np.repeat(index, len(grid), axis=0),
                                np.tile(grid, (len(index), 1))], axis=1)
    return index.reshape(-1, len(splits) + 1 + len(inner))


def _to_sparse(flat_shape, *splits):
    index = _coords(flat_shape, *splits)
    shape = np.asarray(_bounds(splits) + [int(d) for d in flat_shape[1:]], np.int64)
    return index.astype(np.int64), shape


def _to_sparse_shape(flat_shape, *splits):
    k = _n(flat_shape)
    rank = None if k is None else len(splits) + k
    return aval((None, rank), _I64), _vec(rank, _I64)


TO_SPARSE = _kernel("RaggedTensorToSparseIndices", _to_sparse, _to_sparse_shape, num_outputs=2)


def _where(flat_cond, *splits):
    index = _coords(np.asarray(flat_cond.shape), *splits)
    return index[flat_cond.reshape(-1).astype(bool)].astype(np.int64)


WHERE = _kernel("RaggedWhere", _where, lambda c, *splits: aval(
    (None, None if c.shape is None else len(splits) + len(c.shape)), _I64))


# ============================================================================================
# From dense tensors, masks
# ============================================================================================
def _padding_lengths(x, pad):
    differs = x != pad
    if differs.ndim > 2:
        differs = differs.reshape(differs.shape[:2] + (-1,)).any(axis=2)
    has = differs[:, ::-1]
    return np.where(has.any(axis=1), x.shape[1] - np.argmax(has, axis=1), 0).astype(np.int64)


PADDING_LENGTHS = _kernel("RaggedPaddingLengths", _padding_lengths,
                          lambda x, pad: _vec(None if x.shape is None else x.shape[0], _I64))


def _rows_from_lengths(lengths, ncols, dtype):
    lens = np.minimum(np.asarray(lengths).astype(np.int64), int(ncols))
    keep = (np.arange(int(ncols))[None, :] < lens[:, None]).reshape(-1)
    return splits_from_lengths_np(lens, dtype), np.nonzero(keep)[0].astype(np.int64)


ROWS_FROM_LENGTHS = _kernel(
    "RaggedRowsFromLengths", _rows_from_lengths,
    lambda lengths, ncols, dtype: (_vec(None if _n(lengths) is None else _n(lengths) + 1, dtype),
                                   _vec(None, _I64)),
    num_outputs=2)

NONZERO = _kernel("RaggedWhereTrue",
                  lambda mask: np.nonzero(np.asarray(mask).reshape(-1))[0].astype(np.int64),
                  lambda mask: _vec(None, _I64))


def _mask_splits(mask, splits):
    kept = np.nonzero(np.asarray(mask, bool).reshape(-1))[0]
    counts = np.bincount(rowids_np(splits)[kept], minlength=len(splits) - 1)
    return splits_from_lengths_np(counts, splits.dtype), kept.astype(np.int64)


MASK_SPLITS = _kernel("RaggedBooleanMask", _mask_splits,
                      lambda mask, s: (aval(s.shape, s.dtype), _vec(None, _I64)), num_outputs=2)


# ============================================================================================
# Segment reductions with a run-time number of segments
# ============================================================================================
def _dynamic_forward(kind, name):
    def forward(data, ids, num_segments):
        return PG._segment_reduce(data, ids, int(num_segments), kind, False, name)
    return forward


def _dynamic_shape(data, ids, num_segments):
    return aval((None,) + tuple(data.shape[len(ids.shape):]), data.dtype)


def _dynamic_batch(static):
    """vmap: with the number of segments unbatched and known, the rule of `static` (the
    attribute-taking record), else one application per example."""
    def rule(op, args, dims, attrs):
        n = static_value(args[2])
        if dims[2] is None and n is not None:
            return static.batch(static, args[:2], dims[:2], {"num_segments": int(n)})
        return loop(op, args, dims, attrs)
    return rule


def _sum_grad(op, g):
    return PG.gather_drop_negatives(g, op.inputs[1], len(bshape(op, g))), None, None


def _selected(op):
    data, ids = op.inputs[0], op.inputs[1]
    selected = equal(data, PG.gather_drop_negatives(op.outputs[0], ids))
    return logical_and(selected, PG._valid_mask(ids, data._value.ndim))


def _min_max_grad(op, g):
    """Shared equally among the elements equal to their segment's extreme (TF's)."""
    _, ids, n = op.inputs
    selected = _selected(op)
    count = dynamic_segment("sum", cast(selected, g._value.dtype), ids, n)
    weighted = PG.gather_drop_negatives(div(g, count), ids, len(bshape(op, g)))
    return select(selected, weighted, zeros_like(weighted)), None, None


def _min_max_jvp(op, ddata, dids, dn):
    if ddata is None:
        return None
    _, ids, n = op.inputs
    selected = _selected(op)
    count = dynamic_segment("sum", cast(selected, ddata._value.dtype), ids, n)
    total = dynamic_segment("sum", select(selected, ddata, zeros_like(ddata)), ids, n)
    one = P.add(zeros_like(count), scalar_like(count, 1))
    return div(total, select(greater(count, zeros_like(count)), count, one))


def _prod_grad(op, g):
    """prod / x_i, with the zeros of x handled exactly (TF's _UnsortedSegmentProdGrad)."""
    data, ids, n = op.inputs
    is_zero = equal(data, zeros_like(data))
    num_zeros = dynamic_segment("sum", cast(is_zero, np.int32), ids, n)
    g = select(greater(num_zeros, scalar_like(num_zeros, 1)), zeros_like(g), g)
    non_zero_data = select(is_zero, P.add(zeros_like(data), scalar_like(data, 1)), data)
    non_zero_prod = dynamic_segment("prod", non_zero_data, ids, n)
    partial = select(is_zero, PG.gather_drop_negatives(non_zero_prod, ids),
                     div(PG.gather_drop_negatives(op.outputs[0], ids), data))
    return mul(PG.gather_drop_negatives(g, ids, len(bshape(op, g))), partial), None, None


def _dynamic_op(kind, static, grad, allowed, **facts):
    name = "DynamicUnsortedSegment" + kind.capitalize()
    return defop(name, _dynamic_forward(kind, name), grad, allowed=allowed,
                 shape=_dynamic_shape, batch=_dynamic_batch(static), batched_grad=True, **facts)


DYNAMIC_SEGMENT_SUM = _dynamic_op("sum", PG.UNSORTED_SEGMENT_SUM, _sum_grad, NUMERIC, linear=True)
DYNAMIC_SEGMENT_PROD = _dynamic_op("prod", PG.UNSORTED_SEGMENT_PROD, _prod_grad, NUMERIC,
                                   jvp=jvp_from_grad)
DYNAMIC_SEGMENT_MAX = _dynamic_op("max", PG.UNSORTED_SEGMENT_MAX, _min_max_grad, REAL,
                                  jvp=_min_max_jvp)
DYNAMIC_SEGMENT_MIN = _dynamic_op("min", PG.UNSORTED_SEGMENT_MIN, _min_max_grad, REAL,
                                  jvp=_min_max_jvp)


# ============================================================================================
# RaggedTensorToTensor: dense rows gathered from the flat values, the rest filled
# ============================================================================================
def _to_tensor_forward(flat, fill, index):
    table = np.concatenate([flat, np.expand_dims(np.asarray(fill, flat.dtype), 0)], 0)
    return table[index]


def _to_tensor_sources(ids, flat_shape):
    """The output positions filled from the flat values (row-major) and those filled with the
    default, for a flattened index table whose default row is `flat_shape[0]`."""
    ids = np.asarray(ids).reshape(-1)
    filled = ids == int(np.asarray(flat_shape)[0])
    return (np.nonzero(~filled)[0].astype(np.int64), np.nonzero(filled)[0].astype(np.int64))


TO_TENSOR_SOURCES = _kernel("RaggedToTensorSources", _to_tensor_sources,
                            lambda ids, shape: (_vec(None, _I64), _vec(None, _I64)), 2)


def _to_tensor_grad(op, g):
    """TF's: the flat values' gradient is an IndexedSlices of the output positions they filled
    (row-major order, int32 indices and dense shape); the default's sums the other positions."""
    from ..framework.indexed_slices import IndexedSlices
    from .array import shape
    flat, _, index = op.inputs
    rows = P.reshape(g, (-1,) + tuple(flat._value.shape[1:]))
    ids = P.reshape(index, (-1,))
    flat_shape = shape(flat, np.int64)
    kept, filled = fold(TO_TENSOR_SOURCES, (ids, flat_shape))
    values_grad = IndexedSlices(P.gather(rows, kept), cast(P.gather(ids, kept), np.int32),
                                cast(flat_shape, np.int32))
    return values_grad, P.reduce_sum(P.gather(rows, filled), (0,)), None


def _to_tensor_batch(op, args, dims, attrs):
    (flat, fill, index), (df, dd, di) = args, dims
    if di is not None:
        return loop(op, args, dims, attrs)
    n = P.batch_size(args, dims)
    flat = P.broadcast_batch(flat, n) if df is None else P.move_to_front(flat, df)
    fill = P.broadcast_batch(fill, n) if dd is None else P.move_to_front(fill, dd)
    table = P.concat([flat, P.reshape(fill, (n, 1) + tuple(fill._value.shape[1:]))], 1)
    return P.gather(table, index, 1), 0


RAGGED_TO_TENSOR = defop(
    "RaggedTensorToTensor", _to_tensor_forward, _to_tensor_grad, linear=True, allowed=ANY,
    shape=lambda flat, fill, index: aval(tuple(index.shape) + tuple(flat.shape[1:]), flat.dtype),
    batch=_to_tensor_batch)


def to_tensor(flat, fill, index):
    """The dense tensor whose entries are `flat[index]`, or `fill` where index is len(flat)
    (fill has flat's inner shape)."""
    return apply(RAGGED_TO_TENSOR, (flat, fill, index))


# ============================================================================================
# tf.ragged.stack_dynamic_partitions and tf.ragged.cross
# ============================================================================================
def _partition_order(partitions, num_partitions):
    """The stable order grouping `partitions` by value, and the sorted partition ids."""
    p = np.asarray(partitions).reshape(-1).astype(np.int64)
    n = int(num_partitions)
    bad = p[(p < 0) | (p >= n)]
    if len(bad):
        which = "less than num_partitions" if bad[0] >= n else "non-negative"
        raise _invalid(f"partitions must be {which}\nCondition x < y did not hold.\nFirst 1 "
                       f"elements of x:\n[{bad[0]}]\nFirst 1 elements of y:\n[{n}]")
    order = np.argsort(p, kind="stable").astype(np.int64)
    return order, p[order]


PARTITION_ORDER = _kernel("RaggedPartitionOrder", _partition_order,
                          lambda p, n: (_vec(None, _I64), _vec(None, _I64)), 2)


def _cross(*parts):
    """Row-wise cartesian products of string features joined with '_X_' (TF's RaggedCross):
    `parts` are (values, row_splits) pairs of one number of rows."""
    pairs = [(np.asarray(parts[i]).reshape(-1), np.asarray(parts[i + 1]).reshape(-1))
             for i in range(0, len(parts), 2)]
    nrows = len(pairs[0][1]) - 1
    out, splits = [], [0]
    for r in range(nrows):
        rows = [[v if isinstance(v, bytes) else str(v).encode() for v in vals[sp[r]:sp[r + 1]]]
                for vals, sp in pairs]
        combos = [b""]
        for k, feature in enumerate(rows):
            combos = [c + (b"_X_" if k else b"") + f for c in combos for f in feature]
        out.extend(combos)
        splits.append(len(out))
    return np.array(out, dtype=object).reshape(-1), np.asarray(splits, np.int64)


CROSS = _kernel("RaggedCross", _cross,
                lambda *a: (_vec(None, np.dtype(object)), _vec(None, _I64)), 2)


def dynamic_segment(kind, data, ids, num_segments):
    """The unsorted segment reduction `kind` ('sum', 'prod', 'max', 'min') of `data` by `ids`:
    the attribute-taking primitive when `num_segments` (an int or int scalar tensor) is known
    now, else the one taking it as an input."""
    n = num_segments if isinstance(num_segments, (int, np.integer)) else static_value(
        num_segments)
    if kind == "sum":
        static, dynamic = PG.unsorted_segment_sum, DYNAMIC_SEGMENT_SUM
    elif kind == "prod":
        static, dynamic = PG.unsorted_segment_prod, DYNAMIC_SEGMENT_PROD
    elif kind == "max":
        static, dynamic = PG.unsorted_segment_max, DYNAMIC_SEGMENT_MAX
    else:
        static, dynamic = PG.unsorted_segment_min, DYNAMIC_SEGMENT_MIN
    if n is not None:
        return static(data, ids, int(n))
    return apply(dynamic, (data, ids, num_segments))


__all__ = [
    "dynamic_segment",
    "fold",
    "gather_rows",
    "ranges_np",
    "static_value",
    "to_tensor",
    "value_index_np",
]
