"""Operations on RaggedTensors: construction from Python lists and dense tensors, conversion,
elementwise ops with TF's ragged broadcasting, reductions over ragged axes, and the public ops TF
dispatches for ragged arguments (concat, stack, tile, gather, where, shape, ...).

Values flow through tapeflow's differentiable ops (gather, segment reductions, concat), so
gradients reach the flat values; the index vectors those need come from the row-partition
kernels of `prims.ragged` (run now when the partitions are known, else as graph operations), so
every op here also builds into a `tf.function` graph.

    >>> rt = tf.ragged.constant([[1, 2], [3]])
    >>> print(tf.reduce_sum(rt, axis=1))
    tf.Tensor([3 3], shape=(2,), dtype=int32)
"""
import numpy as np

from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..prims import base as P
from ..prims import ragged as PR
from ..prims._common import broadcast_shapes
from .ragged_tensor import (
    RaggedTensor,
    RaggedTensorSpec,
    _cast,
    count_tensor,
    dim,
    is_static,
    nrows_of,
    shape_vector,
    static_int,
)

_fold = PR.fold


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


def _mul_counts(a, b):
    """a * b for counts (ints or int scalar tensors)."""
    if isinstance(a, int) and isinstance(b, int):
        return a * b
    from ..prims.math import mul
    return mul(_cast(count_tensor(a), dtypes.int64), _cast(count_tensor(b), dtypes.int64))


def _floordiv_counts(a, b):
    if isinstance(a, int) and isinstance(b, int):
        return a // b
    from ..prims.math import floordiv
    return floordiv(_cast(count_tensor(a), dtypes.int64), _cast(count_tensor(b), dtypes.int64))


def _uniform(values, n, k, splits_dtype):
    """`values` partitioned into `n` rows of `k` values each (ints or int scalar tensors)."""
    if isinstance(n, int) and isinstance(k, int):
        splits = (np.arange(n + 1) * k).astype(splits_dtype._np)
        return RaggedTensor._make(values, wrap(splits), wrap(np.asarray(k, splits_dtype._np)[()]))
    splits = _fold(PR.UNIFORM_SPLITS, (count_tensor(nrows_of(values)), count_tensor(k),
                                        count_tensor(n)),
                   {"validate": False, "dtype": splits_dtype._np})
    length = count_tensor(k, splits_dtype._np) if isinstance(k, int) else _cast(k, splits_dtype)
    return RaggedTensor._make(values, splits, length)


def _merge_leading(x, k):
    """Tensor `x` with its first `k` dimensions merged into one."""
    A, _ = _ops()
    shape = x.shape.as_list()
    head, tail = shape[:k], shape[k:]
    if None not in head and None not in tail:
        return A.reshape(x, [int(np.prod(head, dtype=np.int64))] + tail)
    if None not in tail:
        return A.reshape(x, [-1] + tail)
    from ..prims import array as PA
    new_shape = P.concat([wrap(np.asarray([-1], np.int64)),
                          PA.strided_slice(shape_vector(x), (slice(k, None),))], 0)
    return PA.reshape_tensor(x, new_shape)


def from_tensor(tensor, lengths=None, padding=None, ragged_rank=1, splits_dtype=dtypes.int64):
    if isinstance(tensor, RaggedTensor):
        raise TypeError("tensor must be a Tensor, not a RaggedTensor")
    x = convert_to_tensor(tensor)
    shape = x._value.shape
    if shape is None:
        raise ValueError("RaggedTensor.from_tensor needs a tensor of known rank")
    if len(shape) < 2:
        raise ValueError(f"Shape {tuple(shape)} must have rank at least 2")
    if not 0 < ragged_rank < len(shape):
        raise ValueError(f"ragged_rank must be greater than 0 and less than rank; got {ragged_rank}")
    if lengths is not None and padding is not None:
        raise ValueError("Specify lengths or padding, but not both")
    dims = [dim(x, i) for i in range(len(shape))]
    # the flat values, and the uniform partitions below the outermost one (ragged_rank > 1)
    result = _merge_leading(x, ragged_rank + 1)
    for level in range(ragged_rank, 1, -1):
        rows = dims[0]
        for d in dims[1:level]:
            rows = _mul_counts(rows, d)
        result = _uniform(result, rows, dims[level], splits_dtype)
    if lengths is None and padding is None:
        return _uniform(result, dims[0], dims[1], splits_dtype)
    # the outermost partition becomes ragged: rows cut to `lengths`, or to the last non-padding
    if padding is not None:
        pad = convert_to_tensor(padding, x.dtype)
        if tuple(pad.shape.as_list()) != tuple(shape[2:]):
            raise ValueError(f"Shapes {tuple(pad.shape.as_list())} and {tuple(shape[2:])} are "
                             "incompatible")
        lens = _fold(PR.PADDING_LENGTHS, (x, pad))
    else:
        lens = convert_to_tensor(lengths)
    splits, keep = _fold(PR.ROWS_FROM_LENGTHS, (lens, count_tensor(dims[1])),
                         {"dtype": splits_dtype._np})
    return RaggedTensor._make(gather_rows(result, keep), splits)


