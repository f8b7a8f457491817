# tf.nn convolution, pooling, activations, normalization, losses, dropout and embedding lookup;
# tf.random distributions, seeds and Generator state. Values and gradients for tf.nn; for random
# ops only shapes, dtypes and seeded-reproducibility facts (the streams differ from TF's Philox).

#@ conv2d_same_valid_values
x = tf.reshape(tf.range(32, dtype=tf.float32), [1, 4, 4, 2]) / 10.0
w = tf.reshape(tf.range(18, dtype=tf.float32), [3, 3, 2, 1]) / 10.0 - 0.8
print(tf.nn.conv2d(x, w, strides=1, padding="SAME")[0, :, :, 0])
print(tf.nn.conv2d(x, w, strides=1, padding="VALID")[0, :, :, 0])

#@ conv2d_strides_and_dilations
x = tf.reshape(tf.range(50, dtype=tf.float32), [1, 5, 5, 2]) / 10.0
w = tf.reshape(tf.range(12, dtype=tf.float32), [2, 3, 2, 1]) / 10.0 - 0.5
print(tf.nn.conv2d(x, w, strides=2, padding="SAME")[0, :, :, 0])
print(tf.nn.conv2d(x, w, strides=[1, 2, 1, 1], padding="VALID")[0, :, :, 0])
print(tf.nn.conv2d(x, w, strides=1, padding="SAME", dilations=2)[0, :, :, 0])
print(tf.nn.conv2d(x, w, strides=3, padding="SAME").shape)

#@ conv2d_explicit_padding
x = tf.reshape(tf.range(16, dtype=tf.float32), [1, 4, 4, 1])
w = tf.ones([2, 2, 1, 1])
y = tf.nn.conv2d(x, w, strides=2, padding=[[0, 0], [1, 0], [0, 1], [0, 0]])
print(y.shape)
print(y[0, :, :, 0])

#@ conv2d_gradients_input_and_filter
x = tf.reshape(tf.range(18, dtype=tf.float32), [1, 3, 3, 2]) / 10.0
w = tf.reshape(tf.range(24, dtype=tf.float32), [2, 2, 2, 3]) / 10.0 - 1.0
with tf.GradientTape(persistent=True) as t:
    t.watch([x, w])
    y = tf.nn.conv2d(x, w, strides=1, padding="SAME")
    loss = tf.reduce_sum(y * y)
dx, dw = t.gradient(loss, [x, w])
print(dx[0, :, :, 0])
print(dx[0, :, :, 1])
print(dw[:, :, 0, 0])
print(tf.reduce_sum(dw, axis=[0, 1]))

#@ conv2d_strided_gradient
x = tf.reshape(tf.range(25, dtype=tf.float32), [1, 5, 5, 1]) / 10.0
w = tf.reshape(tf.range(9, dtype=tf.float32), [3, 3, 1, 1]) / 10.0
with tf.GradientTape(persistent=True) as t:
    t.watch([x, w])
    y = tf.nn.conv2d(x, w, strides=2, padding="SAME")
print(y[0, :, :, 0])
print(t.gradient(y, x)[0, :, :, 0])
print(t.gradient(y, w)[:, :, 0, 0])

#@ conv2d_second_order
x = tf.reshape(tf.range(8, dtype=tf.float32), [1, 2, 2, 2]) / 4.0
w = tf.reshape(tf.range(8, dtype=tf.float32), [2, 2, 2, 1]) / 8.0
with tf.GradientTape() as outer:
    outer.watch(w)
    with tf.GradientTape() as inner:
        inner.watch([x, w])
        y = tf.nn.conv2d(x, w, 1, "SAME")
        loss = tf.reduce_sum(y * y)
    dx = inner.gradient(loss, x)
    z = tf.reduce_sum(dx * dx)
print(dx[0, :, :, 0])
print(outer.gradient(z, w)[:, :, :, 0])

#@ conv2d_nchw_format
x = tf.reshape(tf.range(18, dtype=tf.float32), [1, 2, 3, 3])
w = tf.ones([2, 2, 2, 1])
y = tf.nn.conv2d(x, w, 1, "VALID", data_format="NCHW")
print(y.shape)
print(y[0, 0])

#@ conv2d_int32_and_float64
x = tf.reshape(tf.range(16), [1, 4, 4, 1])
y = tf.nn.conv2d(x, tf.ones([2, 2, 1, 1], tf.int32), 2, "VALID")
print(y[0, :, :, 0])
y64 = tf.nn.conv2d(tf.cast(x, tf.float64), tf.ones([2, 2, 1, 1], tf.float64), 2, "VALID")
print(y64.dtype)

#@ conv2d_extra_batch_dims
y = tf.nn.conv2d(tf.ones([2, 3, 4, 4, 1]), tf.ones([3, 3, 1, 2]), 1, "SAME")
print(y.shape)
print(y[1, 2, :, :, 0])

