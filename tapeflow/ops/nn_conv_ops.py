"""Convolution and pooling (`tf.nn.conv2d`, `conv2d_transpose`, `depthwise_conv2d`, `max_pool2d`, ...).

Layout is channels last: an input is [batch, *spatial, channels] and a filter is
[*kernel, in_channels, out_channels] ([*kernel, in_channels, multiplier] for depthwise). Channels-
first formats are transposed at the API boundary. Grouped convolution (input depth a multiple of
the filter's) and depthwise convolution (one group per input channel) share the same code. Every
primitive is N-dimensional (1, 2 or 3 spatial dimensions) and rests on one idea, the *patch view*
of the padded input:

    patches[n, *o, *k, c] = x_padded[n, o * stride + k * dilation, c]

made by `as_strided` without copying. Then
    conv             y  = patches . w              one matmul over (k, c) per group (im2col + GEMM)
    backprop filter  dw = patches^T . dy           one matmul over (n, o)
    backprop input   dx = col2im(dy . w^T)         per kernel tap: one matmul and one strided add
    max pool         y  = max over k; the gradient goes to the first maximum of each window
    avg pool         y  = sum over k / number of in-bounds elements (padding is not counted)
Loops run over kernel taps (9 for a 3x3 window), never over pixels or the batch.

The three ops of a convolution family are bilinear and transposes of each other, so each one's
gradient and JVP are the other two (and itself): nested tapes give derivatives of any order. Max
pooling's gradient (MaxPoolGrad) and its gradient (MaxPoolGradGrad) likewise close on each other.

    >>> x = tf.ones([1, 5, 5, 2])
    >>> tf.nn.conv2d(x, tf.ones([3, 3, 2, 4]), strides=1, padding="SAME").shape
    TensorShape([1, 5, 5, 4])
"""
import itertools
import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, UnimplementedError, op_error
from ..framework.op import apply, apply1, apply2, defop
from ..framework.tensor import Tensor, TensorLike
from . import array_ops as A
from ._common import FLOAT, pair, t

_MAXPOOL_TYPES = FLOAT + (D.int8, D.int16, D.int32, D.int64, D.uint8, D.uint16)


# ============================================================================================
# Geometry: TF's output sizes and padding
# ============================================================================================
def _c_div(a, b):
    """C++ integer division (truncates toward zero), as TF's size arithmetic."""
    return a // b if a >= 0 else -((-a) // b)


