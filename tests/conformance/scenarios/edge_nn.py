# Edge cases of the nn, conv and linalg ops (issue 16): 0, -0, +-inf, nan, huge, tiny, empty and
# 0-d inputs through every op of tf.nn (activations, softmax, losses, normalization),
# convolution and pooling, and tf.linalg, with their gradients; complex inputs for the ops that
# take them. Values print with all their digits (`tolist()`), zeros' signs with `signbit`.
# "tiny" stays a normal float: TF's CPU kernels flush subnormals to zero and NumPy does not.

#@ activations_special_values_float32
SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 3.0e38, -3.0e38, 1e-30, -1e-30, 1.5, -2.5, 7.0]
ACTS = [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu), ("selu", tf.nn.selu),
        ("leaky_relu", tf.nn.leaky_relu), ("leaky_relu_2", lambda x: tf.nn.leaky_relu(x, 2.0)),
        ("softsign", tf.nn.softsign), ("math.softsign", tf.math.softsign),
        ("silu", tf.nn.silu), ("swish_0.5", lambda x: tf.nn.swish(x, 0.5)),
        ("gelu", tf.nn.gelu), ("gelu_tanh", lambda x: tf.nn.gelu(x, approximate=True))]
x = tf.constant(SPECIAL, tf.float32)
for name, f in ACTS:
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    g = tape.gradient(y, x)
    print(name, y.dtype.name, y.numpy().tolist())
    print("  signbit", np.signbit(y.numpy()).astype(int).tolist())
    print("  grad", g.numpy().tolist())

#@ activations_special_values_float64
SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.7e308, -1.7e308, 1e-300, -1e-300, 1.5, -2.5, 7.0]
ACTS = [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu), ("selu", tf.nn.selu),
        ("leaky_relu", tf.nn.leaky_relu), ("leaky_relu_0.1", lambda x: tf.nn.leaky_relu(x, 0.1)),
        ("softsign", tf.nn.softsign), ("silu", tf.nn.silu),
        ("swish_0.5", lambda x: tf.nn.swish(x, 0.5)),
        ("gelu", tf.nn.gelu), ("gelu_tanh", lambda x: tf.nn.gelu(x, approximate=True))]
x = tf.constant(SPECIAL, tf.float64)
for name, f in ACTS:
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    g = tape.gradient(y, x)
    print(name, y.dtype.name, y.numpy().tolist())
    print("  signbit", np.signbit(y.numpy()).astype(int).tolist())
    print("  grad", g.numpy().tolist())

#@ activations_second_derivatives
x = tf.constant([-2.0, -0.5, 0.5, 3.0, 7.0], tf.float64)
for name, f in [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu),
                ("selu", tf.nn.selu), ("leaky_relu", tf.nn.leaky_relu),
                ("silu", tf.nn.silu), ("gelu", tf.nn.gelu)]:
    # (softsign is left out: TF has no gradient for SoftsignGrad and raises LookupError)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    print(name, g.numpy().tolist(), outer.gradient(g, x).numpy().tolist())

#@ activations_empty_and_scalar
for name, f in [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu),
                ("selu", tf.nn.selu), ("leaky_relu", tf.nn.leaky_relu),
                ("softsign", tf.nn.softsign), ("silu", tf.nn.silu), ("gelu", tf.nn.gelu)]:
    for x in (tf.zeros([0]), tf.zeros([2, 0, 3], tf.float64), tf.constant(-1.5), tf.constant(0.5, tf.float64)):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        g = tape.gradient(y, x)
        print(name, y.shape, y.dtype.name, y.numpy().tolist(), g.shape, g.numpy().tolist())

#@ activations_float16_and_integers
x16 = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 60000.0, -60000.0, 1.5, -2.5, 7.0], tf.float16)
for name, f in [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu),
                ("selu", tf.nn.selu), ("leaky_relu", tf.nn.leaky_relu), ("softsign", tf.nn.softsign)]:
    with tf.GradientTape() as tape:
        tape.watch(x16)
        y = f(x16)
    print(name, y.dtype.name, y.numpy().tolist(), tape.gradient(y, x16).numpy().tolist())
xi = tf.constant([0, -1, 5, 7, 2147483647, -2147483648])
print(tf.nn.relu(xi))
print(tf.nn.relu6(xi))
print(tf.nn.leaky_relu(xi))
print(tf.nn.relu(tf.constant([0, 3, 255], tf.uint8)))
print(tf.nn.relu(tf.constant([-3, 3], tf.int64)))

#@ leaky_relu_alpha_is_a_float32_attribute
x64 = tf.constant([-1.0, 2.0, -3.0, -1e300], tf.float64)
for alpha in (0.2, 0.1, 1.0 / 3.0, 2.0, 1e40, -0.5, 0.0):
    with tf.GradientTape() as tape:
        tape.watch(x64)
        y = tf.nn.leaky_relu(x64, alpha)
    print(alpha, y.numpy().tolist(), tape.gradient(y, x64).numpy().tolist())
print(tf.nn.leaky_relu(tf.constant([-1.0, 2.0]), alpha=np.array(0.3)).numpy().tolist())
print(tf.nn.leaky_relu(tf.constant([-1.0], tf.float16), alpha=0.1).numpy().tolist())

#@ activations_dtype_errors
for name, f in [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu),
                ("selu", tf.nn.selu), ("leaky_relu", tf.nn.leaky_relu),
                ("softsign", tf.nn.softsign), ("gelu", tf.nn.gelu)]:
    for x in (tf.constant([1, 2]), tf.constant([1 + 2j]), tf.constant([True])):
        try:
            print(name, x.dtype.name, f(x).dtype.name)
        except Exception as e:
            print(name, x.dtype.name, type(e).__name__)

#@ swish_complex_values_and_gradients
for dt in (tf.complex64, tf.complex128):
    z = tf.constant([1 + 2j, -0.5 + 0.25j, 0j, -3 - 1j], dt)
    for beta in (1.0, 0.5):
        b = tf.constant(beta, dt)
        with tf.GradientTape(persistent=True) as tape:
            tape.watch([z, b])
            y = tf.nn.swish(z, b)
        print(dt.name, beta, np.round(y.numpy(), 6).tolist())
        print("  dz", np.round(tape.gradient(y, z).numpy(), 6).tolist())
        print("  dbeta", np.round(complex(tape.gradient(y, b).numpy()), 6))
    print(np.round(tf.nn.silu(z).numpy(), 6).tolist())

#@ softmax_special_rows
ROWS = [[0.0, -0.0], [np.inf, 1.0], [-np.inf, 1.0], [np.nan, 1.0], [np.inf, np.inf],
        [-np.inf, -np.inf], [3e38, -3e38], [1e-30, -1e-30], [5.0], [88.0, 89.0, -100.0]]
for row in ROWS:
    # float32 on non-finite rows is left out: TF runs float32 softmax with oneDNN, whose NaN
    # handling differs from its own Eigen kernel (float64), e.g. softmax([inf, 1]) = [nan, 0]
    for dt in (tf.float32, tf.float64) if np.all(np.isfinite(row)) else (tf.float64,):
        x = tf.constant([row], dt)
        w = tf.constant([[1.0 + i for i in range(len(row))]], dt)
        for name, f in (("softmax", tf.nn.softmax), ("log_softmax", tf.nn.log_softmax)):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = f(x)
            g = tape.gradient(y, x, output_gradients=w)
            print(name, dt.name, row, y.numpy().tolist(), g.numpy().tolist())

