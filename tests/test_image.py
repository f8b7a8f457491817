"""tf.image: resize values and gradients against TF 2.21 (a recorded table of shapes, methods,
antialias settings and dtypes: tests/data/resize_reference.npz, made by
tools/record_resize_reference.py), the image primitives' records, a gradient table (to second
order), batch rules, and semantic tests of the rest of the API."""
import os
import zlib

import numpy as np
import pytest
from test_gradients import (
    Row,
    check_jvp_against_reverse,
    constants,
    draw_args,
    normal,
    uniform,
)

import tapeflow as tf
from tapeflow.framework import op as op_module

REFERENCE = np.load(os.path.join(os.path.dirname(__file__), "data", "resize_reference.npz"))
CASES = sorted(k[4:] for k in REFERENCE.files if k.startswith("out_"))
IMAGE_PRIMITIVES = ["ResizeBilinear", "ResizeNearestNeighbor", "ResizeBicubic", "ResizeArea",
                    "ScaleAndTranslate", "ResizeBilinearGrad", "ResizeNearestNeighborGrad",
                    "ResizeBicubicGrad", "ResizeAreaGrad", "ScaleAndTranslateGrad",
                    "ResizeGradCast", "RGBToHSV", "HSVToRGB", "AdjustHue", "AdjustSaturation",
                    "NonMaxSuppressionV5", "DrawBoundingBoxesV2"]


def test_image_primitives_are_complete_records():
    missing = {n: op_module.REGISTRY[n].missing() for n in IMAGE_PRIMITIVES
               if op_module.REGISTRY[n].missing()}
    assert not missing


def _case(key):
    i, dtype, method, antialias = key.split("_")
    return REFERENCE[f"img_{i}_{dtype}"], method, bool(int(antialias))


@pytest.mark.parametrize("key", CASES)
def test_resize_values_equal_tf(key):
    image, method, antialias = _case(key)
    want = REFERENCE[f"out_{key}"]
    got = tf.image.resize(tf.constant(image), want.shape[1:3], method=method,
                          antialias=antialias).numpy()
    assert got.dtype == want.dtype and got.shape == want.shape
    if method.startswith("lanczos"):  # sin() differs from TF's by an ulp now and then
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-5)
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("key", [k for k in CASES if f"grad_{k}" in REFERENCE.files])
def test_resize_gradients_equal_tf(key):
    image, method, antialias = _case(key)
    want = REFERENCE[f"grad_{key}"]
    x = tf.constant(image)
    out_hw = REFERENCE[f"out_{key}"].shape[1:3]
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.image.resize(x, out_hw, method=method, antialias=antialias)
        weights = tf.reshape(tf.range(tf.size(y), dtype=tf.float32) % 7.0 - 3.0, y.shape)
        loss = tf.reduce_sum(y * weights)
    np.testing.assert_allclose(tape.gradient(loss, x).numpy(), want, rtol=1e-5, atol=1e-4)


# ============================================================================================
# The gradient table
# ============================================================================================
ROWS = []
# TF's resize kernels compute in float32 whatever the input: linear maps, so a wide finite
# difference step is exact up to float32 rounding.
FLOAT32_KERNEL = {"delta": 1e-2, "atol": 2e-3, "rtol": 2e-3}


def row(id, fn, *args, **kw):
    ROWS.append(Row(id, fn, args, **kw))


for method in ["bilinear", "nearest", "bicubic", "area", "lanczos3", "gaussian", "mitchellcubic"]:
    for aa in (False, True):
        if aa and method in ("nearest", "area"):
            continue
        for size in ((5, 3), (2, 2)):
            row(f"resize-{method}-{int(aa)}-{size[0]}x{size[1]}",
                lambda x, m=method, a=aa, s=size: tf.image.resize(x, s, m, antialias=a),
                normal((2, 3, 4, 2)), **FLOAT32_KERNEL)
row("resize-float64-bicubic", lambda x: tf.image.resize(x, [4, 4], "bicubic"), normal((3, 2, 1)),
    **FLOAT32_KERNEL)
row("resize_with_pad", lambda x: tf.image.resize_with_pad(x, 4, 6), normal((3, 3, 1)),
    **FLOAT32_KERNEL)
row("resize_with_crop_or_pad", lambda x: tf.image.resize_with_crop_or_pad(x, 2, 5),
    normal((3, 3, 2)))
row("central_crop", lambda x: tf.image.central_crop(x, 0.5), normal((1, 4, 4, 1)))
row("extract_patches-same", lambda x: tf.image.extract_patches(
    x, [1, 2, 3, 1], [1, 2, 1, 1], [1, 1, 1, 1], "SAME"), normal((1, 4, 4, 2)))
row("extract_patches-rates", lambda x: tf.image.extract_patches(
    x, [1, 2, 2, 1], [1, 1, 1, 1], [1, 2, 2, 1], "VALID"), normal((1, 4, 5, 1)))
row("rot90", lambda x: tf.image.rot90(x, 3), normal((2, 3, 1)))
row("rgb_to_hsv", lambda x: tf.image.rgb_to_hsv(x), uniform((2, 2, 3), 0.1, 1.0),
    rtol=1e-4, atol=1e-5)
