"""Keras 3 files travel between TensorFlow 2.21 and tapeflow: models trained in one load in
the other (`.keras` and `.weights.h5`) with the same predictions and optimizer state. Runs only
where a TensorFlow reference environment is installed (/tmp/tfref); skipped otherwise."""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "interop", "keras_models.py")
TF_PYTHON = "/tmp/tfref/bin/python"


def _has_tensorflow():
    if not os.path.exists(TF_PYTHON):
        return False
    r = subprocess.run([TF_PYTHON, "-c", "import tensorflow"], capture_output=True,
                       timeout=300)
    return r.returncode == 0


pytest.importorskip("h5py")
pytestmark = pytest.mark.skipif(not _has_tensorflow(),
                                reason="needs TensorFlow 2.21 in /tmp/tfref")


def _run(python, *args):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=os.path.dirname(HERE))
    r = subprocess.run([python, SCRIPT, *args], capture_output=True, text=True, timeout=600,
                       env=env)
    assert r.returncode == 0, r.stderr[-4000:]
    return r.stdout


def test_models_travel_both_ways(tmp_path):
    tp_dir, tf_dir = str(tmp_path / "tapeflow"), str(tmp_path / "tensorflow")
    _run(sys.executable, "tapeflow", tp_dir, "save", "")
    # one TensorFlow process: save its own models, then load tapeflow's
    out = subprocess.run(
        [TF_PYTHON, "-c",
         "import runpy, sys; sys.argv = ['x', 'tensorflow', %r, 'save', '']; "
         "runpy.run_path(%r, run_name='__main__'); "
         "sys.argv = ['x', 'tensorflow', %r, 'load', %r]; "
         "runpy.run_path(%r, run_name='__main__')" % (tf_dir, SCRIPT, tf_dir, tp_dir, SCRIPT)],
        capture_output=True, text=True, timeout=900,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    assert out.returncode == 0, out.stderr[-4000:]
    tf_report = json.loads(out.stdout.strip().splitlines()[-1])
    tp_report = json.loads(_run(sys.executable, "tapeflow", tp_dir, "load", tf_dir)
                           .strip().splitlines()[-1])
    for report in (tf_report, tp_report):
        assert set(report) == {"conv", "sequence", "attention", "sequential"}
        for name, r in report.items():
            assert r["load_model"] < 1e-5, (name, r)
            assert r["load_weights"] < 1e-5, (name, r)
            assert r["iterations"] == 4, (name, r)
