"""tf.saved_model: tapeflow's directory format (JSON graph + .npz, never pickle), round trips in
a fresh process (no original Python code), differentiation of loaded functions, and the
errors for what cannot be saved or read. TF's printed behaviour is in the `saved_model`
conformance area."""
import json
import os
import subprocess
import sys
import textwrap
import zipfile

import numpy as np
import pytest

import tapeflow as tf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODEL_SOURCE = textwrap.dedent('''
    import tapeflow as tf

    class Regressor(tf.Module):
        """Defined only in the saving process."""

        def __init__(self):
            super().__init__()
            self.w = tf.Variable([[0.5, -1.0], [2.0, 0.25]], name="w")
            self.b = tf.Variable([0.1, -0.1], name="b")
            self.steps = tf.Variable(0, name="steps")

        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32, name="x")])
        def __call__(self, x):
            h = tf.tanh(tf.matmul(x, self.w) + self.b)
            if tf.reduce_sum(h) > 0:
                h = h * 2.0
            return h

        @tf.function(input_signature=[tf.TensorSpec([2, 2], tf.float32),
                                      tf.TensorSpec([2, 2], tf.float32)])
        def train_step(self, x, y):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((self(x) - y) ** 2)
            gw, gb = tape.gradient(loss, [self.w, self.b])
            self.w.assign_sub(0.1 * gw)
            self.b.assign_sub(0.1 * gb)
            self.steps.assign_add(1)
            return loss

        @tf.function
        def power(self, x, n=3):
            result = tf.ones_like(x)
            i = tf.constant(0)
            while i < n:
                result = result * x
                i += 1
            return result

    m = Regressor()
    m.power(tf.constant([1.0, 2.0]))
    m.power(tf.constant(2.0), n=4)
    x = tf.constant([[1.0, 2.0], [-1.0, 0.5]])
    tf.saved_model.save(m, EXPORT_DIR, signatures={
        "serving_default": m.__call__, "train": m.train_step})
    print(m(x).numpy().tolist())
''')

LOAD_SOURCE = textwrap.dedent('''
    import json, sys
    import tapeflow as tf
    loaded = tf.saved_model.load(EXPORT_DIR)
    x = tf.constant([[1.0, 2.0], [-1.0, 0.5]])
    out = {"call": loaded(x).numpy().tolist(),
           "serving": loaded.signatures["serving_default"](x=x)["output_0"].numpy().tolist(),
           "power3": loaded.power(tf.constant([1.0, 2.0])).numpy().tolist(),
           "power4": float(loaded.power(tf.constant(2.0), n=4))}
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(loaded(x) ** 2)
    out["grad_w"] = tape.gradient(y, loaded.w).numpy().tolist()
    xp = tf.constant(1.5)
    with tf.GradientTape() as t2:
        t2.watch(xp)
        with tf.GradientTape() as t1:
            t1.watch(xp)
            p = loaded.power(xp, n=4)
        dp = t1.gradient(p, xp)
    out["dpower"] = float(dp)
    out["d2power"] = float(t2.gradient(dp, xp))
    losses = [float(loaded.train_step(x, tf.zeros([2, 2]))) for _ in range(3)]
    out["losses"] = losses
    out["steps"] = int(loaded.steps.numpy())
    out["has_class"] = "Regressor" in sys.modules.get("__main__").__dict__
    print(json.dumps(out))
''')


def _run(source, export_dir, script):
    """Runs `source` as a script of its own (AutoGraph reads functions' source from files)."""
    script.write_text(f"EXPORT_DIR = {str(export_dir)!r}\n" + source)
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT,
                       timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()[-1]


def test_round_trip_in_a_fresh_process(tmp_path):
    export_dir = tmp_path / "model"
    saved_call = json.loads(_run(MODEL_SOURCE, export_dir, tmp_path / "save_model.py"))
    assert sorted(os.listdir(export_dir)) == ["constants.npz", "saved_model.json",
                                              "variables.npz"]
    out = json.loads(_run(LOAD_SOURCE, export_dir, tmp_path / "load_model.py"))
    assert out["has_class"] is False  # the loading process never saw the Python class
    np.testing.assert_allclose(out["call"], saved_call, rtol=1e-6)
    np.testing.assert_allclose(out["serving"], saved_call, rtol=1e-6)
    assert out["power3"] == [1.0, 8.0] and out["power4"] == 16.0
    assert out["dpower"] == pytest.approx(4 * 1.5 ** 3)
    assert out["d2power"] == pytest.approx(12 * 1.5 ** 2)
    assert out["losses"][0] > out["losses"][1] > out["losses"][2]
    assert out["steps"] == 3
    # the gradient computed from the loaded graph matches one computed here, eagerly
    w = tf.Variable([[0.5, -1.0], [2.0, 0.25]])
    b = tf.constant([0.1, -0.1])
    x = tf.constant([[1.0, 2.0], [-1.0, 0.5]])
    with tf.GradientTape() as tape:
        h = tf.tanh(tf.matmul(x, w) + b)
        h = h * 2.0 if float(tf.reduce_sum(h)) > 0 else h
        y = tf.reduce_sum(h ** 2)
    np.testing.assert_allclose(out["grad_w"], tape.gradient(y, w).numpy(), rtol=1e-5)


