"""Each example runs and reaches its goal (quickly)."""
import pathlib
import subprocess
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))

import linear_regression
import mlp_classifier
import newton_hessian


def test_linear_regression_recovers_parameters():
    model, loss = linear_regression.fit(steps=150, verbose=False)
    np.testing.assert_allclose(model.w.numpy(), linear_regression.TRUE_W, atol=0.02)
    assert abs(float(model.b.numpy()) - linear_regression.TRUE_B) < 0.02
    assert loss < 0.01


def test_newton_converges_on_rosenbrock():
    x, steps = newton_hessian.newton(verbose=False)
    np.testing.assert_allclose(x, [1.0, 1.0], atol=1e-8)
    assert steps < 15


def test_hessian_matches_closed_form():
    import tapeflow as tf
    v = tf.Variable(np.array([0.5, -0.25]))
    _, _, h = newton_hessian.gradient_and_hessian(newton_hessian.rosenbrock, v)
    x, y = 0.5, -0.25
    expected = [[2 - 400 * (y - x * x) + 800 * x * x, -400 * x], [-400 * x, 200]]
    np.testing.assert_allclose(h.numpy(), expected, rtol=1e-10)


def test_mlp_classifier_quick_run(tmp_path):
    result = mlp_classifier.train(epochs=4, synthetic=True, verbose=False,
                                  checkpoint_dir=tmp_path / "ckpts")
    assert result["test_accuracy"] >= 0.9
    assert result["history"][-1] < result["history"][0]
    assert result["manager"].latest_checkpoint.endswith("ckpt-4")


def _no_new_files_in_repo_out(before):
    out = ROOT / "out"
    after = sorted(p for p in out.rglob("*")) if out.exists() else []
    assert after == before, "an example wrote into the repository's out/"


def test_examples_run_as_scripts(tmp_path):
    """Each example runs as a script; everything it writes goes to a temporary directory (the
    repository's out/ keeps the demo's own results)."""
    out = ROOT / "out"
    before = sorted(p for p in out.rglob("*")) if out.exists() else []
    for name in ("linear_regression.py", "newton_hessian.py"):
        r = subprocess.run([sys.executable, str(ROOT / "examples" / name)], capture_output=True,
                           text=True, cwd=tmp_path, timeout=120)
        assert r.returncode == 0, r.stderr
    for name in ("mlp_classifier.py", "keras_convnet.py"):
        r = subprocess.run([sys.executable, str(ROOT / "examples" / name), "--quick", "--out",
                            str(tmp_path / name)], capture_output=True, text=True, cwd=tmp_path,
                           timeout=300)
        assert r.returncode == 0, r.stderr
        assert "held-out accuracy" in r.stdout
    assert (tmp_path / "keras_convnet.py" / "digits_convnet.keras").exists()
    _no_new_files_in_repo_out(before)


def test_keras_convnet_quick_run(tmp_path):
    import keras_convnet
    result = keras_convnet.train(quick=True, out_dir=tmp_path, verbose=0)
    h = result["history"].history
    assert sorted(h) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert len(result["step_losses"]) == 2 * 39
    assert result["test_accuracy"] > 0.5
    assert abs(result["restored_accuracy"] - result["test_accuracy"]) < 0.05