#@ softmax_empty_scalar_and_axes
for shape in ([2, 0], [0, 3], [0], [3, 0, 2]):
    x = tf.zeros(shape)
    for name, f in (("softmax", tf.nn.softmax), ("log_softmax", tf.nn.log_softmax)):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        print(name, shape, y.shape, tape.gradient(y, x).shape)
print(tf.nn.softmax(tf.zeros([3, 0, 2]), axis=1).shape)
print(tf.nn.softmax(tf.zeros([2, 3]), axis=0).numpy().tolist())
# (a float32 scalar is left out of softmax: TF's oneDNN kernel raises AbortedError there)
for name, f in (("softmax", tf.nn.softmax), ("log_softmax", tf.nn.log_softmax)):
    for x in (tf.constant(1.0, tf.float64), tf.constant(1.0, tf.float16), tf.constant([1, 2])):
        try:
            f(x)
        except Exception as e:
            print(name, x.dtype.name, type(e).__name__)
try:
    tf.nn.log_softmax(tf.constant(1.0))
except Exception as e:
    print("log_softmax float32", type(e).__name__)

#@ softmax_cross_entropy_special_values
CASES = [([0.0, 1.0], [0.0, 0.0]), ([1.0, 0.0], [np.inf, 0.0]), ([0.0, 1.0], [np.inf, 0.0]),
         ([0.5, 0.5], [-np.inf, 0.0]), ([1.0, 0.0], [np.nan, 1.0]), ([0.0, 1.0], [3e38, -3e38]),
         ([np.nan, 1.0], [1.0, 2.0]), ([0.3, 0.3], [1.0, 2.0]), ([1.0], [7.0]),
         ([2.0, -1.0], [0.5, 1.5])]
for labels, logits in CASES:
    for dt in (tf.float32, tf.float64):
        la, lo = tf.constant([labels], dt), tf.constant([logits], dt)
        with tf.GradientTape(persistent=True) as tape:
            tape.watch([la, lo])
            y = tf.nn.softmax_cross_entropy_with_logits(la, lo)
        print(dt.name, labels, logits, y.numpy().tolist())
        print("  dlogits", tape.gradient(y, lo).numpy().tolist(),
              "dlabels", tape.gradient(y, la).numpy().tolist())

#@ softmax_cross_entropy_empty_and_scalar
for shape in ([2, 0], [0, 3], [0]):
    la, lo = tf.zeros(shape), tf.zeros(shape)
    with tf.GradientTape() as tape:
        tape.watch(lo)
        y = tf.nn.softmax_cross_entropy_with_logits(la, lo)
    print(shape, y.shape, y.numpy().tolist(), tape.gradient(y, lo).shape)
for labels, logits in ((1.0, 2.0), ([1.0], 2.0)):
    try:
        print(tf.nn.softmax_cross_entropy_with_logits(labels, logits))
    except Exception as e:
        print(type(e).__name__)
print(tf.nn.softmax_cross_entropy_with_logits([[0.0, 1.0]], [[0.0, 1.0]], axis=0).numpy().tolist())

#@ sparse_softmax_cross_entropy_special_values
CASES = [(1, [0.0, 0.0]), (0, [np.inf, 0.0]), (1, [np.inf, 0.0]), (1, [-np.inf, 0.0]),
         (0, [-np.inf, 0.0]), (0, [np.nan, 1.0]), (0, [3e38, -3e38]), (1, [3e38, -3e38]),
         (0, [7.0]), (2, [1e-30, -0.0, 0.0])]
for label, logits in CASES:
    for dt in (tf.float32, tf.float64):
        lo = tf.constant([logits], dt)
        with tf.GradientTape() as tape:
            tape.watch(lo)
            y = tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([label]), lo)
        print(dt.name, label, logits, y.numpy().tolist(), tape.gradient(y, lo).numpy().tolist())

#@ sparse_softmax_cross_entropy_empty_and_errors
lo = tf.zeros([0, 3])
with tf.GradientTape() as tape:
    tape.watch(lo)
    y = tf.nn.sparse_softmax_cross_entropy_with_logits(tf.zeros([0], tf.int32), lo)
print(y.shape, tape.gradient(y, lo).shape)
print(tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant(1), tf.constant([0.0, 1.0])))
for labels, logits in ((tf.constant([3]), [[0.0, 1.0]]), (tf.constant([-1]), [[0.0, 1.0]]),
                       (tf.constant([0]), [0.0, 1.0]), (tf.constant([0.0]), [[0.0, 1.0]]),
                       (tf.constant([0]), tf.constant([[0, 1]]))):
    try:
        print(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))
    except Exception as e:
        print(type(e).__name__)

#@ l2_loss_bias_add_special_values
for dt in (tf.float32, tf.float64):
    x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-30, 2.0], dt)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.l2_loss(x)
    print(dt.name, y.numpy(), tape.gradient(y, x).numpy().tolist())
    print(tf.nn.l2_loss(tf.constant([3e38, 3e38], dt)).numpy())
for x in (tf.zeros([0]), tf.constant(3.0), tf.zeros([2, 0], tf.float64)):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.l2_loss(x)
    print(x.shape, y.numpy(), tape.gradient(y, x).numpy().tolist())
try:
    tf.nn.l2_loss(tf.constant([1, 2]))
except Exception as e:
    print(type(e).__name__)
