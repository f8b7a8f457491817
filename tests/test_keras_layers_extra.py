"""The Keras layers beyond core ones: shapes, semantics, and first-order gradients against
finite differences (float64 layers, reverse mode) for every layer with a differentiable path."""
import numpy as np
import pytest

import tapeflow as tf

L = tf.keras.layers
RNG = np.random.default_rng(0)


def _grad_check(layer, shape, **call_kwargs):
    x0 = RNG.normal(size=shape)
    layer(tf.constant(x0), **call_kwargs)  # build

    def f(x):
        y = layer(x, **call_kwargs)
        y = y[0] if isinstance(y, (list, tuple)) else y
        return tf.reduce_sum(tf.sin(y))
    tf.test.check_gradients(f, [x0], order=1, modes=("rev",), atol=1e-5, rtol=1e-4)


F64 = {"dtype": "float64"}


@pytest.mark.parametrize("make,shape", [
    (lambda: L.Conv1D(2, 3, padding="causal", dilation_rate=2, **F64), (2, 7, 3)),
    (lambda: L.Conv2D(3, 3, strides=2, padding="same", activation="tanh", **F64), (2, 5, 5, 2)),
    (lambda: L.Conv2D(4, 1, groups=2, **F64), (1, 3, 3, 4)),
    (lambda: L.Conv3D(2, 2, **F64), (1, 3, 3, 3, 1)),
    (lambda: L.Conv2DTranspose(2, 3, strides=2, padding="same", **F64), (1, 3, 3, 2)),
    (lambda: L.Conv1DTranspose(2, 3, strides=2, **F64), (1, 4, 2)),
    (lambda: L.DepthwiseConv2D(2, depth_multiplier=2, **F64), (1, 4, 4, 2)),
    (lambda: L.SeparableConv2D(3, 2, padding="same", **F64), (1, 4, 4, 2)),
    (lambda: L.SeparableConv1D(3, 2, **F64), (1, 5, 2)),
    (lambda: L.MaxPooling2D(**F64), (1, 4, 4, 2)),
    (lambda: L.AveragePooling1D(2, strides=1, padding="same", **F64), (1, 5, 2)),
    (lambda: L.GlobalAveragePooling2D(**F64), (2, 3, 3, 2)),
    (lambda: L.GlobalMaxPooling1D(**F64), (2, 4, 3)),
    (lambda: L.Reshape((3, 2), **F64), (2, 6)),
    (lambda: L.Permute((2, 1), **F64), (2, 3, 4)),
    (lambda: L.RepeatVector(2, **F64), (2, 3)),
    (lambda: L.ZeroPadding2D(((1, 0), (2, 1)), **F64), (1, 2, 2, 1)),
    (lambda: L.Cropping2D(1, **F64), (1, 4, 4, 1)),
    (lambda: L.UpSampling2D(**F64), (1, 2, 2, 1)),
    (lambda: L.LeakyReLU(**F64), (2, 5)),
    (lambda: L.PReLU(alpha_initializer=tf.keras.initializers.Constant(0.3), **F64), (2, 5)),
    (lambda: L.ELU(**F64), (2, 5)),
    (lambda: L.ReLU(max_value=1.0, negative_slope=0.1, **F64), (2, 5)),
    (lambda: L.Softmax(**F64), (2, 5)),
    (lambda: L.SimpleRNN(3, return_sequences=True, **F64), (2, 4, 2)),
    (lambda: L.LSTM(3, **F64), (2, 4, 2)),
    (lambda: L.GRU(3, go_backwards=True, **F64), (2, 4, 2)),
    (lambda: L.GRU(2, reset_after=False, return_sequences=True, **F64), (1, 3, 2)),
    (lambda: L.Bidirectional(L.LSTM(2, return_sequences=True, **F64), **F64), (1, 3, 2)),
    (lambda: L.TimeDistributed(L.Dense(2, **F64), **F64), (2, 3, 4)),
    (lambda: L.LayerNormalization(**F64), (2, 5)),
    (lambda: L.Rescaling(0.5, offset=1.0, **F64), (2, 3)),
    (lambda: L.Normalization(mean=1.0, variance=4.0, **F64), (2, 3)),
])
def test_layer_input_gradients(make, shape):
    _grad_check(make(), shape)


