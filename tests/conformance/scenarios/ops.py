# Values of ops (forward computations).

#@ add_subtract_multiply_functions
a = tf.constant([1.0, 2.0])
b = tf.constant([3.0, 5.0])
print(tf.add(a, b), tf.subtract(a, b), tf.multiply(a, b))

#@ divide_truediv
print(tf.divide(tf.constant([1.0, 3.0]), 2.0))
print(tf.math.truediv(tf.constant([1, 3]), tf.constant([2, 2])))

#@ floordiv_floormod_mod
a = tf.constant([-7, 7])
print(tf.math.floordiv(a, 3), tf.math.floormod(a, 3), tf.math.mod(a, 3))

#@ pow_function
print(tf.pow(tf.constant([2.0, 3.0]), tf.constant([3.0, 0.5])))
print(tf.pow(2, 10))

#@ negative_abs_sign
x = tf.constant([-2.5, 0.0, 3.0])
print(tf.negative(x))
print(tf.abs(x))
print(tf.sign(x))

#@ square_sqrt_rsqrt
x = tf.constant([1.0, 4.0, 16.0])
print(tf.square(x))
print(tf.sqrt(x))
print(tf.math.rsqrt(x))

#@ sqrt_negative_is_nan
print(tf.sqrt(tf.constant([-1.0, 0.0])))

#@ exp_log
x = tf.constant([0.0, 1.0, 2.0])
print(tf.exp(x))
print(tf.math.log(tf.constant([1.0, 2.718281828, 10.0])))

#@ log_of_zero_and_negative
print(tf.math.log(tf.constant([0.0, -1.0])))

#@ expm1_log1p_small
x = tf.constant([1e-7, 0.5])
print(tf.math.expm1(x))
print(tf.math.log1p(x))

#@ trig_functions
x = tf.constant([0.0, 0.5, 1.0])
print(tf.sin(x))
print(tf.cos(x))
print(tf.tan(x))

#@ inverse_trig_functions
x = tf.constant([-0.5, 0.0, 0.5])
print(tf.asin(x))
print(tf.acos(x))
print(tf.atan(x))

#@ atan2_quadrants
y = tf.constant([1.0, 1.0, -1.0, -1.0])
x = tf.constant([1.0, -1.0, -1.0, 1.0])
print(tf.math.atan2(y, x))

#@ hyperbolic_functions
x = tf.constant([-1.0, 0.0, 2.0])
print(tf.sinh(x))
print(tf.cosh(x))
print(tf.tanh(x))

#@ sigmoid_softplus
x = tf.constant([-100.0, -1.0, 0.0, 1.0, 100.0])
print(tf.sigmoid(x))
print(tf.math.softplus(x))

#@ maximum_minimum
a = tf.constant([1.0, 5.0, 3.0])
b = tf.constant([4.0, 2.0, 3.0])
print(tf.maximum(a, b))
print(tf.minimum(a, b))

#@ maximum_broadcast_scalar
print(tf.maximum(tf.constant([[-1, 2], [3, -4]]), 0))

#@ reduce_sum_axes
x = tf.constant([[1, 2, 3], [4, 5, 6]])
print(tf.reduce_sum(x))
print(tf.reduce_sum(x, axis=0))
print(tf.reduce_sum(x, axis=1))
print(tf.reduce_sum(x, axis=-1, keepdims=True))

#@ reduce_sum_multiple_axes
x = tf.reshape(tf.range(24.0), (2, 3, 4))
print(tf.reduce_sum(x, axis=[0, 2]))
print(tf.reduce_sum(x, axis=(1, 2), keepdims=True).shape)

#@ reduce_mean_axes
x = tf.constant([[1.0, 2.0], [3.0, 5.0]])
print(tf.reduce_mean(x))
print(tf.reduce_mean(x, axis=0))
print(tf.reduce_mean(x, 1, keepdims=True))

#@ reduce_max_min
x = tf.constant([[1.0, 7.0, 3.0], [4.0, -5.0, 6.0]])
print(tf.reduce_max(x), tf.reduce_min(x))
print(tf.reduce_max(x, axis=0))
print(tf.reduce_min(x, axis=1))

#@ reduce_prod
x = tf.constant([[1, 2], [3, 4]])
print(tf.reduce_prod(x))
print(tf.reduce_prod(x, axis=0))

#@ reduce_empty
e = tf.zeros([0])
print(tf.reduce_sum(e), tf.reduce_prod(e))

#@ matmul_basic
a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
b = tf.constant([[1.0], [0.0], [-1.0]])
print(tf.matmul(a, b))

#@ matmul_transpose_flags
a = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
print(tf.matmul(a, a, transpose_a=True))
print(tf.matmul(a, a, transpose_b=True))

