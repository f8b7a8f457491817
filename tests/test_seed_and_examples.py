"""The seed tutorial prints exactly its expected output; the demo runs."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _run(path, *args):
    return subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                          timeout=120)


def test_seed_tutorial_output_is_identical():
    expected = (ROOT / "tests" / "data" / "seed_expected_output.txt").read_text()
    result = _run(ROOT / "examples" / "seed_tutorial.py")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n") == expected.rstrip("\n")


def test_demo_runs(tmp_path):
    # synthetic data, a short run; plots and checkpoints go to a temporary directory
    result = _run(ROOT / "examples" / "demo.py", "--quick", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "digits_convnet.keras").exists()
    assert (tmp_path / "mlp_checkpoints").is_dir()
    assert "SEED OK" in result.stdout
    assert "check_gradients(sum(sin(v) * sum(v*v)), order=2): OK" in result.stdout
    assert "held-out accuracy: " in result.stdout
    assert "model.fit" in result.stdout