#@ conv2d_dtype_mismatch_error
tf.nn.conv2d(tf.ones([1, 4, 4, 2], tf.float64), tf.ones([3, 3, 2, 3]), 1, "VALID")

#@ conv2d_depth_mismatch_error
tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 3, 3]), 1, "VALID")

#@ conv2d_negative_output_size_error
tf.nn.conv2d(tf.ones([1, 1, 2, 2]), tf.ones([3, 3, 2, 3]), 1, "VALID")

#@ conv2d_bad_strides_errors
for strides in ([1, 2, 3], [2, 1, 1, 1]):
    try:
        tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 3]), strides, "SAME")
    except Exception as e:
        print(type(e).__name__)
try:
    tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 3]), 1, [[1, 2], [0, 1]])
except Exception as e:
    print(type(e).__name__)

#@ conv2d_bad_padding_error
tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 3]), 1, "FOO")

#@ conv2d_int64_not_allowed
tf.nn.conv2d(tf.ones([1, 4, 4, 2], tf.int64), tf.ones([3, 3, 2, 3], tf.int64), 1, "VALID")

#@ conv1d_values_and_gradient
x = tf.reshape(tf.range(12, dtype=tf.float32), [1, 6, 2]) / 4.0
w = tf.reshape(tf.range(12, dtype=tf.float32), [3, 2, 2]) / 6.0 - 1.0
with tf.GradientTape(persistent=True) as t:
    t.watch([x, w])
    y = tf.nn.conv1d(x, w, stride=2, padding="SAME")
print(y)
print(t.gradient(y, x))
print(t.gradient(y, w))

#@ conv1d_dilated_ncw
x = tf.reshape(tf.range(14, dtype=tf.float32), [1, 7, 2])
w = tf.ones([2, 2, 1])
print(tf.nn.conv1d(x, w, 1, "VALID", dilations=3)[0, :, 0])
print(tf.nn.conv1d(tf.transpose(x, [0, 2, 1]), w, 1, "VALID", data_format="NCW").shape)

#@ conv3d_values_and_gradient
x = tf.reshape(tf.range(27, dtype=tf.float32), [1, 3, 3, 3, 1]) / 10.0
w = tf.reshape(tf.range(16, dtype=tf.float32), [2, 2, 2, 1, 2]) / 16.0
with tf.GradientTape(persistent=True) as t:
    t.watch([x, w])
    y = tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "SAME")
print(y[0, :, :, :, 1])
print(t.gradient(y, x)[0, :, :, :, 0])
print(t.gradient(y, w)[:, :, :, 0, 1])

#@ conv3d_strides_must_be_a_list
tf.nn.conv3d(tf.ones([1, 3, 3, 3, 2]), tf.ones([2, 2, 2, 2, 1]), 1, "SAME")

#@ convolution_nd
print(tf.nn.convolution(tf.ones([1, 5, 2]), tf.ones([3, 2, 4])).shape)
print(tf.nn.convolution(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 4]), padding="SAME", strides=2).shape)
print(tf.nn.convolution(tf.ones([1, 4, 4, 4, 1]), tf.ones([2, 2, 2, 1, 3]), dilations=2).shape)

#@ depthwise_conv2d_doc_example
x = np.array([[1., 2.], [3., 4.], [5., 6.]], dtype=np.float32).reshape((1, 3, 2, 1))
kernel = np.array([[1., 2.], [3., 4]], dtype=np.float32).reshape((2, 1, 1, 2))
print(tf.nn.depthwise_conv2d(x, kernel, strides=[1, 1, 1, 1], padding='VALID'))
print(tf.nn.depthwise_conv2d(x, kernel, strides=[1, 1, 1, 1], padding=[[0, 0], [1, 0], [1, 0], [0, 0]]))

#@ depthwise_conv2d_gradients
x = tf.reshape(tf.range(32, dtype=tf.float32), [1, 4, 4, 2]) / 10.0
w = tf.reshape(tf.range(36, dtype=tf.float32), [3, 3, 2, 2]) / 36.0 - 0.5
with tf.GradientTape(persistent=True) as t:
    t.watch([x, w])
    y = tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "SAME")
    loss = tf.reduce_sum(y * tf.range(16, dtype=tf.float32)[None, None, :4])
print(y[0, :, :, 3])
print(t.gradient(loss, x)[0, :, :, 1])
print(t.gradient(loss, w)[:, :, 1, 0])

#@ depthwise_conv2d_dilated
x = tf.reshape(tf.range(50, dtype=tf.float32), [1, 5, 5, 2]) / 10.0
w = tf.reshape(tf.range(8, dtype=tf.float32), [2, 2, 2, 1])
y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", dilations=[2, 2])
print(y[0, :, :, 0])
y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID", dilations=[2, 1])
print(y[0, :, :, 1])

#@ depthwise_conv2d_strides_must_be_a_list
tf.nn.depthwise_conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 2]), 1, "SAME")

