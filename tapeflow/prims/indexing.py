"""Indexing primitives: take/scatter along an axis, gather_nd/scatter_nd, the tensor_scatter
family, roll and top-k. Each primitive is one complete record; its unchecked binder follows it.

Linear index ops come in transpose pairs (TakeAlongAxis / ScatterAlongAxis, GatherNd /
ScatterNd): each one's gradient is the other, so every order of derivative is available. Batch
rules move vmap's batch axis where the op already has room for it: into the index coordinates
(a leading coordinate prepended to `indices`), after the indexed dimensions, or into top-k's
leading axes.

    >>> from tapeflow.prims import indexing as PI
    >>> PI.gather_nd(tf.constant([[1, 2], [3, 4]]), tf.constant([[0, 1], [1, 0]]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
"""
import math

import numpy as np

from ..framework.errors import InvalidArgumentError, op_error
from ..framework.indexed_slices import IndexedSlices
from ..framework.op import ANY, apply, apply2, defop, is_concrete
from ..framework.tensor import wrap
from . import base as P
from ._common import BOOL, COMPLEX, NUMERIC, REAL, aval, broadcast_shapes, bshape, same
from ._linearize import jvp_from_grad
from .base import (
    axis_shift,
    broadcast_batch,
    leading,
    move_to_front,
    reshape,
    transpose,
)
from .math import cast, div, equal, mul, neg


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _with_leading_ones(x, n):
    """x with `n` leading axes of size 1 (so it broadcasts against batched operands)."""
    return reshape(x, (1,) * n + tuple(x._value.shape)) if n else x


def _axes_moved(x, start, count, dst):
    """x with its `count` axes from `start` moved (in order) to position `dst` of the rest."""
    if not count or start == dst:
        return x
    nd = x._value.ndim
    moved = list(range(start, start + count))
    rest = [i for i in range(nd) if i not in moved]
    return transpose(x, tuple(rest[:dst] + moved + rest[dst:]))


# ============================================================================================
# TakeAlongAxis and ScatterAlongAxis (NumPy's take_along_axis and its transpose)
# ============================================================================================
def _full_index(idx, shape, axis):
    """The index tuple addressing `arr[..., idx, ...]` along `axis`, broadcast to `shape`."""
    out = []
    for d in range(len(shape)):
        if d == axis:
            out.append(np.broadcast_to(idx, shape))
        else:
            r = np.arange(shape[d]).reshape([-1 if k == d else 1 for k in range(len(shape))])
            out.append(np.broadcast_to(r, shape))
    return tuple(out)


def _take_along_shape_of(vshape, ishape, axis):
    shape = broadcast_shapes(vshape[:axis] + (1,) + vshape[axis + 1:],
                             ishape[:axis] + (1,) + ishape[axis + 1:])
    return shape[:axis] + (ishape[axis],) + shape[axis + 1:]


def _take_along_np(v, idx, axis):
    return v[_full_index(idx, _take_along_shape_of(v.shape, idx.shape, axis), axis)]


def _scatter_along_np(g, idx, shape, axis):
    out = np.zeros(shape, g.dtype)
    np.add.at(out, _full_index(idx, g.shape, axis), g)
    return out


def _take_along_grad(op, g):
    nb = len(bshape(op, g))
    return scatter_along(g, op.inputs[1], bshape(op, g) + op.inputs[0]._value.shape,
                         op.attrs["axis"] + nb), None


def _scatter_along_grad(op, g):
    nb = len(bshape(op, g))
    return take_along(g, _with_leading_ones(op.inputs[1], nb), op.attrs["axis"] + nb), None


def _take_along_batch(op, args, dims, attrs):
    (v, i), (dv, di) = args, dims
    v = move_to_front(v, dv) if dv is not None else _with_leading_ones(v, 1)
    i = move_to_front(i, di) if di is not None else _with_leading_ones(i, 1)
    return apply2(op, v, i, {"axis": attrs["axis"] + 1}), 0


def _scatter_along_batch(op, args, dims, attrs):
    (g, i), (dg, di) = args, dims
    n = (g._value.shape[dg] if dg is not None else i._value.shape[di])
    g = move_to_front(g, dg) if dg is not None else broadcast_batch(g, n)
    i = move_to_front(i, di) if di is not None else _with_leading_ones(i, 1)
    return apply2(op, g, i, {"shape": (n,) + tuple(attrs["shape"]), "axis": attrs["axis"] + 1}), 0


