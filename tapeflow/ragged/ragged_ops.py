"""Operations on RaggedTensors: construction from Python lists and dense tensors, conversion,
elementwise ops with TF's ragged broadcasting, reductions over ragged axes, and the public ops TF
dispatches for ragged arguments (concat, stack, tile, gather, where, shape, ...).

Values flow through tapeflow's public, differentiable ops (gather, segment reductions, concat),
so gradients reach the flat values; row partitions are NumPy constants.

    >>> rt = tf.ragged.constant([[1, 2], [3]])
    >>> print(tf.reduce_sum(rt, axis=1))
    tf.Tensor([3 3], shape=(2,), dtype=int32)
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from .ragged_tensor import RaggedTensor, _np, ragged_value_index

_int64 = np.int64


def _ops():
    from ..ops import array_ops, math_ops
    return array_ops, math_ops


def _segments():
    from ..ops import segment_ops
    return segment_ops


def is_ragged(x):
    return isinstance(x, RaggedTensor)


# ============================================================================================
# Construction
# ============================================================================================
def _scalar_depths(pylist, depth, out, kinds):
    if isinstance(pylist, (list, tuple)):
        for item in pylist:
            _scalar_depths(item, depth + 1, out, kinds)
        if not pylist:
            out.append(("empty", depth))
    elif isinstance(pylist, np.ndarray) and pylist.ndim > 0:
        for item in pylist:
            _scalar_depths(item, depth + 1, out, kinds)
    else:
        out.append(("scalar", depth))
        kinds.add("str" if isinstance(pylist, (str, bytes)) else "num")


def constant(pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None,
             row_splits_dtype=dtypes.int64):
    """A RaggedTensor from nested Python lists (rows may differ in length).

    >>> print(tf.ragged.constant([[1, 2], [], [3]]))
    <tf.RaggedTensor [[1, 2], [], [3]]>
    """
    if isinstance(pylist, RaggedTensor):
        return pylist
    if not isinstance(pylist, (list, tuple, np.ndarray)):
        return convert_to_tensor(pylist, dtype)
    found, kinds = [], set()
    _scalar_depths(pylist, 0, found, kinds)
    scalar = {d for k, d in found if k == "scalar"}
    if len(scalar) > 1:
        raise ValueError("all scalar values must have the same nesting depth")
    if len(kinds) > 1:
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    inner_shape = tuple(inner_shape or ())
    if scalar:
        rank = scalar.pop()
        if any(k == "empty" and d >= rank for k, d in found):
            raise ValueError("all scalar values must have the same nesting depth")
    else:
        rank = max(d + 1 for _, d in found) + len(inner_shape)
        if ragged_rank is not None:
            rank = max(rank, ragged_rank + 1 + len(inner_shape))
    if ragged_rank is None:
        ragged_rank = rank - 1 - len(inner_shape)
        if ragged_rank <= 0:
            return convert_to_tensor(pylist, dtype)
    if rank <= ragged_rank:
        raise ValueError(f"Invalid pylist={pylist!r}: incompatible with ragged_rank={ragged_rank}")
    splits_dtype = dtypes.as_dtype(row_splits_dtype)._np
    nested = []
    level = list(pylist)
    for _ in range(ragged_rank):
        lengths = [len(item) for item in level]
        nested.append(np.concatenate([[0], np.cumsum(lengths)]).astype(splits_dtype))
        level = [x for item in level for x in item]
    if not level:
        if dtype is None:
            dtype = dtypes.float32
        inner = inner_shape if inner_shape else (0,) * (rank - ragged_rank - 1)
        flat = wrap(np.zeros((0,) + tuple(inner), dtypes.as_dtype(dtype)._np)
                    if dtypes.as_dtype(dtype) != dtypes.string
                    else np.zeros((0,) + tuple(inner), object))
    else:
        flat = convert_to_tensor(level, dtype)
        if inner_shape and tuple(flat.shape.as_list()[1:]) != inner_shape:
            from ..ops.array_ops import reshape
            flat = reshape(flat, (-1,) + inner_shape)
    result = flat
    for splits in reversed(nested):
        result = RaggedTensor._make(result, wrap(splits))
    return result


def constant_value(pylist, dtype=None, ragged_rank=None, inner_shape=None,
                   row_splits_dtype="int64"):
    """tf.compat.v1.ragged.constant_value: here the same values as `constant`."""
    return constant(pylist, dtype, ragged_rank, inner_shape, row_splits_dtype=row_splits_dtype)


def _uniform(values, n, k, splits_dtype):
    splits = (np.arange(n + 1) * k).astype(splits_dtype._np)
    return RaggedTensor._make(values, wrap(splits), wrap(np.asarray(k, splits_dtype._np)[()]))


def from_tensor(tensor, lengths=None, padding=None, ragged_rank=1, splits_dtype=dtypes.int64):
    A, _ = _ops()
    if isinstance(tensor, RaggedTensor):
        raise TypeError("tensor must be a Tensor, not a RaggedTensor")
    x = convert_to_tensor(tensor)
    shape = _np(x).shape
    if len(shape) < 2:
        raise ValueError(f"Shape {tuple(shape)} must have rank at least 2")
    if not 0 < ragged_rank < len(shape):
        raise ValueError(f"ragged_rank must be greater than 0 and less than rank; got {ragged_rank}")
    if lengths is not None and padding is not None:
        raise ValueError("Specify lengths or padding, but not both")
    n0 = shape[0]
    # the flat values, and the uniform partitions below the outermost one (ragged_rank > 1)
    flat_shape = (int(np.prod(shape[:ragged_rank + 1])),) + shape[ragged_rank + 1:]
    values = A.reshape(x, flat_shape)
    result = values
    for level in range(ragged_rank, 1, -1):
        rows = int(np.prod(shape[:level]))
        result = _uniform(result, rows, shape[level], splits_dtype)
    if lengths is None and padding is None:
        return _uniform(result, n0, shape[1], splits_dtype)
    # the outermost partition becomes ragged: rows cut to `lengths`, or to the last non-padding
    row_values = _np(x)
    if padding is not None:
        pad = convert_to_tensor(padding, x.dtype)
        if tuple(pad.shape.as_list()) != tuple(shape[2:]):
            raise ValueError(f"Shapes {tuple(pad.shape.as_list())} and {tuple(shape[2:])} are "
                             "incompatible")
        differs = row_values != _np(pad)
        if differs.ndim > 2:
            differs = differs.reshape(differs.shape[:2] + (-1,)).any(axis=2)
        has = differs[:, ::-1]
        lens = np.where(has.any(axis=1), shape[1] - np.argmax(has, axis=1), 0)
    else:
        lens = np.asarray(getattr(lengths, "_value", lengths)).astype(np.int64)
    lens = np.minimum(lens, shape[1])
    keep = (np.arange(shape[1])[None, :] < lens[:, None]).reshape(-1)
    rows = np.nonzero(keep)[0]
    inner = _gather_rows(result, rows)
    splits = np.concatenate([[0], np.cumsum(lens)]).astype(splits_dtype._np)
    return RaggedTensor._make(inner, wrap(splits))


def _gather_rows(x, rows, splits_dtype=None):
    """Rows `rows` (NumPy ints) of a Tensor or RaggedTensor, in that order."""
    A, _ = _ops()
    rows = np.asarray(rows, np.int64)
    if not isinstance(x, RaggedTensor):
        return A.gather(x, wrap(rows))
    s = x.splits_np()
    starts, ends = s[rows], s[rows + 1]
    lengths = ends - starts
    idx = _ranges(starts, lengths)
    new_splits = np.concatenate([[0], np.cumsum(lengths)]).astype(s.dtype)
    return RaggedTensor._make(_gather_rows(x._values, idx), wrap(new_splits),
                              x._uniform_row_length)


def _ranges(starts, lengths):
    """The concatenation of range(starts[i], starts[i] + lengths[i])."""
    total = int(np.sum(lengths))
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return (np.repeat(starts, lengths) + np.arange(total) - offsets).astype(np.int64)


def to_tensor(rt, default_value=None, shape=None):
    A, _ = _ops()
    flat = rt.flat_values
    r = rt.ragged_rank
    bound = [int(d) for d in _np(rt.bounding_shape())]
    if shape is not None:
        from ..framework.tensor_shape import TensorShape
        want = TensorShape(shape).as_list() if not isinstance(shape, Tensor) else \
            [int(d) for d in _np(shape)]
        if len(want) != len(bound):
            raise ValueError(f"rt_input.shape and shape={shape} are incompatible: rt_input.rank = "
                             f"{len(bound)} but shape.rank = {len(want)}")
        bound = [b if w is None or w == -1 else int(w) for b, w in zip(bound, want)]
    outer, inner = bound[:r + 1], bound[r + 1:]
    if default_value is None:
        default = wrap(np.array(b"" if flat.dtype == dtypes.string else 0, dtype=flat.dtype._np)
                       if flat.dtype == dtypes.string else np.zeros((), flat.dtype._np)[()])
    else:
        default = convert_to_tensor(default_value, flat.dtype)
    have_inner = list(_np(flat).shape[1:])
    if inner != have_inner:  # crop or pad the uniform inner dimensions
        key = (slice(None),) + tuple(slice(0, d) for d in inner)
        flat = flat[key]
        cur = list(_np(flat).shape[1:])
        if cur != inner:
            pads = [[0, 0]] + [[0, w - c] for w, c in zip(inner, cur)]
            flat = A.pad(flat, pads, constant_values=default if default.shape.rank == 0 else 0)
    index = ragged_value_index(rt)
    keep = np.all(index < np.asarray(outer)[None, :], axis=1) if len(index) else \
        np.zeros(0, bool)
    kept = np.nonzero(keep)[0]
    n_out = int(np.prod(outer))
    lin = np.ravel_multi_index(tuple(index[kept].T), outer) if len(kept) else \
        np.zeros(0, np.int64)
    index_map = np.full(n_out, len(kept), np.int64)
    index_map[lin] = np.arange(len(kept))
    if len(kept) != _np(flat).shape[0]:
        flat = A.gather(flat, wrap(kept.astype(np.int64)))
    fill = A.broadcast_to(default, inner)
    table = A.concat([flat, A.expand_dims(fill, 0)], 0)
    return A.reshape(A.gather(table, wrap(index_map)), outer + inner)


def merge_dims(rt, outer_axis, inner_axis):
    A, _ = _ops()
    rank = rt.shape.rank
    outer_axis = outer_axis + rank if outer_axis < 0 else outer_axis
    inner_axis = inner_axis + rank if inner_axis < 0 else inner_axis
    if outer_axis > inner_axis:
        raise ValueError("Expected outer_axis to be less than or equal to inner_axis")
    if outer_axis == inner_axis:
        return rt
    if outer_axis == 1 and isinstance(rt._values, RaggedTensor):
        inner = rt._values
        merged = RaggedTensor._make(inner._values, wrap(inner.splits_np()[rt.splits_np()]))
        return merge_dims(merged, 1, inner_axis - 1)
    if outer_axis == 0:
        level = rt
        for _ in range(inner_axis):
            if isinstance(level, RaggedTensor):
                level = level._values
            else:
                d = _np(level).shape
                level = A.reshape(level, (d[0] * d[1],) + d[2:])
        return level
    return rt.with_values(merge_dims(rt._values, outer_axis - 1, inner_axis - 1))


# ============================================================================================
# Elementwise ops and broadcasting
# ============================================================================================
def _assert_equal_error(x, y):
    """TF's tf.debugging.assert_equal message for two partitions that differ."""
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape:
        return InvalidArgumentError(None, None, "Incompatible shapes: ragged dimensions do not "
                                    f"match: {x.tolist()} vs. {y.tolist()}")
    diff = np.argwhere(x != y)
    n = min(3, len(diff))
    return InvalidArgumentError(None, None, (
        "Condition x == y did not hold.\n"
        f"Indices of first {n} different values:\n{diff[:n]}\n"
        f"Corresponding x values:\n{x[tuple(diff[:n].T)]}\n"
        f"Corresponding y values:\n{y[tuple(diff[:n].T)]}\n"
        f"First 3 elements of x:\n{x[:3]}\n"
        f"First 3 elements of y:\n{y[:3]}"))


