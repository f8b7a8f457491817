"""The intra-op thread pool (framework/parallel.py): large elementwise ops and reductions split
over threads give exactly the single-threaded results, for every primitive that declares a
splitter, and the pool follows tf.config.threading."""
import numpy as np
import pytest

import tapeflow as tf
from tapeflow.framework import config_state, parallel
from tapeflow.framework.op import REGISTRY
from tapeflow.prims._common import same

N = parallel.LARGE + 77  # large enough to split, not a multiple of anything


@pytest.fixture
def threads():
    """Runs the test with a pool of 3 threads (then restores the setting)."""
    saved = config_state.intra_op_threads
    config_state.intra_op_threads = 3
    yield 3
    config_state.intra_op_threads = saved


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape
    assert np.array_equal(a, b, equal_nan=True)


def _sample(dtype, shape, rng, positive=False):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.5
    if dtype.kind in "iu":
        lo = 0 if dtype.kind == "u" or positive else -50
        return rng.integers(lo, 50, shape).astype(dtype)
    v = rng.standard_normal(shape) * 3
    if dtype.kind == "c":
        v = v + 1j * rng.standard_normal(shape)
    if positive:
        v = np.abs(v) + 0.5
    return v.astype(dtype)


def _splittable():
    return [op for op in REGISTRY.values() if op.parallel is not None]


def test_there_are_splittable_primitives():
    names = {op.name for op in _splittable()}
    assert {"AddV2", "Sub", "Mul", "RealDiv", "Exp", "Tanh", "Sin", "Sum", "Mean", "Max"} <= names