def _geometry(op_name, in_sizes, k_sizes, strides, dilations, padding):
    """(output sizes, ((before, after), ...) paddings) per spatial dimension, by TF's rules:
    SAME gives ceil(in / stride) outputs with the extra padding after; VALID none; explicit as given."""
    out, pads = [], []
    for i, (n, k, s, d) in enumerate(zip(in_sizes, k_sizes, strides, dilations)):
        eff = (k - 1) * d + 1
        if padding == "SAME":
            o = -(-n // s)
            total = max((o - 1) * s + eff - n, 0)
            lo, hi = total // 2, total - total // 2
        else:
            lo, hi = (0, 0) if padding == "VALID" else padding[i]
            o = _c_div(n + lo + hi - eff + s, s)
            if o < 0:
                raise op_error(InvalidArgumentError, op_name,
                               f"Computed output size would be negative: {o} [input_size: {n}, "
                               f"effective_filter_size: {eff}, stride: {s}]")
        out.append(o)
        pads.append((lo, hi))
    return tuple(out), tuple(pads)


def _out_sizes(padded_sizes, ksize, strides, dilations):
    """Window positions per spatial dimension of an already padded input."""
    return tuple((p - (k - 1) * d - 1) // s + 1
                 for p, k, s, d in zip(padded_sizes, ksize, strides, dilations))


def _padded_shape(shape, pads):
    return (shape[0],) + tuple(n + lo + hi for n, (lo, hi) in zip(shape[1:-1], pads)) + (shape[-1],)


def _taps(ksize):
    """(i, k) for every kernel tap k (a tuple of offsets), numbered row-major."""
    return enumerate(itertools.product(*(range(s) for s in ksize)))


def _padded(x, pads, fill=0):
    if not any(lo or hi for lo, hi in pads):
        return x
    return np.pad(x, ((0, 0),) + tuple(pads) + ((0, 0),), constant_values=fill)


def _cropped(xp, pads, in_sizes):
    if not any(lo or hi for lo, hi in pads) and xp.shape[1:-1] == tuple(in_sizes):
        return xp
    region = (slice(None),) + tuple(slice(lo, lo + n) for (lo, _), n in zip(pads, in_sizes))
    return np.ascontiguousarray(xp[region])


def _patches(xp, out, ksize, strides, dilations):
    """The read-only view patches[n, *o, *k, c] = xp[n, o * stride + k * dilation, c]."""
    st = xp.strides
    sp = st[1:-1]
    shape = (xp.shape[0],) + tuple(out) + tuple(ksize) + (xp.shape[-1],)
    steps = ((st[0],) + tuple(a * s for a, s in zip(sp, strides))
             + tuple(a * d for a, d in zip(sp, dilations)) + (st[-1],))
    return as_strided(xp, shape, steps, writeable=False)


def _tap_region(k, out, strides, dilations):
    """The index of the padded input read by kernel tap `k` for every output position."""
    return (slice(None),) + tuple(slice(ki * d, ki * d + s * (o - 1) + 1, s) if o else slice(0, 0)
                                  for ki, o, s, d in zip(k, out, strides, dilations))


def _col2im(tap_values, padded_shape, ksize, out, strides, dilations, dtype):
    """The transpose of the patch view: sums `tap_values(i)` ([n, *o, c] for the i-th kernel tap,
    row-major) into an array shaped like the padded input. One strided add per tap; overlapping
    windows accumulate."""
    acc = np.zeros(padded_shape, dtype)
    for i, k in _taps(ksize):
        acc[_tap_region(k, out, strides, dilations)] += tap_values(i)
    return acc


# ============================================================================================
# Convolution families: forward, backprop-input and backprop-filter primitives
# ============================================================================================
def _grouped_filter(w, in_channels, depthwise):
    """The filter as [taps, Cg, G, Fg] for G groups of Cg input and Fg output channels: output
    channel g * Fg + f reads input channels g * Cg ... (g + 1) * Cg - 1. A regular convolution has
    G = 1; a depthwise filter [*k, C, M] is grouped with G = C, Cg = 1, Fg = M."""
    kk = math.prod(w.shape[:-2])
    if depthwise:
        return w.reshape(kk, 1, w.shape[-2], w.shape[-1])
    groups = in_channels // w.shape[-2]
    return w.reshape(kk, w.shape[-2], groups, w.shape[-1] // groups)


def _conv_forward(x, w, strides, dilations, pads, depthwise):
    nsp = x.ndim - 2
    ksize = w.shape[:nsp]
    wg = _grouped_filter(w, x.shape[-1], depthwise)
    kk, cg, groups, fg = wg.shape
    xp = _padded(x, pads)
    out = _out_sizes(xp.shape[1:-1], ksize, strides, dilations)
    if min(out + (x.shape[0],), default=1) == 0:
        return np.zeros(x.shape[:1] + out + (groups * fg,), np.result_type(x, w))
    cols = _patches(xp, out, ksize, strides, dilations).reshape(-1, kk, groups, cg)  # im2col: one copy
    if groups == 1:
        y = cols.reshape(-1, kk * cg) @ wg.reshape(kk * cg, fg)
    else:  # per group: [g, p, kk * cg] @ [g, kk * cg, fg]
        y = np.matmul(cols.transpose(2, 0, 1, 3).reshape(groups, -1, kk * cg),
                      wg.transpose(2, 0, 1, 3).reshape(groups, kk * cg, fg)).transpose(1, 0, 2)
    return y.reshape(x.shape[:1] + out + (groups * fg,))


def _conv_backprop_input(w, dy, input_shape, strides, dilations, pads, depthwise):
    nsp = dy.ndim - 2
    ksize, out = w.shape[:nsp], dy.shape[1:-1]
    wg = _grouped_filter(w, input_shape[-1], depthwise)
    _, cg, groups, fg = wg.shape
    shape = dy.shape[:-1] + (input_shape[-1],)
    if groups == 1:  # tap k: one [p, f] x [f, c] matmul; contiguous results make the adds fast
        dy2, w2 = dy.reshape(-1, fg), wg.reshape(-1, cg, fg)
        tap = lambda i: (dy2 @ w2[i].T).reshape(shape)  # noqa: E731
    else:  # tap k, per group: [g, p, fg] @ [g, fg, cg]
        dyg = dy.reshape(-1, groups, fg).transpose(1, 0, 2)
        wt = wg.transpose(0, 2, 3, 1)  # [taps, g, fg, cg]
        tap = lambda i: np.matmul(dyg, wt[i]).transpose(1, 0, 2).reshape(shape)  # noqa: E731
    acc = _col2im(tap, _padded_shape(input_shape, pads), ksize, out, strides, dilations,
                  np.result_type(w, dy))
    return _cropped(acc, pads, input_shape[1:-1])


def _conv_backprop_filter(x, dy, filter_shape, strides, dilations, pads, depthwise):
    nsp = x.ndim - 2
    ksize, out = tuple(filter_shape[:nsp]), dy.shape[1:-1]
    kk = math.prod(ksize)
    cg = 1 if depthwise else filter_shape[-2]
    groups = x.shape[-1] // cg
    fg = dy.shape[-1] // groups
    cols = _patches(_padded(x, pads), out, ksize, strides, dilations).reshape(-1, kk, groups, cg)
    if groups == 1:
        return (cols.reshape(-1, kk * cg).T @ dy.reshape(-1, fg)).reshape(filter_shape)
    # per group: [g, kk * cg, p] @ [g, p, fg] -> [kk, cg, g, fg]
    dw = np.matmul(cols.transpose(2, 1, 3, 0).reshape(groups, kk * cg, -1),
                   dy.reshape(-1, groups, fg).transpose(1, 0, 2))
    return dw.reshape(groups, kk, cg, fg).transpose(1, 2, 0, 3).reshape(filter_shape)


def _sum_tangents(a, b):
    if a is None:
        return b
    return a if b is None else a + b


class _ConvFamily:
    """The three primitives of one convolution kind (TF op names), each the others' gradient."""

    def __init__(self, forward_name, input_name, filter_name, depthwise, allowed):
        self.depthwise = depthwise
        kind = {"depthwise": depthwise}
        self.forward = defop(forward_name, lambda x, w, **a: _conv_forward(x, w, **a, **kind),
                             self._forward_grad, self._forward_jvp, allowed=allowed)
        self.backprop_input = defop(
            input_name, lambda w, dy, **a: _conv_backprop_input(w, dy, **a, **kind),
            self._input_grad, self._input_jvp, allowed=allowed)
        self.backprop_filter = defop(
            filter_name, lambda x, dy, **a: _conv_backprop_filter(x, dy, **a, **kind),
            self._filter_grad, self._filter_jvp, allowed=allowed)

    # Each helper applies a primitive with the geometry (strides, dilations, pads) of `op`.
    @staticmethod
    def _geo(op):
        a = op.attrs
        return {"strides": a["strides"], "dilations": a["dilations"], "pads": a["pads"]}

    def conv(self, x, w, geo):
        return apply2(self.forward, x, w, geo)

    def input_grad(self, w, dy, input_shape, geo):
        return apply2(self.backprop_input, w, dy, dict(geo, input_shape=tuple(input_shape)))

    def filter_grad(self, x, dy, filter_shape, geo):
        return apply2(self.backprop_filter, x, dy, dict(geo, filter_shape=tuple(filter_shape)))

    # y = conv(x, w)
    def _forward_grad(self, op, dy):
        x, w = op.inputs
        geo, needs = self._geo(op), op.needs_input_grad or (True, True)
        return (self.input_grad(w, dy, x._value.shape, geo) if needs[0] else None,
                self.filter_grad(x, dy, w._value.shape, geo) if needs[1] else None)

    def _forward_jvp(self, op, dx, dw):
        x, w = op.inputs
        geo = self._geo(op)
        return _sum_tangents(None if dx is None else self.conv(dx, w, geo),
                             None if dw is None else self.conv(x, dw, geo))

    # dx = backprop_input(w, dy)
    def _input_grad(self, op, g):
        w, dy = op.inputs
        geo, needs = self._geo(op), op.needs_input_grad or (True, True)
        return (self.filter_grad(g, dy, w._value.shape, geo) if needs[0] else None,
                self.conv(g, w, geo) if needs[1] else None)

    def _input_jvp(self, op, dw, ddy):
        w, dy = op.inputs
        geo, shape = self._geo(op), op.attrs["input_shape"]
        return _sum_tangents(None if dw is None else self.input_grad(dw, dy, shape, geo),
                             None if ddy is None else self.input_grad(w, ddy, shape, geo))

    # dw = backprop_filter(x, dy)
    def _filter_grad(self, op, g):
        x, dy = op.inputs
        geo, needs = self._geo(op), op.needs_input_grad or (True, True)
        return (self.input_grad(g, dy, x._value.shape, geo) if needs[0] else None,
                self.conv(x, g, geo) if needs[1] else None)

    def _filter_jvp(self, op, dx, ddy):
        x, dy = op.inputs
        geo, shape = self._geo(op), op.attrs["filter_shape"]
        return _sum_tangents(None if dx is None else self.filter_grad(dx, dy, shape, geo),
                             None if ddy is None else self.filter_grad(x, ddy, shape, geo))


CONV2D = _ConvFamily("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", False,
                     FLOAT + (D.int32,))
CONV3D = _ConvFamily("Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2", False, FLOAT)
DEPTHWISE = _ConvFamily("DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput",
                        "DepthwiseConv2dNativeBackpropFilter", True, FLOAT)


# ============================================================================================
# Pooling primitives
# ============================================================================================
def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _max_pool(x, ksize, strides, dilations, pads):
    """The maximum over each window. As TF's kernel, it starts from the dtype's lowest value (so
    padding never wins) and skips NaN (fmax)."""
    xp = _padded(x, pads, _lowest(x.dtype))
    out = _out_sizes(xp.shape[1:-1], ksize, strides, dilations)
    best = np.full(x.shape[:1] + out + x.shape[-1:], _lowest(x.dtype), x.dtype)
    for _, k in _taps(ksize):
        np.fmax(best, xp[_tap_region(k, out, strides, dilations)], out=best)
    return best


def _window_argmax(x, ksize, strides, dilations, pads):
    """(tap index of the first maximum of each window, output sizes, padded shape): only a strictly
    greater value replaces the running maximum, so ties keep the first (TF's MaxPoolGrad rule)."""
    xp = _padded(x, pads, _lowest(x.dtype))
    out = _out_sizes(xp.shape[1:-1], ksize, strides, dilations)
    best = np.full(x.shape[:1] + out + x.shape[-1:], _lowest(x.dtype), x.dtype)
    where = np.zeros(best.shape, np.int32)
    for i, k in _taps(ksize):
        v = xp[_tap_region(k, out, strides, dilations)]
        better = v > best
        np.copyto(best, v, where=better)
        where[better] = i
    return where, out, xp.shape


def _max_pool_grad(x, y, dy, ksize, strides, dilations, pads):
    """dy scattered to the first maximum of each window (TF's MaxPoolGrad)."""
    where, out, padded = _window_argmax(x, ksize, strides, dilations, pads)
    zero = np.zeros((), dy.dtype)
    acc = _col2im(lambda i: np.where(where == i, dy, zero), padded, ksize, out, strides,
                  dilations, dy.dtype)
    return _cropped(acc, pads, x.shape[1:-1])


def _max_pool_grad_grad(x, y, g, ksize, strides, dilations, pads):
    """g read at the first maximum of each window (TF's MaxPoolGradGrad)."""
    where, out, _ = _window_argmax(x, ksize, strides, dilations, pads)
    gp = _padded(g, pads)
    result = np.zeros(where.shape, g.dtype)
    for i, k in _taps(ksize):
        np.copyto(result, gp[_tap_region(k, out, strides, dilations)], where=where == i)
    return result


def _pool_attrs(op):
    a = op.attrs
    return {"ksize": a["ksize"], "strides": a["strides"], "dilations": a["dilations"], "pads": a["pads"]}


def _max_pool_grad_rule(op, dy):
    x, y = op.inputs[0], op.outputs[0]
    return apply(MAX_POOL_GRAD, (x, y, dy), _pool_attrs(op))


def _max_pool_jvp(op, dx):
    return apply(MAX_POOL_GRAD_GRAD, (op.inputs[0], op.outputs[0], dx), _pool_attrs(op))


MAX_POOL = defop("MaxPool", _max_pool, _max_pool_grad_rule,
                 _max_pool_jvp, allowed=_MAXPOOL_TYPES)
# Both gradient ops are linear in their last input and piecewise constant in the others (zero
# gradient, as TF): each one's gradient is the other.
MAX_POOL_GRAD = defop(
    "MaxPoolGrad", _max_pool_grad,
    lambda op, g: (A.zeros_like(op.inputs[0]), A.zeros_like(op.inputs[1]),
                   apply(MAX_POOL_GRAD_GRAD, (op.inputs[0], op.inputs[1], g), _pool_attrs(op))),
    lambda op, dx, dy, dg: None if dg is None else apply(
        MAX_POOL_GRAD, (op.inputs[0], op.inputs[1], dg), _pool_attrs(op)))
MAX_POOL_GRAD_GRAD = defop(
    "MaxPoolGradGrad", _max_pool_grad_grad,
    lambda op, g: (A.zeros_like(op.inputs[0]), A.zeros_like(op.inputs[1]),
                   apply(MAX_POOL_GRAD, (op.inputs[0], op.inputs[1], g), _pool_attrs(op))),
    lambda op, dx, dy, dg: None if dg is None else apply(
        MAX_POOL_GRAD_GRAD, (op.inputs[0], op.inputs[1], dg), _pool_attrs(op)))


def _window_counts(in_sizes, ksize, out, strides, dilations, pads):
    """How many in-bounds elements each window holds (padding is not averaged), [1, *o, 1]."""
    count = np.ones((), np.int64)
    for n, k, o, s, d, (lo, _) in zip(in_sizes, ksize, out, strides, dilations, pads):
        pos = np.arange(o)[:, None] * s + np.arange(k)[None, :] * d - lo
        count = np.multiply.outer(count, ((pos >= 0) & (pos < n)).sum(axis=1))
    return count.reshape((1,) + tuple(out) + (1,))


def _avg_pool(x, ksize, strides, dilations, pads):
    xp = _padded(x, pads)
    out = _out_sizes(xp.shape[1:-1], ksize, strides, dilations)
    total = np.zeros(x.shape[:1] + out + x.shape[-1:], x.dtype)
    for _, k in _taps(ksize):
        total += xp[_tap_region(k, out, strides, dilations)]
    return total / _window_counts(x.shape[1:-1], ksize, out, strides, dilations, pads).astype(x.dtype)


def _avg_pool_grad(dy, input_shape, ksize, strides, dilations, pads):
    out = dy.shape[1:-1]
    share = dy / _window_counts(input_shape[1:-1], ksize, out, strides, dilations, pads).astype(dy.dtype)
    acc = _col2im(lambda i: share, _padded_shape(input_shape, pads), ksize, out, strides,
                  dilations, dy.dtype)
    return _cropped(acc, pads, input_shape[1:-1])


# AvgPool is linear: its gradient is AvgPoolGrad (its transpose), whose gradient is AvgPool again.
AVG_POOL = defop("AvgPool", _avg_pool,
                 lambda op, g: apply1(AVG_POOL_GRAD, g, dict(_pool_attrs(op),
                                                             input_shape=op.inputs[0]._value.shape)),
                 lambda op, dx: apply1(AVG_POOL, dx, op.attrs), allowed=FLOAT)
AVG_POOL_GRAD = defop("AvgPoolGrad", _avg_pool_grad,
                      lambda op, g: apply1(AVG_POOL, g, _pool_attrs(op)),
                      lambda op, dg: apply1(AVG_POOL_GRAD, dg, op.attrs), allowed=FLOAT)


# ============================================================================================
# Argument handling shared by the public functions
# ============================================================================================
_FORMATS = {1: ("NWC", "NCW"), 2: ("NHWC", "NCHW"), 3: ("NDHWC", "NCDHW")}


def _channels_first(data_format, nsp):
    """True for NC... formats; ValueError for a format that is neither."""
    if data_format is None:
        return False
    if data_format in ("NCHW", "NCW", "NCDHW") or (data_format.startswith("NC") and nsp == 1):
        return True
    if data_format.startswith("N") and data_format.endswith("C"):
        return False
    raise ValueError(f"`data_format` must be one of {_FORMATS.get(nsp, ('NHWC', 'NCHW'))}. "
                     f"Received: data_format={data_format}")


def _sequence(value, nsp, channels_first, name):
    """TF's `_get_sequence`: an int or a list of 1, N or N+2 ints as the N spatial values, checking
    that the batch and channel entries of a full list are 1."""
    if value is None:
        return (1,) * nsp, True
    if isinstance(value, TensorLike):
        value = np.asarray(value._value).reshape(-1).tolist()
    value = [int(value)] if isinstance(value, (int, np.integer)) else [int(v) for v in value]
    if len(value) == nsp + 2:
        outer = (value[0], value[1]) if channels_first else (value[0], value[-1])
        spatial = value[2:] if channels_first else value[1:-1]
        return tuple(spatial), outer == (1, 1)
    if len(value) == 1:
        return tuple(value * nsp), True
    if len(value) != nsp:
        raise ValueError(f"{name} should be of length 1, {nsp} or {nsp + 2}. Received: "
                         f"{name}={value} of length {len(value)}")
    return tuple(value), True


def _padding(padding, nsp, channels_first, op_name):
    """'SAME', 'VALID', or explicit [[before, after], ...] for all N+2 dimensions -> spatial pairs."""
    if isinstance(padding, (list, tuple)):
        for i, p in enumerate(padding):
            if not isinstance(p, (list, tuple)) or len(p) != 2:
                raise ValueError(f"When `padding` is a list, each element of `padding` must be a "
                                 f"list/tuple of size 2. Received: padding={padding} with element "
                                 f"at index {i} of type {type(p)}")
        if len(padding) != nsp + 2:
            raise ValueError(f"When padding is a list, it must be of size {nsp + 2}. Received: "
                             f"padding={padding} of size {len(padding)}")
        pairs = [(int(a), int(b)) for a, b in padding]
        outer = pairs[:2] if channels_first else [pairs[0], pairs[-1]]
        if any(a or b for a, b in outer):
            raise op_error(InvalidArgumentError, op_name, "Nonzero explicit padding in the batch or "
                                                          "depth dimensions is not supported")
        if any(a < 0 or b < 0 for a, b in pairs):
            raise op_error(InvalidArgumentError, op_name,
                           "All elements of explicit_paddings must be nonnegative")
        return tuple(pairs[2:] if channels_first else pairs[1:-1])
    if padding == "EXPLICIT":
        raise ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit padding, "
                         "`padding` must be a list.")
    if padding not in ("SAME", "VALID"):
        raise op_error(InvalidArgumentError, op_name,
                       f'Value for attr \'padding\' of "{padding}" is not in the list of allowed '
                       f'values: "SAME", "VALID", "EXPLICIT"')
    return padding


def _to_channels_last(x, channels_first):
    if not channels_first:
        return x
    nd = x._value.ndim
    return A.transpose(x, [0] + list(range(2, nd)) + [1])


def _from_channels_last(y, channels_first):
    if not channels_first:
        return y
    nd = y._value.ndim
    return A.transpose(y, [0, nd - 1] + list(range(1, nd - 1)))


def _operands(op, x, w):
    """Converts input and filter to one dtype (TF's error when they differ) and checks it."""
    x, w = pair(x, w, op.name)
    op.check(x)
    return x, w


def _merge_batch_dims(x, nsp):
    """Inputs with several leading batch dimensions run as one batch (TF's squeeze_batch_dims)."""
    lead = x._value.shape[:x._value.ndim - nsp - 1]
    if len(lead) == 1:
        return x, None
    return A.reshape(x, (-1,) + x._value.shape[len(lead):]), lead


def _split_batch_dims(y, lead):
    return y if lead is None else A.reshape(y, lead + y._value.shape[1:])


def _convolve(family, nsp, input, filters, strides, padding, data_format, dilations):
    """The shared body of conv1d/2d/3d and depthwise_conv2d."""
    op = family.forward
    channels_first = _channels_first(data_format, nsp)
    x, w = _operands(op, input, filters)
    if w._value.ndim != nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"filter must be {nsp + 2}-dimensional: "
                                                      f"{list(w._value.shape)}")
    if x._value.ndim < nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"input must be {nsp + 2}-dimensional"
                                                      f"{list(x._value.shape)}")
    strides, ok_s = _sequence(strides, nsp, channels_first, "strides")
    dilations, ok_d = _sequence(dilations, nsp, channels_first, "dilations")
    if not ok_s:
        raise op_error(UnimplementedError, op.name, "Current implementation does not yet support "
                                                    "strides in the batch and depth dimensions.")
    if not ok_d:
        raise op_error(InvalidArgumentError, op.name, "Current implementation does not yet support "
                                                      "dilations in the batch and depth dimensions.")
    if min(strides + dilations) < 1:
        raise op_error(InvalidArgumentError, op.name, "Strides and dilations must be positive")
    padding = _padding(padding, nsp, channels_first, op.name)
    x, lead = _merge_batch_dims(_to_channels_last(x, channels_first), nsp)
    in_c, w_c = x._value.shape[-1], w._value.shape[-2]
    if family.depthwise and in_c != w_c:
        raise op_error(InvalidArgumentError, op.name,
                       f"input and filter must have the same depth: {in_c} vs {w_c}")
    if w_c == 0 or in_c % w_c:
        raise op_error(InvalidArgumentError, op.name,
                       f"input depth must be evenly divisible by filter depth: {in_c} vs {w_c}")
    if w._value.shape[-1] % (in_c // w_c):
        raise op_error(InvalidArgumentError, op.name,
                       f"output depth must be evenly divisible by number of groups: "
                       f"{w._value.shape[-1]} vs {in_c // w_c}")
    _, pads = _geometry(op.name, x._value.shape[1:-1], w._value.shape[:nsp], strides, dilations,
                        padding)
    y = family.conv(x, w, {"strides": strides, "dilations": dilations, "pads": pads})
    return _from_channels_last(_split_batch_dims(y, lead), channels_first)


# ============================================================================================
# Public convolutions
# ============================================================================================
def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None, name=None):  # noqa: A002
    """1-D convolution: input [batch, width, in_channels], filters [width, in_channels, out_channels].

    >>> tf.nn.conv1d(tf.ones([1, 5, 2]), tf.ones([3, 2, 4]), stride=1, padding="SAME").shape
    TensorShape([1, 5, 4])
    """
    if data_format not in (None, "NWC", "NCW", "NHWC", "NCHW"):
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    fmt = "NCW" if data_format in ("NCW", "NCHW") else "NWC"
    return _convolve(CONV2D, 1, input, filters, stride, padding, fmt, dilations)


