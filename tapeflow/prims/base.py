"""The base of the primitive layer: the primitives the engine itself builds gradients with.

Accumulation (`add`), broadcast reduction (`reduce_sum`, `reshape`), the stacks, reshapes and
transposes of jacobians and vmap (`stack`, `unstack`, `transpose`, `broadcast_to`), and the
densifying and concatenation of sparse `IndexedSlices` gradients (`gather` and its transpose,
`concat`, `split`). Each primitive is one complete record (see `framework.op.Primitive`); the
functions at the end of each section are the unchecked binders that gradient rules, batch rules
and the engine call (inputs are Tensors of allowed dtypes; attributes are already normalized).

    >>> from tapeflow.prims import base as P
    >>> P.reduce_sum(tf.ones((2, 3)), (1,), False)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 3.], dtype=float32)>
"""
import operator

import numpy as np

from ..framework import parallel
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.indexed_slices import IndexedSlices
from ..framework.op import ANY, NotBatchable, apply, apply1, apply2, defop
from ..framework.tensor import AbstractArray, register_tensor_conversion_function, wrap
from ._common import NUMERIC, aval, broadcast, bshape, dims_text, reduced_shape, reduction, same

_none = slice(None)


def sum_tangents(a, b):
    """a + b for tangents or cotangents that may be None (a zero)."""
    if a is None:
        return b
    if b is None:
        return a
    return add(a, b)


def output_shaped(op, tangent):
    """A tangent broadcast to the op's output shape (an input's own tangent may be smaller)."""
    shape = op.outputs[0]._value.shape
    if tangent is None or tangent._value.shape == shape:
        return tangent
    return broadcast_to(tangent, shape)


def _zeros_for_none(tangents, like):
    return [t if t is not None else zeros_like(x) for t, x in zip(tangents, like)]


# ============================================================================================
# Generic batch rules (vmap): rule(op, args, dims, attrs) -> (outputs, out_dims)
#   unary        one input, elementwise: the batch axis stays where it is;
#   elementwise  broadcasting ops: batch axes first, batched inputs padded to the output's rank;
#   leading      ops that treat leading axes as batch axes (softmax over the last axis, ...);
#   axis_shift   ops with axis attributes, shifted past a leading batch axis;
#   loop         one application per example, stacked: correct for every op, slow.
# ============================================================================================
def move_to_front(x, d):
    """`x` with its batch axis `d` moved to axis 0."""
    if d == 0:
        return x
    nd = x._value.ndim
    perm = (d,) + tuple(i for i in range(nd) if i != d)
    return transpose(x, perm)


def move_axis(x, src, dst):
    """`x` with its axis `src` moved to position `dst` (both non-negative)."""
    if src == dst:
        return x
    order = [i for i in range(x._value.ndim) if i != src]
    order.insert(dst, src)
    return transpose(x, tuple(order))


def broadcast_batch(x, size):
    """An unbatched input given a leading batch axis of `size`."""
    return broadcast_to(x, (size,) + tuple(x._value.shape))


def batch_size(args, dims):
    for x, d in zip(args, dims):
        if d is not None:
            return x._value.shape[d]
    raise ValueError("a batch rule was called with no batched input")


def example_rank(x, d):
    return x._value.ndim - (d is not None)


def unary(op, args, dims, attrs):
    """One input, elementwise: the op runs on the batched value as it is."""
    return apply(op, args, attrs), dims[0]


def elementwise(op, args, dims, attrs):
    """Broadcasting ops: batch axes first, batched inputs padded to the output's rank."""
    rank = max(example_rank(x, d) for x, d in zip(args, dims))
    xs = []
    for x, d in zip(args, dims):
        if d is not None:
            x = move_to_front(x, d)
            own = x._value.ndim - 1
            if own < rank:
                x = reshape(x, x._value.shape[:1] + (1,) * (rank - own) + x._value.shape[1:])
        xs.append(x)
    out = apply(op, xs, attrs)
    if op.multi:
        return out, tuple(0 for _ in out)
    return out, 0


def all_batched(args, dims):
    """Every input with a leading batch axis (unbatched ones broadcast to the batch)."""
    size = batch_size(args, dims)
    return [move_to_front(x, d) if d is not None else broadcast_batch(x, size)
            for x, d in zip(args, dims)]