TAKE_ALONG = defop(
    "TakeAlongAxis", _take_along_np, _take_along_grad, linear=True, allowed=ANY,
    shape=lambda v, i, axis: aval(_take_along_shape_of(v.shape, i.shape, axis), v.dtype),
    batch=_take_along_batch, batched_grad=True)
SCATTER_ALONG = defop(
    "ScatterAlongAxis", _scatter_along_np, _scatter_along_grad, linear=True, allowed=ANY,
    shape=lambda g, i, shape, axis: aval(shape, g.dtype), batch=_scatter_along_batch,
    batched_grad=True)


def take_along(x, indices, axis):
    """x's entries at `indices` along `axis` (non-negative; indices broadcast)."""
    return apply2(TAKE_ALONG, x, indices, {"axis": axis})


def scatter_along(g, indices, shape, axis):
    """The transpose of take_along: `g` added into zeros of `shape` at `indices` along `axis`."""
    return apply2(SCATTER_ALONG, g, indices, {"shape": tuple(shape), "axis": axis})


# ============================================================================================
# GatherNd and ScatterNd
# ============================================================================================
def _nd_index(indices):
    return tuple(indices[..., j] for j in range(indices.shape[-1]))


def check_nd_bounds(indices, shape, op_name):
    """TF's InvalidArgumentError for the first index vector outside `shape`."""
    k = indices.shape[-1]
    bad = np.any((indices < 0) | (indices >= np.asarray(shape[:k], dtype=np.int64)), axis=-1)
    if np.any(bad):
        pos = np.argwhere(bad)[0]
        where_ = ",".join(str(int(p)) for p in pos)
        coords = ", ".join(str(int(c)) for c in indices[tuple(pos)])
        if op_name == "GatherNd":
            raise op_error(InvalidArgumentError, op_name,
                           f"indices[{where_}] = [{coords}] does not index into param shape "
                           f"{_dims(shape)}, node name: GatherNd")
        raise op_error(InvalidArgumentError, op_name,
                       f"indices[{where_}] = [{coords}] does not index into shape {_dims(shape)}")


def _gather_nd_np(params, indices):
    check_nd_bounds(indices, params.shape, "GatherNd")
    if indices.shape[-1] == 0:  # empty index vectors: the whole params, once per vector
        return np.broadcast_to(params, indices.shape[:-1] + params.shape).copy()
    return params[_nd_index(indices)]


def _scatter_nd_np(indices, updates, shape):
    check_nd_bounds(indices, shape, "ScatterNd")
    out = np.zeros(shape, updates.dtype)
    np.add.at(out, _nd_index(indices), updates)
    return out


def _gather_nd_shape(p, i):
    k = i.shape[-1]
    return aval(i.shape[:-1] + p.shape[k:], p.dtype)


def _with_batch_coordinate(indices, n):
    """Fully batched index vectors (n, ..., k) with their example number prepended: the
    coordinates of a batched operand (n, ...) of the same ops."""
    shape = indices._value.shape
    coord = np.broadcast_to(np.arange(n, dtype=indices._value.dtype).reshape(
        (n,) + (1,) * (len(shape) - 1)), shape[:-1] + (1,))
    return P.concat([wrap(np.ascontiguousarray(coord)), indices], len(shape) - 1)


def _gather_nd_grad(op, g):
    """TF's: IndexedSlices for [n, 1] indices, else a scatter_nd into zeros of params' shape."""
    params, indices = op.inputs
    pshape = params._value.shape
    nb = len(bshape(op, g))
    ishape = indices._value.shape
    if not nb and len(ishape) == 2 and ishape[-1] == 1 and is_concrete(indices):
        return IndexedSlices(g, reshape(indices, ishape[:1]),
                             wrap(np.array(pshape, indices._value.dtype))), None
    k = ishape[-1]
    inner = _axes_moved(g, 0, nb, len(ishape) - 1)  # (index dims, batch, params' rest)
    out = scatter_nd(indices, inner, pshape[:k] + bshape(op, g) + pshape[k:])
    return _axes_moved(out, k, nb, 0), None


