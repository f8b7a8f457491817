"""Debugging tools: why a gradient is None (`explain`, every `NoneReason` through the mistakes TF
users report), where NaN and Inf come from (`enable_check_numerics` forward, `detect_anomaly`
backward), and pictures of a tape (`to_dot`, `plot`)."""
import logging
import os
import re
import shutil
import sys
import threading
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.autodiff import NoneReason
from tapeflow.framework.tape import GradientTape

HERE = os.path.abspath(__file__)


@pytest.fixture(autouse=True)
def _own_watch_warning_budget(monkeypatch):
    """Watching an integer tensor logs a warning at most 5 times per process (as TF): the tests
    here that do it spend a budget of their own, not the rest of the suite's."""
    import tapeflow.framework.tape as tape_module
    monkeypatch.setattr(tape_module, "_watch_warnings", [0])


def line_of(text):
    """The line number in this file of the first line containing `text` (after this one)."""
    with open(HERE) as f:
        lines = f.read().splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if text in line and "line_of(" not in line]
    assert hits, text
    return hits[0]


def assert_reason(e, reason, *words):
    assert e.connected is False
    assert e.reason is reason, (e.reason, e.message)
    assert str(e) == e.message
    for w in words:
        assert w in e.message, (w, e.message)


# ============================================================================================
# explain: one realistic mistake per reason
# ============================================================================================
def test_not_watched_constant_used_with_a_variable():
    w = tf.Variable(2.0)
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        y = w * x  # x is used here, never watched
    e = tape.explain(y, x)
    assert_reason(e, NoneReason.NOT_WATCHED, "`x`", "tape.watch(x)")
    assert e.location.endswith(":%d" % line_of("y = w * x  # x is used here"))
    assert tape.explain(y, w).connected


def test_not_watched_target_unrelated_constant_tf_issue_56968():
    ones = tf.ones([1, 8, 8, 1], tf.float32)
    with tf.GradientTape() as tape:
        class_channel = tf.constant([4.4328732], dtype=tf.float32)
        e = tape.explain(class_channel, ones)
    assert_reason(e, NoneReason.NOT_WATCHED, "`ones`", "tape.watch(ones)")


def test_not_watched_model_input_gradient():
    model = tf.keras.Sequential([tf.keras.layers.Dense(3)])
    images = tf.random.normal((2, 4))
    with tf.GradientTape() as tape:
        predictions = model(images)
        loss = tf.reduce_sum(predictions)
    assert tape.gradient(loss, images) is None
    e = tape.explain(loss, images)
    assert_reason(e, NoneReason.NOT_WATCHED, "`images`", "never watched")


def test_watched_after_use():
    x = tf.constant(4.0)
    with tf.GradientTape() as tape:
        y = x * x
        tape.watch(x)  # too late
    e = tape.explain(y, x)
    assert_reason(e, NoneReason.NOT_WATCHED, "after it was used")
    assert e.location.endswith(":%d" % line_of("tape.watch(x)  # too late"))


def test_not_trainable_variable():
    v = tf.Variable([1.0, 2.0], trainable=False)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(v * v)
    assert tape.gradient(loss, v) is None
    e = tape.explain(loss, v)
    assert_reason(e, NoneReason.NOT_TRAINABLE, "trainable=False", "tape.watch(v)")
    assert e.location.endswith(":%d" % line_of("loss = tf.reduce_sum(v * v)"))


def test_watch_accessed_variables_disabled():
    a = tf.Variable(1.0)
    b = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        tape.watch(b)
        out = a * 3.0 + b
    ea, eb = tape.explain(out, [a, b])
    assert_reason(ea, NoneReason.WATCH_DISABLED, "watch_accessed_variables=False", "tape.watch(a)")
    assert eb.connected and eb.reason is None


def test_integer_source():
    n = tf.constant(3)
    with tf.GradientTape() as tape:
        tape.watch(n)
        m = tf.cast(n, tf.float32) * 2.0
    assert_reason(tape.explain(m, n), NoneReason.INTEGER_DTYPE, "int32", "tf.float32")


def test_integer_target():
    f = tf.Variable(2.5)
    with tf.GradientTape() as tape:
        t = tf.cast(f * 2.0, tf.int32)
    assert_reason(tape.explain(t, f), NoneReason.INTEGER_DTYPE, "`t`", "int32")