def leading(op, args, dims, attrs):
    """Ops that treat leading axes as batch axes: run on fully batched inputs."""
    out = apply(op, all_batched(args, dims), attrs)
    if op.multi:
        return out, tuple(0 for _ in out)
    return out, 0


def shift_axes(value, rank):
    """An axis attribute (int or tuple of ints) for an input with a leading batch axis added;
    non-negative axes move by one, negative ones (from the end) stay."""
    if value is None:
        return tuple(range(1, rank + 1))
    if isinstance(value, (tuple, list)):
        return tuple(a + 1 if a >= 0 else a for a in value)
    return value + 1 if value >= 0 else value


def axis_shift(*names, align=False):
    """A rule for ops whose attributes `names` are axes: inputs fully batched (padded to a common
    rank first when `align`), the axes shifted past the batch axis."""
    def rule(op, args, dims, attrs):
        rank = max(example_rank(x, d) for x, d in zip(args, dims))
        if align:
            args = [reshape(move_to_front(x, d), (x._value.shape[d],) + (1,) * (
                rank - example_rank(x, d)) + tuple(move_to_front(x, d)._value.shape[1:]))
                    if d is not None and example_rank(x, d) < rank else x
                    for x, d in zip(args, dims)]
        xs = all_batched(args, dims)
        new = dict(attrs)
        for n in names:
            new[n] = shift_axes(attrs.get(n), rank)
        out = apply(op, xs, new)
        if op.multi:
            return out, tuple(0 for _ in out)
        return out, 0
    return rule


def with_attrs(transform):
    """A rule running the op on fully batched inputs with `transform(attrs, size)` applied."""
    def rule(op, args, dims, attrs):
        size = batch_size(args, dims)
        out = apply(op, all_batched(args, dims), transform(dict(attrs), size))
        if op.multi:
            return out, tuple(0 for _ in out)
        return out, 0
    return rule


def only_first_batched(rule):
    """Use `rule` when only the first input is batched; otherwise loop over the examples."""
    def checked(op, args, dims, attrs):
        if any(d is not None for d in dims[1:]):
            return loop(op, args, dims, attrs)
        return rule(op, args, dims, attrs)
    return checked


def loop(op, args, dims, attrs):
    """One application per example, stacked along a new leading axis."""
    size = batch_size(args, dims)
    per = []
    for i in range(size):
        xs = [index_axis(x, d, i) if d is not None else x for x, d in zip(args, dims)]
        per.append(apply(op, xs, attrs))
    if not op.multi:
        return stack(per, 0), 0
    n = len(per[0]) if per else op.outputs_for(attrs)
    return tuple(stack([p[k] for p in per], 0) for k in range(n)), (0,) * n



# ============================================================================================
# Add: the accumulation of cotangents
# ============================================================================================
ADD = defop("AddV2", operator.add, allowed=NUMERIC, shape=broadcast, batch=elementwise,
            batched_grad=True, parallel=parallel.elementwise(np.add, cheap=True),
            grad=lambda op, g: (g, g),  # the engine sums broadcast gradients down (sum_to)
            jvp=lambda op, dx, dy: output_shaped(op, sum_tangents(dx, dy)))


def add(x, y):
    return apply2(ADD, x, y)


# ============================================================================================
# Sum
# ============================================================================================
def _sum_forward(v, axis, keepdims):
    return np.add.reduce(v, axis=axis, dtype=v.dtype, keepdims=keepdims)[()]  # np.sum, unwrapped


def restore_reduced(g, op):
    """g (a reduction's output-shaped cotangent, maybe with leading batch axes) reshaped to the
    input's rank with the reduced axes of size 1, so it broadcasts against the input."""
    in_shape = op.inputs[0]._value.shape
    if not op.attrs["keepdims"] and g._value.ndim:  # (a scalar broadcasts as it is)
        axes = op.attrs["axis"]
        lead = bshape(op, g)
        if None in in_shape or None in lead:  # (a graph tensor of unknown dimensions)
            return expand_dims(g, tuple(len(lead) + a for a in sorted(axes)))
        g = reshape(g, lead + tuple(1 if i in axes else d for i, d in enumerate(in_shape)))
    return g


