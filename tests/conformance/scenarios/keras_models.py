# Keras 3 models: Sequential, functional and subclassed; compile/fit/evaluate/predict with fixed
# initial weights (constant initializers or set_weights) and shuffle=False, so every History
# value is exact; summary() tables; structure (layers, get_layer, weights). Each scenario starts
# with clear_session() so default layer names are the same whatever ran before.

#@ sequential_fit_history
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((3,)),
                             tf.keras.layers.Dense(4, activation="relu", kernel_initializer="ones"),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss="mse")
x = np.linspace(-1, 1, 24, dtype="float32").reshape(8, 3)
y = np.arange(8, dtype="float32").reshape(8, 1) / 8
h = model.fit(x, y, epochs=3, batch_size=3, shuffle=False, verbose=0)
print(h.history)
print(h.epoch, h.params)
print(model.optimizer.iterations.numpy())

#@ fit_validation_split
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("sgd", "mae", metrics=["mse"])
x = np.arange(20, dtype="float32").reshape(10, 2) / 10
y = np.arange(10, dtype="float32") / 5
h = model.fit(x, y, epochs=2, batch_size=4, validation_split=0.3, shuffle=False, verbose=0)
for k in h.history:
    print(k, h.history[k])

#@ fit_validation_data_and_freq
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(tf.keras.optimizers.Adam(0.1), "mse")
x = np.array([[1, 2], [3, 4], [5, 6]], "float32"); y = np.array([1, 2, 3], "float32")
h = model.fit(x, y, epochs=4, validation_data=(x[:2], y[:2]), validation_freq=2, shuffle=False, verbose=0)
print(h.history)

#@ fit_sample_weight
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("sgd", "mse", weighted_metrics=["mae"])
x = np.array([[1.0], [2.0], [3.0], [4.0]], "float32"); y = np.array([[0.0], [1.0], [0.0], [1.0]], "float32")
h = model.fit(x, y, sample_weight=np.array([1.0, 0.5, 2.0, 0.0]), epochs=2, batch_size=2, shuffle=False, verbose=0)
print(h.history)

#@ fit_class_weight
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones")])
model.compile("sgd", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
x = np.array([[1, 0], [0, 1], [1, 1], [0.5, 0.2]], "float32"); y = np.array([0, 1, 1, 0])
h = model.fit(x, y, class_weight={0: 1.0, 1: 3.0}, epochs=2, batch_size=2, shuffle=False, verbose=0)
print(h.history)

#@ fit_initial_epoch_and_steps
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("sgd", "mse")
x = np.arange(8, dtype="float32").reshape(8, 1) / 8; y = x * 2
h = model.fit(x, y, epochs=4, initial_epoch=2, batch_size=2, shuffle=False, verbose=0)
print(h.epoch, h.history)
h = model.fit(x, y, epochs=2, steps_per_epoch=3, batch_size=2, shuffle=False, verbose=0)
print(h.epoch, h.params, h.history)
print(int(model.optimizer.iterations.numpy()))

#@ fit_generator_input
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("sgd", "mse")
def gen():
    for i in range(3):
        yield np.full((2, 2), i, "float32"), np.full((2, 1), 1.0, "float32")
h = model.fit(gen(), epochs=1, verbose=0)
print(h.history, h.params)

#@ fit_list_of_batches_iterable
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("sgd", "mse")
data = [(np.full((2, 2), i, "float32"), np.ones((2, 1), "float32")) for i in range(3)]
def gen():
    yield from data
h = model.fit(gen(), epochs=1, verbose=0)
print(h.history)
print(model.evaluate(gen(), verbose=0))

#@ evaluate_forms
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("sgd", "mse", metrics=["mae", tf.keras.metrics.RootMeanSquaredError()])
x = np.array([[1, 2], [3, 4], [0, 1]], "float32"); y = np.array([[1], [2], [3]], "float32")
print(model.evaluate(x, y, verbose=0))
print(model.evaluate(x, y, verbose=0, return_dict=True))
print(model.metrics_names)
model2 = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model2.compile("sgd", "mse")
print(model2.evaluate(x, y, batch_size=2, verbose=0))

#@ predict_and_batches
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3, kernel_initializer="ones",
                                                                         bias_initializer="ones")])
