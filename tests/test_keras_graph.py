"""Keras in graph mode: fit/evaluate/predict steps traced as tf.functions (run_eagerly opts
out), steps_per_execution, recurrent loops as graph while_loops, layers and optimizers inside
traced steps."""
import numpy as np
import pytest

import tapeflow as tf
from tapeflow.function import Function

keras = tf.keras
L = keras.layers


def _model(layers, eager=False, **compile_kwargs):
    keras.backend.clear_session()
    m = keras.Sequential(layers)
    compile_kwargs.setdefault("optimizer", keras.optimizers.Adam(0.05))
    compile_kwargs.setdefault("loss", "mse")
    m.compile(run_eagerly=eager, **compile_kwargs)
    return m


def _dense_stack(eager, **kw):
    return _model([keras.Input((3,)), L.Dense(4, activation="relu", kernel_initializer="ones"),
                   L.Dense(1, kernel_initializer="ones")], eager, metrics=["mae"], **kw)


def _xy(n=10):
    x = np.linspace(-1, 1, 3 * n, dtype="float32").reshape(n, 3)
    return x, x.sum(1, keepdims=True) ** 2


def test_default_compile_traces_and_matches_run_eagerly():
    x, y = _xy()
    traced, eager = _dense_stack(False), _dense_stack(True)
    ht = traced.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0).history
    he = eager.fit(x, y, batch_size=4, epochs=3, shuffle=False, verbose=0).history
    assert ht.keys() == he.keys()
    for k in ht:
        np.testing.assert_allclose(ht[k], he[k], rtol=1e-6)
    step = traced.train_function.step_function
    assert all(isinstance(f, Function) for f in step.functions)
    assert step.experimental_get_tracing_count() == 2  # the full batches and the last one
    assert not hasattr(eager.train_function.step_function, "functions")
    np.testing.assert_allclose(traced.predict(x, verbose=0), eager.predict(x, verbose=0),
                               rtol=1e-6)
    assert isinstance(traced.predict_function, Function)


@pytest.mark.parametrize("spe", [2, 3])
def test_steps_per_execution_same_values_fewer_callbacks(spe):
    x, y = _xy(12)
    ends = []
    cb = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: ends.append(b))
    one = _dense_stack(False).fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0)
    m = _dense_stack(False, steps_per_execution=spe)
    h = m.fit(x, y, batch_size=2, epochs=1, shuffle=False, verbose=0, callbacks=[cb])
    np.testing.assert_allclose(h.history["loss"], one.history["loss"], rtol=1e-6)
    assert ends == list(range(spe - 1, 6 + spe - 1, spe))[:len(ends)]
    assert len(ends) == -(-6 // spe)
    assert int(m.optimizer.iterations.numpy()) == 6


def test_custom_train_step_is_traced_once_per_shape():
    calls = []

    class M(keras.Model):
        def __init__(self):
            super().__init__()
            self.d = L.Dense(1, kernel_initializer="ones")

        def call(self, x):
            return self.d(x)

        def train_step(self, data):
            calls.append(tf.executing_eagerly())
            x, y = data
            with tf.GradientTape() as tape:
                loss = self.compute_loss(y=y, y_pred=self(x, training=True))
            self.optimizer.apply(tape.gradient(loss, self.trainable_variables),
                                 self.trainable_variables)
            return {"loss": loss}
    m = M()
    m.compile(keras.optimizers.SGD(0.1), "mse")
    m.fit(np.ones((8, 2)), np.zeros((8, 1)), batch_size=4, epochs=3, verbose=0)
    assert calls == [False, False]  # traced (and once more for the variables it made)


@pytest.mark.parametrize("cls", ["SimpleRNN", "LSTM", "GRU"])
def test_recurrent_layers_loop_in_graph_with_gradients(cls):
    layer = getattr(L, cls)(3, return_sequences=True, go_backwards=True)
    x = tf.constant(np.random.RandomState(0).randn(2, 5, 4).astype("float32"))

    def run(x):
        with tf.GradientTape() as tape:
            y = layer(x)
            loss = tf.reduce_sum(y * y)
        return y, tape.gradient(loss, layer.trainable_weights)
    ye, ge = run(x)
    f = tf.function(run)
    yg, gg = f(x)
    np.testing.assert_allclose(yg, ye, rtol=1e-5, atol=1e-6)
    for a, b in zip(ge, gg):
        np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)
    ops = [op._prim.name for op in f._list_all_concrete_functions()[0].graph._ops]
    assert "While" in ops or "StatelessWhile" in ops


def test_lookup_and_encoding_layers_run_in_graphs():
    lookup = L.IntegerLookup(vocabulary=[5, 6], output_mode="multi_hot")
    enc = L.CategoryEncoding(4, output_mode="count")
    ids = tf.constant([[5, 7], [6, 6]], tf.int64)
    np.testing.assert_array_equal(tf.function(lambda t: lookup(t))(ids), lookup(ids))
    small = tf.constant([[0, 3, 3], [1, 1, 2]])
    g = tf.function(lambda t: enc(t))(small)
    np.testing.assert_array_equal(g, enc(small))
    assert g.shape == (2, 4)


def test_loss_scale_optimizer_in_graph_skips_non_finite_steps():
    v = tf.Variable([1.0, 2.0])
    opt = keras.mixed_precision.LossScaleOptimizer(keras.optimizers.SGD(0.1), initial_scale=8.0)

    @tf.function
    def step(k):
        with tf.GradientTape() as tape:
            loss = opt.scale_loss(tf.reduce_sum(v * v) * k)
        opt.apply_gradients(zip(tape.gradient(loss, [v]), [v]))
    step(tf.constant(1.0))
    np.testing.assert_allclose(v.numpy(), [0.8, 1.6], rtol=1e-6)
    step(tf.constant(np.inf, tf.float32))
    np.testing.assert_allclose(v.numpy(), [0.8, 1.6], rtol=1e-6)
    assert float(opt.dynamic_scale.numpy()) == 4.0


def test_embedding_gradient_stays_sparse_in_fit():
    def fit(eager):
        m = _model([keras.Input((2,)), L.Embedding(5, 2, embeddings_initializer="ones"),
                    L.Flatten(), L.Dense(1, kernel_initializer="ones")], eager)
        m.fit(np.array([[0, 1], [2, 2], [4, 1]]), np.zeros((3, 1)), batch_size=3, epochs=2,
              verbose=0)
        return m.layers[0].embeddings.numpy()
    np.testing.assert_allclose(fit(False), fit(True), rtol=1e-6)


def test_numpy_arguments_of_tf_function_trace_by_shape():
    f = tf.function(lambda x: x * 2)
    for i in range(4):
        f(np.full((2,), i, np.float32))
    assert f.experimental_get_tracing_count() == 1


def test_multi_replica_fit_stays_eager_and_trains():
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"]) \
        if len(tf.config.list_logical_devices("CPU")) > 1 else None
    if strategy is None:
        pytest.skip("one logical CPU")
    with strategy.scope():
        m = _dense_stack(False)
    x, y = _xy(8)
    h = m.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    assert not hasattr(m.train_function.step_function, "functions")
    assert len(h.history["loss"]) == 2
