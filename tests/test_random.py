"""`tf.random`: distributions, seeding rules, Generator state and gradients (issues 5 and 13).

tapeflow draws TF's Philox streams; recorded TF values are checked bit for bit by the
conformance areas `random_exact` and `guide_random`. Here: the generator's published test
vectors, the C-library float math against the C library itself, structural properties of TF's
kernels (per-group sub-streams, counter carries), and statistics of large samples (means,
variances and histograms against exact moments, within several standard errors; seeds are fixed,
so nothing can flake).
Parameters are differentiable as in TF (`rnd * stddev + mean`, gamma's implicit
reparameterization), checked by `tf.test.check_gradients` with the draw made reproducible inside
the function.
"""
import itertools
import math

import numpy as np
import pytest
import scipy.special
import scipy.stats

import tapeflow as tf
from tapeflow.ops import _libm32, philox

N = 200_000


def assert_moments(sample, mean, var, sigmas=6):
    """Sample mean and variance within `sigmas` standard errors of the exact values."""
    sample = np.asarray(sample, np.float64).ravel()
    n = sample.size
    assert abs(sample.mean() - mean) < sigmas * math.sqrt(var / n), (sample.mean(), mean)
    # the variance of the sample variance is about (mu4 - var^2) / n; 3 var^2 bounds mu4 - var^2
    # for the light-tailed distributions here (normal: 2 var^2)
    assert abs(sample.var() - var) < sigmas * math.sqrt(3 * var ** 2 / n) + 1e-12, (sample.var(), var)


def assert_histogram(sample, cdf, edges, tol=0.01):
    """Bin frequencies within `tol` of the exact probabilities (sd per bin <= 0.5 / sqrt(N) = 0.0011)."""
    sample = np.asarray(sample, np.float64).ravel()
    counts, _ = np.histogram(sample, edges)
    expected = np.diff(cdf(np.asarray(edges)))
    np.testing.assert_allclose(counts / sample.size, expected, atol=tol)


# ============================================================================================
# Distributions
# ============================================================================================
def test_normal_moments_and_histogram():
    tf.random.set_seed(0)
    x = tf.random.normal([N], mean=2.0, stddev=3.0)
    assert x.dtype == tf.float32 and x.shape == (N,)
    assert_moments(x.numpy(), 2.0, 9.0)
    assert_histogram(x.numpy(), lambda e: scipy.stats.norm.cdf(e, 2, 3), np.linspace(-7, 11, 13))


def test_uniform_float_and_int():
    tf.random.set_seed(1)
    u = tf.random.uniform([N], minval=-1.0, maxval=3.0, dtype=tf.float64).numpy()
    assert u.min() >= -1 and u.max() < 3
    assert_moments(u, 1.0, 16 / 12)
    assert_histogram(u, lambda e: (e + 1) / 4, np.linspace(-1, 3, 9))
    k = tf.random.uniform([N], minval=3, maxval=8, dtype=tf.int64).numpy()
    assert k.dtype == np.int64 and k.min() == 3 and k.max() == 7
    np.testing.assert_allclose(np.bincount(k - 3) / N, 0.2, atol=0.01)
    unit = tf.random.uniform([N], dtype=tf.float16).numpy()
    assert unit.dtype == np.float16 and unit.min() >= 0 and unit.max() < 1


def test_truncated_normal_stays_within_two_stddevs():
    tf.random.set_seed(2)
    x = tf.random.truncated_normal([N], mean=1.0, stddev=0.5).numpy()
    assert np.abs(x - 1).max() <= 1.0 + 1e-6
    z = 2.0
    var = 1 - 2 * z * scipy.stats.norm.pdf(z) / (scipy.stats.norm.cdf(z) - scipy.stats.norm.cdf(-z))
    assert_moments(x, 1.0, 0.25 * var)