def _sum_grad(op, g):
    x = op.inputs[0]
    if None in x._value.shape:  # broadcast to the input's shape when it runs
        return add(restore_reduced(g, op), zeros_like(x))
    return broadcast_to(restore_reduced(g, op), bshape(op, g) + x._value.shape)


def _expand_dims_shape(a, axes):
    shape = list(a.shape)
    for ax in axes:
        shape.insert(ax, 1)
    return aval(tuple(shape), a.dtype)


def _expand_dims_batch(op, args, dims, attrs):
    x = move_to_front(args[0], dims[0])
    return apply1(op, x, {"axes": tuple(a + 1 for a in attrs["axes"])}), 0


EXPAND_DIMS = defop("ExpandDims", lambda v, axes: np.expand_dims(v, axes),
                    lambda op, g: reshape_like(g, op.inputs[0]), linear=True, allowed=ANY,
                    shape=_expand_dims_shape, batch=_expand_dims_batch)


def expand_dims(x, axes):
    """x with axes of size 1 inserted at `axes` (sorted positions in the result)."""
    return apply1(EXPAND_DIMS, x, {"axes": tuple(axes)})


def _reduction_batch(op, args, dims, attrs):
    x = move_to_front(args[0], dims[0])
    return apply1(op, x, dict(attrs, axis=tuple(a + 1 for a in attrs["axis"]))), 0


SUM = defop("Sum", _sum_forward, _sum_grad, allowed=NUMERIC, shape=reduction,
            batch=_reduction_batch, batched_grad=True, linear=True,
            parallel=parallel.reduction(_sum_forward, full=parallel.full_sum))


def reduce_sum(x, axis, keepdims=False):
    """Sum over `axis` (a tuple of non-negative ints)."""
    return apply1(SUM, x, {"axis": tuple(axis), "keepdims": bool(keepdims)})


# ============================================================================================
# Reshape, broadcast_to, transpose
# ============================================================================================
def _reshape_forward(v, shape):
    n = v.size
    known = 1
    unknown = 0
    for d in shape:
        if d == -1 or d is None:
            unknown += 1
        else:
            known *= d
    if unknown > 1:
        raise op_error(InvalidArgumentError, "Reshape", "Only one input size may be -1, not both")
    if (unknown == 0 and known != n) or (unknown == 1 and known == 0 and n) or (
            unknown == 1 and known and n % known):
        what = f"has {known}" if not unknown else f"requires a multiple of {known}"
        raise InvalidArgumentError(None, None, f"Input to reshape is a tensor with {n} values, but "
                                               f"the requested shape {what} [Op:Reshape]")
    if unknown:
        fill = n // known if known else 0
        shape = tuple(fill if d == -1 or d is None else d for d in shape)
    return np.reshape(v, shape)


def _reshape_shape(a, shape):
    out = [None if d == -1 else d for d in shape]
    if out.count(None) == 1 and a.size is not None:
        known = 1
        for d in out:
            if d is not None:
                known *= d
        out[out.index(None)] = a.size // known if known else 0
    return aval(out, a.dtype)


def _reshape_batch(op, args, dims, attrs):
    x = move_to_front(args[0], dims[0])
    return apply1(op, x, {"shape": (x._value.shape[0],) + tuple(attrs["shape"])}), 0


def _reshape_grad(op, g):
    shape = op.inputs[0]._value.shape
    if list(shape).count(None) > 1 and not bshape(op, g):
        return reshape_like(g, op.inputs[0])
    return reshape(g, bshape(op, g) + shape)


RESHAPE = defop("Reshape", _reshape_forward, _reshape_grad,
                linear=True, allowed=ANY, shape=_reshape_shape, batch=_reshape_batch,
                batched_grad=True)


def reshape(x, shape):
    """x in `shape` (a tuple; one dimension may be -1). A no-op when the shape is x's own."""
    shape = tuple(shape)
    if x._value.shape == shape:
        return x
    return apply1(RESHAPE, x, {"shape": shape})