def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):  # noqa: A002
    """2-D convolution: input [batch, height, width, in_channels] (NHWC), filters
    [height, width, in_channels, out_channels]; padding 'SAME', 'VALID' or explicit pairs.

    >>> tf.nn.conv2d(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 4]), 2, "VALID").shape
    TensorShape([1, 2, 2, 4])
    """
    return _convolve(CONV2D, 2, input, filters, strides, padding, data_format, dilations)


def conv3d(input, filters, strides, padding, data_format="NDHWC", dilations=None, name=None):  # noqa: A002
    """3-D convolution: input [batch, depth, height, width, in_channels], filters
    [depth, height, width, in_channels, out_channels]; `strides` is a list of 5.

    >>> tf.nn.conv3d(tf.ones([1, 3, 3, 3, 2]), tf.ones([2, 2, 2, 2, 1]), [1, 1, 1, 1, 1], "SAME").shape
    TensorShape([1, 3, 3, 3, 1])
    """
    _require_list(strides, "strides", "conv3d")
    return _convolve(CONV3D, 3, input, filters, strides, padding, data_format,
                     [1, 1, 1, 1, 1] if dilations is None else dilations)


def depthwise_conv2d(input, filter, strides, padding, data_format=None, dilations=None, name=None):  # noqa: A002
    """Depthwise 2-D convolution: each input channel has its own `multiplier` filters; filter
    [height, width, in_channels, multiplier], output channels in_channels * multiplier.

    >>> tf.nn.depthwise_conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 2]), [1, 1, 1, 1], "SAME").shape
    TensorShape([1, 4, 4, 4])
    """
    _require_list(strides, "strides", "depthwise_conv2d_native")
    return _convolve(DEPTHWISE, 2, input, filter, strides, padding, data_format, dilations)


