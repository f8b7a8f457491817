"""Random primitives in graphs and under vmap (values against TF: conformance area
`random_graph`; eager values: `random_exact`, `guide_random` and tests/test_random.py).

* the records: every random primitive is complete, and its shape rule predicts what it
  produced (ShapeChecker from test_registry), also with an unknown leading dimension;
* vmap: a batched seed gives one stream per example, equal to the per-example loop, for every
  stateless op; stateful ops (and Generators) draw one value per example, equal to a loop of
  draws one after another; batch rules rebind the primitive, so vmap also runs inside
  tf.function, under tapes and under forward accumulators;
* graphs: a node's kernel is made when the node is built and advances at every run; plans
  instantiate kernels (an inference plan and a forward-for-gradients plan draw separately);
  stateless ops on constant seeds fold; Generators and Keras seed generators advance when the
  function runs;
* gradients of the stateless gamma and the parameterized truncated normal: TF's implicit
  reparameterization, checked against scipy's inverse CDFs.
"""
import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
from test_registry import ShapeChecker

import tapeflow as tf
from tapeflow.autodiff import vmap
from tapeflow.framework import op as op_module
from tapeflow.prims import random as PR

RANDOM_PRIMS = sorted(name for name, p in op_module.REGISTRY.items()
                      if getattr(p.forward, "__module__", None) == PR.__name__
                      or name in ("Ndtr",))


def test_random_primitives_are_complete_records():
    assert len(RANDOM_PRIMS) >= 24
    missing = {n: op_module.REGISTRY[n].missing() for n in RANDOM_PRIMS
               if op_module.REGISTRY[n].missing()}
    assert not missing
    for n in RANDOM_PRIMS:
        p = op_module.REGISTRY[n]
        assert p.stateful == (n.startswith(("Random", "Multinomial", "TruncatedNormal",
                                            "RngReadAndSkip")) and n not in (
            "RandomGammaGrad", "RandomIndexShuffle")), n


# ============================================================================================
# Shape rules: every draw (and its gradient's ops) predicted by the primitive's rule
# ============================================================================================
def _seeded(draw):
    def f():
        tf.random.set_seed(2)
        return draw()
    return f


