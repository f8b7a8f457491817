# Python operators on tensors and indexing.

#@ add_sub_mul
a = tf.constant([1.0, 2.0, 3.0])
b = tf.constant([4.0, 5.0, 6.0])
print(a + b)
print(a - b)
print(a * b)

#@ truediv_float
print(tf.constant([1.0, 3.0]) / tf.constant([2.0, 4.0]))

#@ floordiv_int_negative
print(tf.constant([7, -7, 7, -7]) // tf.constant([2, 2, -2, -2]))

#@ floordiv_float
print(tf.constant([7.5, -7.5]) // 2.0)

#@ mod_int_negative
print(tf.constant([7, -7, 7, -7]) % tf.constant([3, 3, -3, -3]))

#@ mod_float_negative
print(tf.constant([5.5, -5.5]) % 2.0)

#@ pow_float
print(tf.constant([1.0, 2.0, 3.0]) ** 2)

#@ pow_int
print(tf.constant([2, 3]) ** 3)

#@ pow_fractional
print(tf.constant([4.0, 9.0]) ** 0.5)

#@ matmul_operator
a = tf.constant([[1, 2], [3, 4]])
b = tf.constant([[5, 6], [7, 8]])
print(a @ b)

#@ unary_negative
print(-tf.constant([1, -2, 3]))

#@ unary_negative_float_zero
print(-tf.constant([0.0, 1.5]))

#@ builtin_abs
print(abs(tf.constant([-1.5, 2.0, -0.0])))
print(abs(tf.constant([-3, 4])))

#@ comparisons
a = tf.constant([1, 2, 3])
print(a < 2)
print(a <= 2)
print(a > 2)
print(a >= 2)

#@ equality_elementwise
a = tf.constant([1, 2, 3])
print(a == 2)
print(a != 2)

#@ equality_with_none
t = tf.constant([1.0, 2.0])
print(t == None, t != None)

#@ equality_tensor_tensor
print(tf.constant([1.0, 2.0]) == tf.constant([1.0, 3.0]))

#@ logical_operators_bool
a = tf.constant([True, True, False, False])
b = tf.constant([True, False, True, False])
print(a & b)
print(a | b)
print(a ^ b)
print(~a)

#@ bitwise_operators_int
a = tf.constant(6)
print(a & 3, a | 3, a ^ 3, ~a)

#@ reflected_operators
t = tf.constant([1.0, 2.0, 4.0])
print(1 + t)
print(10 - t)
print(3 * t)
print(8 / t)
print(2 ** t)

#@ reflected_floordiv_mod
t = tf.constant([3, 4])
print(10 // t)
print(10 % t)

#@ numpy_array_left_operand
t = tf.constant([1.0, 2.0])
r = np.array([1.0, 2.0]) + t
print(r)
print(isinstance(r, np.ndarray))

#@ numpy_scalar_left_operand
t = tf.constant([1.0, 2.0])
print(np.float32(2.0) * t)

#@ list_operand
t = tf.constant([1, 2])
print(t + [10, 20])

#@ broadcasting_row_col
a = tf.constant([[1], [2], [3]])
b = tf.constant([10, 20])
print(a + b)

#@ broadcasting_scalar_matrix
print(tf.ones((2, 3)) * 5)

#@ augmented_assignment_new_tensor
t = tf.constant([1, 2])
u = t
t += 1
print(t, u)

#@ index_int
t = tf.constant([10, 20, 30, 40])
print(t[0])
print(t[-1])

#@ index_slices
t = tf.constant([0, 1, 2, 3, 4, 5, 6, 7])
print(t[2:5])
print(t[:3])
print(t[5:])
print(t[-3:])

#@ index_slice_steps
t = tf.constant([0, 1, 2, 3, 4, 5, 6, 7])
print(t[::2])
print(t[1::3])
print(t[::-1])
print(t[6:1:-2])

#@ index_empty_slice
t = tf.constant([0, 1, 2])
print(t[2:1])

#@ index_2d
t = tf.constant([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
print(t[1, 2])
print(t[1])
print(t[:, 1])
print(t[1:, :2])

#@ index_chained
t = tf.constant([[1, 2, 3], [4, 5, 6]])
print(t[0][1])

#@ index_ellipsis
t = tf.reshape(tf.range(24), (2, 3, 4))
print(t[..., 0])
print(t[0, ...].shape)
print(t[..., 1:3].shape)

#@ index_newaxis
t = tf.constant([1, 2, 3])
print(t[tf.newaxis])
print(t[:, None])
print(t[None, :, None].shape)

#@ index_with_tensor_scalar
t = tf.constant([5, 6, 7])
print(t[tf.constant(1)])

#@ index_3d_mixed
t = tf.reshape(tf.range(24), (2, 3, 4))
print(t[1, :, ::2])
print(t[:, -1, 1])

#@ iterate_vector
for e in tf.constant([1.0, 2.0, 3.0]):
    print(e)

#@ iterate_matrix_rows
for row in tf.constant([[1, 2], [3, 4]]):
    print(row)

#@ list_of_tensor
print(list(tf.constant([7, 8])))

#@ unpack_tensor
a, b = tf.constant([3.0, 4.0])
print(a, b)

#@ bool_of_scalar
print(bool(tf.constant(True)), bool(tf.constant(0.0)), bool(tf.constant(3)))

#@ if_on_tensor_comparison
x = tf.constant(2.0)
if x > 1.0:
    print("big")
else:
    print("small")

#@ float_and_int_conversion
print(float(tf.constant(2.75)), int(tf.constant(2.75)), int(tf.constant(-2.75)))
print(float(tf.constant(3)), int(tf.constant(7)))

#@ len_of_tensor
print(len(tf.constant([1, 2, 3])), len(tf.zeros((4, 2))))

#@ np_asarray_of_tensor
a = np.asarray(tf.constant([[1.0, 2.0]]))
print(a, a.dtype, a.shape, type(a).__name__)

#@ np_functions_on_tensor
t = tf.constant([1.0, 4.0, 9.0])
r = np.sqrt(t)
print(r, type(r).__name__)

#@ numpy_tolist
print(tf.constant([[1, 2], [3, 4]]).numpy().tolist())

#@ shape_attributes
t = tf.zeros((2, 3, 4))
print(t.shape, t.ndim, t.shape[0], t.shape[-1])
print(t.shape.rank, t.shape.as_list())

#@ shape_equality
t = tf.zeros((2, 3))
print(t.shape == (2, 3), t.shape == [2, 3], t.shape == (3, 2), t.shape == tf.TensorShape([2, 3]))

#@ tensorshape_api
s = tf.TensorShape([2, None, 4])
print(s.rank, s.as_list(), s[0], s[1], len(s))
print(s[1:])

#@ float_division_by_zero
print(tf.constant([1.0, -1.0, 0.0]) / 0.0)

#@ chained_expression
x = tf.constant([1.0, 2.0])
print((x + 1) * (x - 1) / 2 - x ** 2)