def _partitions(rt):
    out = []
    level = rt
    while isinstance(level, RaggedTensor):
        out.append(level.splits_np())
        level = level._values
    return out


def _raise_rank(rt, ragged_rank):
    """`rt` with uniform inner dimensions turned into (uniform) ragged partitions until it has
    `ragged_rank` ragged dimensions."""
    A, _ = _ops()
    if rt.ragged_rank >= ragged_rank:
        return rt
    flat = rt.flat_values
    shape = _np(flat).shape
    if len(shape) < 2:
        raise InvalidArgumentError(None, None, "Incompatible shapes for ragged broadcasting")
    values = A.reshape(flat, (shape[0] * shape[1],) + shape[2:])
    inner = _uniform(values, shape[0], shape[1], rt.row_splits_dtype)
    return _raise_rank(rt.with_flat_values(inner), ragged_rank)


def _align_ragged(x, y):
    """Two RaggedTensors with identical partitions (or TF's error)."""
    r = max(x.ragged_rank, y.ragged_rank)
    x, y = _raise_rank(x, r), _raise_rank(y, r)
    for sx, sy in zip(_partitions(x), _partitions(y)):
        if sx.shape != sy.shape or np.any(sx != sy):
            raise _assert_equal_error(sx, sy)
    fx, fy = _np(x.flat_values).shape[1:], _np(y.flat_values).shape[1:]
    try:
        np.broadcast_shapes(fx, fy)
    except ValueError:
        nx = _np(x.flat_values).shape[0]
        kx = fx[0] if fx else 1
        ky = fy[0] if fy else 1
        raise _assert_equal_error(np.arange(nx + 1) * kx, np.arange(nx + 1) * ky) from None
    return x, y


