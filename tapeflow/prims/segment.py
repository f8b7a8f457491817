"""Segment reduction primitives: Segment{Sum,Prod,Max,Min} (sorted ids) and
UnsortedSegment{Sum,Prod,Max,Min}. Each primitive is one complete record; its binder follows.

Output row `i` reduces the rows of `data` whose id is `i`; ids cover the leading `ids.ndim`
dimensions of `data` (attribute `num_segments` is the number of output rows). Unsorted ops drop
negative ids. An empty segment is the reduction's identity (0, 1, or the lowest/highest value
for max/min), except that sorted max/min give 0, as TF. Forwards are vectorized `ufunc.at`
scatters; gradients are TF's (math_grad.py) written with binders. vmap folds a batch of ids into
the ids themselves (example b's segment s becomes segment b * num_segments + s), or, when only
the data is batched, carries the batch as an inner dimension of the rows.

    >>> from tapeflow.prims import segment as PG
    >>> PG.unsorted_segment_sum(tf.constant([1.0, 2.0, 3.0]), tf.constant([1, 0, 1]), 2)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
"""
import numpy as np

from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply2, defop, is_concrete
from ..framework.tensor import wrap
from . import base as P
from ._common import NUMERIC, REAL, aval, bshape, scalar_like
from ._linearize import jvp_from_grad
from .base import broadcast_batch, move_to_front, reshape, select, zeros_like
from .math import (
    cast,
    conj_if_complex,
    div,
    equal,
    greater,
    greater_equal,
    logical_and,
    maximum,
    mul,
)

_UFUNC = {"sum": np.add, "prod": np.multiply, "max": np.maximum, "min": np.minimum}


def _identity(kind, dtype, sorted_op):
    """Where a reduction starts: TF's unsorted kernels fill the output with the dtype's lowest
    (highest) value for max (min); its sorted kernels reduce from -inf (+inf)."""
    if kind == "sum":
        return 0
    if kind == "prod":
        return 1
    if dtype.kind == "f":
        if sorted_op:
            return -np.inf if kind == "max" else np.inf
        info = np.finfo(dtype)
    else:
        info = np.iinfo(dtype)
    return info.min if kind == "max" else info.max


def _nan_aware_extremes(out, ids, rows, kind):
    """TF's kernels fold the rows in order with `acc = row < acc ? acc : row` (max; `>` for
    min), so a NaN row replaces the running value and a later number replaces the NaN."""
    for s, row in zip(ids.tolist(), rows):
        acc = out[s]
        keep = (row < acc) if kind == "max" else (row > acc)
        out[s] = np.where(keep, acc, row)


def _segment_reduce(data, ids, num_segments, kind, sorted_op, op_name):
    inner = data.shape[ids.ndim:]
    flat_ids = ids.reshape(-1)
    rows = data.reshape((flat_ids.size,) + inner)
    if not sorted_op:  # (sorted ids are checked by the public layer: in range, non-decreasing)
        bad = flat_ids >= num_segments
        if np.any(bad):
            pos = int(np.argmax(bad))
            raise op_error(InvalidArgumentError, op_name, f"segment_ids[{pos}] = "
                           f"{int(flat_ids[pos])} is out of range [0, {num_segments})")
        keep = flat_ids >= 0
        if not np.all(keep):
            flat_ids, rows = flat_ids[keep], rows[keep]
    out = np.full((num_segments,) + inner, _identity(kind, data.dtype, sorted_op), data.dtype)
    if kind in ("max", "min") and data.dtype.kind == "f" and np.isnan(rows).any():
        _nan_aware_extremes(out, flat_ids, rows, kind)
    else:
        _UFUNC[kind].at(out, flat_ids, rows)
    if sorted_op and (kind in ("max", "min") or (kind == "sum" and data.dtype.kind in "fc")
                      or (kind == "prod" and data.dtype.kind == "c")):
        counts = np.bincount(flat_ids, minlength=num_segments)
        if kind in ("max", "min"):  # TF: 0 for an empty sorted max/min segment
            out[counts == 0] = 0
        else:  # TF's sorted kernels copy a one-row segment (so -0.0 stays -0.0, inf+0j is not
            single = counts == 1  # multiplied into inf+nanj)
            if np.any(single):
                out[single] = rows[np.searchsorted(flat_ids, np.flatnonzero(single))]
    return out


