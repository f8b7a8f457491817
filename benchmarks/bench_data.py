"""tf.data throughput: from_tensor_slices -> map -> batch -> prefetch over 100k small elements,
against a hand-written NumPy loop doing the same work (scale each row, cut batches of 32).
The identity-map row is the pipeline's own cost; the map row adds two tapeflow ops per element.

    python benchmarks/bench_data.py [--elements N]
"""
import argparse

import numpy as np
from _timing import best

import tapeflow as tf


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--elements", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    n, batch = args.elements, args.batch
    x = np.random.default_rng(0).standard_normal((n, 4)).astype(np.float32)
    y = np.arange(n, dtype=np.int64)

    def numpy_loop():
        for start in range(0, n, batch):
            xb = x[start:start + batch] * 2.0 + 1.0
            yb = y[start:start + batch]
            _ = (xb, yb)

    def numpy_per_element():
        for start in range(0, n, batch):
            rows = [(x[i] * 2.0 + 1.0, y[i]) for i in range(start, min(start + batch, n))]
            _ = (np.stack([r[0] for r in rows]), np.stack([r[1] for r in rows]))

    def pipeline(fn=lambda a, b: (a * 2.0 + 1.0, b), **map_kwargs):
        ds = (tf.data.Dataset.from_tensor_slices((x, y))
              .map(fn, **map_kwargs)
              .batch(batch)
              .prefetch(tf.data.AUTOTUNE))

        def run():
            for _ in ds:
                pass
        return run

    rows = [("numpy, whole-batch slicing", numpy_loop, 3),
            ("numpy, per-element map then stack", numpy_per_element, 1),
            ("tf.data identity map -> batch -> prefetch (pipeline overhead)",
             pipeline(lambda a, b: (a, b)), 1),
            ("tf.data map -> batch -> prefetch", pipeline(), 1),
            ("tf.data map(num_parallel_calls=AUTOTUNE) -> batch -> prefetch",
             pipeline(num_parallel_calls=tf.data.AUTOTUNE), 1)]
    print(f"{n} elements of shape (4,), batch {batch}")
    for name, fn, number in rows:
        seconds = best(fn, number=number, repeat=3)
        print(f"{name:64s} {n / seconds:14,.0f} elements/s  ({seconds * 1e3:8.1f} ms)")


if __name__ == "__main__":
    main()