def test_categorical_frequencies_follow_softmax():
    tf.random.set_seed(3)
    logits = np.log([[0.2, 0.5, 0.3, 1.0], [1.0, 1.0, 1.0, 1.0]])
    logits[0, 3] = -np.inf
    s = tf.random.categorical(logits, 50_000)
    assert s.dtype == tf.int64 and s.shape == (2, 50_000)
    freq = np.stack([np.bincount(r, minlength=4) for r in s.numpy()]) / 50_000
    np.testing.assert_allclose(freq, [[0.2, 0.5, 0.3, 0.0], [0.25] * 4], atol=0.01)
    assert freq[0, 3] == 0  # probability zero (logit -inf) never drawn
    assert tf.random.categorical([[0.0, 0.0]], 3, dtype=tf.int32).dtype == tf.int32


def test_shuffle_is_a_uniform_permutation_of_the_first_axis():
    tf.random.set_seed(4)
    x = tf.reshape(tf.range(8), [4, 2])
    y = tf.random.shuffle(x).numpy()
    assert sorted(map(tuple, y)) == sorted(map(tuple, x.numpy()))
    assert all(r[1] == r[0] + 1 for r in y)  # rows move whole
    firsts = np.array([tf.random.shuffle(tf.range(4)).numpy()[0] for _ in range(4000)])
    np.testing.assert_allclose(np.bincount(firsts) / 4000, 0.25, atol=0.03)
    assert tf.random.shuffle(tf.constant(3.0)).numpy() == 3.0


def test_gamma_moments_shape_and_dtype():
    tf.random.set_seed(5)
    x = tf.random.gamma([N], alpha=[0.5, 3.0], beta=[[1.0], [2.0]], dtype=tf.float64)
    assert x.shape == (N, 2, 2) and x.dtype == tf.float64
    for i, beta in enumerate([1.0, 2.0]):
        for j, alpha in enumerate([0.5, 3.0]):
            assert_moments(x.numpy()[:, i, j], alpha / beta, alpha / beta ** 2, sigmas=8)
    assert tf.random.gamma([3], 0.01).numpy().min() > 0  # clamped to the smallest normal float


def test_poisson_moments_and_dtypes():
    tf.random.set_seed(6)
    x = tf.random.poisson([N], [0.5, 4.0])
    assert x.shape == (N, 2) and x.dtype == tf.float32
    for j, lam in enumerate([0.5, 4.0]):
        assert_moments(x.numpy()[:, j], lam, lam)
    assert tf.random.poisson([2], 1.0, dtype=tf.int64).dtype == tf.int64


# ============================================================================================
# Seeding rules
# ============================================================================================
def test_global_seed_gives_a_reproducible_sequence():
    tf.random.set_seed(7)
    a = [tf.random.normal([3]).numpy(), tf.random.uniform([2]).numpy(), tf.random.normal([3], seed=1).numpy()]
    tf.random.set_seed(7)
    b = [tf.random.normal([3]).numpy(), tf.random.uniform([2]).numpy(), tf.random.normal([3], seed=1).numpy()]
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[0], tf.random.normal([3]).numpy())


def test_op_seed_sequence_restarts_with_set_seed():
    tf.random.set_seed(8)
    first = tf.random.uniform([4], seed=3).numpy()
    second = tf.random.uniform([4], seed=3).numpy()
    assert not np.array_equal(first, second)  # repeated calls continue the op's sequence
    tf.random.set_seed(8)
    np.testing.assert_array_equal(tf.random.uniform([4], seed=3).numpy(), first)


def test_stateless_ops_are_pure_functions_of_the_seed():
    a = tf.random.stateless_normal([5], seed=[1, 2])
    np.testing.assert_array_equal(a.numpy(), tf.random.stateless_normal([5], seed=[1, 2]).numpy())
    assert not np.array_equal(a.numpy(), tf.random.stateless_normal([5], seed=[1, 3]).numpy())
    np.testing.assert_array_equal(tf.random.stateless_normal([3], seed=[1, 2]).numpy(), a.numpy()[:3])
    u = tf.random.stateless_uniform([N], seed=tf.constant([4, 5], tf.int64)).numpy()
    assert_moments(u, 0.5, 1 / 12)
    assert_moments(tf.random.stateless_normal([N], seed=[6, 7]).numpy(), 0.0, 1.0)
    t = tf.random.stateless_truncated_normal([N], seed=[8, 9]).numpy()
    assert np.abs(t).max() <= 2
    full = tf.random.stateless_uniform([4], seed=[1, 2], minval=None, maxval=None, dtype=tf.int64)
    assert full.dtype == tf.int64
    c = tf.random.stateless_categorical([[0.0, 0.0]], 1000, seed=[3, 4]).numpy()
    assert 400 < c.sum() < 600
    assert tf.random.split([1, 2], 3).shape == (3, 2)
    assert tf.random.fold_in([1, 2], 5).numpy()[1] == 5