def broadcast_dense_to(rt, y):
    """Dense `y` broadcast to `rt`'s ragged structure: a tensor that broadcasts against
    `rt.flat_values`."""
    A, _ = _ops()
    R = rt.shape.rank
    r = rt.ragged_rank
    m = R - r - 1
    ys = _np(y).shape
    k = len(ys)
    if k <= m:
        return y
    if k > R:
        raise InvalidArgumentError(None, None, "Incompatible shapes: the dense operand has "
                                   "more dimensions than the ragged one")
    full = (1,) * (R - k) + tuple(ys)
    outer, inner = full[:r + 1], full[r + 1:]
    if all(d == 1 for d in outer):
        return A.reshape(y, (1,) + inner)
    nrows = rt.nrows_np()
    if outer[0] not in (1, nrows):
        raise InvalidArgumentError(None, None, f"Incompatible shapes: [{nrows}] vs. [{outer[0]}]")
    level = rt
    for j in range(1, r + 1):
        s = level.splits_np()
        if outer[j] != 1:
            uniform = np.arange(len(s)) * outer[j]
            if np.any(np.diff(s) != outer[j]):
                raise _assert_equal_error(uniform.astype(s.dtype), s)
        level = level._values
    index = ragged_value_index(rt)
    lin = np.zeros(len(index), np.int64)
    stride = 1
    for j in range(r, -1, -1):
        if outer[j] != 1:
            lin += index[:, j] * stride
        stride *= outer[j]
    y2 = A.reshape(y, (int(np.prod(outer)),) + inner)
    return A.gather(y2, wrap(lin))


