# tf.image: resize (every method, antialias, dtypes, aspect ratio, errors, gradients), crops and
# pads, flips and rotations, dtype conversion, colour adjustments and spaces, statistics, NMS,
# box drawing, seeded augmentations (TF's random streams) and PNG coding.

#@ resize_bilinear_upsample
img = tf.reshape(tf.range(12.0), [3, 4, 1])
print(tf.image.resize(img, [5, 6])[..., 0])

#@ resize_every_method_downsample
img = tf.reshape(tf.range(64.0), [1, 8, 8, 1]) / 10.0
for m in ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"]:
  out = tf.image.resize(img, [3, 3], method=m)
  print(m, out.dtype, np.round(out.numpy()[0, :, :, 0], 4).tolist())

#@ resize_every_method_antialias
img = tf.reshape(tf.range(64.0), [1, 8, 8, 1]) / 10.0
for m in ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"]:
  out = tf.image.resize(img, [3, 5], method=m, antialias=True)
  print(m, np.round(out.numpy()[0, :, :, 0], 4).tolist())

#@ resize_upsample_methods
img = tf.constant([[[0.0], [1.0]], [[2.0], [4.0]]])
for m in ["bilinear", "nearest", "bicubic", "area", "lanczos3", "mitchellcubic"]:
  print(m, np.round(tf.image.resize(img, [3, 4], method=m).numpy()[..., 0], 4).tolist())

#@ resize_uint8_image
img = tf.constant(np.arange(48).reshape(4, 4, 3) * 5, tf.uint8)
print(tf.image.resize(img, [2, 3])[..., 0])
print(tf.image.resize(img, [2, 3], "nearest")[..., 1])
print(tf.image.resize(img, [6, 2], "bicubic", antialias=True).dtype)

#@ resize_dtypes
for dt in [tf.float64, tf.float16, tf.int32, tf.uint8]:
  img = tf.ones([2, 2, 1], dt)
  print(dt.name, tf.image.resize(img, [3, 3]).dtype, tf.image.resize(img, [3, 3], "nearest").dtype)

#@ resize_preserve_aspect_ratio
print(tf.image.resize(tf.ones([4, 6, 1]), [3, 3], preserve_aspect_ratio=True).shape)
print(tf.image.resize(tf.ones([2, 10, 20, 3]), [100, 100], preserve_aspect_ratio=True).shape)
print(tf.image.resize(tf.ones([5, 7, 1]), [10, 2], preserve_aspect_ratio=True).shape)

#@ resize_same_size_is_float
img = tf.constant([[[1], [2]]], tf.uint8)
print(tf.image.resize(img, [1, 2]))

#@ resize_method_enum
print(tf.image.ResizeMethod.BILINEAR, tf.image.ResizeMethod.NEAREST_NEIGHBOR, tf.image.ResizeMethod.LANCZOS5)
print(tf.image.resize(tf.ones([2, 2, 1]), [1, 1], tf.image.ResizeMethod.AREA))

#@ resize_bad_method
tf.image.resize(tf.ones([2, 2, 1]), [1, 1], method="cubic")

#@ resize_bad_rank
tf.image.resize(tf.ones([2, 2]), [1, 1])

#@ resize_bad_size
for size in [[1, 2, 3], [1.5, 2]]:
  try:
    tf.image.resize(tf.ones([2, 2, 1]), size)
  except ValueError as e:
    print(e)
tf.image.resize(tf.ones([2, 2, 1]), [0, 3])

#@ resize_bool_is_invalid
tf.image.resize(tf.ones([2, 2, 1], tf.bool), [3, 3])

#@ resize_gradients
x = tf.reshape(tf.range(9.0), [1, 3, 3, 1]) / 9.0
w = tf.reshape(tf.range(20.0), [1, 5, 4, 1])
for m in ["bilinear", "nearest", "bicubic", "lanczos3", "gaussian"]:
  with tf.GradientTape() as tape:
    tape.watch(x)
    loss = tf.reduce_sum(tf.image.resize(x, [5, 4], m) * w)
  print(m, np.round(tape.gradient(loss, x).numpy()[0, :, :, 0], 3).tolist())

#@ resize_antialias_gradient
x = tf.reshape(tf.range(36.0), [1, 6, 6, 1]) / 36.0
with tf.GradientTape() as tape:
  tape.watch(x)
  loss = tf.reduce_sum(tf.image.resize(x, [2, 3], "bilinear", antialias=True) ** 2)
print(np.round(tape.gradient(loss, x).numpy()[0, :, :, 0], 4))

