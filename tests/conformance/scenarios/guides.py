# Small, deterministic programs adapted (in our own code) from TensorFlow's guides:
# guide/autodiff, guide/advanced_autodiff, guide/tensor, guide/variable,
# guide/basic_training_loops.  Random initial values are replaced by fixed ones.

#@ autodiff_square
x = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = x ** 2
dy_dx = tape.gradient(y, x)
print(dy_dx.numpy())

#@ autodiff_linear_layer_grads
w = tf.Variable([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], name="w")
b = tf.Variable(tf.zeros(2, dtype=tf.float32), name="b")
x = [[1.0, 2.0, 3.0]]
with tf.GradientTape(persistent=True) as tape:
    y = x @ w + b
    loss = tf.reduce_mean(y ** 2)
dl_dw, dl_db = tape.gradient(loss, [w, b])
print(w.shape, dl_dw.shape)
print(dl_dw)
print(dl_db)

#@ autodiff_linear_layer_dict_sources
w = tf.Variable([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], name="w")
b = tf.Variable([0.5, -0.5], name="b")
x = [[1.0, 2.0, 3.0]]
with tf.GradientTape() as tape:
    y = x @ w + b
    loss = tf.reduce_mean(y ** 2)
grad = tape.gradient(loss, {"w": w, "b": b})
print(grad["b"])

#@ autodiff_model_style_trainable_variables
class Dense:
    def __init__(self):
        self.w = tf.Variable([[0.5, -1.0], [1.0, 0.25], [0.0, 2.0]], name="dense/kernel")
        self.b = tf.Variable([0.0, 0.0], name="dense/bias")
        self.trainable_variables = [self.w, self.b]
    def __call__(self, x):
        return tf.nn.relu(x @ self.w + self.b)

layer = Dense()
x = tf.constant([[1.0, 2.0, 3.0]])
with tf.GradientTape() as tape:
    y = layer(x)
    loss = tf.reduce_mean(y ** 2)
grad = tape.gradient(loss, layer.trainable_variables)
for var, g in zip(layer.trainable_variables, grad):
    print(f"{var.name}, shape: {g.shape}")

#@ autodiff_what_is_watched
x0 = tf.Variable(3.0, name="x0")
x1 = tf.Variable(3.0, name="x1", trainable=False)
x2 = tf.Variable(2.0, name="x2") + 1.0
x3 = tf.constant(3.0, name="x3")
with tf.GradientTape() as tape:
    y = (x0 ** 2) + (x1 ** 2) + (x2 ** 2)
grad = tape.gradient(y, [x0, x1, x2, x3])
for g in grad:
    print(g)
print([var.name for var in tape.watched_variables()])

#@ autodiff_watch_tensor
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x ** 2
print(tape.gradient(y, x).numpy())

#@ autodiff_watch_accessed_false
x0 = tf.Variable(0.0)
x1 = tf.Variable(10.0)
with tf.GradientTape(watch_accessed_variables=False) as tape:
    tape.watch(x1)
    y0 = tf.math.sin(x0)
    y1 = tf.nn.softplus(x1)
    y = y0 + y1
    ys = tf.reduce_sum(y)
grad = tape.gradient(ys, {"x0": x0, "x1": x1})
print("dy/dx0:", grad["x0"])
print("dy/dx1:", grad["x1"].numpy())

#@ autodiff_intermediate_results
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
    z = y * y
print(tape.gradient(z, y).numpy())

