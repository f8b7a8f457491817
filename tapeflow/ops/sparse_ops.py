"""`tf.sparse` ops on SparseTensors. Values flow through differentiable primitives (gathers,
segment sums, `SparseToDense`, `SparseTensorDenseMatMul`), so gradients reach `values` and dense
operands; new indices come from the index kernels of `prims.sparse`, computed now when the
indices are known and as graph operations inside `tf.function`.

    >>> st = tf.SparseTensor([[0, 1], [1, 0]], [2.0, 3.0], [2, 2])
    >>> tf.sparse.sparse_dense_matmul(st, tf.ones([2, 1])).numpy()
    array([[2.],
           [3.]], dtype=float32)
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError
from ..framework.indexed_slices import IndexedSlices
from ..framework.sparse_tensor import SparseTensor
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..framework.tensor_shape import TensorShape
from ..prims import base as P
from ..prims import ragged as PR
from ..prims import sparse as PS
from . import array_ops as A
from . import math_ops as M

_fold = PR.fold


def _check(sp, what="sp_input"):
    if not isinstance(sp, SparseTensor):
        raise TypeError(f"Input must be a SparseTensor, got {type(sp).__name__}")
    return sp


def _make(indices, values, shape, static=None):
    """A SparseTensor of index and shape tensors; `static` refines its static shape."""
    out = SparseTensor(indices, values, shape)
    if static is not None:
        out.set_shape(static)
    return out


def _vec(values):
    return wrap(np.asarray(values, np.int64).reshape(-1))


def _static_ints(v):
    """An int list argument (Python values or a tensor known now), or None for a graph tensor."""
    if isinstance(v, Tensor):
        value = PR.static_value(v)
        return None if value is None else [int(d) for d in np.asarray(value).reshape(-1)]
    return [int(d) for d in np.asarray(getattr(v, "_value", v)).reshape(-1)]


def _int_tensor(v):
    return v if isinstance(v, Tensor) else _vec(np.asarray(getattr(v, "_value", v)))


def _constant_shape(sp):
    """What TF's shape inference knows of `sp`'s dense shape: its value when it is a constant
    (not the static shape a function's input spec gives)."""
    from ..framework.sparse_tensor import _static_shape
    return _static_shape(sp.dense_shape)


def _set_static(t, shape):
    """Gives a graph tensor the static shape known in Python."""
    if hasattr(t, "set_shape") and shape is not None and shape.rank is not None:
        t.set_shape(shape)
    return t


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor of a SparseTensor (missing entries `default_value`, else zero);
    differentiable with respect to the values and the default.

    >>> tf.sparse.to_dense(tf.SparseTensor([[1]], [5], [3])).numpy()
    array([0, 5, 0], dtype=int32)
    """
    sp = _check(sp_input)
    values = sp.values
    if default_value is None:
        default = wrap(np.asarray(b"" if values.dtype == D.string else 0,
                                  dtype=values.dtype._np)[()])
    else:
        default = convert_to_tensor(default_value, values.dtype)
    out = PS.to_dense(sp.indices, values, sp.dense_shape, default, validate_indices)
    return _set_static(out, _constant_shape(sp))


def from_dense(tensor, name=None):
    """The SparseTensor of a dense tensor's non-zero (non-empty) entries.

    >>> print(tf.sparse.from_dense([0, 7]))
    SparseTensor(indices=tf.Tensor([[1]], shape=(1, 1), dtype=int64), values=tf.Tensor([7], shape=(1,), dtype=int32), dense_shape=tf.Tensor([2], shape=(1,), dtype=int64))
    """
    from ..ragged.ragged_tensor import shape_vector
    x = convert_to_tensor(tensor)
    indices = _fold(PS.FROM_DENSE, (x,))
    from ..prims.indexing import gather_nd
    return _make(indices, gather_nd(x, indices), shape_vector(x), x.shape)


def reorder(sp_input, name=None):
    """The same SparseTensor with indices in row-major order."""
    sp = _check(sp_input)
    indices, order = _fold(PS.REORDER, (sp.indices, sp.dense_shape))
    values = P.gather(sp.values, order)
    if sp.shape.is_fully_defined():  # TF's: the static shape becomes the dense shape
        return _make(indices, values, _vec(sp.shape.as_list()))
    return _make(indices, values, sp.dense_shape, sp.shape)


def reshape(sp_input, shape, name=None):
    """The SparseTensor of the reshaped dense tensor (one -1 dimension is inferred)."""
    sp = _check(sp_input)
    new = _int_tensor(shape)
    indices, out_shape = _fold(PS.RESHAPE, (sp.indices, sp.dense_shape, new))
    want = _static_ints(new)
    if want is not None and sp.shape.is_fully_defined() and want.count(-1) <= 1:
        total = int(np.prod(sp.shape.as_list()))
        known = int(np.prod([d for d in want if d != -1]))
        if -1 in want and known and total % known == 0:
            want[want.index(-1)] = total // known
        if -1 not in want and int(np.prod(want)) == total:  # the new shape, known now (TF's)
            out_shape = _vec(want)
    return _make(indices, sp.values, out_shape)


def transpose(sp_input, perm=None, name=None):
    """The transposed SparseTensor (reversed dimensions by default), reordered."""
    sp = _check(sp_input)
    rank = sp.shape.rank
    if rank is None and perm is None:
        raise NotImplementedError("tf.sparse.transpose of a SparseTensor of unknown rank without "
                                  "a perm is not implemented in tapeflow")
    perm = list(range(rank))[::-1] if perm is None else [int(p) for p in perm]
    p = _vec(perm)
    indices = P.gather(sp.indices, p, 1)
    if sp.shape.is_fully_defined():  # TF's: the transposed static shape is the dense shape
        return reorder(_make(indices, sp.values, _vec([sp.shape[i] for i in perm])))
    return reorder(_make(indices, sp.values, P.gather(sp.dense_shape, p)))


def add(a, b, threshold=0, name=None):
    """a + b for a SparseTensor and a SparseTensor (a SparseTensor; sums whose magnitude is
    below `threshold` are dropped) or a dense tensor (a dense tensor)."""
    if not isinstance(a, SparseTensor):
        a, b = b, a
    if not isinstance(b, SparseTensor):
        b = convert_to_tensor(b, a.dtype)
        return _set_static(M.add(to_dense(a, validate_indices=False), b), b.shape)
    indices, ids, n = _fold(PS.ADD_INDICES, (a.indices, a.dense_shape, b.indices, b.dense_shape))
    values = PR.dynamic_segment("sum", A.concat([a.values, b.values], 0), ids, n)
    thr = threshold if isinstance(threshold, Tensor) else convert_to_tensor(threshold)
    t_value = PR.static_value(thr)
    if t_value is None or float(np.asarray(t_value)) > 0:
        keep = _fold(PS.THRESHOLD_KEEP, (values, thr))
        indices, values = P.gather(indices, keep), P.gather(values, keep)
    static = a.shape.merge_with(b.shape)
    if static.is_fully_defined():  # TF's: a shape known statically becomes the dense shape
        return _make(indices, values, _vec(static.as_list()))
    return _make(indices, values, a.dense_shape)


def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """A sparse matrix times a dense one (either may be the sparse operand); differentiable in
    the sparse values and the dense operand."""
    if not isinstance(sp_a, SparseTensor):
        # dense @ sparse = (sparse^T @ dense^T)^T
        a = convert_to_tensor(sp_a)
        out = sparse_dense_matmul(b, a, adjoint_a=not adjoint_b, adjoint_b=not adjoint_a)
        return A.transpose(out)
    values = sp_a.values
    b = convert_to_tensor(b, values.dtype)
    shape = sp_a.shape
    if shape.rank is not None and shape.rank != 2:
        raise ValueError("Tensor is not a matrix")
    if adjoint_b:
        b = A.transpose(b)
    if shape.rank is None:
        n_out = inner = None
    else:
        n_out, inner = (shape[1], shape[0]) if adjoint_a else (shape[0], shape[1])
    if inner is not None and b.shape[0] is not None and b.shape[0] != inner:
        raise InvalidArgumentError(None, "SparseTensorDenseMatMul", "Cannot multiply A and B "
                                   f"because inner dimension does not match: {inner} vs. "
                                   f"{b.shape[0]}.  Did you forget a transpose?  Dimensions of "
                                   f"A: [{shape[0]}, {shape[1]}).  Dimensions of B: "
                                   f"{b.shape.as_list()}")
    out = PS.matmul(sp_a.indices, values, sp_a.dense_shape, b, adjoint_a)
    known = _constant_shape(sp_a)
    n_out = None if known.rank is None else known[1 if adjoint_a else 0]
    return _set_static(out, TensorShape([n_out, b.shape[1]]))


sparse_tensor_dense_matmul = sparse_dense_matmul
matmul = sparse_dense_matmul


def _axes(axis):
    if axis is None:
        return None
    v = _static_ints(axis)
    if v is None:
        raise NotImplementedError("a sparse reduction over an axis given as a graph tensor is not "
                                  "implemented in tapeflow")
    return tuple(v)


def _reduce(kind, sp, axis, keepdims, output_is_sparse):
    sp = _check(sp)
    axes = _axes(axis)
    ids, n, new_idx, out_shape, present = _fold(PS.REDUCE_INDICES, (sp.indices, sp.dense_shape), {
        "axes": axes, "output_is_sparse": bool(output_is_sparse), "keepdims": bool(keepdims)})
    n = PR.static_value(n) if PR.static_value(n) is not None else n
    n = int(np.asarray(n)) if not isinstance(n, Tensor) else n
    values = sp.values
    if kind == "sum":
        PR.DYNAMIC_SEGMENT_SUM.check(values)
        red = PR.dynamic_segment("sum", values, ids, n)
    else:
        PR.DYNAMIC_SEGMENT_MAX.check(values)
        red = PR.dynamic_segment("max", values, ids, n)
        if not output_is_sparse:
            red = A.where(present, red, P.zeros_like(red))
    static = _reduced_static(_constant_shape(sp), axes, keepdims)
    if output_is_sparse:
        return _make(new_idx, red, out_shape, static)
    return _set_static(A.reshape(red, out_shape), static)


def _reduced_static(shape, axes, keepdims):
    if shape.rank is None:
        return None
    nd = shape.rank
    axes = set(range(nd)) if axes is None else {a % nd for a in axes}
    dims = shape.as_list()
    if keepdims:
        return TensorShape([1 if d in axes else dims[d] for d in range(nd)])
    return TensorShape([dims[d] for d in range(nd) if d not in axes])


def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """Sum of the values over `axis` (a dense tensor, or a SparseTensor)."""
    return _reduce("sum", sp_input, axis, bool(keepdims), output_is_sparse)


def reduce_max(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """Max of the present values over `axis` (0 where none is present)."""
    return _reduce("max", sp_input, axis, bool(keepdims), output_is_sparse)


def concat(axis, sp_inputs, expand_nonconcat_dims=False, name=None):
    """SparseTensors joined along `axis`."""
    sps = [_check(s) for s in sp_inputs]
    axis = int(axis)
    indices, shape, order = _fold(
        PS.CONCAT, tuple(s.indices for s in sps) + tuple(s.dense_shape for s in sps),
        {"axis": axis, "expand": bool(expand_nonconcat_dims)})
    values = P.gather(A.concat([s.values for s in sps], 0), order)
    shapes = [s.shape for s in sps]
    if any(sh.rank is None for sh in shapes):
        return _make(indices, values, shape)
    rank = shapes[0].rank
    if expand_nonconcat_dims:
        dims = [None if any(sh[d] is None for sh in shapes) else max(sh[d] for sh in shapes)
                for d in range(rank)]
    else:
        dims = shapes[0].as_list()
    along = [sh[axis] for sh in shapes]
    dims[axis] = None if None in along else sum(along)
    if all(sh.is_fully_defined() for sh in shapes):  # the output shape, known now (TF's)
        return _make(indices, values, _vec(dims))
    return _make(indices, values, shape, TensorShape(dims))


def slice(sp_input, start, size, name=None):
    """The SparseTensor of the entries in the box [start, start + size), shifted to the origin."""
    sp = _check(sp_input)
    indices, shape, kept = _fold(PS.SLICE, (sp.indices, sp.dense_shape, _int_tensor(start),
                                            _int_tensor(size)))
    return _make(indices, P.gather(sp.values, kept), shape)


def retain(sp_input, to_retain):
    """The entries where the bool vector `to_retain` is True."""
    sp = _check(sp_input)
    mask = to_retain if isinstance(to_retain, Tensor) else convert_to_tensor(
        np.asarray(getattr(to_retain, "_value", to_retain), bool))
    keep = _fold(PR.NONZERO, (mask,))
    return _make(P.gather(sp.indices, keep), P.gather(sp.values, keep), sp.dense_shape)


def fill_empty_rows(sp_input, default_value, name=None):
    """Every empty row given one entry `default_value` at column 0; also the bool vector of
    which rows were empty."""
    sp = _check(sp_input)
    indices, source, empty = _fold(PS.FILL_EMPTY_ROWS, (sp.indices, sp.dense_shape))
    default = convert_to_tensor(default_value, sp.values.dtype)
    table = A.concat([sp.values, A.expand_dims(default, 0)], 0)
    return _make(indices, P.gather(table, source), sp.dense_shape), empty


def _cwise(sp_a, sp_b, fn):
    a, b = _check(sp_a), _check(sp_b)
    indices, pa, pb, n = _fold(PS.UNION, (a.indices, b.indices, a.dense_shape))
    fa = PR.dynamic_segment("sum", a.values, pa, n)
    fb = PR.dynamic_segment("sum", b.values, pb, n)
    return _make(indices, fn(fa, fb), a.dense_shape)


def maximum(sp_a, sp_b, name=None):
    """Elementwise max of two SparseTensors (a missing entry counts as zero)."""
    return _cwise(sp_a, sp_b, M.maximum)


def minimum(sp_a, sp_b, name=None):
    """Elementwise min of two SparseTensors (a missing entry counts as zero)."""
    return _cwise(sp_a, sp_b, M.minimum)


def mask(a, mask_indices, name=None):
    """The slices of IndexedSlices `a` whose indices are not in `mask_indices`."""
    keep = _fold(PS.MASK_KEEP, (a.indices, convert_to_tensor(mask_indices)))
    return IndexedSlices(P.gather(a.values, keep), P.gather(a.indices, keep), a.dense_shape)


def softmax(sp_input, name=None):
    """Softmax over the present entries of each innermost row."""
    sp = _check(sp_input)
    ids, n = _fold(PS.GROUPS, (sp.indices, sp.dense_shape))
    values = sp.values
    top = P.gather(PR.dynamic_segment("max", values, ids, n), ids)
    e = M.exp(M.subtract(values, A.stop_gradient(top)))
    total = P.gather(PR.dynamic_segment("sum", e, ids, n), ids)
    return _make(sp.indices, M.truediv(e, total), sp.dense_shape)


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
    indices = first.indices
    for other in found[1:]:
        indices = _fold(PR.ASSERT_SAME, (indices, other.indices), {"kind": "sparse"})
    return _make(indices, op(*new_args, **new_kwargs), first.dense_shape)


def to_indicator(sp_input, vocab_size, name=None):
    """A dense bool tensor: row r has True at each id among row r's values."""
    sp = _check(sp_input)
    return _fold(PS.TO_INDICATOR, (sp.indices, sp.values, sp.dense_shape),
                 {"vocab_size": int(vocab_size)})


def eye(num_rows, num_columns=None, dtype=D.float32, name=None):
    """The identity matrix as a SparseTensor."""
    m = int(num_rows)
    n = m if num_columns is None else int(num_columns)
    k = min(m, n)
    idx = np.stack([np.arange(k), np.arange(k)], axis=1)
    return SparseTensor(wrap(idx.astype(np.int64)), wrap(np.ones(k, D.as_dtype(dtype)._np)),
                        _vec([m, n]))


def expand_dims(sp_input, axis=None, name=None):
    sp = _check(sp_input)
    nd = sp.shape.rank
    axis = 0 if axis is None else int(axis)
    axis = axis + nd + 1 if axis < 0 else axis
    indices, shape = _fold(PS.EXPAND_DIMS, (sp.indices, sp.dense_shape), {"axis": axis})
    known = _constant_shape(sp)
    if known.rank is None:
        return _make(indices, sp.values, shape)
    dims = known.as_list()
    return _make(indices, sp.values, shape, TensorShape(dims[:axis] + [1] + dims[axis:]))


def split(sp_input=None, num_split=None, axis=None, name=None, keyword_required=None):
    sp = _check(sp_input)
    k = int(num_split)
    outs = _fold(PS.SPLIT, (sp.indices, sp.dense_shape), {"num_split": k, "axis": int(axis)})
    return [_make(outs[3 * i], P.gather(sp.values, outs[3 * i + 2]), outs[3 * i + 1])
            for i in range(k)]


def reset_shape(sp_input, new_shape=None):
    sp = _check(sp_input)
    given = new_shape is not None
    new = _int_tensor(new_shape) if given else sp.dense_shape
    want = _static_ints(new_shape) if given else None
    if want is not None and sp.shape.rank is not None:
        known = sp.shape.as_list()
        if None not in known and any(n < s for n, s in zip(want, known)):
            raise ValueError("Requested new_shape should have dimension sizes >= "
                             f"sp_input.shape.  Found new_shape ({np.asarray(want)}), "
                             f"sp_input.shape ({np.asarray(known)}).")
    shape = _fold(PS.RESET_SHAPE, (sp.indices, sp.dense_shape, new), {"given": given})
    return _make(sp.indices, sp.values, shape)


def bincount(values, weights=None, axis=0, minlength=None, maxlength=None,
             binary_output=False, name=None):
    """Counts of each value of a SparseTensor (or dense tensor), as a SparseTensor."""
    v = values.values if isinstance(values, SparseTensor) else convert_to_tensor(values)
    if axis not in (0, None) or weights is not None:
        raise NotImplementedError("tf.sparse.bincount with weights or axis=-1 is not "
                                  "implemented in tapeflow")
    indices, counts, shape = _fold(PS.BINCOUNT, (v,), {
        "minlength": -1 if minlength is None else int(minlength),
        "maxlength": -1 if maxlength is None else int(maxlength),
        "binary_output": bool(binary_output)})
    return _make(indices, counts, shape)


def _ones_like(x):
    from ..ragged.ragged_ops import ones_like
    return ones_like(x)


def _segment_count(ids, num_segments):
    if num_segments is not None:
        return num_segments if isinstance(num_segments, Tensor) else int(num_segments)
    return _fold(PS.COUNT_SEGMENTS, (convert_to_tensor(ids),))


def segment_sum(data, indices, segment_ids, num_segments=None, name=None):
    """Sum over segments of the rows `data[indices]`."""
    rows = A.gather(data, indices)
    if num_segments is not None or not _known(segment_ids):
        return PR.dynamic_segment("sum", rows, convert_to_tensor(segment_ids),
                                  _segment_count(segment_ids, num_segments))
    from . import segment_ops
    return segment_ops.segment_sum(rows, segment_ids)


def _known(x):
    return not isinstance(x, Tensor) or PR.static_value(x) is not None


def segment_mean(data, indices, segment_ids, num_segments=None, name=None):
    rows = A.gather(data, indices)
    if num_segments is not None or not _known(segment_ids):
        ids = convert_to_tensor(segment_ids)
        n = _segment_count(segment_ids, num_segments)
        total = PR.dynamic_segment("sum", rows, ids, n)
        count = PR.dynamic_segment("sum", _ones_like(rows), ids, n)
        return M.div_no_nan(total, count)
    from . import segment_ops
    return segment_ops.segment_mean(rows, segment_ids)


def segment_sqrt_n(data, indices, segment_ids, num_segments=None, name=None):
    rows = A.gather(data, indices)
    ids = convert_to_tensor(segment_ids)
    n = _segment_count(segment_ids, num_segments)
    if not isinstance(n, Tensor) or PR.static_value(n) is not None:
        from . import segment_ops
        n = n if not isinstance(n, Tensor) else int(np.asarray(PR.static_value(n)))
        return segment_ops.unsorted_segment_sqrt_n(rows, ids, n)
    total = PR.dynamic_segment("sum", rows, ids, n)
    count = PR.dynamic_segment("sum", _ones_like(rows), ids, n)
    return M.div_no_nan(total, M.sqrt(count))


def embedding_lookup_sparse(params, sp_ids, sp_weights, combiner="mean", max_norm=None,
                            name=None, allow_fast_lookup=False):
    """Per row of `sp_ids`, the combination ('sum', 'mean' or 'sqrtn') of the embeddings of
    its ids, weighted by `sp_weights` (None: weight 1)."""
    if combiner not in ("sum", "mean", "sqrtn"):
        raise ValueError(f"combiner must be one of 'mean', 'sqrtn' or 'sum', got {combiner}")
    if isinstance(params, (list, tuple)):
        params = A.concat(list(params), 0) if len(params) > 1 else params[0]
    params = convert_to_tensor(params)
    rows = P.gather(sp_ids.indices, wrap(np.int64(0)), 1)
    n = _fold(PS.COUNT_SEGMENTS, (rows,))
    emb = A.gather(params, sp_ids.values)
    if sp_weights is None:
        w = _ones_like(M.cast(sp_ids.values, params.dtype))
    else:
        w = convert_to_tensor(sp_weights.values, params.dtype)
    weighted = M.multiply(emb, A.expand_dims(w, 1))
    total = PR.dynamic_segment("sum", weighted, rows, n)
    if combiner == "sum":
        return total
    if combiner == "mean":
        denom = PR.dynamic_segment("sum", w, rows, n)
    else:
        denom = M.sqrt(PR.dynamic_segment("sum", M.multiply(w, w), rows, n))
    return M.div_no_nan(total, A.expand_dims(denom, 1))


# the unary ops TF applies to a SparseTensor's values (those mapping 0 to 0)
_ZERO_PRESERVING = frozenset(("Abs", "Asin", "Asinh", "Atan", "Atanh", "BesselI0e", "BesselI1e",
                              "Erf", "Neg", "Sign", "Sin", "Sqrt", "Square", "Tan", "Tanh"))


def _unsupported(args):
    """TF's error for an op that does not take SparseTensors (it tries to convert one)."""
    sp = next(a for a in args if isinstance(a, SparseTensor))
    return ValueError(f"Attempt to convert a value ({sp}) with an unsupported type "
                      f"({type(sp)!r}) to a Tensor.")


def elementwise(op, args, attrs):
    """Elementwise primitive with a SparseTensor operand: TF's sparse-dense cwise ops (mul, div)
    applied on the present entries."""
    from ..prims import base
    if len(args) == 1 and op.name in _ZERO_PRESERVING:  # TF's unary ops on the values
        from ._common import unary
        return args[0].with_values(unary(op, args[0].values, attrs))
    if op.batch is not base.elementwise or len(args) != 2 or not isinstance(args[0],
                                                                          SparseTensor):
        raise _unsupported(args)
    sp, other = args
    if op.name not in ("Mul", "RealDiv", "Div", "TrueDiv", "DivNoNan"):
        raise _unsupported(args)
    values = sp.values
    d = convert_to_tensor(other, dtype_hint=values.dtype) if not isinstance(other, Tensor) \
        else other
    dshape = d._value.shape
    if dshape is None or None in dshape:
        raise NotImplementedError("a SparseTensor times a dense tensor of unknown shape is not "
                                  "implemented in tapeflow")
    if len(dshape) == 0:
        picked = d
    else:
        from ..prims.indexing import gather_nd
        index = _fold(PS.BROADCAST_INDEX, (sp.indices, sp.dense_shape),
                      {"dense_shape": tuple(int(k) for k in dshape)})
        picked = gather_nd(d, index)
    from ._common import binary
    return sp.with_values(binary(op, values, picked, attrs=attrs))


def _shape_api(sp, out_type=D.int32):
    return M.cast(sp.dense_shape, out_type)


def _size_api(sp, out_type=D.int32):
    from ..prims import math as PM
    return M.cast(PM.reduce_prod(sp.dense_shape, (0,)), out_type)


def _rank_api(sp):
    from ..prims import array as PA
    return PA.shape(sp.dense_shape, np.int32)[0] if sp.shape.rank is None else \
        wrap(np.int32(sp.shape.rank))


API = {
    "abs": lambda sp: sp.with_values(M.abs(sp.values)),
    "cast": lambda sp, dtype: sp.with_values(M.cast(sp.values, dtype)),
    "identity": lambda sp: sp.with_values(A.identity(sp.values)),
    "shape": _shape_api, "size": _size_api, "rank": _rank_api,
}


def api(name, args, kwargs):
    fn = API.get(name)
    if fn is None:
        raise _unsupported(args)
    return fn(*args, **kwargs)
