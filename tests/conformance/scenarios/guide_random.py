# TF's guide "Random number generation" (site/en/guide/random_numbers.ipynb in tensorflow/docs),
# cell by cell (numbered as the notebook's code cells; cell 1 is the licence).  Cells that need
# tf.distribute.MirroredStrategy, virtual CPU devices, tf.device or tf.saved_model (2, 8, 13-15,
# 19-27) are not here.  Cell 3's global-generator line and cell 5 are not reproducible in TF
# itself (a non-deterministic state): those print shapes and dtypes only.  Cell 12 (tf.function
# with Variable arguments; not about random numbers) is left out: TF traces once, tapeflow's
# tf.function traces twice.  The checkpoint cells
# write into a temporary directory instead of "./checkpoint".

#@ cell_03_from_seed_and_global
g1 = tf.random.Generator.from_seed(1)
print(g1.normal(shape=[2, 3]))
g2 = tf.random.get_global_generator()
x = g2.normal(shape=[2, 3])
print(x.shape, x.dtype)

#@ cell_04_from_seed_philox
g1 = tf.random.Generator.from_seed(1, alg='philox')
print(g1.normal(shape=[2, 3]))

#@ cell_05_non_deterministic_state
g = tf.random.Generator.from_non_deterministic_state()
x = g.normal(shape=[2, 3])
print(x.shape, x.dtype, g.algorithm, g.state.shape)

#@ cell_06_reset_from_seed
g = tf.random.Generator.from_seed(1)
print(g.normal([]))
print(g.normal([]))
g.reset_from_seed(1)
print(g.normal([]))

#@ cell_07_split
g = tf.random.Generator.from_seed(1)
print(g.normal([]))
new_gs = g.split(3)
for new_g in new_gs:
  print(new_g.normal([]))
print(g.normal([]))

#@ cell_09_generator_in_tf_function
g = tf.random.Generator.from_seed(1)
@tf.function
def foo():
  return g.normal([])
print(foo())

#@ cell_10_generator_created_in_tf_function
g = None
@tf.function
def foo():
  global g
  if g is None:
    g = tf.random.Generator.from_seed(1)
  return g.normal([])
print(foo())
print(foo())

#@ cell_11_generator_argument_retraces
num_traces = 0
@tf.function
def foo(g):
  global num_traces
  num_traces += 1
  return g.normal([])
foo(tf.random.Generator.from_seed(1))
foo(tf.random.Generator.from_seed(2))
print(num_traces)

#@ cells_16_18_checkpoint_save_restore
import os, tempfile
filename = os.path.join(tempfile.mkdtemp(), "checkpoint")
g = tf.random.Generator.from_seed(1)
cp = tf.train.Checkpoint(generator=g)
print(g.normal([]))
cp.write(filename)
print("RNG stream from saving point:")
print(g.normal([]))
print(g.normal([]))
cp.restore(filename)
print("RNG stream from restoring point:")
print(g.normal([]))
print(g.normal([]))

#@ cell_28_stateless_normal
print(tf.random.stateless_normal(shape=[2, 3], seed=[1, 2]))
print(tf.random.stateless_normal(shape=[2, 3], seed=[1, 2]))
