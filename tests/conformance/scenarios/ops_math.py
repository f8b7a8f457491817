# tf.math special functions, reductions, segment ops, top_k and friends: values, dtypes and
# gradients. Helper `grad(f, *xs)` (defined per scenario) returns d sum(f(xs)) / d xs.

#@ erf_erfc_values_and_grad
x = tf.constant([-1.0, 0.0, 0.5, 2.0])
print(tf.math.erf(x))
print(tf.math.erfc(x))
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.math.erf(x)
    b = tf.math.erfc(x)
print(t.gradient(a, x))
print(t.gradient(b, x))

#@ erfinv_ndtri
x = tf.constant([-0.9, 0.0, 0.3, 0.99], tf.float64)
print(tf.math.erfinv(x))
print(tf.math.ndtri(tf.constant([0.1, 0.5, 0.975])))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.erfinv(x)
print(t.gradient(y, x))

#@ erfinv_out_of_domain
print(tf.math.erfinv(tf.constant([-1.0, 1.0, 1.5])))

#@ erf_second_order
x = tf.constant([0.3, -1.2])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.erf(x)
    dy = t1.gradient(y, x)
print(dy, t2.gradient(dy, x))

#@ erf_int_input_error
tf.math.erf(tf.constant([1, 2]))

#@ lgamma_digamma_values
x = tf.constant([0.5, 1.0, 2.5, 10.0])
print(tf.math.lgamma(x))
print(tf.math.digamma(x))
print(tf.math.lgamma(tf.constant([-0.5, 0.0, -1.0])))

#@ lgamma_digamma_grads
x = tf.constant([0.5, 1.5, 4.0], tf.float64)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.math.lgamma(x)
    b = tf.math.digamma(x)
print(t.gradient(a, x))
print(t.gradient(b, x))

#@ polygamma_zeta
x = tf.constant([1.5, 2.0, 3.5], tf.float64)
print(tf.math.polygamma(tf.constant([0.0, 1.0, 2.0], tf.float64), x))
print(tf.math.zeta(tf.constant([2.0, 3.0, 4.5], tf.float64), x))
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    p = tf.math.polygamma(tf.constant(1.0, tf.float64), x)
    z = tf.math.zeta(tf.constant(3.0, tf.float64), x)
print(t.gradient(p, x))
print(t.gradient(z, x))

#@ igamma_igammac_values
a = tf.constant([0.5, 1.0, 2.0, 5.0])
x = tf.constant([0.3, 1.0, 2.5, 4.0])
print(tf.math.igamma(a, x))
print(tf.math.igammac(a, x))

#@ igamma_grads
a = tf.constant([0.5, 2.0, 5.0], tf.float64)
x = tf.constant([0.3, 2.5, 4.0], tf.float64)
with tf.GradientTape(persistent=True) as t:
    t.watch([a, x])
    p = tf.math.igamma(a, x)
    q = tf.math.igammac(a, x)
print(t.gradient(p, [a, x]))
print(t.gradient(q, [a, x]))

#@ lbeta_values_and_grad
x = tf.constant([[1.0, 2.0], [0.5, 3.0], [2.0, 2.0]])
print(tf.math.lbeta(x))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.lbeta(x)
print(t.gradient(y, x))

#@ betainc_values
a = tf.constant([1.0, 2.0, 0.5])
b = tf.constant([2.0, 3.0, 0.5])
x = tf.constant([0.3, 0.5, 0.9])
print(tf.math.betainc(a, b, x))

#@ bessel_functions
x = tf.constant([-2.0, -0.5, 0.0, 0.5, 3.0])
print(tf.math.bessel_i0e(x))
print(tf.math.bessel_i1e(x))
print(tf.math.bessel_i0(x))
print(tf.math.bessel_i1(x))

#@ bessel_grads
x = tf.constant([-2.0, -0.5, 0.5, 3.0], tf.float64)
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.math.bessel_i0e(x)
    b = tf.math.bessel_i1e(x)
    c = tf.math.bessel_i0(x)
    d = tf.math.bessel_i1(x)
for y in (a, b, c, d):
    print(t.gradient(y, x))

#@ xlogy_xlog1py_xdivy
x = tf.constant([0.0, 0.0, 1.0, 2.0])
y = tf.constant([0.0, 2.0, 3.0, 0.5])
print(tf.math.xlogy(x, y))
print(tf.math.xlog1py(x, y))
print(tf.math.xdivy(x, y))

#@ xlogy_grads
x = tf.constant([0.0, 1.0, 2.0])
y = tf.constant([0.0, 3.0, 0.5])
with tf.GradientTape(persistent=True) as t:
    t.watch([x, y])
    a = tf.math.xlogy(x, y)
    b = tf.math.xlog1py(x, y)
    c = tf.math.xdivy(x, y)