row("rgb_to_grayscale", lambda x: tf.image.rgb_to_grayscale(x), uniform((2, 2, 3), 0.0, 1.0),
    order=1, **FLOAT32_KERNEL)
row("yuv_round_trip", lambda x: tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(x)), normal((2, 3)))
row("per_image_standardization", lambda x: tf.image.per_image_standardization(x),
    normal((1, 3, 3, 1)), order=1, **FLOAT32_KERNEL)
row("total_variation", lambda x: tf.image.total_variation(x), uniform((1, 3, 3, 1), 0.0, 1.0),
    order=1)
row("image_gradients", lambda x: list(tf.image.image_gradients(x)), normal((1, 3, 3, 2)))
row("sobel_edges", lambda x: tf.image.sobel_edges(x), normal((1, 4, 4, 1)))
row("ssim", lambda a, b: tf.image.ssim(a, b, 1.0, filter_size=3), uniform((4, 4, 1), 0.1, 0.9),
    uniform((4, 4, 1), 0.1, 0.9), order=1, **FLOAT32_KERNEL)
row("psnr", lambda a, b: tf.image.psnr(a, b, 1.0), uniform((2, 2, 1), 0.1, 0.9),
    uniform((2, 2, 1), 0.1, 0.9), order=1, **FLOAT32_KERNEL)
row("adjust_gamma", lambda x: tf.image.adjust_gamma(x, 2.0), uniform((2, 2, 1), 0.2, 0.9),
    order=1, **FLOAT32_KERNEL)

IDS = [r.id for r in ROWS]


@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_gradients(r):
    tf.test.check_gradients(r.fn, draw_args(r), order=r.order, atol=r.atol, rtol=r.rtol,
                            delta=r.delta)


@pytest.mark.parametrize("r", [r for r in ROWS if r.order == 2], ids=[r.id for r in ROWS
                                                                      if r.order == 2])
def test_jvp_matches_reverse_mode(r):
    check_jvp_against_reverse(r.fn, constants(draw_args(r)),
                              np.random.default_rng(zlib.crc32(r.id.encode())), rtol=1e-5,
                              atol=1e-6)


@pytest.mark.parametrize("method", ["bilinear", "nearest", "bicubic", "area", "lanczos5"])
def test_resize_batches_under_vmap(method, monkeypatch):
    from tapeflow.autodiff import vmap
    x = tf.constant(np.random.default_rng(1).standard_normal((3, 2, 4, 5, 1)))
    got = vmap(lambda im: tf.image.resize(im, [3, 7], method))(x)
    want = np.stack([tf.image.resize(x[i], [3, 7], method).numpy() for i in range(3)])
    np.testing.assert_allclose(got.numpy(), want, rtol=1e-6)


def test_resize_jacobian_uses_batched_cotangents():
    x = tf.constant(np.random.default_rng(2).standard_normal((1, 2, 3, 1)), tf.float32)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.image.resize(x, [3, 2], "bicubic")
    j = tape.jacobian(y, x)
    looped = tape.jacobian(y, x, experimental_use_pfor=False)
    np.testing.assert_allclose(j.numpy(), looped.numpy(), rtol=1e-6)


# ============================================================================================
# Semantics
# ============================================================================================
def test_resize_errors_and_dtypes():
    image = tf.ones([4, 4, 1])
    with pytest.raises(ValueError, match="not implemented"):
        tf.image.resize(image, [2, 2], method="foo")
    with pytest.raises(ValueError, match="3 or 4 dimensions"):
        tf.image.resize(tf.ones([2, 2]), [2, 2])
    with pytest.raises(ValueError, match="2 elements"):
        tf.image.resize(image, [2, 2, 2])
    with pytest.raises(tf.errors.InvalidArgumentError, match="output dimensions must be positive"):
        tf.image.resize(image, [0, 2])
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.image.resize(tf.ones([2, 2, 1], tf.bool), [3, 3])
    assert tf.image.resize(tf.ones([2, 2, 1], tf.uint8), [3, 3], "nearest").dtype == tf.uint8
    assert tf.image.resize(tf.ones([2, 2, 1], tf.float64), [3, 3]).dtype == tf.float32
    assert tf.image.resize(tf.ones([0, 2, 2, 1]), [3, 3]).shape == (0, 3, 3, 1)
    assert tf.image.resize(tf.ones([4, 6, 1]), [3, 3], preserve_aspect_ratio=True).shape == (2, 3, 1)