def test_format_is_json_and_npz_without_pickle(tmp_path):
    m = tf.Module()
    m.v = tf.Variable(np.arange(6.0).reshape(2, 3), name="v")
    big = tf.constant(np.arange(200.0))
    m.f = tf.function(lambda x: x * m.v + tf.reduce_sum(big) + tf.cast(
        tf.strings.length(tf.constant("abc")), tf.float64),
        input_signature=[tf.TensorSpec([2, 3], tf.float64)])
    tf.saved_model.save(m, tmp_path)
    with open(tmp_path / "saved_model.json", encoding="utf-8") as fh:
        doc = json.load(fh)
    assert doc["format"] == "tapeflow-saved-model-v1"
    ops = doc["functions"][0]["ops"]
    assert {"name", "prim", "inputs", "attrs", "outputs", "control"} <= set(ops[0])
    for name in ("variables.npz", "constants.npz"):
        with zipfile.ZipFile(tmp_path / name) as z:
            for member in z.namelist():
                with z.open(member) as fh:
                    np.lib.format.read_magic(fh)
                    _, _, dtype = np.lib.format.read_array_header_1_0(fh)
                    assert not dtype.hasobject
    loaded = tf.saved_model.load(tmp_path)
    x = tf.ones([2, 3], tf.float64)
    np.testing.assert_allclose(loaded.f(x).numpy(), m.f(x).numpy())


def test_unsavable_attribute_names_the_operation(tmp_path):
    def double(x):
        y = tf.py_function(lambda t: t * 2, [x], tf.float32)
        y.set_shape([])  # a py_function's output shape is unknown
        return y

    m = tf.Module()
    m.f = tf.function(double, input_signature=[tf.TensorSpec([], tf.float32)])
    with pytest.raises(ValueError, match="EagerPyFunc"):
        tf.saved_model.save(m, tmp_path)


def test_loading_tf_format_is_a_clear_error(tmp_path):
    (tmp_path / "saved_model.pb").write_bytes(b"\x08\x01")
    (tmp_path / "variables").mkdir()
    assert tf.saved_model.contains_saved_model(tmp_path)
    with pytest.raises(NotImplementedError, match="cannot read TF's format"):
        tf.saved_model.load(tmp_path)


def test_missing_and_foreign_directories(tmp_path):
    with pytest.raises(OSError):
        tf.saved_model.load(tmp_path / "absent")
    (tmp_path / "saved_model.json").write_text('{"format": "something-else"}')
    with pytest.raises(ValueError, match="not a tapeflow SavedModel"):
        tf.saved_model.load(tmp_path)


def test_shared_variables_are_restored_once(tmp_path):
    shared = tf.Variable(2.0)
    a, b = tf.Module(), tf.Module()
    a.v = shared
    b.v = shared
    root = tf.Module()
    root.children = [a, b]
    root.f = tf.function(lambda: shared * 3.0, input_signature=[])
    tf.saved_model.save(root, tmp_path)
    loaded = tf.saved_model.load(tmp_path)
    assert loaded.children[0].v is loaded.children[1].v
    loaded.children[0].v.assign(5.0)
    assert float(loaded.f()) == 15.0


def test_matching_errors_and_defaults(tmp_path):
    class M(tf.Module):
        @tf.function
        def f(self, x, scale=2.0):
            return x * scale

    m = M()
    m.f(tf.constant(1.0))
    tf.saved_model.save(m, tmp_path)
    loaded = tf.saved_model.load(tmp_path)
    assert float(loaded.f(tf.constant(3.0))) == 6.0
    assert float(loaded.f(x=tf.constant(3.0), scale=2.0)) == 6.0
    with pytest.raises(ValueError, match="Could not find matching concrete function"):
        loaded.f(tf.constant([1.0]))
    with pytest.raises(ValueError, match="Could not find matching concrete function"):
        loaded.f(tf.constant(1, tf.int32))


def test_variables_keep_names_dtypes_and_trainability(tmp_path):
    m = tf.Module()
    m.a = tf.Variable(np.zeros((2, 2), np.float64), name="outer/a")
    m.i = tf.Variable(7, trainable=False, name="i")
    m.h = tf.Variable(tf.constant([1.0, 2.0], tf.bfloat16), name="h")
    tf.saved_model.save(m, tmp_path)
    loaded = tf.saved_model.load(tmp_path)
    assert loaded.a.name == "outer/a:0" and loaded.a.dtype == tf.float64
    assert loaded.i.numpy() == 7 and not loaded.i.trainable
    assert loaded.h.dtype == tf.bfloat16
    np.testing.assert_allclose(loaded.h.numpy().astype(np.float32), [1.0, 2.0])
