# The cells of TF's tf.data guide (site/en/guide/data.ipynb) that print random values, with the
# seeds set first so that TF prints the same thing on every run (guide_data holds the other cells
# that need no download). A scenario name carries the cell's index among the notebook's code
# cells; the cells it depends on are repeated first. Cell 26 (`ds_series.shuffle(20)` on the
# generator's elements) is left out: tapeflow's shuffle order for a seed is not TF's.

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