#@ conv2d_transpose_values_and_gradients
x = tf.reshape(tf.range(12, dtype=tf.float32), [1, 2, 2, 3]) / 10.0
w = tf.reshape(tf.range(54, dtype=tf.float32), [3, 3, 2, 3]) / 54.0
with tf.GradientTape(persistent=True) as t:
    t.watch([x, w])
    y = tf.nn.conv2d_transpose(x, w, [1, 4, 4, 2], strides=2, padding="SAME")
    loss = tf.reduce_sum(y * y)
print(y[0, :, :, 0])
print(t.gradient(loss, x)[0, :, :, 2])
print(t.gradient(loss, w)[:, :, 1, 0])

#@ conv2d_transpose_valid
y = tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 1]), [1, 5, 5, 1], 2, "VALID")
print(y[0, :, :, 0])

#@ conv1d_and_conv3d_transpose
print(tf.nn.conv1d_transpose(tf.ones([1, 3, 2]), tf.ones([3, 1, 2]), [1, 6, 1], 2)[0, :, 0])
print(tf.nn.conv3d_transpose(tf.ones([1, 2, 2, 2, 1]), tf.ones([2, 2, 2, 1, 1]), [1, 4, 4, 4, 1], 2).shape)

#@ max_pool2d_values
x = tf.constant([[0, 0, 1, 7], [0, 2, 0, 0], [5, 2, 0, 0], [0, 0, 9, 8]])
x = tf.reshape(x, (1, 4, 4, 1))
print(tf.nn.max_pool(x, ksize=2, strides=2, padding="SAME")[0, :, :, 0])
print(tf.nn.max_pool(x, ksize=3, strides=2, padding="SAME")[0, :, :, 0])
print(tf.nn.max_pool(x, ksize=3, strides=3, padding="VALID")[0, :, :, 0])
y = tf.constant([[1., 2., 3., 4.], [5., 6., 7., 8.], [9., 10., 11., 12.]])[tf.newaxis, :, :, tf.newaxis]
print(tf.nn.max_pool2d(y, ksize=(2, 2), strides=(2, 2), padding="SAME")[0, :, :, 0])
print(tf.nn.max_pool2d(y, ksize=(2, 2), strides=(2, 2), padding=[[0, 0], [1, 1], [1, 1], [0, 0]])[0, :, :, 0])

#@ max_pool2d_gradient_tie_goes_to_first_max
x = tf.constant([[1.0, 3.0, 3.0], [3.0, 0.0, 3.0], [2.0, 3.0, 1.0]])[None, :, :, None]
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.max_pool2d(x, 2, 1, "VALID")
print(y[0, :, :, 0])
print(t.gradient(y, x)[0, :, :, 0])
z = tf.ones([1, 2, 2, 1])
with tf.GradientTape() as t:
    t.watch(z)
    y = tf.nn.max_pool2d(z, 2, 2, "VALID")
print(t.gradient(y, z)[0, :, :, 0])

#@ max_pool2d_gradient_overlapping_same
x = tf.reshape(tf.constant([3., 1., 4., 1., 5., 9., 2., 6., 5., 3., 5., 8., 9., 7., 9., 3.]), [1, 4, 4, 1])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.max_pool2d(x, 3, 2, "SAME")
    loss = tf.reduce_sum(y * tf.constant([1., 2., 3., 4.])[None, :2, None, None])
print(y[0, :, :, 0])
print(t.gradient(loss, x)[0, :, :, 0])

#@ max_pool2d_second_order
x = tf.reshape(tf.constant([3., 1., 4., 1., 5., 9., 2., 6., 5., 3., 5., 8., 9., 7., 9., 3.]), [1, 4, 4, 1])
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        y = tf.reduce_sum(tf.nn.max_pool2d(x, 2, 2, "VALID") ** 2)
    g = inner.gradient(y, x)
print(g[0, :, :, 0])
print(outer.gradient(g, x)[0, :, :, 0])

#@ max_pool_1d_3d_and_int
x = tf.reshape(tf.constant([1., 5., 2., 4., 3., 0.]), [1, 6, 1])
print(tf.nn.max_pool1d(x, 2, 2, "VALID")[0, :, 0])
print(tf.nn.max_pool1d(x, 3, 2, "SAME")[0, :, 0])
print(tf.nn.max_pool3d(tf.reshape(tf.range(27.0), [1, 3, 3, 3, 1]), 2, 2, "SAME")[0, :, :, :, 0])
print(tf.nn.max_pool2d(tf.reshape(tf.range(16), [1, 4, 4, 1]), 2, 2, "SAME")[0, :, :, 0])

#@ max_pool_nchw
x = tf.reshape(tf.range(32.0), [1, 2, 4, 4])
print(tf.nn.max_pool2d(x, 2, 2, "VALID", data_format="NCHW"))

