# TF's guide "NumPy API on TensorFlow" (site/en/guide/tf_numpy.ipynb in tensorflow/docs), cell by
# cell, numbered as the notebook's code cells. NumPy behaviour is a global switch, so each cell
# runs in a fresh process (#! isolated) after the notebook's earlier cells it depends on (the
# enabling cell 8, the model of cell 26, the batch helpers of cell 40). Timing cells (43, 46)
# print their timings as "<time>".
# Not here: cell 1 (licence), 6 (prints TF's version), 30 (a matplotlib histogram), 55 and 56
# (benchmark plots); and the cells tapeflow does not match: 29 and 33 print TF's internal class
# path of EagerTensor (`tensorflow.python.framework.ops.EagerTensor`), 49, 51 and 53 need
# `tf.config.list_logical_devices` / `tf.device`, which this branch does not have.

#@ cell_08_enable_numpy_behavior
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
print(tnp.ones([2]).T.shape)

#@ cell_11_ndarray_attributes
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
ones = tnp.ones([5, 3], dtype=tnp.float32)
print("Created ND array with shape = %s, rank = %s, "
      "dtype = %s on device = %s\n" % (
          ones.shape, ones.ndim, ones.dtype, ones.device))
print("Is `ones` an instance of tf.Tensor: %s\n" % isinstance(ones, tf.Tensor))
print("ndarray.T has shape %s" % str(ones.T.shape))
print("narray.reshape(-1) has shape %s" % ones.reshape(-1).shape)

#@ cell_15_type_promotion
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
print("Type promotion for operations")
values = [tnp.asarray(1, dtype=d) for d in
          (tnp.int32, tnp.int64, tnp.float32, tnp.float64)]
for i, v1 in enumerate(values):
  for v2 in values[i + 1:]:
    print("%s + %s => %s" %
          (v1.dtype.name, v2.dtype.name, (v1 + v2).dtype.name))

#@ cell_17_type_inference
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
print("Type inference during array creation")
print("tnp.asarray(1).dtype == tnp.%s" % tnp.asarray(1).dtype.name)
print("tnp.asarray(1.).dtype == tnp.%s\n" % tnp.asarray(1.).dtype.name)

#@ cell_19_prefer_float32
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
tnp.experimental_enable_numpy_behavior(prefer_float32=True)
print("When prefer_float32 is True:")
print("tnp.asarray(1.).dtype == tnp.%s" % tnp.asarray(1.).dtype.name)
print("tnp.add(1., 2.).dtype == tnp.%s" % tnp.add(1., 2.).dtype.name)

tnp.experimental_enable_numpy_behavior(prefer_float32=False)
print("When prefer_float32 is False:")
print("tnp.asarray(1.).dtype == tnp.%s" % tnp.asarray(1.).dtype.name)
print("tnp.add(1., 2.).dtype == tnp.%s" % tnp.add(1., 2.).dtype.name)

#@ cell_21_broadcasting
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
x = tnp.ones([2, 3])
y = tnp.ones([3])
z = tnp.ones([1, 2, 1])
print("Broadcasting shapes %s, %s and %s gives shape %s" % (
    x.shape, y.shape, z.shape, (x + y + z).shape))

#@ cell_23_indexing
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
x = tnp.arange(24).reshape(2, 3, 4)

print("Basic indexing")
print(x[1, tnp.newaxis, 1:3, ...], "\n")

print("Boolean indexing")
print(x[:, (True, False, True)], "\n")

print("Advanced indexing")
print(x[1, (0, 0, 1), tnp.asarray([0, 1, 1])])

#@ cell_24_no_mutation
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
try:
  tnp.arange(6)[1] = -1
except TypeError:
  print("Currently, TensorFlow NumPy does not support mutation.")