#@ resize_with_pad_values
img = tf.reshape(tf.range(1.0, 7.0), [2, 3, 1])
print(tf.image.resize_with_pad(img, 4, 4)[..., 0])
print(tf.image.resize_with_pad(img, 2, 6, method="nearest")[..., 0])

#@ resize_with_crop_or_pad
img = tf.reshape(tf.range(12), [3, 4, 1])
print(tf.image.resize_with_crop_or_pad(img, 5, 2)[..., 0])
print(tf.image.resize_with_crop_or_pad(img, 1, 6)[..., 0])

#@ crop_and_pad_to_bounding_box
img = tf.reshape(tf.range(16), [4, 4, 1])
print(tf.image.crop_to_bounding_box(img, 1, 2, 2, 2)[..., 0])
print(tf.image.pad_to_bounding_box(tf.ones([2, 2, 1]), 1, 0, 4, 3)[..., 0])

#@ crop_to_bounding_box_errors
img = tf.ones([4, 4, 1])
for args in [(0, 1, 2, 4), (-1, 0, 2, 2), (0, 0, 0, 2)]:
  try:
    tf.image.crop_to_bounding_box(img, *args)
  except ValueError as e:
    print(e)
tf.image.pad_to_bounding_box(img, 0, 0, 3, 3)

#@ central_crop
img = tf.reshape(tf.range(36), [6, 6, 1])
print(tf.image.central_crop(img, 0.5)[..., 0])
print(tf.image.central_crop(tf.ones([2, 7, 9, 3]), 0.3).shape)
tf.image.central_crop(img, 1.5)

#@ extract_patches_valid_and_same
x = tf.reshape(tf.range(1, 26), [1, 5, 5, 1])
p = tf.image.extract_patches(x, [1, 3, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], "VALID")
print(p.shape)
print(p[0, 1, 1])
q = tf.image.extract_patches(x, [1, 2, 2, 1], [1, 3, 3, 1], [1, 1, 1, 1], "SAME")
print(q.shape)
print(q[0, :, :, 3])

#@ extract_patches_rates_and_channels
x = tf.reshape(tf.range(2 * 4 * 4 * 2), [2, 4, 4, 2])
p = tf.image.extract_patches(x, [1, 2, 2, 1], [1, 1, 1, 1], [1, 2, 2, 1], "VALID")
print(p.shape)
print(p[1, 0, 1])

#@ flips_rot90_transpose
img = tf.reshape(tf.range(6), [2, 3, 1])
print(tf.image.flip_left_right(img)[..., 0])
print(tf.image.flip_up_down(img)[..., 0])
for k in range(4):
  print(k, tf.image.rot90(img, k)[..., 0].numpy().tolist())
print(tf.image.transpose(img)[..., 0])
print(tf.image.rot90(tf.ones([2, 3, 5, 1]), 1).shape)

#@ flip_rank_errors
try:
  tf.image.flip_left_right(tf.ones([2, 2]))
except ValueError as e:
  print(e)
tf.image.rot90(tf.ones([1, 1, 2, 2, 1]))

#@ convert_image_dtype_table
u8 = tf.constant([0, 1, 127, 128, 255], tf.uint8)
print(tf.image.convert_image_dtype(u8, tf.float32))
print(tf.image.convert_image_dtype(u8, tf.int32))
print(tf.image.convert_image_dtype(u8, tf.uint16))
f = tf.constant([-0.5, 0.0, 0.25, 0.5, 1.0, 1.5])
print(tf.image.convert_image_dtype(f, tf.uint8))
print(tf.image.convert_image_dtype(f, tf.uint8, saturate=True))
print(tf.image.convert_image_dtype(tf.constant([0, 65535], tf.uint16), tf.uint8))
print(tf.image.convert_image_dtype(f, tf.float64).dtype)

#@ adjust_brightness_contrast_gamma
img = tf.reshape(tf.range(12.0), [2, 2, 3]) / 12.0
print(tf.image.adjust_brightness(img, 0.2))
print(tf.image.adjust_contrast(img, 1.5))
print(tf.image.adjust_gamma(img, 2.0, gain=0.5))

#@ adjust_uint8_images
img = tf.constant([[[10, 100, 250], [0, 128, 255]]], tf.uint8)
print(tf.image.adjust_brightness(img, 0.1))
print(tf.image.adjust_contrast(img, 2.0))
print(tf.image.adjust_gamma(img, 0.5))

#@ adjust_hue_and_saturation
img = tf.constant([[[0.9, 0.2, 0.1], [0.1, 0.5, 0.8], [0.3, 0.3, 0.3]]])
print(tf.image.adjust_hue(img, 0.25))
print(tf.image.adjust_hue(img, -0.6))
print(tf.image.adjust_saturation(img, 0.5))
print(tf.image.adjust_saturation(img, 3.0))

