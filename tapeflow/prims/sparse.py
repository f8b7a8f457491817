"""SparseTensor primitives: `SparseToDense` and `SparseTensorDenseMatMul` (complete,
differentiable records, TF's kernels and gradients), and the index kernels of the other sparse
ops (reordering, reshaping, unions, reductions, slicing, ...): non-differentiable records whose
forwards compute the new indices and the gather positions of the values, which then move through
differentiable gathers and segment reductions. A kernel runs now when its inputs are known
(`prims.ragged.fold`), else as a graph operation whose checks raise TF's errors at run time.

    >>> from tapeflow.prims import sparse as PS
    >>> PS.to_dense(tf.constant([[1]], tf.int64), tf.constant([5]), tf.constant([3], tf.int64),
    ...             tf.constant(0), True)
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 5, 0], dtype=int32)>
"""
import numpy as np

from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import ANY, apply, defop
from ..framework.tensor import wrap
from . import base as P
from ._common import aval
from .base import loop
from .indexing import gather_nd
from .math import mul

_I64 = np.dtype(np.int64)
_BOOL = np.dtype(bool)


def _rank_of(shape_aval):
    return None if shape_aval.shape is None or not shape_aval.shape else shape_aval.shape[0]


def _ints(v):
    return [int(d) for d in np.asarray(v).reshape(-1)]


def linear_np(idx, shape):
    """Row-major positions of index rows `idx` in a dense array of `shape`."""
    if len(idx) == 0:
        return np.zeros(0, np.int64)
    return np.ravel_multi_index(tuple(np.asarray(idx).T), shape)


def _unravel(lin, shape):
    if len(lin) == 0:
        return np.zeros((0, len(shape)), np.int64)
    return np.stack(np.unravel_index(lin, shape), axis=1).astype(np.int64)


def _kernel(name, forward, shape, num_outputs=1):
    return defop(name, forward, nondiff=True, allowed=ANY, shape=shape, batch=loop,
                 num_outputs=num_outputs)


# ============================================================================================
# SparseToDense
# ============================================================================================
def _to_dense_forward(indices, values, dense_shape, default, validate):
    shape = tuple(_ints(dense_shape))
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))
    if validate and len(idx) > 1 and np.any(np.diff(linear_np(idx, shape)) <= 0):
        raise op_error(InvalidArgumentError, "SparseToDense", "indices[1] is out of order. "
                       "Many sparse ops require sorted indices.\n    Use "
                       "`tf.sparse.reorder` to create a correctly ordered copy.")
    if len(idx):
        from .indexing import check_nd_bounds
        check_nd_bounds(idx, shape, "ScatterNd")
    key = tuple(idx.T)
    if values.dtype.kind in "iufc" and values.dtype != _BOOL:
        out = np.zeros(shape, values.dtype)
        np.add.at(out, key, values)  # (repeated indices add up)
        missing = np.ones(shape, bool)
        missing[key] = False
        out[missing] = default
        return out
    out = np.full(shape, default, dtype=values.dtype)
    out[key] = values
    return out


def _to_dense_grad(op, g):
    """TF's _SparseToDenseGrad: the values get the cotangent at their positions, the default
    value the rest of it."""
    indices = op.inputs[0]
    dvalues = gather_nd(g, indices)
    everything = P.reduce_sum(g, tuple(range(g._value.ndim)))
    dvalues_sum = P.reduce_sum(dvalues, (0,))
    from .math import sub
    return None, dvalues, None, sub(everything, dvalues_sum)


def _to_dense_shape(indices, values, dense_shape, default, validate):
    rank = _rank_of(dense_shape)
    return aval(None if rank is None else (None,) * rank, values.dtype)


SPARSE_TO_DENSE = defop("SparseToDense", _to_dense_forward, _to_dense_grad, linear=True,
                        allowed=ANY, shape=_to_dense_shape, batch=loop)


def to_dense(indices, values, dense_shape, default, validate):
    """The dense tensor of shape `dense_shape` with `values` at `indices` (repeated indices add
    up) and scalar `default` elsewhere."""
    return apply(SPARSE_TO_DENSE, (indices, values, dense_shape, default),
                 {"validate": bool(validate)})


# ============================================================================================
# SparseTensorDenseMatMul
# ============================================================================================
def _pairs(indices, adjoint_a):
    rows, cols = indices[:, 0], indices[:, 1]
    return (cols, rows) if adjoint_a else (rows, cols)


