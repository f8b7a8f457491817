"""`tf.sparse` ops on SparseTensors. Values flow through tapeflow's differentiable ops (gather,
segment sums, scatter_nd), so gradients reach `values` and dense operands; indices are NumPy
constants.

    >>> st = tf.SparseTensor([[0, 1], [1, 0]], [2.0, 3.0], [2, 2])
    >>> tf.sparse.sparse_dense_matmul(st, tf.ones([2, 1])).numpy()
    array([[2.],
           [3.]], dtype=float32)
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError
from ..framework.indexed_slices import IndexedSlices
from ..framework.sparse_tensor import SparseTensor, SparseTensorSpec, from_dense  # noqa: F401
from ..framework.sparse_tensor import to_dense as _to_dense_np
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from . import array_ops as A
from . import math_ops as M


def _np(x):
    return np.asarray(x._value)


def _seg():
    from . import segment_ops
    return segment_ops


def _check(sp, what="sp_input"):
    if not isinstance(sp, SparseTensor):
        raise TypeError(f"Input must be a SparseTensor, got {type(sp).__name__}")
    return sp


def _parts(sp):
    return _np(sp.indices), sp.values, [int(d) for d in _np(sp.dense_shape)]


def _make(indices, values, shape):
    return SparseTensor(wrap(np.asarray(indices, np.int64).reshape(-1, len(shape))), values,
                        wrap(np.asarray(shape, np.int64)))


def _linear(idx, shape):
    if len(idx) == 0:
        return np.zeros(0, np.int64)
    return np.ravel_multi_index(tuple(idx.T), shape)


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor of a SparseTensor (missing entries `default_value`, else zero);
    differentiable with respect to the values.

    >>> tf.sparse.to_dense(tf.SparseTensor([[1]], [5], [3])).numpy()
    array([0, 5, 0], dtype=int32)
    """
    sp = _check(sp_input)
    idx, values, shape = _parts(sp)
    if validate_indices and len(idx) > 1:
        lin = _linear(idx, shape)
        if np.any(np.diff(lin) <= 0):
            raise InvalidArgumentError(None, "SparseToDense", "indices[1] is out of order. Many "
                                       "sparse ops require sorted indices.\n    Use "
                                       "`tf.sparse.reorder` to create a correctly ordered copy.")
    if values.dtype == D.string or values.dtype == D.bool_:
        return _to_dense_np(sp, None if default_value is None else
                            convert_to_tensor(default_value, values.dtype))
    dense = _scatter(idx, values, shape)
    if default_value is not None:
        default = convert_to_tensor(default_value, values.dtype)
        mask = np.ones(shape, bool)
        if len(idx):
            mask[tuple(idx.T)] = False
        dense = A.where(wrap(mask), A.broadcast_to(default, shape), dense)
    return dense


def _scatter(idx, values, shape):
    from .indexing_ops import scatter_nd
    return scatter_nd(wrap(idx.astype(np.int64)), values, wrap(np.asarray(shape, np.int64)))


def reorder(sp_input, name=None):
    """The same SparseTensor with indices in row-major order."""
    idx, values, shape = _parts(_check(sp_input))
    order = np.argsort(_linear(idx, shape), kind="stable")
    return _make(idx[order], A.gather(values, wrap(order.astype(np.int64))), shape)


def reshape(sp_input, shape, name=None):
    """The SparseTensor of the reshaped dense tensor (one -1 dimension is inferred)."""
    idx, values, old = _parts(_check(sp_input))
    new = [int(d) for d in (np.asarray(getattr(shape, "_value", shape)).reshape(-1))]
    total = int(np.prod(old))
    if -1 in new:
        known = int(np.prod([d for d in new if d != -1]))
        new[new.index(-1)] = total // known if known else 0
    if int(np.prod(new)) != total:
        raise InvalidArgumentError(None, "SparseReshape", f"Input to reshape is a tensor with "
                                   f"{total} dense values, but the requested shape has "
                                   f"{int(np.prod(new))}")
    lin = _linear(idx, old)
    new_idx = np.stack(np.unravel_index(lin, new), axis=1) if len(lin) else \
        np.zeros((0, len(new)), np.int64)
    return _make(new_idx, values, new)


