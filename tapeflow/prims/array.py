"""Array primitives beyond the base: tile, pad, reverse, strided slicing and one_hot.

(Reshape, transpose, broadcast_to, concat, stack, split, gather and select are in `base`.)

    >>> from tapeflow.prims import array as PA
    >>> PA.reverse(tf.constant([1, 2, 3]), (0,))
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([3, 2, 1], dtype=int32)>
"""
import numpy as np

from ..framework.op import ANY, apply, apply1, defop
from ..framework.tensor import wrap
from . import base as P
from ._common import aval, bshape, same
from .base import loop, move_to_front, reshape

_none = slice(None)


def _front_batch(transform):
    """A batch rule: the input's batch axis moved first, `transform(attrs, n)` applied."""
    def rule(op, args, dims, attrs):
        x = move_to_front(args[0], dims[0])
        return apply1(op, x, transform(dict(attrs), x._value.shape[0])), 0
    return rule


# ============================================================================================
# Tile
# ============================================================================================
def _tile_grad(op, g):
    x = op.inputs[0]
    mult = op.attrs["multiples"]
    shape = x._value.shape
    batch = bshape(op, g)
    inter = []
    for m, d in zip(mult, shape):
        inter += [m, d]
    nb = len(batch)
    return P.reduce_sum(reshape(g, batch + tuple(inter)),
                        tuple(nb + i for i in range(0, 2 * len(shape), 2)))


def _tile_shape(a, multiples):
    return aval([None if d is None else d * m for d, m in zip(a.shape, multiples)], a.dtype)


TILE = defop("Tile", lambda v, multiples: np.tile(v, multiples), _tile_grad, linear=True,
             allowed=ANY, shape=_tile_shape, batched_grad=True,
             batch=_front_batch(lambda a, n: dict(a, multiples=(1,) + tuple(a["multiples"]))))


def tile(x, multiples):
    return apply1(TILE, x, {"multiples": tuple(multiples)})


# ============================================================================================
# Pad (CONSTANT, REFLECT, SYMMETRIC) and the mirror modes' gradient
# ============================================================================================
def _pad_forward(v, paddings, mode, constant_values):
    if mode == "CONSTANT":
        return np.pad(v, paddings, mode="constant", constant_values=constant_values)
    return np.pad(v, paddings, mode="reflect" if mode == "REFLECT" else "symmetric")


def _pad_grad(op, g):
    x = op.inputs[0]
    paddings = op.attrs["paddings"]
    batch = bshape(op, g)
    if op.attrs["mode"] == "CONSTANT":
        key = (_none,) * len(batch) + tuple(
            slice(lo, lo + d) for (lo, _), d in zip(paddings, x._value.shape))
        return strided_slice(g, key)
    return apply1(MIRROR_PAD_GRAD, g, {"paddings": ((0, 0),) * len(batch) + paddings,
                                       "mode": op.attrs["mode"], "shape": batch + x._value.shape})


def _pad_jvp(op, dx):
    a = op.attrs
    return apply1(PAD, dx, dict(a, constant_values=np.zeros((), dx._value.dtype)[()]))


def _pad_shape(a, paddings, mode, constant_values):
    return aval([None if d is None else d + lo + hi for d, (lo, hi) in zip(a.shape, paddings)],
                a.dtype)


PAD = defop("PadV2", _pad_forward, _pad_grad, _pad_jvp, allowed=ANY, shape=_pad_shape,
            batched_grad=True,
            batch=_front_batch(lambda a, n: dict(a, paddings=((0, 0),) + tuple(a["paddings"]))))


def pad(x, paddings, mode, constant_values):
    return apply1(PAD, x, {"paddings": tuple(tuple(p) for p in paddings), "mode": mode,
                           "constant_values": constant_values})


def _mirror_pad_grad_forward(g, paddings, mode, shape):
    """Adds each padded element's cotangent back onto the element it mirrors."""
    index = np.arange(int(np.prod(shape))).reshape(shape)
    mapped = np.pad(index, paddings, mode="reflect" if mode == "REFLECT" else "symmetric")
    out = np.zeros(int(np.prod(shape)), g.dtype)
    np.add.at(out, mapped.reshape(-1), np.asarray(g).reshape(-1))
    return out.reshape(shape)


MIRROR_PAD_GRAD = defop(
    "MirrorPadGrad", _mirror_pad_grad_forward,
    lambda op, g: pad(g, ((0, 0),) * len(bshape(op, g)) + op.attrs["paddings"], op.attrs["mode"],
                      np.zeros((), g._value.dtype)[()]),
    linear=True, allowed=ANY, batched_grad=True,
    shape=lambda g, paddings, mode, shape: aval(shape, g.dtype),
    batch=_front_batch(lambda a, n: dict(a, paddings=((0, 0),) + tuple(a["paddings"]),
                                         shape=(n,) + tuple(a["shape"]))))


# ============================================================================================
# Reverse
# ============================================================================================
REVERSE = defop("ReverseV2", lambda v, axis: np.flip(v, axis) if axis else v,
                lambda op, g: reverse(g, tuple(a + len(bshape(op, g)) for a in op.attrs["axis"])),
                linear=True, allowed=ANY, shape=same, batched_grad=True,
                batch=_front_batch(lambda a, n: dict(a, axis=tuple(x + 1 for x in a["axis"]))))