@pytest.mark.parametrize("seed,error", [([1, 2, 3], tf.errors.InvalidArgumentError),
                                        ([1.0, 2.0], tf.errors.InvalidArgumentError)])
def test_stateless_seed_errors(seed, error):
    with pytest.raises(error):
        tf.random.stateless_normal([2], seed=seed)


@pytest.mark.parametrize("call,error", [
    (lambda: tf.random.normal([2], dtype=tf.int32), TypeError),
    (lambda: tf.random.uniform([2], dtype=tf.int16, maxval=3), ValueError),
    (lambda: tf.random.uniform([2], dtype=tf.int32), ValueError),
    (lambda: tf.random.categorical([1.0, 2.0], 3), tf.errors.InvalidArgumentError),
    (lambda: tf.random.categorical([[1.0, 2.0]], -1), tf.errors.InvalidArgumentError),
    (lambda: tf.random.categorical([[1.0, 2.0]], 2, dtype=tf.float32), ValueError),
    (lambda: tf.random.categorical([[1, 2]], 2), tf.errors.NotFoundError),
    (lambda: tf.random.gamma([3], 1, dtype=tf.int32), ValueError),
    (lambda: tf.random.stateless_uniform([2], seed=[1, 2], minval=0, dtype=tf.int32), ValueError),
])
def test_errors_have_tf_types(call, error):
    with pytest.raises(error):
        call()


# ============================================================================================
# Generator
# ============================================================================================
def test_generator_state_follows_tf():
    g = tf.random.Generator.from_seed(1)
    assert g.state.numpy().tolist() == [1, 0, 0] and g.algorithm == 1 and int(g.key) == 0
    g.uniform([8])
    assert g.state.numpy().tolist() == [2049, 0, 0]  # 256 counter values per element, as TF
    g.normal([2, 3])
    assert g.state.numpy().tolist() == [2049 + 1536, 0, 0]
    assert tf.random.Generator.from_seed(-1).state.numpy().tolist() == [-1, -1, -1]
    assert tf.random.Generator.from_seed(2 ** 70 + 5).state.numpy().tolist() == [5, 64, 0]
    wrap = tf.random.Generator.from_seed(-1)
    wrap.normal([1])
    assert wrap.state.numpy().tolist() == [255, 0, -1]  # 128-bit counter wraps around
    assert tf.random.create_rng_state(1234, "philox").numpy().tolist() == [1234, 0, 0]


def test_generator_replays_from_its_state_and_splits():
    g = tf.random.Generator.from_seed(42)
    h = tf.random.Generator.from_state(g.state.numpy(), "philox")
    np.testing.assert_array_equal(g.normal([4]).numpy(), h.normal([4]).numpy())
    np.testing.assert_array_equal(g.uniform([3], 0, 10, tf.int32).numpy(),
                                  h.uniform([3], 0, 10, tf.int32).numpy())
    shared = tf.random.Generator.from_state(g.state, "philox")  # a Variable is shared, as TF
    assert shared.state is g.state
    seeds = g.make_seeds(3)
    assert seeds.shape == (2, 3) and seeds.dtype == tf.int64 and not seeds.numpy()[1].any()
    a, b = g.split(2)
    assert a.state.numpy()[:2].tolist() == [0, 0]
    assert not np.array_equal(a.normal([4]).numpy(), b.normal([4]).numpy())
    g.skip(10)
    g2 = tf.random.Generator(copy_from=g)
    np.testing.assert_array_equal(g.uniform([5]).numpy(), g2.uniform([5]).numpy())
    g.reset_from_seed(42)
    assert g.state.numpy().tolist() == [42, 0, 0]
    assert tf.random.experimental.Generator is tf.random.Generator