x = np.arange(10, dtype="float32").reshape(5, 2)
p = model.predict(x, batch_size=2, verbose=0)
print(type(p).__name__, p.dtype, p.shape)
print(p)
print(model.predict_on_batch(x[:2]))
print(model(x[:1]))

#@ train_and_test_on_batch
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile("sgd", "mse", metrics=["mae"])
x = np.array([[1, 2], [3, 4]], "float32"); y = np.array([[1], [0]], "float32")
print(model.train_on_batch(x, y))
print(model.train_on_batch(x, y, return_dict=True))
print(model.test_on_batch(x, y))
print(model.test_on_batch(x, y, return_dict=True))
print(model.get_weights())

#@ accuracy_resolution
tf.keras.backend.clear_session()
x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.2, 0.1]], "float32")
for units, act, loss, y in [(1, "sigmoid", "binary_crossentropy", np.array([[1], [0], [1], [0]], "float32")),
                            (2, "softmax", "sparse_categorical_crossentropy", np.array([0, 1, 1, 0])),
                            (2, "softmax", "categorical_crossentropy", np.array([[1, 0], [0, 1], [0, 1], [1, 0]], "float32"))]:
    m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(units, activation=act, kernel_initializer="ones")])
    m.compile("sgd", loss, metrics=["accuracy", "acc"])
    h = m.fit(x, y, epochs=1, shuffle=False, verbose=0)
    print(loss, h.history)
    print([type(s).__name__ for s in m.metrics[1].metrics] if hasattr(m.metrics[1], "metrics") else None)

#@ metric_objects_and_functions
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones")])
m.compile("sgd", "mse", metrics=[tf.keras.metrics.MeanAbsoluteError(), "mse", tf.keras.metrics.mean_squared_error if hasattr(tf.keras.metrics, "mean_squared_error") else "mean_squared_error", tf.keras.metrics.CategoricalAccuracy(name="cat")])
x = np.array([[1, 2], [0, 1]], "float32"); y = np.array([[1, 0], [0, 1]], "float32")
h = m.fit(x, y, epochs=2, verbose=0, shuffle=False)
print(sorted(h.history))
print(h.history)

#@ loss_object_and_callable
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
def my_loss(y_true, y_pred):
    return tf.reduce_mean(tf.abs(y_true - y_pred) ** 3, axis=-1)
m.compile(tf.keras.optimizers.SGD(0.001), my_loss, metrics=[tf.keras.losses.Huber()])
x = np.array([[1, 2], [0, 1]], "float32"); y = np.array([[1], [0]], "float32")
print(m.fit(x, y, epochs=2, verbose=0).history)

#@ multi_output_loss_weights
tf.keras.backend.clear_session()
inp = tf.keras.Input((2,), name="inp")
a = tf.keras.layers.Dense(1, kernel_initializer="ones", name="out_a")(inp)
b = tf.keras.layers.Dense(2, kernel_initializer="ones", name="out_b")(inp)
model = tf.keras.Model(inp, [a, b])
model.compile("sgd", loss=["mse", "mae"], loss_weights=[1.0, 0.5], metrics=[["mae"], ["mse"]])
x = np.array([[1, 0], [0, 1], [1, 1]], "float32")
ya = np.array([[1], [2], [3]], "float32"); yb = np.array([[0, 1], [1, 0], [1, 1]], "float32")
h = model.fit(x, [ya, yb], epochs=2, batch_size=2, shuffle=False, verbose=0)
for k in h.history:
    print(k, h.history[k])
print(model.evaluate(x, [ya, yb], verbose=0))
print(model.metrics_names)

