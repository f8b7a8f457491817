# TF's guide "tf.data: Build TensorFlow input pipelines" (site/en/guide/data.ipynb), one scenario
# per code cell that needs no download. A scenario name carries the cell's index among the
# notebook's code cells; the cells a cell depends on are repeated first (their printing left
# out), and a cell ending in an expression prints that expression's repr, as the notebook shows.
# Left out: cells that download data (17-18, 27-51, 57-61, 66-91, 103-114, 116-123), print random
# values (13, 24, 26) or only import/setup (0-2). Cell 11 prints `value_type`, the class
# `tensorflow.python.framework.sparse_tensor.SparseTensor`, which no other library can print.

#@ cell03_from_tensor_slices
dataset = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
print(repr(dataset))

#@ cell04_for_loop
dataset = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
for elem in dataset:
  print(elem.numpy())

#@ cell05_iter_next
dataset = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
it = iter(dataset)

print(next(it).numpy())

#@ cell06_reduce
dataset = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
print(dataset.reduce(0, lambda state, value: state + value).numpy())

#@ cell07_element_spec
dataset1 = tf.data.Dataset.from_tensor_slices(tf.random.uniform([4, 10]))

print(repr(dataset1.element_spec))

#@ cell08_element_spec_tuple
dataset2 = tf.data.Dataset.from_tensor_slices(
   (tf.random.uniform([4]),
    tf.random.uniform([4, 100], maxval=100, dtype=tf.int32)))

print(repr(dataset2.element_spec))

#@ cell09_zip_element_spec
dataset1 = tf.data.Dataset.from_tensor_slices(tf.random.uniform([4, 10]))
dataset2 = tf.data.Dataset.from_tensor_slices(
   (tf.random.uniform([4]),
    tf.random.uniform([4, 100], maxval=100, dtype=tf.int32)))
dataset3 = tf.data.Dataset.zip((dataset1, dataset2))

print(repr(dataset3.element_spec))

#@ cell10_sparse_element_spec
# Dataset containing a sparse tensor.
dataset4 = tf.data.Dataset.from_tensors(tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1, 2], dense_shape=[3, 4]))

print(repr(dataset4.element_spec))

#@ cell12_dataset_repr
dataset1 = tf.data.Dataset.from_tensor_slices(
    tf.random.uniform([4, 10], minval=1, maxval=10, dtype=tf.int32))

print(repr(dataset1))

#@ cell14_tuple_dataset_repr
dataset2 = tf.data.Dataset.from_tensor_slices(
   (tf.random.uniform([4]),
    tf.random.uniform([4, 100], maxval=100, dtype=tf.int32)))

print(repr(dataset2))

#@ cell15_zip_repr
dataset1 = tf.data.Dataset.from_tensor_slices(
    tf.random.uniform([4, 10], minval=1, maxval=10, dtype=tf.int32))
dataset2 = tf.data.Dataset.from_tensor_slices(
   (tf.random.uniform([4]),
    tf.random.uniform([4, 100], maxval=100, dtype=tf.int32)))
dataset3 = tf.data.Dataset.zip((dataset1, dataset2))

print(repr(dataset3))

#@ cell16_zip_shapes
dataset1 = tf.data.Dataset.from_tensor_slices(
    tf.random.uniform([4, 10], minval=1, maxval=10, dtype=tf.int32))
dataset2 = tf.data.Dataset.from_tensor_slices(
   (tf.random.uniform([4]),
    tf.random.uniform([4, 100], maxval=100, dtype=tf.int32)))
dataset3 = tf.data.Dataset.zip((dataset1, dataset2))
for a, (b,c) in dataset3:
  print('shapes: {a.shape}, {b.shape}, {c.shape}'.format(a=a, b=b, c=c))

#@ cell19_def_count
def count(stop):
  i = 0
  while i<stop:
    yield i
    i += 1
print(callable(count))

#@ cell20_count_loop
def count(stop):
  i = 0
  while i<stop:
    yield i
    i += 1
for n in count(5):
  print(n)

#@ cell21_from_generator
def count(stop):
  i = 0
  while i<stop:
    yield i
    i += 1
ds_counter = tf.data.Dataset.from_generator(count, args=[25], output_types=tf.int32, output_shapes = (), )
print(repr(ds_counter))

#@ cell22_generator_repeat_batch
def count(stop):
  i = 0
  while i<stop:
    yield i
    i += 1
