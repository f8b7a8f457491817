# The cells of TF's tf.data guide (site/en/guide/data.ipynb) that print random values, with the
# seeds set first so that TF prints the same thing on every run (guide_data holds the other cells
# that need no download). A scenario name carries the cell's index among the notebook's code
# cells; the cells it depends on are repeated first.

#@ cell13_iterate_random_ints
np.set_printoptions(precision=4)
tf.random.set_seed(42)
dataset1 = tf.data.Dataset.from_tensor_slices(
    tf.random.uniform([4, 10], minval=1, maxval=10, dtype=tf.int32))

for z in dataset1:
  print(z.numpy())

#@ cell24_gen_series
np.set_printoptions(precision=4)
np.random.seed(0)
def gen_series():
  i = 0
  while True:
    size = np.random.randint(0, 10)
    yield i, np.random.normal(size=(size,))
    i += 1

for i, series in gen_series():
  print(i, ":", str(series))
  if i > 5:
    break


#@ cell26_shuffle_padded_batch
np.set_printoptions(precision=4)
tf.random.set_seed(42)
np.random.seed(0)
def gen_series():
  i = 0
  while True:
    size = np.random.randint(0, 10)
    yield i, np.random.normal(size=(size,))
    i += 1

ds_series = tf.data.Dataset.from_generator(
    gen_series,
    output_types=(tf.int32, tf.float32),
    output_shapes=((), (None,)))

ds_series_batch = ds_series.shuffle(20).padded_batch(10)

ids, sequence_batch = next(iter(ds_series_batch))
print(ids.numpy())
print()
print(sequence_batch.numpy())
