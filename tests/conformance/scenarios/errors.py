# Errors: each scenario ends in the exception under test (recorded by class name; the
# message is kept for information), or catches it and prints what a user would see.

#@ mixed_float_dtypes_add
tf.constant(1.0) + tf.constant(1.0, dtype=tf.float64)

#@ mixed_int_float_add
tf.constant(1) + tf.constant(1.0)

#@ mixed_dtypes_multiply_function
tf.multiply(tf.constant(1), tf.constant(1.0))

#@ mixed_dtypes_matmul
tf.matmul(tf.constant([[1.0]]), tf.constant([[1]]))

#@ mixed_dtypes_equal
tf.constant([1, 2]) == tf.constant([1.0, 2.0])

#@ mixed_dtypes_caught_is_invalid_argument
try:
    tf.constant([1.0]) - tf.constant([1.0], dtype=tf.float16)
except tf.errors.InvalidArgumentError as e:
    print("caught InvalidArgumentError")
    print(isinstance(e, tf.errors.OpError))

#@ python_float_times_int_tensor
tf.constant([1, 2]) * 1.5

#@ python_float_plus_int_tensor
tf.constant([1, 2]) + 1.5

#@ python_float_radd_int_tensor
1.5 + tf.constant([1, 2])

#@ python_float_minus_int_tensor
tf.constant([1, 2]) - 1.5

#@ tf_add_int_tensor_python_float
tf.add(tf.constant([1, 2]), 1.5)

#@ tf_multiply_int_tensor_python_float
tf.multiply(tf.constant([1, 2]), 1.5)

#@ int_tensor_truediv_python_float
tf.constant([1, 2]) / 1.5

#@ int_tensor_pow_python_float
tf.constant([1, 2]) ** 0.5

#@ clip_int_with_float_bounds
tf.clip_by_value(tf.constant([1, 2]), 0.5, 1.5)

#@ matmul_inner_dim_mismatch
tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))

#@ matmul_operator_mismatch
tf.ones((2, 3)) @ tf.ones((2, 3))

#@ matmul_rank1
tf.matmul(tf.ones((3,)), tf.ones((3,)))

#@ broadcast_incompatible
tf.ones((2, 3)) + tf.ones((2,))

#@ broadcast_incompatible_comparison
tf.constant([1, 2]) < tf.constant([1, 2, 3])

#@ equality_incompatible_shapes_is_false
print(tf.constant([1, 2]) == tf.constant([1, 2, 3]))

#@ broadcast_to_incompatible
tf.broadcast_to(tf.constant([1, 2, 3]), [2, 2])

#@ reshape_wrong_size
tf.reshape(tf.range(6), (4, 2))

#@ reshape_inferred_not_divisible
tf.reshape(tf.range(6), (-1, 4))

#@ concat_shape_mismatch
tf.concat([tf.ones((2, 2)), tf.ones((3, 3))], 0)

#@ stack_shape_mismatch
tf.stack([tf.ones((2,)), tf.ones((3,))])

#@ split_uneven
tf.split(tf.range(5), 2)

#@ squeeze_non_unit_axis
tf.squeeze(tf.ones((2, 3)), axis=0)

#@ reduce_invalid_axis
tf.reduce_sum(tf.ones((2, 3)), axis=2)

#@ gather_index_out_of_range
tf.gather(tf.constant([1, 2, 3]), [5])

#@ index_out_of_range
tf.constant([1, 2, 3])[5]

#@ too_many_indices
tf.constant([1, 2, 3])[0, 0]

#@ float_index
tf.constant([1, 2, 3])[1.0]

#@ tensor_item_assignment
t = tf.constant([1, 2, 3])
t[0] = 5

#@ integer_floordiv_by_zero
tf.constant(1) // tf.constant(0)

#@ integer_truediv_by_zero_is_inf
print(tf.constant(1) / tf.constant(0))

#@ sqrt_of_int
tf.sqrt(tf.constant(4))

#@ exp_of_int
tf.exp(tf.constant(1))

#@ softmax_of_int
tf.nn.softmax(tf.constant([1, 2]))

#@ reduce_sum_of_bool
tf.reduce_sum(tf.constant([True, False]))