#@ multi_output_dict_losses
tf.keras.backend.clear_session()
inp = tf.keras.Input((2,))
a = tf.keras.layers.Dense(1, kernel_initializer="ones", name="price")(inp)
b = tf.keras.layers.Dense(1, kernel_initializer="zeros", name="score")(inp)
model = tf.keras.Model(inp, {"price": a, "score": b})
model.compile("sgd", loss={"price": "mse", "score": "mae"}, metrics={"price": ["mae"]})
x = np.array([[1, 0], [0, 1]], "float32")
h = model.fit(x, {"price": np.array([[1], [2]], "float32"), "score": np.array([[0.5], [1]], "float32")}, epochs=2, verbose=0)
print(h.history)
out = model.predict(x, verbose=0)
print(sorted(out), out["price"].shape)

#@ multi_input_named_dict
tf.keras.backend.clear_session()
a = tf.keras.Input((2,), name="a")
b = tf.keras.Input((3,), name="b")
x = tf.keras.layers.Concatenate()([a, b])
out = tf.keras.layers.Dense(1, kernel_initializer="ones")(x)
model = tf.keras.Model([a, b], out)
model.compile("sgd", "mse")
xa = np.ones((4, 2), "float32"); xb = np.arange(12, dtype="float32").reshape(4, 3) / 12
print(model.fit([xa, xb], np.zeros((4, 1)), epochs=1, verbose=0).history)
print(model.predict({"a": xa, "b": xb}, verbose=0).ravel())
print([t.name for t in model.inputs], model.input_shape if hasattr(model, "input_shape") else None)

#@ summary_sequential_input
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3, activation="relu"),
                             tf.keras.layers.Dropout(0.2), tf.keras.layers.Dense(2)])
model.summary()

#@ summary_sequential_built_by_call
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.Dense(2)])
model.summary()
model(np.zeros((10, 4), "float32"))
model.summary()

#@ summary_functional_branches
tf.keras.backend.clear_session()
inp = tf.keras.Input((4,), name="x")
inp2 = tf.keras.Input((5,))
a = tf.keras.layers.Dense(3)(inp)
b = tf.keras.layers.Dense(3)(inp2)
c = tf.keras.layers.Concatenate()([a, b])
out = tf.keras.layers.Dense(1, name="out")(c)
fm = tf.keras.Model([inp, inp2], out)
fm.summary()
print([l.name for l in fm.layers])

#@ summary_functional_linear
tf.keras.backend.clear_session()
inp = tf.keras.Input((8, 8, 1))
x = tf.keras.layers.Conv2D(4, 3, activation="relu")(inp)
x = tf.keras.layers.MaxPooling2D()(x)
x = tf.keras.layers.Flatten()(x)
out = tf.keras.layers.Dense(10, activation="softmax")(x)
model = tf.keras.Model(inp, out, name="convnet")
model.summary()

#@ summary_batchnorm_and_optimizer
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4),
                             tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.summary()
model.fit(np.ones((4, 3)), np.ones((4, 1)), verbose=0)
model.summary()

#@ summary_subclassed
tf.keras.backend.clear_session()
class M(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(4)
        self.d2 = tf.keras.layers.Dense(2)
    def call(self, x):
        return self.d2(self.d1(x))
m = M()
m.summary()
m(np.zeros((2, 3), "float32"))
m.summary()
print(m.name, [l.name for l in m.layers])

#@ summary_trainable_false_and_print_fn
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4, name="frozen"), tf.keras.layers.Dense(1)])
model.get_layer("frozen").trainable = False
lines = []
model.summary(print_fn=lambda s, **kw: lines.append(s))
print(len(lines))
print(lines[0])
model.summary(show_trainable=True)

#@ summary_nested_model
tf.keras.backend.clear_session()
inner = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)], name="inner")
inp = tf.keras.Input((3,))
out = tf.keras.layers.Dense(1)(inner(inp))
outer = tf.keras.Model(inp, out, name="outer")
outer.summary()
outer.summary(expand_nested=True)
print(outer(np.ones((2, 3), "float32")).shape)