def _matmul_forward(a_indices, a_values, a_shape, b, adjoint_a):
    shape = _ints(a_shape)
    if len(shape) != 2:
        raise op_error(InvalidArgumentError, "SparseTensorDenseMatMul", "Tensor 'a_shape' is "
                       "not a vector of length 2")
    n_out, inner = (shape[1], shape[0]) if adjoint_a else (shape[0], shape[1])
    if b.shape[0] != inner:
        raise op_error(InvalidArgumentError, "SparseTensorDenseMatMul", "Cannot multiply A and "
                       f"B because inner dimension does not match: {inner} vs. {b.shape[0]}.  "
                       f"Did you forget a transpose?  Dimensions of A: [{shape[0]}, {shape[1]})."
                       f"  Dimensions of B: {list(b.shape)}")
    rows, cols = _pairs(np.asarray(a_indices, np.int64).reshape(-1, 2), adjoint_a)
    out = np.zeros((n_out, b.shape[1]), np.result_type(a_values.dtype, b.dtype))
    np.add.at(out, rows, a_values[:, None] * b[cols])
    return out


def _column(indices, j):
    return P.gather(indices, wrap(np.int64(j)), 1)


def _matmul_grad(op, g):
    """TF's _SparseTensorDenseMatMulGrad: b's cotangent is A^T g (the same op, the other
    adjoint); each value's is the dot product of its row of g and its column's row of b."""
    a_indices, a_values, a_shape, b = op.inputs
    adjoint_a = op.attrs["adjoint_a"]
    db = matmul(a_indices, a_values, a_shape, g, not adjoint_a)
    rows = _column(a_indices, 1 if adjoint_a else 0)
    cols = _column(a_indices, 0 if adjoint_a else 1)
    dvalues = P.reduce_sum(mul(P.gather(g, rows), P.gather(b, cols)), (1,))
    return None, dvalues, None, db


def _matmul_jvp(op, di, dvalues, ds, db):
    a_indices, a_values, a_shape, b = op.inputs
    adjoint_a = op.attrs["adjoint_a"]
    out = None
    if dvalues is not None:
        out = matmul(a_indices, dvalues, a_shape, b, adjoint_a)
    if db is not None:
        term = matmul(a_indices, a_values, a_shape, db, adjoint_a)
        out = term if out is None else P.add(out, term)
    return out


def _matmul_shape(a_indices, a_values, a_shape, b, adjoint_a):
    m = None if b.shape is None else b.shape[1]
    return aval((None, m), a_values.dtype)


SPARSE_DENSE_MATMUL = defop("SparseTensorDenseMatMul", _matmul_forward, _matmul_grad,
                            _matmul_jvp, allowed=ANY, shape=_matmul_shape, batch=loop)


def matmul(a_indices, a_values, a_shape, b, adjoint_a):
    """The sparse matrix (indices, values, shape) times dense `b` (A^T b when `adjoint_a`)."""
    return apply(SPARSE_DENSE_MATMUL, (a_indices, a_values, a_shape, b),
                 {"adjoint_a": bool(adjoint_a)})


# ============================================================================================
# Index kernels
# ============================================================================================
def _indices_aval(rank):
    return aval((None, rank), _I64)


def _reorder(indices, dense_shape):
    order = np.argsort(linear_np(indices, _ints(dense_shape)), kind="stable").astype(np.int64)
    return indices[order], order


REORDER = _kernel("SparseReorder", _reorder,
                  lambda i, s: (aval(i.shape, _I64), aval((i.shape[0],), _I64)), num_outputs=2)


def _reshape(indices, old_shape, new_shape):
    old = _ints(old_shape)
    new = _ints(new_shape)
    total = int(np.prod(old))
    unknown = [i for i, d in enumerate(new) if d == -1]
    if len(unknown) > 1:
        raise op_error(InvalidArgumentError, "SparseReshape", "only one output dimension may "
                       f"be -1, not both {unknown[0]} and {unknown[1]}")
    known = int(np.prod([d for d in new if d != -1]))
    text = f"input_shape=[{','.join(map(str, old))}]"
    if unknown:
        if known == 0 or total % known:
            new[unknown[0]] = total // known if known else 0
            raise op_error(InvalidArgumentError, "SparseReshape", f"Input to reshape is a "
                           f"SparseTensor with {total} dense values, but the requested shape "
                           f"requires a multiple of {known}. {text} output_shape="
                           f"[{','.join(map(str, new))}]")
        new[unknown[0]] = total // known
    if int(np.prod(new)) != total:
        raise op_error(InvalidArgumentError, "SparseReshape", f"Input to reshape is a tensor "
                       f"with {total} dense values, but the requested shape has "
                       f"{int(np.prod(new))}. {text} output_shape=[{','.join(map(str, new))}]")
    return _unravel(linear_np(indices, old), new), np.asarray(new, np.int64)


