"""Image primitives: TF's resize kernels (ResizeBilinear, ResizeNearestNeighbor, ResizeBicubic,
ResizeArea, ScaleAndTranslate) and their gradients, colour-space conversions (RGBToHSV,
HSVToRGB, AdjustHue, AdjustSaturation), non-max suppression and box drawing.

The resize forwards reproduce TF's CPU kernels step for step in float32 (the sampling positions,
the weights and their normalization, the order of the sums), so their values equal TF's. Every
resize is linear in the image: out = Wr @ image @ Wc^T per batch entry and channel, with one
weight matrix per axis. The gradient primitives (`...Grad`) apply the transposed matrices, and
their own gradient is the forward again, so derivatives of any order exist (TF stops at the
first: its grad kernels are not differentiable). Images are NHWC; leading batch axes of vmap
and of batched cotangents are folded into N.

    >>> from tapeflow.prims import image as PI
    >>> PI.resize(tf.ones([1, 2, 2, 1]), "bilinear", (3, 3)).shape
    TensorShape([1, 3, 3, 1])
"""
import numpy as np

from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import apply1, defop
from ..framework.tensor import wrap
from . import base as P
from ._common import FLOAT, REAL, aval, same
from .base import move_to_front

_F32 = np.float32
RESIZE_INPUT = tuple(d for d in REAL if d.name not in ("uint32", "uint64"))


# ============================================================================================
# Sampling along one axis (TF's arithmetic, in float32)
# ============================================================================================
def _scale(in_size, out_size):
    return _F32(in_size) / _F32(out_size)


def _bilinear_axis(in_size, out_size):
    """(lower, upper, lerp) per output position, half-pixel centers."""
    scale = _scale(in_size, out_size)
    src = (np.arange(out_size, dtype=_F32) + _F32(0.5)) * scale - _F32(0.5)
    floor = np.floor(src)
    lower = np.maximum(floor.astype(np.int64), 0)
    upper = np.minimum(np.ceil(src).astype(np.int64), in_size - 1)
    return lower, upper, (src - floor).astype(_F32)


def _nearest_axis(in_size, out_size):
    scale = _scale(in_size, out_size)
    src = (np.arange(out_size, dtype=_F32) + _F32(0.5)) * scale
    return np.clip(np.floor(src).astype(np.int64), 0, in_size - 1)


def _keys_table():
    x = (np.arange(1025) / 1024.0).astype(_F32).astype(np.float64)
    a = -0.5
    near = (((a + 2) * x - (a + 3)) * x * x + 1).astype(_F32)
    x1 = x + 1.0
    far = (((a * x1 - 5 * a) * x1 + 8 * a) * x1 - 4 * a).astype(_F32)
    return near, far


_KEYS = _keys_table()


def _bicubic_axis(in_size, out_size):
    """(indices [out, 4], weights [out, 4]): Keys' cubic from TF's 1024-entry table, weights of
    taps outside the image zeroed and the rest renormalized."""
    near, far = _KEYS
    scale = _scale(in_size, out_size)
    src = (np.arange(out_size, dtype=_F32) + _F32(0.5)) * scale - _F32(0.5)
    base = np.floor(src).astype(np.int64)
    delta = (src - base.astype(_F32)).astype(_F32)
    offset = np.rint(delta * _F32(1024)).astype(np.int64)
    raw = np.stack([far[offset], near[offset], near[1024 - offset], far[1024 - offset]], 1)
    taps = base[:, None] + np.arange(-1, 3)[None, :]
    inside = (taps >= 0) & (taps < in_size)
    weights = np.where(inside, raw, _F32(0)).astype(_F32)
    total = ((weights[:, 0] + weights[:, 1]) + weights[:, 2]) + weights[:, 3]
    ok = np.abs(total) >= _F32(1000) * np.finfo(_F32).tiny
    inv = np.where(ok, _F32(1) / np.where(ok, total, _F32(1)), _F32(1)).astype(_F32)
    weights = np.where(ok[:, None], weights * inv[:, None], weights).astype(_F32)
    return np.clip(taps, 0, in_size - 1), weights


def _area_axis(in_size, out_size):
    """(indices [out, k], weights [out, k], n_terms [out]) of TF's ResizeArea: the input cells
    each output cell covers, the partial ones weighted by their covered fraction."""
    scale = _scale(in_size, out_size)
    idx = np.arange(out_size)
    lo = (idx.astype(_F32) * scale).astype(_F32)
    hi = ((idx + 1).astype(_F32) * scale).astype(_F32)
    start = np.floor(lo).astype(np.int64)
    end = np.ceil(hi).astype(np.int64)
    width = int((end - start).max()) if out_size else 0
    cells = start[:, None] + np.arange(width)[None, :]
    cf = cells.astype(_F32)
    below = cf < lo[:, None]
    past = (cf + _F32(1)) > hi[:, None]
    w = np.where(below, np.where(past, scale, (cf + _F32(1)) - lo[:, None]),
                 np.where(past, hi[:, None] - cf, _F32(1))).astype(_F32)
    valid = cells < end[:, None]
    return np.clip(cells, 0, in_size - 1), np.where(valid, w, _F32(0)), valid