def transpose(sp_input, perm=None, name=None):
    """The transposed SparseTensor (reversed dimensions by default), reordered."""
    idx, values, shape = _parts(_check(sp_input))
    perm = list(range(len(shape)))[::-1] if perm is None else [int(p) for p in perm]
    return reorder(_make(idx[:, perm], values, [shape[p] for p in perm]))


def add(a, b, threshold=0, name=None):
    """a + b for a SparseTensor and a SparseTensor (a SparseTensor; sums whose magnitude is
    below `threshold` are dropped) or a dense tensor (a dense tensor)."""
    if not isinstance(a, SparseTensor):
        a, b = b, a
    if not isinstance(b, SparseTensor):
        return M.add(to_dense(a, validate_indices=False), convert_to_tensor(b, a.dtype))
    ia, va, sa = _parts(a)
    ib, vb, sb = _parts(b)
    if sa != sb:
        raise InvalidArgumentError(None, "SparseAdd", f"Operands' shapes do not match: A.shape "
                                   f"= {sa} vs. B.shape = {sb}")
    lin = np.concatenate([_linear(ia, sa), _linear(ib, sa)])
    uniq, inv = np.unique(lin, return_inverse=True)
    values = _seg().unsorted_segment_sum(A.concat([va, vb], 0), wrap(inv.astype(np.int64)),
                                         len(uniq))
    idx = np.stack(np.unravel_index(uniq, sa), axis=1) if len(uniq) else \
        np.zeros((0, len(sa)), np.int64)
    thr = float(np.asarray(getattr(threshold, "_value", threshold)))
    if thr > 0:
        keep = np.nonzero(np.abs(_np(values)) >= thr)[0]
        idx = idx[keep]
        values = A.gather(values, wrap(keep.astype(np.int64)))
    return _make(idx, values, sa)


def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """A sparse matrix times a dense one (either may be the sparse operand); differentiable in
    the sparse values and the dense operand."""
    if not isinstance(sp_a, SparseTensor):
        # dense @ sparse = (sparse^T @ dense^T)^T
        a = convert_to_tensor(sp_a)
        out = sparse_dense_matmul(b, a, adjoint_a=not adjoint_b, adjoint_b=not adjoint_a)
        return A.transpose(out)
    idx, values, shape = _parts(sp_a)
    b = convert_to_tensor(b, values.dtype)
    if len(shape) != 2:
        raise ValueError("Tensor is not a matrix")
    rows, cols = (idx[:, 1], idx[:, 0]) if adjoint_a else (idx[:, 0], idx[:, 1])
    n_out, inner = (shape[1], shape[0]) if adjoint_a else (shape[0], shape[1])
    if adjoint_b:
        b = A.transpose(b)
    if b.shape[0] != inner:
        raise InvalidArgumentError(None, "SparseTensorDenseMatMul", "Cannot multiply A and B "
                                   f"because inner dimension does not match: {inner} vs. "
                                   f"{b.shape[0]}.  Did you forget a transpose?  Dimensions of "
                                   f"A: [{shape[0]}, {shape[1]}).  Dimensions of B: "
                                   f"{b.shape.as_list()}")
    from .indexing_ops import gather_nd
    # rows of b picked by (row, column) pairs, so b's gradient is dense (a scatter), as TF's
    m = b.shape[1]
    pairs = np.stack(np.broadcast_arrays(cols.astype(np.int64)[:, None],
                                         np.arange(m, dtype=np.int64)[None, :]), axis=-1)
    picked = gather_nd(b, wrap(pairs))
    terms = M.multiply(A.expand_dims(values, 1), picked)
    return _seg().unsorted_segment_sum(terms, wrap(rows.astype(np.int64)), n_out)


sparse_tensor_dense_matmul = sparse_dense_matmul
matmul = sparse_dense_matmul