#@ autodiff_persistent
x = tf.constant([1, 3.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = x * x
    z = y * y
print(tape.gradient(z, x).numpy())
print(tape.gradient(y, x).numpy())
del tape

#@ autodiff_nonscalar_targets
x = tf.Variable(2.0)
with tf.GradientTape(persistent=True) as tape:
    y0 = x ** 2
    y1 = 1 / x
print(tape.gradient(y0, x).numpy())
print(tape.gradient(y1, x).numpy())
print(tape.gradient({"y0": y0, "y1": y1}, x).numpy())

#@ autodiff_sigmoid_derivative_curve
x = tf.linspace(-10.0, 10.0, 200 + 1)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.nn.sigmoid(x)
dy_dx = tape.gradient(y, x)
print(dy_dx.shape)
print(dy_dx[::50])
print(float(tf.reduce_max(dy_dx)))

#@ autodiff_control_flow
x = tf.constant(1.0)
v0 = tf.Variable(2.0)
v1 = tf.Variable(2.0)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    if x > 0.0:
        result = v0
    else:
        result = v1 ** 2
dv0, dv1 = tape.gradient(result, [v0, v1])
print(dv0)
print(dv1)
dx = tape.gradient(result, x)
print(dx)

#@ autodiff_none_unconnected
x = tf.Variable(2.0)
y = tf.Variable(3.0)
with tf.GradientTape() as tape:
    z = y * y
print(tape.gradient(z, x))

#@ autodiff_none_variable_replaced
x = tf.Variable(2.0)
for epoch in range(2):
    with tf.GradientTape() as tape:
        y = x + 1
    print("variable" if isinstance(x, tf.Variable) else "tensor", ":", tape.gradient(y, x))
    x = x + 1

#@ autodiff_none_numpy
x = tf.Variable([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float32)
with tf.GradientTape() as tape:
    x2 = x ** 2
    y = np.mean(x2, axis=0)
    y = tf.reduce_mean(y, axis=0)
print(tape.gradient(y, x))

#@ autodiff_none_integers
x = tf.constant(10)
with tf.GradientTape() as g:
    g.watch(x)
    y = x * x
print(g.gradient(y, x))

#@ autodiff_none_stateful
x0 = tf.Variable(3.0)
x1 = tf.Variable(0.0)
with tf.GradientTape() as tape:
    x1.assign_add(x0)
    y = x1 ** 2
print(tape.gradient(y, x0))

#@ autodiff_zeros_instead_of_none
x = tf.Variable([2.0, 2.0])
y = tf.Variable(3.0)
with tf.GradientTape() as tape:
    z = y ** 2
print(tape.gradient(z, x, unconnected_gradients=tf.UnconnectedGradients.ZERO))

#@ advanced_stop_recording
x = tf.Variable(2.0)
y = tf.Variable(3.0)
with tf.GradientTape() as t:
    x_sq = x * x
    with t.stop_recording():
        y_sq = y * y
    z = x_sq + y_sq
grad = t.gradient(z, {"x": x, "y": y})
print("dz/dx:", grad["x"])
print("dz/dy:", grad["y"])

#@ advanced_reset
x = tf.Variable(2.0)
y = tf.Variable(3.0)
reset = True
with tf.GradientTape() as t:
    y_sq = y * y
    if reset:
        t.reset()
    z = x * x + y_sq
grad = t.gradient(z, {"x": x, "y": y})
print("dz/dx:", grad["x"])
print("dz/dy:", grad["y"])

#@ advanced_stop_gradient
x = tf.Variable(2.0)
y = tf.Variable(3.0)
with tf.GradientTape() as t:
    y_sq = y ** 2
    z = x ** 2 + tf.stop_gradient(y_sq)
grad = t.gradient(z, {"x": x, "y": y})
print("dz/dx:", grad["x"])
print("dz/dy:", grad["y"])

#@ advanced_multiple_tapes
x0 = tf.constant(0.0)
x1 = tf.constant(0.0)
with tf.GradientTape() as tape0, tf.GradientTape() as tape1:
    tape0.watch(x0)
    tape1.watch(x1)
    y0 = tf.math.sin(x0)
    y1 = tf.nn.sigmoid(x1)
    y = y0 + y1
    ys = tf.reduce_sum(y)
print(tape0.gradient(ys, x0).numpy())
print(tape1.gradient(ys, x1).numpy())

#@ advanced_higher_order
x = tf.Variable(1.0)
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        y = x * x * x
    dy_dx = t1.gradient(y, x)
d2y_dx2 = t2.gradient(dy_dx, x)
print("dy_dx:", dy_dx.numpy())
print("d2y_dx2:", d2y_dx2.numpy())

#@ advanced_gradient_penalty
x = tf.constant([[1.0, 2.0], [0.5, -1.0]])
w = tf.Variable([[0.5, -0.5, 1.0], [1.0, 0.25, -1.0]])
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.nn.tanh(x @ w)
        out = tf.reduce_sum(y, axis=1)
    g1 = t1.gradient(out, x)
    g1_mag = tf.sqrt(tf.reduce_sum(g1 ** 2, axis=1))
print(g1.shape)
print(g1_mag)
dg1_mag = t2.gradient(g1_mag, w)
print(dg1_mag.shape)

#@ tensor_ranks
rank_0 = tf.constant(4)
rank_1 = tf.constant([2.0, 3.0, 4.0])
rank_2 = tf.constant([[1, 2], [3, 4], [5, 6]], dtype=tf.float16)
print(rank_0)
print(rank_1)
print(rank_2)

#@ tensor_rank3
rank_3 = tf.constant([
    [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]],
    [[10, 11, 12, 13, 14], [15, 16, 17, 18, 19]],
    [[20, 21, 22, 23, 24], [25, 26, 27, 28, 29]],
])
print(rank_3)

#@ tensor_to_numpy
rank_2 = tf.constant([[1, 2], [3, 4], [5, 6]], dtype=tf.float16)
print(np.array(rank_2))
print(rank_2.numpy())

#@ tensor_basic_math
a = tf.constant([[1, 2], [3, 4]])
b = tf.constant([[1, 1], [1, 1]])
print(tf.add(a, b), "\n")
print(tf.multiply(a, b), "\n")
print(tf.matmul(a, b), "\n")
print(a + b, "\n")
print(a * b, "\n")
print(a @ b, "\n")

#@ tensor_ops_max_argmax_softmax
c = tf.constant([[4.0, 5.0], [10.0, 1.0]])
print(tf.reduce_max(c))
print(tf.math.argmax(c))
print(tf.nn.softmax(c))

#@ tensor_convert_list
print(tf.convert_to_tensor([1, 2, 3]))
print(tf.reduce_max([1, 2, 3]))
print(tf.math.argmax([1.0, 3.0, 2.0]))

#@ tensor_shape_properties
rank_4 = tf.zeros([3, 2, 4, 5])
print("Type of every element:", rank_4.dtype)
print("Number of axes:", rank_4.ndim)
print("Shape of tensor:", rank_4.shape)
print("Elements along axis 0 of tensor:", rank_4.shape[0])
print("Elements along the last axis of tensor:", rank_4.shape[-1])
print("Total number of elements (3*2*4*5): ", tf.size(rank_4).numpy())

#@ tensor_rank_and_shape_ops
rank_4 = tf.zeros([3, 2, 4, 5])
print(tf.rank(rank_4))
print(tf.shape(rank_4))

#@ tensor_single_axis_indexing
r1 = tf.constant([0, 1, 1, 2, 3, 5, 8, 13, 21, 34])
print(r1.numpy())
print("First:", r1[0].numpy())
print("Second:", r1[1].numpy())
print("Last:", r1[-1].numpy())
print("Everything:", r1[:].numpy())
print("Before 4:", r1[:4].numpy())
print("From 4 to the end:", r1[4:].numpy())
print("From 2, before 7:", r1[2:7].numpy())
print("Every other item:", r1[::2].numpy())
print("Reversed:", r1[::-1].numpy())

#@ tensor_multi_axis_indexing
r2 = tf.constant([[1, 2], [3, 4], [5, 6]], dtype=tf.float16)
print(r2[1, 1].numpy())
print("Second row:", r2[1, :].numpy())
print("Second column:", r2[:, 1].numpy())
print("Last row:", r2[-1, :].numpy())
print("First item in last column:", r2[0, -1].numpy())
print("Skip the first row:")
print(r2[1:, :].numpy(), "\n")

#@ tensor_rank3_indexing
rank_3 = tf.reshape(tf.range(30), (3, 2, 5))
print(rank_3[:, :, 4])

#@ tensor_reshape
x = tf.constant([[1], [2], [3]])
print(x.shape)
print(x.shape.as_list())
reshaped = tf.reshape(x, [1, 3])
print(x.shape)
print(reshaped.shape)

#@ tensor_reshape_flatten_and_merge
rank_3 = tf.reshape(tf.range(30), (3, 2, 5))
print(tf.reshape(rank_3, [-1]))
print(tf.reshape(rank_3, [3 * 2, 5]), "\n")
print(tf.reshape(rank_3, [3, -1]))

#@ tensor_dtype_cast_chain
the_f64 = tf.constant([2.2, 3.3, 4.4], dtype=tf.float64)
the_f16 = tf.cast(the_f64, dtype=tf.float16)
the_u8 = tf.cast(the_f16, dtype=tf.uint8)
print(the_f16)
print(the_u8)

#@ tensor_broadcasting
x = tf.constant([1, 2, 3])
y = tf.constant(2)
z = tf.constant([2, 2, 2])
print(tf.multiply(x, 2))
print(x * y)
print(x * z)

#@ tensor_broadcasting_outer
x = tf.reshape(tf.constant([1, 2, 3]), [3, 1])
y = tf.range(1, 5)
print(x, "\n")
print(y, "\n")
print(tf.multiply(x, y))

#@ tensor_broadcast_to
print(tf.broadcast_to(tf.constant([1, 2, 3]), [3, 3]))

#@ variable_create
my_tensor = tf.constant([[1.0, 2.0], [3.0, 4.0]])
my_variable = tf.Variable(my_tensor)
bool_variable = tf.Variable([False, False, False, True])
complex_variable = tf.Variable([5 + 4j, 6 + 1j])
print(my_variable)
print(bool_variable)
print(complex_variable)

#@ variable_properties
my_variable = tf.Variable(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
print("Shape: ", my_variable.shape)
print("DType: ", my_variable.dtype)
print("As NumPy: ", my_variable.numpy())

#@ variable_tensor_ops
my_variable = tf.Variable(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
print("A variable:", my_variable)
print("\nViewed as a tensor:", tf.convert_to_tensor(my_variable))
print("\nIndex of highest value:", tf.math.argmax(my_variable))
print("\nCopying and reshaping: ", tf.reshape(my_variable, [1, 4]))

#@ variable_assign_and_copy
a = tf.Variable([2.0, 3.0])
a.assign([1, 2])
b = tf.Variable(a)
a.assign([5, 6])
print(a.numpy())
print(b.numpy())
print(a.assign_add([2, 3]).numpy())
print(a.assign_sub([7, 9]).numpy())

#@ variable_assign_wrong_shape
a = tf.Variable([2.0, 3.0])
try:
    a.assign([1.0, 2.0, 3.0])
except Exception as e:
    print(f"{type(e).__name__}")

#@ variable_names
my_tensor = tf.constant([[1.0, 2.0], [3.0, 4.0]])
a = tf.Variable(my_tensor, name="Mark")
b = tf.Variable(my_tensor + 1, name="Mark")
print(a == b)
print(a.name, b.name)

#@ variable_step_counter_not_trainable
step_counter = tf.Variable(1, trainable=False)
print(step_counter.trainable)
step_counter.assign_add(1)
print(step_counter)

#@ training_loop_linear_regression
TRUE_W = 3.0
TRUE_B = 2.0
x = tf.linspace(-2.0, 2.0, 41)
y = x * TRUE_W + TRUE_B + 0.1 * tf.sin(5.0 * x)

class MyModel:
    def __init__(self):
        self.w = tf.Variable(5.0)
        self.b = tf.Variable(0.0)
    def __call__(self, x):
        return self.w * x + self.b

def loss(target_y, predicted_y):
    return tf.reduce_mean(tf.square(target_y - predicted_y))

def train(model, x, y, learning_rate):
    with tf.GradientTape() as t:
        current_loss = loss(y, model(x))
    dw, db = t.gradient(current_loss, [model.w, model.b])
    model.w.assign_sub(learning_rate * dw)
    model.b.assign_sub(learning_rate * db)

model = MyModel()
print("initial loss: %1.4f" % loss(y, model(x)).numpy())
for epoch in range(5):
    train(model, x, y, learning_rate=0.1)
    current_loss = loss(y, model(x))
    print(f"Epoch {epoch:2d}: W={model.w.numpy():1.3f} b={model.b.numpy():1.3f}, loss={current_loss:2.4f}")

#@ training_loop_converges
x = tf.linspace(-1.0, 1.0, 21)
y = 2.0 * x - 1.0
w = tf.Variable(0.0)
b = tf.Variable(0.0)
for step in range(200):
    with tf.GradientTape() as tape:
        l = tf.reduce_mean((w * x + b - y) ** 2)
    gw, gb = tape.gradient(l, [w, b])
    w.assign_sub(0.2 * gw)
    b.assign_sub(0.2 * gb)
print(round(float(w), 3), round(float(b), 3))

#@ training_loop_softmax_classifier
x = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]])
labels = tf.constant([0, 1, 1, 0])
w = tf.Variable(tf.zeros((2, 2)))
b = tf.Variable(tf.zeros((2,)))
for step in range(3):
    with tf.GradientTape() as tape:
        logits = x @ w + b
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    gw, gb = tape.gradient(loss, [w, b])
    w.assign_sub(0.5 * gw)
    b.assign_sub(0.5 * gb)
    print(step, loss)
print(w)
print(tf.argmax(x @ w + b, axis=1))
