"""Graph tensors with unknown dimensions (input_signature with None): ops whose eager path
reads static shapes build graph operations instead, as TF's do."""
import numpy as np
import pytest

import tapeflow as tf

BATCH = tf.TensorSpec([None, 4], tf.float32)


def test_zeros_like_ones_like_and_where():
    @tf.function(input_signature=[BATCH])
    def f(x):
        return tf.where(x > 0, x, tf.zeros_like(x)), tf.ones_like(x, dtype=tf.int32)

    a, b = f(tf.constant([[1.0, -2.0, 3.0, -4.0]]))
    np.testing.assert_array_equal(a.numpy(), [[1.0, 0.0, 3.0, 0.0]])
    assert b.dtype == tf.int32 and b.numpy().tolist() == [[1, 1, 1, 1]]
    out = f.get_concrete_function().structured_outputs[0]
    assert out.shape.as_list() == [None, 4]


def test_mean_gradient_over_an_unknown_dimension():
    @tf.function(input_signature=[BATCH])
    def f(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_mean(x * x)
        return tape.gradient(y, x)

    x = np.arange(12.0, dtype=np.float32).reshape(3, 4)
    np.testing.assert_allclose(f(tf.constant(x)).numpy(), 2 * x / 12, rtol=1e-6)


def test_indexing_an_unknown_dimension():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32)])
    def f(seq):
        return seq[1], seq[-1], seq[1:]

    a, b, c = f(tf.constant([5, 6, 7]))
    assert (int(a), int(b), c.numpy().tolist()) == (6, 7, [6, 7])


def test_bfloat16_inside_a_graph():
    f = tf.function(lambda x: tf.cast(x, tf.bfloat16) * 2)
    out = f(tf.constant([1.5]))
    assert out.dtype == tf.bfloat16 and out.numpy().tolist() == [3.0]


def test_reduction_of_unknown_rank_is_a_clear_error():
    f = tf.function(tf.reduce_sum, input_signature=[tf.TensorSpec(None, tf.float32)])
    with pytest.raises(NotImplementedError, match="unknown rank"):
        f(tf.ones([2]))
