# tf.data: datasets, transformations, element specs, cardinality, iterators and errors (eager).

#@ range_repr_and_values
ds = tf.data.Dataset.range(5)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ range_start_stop_step
print(list(tf.data.Dataset.range(2, 12, 3).as_numpy_iterator()))
print(list(tf.data.Dataset.range(5, 0, -2).as_numpy_iterator()))
print(tf.data.Dataset.range(5, 0, -2).cardinality().numpy())

#@ range_output_type
ds = tf.data.Dataset.range(3, output_type=tf.int32)
print(ds.element_spec)
print([t.numpy() for t in ds])

#@ from_tensor_slices_list
ds = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
print(repr(ds))
for elem in ds:
    print(elem.numpy())

#@ from_tensor_slices_2d
ds = tf.data.Dataset.from_tensor_slices(np.arange(6.0).reshape(3, 2))
print(ds.element_spec)
for x in ds:
    print(x)

#@ from_tensor_slices_tuple
ds = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
print(ds.element_spec)
for a, b in ds:
    print(a.numpy(), b.numpy())

#@ from_tensor_slices_dict
ds = tf.data.Dataset.from_tensor_slices({"b": [1, 2], "a": [3.0, 4.0]})
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ from_tensor_slices_nested
ds = tf.data.Dataset.from_tensor_slices(({"x": [1, 2], "y": [[1], [2]]}, [True, False]))
print(ds.element_spec)
for feats, label in ds:
    print(feats["x"].numpy(), feats["y"].numpy(), label.numpy())

#@ from_tensor_slices_strings
ds = tf.data.Dataset.from_tensor_slices(["a", "bc", ""])
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))
print(next(iter(ds)))

#@ from_tensor_slices_mismatch_error
tf.data.Dataset.from_tensor_slices(([1, 2, 3], [1, 2]))

#@ from_tensor_slices_scalar_error
tf.data.Dataset.from_tensor_slices(5)

#@ from_tensors
ds = tf.data.Dataset.from_tensors([1, 2, 3])
print(repr(ds))
print(ds.cardinality().numpy())
print(list(ds.as_numpy_iterator()))

#@ from_tensors_tuple
ds = tf.data.Dataset.from_tensors((1, "x", 2.5))
print(ds.element_spec)
print(ds.get_single_element())

#@ numpy_float64_kept
ds = tf.data.Dataset.from_tensor_slices(np.array([1.5, 2.5]))
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ iter_next
it = iter(tf.data.Dataset.range(3))
print(next(it))
print(next(it).numpy())
print(it.get_next())

#@ iterator_end_stopiteration
it = iter(tf.data.Dataset.range(1))
next(it)
next(it)

#@ iterator_get_next_out_of_range
it = iter(tf.data.Dataset.range(1))
it.get_next()
it.get_next()

#@ iterator_get_next_as_optional
it = iter(tf.data.Dataset.range(1))
o = it.get_next_as_optional()
print(o.has_value(), o.get_value())
o = it.get_next_as_optional()
print(o.has_value())

#@ iterator_element_spec_and_isinstance
it = iter(tf.data.Dataset.from_tensor_slices([1.0, 2.0]))
print(it.element_spec)
print(isinstance(it, tf.data.Iterator))

#@ map_values_and_repr
ds = tf.data.Dataset.range(5).map(lambda x: x * 2)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ map_tuple_unpacking
ds = tf.data.Dataset.from_tensor_slices(([1, 2], [10, 20])).map(lambda a, b: a + b)
print(list(ds.as_numpy_iterator()))

#@ map_dict_argument
ds = tf.data.Dataset.from_tensor_slices({"a": [1, 2], "b": [3, 4]})
ds = ds.map(lambda d: d["a"] * d["b"])
print(list(ds.as_numpy_iterator()))

#@ map_returns_list_becomes_tuple
ds = tf.data.Dataset.range(3).map(lambda x: [x, x + 1])
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ map_returns_python_constant
ds = tf.data.Dataset.range(2).map(lambda x: 1)
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ map_returns_dict
ds = tf.data.Dataset.range(2).map(lambda x: {"v": x, "w": (x, 2.0)})
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ map_cast_dtype
ds = tf.data.Dataset.range(3).map(lambda x: tf.cast(x, tf.float32) / 2)
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ map_parallel_deterministic
ds = tf.data.Dataset.range(20).map(lambda x: x * x, num_parallel_calls=4)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ map_parallel_autotune_nondeterministic_multiset
ds = tf.data.Dataset.range(20).map(lambda x: x + 1, num_parallel_calls=tf.data.AUTOTUNE,
                                   deterministic=False)
