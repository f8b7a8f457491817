# tf.RaggedTensor and tf.ragged: construction, properties, conversion, printing, indexing,
# elementwise math with TF's broadcasting, reductions, dispatch of tf.concat/stack/gather/tile/
# where, specs, nest, gradients through the flat values and tf.data.

#@ constant_print
rt = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(rt)
print(repr(rt))
print(rt.dtype, rt.shape, rt.ragged_rank)

#@ constant_strings
rt = tf.ragged.constant([["So", "long"], ["thanks", "for", "all", "the", "fish"]])
print(rt)
print(rt.dtype, rt.shape)

#@ constant_floats
rt = tf.ragged.constant([[1.5, 2.0], [3.25], []])
print(rt)
print(rt.dtype)

#@ constant_dtype
rt = tf.ragged.constant([[1, 2], [3]], dtype=tf.float64)
print(rt)
print(rt.dtype, rt.row_splits.dtype)

#@ constant_row_splits_dtype
rt = tf.ragged.constant([[1, 2], [3]], row_splits_dtype=tf.int32)
print(repr(rt.row_splits))

#@ constant_3d
rt = tf.ragged.constant([[[1, 2], [3]], [[4, 5]], []])
print(rt)
print(rt.shape, rt.ragged_rank)
print(rt.flat_values)
for s in rt.nested_row_splits:
    print(s)

#@ constant_ragged_rank_1
rt = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
print(rt)
print(rt.shape, rt.ragged_rank)
print(rt.values)

#@ constant_inner_shape
rt = tf.ragged.constant([[1, 2, 3, 4], [5, 6]], inner_shape=(2,))
print(rt)
print(rt.shape)

#@ constant_empty
rt = tf.ragged.constant([[], []])
print(rt, rt.dtype, rt.shape)
print(tf.ragged.constant([], ragged_rank=1))

#@ constant_mixed_types_error
try:
    tf.ragged.constant([["one", "two"], [3, 4]])
except ValueError as e:
    print(type(e).__name__)

#@ constant_mixed_depth_error
try:
    tf.ragged.constant(["A", ["B", "C"]])
except ValueError as e:
    print(e)

#@ from_row_splits
rt = tf.RaggedTensor.from_row_splits(values=[3, 1, 4, 1, 5, 9, 2], row_splits=[0, 4, 4, 6, 7])
print(rt)
print(rt.row_lengths(), rt.value_rowids(), rt.nrows())

#@ from_row_lengths
rt = tf.RaggedTensor.from_row_lengths(values=[3, 1, 4, 1, 5, 9, 2], row_lengths=[4, 0, 2, 1])
print(rt)
print(rt.row_splits)

#@ from_value_rowids
rt = tf.RaggedTensor.from_value_rowids(values=[3, 1, 4, 1, 5, 9, 2],
                                       value_rowids=[0, 0, 0, 0, 2, 2, 3])
print(rt)
rt = tf.RaggedTensor.from_value_rowids(values=[3, 1], value_rowids=[0, 1], nrows=4)
print(rt)

#@ from_row_starts_limits
print(tf.RaggedTensor.from_row_starts(values=[3, 1, 4, 1, 5], row_starts=[0, 2, 2]))
print(tf.RaggedTensor.from_row_limits(values=[3, 1, 4, 1, 5], row_limits=[2, 2, 5]))

#@ from_nested_row_splits
rt = tf.RaggedTensor.from_nested_row_splits(
    flat_values=[10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
    nested_row_splits=([0, 1, 1, 5], [0, 3, 3, 5, 9, 10]))
print(rt)
print(rt.shape, rt.ragged_rank)

#@ from_nested_row_lengths
rt = tf.RaggedTensor.from_nested_row_lengths([1, 2, 3, 4], ([2, 1], [1, 2, 1]))
print(rt)
print(rt.nested_row_lengths())

#@ from_row_splits_bad
try:
    tf.RaggedTensor.from_row_splits(values=[1, 2, 3], row_splits=[0, 2, 1, 3])
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)