def _reduce(kind, sp, axis, keepdims, output_is_sparse):
    idx, values, shape = _parts(_check(sp))
    nd = len(shape)
    if axis is None:
        axes = tuple(range(nd))
    else:
        axes = tuple(sorted({int(a) % nd for a in np.atleast_1d(np.asarray(
            getattr(axis, "_value", axis)))}))
    kept = [d for d in range(nd) if d not in axes]
    out_shape = [shape[d] for d in kept]
    keys = _linear(idx[:, kept], out_shape) if kept else np.zeros(len(idx), np.int64)
    seg = _seg()
    if output_is_sparse:
        uniq, inv = np.unique(keys, return_inverse=True)
        ids, n = wrap(inv.astype(np.int64)), len(uniq)
    else:
        ids, n = wrap(keys.astype(np.int64)), int(np.prod(out_shape))
    if kind == "sum":
        red = seg.unsorted_segment_sum(values, ids, n)
    else:
        red = seg.unsorted_segment_max(values, ids, n)
        if not output_is_sparse:
            present = np.zeros(n, bool)
            present[_np(ids)] = True
            red = A.where(wrap(present), red, A.zeros_like(red))
    if output_is_sparse:
        new_idx = np.stack(np.unravel_index(uniq, out_shape), axis=1) if kept and len(uniq) \
            else np.zeros((len(uniq), len(kept)), np.int64)
        if keepdims:
            full = np.zeros((len(uniq), nd), np.int64)
            full[:, kept] = new_idx
            return _make(full, red, [1 if d in axes else shape[d] for d in range(nd)])
        return _make(new_idx, red, out_shape)
    out = A.reshape(red, out_shape)
    if keepdims:
        out = A.reshape(out, [1 if d in axes else shape[d] for d in range(nd)])
    return out


def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """Sum of the values over `axis` (a dense tensor, or a SparseTensor)."""
    return _reduce("sum", sp_input, axis, bool(keepdims), output_is_sparse)


