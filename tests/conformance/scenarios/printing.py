# Printing: str/repr of tensors, variables, shapes and dtypes.

#@ str_scalar_float
print(tf.constant(16.0))

#@ str_scalar_int
print(tf.constant(42))

#@ str_scalar_bool
print(tf.constant(True))

#@ str_vector_float
print(tf.constant([1.0, 2.5, -3.0]))

#@ str_vector_int
print(tf.constant([1, 20, 300]))

#@ str_matrix_multiline
print(tf.ones((2, 2)))

#@ str_rank3
print(tf.reshape(tf.range(12), (2, 3, 2)))

#@ str_summarized_long
print(tf.range(2000))

#@ str_summarized_matrix
print(tf.reshape(tf.range(2000.0), (40, 50)))

#@ str_empty
print(tf.constant([]))

#@ str_empty_matrix
print(tf.zeros((0, 3)))

#@ str_float64
print(tf.constant([0.1, 0.2], dtype=tf.float64))

#@ str_float16
print(tf.constant([0.1, 1.5, 1000.0], dtype=tf.float16))

#@ str_complex
print(tf.constant([1 + 2j, -0.5j]))

#@ str_nan_inf
print(tf.constant([float("nan"), float("inf"), -float("inf"), -0.0]))

#@ str_large_small_floats
print(tf.constant([1e10, 1e-8, 3.0]))

#@ str_uint8
print(tf.constant([0, 255], dtype=tf.uint8))

#@ str_int64
print(tf.constant([2**40, -1], dtype=tf.int64))

#@ str_bool_vector
print(tf.constant([True, False, True]))

#@ repr_scalar_int
print(repr(tf.constant(42)))

#@ repr_scalar_float
print(repr(tf.constant(16.0)))

#@ repr_vector_float64
print(repr(tf.constant([2.0, 4.0, 5.0], dtype=tf.float64)))

#@ repr_vector_float32
print(repr(tf.constant([2.0, 4.0, 5.0])))

#@ repr_matrix_multiline
print(repr(tf.constant([[1, 2], [3, 4]])))

#@ repr_bool_scalar
print(repr(tf.constant(False)))

#@ repr_empty
print(repr(tf.constant([], dtype=tf.int32)))

#@ repr_in_list
print([tf.constant(1.0), tf.constant([1, 2])])

#@ repr_float16_scalar
print(repr(tf.constant(0.5, dtype=tf.float16)))

#@ fstring_tensor
t = tf.constant([1.0, 2.0])
print(f"value: {t}")

#@ format_spec_scalar
t = tf.constant(3.14159)
print(f"{t:.2f}")

#@ numpy_print
print(tf.constant([[1.0, 2.0], [3.0, 4.0]]).numpy())

#@ numpy_scalar_print
v = tf.constant(2.5).numpy()
print(v, type(v).__name__)

#@ variable_str
print(tf.Variable([1.0, 2.0], name="w"))

#@ variable_repr_unnamed
print(repr(tf.Variable(3.0)))

#@ variable_repr_matrix
print(repr(tf.Variable([[1, 2], [3, 4]], name="m")))

#@ variable_repr_int_scalar
print(repr(tf.Variable(7, name="count")))

#@ shape_str_repr
s = tf.constant([[1, 2, 3], [4, 5, 6]]).shape
print(s)
print(repr(s))

#@ shape_scalar_str_repr
s = tf.constant(1.0).shape
print(s)
print(repr(s))

#@ shape_vector_str
print(tf.zeros([5]).shape)

#@ tensorshape_unknown_dim
s = tf.TensorShape([None, 3])
print(s)
print(repr(s))

#@ dtype_str_repr
print(tf.float32)
print(repr(tf.float32))
print(str(tf.int64), repr(tf.bool))

#@ dtype_of_tensor_printed
print(tf.constant(1).dtype, tf.constant(1.0).dtype)

#@ print_gradient_list
x = tf.Variable(2.0)
y = tf.Variable(3.0)
with tf.GradientTape() as tape:
    z = x * y
print(tape.gradient(z, [x, y]))

#@ print_negative_matrix_padding
print(tf.constant([[-1.5, 2.0], [100.0, -0.25]]))

#@ print_int_matrix_padding
print(tf.constant([[1, -200], [30, 4]]))

#@ print_precision_float32
print(tf.constant([1.0 / 3.0, 2.0 / 3.0]))
