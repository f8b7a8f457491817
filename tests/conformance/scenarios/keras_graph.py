# Keras 3 in graph mode: fit/evaluate/predict with the default compile (the step runs as a
# tf.function), run_eagerly/jit_compile/steps_per_execution, custom train_step/test_step/
# predict_step (traced), tf.function custom loops with Keras layers, optimizers and metrics,
# recurrent layers in fit, models called inside tf.function and how often steps are traced.
# Fixed initial weights and shuffle=False make every value exact. Data sizes divide the batch
# size where a scenario prints trace counts (Keras traces a partial last batch with an unknown
# batch dimension; tapeflow traces it at its own shape).

#@ default_compile_fit_history
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4, activation="relu", kernel_initializer="ones"),
                         tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.01), "mse", metrics=["mae"])
x = np.linspace(-1, 1, 30, dtype="float32").reshape(10, 3); y = np.arange(10, dtype="float32").reshape(10, 1) / 10
h = m.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0)
print(h.history)
print(m.run_eagerly, m.jit_compile, m.steps_per_execution)

#@ run_eagerly_same_history
res = []
for eager in (True, False):
    tf.keras.backend.clear_session()
    m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3, activation="tanh", kernel_initializer="ones"),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
    m.compile(tf.keras.optimizers.Adam(0.05), "mse", metrics=["mse"], run_eagerly=eager)
    x = np.linspace(0, 1, 16, dtype="float32").reshape(8, 2)
    h = m.fit(x, x[:, :1] * 2, epochs=2, batch_size=3, shuffle=False, verbose=0)
    print(m.run_eagerly, h.history)

#@ jit_compile_flags
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", jit_compile=True)
print(m.jit_compile, m.run_eagerly)
h = m.fit(np.ones((4, 2)), np.zeros((4, 1)), epochs=2, batch_size=2, verbose=0)
print(h.history)
m.compile("sgd", "mse")
print(m.jit_compile)
m.compile("sgd", "mse", jit_compile=False)
print(m.jit_compile)

#@ jit_compile_with_run_eagerly_warns
import warnings
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    m.compile("sgd", "mse", jit_compile=True, run_eagerly=True)
print([str(x.message) for x in w if "jit_compile" in str(x.message)])
print(m.jit_compile, m.run_eagerly)

#@ evaluate_predict_default
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, kernel_initializer="ones", bias_initializer="ones")])
m.compile("sgd", "mse", metrics=["mae", "mse"])
x = np.arange(21, dtype="float32").reshape(7, 3) / 10
print(m.evaluate(x, np.ones((7, 2)), batch_size=3, verbose=0))
print(m.evaluate(x, np.ones((7, 2)), batch_size=3, verbose=0, return_dict=True))
print(m.predict(x, batch_size=3, verbose=0))
print(m.predict_on_batch(x[:2]))

#@ train_test_on_batch
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
x = np.array([[1.0, 2.0], [3.0, 4.0]], "float32"); y = np.array([[1.0], [2.0]], "float32")
print(m.train_on_batch(x, y))
print(m.train_on_batch(x, y, return_dict=True))
print(m.test_on_batch(x, y))
print(m.layers[0].kernel.numpy().ravel())

#@ steps_per_execution_batches_seen
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.05), "mse", steps_per_execution=3)
seen = []
cb = tf.keras.callbacks.LambdaCallback(on_train_batch_begin=lambda b, logs: seen.append(("begin", b)),
                                       on_train_batch_end=lambda b, logs: seen.append(("end", b, round(float(logs["loss"]), 5))))
x = np.linspace(0, 1, 20, dtype="float32").reshape(10, 2)
h = m.fit(x, x.sum(1), batch_size=2, epochs=2, shuffle=False, verbose=0, callbacks=[cb])
print(seen)
print(h.history, m.optimizer.iterations.numpy())

