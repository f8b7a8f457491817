# Reading checkpoints without a model (tf.train.load_checkpoint, list_variables, load_variable):
# the keys TF 2.21 (Keras 3) gives each saved variable, and the reader's maps, values and errors.
# The `_CHECKPOINTABLE_OBJECT_GRAPH` entry is listed but its value (TF: a serialized proto) is
# not printed.

#@ list_variables_of_module
import os, tempfile
class Net(tf.Module):
  def __init__(self):
    self.w = tf.Variable([[1.0, 2.0]], name="w")
    self.b = tf.Variable([0.5], name="b")
path = tf.train.Checkpoint(model=Net()).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ save_counter_key_after_save
import os, tempfile
ckpt = tf.train.Checkpoint(step=tf.Variable(7))
path = ckpt.save(os.path.join(tempfile.mkdtemp(), "ckpt"))
print(os.path.basename(path))
for name, shape in tf.train.list_variables(path):
  print(name, shape)
print(tf.train.load_variable(path, "save_counter/.ATTRIBUTES/VARIABLE_VALUE"))

#@ nested_modules_lists_and_dicts
import os, tempfile
class Block(tf.Module):
  def __init__(self):
    self.scale = tf.Variable(2.0)
class Net(tf.Module):
  def __init__(self):
    self.blocks = [Block(), Block()]
    self.table = {"b": tf.Variable(1), "a": tf.Variable([1.0, 2.0, 3.0])}
    self.sub = Block()
path = tf.train.Checkpoint(net=Net()).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ dense_layer_keys
import os, tempfile
layer = tf.keras.layers.Dense(3)
layer.build((None, 2))
path = tf.train.Checkpoint(layer=layer).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ sequential_model_keys
import os, tempfile
model = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dropout(0.5),
                             tf.keras.layers.Dense(1)])