#@ cell_26_model_predict
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
class Model(object):
  """Model with a dense and a linear layer."""

  def __init__(self):
    self.weights = None

  def predict(self, inputs):
    if self.weights is None:
      size = inputs.shape[1]
      # Note that type `tnp.float32` is used for performance.
      stddev = tnp.sqrt(size).astype(tnp.float32)
      w1 = tnp.random.randn(size, 64).astype(tnp.float32) / stddev
      bias = tnp.random.randn(64).astype(tnp.float32)
      w2 = tnp.random.randn(64, 2).astype(tnp.float32) / 8
      self.weights = (w1, bias, w2)
    else:
      w1, bias, w2 = self.weights
    y = tnp.matmul(inputs, w1) + bias
    y = tnp.maximum(y, 0)  # Relu
    return tnp.matmul(y, w2)  # Linear projection

model = Model()
# Create input data and compute predictions.
print(model.predict(tnp.ones([2, 32], dtype=tnp.float32)))

#@ cell_36_asarray_is_a_no_op
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
x = tf.constant([1, 2])
print(x)

# `asarray` and `convert_to_tensor` here are no-ops.
tnp_x = tnp.asarray(x)
print(tnp_x)
print(tf.convert_to_tensor(tnp_x))

# Note that tf.Tensor.numpy() will continue to return `np.ndarray`.
print(x.numpy(), x.numpy().__class__)

#@ cell_38_tf_and_tnp_interop
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
tf_sum = tf.reduce_sum(tnp.ones([2, 3], tnp.float32))
print("Output = %s" % tf_sum)

tnp_sum = tnp.sum(tf.ones([2, 3]))
print("Output = %s" % tnp_sum)

#@ cell_40_gradients
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
class Model(object):
  def __init__(self):
    self.weights = None
  def predict(self, inputs):
    if self.weights is None:
      size = inputs.shape[1]
      stddev = tnp.sqrt(size).astype(tnp.float32)
      w1 = tnp.random.randn(size, 64).astype(tnp.float32) / stddev
      bias = tnp.random.randn(64).astype(tnp.float32)
      w2 = tnp.random.randn(64, 2).astype(tnp.float32) / 8
      self.weights = (w1, bias, w2)
    else:
      w1, bias, w2 = self.weights
    y = tnp.matmul(inputs, w1) + bias
    y = tnp.maximum(y, 0)
    return tnp.matmul(y, w2)
model = Model()
model.predict(tnp.ones([2, 32], dtype=tnp.float32))

def create_batch(batch_size=32):
  """Creates a batch of input and labels."""
  return (tnp.random.randn(batch_size, 32).astype(tnp.float32),
          tnp.random.randn(batch_size, 2).astype(tnp.float32))

def compute_gradients(model, inputs, labels):
  """Computes gradients of squared loss between model prediction and labels."""
  with tf.GradientTape() as tape:
    assert model.weights is not None
    # Note that `model.weights` need to be explicitly watched since they
    # are not tf.Variables.
    tape.watch(model.weights)
    # Compute prediction and loss
    prediction = model.predict(inputs)
    loss = tnp.sum(tnp.square(prediction - labels))
  # This call computes the gradient through the computation above.
  return tape.gradient(loss, model.weights)

inputs, labels = create_batch()
gradients = compute_gradients(model, inputs, labels)

# Inspect the shapes of returned gradients to verify they match the
# parameter shapes.
print("Parameter shapes:", [w.shape for w in model.weights])
print("Gradient shapes:", [g.shape for g in gradients])
# Verify that gradients are of type ND array.
assert isinstance(gradients[0], tnp.ndarray)

#@ cell_41_batch_jacobian
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
class Model(object):
  def __init__(self):
    self.weights = None
  def predict(self, inputs):
    if self.weights is None:
      size = inputs.shape[1]
      stddev = tnp.sqrt(size).astype(tnp.float32)
      w1 = tnp.random.randn(size, 64).astype(tnp.float32) / stddev
      bias = tnp.random.randn(64).astype(tnp.float32)
      w2 = tnp.random.randn(64, 2).astype(tnp.float32) / 8
      self.weights = (w1, bias, w2)
    else:
      w1, bias, w2 = self.weights
    y = tnp.matmul(inputs, w1) + bias
    y = tnp.maximum(y, 0)
    return tnp.matmul(y, w2)