#@ adjust_hue_uint8_and_errors
img = tf.constant([[[200, 40, 20], [20, 130, 200]]], tf.uint8)
print(tf.image.adjust_hue(img, 0.5))
print(tf.image.adjust_saturation(img, 0.3))
tf.image.adjust_hue(img, 1.5)

#@ grayscale_conversions
rgb = tf.constant([[[1.0, 0.5, 0.0], [0.2, 0.4, 0.6]]])
gray = tf.image.rgb_to_grayscale(rgb)
print(gray)
print(tf.image.grayscale_to_rgb(gray))
print(tf.image.rgb_to_grayscale(tf.constant([[[255, 0, 0], [10, 200, 30]]], tf.uint8)))
tf.image.grayscale_to_rgb(rgb)

#@ hsv_conversions
rgb = tf.constant([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.2, 0.4, 0.6], [0.5, 0.5, 0.5], [0.0, 0.0, 0.0]]])
hsv = tf.image.rgb_to_hsv(rgb)
print(hsv)
print(tf.image.hsv_to_rgb(hsv))

#@ rgb_to_hsv_gradient
rgb = tf.constant([[[0.9, 0.2, 0.4], [0.1, 0.7, 0.3], [0.2, 0.3, 0.8]]])
with tf.GradientTape() as tape:
  tape.watch(rgb)
  hsv = tf.image.rgb_to_hsv(rgb)
  loss = tf.reduce_sum(hsv * [[[1.0, 2.0, 3.0]]])
print(tape.gradient(loss, rgb))

#@ yuv_and_yiq
rgb = tf.constant([[[1.0, 0.5, 0.0], [0.2, 0.4, 0.6]]])
yuv = tf.image.rgb_to_yuv(rgb)
print(yuv)
print(tf.image.yuv_to_rgb(yuv))
yiq = tf.image.rgb_to_yiq(rgb)
print(yiq)
print(tf.image.yiq_to_rgb(yiq))

#@ per_image_standardization
img = tf.reshape(tf.range(12.0), [2, 2, 3])
print(tf.image.per_image_standardization(img))
print(tf.image.per_image_standardization(tf.ones([2, 2, 1], tf.uint8)))

#@ total_variation_and_image_gradients
img = tf.constant([[[[1.0], [2.0], [4.0]], [[0.0], [3.0], [3.0]]]])
print(tf.image.total_variation(img))
print(tf.image.total_variation(img[0]))
dy, dx = tf.image.image_gradients(img)
print(dy[0, ..., 0])
print(dx[0, ..., 0])

#@ sobel_edges
img = tf.reshape(tf.range(16.0), [1, 4, 4, 1]) ** 2 / 10.0
edges = tf.image.sobel_edges(img)
print(edges.shape)
print(edges[0, :, :, 0, 0])
print(edges[0, :, :, 0, 1])

#@ psnr_and_ssim
a = tf.reshape(tf.range(16 * 16 * 3, dtype=tf.float32), [16, 16, 3]) / (16 * 16 * 3)
b = tf.clip_by_value(a + 0.05 * tf.sin(tf.range(16 * 16 * 3, dtype=tf.float32))[:, None][:, 0] if False else a * 0.9 + 0.05, 0, 1)
print(tf.image.psnr(a, b, max_val=1.0))
print(tf.image.ssim(a, b, max_val=1.0))
print(tf.image.ssim(a, a, max_val=1.0))
print(tf.image.ssim(a, b, max_val=1.0, filter_size=5, return_index_map=True).shape)

#@ ssim_uint8_and_batches
a = tf.constant(np.arange(2 * 12 * 12 * 1).reshape(2, 12, 12, 1) % 256, tf.uint8)
b = tf.constant((np.arange(2 * 12 * 12 * 1).reshape(2, 12, 12, 1) * 3) % 256, tf.uint8)
print(tf.image.ssim(a, b, 255))
print(tf.image.psnr(a, b, 255))

#@ ssim_multiscale
a = tf.reshape(tf.sin(tf.range(180 * 180, dtype=tf.float32) * 0.01), [180, 180, 1]) * 0.5 + 0.5
b = a * 0.8 + 0.1
print(tf.image.ssim_multiscale(a, b, 1.0))

#@ non_max_suppression
boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11], [0, 10.1, 1, 11.1], [0, 100, 1, 101]]
scores = [0.9, 0.75, 0.6, 0.95, 0.5, 0.3]
print(tf.image.non_max_suppression(boxes, scores, 3, iou_threshold=0.5))
print(tf.image.non_max_suppression(boxes, scores, 6, iou_threshold=0.5, score_threshold=0.4))
print(tf.image.non_max_suppression(boxes, scores, 2, iou_threshold=1.0))