def _reshape_like_batch(op, args, dims, attrs):
    (x, like), (dx, dl) = args, dims
    if dl is None:
        x = move_to_front(x, dx)
        return reshape(x, (x._value.shape[0],) + tuple(like._value.shape)) \
            if None not in like._value.shape else loop(op, args, dims, attrs)
    return loop(op, args, dims, attrs)


RESHAPE_LIKE = defop("ReshapeLike", lambda v, like: np.reshape(v, np.shape(like)),
                     lambda op, g: (reshape_like(g, op.inputs[0]), None),
                     lambda op, dx, dl: None if dx is None else reshape_like(dx, op.inputs[1]),
                     allowed=ANY, batch=_reshape_like_batch,
                     shape=lambda a, like: aval(like.shape, a.dtype))


def reshape_like(x, like):
    """x reshaped to like's (runtime) shape: for gradients in graphs of unknown dimensions."""
    if type(x._value) is not AbstractArray and type(like._value) is not AbstractArray:
        return reshape(x, like._value.shape)
    return apply2(RESHAPE_LIKE, x, like)


def _broadcast_forward(v, shape):
    try:
        return np.broadcast_to(v, shape)
    except ValueError:
        raise op_error(InvalidArgumentError, "BroadcastTo",
                       f"Unable to broadcast tensor of shape {dims_text(v.shape)} to tensor of shape "
                       f"{dims_text(shape)}") from None


def _broadcast_batch(op, args, dims, attrs):
    x = move_to_front(args[0], dims[0])
    n = x._value.shape[0]
    shape = tuple(attrs["shape"])
    own = x._value.ndim - 1
    if own < len(shape):
        x = reshape(x, (n,) + (1,) * (len(shape) - own) + x._value.shape[1:])
    return apply1(op, x, {"shape": (n,) + shape}), 0


BROADCAST_TO = defop("BroadcastTo", _broadcast_forward,
                     lambda op, g: g,  # the engine sums broadcast gradients down (sum_to)
                     linear=True, allowed=ANY, batched_grad=True, batch=_broadcast_batch,
                     shape=lambda a, shape: aval(shape, a.dtype))


def broadcast_to(x, shape):
    """x broadcast to `shape` (a tuple). A no-op when the shape is x's own."""
    shape = tuple(shape)
    if x._value.shape == shape:
        return x
    return apply1(BROADCAST_TO, x, {"shape": shape})


def _shifted_perm(perm, nb):
    return tuple(range(nb)) + tuple(int(p) + nb for p in perm)


def _transpose_batch(op, args, dims, attrs):
    x = move_to_front(args[0], dims[0])
    return apply1(op, x, {"perm": (0,) + tuple(p + 1 for p in attrs["perm"])}), 0


TRANSPOSE = defop("Transpose", lambda v, perm: np.transpose(v, perm),
                  lambda op, g: transpose(g, _shifted_perm(np.argsort(op.attrs["perm"]),
                                                           len(bshape(op, g)))),
                  linear=True, allowed=ANY, batched_grad=True, batch=_transpose_batch,
                  shape=lambda a, perm: aval([a.shape[p] for p in perm], a.dtype))


def transpose(x, perm):
    """x with its axes permuted by `perm` (a tuple of non-negative ints)."""
    perm = tuple(int(p) for p in perm)
    if perm == tuple(range(len(perm))):
        return x
    return apply1(TRANSPOSE, x, {"perm": perm})


# ============================================================================================
# Identity, stop_gradient, zeros_like, select
# ============================================================================================
IDENTITY = defop("Identity", lambda v: v, lambda op, g: g, linear=True, allowed=ANY, shape=same,
                 batch=unary, batched_grad=True, sparse_grad=True)


def identity(x):
    return apply1(IDENTITY, x)


# Recorded (so vmap batches it), but its outputs are constants to autodiff.
STOP_GRADIENT = defop("StopGradient", lambda v: v, nondiff=True, allowed=ANY, shape=same,
                      batch=unary, batched_grad=True)


def stop_gradient(x):
    return apply1(STOP_GRADIENT, x)


