"""Shape and indexing ops, public API: reshape, transpose, concat, slicing, gather, where,
constructors, ... Each function converts and checks its arguments and calls the primitive layer
(`tapeflow.prims.base` and `tapeflow.prims.array`), where the ops' records live.

    >>> tf.reshape(tf.range(6), (2, 3)).shape
    TensorShape([2, 3])
"""
import builtins

import numpy as np

from ..framework import dtypes as D
from ..framework.composite_tensor import CompositeTensor, dispatch_api, find_composite
from ..framework.errors import InvalidArgumentError, dtype_mismatch, op_error
from ..framework.op import apply, apply1, apply2, is_concrete
from ..framework.tensor import AbstractArray, Tensor, TensorLike, convert_to_tensor, wrap
from ..framework.tensor_shape import TensorShape
from ..prims import array as PA
from ..prims import base as P
from ..prims import math as PM
from ..prims._common import broadcast_shapes
from ..prims._common import dims_text as _dims
from ..prims.array import ONE_HOT, PAD, REVERSE, SLICE, TILE
from ..prims.base import (
    BROADCAST_TO,
    CONCAT,
    GATHER,
    IDENTITY,
    PACK,
    RESHAPE,
    SELECT,
    SPLIT,
    STOP_GRADIENT,
    TRANSPOSE,
    UNPACK,
)
from ._common import int_list, t


def _as_shape_tuple(shape):
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    return tuple(int_list(shape))


def _fill_dims(shape, op="Fill", fill=False):
    """A constructor's shape argument as a tuple; float or negative dimensions raise TF's errors
    (zeros and ones convert the shape to int32 first, fill takes it as it is)."""
    if isinstance(shape, (list, tuple)) and any(isinstance(d, (float, np.floating)) for d in shape):
        if fill:
            raise op_error(InvalidArgumentError, op, "Value for attr 'index_type' of float is not in "
                           "the list of allowed values: int32, int64")
        raise TypeError(f"Cannot convert {list(shape)!r} to EagerTensor of dtype int32")
    dims = _as_shape_tuple(shape)
    for d in dims:
        if d is None or d < 0:
            raise op_error(InvalidArgumentError, op, f"Dimension {d} must be >= 0")
    return dims


def reshape(tensor, shape, name=None):
    """The same elements in a new shape; one dimension may be -1.

    >>> tf.reshape(tf.range(6), [3, -1]).shape
    TensorShape([3, 2])
    """
    if find_composite((tensor, shape)):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("reshape", (tensor, shape))
    x = t(tensor)
    if _symbolic(shape):
        return PA.reshape_tensor(x, _shape_tensor(shape))
    shape = _as_shape_tuple(shape)
    if x._value.shape == shape:
        return apply1(IDENTITY, x)
    if sum(1 for d in shape if d == -1) > 1:
        raise op_error(InvalidArgumentError, "Reshape", "Only one input size may be -1, not both")
    if -1 in shape and 0 in shape:
        shape = _infer_beside_zero(x._value.shape, shape)
    return apply1(RESHAPE, x, {"shape": shape})