#@ summary_long_names_wrap
tf.keras.backend.clear_session()
inp = tf.keras.Input((2,), name="a_rather_long_input_name_for_wrapping")
out = tf.keras.layers.Dense(1, name="a_dense_layer_with_a_really_long_name")(inp)
tf.keras.Model(inp, out).summary()

#@ weights_get_set
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(1)])
print([w.shape for w in model.get_weights()])
print([v.path for v in model.weights])
print([v.path for v in model.trainable_weights])
print([v.path for v in model.non_trainable_weights])
model.set_weights([np.full(w.shape, 0.5, "float32") for w in model.get_weights()])
print(model(np.ones((1, 2), "float32")))
try:
    model.set_weights([np.ones((2, 3))])
except ValueError as e:
    print("ValueError", e)

#@ trainable_flags
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3), tf.keras.layers.Dense(1)])
print(len(model.trainable_weights), len(model.non_trainable_weights))
model.layers[0].trainable = False
print(len(model.trainable_weights), len(model.non_trainable_weights))
model.trainable = False
print(len(model.trainable_weights), len(model.non_trainable_weights), model.layers[1].trainable)
model.trainable = True
print(len(model.trainable_weights), model.layers[0].trainable)

#@ frozen_layer_does_not_train
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones", name="a"),
                             tf.keras.layers.Dense(1, kernel_initializer="ones", name="b")])
model.get_layer("a").trainable = False
model.compile("sgd", "mse")
model.fit(np.ones((4, 2)), np.zeros((4, 1)), epochs=2, verbose=0)
print(model.get_layer("a").kernel.numpy())
print(model.get_layer("b").kernel.numpy())

#@ layers_and_get_layer
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3, name="first"), tf.keras.layers.Dense(1)])
print([l.name for l in model.layers], model.get_layer(index=1).name, model.get_layer("first").units)
try:
    model.get_layer("nope")
except ValueError as e:
    print("ValueError", e)
print(model.input_shape, model.output_shape)
print(model.inputs, model.outputs)

#@ subclassed_add_loss
tf.keras.backend.clear_session()
class Reg(tf.keras.layers.Layer):
    def call(self, x):
        self.add_loss(0.1 * tf.reduce_sum(x))
        return x
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones"), Reg()])
model.compile("sgd", "mse")
model(np.ones((1, 2), "float32"))
print(model.losses)
h = model.fit(np.ones((2, 2)), np.zeros((2, 2)), epochs=2, verbose=0)
print(h.history)