def test_left_tape_numpy_in_the_middle_tf_issue_31919():
    # the GAN snippet: the generator's output goes through .numpy() into the discriminator
    g_w = tf.Variable([[0.5, -0.2], [0.1, 0.3]])
    d_w = tf.Variable([[1.0], [2.0]])
    gen_input = tf.constant([[1.0, 2.0]])
    with tf.GradientTape() as tape:
        g_fake_data = tf.matmul(gen_input, g_w)
        moments = np.mean(g_fake_data.numpy().T, axis=1).reshape((1, 2))
        dg_fake_decision = tf.matmul(tf.constant(moments), d_w)
        g_error = tf.reduce_mean(tf.square(dg_fake_decision - 1.0))
    e_g, e_d = tape.explain(g_error, [g_w, d_w])
    assert_reason(e_g, NoneReason.LEFT_TAPE, "`g_fake_data`", "NumPy")
    assert e_g.location.endswith(":%d" % line_of("moments = np.mean(g_fake_data.numpy()"))
    assert e_d.connected


def test_left_tape_float_per_example_tf_issue_30190():
    w = tf.Variable([1.0, -1.0])
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        y_ = tf.linalg.matvec(x, w)
        losses = []
        for i in range(2):
            losses.append(float(tf.square(y_[i])))
        loss = tf.convert_to_tensor(np.std(losses), dtype=np.float32)
    assert tape.gradient(loss, w) is None
    assert_reason(tape.explain(loss, w), NoneReason.LEFT_TAPE, "float()")


def test_left_tape_numpy_function_on_a_tensor():
    xx = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        h = xx * 2.0
        z = np.square(h)
        loss = tf.reduce_sum(tf.constant(z))
    e = tape.explain(loss, xx)
    assert_reason(e, NoneReason.LEFT_TAPE, "np.square")


def test_left_tape_variable_numpy():
    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.constant(w.numpy()) * 2.0)
    assert_reason(tape.explain(loss, w), NoneReason.LEFT_TAPE, "w.numpy()")


def test_recorded_outside_target_after_the_block():
    w = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        pred = w * 2.0
    loss = pred * pred  # outside the block
    e = tape.explain(loss, w)
    assert_reason(e, NoneReason.RECORDED_OUTSIDE, "`loss`", "outside the `with tf.GradientTape()`")
    assert e.location.endswith(":%d" % line_of("loss = pred * pred  # outside the block"))


def test_recorded_outside_target_before_the_tape():
    w = tf.Variable(3.0)
    early = w * w
    with tf.GradientTape() as tape:
        pass
    assert_reason(tape.explain(early, w), NoneReason.RECORDED_OUTSIDE, "`early`")


def test_recorded_outside_stop_recording():
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        with tape.stop_recording():
            h = x * 2.0
        y = h * h
    e = tape.explain(y, x)
    assert_reason(e, NoneReason.RECORDED_OUTSIDE, "stop_recording()")
    assert e.location.endswith(":%d" % line_of("with tape.stop_recording():"))


def test_stop_gradient_on_every_path():
    s = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(s)
        q = tf.stop_gradient(s * 2.0)
        r = tf.reduce_sum(q * q)
    e = tape.explain(r, s)
    assert_reason(e, NoneReason.STOP_GRADIENT, "tf.stop_gradient")
    assert e.location.endswith(":%d" % line_of("q = tf.stop_gradient(s * 2.0)"))


def test_stop_gradient_on_one_path_only_is_connected():
    s = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(s)
        r = tf.stop_gradient(s) * s
    assert tape.explain(r, s).connected


def test_non_differentiable_argmax_accuracy_loss():
    w = tf.Variable([[1.0, 2.0], [3.0, 0.5]])
    labels = tf.constant([1, 0], tf.int64)
    with tf.GradientTape() as tape:
        logits = tf.matmul(tf.eye(2), w)
        predicted = tf.argmax(logits, axis=1)
        loss = 1.0 - tf.reduce_mean(tf.cast(tf.equal(predicted, labels), tf.float32))
    assert tape.gradient(loss, w) is None
    e = tape.explain(loss, w)
    assert_reason(e, NoneReason.NON_DIFFERENTIABLE, "tf.argmax", "softmax")
    assert e.location.endswith(":%d" % line_of("predicted = tf.argmax(logits, axis=1)"))


