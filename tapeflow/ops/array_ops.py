"""Shape and indexing ops: reshape, transpose, concat, slicing, gather, where, constructors, ...

Each primitive's forward, gradient and JVP sit together. Linear ops (reshape, transpose, slicing,
concat, ...) have a JVP that is the op itself applied to the tangent.

    >>> tf.reshape(tf.range(6), (2, 3)).shape
    TensorShape([2, 3])
"""
import builtins

import numpy as np

from ..framework import batching as _B
from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.indexed_slices import IndexedSlices
from ..framework.op import NotBatchable, apply, apply1, apply2, defop, dtype_mismatch
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..framework.tensor_shape import TensorShape
from . import math_ops as M
from ._common import int_list, t


def _bshape(op, g):
    """The leading batch axes cotangent `g` carries beyond the node's (first) output."""
    return g._value.shape[:g._value.ndim - op.outputs[0]._value.ndim]


def _shifted_perm(perm, nb):
    return list(builtins.range(nb)) + [int(p) + nb for p in perm]


def _linear_jvp(public):
    """JVP of a linear op: the same op, with the same attributes, on the tangent."""
    return lambda op, dx: public(dx, **op.attrs)


def _as_shape_tuple(shape):
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    return tuple(int_list(shape))


# -- reshape ----------------------------------------------------------------------------------
def _reshape_forward(v, shape):
    n = v.size
    known = 1
    unknown = 0
    for d in shape:
        if d == -1:
            unknown += 1
        else:
            known *= d
    if unknown > 1:
        raise op_error(InvalidArgumentError, "Reshape", "Only one input size may be -1, not both")
    if (unknown == 0 and known != n) or (unknown == 1 and (known == 0 or n % known)):
        what = f"has {known}" if not unknown else f"requires a multiple of {known}"
        raise InvalidArgumentError(None, None, f"Input to reshape is a tensor with {n} values, but "
                                               f"the requested shape {what} [Op:Reshape]")
    return np.reshape(v, shape)


RESHAPE = defop("Reshape", _reshape_forward,
                lambda op, g: reshape(g, _bshape(op, g) + op.inputs[0]._value.shape),
                lambda op, dx: reshape(dx, op.get_attr("shape")))


def reshape(tensor, shape, name=None):
    """The same elements in a new shape; one dimension may be -1.

    >>> tf.reshape(tf.range(6), [3, -1]).shape
    TensorShape([3, 2])
    """
    x = t(tensor)
    shape = _as_shape_tuple(shape)
    if x._value.shape == shape:
        return apply1(IDENTITY, x)
    return apply1(RESHAPE, x, {"shape": shape})


# -- identity, stop_gradient ------------------------------------------------------------------
IDENTITY = defop("Identity", lambda v: v, lambda op, g: g, lambda op, dx: dx)
IDENTITY.sparse_grad_ok = True


def identity(input, name=None):  # noqa: A002
    """The same value as a new tensor (gradient passes through).

    >>> tf.identity(tf.constant(1.0))
    """
    return apply1(IDENTITY, t(input))


def stop_gradient(input, name=None):  # noqa: A002
    """The same value, but no gradient flows through it (it is not recorded on any tape).

    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape() as g:
    ...     g.watch(x)
    ...     y = tf.stop_gradient(x) * x
    >>> g.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    """
    return apply1(STOP_GRADIENT, t(input))


# Recorded (so vmap batches it), but its gradient and tangent are always None.
STOP_GRADIENT = defop("StopGradient", lambda v: v, lambda op, g: None, lambda op, dx: None)


# -- transpose --------------------------------------------------------------------------------
TRANSPOSE = defop("Transpose", lambda v, perm: np.transpose(v, perm),
                  lambda op, g: transpose(g, _shifted_perm(np.argsort(op.get_attr("perm")),
                                                           len(_bshape(op, g)))),
                  lambda op, dx: transpose(dx, op.get_attr("perm")))


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
    return M.conj(out) if conjugate else out


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """Transposes the last two dimensions."""
    x = t(a)
    nd = x._value.ndim
    if nd < 2:
        raise ValueError(f"Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = {x!r}")
    return transpose(x, list(builtins.range(nd - 2)) + [nd - 1, nd - 2], conjugate=conjugate)


