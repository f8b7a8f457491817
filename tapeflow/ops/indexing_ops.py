"""Indexing, scattering and sorting: gather_nd, scatter_nd, tensor_scatter_nd_*, boolean_mask,
sort/argsort/top-k helpers, unique, searchsorted, meshgrid, repeat, roll, sequence_mask, norm clipping.

Linear index ops come in transpose pairs (TakeAlongAxis / ScatterAlongAxis, GatherNd / ScatterNd):
each one's gradient is the other, so every order of derivative is available.

    >>> tf.gather_nd([[1, 2], [3, 4]], [[0, 1], [1, 0]])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
"""
import builtins
import collections

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, apply1, apply2, defop
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from . import array_ops as A
from . import math_ops as M
from ..prims._common import dims_text as _dims
from ..prims import math as PM
from ._common import int_list, pair, t
from ..prims._linearize import jvp_from_grad


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


# -- take / scatter along one axis (used by sort, top_k, repeat, reverse_sequence) -----------------
def _full_index(idx, shape, axis):
    """The index tuple addressing `arr[..., idx, ...]` along `axis`, broadcast to `shape`."""
    out = []
    for d in builtins.range(len(shape)):
        if d == axis:
            out.append(np.broadcast_to(idx, shape))
        else:
            r = np.arange(shape[d]).reshape([-1 if k == d else 1 for k in builtins.range(len(shape))])
            out.append(np.broadcast_to(r, shape))
    return tuple(out)


def _take_along_np(v, idx, axis):
    shape = np.broadcast_shapes(v.shape[:axis] + (1,) + v.shape[axis + 1:],
                                idx.shape[:axis] + (1,) + idx.shape[axis + 1:])
    shape = shape[:axis] + (idx.shape[axis],) + shape[axis + 1:]
    return v[_full_index(idx, shape, axis)]


def _scatter_along_np(g, idx, shape, axis):
    out = np.zeros(shape, g.dtype)
    np.add.at(out, _full_index(idx, g.shape, axis), g)
    return out


TAKE_ALONG = defop(
    "TakeAlongAxis", _take_along_np,
    lambda op, g: (apply2(SCATTER_ALONG, g, op.inputs[1], {"shape": op.inputs[0]._value.shape,
                                                           "axis": op.get_attr("axis")}), None),
    lambda op, dx, di: None if dx is None else apply2(TAKE_ALONG, dx, op.inputs[1], op.attrs))
SCATTER_ALONG = defop(
    "ScatterAlongAxis", _scatter_along_np,
    lambda op, g: (apply2(TAKE_ALONG, g, op.inputs[1], {"axis": op.get_attr("axis")}), None),
    lambda op, dg, di: None if dg is None else apply2(SCATTER_ALONG, dg, op.inputs[1], op.attrs))


def take_along_axis(x, indices, axis):
    """x's entries at `indices` along `axis` (NumPy's take_along_axis; indices broadcast).

    >>> take_along_axis(tf.constant([[3.0, 1.0]]), tf.constant([[1, 0]]), axis=1)
    """
    x, i = t(x), t(indices)
    nd = x._value.ndim
    return apply2(TAKE_ALONG, x, i, {"axis": int(axis) % nd})


# -- gather_nd / scatter_nd -----------------------------------------------------------------------
def _nd_index(indices):
    return tuple(indices[..., j] for j in builtins.range(indices.shape[-1]))


def _check_nd_bounds(indices, shape, op_name):
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
    _check_nd_bounds(indices, params.shape, "GatherNd")
    return params[_nd_index(indices)]


def _scatter_nd_np(indices, updates, shape):
    _check_nd_bounds(indices, shape, "ScatterNd")
    out = np.zeros(shape, updates.dtype)
    np.add.at(out, _nd_index(indices), updates)
    return out


GATHER_ND = defop(
    "GatherNd", _gather_nd_np,
    lambda op, g: (apply2(SCATTER_ND, op.inputs[1], g, {"shape": op.inputs[0]._value.shape}), None),
    lambda op, dp, di: None if dp is None else apply2(GATHER_ND, dp, op.inputs[1]))
SCATTER_ND = defop(
    "ScatterNd", _scatter_nd_np,
    lambda op, g: (None, apply2(GATHER_ND, g, op.inputs[0])),
    lambda op, di, du: None if du is None else apply2(SCATTER_ND, op.inputs[0], du, op.attrs))