print(t.gradient(a, [x, y]))
print(t.gradient(b, [x, y]))
print(t.gradient(c, [x, y]))

#@ log_sigmoid_values_and_grad
x = tf.constant([-50.0, -1.0, 0.0, 2.0, 20.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.log_sigmoid(x)
print(y)
print(t.gradient(y, x))

#@ softplus_softsign_reciprocal_no_nan
x = tf.constant([-2.0, 0.0, 0.5])
print(tf.math.softplus(x))
print(tf.math.softsign(x))
print(tf.math.reciprocal_no_nan(x))
print(tf.math.reciprocal(tf.constant([2.0, -4.0])))

#@ cumsum_exclusive_reverse
x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(tf.math.cumsum(x, axis=1, exclusive=True))
print(tf.math.cumsum(x, axis=1, reverse=True))
print(tf.math.cumsum(x, axis=0, exclusive=True, reverse=True))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.cumsum(x, axis=1, exclusive=True) * tf.constant([1.0, 2.0, 3.0])
print(t.gradient(y, x))

#@ cumprod_exclusive_reverse
x = tf.constant([1.0, 2.0, 3.0, 4.0])
print(tf.math.cumprod(x, exclusive=True))
print(tf.math.cumprod(x, reverse=True))
print(tf.math.cumprod(x, exclusive=True, reverse=True))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.cumprod(x, exclusive=True, reverse=True)
print(t.gradient(y, x))

#@ cumulative_logsumexp_values_and_grad
x = tf.constant([0.5, -1.0, 2.0, 0.0])
print(tf.math.cumulative_logsumexp(x))
print(tf.math.cumulative_logsumexp(x, exclusive=True))
print(tf.math.cumulative_logsumexp(x, reverse=True))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.cumulative_logsumexp(x) * tf.constant([1.0, -2.0, 0.5, 3.0])
print(t.gradient(y, x))

#@ reduce_logsumexp_values_and_grad
x = tf.constant([[1.0, 2.0, 3.0], [1000.0, 1000.0, -1000.0]])
print(tf.math.reduce_logsumexp(x))
print(tf.math.reduce_logsumexp(x, axis=1))
print(tf.reduce_logsumexp(x, axis=0, keepdims=True))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.reduce_logsumexp(x, axis=1)
print(t.gradient(y, x))

#@ reduce_logsumexp_of_neg_inf
print(tf.math.reduce_logsumexp(tf.constant([-np.inf, -np.inf])))

#@ reduce_std_variance
x = tf.constant([[1.0, 2.0], [3.0, 5.0]])
print(tf.math.reduce_variance(x))
print(tf.math.reduce_variance(x, axis=0))
print(tf.math.reduce_std(x, axis=1, keepdims=True))
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    v = tf.math.reduce_variance(x, axis=1)
    s = tf.math.reduce_std(x)
print(t.gradient(v, x))
print(t.gradient(s, x))

#@ reduce_std_int_error
tf.math.reduce_std(tf.constant([1, 2, 3]))

#@ reduce_euclidean_norm
x = tf.constant([[3.0, 4.0], [1.0, 1.0]])
print(tf.math.reduce_euclidean_norm(x))
print(tf.math.reduce_euclidean_norm(x, axis=1))
print(tf.math.reduce_euclidean_norm(tf.constant([3, 4])))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.reduce_euclidean_norm(x, axis=1)
print(t.gradient(y, x))

#@ reduce_any_all_axes
b = tf.constant([[True, False], [True, True]])
print(tf.math.reduce_any(b, axis=1), tf.math.reduce_all(b, axis=1))
print(tf.reduce_all(b), tf.reduce_any(b, axis=0, keepdims=True))

#@ count_nonzero
x = tf.constant([[0.0, 1.5, 0.0], [2.0, 0.0, -1.0]])
print(tf.math.count_nonzero(x))
print(tf.math.count_nonzero(x, axis=1))
print(tf.math.count_nonzero(x, axis=0, keepdims=True, dtype=tf.int32))
print(tf.math.count_nonzero(tf.constant([True, False, True])))

#@ squared_difference_grad
a = tf.constant([1.0, 4.0])
b = tf.constant([3.0, 2.0])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = tf.math.squared_difference(a, b)
print(y, t.gradient(y, [a, b]))

#@ divide_no_nan_multiply_no_nan
x = tf.constant([1.0, np.inf, np.nan, 2.0])
y = tf.constant([0.0, 0.0, 0.0, 4.0])
print(tf.math.divide_no_nan(x, y))
print(tf.math.multiply_no_nan(x, y))

#@ no_nan_grads
x = tf.constant([1.0, 3.0, 2.0])
y = tf.constant([0.0, 0.0, 4.0])
with tf.GradientTape(persistent=True) as t:
    t.watch([x, y])
    a = tf.math.divide_no_nan(x, y)
    b = tf.math.multiply_no_nan(x, y)
print(t.gradient(a, [x, y]))
print(t.gradient(b, [x, y]))

#@ polyval_values_and_grad
c = [tf.constant(2.0), tf.constant(-1.0), tf.constant(3.0)]
x = tf.constant([0.0, 1.0, 2.0])
with tf.GradientTape() as t:
    t.watch([x] + c)
    y = tf.math.polyval(c, x)
print(y)
print(t.gradient(y, [x] + c))
print(tf.math.polyval([], x))

#@ is_nan_inf_finite
x = tf.constant([1.0, np.nan, np.inf, -np.inf])
print(tf.math.is_nan(x), tf.math.is_inf(x), tf.math.is_finite(x))

#@ segment_sum_mean
data = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
ids = tf.constant([0, 0, 1, 3])
print(tf.math.segment_sum(data, ids))
print(tf.math.segment_mean(data, ids))
print(tf.math.segment_prod(data, ids))

#@ segment_max_min
data = tf.constant([3.0, 1.0, 4.0, 1.0, 5.0])
ids = tf.constant([0, 0, 0, 2, 2])
print(tf.math.segment_max(data, ids))
print(tf.math.segment_min(data, ids))

#@ segment_grads
data = tf.constant([3.0, 1.0, 4.0, 2.0, 5.0])
ids = tf.constant([0, 0, 1, 1, 1])
with tf.GradientTape(persistent=True) as t:
    t.watch(data)
    s = tf.math.segment_sum(data, ids) * tf.constant([1.0, 2.0])
    m = tf.math.segment_mean(data, ids) * tf.constant([1.0, 2.0])
    mx = tf.math.segment_max(data, ids)
    mn = tf.math.segment_min(data, ids)
    p = tf.math.segment_prod(data, ids)
for y in (s, m, mx, mn, p):
    print(t.gradient(y, data))

#@ segment_ids_not_sorted_error
tf.math.segment_sum(tf.constant([1.0, 2.0, 3.0]), tf.constant([1, 0, 1]))

#@ unsorted_segment_ops
data = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
ids = tf.constant([2, 0, 2, -1, 0])
print(tf.math.unsorted_segment_sum(data, ids, 4))
print(tf.math.unsorted_segment_mean(data, ids, 4))
print(tf.math.unsorted_segment_max(data, ids, 4))
print(tf.math.unsorted_segment_min(data, ids, 4))
print(tf.math.unsorted_segment_prod(data, ids, 4))
print(tf.math.unsorted_segment_sqrt_n(data, ids, 4))

#@ unsorted_segment_2d_ids
data = tf.constant([[1, 2, 3], [4, 5, 6]])
ids = tf.constant([[0, 1, 0], [1, 1, 2]])
print(tf.math.unsorted_segment_sum(data, ids, 3))
print(tf.math.unsorted_segment_max(data, ids, 4))

#@ unsorted_segment_grads
data = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 0.5]])
ids = tf.constant([1, 0, 1])
w = tf.constant([[1.0, -1.0], [2.0, 3.0]])
with tf.GradientTape(persistent=True) as t:
    t.watch(data)
    ys = [f(data, ids, 2) * w for f in (tf.math.unsorted_segment_sum,
          tf.math.unsorted_segment_mean, tf.math.unsorted_segment_max,
          tf.math.unsorted_segment_min, tf.math.unsorted_segment_prod,
          tf.math.unsorted_segment_sqrt_n)]
