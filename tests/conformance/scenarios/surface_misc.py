# Small TF 2 names the guides use: tf.*_initializer, tf.initializers, Reduction, tf.compat.v1.losses,
# tf.audio, tf.type_spec_from_value, tf.get_logger.

#@ initializers_seeded
print(tf.random_normal_initializer(mean=0.0, stddev=1.0, seed=3)(shape=(2, 2)))
print(tf.random_normal_initializer(seed=3)((2,), dtype=tf.float64))
print(tf.random_uniform_initializer(-1.0, 1.0, seed=3)((2,)))
print(tf.random_normal_initializer(seed=3).get_config())
print(type(tf.zeros_initializer()).__name__, type(tf.random_normal_initializer()).__name__)

#@ initializers_constant
print(tf.zeros_initializer()((2,), dtype=tf.int32))
print(tf.ones_initializer()((1,)))
print(tf.constant_initializer([1, 2])((2,)))
print(tf.constant_initializer(3.0)((2, 2)))
v = tf.Variable(tf.zeros_initializer()(shape=(3,)))
print(v.numpy())
try:
    tf.random_normal_initializer()((2,), dtype=tf.int32)
except Exception as e:
    print(type(e).__name__)

#@ initializers_namespace
print(tf.initializers.zeros()(shape=(2,)))
print(tf.initializers.TruncatedNormal(seed=1)((3,)).shape)
print(tf.initializers.Ones()((2,)))

#@ keras_reduction
R = tf.keras.losses.Reduction
print(R.NONE, R.SUM, R.SUM_OVER_BATCH_SIZE, R.AUTO, R.all())

#@ v1_losses_mse
R = tf.compat.v1.losses.Reduction
L = tf.compat.v1.losses
y = tf.constant([[1., 2.], [3., 4.]])
p = tf.constant([[1.5, 2.], [2., 5.]])
print(R.all())
print(L.mean_squared_error(y, p))
print(L.mean_squared_error(y, p, weights=[[1., 0.], [2., 0.]]))
print(L.mean_squared_error(y, p, reduction=R.NONE))
print(L.mean_squared_error(y, p, reduction=R.SUM))
print(L.mean_squared_error(y, p, reduction=R.MEAN))
print(L.mean_squared_error(y, p, weights=2.0, reduction=R.SUM_OVER_BATCH_SIZE))
print(L.get_losses())

#@ v1_losses_others
L = tf.compat.v1.losses
y = tf.constant([[1., 2.], [3., 4.]])
p = tf.constant([[1.5, 2.], [2., 5.]])
oh = tf.constant([[0., 1.], [1., 0.]])
print(L.softmax_cross_entropy(oh, p))
print(L.softmax_cross_entropy(oh, p, label_smoothing=0.1))
print(L.sparse_softmax_cross_entropy(tf.constant([1, 0]), p))
print(L.absolute_difference(y, p))
print(L.log_loss(tf.constant([1., 0.]), tf.constant([0.9, 0.2])))
print(L.huber_loss(y, p))
print(L.hinge_loss(tf.constant([1., 0.]), tf.constant([0.3, -0.2])))
print(L.sigmoid_cross_entropy(tf.constant([1., 0.]), tf.constant([0.3, -0.2])))
print(L.cosine_distance(tf.constant([[1., 0.]]), tf.constant([[0.6, 0.8]]), axis=1))

#@ v1_losses_gradient
w = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    loss = tf.compat.v1.losses.mean_squared_error([0.0, 0.0], w * 3.0)
print(tape.gradient(loss, w))

#@ audio_wav_roundtrip
w = tf.audio.encode_wav(tf.constant([[0.5, -0.5], [0.25, 1.0], [0., -1.]]), 16000)
print(w.numpy())
a, sr = tf.audio.decode_wav(w)
print(a, sr)
print(tf.audio.decode_wav(w, desired_channels=1, desired_samples=5))
print(tf.audio.decode_wav(w, desired_channels=3).audio.shape)

#@ type_spec_and_logger
print(tf.type_spec_from_value(tf.constant([1, 2])))
print(tf.type_spec_from_value(tf.ragged.constant([[1], [2, 3]])))
print(tf.type_spec_from_value(np.zeros((2, 3), np.float32)))
print(tf.get_logger().name)

#@ keras_img_to_array
a = tf.keras.utils.img_to_array(np.ones((2, 3), np.uint8))
print(a.dtype, a.shape)
print(tf.keras.utils.img_to_array(np.ones((2, 3, 3)), data_format="channels_first").shape)
print(tf.keras.utils.img_to_array(np.arange(4).reshape(2, 2), dtype="int32").tolist())
try:
    tf.keras.utils.img_to_array(np.ones((2,)))
except Exception as e:
    print(type(e).__name__, e)