#@ from_row_splits_bad_first
try:
    tf.RaggedTensor.from_row_splits(values=[1, 2, 3], row_splits=[1, 3])
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)

#@ from_uniform_row_length
rt = tf.RaggedTensor.from_uniform_row_length(values=[1, 2, 3, 4, 5, 6], uniform_row_length=2)
print(rt)
print(rt.shape, rt.uniform_row_length)

#@ from_tensor_basic
x = [[1, 3, -1, -1], [2, -1, -1, -1], [4, 5, 8, 9]]
print(tf.RaggedTensor.from_tensor(x))
print(tf.RaggedTensor.from_tensor(x, padding=-1))
print(tf.RaggedTensor.from_tensor(x, lengths=[2, 0, 3]))

#@ from_tensor_ragged_rank
x = tf.reshape(tf.range(12), [2, 3, 2])
rt = tf.RaggedTensor.from_tensor(x, ragged_rank=2)
print(rt)
print(rt.shape, rt.ragged_rank)
rt = tf.RaggedTensor.from_tensor(x, padding=0)
print(rt)

#@ from_sparse
st = tf.SparseTensor(indices=[[0, 0], [2, 0], [2, 1]], values=['a', 'b', 'c'], dense_shape=[3, 3])
print(tf.RaggedTensor.from_sparse(st))

#@ to_tensor
rt = tf.ragged.constant([[1, 2], [3], [], [4, 5, 6]])
print(rt.to_tensor())
print(rt.to_tensor(default_value=-1))
print(rt.to_tensor(shape=[3, 2]))
print(rt.to_tensor(default_value=9, shape=[None, 5]))

#@ to_tensor_3d
rt = tf.ragged.constant([[[1], [2, 3]], [[4, 5, 6]]])
print(rt.to_tensor())
rt = tf.ragged.constant([["Hi"], ["Welcome", "to", "the", "fair"], ["Have", "fun"]])
print(rt.to_tensor(default_value='', shape=[None, 10]))

#@ to_sparse
rt = tf.ragged.constant([[1, 2], [3], [], [4, 5, 6]])
print(rt.to_sparse())
rt = tf.ragged.constant([[[1], [2, 3]], [[4]]])
print(rt.to_sparse())

#@ to_list_numpy
rt = tf.ragged.constant([[1, 2], [3, 4, 5], [6], [], [7]])
print("Python list:", rt.to_list())
print("NumPy array:", rt.numpy())
print("Values:", rt.values.numpy())
print("Splits:", rt.row_splits.numpy())
print("Indexed value:", rt[1].numpy())
print(repr(tf.ragged.constant([[1, 2], [3, 4]]).numpy()))
print(repr(tf.ragged.constant([["a"], ["b", "c"]]).numpy()))

#@ print_wide
rt = tf.ragged.constant([list(range(15))] * 4 + [[1]])
print(rt)
rt = tf.ragged.constant([[0.5, 1.25, 3.0], [2.0]])
print(rt)
rt = tf.ragged.constant([[True, False], [True]])
print(rt)

#@ print_inner_dims
rt = tf.RaggedTensor.from_row_splits(values=[[1, 3], [0, 0], [1, 3], [5, 3], [3, 3], [1, 2]],
                                     row_splits=[0, 3, 4, 6])
print(rt)
print(rt.shape, rt.flat_values.shape)

#@ bounding_shape
rt = tf.ragged.constant([[1], [2, 3, 4], [], [5, 6]])
print(rt.bounding_shape())
print(rt.bounding_shape(axis=1))
rt = tf.ragged.constant([[[1], [2, 3]], [[4]]])
print(rt.bounding_shape())

#@ shape_and_tf_shape
rt = tf.ragged.constant([[1], [2, 3, 4], [], [5, 6]])
print(repr(rt.shape))
print(rt.get_shape())
print(tf.size(rt))
print(tf.rank(rt))

#@ index_rows
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(digits[0])
print(digits[2, 1])
print(digits[-2])
print(digits[1:3])
print(digits[::2])

