"""Fourier-transform primitives: FFT, IFFT, RFFT, IRFFT over the innermost 1, 2 or 3 axes (TF's
`FFT`, `FFT2D`, ..., `IRFFT3D`) and over any axes (`FFTND`, `IFFTND`, `RFFTND`, `IRFFTND`).

All are linear (real-linear for RFFT and IRFFT), so their JVPs are the ops themselves, and their
gradients are built from each other, so any order of derivative works:
  FFT    grad = N * IFFT(g)                 (the adjoint of the DFT matrix F is N * F^-1)
  IFFT   grad = FFT(g) / N
  RFFT   grad = Re(N * IFFT(g zero-padded to the full length))
         (= TF's 0.5 * (N * IRFFT(g) + Re(extra terms)), the adjoint of the real-to-half map)
  IRFFT  grad = RFFT(g) * [1, 2, ..., 2, (1)] / N   (TF's mask: the bins IRFFT counts twice)
The real transforms' primitives see inputs whose transformed axes already have the exact sizes
(`fft_length`, and `fft_length // 2 + 1` on the last axis of an IRFFT input): the public layer
pads or crops first, so those steps have their own gradients. Leading axes are batch axes.

    >>> from tapeflow.prims import fft as PF
    >>> PF.fft(tf.constant([1 + 0j, 2, 3, 4]))
    <tf.Tensor: shape=(4,), dtype=complex128, numpy=array([10.+0.j, -2.+2.j, -2.+0.j, -2.-2.j])>
"""
import numpy as np

from ..framework.op import apply1, defop
from ..framework.tensor import wrap
from . import array as PA
from . import math as PM
from ._common import COMPLEX, FLOAT, aval
from .base import leading

_REAL_OF = {np.dtype(np.complex64): np.dtype(np.float32),
            np.dtype(np.complex128): np.dtype(np.float64)}
_COMPLEX_OF = {v: k for k, v in _REAL_OF.items()}
REAL_INPUT = FLOAT[1:]  # float32, float64


def _size(shape, axes):
    n = 1
    for a in axes:
        n *= shape[a]
    return n


def _scaled(x, factor):
    """x * factor (a Python number) in x's dtype."""
    return PM.mul(x, wrap(np.asarray(factor, x._value.dtype)[()]))


def _empty_safe(fn, out_shape, dtype):
    """Runs `fn` unless the result is empty (NumPy's FFTs refuse zero-length axes)."""
    if 0 in out_shape:
        return np.zeros(out_shape, dtype)
    return fn()


# ============================================================================================
# Complex-to-complex
# ============================================================================================
def _c2c_forward(inverse):
    def forward(v, axes):
        fn = np.fft.ifftn if inverse else np.fft.fftn
        return _empty_safe(lambda: fn(v, axes=axes).astype(v.dtype, copy=False), v.shape, v.dtype)
    return forward


def _c2c_shape(a, axes):
    return aval(a.shape, a.dtype)


def _c2c_grad(adjoint_name, inverse):
    def grad(op, g):
        axes = op.attrs["axes"]
        n = _size(op.inputs[0]._value.shape, axes)
        out = c2c(g, axes, not inverse)
        if n == 0:
            return out
        return _scaled(out, 1.0 / n if inverse else float(n))
    grad.__name__ = adjoint_name
    return grad


def _c2c(name, inverse):
    return defop(name, _c2c_forward(inverse), _c2c_grad(name + "Grad", inverse), linear=True,
                 allowed=COMPLEX, shape=_c2c_shape, batch=leading, batched_grad=True)


FFT = _c2c("FFT", False)
IFFT = _c2c("IFFT", True)
FFT2D = _c2c("FFT2D", False)
IFFT2D = _c2c("IFFT2D", True)
FFT3D = _c2c("FFT3D", False)
IFFT3D = _c2c("IFFT3D", True)
FFTND = _c2c("FFTND", False)
IFFTND = _c2c("IFFTND", True)
_C2C = {(1, False): FFT, (1, True): IFFT, (2, False): FFT2D, (2, True): IFFT2D,
        (3, False): FFT3D, (3, True): IFFT3D}


def _inner_axes(rank):
    return tuple(range(-rank, 0))


def c2c(x, axes, inverse):
    """The (inverse) DFT of complex x over `axes` (negative ints, innermost last): TF's
    FFT/FFT2D/FFT3D for the innermost 1-3 axes, FFTND otherwise."""
    axes = tuple(axes)
    op = _C2C.get((len(axes), inverse)) if axes == _inner_axes(len(axes)) else None
    if op is None:
        op = IFFTND if inverse else FFTND
    return apply1(op, x, {"axes": axes})


def fft(x):
    return c2c(x, (-1,), False)


def ifft(x):
    return c2c(x, (-1,), True)