def test_non_differentiable_round():
    w = tf.Variable([0.3, 1.7])
    with tf.GradientTape() as tape:
        q = tf.round(w * 4.0) / 4.0
        loss = tf.reduce_sum(q)
    assert_reason(tape.explain(loss, w), NoneReason.NON_DIFFERENTIABLE, "tf.round",
                  "tf.stop_gradient(tf.round(x) - x)")


def test_non_differentiable_cast_to_integer():
    w = tf.Variable([0.3, 1.7])
    with tf.GradientTape() as tape:
        bins = tf.cast(w * 10.0, tf.int32)
        loss = tf.reduce_sum(tf.cast(bins, tf.float32))
    assert_reason(tape.explain(loss, w), NoneReason.NON_DIFFERENTIABLE, "tf.cast to int32")


def test_non_differentiable_comparison():
    x = tf.constant([0.5, -1.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(tf.cast(x > 0.0, tf.float32))
    assert_reason(tape.explain(loss, x), NoneReason.NON_DIFFERENTIABLE, "tf.greater")


def test_not_the_source_variable_rebound_by_an_update():
    w = tf.Variable(5.0)
    grads = []
    for _ in range(2):
        with tf.GradientTape() as tape:
            loss = w * w
        g = tape.gradient(loss, w)
        grads.append(g)
        if g is None:
            break
        w = w - 0.1 * g  # rebinds w to a tf.Tensor
    assert grads[0] is not None and grads[1] is None
    e = tape.explain(loss, w)
    assert_reason(e, NoneReason.NOT_THE_SOURCE, "`w = w - 0.1 * g`", "w.assign_sub(0.1 * g)")
    assert e.location.endswith(":%d" % line_of("w = w - 0.1 * g  # rebinds"))


def test_not_the_source_fresh_copy():
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * x)
    copy = tf.constant(x.numpy())
    e = tape.explain(y, copy)
    assert_reason(e, NoneReason.NOT_THE_SOURCE, "`copy`", "`x`")
    assert tape.explain(y, x).connected


def test_not_the_source_cloned_variable():
    w = tf.Variable([1.5, -2.5])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(w * w)
    clone = tf.Variable(w.numpy())
    assert_reason(tape.explain(loss, clone), NoneReason.NOT_THE_SOURCE, "`clone`", "`w`")


def test_not_connected_unused_variable():
    u = tf.Variable(1.0)
    k = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        lu = u * 3.0
        lk = k * 2.0
    del lk
    assert_reason(tape.explain(lu, k), NoneReason.NOT_CONNECTED, "`lu`",
                  "UnconnectedGradients.ZERO")


def test_not_connected_variable_never_read():
    a = tf.Variable(1.0)
    b = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = a * 2.0
    assert_reason(tape.explain(y, b), NoneReason.NOT_CONNECTED, "never read")


# -- the API -----------------------------------------------------------------------------------
def test_explain_follows_the_structure_of_sources():
    a, b = tf.Variable(1.0), tf.Variable(2.0, trainable=False)
    x = tf.constant(1.0)
    with tf.GradientTape(persistent=True) as tape:
        y = a * b * x
    out = tape.explain(y, {"a": a, "pair": (b, [x])})
    assert set(out) == {"a", "pair"}
    assert out["a"].connected
    assert out["pair"][0].reason is NoneReason.NOT_TRAINABLE
    assert out["pair"][1][0].reason is NoneReason.NOT_WATCHED
    same = tf.autodiff.explain(tape, y, [a, b])
    assert [e.reason for e in same] == [None, NoneReason.NOT_TRAINABLE]
    assert isinstance(same[0], tf.autodiff.GradientExplanation)
    assert "connected" in repr(same[0]) and "NOT_TRAINABLE" in repr(same[1])


def test_explain_agrees_with_gradient_on_many_sources():
    w = tf.Variable([1.0, 2.0])
    frozen = tf.Variable(1.0, trainable=False)
    n = tf.constant(2)
    c = tf.constant(1.5)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([n, c])
        y = tf.reduce_sum(w * frozen) + tf.stop_gradient(c)
    sources = [w, frozen, n, c]
    grads = tape.gradient(y, sources)
    for g, e in zip(grads, tape.explain(y, sources)):
        assert (g is not None) == e.connected


def test_explain_rejects_what_gradient_rejects():
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * 2.0
    with pytest.raises(TypeError):
        tape.explain(None, x)
    with pytest.raises(AttributeError):
        tape.explain(y, [1.0])


def test_explain_after_gradient_of_a_non_persistent_tape_every_gradient_none():
    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.cast(tf.argmax(w * 2.0), tf.float32))
    assert tape.gradient(loss, w) is None
    assert_reason(tape.explain(loss, w), NoneReason.NON_DIFFERENTIABLE, "tf.argmax")
    with pytest.raises(RuntimeError):
        tape.gradient(loss, w)