model = Model()
model.predict(tnp.ones([2, 32], dtype=tnp.float32))

def prediction_batch_jacobian(inputs):
  with tf.GradientTape() as tape:
    tape.watch(inputs)
    prediction = model.predict(inputs)
  return prediction, tape.batch_jacobian(prediction, inputs)

inp_batch = tnp.ones([16, 32], tnp.float32)
output, batch_jacobian = prediction_batch_jacobian(inp_batch)
# Note how the batch jacobian shape relates to the input and output shapes.
print("Output shape: %s, input shape: %s" % (output.shape, inp_batch.shape))
print("Batch jacobian shape:", batch_jacobian.shape)

#@ cell_43_eager_and_compiled_performance
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
class Model(object):
  def __init__(self):
    self.weights = None
  def predict(self, inputs):
    if self.weights is None:
      size = inputs.shape[1]
      stddev = tnp.sqrt(size).astype(tnp.float32)
      w1 = tnp.random.randn(size, 64).astype(tnp.float32) / stddev
      bias = tnp.random.randn(64).astype(tnp.float32)
      w2 = tnp.random.randn(64, 2).astype(tnp.float32) / 8
      self.weights = (w1, bias, w2)
    else:
      w1, bias, w2 = self.weights
    y = tnp.matmul(inputs, w1) + bias
    y = tnp.maximum(y, 0)
    return tnp.matmul(y, w2)
model = Model()
model.predict(tnp.ones([2, 32], dtype=tnp.float32))
def create_batch(batch_size=32):
  return (tnp.random.randn(batch_size, 32).astype(tnp.float32),
          tnp.random.randn(batch_size, 2).astype(tnp.float32))
def compute_gradients(model, inputs, labels):
  with tf.GradientTape() as tape:
    assert model.weights is not None
    tape.watch(model.weights)
    prediction = model.predict(inputs)
    loss = tnp.sum(tnp.square(prediction - labels))
  return tape.gradient(loss, model.weights)
import timeit
_timeit = timeit.timeit
class _MaskedTime(float):
  def __mul__(self, other):
    return _MaskedTime(0.0)
  def __str__(self):
    return "<time>"
timeit.timeit = lambda *a, **k: (_timeit(*a, **k), _MaskedTime(0.0))[1]
inputs, labels = create_batch(512)
print("Eager performance")
compute_gradients(model, inputs, labels)
print(timeit.timeit(lambda: compute_gradients(model, inputs, labels),
                    number=10) * 100, "ms")

print("\ntf.function compiled performance")
compiled_compute_gradients = tf.function(compute_gradients)
compiled_compute_gradients(model, inputs, labels)  # warmup
print(timeit.timeit(lambda: compiled_compute_gradients(model, inputs, labels),
                    number=10) * 100, "ms")

#@ cell_45_vectorized_per_example_gradients
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
class Model(object):
  def __init__(self):
    self.weights = None
  def predict(self, inputs):
    if self.weights is None:
      size = inputs.shape[1]
      stddev = tnp.sqrt(size).astype(tnp.float32)
      w1 = tnp.random.randn(size, 64).astype(tnp.float32) / stddev
      bias = tnp.random.randn(64).astype(tnp.float32)
      w2 = tnp.random.randn(64, 2).astype(tnp.float32) / 8
      self.weights = (w1, bias, w2)
    else:
      w1, bias, w2 = self.weights
    y = tnp.matmul(inputs, w1) + bias
    y = tnp.maximum(y, 0)
    return tnp.matmul(y, w2)
model = Model()
model.predict(tnp.ones([2, 32], dtype=tnp.float32))

def create_batch(batch_size=32):
  return (tnp.random.randn(batch_size, 32).astype(tnp.float32),
          tnp.random.randn(batch_size, 2).astype(tnp.float32))