def reverse(x, axis):
    """x reversed along `axis` (a tuple of non-negative ints)."""
    return apply1(REVERSE, x, {"axis": tuple(axis)})


# ============================================================================================
# Strided slicing (the attribute `key` is a normalized NumPy basic-indexing key: ints, slices,
# None and Ellipsis) and its gradient
# ============================================================================================
def _slice_forward(v, key):
    out = v[key]
    if not isinstance(out, (np.ndarray, np.generic)):  # an element of a string (object) array
        out = np.array(out, dtype=object)
    return out


def slice_shape(shape, key):
    """The shape of x[key] for x of `shape` (dimensions may be None)."""
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    out = []
    dim = 0
    for k in key:
        if k is None:
            out.append(1)
        elif k is Ellipsis:
            n = len(shape) - n_real
            out.extend(shape[dim:dim + n])
            dim += n
        elif isinstance(k, slice):
            d = shape[dim]
            out.append(None if d is None else len(range(*k.indices(d))))
            dim += 1
        else:
            dim += 1
    out.extend(shape[dim:])
    return tuple(out)


def _slice_grad_forward(g, shape, key):
    out = np.zeros(shape, g.dtype)
    out[key] = g
    return out


SLICE = defop("StridedSlice", _slice_forward,
              lambda op, g: apply1(SLICE_GRAD, g, {
                  "shape": bshape(op, g) + op.inputs[0]._value.shape,
                  "key": (_none,) * len(bshape(op, g)) + op.attrs["key"]}),
              linear=True, allowed=ANY, batched_grad=True,
              shape=lambda a, key: aval(slice_shape(a.shape, key), a.dtype),
              batch=_front_batch(lambda a, n: dict(a, key=(_none,) + tuple(a["key"]))))
SLICE_GRAD = defop("StridedSliceGrad", _slice_grad_forward,
                   lambda op, g: strided_slice(g, (_none,) * len(bshape(op, g)) + op.attrs["key"]),
                   linear=True, allowed=ANY, batched_grad=True,
                   shape=lambda g, shape, key: aval(shape, g.dtype),
                   batch=_front_batch(lambda a, n: dict(a, key=(_none,) + tuple(a["key"]),
                                                        shape=(n,) + tuple(a["shape"]))))


def strided_slice(x, key):
    """x[key] for a normalized basic-indexing key (a tuple)."""
    return apply1(SLICE, x, {"key": tuple(key)})


# ============================================================================================
# OneHot (no gradient)
# ============================================================================================
def _one_hot_forward(i, depth, on, off, axis, dtype):
    out = np.where(np.asarray(i)[..., None] == np.arange(depth), on, off).astype(dtype)
    return np.moveaxis(out, -1, axis) if axis != -1 else out


def _one_hot_shape(i, depth, on, off, axis, dtype):
    s = list(i.shape)
    s.insert(len(s) if axis == -1 else axis, depth)
    return aval(s, dtype)


ONE_HOT = defop("OneHot", _one_hot_forward, nondiff=True, allowed=ANY, shape=_one_hot_shape,
                batched_grad=True,
                batch=_front_batch(lambda a, n: dict(a, axis=a["axis"] if a["axis"] == -1
                                                     else a["axis"] + 1)))


def one_hot(indices, depth, on, off, axis, dtype):
    return apply1(ONE_HOT, indices, {"depth": depth, "on": on, "off": off, "axis": axis,
                                     "dtype": np.dtype(dtype)})


# ============================================================================================
# Shape-valued and shape-taking ops for graphs (eagerly these values are known: the public
# functions compute them directly; in a graph whose shapes are not all known, they are ops)
# ============================================================================================
def _shape_of_shape(a, dtype):
    return aval((None,) if a.shape is None else (len(a.shape),), dtype)


def _shape_batch(op, args, dims, attrs):
    """A per-example shape is the same for every example: unbatched."""
    x, d = args[0], dims[0]
    full = x._value.shape
    if None not in full:
        return wrap(np.array(full[:d] + full[d + 1:], attrs["dtype"])), None
    s = apply1(op, x, attrs)
    parts = [strided_slice(s, (slice(0, d),)), strided_slice(s, (slice(d + 1, None),))]
    return P.concat(parts, 0), None


SHAPE = defop("Shape", lambda v, dtype: np.array(np.shape(v), dtype), nondiff=True, allowed=ANY,
              shape=_shape_of_shape, batch=_shape_batch)


def shape(x, dtype=np.int32):
    return apply1(SHAPE, x, {"dtype": np.dtype(dtype)})


def _range_forward(start, limit, delta, dtype):
    if delta == 0:
        from ..framework.errors import InvalidArgumentError, op_error
        raise op_error(InvalidArgumentError, "Range", f"Requires delta != 0: {delta}")
    return np.arange(start, limit, delta).astype(dtype)


def _range_shape(start, limit, delta, dtype):
    return aval((None,), dtype)


