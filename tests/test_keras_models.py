"""Keras models: the three ways to build them, compile/fit/evaluate/predict on every kind of
input, the step functions, callbacks, saving, utils and the namespaces user code imports."""
import os

import numpy as np
import pytest

import tapeflow as tf

keras = tf.keras
L = keras.layers


def _mlp(name=None):
    return keras.Sequential([keras.Input((3,)), L.Dense(4, activation="relu", name="h"),
                             L.Dense(1, name="o")], name=name)


def _data(n=12):
    x = np.linspace(-1, 1, 3 * n, dtype="float32").reshape(n, 3)
    return x, x.sum(axis=1, keepdims=True)


class FakeDataset:
    """Duck-typed like a tf.data.Dataset: `element_spec` and `__iter__` (batches)."""

    def __init__(self, batches):
        self.batches = batches
        self.element_spec = None

    def __iter__(self):
        return iter(self.batches)

    def cardinality(self):
        return len(self.batches)


def test_fit_on_arrays_tuples_dicts_datasets_and_generators():
    x, y = _data()
    model = _mlp()
    model.compile("adam", "mse")
    h = model.fit(x, y, epochs=2, batch_size=4, verbose=0)
    assert h.epoch == [0, 1] and h.params["steps"] == 3
    batches = [(x[i:i + 4], y[i:i + 4]) for i in range(0, 12, 4)]
    h = model.fit(FakeDataset(batches), epochs=2, verbose=0)
    assert len(h.history["loss"]) == 2 and h.params["steps"] == 3
    weighted = [(bx, by, np.ones(len(bx))) for bx, by in batches]
    assert len(model.fit(FakeDataset(weighted), verbose=0).history["loss"]) == 1
    h = model.fit((b for b in batches), verbose=0)
    assert h.params["steps"] is None
    assert np.isfinite(model.evaluate(FakeDataset(batches), verbose=0))
    assert model.predict(FakeDataset([(bx,) for bx, _ in batches]), verbose=0).shape == (12, 1)
    a, b = keras.Input((2,), name="a"), keras.Input((1,), name="b")
    m2 = keras.Model({"a": a, "b": b}, L.Dense(1)(L.Concatenate()([a, b])))
    m2.compile("sgd", "mse")
    m2.fit({"a": x[:, :2], "b": x[:, 2:]}, y, verbose=0)
    assert m2.predict({"a": x[:, :2], "b": x[:, 2:]}, verbose=0).shape == (12, 1)


def test_dataset_with_batch_size_or_y_is_an_error():
    x, y = _data()
    model = _mlp()
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="batch_size"):
        model.fit(FakeDataset([(x, y)]), batch_size=4, verbose=0)
    with pytest.raises(ValueError, match="`y` argument is not supported"):
        model.fit(FakeDataset([(x, y)]), y, verbose=0)


def test_steps_go_through_make_function():
    x, y = _data()
    model = _mlp()
    model.compile("sgd", "mse")
    wrapped = []

    def make(step):
        def run(iterator):
            wrapped.append(step.__name__)
            return step(next(iterator))
        return run
    model._make_function = make
    model.fit(x, y, batch_size=6, verbose=0)
    model.evaluate(x, y, batch_size=12, verbose=0)
    assert wrapped == ["train_step", "train_step", "test_step"]
    assert model.make_train_function() is model.train_function


def test_training_matches_a_custom_loop():
    x, y = _data()
    a, b = _mlp(), _mlp()
    b.set_weights(a.get_weights())
    a.compile(keras.optimizers.SGD(0.1), "mse")
    a.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    opt = keras.optimizers.SGD(0.1)
    loss_fn = keras.losses.MeanSquaredError()
    for _ in range(2):
        for i in range(0, 12, 4):
            with tf.GradientTape() as tape:
                loss = loss_fn(y[i:i + 4], b(x[i:i + 4], training=True))
            grads = tape.gradient(loss, b.trainable_variables)
            opt.apply_gradients(zip(grads, b.trainable_variables))
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(wa, wb, rtol=1e-6)