# -- expand_dims, squeeze -----------------------------------------------------------------------
def expand_dims(input, axis, name=None):  # noqa: A002
    """Inserts a dimension of size 1 at `axis`.

    >>> tf.expand_dims(tf.ones(3), 0).shape
    TensorShape([1, 3])
    """
    x = t(input)
    nd = x._value.ndim
    axis = int(getattr(axis, "_value", axis))
    if not -nd - 1 <= axis <= nd:
        raise op_error(InvalidArgumentError, "ExpandDims",
                       f"Tried to expand dim index {axis} for tensor with {nd} dimensions.")
    axis = axis % (nd + 1)
    shape = x._value.shape[:axis] + (1,) + x._value.shape[axis:]
    return apply1(RESHAPE, x, {"shape": shape})


def squeeze(input, axis=None, name=None):  # noqa: A002
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
        if not isinstance(v, Tensor) and not getattr(v, "_is_variable", False):
            like = next((o for o in out if isinstance(values[out.index(o)], Tensor)), None)
            if like is not None:
                out[i] = convert_to_tensor(v, dtype=like.dtype)
    return out


def _concat_forward(*arrays, axis):
    try:
        return np.concatenate(arrays, axis=axis)
    except ValueError:
        s0 = arrays[0].shape
        for i, a in enumerate(arrays[1:], 1):
            if a.ndim != len(s0):
                raise op_error(InvalidArgumentError, "ConcatV2",
                               f"Ranks of all input tensors should match: shape[0] = {_dims(s0)} vs. "
                               f"shape[{i}] = {_dims(a.shape)}") from None
            for d in builtins.range(len(s0)):
                if d != axis and a.shape[d] != s0[d]:
                    raise op_error(InvalidArgumentError, "ConcatV2",
                                   f"ConcatOp : Dimension {d} in both shapes must be equal: shape[0] "
                                   f"= {_dims(s0)} vs. shape[{i}] = {_dims(a.shape)}") from None
        raise


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _concat_grad(op, g):
    axis = op.get_attr("axis")
    sizes = [x._value.shape[axis] for x in op.inputs]
    return tuple(split(g, sizes, axis=axis + len(_bshape(op, g))))


CONCAT = defop("ConcatV2", _concat_forward, _concat_grad,
               lambda op, *dxs: concat([dx if dx is not None else zeros_like(x)
                                        for dx, x in zip(dxs, op.inputs)], op.get_attr("axis")))


def concat(values, axis, name="concat"):
    """Joins tensors along an existing `axis`.

    >>> tf.concat([tf.ones((1, 2)), tf.zeros((1, 2))], axis=0).shape
    TensorShape([2, 2])
    """
    xs = _tensors(values)
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


def _stack_forward(*arrays, axis):
    s0 = arrays[0].shape
    for i, a in enumerate(arrays[1:], 1):
        if a.shape != s0:
            raise op_error(InvalidArgumentError, "Pack",
                           f"Shapes of all inputs must match: values[0].shape = {_dims(s0)} != "
                           f"values[{i}].shape = {_dims(a.shape)}")
    return np.stack(arrays, axis=axis)


PACK = defop("Pack", _stack_forward,
             lambda op, g: tuple(unstack(g, axis=op.get_attr("axis") + len(_bshape(op, g)))),
             lambda op, *dxs: stack([dx if dx is not None else zeros_like(x)
                                     for dx, x in zip(dxs, op.inputs)], op.get_attr("axis")))


def stack(values, axis=0, name="stack"):
    """Joins tensors of one shape along a new `axis`.

    >>> tf.stack([tf.ones(2), tf.zeros(2)]).shape
    TensorShape([2, 2])
    """
    xs = _tensors(values)
    _same_dtype("Pack", xs)
    nd = xs[0]._value.ndim + 1
    axis = int(axis)
    if not -nd <= axis < nd:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-nd}, {nd})")
    return apply(PACK, tuple(xs), {"axis": axis % nd})