def reduce_max(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """Max of the present values over `axis` (0 where none is present)."""
    return _reduce("max", sp_input, axis, bool(keepdims), output_is_sparse)


def concat(axis, sp_inputs, expand_nonconcat_dims=False, name=None):
    """SparseTensors joined along `axis`."""
    sps = [_check(s) for s in sp_inputs]
    parts = [_parts(s) for s in sps]
    nd = len(parts[0][2])
    axis = int(axis) % nd
    shapes = [p[2] for p in parts]
    if expand_nonconcat_dims:
        base = [max(s[d] for s in shapes) for d in range(nd)]
    else:
        base = list(shapes[0])
        for s in shapes[1:]:
            if [d for i, d in enumerate(s) if i != axis] != \
                    [d for i, d in enumerate(base) if i != axis]:
                raise InvalidArgumentError(None, "SparseConcat", "Input shapes must match")
    offset = 0
    idxs = []
    for idx, _, s in parts:
        i = idx.copy()
        i[:, axis] += offset
        offset += s[axis]
        idxs.append(i)
    base[axis] = offset
    idx = np.concatenate(idxs)
    values = A.concat([p[1] for p in parts], 0)
    order = np.argsort(_linear(idx, base), kind="stable")
    return _make(idx[order], A.gather(values, wrap(order.astype(np.int64))), base)


def slice(sp_input, start, size, name=None):
    """The SparseTensor of the entries in the box [start, start + size), shifted to the origin."""
    idx, values, shape = _parts(_check(sp_input))
    start = [int(v) for v in np.asarray(getattr(start, "_value", start)).reshape(-1)]
    size = [int(v) for v in np.asarray(getattr(size, "_value", size)).reshape(-1)]
    lo = np.asarray(start)
    hi = np.minimum(lo + np.asarray(size), shape)
    new_shape = [max(0, int(h - s)) for s, h in zip(lo, hi)]
    keep = np.all((idx >= lo) & (idx < hi), axis=1) if len(idx) else np.zeros(0, bool)
    kept = np.nonzero(keep)[0]
    return _make(idx[kept] - lo, A.gather(values, wrap(kept.astype(np.int64))), new_shape)


def retain(sp_input, to_retain):
    """The entries where the bool vector `to_retain` is True."""
    idx, values, shape = _parts(_check(sp_input))
    keep = np.nonzero(np.asarray(getattr(to_retain, "_value", to_retain), bool))[0]
    return _make(idx[keep], A.gather(values, wrap(keep.astype(np.int64))), shape)


def fill_empty_rows(sp_input, default_value, name=None):
    """Every empty row given one entry `default_value` at column 0; also the bool vector of
    which rows were empty."""
    idx, values, shape = _parts(_check(sp_input))
    present = np.zeros(shape[0], bool)
    if len(idx):
        present[idx[:, 0]] = True
    empty = np.nonzero(~present)[0]
    new_idx = np.zeros((len(empty), len(shape)), np.int64)
    new_idx[:, 0] = empty
    default = convert_to_tensor(default_value, values.dtype)
    all_idx = np.concatenate([idx, new_idx])
    all_values = A.concat([values, A.fill([len(empty)], default)], 0)
    order = np.argsort(_linear(all_idx, shape), kind="stable")
    out = _make(all_idx[order], A.gather(all_values, wrap(order.astype(np.int64))), shape)
    return out, wrap(~present)


def _cwise(sp_a, sp_b, fn):
    ia, va, sa = _parts(_check(sp_a))
    ib, vb, _ = _parts(_check(sp_b))
    la, lb = _linear(ia, sa), _linear(ib, sa)
    uniq = np.union1d(la, lb)
    zero = np.zeros((), _np(va).dtype)
    dense_a = np.full(len(uniq), zero)
    dense_b = np.full(len(uniq), zero)
    pa = np.searchsorted(uniq, la)
    pb = np.searchsorted(uniq, lb)
    from .indexing_ops import scatter_nd
    n = wrap(np.asarray([len(uniq)], np.int64))
    fa = scatter_nd(wrap(pa[:, None].astype(np.int64)), va, n)
    fb = scatter_nd(wrap(pb[:, None].astype(np.int64)), vb, n)
    del dense_a, dense_b
    idx = np.stack(np.unravel_index(uniq, sa), axis=1) if len(uniq) else \
        np.zeros((0, len(sa)), np.int64)
    return _make(idx, fn(fa, fb), sa)


def maximum(sp_a, sp_b, name=None):
    """Elementwise max of two SparseTensors (a missing entry counts as zero)."""
    return _cwise(sp_a, sp_b, M.maximum)


def minimum(sp_a, sp_b, name=None):
    """Elementwise min of two SparseTensors (a missing entry counts as zero)."""
    return _cwise(sp_a, sp_b, M.minimum)


def mask(a, mask_indices, name=None):
    """The slices of IndexedSlices `a` whose indices are not in `mask_indices`."""
    idx = _np(a.indices)
    drop = np.asarray(getattr(mask_indices, "_value", mask_indices)).reshape(-1)
    keep = np.nonzero(~np.isin(idx, drop))[0]
    return IndexedSlices(A.gather(a.values, wrap(keep.astype(np.int64))),
                         wrap(idx[keep]), a.dense_shape)


def softmax(sp_input, name=None):
    """Softmax over the present entries of each innermost row."""
    idx, values, shape = _parts(_check(sp_input))
    keys = _linear(idx[:, :-1], shape[:-1]) if len(shape) > 1 else np.zeros(len(idx), np.int64)
    uniq, inv = np.unique(keys, return_inverse=True)
    ids = wrap(inv.astype(np.int64))
    seg = _seg()
    top = A.gather(seg.unsorted_segment_max(values, ids, len(uniq)), ids)
    e = M.exp(M.subtract(values, A.stop_gradient(top)))
    total = A.gather(seg.unsorted_segment_sum(e, ids, len(uniq)), ids)
    return _make(idx, M.truediv(e, total), shape)


def map_values(op, *args, **kwargs):
    """`op` applied to the values of the SparseTensor arguments (which must share indices)."""
    found = []

    def replace(v):
        if isinstance(v, SparseTensor):
            found.append(v)
            return v.values
        return v
    new_args = [replace(a) for a in args]
    new_kwargs = {k: replace(v) for k, v in kwargs.items()}
    if not found:
        raise ValueError("No SparseTensor in argument list of map_values")
    first = found[0]
    for other in found[1:]:
        if _np(other.indices).shape != _np(first.indices).shape or np.any(
                _np(other.indices) != _np(first.indices)):
            raise InvalidArgumentError(None, "map_values", "Inputs must have identical indices.")
    return first.with_values(op(*new_args, **new_kwargs))


def to_indicator(sp_input, vocab_size, name=None):
    """A dense bool tensor: row r has True at each id among row r's values."""
    idx, values, shape = _parts(_check(sp_input))
    ids = _np(values).astype(np.int64)
    out = np.zeros(shape[:-1] + [int(vocab_size)], bool)
    if len(idx):
        out[tuple(idx[:, :-1].T) + (ids,)] = True
    return wrap(out)


def eye(num_rows, num_columns=None, dtype=D.float32, name=None):
    """The identity matrix as a SparseTensor."""
    m = int(num_rows)
    n = m if num_columns is None else int(num_columns)
    k = min(m, n)
    idx = np.stack([np.arange(k), np.arange(k)], axis=1)
    return _make(idx, wrap(np.ones(k, D.as_dtype(dtype)._np)), [m, n])


def expand_dims(sp_input, axis=None, name=None):
    idx, values, shape = _parts(_check(sp_input))
    nd = len(shape)
    axis = 0 if axis is None else int(axis)
    axis = axis + nd + 1 if axis < 0 else axis
    new_idx = np.insert(idx, axis, 0, axis=1)
    return _make(new_idx, values, shape[:axis] + [1] + shape[axis:])


def split(sp_input=None, num_split=None, axis=None, name=None, keyword_required=None):
    _, _, shape = _parts(_check(sp_input))
    axis = int(axis) % len(shape)
    size = shape[axis]
    base, extra = divmod(size, int(num_split))
    out = []
    start = 0
    for i in range(int(num_split)):
        n = base + (1 if i < extra else 0)
        lo = [0] * len(shape)
        lo[axis] = start
        sz = list(shape)
        sz[axis] = n
        out.append(slice(sp_input, lo, sz))
        start += n
    return out


def reset_shape(sp_input, new_shape=None):
    idx, values, shape = _parts(_check(sp_input))
    if new_shape is None:
        new = list(idx.max(axis=0) + 1) if len(idx) else [0] * len(shape)
    else:
        new = [int(d) for d in np.asarray(getattr(new_shape, "_value", new_shape)).reshape(-1)]
        if any(n < s for n, s in zip(new, shape)):
            raise ValueError("Requested new_shape should have dimension sizes >= "
                             f"sp_input.shape.  Found new_shape ({np.asarray(new)}), "
                             f"sp_input.shape ({np.asarray(shape)}).")
    return _make(idx, values, new)


def bincount(values, weights=None, axis=0, minlength=None, maxlength=None,
             binary_output=False, name=None):
    """Counts of each value of a SparseTensor (or dense tensor), as a SparseTensor."""
    v = values.values if isinstance(values, SparseTensor) else convert_to_tensor(values)
    ids = _np(v).reshape(-1).astype(np.int64)
    if axis not in (0, None) or weights is not None:
        raise NotImplementedError("tf.sparse.bincount with weights or axis=-1 is not "
                                  "implemented in tapeflow")
    size = int(ids.max()) + 1 if len(ids) else 0
    if minlength is not None:
        size = max(size, int(minlength))
    if maxlength is not None:
        size = min(size, int(maxlength))
    ids = ids[ids < size]
    counts = np.bincount(ids, minlength=size)
    present = np.nonzero(counts)[0]
    vals = np.ones(len(present), _np(v).dtype) if binary_output else \
        counts[present].astype(_np(v).dtype)
    return _make(present[:, None], wrap(vals), [size])


def segment_sum(data, indices, segment_ids, num_segments=None, name=None):
    """Sum over segments of the rows `data[indices]`."""
    rows = A.gather(data, indices)
    if num_segments is not None:
        return _seg().unsorted_segment_sum(rows, segment_ids, num_segments)
    return _seg().segment_sum(rows, segment_ids)


def segment_mean(data, indices, segment_ids, num_segments=None, name=None):
    rows = A.gather(data, indices)
    if num_segments is not None:
        return _seg().unsorted_segment_mean(rows, segment_ids, num_segments)
    return _seg().segment_mean(rows, segment_ids)


def segment_sqrt_n(data, indices, segment_ids, num_segments=None, name=None):
    rows = A.gather(data, indices)
    ids = convert_to_tensor(segment_ids)
    n = int(_np(ids).max()) + 1 if num_segments is None else int(num_segments)
    return _seg().unsorted_segment_sqrt_n(rows, ids, n)


def embedding_lookup_sparse(params, sp_ids, sp_weights, combiner="mean", max_norm=None,
                            name=None, allow_fast_lookup=False):
    """Per row of `sp_ids`, the combination ('sum', 'mean' or 'sqrtn') of the embeddings of
    its ids, weighted by `sp_weights` (None: weight 1)."""
    if combiner not in ("sum", "mean", "sqrtn"):
        raise ValueError(f"combiner must be one of 'mean', 'sqrtn' or 'sum', got {combiner}")
    if isinstance(params, (list, tuple)):
        params = A.concat(list(params), 0) if len(params) > 1 else params[0]
    params = convert_to_tensor(params)
    idx = _np(sp_ids.indices)
    rows = idx[:, 0]
    n = int(rows.max()) + 1 if len(rows) else 0
    emb = A.gather(params, sp_ids.values)
    seg_ids = wrap(rows.astype(np.int64))
    seg = _seg()
    if sp_weights is None:
        w = A.ones_like(M.cast(sp_ids.values, params.dtype))
    else:
        w = convert_to_tensor(sp_weights.values, params.dtype)
    weighted = M.multiply(emb, A.expand_dims(w, 1))
    total = seg.unsorted_segment_sum(weighted, seg_ids, n)
    if combiner == "sum":
        return total
    if combiner == "mean":
        denom = seg.unsorted_segment_sum(w, seg_ids, n)
    else:
        denom = M.sqrt(seg.unsorted_segment_sum(M.multiply(w, w), seg_ids, n))
    return M.div_no_nan(total, A.expand_dims(denom, 1))


def elementwise(op, args, attrs):
    """Elementwise primitive with a SparseTensor operand: TF's sparse-dense cwise ops (mul, div)
    applied on the present entries."""
    from ..prims import base
    if op.batch is not base.elementwise or len(args) != 2 or not isinstance(args[0],
                                                                          SparseTensor):
        raise TypeError(f"{op.name} does not support SparseTensor arguments")
    sp, other = args
    if op.name not in ("Mul", "RealDiv", "Div", "TrueDiv", "DivNoNan"):
        raise TypeError(f"{op.name} does not support SparseTensor arguments")
    idx, values, shape = _parts(sp)
    d = convert_to_tensor(other, dtype_hint=values.dtype) if not isinstance(other, Tensor) \
        else other
    full = A.broadcast_to(d, shape)
    from .indexing_ops import gather_nd
    picked = gather_nd(full, wrap(idx.astype(np.int64))) if len(shape) else full
    from ._common import binary
    return sp.with_values(binary(op, values, picked, attrs=attrs))


def api(name, args, kwargs):
    raise TypeError(f"tf.{name} does not support SparseTensor arguments in tapeflow (use the "
                    "tf.sparse ops)")