SEED = tf.constant([3, 4])
ALPHA = tf.constant([[0.5, 2.0], [1.5, 3.0]], tf.float64)
CALLS = {
    "uniform": _seeded(lambda: tf.random.uniform([2, 3])),
    "uniform-int": _seeded(lambda: tf.random.uniform([4], 2, 9, tf.int64, seed=1)),
    "normal": _seeded(lambda: tf.random.normal([3], 1.0, 2.0, tf.float64)),
    "truncated": _seeded(lambda: tf.random.truncated_normal([5])),
    "shuffle": _seeded(lambda: tf.random.shuffle(tf.reshape(tf.range(6.0), [3, 2]))),
    "categorical": _seeded(lambda: tf.random.categorical([[0.0, 1.0], [2.0, 0.0]], 3)),
    "gamma": _seeded(lambda: tf.random.gamma([3], ALPHA, dtype=tf.float64)),
    "poisson": _seeded(lambda: tf.random.poisson([2], [[1.0, 12.0]])),
    "s-uniform": lambda: tf.random.stateless_uniform([2, 2], seed=SEED),
    "s-int": lambda: tf.random.stateless_uniform([3], seed=SEED, minval=1, maxval=5,
                                                 dtype=tf.int32),
    "s-full": lambda: tf.random.stateless_uniform([3], seed=SEED, minval=None, maxval=None,
                                                  dtype=tf.uint64),
    "s-normal": lambda: tf.random.stateless_normal([3], seed=SEED),
    "s-truncated": lambda: tf.random.stateless_truncated_normal([3], seed=SEED),
    "s-categorical": lambda: tf.random.stateless_categorical([[0.0, 1.0]], 4, seed=SEED),
    "s-gamma": lambda: tf.random.stateless_gamma([3, 2, 2], seed=SEED, alpha=ALPHA,
                                                 dtype=tf.float64),
    "s-poisson": lambda: tf.random.stateless_poisson([3, 2], seed=SEED, lam=[1.0, 20.0]),
    "s-binomial": lambda: tf.random.stateless_binomial([2, 2], seed=SEED, counts=[5.0, 50.0],
                                                       probs=0.4),
    "s-ptn": lambda: tf.random.stateless_parameterized_truncated_normal(
        [3, 2], seed=SEED, means=tf.constant([0.0, 1.0], tf.float64),
        stddevs=tf.constant(1.5, tf.float64), minvals=tf.constant(-1.0, tf.float64),
        maxvals=tf.constant(2.0, tf.float64)),
    "s-shuffle": lambda: tf.random.experimental.stateless_shuffle(tf.range(5), seed=SEED),
    "index-shuffle": lambda: tf.random.experimental.index_shuffle([1, 2, 3], seed=[5, 6],
                                                                  max_index=20),
    "split-fold": lambda: [tf.random.split(SEED, 3), tf.random.fold_in(SEED, 4)],
    "generator": lambda: [tf.random.Generator.from_seed(1).normal([2]),
                          tf.random.Generator.from_seed(1).skip(2)],
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_shape_rules_predict_random_outputs(name):
    checker = ShapeChecker()
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(ALPHA)
        checker.push()
        try:
            out = CALLS[name]()
            outs = out if isinstance(out, list) else [out]
            floats = [tf.reduce_sum(o) for o in outs if o.dtype.is_floating]
            if floats:
                tape.gradient(tf.add_n(floats), ALPHA)
        finally:
            checker.pop()
    assert not checker.failures, "\n".join(checker.failures[:10])
    assert checker.seen & set(RANDOM_PRIMS)


# ============================================================================================
# vmap
# ============================================================================================
SEEDS = tf.constant([[1, 2], [3, 4], [-5, 6]])

STATELESS_BATCHED = {
    "uniform": (lambda s: tf.random.stateless_uniform([3], seed=s), [SEEDS]),
    "normal64": (lambda s: tf.random.stateless_normal([3], seed=s, dtype=tf.float64), [SEEDS]),
    "truncated": (lambda s: tf.random.stateless_truncated_normal([6], seed=s), [SEEDS]),
    "int": (lambda s: tf.random.stateless_uniform([4], seed=s, minval=-2, maxval=9,
                                                  dtype=tf.int64), [SEEDS]),
    "full-int": (lambda s: tf.random.stateless_uniform([4], seed=s, minval=None, maxval=None,
                                                       dtype=tf.int32), [SEEDS]),
    "int-bounds": (lambda hi: tf.random.stateless_uniform([4], seed=[1, 2], minval=0, maxval=hi,
                                                          dtype=tf.int32),
                   [tf.constant([3, 10, 100])]),
    "categorical": (lambda s: tf.random.stateless_categorical([[0.0, 1.0, 2.0]], 4, seed=s),
                    [SEEDS]),
    "categorical-logits": (lambda lg, s: tf.random.stateless_categorical(lg, 4, seed=s),
                           [tf.math.log(tf.constant(np.random.default_rng(0).random((3, 2, 4)),
                                                    tf.float32)), SEEDS]),
    "gamma": (lambda s, a: tf.random.stateless_gamma([3, 2], seed=s, alpha=a),
              [SEEDS, tf.constant([[0.5, 1.0], [2.0, 3.0], [1.0, 0.2]])]),
    "poisson": (lambda s, lam: tf.random.stateless_poisson([3, 2], seed=s, lam=lam),
                [SEEDS, tf.constant([[0.5, 11.0], [2.0, 30.0], [1.0, 0.2]])]),
    "binomial": (lambda s, p: tf.random.stateless_binomial([3, 2], seed=s, counts=[10.0, 100.0],
                                                           probs=p),
                 [SEEDS, tf.constant([[0.1, 0.9], [0.5, 0.3], [0.7, 0.2]])]),
    "ptn": (lambda s, m: tf.random.stateless_parameterized_truncated_normal([3], seed=s, means=m),
            [SEEDS, tf.constant([0.0, 0.5, -1.0])]),
    "shuffle": (lambda s: tf.random.experimental.stateless_shuffle(tf.range(6), seed=s), [SEEDS]),
    "shuffle-values": (lambda v, s: tf.random.experimental.stateless_shuffle(v, seed=s),
                       [tf.reshape(tf.range(18), [3, 6]), SEEDS]),
    "index-shuffle": (lambda i: tf.random.experimental.index_shuffle(i, seed=[1, 2], max_index=9),
                      [tf.constant([0, 3, 9])]),
    "index-shuffle-seeds": (lambda s: tf.random.experimental.index_shuffle(3, seed=s,
                                                                           max_index=9), [SEEDS]),
    "split": (lambda s: tf.random.split(s, 3), [SEEDS]),
    "fold-in": (lambda s: tf.random.fold_in(s, 7), [SEEDS]),
}


def _loop(fn, args):
    n = args[0].shape[0]
    return [fn(*[a[i] for a in args]) for i in range(n)]


def _same(got, want):
    got = got if isinstance(got, (list, tuple)) else [got]
    want = [w if isinstance(w, (list, tuple)) else [w] for w in want]
    for k, g in enumerate(got):
        expected = np.stack([np.asarray(w[k]) for w in want])
        np.testing.assert_array_equal(np.asarray(g), expected)


@pytest.mark.parametrize("name", sorted(STATELESS_BATCHED))
def test_vmap_stateless_batched_seed_equals_loop(name, monkeypatch):
    from tapeflow.framework import batching
    looped = []
    original = batching.Batcher.process

    def process(self, op, inputs, attrs):
        if op.batch is None:
            looped.append(op.name)
        return original(self, op, inputs, attrs)
    monkeypatch.setattr(batching.Batcher, "process", process)
    fn, args = STATELESS_BATCHED[name]
    _same(vmap(fn)(*args), _loop(fn, args))
    assert looped == []


@pytest.mark.parametrize("name", sorted(STATELESS_BATCHED))
def test_vmap_stateless_inside_function_equals_loop(name):
    fn, args = STATELESS_BATCHED[name]
    _same(tf.function(vmap(fn))(*args), _loop(fn, args))


def test_vmap_stateless_unbatched_seed_is_one_value():
    out = vmap(lambda x: tf.random.stateless_normal([2], seed=[1, 2]) + x)(tf.zeros([3]))
    assert np.all(out.numpy() == out.numpy()[0])


STATEFUL = {
    "uniform": (lambda x: tf.random.uniform([2], seed=1) + x, [tf.zeros([3])]),
    "normal": (lambda x: tf.random.normal([2], seed=1) + x, [tf.zeros([3])]),
    "truncated": (lambda x: tf.random.truncated_normal([5], seed=1) + x, [tf.zeros([3])]),
    "int-bounds": (lambda hi: tf.random.uniform([4], minval=0, maxval=hi, dtype=tf.int32, seed=2),
                   [tf.constant([3, 10, 100])]),
    "categorical": (lambda lg: tf.random.categorical(lg, 4, seed=1),
                    [tf.math.log(tf.constant(np.random.default_rng(1).random((3, 2, 4)),
                                             tf.float32))]),
    "gamma": (lambda a: tf.random.gamma([3], alpha=a, seed=1),
              [tf.constant([[0.5, 1.0], [2.0, 3.0], [1.0, 0.2]])]),
    "poisson": (lambda lam: tf.random.poisson([3], lam=lam, seed=1),
                [tf.constant([[0.5, 11.0], [2.0, 30.0], [1.0, 0.2]])]),
    "shuffle": (lambda v: tf.random.shuffle(v, seed=1), [tf.reshape(tf.range(18), [3, 6])]),
    "dropout": (lambda x: tf.nn.dropout(x, 0.5, seed=1), [tf.ones([3, 5])]),
}


@pytest.mark.parametrize("name", sorted(STATEFUL))
def test_vmap_stateful_draws_once_per_example_as_a_loop(name):
    fn, args = STATEFUL[name]
    tf.random.set_seed(3)
    got = vmap(fn)(*args)
    tf.random.set_seed(3)
    _same(got, _loop(fn, args))
    rows = np.asarray(got).reshape(args[0].shape[0], -1)
    assert not np.all(rows == rows[0])  # every example draws its own values


@pytest.mark.parametrize("draw,args", [
    (lambda g, x: g.normal([2]) + x, [tf.zeros([3])]),
    (lambda g, hi: g.uniform([2], 0, hi, tf.int32), [tf.constant([3, 10, 100])]),
    (lambda g, d: g.skip(d), [tf.constant([1, 2, 3])]),
], ids=["normal", "uniform-int", "skip"])
def test_vmap_generator_advances_per_example(draw, args):
    g = tf.random.Generator.from_seed(1)
    got = vmap(lambda a: draw(g, a))(*args)
    state = g.state.numpy()
    g.reset_from_seed(1)
    _same(got, [draw(g, a) for a in args[0]])
    np.testing.assert_array_equal(g.state.numpy(), state)


def test_vmap_stateful_in_function_draws_per_example_and_advances():
    f = tf.function(lambda xs: vmap(lambda x: tf.random.uniform([2], seed=1) + x)(xs))
    a, b = f(tf.zeros([3])).numpy(), f(tf.zeros([3])).numpy()
    assert len({tuple(r) for r in a}) == 3 and not np.array_equal(a, b)


def test_gradients_and_tangents_through_vmap_of_gamma():
    alpha = tf.constant([[0.5, 2.0], [1.5, 3.0], [0.7, 1.2]], tf.float64)

    def loss(s, a):
        return tf.reduce_sum(tf.random.stateless_gamma([4, 2], seed=s, alpha=a,
                                                       dtype=tf.float64) ** 2)
    with tf.GradientTape() as tape:
        tape.watch(alpha)
        total = tf.reduce_sum(vmap(loss)(SEEDS, alpha))
    outside = tape.gradient(total, alpha).numpy()

    def grad(s, a):
        with tf.GradientTape() as t:
            t.watch(a)
            y = loss(s, a)
        return t.gradient(y, a)
    per_example = np.stack([grad(SEEDS[i], alpha[i]).numpy() for i in range(3)])
    np.testing.assert_allclose(outside, per_example, rtol=1e-12)
    np.testing.assert_allclose(vmap(grad)(SEEDS, alpha).numpy(), per_example, rtol=1e-12)
    with tf.autodiff.ForwardAccumulator(alpha, tf.ones_like(alpha)) as acc:
        x = vmap(lambda s, a: tf.random.stateless_gamma([4, 2], seed=s, alpha=a,
                                                        dtype=tf.float64))(SEEDS, alpha)
    for i in range(3):
        a = alpha[i]
        with tf.autodiff.ForwardAccumulator(a, tf.ones_like(a)) as acc1:
            y = tf.random.stateless_gamma([4, 2], seed=SEEDS[i], alpha=a, dtype=tf.float64)
        np.testing.assert_allclose(acc.jvp(x).numpy()[i], acc1.jvp(y).numpy(), rtol=1e-12)


# ============================================================================================
# Graphs
# ============================================================================================
def test_function_node_owns_a_kernel_that_advances():
    tf.random.set_seed(4)
    f = tf.function(lambda: tf.random.uniform([3]))
    a, b = f().numpy(), f().numpy()
    assert not np.array_equal(a, b)
    op = next(o for o in f.get_concrete_function().graph.get_operations()
              if o.type == "RandomUniform")
    assert isinstance(op.get_attr("kernel"), PR.Kernel)
    assert op.get_attr("kernel")._seeds == (4, 0)  # graph seed, first unseeded op
    tf.random.set_seed(4)  # resets every kernel
    np.testing.assert_array_equal(f().numpy(), a)
    g = tf.function(lambda: tf.random.uniform([3]))  # another function: its own kernel
    np.testing.assert_array_equal(g().numpy(), a)


def test_graph_op_seeds_count_unseeded_ops_per_graph():
    tf.random.set_seed(7)

    @tf.function
    def f():
        return tf.random.uniform([1], seed=3), tf.random.uniform([1]), tf.random.normal([1])
    seeds = [op.get_attr("kernel")._seeds for op in f.get_concrete_function().graph
             .get_operations() if op.type in ("RandomUniform", "RandomStandardNormal")]
    assert seeds == [(7, 3), (7, 0), (7, 1)]


def test_stateless_constant_seed_folds_and_stateful_ops_stay():
    cf = tf.function(lambda: (tf.random.stateless_normal([3], seed=[1, 2]),
                              tf.random.uniform([2]))).get_concrete_function()
    steps = [op.type for op in cf._plan._step_ops]
    assert "RandomUniform" in steps
    assert not any(s.startswith("Stateless") for s in steps)
    a, _ = cf()
    np.testing.assert_array_equal(a.numpy(), tf.random.stateless_normal([3], seed=[1, 2]).numpy())


def test_symbolic_seed_and_dynamic_shape():
    @tf.function(input_signature=[tf.TensorSpec([2], tf.int64), tf.TensorSpec([None, 3])])
    def f(seed, x):
        return tf.random.stateless_uniform(tf.shape(x), seed=seed)
    out = f.get_concrete_function().structured_outputs
    assert out.shape.as_list() == [None, 3]
    got = f(tf.constant([5, 6], tf.int64), tf.ones([2, 3]))
    np.testing.assert_array_equal(got.numpy(),
                                  tf.random.stateless_uniform([2, 3], seed=[5, 6]).numpy())


def test_plans_instantiate_kernels():
    f = tf.function(lambda m: tf.random.normal([2], mean=m, seed=5))
    m = tf.constant(0.0)
    tf.random.set_seed(1)
    plain = [f(m).numpy()]
    with tf.GradientTape() as tape:
        tape.watch(m)
        taped = f(m).numpy()
    plain.append(f(m).numpy())
    np.testing.assert_array_equal(taped, plain[0])  # the forward plan's own first draw
    assert not np.array_equal(plain[0], plain[1])


def test_generator_in_function_reads_and_advances_its_state():
    g = tf.random.Generator.from_seed(1)
    f = tf.function(lambda: g.normal([2]))
    a = f().numpy()
    assert g.state.numpy().tolist() == [513, 0, 0]
    b = f().numpy()
    h = tf.random.Generator.from_seed(1)
    np.testing.assert_array_equal(a, h.normal([2]).numpy())
    np.testing.assert_array_equal(b, h.normal([2]).numpy())
    types = [op.type for op in f.get_concrete_function().graph.get_operations()]
    assert "RngReadAndSkip" in types and "StatelessRandomNormalV2" in types


def test_keras_seed_generator_advances_in_function():
    layer = tf.keras.layers.Dropout(0.5, seed=4)
    f = tf.function(lambda x: layer(x, training=True))
    x = tf.ones([4, 4])
    a, b = f(x).numpy(), f(x).numpy()
    assert not np.array_equal(a, b)
    assert layer.seed_generator.state.numpy().tolist() == [4, 2]


def test_determinism_without_seed_raises_when_tracing():
    from tapeflow.framework import config_state
    from tapeflow.ops.random_ops import _Context
    saved, seed = config_state.determinism, _Context.global_seed
    try:
        config_state.determinism = True
        tf.random.set_seed(None)
        with pytest.raises(RuntimeError, match="seed"):
            tf.function(lambda: tf.random.uniform([1]))()
        assert tf.function(lambda: tf.random.uniform([1], seed=1))().shape == (1,)
    finally:
        config_state.determinism = saved
        tf.random.set_seed(seed)


# ============================================================================================
# Gradients: implicit reparameterization (TF's rules), against scipy's inverse CDFs
# ============================================================================================
def test_stateless_gamma_alpha_gradient_is_the_implicit_reparameterization():
    alpha = tf.constant([0.7, 2.5], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(alpha)
        x = tf.random.stateless_gamma([5, 2], seed=[1, 2], alpha=alpha, dtype=tf.float64)
    jac = tape.jacobian(x, alpha).numpy()  # [5, 2, 2]
    a, xs = alpha.numpy(), x.numpy()
    u = scipy.special.gammainc(a, xs)
    h = 1e-6
    want = (scipy.special.gammaincinv(a + h, u) - scipy.special.gammaincinv(a - h, u)) / (2 * h)
    np.testing.assert_allclose(np.einsum("sii->si", jac), want, rtol=1e-6)


def test_parameterized_truncated_normal_gradients_are_tfs_reparameterization():
    """TF's gradient: in the bounds, the implicit reparameterization (the sample's CDF value held
    fixed); in the mean and stddev, x = mean + stddev * z with z held fixed (the standardized
    bounds move along). Both checked as derivatives of scipy's inverse CDF."""
    mean, std = tf.constant(0.3, tf.float64), tf.constant(1.7, tf.float64)
    lo, hi = tf.constant(-1.0, tf.float64), tf.constant(2.5, tf.float64)
    params = [mean, std, lo, hi]
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(params)
        x = tf.random.stateless_parameterized_truncated_normal([6], seed=[3, 4], means=mean,
                                                               stddevs=std, minvals=lo,
                                                               maxvals=hi)
    m, sd, a, b = (v.numpy() for v in params)

    def ppf(q, m, s, a, b):
        return scipy.stats.truncnorm.ppf(q, (a - m) / s, (b - m) / s, loc=m, scale=s)
    q = scipy.stats.truncnorm.cdf(x.numpy(), (a - m) / sd, (b - m) / sd, loc=m, scale=sd)
    h = 1e-6
    za, zb = (a - m) / sd, (b - m) / sd
    want = [
        (ppf(q, m + h, sd, a + h, b + h) - ppf(q, m - h, sd, a - h, b - h)) / (2 * h),
        (ppf(q, m, sd + h, m + (sd + h) * za, m + (sd + h) * zb)
         - ppf(q, m, sd - h, m + (sd - h) * za, m + (sd - h) * zb)) / (2 * h),
        (ppf(q, m, sd, a + h, b) - ppf(q, m, sd, a - h, b)) / (2 * h),
        (ppf(q, m, sd, a, b + h) - ppf(q, m, sd, a, b - h)) / (2 * h),
    ]
    for v, w in zip(params, want):
        np.testing.assert_allclose(tape.jacobian(x, v).numpy(), w, rtol=1e-5, atol=1e-8)


def test_parameterized_truncated_normal_second_derivative_exists_as_tf():
    m = tf.constant([0.0, 0.5], tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(m)
        with tf.GradientTape() as inner:
            inner.watch(m)
            x = tf.random.stateless_parameterized_truncated_normal(
                [3, 2], seed=[1, 2], means=m, stddevs=tf.constant(1.0, tf.float64),
                minvals=tf.constant(-1.0, tf.float64), maxvals=tf.constant(1.0, tf.float64))
            y = tf.reduce_sum(x * x)
        g = inner.gradient(y, m)
    assert outer.gradient(g, m).shape == (2,)


def test_ptn_jvp_matches_reverse_mode():
    m = tf.constant([0.0, 0.5], tf.float64)
    s = tf.constant([1.0, 2.0], tf.float64)

    def draw(m, s):
        return tf.random.stateless_parameterized_truncated_normal(
            [3, 2], seed=[1, 2], means=m, stddevs=s, minvals=tf.constant(-1.0, tf.float64),
            maxvals=tf.constant(3.0, tf.float64))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([m, s])
        x = draw(m, s)
    jm, js = tape.jacobian(x, m).numpy(), tape.jacobian(x, s).numpy()
    tm, ts = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    with tf.autodiff.ForwardAccumulator([m, s], [tf.constant(tm), tf.constant(ts)]) as acc:
        x = draw(m, s)
    np.testing.assert_allclose(acc.jvp(x).numpy(), jm @ tm + js @ ts, rtol=1e-12)
    assert math.isfinite(float(tf.reduce_sum(x)))
