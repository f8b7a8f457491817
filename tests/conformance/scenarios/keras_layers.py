# Keras 3 layers with deterministic weights (constant initializers or set_weights with fixed
# arrays): outputs, shapes, gradients, weight layouts and get_config. Each scenario starts with
# clear_session() so default names do not depend on what ran before.

#@ conv1d_2d_3d_outputs
tf.keras.backend.clear_session()
def fill(layer):
    layer.set_weights([np.linspace(-1, 1, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in layer.get_weights()])
    return layer
x2 = np.linspace(-2, 2, 2 * 5 * 5 * 3, dtype="float32").reshape(2, 5, 5, 3)
c2 = tf.keras.layers.Conv2D(2, 3, strides=2, padding="same"); c2.build((None, 5, 5, 3)); fill(c2)
print(c2(x2))
x1 = np.linspace(-1, 1, 2 * 6 * 2, dtype="float32").reshape(2, 6, 2)
c1 = tf.keras.layers.Conv1D(3, 2, dilation_rate=2, activation="relu"); c1.build((None, 6, 2)); fill(c1)
print(c1(x1))
cc = tf.keras.layers.Conv1D(1, 3, padding="causal"); cc.build((None, 6, 2)); fill(cc)
print(cc(x1))
c3 = tf.keras.layers.Conv3D(1, 2); c3.build((None, 3, 3, 3, 1)); fill(c3)
print(c3(np.linspace(0, 1, 27, dtype="float32").reshape(1, 3, 3, 3, 1)))
print([w.shape for w in c2.weights], [v.path for v in c2.weights])

#@ conv_groups_and_channels_first_shape
tf.keras.backend.clear_session()
g = tf.keras.layers.Conv2D(4, 1, groups=2, kernel_initializer="ones")
print(g(np.ones((1, 2, 2, 4), "float32"))[0, 0, 0])
print(g.kernel.shape)
try:
    tf.keras.layers.Conv2D(3, 1, groups=2)
except ValueError as e:
    print("ValueError", e)

#@ conv2d_transpose_outputs
tf.keras.backend.clear_session()
x = np.linspace(-1, 1, 2 * 3 * 3 * 2, dtype="float32").reshape(2, 3, 3, 2)
for kw in [dict(strides=2), dict(strides=2, padding="same"), dict(strides=1), dict(strides=2, output_padding=1)]:
    t = tf.keras.layers.Conv2DTranspose(2, 3, **kw)
    t.build((None, 3, 3, 2))
    t.set_weights([np.linspace(-1, 1, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in t.get_weights()])
    y = t(x)
    print(kw, y.shape, float(tf.reduce_sum(tf.abs(y))), float(tf.reduce_sum(y * y)))

#@ depthwise_and_separable_outputs
tf.keras.backend.clear_session()
x = np.linspace(-1, 1, 1 * 4 * 4 * 2, dtype="float32").reshape(1, 4, 4, 2)
d = tf.keras.layers.DepthwiseConv2D(2, depth_multiplier=2); d.build((None, 4, 4, 2))
d.set_weights([np.linspace(-1, 1, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in d.get_weights()])
print(d(x))
s = tf.keras.layers.SeparableConv2D(3, 2, padding="same"); s.build((None, 4, 4, 2))
s.set_weights([np.linspace(-1, 1, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in s.get_weights()])
print(s(x)[0, :2])
print([v.path for v in d.weights], [v.path for v in s.weights], [w.shape for w in s.get_weights()])

#@ pooling_layers
tf.keras.backend.clear_session()
x = np.arange(2 * 4 * 4 * 1, dtype="float32").reshape(2, 4, 4, 1)
L = tf.keras.layers
print(L.MaxPooling2D()(x)[..., 0])
print(L.AveragePooling2D(2, strides=1, padding="same")(x)[0, ..., 0])
print(L.GlobalAveragePooling2D()(x), L.GlobalMaxPooling2D(keepdims=True)(x).shape)
x1 = np.arange(2 * 5 * 2, dtype="float32").reshape(2, 5, 2)
print(L.MaxPooling1D(2, padding="same")(x1)[0], L.AveragePooling1D(3, strides=2)(x1)[1])
print(L.GlobalMaxPooling1D()(x1), L.GlobalAveragePooling1D()(x1))

#@ reshaping_layers
tf.keras.backend.clear_session()
L = tf.keras.layers
x = np.arange(12, dtype="float32").reshape(2, 6)
print(L.Reshape((3, 2))(x)[1], L.Reshape((-1, 3))(x).shape)
x3 = np.arange(24, dtype="float32").reshape(2, 3, 4)
print(L.Permute((2, 1))(x3).shape, L.Permute((2, 1))(x3)[0, :, 0])
print(L.RepeatVector(2)(x)[0])
x4 = np.arange(8, dtype="float32").reshape(1, 2, 2, 2)
print(L.ZeroPadding2D(((1, 0), (0, 2)))(x4)[0, ..., 1])
print(L.Cropping2D(((1, 0), (0, 1)))(np.arange(16, dtype="float32").reshape(1, 4, 4, 1))[0, ..., 0])
print(L.UpSampling2D((2, 1))(x4)[0, ..., 0])
print(L.UpSampling1D(3)(x3[:, :2, :2])[0], L.ZeroPadding1D((1, 2))(x3).shape, L.Cropping1D((1, 1))(x3).shape)
print(L.Flatten()(x3).shape)

#@ reshape_errors
tf.keras.layers.Reshape((5,))(np.ones((2, 6), "float32"))

#@ merging_layers
tf.keras.backend.clear_session()
L = tf.keras.layers
a = np.array([[1.0, 2.0], [3.0, 4.0]], "float32"); b = np.array([[0.5, -1.0], [2.0, 0.0]], "float32")
for cls in (L.Add, L.Subtract, L.Multiply, L.Average, L.Maximum, L.Minimum):
    print(cls.__name__, cls()([a, b]))
print(L.Concatenate()([a, b]), L.Concatenate(axis=0)([a, b]).shape)
print(L.Dot(axes=1)([a, b]), L.Dot(axes=1, normalize=True)([a, b]))
x = np.arange(12, dtype="float32").reshape(2, 3, 2); y = np.arange(8, dtype="float32").reshape(2, 4, 2)
print(L.Dot(axes=(2, 2))([x, y]).shape, L.Dot(axes=(2, 2))([x, y])[1])
print(L.add([a, b]), L.concatenate([a, b], axis=-1).shape, L.maximum([a, b]))

#@ merging_errors
tf.keras.layers.Subtract()([np.ones((1, 2)), np.ones((1, 2)), np.ones((1, 2))])

#@ activation_layers
tf.keras.backend.clear_session()
L = tf.keras.layers
x = np.array([[-3.0, -0.5, 0.0, 0.5, 3.0, 8.0]], "float32")
print(L.LeakyReLU()(x), L.LeakyReLU(negative_slope=0.1)(x))
print(L.ELU()(x), L.ELU(alpha=0.5)(x))
print(L.ReLU()(x), L.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5)(x))
print(L.Softmax()(x), L.Softmax()(x, mask=np.array([[True, False, True, True, False, True]])))
print(L.Activation("tanh")(x), L.Activation(tf.keras.activations.sigmoid)(x).shape)
p = L.PReLU(alpha_initializer=tf.keras.initializers.Constant(0.25))
print(p(x), p.alpha.shape)
p2 = L.PReLU(shared_axes=[1, 2]); p2.build((None, 3, 3, 2)); print(p2.alpha.shape)

#@ activation_layer_errors
tf.keras.layers.ReLU(max_value=-1.0)

#@ dense_and_embedding_config
tf.keras.backend.clear_session()
d = tf.keras.layers.Dense(3, activation="relu", kernel_regularizer="l2", name="d")
cfg = d.get_config()
print(sorted(cfg))
print(cfg["activation"], cfg["kernel_initializer"], cfg["kernel_regularizer"], cfg["dtype"])
d2 = tf.keras.layers.Dense.from_config(cfg)
print(d2.units, d2.name, type(d2.kernel_regularizer).__name__)
e = tf.keras.layers.Embedding(10, 4, mask_zero=True)
print(e.get_config())

#@ conv_and_pool_configs
tf.keras.backend.clear_session()
L = tf.keras.layers
for layer in [L.Conv2D(2, 3, name="c"), L.Conv1D(2, 3, padding="causal", name="c1"), L.Conv2DTranspose(2, 3, name="t"),
              L.MaxPooling2D(name="m"), L.AveragePooling1D(3, name="a"), L.GlobalAveragePooling2D(name="g"),
              L.DepthwiseConv2D(3, name="dw"), L.SeparableConv2D(4, 3, name="s")]:
    cfg = layer.get_config()
    cfg.pop("dtype")
    print(type(layer).__name__, {k: v for k, v in cfg.items() if not isinstance(v, dict)})
    print(type(layer.from_config(layer.get_config())).__name__)

#@ misc_layer_configs
tf.keras.backend.clear_session()
L = tf.keras.layers
for layer in [L.Reshape((2, 3), name="r"), L.Permute((2, 1), name="p"), L.RepeatVector(3, name="rv"),
              L.Concatenate(axis=1, name="c"), L.Dot(axes=1, name="d"), L.ZeroPadding2D(2, name="z"),
              L.Cropping2D(1, name="cr"), L.UpSampling2D(3, name="u"), L.Rescaling(1 / 255.0, name="rs"),
              L.LeakyReLU(name="lr"), L.ELU(name="e"), L.ReLU(name="re"), L.Softmax(name="sm"),
              L.SpatialDropout2D(0.2, name="sd"), L.GaussianNoise(0.3, name="gn"), L.ActivityRegularization(0.1, name="ar"),
              L.CategoryEncoding(5, output_mode="one_hot", name="ce"), L.Dropout(0.5, name="dr"), L.Flatten(name="f"),
              L.Activation("relu", name="act"), L.BatchNormalization(name="bn"), L.LayerNormalization(name="ln")]:
    cfg = layer.get_config()
    cfg.pop("dtype")
    print(type(layer).__name__, {k: v for k, v in cfg.items() if not isinstance(v, dict)})

#@ rnn_configs
tf.keras.backend.clear_session()
L = tf.keras.layers
for layer in [L.SimpleRNN(2, name="s"), L.LSTM(3, return_sequences=True, name="l"), L.GRU(2, go_backwards=True, name="g")]:
    cfg = layer.get_config()
    cfg.pop("dtype")
    print(type(layer).__name__, {k: v for k, v in cfg.items() if not isinstance(v, dict)})
    print(sorted(k for k, v in cfg.items() if isinstance(v, dict)))
b = L.Bidirectional(L.LSTM(2, name="inner"), name="bi")
cfg = b.get_config()
print(cfg["merge_mode"], cfg["layer"]["config"]["name"], cfg["backward_layer"]["config"]["name"], cfg["backward_layer"]["config"]["go_backwards"])
print(L.TimeDistributed(L.Dense(2, name="d"), name="td").get_config()["layer"]["class_name"])

#@ simple_rnn_values
tf.keras.backend.clear_session()
def fill(layer):
    layer.set_weights([np.linspace(-0.5, 0.5, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in layer.get_weights()])
x = np.linspace(-1, 1, 2 * 4 * 3, dtype="float32").reshape(2, 4, 3)
r = tf.keras.layers.SimpleRNN(2, return_sequences=True); r.build((None, 4, 3)); fill(r)
print(r(x))
print([w.shape for w in r.get_weights()], [v.path for v in r.weights])
r2 = tf.keras.layers.SimpleRNN(2, go_backwards=True, return_state=True); r2.build((None, 4, 3)); fill(r2)
out, state = r2(x)
print(out, state)

#@ lstm_values_and_states
tf.keras.backend.clear_session()
x = np.linspace(-1, 1, 2 * 3 * 2, dtype="float32").reshape(2, 3, 2)
l = tf.keras.layers.LSTM(3, return_sequences=True, return_state=True); l.build((None, 3, 2))
l.set_weights([np.linspace(-0.5, 0.5, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in l.get_weights()])
seq, h, c = l(x)
print(seq)
print(h, c)
print([w.shape for w in l.get_weights()], [v.path for v in l.weights])
print(tf.keras.layers.LSTM(2, bias_initializer="zeros")(x).shape)
l2 = tf.keras.layers.LSTM(2); l2.build((None, 3, 2)); print(l2.get_weights()[2])

#@ gru_values_reset_after
tf.keras.backend.clear_session()
x = np.linspace(-1, 1, 2 * 3 * 2, dtype="float32").reshape(2, 3, 2)
for reset_after in (True, False):
    g = tf.keras.layers.GRU(2, reset_after=reset_after, return_sequences=True); g.build((None, 3, 2))
    g.set_weights([np.linspace(-0.5, 0.5, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in g.get_weights()])
    print(reset_after, [w.shape for w in g.get_weights()])
    print(g(x))

#@ rnn_initial_state_and_cells
tf.keras.backend.clear_session()
x = np.linspace(-1, 1, 1 * 3 * 2, dtype="float32").reshape(1, 3, 2)
l = tf.keras.layers.LSTM(2, kernel_initializer="ones", recurrent_initializer="zeros")
print(l(x, initial_state=[tf.ones((1, 2)), tf.zeros((1, 2))]))
cell = tf.keras.layers.GRUCell(2, kernel_initializer="ones", recurrent_initializer="ones")
rnn = tf.keras.layers.RNN(cell, return_sequences=True)
print(rnn(x))
c = tf.keras.layers.SimpleRNNCell(3, kernel_initializer="ones", recurrent_initializer="ones")
out, states = c(tf.ones((1, 2)), [tf.zeros((1, 3))])
print(out, states)

#@ rnn_masking
tf.keras.backend.clear_session()
ids = np.array([[3, 1, 0, 0], [2, 2, 4, 0]])
inp = tf.keras.Input((4,), dtype="int32")
e = tf.keras.layers.Embedding(5, 2, mask_zero=True, embeddings_initializer=tf.keras.initializers.Constant(0.3))
l = tf.keras.layers.SimpleRNN(2, return_sequences=True, kernel_initializer="ones", recurrent_initializer="ones")
m = tf.keras.Model(inp, l(e(inp)))
print(m(ids))
print(e.compute_mask(ids))
g = tf.keras.layers.GRU(2, kernel_initializer="ones", recurrent_initializer="ones")
print(g(np.ones((2, 4, 2), "float32"), mask=np.array([[True, True, False, False], [True, False, False, False]])))

#@ bidirectional_and_time_distributed
tf.keras.backend.clear_session()
x = np.linspace(-1, 1, 2 * 3 * 2, dtype="float32").reshape(2, 3, 2)
b = tf.keras.layers.Bidirectional(tf.keras.layers.SimpleRNN(2, return_sequences=True, kernel_initializer="ones", recurrent_initializer="ones"))
print(b(x))
print([v.path for v in b.weights])
b2 = tf.keras.layers.Bidirectional(tf.keras.layers.GRU(2, kernel_initializer="ones", recurrent_initializer="ones"), merge_mode="sum")
print(b2(x))
td = tf.keras.layers.TimeDistributed(tf.keras.layers.Dense(2, kernel_initializer="ones"))
print(td(x), [v.path for v in td.weights])

#@ multi_head_attention_values
tf.keras.backend.clear_session()
q = np.linspace(-1, 1, 2 * 3 * 4, dtype="float32").reshape(2, 3, 4)
v = np.linspace(1, -1, 2 * 2 * 4, dtype="float32").reshape(2, 2, 4)
mha = tf.keras.layers.MultiHeadAttention(num_heads=2, key_dim=2)
out, scores = mha(q, v, return_attention_scores=True)
mha.set_weights([np.linspace(-0.3, 0.3, int(np.prod(w.shape)), dtype="float32").reshape(w.shape) for w in mha.get_weights()])
out, scores = mha(q, v, return_attention_scores=True)
print(out)
print(scores)
print([w.shape for w in mha.get_weights()])
print([v.path for v in mha.weights])

#@ multi_head_attention_masks
tf.keras.backend.clear_session()
x = np.linspace(-1, 1, 1 * 3 * 4, dtype="float32").reshape(1, 3, 4)
mha = tf.keras.layers.MultiHeadAttention(num_heads=1, key_dim=2, kernel_initializer="ones")
o, s = mha(x, x, use_causal_mask=True, return_attention_scores=True)
print(s)
o, s = mha(x, x, attention_mask=np.array([[[1, 0, 1], [1, 1, 0], [0, 0, 1]]]), return_attention_scores=True)
print(s, o.shape)

#@ normalization_adapt
tf.keras.backend.clear_session()
data = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]], "float32")
n = tf.keras.layers.Normalization()
n.adapt(data)
print(n(data))
print(n.mean if hasattr(n, "mean") else None, n.variance if hasattr(n, "variance") else None)
print([v.path for v in n.weights], [w.shape for w in n.get_weights()])
n2 = tf.keras.layers.Normalization(mean=2.0, variance=4.0)
print(n2(data))
n3 = tf.keras.layers.Normalization(axis=None); n3.adapt(data); print(n3(data))
inv = tf.keras.layers.Normalization(mean=2.0, variance=4.0, invert=True); print(inv(np.array([[1.0]], "float32")))

#@ rescaling_and_category_encoding
tf.keras.backend.clear_session()
print(tf.keras.layers.Rescaling(1 / 255.0, offset=-0.5)(np.array([[0, 255, 51]], "uint8")))
ce = tf.keras.layers.CategoryEncoding(num_tokens=4, output_mode="one_hot")
print(ce([3, 0, 1]))
print(tf.keras.layers.CategoryEncoding(num_tokens=4, output_mode="multi_hot")([[0, 1], [2, 2]]))
print(tf.keras.layers.CategoryEncoding(num_tokens=4, output_mode="count")([[0, 1, 1], [3, 2, 3]]))

#@ string_lookup
tf.keras.backend.clear_session()
s = tf.keras.layers.StringLookup(vocabulary=["a", "b", "c"])
print(s(tf.constant([["a", "c", "z"], ["b", "b", "a"]])))
print(s.get_vocabulary(), s.vocabulary_size())
inv = tf.keras.layers.StringLookup(vocabulary=["a", "b", "c"], invert=True)
print(inv(tf.constant([1, 3, 0])))
m = tf.keras.layers.StringLookup(vocabulary=["a", "b"], mask_token="", num_oov_indices=1)
print(m(tf.constant(["", "a", "x"])), m.get_vocabulary())
oh = tf.keras.layers.StringLookup(vocabulary=["a", "b"], output_mode="one_hot")
print(oh(tf.constant(["b", "q"])))

#@ string_lookup_adapt
tf.keras.backend.clear_session()
s = tf.keras.layers.StringLookup()
s.adapt(tf.constant(["x", "y", "x", "z", "x", "y"]))
print(s.get_vocabulary())
print(s(tf.constant(["z", "x", "w"])))
s2 = tf.keras.layers.StringLookup(max_tokens=3)
s2.adapt(np.array(["b", "a", "b", "c", "c", "c"]))
print(s2.get_vocabulary())

#@ integer_lookup
tf.keras.backend.clear_session()
i = tf.keras.layers.IntegerLookup(vocabulary=[12, 36, 1138])
print(i(tf.constant([[12, 1138], [42, 36]])))
print(i.get_vocabulary())
i2 = tf.keras.layers.IntegerLookup()
i2.adapt(np.array([7, 7, 3, 9, 9, 9]))
print(i2.get_vocabulary(), i2(tf.constant([9, 3, 5])))
inv = tf.keras.layers.IntegerLookup(vocabulary=[12, 36], invert=True)
print(inv(tf.constant([2, 0, 1])))

#@ noise_layers_inference_and_shapes
tf.keras.backend.clear_session()
x = np.ones((2, 3, 3, 2), "float32")
print(float(tf.reduce_sum(tf.keras.layers.GaussianNoise(1.0)(x))), float(tf.reduce_sum(tf.keras.layers.SpatialDropout2D(0.5)(x))))
sd = tf.keras.layers.SpatialDropout2D(0.5)(x, training=True).numpy()
print(sd.shape, sorted(set(np.unique(sd).tolist()) - {0.0, 2.0}), bool(np.all(sd == sd[:, :1, :1, :])))
gn = tf.keras.layers.GaussianNoise(0.5)(x, training=True)
print(gn.shape, bool(tf.reduce_any(tf.not_equal(gn, x))))
print(tf.keras.layers.GaussianDropout(0.5)(x).shape)

#@ activity_regularization_layer
tf.keras.backend.clear_session()
ar = tf.keras.layers.ActivityRegularization(l1=0.1, l2=0.01)
y = ar(np.array([[1.0, -2.0], [3.0, 0.0]], "float32"))
print(y, ar.losses)

#@ regularizers_and_constraints
tf.keras.backend.clear_session()
w = tf.constant([[1.0, -2.0], [3.0, -4.0]])
print(tf.keras.regularizers.L1(0.1)(w), tf.keras.regularizers.L2(0.1)(w), tf.keras.regularizers.L1L2(0.1, 0.2)(w))
print(tf.keras.regularizers.l2(0.5).get_config(), tf.keras.regularizers.L1L2(l1=0.1).get_config())
print(type(tf.keras.regularizers.get("l1")).__name__, tf.keras.regularizers.get("l1").get_config())
print(tf.keras.constraints.MaxNorm(2.0)(w))
print(tf.keras.constraints.NonNeg()(w))
print(tf.keras.constraints.UnitNorm()(w))
print(tf.keras.constraints.UnitNorm(axis=1)(w), tf.keras.constraints.MaxNorm(1.0, axis=1)(w))

#@ constraint_applied_in_fit
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, kernel_initializer="ones", kernel_constraint=tf.keras.constraints.NonNeg(), bias_constraint=tf.keras.constraints.MaxNorm(0.1))])
m.compile(tf.keras.optimizers.SGD(1.0), "mse")
m.fit(np.array([[1.0, 2.0]]), np.array([[-5.0, 3.0]]), epochs=2, verbose=0)
print(m.layers[0].kernel.numpy())
print(m.layers[0].bias.numpy())

