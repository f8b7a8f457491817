# tf.linalg and the indexing/array ops of issue 5: values, dtypes, errors and gradients.

#@ inv_det_values
a = tf.constant([[4.0, 7.0], [2.0, 6.0]], tf.float64)
print(tf.linalg.inv(a))
print(tf.linalg.det(a))
print(tf.linalg.inv(a, adjoint=True))

#@ inv_batched_and_grad
a = tf.constant([[[2.0, 1.0], [1.0, 3.0]], [[1.0, 0.5], [0.0, 2.0]]], tf.float64)
with tf.GradientTape(persistent=True) as t:
    t.watch(a)
    y = tf.linalg.inv(a)
    d = tf.linalg.det(a)
print(y)
print(t.gradient(y, a))
print(d, t.gradient(d, a))

#@ inv_singular_error
tf.linalg.inv(tf.constant([[1.0, 2.0], [2.0, 4.0]]))

#@ inv_not_square_error
tf.linalg.inv(tf.ones((2, 3)))

#@ slogdet_logdet
a = tf.constant([[2.0, 1.0], [1.0, 3.0]], tf.float64)
b = tf.constant([[0.0, 1.0], [2.0, 0.0]], tf.float64)
print(tf.linalg.slogdet(a))
print(tf.linalg.slogdet(b))
print(tf.linalg.logdet(a))
with tf.GradientTape(persistent=True) as t:
    t.watch(a)
    s, l = tf.linalg.slogdet(a)
    ld = tf.linalg.logdet(a)
print(t.gradient(l, a))
print(t.gradient(ld, a))

#@ solve_and_grad
a = tf.constant([[3.0, 1.0], [1.0, 2.0]], tf.float64)
b = tf.constant([[9.0], [8.0]], tf.float64)
with tf.GradientTape() as t:
    t.watch([a, b])
    x = tf.linalg.solve(a, b)
print(x)
print(t.gradient(x, [a, b]))
print(tf.linalg.solve(a, b, adjoint=True))

#@ triangular_solve_and_grad
l = tf.constant([[2.0, 0.0], [1.0, 4.0]], tf.float64)
b = tf.constant([[2.0, 1.0], [9.0, 3.0]], tf.float64)
with tf.GradientTape() as t:
    t.watch([l, b])
    x = tf.linalg.triangular_solve(l, b)
print(x)
print(t.gradient(x, [l, b]))
print(tf.linalg.triangular_solve(l, b, lower=False))
print(tf.linalg.triangular_solve(l, b, adjoint=True))

#@ cholesky_and_grad
a = tf.constant([[4.0, 2.0], [2.0, 3.0]], tf.float64)
with tf.GradientTape() as t:
    t.watch(a)
    c = tf.linalg.cholesky(a)
print(c)
print(t.gradient(c, a))

#@ cholesky_not_pd_error
tf.linalg.cholesky(tf.constant([[1.0, 2.0], [2.0, 1.0]]))

#@ cholesky_solve
a = tf.constant([[4.0, 2.0], [2.0, 3.0]], tf.float64)
rhs = tf.constant([[1.0], [2.0]], tf.float64)
c = tf.linalg.cholesky(a)
with tf.GradientTape() as t:
    t.watch([c, rhs])
    x = tf.linalg.cholesky_solve(c, rhs)
print(x)
print(t.gradient(x, [c, rhs]))

#@ qr_values
a = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], tf.float64)
q, r = tf.linalg.qr(a)
print(q.shape, r.shape)
print(tf.abs(r))
print(tf.matmul(q, r))
q2, r2 = tf.linalg.qr(a, full_matrices=True)
print(q2.shape, r2.shape)

#@ qr_grad
a = tf.constant([[2.0, 1.0], [1.0, 3.0], [0.5, -1.0]], tf.float64)
with tf.GradientTape() as t:
    t.watch(a)
    q, r = tf.linalg.qr(a)
    y = tf.reduce_sum(r * r) + tf.reduce_sum(tf.abs(q) * tf.constant([1.0, 2.0], tf.float64))
print(t.gradient(y, a))