#@ steps_per_execution_same_values
res = []
for spe in (1, 2, 4):
    tf.keras.backend.clear_session()
    m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, activation="relu", kernel_initializer="ones"),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
    m.compile(tf.keras.optimizers.SGD(0.02), "mse", metrics=["mae"], steps_per_execution=spe)
    x = np.linspace(-1, 1, 24, dtype="float32").reshape(12, 2)
    h = m.fit(x, x[:, :1], batch_size=2, epochs=2, shuffle=False, verbose=0)
    res.append(h.history)
print(res[0] == res[1] == res[2], res[0])

#@ steps_per_execution_evaluate_predict
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", metrics=["mae"], steps_per_execution=2)
ends = []
cb = tf.keras.callbacks.LambdaCallback(on_test_batch_end=lambda b, logs: ends.append(("test", b)),
                                       on_predict_batch_end=lambda b, logs: ends.append(("predict", b, logs["outputs"].shape)))
x = np.arange(14, dtype="float32").reshape(7, 2)
print(m.evaluate(x, np.zeros((7, 1)), batch_size=2, verbose=0, callbacks=[cb]))
print(m.predict(x, batch_size=2, verbose=0, callbacks=[cb]).ravel())
print(ends)

#@ steps_per_execution_with_steps_per_epoch
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse", steps_per_execution=2)
ds = tf.data.Dataset.from_tensor_slices((np.arange(8, dtype="float32").reshape(8, 1) / 8, np.zeros((8, 1), "float32"))).batch(2).repeat()
ends = []
h = m.fit(ds, epochs=2, steps_per_epoch=4, verbose=0, callbacks=[tf.keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: ends.append(b))])
print(ends, h.history, m.optimizer.iterations.numpy())

#@ custom_train_step_traced
tf.keras.backend.clear_session()
class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1, kernel_initializer="ones")
    def call(self, x):
        return self.dense(x)
    def train_step(self, data):
        print("tracing train_step", data[0].shape, tf.executing_eagerly())
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
m = MyModel()
m.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
x = np.linspace(-1, 1, 16, dtype="float32").reshape(8, 2)
h = m.fit(x, x.sum(1, keepdims=True), batch_size=4, epochs=3, verbose=0, shuffle=False)
print(h.history)

#@ custom_train_step_run_eagerly
tf.keras.backend.clear_session()
class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1, kernel_initializer="ones")
    def call(self, x):
        return self.dense(x)
    def train_step(self, data):
        print("step", tf.executing_eagerly())
        x, y = data
        with tf.GradientTape() as tape:
            loss = self.compute_loss(y=y, y_pred=self(x, training=True))
        self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
        return {"loss": loss}
m = MyModel()
m.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss="mse", run_eagerly=True)
h = m.fit(np.ones((4, 2)), np.ones((4, 1)), batch_size=2, epochs=2, verbose=0)
print(h.history)

#@ custom_train_step_own_metrics
tf.keras.backend.clear_session()
class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1, kernel_initializer="ones")
        self.loss_tracker = tf.keras.metrics.Mean(name="loss")
        self.mae_metric = tf.keras.metrics.MeanAbsoluteError(name="mae")
        self.loss_fn = tf.keras.losses.MeanSquaredError()
    def call(self, x):
        return self.dense(x)
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.loss_fn(y, y_pred)
        grads = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(grads, self.trainable_weights))
        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}
    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]
m = MyModel()
m.compile(optimizer=tf.keras.optimizers.Adam(0.1))
x = np.linspace(-1, 1, 12, dtype="float32").reshape(6, 2)
h = m.fit(x, x[:, :1] - x[:, 1:], batch_size=3, epochs=3, verbose=0, shuffle=False)
print(h.history)
print([v.numpy().ravel().round(5).tolist() for v in m.trainable_weights])