def _segment_shape(data, ids, num_segments):
    return aval((num_segments,) + tuple(data.shape[len(ids.shape):]), data.dtype)


def _segment_batch(op, args, dims, attrs):
    (data, ids), (dd, di) = args, dims
    num = attrs["num_segments"]
    if di is None:  # the batch becomes an inner dimension of every row
        k = ids._value.ndim
        return apply2(op, P.move_axis(data, dd, k), ids, attrs), 1
    ids = move_to_front(ids, di)
    n = ids._value.shape[0]
    data = move_to_front(data, dd) if dd is not None else broadcast_batch(data, n)
    offsets = wrap((np.arange(n) * num).astype(ids._value.dtype).reshape(
        (n,) + (1,) * (ids._value.ndim - 1)))
    folded = select(greater_equal(ids, zeros_like(ids)), P.add(ids, offsets), ids)
    out = apply2(op, data, folded, {"num_segments": n * num})
    return reshape(out, (n, num) + tuple(out._value.shape[1:])), 0


def _valid_mask(ids, rank):
    """ids >= 0, shaped to broadcast against rows of rank `rank` (ids' dims, then ones)."""
    valid = greater_equal(ids, zeros_like(ids))
    extra = rank - ids._value.ndim
    return reshape(valid, tuple(ids._value.shape) + (1,) * extra) if extra else valid


def gather_drop_negatives(params, ids, nb=0):
    """params[ids] along axis `nb` (after `nb` leading batch axes), with zeros where an id is
    negative (TF's _GatherDropNegatives)."""
    if is_concrete(ids) and not np.any(ids._value < 0):
        return P.gather(params, ids, nb)
    gathered = P.gather(params, maximum(ids, zeros_like(ids)), nb)
    mask = _valid_mask(ids, gathered._value.ndim - nb)
    return select(mask, gathered, zeros_like(gathered))


def _num(op):
    return op.attrs["num_segments"]


def _sum_grad(op, g):
    return gather_drop_negatives(g, op.inputs[1], len(bshape(op, g))), None


def _min_max_grad(op, g):
    """Shared equally among the elements equal to their segment's extreme (TF's)."""
    data, ids = op.inputs
    nb = len(bshape(op, g))
    selected = equal(data, gather_drop_negatives(op.outputs[0], ids))
    if not (is_concrete(ids) and not np.any(ids._value < 0)):
        selected = logical_and(selected, _valid_mask(ids, data._value.ndim))
    count = unsorted_segment_sum(cast(selected, g._value.dtype), ids, _num(op))
    weighted = gather_drop_negatives(div(g, count), ids, nb)
    return select(selected, weighted, zeros_like(weighted)), None


def _min_max_jvp(op, ddata, dids):
    """The mean of the tangents of the elements equal to their segment's extreme (0 for an
    empty segment): the transpose of the gradient rule, without its division by zero counts."""
    if ddata is None:
        return None
    data, ids = op.inputs
    selected = equal(data, gather_drop_negatives(op.outputs[0], ids))
    if not (is_concrete(ids) and not np.any(ids._value < 0)):
        selected = logical_and(selected, _valid_mask(ids, data._value.ndim))
    count = unsorted_segment_sum(cast(selected, ddata._value.dtype), ids, _num(op))
    total = unsorted_segment_sum(select(selected, ddata, zeros_like(ddata)), ids, _num(op))
    one = scalar_like(count, 1)
    return div(total, select(greater(count, zeros_like(count)), count, P.add(zeros_like(count),
                                                                              one)))


