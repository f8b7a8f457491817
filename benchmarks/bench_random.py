"""Speed of tf.random against NumPy, printed (not asserted): `python benchmarks/bench_random.py`.

10**7 uniform float32 draws from TF's Philox stream (`tf.random.stateless_uniform`, the same bits
TF draws) against `np.random.default_rng().random(dtype=np.float32)`; also normal and truncated
normal float32 draws (Box-Muller with the C library's float log/sincos reproduced), each the best
of several runs.
"""
import numpy as np
from _timing import best  # also puts the repo on sys.path

import tapeflow as tf

N = 10 ** 7


def main():
    rng = np.random.default_rng()
    ref = best(lambda: rng.random(N, dtype=np.float32), number=1, repeat=5)
    uni = best(lambda: tf.random.stateless_uniform([N], seed=[1, 2]), number=1, repeat=5)
    gen = tf.random.Generator.from_seed(1)
    guni = best(lambda: gen.uniform([N]), number=1, repeat=5)
    nrm = best(lambda: tf.random.stateless_normal([N], seed=[1, 2]), number=1, repeat=3)
    nref = best(lambda: rng.standard_normal(N, dtype=np.float32), number=1, repeat=3)
    trn = best(lambda: tf.random.stateless_truncated_normal([N // 10], seed=[1, 2]), number=1,
               repeat=3)
    print(f"10**7 uniform float32: numpy {ref * 1e3:8.1f} ms   tapeflow stateless "
          f"{uni * 1e3:8.1f} ms  (x{uni / ref:.2f})   Generator {guni * 1e3:8.1f} ms "
          f"(x{guni / ref:.2f})")
    print(f"10**7 normal float32:  numpy {nref * 1e3:8.1f} ms   tapeflow stateless "
          f"{nrm * 1e3:8.1f} ms  (x{nrm / nref:.2f})")
    print(f"10**6 truncated normal float32: tapeflow {trn * 1e3:8.1f} ms")


if __name__ == "__main__":
    main()