#@ max_pool_depth_pooling_error
tf.nn.max_pool2d(tf.ones([1, 4, 4, 2]), [1, 2, 2, 2], 1, "VALID")

#@ avg_pool2d_values_and_padding
x = tf.reshape(tf.range(9.0), [1, 3, 3, 1])
print(tf.nn.avg_pool2d(x, 2, 2, "SAME")[0, :, :, 0])
print(tf.nn.avg_pool2d(x, 2, 1, "VALID")[0, :, :, 0])
print(tf.nn.avg_pool2d(x, 3, 1, "SAME")[0, :, :, 0])

#@ avg_pool2d_gradient
x = tf.reshape(tf.range(25.0), [1, 5, 5, 1])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.avg_pool2d(x, 3, 2, "SAME")
    loss = tf.reduce_sum(y * tf.reshape(tf.range(9.0), [1, 3, 3, 1]))
print(y[0, :, :, 0])
print(t.gradient(loss, x)[0, :, :, 0])

#@ avg_pool_1d_3d_and_generic
x = tf.reshape(tf.constant([1., 5., 2., 4., 3., 0., 7.]), [1, 7, 1])
print(tf.nn.avg_pool1d(x, 3, 2, "SAME")[0, :, 0])
print(tf.nn.avg_pool(x, 2, 2, "VALID")[0, :, 0])
print(tf.nn.avg_pool3d(tf.reshape(tf.range(8.0), [1, 2, 2, 2, 1]), 2, 1, "SAME")[0, :, :, :, 0])

#@ avg_pool_int_error
tf.nn.avg_pool2d(tf.ones([1, 4, 4, 1], tf.int32), 2, 2, "SAME")

#@ avg_pool_explicit_padding_error
tf.nn.avg_pool2d(tf.ones([1, 4, 4, 1]), 2, 1, [[0, 0], [1, 1], [1, 1], [0, 0]])