def _scatter_nd_grad(op, g):
    indices = op.inputs[0]
    nb = len(bshape(op, g))
    k = indices._value.shape[-1]
    out = gather_nd(_axes_moved(g, 0, nb, k), indices)  # (index dims, batch, rest)
    return None, _axes_moved(out, indices._value.ndim - 1, nb, 0)


def _gather_nd_batch(op, args, dims, attrs):
    (p, i), (dp, di) = args, dims
    if di is None:  # the batch axis goes right after the indexed dimensions
        k = i._value.shape[-1]
        p = P.move_axis(p, dp, k)
        return apply2(op, p, i), i._value.ndim - 1
    i = move_to_front(i, di)
    if dp is None:  # each example's index vectors index the same params
        return apply2(op, p, i), 0
    p = move_to_front(p, dp)
    return apply2(op, p, _with_batch_coordinate(i, i._value.shape[0])), 0


def _scatter_nd_batch(op, args, dims, attrs):
    (i, u), (di, du) = args, dims
    shape = tuple(attrs["shape"])
    if di is None:  # updates' batch axis goes after the index dimensions; the output's after k
        k = i._value.shape[-1]
        n = u._value.shape[du]
        u = P.move_axis(u, du, i._value.ndim - 1)
        return apply2(op, i, u, {"shape": shape[:k] + (n,) + shape[k:]}), k
    i = move_to_front(i, di)
    n = i._value.shape[0]
    u = move_to_front(u, du) if du is not None else broadcast_batch(u, n)
    return apply2(op, _with_batch_coordinate(i, n), u, {"shape": (n,) + shape}), 0


GATHER_ND = defop("GatherNd", _gather_nd_np, _gather_nd_grad, linear=True, allowed=ANY,
                  shape=_gather_nd_shape, batch=_gather_nd_batch, batched_grad=True)
SCATTER_ND = defop("ScatterNd", _scatter_nd_np, _scatter_nd_grad, linear=True, allowed=ANY,
                   shape=lambda i, u, shape: aval(shape, u.dtype), batch=_scatter_nd_batch,
                   batched_grad=True)


def gather_nd(params, indices):
    """The slices of `params` at the index vectors in the last dimension of `indices`."""
    return apply2(GATHER_ND, params, indices)


def scatter_nd(indices, updates, shape):
    """Zeros of `shape` with `updates` added at `indices` (duplicates add up)."""
    return apply2(SCATTER_ND, indices, updates, {"shape": tuple(shape)})


# ============================================================================================
# TensorScatterUpdate / Add / Sub / Max / Min
# ============================================================================================
def _tensor_scatter_np(kind):
    def forward(tensor, indices, updates):
        check_nd_bounds(indices, tensor.shape, "TensorScatter" + kind)
        out = np.array(tensor, copy=True)
        idx = _nd_index(indices)
        if kind == "Update":
            out[idx] = updates
        elif kind == "Add":
            np.add.at(out, idx, updates)
        elif kind == "Sub":
            np.subtract.at(out, idx, updates)
        elif kind == "Max":
            np.maximum.at(out, idx, updates)
        else:
            np.minimum.at(out, idx, updates)
        return out
    return forward


def _gathered_batched(g, indices, nb):
    """gather_nd of a cotangent with `nb` leading batch axes: (batch, index dims, rest)."""
    k = indices._value.shape[-1]
    out = gather_nd(_axes_moved(g, 0, nb, k), indices)
    return _axes_moved(out, indices._value.ndim - 1, nb, 0)


def _scatter_update_grad(op, g):
    x, indices = op.inputs[0], op.inputs[1]
    nb = len(bshape(op, g))
    k = indices._value.shape[-1]
    inner = _axes_moved(g, 0, nb, k)
    zeros = P.zeros(indices._value.shape[:-1] + bshape(op, g) + x._value.shape[k:],
                    g._value.dtype)
    tensor_grad = _axes_moved(tensor_scatter_update(inner, indices, zeros), k, nb, 0)
    return tensor_grad, None, _gathered_batched(g, indices, nb)


def _scatter_min_max_grad(op, g):
    """Shared equally between the tensor's element and the updates equal to the result (TF)."""
    x, indices, y = op.inputs
    z = op.outputs[0]
    dt = g._value.dtype
    nb = len(bshape(op, g))
    x_ind = cast(equal(x, z), dt)
    y_ind = cast(equal(y, gather_nd(z, indices)), dt)
    count = P.add(x_ind, scatter_nd(indices, y_ind, x._value.shape))
    return (div(mul(g, x_ind), count), None,
            mul(_gathered_batched(div(g, count), indices, nb), y_ind))