model.build((None, 3))
path = tf.train.Checkpoint(model=model).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ nested_sequential_keys
import os, tempfile
inner = tf.keras.Sequential([tf.keras.layers.Dense(2)])
outer = tf.keras.Sequential([inner, tf.keras.layers.Dense(1)])
outer.build((None, 3))
path = tf.train.Checkpoint(model=outer).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ normalization_and_embedding_keys
import os, tempfile
bn = tf.keras.layers.BatchNormalization()
bn.build((None, 3))
ln = tf.keras.layers.LayerNormalization()
ln.build((None, 3))
emb = tf.keras.layers.Embedding(5, 2)
emb.build((None,))
path = tf.train.Checkpoint(bn=bn, ln=ln, emb=emb).write(os.path.join(tempfile.mkdtemp(), "c"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ custom_layer_with_sublayer
import os, tempfile
class Scaled(tf.keras.layers.Layer):
  def build(self, input_shape):
    self.scale = self.add_weight(shape=(), initializer="ones", name="scale")
    self.proj = tf.keras.layers.Dense(2)
  def call(self, x):
    return self.proj(x) * self.scale
layer = Scaled()
layer(tf.ones((1, 3)))
path = tf.train.Checkpoint(layer=layer).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ adam_slot_keys
import os, tempfile
class Net(tf.keras.layers.Layer):
  def __init__(self):
    super().__init__()
    self.d1 = tf.keras.layers.Dense(4)
    self.d2 = tf.keras.layers.Dense(1)
  def call(self, x):
    return self.d2(self.d1(x))
net = Net()
opt = tf.keras.optimizers.Adam(0.1)
x = tf.ones((2, 3))
with tf.GradientTape() as tape:
  loss = tf.reduce_sum(net(x))
opt.apply_gradients(zip(tape.gradient(loss, net.trainable_variables), net.trainable_variables))
path = tf.train.Checkpoint(model=net, optimizer=opt).write(os.path.join(tempfile.mkdtemp(), "c"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ sgd_momentum_slot_keys
import os, tempfile
layer = tf.keras.layers.Dense(2)
layer.build((None, 2))
opt = tf.keras.optimizers.SGD(0.1, momentum=0.9)
with tf.GradientTape() as tape:
  loss = tf.reduce_sum(layer(tf.ones((1, 2))))
opt.apply_gradients(zip(tape.gradient(loss, layer.trainable_variables), layer.trainable_variables))
path = tf.train.Checkpoint(layer=layer, optimizer=opt).write(os.path.join(tempfile.mkdtemp(), "c"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)
print(tf.train.load_variable(path, "optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE"))

#@ rmsprop_slot_values
import os, tempfile
layer = tf.keras.layers.Dense(1, kernel_initializer="ones")
layer.build((None, 2))
opt = tf.keras.optimizers.RMSprop(0.1)
with tf.GradientTape() as tape:
  loss = tf.reduce_sum(layer(tf.constant([[1.0, 2.0]])))
opt.apply_gradients(zip(tape.gradient(loss, layer.trainable_variables), layer.trainable_variables))
path = tf.train.Checkpoint(layer=layer, optimizer=opt).write(os.path.join(tempfile.mkdtemp(), "c"))
reader = tf.train.load_checkpoint(path)
for name in sorted(reader.get_variable_to_shape_map()):
  if name != "_CHECKPOINTABLE_OBJECT_GRAPH":
    print(name, reader.get_tensor(name))

#@ sequential_with_optimizer_names_model_variables_by_optimizer
import os, tempfile
model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
model.build((None, 2))
opt = tf.keras.optimizers.SGD(0.1)
with tf.GradientTape() as tape:
  loss = tf.reduce_sum(model(tf.ones((1, 2))))
opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
path = tf.train.Checkpoint(model=model, optimizer=opt).write(os.path.join(tempfile.mkdtemp(), "c"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)

#@ shared_variable_first_name_wins
import os, tempfile
v = tf.Variable(1.0)
path = tf.train.Checkpoint(b=v, a=v).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
print(tf.train.list_variables(path))

#@ nested_checkpoint_and_generator
import os, tempfile
inner = tf.train.Checkpoint(x=tf.Variable(2.0))
g = tf.random.Generator.from_seed(1)
path = tf.train.Checkpoint(c=inner, g=g, y=tf.Variable(1.0)).write(
    os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)
print(tf.train.load_variable(path, "g/_state_var/.ATTRIBUTES/VARIABLE_VALUE"))

#@ reader_maps
import os, tempfile
ckpt = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0]), i=tf.Variable(np.int64(3)),
                           h=tf.Variable(np.float16(1.5)), d=tf.Variable(np.zeros((2, 3))))
path = ckpt.write(os.path.join(tempfile.mkdtemp(), "ckpt"))
reader = tf.train.load_checkpoint(path)
shapes = reader.get_variable_to_shape_map()
dtypes = reader.get_variable_to_dtype_map()
for name in sorted(shapes):
  print(name, shapes[name], dtypes[name])
print(type(shapes[sorted(shapes)[1]]).__name__)

#@ reader_get_tensor_values
import os, tempfile
ckpt = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0]), i=tf.Variable(np.int64(3)),
                           b=tf.Variable([True, False]), c=tf.Variable([1 + 2j]))
path = ckpt.write(os.path.join(tempfile.mkdtemp(), "ckpt"))
reader = tf.train.load_checkpoint(path)
for name in ["v", "i", "b", "c"]:
  value = reader.get_tensor(name + "/.ATTRIBUTES/VARIABLE_VALUE")
  print(repr(value), type(value).__name__)

#@ reader_has_tensor
import os, tempfile
path = tf.train.Checkpoint(v=tf.Variable(1.0)).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
reader = tf.train.load_checkpoint(path)
print(reader.has_tensor("v/.ATTRIBUTES/VARIABLE_VALUE"))
print(reader.has_tensor("v"))
print(reader.has_tensor("_CHECKPOINTABLE_OBJECT_GRAPH"))
print(type(reader.get_tensor("_CHECKPOINTABLE_OBJECT_GRAPH")).__name__)