def elementwise(op, args, attrs):
    """Elementwise primitive `op` with RaggedTensor arguments (TF's ragged dispatch)."""
    from ..ops._common import binary, unary
    from ..prims import base
    if op.batch is not base.unary and op.batch is not base.elementwise:
        raise TypeError(f"{op.name} does not support RaggedTensor arguments")
    if len(args) == 1:
        x = args[0]
        return x.with_flat_values(unary(op, x.flat_values, attrs))
    x, y = args
    if isinstance(x, RaggedTensor) and isinstance(y, RaggedTensor):
        x, y = _align_ragged(x, y)
        return x.with_flat_values(binary(op, x.flat_values, y.flat_values, attrs=attrs))
    if isinstance(x, RaggedTensor):
        y = _dense_operand(y, x)
        return x.with_flat_values(binary(op, x.flat_values, broadcast_dense_to(x, y), attrs=attrs))
    x = _dense_operand(x, y)
    return y.with_flat_values(binary(op, broadcast_dense_to(y, x), y.flat_values, attrs=attrs))


def _dense_operand(v, like):
    if isinstance(v, Tensor):
        return v
    if getattr(v, "_is_variable", False):
        return convert_to_tensor(v)
    return convert_to_tensor(v, dtype_hint=like.dtype)


def map_flat_values(op, *args, **kwargs):
    """`op` applied to the flat values of the RaggedTensor arguments (which must share their
    partitions); the result has their partition.

    >>> print(tf.ragged.map_flat_values(tf.ones_like, tf.ragged.constant([[1, 2], [3]])))
    <tf.RaggedTensor [[1, 1], [1]]>
    """
    found = []

    def replace(v):
        if isinstance(v, RaggedTensor):
            found.append(v)
            return v.flat_values
        if isinstance(v, (list, tuple)):
            return type(v)(replace(x) for x in v)
        if isinstance(v, dict):
            return {k: replace(x) for k, x in v.items()}
        return v
    new_args = [replace(a) for a in args]
    new_kwargs = {k: replace(v) for k, v in kwargs.items()}
    if not found:
        return op(*args, **kwargs)
    first = found[0]
    for other in found[1:]:
        for sx, sy in zip(_partitions(first), _partitions(other)):
            if sx.shape != sy.shape or np.any(sx != sy):
                raise ValueError("Input RaggedTensors have mismatched row partitions.")
    out = op(*new_args, **new_kwargs)
    n = _np(first.flat_values).shape[0]
    if isinstance(out, Tensor) and (out.shape.rank == 0 or out.shape[0] != n):
        raise ValueError("tf.ragged.map_flat_values requires that the output of `op` have the "
                         "same outer-dimension size as flat_values of any ragged inputs. (output "
                         f"shape: {out.shape}; expected outer dimension size: {n})")
    return first.with_flat_values(out)


# ============================================================================================
# Reductions
# ============================================================================================
_REDUCERS = {"Sum": "sum", "Mean": "mean", "Max": "max", "Min": "min", "Prod": "prod",
             "All": "all", "Any": "any", "EuclideanNorm": "norm"}


def _levels(rt):
    """Partition lengths per level: level 0 is the root (one row of nrows), level l the
    lengths of dimension l, indexed by row tuples in row-major order."""
    out = [np.asarray([rt.nrows_np()])]
    level = rt
    while isinstance(level, RaggedTensor):
        out.append(level.lengths_np())
        level = level._values
    return out


def _segment_reduce(kind, flat, ids, n):
    S = _segments()
    A, M = _ops()
    ids = wrap(np.asarray(ids, np.int64))
    if kind == "sum":
        return S.unsorted_segment_sum(flat, ids, n)
    if kind == "prod":
        return S.unsorted_segment_prod(flat, ids, n)
    if kind == "max":
        return S.unsorted_segment_max(flat, ids, n)
    if kind == "min":
        return S.unsorted_segment_min(flat, ids, n)
    if kind == "mean":
        total = S.unsorted_segment_sum(flat, ids, n)
        count = S.unsorted_segment_sum(A.ones_like(flat), ids, n)
        return M.truediv(total, count)
    if kind in ("all", "any"):
        as_int = M.cast(flat, dtypes.int32)
        red = S.unsorted_segment_min if kind == "all" else S.unsorted_segment_max
        return M.greater(red(as_int, ids, n), 0)
    raise NotImplementedError(f"ragged reduction {kind}")