def test_explain_after_gradient_of_a_non_persistent_tape_some_gradients_none():
    p1, p2, p3 = tf.Variable(1.0), tf.Variable(2.0), tf.Variable(3.0, trainable=False)
    with tf.GradientTape() as tape:
        lp = p1 * 2.0 + tf.stop_gradient(p2 * 3.0) + p3
    g1, g2, g3 = tape.gradient(lp, [p1, p2, p3])
    assert g1 is not None and g2 is None and g3 is None
    e1, e2, e3 = tape.explain(lp, [p1, p2, p3])
    assert e1.connected
    assert_reason(e2, NoneReason.STOP_GRADIENT, "tf.stop_gradient")
    assert_reason(e3, NoneReason.NOT_TRAINABLE)
    with pytest.raises(RuntimeError, match="records were freed"):
        tape.explain(lp, tf.Variable(1.0))


def test_non_persistent_tape_still_frees_its_records():
    import gc
    import weakref
    x = tf.constant(1.0)
    refs = []
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * 1.0
        for _ in range(20):
            y = y * 1.5
            refs.append(weakref.ref(y))
        mask = tf.cast(y > 0.0, tf.float32)  # an integer-valued cut, kept apart
        y = y * mask
    assert tape.gradient(y, x) is not None
    gc.collect()
    assert sum(r() is not None for r in refs) == 0
    assert tape._cuts is None