print(sorted(int(x) for x in ds))

#@ map_over_batches_shape
ds = tf.data.Dataset.range(10).batch(4).map(lambda x: x * 2)
print(ds.element_spec)

#@ filter_values
ds = tf.data.Dataset.range(10).filter(lambda x: x % 3 == 0)
print(repr(ds))
print(list(ds.as_numpy_iterator()))
print(ds.cardinality().numpy())

#@ filter_non_bool_error
ds = tf.data.Dataset.range(3).filter(lambda x: 1)
print(list(ds.as_numpy_iterator()))

#@ batch_values
ds = tf.data.Dataset.range(10).batch(4)
print(repr(ds))
for b in ds:
    print(b.numpy())
print(ds.cardinality().numpy())

#@ batch_drop_remainder
ds = tf.data.Dataset.range(10).batch(4, drop_remainder=True)
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))
print(len(ds))

#@ batch_tuple_and_zip
inc = tf.data.Dataset.range(100)
dec = tf.data.Dataset.range(0, -100, -1)
batched = tf.data.Dataset.zip((inc, dec)).batch(4)
for batch in batched.take(3):
    print([arr.numpy() for arr in batch])
print(batched)

#@ batch_strings
ds = tf.data.Dataset.from_tensor_slices(["a", "b", "c"]).batch(2)
for b in ds:
    print(b)

#@ batch_parallel
ds = tf.data.Dataset.range(7).batch(3, num_parallel_calls=2)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ batch_size_zero_error
tf.data.Dataset.range(3).batch(0)

#@ batch_ragged_error
ds = tf.data.Dataset.range(3).map(lambda x: tf.fill([x], x)).batch(2)
print(list(ds.as_numpy_iterator()))

#@ padded_batch_default
ds = tf.data.Dataset.range(6).map(lambda x: tf.fill([x], x))
ds = ds.padded_batch(3, padded_shapes=(None,))
for b in ds:
    print(b.numpy())

#@ padded_batch_fixed_shape_and_value
ds = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([x], x))
ds = ds.padded_batch(2, padded_shapes=[5], padding_values=tf.constant(-1, tf.int64))
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ padded_batch_tuple
ds = tf.data.Dataset.from_tensor_slices([1, 2, 3]).map(lambda x: (tf.fill([x], 1.0), x))
ds = ds.padded_batch(2, padded_shapes=([None], []))
print(ds.element_spec)
for a, b in ds:
    print(a.numpy(), b.numpy())

#@ padded_batch_too_small_error
ds = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([x], x)).padded_batch(3, padded_shapes=[2])
print(list(ds.as_numpy_iterator()))

#@ unbatch
ds = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]]).unbatch()
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ unbatch_tuple
ds = tf.data.Dataset.from_tensors(([1, 2, 3], ["a", "b", "c"])).unbatch()
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ unbatch_scalar_error
tf.data.Dataset.range(3).unbatch()

#@ rebatch
ds = tf.data.Dataset.range(8).batch(4).rebatch(3)
print(list(ds.as_numpy_iterator()))
ds = tf.data.Dataset.range(8).batch(4).rebatch([2, 1])
print(list(ds.as_numpy_iterator()))

#@ shuffle_multiset_and_repr
ds = tf.data.Dataset.range(10).shuffle(4)
print(repr(ds))
print(sorted(int(x) for x in ds))
print(ds.cardinality().numpy())

#@ shuffle_no_reshuffle_same_each_epoch
ds = tf.data.Dataset.range(20).shuffle(20, seed=3, reshuffle_each_iteration=False)
a = [int(x) for x in ds]
b = [int(x) for x in ds]
print(a == b, sorted(a) == list(range(20)))

#@ shuffle_seeded_reproducible_datasets
tf.random.set_seed(7)
a = [int(x) for x in tf.data.Dataset.range(30).shuffle(30, seed=1)]
b = [int(x) for x in tf.data.Dataset.range(30).shuffle(30, seed=1)]
print(a == b)

