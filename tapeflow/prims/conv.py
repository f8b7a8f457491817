"""Convolution and pooling primitives: the Conv2D, Conv3D and DepthwiseConv2dNative families
(each with its BackpropInput and BackpropFilter ops), MaxPool (with MaxPoolGrad and
MaxPoolGradGrad) and AvgPool (with AvgPoolGrad). Each primitive is one complete record.

Layout is channels last: an input is [batch, *spatial, channels] and a filter is
[*kernel, in_channels, out_channels] ([*kernel, in_channels, multiplier] for depthwise). Grouped
convolution (input depth a multiple of the filter's) and depthwise convolution (one group per
input channel) share the same code. Every primitive is N-dimensional (1, 2 or 3 spatial
dimensions) and rests on one idea, the *patch view* of the padded input:

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

Batching (vmap's rules, and cotangents with extra leading axes for vectorized jacobians) never
loops: a batch of images joins the batch dimension N; a batch of filters joins the output
channels (each group's channels gain a batch factor); a batch of both becomes a grouped
convolution with one group per example (batch x groups groups).

    >>> from tapeflow.prims import conv as PC
    >>> PC.CONV2D.conv(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]),
    ...                {"strides": (1, 1), "dilations": (1, 1), "pads": ((0, 0), (0, 0))}).shape
    TensorShape([1, 2, 2, 1])
"""
import itertools
import math

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply, apply1, apply2, defop
from . import base as P
from ._common import FLOAT, aval, broadcast_shapes
from .base import move_to_front

MAXPOOL_TYPES = FLOAT + (D.int8, D.int16, D.int32, D.int64, D.uint8, D.uint16)


# ============================================================================================
# Geometry: TF's output sizes and padding
# ============================================================================================
def _c_div(a, b):
    """C++ integer division (truncates toward zero), as TF's size arithmetic."""
    return a // b if a >= 0 else -((-a) // b)


def geometry(op_name, in_sizes, k_sizes, strides, dilations, padding):
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
# Convolution forwards (NumPy)
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
        tap = lambda i: (dy2 @ w2[i].T).reshape(shape)
    else:  # tap k, per group: [g, p, fg] @ [g, fg, cg]
        dyg = dy.reshape(-1, groups, fg).transpose(1, 0, 2)
        wt = wg.transpose(0, 2, 3, 1)  # [taps, g, fg, cg]
        tap = lambda i: np.matmul(dyg, wt[i]).transpose(1, 0, 2).reshape(shape)
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


# ============================================================================================
# Batch axes: operands with extra leading axes (a vmap batch, or batched cotangents) are
# flattened to one batch axis B in front, and B is folded into the convolution's own axes.
# ============================================================================================
def _extra(x, nsp):
    """The leading batch axes of `x` beyond a convolution operand's rank (nsp + 2)."""
    v = x._value
    return v.shape[:v.ndim - nsp - 2]


def _flattened(xs, nsp):
    """The operands with their extra leading axes (a common batch shape) flattened into one axis
    in front: (operands, their batch dims (0 or None), the batch shape)."""
    batches = [_extra(x, nsp) for x in xs]
    batch = broadcast_shapes(*[b for b in batches if b])
    out, dims = [], []
    for x, b in zip(xs, batches):
        if not b:
            out.append(x)
            dims.append(None)
            continue
        own = x._value.shape[len(b):]
        if b != batch:
            x = P.broadcast_to(x, batch + own)
        out.append(P.reshape(x, (math.prod(batch),) + own))
        dims.append(0)
    return out, dims, batch


def _unflattened(y, batch):
    return P.reshape(y, batch + y._value.shape[1:])


def _fold_n(x):
    """(B, N, ...) -> (B * N, ...)."""
    s = x._value.shape
    return P.reshape(x, (s[0] * s[1],) + s[2:])


