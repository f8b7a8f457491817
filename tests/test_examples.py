"""Each example runs and reaches its goal (quickly)."""
import pathlib
import subprocess
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))

import linear_regression  # noqa: E402
import mlp_classifier  # noqa: E402
import newton_hessian  # noqa: E402


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


def test_examples_run_as_scripts():
    for name in ("linear_regression.py", "newton_hessian.py"):
        r = subprocess.run([sys.executable, str(ROOT / "examples" / name)], capture_output=True,
                           text=True, cwd=ROOT, timeout=120)
        assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "mlp_classifier.py"), "--quick"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "held-out accuracy" in r.stdout
