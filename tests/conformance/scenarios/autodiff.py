# Advanced autodiff surface of TF (issue 4): ForwardAccumulator, custom_gradient, recompute_grad,
# grad_pass_through, RegisterGradient / no_gradient, IndexedSlices from gather, and jacobians
# through the vectorized and loop paths.

#@ forward_accumulator_elementwise
x = tf.constant([1.0, 2.0, 3.0])
with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 0.0, 1.0])) as acc:
    y = tf.sin(x) * x
print(acc.jvp(y))

#@ forward_accumulator_matmul
w = tf.constant([[1.0, 2.0], [3.0, 4.0]])
x = tf.constant([[1.0, -1.0]])
with tf.autodiff.ForwardAccumulator(w, tf.ones_like(w)) as acc:
    y = tf.matmul(x, w)
print(y)
print(acc.jvp(y))

#@ forward_accumulator_variable
v = tf.Variable([1.0, 2.0])
with tf.autodiff.ForwardAccumulator(v, tf.constant([0.5, 0.5])) as acc:
    y = tf.reduce_sum(v * v)
print(acc.jvp(y))

#@ forward_accumulator_unconnected
x = tf.constant(2.0)
z = tf.constant(3.0)
with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
    y = z * z
print(acc.jvp(y))
print(acc.jvp(y, unconnected_gradients=tf.UnconnectedGradients.ZERO))

#@ forward_accumulator_nest
x = tf.constant(1.0)
y = tf.constant(2.0)
with tf.autodiff.ForwardAccumulator([x, y], [tf.constant(1.0), tf.constant(10.0)]) as acc:
    a = x * y
    b = x + y
print(acc.jvp({"a": a, "b": b}))

#@ forward_accumulator_reductions
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.autodiff.ForwardAccumulator(x, tf.constant([[1.0, 0.0], [0.0, 1.0]])) as acc:
    s = tf.reduce_sum(x, axis=0)
    m = tf.reduce_max(x, axis=1)
    sm = tf.nn.softmax(x)
print(acc.jvp(s))
print(acc.jvp(m))
print(acc.jvp(sm))

#@ forward_over_reverse_hvp
x = tf.constant([1.0, 2.0])
v = tf.constant([1.0, 0.0])
with tf.autodiff.ForwardAccumulator(x, v) as acc:
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * x * x)
    g = tape.gradient(y, x)
print(g)
print(acc.jvp(g))

#@ reverse_over_forward
x = tf.constant([1.0, 2.0])
v = tf.constant([1.0, 1.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    with tf.autodiff.ForwardAccumulator(x, v) as acc:
        y = tf.reduce_sum(tf.exp(x) * x)
    j = acc.jvp(y)
print(j)
print(tape.gradient(j, x))

#@ forward_accumulator_shape_mismatch_error
x = tf.constant([1.0, 2.0])
tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 2.0, 3.0]))

#@ custom_gradient_basic
@tf.custom_gradient
def clip_grad(x):
    def grad(dy):
        return tf.clip_by_value(dy, -0.5, 0.5)
    return tf.identity(x), grad
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = clip_grad(x) * tf.constant([3.0, -0.1])
print(tape.gradient(y, x))

#@ custom_gradient_log1pexp
@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)
    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))
    return tf.math.log(1 + e), grad