def _unfold_n(y, b):
    """(B * N, ...) -> (B, N, ...)."""
    s = y._value.shape
    return P.reshape(y, (b, s[0] // b if b else 0) + s[1:])


def _outer_channels(x):
    """(B, N, *s, C) -> (N, *s, B * C): the batch becomes the outermost channel factor."""
    nd = x._value.ndim
    x = P.transpose(x, tuple(range(1, nd - 1)) + (0, nd - 1))
    s = x._value.shape
    return P.reshape(x, s[:-2] + (s[-2] * s[-1],))


def _from_outer_channels(y, b):
    """(N, *s, B * C) -> (B, N, *s, C)."""
    s = y._value.shape
    y = P.reshape(y, s[:-1] + (b, s[-1] // b))
    nd = len(s) + 1
    return P.transpose(y, (nd - 2,) + tuple(range(nd - 2)) + (nd - 1,))


def _split_channels(x, groups):
    """(..., G * Fg) -> (..., G, Fg)."""
    s = x._value.shape
    return P.reshape(x, s[:-1] + (groups, s[-1] // groups))


def _merge_last(x, n):
    """The last `n` axes merged into one."""
    s = x._value.shape
    return P.reshape(x, s[:len(s) - n] + (math.prod(s[len(s) - n:]),))


class ConvFamily:
    """The three primitives of one convolution kind (TF op names), each the others' gradient.

    Geometry attributes (`geo`): strides and dilations per spatial dimension and the
    ((before, after), ...) paddings. The binders `conv`, `input_grad` and `filter_grad` take
    operands that may carry extra leading batch axes (they are folded into the convolution)."""

    def __init__(self, forward_name, input_name, filter_name, depthwise, allowed):
        self.depthwise = depthwise
        kind = {"depthwise": depthwise}
        self.forward = defop(
            forward_name, lambda x, w, **a: _conv_forward(x, w, **a, **kind),
            self._forward_grad, self._forward_jvp, allowed=allowed, shape=self._forward_shape,
            batch=self._forward_batch, batched_grad=True)
        self.backprop_input = defop(
            input_name, lambda w, dy, **a: _conv_backprop_input(w, dy, **a, **kind),
            self._input_grad, self._input_jvp, allowed=allowed,
            shape=lambda w, dy, input_shape, **geo: aval(input_shape, dy.dtype),
            batch=self._input_batch, batched_grad=True)
        self.backprop_filter = defop(
            filter_name, lambda x, dy, **a: _conv_backprop_filter(x, dy, **a, **kind),
            self._filter_grad, self._filter_jvp, allowed=allowed,
            shape=lambda x, dy, filter_shape, **geo: aval(filter_shape, x.dtype),
            batch=self._filter_batch, batched_grad=True)

    def __repr__(self):
        return f"<ConvFamily {self.forward.name}>"

    # -- shapes ---------------------------------------------------------------------------------
    def _forward_shape(self, x, w, strides, dilations, pads):
        nsp = len(strides)
        out = tuple(None if n is None or k is None else (n + lo + hi - (k - 1) * d - 1) // s + 1
                    for n, k, s, d, (lo, hi) in zip(x.shape[1:-1], w.shape[:nsp], strides,
                                                     dilations, pads))
        f = w.shape[-1]
        if self.depthwise:
            f = None if f is None or w.shape[-2] is None else f * w.shape[-2]
        return aval(x.shape[:1] + out + (f,), x.dtype)

    # -- binders (extra leading axes allowed) --------------------------------------------------
    def conv(self, x, w, geo):
        """The convolution of x [N, *s, C] with filter w."""
        nsp = len(geo["strides"])
        if not _extra(x, nsp) and not _extra(w, nsp):
            return apply2(self.forward, x, w, geo)
        (x, w), (dx, dw), batch = _flattened((x, w), nsp)
        return _unflattened(self._conv_b(x, w, dx, dw, geo), batch)

    def input_grad(self, w, dy, input_shape, geo):
        """The convolution's transpose applied to dy: a result shaped `input_shape`."""
        nsp = len(geo["strides"])
        if not _extra(w, nsp) and not _extra(dy, nsp):
            return apply2(self.backprop_input, w, dy, dict(geo, input_shape=tuple(input_shape)))
        (w, dy), (dw, ddy), batch = _flattened((w, dy), nsp)
        return _unflattened(self._input_grad_b(w, dy, dw, ddy, tuple(input_shape), geo), batch)

    def filter_grad(self, x, dy, filter_shape, geo):
        """The gradient of <dy, conv(x, w)> with respect to w (shaped `filter_shape`)."""
        nsp = len(geo["strides"])
        if not _extra(x, nsp) and not _extra(dy, nsp):
            return apply2(self.backprop_filter, x, dy, dict(geo, filter_shape=tuple(filter_shape)))
        (x, dy), (dx, ddy), batch = _flattened((x, dy), nsp)
        return _unflattened(self._filter_grad_b(x, dy, dx, ddy, tuple(filter_shape), geo), batch)

    # -- one batch axis B in front of the batched operands (dims 0 or None) ---------------------
    def _groups(self, in_channels, w_in):
        return w_in if self.depthwise else in_channels // w_in

    def _outer_filter(self, w, nsp):
        """A batch of filters (B, *k, Cg, F) as one filter of B * G groups."""
        if self.depthwise:  # (B, *k, C, M) -> (*k, B * C, M)
            w = P.transpose(w, tuple(range(1, nsp + 1)) + (0, nsp + 1, nsp + 2))
            s = w._value.shape
            return P.reshape(w, s[:nsp] + (s[nsp] * s[nsp + 1], s[nsp + 2]))
        w = P.transpose(w, tuple(range(1, nsp + 2)) + (0, nsp + 2))  # (*k, Cg, B, F)
        return _merge_last(w, 2)

    def _from_outer_filter(self, dw, b, nsp):
        if self.depthwise:  # (*k, B * C, M) -> (B, *k, C, M)
            s = dw._value.shape
            dw = P.reshape(dw, s[:nsp] + (b, s[nsp] // b, s[nsp + 1]))
            return P.transpose(dw, (nsp,) + tuple(range(nsp)) + (nsp + 1, nsp + 2))
        dw = P.reshape(dw, dw._value.shape[:-1] + (b, dw._value.shape[-1] // b))  # (*k, Cg, B, F)
        return P.transpose(dw, (nsp + 1,) + tuple(range(nsp + 1)) + (nsp + 2,))

    def _inner_filter(self, w, groups, nsp):
        """A batch of filters (B, *k, Cg, G * Fg) as one filter whose groups have B * Fg outputs
        (output channel layout (G, B, Fg))."""
        if self.depthwise:  # (B, *k, C, M) -> (*k, C, B * M)
            w = P.transpose(w, tuple(range(1, nsp + 2)) + (0, nsp + 2))
            return _merge_last(w, 2)
        w = _split_channels(w, groups)  # (B, *k, Cg, G, Fg) -> (*k, Cg, G, B, Fg)
        w = P.transpose(w, tuple(range(1, nsp + 3)) + (0, nsp + 3))
        return _merge_last(w, 3)

    def _from_inner_filter(self, dw, b, groups, nsp):
        s = dw._value.shape
        if self.depthwise:  # (*k, C, B * M) -> (B, *k, C, M)
            dw = P.reshape(dw, s[:-1] + (b, s[-1] // b))
            return P.transpose(dw, (nsp + 1,) + tuple(range(nsp + 1)) + (nsp + 2,))
        dw = P.reshape(dw, s[:-1] + (groups, b, s[-1] // (groups * b)))  # (*k, Cg, G, B, Fg)
        dw = P.transpose(dw, (nsp + 2,) + tuple(range(nsp + 2)) + (nsp + 3,))
        return _merge_last(dw, 2)

    @staticmethod
    def _to_inner_channels(dy, groups):
        """(B, N, *o, G * Fg) -> (N, *o, G * B * Fg)."""
        nd = dy._value.ndim
        dy = _split_channels(dy, groups)
        dy = P.transpose(dy, tuple(range(1, nd)) + (0, nd))
        return _merge_last(dy, 3)

    @staticmethod
    def _from_inner_channels(y, b, groups):
        """(N, *o, G * B * Fg) -> (B, N, *o, G * Fg)."""
        s = y._value.shape
        y = P.reshape(y, s[:-1] + (groups, b, s[-1] // (groups * b)))
        nd = len(s) + 2
        y = P.transpose(y, (nd - 2,) + tuple(range(nd - 2)) + (nd - 1,))
        return _merge_last(y, 2)

    def _conv_b(self, x, w, dx, dw, geo):
        nsp = len(geo["strides"])
        if dw is None:  # a batch of images: one batch of B * N
            return _unfold_n(apply2(self.forward, _fold_n(x), w, geo), x._value.shape[0])
        b = w._value.shape[0]
        if dx is None:  # a batch of filters: B times the output channels
            groups = self._groups(x._value.shape[-1], w._value.shape[-2])
            y = apply2(self.forward, x, self._inner_filter(w, groups, nsp), geo)
            return self._from_inner_channels(y, b, groups)
        y = apply2(self.forward, _outer_channels(x), self._outer_filter(w, nsp), geo)
        return _from_outer_channels(y, b)

    def _input_grad_b(self, w, dy, dw, ddy, input_shape, geo):
        nsp = len(geo["strides"])
        if dw is None:  # a batch of cotangents: one batch of B * N
            b = dy._value.shape[0]
            shape = (b * input_shape[0],) + input_shape[1:]
            return _unfold_n(apply2(self.backprop_input, w, _fold_n(dy),
                                    dict(geo, input_shape=shape)), b)
        b = w._value.shape[0]
        if ddy is None:
            dy = P.broadcast_batch(dy, b)
        shape = input_shape[:-1] + (b * input_shape[-1],)
        dx = apply2(self.backprop_input, self._outer_filter(w, nsp), _outer_channels(dy),
                    dict(geo, input_shape=shape))
        return _from_outer_channels(dx, b)

    def _filter_grad_b(self, x, dy, dx, ddy, filter_shape, geo):
        nsp = len(geo["strides"])
        if dx is None:  # a batch of cotangents: B times the output channels
            b = dy._value.shape[0]
            groups = self._groups(x._value.shape[-1], filter_shape[-2])
            shape = filter_shape[:-1] + (b * filter_shape[-1],)
            dw = apply2(self.backprop_filter, x, self._to_inner_channels(dy, groups),
                        dict(geo, filter_shape=shape))
            return self._from_inner_filter(dw, b, groups, nsp)
        b = x._value.shape[0]
        if ddy is None:
            dy = P.broadcast_batch(dy, b)
        if self.depthwise:
            shape = filter_shape[:-2] + (b * filter_shape[-2], filter_shape[-1])
        else:
            shape = filter_shape[:-1] + (b * filter_shape[-1],)
        dw = apply2(self.backprop_filter, _outer_channels(x), _outer_channels(dy),
                    dict(geo, filter_shape=shape))
        return self._from_outer_filter(dw, b, nsp)

    # -- vmap rules -----------------------------------------------------------------------------
    @staticmethod
    def _fronted(args, dims):
        return ([move_to_front(x, d) if d is not None else x for x, d in zip(args, dims)],
                [None if d is None else 0 for d in dims])

    def _forward_batch(self, op, args, dims, attrs):
        (x, w), (dx, dw) = self._fronted(args, dims)
        return self._conv_b(x, w, dx, dw, attrs), 0

    def _input_batch(self, op, args, dims, attrs):
        (w, dy), (dw, ddy) = self._fronted(args, dims)
        geo = self._geo_of(attrs)
        return self._input_grad_b(w, dy, dw, ddy, tuple(attrs["input_shape"]), geo), 0

    def _filter_batch(self, op, args, dims, attrs):
        (x, dy), (dx, ddy) = self._fronted(args, dims)
        geo = self._geo_of(attrs)
        return self._filter_grad_b(x, dy, dx, ddy, tuple(attrs["filter_shape"]), geo), 0

    # -- gradients and JVPs: each op's are the family's other ops -------------------------------
    @staticmethod
    def _geo_of(a):
        return {"strides": a["strides"], "dilations": a["dilations"], "pads": a["pads"]}

    # y = conv(x, w)
    def _forward_grad(self, op, dy):
        x, w = op.inputs
        geo, needs = self._geo_of(op.attrs), op.needs_input_grad or (True, True)
        return (self.input_grad(w, dy, x._value.shape, geo) if needs[0] else None,
                self.filter_grad(x, dy, w._value.shape, geo) if needs[1] else None)

    def _forward_jvp(self, op, dx, dw):
        x, w = op.inputs
        geo = self._geo_of(op.attrs)
        return _sum(None if dx is None else self.conv(dx, w, geo),
                    None if dw is None else self.conv(x, dw, geo))

    # dx = backprop_input(w, dy)
    def _input_grad(self, op, g):
        w, dy = op.inputs
        geo, needs = self._geo_of(op.attrs), op.needs_input_grad or (True, True)
        return (self.filter_grad(g, dy, w._value.shape, geo) if needs[0] else None,
                self.conv(g, w, geo) if needs[1] else None)

    def _input_jvp(self, op, dw, ddy):
        w, dy = op.inputs
        geo, shape = self._geo_of(op.attrs), op.attrs["input_shape"]
        return _sum(None if dw is None else self.input_grad(dw, dy, shape, geo),
                    None if ddy is None else self.input_grad(w, ddy, shape, geo))

    # dw = backprop_filter(x, dy)
    def _filter_grad(self, op, g):
        x, dy = op.inputs
        geo, needs = self._geo_of(op.attrs), op.needs_input_grad or (True, True)
        return (self.input_grad(g, dy, x._value.shape, geo) if needs[0] else None,
                self.conv(x, g, geo) if needs[1] else None)

    def _filter_jvp(self, op, dx, ddy):
        x, dy = op.inputs
        geo, shape = self._geo_of(op.attrs), op.attrs["filter_shape"]
        return _sum(None if dx is None else self.filter_grad(dx, dy, shape, geo),
                    None if ddy is None else self.filter_grad(x, ddy, shape, geo))


def _sum(a, b):
    if a is None:
        return b
    return a if b is None else P.add(a, b)


CONV2D = ConvFamily("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", False,
                    FLOAT + (D.int32,))
CONV3D = ConvFamily("Conv3D", "Conv3DBackpropInputV2", "Conv3DBackpropFilterV2", False, FLOAT)
DEPTHWISE = ConvFamily("DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput",
                       "DepthwiseConv2dNativeBackpropFilter", True, FLOAT)


# ============================================================================================
# Pooling. Attributes: ksize, strides and dilations per spatial dimension and the paddings
# (`pads`); AvgPoolGrad also takes the input's shape. Operands with extra leading axes (a vmap
# batch, batched cotangents) are folded into the batch dimension N.
# ============================================================================================
# Pooling forwards (NumPy)
def _lowest(dtype):
    """The start of TF's running maximum: the dtype's lowest finite value (so a window of -inf
    and NaN pools to it, as in TF)."""
    return np.finfo(dtype).min if dtype.kind == "f" else np.iinfo(dtype).min


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
    """(tap index of each window's maximum, output sizes, padded shape) by TF's MaxPoolGrad rule:
    the running maximum starts at the window's first in-bounds element (row-major) and only a
    strictly greater value replaces it, so ties keep the first, and a NaN in first place keeps
    the gradient (a NaN later never takes it)."""
    xp = _padded(x, pads, _lowest(x.dtype))
    out = _out_sizes(xp.shape[1:-1], ksize, strides, dilations)
    taps = list(_taps(ksize))
    if not any(lo or hi for lo, hi in pads):  # every tap is in bounds: the first one starts
        best = xp[_tap_region(taps[0][1], out, strides, dilations)].copy()
        where = np.zeros(best.shape, np.int32)
        for i, k in taps[1:]:
            v = xp[_tap_region(k, out, strides, dilations)]
            take = best < v
            np.copyto(best, v, where=take)
            where[take] = i
        return where, out, xp.shape
    inside = _padded(np.ones((1,) + x.shape[1:-1] + (1,), bool), pads, False)
    best = np.full(x.shape[:1] + out + x.shape[-1:], _lowest(x.dtype), x.dtype)
    where = np.full(best.shape, -1, np.int32)
    for i, k in taps:
        region = _tap_region(k, out, strides, dilations)
        v = xp[region]
        take = ((where < 0) | (best < v)) & inside[region]
        np.copyto(best, v, where=take)
        where[take] = i
    return where, out, xp.shape


def _max_pool_grad(x, y, dy, ksize, strides, dilations, pads):
    """dy scattered to the first maximum of each window (TF's MaxPoolGrad). In 3-D, as TF's
    MaxPool3DGrad: to every element within 1e-5 of its window's maximum (ties all receive it;
    an infinite maximum, whose difference is NaN, none)."""
    if len(ksize) == 3:
        xp = _padded(x, pads, _lowest(x.dtype))
        out = y.shape[1:-1]
        tol, zero = np.asarray(1e-5, x.dtype), np.zeros((), dy.dtype)
        regions = [_tap_region(k, out, strides, dilations) for _, k in _taps(ksize)]
        with np.errstate(invalid="ignore"):
            acc = _col2im(lambda i: np.where(np.abs(xp[regions[i]] - y) < tol, dy, zero),
                          xp.shape, ksize, out, strides, dilations, dy.dtype)
        return _cropped(acc, pads, x.shape[1:-1])
    where, out, padded = _window_argmax(x, ksize, strides, dilations, pads)
    zero = np.zeros((), dy.dtype)
    acc = _col2im(lambda i: np.where(where == i, dy, zero), padded, ksize, out, strides,
                  dilations, dy.dtype)
    return _cropped(acc, pads, x.shape[1:-1])


def _max_pool_grad_grad(x, y, g, ksize, strides, dilations, pads):
    """g read at the first maximum of each window (TF's MaxPoolGradGrad). In 3-D, as TF's
    MaxPool3DGradGrad: at the first in-bounds element equal to the window's maximum (0 where
    none is)."""
    gp = _padded(g, pads)
    if len(ksize) == 3:
        xp = _padded(x, pads, _lowest(x.dtype))
        inside = _padded(np.ones((1,) + x.shape[1:-1] + (1,), bool), pads, False)
        out = y.shape[1:-1]
        result = np.zeros(y.shape, g.dtype)
        found = np.zeros(y.shape, bool)
        for _, k in _taps(ksize):
            region = _tap_region(k, out, strides, dilations)
            hit = (xp[region] == y) & inside[region] & ~found
            np.copyto(result, gp[region], where=hit)
            found |= hit
        return result
    where, out, _ = _window_argmax(x, ksize, strides, dilations, pads)
    result = np.zeros(where.shape, g.dtype)
    for i, k in _taps(ksize):
        np.copyto(result, gp[_tap_region(k, out, strides, dilations)], where=where == i)
    return result


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


def _pool_attrs(op):
    a = op.attrs
    return {"ksize": a["ksize"], "strides": a["strides"], "dilations": a["dilations"],
            "pads": a["pads"]}


def _folded(op, inputs, attrs):
    """Applies a pooling primitive to operands that may have extra leading axes (one batch
    shape; operands without them are broadcast): the batch joins the batch dimension N."""
    rank = len(attrs["ksize"]) + 2
    batch = ()
    for x in inputs:
        if x._value.ndim > rank:
            batch = x._value.shape[:x._value.ndim - rank]
            break
    if not batch:
        return apply(op, inputs, attrs)
    b = math.prod(batch)
    xs = []
    for x in inputs:
        if x._value.ndim == rank:
            x = P.broadcast_to(x, batch + x._value.shape)
        xs.append(_fold_n(P.reshape(x, (b,) + x._value.shape[len(batch):])))
    if "input_shape" in attrs:
        shape = attrs["input_shape"]
        attrs = dict(attrs, input_shape=(b * shape[0],) + tuple(shape[1:]))
    return _unflattened(_unfold_n(apply(op, xs, attrs), b), batch)


def _pool_batch(op, args, dims, attrs):
    """vmap: the batch axis moved in front of every batched operand, then folded into N."""
    size = P.batch_size(args, dims)
    xs = [move_to_front(x, d) if d is not None else P.broadcast_batch(x, size)
          for x, d in zip(args, dims)]
    return _folded(op, xs, attrs), 0


def _pool_shape(x, *rest, ksize, strides, dilations, pads):
    out = tuple(None if n is None else (n + lo + hi - (k - 1) * d - 1) // s + 1
                for n, k, s, d, (lo, hi) in zip(x.shape[1:-1], ksize, strides, dilations, pads))
    return aval(x.shape[:1] + out + x.shape[-1:], x.dtype)


def max_pool_grad(x, y, dy, attrs):
    """dy (shaped like y = max_pool(x)) sent to the first maximum of each window of x."""
    return _folded(MAX_POOL_GRAD, (x, y, dy), attrs)


def max_pool_grad_grad(x, y, g, attrs):
    """g (shaped like x) read at the first maximum of each window: shaped like y."""
    return _folded(MAX_POOL_GRAD_GRAD, (x, y, g), attrs)


MAX_POOL = defop("MaxPool", _max_pool,
                 lambda op, dy: max_pool_grad(op.inputs[0], op.outputs[0], dy, _pool_attrs(op)),
                 lambda op, dx: max_pool_grad_grad(op.inputs[0], op.outputs[0], dx,
                                                   _pool_attrs(op)),
                 allowed=MAXPOOL_TYPES, shape=_pool_shape, batch=_pool_batch, batched_grad=True)
# Both gradient ops are linear in their last input and piecewise constant in the others (zero
# gradient, as TF): each one's gradient is the other.
MAX_POOL_GRAD = defop(
    "MaxPoolGrad", _max_pool_grad,
    lambda op, g: (P.zeros_like(op.inputs[0]), P.zeros_like(op.inputs[1]),
                   max_pool_grad_grad(op.inputs[0], op.inputs[1], g, _pool_attrs(op))),
    lambda op, dx, dy, dg: None if dg is None else max_pool_grad(
        op.inputs[0], op.inputs[1], dg, _pool_attrs(op)),
    allowed=MAXPOOL_TYPES, shape=lambda x, y, dy, **a: aval(x.shape, dy.dtype), batch=_pool_batch,
    batched_grad=True)
MAX_POOL_GRAD_GRAD = defop(
    "MaxPoolGradGrad", _max_pool_grad_grad,
    lambda op, g: (P.zeros_like(op.inputs[0]), P.zeros_like(op.inputs[1]),
                   max_pool_grad(op.inputs[0], op.inputs[1], g, _pool_attrs(op))),
    lambda op, dx, dy, dg: None if dg is None else max_pool_grad_grad(
        op.inputs[0], op.inputs[1], dg, _pool_attrs(op)),
    allowed=MAXPOOL_TYPES, shape=lambda x, y, g, **a: aval(y.shape, g.dtype), batch=_pool_batch,
    batched_grad=True)


def max_pool(x, attrs):
    return apply1(MAX_POOL, x, attrs)


def avg_pool_grad(dy, input_shape, attrs):
    """The transpose of average pooling: dy spread evenly over each window's in-bounds inputs."""
    return _folded(AVG_POOL_GRAD, (dy,), dict(attrs, input_shape=tuple(input_shape)))


def avg_pool(x, attrs):
    return _folded(AVG_POOL, (x,), attrs)


# AvgPool is linear: its gradient is AvgPoolGrad (its transpose), whose gradient is AvgPool again.
AVG_POOL = defop("AvgPool", _avg_pool,
                 lambda op, g: avg_pool_grad(g, op.inputs[0]._value.shape, _pool_attrs(op)),
                 linear=True, allowed=FLOAT, shape=_pool_shape, batch=_pool_batch,
                 batched_grad=True)
AVG_POOL_GRAD = defop("AvgPoolGrad", _avg_pool_grad,
                      lambda op, g: avg_pool(g, _pool_attrs(op)),
                      linear=True, allowed=FLOAT,
                      shape=lambda dy, input_shape, **a: aval(input_shape, dy.dtype),
                      batch=_pool_batch, batched_grad=True)
