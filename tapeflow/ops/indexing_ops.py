"""Indexing, scattering and sorting, public API: gather_nd, scatter_nd, tensor_scatter_nd_*,
boolean_mask, sort/argsort (built on top-k, as TF builds them), unique, searchsorted, meshgrid,
repeat, roll, sequence_mask, norm clipping. Each function checks its arguments with TF's errors
and calls the primitive layer (`tapeflow.prims.indexing`), or composes public ops as TF does.

    >>> tf.gather_nd([[1, 2], [3, 4]], [[0, 1], [1, 0]])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
"""
import builtins
import collections
import math

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import (
    InvalidArgumentError,
    NotFoundError,
    UnimplementedError,
    op_error,
)
from ..framework.op import apply1, is_concrete
from ..framework.tensor import Tensor, TensorLike, constant, convert_to_tensor, wrap
from ..prims import base as P
from ..prims import indexing as PI
from ..prims.math import NEG
from . import array_ops as A
from . import math_ops as M
from ._common import int_list, pair, t


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _not_found(op_name, attrs):
    return op_error(NotFoundError, op_name,
                    f"Could not find device for node: {{{{node {op_name}}}}} = {op_name}[{attrs}]")


def take_along_axis(x, indices, axis):
    """x's entries at `indices` along `axis` (NumPy's take_along_axis; indices broadcast).

    >>> take_along_axis(tf.constant([[3.0, 1.0]]), tf.constant([[1, 0]]), axis=1)
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[1., 3.]], dtype=float32)>
    """
    x, i = t(x), t(indices)
    nd = x._value.ndim
    return PI.take_along(x, i, int(axis) % nd)


# -- gather_nd / scatter_nd -----------------------------------------------------------------------
_I16, _I32, _I64, _U16 = (np.dtype(d) for d in (np.int16, np.int32, np.int64, np.uint16))
# index dtypes: (those TF's op accepts and runs, those it registers without a CPU kernel)
_INDEX_TYPES = {"GatherNd": ((_I16, _I32, _I64), ()),
                "ScatterNd": ((_I32, _I64), (_I16,)),
                "TensorScatterUpdate": ((_I32, _I64), (_I16, _U16))}
_SCATTER_INDEX_TYPES = ((_I32, _I64), ())


def _index_tensor(indices, op_name, value_dtype):
    """`indices` as a tensor of an index dtype `op_name` takes, with TF's errors."""
    i = t(indices)
    kernels, registered = _INDEX_TYPES.get(op_name, _SCATTER_INDEX_TYPES)
    dt = i._value.dtype
    if dt not in kernels:
        if dt in registered:
            raise _not_found(op_name, f"T=DT_{D.from_numpy(value_dtype).name.upper()}, "
                                      f"Tindices=DT_{i.dtype.name.upper()}, "
                                      f'bad_indices_policy=""')
        names = ", ".join(D.from_numpy(d)._cname for d in kernels + registered)
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr 'Tindices' of {i.dtype._cname} is not in the list of "
                       f"allowed values: {names}")
    if i._value.ndim == 0:
        raise op_error(InvalidArgumentError, op_name,
                       "indices must be at least a vector" if op_name == "GatherNd" else
                       "Indices shape must have rank at least one. Found:[]")
    return i


def gather_nd(params, indices, batch_dims=0, name=None, bad_indices_policy=""):
    """Slices of `params` at the coordinate vectors in the last dimension of `indices`.

    >>> tf.gather_nd([[1.0, 2.0], [3.0, 4.0]], [[1, 0]])
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([3.], dtype=float32)>
    """
    p = t(params)
    i = _index_tensor(indices, "GatherNd", p._value.dtype)
    if p._value.ndim == 0:
        raise op_error(InvalidArgumentError, "GatherNd", "params must be at least a vector")
    b = int(batch_dims)
    if b:  # prepend the batch coordinates: a batch_dims=0 gather with longer index vectors
        ishape = i._value.shape
        lead, inner = ishape[:b], ishape[b:-1]
        grids = np.meshgrid(*[np.arange(d) for d in lead], indexing="ij")
        coords = np.stack([np.broadcast_to(g.reshape(lead + (1,) * len(inner)), lead + inner)
                           for g in grids], axis=-1).astype(np.int64)
        i = A.concat([wrap(coords), M.cast(i, D.int64)], axis=len(ishape) - 1)
    k = i._value.shape[-1]
    if k > p._value.ndim:
        raise op_error(InvalidArgumentError, "GatherNd",
                       f"index innermost dimension length must be <= params rank; saw: "
                       f"{k} vs. {p._value.ndim}")
    return PI.gather_nd(p, i)


