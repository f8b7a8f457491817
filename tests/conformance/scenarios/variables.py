# tf.Variable: creation, attributes, assignment, and how it mixes with tensors.

#@ create_and_print
v = tf.Variable([1.0, 2.0, 3.0])
print(v)

#@ name_given
v = tf.Variable(1.0, name="weight")
print(v.name)

#@ name_default
v = tf.Variable(1.0)
print(v.name)

#@ names_not_uniquified
a = tf.Variable(1.0, name="w")
b = tf.Variable(2.0, name="w")
print(a.name, b.name)

#@ trainable_default_and_false
a = tf.Variable(1.0)
b = tf.Variable(1.0, trainable=False)
print(a.trainable, b.trainable)

#@ shape_and_dtype
v = tf.Variable([[1, 2, 3], [4, 5, 6]])
print(v.shape, v.dtype)
print(repr(v.shape))

#@ numpy_method
v = tf.Variable([1.5, 2.5])
n = v.numpy()
print(n, type(n).__name__, n.dtype)

#@ dtype_argument
v = tf.Variable(1, dtype=tf.float32)
print(repr(v))

#@ from_numpy_float64
v = tf.Variable(np.array([1.0, 2.0]))
print(v.dtype)

#@ from_tensor
t = tf.constant([[1.0, 2.0]])
v = tf.Variable(t)
print(repr(v))

#@ bool_variable
v = tf.Variable([True, False])
print(repr(v))

#@ assign_value
v = tf.Variable([1.0, 2.0])
v.assign([3.0, 4.0])
print(v.numpy())

#@ assign_add_value
v = tf.Variable(1.0)
v.assign_add(2.0)
print(v.numpy())

#@ assign_sub_value
v = tf.Variable([5, 6])
v.assign_sub([1, 2])
print(v.numpy())

#@ assign_returns_printable
v = tf.Variable(1.0)
r = v.assign(5.0)
print(r.numpy(), r.dtype, r.shape)

#@ assign_converts_python_int
v = tf.Variable([1.0, 2.0])
v.assign([3, 4])
print(repr(v))

#@ assign_tensor_value
v = tf.Variable([1.0, 2.0])
v.assign(tf.constant([7.0, 8.0]))
print(v.numpy())

#@ assign_from_own_expression
v = tf.Variable(2.0)
v.assign(v * v + 1.0)
print(v.numpy())

#@ assign_chain_accumulates
v = tf.Variable(0)
for i in range(5):
    v.assign_add(i)
print(v.numpy())

#@ read_value_is_tensor
v = tf.Variable([1.0, 2.0])
r = v.read_value()
print(r)
print(isinstance(r, tf.Variable))

#@ read_value_is_snapshot
v = tf.Variable(1.0)
r = v.read_value()
v.assign(2.0)
print(r.numpy(), v.numpy())

#@ variable_plus_number_is_tensor
v = tf.Variable(1.0)
t = v + 1.0
print(t)
print(isinstance(t, tf.Variable))

#@ variable_in_ops
v = tf.Variable([1.0, 2.0, 3.0])
print(tf.reduce_sum(v))
print(tf.square(v))

#@ variable_operators
v = tf.Variable([2.0, 4.0])
print(v * 2)
print(-v)
print(v / v)
print(v ** 2)

#@ variable_matmul_operator
v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
print(v @ v)

#@ variable_indexing
v = tf.Variable([[1, 2, 3], [4, 5, 6]])
print(v[1])
print(v[:, 0])
print(v[0, -1])

#@ variable_comparison_elementwise
v = tf.Variable([1.0, 2.0, 3.0])
print(v > 1.5)
print(v == 2.0)

#@ convert_to_tensor_of_variable
v = tf.Variable([1.0, 2.0])
t = tf.convert_to_tensor(v)
print(t)

#@ np_asarray_of_variable
v = tf.Variable([[1, 2]])
a = np.asarray(v)
print(a, a.dtype, type(a).__name__)

#@ variable_shape_compare
v = tf.Variable(tf.zeros([2, 3]))
print(v.shape == (2, 3), v.shape == [2, 3], v.shape.as_list())

#@ variable_scalar_conversions
v = tf.Variable(2.5)
print(float(v), int(v), bool(v))

#@ variable_has_no_len
v = tf.Variable([1, 2, 3, 4])
print(len(v))

#@ variable_iteration
v = tf.Variable([10, 20])
for e in v:
    print(e)

#@ variable_cast
v = tf.Variable([1.5, -2.5])
print(tf.cast(v, tf.int32))

#@ assign_in_loop_then_print_repr
v = tf.Variable([0.0, 0.0], name="acc")
for k in range(3):
    v.assign_add([1.0, 0.5])
print(repr(v))

#@ assign_return_repr
v = tf.Variable(1.0, name="q")
print(repr(v.assign(5.0)))
print(v.assign_add(1.0))
print(repr(v))

#@ assign_sub_return_value
v = tf.Variable([3, 3])
r = v.assign_sub([1, 2])
print(r.numpy(), v.numpy())
