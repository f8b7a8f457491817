"""Core speed figures for tapeflow, printed (not asserted): run `python benchmarks/bench_core.py`.

Each figure is the best of several repeats, measured in one run next to its references (hand-
written NumPy always; PyTorch when it is installed), since the machine is shared and noisy.
Targets (issue 2): scalar chain <= 4 us/multiply, seed f(x, 6) with gradient <= 25 us, seed second
derivative <= 60 us, MLP step <= 1.25 x NumPy, `import tapeflow` <= 0.15 s. The workloads are
bench_eager.py's (which holds issue 9's targets beside PyTorch and TF); this script keeps the
short report.
"""
import os
import subprocess
import sys

import bench_eager as be
from _timing import ROOT, best

tf, torch = be.tf, be.torch


def row(name, seconds, unit="us", target=None, note=""):
    scale = {"us": 1e6, "ms": 1e3, "s": 1}[unit]
    t = f"{seconds * scale:10.2f} {unit}"
    tgt = f"  (target <= {target} {unit})" if target is not None else ""
    print(f"  {name:<44}{t}{tgt}{'  ' + note if note else ''}")


def import_time(module, repeat=5):
    code = f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                             env=dict(os.environ, PYTHONPATH=ROOT), check=True)
        times.append(float(out.stdout.strip()))
    return min(times)


def main():
    print(f"tapeflow benchmark: Python {sys.version.split()[0]}, NumPy {be.np.__version__}"
          + (f", PyTorch {torch.__version__}" if torch else ", PyTorch not installed"))
    print("\nScalar chain of 1,000 multiplies under a tape, then gradient (per multiply):")
    row("tapeflow", best(be.make_chain(tf), 3) / 1000, target=4)
    if torch:
        row("PyTorch", best(be.torch_chain, 3) / 1000)

    print("\nSeed tutorial f(x, 6) with its gradient (per call):")
    row("tapeflow", best(be.make_seed_grad(tf), 2000), target=25)
    if torch:
        row("PyTorch", best(be.torch_seed_grad, 2000))

    print("\nSeed tutorial second derivative of x*x*x (per call):")
    row("tapeflow", best(be.make_seed_second(tf), 2000), target=60)
    if torch:
        row("PyTorch", best(be.torch_seed_second, 2000))

    print("\nMLP training step, float32, batch 128, 784-256-256-10, relu, softmax xent, SGD:")
    steps = {"numpy": be.make_numpy_mlp(), "tapeflow": be.make_mlp(tf)}
    # interleaved rounds, so that both see the same machine conditions (PyTorch runs after: its
    # own thread pool would otherwise compete with NumPy's BLAS threads)
    times = {k: [] for k in steps}
    for _ in range(15):
        for k, fn in steps.items():
            times[k].append(best(fn, 10, repeat=1))
    t_np, t_tf = min(times["numpy"]), min(times["tapeflow"])
    row("hand-written NumPy", t_np, unit="ms")
    row("tapeflow", t_tf, unit="ms", note=f"= {t_tf / t_np:.2f} x NumPy (target <= 1.25 x)")
    if torch:
        t_torch = best(be.make_torch_mlp(), 10)
        row("PyTorch", t_torch, unit="ms", note=f"= {t_torch / t_np:.2f} x NumPy")

    print("\nImport time (fresh interpreter):")
    row("import numpy", import_time("numpy"), unit="s")
    row("import tapeflow (includes numpy)", import_time("tapeflow"), unit="s", target=0.15)


if __name__ == "__main__":
    main()