def _check_updates_shape(iv, uv, shape, op_name):
    want = iv.shape[:-1] + tuple(shape[iv.shape[-1]:])
    if iv.shape[-1] > len(shape) or uv.shape != want:
        raise op_error(InvalidArgumentError, op_name,
                       f"Dimensions [0,{iv.ndim - 1}) of indices[shape={_dims(iv.shape)}] = "
                       f"{_dims(iv.shape[:-1])} must match dimensions [0,"
                       f"{uv.ndim - len(shape) + iv.shape[-1]}) of updates[shape={_dims(uv.shape)}]")


def scatter_nd(indices, updates, shape, name=None, bad_indices_policy=""):
    """A zero tensor of `shape` with `updates` added at `indices` (duplicates add up).

    >>> tf.scatter_nd([[0], [2]], [1.0, 2.0], [4])
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([1., 0., 2., 0.], dtype=float32)>
    """
    u = t(updates)
    i = _index_tensor(indices, "ScatterNd", u._value.dtype)
    shape = tuple(int_list(shape))
    _check_updates_shape(i._value, u._value, shape, "ScatterNd")
    return PI.scatter_nd(i, u, shape)


_TENSOR_SCATTER = {"Update": (PI.TENSOR_SCATTER_UPDATE, PI.tensor_scatter_update),
                   "Add": (PI.TENSOR_SCATTER_ADD, PI.tensor_scatter_add),
                   "Sub": (PI.TENSOR_SCATTER_SUB, PI.tensor_scatter_sub),
                   "Max": (PI.TENSOR_SCATTER_MAX, PI.tensor_scatter_max),
                   "Min": (PI.TENSOR_SCATTER_MIN, PI.tensor_scatter_min)}


def _tensor_scatter(kind, tensor, indices, updates):
    op, bind = _TENSOR_SCATTER[kind]
    x = t(tensor)
    i = _index_tensor(indices, op.name, x._value.dtype)
    u = updates if isinstance(updates, Tensor) else convert_to_tensor(updates, dtype=x.dtype)
    x, u = pair(x, u, op.name)
    op.check(x)
    _check_updates_shape(i._value, u._value, x._value.shape, op.name)
    return bind(x, i, u)


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """A copy of `tensor` with `updates` written at `indices`.

    >>> tf.tensor_scatter_nd_update([1.0, 2.0, 3.0], [[1]], [9.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 9., 3.], dtype=float32)>
    """
    return _tensor_scatter("Update", tensor, indices, updates)