def _prod_grad(op, g):
    """prod / x_i, with the zeros of x handled exactly (TF's _SegmentProdGrad and
    _UnsortedSegmentProdGrad: the unsorted one divides by x itself)."""
    data, ids = op.inputs
    nb = len(bshape(op, g))
    n = _num(op)
    is_zero = equal(data, zeros_like(data))
    num_zeros = unsorted_segment_sum(cast(is_zero, np.int32), ids, n)
    g = select(greater(num_zeros, scalar_like(num_zeros, 1)), zeros_like(g), g)
    non_zero_data = select(is_zero, P.add(zeros_like(data), scalar_like(data, 1)), data)
    non_zero_prod = apply2(UNSORTED_SEGMENT_PROD, non_zero_data, ids, {"num_segments": n})
    gathered_prod = gather_drop_negatives(op.outputs[0], ids)
    divisor = non_zero_data if op.op.name.startswith("Segment") else data
    partial = select(is_zero, gather_drop_negatives(non_zero_prod, ids),
                     div(gathered_prod, divisor))
    return mul(gather_drop_negatives(g, ids, nb), partial), None


def _forward(kind, sorted_op, name):
    def forward(data, ids, num_segments):
        return _segment_reduce(data, ids, num_segments, kind, sorted_op, name)
    return forward


def _segment_op(name, kind, sorted_op, grad, allowed, **facts):
    return defop(name, _forward(kind, sorted_op, name), grad, allowed=allowed,
                 shape=_segment_shape, batch=_segment_batch, batched_grad=True, **facts)


def _prod_jvp(op, *tangents):
    """J dx from the prod gradient, which (as TF's) is J^T g, not conjugated for complex data: the
    double-VJP trick conjugates twice around it."""
    if op.inputs[0]._value.dtype.kind != "c":
        return jvp_from_grad(op, *tangents)
    out = jvp_from_grad(op, *[None if t is None else conj_if_complex(t) for t in tangents])
    return None if out is None else conj_if_complex(out)


SEGMENT_SUM = _segment_op("SegmentSum", "sum", True, _sum_grad, NUMERIC, linear=True)
SEGMENT_PROD = _segment_op("SegmentProd", "prod", True, _prod_grad, NUMERIC, jvp=_prod_jvp)
SEGMENT_MAX = _segment_op("SegmentMax", "max", True, _min_max_grad, REAL, jvp=_min_max_jvp)
SEGMENT_MIN = _segment_op("SegmentMin", "min", True, _min_max_grad, REAL, jvp=_min_max_jvp)
UNSORTED_SEGMENT_SUM = _segment_op("UnsortedSegmentSum", "sum", False, _sum_grad, NUMERIC,
                                   linear=True)
UNSORTED_SEGMENT_PROD = _segment_op("UnsortedSegmentProd", "prod", False, _prod_grad, NUMERIC,
                                    jvp=_prod_jvp)
UNSORTED_SEGMENT_MAX = _segment_op("UnsortedSegmentMax", "max", False, _min_max_grad, REAL,
                                   jvp=_min_max_jvp)
UNSORTED_SEGMENT_MIN = _segment_op("UnsortedSegmentMin", "min", False, _min_max_grad, REAL,
                                   jvp=_min_max_jvp)


def _binder(op):
    def bind(data, ids, num_segments):
        return apply2(op, data, ids, {"num_segments": int(num_segments)})
    bind.__name__ = "".join("_" + c.lower() if c.isupper() else c for c in op.name).lstrip("_")
    return bind


segment_sum, segment_prod, segment_max, segment_min = map(
    _binder, (SEGMENT_SUM, SEGMENT_PROD, SEGMENT_MAX, SEGMENT_MIN))
unsorted_segment_sum, unsorted_segment_prod, unsorted_segment_max, unsorted_segment_min = map(
    _binder, (UNSORTED_SEGMENT_SUM, UNSORTED_SEGMENT_PROD, UNSORTED_SEGMENT_MAX,
              UNSORTED_SEGMENT_MIN))

__all__ = ["gather_drop_negatives", "segment_max", "segment_min", "segment_prod", "segment_sum",
           "unsorted_segment_max", "unsorted_segment_min", "unsorted_segment_prod",
           "unsorted_segment_sum"]