#@ pool_max_avg_dilated
x = tf.reshape(tf.range(25.0), [1, 5, 5, 1]) % 7.0
print(tf.nn.pool(x, [2, 2], "MAX", strides=[2, 2], padding="SAME")[0, :, :, 0])
print(tf.nn.pool(x, [2, 2], "AVG", padding="VALID", dilations=[2, 2])[0, :, :, 0])
print(tf.nn.pool(x, [3, 2], "MAX", padding="VALID", dilations=[1, 2])[0, :, :, 0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.pool(x, [2, 2], "MAX", padding="VALID", dilations=[2, 2])
print(t.gradient(y, x)[0, :, :, 0])

#@ pool_errors
for kw in (dict(strides=[3, 3]), dict(padding="SAME", dilations=[2, 2]),
           dict(strides=[2, 2], dilations=[2, 2])):
    try:
        tf.nn.pool(tf.ones([1, 4, 4, 1]), [2, 2], "MAX", **kw)
    except Exception as e:
        print(type(e).__name__)

#@ relu6_leaky_relu_values_and_grads
x = tf.constant([-3.0, -0.5, 0.0, 0.5, 6.0, 8.0])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.nn.relu6(x)
    b = tf.nn.leaky_relu(x)
    c = tf.nn.leaky_relu(x, alpha=0.01)
print(a, t.gradient(a, x))
print(b, t.gradient(b, x))
print(c, t.gradient(c, x))
print(tf.nn.relu6(tf.constant([-1, 3, 9])))
print(tf.nn.leaky_relu(tf.constant([-2, 3])))

#@ elu_selu_values_and_grads
x = tf.constant([-2.0, -0.5, 0.0, 0.5, 2.0])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.nn.elu(x)
    b = tf.nn.selu(x)
print(a, t.gradient(a, x))
print(b, t.gradient(b, x))

#@ elu_selu_second_order
x = tf.constant([-1.5, -0.2, 0.7])
with tf.GradientTape(persistent=True) as outer:
    outer.watch(x)
    with tf.GradientTape(persistent=True) as inner:
        inner.watch(x)
        a = tf.nn.elu(x)
        b = tf.nn.selu(x)
    da, db = inner.gradient(a, x), inner.gradient(b, x)
print(outer.gradient(da, x))
print(outer.gradient(db, x))

#@ elu_int_error
tf.nn.elu(tf.constant([1, 2]))

#@ softsign_gelu_silu_values_and_grads
x = tf.constant([-2.0, -0.5, 0.0, 0.5, 2.0])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.nn.softsign(x)
    b = tf.nn.gelu(x)
    c = tf.nn.gelu(x, approximate=True)
    d = tf.nn.silu(x)
    e = tf.nn.swish(x, beta=2.0)
for y in (a, b, c, d, e):
    print(y, t.gradient(y, x))

#@ gelu_second_order_and_float64
x = tf.constant([-1.0, 0.3, 1.5], tf.float64)
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        y = tf.nn.gelu(x)
    g = inner.gradient(y, x)
print(y, g, outer.gradient(g, x))

#@ gelu_int_error
tf.nn.gelu(tf.constant([1, 2]))

#@ swish_beta_gradient
x = tf.constant([-1.0, 0.5, 2.0])
beta = tf.constant(1.5)
with tf.GradientTape() as t:
    t.watch(beta)
    y = tf.nn.swish(x, beta)
print(t.gradient(y, beta))

#@ moments_values_and_grads
x = tf.reshape(tf.range(12.0), [3, 4]) ** 1.5 / 10.0
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    mean, var = tf.nn.moments(x, axes=[0])
    mk, vk = tf.nn.moments(x, axes=[0, 1], keepdims=True)
print(mean, var)
print(mk, vk)
print(t.gradient(var, x))
print(t.gradient(mean, x))

#@ moments_second_order_uses_stop_gradient
x = tf.constant([1.0, 2.0, 4.0])
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        _, var = tf.nn.moments(x, axes=[0])
    g = inner.gradient(var, x)
print(g, outer.gradient(g, x))

#@ moments_float16
m, v = tf.nn.moments(tf.constant([1.0, 2.0, 3.0, 4.0], tf.float16), [0])
print(m, v)

#@ batch_normalization_values_and_grads
x = tf.reshape(tf.range(6.0), [2, 3])
mean = tf.constant([1.0, 2.0, 3.0])
var = tf.constant([0.5, 1.0, 2.0])
offset = tf.constant([0.0, 0.1, 0.2])
scale = tf.constant([1.0, 2.0, 0.5])
with tf.GradientTape() as t:
    t.watch([x, mean, var, offset, scale])
    y = tf.nn.batch_normalization(x, mean, var, offset, scale, 1e-3)
print(y)
for g in t.gradient(y, [x, mean, var, offset, scale]):
    print(g)
print(tf.nn.batch_normalization(x, mean, var, None, None, 0.0))

#@ l2_normalize_l2_loss
x = tf.constant([[3.0, 4.0], [0.0, 0.0]])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.nn.l2_normalize(x, axis=1)
    b = tf.nn.l2_loss(x)
print(a, t.gradient(a, x))
print(b, t.gradient(b, x))
print(tf.nn.l2_loss(tf.constant([1.0, 2.0], tf.float64)))

#@ bias_add_values_grads_and_formats
v = tf.reshape(tf.range(12.0), [2, 3, 2])
b = tf.constant([10.0, 20.0])
with tf.GradientTape() as t:
    t.watch([v, b])
    y = tf.nn.bias_add(v, b)
print(y[1])
print(t.gradient(y, b))
print(tf.nn.bias_add(tf.zeros([1, 2, 2]), [1.0, 2.0], data_format="NCHW"))

#@ bias_add_errors
for value, bias in ((tf.ones([2, 3]), tf.ones([2])), (tf.ones([3]), tf.ones([3])),
                    (tf.ones([2, 3]), tf.ones([1, 3]))):
    try:
        tf.nn.bias_add(value, bias)
    except Exception as e:
        print(type(e).__name__)

#@ sigmoid_cross_entropy_values_and_grads
labels = tf.constant([1.0, 0.0, 1.0, 0.5])
logits = tf.constant([2.0, -1.0, -3.0, 0.0])
with tf.GradientTape() as t:
    t.watch([labels, logits])
    y = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
print(y)
print(t.gradient(y, [labels, logits]))

#@ sigmoid_cross_entropy_errors
try:
    tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones([2]), logits=tf.ones([3]))
except ValueError as e:
    print("ValueError")
tf.nn.sigmoid_cross_entropy_with_logits(logits=tf.ones([2]))

#@ weighted_cross_entropy_values_and_grads
labels = tf.constant([1.0, 0.0, 1.0])
logits = tf.constant([2.0, -1.0, -3.0])
with tf.GradientTape() as t:
    t.watch(logits)
    y = tf.nn.weighted_cross_entropy_with_logits(labels, logits, pos_weight=3.0)
print(y, t.gradient(y, logits))

#@ log_poisson_loss_values_and_grads
targets = tf.constant([0.5, 1.0, 2.0, 3.0])
log_input = tf.constant([0.0, 0.5, 1.0, -1.0])
with tf.GradientTape() as t:
    t.watch(log_input)
    a = tf.nn.log_poisson_loss(targets, log_input)
    b = tf.nn.log_poisson_loss(targets, log_input, compute_full_loss=True)
print(a)
print(b)
print(t.gradient(b, log_input))

#@ compute_average_loss
print(tf.nn.compute_average_loss([1.0, 2.0, 3.0]))
print(tf.nn.compute_average_loss([1.0, 2.0, 3.0], global_batch_size=6))
print(tf.nn.compute_average_loss([[1.0, 2.0], [3.0, 4.0]], sample_weight=[1.0, 0.5]))
print(tf.nn.compute_average_loss(tf.constant([1.0, 2.0], tf.float64), global_batch_size=0))

#@ compute_average_loss_scalar_error
tf.nn.compute_average_loss(tf.constant(1.0))

#@ dropout_shapes_and_facts
tf.random.set_seed(1)
x = tf.ones([4, 5])
y = tf.nn.dropout(x, rate=0.5, seed=3)
print(y.shape, y.dtype)
vals = set(np.unique(y.numpy()).tolist())
print(vals <= {0.0, 2.0})
print(tf.nn.dropout(x, rate=0.0))
z = tf.nn.dropout(tf.ones([6, 3]), 0.5, noise_shape=[6, 1], seed=2).numpy()
print(all(len(set(r)) == 1 for r in z))
print(tf.nn.dropout(tf.ones([2, 3]), tf.constant(0.25), seed=4).shape)

#@ dropout_errors
for args in ((tf.ones([2]), 1.0), (tf.ones([2]), -0.1), (tf.constant([1, 2]), 0.5)):
    try:
        tf.nn.dropout(*args)
    except ValueError as e:
        print("ValueError")

#@ dropout_gradient_uses_mask
tf.random.set_seed(5)
x = tf.ones([8])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.dropout(x, rate=0.5, seed=1)
g = t.gradient(y, x)
print(np.array_equal(g.numpy(), y.numpy()))

#@ embedding_lookup_values_and_grads
params = tf.reshape(tf.range(8.0), [4, 2])
with tf.GradientTape() as t:
    t.watch(params)
    y = tf.nn.embedding_lookup(params, [[3, 0], [3, 1]])
print(y)
print(t.gradient(y, params))
print(tf.nn.embedding_lookup([params[:2], params[2:]], [3, 1, 2]))
print(tf.nn.embedding_lookup(params, [2, 3], max_norm=5.0))

#@ embedding_lookup_variable_indexed_slices
v = tf.Variable(tf.reshape(tf.range(6.0), [3, 2]))
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.nn.embedding_lookup(v, [2, 2, 0]))
g = t.gradient(y, v)
print(type(g).__name__)
print(tf.convert_to_tensor(g))