v = tf.constant([[0.0, np.inf], [np.nan, -1.0]])
b = tf.constant([-np.inf, 1.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([v, b])
    y = tf.nn.bias_add(v, b)
print(y.numpy().tolist(), tape.gradient(y, v).numpy().tolist(), tape.gradient(y, b).numpy().tolist())
print(tf.nn.bias_add(tf.zeros([0, 2]), [1.0, 2.0]).shape)
print(tf.nn.bias_add(tf.zeros([2, 0]), tf.zeros([0])).shape)
print(tf.nn.bias_add(tf.constant([[1 + 1j]]), tf.constant([2j])).numpy().tolist())

#@ moments_and_batch_normalization_special_values
x = tf.constant([[0.0, np.inf], [1.0, 2.0], [np.nan, -1.0]], tf.float64)
m, v = tf.nn.moments(x, [0])
print(m.numpy().tolist(), v.numpy().tolist())
m, v = tf.nn.moments(x, [1], keepdims=True)
print(m.numpy().tolist(), v.numpy().tolist())
m, v = tf.nn.moments(tf.constant([1e38, 3e38, -3e38]), [0])
print(m.numpy().tolist(), v.numpy().tolist())
m, v = tf.nn.moments(tf.zeros([0, 2]), [0])
print(m.numpy().tolist(), v.numpy().tolist())
m, v = tf.nn.moments(tf.constant(2.0), [])
print(m.numpy().tolist(), v.numpy().tolist())
xs = tf.constant([[1.0, 2.0], [3.0, 5.0]], tf.float64)
with tf.GradientTape() as tape:
    tape.watch(xs)
    m, v = tf.nn.moments(xs, [0])
    total = tf.reduce_sum(m) + tf.reduce_sum(v)
print(tape.gradient(total, xs).numpy().tolist())
for var, eps in ((0.0, 0.0), (-1.0, 0.5), (np.inf, 0.0), (0.0, 1e-3)):
    y = tf.nn.batch_normalization(tf.constant([1.0, -2.0, np.inf]), 0.5, var, 0.1, 2.0, eps)
    print(var, eps, y.numpy().tolist())
x = tf.constant([[1.0, 2.0], [0.0, np.nan]])
mean, variance = tf.constant([0.5, 1.0]), tf.constant([0.0, 4.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([x, mean, variance])
    y = tf.nn.batch_normalization(x, mean, variance, None, None, 0.0)
for src in (x, mean, variance):
    print(tape.gradient(y, src).numpy().tolist())

#@ sigmoid_and_weighted_cross_entropy_special_values
logits = [0.0, -0.0, np.inf, -np.inf, np.nan, 3e38, -3e38, 1e-30, 2.0, -88.5, 100.0]
for dt in (tf.float32, tf.float64):
    x = tf.constant(logits, dt)
    for label in (0.0, 1.0, 0.25):
        z = tf.fill([len(logits)], tf.constant(label, dt))
        with tf.GradientTape(persistent=True) as tape:
            tape.watch([x, z])
            y = tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)
            w = tf.nn.weighted_cross_entropy_with_logits(z, x, 2.5)
        print(dt.name, label, "sigmoid_xent", y.numpy().tolist())
        print("  dlogits", tape.gradient(y, x).numpy().tolist(), "dlabels", tape.gradient(y, z).numpy().tolist())
        print("  weighted", w.numpy().tolist())
        print("  dlogits", tape.gradient(w, x).numpy().tolist(), "dlabels", tape.gradient(w, z).numpy().tolist())
print(tf.nn.sigmoid_cross_entropy_with_logits(tf.zeros([0]), tf.zeros([0])).shape)
print(tf.nn.sigmoid_cross_entropy_with_logits(tf.constant(1.0), tf.constant(-2.0)).numpy())

#@ log_poisson_loss_special_values
log_input = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 80.0, -80.0, 1e-30, 2.0], tf.float64)
for target in (0.0, 1.0, 0.5, 3.0, np.inf):
    t = tf.fill([9], tf.constant(target, tf.float64))
    for full in (False, True):
        with tf.GradientTape(persistent=True) as tape:
            tape.watch([log_input, t])
            y = tf.nn.log_poisson_loss(t, log_input, compute_full_loss=full)
        print(target, full, y.numpy().tolist())
        print("  dlog_input", tape.gradient(y, log_input).numpy().tolist())
        print("  dtargets", tape.gradient(y, t).numpy().tolist())

#@ compute_average_loss_dropout_and_embedding_edges
print(tf.nn.compute_average_loss(tf.zeros([0])).numpy())
print(tf.nn.compute_average_loss(tf.constant([np.inf, 1.0])).numpy())
print(tf.nn.compute_average_loss(tf.constant([np.nan, 1.0]), global_batch_size=4).numpy())
print(tf.nn.compute_average_loss(tf.constant([1.0, 2.0]), global_batch_size=0).numpy())
print(tf.nn.compute_average_loss(tf.constant([1.0, 2.0]), sample_weight=[0.0, np.inf]).numpy())
x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 1.5])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.nn.dropout(x, rate=0.0)
print(y.numpy().tolist(), tape.gradient(y, x).numpy().tolist())
print(tf.nn.dropout(tf.zeros([0, 3]), rate=0.5).shape)
print(tf.nn.dropout(tf.constant(2.0), rate=0.5).shape)
params = tf.constant([[0.0, np.inf], [np.nan, 1.0], [3.0, 4.0], [0.0, 0.0]])
print(tf.nn.embedding_lookup(params, [1, 0, 1]).numpy().tolist())
print(tf.nn.embedding_lookup(params, tf.zeros([0], tf.int32)).shape)
print(tf.nn.embedding_lookup(params, 2).numpy().tolist())
print(tf.nn.embedding_lookup(params, [2, 3, 0], max_norm=1.0).numpy().tolist())
with tf.GradientTape() as tape:
    tape.watch(params)
    y = tf.nn.embedding_lookup(params, [3, 2], max_norm=2.0)
print(tf.convert_to_tensor(tape.gradient(y, params)).numpy().tolist())
try:
    tf.nn.embedding_lookup(params, [4])
except Exception as e:
    print(type(e).__name__)

#@ conv2d_special_values_and_gradients
x = tf.constant([[[[0.0], [np.inf], [1.0]], [[-0.0], [2.0], [np.nan]], [[3e38], [1e-30], [-1.0]]]])
for w in (tf.ones([2, 2, 1, 1]), tf.zeros([2, 2, 1, 1]), tf.constant([[[[1.0]], [[-1.0]]], [[[2.0]], [[0.5]]]])):
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, w])
        y = tf.nn.conv2d(x, w, 1, "SAME")
    print(y[0, :, :, 0].numpy().tolist())
    print("  dx", tape.gradient(y, x)[0, :, :, 0].numpy().tolist())
    print("  dw", tape.gradient(y, w)[:, :, 0, 0].numpy().tolist())
xw = tf.constant([[[[1.0], [2.0]], [[3.0], [4.0]]]], tf.float64)
print(tf.nn.conv2d(xw, tf.constant([[[[np.inf]]]], tf.float64), 1, "VALID")[0, :, :, 0].numpy().tolist())
print(tf.nn.conv2d(xw, tf.constant([[[[np.nan]]]], tf.float64), 1, "VALID")[0, :, :, 0].numpy().tolist())
print(tf.nn.conv2d(tf.fill([1, 2, 2, 1], 3e38), tf.ones([2, 2, 1, 1]), 1, "VALID").numpy().tolist())

#@ conv_empty_and_degenerate_shapes
# (float64: TF runs float32 convolutions with oneDNN, which returns the input's shape for a
# window larger than the input; its Eigen kernels, and tapeflow, return an empty result)
for xs, ws, pad in (([1, 0, 4, 2], [1, 1, 2, 3], "SAME"), ([1, 4, 4, 0], [2, 2, 0, 3], "SAME"),
                    ([1, 4, 4, 2], [2, 2, 2, 0], "VALID"), ([1, 2, 2, 1], [3, 3, 1, 1], "VALID"),
                    ([1, 2, 2, 1], [3, 3, 1, 1], "SAME"), ([2, 3, 3, 1], [1, 1, 1, 2], "VALID")):
    try:
        y = tf.nn.conv2d(tf.ones(xs, tf.float64), tf.ones(ws, tf.float64), 1, pad)
        # (the channel count of an empty result is left out: TF's oneDNN kernel returns the
        # input's channel count there, not the filter's)
        print(xs, ws, pad, y.shape[:-1], y.numpy().sum())
    except Exception as e:
        print(xs, ws, pad, type(e).__name__)
# (an input of rank < 3 is left out: TF 2.21 aborts the process in a shape check there;
# tapeflow raises InvalidArgumentError)
for call in (lambda: tf.nn.conv2d(tf.ones([1, 2, 2, 1]), tf.constant(1.0), 1, "SAME"),
             lambda: tf.nn.conv2d(tf.ones([1, 2, 2, 1], tf.float16), tf.ones([1, 1, 1, 1], tf.float16), 1, "SAME"),
             lambda: tf.nn.conv2d(tf.ones([1, 2, 2, 1], tf.float64), tf.ones([1, 1, 1, 1], tf.float64), 0, "SAME"),
             lambda: tf.nn.conv2d(tf.ones([1, 2, 2, 1]), tf.ones([1, 1, 1, 1]), 1, "SAME", dilations=0),
             lambda: tf.nn.conv2d(tf.ones([1, 2, 2, 1], tf.complex64), tf.ones([1, 1, 1, 1], tf.complex64), 1, "SAME")):
    try:
        y = call()
        print(y.dtype.name, y.shape)
    except Exception as e:
        print(type(e).__name__)

