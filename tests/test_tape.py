"""Semantic unit tests of `tf.GradientTape` (tapeflow.framework.tape).

Every expectation here was checked against TensorFlow 2.21 (the same file, with only the import
changed, passes under TF).
"""
import gc
import logging
import os
import re
import sys
import threading
import weakref

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import tapeflow as tf
from tapeflow.framework import tape as tape_mod

NON_PERSISTENT_MSG = ("A non-persistent GradientTape can only be used to compute one set of "
                      "gradients (or jacobians)")


def val(t):
    """The NumPy value of a tensor (fails loudly on None)."""
    assert t is not None, "expected a gradient, got None"
    return np.asarray(t.numpy())


def close(t, expected):
    np.testing.assert_allclose(val(t), expected, rtol=1e-6, atol=1e-6)


# -- persistent vs non-persistent -------------------------------------------------------------

def test_non_persistent_second_gradient_raises():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    close(g.gradient(y, x), 6.0)
    with pytest.raises(RuntimeError, match=re.escape(NON_PERSISTENT_MSG)):
        g.gradient(y, x)


def test_non_persistent_jacobian_then_gradient_raises():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    g.jacobian(y, x)
    with pytest.raises(RuntimeError, match=re.escape(NON_PERSISTENT_MSG)):
        g.gradient(y, x)


def test_persistent_tape_allows_repeated_gradients_and_jacobians():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * x
    close(g.gradient(y, x), [2.0, 4.0])
    close(g.jacobian(y, x), [[2.0, 0.0], [0.0, 4.0]])
    close(g.gradient(y, x), [2.0, 4.0])
    assert g.gradient(tf.constant(1.0) * y, x) is None   # computed outside: not recorded
    del g


# -- watching -----------------------------------------------------------------------------------

def test_constants_are_not_watched_automatically():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        y = x * x
    assert g.gradient(y, x) is None


def test_watch_after_the_op_does_not_record_it():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        y = x * x
        g.watch(x)
    assert g.gradient(y, x) is None


def test_trainable_variable_read_is_watched_automatically():
    v = tf.Variable(3.0)
    with tf.GradientTape() as g:
        y = v * v
    close(g.gradient(y, v), 6.0)
    assert g.watched_variables()[0] is v


def test_watch_accessed_variables_false():
    v1 = tf.Variable(1.0)
    v3 = tf.Variable(3.0)
    with tf.GradientTape(watch_accessed_variables=False) as g:
        y = v1 * v3
        g.watch(v3)
        y = v1 * v3
    d1, d3 = g.gradient(y, [v1, v3])
    assert d1 is None
    close(d3, 1.0)
    watched = g.watched_variables()
    assert len(watched) == 1 and watched[0] is v3