#@ layer_gradients
tf.keras.backend.clear_session()
x = tf.constant(np.linspace(-1, 1, 1 * 4 * 4 * 1, dtype="float32").reshape(1, 4, 4, 1))
conv = tf.keras.layers.Conv2D(1, 2, kernel_initializer="ones")
pool = tf.keras.layers.MaxPooling2D()
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reduce_sum(pool(conv(x)) ** 2)
gx, gk = tape.gradient(y, [x, conv.kernel])
print(gx[0, ..., 0])
print(gk[..., 0, 0])
lstm = tf.keras.layers.LSTM(2, kernel_initializer="ones", recurrent_initializer="ones")
seq = tf.constant(np.linspace(-1, 1, 6, dtype="float32").reshape(1, 3, 2))
with tf.GradientTape() as tape:
    out = tf.reduce_sum(lstm(seq))
print(tape.gradient(out, lstm.trainable_weights[0]))

#@ layer_repr_and_built
tf.keras.backend.clear_session()
d = tf.keras.layers.Dense(2)
print(d, d.built)
d(np.ones((1, 3), "float32"))
print(d, d.built, d.count_params())
try:
    tf.keras.layers.Dense(2).count_params()
except ValueError as e:
    print("ValueError", e)

#@ lambda_layer
tf.keras.backend.clear_session()
lam = tf.keras.layers.Lambda(lambda t: t * 2 + 1)
print(lam(np.array([[1.0, 2.0]], "float32")))
inp = tf.keras.Input((2,))
m = tf.keras.Model(inp, tf.keras.layers.Lambda(lambda t: tf.reduce_sum(t, axis=-1, keepdims=True))(inp))
print(m(np.array([[1.0, 2.0]], "float32")), m.output_shape)

#@ input_layer_and_functional_shapes
tf.keras.backend.clear_session()
L = tf.keras.layers
inp = tf.keras.Input((None, 3))
print(L.LSTM(4, return_sequences=True)(inp).shape, L.Conv1D(2, 3)(inp).shape, L.GlobalMaxPooling1D()(inp).shape)
img = tf.keras.Input((28, 28, 1))
x = L.Conv2D(8, 3, strides=2, padding="same")(img)
print(x.shape, L.Conv2DTranspose(4, 3, strides=2, padding="same")(x).shape, L.Flatten()(x).shape)
print(L.Reshape((-1,))(x).shape, L.UpSampling2D()(x).shape)
il = L.InputLayer(shape=(3,))
print(il.name, il.batch_shape)