def test_generator_distributions():
    g = tf.random.Generator.from_seed(9)
    assert_moments(g.normal([N], mean=-1.0, stddev=0.5).numpy(), -1.0, 0.25)
    u = g.uniform([N], minval=2.0, maxval=4.0).numpy()
    assert u.min() >= 2 and u.max() < 4
    assert_moments(u, 3.0, 4 / 12)
    assert np.abs(g.truncated_normal([N]).numpy()).max() <= 2
    assert g.uniform_full_int([3]).dtype == tf.uint64
    b = g.binomial([N], counts=10.0, probs=0.3).numpy()
    assert_moments(b, 3.0, 2.1)
    glob = tf.random.get_global_generator()
    assert glob.normal([2]).shape == (2,)
    tf.random.set_global_generator(tf.random.Generator.from_seed(0))
    assert tf.random.get_global_generator().state.numpy().tolist() == [0, 0, 0]


# ============================================================================================
# Gradients
# ============================================================================================
def _stateful(draw):
    def f(*params):
        tf.random.set_seed(11)  # the same draw at every evaluation
        return draw(*params)
    return f


def _generator(draw):
    return lambda *params: draw(tf.random.Generator.from_seed(5), *params)


GRADIENT_ROWS = [
    ("normal", _stateful(lambda m, s: tf.random.normal([2, 3], m, s, tf.float64)), [0.5, 2.0]),
    ("normal-broadcast-mean", _stateful(lambda m: tf.random.normal([2, 3], m, 1.0, tf.float64)),
     [np.array([0.1, 0.2, 0.3])]),
    ("truncated_normal", _stateful(lambda m, s: tf.random.truncated_normal([4], m, s, tf.float64, seed=3)),
     [0.5, 2.0]),
    ("uniform", _stateful(lambda lo, hi: tf.random.uniform([4], lo, hi, tf.float64)), [-1.0, 2.0]),
    ("stateless_normal", lambda m, s: tf.random.stateless_normal([3], [1, 2], m, s, tf.float64), [0.5, 2.0]),
    ("stateless_truncated_normal",
     lambda m, s: tf.random.stateless_truncated_normal([3], [1, 2], m, s, tf.float64), [0.5, 2.0]),
    ("stateless_uniform",
     lambda lo, hi: tf.random.stateless_uniform([3], [1, 2], lo, hi, tf.float64), [-1.0, 2.0]),
    ("Generator.normal", _generator(lambda g, m, s: g.normal([3], m, s, tf.float64)), [0.5, 2.0]),
    ("Generator.uniform", _generator(lambda g, lo, hi: g.uniform([3], lo, hi, tf.float64)), [-1.0, 2.0]),
    ("Generator.truncated_normal",
     _generator(lambda g, m, s: g.truncated_normal([3], m, s, tf.float64)), [0.5, 2.0]),
    ("gamma-beta", _stateful(lambda b: tf.random.gamma([4], 2.0, b, tf.float64, seed=1)),
     [np.array([1.5, 3.0])]),
]


@pytest.mark.parametrize("fn,args", [pytest.param(f, a, id=i) for i, f, a in GRADIENT_ROWS])
def test_gradients(fn, args):
    tf.test.check_gradients(fn, [np.asarray(a, np.float64) for a in args], order=2)


