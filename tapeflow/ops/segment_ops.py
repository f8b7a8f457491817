"""Segment reductions, public API: `tf.math.segment_*` (sorted ids) and
`tf.math.unsorted_segment_*`. Each function checks its arguments with TF's errors and calls the
primitive layer (`tapeflow.prims.segment`), where the records live; the means and sqrt_n are
compositions of public ops, as in TF.

    >>> tf.math.segment_sum([1.0, 2.0, 3.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 3.], dtype=float32)>
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply2
from ..prims.segment import (
    SEGMENT_MAX,
    SEGMENT_MIN,
    SEGMENT_PROD,
    SEGMENT_SUM,
    UNSORTED_SEGMENT_MAX,
    UNSORTED_SEGMENT_MIN,
    UNSORTED_SEGMENT_PROD,
    UNSORTED_SEGMENT_SUM,
)
from . import array_ops as A
from . import math_ops as M
from ._common import t
from .special_math_ops import truncatediv

_SORTED_IDS = (np.dtype(np.int32), np.dtype(np.int64))
_REAL_OF = {D.complex64: D.float32, D.complex128: D.float64}
_UNSORTED_IDS = (np.dtype(np.int16),) + _SORTED_IDS


def _check_ids(ids, op, allowed):
    if ids._value.dtype not in allowed:
        names = ", ".join(D.from_numpy(d).name for d in allowed)
        raise op_error(InvalidArgumentError, op.name,
                       f"Value for attr 'Tindices' of {ids.dtype._cname} is not in the list of "
                       f"allowed values: {names}")


def _sorted(op, data, segment_ids):
    data, ids = t(data), t(segment_ids)
    op.check(data)
    _check_ids(ids, op, _SORTED_IDS)
    iv = ids._value
    dshape = data._value.shape
    if not dshape:
        raise op_error(InvalidArgumentError, op.name, "input must be at least rank 1")
    if iv.ndim != 1:
        raise op_error(InvalidArgumentError, op.name, "segment_ids should be a vector.")
    if iv.shape[0] != dshape[0]:
        raise op_error(InvalidArgumentError, op.name,
                       "segment_ids should be the same size as dimension 0 of input.")
    num = int(iv[-1]) + 1 if iv.size else 0
    if iv.size:
        if iv[0] < 0 or num <= 0:
            raise op_error(InvalidArgumentError, op.name,
                           f"Segment id {int(iv[0] if iv[0] < 0 else iv[-1])} out of range [0, "
                           f"{max(num, 0)}), possibly because 'segment_ids' input is not sorted.")
        if np.any(np.diff(iv) < 0):
            raise op_error(InvalidArgumentError, op.name, "segment ids are not increasing")
    return apply2(op, data, ids, {"num_segments": num})


def _unsorted(op, data, segment_ids, num_segments):
    data, ids = t(data), t(segment_ids)
    op.check(data)
    _check_ids(ids, op, _UNSORTED_IDS)
    dshape, ishape = data._value.shape, ids._value.shape
    num = int(np.asarray(getattr(num_segments, "_value", num_segments)))
    if num < 0:
        raise op_error(InvalidArgumentError, op.name,
                       f"Input num_segments == {num} must not be negative.")
    if dshape[:len(ishape)] != ishape:
        raise op_error(InvalidArgumentError, op.name,
                       f"data.shape = {list(dshape)} does not start with segment_ids.shape = "
                       f"{list(ishape)}")
    return apply2(op, data, ids, {"num_segments": num})


def segment_sum(data, segment_ids, name=None):
    """Sums the rows of `data` per (sorted) segment id.

    >>> tf.math.segment_sum([1.0, 2.0, 3.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 3.], dtype=float32)>
    """
    return _sorted(SEGMENT_SUM, data, segment_ids)


def segment_prod(data, segment_ids, name=None):
    """Multiplies the rows of `data` per (sorted) segment id; empty segments are 1.

    >>> tf.math.segment_prod([2.0, 3.0, 4.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([6., 4.], dtype=float32)>
    """
    return _sorted(SEGMENT_PROD, data, segment_ids)


def segment_max(data, segment_ids, name=None):
    """The max of the rows of `data` per (sorted) segment id; empty segments are 0.

    >>> tf.math.segment_max([1.0, 5.0, 3.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([5., 3.], dtype=float32)>
    """
    return _sorted(SEGMENT_MAX, data, segment_ids)


def segment_min(data, segment_ids, name=None):
    """The min of the rows of `data` per (sorted) segment id; empty segments are 0.

    >>> tf.math.segment_min([1.0, 5.0, 3.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    return _sorted(SEGMENT_MIN, data, segment_ids)


def _rows_shaped(counts, data):
    """Per-segment counts (num,) reshaped to broadcast against the output rows."""
    rank = data._value.ndim - 1
    return A.reshape(counts, [-1] + [1] * rank) if rank > 0 else counts


def segment_mean(data, segment_ids, name=None):
    """The mean of the rows of `data` per (sorted) segment id; empty segments are 0 (integers
    divide truncating, as TF's kernel).

    >>> tf.math.segment_mean([1.0, 3.0, 3.0], [0, 0, 1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>
    """
    data, ids = t(data), t(segment_ids)
    total = segment_sum(data, ids)
    count_dtype = _REAL_OF.get(data.dtype, data.dtype)  # (complex means count in reals)
    ones = A.ones(ids._value.shape, count_dtype)
    counts = _rows_shaped(M.maximum(segment_sum(ones, ids), A.ones([], count_dtype)), total)
    if data.dtype.is_integer:
        return truncatediv(total, counts)
    if not data.dtype.is_complex:
        return total / counts
    # TF's kernel divides by the count as a complex number (x conj(c) / |c|^2, so an infinite
    # part makes the other NaN) and copies one-row segments
    re, im = M.real(total), M.imag(total)
    zero, den = A.zeros_like(counts), counts * counts
    mean = M.complex_((re * counts + im * zero) / den, (im * counts - re * zero) / den)
    return A.where(M.equal(counts, A.ones_like(counts)), total, mean)


def _segment_n(data, ids, num_segments):
    """How many rows each segment has, at least 1, shaped to broadcast (TF's
    _unsorted_segment_N)."""
    ones = A.ones(ids._value.shape, data.dtype)
    n = unsorted_segment_sum(ones, ids, num_segments)
    n = A.reshape(n, [-1] + [1] * (data._value.ndim - ids._value.ndim))
    return M.maximum(n, A.ones([], data.dtype))


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """Sums the rows of `data` per segment id (any order; negative ids are dropped).

    >>> tf.math.unsorted_segment_sum([1.0, 2.0, 3.0], [1, 0, 1], 2)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
    """
    return _unsorted(UNSORTED_SEGMENT_SUM, data, segment_ids, num_segments)


def unsorted_segment_prod(data, segment_ids, num_segments, name=None):
    """Multiplies the rows of `data` per segment id; empty segments are 1.

    >>> tf.math.unsorted_segment_prod([2.0, 3.0], [0, 0], 1)
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([6.], dtype=float32)>
    """
    return _unsorted(UNSORTED_SEGMENT_PROD, data, segment_ids, num_segments)


def unsorted_segment_max(data, segment_ids, num_segments, name=None):
    """The max of the rows of `data` per segment id; empty segments are the dtype's lowest value.

    >>> tf.math.unsorted_segment_max([1.0, 2.0], [0, 0], 1)
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([2.], dtype=float32)>
    """
    return _unsorted(UNSORTED_SEGMENT_MAX, data, segment_ids, num_segments)


def unsorted_segment_min(data, segment_ids, num_segments, name=None):
    """The min of the rows of `data` per segment id; empty segments are the dtype's highest value.

    >>> tf.math.unsorted_segment_min([1.0, 2.0], [0, 0], 1)
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.], dtype=float32)>
    """
    return _unsorted(UNSORTED_SEGMENT_MIN, data, segment_ids, num_segments)


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """The sum of the rows of `data` per segment id divided by their count (at least 1); integer
    data gives a floating result, as TF's division does.

    >>> tf.math.unsorted_segment_mean([1.0, 3.0], [0, 0], 1)
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([2.], dtype=float32)>
    """
    data, ids = t(data), t(segment_ids)
    n = _segment_n(data, ids, num_segments)
    return unsorted_segment_sum(data, ids, num_segments) / n


def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """The sum of the rows of `data` per segment id divided by sqrt(count).

    >>> tf.math.unsorted_segment_sqrt_n([1.0, 3.0], [0, 0], 1)
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([2.828427], dtype=float32)>
    """
    data, ids = t(data), t(segment_ids)
    n = _segment_n(data, ids, num_segments)
    return unsorted_segment_sum(data, ids, num_segments) / M.sqrt(n)
