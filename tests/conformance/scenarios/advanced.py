# GradientTape.jacobian and batch_jacobian (planned after the core; kept in their own area).

#@ jacobian_elementwise
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
print(tape.jacobian(y, x))

#@ jacobian_shape_matrix_source
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
w = tf.constant([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x @ w
j = tape.jacobian(y, x)
print(j.shape)
print(j[0, 2])

#@ jacobian_scalar_source
x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = tf.stack([x, x * x, x * x * x])
print(tape.jacobian(y, x))

#@ jacobian_variable_layer
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
x = tf.constant([[1.0, 0.5]])
with tf.GradientTape() as tape:
    y = tf.nn.relu(x @ w + 1.0)
j = tape.jacobian(y, w)
print(j.shape)
print(j[0, 1])

#@ jacobian_unconnected_none_and_zero
x = tf.constant([1.0, 2.0])
z = tf.constant([5.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([x, z])
    y = x * 2.0
print(tape.jacobian(y, z))
print(tape.jacobian(y, z, unconnected_gradients=tf.UnconnectedGradients.ZERO))

#@ jacobian_list_sources
a = tf.constant([1.0, 2.0])
b = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch([a, b])
    y = a * b
ja, jb = tape.jacobian(y, [a, b])
print(ja)
print(jb)

#@ jacobian_without_pfor_needs_persistent
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
tape.jacobian(y, x, experimental_use_pfor=False)

#@ jacobian_without_pfor_persistent
x = tf.constant([1.0, 2.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = tf.sin(x)
print(tape.jacobian(y, x, experimental_use_pfor=False))

#@ hessian_via_nested_jacobian
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = x[0] ** 2 * x[1] + x[1] ** 3
    g = t1.gradient(y, x)
print(g)
print(t2.jacobian(g, x))

#@ batch_jacobian_basic
x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
j = tape.batch_jacobian(y, x)
print(j.shape)
print(j[1])

#@ batch_jacobian_layer_shape
x = tf.constant([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])
w = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.nn.tanh(x @ w)
j = tape.batch_jacobian(y, x)
print(j.shape)

#@ batch_jacobian_unconnected_is_zero
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
z = tf.constant([[1.0], [2.0]])
with tf.GradientTape() as tape:
    tape.watch([x, z])
    y = x * 3.0
print(tape.batch_jacobian(y, z))

#@ batch_jacobian_mismatched_batch
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reshape(x, (1, 4))
tape.batch_jacobian(y, x)

#@ batch_jacobian_rank1_error
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * 2.0
tape.batch_jacobian(y, x)
