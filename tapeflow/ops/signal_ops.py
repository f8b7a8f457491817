"""Signal processing, public API (`tf.signal`): Fourier transforms, frames, windows, short-time
Fourier transforms, mel filterbanks, MFCCs, DCTs and MDCTs.

The transforms convert and check their arguments with TF's rules and pad or crop the input to
`fft_length` (differentiable steps of their own), then call the primitives of
`tapeflow.prims.fft`. Everything else is composed of public ops, so it is differentiable to any
order wherever TF's is.

    >>> tf.signal.rfft(tf.constant([1.0, 2.0, 3.0]))
    <tf.Tensor: shape=(2,), dtype=complex64, numpy=array([ 6. +0.j       , -1.5+0.8660254j], dtype=complex64)>
"""
import math

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import TensorLike, convert_to_tensor, wrap
from ..prims import fft as PF
from . import array_ops as A
from . import math_ops as M
from ._common import int_list

_COMPLEX_FOR = {np.dtype(np.float32): D.complex64, np.dtype(np.float64): D.complex128}


# ============================================================================================
# Argument conversion
# ============================================================================================
def _complex_input(x, op_name, rank):
    """x as a complex tensor: Python numbers convert to complex64 (complex128 when they are
    complex); tensors and arrays must already be complex (TF's type-attribute error)."""
    if not isinstance(x, (TensorLike, np.ndarray, np.generic)):
        x = convert_to_tensor(x)
        if x._value.dtype.kind != "c":
            x = M.cast(x, D.complex64)
    x = convert_to_tensor(x)
    if x._value.dtype.kind != "c":
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr 'Tcomplex' of {x.dtype._cname} is not in the list of "
                       f"allowed values: complex64, complex128\n\t; NodeDef: {{{{node {op_name}}}}}"
                       f"; Op<name={op_name}; signature=input:Tcomplex -> output:Tcomplex; "
                       f"attr=Tcomplex:type,default=DT_COMPLEX64,allowed=[DT_COMPLEX64, "
                       f"DT_COMPLEX128]>")
    if x._value.ndim < rank:
        raise op_error(InvalidArgumentError, op_name,
                       f"Input must have rank of at least {rank} but got: "
                       f"[{','.join(map(str, x._value.shape))}]")
    return x


def _rank_at_least(x, rank):
    if x._value.ndim < rank:
        raise ValueError(f"Shape {x.shape} must have rank at least {rank}")


def _real_input(x, rank):
    x = convert_to_tensor(x, dtype_hint=D.float32)
    if x._value.dtype not in (np.float32, np.float64):
        raise ValueError(f"RFFT requires tf.float32 or tf.float64 inputs, got: {x!s}")
    _rank_at_least(x, rank)
    return x


def _half_spectrum_input(x, rank):
    x = convert_to_tensor(x, dtype_hint=D.complex64)
    _rank_at_least(x, rank)
    if x._value.dtype not in (np.complex64, np.complex128):
        raise ValueError(f"IRFFT requires tf.complex64 or tf.complex128 inputs, got: {x!s}")
    return x


def _fit(x, axes, sizes):
    """x zero-padded or cropped so that axis axes[i] has sizes[i] entries (an empty input is
    left as it is, as TF's wrappers do)."""
    shape = x._value.shape
    if 0 in shape:
        return x
    pads = [[0, 0] for _ in shape]
    crop = False
    for a, n in zip(axes, sizes):
        d = shape[a]
        if n > d:
            pads[a][1] = n - d
        elif n < d:
            crop = True
    if any(p[1] for p in pads):
        x = A.pad(x, pads)
    if crop:
        begin = [0] * len(shape)
        size = list(x._value.shape)
        for a, n in zip(axes, sizes):
            size[a] = min(size[a], n)
        x = A.slice(x, begin, size)
    return x


def _lengths(fft_length, rank):
    lengths = int_list(fft_length)
    if len(lengths) != rank:
        raise op_error(InvalidArgumentError, "RFFT", f"fft_length must be length {rank} vector, "
                                                     f"got: {len(lengths)}")
    return lengths


# ============================================================================================
# Fourier transforms over the innermost 1, 2 or 3 axes
# ============================================================================================
def _c2c_public(rank, inverse, name):
    op_name = ("I" if inverse else "") + "FFT" + ("" if rank == 1 else f"{rank}D")

    def transform(input, name=None):
        x = _complex_input(input, op_name, rank)
        return PF.c2c(x, tuple(range(-rank, 0)), inverse)
    transform.__name__ = name
    return transform


