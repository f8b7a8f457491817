# Gradients of ops; second derivatives via nested tapes for smooth ops.
# Pattern for first+second order: outer tape t2 around inner tape t1, both watching x.

#@ add_grad_both
a = tf.constant([1.0, 2.0])
b = tf.constant([3.0, 4.0])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = a + b
print(t.gradient(y, [a, b]))

#@ subtract_grad_both
a = tf.constant([1.0, 2.0])
b = tf.constant([3.0, 4.0])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = tf.subtract(a, b)
print(t.gradient(y, [a, b]))

#@ multiply_grad_both
a = tf.constant([1.0, 2.0])
b = tf.constant([3.0, 4.0])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = a * b
print(t.gradient(y, [a, b]))

#@ divide_grad_both
a = tf.constant([1.0, 2.0])
b = tf.constant([4.0, -0.5])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = a / b
print(t.gradient(y, [a, b]))

#@ divide_second_order
x = tf.constant(2.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = 1.0 / x
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ broadcast_add_grad_reduces
a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
b = tf.constant([10.0, 20.0, 30.0])
c = tf.constant(1.0)
with tf.GradientTape() as t:
    t.watch([a, b, c])
    y = a + b + c
print(t.gradient(y, [a, b, c]))

#@ broadcast_mul_grad_column
a = tf.constant([[1.0], [2.0]])
b = tf.constant([[1.0, 2.0, 3.0]])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = a * b
ga, gb = t.gradient(y, [a, b])
print(ga)
print(gb)

#@ scalar_python_operand_grad
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = 2.0 * x + 1 - x / 4
print(t.gradient(y, x))

#@ floordiv_grad_is_none
x = tf.constant([7.0, 8.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x // 2.0
print(t.gradient(y, x))

#@ floormod_grad
x = tf.constant([7.0, -7.5])
y = tf.constant([2.0, 2.0])
with tf.GradientTape() as t:
    t.watch([x, y])
    z = x % y
print(t.gradient(z, [x, y]))

#@ pow_grad_base_and_exponent
x = tf.constant([2.0, 3.0])
p = tf.constant([3.0, 2.0])
with tf.GradientTape() as t:
    t.watch([x, p])
    y = tf.pow(x, p)
print(t.gradient(y, [x, p]))

#@ pow_grad_zero_base
x = tf.constant([0.0, 0.0])
p = tf.constant([2.0, 0.5])
with tf.GradientTape() as t:
    t.watch([x, p])
    y = x ** p
print(t.gradient(y, [x, p]))

#@ pow_second_order
x = tf.constant(2.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = x ** 3
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ negative_grad
x = tf.constant([1.0, -2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = -x
print(t.gradient(y, x))

#@ abs_grad_including_zero
x = tf.constant([-2.0, 0.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.abs(x)
print(t.gradient(y, x))

#@ sign_grad_is_zero
x = tf.constant([-2.0, 0.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.sign(x)
print(t.gradient(y, x))

#@ square_first_second
x = tf.constant([1.0, -3.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.square(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ sqrt_first_second
x = tf.constant([1.0, 4.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.sqrt(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ sqrt_grad_at_zero_is_inf
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.sqrt(x)
print(t.gradient(y, x))

#@ sqrt_abs_at_zero_is_nan
x = tf.constant([0.0, -4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.sqrt(tf.abs(x))
print(t.gradient(y, x))

#@ rsqrt_first_second
x = tf.constant([1.0, 4.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.rsqrt(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ exp_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.exp(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ expm1_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.expm1(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ log_first_second
x = tf.constant([0.5, 2.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.log(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ log_grad_at_zero
x = tf.constant([0.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.log(x)
print(t.gradient(y, x))

#@ log1p_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.log1p(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ sin_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.sin(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ cos_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.cos(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ tan_first_second
x = tf.constant([0.0, 0.5])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.tan(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ asin_acos_atan_grads
x = tf.constant([0.0, 0.5])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.asin(x)
    b = tf.acos(x)
    c = tf.atan(x)
print(t.gradient(a, x))
print(t.gradient(b, x))
print(t.gradient(c, x))

#@ atan_second_order
x = tf.constant(1.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.atan(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ atan2_grad
y = tf.constant([1.0, 0.0])
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch([y, x])
    z = tf.math.atan2(y, x)
print(t.gradient(z, [y, x]))

#@ sinh_cosh_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape(persistent=True) as t2:
    t2.watch(x)
    with tf.GradientTape(persistent=True) as t1:
        t1.watch(x)
        a = tf.sinh(x)
        b = tf.cosh(x)
    ga = t1.gradient(a, x)
    gb = t1.gradient(b, x)
print(ga, gb)
print(t2.gradient(ga, x), t2.gradient(gb, x))

#@ tanh_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.tanh(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ sigmoid_first_second
x = tf.constant([0.0, 2.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.sigmoid(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ softplus_first_second
x = tf.constant([0.0, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.softplus(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ maximum_grad_ties_go_to_x
x = tf.constant([1.0, 2.0, 3.0])
y = tf.constant([2.0, 2.0, 2.0])
with tf.GradientTape() as t:
    t.watch([x, y])
    z = tf.maximum(x, y)
print(t.gradient(z, [x, y]))

#@ minimum_grad_ties
x = tf.constant([1.0, 2.0, 3.0])
y = tf.constant([2.0, 2.0, 2.0])
with tf.GradientTape() as t:
    t.watch([x, y])
    z = tf.minimum(x, y)
print(t.gradient(z, [x, y]))

#@ minimum_same_input
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    z = tf.minimum(x, x)
print(t.gradient(z, x))

#@ maximum_with_scalar_grad
x = tf.constant([-1.0, 0.0, 1.0])
with tf.GradientTape() as t:
    t.watch(x)
    z = tf.maximum(x, 0.0)
print(t.gradient(z, x))

#@ reduce_sum_grad_axis
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(x, axis=0) * tf.constant([1.0, 10.0])
print(t.gradient(y, x))

#@ reduce_mean_grad
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_mean(x)
print(t.gradient(y, x))

#@ reduce_mean_axis_keepdims_grad
x = tf.constant([[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_mean(x, axis=1, keepdims=True) * tf.constant([[1.0], [2.0]])
print(t.gradient(y, x))

#@ reduce_max_grad_ties_split
x = tf.constant([1.0, 3.0, 3.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_max(x)
print(t.gradient(y, x))

#@ reduce_min_grad_axis
x = tf.constant([[1.0, 5.0], [4.0, 2.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_min(x, axis=1)
print(t.gradient(y, x))

#@ reduce_prod_grad
x = tf.constant([2.0, 3.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_prod(x)
print(t.gradient(y, x))

#@ reduce_prod_grad_with_zero
x = tf.constant([2.0, 0.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_prod(x)
print(t.gradient(y, x))

#@ matmul_grad
a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
b = tf.constant([[5.0], [6.0]])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = tf.matmul(a, b)
ga, gb = t.gradient(y, [a, b])
print(ga)
print(gb)

#@ matmul_transpose_grad
a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
b = tf.constant([[1.0, 0.0, -1.0]])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = tf.matmul(a, b, transpose_b=True)
ga, gb = t.gradient(y, [a, b])
print(ga)
print(gb)

#@ matmul_batched_grad_shapes
a = tf.ones((3, 2, 4))
b = tf.ones((3, 4, 5))
with tf.GradientTape() as t:
    t.watch([a, b])
    y = a @ b
ga, gb = t.gradient(y, [a, b])
print(ga.shape, gb.shape)
print(ga[0])

#@ reshape_transpose_grad
x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.transpose(tf.reshape(x, (3, 2))) * tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(t.gradient(y, x))

#@ expand_dims_squeeze_grad
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.squeeze(tf.expand_dims(x, 0) * 3.0)
print(t.gradient(y, x))

#@ concat_grad
a = tf.constant([1.0, 2.0])
b = tf.constant([3.0])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = tf.concat([a, b], 0) * tf.constant([1.0, 2.0, 3.0])
print(t.gradient(y, [a, b]))

#@ stack_unstack_grad
a = tf.constant(1.0)
b = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch([a, b])
    s = tf.stack([a, b, a])
    p, q, r = tf.unstack(s * s)
    y = p + 2.0 * q
print(t.gradient(y, [a, b]))

#@ split_grad_partial_use
x = tf.constant([1.0, 2.0, 3.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    a, b = tf.split(x, 2)
    y = tf.reduce_sum(a * 10.0)
print(t.gradient(y, x))

#@ tile_broadcast_to_grad
x = tf.constant([1.0, 2.0])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    y1 = tf.tile(x, [3])
    y2 = tf.broadcast_to(x, (4, 2))
print(t.gradient(y1, x))
print(t.gradient(y2, x))

#@ pad_reverse_grad
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.pad(tf.reverse(x, [0]), [[1, 1]]) * tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
print(t.gradient(y, x))

#@ slicing_grad
x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = x[0, ::2] * 2.0 + x[1, -1]
print(t.gradient(y, x))

#@ index_repeated_grad_accumulates
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = x[0] * x[0] + x[0] + x[2]
print(t.gradient(y, x))

#@ gather_tensor_grad_dense
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.gather(x, [0, 0, 2])
g = t.gradient(y, x)
print(tf.convert_to_tensor(g))

#@ gather_variable_grad_converted
v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.gather(v, [2, 0, 2]))
g = t.gradient(y, v)
print(tf.convert_to_tensor(g))

#@ where_grad_selected_branch
x = tf.constant([-1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.where(x > 0, x * x, -3.0 * x)
print(t.gradient(y, x))

#@ where_grad_nan_leaks_log
x = tf.constant([0.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.where(x > 0, tf.math.log(x), tf.zeros_like(x))
print(t.gradient(y, x))

#@ where_grad_nan_leaks_pow
x = tf.constant([0.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.where(x > 0, x ** 0.5, tf.zeros_like(x))
print(t.gradient(y, x))

#@ where_grad_sqrt_no_nan
x = tf.constant([0.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.where(x > 0, tf.sqrt(x), tf.zeros_like(x))
print(t.gradient(y, x))

#@ sqrt_rsqrt_grad_zero_upstream_no_nan
x = tf.constant([0.0, 4.0])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.sqrt(x) * 0.0
    b = tf.math.rsqrt(x) * 0.0
print(t.gradient(a, x), t.gradient(b, x))

#@ reciprocal_grad_zero_upstream_nan
x = tf.constant([0.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = (1.0 / x) * 0.0
print(t.gradient(y, x))

#@ where_double_where_trick
x = tf.constant([0.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    safe = tf.where(x > 0, x, tf.ones_like(x))
    y = tf.where(x > 0, tf.math.log(safe), tf.zeros_like(x))
print(t.gradient(y, x))

#@ cast_float_grad
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.cast(x, tf.float64) * 3.0
g = t.gradient(y, x)
print(g)

#@ cast_to_int_grad_is_none
x = tf.constant([1.5, 2.5])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.cast(tf.cast(x, tf.int32), tf.float32)
print(t.gradient(y, x))

#@ identity_grad
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.identity(x) * 4.0
print(t.gradient(y, x))

#@ stop_gradient_grad
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = x * tf.stop_gradient(x)
print(t.gradient(y, x))

#@ clip_by_value_grad
x = tf.constant([-2.0, 0.5, 1.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.clip_by_value(x, -1.0, 1.0)
print(t.gradient(y, x))

#@ round_floor_ceil_grads_none
x = tf.constant([1.3, 2.7])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.round(x)
    b = tf.floor(x)
    c = tf.math.ceil(x)
print(t.gradient(a, x), t.gradient(b, x), t.gradient(c, x))

#@ relu_grad_at_zero
x = tf.constant([-1.0, 0.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.relu(x)
print(t.gradient(y, x))

#@ softmax_grad_weighted
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.softmax(x) * tf.constant([1.0, 0.0, 0.0])
print(t.gradient(y, x))

#@ softmax_grad_of_sum_is_zero
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.softmax(x)
print(t.gradient(y, x))

#@ log_softmax_grad
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.log_softmax(x)[2]
print(t.gradient(y, x))

#@ softmax_xent_grad_logits
labels = tf.constant([[0.0, 1.0, 0.0]])
logits = tf.constant([[1.0, 2.0, 3.0]])
with tf.GradientTape() as t:
    t.watch(logits)
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
print(t.gradient(loss, logits))

#@ sparse_softmax_xent_grad_logits
labels = tf.constant([1, 2])
logits = tf.constant([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
with tf.GradientTape() as t:
    t.watch(logits)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
print(t.gradient(loss, logits))

#@ float64_grad_dtype
x = tf.constant([1.0, 2.0], dtype=tf.float64)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(tf.sin(x) * x)
print(t.gradient(y, x))

#@ variable_matmul_bias_grads
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
b = tf.Variable([0.5, -0.5])
x = tf.constant([[1.0, 1.0]])
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.nn.relu(x @ w + b))
gw, gb = t.gradient(y, [w, b])
print(gw)
print(gb)

#@ one_hot_argmax_no_grad
x = tf.constant([1.0, 3.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.one_hot(tf.argmax(x), 3) * x
print(t.gradient(y, x))

#@ third_order_nested
x = tf.constant(2.0)
with tf.GradientTape() as t3:
    t3.watch(x)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = x ** 4
        g1 = t1.gradient(y, x)
    g2 = t2.gradient(g1, x)
g3 = t3.gradient(g2, x)
print(g1, g2, g3)

#@ mixed_second_partial
x = tf.constant(2.0)
y = tf.constant(3.0)
with tf.GradientTape() as t2:
    t2.watch([x, y])
    with tf.GradientTape() as t1:
        t1.watch([x, y])
        z = x * x * y + tf.sin(y)
    gx = t1.gradient(z, x)
print(gx)
print(t2.gradient(gx, [x, y]))

#@ second_order_product_sin_exp
x = tf.constant(0.5)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.sin(x) * tf.exp(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))

#@ second_order_of_relu_is_zero
x = tf.constant([1.0, -1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.nn.relu(x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))
