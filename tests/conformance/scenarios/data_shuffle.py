# Dataset.shuffle gives TF's order for a seed: TF's ShuffleDataset buffer walk over Philox words
# from the (seed, seed2) pair, a new pair per pass with reshuffle_each_iteration.
# A pass's seeds are drawn when `iter()` makes the iterator (as TF), so an iterator never pulled
# from still moves the sequence on (Keras' fit makes one at the end of every epoch).

#@ global_seed_only
tf.random.set_seed(42)
print([int(x) for x in tf.data.Dataset.range(20).shuffle(20)])

#@ op_seed_only
print([int(x) for x in tf.data.Dataset.range(20).shuffle(20, seed=5)])

#@ op_and_global_seed_reshuffles_each_pass
tf.random.set_seed(42)
ds = tf.data.Dataset.range(20).shuffle(20, seed=5)
print([int(x) for x in ds])
print([int(x) for x in ds])
print([int(x) for x in ds])

#@ no_reshuffle_same_order_each_pass
tf.random.set_seed(42)
ds = tf.data.Dataset.range(20).shuffle(20, seed=5, reshuffle_each_iteration=False)
print([int(x) for x in ds])
print([int(x) for x in ds])

#@ small_buffer_and_repeat
tf.random.set_seed(1)
ds = tf.data.Dataset.range(10).shuffle(4, seed=5).repeat(2)
print([int(x) for x in ds])
print([int(x) for x in tf.data.Dataset.range(10).shuffle(4, seed=5, reshuffle_each_iteration=False).repeat(2)])

#@ buffer_larger_than_data
tf.random.set_seed(3)
print([int(x) for x in tf.data.Dataset.range(7).shuffle(1000)])

#@ op_seed_after_other_random_ops
tf.random.set_seed(42)
u = tf.random.uniform([2])
print([int(x) for x in tf.data.Dataset.range(12).shuffle(12)])
print([int(x) for x in tf.data.Dataset.range(12).shuffle(12)])

#@ two_shuffles_and_batches
tf.random.set_seed(7)
ds = tf.data.Dataset.range(30).shuffle(8).batch(4).shuffle(3)
for b in ds:
    print(b.numpy())

#@ shuffle_tuples_from_tensor_slices
tf.random.set_seed(0)
ds = tf.data.Dataset.from_tensor_slices((np.arange(6), np.arange(6) * 10)).shuffle(6)
for a, b in ds:
    print(int(a), int(b))

#@ shuffle_buffer_one_keeps_order
tf.random.set_seed(0)
print([int(x) for x in tf.data.Dataset.range(8).shuffle(1)])

#@ fit_on_shuffled_dataset_history_no_reshuffle
tf.random.set_seed(11)
x = np.linspace(-1, 1, 24, dtype=np.float32).reshape(12, 2)
y = (x[:, :1] * 2.0 - x[:, 1:] + 0.5).astype(np.float32)
ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(
    12, seed=3, reshuffle_each_iteration=False).batch(4)
model = tf.keras.Sequential([tf.keras.Input((2,)),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
h = model.fit(ds, epochs=3, verbose=0)
print([round(v, 5) for v in h.history["loss"]])
print(np.round(model.get_weights()[0].ravel(), 5))

#@ custom_loop_on_reshuffled_dataset
tf.random.set_seed(11)
x = np.linspace(-1, 1, 24, dtype=np.float32).reshape(12, 2)
y = (x[:, :1] * 2.0 - x[:, 1:] + 0.5).astype(np.float32)
ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(12, seed=3).batch(4)
model = tf.keras.Sequential([tf.keras.Input((2,)),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
for epoch in range(3):
    for xb, yb in ds:
        loss = model.train_on_batch(xb, yb)
    print(epoch, round(float(loss), 5))
print(np.round(model.get_weights()[0].ravel(), 5))

#@ fit_on_reshuffled_prefetched_dataset_history
tf.random.set_seed(11)
x = np.linspace(-1, 1, 24, dtype=np.float32).reshape(12, 2)
y = (x[:, :1] * 2.0 - x[:, 1:] + 0.5).astype(np.float32)
ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(12, seed=3).batch(4).prefetch(
    tf.data.AUTOTUNE)
model = tf.keras.Sequential([tf.keras.Input((2,)),
                             tf.keras.layers.Dense(1, kernel_initializer="ones")])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
h = model.fit(ds, epochs=4, verbose=0)
print([round(v, 5) for v in h.history["loss"]])
print(np.round(model.get_weights()[0].ravel(), 5))

#@ iterator_made_but_not_pulled_moves_the_seeds_on
ds = tf.data.Dataset.range(10).shuffle(10, seed=8).map(lambda v: v * 2)
print([int(v) for v in ds])
unused = iter(ds)
print([int(v) for v in ds])
it1, it2 = iter(ds), iter(ds)
print([int(v) for v in it2])

#@ zipped_shuffles
ds = tf.data.Dataset.zip((tf.data.Dataset.range(6).shuffle(6, seed=1),
                          tf.data.Dataset.range(6).shuffle(6, seed=2)))
unused = iter(ds)
print([(int(a), int(b)) for a, b in ds])