#@ custom_test_step_traced
tf.keras.backend.clear_session()
class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1, kernel_initializer="ones")
    def call(self, x):
        return self.dense(x)
    def test_step(self, data):
        print("tracing test_step")
        x, y = data
        y_pred = self(x, training=False)
        loss = self.compute_loss(y=y, y_pred=y_pred)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
m = MyModel()
m.compile(loss="mse", metrics=["mae"])
x = np.arange(12, dtype="float32").reshape(6, 2) / 6
print(m.evaluate(x, np.zeros((6, 1)), batch_size=3, verbose=0))
print(m.evaluate(x, np.zeros((6, 1)), batch_size=3, verbose=0, return_dict=True))

#@ custom_predict_step
tf.keras.backend.clear_session()
class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(2, kernel_initializer="ones")
    def call(self, x):
        return self.dense(x)
    def predict_step(self, data):
        x = data[0] if isinstance(data, tuple) else data
        return {"probs": tf.nn.softmax(self(x)), "argmax": tf.argmax(self(x) * [1.0, 2.0], axis=-1)}
m = MyModel()
out = m.predict(np.arange(10, dtype="float32").reshape(5, 2) / 5, batch_size=2, verbose=0)
print(sorted(out), out["probs"].shape, out["argmax"])

#@ custom_train_step_sample_weight
tf.keras.backend.clear_session()
class MyModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1, kernel_initializer="ones")
    def call(self, x):
        return self.dense(x)
    def train_step(self, data):
        x, y, sw = tf.keras.utils.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred, sample_weight=sw)
        self.optimizer.apply(tape.gradient(loss, self.trainable_variables), self.trainable_variables)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sw)
        return {m.name: m.result() for m in self.metrics}
m = MyModel()
m.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
x = np.linspace(0, 1, 12, dtype="float32").reshape(6, 2)
h = m.fit(x, np.ones((6, 1)), sample_weight=np.array([1, 2, 3, 1, 2, 3], "float32"), batch_size=3, epochs=2, verbose=0, shuffle=False)
print(h.history)

#@ gan_style_two_optimizers
tf.keras.backend.clear_session()
class TwoPart(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.a = tf.keras.layers.Dense(2, kernel_initializer="ones", name="a")
        self.b = tf.keras.layers.Dense(1, kernel_initializer="ones", name="b")
        self.a_opt = tf.keras.optimizers.SGD(0.01)
        self.b_opt = tf.keras.optimizers.Adam(0.01)
    def call(self, x):
        return self.b(self.a(x))
    def train_step(self, data):
        x, y = data
        with tf.GradientTape(persistent=True) as tape:
            out = self(x)
            la = tf.reduce_mean(tf.square(out - y))
            lb = tf.reduce_mean(tf.abs(out - y))
        self.a_opt.apply_gradients(zip(tape.gradient(la, self.a.trainable_weights), self.a.trainable_weights))
        self.b_opt.apply_gradients(zip(tape.gradient(lb, self.b.trainable_weights), self.b.trainable_weights))
        return {"la": la, "lb": lb}
m = TwoPart()
m.compile()
x = np.linspace(-1, 1, 8, dtype="float32").reshape(4, 2)
h = m.fit(x, np.ones((4, 1)), batch_size=2, epochs=2, verbose=0, shuffle=False)
print(h.history)
print(m.a_opt.iterations.numpy(), m.b_opt.iterations.numpy())

#@ tf_function_custom_loop
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4, activation="relu", kernel_initializer="ones"),
                             tf.keras.layers.Dense(2, kernel_initializer="ones")])
opt = tf.keras.optimizers.Adam(0.01)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
acc = tf.keras.metrics.SparseCategoricalAccuracy()
mean = tf.keras.metrics.Mean()
@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    acc.update_state(y, logits)
    mean.update_state(loss)
    return loss
x = np.linspace(-1, 1, 24, dtype="float32").reshape(8, 3); y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
for epoch in range(3):
    for i in range(0, 8, 4):
        loss = train_step(x[i:i + 4], y[i:i + 4])
    print(epoch, float(loss), float(mean.result()), float(acc.result()))