#@ random_new_ops_shapes_and_dtypes
tf.random.set_seed(3)
print(tf.random.categorical(tf.math.log([[0.5, 0.5]]), 5).shape, tf.random.categorical([[0.0, 1.0]], 2).dtype)
print(tf.random.categorical([[0.0, 1.0]], 3, dtype=tf.int32).dtype)
print(tf.random.shuffle(tf.reshape(tf.range(6), [3, 2])).shape)
print(tf.random.gamma([10], alpha=[0.5, 1.5]).shape, tf.random.gamma([3], 2.0, dtype=tf.float64).dtype)
print(tf.random.gamma([3], [1.0, 2.0], [[1.0], [2.0]]).shape)
print(tf.random.poisson([10], [0.5, 1.5]).shape, tf.random.poisson([3], 2.0, dtype=tf.int32).dtype)
print(tf.random.poisson([3], [1, 2]).dtype)
print(tf.random.truncated_normal([2, 3], dtype=tf.float64).dtype)

#@ random_categorical_facts
tf.random.set_seed(4)
s = tf.random.categorical([[0.0, -np.inf, 0.0], [-np.inf, 0.0, -np.inf]], 200).numpy()
print(bool((s[0] != 1).all()), bool((s[1] == 1).all()))

#@ random_shuffle_is_permutation
tf.random.set_seed(5)
x = tf.reshape(tf.range(10), [5, 2])
y = tf.random.shuffle(x)
print(sorted(y.numpy()[:, 0].tolist()), bool((y.numpy()[:, 1] == y.numpy()[:, 0] + 1).all()))
print(tf.random.shuffle(tf.constant(3.0)))

#@ random_seeded_reproducibility
tf.random.set_seed(11)
a = tf.random.gamma([4], 2.0, seed=2)
b = tf.random.categorical([[0.0, 0.5, 1.0]], 6, seed=2)
c = tf.random.poisson([4], 3.0, seed=2)
tf.random.set_seed(11)
print(np.array_equal(a.numpy(), tf.random.gamma([4], 2.0, seed=2).numpy()))
print(np.array_equal(b.numpy(), tf.random.categorical([[0.0, 0.5, 1.0]], 6, seed=2).numpy()))
print(np.array_equal(c.numpy(), tf.random.poisson([4], 3.0, seed=2).numpy()))

#@ random_errors
for f in (lambda: tf.random.categorical([1.0, 2.0], 3),
          lambda: tf.random.categorical([[1.0, 2.0]], -1),
          lambda: tf.random.categorical([[1.0, 2.0]], 3, dtype=tf.float32),
          lambda: tf.random.categorical([[1, 2]], 2),
          lambda: tf.random.gamma([3], 1, dtype=tf.int32),
          lambda: tf.random.normal([2], dtype=tf.int32),
          lambda: tf.random.uniform([2], dtype=tf.int16, maxval=3),
          lambda: tf.random.uniform([2], dtype=tf.int32)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__)

