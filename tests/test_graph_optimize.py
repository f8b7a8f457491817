"""The plan's rewrites (framework/graph_optimize.py): shared variable reads and row
vectorisation give the per-row program's values with far fewer steps."""
import numpy as np
import pytest

import tapeflow as tf
from tapeflow.framework import graph_optimize


def _plan(f, *args):
    cf = f.get_concrete_function(*args)
    f(*args)
    return cf._plan


def _eager_and_graph(fn, *args):
    eager = fn(*args)
    graph = tf.function(fn)(*args)
    return eager, graph


def test_stack_of_rows_runs_batched_with_its_gradient():
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((50, 3)))
    m = tf.Variable(rng.standard_normal((4, 3)))

    def step():
        with tf.GradientTape() as tape:
            xc = tf.stack([tf.exp(x[i] - m) * 2.0 for i in range(50)])
            y = tf.reduce_sum(tf.square(xc))
        return y, tape.gradient(y, m)

    (ye, ge), (yg, gg) = _eager_and_graph(step)
    np.testing.assert_allclose(yg.numpy(), ye.numpy(), rtol=1e-12)
    np.testing.assert_allclose(gg.numpy(), ge.numpy(), rtol=1e-12)
    f = tf.function(step)
    plan = _plan(f)
    traced = len(f.get_concrete_function().graph.get_operations())
    assert traced > 500 and plan.num_steps < 60


def test_rows_of_an_unstack_and_pack_axis():
    x = tf.constant(np.arange(24.0).reshape(2, 12))

    def fn():
        rows = tf.unstack(x, axis=1)
        return tf.stack([r * r + 1.0 for r in rows], axis=1)

    e, g = _eager_and_graph(fn)
    np.testing.assert_array_equal(g.numpy(), e.numpy())


def test_a_variable_assigned_between_reads_is_read_again():
    v = tf.Variable(1.0)

    @tf.function
    def f():
        a = v * 1.0
        v.assign_add(1.0)
        b = v * 1.0
        v.assign_add(1.0)
        return a, b, v * 1.0, tf.stack([v * float(i) for i in range(10)])

    a, b, c, s = f()
    assert (a.numpy(), b.numpy(), c.numpy()) == (1.0, 2.0, 3.0)
    np.testing.assert_array_equal(s.numpy(), 3.0 * np.arange(10))


def test_random_rows_are_not_merged():
    @tf.function
    def f():
        return tf.stack([tf.random.uniform([3]) for _ in range(10)])

    out = f().numpy()
    assert len({tuple(r) for r in out}) == 10


def test_rows_that_differ_are_left_alone():
    x = tf.constant(np.arange(30.0).reshape(10, 3))

    def fn():
        # row 3 is computed differently: no batched rewrite, same values
        return tf.stack([x[i] * 2.0 if i != 3 else x[i] + 1.0 for i in range(10)])

    e, g = _eager_and_graph(fn)
    np.testing.assert_array_equal(g.numpy(), e.numpy())


@pytest.mark.parametrize("n", [graph_optimize.MIN_ROWS - 1, graph_optimize.MIN_ROWS])
def test_sum_of_row_terms(n):
    x = tf.constant(np.arange(n * 2.0).reshape(n, 2))
    w = tf.Variable(np.array([0.5, -1.0]))

    def fn():
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(tf.stack([tf.sin(x[i] * w) for i in range(n)]))
        return tape.gradient(y, w)

    e, g = _eager_and_graph(fn)
    np.testing.assert_allclose(g.numpy(), e.numpy(), rtol=1e-12)


def test_the_traced_graph_is_left_as_traced():
    x = tf.constant(np.ones((10, 2)))

    @tf.function
    def f():
        return tf.stack([x[i] + 1.0 for i in range(10)])

    cf = f.get_concrete_function()
    before = [op.name for op in cf.graph.get_operations()]
    f()
    assert [op.name for op in cf.graph.get_operations()] == before