print(opt.iterations.numpy(), [v.numpy().round(4).tolist() for v in model.trainable_variables[2:]])

#@ tf_function_loop_over_dataset
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
opt = tf.keras.optimizers.SGD(0.1)
mse = tf.keras.losses.MeanSquaredError()
ds = tf.data.Dataset.from_tensor_slices((np.linspace(0, 1, 12, dtype="float32").reshape(6, 2), np.ones((6, 1), "float32"))).batch(2, drop_remainder=True)
@tf.function
def train_epoch(ds):
    total = tf.constant(0.0)
    for x, y in ds:
        with tf.GradientTape() as tape:
            loss = mse(y, model(x))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        total += loss
    return total
print(float(train_epoch(ds)), float(train_epoch(ds)))
print(model.layers[0].kernel.numpy().ravel(), opt.iterations.numpy())

#@ tf_function_metric_result_in_graph
tf.keras.backend.clear_session()
m = tf.keras.metrics.MeanSquaredError()
acc = tf.keras.metrics.BinaryAccuracy()
@tf.function
def update(y, p):
    m.update_state(y, p)
    acc.update_state(y, p)
    return m.result(), acc.result()
print([float(v) for v in update(tf.constant([0.0, 1.0, 1.0]), tf.constant([0.2, 0.7, 0.4]))])
print([float(v) for v in update(tf.constant([1.0, 0.0]), tf.constant([0.9, 0.6]))])

#@ model_called_in_tf_function_tracing
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones")])
@tf.function
def predict(x):
    print("tracing", x.shape)
    return model(x)
print(predict(tf.ones((1, 2))).numpy())
print(predict(tf.ones((1, 2)) * 2).numpy())
print(predict(tf.ones((3, 2))).numpy().sum())
print(predict.experimental_get_tracing_count())

#@ model_in_tf_function_input_signature
tf.keras.backend.clear_session()
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, kernel_initializer="ones", activation="relu")])
f = tf.function(lambda x: model(x, training=False), input_signature=[tf.TensorSpec((None, 3), tf.float32)])
print(f(tf.ones((2, 3))).numpy(), f(tf.ones((5, 3))).shape)
print(f.get_concrete_function().structured_outputs)

#@ batchnorm_in_fit_updates_moving_stats
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.BatchNormalization(momentum=0.5),
                         tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
x = np.array([[1, 2], [3, 4], [5, 6], [7, 9]], "float32")
h = m.fit(x, np.ones((4, 1)), batch_size=2, epochs=2, verbose=0, shuffle=False)
print(h.history)
bn = m.layers[0]
print(bn.moving_mean.numpy(), bn.moving_variance.numpy().round(5))
print(m.predict(x, verbose=0).ravel().round(4))

#@ regularizers_in_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones", kernel_regularizer=tf.keras.regularizers.L2(0.1),
                                                                  activity_regularizer=tf.keras.regularizers.L1(0.01)),
                         tf.keras.layers.Dense(1, kernel_initializer="ones", bias_regularizer="l1")])
m.compile(tf.keras.optimizers.SGD(0.05), "mse")
h = m.fit(np.linspace(0, 1, 8, dtype="float32").reshape(4, 2), np.zeros((4, 1)), batch_size=2, epochs=3, verbose=0, shuffle=False)
print(h.history)
print(m.evaluate(np.ones((2, 2)), np.zeros((2, 1)), verbose=0))

#@ constraints_in_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones", kernel_constraint=tf.keras.constraints.MaxNorm(1.0)),
                         tf.keras.layers.Dense(1, kernel_initializer="ones", kernel_constraint=tf.keras.constraints.NonNeg())])