ZEROS_LIKE = defop("ZerosLike", lambda v: np.zeros(v.shape, v.dtype)[()] if v.dtype != object
                   else np.full(v.shape, b"", dtype=object),
                   nondiff=True, allowed=ANY, shape=same, batch=unary, batched_grad=True)


def zeros_like(x):
    """Zeros with x's shape and dtype (eager: no op is recorded)."""
    v = x._value
    if type(v) is not AbstractArray:
        return wrap(np.zeros(v.shape, v.dtype)[()])
    return apply1(ZEROS_LIKE, x)


def zeros(shape, dtype):
    """A constant tensor of zeros of a static shape."""
    return wrap(np.zeros(tuple(shape), dtype)[()])


def _select_grad(op, g):
    c = op.inputs[0]
    z = zeros_like(g)
    return None, select(c, g, z), select(c, z, g)


def _select_jvp(op, dc, dx, dy):
    x, y = op.inputs[1], op.inputs[2]
    out = op.outputs[0]
    dx = zeros_like(x) if dx is None else dx
    dy = zeros_like(y) if dy is None else dy
    return output_shaped(op, select(op.inputs[0], dx, dy)) if out is not None else None


SELECT = defop("SelectV2", np.where, _select_grad, _select_jvp, allowed=ANY, shape=lambda c, x, y:
               aval(broadcast(c, x, y).shape, x.dtype), batch=elementwise, batched_grad=True)


def select(c, x, y):
    """x where c, else y (broadcasting; x and y share a dtype)."""
    return apply(SELECT, (c, x, y))


# ============================================================================================
# Pack and Unpack (stack, unstack)
# ============================================================================================
def _stack_forward(*arrays, axis):
    s0 = arrays[0].shape
    for i, a in enumerate(arrays[1:], 1):
        if a.shape != s0:
            raise op_error(InvalidArgumentError, "Pack",
                           f"Shapes of all inputs must match: values[0].shape = {dims_text(s0)} != "
                           f"values[{i}].shape = {dims_text(a.shape)}")
    return np.stack(arrays, axis=axis)


def _stack_shape(*avals, axis):
    s = list(avals[0].shape)
    s.insert(axis, len(avals))
    return aval(s, avals[0].dtype)


PACK = defop("Pack", _stack_forward,
             lambda op, g: unstack(g, op.attrs["axis"] + len(bshape(op, g)), len(op.inputs)),
             lambda op, *dxs: stack(_zeros_for_none(dxs, op.inputs), op.attrs["axis"]),
             allowed=ANY, shape=_stack_shape, batch=axis_shift("axis"), batched_grad=True)


def stack(xs, axis=0):
    """The tensors (all of one shape) joined along a new axis (non-negative)."""
    return apply(PACK, tuple(xs), {"axis": axis})


def _unstack_forward(v, axis, num):
    # views, not copies (tensors never change their arrays): the gradient of a stack of many
    # rows costs one slice per row
    if axis == 0:
        if v.ndim == 1 and v.dtype.kind == "O":  # strings: each a 0-d object array
            return tuple(np.array(s, dtype=object) for s in v)
        return tuple(v)
    lead = (_none,) * axis
    return tuple(v[lead + (i,)] for i in range(num))


def _fill_none(grads, like):
    """Zeros for the missing cotangents of a multi-output op (with the others' batch axes)."""
    batch = next((g._value.shape[:g._value.ndim - x._value.ndim] for g, x in zip(grads, like)
                  if g is not None), ())
    return [g if g is not None else zeros(batch + x._value.shape, x._value.dtype)
            for g, x in zip(grads, like)]


def _batch_ndim_of(grads, like):
    return next((g._value.ndim - x._value.ndim for g, x in zip(grads, like) if g is not None), 0)


def _unstack_grad(op, *grads):
    return stack(_fill_none(grads, op.outputs), op.attrs["axis"] + _batch_ndim_of(grads, op.outputs))


def _unstack_shape(a, axis, num):
    s = a.shape[:axis] + a.shape[axis + 1:]
    return tuple(aval(s, a.dtype) for _ in range(num))


UNPACK = defop("Unpack", _unstack_forward, _unstack_grad,
               lambda op, dx: unstack(dx, op.attrs["axis"], op.attrs["num"]),
               num_outputs=lambda attrs: attrs["num"], allowed=ANY, shape=_unstack_shape,
               batch=axis_shift("axis"), batched_grad=True)