def test_multi_head_attention_gradient():
    mha = L.MultiHeadAttention(2, 3, dtype="float64")
    q0, v0 = RNG.normal(size=(1, 3, 4)), RNG.normal(size=(1, 2, 4))
    mha(tf.constant(q0), tf.constant(v0))
    tf.test.check_gradients(lambda q, v: tf.reduce_sum(tf.sin(mha(q, v))), [q0, v0], order=1,
                            modes=("rev",), atol=1e-5, rtol=1e-4)


def test_merging_gradients():
    a0, b0 = RNG.normal(size=(2, 3)), RNG.normal(size=(2, 3))
    for layer in (L.Add(**F64), L.Subtract(**F64), L.Multiply(**F64), L.Average(**F64),
                  L.Maximum(**F64), L.Minimum(**F64), L.Concatenate(**F64), L.Dot(axes=1, **F64),
                  L.Dot(axes=1, normalize=True, **F64)):
        tf.test.check_gradients(lambda a, b, layer=layer: tf.reduce_sum(tf.sin(layer([a, b]))),
                                [a0, b0],
                                order=1, modes=("rev",), atol=1e-5, rtol=1e-4)


def test_weight_gradients_reach_every_kernel():
    for layer, shape in [(L.Conv2D(2, 3), (1, 4, 4, 1)), (L.LSTM(2), (1, 3, 2)),
                         (L.SeparableConv2D(2, 2), (1, 3, 3, 2)),
                         (L.MultiHeadAttention(1, 2), None)]:
        with tf.GradientTape() as tape:
            if shape is None:
                x = tf.ones((1, 2, 3))
                y = layer(x, x)
            else:
                y = layer(tf.ones(shape))
            loss = tf.reduce_sum(y * y)
        grads = tape.gradient(loss, layer.trainable_weights)
        assert grads and all(g is not None for g in grads), type(layer).__name__


def test_conv_matches_manual_correlation():
    x = RNG.normal(size=(1, 5, 5, 1)).astype(np.float32)
    k = RNG.normal(size=(3, 3, 1, 1)).astype(np.float32)
    conv = L.Conv2D(1, 3, use_bias=False)
    conv.build((None, 5, 5, 1))
    conv.set_weights([k])
    y = conv(x).numpy()[0, :, :, 0]
    want = np.array([[np.sum(x[0, i:i + 3, j:j + 3, 0] * k[:, :, 0, 0]) for j in range(3)]
                     for i in range(3)])
    np.testing.assert_allclose(y, want, rtol=1e-5, atol=1e-6)


def test_lstm_matches_numpy_reference():
    x = RNG.normal(size=(2, 4, 3)).astype(np.float32)
    lstm = L.LSTM(2, return_sequences=True)
    lstm.build((None, 4, 3))
    w, u, b = [RNG.normal(size=v.shape.as_list()).astype(np.float32) for v in lstm.weights]
    lstm.set_weights([w, u, b])
    sig = lambda z: 1 / (1 + np.exp(-z))
    h = c = np.zeros((2, 2), np.float32)
    outs = []
    for t in range(4):
        z = x[:, t] @ w + h @ u + b
        i, f, g, o = np.split(z, 4, axis=-1)
        c = sig(f) * c + sig(i) * np.tanh(g)
        h = sig(o) * np.tanh(c)
        outs.append(h)
    np.testing.assert_allclose(lstm(x).numpy(), np.stack(outs, 1), rtol=1e-5, atol=1e-6)


def test_masking_keeps_state_over_masked_steps():
    x = RNG.normal(size=(1, 4, 2)).astype(np.float32)
    rnn = L.SimpleRNN(3, return_sequences=True)
    full = rnn(x[:, :2]).numpy()
    masked = rnn(x, mask=np.array([[True, True, False, False]])).numpy()
    np.testing.assert_allclose(masked[:, :2], full, rtol=1e-6)
    np.testing.assert_allclose(masked[:, 3], full[:, 1], rtol=1e-6)