def test_integer_ops_do_not_change_gradients():
    x = tf.constant([-1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.where(x > 0.0, x * x, 0.1 * x)
        idx = tf.argmax(y)
        z = tf.reduce_sum(y) + tf.cast(idx, tf.float32) + tf.gather(y, idx)
    np.testing.assert_allclose(tape.gradient(z, x).numpy(), [0.1, 4.0, 12.0])
    np.testing.assert_allclose(tape.jacobian(y, x).numpy(), np.diag([0.1, 4.0, 6.0]))


def test_set_explain_none_logs_one_warning_per_none_source(caplog):
    a = tf.Variable(1.0)
    b = tf.Variable(2.0, trainable=False)
    c = tf.constant(3.0)
    tf.autodiff.set_explain_none(True)
    try:
        with caplog.at_level(logging.WARNING, logger="tapeflow"):
            with tf.GradientTape() as tape:
                y = a * b * c
            grads = tape.gradient(y, [a, b, c])
            assert grads[0] is not None and grads[1] is None and grads[2] is None
            warnings = [r.getMessage() for r in caplog.records if r.name == "tapeflow"]
            assert len(warnings) == 2
            assert "`b`" in warnings[0] and "trainable=False" in warnings[0]
            assert "`c`" in warnings[1] and "never watched" in warnings[1]
            caplog.clear()
            with tf.GradientTape() as tape:
                y = a * b * c
            tape.gradient(y, [a, b], unconnected_gradients=tf.UnconnectedGradients.ZERO)
            with tf.GradientTape() as tape:
                y = a * 2.0
            tape.gradient(y, a)
            assert not [r for r in caplog.records if r.name == "tapeflow"]
    finally:
        tf.autodiff.set_explain_none(False)
    assert GradientTape._debug is None
    with caplog.at_level(logging.WARNING, logger="tapeflow"):
        with tf.GradientTape() as tape:
            y = a * c
        assert tape.gradient(y, c) is None
        assert not [r for r in caplog.records if r.name == "tapeflow"]


def test_set_explain_none_keeps_freeing_records():
    import gc
    import weakref
    x = tf.constant(1.0)
    refs = []
    tf.autodiff.set_explain_none(True)
    try:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x * 2.0
            refs.append(weakref.ref(y))
            y = y * y
        assert tape.gradient(y, x) is not None
    finally:
        tf.autodiff.set_explain_none(False)
    gc.collect()
    assert refs[0]() is None
    assert tape.explain(y, x).connected


def test_nothing_recorded_or_checked_when_debugging_is_off():
    assert GradientTape._debug is None
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.sin(x) * x
    assert all(n.stack is None for n in tape._nodes)
    assert tape._left is None and tape._stops is None and tape._unwatched_reads is None
    assert tape.gradient(y, x) is not None


# ============================================================================================
# NaN and Inf: forward (enable_check_numerics) and backward (detect_anomaly)
# ============================================================================================
def test_enable_check_numerics_names_the_op_inputs_and_the_users_line():
    tf.debugging.enable_check_numerics()
    try:
        x = tf.constant([0.0, 1.0])
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            tf.math.log(x)  # -inf at 0
    finally:
        tf.debugging.disable_check_numerics()
    msg = str(info.value)
    assert 'eagerly-executing op "Log" (# of outputs: 1)' in msg
    assert "Input tensor: tf.Tensor([0. 1.], shape=(2,), dtype=float32)" in msg
    assert "# of -Inf elements: 1" in msg and "Tensor had -Inf values" in msg
    assert "(L%d)" % line_of("tf.math.log(x)  # -inf at 0") in msg
    assert "tf.math.log(x)  # -inf at 0" in msg
    assert tf.math.log(tf.constant(0.0)).numpy() == -np.inf  # off again


def _zero_norm_direction():
    v = tf.constant([0.0, 0.0])
    return v / tf.norm(v)


def _softmax_by_hand():
    e = tf.exp(tf.constant([100.0, 1.0]))
    return e / tf.reduce_sum(e)


@pytest.mark.parametrize("fn, op, marker", [
    (lambda: tf.math.log(tf.constant([0.0])), "Log", "lambda: tf.math.log(tf.constant([0.0]))"),
    (_zero_norm_direction, "RealDiv", "return v / tf.norm(v)"),
    (_softmax_by_hand, "Exp", "e = tf.exp(tf.constant([100.0, 1.0]))"),
])
def test_enable_check_numerics_forward_cases(fn, op, marker):
    tf.debugging.enable_check_numerics()
    try:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            fn()
    finally:
        tf.debugging.disable_check_numerics()
    assert 'eagerly-executing op "%s"' % op in str(info.value)
    assert "(L%d)" % line_of(marker) in str(info.value)


def test_enable_check_numerics_is_per_thread():
    tf.debugging.enable_check_numerics()
    results = []
    try:
        t = threading.Thread(target=lambda: results.append(tf.math.log(tf.constant(0.0)).numpy()))
        t.start()
        t.join()
        with pytest.raises(tf.errors.InvalidArgumentError):
            tf.math.log(tf.constant(0.0))
    finally:
        tf.debugging.disable_check_numerics()
    assert results == [-np.inf]


def test_check_numerics_catches_a_bad_backward_op():
    tf.debugging.enable_check_numerics()
    try:
        x = tf.constant([0.0, 4.0])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(tf.sqrt(x))
        with pytest.raises(tf.errors.InvalidArgumentError, match='op "SqrtGrad"'):
            tape.gradient(y, x)
    finally:
        tf.debugging.disable_check_numerics()


def _anomaly(fn):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        with tf.autodiff.detect_anomaly():
            fn()
    e = info.value
    assert isinstance(e.forward_stack, list) and e.forward_stack
    assert all(hasattr(f, "lineno") and hasattr(f, "filename") for f in e.forward_stack)
    return e


def test_anomaly_sqrt_at_zero_in_the_backward():
    def run():
        x = tf.constant([0.0, 4.0])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.sqrt(x)  # finite, but its derivative at 0 is not
            loss = tf.reduce_sum(y)
        tape.gradient(loss, x)
    e = _anomaly(run)
    assert e.op_type == "Sqrt"
    assert e.forward_stack[-1].lineno == line_of("y = tf.sqrt(x)  # finite")
    msg = str(e)
    assert 'op "Sqrt"' in msg and "+Inf" in msg and "float32[2]" in msg
    assert "the gradient went bad" in msg
    assert ":%d" % line_of("y = tf.sqrt(x)  # finite") in msg


def test_anomaly_log_of_zero():
    def run():
        x = tf.constant([0.0, 2.0])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.math.log(x)  # -inf at 0
            loss = tf.reduce_sum(y * 0.0)
        tape.gradient(loss, x)
    e = _anomaly(run)
    assert e.op_type == "Log"
    assert e.forward_stack[-1].lineno == line_of("y = tf.math.log(x)  # -inf at 0")
    assert "The forward value went bad: Log produced -Inf from finite inputs" in str(e)


def test_anomaly_division_by_a_zero_norm():
    def run():
        v = tf.Variable([0.0, 0.0, 0.0])
        with tf.GradientTape() as tape:
            unit = v / tf.norm(v)  # 0 / 0
            loss = tf.reduce_sum(unit)
        tape.gradient(loss, v)
    e = _anomaly(run)
    assert e.op_type == "RealDiv"
    assert e.forward_stack[-1].lineno == line_of("unit = v / tf.norm(v)  # 0 / 0")
    assert "inputs float32[3], float32[]" in str(e)
    assert "RealDiv produced NaN from finite inputs" in str(e)


def test_anomaly_softmax_overflow_traced_to_the_exp():
    logits = tf.Variable([100.0, 1.0])
    tf.autodiff.detect_anomaly(True)
    try:
        with tf.GradientTape() as tape:
            e = tf.exp(logits)  # overflows float32
            probs = e / tf.reduce_sum(e)
            loss = -tf.math.log(probs[0])
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            tape.gradient(loss, logits)
    finally:
        tf.autodiff.detect_anomaly(False)
    msg = str(info.value)
    assert info.value.op_type == "Log"
    assert "Exp produced +Inf from finite inputs" in msg
    assert ":%d" % line_of("e = tf.exp(logits)  # overflows float32") in msg
    assert GradientTape._debug is None


def test_anomaly_in_jacobian_and_with_a_late_switch():
    x = tf.constant([0.0, 1.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.sqrt(x)
    with tf.autodiff.detect_anomaly():
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            tape.jacobian(y, x)
        assert info.value.op_type == "Sqrt"
        assert info.value.forward_stack == []  # recorded before detection was on
        assert "No forward stack" in str(info.value)


def test_anomaly_is_silent_for_finite_gradients_and_bad_seeds():
    with tf.autodiff.detect_anomaly():
        x = tf.constant([1.0, 4.0])
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            y = tf.sqrt(x)
            s = tf.reduce_sum(y)
        np.testing.assert_allclose(tape.gradient(s, x).numpy(), [0.5, 0.25])
        g = tape.gradient(y, x, output_gradients=tf.constant([np.nan, 1.0]))  # NaN given, not made
        assert np.isnan(g.numpy()[0])
    assert tf.autodiff.detect_anomaly().__enter__ is not None


def test_anomaly_nests_with_a_second_order_tape():
    x = tf.constant(2.0)
    with tf.autodiff.detect_anomaly():
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = x * x * x
            dy = inner.gradient(y, x)
        np.testing.assert_allclose(outer.gradient(dy, x).numpy(), 12.0)


# ============================================================================================
# Pictures
# ============================================================================================
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|->|[{}\[\];,=]|[A-Za-z0-9_.#]+')


def parse_dot(text):
    """A small DOT reader for what to_dot writes: {node: attrs}, [(src, dst, attrs)]."""
    toks = _TOKEN.findall(text)
    assert toks[0] == "digraph" and toks[2] == "{" and toks[-1] == "}", toks[:3]
    toks = toks[3:-1]
    nodes, edges = {}, []
    i = 0

    def value(t):
        return t[1:-1].replace('\\"', '"').replace("\\n", "\n") if t.startswith('"') else t

    def attrs(j):
        out = {}
        if j < len(toks) and toks[j] == "[":
            j += 1
            while toks[j] != "]":
                key, eq, val = toks[j], toks[j + 1], toks[j + 2]
                assert eq == "=", toks[j:j + 3]
                out[key] = value(val)
                j += 3
                if toks[j] == ",":
                    j += 1
            j += 1
        return out, j

    while i < len(toks):
        name = toks[i]
        if i + 1 < len(toks) and toks[i + 1] == "=":  # a graph attribute
            i += 3
        elif i + 1 < len(toks) and toks[i + 1] == "->":
            dst = toks[i + 2]
            a, i = attrs(i + 3)
            edges.append((name, dst, a))
        else:
            a, i = attrs(i + 1)
            if name not in ("node", "edge"):
                nodes[name] = a
        assert toks[i] == ";", toks[i:i + 3]
        i += 1
    return nodes, edges


def small_tape():
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    b = tf.Variable([0.5, 0.5], name="b")
    unused = tf.constant([1.0, 2.0])
    x = tf.constant([[1.0, 1.0]])
    with tf.GradientTape(persistent=True) as tape:
        h = tf.matmul(x, w) + b
        side = tf.reduce_sum(b * 3.0)
        loss = tf.reduce_sum(tf.nn.relu(h))
        tf.argmax(h, axis=1)
    return tape, loss, [w, b, unused], side


def test_to_dot_marks_sources_target_and_off_path_ops():
    tape, loss, sources, _ = small_tape()
    nodes, edges = parse_dot(tape.to_dot(loss, sources))
    labels = {k: v.get("label", "") for k, v in nodes.items()}
    ops = [k for k in nodes if k.startswith("op")]
    # 2 reads (b's two implicit reads under one tape are one recorded read, issue 9), MatMul,
    # AddV2, Mul, 2 Sums, Relu, ArgMax
    assert len(ops) == 9
    assert labels["src0"].startswith("w:0\nfloat32[2, 2]")  # its name: not in this frame
    assert "gradient None: NOT_WATCHED" in labels["src2"]
    assert nodes["src2"]["fillcolor"] == "#ffd6d6"
    target = [k for k in ops if "(target)" in labels[k]]
    assert len(target) == 1 and labels[target[0]].startswith("Sum\nfloat32[]")
    greyed = {labels[k].split("\n")[0] for k in ops if nodes[k].get("color") == "#bbbbbb"}
    assert greyed == {"Mul", "Sum", "ArgMax"}  # (b's one read is on the path)
    argmax = next(k for k in ops if labels[k].startswith("ArgMax"))
    assert "(no gradient)" in labels[argmax] and "dashed" in nodes[argmax]["style"]
    assert ("src0", "op0") in [(a, b) for a, b, _ in edges]
    assert all(a in nodes and b in nodes for a, b, _ in edges)


def test_to_dot_collapses_a_long_chain_and_caps_nodes():
    c = tf.constant(1.0001)
    with tf.GradientTape() as tape:
        tape.watch(c)
        y = c
        for _ in range(1000):
            y = y * c
    nodes, edges = parse_dot(tape.to_dot(y, c))
    ops = {k: v for k, v in nodes.items() if k.startswith("op")}
    assert len(ops) == 1 and ops["op0"]["label"].startswith("Mul \u00d7 1000")
    assert [e[2].get("label") for e in edges] == ["\u00d71001"]
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        parts = [tf.sin(x) + float(i) for i in range(400)]  # 800 distinct ops
        total = tf.add_n(parts)
    from tapeflow.debugging._viz import tape_to_dot
    nodes, _ = parse_dot(tape_to_dot(tape, total, x, max_nodes=100))
    assert len([k for k in nodes if k.startswith("op")]) == 100
    assert "more ops not shown" in nodes["note"]["label"]


def test_plot_writes_dot_and_svg(tmp_path):
    tape, loss, sources, _ = small_tape()
    out = tf.autodiff.plot(tape, tmp_path / "tape.dot", loss, sources)
    assert parse_dot(open(out).read())[0]
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot program is not installed: the SVG rendering is not checked")
    svg = tf.autodiff.plot(tape, str(tmp_path / "tape.svg"), loss, sources)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "MatMul" in texts and "NOT_WATCHED" in texts


def test_plot_without_graphviz_writes_the_dot_file_and_says_how(tmp_path, monkeypatch):
    tape, loss, sources, _ = small_tape()
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt-get install graphviz") as info:
        tf.autodiff.plot(tape, str(tmp_path / "pic.png"), loss, sources)
    assert "pic.dot" in str(info.value)
    assert parse_dot((tmp_path / "pic.dot").read_text())[0]
    with pytest.raises(ValueError):
        tf.autodiff.plot(tape, str(tmp_path / "pic.jpeg"))


def test_plot_keras_model_and_graph_like_objects(tmp_path):
    model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu"),
                                 tf.keras.layers.Dense(1)])
    model(tf.ones((2, 3)))
    nodes, edges = parse_dot(open(tf.autodiff.plot(model, tmp_path / "m.dot")).read())
    assert "params: 16" in nodes["layer0"]["label"] and "params: 5" in nodes["layer1"]["label"]
    assert [(a, b) for a, b, _ in edges] == [("layer0", "layer1")]
    inp = tf.keras.Input((3,), name="features")
    out = tf.keras.layers.Add(name="sum")([tf.keras.layers.Dense(4, name="left")(inp),
                                 tf.keras.layers.Dense(4, name="right")(inp)])
    nodes, edges = parse_dot(tf.autodiff.plot(tf.keras.Model(inp, out), tmp_path / "f.dot")
                             and open(tmp_path / "f.dot").read())
    names = {k: v["label"].split("\n")[0] for k, v in nodes.items() if k.startswith("layer")}
    pairs = sorted((names[a], names[b]) for a, b, _ in edges)
    assert pairs == [("features", "left"), ("features", "right"), ("left", "sum"),
                     ("right", "sum")]

    class T:
        def __init__(self, op, shape):
            self.op, self.shape, self.dtype = op, tf.TensorShape(shape), tf.float32

    class Op:
        def __init__(self, name, type_, inputs):
            self.name, self.type, self.inputs = name, type_, inputs
            self.outputs = [T(self, [2])]

    a = Op("x", "Placeholder", [])
    b = Op("mul", "Mul", [a.outputs[0], a.outputs[0]])

    class Graph:
        def get_operations(self):
            return [a, b]

    class ConcreteFunction:
        graph = Graph()

    text = tf.autodiff.plot(ConcreteFunction(), tmp_path / "g.dot")
    nodes, edges = parse_dot(open(text).read())
    assert nodes["op1"]["label"] == "mul\nMul\nfloat32[2]"
    assert [(a_, b_) for a_, b_, _ in edges] == [("op0", "op1"), ("op0", "op1")]
    with pytest.raises(TypeError):
        tf.autodiff.plot(object(), tmp_path / "x.dot")


def test_to_dot_on_a_consumed_tape_raises():
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match="freed"):
        tape.to_dot(y, x)


def test_example_script_runs(tmp_path):
    import subprocess
    root = os.path.dirname(os.path.dirname(HERE))
    env = dict(os.environ, PYTHONPATH=root)
    out = subprocess.run([sys.executable, os.path.join(root, "examples", "debugging.py"),
                          str(tmp_path)], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "NOT_WATCHED" in out.stdout and "Sqrt" in out.stdout
    assert (tmp_path / "tape.dot").exists()


@pytest.mark.parametrize("module", [
    "tapeflow.debugging", "tapeflow.debugging._checks", "tapeflow.debugging._numerics",
    "tapeflow.debugging._explain", "tapeflow.debugging._hooks", "tapeflow.debugging._viz",
    "tapeflow.debugging._v1", "tapeflow.debugging._placement", "tapeflow.debugging.experimental",
    "tapeflow.autodiff",
    "tapeflow.framework.tape"])
def test_docstring_examples(module):
    import doctest
    import importlib
    result = doctest.testmod(importlib.import_module(module), extraglobs={"tf": tf, "np": np},
                             optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_what_tapeflow_leaves_out_says_so():
    assert tf.debugging.is_traceback_filtering_enabled() is False
    assert tf.debugging.disable_traceback_filtering() is None
    with pytest.raises(NotImplementedError, match="enable_traceback_filtering"):
        tf.debugging.enable_traceback_filtering()
    with pytest.raises(NotImplementedError, match="enable_dump_debug_info"):
        tf.debugging.experimental.enable_dump_debug_info("/tmp/x")


def test_explain_after_jacobian_of_a_non_persistent_tape_raises():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.jacobian(y, x)
    with pytest.raises(RuntimeError, match="persistent=True"):
        tape.explain(y, x)


def test_compat_v1_checks_load_on_first_use():
    assert "assert_equal" in dir(tf.compat.v1) and "debugging" in dir(tf.compat.v1)
    assert tf.compat.v1.assert_equal is tf.compat.v1.debugging.assert_equal
    assert tf.compat.v1.verify_tensor_all_finite(tf.constant([1.0]), "ok").numpy()[0] == 1.0
    with pytest.raises(AttributeError):
        _ = tf.compat.v1.no_such_name
    assert "explain" in tf.autodiff.__all__ and "NoneReason" in dir(tf.autodiff)


def test_plot_a_concrete_function(tmp_path):
    @tf.function
    def f(x):
        return tf.sin(x) * x + 1.0
    try:
        cf = f.get_concrete_function(tf.TensorSpec([3], tf.float32))
    except NotImplementedError:
        pytest.skip("graph mode is not available")
    nodes, edges = parse_dot(open(tf.autodiff.plot(cf, tmp_path / "cf.dot")).read())
    types = {v["label"].split("\n")[1] for k, v in nodes.items() if k.startswith("op")}
    assert {"Placeholder", "Sin", "Mul", "AddV2"} <= types
    assert len(edges) >= 5