ds_counter = tf.data.Dataset.from_generator(count, args=[25], output_types=tf.int32, output_shapes = (), )
for count_batch in ds_counter.repeat().batch(10).take(10):
  print(count_batch.numpy())

#@ cell23_def_gen_series
def gen_series():
  i = 0
  while True:
    size = np.random.randint(0, 10)
    yield i, np.random.normal(size=(size,))
    i += 1
print(callable(gen_series))

#@ cell25_generator_series_repr
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

print(repr(ds_series))

#@ cell52_writefile_missing_csv
#! isolated
import os, tempfile
os.chdir(tempfile.mkdtemp())
open("missing.csv", "w").write("1,2,3,4\n,2,3,4\n1,,3,4\n1,2,,4\n1,2,3,\n,,,\n")
print("Writing missing.csv")

#@ cell53_csv_dataset_map
#! isolated
import os, tempfile
os.chdir(tempfile.mkdtemp())
open("missing.csv", "w").write("1,2,3,4\n,2,3,4\n1,,3,4\n1,2,,4\n1,2,3,\n,,,\n")
# Creates a dataset that reads all of the records from two CSV files, each with
# four float columns which may have missing values.

record_defaults = [999,999,999,999]
dataset = tf.data.experimental.CsvDataset("missing.csv", record_defaults)
dataset = dataset.map(lambda *items: tf.stack(items))
print(repr(dataset))

#@ cell54_csv_lines
#! isolated
import os, tempfile
os.chdir(tempfile.mkdtemp())
open("missing.csv", "w").write("1,2,3,4\n,2,3,4\n1,,3,4\n1,2,,4\n1,2,3,\n,,,\n")
record_defaults = [999,999,999,999]
dataset = tf.data.experimental.CsvDataset("missing.csv", record_defaults)
dataset = dataset.map(lambda *items: tf.stack(items))
for line in dataset:
  print(line.numpy())

#@ cell55_csv_select_cols
#! isolated
import os, tempfile
os.chdir(tempfile.mkdtemp())
open("missing.csv", "w").write("1,2,3,4\n,2,3,4\n1,,3,4\n1,2,,4\n1,2,3,\n,,,\n")
# Creates a dataset that reads all of the records from two CSV files with
# headers, extracting float data from columns 2 and 4.
record_defaults = [999, 999] # Only provide defaults for the selected columns
dataset = tf.data.experimental.CsvDataset("missing.csv", record_defaults, select_cols=[1, 3])
dataset = dataset.map(lambda *items: tf.stack(items))
print(repr(dataset))

#@ cell56_csv_select_cols_lines
#! isolated
import os, tempfile
os.chdir(tempfile.mkdtemp())
open("missing.csv", "w").write("1,2,3,4\n,2,3,4\n1,,3,4\n1,2,,4\n1,2,3,\n,,,\n")
record_defaults = [999, 999] # Only provide defaults for the selected columns
dataset = tf.data.experimental.CsvDataset("missing.csv", record_defaults, select_cols=[1, 3])
dataset = dataset.map(lambda *items: tf.stack(items))
for line in dataset:
  print(line.numpy())

#@ cell62_batch_zip
inc_dataset = tf.data.Dataset.range(100)
dec_dataset = tf.data.Dataset.range(0, -100, -1)
dataset = tf.data.Dataset.zip((inc_dataset, dec_dataset))
batched_dataset = dataset.batch(4)

for batch in batched_dataset.take(4):
  print([arr.numpy() for arr in batch])

#@ cell63_batched_repr
inc_dataset = tf.data.Dataset.range(100)
dec_dataset = tf.data.Dataset.range(0, -100, -1)
dataset = tf.data.Dataset.zip((inc_dataset, dec_dataset))
batched_dataset = dataset.batch(4)
print(repr(batched_dataset))

#@ cell64_drop_remainder_repr
inc_dataset = tf.data.Dataset.range(100)
dec_dataset = tf.data.Dataset.range(0, -100, -1)
dataset = tf.data.Dataset.zip((inc_dataset, dec_dataset))
batched_dataset = dataset.batch(7, drop_remainder=True)
print(repr(batched_dataset))

#@ cell65_padded_batch
dataset = tf.data.Dataset.range(100)
dataset = dataset.map(lambda x: tf.fill([tf.cast(x, tf.int32)], x))
dataset = dataset.padded_batch(4, padded_shapes=(None,))

for batch in dataset.take(2):
  print(batch.numpy())
  print()

#@ cell92_range_ds
range_ds = tf.data.Dataset.range(100000)
print(repr(range_ds))