for y in ys:
    print(t.gradient(y, data))

#@ unsorted_segment_id_out_of_range
tf.math.unsorted_segment_sum(tf.constant([1.0, 2.0]), tf.constant([0, 5]), 2)

#@ bincount_basic
x = tf.constant([1, 1, 2, 5, 0])
print(tf.math.bincount(x))
print(tf.math.bincount(x, minlength=8))
print(tf.math.bincount(x, maxlength=3))
print(tf.math.bincount(x, weights=tf.constant([0.5, 1.0, 2.0, 1.0, 3.0])))
print(tf.math.bincount(x, binary_output=True))

#@ bincount_axis_minus_one
x = tf.constant([[1, 1, 2], [0, 3, 3]])
print(tf.math.bincount(x, axis=-1))

#@ top_k_values_indices
x = tf.constant([[1.0, 5.0, 3.0, 4.0], [9.0, 2.0, 7.0, 8.0]])
r = tf.math.top_k(x, k=2)
print(r.values)
print(r.indices)
v, i = tf.math.top_k(tf.constant([3, 1, 2]), k=3, sorted=True)
print(v, i)

#@ top_k_grad
x = tf.constant([[1.0, 5.0, 3.0, 4.0], [9.0, 2.0, 7.0, 8.0]])
with tf.GradientTape() as t:
    t.watch(x)
    v = tf.math.top_k(x, k=2).values * tf.constant([1.0, 10.0])