def test_shuffle_uses_numpy_seed_and_class_weight_scales_loss():
    x, y = _data()
    runs = []
    for _ in range(2):
        keras.utils.set_random_seed(1)
        m = _mlp()
        m.compile("sgd", "mse")
        runs.append(m.fit(x, y, batch_size=4, epochs=2, verbose=0).history["loss"])
    assert runs[0] == runs[1]
    m = keras.Sequential([keras.Input((2,)), L.Dense(2, kernel_initializer="ones")])
    m.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    xs, ys = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0, 1])
    plain = m.evaluate(xs, ys, verbose=0)
    assert m.train_on_batch(xs, ys, class_weight={0: 2.0, 1: 2.0}) == pytest.approx(2 * plain)


def test_subclassed_model_build_call_and_losses():
    class Net(keras.Model):
        def __init__(self):
            super().__init__(name="net")
            self.d = L.Dense(2, kernel_initializer="ones")
            self.m = keras.metrics.Mean(name="activity")

        def build(self, input_shape):
            self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

        def call(self, x, training=False):
            y = self.d(x) * self.scale
            self.add_loss(0.01 * tf.reduce_sum(y))
            self.m.update_state(tf.reduce_mean(y))
            return y
    net = Net()
    net.compile("sgd", "mse")
    h = net.fit(np.ones((4, 3)), np.zeros((4, 2)), epochs=1, verbose=0)
    assert sorted(h.history) == ["activity", "loss"]
    assert [v.name for v in net.weights] == ["scale", "kernel", "bias"]
    assert len(net.losses) == 1


def test_summary_and_structure():
    model = _mlp("m")
    lines = []
    model.summary(print_fn=lines.append)
    text = lines[0]
    assert 'Model: "m"' in text and "h (Dense)" in text and "Total params: 21" in text
    assert model.get_layer("o") is model.layers[1] and model.get_layer(index=0).name == "h"
    assert model.output_shape == (None, 1) and model.count_params() == 21


def test_functional_config_round_trip_with_shared_layer():
    shared = L.Dense(2, name="shared")
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    model = keras.Model([a, b], L.Add()([shared(a), shared(b)]))
    clone = keras.Model.from_config(model.get_config())
    assert [layer.name for layer in clone.layers] == [layer.name for layer in model.layers]
    assert len(clone.weights) == 2
    clone.set_weights(model.get_weights())
    xs = [np.ones((1, 3), "float32"), np.full((1, 3), 2.0, "float32")]
    np.testing.assert_allclose(clone(xs).numpy(), model(xs).numpy())


def test_callbacks_early_stopping_checkpoint_csv_backup(tmp_path):
    x, y = _data()
    model = _mlp()
    model.compile(keras.optimizers.SGD(0.05), "mse")
    ck = str(tmp_path / "best.keras")
    csv = tmp_path / "log.csv"
    es = keras.callbacks.EarlyStopping(monitor="val_loss", patience=1, restore_best_weights=True)
    h = model.fit(x, y, epochs=50, validation_split=0.25, verbose=0,
                  callbacks=[es, keras.callbacks.ModelCheckpoint(ck, save_best_only=True),
                             keras.callbacks.CSVLogger(str(csv)),
                             keras.callbacks.BackupAndRestore(str(tmp_path / "bk"))])
    best = int(np.argmin(h.history["val_loss"]))
    assert es.best == pytest.approx(min(h.history["val_loss"]))
    assert os.path.exists(ck) and not (tmp_path / "bk").exists()
    rows = csv.read_text().splitlines()
    assert rows[0] == "epoch,loss,val_loss" and len(rows) == len(h.epoch) + 1
    restored = keras.models.load_model(ck)
    xv = x[9:]
    np.testing.assert_allclose(restored.predict(xv, verbose=0), model.predict(xv, verbose=0),
                               rtol=1e-6)
    assert best == es.best_epoch