def convolution(input, filters, strides=None, padding="VALID", data_format=None, dilations=None,  # noqa: A002
                name=None):
    """N-D convolution (N = 1, 2 or 3 from the filter's rank), as conv1d/conv2d/conv3d.

    >>> tf.nn.convolution(tf.ones([1, 5, 2]), tf.ones([3, 2, 4])).shape
    TensorShape([1, 3, 4])
    """
    nsp = t(filters)._value.ndim - 2
    if nsp not in (1, 2, 3):
        raise ValueError(f"`filters.shape.rank` must be 3, 4 or 5. Received: "
                         f"filters.shape={t(filters).shape}")
    return _convolve(CONV3D if nsp == 3 else CONV2D, nsp, input, filters, strides, padding,
                     data_format, dilations)


def _require_list(value, arg, op_name):
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{arg}' argument to '{op_name}' Op, not {value}.")


def _conv_transpose(family, nsp, input, filters, output_shape, strides, padding, data_format,
                    dilations):
    """The gradient of a convolution with respect to its input, as a layer: input is shaped like
    the convolution's output, and the result like `output_shape`."""
    op = family.backprop_input
    channels_first = _channels_first(data_format, nsp)
    dy, w = _operands(op, input, filters)
    out_shape = [int(d) for d in (np.asarray(output_shape._value).reshape(-1) if isinstance(
        output_shape, Tensor) else output_shape)]
    if len(out_shape) != nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"input_sizes must be {nsp + 2}-dimensional, got: "
                                                      f"{len(out_shape)}")
    strides, ok_s = _sequence(strides, nsp, channels_first, "strides")
    dilations, _ = _sequence(dilations, nsp, channels_first, "dilations")
    if not ok_s:
        raise op_error(UnimplementedError, op.name, "Current implementation does not yet support "
                                                    "strides in the batch and depth dimensions.")
    padding = _padding(padding, nsp, channels_first, op.name)
    dy = _to_channels_last(dy, channels_first)
    if channels_first:
        out_shape = [out_shape[0]] + out_shape[2:] + [out_shape[1]]
    out, pads = _geometry(op.name, out_shape[1:-1], w._value.shape[:nsp], strides, dilations, padding)
    want = (out_shape[0],) + out + (w._value.shape[-1],)
    if w._value.shape[-2] != out_shape[-1] or dy._value.shape != want:
        raise op_error(InvalidArgumentError, op.name,
                       f"Conv{nsp}DBackpropInput: Size of out_backprop doesn't match computed: "
                       f"actual = {list(dy._value.shape)}, computed = {list(want)} (filter "
                       f"{list(w._value.shape)}, output_shape {out_shape})")
    dx = family.input_grad(w, dy, out_shape, {"strides": strides, "dilations": dilations, "pads": pads})
    return _from_channels_last(dx, channels_first)


