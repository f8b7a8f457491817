# tf.SparseTensor and tf.sparse: construction, validation, printing, conversions, reorder,
# reshape, transpose, add, matmul, reductions, concat, slice, retain, fill_empty_rows, masks,
# maximum/minimum, softmax, map_values, specs, indicators, embedding_lookup_sparse, gradients.

#@ construct_print
st = tf.sparse.SparseTensor(indices=[[0, 3], [2, 4]], values=[10, 20], dense_shape=[3, 10])
print(st)
print(repr(st))
print(st.shape, st.dtype)
print(st.indices, st.values, st.dense_shape)

#@ construct_float_string
st = tf.SparseTensor([[0], [2]], [1.5, 2.5], [4])
print(st)
st = tf.SparseTensor([[1, 1]], ["x"], [2, 2])
print(st)

#@ construct_bad_rank
try:
    tf.SparseTensor(indices=[0, 1], values=[1, 2], dense_shape=[3])
except ValueError as e:
    print(type(e).__name__)

#@ construct_bad_count
try:
    tf.SparseTensor(indices=[[0], [1]], values=[1, 2, 3], dense_shape=[3])
except ValueError as e:
    print(type(e).__name__)

#@ to_dense
st = tf.SparseTensor(indices=[[0, 1], [1, 0]], values=[5, 7], dense_shape=[2, 3])
print(tf.sparse.to_dense(st))
print(tf.sparse.to_dense(st, default_value=-1))
st = tf.SparseTensor([[0], [2]], ["a", "b"], [3])
print(tf.sparse.to_dense(st, ''))

#@ to_dense_unordered_error
st = tf.SparseTensor(indices=[[1, 0], [0, 1]], values=[5, 7], dense_shape=[2, 3])
try:
    print(tf.sparse.to_dense(st))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)
print(tf.sparse.to_dense(st, validate_indices=False))

#@ from_dense
st = tf.sparse.from_dense([[1, 0, 0, 8], [0, 0, 0, 0], [0, 0, 3, 0]])
print(st)
print(tf.sparse.from_dense(tf.constant([0.0, 2.5, 0.0])))

#@ reorder
st = tf.SparseTensor(indices=[[1, 0], [0, 3], [0, 1]], values=[1, 2, 3], dense_shape=[2, 4])
r = tf.sparse.reorder(st)
print(r)
print(tf.sparse.to_dense(r))

#@ reshape
st = tf.SparseTensor(indices=[[0, 1], [1, 2]], values=[1, 2], dense_shape=[2, 3])
print(tf.sparse.reshape(st, [3, 2]))
print(tf.sparse.reshape(st, [-1]))
print(tf.sparse.reshape(st, [1, -1, 2]))

#@ transpose
st = tf.SparseTensor(indices=[[0, 1], [1, 2], [1, 0]], values=[1, 2, 3], dense_shape=[2, 3])
t = tf.sparse.transpose(st)
print(t)
print(tf.sparse.to_dense(t))

#@ add_sparse_sparse
st_a = tf.SparseTensor(indices=[[0, 2], [3, 4]], values=[31, 2], dense_shape=[4, 10])
st_b = tf.SparseTensor(indices=[[0, 2], [3, 0]], values=[56, 38], dense_shape=[4, 10])
s = tf.sparse.add(st_a, st_b)
print(s)

#@ add_sparse_dense
st = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[2, 3])
d = tf.ones([2, 3])
print(tf.sparse.add(st, d))
print(tf.sparse.add(d, st))

#@ add_threshold
a = tf.SparseTensor([[0], [1]], [1.0, 0.05], [3])
b = tf.SparseTensor([[1], [2]], [-0.04, 2.0], [3])
print(tf.sparse.add(a, b, threshold=0.02))

#@ add_cancel
a = tf.SparseTensor([[0], [1]], [1, 2], [2])
b = tf.SparseTensor([[1]], [-2], [2])
print(tf.sparse.add(a, b))

#@ sparse_dense_matmul
st = tf.SparseTensor(indices=([0, 1], [1, 0], [1, 1]), values=[13, 15, 17], dense_shape=(2, 2))
mb = tf.constant([[4], [6]])
print(tf.sparse.sparse_dense_matmul(st, mb))
stf = tf.SparseTensor([[0, 0], [1, 2]], [1.0, 2.0], [2, 3])
print(tf.sparse.sparse_dense_matmul(stf, tf.ones([2, 4]), adjoint_a=True))
print(tf.sparse.sparse_dense_matmul(tf.ones([4, 3]), stf, adjoint_b=True))

#@ matmul_shape_error
st = tf.SparseTensor([[0, 0]], [1.0], [2, 3])
try:
    tf.sparse.sparse_dense_matmul(st, tf.ones([2, 2]))
except (tf.errors.InvalidArgumentError, ValueError) as e:
    print(type(e).__name__)

