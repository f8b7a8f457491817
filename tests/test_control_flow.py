"""Functional control flow in eager mode: gradients (first and second order, against finite
differences), TensorArray semantics, tf.print's formatting and streams, py_function."""
import io
import sys

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.control_flow import summarize_value

X = np.array([0.3, -0.7, 1.2])


def _cond(x):
    return tf.cond(tf.reduce_sum(x) > 0.0, lambda: tf.sin(x) * x, lambda: x * x * x)


def _cond_other_branch(x):
    return tf.cond(tf.reduce_sum(x) > 10.0, lambda: tf.sin(x) * x, lambda: x * x * x)


def _while(x):
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, tf.sin(y) * x + y), (0, x))
    return y


def _while_max_iter(x):
    return tf.while_loop(lambda y: tf.reduce_sum(y) < 1e9, lambda y: (y * x + 1.0,), (x,),
                         maximum_iterations=3)[0]


def _map_fn(x):
    return tf.map_fn(lambda v: tf.exp(v) * v, x)


def _map_fn_nested(x):
    r = tf.map_fn(lambda v: {"a": v * v, "b": tf.sin(v)}, x,
                  fn_output_signature={"a": tf.float64, "b": tf.float64})
    return r["a"] + 2.0 * r["b"]


def _scan(x):
    return tf.scan(lambda a, v: a * v + tf.sin(a), x, initializer=tf.constant(0.5, tf.float64))


def _scan_reverse(x):
    return tf.scan(lambda a, v: a * v, x, reverse=True)


def _foldl(x):
    return tf.foldl(lambda a, v: a * v + 1.0, x)


def _foldr(x):
    return tf.foldr(lambda a, v: a * tf.cos(v), x, initializer=tf.constant(2.0, tf.float64))


def _tensor_array(x):
    ta = tf.TensorArray(tf.float64, size=3)
    for i in range(3):
        ta = ta.write(i, x[i] * x)
    return ta.stack()


def _tensor_array_ops(x):
    ta = tf.TensorArray(tf.float64, size=3, clear_after_read=False).unstack(x * 2.0)
    g = ta.gather([2, 0])
    ta2 = tf.TensorArray(tf.float64, size=2, infer_shape=False).split(x * x, [1, 2])
    return tf.concat([g * ta.read(1), ta2.concat()], 0)


def _case(x):
    s = tf.reduce_sum(x)
    return tf.case([(s < 0.0, lambda: -x), (s < 5.0, lambda: x * tf.exp(x))],
                   default=lambda: x)


def _switch(x):
    return tf.switch_case(tf.constant(1), [lambda: x, lambda: tf.tanh(x) * x])


def _py_function(x):
    return tf.py_function(lambda v: v * v * 3.0, [x], Tout=tf.float64)


def _converted(x):
    def f(x):
        y = x
        for _ in tf.range(2):
            if tf.reduce_sum(y) > 0:
                y = y * x
            else:
                y = y - x
        return y
    return tf.autograph.to_graph(f)(x)


GRADIENT_CASES = [_cond, _cond_other_branch, _while, _while_max_iter, _map_fn, _map_fn_nested,
                  _scan, _scan_reverse, _foldl, _foldr, _tensor_array, _tensor_array_ops, _case,
                  _switch, _converted]


@pytest.mark.parametrize("f", GRADIENT_CASES, ids=[f.__name__ for f in GRADIENT_CASES])
def test_gradients_first_and_second_order(f):
    tf.test.check_gradients(f, [X], order=2, modes=("rev", "fwd"))


def test_py_function_gradient_is_first_order_only():
    tf.test.check_gradients(_py_function, [X], order=1, modes=("rev",))
    x = tf.constant(1.5)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = tf.py_function(lambda v: v * v, [x], Tout=tf.float32)
        g = t1.gradient(y, x)
    assert g.numpy() == 3.0 and t2.gradient(g, x) is None


def test_values_against_tf():
    # numbers recorded from TF 2.21 (see the control_flow conformance area for more)
    x = tf.constant(0.5)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            _, y = tf.while_loop(lambda i, y: i < 4, lambda i, y: (i + 1, tf.sin(y) + x),
                                 (tf.constant(0), x))
        g = t1.gradient(y, x)
    np.testing.assert_allclose([y.numpy(), g.numpy(), t2.gradient(g, x).numpy()],
                               [1.4950435, 1.1479433, -2.6826885], rtol=1e-5)


def test_while_loop_structure_errors():
    with pytest.raises(ValueError, match="same nested structure"):
        tf.while_loop(lambda i: i < 3, lambda i: (i + 1, i), [tf.constant(0)])
    with pytest.raises(TypeError, match="Cannot iterate over a scalar tensor"):
        tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)])
    with pytest.raises(ValueError, match="'loop_vars' must be provided"):
        tf.while_loop(lambda: False, lambda: (), [])


def test_while_loop_returns_tensors_and_tensor_arrays():
    out = tf.while_loop(lambda i, ta: i < 2, lambda i, ta: (i + 1, ta.write(i, i)),
                        (0, tf.TensorArray(tf.int32, size=2)))
    assert isinstance(out[0], tf.Tensor) and isinstance(out[1], tf.TensorArray)
    assert out[1].stack().numpy().tolist() == [0, 1]