def _index_tensor(indices, op_name):
    i = t(indices)
    if i._value.dtype.kind not in "iu":
        raise TypeError(f"Value passed to parameter 'indices' has DataType {i.dtype.name} not in list "
                        f"of allowed values: int16, int32, int64")
    if i._value.ndim == 0:
        raise op_error(InvalidArgumentError, op_name, "indices must be at least a vector")
    return i


def gather_nd(params, indices, batch_dims=0, name=None, bad_indices_policy=""):
    """Slices of `params` at the coordinate vectors in the last dimension of `indices`.

    >>> tf.gather_nd([[1.0, 2.0], [3.0, 4.0]], [[1, 0]])
    """
    p = t(params)
    i = _index_tensor(indices, "GatherNd")
    iv = i._value
    b = int(batch_dims)
    if b:  # prepend the batch coordinates: a batch_dims=0 gather with longer index vectors
        bshape = iv.shape[:b]
        grids = np.meshgrid(*[np.arange(d) for d in bshape], indexing="ij")
        inner = iv.shape[b:-1]
        coords = [np.broadcast_to(g_.reshape(bshape + (1,) * len(inner)), bshape + inner)[..., None]
                  for g_ in grids]
        iv = np.concatenate(coords + [iv.astype(np.int64)], axis=-1)
        i = wrap(iv)
    if iv.shape[-1] > p._value.ndim:
        raise op_error(InvalidArgumentError, "GatherNd",
                       f"index innermost dimension length must be <= params rank; saw: "
                       f"{iv.shape[-1]} vs. {p._value.ndim}")
    return apply2(GATHER_ND, p, i)


def scatter_nd(indices, updates, shape, name=None, bad_indices_policy=""):
    """A zero tensor of `shape` with `updates` added at `indices` (duplicates add up).

    >>> tf.scatter_nd([[0], [2]], [1.0, 2.0], [4])
    """
    i = _index_tensor(indices, "ScatterNd")
    u = t(updates)
    shape = tuple(int_list(shape))
    _check_updates_shape(i._value, u._value, shape, "ScatterNd")
    return apply2(SCATTER_ND, i, u, {"shape": shape})


def _check_updates_shape(iv, uv, shape, op_name):
    want = iv.shape[:-1] + tuple(shape[iv.shape[-1]:])
    if iv.shape[-1] > len(shape) or uv.shape != want:
        raise op_error(InvalidArgumentError, op_name,
                       f"Dimensions [0,{iv.ndim - 1}) of indices[shape={_dims(iv.shape)}] = "
                       f"{_dims(iv.shape[:-1])} must match dimensions [0,{uv.ndim - len(shape) + iv.shape[-1]}) "
                       f"of updates[shape={_dims(uv.shape)}]")


def _tensor_scatter_np(kind):
    def forward(tensor, indices, updates):
        _check_nd_bounds(indices, tensor.shape, "TensorScatter" + kind)
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


def _scatter_update_grad(op, g):
    indices, updates = op.inputs[1], op.inputs[2]
    return (tensor_scatter_nd_update(g, indices, A.zeros_like(updates)), None,
            apply2(GATHER_ND, g, indices))


def _scatter_min_max_grad(op, g):
    """Shared equally between the tensor's element and the updates equal to the result (as TF)."""
    x, indices, y = op.inputs
    z = op.outputs[0]
    x_ind = M.cast(M.equal(x, z), g._value.dtype)
    y_ind = M.cast(M.equal(y, apply2(GATHER_ND, z, indices)), g._value.dtype)
    count = x_ind + apply2(SCATTER_ND, indices, y_ind, {"shape": x._value.shape})
    return g * x_ind / count, None, apply2(GATHER_ND, g / count, indices) * y_ind


def _zeros_if_none(d, like):
    return A.zeros_like(like) if d is None else d


_TSCATTER = {}
for _kind, _grad in (("Update", _scatter_update_grad),
                     ("Add", lambda op, g: (g, None, apply2(GATHER_ND, g, op.inputs[1]))),
                     ("Sub", lambda op, g: (g, None, -apply2(GATHER_ND, g, op.inputs[1]))),
                     ("Max", _scatter_min_max_grad), ("Min", _scatter_min_max_grad)):
    if _kind in ("Update", "Add", "Sub"):
        def _jvp(op, dt, di, du, _k=_kind):
            if dt is None and du is None:
                return None
            return apply(_TSCATTER[_k], (_zeros_if_none(dt, op.inputs[0]), op.inputs[1],
                                         _zeros_if_none(du, op.inputs[2])))
    else:
        _jvp = jvp_from_grad
    _TSCATTER[_kind] = defop("TensorScatter" + _kind, _tensor_scatter_np(_kind), _grad, _jvp)