def tensor_scatter_nd_add(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with `updates` added at `indices`.

    >>> tf.tensor_scatter_nd_add([1.0, 2.0, 3.0], [[1]], [9.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([ 1., 11.,  3.], dtype=float32)>
    """
    return _tensor_scatter("Add", tensor, indices, updates)


def tensor_scatter_nd_sub(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with `updates` subtracted at `indices`.

    >>> tf.tensor_scatter_nd_sub([1.0, 2.0, 3.0], [[1]], [9.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([ 1., -7.,  3.], dtype=float32)>
    """
    return _tensor_scatter("Sub", tensor, indices, updates)


def tensor_scatter_nd_max(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with the elementwise max of it and `updates` at `indices`.

    >>> tf.tensor_scatter_nd_max([1.0, 2.0, 3.0], [[1]], [9.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 9., 3.], dtype=float32)>
    """
    return _tensor_scatter("Max", tensor, indices, updates)


def tensor_scatter_nd_min(tensor, indices, updates, name=None, bad_indices_policy=""):
    """A copy of `tensor` with the elementwise min of it and `updates` at `indices`.

    >>> tf.tensor_scatter_nd_min([1.0, 2.0, 3.0], [[1]], [0.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 0., 3.], dtype=float32)>
    """
    return _tensor_scatter("Min", tensor, indices, updates)


# -- masks ----------------------------------------------------------------------------------------
def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """The entries (or slices) of `tensor` where the bool `mask` is True, flattened over the mask's
    dimensions (which start at `axis`, default 0).

    >>> tf.boolean_mask([1, 2, 3], [True, False, True])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 3], dtype=int32)>
    """
    x, m = t(tensor), t(mask)
    mv = np.asarray(m._value)
    if mv.ndim == 0:
        raise ValueError("mask cannot be scalar.")
    axis = 0 if axis is None else int(axis)
    axis %= builtins.max(x._value.ndim, 1)
    shape = x._value.shape
    if shape[axis:axis + mv.ndim] != mv.shape:
        raise ValueError(f"Shapes {_shape_text(shape[axis:axis + mv.ndim])} and "
                         f"{_shape_text(mv.shape)} are incompatible")
    merged = shape[:axis] + (int(np.prod(mv.shape)),) + shape[axis + mv.ndim:]
    flat = apply1(P.RESHAPE, x, {"shape": merged})  # always a Reshape op (as TF): its gradient
    # densifies the gather's sparse one
    idx = wrap(np.flatnonzero(mv.reshape(-1)).astype(np.int64))
    return A.gather(flat, idx, axis=axis)


def _shape_text(shape):
    """TF's TensorShape text: "(2, 3)", "(2,)"."""
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


_RANGE_KERNELS = (np.dtype(np.int32), np.dtype(np.int64), np.dtype(np.float16),
                  np.dtype(np.float32), np.dtype(np.float64))
_RANGE_REGISTERED = (np.dtype(np.int8), np.dtype(np.int16), np.dtype(np.uint16),
                     np.dtype(np.uint32), np.dtype(np.uint64))


def sequence_mask(lengths, maxlen=None, dtype=D.bool_, name=None):
    """mask[..., j] = j < lengths[...], of width `maxlen` (default: the largest length), built as
    TF builds it: range(maxlen) < lengths[..., None].

    >>> tf.sequence_mask([1, 3], 4)
    <tf.Tensor: shape=(2, 4), dtype=bool, numpy=
    array([[ True, False, False, False],
           [ True,  True,  True, False]])>
    """
    lv = t(lengths)
    if maxlen is None:
        maxlen = M.reduce_max(lv)
        maxlen = M.maximum(A.zeros([], maxlen.dtype), maxlen)
    else:
        maxlen = t(maxlen)
    if maxlen._value.ndim != 0:
        raise ValueError(f"Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = "
                         f"{maxlen} with shape '{maxlen.shape}' instead")
    mdt = maxlen._value.dtype
    if mdt not in _RANGE_KERNELS:
        if mdt in _RANGE_REGISTERED:
            raise _not_found("Range", f"Tidx=DT_{maxlen.dtype.name.upper()}")
        raise op_error(InvalidArgumentError, "Range",
                       f"Value for attr 'Tidx' of {maxlen.dtype.name} is not in the list of "
                       f"allowed values: bfloat16, half, float, double, int8, int16, int32, int64, "
                       f"uint16, uint32, uint64")
    row = wrap(np.arange(0, maxlen._value, 1, dtype=mdt))
    result = M.less(row, M.cast(A.expand_dims(lv, -1), maxlen.dtype))
    dtype = D.as_dtype(dtype)
    return result if dtype == D.bool_ else M.cast(result, dtype)


# -- sorting: top-k of the values (or of their order-reversing transform), as TF sorts ---------
def _check_direction(direction):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError(f"Argument `direction` should be one of ASCENDING, DESCENDING. Received: "
                         f"direction={direction}")


def _static_axis(axis):
    a = np.asarray(axis._value if isinstance(axis, TensorLike) else axis)
    if a.ndim != 0 or a.dtype.kind not in "iu":
        raise ValueError(f"Argument `axis` must be a constant scalar. Received: axis={axis}.")
    return int(a)


def _descending(x, axis, return_argsort):
    nd = x._value.ndim
    if not -nd <= axis < nd:  # TF reads k = shape(values)[axis] first
        raise op_error(InvalidArgumentError, "StridedSlice",
                       f"slice index {axis} of dimension 0 out of bounds.")
    axis %= nd
    perm = None
    if axis != nd - 1:  # top-k works on the last axis: swap `axis` there and back
        perm = list(range(nd))
        perm[axis], perm[-1] = perm[-1], perm[axis]
        x = A.transpose(x, perm)
    PI.TOP_K.check(x)
    values, indices = PI.top_k(x, x._value.shape[-1])
    out = indices if return_argsort else values
    return A.transpose(out, perm) if perm is not None else out


def _argsort_concrete(x, axis, direction):
    """tf.argsort of a tensor with a value, computed directly: the same order TF's top_k of the
    (order-reversing transform of the) values gives, without recording ops (int32 indices carry
    no gradient). The dtype checks are the ops' own."""
    v = x._value
    nd = v.ndim
    if not -nd <= axis < nd:
        raise op_error(InvalidArgumentError, "StridedSlice",
                       f"slice index {axis} of dimension 0 out of bounds.")
    if v.dtype.kind in "iuf" and (v.dtype.kind != "f" or math.isfinite(np.add.reduce(v, axis=None))):
        # no NaN: TF's order is the stable one (ties by lower index), either way
        if direction == "ASCENDING":
            return wrap(np.argsort(v, axis=axis, kind="stable").astype(np.int32))
        order = PI.top_k_order(np.moveaxis(v, axis, -1), v.shape[axis])
        return wrap(np.ascontiguousarray(np.moveaxis(order, -1, axis)))
    if direction == "ASCENDING":
        if v.dtype.kind == "u":
            v = np.iinfo(v.dtype).max - v
        elif v.dtype.kind == "i":
            v = np.invert(v)  # -v - 1
        else:
            NEG.check(x)
            v = -v
    PI.TOP_K.check(wrap(v))
    moved = np.moveaxis(v, axis, -1)
    order = PI.top_k_order(moved, moved.shape[-1])
    return wrap(np.ascontiguousarray(np.moveaxis(order, -1, axis)))


def _sort_or_argsort(values, axis, direction, return_argsort):
    _check_direction(direction)
    axis = _static_axis(axis)
    x = t(values)
    if return_argsort and is_concrete(x):
        return _argsort_concrete(x, axis, direction)
    if direction == "DESCENDING":
        return _descending(x, axis, return_argsort)
    dt = x.dtype
    if dt.is_unsigned:  # dtype.max - x reverses the order
        offset = constant(np.iinfo(dt._np).max, dt)
        r = _descending(offset - x, axis, return_argsort)
        return r if return_argsort else offset - r
    if dt.is_integer:  # -x - 1 (bitwise not) reverses the order without overflow
        r = _descending(-x - 1, axis, return_argsort)
        return r if return_argsort else -r - 1
    r = _descending(-x, axis, return_argsort)  # (bool: Neg's error, as TF)
    return r if return_argsort else -r


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """Sorted along `axis`; the gradient goes back to each value's original position.

    >>> tf.sort([3.0, 1.0, 2.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 2., 3.], dtype=float32)>
    """
    return _sort_or_argsort(values, axis, direction, False)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The int32 indices that sort `values` along `axis` (ties keep their order).

    >>> tf.argsort([3.0, 1.0, 2.0])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 0], dtype=int32)>
    """
    return _sort_or_argsort(values, axis, direction, True)


Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def _unique(x, out_idx, op_name):
    x = t(x)
    v = np.asarray(x._value)
    out_idx = D.as_dtype(out_idx)
    if v.dtype.kind == "c":
        raise _not_found(op_name, f"T=DT_{x.dtype.name.upper()}, out_idx=DT_{out_idx.name.upper()}")
    if v.ndim != 1:
        raise op_error(InvalidArgumentError, op_name, "unique expects a 1D vector.")
    # TF hashes the values: NaNs are all distinct, -0.0 equals 0.0
    _, first, inverse, counts = np.unique(v, return_index=True, return_inverse=True,
                                          return_counts=True, equal_nan=False)
    order = np.argsort(first, kind="stable")  # TF lists values in order of first appearance
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    dt = out_idx._np
    return v[first[order]], rank[inverse.reshape(-1)].astype(dt), counts[order].astype(dt)


def unique(x, out_idx=D.int32, name=None):
    """The distinct values of a 1-D tensor in order of appearance, and each element's index in them.

    >>> tf.unique([1, 1, 2])
    Unique(y=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>, idx=<tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 0, 1], dtype=int32)>)
    """
    y, idx, _ = _unique(x, out_idx, "Unique")
    return Unique(wrap(y), wrap(idx))


def unique_with_counts(x, out_idx=D.int32, name=None):
    """Like `unique`, plus how often each distinct value occurs.

    >>> tf.unique_with_counts([1, 1, 2])
    UniqueWithCounts(y=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>, idx=<tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 0, 1], dtype=int32)>, count=<tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 1], dtype=int32)>)
    """
    y, idx, c = _unique(x, out_idx, "UniqueWithCounts")
    return UniqueWithCounts(wrap(y), wrap(idx), wrap(c))


def searchsorted(sorted_sequence, values, side="left", out_type=D.int32, name=None):
    """Insertion points of `values` into the innermost rows of `sorted_sequence`.

    >>> tf.searchsorted([1.0, 3.0, 5.0], [3.0, 4.0])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    s, v = t(sorted_sequence), t(values)
    sv, vv = np.asarray(s._value), np.asarray(v._value)
    if side not in ("left", "right"):
        raise ValueError(f"Argument `side` must be either 'right' or 'left'. Received: `side` = {side}.")
    op_name = "LowerBound" if side == "left" else "UpperBound"
    if sv.dtype.kind in "cb":
        raise _not_found(op_name, f"T=DT_{s.dtype.name.upper()}, out_type="
                                  f"DT_{D.as_dtype(out_type).name.upper()}")
    if sv.shape[:-1] != vv.shape[:-1]:
        raise op_error(InvalidArgumentError, op_name, "Leading dim_size of both tensors must match.")
    n = sv.shape[-1]
    if sv.ndim == 1 and n > 64:
        out = np.searchsorted(sv, vv, side=side)
        if vv.dtype.kind == "f":  # std::lower_bound (upper_bound) never (always) moves past NaN
            out = np.where(np.isnan(vv), 0 if side == "left" else n, out)
    elif side == "left":  # the number of entries below each value (a sorted row's lower bound)
        out = np.sum(sv[..., None, :] < vv[..., :, None], axis=-1)
    else:  # ... and of entries the value is not below
        out = n - np.sum(vv[..., :, None] < sv[..., None, :], axis=-1)
    return wrap(np.asarray(out).astype(D.as_dtype(out_type)._np))