#@ svd_values
a = tf.constant([[3.0, 0.0], [4.0, 5.0]], tf.float64)
s, u, v = tf.linalg.svd(a)
print(s)
print(tf.abs(u), tf.abs(v))
print(tf.linalg.svd(a, compute_uv=False))
s2, u2, v2 = tf.linalg.svd(tf.ones((3, 2), tf.float64), full_matrices=True)
print(s2.shape, u2.shape, v2.shape)

#@ svd_grad
a = tf.constant([[3.0, 1.0], [4.0, 5.0], [1.0, -2.0]], tf.float64)
with tf.GradientTape(persistent=True) as t:
    t.watch(a)
    s, u, v = tf.linalg.svd(a)
    y = tf.reduce_sum(s * tf.constant([1.0, 2.0], tf.float64))
    z = tf.reduce_sum(tf.square(u[:, 0])) + tf.reduce_sum(tf.abs(v[:, 1]))
print(t.gradient(y, a))
print(t.gradient(z, a))

#@ eigh_values_and_grad
a = tf.constant([[2.0, 1.0], [1.0, 3.0]], tf.float64)
with tf.GradientTape(persistent=True) as t:
    t.watch(a)
    e, v = tf.linalg.eigh(a)
    y = tf.reduce_sum(e * tf.constant([1.0, 3.0], tf.float64)) + tf.reduce_sum(tf.abs(v[:, 0]))
    ev = tf.linalg.eigvalsh(a)
print(e)
print(tf.abs(v))
print(ev)
print(t.gradient(y, a))
print(t.gradient(ev, a))

#@ norm_variants
x = tf.constant([[3.0, -4.0], [1.0, 2.0]])
print(tf.norm(x))
print(tf.norm(x, axis=1))
print(tf.norm(x, ord=1, axis=1))
print(tf.norm(x, ord=np.inf, axis=0))
print(tf.norm(x, ord='fro', axis=[0, 1]))
print(tf.norm(x, ord=1, axis=[-2, -1]))
print(tf.norm(x, ord=np.inf, axis=[-2, -1]))
print(tf.linalg.norm(x, axis=1, keepdims=True))
print(tf.norm(x, ord=3, axis=1))

#@ norm_matrix_2
x = tf.constant([[3.0, 0.0], [4.0, 5.0]], tf.float64)
print(tf.norm(x, ord=2, axis=[-2, -1]))

#@ norm_grads
x = tf.constant([[3.0, -4.0], [1.0, 2.0]])
with tf.GradientTape(persistent=True) as t:
    t.watch(x)
    a = tf.norm(x)
    b = tf.norm(x, ord=1, axis=1)
    c = tf.norm(x, ord=np.inf)
print(t.gradient(a, x))
print(t.gradient(b, x))
print(t.gradient(c, x))

#@ norm_bad_ord
tf.norm(tf.ones((2, 2)), ord=-1)

#@ global_norm_and_clip
ts = [tf.constant([3.0, 4.0]), tf.constant([[12.0]])]
print(tf.linalg.global_norm(ts))
clipped, n = tf.clip_by_global_norm(ts, 6.5)
print(clipped, n)
print(tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0))
print(tf.clip_by_norm(tf.constant([[3.0, 4.0], [0.3, 0.4]]), 1.0, axes=[1]))