x = tf.constant(100.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = log1pexp(x)
print(y)
print(tape.gradient(y, x))

#@ custom_gradient_two_inputs
@tf.custom_gradient
def f(x, y):
    def grad(dz):
        return dz * 2.0, dz * 3.0
    return x * y, grad
a = tf.constant(2.0)
b = tf.constant(5.0)
with tf.GradientTape() as tape:
    tape.watch([a, b])
    z = f(a, b)
print(tape.gradient(z, [a, b]))

#@ custom_gradient_variables
w = tf.Variable(2.0)
@tf.custom_gradient
def scale(x):
    def grad(dy, variables=None):
        return dy * 10.0, [dy * 100.0]
    return x * w, grad
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = scale(x)
print(tape.gradient(y, [x, w]))

#@ custom_gradient_variables_missing_kwarg
w = tf.Variable(2.0)
@tf.custom_gradient
def scale(x):
    def grad(dy):
        return dy * 10.0
    return x * w, grad
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = scale(x)

#@ custom_gradient_wrong_count
@tf.custom_gradient
def f(x):
    def grad(dy):
        return dy, dy
    return x * 2.0, grad
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = f(x)
tape.gradient(y, x)

#@ custom_gradient_second_order
@tf.custom_gradient
def f(x):
    def grad(dy):
        return dy * 10.0
    return x * 2.0, grad
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    with tf.GradientTape() as t2:
        t2.watch(x)
        y = f(x * x)
    g = t2.gradient(y, x)
print(g)
print(t.gradient(g, x))

#@ custom_gradient_forward_mode_uses_forward_ops
@tf.custom_gradient
def f(x):
    def grad(dy):
        return dy * 10.0
    return x * 2.0, grad
x = tf.constant(3.0)
with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
    y = f(x)
print(acc.jvp(y))

#@ custom_gradient_none_gradient
@tf.custom_gradient
def f(x):
    def grad(dy):
        return None
    return x * 2.0, grad
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = f(x)
print(tape.gradient(y, x))

#@ custom_gradient_output_structure
@tf.custom_gradient
def f(x):
    def grad(da, db):
        return da + db
    return (x * 2.0, x * 3.0), grad
x = tf.constant(1.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    a, b = f(x)
    y = a + 10.0 * b
print(a, b)
print(tape.gradient(y, x))

#@ recompute_grad_values
f = tf.recompute_grad(lambda z: tf.sin(z) * z)
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = f(x)
print(y)
print(tape.gradient(y, x))

#@ recompute_grad_with_variable
w = tf.Variable([1.0, 2.0])
f = tf.recompute_grad(lambda z: tf.reduce_sum(tf.tanh(z * w)))
x = tf.constant([0.5, -0.5])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = f(x)
gx, gw = tape.gradient(y, [x, w])
print(gx)
print(gw)

#@ grad_pass_through_round
x = tf.constant([1.4, 2.6])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.grad_pass_through(tf.round)(x * 3.0)
print(y)
print(tape.gradient(y, x))

#@ grad_pass_through_assign
v = tf.Variable(1.0)
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    z = tf.grad_pass_through(v.assign)(x)
print(z)
print(tape.gradient(z, x))

#@ register_gradient_duplicate
@tf.RegisterGradient("TapeflowConformanceOpA")
def _g(op, grad):
    return grad
try:
    @tf.RegisterGradient("TapeflowConformanceOpA")
    def _g2(op, grad):
        return grad
except KeyError as e:
    print("KeyError")

#@ register_gradient_existing_mul
@tf.RegisterGradient("Mul")
def _g(op, grad):
    return grad

#@ no_gradient_new_type
print(tf.no_gradient("TapeflowConformanceOpB"))

#@ unconnected_gradients_enum
print(tf.UnconnectedGradients.NONE.value, tf.UnconnectedGradients.ZERO.value)
print(tf.UnconnectedGradients("zero"))

#@ gather_variable_indexed_slices
v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.gather(v, [0, 2]) * 2.0) + tf.reduce_sum(tf.gather(v, [2]))
g = tape.gradient(y, v)
print(type(g).__name__)
print(tf.convert_to_tensor(g))

#@ gather_variable_plus_dense
v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.gather(v, [0, 2])) + tf.reduce_sum(v)
g = tape.gradient(y, v)
print(type(g).__name__)
print(g)

#@ gather_matrix_rows_indexed_slices
v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.gather(v, [[0, 2], [2, 2]]))
g = tape.gradient(y, v)
print(type(g).__name__)
print(g.dense_shape)
print(tf.convert_to_tensor(g))

#@ gather_axis1_dense
v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.gather(v, [1, 1], axis=1))
g = tape.gradient(y, v)
print(type(g).__name__)
print(g)

#@ indexed_slices_constructor
s = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2]))
print(s.values)
print(s.indices)
print(tf.convert_to_tensor(s))

#@ jacobian_vectorized_matches_loop
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = tf.nn.softmax(tf.reduce_sum(x * x, axis=0) * x)
a = tape.jacobian(y, x)
b = tape.jacobian(y, x, experimental_use_pfor=False)
print(a.shape)
print(tf.reduce_max(tf.abs(a - b)).numpy() < 1e-6)
print(a[0, 1])

#@ jacobian_through_slices_and_concat
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.concat([x[1:] * x[:-1], tf.reverse(x, [0])[:1]], axis=0)
print(tape.jacobian(y, x))

#@ jacobian_of_variable_through_gather
v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.gather(v, [2, 0]) * 2.0
print(tape.jacobian(y, v))

#@ hessian_nested_jacobian_64
v = tf.linspace(-1.0, 1.0, 64)
with tf.GradientTape() as t2:
    t2.watch(v)
    with tf.GradientTape() as t1:
        t1.watch(v)
        y = tf.reduce_sum(tf.sin(v) * tf.reduce_sum(v * v))
    g = t1.gradient(y, v)
h = t2.jacobian(g, v)
print(h.shape)
print(h[0, :3])
print(h[10, 10])

#@ batch_jacobian_matmul_layer
x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
w = tf.constant([[1.0, -1.0, 0.5], [0.5, 2.0, -1.0]])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.tanh(tf.matmul(x, w) * 0.1)
j = tape.batch_jacobian(y, x)
print(j.shape)
print(j[1])

#@ batch_jacobian_loop_path
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = x * x * tf.reduce_sum(x, axis=1, keepdims=True)
print(tape.batch_jacobian(y, x, experimental_use_pfor=False))

#@ jacobian_after_non_persistent_use_error
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
tape.jacobian(y, x)
tape.jacobian(y, x)