m.compile(tf.keras.optimizers.SGD(0.5), "mse")
h = m.fit(np.ones((4, 2)), -np.ones((4, 1)), batch_size=2, epochs=2, verbose=0)
print(h.history)
print(m.layers[0].kernel.numpy().round(5), m.layers[1].kernel.numpy().ravel())

#@ loss_scale_optimizer_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4, kernel_initializer="ones"), tf.keras.layers.Dense(1, kernel_initializer="ones")])
opt = tf.keras.mixed_precision.LossScaleOptimizer(tf.keras.optimizers.SGD(0.01), dynamic_growth_steps=2)
m.compile(opt, "mse")
x = np.linspace(-1, 1, 24, dtype="float32").reshape(8, 3)
h = m.fit(x, x.sum(1), batch_size=2, epochs=2, verbose=0, shuffle=False)
print(h.history)
print(opt.dynamic_scale.numpy(), opt.iterations.numpy())

#@ loss_scale_optimizer_nonfinite_in_graph
tf.keras.backend.clear_session()
v = tf.Variable([1.0, 2.0])
opt = tf.keras.mixed_precision.LossScaleOptimizer(tf.keras.optimizers.SGD(0.1), initial_scale=8.0)
@tf.function
def step(scale_by):
    with tf.GradientTape() as tape:
        loss = opt.scale_loss(tf.reduce_sum(v * v) * scale_by)
    opt.apply_gradients(zip(tape.gradient(loss, [v]), [v]))
step(tf.constant(1.0)); print(v.numpy(), opt.dynamic_scale.numpy())
step(tf.constant(np.inf, tf.float32)); print(v.numpy(), opt.dynamic_scale.numpy())
step(tf.constant(1.0)); print(v.numpy(), opt.dynamic_scale.numpy(), opt.iterations.numpy())

#@ mixed_precision_policy_fit
tf.keras.backend.clear_session()
tf.keras.mixed_precision.set_global_policy("mixed_float16")
try:
    m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones"),
                             tf.keras.layers.Dense(1, kernel_initializer="ones", dtype="float32")])
    m.compile(tf.keras.optimizers.SGD(0.01), "mse")
    print(type(m.optimizer).__name__)
    h = m.fit(np.ones((4, 2)), np.zeros((4, 1)), batch_size=2, epochs=2, verbose=0)
    print(h.history, m.predict(np.ones((1, 2)), verbose=0).dtype)
finally:
    tf.keras.mixed_precision.set_global_policy("float32")