#@ clip_by_norm_grad
x = tf.constant([3.0, 4.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.clip_by_norm(x, 1.0) * tf.constant([1.0, 2.0])
print(t.gradient(y, x))

#@ trace_diag_diag_part
x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
print(tf.linalg.trace(x))
print(tf.linalg.diag_part(x))
print(tf.linalg.diag_part(x, k=1))
print(tf.linalg.diag(tf.constant([1.0, 2.0])))
print(tf.linalg.diag(tf.constant([1.0, 2.0]), k=1))
print(tf.linalg.diag(tf.constant([1, 2]), num_rows=3, num_cols=2, padding_value=9))
print(tf.linalg.trace(tf.ones((2, 2, 3))))

#@ set_diag_band_part
x = tf.ones((3, 3))
print(tf.linalg.set_diag(x, tf.constant([5.0, 6.0, 7.0])))
print(tf.linalg.set_diag(x, tf.constant([5.0, 6.0]), k=1))
y = tf.reshape(tf.range(16.0), (4, 4))
print(tf.linalg.band_part(y, 1, 0))
print(tf.linalg.band_part(y, -1, 1))
print(tf.linalg.band_part(y, 0, -1))

#@ diag_ops_grads
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
d = tf.constant([5.0, 6.0])
with tf.GradientTape(persistent=True) as t:
    t.watch([x, d])
    a = tf.linalg.trace(x * x)
    b = tf.linalg.diag(d) * tf.constant([[1.0, 2.0], [3.0, 4.0]])
    c = tf.linalg.set_diag(x, d) * tf.constant([[1.0, 2.0], [3.0, 4.0]])
    e = tf.linalg.band_part(x, 0, -1) * x
print(t.gradient(a, x))
print(t.gradient(b, d))
print(t.gradient(c, [x, d]))
print(t.gradient(e, x))

#@ matvec_adjoint_matmul_alias
a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
v = tf.constant([1.0, -1.0])
print(tf.linalg.matvec(a, v))
print(tf.linalg.matvec(a, v, transpose_a=True))
print(tf.linalg.adjoint(tf.constant([[1.0 + 1.0j, 2.0], [3.0, 4.0j]])))
print(tf.linalg.matmul(a, a))
print(tf.linalg.eye(2, 3))
print(tf.linalg.eye(2, batch_shape=[2], dtype=tf.int32))

#@ lstsq_values_and_grad
a = tf.constant([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], tf.float64)
b = tf.constant([[1.0], [2.0], [2.0]], tf.float64)
with tf.GradientTape() as t:
    t.watch([a, b])
    x = tf.linalg.lstsq(a, b)
print(x)
print(t.gradient(x, [a, b]))
print(tf.linalg.lstsq(a, b, l2_regularizer=0.5))

#@ pinv_values
a = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], tf.float64)
print(tf.linalg.pinv(a))

#@ expm_values_and_grad
a = tf.constant([[0.0, 1.0], [-1.0, 0.0]], tf.float64)
print(tf.linalg.expm(a))
b = tf.constant([[0.1, 0.4], [0.2, -0.3]], tf.float64)
with tf.GradientTape() as t:
    t.watch(b)
    y = tf.linalg.expm(b)
print(y)
print(t.gradient(y, b))
print(tf.linalg.expm(tf.constant([[5.0, 1.0], [0.0, 3.0]], tf.float64)))

#@ einsum_matmul_and_grads
a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
b = tf.constant([[5.0, 6.0], [7.0, 8.0]])
with tf.GradientTape() as t:
    t.watch([a, b])
    y = tf.einsum("ij,jk->ik", a, b)
print(y)
print(t.gradient(y, [a, b]))

#@ einsum_variants
a = tf.reshape(tf.range(6.0), (2, 3))
b = tf.reshape(tf.range(12.0), (2, 3, 2))
print(tf.einsum("ij->ji", a))
print(tf.einsum("ij->", a))
print(tf.einsum("ij,ij->i", a, a))
print(tf.einsum("bij,bjk->bik", tf.ones((2, 2, 3)), b))
print(tf.einsum("...j,...jk->...k", a, b))
print(tf.einsum("ii->i", tf.reshape(tf.range(9.0), (3, 3))))
print(tf.einsum("ii", tf.reshape(tf.range(9.0), (3, 3))))
print(tf.linalg.einsum("i,j->ij", tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0, 5.0])))

#@ einsum_trace_and_reduction_grads
a = tf.reshape(tf.range(9.0), (3, 3))
b = tf.reshape(tf.range(6.0), (2, 3))
with tf.GradientTape(persistent=True) as t:
    t.watch([a, b])
    y1 = tf.einsum("ii->", a)
    y2 = tf.einsum("ij,kj->k", b, a)
    y3 = tf.einsum("ij->j", b) * tf.constant([1.0, 2.0, 3.0])
print(t.gradient(y1, a))
print(t.gradient(y2, [a, b]))
print(t.gradient(y3, b))

#@ cross_and_grad
a = tf.constant([[1.0, 0.0, 0.0], [1.0, 2.0, 3.0]])
b = tf.constant([[0.0, 1.0, 0.0], [4.0, 5.0, 6.0]])
with tf.GradientTape() as t:
    t.watch([a, b])
    c = tf.linalg.cross(a, b)