#@ index_columns
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(digits[:, :2])
print(digits[:, -2:])
print(digits[:, 1:])

#@ index_3d
rt = tf.ragged.constant([[[1, 2, 3], [4]], [[5], [], [6]], [[7]], [[8, 9], [10]]])
print(rt[1])
print(rt[3, 0])
print(rt[:, 1:3])
print(rt[:, -1:])
print(rt[1, 2, 0])

#@ index_out_of_range
rt = tf.ragged.constant([[1, 2], [3]])
try:
    rt[5]
except (tf.errors.InvalidArgumentError, IndexError, ValueError) as e:
    print(type(e).__name__)

#@ index_ragged_column_error
rt = tf.ragged.constant([[1, 2], [3]])
try:
    rt[:, 0]
except ValueError as e:
    print(e)

#@ add_scalar
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(tf.add(digits, 3))
print(digits + 3)
print(3 + digits)
print(digits * 2 - 1)
print(-digits)

#@ add_ragged
x = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
y = tf.ragged.constant([[1, 1], [2], [3, 3, 3]])
print(x + y)
print(x * y)
print(x // y, x % y)

#@ unary_math
x = tf.ragged.constant([[1.0, 4.0], [9.0], []])
print(tf.sqrt(x))
print(tf.math.log(x))
print(tf.abs(-x))
print(tf.math.square(x))
print(tf.cast(x, tf.int32))

#@ compare_ragged
x = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
print(x > 2)
print(tf.equal(x, 3))
print(tf.logical_not(x > 2))
print(tf.math.maximum(x, 3))

#@ broadcast_column
x = tf.ragged.constant([[10, 87, 12], [19, 53], [12, 32]])
y = [[1000], [2000], [3000]]
print(x + y)

#@ broadcast_inner
x = tf.ragged.constant([[[1, 2], [3, 4], [5, 6]], [[7, 8]]], ragged_rank=1)
y = tf.constant([[10]])
print(x + y)
print(x * tf.constant([1, -1]))

#@ broadcast_rank4
x = tf.ragged.constant([[[[1], [2]], [], [[3]], [[4]]], [[[5], [6]], [[7]]]], ragged_rank=2)
y = tf.constant([10, 20, 30])
print(x + y)

#@ broadcast_error_dense
x = tf.ragged.constant([[1, 2], [3, 4, 5, 6], [7]])
y = tf.constant([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
try:
    x + y
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)

#@ broadcast_error_ragged
x = tf.ragged.constant([[1, 2, 3], [4], [5, 6]])
y = tf.ragged.constant([[10, 20], [30, 40], [50]])
try:
    x + y
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)

#@ map_flat_values
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(tf.ragged.map_flat_values(lambda x: x * 2 + 1, digits))
print(tf.ragged.map_flat_values(tf.one_hot, digits, 10).shape)

#@ with_values
rt = tf.ragged.constant([[1, 2], [3]])
print(rt.with_values(tf.constant([7, 8, 9])))
print(rt.with_flat_values(tf.constant([0.5, 1.5, 2.5])))

#@ reduce_sum_mean
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(tf.reduce_sum(digits, axis=1))
print(tf.reduce_sum(digits, axis=0))
print(tf.reduce_sum(digits))
print(tf.reduce_mean(digits, axis=1))
print(tf.reduce_mean(tf.cast(digits, tf.float32), axis=0))

#@ reduce_max_min
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(tf.reduce_max(digits, axis=1))
print(tf.reduce_min(digits, axis=1))
print(tf.reduce_max(digits, axis=0))
print(tf.math.reduce_max(digits, axis=-1))

#@ reduce_prod_any_all
x = tf.ragged.constant([[1, 2, 3], [4], []])
print(tf.reduce_prod(x, axis=1))
b = tf.ragged.constant([[True, False], [True], []])
print(tf.reduce_any(b, axis=1), tf.reduce_all(b, axis=1))

#@ reduce_3d
x = tf.ragged.constant([[[1, 2], [3]], [[4, 5, 6]], []])
print(tf.reduce_sum(x, axis=2))
print(tf.reduce_sum(x, axis=1))
print(tf.reduce_sum(x, axis=0))
print(tf.reduce_sum(x, axis=[1, 2]))

#@ reduce_keepdims
x = tf.ragged.constant([[1, 2, 3], [4], [5, 6]])
print(tf.reduce_sum(x, axis=1, keepdims=True))

#@ concat_axis0
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(tf.concat([digits, [[5, 3]]], axis=0))

#@ concat_axis1
x = tf.ragged.constant([["John"], ["a", "big", "dog"], ["my", "cat"]])
y = tf.ragged.constant([["fell", "asleep"], ["barked"], ["is", "fuzzy"]])
print(tf.concat([x, y], axis=1))

#@ stack
x = tf.ragged.constant([[1, 2], [3]])
y = tf.ragged.constant([[4], [5, 6, 7]])
print(tf.stack([x, y], axis=0))
print(tf.ragged.stack([x, y], axis=1))
print(tf.ragged.stack([tf.constant([1, 2]), tf.constant([3])]))

#@ tile
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(tf.tile(digits, [1, 2]))
print(tf.tile(digits, [2, 1]))

#@ gather
rt = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
print(tf.gather(rt, [2, 0, 2]))
print(tf.gather(rt, tf.ragged.constant([[1, 0], [2]])))

#@ where
c = tf.ragged.constant([[True, False], [False]])
x = tf.ragged.constant([[1, 2], [3]])
y = tf.ragged.constant([[10, 20], [30]])
print(tf.where(c, x, y))
print(tf.where(tf.ragged.constant([[True, False, True], [True]])))

#@ boolean_mask
rt = tf.ragged.constant([[1, 2, 3], [4], [5, 6]])
print(tf.ragged.boolean_mask(rt, rt > 2))
print(tf.ragged.boolean_mask(rt, [True, False, True]))
print(tf.ragged.boolean_mask([[1, 2, 3], [4, 5, 6]], [[True, False, True], [False, False, True]]))

#@ ragged_range
print(tf.ragged.range([3, 0, 5]))
print(tf.ragged.range([0, 5, 8], [3, 3, 12]))
print(tf.ragged.range(0, 10, [2, 3, 4]))
print(tf.ragged.range([1.0, 2.0], 4.0, 0.5))

#@ map_fn_square
digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
print(tf.map_fn(tf.math.square, digits))

#@ strings_on_ragged
words = tf.ragged.constant([["So", "long"], ["thanks", "for", "all", "the", "fish"]])
print(tf.strings.substr(words, 0, 2))
print(tf.strings.length(words))
print(tf.strings.upper(words))

#@ spec
rt = tf.ragged.constant([[1, 2], [3]])
spec = tf.RaggedTensorSpec.from_value(rt)
print(repr(spec))
print(spec.shape, spec.dtype, spec.ragged_rank, spec.row_splits_dtype)
print(tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32))
print(tf.RaggedTensorSpec([2, None, 3], tf.float32, ragged_rank=1))
print(spec == tf.RaggedTensorSpec([2, None], tf.int32))
print(spec.is_compatible_with(rt))
print(rt._type_spec == spec)