def _unstack_forward(v, axis, num):
    if num == 1:  # a one-output op returns its array, not a 1-tuple
        return np.take(v, 0, axis=axis)
    return tuple(np.take(v, i, axis=axis) for i in builtins.range(num))


def _fill_none(grads, like):
    """Zeros for the missing cotangents of a multi-output op (with the others' batch axes)."""
    batch = next((g._value.shape[:g._value.ndim - x._value.ndim] for g, x in zip(grads, like)
                  if g is not None), ())
    return [g if g is not None else zeros(batch + x._value.shape, x.dtype)
            for g, x in zip(grads, like)]


def _batch_ndim_of(grads, like):
    return next((g._value.ndim - x._value.ndim for g, x in zip(grads, like) if g is not None), 0)


def _tangents_out(tangents):
    """A multi-output JVP's result: a tuple, or the tangent itself for a one-output op."""
    return tangents[0] if len(tangents) == 1 else tuple(tangents)


def _unstack_grad(op, *grads):
    return stack(_fill_none(grads, op.outputs),
                 axis=op.get_attr("axis") + _batch_ndim_of(grads, op.outputs))


def unstack(value, num=None, axis=0, name="unstack"):
    """Splits a tensor into a list of tensors along `axis` (which is removed).

    >>> [x.numpy() for x in tf.unstack(tf.constant([[1, 2], [3, 4]]))]
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
        raise ValueError(f"Cannot infer argument `num` from shape {x.shape}")
    op = _unstack_op(n)
    out = apply(op, (x,), {"axis": axis, "num": n})
    return list(out) if n != 1 else [out] if isinstance(out, Tensor) else list(out)


_UNSTACK_OPS = {}


def _unstack_op(n):
    op = _UNSTACK_OPS.get(n)
    if op is None:
        from ..framework.op import Op
        op = Op("Unpack", _unstack_forward, _unstack_grad,
                lambda op, dx: _tangents_out(unstack(dx, axis=op.get_attr("axis"))), num_outputs=n)
        op.batched_grad = True
        _UNSTACK_OPS[n] = op
    return op


def _split_forward(v, sizes, axis):
    if len(sizes) == 1:  # a one-output op returns its array, not a 1-tuple
        return v
    bounds = np.cumsum(sizes)[:-1]
    return tuple(np.split(v, bounds, axis=axis))


def _split_grad(op, *grads):
    return concat(_fill_none(grads, op.outputs),
                  axis=op.get_attr("axis") + _batch_ndim_of(grads, op.outputs))


_SPLIT_OPS = {}


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """Splits into `num_or_size_splits` equal pieces, or pieces of the given sizes.

    >>> [p.shape for p in tf.split(tf.ones((4, 2)), 2)]
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
    key = (op_name, len(sizes))
    op = _SPLIT_OPS.get(key)
    if op is None:
        from ..framework.op import Op
        op = Op(op_name, _split_forward, _split_grad,
                lambda op, dx: _tangents_out(split(dx, list(op.get_attr("sizes")),
                                                   op.get_attr("axis"))),
                num_outputs=len(sizes))
        op.batched_grad = True
        _SPLIT_OPS[key] = op
    out = apply(op, (x,), {"sizes": tuple(sizes), "axis": axis})
    return [out] if isinstance(out, Tensor) else list(out)


# -- tile, broadcast_to -----------------------------------------------------------------------
def _tile_grad(op, g):
    x = op.inputs[0]
    mult = op.get_attr("multiples")
    shape = x._value.shape
    batch = _bshape(op, g)
    inter = []
    for m, d in zip(mult, shape):
        inter += [m, d]
    nb = len(batch)
    return M.reduce_sum(reshape(g, batch + tuple(inter)),
                        axis=[nb + i for i in builtins.range(0, 2 * len(shape), 2)])


TILE = defop("Tile", lambda v, multiples: np.tile(v, multiples), _tile_grad,
             lambda op, dx: tile(dx, op.get_attr("multiples")))