#@ depthwise_conv3d_and_transpose_special_values
x = tf.constant([[[[0.0, 1.0], [np.inf, -1.0]], [[np.nan, 2.0], [-0.0, 3e38]]]])
w = tf.constant([[[[1.0], [2.0]]]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([x, w])
    y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID")
print(y.numpy().tolist())
print(tape.gradient(y, x).numpy().tolist(), tape.gradient(y, w).numpy().tolist())
# (float32: TF's float64 Conv3DBackpropFilter, an Eigen contraction, spreads a non-finite input
# to every filter tap, e.g. [nan, nan] where the exact sums are [-inf, nan])
x3 = tf.reshape(tf.constant([0.0, np.inf, -np.inf, np.nan, 1.0, 2.0, 3.0, 4.0]), [1, 2, 2, 2, 1])
w3 = tf.ones([1, 1, 2, 1, 1])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([x3, w3])
    y = tf.nn.conv3d(x3, w3, [1, 1, 1, 1, 1], "VALID")
print(y.numpy().tolist(), tape.gradient(y, x3).numpy().tolist(), tape.gradient(y, w3).numpy().tolist())
dy = tf.constant([[[[np.inf]], [[1.0]]], [[[np.nan]], [[-2.0]]]], tf.float64)[None]
wt = tf.ones([2, 2, 1, 1], tf.float64)
print(tf.nn.conv2d_transpose(dy[0], wt, [2, 3, 3, 1], 1, "VALID").numpy().tolist() if False else
      tf.nn.conv2d_transpose(tf.reshape(dy, [1, 2, 2, 1]), wt, [1, 3, 3, 1], 1, "VALID")[0, :, :, 0].numpy().tolist())
print(tf.nn.conv1d(tf.constant([[[1.0], [np.inf], [2.0]]]), tf.constant([[[0.0]], [[1.0]]]), 1, "VALID").numpy().tolist())

#@ pooling_special_values_and_gradients
x = tf.constant([[[[0.0], [-0.0], [np.inf], [1.0]],
                  [[np.nan], [1.0], [-np.inf], [-np.inf]],
                  [[-1.0], [3e38], [2.0], [np.nan]],
                  [[-3e38], [-3e38], [np.nan], [np.nan]]]])
for name, f in (("max", tf.nn.max_pool2d), ("avg", tf.nn.avg_pool2d)):
    for k, s, pad in ((2, 2, "VALID"), (2, 1, "SAME"), (3, 2, "SAME")):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x, k, s, pad)
        g = tape.gradient(y, x)
        print(name, k, s, pad, y[0, :, :, 0].numpy().tolist())
        print("  signbit", np.signbit(y[0, :, :, 0].numpy()).astype(int).tolist())
        print("  grad", g[0, :, :, 0].numpy().tolist())
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        y = tf.nn.max_pool2d(x * x, 2, 2, "VALID")
    g = inner.gradient(y, x)
print(g[0, :, :, 0].numpy().tolist(), outer.gradient(g, x)[0, :, :, 0].numpy().tolist())

#@ pooling_empty_integer_and_degenerate
for xs in ([0, 4, 4, 1], [1, 0, 4, 1], [1, 4, 4, 0]):
    for f in (tf.nn.max_pool2d, tf.nn.avg_pool2d):
        try:
            print(xs, f(tf.ones(xs), 2, 2, "SAME").shape)
        except Exception as e:
            print(xs, type(e).__name__)
print(tf.nn.max_pool2d(tf.ones([1, 2, 2, 1]), 3, 1, "SAME").numpy().tolist())
# (float64: TF's float32 oneDNN max pool dies of a floating-point exception on a window larger
# than the input)
for f in (tf.nn.max_pool2d, tf.nn.avg_pool2d):
    for k in (3, 4):
        try:
            print(f(tf.ones([1, 2, 2, 1], tf.float64), k, 1, "VALID").shape)
        except Exception as e:
            print(type(e).__name__)
xi = tf.constant([[[[-2147483648], [5]], [[7], [-1]]]])
print(tf.nn.max_pool2d(xi, 2, 1, "SAME").numpy().tolist())
print(tf.nn.max_pool2d(tf.constant([[[[1], [255]], [[0], [3]]]], tf.uint8), 2, 2, "VALID").numpy().tolist())
for call in (lambda: tf.nn.max_pool2d(tf.constant(1.0), 1, 1, "SAME"),
             lambda: tf.nn.avg_pool2d(tf.ones([1, 2, 2, 1], tf.float64), 0, 1, "SAME"),
             lambda: tf.nn.max_pool2d(tf.ones([1, 2, 2, 1], tf.complex64), 1, 1, "SAME"),
             lambda: tf.nn.avg_pool1d(tf.ones([1, 3, 1], tf.float16), 2, 1, "VALID")):
    try:
        y = call()
        print(y.dtype.name, y.numpy().tolist())
    except Exception as e:
        print(type(e).__name__)

#@ inverse_and_determinants_special_matrices
MATS = [[[0.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [2.0, 4.0]], [[np.inf, 1.0], [1.0, 1.0]],
        [[np.nan, 1.0], [1.0, 1.0]], [[1e-30, 0.0], [0.0, 1e-30]], [[1e30, 0.0], [0.0, 1e30]],
        [[-0.0, 1.0], [1.0, 0.0]], [[2.0, 1.0], [1.0, 3.0]]]
for m in MATS:
    for dt in (tf.float32, tf.float64):
        a = tf.constant(m, dt)
        for name, f in (("inv", tf.linalg.inv), ("det", tf.linalg.det),
                        ("slogdet", lambda x: tf.linalg.slogdet(x).log_abs_determinant),
                        ("slogdet_sign", lambda x: tf.linalg.slogdet(x).sign)):
            try:
                with tf.GradientTape() as tape:
                    tape.watch(a)
                    y = f(a)
                g = tape.gradient(y, a)
                print(name, dt.name, m, y.numpy().tolist(), None if g is None else g.numpy().tolist())
            except Exception as e:
                print(name, dt.name, m, type(e).__name__)

#@ inverse_and_determinants_empty_and_scalar
for shape in ([0, 0], [3, 0, 0], [0, 2, 2]):
    a = tf.zeros(shape, tf.float64)
    for name, f in (("inv", tf.linalg.inv), ("det", tf.linalg.det),
                    ("slogdet", lambda x: tf.linalg.slogdet(x).log_abs_determinant)):
        with tf.GradientTape() as tape:
            tape.watch(a)
            y = f(a)
        print(name, shape, y.shape, y.numpy().tolist(), tape.gradient(y, a).shape)
print(tf.linalg.slogdet(tf.zeros([0, 0])).sign.numpy())
for name, f in (("inv", tf.linalg.inv), ("det", tf.linalg.det), ("slogdet", tf.linalg.slogdet),
                ("cholesky", tf.linalg.cholesky), ("eigh", tf.linalg.eigh), ("qr", tf.linalg.qr),
                ("svd", tf.linalg.svd)):
    for a in (tf.constant(2.0, tf.float64), tf.constant([1.0, 2.0], tf.float64), tf.ones([2, 3], tf.float64),
              tf.constant([[1, 2], [3, 4]])):
        try:
            out = f(a)
            print(name, a.shape, "ok", [o.shape for o in out] if isinstance(out, (tuple, list)) else out.shape)
        except Exception as e:
            print(name, a.shape, a.dtype.name, type(e).__name__)

#@ solves_special_values
A = [[[2.0, 0.0], [0.0, 4.0]], [[0.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [2.0, 4.0]], [[np.inf, 1.0], [0.0, 1.0]],
     [[1.0, 0.0], [np.nan, 1.0]], [[0.0, 1.0], [1.0, 0.0]]]
B = [[[1.0], [np.inf]], [[np.nan], [1.0]], [[1.0], [2.0]]]
for a in A:
    for b in B:
        at, bt = tf.constant(a, tf.float64), tf.constant(b, tf.float64)
        for name, f in (("solve", tf.linalg.solve),
                        ("solve_adj", lambda x, y: tf.linalg.solve(x, y, adjoint=True)),
                        ("tri_lower", tf.linalg.triangular_solve),
                        ("tri_upper_adj", lambda x, y: tf.linalg.triangular_solve(x, y, lower=False, adjoint=True))):
            try:
                with tf.GradientTape(persistent=True) as tape:
                    tape.watch([at, bt])
                    y = f(at, bt)
                print(name, a, b, y.numpy().tolist())
                print("  da", tape.gradient(y, at).numpy().tolist(), "db", tape.gradient(y, bt).numpy().tolist())
            except Exception as e:
                print(name, a, b, type(e).__name__)

#@ solves_empty_and_shapes
for sa, sb in (([0, 0], [0, 2]), ([2, 2], [2, 0]), ([0, 2, 2], [0, 2, 1]), ([3, 3], [3, 1])):
    a = tf.eye(sa[-1], batch_shape=sa[:-2], dtype=tf.float64) if sa[-1] else tf.zeros(sa, tf.float64)
    b = tf.ones(sb, tf.float64)
    for name, f in (("solve", tf.linalg.solve), ("triangular_solve", tf.linalg.triangular_solve),
                    ("cholesky_solve", tf.linalg.cholesky_solve), ("lstsq", tf.linalg.lstsq)):
        try:
            print(name, sa, sb, f(a, b).numpy().tolist())
        except Exception as e:
            print(name, sa, sb, type(e).__name__)
for call in (lambda: tf.linalg.solve(tf.eye(2), tf.ones([3, 1])),
             lambda: tf.linalg.solve(tf.eye(2), tf.ones([2])),
             lambda: tf.linalg.solve(tf.ones([2, 3]), tf.ones([2, 1])),
             lambda: tf.linalg.triangular_solve(tf.eye(2), tf.ones([3, 1])),
             lambda: tf.linalg.solve(tf.eye(2, dtype=tf.int32), tf.ones([2, 1], tf.int32)),
             lambda: tf.linalg.solve(tf.eye(2), tf.ones([2, 1], tf.float64))):
    try:
        print(call().shape)
    except Exception as e:
        print(type(e).__name__)

#@ cholesky_and_logdet_special_matrices
for m in ([[4.0, 2.0], [2.0, 3.0]], [[0.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [2.0, 1.0]],
          [[-1.0, 0.0], [0.0, 1.0]], [[np.inf, 0.0], [0.0, 1.0]], [[np.nan, 0.0], [0.0, 1.0]],
          [[1e-30, 0.0], [0.0, 1e-30]], [[4.0, 99.0], [2.0, 3.0]]):
    a = tf.constant(m, tf.float64)
    # (a failed factorization's strict upper triangle is left out: TF leaves it unwritten)
    for name, f in (("cholesky", lambda t: tf.linalg.band_part(tf.linalg.cholesky(t), -1, 0)),
                    ("logdet", tf.linalg.logdet)):
        try:
            with tf.GradientTape() as tape:
                tape.watch(a)
                y = f(a)
            print(name, m, y.numpy().tolist(), tape.gradient(y, a).numpy().tolist())
        except Exception as e:
            print(name, m, type(e).__name__)
for shape in ([0, 0], [2, 0, 0]):
    print(tf.linalg.cholesky(tf.zeros(shape)).shape, tf.linalg.logdet(tf.zeros(shape)).numpy().tolist())

#@ decompositions_special_matrices
for m in ([[0.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [2.0, 4.0]], [[np.inf, 1.0], [1.0, 1.0]],
          [[np.nan, 1.0], [1.0, 1.0]], [[3.0, 0.0], [0.0, -2.0]], [[1e-30, 0.0], [0.0, 1e30]]):
    a = tf.constant(m, tf.float64)
    try:
        e = tf.linalg.eigvalsh(a)
        print("eigvalsh", m, e.numpy().tolist())
    except Exception as ex:
        print("eigvalsh", m, type(ex).__name__)
    try:
        s = tf.linalg.svd(a, compute_uv=False)
        print("svd", m, s.numpy().tolist())
    except Exception as ex:
        print("svd", m, type(ex).__name__)
    if np.all(np.isfinite(m)):  # (how NaN spreads through Householder steps is the kernel's own)
        q, r = tf.linalg.qr(a)
        print("qr |r| diag", m, np.abs(np.diag(r.numpy())).tolist())
for shape in ([0, 0], [2, 0], [0, 3], [2, 0, 0]):
    a = tf.zeros(shape, tf.float64)
    print("svd", shape, [t.shape for t in tf.linalg.svd(a)], tf.linalg.svd(a, compute_uv=False).shape)
    print("qr", shape, [t.shape for t in tf.linalg.qr(a)], [t.shape for t in tf.linalg.qr(a, full_matrices=True)])
    if shape[-1] == shape[-2]:
        print("eigh", shape, [t.shape for t in tf.linalg.eigh(a)])
a = tf.constant([[2.0, 1.0], [1.0, 2.0]], tf.float64)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(a)
    s = tf.linalg.svd(a, compute_uv=False)
    e = tf.linalg.eigvalsh(a)
    r = tf.linalg.qr(a).r
print(tape.gradient(s, a).numpy().tolist(), tape.gradient(e, a).numpy().tolist(), np.abs(tape.gradient(r, a).numpy()).tolist())
a = tf.constant([[1.0, 0.0], [0.0, 1.0]], tf.float64)  # repeated singular values and eigenvalues
with tf.GradientTape(persistent=True) as tape:
    tape.watch(a)
    s = tf.linalg.svd(a, compute_uv=False)
    e = tf.linalg.eigvalsh(a)
print(tape.gradient(s, a).numpy().tolist(), tape.gradient(e, a).numpy().tolist())

#@ diag_band_trace_special_values
x = tf.constant([[0.0, np.inf, -0.0], [np.nan, -np.inf, 1.0], [3e38, 1e-30, 2.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    outs = [tf.linalg.diag_part(x), tf.linalg.diag_part(x, k=1), tf.linalg.trace(x),
            tf.linalg.band_part(x, 0, -1), tf.linalg.band_part(x, 1, 0), tf.linalg.adjoint(x),
            tf.linalg.set_diag(x, [np.nan, 0.0, -np.inf])]
for o in outs:
    print(o.numpy().tolist(), np.signbit(o.numpy()).astype(int).tolist(), tape.gradient(o, x).numpy().tolist())
d = tf.constant([np.inf, np.nan, -0.0])
with tf.GradientTape() as tape:
    tape.watch(d)
    y = tf.linalg.diag(d, k=-1, padding_value=np.nan)
print(y.numpy().tolist(), tape.gradient(y, d).numpy().tolist())
print(tf.linalg.diag(tf.zeros([0])).shape, tf.linalg.diag(tf.zeros([2, 0])).shape, tf.linalg.diag_part(tf.zeros([0, 3])).shape)
print(tf.linalg.trace(tf.zeros([0, 0])).numpy(), tf.linalg.trace(tf.zeros([2, 0, 0])).numpy().tolist())
print(tf.linalg.band_part(tf.zeros([0, 0]), 0, 0).shape, tf.linalg.set_diag(tf.zeros([0, 0]), tf.zeros([0])).shape)
for call in (lambda: tf.linalg.diag(tf.constant(1.0)), lambda: tf.linalg.diag_part(tf.constant([1.0])),
             lambda: tf.linalg.trace(tf.constant([1.0])), lambda: tf.linalg.band_part(tf.constant([1.0]), 0, 0),
             lambda: tf.linalg.band_part(tf.ones([2, 2]), 3, 0), lambda: tf.linalg.adjoint(tf.constant(1.0)),
             lambda: tf.linalg.set_diag(tf.ones([2, 2]), [1.0, 2.0, 3.0])):
    try:
        print(call().shape)
    except Exception as e:
        print(type(e).__name__)

#@ matvec_cross_einsum_special_values
a = tf.constant([[0.0, np.inf], [np.nan, 1.0], [-0.0, 3e38]])
v = tf.constant([0.0, 2.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([a, v])
    y = tf.linalg.matvec(a, v)
    c = tf.linalg.cross(tf.constant([np.inf, 0.0, 1.0]), tf.constant([0.0, 1.0, np.nan]))
    e = tf.einsum("ij,j->i", a, v)
print(y.numpy().tolist(), tape.gradient(y, a).numpy().tolist(), tape.gradient(y, v).numpy().tolist())
print(c.numpy().tolist())
print(e.numpy().tolist(), tape.gradient(e, a).numpy().tolist(), tape.gradient(e, v).numpy().tolist())
print(tf.linalg.matvec(tf.zeros([0, 2]), tf.ones([2])).shape, tf.linalg.matvec(tf.zeros([2, 0]), tf.zeros([0])).numpy().tolist())
print(tf.linalg.cross(tf.zeros([0, 3]), tf.zeros([0, 3])).shape)
print(tf.einsum("i,i->", tf.zeros([0]), tf.zeros([0])).numpy(), tf.einsum("ij->", tf.zeros([2, 0])).numpy())
print(tf.einsum("->", tf.constant(3.0)).numpy(), tf.einsum(",->", tf.constant(3.0), tf.constant(np.inf)).numpy())
print(tf.einsum("ii->i", tf.constant([[np.inf, 1.0], [2.0, np.nan]])).numpy().tolist())
print(tf.einsum("ij,jk->ik", tf.constant([[1, 2]]), tf.constant([[3], [4]])).numpy().tolist())
for call in (lambda: tf.linalg.cross(tf.ones([2]), tf.ones([2])),
             lambda: tf.linalg.cross(tf.ones([3], tf.int32), tf.ones([3], tf.int32)),
             lambda: tf.linalg.cross(tf.ones([3], tf.complex64), tf.ones([3], tf.complex64)),
             lambda: tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([2, 3])),
             lambda: tf.einsum("ij,jk->ik", tf.ones([2, 3], tf.bool), tf.ones([3, 2], tf.bool)),
             lambda: tf.linalg.matvec(tf.ones([2, 3]), tf.ones([2]))):
    try:
        print(call().numpy().tolist())
    except Exception as e:
        print(type(e).__name__)

#@ norms_special_values_and_gradients
VALS = [[0.0, 0.0], [0.0, -0.0], [np.inf, 1.0], [-np.inf, 1.0], [np.nan, 1.0], [3e38, 3e38], [1e-30, 1e-30], [3.0, -4.0]]
for row in VALS:
    x = tf.constant(row)
    for name, f in (("euclidean", tf.norm), ("ord1", lambda t: tf.norm(t, ord=1)),
                    ("inf", lambda t: tf.norm(t, ord=np.inf)), ("p3", lambda t: tf.norm(t, ord=3)),
                    ("normalize", lambda t: tf.linalg.normalize(t)[0])):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        print(name, row, y.numpy().tolist(), tape.gradient(y, x).numpy().tolist())
m = tf.constant([[0.0, 1.0], [np.inf, 2.0]], tf.float64)
for ord_ in ("fro", 1, np.inf, 2):
    try:
        print(ord_, tf.norm(m, ord=ord_, axis=[0, 1]).numpy())
    except Exception as e:
        print(ord_, type(e).__name__)
print(tf.norm(tf.zeros([0])).numpy(), tf.norm(tf.zeros([2, 0]), axis=1).numpy().tolist(), tf.norm(tf.constant(-3.0)).numpy())
print(tf.norm(tf.zeros([0]), ord=np.inf).numpy(), tf.norm(tf.zeros([0]), ord=1).numpy())

#@ lstsq_pinv_expm_special_values
for m in ([[0.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [2.0, 4.0]], [[np.inf, 1.0], [1.0, 1.0]], [[np.nan, 0.0], [0.0, 1.0]]):
    a = tf.constant(m, tf.float64)
    for name, f in (("pinv", tf.linalg.pinv), ("expm", tf.linalg.expm),
                    ("lstsq", lambda t: tf.linalg.lstsq(t, tf.ones([2, 1], tf.float64))),
                    ("lstsq_l2", lambda t: tf.linalg.lstsq(t, tf.ones([2, 1], tf.float64), l2_regularizer=0.5))):
        try:
            print(name, m, f(a).numpy().tolist())
        except Exception as e:
            print(name, m, type(e).__name__)
print(tf.linalg.expm(tf.zeros([0, 0])).shape, tf.linalg.pinv(tf.zeros([0, 3])).shape)
print(tf.linalg.expm(tf.constant([[1e3, 0.0], [0.0, -1e3]], tf.float64)).numpy().tolist())
print(tf.linalg.expm(tf.constant([[-0.0]])).numpy().tolist())

#@ complex_linalg_values_and_gradients
def c(t):
    v = np.asarray(t)
    return [np.round(np.real(v), 10).tolist(), np.round(np.imag(v), 10).tolist()]
a = tf.constant([[2 + 1j, 0.5 - 1j], [0.25j, 3 - 0.5j]], tf.complex128)
b = tf.constant([[1 - 1j], [2 + 0.5j]], tf.complex128)
spd = tf.constant([[4 + 0j, 1 - 1j], [1 + 1j, 3 + 0j]], tf.complex128)
CASES = [("inv", lambda: tf.linalg.inv(a)), ("inv_adjoint", lambda: tf.linalg.inv(a, adjoint=True)),
         ("det", lambda: tf.linalg.det(a)), ("slogdet_log", lambda: tf.linalg.slogdet(a).log_abs_determinant),
         ("slogdet_sign", lambda: tf.linalg.slogdet(a).sign),
         ("solve", lambda: tf.linalg.solve(a, b)), ("solve_adjoint", lambda: tf.linalg.solve(a, b, adjoint=True)),
         ("triangular_solve", lambda: tf.linalg.triangular_solve(a, b)),
         ("triangular_solve_upper_adjoint", lambda: tf.linalg.triangular_solve(a, b, lower=False, adjoint=True)),
         ("cholesky", lambda: tf.linalg.cholesky(spd)), ("logdet", lambda: tf.linalg.logdet(spd)),
         ("cholesky_solve", lambda: tf.linalg.cholesky_solve(tf.linalg.cholesky(spd), b)),
         ("trace", lambda: tf.linalg.trace(a)), ("diag_part", lambda: tf.linalg.diag_part(a, k=1)),
         ("set_diag", lambda: tf.linalg.set_diag(a, [1j, 2.0 + 0j])), ("band_part", lambda: tf.linalg.band_part(a, 0, 0)),
         ("adjoint", lambda: tf.linalg.adjoint(a)), ("matvec", lambda: tf.linalg.matvec(a, b[:, 0])),
         ("matvec_adjoint", lambda: tf.linalg.matvec(a, b[:, 0], adjoint_a=True)),
         ("einsum_matmul", lambda: tf.einsum("ij,jk->ik", a, b)), ("einsum_trace", lambda: tf.einsum("ii", a)),
         ("einsum_outer", lambda: tf.einsum("i,j->ij", a[0], b[:, 0])),
         ("einsum_three", lambda: tf.einsum("ij,jk,kl->il", a, a, b)),
         ("lstsq", lambda: tf.linalg.lstsq(a, b)),
         ("lstsq_l2_complex64", lambda: tf.linalg.lstsq(tf.cast(a, tf.complex64), tf.cast(b, tf.complex64),
                                                        l2_regularizer=0.5)),
         ("expm", lambda: tf.linalg.expm(a * 0.5)),
         ("norm", lambda: tf.norm(a)), ("norm_axis", lambda: tf.norm(a, axis=1)),
         ("norm_ord1", lambda: tf.norm(a, ord=1)), ("norm_inf", lambda: tf.norm(a, ord=np.inf, axis=0)),
         ("norm_p3", lambda: tf.norm(a, ord=3, axis=1)), ("norm_fro", lambda: tf.norm(a, ord="fro", axis=[0, 1])),
         ("norm_matrix_1", lambda: tf.norm(a, ord=1, axis=[0, 1])), ("norm_matrix_2", lambda: tf.norm(a, ord=2, axis=[0, 1])),
         ("normalize", lambda: tf.linalg.normalize(a)[0]),
         ("svd_values", lambda: tf.linalg.svd(a, compute_uv=False)), ("eigvalsh", lambda: tf.linalg.eigvalsh(spd))]
try:
    tf.linalg.lstsq(a, b, l2_regularizer=0.5)
except NotImplementedError as e:
    print("lstsq complex128 l2", type(e).__name__)
for name, f in CASES:
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, b, spd])
        y = f()
    grads = tape.gradient(y, [a, b, spd])
    print(name, y.dtype.name, c(y))
    for src, g in zip("a b spd".split(), grads):
        if g is not None:
            print("  d" + src, c(g))

#@ complex_linalg_float32_and_decompositions
def c(t):
    v = np.asarray(t)
    return [np.round(np.real(v), 5).tolist(), np.round(np.imag(v), 5).tolist()]
a = tf.constant([[2 + 1j, 0.5 - 1j], [0.25j, 3 - 0.5j]], tf.complex64)
for name, f in (("inv", tf.linalg.inv), ("det", tf.linalg.det), ("norm", tf.norm),
                ("expm", lambda x: tf.linalg.expm(x * 0.5)), ("trace", tf.linalg.trace)):
    with tf.GradientTape() as tape:
        tape.watch(a)
        y = f(a)
    print(name, y.dtype.name, c(y), c(tape.gradient(y, a)))
a64 = tf.cast(a, tf.complex128)
s, u, v = tf.linalg.svd(a64)
print("svd", np.round(s.numpy(), 10).tolist(), c(u @ tf.linalg.diag(tf.cast(s, tf.complex128)) @ tf.linalg.adjoint(v)))
print("svd |u|", np.round(np.abs(u.numpy()), 10).tolist(), "|v|", np.round(np.abs(v.numpy()), 10).tolist())
herm = tf.constant([[2 + 0j, 1 - 2j], [1 + 2j, -1 + 0j]], tf.complex128)
e, w = tf.linalg.eigh(herm)
print("eigh", e.dtype.name, np.round(e.numpy(), 10).tolist(), np.round(np.abs(w.numpy()), 10).tolist())
with tf.GradientTape(persistent=True) as tape:
    tape.watch([herm, a64])
    ev = tf.linalg.eigvalsh(herm)
    loss_e = tf.reduce_sum(ev * tf.constant([1.0, 3.0], ev.dtype))
    sv = tf.linalg.svd(a64, compute_uv=False)
    loss_s = tf.reduce_sum(sv * tf.constant([1.0, 2.0], tf.float64))
    s2, u2, v2 = tf.linalg.svd(a64)
    loss_s2 = tf.reduce_sum(s2)
print("d eig", c(tape.gradient(loss_e, herm)))
print("d svd", c(tape.gradient(loss_s, a64)), c(tape.gradient(loss_s2, a64)))
q, r = tf.linalg.qr(a64)
print("qr", c(q @ r), np.round(np.abs(np.diag(r.numpy())), 10).tolist())
with tf.GradientTape() as tape:
    tape.watch(a64)
    r = tf.linalg.qr(a64).r
try:
    print(tape.gradient(r, a64))
except Exception as ex:
    print(type(ex).__name__)

#@ complex_nn_values_and_gradients
def c(t):
    v = np.asarray(t)
    return [np.round(np.real(v), 8).tolist(), np.round(np.imag(v), 8).tolist()]
z = tf.constant([[1 + 2j, -0.5 + 0.25j], [0j, 3 - 1j]], tf.complex128)
bias = tf.constant([0.5j, 1 - 1j], tf.complex128)
with tf.GradientTape(persistent=True) as tape:
    tape.watch([z, bias])
    ys = [("bias_add", tf.nn.bias_add(z, bias)), ("silu", tf.nn.silu(z)),
          ("embedding_lookup", tf.nn.embedding_lookup(z, [1, 0, 1])),
          ("l2_normalize_free_norm", tf.linalg.normalize(z, axis=1)[1])]
for name, y in ys:
    gz, gb = tape.gradient(y, [z, bias])
    print(name, c(y), c(tf.convert_to_tensor(gz)), None if gb is None else c(gb))
for name, f in (("relu", tf.nn.relu), ("softmax", tf.nn.softmax), ("l2_loss", tf.nn.l2_loss),
                ("elu", tf.nn.elu), ("gelu", tf.nn.gelu), ("leaky_relu", tf.nn.leaky_relu),
                ("log_softmax", tf.nn.log_softmax), ("softsign", tf.nn.softsign),
                ("moments", lambda x: tf.nn.moments(x, [0])[1])):
    try:
        print(name, c(f(z)))
    except Exception as ex:
        print(name, type(ex).__name__)
for name, f in (("conv2d", lambda: tf.nn.conv2d(tf.ones([1, 2, 2, 1], tf.complex64), tf.ones([1, 1, 1, 1], tf.complex64), 1, "SAME")),
                ("max_pool", lambda: tf.nn.max_pool2d(tf.ones([1, 2, 2, 1], tf.complex64), 1, 1, "SAME")),
                ("avg_pool", lambda: tf.nn.avg_pool2d(tf.ones([1, 2, 2, 1], tf.complex64), 1, 1, "SAME")),
                ("xent", lambda: tf.nn.softmax_cross_entropy_with_logits(z, z)),
                ("sparse_xent", lambda: tf.nn.sparse_softmax_cross_entropy_with_logits([0, 1], z))):
    try:
        print(name, f())
    except Exception as ex:
        print(name, type(ex).__name__)

#@ softmax_and_losses_float16
x = tf.constant([[0.1, 1.3, -2.0], [60000.0, -60000.0, 0.0], [5.0, 5.0, 5.0]], tf.float16)
labels = tf.constant([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], tf.float16)
with tf.GradientTape(persistent=True) as tape:
    tape.watch([x, labels])
    outs = [("softmax", tf.nn.softmax(x)), ("log_softmax", tf.nn.log_softmax(x)),
            ("xent", tf.nn.softmax_cross_entropy_with_logits(labels, x)),
            ("sparse_xent", tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0, 1], x)),
            ("l2_loss", tf.nn.l2_loss(x))]
# (sigmoid_cross_entropy_with_logits is left out: its half gradient sums three contributions,
# and the order TF adds them in rounds differently)
for name, y in outs:
    print(name, y.dtype.name, y.numpy().tolist(), tape.gradient(y, x).numpy().tolist())
m, v = tf.nn.moments(x, [1])
print(m.dtype.name, m.numpy().tolist(), v.numpy().tolist())

#@ conv_and_pool_variants_special_values
x1 = tf.constant([[[0.0], [np.inf], [-1.0], [np.nan], [2.0], [-0.0]]], tf.float64)
w1 = tf.constant([[[1.0]], [[0.5]]], tf.float64)
x3 = tf.reshape(tf.constant([0.0, 1.0, np.inf, 2.0, -1.0, np.nan, 3.0, -0.0]), [1, 2, 2, 2, 1])  # (3-D pooling: float32 only)
CASES = [("convolution", lambda: tf.nn.convolution(x1, w1, padding="SAME"), [x1, w1]),
         ("conv1d_transpose", lambda: tf.nn.conv1d_transpose(x1, w1, [1, 12, 1], 2), [x1, w1]),
         ("conv3d_transpose", lambda: tf.nn.conv3d_transpose(x3, tf.ones([1, 1, 1, 1, 1]), [1, 2, 2, 2, 1], 1), [x3]),
         ("max_pool1d", lambda: tf.nn.max_pool1d(x1, 2, 2, "VALID"), [x1]),
         ("avg_pool1d", lambda: tf.nn.avg_pool1d(x1, 3, 2, "SAME"), [x1]),
         ("max_pool3d", lambda: tf.nn.max_pool3d(x3, 2, 1, "VALID"), [x3]),
         ("avg_pool3d", lambda: tf.nn.avg_pool3d(x3, 2, 1, "SAME"), [x3]),
         ("pool_max_dilated", lambda: tf.nn.pool(x1, [2], "MAX", dilations=[2]), [x1]),
         ("pool_avg", lambda: tf.nn.pool(x1, [2], "AVG", strides=[2], padding="SAME"), [x1])]
for name, f, srcs in CASES:
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(srcs)
        y = f()
    print(name, y.shape, np.asarray(y).ravel().tolist())
    for s in srcs:
        print("  grad", np.asarray(tape.gradient(y, s)).ravel().tolist())
print(tf.nn.max_pool1d(tf.zeros([0, 4, 1]), 2, 2, "VALID").shape, tf.nn.avg_pool3d(tf.zeros([1, 2, 2, 2, 0]), 1, 1, "SAME").shape)

#@ linalg_gradients_at_special_points
def show(name, f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    g = tape.gradient(y, x)
    print(name, np.asarray(y).tolist(), None if g is None else np.asarray(g).tolist())
z = tf.zeros([2, 2], tf.float64)
show("expm_zero", tf.linalg.expm, z)
show("expm_big", tf.linalg.expm, tf.constant([[30.0, 0.0], [0.0, -30.0]], tf.float64))
show("pinv_rank1", tf.linalg.pinv, tf.constant([[1.0, 2.0], [2.0, 4.0]], tf.float64))
show("lstsq_tall", lambda a: tf.linalg.lstsq(a, tf.ones([3, 1], tf.float64)), tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], tf.float64))
show("trace_empty", tf.linalg.trace, tf.zeros([0, 0], tf.float64))
show("det_identity", tf.linalg.det, tf.eye(3, dtype=tf.float64))
show("cross_inf", lambda v: tf.linalg.cross(v, tf.constant([0.0, 1.0, 2.0], tf.float64)), tf.constant([np.inf, 1.0, 0.0], tf.float64))
show("einsum_diag_nan", lambda a: tf.einsum("ii->i", a), tf.constant([[np.nan, 1.0], [2.0, 3.0]], tf.float64))
show("norm_matrix_2_zero", lambda a: tf.norm(a, ord=2, axis=[0, 1]), z)
show("norm_fro_zero", lambda a: tf.norm(a, ord="fro", axis=[0, 1]), z)
show("svd_zero", lambda a: tf.linalg.svd(a, compute_uv=False), z)
show("eigvalsh_zero", tf.linalg.eigvalsh, z)
show("inv_1x1", tf.linalg.inv, tf.constant([[-0.0001]], tf.float64))
show("matvec_empty", lambda a: tf.linalg.matvec(a, tf.zeros([0], tf.float64)), tf.zeros([3, 0], tf.float64))

#@ max_pool3d_gradient_ties
# TF's MaxPool3DGrad sends the gradient to every element within 1e-5 of the maximum (MaxPoolGrad
# in 1-D and 2-D: to the first maximum only); MaxPool3DGradGrad reads the first exact maximum.
for vals in ([0.0, 1.0, 5.0, 5.0, -1.0, 2.0, 3.0, -0.0], [5.0, 5.000001, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 1.0, np.inf, 2.0, -1.0, 7.0, 3.0, -0.0],
             [-np.inf] * 8, [np.nan, 1.0, 5.0, 2.0, -1.0, 2.0, 3.0, -0.0]):
    x = tf.reshape(tf.constant(vals), [1, 2, 2, 2, 1])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.nn.max_pool3d(x, 2, 1, "VALID")
        g = inner.gradient(y, x)
        z = tf.reduce_sum(g * tf.reshape(tf.range(8.0), [1, 2, 2, 2, 1]))
    print(vals, y.numpy().ravel().tolist(), g.numpy().ravel().tolist())
x2 = tf.constant([[[[5.0], [5.0]], [[5.000001], [1.0]]]])
with tf.GradientTape() as tape:
    tape.watch(x2)
    y = tf.nn.max_pool2d(x2, 2, 1, "VALID")
print(tape.gradient(y, x2).numpy().ravel().tolist())
