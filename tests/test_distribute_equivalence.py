"""MirroredStrategy on two logical CPU devices, and Keras fit under it (and under MPI workers
when MPI is installed), end with the weights one process reaches with the same global batch."""
import pathlib
import subprocess
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "distributed_training.py"


def _run(*args):
    out = subprocess.run([sys.executable, EXAMPLE, "--epochs", "1", *map(str, args)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1",
                              "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    return out


def _weights(path):
    with np.load(path) as f:
        return [f[k] for k in sorted(f.files, key=lambda k: int(k.split("_")[1]))]


@pytest.mark.parametrize("keras", [False, True], ids=["custom_loop", "keras_fit"])
def test_mirrored_two_devices_match_one_process(tmp_path, keras):
    flags = ["--keras"] if keras else []
    _run(*flags, "--save", tmp_path / "one.npz")
    two = _run(*flags, "--strategy", "mirrored", "--devices", "2", "--save", tmp_path / "two.npz")
    assert "2 replica(s) in sync" in two.stdout
    for a, b in zip(_weights(tmp_path / "one.npz"), _weights(tmp_path / "two.npz")):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