def _enumerate_rows(parents, lengths):
    """The child row tuples of rows `parents` (an int array [n, l]) of the given lengths."""
    rep = np.repeat(parents, lengths, axis=0)
    within = _ranges(np.zeros(len(lengths), np.int64), lengths)
    return np.concatenate([rep, within[:, None]], axis=1)


def _lookup(rows, queries, bounds):
    """The position in `rows` (tuples, sorted row-major) of each tuple of `queries`."""
    if rows.shape[1] == 0:
        return np.zeros(len(queries), np.int64)
    rk = np.ravel_multi_index(tuple(rows.T), bounds)
    qk = np.ravel_multi_index(tuple(queries.T), bounds)
    return np.searchsorted(rk, qk)


def _reduce_axis(rt, axis, kind):
    """Reduces dimension `axis` (0 <= axis <= ragged_rank): the result's rows are the union of
    the reduced rows' shapes (a missing position gives the reduction's identity)."""
    r = rt.ragged_rank
    levels = _levels(rt)  # levels[l]: lengths of dimension l, one per row tuple of length l
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
    values = _segment_reduce(kind, rt.flat_values, ids, len(rows))
    splits_dtype = rt.row_splits_dtype._np
    result = values
    for lengths in reversed(new_levels[1:]):
        splits = np.concatenate([[0], np.cumsum(lengths)]).astype(splits_dtype)
        result = RaggedTensor._make(result, wrap(splits))
    return result


def reduce(kind, rt, axis=None, keepdims=False):
    A, M = _ops()
    rank = rt.shape.rank
    if axis is None:
        flat = rt.flat_values
        if kind == "mean":
            total = M.reduce_sum(flat)
            return M.truediv(total, M.cast(A.size(flat), flat.dtype))
        return getattr(M, {"all": "reduce_all", "any": "reduce_any"}.get(
            kind, "reduce_" + kind))(flat)
    if isinstance(axis, Tensor):
        axis = _np(axis).tolist()
    axes = [axis] if isinstance(axis, (int, np.integer)) else list(axis)
    axes = sorted({a + rank if a < 0 else a for a in axes}, reverse=True)
    for a in axes:
        if not 0 <= a < rank:
            raise ValueError(f"axis={a} out of bounds: expected {-rank}<=axis<{rank}")
    result = rt
    if kind == "mean" and len(axes) > 1:
        total = reduce("sum", rt, axes)
        count = reduce("sum", rt.with_flat_values(A.ones_like(rt.flat_values)), axes)
        result = M.truediv(total, count)
        axes_done = True
    else:
        axes_done = False
    if not axes_done:
        for a in axes:
            if not isinstance(result, RaggedTensor):
                result = _dense_reduce(kind, result, a)
                continue
            r = result.ragged_rank
            if a > r:
                result = result.with_flat_values(_dense_reduce(kind, result.flat_values, a - r))
            else:
                result = _reduce_axis(result, a, kind)
    if keepdims:
        for a in sorted(axes):
            if isinstance(result, RaggedTensor):
                raise NotImplementedError("keepdims=True for a ragged result is not implemented "
                                          "in tapeflow")
            result = A.expand_dims(result, a)
    return result


def _dense_reduce(kind, x, axis):
    _, M = _ops()
    name = {"all": "reduce_all", "any": "reduce_any"}.get(kind, "reduce_" + kind)
    if kind == "mean" and x.dtype.is_integer:
        return M.truediv(M.reduce_sum(x, axis), M.cast(_np(x).shape[axis], x.dtype))
    return getattr(M, name)(x, axis)


# ============================================================================================
# Structure ops: concat, stack, tile, gather, where, boolean_mask, range, expand_dims
# ============================================================================================
def _to_ragged(x, ragged_rank, splits_dtype=dtypes.int64):
    if isinstance(x, RaggedTensor):
        return _raise_rank(x, ragged_rank)
    x = convert_to_tensor(x)
    if x.shape.rank is None or x.shape.rank <= ragged_rank:
        raise ValueError("A dense operand of tf.concat/tf.stack on ragged tensors needs rank > "
                         "ragged_rank")
    return RaggedTensor.from_tensor(x, ragged_rank=ragged_rank, row_splits_dtype=splits_dtype)


def _drop_uniform(rt):
    return RaggedTensor._make(rt._values, rt._row_splits)


def _concat_rows(rts):
    """Concatenates RaggedTensors (or Tensors) along their first dimension."""
    A, _ = _ops()
    if not isinstance(rts[0], RaggedTensor):
        return A.concat(list(rts), 0)
    splits = []
    offset = 0
    for x in rts:
        s = x.splits_np()
        splits.append(s[(1 if splits else 0):] + offset)
        offset += s[-1]
    values = _concat_rows([x._values for x in rts])
    dtype = rts[0].splits_np().dtype
    return RaggedTensor._make(values, wrap(np.concatenate(splits).astype(dtype)))


