"""Segment reductions: `tf.math.segment_*` (sorted ids) and `tf.math.unsorted_segment_*`.

Output row `i` reduces the rows of `data` whose id is `i`; ids cover the leading `ids.ndim`
dimensions of `data`. Unsorted ops drop negative ids. An empty segment is the reduction's
identity (0, 1, or the lowest/highest value for max/min), except sorted max/min give 0, as TF.
Forwards are vectorized `ufunc.at` scatters; gradients follow TF's math_grad.py with tapeflow ops.

    >>> tf.math.segment_sum([1.0, 2.0, 3.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 3.], dtype=float32)>
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.errors import dtype_not_allowed
from ..framework.op import apply2, defop
from ..framework.tensor import wrap
from . import array_ops as A
from . import math_ops as M
from ._common import NUMERIC, REAL, t
from ..prims._linearize import jvp_from_grad

_UFUNC = {"sum": np.add, "prod": np.multiply, "max": np.maximum, "min": np.minimum}


def _identity(kind, dtype):
    if kind == "sum":
        return 0
    if kind == "prod":
        return 1
    if dtype.kind == "f":
        info = np.finfo(dtype)
    else:
        info = np.iinfo(dtype)
    return info.min if kind == "max" else info.max


def _segment_reduce(data, ids, num_segments, kind, sorted_op, op_name):
    inner = data.shape[ids.ndim:]
    flat_ids = ids.reshape(-1)
    rows = data.reshape((flat_ids.size,) + inner)
    bad = flat_ids >= num_segments
    if np.any(bad):
        pos = int(np.argmax(bad))
        raise op_error(InvalidArgumentError, op_name,
                       f"segment_ids[{pos}] = {int(flat_ids[pos])} is out of range [0, {num_segments})")
    keep = flat_ids >= 0
    if not np.all(keep):
        flat_ids, rows = flat_ids[keep], rows[keep]
    out = np.full((num_segments,) + inner, _identity(kind, data.dtype), data.dtype)
    _UFUNC[kind].at(out, flat_ids, rows)
    if sorted_op and kind in ("max", "min"):  # TF: 0 for an empty sorted max/min segment
        empty = np.bincount(flat_ids, minlength=num_segments) == 0
        out[empty] = 0
    return out


def _gather_drop_negatives(params, ids):
    """params[ids] with zeros where an id is negative (TF's _GatherDropNegatives)."""
    idv = ids._value
    if np.all(idv >= 0):
        return A.gather(params, ids)
    safe = wrap(np.maximum(idv, 0))
    gathered = A.gather(params, safe)
    mask = wrap((idv >= 0).reshape(idv.shape + (1,) * (gathered._value.ndim - idv.ndim)))
    mask = A.broadcast_to(mask, gathered._value.shape)
    return A.where(mask, gathered, A.zeros_like(gathered))


def _num(op):
    return op.outputs[0]._value.shape[0]


def _sum_grad(op, g):
    return _gather_drop_negatives(g, op.inputs[1]), None


def _min_max_grad(op, g):
    """Shared equally among the elements equal to their segment's extreme."""
    data, ids = op.inputs
    y = op.outputs[0]
    gathered = _gather_drop_negatives(y, ids)
    selected = M.equal(data, gathered)
    if np.any(ids._value < 0):
        valid = wrap((ids._value >= 0).reshape(ids._value.shape + (1,) * (data._value.ndim - ids._value.ndim)))
        selected = M.logical_and(selected, A.broadcast_to(valid, data._value.shape))
    count = unsorted_segment_sum(M.cast(selected, g._value.dtype), ids, _num(op))
    weighted = M.div_no_nan(g, count)
    return A.where(selected, _gather_drop_negatives(weighted, ids), A.zeros_like(data)), None


def _prod_grad(op, g):
    """prod / x_i, with the zeros of x handled exactly (as TF's _SegmentProdGrad)."""
    data, ids = op.inputs
    n = _num(op)
    is_zero = M.equal(data, A.zeros_like(data))
    num_zeros = unsorted_segment_sum(M.cast(is_zero, D.int32), ids, n)
    g = A.where(M.greater(num_zeros, A.ones_like(num_zeros)), A.zeros_like(g), g)
    non_zero_data = A.where(is_zero, A.ones_like(data), data)
    non_zero_prod = unsorted_segment_prod(non_zero_data, ids, n)
    gathered_prod = _gather_drop_negatives(op.outputs[0], ids)
    gathered_nz_prod = _gather_drop_negatives(non_zero_prod, ids)
    partial = A.where(is_zero, gathered_nz_prod, gathered_prod / non_zero_data)
    return _gather_drop_negatives(g, ids) * partial, None


def _forward(kind, sorted_op, name):
    def forward(data, ids, num_segments):
        return _segment_reduce(data, ids, num_segments, kind, sorted_op, name)
    return forward


def _make(kind, sorted_op, grad, allowed):
    name = ("Segment" if sorted_op else "UnsortedSegment") + kind.capitalize()
    jvp = ((lambda op, dd, di: apply2(_OPS[("sum", sorted_op)], dd, op.inputs[1], op.attrs))
           if kind == "sum" else jvp_from_grad)
    return defop(name, _forward(kind, sorted_op, name), grad, jvp, allowed=allowed)


_OPS = {}
for _kind, _grad, _allowed in (("sum", _sum_grad, NUMERIC), ("prod", _prod_grad, NUMERIC),
                               ("max", _min_max_grad, REAL), ("min", _min_max_grad, REAL)):
    for _sorted in (True, False):
        _OPS[(_kind, _sorted)] = _make(_kind, _sorted, _grad, _allowed)


def _check_ids(ids, op_name):
    if ids._value.dtype.kind not in "iu":
        raise TypeError(f"Value passed to parameter 'segment_ids' has DataType {ids.dtype.name} not in "
                        f"list of allowed values: int32, int64")


def _apply(kind, sorted_op, data, segment_ids, num_segments=None):
    op = _OPS[(kind, sorted_op)]
    data, ids = t(data), t(segment_ids)
    _check_ids(ids, op.name)
    if op.allowed is not None and data._value.dtype not in op._allowed_np:
        raise dtype_not_allowed(op, data.dtype)
    iv = ids._value
    dshape = data._value.shape
    if sorted_op:
        if iv.ndim != 1 or (dshape and iv.shape[0] != dshape[0]) or not dshape:
            raise op_error(InvalidArgumentError, op.name,
                           "segment_ids should be the same size as dimension 0 of input.")
        if iv.size and (np.any(np.diff(iv) < 0) or iv[0] < 0):
            raise op_error(InvalidArgumentError, op.name, "segment ids are not increasing")
        num = int(iv[-1]) + 1 if iv.size else 0
    else:
        if dshape[:iv.ndim] != iv.shape:
            raise op_error(InvalidArgumentError, op.name,
                           f"data.shape = {list(dshape)} does not start with segment_ids.shape = "
                           f"{list(iv.shape)}")
        num = int(getattr(num_segments, "_value", num_segments))
        if num < 0:
            raise op_error(InvalidArgumentError, op.name, "num_segments must be non-negative")
    return apply2(op, data, ids, {"num_segments": num})


def segment_sum(data, segment_ids, name=None):
    """Sums the rows of `data` per (sorted) segment id.

    >>> tf.math.segment_sum([1.0, 2.0, 3.0], [0, 0, 1])
    """
    return _apply("sum", True, data, segment_ids)


def segment_prod(data, segment_ids, name=None):
    """Multiplies the rows of `data` per (sorted) segment id; empty segments are 1.

    >>> tf.math.segment_prod([2.0, 3.0, 4.0], [0, 0, 1])
    """
    return _apply("prod", True, data, segment_ids)


def segment_max(data, segment_ids, name=None):
    """The max of the rows of `data` per (sorted) segment id; empty segments are 0.

    >>> tf.math.segment_max([1.0, 5.0, 3.0], [0, 0, 1])
    """
    return _apply("max", True, data, segment_ids)


def segment_min(data, segment_ids, name=None):
    """The min of the rows of `data` per (sorted) segment id; empty segments are 0.

    >>> tf.math.segment_min([1.0, 5.0, 3.0], [0, 0, 1])
    """
    return _apply("min", True, data, segment_ids)


def segment_mean(data, segment_ids, name=None):
    """The mean of the rows of `data` per (sorted) segment id; empty segments are 0.

    >>> tf.math.segment_mean([1.0, 3.0, 3.0], [0, 0, 1])
    """
    data, ids = t(data), t(segment_ids)
    total = segment_sum(data, ids)
    count = _segment_count(ids, total._value.shape[0], data)
    return _divide_rows(total, count, data)


def _segment_count(ids, num, data):
    iv = np.asarray(ids._value).reshape(-1)
    counts = np.bincount(iv[iv >= 0], minlength=num)[:num]
    return counts.astype(data._value.dtype)


def _divide_rows(total, counts, data, sqrt=False):
    c = np.maximum(counts, 1)
    if sqrt:
        c = np.sqrt(c)
    c = c.reshape((-1,) + (1,) * (total._value.ndim - 1)).astype(total._value.dtype)
    if total._value.dtype.kind in "iu":
        return wrap((total._value // c).astype(total._value.dtype))
    return total / wrap(c)


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """Sums the rows of `data` per segment id (any order; negative ids are dropped).

    >>> tf.math.unsorted_segment_sum([1.0, 2.0, 3.0], [1, 0, 1], 2)
    """
    return _apply("sum", False, data, segment_ids, num_segments)


def unsorted_segment_prod(data, segment_ids, num_segments, name=None):
    """Multiplies the rows of `data` per segment id; empty segments are 1.

    >>> tf.math.unsorted_segment_prod([2.0, 3.0], [0, 0], 1)
    """
    return _apply("prod", False, data, segment_ids, num_segments)


def unsorted_segment_max(data, segment_ids, num_segments, name=None):
    """The max of the rows of `data` per segment id; empty segments are the dtype's lowest value.

    >>> tf.math.unsorted_segment_max([1.0, 2.0], [0, 0], 1)
    """
    return _apply("max", False, data, segment_ids, num_segments)


def unsorted_segment_min(data, segment_ids, num_segments, name=None):
    """The min of the rows of `data` per segment id; empty segments are the dtype's highest value.

    >>> tf.math.unsorted_segment_min([1.0, 2.0], [0, 0], 1)
    """
    return _apply("min", False, data, segment_ids, num_segments)


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """The mean of the rows of `data` per segment id; empty segments are 0.

    >>> tf.math.unsorted_segment_mean([1.0, 3.0], [0, 0], 1)
    """
    data, ids = t(data), t(segment_ids)
    total = unsorted_segment_sum(data, ids, num_segments)
    return _divide_rows(total, _segment_count(ids, total._value.shape[0], data), data)


def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """The sum of the rows of `data` per segment id divided by sqrt(count).

    >>> tf.math.unsorted_segment_sqrt_n([1.0, 3.0], [0, 0], 1)
    """
    data, ids = t(data), t(segment_ids)
    total = unsorted_segment_sum(data, ids, num_segments)
    return _divide_rows(total, _segment_count(ids, total._value.shape[0], data), data, sqrt=True)