def test_watch_accessed_variables_false_still_watches_tensors():
    x = tf.constant(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as g:
        g.watch(x)
        y = x * x * x
    close(g.gradient(y, x), 12.0)


def test_watch_variable_explicitly():
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as g:
        g.watch(v)
        y = v * v
    close(g.gradient(y, v), 4.0)


def test_watch_nest_of_tensors_and_variables():
    a = tf.constant(1.0)
    b = tf.constant(2.0)
    frozen = tf.Variable(1.0, trainable=False)
    with tf.GradientTape() as g:
        g.watch({"a": a, "rest": [b, (frozen,)]})
        y = a * b * frozen
    grads = g.gradient(y, {"a": a, "b": b, "f": frozen})
    close(grads["a"], 2.0)
    close(grads["b"], 1.0)
    close(grads["f"], 2.0)
    assert len(g.watched_variables()) == 1


def test_watch_non_float_tensor_warns(caplog):
    xi = tf.constant(3)
    with caplog.at_level(logging.WARNING):
        with tf.GradientTape() as g:
            g.watch(xi)
            y = xi * xi
    assert any(r.levelno == logging.WARNING and r.getMessage() ==
               "The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32"
               for r in caplog.records)
    assert g.gradient(y, xi) is None


@pytest.mark.parametrize("bad, type_name", [(3.0, "float"), (np.array(3.0), "ndarray")])
def test_watch_non_tensor_raises_value_error(bad, type_name):
    with tf.GradientTape() as g:
        with pytest.raises(ValueError, match=re.escape(
                f"Passed in object 3.0 of type '{type_name}', not tf.Tensor or tf.Variable or "
                f"ExtensionType.")):
            g.watch(bad)


def test_watch_list_containing_non_tensor_raises_value_error():
    with tf.GradientTape() as g:
        with pytest.raises(ValueError, match=r"not tf\.Tensor or tf\.Variable"):
            g.watch([tf.constant(1.0), 3.0])


def test_non_trainable_variable_not_auto_watched():
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as g:
        y = v * v
    assert g.gradient(y, v) is None
    assert g.watched_variables() == ()


def test_non_trainable_variable_can_be_watched():
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as g:
        g.watch(v)
        y = v * v
    close(g.gradient(y, v), 4.0)
    assert g.watched_variables()[0] is v


# -- gradient(): structure of targets and sources ---------------------------------------------

@pytest.fixture
def abc_tape():
    a = tf.constant(1.0)
    b = tf.constant([1.0, 2.0])
    c = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as g:
        g.watch([a, b, c])
        y1 = a * b      # shape (2,)
        y2 = c * c
        y3 = a * c
    yield g, (a, b, c), (y1, y2, y3)
    del g


def test_sources_as_list(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    da, db = g.gradient(y1, [a, b])
    close(da, 3.0)
    close(db, [1.0, 1.0])


def test_sources_as_tuple_keep_tuple(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    grads = g.gradient(y1, (a, b))
    assert isinstance(grads, tuple) and len(grads) == 2


def test_sources_as_dict(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    grads = g.gradient(y2, {"a": a, "b": b, "c": c})
    assert set(grads) == {"a", "b", "c"}
    assert grads["a"] is None and grads["b"] is None
    close(grads["c"], 6.0)


def test_sources_nested(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    grads = g.gradient([y1, y2], [a, (b, {"k": c})])
    assert isinstance(grads, list) and isinstance(grads[1], tuple) and isinstance(grads[1][1], dict)
    close(grads[0], 3.0)
    close(grads[1][0], [1.0, 1.0])
    close(grads[1][1]["k"], 6.0)


def test_gradient_shaped_like_source(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    da, db = g.gradient(y1, [a, b])
    assert da.shape == () and db.shape == (2,)
    assert da.dtype == tf.float32 and db.dtype == tf.float32


def test_nested_targets_give_gradient_of_sum(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    da, db, dc = g.gradient({"p": y1, "q": [y2, (y3,)]}, [a, b, c])
    close(da, 6.0)            # d(sum(a*b) + a*c)/da = 3 + 3
    close(db, [1.0, 1.0])
    close(dc, 7.0)            # 2c + a


def test_non_scalar_target_sums_its_elements():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.reshape(x, (3, 1)) * tf.constant([[1.0, 10.0]])  # shape (3, 2)
    close(g.gradient(y, x), [11.0, 11.0, 11.0])


def test_same_target_twice_counts_twice():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    close(g.gradient([y, y], x), [4.0, 8.0])


def test_same_source_twice():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    d1, d2 = g.gradient(y, [x, x])
    close(d1, [2.0, 4.0])
    close(d2, [2.0, 4.0])


def test_intermediate_tensor_as_source():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        h = x * 2.0
        y = h * h
    dh, dx = g.gradient(y, [h, x])
    close(dh, [4.0, 8.0])
    close(dx, [8.0, 16.0])


def test_output_gradients_seed_a_vjp(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    da, db = g.gradient(y1, [a, b], output_gradients=tf.constant([10.0, 100.0]))
    close(da, 210.0)
    close(db, [10.0, 100.0])


def test_output_gradients_for_several_targets(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    da, dc = g.gradient([y1, y2], [a, c],
                        output_gradients=[tf.constant([10.0, 100.0]), tf.constant(2.0)])
    close(da, 210.0)
    close(dc, 12.0)


def test_output_gradients_wrong_shape_raises():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    with pytest.raises(tf.errors.InvalidArgumentError):
        g.gradient(y, x, output_gradients=tf.constant([1.0, 2.0, 3.0]))


# -- unconnected gradients --------------------------------------------------------------------

def test_unconnected_source_gives_none_by_default(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    assert g.gradient(y2, [a, b]) == [None, None]


def test_unconnected_zero_enum(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    da, db = g.gradient(y2, [a, b], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    close(da, 0.0)
    close(db, [0.0, 0.0])
    assert db.shape == (2,) and db.dtype == tf.float32


def test_unconnected_none_enum(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    assert g.gradient(y2, a, unconnected_gradients=tf.UnconnectedGradients.NONE) is None


def test_unconnected_strings_none_and_zero(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    z = tf.constant(1.0)
    dc, dz = g.gradient(y2, [c, z], unconnected_gradients="zero")
    close(dc, 6.0)
    close(dz, 0.0)
    dc, dz = g.gradient(y2, [c, z], unconnected_gradients="none")
    close(dc, 6.0)
    assert dz is None


def test_unconnected_gradients_values():
    assert tf.UnconnectedGradients.NONE.value == "none"
    assert tf.UnconnectedGradients.ZERO.value == "zero"


def test_unconnected_bad_value_raises(abc_tape):
    g, (a, b, c), (y1, y2, y3) = abc_tape
    with pytest.raises(ValueError, match=re.escape("Unknown value for unconnected_gradients: 'foo'")):
        g.gradient(y2, c, unconnected_gradients="foo")


def test_unconnected_zero_for_variable_source():
    x = tf.constant([1.0, 2.0])
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * 2.0
    dv = g.gradient(y, v, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    close(dv, [0.0, 0.0])


# -- sources and targets of the wrong kind ----------------------------------------------------

def test_integer_source_gives_none():
    xi = tf.constant(3)
    with tf.GradientTape() as g:
        g.watch(xi)
        y = xi * xi
    assert g.gradient(y, xi) is None


def test_integer_source_zero_gives_integer_zeros():
    x = tf.constant(3.0)
    xi = tf.constant([1, 2])
    with tf.GradientTape() as g:
        g.watch([x, xi])
        y = x * x
    (dxi,) = g.gradient(y, [xi], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    assert dxi.dtype == tf.int32
    np.testing.assert_array_equal(dxi.numpy(), [0, 0])


def test_integer_variable_source_gives_none():
    vi = tf.Variable(3)
    with tf.GradientTape() as g:
        y = vi * vi
    assert g.gradient(y, vi) is None


@pytest.mark.parametrize("value", [
    ["a"],
    "a",
], ids=["vector", "scalar"])
def test_string_source_gives_none(value):
    xs = tf.constant(value)
    with tf.GradientTape() as g:
        g.watch(xs)
        y = xs + xs
    assert g.gradient(y, xs) is None


def test_integer_target_gives_none():
    a = tf.constant(1.0)
    with tf.GradientTape() as g:
        g.watch(a)
    assert g.gradient(tf.constant(3), a) is None


def test_target_none_raises_type_error():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        x * 2.0
    with pytest.raises(TypeError, match=re.escape(
            "Argument `target` should be a list or nested structure of Tensors, Variables or "
            "CompositeTensors to be differentiated, but received None.")):
        g.gradient(None, x)


def test_python_number_target_raises_attribute_error():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
    with pytest.raises(AttributeError, match="'float' object has no attribute 'dtype'"):
        g.gradient(3.0, x)


def test_source_none_raises_type_error():
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * 2.0
    msg = "Cannot convert the argument `type_value`: None to a TensorFlow DType."
    with pytest.raises(TypeError, match=re.escape(msg)):
        g.gradient(y, None)
    with pytest.raises(TypeError, match=re.escape(msg)):
        g.gradient(y, [x, None])
    del g


def test_target_is_source_gives_ones():
    x = tf.ones((2, 3))
    with tf.GradientTape() as g:
        g.watch(x)
    d = g.gradient(x, x)
    assert d.shape == (2, 3)
    close(d, np.ones((2, 3)))


def test_target_is_unwatched_source_gives_ones():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        pass
    close(g.gradient(x, x), 1.0)


def test_variable_target_is_source_gives_one():
    v = tf.Variable(3.0)
    with tf.GradientTape() as g:
        pass
    close(g.gradient(v, v), 1.0)


# -- gradient inside the context ---------------------------------------------------------------

def test_persistent_gradient_inside_context_is_recorded(monkeypatch, caplog):
    monkeypatch.setattr(tape_mod, "_warned_inside_context", [False])
    x = tf.constant(2.0)
    with caplog.at_level(logging.WARNING):
        with tf.GradientTape(persistent=True) as g:
            g.watch(x)
            y = x ** 3
            dy = g.gradient(y, x)
    close(dy, 12.0)
    close(g.gradient(dy, x), 12.0)   # d2/dx2 x^3 = 6x
    assert any(r.getMessage().startswith(
        "Calling GradientTape.gradient on a persistent tape inside its context is significantly "
        "less efficient") for r in caplog.records)
    del g


def test_non_persistent_gradient_inside_context_stops_recording():
    x = tf.constant(2.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x ** 3
        dy = g.gradient(y, x)
        with pytest.raises(ValueError, match=r"Tape is not recording\."):
            g.reset()
        with pytest.raises(RuntimeError, match=r"Trying to stop recording a tape which is not "
                                               r"recording\."):
            with g.stop_recording():
                pass
        with g:  # not active any more, so it can be entered again
            pass
    close(dy, 12.0)


# -- stop_recording / reset ---------------------------------------------------------------------

def test_stop_recording_ops_inside_give_none():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        with g.stop_recording():
            y = x * x
    assert g.gradient(y, x) is None


def test_stop_recording_resumes_afterwards():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        with g.stop_recording():
            y = x * x
        z = y * x   # y is a constant to the tape
    close(g.gradient(z, x), 9.0)


def test_stop_recording_hides_variable_reads():
    v = tf.Variable(3.0)
    with tf.GradientTape() as g:
        with g.stop_recording():
            y = v * v
        z = v * 2.0
    close(g.gradient([y, z], v), 2.0)


def test_stop_recording_outside_context_raises():
    g = tf.GradientTape()
    with pytest.raises(RuntimeError, match=re.escape(
            "Trying to stop recording a tape which is not recording.")):
        with g.stop_recording():
            pass


def test_reset_inside_context_drops_records():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        _ = x * x      # recorded, then dropped by reset()
        g.reset()
        z = x * x      # x is no longer watched
    assert g.gradient(z, x) is None


def test_reset_keeps_recording():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        x * x
        g.reset()
        g.watch(x)
        z = x * x * x
    close(g.gradient(z, x), 27.0)


def test_reset_forgets_watched_variables():
    v = tf.Variable(3.0)
    with tf.GradientTape() as g:
        v * 1.0
        g.reset()
        assert g.watched_variables() == ()


def test_reset_outside_context_raises():
    g = tf.GradientTape()
    with pytest.raises(ValueError, match=re.escape("Tape is not recording.")):
        g.reset()


# -- watched_variables ----------------------------------------------------------------------------

def test_watched_variables_in_creation_order():
    v1 = tf.Variable(1.0)
    v2 = tf.Variable(2.0, trainable=False)
    v3 = tf.Variable(3.0)
    with tf.GradientTape() as g:
        y = v3 * v1 * v2   # v3 read first
    watched = g.watched_variables()
    assert isinstance(watched, tuple)
    assert [id(v) for v in watched] == [id(v1), id(v3)]
    g.gradient(y, v1)
    assert [id(v) for v in g.watched_variables()] == [id(v1), id(v3)]


# -- entering and re-entering ---------------------------------------------------------------------

def test_reentering_active_tape_raises():
    with tf.GradientTape() as g:
        with pytest.raises(ValueError, match=re.escape(
                "Tape is still recording, This can happen if you try to re-enter an already-active "
                "tape.")):
            with g:
                pass


@pytest.mark.parametrize("persistent", [True, False])
def test_reentering_exited_tape_continues_recording(persistent):
    x = tf.constant(3.0)
    g = tf.GradientTape(persistent=persistent)
    with g:
        g.watch(x)
        y = x * x
    w = y * x          # between the two contexts: not recorded
    with g:
        z = y * x
    close(g.gradient(z, x), 27.0)
    del w


def test_reentering_non_persistent_tape_after_gradient_starts_afresh():
    x = tf.constant(3.0)
    g = tf.GradientTape()
    with g:
        g.watch(x)
        y = x * x
    g.gradient(y, x)
    with g:
        g.watch(x)
        y = x * x * x
    close(g.gradient(y, x), 27.0)


# -- higher order -----------------------------------------------------------------------------

def test_inner_gradient_recorded_by_outer_tape():
    x = tf.constant(3.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = x * x * x
        dy = inner.gradient(y, x)
    close(dy, 27.0)
    close(outer.gradient(dy, x), 18.0)


def test_nested_tapes_third_order():
    x = tf.constant(2.0)
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = tf.sin(x) * x
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    d3 = t3.gradient(d2, x)
    xv = 2.0
    # y = x sin x; y' = sin x + x cos x; y'' = 2cos x - x sin x; y''' = -3 sin x - x cos x
    np.testing.assert_allclose(val(d3), -3 * np.sin(xv) - xv * np.cos(xv), rtol=1e-5)


def test_nested_tapes_fourth_order():
    x = tf.constant(2.0)
    with tf.GradientTape() as t4:
        t4.watch(x)
        with tf.GradientTape() as t3:
            t3.watch(x)
            with tf.GradientTape() as t2:
                t2.watch(x)
                with tf.GradientTape() as t1:
                    t1.watch(x)
                    y = x ** 5
                d1 = t1.gradient(y, x)
            d2 = t2.gradient(d1, x)
        d3 = t3.gradient(d2, x)
    d4 = t4.gradient(d3, x)
    close(d1, 80.0)    # 5x^4
    close(d2, 160.0)   # 20x^3
    close(d3, 240.0)   # 60x^2
    close(d4, 240.0)   # 120x


def test_persistent_tape_second_order_by_gradient_of_gradient():
    v = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as g:
        y = v * v * v
        dy = g.gradient(y, v)
        d2 = g.gradient(dy, v)
    close(dy, 12.0)
    close(d2, 12.0)
    close(g.gradient(d2, v), 6.0)
    del g


# -- threads ----------------------------------------------------------------------------------

def test_tape_does_not_record_ops_run_on_another_thread():
    x = tf.constant(3.0)
    res = {}
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        th = threading.Thread(target=lambda: res.__setitem__("y", x * x))
        th.start()
        th.join()
        z = x * x
    assert g.gradient(res["y"], x) is None
    close(g.gradient(z, x), 6.0)
    del g


def test_tape_on_another_thread_ignores_this_threads_ops():
    x = tf.constant(3.0)
    entered, go = threading.Event(), threading.Event()
    out = {}

    def worker():
        with tf.GradientTape() as g2:
            g2.watch(x)
            entered.set()
            go.wait(5)
            w = x * 2.0
        out["g"] = g2.gradient([w, out["main"]], x)

    th = threading.Thread(target=worker)
    th.start()
    assert entered.wait(5)
    out["main"] = x * 5.0     # runs while the worker's tape is active
    go.set()
    th.join()
    close(out["g"], 2.0)


# -- common ways to lose the gradient -----------------------------------------------------------

def test_numpy_method_path_gives_none():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.constant(np.square(x.numpy()))
    assert g.gradient(y, x) is None


def test_numpy_function_path_gives_none():
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y1 = tf.convert_to_tensor(np.sin(x))
        y2 = tf.convert_to_tensor(np.square(x))
        assert not isinstance(np.sin(x), tf.Tensor)
    assert g.gradient(y1, x) is None
    assert g.gradient(y2, x) is None
    del g


def test_variable_reassigned_to_tensor_gives_none():
    x = tf.Variable(1.0)
    x = x + 1          # now a Tensor, not watched automatically
    assert isinstance(x, tf.Tensor)
    with tf.GradientTape() as g:
        y = x * x
    assert g.gradient(y, x) is None


def test_variable_reassigned_inside_tape_is_tracked_through():
    v = tf.Variable(1.0)
    x = v
    with tf.GradientTape() as g:
        for _ in range(2):
            x = x + 1
        y = x * x
    close(g.gradient(y, v), 6.0)


def test_assign_add_in_forward_pass_is_not_differentiable():
    x0 = tf.Variable(3.0)
    x1 = tf.Variable(0.0)
    with tf.GradientTape() as g:
        x1.assign_add(x0)
        y = x1 ** 2
    assert g.gradient(y, x0) is None


def test_assign_in_forward_pass_is_not_differentiable():
    x0 = tf.Variable(3.0)
    x1 = tf.Variable(0.0)
    with tf.GradientTape() as g:
        x1.assign(x0 * 2.0)
        y = x1 * 1.0
    dx0, dx1 = g.gradient(y, [x0, x1])
    assert dx0 is None
    close(dx1, 1.0)


def test_stop_gradient_blocks_one_path():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.stop_gradient(x) * x
    close(g.gradient(y, x), [1.0, 2.0])


def test_stop_gradient_blocks_everything():
    x = tf.constant(3.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.stop_gradient(x * x)
    assert g.gradient(y, x) is None


def _control_flow(x):
    if x > 1.0:
        r = x * x
    else:
        r = -x
    for _ in range(3):
        r = r * x
    while tf.abs(r) < 1000.0:
        r = r * 2.0
    return r


@pytest.mark.parametrize("xv, value, grad", [(2.0, 1024.0, 2560.0), (0.5, -1024.0, -8192.0)])
def test_python_control_flow(xv, value, grad):
    x = tf.constant(xv)
    with tf.GradientTape() as g:
        g.watch(x)
        y = _control_flow(x)
    close(y, value)
    close(g.gradient(y, x), grad)


# -- jacobian / batch_jacobian --------------------------------------------------------------------

def test_jacobian_shape_and_values():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.reshape(x * x, (3, 1)) * tf.constant([[1.0, 2.0]])
    j = g.jacobian(y, x)
    assert j.shape == (3, 2, 3)
    expected = np.zeros((3, 2, 3), np.float32)
    for i in range(3):
        expected[i, 0, i] = 2 * (i + 1)
        expected[i, 1, i] = 4 * (i + 1)
    close(j, expected)


def test_jacobian_nested_sources():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * x
    js = g.jacobian(y, [x, x])
    assert [j.shape for j in js] == [(2, 2), (2, 2)]
    jd = g.jacobian(y, {"a": x})
    close(jd["a"], [[2.0, 0.0], [0.0, 4.0]])
    del g


def test_jacobian_variable_source():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as g:
        y = v * v
    close(g.jacobian(y, v), [[2.0, 0.0], [0.0, 4.0]])


def test_jacobian_unconnected():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * 2.0
    assert g.jacobian(y, tf.constant(1.0)) is None
    jz = g.jacobian(y, tf.constant([1.0, 2.0]), unconnected_gradients="zero")
    assert jz.shape == (3, 2)
    close(jz, np.zeros((3, 2)))
    del g


def test_jacobian_without_pfor_needs_persistent_tape():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as g:
        g.watch(x)
        y = x * x
    with pytest.raises(RuntimeError, match=re.escape(
            "GradientTape must be created with persistent=True to compute the jacobian with eager "
            "execution enabled and with  experimental_use_pfor set to False.")):
        g.jacobian(y, x, experimental_use_pfor=False)


def test_jacobian_without_pfor_on_persistent_tape():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as g:
        g.watch(x)
        y = x * x
    close(g.jacobian(y, x, experimental_use_pfor=False), [[2.0, 0.0], [0.0, 4.0]])
    del g


@pytest.fixture
def batch_tape():
    xb = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape(persistent=True) as g:
        g.watch(xb)
        yb = tf.concat([xb * xb, xb[:, :1]], axis=1)   # (3, 3)
    yield g, xb, yb
    del g


def test_batch_jacobian_shape_and_values(batch_tape):
    g, xb, yb = batch_tape
    bj = g.batch_jacobian(yb, xb)
    assert bj.shape == (3, 3, 2)
    x = xb.numpy()
    expected = np.zeros((3, 3, 2), np.float32)
    for b in range(3):
        expected[b, 0, 0] = 2 * x[b, 0]
        expected[b, 1, 1] = 2 * x[b, 1]
        expected[b, 2, 0] = 1.0
    close(bj, expected)


def test_batch_jacobian_rank_error(batch_tape):
    g, xb, yb = batch_tape
    with pytest.raises(ValueError, match=re.escape("Shape (3,) must have rank at least 2")):
        g.batch_jacobian(tf.reduce_sum(yb, 1), xb)


def test_batch_jacobian_first_dimension_mismatch(batch_tape):
    g, xb, yb = batch_tape
    with pytest.raises(ValueError, match=re.escape(
            "Need first dimension of target shape ((2, 3)) and source shape ((3, 2)) to match.")):
        g.batch_jacobian(yb[:2], xb)


def test_batch_jacobian_unconnected_is_zeros(batch_tape):
    g, xb, yb = batch_tape
    bj = g.batch_jacobian(yb, tf.ones((3, 4)))
    assert bj.shape == (3, 3, 4)
    close(bj, np.zeros((3, 3, 4)))


def test_batch_jacobian_without_pfor_needs_persistent_tape():
    xb = tf.ones((2, 2))
    with tf.GradientTape() as g:
        g.watch(xb)
        yb = xb * xb
    with pytest.raises(RuntimeError, match=re.escape(
            "GradientTape must be created with persistent=True to compute the batch_jacobian with "
            "eager execution enabled and  with experimental_use_pfor set to False.")):
        g.batch_jacobian(yb, xb, experimental_use_pfor=False)


# -- variables read several times -----------------------------------------------------------------

def test_variable_gradient_sums_over_reads():
    v = tf.Variable(3.0)
    with tf.GradientTape() as g:
        y = v * v + v
    close(g.gradient(y, v), 7.0)


def test_variable_reads_use_value_at_read_time():
    v = tf.Variable(2.0)
    with tf.GradientTape() as g:
        r1 = v * 1.0     # 2
        v.assign(5.0)
        r2 = v * 1.0     # 5
        y = r1 * r2
    close(y, 10.0)
    close(g.gradient(y, v), 7.0)   # r2 + r1


# -- the backward pass is a loop ----------------------------------------------------------------

def test_long_multiply_chain_no_recursion_error():
    x = tf.constant(1.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x
        for _ in range(100_000):
            y = y * 1.0000001
    d = g.gradient(y, x)
    c = float(np.float32(1.0000001))
    np.testing.assert_allclose(val(d), c ** 100_000, rtol=1e-3)
    np.testing.assert_allclose(val(d), val(y), rtol=1e-5)   # x = 1, so dy/dx = y


def test_long_add_chain_no_recursion_error():
    x = tf.constant(2.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = tf.constant(0.0)
        for _ in range(100_000):
            y = y + x
    close(g.gradient(y, x), 100_000.0)


def _stack_depth():
    depth, f = 0, sys._getframe()
    while f is not None:
        depth, f = depth + 1, f.f_back
    return depth


def test_backward_pass_stack_depth_does_not_grow_with_chain_length():
    x = tf.constant(1.0)
    with tf.GradientTape() as g:
        g.watch(x)
        y = x
        for _ in range(5_000):
            y = y + tf.sin(x) * 0.001
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(_stack_depth() + 200)   # far below the chain length
    try:
        d = g.gradient(y, x)
    finally:
        sys.setrecursionlimit(old)
    np.testing.assert_allclose(val(d), 1.0 + 5.0 * np.cos(1.0), rtol=1e-4)


# -- memory ---------------------------------------------------------------------------------------

def _chain_forward(x, refs, n=50, first=None):
    """A chain of n recorded multiplies; weak references to the intermediates go into refs, and
    only the final output is returned (no strong reference to an intermediate survives)."""
    y = first(x) if first is not None else x * 1.0
    for _ in range(n):
        y = y * 1.5
        refs.append(weakref.ref(y))
    return y * 1.0


def _alive(refs):
    gc.collect()
    return sum(r() is not None for r in refs)


def test_non_persistent_tape_frees_intermediates_after_gradient():
    refs = []
    x = tf.constant(1.0)
    g = tf.GradientTape()
    with g:
        g.watch(x)
        out = _chain_forward(x, refs)
    assert _alive(refs) == len(refs)          # the tape holds them for the backward pass
    d = g.gradient(out, x)
    np.testing.assert_allclose(val(d), 1.5 ** 50, rtol=1e-4)
    assert _alive(refs) == 0                  # gone, though the tape and target still exist
    del g, out


def test_persistent_tape_keeps_intermediates_until_deleted():
    refs = []
    x = tf.constant(1.0)
    g = tf.GradientTape(persistent=True)
    with g:
        g.watch(x)
        out = _chain_forward(x, refs)
    g.gradient(out, x)
    assert _alive(refs) == len(refs)
    g.gradient(out, x)
    assert _alive(refs) == len(refs)
    del g
    assert _alive(refs) == 0


def test_non_persistent_tape_frees_intermediates_during_backward_pass():
    refs = []
    alive_at_first_op = []

    @tf.custom_gradient
    def probe(v):
        def grad(dy):          # runs last in the backward sweep
            alive_at_first_op.append(_alive(refs))
            return dy
        return tf.identity(v), grad

    x = tf.constant(1.0)
    g = tf.GradientTape()
    with g:
        g.watch(x)
        out = _chain_forward(x, refs, first=probe)
    d = g.gradient(out, x)
    np.testing.assert_allclose(val(d), 1.5 ** 50, rtol=1e-4)
    assert len(alive_at_first_op) == 1
    assert alive_at_first_op[0] <= 2, f"{alive_at_first_op[0]} of {len(refs)} still alive"