fft = _c2c_public(1, False, "fft")
ifft = _c2c_public(1, True, "ifft")
fft2d = _c2c_public(2, False, "fft2d")
ifft2d = _c2c_public(2, True, "ifft2d")
fft3d = _c2c_public(3, False, "fft3d")
ifft3d = _c2c_public(3, True, "ifft3d")
fft.__doc__ = """The discrete Fourier transform over the innermost axis (TF op `FFT`).

    >>> tf.signal.fft(tf.constant([1 + 0j, 2, 3, 4]))
    <tf.Tensor: shape=(4,), dtype=complex128, numpy=array([10.+0.j, -2.+2.j, -2.+0.j, -2.-2.j])>
    """


def _rfft_public(rank, name):
    def transform(input_tensor, fft_length=None, name=None):
        x = _real_input(input_tensor, rank)
        axes = tuple(range(-rank, 0))
        lengths = (list(x._value.shape[-rank:]) if fft_length is None
                   else _lengths(fft_length, rank))
        return PF.r2c(_fit(x, axes, lengths), axes)
    transform.__name__ = name
    return transform


def _irfft_public(rank, name):
    def transform(input_tensor, fft_length=None, name=None):
        x = _half_spectrum_input(input_tensor, rank)
        axes = tuple(range(-rank, 0))
        if fft_length is None:
            lengths = list(x._value.shape[-rank:])
            lengths[-1] = max(0, 2 * (lengths[-1] - 1))
        else:
            lengths = _lengths(fft_length, rank)
        sizes = lengths[:-1] + [lengths[-1] // 2 + 1]
        return PF.c2r(_fit(x, axes, sizes), axes, lengths)
    transform.__name__ = name
    return transform


rfft = _rfft_public(1, "rfft")
rfft2d = _rfft_public(2, "rfft2d")
rfft3d = _rfft_public(3, "rfft3d")
irfft = _irfft_public(1, "irfft")
irfft2d = _irfft_public(2, "irfft2d")
irfft3d = _irfft_public(3, "irfft3d")


# Each transform's docstring, with an example.
ifft.__doc__ = """The inverse discrete Fourier transform over the innermost axis (TF op `IFFT`).

    >>> tf.signal.ifft(tf.constant([1 + 0j, 1]))
    <tf.Tensor: shape=(2,), dtype=complex128, numpy=array([1.+0.j, 0.+0.j])>
    """
fft2d.__doc__ = """The discrete Fourier transform over the innermost 2 axes (TF op `FFT2D`).

    >>> tf.signal.fft2d(tf.constant([[1 + 0j, 1]]))
    <tf.Tensor: shape=(1, 2), dtype=complex128, numpy=array([[2.+0.j, 0.+0.j]])>
    """
ifft2d.__doc__ = """The inverse discrete Fourier transform over the innermost 2 axes (TF op `IFFT2D`).

    >>> tf.signal.ifft2d(tf.constant([[1 + 0j, 1]]))
    <tf.Tensor: shape=(1, 2), dtype=complex128, numpy=array([[1.+0.j, 0.+0.j]])>
    """
fft3d.__doc__ = """The discrete Fourier transform over the innermost 3 axes (TF op `FFT3D`).

    >>> tf.signal.fft3d(tf.constant([[[1 + 0j, 1]]]))
    <tf.Tensor: shape=(1, 1, 2), dtype=complex128, numpy=array([[[2.+0.j, 0.+0.j]]])>
    """
ifft3d.__doc__ = """The inverse discrete Fourier transform over the innermost 3 axes (TF op `IFFT3D`).

    >>> tf.signal.ifft3d(tf.constant([[[1 + 0j, 1]]]))
    <tf.Tensor: shape=(1, 1, 2), dtype=complex128, numpy=array([[[1.+0.j, 0.+0.j]]])>
    """
rfft.__doc__ = """The DFT of a real signal over its innermost axis, zero-padded or cropped to `fft_length`; the `fft_length // 2 + 1` non-negative frequencies (TF op `RFFT`).

    >>> tf.signal.rfft(tf.constant([1.0, 2.0, 3.0]))
    <tf.Tensor: shape=(2,), dtype=complex64, numpy=array([ 6. +0.j       , -1.5+0.8660254j], dtype=complex64)>
    """
rfft2d.__doc__ = """`rfft` over the innermost 2 axes (TF op `RFFT2D`).

    >>> tf.signal.rfft2d(tf.ones([2, 2]))[0]
    <tf.Tensor: shape=(2,), dtype=complex64, numpy=array([4.+0.j, 0.+0.j], dtype=complex64)>
    """
rfft3d.__doc__ = """`rfft` over the innermost 3 axes (TF op `RFFT3D`).

    >>> tf.signal.rfft3d(tf.ones([1, 2, 2])).shape
    TensorShape([1, 2, 2])
    """
irfft.__doc__ = """The inverse of `rfft`: a real signal of `fft_length` samples (default 2 * (n - 1)) from a half spectrum (TF op `IRFFT`).

    >>> tf.signal.irfft(tf.constant([1 + 0j, 0j]))
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([0.5, 0.5])>
    """
irfft2d.__doc__ = """The inverse of `rfft2d` (TF op `IRFFT2D`).

    >>> tf.signal.irfft2d(tf.constant([[1 + 0j, 0j]]))
    <tf.Tensor: shape=(1, 2), dtype=float64, numpy=array([[0.5, 0.5]])>
    """
irfft3d.__doc__ = """The inverse of `rfft3d` (TF op `IRFFT3D`).

    >>> tf.signal.irfft3d(tf.constant([[[1 + 0j, 0j]]]))
    <tf.Tensor: shape=(1, 1, 2), dtype=float64, numpy=array([[[0.5, 0.5]]])>
    """


# ============================================================================================
# N-dimensional transforms over chosen axes
# ============================================================================================
def _nd_axes(x, axes):
    nd = x._value.ndim
    if axes is None:
        return tuple(range(-nd, 0))
    out = []
    for a in int_list(axes):
        if not -nd <= a < nd:
            raise op_error(InvalidArgumentError, "FFTND", f"axis {a} is out of range for an "
                                                          f"input of rank {nd}")
        out.append(a % nd - nd)
    return tuple(out)


def _norm_factor(norm, lengths, forward):
    """The factor the input is scaled by before a `backward`-normalized transform."""
    if norm in (None, "backward"):
        return None
    n = 1
    for d in lengths:
        n *= d
    if norm == "forward":
        return 1.0 / n if forward else float(n)
    if norm == "ortho":
        return 1.0 / math.sqrt(n) if forward else math.sqrt(n)
    raise ValueError(f'Invalid norm value {norm}; should be "backward", "ortho" or "forward".')


def _scale(x, factor):
    if factor is None:
        return x
    return M.multiply(x, wrap(np.asarray(factor, x._value.dtype)[()]))


def fftnd(input_tensor, fft_length=None, axes=None, norm=None, name=None):
    """The discrete Fourier transform over `axes` (default: all), each padded or cropped to
    `fft_length`; `norm` is "backward" (default), "ortho" or "forward", as in NumPy.

    >>> tf.signal.fftnd(tf.ones([2, 2], tf.complex64))
    <tf.Tensor: shape=(2, 2), dtype=complex64, numpy=
    array([[4.+0.j, 0.+0.j],
           [0.+0.j, 0.+0.j]], dtype=complex64)>
    """
    return _c2c_nd(input_tensor, fft_length, axes, norm, False)


def ifftnd(input_tensor, fft_length=None, axes=None, norm=None, name=None):
    """The inverse of `fftnd`.

    >>> tf.signal.ifftnd(tf.ones([2, 2], tf.complex64))
    <tf.Tensor: shape=(2, 2), dtype=complex64, numpy=
    array([[1.+0.j, 0.+0.j],
           [0.+0.j, 0.+0.j]], dtype=complex64)>
    """
    return _c2c_nd(input_tensor, fft_length, axes, norm, True)


def _c2c_nd(x, fft_length, axes, norm, inverse):
    x = convert_to_tensor(x, dtype_hint=D.complex64)
    if x._value.dtype.kind != "c":
        x = _complex_input(x, "IFFTND" if inverse else "FFTND", 0)
    axes = _nd_axes(x, axes)
    lengths = ([x._value.shape[a] for a in axes] if fft_length is None
               else int_list(fft_length))
    x = _scale(_fit(x, axes, lengths), _norm_factor(norm, lengths, not inverse))
    return PF.c2c(x, axes, inverse)


def rfftnd(input_tensor, fft_length=None, axes=None, norm=None, name=None):
    """The real-input `fftnd`: the last of `axes` keeps its `n // 2 + 1` non-negative
    frequencies.

    >>> tf.signal.rfftnd(tf.ones([2, 4])).shape
    TensorShape([2, 3])
    """
    x = _real_input(input_tensor, 0)
    axes = _nd_axes(x, axes)
    lengths = ([x._value.shape[a] for a in axes] if fft_length is None
               else int_list(fft_length))
    x = _scale(_fit(x, axes, lengths), _norm_factor(norm, lengths, True))
    return PF.r2c(x, axes)


def irfftnd(input_tensor, fft_length=None, axes=None, norm=None, name=None):
    """The inverse of `rfftnd` (default length of the last axis: 2 * (n - 1)).

    >>> tf.signal.irfftnd(tf.ones([2, 3], tf.complex64)).shape
    TensorShape([2, 4])
    """
    x = _half_spectrum_input(input_tensor, 0)
    axes = _nd_axes(x, axes)
    if fft_length is None:
        lengths = [x._value.shape[a] for a in axes]
        lengths[-1] = max(0, 2 * (lengths[-1] - 1))
    else:
        lengths = int_list(fft_length)
    sizes = lengths[:-1] + [lengths[-1] // 2 + 1]
    x = _scale(_fit(x, axes, sizes), _norm_factor(norm, lengths, False))
    return PF.c2r(x, axes, lengths)


def fftshift(x, axes=None, name=None):
    """Moves the zero frequency to the center: a roll by n // 2 along `axes` (default: all).

    >>> tf.signal.fftshift(tf.constant([0, 1, 2, 3, -2, -1]))
    <tf.Tensor: shape=(6,), dtype=int32, numpy=array([ 3, -2, -1,  0,  1,  2], dtype=int32)>
    """
    return _shift(x, axes, 1)


def ifftshift(x, axes=None, name=None):
    """The inverse of `fftshift`: a roll by -(n // 2).

    >>> tf.signal.ifftshift(tf.constant([-2, -1, 0, 1, 2, 3]))
    <tf.Tensor: shape=(6,), dtype=int32, numpy=array([ 1,  2,  3, -2, -1,  0], dtype=int32)>
    """
    return _shift(x, axes, -1)


def _shift(x, axes, sign):
    from .indexing_ops import roll
    x = convert_to_tensor(x)
    shape = x._value.shape
    axes = list(range(len(shape))) if axes is None else int_list(axes)
    if not axes:
        return x
    return roll(x, [sign * (shape[a] // 2) for a in axes], axes)


# ============================================================================================
# Frames and their reconstruction
# ============================================================================================
def _static_int(v, what):
    if isinstance(v, TensorLike):
        value = np.asarray(v._value)
        if value.ndim != 0:
            raise ValueError(f"Shape {tuple(value.shape)} must have rank 0")
        if value.dtype.kind not in "iu":
            raise ValueError(f"{what} must be an integer. Got {v.dtype.name}")
        return int(value)
    return int(v)


def frame(signal, frame_length, frame_step, pad_end=False, pad_value=0, axis=-1, name=None):
    """Frames of `frame_length` samples taken every `frame_step` samples along `axis`: the
    result has that axis replaced by [num_frames, frame_length]. With `pad_end` the signal is
    padded with `pad_value` so that every sample starts a frame's step.

    >>> tf.signal.frame(tf.range(6), 3, 2)
    <tf.Tensor: shape=(2, 3), dtype=int32, numpy=
    array([[0, 1, 2],
           [2, 3, 4]], dtype=int32)>
    """
    x = convert_to_tensor(signal)
    _rank_at_least(x, 1)
    length = _static_int(frame_length, "frame_length")
    step = _static_int(frame_step, "frame_step")
    nd = x._value.ndim
    axis = _static_int(axis, "axis")
    if not -nd <= axis < nd:
        raise ValueError(f"axis {axis} is out of range for a signal of rank {nd}")
    axis %= nd
    n = x._value.shape[axis]
    if pad_end:
        num_frames = -(-n // step)
        extra = max(0, length + step * (num_frames - 1) - n)
        if extra:
            pads = [[0, 0] for _ in range(nd)]
            pads[axis][1] = extra
            x = A.pad(x, pads, constant_values=pad_value)
    else:
        num_frames = max(0, 1 + (n - length) // step)
    index = (np.arange(num_frames)[:, None] * step + np.arange(length)[None, :]).astype(np.int32)
    if axis:
        return A.gather(x, wrap(index), axis=axis)
    # Along axis 0 a gather's gradient is sparse; TF's frame gathers from a reshape of the
    # signal, so its gradient reaches the signal dense: so does this one.
    shape = x._value.shape
    frames = A.gather(A.reshape(x, list(shape) + [1]), wrap(index), axis=0)
    return A.reshape(frames, [num_frames, length] + list(shape[1:]))


def overlap_and_add(signal, frame_step, name=None):
    """The sum of frames [..., frames, frame_length] placed `frame_step` samples apart: a
    signal of frame_length + frame_step * (frames - 1) samples.

    >>> tf.signal.overlap_and_add(tf.ones([3, 2]), 1)
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([1., 2., 2., 1.], dtype=float32)>
    """
    x = convert_to_tensor(signal)
    _rank_at_least(x, 2)
    if isinstance(frame_step, TensorLike) and frame_step.dtype.is_floating:
        raise ValueError(f"frame_step must be an integer. Got {frame_step.dtype}")
    step = _static_int(frame_step, "frame_step")
    *outer, frames, length = x._value.shape
    out_length = length + step * (frames - 1)
    if step == length:
        return A.reshape(x, outer + [out_length])
    # Split each frame into blocks of `step` samples; block j of frame f lands at (f + j) * step.
    blocks = -(-length // step)
    lead = [[0, 0]] * len(outer)
    x = A.pad(x, lead + [[0, 0], [0, blocks * step - length]])
    total = None
    for j in range(blocks):
        block = x[..., j * step:(j + 1) * step]
        flat = A.reshape(block, outer + [frames * step])
        placed = A.pad(flat, lead + [[j * step, (blocks - 1 - j) * step]])
        total = placed if total is None else M.add(total, placed)
    return total[..., :out_length]


# ============================================================================================
# Windows
# ============================================================================================
def _window_args(window_length, dtype):
    dtype = D.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Found {dtype!r}")
    if isinstance(window_length, TensorLike) and window_length._value.ndim != 0:
        raise ValueError(f"Shape {window_length.shape} must have rank 0")
    return _static_int(window_length, "window_length"), dtype


def _raised_cosine(window_length, periodic, dtype, a, b):
    n, dtype = _window_args(window_length, dtype)
    if n == 1:
        return A.ones([1], dtype)
    periodic = bool(np.asarray(getattr(periodic, "_value", periodic)))
    denominator = n - 1 + (1 if periodic and n % 2 == 0 else 0)
    count = np.arange(n, dtype=dtype._np)
    arg = dtype._np.type(2 * np.pi) * count / dtype._np.type(denominator)
    return wrap((dtype._np.type(a) - dtype._np.type(b) * np.cos(arg)).astype(dtype._np))


def hann_window(window_length, periodic=True, dtype=D.float32, name=None):
    """The Hann window 0.5 - 0.5 cos(2 pi n / N) (N = length for a periodic window of even
    length, else length - 1).

    >>> tf.signal.hann_window(4)
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0. , 0.5, 1. , 0.5], dtype=float32)>
    """
    return _raised_cosine(window_length, periodic, dtype, 0.5, 0.5)


def hamming_window(window_length, periodic=True, dtype=D.float32, name=None):
    """The Hamming window 0.54 - 0.46 cos(2 pi n / N) (N as for `hann_window`).

    >>> tf.signal.hamming_window(3, periodic=False)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0.08000001, 1.        , 0.08000001], dtype=float32)>
    """
    return _raised_cosine(window_length, periodic, dtype, 0.54, 0.46)


def _kaiser_np(n, beta, np_dtype):
    if n == 1:
        return np.ones(1, np_dtype)
    half = (n - 1) / 2.0
    arg = np.arange(-half, half + 0.1, dtype=np.float32).astype(np.float64)
    ratio = np.sqrt(np.maximum(0.0, 1.0 - (arg / half) ** 2))
    return (np.i0(beta * ratio) / np.i0(beta)).astype(np_dtype)


def kaiser_window(window_length, beta=12.0, dtype=D.float32, name=None):
    """The Kaiser window I0(beta sqrt(1 - (2n / (N - 1) - 1)^2)) / I0(beta).

    >>> tf.signal.kaiser_window(3, beta=0.0)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 1., 1.], dtype=float32)>
    """
    n, dtype = _window_args(window_length, dtype)
    return wrap(_kaiser_np(n, float(np.asarray(getattr(beta, "_value", beta))), dtype._np))


def kaiser_bessel_derived_window(window_length, beta=12.0, dtype=D.float32, name=None):
    """The Kaiser-Bessel-derived window: square roots of the normalized cumulative sums of a
    Kaiser window of length n // 2 + 1, mirrored.

    >>> tf.signal.kaiser_bessel_derived_window(4, beta=0.0)
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0.57735026, 0.8164966 , 0.8164966 , 0.57735026], dtype=float32)>
    """
    n, dtype = _window_args(window_length, dtype)
    kaiser = _kaiser_np(n // 2 + 1, float(np.asarray(getattr(beta, "_value", beta))), dtype._np)
    csum = np.cumsum(kaiser, dtype=dtype._np)
    half = np.sqrt(csum[:-1] / csum[-1]).astype(dtype._np)
    return wrap(np.concatenate([half, half[::-1]]))


def vorbis_window(window_length, dtype=D.float32, name=None):
    """The Vorbis power-complementary window sin(pi / 2 sin^2(pi (n + 0.5) / N)).

    >>> tf.signal.vorbis_window(4)
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0.22801436, 0.9736578 , 0.9736578 , 0.22801416], dtype=float32)>
    """
    n, dtype = _window_args(window_length, dtype)
    t_ = np.dtype(dtype._np).type
    arg = np.arange(n, dtype=dtype._np)
    inner = np.sin(t_(np.pi) / t_(n) * (arg + t_(0.5)))
    return wrap(np.sin(t_(np.pi / 2.0) * inner ** 2).astype(dtype._np))


# ============================================================================================
# Short-time Fourier transforms
# ============================================================================================
def _enclosing_power_of_two(n):
    return int(2 ** math.ceil(math.log(n) / math.log(2.0)))


def stft(signals, frame_length, frame_step, fft_length=None, window_fn=hann_window,
         pad_end=False, name=None):
    """The short-time Fourier transform: `rfft` of windowed frames, [..., frames, fft_length // 2
    + 1] (fft_length defaults to the smallest power of two >= frame_length).

    >>> tf.signal.stft(tf.ones([16]), frame_length=8, frame_step=4).shape
    TensorShape([3, 5])
    """
    x = convert_to_tensor(signals)
    _rank_at_least(x, 1)
    length = _static_int(frame_length, "frame_length")
    step = _static_int(frame_step, "frame_step")
    n = _enclosing_power_of_two(length) if fft_length is None else _static_int(fft_length,
                                                                               "fft_length")
    frames = frame(x, length, step, pad_end=pad_end)
    if window_fn is not None:
        frames = M.multiply(frames, window_fn(length, dtype=frames.dtype))
    return rfft(frames, [n])


def inverse_stft_window_fn(frame_step, forward_window_fn=hann_window, name=None):
    """A window function for `inverse_stft` that undoes `forward_window_fn`'s overlap: the
    forward window divided by the sum of its squares over the frames that overlap each sample.

    >>> tf.signal.inverse_stft_window_fn(2)(4, dtype=tf.float32)
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0., 1., 1., 1.], dtype=float32)>
    """
    def window(frame_length, dtype):
        step = _static_int(frame_step, "frame_step")
        length = _static_int(frame_length, "frame_length")
        forward = convert_to_tensor(forward_window_fn(length, dtype=dtype))
        squares = M.square(forward)
        overlaps = -(-length // step)
        padded = A.pad(squares, [[0, overlaps * step - length]])
        per_phase = M.reduce_sum(A.reshape(padded, [overlaps, step]), 0, keepdims=True)
        denominator = A.reshape(A.tile(per_phase, [overlaps, 1]), [overlaps * step])[:length]
        zero = A.zeros_like(forward)
        safe = A.where(M.equal(denominator, zero), A.ones_like(denominator), denominator)
        return A.where(M.equal(denominator, zero), zero, M.truediv(forward, safe))
    return window


def inverse_stft(stfts, frame_length, frame_step, fft_length=None, window_fn=hann_window,
                 name=None):
    """The inverse of `stft` (with `inverse_stft_window_fn` as the window): `irfft` of each
    frame, cropped or padded to frame_length, windowed and overlap-added.

    >>> tf.signal.inverse_stft(tf.signal.stft(tf.ones([16]), 8, 4), 8, 4).shape
    TensorShape([16])
    """
    x = convert_to_tensor(stfts)
    _rank_at_least(x, 2)
    length = _static_int(frame_length, "frame_length")
    step = _static_int(frame_step, "frame_step")
    n = _enclosing_power_of_two(length) if fft_length is None else _static_int(fft_length,
                                                                               "fft_length")
    frames = irfft(x, [n])
    have = frames._value.shape[-1]
    if have > length:
        frames = frames[..., :length]
    elif have < length:
        frames = A.pad(frames, [[0, 0]] * (frames._value.ndim - 1) + [[0, length - have]])
    if window_fn is not None:
        frames = M.multiply(frames, window_fn(length, dtype=frames.dtype))
    return overlap_and_add(frames, step)


# ============================================================================================
# Discrete cosine transforms
# ============================================================================================
def _dct_args(x, dct_type, n, axis, norm):
    if axis != -1:
        raise NotImplementedError(f"axis must be -1. Got: {axis}")
    if n is not None and n < 1:
        raise ValueError("n should be a positive integer or None")
    if dct_type not in (1, 2, 3, 4):
        raise ValueError("Types I, II, III and IV (I)DCT are supported.")
    if dct_type == 1:
        if norm == "ortho":
            raise ValueError("Normalization is not supported for the Type-I DCT.")
        if x._value.ndim and x._value.shape[-1] < 2:
            raise ValueError("Type-I DCT requires the dimension to be greater than one.")
    if norm not in (None, "ortho"):
        raise ValueError(f"Unknown normalization. Expected None or 'ortho', got: {norm}")


def _const(value, like):
    return wrap(np.asarray(value, like._value.dtype))


def _dct(x, dct_type, n, norm):
    if n is not None:
        size = x._value.shape[-1]
        if n <= size:
            x = x[..., :n]
        else:
            x = A.pad(x, [[0, 0]] * (x._value.ndim - 1) + [[0, n - size]])
    size = x._value.shape[-1]
    real = x._value.dtype
    if dct_type == 1:
        mirrored = A.concat([x, A.reverse(x[..., 1:-1], [-1])], -1)
        return M.real(rfft(mirrored))
    if dct_type == 2:
        k = np.arange(size)
        scale = (2.0 * np.exp(-0.5j * np.pi * k / size)).astype(_COMPLEX_FOR[real]._np)
        out = M.real(M.multiply(rfft(x, [2 * size])[..., :size], wrap(scale)))
        if norm == "ortho":
            weights = np.full(size, math.sqrt(0.5 / size))
            weights[0] = 0.5 / math.sqrt(size)
            out = M.multiply(out, _const(weights, out))
        return out
    if dct_type == 3:
        if norm == "ortho":
            weights = np.full(size, math.sqrt(size * 0.5))
            weights[0] = math.sqrt(size)
        else:
            weights = np.full(size, float(size))
        x = M.multiply(x, _const(weights, x))
        k = np.arange(size)
        scale = (2.0 * np.exp(0.5j * np.pi * k / size)).astype(_COMPLEX_FOR[real]._np)
        spectrum = M.multiply(wrap(scale), M.cast(x, _COMPLEX_FOR[real]))
        return irfft(spectrum, [2 * size])[..., :size]
    out = _dct(x, 2, 2 * size, None)[..., 1::2]
    if norm == "ortho":
        out = M.multiply(out, _const(math.sqrt(0.5 / size), out))
    return out


def dct(input, type=2, n=None, axis=-1, norm=None, name=None):
    """The discrete cosine transform of type I-IV over the last axis (padded or cropped to n);
    `norm="ortho"` scales types II-IV to be orthonormal.

    >>> tf.signal.dct(tf.constant([1.0, 2.0, 3.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([12.       , -3.4641018,  0.       ], dtype=float32)>
    """
    x = convert_to_tensor(input)
    _dct_args(x, type, n, axis, norm)
    return _dct(x, type, n, norm)


def idct(input, type=2, n=None, axis=-1, norm=None, name=None):
    """The inverse DCT: a DCT of the inverse type (II <-> III; I and IV are their own inverses,
    up to a factor 2N (2(N-1) for type I) without `norm="ortho"`).

    >>> tf.signal.idct(tf.signal.dct(tf.constant([1.0, 2.0], tf.float64), norm="ortho"),
    ...                norm="ortho")
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([1., 2.])>
    """
    x = convert_to_tensor(input)
    _dct_args(x, type, n, axis, norm)
    return _dct(x, {1: 1, 2: 3, 3: 2, 4: 4}[type], n, norm)


def mdct(signals, frame_length, window_fn=vorbis_window, pad_end=False, norm=None, name=None):
    """The modified DCT of frames of `frame_length` samples (a multiple of 4) taken every half
    frame: [..., frames, frame_length // 2].

    >>> tf.signal.mdct(tf.ones([16]), 8).shape
    TensorShape([3, 4])
    """
    x = convert_to_tensor(signals)
    _rank_at_least(x, 1)
    length = _static_int(frame_length, "frame_length")
    if length % 4:
        raise ValueError("The frame length must be a multiple of 4.")
    frames = frame(x, length, length // 2, pad_end=pad_end)
    if window_fn is not None:
        frames = M.multiply(frames, window_fn(length, dtype=frames.dtype))
    else:
        frames = M.multiply(frames, _const(1.0 / math.sqrt(2), frames))
    a, b, c, d = A.split(frames, 4, axis=-1)
    first = M.subtract(M.negative(A.reverse(c, [-1])), d)
    second = M.subtract(a, A.reverse(b, [-1]))
    return dct(A.concat([first, second], -1), type=4, norm=norm)


def inverse_mdct(mdcts, window_fn=vorbis_window, norm=None, name=None):
    """The inverse of `mdct`: a type-IV DCT, unfolded, windowed and overlap-added.

    >>> tf.signal.inverse_mdct(tf.signal.mdct(tf.ones([16]), 8)).shape
    TensorShape([16])
    """
    x = convert_to_tensor(mdcts)
    _rank_at_least(x, 2)
    half = x._value.shape[-1]
    if norm is None:
        y = M.multiply(_const(0.5 / half, x), dct(x, type=4))
    elif norm == "ortho":
        y = dct(x, type=4, norm="ortho")
    else:
        raise ValueError(f"Unknown normalization. Expected None or 'ortho', got: {norm}")
    lo, hi = A.split(y, 2, axis=-1)
    frames = A.concat([hi, M.negative(A.reverse(hi, [-1])), M.negative(A.reverse(lo, [-1])),
                       M.negative(lo)], -1)
    if window_fn is not None:
        frames = M.multiply(frames, window_fn(2 * half, dtype=x.dtype))
    else:
        frames = M.multiply(frames, _const(1.0 / math.sqrt(2), frames))
    return overlap_and_add(frames, half)


# ============================================================================================
# Mel filterbanks and MFCCs
# ============================================================================================
_MEL_BREAK_HZ = 700.0
_MEL_HIGH_Q = 1127.0


def linear_to_mel_weight_matrix(num_mel_bins=20, num_spectrogram_bins=129, sample_rate=8000,
                                lower_edge_hertz=125.0, upper_edge_hertz=3800.0,
                                dtype=D.float32, name=None):
    """A [num_spectrogram_bins, num_mel_bins] matrix of triangular mel filters (HTK's mel scale,
    1127 ln(1 + f / 700)); multiply a magnitude spectrogram by it. The DC bin gets no weight.

    >>> tf.signal.linear_to_mel_weight_matrix(2, 5, 8000, 100.0, 3000.0).shape
    TensorShape([5, 2])
    """
    dtype = D.as_dtype(dtype)
    if isinstance(sample_rate, TensorLike):
        sample_rate = float(np.asarray(sample_rate._value))
    if num_mel_bins <= 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {num_mel_bins}")
    if lower_edge_hertz < 0.0:
        raise ValueError(f"lower_edge_hertz must be non-negative. Got: {lower_edge_hertz}")
    if lower_edge_hertz >= upper_edge_hertz:
        raise ValueError(f"lower_edge_hertz {lower_edge_hertz:.1f} >= upper_edge_hertz "
                         f"{upper_edge_hertz:.1f}")
    if sample_rate <= 0.0:
        raise ValueError(f"sample_rate must be positive. Got: {sample_rate}")
    if upper_edge_hertz > sample_rate / 2:
        raise ValueError(f"upper_edge_hertz must not be larger than the Nyquist frequency "
                         f"(sample_rate / 2). Got {upper_edge_hertz} for sample_rate: "
                         f"{sample_rate}")
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Got: {dtype!r}")
    f = dtype._np.type

    def to_mel(hz):
        return f(_MEL_HIGH_Q) * np.log(f(1.0) + hz / f(_MEL_BREAK_HZ))

    def linspace(start, stop, num):
        if num == 1:
            return np.array([start], dtype._np)
        step = (stop - start) / f(num - 1)
        return (start + np.arange(num, dtype=dtype._np) * step).astype(dtype._np)
    nyquist = f(sample_rate) / f(2.0)
    bins_mel = to_mel(linspace(f(0.0), nyquist, num_spectrogram_bins)[1:])[:, None]
    edges = linspace(to_mel(f(lower_edge_hertz)), to_mel(f(upper_edge_hertz)), num_mel_bins + 2)
    lower, center, upper = edges[:-2][None], edges[1:-1][None], edges[2:][None]
    lower_slopes = (bins_mel - lower) / (center - lower)
    upper_slopes = (upper - bins_mel) / (upper - center)
    weights = np.maximum(f(0.0), np.minimum(lower_slopes, upper_slopes)).astype(dtype._np)
    return wrap(np.concatenate([np.zeros((1, num_mel_bins), dtype._np), weights]))


def mfccs_from_log_mel_spectrograms(log_mel_spectrograms, name=None):
    """Mel-frequency cepstral coefficients: the orthonormally scaled type-II DCT of log-mel
    spectrograms over the last axis (keep the first few coefficients).

    >>> tf.signal.mfccs_from_log_mel_spectrograms(tf.ones([1, 4])).shape
    TensorShape([1, 4])
    """
    x = convert_to_tensor(log_mel_spectrograms)
    if x._value.ndim and x._value.shape[-1] == 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {x!s}")
    bins = x._value.shape[-1]
    out = dct(x, type=2)
    return M.multiply(out, _const(1.0 / math.sqrt(bins * 2.0), out))


__all__ = ["dct", "fft", "fft2d", "fft3d", "fftnd", "fftshift", "frame", "hamming_window",
           "hann_window", "idct", "ifft", "ifft2d", "ifft3d", "ifftnd", "ifftshift",
           "inverse_mdct", "inverse_stft", "inverse_stft_window_fn", "irfft", "irfft2d",
           "irfft3d", "irfftnd", "kaiser_bessel_derived_window", "kaiser_window",
           "linear_to_mel_weight_matrix", "mdct", "mfccs_from_log_mel_spectrograms",
           "overlap_and_add", "rfft", "rfft2d", "rfft3d", "rfftnd", "stft", "vorbis_window"]