RESHAPE = _kernel("SparseReshape", _reshape,
                  lambda i, old, new: (_indices_aval(_rank_of(new)), aval(new.shape, _I64)),
                  num_outputs=2)


def _add_indices(a_idx, a_shape, b_idx, b_shape):
    sa, sb = _ints(a_shape), _ints(b_shape)
    if sa != sb:
        raise op_error(InvalidArgumentError, "SparseAdd", f"Operands' shapes do not match: "
                       f"A.shape = {sa} vs. B.shape = {sb}")
    lin = np.concatenate([linear_np(a_idx, sa), linear_np(b_idx, sa)])
    uniq, inv = np.unique(lin, return_inverse=True)
    return _unravel(uniq, sa), inv.reshape(-1).astype(np.int64), np.asarray(len(uniq), np.int64)


ADD_INDICES = _kernel("SparseAddIndices", _add_indices,
                      lambda a, sa, b, sb: (aval(a.shape if a.shape is None else (None, a.shape[1]),
                                                 _I64), aval((None,), _I64), aval((), _I64)),
                      num_outputs=3)


def _threshold_keep(values, threshold):
    return np.nonzero(np.abs(values) >= threshold)[0].astype(np.int64)


THRESHOLD_KEEP = _kernel("SparseThresholdKeep", _threshold_keep,
                         lambda v, t: aval((None,), _I64))


def _reduce_indices(indices, dense_shape, axes, output_is_sparse, keepdims):
    shape = _ints(dense_shape)
    nd = len(shape)
    axes = sorted({a % nd for a in axes}) if axes is not None else list(range(nd))
    kept = [d for d in range(nd) if d not in axes]
    out_shape = [shape[d] for d in kept]
    idx = np.asarray(indices, np.int64).reshape(-1, nd)
    keys = linear_np(idx[:, kept], out_shape) if kept else np.zeros(len(idx), np.int64)
    if output_is_sparse:
        uniq, inv = np.unique(keys, return_inverse=True)
        new_idx = _unravel(uniq, out_shape) if kept else np.zeros((len(uniq), 0), np.int64)
        if keepdims:
            full = np.zeros((len(uniq), nd), np.int64)
            full[:, kept] = new_idx
            new_idx = full
        ids, n = inv.reshape(-1).astype(np.int64), len(uniq)
        present = np.ones(n, bool)
    else:
        ids, n = keys.astype(np.int64), int(np.prod(out_shape))
        new_idx = np.zeros((0, nd if keepdims else len(kept)), np.int64)
        present = np.zeros(n, bool)
        present[ids] = True
    final = [1 if d in axes else shape[d] for d in range(nd)] if keepdims else out_shape
    return ids, np.asarray(n, np.int64), new_idx, np.asarray(final, np.int64), present


def _reduce_indices_shape(indices, dense_shape, axes, output_is_sparse, keepdims):
    nd = _rank_of(dense_shape)
    k = None
    if nd is not None:
        k = nd if keepdims else nd - len({a % nd for a in axes} if axes is not None else
                                         range(nd))
    return (aval((None,), _I64), aval((), _I64), aval((None, k), _I64), aval((k,), _I64),
            aval((None,), _BOOL))


REDUCE_INDICES = _kernel("SparseReduceIndices", _reduce_indices, _reduce_indices_shape,
                         num_outputs=5)


def _concat(*parts, axis, expand):
    k = len(parts) // 2
    idxs = [np.asarray(p, np.int64) for p in parts[:k]]
    shapes = [_ints(s) for s in parts[k:]]
    nd = len(shapes[0])
    axis = axis % nd
    if expand:
        base = [max(s[d] for s in shapes) for d in range(nd)]
    else:
        base = list(shapes[0])
        for s in shapes[1:]:
            if [d for i, d in enumerate(s) if i != axis] != \
                    [d for i, d in enumerate(base) if i != axis]:
                raise op_error(InvalidArgumentError, "SparseConcat", "Input shapes must match")
    offset = 0
    moved = []
    for idx, s in zip(idxs, shapes):
        i = idx.copy().reshape(-1, nd)
        i[:, axis] += offset
        offset += s[axis]
        moved.append(i)
    base[axis] = offset
    idx = np.concatenate(moved)
    order = np.argsort(linear_np(idx, base), kind="stable").astype(np.int64)
    return idx[order], np.asarray(base, np.int64), order


