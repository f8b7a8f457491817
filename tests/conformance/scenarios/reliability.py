# Reliability (issue 16): IndexedSlices gradients with repeated indices in every Keras optimizer
# (Keras applies each slice of the gradient as TF's scatter ops do), update-shape errors,
# sliced variable assignment, scatter index errors, and a read never seeing a later assign.
# Optimizers get explicit names: Keras numbers default names process-wide.

#@ sparse_duplicate_indices_every_optimizer
def run(make, steps=3, dtype="float32"):
    v = tf.Variable(np.arange(12, dtype=dtype).reshape(4, 3) / 10 + 1)
    opt = make()
    for step in range(steps):
        with tf.GradientTape() as tape:
            rows = tf.gather(v, [0, 0, 2, 3, 0])
            loss = tf.reduce_sum(rows * rows * np.array([1., 2., 3.], dtype) * (step + 1))
        g = tape.gradient(loss, v)
        opt.apply_gradients([(g, v)])
    print(type(make()).__name__, np.round(v.numpy(), 5).tolist())
    for s in opt.variables[1:]:
        if s.shape == v.shape:
            print("  slot", s.name.split("/")[-1], np.round(s.numpy(), 5).tolist())

K = tf.keras.optimizers
run(lambda: K.SGD(0.1, name="o"))
run(lambda: K.SGD(0.1, momentum=0.9, name="o"))
run(lambda: K.SGD(0.1, momentum=0.9, nesterov=True, name="o"))
run(lambda: K.Adam(0.1, name="o"))
run(lambda: K.Adam(0.1, amsgrad=True, name="o"))
run(lambda: K.AdamW(0.1, name="o"))
run(lambda: K.Adamax(0.1, name="o"))
run(lambda: K.Nadam(0.1, name="o"))
run(lambda: K.RMSprop(0.1, name="o"))
run(lambda: K.RMSprop(0.1, momentum=0.5, name="o"))
run(lambda: K.RMSprop(0.1, centered=True, name="o"))
run(lambda: K.RMSprop(0.1, momentum=0.5, centered=True, name="o"))
run(lambda: K.Adagrad(0.1, name="o"))
run(lambda: K.Adadelta(1.0, name="o"))
run(lambda: K.Adam(0.1, name="o"), dtype="float64")

#@ sparse_issue_reproducer_adam_row0
v = tf.Variable([[1.0, 1.0], [1.0, 1.0], [1.0, 1.0]])
opt = tf.keras.optimizers.Adam(0.1, name="o")
for _ in range(1):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.gather(v, [0, 0, 2]) * np.array([1.0, 3.0], np.float32))
    opt.apply_gradients([(tape.gradient(loss, v), v)])
print(np.round(v.numpy(), 4))

#@ sparse_indexed_slices_made_by_hand
for make in [lambda: tf.keras.optimizers.Adam(0.1, name="o"),
             lambda: tf.keras.optimizers.RMSprop(0.1, name="o"),
             lambda: tf.keras.optimizers.Adagrad(0.1, name="o"),
             lambda: tf.keras.optimizers.SGD(0.1, momentum=0.5, name="o")]:
    v = tf.Variable(np.ones((3, 2), np.float32))
    opt = make()
    g = tf.IndexedSlices(tf.constant([[1., 2.], [3., 4.], [5., 6.]]), tf.constant([2, 0, 2]),
                         dense_shape=tf.constant([3, 2]))
    opt.apply_gradients([(g, v)])
    opt.apply_gradients([(g, v)])
    print(type(opt).__name__, np.round(v.numpy(), 5).tolist())

#@ sparse_with_clipping_and_weight_decay
for kw in [dict(clipnorm=1.0), dict(clipvalue=0.5), dict(global_clipnorm=1.0),
           dict(weight_decay=0.1)]:
    v = tf.Variable(np.ones((3, 2), np.float32))
    opt = tf.keras.optimizers.Adam(0.1, name="o", **kw)
    g = tf.IndexedSlices(tf.constant([[1., 2.], [3., 4.], [5., 6.]]), tf.constant([2, 0, 2]),
                         dense_shape=tf.constant([3, 2]))
    opt.apply_gradients([(g, v)])
    print(kw, np.round(v.numpy(), 5).tolist())

#@ sparse_edge_cases
g = tf.IndexedSlices(tf.constant([[1., 2.], [3., 4.], [5., 6.]]), tf.constant([2, 0, 2]),
                     dense_shape=tf.constant([3, 2]))
# a divisor with zero rows: Keras adds those rows to the slices (0 / 0 there)
v = tf.Variable(np.ones((3, 2), np.float32))
tf.keras.optimizers.RMSprop(0.1, epsilon=0.0, name="o").apply_gradients([(g, v)])
print(v.numpy().tolist())
v = tf.Variable(np.ones((3, 2), np.float32))
tf.keras.optimizers.Adagrad(0.1, initial_accumulator_value=0.0, epsilon=0.0,
                            name="o").apply_gradients([(g, v)])