def gather_rows(x, rows, validate=False, known_rows=True):
    """Rows `rows` (an int64 vector tensor) of a Tensor or RaggedTensor, in that order; every
    partition keeps its uniform row length. `validate`: TF's error for a row out of range."""
    if not isinstance(x, RaggedTensor):
        return P.gather(x, rows)
    levels, flat = _levels(x)
    splits, index = PR.gather_rows(rows, [lv._row_splits for lv in levels], validate, known_rows)
    result = P.gather(flat, index)
    for lv, s in zip(reversed(levels), reversed(splits)):
        result = RaggedTensor._make(result, s, lv._uniform_row_length)
    return result


def to_tensor(rt, default_value=None, shape=None):
    A, _ = _ops()
    flat = rt.flat_values
    r = rt.ragged_rank
    rank = rt.shape.rank
    if shape is not None:
        from ..framework.tensor_shape import TensorShape
        if isinstance(shape, Tensor):
            v = PR.static_value(shape)
            if v is None:
                raise NotImplementedError("RaggedTensor.to_tensor with a `shape` given as a "
                                          "graph tensor is not implemented in tapeflow")
            want = [int(d) for d in np.asarray(v).reshape(-1)]
        else:
            want = TensorShape(shape).as_list()
        if len(want) != rank:
            raise ValueError(f"rt_input.shape and shape={shape} are incompatible: rt_input.rank = "
                             f"{rank} but shape.rank = {len(want)}")
    else:
        want = [None] * rank
    want = [-1 if w is None or w == -1 else int(w) for w in want]
    if default_value is None:
        default = wrap(np.array(b"", dtype=flat.dtype._np) if flat.dtype == dtypes.string
                       else np.zeros((), flat.dtype._np)[()])
    else:
        default = convert_to_tensor(default_value, flat.dtype)
    have_inner = flat.shape.as_list()[1:]
    inner = [h if w < 0 else w for h, w in zip(have_inner, want[r + 1:])]
    if inner != have_inner:  # crop or pad the uniform inner dimensions
        if None in have_inner:
            raise NotImplementedError("RaggedTensor.to_tensor reshaping flat values of unknown "
                                      "inner dimensions is not implemented in tapeflow")
        key = (slice(None),) + tuple(slice(0, d) for d in inner)
        flat = flat[key]
        cur = flat.shape.as_list()[1:]
        if cur != inner:
            pads = [[0, 0]] + [[0, w - c] for w, c in zip(inner, cur)]
            flat = A.pad(flat, pads, constant_values=default if default.shape.rank == 0 else 0)
    index = _fold(PR.DENSE_INDEX, rt.nested_row_splits, {"shape": tuple(want[:r + 1])})
    if None in inner:
        if default.shape.rank:
            raise NotImplementedError("RaggedTensor.to_tensor with a non-scalar default_value "
                                      "and flat values of unknown inner dimensions is not "
                                      "implemented in tapeflow")
        from ..prims import array as PA
        fill = PA.fill(PA.strided_slice(shape_vector(flat), (slice(1, None),)), default)
    else:
        fill = A.broadcast_to(default, inner)
        return PR.to_tensor(flat, fill, index)  # TF's kernel (its gradient an IndexedSlices)
    table = A.concat([flat, A.expand_dims(fill, 0)], 0)
    return A.gather(table, index)