def test_embedding_mask_flows_through_functional_model():
    inp = tf.keras.Input((4,), dtype="int32")
    e = L.Embedding(5, 2, mask_zero=True)(inp)
    out = L.GRU(2)(e)
    m = tf.keras.Model(inp, out)
    a = m(np.array([[1, 2, 0, 0]])).numpy()
    b = m(np.array([[1, 2, 0, 3]])).numpy()  # the last step is not masked: a different state
    short = tf.keras.Model(inp, out)(np.array([[1, 2, 0, 0]])).numpy()
    np.testing.assert_allclose(a, short)
    assert not np.allclose(a, b)


def test_lookups_and_encodings():
    s = L.StringLookup(vocabulary=["cat", "dog"])
    assert s(tf.constant(["dog", "fish"])).numpy().tolist() == [2, 0]
    i = L.IntegerLookup(vocabulary=[10, 20], mask_token=0)
    assert i(tf.constant([20, 0, 7])).numpy().tolist() == [3, 0, 1]
    oh = L.CategoryEncoding(3, output_mode="count")([[0, 0, 2]]).numpy()
    assert oh.tolist() == [[2.0, 0.0, 1.0]]
    n = L.Normalization(axis=None)
    n.adapt(np.array([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(n(np.array([2.0])).numpy(), [0.0], atol=1e-7)


def test_regularizers_and_constraints_semantics():
    d = L.Dense(2, kernel_initializer="ones", kernel_regularizer=tf.keras.regularizers.L2(0.5))
    model = tf.keras.Sequential([tf.keras.Input((3,)), d])
    assert float(model.losses[0]) == pytest.approx(0.5 * 6)
    model.compile(tf.keras.optimizers.SGD(10.0), "mse")
    d.kernel_constraint = None
    c = L.Dense(2, kernel_initializer="ones", kernel_constraint=tf.keras.constraints.UnitNorm())
    m2 = tf.keras.Sequential([tf.keras.Input((3,)), c])
    m2.compile(tf.keras.optimizers.SGD(1.0), "mse")
    m2.fit(np.ones((2, 3)), np.zeros((2, 2)), verbose=0)
    np.testing.assert_allclose(np.linalg.norm(c.kernel.numpy(), axis=0), [1.0, 1.0], rtol=1e-5)


def test_unimplemented_features_raise_clearly():
    with pytest.raises(NotImplementedError, match="stateful"):
        L.LSTM(2, stateful=True)
    with pytest.raises(NotImplementedError, match="nearest"):
        L.UpSampling2D(interpolation="bilinear")
    with pytest.raises(NotImplementedError, match="renorm"):
        L.BatchNormalization(renorm=True)
    with pytest.raises(NotImplementedError, match="TensorBoard"):
        tf.keras.callbacks.TensorBoard()


def test_config_round_trip_for_builtin_layers():
    layers = [L.Conv2D(3, 2, strides=2, padding="same", activation="relu"), L.MaxPooling2D(3),
              L.LSTM(4, return_sequences=True, go_backwards=True), L.GRU(2, reset_after=False),
              L.Bidirectional(L.SimpleRNN(2), merge_mode="sum"), L.Dense(3, use_bias=False),
              L.Dropout(0.3), L.Embedding(7, 2, mask_zero=True), L.PReLU(shared_axes=[1]),
              L.MultiHeadAttention(2, 4, value_dim=3), L.Normalization(mean=1.0, variance=2.0),
              L.StringLookup(vocabulary=["a"]), L.CategoryEncoding(4, output_mode="one_hot"),
              L.TimeDistributed(L.Dense(2)), L.Concatenate(axis=1), L.Reshape((2, 2))]
    for layer in layers:
        config = layer.get_config()
        clone = type(layer).from_config(config)
        assert type(clone) is type(layer)
        c2 = clone.get_config()
        for k in ("name", "trainable"):
            c2.pop(k, None), config.pop(k, None)
        for k in ("layer", "backward_layer"):  # wrapped layers are renamed copies
            if k in config:
                config[k]["config"].pop("name"), c2[k]["config"].pop("name")
        assert c2 == config, type(layer).__name__
