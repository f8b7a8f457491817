# TF's guide site/en/guide/intro_to_graphs.ipynb, cell by cell (tensorflow/docs). Each scenario
# repeats the definitions of earlier cells it needs. Left out: cell 0 (licence), 1 (imports),
# 24 and 25 (timings), and cell 6's GraphDef text, replaced by the graph's op listing.

#@ cell2_function_equals_regular_function
def a_regular_function(x, y, b):
  x = tf.matmul(x, y)
  x = x + b
  return x

a_function_that_uses_a_graph = tf.function(a_regular_function)
x1 = tf.constant([[1.0, 2.0]])
y1 = tf.constant([[2.0], [3.0]])
b1 = tf.constant(4.0)
orig_value = a_regular_function(x1, y1, b1).numpy()
tf_function_value = a_function_that_uses_a_graph(x1, y1, b1).numpy()
assert(orig_value == tf_function_value)
print(orig_value, tf_function_value)

#@ cell3_inner_function
def inner_function(x, y, b):
  x = tf.matmul(x, y)
  x = x + b
  return x

@tf.function
def outer_function(x):
  y = tf.constant([[2.0], [3.0]])
  b = tf.constant(4.0)
  return inner_function(x, y, b)

print(outer_function(tf.constant([[1.0, 2.0]])).numpy())

#@ cell4_simple_relu
def simple_relu(x):
  if tf.greater(x, 0):
    return x
  else:
    return 0

tf_simple_relu = tf.function(simple_relu)
print("First branch, with graph:", tf_simple_relu(tf.constant(1)).numpy())
print("Second branch, with graph:", tf_simple_relu(tf.constant(-1)).numpy())

#@ cell6_graph_operations
def simple_relu(x):
  if tf.greater(x, 0):
    return x
  else:
    return 0

tf_simple_relu = tf.function(simple_relu)
g = tf_simple_relu.get_concrete_function(tf.constant(1)).graph
print([op.type for op in g.get_operations()][:3])
print(g.get_operations()[0].name)

#@ cell7_my_relu_new_graphs
@tf.function
def my_relu(x):
  return tf.maximum(0., x)

print(my_relu(tf.constant(5.5)))
print(my_relu([1, -1]))
print(my_relu(tf.constant([3., -3.])))

#@ cell8_no_new_graphs
@tf.function
def my_relu(x):
  return tf.maximum(0., x)

my_relu(tf.constant(5.5))
my_relu([1, -1])
my_relu(tf.constant([3., -3.]))
print(my_relu(tf.constant(-2.5)))
print(my_relu(tf.constant([-1., 1.])))
print(my_relu.experimental_get_tracing_count())

#@ cell9_concrete_signatures
@tf.function
def my_relu(x):
  return tf.maximum(0., x)

my_relu(tf.constant(5.5))
my_relu([1, -1])
my_relu(tf.constant([3., -3.]))
print(my_relu.pretty_printed_concrete_signatures())

#@ cell12_get_mse
@tf.function
def get_MSE(y_true, y_pred):
  sq_diff = tf.pow(y_true - y_pred, 2)
  return tf.reduce_mean(sq_diff)

y_true = tf.constant([5, 1, 9, 8, 3])
y_pred = tf.constant([3, 7, 9, 2, 2])
print(get_MSE(y_true, y_pred))

#@ cell14_run_functions_eagerly
@tf.function
def get_MSE(y_true, y_pred):
  sq_diff = tf.pow(y_true - y_pred, 2)
  return tf.reduce_mean(sq_diff)

y_true = tf.constant([5, 1, 9, 8, 3])
y_pred = tf.constant([3, 7, 9, 2, 2])
tf.config.run_functions_eagerly(True)
print(get_MSE(y_true, y_pred))
tf.config.run_functions_eagerly(False)
print(tf.config.functions_run_eagerly())

#@ cell17_print_once
@tf.function
def get_MSE(y_true, y_pred):
  print("Calculating MSE!")
  sq_diff = tf.pow(y_true - y_pred, 2)
  return tf.reduce_mean(sq_diff)

y_true = tf.constant([5, 1, 9, 8, 3])
y_pred = tf.constant([3, 7, 9, 2, 2])
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
print(error)

#@ cell19_print_eagerly
@tf.function
def get_MSE(y_true, y_pred):
  print("Calculating MSE!")
  sq_diff = tf.pow(y_true - y_pred, 2)
  return tf.reduce_mean(sq_diff)

y_true = tf.constant([5, 1, 9, 8, 3])
y_pred = tf.constant([3, 7, 9, 2, 2])
tf.config.run_functions_eagerly(True)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
error = get_MSE(y_true, y_pred)
tf.config.run_functions_eagerly(False)

#@ cell21_unused_return_eager
def unused_return_eager(x):
  tf.gather(x, [1]) # unused
  return x

try:
  print(unused_return_eager(tf.constant([0.0])))
except tf.errors.InvalidArgumentError as e:
  print(f'{type(e).__name__}: {e}')

#@ cell22_unused_return_graph
@tf.function
def unused_return_graph(x):
  tf.gather(x, [1]) # unused
  return x

print(unused_return_graph(tf.constant([0.0])))

#@ cell23_power
x = tf.random.uniform(shape=[10, 10], minval=-1, maxval=2, dtype=tf.dtypes.int32)

def power(x, y):
  result = tf.eye(10, dtype=tf.dtypes.int32)
  for _ in range(y):
    result = tf.matmul(x, result)
  return result

power_as_graph = tf.function(power)
print(bool(tf.reduce_all(power(x, 3) == power_as_graph(x, 3))))

#@ cell26_python_side_effect
@tf.function
def a_function_with_python_side_effect(x):
  print("Tracing!")
  return x * x + tf.constant(2)

print(a_function_with_python_side_effect(tf.constant(2)))
print(a_function_with_python_side_effect(tf.constant(3)))

#@ cell27_python_argument_retraces
@tf.function
def a_function_with_python_side_effect(x):
  print("Tracing!")
  return x * x + tf.constant(2)

print(a_function_with_python_side_effect(2))
print(a_function_with_python_side_effect(3))