#@ lstm_in_fit
tf.keras.backend.clear_session()
c = tf.keras.initializers.Constant(0.1)
m = tf.keras.Sequential([tf.keras.Input((4, 2)), tf.keras.layers.LSTM(3, kernel_initializer=c, recurrent_initializer=c),
                         tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.Adam(0.01), "mse")
x = np.linspace(-1, 1, 32, dtype="float32").reshape(4, 4, 2)
h = m.fit(x, np.ones((4, 1)), batch_size=2, epochs=3, verbose=0, shuffle=False)
print(h.history)
print(m.predict(x, verbose=0).ravel())

#@ gru_return_sequences_in_fit
tf.keras.backend.clear_session()
c = tf.keras.initializers.Constant(0.2)
m = tf.keras.Sequential([tf.keras.Input((3, 2)), tf.keras.layers.GRU(2, return_sequences=True, kernel_initializer=c, recurrent_initializer=c),
                         tf.keras.layers.GlobalAveragePooling1D(), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
x = np.linspace(0, 1, 24, dtype="float32").reshape(4, 3, 2)
h = m.fit(x, np.zeros((4, 1)), batch_size=2, epochs=2, verbose=0, shuffle=False)
print(h.history)

#@ simplernn_go_backwards_in_fit
tf.keras.backend.clear_session()
c = tf.keras.initializers.Constant(0.3)
m = tf.keras.Sequential([tf.keras.Input((5, 1)), tf.keras.layers.SimpleRNN(2, go_backwards=True, kernel_initializer=c, recurrent_initializer=c),
                         tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
x = np.linspace(-1, 1, 10, dtype="float32").reshape(2, 5, 1)
h = m.fit(x, np.array([[1.0], [0.0]]), epochs=3, verbose=0)
print(h.history)

#@ bidirectional_masked_in_fit
tf.keras.backend.clear_session()
c = tf.keras.initializers.Constant(0.1)
m = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Embedding(6, 2, mask_zero=True, embeddings_initializer=tf.keras.initializers.Constant(0.5)),
                         tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(2, kernel_initializer=c, recurrent_initializer=c)),
                         tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.Adam(0.05), "mse")
ids = np.array([[1, 2, 0, 0], [3, 4, 5, 0], [1, 0, 0, 0], [5, 4, 3, 2]])
h = m.fit(ids, np.array([[0.5], [1.0], [0.0], [1.5]]), batch_size=2, epochs=2, verbose=0, shuffle=False)
print(h.history)
print(m.predict(ids, verbose=0).ravel())

#@ lstm_functional_return_state
tf.keras.backend.clear_session()
c = tf.keras.initializers.Constant(0.1)
inp = tf.keras.Input((3, 2))
seq, h_state, c_state = tf.keras.layers.LSTM(2, return_sequences=True, return_state=True, kernel_initializer=c, recurrent_initializer=c)(inp)
out = tf.keras.layers.Dense(1, kernel_initializer="ones")(tf.keras.layers.Concatenate()([h_state, c_state]))
m = tf.keras.Model(inp, [out, seq])
m.compile("sgd", ["mse", None])
x = np.linspace(0, 1, 12, dtype="float32").reshape(2, 3, 2)
print(m.evaluate(x, [np.ones((2, 1)), np.zeros((2, 3, 2))], verbose=0))
o, s = m.predict(x, verbose=0)
print(o.ravel(), s.shape)

#@ conv_model_fit
tf.keras.backend.clear_session()
c = tf.keras.initializers.Constant(0.05)
m = tf.keras.Sequential([tf.keras.Input((6, 6, 1)), tf.keras.layers.Conv2D(2, 3, activation="relu", kernel_initializer=c),
                         tf.keras.layers.MaxPooling2D(), tf.keras.layers.Flatten(), tf.keras.layers.Dense(3, kernel_initializer=c)])
m.compile(tf.keras.optimizers.Adam(0.01), tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
x = np.linspace(0, 1, 4 * 36, dtype="float32").reshape(4, 6, 6, 1)
h = m.fit(x, np.array([0, 1, 2, 1]), batch_size=2, epochs=3, verbose=0, shuffle=False)
print(h.history)

#@ functional_multi_output_loss_weights
tf.keras.backend.clear_session()
inp = tf.keras.Input((2,), name="x")
hid = tf.keras.layers.Dense(3, kernel_initializer="ones", name="hid")(inp)
a = tf.keras.layers.Dense(1, kernel_initializer="ones", name="a")(hid)
b = tf.keras.layers.Dense(1, kernel_initializer="ones", name="b")(hid)
m = tf.keras.Model(inp, {"a": a, "b": b})
m.compile(tf.keras.optimizers.SGD(0.01), loss={"a": "mse", "b": "mae"}, loss_weights={"a": 1.0, "b": 0.5}, metrics={"a": ["mae"]})
x = np.linspace(-1, 1, 8, dtype="float32").reshape(4, 2)
h = m.fit(x, {"a": np.ones((4, 1)), "b": np.zeros((4, 1))}, batch_size=2, epochs=2, verbose=0, shuffle=False)
for k in sorted(h.history):
    print(k, h.history[k])

#@ subclassed_add_loss_in_call
tf.keras.backend.clear_session()
class WithLoss(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d = tf.keras.layers.Dense(1, kernel_initializer="ones")
    def call(self, x):
        y = self.d(x)
        self.add_loss(0.1 * tf.reduce_mean(tf.square(y)))
        return y
m = WithLoss()
m.compile(tf.keras.optimizers.SGD(0.05), "mse")
h = m.fit(np.linspace(0, 1, 8, dtype="float32").reshape(4, 2), np.zeros((4, 1)), batch_size=2, epochs=2, verbose=0, shuffle=False)
print(h.history)

#@ class_and_sample_weight_in_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
x = np.array([[1, 0], [0, 1], [1, 1], [0, 0]], "float32"); y = np.array([0, 1, 1, 0])
print(m.fit(x, y, class_weight={0: 1.0, 1: 3.0}, batch_size=2, epochs=2, verbose=0, shuffle=False).history)
print(m.fit(x, y, sample_weight=np.array([1.0, 0.5, 2.0, 0.0]), batch_size=2, epochs=1, verbose=0, shuffle=False).history)

#@ validation_data_in_graph
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.05), "mse", metrics=["mae"])
x = np.linspace(0, 1, 12, dtype="float32").reshape(6, 2)
h = m.fit(x, np.ones((6, 1)), validation_data=(x[:3], np.zeros((3, 1))), batch_size=2, epochs=2, verbose=0, shuffle=False)
for k in sorted(h.history):
    print(k, h.history[k])

#@ callback_order_graph_mode
tf.keras.backend.clear_session()
class Log(tf.keras.callbacks.Callback):
    def __getattribute__(self, name):
        if name.startswith("on_"):
            def hook(*args, **kwargs):
                print(name, args[0] if args and not isinstance(args[0], dict) else "")
            return hook
        return object.__getattribute__(self, name)
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", steps_per_execution=2)
m.fit(np.ones((6, 1)), np.zeros((6, 1)), batch_size=2, epochs=1, verbose=0, callbacks=[Log()],
      validation_data=(np.ones((2, 1)), np.zeros((2, 1))))

#@ learning_rate_schedule_in_graph_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
sched = tf.keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=2, decay_rate=0.5)
m.compile(tf.keras.optimizers.SGD(sched), "mse")
h = m.fit(np.ones((4, 1)), np.zeros((4, 1)), batch_size=1, epochs=2, verbose=0)
print(h.history, m.layers[0].kernel.numpy(), float(m.optimizer.learning_rate))

#@ lr_scheduler_callback_changes_graph_step
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones", use_bias=False)])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
h = m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=3, verbose=0,
          callbacks=[tf.keras.callbacks.LearningRateScheduler(lambda e, lr: 0.1 / (e + 1))])
print(h.history, m.layers[0].kernel.numpy())

#@ reduce_lr_on_plateau_graph
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros", use_bias=False)])
m.compile(tf.keras.optimizers.SGD(0.5), "mae")
h = m.fit(np.ones((2, 1)), np.ones((2, 1)) * 0.25, epochs=5, verbose=0,
          callbacks=[tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)])