def tile(input, multiples, name=None):  # noqa: A002
    """Repeats the tensor `multiples[i]` times along dimension i.

    >>> tf.tile(tf.constant([[1, 2]]), [2, 2]).shape
    TensorShape([2, 4])
    """
    x = t(input)
    mult = tuple(int_list(multiples))
    if len(mult) != x._value.ndim:
        raise op_error(InvalidArgumentError, "Tile",
                       f"Expected multiples argument to be a vector of length {x._value.ndim} but got "
                       f"length {len(mult)}")
    return apply1(TILE, x, {"multiples": mult})


def _broadcast_forward(v, shape):
    try:
        return np.broadcast_to(v, shape)
    except ValueError:
        raise op_error(InvalidArgumentError, "BroadcastTo",
                       f"Unable to broadcast tensor of shape {_dims(v.shape)} to tensor of shape "
                       f"{_dims(shape)}") from None


BROADCAST_TO = defop("BroadcastTo", _broadcast_forward,
                     lambda op, g: M.unbroadcast(g, op.inputs[0]._value.shape,
                                                 len(_bshape(op, g))),
                     lambda op, dx: broadcast_to(dx, op.get_attr("shape")))


def broadcast_to(input, shape, name=None):  # noqa: A002
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
    return TensorShape(np.broadcast_shapes(tuple(shape_x), tuple(shape_y)))


def broadcast_dynamic_shape(shape_x, shape_y):
    return convert_to_tensor(np.broadcast_shapes(tuple(int_list(shape_x)), tuple(int_list(shape_y))),
                             dtype=D.int32)


# -- pad, reverse -----------------------------------------------------------------------------
def _pad_forward(v, paddings, mode, constant_values):
    if mode == "CONSTANT":
        return np.pad(v, paddings, mode="constant", constant_values=constant_values)
    return np.pad(v, paddings, mode="reflect" if mode == "REFLECT" else "symmetric")


def _pad_grad(op, g):
    x = op.inputs[0]
    paddings = op.get_attr("paddings")
    batch = _bshape(op, g)
    if op.get_attr("mode") == "CONSTANT":
        key = (builtins.slice(None),) * len(batch) + tuple(
            builtins.slice(lo, lo + d) for (lo, _), d in zip(paddings, x._value.shape))
        return _slice(g, key)
    return apply1(MIRROR_PAD_GRAD, g, {"paddings": ((0, 0),) * len(batch) + paddings,
                                       "mode": op.get_attr("mode"),
                                       "shape": batch + x._value.shape})


def _mirror_pad_grad_forward(g, paddings, mode, shape):
    """Adds each padded element's cotangent back onto the element it mirrors."""
    index = np.arange(int(np.prod(shape))).reshape(shape)
    mapped = np.pad(index, paddings, mode="reflect" if mode == "REFLECT" else "symmetric")
    out = np.zeros(int(np.prod(shape)), g.dtype)
    np.add.at(out, mapped.reshape(-1), np.asarray(g).reshape(-1))
    return out.reshape(shape)


PAD = defop("PadV2", _pad_forward, _pad_grad,
            lambda op, dx: pad(dx, op.get_attr("paddings"), op.get_attr("mode")))
MIRROR_PAD_GRAD = defop("MirrorPadGrad", _mirror_pad_grad_forward,
                        lambda op, g: pad(g, ((0, 0),) * len(_bshape(op, g)) + op.get_attr("paddings"),
                                          op.get_attr("mode")),
                        lambda op, dx: apply1(MIRROR_PAD_GRAD, dx, op.attrs))


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
    cv = np.asarray(getattr(constant_values, "_value", constant_values)).astype(x._value.dtype)[()]
    return apply1(PAD, x, {"paddings": tuple(map(tuple, pv.tolist())), "mode": mode,
                           "constant_values": cv})


REVERSE = defop("ReverseV2", lambda v, axis: np.flip(v, axis) if axis else v,
                lambda op, g: reverse(g, [a + len(_bshape(op, g)) for a in op.get_attr("axis")]),
                lambda op, dx: reverse(dx, op.get_attr("axis")))