def _concat_shape(*parts, axis, expand):
    k = len(parts) // 2
    rank = _rank_of(parts[k])
    return _indices_aval(rank), aval((rank,), _I64), aval((None,), _I64)


CONCAT = _kernel("SparseConcat", _concat, _concat_shape, num_outputs=3)


def _slice(indices, dense_shape, start, size):
    shape = _ints(dense_shape)
    lo = np.asarray(_ints(start), np.int64)
    hi = np.minimum(lo + np.asarray(_ints(size), np.int64), shape)
    new_shape = np.asarray([max(0, int(h - s)) for s, h in zip(lo, hi)], np.int64)
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))
    keep = np.all((idx >= lo) & (idx < hi), axis=1) if len(idx) else np.zeros(0, bool)
    kept = np.nonzero(keep)[0].astype(np.int64)
    return idx[kept] - lo, new_shape, kept


SLICE = _kernel("SparseSlice", _slice,
                lambda i, s, start, size: (aval(i.shape, _I64), aval(s.shape, _I64),
                                           aval((None,), _I64)),
                num_outputs=3)


def _split(indices, dense_shape, num_split, axis):
    shape = _ints(dense_shape)
    axis = axis % len(shape)
    base, extra = divmod(shape[axis], num_split)
    out = []
    start = 0
    for i in range(num_split):
        n = base + (1 if i < extra else 0)
        lo = [0] * len(shape)
        lo[axis] = start
        sz = list(shape)
        sz[axis] = n
        out.extend(_slice(indices, dense_shape, lo, sz))
        start += n
    return tuple(out)


SPLIT = _kernel("SparseSplit", _split,
                lambda i, s, num_split, axis: tuple(
                    v for _ in range(num_split) for v in (
                        aval(i.shape, _I64), aval(s.shape, _I64), aval((None,), _I64))),
                num_outputs=lambda attrs: 3 * attrs["num_split"])


def _fill_empty_rows(indices, dense_shape):
    shape = _ints(dense_shape)
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))
    present = np.zeros(shape[0], bool)
    if len(idx):
        present[idx[:, 0]] = True
    empty = np.nonzero(~present)[0]
    new_idx = np.zeros((len(empty), len(shape)), np.int64)
    new_idx[:, 0] = empty
    all_idx = np.concatenate([idx, new_idx])
    # gather positions into [values; default]: a new entry takes the default (position nnz)
    source = np.concatenate([np.arange(len(idx)), np.full(len(empty), len(idx))]).astype(np.int64)
    order = np.argsort(linear_np(all_idx, shape), kind="stable")
    return all_idx[order], source[order], ~present


FILL_EMPTY_ROWS = _kernel("SparseFillEmptyRows", _fill_empty_rows,
                          lambda i, s: (aval(i.shape if i.shape is None else (None, i.shape[1]),
                                             _I64), aval((None,), _I64), aval((None,), _BOOL)),
                          num_outputs=3)


def _union(a_idx, b_idx, dense_shape):
    shape = _ints(dense_shape)
    la, lb = linear_np(a_idx, shape), linear_np(b_idx, shape)
    uniq = np.union1d(la, lb)
    return (_unravel(uniq, shape), np.searchsorted(uniq, la).astype(np.int64),
            np.searchsorted(uniq, lb).astype(np.int64), np.asarray(len(uniq), np.int64))


UNION = _kernel("SparseUnionIndices", _union,
                lambda a, b, s: (_indices_aval(_rank_of(s)), aval((None,), _I64),
                                 aval((None,), _I64), aval((), _I64)),
                num_outputs=4)


def _groups(indices, dense_shape):
    """Each entry's group (its row over all but the last dimension) and the number of groups."""
    shape = _ints(dense_shape)
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))
    keys = linear_np(idx[:, :-1], shape[:-1]) if len(shape) > 1 else np.zeros(len(idx),
                                                                                np.int64)
    uniq, inv = np.unique(keys, return_inverse=True)
    return inv.reshape(-1).astype(np.int64), np.asarray(len(uniq), np.int64)


GROUPS = _kernel("SparseRowGroups", _groups,
                 lambda i, s: (aval((None,), _I64), aval((), _I64)), num_outputs=2)


def _mask_keep(indices, drop):
    return np.nonzero(~np.isin(indices, np.asarray(drop).reshape(-1)))[0].astype(np.int64)


MASK_KEEP = _kernel("IndexedSlicesMaskKeep", _mask_keep, lambda i, d: aval((None,), _I64))