def _lanczos(radius):
    pi = _F32(3.14159265359)
    r = _F32(radius)

    def kernel(x):
        x = np.abs(x).astype(_F32)
        safe = np.where(x <= _F32(1e-3), _F32(1), x)
        v = r * np.sin(pi * safe) * np.sin(pi * safe / r) / (pi * pi * safe * safe)
        return np.where(x > r, _F32(0), np.where(x <= _F32(1e-3), _F32(1), v)).astype(_F32)
    return kernel, radius


def _gaussian(x):
    x = np.abs(x).astype(_F32)
    sigma = _F32(1.5) / _F32(3)
    value = np.exp(-(x * x).astype(np.float64) / (2.0 * float(sigma) * float(sigma))).astype(_F32)
    return np.where(x >= _F32(1.5), _F32(0), value)


def _triangle(x):
    x = np.abs(x).astype(_F32)
    return np.where(x < _F32(1), _F32(1) - x, _F32(0)).astype(_F32)


def _keys_cubic(x):
    x = np.abs(x).astype(_F32)
    far = ((_F32(-0.5) * x + _F32(2.5)) * x - _F32(4)) * x + _F32(2)
    near = ((_F32(1.5) * x - _F32(2.5)) * x) * x + _F32(1)
    return np.where(x >= _F32(2), _F32(0), np.where(x >= _F32(1), far, near)).astype(_F32)


def _mitchell_cubic(x):
    x = np.abs(x).astype(_F32)
    far = (((_F32(-7.0 / 18.0)) * x + _F32(2)) * x - _F32(10.0 / 3.0)) * x + _F32(16.0 / 9.0)
    near = (((_F32(7.0 / 6.0)) * x - _F32(2)) * x) * x + _F32(8.0 / 9.0)
    return np.where(x >= _F32(2), _F32(0), np.where(x >= _F32(1), far, near)).astype(_F32)


def _box(x):
    x = np.abs(x).astype(_F32)
    return np.where(x < _F32(0.5), _F32(1), np.where(x == _F32(0.5), _F32(0.5), _F32(0)))


KERNELS = {"lanczos1": _lanczos(1), "lanczos3": _lanczos(3), "lanczos5": _lanczos(5),
           "gaussian": (_gaussian, 1.5), "box": (_box, 1.0), "triangle": (_triangle, 1.0),
           "keyscubic": (_keys_cubic, 2.0), "mitchellcubic": (_mitchell_cubic, 2.0)}


def _spans(kernel_type, in_size, out_size, scale, translate, antialias):
    """(starts [out], weights [out, span]) of TF's ScaleAndTranslate along one axis."""
    kernel, radius = KERNELS[kernel_type]
    scale, translate = _F32(scale), _F32(translate)
    inv_scale = _F32(1.0 / float(scale))
    inv_translate = -inv_scale * translate
    kernel_scale = max(inv_scale, _F32(1)) if antialias else _F32(1)
    reach = _F32(radius) * kernel_scale
    span = min(2 * int(np.ceil(reach)) + 1, in_size)
    sample = (np.arange(out_size, dtype=_F32) + _F32(0.5)) * inv_scale + inv_translate
    outside = (sample < 0) | (sample > _F32(in_size))
    start = np.clip(np.ceil(sample - reach - _F32(0.5)).astype(np.int64), 0, in_size - 1)
    end = np.clip(np.floor(sample + reach - _F32(0.5)).astype(np.int64), 0, in_size - 1) + 1
    source = start[:, None] + np.arange(span)[None, :]
    valid = (source < end[:, None]) & ~outside[:, None]
    pos = (source.astype(_F32) + _F32(0.5)) - sample[:, None]
    w = np.where(valid, kernel(np.abs(pos * (_F32(1) / kernel_scale))), _F32(0)).astype(_F32)
    total = np.zeros(out_size, _F32)
    for k in range(span):  # float32 running sum, in TF's order
        total = (total + w[:, k]).astype(_F32)
    ok = np.abs(total) >= _F32(1000) * np.finfo(_F32).tiny
    inv = (_F32(1) / np.where(ok, total, _F32(1))).astype(_F32)
    w = np.where(ok[:, None], w * inv[:, None], _F32(0)).astype(_F32)
    return np.where(outside, 0, start), w