def _tensor_scatter_batch(op, args, dims, attrs):
    """Every operand batched in front; the index vectors get their example number prepended."""
    n = P.batch_size(args, dims)
    (x, i, u), (dx, di, du) = args, dims
    x = move_to_front(x, dx) if dx is not None else broadcast_batch(x, n)
    i = move_to_front(i, di) if di is not None else broadcast_batch(i, n)
    u = move_to_front(u, du) if du is not None else broadcast_batch(u, n)
    return apply(op, (x, _with_batch_coordinate(i, n), u), attrs), 0


def _tensor_scatter_op(kind, grad, allowed, **facts):
    return defop("TensorScatter" + kind, _tensor_scatter_np(kind), grad, allowed=allowed,
                 shape=same, batch=_tensor_scatter_batch, batched_grad=True, **facts)


TENSOR_SCATTER_UPDATE = _tensor_scatter_op("Update", _scatter_update_grad, ANY, linear=True)
TENSOR_SCATTER_ADD = _tensor_scatter_op(
    "Add", lambda op, g: (g, None, _gathered_batched(g, op.inputs[1], len(bshape(op, g)))),
    NUMERIC, linear=True, no_kernel=BOOL)
TENSOR_SCATTER_SUB = _tensor_scatter_op(
    "Sub", lambda op, g: (g, None, neg(_gathered_batched(g, op.inputs[1], len(bshape(op, g))))),
    NUMERIC, linear=True, no_kernel=BOOL)
TENSOR_SCATTER_MAX = _tensor_scatter_op("Max", _scatter_min_max_grad, REAL, jvp=jvp_from_grad,
                                        no_kernel=COMPLEX + BOOL)
TENSOR_SCATTER_MIN = _tensor_scatter_op("Min", _scatter_min_max_grad, REAL, jvp=jvp_from_grad,
                                        no_kernel=COMPLEX + BOOL)


def tensor_scatter_update(tensor, indices, updates):
    """A copy of `tensor` with `updates` written at `indices`."""
    return apply(TENSOR_SCATTER_UPDATE, (tensor, indices, updates))


def tensor_scatter_add(tensor, indices, updates):
    return apply(TENSOR_SCATTER_ADD, (tensor, indices, updates))


def tensor_scatter_sub(tensor, indices, updates):
    return apply(TENSOR_SCATTER_SUB, (tensor, indices, updates))


def tensor_scatter_max(tensor, indices, updates):
    return apply(TENSOR_SCATTER_MAX, (tensor, indices, updates))


def tensor_scatter_min(tensor, indices, updates):
    return apply(TENSOR_SCATTER_MIN, (tensor, indices, updates))


# ============================================================================================
# Roll
# ============================================================================================
ROLL = defop("Roll", lambda v, shift, axis: np.roll(v, shift, axis),
             lambda op, g: roll(g, tuple(-s for s in op.attrs["shift"]),
                                tuple(a + len(bshape(op, g)) for a in op.attrs["axis"])),
             linear=True, allowed=ANY, shape=same, batch=axis_shift("axis"), batched_grad=True)


def roll(x, shift, axis):
    """x shifted cyclically by `shift` along `axis` (tuples; axes non-negative)."""
    return apply(ROLL, (x,), {"shift": tuple(shift), "axis": tuple(axis)})


# ============================================================================================
# TopKV2: the k largest entries of the last axis and their indices
# ============================================================================================
def _stable_descending(v):
    """Indices sorting v's last axis descending, ties by lower index first (TF's order)."""
    if v.dtype.kind == "u":
        v = v.astype(np.int64)
    elif v.dtype.kind == "b":
        v = v.astype(np.int8)
    if v.dtype.kind == "i":
        return np.argsort(~v, axis=-1, kind="stable")  # ~v = -v - 1: no overflow
    return np.argsort(-v, axis=-1, kind="stable")