def _infer_beside_zero(in_shape, shape):
    """TF's -1 when the new shape has a zero dimension: the input's nonzero dimensions divided
    by the new shape's nonzero ones (reshape(zeros([2, 0]), [0, -1, 1]) has shape (0, 2, 1))."""
    if any(d is None for d in in_shape):
        return shape
    known = int(np.prod([d for d in shape if d not in (0, -1)], dtype=np.int64))
    have = int(np.prod([d for d in in_shape if d > 0], dtype=np.int64))
    return tuple(have // known if d == -1 else d for d in shape)


# -- identity, stop_gradient ------------------------------------------------------------------
def identity(input, name=None):
    """The same value as a new tensor (gradient passes through).

    >>> tf.identity(tf.constant(1.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("identity", (input,))
    return apply1(IDENTITY, t(input))


def stop_gradient(input, name=None):
    """The same value, but no gradient flows through it (it is not recorded on any tape).

    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape() as g:
    ...     g.watch(x)
    ...     y = tf.stop_gradient(x) * x
    >>> g.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    """
    return apply1(STOP_GRADIENT, t(input))



def transpose(a, perm=None, conjugate=False, name="transpose"):
    """Permutes the dimensions (reverses them when `perm` is None).

    >>> tf.transpose(tf.ones((2, 3))).shape
    TensorShape([3, 2])
    """
    x = t(a)
    nd = x._value.ndim
    perm = tuple(builtins.range(nd - 1, -1, -1)) if perm is None else tuple(int(p) for p in int_list(perm))
    if sorted(p % nd if nd else p for p in perm) != list(builtins.range(nd)) or len(perm) != nd:
        raise op_error(InvalidArgumentError, "Transpose",
                       f"transpose expects a vector of size {nd}. But input(1) is a vector of size "
                       f"{len(perm)}" if len(perm) != nd else f"{list(perm)} is not a valid permutation")
    out = apply1(TRANSPOSE, x, {"perm": tuple(p % nd for p in perm)})
    return PM.conj(out) if conjugate and out._value.dtype.kind == "c" else out


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """Transposes the last two dimensions."""
    x = t(a)
    nd = x._value.ndim
    if nd < 2:
        raise ValueError(f"Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = {x!r}")
    return transpose(x, list(builtins.range(nd - 2)) + [nd - 1, nd - 2], conjugate=conjugate)


# -- expand_dims, squeeze -----------------------------------------------------------------------
def expand_dims(input, axis, name=None):
    """Inserts a dimension of size 1 at `axis`.

    >>> tf.expand_dims(tf.ones(3), 0).shape
    TensorShape([1, 3])
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("expand_dims", (input, axis))
    x = t(input)
    nd = x._value.ndim
    axis = int(getattr(axis, "_value", axis))
    if not -nd - 1 <= axis <= nd:
        raise op_error(InvalidArgumentError, "ExpandDims",
                       f"Tried to expand dim index {axis} for tensor with {nd} dimensions.")
    axis = axis % (nd + 1)
    shape = x._value.shape[:axis] + (1,) + x._value.shape[axis:]
    return apply1(RESHAPE, x, {"shape": shape})


def squeeze(input, axis=None, name=None):
    """Removes dimensions of size 1 (only those in `axis` when given).

    >>> tf.squeeze(tf.ones((1, 3, 1))).shape
    TensorShape([3])
    """
    x = t(input)
    shape = x._value.shape
    nd = len(shape)
    if axis is None:
        keep = [d for d in shape if d != 1]
    else:
        axes = [int(a) for a in (int_list(axis) if not isinstance(axis, int) else [axis])]
        for a in axes:
            if not -nd <= a < nd:
                raise op_error(InvalidArgumentError, "Squeeze",
                               f"Tried to squeeze dim index {a} for tensor with {nd} dimensions.")
            if shape[a % nd] != 1:
                raise op_error(InvalidArgumentError, "Squeeze",
                               f"Can not squeeze dim[{a % nd}], expected a dimension of 1, got "
                               f"{shape[a % nd]}")
        axes = {a % nd for a in axes}
        keep = [d for i, d in enumerate(shape) if i not in axes]
    return apply1(RESHAPE, x, {"shape": tuple(keep)})


# -- concat, stack, unstack, split -------------------------------------------------------------
def _same_dtype(op_name, tensors):
    first = tensors[0]._value.dtype
    for i, x in enumerate(tensors[1:], 1):
        if x._value.dtype != first:
            raise dtype_mismatch(op_name, i, D.from_numpy(first), x.dtype)


def _tensors(values):
    if isinstance(values, Tensor):
        return list(unstack(values))
    out = []
    for v in values:
        out.append(t(v))
    # Python scalars among tensors take the first tensor's dtype
    for i, v in enumerate(values):
        if not isinstance(v, TensorLike):
            like = next((o for o in out if isinstance(values[out.index(o)], Tensor)), None)
            if like is not None:
                out[i] = convert_to_tensor(v, dtype=like.dtype)
    return out


def concat(values, axis, name="concat"):
    """Joins tensors along an existing `axis`.

    >>> tf.concat([tf.ones((1, 2)), tf.zeros((1, 2))], axis=0).shape
    TensorShape([2, 2])
    """
    if type(values) in (list, tuple) and find_composite(values):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("concat", (values, axis))
    xs = _tensors(values)
    if not xs:
        raise op_error(InvalidArgumentError, "ConcatV2",
                       "OpKernel 'ConcatV2' has constraint on attr 'T' not in NodeDef "
                       "'[N=0, Tidx=DT_INT32]'")
    if len(xs) == 1:
        return identity(xs[0])
    _same_dtype("ConcatV2", xs)
    nd = xs[0]._value.ndim
    axis = int(getattr(axis, "_value", axis))
    if not -nd <= axis < nd:
        raise op_error(InvalidArgumentError, "ConcatV2",
                       f"ConcatOp : Expected concatenating dimensions in the range [{-nd}, {nd}), but "
                       f"got {axis}")
    return apply(CONCAT, tuple(xs), {"axis": axis % nd})


def stack(values, axis=0, name="stack"):
    """Joins tensors of one shape along a new `axis`.

    >>> tf.stack([tf.ones(2), tf.zeros(2)]).shape
    TensorShape([2, 2])
    """
    if type(values) in (list, tuple) and find_composite(values):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("stack", (values, axis))
    xs = _tensors(values)
    if not xs and axis == 0:  # TF converts the (empty) list itself
        return convert_to_tensor(values)
    _same_dtype("Pack", xs)
    nd = xs[0]._value.ndim + 1
    axis = int(axis)
    if not -nd <= axis < nd:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-nd}, {nd})")
    return apply(PACK, tuple(xs), {"axis": axis % nd})