def merge_dims(rt, outer_axis, inner_axis):
    rank = rt.shape.rank
    outer_axis = outer_axis + rank if outer_axis < 0 else outer_axis
    inner_axis = inner_axis + rank if inner_axis < 0 else inner_axis
    if outer_axis > inner_axis:
        raise ValueError("Expected outer_axis to be less than or equal to inner_axis")
    if outer_axis == inner_axis:
        return rt
    if outer_axis == 1 and isinstance(rt._values, RaggedTensor):
        inner = rt._values
        merged = RaggedTensor._make(inner._values, P.gather(inner._row_splits, rt._row_splits))
        return merge_dims(merged, 1, inner_axis - 1)
    if outer_axis == 0:
        level = rt
        for _ in range(inner_axis):
            if isinstance(level, RaggedTensor):
                level = level._values
            else:
                level = _merge_leading(level, 2)
        return level
    return rt.with_values(merge_dims(rt._values, outer_axis - 1, inner_axis - 1))


# ============================================================================================
# Elementwise ops and broadcasting
# ============================================================================================
def _levels(rt):
    out = []
    level = rt
    while isinstance(level, RaggedTensor):
        out.append(level)
        level = level._values
    return out, level


def _with_partitions(rt, splits):
    """`rt` with its nested row splits replaced by `splits` (checked versions of the same)."""
    levels, flat = _levels(rt)
    result = flat
    for lv, s in zip(reversed(levels), reversed(splits)):
        result = RaggedTensor._make(result, s, lv._uniform_row_length)
    return result


def _raise_rank(rt, ragged_rank):
    """`rt` with uniform inner dimensions turned into (uniform) ragged partitions until it has
    `ragged_rank` ragged dimensions."""
    if rt.ragged_rank >= ragged_rank:
        return rt
    flat = rt.flat_values
    if flat.shape.rank is not None and flat.shape.rank < 2:
        raise InvalidArgumentError(None, None, "Incompatible shapes for ragged broadcasting")
    inner = _uniform(_merge_leading(flat, 2), dim(flat, 0), dim(flat, 1), rt.row_splits_dtype)
    return _raise_rank(rt.with_flat_values(inner), ragged_rank)


def _align_ragged(x, y):
    """Two RaggedTensors with identical partitions (or TF's error), both rebuilt on the checked
    partitions (so in a graph the check runs before their values are used)."""
    r = max(x.ragged_rank, y.ragged_rank)
    x, y = _raise_rank(x, r), _raise_rank(y, r)
    checked = [_fold(PR.ASSERT_SAME, (sx, sy), {"kind": "broadcast"})
               for sx, sy in zip(x.nested_row_splits, y.nested_row_splits)]
    fx, fy = x.flat_values.shape.as_list()[1:], y.flat_values.shape.as_list()[1:]
    try:
        broadcast_shapes(tuple(fx), tuple(fy))
    except ValueError:
        nx = x.flat_values._value.shape[0]
        if nx is None:
            raise InvalidArgumentError(None, None, "Incompatible shapes: the uniform inner "
                                       f"dimensions {fx} and {fy} do not broadcast") from None
        kx = fx[0] if fx else 1
        ky = fy[0] if fy else 1
        raise PR.assert_equal_error(np.arange(nx + 1) * kx, np.arange(nx + 1) * ky) from None
    return _with_partitions(x, checked), _with_partitions(y, checked)


def broadcast_dense_to(rt, y):
    """Dense `y` broadcast to `rt`'s ragged structure: a tensor that broadcasts against
    `rt.flat_values`."""
    A, _ = _ops()
    R = rt.shape.rank
    r = rt.ragged_rank
    m = R - r - 1
    ys = y._value.shape
    k = len(ys)
    if k <= m:
        return y
    if k > R:
        raise InvalidArgumentError(None, None, "Incompatible shapes: the dense operand has "
                                   "more dimensions than the ragged one")
    full = (1,) * (R - k) + tuple(ys)
    outer, inner = full[:r + 1], full[r + 1:]
    if None in outer:
        raise NotImplementedError("broadcasting a dense tensor of unknown dimensions against a "
                                  "RaggedTensor is not implemented in tapeflow")
    if all(d == 1 for d in outer):
        return A.reshape(y, (1,) + inner)
    lin = _fold(PR.BROADCAST_INDEX, rt.nested_row_splits, {"outer": tuple(int(d) for d in outer)})
    y2 = A.reshape(y, (int(np.prod(outer)),) + inner)
    return A.gather(y2, lin)


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
        if first.ragged_rank != other.ragged_rank:
            raise ValueError("Input RaggedTensors have mismatched row partitions.")
        checked = []
        for sx, sy in zip(first.nested_row_splits, other.nested_row_splits):
            if is_static(sx) and is_static(sy):
                a, b = PR.static_value(sx), PR.static_value(sy)
                if a.shape != b.shape or np.any(a != b):
                    raise ValueError("Input RaggedTensors have mismatched row partitions.")
                checked.append(sx)
            else:
                checked.append(_fold(PR.ASSERT_SAME, (sx, sy), {"kind": "map"}))
        first = _with_partitions(first, checked)
    out = op(*new_args, **new_kwargs)
    n = first.flat_values._value.shape[0]
    if isinstance(out, Tensor) and (out.shape.rank == 0 or (
            n is not None and out.shape[0] is not None and out.shape[0] != n)):
        raise ValueError("tf.ragged.map_flat_values requires that the output of `op` have the "
                         "same outer-dimension size as flat_values of any ragged inputs. (output "
                         f"shape: {out.shape}; expected outer dimension size: {n})")
    return first.with_flat_values(out)


