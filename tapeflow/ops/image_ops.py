"""Image ops, public API (`tf.image`): resizing, cropping and padding, flips and rotations,
dtype conversion, colour adjustments and spaces, statistics (total variation, gradients, Sobel,
SSIM, PSNR), non-max suppression, box drawing, random augmentations, and PNG/JPEG coding.

Images are [height, width, channels] or [batch, height, width, channels]. Resizing runs TF's
kernels (`tapeflow.prims.image`); the rest is composed of public ops, so it is differentiable
wherever TF's is. Random augmentations draw from `tf.random`'s streams, which are TF's bit for
bit, so `tf.image.stateless_random_flip_left_right(image, seed)` flips exactly the images TF
flips. PNG and JPEG coding needs Pillow (`pip install tapeflow[image]`).

    >>> tf.image.flip_left_right(tf.reshape(tf.range(4), [1, 4, 1]))[0, :, 0]
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([3, 2, 1, 0], dtype=int32)>
"""
import io as _io

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.tensor import TensorLike, convert_to_tensor, wrap
from ..prims import image as PI
from . import array_ops as A
from . import math_ops as M
from ._common import int_list


class ResizeMethod:
    """The `method` names of `tf.image.resize`."""
    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


_KERNEL_METHODS = ("lanczos3", "lanczos5", "gaussian", "mitchellcubic")


# ============================================================================================
# Shapes
# ============================================================================================
def _image(x):
    return convert_to_tensor(x)


def _at_least_3d(image):
    shape = image._value.shape
    if len(shape) < 3:
        raise ValueError(f"'image' (shape {image.shape}) must be at least three-dimensional.")
    if 0 in shape[-3:]:
        raise ValueError(f"inner 3 dims of 'image.shape' must be > 0: {image.shape}")


def _batched(image):
    """(4-D image, whether the input was batched); TF's rank errors for other ranks."""
    nd = image._value.ndim
    if nd == 3:
        return A.expand_dims(image, 0), False
    if nd != 4:
        raise ValueError(f"'image' (shape {image.shape}) must have either 3 or 4 dimensions.")
    return image, True


def _unbatched(image, was_batched):
    return image if was_batched else A.squeeze(image, [0])


def _static(v):
    return int(np.asarray(getattr(v, "_value", v)))


# ============================================================================================
# Resizing
# ============================================================================================
def resize(images, size, method=ResizeMethod.BILINEAR, preserve_aspect_ratio=False,
           antialias=False, name=None):
    """Resizes images to `size` = [height, width] by `method` (bilinear, nearest, bicubic,
    area, lanczos3, lanczos5, gaussian, mitchellcubic), with TF's kernels and values. The
    result is float32, except for nearest (the input's dtype). With `antialias` a downsampling
    kernel is widened to low-pass filter; `preserve_aspect_ratio` fits the image inside `size`.

    >>> tf.image.resize(tf.constant([[[0.0], [1.0]]]), [1, 4])[0, :, 0]
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0.  , 0.25, 0.75, 1.  ], dtype=float32)>
    """
    images = _image(images)
    batch, was_batched = _resize_input(images)
    size = _resize_size(size)
    if preserve_aspect_ratio:
        h, w = batch._value.shape[1:3]
        factor = min(np.float32(size[0]) / np.float32(h), np.float32(size[1]) / np.float32(w))
        size = (int(np.round(np.float32(factor) * np.float32(h))),
                int(np.round(np.float32(factor) * np.float32(w))))
    out = _resize_batch(batch, size, method, antialias)
    return _unbatched(out, was_batched)


def _resize_input(images):
    nd = images._value.ndim
    if nd == 3:
        return A.expand_dims(images, 0), False
    if nd != 4:
        raise ValueError("'images' must have either 3 or 4 dimensions.")
    return images, True


def _resize_size(size):
    try:
        values = np.asarray(getattr(size, "_value", size))
        if values.dtype.kind not in "iu" and values.size and not np.all(values == np.round(values)):
            raise ValueError
        if values.dtype.kind == "f" and values.size:
            raise ValueError
        values = values.astype(np.int64)
    except (TypeError, ValueError):
        raise ValueError("'size' must be a 1-D int32 Tensor") from None
    if values.shape != (2,):
        raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
    return int(values[0]), int(values[1])


def _resize_batch(batch, size, method, antialias):
    PI.RESIZE_BILINEAR.check(batch)  # every resize kernel takes the same dtypes
    in_hw = batch._value.shape[1:3]
    scale = (np.float32(size[0]) / np.float32(in_hw[0]) if in_hw[0] else np.float32(0),
             np.float32(size[1]) / np.float32(in_hw[1]) if in_hw[1] else np.float32(0))
    if method == ResizeMethod.BILINEAR:
        if antialias:
            return PI.resize(batch, "scale_and_translate", size, "triangle", scale,
                             antialias=True)
        return PI.resize(batch, "bilinear", size)
    if method == ResizeMethod.NEAREST_NEIGHBOR:
        return PI.resize(batch, "nearest", size)
    if method == ResizeMethod.BICUBIC:
        if antialias:
            return PI.resize(batch, "scale_and_translate", size, "keyscubic", scale,
                             antialias=True)
        return PI.resize(batch, "bicubic", size)
    if method == ResizeMethod.AREA:
        return PI.resize(batch, "area", size)
    if method in _KERNEL_METHODS:
        return PI.resize(batch, "scale_and_translate", size, method, scale, antialias=antialias)
    raise ValueError(f"Resize method is not implemented: {method}")


def resize_with_pad(image, target_height, target_width, method=ResizeMethod.BILINEAR,
                    antialias=False):
    """Resizes keeping the aspect ratio, then zero-pads to [target_height, target_width].

    >>> tf.image.resize_with_pad(tf.ones([2, 4, 1]), 4, 4)[:, 0, 0]
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0., 1., 1., 0.], dtype=float32)>
    """
    batch, was_batched = _batched(_image(image))
    _at_least_3d(batch)
    th, tw = _static(target_height), _static(target_width)
    if tw <= 0:
        raise ValueError("target_width must be > 0.")
    if th <= 0:
        raise ValueError("target_height must be > 0.")
    h, w = (np.float32(d) for d in batch._value.shape[1:3])
    fth, ftw = np.float32(th), np.float32(tw)
    ratio = max(w / ftw, h / fth)
    rh, rw = h / ratio, w / ratio
    resized = resize(batch, [int(np.floor(rh)), int(np.floor(rw))], method, antialias=antialias)
    pad_h = max(0, int(np.floor((fth - rh) / np.float32(2))))
    pad_w = max(0, int(np.floor((ftw - rw) / np.float32(2))))
    return _unbatched(pad_to_bounding_box(resized, pad_h, pad_w, th, tw), was_batched)


