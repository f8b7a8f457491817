"""Stress test (issue 16): threads sharing variables, many tapes, saves killed with SIGKILL.

    python benchmarks/stress.py [--quick]

1. 8 threads share variables: each reads, takes gradients through them, assigns and
   assign_adds, while checking that a tensor once read never changes, that reads are never torn
   (an assigned constant reads back uniform), that gradients are right, and at the end that no
   assign_add was lost.
2. 100,000 tapes (forward, gradient, drop) in a loop: the resident memory stays flat.
3. A child process saves checkpoints in a loop and is killed with SIGKILL at random moments; after
   each kill the latest checkpoint must restore (consistently: two variables saved together
   agree), and after the next save no temporary file is left.

Prints its figures; exits non-zero on any violation.
"""
import argparse
import gc
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np
from _timing import ROOT

import tapeflow as tf

violations = []


def violation(text):
    violations.append(text)
    print("VIOLATION:", text, flush=True)


# -- 1. threads sharing variables -----------------------------------------------------------------------
def threads(n_threads=8, seconds=3.0):
    n = 20_000
    shared = tf.Variable(np.zeros(n))            # assign_add target: sums must come out exact
    painted = tf.Variable(np.zeros(n))           # assigned whole constants: reads must be uniform
    weights = tf.Variable(np.ones((64, 64)))     # differentiated through by every thread
    counts = [0] * n_threads
    stop = time.perf_counter() + seconds
    checks = {"reads": 0, "gradients": 0}
    lock = threading.Lock()

    def work(i):
        rng = np.random.default_rng(i)
        x = tf.constant(rng.standard_normal((64, 64)))
        local_reads = local_grads = 0
        while time.perf_counter() < stop:
            t = shared.read_value()
            first = t.numpy()
            shared.assign_add(np.ones(n))
            counts[i] += 1
            painted.assign(np.full(n, float(i)))
            p = painted.numpy()
            if p.min() != p.max():
                violation(f"thread {i}: a read of an assigned constant was torn")
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(weights * x)
            g = tape.gradient(loss, weights)
            if not np.array_equal(g.numpy(), x.numpy()):
                violation(f"thread {i}: wrong gradient")
            weights.assign_add(np.zeros((64, 64)))
            if not (np.array_equal(first, t.numpy()) and first.min() == first.max()):
                violation(f"thread {i}: a tensor changed after it was read")
            local_reads += 2
            local_grads += 1
        with lock:
            checks["reads"] += local_reads
            checks["gradients"] += local_grads

    ts = [threading.Thread(target=work, args=(i,)) for i in range(n_threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    total = sum(counts)
    final = shared.numpy()
    if not (final == total).all():
        violation(f"assign_add lost updates: {total} applied, variable holds "
                  f"{final.min()}..{final.max()}")
    print(f"threads: {n_threads} threads, {total} assign_add + {total} assign, "
          f"{checks['reads']} checked reads, {checks['gradients']} gradients, "
          f"final sum exact: {(final == total).all()}")


# -- 2. many tapes, flat memory -----------------------------------------------------------------------
def _rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def tapes(count=100_000):
    v = tf.Variable(np.ones(16))
    x = tf.constant(np.arange(16.0))
    marks = {}
    start = time.perf_counter()
    for i in range(1, count + 1):
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(tf.tanh(v * x) * v)
        g = tape.gradient(y, v)
        if i in (count // 10, count // 2, count):
            gc.collect()
            marks[i] = _rss_mb()
    del g
    elapsed = time.perf_counter() - start
    growth = marks[count] - marks[count // 10]
    print(f"tapes: {count} tapes in {elapsed:.1f} s; RSS after {count // 10}: "
          f"{marks[count // 10]:.1f} MB, after {count // 2}: {marks[count // 2]:.1f} MB, after "
          f"{count}: {marks[count]:.1f} MB (growth {growth:+.1f} MB)")
    if growth > 8:
        violation(f"memory grew by {growth:.1f} MB over {count - count // 10} tapes")


# -- 3. SIGKILL during saves ------------------------------------------------------------------------------
_CHILD = r"""
import sys, numpy as np
sys.path.insert(0, sys.argv[2])
import tapeflow as tf
a = tf.Variable(np.zeros(200_000)); b = tf.Variable(np.zeros(3))
ckpt = tf.train.Checkpoint(a=a, b=b)
manager = tf.train.CheckpointManager(ckpt, sys.argv[1], max_to_keep=3)
if manager.latest_checkpoint:
    ckpt.restore(manager.latest_checkpoint)
step = int(b.numpy()[0])
print("ready", flush=True)
while True:
    step += 1
    a.assign(np.full(200_000, float(step))); b.assign(np.full(3, float(step)))
    manager.save()
"""


def kills(rounds=30):
    directory = tempfile.mkdtemp(prefix="tapeflow-stress-")
    restored_steps, stray_after_kill = [], 0
    for r in range(rounds):
        child = subprocess.Popen([sys.executable, "-c", _CHILD, directory, ROOT],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        child.stdout.readline()
        time.sleep(random.uniform(0.02, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        stray_after_kill += sum(n.startswith(".tmp-") for n in os.listdir(directory))
        a, b = tf.Variable(np.zeros(200_000)), tf.Variable(np.zeros(3))
        ckpt = tf.train.Checkpoint(a=a, b=b)
        latest = tf.train.latest_checkpoint(directory)
        if latest is None:
            violation(f"round {r}: no checkpoint to restore after the kill")
            continue
        try:
            ckpt.restore(latest)
        except Exception as e:
            violation(f"round {r}: restoring {os.path.basename(latest)} failed: "
                      f"{type(e).__name__}: {e}")
            continue
        step = b.numpy()[0]
        if not ((a.numpy() == step).all() and (b.numpy() == step).all()):
            violation(f"round {r}: restored checkpoint is inconsistent")
        restored_steps.append(int(step))
        manager = tf.train.CheckpointManager(ckpt, directory, max_to_keep=3)
        manager.save()
        names = sorted(os.listdir(directory))
        expected = sorted(["checkpoint"] + [os.path.basename(p) + ".npz"
                                            for p in manager.checkpoints])
        if names != expected:
            violation(f"round {r}: after the next save the directory holds {names}, expected "
                      f"{expected}")
    print(f"kills: {rounds} SIGKILLs during saves; every latest checkpoint restored: "
          f"{len(restored_steps) == rounds} (steps reached {min(restored_steps, default=0)}.."
          f"{max(restored_steps, default=0)}); temp files seen right after kills: "
          f"{stray_after_kill}, left after the next save: 0 unless reported")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="shorter runs (for a smoke test)")
    args = ap.parse_args()
    threads(seconds=1.0 if args.quick else 3.0)
    tapes(20_000 if args.quick else 100_000)
    kills(5 if args.quick else 30)
    print(f"stress: {len(violations)} violation(s)")
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