#@ non_max_suppression_with_scores_soft
boxes = [[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9], [0, 10, 1, 11]]
scores = [0.9, 0.75, 0.6, 0.95]
idx, sc = tf.image.non_max_suppression_with_scores(boxes, scores, 4, iou_threshold=1.0, score_threshold=0.1, soft_nms_sigma=0.5)
print(idx)
print(sc)

#@ draw_bounding_boxes
img = tf.zeros([1, 5, 5, 3])
out = tf.image.draw_bounding_boxes(img, [[[0.25, 0.25, 0.75, 1.0]]], [[1.0, 0.5, 0.0, 1.0]])
print(out[0, ..., 0])
print(out[0, ..., 1])

#@ stateless_random_flips_equal_tf
img = tf.reshape(tf.range(2 * 2 * 3 * 1), [2, 2, 3, 1])
for seed in [(1, 2), (3, 4), (5, 6)]:
  print(tf.image.stateless_random_flip_left_right(img, seed)[..., 0].numpy().tolist())
  print(tf.image.stateless_random_flip_up_down(img[0], seed)[..., 0].numpy().tolist())

#@ stateless_random_color_ops_equal_tf
img = tf.reshape(tf.range(2 * 2 * 3, dtype=tf.float32), [2, 2, 3]) / 12.0
print(tf.image.stateless_random_brightness(img, 0.3, (1, 2)))
print(tf.image.stateless_random_contrast(img, 0.2, 1.8, (1, 2)))
print(tf.image.stateless_random_saturation(img, 0.2, 1.8, (3, 4)))
print(tf.image.stateless_random_hue(img, 0.3, (5, 6)))

#@ stateless_random_crop_equal_tf
img = tf.reshape(tf.range(5 * 6), [5, 6, 1])
for seed in [(1, 2), (7, 8)]:
  print(tf.image.stateless_random_crop(img, [2, 3, 1], seed)[..., 0])

#@ seeded_random_ops_equal_tf
tf.random.set_seed(5)
img = tf.reshape(tf.range(2 * 2 * 3 * 1), [2, 2, 3, 1])
print(tf.image.random_flip_left_right(img, seed=3)[..., 0].numpy().tolist())
print(tf.image.random_crop(tf.reshape(tf.range(30), [5, 6]), [2, 2], seed=4))
print(tf.image.random_brightness(tf.zeros([1, 1, 1]), 0.5, seed=7))

#@ random_op_argument_errors
for f in [lambda: tf.image.random_brightness(tf.zeros([1, 1, 3]), -0.1),
          lambda: tf.image.random_contrast(tf.zeros([1, 1, 3]), 1.0, 0.5),
          lambda: tf.image.random_hue(tf.zeros([1, 1, 3]), 0.7),
          lambda: tf.image.stateless_random_saturation(tf.zeros([1, 1, 3]), -1.0, 0.5, (1, 2))]:
  try:
    f()
  except ValueError as e:
    print(e)

#@ png_round_trip
img = tf.constant(np.arange(2 * 3 * 3).reshape(2, 3, 3) * 9, tf.uint8)
png = tf.io.encode_png(img)
print(png.dtype, png.shape)
print(tf.io.decode_png(png)[..., 2])
print(tf.image.decode_png(png, channels=1)[..., 0])
print(tf.io.decode_png(png, channels=4)[..., 3])
print(tf.io.decode_image(png).shape, tf.io.decode_image(png, dtype=tf.float32).dtype)

#@ png_gray_and_uint16
gray = tf.constant([[[0], [128]], [[255], [64]]], tf.uint8)
print(tf.io.decode_png(tf.io.encode_png(gray))[..., 0])
deep = tf.constant([[[0], [1000]], [[65535], [30000]]], tf.uint16)
print(tf.io.decode_png(tf.io.encode_png(deep), dtype=tf.uint16)[..., 0])
print(tf.io.decode_png(tf.io.encode_png(deep))[..., 0])

#@ is_jpeg_and_jpeg_shape
img = tf.constant(np.add.outer(np.arange(8) * 20, np.arange(8) * 10).reshape(8, 8, 1).repeat(3, -1), tf.uint8)
jpeg = tf.io.encode_jpeg(img, quality=90)
print(tf.io.is_jpeg(jpeg), tf.io.is_jpeg(tf.io.encode_png(img)))
print(tf.io.extract_jpeg_shape(jpeg))
decoded = tf.io.decode_jpeg(jpeg)
print(decoded.shape, decoded.dtype)
print(np.abs(decoded.numpy().astype(int) - img.numpy()).max() <= 4)