def test_crop_pad_and_flips():
    x = tf.reshape(tf.range(24), [2, 3, 4, 1])
    np.testing.assert_array_equal(tf.image.flip_left_right(x).numpy(), x.numpy()[:, :, ::-1])
    np.testing.assert_array_equal(tf.image.flip_up_down(x).numpy(), x.numpy()[:, ::-1])
    np.testing.assert_array_equal(tf.image.rot90(x, 1).numpy(), np.rot90(x.numpy(), 1, (1, 2)))
    np.testing.assert_array_equal(tf.image.transpose(x).numpy(), x.numpy().transpose(0, 2, 1, 3))
    assert tf.image.pad_to_bounding_box(x, 1, 2, 5, 7).shape == (2, 5, 7, 1)
    with pytest.raises(ValueError, match="width must be >= target \\+ offset."):
        tf.image.crop_to_bounding_box(x, 0, 1, 2, 4)
    with pytest.raises(ValueError, match="central_fraction"):
        tf.image.central_crop(x, 0.0)


def test_stateless_random_ops_depend_only_on_the_seed():
    image = tf.reshape(tf.range(2 * 3 * 4 * 3, dtype=tf.float32), [2, 3, 4, 3]) / 72.0
    for fn in (lambda s: tf.image.stateless_random_flip_left_right(image, s),
               lambda s: tf.image.stateless_random_brightness(image, 0.3, s),
               lambda s: tf.image.stateless_random_contrast(image, 0.2, 1.8, s),
               lambda s: tf.image.stateless_random_saturation(image, 0.2, 1.8, s),
               lambda s: tf.image.stateless_random_hue(image, 0.3, s),
               lambda s: tf.image.stateless_random_crop(image, [2, 2, 2, 3], s)):
        np.testing.assert_array_equal(fn((1, 2)).numpy(), fn((1, 2)).numpy())


def test_colour_round_trips():
    rgb = tf.constant(np.random.default_rng(3).uniform(0, 1, (4, 5, 3)), tf.float32)
    np.testing.assert_allclose(tf.image.hsv_to_rgb(tf.image.rgb_to_hsv(rgb)).numpy(), rgb.numpy(),
                               atol=1e-6)
    np.testing.assert_allclose(tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(rgb)).numpy(), rgb.numpy(),
                               atol=1e-5)
    np.testing.assert_allclose(tf.image.adjust_hue(rgb, 0.0).numpy(), rgb.numpy(), atol=1e-6)
    np.testing.assert_allclose(tf.image.adjust_saturation(rgb, 1.0).numpy(), rgb.numpy(),
                               atol=1e-6)
    np.testing.assert_allclose(tf.image.adjust_hue(tf.image.adjust_hue(rgb, 0.3), -0.3).numpy(),
                               rgb.numpy(), atol=1e-5)


def test_convert_image_dtype_scales():
    u8 = tf.constant([0, 128, 255], tf.uint8)
    np.testing.assert_allclose(tf.image.convert_image_dtype(u8, tf.float32).numpy(),
                               [0, 128 / 255, 1])
    assert tf.image.convert_image_dtype(u8, tf.int16).numpy().tolist() == [0, 16384, 32640]
    assert tf.image.convert_image_dtype(tf.constant([1.5, -0.5]), tf.uint8,
                                        saturate=True).numpy().tolist() == [255, 0]


def test_non_max_suppression():
    boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11], [0, 10.1, 1, 11.1],
             [0, 100, 1, 101]]
    scores = [0.9, 0.75, 0.6, 0.95, 0.5, 0.3]
    assert tf.image.non_max_suppression(boxes, scores, 3, 0.5).numpy().tolist() == [3, 0, 5]
    idx, sc = tf.image.non_max_suppression_with_scores(boxes, scores, 6, 1.0, 0.0,
                                                       soft_nms_sigma=0.5)
    assert idx.numpy()[0] == 3 and sc.numpy()[0] == np.float32(0.95)
    assert tf.image.non_max_suppression(boxes, scores, 6, 0.5, score_threshold=0.7).numpy(
    ).tolist() == [3, 0]


def test_png_round_trip_and_jpeg():
    pytest.importorskip("PIL")
    image = tf.constant(np.random.default_rng(4).integers(0, 256, (5, 6, 3)), tf.uint8)
    smooth = tf.constant(np.add.outer(np.arange(16) * 8, np.arange(16) * 4)[..., None]
                         .repeat(3, -1).astype(np.uint8))
    png = tf.io.encode_png(image)
    np.testing.assert_array_equal(tf.io.decode_png(png).numpy(), image.numpy())
    np.testing.assert_array_equal(tf.image.decode_image(png).numpy(), image.numpy())
    assert tf.io.decode_png(png, channels=1).shape == (5, 6, 1)
    assert tf.io.decode_png(png, channels=4).numpy()[..., 3].min() == 255
    jpeg = tf.io.encode_jpeg(smooth, quality=95)
    assert bool(tf.io.is_jpeg(jpeg)) and not bool(tf.io.is_jpeg(png))
    decoded = tf.io.decode_jpeg(jpeg).numpy().astype(int)
    assert decoded.shape == (16, 16, 3) and np.abs(decoded - smooth.numpy()).max() <= 8
    sixteen = tf.constant(np.arange(6, dtype=np.uint16).reshape(2, 3, 1) * 10000)
    np.testing.assert_array_equal(tf.io.decode_png(tf.io.encode_png(sixteen),
                                                   dtype=tf.uint16).numpy(), sixteen.numpy())
