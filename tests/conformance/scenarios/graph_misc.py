# Graph-mode behaviour added with the plan rewrites and the graph fixes of this round: unknown
# dimensions, composite results of tf.cond and tf.function, traced tf.data functions, *args
# placeholder names, static shapes of constant-dimension fills, batched per-row programs.

#@ unknown_batch_zeros_like_where_mean_gradient
@tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
def f(x):
    y = tf.where(x > 0, x, tf.zeros_like(x))
    with tf.GradientTape() as tape:
        tape.watch(x)
        m = tf.reduce_mean(x * x)
    return y, tape.gradient(m, x), tf.ones_like(x, dtype=tf.int32)

print(f.get_concrete_function().structured_outputs)
for t in f(tf.constant([[1.0, -2.0, 3.0, -4.0], [0.5, 0.5, -0.5, 2.0]])):
    print(t)

#@ unknown_dims_sum_and_reshape_gradients
@tf.function(input_signature=[tf.TensorSpec([None, 2]), tf.TensorSpec([None, None, 3])])
def f(d, e):
    with tf.GradientTape() as tape:
        tape.watch([d, e])
        y = (tf.reduce_sum(d * d) + tf.reduce_sum(tf.reduce_sum(e, axis=2) ** 2)
             + tf.reduce_sum(tf.reshape(e, [-1])))
    return tape.gradient(y, [d, e])

for g in f(tf.ones([3, 2]), tf.ones([2, 2, 3])):
    print(g)

#@ unknown_length_indexing
@tf.function(input_signature=[tf.TensorSpec([None], tf.int32)])
def f(seq):
    return seq[1], seq[-1], seq[1:]

print(f(tf.constant([5, 6, 7])))

#@ cond_returns_ragged_and_sparse
rt = tf.ragged.constant([[1, 2], [3]])
st = tf.sparse.SparseTensor([[0, 1]], [2.0], [2, 3])

@tf.function
def f(p):
    a = tf.cond(p, lambda: rt * 2, lambda: rt + 1)
    b = tf.cond(p, lambda: st, lambda: tf.sparse.map_values(tf.negative, st))
    return a, tf.sparse.to_dense(b)

print(f(tf.constant(True)))
print(f(tf.constant(False)))

#@ function_returns_indexed_slices
v = tf.Variable(tf.ones([4, 2]))

@tf.function
def g():
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.gather(v, [0, 2]))
    return tape.gradient(y, v)

print(g())

#@ star_args_placeholder_names
@tf.function
def f(*args):
    print(args)
    return args[0]

f(tf.constant(1), tf.constant(2.0))

@tf.function
def g(a, *rest):
    print(a, rest)
    return a

g(tf.constant(1), tf.constant(2.0), tf.constant(3.0))

#@ dataset_map_traced_once
def f(x):
    print("tracing", x)
    return x * 2

ds = tf.data.Dataset.range(3).map(f)
print(list(ds.as_numpy_iterator()))
print(list(ds.as_numpy_iterator()))

def g(x, y):
    print("tracing", x, y)
    return x

ds = tf.data.Dataset.from_tensor_slices(([1, 2], [3.0, 4.0])).map(g)
print(ds.element_spec)
ds = tf.data.Dataset.from_tensor_slices({"a": [1, 2]}).map(lambda d: (print("tracing", d), d)[1])
ds = tf.data.Dataset.range(4).filter(lambda x: (print("tracing", x), x > 1)[1])
print(list(ds.as_numpy_iterator()))

#@ fill_with_constant_dims_in_a_graph
f = tf.function(lambda v: tf.fill([3, 2], v))
print(f.get_concrete_function(tf.TensorSpec([], tf.float32)).structured_outputs)
print(f(tf.constant(1.5)))

#@ stack_of_rows_and_its_gradient
x = tf.constant(np.arange(30.0).reshape(10, 3))
m = tf.Variable(np.linspace(-1.0, 1.0, 6).reshape(2, 3))

@tf.function
def step():
    with tf.GradientTape() as tape:
        xc = tf.stack([tf.exp(x[i] / 10.0 - m) for i in range(10)])
        y = tf.reduce_sum(tf.square(xc))
    return y, tape.gradient(y, m)

y, g = step()
print(y)
print(g)

#@ keras_sparse_input
x = tf.keras.Input(shape=(4,), sparse=True)
print(x.shape, x.sparse)