def concat(values, axis):
    """tf.concat of RaggedTensors (and dense tensors, converted)."""
    A, _ = _ops()
    values = list(values)
    ragged = [v for v in values if isinstance(v, RaggedTensor)]
    rank = ragged[0].shape.rank
    if isinstance(axis, Tensor):
        axis = int(_np(axis))
    axis = axis + rank if axis < 0 else axis
    r = max(v.ragged_rank for v in ragged)
    splits_dtype = ragged[0].row_splits_dtype
    rts = [_to_ragged(v, r, splits_dtype) for v in values]
    dt = rts[0].dtype
    for x in rts:
        if x.dtype != dt:
            raise TypeError("Input RaggedTensors have mismatched dtypes")
    if len(rts) == 1:
        return rts[0]
    if axis == 0:
        return _concat_rows(rts)
    n = rts[0].nrows_np()
    for x in rts:
        if x.nrows_np() != n:
            raise InvalidArgumentError(None, None, "Input tensors at index 0 (=x) and 1 (=y) "
                                       "have incompatible shapes.")
    if axis == 1:
        starts = []
        offset = 0
        per = []
        for x in rts:
            s = x.splits_np()
            per.append((s[:-1] + offset, np.diff(s)))
            offset += s[-1]
        st = np.stack([p[0] for p in per], axis=1).reshape(-1)
        ln = np.stack([p[1] for p in per], axis=1).reshape(-1)
        starts = _ranges(st, ln)
        lengths = ln.reshape(n, len(rts)).sum(axis=1)
        values = _concat_rows([x._values for x in rts])
        new_values = _gather_rows(values, starts)
        splits = np.concatenate([[0], np.cumsum(lengths)]).astype(splits_dtype._np)
        return RaggedTensor._make(new_values, wrap(splits))
    first = rts[0].splits_np()
    for x in rts[1:]:
        if np.any(x.splits_np() != first):
            raise InvalidArgumentError(None, None, "Input tensors have incompatible shapes.")
    inner = [x._values for x in rts]
    if all(isinstance(v, RaggedTensor) for v in inner):
        return rts[0].with_values(concat(inner, axis - 1))
    return rts[0].with_values(A.concat([convert_to_tensor(v) for v in inner], axis - 1))


def expand_dims(rt, axis):
    A, _ = _ops()
    rank = rt.shape.rank
    axis = axis + rank + 1 if axis < 0 else axis
    n = rt.nrows_np()
    if axis == 0:
        return _uniform(rt, 1, n, rt.row_splits_dtype)
    if axis == 1:
        return _uniform(rt, n, 1, rt.row_splits_dtype)
    if isinstance(rt._values, RaggedTensor):
        return rt.with_values(expand_dims(rt._values, axis - 1))
    return rt.with_values(A.expand_dims(rt._values, axis - 1))


def stack(values, axis=0):
    """tf.stack / tf.ragged.stack: a new dimension of size len(values) at `axis`."""
    values = list(values)
    if not any(isinstance(v, RaggedTensor) for v in values):
        tensors = [convert_to_tensor(v) for v in values]
        if all(t.shape.rank == 0 for t in tensors) or len({tuple(t.shape.as_list())
                                                          for t in tensors}) == 1:
            A, _ = _ops()
            return A.stack(tensors, axis)
        if axis != 0:
            raise NotImplementedError("tf.ragged.stack of dense tensors of different shapes "
                                      "along an axis other than 0 is not implemented in tapeflow")
        return _concat_rows([_rows_of(t) for t in tensors])
    r = max(v.ragged_rank for v in values if isinstance(v, RaggedTensor))
    rts = [_to_ragged(v, r) for v in values]
    rank = rts[0].shape.rank
    axis = axis + rank + 1 if axis < 0 else axis
    return concat([expand_dims(x, axis) for x in rts], axis)


def _rows_of(t):
    """A 1-D (or more) tensor as a RaggedTensor of one row."""
    n = _np(t).shape[0]
    return RaggedTensor._make(t, wrap(np.array([0, n], np.int64)))