def reverse(tensor, axis, name=None):
    """Reverses the order of elements along the given axes.

    >>> tf.reverse(tf.constant([1, 2, 3]), [0])
    """
    x = t(tensor)
    nd = x._value.ndim
    axes = int_list(axis)
    for a in axes:
        if not -nd <= a < nd:
            raise op_error(InvalidArgumentError, "ReverseV2",
                           f"'axis'[0] = {a} is out of valid range [0, {nd - 1}")
    return apply1(REVERSE, x, {"axis": tuple(sorted({a % nd for a in axes}))})


# -- slicing ----------------------------------------------------------------------------------
def _slice_grad_forward(g, shape, key):
    out = np.zeros(shape, g.dtype)
    out[key] = g
    return out


def _slice_forward(v, key):
    out = v[key]
    if not isinstance(out, (np.ndarray, np.generic)):  # an element of a string (object) array
        out = np.array(out, dtype=object)
    return out


SLICE = defop("StridedSlice", _slice_forward,
              lambda op, g: apply1(SLICE_GRAD, g, {
                  "shape": _bshape(op, g) + op.inputs[0]._value.shape,
                  "key": (builtins.slice(None),) * len(_bshape(op, g)) + op.get_attr("key")}),
              lambda op, dx: _slice(dx, op.get_attr("key")))
SLICE_GRAD = defop("StridedSliceGrad", _slice_grad_forward,
                   lambda op, g: _slice(g, (builtins.slice(None),) * len(_bshape(op, g))
                                        + op.get_attr("key")),
                   lambda op, dx: apply1(SLICE_GRAD, dx, op.attrs))


def _slice(x, key):
    return apply1(SLICE, x, {"key": key})


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
            if not -shape[dim] <= i < shape[dim]:
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


def _getitem(self, key):
    x = self if type(self) is Tensor else t(self)
    return _slice(x, _normalize_key(key, x._value.shape))


def slice(input_, begin, size, name=None):  # noqa: A001 - TF's name
    """The slice of `size` elements starting at `begin` (size -1: to the end).

    >>> tf.slice(tf.range(5), [1], [3])
    """
    x = t(input_)
    begin, size = int_list(begin), int_list(size)
    key = tuple(builtins.slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))
    return _slice(x, key)


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """Python-style slicing from `begin`/`end`/`strides` vectors and TF's bit masks.

    >>> tf.strided_slice(tf.range(6), [1], [5], [2])
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
def _gather_forward(params, indices, axis, batch_dims):
    n = params.shape[axis]
    bad = (indices < 0) | (indices >= n)
    if np.any(bad):
        pos = tuple(int(i) for i in np.argwhere(bad)[0])
        where_ = ",".join(map(str, pos))
        raise op_error(InvalidArgumentError, "GatherV2",
                       f"indices[{where_}] = {int(indices[pos])} is not in [0, {n})")
    if batch_dims == 0:
        return np.take(params, indices, axis=axis)
    return _batched_take(params, indices, axis, batch_dims)


def _batched_layout(shape, indices, axis, batch_dims):
    """Flattened batch (nb), the batch-index grid, and the permutation from NumPy's advanced-index
    layout (nb, *idx, *pre, *post) to TF's (nb, *pre, *idx, *post), for a batched gather."""
    nb = int(np.prod(shape[:batch_dims]))
    n_idx = indices.ndim - batch_dims
    n_pre = axis - batch_dims
    n_post = len(shape) - axis - 1
    bgrid = np.arange(nb).reshape((nb,) + (1,) * n_idx)
    perm = ([0] + list(builtins.range(1 + n_idx, 1 + n_idx + n_pre)) + list(builtins.range(1, 1 + n_idx))
            + list(builtins.range(1 + n_idx + n_pre, 1 + n_idx + n_pre + n_post)))
    return nb, bgrid, perm


def _batched_take(params, indices, axis, batch_dims):
    """Gather with batch dims, vectorized: one advanced-indexing step over all batch elements."""
    bshape = params.shape[:batch_dims]
    nb, bgrid, perm = _batched_layout(params.shape, indices, axis, batch_dims)
    p = np.moveaxis(params.reshape((nb,) + params.shape[batch_dims:]), axis - batch_dims + 1, 1)
    i = indices.reshape((nb,) + indices.shape[batch_dims:])
    out = p[bgrid, i].transpose(perm)
    return out.reshape(bshape + out.shape[1:])