def unstack(x, axis, num):
    """x split along `axis` (non-negative; of size `num`) into a tuple of tensors."""
    return apply(UNPACK, (x,), {"axis": axis, "num": num})


# ============================================================================================
# ConcatV2 and SplitV
# ============================================================================================
def _concat_forward(*arrays, axis):
    try:
        return np.concatenate(arrays, axis=axis)
    except ValueError:
        s0 = arrays[0].shape
        for i, a in enumerate(arrays[1:], 1):
            if a.ndim != len(s0):
                raise op_error(InvalidArgumentError, "ConcatV2",
                               f"Ranks of all input tensors should match: shape[0] = "
                               f"{dims_text(s0)} vs. shape[{i}] = {dims_text(a.shape)}") from None
            for d in range(len(s0)):
                if d != axis and a.shape[d] != s0[d]:
                    raise op_error(InvalidArgumentError, "ConcatV2",
                                   f"ConcatOp : Dimension {d} in both shapes must be equal: shape[0] "
                                   f"= {dims_text(s0)} vs. shape[{i}] = {dims_text(a.shape)}"
                                   ) from None
        raise


def _concat_shape(*avals, axis):
    s = list(avals[0].shape)
    sizes = [a.shape[axis] for a in avals]
    s[axis] = None if None in sizes else sum(sizes)
    for a in avals[1:]:
        for i, d in enumerate(a.shape):
            if i != axis and s[i] is None:
                s[i] = d
    return aval(s, avals[0].dtype)


def _concat_grad(op, g):
    axis = op.attrs["axis"]
    return split(g, tuple(x._value.shape[axis] for x in op.inputs), axis + len(bshape(op, g)))


CONCAT = defop("ConcatV2", _concat_forward, _concat_grad,
               lambda op, *dxs: concat(_zeros_for_none(dxs, op.inputs), op.attrs["axis"]),
               allowed=ANY, shape=_concat_shape, batch=axis_shift("axis"), batched_grad=True)


def concat(xs, axis):
    """The tensors joined along an existing axis (non-negative)."""
    return apply(CONCAT, tuple(xs), {"axis": axis})


def _split_forward(v, sizes, axis):
    # views (as np.split gives), sliced directly: a concat's gradient costs one slice per piece
    lead = (_none,) * axis
    out = []
    start = 0
    for n in sizes:
        out.append(v[lead + (slice(start, start + n),)])
        start += n
    return tuple(out)


def _split_shape(a, sizes, axis):
    out = []
    for n in sizes:
        s = list(a.shape)
        s[axis] = n
        out.append(aval(s, a.dtype))
    return tuple(out)


def _split_grad(op, *grads):
    return concat(_fill_none(grads, op.outputs), op.attrs["axis"] + _batch_ndim_of(grads, op.outputs))


SPLIT = defop("SplitV", _split_forward, _split_grad,
              lambda op, dx: split(dx, op.attrs["sizes"], op.attrs["axis"]),
              num_outputs=lambda attrs: len(attrs["sizes"]), allowed=ANY, shape=_split_shape,
              batch=axis_shift("axis"), batched_grad=True)


def split(x, sizes, axis):
    """x split along `axis` (non-negative) into pieces of `sizes`; a tuple of tensors."""
    return apply(SPLIT, (x,), {"sizes": tuple(int(n) for n in sizes), "axis": axis})


# ============================================================================================
# GatherV2 and its transpose (the densifying of IndexedSlices)
# ============================================================================================
def _gather_forward(params, indices, axis, batch_dims):
    n = params.shape[axis]
    if indices.ndim == 0 and axis == 0 and indices.dtype.kind in "iu":  # one row (a loop's step)
        i = int(indices)
        if 0 <= i < n:
            return params[i]
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
    perm = ([0] + list(range(1 + n_idx, 1 + n_idx + n_pre)) + list(range(1, 1 + n_idx))
            + list(range(1 + n_idx + n_pre, 1 + n_idx + n_pre + n_post)))
    return nb, bgrid, perm