# ============================================================================================
# Each method's forward (NHWC; float32 out except nearest) and weight matrices
# ============================================================================================
def _take(v, idx, axis):
    return np.take(v, idx, axis=axis)


def _bilinear_forward(v, size):
    out_h, out_w = size
    x = v.astype(_F32)
    if (out_h, out_w) == v.shape[1:3]:
        return x
    ylo, yhi, yl = _bilinear_axis(v.shape[1], out_h)
    xlo, xhi, xl = _bilinear_axis(v.shape[2], out_w)
    top, bottom = _take(x, ylo, 1), _take(x, yhi, 1)
    xl = xl[None, None, :, None]
    tl, tr = _take(top, xlo, 2), _take(top, xhi, 2)
    bl, br = _take(bottom, xlo, 2), _take(bottom, xhi, 2)
    t = tl + (tr - tl) * xl
    b = bl + (br - bl) * xl
    return (t + (b - t) * yl[None, :, None, None]).astype(_F32)


def _nearest_forward(v, size):
    return _take(_take(v, _nearest_axis(v.shape[1], size[0]), 1),
                 _nearest_axis(v.shape[2], size[1]), 2)


def _weighted_taps(x, idx, w, axis):
    """sum_k w[:, k] * x[idx[:, k]] along `axis`, summed in k order in float32."""
    shape = [1] * x.ndim
    shape[axis] = -1
    acc = None
    for k in range(idx.shape[1]):
        term = _take(x, idx[:, k], axis) * w[:, k].reshape(shape)
        acc = term if acc is None else acc + term
    return acc.astype(_F32)


def _bicubic_forward(v, size):
    yi, yw = _bicubic_axis(v.shape[1], size[0])
    xi, xw = _bicubic_axis(v.shape[2], size[1])
    rows = _weighted_taps(v.astype(_F32), yi, yw, 1)
    return _weighted_taps(rows, xi, xw, 2)


def _area_forward(v, size):
    hs, ws = _scale(v.shape[1], size[0]), _scale(v.shape[2], size[1])
    scale = _F32(1.0 / float(hs * ws))
    yi, yw, yvalid = _area_axis(v.shape[1], size[0])
    xi, xw, xvalid = _area_axis(v.shape[2], size[1])
    x = v.astype(_F32)
    n = x.shape[0]
    out = np.zeros((n, size[0], size[1], x.shape[3]), _F32)
    for k in range(yi.shape[1]):
        rows = _take(x, yi[:, k], 1)  # [n, out_h, W, C]
        row_sum = None
        for j in range(xi.shape[1]):
            cells = _take(rows, xi[:, j], 2)
            weight = np.where(_is_middle(xvalid, j), _F32(1), xw[:, j])[None, None, :, None]
            term = np.where(xvalid[None, None, :, j, None], cells * weight, _F32(0))
            row_sum = term if row_sum is None else (row_sum + term).astype(_F32)
        contribution = row_sum * yw[:, k][None, :, None, None]
        out = np.where(yvalid[None, :, k, None, None], (out + contribution).astype(_F32), out)
    return (out * scale).astype(_F32)


def _is_middle(valid, j):
    """Cells strictly between the first and the last of a span enter TF's sum unweighted."""
    last = valid.sum(1) - 1
    j = np.asarray(j)
    return (j > 0) & (j < (last[:, None] if j.ndim else last))


def _scale_translate_forward(v, size, kernel_type, scale, translation, antialias):
    ys, yw = _spans(kernel_type, v.shape[1], size[0], scale[0], translation[0], antialias)
    xs, xw = _spans(kernel_type, v.shape[2], size[1], scale[1], translation[1], antialias)
    yi = np.clip(ys[:, None] + np.arange(yw.shape[1])[None, :], 0, v.shape[1] - 1)
    xi = np.clip(xs[:, None] + np.arange(xw.shape[1])[None, :], 0, v.shape[2] - 1)
    rows = _weighted_taps(v.astype(_F32), yi, yw, 1)
    return _weighted_taps(rows, xi, xw, 2)


def _dense(out_size, in_size, idx, w):
    m = np.zeros((out_size, in_size), np.float64)
    np.add.at(m, (np.repeat(np.arange(out_size), idx.shape[1]), idx.reshape(-1)), w.reshape(-1))
    return m