#@ shuffle_buffer_zero_error
tf.data.Dataset.range(3).shuffle(0)

#@ shuffle_buffer_one_keeps_order
print(list(tf.data.Dataset.range(6).shuffle(1).as_numpy_iterator()))

#@ repeat_count_and_infinite
ds = tf.data.Dataset.range(3).repeat(2)
print(list(ds.as_numpy_iterator()))
print(ds.cardinality().numpy())
inf = tf.data.Dataset.range(3).repeat()
print(repr(inf))
print(inf.cardinality().numpy(), tf.data.INFINITE_CARDINALITY)
print(list(inf.take(7).as_numpy_iterator()))

#@ repeat_then_batch_vs_batch_then_repeat
print([len(b) for b in tf.data.Dataset.range(5).repeat(2).batch(3)])
print([len(b) for b in tf.data.Dataset.range(5).batch(3).repeat(2)])

#@ take_and_skip
ds = tf.data.Dataset.range(10)
print(list(ds.take(3).as_numpy_iterator()), repr(ds.take(3)))
print(list(ds.skip(7).as_numpy_iterator()), repr(ds.skip(7)))
print(ds.take(-1).cardinality().numpy(), ds.skip(-1).cardinality().numpy())
print(ds.take(20).cardinality().numpy(), ds.skip(20).cardinality().numpy())

#@ shard
ds = tf.data.Dataset.range(10).shard(3, 1)
print(list(ds.as_numpy_iterator()))
print(ds.cardinality().numpy())

#@ prefetch
ds = tf.data.Dataset.range(5).map(lambda x: x + 1).prefetch(tf.data.AUTOTUNE)
print(repr(ds))
print(list(ds.as_numpy_iterator()))
print(list(ds.as_numpy_iterator()))

#@ prefetch_partial_iteration
ds = tf.data.Dataset.range(100).prefetch(3)
it = iter(ds)
print(next(it).numpy(), next(it).numpy())
print([int(x) for x in ds.take(3)])

#@ cache_memory
ds = tf.data.Dataset.range(4).map(lambda x: x * 10).cache()
print(repr(ds))
print(list(ds.as_numpy_iterator()))
print(list(ds.as_numpy_iterator()))

#@ enumerate
ds = tf.data.Dataset.from_tensor_slices(["a", "b", "c"]).enumerate(start=5)
print(repr(ds))
for i, x in ds:
    print(i.numpy(), x.numpy())

#@ zip_tuple_and_dict
a = tf.data.Dataset.range(3)
b = tf.data.Dataset.range(10, 15)
print(list(tf.data.Dataset.zip((a, b)).as_numpy_iterator()))
print(list(tf.data.Dataset.zip({"x": a, "y": b}).as_numpy_iterator()))
print(tf.data.Dataset.zip(a, b).cardinality().numpy())

#@ zip_nested_spec
d1 = tf.data.Dataset.from_tensor_slices(tf.zeros([4, 10]))
d2 = tf.data.Dataset.from_tensor_slices((tf.zeros([4]), tf.zeros([4, 100], tf.int32)))
d3 = tf.data.Dataset.zip((d1, d2))
print(d3.element_spec)
for a, (b, c) in d3.take(1):
    print('shapes: {a.shape}, {b.shape}, {c.shape}'.format(a=a, b=b, c=c))

#@ zip_list_error
tf.data.Dataset.zip([tf.data.Dataset.range(2), tf.data.Dataset.range(2)])

#@ concatenate
a = tf.data.Dataset.range(1, 4)
b = tf.data.Dataset.range(4, 8)
ds = a.concatenate(b)
print(repr(ds))
print(list(ds.as_numpy_iterator()))
print(ds.cardinality().numpy())

#@ concatenate_shape_relaxed
a = tf.data.Dataset.from_tensors([1, 2])
b = tf.data.Dataset.from_tensors([3, 4, 5])
print(a.concatenate(b).element_spec)

#@ concatenate_type_error
tf.data.Dataset.range(3).concatenate(tf.data.Dataset.from_tensors(1.0))

#@ reduce_sum
ds = tf.data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1])
print(ds.reduce(0, lambda state, value: state + value).numpy())

#@ reduce_structured_state
ds = tf.data.Dataset.range(5)
s = ds.reduce((np.int64(0), np.int64(1)), lambda st, x: (st[0] + x, st[1] * (x + 1)))
print(s)