#@ nest_expand_composites
rt = tf.ragged.constant([[1, 2], [3]])
print(tf.nest.flatten(rt))
print(tf.nest.flatten({"a": rt, "b": 1}, expand_composites=True))
print(tf.nest.flatten(rt, expand_composites=True))
flat = tf.nest.flatten(rt, expand_composites=True)
print(tf.nest.pack_sequence_as(rt, flat, expand_composites=True))

#@ isinstance_checks
rt = tf.ragged.constant([[1, 2], [3]])
print(isinstance(rt, tf.RaggedTensor), tf.is_tensor(rt), isinstance(rt, tf.Tensor))
print(tf.ragged.is_ragged(rt), tf.ragged.is_ragged(tf.constant(1)))

#@ row_lengths_axis
rt = tf.ragged.constant([[[1], [2, 3]], [[4, 5, 6]], []])
print(rt.row_lengths())
print(rt.row_lengths(axis=2))
print(rt.nested_row_lengths())
print(rt.nested_value_rowids())

#@ merge_dims
rt = tf.ragged.constant([[[1], [2, 3]], [[4, 5, 6]], []])
print(rt.merge_dims(0, 1))
print(rt.merge_dims(1, 2))
print(rt.merge_dims(0, -1))

#@ gradient_flat_values
x = tf.constant([1.0, 2.0, 3.0, 4.0])
with tf.GradientTape() as g:
    g.watch(x)
    rt = tf.RaggedTensor.from_row_splits(x, [0, 3, 4])
    y = tf.reduce_sum(rt * rt, axis=1)
    loss = tf.reduce_sum(y * tf.constant([1.0, 10.0]))