def weight_matrices(method, in_hw, out_hw, attrs):
    """(Wr [out_h, in_h], Wc [out_w, in_w], factor) with out = factor * Wr @ image @ Wc^T."""
    mats = []
    for axis in (0, 1):
        n_in, n_out = in_hw[axis], out_hw[axis]
        if method == "bilinear":
            if tuple(in_hw) == tuple(out_hw):
                idx, w = np.arange(n_in)[:, None], np.ones((n_in, 1))
            else:
                lo, hi, lerp = _bilinear_axis(n_in, n_out)
                idx = np.stack([lo, hi], 1)
                w = np.stack([1.0 - lerp.astype(np.float64), lerp.astype(np.float64)], 1)
        elif method == "nearest":
            idx, w = _nearest_axis(n_in, n_out)[:, None], np.ones((n_out, 1))
        elif method == "bicubic":
            idx, w = _bicubic_axis(n_in, n_out)
        elif method == "area":
            idx, w, valid = _area_axis(n_in, n_out)
            w = np.where(valid & ~_is_middle(valid, np.arange(idx.shape[1])[None, :]), w,
                         np.where(valid, 1.0, 0.0))
        else:
            starts, w = _spans(attrs["kernel_type"], n_in, n_out, attrs["scale"][axis],
                               attrs["translation"][axis], attrs["antialias"])
            idx = np.clip(starts[:, None] + np.arange(w.shape[1])[None, :], 0, n_in - 1)
        mats.append(_dense(n_out, n_in, idx, np.asarray(w, np.float64)))
    factor = 1.0
    if method == "area":
        factor = float(_F32(1.0 / float(_scale(in_hw[0], out_hw[0]) * _scale(in_hw[1], out_hw[1]))))
    return mats[0], mats[1], factor


# ============================================================================================
# The records
# ============================================================================================
_FORWARDS = {"bilinear": ("ResizeBilinear", _bilinear_forward),
             "nearest": ("ResizeNearestNeighbor", _nearest_forward),
             "bicubic": ("ResizeBicubic", _bicubic_forward),
             "area": ("ResizeArea", _area_forward),
             "scale_and_translate": ("ScaleAndTranslate", _scale_translate_forward)}


def _check_image(op_name, v, size):
    if v.ndim != 4:
        raise op_error(InvalidArgumentError, op_name, f"input must be 4-dimensional{list(v.shape)}")
    if size[0] <= 0 or size[1] <= 0:
        raise op_error(InvalidArgumentError, op_name, "output dimensions must be positive")
    if v.shape[3] <= 0:
        raise op_error(InvalidArgumentError, op_name, "image must have at least one channel")
    if v.shape[1] <= 0 or v.shape[2] <= 0:
        raise op_error(InvalidArgumentError, op_name, "input image must be of non-zero size")


def _forward(method):
    name, fn = _FORWARDS[method]

    def forward(v, size, **attrs):
        _check_image(name, v, size)
        out_dtype = v.dtype if method == "nearest" else _F32
        if v.shape[0] == 0:
            return np.zeros((0, size[0], size[1], v.shape[3]), out_dtype)
        return fn(v, size, **attrs)
    return forward


def _apply_matrices(g, wr, wc, factor, dtype):
    out = np.einsum("ip,npqc,jq->nijc", wr, g.astype(np.float64), wc, optimize=True)
    return (out * factor).astype(dtype)


def _grad_forward(method):
    def forward(g, shape, dtype, **attrs):
        wr, wc, factor = weight_matrices(method, shape[1:3], g.shape[1:3], attrs)
        return _apply_matrices(g, wr.T, wc.T, factor, dtype)
    return forward


def _folded(x, d):
    """x (batched along d) as an NHWC tensor with the batch folded into N, and the batch size."""
    x = move_to_front(x, d)
    s = x._value.shape
    return P.reshape(x, (s[0] * s[1],) + s[2:]), s[0]