def top_k_order(v, k):
    """The int32 indices of the k largest entries of an array's last axis, in TF's order
    (NumPy-level; what TopKV2's forward and the concrete fast path of tf.argsort share)."""
    n = v.shape[-1]
    if k == 0 or v.size == 0:
        return np.zeros(v.shape[:-1] + (k,), np.int32)
    order = _stable_descending(v)[..., :k]
    if v.dtype.kind == "f" and not math.isfinite(np.add.reduce(v, axis=None)):
        rows = v.reshape(-1, n)
        nan_rows = np.flatnonzero(np.isnan(rows).any(axis=1))
        lanes = 4 if v.dtype == np.float64 else 8  # floats per AVX register (Eigen's packets)
        if nan_rows.size:
            flat = order.reshape(-1, k)
            for r in nan_rows:
                flat[r] = _tf_top_k_row_with_nan(rows[r].tolist(), k, lanes)
            order = flat.reshape(order.shape)
    return order.astype(np.int32)


def _top_k_forward(v, k, sorted):
    order = top_k_order(v, k)
    if order.size == 0:
        return np.zeros(order.shape, v.dtype), order
    n = v.shape[-1]
    if v.ndim == 1:
        return v[order], order
    rows = v.reshape(-1, n)
    picked = rows[np.arange(rows.shape[0])[:, None], order.reshape(rows.shape[0], k)]
    return picked.reshape(order.shape), order


def _top_k_grad(op, g_values, g_indices):
    """TF's: the values' cotangent scattered back to the positions the values came from."""
    if g_values is None:
        return None
    x = op.inputs[0]
    nb = len(bshape(op, g_values))
    return scatter_along(g_values, op.outputs[1], bshape(op, g_values) + x._value.shape,
                         x._value.ndim - 1 + nb)


def _top_k_shape(a, k, sorted):
    s = a.shape[:-1] + (k,)
    return aval(s, a.dtype), aval(s, np.int32)


TOP_K = defop("TopKV2", _top_k_forward, _top_k_grad,
              lambda op, dx: (take_along(dx, op.outputs[1], dx._value.ndim - 1), None),
              num_outputs=2, allowed=REAL, shape=_top_k_shape, batch=leading, batched_grad=True)


def top_k(x, k, sorted=True):
    """(values, int32 indices) of the k largest entries along the last axis."""
    return apply(TOP_K, (x,), {"k": int(k), "sorted": bool(sorted)})


# -- TF's CPU kernel order for rows containing NaN -------------------------------------------
# TF's TopKV2 compares with `<` and `>` only, so NaN is "equal" to every value and the order of
# a row with NaN is whatever its algorithms produce: libstdc++'s std::sort (introsort) by value
# then index-sorted runs of equal values when k is the row length (tf.sort and tf.argsort), a
# gtl::TopN heap with index tie-breaking for 1 < k < n, and Eigen's vectorized max for k == 1.
# These helpers replay those algorithms on one row (NaN rows only; the others take NumPy's stable
# argsort). Checked against TF 2.21 on x86-64 (AVX): k == n and k == 1 match exactly; for
# 1 < k < n with NaN the heap replay matches TF in most rows, not all.
def _tf_top_k_row_with_nan(vals, k, lanes=8):
    n = len(vals)
    if k == 1:  # Eigen's max: SIMD lanes (which skip NaN) over whole packets, a scalar fold
        # (which a NaN resets) over the rest, then std::max(scalar, lanes); the index is the
        # first position holding the max (0 when the max is NaN). Python's max(a, b) is
        # std::max's `a < b ? b : a` with the operands swapped: it keeps a unless b > a.
        whole = n // lanes * lanes
        vector = -np.inf
        for v in vals[:whole]:
            vector = max(vector, v)
        scalar = -np.inf
        for v in vals[whole:]:
            scalar = max(v, scalar)
        best = max(scalar, vector)
        return [next((c for c, v in enumerate(vals) if v == best), 0)]

    def stable(a, b):
        if vals[b] < vals[a]:
            return True
        if vals[b] > vals[a]:
            return False
        return a < b
    if k == n:
        perm = list(range(n))
        _std_sort(perm, lambda a, b: vals[b] < vals[a])
        i = 0
        while i + 1 < n:
            j = i + 1
            while j < n and vals[perm[i]] == vals[perm[j]]:
                j += 1
            perm[i:j] = sorted(perm[i:j])
            i = j
        return perm
    heap = []
    for c in range(n):  # gtl::TopN: a vector, then a heap of k (+1 spare) once it overflows
        if len(heap) <= k:
            heap.append(c)
            if len(heap) == k + 1:
                _make_heap(heap, 0, k + 1, stable)
                _pop_heap(heap, 0, k + 1, stable)
        elif stable(c, heap[0]):
            heap[-1] = c
            _push_heap(heap, 0, k + 1, stable)
            _pop_heap(heap, 0, k + 1, stable)
    heap.pop()
    _sort_heap(heap, 0, k, stable)
    return heap