#@ scan_running_sum
ds = tf.data.Dataset.range(6).scan(np.int64(0), lambda s, x: (s + x, s * 10))
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ window_printing
ds = tf.data.Dataset.range(7).window(3, shift=2)
print(repr(ds))
print(ds.cardinality().numpy())
for w in ds:
    print(list(w.as_numpy_iterator()))

#@ window_drop_remainder_stride
ds = tf.data.Dataset.range(12).window(3, shift=2, stride=2, drop_remainder=True)
print(ds.cardinality().numpy())
print([list(w.as_numpy_iterator()) for w in ds])

#@ window_flat_map_batch
range_ds = tf.data.Dataset.range(100000)
windows = range_ds.window(5, shift=1)
for example in windows.flat_map(lambda sub: sub.batch(5, drop_remainder=True)).take(3):
    print(example.numpy())

#@ window_of_tuples
ds = tf.data.Dataset.zip((tf.data.Dataset.range(4), tf.data.Dataset.range(10, 14))).window(2)
print(ds.element_spec)
for a, b in ds:
    print(list(a.as_numpy_iterator()), list(b.as_numpy_iterator()))

#@ flat_map
ds = tf.data.Dataset.range(1, 4).flat_map(lambda x: tf.data.Dataset.from_tensors(x).repeat(x))
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ interleave_cycle_block
ds = tf.data.Dataset.range(1, 6).interleave(
    lambda x: tf.data.Dataset.from_tensors(x).repeat(6), cycle_length=2, block_length=4)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ interleave_uneven
ds = tf.data.Dataset.range(1, 5).interleave(lambda x: tf.data.Dataset.range(x), cycle_length=3)
print(list(ds.as_numpy_iterator()))

#@ interleave_parallel_deterministic
ds = tf.data.Dataset.range(4).interleave(lambda x: tf.data.Dataset.range(3).map(lambda y: x * 10 + y),
                                         cycle_length=2, num_parallel_calls=2)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ group_by_window
ds = tf.data.Dataset.range(10).group_by_window(
    key_func=lambda x: x % 2, reduce_func=lambda key, w: w.batch(3), window_size=3)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ bucket_by_sequence_length
elements = [[0], [1, 2, 3, 4], [5, 6, 7], [7, 8, 9, 10, 11], [13, 14, 15, 16, 19, 20], [21, 22]]
ds = tf.data.Dataset.from_generator(lambda: elements, tf.int64, output_shapes=[None])
ds = ds.bucket_by_sequence_length(element_length_func=lambda elem: tf.shape(elem)[0],
                                  bucket_boundaries=[3, 5], bucket_batch_sizes=[2, 2, 2])
for elem in ds.as_numpy_iterator():
    print(elem)

#@ take_while
ds = tf.data.Dataset.range(10).take_while(lambda x: x < 5)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ unique
ds = tf.data.Dataset.from_tensor_slices([1, 37, 2, 37, 2, 1]).unique()
print(repr(ds))
print(sorted(ds.as_numpy_iterator()))

#@ unique_strings
ds = tf.data.Dataset.from_tensor_slices(["a", "b", "a"]).unique()
print(sorted(ds.as_numpy_iterator()))

#@ sample_from_datasets_multiset
a = tf.data.Dataset.range(5)
b = tf.data.Dataset.range(100, 103)
ds = tf.data.Dataset.sample_from_datasets([a, b], weights=[0.5, 0.5], seed=1)
print(repr(ds))
print(sorted(ds.as_numpy_iterator()))

#@ sample_from_datasets_stop_on_empty_single
ds = tf.data.Dataset.sample_from_datasets([tf.data.Dataset.range(3)], stop_on_empty_dataset=True)
print(list(ds.as_numpy_iterator()))

#@ choose_from_datasets
datasets = [tf.data.Dataset.from_tensors("foo").repeat(),
            tf.data.Dataset.from_tensors("bar").repeat(),
            tf.data.Dataset.from_tensors("baz").repeat()]
choice = tf.data.Dataset.range(3).repeat(3)
ds = tf.data.Dataset.choose_from_datasets(datasets, choice)
print(list(ds.as_numpy_iterator()))

