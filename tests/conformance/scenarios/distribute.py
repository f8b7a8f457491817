# tf.distribute in one process: the default strategy, OneDeviceStrategy, MirroredStrategy on one
# and on two logical CPU devices (those scenarios run isolated: the CPU is split before TF's
# runtime starts), per-replica values and how they print, reductions, replica contexts,
# mirrored variables, how datasets are split over replicas, tf.nn.compute_average_loss, and a
# training step and Keras fit under a strategy's scope.

#@ default_strategy
s = tf.distribute.get_strategy()
print(s.num_replicas_in_sync, tf.distribute.has_strategy(), tf.distribute.in_cross_replica_context())
ctx = tf.distribute.get_replica_context()
print(ctx.num_replicas_in_sync, ctx.replica_id_in_sync_group, ctx.strategy is s)
print(tf.distribute.ReduceOp.SUM, repr(tf.distribute.ReduceOp.MEAN), tf.distribute.ReduceOp.SUM.value)
print(tf.distribute.ReduceOp("MEAN"))
print(type(s).__name__ == "_DefaultDistributionStrategy", type(s.extended).__name__)
with s.scope():
    v = tf.Variable(1.0, name="dv")
print(v)
print(s.run(lambda x: x * 2.0, args=(tf.constant(3.0),)))
print(s.reduce(tf.distribute.ReduceOp.SUM, tf.constant([1.0, 2.0]), axis=None))
print(s.reduce("SUM", tf.constant([1.0, 2.0]), axis=0))
print(s.reduce("MEAN", tf.constant([[1.0, 2.0], [3.0, 5.0]]), axis=0))
print(s.experimental_local_results(tf.constant(1.0)))
print(ctx.all_reduce("SUM", tf.constant(2.0)))

#@ reduce_op_errors
try:
    tf.distribute.ReduceOp("PROD")
except ValueError as e:
    print("ValueError", e)
s = tf.distribute.get_strategy()
try:
    s.reduce("MAX", tf.constant(1.0), axis=None)
except ValueError as e:
    print("ValueError", e)

#@ one_device_strategy
s = tf.distribute.OneDeviceStrategy("/cpu:0")
print(s.num_replicas_in_sync, s.extended.worker_devices, s.extended.parameter_devices)
with s.scope():
    v = tf.Variable([1.0, 2.0], name="ov")
    print(tf.distribute.get_strategy() is s, tf.distribute.has_strategy(),
          tf.distribute.in_cross_replica_context(), tf.distribute.get_replica_context())
print(v)


def step(x):
    ctx = tf.distribute.get_replica_context()
    return x * 2.0 + tf.cast(ctx.replica_id_in_sync_group, tf.float32), ctx.num_replicas_in_sync


print(s.run(step, args=(tf.constant([1.0, 2.0]),)))
print(s.reduce("SUM", tf.constant([1.0, 2.0]), axis=0))
ds = s.experimental_distribute_dataset(tf.data.Dataset.range(5).batch(2))
print([b.numpy().tolist() for b in ds])

#@ mirrored_one_device
s = tf.distribute.MirroredStrategy(["/cpu:0"])
print(s.num_replicas_in_sync, s.extended.worker_devices)
with s.scope():
    v = tf.Variable(2.0, name="mv")
print(v)
print(type(v).__name__, isinstance(v, tf.Variable), v.name, v.dtype, v.shape)
print(v.values)
print(v.aggregation, v.synchronization)
print(v + 1.0)
v.assign_add(1.0)
print(v.numpy())
r = s.run(lambda x: x + 1.0, args=(tf.constant(1.0),))
print(r)
print(s.experimental_local_results(r))
print(s.reduce("MEAN", r, axis=None))
ds = s.experimental_distribute_dataset(tf.data.Dataset.range(6).batch(4))
for b in ds:
    print(b)

#@ compute_average_loss
per_example = tf.constant([1.0, 2.0, 3.0, 4.0])
print(tf.nn.compute_average_loss(per_example))
print(tf.nn.compute_average_loss(per_example, global_batch_size=8))
print(tf.nn.compute_average_loss(per_example, sample_weight=tf.constant([1.0, 0.0, 1.0, 0.0]),
                                 global_batch_size=4))