# ============================================================================================
# Reductions
# ============================================================================================
def _unsorted(kind, data, ids, n):
    """An unsorted segment reduction with `n` segments (an int, or a tensor known at run time):
    the public op when `n` is known (its argument checks), else the run-time-count primitive."""
    if isinstance(n, int):
        S = _segments()
        return getattr(S, "unsorted_segment_" + kind)(data, ids, n)
    from ..prims import segment as PG
    {"sum": PG.UNSORTED_SEGMENT_SUM, "prod": PG.UNSORTED_SEGMENT_PROD,
     "max": PG.UNSORTED_SEGMENT_MAX, "min": PG.UNSORTED_SEGMENT_MIN}[kind].check(data)
    return PR.dynamic_segment(kind, data, ids, n)


def _segment_reduce(kind, flat, ids, n):
    _, M = _ops()
    if kind in ("sum", "prod", "max", "min"):
        return _unsorted(kind, flat, ids, n)
    if kind == "mean":
        total = _unsorted("sum", flat, ids, n)
        count = _unsorted("sum", ones_like(flat), ids, n)
        return M.truediv(total, count)
    if kind in ("all", "any"):
        as_int = M.cast(flat, dtypes.int32)
        red = _unsorted("min" if kind == "all" else "max", as_int, ids, n)
        return M.greater(red, 0)
    raise NotImplementedError(f"ragged reduction {kind}")


def _count(n):
    """A count from a kernel: an int when known now, else the tensor."""
    if isinstance(n, int):
        return n
    v = static_int(n)
    return n if v is None else v


def _reduce_axis(rt, axis, kind):
    """Reduces dimension `axis` (0 <= axis <= ragged_rank)."""
    r = rt.ragged_rank
    nested = rt.nested_row_splits
    if axis == r:  # the innermost ragged dimension: segments are the rows of the last partition
        levels, _ = _levels(rt)
        last = levels[-1]
        ids = last._partition("rowids", dtypes.int64)
        n = _count(last._nrows())
        kept = list(nested[:-1])
    else:
        outs = _fold(PR.REDUCE_INDICES, nested, {"axis": axis, "ragged_rank": r})
        kept, ids, n = list(outs[:-2]), outs[-2], _count(outs[-1])
    result = _segment_reduce(kind, rt.flat_values, ids, n)
    for s in reversed(kept):
        result = RaggedTensor._make(result, s)
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
        v = PR.static_value(axis)
        if v is None:
            raise NotImplementedError("a ragged reduction over an axis given as a graph tensor "
                                      "is not implemented in tapeflow")
        axis = np.asarray(v).tolist()
    axes = [axis] if isinstance(axis, (int, np.integer)) else list(axis)
    axes = sorted({a + rank if a < 0 else a for a in axes}, reverse=True)
    for a in axes:
        if not 0 <= a < rank:
            raise ValueError(f"axis={a} out of bounds: expected {-rank}<=axis<{rank}")
    result = rt
    if kind == "mean" and len(axes) > 1:
        total = reduce("sum", rt, axes)
        count = reduce("sum", rt.with_flat_values(ones_like(rt.flat_values)), axes)
        result = M.truediv(total, count)
    else:
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
        d = dim(x, axis)
        count = wrap(np.asarray(d, x.dtype._np)[()]) if isinstance(d, int) else M.cast(d, x.dtype)
        return M.truediv(M.reduce_sum(x, axis), count)
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
    splits = _fold(PR.CONCAT_SPLITS, tuple(x._row_splits for x in rts))
    return RaggedTensor._make(_concat_rows([x._values for x in rts]), splits)