#@ matmul_adjoint_flags
a = tf.constant([[1 + 1j, 2], [0, 1j]], dtype=tf.complex64)
print(tf.matmul(a, a, adjoint_a=True))
print(tf.matmul(a, a, adjoint_b=True))

#@ matmul_batched
a = tf.reshape(tf.range(12.0), (2, 2, 3))
b = tf.ones((2, 3, 1))
print(tf.matmul(a, b))

#@ matmul_batched_broadcast
a = tf.reshape(tf.range(12.0), (2, 2, 3))
b = tf.ones((3, 2))
print(tf.matmul(a, b).shape)

#@ matmul_int
print(tf.matmul(tf.constant([[1, 2]]), tf.constant([[3], [4]])))

#@ reshape_variants
x = tf.range(6)
print(tf.reshape(x, (2, 3)))
print(tf.reshape(x, [3, -1]))
print(tf.reshape(x, [-1]).shape)
print(tf.reshape(tf.constant([5]), []))

#@ transpose_default_and_perm
x = tf.reshape(tf.range(6), (2, 3))
print(tf.transpose(x))
y = tf.reshape(tf.range(24), (2, 3, 4))
print(tf.transpose(y).shape, tf.transpose(y, perm=[1, 0, 2]).shape)

#@ expand_dims_squeeze
x = tf.constant([1, 2, 3])
print(tf.expand_dims(x, 0).shape, tf.expand_dims(x, 1).shape, tf.expand_dims(x, -1).shape)
y = tf.zeros((1, 3, 1, 2))
print(tf.squeeze(y).shape, tf.squeeze(y, axis=2).shape, tf.squeeze(y, [0]).shape)

#@ concat_axes
a = tf.constant([[1, 2], [3, 4]])
b = tf.constant([[5, 6]])
print(tf.concat([a, b], axis=0))
print(tf.concat([a, a], axis=1))
print(tf.concat([a, a], -1).shape)

#@ stack_unstack
a = tf.constant([1, 2])
b = tf.constant([3, 4])
print(tf.stack([a, b]))
print(tf.stack([a, b], axis=1))
print(tf.unstack(tf.constant([[1, 2], [3, 4]])))
print(tf.unstack(tf.constant([[1, 2], [3, 4]]), axis=1))

#@ split_equal_and_sizes
x = tf.range(6)
print(tf.split(x, 3))
print(tf.split(x, [1, 2, 3]))
m = tf.reshape(tf.range(8), (2, 4))
print([p.shape for p in tf.split(m, 2, axis=1)])

#@ tile_broadcast_to
x = tf.constant([[1, 2]])
print(tf.tile(x, [2, 3]))
print(tf.broadcast_to(tf.constant([1, 2, 3]), [2, 3]))

#@ pad_constant
x = tf.constant([[1, 2], [3, 4]])
print(tf.pad(x, [[1, 0], [0, 2]]))
print(tf.pad(x, [[0, 0], [1, 1]], constant_values=9))

#@ reverse_axis
x = tf.constant([[1, 2, 3], [4, 5, 6]])
print(tf.reverse(x, axis=[1]))
print(tf.reverse(x, [0, 1]))

#@ gather_basic
x = tf.constant([10, 20, 30, 40])
print(tf.gather(x, [3, 0, 0]))
m = tf.constant([[1, 2], [3, 4], [5, 6]])
print(tf.gather(m, [2, 0]))
print(tf.gather(m, [1], axis=1))

#@ gather_2d_indices_shape
m = tf.constant([[1, 2], [3, 4], [5, 6]])
print(tf.gather(m, [[0, 1], [2, 2]]).shape)

#@ where_select
c = tf.constant([True, False, True])
print(tf.where(c, tf.constant([1, 2, 3]), tf.constant([10, 20, 30])))
print(tf.where(tf.constant([1.0, -2.0]) > 0, 1.0, -1.0))

#@ where_indices
print(tf.where(tf.constant([[True, False], [False, True]])))

#@ identity_stop_gradient_values
x = tf.constant([1.0, 2.0])
print(tf.identity(x))
print(tf.stop_gradient(x))

#@ zeros_ones_like
x = tf.constant([[1, 2], [3, 4]])
print(tf.zeros_like(x))
print(tf.ones_like(x, dtype=tf.float32))
print(tf.zeros((2,), dtype=tf.int64))

#@ fill_eye
print(tf.fill([2, 3], 1.5))
print(tf.eye(3))
print(tf.eye(2, 3, dtype=tf.int32))

#@ range_variants
print(tf.range(5))
print(tf.range(2, 10, 3))
print(tf.range(1.0, 2.0, 0.25))
print(tf.range(5, 0, -2))