print(g.gradient(loss, x))

#@ gradient_reduce_mean
x = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
with tf.GradientTape() as g:
    g.watch(x)
    rt = tf.RaggedTensor.from_row_lengths(x, [2, 0, 3])
    y = tf.reduce_sum(tf.reduce_mean(rt, axis=1))
print(g.gradient(y, x))

#@ gradient_to_tensor
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as g:
    g.watch(x)
    rt = tf.RaggedTensor.from_row_lengths(x, [1, 2])
    d = rt.to_tensor()
    y = tf.reduce_sum(d * tf.constant([[1.0, 2.0], [3.0, 4.0]]))
print(g.gradient(y, x))

#@ gradient_reduce_max
x = tf.constant([1.0, 5.0, 3.0, 4.0])
with tf.GradientTape() as g:
    g.watch(x)
    rt = tf.RaggedTensor.from_row_lengths(x, [3, 1])
    y = tf.reduce_sum(tf.reduce_max(rt, axis=1))
print(g.gradient(y, x))

#@ dataset_from_tensor_slices
rt = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
ds = tf.data.Dataset.from_tensor_slices(rt)
print(ds.element_spec)
for e in ds:
    print(e)

#@ dataset_batch_unbatch
rt = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
ds = tf.data.Dataset.from_tensor_slices(rt).batch(2)
print(ds.element_spec)
for e in ds:
    print(e)
for e in ds.unbatch():
    print(e)

#@ dataset_ragged_batch
ds = tf.data.Dataset.from_tensor_slices([1, 5, 3, 2, 8]).map(tf.range)
for e in ds.ragged_batch(2):
    print(e)
print(ds.ragged_batch(2).element_spec)

#@ dataset_dense_to_ragged_batch
ds = tf.data.Dataset.from_tensor_slices([1, 5, 3, 2, 8]).map(tf.range)
for e in ds.apply(tf.data.experimental.dense_to_ragged_batch(2)):
    print(e)

#@ dataset_map_ragged
rt = tf.ragged.constant([[1, 2], [3], [4, 5, 6]])
ds = tf.data.Dataset.from_tensor_slices(rt).map(lambda x: x * 2)
for e in ds:
    print(e)
ds = tf.data.Dataset.from_tensor_slices([3, 1]).map(lambda n: tf.ragged.range(tf.range(n)))
for e in ds:
    print(e)

#@ ragged_str_nested_4d
c = tf.ragged.constant([[[["I", "like"]], [["Oh"], ["What", "can"]]], [[["Yes."]]]])
print(c.shape)
print(c.ragged_rank)
print(c.flat_values.numpy())
print(c)

#@ row_splits_int32_ops
rt = tf.RaggedTensor.from_row_splits([1, 2, 3], tf.constant([0, 1, 3], tf.int32))
print(rt.row_splits.dtype, rt.row_lengths().dtype, rt.value_rowids().dtype, rt.nrows().dtype)
print(rt + 1)

#@ ragged_equality_op
x = tf.ragged.constant([[1, 2], [3]])
print(x == x)
print(x != x)