def _gather_grad(op, g):
    """An axis-0 gather's gradient is sparse (IndexedSlices), as in TF; otherwise a scatter-add."""
    params, indices = op.inputs
    a = op.attrs
    pshape = params._value.shape
    batch = _bshape(op, g)
    if batch:  # batched cotangents (vectorized jacobians): a dense scatter after the batch axes
        if a["batch_dims"]:
            raise NotBatchable("GatherV2 with batch_dims")
        return apply2(GATHER_GRAD, g, indices, {"shape": batch + pshape,
                                                "axis": a["axis"] + len(batch),
                                                "batch_dims": 0}), None
    if a["axis"] == 0 and a["batch_dims"] == 0:
        n = indices._value.size
        return IndexedSlices(reshape(g, (n,) + pshape[1:]), reshape(indices, (n,)),
                             wrap(np.array(pshape, np.int32))), None
    return apply2(GATHER_GRAD, g, indices, {"shape": pshape, "axis": a["axis"],
                                            "batch_dims": a["batch_dims"]}), None


def _indexed_slices_to_dense(s):
    shape = tuple(int(d) for d in np.asarray(s.dense_shape._value).reshape(-1))
    return apply2(GATHER_GRAD, s.values, s.indices, {"shape": shape, "axis": 0, "batch_dims": 0})


def _indexed_slices_concat(a, b):
    return IndexedSlices(concat([a.values, b.values], 0), concat([a.indices, b.indices], 0),
                         a.dense_shape)


def _gather_grad_forward(g, indices, shape, axis, batch_dims):
    """Scatter-adds `g` back to the gathered positions (the transpose of gather)."""
    out = np.zeros(shape, g.dtype)
    if batch_dims == 0:
        np.add.at(out, (builtins.slice(None),) * axis + (indices,), g)
        return out
    nb, bgrid, perm = _batched_layout(shape, indices, axis, batch_dims)
    o = np.moveaxis(out.reshape((nb,) + shape[batch_dims:]), axis - batch_dims + 1, 1)  # a view
    i = indices.reshape((nb,) + indices.shape[batch_dims:])
    gg = g.reshape((nb,) + g.shape[batch_dims:]).transpose(np.argsort(perm))
    np.add.at(o, (bgrid, i), gg)
    return out


GATHER = defop("GatherV2", _gather_forward, _gather_grad,
               lambda op, dp, di: gather(dp, op.inputs[1], axis=op.get_attr("axis"),
                                         batch_dims=op.get_attr("batch_dims")))
def _gather_grad_grad(op, g):
    nb = g._value.ndim - op.outputs[0]._value.ndim
    if nb and op.get_attr("batch_dims"):
        raise NotBatchable("UnsortedSegmentSum with batch_dims")
    return gather(g, op.inputs[1], axis=op.get_attr("axis") + nb,
                  batch_dims=op.get_attr("batch_dims")), None


# (TF computes this with UnsortedSegmentSum; the name is kept distinct from that op's own entry)
GATHER_GRAD = defop("GatherV2Grad", _gather_grad_forward, _gather_grad_grad,
                    lambda op, dg, di: apply2(GATHER_GRAD, dg, op.inputs[1], op.attrs))


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """Takes slices of `params` at `indices` along `axis`.

    >>> tf.gather(tf.constant([10, 20, 30]), [2, 0])
    """
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
def _select_grad(op, g):
    c = op.inputs[0]
    zeros = zeros_like(g)
    return None, where(c, g, zeros), where(c, zeros, g)


SELECT = defop("SelectV2", np.where, _select_grad,
               lambda op, dc, dx, dy: where(op.inputs[0],
                                            dx if dx is not None else zeros_like(op.outputs[0]),
                                            dy if dy is not None else zeros_like(op.outputs[0])))


