# Dtype inference, conversion, casting and the tf.DType API.

#@ infer_python_float
print(tf.constant(1.5).dtype)

#@ infer_python_int
print(tf.constant(3).dtype)

#@ infer_python_bool
print(tf.constant(True).dtype)

#@ infer_python_complex
print(tf.constant(1 + 1j).dtype)

#@ infer_empty_list
t = tf.constant([])
print(t.dtype, t.shape)

#@ infer_mixed_int_float_list
t = tf.constant([1, 2.5])
print(t)

#@ infer_nested_list
t = tf.constant([[1, 2], [3, 4]])
print(t.dtype, t.shape)

#@ infer_int_too_big_for_int32
t = tf.constant(2**31)
print(t)

#@ infer_numpy_float64_array
t = tf.constant(np.array([1.0, 2.0]))
print(t.dtype)

#@ infer_numpy_int64_array
t = tf.constant(np.array([1, 2], dtype=np.int64))
print(t.dtype)

#@ infer_numpy_float32_array
t = tf.convert_to_tensor(np.ones((2,), dtype=np.float32))
print(t.dtype)

#@ infer_numpy_scalar_float64
t = tf.constant(np.float64(1.0))
print(repr(t))

#@ infer_numpy_bool_array
print(tf.constant(np.array([True, False])).dtype)

#@ explicit_dtype_float64
print(tf.constant([1, 2], dtype=tf.float64))

#@ explicit_dtype_int_to_float32
print(tf.constant(1, dtype=tf.float32))

#@ explicit_dtype_uint8
print(repr(tf.constant([1, 2, 3], dtype=tf.uint8)))

#@ convert_to_tensor_dtype
print(tf.convert_to_tensor([1.0, 2.0], dtype=tf.float64))

#@ convert_to_tensor_of_tensor
a = tf.constant([1, 2])
b = tf.convert_to_tensor(a)
print(b)

#@ cast_float_to_int_truncates
print(tf.cast(tf.constant([1.7, -1.7, 2.5, -0.5]), tf.int32))

#@ cast_to_bool
print(tf.cast(tf.constant([0.0, 0.5, -2.0]), tf.bool))

#@ cast_bool_to_float
print(tf.cast(tf.constant([True, False]), tf.float32))

#@ cast_int_to_float64
print(tf.cast(tf.constant([1, 2]), tf.float64))

#@ cast_float64_to_float32_rounding
print(tf.cast(tf.constant(0.1, dtype=tf.float64), tf.float32).numpy().item())

#@ cast_to_float16
print(tf.cast(tf.constant([1.0, 65504.0, 1e-3]), tf.float16))

#@ cast_complex_from_float
print(tf.cast(tf.constant([1.0, 2.0]), tf.complex64))

#@ cast_int_to_uint8_wraps
print(tf.cast(tf.constant([300, -1]), tf.uint8))

#@ cast_same_dtype
a = tf.constant([1.0])
print(tf.cast(a, tf.float32))

#@ as_dtype_from_string
print(repr(tf.as_dtype("float32")), repr(tf.as_dtype("int64")))

#@ as_dtype_from_numpy
print(repr(tf.as_dtype(np.float64)), repr(tf.as_dtype(np.dtype("uint16"))))

#@ dtype_equality
print(tf.as_dtype("float32") == tf.float32)
print(tf.float32 == tf.float64)
print(tf.int32 != tf.int64)

#@ dtype_is_floating
for d in [tf.float16, tf.float32, tf.float64, tf.int32, tf.bool, tf.complex64]:
    print(d.name, d.is_floating)

#@ dtype_is_integer
for d in [tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8, tf.uint16, tf.uint32, tf.uint64, tf.float32, tf.bool]:
    print(d.name, d.is_integer)

#@ dtype_size
for d in [tf.int8, tf.uint16, tf.float16, tf.float32, tf.int64, tf.float64, tf.complex64, tf.complex128, tf.bool]:
    print(d.name, d.size)

#@ dtype_names
print([d.name for d in [tf.float16, tf.float32, tf.float64, tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8, tf.uint16, tf.uint32, tf.uint64, tf.bool, tf.complex64, tf.complex128]])

#@ truediv_int32_gives_float64
r = tf.constant([1, 2]) / tf.constant([2, 4])
print(r)

#@ truediv_int64_gives_float64
r = tf.constant([7], dtype=tf.int64) / tf.constant([2], dtype=tf.int64)
print(r.dtype, r.numpy())

#@ truediv_int16_gives_float32
r = tf.constant([7], dtype=tf.int16) / tf.constant([2], dtype=tf.int16)
print(r)

#@ truediv_uint8_gives_float32
r = tf.constant([7], dtype=tf.uint8) / tf.constant([2], dtype=tf.uint8)
print(r)

#@ truediv_int_by_python_int
print(tf.constant(7) / 2)

#@ tensor_plus_python_int_keeps_float32
print(tf.constant([1.0, 2.0]) + 10)

#@ tensor_plus_numpy_float64_keeps_float32
r = tf.constant([1.0, 2.0]) + np.array([2.0, 3.0])
print(r)

#@ int_tensor_plus_python_int
print(tf.constant([1, 2]) + 3)

#@ int8_overflow_wraps
print(tf.constant(127, dtype=tf.int8) + 1)

#@ reduce_mean_int_truncates
print(tf.reduce_mean(tf.constant([1, 2])))

#@ float16_arithmetic
a = tf.constant([0.1, 0.2], dtype=tf.float16)
print(a + a)

#@ float64_precision
print(tf.constant(1.0, dtype=tf.float64) / 3.0)

#@ creation_op_dtypes
print(tf.zeros([2]).dtype, tf.ones([2], dtype=tf.int32).dtype)
print(tf.range(3).dtype, tf.range(3.0).dtype)
print(tf.linspace(0.0, 1.0, 3).dtype, tf.eye(2).dtype)
print(tf.fill([2], 7).dtype, tf.fill([2], 7.0).dtype)
print(tf.one_hot([0, 1], 2).dtype)

#@ index_op_dtypes
print(tf.argmax(tf.constant([1.0, 3.0])).dtype, tf.argmin(tf.constant([1.0, 3.0])).dtype)
print(tf.shape(tf.zeros([2, 3])).dtype, tf.size(tf.zeros([2, 3])).dtype, tf.rank(tf.zeros([2, 3])).dtype)

#@ comparison_dtype_bool
print(tf.equal(1, 1).dtype, (tf.constant([1.0]) < 2.0).dtype)

#@ random_dtypes_and_shapes
a = tf.random.normal([2, 3])
b = tf.random.uniform([4], dtype=tf.float64)
c = tf.random.uniform([2, 2], minval=0, maxval=10, dtype=tf.int32)
print(a.shape, a.dtype)
print(b.shape, b.dtype)
print(c.shape, c.dtype)
print(bool(tf.reduce_min(c) >= 0), bool(tf.reduce_max(c) < 10))

#@ constant_out_of_range_int_wraps
print(tf.constant(-1, dtype=tf.uint8))
print(tf.constant(300, dtype=tf.int8))

#@ convert_to_tensor_float_list_to_float64
t = tf.convert_to_tensor([0.1, 0.2], dtype=tf.float64)
print(t.numpy()[0] == 0.1)