#@ choose_from_datasets_bad_choice_type
tf.data.Dataset.choose_from_datasets([tf.data.Dataset.range(2)], tf.data.Dataset.from_tensors(0))

#@ as_numpy_iterator_repr_type
it = tf.data.Dataset.range(2).as_numpy_iterator()
print(type(it).__name__)
print(next(it), type(next(it)).__name__)

#@ as_numpy_iterator_dataset_elements_error
tf.data.Dataset.range(4).window(2).as_numpy_iterator()

#@ cardinality_constants
print(tf.data.INFINITE_CARDINALITY, tf.data.UNKNOWN_CARDINALITY, tf.data.AUTOTUNE)
print(tf.data.experimental.AUTOTUNE, tf.data.experimental.INFINITE_CARDINALITY)
ds = tf.data.Dataset.range(10)
print(tf.data.experimental.cardinality(ds))
print(ds.filter(lambda x: True).cardinality() == tf.data.UNKNOWN_CARDINALITY)
print(ds.map(lambda x: x).batch(3, drop_remainder=True).cardinality().numpy())

#@ len_finite
print(len(tf.data.Dataset.range(7).batch(2)))

#@ len_infinite_error
len(tf.data.Dataset.range(3).repeat())

#@ len_unknown_error
len(tf.data.Dataset.range(3).filter(lambda x: x > 0))

#@ bool_of_dataset
print(bool(tf.data.Dataset.range(0)))

#@ apply_transformation
def times_two(ds):
    return ds.map(lambda x: x * 2)
print(list(tf.data.Dataset.range(4).apply(times_two).as_numpy_iterator()))

#@ assert_cardinality_ok_and_error
ds = tf.data.Dataset.range(5).filter(lambda x: True)
ds = ds.apply(tf.data.experimental.assert_cardinality(5))
print(repr(ds), ds.cardinality().numpy())
print(list(ds.as_numpy_iterator()))
bad = tf.data.Dataset.range(5).apply(tf.data.experimental.assert_cardinality(3))
print(list(bad.as_numpy_iterator()))

#@ assert_cardinality_too_few
bad = tf.data.Dataset.range(2).apply(tf.data.experimental.assert_cardinality(3))
print(list(bad.as_numpy_iterator()))

#@ ignore_errors
ds = tf.data.Dataset.range(5).map(lambda x: tf.gather(tf.constant([10, 20, 30], tf.int64), x))
print(list(ds.apply(tf.data.experimental.ignore_errors()).as_numpy_iterator()))

#@ options_with_options
options = tf.data.Options()
options.deterministic = False
options.threading.private_threadpool_size = 3
ds = tf.data.Dataset.range(3).with_options(options)
print(repr(ds))
print(ds.options().deterministic, ds.options().threading.private_threadpool_size)
print(tf.data.Dataset.range(3).options().deterministic)
print(ds.map(lambda x: x).options().deterministic)

#@ options_merge_later_wins
o1 = tf.data.Options()
o1.deterministic = True
o2 = tf.data.Options()
o2.deterministic = False
o2.experimental_optimization.map_fusion = True
ds = tf.data.Dataset.range(2).with_options(o1).with_options(o2)
print(ds.options().deterministic, ds.options().experimental_optimization.map_fusion)

#@ options_unknown_attribute_error
o = tf.data.Options()
o.not_an_option = 1

#@ get_single_element
print(tf.data.Dataset.from_tensors([1, 2]).get_single_element())
print(tf.data.experimental.get_single_element(tf.data.Dataset.range(1)))

#@ get_single_element_empty_error
tf.data.Dataset.range(0).get_single_element()

#@ get_single_element_many_error
tf.data.Dataset.range(2).get_single_element()

#@ from_generator_output_signature
def gen():
    for i in range(3):
        yield i, [float(i)] * i
ds = tf.data.Dataset.from_generator(gen, output_signature=(
    tf.TensorSpec(shape=(), dtype=tf.int32), tf.TensorSpec(shape=(None,), dtype=tf.float32)))
print(repr(ds))
print(ds.cardinality().numpy())
for a, b in ds:
    print(a.numpy(), b.numpy())

#@ from_generator_output_types_shapes
def count(stop):
    i = 0
    while i < stop:
        yield i
        i += 1