def tile(rt, multiples):
    A, _ = _ops()
    mult = [int(m) for m in (_np(multiples) if isinstance(multiples, Tensor) else multiples)]
    rank = rt.shape.rank
    if len(mult) != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {len(mult)}")
    if rt.ragged_rank != 1:
        raise NotImplementedError("tf.tile of a RaggedTensor with ragged_rank > 1 is not "
                                  "implemented in tapeflow")
    values = rt._values
    if rank > 2:
        values = A.tile(values, [1] + mult[2:])
    s = rt.splits_np()
    lengths = np.diff(s)
    m1 = mult[1]
    starts = np.repeat(s[:-1], m1)
    lens = np.repeat(lengths, m1)
    idx = _ranges(starts, lens)
    new_lengths = lengths * m1
    idx = np.tile(idx, mult[0])
    new_lengths = np.tile(new_lengths, mult[0])
    splits = np.concatenate([[0], np.cumsum(new_lengths)]).astype(s.dtype)
    return RaggedTensor._make(A.gather(values, wrap(idx)), wrap(splits))


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0):
    A, _ = _ops()
    if axis not in (None, 0) or batch_dims:
        raise NotImplementedError("tf.gather on RaggedTensors with axis or batch_dims is not "
                                  "implemented in tapeflow")
    if isinstance(indices, RaggedTensor):
        return indices.with_flat_values(gather(params, indices.flat_values))
    if not isinstance(params, RaggedTensor):
        return A.gather(params, indices)
    idx = convert_to_tensor(indices)
    iv = _np(idx).astype(np.int64)
    n = params.nrows_np()
    if np.any((iv < 0) | (iv >= n)):
        bad = iv[(iv < 0) | (iv >= n)].reshape(-1)[0]
        raise InvalidArgumentError(None, None, f"indices[0] = {bad} is not in [0, {n})")
    out = _drop_uniform(_gather_rows(params, iv.reshape(-1))) if iv.ndim else params[int(iv)]
    if iv.ndim > 1:
        for d in reversed(iv.shape[1:]):
            out = _uniform(out, _np_rows(out) // d, d, params.row_splits_dtype)
    return out


def _np_rows(x):
    return x.nrows_np() if isinstance(x, RaggedTensor) else _np(x).shape[0]


def where(condition, x=None, y=None):
    A, _ = _ops()
    if x is None and y is None:
        c = condition
        if not isinstance(c, RaggedTensor):
            return A.where(c)
        flat = _np(c.flat_values)
        index = ragged_value_index(c)
        inner = flat.shape[1:]
        if inner:
            grid = np.indices(inner).reshape(len(inner), -1).T
            index = np.concatenate([np.repeat(index, len(grid), axis=0),
                                    np.tile(grid, (len(index), 1))], axis=1)
            flat = flat.reshape(-1)
        return wrap(index[flat.astype(bool)].astype(np.int64))
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    rts = [v for v in (condition, x, y) if isinstance(v, RaggedTensor)]
    first = rts[0]
    parts = []
    for v in (condition, x, y):
        if isinstance(v, RaggedTensor):
            a, _ = _align_ragged(v, first)
            parts.append(a.flat_values)
        else:
            parts.append(broadcast_dense_to(first, convert_to_tensor(v)))
    return first.with_flat_values(A.where(*parts))


def boolean_mask(data, mask, name=None):
    """The values of `data` where `mask` is True; rows of `data` where a 1-D `mask` is True.

    >>> print(tf.ragged.boolean_mask([[1, 2], [3, 4]], [[True, False], [False, True]]))
    <tf.RaggedTensor [[1], [4]]>
    """
    A, _ = _ops()
    mrank = mask.shape.rank if isinstance(mask, RaggedTensor) else convert_to_tensor(
        mask).shape.rank
    if mrank == 1:
        m = _np(mask if isinstance(mask, Tensor) else convert_to_tensor(mask)).astype(bool)
        rows = np.nonzero(m)[0]
        if isinstance(data, RaggedTensor):
            return _drop_uniform(_gather_rows(data, rows))
        return A.gather(convert_to_tensor(data), wrap(rows.astype(np.int64)))
    if not isinstance(data, RaggedTensor):
        data = RaggedTensor.from_tensor(convert_to_tensor(data), ragged_rank=mrank - 1)
    if not isinstance(mask, RaggedTensor):
        mask = RaggedTensor.from_tensor(convert_to_tensor(mask), ragged_rank=mrank - 1)
    data = _raise_rank(data, mask.ragged_rank)
    for sx, sy in zip(_partitions(data), _partitions(mask)):
        if sx.shape != sy.shape or np.any(sx != sy):
            raise InvalidArgumentError(None, None, "mask and data have incompatible shapes")
    keep = _np(mask.flat_values).astype(bool)
    kept = np.nonzero(keep)[0]
    flat = A.gather(data.flat_values, wrap(kept.astype(np.int64)))
    # recompute the innermost partition; outer partitions keep their rows
    levels = []
    level = data
    while isinstance(level, RaggedTensor):
        levels.append(level)
        level = level._values
    inner = levels[-1]
    counts = np.bincount(inner.rowids_np()[kept], minlength=inner.nrows_np())
    result = RaggedTensor._make(flat, wrap(np.concatenate([[0], np.cumsum(counts)]).astype(
        inner.splits_np().dtype)))
    for lv in reversed(levels[:-1]):
        result = RaggedTensor._make(result, lv._row_splits)
    return result


def ragged_range(starts, limits=None, deltas=1, dtype=None, name=None,
                 row_splits_dtype=dtypes.int64):
    """Rows range(starts[i], limits[i], deltas[i]); scalars are broadcast.

    >>> print(tf.ragged.range([3, 0, 2]))
    <tf.RaggedTensor [[0, 1, 2], [], [0, 1]]>
    """
    if limits is None:
        starts, limits = 0, starts
    vals = [convert_to_tensor(v) if not isinstance(v, Tensor) else v
            for v in (starts, limits, deltas)]
    if dtype is None:
        kinds = [v.dtype for v in vals]
        order = [dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64]
        dtype = max(kinds, key=lambda d: order.index(d) if d in order else 0)
    dtype = dtypes.as_dtype(dtype)
    s, lim, d = np.broadcast_arrays(*[_np(v).astype(dtype._np) for v in vals])
    if s.ndim > 1:
        raise ValueError("starts, limits and deltas must have rank 0 or 1")
    s, lim, d = np.atleast_1d(s), np.atleast_1d(lim), np.atleast_1d(d)
    if np.any(d == 0):
        raise InvalidArgumentError(None, None, "Requires delta != 0")
    rows = [np.arange(a, b, c, dtype=dtype._np) for a, b, c in zip(s, lim, d)]
    lengths = [len(r) for r in rows]
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype._np)
    splits = np.concatenate([[0], np.cumsum(lengths)]).astype(
        dtypes.as_dtype(row_splits_dtype)._np)
    return RaggedTensor._make(wrap(flat.astype(dtype._np)), wrap(splits))