print(tf.nn.compute_average_loss(per_example, sample_weight=0.5))
print(tf.nn.compute_average_loss(tf.constant([[1.0, 3.0], [5.0, 7.0]])))
print(tf.nn.scale_regularization_loss(tf.constant(3.0)))
print(tf.nn.scale_regularization_loss([tf.constant(1.0), tf.constant(2.0)]))
try:
    tf.nn.compute_average_loss(tf.constant([1, 2]))
except Exception as e:
    print(type(e).__name__)

#@ input_context
c = tf.distribute.InputContext(num_input_pipelines=2, input_pipeline_id=1, num_replicas_in_sync=4)
print(c.num_input_pipelines, c.input_pipeline_id, c.num_replicas_in_sync)
print(c.get_per_replica_batch_size(64))
try:
    c.get_per_replica_batch_size(10)
except ValueError as e:
    print("ValueError", e)
d = tf.distribute.InputContext()
print(d.num_input_pipelines, d.input_pipeline_id, d.num_replicas_in_sync)

#@ auto_shard_options
o = tf.data.Options()
print(o.experimental_distribute.auto_shard_policy)
o.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
print(o.experimental_distribute.auto_shard_policy)
ds = tf.data.Dataset.range(8).with_options(o)
print(ds.options().experimental_distribute.auto_shard_policy)
print([int(p) for p in (tf.data.experimental.AutoShardPolicy.OFF, tf.data.experimental.AutoShardPolicy.AUTO,
                        tf.data.experimental.AutoShardPolicy.FILE, tf.data.experimental.AutoShardPolicy.DATA)])

#@ mirrored_two_devices
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
s = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
print(s.num_replicas_in_sync)
print(s.extended.worker_devices)
with s.scope():
    v = tf.Variable([1.0, 2.0], name="w")
print(v)
print(repr(v))
print(v.values[1].device)
print(v.values[1].name, v.device)


def f(x):
    ctx = tf.distribute.get_replica_context()
    return x * tf.cast(ctx.replica_id_in_sync_group + 1, tf.float32)


r = s.run(f, args=(tf.constant(2.0),))
print(r)
print(repr(r))
print(type(r).__name__, r.values)
print(s.reduce(tf.distribute.ReduceOp.SUM, r, axis=None))
print(s.reduce("MEAN", r, axis=None))
print(s.experimental_local_results(r))
print(s.experimental_local_results(tf.constant(5.0)))
print(r.values[1].device)


def g():
    ctx = tf.distribute.get_replica_context()
    return tf.fill([2], tf.cast(ctx.replica_id_in_sync_group, tf.float32) + 1.0)


r2 = s.run(g)
print(s.reduce("SUM", r2, axis=0))
print(s.reduce("MEAN", r2, axis=0))
print(s.reduce("SUM", r2, axis=None))
print(s.gather(r2, axis=0))
print(s.experimental_local_results(s.run(lambda: v * 1.0)))

#@ mirrored_replica_context
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
s = tf.distribute.MirroredStrategy()
print(s.num_replicas_in_sync)
with s.scope():
    print(tf.distribute.get_replica_context(), tf.distribute.in_cross_replica_context())
    total = tf.Variable(0.0, name="total")


def step():
    ctx = tf.distribute.get_replica_context()
    i = tf.cast(ctx.replica_id_in_sync_group, tf.float32)
    summed = ctx.all_reduce("SUM", i + 1.0)
    mean = ctx.all_reduce(tf.distribute.ReduceOp.MEAN, tf.stack([i, 10.0 * i]))
    replica_ids = ctx.all_gather(tf.reshape(i, [1]), axis=0)

    def merge(strategy, value):
        return strategy.reduce("SUM", value, axis=None) * 100.0

    merged = ctx.merge_call(merge, args=(i + 1.0,))
    return summed, mean, replica_ids, merged, ctx.num_replicas_in_sync, tf.distribute.in_cross_replica_context()


out = s.run(step)
for o in out:
    print(o)
print(s.extended.variable_created_in_scope(total))
s.extended.update(total, lambda var, x: var.assign_add(x), args=(tf.constant(3.0),))
print(total)

#@ mirrored_datasets
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
s = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
for b in s.experimental_distribute_dataset(tf.data.Dataset.range(10).batch(4)):
    print(b)
print([[x.numpy().tolist() for x in s.experimental_local_results(b)]
       for b in s.experimental_distribute_dataset(tf.data.Dataset.range(7).batch(3))])
print([[x.numpy().tolist() for x in s.experimental_local_results(b)]
       for b in s.experimental_distribute_dataset(tf.data.Dataset.range(5).batch(2))])