# -- tiling-like ops -------------------------------------------------------------------------------
def meshgrid(*args, **kwargs):
    """Coordinate grids from 1-D tensors; indexing "xy" (default) swaps the first two axes.

    >>> X, Y = tf.meshgrid([1, 2, 3], [4, 5])
    """
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"'{next(iter(kwargs))}' is an invalid keyword argument for this function")
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


def repeat(input, repeats, axis=None, name=None):
    """Repeats each element (or slice along `axis`) `repeats` times; flattens when axis is None.

    >>> tf.repeat([1, 2], 2)
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([1, 1, 2, 2], dtype=int32)>
    """
    x = t(input)
    if axis is None:
        x = A.reshape(x, [-1])
        axis = 0
    if x.dtype == D.uint16:  # TF repeats with Tile, which has no uint16 kernel
        raise op_error(UnimplementedError, "Tile",
                       f"TileOp : The input data type is not supported, DataType : uint16, "
                       f"Dimension : {x._value.ndim + 1}")
    axis = int(axis) % builtins.max(x._value.ndim, 1)
    n = x._value.shape[axis]
    reps = np.asarray(getattr(repeats, "_value", repeats)).astype(np.int64)
    if reps.ndim > 1 or (reps.ndim == 1 and reps.size not in (1, n)):
        raise op_error(InvalidArgumentError, "Reshape", f"repeats must have length 1 or {n}")
    src = np.repeat(np.arange(n), np.broadcast_to(reps.reshape(-1), (n,)) if reps.ndim else reps)
    shape = [1] * x._value.ndim
    shape[axis] = src.size
    return take_along_axis(x, wrap(src.reshape(shape)), axis)


