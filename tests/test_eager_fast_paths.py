"""The eager engine's fast paths (issue 9, speed): each one must give exactly what the plain path
gives. Expected values were checked against TF 2.21."""
import numpy as np

import tapeflow as tf


def _op_names(tape):
    return [n.op.name for n in tape._nodes]


# -- repeated reads of an unchanged variable are recorded once ----------------------------------
def test_repeated_implicit_reads_are_one_recorded_read():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = tf.reduce_sum(v * v + v)
        assert _op_names(t).count("ReadVariableOp") == 1
    np.testing.assert_allclose(t.gradient(y, v).numpy(), [3.0, 5.0])


def test_assignment_between_reads_gives_a_new_read():
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y1 = v * v
        v.assign(5.0)
        y2 = v * v
        y = y1 + y2
    assert float(y) == 29.0
    assert float(t.gradient(y, v)) == 14.0  # TF: 2*2 + 2*5


def test_assign_add_between_reads_keeps_the_earlier_value():
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y1 = v * 2.0
        v.assign_add(1.0)
        y3 = v * v
        y = y1 + y3
    assert float(y) == 13.0
    assert float(t.gradient(y, v)) == 8.0


def test_in_place_update_never_changes_a_cached_read():
    v = tf.Variable(np.ones(3, np.float32))
    with tf.GradientTape() as t:
        a = v + 0.0
        v.assign_sub(np.ones(3, np.float32))  # may update in place only if no tensor holds it
        b = v + 0.0
        y = tf.reduce_sum(a * b)
    np.testing.assert_array_equal(a.numpy(), [1, 1, 1])
    np.testing.assert_array_equal(b.numpy(), [0, 0, 0])
    np.testing.assert_array_equal(t.gradient(y, v).numpy(), [1, 1, 1])


def test_watch_after_reads_records_later_reads():
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        a = v * 1.0
        t.watch(v)
        b = v * 3.0
        y = a + b
    assert float(t.gradient(y, v)) == 3.0  # TF: only the read after watch() counts


def test_stop_recording_and_reset_between_reads():
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        y1 = v * 2.0
        with t.stop_recording():
            y2 = v * 3.0
        y3 = v * 4.0
        y = y1 + y2 + y3
    assert float(t.gradient(y, v)) == 6.0
    with tf.GradientTape(persistent=True) as t:
        y1 = v * 2.0
        t.reset()
        y2 = v * 3.0
    assert float(t.gradient(y2, v)) == 3.0
    assert t.gradient(y1, v) is None


def test_explicit_reads_are_separate_tensors():
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        r = v.read_value()
        y = r * v + v * v
    gr, gv = t.gradient(y, [r, v])
    assert float(gr) == 2.0 and float(gv) == 8.0  # TF: r's own use only; v through all reads
    with tf.GradientTape() as t:
        assert v.value() is not v.value()


def test_nested_tapes_second_derivative_with_cached_reads():
    v = tf.Variable(3.0)
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            y = v * v * v
        g = t1.gradient(y, v)
        z = g * v
    assert float(g) == 27.0
    assert float(t2.gradient(z, v)) == 81.0  # d/dv (3 v^3) = 9 v^2


# -- stack/unstack/concat/split gradients are slices ------------------------------------------
def test_unstack_and_split_give_the_values_of_take_and_split():
    v = np.arange(24.0).reshape(2, 3, 4)
    for axis in range(3):
        got = tf.unstack(tf.constant(v), axis=axis)
        want = [np.take(v, i, axis=axis) for i in range(v.shape[axis])]
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g.numpy(), w)
        sizes = [1, v.shape[axis] - 1]
        for g, w in zip(tf.split(tf.constant(v), sizes, axis=axis),
                        np.split(v, np.cumsum(sizes)[:-1], axis=axis)):
            np.testing.assert_array_equal(g.numpy(), w)


def test_unstack_of_a_string_vector_gives_scalar_strings():
    parts = tf.unstack(tf.constant([b"a", b"bc"]))
    assert [p.numpy() for p in parts] == [b"a", b"bc"]
    assert parts[0].shape == ()


def test_gradients_of_stack_and_concat_of_many_rows():
    x = tf.constant(np.arange(12.0).reshape(6, 2))
    w = tf.Variable(np.array([[1.0, -1.0]]))
    with tf.GradientTape() as t:
        rows = tf.stack([x[i] * w for i in range(6)])          # (6, 1, 2)
        cols = tf.concat([rows[:, :, :1], 2.0 * rows[:, :, 1:]], 2)
        y = tf.reduce_sum(cols * cols)
    g = t.gradient(y, w).numpy()
    xv = np.arange(12.0).reshape(6, 2)
    want = np.array([[np.sum(2 * xv[:, 0] ** 2 * 1.0), np.sum(8 * xv[:, 1] ** 2 * -1.0)]])
    np.testing.assert_allclose(g, want)
