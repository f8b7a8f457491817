# TF's guide site/en/guide/function.ipynb, cell by cell (tensorflow/docs). Each scenario repeats the
# definitions of earlier cells it needs. The guide's `assert_raises` prints a traceback (TF's
# internal file paths): here it prints the exception's type and first line instead. `tf.print`
# writes to a file here (TF's kernel writes below Python's sys.stdout, where a capture cannot see
# it), which the scenario prints at the end. Left out: the licence and import cells, timings
# (conv_fn), and cells printing object addresses.

#@ add_ones
@tf.function
def add(a, b):
  return a + b

print(add(tf.ones([2, 2]), tf.ones([2, 2])))

#@ add_gradient
@tf.function
def add(a, b):
  return a + b

v = tf.Variable(1.0)
with tf.GradientTape() as tape:
  result = add(v, 1.0)
print(tape.gradient(result, v))

#@ dense_layer
@tf.function
def add(a, b):
  return a + b

@tf.function
def dense_layer(x, w, b):
  return add(tf.matmul(x, w), b)

print(dense_layer(tf.ones([3, 2]), tf.ones([2, 2]), tf.ones([2])))

#@ double_tracing
@tf.function
def double(a):
  print("Tracing with", a)
  return a + a

print(double(tf.constant(1)))
print()
print(double(tf.constant(1.1)))
print()
print(double(tf.constant("a")))
print()

#@ double_no_retrace
@tf.function
def double(a):
  print("Tracing with", a)
  return a + a

double(tf.constant(1))
print(double(tf.constant("b")))
print(double(tf.constant("b")))

#@ double_signatures
@tf.function
def double(a):
  print("Tracing with", a)
  return a + a

double(tf.constant(1))
double(tf.constant(1.1))
double(tf.constant("a"))
print(double.pretty_printed_concrete_signatures())

