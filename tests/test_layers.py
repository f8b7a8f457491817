"""Keras layers, initializers, activations, losses and metrics."""
import numpy as np
import pytest

import tapeflow as tf

L = tf.keras.layers


def test_dense_builds_on_first_call_with_keras_paths():
    d = L.Dense(3, activation="relu", name="dense_t")
    assert not d.built and d.trainable_variables == []
    y = d(np.ones((2, 4)))
    assert y.shape == (2, 3) and y.dtype == tf.float32
    assert [v.path for v in d.trainable_variables] == ["dense_t/kernel", "dense_t/bias"]
    assert isinstance(d, tf.Module)


def test_dense_gradient_matches_manual():
    d = L.Dense(2, kernel_initializer="ones", bias_initializer="zeros")
    x = tf.constant([[1.0, 2.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(d(x))
    gk, gb = tape.gradient(loss, d.trainable_variables)
    np.testing.assert_allclose(gk.numpy(), [[1.0, 1.0], [2.0, 2.0]])
    np.testing.assert_allclose(gb.numpy(), [1.0, 1.0])


def test_sequential_paths_and_training_flag():
    model = tf.keras.Sequential([L.Dense(4, name="a"), L.Dropout(0.5), L.Dense(1, name="b")],
                                name="seq_t")
    x = tf.ones((3, 2))
    assert model(x, training=False).shape == (3, 1)
    assert [v.path for v in model.trainable_variables] == [
        "seq_t/a/kernel", "seq_t/a/bias", "seq_t/b/kernel", "seq_t/b/bias"]


def test_sequential_with_input_shape_builds_at_once():
    model = tf.keras.Sequential([L.Dense(2, input_shape=(5,)), L.Dense(1)])
    assert len(model.trainable_variables) == 4


def test_dropout_scales_kept_units():
    y = L.Dropout(0.5)(tf.ones((100,)), training=True).numpy()
    assert set(np.unique(y)) <= {0.0, 2.0}
    assert np.all(L.Dropout(0.5)(tf.ones((4,))).numpy() == 1.0)


def test_flatten_embedding():
    assert L.Flatten()(tf.ones((2, 3, 4))).shape == (2, 12)
    e = L.Embedding(5, 3)
    assert e(tf.constant([[0, 4]])).shape == (1, 2, 3)


def test_layer_norm_zero_mean_unit_variance():
    y = L.LayerNormalization(epsilon=0.0)(tf.constant([[1.0, 2.0, 3.0, 6.0]])).numpy()
    assert abs(y.mean()) < 1e-6 and abs(y.var() - 1.0) < 1e-5


def test_batch_norm_moving_statistics():
    bn = L.BatchNormalization(momentum=0.5)
    x = tf.constant([[0.0], [2.0]])
    bn(x, training=True)
    np.testing.assert_allclose(bn.moving_mean.numpy(), [0.5])
    np.testing.assert_allclose(bn.moving_variance.numpy(), [1.0])
    assert [v.name for v in bn.non_trainable_weights] == ["moving_mean", "moving_variance"]


def test_initializers_and_activations():
    w = tf.keras.initializers.get("glorot_uniform")((10, 20))
    assert np.abs(w.numpy()).max() <= np.sqrt(6 / 30)
    assert tf.keras.initializers.get("he_normal")((3, 3)).dtype == tf.float32
    assert tf.keras.activations.get("relu")(tf.constant([-1.0])).numpy()[0] == 0.0
    with pytest.raises(ValueError):
        tf.keras.activations.get("nope")


def test_losses_reductions_and_forms():
    yt, yp = tf.constant([[0.0, 1.0], [1.0, 1.0]]), tf.constant([[1.0, 1.0], [1.0, 3.0]])
    assert float(tf.keras.losses.MeanSquaredError()(yt, yp)) == pytest.approx(1.25)
    assert float(tf.keras.losses.MeanSquaredError(reduction="sum")(yt, yp)) == pytest.approx(2.5)
    np.testing.assert_allclose(tf.keras.losses.mse(yt, yp).numpy(), [0.5, 2.0])
    logits = tf.constant([[2.0, 0.0, -1.0]])
    scce = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(tf.constant([0]),
                                                                          logits)
    cce = tf.keras.losses.CategoricalCrossentropy(from_logits=True)(tf.constant([[1.0, 0, 0]]),
                                                                    logits)
    assert float(scce) == pytest.approx(float(cce), rel=1e-6)
    bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)(tf.constant([[1.0]]),
                                                               tf.constant([[0.0]]))
    assert float(bce) == pytest.approx(np.log(2), rel=1e-6)


def test_metrics():
    m = tf.keras.metrics.Mean()
    m.update_state([1.0, 2.0, 3.0])
    assert float(m.result()) == 2.0
    acc = tf.keras.metrics.SparseCategoricalAccuracy()
    acc.update_state([0, 1], [[0.9, 0.1], [0.8, 0.2]])
    assert float(acc.result()) == 0.5
    acc.reset_state()
    assert float(acc.result()) == 0.0
