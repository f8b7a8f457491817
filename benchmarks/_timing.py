"""Shared by the benchmark scripts: the repo on sys.path, and best-of-N timing."""
import os
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def best(fn, number=3, repeat=7):
    """Best time per call of `fn` in seconds: `repeat` rounds of `number` calls, after one warm-up
    call (the minimum is the least disturbed by other work on a shared machine)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)