def where(condition, x=None, y=None, name=None):
    """Elementwise choice: x where `condition`, else y (broadcasting). With only `condition`,
    the int64 coordinates of its true elements.

    >>> tf.where([True, False], 1.0, 2.0)
    """
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
        np.broadcast_shapes(c._value.shape, x._value.shape, y._value.shape)
    except ValueError:
        raise op_error(InvalidArgumentError, "SelectV2",
                       f"condition {_dims(c._value.shape)}, then {_dims(x._value.shape)}, and else "
                       f"{_dims(y._value.shape)} must be broadcastable") from None
    return apply(SELECT, (c, x, y))


# -- constructors (no gradient) -----------------------------------------------------------------
def zeros(shape, dtype=D.float32, name=None, layout=None):
    """A tensor of zeros.

    >>> tf.zeros((2, 2), tf.int32)
    """
    return wrap(np.zeros(_as_shape_tuple(shape), D.as_dtype(dtype)._np))


def ones(shape, dtype=D.float32, name=None, layout=None):
    """A tensor of ones.

    >>> tf.ones((2, 2))
    """
    return wrap(np.ones(_as_shape_tuple(shape), D.as_dtype(dtype)._np))


def zeros_like(input, dtype=None, name=None, layout=None):  # noqa: A002
    """Zeros with the shape (and dtype, unless given) of `input`.

    >>> tf.zeros_like(tf.ones(3))
    """
    v = input._value if type(input) is Tensor else t(input)._value
    return wrap(np.zeros(v.shape, v.dtype if dtype is None else D.as_dtype(dtype)._np)[()])


def ones_like(input, dtype=None, name=None, layout=None):  # noqa: A002
    """Ones with the shape (and dtype, unless given) of `input`.

    >>> tf.ones_like(tf.zeros(3))
    """
    v = input._value if type(input) is Tensor else t(input)._value
    return wrap(np.ones(v.shape, v.dtype if dtype is None else D.as_dtype(dtype)._np)[()])


def fill(dims, value, name=None, layout=None):
    """A tensor of shape `dims` filled with `value` (dtype inferred from it).

    >>> tf.fill([2, 3], 9)
    """
    v = convert_to_tensor(value)
    if v._value.ndim != 0:
        raise op_error(InvalidArgumentError, "Fill",
                       f"value must be a scalar, got {v._value.ndim} dims")
    return wrap(np.full(_as_shape_tuple(dims), v._value, dtype=v._value.dtype))


def eye(num_rows, num_columns=None, batch_shape=None, dtype=D.float32, name=None):
    """An identity matrix (or a batch of them).

    >>> tf.eye(2)
    """
    m = np.eye(int(num_rows), None if num_columns is None else int(num_columns),
               dtype=D.as_dtype(dtype)._np)
    if batch_shape is not None:
        m = np.broadcast_to(m, tuple(int_list(batch_shape)) + m.shape).copy()
    return wrap(m)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    """Numbers from `start` up to (not including) `limit` by `delta`; int32 unless any is a float.

    >>> tf.range(5)
    """
    if limit is None:
        start, limit = 0, start
    vals = [start, limit, delta]
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
    return wrap(np.arange(arrs[0].item(), arrs[1].item(), d).astype(np_dt))