def roll(input, shift, axis, name=None):
    """Shifts elements cyclically by `shift` along `axis` (both may be lists).

    >>> tf.roll([1, 2, 3, 4], 1, 0)
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([4, 1, 2, 3], dtype=int32)>
    """
    x = t(input)
    shifts, axes = int_list(shift), int_list(axis)
    if len(shifts) != len(axes):
        raise op_error(InvalidArgumentError, "Roll", "shift and axis must have the same size")
    nd = x._value.ndim
    for a in axes:
        if not -nd <= a < nd:
            raise op_error(InvalidArgumentError, "Roll", f"axis {a} is out of range")
    return PI.roll(x, shifts, [a % nd for a in axes])


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None):
    """Reverses the first seq_lengths[b] entries along `seq_axis` of each batch element b.

    >>> tf.reverse_sequence([[1, 2, 3]], [2], seq_axis=1, batch_axis=0)
    <tf.Tensor: shape=(1, 3), dtype=int32, numpy=array([[2, 1, 3]], dtype=int32)>
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
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    """
    x = t(t_)
    l2sum = M.reduce_sum(x * x, axes, keepdims=True)
    pred = M.greater(l2sum, A.zeros_like(l2sum))
    l2sum_safe = A.where(pred, l2sum, A.ones_like(l2sum))  # the double-where trick, as TF
    l2norm = A.where(pred, M.sqrt(l2sum_safe), l2sum)
    intermediate = x * clip_norm
    return A.identity(intermediate / M.maximum(l2norm, clip_norm))


