# The training stack: tf.Module, Keras 3 optimizers (update rules step for step, slots, schedules,
# clipping, weight decay), layers with fixed initializers, losses with reductions, metrics,
# tf.function, tf.train.Checkpoint. Optimizers and layers get explicit names: Keras numbers
# default names process-wide, so they would depend on the scenarios run before.

#@ module_discovery_order
class Block(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.w = tf.Variable([1.0, 2.0], name="w")
        self.b = tf.Variable(0.5, name="b")
        self.frozen = tf.Variable(3.0, name="frozen", trainable=False)

class Net(tf.Module):
    def __init__(self):
        super().__init__()
        self.z_last = tf.Variable(1.0, name="z_last")
        self.blocks = [Block(name="first"), Block(name="second")]
        self.table = {"beta": tf.Variable(2.0, name="beta"), "alpha": tf.Variable(1.0, name="alpha")}
        self.a_pair = (tf.Variable(4.0, name="p0"), tf.Variable(5.0, name="p1"))
        self.head = Block(name="head")

net = Net()
print(net.name)
print([v.name for v in net.variables])
print([v.name for v in net.trainable_variables])
print([v.name for v in net.non_trainable_variables])
print([m.name for m in net.submodules])

#@ module_breadth_first_submodules
class Leaf(tf.Module):
    pass

class Mid(tf.Module):
    def __init__(self, name):
        super().__init__(name=name)
        self.leaf = Leaf(name=name + "_leaf")

class Top(tf.Module):
    def __init__(self):
        super().__init__(name="top")
        self.b_mid = Mid("b")
        self.a_mid = Mid("a")
        self.c = Leaf(name="c")

print([m.name for m in Top().submodules])

#@ module_shared_variable_listed_once
class Shared(tf.Module):
    def __init__(self):
        super().__init__()
        v = tf.Variable(1.0, name="v")
        self.x = v
        self.y = [v, tf.Variable(2.0, name="u")]

s = Shared()
print([v.name for v in s.variables], len(s.trainable_variables))

#@ module_default_names
class MyDenseLayer(tf.Module):
    pass

class HTTPServer2D(tf.Module):
    pass

print(MyDenseLayer().name, HTTPServer2D().name, tf.Module().name)
try:
    tf.Module(name="not valid")
except ValueError as e:
    print("ValueError", e)

#@ module_name_scopes
with tf.name_scope("outer") as scope:
    print(repr(scope))
    v = tf.Variable(1.0, name="x")
    m = tf.Module(name="inner")
    with tf.name_scope("deep") as s2:
        print(repr(s2))
        print(tf.Variable(1.0, name="y").name)
print(v.name)
print(m.name, m.name_scope.name)
with m.name_scope as s3:
    print(repr(s3))
    print(tf.Variable(2.0, name="q").name)
print(tf.Variable(3.0, name="after").name)

#@ module_with_name_scope
class Scale(tf.Module):
    def __init__(self):
        super().__init__(name="scale")
        self.v = None

    @tf.Module.with_name_scope
    def __call__(self, x):
        if self.v is None:
            self.v = tf.Variable(2.0, name="v")
        return x * self.v

s = Scale()
print(s(tf.constant(3.0)))
print(s.v.name, [v.name for v in s.trainable_variables])

#@ module_training_loop
class Linear(tf.Module):
    def __init__(self):
        super().__init__(name="linear")
        self.w = tf.Variable([[0.5], [-0.5]], name="w")
        self.b = tf.Variable([0.0], name="b")

    def __call__(self, x):
        return x @ self.w + self.b

model = Linear()
opt = tf.keras.optimizers.SGD(learning_rate=0.1, name="opt")
x = tf.constant([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])
y = tf.constant([[1.0], [2.0], [0.0]])
for step in range(4):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    print(step, loss.numpy())
print(model.w.numpy().ravel(), model.b.numpy())
print(opt.iterations.numpy())

#@ optimizer_variables_and_repr
v = tf.Variable([1.0, 2.0], name="w")
b = tf.Variable(3.0, name="b")
opt = tf.keras.optimizers.Adam(0.1, amsgrad=True, name="opt")
print(opt.name, [x.name for x in opt.variables])
r = opt.apply_gradients(zip([tf.constant([0.5, -1.0]), tf.constant(2.0)], [v, b]))
print(r)
print(opt.iterations)
print(opt.learning_rate)
print([x.name for x in opt.variables])
print([x.path for x in opt.variables])
print(opt.variables[2])

#@ optimizer_learning_rate_argument_checks
for bad in (1, "0.1"):
    try:
        tf.keras.optimizers.SGD(learning_rate=bad)
    except ValueError as e:
        print("ValueError", str(e)[:60])
try:
    tf.keras.optimizers.SGD(0.1, momentum=1)
except ValueError as e:
    print("ValueError", e)
try:
    tf.keras.optimizers.SGD(0.1, clipnorm=1.0, clipvalue=1.0)
except ValueError as e:
    print("ValueError", e)

#@ optimizer_sgd_plain
v = tf.Variable([1.0, -2.0, 3.0], name="v")
opt = tf.keras.optimizers.SGD(learning_rate=0.1, name="opt")
for g in ([0.5, 1.0, -1.5], [0.25, -0.5, 2.0], [1.0, 1.0, 1.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy())
print(len(opt.variables))

#@ optimizer_sgd_momentum
v = tf.Variable([1.0, -2.0], name="v")
w = tf.Variable([[0.5, 0.5], [1.0, -1.0]], name="w")
opt = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, name="opt")
grads = [([0.5, 1.0], [[1.0, 0.0], [0.5, -0.5]]), ([0.25, -0.5], [[0.1, 0.2], [0.3, 0.4]]),
         ([1.0, 1.0], [[-1.0, 1.0], [2.0, 0.0]]), ([-0.5, 0.0], [[0.0, 0.0], [1.0, 1.0]])]
for gv, gw in grads:
    opt.apply_gradients([(tf.constant(gv), v), (tf.constant(gw), w)])
    print(v.numpy(), w.numpy().ravel())
print([x.name for x in opt.variables])
print(opt.variables[2].numpy(), opt.variables[3].numpy().ravel())

#@ optimizer_sgd_nesterov
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.5, nesterov=True, name="opt")
for g in ([0.5, 1.0], [0.25, -0.5], [1.0, 1.0], [2.0, -3.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy(), opt.variables[2].numpy())

#@ optimizer_adam
v = tf.Variable([1.0, -2.0, 0.5], name="v")
b = tf.Variable(0.25, name="b")
opt = tf.keras.optimizers.Adam(learning_rate=0.01, name="opt")
for g, gb in (([0.5, 1.0, -0.1], 2.0), ([0.25, -0.5, 0.0], -1.0), ([1.0, 1.0, 1.0], 0.5),
              ([-2.0, 0.1, 3.0], 0.0), ([0.3, 0.3, 0.3], 1.0)):
    opt.apply_gradients([(tf.constant(g), v), (tf.constant(gb), b)])
    print(v.numpy(), b.numpy())
for x in opt.variables[2:]:
    print(x.name, x.numpy())

#@ optimizer_adam_amsgrad
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.Adam(learning_rate=0.1, beta_1=0.8, beta_2=0.9, epsilon=1e-3,
                               amsgrad=True, name="opt")
for g in ([3.0, 1.0], [0.1, -0.5], [0.2, 2.0], [-1.0, 0.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy(), opt.variables[4].numpy())

#@ optimizer_adamw
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.1, name="opt")
for g in ([0.5, 1.0], [0.25, -0.5], [1.0, 1.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy())
try:
    tf.keras.optimizers.AdamW(weight_decay=None)
except ValueError as e:
    print("ValueError", e)

#@ optimizer_adamw_exclude
v = tf.Variable([1.0, -2.0], name="kernel")
b = tf.Variable([1.0, -2.0], name="bias")
opt = tf.keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5, name="opt")
opt.exclude_from_weight_decay(var_names=["bias"])
for g in ([0.5, 1.0], [0.25, -0.5]):
    opt.apply_gradients([(tf.constant(g), v), (tf.constant(g), b)])
    print(v.numpy(), b.numpy())

#@ optimizer_rmsprop
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.RMSprop(learning_rate=0.01, name="opt")
for g in ([0.5, 1.0], [0.25, -0.5], [1.0, 1.0], [3.0, -1.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy(), opt.variables[2].numpy())

#@ optimizer_rmsprop_momentum_centered
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.RMSprop(learning_rate=0.01, rho=0.8, momentum=0.5, centered=True,
                                  name="opt")
for g in ([0.5, 1.0], [0.25, -0.5], [1.0, 1.0], [3.0, -1.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy())
for x in opt.variables[2:]:
    print(x.name, x.numpy())

#@ optimizer_adagrad
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.Adagrad(learning_rate=0.1, name="opt")
for g in ([0.5, 1.0], [0.25, -0.5], [1.0, 1.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy(), opt.variables[2].numpy())
opt2 = tf.keras.optimizers.Adagrad(learning_rate=0.1, initial_accumulator_value=1.0, name="opt2")
v2 = tf.Variable([1.0], name="v2")
opt2.apply_gradients([(tf.constant([2.0]), v2)])
print(v2.numpy())

#@ optimizer_adadelta
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.Adadelta(learning_rate=1.0, rho=0.9, name="opt")
for g in ([0.5, 1.0], [0.25, -0.5], [1.0, 1.0], [3.0, -1.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy())
for x in opt.variables[2:]:
    print(x.name, x.numpy())

#@ optimizer_adamax
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.Adamax(learning_rate=0.1, name="opt")
for g in ([0.5, 1.0], [0.25, -0.5], [1.0, 1.0], [3.0, -1.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy())
for x in opt.variables[2:]:
    print(x.name, x.numpy())

#@ optimizer_nadam
v = tf.Variable([1.0, -2.0], name="v")
b = tf.Variable(0.5, name="b")
opt = tf.keras.optimizers.Nadam(learning_rate=0.1, name="opt")
for g, gb in (([0.5, 1.0], 1.0), ([0.25, -0.5], -1.0), ([1.0, 1.0], 0.0), ([3.0, -1.0], 2.0)):
    opt.apply_gradients([(tf.constant(g), v), (tf.constant(gb), b)])
    print(v.numpy(), b.numpy())
print([x.name for x in opt.variables])
print(opt.variables[-1].numpy())

#@ optimizer_float64_variable
v = tf.Variable(np.array([1.0, -2.0]), name="v")
opt = tf.keras.optimizers.Adam(learning_rate=0.1, name="opt")
for g in ([0.5, 1.0], [0.25, -0.5]):
    opt.apply_gradients([(tf.constant(g, dtype=tf.float64), v)])
    print(v.numpy(), v.dtype)
print(opt.variables[2].dtype)

#@ optimizer_none_gradient_skipped
import warnings
v = tf.Variable([1.0, 2.0], name="v")
u = tf.Variable(5.0, name="u")
opt = tf.keras.optimizers.SGD(0.5, name="opt")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    opt.apply_gradients([(tf.constant([1.0, 1.0]), v), (None, u)])
print(v.numpy(), u.numpy(), opt.iterations.numpy())
print(len(caught), "u" in str(caught[0].message))
try:
    opt.apply_gradients([(None, v), (None, u)])
except ValueError as e:
    print("ValueError", e)
print(opt.iterations.numpy())

#@ optimizer_unknown_variable
v = tf.Variable([1.0], name="v")
w = tf.Variable([1.0], name="w")
opt = tf.keras.optimizers.Adam(0.1, name="opt")
opt.apply_gradients([(tf.constant([1.0]), v)])
try:
    opt.apply_gradients([(tf.constant([1.0]), w)])
except ValueError as e:
    print("ValueError", str(e)[:15])

#@ optimizer_clipnorm
v = tf.Variable([1.0, -2.0], name="v")
w = tf.Variable([0.0, 0.0], name="w")
opt = tf.keras.optimizers.SGD(learning_rate=0.1, clipnorm=1.0, name="opt")
opt.apply_gradients([(tf.constant([3.0, 4.0]), v), (tf.constant([0.3, 0.4]), w)])
print(v.numpy(), w.numpy())

#@ optimizer_global_clipnorm
v = tf.Variable([1.0, -2.0], name="v")
w = tf.Variable([0.0, 0.0], name="w")
opt = tf.keras.optimizers.SGD(learning_rate=0.1, global_clipnorm=1.0, name="opt")
opt.apply_gradients([(tf.constant([3.0, 4.0]), v), (tf.constant([0.0, 12.0]), w)])
print(v.numpy(), w.numpy())

#@ optimizer_clipvalue
v = tf.Variable([1.0, -2.0, 0.0], name="v")
opt = tf.keras.optimizers.SGD(learning_rate=0.1, clipvalue=0.5, name="opt")
opt.apply_gradients([(tf.constant([3.0, -4.0, 0.25]), v)])
print(v.numpy())

#@ optimizer_weight_decay_sgd
v = tf.Variable([1.0, -2.0], name="v")
opt = tf.keras.optimizers.SGD(learning_rate=0.1, weight_decay=0.5, name="opt")
for g in ([0.5, 1.0], [0.0, 0.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy())

#@ optimizer_learning_rate_setter
v = tf.Variable([1.0], name="v")
opt = tf.keras.optimizers.SGD(learning_rate=0.5, name="opt")
opt.apply_gradients([(tf.constant([1.0]), v)])
opt.learning_rate = 0.25
opt.apply_gradients([(tf.constant([1.0]), v)])
print(v.numpy(), opt.learning_rate.numpy())

#@ optimizer_with_gradient_tape
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
x = tf.constant([[1.0, -1.0]])
opt = tf.keras.optimizers.RMSprop(learning_rate=0.05, momentum=0.9, name="opt")
for _ in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(x @ w))
    g = tape.gradient(loss, [w])
    opt.apply_gradients(zip(g, [w]))
    print(loss.numpy(), w.numpy().ravel())

#@ schedule_exponential_decay
s = tf.keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
print([round(float(s(k)), 7) for k in (0, 1, 5, 10, 25)])
print(s(3))
st = tf.keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True)
print([float(st(k)) for k in (0, 9, 10, 25)])

#@ schedule_piecewise_constant
s = tf.keras.optimizers.schedules.PiecewiseConstantDecay([2, 5], [1.0, 0.5, 0.1])
print([float(s(k)) for k in range(8)])
print(s(3))
try:
    tf.keras.optimizers.schedules.PiecewiseConstantDecay([2, 5], [1.0, 0.5])
except ValueError as e:
    print("ValueError")

#@ schedule_cosine_decay
s = tf.keras.optimizers.schedules.CosineDecay(0.1, decay_steps=10)
print([round(float(s(k)), 6) for k in (0, 1, 5, 9, 10, 20)])
a = tf.keras.optimizers.schedules.CosineDecay(0.1, decay_steps=10, alpha=0.1)
print([round(float(a(k)), 6) for k in (0, 5, 10, 15)])
w = tf.keras.optimizers.schedules.CosineDecay(0.0, decay_steps=10, warmup_target=0.2,
                                              warmup_steps=4)
print([round(float(w(k)), 6) for k in (0, 2, 4, 9, 14, 30)])

#@ schedule_inverse_time_decay
s = tf.keras.optimizers.schedules.InverseTimeDecay(0.5, decay_steps=2, decay_rate=0.5)
print([round(float(s(k)), 6) for k in (0, 1, 2, 3, 10)])
st = tf.keras.optimizers.schedules.InverseTimeDecay(0.5, 2, 0.5, staircase=True)
print([round(float(st(k)), 6) for k in (0, 1, 2, 3, 10)])

#@ schedule_drives_optimizer
v = tf.Variable([1.0, -1.0], name="v")
sched = tf.keras.optimizers.schedules.ExponentialDecay(0.5, decay_steps=1, decay_rate=0.5)
opt = tf.keras.optimizers.SGD(learning_rate=sched, momentum=0.5, name="opt")
for _ in range(4):
    print(opt.learning_rate)
    opt.apply_gradients([(tf.constant([1.0, 2.0]), v)])
    print(v.numpy())
print([x.name for x in opt.variables])

#@ schedule_drives_adam
v = tf.Variable([1.0, -1.0], name="v")
sched = tf.keras.optimizers.schedules.PiecewiseConstantDecay([1], [0.1, 0.01])
opt = tf.keras.optimizers.Adam(learning_rate=sched, name="opt")
for g in ([1.0, 2.0], [0.5, -1.0], [2.0, 2.0]):
    opt.apply_gradients([(tf.constant(g), v)])
    print(v.numpy())

#@ keras_variable_printing
d = tf.keras.layers.Dense(2, kernel_initializer="ones", name="dd")
d.build((None, 3))
print(d.kernel)
print(d.bias)
print(d.kernel.name, d.kernel.path, d.kernel.dtype, d.kernel.shape, d.kernel.trainable)
print(d.kernel.value)
print(d.kernel * 2)
print([v.path for v in d.variables])

#@ layer_dense_fixed_weights
d = tf.keras.layers.Dense(2, activation="relu", kernel_initializer="ones",
                          bias_initializer=tf.keras.initializers.Constant(-4.0), name="dense_a")
x = tf.constant([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = d(x)
    loss = tf.reduce_sum(y * tf.constant([[1.0, 2.0], [3.0, 4.0]]))
print(y)
gk, gb = tape.gradient(loss, d.trainable_variables)
print(gk)
print(gb)
print(tape.gradient(loss, x))
print([v.name for v in d.trainable_variables], d.built)

#@ layer_dense_activation_function_and_no_bias
d = tf.keras.layers.Dense(3, activation=tf.nn.tanh, use_bias=False,
                          kernel_initializer=tf.keras.initializers.Constant(0.5), name="dense_b")
y = d(tf.constant([[1.0, -2.0], [0.25, 0.5]]))
print(y)
print(len(d.weights), d.kernel.shape)
e = tf.keras.layers.Dense(1, activation="sigmoid", kernel_initializer="zeros", name="dense_c")
print(e(np.array([[1.0, 2.0]])))

#@ layer_dense_rank3_input
d = tf.keras.layers.Dense(2, kernel_initializer="ones", bias_initializer="ones", name="dense_r3")
x = tf.reshape(tf.range(12, dtype=tf.float32), (2, 3, 2))
print(d(x))

#@ layer_sequential
model = tf.keras.Sequential([
    tf.keras.layers.Dense(3, activation="relu", kernel_initializer="ones", name="h1"),
    tf.keras.layers.Dense(1, kernel_initializer=tf.keras.initializers.Constant(-0.5),
                          bias_initializer="ones", name="out"),
], name="seq")
x = tf.constant([[1.0, -2.0], [3.0, 0.5]])
with tf.GradientTape() as tape:
    y = model(x)
    loss = tf.reduce_mean(y ** 2)
print(y)
print([v.path for v in model.trainable_variables])
for g in tape.gradient(loss, model.trainable_variables):
    print(g.numpy().ravel())
print(len(model.layers), model.layers[0].name)

#@ layer_sequential_training_step
model = tf.keras.Sequential([
    tf.keras.layers.Dense(4, activation="tanh", name="l1"),
    tf.keras.layers.Dense(3, name="l2"),
], name="clf")
model(tf.zeros((1, 2)))
model.set_weights([np.array([[0.5, -0.3, 0.2, 0.1], [0.4, 0.6, -0.7, 0.3]], np.float32),
                   np.array([0.0, 0.1, -0.1, 0.2], np.float32),
                   np.array([[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.5, 0.2, 0.3], [0.7, -0.1, 0.2]], np.float32),
                   np.array([0.05, -0.05, 0.0], np.float32)])
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
opt = tf.keras.optimizers.Adam(0.05, name="opt")
x = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]])
y = tf.constant([0, 1, 2, 1])
for step in range(4):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    print(step, loss.numpy())
print(model(x).numpy().round(5))
print(len(opt.variables))

#@ layer_dropout
d = tf.keras.layers.Dropout(0.5, name="drop")
x = tf.ones((4, 5))
print(d(x, training=False))
print(d(x).numpy().sum())
y = d(x, training=True)
vals = set(np.unique(y.numpy()).tolist())
print(y.shape, y.dtype, vals <= {0.0, 2.0})
print(tf.keras.layers.Dropout(0.0)(x, training=True).numpy().sum())

#@ layer_flatten
f = tf.keras.layers.Flatten(name="flat")
print(f(tf.reshape(tf.range(24.0), (2, 3, 4))).shape)
print(f(tf.constant([[1.0, 2.0]])))

#@ layer_embedding
e = tf.keras.layers.Embedding(4, 2, name="emb")
e.build((None,))
e.embeddings.assign([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0]])
ids = tf.constant([[1, 3], [0, 1]])
with tf.GradientTape() as tape:
    out = e(ids)
    loss = tf.reduce_sum(out * out)
print(out)
print(tf.convert_to_tensor(tape.gradient(loss, e.embeddings)))
print(e.embeddings.path, e.embeddings.shape)

#@ layer_layer_normalization
ln = tf.keras.layers.LayerNormalization(name="ln")
x = tf.constant([[1.0, 2.0, 4.0], [-1.0, 0.0, 3.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = ln(x)
    loss = tf.reduce_sum(y * tf.constant([[1.0, -2.0, 0.5], [0.0, 1.0, 3.0]]))
print(y)
print(tape.gradient(loss, x))
gg, gb = tape.gradient(loss, ln.trainable_variables)
print(gg, gb)
print([v.name for v in ln.weights])

#@ layer_layer_normalization_axes
ln = tf.keras.layers.LayerNormalization(axis=[1, 2], epsilon=0.01, name="ln2")
x = tf.reshape(tf.range(12.0), (2, 3, 2)) ** 1.5
print(ln(x))
print(ln.gamma.shape)

#@ layer_batch_normalization
bn = tf.keras.layers.BatchNormalization(momentum=0.9, name="bn")
x = tf.constant([[1.0, 2.0], [3.0, 6.0], [-1.0, 1.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = bn(x, training=True)
    loss = tf.reduce_sum(y * tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
print(y)
print(tape.gradient(loss, x))
for g in tape.gradient(loss, bn.trainable_variables):
    print(g)
print(bn.moving_mean.numpy(), bn.moving_variance.numpy())
print(bn(x, training=False))
print(bn(x))
print([v.name for v in bn.weights], [v.name for v in bn.trainable_weights],
      [v.name for v in bn.non_trainable_weights])

#@ layer_custom_subclass
class Scaler(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.s = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="s")
        self.c = self.add_weight(shape=(), initializer="zeros", name="c", trainable=False)

    def call(self, x):
        return x * self.s + self.c

layer = Scaler(name="scaler")
print(layer.built)
print(layer(tf.constant([[1.0, 2.0]])))
print(layer.built, [v.path for v in layer.weights], len(layer.trainable_weights))

#@ initializers_deterministic
for name in ("zeros", "ones"):
    init = tf.keras.initializers.get(name)
    print(name, init((2, 2)))
print(tf.keras.initializers.Constant(3.0)((3,)))
print(tf.keras.initializers.Identity()((2, 3)))
print(tf.keras.initializers.Zeros()((2,), dtype="float64"))

#@ initializers_random_shapes_and_bounds
import math
for name in ("glorot_uniform", "he_normal", "random_normal", "random_uniform", "glorot_normal",
             "he_uniform", "lecun_normal", "truncated_normal"):
    w = tf.keras.initializers.get(name)((20, 30))
    print(name, w.shape, w.dtype)
w = tf.keras.initializers.GlorotUniform(seed=1)((20, 30)).numpy()
print(np.abs(w).max() <= math.sqrt(6 / 50))
w = tf.keras.initializers.RandomUniform(-0.1, 0.1)((100,)).numpy()
print(w.min() >= -0.1, w.max() <= 0.1)
w = tf.keras.initializers.TruncatedNormal(stddev=1.0)((1000,)).numpy()
print(np.abs(w).max() <= 2.0)

#@ activations_by_name
x = tf.constant([-2.0, -0.5, 0.0, 0.5, 2.0])
for name in ("relu", "sigmoid", "tanh", "softplus", "softsign", "elu", "selu", "linear",
             "exponential", "relu6", "silu", "gelu", "leaky_relu", "hard_sigmoid"):
    print(name, tf.keras.activations.get(name)(x).numpy().round(5))
print(tf.keras.activations.softmax(tf.constant([[1.0, 2.0, 3.0]])))
print(tf.keras.activations.get(None)(x).numpy())
print(tf.keras.activations.relu(x, negative_slope=0.1, max_value=1.0).numpy())

#@ losses_regression_reductions
y_true = tf.constant([[0.0, 1.0], [1.0, 3.0], [2.0, 0.0]])
y_pred = tf.constant([[0.5, 1.0], [2.0, 2.0], [0.0, 0.5]])
for cls in (tf.keras.losses.MeanSquaredError, tf.keras.losses.MeanAbsoluteError,
            tf.keras.losses.Huber):
    for red in ("sum_over_batch_size", "sum", "none"):
        print(cls.__name__, red, cls(reduction=red)(y_true, y_pred).numpy())
print(tf.keras.losses.MeanSquaredError()(y_true, y_pred, sample_weight=[1.0, 0.0, 2.0]))
print(tf.keras.losses.Huber(delta=0.5)(y_true, y_pred))
print(tf.keras.losses.mse(y_true, y_pred))
print(tf.keras.losses.MAE(y_true, y_pred))
print(tf.keras.losses.huber(y_true, y_pred))

#@ losses_rank_matching
print(tf.keras.losses.MeanSquaredError()(tf.constant([1.0, 2.0]), tf.constant([[1.5], [2.5]])))
print(tf.keras.losses.MeanAbsoluteError()(tf.constant([[1.0], [2.0]]), tf.constant([1.5, 2.5])))
print(tf.keras.losses.mse(tf.constant([1.0, 2.0, 4.0]), tf.constant([1.5, 2.5, 3.0])))

#@ losses_binary_crossentropy
y_true = tf.constant([[0.0, 1.0], [1.0, 1.0]])
probs = tf.constant([[0.2, 0.7], [0.9, 0.4]])
logits = tf.constant([[-1.0, 2.0], [3.0, -0.5]])
print(tf.keras.losses.BinaryCrossentropy()(y_true, probs))
print(tf.keras.losses.BinaryCrossentropy(from_logits=True)(y_true, logits))
print(tf.keras.losses.BinaryCrossentropy(reduction="none")(y_true, probs))
print(tf.keras.losses.BinaryCrossentropy(label_smoothing=0.2, reduction="sum")(y_true, probs))
print(tf.keras.losses.binary_crossentropy(y_true, logits, from_logits=True))
with tf.GradientTape() as tape:
    tape.watch(logits)
    loss = tf.keras.losses.BinaryCrossentropy(from_logits=True)(y_true, logits)
print(tape.gradient(loss, logits))

#@ losses_categorical_crossentropy
y_true = tf.constant([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
probs = tf.constant([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]])
logits = tf.constant([[1.0, 2.0, 0.5], [0.0, -1.0, 1.0]])
print(tf.keras.losses.CategoricalCrossentropy()(y_true, probs))
print(tf.keras.losses.CategoricalCrossentropy(from_logits=True)(y_true, logits))
print(tf.keras.losses.CategoricalCrossentropy(from_logits=True, reduction="none")(y_true, logits))
print(tf.keras.losses.CategoricalCrossentropy(label_smoothing=0.1)(y_true, probs))
print(tf.keras.losses.categorical_crossentropy(y_true, probs))
with tf.GradientTape() as tape:
    tape.watch(logits)
    loss = tf.keras.losses.CategoricalCrossentropy(from_logits=True)(y_true, logits)
print(tape.gradient(loss, logits))

#@ losses_sparse_categorical_crossentropy
labels = tf.constant([1, 0, 2])
probs = tf.constant([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25], [0.3, 0.3, 0.4]])
logits = tf.constant([[1.0, 2.0, 0.5], [0.0, -1.0, 1.0], [2.0, 2.0, -2.0]])
print(tf.keras.losses.SparseCategoricalCrossentropy()(labels, probs))
print(tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits))
print(tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction="sum")(labels, logits))
print(tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
    labels, logits, sample_weight=tf.constant([1.0, 2.0, 0.0])))
print(tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction="mean_with_sample_weight")(
    labels, logits, sample_weight=tf.constant([1.0, 2.0, 0.0])))
print(tf.keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True))
print(tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(tf.constant([[1], [0], [2]]), logits))
with tf.GradientTape() as tape:
    tape.watch(logits)
    loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
print(tape.gradient(loss, logits))

#@ losses_invalid_reduction
try:
    tf.keras.losses.MeanSquaredError(reduction="average")
except ValueError as e:
    print("ValueError")

#@ metrics_mean
m = tf.keras.metrics.Mean(name="m")
m.update_state([1.0, 3.0])
m.update_state(5.0)
print(m.result())
m.update_state([2.0, 4.0], sample_weight=[1.0, 3.0])
print(m.result())
m.reset_state()
print(m.result())
print(m(tf.constant([[1.0, 2.0], [3.0, 5.0]])))

#@ metrics_accuracy
a = tf.keras.metrics.Accuracy(name="acc")
a.update_state([1, 2, 3, 4], [1, 2, 0, 4])
print(a.result())
a.update_state([[1], [2]], [[0], [2]])
print(a.result())
s = tf.keras.metrics.SparseCategoricalAccuracy(name="sacc")
s.update_state([1, 0, 2], [[0.1, 0.8, 0.1], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1]])
print(s.result())
s.update_state([[1]], [[0.2, 0.7, 0.1]])
print(s.result())

#@ function_decorator_forms
@tf.function
def f(x):
    return x * x + 1.0

@tf.function(reduce_retracing=True, jit_compile=False)
def g(x, y=2.0):
    return x * y

def h(x):
    return tf.reduce_sum(x)

hh = tf.function(h)
print(f(tf.constant(3.0)))
print(g(tf.constant([1.0, 2.0])), g(tf.constant(1.0), y=5.0))
print(hh(tf.constant([1.0, 2.0, 3.0])))

#@ function_gradients_flow
@tf.function
def model(x, w):
    return tf.reduce_sum(tf.tanh(x @ w))

w = tf.Variable([[1.0], [-1.0]])
x = tf.constant([[0.5, 0.25]])
with tf.GradientTape() as tape:
    y = model(x, w)
print(y)
print(tape.gradient(y, w))

#@ function_input_signature
@tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)])
def total(x):
    return tf.reduce_sum(x)

print(total(tf.constant([1.0, 2.0])))
print(total([1.0, 2.0, 3.0]))
print(tf.TensorSpec(shape=[None], dtype=tf.float32))
print(tf.TensorSpec((2, 3)))
try:
    total(tf.constant([[1.0]]))
except (TypeError, ValueError) as e:
    print(type(e).__name__)
try:
    total(tf.constant([1, 2]))
except (TypeError, ValueError) as e:
    print(type(e).__name__)

#@ function_method
class Model(tf.Module):
    def __init__(self):
        super().__init__(name="model")
        self.w = tf.Variable(2.0, name="w")

    @tf.function
    def __call__(self, x):
        return self.w * x

m = Model()
print(m(tf.constant(3.0)))
with tf.GradientTape() as tape:
    y = m(tf.constant(4.0))
print(tape.gradient(y, m.w))

#@ checkpoint_roundtrip
import os, tempfile
d = tempfile.mkdtemp()
v = tf.Variable([1.0, 2.0], name="v")
step = tf.Variable(7, name="step")
ckpt = tf.train.Checkpoint(v=v, step=step)
path = ckpt.save(os.path.join(d, "ckpt"))
print(os.path.basename(path), os.path.basename(tf.train.latest_checkpoint(d)))
v.assign([5.0, 6.0]); step.assign(0)
ckpt.restore(path)
print(v.numpy(), step.numpy())
print(int(ckpt.save_counter))
path2 = ckpt.save(os.path.join(d, "ckpt"))
print(os.path.basename(path2), os.path.basename(tf.train.latest_checkpoint(d)))
w = ckpt.write(os.path.join(d, "plain"))
print(os.path.basename(w))
v.assign([0.0, 0.0])
ckpt.read(w)
print(v.numpy())

#@ checkpoint_model_and_optimizer
import os, tempfile
d = tempfile.mkdtemp()
def make():
    model = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer="ones", name="d")],
                                name="m")
    model(tf.ones((1, 3)))
    opt = tf.keras.optimizers.Adam(0.1, name="opt")
    return model, opt