#@ reader_debug_string
import os, tempfile
ckpt = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0]), i=tf.Variable(np.int64(3)),
                           h=tf.Variable(np.float16(1.5)))
path = ckpt.save(os.path.join(tempfile.mkdtemp(), "ckpt"))
print(tf.train.load_checkpoint(path).debug_string().decode())

#@ missing_key_is_not_found
import os, tempfile
path = tf.train.Checkpoint(v=tf.Variable(1.0)).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
try:
  tf.train.load_checkpoint(path).get_tensor("nope")
except tf.errors.NotFoundError as e:
  print(type(e).__name__, e)
tf.train.load_variable(path, "v")

#@ missing_file_is_not_found
import os, tempfile
d = tempfile.mkdtemp()
try:
  tf.train.load_checkpoint(os.path.join(d, "nothing-1"))
except tf.errors.NotFoundError as e:
  print(type(e).__name__)
tf.train.list_variables(os.path.join(d, "missing"))

#@ empty_directory_is_value_error
import tempfile
tf.train.load_checkpoint(tempfile.mkdtemp())

#@ directory_means_latest_checkpoint
import os, tempfile
d = tempfile.mkdtemp()
v = tf.Variable(1.0)
ckpt = tf.train.Checkpoint(v=v)
ckpt.save(os.path.join(d, "ckpt"))
v.assign(5.0)
ckpt.save(os.path.join(d, "ckpt"))
print(tf.train.load_variable(d, "v/.ATTRIBUTES/VARIABLE_VALUE"))
print(tf.train.load_variable(d, "save_counter/.ATTRIBUTES/VARIABLE_VALUE"))
print([n for n, _ in tf.train.list_variables(d)])

#@ manager_checkpoints_are_readable
import os, tempfile
d = tempfile.mkdtemp()
step = tf.Variable(0)
manager = tf.train.CheckpointManager(tf.train.Checkpoint(step=step), d, max_to_keep=2)
for i in range(3):
  step.assign_add(1)
  manager.save()
for p in manager.checkpoints:
  print(os.path.basename(p), tf.train.load_variable(p, "step/.ATTRIBUTES/VARIABLE_VALUE"))

#@ load_variable_strips_colon_zero
import os, tempfile
path = tf.train.Checkpoint(w=tf.Variable([[1, 2], [3, 4]])).write(
    os.path.join(tempfile.mkdtemp(), "ckpt"))
print(tf.train.load_variable(path, "w/.ATTRIBUTES/VARIABLE_VALUE:0"))

#@ reading_after_training_step
import os, tempfile
w = tf.Variable([1.0, -1.0])
opt = tf.keras.optimizers.SGD(0.5)
with tf.GradientTape() as tape:
  loss = tf.reduce_sum(w * w)
opt.apply_gradients([(tape.gradient(loss, w), w)])
path = tf.train.Checkpoint(w=w, optimizer=opt).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
for name, shape in tf.train.list_variables(path):
  print(name, shape)
print(tf.train.load_variable(path, "w/.ATTRIBUTES/VARIABLE_VALUE"))
print(tf.train.load_variable(path, "optimizer/_learning_rate/.ATTRIBUTES/VARIABLE_VALUE"))

#@ reader_values_match_restore
import os, tempfile
class Net(tf.Module):
  def __init__(self):
    self.w = tf.Variable(tf.reshape(tf.range(6, dtype=tf.float32), (2, 3)))
net = Net()
path = tf.train.Checkpoint(net=net).write(os.path.join(tempfile.mkdtemp(), "ckpt"))
value = tf.train.load_variable(path, "net/w/.ATTRIBUTES/VARIABLE_VALUE")
other = Net()
other.w.assign(tf.zeros((2, 3)))
tf.train.Checkpoint(net=other).restore(path)
print(value)
print(np.array_equal(value, other.w.numpy()))
