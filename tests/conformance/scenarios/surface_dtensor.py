# tf.experimental.dtensor on logical CPU devices: meshes, layouts, pack/unpack, ops on DTensors.
# Multi-device scenarios are isolated (the CPU must be split before the runtime starts).

#@ mesh_and_layout_text
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 6)
mesh = dtensor.create_mesh([("x", 3), ("y", 2)], devices=[f"CPU:{i}" for i in range(6)])
print(mesh)
print(mesh.dim_names, mesh.shape(), mesh.size, mesh.dim_size("y"), mesh.device_type())
print(mesh.local_devices()[:2], mesh.local_device_ids(), mesh.num_local_devices())
for specs in ([dtensor.UNSHARDED, dtensor.UNSHARDED], ["x", dtensor.UNSHARDED], ["y", "x"], []):
    layout = dtensor.Layout(specs, mesh)
    print(layout)
    print(layout.sharding_specs, layout.rank, layout.is_fully_replicated())
print(dtensor.Layout.replicated(mesh, rank=2))
print(dtensor.Layout.batch_sharded(mesh, "x", rank=3))
print(dtensor.Layout.batch_sharded(mesh, "y", rank=3, axis=1).sharding_specs)
print(dtensor.Layout.inner_sharded(mesh, "x", rank=2).sharding_specs)
l = dtensor.Layout(["x", "y"], mesh)
print(l.num_shards(0), l.num_shards(1), l == dtensor.Layout(["x", "y"], mesh), l.mesh == mesh)
print(dtensor.UNSHARDED, dtensor.MATCH)

#@ layout_errors
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 4)
mesh = dtensor.create_mesh([("x", 2), ("y", 2)], devices=[f"CPU:{i}" for i in range(4)])
for specs in (["x", "x"], ["z"], ["x", "unsharded", "y"]):
    try:
        print(dtensor.Layout(specs, mesh).sharding_specs)
    except Exception as e:
        print(type(e).__name__, e)
try:
    dtensor.pack([tf.constant(1.0)], dtensor.Layout([], mesh))
except Exception as e:
    print(type(e).__name__, e)
try:
    dtensor.fetch_layout(tf.constant(1.0))
except Exception as e:
    print(type(e).__name__, e)
try:
    dtensor.create_mesh([("x", 3)], devices=[f"CPU:{i}" for i in range(4)])
except Exception as e:
    print(type(e).__name__)

#@ pack_unpack_sharded
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 6)
mesh = dtensor.create_mesh([("x", 3), ("y", 2)], devices=[f"CPU:{i}" for i in range(6)])
p = dtensor.pack([tf.constant([i, i]) for i in range(6)],
                 dtensor.Layout.batch_sharded(mesh, "x", rank=1))
print(p)
for c in dtensor.unpack(p):
    print(c)
t = dtensor.call_with_layout(tf.ones, dtensor.Layout(["x", dtensor.UNSHARDED], mesh), shape=(6, 4))
print(t)
print(dtensor.fetch_layout(t))
print([c.shape for c in dtensor.unpack(t)])
print(t.shape, t.dtype, t.device)

#@ copy_to_mesh_grid
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 4)
mesh = dtensor.create_mesh([("x", 2), ("y", 2)], devices=[f"CPU:{i}" for i in range(4)])
t2 = dtensor.copy_to_mesh(tf.reshape(tf.range(40.0), (4, 10)), dtensor.Layout(["x", "y"], mesh))
print(t2)
print(dtensor.unpack(t2)[3])
t3 = dtensor.copy_to_mesh(tf.reshape(tf.range(4000.0), (40, 100)), dtensor.Layout(["x", "y"], mesh))
print(t3)
try:
    t2.numpy()
except Exception as e:
    print(type(e).__name__)
r = dtensor.copy_to_mesh(tf.constant([1.5, 0.1234567, -2.0]), dtensor.Layout.replicated(mesh, 1))
print(r)
print(repr(r))
print(r.numpy())
print(dtensor.copy_to_mesh(tf.constant(True), dtensor.Layout([], mesh)))
print(dtensor.copy_to_mesh(tf.constant([b"ab", b"c"]), dtensor.Layout.replicated(mesh, 1)))