def conv2d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NHWC",  # noqa: A002
                     dilations=None, name=None):
    """The transpose of conv2d (a "deconvolution"): filters [height, width, out_channels,
    in_channels], result shaped `output_shape`.

    >>> tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 3]), tf.ones([3, 3, 2, 3]), [1, 4, 4, 2], 2).shape
    TensorShape([1, 4, 4, 2])
    """
    return _conv_transpose(CONV2D, 2, input, filters, output_shape, strides, padding, data_format,
                           dilations)


def conv1d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NWC",  # noqa: A002
                     dilations=None, name=None):
    """The transpose of conv1d: filters [width, out_channels, in_channels].

    >>> tf.nn.conv1d_transpose(tf.ones([1, 2, 3]), tf.ones([3, 2, 3]), [1, 4, 2], 2).shape
    TensorShape([1, 4, 2])
    """
    if data_format not in (None, "NWC", "NCW"):
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    return _conv_transpose(CONV2D, 1, input, filters, output_shape, strides, padding, data_format,
                           dilations)


def conv3d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NDHWC",  # noqa: A002
                     dilations=None, name=None):
    """The transpose of conv3d: filters [depth, height, width, out_channels, in_channels].

    >>> x, w = tf.ones([1, 2, 2, 2, 3]), tf.ones([2, 2, 2, 1, 3])
    >>> tf.nn.conv3d_transpose(x, w, [1, 4, 4, 4, 1], 2).shape
    TensorShape([1, 4, 4, 4, 1])
    """
    return _conv_transpose(CONV3D, 3, input, filters, output_shape, strides, padding, data_format,
                           dilations)


