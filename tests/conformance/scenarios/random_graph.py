# Random numbers inside tf.function (graph mode): stateful ops get one kernel per op node, seeded
# when the node is built from the function graph's seed (the global seed at trace time) and a
# per-graph count of unseeded ops, advancing on every call; stateless ops with symbolic seeds;
# tf.random.Generator and Keras seed generators read and advance their state when the function
# runs. The runner calls tf.random.set_seed(0) before each scenario.

#@ uniform_repeated_calls
@tf.function
def f():
    return tf.random.uniform([3])
print(f())
print(f())
print(f())

#@ uniform_op_seed_repeated_calls
@tf.function
def f():
    return tf.random.uniform([2], seed=7)
print(f().numpy(), f().numpy())

#@ two_functions_same_code_same_numbers
@tf.function
def f():
    return tf.random.uniform([2])
@tf.function
def g():
    return tf.random.uniform([2])
print(f().numpy(), g().numpy())
print(f().numpy(), g().numpy())

#@ several_unseeded_ops_differ
@tf.function
def f():
    return tf.random.uniform([2]), tf.random.uniform([2]), tf.random.normal([2])
for x in f():
    print(x.numpy())

#@ same_op_seed_twice_in_one_function
@tf.function
def f():
    return tf.random.uniform([2], seed=3), tf.random.uniform([2], seed=3)
a, b = f()
print(a.numpy(), b.numpy())
a, b = f()
print(a.numpy(), b.numpy())

#@ seeded_op_does_not_count
@tf.function
def f():
    a = tf.random.uniform([2], seed=9)
    b = tf.random.uniform([2])
    return a, b
@tf.function
def g():
    return tf.random.uniform([2])
print(f()[1].numpy(), g().numpy())

#@ global_seed_at_trace_time
tf.random.set_seed(1)
@tf.function
def f():
    return tf.random.uniform([2])
print(f().numpy())
tf.random.set_seed(2)
print(f().numpy())
@tf.function
def g():
    return tf.random.uniform([2])
print(g().numpy())

#@ set_seed_resets_traced_kernels
tf.random.set_seed(1)
@tf.function
def f():
    return tf.random.uniform([2])
first = f().numpy()
f()
tf.random.set_seed(1)
print(first, f().numpy())

#@ large_global_seed_truncated
tf.random.set_seed(123456789012)
@tf.function
def f():
    return tf.random.normal([3]), tf.random.uniform([2], seed=5)
for x in f():
    print(x.numpy())

#@ retrace_gets_new_kernels
@tf.function
def f(x):
    return tf.random.uniform([2]) + x
print(f(tf.constant(1.0)).numpy())
print(f(tf.constant(1.0)).numpy())
print(f(tf.constant([1.0, 2.0])).numpy())
print(f(tf.constant(1.0)).numpy())
print(f.experimental_get_tracing_count())

#@ python_argument_retrace
@tf.function
def f(n):
    return tf.random.uniform([n])
print(f(2).numpy())
print(f(3).numpy())
print(f(2).numpy())

#@ eager_and_function_kernels_are_separate
@tf.function
def f():
    return tf.random.uniform([2], seed=3)
a = f().numpy()
b = tf.random.uniform([2], seed=3).numpy()
c = f().numpy()
d = tf.random.uniform([2], seed=3).numpy()
print(a, b)
print(c, d)

#@ nested_function_own_counter
@tf.function
def inner():
    return tf.random.uniform([2])
@tf.function
def outer():
    a = tf.random.uniform([2])
    b = inner()
    c = tf.random.uniform([2])
    return a, b, c
for _ in range(2):
    print([x.numpy().tolist() for x in outer()])

#@ cond_branches_own_kernels
@tf.function
def f(p):
    a = tf.random.uniform([2])
    if p > 0:
        b = tf.random.uniform([2])
    else:
        b = tf.random.normal([2])
    return a, b
for p in (1, -1, 1):
    print([x.numpy().tolist() for x in f(tf.constant(p))])

#@ no_global_seed_op_seed_default_graph_seed
tf.random.set_seed(None)
@tf.function
def f():
    return tf.random.uniform([2], seed=4), tf.random.uniform([2])