#@ input_signature_collatz
@tf.function(input_signature=(tf.TensorSpec(shape=[None], dtype=tf.int32),))
def next_collatz(x):
  print("Tracing with", x)
  return tf.where(x % 2 == 0, x // 2, 3 * x + 1)

print(next_collatz(tf.constant([1, 2])))
try:
  next_collatz(tf.constant([[1, 2], [3, 4]]))
except TypeError as e:
  print("TypeError")
try:
  next_collatz(tf.constant([1.0, 2.0]))
except TypeError as e:
  print("TypeError")

#@ unknown_dimension_signature
@tf.function(input_signature=(tf.TensorSpec(shape=[None], dtype=tf.int32),))
def g(x):
  print('Tracing with', x)
  return x

print(g(tf.constant([1, 2, 3])))
print(g(tf.constant([1, 2, 3, 4, 5])))

#@ reduce_retracing
@tf.function(reduce_retracing=True)
def g(x):
  print('Tracing with', x)
  return x

print(g(tf.constant([1, 2, 3])))
print(g(tf.constant([1, 2, 3, 4, 5])))
print(g(tf.constant([1, 2, 3, 4, 5, 6, 7])))
print(g(tf.constant([1, 2, 3, 4, 5, 6, 7, 8, 9])))

#@ python_argument_retracing
import os, tempfile
LOG = os.path.join(tempfile.mkdtemp(), 'log.txt')
def train_one_step():
  pass

@tf.function
def train(num_steps):
  print("Tracing with num_steps = ", num_steps)
  tf.print("Executing with num_steps = ", num_steps, output_stream="file://" + LOG)
  for _ in tf.range(num_steps):
    train_one_step()

print("Retracing occurs for different Python arguments.")
train(num_steps=10)
train(num_steps=20)

print()
print("Traces are reused for Tensor arguments.")
train(num_steps=tf.constant(10))
train(num_steps=tf.constant(20))
print(open(LOG).read(), end='')


#@ new_function_objects_retrace
import os, tempfile
LOG = os.path.join(tempfile.mkdtemp(), 'log.txt')
def f():
  print('Tracing!')
  tf.print('Executing', output_stream="file://" + LOG)

tf.function(f)()
tf.function(f)()
print(open(LOG).read(), end='')


#@ objects_retrace_by_identity
@tf.function
def get_mixed_flavor(fruit_a, fruit_b):
  print("Tracing")
  return fruit_a.flavor + fruit_b.flavor

class Fruit:
  flavor = tf.constant([0, 0])

class Apple(Fruit):
  flavor = tf.constant([1, 2])

class Mango(Fruit):
  flavor = tf.constant([3, 4])

print(get_mixed_flavor(Apple(), Mango()))
print(get_mixed_flavor(Apple(), Mango()))
print(get_mixed_flavor.experimental_get_tracing_count())

#@ custom_trace_type
@tf.function
def get_mixed_flavor(fruit_a, fruit_b):
  print("Tracing")
  return fruit_a.flavor + fruit_b.flavor

class FruitTraceType(tf.types.experimental.TraceType):
  def __init__(self, fruit):
    self.fruit_type = type(fruit)
    self.fruit_value = fruit

  def is_subtype_of(self, other):
      return (type(other) is FruitTraceType and
              self.fruit_type is other.fruit_type)

  def most_specific_common_supertype(self, others):
      return self if all(self == other for other in others) else None

  def placeholder_value(self, placeholder_context=None):
      return self.fruit_value

  def __eq__(self, other):
    return type(other) is FruitTraceType and self.fruit_type == other.fruit_type

  def __hash__(self):
    return hash(self.fruit_type)

class FruitWithTraceType:

  def __tf_tracing_type__(self, context):
    return FruitTraceType(self)

class AppleWithTraceType(FruitWithTraceType):
  flavor = tf.constant([1, 2])

class MangoWithTraceType(FruitWithTraceType):
  flavor = tf.constant([3, 4])

print(get_mixed_flavor(AppleWithTraceType(), MangoWithTraceType()))
print(get_mixed_flavor(AppleWithTraceType(), MangoWithTraceType()))
print(get_mixed_flavor.experimental_get_tracing_count())

#@ obtaining_concrete_function
@tf.function
def double(a):
  print("Tracing with", a)
  return a + a

print("Obtaining concrete trace")
double_strings = double.get_concrete_function(tf.constant("a"))
print("Executing traced function")
print(double_strings(tf.constant("a")))
print(double_strings(a=tf.constant("b")))

#@ concrete_function_from_spec
@tf.function
def double(a):
  print("Tracing with", a)
  return a + a

double_strings_from_inputspec = double.get_concrete_function(tf.TensorSpec(shape=[], dtype=tf.string))
print(double_strings_from_inputspec(tf.constant("c")))

#@ concrete_function_printed
@tf.function
def double(a):
  return a + a

double_strings = double.get_concrete_function(tf.constant("a"))
print(double_strings)

#@ concrete_function_type
@tf.function
def double(a):
  return a + a

double_strings = double.get_concrete_function(tf.constant("a"))
print(double_strings.function_type)

#@ concrete_function_wrong_dtype
@tf.function
def double(a):
  return a + a

double_strings = double.get_concrete_function(tf.constant("a"))
try:
  double_strings(tf.constant(1))
except tf.errors.InvalidArgumentError as e:
  print("InvalidArgumentError")

#@ concrete_function_python_argument
@tf.function
def pow(a, b):
  return a ** b

square = pow.get_concrete_function(a=tf.TensorSpec(None, tf.float32), b=2)
print(square)
assert square(tf.constant(10.0)) == 100
try:
  square(tf.constant(10.0), b=3)
except TypeError as e:
  print("TypeError")

#@ graph_nodes
@tf.function
def double(a):
  return a + a

double_strings = double.get_concrete_function(tf.constant("a"))
graph = double_strings.graph
for node in graph.as_graph_def().node:
  print(f'{node.input} -> {node.name}')

#@ while_tanh
import os, tempfile
LOG = os.path.join(tempfile.mkdtemp(), 'log.txt')
@tf.function
def f(x):
  while tf.reduce_sum(x) > 1:
    tf.print(x, output_stream="file://" + LOG)
    x = tf.tanh(x)
  return x

print(f(tf.constant([0.5, 0.9, 0.7])))
print(open(LOG).read(), end='')


#@ fizzbuzz
import os, tempfile
LOG = os.path.join(tempfile.mkdtemp(), 'log.txt')
@tf.function
def fizzbuzz(n):
  for i in tf.range(1, n + 1):
    print('Tracing for loop')
    if i % 15 == 0:
      print('Tracing fizzbuzz branch')
      tf.print('fizzbuzz', output_stream="file://" + LOG)
    elif i % 3 == 0:
      print('Tracing fizz branch')
      tf.print('fizz', output_stream="file://" + LOG)
    elif i % 5 == 0:
      print('Tracing buzz branch')
      tf.print('buzz', output_stream="file://" + LOG)
    else:
      print('Tracing default branch')
      tf.print(i, output_stream="file://" + LOG)

fizzbuzz(tf.constant(5))
fizzbuzz(tf.constant(20))
print(open(LOG).read(), end='')


#@ graph_size_python_loop
@tf.function
def train(dataset):
  loss = tf.constant(0)
  for x, y in dataset:
    loss += tf.abs(y - x)
  return loss

small_data = [(1, 1)] * 3
big_data = [(1, 1)] * 10
print(train(small_data), train(big_data))

#@ dynamic_rnn
batch_size = 2
seq_len = 3
feature_size = 4

def rnn_step(inp, state):
  return inp + state

@tf.function
def dynamic_rnn(rnn_step, input_data, initial_state):
  input_data = tf.transpose(input_data, [1, 0, 2])
  max_seq_len = input_data.shape[0]

  states = tf.TensorArray(tf.float32, size=max_seq_len)
  state = initial_state
  for i in tf.range(max_seq_len):
    state = rnn_step(input_data[i], state)
    states = states.write(i, state)
  return tf.transpose(states.stack(), [1, 0, 2])

print(dynamic_rnn(rnn_step,
            tf.reshape(tf.range(24, dtype=tf.float32), [batch_size, seq_len, feature_size]),
            tf.zeros([batch_size, feature_size])))

#@ python_side_effects_once
import os, tempfile
LOG = os.path.join(tempfile.mkdtemp(), 'log.txt')
@tf.function
def f(x):
  print("Traced with", x)
  tf.print("Executed with", x, output_stream="file://" + LOG)

f(1)
f(1)
f(2)
print(open(LOG).read(), end='')


#@ py_function_runs_every_call
@tf.py_function(Tout=tf.float32)
def py_plus(x, y):
  print('Executing eagerly.')
  return x + y

@tf.function
def tf_wrapper(x, y):
  print('Tracing.')
  return py_plus(x, y)

print(tf_wrapper(tf.constant(1.0), tf.constant(2.0)).numpy())
print(tf_wrapper(tf.constant(1.0), tf.constant(2.0)).numpy())

#@ external_list_side_effect
external_list = []

@tf.function
def side_effect(x):
  print('Python side effect')
  external_list.append(x)

side_effect(1)
side_effect(1)
side_effect(1)
assert len(external_list) == 1
print(len(external_list))

#@ model_python_counter
class Model(tf.Module):
  def __init__(self):
    self.v = tf.Variable(0)
    self.counter = 0

  @tf.function
  def __call__(self):
    if self.counter == 0:
      self.counter += 1
      self.v.assign_add(1)

    return self.v

m = Model()
for n in range(3):
  print(m().numpy())

#@ model_init_scope
class Model(tf.Module):
  def __init__(self):
    self.v = tf.Variable(0)
    self.counter = 0

  @tf.function
  def __call__(self):
    if self.counter == 0:
      with tf.init_scope():
        self.counter += 1
        self.v.assign_add(1)

    return self.v

m = Model()
for n in range(3):
  print(m().numpy())

#@ buggy_python_iterator
import os, tempfile
LOG = os.path.join(tempfile.mkdtemp(), 'log.txt')
@tf.function
def buggy_consume_next(iterator):
  tf.print("Value:", next(iterator), output_stream="file://" + LOG)

iterator = iter([1, 2, 3])
buggy_consume_next(iterator)
buggy_consume_next(iterator)
buggy_consume_next(iterator)
print(open(LOG).read(), end='')


#@ good_dataset_iterator
import os, tempfile
LOG = os.path.join(tempfile.mkdtemp(), 'log.txt')
@tf.function
def good_consume_next(iterator):
  tf.print("Value:", next(iterator), output_stream="file://" + LOG)

ds = tf.data.Dataset.from_tensor_slices([1, 2, 3])
iterator = iter(ds)
good_consume_next(iterator)
good_consume_next(iterator)
good_consume_next(iterator)
print(open(LOG).read(), end='')


#@ leaky_function
x = None

@tf.function
def leaky_function(a):
  global x
  x = a + 1
  return a + 2

correct_a = leaky_function(tf.constant(1))
print(correct_a.numpy())
try:
  x.numpy()
except AttributeError as expected:
  print(expected)

#@ leaky_function_returned
x = None

@tf.function
def leaky_function(a):
  global x
  x = a + 1
  return x

correct_a = leaky_function(tf.constant(1))
print(correct_a.numpy())
try:
  x.numpy()
except AttributeError as expected:
  print(expected)

#@ captures_leaked_tensor
x = None

@tf.function
def leaky_function(a):
  global x
  x = a + 1
  return x

leaky_function(tf.constant(1))

@tf.function
def captures_leaked_tensor(b):
  b += x
  return b

try:
  captures_leaked_tensor(tf.constant(2))
except TypeError as e:
  print("TypeError")

#@ recursive_tensor_fails
@tf.function
def recursive_fn(n):
  if n > 0:
    return recursive_fn(n - 1)
  else:
    return 1

try:
  recursive_fn(tf.constant(5))
except Exception as e:
  print("raised")

#@ recursive_python_ok
@tf.function
def recursive_fn(n):
  if n > 0:
    print('tracing')
    return recursive_fn(n - 1)
  else:
    return 1

print(recursive_fn(5))

#@ buggy_global_python_value
@tf.function
def buggy_add():
  return 1 + foo

@tf.function
def recommended_add(foo):
  return 1 + foo

foo = 1
print("Buggy:", buggy_add())
print("Correct:", recommended_add(foo))

print("Updating the value of `foo` to 100!")
foo = 100
print("Buggy:", buggy_add())
print("Correct:", recommended_add(foo))

#@ variable_global
@tf.function
def variable_add():
  return 1 + foo

foo = tf.Variable(1)
print("Variable:", variable_add())

print("Updating the value of `foo` to 100!")
foo.assign(100)
print("Variable:", variable_add())

#@ python_attributes_baked
class SimpleModel(tf.Module):
  def __init__(self):
    self.bias = 0.
    self.weight = 2.

@tf.function
def evaluate(model, x):
  return model.weight * x + model.bias

simple_model = SimpleModel()
x = tf.constant(10.)
print(evaluate(simple_model, x))

print("Adding bias!")
simple_model.bias += 5.0
print(evaluate(simple_model, x))

#@ concrete_function_new_model
class SimpleModel(tf.Module):
  def __init__(self):
    self.bias = 0.
    self.weight = 2.

def evaluate(model, x):
  return model.weight * x + model.bias

x = tf.constant(10.)
new_model = SimpleModel()
evaluate_no_bias = tf.function(evaluate).get_concrete_function(new_model, x)
print(evaluate_no_bias(x))

print("Adding bias!")
new_model.bias += 5.0
evaluate_with_bias = tf.function(evaluate).get_concrete_function(new_model, x)
print(evaluate_with_bias(x))

#@ variables_as_attributes
class BetterModel:

  def __init__(self):
    self.bias = tf.Variable(0.)
    self.weight = tf.Variable(2.)

@tf.function
def evaluate(model, x):
  return model.weight * x + model.bias

x = tf.constant(10.)
better_model = BetterModel()
print(evaluate(better_model, x))

print("Adding bias!")
better_model.bias.assign_add(5.0)
print(evaluate(better_model, x))

#@ variable_in_function_raises
@tf.function
def f(x):
  v = tf.Variable(1.0)
  return v

try:
  f(1.0)
except ValueError as e:
  print("ValueError:", str(e).splitlines()[0][:60])

#@ variable_created_once
class Count(tf.Module):
  def __init__(self):
    self.count = None

  @tf.function
  def __call__(self):
    if self.count is None:
      self.count = tf.Variable(0)
    return self.count.assign_add(1)

c = Count()
print(c())
print(c())

#@ optimizer_argument_retrace_fails
opt1 = tf.keras.optimizers.Adam(learning_rate = 1e-2)
opt2 = tf.keras.optimizers.Adam(learning_rate = 1e-3)

@tf.function
def train_step(w, x, y, optimizer):
   with tf.GradientTape() as tape:
       L = tf.reduce_sum(tf.square(w*x - y))
   gradients = tape.gradient(L, [w])
   optimizer.apply_gradients(zip(gradients, [w]))

w = tf.Variable(2.)
x = tf.constant([-1.])
y = tf.constant([2.])

train_step(w, x, y, opt1)
print(w.numpy())
print("Calling `train_step` with different optimizer...")
try:
  train_step(w, x, y, opt2)
except ValueError as e:
  print("ValueError")

#@ train_step_module_per_optimizer
class TrainStep(tf.Module):
  def __init__(self, optimizer):
    self.optimizer = optimizer

  @tf.function
  def __call__(self, w, x, y):
    with tf.GradientTape() as tape:
       L = tf.reduce_sum(tf.square(w*x - y))
    gradients = tape.gradient(L, [w])
    self.optimizer.apply_gradients(zip(gradients, [w]))

opt1 = tf.keras.optimizers.Adam(learning_rate = 1e-2)
opt2 = tf.keras.optimizers.Adam(learning_rate = 1e-3)
w = tf.Variable(2.)
x = tf.constant([-1.])
y = tf.constant([2.])

train_o1 = TrainStep(opt1)
train_o2 = TrainStep(opt2)

train_o1(w, x, y)
train_o2(w, x, y)
print(w.numpy())

#@ two_functions_two_optimizers
opt1 = tf.keras.optimizers.Adam(learning_rate = 1e-2)
opt2 = tf.keras.optimizers.Adam(learning_rate = 1e-3)

def train_step(w, x, y, optimizer):
   with tf.GradientTape() as tape:
       L = tf.reduce_sum(tf.square(w*x - y))
   gradients = tape.gradient(L, [w])
   optimizer.apply_gradients(zip(gradients, [w]))

w = tf.Variable(2.)
x = tf.constant([-1.])
y = tf.constant([2.])

train_step_1 = tf.function(train_step)
train_step_2 = tf.function(train_step)
for i in range(10):
  if i % 2 == 0:
    train_step_1(w, x, y, opt1)
  else:
    train_step_2(w, x, y, opt2)
print(w.numpy())