# ============================================================================================
# Public pooling
# ============================================================================================
def _pool(op, nsp, input, ksize, strides, padding, data_format, dilations=None, explicit_ok=True):
    channels_first = _channels_first(data_format, nsp)
    x = t(input)
    op.check(x)
    if x._value.ndim != nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"input must be {nsp + 2}-dimensional")
    ks, ok_k = _sequence(ksize, nsp, channels_first, "ksize")
    strides, ok_s = _sequence(strides, nsp, channels_first, "strides")
    dilations = (1,) * nsp if dilations is None else dilations
    if not ok_k or not ok_s:
        raise op_error(UnimplementedError, op.name, "Pooling is not yet supported on the batch or "
                                                    "depth dimensions.")
    if min(ks + strides) < 1:
        raise op_error(InvalidArgumentError, op.name,
                       "Sliding window ksize and strides must be positive")
    if isinstance(padding, (list, tuple)) and not explicit_ok:
        raise TypeError(f"Expected string for argument 'padding' not {padding}.")
    padding = _padding(padding, nsp, channels_first, op.name)
    x = _to_channels_last(x, channels_first)
    out, pads = _geometry(op.name, x._value.shape[1:-1], ks, strides, dilations, padding)
    y = apply1(op, x, {"ksize": ks, "strides": strides, "dilations": tuple(dilations), "pads": pads})
    return _from_channels_last(y, channels_first)