#@ random_normal_parameters_are_differentiable
tf.random.set_seed(2)
mean = tf.constant(1.0)
stddev = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch([mean, stddev])
    y = tf.random.normal([3], mean, stddev)
dm, ds = t.gradient(y, [mean, stddev])
print(dm)
print(bool(abs(ds.numpy() - tf.reduce_sum((y - mean) / stddev).numpy()) < 1e-4))
lo, hi = tf.constant(-1.0), tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch([lo, hi])
    u = tf.random.uniform([4], lo, hi)
dl, dh = t.gradient(u, [lo, hi])
print(bool(abs((dl + dh).numpy() - 4.0) < 1e-5))

#@ random_gamma_alpha_gradient_exists
alpha = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(alpha)
    y = tf.random.gamma([5], alpha, seed=1)
g = t.gradient(y, alpha)
print(g.shape, g.dtype, bool((g.numpy() > 0).all()))

#@ stateless_random_reproducible
a = tf.random.stateless_normal([3], seed=[1, 2])
b = tf.random.stateless_normal([4], seed=[1, 2])
c = tf.random.stateless_normal([3], seed=[1, 3])
print(a.shape, a.dtype)
print(np.array_equal(a.numpy(), b.numpy()[:3]), np.array_equal(a.numpy(), c.numpy()))
u = tf.random.stateless_uniform([2, 3], seed=tf.constant([4, 5], tf.int64), minval=0, maxval=10, dtype=tf.int32)
print(u.shape, u.dtype, bool(((u.numpy() >= 0) & (u.numpy() < 10)).all()))
print(tf.random.stateless_uniform([2], seed=[1, 2], minval=None, maxval=None, dtype=tf.int64).dtype)
print(tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.float64).dtype)
print(tf.random.stateless_truncated_normal([2], seed=[1, 2]).dtype)
print(tf.random.stateless_categorical([[0.0, 1.0]], 3, seed=[1, 2]).shape)
print(tf.random.split([1, 2], 3).shape, tf.random.split(tf.constant([1, 2], tf.int64)).dtype)
print(tf.random.fold_in([1, 2], 3).shape)

#@ stateless_random_errors
for f in (lambda: tf.random.stateless_normal([2], seed=[1, 2, 3]),
          lambda: tf.random.stateless_normal([2], seed=[1.0, 2.0]),
          lambda: tf.random.stateless_uniform([2], seed=[1, 2], minval=0, dtype=tf.int32),
          lambda: tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.int16, minval=0, maxval=3)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__)

#@ generator_state_after_draws
g = tf.random.Generator.from_seed(1)
print(g.state)
print(g.algorithm, g.key)
print(g.uniform([8]).shape, g.state.numpy())
print(g.normal([3]).shape, g.state.numpy())
print(g.normal([2, 3], dtype=tf.float64).dtype, g.state.numpy())
print(g.uniform([3], 0, 10, dtype=tf.int64).dtype, g.state.numpy())
print(g.truncated_normal([2]).shape, g.state.numpy())
print(g.uniform_full_int([3]).dtype, g.state.numpy())
print(g.normal([0]).shape, g.state.numpy())

#@ generator_seeds_and_counter_words
print(tf.random.Generator.from_seed(-1).state.numpy())
print(tf.random.Generator.from_seed(2 ** 70 + 5).state.numpy())
g = tf.random.Generator.from_seed(-1)
g.normal([1])
print(g.state.numpy())
print(tf.random.create_rng_state(1234, "philox"))
g = tf.random.Generator.from_seed(0)
g.skip(10)
print(g.state.numpy())
g = tf.random.Generator.from_key_counter(5, [7, 8], "philox")
print(g.state.numpy(), g.key)
g.reset_from_seed(9)
print(g.state.numpy())

#@ generator_make_seeds_split_replay
g = tf.random.Generator.from_seed(1)
s = g.make_seeds(3)
print(s.shape, s.dtype, s.numpy()[1], g.state.numpy())
children = g.split(2)
print(len(children), [c.state.numpy()[:2].tolist() for c in children], g.state.numpy())
h = tf.random.Generator.from_state(g.state, "philox")
print(np.array_equal(g.normal([4]).numpy(), h.normal([4]).numpy()))
c = tf.random.Generator(copy_from=g)
print(np.array_equal(g.uniform([3]).numpy(), c.uniform([3]).numpy()))

#@ generator_errors_and_aliases
g = tf.random.Generator.from_seed(0)
try:
    g.uniform([2], dtype=tf.int32)
except ValueError:
    print("ValueError")
print(tf.random.experimental.Generator is tf.random.Generator)
print(tf.random.Algorithm.PHILOX.value, tf.random.Algorithm.THREEFRY.value)
print(tf.random.get_global_generator().state.shape)