pairs = tf.data.Dataset.from_tensor_slices((np.arange(8.0).reshape(4, 2).astype("float32"), np.arange(4))).batch(4)
for x, y in s.experimental_distribute_dataset(pairs):
    print(x)
    print(y)
named = tf.data.Dataset.from_tensor_slices({"a": np.arange(4), "b": np.arange(4) * 10}).batch(2)
for d in s.experimental_distribute_dataset(named):
    print(sorted(d), d["b"])


def dataset_fn(ctx):
    print("ctx", ctx.num_input_pipelines, ctx.input_pipeline_id, ctx.num_replicas_in_sync,
          ctx.get_per_replica_batch_size(4))
    return tf.data.Dataset.range(8).batch(ctx.get_per_replica_batch_size(4))


for b in s.distribute_datasets_from_function(dataset_fn):
    print(b)
it = iter(s.experimental_distribute_dataset(tf.data.Dataset.range(4).batch(2)))
print(next(it))
print(it.get_next_as_optional().has_value())
o = tf.data.Options()
o.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.OFF
for b in s.experimental_distribute_dataset(tf.data.Dataset.range(4).batch(2).with_options(o)):
    print(b)

#@ mirrored_custom_training_loop
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
s = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
x = np.linspace(-1.0, 1.0, 16).astype("float32").reshape(8, 2)
y = (x @ np.array([[2.0], [-3.0]], "float32") + 0.5).astype("float32")
with s.scope():
    w = tf.Variable(tf.zeros([2, 1]), name="w")
    b = tf.Variable(tf.zeros([1]), name="b")
    opt = tf.keras.optimizers.SGD(0.1)
dist = s.experimental_distribute_dataset(tf.data.Dataset.from_tensor_slices((x, y)).batch(4))


def step(inputs):
    xb, yb = inputs
    with tf.GradientTape() as tape:
        per_example = tf.reduce_sum(tf.square(xb @ w + b - yb), axis=1)
        loss = tf.nn.compute_average_loss(per_example, global_batch_size=4)
    grads = tape.gradient(loss, [w, b])
    opt.apply_gradients(zip(grads, [w, b]))
    return loss


for epoch in range(3):
    losses = [s.reduce("SUM", s.run(step, args=(batch,)), axis=None) for batch in dist]
    print(epoch, [round(float(l), 5) for l in losses])
print(np.round(w.numpy(), 5).tolist(), np.round(b.numpy(), 5).tolist())
print(opt.iterations.numpy())

#@ mirrored_tf_function_step
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
s = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with s.scope():
    w = tf.Variable([1.0, -1.0], name="w")
dist = s.experimental_distribute_dataset(tf.data.Dataset.range(8).map(lambda i: tf.cast(i, tf.float32)).batch(4))


@tf.function
def train_step(batch):
    def replica_fn(xb):
        with tf.GradientTape() as tape:
            loss = tf.nn.compute_average_loss(tf.square(xb * w[0] + w[1]), global_batch_size=4)
        g = tape.gradient(loss, w)
        ctx = tf.distribute.get_replica_context()
        return loss, ctx.all_reduce("SUM", g)
    losses, grads = s.run(replica_fn, args=(batch,))
    w.assign_sub(0.01 * s.experimental_local_results(grads)[0])
    return s.reduce("SUM", losses, axis=None)


for batch in dist:
    print(round(float(train_step(batch)), 5))
print(w)

#@ mirrored_keras_fit
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
tf.keras.backend.clear_session()
s = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
x = np.linspace(-1.0, 1.0, 32).astype("float32").reshape(16, 2)
y = (x @ np.array([[1.5], [-0.5]], "float32") - 0.25).astype("float32")
with s.scope():
    model = tf.keras.Sequential([tf.keras.Input((2,)),
                                 tf.keras.layers.Dense(3, activation="tanh", kernel_initializer="ones"),
                                 tf.keras.layers.Dense(1, kernel_initializer="ones")])
    model.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
print(type(model.weights[0].value).__name__)
print(model.distribute_strategy is s)
h = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0)
print({k: [round(v, 5) for v in vals] for k, vals in h.history.items()})
print([np.round(w.numpy(), 5).tolist() for w in model.weights])
print(np.round(model.evaluate(x, y, batch_size=8, verbose=0), 5).tolist())
print(np.round(model.predict(x[:3], batch_size=2, verbose=0), 5).tolist())