def _to_indicator(indices, values, dense_shape, vocab_size):
    shape = _ints(dense_shape)
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))
    out = np.zeros(shape[:-1] + [int(vocab_size)], bool)
    if len(idx):
        out[tuple(idx[:, :-1].T) + (np.asarray(values).astype(np.int64),)] = True
    return out


def _to_indicator_shape(indices, values, dense_shape, vocab_size):
    rank = _rank_of(dense_shape)
    return aval(None if rank is None else (None,) * (rank - 1) + (vocab_size,), _BOOL)


TO_INDICATOR = _kernel("SparseToIndicator", _to_indicator, _to_indicator_shape)


def _expand_dims(indices, dense_shape, axis):
    shape = _ints(dense_shape)
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))
    return (np.insert(idx, axis, 0, axis=1).astype(np.int64),
            np.asarray(shape[:axis] + [1] + shape[axis:], np.int64))


EXPAND_DIMS = _kernel("SparseExpandDims", _expand_dims,
                      lambda i, s, axis: (_indices_aval(None if _rank_of(s) is None else
                                                        _rank_of(s) + 1),
                                          aval((None if _rank_of(s) is None else _rank_of(s) + 1,),
                                               _I64)),
                      num_outputs=2)


def _reset_shape(indices, dense_shape, new_shape, given):
    shape = _ints(dense_shape)
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))
    if not given:
        return np.asarray(list(idx.max(axis=0) + 1) if len(idx) else [0] * len(shape), np.int64)
    new = _ints(new_shape)
    if any(n < s for n, s in zip(new, shape)):
        raise op_error(InvalidArgumentError, "SparseResetShape", "Requested new_shape should "
                       "have dimension sizes >= sp_input.shape.  Found new_shape "
                       f"({np.asarray(new)}), sp_input.shape ({np.asarray(shape)}).")
    return np.asarray(new, np.int64)


RESET_SHAPE = _kernel("SparseResetShape", _reset_shape,
                      lambda i, s, new, given: aval(s.shape, _I64))


def _bincount(values, minlength, maxlength, binary_output):
    ids = np.asarray(values).reshape(-1).astype(np.int64)
    size = int(ids.max()) + 1 if len(ids) else 0
    if minlength >= 0:
        size = max(size, minlength)
    if maxlength >= 0:
        size = min(size, maxlength)
    ids = ids[ids < size]
    counts = np.bincount(ids, minlength=size)
    present = np.nonzero(counts)[0]
    out = np.ones(len(present), values.dtype) if binary_output else \
        counts[present].astype(values.dtype)
    return present[:, None].astype(np.int64), out, np.asarray([size], np.int64)


BINCOUNT = _kernel("SparseBincount", _bincount,
                   lambda v, minlength, maxlength, binary_output: (
                       aval((None, 1), _I64), aval((None,), v.dtype), aval((1,), _I64)),
                   num_outputs=3)


def _nonzero_indices(x):
    zero = b"" if x.dtype == object else 0
    return np.argwhere(np.asarray(x) != zero).astype(np.int64)


FROM_DENSE = _kernel("SparseFromDenseIndices", _nonzero_indices,
                     lambda x: _indices_aval(None if x.shape is None else len(x.shape)))


def _broadcast_index(indices, sp_shape, dense_shape):
    """For each entry, its position in a dense operand of shape `dense_shape` broadcast to the
    sparse shape (TF's SparseDenseCwise ops): the trailing index coordinates, 0 where the
    dense dimension is 1."""
    shape = _ints(sp_shape)
    dense = list(dense_shape)
    k = len(dense)
    if k > len(shape) or any(d not in (1, s) for d, s in zip(dense, shape[len(shape) - k:])):
        raise op_error(InvalidArgumentError, "SparseDenseCwiseMul", "Dense shape "
                       f"{dense} cannot be broadcast to the sparse shape {shape}")
    idx = np.asarray(indices, np.int64).reshape(-1, len(shape))[:, len(shape) - k:]
    return np.where(np.asarray(dense)[None, :] == 1, 0, idx).astype(np.int64)


BROADCAST_INDEX = _kernel("SparseDenseBroadcastIndex", _broadcast_index,
                          lambda i, s, dense_shape: aval((None, len(dense_shape)), _I64))


def _max_plus_one(ids):
    return np.asarray(int(np.max(ids)) + 1 if np.size(ids) else 0, np.int64)


COUNT_SEGMENTS = _kernel("SegmentCountFromIds", _max_plus_one, lambda ids: aval((), _I64))


__all__ = ["linear_np", "matmul", "to_dense"]