def _batched_take(params, indices, axis, batch_dims):
    """Gather with batch dims, vectorized: one advanced-indexing step over all batch elements."""
    bshape_ = params.shape[:batch_dims]
    nb, bgrid, perm = _batched_layout(params.shape, indices, axis, batch_dims)
    p = np.moveaxis(params.reshape((nb,) + params.shape[batch_dims:]), axis - batch_dims + 1, 1)
    i = indices.reshape((nb,) + indices.shape[batch_dims:])
    out = p[bgrid, i].transpose(perm)
    return out.reshape(bshape_ + out.shape[1:])


def _gather_shape(p, i, axis, batch_dims):
    return aval(p.shape[:axis] + i.shape[batch_dims:] + p.shape[axis + 1:], p.dtype)


def _gather_grad(op, g):
    """An axis-0 gather's gradient is sparse (IndexedSlices), as in TF; otherwise a scatter-add."""
    params, indices = op.inputs
    a = op.attrs
    pshape = params._value.shape
    batch = bshape(op, g)
    if batch:  # batched cotangents (vectorized jacobians): a dense scatter after the batch axes
        if a["batch_dims"]:
            raise NotBatchable("GatherV2 with batch_dims")
        return gather_grad(g, indices, batch + pshape, a["axis"] + len(batch), 0), None
    ishape = indices._value.shape
    if a["axis"] == 0 and a["batch_dims"] == 0 and ishape is not None and None not in ishape \
            and None not in pshape:  # in graphs too, when the shapes are static
        n = int(np.prod(ishape, dtype=np.int64))
        return IndexedSlices(reshape(g, (n,) + pshape[1:]), reshape(indices, (n,)),
                             wrap(np.array(pshape, np.int32))), None
    return gather_grad(g, indices, pshape, a["axis"], a["batch_dims"], like=params), None


def _gather_batch(op, args, dims, attrs):
    (p, i), (dp, di) = args, dims
    axis, bd = attrs["axis"], attrs["batch_dims"]
    if di is None:
        p = move_to_front(p, dp)
        if bd == 0:
            return apply2(op, p, i, {"axis": axis + 1, "batch_dims": 0}), 0
        i = broadcast_batch(i, p._value.shape[0])  # the batch axis joins the batch dims
        return apply2(op, p, i, {"axis": axis + 1, "batch_dims": bd + 1}), 0
    i = move_to_front(i, di)
    if dp is None and bd == 0:  # the indices' batch axis lands where `axis` is
        return apply2(op, p, i, attrs), axis
    p = move_to_front(p, dp) if dp is not None else broadcast_batch(p, i._value.shape[0])
    return apply2(op, p, i, {"axis": axis + 1, "batch_dims": bd + 1}), 0


GATHER = defop("GatherV2", _gather_forward, _gather_grad,
               lambda op, dp, di: gather(dp, op.inputs[1], op.attrs["axis"], op.attrs["batch_dims"]),
               allowed=ANY, shape=_gather_shape, batch=_gather_batch, batched_grad=True)


def gather(params, indices, axis=0, batch_dims=0):
    return apply2(GATHER, params, indices, {"axis": axis, "batch_dims": batch_dims})


def _gather_grad_forward(g, indices, shape, axis, batch_dims):
    """Scatter-adds `g` back to the gathered positions (the transpose of gather)."""
    out = np.zeros(shape, g.dtype)
    if batch_dims == 0:
        np.add.at(out, (_none,) * axis + (indices,), g)
        return out
    nb, bgrid, perm = _batched_layout(shape, indices, axis, batch_dims)
    o = np.moveaxis(out.reshape((nb,) + shape[batch_dims:]), axis - batch_dims + 1, 1)  # a view
    i = indices.reshape((nb,) + indices.shape[batch_dims:])
    gg = g.reshape((nb,) + g.shape[batch_dims:]).transpose(np.argsort(perm))
    np.add.at(o, (bgrid, i), gg)
    return out


def _gather_grad_grad(op, g):
    nb = g._value.ndim - op.outputs[0]._value.ndim
    if nb and op.attrs["batch_dims"]:
        raise NotBatchable("UnsortedSegmentSum with batch_dims")
    return gather(g, op.inputs[1], op.attrs["axis"] + nb, op.attrs["batch_dims"]), None


