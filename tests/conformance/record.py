#!/usr/bin/env python3
"""Re-record the expected outputs from real TensorFlow into ``recorded/<area>.json``.

One command (from anywhere)::

    python3 tests/conformance/record.py

What it does:

1. Uses the virtual environment at ``$TAPEFLOW_TF_VENV`` (default ``/tmp/tfref``).  If that
   venv is missing or cannot ``import tensorflow``, it is created with ``python -m venv`` and
   ``pip install tensorflow-cpu==2.21.0`` is run in it.  TensorFlow is never a dependency of
   tapeflow or of its tests; it is only used here, to record outputs.
2. Runs ``runner.py --backend tensorflow --out recorded/`` with that venv's Python.

Options: ``--venv PATH`` overrides the environment variable; ``--out DIR`` writes elsewhere
(default: ``recorded/`` next to this file); ``--only AREA[,AREA...]`` re-records those areas
only (each area is its own file, so the others are untouched).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TF_REQUIREMENT = "tensorflow-cpu==2.21.0"
DEFAULT_VENV = "/tmp/tfref"


def venv_python(venv):
    return os.path.join(venv, "bin", "python")


def has_tensorflow(venv):
    py = venv_python(venv)
    if not os.path.exists(py):
        return False
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    r = subprocess.run([py, "-c", "import tensorflow"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def ensure_venv(venv):
    if has_tensorflow(venv):
        return
    if not os.path.exists(venv_python(venv)):
        print("creating venv %s" % venv, file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    print("installing %s into %s" % (TF_REQUIREMENT, venv), file=sys.stderr)
    subprocess.check_call([venv_python(venv), "-m", "pip", "install", TF_REQUIREMENT])
    if not has_tensorflow(venv):
        sys.exit("tensorflow still does not import in %s" % venv)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--venv", default=os.environ.get("TAPEFLOW_TF_VENV", DEFAULT_VENV))
    ap.add_argument("--out", default=os.path.join(HERE, "recorded"))
    ap.add_argument("--only", help="re-record one area only, keeping the others' records")
    args = ap.parse_args(argv)
    ensure_venv(args.venv)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONHASHSEED="0")
    cmd = [venv_python(args.venv), os.path.join(HERE, "runner.py"),
           "--backend", "tensorflow", "--out", args.out]
    if args.only:
        cmd += ["--only", args.only]
    print("running: %s" % " ".join(cmd), file=sys.stderr)
    return subprocess.call(cmd, env=env)


if __name__ == "__main__":
    sys.exit(main())