ds = tf.data.Dataset.from_generator(count, args=[25], output_types=tf.int32, output_shapes=())
for batch in ds.repeat().batch(10).take(4):
    print(batch.numpy())

#@ from_generator_unknown_shape
ds = tf.data.Dataset.from_generator(lambda: iter([[1], [2, 3]]), output_types=tf.int32)
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ from_generator_dict
def gen():
    yield {"a": 1, "b": "x"}
    yield {"a": 2, "b": "y"}
ds = tf.data.Dataset.from_generator(gen, output_types={"a": tf.int64, "b": tf.string})
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ from_generator_shape_mismatch_error
ds = tf.data.Dataset.from_generator(lambda: iter([[1], [2, 3]]),
                                    output_signature=tf.TensorSpec((1,), tf.int32))
print(list(ds.as_numpy_iterator()))

#@ from_generator_type_error
ds = tf.data.Dataset.from_generator(lambda: iter(["a"]), output_signature=tf.TensorSpec((), tf.int32))
print(list(ds.as_numpy_iterator()))

#@ from_generator_no_types_error
tf.data.Dataset.from_generator(lambda: iter([1]))

#@ from_generator_converts_float_to_int
ds = tf.data.Dataset.from_generator(lambda: iter([1.7, 2.2]), output_signature=tf.TensorSpec((), tf.int32))
print(list(ds.as_numpy_iterator()))

#@ counter
ds = tf.data.experimental.Counter(start=3, step=2)
print(repr(ds), ds.cardinality().numpy())
print(list(ds.take(4).as_numpy_iterator()))

#@ dense_to_ragged_batch_not_implemented_or_fn
f = tf.data.experimental.dense_to_ragged_batch
print(callable(f))

#@ pipeline_train_like
x = np.arange(12, dtype=np.float32).reshape(6, 2)
y = np.array([0, 1, 0, 1, 1, 0], dtype=np.int32)
ds = tf.data.Dataset.from_tensor_slices((x, y)).map(lambda a, b: (a / 10.0, b)).batch(4).prefetch(1)
print(ds.element_spec)
for xb, yb in ds:
    print(xb.numpy(), yb.numpy())

#@ dataset_spec_of_window
spec = tf.data.Dataset.range(3).window(2).element_spec
print(spec)
print(type(spec).__name__, spec.element_spec)

#@ batch_dict_spec
ds = tf.data.Dataset.from_tensor_slices({"img": np.zeros((5, 2, 2), np.float32), "id": np.arange(5)})
print(ds.batch(2).element_spec)
print(ds.batch(2, drop_remainder=True).element_spec)
for b in ds.batch(3):
    print(b["id"].numpy(), b["img"].shape)

#@ map_returns_namedtuple
import collections
Point = collections.namedtuple("Point", ["x", "y"])
ds = tf.data.Dataset.range(3).map(lambda v: Point(v, v * 2))
print(ds.element_spec)
for p in ds:
    print(type(p).__name__, p.x.numpy(), p.y.numpy())

#@ map_mixed_string_output
ds = tf.data.Dataset.range(2).map(lambda x: (x, tf.constant("a")))
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ padded_batch_string_padding
ds = tf.data.Dataset.from_tensors(tf.constant(["a", "b"])).concatenate(
    tf.data.Dataset.from_tensors(tf.constant(["c"])))
print(ds.element_spec)
print(list(ds.padded_batch(2, padding_values="<pad>").as_numpy_iterator()))

#@ zip_different_lengths
a = tf.data.Dataset.range(5)
b = tf.data.Dataset.range(3)
print(tf.data.Dataset.zip((a, b)).cardinality().numpy())
print(list(tf.data.Dataset.zip((a, b)).as_numpy_iterator()))
print(tf.data.Dataset.zip((a.repeat(), b)).cardinality().numpy())
print(tf.data.Dataset.zip((a.repeat(), b.repeat())).cardinality().numpy())
print(tf.data.Dataset.zip((a.filter(lambda x: True), b)).cardinality().numpy())

#@ concatenate_cardinality_rules
a = tf.data.Dataset.range(3)
print(a.concatenate(a.repeat()).cardinality().numpy())
print(a.concatenate(a.filter(lambda x: True)).cardinality().numpy())
print(a.repeat().concatenate(a.filter(lambda x: True)).cardinality().numpy())