#@ linspace_values
print(tf.linspace(0.0, 1.0, 5))
print(tf.linspace(-1.0, 1.0, 3))

#@ one_hot_variants
print(tf.one_hot([0, 2, 1], 3))
print(tf.one_hot([1, -1], 3))
print(tf.one_hot([0, 1], 2, on_value=5, off_value=-1))

#@ comparison_functions
a = tf.constant([1, 2, 3])
b = tf.constant([3, 2, 1])
print(tf.equal(a, b), tf.not_equal(a, b))
print(tf.less(a, b), tf.less_equal(a, b))
print(tf.greater(a, b), tf.greater_equal(a, b))

#@ logical_functions
a = tf.constant([True, False])
b = tf.constant([True, True])
print(tf.logical_and(a, b), tf.logical_or(a, b), tf.logical_not(a))

#@ argmax_argmin
x = tf.constant([[1, 9, 3], [7, 2, 7]])
print(tf.argmax(x))
print(tf.argmax(x, axis=1))
print(tf.argmin(x, axis=1))
print(tf.argmax(tf.constant([2.0, 5.0, 5.0])))

#@ clip_by_value
x = tf.constant([-2.0, 0.5, 3.0])
print(tf.clip_by_value(x, -1.0, 1.0))
print(tf.clip_by_value(tf.constant([1, 5, 9]), 2, 6))

#@ round_floor_ceil
x = tf.constant([-1.5, -0.5, 0.5, 1.5, 2.5, 2.7])
print(tf.round(x))
print(tf.floor(x))
print(tf.math.ceil(x))

#@ shape_rank_size_functions
x = tf.zeros((2, 3, 4))
print(tf.shape(x))
print(tf.rank(x))
print(tf.size(x))

#@ math_aliases
x = tf.constant([0.25, 1.0])
print(tf.math.add(x, x), tf.math.multiply(x, 2.0), tf.math.subtract(x, 1.0))
print(tf.math.sqrt(x), tf.math.exp(x), tf.math.sin(x))
print(tf.math.reduce_sum(x), tf.math.maximum(x, 0.5), tf.math.sigmoid(x))
print(tf.math.abs(-x), tf.math.square(x), tf.math.negative(x))

#@ math_argmax_equal_aliases
x = tf.constant([3, 1, 2])
print(tf.math.argmax(x), tf.math.argmin(x), tf.math.equal(x, 1), tf.math.greater(x, 1))

#@ nn_relu
print(tf.nn.relu(tf.constant([-1.0, 0.0, 2.0])))
print(tf.nn.relu(tf.constant([-3, 3])))

#@ nn_sigmoid_tanh_softplus
x = tf.constant([-1.0, 0.0, 1.0])
print(tf.nn.sigmoid(x), tf.nn.tanh(x), tf.nn.softplus(x))

#@ nn_softmax
x = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(tf.nn.softmax(x))
print(tf.nn.softmax(x, axis=0))

#@ nn_softmax_large_values_stable
print(tf.nn.softmax(tf.constant([1000.0, 1000.0, -1000.0])))

#@ nn_log_softmax
print(tf.nn.log_softmax(tf.constant([1.0, 2.0, 3.0])))

#@ softmax_cross_entropy_with_logits
labels = tf.constant([[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]])
logits = tf.constant([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
print(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))

#@ sparse_softmax_cross_entropy_with_logits
labels = tf.constant([2, 0])
logits = tf.constant([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
print(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))

#@ cast_function
print(tf.cast(tf.constant([1.9, -1.9]), tf.int64))

#@ executing_eagerly
print(tf.executing_eagerly())

#@ random_shapes_only
tf.random.set_seed(1)
a = tf.random.normal([3, 2], mean=1.0, stddev=0.1)
b = tf.random.uniform([5], minval=-1.0, maxval=1.0)
print(a.shape, a.dtype, b.shape, b.dtype)
print(bool(tf.reduce_min(b) >= -1.0), bool(tf.reduce_max(b) < 1.0))

#@ random_seed_reproducible
tf.random.set_seed(7)
a = tf.random.uniform([4])
tf.random.set_seed(7)
b = tf.random.uniform([4])
print(bool(tf.reduce_max(tf.abs(a - b)) == 0.0))

#@ convert_to_tensor_nested_tensors
a = tf.constant(1.0)
print(tf.convert_to_tensor([a, 2.0, a]))

#@ stack_of_scalars
print(tf.stack([tf.constant(1.0), tf.constant(2.0)]))

#@ constant_with_shape_broadcast
print(tf.constant(7, shape=(2, 2)))
print(tf.constant([1, 2, 3, 4], shape=(2, 2)))