# ============================================================================================
# Real-to-half-complex and back (transformed axes already of the exact sizes)
# ============================================================================================
def _half_length(n):
    """The bins a real transform of length n keeps (none for an empty axis, as TF)."""
    return n // 2 + 1 if n else 0


def _r2c_forward(v, axes):
    cdtype = _COMPLEX_OF[v.dtype]
    out_shape = list(v.shape)
    out_shape[axes[-1]] = _half_length(v.shape[axes[-1]])
    return _empty_safe(lambda: np.fft.rfftn(v, axes=axes).astype(cdtype, copy=False),
                       tuple(out_shape), cdtype)


def _r2c_shape(a, axes):
    s = list(a.shape)
    d = s[axes[-1]]
    s[axes[-1]] = None if d is None else _half_length(d)
    return aval(s, _COMPLEX_OF[np.dtype(a.dtype)])


def _r2c_grad(op, g):
    """Re(N * IDFT(g with the dropped bins as zeros)) over the transformed axes."""
    axes = op.attrs["axes"]
    x = op.inputs[0]
    full = x._value.shape[axes[-1]]
    half = g._value.shape[axes[-1]]
    pads = [(0, 0)] * g._value.ndim
    pads[axes[-1]] = (0, full - half)
    padded = PA.pad(g, tuple(pads), "CONSTANT", np.zeros((), g._value.dtype)[()]) \
        if full > half else g
    n = _size(x._value.shape, axes)
    if n == 0:
        return PM.real(padded)
    return PM.real(_scaled(c2c(padded, axes, True), float(n)))


def _c2r_forward(v, axes, fft_length):
    rdtype = _REAL_OF[v.dtype]
    out_shape = list(v.shape)
    for a, n in zip(axes, fft_length):
        out_shape[a] = n
    return _empty_safe(lambda: np.fft.irfftn(v, s=fft_length, axes=axes).astype(
        rdtype, copy=False), tuple(out_shape), rdtype)


def _c2r_shape(a, axes, fft_length):
    s = list(a.shape)
    for ax, n in zip(axes, fft_length):
        s[ax] = n
    return aval(s, _REAL_OF[np.dtype(a.dtype)])


def _c2r_grad(op, g):
    """RFFT(g) * mask / N: the bins an IRFFT uses twice (all but DC and, for an even length,
    Nyquist) get a factor of 2."""
    axes, lengths = op.attrs["axes"], op.attrs["fft_length"]
    spectrum = r2c(g, axes)
    last = lengths[-1]
    half = last // 2 + 1
    mask = np.full(half, 2.0)
    mask[0] = 1.0
    if last % 2 == 0 and half > 1:
        mask[-1] = 1.0
    n = 1
    for d in lengths:
        n *= d
    shape = [1] * spectrum._value.ndim
    shape[axes[-1]] = half
    weights = (mask / max(n, 1)).reshape(shape).astype(spectrum._value.dtype)
    return PM.mul(spectrum, wrap(weights))


def _real(name):
    return defop(name, _r2c_forward, _r2c_grad, linear=True, allowed=REAL_INPUT,
                 shape=_r2c_shape, batch=leading, batched_grad=True)


def _inverse_real(name):
    return defop(name, _c2r_forward, _c2r_grad, linear=True, allowed=COMPLEX, shape=_c2r_shape,
                 batch=leading, batched_grad=True)


RFFT, RFFT2D, RFFT3D, RFFTND = map(_real, ("RFFT", "RFFT2D", "RFFT3D", "RFFTND"))
IRFFT, IRFFT2D, IRFFT3D, IRFFTND = map(_inverse_real, ("IRFFT", "IRFFT2D", "IRFFT3D", "IRFFTND"))
_R2C = {1: RFFT, 2: RFFT2D, 3: RFFT3D}
_C2R = {1: IRFFT, 2: IRFFT2D, 3: IRFFT3D}


def r2c(x, axes):
    """The DFT of real x over `axes` (negative ints), keeping the n // 2 + 1 non-negative
    frequencies of the last axis; each axis' length is its FFT length."""
    axes = tuple(axes)
    op = _R2C.get(len(axes)) if axes == _inner_axes(len(axes)) else None
    return apply1(op or RFFTND, x, {"axes": axes})


def c2r(x, axes, fft_length):
    """The real inverse DFT of half-spectrum x over `axes` to lengths `fft_length` (x's last
    transformed axis must have fft_length[-1] // 2 + 1 entries)."""
    axes = tuple(axes)
    op = _C2R.get(len(axes)) if axes == _inner_axes(len(axes)) else None
    return apply1(op or IRFFTND, x, {"axes": axes, "fft_length": tuple(int(n) for n in fft_length)})


__all__ = ["c2c", "c2r", "fft", "ifft", "r2c"]