def resize_with_crop_or_pad(image, target_height, target_width):
    """Centrally crops or zero-pads to [target_height, target_width].

    >>> tf.image.resize_with_crop_or_pad(tf.ones([2, 2, 1]), 4, 1)[:, 0, 0]
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0., 1., 1., 0.], dtype=float32)>
    """
    batch, was_batched = _batched(_image(image))
    _at_least_3d(batch)
    th, tw = _static(target_height), _static(target_width)
    if tw <= 0:
        raise ValueError("target_width must be > 0.")
    if th <= 0:
        raise ValueError("target_height must be > 0.")
    h, w = batch._value.shape[1:3]
    crop_h, pad_h = max(-(th - h) // 2, 0), max((th - h) // 2, 0)
    crop_w, pad_w = max(-(tw - w) // 2, 0), max((tw - w) // 2, 0)
    cropped = crop_to_bounding_box(batch, crop_h, crop_w, min(th, h), min(tw, w))
    return _unbatched(pad_to_bounding_box(cropped, pad_h, pad_w, th, tw), was_batched)


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """The [target_height, target_width] window whose top-left corner is at the offsets.

    >>> tf.image.crop_to_bounding_box(tf.reshape(tf.range(9), [3, 3, 1]), 1, 1, 2, 2)[..., 0]
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[4, 5],
           [7, 8]], dtype=int32)>
    """
    batch, was_batched = _batched(_image(image))
    _at_least_3d(batch)
    oh, ow, th, tw = (_static(v) for v in (offset_height, offset_width, target_height,
                                           target_width))
    h, w = batch._value.shape[1:3]
    for ok, message in ((ow >= 0, "offset_width must be >= 0."),
                        (oh >= 0, "offset_height must be >= 0."),
                        (tw > 0, "target_width must be > 0."),
                        (th > 0, "target_height must be > 0."),
                        (w >= tw + ow, "width must be >= target + offset."),
                        (h >= th + oh, "height must be >= target + offset.")):
        if not ok:
            raise ValueError(message)
    n, c = batch._value.shape[0], batch._value.shape[3]
    return _unbatched(A.slice(batch, [0, oh, ow, 0], [n, th, tw, c]), was_batched)


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    """Zero-pads to [target_height, target_width], the image's top-left corner at the offsets.

    >>> tf.image.pad_to_bounding_box(tf.ones([1, 1, 1]), 1, 0, 2, 2)[..., 0]
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[0., 0.],
           [1., 0.]], dtype=float32)>
    """
    batch, was_batched = _batched(_image(image))
    oh, ow, th, tw = (_static(v) for v in (offset_height, offset_width, target_height,
                                           target_width))
    h, w = batch._value.shape[1:3]
    after_w, after_h = tw - ow - w, th - oh - h
    _at_least_3d(batch)
    for ok, message in ((oh >= 0, "offset_height must be >= 0"),
                        (ow >= 0, "offset_width must be >= 0"),
                        (after_w >= 0, "width must be <= target - offset"),
                        (after_h >= 0, "height must be <= target - offset")):
        if not ok:
            raise ValueError(message)
    padded = A.pad(batch, [[0, 0], [oh, after_h], [ow, after_w], [0, 0]])
    return _unbatched(padded, was_batched)


def central_crop(image, central_fraction):
    """The central `central_fraction` (in (0, 1]) of each spatial dimension.

    >>> tf.image.central_crop(tf.ones([4, 4, 1]), 0.5).shape
    TensorShape([2, 2, 1])
    """
    image = _image(image)
    fraction = float(np.asarray(getattr(central_fraction, "_value", central_fraction)))
    if fraction <= 0.0 or fraction > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    if fraction == 1.0:
        return image
    _at_least_3d(image)
    rank = image._value.ndim
    if rank not in (3, 4):
        raise ValueError(f"`image` should either be a Tensor with rank = 3 or rank = 4. Had "
                         f"rank = {rank}.")
    h, w = image._value.shape[rank - 3:rank - 1]
    top = int((float(h) - float(h) * fraction) / 2)
    left = int((float(w) - float(w) * fraction) / 2)
    if rank == 3:
        return A.slice(image, [top, left, 0], [h - 2 * top, w - 2 * left, -1])
    return A.slice(image, [0, top, left, 0], [-1, h - 2 * top, w - 2 * left, -1])


def extract_patches(images, sizes, strides, rates, padding, name=None):
    """Patches of `sizes` [1, rows, cols, 1] taken every `strides` [1, sr, sc, 1], their pixels
    `rates` [1, rr, rc, 1] apart, flattened into the depth: [batch, out_rows, out_cols,
    rows * cols * depth]. `padding` is "VALID" or "SAME" (zeros).

    >>> tf.image.extract_patches(tf.reshape(tf.range(16), [1, 4, 4, 1]), [1, 2, 2, 1],
    ...                          [1, 2, 2, 1], [1, 1, 1, 1], "VALID")[0, 0, 0]
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 1, 4, 5], dtype=int32)>
    """
    x = _image(images)
    if x._value.ndim != 4:
        raise op_error(InvalidArgumentError, "ExtractImagePatches",
                       f"input must be 4-dimensional{list(x._value.shape)}")
    k, s, r = int_list(sizes), int_list(strides), int_list(rates)
    for what, v in (("ksizes", k), ("strides", s), ("rates", r)):
        if len(v) != 4 or v[0] != 1 or v[3] != 1:
            raise op_error(InvalidArgumentError, "ExtractImagePatches",
                           f"Only support {what} across space.")
    padding = padding.upper() if isinstance(padding, str) else padding
    if padding not in ("VALID", "SAME"):
        raise ValueError(f"`padding` must be 'VALID' or 'SAME', got {padding!r}")
    n, h, w, c = x._value.shape
    index, pads = [], []
    for size, in_size, stride, rate in ((k[1], h, s[1], r[1]), (k[2], w, s[2], r[2])):
        eff = (size - 1) * rate + 1
        if padding == "VALID":
            out = max(0, (in_size - eff) // stride + 1)
            lo = 0
            total = 0
        else:
            out = -(-in_size // stride)
            total = max((out - 1) * stride + eff - in_size, 0)
            lo = total // 2
        pads.append((lo, total - lo))
        index.append((np.arange(out)[:, None] * stride + np.arange(size)[None, :] * rate
                      ).astype(np.int32))
    x = A.pad(x, [[0, 0], list(pads[0]), list(pads[1]), [0, 0]])
    rows = A.gather(x, wrap(index[0]), axis=1)          # [n, oh, kh, W, c]
    patches = A.gather(rows, wrap(index[1]), axis=3)    # [n, oh, kh, ow, kw, c]
    patches = A.transpose(patches, [0, 1, 3, 2, 4, 5])  # [n, oh, ow, kh, kw, c]
    oh, ow = index[0].shape[0], index[1].shape[0]
    return A.reshape(patches, [n, oh, ow, k[1] * k[2] * c])


# ============================================================================================
# Flips, rotations
# ============================================================================================
def _flip(image, axis):
    image = _image(image)
    _at_least_3d(image)
    nd = image._value.ndim
    if nd not in (3, 4):
        raise ValueError(f"'image' (shape {image.shape})must have either 3 or 4 dimensions.")
    return A.reverse(image, [axis + (nd == 4)])


def flip_left_right(image):
    """The image mirrored horizontally (the width axis reversed).

    >>> tf.image.flip_left_right(tf.constant([[[1], [2]]]))[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 1], dtype=int32)>
    """
    return _flip(image, 1)


def flip_up_down(image):
    """The image mirrored vertically (the height axis reversed).

    >>> tf.image.flip_up_down(tf.constant([[[1]], [[2]]]))[:, 0, 0]
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 1], dtype=int32)>
    """
    return _flip(image, 0)


def rot90(image, k=1, name=None):
    """The image rotated counter-clockwise by k * 90 degrees.

    >>> tf.image.rot90(tf.reshape(tf.range(4), [2, 2, 1]))[..., 0]
    <tf.Tensor: shape=(2, 2), dtype=int32, numpy=
    array([[1, 3],
           [0, 2]], dtype=int32)>
    """
    image = _image(image)
    _at_least_3d(image)
    nd = image._value.ndim
    if nd not in (3, 4):
        raise ValueError(f"'image' (shape {image.shape}) must have either 3 or 4 dimensions.")
    k = _static(k) % 4
    h, w = (0, 1) if nd == 3 else (1, 2)
    perm = list(range(nd))
    perm[h], perm[w] = w, h
    if k == 1:
        return A.transpose(A.reverse(image, [w]), perm)
    if k == 2:
        return A.reverse(image, [h, w])
    if k == 3:
        return A.reverse(A.transpose(image, perm), [w])
    return image


def transpose(image, name=None):
    """The image with its height and width swapped.

    >>> tf.image.transpose(tf.ones([2, 3, 1])).shape
    TensorShape([3, 2, 1])
    """
    image = _image(image)
    _at_least_3d(image)
    nd = image._value.ndim
    if nd == 3:
        return A.transpose(image, [1, 0, 2])
    if nd == 4:
        return A.transpose(image, [0, 2, 1, 3])
    raise ValueError(f"'image' (shape {image.shape}) must have either 3 or 4 dimensions.")


# ============================================================================================
# Random augmentations (TF's random streams, so seeded results equal TF's)
# ============================================================================================
def _random_module():
    from .. import random
    return random


def _random_flip(image, axis, draw):
    image = _image(image)
    _at_least_3d(image)
    nd = image._value.ndim
    if nd == 3:
        u = draw([])
        return A.reverse(image, [axis]) if float(u) < 0.5 else image
    if nd == 4:
        n = image._value.shape[0]
        flips = M.cast(M.round(A.reshape(draw([n]), [n, 1, 1, 1])), image.dtype)
        flipped = A.reverse(image, [axis + 1])
        return M.add(M.multiply(flips, flipped), M.multiply(M.subtract(
            wrap(np.asarray(1, image._value.dtype)), flips), image))
    raise ValueError(f"'image' (shape {image.shape}) must have either 3 or 4 dimensions.")


def random_flip_left_right(image, seed=None):
    """Mirrors each image horizontally with probability 1/2 (TF's stream for `seed`).

    >>> tf.image.random_flip_left_right(tf.ones([2, 2, 1]), seed=1).shape
    TensorShape([2, 2, 1])
    """
    r = _random_module()
    return _random_flip(image, 1, lambda shape: r.uniform(shape, 0, 1.0, seed=seed))


def random_flip_up_down(image, seed=None):
    """Mirrors each image vertically with probability 1/2 (TF's stream for `seed`).

    >>> tf.image.random_flip_up_down(tf.ones([2, 2, 1]), seed=1).shape
    TensorShape([2, 2, 1])
    """
    r = _random_module()
    return _random_flip(image, 0, lambda shape: r.uniform(shape, 0, 1.0, seed=seed))


def stateless_random_flip_left_right(image, seed):
    """Mirrors each image horizontally with probability 1/2, decided by `seed` alone.

    >>> tf.image.stateless_random_flip_left_right(tf.ones([2, 2, 1]), (1, 2)).shape
    TensorShape([2, 2, 1])
    """
    r = _random_module()
    return _random_flip(image, 1, lambda shape: r.stateless_uniform(shape, seed, 0, 1.0))


def stateless_random_flip_up_down(image, seed):
    """Mirrors each image vertically with probability 1/2, decided by `seed` alone.

    >>> tf.image.stateless_random_flip_up_down(tf.ones([2, 2, 1]), (1, 2)).shape
    TensorShape([2, 2, 1])
    """
    r = _random_module()
    return _random_flip(image, 0, lambda shape: r.stateless_uniform(shape, seed, 0, 1.0))


def _crop_at(value, size, offsets):
    value = _image(value)
    size = int_list(size)
    shape = list(value._value.shape)
    if len(size) != len(shape) or any(s > d for s, d in zip(size, shape)):
        raise op_error(InvalidArgumentError, "Assert",
                       f"assertion failed: [Need value.shape >= size, got ] [{' '.join(map(str, shape))}] [{' '.join(map(str, size))}]")
    limit = np.array(shape) - np.array(size) + 1
    offset = np.asarray(offsets(len(shape))._value).astype(np.int64) % limit
    return A.slice(value, [int(o) for o in offset], size)


def random_crop(value, size, seed=None, name=None):
    """A `size` window of `value` at a uniformly drawn offset (TF's stream for `seed`).

    >>> tf.image.random_crop(tf.ones([4, 4, 3]), [2, 2, 3], seed=1).shape
    TensorShape([2, 2, 3])
    """
    r = _random_module()
    return _crop_at(value, size, lambda n: r.uniform([n], maxval=2 ** 31 - 1, dtype=D.int32,
                                                     seed=seed))


def stateless_random_crop(value, size, seed, name=None):
    """A `size` window of `value` at an offset decided by `seed` alone.

    >>> tf.image.stateless_random_crop(tf.ones([4, 4, 3]), [2, 2, 3], (1, 2)).shape
    TensorShape([2, 2, 3])
    """
    r = _random_module()
    return _crop_at(value, size, lambda n: r.stateless_uniform([n], seed, maxval=2 ** 31 - 1,
                                                               dtype=D.int32))


def _check_range(lower, upper):
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")


def random_brightness(image, max_delta, seed=None):
    """`adjust_brightness` by a delta drawn from [-max_delta, max_delta).

    >>> tf.image.random_brightness(tf.zeros([1, 1, 3]), 0.2, seed=1).shape
    TensorShape([1, 1, 3])
    """
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = _random_module().uniform([], -max_delta, max_delta, seed=seed)
    return adjust_brightness(image, delta)


def stateless_random_brightness(image, max_delta, seed):
    """`adjust_brightness` by a delta drawn from [-max_delta, max_delta) by `seed` alone.

    >>> tf.image.stateless_random_brightness(tf.zeros([1, 1, 3]), 0.2, (1, 2)).shape
    TensorShape([1, 1, 3])
    """
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = _random_module().stateless_uniform([], seed, -max_delta, max_delta)
    return adjust_brightness(image, delta)


def random_contrast(image, lower, upper, seed=None):
    """`adjust_contrast` by a factor drawn from [lower, upper).

    >>> tf.image.random_contrast(tf.zeros([2, 2, 3]), 0.5, 1.5, seed=1).shape
    TensorShape([2, 2, 3])
    """
    _check_range(lower, upper)
    return adjust_contrast(image, _random_module().uniform([], lower, upper, seed=seed))


def stateless_random_contrast(image, lower, upper, seed):
    """`adjust_contrast` by a factor drawn from [lower, upper) by `seed` alone.

    >>> tf.image.stateless_random_contrast(tf.zeros([2, 2, 3]), 0.5, 1.5, (1, 2)).shape
    TensorShape([2, 2, 3])
    """
    _check_range(lower, upper)
    return adjust_contrast(image, _random_module().stateless_uniform([], seed, lower, upper))


def random_saturation(image, lower, upper, seed=None):
    """`adjust_saturation` by a factor drawn from [lower, upper).

    >>> tf.image.random_saturation(tf.zeros([1, 1, 3]), 0.5, 1.5, seed=1).shape
    TensorShape([1, 1, 3])
    """
    _check_range(lower, upper)
    return adjust_saturation(image, _random_module().uniform([], lower, upper, seed=seed))


def stateless_random_saturation(image, lower, upper, seed=None):
    """`adjust_saturation` by a factor drawn from [lower, upper) by `seed` alone.

    >>> tf.image.stateless_random_saturation(tf.zeros([1, 1, 3]), 0.5, 1.5, (1, 2)).shape
    TensorShape([1, 1, 3])
    """
    _check_range(lower, upper)
    return adjust_saturation(image, _random_module().stateless_uniform([], seed, lower, upper))


def _check_hue(max_delta):
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")


def random_hue(image, max_delta, seed=None):
    """`adjust_hue` by a delta drawn from [-max_delta, max_delta) (max_delta <= 0.5).

    >>> tf.image.random_hue(tf.zeros([1, 1, 3]), 0.2, seed=1).shape
    TensorShape([1, 1, 3])
    """
    _check_hue(max_delta)
    return adjust_hue(image, _random_module().uniform([], -max_delta, max_delta, seed=seed))


def stateless_random_hue(image, max_delta, seed):
    """`adjust_hue` by a delta drawn from [-max_delta, max_delta) by `seed` alone.

    >>> tf.image.stateless_random_hue(tf.zeros([1, 1, 3]), 0.2, (1, 2)).shape
    TensorShape([1, 1, 3])
    """
    _check_hue(max_delta)
    return adjust_hue(image, _random_module().stateless_uniform([], seed, -max_delta, max_delta))


def _check_jpeg_range(lo, hi):
    if lo < 0 or hi < 0 or lo > 100 or hi > 100:
        raise ValueError("jpeg encoding range must be between 0 and 100.")
    if lo >= hi:
        raise ValueError("`min_jpeg_quality` must be less than `max_jpeg_quality`.")


def random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed=None):
    """`adjust_jpeg_quality` with a quality drawn from [min, max) (needs Pillow)."""
    _check_jpeg_range(min_jpeg_quality, max_jpeg_quality)
    q = _random_module().uniform([], min_jpeg_quality, max_jpeg_quality, D.int32, seed=seed)
    return adjust_jpeg_quality(image, q)


def stateless_random_jpeg_quality(image, min_jpeg_quality, max_jpeg_quality, seed):
    """`adjust_jpeg_quality` with a quality drawn from [min, max) by `seed` (needs Pillow)."""
    _check_jpeg_range(min_jpeg_quality, max_jpeg_quality)
    q = _random_module().stateless_uniform([], seed, min_jpeg_quality, max_jpeg_quality,
                                           D.int32)
    return adjust_jpeg_quality(image, q)


# ============================================================================================
# dtype conversion and colour adjustments
# ============================================================================================
def convert_image_dtype(image, dtype, saturate=False, name=None):
    """Converts between image dtypes, rescaling: floats are in [0, 1], integers in [0, MAX].

    >>> tf.image.convert_image_dtype(tf.constant([0, 255], tf.uint8), tf.float32)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>
    """
    image = _image(image)
    dtype = D.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError("dtype must be either floating point or integer")
    src = image.dtype
    if not src.is_floating and not src.is_integer:
        raise AttributeError("image dtype must be either floating point or integer")
    if dtype == src:
        return A.identity(image)
    if src.is_integer and dtype.is_integer:
        scale_in, scale_out = src.max, dtype.max
        if scale_in > scale_out:
            scaled = M.floordiv(image, wrap(np.asarray((scale_in + 1) // (scale_out + 1),
                                                       image._value.dtype)))
            return M.saturate_cast(scaled, dtype) if saturate else M.cast(scaled, dtype)
        cast = M.saturate_cast(image, dtype) if saturate else M.cast(image, dtype)
        return M.multiply(cast, wrap(np.asarray((scale_out + 1) // (scale_in + 1), dtype._np)))
    if src.is_floating and dtype.is_floating:
        return M.cast(image, dtype)
    if src.is_integer:
        cast = M.cast(image, dtype)
        return M.multiply(cast, wrap(np.asarray(1.0 / src.max, dtype._np)))
    scaled = M.multiply(image, wrap(np.asarray(dtype.max + 0.5, image._value.dtype)))
    return M.saturate_cast(scaled, dtype) if saturate else M.cast(scaled, dtype)


def _as_float(image):
    """(float image, original dtype): float16/float32 kept, others converted to float32."""
    image = _image(image)
    orig = image.dtype
    if orig in (D.float16, D.float32):
        return image, orig
    return convert_image_dtype(image, D.float32), orig


def adjust_brightness(image, delta):
    """Adds `delta` to every channel (in [0, 1] units for integer images).

    >>> tf.image.adjust_brightness(tf.constant([[[0.25]]]), 0.5)[0, 0]
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.75], dtype=float32)>
    """
    flt, orig = _as_float(image)
    adjusted = M.add(flt, M.cast(delta, flt.dtype))
    return convert_image_dtype(adjusted, orig, saturate=True)


def adjust_contrast(images, contrast_factor):
    """(x - mean) * contrast_factor + mean, the mean over each image's pixels per channel.

    >>> tf.image.adjust_contrast(tf.constant([[[1.0], [3.0]]]), 2.0)[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 4.], dtype=float32)>
    """
    flt, orig = _as_float(images)
    if flt._value.ndim < 3:
        raise op_error(InvalidArgumentError, "AdjustContrastv2",
                       f"input must be at least 3-D, got shape{list(flt._value.shape)}")
    mean = M.reduce_mean(flt, [-3, -2], keepdims=True)
    factor = M.cast(contrast_factor, flt.dtype)
    adjusted = M.add(M.multiply(M.subtract(flt, mean), factor), mean)
    return convert_image_dtype(adjusted, orig, saturate=True)


def adjust_gamma(image, gamma=1, gain=1):
    """gain * image ** gamma (in [0, 1] units for integer images).

    >>> tf.image.adjust_gamma(tf.constant([[[0.25]]]), 0.5)[0, 0]
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>
    """
    flt, orig = _as_float(image)
    if not isinstance(gamma, TensorLike) and gamma < 0:
        raise ValueError("Gamma should be a non-negative real number.")
    adjusted = M.multiply(M.cast(gain, flt.dtype), M.pow(flt, M.cast(gamma, flt.dtype)))
    return convert_image_dtype(adjusted, orig, saturate=True)


def adjust_hue(image, delta, name=None):
    """Rotates the hue of RGB images by `delta` (a fraction of the colour circle, in [-1, 1]).

    >>> tf.image.adjust_hue(tf.constant([[[1.0, 0.0, 0.0]]]), 1 / 3)[0, 0]
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 1., 0.], dtype=float32)>
    """
    d = float(np.asarray(getattr(delta, "_value", delta)))
    if d < -1 or d > 1:
        raise ValueError("delta must be in the interval [-1, 1]")
    flt, orig = _as_float(image)
    if flt._value.ndim < 3:
        raise op_error(InvalidArgumentError, "AdjustHue",
                       f"input must be at least 3-D, got shape{list(flt._value.shape)}")
    out = M.cast(PI.apply_adjust(PI.ADJUST_HUE, M.cast(flt, D.float32), d), flt.dtype)
    return convert_image_dtype(out, orig)


def adjust_saturation(image, saturation_factor, name=None):
    """Scales the saturation of RGB images by `saturation_factor` (clipped to [0, 1]).

    >>> tf.image.adjust_saturation(tf.constant([[[1.0, 0.5, 0.5]]]), 0.0)[0, 0]
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 1., 1.], dtype=float32)>
    """
    flt, orig = _as_float(image)
    if flt._value.ndim < 3:
        raise op_error(InvalidArgumentError, "AdjustSaturation",
                       f"input must be at least 3-D, got shape{list(flt._value.shape)}")
    factor = float(np.asarray(getattr(saturation_factor, "_value", saturation_factor)))
    out = M.cast(PI.apply_adjust(PI.ADJUST_SATURATION, M.cast(flt, D.float32), factor),
                 flt.dtype)
    return convert_image_dtype(out, orig)


def adjust_jpeg_quality(image, jpeg_quality, dct_method="", name=None):
    """The image after a JPEG round trip at `jpeg_quality` (needs Pillow; Pillow's codec
    differs from TF's libjpeg by a few levels)."""
    image = _image(image)
    orig = image.dtype
    channels = image._value.shape[-1]
    data = encode_jpeg(convert_image_dtype(image, D.uint8, saturate=True),
                       quality=_static(jpeg_quality))
    return convert_image_dtype(decode_jpeg(data, channels=channels), orig, saturate=True)


# ============================================================================================
# Colour spaces
# ============================================================================================
def rgb_to_grayscale(images, name=None):
    """Luma 0.2989 R + 0.587 G + 0.114 B, with a channel axis of 1.

    >>> tf.image.rgb_to_grayscale(tf.constant([[[1.0, 1.0, 1.0]]]))
    <tf.Tensor: shape=(1, 1, 1), dtype=float32, numpy=array([[[0.99990004]]], dtype=float32)>
    """
    images = _image(images)
    orig = images.dtype
    flt = convert_image_dtype(images, D.float32)
    gray = M.tensordot(flt, wrap(np.array([0.2989, 0.587, 0.114], np.float32)), [[-1], [-1]])
    return convert_image_dtype(A.expand_dims(gray, -1), orig)


def grayscale_to_rgb(images, name=None):
    """A grayscale image (last axis 1) repeated into 3 channels.

    >>> tf.image.grayscale_to_rgb(tf.constant([[[0.5]]]))
    <tf.Tensor: shape=(1, 1, 3), dtype=float32, numpy=array([[[0.5, 0.5, 0.5]]], dtype=float32)>
    """
    images = _image(images)
    shape = images._value.shape
    if len(shape) < 2:
        raise ValueError(f"A grayscale image (shape {images.shape}) must be at least "
                         f"two-dimensional.")
    if shape[-1] != 1:
        raise ValueError("Last dimension of a grayscale image should be size 1.")
    return A.tile(images, [1] * (len(shape) - 1) + [3])


def rgb_to_hsv(images, name=None):
    """RGB to HSV, all channels in [0, 1] (TF kernel `RGBToHSV`; differentiable).

    >>> tf.image.rgb_to_hsv(tf.constant([[[0.0, 0.5, 1.0]]]))
    <tf.Tensor: shape=(1, 1, 3), dtype=float32, numpy=array([[[0.5833334, 1.       , 1.       ]]], dtype=float32)>
    """
    x = _image(images)
    PI.RGB_TO_HSV.check(x)
    return PI.apply_adjust(PI.RGB_TO_HSV, x)


def hsv_to_rgb(images, name=None):
    """HSV to RGB (TF kernel `HSVToRGB`; not differentiable, as in TF).

    >>> tf.image.hsv_to_rgb(tf.constant([[[0.0, 1.0, 1.0]]]))
    <tf.Tensor: shape=(1, 1, 3), dtype=float32, numpy=array([[[1., 0., 0.]]], dtype=float32)>
    """
    x = _image(images)
    PI.HSV_TO_RGB.check(x)
    return PI.apply_adjust(PI.HSV_TO_RGB, x)


def _color_matrix(images, matrix):
    images = _image(images)
    kernel = convert_to_tensor(np.asarray(matrix).astype(images._value.dtype))
    return M.tensordot(images, kernel, [[images._value.ndim - 1], [0]])


_RGB_TO_YUV = [[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512],
               [0.114, 0.43601035, -0.10001026]]
_YUV_TO_RGB = [[1, 1, 1], [0, -0.394642334, 2.03206185], [1.13988303, -0.58062185, 0]]
_RGB_TO_YIQ = [[0.299, 0.59590059, 0.2115], [0.587, -0.27455667, -0.52273617],
               [0.114, -0.32134392, 0.31119955]]
_YIQ_TO_RGB = [[1, 1, 1], [0.95598634, -0.27201283, -1.10674021],
               [0.6208248, -0.64720424, 1.70423049]]


def rgb_to_yuv(images):
    """RGB to YUV (Y in [0, 1], U and V in about [-0.5, 0.5]).

    >>> tf.image.rgb_to_yuv(tf.constant([[[1.0, 1.0, 1.0]]]))[0, 0, 0]
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    return _color_matrix(images, _RGB_TO_YUV)


def yuv_to_rgb(images):
    """YUV to RGB, the inverse of `rgb_to_yuv`.

    >>> tf.image.yuv_to_rgb(tf.constant([[[1.0, 0.0, 0.0]]]))
    <tf.Tensor: shape=(1, 1, 3), dtype=float32, numpy=array([[[1., 1., 1.]]], dtype=float32)>
    """
    return _color_matrix(images, _YUV_TO_RGB)


def rgb_to_yiq(images):
    """RGB to YIQ.

    >>> tf.image.rgb_to_yiq(tf.constant([[[1.0, 1.0, 1.0]]]))[0, 0, 0]
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    return _color_matrix(images, _RGB_TO_YIQ)


def yiq_to_rgb(images):
    """YIQ to RGB, the inverse of `rgb_to_yiq`.

    >>> tf.image.yiq_to_rgb(tf.constant([[[1.0, 0.0, 0.0]]]))
    <tf.Tensor: shape=(1, 1, 3), dtype=float32, numpy=array([[[1., 1., 1.]]], dtype=float32)>
    """
    return _color_matrix(images, _YIQ_TO_RGB)


# ============================================================================================
# Statistics and comparisons
# ============================================================================================
def per_image_standardization(image):
    """(x - mean) / max(stddev, 1 / sqrt(N)) per image, as float32.

    >>> tf.image.per_image_standardization(tf.constant([[[1.0], [3.0]]]))[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  1.], dtype=float32)>
    """
    from ..math import reduce_std
    image = _image(image)
    _at_least_3d(image)
    image = M.cast(image, D.float32)
    n = int(np.prod(image._value.shape[-3:]))
    mean = M.reduce_mean(image, [-1, -2, -3], keepdims=True)
    std = reduce_std(image, [-1, -2, -3], keepdims=True)
    adjusted = M.maximum(std, wrap(np.float32(1.0) / np.sqrt(np.float32(n))))
    return M.divide(M.subtract(image, mean), adjusted)


def total_variation(images, name=None):
    """The sum of absolute differences of neighbouring pixels (per image for a batch).

    >>> tf.image.total_variation(tf.constant([[[0.0], [1.0]], [[1.0], [3.0]]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """
    images = _image(images)
    nd = images._value.ndim
    if nd == 3:
        d1 = M.subtract(images[1:, :, :], images[:-1, :, :])
        d2 = M.subtract(images[:, 1:, :], images[:, :-1, :])
        axis = None
    elif nd == 4:
        d1 = M.subtract(images[:, 1:, :, :], images[:, :-1, :, :])
        d2 = M.subtract(images[:, :, 1:, :], images[:, :, :-1, :])
        axis = [1, 2, 3]
    else:
        raise ValueError("'images' must be either 3 or 4-dimensional.")
    return M.add(M.reduce_sum(M.abs(d1), axis), M.reduce_sum(M.abs(d2), axis))


def image_gradients(image):
    """(dy, dx): forward differences along height and width, zero in the last row/column.

    >>> dy, dx = tf.image.image_gradients(tf.reshape(tf.range(4.0), [1, 2, 2, 1]))
    >>> dy[0, :, :, 0]
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[2., 2.],
           [0., 0.]], dtype=float32)>
    """
    image = _image(image)
    if image._value.ndim != 4:
        raise ValueError(f"image_gradients expects a 4D tensor [batch_size, h, w, d], not "
                         f"{image.shape}.")
    n, h, w, c = image._value.shape
    dy = M.subtract(image[:, 1:, :, :], image[:, :-1, :, :])
    dx = M.subtract(image[:, :, 1:, :], image[:, :, :-1, :])
    dy = A.concat([dy, A.zeros([n, 1, w, c], image.dtype)], 1)
    dx = A.concat([dx, A.zeros([n, h, 1, c], image.dtype)], 2)
    return dy, dx


def sobel_edges(image):
    """Sobel responses [batch, h, w, channels, 2] (dy then dx), on reflect-padded images.

    >>> tf.image.sobel_edges(tf.ones([1, 3, 3, 1])).shape
    TensorShape([1, 3, 3, 1, 2])
    """
    from ..nn import depthwise_conv2d
    image = _image(image)
    kernels = np.array([[[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
                        [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]]).transpose(1, 2, 0)[:, :, None, :]
    c = image._value.shape[-1]
    filters = wrap(np.tile(kernels, (1, 1, c, 1)).astype(image._value.dtype))
    padded = A.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT")
    out = depthwise_conv2d(padded, filters, [1, 1, 1, 1], "VALID")
    return A.reshape(out, list(image._value.shape) + [2])


def psnr(a, b, max_val, name=None):
    """The peak signal-to-noise ratio 20 log10(max_val) - 10 log10(mse), per image.

    >>> tf.image.psnr(tf.zeros([2, 2, 1]), tf.fill([2, 2, 1], 0.1), 1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=20.0>
    """
    a, b = _image(a), _image(b)
    max_val = convert_image_dtype(M.cast(max_val, a.dtype), D.float32)
    a, b = convert_image_dtype(a, D.float32), convert_image_dtype(b, D.float32)
    _compatible(a, b)
    mse = M.reduce_mean(M.square(M.subtract(a, b)), [-3, -2, -1])
    first = M.divide(M.multiply(wrap(np.float32(20)), M.log(max_val)), M.log(wrap(np.float32(10))))
    return M.subtract(first, M.multiply(wrap(np.float32(10 / np.log(10))), M.log(mse)))


def _compatible(a, b):
    s1, s2 = a._value.shape, b._value.shape
    if len(s1) < 3 or len(s2) < 3:
        raise ValueError(f"Shape {a.shape if len(s1) < 3 else b.shape} must have rank at "
                         f"least 3")
    if s1[-3:] != s2[-3:]:
        raise ValueError(f"Shapes {a.shape[-3:]} and {b.shape[-3:]} are incompatible")
    for d1, d2 in zip(reversed(s1[:-3]), reversed(s2[:-3])):
        if not (d1 == 1 or d2 == 1 or d1 == d2):
            raise ValueError(f"Two images are not compatible: {a.shape} and {b.shape}")


def _gauss_kernel(size, sigma, dtype):
    coords = np.arange(size, dtype=dtype) - dtype.type(size - 1) / dtype.type(2.0)
    g = np.square(coords) * (dtype.type(-0.5) / np.square(dtype.type(sigma)))
    g = (g[None, :] + g[:, None]).reshape(1, -1)
    g = np.exp(g - g.max())
    g = (g / g.sum()).astype(dtype)
    return g.reshape(size, size, 1, 1)


def _ssim_per_channel(img1, img2, max_val, filter_size, filter_sigma, k1, k2):
    from ..nn import depthwise_conv2d
    shape = img1._value.shape
    if any(d < filter_size for d in shape[-3:-1]) or any(
            d < filter_size for d in img2._value.shape[-3:-1]):
        raise op_error(InvalidArgumentError, "Assert", f"assertion failed: "
                                                       f"[{' '.join(map(str, shape))}] "
                                                       f"[{filter_size}]")
    kernel = np.tile(_gauss_kernel(filter_size, filter_sigma, img1._value.dtype),
                     (1, 1, shape[-1], 1))
    kernel_t = wrap(kernel)

    def reducer(x):
        s = x._value.shape
        flat = A.reshape(x, [-1] + list(s[-3:]))
        y = depthwise_conv2d(flat, kernel_t, [1, 1, 1, 1], "VALID")
        return A.reshape(y, list(s[:-3]) + list(y._value.shape[1:]))
    c1 = M.square(M.multiply(wrap(np.float32(k1)), max_val))
    c2 = M.square(M.multiply(wrap(np.float32(k2)), max_val))
    mean0, mean1 = reducer(img1), reducer(img2)
    num0 = M.multiply(M.multiply(mean0, mean1), wrap(np.float32(2.0)))
    den0 = M.add(M.square(mean0), M.square(mean1))
    luminance = M.divide(M.add(num0, c1), M.add(den0, c1))
    num1 = M.multiply(reducer(M.multiply(img1, img2)), wrap(np.float32(2.0)))
    den1 = reducer(M.add(M.square(img1), M.square(img2)))
    cs = M.divide(M.add(M.subtract(num1, num0), c2), M.add(M.subtract(den1, den0), c2))
    return luminance, cs


def ssim(img1, img2, max_val, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03,
         return_index_map=False):
    """The structural similarity index per image (a Gaussian window of `filter_size`).

    >>> tf.image.ssim(tf.ones([11, 11, 1]), tf.ones([11, 11, 1]), 1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    img1, img2 = _image(img1), _image(img2)
    _compatible(img1, img2)
    max_val = convert_image_dtype(M.cast(max_val, img1.dtype), D.float32)
    img1, img2 = convert_image_dtype(img1, D.float32), convert_image_dtype(img2, D.float32)
    luminance, cs = _ssim_per_channel(img1, img2, max_val, filter_size, filter_sigma, k1, k2)
    value = M.multiply(luminance, cs)
    if not return_index_map:
        value = M.reduce_mean(value, [-3, -2])
    return M.reduce_mean(value, [-1])


_MSSSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def ssim_multiscale(img1, img2, max_val, power_factors=_MSSSIM_WEIGHTS, filter_size=11,
                    filter_sigma=1.5, k1=0.01, k2=0.03):
    """Multi-scale SSIM: contrast-structure terms at successively halved scales.

    >>> tf.image.ssim_multiscale(tf.ones([176, 176, 1]), tf.ones([176, 176, 1]), 1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
    """
    from ..nn import avg_pool, relu
    img1, img2 = _image(img1), _image(img2)
    _compatible(img1, img2)
    max_val = convert_image_dtype(M.cast(max_val, img1.dtype), D.float32)
    imgs = [convert_image_dtype(img1, D.float32), convert_image_dtype(img2, D.float32)]
    heads = [list(x._value.shape[:-3]) for x in imgs]
    mcs = []
    ssim_per_channel = None
    for k in range(len(power_factors)):
        if k > 0:
            tails = [list(x._value.shape[-3:]) for x in imgs]
            flat = [A.reshape(x, [-1] + t) for x, t in zip(imgs, tails)]
            remainder = [tails[0][0] % 2, tails[0][1] % 2]
            if any(remainder):
                flat = [A.pad(x, [[0, 0], [0, remainder[0]], [0, remainder[1]], [0, 0]],
                              mode="SYMMETRIC") for x in flat]
            down = [avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID") for x in flat]
            imgs = [A.reshape(x, h + list(x._value.shape[1:])) for x, h in zip(down, heads)]
        luminance, cs = _ssim_per_channel(imgs[0], imgs[1], max_val, filter_size, filter_sigma,
                                          k1, k2)
        ssim_per_channel = M.reduce_mean(M.multiply(luminance, cs), [-3, -2])
        mcs.append(relu(M.reduce_mean(cs, [-3, -2])))
    mcs.pop()
    stacked = A.stack(mcs + [relu(ssim_per_channel)], axis=-1)
    weights = wrap(np.asarray(power_factors, np.float32))
    return M.reduce_mean(M.reduce_prod(M.pow(stacked, weights), [-1]), [-1])


# ============================================================================================
# Non-max suppression and boxes
# ============================================================================================
def _nms_args(boxes, scores, max_output_size, iou_threshold, score_threshold):
    boxes = convert_to_tensor(boxes, dtype_hint=D.float32)
    scores = convert_to_tensor(scores, dtype_hint=D.float32)
    if boxes._value.ndim != 2 or boxes._value.shape[-1] != 4:
        raise op_error(InvalidArgumentError, "NonMaxSuppressionV3",
                       f"boxes must be 2-D[{','.join(map(str, boxes._value.shape))}]")
    if scores._value.ndim != 1 or scores._value.shape[0] != boxes._value.shape[0]:
        raise op_error(InvalidArgumentError, "NonMaxSuppressionV3",
                       "scores has incompatible shape")
    iou = float(np.asarray(getattr(iou_threshold, "_value", iou_threshold)))
    if not 0 <= iou <= 1:
        raise op_error(InvalidArgumentError, "NonMaxSuppressionV3",
                       "iou_threshold must be in [0, 1]")
    return (M.cast(boxes, D.float32), M.cast(scores, D.float32), _static(max_output_size), iou,
            float(np.asarray(getattr(score_threshold, "_value", score_threshold))))


def non_max_suppression(boxes, scores, max_output_size, iou_threshold=0.5,
                        score_threshold=float("-inf"), name=None):
    """Indices of up to `max_output_size` boxes [y1, x1, y2, x2], by decreasing score, none
    overlapping an earlier one by more than `iou_threshold` (IoU).

    >>> tf.image.non_max_suppression([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 2, 1, 3]],
    ...                              [0.9, 0.8, 0.7], 3)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 2], dtype=int32)>
    """
    args = _nms_args(boxes, scores, max_output_size, iou_threshold, score_threshold)
    return PI.non_max_suppression(*args)[0]


def non_max_suppression_with_scores(boxes, scores, max_output_size, iou_threshold=0.5,
                                    score_threshold=float("-inf"), soft_nms_sigma=0.0,
                                    name=None):
    """(indices, scores) of the selected boxes; with `soft_nms_sigma` > 0, Soft-NMS (overlaps
    decay scores by exp(-iou^2 / sigma) instead of suppressing).

    >>> tf.image.non_max_suppression_with_scores([[0, 0, 1, 1]], [0.5], 1)[1]
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>
    """
    args = _nms_args(boxes, scores, max_output_size, iou_threshold, score_threshold)
    sigma = float(np.asarray(getattr(soft_nms_sigma, "_value", soft_nms_sigma)))
    return PI.non_max_suppression(*args, soft_nms_sigma=sigma)


def draw_bounding_boxes(images, boxes, colors, name=None):
    """Images [batch, h, w, depth] (float) with the outlines of `boxes` [batch, n, 4]
    ([y_min, x_min, y_max, x_max] in [0, 1]) drawn in `colors` [k, 4] (cycled; None: TF's
    default palette).

    >>> tf.image.draw_bounding_boxes(tf.zeros([1, 3, 3, 1]), [[[0, 0, 1, 1]]], [[1.0]])[0, 1, :, 0]
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 0., 1.], dtype=float32)>
    """
    images = _image(images)
    if images._value.ndim != 4:
        raise op_error(InvalidArgumentError, "DrawBoundingBoxesV2",
                       f"The rank of the images should be 4[{','.join(map(str, images._value.shape))}]")
    boxes = M.cast(convert_to_tensor(boxes, dtype_hint=D.float32), D.float32)
    colors = (np.zeros((0, 4), np.float32) if colors is None
              else np.asarray(convert_to_tensor(colors, dtype_hint=D.float32)._value, np.float32))
    PI.DRAW_BOUNDING_BOXES.check(images)
    from ..framework.op import apply
    return apply(PI.DRAW_BOUNDING_BOXES, (images, boxes, wrap(colors.reshape(-1, colors.shape[-1])
                                                                if colors.size else colors)))


# ============================================================================================
# PNG and JPEG (through Pillow)
# ============================================================================================
def _pillow():
    try:
        from PIL import Image
    except ImportError:
        raise NotImplementedError("tf.image's PNG/JPEG coding needs Pillow: pip install "
                                  "'tapeflow[image]'") from None
    return Image


def _bytes(contents):
    if isinstance(contents, TensorLike):
        value = contents._value
        value = value.item() if hasattr(value, "item") and np.ndim(value) == 0 else value
        return value if isinstance(value, bytes) else bytes(value)
    return bytes(contents)


_MODES = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}


def _decode(contents, channels, dtype, op_name):
    Image = _pillow()
    data = _bytes(contents)
    try:
        img = Image.open(_io.BytesIO(data))
        img.load()
    except Exception as e:  # noqa: BLE001 - any decoder failure is TF's InvalidArgumentError
        raise op_error(InvalidArgumentError, op_name, f"Invalid image data ({e})") from None
    sixteen = img.mode in ("I;16", "I;16B", "I;16L", "I") and img.format == "PNG"
    if sixteen:
        arr = np.asarray(img).astype(np.uint16)
        arr = arr[..., None] if arr.ndim == 2 else arr
    else:
        mode = img.mode
        if mode == "P":
            img = img.convert("RGBA" if "transparency" in img.info else "RGB")
        elif mode in ("1", "I", "F"):
            img = img.convert("L")
        elif mode == "CMYK":
            img = img.convert("RGB")
        arr = np.asarray(img)
        arr = arr[..., None] if arr.ndim == 2 else arr
    want = channels or arr.shape[-1]
    if want != arr.shape[-1]:
        mode = _MODES[want]
        if sixteen:
            gray = arr[..., :1] if arr.shape[-1] < 3 else np.round(
                arr[..., :3] @ np.array([0.299, 0.587, 0.114])).astype(np.uint16)[..., None]
            arr = np.concatenate([gray] * min(want, 3) + ([np.full_like(gray, 65535)]
                                                        if want in (2, 4) else []), -1)
        else:
            arr = np.asarray(Image.fromarray(np.squeeze(arr, -1) if arr.shape[-1] == 1 else arr,
                                             _MODES[arr.shape[-1]]).convert(mode))
            arr = arr[..., None] if arr.ndim == 2 else arr
    out = wrap(np.ascontiguousarray(arr))
    dtype = D.as_dtype(dtype)
    return out if out.dtype == dtype else convert_image_dtype(out, dtype)


def decode_png(contents, channels=0, dtype=D.uint8, name=None):
    """A PNG file's bytes as a uint8 (or uint16) [height, width, channels] tensor; `channels`
    0 keeps the file's, 1/3 give grayscale/RGB, 2/4 add alpha.

    >>> png = tf.io.encode_png(tf.constant([[[0], [255]]], tf.uint8))
    >>> tf.io.decode_png(png)[..., 0]
    <tf.Tensor: shape=(1, 2), dtype=uint8, numpy=array([[  0, 255]], dtype=uint8)>
    """
    return _decode(contents, channels, dtype, "DecodePng")


def decode_jpeg(contents, channels=0, ratio=1, fancy_upscaling=True, try_recover_truncated=False,
                acceptable_fraction=1, dct_method="", name=None):
    """A JPEG file's bytes as a uint8 [height, width, channels] tensor (Pillow's libjpeg: pixels
    may differ from TF's by a few levels)."""
    if ratio != 1:
        raise NotImplementedError("tf.image.decode_jpeg(ratio != 1) is not implemented")
    return _decode(contents, channels, D.uint8, "DecodeJpeg")


def decode_image(contents, channels=None, dtype=D.uint8, name=None, expand_animations=True):
    """Decodes PNG, JPEG, GIF or BMP bytes (GIFs to [frames, h, w, 3] unless
    `expand_animations` is False), converting to `dtype`.

    >>> tf.io.decode_image(tf.io.encode_png(tf.zeros([2, 2, 3], tf.uint8))).shape
    TensorShape([2, 2, 3])
    """
    data = _bytes(contents)
    dtype = D.as_dtype(dtype)
    if data[:3] == b"GIF":
        return decode_gif(data) if expand_animations else decode_gif(data)[0]
    image = _decode(data, channels or 0, D.uint16 if data[:4] == b"\x89PNG" else D.uint8,
                    "DecodeImage")
    if image._value.dtype == np.uint16 and dtype == D.uint8:
        return convert_image_dtype(image, dtype)
    return image if image.dtype == dtype else convert_image_dtype(image, dtype)


def decode_gif(contents, name=None):
    """The frames of a GIF as uint8 [frames, height, width, 3]."""
    Image = _pillow()
    img = Image.open(_io.BytesIO(_bytes(contents)))
    frames = []
    for i in range(getattr(img, "n_frames", 1)):
        img.seek(i)
        frames.append(np.asarray(img.convert("RGB")))
    return wrap(np.stack(frames))


def decode_bmp(contents, channels=0, name=None):
    """A BMP file's bytes as uint8 [height, width, channels]."""
    return _decode(contents, channels, D.uint8, "DecodeBmp")


def encode_png(image, compression=-1, name=None):
    """A uint8 or uint16 [height, width, channels] image (1-4 channels) as PNG bytes.

    >>> tf.io.encode_png(tf.zeros([1, 1, 1], tf.uint8)).dtype
    tf.string
    """
    Image = _pillow()
    image = _image(image)
    arr = image._value
    if arr.ndim != 3 or arr.shape[-1] not in (1, 2, 3, 4):
        raise op_error(InvalidArgumentError, "EncodePng",
                       "image must be 3-dimensional with 1-4 channels")
    if arr.dtype not in (np.uint8, np.uint16):
        raise op_error(InvalidArgumentError, "EncodePng",
                       f"Value for attr 'T' of {image.dtype.name} is not in the list of allowed "
                       f"values: uint8, uint16")
    level = 6 if compression < 0 else int(compression)
    buf = _io.BytesIO()
    if arr.dtype == np.uint16:
        if arr.shape[-1] != 1:
            raise NotImplementedError("16-bit PNG encoding of more than one channel is not "
                                      "implemented")
        Image.fromarray(arr[..., 0].astype(np.uint16)).save(buf, "PNG", compress_level=level)
    else:
        pil = Image.fromarray(arr[..., 0] if arr.shape[-1] == 1 else arr, _MODES[arr.shape[-1]])
        pil.save(buf, "PNG", compress_level=level)
    return wrap(np.array(buf.getvalue(), dtype=object))


def encode_jpeg(image, format="", quality=95, progressive=False, optimize_size=False,
                chroma_downsampling=True, density_unit="in", x_density=300, y_density=300,
                xmp_metadata="", name=None):
    """A uint8 [height, width, 1 or 3] image as JPEG bytes (Pillow's encoder)."""
    Image = _pillow()
    image = _image(image)
    arr = image._value
    if arr.dtype != np.uint8:
        raise op_error(InvalidArgumentError, "EncodeJpeg",
                       f"Value for attr 'T' of {image.dtype.name} is not in the list of "
                       f"allowed values: uint8")
    if arr.ndim != 3 or arr.shape[-1] not in (1, 3):
        raise op_error(InvalidArgumentError, "EncodeJpeg",
                       "image must be 3-dimensional with 1 or 3 channels")
    buf = _io.BytesIO()
    pil = Image.fromarray(arr[..., 0] if arr.shape[-1] == 1 else arr)
    pil.save(buf, "JPEG", quality=int(quality), progressive=progressive, optimize=optimize_size,
             subsampling=2 if chroma_downsampling else 0,
             dpi=(x_density, y_density))
    return wrap(np.array(buf.getvalue(), dtype=object))


def is_jpeg(contents, name=None):
    """True when the bytes start with JPEG's marker.

    >>> tf.io.is_jpeg(b"\\xff\\xd8\\xff\\xe0")
    <tf.Tensor: shape=(), dtype=bool, numpy=True>
    """
    return wrap(np.bool_(_bytes(contents)[:3] == b"\xff\xd8\xff"))


def extract_jpeg_shape(contents, output_type=D.int32, name=None):
    """[height, width, channels] of a JPEG without decoding its pixels."""
    Image = _pillow()
    img = Image.open(_io.BytesIO(_bytes(contents)))
    channels = {"L": 1, "RGB": 3, "CMYK": 4}.get(img.mode, len(img.getbands()))
    return wrap(np.array([img.height, img.width, channels], D.as_dtype(output_type)._np))


def _not_implemented(name, what):
    def fn(*args, **kwargs):
        raise NotImplementedError(f"tf.image.{name} ({what}) is not implemented in tapeflow")
    fn.__name__ = name
    fn.__doc__ = f"Not implemented in tapeflow: raises NotImplementedError ({what})."
    return fn


crop_and_resize = _not_implemented("crop_and_resize", "bilinear crops of boxes")
extract_glimpse = _not_implemented("extract_glimpse", "noisy glimpses at offsets")
combined_non_max_suppression = _not_implemented("combined_non_max_suppression",
                                                "batched per-class NMS")
non_max_suppression_padded = _not_implemented("non_max_suppression_padded", "padded NMS")
non_max_suppression_overlaps = _not_implemented("non_max_suppression_overlaps",
                                                "NMS on a precomputed overlap matrix")
sample_distorted_bounding_box = _not_implemented("sample_distorted_bounding_box",
                                                 "random crop boxes")
stateless_sample_distorted_bounding_box = _not_implemented(
    "stateless_sample_distorted_bounding_box", "seeded random crop boxes")
generate_bounding_box_proposals = _not_implemented("generate_bounding_box_proposals",
                                                   "region proposals")
decode_webp = _not_implemented("decode_webp", "WebP decoding")
decode_jxl = _not_implemented("decode_jxl", "JPEG XL decoding")
decode_and_crop_jpeg = _not_implemented("decode_and_crop_jpeg", "decoding a JPEG window")


__all__ = [
    "ResizeMethod",
    "adjust_brightness",
    "adjust_contrast",
    "adjust_gamma",
    "adjust_hue",
    "adjust_jpeg_quality",
    "adjust_saturation",
    "central_crop",
    "combined_non_max_suppression",
    "convert_image_dtype",
    "crop_and_resize",
    "crop_to_bounding_box",
    "decode_and_crop_jpeg",
    "decode_bmp",
    "decode_gif",
    "decode_image",
    "decode_jpeg",
    "decode_jxl",
    "decode_png",
    "decode_webp",
    "draw_bounding_boxes",
    "encode_jpeg",
    "encode_png",
    "extract_glimpse",
    "extract_jpeg_shape",
    "extract_patches",
    "flip_left_right",
    "flip_up_down",
    "generate_bounding_box_proposals",
    "grayscale_to_rgb",
    "hsv_to_rgb",
    "image_gradients",
    "is_jpeg",
    "non_max_suppression",
    "non_max_suppression_overlaps",
    "non_max_suppression_padded",
    "non_max_suppression_with_scores",
    "pad_to_bounding_box",
    "per_image_standardization",
    "psnr",
    "random_brightness",
    "random_contrast",
    "random_crop",
    "random_flip_left_right",
    "random_flip_up_down",
    "random_hue",
    "random_jpeg_quality",
    "random_saturation",
    "resize",
    "resize_with_crop_or_pad",
    "resize_with_pad",
    "rgb_to_grayscale",
    "rgb_to_hsv",
    "rgb_to_yiq",
    "rgb_to_yuv",
    "rot90",
    "sample_distorted_bounding_box",
    "sobel_edges",
    "ssim",
    "ssim_multiscale",
    "stateless_random_brightness",
    "stateless_random_contrast",
    "stateless_random_crop",
    "stateless_random_flip_left_right",
    "stateless_random_flip_up_down",
    "stateless_random_hue",
    "stateless_random_jpeg_quality",
    "stateless_random_saturation",
    "stateless_sample_distorted_bounding_box",
    "total_variation",
    "transpose",
    "yiq_to_rgb",
    "yuv_to_rgb",
]