def compute_gradients(model, inputs, labels):
  with tf.GradientTape() as tape:
    assert model.weights is not None
    tape.watch(model.weights)
    prediction = model.predict(inputs)
    loss = tnp.sum(tnp.square(prediction - labels))
  return tape.gradient(loss, model.weights)

@tf.function
def vectorized_per_example_gradients(inputs, labels):
  def single_example_gradient(arg):
    inp, label = arg
    return compute_gradients(model,
                             tnp.expand_dims(inp, 0),
                             tnp.expand_dims(label, 0))
  # Note that a call to `tf.vectorized_map` semantically maps
  # `single_example_gradient` over each row of `inputs` and `labels`.
  # The interface is similar to `tf.map_fn`.
  # The underlying machinery vectorizes away this map loop which gives
  # nice speedups.
  return tf.vectorized_map(single_example_gradient, (inputs, labels))

batch_size = 128
inputs, labels = create_batch(batch_size)

per_example_gradients = vectorized_per_example_gradients(inputs, labels)
for w, p in zip(model.weights, per_example_gradients):
  print("Weight shape: %s, batch size: %s, per example gradient shape: %s " % (
      w.shape, batch_size, p.shape))


#@ cell_46_vectorized_and_unvectorized_performance
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
class Model(object):
  def __init__(self):
    self.weights = None
  def predict(self, inputs):
    if self.weights is None:
      size = inputs.shape[1]
      stddev = tnp.sqrt(size).astype(tnp.float32)
      w1 = tnp.random.randn(size, 64).astype(tnp.float32) / stddev
      bias = tnp.random.randn(64).astype(tnp.float32)
      w2 = tnp.random.randn(64, 2).astype(tnp.float32) / 8
      self.weights = (w1, bias, w2)
    else:
      w1, bias, w2 = self.weights
    y = tnp.matmul(inputs, w1) + bias
    y = tnp.maximum(y, 0)
    return tnp.matmul(y, w2)
model = Model()
model.predict(tnp.ones([2, 32], dtype=tnp.float32))
def create_batch(batch_size=32):
  return (tnp.random.randn(batch_size, 32).astype(tnp.float32),
          tnp.random.randn(batch_size, 2).astype(tnp.float32))
def compute_gradients(model, inputs, labels):
  with tf.GradientTape() as tape:
    assert model.weights is not None
    tape.watch(model.weights)
    prediction = model.predict(inputs)
    loss = tnp.sum(tnp.square(prediction - labels))
  return tape.gradient(loss, model.weights)
import timeit
_timeit = timeit.timeit
class _MaskedTime(float):
  def __mul__(self, other):
    return _MaskedTime(0.0)
  def __str__(self):
    return "<time>"
timeit.timeit = lambda *a, **k: (_timeit(*a, **k), _MaskedTime(0.0))[1]
@tf.function
def vectorized_per_example_gradients(inputs, labels):
  def single_example_gradient(arg):
    inp, label = arg
    return compute_gradients(model,
                             tnp.expand_dims(inp, 0),
                             tnp.expand_dims(label, 0))
  return tf.vectorized_map(single_example_gradient, (inputs, labels))

batch_size = 128
inputs, labels = create_batch(batch_size)
per_example_gradients = vectorized_per_example_gradients(inputs, labels)

@tf.function
def unvectorized_per_example_gradients(inputs, labels):
  def single_example_gradient(arg):
    inp, label = arg
    return compute_gradients(model,
                             tnp.expand_dims(inp, 0),
                             tnp.expand_dims(label, 0))

  return tf.map_fn(single_example_gradient, (inputs, labels),
                   fn_output_signature=(tf.float32, tf.float32, tf.float32))

print("Running vectorized computation")
print(timeit.timeit(lambda: vectorized_per_example_gradients(inputs, labels),
                    number=10) * 100, "ms")

print("\nRunning unvectorized computation")
per_example_gradients = unvectorized_per_example_gradients(inputs, labels)
print(timeit.timeit(lambda: unvectorized_per_example_gradients(inputs, labels),
                    number=10) * 100, "ms")
print([p.shape for p in per_example_gradients])