model, opt = make()
x = tf.constant([[1.0, 2.0, 3.0]])
for _ in range(2):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x) ** 2)
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
path = tf.train.Checkpoint(model=model, optimizer=opt).save(os.path.join(d, "ckpt"))
model2, opt2 = make()
tf.train.Checkpoint(model=model2, optimizer=opt2).restore(path)
print(opt2.iterations.numpy())
print(model2.layers[0].kernel.numpy().ravel())
for _ in range(2):
    for m, o in ((model, opt), (model2, opt2)):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(m(x) ** 2)
        o.apply_gradients(zip(tape.gradient(loss, m.trainable_variables), m.trainable_variables))
print(np.allclose(model.layers[0].kernel.numpy(), model2.layers[0].kernel.numpy()))
print(model2.layers[0].kernel.numpy().ravel())

#@ checkpoint_manager
import os, tempfile
d = tempfile.mkdtemp()
v = tf.Variable(0.0, name="v")
ckpt = tf.train.Checkpoint(v=v)
manager = tf.train.CheckpointManager(ckpt, d, max_to_keep=2)
print(manager.latest_checkpoint)
for i in range(4):
    v.assign(float(i))
    print(os.path.basename(manager.save()))
print([os.path.basename(p) for p in manager.checkpoints])
print(os.path.basename(manager.latest_checkpoint))
print(os.path.basename(tf.train.latest_checkpoint(d)))
ckpt.restore(manager.checkpoints[0])
print(v.numpy())
m2 = tf.train.CheckpointManager(ckpt, d, max_to_keep=2)
print([os.path.basename(p) for p in m2.checkpoints])
print(tf.train.latest_checkpoint(tempfile.mkdtemp()))

#@ checkpoint_shape_mismatch_raises
import os, tempfile
d = tempfile.mkdtemp()
path = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).save(os.path.join(d, "c"))
other = tf.Variable([1.0, 2.0, 3.0])
try:
    tf.train.Checkpoint(v=other).restore(path)
except ValueError:
    print("ValueError")
print(other.numpy())