def reverse(rt, axis):
    A, _ = _ops()
    axes = [int(a) for a in (_np(axis).reshape(-1) if isinstance(axis, Tensor) else axis)]
    rank = rt.shape.rank
    result = rt
    for a in axes:
        a = a + rank if a < 0 else a
        if a == 0:
            result = _gather_rows(result, np.arange(result.nrows_np())[::-1])
        elif a == 1:
            s = result.splits_np()
            lengths = np.diff(s)
            idx = _ranges(s[:-1], lengths)
            within = idx - np.repeat(s[:-1], lengths)
            rev = np.repeat(s[1:] - 1, lengths) - within
            result = result.with_values(_gather_rows(result._values, rev))
        elif isinstance(result._values, RaggedTensor):
            result = result.with_values(reverse(result._values, [a - 1]))
        else:
            result = result.with_values(A.reverse(result._values, [a - 1]))
    return result


# ============================================================================================
# Dispatch table: public function name -> ragged implementation
# ============================================================================================
def _reduction(kind):
    def f(x, axis=None, keepdims=False):
        return reduce(kind, x, axis, keepdims)
    return f


def _shape(x, out_type=dtypes.int32):
    from .dynamic_ragged_shape import DynamicRaggedShape
    return DynamicRaggedShape.from_tensor(x)


def _size(x, out_type=dtypes.int32):
    return wrap(np.asarray(_np(x.flat_values).size, dtypes.as_dtype(out_type)._np)[()])


def _rank(x):
    return wrap(np.int32(x.shape.rank))


def _like(fill):
    def f(x, dtype=None):
        A, _ = _ops()
        flat = x.flat_values
        out = getattr(A, fill)(flat, dtype=dtype)
        return x.with_flat_values(out)
    return f


def _from_shape(kind):
    def f(shape, dtype_or_value=dtypes.float32):
        return shape._fill(kind, dtype_or_value)
    return f


def _reshape(tensor, shape):
    from .dynamic_ragged_shape import DynamicRaggedShape
    if isinstance(shape, DynamicRaggedShape) and not isinstance(tensor, RaggedTensor):
        return shape._reshape(tensor)
    raise NotImplementedError("tf.reshape of a RaggedTensor is not implemented in tapeflow")


def _cast(x, dtype):
    _, M = _ops()
    return x.with_flat_values(M.cast(x.flat_values, dtype))


def _abs(x):
    _, M = _ops()
    return x.with_flat_values(M.abs(x.flat_values))


def _identity(x):
    A, _ = _ops()
    return x.with_flat_values(A.identity(x.flat_values))


API = {
    "Sum": _reduction("sum"), "Mean": _reduction("mean"), "Max": _reduction("max"),
    "Min": _reduction("min"), "Prod": _reduction("prod"), "All": _reduction("all"),
    "Any": _reduction("any"),
    "cast": _cast, "concat": concat, "stack": stack, "tile": tile, "gather": gather,
    "where": where, "shape": _shape, "size": _size, "rank": _rank, "reshape": _reshape,
    "zeros": _from_shape("zeros"), "ones": _from_shape("ones"), "fill": _from_shape("fill"),
    "zeros_like": _like("zeros_like"), "ones_like": _like("ones_like"),
    "expand_dims": expand_dims, "identity": _identity, "abs": _abs, "reverse": reverse,
}


def api(name, args, kwargs):
    fn = API.get(name)
    if fn is None:
        raise TypeError(f"tf.{name} does not support RaggedTensor arguments in tapeflow")
    return fn(*args, **kwargs)