#@ window_shift_larger_than_size
ds = tf.data.Dataset.range(10).window(2, shift=4)
print(ds.cardinality().numpy())
print([list(w.as_numpy_iterator()) for w in ds])

#@ window_zip_flat_map
ds = tf.data.Dataset.zip((tf.data.Dataset.range(6), tf.data.Dataset.range(10, 16)))
ds = ds.window(3).flat_map(lambda a, b: tf.data.Dataset.zip((a.batch(3), b.batch(3))))
print(list(ds.as_numpy_iterator()))

#@ interleave_block_exhaustion
ds = tf.data.Dataset.from_tensor_slices(np.array([3, 1, 4, 2], np.int64)).interleave(
    lambda n: tf.data.Dataset.range(n), cycle_length=2, block_length=2)
print(list(ds.as_numpy_iterator()))

#@ interleave_from_tensor_slices_inner
ds = tf.data.Dataset.range(3).interleave(
    lambda x: tf.data.Dataset.from_tensor_slices([x, x + 10, x + 20]), cycle_length=3)
print(list(ds.as_numpy_iterator()))

#@ group_by_window_size_func
ds = tf.data.Dataset.range(12).group_by_window(
    key_func=lambda x: x % 3,
    reduce_func=lambda k, w: w.batch(4),
    window_size_func=lambda k: k + 1)
print(list(ds.as_numpy_iterator()))

#@ group_by_window_reduce_to_key
ds = tf.data.Dataset.range(10).group_by_window(
    key_func=lambda x: x % 2,
    reduce_func=lambda k, w: w.map(lambda v: (k, v)).batch(5), window_size=5)
print(list(ds.as_numpy_iterator()))

#@ bucket_pad_to_boundary_drop_remainder
ds = tf.data.Dataset.from_generator(lambda: ([1] * n for n in [1, 2, 4, 5, 2, 1, 4]),
                                    output_signature=tf.TensorSpec([None], tf.int32))
ds = ds.bucket_by_sequence_length(lambda e: tf.shape(e)[0], bucket_boundaries=[3, 6],
                                  bucket_batch_sizes=[2, 2, 2], pad_to_bucket_boundary=True,
                                  drop_remainder=True)
for b in ds.as_numpy_iterator():
    print(b)

#@ bucket_no_padding
ds = tf.data.Dataset.range(10).map(lambda x: tf.fill([2], x))
ds = ds.bucket_by_sequence_length(lambda e: tf.cast(e[0], tf.int32), bucket_boundaries=[5],
                                  bucket_batch_sizes=[3, 3], no_padding=True)
print(list(ds.as_numpy_iterator()))

#@ rebatch_drop_remainder
ds = tf.data.Dataset.range(10).batch(4).rebatch(3, drop_remainder=True)
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ scan_tuple_output
ds = tf.data.Dataset.range(4).scan(
    (np.int64(0), np.int64(1)), lambda s, x: ((s[0] + x, s[1] * 2), (x, s[0], s[1])))
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ reduce_dict_state
ds = tf.data.Dataset.range(6)
out = ds.reduce({"even": np.int64(0), "odd": np.int64(0)},
                lambda s, x: {"even": s["even"] + x * (1 - x % 2), "odd": s["odd"] + x * (x % 2)})
print(out)

#@ reduce_empty_returns_initial
print(tf.data.Dataset.range(0).reduce(np.int64(7), lambda s, x: s + x))

#@ unbatch_dict
ds = tf.data.Dataset.from_tensors({"a": [1, 2], "b": [[1.0, 2.0], [3.0, 4.0]]}).unbatch()
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ take_while_tuple
ds = tf.data.Dataset.zip((tf.data.Dataset.range(10), tf.data.Dataset.range(10, 0, -1)))
print(list(ds.take_while(lambda a, b: a < b).as_numpy_iterator()))

#@ from_generator_string_args
def gen(prefix, n):
    for i in range(n):
        yield prefix + b"-" + str(i).encode()
ds = tf.data.Dataset.from_generator(gen, args=("item", 3), output_signature=tf.TensorSpec((), tf.string))
print(list(ds.as_numpy_iterator()))

#@ from_generator_structure_error
ds = tf.data.Dataset.from_generator(lambda: iter([1, 2]), output_types=(tf.int32, tf.int32))
print(list(ds.as_numpy_iterator()))

