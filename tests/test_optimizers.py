"""Keras optimizers: update rules against closed forms, None gradients, clipping, schedules."""
import warnings

import numpy as np
import pytest

import tapeflow as tf

K = tf.keras.optimizers


def _run(opt, grads, init=(1.0, -2.0)):
    v = tf.Variable(list(init))
    for g in grads:
        opt.apply_gradients([(tf.constant(g), v)])
    return v.numpy()


def test_sgd_plain_and_momentum_closed_form():
    np.testing.assert_allclose(_run(K.SGD(0.1), [[1.0, 2.0]]), [0.9, -2.2], rtol=1e-6)
    # m1 = -lr g; m2 = mu m1 - lr g
    v = _run(K.SGD(0.1, momentum=0.5), [[1.0, 1.0], [1.0, 1.0]])
    np.testing.assert_allclose(v, np.array([1.0, -2.0]) - 0.1 - 0.15, rtol=1e-6)


def test_adam_first_step_is_lr_times_sign():
    v = _run(K.Adam(0.01), [[3.0, -0.5]])
    np.testing.assert_allclose(v, [0.99, -1.99], rtol=1e-5)


@pytest.mark.parametrize("cls", [K.SGD, K.Adam, K.AdamW, K.RMSprop, K.Adagrad, K.Adadelta,
                                 K.Adamax, K.Nadam])
def test_every_optimizer_decreases_a_quadratic(cls):
    v = tf.Variable([3.0, -2.0])
    opt = cls(learning_rate=0.1) if cls is not K.Adadelta else cls(learning_rate=1.0)
    for _ in range(50):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(v * v)
        opt.apply_gradients(zip(tape.gradient(loss, [v]), [v]))
    assert float(tf.reduce_sum(v * v)) < 13.0
    assert int(opt.iterations) == 50


def test_none_gradients_skipped_with_warning():
    a, b = tf.Variable(1.0), tf.Variable(1.0)
    opt = K.SGD(0.5)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        opt.apply_gradients([(tf.constant(1.0), a), (None, b)])
    assert (a.numpy(), b.numpy()) == (0.5, 1.0) and len(caught) == 1
    with pytest.raises(ValueError, match="No gradients"):
        opt.apply_gradients([(None, a)])


def test_minimize_with_tape_and_callable():
    v = tf.Variable(2.0)
    opt = K.SGD(0.25)
    with tf.GradientTape() as tape:
        loss = v * v
    opt.minimize(loss, [v], tape=tape)
    assert v.numpy() == 1.0
    opt.minimize(lambda: v * v, lambda: [v])
    assert v.numpy() == 0.5
    with pytest.raises(ValueError):
        opt.minimize(v * v, [v])


def test_clipping():
    v = tf.Variable([0.0, 0.0])
    K.SGD(1.0, clipnorm=1.0).apply_gradients([(tf.constant([3.0, 4.0]), v)])
    np.testing.assert_allclose(v.numpy(), [-0.6, -0.8], rtol=1e-6)
    w = tf.Variable([0.0, 0.0])
    K.SGD(1.0, clipvalue=0.5).apply_gradients([(tf.constant([3.0, -0.25]), w)])
    np.testing.assert_allclose(w.numpy(), [-0.5, 0.25])
    with pytest.raises(ValueError):
        K.SGD(0.1, clipnorm=1.0, global_clipnorm=1.0)


def test_schedules():
    s = K.schedules.ExponentialDecay(1.0, 2, 0.5)
    assert float(s(2)) == 0.5 and s(0).dtype == tf.float32
    p = K.schedules.PiecewiseConstantDecay([1, 3], [1.0, 0.5, 0.1])
    assert [float(p(k)) for k in range(5)] == pytest.approx([1.0, 1.0, 0.5, 0.5, 0.1])
    assert float(K.schedules.CosineDecay(1.0, 10)(10)) == pytest.approx(0.0, abs=1e-7)
    assert float(K.schedules.InverseTimeDecay(1.0, 1, 1.0)(1)) == 0.5
    opt = K.SGD(s)
    v = tf.Variable(0.0)
    for _ in range(3):
        opt.apply_gradients([(tf.constant(1.0), v)])
    np.testing.assert_allclose(v.numpy(), -(1 + 0.5 ** 0.5 + 0.5), rtol=1e-6)
    with pytest.raises(TypeError):
        opt.learning_rate = 0.1


def test_learning_rate_must_be_float():
    with pytest.raises(ValueError):
        K.Adam(learning_rate=1)


def test_slot_names_and_order():
    v = tf.Variable([1.0], name="w")
    opt = K.Adam(0.1, name="my_adam")
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert [x.name for x in opt.variables] == ["iteration", "learning_rate", "w_0_momentum",
                                               "w_0_velocity"]
    assert opt.variables[2].path == "my_adam/w_0_momentum"
    assert opt.iterations.dtype == tf.int64


def test_float64_variables_stay_float64():
    v = tf.Variable(np.array([1.0, 2.0]))
    K.Adam(0.1).apply_gradients([(tf.constant([1.0, 1.0], tf.float64), v)])
    assert v.dtype == tf.float64


def test_sparse_gradient_from_gather():
    table = tf.Variable([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.gather(table, [0, 2, 0]))
    K.SGD(0.5).apply_gradients(zip([tape.gradient(loss, table)], [table]))
    np.testing.assert_allclose(table.numpy(), [[0.0, 0.0], [2.0, 2.0], [2.5, 2.5]])
