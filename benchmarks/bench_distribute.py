"""Throughput of data-parallel training of the example MLP (64-128-10, Adam) with tf.distribute,
and the share of each step spent in the gradient all-reduce.

    python benchmarks/bench_distribute.py                          # 1 worker
    mpirun -n 2 python benchmarks/bench_distribute.py --strategy multiworker
    python benchmarks/bench_distribute.py --strategy mirrored --devices 2

Prints examples per second (global) and, for the multi-worker strategy, the seconds spent
waiting in MPI all-reduces over the seconds of the steps, with the bytes all-reduced per step.
"""
import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "examples"))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import distributed_training as ex

import tapeflow as tf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--strategy", default="none", choices=["none", "mirrored", "multiworker"])
    ap.add_argument("--devices", type=int, default=2)
    ap.add_argument("--batch", type=int, default=256, help="global batch")
    ap.add_argument("--epochs", type=int, default=4)
    args = ap.parse_args()
    tf.keras.utils.set_random_seed(0)
    strategy = ex.make_strategy(args.strategy, args.devices)
    x, y = ex.load_data(n_per_class=1000)
    steps = []
    ex.train_custom_loop(strategy, x, y, 1, args.batch, 0.005, log=lambda s: None)  # warm-up
    coll = getattr(strategy.extended, "_collectives", None)
    if coll is not None:
        coll.stats.update(seconds=0.0, bytes=0, calls=0)
    start = time.perf_counter()
    ex.train_custom_loop(strategy, x, y, args.epochs, args.batch, 0.005, log=lambda s: None,
                         step_seconds=steps)
    seconds = time.perf_counter() - start
    if ex.worker_index(strategy) != 0:
        return
    rate = args.epochs * len(x) / seconds
    line = (f"{type(strategy).__name__} x{strategy.num_replicas_in_sync}: {rate:,.0f} examples/s "
            f"(global batch {args.batch}, {len(steps)} steps, {1e3 * sum(steps) / len(steps):.2f} "
            f"ms/step)")
    if coll is not None and coll.size > 1:
        share = coll.stats["seconds"] / sum(steps)
        per_step = coll.stats["bytes"] / len(steps)
        line += f"; all-reduce {100 * share:.0f}% of step time, {per_step / 1e3:.0f} kB/step"
    print(line, flush=True)


if __name__ == "__main__":
    main()