#@ float16_conv_and_pools
x = tf.reshape(tf.range(32, dtype=tf.float16), [1, 4, 4, 2]) / 10.0
w = tf.reshape(tf.range(18, dtype=tf.float16), [3, 3, 2, 1]) / 10.0
print(tf.nn.conv2d(x, w, 1, "SAME")[0, :, :, 0])
print(tf.nn.avg_pool2d(x, 3, 1, "SAME")[0, :, :, 0])
print(tf.nn.max_pool2d(x, 3, 1, "SAME")[0, :, :, 0])

#@ conv2d_transpose_explicit_padding
y = tf.nn.conv2d_transpose(tf.ones([1, 3, 3, 1]), tf.reshape(tf.range(9.0), [3, 3, 1, 1]), [1, 4, 4, 1], 1, [[0, 0], [1, 1], [0, 2], [0, 0]])
print(y[0, :, :, 0])

#@ pool_window_larger_than_input
print(tf.nn.avg_pool2d(tf.reshape(tf.range(4.0), [1, 2, 2, 1]), 5, 1, "SAME")[0, :, :, 0])
print(tf.nn.max_pool2d(tf.reshape(tf.range(4.0), [1, 2, 2, 1]), 5, 3, "SAME")[0, :, :, 0])

#@ max_pool_skips_nan
x = tf.constant([[-np.inf, np.nan], [1.0, 2.0]])[None, :, :, None]
print(tf.nn.max_pool2d(x, 2, 1, "VALID"))
x = tf.constant([[np.nan, 1.0], [1.0, 2.0]])[None, :, :, None]
print(tf.nn.max_pool2d(x, 2, 1, "VALID"))

#@ leaky_relu_alpha_above_one
x = tf.constant([-1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.leaky_relu(x, alpha=2.0)
print(y, t.gradient(y, x))

#@ relu6_gradient_at_boundaries
x = tf.constant([0.0, 6.0, 3.0], tf.float64)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.relu6(x)
print(t.gradient(y, x))

#@ elu_selu_gradient_at_zero
x = tf.constant([0.0, -0.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.elu(x)
    z = tf.nn.selu(x)
print(t.gradient(y, x), t.gradient(z, x))

#@ moments_negative_and_empty_axes
x = tf.reshape(tf.range(6.0), [2, 3])
print(tf.nn.moments(x, axes=[-1]))
print(tf.nn.moments(x, axes=[]))

#@ batch_normalization_python_numbers
print(tf.nn.batch_normalization(tf.constant([1.0, 3.0]), 2.0, 1.0, 0.5, 2.0, 0.0))

#@ bias_add_dtypes
print(tf.nn.bias_add(tf.ones([2, 2], tf.float64), [1.0, 2.0]))
print(tf.nn.bias_add(tf.ones([2, 2], tf.int32), [1, 2]))

#@ l2_loss_int_error
tf.nn.l2_loss(tf.constant([1, 2]))

#@ sigmoid_cross_entropy_int_labels_error
tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1, 0]), logits=tf.constant([1.0, 2.0]))

#@ gelu_float16
print(tf.nn.gelu(tf.constant([-1.0, 0.5], tf.float16)))
print(tf.nn.gelu(tf.constant([-1.0, 0.5], tf.float16), approximate=True))

#@ dropout_rate_dtype_mismatch_error
print(tf.nn.dropout(tf.ones([2]), tf.constant(0)).shape)

#@ embedding_lookup_out_of_range_error
tf.nn.embedding_lookup(tf.ones([3, 2]), [3])

#@ random_shuffle_variable
v = tf.Variable([1, 2, 3])
print(tf.random.shuffle(v).shape)

#@ random_uniform_vector_minval_gradient
lo = tf.constant([0.0, 1.0])
with tf.GradientTape() as t:
    t.watch(lo)
    u = tf.random.uniform([3, 2], lo, 5.0)
print(t.gradient(u, lo).shape)

#@ random_categorical_no_finite_logit
print(tf.random.categorical([[-np.inf, -np.inf]], 3))

#@ random_poisson_negative_rate
print(tf.random.poisson([3], -1.0))

#@ random_gamma_alpha_zero_gives_tiny
print(tf.random.gamma([3], 0.0))

#@ conv2d_grouped_values_and_grads
x = tf.reshape(tf.range(64.0), [1, 4, 4, 4]) / 10
w = tf.reshape(tf.range(108.0), [3, 3, 2, 6]) / 100
with tf.GradientTape() as t:
    t.watch([x, w])
    y = tf.nn.conv2d(x, w, 1, "SAME")
gx, gw = t.gradient(y, [x, w])
print(y[0, :, :, 5])
print(gx[0, :, :, 3])
print(gw[:, :, 1, 4])
try:
    tf.nn.conv2d(tf.ones([1, 4, 4, 4]), tf.ones([3, 3, 2, 5]), 1, "SAME")
except Exception as e:
    print(type(e).__name__)