#@ subclassed_training_argument
tf.keras.backend.clear_session()
class M(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d = tf.keras.layers.Dense(1, kernel_initializer="ones")
    def call(self, x, training=False):
        y = self.d(x)
        return y * 2.0 if training else y
m = M()
m.compile("sgd", "mse")
x = np.ones((2, 2), "float32"); y = np.ones((2, 1), "float32")
print(m.fit(x, y, epochs=1, verbose=0).history)
print(m.evaluate(x, y, verbose=0), m.predict(x, verbose=0).ravel())

#@ subclassed_custom_train_step
tf.keras.backend.clear_session()
class M(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d = tf.keras.layers.Dense(1, kernel_initializer="ones")
        self.tracker = tf.keras.metrics.Mean(name="my_loss")
    def call(self, x):
        return self.d(x)
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(self(x, training=True) - y))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.tracker.update_state(loss)
        return {"my_loss": self.tracker.result()}
    @property
    def metrics(self):
        return [self.tracker]
m = M()
m.compile(tf.keras.optimizers.SGD(0.05))
h = m.fit(np.ones((4, 3), "float32"), np.zeros((4, 1), "float32"), epochs=3, batch_size=2, verbose=0)
print(h.history)

#@ subclassed_compute_loss_override
tf.keras.backend.clear_session()
class M(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d = tf.keras.layers.Dense(1, kernel_initializer="ones")
    def call(self, x):
        return self.d(x)
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        return tf.reduce_mean(tf.abs(y - y_pred)) * 10.0
m = M()
m.compile("sgd")
print(m.fit(np.ones((2, 2), "float32"), np.zeros((2, 1), "float32"), epochs=2, verbose=0).history)

#@ regularizers_in_losses
tf.keras.backend.clear_session()
layer = tf.keras.layers.Dense(2, kernel_initializer="ones", kernel_regularizer=tf.keras.regularizers.L2(0.1),
                              bias_regularizer=tf.keras.regularizers.L1(0.5), bias_initializer="ones",
                              activity_regularizer=tf.keras.regularizers.L1L2(l1=0.01, l2=0.02))
model = tf.keras.Sequential([tf.keras.Input((3,)), layer])
model(np.ones((2, 3), "float32"))
print(model.losses)
model.compile("sgd", "mse")
print(model.fit(np.ones((2, 3)), np.zeros((2, 2)), epochs=2, verbose=0).history)

#@ shared_layer_twice
tf.keras.backend.clear_session()
shared = tf.keras.layers.Dense(2, kernel_initializer="ones", name="shared")
a = tf.keras.Input((3,)); b = tf.keras.Input((3,))
out = tf.keras.layers.Add()([shared(a), shared(b)])
model = tf.keras.Model([a, b], out)
print(len(model.weights), [l.name for l in model.layers])
print(model([np.ones((1, 3), "float32"), np.full((1, 3), 2.0, "float32")]))
model.summary()

#@ nested_functional_models
tf.keras.backend.clear_session()
i1 = tf.keras.Input((2,)); encoder = tf.keras.Model(i1, tf.keras.layers.Dense(3, kernel_initializer="ones")(i1), name="encoder")
i2 = tf.keras.Input((3,)); decoder = tf.keras.Model(i2, tf.keras.layers.Dense(1, kernel_initializer="ones")(i2), name="decoder")
i3 = tf.keras.Input((2,)); ae = tf.keras.Model(i3, decoder(encoder(i3)), name="ae")
print([l.name for l in ae.layers], len(ae.weights))
print(ae(np.array([[1.0, 2.0]], "float32")))
ae.compile("sgd", "mse")
print(ae.fit(np.ones((2, 2)), np.ones((2, 1)), verbose=0).history)

#@ keras_tensor_and_history
tf.keras.backend.clear_session()
inp = tf.keras.Input((4,), name="x")
print(inp)
print(inp.shape, inp.dtype, inp.ndim)
d = tf.keras.layers.Dense(2, name="d")
out = d(inp)
print(out.shape, out.dtype, out._keras_history.operation.name, out._keras_history.node_index)
print(d.output.shape, d.input.name)
i2 = tf.keras.Input(shape=(None, 3), dtype="int32", name="seq")
print(i2, tf.keras.Input(batch_shape=(5, 2), name="fixed"))

#@ keras_tensor_operators
tf.keras.backend.clear_session()
i = tf.keras.Input((2,))
d = tf.keras.layers.Dense(2, kernel_initializer="ones")(i)
y = 3.0 - d * 2 + 1
z = -(y / 4.0)
m = tf.keras.Model(i, [y, z[:, 0]])
print([l.name for l in m.layers])
m.summary()
print(m(np.ones((1, 2), "float32")))
print(y.shape, z[:, 0].shape)

#@ run_eagerly_and_jit_compile_accepted
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", run_eagerly=True, jit_compile=False)
print(m.run_eagerly, m.fit(np.ones((2, 2)), np.zeros((2, 1)), verbose=0).history)

#@ fit_without_compile_raises
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
m.fit(np.ones((2, 2)), np.ones((2, 1)), verbose=0)

#@ validation_split_on_generator_raises
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
m.compile("sgd", "mse")
m.fit((b for b in []), validation_split=0.5, verbose=0)

#@ keras2_predict_classes_removed
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
print(hasattr(m, "predict_classes"), hasattr(m, "fit_generator"))
m.predict_classes(np.ones((1, 2)))

#@ keras2_losses_function_names_removed
print(hasattr(tf.keras.losses, "mse"), hasattr(tf.keras.losses, "mean_squared_error"), hasattr(tf.keras.losses, "mean_absolute_error"))
print(tf.keras.losses.mse.__name__)
tf.keras.losses.mean_squared_error

#@ add_weight_positional_name
class L(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight("w", shape=(2,))
L()(tf.ones((1, 2)))

#@ add_metric_removed
tf.keras.layers.Layer().add_metric(1.0)

#@ progbar_single_step_epochs
import io, re, contextlib
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", metrics=["mae"])
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    m.fit(np.ones((4, 2)), np.zeros((4, 1)), epochs=2, batch_size=8, verbose=1)
text = re.sub(r"\d+(ms|us|s)/step", "T/step", buf.getvalue())
text = re.sub(r"\x08+", "<BS>", re.sub(r"\x1b\[1m\d+s\x1b\[0m", "Ts", text))
print(repr(text))

#@ progbar_verbose_2_lines
import io, re, contextlib
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    m.fit(np.ones((6, 2)), np.zeros((6, 1)), epochs=3, batch_size=2, verbose=2,
          validation_data=(np.ones((2, 2)), np.zeros((2, 1))))
print(re.sub(r"\d+(ms|us|s)(/step)?", "T", buf.getvalue()))

#@ progbar_evaluate_predict_single_step
import io, re, contextlib
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    m.evaluate(np.ones((3, 2)), np.zeros((3, 1)), verbose=1)
    m.predict(np.ones((3, 2)), verbose=1)
    m.evaluate(np.ones((3, 2)), np.zeros((3, 1)), verbose=2)
text = re.sub(r"\d+(ms|us|s)/step", "T/step", buf.getvalue())
print(repr(re.sub(r"\x08+", "<BS>", re.sub(r"\x1b\[1m\d+s\x1b\[0m", "Ts", text))))

#@ utils_progbar_direct
import io, contextlib, re
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    bar = tf.keras.utils.Progbar(3, verbose=2)
    bar.update(1, [("loss", 1.0)])
    bar.update(3, [("loss", 0.5), ("acc", 0.25)])
print(re.sub(r"\d+(ms|us|s)(/step)?", "T", buf.getvalue()))

#@ model_get_config_sequential
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3, activation="relu")], name="seq")
cfg = m.get_config()
print(sorted(cfg), cfg["name"], [l["class_name"] for l in cfg["layers"]])
print(cfg["layers"][1]["config"]["units"], cfg["layers"][1]["config"]["activation"])
m2 = tf.keras.Sequential.from_config(cfg)
print([type(l).__name__ for l in m2.layers], m2.output_shape)