#@ reduce_sum
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1, 2, 3], [2, 3])
print(tf.sparse.reduce_sum(st))
print(tf.sparse.reduce_sum(st, axis=0))
print(tf.sparse.reduce_sum(st, axis=1))
print(tf.sparse.reduce_sum(st, axis=1, keepdims=True))
print(tf.sparse.reduce_sum(st, axis=[0, 1]))

#@ reduce_sum_output_sparse
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1, 2, 3], [2, 3])
print(tf.sparse.reduce_sum(st, axis=1, output_is_sparse=True))

#@ reduce_max
print(tf.sparse.reduce_max(tf.sparse.from_dense([-5, 0, -3])))
print(tf.math.reduce_max([-5, 0, -3]))
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1, 2, 3], [2, 3])
print(tf.sparse.reduce_max(st, axis=1))
print(tf.sparse.reduce_max(st, axis=0))
print(tf.sparse.reduce_max(st, axis=1, output_is_sparse=True))

#@ concat
a = tf.SparseTensor(indices=[[2, 4], [3, 3]], values=[1, 1], dense_shape=[8, 5])
b = tf.SparseTensor(indices=[[0, 2], [1, 1]], values=[2, 2], dense_shape=[8, 6])
c = tf.SparseTensor(indices=[[3, 0]], values=[3], dense_shape=[8, 6])
s = tf.sparse.concat(axis=1, sp_inputs=[a, b, c])
print(s)
print(tf.sparse.to_dense(s))

#@ concat_axis0
a = tf.SparseTensor(indices=[[0, 1]], values=[1], dense_shape=[2, 3])
b = tf.SparseTensor(indices=[[1, 2]], values=[2], dense_shape=[2, 3])
print(tf.sparse.concat(0, [a, b]))

#@ concat_expand_nonconcat
a = tf.SparseTensor(indices=[[0, 1]], values=[1], dense_shape=[2, 3])
b = tf.SparseTensor(indices=[[2, 0]], values=[2], dense_shape=[3, 2])
print(tf.sparse.concat(1, [a, b], expand_nonconcat_dims=True))

#@ slice
a = tf.SparseTensor(indices=[[2, 4], [3, 3], [3, 4], [4, 3], [4, 4], [5, 4]],
                    values=[1, 2, 3, 4, 5, 6], dense_shape=[8, 5])
print(tf.sparse.slice(a, start=[0, 0], size=[8, 5]))
print(tf.sparse.slice(a, start=[3, 3], size=[2, 10]))
print(tf.sparse.to_dense(tf.sparse.slice(a, start=[0, 10], size=[8, 6])))

#@ retain
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1, 2, 3], [2, 3])
print(tf.sparse.retain(st, [True, False, True]))

#@ fill_empty_rows
st = tf.SparseTensor([[0, 1], [2, 0], [2, 2]], [1, 2, 3], [4, 3])
out, empty = tf.sparse.fill_empty_rows(st, -1)
print(out)
print(empty)

#@ mask
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1, 2, 3], [2, 3])
print(tf.sparse.maximum(st, tf.SparseTensor([[0, 0], [1, 2]], [5, -1], [2, 3])))
print(tf.sparse.minimum(st, tf.SparseTensor([[0, 0], [1, 2]], [5, -1], [2, 3])))

#@ indexed_slices_mask
s = tf.IndexedSlices(tf.constant([[1, 2], [3, 4], [5, 6]]), tf.constant([0, 3, 7]), tf.constant([10, 2]))
m = tf.sparse.mask(s, [3])
print(m.indices, m.values)

#@ softmax
st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], [1.0, 2.0, 3.0], [2, 3])
print(tf.sparse.softmax(st))

#@ map_values
st = tf.sparse.from_dense([[1, 0, 0, 8], [0, 0, 0, 0], [0, 0, 3, 0]])
print(tf.sparse.to_dense(tf.sparse.map_values(tf.add, st, 5)))
print(tf.sparse.map_values(tf.math.square, st))
st2 = tf.SparseTensor(st.indices, st.values + 5, st.dense_shape)
print(tf.sparse.to_dense(st2))

#@ map_values_mismatch
a = tf.SparseTensor([[0]], [1], [2])
b = tf.SparseTensor([[1]], [1], [2])
try:
    tf.sparse.map_values(tf.add, a, b)
except (ValueError, tf.errors.InvalidArgumentError) as e:
    print(type(e).__name__)

#@ spec
st = tf.SparseTensor([[0, 0]], [1.0], [2, 3])
spec = tf.SparseTensorSpec.from_value(st)
print(repr(spec))
print(spec.shape, spec.dtype)
print(tf.SparseTensorSpec([None, 4], tf.int64))
print(st._type_spec == spec)

#@ nest_expand
st = tf.SparseTensor([[0, 0]], [1.0], [2, 3])
print(tf.nest.flatten(st, expand_composites=True))
flat = tf.nest.flatten(st, expand_composites=True)
print(tf.nest.pack_sequence_as(st, flat, expand_composites=True))