#@ ops_on_dtensors
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 6)
mesh = dtensor.create_mesh([("x", 3), ("y", 2)], devices=[f"CPU:{i}" for i in range(6)])
t = dtensor.call_with_layout(tf.ones, dtensor.Layout(["x", dtensor.UNSHARDED], mesh), shape=(6, 4))
print(t + 1)
print(tf.matmul(t, tf.transpose(t)))
print(dtensor.fetch_layout(tf.matmul(t, tf.transpose(t))))
print(dtensor.fetch_layout(tf.reduce_sum(t)))
print(tf.reduce_sum(t))
r = dtensor.relayout(t, dtensor.Layout.replicated(mesh, 2))
print(dtensor.fetch_layout(r).sharding_specs)
print(r.numpy())

#@ dvariable
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 2)
mesh = dtensor.create_mesh([("batch", 2)], devices=["CPU:0", "CPU:1"])
layout = dtensor.Layout(["batch", dtensor.UNSHARDED], mesh)
init = dtensor.call_with_layout(tf.zeros, layout, shape=(4, 2))
v = dtensor.DVariable(init)
print(v)
print(dtensor.fetch_layout(v))
v.assign_add(tf.ones([4, 2]))
print(dtensor.fetch_layout(v.read_value()).sharding_specs)
for c in dtensor.unpack(v):
    print(c)
print(v + 1)

#@ gradient_through_dtensor
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 2)
mesh = dtensor.create_mesh([("batch", 2)], devices=["CPU:0", "CPU:1"])
x = dtensor.copy_to_mesh(tf.constant([[1.0, 2.0], [3.0, 4.0]]), dtensor.Layout.batch_sharded(mesh, "batch", rank=2))
w = dtensor.DVariable(dtensor.copy_to_mesh(tf.constant([[1.0], [-1.0]]), dtensor.Layout.replicated(mesh, 2)))
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.matmul(x, w) ** 2)
g = tape.gradient(loss, w)
print(loss.numpy())
print(dtensor.fetch_layout(g).sharding_specs)
print(g.numpy())

#@ one_device_mesh
dtensor = tf.experimental.dtensor
mesh = dtensor.create_mesh([("x", 1)], devices=["CPU:0"])
print(mesh)
t = dtensor.pack([tf.constant([[1, 2], [3, 4]])], dtensor.Layout(["x", dtensor.UNSHARDED], mesh))
print(t)
print(dtensor.unpack(t)[0])
print(dtensor.fetch_layout(t * 2).sharding_specs)

#@ clients
dtensor = tf.experimental.dtensor
print(dtensor.num_clients(), dtensor.client_id(), dtensor.job_name())

#@ dvariable_assign_dtensor
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 2)
mesh = dtensor.create_mesh([("batch", 2)], devices=["CPU:0", "CPU:1"])
layout = dtensor.Layout(["batch", dtensor.UNSHARDED], mesh)
v = dtensor.DVariable(dtensor.call_with_layout(tf.zeros, layout, shape=(4, 2)))
v.assign_add(dtensor.call_with_layout(tf.ones, layout, shape=(4, 2)))
for c in dtensor.unpack(v.read_value()):
    print(c)
v.assign(dtensor.copy_to_mesh(tf.reshape(tf.range(8.0), (4, 2)), layout))
print(v)
print(dtensor.fetch_layout(v * v).sharding_specs)

#@ matmul_and_transpose_layouts
#! isolated
dtensor = tf.experimental.dtensor
cpu = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu[0], [tf.config.LogicalDeviceConfiguration()] * 6)
devices = [f"CPU:{i}" for i in range(6)]
mesh = dtensor.create_mesh([("x", 3), ("y", 2)], devices=devices)
a = dtensor.copy_to_mesh(tf.constant([[1, 2, 3], [4, 5, 6]]), dtensor.Layout([dtensor.UNSHARDED, "x"], mesh))
b = dtensor.copy_to_mesh(tf.constant([[6, 5], [4, 3], [2, 1]]), dtensor.Layout(["x", dtensor.UNSHARDED], mesh))
c = tf.matmul(a, b)
print(dtensor.fetch_layout(c).sharding_specs)
a = dtensor.copy_to_mesh(tf.constant([[1, 2, 3], [4, 5, 6]]), dtensor.Layout(["y", "x"], mesh))
c = tf.matmul(a, b)
print(dtensor.fetch_layout(c).sharding_specs)
for component in dtensor.unpack(c):
    print(component.device, component.numpy())
print(dtensor.fetch_layout(tf.transpose(a)).sharding_specs)
t = dtensor.copy_to_mesh(tf.ones([6, 4]), dtensor.Layout(["x", dtensor.UNSHARDED], mesh))
print(dtensor.fetch_layout(tf.matmul(t, tf.transpose(t))).sharding_specs)
print(dtensor.fetch_layout(tf.matmul(t, t, transpose_b=True)).sharding_specs)