def _fold_batch(op, args, dims, attrs):
    x, n = _folded(args[0], dims[0])
    new = dict(attrs)
    if "shape" in new:
        new["shape"] = (x._value.shape[0],) + tuple(new["shape"][1:])
    out = apply1(op, x, new)
    return P.reshape(out, (n, out._value.shape[0] // n) + out._value.shape[1:]), 0


def _unfold_grad(op, g, call):
    """Runs `call(g4)` on a cotangent whose extra leading axes are folded into N."""
    extra = g._value.shape[:g._value.ndim - 4]
    if not extra:
        return call(g, op.inputs[0]._value.shape[0])
    batch = g._value.shape[-4]
    n = int(np.prod(extra)) * batch
    flat = P.reshape(g, (n,) + g._value.shape[-3:])
    out = call(flat, n)
    return P.reshape(out, extra + (batch,) + out._value.shape[1:])


def _resize_records(method):
    name = _FORWARDS[method][0]
    out_float = method != "nearest"

    def forward_shape(a, size, **attrs):
        return aval((a.shape[0], size[0], size[1], a.shape[3]), _F32 if out_float else a.dtype)

    def grad_shape(g, shape, dtype, **attrs):
        return aval((g.shape[0],) + tuple(shape[1:]), dtype)

    def grad(op, g):
        x = op.inputs[0]
        if x._value.dtype.kind not in "f":
            return None

        def call(g4, n):
            return apply1(GRADS[method], g4, dict(op.attrs, shape=(n,) + x._value.shape[1:],
                                                  dtype=x._value.dtype))
        return _unfold_grad(op, g, call)

    def grad_grad(op, h):
        def call(h4, n):
            attrs = {k: v for k, v in op.attrs.items() if k not in ("shape", "dtype")}
            attrs["size"] = op.inputs[0]._value.shape[1:3]
            return apply1(FORWARDS[method], h4, attrs)
        out = _unfold_grad(op, h, call)
        return out if out._value.dtype == op.inputs[0]._value.dtype else \
            apply1(_CAST_LIKE, out, {"dtype": op.inputs[0]._value.dtype})

    fwd = defop(name, _forward(method), grad, linear=True, allowed=RESIZE_INPUT,
                shape=forward_shape, batch=_fold_batch, batched_grad=True)
    back = defop(name + "Grad", _grad_forward(method), grad_grad, linear=True, allowed=FLOAT,
                 shape=grad_shape, batch=_fold_batch, batched_grad=True)
    return fwd, back


def _cast_like_forward(v, dtype):
    return v.astype(dtype)


# A plain float cast for the second-order rules (kept here so this module needs no math layer).
_CAST_LIKE = defop("ResizeGradCast", _cast_like_forward,
                   lambda op, g: apply1(_CAST_LIKE, g, {"dtype": op.inputs[0]._value.dtype}),
                   linear=True, allowed=FLOAT, batched_grad=True, batch=_fold_batch,
                   shape=lambda a, dtype: aval(a.shape, dtype))

FORWARDS, GRADS = {}, {}
for _m in _FORWARDS:
    FORWARDS[_m], GRADS[_m] = _resize_records(_m)
RESIZE_BILINEAR, RESIZE_NEAREST = FORWARDS["bilinear"], FORWARDS["nearest"]
RESIZE_BICUBIC, RESIZE_AREA = FORWARDS["bicubic"], FORWARDS["area"]
SCALE_AND_TRANSLATE = FORWARDS["scale_and_translate"]


def resize(images, method, size, kernel_type=None, scale=None, translation=(0.0, 0.0),
           antialias=False):
    """The resize of NHWC `images` to `size` by `method` ("bilinear", "nearest", "bicubic",
    "area" or "scale_and_translate" with `kernel_type`, `scale` and `antialias`)."""
    attrs = {"size": (int(size[0]), int(size[1]))}
    if method == "scale_and_translate":
        attrs.update(kernel_type=kernel_type, scale=(float(scale[0]), float(scale[1])),
                     translation=(float(translation[0]), float(translation[1])),
                     antialias=bool(antialias))
    return apply1(FORWARDS[method], images, attrs)


# ============================================================================================
# Colour spaces (the last axis holds the 3 channels)
# ============================================================================================
def _rgb_to_hsv_np(v):
    t = v.dtype.type
    r, g, b = v[..., 0], v[..., 1], v[..., 2]
    value = np.max(v, -1)
    rng = value - np.min(v, -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        sat = np.where(value > 0, rng / value, t(0))
        norm = (t(1) / rng) * (t(1) / t(6))
        hue = np.where(r == value, norm * (g - b),
                       np.where(g == value, norm * (b - r) + t(2) / t(6),
                                norm * (r - g) + t(4) / t(6)))
    hue = np.where(rng > 0, hue, t(0))
    hue = np.where(hue < 0, hue + t(1), hue)
    return np.stack([hue, sat, value], -1).astype(v.dtype)


def _hsv_to_rgb_np(v):
    t = v.dtype.type
    h, s, val = v[..., 0], v[..., 1], v[..., 2]
    dh = h * t(6)
    dr = np.clip(np.abs(dh - t(3)) - t(1), t(0), t(1))
    dg = np.clip(-np.abs(dh - t(2)) + t(2), t(0), t(1))
    db = np.clip(-np.abs(dh - t(4)) + t(2), t(0), t(1))
    one_s = -s + t(1)
    return np.stack([(one_s + s * dr) * val, (one_s + s * dg) * val, (one_s + s * db) * val],
                    -1).astype(v.dtype)


def _check_three_channels(op_name):
    def wrap_forward(fn):
        def forward(v, **attrs):
            if v.ndim < 1 or v.shape[-1] != 3:
                raise op_error(InvalidArgumentError, op_name,
                               f"input must have 3 channels but input only has "
                               f"{v.shape[-1] if v.ndim else 0} channels.")
            return fn(v, **attrs)
        return forward
    return wrap_forward


def _rgb_to_hsv_grad(op, g):
    """The piecewise derivative of H, S and V, with TF's tie-breaking masks (R > G > B)."""
    from . import math as PM
    from .array import strided_slice
    x, y = op.inputs[0], op.outputs[0]
    dtype = x._value.dtype

    def const(value):
        return wrap(np.asarray(value, dtype))

    def channel(t, i):
        return strided_slice(t, (Ellipsis, i))

    def mask(condition):
        return PM.cast(condition, dtype)
    r, gr, b = channel(x, 0), channel(x, 1), channel(x, 2)
    s, v = channel(y, 1), channel(y, 2)
    land = PM.logical_and
    is_max = [mask(land(PM.greater_equal(r, b), PM.greater_equal(r, gr))),
              mask(land(PM.greater(gr, r), PM.greater_equal(gr, b))),
              mask(land(PM.greater(b, r), PM.greater(b, gr)))]
    is_min = [mask(land(PM.less(r, b), PM.less(r, gr))),
              mask(land(PM.less_equal(gr, r), PM.less(gr, b))),
              mask(land(PM.less_equal(b, r), PM.less_equal(b, gr)))]
    inv_v = _reciprocal_no_nan(v)
    smallest = PM.mul(v, PM.sub(const(1), s))
    # V = max: dV/dc = [c is max]; S = 1 - min / V: dS/dc = [max] min / V^2 - [min] / V
    ds = [PM.sub(PM.mul(is_max[c], PM.mul(smallest, PM.square(inv_v))), PM.mul(is_min[c], inv_v))
          for c in range(3)]
    # H = num / (6 range) + offset on the branch of the largest channel
    inv_range = _reciprocal_no_nan(PM.sub(v, smallest))
    branches = ((is_max[0], PM.sub(gr, b), (0, 1, -1)), (is_max[1], PM.sub(b, r), (-1, 0, 1)),
                (is_max[2], PM.sub(r, gr), (1, -1, 0)))
    dh = []
    for c in range(3):
        d_range = PM.sub(is_max[c], is_min[c])
        total = None
        for branch, num, d_num in branches:
            value = PM.sub(PM.mul(const(d_num[c]), inv_range),
                           PM.mul(PM.mul(num, d_range), PM.square(inv_range)))
            total = PM.mul(branch, value) if total is None else PM.add(total, PM.mul(branch, value))
        dh.append(PM.mul(total, const(1.0 / 6.0)))
    gh, gs, gv = channel(g, 0), channel(g, 1), channel(g, 2)
    grads = [PM.add(PM.add(PM.mul(gh, dh[c]), PM.mul(gs, ds[c])), PM.mul(gv, is_max[c]))
             for c in range(3)]
    return P.stack(grads, grads[0]._value.ndim)


def _reciprocal_no_nan(x):
    from . import math as PM
    zero = PM.zeros_like(x)
    nonzero = PM.not_equal(x, zero)
    safe = P.select(nonzero, x, PM.add(zero, wrap(np.asarray(1, x._value.dtype))))
    return P.select(nonzero, PM.reciprocal(safe), zero)


RGB_TO_HSV = defop("RGBToHSV", _check_three_channels("RGBToHSV")(_rgb_to_hsv_np),
                   _rgb_to_hsv_grad, jvp=lambda op, dx: _rgb_to_hsv_jvp(op, dx),
                   allowed=FLOAT, shape=same, batch=lambda op, a, d, at: (
                       apply1(op, move_to_front(a[0], d[0])), 0))
HSV_TO_RGB = defop("HSVToRGB", _check_three_channels("HSVToRGB")(_hsv_to_rgb_np), nondiff=True,
                   allowed=FLOAT, shape=same,
                   batch=lambda op, a, d, at: (apply1(op, move_to_front(a[0], d[0])), 0))


def _rgb_to_hsv_jvp(op, dx):
    from ._linearize import jvp_from_grad
    return jvp_from_grad(op, dx)


def _adjust_hue_np(v, delta):
    f = v.astype(_F32)
    r, g, b = f[..., 0], f[..., 1], f[..., 2]
    vmax, vmin = np.maximum(np.maximum(r, g), b), np.minimum(np.minimum(r, g), b)
    # TF's six hue categories and which channel is the middle one
    cat = np.where(r < g, np.where(b < r, 1, np.where(b > g, 3, 2)),
                   np.where(b < g, 0, np.where(b > r, 4, 5)))
    mid = np.where(r < g, np.where(b < r, r, np.where(b > g, g, b)),
                   np.where(b < g, g, np.where(b > r, r, b)))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (mid - vmin) / (vmax - vmin)
    increase = (cat & 1) == 0
    h = np.where(vmax == vmin, _F32(0), cat.astype(_F32) + np.where(increase, ratio, _F32(1) - ratio))
    h = (h + _F32(delta) * _F32(6)).astype(_F32)
    h = np.where(h < 0, h + _F32(6), h)
    h = np.where(h < 0, h + _F32(6), h)
    h = np.where(h >= _F32(6), h - _F32(6), h).astype(_F32)
    hc = h.astype(np.int64)
    ratio = (h - hc.astype(_F32)).astype(_F32)
    ratio = np.where((hc & 1) == 0, ratio, _F32(1) - ratio)
    vmid = vmin + ratio * (vmax - vmin)
    table = [(vmax, vmid, vmin), (vmid, vmax, vmin), (vmin, vmax, vmid),
             (vmin, vmid, vmax), (vmid, vmin, vmax), (vmax, vmin, vmid)]
    hc = np.clip(hc, 0, 5)
    out = [np.choose(hc, [t[c] for t in table]) for c in range(3)]
    return np.stack(out, -1).astype(_F32)


def _adjust_saturation_np(v, scale):
    f = v.astype(_F32)
    r, g, b = f[..., 0], f[..., 1], f[..., 2]
    vv = np.maximum(r, np.maximum(g, b))
    rng = vv - np.minimum(r, np.minimum(g, b))
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(vv > 0, rng / vv, _F32(0))
        norm = _F32(1) / (_F32(6) * rng)
        hh = np.where(r == vv, norm * (g - b), np.where(
            g == vv, norm * (b - r) + _F32(2.0 / 6.0), norm * (r - g) + _F32(4.0 / 6.0)))
    hh = np.where(rng <= 0, _F32(0), hh)
    hh = np.where(hh < 0, hh + _F32(1), hh).astype(_F32)
    s = np.minimum(_F32(1), np.maximum(_F32(0), (s * _F32(scale)).astype(_F32)))
    c = (s * vv).astype(_F32)
    m = vv - c
    dh = (hh * _F32(6)).astype(_F32)
    cat = dh.astype(np.int64)
    fm = np.where(dh <= 0, dh + _F32(2) * np.ceil((-dh) / _F32(2) + _F32(1e-7)), dh)
    fm = np.mod(fm, _F32(2)).astype(_F32)
    xx = (c * (_F32(1) - np.abs(fm - _F32(1)))).astype(_F32)
    zero = np.zeros_like(c)
    table = [(c, xx, zero), (xx, c, zero), (zero, c, xx), (zero, xx, c), (xx, zero, c),
             (c, zero, xx)]
    valid = (cat >= 0) & (cat <= 5)
    idx = np.clip(cat, 0, 5)
    out = [np.where(valid, np.choose(idx, [t[k] for t in table]), zero) + m for k in range(3)]
    return np.stack(out, -1).astype(_F32)


_PARAMETER = {"AdjustHue": "delta", "AdjustSaturation": "scale"}


def apply_adjust(op, x, value=None):
    """Runs a colour primitive (RGBToHSV, HSVToRGB, AdjustHue with `value` the delta,
    AdjustSaturation with `value` the factor)."""
    return apply1(op, x, None if value is None else {_PARAMETER[op.name]: value})


def _unary_batch(op, args, dims, attrs):
    return apply1(op, move_to_front(args[0], dims[0]), attrs), 0


ADJUST_HUE = defop("AdjustHue", _check_three_channels("AdjustHue")(_adjust_hue_np), nondiff=True,
                   allowed=(FLOAT[1],), shape=same, batch=_unary_batch)
ADJUST_SATURATION = defop("AdjustSaturation",
                          _check_three_channels("AdjustSaturation")(_adjust_saturation_np),
                          nondiff=True, allowed=(FLOAT[1],), shape=same, batch=_unary_batch)


# ============================================================================================
# Non-max suppression and box drawing (no gradients)
# ============================================================================================
def _iou(a, b):
    ay0, ay1 = np.minimum(a[0], a[2]), np.maximum(a[0], a[2])
    ax0, ax1 = np.minimum(a[1], a[3]), np.maximum(a[1], a[3])
    by0, by1 = np.minimum(b[..., 0], b[..., 2]), np.maximum(b[..., 0], b[..., 2])
    bx0, bx1 = np.minimum(b[..., 1], b[..., 3]), np.maximum(b[..., 1], b[..., 3])
    area_a = (ay1 - ay0) * (ax1 - ax0)
    area_b = (by1 - by0) * (bx1 - bx0)
    inter = np.maximum(np.minimum(ay1, by1) - np.maximum(ay0, by0), 0) * np.maximum(
        np.minimum(ax1, bx1) - np.maximum(ax0, bx0), 0)
    union = area_a + area_b - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((area_a <= 0) | (area_b <= 0), 0.0, inter / union)


def _nms_forward(boxes, scores, max_output_size, iou_threshold, score_threshold, soft_nms_sigma):
    """TF's greedy NMS: highest score first (ties by index); with soft_nms_sigma > 0 the scores
    of overlapping boxes decay by exp(-iou^2 / sigma) instead of dropping to zero."""
    scores = scores.astype(np.float64).copy()
    boxes = boxes.astype(np.float64)
    selected, selected_scores = [], []
    alive = scores > score_threshold
    scale = -0.5 / soft_nms_sigma if soft_nms_sigma > 0 else 0.0
    while len(selected) < max_output_size and alive.any():
        order = np.where(alive)[0]
        best = order[np.argmax(scores[order])]
        if scores[best] <= score_threshold:
            break
        selected.append(best)
        selected_scores.append(scores[best])
        alive[best] = False
        rest = np.where(alive)[0]
        if rest.size:
            ious = _iou(boxes[best], boxes[rest])
            if soft_nms_sigma > 0:
                scores[rest] *= np.where(ious <= iou_threshold, np.exp(scale * ious * ious), 0.0)
                alive[rest] = scores[rest] > score_threshold
            else:
                alive[rest[ious > iou_threshold]] = False
    return (np.asarray(selected, np.int32), np.asarray(selected_scores, np.float32))


NON_MAX_SUPPRESSION = defop(
    "NonMaxSuppressionV5", _nms_forward, nondiff=True, num_outputs=2, allowed=(FLOAT[1],),
    shape=lambda b, s, **a: (aval((None,), np.int32), aval((None,), np.float32)),
    batch=lambda op, args, dims, attrs: _nms_batch(op, args, dims, attrs))


def _nms_batch(op, args, dims, attrs):
    raise op_error(InvalidArgumentError, "NonMaxSuppressionV5",
                   "non_max_suppression selects a different number of boxes per example, so it "
                   "cannot be vectorized; use tf.image.combined_non_max_suppression")


def non_max_suppression(boxes, scores, max_output_size, iou_threshold, score_threshold,
                        soft_nms_sigma=0.0):
    from ..framework.op import apply
    return apply(NON_MAX_SUPPRESSION, (boxes, scores), {
        "max_output_size": int(max_output_size), "iou_threshold": float(iou_threshold),
        "score_threshold": float(score_threshold), "soft_nms_sigma": float(soft_nms_sigma)})


def _draw_boxes_forward(images, boxes, colors):
    """Box outlines (1 pixel) in `colors` (cycled), on a copy of the images (TF's rounding of
    the normalized corners: y_min = floor(y * (h - 1)), ...)."""
    out = images.copy()
    n, h, w, depth = images.shape
    palette = colors.astype(np.float64) if colors.size else np.array(
        [[1, 1, 0, 1], [0, 0, 1, 1], [1, 0, 0, 1], [0, 1, 0, 1], [0.5, 0, 0.5, 1],
         [0.5, 0.5, 0, 1], [0.5, 0, 0, 1], [0, 0, 0.5, 1], [0, 1, 1, 1], [1, 0, 1, 1]])
    for b in range(n):
        for i, box in enumerate(boxes[min(b, boxes.shape[0] - 1)]):
            color = palette[i % palette.shape[0]]
            ymin, xmin = int(np.floor(box[0] * (h - 1))), int(np.floor(box[1] * (w - 1)))
            ymax, xmax = int(np.floor(box[2] * (h - 1))), int(np.floor(box[3] * (w - 1)))
            if ymin >= h or xmin >= w or ymax < 0 or xmax < 0 or ymin > ymax or xmin > xmax:
                continue
            ymin_c, xmin_c = max(ymin, 0), max(xmin, 0)
            ymax_c, xmax_c = min(ymax, h - 1), min(xmax, w - 1)
            value = np.array([color[c % color.shape[0]] if c < color.shape[0] else 1.0
                              for c in range(depth)], dtype=np.float64).astype(images.dtype)
            rows = [y for y in (ymin, ymax) if 0 <= y < h]
            cols = [x for x in (xmin, xmax) if 0 <= x < w]
            for y in rows:
                out[b, y, xmin_c:xmax_c + 1] = value
            for x in cols:
                out[b, ymin_c:ymax_c + 1, x] = value
    return out


DRAW_BOUNDING_BOXES = defop(
    "DrawBoundingBoxesV2", _draw_boxes_forward, nondiff=True, allowed=FLOAT,
    shape=lambda img, boxes, colors: aval(img.shape, img.dtype),
    batch=lambda op, args, dims, attrs: P.loop(op, args, dims, attrs))


__all__ = ["apply_adjust", "non_max_suppression", "resize", "weight_matrices"]