def _static_axis(axis):
    if isinstance(axis, Tensor):
        v = PR.static_value(axis)
        if v is None:
            raise NotImplementedError("tf.concat of RaggedTensors along an axis given as a graph "
                                      "tensor is not implemented in tapeflow")
        return int(np.asarray(v))
    return int(axis)


def concat(values, axis):
    """tf.concat of RaggedTensors (and dense tensors, converted)."""
    A, _ = _ops()
    values = list(values)
    ragged = [v for v in values if isinstance(v, RaggedTensor)]
    rank = ragged[0].shape.rank
    axis = _static_axis(axis)
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
    ns = [x._static_nrows() for x in rts]
    if None not in ns and any(n != ns[0] for n in ns):
        raise InvalidArgumentError(None, None, "Input tensors at index 0 (=x) and 1 (=y) "
                                   "have incompatible shapes.")
    if axis == 1:
        splits, rows = _fold(PR.INTERLEAVE, tuple(x._row_splits for x in rts))
        values = _concat_rows([x._values for x in rts])
        return RaggedTensor._make(gather_rows(values, rows), splits)
    first = rts[0]._row_splits
    for x in rts[1:]:
        first = _fold(PR.ASSERT_SAME, (first, x._row_splits), {"kind": "concat"})
    inner = [x._values for x in rts]
    if all(isinstance(v, RaggedTensor) for v in inner):
        return RaggedTensor._make(concat(inner, axis - 1), first)
    return RaggedTensor._make(A.concat([convert_to_tensor(v) for v in inner], axis - 1), first)


def expand_dims(rt, axis):
    A, _ = _ops()
    rank = rt.shape.rank
    axis = axis + rank + 1 if axis < 0 else axis
    n = rt._nrows()
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
    n = dim(t, 0)
    if isinstance(n, int):
        return RaggedTensor._make(t, wrap(np.array([0, n], np.int64)))
    return _drop_uniform(_uniform(t, 1, n, dtypes.int64))


def _static_ints(v, what):
    if isinstance(v, Tensor):
        value = PR.static_value(v)
        if value is None:
            raise NotImplementedError(f"{what} given as a graph tensor is not implemented for "
                                      "RaggedTensors in tapeflow")
        return [int(m) for m in np.asarray(value).reshape(-1)]
    return [int(m) for m in v]


def tile(rt, multiples):
    A, _ = _ops()
    mult = _static_ints(multiples, "tf.tile multiples")
    rank = rt.shape.rank
    if len(mult) != rank:
        raise ValueError(f"Shape must be rank {rank} but is rank {len(mult)}")
    if rt.ragged_rank != 1:
        raise NotImplementedError("tf.tile of a RaggedTensor with ragged_rank > 1 is not "
                                  "implemented in tapeflow")
    values = rt._values
    if rank > 2:
        values = A.tile(values, [1] + mult[2:])
    splits, idx = _fold(PR.TILE, (rt._row_splits,), {"multiples": (mult[0], mult[1])})
    return RaggedTensor._make(P.gather(values, idx), splits)


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
    if idx.shape.rank == 0:
        return params[idx]
    from ..prims.math import cast
    flat_idx = cast(idx, np.int64)
    if idx.shape.rank != 1:
        flat_idx = P.reshape(flat_idx, (-1,))
    out = _drop_uniform(gather_rows(params, flat_idx, validate=True, known_rows=False))
    for d in reversed(idx.shape.as_list()[1:]):
        out = _uniform(out, _floordiv_counts(nrows_of(out), d), d, params.row_splits_dtype)
    return out