print(v.numpy().tolist())
for make in [lambda: tf.keras.optimizers.Adam(0.1, loss_scale_factor=2.0, name="o"),
             lambda: tf.keras.optimizers.Adagrad(0.1, name="o"),
             lambda: tf.keras.optimizers.Adam(0.1, name="o")]:
    v = tf.Variable(np.ones((3, 2), np.float32))
    bad = tf.IndexedSlices(tf.constant([[1., 2.], [3., 4.]]), tf.constant([2, 7]),
                           dense_shape=tf.constant([3, 2]))
    try:
        make().apply_gradients([(bad, v)])
        print(v.numpy().tolist())
    except Exception as e:
        print(type(e).__name__, str(e).split("[Op:")[0].split("}}")[-1].strip())
v = tf.Variable(np.ones((3, 2), np.float64))
opt = tf.keras.optimizers.Adam(0.1, name="o")
opt.apply_gradients([(tf.IndexedSlices(tf.constant([[1., 2.], [3., 4.]], tf.float64),
                                       tf.constant([1, 1]), tf.constant([3, 2])), v)])
print(v.dtype.name, np.round(v.numpy(), 6).tolist())

#@ sparse_embedding_adam
emb = tf.keras.layers.Embedding(5, 2, embeddings_initializer=tf.keras.initializers.Constant(0.5))
opt = tf.keras.optimizers.Adam(0.1, name="o")
ids = tf.constant([[1, 1, 3], [1, 4, 4]])
for _ in range(2):
    with tf.GradientTape() as tape:
        out = emb(ids)
        loss = tf.reduce_sum(out * np.array([1.0, -2.0], np.float32))
    g = tape.gradient(loss, emb.trainable_variables)
    print(type(g[0]).__name__)
    opt.apply_gradients(zip(g, emb.trainable_variables))
print(np.round(emb.embeddings.numpy(), 5).tolist())

#@ update_shape_mismatch_errors
for make in [lambda: tf.keras.optimizers.SGD(0.1, name="o"),
             lambda: tf.keras.optimizers.SGD(0.1, momentum=0.9, name="o"),
             lambda: tf.keras.optimizers.Adam(0.1, name="o"),
             lambda: tf.keras.optimizers.RMSprop(0.1, name="o"),
             lambda: tf.keras.optimizers.Adagrad(0.1, name="o"),
             lambda: tf.keras.optimizers.Adadelta(0.1, name="o"),
             lambda: tf.keras.optimizers.Adamax(0.1, name="o"),
             lambda: tf.keras.optimizers.Nadam(0.1, name="o")]:
    for g in [tf.constant(1.), tf.constant([1., 2., 3.]), tf.constant([[1., 2.]])]:
        v = tf.Variable([1., 2.])
        try:
            make().apply_gradients([(g, v)])
            print("ok", v.numpy())
        except Exception as e:
            print(type(e).__name__, str(e).split("[Op:")[0].split("}}")[-1].strip())

#@ sliced_variable_assign
v = tf.Variable([1., 2., 3., 4.])
print(v[0].assign(9.))
print(v[1:3].assign([7., 8.]))
print(v[::2].assign([0., 0.]).numpy())
print(v[0:2].assign(5.).numpy())
m = tf.Variable(np.zeros((2, 3), np.float32))
m[0, 1:].assign([5., 6.])
m[:, 0].assign(tf.constant([1., 2.]))
m[-1, ...].assign([[7., 7., 7.]][0])
print(m.numpy())
t = v[0]
v.assign([0., 0., 0., 0.])
print(t, t.assign(3.).numpy(), v.numpy())
for name in ["assign_add", "assign_sub", "scatter_update"]:
    print(name, hasattr(v[0], name))
print(hasattr(tf.constant(1.), "assign"), hasattr(tf.constant([1.])[0], "assign"))
try:
    v[0].assign([1., 2.])
except Exception as e:
    print(type(e).__name__)
i = tf.Variable([1, 2, 3])
i[1].assign(7)
print(i.numpy())

#@ scatter_nd_update_out_of_range
v = tf.Variable([1., 2., 3., 4.])
for idx in [[[7]], [[-1]], [[4]]]:
    try:
        v.scatter_nd_update(idx, [1.])
        print(v.numpy())
    except Exception as e:
        print(type(e).__name__, str(e).split("[Op:")[0].split("}}")[-1].strip())
v.scatter_nd_update([[1], [3]], [10., 30.])
print(v.numpy())
m = tf.Variable(np.zeros((2, 2), np.float32))
try:
    m.scatter_nd_update([[0, 5]], [1.])
except Exception as e:
    print(type(e).__name__, str(e).split("[Op:")[0].split("}}")[-1].strip())

#@ read_value_never_changes
v = tf.Variable(np.zeros(1000))
t = v.read_value()
a = t.numpy()
v.assign_add(np.ones(1000))
v.assign_sub(np.full(1000, 0.5))
print(t.numpy().max(), a.max(), v.numpy().max())
u = v.value()
v.assign_add(np.ones(1000))
print(u.numpy().max(), v.numpy().max())
n = v.numpy()
v.assign_add(np.ones(1000))
print(n.max(), v.numpy().max())