print(c)
print(t.gradient(c, [a, b]))

#@ l2_normalize_linalg_and_normalize
x = tf.constant([3.0, 4.0])
print(tf.linalg.l2_normalize(x))
print(tf.linalg.normalize(x))

#@ gather_batch_dims
params = tf.reshape(tf.range(24.0), (2, 3, 4))
idx = tf.constant([[0, 2], [1, 1]])
print(tf.gather(params, idx, batch_dims=1))
print(tf.gather(params, idx, axis=2, batch_dims=1))
with tf.GradientTape() as t:
    t.watch(params)
    y = tf.gather(params, idx, axis=2, batch_dims=1)
print(tf.convert_to_tensor(t.gradient(y, params)))

#@ gather_nd_values_and_grad
params = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(tf.gather_nd(params, [[0, 1], [1, 0]]))
print(tf.gather_nd(params, [[1]]))
print(tf.gather_nd(tf.reshape(tf.range(8), (2, 2, 2)), [[0, 1], [1, 0]], batch_dims=1))
with tf.GradientTape() as t:
    t.watch(params)
    y = tf.gather_nd(params, [[0, 1], [0, 1], [1, 1]])
print(tf.convert_to_tensor(t.gradient(y, params)))

#@ gather_nd_out_of_range
tf.gather_nd(tf.constant([1.0, 2.0]), [[3]])

#@ scatter_nd_values_and_grad
idx = tf.constant([[0], [2], [0]])
upd = tf.constant([1.0, 2.0, 3.0])
print(tf.scatter_nd(idx, upd, [4]))
print(tf.scatter_nd(tf.constant([[1]]), tf.constant([[5, 6]]), tf.constant([2, 2])))
with tf.GradientTape() as t:
    t.watch(upd)
    y = tf.scatter_nd(idx, upd, [4]) * tf.constant([1.0, 2.0, 3.0, 4.0])
print(t.gradient(y, upd))

#@ tensor_scatter_nd_family
x = tf.constant([1.0, 2.0, 3.0, 4.0])
idx = tf.constant([[1], [3]])
upd = tf.constant([10.0, -1.0])
print(tf.tensor_scatter_nd_update(x, idx, upd))
print(tf.tensor_scatter_nd_add(x, idx, upd))
print(tf.tensor_scatter_nd_sub(x, idx, upd))
print(tf.tensor_scatter_nd_max(x, idx, upd))
print(tf.tensor_scatter_nd_min(x, idx, upd))

#@ tensor_scatter_nd_grads
x = tf.constant([1.0, 2.0, 3.0, 4.0])
idx = tf.constant([[1], [3]])
upd = tf.constant([10.0, -1.0])
w = tf.constant([1.0, 2.0, 3.0, 4.0])
with tf.GradientTape(persistent=True) as t:
    t.watch([x, upd])
    ys = [f(x, idx, upd) * w for f in (tf.tensor_scatter_nd_update, tf.tensor_scatter_nd_add,
          tf.tensor_scatter_nd_sub, tf.tensor_scatter_nd_max, tf.tensor_scatter_nd_min)]
for y in ys:
    print(t.gradient(y, [x, upd]))

#@ boolean_mask_values_and_grad
x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
m = tf.constant([True, False, True])
print(tf.boolean_mask(x, m))
print(tf.boolean_mask(x, tf.constant([[True, False], [False, True], [True, True]])))
print(tf.boolean_mask(x, tf.constant([False, True]), axis=1))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.boolean_mask(x, m) * tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(tf.convert_to_tensor(t.gradient(y, x)))

#@ where_one_arg
print(tf.where(tf.constant([[True, False], [False, True]])))
print(tf.where(tf.constant([0.0, 2.0, -1.0])))

#@ unique_and_counts
y, idx = tf.unique(tf.constant([1, 1, 2, 4, 4, 4, 7, 8, 8]))
print(y, idx)
y, idx, c = tf.unique_with_counts(tf.constant([3.0, 1.0, 3.0]))
print(y, idx, c)
print(tf.unique(tf.constant([5, 2, 5]), out_idx=tf.int64).idx)