#@ model_functional_get_config_roundtrip
tf.keras.backend.clear_session()
a = tf.keras.Input((2,), name="a"); b = tf.keras.Input((2,), name="b")
out = tf.keras.layers.Dense(1, name="d")(tf.keras.layers.Concatenate(name="c")([a, b]))
m = tf.keras.Model([a, b], out, name="fn")
cfg = m.get_config()
print(cfg["input_layers"], cfg["output_layers"])
print([(l["name"], len(l["inbound_nodes"])) for l in cfg["layers"]])
m2 = tf.keras.Model.from_config(cfg)
print(m2.name, [l.name for l in m2.layers], m2.output_shape)

#@ to_categorical_and_seed
print(tf.keras.utils.to_categorical([0, 2, 1], num_classes=3))
print(tf.keras.utils.to_categorical(np.array([[1], [0]])).shape)
tf.keras.utils.set_random_seed(3)
print(np.random.rand(2).round(6))

#@ model_call_on_lists_and_dtypes
tf.keras.backend.clear_session()
inp = tf.keras.Input((2,), dtype="int32")
out = tf.keras.layers.Embedding(5, 2, embeddings_initializer="ones")(inp)
m = tf.keras.Model(inp, out)
print(m(np.array([[1, 2]])).dtype, m.predict(np.array([[1, 2]]), verbose=0).shape)
seq = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
print(seq([[1.0, 2.0]]))