def _tensor_scatter(kind, tensor, indices, updates):
    x = t(tensor)
    i = _index_tensor(indices, "TensorScatter" + kind)
    u = updates if isinstance(updates, Tensor) else convert_to_tensor(updates, dtype=x.dtype)
    x, u = pair(x, u, "TensorScatter" + kind)
    _check_updates_shape(i._value, u._value, x._value.shape, "TensorScatter" + kind)
    return apply(_TSCATTER[kind], (x, i, u))


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """A copy of `tensor` with `updates` written at `indices`.

    >>> tf.tensor_scatter_nd_update([1.0, 2.0, 3.0], [[1]], [9.0])
    """
    return _tensor_scatter("Update", tensor, indices, updates)


def tensor_scatter_nd_add(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with `updates` added at `indices`.

    >>> tf.tensor_scatter_nd_add([1.0, 2.0, 3.0], [[1]], [9.0])
    """
    return _tensor_scatter("Add", tensor, indices, updates)


def tensor_scatter_nd_sub(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with `updates` subtracted at `indices`.

    >>> tf.tensor_scatter_nd_sub([1.0, 2.0, 3.0], [[1]], [9.0])
    """
    return _tensor_scatter("Sub", tensor, indices, updates)


def tensor_scatter_nd_max(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with the elementwise max of it and `updates` at `indices`.

    >>> tf.tensor_scatter_nd_max([1.0, 2.0, 3.0], [[1]], [9.0])
    """
    return _tensor_scatter("Max", tensor, indices, updates)


def tensor_scatter_nd_min(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with the elementwise min of it and `updates` at `indices`.

    >>> tf.tensor_scatter_nd_min([1.0, 2.0, 3.0], [[1]], [0.0])
    """
    return _tensor_scatter("Min", tensor, indices, updates)


# -- masks ----------------------------------------------------------------------------------------
def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """The entries (or slices) of `tensor` where the bool `mask` is True, flattened over the mask's
    dimensions (which start at `axis`, default 0).

    >>> tf.boolean_mask([1, 2, 3], [True, False, True])
    """
    x, m = t(tensor), t(mask)
    mv = np.asarray(m._value)
    if mv.ndim == 0:
        raise ValueError("mask cannot be scalar.")
    axis = 0 if axis is None else int(axis)
    axis %= builtins.max(x._value.ndim, 1)
    shape = x._value.shape
    if shape[axis:axis + mv.ndim] != mv.shape:
        raise ValueError(f"Shapes {TensorShapeText(shape[axis:axis + mv.ndim])} and "
                         f"{TensorShapeText(mv.shape)} are incompatible")
    merged = shape[:axis] + (int(np.prod(mv.shape)),) + shape[axis + mv.ndim:]
    flat = A.reshape(x, merged)
    idx = wrap(np.flatnonzero(mv.reshape(-1)).astype(np.int64))
    return A.gather(flat, idx, axis=axis)


def TensorShapeText(shape):  # noqa: N802 - mirrors TF's message text "(2, 3)"
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def sequence_mask(lengths, maxlen=None, dtype=D.bool_, name=None):
    """mask[..., j] = j < lengths[...], of width `maxlen` (default: the largest length).

    >>> tf.sequence_mask([1, 3], 4)
    """
    lv = np.asarray(t(lengths)._value)
    n = int(lv.max()) if maxlen is None and lv.size else int(getattr(maxlen, "_value", maxlen or 0))
    out = np.arange(n) < lv[..., None]
    return wrap(out.astype(D.as_dtype(dtype)._np))


# -- sorting ---------------------------------------------------------------------------------------
def _check_direction(direction):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError(f"Argument `direction` should be one of ASCENDING, DESCENDING. Received: "
                         f"direction={direction}")


def _order(x, axis, direction):
    from .special_math_ops import _descending_order
    v = x._value
    if v.dtype == np.bool_:
        from ..framework.errors import dtype_not_allowed
        raise dtype_not_allowed(M.NEG, x.dtype)
    if direction == "DESCENDING":
        return _descending_order(v, axis)
    return np.argsort(v, axis=axis, kind="stable")


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """Sorted along `axis`; the gradient goes back to each value's original position.

    >>> tf.sort([3.0, 1.0, 2.0])
    """
    _check_direction(direction)
    x = t(values)
    axis = int(axis) % builtins.max(x._value.ndim, 1)
    return take_along_axis(x, wrap(_order(x, axis, direction)), axis)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The int32 indices that sort `values` along `axis` (ties keep their order).

    >>> tf.argsort([3.0, 1.0, 2.0])
    """
    _check_direction(direction)
    x = t(values)
    axis = int(axis) % builtins.max(x._value.ndim, 1)
    return wrap(_order(x, axis, direction).astype(np.int32))


Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def _unique(x, out_idx):
    v = np.asarray(t(x)._value)
    if v.ndim != 1:
        raise op_error(InvalidArgumentError, "Unique", "unique expects a 1D vector.")
    _, first, inverse, counts = np.unique(v, return_index=True, return_inverse=True, return_counts=True)
    order = np.argsort(first, kind="stable")  # TF lists values in order of first appearance
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    dt = D.as_dtype(out_idx)._np
    return v[first[order]], rank[inverse.reshape(-1)].astype(dt), counts[order].astype(dt)


def unique(x, out_idx=D.int32, name=None):
    """The distinct values of a 1-D tensor in order of appearance, and each element's index in them.

    >>> tf.unique([1, 1, 2])
    """
    y, idx, _ = _unique(x, out_idx)
    return Unique(wrap(y), wrap(idx))


def unique_with_counts(x, out_idx=D.int32, name=None):
    """Like `unique`, plus how often each distinct value occurs.

    >>> tf.unique_with_counts([1, 1, 2])
    """
    y, idx, c = _unique(x, out_idx)
    return UniqueWithCounts(wrap(y), wrap(idx), wrap(c))


def searchsorted(sorted_sequence, values, side="left", out_type=D.int32, name=None):
    """Insertion points of `values` into the innermost rows of `sorted_sequence`.

    >>> tf.searchsorted([1.0, 3.0, 5.0], [3.0, 4.0])
    """
    s, v = t(sorted_sequence), t(values)
    sv, vv = np.asarray(s._value), np.asarray(v._value)
    if side not in ("left", "right"):
        raise ValueError(f"Argument `side` must be either 'right' or 'left'. Received: `side` = {side}.")
    if sv.shape[:-1] != vv.shape[:-1]:
        raise op_error(InvalidArgumentError, "LowerBound" if side == "left" else "UpperBound",
                       "Leading dim_size of both tensors must match.")
    if sv.ndim == 1:
        out = np.searchsorted(sv, vv, side=side)
    elif side == "left":  # vectorized over rows: count the entries below each value
        out = np.sum(sv[..., None, :] < vv[..., :, None], axis=-1)
    else:
        out = np.sum(sv[..., None, :] <= vv[..., :, None], axis=-1)
    return wrap(np.asarray(out).astype(D.as_dtype(out_type)._np))


# -- tiling-like ops -------------------------------------------------------------------------------
def meshgrid(*args, **kwargs):
    """Coordinate grids from 1-D tensors; indexing "xy" (default) swaps the first two axes.

    >>> X, Y = tf.meshgrid([1, 2, 3], [4, 5])
    """
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"'{list(kwargs)[0]}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'")
    xs = [A.reshape(t(a), [-1]) for a in args]
    n = len(xs)
    sizes = [x._value.shape[0] for x in xs]
    outs = []
    for i, x in enumerate(xs):
        shape = [1] * n
        shape[i] = -1
        outs.append(A.reshape(x, shape))
    if indexing == "xy" and n > 1:
        outs[0] = A.reshape(outs[0], [1, -1] + [1] * (n - 2))
        outs[1] = A.reshape(outs[1], [-1, 1] + [1] * (n - 2))
        sizes[0], sizes[1] = sizes[1], sizes[0]
    return [A.broadcast_to(o, sizes) for o in outs]


def repeat(input, repeats, axis=None, name=None):  # noqa: A002
    """Repeats each element (or slice along `axis`) `repeats` times; flattens when axis is None.

    >>> tf.repeat([1, 2], 2)
    """
    x = t(input)
    if axis is None:
        x = A.reshape(x, [-1])
        axis = 0
    axis = int(axis) % builtins.max(x._value.ndim, 1)
    n = x._value.shape[axis]
    reps = np.asarray(getattr(repeats, "_value", repeats)).astype(np.int64)
    if reps.ndim > 1 or (reps.ndim == 1 and reps.size not in (1, n)):
        raise op_error(InvalidArgumentError, "Reshape", f"repeats must have length 1 or {n}")
    src = np.repeat(np.arange(n), np.broadcast_to(reps.reshape(-1), (n,)) if reps.ndim else reps)
    shape = [1] * x._value.ndim
    shape[axis] = src.size
    return take_along_axis(x, wrap(src.reshape(shape)), axis)


def _roll_grad(op, g):
    return roll(g, [-s for s in op.get_attr("shift")], list(op.get_attr("axis")))


ROLL = defop("Roll", lambda v, shift, axis: np.roll(v, shift, axis), _roll_grad,
             lambda op, dx: roll(dx, list(op.get_attr("shift")), list(op.get_attr("axis"))))


def roll(input, shift, axis, name=None):  # noqa: A002
    """Shifts elements cyclically by `shift` along `axis` (both may be lists).

    >>> tf.roll([1, 2, 3, 4], 1, 0)
    """
    x = t(input)
    shifts, axes = int_list(shift), int_list(axis)
    if len(shifts) != len(axes):
        raise op_error(InvalidArgumentError, "Roll",
                       "shift and axis must have the same size")
    nd = x._value.ndim
    for a in axes:
        if not -nd <= a < nd:
            raise op_error(InvalidArgumentError, "Roll", f"axis {a} is out of range")
    return apply1(ROLL, x, {"shift": tuple(shifts), "axis": tuple(a % nd for a in axes)})


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None):  # noqa: A002
    """Reverses the first seq_lengths[b] entries along `seq_axis` of each batch element b.

    >>> tf.reverse_sequence([[1, 2, 3]], [2], seq_axis=1, batch_axis=0)
    """
    x = t(input)
    nd = x._value.ndim
    seq_axis = int(seq_axis) % nd
    batch_axis = 0 if batch_axis is None else int(batch_axis) % nd
    lens = np.asarray(t(seq_lengths)._value).astype(np.int64)
    n = x._value.shape[seq_axis]
    pos = np.arange(n)
    src = np.where(pos[None, :] < lens[:, None], lens[:, None] - 1 - pos[None, :], pos[None, :])
    shape = [1] * nd
    shape[batch_axis] = lens.size
    shape[seq_axis] = n
    src = src if batch_axis < seq_axis else src.T
    return take_along_axis(x, wrap(src.reshape(shape)), seq_axis)


# -- norm clipping ---------------------------------------------------------------------------------
def clip_by_norm(t_, clip_norm, axes=None, name=None):
    """t * clip_norm / max(||t||_2, clip_norm), the L2 norm taken over `axes` (all by default).

    >>> tf.clip_by_norm([3.0, 4.0], 1.0)
    """
    x = t(t_)
    clip = convert_to_tensor(clip_norm, dtype=x.dtype) if not isinstance(clip_norm, Tensor) else clip_norm
    l2sum = M.reduce_sum(x * x, axes, keepdims=True)
    pred = M.greater(l2sum, A.zeros_like(l2sum))
    l2sum_safe = A.where(pred, l2sum, A.ones_like(l2sum))
    l2norm = A.where(pred, M.sqrt(l2sum_safe), l2sum)
    return A.identity(x * clip / M.maximum(l2norm, clip))


def global_norm(t_list, name=None):
    """sqrt(sum of the squared entries of every tensor in `t_list`); None entries are skipped.

    >>> tf.linalg.global_norm([tf.constant([3.0]), tf.constant([4.0])])
    """
    if isinstance(t_list, Tensor) or not isinstance(t_list, (list, tuple)):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    xs = [t(v) for v in t_list if v is not None]
    if not xs:
        return wrap(np.float32(0.0))
    halves = [M.reduce_sum(x * x) * PM._half(x) for x in xs]  # TF sums l2_loss = sum(x**2) / 2
    total = A.stack(halves)
    return M.sqrt(M.reduce_sum(total) * wrap(np.asarray(2, total._value.dtype)[()]))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """Scales every tensor by clip_norm / max(global_norm, clip_norm); returns (clipped, global_norm).

    >>> tf.clip_by_global_norm([tf.constant([3.0, 4.0])], 1.0)
    """
    if isinstance(t_list, Tensor) or not isinstance(t_list, (list, tuple)):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    norm = global_norm(t_list) if use_norm is None else t(use_norm)
    dt = norm.dtype
    clip = convert_to_tensor(clip_norm, dtype=dt) if not isinstance(clip_norm, Tensor) else clip_norm
    one = wrap(np.asarray(1, dt._np)[()])
    scale = clip * M.minimum(one / norm, one / clip)
    scale = scale + (norm - norm)  # nan when the norm is inf or nan, as TF
    out = [None if v is None else A.identity(t(v) * M.cast(scale, t(v).dtype)) for v in t_list]
    return out, norm