a, b = f()
print(a.numpy(), b.shape, b.dtype)
a, _ = f()
print(a.numpy())

#@ normal_mean_stddev_in_function
@tf.function
def f(m, s):
    return tf.random.normal([2, 2], mean=m, stddev=s, seed=1)
print(f(tf.constant(1.0), tf.constant(0.5)))
print(f(tf.constant(-1.0), tf.constant(2.0)))

#@ truncated_normal_and_int_uniform
@tf.function
def f():
    return (tf.random.truncated_normal([4], seed=2),
            tf.random.uniform([5], minval=-3, maxval=7, dtype=tf.int32),
            tf.random.uniform([2], minval=2.0, maxval=4.0, dtype=tf.float64))
for _ in range(2):
    for x in f():
        print(x.numpy())

#@ shuffle_categorical_gamma_poisson
@tf.function
def f():
    return (tf.random.shuffle(tf.range(6)), tf.random.categorical([[0.0, 1.0, 2.0]], 5),
            tf.random.gamma([2], [1.0, 2.5]), tf.random.poisson([3], 2.0))
for _ in range(2):
    for x in f():
        print(x.numpy().tolist())

#@ gamma_gradient_in_function
@tf.function
def f(alpha):
    with tf.GradientTape() as tape:
        tape.watch(alpha)
        x = tf.random.gamma([3], alpha, seed=2)
        y = tf.reduce_sum(x)
    return x, tape.gradient(y, alpha)
x, g = f(tf.constant([0.5, 2.0]))
print(x.numpy())
print(g.numpy())

#@ gradient_through_function_advances_kernel
@tf.function
def f(m):
    return tf.random.normal([2], mean=m, seed=5)
m = tf.constant(1.0)
print(f(m).numpy())
with tf.GradientTape() as tape:
    tape.watch(m)
    y = tf.reduce_sum(f(m))
print(y.numpy(), tape.gradient(y, m).numpy())
print(f(m).numpy())

#@ dynamic_shape_from_input
@tf.function(input_signature=[tf.TensorSpec([None, 2])])
def f(x):
    return tf.random.uniform(tf.shape(x)), tf.random.normal([tf.shape(x)[0], 3], seed=1)
print(f.get_concrete_function().structured_outputs[0].shape)
print(f.get_concrete_function().structured_outputs[1].shape)
for n in (1, 3):
    for y in f(tf.ones([n, 2])):
        print(y.numpy().tolist())

#@ stateless_symbolic_seed
@tf.function
def f(seed):
    return tf.random.stateless_normal([3], seed=seed), tf.random.stateless_uniform(
        [2], seed=seed, minval=0, maxval=10, dtype=tf.int32)
for s in ([1, 2], [1, 2], [3, 4]):
    print([x.numpy().tolist() for x in f(tf.constant(s))])
print(f(tf.constant([1, 2], tf.int64))[0].numpy())
print(f.experimental_get_tracing_count())

#@ stateless_same_every_call
@tf.function
def f():
    return tf.random.stateless_uniform([3], seed=[5, 6])
print(f().numpy(), f().numpy())

#@ stateless_seed_computed_in_graph
@tf.function
def f(seed):
    seeds = tf.random.split(seed, 3)
    folded = tf.random.fold_in(seed, 7)
    return seeds, folded, tf.random.stateless_uniform([2], seed=seeds[1])
for x in f(tf.constant([1, 2], tf.int64)):
    print(x.numpy())

#@ stateless_distributions_in_function
@tf.function
def f(seed):
    return (tf.random.stateless_truncated_normal([3], seed=seed),
            tf.random.stateless_uniform([2], seed=seed, minval=None, maxval=None, dtype=tf.int64),
            tf.random.stateless_categorical([[0.0, 1.0]], 4, seed=seed),
            tf.random.stateless_gamma([2], seed=seed, alpha=[0.5, 3.0]),
            tf.random.stateless_poisson([3], seed=seed, lam=4.0),
            tf.random.stateless_binomial([3], seed=seed, counts=10.0, probs=0.3))
for x in f(tf.constant([7, 8])):
    print(x.numpy().tolist())

#@ stateless_parameterized_truncated_normal_in_function
@tf.function
def f(seed, m):
    return tf.random.stateless_parameterized_truncated_normal(
        [2, 3], seed=seed, means=m, stddevs=1.0, minvals=-1.0, maxvals=1.5)