def _gather_grad_batch(op, args, dims, attrs):
    (g, i), (dg, di) = args, dims
    axis, bd, shape = attrs["axis"], attrs["batch_dims"], tuple(attrs["shape"])
    if di is None:
        g = move_to_front(g, dg)
        n = g._value.shape[0]
        if bd:
            i = broadcast_batch(i, n)
        return apply2(op, g, i, {"shape": (n,) + shape, "axis": axis + 1,
                                 "batch_dims": bd + 1 if bd else 0}), 0
    i = move_to_front(i, di)
    n = i._value.shape[0]
    if dg is None:
        g = broadcast_batch(g, n)
    else:
        g = move_to_front(g, dg)
    return apply2(op, g, i, {"shape": (n,) + shape, "axis": axis + 1, "batch_dims": bd + 1}), 0


# (TF computes this with UnsortedSegmentSum; the name is kept distinct from that op's own entry)
GATHER_GRAD = defop("GatherV2Grad", _gather_grad_forward, _gather_grad_grad, linear=True,
                    allowed=ANY, shape=lambda g, i, shape, axis, batch_dims: aval(shape, g.dtype),
                    batch=_gather_grad_batch, batched_grad=True)


def _gather_grad_like_forward(g, indices, like, axis, batch_dims):
    return _gather_grad_forward(g, indices, np.shape(like), axis, batch_dims)


GATHER_GRAD_LIKE = defop(
    "GatherV2GradLike", _gather_grad_like_forward,
    lambda op, g: (gather(g, op.inputs[1], op.attrs["axis"], op.attrs["batch_dims"]), None, None),
    lambda op, dg, di, dl: None if dg is None else apply(GATHER_GRAD_LIKE, (
        dg, op.inputs[1], op.inputs[2]), op.attrs),
    allowed=ANY, shape=lambda g, i, like, axis, batch_dims: aval(like.shape, g.dtype),
    batch=loop)


def gather_grad(g, indices, shape, axis=0, batch_dims=0, like=None):
    """The transpose of gather: `g` scatter-added into zeros of `shape` (or, when that shape is
    only known at run time, of the shape of tensor `like`)."""
    if like is not None and None in tuple(shape):
        return apply(GATHER_GRAD_LIKE, (g, indices, like), {"axis": axis,
                                                            "batch_dims": batch_dims})
    return apply2(GATHER_GRAD, g, indices, {"shape": tuple(shape), "axis": axis,
                                            "batch_dims": batch_dims})


def indexed_slices_to_dense(s):
    """An IndexedSlices as a dense Tensor (its rows scatter-added into zeros)."""
    shape = tuple(int(d) for d in np.asarray(s.dense_shape._value).reshape(-1))
    return gather_grad(s.values, s.indices, shape)


def indexed_slices_concat(a, b):
    """The sum of two IndexedSlices of one dense shape, kept sparse (rows concatenated)."""
    return IndexedSlices(concat([a.values, b.values], 0), concat([a.indices, b.indices], 0),
                         a.dense_shape)


def _convert_indexed_slices(value, dtype):
    from ..framework.tensor import convert_to_tensor
    dense = indexed_slices_to_dense(value)
    return dense if dtype is None else convert_to_tensor(dense, dtype)


register_tensor_conversion_function(IndexedSlices, _convert_indexed_slices)


def index_axis(x, axis, i):
    """x[..., i, ...] at position `i` of axis `axis` (that axis removed)."""
    return gather(x, wrap(np.int32(i)), axis)


def reduced(shape, axis, keepdims):
    """The shape after a reduction (re-exported for rules)."""
    return reduced_shape(shape, axis, keepdims)


__all__ = ["add", "reduce_sum", "reshape", "broadcast_to", "transpose", "identity",
           "stop_gradient", "zeros_like", "zeros", "select", "stack", "unstack", "concat", "split",
           "gather", "gather_grad", "indexed_slices_to_dense", "indexed_slices_concat",
           "index_axis", "restore_reduced", "sum_tangents", "output_shaped", "move_axis"]
