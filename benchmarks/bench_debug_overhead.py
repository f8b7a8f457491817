"""The per-op cost of the debugging tools when they are off, against a reference tree.

    python benchmarks/bench_debug_overhead.py [REF] [--rounds N]

REF (a git ref, default `main`) is extracted into a temporary directory and imported under the
package name `tapeflow_ref`, next to this tree's `tapeflow`, in the same process. Each figure is
CPU time (`time.process_time`) per call, measured in interleaved rounds (the two trees take
turns, in alternating order), and the median of the rounds is reported with the ratio of this
tree to the reference; the machine is shared and noisy, so many rounds beat a few long ones.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def load_reference(ref):
    tmp = tempfile.mkdtemp(prefix="tapeflow_ref_")
    archive = subprocess.run(["git", "-C", ROOT, "archive", ref, "tapeflow"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
    os.rename(os.path.join(tmp, "tapeflow"), os.path.join(tmp, "tapeflow_ref"))
    sys.path.insert(0, tmp)
    import tapeflow_ref
    return tapeflow_ref


def workloads(tf):
    """name -> (function, calls per run, unit count per call) for one tapeflow module."""
    x1 = tf.constant(1.0001)

    def chain(n=200):
        with tf.GradientTape() as tape:
            tape.watch(x1)
            y = x1
            for _ in range(n):
                y = y * x1
        return tape.gradient(y, x1)

    def forward_only(n=200):
        y = x1
        for _ in range(n):
            y = y * x1
        return y

    def taped_forward(n=200):
        with tf.GradientTape() as tape:
            tape.watch(x1)
            y = x1
            for _ in range(n):
                y = y * x1
        return y

    x2 = tf.convert_to_tensor(2.0)

    def seed_f(x, y):
        output = 1.0
        for i in range(y):
            if 1 < i < 5:
                output = tf.multiply(output, x)
        return output

    def seed_grad():
        with tf.GradientTape() as t:
            t.watch(x2)
            out = seed_f(x2, 6)
        return t.gradient(out, x2)

    v = tf.Variable(1.0)

    def seed_second():
        with tf.GradientTape() as t:
            with tf.GradientTape() as t2:
                y = v * v * v
            dy = t2.gradient(y, v)
        return t.gradient(dy, v)

    xs = tf.constant([-1.0, 2.0, 3.0])

    def int_outputs_on_tape(n=50):
        with tf.GradientTape() as tape:
            tape.watch(xs)
            for _ in range(n):
                m = xs > 0.0
        return m

    def numpy_calls(n=200):
        for _ in range(n):
            xs.numpy()

    return {"scalar chain, per multiply (tape + gradient)": (chain, 200),
            "multiply, no tape": (forward_only, 200),
            "multiply, recorded": (taped_forward, 200),
            "seed f(x, 6) with gradient": (seed_grad, 1),
            "seed second derivative": (seed_second, 1),
            "comparison on a tape (integer output)": (int_outputs_on_tape, 50),
            ".numpy(), no tape": (numpy_calls, 200)}


def measure(fn, per, repeat):
    fn()
    start = time.process_time()
    for _ in range(repeat):
        fn()
    return (time.process_time() - start) / (repeat * per)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ref", nargs="?", default="main")
    ap.add_argument("--rounds", type=int, default=40)
    args = ap.parse_args()
    sys.path.insert(0, ROOT)
    import tapeflow
    ref = load_reference(args.ref)
    mine, theirs = workloads(tapeflow), workloads(ref)
    print(f"{'':46}{'this tree':>12}{args.ref:>12}{'ratio':>8}")
    for name in mine:
        fa, per = mine[name]
        fb, _ = theirs[name]
        repeat = max(1, int(0.02 / max(measure(fa, per, 1) * per, 1e-7)))
        a, b = [], []
        for r in range(args.rounds):
            pair = ((fa, a), (fb, b)) if r % 2 == 0 else ((fb, b), (fa, a))
            for fn, out in pair:
                out.append(measure(fn, per, repeat))
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"  {name:<44}{ma * 1e6:>9.3f} us{mb * 1e6:>9.3f} us{ma / mb:>8.3f}")


if __name__ == "__main__":
    main()