print(f(tf.constant([1, 2]), tf.constant([0.0, 0.5, -0.5])).numpy())

#@ stateless_gamma_gradient
alpha = tf.constant([0.5, 2.0])
@tf.function
def f(alpha):
    with tf.GradientTape() as tape:
        tape.watch(alpha)
        x = tf.random.stateless_gamma([4, 2], seed=[3, 4], alpha=alpha)
        y = tf.reduce_sum(x * x)
    return tape.gradient(y, alpha)
print(f(alpha).numpy())

#@ parameterized_truncated_normal_gradients
m = tf.constant([0.0, 0.5])
s = tf.constant([1.0, 2.0])
lo = tf.constant(-1.0)
hi = tf.constant([1.0, 3.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch([m, s, lo, hi])
    x = tf.random.stateless_parameterized_truncated_normal(
        [3, 2], seed=[1, 2], means=m, stddevs=s, minvals=lo, maxvals=hi)
    y = tf.reduce_sum(x)
for g in tape.gradient(y, [m, s, lo, hi]):
    print(np.round(g.numpy(), 4))

#@ index_shuffle_and_stateless_shuffle_in_function
@tf.function
def f(i, seed):
    return (tf.random.experimental.index_shuffle(i, seed=seed, max_index=9),
            tf.random.experimental.stateless_shuffle(tf.range(6), seed=seed))
for x in f(tf.constant([0, 3, 9]), tf.constant([4, 5])):
    print(x.numpy())

#@ generator_in_function_repeated
g = tf.random.Generator.from_seed(1)
@tf.function
def f():
    return g.normal([2])
print(f().numpy())
print(f().numpy())
print(g.state.numpy())
print(g.normal([2]).numpy())

#@ generator_distributions_in_function
g = tf.random.Generator.from_seed(7)
@tf.function
def f():
    return (g.uniform([2]), g.uniform([3], 0, 10, tf.int32), g.truncated_normal([2]),
            g.uniform_full_int([2], tf.int64), g.uniform([2], minval=-1.0, maxval=1.0))
for _ in range(2):
    for x in f():
        print(x.numpy())
print(g.state.numpy())

#@ generator_binomial_in_function
g = tf.random.Generator.from_seed(3)
@tf.function
def f():
    return g.binomial([4], counts=10.0, probs=0.4)
print(f().numpy(), f().numpy(), g.state.numpy())

#@ generator_make_seeds_and_skip_in_function
g = tf.random.Generator.from_seed(2)
@tf.function
def f():
    return g.make_seeds(2), g.skip(3)
seeds, old = f()
print(seeds.numpy())
print(old.numpy(), g.state.numpy())
seeds, old = f()
print(old.numpy(), g.state.numpy())

#@ generator_created_on_first_trace
g = None
@tf.function
def f():
    global g
    if g is None:
        g = tf.random.Generator.from_seed(11)
    return g.uniform([2])
print(f().numpy())
print(f().numpy())
print(f().numpy())
print(g.state.numpy())

#@ generator_argument
@tf.function
def f(gen):
    return gen.normal([2])
g1 = tf.random.Generator.from_seed(1)
g2 = tf.random.Generator.from_seed(2)
print(f(g1).numpy(), f(g2).numpy(), f(g1).numpy())
print(g1.state.numpy(), g2.state.numpy())

#@ generator_dynamic_shape
g = tf.random.Generator.from_seed(4)
@tf.function(input_signature=[tf.TensorSpec([None])])
def f(x):
    return g.normal(tf.shape(x))
print(f(tf.ones([2])).numpy())
print(f(tf.ones([3])).numpy())
print(g.state.numpy())

#@ generator_split_in_function_raises
g = tf.random.Generator.from_seed(1)
@tf.function
def f():
    return g.split(2)[0].normal([])
try:
    f()
except ValueError:
    print("ValueError")

#@ generator_reset_in_function
g = tf.random.Generator.from_seed(1)
@tf.function
def f():
    a = g.normal([])
    g.reset_from_seed(1)
    b = g.normal([])
    return a, b
a, b = f()
print(a.numpy(), b.numpy(), g.state.numpy())

#@ generator_and_stateful_ops_together
g = tf.random.Generator.from_seed(5)
@tf.function
def f():
    return g.uniform([2]) + tf.random.uniform([2], seed=1)
print(f().numpy(), f().numpy())

#@ dropout_in_function
@tf.function
def f(x):
    return tf.nn.dropout(x, 0.5), tf.nn.dropout(x, 0.5, seed=3)
x = tf.ones([8])
for _ in range(2):
    print([y.numpy().tolist() for y in f(x)])

#@ dropout_rate_zero_counts_an_op_seed
@tf.function
def f(x):
    a = tf.nn.dropout(x, 0.0)
    return a, tf.random.uniform([2])
@tf.function
def g():
    return tf.random.uniform([2]), tf.random.uniform([2])
print(f(tf.ones([2]))[1].numpy(), g()[1].numpy())

#@ keras_dropout_layer_in_function
layer = tf.keras.layers.Dropout(0.5, seed=4)
x = tf.ones([2, 4])
@tf.function
def f(x):
    return layer(x, training=True)
print(f(x).numpy())
print(f(x).numpy())
print(layer(x, training=True).numpy())
print(f(x, ).numpy())

#@ keras_random_with_seed_generator_in_function
sg = tf.keras.random.SeedGenerator(42)
@tf.function
def f():
    return tf.keras.random.normal([2], seed=sg), tf.keras.random.uniform([2], seed=sg)
for _ in range(2):
    print([y.numpy().tolist() for y in f()])
print(sg.state.numpy())

#@ keras_random_int_seed_in_function
@tf.function
def f():
    return tf.keras.random.normal([3], seed=5), tf.keras.random.randint([3], 0, 10, seed=5)
print([y.numpy().tolist() for y in f()], [y.numpy().tolist() for y in f()])

#@ concrete_function_call
@tf.function
def f(x):
    return x + tf.random.uniform([2], seed=2)
cf = f.get_concrete_function(tf.TensorSpec([2]))
print(cf(tf.zeros([2])).numpy())
print(f(tf.zeros([2])).numpy())
print(cf(tf.zeros([2])).numpy())

#@ set_seed_inside_function_sets_graph_seed
@tf.function
def f():
    tf.random.set_seed(3)
    return tf.random.uniform([2])
print(f().numpy())
print(tf.random.uniform([2], seed=1).numpy())
tf.random.set_seed(3)
@tf.function
def g():
    return tf.random.uniform([2])
print(g().numpy())

#@ random_values_as_variable_updates
v = tf.Variable(tf.zeros([2]))
@tf.function
def step():
    v.assign_add(tf.random.uniform([2], seed=8))
    return v.read_value()
print(step().numpy())
print(step().numpy())

#@ loop_with_random_op
@tf.function
def f(n):
    total = tf.zeros([2])
    for _ in tf.range(n):
        total += tf.random.uniform([2])
    return total
print(f(tf.constant(3)).numpy())
print(f(tf.constant(3)).numpy())
print(f(tf.constant(1)).numpy())

#@ while_loop_body_kernel
@tf.function
def f(n):
    return tf.while_loop(lambda i, x: i < n, lambda i, x: (i + 1, x + tf.random.normal([2], seed=4)),
                         (tf.constant(0), tf.zeros([2])))[1]
print(f(tf.constant(2)).numpy())
print(f(tf.constant(2)).numpy())

#@ taped_calls_draw_from_their_own_kernel
@tf.function
def f(m):
    return tf.random.normal([2], mean=m, seed=5)
m = tf.constant(0.0)
print("plain", f(m).numpy())
for _ in range(2):
    with tf.GradientTape() as tape:
        tape.watch(m)
        y = f(m)
    print("tape", y.numpy(), tape.gradient(y, m).numpy())
print("plain", f(m).numpy())

#@ determinism_requires_a_seed_in_function
#! isolated
tf.config.experimental.enable_op_determinism()
tf.random.set_seed(None)
@tf.function
def f():
    return tf.random.uniform([2])
try:
    f()
except RuntimeError as e:
    print("RuntimeError", "seed" in str(e))
@tf.function
def g():
    return tf.random.uniform([2], seed=1)
print(g().numpy())