def _rank_of(input):
    x = t(input)
    n = x._value.ndim - 2
    if not 1 <= n <= 3:
        raise ValueError(f"`input.shape.rank` must be 3, 4 or 5. Received: input.shape={x.shape} "
                         f"of rank {n + 2}.")
    return x, n


def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """Max over sliding windows of [batch, width, channels].

    >>> tf.nn.max_pool1d(tf.reshape(tf.range(4.0), [1, 4, 1]), 2, 2, "VALID")[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    return _pool(MAX_POOL, 1, input, ksize, strides, padding, data_format)


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """Max over sliding windows of [batch, height, width, channels]; the gradient goes to the
    first maximum of each window (row-major), as TF's MaxPoolGrad.

    >>> tf.nn.max_pool2d(tf.ones([1, 4, 4, 3]), ksize=2, strides=2, padding="SAME").shape
    TensorShape([1, 2, 2, 3])
    """
    return _pool(MAX_POOL, 2, input, ksize, strides, padding, data_format)


def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """Max over sliding windows of [batch, depth, height, width, channels].

    >>> tf.nn.max_pool3d(tf.ones([1, 2, 2, 2, 1]), 2, 2, "VALID").shape
    TensorShape([1, 1, 1, 1, 1])
    """
    return _pool(MAX_POOL, 3, input, ksize, strides, padding, data_format, explicit_ok=False)


def max_pool(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """max_pool1d, max_pool2d or max_pool3d by the input's rank.

    >>> tf.nn.max_pool(tf.ones([1, 4, 4, 1]), 2, 2, "VALID").shape
    TensorShape([1, 2, 2, 1])
    """
    x, n = _rank_of(input)
    if isinstance(padding, (list, tuple)) and n == 3:
        raise ValueError(f"Explicit padding is not supported with an input tensor of rank 5. "
                         f"Received: padding={padding}")
    return _pool(MAX_POOL, n, x, ksize, strides, padding, data_format)


def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """Mean over sliding windows of [batch, width, channels]; padding is not counted.

    >>> tf.nn.avg_pool1d(tf.reshape(tf.range(4.0), [1, 4, 1]), 2, 2, "VALID")[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 2.5], dtype=float32)>
    """
    return _pool(AVG_POOL, 1, input, ksize, strides, padding, data_format, explicit_ok=False)


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """Mean over sliding windows of [batch, height, width, channels]; with 'SAME' padding the
    padded positions are not counted.

    >>> tf.nn.avg_pool2d(tf.ones([1, 3, 3, 1]), 2, 2, "SAME")[0, :, :, 0]
    """
    return _pool(AVG_POOL, 2, input, ksize, strides, padding, data_format, explicit_ok=False)


def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """Mean over sliding windows of [batch, depth, height, width, channels].

    >>> tf.nn.avg_pool3d(tf.ones([1, 2, 2, 2, 1]), 2, 2, "VALID").shape
    TensorShape([1, 1, 1, 1, 1])
    """
    return _pool(AVG_POOL, 3, input, ksize, strides, padding, data_format, explicit_ok=False)


def avg_pool(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """avg_pool1d, avg_pool2d or avg_pool3d by the input's rank.

    >>> tf.nn.avg_pool(tf.ones([1, 4, 4, 1]), 2, 2, "VALID").shape
    TensorShape([1, 2, 2, 1])
    """
    x, n = _rank_of(input)
    return _pool(AVG_POOL, n, x, ksize, strides, padding, data_format, explicit_ok=False)


def pool(input, window_shape, pooling_type, strides=None, padding="VALID", data_format=None,  # noqa: A002
         dilations=None, name=None):
    """N-D max or average pooling ("MAX" or "AVG"), with optional window dilation (VALID only).

    >>> tf.nn.pool(tf.ones([1, 4, 4, 1]), [2, 2], "AVG", strides=[2, 2]).shape
    TensorShape([1, 2, 2, 1])
    """
    window_shape = [int(k) for k in window_shape]
    nsp = len(window_shape)
    if not 1 <= nsp <= 3:
        raise ValueError(f"`len(window_shape)` must be 1, 2, or 3. Received: window_shape="
                         f"{window_shape} of length {nsp}")
    x = t(input)
    if x._value.ndim != nsp + 2:
        raise ValueError(f"Shape {x.shape} must have rank {nsp + 2}")
    strides = (1,) * nsp if strides is None else tuple(int(s) for s in strides)
    dilations = (1,) * nsp if dilations is None else tuple(int(d) for d in dilations)
    if len(strides) != nsp:
        raise ValueError(f"len(strides)={len(strides)} != num_spatial_dims={nsp}")
    if len(dilations) != nsp:
        raise ValueError(f"len(dilation_rate)={len(dilations)} but should be {nsp}")
    if any(d > 1 for d in dilations) and any(s > 1 for s in strides):
        raise ValueError(f"`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                         f"Received: strides={list(strides)} and dilation_rate={list(dilations)}")
    if padding == "SAME" and any(d > 1 for d in dilations):
        raise ValueError(f"pooling with 'SAME' padding is not implemented for `dilation_rate` > 1. "
                         f"Received: padding={padding} and dilation_rate={list(dilations)}")
    if any(s > k for s, k in zip(strides, window_shape)):
        raise ValueError(f"`strides` > `window_shape` not supported due to inconsistency between "
                         f"CPU and GPU implementations. Received: strides={list(strides)} and "
                         f"window_shape={window_shape}")
    if pooling_type not in ("MAX", "AVG"):
        raise ValueError(f"{nsp}-D {pooling_type} pooling is not supported.")
    if nsp == 1 and data_format not in (None, "NWC", "NCW"):
        raise ValueError(f"data_format must be either 'NWC' or 'NCW'. Received: "
                         f"data_format={data_format}")
    op = MAX_POOL if pooling_type == "MAX" else AVG_POOL
    return _pool(op, nsp, x, window_shape, strides, padding, data_format, dilations=dilations,
                 explicit_ok=False)