def test_gamma_alpha_gradient_is_the_implicit_reparameterization():
    """d sample / d alpha with the sample's CDF value held fixed: differentiate x(alpha) =
    P^-1(alpha, u) numerically with scipy and compare."""
    alpha = tf.constant([0.7, 2.5], tf.float64)
    tf.random.set_seed(0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(alpha)
        x = tf.random.gamma([5], alpha, dtype=tf.float64, seed=2)
        total = tf.reduce_sum(x * x)
    got = tape.jacobian(x, alpha).numpy()  # [5, 2, 2]
    a, xs = alpha.numpy(), x.numpy()
    u = scipy.special.gammainc(a, xs)
    h = 1e-6
    want = (scipy.special.gammaincinv(a + h, u) - scipy.special.gammaincinv(a - h, u)) / (2 * h)
    np.testing.assert_allclose(np.einsum("sii->si", got), want, rtol=1e-6)
    assert not got[:, 0, 1].any() and not got[:, 1, 0].any()
    np.testing.assert_allclose(tape.gradient(total, alpha).numpy(), (2 * xs * want).sum(0), rtol=1e-6)
    tf.random.set_seed(0)  # the same sample again
    with tf.autodiff.ForwardAccumulator(alpha, tf.constant([1.0, 0.0], tf.float64)) as acc:
        y = tf.random.gamma([5], alpha, dtype=tf.float64, seed=2)
    np.testing.assert_allclose(acc.jvp(y).numpy()[:, 0], got[:, 0, 0], rtol=1e-10)


def test_gamma_has_no_second_derivative_in_alpha_as_tf():
    alpha = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(alpha)
        with tf.GradientTape() as inner:
            inner.watch(alpha)
            x = tf.random.gamma([3], alpha, seed=1)
        g = inner.gradient(x, alpha)
    with pytest.raises(LookupError):
        outer.gradient(g, alpha)


def test_non_differentiable_samplers_give_none():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.random.shuffle(x)
        c = tf.random.categorical(x, 2)
        p = tf.random.poisson([2], x)
    assert tape.gradient(y, x) is None
    assert c.dtype == tf.int64 and p.shape == (2, 2, 2)


# ============================================================================================
# Issue 13: TF's generator, bit for bit
# ============================================================================================
@pytest.mark.parametrize("key, counter, expected", [
    ((0, 0), (0, 0, 0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((0xFFFFFFFF, 0xFFFFFFFF), (0xFFFFFFFF,) * 4, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    ((0xA4093822, 0x299F31D0), (0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344),
     (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
])
def test_philox_known_answers(key, counter, expected):
    """Random123's published Philox4x32-10 test vectors."""
    assert tuple(int(w) for w in philox.philox_blocks(key, counter, 1)[0]) == expected


def test_philox_counter_carries_across_words():
    counter = (0xFFFFFFFF, 0xFFFFFFFF, 5, 0)
    blocks = philox.philox_blocks((1, 2), counter, 3)
    for i in range(3):
        one = philox.philox_blocks((1, 2), philox.counter_add(counter, i), 1)[0]
        assert blocks[i].tolist() == one.tolist()
    assert philox.counter_add((0xFFFFFFFF,) * 4, 1) == (0, 0, 0, 0)


def _libm_or_skip():
    lib = _libm32._libm()
    if lib is None:
        pytest.skip("no loadable C math library")
    return lib


def test_logf_and_sincosf_equal_the_c_library_on_box_muller_inputs():
    """Box-Muller feeds logf u in [1e-7, 1) and sincosf 2*pi*u for u = m / 2**23; a stride
    through all 2**23 of them (the full sweep matched when this was written)."""
    import ctypes
    lib = _libm_or_skip()
    lib.sincosf.argtypes = [ctypes.c_float, ctypes.POINTER(ctypes.c_float),
                            ctypes.POINTER(ctypes.c_float)]
    m = np.arange(1, 1 << 23, 61, dtype=np.uint32)
    u = np.maximum(((m | np.uint32(127 << 23)).view(np.float32) - np.float32(1)), np.float32(1e-7))
    v = (2 * np.pi * u.astype(np.float64)).astype(np.float32)
    ref_log = np.array([lib.logf(float(a)) for a in u], np.float32)
    np.testing.assert_array_equal(_libm32.logf(u).view(np.uint32), ref_log.view(np.uint32))
    s, c = ctypes.c_float(), ctypes.c_float()
    ref_s, ref_c = np.empty_like(v), np.empty_like(v)
    for i, a in enumerate(v.tolist()):
        lib.sincosf(a, ctypes.byref(s), ctypes.byref(c))
        ref_s[i], ref_c[i] = s.value, c.value
    sin, cos = _libm32.sincosf(v)
    np.testing.assert_array_equal(sin.view(np.uint32), ref_s.view(np.uint32))
    np.testing.assert_array_equal(cos.view(np.uint32), ref_c.view(np.uint32))


def test_logf_special_values():
    out = _libm32.logf(np.array([0.0, 1.0, np.inf, -1.0, 1e-40], np.float32))
    assert out[0] == -np.inf and out[1] == 0 and out[2] == np.inf and np.isnan(out[3])
    assert abs(out[4] - np.log(1e-40)) < 1e-4


def test_tf_documented_values():
    """Values printed in TF's own docstrings."""
    tf.random.set_seed(5)
    x = tf.random.normal([2, 2], 0, 1, tf.float32, seed=1).numpy()
    np.testing.assert_allclose(x, np.array([[-1.3768897, -0.01258316], [-0.169515, 1.0824056]],
                                           np.float32), rtol=1e-6)
    tf.random.set_seed(5)
    a = tf.random.uniform([], maxval=3, dtype=tf.int32, seed=10).numpy()
    b = tf.random.uniform([], maxval=3, dtype=tf.int32, seed=10).numpy()
    assert (a, b) == (2, 0)
    assert tf.random.Generator.from_seed(1).normal([]).numpy() == np.float32(0.43842274)


def test_truncated_normal_groups_are_independent_sub_streams():
    """Each group of 4 outputs reads its own sub-stream, so a longer draw extends a shorter one."""
    short = tf.random.stateless_truncated_normal([6], seed=[3, 3]).numpy()
    long = tf.random.stateless_truncated_normal([4001], seed=[3, 3]).numpy()
    np.testing.assert_array_equal(short, long[:6])
    assert np.abs(long).max() < 2


def test_normal_pairs_and_uniform_words_line_up():
    u = tf.random.stateless_uniform([9], seed=[1, 2]).numpy()
    n = tf.random.stateless_normal([9], seed=[1, 2]).numpy()
    # both read the same words: normal pair i uses words 2i and 2i+1
    u1 = np.maximum(u[0], np.float32(1e-7))
    expected = np.sqrt(-2 * np.log(np.float64(u1))) * np.sin(2 * np.pi * np.float64(u[1]))
    assert abs(n[0] - expected) < 1e-5


def test_stateful_kernel_keeps_its_position_and_set_seed_resets():
    tf.random.set_seed(9)
    a = tf.random.uniform([3], seed=4).numpy()
    b = tf.random.uniform([3], seed=4).numpy()
    c = tf.random.uniform([3], seed=4, dtype=tf.float64).numpy()  # another kernel: starts afresh
    assert not np.array_equal(a, b)
    tf.random.set_seed(9)
    np.testing.assert_array_equal(tf.random.uniform([3], seed=4).numpy(), a)
    np.testing.assert_array_equal(tf.random.uniform([3], seed=4).numpy(), b)
    np.testing.assert_array_equal(tf.random.uniform([3], seed=4, dtype=tf.float64).numpy(), c)


def test_float_and_numpy_global_seeds_are_accepted():
    tf.random.set_seed(1.0)
    a = tf.random.normal([2]).numpy()
    tf.random.set_seed(1)
    np.testing.assert_array_equal(tf.random.normal([2]).numpy(), a)
    tf.random.set_seed(np.int64(3))
    assert tf.random.normal([2]).shape == (2,)


def test_generator_advances_256_blocks_per_element():
    g = tf.random.Generator.from_seed(1)
    g.normal([3])
    assert g.state.numpy().tolist() == [1 + 3 * 256, 0, 0]
    g = tf.random.Generator.from_state([-1, 0, 7], "philox")  # the low counter word wraps
    g.uniform([1])
    assert g.state.numpy().tolist() == [255, 1, 7]


def test_parallel_blocks_cover_the_range():
    assert philox.parallel_blocks(5, 100, threads=2) == [(0, 5)]
    blocks = philox.parallel_blocks(1000, 100000, threads=2)
    assert blocks[0][0] == 0 and blocks[-1][1] == 1000
    assert all(a[1] == b[0] for a, b in itertools.pairwise(blocks))
    assert philox.parallel_blocks(1000, 100000, threads=1) == [(0, 1000)]


def test_keras_seeds():
    g = tf.keras.random.SeedGenerator(3)
    assert g.next().numpy().tolist() == [3, 0] and g.state.numpy().tolist() == [3, 1]
    init = tf.keras.initializers.GlorotUniform(seed=1)
    np.testing.assert_array_equal(init((3, 2)).numpy(), init((3, 2)).numpy())
    tf.keras.utils.set_random_seed(12)
    a = tf.keras.initializers.GlorotUniform()((2, 3)).numpy()
    tf.keras.utils.set_random_seed(12)
    np.testing.assert_array_equal(tf.keras.initializers.GlorotUniform()((2, 3)).numpy(), a)
    with pytest.raises(ValueError):
        tf.keras.random.SeedGenerator(1.5)


def test_keras_dropout_layer_masks_advance():
    layer = tf.keras.layers.Dropout(0.5, seed=4)
    x = tf.ones([4, 8])
    a, b = layer(x, training=True).numpy(), layer(x, training=True).numpy()
    assert not np.array_equal(a, b)
    assert set(np.unique(a).tolist()) <= {0.0, 2.0}
    np.testing.assert_array_equal(layer(x).numpy(), x.numpy())


def test_threefry_raises_as_tf_on_cpu():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.random.stateless_uniform([2], seed=[1, 2], alg="threefry")
    g = tf.random.Generator.from_seed(1, alg="threefry")
    with pytest.raises(tf.errors.UnimplementedError):
        g.normal([1])


def test_small_draw_paths_equal_the_array_paths():
    """A few Philox blocks run in Python integers, a few Box-Muller pairs in Python floats
    (faster for small draws); both must give the array paths' bits exactly."""
    rng = np.random.default_rng(7)
    for key, counter in [((1, 2), (0, 0, 3, 4)), ((0xFFFFFFFF, 5), (0xFFFFFFFF,) * 4)]:
        small = philox.philox_blocks(key, counter, 3)
        big = philox.philox_blocks(key, counter, 3 + philox._PY_BLOCKS)[:3]
        np.testing.assert_array_equal(small, big)
    words = rng.integers(0, 2 ** 32, size=40_000, dtype=np.uint64).astype(np.uint32)
    for i in range(0, len(words), 16):
        chunk = words[i:i + 16]
        u = philox.words_to_float32(chunk).reshape(-1, 2)
        u1 = np.maximum(u[:, 0], np.float32(1e-7))
        v1 = (2 * np.pi * u[:, 1].astype(np.float64)).astype(np.float32)
        u2 = np.sqrt(np.float32(-2.0) * _libm32.logf(u1))
        s, c = _libm32.sincosf(v1)
        want = np.stack([s * u2, c * u2], axis=1).reshape(-1)
        np.testing.assert_array_equal(philox._box_muller32_py(chunk).view(np.uint32),
                                      want.view(np.uint32))
    special = np.float32([0.0, 1e-8, -1e-8, 2.0 ** -13, 0.78, 0.79, -0.5, 3.0, -100.0, 119.0])
    sin, cos = _libm32.sincosf(special)
    got = np.array([_libm32.sincosf_scalar(float(v)) for v in special], np.float32)
    np.testing.assert_array_equal(got[:, 0].view(np.uint32), sin.view(np.uint32))
    np.testing.assert_array_equal(got[:, 1].view(np.uint32), cos.view(np.uint32))
    logs = np.float32([1e-7, 0.5, 1.0, 0.999999, 3.5, 1e30, 1e-38, 1e-40])
    np.testing.assert_array_equal(
        np.array([_libm32.logf_scalar(float(v)) for v in logs], np.float32).view(np.uint32),
        _libm32.logf(logs).view(np.uint32))