print(t.gradient(v, x))

#@ top_k_too_large
tf.math.top_k(tf.constant([1.0, 2.0]), k=3)

#@ in_top_k
pred = tf.constant([[0.1, 0.8, 0.1], [0.5, 0.2, 0.3]])
print(tf.math.in_top_k(tf.constant([1, 2]), pred, 1))
print(tf.math.in_top_k(tf.constant([0, 2]), pred, 2))

#@ floormod_truncatediv_truncatemod
a = tf.constant([-7, 7, -7, 7])
b = tf.constant([3, 3, -3, -3])
print(tf.math.floormod(a, b))
print(tf.truncatediv(a, b))
print(tf.truncatemod(a, b))
print(tf.truncatemod(tf.constant([-7.5, 7.5]), tf.constant([2.0, -2.0])))

#@ truncatemod_grad
x = tf.constant([-7.5, 7.5])
y = tf.constant([2.0, -2.0])
with tf.GradientTape() as t:
    t.watch([x, y])
    z = tf.truncatemod(x, y)
print(t.gradient(z, [x, y]))

#@ truncatediv_by_zero
tf.truncatediv(tf.constant([1, 2]), tf.constant([1, 0]))

#@ nextafter
print(tf.math.nextafter(tf.constant([1.0, 0.0], tf.float64), tf.constant([2.0, -1.0], tf.float64)))
print(tf.math.nextafter(tf.constant(1.0), tf.constant(0.0)) < 1.0)

#@ rint_round
print(tf.math.rint(tf.constant([0.5, 1.5, -2.5, 2.7])))

#@ complex_real_imag_conj_angle
z = tf.constant([1.0 + 2.0j, -3.0 - 1.0j])
print(tf.math.real(z), tf.math.imag(z))
print(tf.math.conj(z))
print(tf.math.angle(z))
print(tf.math.angle(tf.constant([-1.0, 2.0])))

#@ complex_abs_grad_convention
z = tf.constant([3.0 + 4.0j, 1.0 - 1.0j])
with tf.GradientTape() as t:
    t.watch(z)
    y = tf.abs(z)
print(t.gradient(y, z))

#@ complex_real_function_grad_convention
z = tf.constant([1.0 + 2.0j, -0.5 + 1.0j])
with tf.GradientTape(persistent=True) as t:
    t.watch(z)
    a = tf.math.real(z * z)
    b = tf.math.imag(z)
    c = tf.math.real(tf.math.conj(z) * z)
print(t.gradient(a, z))
print(t.gradient(b, z))
print(t.gradient(c, z))

#@ complex_angle_grad
z = tf.constant([1.0 + 1.0j, -2.0 + 0.5j])
with tf.GradientTape() as t:
    t.watch(z)
    y = tf.math.angle(z)
print(t.gradient(y, z))

#@ l2_normalize
x = tf.constant([[3.0, 4.0], [0.0, 0.0]])
print(tf.math.l2_normalize(x, axis=1))
print(tf.math.l2_normalize(x))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.l2_normalize(x, axis=1) * tf.constant([1.0, 2.0])
print(t.gradient(y, x))

#@ argmax_argmin_axis
x = tf.constant([[1.0, 9.0, 3.0], [7.0, 2.0, 8.0]])
print(tf.math.argmax(x, axis=1), tf.math.argmin(x, axis=0))
print(tf.math.argmax(x, axis=1, output_type=tf.int32))

#@ confusion_matrix
print(tf.math.confusion_matrix([1, 2, 4], [2, 2, 4]))
print(tf.math.confusion_matrix([0, 1], [1, 1], num_classes=3, weights=[2.0, 0.5], dtype=tf.float32))

#@ invert_permutation_and_monotonic
print(tf.math.invert_permutation(tf.constant([3, 4, 0, 2, 1])))
print(tf.math.is_non_decreasing([1, 2, 2]), tf.math.is_strictly_increasing([1, 2, 2]))

#@ log_softmax_alias
x = tf.constant([1.0, 2.0, 3.0])
print(tf.math.log_softmax(x))

#@ accumulate_n
print(tf.math.accumulate_n([tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])]))

#@ betainc_grad_x_only
a = tf.constant([0.5, 2.0])
b = tf.constant([1.5, 3.0])
x = tf.constant([0.3, 0.6])
with tf.GradientTape() as t:
    t.watch([a, b, x])
    y = tf.math.betainc(a, b, x)
print(t.gradient(y, [a, b, x]))

#@ top_k_in_nn_namespace
print(tf.nn.top_k(tf.constant([1.0, 4.0, 2.0]), 2).indices)
print(tf.nn.in_top_k(tf.constant([0]), tf.constant([[0.9, 0.1]]), 1))