#@ sort_argsort
x = tf.constant([[3.0, 1.0, 2.0], [0.5, 9.0, -1.0]])
print(tf.sort(x))
print(tf.sort(x, direction="DESCENDING"))
print(tf.sort(x, axis=0))
print(tf.argsort(x))
print(tf.argsort(x, direction="DESCENDING", stable=True))
print(tf.sort(tf.constant([3, 1, 2])))

#@ sort_grad
x = tf.constant([[3.0, 1.0, 2.0], [0.5, 9.0, -1.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.sort(x, axis=1) * tf.constant([1.0, 2.0, 3.0])
print(t.gradient(y, x))

#@ sort_bad_direction
tf.sort(tf.constant([1.0]), direction="UP")

#@ searchsorted
s = tf.constant([[0.0, 3.0, 9.0, 9.0, 10.0], [1.0, 2.0, 3.0, 4.0, 5.0]])
v = tf.constant([[2.0, 4.0, 9.0], [0.0, 2.0, 6.0]])
print(tf.searchsorted(s, v))
print(tf.searchsorted(s, v, side="right"))
print(tf.searchsorted(tf.constant([1, 3, 5]), tf.constant([3]), out_type=tf.int64))

#@ meshgrid
x = tf.constant([1, 2, 3])
y = tf.constant([4, 5])
X, Y = tf.meshgrid(x, y)
print(X, Y)
X, Y = tf.meshgrid(x, y, indexing="ij")
print(X.shape, Y.shape)

#@ repeat_values_and_grad
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(tf.repeat(x, 2))
print(tf.repeat(x, [1, 3], axis=0))
print(tf.repeat(x, 2, axis=1))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.repeat(x, [1, 3], axis=0) * tf.constant([[1.0], [2.0], [3.0], [4.0]])
print(t.gradient(y, x))

#@ roll_values_and_grad
x = tf.reshape(tf.range(6.0), (2, 3))
print(tf.roll(x, 1, axis=1))
print(tf.roll(x, shift=[1, -1], axis=[0, 1]))
print(tf.roll(tf.constant([1, 2, 3, 4]), -1, 0))
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.roll(x, 1, axis=1) * tf.constant([1.0, 2.0, 3.0])
print(t.gradient(y, x))

#@ slice_strided_slice_split_unstack
x = tf.reshape(tf.range(12), (3, 4))
print(tf.slice(x, [1, 1], [2, -1]))
print(tf.strided_slice(x, [0, 3], [3, 0], [2, -1]))
print(tf.split(x, [1, 3], axis=1))
print(tf.split(x, [2, -1], axis=1)[1])
print(tf.unstack(x, axis=1)[2])

#@ split_unstack_grads
x = tf.reshape(tf.range(6.0), (2, 3))
with tf.GradientTape() as t:
    t.watch(x)
    a, b = tf.split(x, [1, 2], axis=1)
    c = tf.unstack(x)
    y = tf.reduce_sum(a) * 2.0 + tf.reduce_sum(b * b) + tf.reduce_sum(c[1]) * 10.0
print(t.gradient(y, x))

#@ sequence_mask
print(tf.sequence_mask([1, 3, 2], 5))
print(tf.sequence_mask([[1, 3], [2, 0]]))
print(tf.sequence_mask([2, 0], 3, dtype=tf.float32))

#@ rank_shape_n_size_identity_n
x = tf.ones((2, 3))
print(tf.rank(x), tf.size(x), tf.size(x, out_type=tf.int64))
print(tf.shape_n([x, tf.ones(4)]))
print(tf.identity_n([x[0], tf.constant(1)]))

#@ one_hot_on_off_axis
print(tf.one_hot([0, 2, -1], 3))
print(tf.one_hot([0, 2], 3, on_value=5, off_value=-1))
print(tf.one_hot([0, 2], 3, axis=0))
print(tf.one_hot([[0, 1], [2, 0]], 3, axis=1, dtype=tf.float64).shape)
print(tf.one_hot([1], 2, on_value=2.0))

#@ reverse_sequence
x = tf.reshape(tf.range(8), (2, 4))
print(tf.reverse_sequence(x, [3, 2], seq_axis=1, batch_axis=0))