#@ logical_and_of_int
tf.logical_and(tf.constant(1), tf.constant(1))

#@ bitwise_and_of_float
tf.constant(1.0) & tf.constant(1.0)

#@ range_zero_delta
tf.range(0, 5, 0)

#@ sparse_xent_label_out_of_range
tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([5]), logits=tf.ones((1, 3)))

#@ constant_float_into_int_dtype
tf.constant(2.2, dtype=tf.int32)

#@ constant_float_list_into_int_dtype
tf.constant([1.5, 2], dtype=tf.int32)

#@ non_rectangular_list
tf.constant([[1, 2], [3]])

#@ non_rectangular_convert_to_tensor
tf.convert_to_tensor([[1.0], [2.0, 3.0]])

#@ as_dtype_unknown
tf.as_dtype("floaty")

#@ cast_to_unknown_dtype
tf.cast(tf.constant(1.0), "nonsense")

#@ tensor_unhashable
hash(tf.constant(1))

#@ tensor_as_dict_key
d = {tf.constant(1): "one"}

#@ tensor_in_set
s = {tf.constant([1.0])}

#@ variable_unhashable
hash(tf.Variable(1.0))

#@ len_of_scalar
len(tf.constant(1))

#@ iterate_scalar
for _ in tf.constant(1.0):
    pass

#@ bool_of_vector
bool(tf.constant([1, 2]))

#@ if_on_vector_comparison
x = tf.constant([1.0, -1.0])
if x > 0:
    print("positive")

#@ float_of_vector
float(tf.constant([1.0, 2.0]))

#@ variable_assign_shape_mismatch
v = tf.Variable([1.0, 2.0])
try:
    v.assign([1.0, 2.0, 3.0])
except ValueError:
    print("ValueError")
print(v)

#@ variable_assign_shape_mismatch_uncaught
v = tf.Variable([[1.0, 2.0]])
v.assign([1.0, 2.0])

#@ variable_assign_add_shape_mismatch
v = tf.Variable([1.0, 2.0])
v.assign_add([1.0, 2.0, 3.0])

#@ variable_assign_float_to_int
v = tf.Variable(1)
v.assign(1.5)

#@ variable_assign_other_dtype_tensor
v = tf.Variable(1.0)
v.assign(tf.constant(1.0, dtype=tf.float64))

#@ variable_without_initial_value
tf.Variable(None)

#@ variable_plus_other_dtype
v = tf.Variable(1.0)
v + tf.constant(1, dtype=tf.int32)

#@ tape_non_persistent_second_use
x = tf.constant(1.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
tape.gradient(y, x)
tape.gradient(y, x)

#@ tape_target_none
x = tf.constant(1.0)
with tf.GradientTape() as tape:
    tape.watch(x)
tape.gradient(None, x)

#@ tape_watch_python_float
with tf.GradientTape() as tape:
    tape.watch(3.0)

#@ tape_watch_numpy_array
with tf.GradientTape() as tape:
    tape.watch(np.array([1.0, 2.0]))

#@ tape_watch_list_with_non_tensor
a = tf.constant(1.0)
with tf.GradientTape() as tape:
    tape.watch([a, 2.0])

#@ tape_reenter_active
tape = tf.GradientTape()
with tape:
    with tape:
        pass

#@ tape_reset_outside_context
tape = tf.GradientTape()
tape.reset()

#@ tape_unconnected_invalid
x = tf.Variable(1.0)
with tf.GradientTape() as tape:
    y = x * 2.0
tape.gradient(y, x, unconnected_gradients="always")

#@ tape_output_gradients_shape_mismatch
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
tape.gradient(y, x, output_gradients=tf.constant([1.0, 2.0, 3.0]))

#@ error_classes_hierarchy
print(issubclass(tf.errors.InvalidArgumentError, tf.errors.OpError))
print(issubclass(tf.errors.OpError, Exception))
print(tf.errors.InvalidArgumentError.__name__)

#@ error_message_mentions_op
try:
    tf.constant(1.0) + tf.constant(1.0, dtype=tf.float64)
except tf.errors.InvalidArgumentError as e:
    print("AddV2" in str(e), "double" in str(e))