def linspace(start, stop, num, name=None, axis=0):
    """`num` evenly spaced values from `start` to `stop` inclusive.

    >>> tf.linspace(0.0, 1.0, 3)
    """
    s = t(start)
    e = convert_to_tensor(stop, dtype=s.dtype)
    out = np.linspace(s._value, e._value, int(num), axis=axis).astype(s._value.dtype)
    return wrap(out)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """One-hot vectors of length `depth` at `indices` (float32 unless told).

    >>> tf.one_hot([0, 2], 3)
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
    axis = -1 if axis is None or axis == -1 else int(axis)
    return apply1(ONE_HOT, i, {"depth": depth, "on": on, "off": off, "axis": axis, "dtype": dt})


def _one_hot_forward(i, depth, on, off, axis, dtype):
    out = np.where(np.asarray(i)[..., None] == np.arange(depth), on, off).astype(dtype)
    return np.moveaxis(out, -1, axis) if axis != -1 else out


ONE_HOT = defop("OneHot", _one_hot_forward, lambda op, g: None, lambda op, di: None)


def shape(input, out_type=D.int32, name=None):  # noqa: A002
    """The shape as a 1-D integer tensor.

    >>> tf.shape(tf.ones((2, 3)))
    """
    return wrap(np.array(t(input)._value.shape, dtype=D.as_dtype(out_type)._np))


def shape_n(input, out_type=D.int32, name=None):  # noqa: A002
    """The shapes of several tensors."""
    return [shape(x, out_type) for x in input]


def rank(input, name=None):  # noqa: A002
    """The number of dimensions, as an int32 scalar tensor.

    >>> tf.rank(tf.ones((2, 3)))
    """
    return wrap(np.int32(t(input)._value.ndim))


def size(input, out_type=D.int32, name=None):  # noqa: A002
    """The number of elements, as a scalar tensor.

    >>> tf.size(tf.ones((2, 3)))
    """
    return wrap(D.as_dtype(out_type)._np.type(t(input)._value.size))


def identity_n(input, name=None):  # noqa: A002
    return [identity(x) for x in input]


# Rules above that accept cotangents with extra leading batch axes (vectorized jacobians).
for _op in (RESHAPE, IDENTITY, TRANSPOSE, CONCAT, PACK, TILE, BROADCAST_TO, PAD, MIRROR_PAD_GRAD,
            REVERSE, SLICE, SLICE_GRAD, GATHER, GATHER_GRAD, SELECT, STOP_GRADIENT, ONE_HOT):
    _op.batched_grad = True


# vmap batch rules (tapeflow.framework.batching): attributes that name axes, shapes or index keys
# move past the batch axis.
def _batched_attrs(**changes):
    def transform(attrs, size):
        for name, fn in changes.items():
            attrs[name] = fn(attrs[name], size)
        return attrs
    return transform


def _batch_key(key, size):
    return (builtins.slice(None),) + tuple(key)


def _gather_batch_rule(op, args, batched, attrs, outputs, size):
    if batched[1] or attrs["batch_dims"]:
        return _B.loop(op, args, batched, attrs, outputs, size)
    return apply(op, tuple(args), dict(attrs, axis=attrs["axis"] + 1))


def _gather_grad_batch_rule(op, args, batched, attrs, outputs, size):
    if batched[1] or attrs["batch_dims"]:
        return _B.loop(op, args, batched, attrs, outputs, size)
    return apply(op, tuple(args), dict(attrs, axis=attrs["axis"] + 1,
                                       shape=(size,) + tuple(attrs["shape"])))


_B.register(_B.elementwise, IDENTITY, SELECT, STOP_GRADIENT)
_B.register(_B.with_attrs(_B.shift("axis")), CONCAT, PACK, REVERSE, "Unpack", "Split", "SplitV")
_B.register(_B.with_attrs(_batched_attrs(shape=lambda s, n: (n,) + tuple(s))), RESHAPE)
_B.register(_B.with_attrs(_batched_attrs(shape=lambda s, n: (n,) + tuple(s)), align=True),
            BROADCAST_TO)
_B.register(_B.with_attrs(_batched_attrs(perm=lambda p, n: (0,) + tuple(i + 1 for i in p))),
            TRANSPOSE)
_B.register(_B.with_attrs(_batched_attrs(multiples=lambda m, n: (1,) + tuple(m))), TILE)
_B.register(_B.with_attrs(_batched_attrs(paddings=lambda p, n: ((0, 0),) + tuple(p))), PAD)
_B.register(_B.with_attrs(_batched_attrs(paddings=lambda p, n: ((0, 0),) + tuple(p),
                                         shape=lambda s, n: (n,) + tuple(s))), MIRROR_PAD_GRAD)
_B.register(_B.with_attrs(_batched_attrs(key=_batch_key)), SLICE)
_B.register(_B.with_attrs(_batched_attrs(key=_batch_key, shape=lambda s, n: (n,) + tuple(s))),
            SLICE_GRAD)
_B.register(_B.with_attrs(_batched_attrs(axis=lambda a, n: a if a == -1 else a + 1)), ONE_HOT)
_B.register(_gather_batch_rule, GATHER)
_B.register(_gather_grad_batch_rule, GATHER_GRAD)
