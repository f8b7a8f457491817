"""Composite values as results inside graphs: tf.cond branches returning RaggedTensors and
SparseTensors, and IndexedSlices (gather's gradient) returned from tf.function."""
import numpy as np
import pytest

import tapeflow as tf


def test_cond_branches_return_composites():
    rt = tf.ragged.constant([[1, 2], [3]])
    st = tf.sparse.SparseTensor([[0, 1]], [2.0], [2, 3])

    @tf.function
    def f(p):
        a = tf.cond(p, lambda: rt * 2, lambda: rt + 1)
        b = tf.cond(p, lambda: st, lambda: tf.sparse.map_values(tf.negative, st))
        return a, tf.sparse.to_dense(b)

    a, b = f(tf.constant(True))
    assert a.to_list() == [[2, 4], [6]] and b.numpy()[0, 1] == 2.0
    a, b = f(tf.constant(False))
    assert a.to_list() == [[2, 3], [4]] and b.numpy()[0, 1] == -2.0


def test_cond_branches_of_different_kinds_raise_typeerror():
    rt = tf.ragged.constant([[1, 2], [3]])
    f = tf.function(lambda p: tf.cond(p, lambda: rt, lambda: tf.constant([1])))
    with pytest.raises(TypeError, match="same number, type, and overall structure"):
        f(tf.constant(True))


def test_indexed_slices_returned_from_a_function():
    v = tf.Variable(tf.ones([4, 2]))

    @tf.function
    def g():
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(tf.gather(v, [0, 2]))
        return tape.gradient(y, v)

    s = g()
    assert isinstance(s, tf.IndexedSlices)
    assert s.indices.numpy().tolist() == [0, 2] and s.dense_shape.numpy().tolist() == [4, 2]
    np.testing.assert_array_equal(s.values.numpy(), np.ones((2, 2)))
