"""What a user of `pip install tapeflow` gets: the special functions work (SciPy is a runtime
dependency) and `import tapeflow` does not import SciPy (it is imported on first use). Run by
scripts/test.sh in a venv made with `pip install .` alone; exits non-zero on any violation."""
import sys
import time

start = time.perf_counter()
import tapeflow as tf

import_seconds = time.perf_counter() - start
problems = []
if "site-packages" not in (tf.__file__ or ""):
    problems.append(f"tapeflow was imported from {tf.__file__}, not from the installed package")
scipy_at_import = sorted(m for m in sys.modules if m == "scipy" or m.startswith("scipy."))
if scipy_at_import:
    problems.append(f"`import tapeflow` imported SciPy ({len(scipy_at_import)} modules)")
x = tf.constant([0.0, 0.5, 1.0])
erf = tf.math.erf(x).numpy().tolist()
gelu = tf.nn.gelu(x).numpy().tolist()
lgamma = tf.math.lgamma(tf.constant([3.0])).numpy().tolist()
digamma = tf.math.digamma(tf.constant([1.0])).numpy().tolist()
checks = {"erf": (erf, [0.0, 0.5204999, 0.8427008]),
          "gelu": (gelu, [0.0, 0.3457312, 0.8413447]),
          "lgamma": (lgamma, [0.6931472]), "digamma": (digamma, [-0.5772157])}
for name, (got, want) in checks.items():
    if any(abs(g - w) > 1e-5 for g, w in zip(got, want)) or len(got) != len(want):
        problems.append(f"tf.{name} gave {got}, expected {want}")
if "scipy" not in sys.modules:
    problems.append("SciPy was never imported, yet the special functions ran")
for p in problems:
    print("user install:", p, file=sys.stderr)
print(f"user install (pip install . alone): import tapeflow {import_seconds:.2f} s, SciPy modules "
      f"at import: {len(scipy_at_import)}, erf/gelu/lgamma/digamma ok: {not problems}")
sys.exit(1 if problems else 0)