print(h.history)

#@ early_stopping_restore_graph
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros", use_bias=False)])
m.compile(tf.keras.optimizers.SGD(1.5), "mse")
es = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=1, restore_best_weights=True)
h = m.fit(np.ones((2, 1)), np.ones((2, 1)), epochs=10, verbose=0, callbacks=[es])
print(len(h.history["loss"]), h.history["loss"], m.layers[0].kernel.numpy())

#@ fit_on_dataset_traces
tf.keras.backend.clear_session()
class Counting(tf.keras.Sequential):
    def train_step(self, data):
        print("trace", [t.shape for t in data])
        return super().train_step(data)
m = Counting([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
ds = tf.data.Dataset.from_tensor_slices((np.linspace(0, 1, 16, dtype="float32").reshape(8, 2), np.zeros((8, 1), "float32"))).batch(4, drop_remainder=True)
print(m.fit(ds, epochs=3, verbose=0).history)

#@ fit_on_generator
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
def gen():
    for i in range(3):
        yield np.full((2, 2), i / 4, "float32"), np.zeros((2, 1), "float32")
print(m.fit(gen(), epochs=1, verbose=0).history)

#@ progbar_graph_mode
import io, re, contextlib
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", metrics=["mae"])
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    m.fit(np.ones((6, 2)), np.zeros((6, 1)), epochs=2, batch_size=2, verbose=2,
          validation_data=(np.ones((2, 2)), np.zeros((2, 1))))
    m.evaluate(np.ones((4, 2)), np.zeros((4, 1)), batch_size=2, verbose=2)
print(re.sub(r"\d+(ms|us|s)(/step)?", "T", buf.getvalue()))

#@ summary_after_graph_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4, kernel_initializer="ones"), tf.keras.layers.LSTM(2) if False else tf.keras.layers.Dense(2)])
m.compile("adam", "mse")
m.fit(np.ones((4, 3)), np.zeros((4, 2)), verbose=0)
m.summary()

#@ metrics_after_graph_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones")])
m.compile("sgd", "categorical_crossentropy", metrics=["accuracy", tf.keras.metrics.MeanAbsoluteError(name="p")])
m.fit(np.array([[1, 0], [0, 2]], "float32"), np.array([[1, 0], [0, 1]], "float32"), verbose=0)
print(m.metrics_names)
print({k: round(float(v), 5) for k, v in m.get_metrics_result().items()})
print([v.name for v in m.metrics_variables])

#@ recompile_resets_train_function
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
m.fit(np.ones((2, 1)), np.zeros((2, 1)), verbose=0)
print(m.train_function is not None, m.test_function is None, m.predict_function is None)
m.compile(tf.keras.optimizers.SGD(0.1), "mae")
print(m.train_function is None)
print(m.fit(np.ones((2, 1)), np.zeros((2, 1)), verbose=0).history)

#@ stop_training_in_graph
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
class Stop(tf.keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        if batch == 1:
            self.model.stop_training = True
h = m.fit(np.ones((8, 1)), np.zeros((8, 1)), batch_size=2, epochs=3, verbose=0, callbacks=[Stop()])
print(h.history, m.optimizer.iterations.numpy())

#@ embedding_sparse_grad_in_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Embedding(5, 2, embeddings_initializer="ones"),
                         tf.keras.layers.Flatten(), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.Adam(0.1), "mse")
h = m.fit(np.array([[0, 1], [2, 2], [4, 1]]), np.zeros((3, 1)), batch_size=3, epochs=2, verbose=0)
print(h.history)
print(m.layers[0].embeddings.numpy().round(5))

#@ dropout_in_traced_fit_seeded
tf.keras.backend.clear_session()
tf.keras.utils.set_random_seed(7)
m = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(8, activation="relu", kernel_initializer="ones"),
                         tf.keras.layers.Dropout(0.5, seed=3), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.01), "mse")
x = np.linspace(0, 1, 32, dtype="float32").reshape(8, 4)
h = m.fit(x, np.ones((8, 1)), batch_size=4, epochs=3, verbose=0, shuffle=False)
print(h.history)
print(m.predict(x[:2], verbose=0).ravel())

#@ dropout_masks_differ_per_step
tf.keras.backend.clear_session()
tf.keras.utils.set_random_seed(1)
class Probe(tf.keras.Sequential):
    def train_step(self, data):
        x, y = data
        out = self.layers[0](x, training=True)
        self.seen.assign_add(out)
        return super().train_step(data)
m = Probe([tf.keras.Input((6,)), tf.keras.layers.Dropout(0.5, seed=11), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
m.seen = tf.Variable(tf.zeros((1, 6)))
m.compile(tf.keras.optimizers.SGD(0.0), "mse")
m.fit(np.ones((4, 6), "float32"), np.zeros((4, 1)), batch_size=1, epochs=1, verbose=0)
print(m.seen.numpy())