def unstack(value, num=None, axis=0, name="unstack"):
    """Splits a tensor into a list of tensors along `axis` (which is removed).

    >>> [x.numpy() for x in tf.unstack(tf.constant([[1, 2], [3, 4]]))]
    [array([1, 2], dtype=int32), array([3, 4], dtype=int32)]
    """
    x = t(value)
    nd = x._value.ndim
    if nd == 0:
        raise ValueError("Cannot unstack a scalar (rank 0) tensor.")
    if not -nd <= axis < nd:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-nd}, {nd})")
    axis %= nd
    n = x._value.shape[axis]
    if num is not None and num != n:
        raise op_error(InvalidArgumentError, "Unpack",
                       f"Input shape axis {axis} must equal {num}, got shape {_dims(x._value.shape)}")
    return list(apply(UNPACK, (x,), {"axis": axis, "num": n}))


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """Splits into `num_or_size_splits` equal pieces, or pieces of the given sizes.

    >>> [p.shape for p in tf.split(tf.ones((4, 2)), 2)]
    [TensorShape([2, 2]), TensorShape([2, 2])]
    """
    x = t(value)
    nd = x._value.ndim
    axis = int(getattr(axis, "_value", axis))
    if not -nd <= axis < nd:
        raise op_error(InvalidArgumentError, "Split",
                       f"-{nd} <= split_dim < {nd} but got {axis}")
    axis %= nd
    dim = x._value.shape[axis]
    if isinstance(num_or_size_splits, (int, np.integer)) or (
            isinstance(num_or_size_splits, Tensor) and num_or_size_splits._value.ndim == 0):
        k = int(num_or_size_splits)
        if k <= 0 or dim % k:
            raise op_error(InvalidArgumentError, "Split",
                           f"Number of ways to split should evenly divide the split dimension, but "
                           f"got split_dim {axis} (size = {dim}) and num_split {k}")
        sizes = [dim // k] * k
        op_name = "Split"
    else:
        sizes = int_list(num_or_size_splits)
        if sizes.count(-1) == 1:
            sizes[sizes.index(-1)] = dim - (sum(sizes) + 1)
        if sum(sizes) != dim or builtins.min(sizes, default=0) < 0:
            raise op_error(InvalidArgumentError, "SplitV",
                           f"Determined shape must either match input shape along split_dim exactly "
                           f"if fully specified, or be less than the size of the input along "
                           f"split_dim if not fully specified.  Got: {sum(sizes)}")
        op_name = "SplitV"
    del op_name
    return list(apply(SPLIT, (x,), {"sizes": tuple(sizes), "axis": axis}))


# -- tile, broadcast_to -----------------------------------------------------------------------
def tile(input, multiples, name=None):
    """Repeats the tensor `multiples[i]` times along dimension i.

    >>> tf.tile(tf.constant([[1, 2]]), [2, 2]).shape
    TensorShape([2, 4])
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("tile", (input, multiples))
    x = t(input)
    mult = tuple(int_list(multiples))
    if len(mult) != x._value.ndim:
        raise op_error(InvalidArgumentError, "Tile",
                       f"Expected multiples argument to be a vector of length {x._value.ndim} but got "
                       f"length {len(mult)}")
    return apply1(TILE, x, {"multiples": mult})


def broadcast_to(input, shape, name=None):
    """Broadcasts to `shape` (NumPy's rules).

    >>> tf.broadcast_to(tf.constant([1, 2]), [2, 2]).shape
    TensorShape([2, 2])
    """
    x = t(input)
    shape = _as_shape_tuple(shape)
    if x._value.shape == shape:
        return x
    return apply1(BROADCAST_TO, x, {"shape": shape})


def broadcast_static_shape(shape_x, shape_y):
    return TensorShape(broadcast_shapes(tuple(TensorShape(shape_x)._dims), tuple(TensorShape(shape_y)._dims)))


def broadcast_dynamic_shape(shape_x, shape_y):
    return convert_to_tensor(np.broadcast_shapes(tuple(int_list(shape_x)), tuple(int_list(shape_y))),
                             dtype=D.int32)


# -- pad, reverse -----------------------------------------------------------------------------
def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None):
    """Pads with `paddings[i] = [before, after]` per dimension; mode CONSTANT, REFLECT or SYMMETRIC.

    >>> tf.pad(tf.ones((1, 1)), [[1, 1], [0, 0]]).shape
    TensorShape([3, 1])
    """
    x = t(tensor)
    pv = np.asarray(getattr(paddings, "_value", paddings)).astype(np.int64).reshape(-1, 2)
    if pv.shape[0] != x._value.ndim:
        raise op_error(InvalidArgumentError, "Pad",
                       f"The first dimension of paddings must be the rank of inputs"
                       f"[{x._value.ndim},2], {_dims(x._value.shape)}")
    mode = mode.upper()
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError(f"Value of argument `mode` expected to be one of \"CONSTANT\", \"REFLECT\", "
                         f"or \"SYMMETRIC\". Received `mode` = {mode}")
    if (pv < 0).any():
        bad = pv[(pv < 0).any(axis=1)][0]
        raise op_error(InvalidArgumentError, "Pad" if mode == "CONSTANT" else "MirrorPad",
                       f"Paddings must be non-negative: {bad[0]} {bad[1]}")
    if mode != "CONSTANT":
        for n, (lo, hi) in zip(x._value.shape, pv.tolist()):
            if n is None:
                continue
            if mode == "REFLECT" and max(lo, hi) >= n:
                raise op_error(InvalidArgumentError, "MirrorPad",
                               f"paddings must be less than the dimension size: {lo}, {hi} not "
                               f"less than {n}")
            if mode == "SYMMETRIC" and max(lo, hi) > n:
                raise op_error(InvalidArgumentError, "MirrorPad",
                               f"paddings must be no greater than the dimension size: {lo}, {hi} "
                               f"greater than {n}")
    cv = np.asarray(getattr(constant_values, "_value", constant_values)).astype(x._value.dtype)[()]
    return apply1(PAD, x, {"paddings": tuple(map(tuple, pv.tolist())), "mode": mode,
                           "constant_values": cv})


def reverse(tensor, axis, name=None):
    """Reverses the order of elements along the given axes.

    >>> tf.reverse(tf.constant([1, 2, 3]), [0])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([3, 2, 1], dtype=int32)>
    """
    if isinstance(tensor, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("reverse", (tensor, axis))
    x = t(tensor)
    nd = x._value.ndim
    axes = int_list(axis)
    seen = set()
    for a in axes:
        if not -nd <= a < nd:
            raise op_error(InvalidArgumentError, "ReverseV2",
                           f"'axis'[0] = {a} is out of valid range [0, {nd - 1}")
        if a % nd in seen:
            raise op_error(InvalidArgumentError, "ReverseV2", f"axis {a % nd} specified more than once.")
        seen.add(a % nd)
    return apply1(REVERSE, x, {"axis": tuple(sorted({a % nd for a in axes}))})


# -- slicing ----------------------------------------------------------------------------------
def _index_error():
    return TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                     "tf.int32/tf.int64 tensors are valid indices")


def _normalize_key(key, shape):
    if isinstance(key, list):  # TF reads t[[0, 1]] as t[0, 1]
        key = tuple(key)
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    dim = 0
    n_real = builtins.sum(1 for k in key if k is not None and k is not Ellipsis)
    for k in key:
        if k is None or k is Ellipsis:
            out.append(k)
            if k is Ellipsis:
                dim += len(shape) - n_real
            continue
        if isinstance(k, builtins.slice):
            out.append(builtins.slice(*(None if p is None else _scalar_index(p) for p in
                               (k.start, k.stop, k.step))))
            if k.step is not None and out[-1].step == 0:
                raise ValueError("slice step cannot be zero")
        else:
            i = _scalar_index(k)
            if dim >= len(shape):
                raise op_error(InvalidArgumentError, "StridedSlice",
                               f"Index out of range using input dim {dim}; input has only "
                               f"{len(shape)} dims")
            if shape[dim] is not None and not -shape[dim] <= i < shape[dim]:
                raise op_error(InvalidArgumentError, "StridedSlice",
                               f"slice index {i} of dimension {dim} out of bounds.")
            out.append(i)
        dim += 1
    if dim > len(shape):
        raise op_error(InvalidArgumentError, "StridedSlice",
                       f"Index out of range using input dim {len(shape)}; input has only "
                       f"{len(shape)} dims")
    return tuple(out)


def _scalar_index(k):
    if isinstance(k, (bool, np.bool_)):
        raise _index_error()
    if isinstance(k, (int, np.integer)):
        return int(k)
    v = getattr(k, "_value", None)
    if v is not None and v.ndim == 0 and v.dtype.kind in "iu":
        return int(v)
    raise _index_error()


def _slice(x, key):
    return apply1(SLICE, x, {"key": key})


def _getitem(self, key):
    if type(key) is int and type(self) is Tensor:  # t[i]: the common case, normalized already
        shape = self._value.shape
        if shape and shape[0] is not None and -shape[0] <= key < shape[0]:
            return apply1(SLICE, self, {"key": (key,)})
    x = self if type(self) is Tensor else t(self)
    if _has_graph_index(key):
        return _dynamic_getitem(x, key)
    return _slice(x, _normalize_key(key, x._value.shape))


def _is_graph_scalar(k):
    return isinstance(k, Tensor) and not is_concrete(k)


def _has_graph_index(key):
    keys = key if isinstance(key, tuple) else (key,)
    for k in keys:
        if _is_graph_scalar(k):
            return True
        if isinstance(k, builtins.slice) and any(_is_graph_scalar(p) for p in
                                                  (k.start, k.stop, k.step)):
            return True
    return False


def _dynamic_getitem(x, key):
    """x[key] with graph tensors among the indices: a slice whose bounds are inputs."""
    keys = key if isinstance(key, tuple) else (key,)
    template, bounds = [], []

    def bound(p):
        if _is_graph_scalar(p):
            if p._value.dtype.kind not in "iu":
                raise _index_error()
            bounds.append(PM.cast(p, np.int64))
            return PA._DYN
        return None if p is None else _scalar_index(p)
    for k in keys:
        if isinstance(k, builtins.slice):
            template.append(builtins.slice(bound(k.start), bound(k.stop), bound(k.step)))
        elif k is None or k is Ellipsis:
            template.append(k)
        else:
            template.append(bound(k))
    return PA.dynamic_slice(x, template, bounds)


def slice(input_, begin, size, name=None):
    """The slice of `size` elements starting at `begin` (size -1: to the end).

    >>> tf.slice(tf.range(5), [1], [3])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>
    """
    x = t(input_)
    for v in (begin, size):
        if isinstance(v, (list, tuple)) and not v:  # ([] converts to a float32 tensor)
            raise op_error(InvalidArgumentError, "Slice", "Value for attr 'Index' of float is not in "
                           "the list of allowed values: int32, int64")
    begin, size = int_list(begin), int_list(size)
    dims = x._value.shape
    if len(begin) != len(dims) or len(size) != len(dims):
        raise op_error(InvalidArgumentError, "Slice",
                       f"Expected begin and size arguments to be 1-D tensors of size {len(dims)}, "
                       f"but got shapes [{len(begin)}] and [{len(size)}] instead.")
    for i, (n, b, s) in enumerate(zip(dims, begin, size)):
        if n is None:
            continue
        if not 0 <= b <= n:
            raise op_error(InvalidArgumentError, "Slice", f"Expected begin[{i}] in [0, {n}], but got {b}")
        if s != -1 and not 0 <= s <= n - b:
            raise op_error(InvalidArgumentError, "Slice",
                           f"Expected size[{i}] in [0, {n - b}], but got {s}")
    key = tuple(builtins.slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))
    return _slice(x, key)


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """Python-style slicing from `begin`/`end`/`strides` vectors and TF's bit masks.

    >>> tf.strided_slice(tf.range(6), [1], [5], [2])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 3], dtype=int32)>
    """
    x = t(input_)
    begin, end = int_list(begin), int_list(end)
    strides = int_list(strides) if strides is not None else [1] * len(begin)
    key = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            key.append(b)
        else:
            key.append(builtins.slice(None if begin_mask & bit else b, None if end_mask & bit else e, s))
    return _slice(x, _normalize_key(tuple(key), x._value.shape))


# -- gather -----------------------------------------------------------------------------------
def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """Takes slices of `params` at `indices` along `axis`.

    >>> tf.gather(tf.constant([10, 20, 30]), [2, 0])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([30, 10], dtype=int32)>
    """
    if find_composite((params, indices)):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("gather", (params, indices), dict(validate_indices=validate_indices, axis=axis, batch_dims=batch_dims))
    p = t(params)
    i = t(indices)
    if i._value.dtype.kind not in "iu":
        raise TypeError(f"Value passed to parameter 'indices' has DataType {i.dtype.name} not in list "
                        f"of allowed values: int16, int32, int64")
    nd = p._value.ndim
    axis = batch_dims if axis is None else int(getattr(axis, "_value", axis))
    if batch_dims < 0:
        batch_dims += i._value.ndim
    if not -nd <= axis < nd:
        raise op_error(InvalidArgumentError, "GatherV2",
                       f"Expected axis in the range [{-nd}, {nd}), but got {axis}")
    return apply2(GATHER, p, i, {"axis": axis % nd, "batch_dims": int(batch_dims)})


# -- where ------------------------------------------------------------------------------------
def where(condition, x=None, y=None, name=None):
    """Elementwise choice: x where `condition`, else y (broadcasting). With only `condition`,
    the int64 coordinates of its true elements.

    >>> tf.where([True, False], 1.0, 2.0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    if find_composite((condition, x, y)):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("where", (condition, x, y))
    c = t(condition)
    if x is None and y is None:
        return wrap(np.argwhere(np.asarray(c._value)).astype(np.int64))
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    if c._value.dtype != np.bool_:
        raise op_error(InvalidArgumentError, "SelectV2",
                       f"cannot compute SelectV2 as input #0(zero-based) was expected to be a bool "
                       f"tensor but is a {c.dtype._cname} tensor")
    from ._common import pair
    x, y = pair(x, y, "SelectV2")
    try:
        broadcast_shapes(c._value.shape, x._value.shape, y._value.shape)
    except ValueError:
        raise op_error(InvalidArgumentError, "SelectV2",
                       f"condition {_dims(c._value.shape)}, then {_dims(x._value.shape)}, and else "
                       f"{_dims(y._value.shape)} must be broadcastable") from None
    return apply(SELECT, (c, x, y))


# -- constructors (no gradient) -----------------------------------------------------------------
def zeros(shape, dtype=D.float32, name=None, layout=None):
    """A tensor of zeros.

    >>> tf.zeros((2, 2), tf.int32)
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[0, 0],
           [0, 0]], dtype=int32)>
    """
    if isinstance(shape, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("zeros", (shape, dtype))
    if _symbolic(shape):
        return PA.fill(_shape_tensor(shape), wrap(np.zeros((), D.as_dtype(dtype)._np)[()]))
    return wrap(np.zeros(_fill_dims(shape), D.as_dtype(dtype)._np))


def ones(shape, dtype=D.float32, name=None, layout=None):
    """A tensor of ones.

    >>> tf.ones((2, 2))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 1.],
           [1., 1.]], dtype=float32)>
    """
    if isinstance(shape, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("ones", (shape, dtype))
    if _symbolic(shape):
        return PA.fill(_shape_tensor(shape), wrap(np.ones((), D.as_dtype(dtype)._np)[()]))
    return wrap(np.ones(_fill_dims(shape), D.as_dtype(dtype)._np))


def _symbolic(v):
    """True for a tensor without a value here (a graph tensor), or a list holding one."""
    if isinstance(v, (list, tuple)):
        return any(_symbolic(x) for x in v)
    return isinstance(v, Tensor) and not is_concrete(v)


def _shape_tensor(shape):
    """A shape argument holding graph tensors as one int32 (or int64) vector tensor."""
    if isinstance(shape, Tensor):
        return shape
    parts = [P.reshape(x if isinstance(x, Tensor) else convert_to_tensor(x, D.int32), (1,))
             for x in shape]
    return P.concat(parts, 0)


def zeros_like(input, dtype=None, name=None, layout=None):
    """Zeros with the shape (and dtype, unless given) of `input`.

    >>> tf.zeros_like(tf.ones(3))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 0., 0.], dtype=float32)>
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("zeros_like", (input, dtype))
    return _filled_like(input, dtype, 0)


def ones_like(input, dtype=None, name=None, layout=None):
    """Ones with the shape (and dtype, unless given) of `input`.

    >>> tf.ones_like(tf.zeros(3))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 1., 1.], dtype=float32)>
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("ones_like", (input, dtype))
    return _filled_like(input, dtype, 1)


def _filled_like(input, dtype, value):
    x = input if type(input) is Tensor else t(input)
    v = x._value
    np_dtype = v.dtype if dtype is None else D.as_dtype(dtype)._np
    if type(v) is AbstractArray and (v.shape is None or None in v.shape):
        out = P.zeros_like(x)  # a graph tensor of unknown shape: a ZerosLike operation
        if np_dtype != v.dtype:
            out = PM.cast(out, np_dtype)
        if value:
            out = P.add(out, wrap(np.asarray(value, np_dtype)))
        return out
    if value == 0:
        return wrap(np.zeros(v.shape, np_dtype)[()])
    return wrap(np.ones(v.shape, np_dtype)[()])


def fill(dims, value, name=None, layout=None):
    """A tensor of shape `dims` filled with `value` (dtype inferred from it).

    >>> tf.fill([2, 3], 9)
    <tf.Tensor: shape=(2, 3), dtype=int32, numpy=
    array([[9, 9, 9],
           [9, 9, 9]], dtype=int32)>
    """
    if isinstance(dims, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("fill", (dims, value))
    v = convert_to_tensor(value)
    if v._value.ndim != 0:
        raise op_error(InvalidArgumentError, "Fill",
                       f"value must be a scalar, got {v._value.ndim} dims")
    if _symbolic(dims) or not is_concrete(v):
        out = PA.fill(_shape_tensor(dims) if not isinstance(dims, TensorShape) else
                      convert_to_tensor(dims.as_list(), D.int32), v)
        if not _symbolic(dims) and hasattr(out, "set_shape"):  # constant dims: a static shape
            out.set_shape(_fill_dims(dims, fill=True))
        return out
    return wrap(np.full(_fill_dims(dims, fill=True), v._value, dtype=v._value.dtype))


def eye(num_rows, num_columns=None, batch_shape=None, dtype=D.float32, name=None):
    """An identity matrix (or a batch of them).

    >>> tf.eye(2)
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 0.],
           [0., 1.]], dtype=float32)>
    """
    rows, cols = int(num_rows), None if num_columns is None else int(num_columns)
    for d in (rows, cols):
        if d is not None and d < 0:
            raise op_error(InvalidArgumentError, "Fill", f"Dimension {d} must be >= 0")
    m = np.eye(rows, cols, dtype=D.as_dtype(dtype)._np)
    if batch_shape is not None:
        m = np.broadcast_to(m, tuple(int_list(batch_shape)) + m.shape).copy()
    return wrap(m)


def range(start, limit=None, delta=1, dtype=None, name="range"):
    """Numbers from `start` up to (not including) `limit` by `delta`; int32 unless any is a float.

    >>> tf.range(5)
    <tf.Tensor: shape=(5,), dtype=int32, numpy=array([0, 1, 2, 3, 4], dtype=int32)>
    """
    if limit is None:
        start, limit = 0, start
    vals = [start, limit, delta]
    if _symbolic(vals):
        return _graph_range(vals, dtype)
    arrs = [np.asarray(getattr(v, "_value", v)) for v in vals]
    if dtype is not None:
        np_dt = D.as_dtype(dtype)._np
    else:
        kinds = [a.dtype for a in arrs]
        if any(isinstance(v, Tensor) for v in vals):
            np_dt = np.result_type(*[a.dtype for v, a in zip(vals, arrs) if isinstance(v, Tensor)])
        elif builtins.any(k.kind == "f" for k in kinds):
            np_dt = np.float32
        else:
            np_dt = np.int32
    d = arrs[2].item()
    if d == 0:
        raise op_error(InvalidArgumentError, "Range", f"Requires delta != 0: {d}")
    if (d > 0 and arrs[0].item() > arrs[1].item()) or (d < 0 and arrs[0].item() < arrs[1].item()):
        raise op_error(InvalidArgumentError, "Range",
                       f"Requires start <= limit when delta > 0: {arrs[0].item()}/{arrs[1].item()}"
                       if d > 0 else
                       f"Requires start >= limit when delta < 0: {arrs[0].item()}/{arrs[1].item()}")
    if np.dtype(np_dt).kind == "f":
        # TF's kernel: the size and start + i * delta computed in the dtype
        s, lim, dt = (np.asarray(a.item(), np_dt) for a in arrs)
        with np.errstate(all="ignore"):
            n = int(np.ceil(np.abs((lim - s) / dt)))
            return wrap((np.arange(n, dtype=np_dt) * dt + s).astype(np_dt, copy=False))
    return wrap(np.arange(arrs[0].item(), arrs[1].item(), d).astype(np_dt))


def _graph_range(vals, dtype):
    """tf.range of graph tensors: a Range operation (its length is known at run time)."""
    if dtype is not None:
        np_dt = D.as_dtype(dtype)._np
    else:
        dts = [v._value.dtype for v in vals if isinstance(v, Tensor)]
        np_dt = np.result_type(*dts) if dts else np.int32
    ts = [v if isinstance(v, Tensor) and v._value.dtype == np_dt else
          (PM.cast(v, np_dt) if isinstance(v, Tensor) else convert_to_tensor(v, D.from_numpy(
              np.dtype(np_dt)))) for v in vals]
    return PA.range_(ts[0], ts[1], ts[2], np_dt)


def linspace(start, stop, num, name=None, axis=0):
    """`num` evenly spaced values from `start` to `stop` inclusive.

    >>> tf.linspace(0.0, 1.0, 3)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0. , 0.5, 1. ], dtype=float32)>
    """
    s = t(start)
    e = convert_to_tensor(stop, dtype=s.dtype)
    if int(num) < 0:
        raise op_error(InvalidArgumentError, "Range",
                       f"Requires start <= limit when delta > 0: 1/{int(num)}")
    out = np.linspace(s._value, e._value, int(num), axis=axis).astype(s._value.dtype)
    return wrap(out)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """One-hot vectors of length `depth` at `indices` (float32 unless told).

    >>> tf.one_hot([0, 2], 3)
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[1., 0., 0.],
           [0., 0., 1.]], dtype=float32)>
    """
    i = t(indices)
    if dtype is not None:
        dt = D.as_dtype(dtype)._np
    elif on_value is not None:
        dt = t(on_value)._value.dtype
    elif off_value is not None:
        dt = t(off_value)._value.dtype
    else:
        dt = np.float32
    on = 1 if on_value is None else np.asarray(getattr(on_value, "_value", on_value))
    off = 0 if off_value is None else np.asarray(getattr(off_value, "_value", off_value))
    depth = int(getattr(depth, "_value", depth))
    if depth < 0:
        raise op_error(InvalidArgumentError, "OneHot", f"depth must be non-negative, got: {depth}")
    axis = -1 if axis is None or axis == -1 else int(axis)
    return apply1(ONE_HOT, i, {"depth": depth, "on": on, "off": off, "axis": axis, "dtype": dt})


def shape(input, out_type=D.int32, name=None):
    """The shape as a 1-D integer tensor.

    >>> tf.shape(tf.ones((2, 3)))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("shape", (input, out_type))
    x = t(input)
    if not is_concrete(x):
        return PA.shape(x, D.as_dtype(out_type)._np)
    return wrap(np.array(x._value.shape, dtype=D.as_dtype(out_type)._np))


def shape_n(input, out_type=D.int32, name=None):
    """The shapes of several tensors."""
    return [shape(x, out_type) for x in input]


def rank(input, name=None):
    """The number of dimensions, as an int32 scalar tensor.

    >>> tf.rank(tf.ones((2, 3)))
    <tf.Tensor: shape=(), dtype=int32, numpy=2>
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("rank", (input,))
    return wrap(np.int32(t(input)._value.ndim))


def size(input, out_type=D.int32, name=None):
    """The number of elements, as a scalar tensor.

    >>> tf.size(tf.ones((2, 3)))
    <tf.Tensor: shape=(), dtype=int32, numpy=6>
    """
    if isinstance(input, CompositeTensor):  # composite arguments (RaggedTensor, SparseTensor)
        return dispatch_api("size", (input, out_type))
    x = t(input)
    if not is_concrete(x) and x._value.size is None:
        return PM.reduce_prod(PA.shape(x, D.as_dtype(out_type)._np), (0,))
    return wrap(D.as_dtype(out_type)._np.type(x._value.size))


def identity_n(input, name=None):
    return [identity(x) for x in input]