def _sift_up(a, first, hole, top, value, less):
    parent = (hole - 1) // 2
    while hole > top and less(a[first + parent], value):
        a[first + hole] = a[first + parent]
        hole = parent
        parent = (hole - 1) // 2
    a[first + hole] = value


def _adjust_heap(a, first, hole, length, value, less):
    top = hole
    child = hole
    while child < (length - 1) // 2:
        child = 2 * (child + 1)
        if less(a[first + child], a[first + child - 1]):
            child -= 1
        a[first + hole] = a[first + child]
        hole = child
    if length % 2 == 0 and child == (length - 2) // 2:
        child = 2 * (child + 1)
        a[first + hole] = a[first + child - 1]
        hole = child - 1
    _sift_up(a, first, hole, top, value, less)


def _pop_heap_into(a, first, last, result, less):
    value = a[result]
    a[result] = a[first]
    _adjust_heap(a, first, 0, last - first, value, less)


def _make_heap(a, first, last, less):
    length = last - first
    for parent in range((length - 2) // 2, -1, -1) if length >= 2 else ():
        _adjust_heap(a, first, parent, length, a[first + parent], less)


def _push_heap(a, first, last, less):
    _sift_up(a, first, last - first - 1, 0, a[last - 1], less)


def _pop_heap(a, first, last, less):
    if last - first > 1:
        _pop_heap_into(a, first, last - 1, last - 1, less)


def _sort_heap(a, first, last, less):
    while last - first > 1:
        last -= 1
        _pop_heap_into(a, first, last, last, less)


def _unguarded_linear_insert(a, last, less):
    value = a[last]
    prev = last - 1
    while less(value, a[prev]):
        a[last] = a[prev]
        last = prev
        prev -= 1
    a[last] = value


def _insertion_sort(a, first, last, less):
    for i in range(first + 1, last):
        value = a[i]
        if less(value, a[first]):
            a[first + 1:i + 1] = a[first:i]
            a[first] = value
        else:
            _unguarded_linear_insert(a, i, less)


def _median_to_first(a, result, x, y, z, less):
    if less(a[x], a[y]):
        m = y if less(a[y], a[z]) else (z if less(a[x], a[z]) else x)
    else:
        m = x if less(a[x], a[z]) else (z if less(a[y], a[z]) else y)
    a[result], a[m] = a[m], a[result]


def _unguarded_partition(a, first, last, pivot, less):
    while True:
        while less(a[first], a[pivot]):
            first += 1
        last -= 1
        while less(a[pivot], a[last]):
            last -= 1
        if not first < last:
            return first
        a[first], a[last] = a[last], a[first]
        first += 1


def _introsort_loop(a, first, last, depth, less):
    while last - first > 16:
        if depth == 0:
            _make_heap(a, first, last, less)
            _sort_heap(a, first, last, less)
            return
        depth -= 1
        _median_to_first(a, first, first + 1, first + (last - first) // 2, last - 1, less)
        cut = _unguarded_partition(a, first + 1, last, first, less)
        _introsort_loop(a, cut, last, depth, less)
        last = cut


def _std_sort(a, less):
    """libstdc++'s std::sort (introsort, then insertion sort), replayed step by step."""
    n = len(a)
    if n < 2:
        return
    _introsort_loop(a, 0, n, 2 * (n.bit_length() - 1), less)
    if n > 16:
        _insertion_sort(a, 0, 16, less)
        for i in range(16, n):
            _unguarded_linear_insert(a, i, less)
    else:
        _insertion_sort(a, 0, n, less)


__all__ = ["check_nd_bounds", "gather_nd", "roll", "scatter_along", "scatter_nd", "take_along",
           "tensor_scatter_add", "tensor_scatter_max", "tensor_scatter_min", "tensor_scatter_sub",
           "tensor_scatter_update", "top_k", "top_k_order"]