def test_saving_round_trips_without_tensorflow(tmp_path):
    pytest.importorskip("h5py")
    inp = keras.Input((6, 2))
    x = L.LSTM(3, return_sequences=True)(inp)
    x = L.Conv1D(2, 2)(x)
    x = L.GlobalMaxPooling1D()(x)
    model = keras.Model(inp, L.Dense(1)(x))
    model.compile("adam", "mse")
    xs = np.linspace(0, 1, 48, dtype="float32").reshape(4, 6, 2)
    model.fit(xs, np.ones((4, 1)), verbose=0)
    model.save(str(tmp_path / "m.keras"))
    model.save_weights(str(tmp_path / "m.weights.h5"))
    loaded = keras.models.load_model(str(tmp_path / "m.keras"))
    np.testing.assert_allclose(loaded.predict(xs, verbose=0), model.predict(xs, verbose=0))
    assert int(loaded.optimizer.iterations.numpy()) == 1
    fresh = keras.Model.from_config(model.get_config())
    fresh.load_weights(str(tmp_path / "m.weights.h5"))
    np.testing.assert_allclose(fresh.predict(xs, verbose=0), model.predict(xs, verbose=0))


def test_saving_without_h5py_says_how_to_get_it(tmp_path, monkeypatch):
    import builtins
    real_import = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "h5py":
            raise ImportError("no h5py")
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ImportError, match=r"tapeflow\[h5\]"):
        _mlp().save_weights(str(tmp_path / "x.weights.h5"))


def test_utils(tmp_path):
    np.testing.assert_array_equal(keras.utils.to_categorical([1, 0], 2), [[0, 1], [1, 0]])
    src = tmp_path / "data.txt"
    src.write_text("hello")
    path = keras.utils.get_file("copy.txt", origin=src.as_uri(), cache_dir=str(tmp_path / "c"))
    assert open(path).read() == "hello"
    with pytest.raises(OSError, match="no network"):
        keras.utils.get_file("x.zip", origin="https://example.invalid/x.zip",
                             cache_dir=str(tmp_path / "c"))
    dot = keras.utils.model_to_dot(_mlp(), show_shapes=True)
    assert dot.startswith("digraph") and "Dense" in dot
    import shutil
    if shutil.which("dot"):
        keras.utils.plot_model(_mlp(), to_file=str(tmp_path / "m.png"))
        assert (tmp_path / "m.png").exists()
    else:
        with pytest.raises(ImportError):
            keras.utils.plot_model(_mlp(), to_file=str(tmp_path / "m.png"))


def test_namespaces_import_as_user_code_does():
    import tapeflow.keras.layers as L2
    from tapeflow.keras import callbacks, layers, losses, metrics, models, optimizers, regularizers
    from tapeflow.keras.layers import LSTM, Conv2D, MultiHeadAttention
    from tapeflow.keras.models import Model, Sequential, load_model
    assert L2.Conv2D is layers.Conv2D and models.Sequential is keras.Sequential
    assert (Model, Sequential, load_model) == (keras.Model, keras.Sequential, keras.models.load_model)
    assert (Conv2D, LSTM, MultiHeadAttention) == (layers.Conv2D, layers.LSTM,
                                                  layers.MultiHeadAttention)
    assert callbacks.EarlyStopping and losses.MSE and metrics.Mean and optimizers.Adam
    assert regularizers.L2 and keras.constraints.MaxNorm and keras.utils.to_categorical
    assert keras.backend.clear_session and keras.Input and keras.Model
    with pytest.raises(AttributeError):
        _ = keras.losses.mean_squared_error  # removed in Keras 3, as in TF 2.21
    with pytest.raises(AttributeError):
        _ = keras.Sequential().predict_classes


def test_import_tapeflow_stays_light():
    import subprocess
    import sys
    code = ("import sys, tapeflow; print(sorted(m for m in sys.modules if m.startswith("
            "'tapeflow.keras.') and m.split('.')[2] in ('models', 'callbacks', '_saving', "
            "'utils')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_clear_session_resets_names():
    keras.backend.clear_session()
    assert L.Dense(1).name == "dense"
    keras.backend.clear_session()
    assert L.Dense(1).name == "dense"