#@ cell93_batches
range_ds = tf.data.Dataset.range(100000)
batches = range_ds.batch(10, drop_remainder=True)

for batch in batches.take(5):
  print(batch.numpy())

#@ cell94_dense_1_step
range_ds = tf.data.Dataset.range(100000)
batches = range_ds.batch(10, drop_remainder=True)
def dense_1_step(batch):
  # Shift features and labels one step relative to each other.
  return batch[:-1], batch[1:]

predict_dense_1_step = batches.map(dense_1_step)

for features, label in predict_dense_1_step.take(3):
  print(features.numpy(), " => ", label.numpy())

#@ cell95_label_next_5_steps
range_ds = tf.data.Dataset.range(100000)
batches = range_ds.batch(15, drop_remainder=True)

def label_next_5_steps(batch):
  return (batch[:-5],   # Inputs: All except the last 5 steps
          batch[-5:])   # Labels: The last 5 steps

predict_5_steps = batches.map(label_next_5_steps)

for features, label in predict_5_steps.take(3):
  print(features.numpy(), " => ", label.numpy())

#@ cell96_zip_features_labels
range_ds = tf.data.Dataset.range(100000)
feature_length = 10
label_length = 3

features = range_ds.batch(feature_length, drop_remainder=True)
labels = range_ds.batch(feature_length).skip(1).map(lambda labels: labels[:label_length])

predicted_steps = tf.data.Dataset.zip((features, labels))

for features, label in predicted_steps.take(5):
  print(features.numpy(), " => ", label.numpy())

#@ cell97_windows
range_ds = tf.data.Dataset.range(100000)
window_size = 5

windows = range_ds.window(window_size, shift=1)
for sub_ds in windows.take(5):
  print(sub_ds)

#@ cell98_flat_map_windows
range_ds = tf.data.Dataset.range(100000)
window_size = 5
windows = range_ds.window(window_size, shift=1)
for x in windows.flat_map(lambda x: x).take(30):
   print(x.numpy(), end=' ')

#@ cell99_sub_to_batch
range_ds = tf.data.Dataset.range(100000)
window_size = 5
windows = range_ds.window(window_size, shift=1)
def sub_to_batch(sub):
  return sub.batch(window_size, drop_remainder=True)

for example in windows.flat_map(sub_to_batch).take(5):
  print(example.numpy())

#@ cell100_make_window_dataset
def make_window_dataset(ds, window_size=5, shift=1, stride=1):
  windows = ds.window(window_size, shift=shift, stride=stride)

  def sub_to_batch(sub):
    return sub.batch(window_size, drop_remainder=True)

  windows = windows.flat_map(sub_to_batch)
  return windows
print(callable(make_window_dataset))

#@ cell101_window_stride
range_ds = tf.data.Dataset.range(100000)
def make_window_dataset(ds, window_size=5, shift=1, stride=1):
  windows = ds.window(window_size, shift=shift, stride=stride)

  def sub_to_batch(sub):
    return sub.batch(window_size, drop_remainder=True)

  windows = windows.flat_map(sub_to_batch)
  return windows
ds = make_window_dataset(range_ds, window_size=10, shift = 5, stride=3)

for example in ds.take(10):
  print(example.numpy())

#@ cell102_dense_labels
range_ds = tf.data.Dataset.range(100000)
def dense_1_step(batch):
  return batch[:-1], batch[1:]
def make_window_dataset(ds, window_size=5, shift=1, stride=1):
  windows = ds.window(window_size, shift=shift, stride=stride)

  def sub_to_batch(sub):
    return sub.batch(window_size, drop_remainder=True)

  windows = windows.flat_map(sub_to_batch)
  return windows
ds = make_window_dataset(range_ds, window_size=10, shift = 5, stride=3)
dense_labels_ds = ds.map(dense_1_step)

for inputs,labels in dense_labels_ds.take(3):
  print(inputs.numpy(), "=>", labels.numpy())

#@ cell115_iterator_checkpoint
import tempfile
range_ds = tf.data.Dataset.range(20)

iterator = iter(range_ds)
ckpt = tf.train.Checkpoint(step=tf.Variable(0), iterator=iterator)
manager = tf.train.CheckpointManager(ckpt, tempfile.mkdtemp(), max_to_keep=3)

print([next(iterator).numpy() for _ in range(5)])

save_path = manager.save()

print([next(iterator).numpy() for _ in range(5)])

ckpt.restore(manager.latest_checkpoint)

print([next(iterator).numpy() for _ in range(5)])