#@ from_generator_reiterates
calls = []
def gen():
    calls.append(1)
    yield 1
    yield 2
ds = tf.data.Dataset.from_generator(gen, output_types=tf.int64)
print(list(ds.as_numpy_iterator()), list(ds.as_numpy_iterator()), len(calls))

#@ enumerate_dict_elements
ds = tf.data.Dataset.from_tensor_slices({"v": [5, 6]}).enumerate()
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ len_of_empty_and_take_zero
print(len(tf.data.Dataset.range(0)))
print(len(tf.data.Dataset.range(5).take(0)), len(tf.data.Dataset.range(5).skip(9)))
print(tf.data.Dataset.range(5).repeat(-1).cardinality().numpy())

#@ shard_errors
tf.data.Dataset.range(5).shard(2, 2)

#@ repeat_empty_terminates
print(list(tf.data.Dataset.range(0).repeat().take(3).as_numpy_iterator()))

#@ shuffle_then_batch_spec
ds = tf.data.Dataset.range(10).shuffle(3).batch(4)
print(repr(ds))
print(sorted(int(v) for b in ds for v in b))

#@ prefetch_of_strings_and_tuples
ds = tf.data.Dataset.from_tensor_slices((["a", "b"], [1, 2])).prefetch(1)
print(list(ds.as_numpy_iterator()))

#@ as_numpy_iterator_nested
ds = tf.data.Dataset.from_tensor_slices(({"a": [1, 2]}, ([3.0, 4.0], ["x", "y"])))
print(list(ds.as_numpy_iterator()))

#@ element_spec_tensorspec_attributes
spec = tf.data.Dataset.range(3).batch(2).element_spec
print(spec.shape, spec.dtype, spec.name)
print(spec.is_compatible_with(tf.TensorSpec([5], tf.int64)))

#@ unique_error_float
tf.data.Dataset.from_tensor_slices([1.0, 2.0]).unique()

#@ from_tensors_numpy_dtype
ds = tf.data.Dataset.from_tensors(np.array([1, 2], dtype=np.uint8))
print(ds.element_spec)
print(ds.get_single_element())

#@ options_experimental_aliases
o = tf.data.Options()
o.experimental_deterministic = False
print(o.deterministic)
o.experimental_optimization.apply_default_optimizations = False
o.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
print(o.experimental_optimization.apply_default_optimizations)
print(o.experimental_distribute.auto_shard_policy)
print(o == tf.data.Options())

#@ numpy_string_arrays_become_bytes
ds = tf.data.Dataset.from_tensor_slices({"s": np.array(["x", "yz"], dtype=object), "u": np.array(["a", "b"])})
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))
print(repr(tf.constant(np.array(["a", "b"]))))

#@ sparse_slices_batch_unbatch
sp = tf.SparseTensor(indices=[[0, 0], [1, 2], [2, 1]], values=[1, 2, 3], dense_shape=[3, 4])
ds = tf.data.Dataset.from_tensor_slices(sp)
print(ds.element_spec, ds.cardinality().numpy())
for e in ds:
    print(e.indices.numpy().tolist(), e.values.numpy().tolist(), e.dense_shape.numpy().tolist())
b = ds.batch(2)
print(b.element_spec)
for e in b:
    print(e.indices.numpy().tolist(), e.values.numpy().tolist(), e.dense_shape.numpy().tolist())
u = b.unbatch()
print(u.element_spec)
print([tf.sparse.to_dense(e).numpy().tolist() for e in u])
ds2 = tf.data.Dataset.from_tensor_slices((sp, [7, 8, 9]))
print(ds2.element_spec)
print(list(ds2.map(lambda s, x: x).as_numpy_iterator()))
print(list(ds.map(lambda s: tf.sparse.to_dense(s)).as_numpy_iterator()))

#@ group_by_window_output_specs
ds = tf.data.Dataset.range(10)
print(ds.group_by_window(lambda x: x % 2, lambda k, w: w.batch(3), window_size=3).element_spec)
print(ds.group_by_window(lambda x: x % 2, lambda k, w: w.map(lambda v: tf.fill([3], v)),
                         window_size=2).element_spec)
print(ds.batch(2).group_by_window(lambda x: tf.reduce_sum(x) % 2, lambda k, w: w.unbatch().batch(4),
                                  window_size=2).element_spec)