def where(condition, x=None, y=None):
    A, _ = _ops()
    if x is None and y is None:
        c = condition
        if not isinstance(c, RaggedTensor):
            return A.where(c)
        return _fold(PR.WHERE, (c.flat_values,) + c.nested_row_splits)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    rts = [v for v in (condition, x, y) if isinstance(v, RaggedTensor)]
    first = rts[0]
    for v in rts[1:]:
        first, _ = _align_ragged(first, v)
    parts = []
    for v in (condition, x, y):
        if isinstance(v, RaggedTensor):  # (its partitions were checked equal to first's)
            parts.append(_raise_rank(v, first.ragged_rank).flat_values)
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
        m = mask if isinstance(mask, Tensor) else convert_to_tensor(mask)
        rows = _fold(PR.NONZERO, (m,))
        if isinstance(data, RaggedTensor):
            return _drop_uniform(gather_rows(data, rows))
        return A.gather(convert_to_tensor(data), rows)
    if not isinstance(data, RaggedTensor):
        data = RaggedTensor.from_tensor(convert_to_tensor(data), ragged_rank=mrank - 1)
    if not isinstance(mask, RaggedTensor):
        mask = RaggedTensor.from_tensor(convert_to_tensor(mask), ragged_rank=mrank - 1)
    data = _raise_rank(data, mask.ragged_rank)
    checked = [_fold(PR.ASSERT_SAME, (sx, sy), {"kind": "mask"})
               for sx, sy in zip(data.nested_row_splits, mask.nested_row_splits)]
    # recompute the innermost partition; outer partitions keep their rows
    splits, kept = _fold(PR.MASK_SPLITS, (mask.flat_values, checked[-1]))
    result = RaggedTensor._make(A.gather(data.flat_values, kept), splits)
    for s in reversed(checked[:-1]):
        result = RaggedTensor._make(result, s)
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
    if any(v.shape.rank is not None and v.shape.rank > 1 for v in vals):
        raise ValueError("starts, limits and deltas must have rank 0 or 1")
    vals = [_cast(v, dtype) for v in vals]
    splits, flat = _fold(PR.RANGE, tuple(vals),
                         {"splits_dtype": dtypes.as_dtype(row_splits_dtype)._np})
    return RaggedTensor._make(flat, splits)


def reverse(rt, axis):
    A, _ = _ops()
    axes = _static_ints(axis, "tf.reverse axes")
    rank = rt.shape.rank
    result = rt
    for a in axes:
        a = a + rank if a < 0 else a
        if a == 0:
            rows = _fold(PR.SLICE_ROWS, (result._row_splits,),
                         {"start": None, "stop": None, "step": -1})
            result = gather_rows(result, rows)
        elif a == 1:
            idx = _fold(PR.REVERSE_WITHIN, (result._row_splits,))
            result = result.with_values(gather_rows(result._values, idx))
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
    A, _ = _ops()
    return A.size(x.flat_values, out_type)


def _rank(x):
    return wrap(np.int32(x.shape.rank))


def _like(fill):
    def f(x, dtype=None):
        A, _ = _ops()
        flat = x.flat_values
        if is_static(flat) or None not in flat._value.shape:
            return x.with_flat_values(getattr(A, fill)(flat, dtype=dtype))
        out = zeros_like(flat, dtype) if fill == "zeros_like" else ones_like(flat, dtype)
        return x.with_flat_values(out)
    return f


def zeros_like(x, dtype=None):
    """Zeros of `x`'s shape (known or not) and `dtype` (x's by default)."""
    A, M = _ops()
    if x._value.shape is not None and None not in x._value.shape:
        return A.zeros_like(x, dtype=dtype)
    out = P.zeros_like(x)
    return out if dtype is None else M.cast(out, dtype)


def ones_like(x, dtype=None):
    """Ones of `x`'s shape (known or not) and `dtype` (x's by default)."""
    A, M = _ops()
    if x._value.shape is not None and None not in x._value.shape:
        return A.ones_like(x, dtype=dtype)
    d = x._value.dtype if dtype is None else dtypes.as_dtype(dtype)._np
    zeros = P.zeros_like(x) if d == x._value.dtype else M.cast(P.zeros_like(x), dtypes.from_numpy(d))
    return P.add(zeros, wrap(np.asarray(1, d)[()])) if d != np.bool_ else M.logical_not(zeros)


def _from_shape(kind):
    def f(shape, dtype_or_value=dtypes.float32):
        return shape._fill(kind, dtype_or_value)
    return f


def _reshape(tensor, shape):
    from .dynamic_ragged_shape import DynamicRaggedShape
    if isinstance(shape, DynamicRaggedShape) and not isinstance(tensor, RaggedTensor):
        return shape._reshape(tensor)
    raise NotImplementedError("tf.reshape of a RaggedTensor is not implemented in tapeflow")


