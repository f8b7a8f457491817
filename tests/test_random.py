"""Issue 5 part B, `tf.random`: distributions, seeding rules, Generator state and gradients.

tapeflow's random streams differ from TF's Philox (a documented difference), so values are checked
statistically: means, variances and histograms of large samples against the distributions' exact
moments, with tolerances of several standard errors. Seeds are fixed, so nothing can flake.
Parameters are differentiable as in TF (`rnd * stddev + mean`, gamma's implicit
reparameterization), checked by `tf.test.check_gradients` with the draw made reproducible inside
the function.
"""
import math

import numpy as np
import pytest
import scipy.special
import scipy.stats

import tapeflow as tf

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