#@ to_indicator
sp = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [2, 0, 3], [2, 2])
print(tf.sparse.to_indicator(sp, 4))

#@ embedding_lookup_sparse
params = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([0, 2, 1], tf.int64), [2, 2])
print(tf.nn.embedding_lookup_sparse(params, ids, None))
print(tf.nn.embedding_lookup_sparse(params, ids, None, combiner="sum"))
w = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [1.0, 3.0, 2.0], [2, 2])
print(tf.nn.embedding_lookup_sparse(params, ids, w, combiner="sqrtn"))

#@ sparse_segment_ops
data = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
print(tf.sparse.segment_sum(data, tf.constant([0, 2]), tf.constant([0, 0])))
print(tf.sparse.segment_mean(data, tf.constant([0, 1, 2]), tf.constant([0, 1, 1])))
print(tf.sparse.segment_sqrt_n(data, tf.constant([0, 1, 2]), tf.constant([0, 0, 1])))

#@ sparse_dense_cwise
st = tf.SparseTensor([[0, 0], [1, 2]], [2.0, 4.0], [2, 3])
print(st * tf.constant([[10.0, 20.0, 30.0]]))
print(st / tf.constant(2.0))
print(st * 3.0)

#@ sparse_eye_ones
print(tf.sparse.eye(3))
print(tf.sparse.eye(2, 3, dtype=tf.int32))

#@ sparse_expand_dims
st = tf.SparseTensor([[0, 1], [1, 2]], [1, 2], [2, 3])
print(tf.sparse.expand_dims(st, 0))
print(tf.sparse.expand_dims(st, -1).dense_shape)

#@ sparse_split
st = tf.SparseTensor([[0, 0], [0, 4], [1, 2]], [1, 2, 3], [2, 6])
for s in tf.sparse.split(sp_input=st, num_split=2, axis=1):
    print(s)

#@ sparse_cross_unsupported_bool
st = tf.SparseTensor([[0, 0], [1, 1]], [True, False], [2, 2])
print(tf.sparse.to_dense(st))

#@ sparse_reset_shape
st = tf.SparseTensor([[0, 1], [1, 2]], [1, 2], [4, 5])
print(tf.sparse.reset_shape(st))
print(tf.sparse.reset_shape(st, [3, 3]).dense_shape)

#@ gradient_to_dense
v = tf.constant([1.0, 2.0])
with tf.GradientTape() as g:
    g.watch(v)
    st = tf.SparseTensor([[0, 1], [1, 0]], v, [2, 2])
    d = tf.sparse.to_dense(st)
    y = tf.reduce_sum(d * tf.constant([[1.0, 2.0], [3.0, 4.0]]))
print(g.gradient(y, v))

#@ gradient_matmul
v = tf.constant([1.0, 2.0, 3.0])
b = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
with tf.GradientTape(persistent=True) as g:
    g.watch([v, b])
    st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], v, [2, 3])
    y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(st, b) ** 2)
print(g.gradient(y, v))
print(g.gradient(y, b))

#@ gradient_reduce_sum_add
v = tf.constant([1.0, 2.0, 3.0])
d = tf.constant([[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]])
with tf.GradientTape(persistent=True) as g:
    g.watch([v, d])
    st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], v, [2, 3])
    y = tf.reduce_sum(tf.sparse.reduce_sum(st, axis=1) ** 2)
    z = tf.reduce_sum(tf.sparse.add(st, d) ** 2)
print(g.gradient(y, v))
print(g.gradient(z, v), g.gradient(z, d))

#@ gradient_softmax
v = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as g:
    g.watch(v)
    st = tf.SparseTensor([[0, 0], [0, 2], [1, 1]], v, [2, 3])
    y = tf.reduce_sum(tf.sparse.softmax(st).values * tf.constant([1.0, 2.0, 3.0]))
print(g.gradient(y, v))

#@ dataset_sparse
st = tf.SparseTensor(indices=[(0, 0), (0, 1), (4, 3), (5, 0)], values=[1, 1, 1, 1], dense_shape=(6, 4))
ds = tf.data.Dataset.from_tensor_slices(st)
for e in ds.batch(3):
    print(e)
for e in ds.map(lambda x: x * 2).take(1):
    print(e)

#@ sparse_tensor_value_dtype
st = tf.SparseTensor([[0]], tf.constant([1], tf.int64), [2])
print(st.values.dtype, st.indices.dtype, st.dense_shape.dtype)
print(tf.sparse.to_dense(st).dtype)

#@ sparse_bincount
v = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [1, 3, 1], [2, 3])
print(tf.sparse.bincount(v, minlength=4))

#@ sparse_from_dense_strings
print(tf.sparse.from_dense(tf.constant([["a", ""], ["", "b"]])))

#@ sparse_reduce_empty_rows
st = tf.SparseTensor([[0, 0]], [4], [3, 2])
print(tf.sparse.reduce_sum(st, axis=1))
print(tf.sparse.reduce_max(st, axis=1))