@pytest.mark.parametrize("name", sorted(op.name for op in _splittable()))
def test_split_forward_is_bit_identical(name, threads):
    op = REGISTRY[name]
    rng = np.random.default_rng(abs(hash(name)) % 2**32)
    allowed = op.allowed if isinstance(op.allowed, tuple) else (tf.float32, tf.float64, tf.int32)
    checked = 0
    for dt in allowed:
        np_dtype = dt._np
        if np_dtype.kind not in "biufc" or np_dtype.itemsize == 2:
            continue
        positive = name in ("Log", "Sqrt", "Rsqrt", "Log1p", "Acosh", "Pow")
        if op.shape.__name__ in ("reduction",) or name in ("Sum", "Mean", "Max", "Min"):
            for shape, axis in (((N,), (0,)), ((641, 409), (1,)), ((641, 409), (0, 1)),
                                ((97, 31, 89), (1, 2)), ((97, 31, 89), (2,)),
                                ((513, 512), (0,))):
                v = _sample(np_dtype, shape, rng)
                for keep in (False, True):
                    attrs = {"axis": axis, "keepdims": keep}
                    got = op.parallel((v,), attrs)
                    if got is not None:
                        _same(got, op.forward(v, **attrs))
                        checked += 1
            continue
        n_in = 1 if op.shape is same else 2
        # cheap (memory-bound) ops split only from 4 * LARGE elements: sizes just above theirs
        scale = -(-getattr(op.parallel, "least", parallel.LARGE) // parallel.LARGE)
        n = scale * N
        if n_in == 1:
            v = _sample(np_dtype, (n,), rng, positive)
            if name in ("Asin", "Acos", "Atanh") and np_dtype.kind == "f":
                v = np.clip(v / 10, -0.99, 0.99).astype(np_dtype)
            cases = [(v,), (np.stack([v, v], 1)[:, 1],)]
        else:
            a = _sample(np_dtype, (n,), rng, positive)
            b = _sample(np_dtype, (n,), rng, positive)
            if name in ("FloorDiv", "FloorMod", "RealDiv", "Pow"):
                b = np.where(b == 0, np_dtype.type(1), b).astype(np_dtype)
            if name == "Pow" and np_dtype.kind in "iu":
                b = (np.abs(b) % 3).astype(np_dtype)
            m = _sample(np_dtype, (1031 * scale, 509), rng, positive)
            row = _sample(np_dtype, (509,), rng, positive)
            col = _sample(np_dtype, (1031 * scale, 1), rng, positive)
            if name == "Pow" and np_dtype.kind in "iu":
                row, col = np.abs(row) % 3, np.abs(col) % 3
            if name in ("FloorDiv", "FloorMod", "RealDiv", "Pow"):
                row = np.where(row == 0, np_dtype.type(1), row).astype(np_dtype)
                col = np.where(col == 0, np_dtype.type(1), col).astype(np_dtype)
            cases = [(a, b), (m, row), (col, m), (m, col), (a, np_dtype.type(3)),
                     (np_dtype.type(2), a)]
        for arrays in cases:
            with np.errstate(all="ignore"):
                got = op.parallel(arrays, {})
                if got is None:
                    continue
                _same(got, op.forward(*arrays))
            checked += 1
    assert checked, f"{name}: no case was split"


def test_full_sum_follows_numpys_pairwise_order(threads):
    rng = np.random.default_rng(0)
    pool = parallel._get_pool()
    for n in (N, 3 * N + 5, 1 << 20):
        for dt in (np.float32, np.float64):
            v = (rng.standard_normal(n) * 1e3).astype(dt)
            assert parallel.full_sum(v, pool) == np.add.reduce(v)
            assert parallel.full_mean(v, pool) == np.mean(v, dtype=dt)


def test_large_ops_and_gradients_match_one_thread():
    x = tf.constant(np.random.default_rng(1).standard_normal(N).astype(np.float32))

    def run():
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.reduce_sum(tf.tanh(x) * tf.exp(-x * x) + tf.sin(x))
        return y.numpy(), t.gradient(y, x).numpy()
    saved = config_state.intra_op_threads
    try:
        config_state.intra_op_threads = 1
        y1, g1 = run()
        assert parallel._get_pool() is None
        config_state.intra_op_threads = 2
        y2, g2 = run()
        assert parallel._get_pool().size == 2
    finally:
        config_state.intra_op_threads = saved
    _same(y1, y2)
    _same(g1, g2)


def test_errors_in_chunks_raise_as_on_one_thread(threads):
    big = tf.constant(np.arange(N, dtype=np.int32))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.pow(big, tf.constant(-1, tf.int32))


def test_pool_size_follows_the_setting():
    saved = config_state.intra_op_threads
    try:
        config_state.intra_op_threads = 3
        assert parallel.threads() == 3
        assert parallel._get_pool().size == 3
        config_state.intra_op_threads = None
        assert parallel.threads() >= 1
    finally:
        config_state.intra_op_threads = saved


@pytest.mark.parametrize("sa,sb", [((50, 20, 20), (1000, 50, 20, 1)), ((1000, 50, 20, 1), (50, 1, 20)),
                                   ((3, 1, 6, 4, 2), (7, 6, 2, 3)), ((6, 4, 2), (5, 1, 2, 3)),
                                   ((2, 3), (9, 3, 1)), ((9, 4, 3), (3, 2)),
                                   ((5, 1, 4, 3), (1, 6, 3, 2)), ((1, 8, 4, 3), (6, 1, 3, 2))])
def test_matmul_with_a_broadcast_factor_folds_into_one_product(sa, sb):
    """(Not threads: the other way a large batched product avoids per-matrix calls.) A factor
    broadcast along batch axes the other spans is folded into one batched matmul; values,
    shapes and gradients are those of the plain product."""
    from tapeflow.prims.math import _matmul_folded
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    got = _matmul_folded(a, b)
    assert got is not None
    np.testing.assert_allclose(got, np.matmul(a, b), rtol=1e-12, atol=1e-12)
    ta, tb = tf.constant(a), tf.constant(b)
    with tf.GradientTape() as tape:
        tape.watch([ta, tb])
        y = tf.reduce_sum(tf.sin(tf.matmul(ta, tb)))
    ga, gb = tape.gradient(y, [ta, tb])
    c = np.cos(np.matmul(a, b))
    want_a = np.matmul(c, np.swapaxes(b, -1, -2))
    want_b = np.matmul(np.swapaxes(a, -1, -2), c)
    for g, want, shape in ((ga, want_a, sa), (gb, want_b, sb)):
        lead = want.ndim - len(shape)
        want = want.sum(tuple(range(lead)))
        want = want.sum(tuple(i for i, n in enumerate(shape) if n == 1 and want.shape[i] != 1),
                        keepdims=True)
        np.testing.assert_allclose(g.numpy(), want, rtol=1e-10, atol=1e-10)