RANGE = defop("Range", _range_forward, nondiff=True, allowed=ANY, shape=_range_shape,
              batch=P.loop)


def range_(start, limit, delta, dtype):
    return apply(RANGE, (start, limit, delta), {"dtype": np.dtype(dtype)})


def _fill_grad(op, g):
    return None, P.reduce_sum(g, tuple(range(g._value.ndim)))


def _fill_shape(dims, value):
    n = dims.shape[0] if dims.shape else 0
    return aval((None,) * (n or 0), value.dtype)


FILL = defop("Fill", lambda dims, value: np.full(tuple(int(d) for d in np.asarray(dims)), value),
             _fill_grad, linear=False, allowed=ANY, shape=_fill_shape, batch=P.loop,
             jvp=lambda op, ddims, dvalue: None if dvalue is None else apply(
                 FILL, (op.inputs[0], dvalue)))


def fill(dims, value):
    """A tensor of shape `dims` (an int tensor) filled with scalar `value`."""
    return apply(FILL, (dims, value))


def _reshape_tensor_forward(v, shape):
    from .base import _reshape_forward
    return _reshape_forward(v, tuple(int(d) for d in np.asarray(shape)))


def _reshape_tensor_shape(a, s):
    n = s.shape[0] if s.shape else 0
    return aval((None,) * (n or 0), a.dtype)


RESHAPE_TENSOR = defop(
    "DynamicReshape", _reshape_tensor_forward,
    lambda op, g: (P.reshape_like(g, op.inputs[0]), None),
    lambda op, dx, ds: None if dx is None else apply(RESHAPE_TENSOR, (dx, op.inputs[1])),
    allowed=ANY, shape=_reshape_tensor_shape, batch=P.loop)


def reshape_tensor(x, shape):
    """x reshaped to `shape` given as an integer tensor (a graph's runtime shape)."""
    return apply(RESHAPE_TENSOR, (x, shape))


# ============================================================================================
# Strided slicing with graph-tensor bounds (x[i] with `i` a graph tensor): the key's template
# holds `_DYN` where a scalar input's value goes
# ============================================================================================
class _Dyn:
    __slots__ = ()

    def __repr__(self):
        return "<dynamic>"


_DYN = _Dyn()


def _fill_key(key, values):
    it = iter(values)

    def one(k):
        if k is _DYN:
            return int(next(it))
        if isinstance(k, slice):
            return slice(*(int(next(it)) if p is _DYN else p for p in (k.start, k.stop, k.step)))
        return k
    return tuple(one(k) for k in key)


def _dyn_slice_forward(v, *bounds, key):
    return _slice_forward(v, _fill_key(key, bounds))


def _dyn_key_shape(shape, key):
    """The result shape: dimensions with dynamic bounds unknown, dynamic indices removed."""
    static = tuple(0 if k is _DYN else (slice(*(None if p is _DYN else p for p in
                                               (k.start, k.stop, k.step)))
                                       if isinstance(k, slice) else k) for k in key)
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    out = []
    dim = 0
    for k in key:
        if k is None:
            out.append(1)
        elif k is Ellipsis:
            n = len(shape) - n_real
            out.extend(shape[dim:dim + n])
            dim += n
        elif isinstance(k, slice):
            d = shape[dim]
            dyn = any(p is _DYN for p in (k.start, k.stop, k.step))
            out.append(None if d is None or dyn else len(range(*k.indices(d))))
            dim += 1
        else:
            dim += 1
    out.extend(shape[dim:])
    del static
    return tuple(out)


def _dyn_slice_grad(op, g):
    x = op.inputs[0]
    nb = bshape(op, g)
    out = apply(DYN_SLICE_GRAD, (g, x) + tuple(op.inputs[1:]),
                {"key": (_none,) * len(nb) + tuple(op.attrs["key"]), "nb": len(nb)})
    return (out,) + (None,) * (len(op.inputs) - 1)


def _dyn_slice_grad_forward(g, like, *bounds, key, nb):
    shape = np.shape(g)[:nb] + np.shape(like)
    return _slice_grad_forward(g, shape, _fill_key(key, bounds))


DYN_SLICE = defop("StridedSliceDynamic", _dyn_slice_forward, _dyn_slice_grad, linear=True,
                  allowed=ANY, batch=loop,
                  shape=lambda a, *b, key: aval(_dyn_key_shape(a.shape, key), a.dtype))
DYN_SLICE_GRAD = defop(
    "StridedSliceDynamicGrad", _dyn_slice_grad_forward,
    lambda op, g: (apply(DYN_SLICE, (g,) + tuple(op.inputs[2:]), {"key": op.attrs["key"]}),
                   None) + (None,) * (len(op.inputs) - 2),
    linear=True, allowed=ANY, batch=loop,
    shape=lambda g, like, *b, key, nb: aval(like.shape, g.dtype))


def dynamic_slice(x, key_template, bounds):
    """x[key] where the key's `_DYN` entries are the values of scalar tensors `bounds`."""
    return apply(DYN_SLICE, (x,) + tuple(bounds), {"key": tuple(key_template)})