def global_norm(t_list, name=None):
    """sqrt(sum of the squared entries of every tensor in `t_list`); None entries are skipped.

    >>> tf.linalg.global_norm([tf.constant([3.0]), tf.constant([4.0])])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    if isinstance(t_list, Tensor) or not isinstance(t_list, (list, tuple)):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    xs = [t(v) for v in t_list if v is not None]
    if not xs:
        return wrap(np.float32(0.0))
    halves = []
    for x in xs:  # TF sums l2_loss(x) = sum(x ** 2) / 2 (L2Loss: floating types only)
        if not x.dtype.is_floating:
            raise op_error(InvalidArgumentError, "L2Loss",
                           f"Value for attr 'T' of {x.dtype.name} is not in the list of allowed "
                           f"values: half, bfloat16, float, double")
        halves.append(M.reduce_sum(x * x) * constant(0.5, x.dtype))
    total = M.reduce_sum(A.stack(halves))
    return M.sqrt(total * constant(2.0, total.dtype))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """Scales every tensor by clip_norm / max(global_norm, clip_norm); returns (clipped, global_norm).

    >>> tf.clip_by_global_norm([tf.constant([3.0, 4.0])], 1.0)
    ([<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>], <tf.Tensor: shape=(), dtype=float32, numpy=5.0>)
    """
    if isinstance(t_list, Tensor) or not isinstance(t_list, (list, tuple)):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    norm = global_norm(t_list) if use_norm is None else t(use_norm)
    dt = norm.dtype
    clip = convert_to_tensor(clip_norm, dtype=dt) if not isinstance(clip_norm, Tensor) else clip_norm
    one = constant(1, dt)
    scale = clip * M.minimum(one / norm, one / clip)
    scale = scale + (norm - norm)  # nan when the norm is inf or nan, as TF
    out = [None if v is None else A.identity(t(v) * M.cast(scale, t(v).dtype)) for v in t_list]
    return out, norm