def test_tensor_array_semantics():
    ta = tf.TensorArray(tf.float32, size=2)
    assert ta.write(0, 1.0) is ta
    assert ta.read(1).numpy() == 0.0  # never written: zeros of the element shape
    with pytest.raises(tf.errors.InvalidArgumentError, match="twice"):
        ta.read(1)
    with pytest.raises(tf.errors.OutOfRangeError):
        ta.write(5, 1.0)
    with pytest.raises(ValueError, match="Incompatible shape"):
        tf.TensorArray(tf.float32, size=2, element_shape=[2]).write(0, [1.0])
    grown = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    for i in range(3):
        grown = grown.write(i, [i, i])
    assert grown.size().numpy() == 3 and grown.stack().shape == (3, 2)
    assert tf.TensorArray(tf.float32, size=0).stack().shape == (0,)
    assert tf.TensorArray(tf.float32, size=0, element_shape=[2]).stack().shape == (0, 2)


def test_map_fn_errors():
    with pytest.raises(ValueError, match="1\\+ dimensional"):
        tf.map_fn(lambda v: v, tf.constant(1.0))
    with pytest.raises(tf.errors.InvalidArgumentError, match="TensorArray dtype"):
        tf.map_fn(lambda v: v, tf.constant([1, 2]), fn_output_signature=tf.float32)
    with pytest.raises(ValueError, match="nested structure"):
        tf.map_fn(lambda v: (v, v), tf.constant([1, 2]))


def test_vectorized_map_matches_map_fn_and_falls_back():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    f = lambda r: tf.reduce_sum(r * r) + r[0]
    np.testing.assert_allclose(tf.vectorized_map(f, x).numpy(), tf.map_fn(f, x).numpy())
    # a function vmap cannot batch (it reads a value with .numpy()) still runs, per element
    g = lambda r: tf.constant(float(r.numpy()[0]) * 2)
    np.testing.assert_allclose(tf.vectorized_map(g, x).numpy(), [2.0, 6.0])


@pytest.mark.parametrize("value,summarize,text", [
    (np.arange(10), 3, "[0 1 2 ... 7 8 9]"),
    (np.arange(6), 3, "[0 1 2 3 4 5]"),
    (np.arange(10), -1, "[0 1 2 3 4 5 6 7 8 9]"),
    (np.arange(10), 2, "[0 1 ... 8 9]"),
    (np.arange(4).reshape(2, 2), 3, "[[0 1]\n [2 3]]"),
    (np.arange(8).reshape(2, 2, 2), 3, "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]"),
    (np.zeros((2, 0)), 3, "[\n ...]"),
    (np.zeros(0), 3, "[]"),
    (np.float32(1e-8), 3, "1e-08"),
    (np.float32(123456.0), 3, "123456"),
    (np.float32(1234567.0), 3, "1234567"),
    (np.float64(1.0) / 3, 3, "0.33333333333333331"),
    (np.float32(1.0) / np.float32(3), 3, "0.333333343"),
    (np.array([True, False]), 3, "[1 0]"),
    (np.array([b"a\nb", b'q"']), 3, '["a\\nb" "q\\""]'),
    (np.int8(-3), 3, "-3"),
])
def test_summarize_value(value, summarize, text):
    assert summarize_value(value, summarize) == text


def test_print_streams(capsys, tmp_path):
    tf.print("a", tf.constant([1, 2]), {"k": tf.constant(1.5)}, sep="|")
    assert capsys.readouterr().err == "a|[1 2]|{'k': 1.5}\n"  # sys.stderr by default
    tf.print("out", output_stream=sys.stdout, end="!")
    assert capsys.readouterr().out == "out!"
    path = tmp_path / "log.txt"
    tf.print("x", output_stream="file://" + str(path))
    tf.print("y", output_stream="file://" + str(path))
    assert path.read_text() == "x\ny\n"
    with pytest.raises(ValueError, match="Unsupported output stream"):
        tf.print("x", output_stream=io.StringIO())
    with pytest.raises(ValueError, match="Unrecognized keyword"):
        tf.print("x", colour=1)


def test_print_to_logging(caplog):
    import logging
    with caplog.at_level(logging.INFO, logger="tensorflow"):
        tf.print("logged", tf.constant(3), output_stream=logging.info)
    assert "logged 3" in caplog.text


def test_assert_message():
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        tf.Assert(tf.constant(False), ["v:", tf.range(5)], summarize=2)
    assert e.value.message == ("Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                               "Summarized data: b'v:'\n0, 1, ...")
    assert tf.Assert(True, ["x"]) is None


def test_cond_argument_errors():
    with pytest.raises(TypeError, match="'false_fn' argument required"):
        tf.cond(True, lambda: 1)
    with pytest.raises(TypeError, match="'true_fn' must be callable"):
        tf.cond(True, 1, lambda: 1)
    with pytest.raises(ValueError, match="truth value"):
        tf.cond(tf.constant([True, False]), lambda: 1, lambda: 2)


def test_control_dependencies_and_group_are_eager_no_ops():
    calls = []
    with tf.control_dependencies([lambda: calls.append(1), tf.constant(1)]):
        y = tf.constant(2) + 1
    assert calls == [1] and y.numpy() == 3
    assert tf.group(y) is None and tf.no_op() is None
    assert [t.numpy() for t in tf.tuple([1, tf.constant(2.0)])] == [1, 2.0]