def _cast_api(x, dtype):
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
    "cast": _cast_api, "concat": concat, "stack": stack, "tile": tile, "gather": gather,
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


# ============================================================================================
# tf.map_fn over RaggedTensors
# ============================================================================================
def _row_spec(x):
    """The spec of one row of elems component `x` (what fn gets, and returns by default)."""
    if isinstance(x, RaggedTensor):
        return RaggedTensorSpec(x.shape[1:], x.dtype, x.ragged_rank - 1, x.row_splits_dtype)
    return x.dtype


def _output_spec(d):
    if isinstance(d, RaggedTensorSpec):
        return d
    if hasattr(d, "shape") and hasattr(d, "dtype") and not isinstance(d, dtypes.DType):
        return dtypes.as_dtype(d.dtype)  # a TensorSpec: rows stacked densely
    return dtypes.as_dtype(d)


def _empty_ragged(spec, nesting):
    """A RaggedTensor of no rows whose rows are `spec`s (a RaggedTensorSpec)."""
    inner = [0 if d is None else d for d in spec.shape.as_list()[spec.ragged_rank + 1:]] \
        if spec.shape.rank is not None else []
    out = wrap(np.zeros([0] + inner, spec.dtype._np))
    for _ in range(spec.ragged_rank + nesting):
        out = RaggedTensor._make(out, wrap(np.zeros(1, spec.row_splits_dtype._np)))
    return out


def _stack_rows(rows, spec):
    A, _ = _ops()
    if isinstance(spec, RaggedTensorSpec):
        for r in rows:
            rank = r.shape.rank
            if (spec.ragged_rank == 0 and isinstance(r, RaggedTensor)) or \
                    (spec.ragged_rank > 0 and not isinstance(r, RaggedTensor)):
                raise ValueError(f"The structure of the result of fn does not match "
                                 f"fn_output_signature: got {type(r).__name__} for {spec}")
            if spec.shape.rank is not None and rank != spec.shape.rank:
                raise InvalidArgumentError(None, None, f"Expected fn to return rank "
                                           f"{spec.shape.rank} values, got rank {rank}")
            if r.dtype != spec.dtype:
                raise TypeError(f"fn returned {r.dtype.name} where fn_output_signature has "
                                f"{spec.dtype.name}")
        if not rows:
            return _empty_ragged(spec, 1)
        return stack(rows, 0)
    tensors = [convert_to_tensor(r) for r in rows]
    for t in tensors:
        if t.dtype != spec:
            raise TypeError(f"fn returned {t.dtype.name} where fn_output_signature has "
                            f"{spec.name}")
    if not tensors:
        return wrap(np.zeros((0,), spec._np))
    return A.stack(tensors, 0)


def map_fn(fn, elems, fn_output_signature=None):
    """tf.map_fn with RaggedTensor components in `elems`: fn gets each row (a Tensor, or a
    RaggedTensor for more ragged dimensions); results whose signature is a RaggedTensorSpec (the
    default for ragged components) are stacked into a RaggedTensor, others densely."""
    from .. import nest
    flat = nest.flatten(elems)
    counts = set()
    for x in flat:
        x = x if isinstance(x, RaggedTensor) else convert_to_tensor(x)
        n = x._static_nrows() if isinstance(x, RaggedTensor) else x.shape[0]
        if n is None:
            raise NotImplementedError("tf.map_fn over a RaggedTensor whose number of rows is "
                                      "known only at run time (inside tf.function) is not "
                                      "implemented in tapeflow")
        counts.add(n)
    if len(counts) > 1:
        raise ValueError(f"Dimensions {min(counts)} and {max(counts)} are not compatible")
    n = counts.pop()
    if fn_output_signature is None:
        structure, specs = elems, [_row_spec(x) for x in flat]
    else:
        structure = fn_output_signature
        specs = [_output_spec(d) for d in nest.flatten(fn_output_signature)]
    results = []
    for i in range(n):
        result = fn(nest.pack_sequence_as(elems, [x[i] for x in flat]))
        nest.assert_same_structure(structure, result)
        results.append(nest.flatten(result))
    outs = [_stack_rows([r[k] for r in results], spec) for k, spec in enumerate(specs)]
    return nest.pack_sequence_as(structure, outs)
