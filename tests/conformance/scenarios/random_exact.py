# Seeded random numbers bit for bit (issue 13): TF's Philox streams for stateless ops,
# Generator, stateful ops with TF's seed rules, and Keras 3's seeded initializers and layers.
# Floats print as their bit patterns (`bits`), so the comparison is exact.

#@ stateless_uniform_float16_scalar
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([], seed=[0, 0], dtype=tf.float16)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float16_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([1], seed=[1, 2], dtype=tf.float16)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float16_5
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([5], seed=[-3, 7], dtype=tf.float16)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float16_2x3
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([2, 3], seed=[2**40, 5], dtype=tf.float16)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float16_17
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([17], seed=[123456789, -987654321], dtype=tf.float16)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float32_scalar
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([], seed=[0, 0], dtype=tf.float32)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float32_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([1], seed=[1, 2], dtype=tf.float32)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float32_5
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([5], seed=[-3, 7], dtype=tf.float32)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float32_2x3
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([2, 3], seed=[2**40, 5], dtype=tf.float32)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float32_17
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([17], seed=[123456789, -987654321], dtype=tf.float32)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float64_scalar
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([], seed=[0, 0], dtype=tf.float64)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float64_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([1], seed=[1, 2], dtype=tf.float64)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float64_5
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([5], seed=[-3, 7], dtype=tf.float64)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float64_2x3
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([2, 3], seed=[2**40, 5], dtype=tf.float64)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_float64_17
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([17], seed=[123456789, -987654321], dtype=tf.float64)
print(x.dtype, x.shape)
print(bits(x.numpy()))

#@ stateless_uniform_minmax
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([3, 5], seed=[4, 2], minval=-2.5, maxval=7.0)
print(bits(x.numpy()))
print(x.numpy().tolist())

#@ stateless_uniform_minmax_f64
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([7], seed=[4, 2], minval=1.0, maxval=1.5, dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_uniform_tensor_seed_int64
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
s = tf.constant([7, 8], tf.int64)
print(bits(tf.random.stateless_uniform([6], seed=s).numpy()))

#@ stateless_uniform_large_slices
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([100003], seed=[3, 4]).numpy()
print(bits(x[:5]), bits(x[50000:50005]), bits(x[-5:]))
print(float(x.astype(np.float64).sum()))

#@ stateless_uniform_int32_0_10
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([11], seed=[4, 2], minval=0, maxval=10, dtype=tf.int32)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_int32_m5_13
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([11], seed=[4, 2], minval=-5, maxval=13, dtype=tf.int32)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_int32_m2147483648_2147483647
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([11], seed=[4, 2], minval=-2147483648, maxval=2147483647, dtype=tf.int32)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_int64_m5_1000
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([11], seed=[4, 2], minval=-5, maxval=1000, dtype=tf.int64)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_int64_0_1099511627783
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([11], seed=[4, 2], minval=0, maxval=1099511627783, dtype=tf.int64)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_int64_m4611686018427387904_4611686018427387904
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([11], seed=[4, 2], minval=-4611686018427387904, maxval=4611686018427387904, dtype=tf.int64)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_full_int32
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([5], seed=[9, 9], minval=None, maxval=None, dtype=tf.int32)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_full_int64
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([5], seed=[9, 9], minval=None, maxval=None, dtype=tf.int64)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_full_uint32
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([5], seed=[9, 9], minval=None, maxval=None, dtype=tf.uint32)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_full_uint64
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_uniform([5], seed=[9, 9], minval=None, maxval=None, dtype=tf.uint64)
print(x.dtype, x.numpy().tolist())

#@ stateless_uniform_int_bad_range
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(tf.random.stateless_uniform([3], seed=[1, 2], minval=5, maxval=5, dtype=tf.int32))

#@ stateless_normal_float16_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([1], seed=[7, 1], dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_normal_float16_3
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([3], seed=[7, 1], dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_normal_float16_8
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([8], seed=[0, 0], dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_normal_float16_13
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([13], seed=[-1, -1], dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_normal_float32_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([1], seed=[7, 1], dtype=tf.float32)
print(bits(x.numpy()))

#@ stateless_normal_float32_3
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([3], seed=[7, 1], dtype=tf.float32)
print(bits(x.numpy()))

#@ stateless_normal_float32_8
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([8], seed=[0, 0], dtype=tf.float32)
print(bits(x.numpy()))

#@ stateless_normal_float32_13
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([13], seed=[-1, -1], dtype=tf.float32)
print(bits(x.numpy()))

#@ stateless_normal_float64_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([1], seed=[7, 1], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_normal_float64_3
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([3], seed=[7, 1], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_normal_float64_8
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([8], seed=[0, 0], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_normal_float64_13
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([13], seed=[-1, -1], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_normal_mean_stddev
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([2, 3], seed=[5, 6], mean=3.0, stddev=0.5)
print(bits(x.numpy()))
print(x.numpy().tolist())

#@ stateless_normal_large
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_normal([20001], seed=[5, 6]).numpy()
print(bits(x[::997]))
print(float(x.astype(np.float64).sum()))

#@ stateless_truncated_normal_float16_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([1], seed=[7, 1], dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float16_5
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([5], seed=[7, 1], dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float16_9
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([9], seed=[7, 1], dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float32_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([1], seed=[7, 1], dtype=tf.float32)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float32_5
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([5], seed=[7, 1], dtype=tf.float32)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float32_9
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([9], seed=[7, 1], dtype=tf.float32)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float64_1
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([1], seed=[7, 1], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float64_5
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([5], seed=[7, 1], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_truncated_normal_float64_9
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([9], seed=[7, 1], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_truncated_normal_large
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_truncated_normal([4001], seed=[1, 9], mean=1.0, stddev=2.0).numpy()
print(bits(x[::211]))
print(float(np.abs(x - 1).max()) <= 4.0)

#@ stateless_alg_names
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
for alg in ('philox', 'auto_select', tf.random.Algorithm.PHILOX, 1, 3, 'Philox'):
    print(bits(tf.random.stateless_normal([3], seed=[1, 2], alg=alg).numpy()))

#@ stateless_alg_threefry_raises
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.stateless_uniform([2], seed=[1, 2], alg='threefry')

#@ stateless_alg_unknown
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.stateless_uniform([2], seed=[1, 2], alg='mersenne')

#@ stateless_seed_bad_shape
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.stateless_uniform([2], seed=[1, 2, 3])

#@ stateless_categorical_basic
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_categorical(tf.math.log([[0.1, 0.3, 0.6], [0.5, 0.5, 0.0]]), 7, seed=[3, 4])
print(x.dtype, x.numpy().tolist())

#@ stateless_categorical_int32_inf
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_categorical([[1., 2., -np.inf, 0.]], 9, seed=[1, 1], dtype=tf.int32)
print(x.dtype, x.numpy().tolist())

#@ stateless_categorical_f64_many_rows
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
logits = tf.random.stateless_normal([6, 5], seed=[2, 2], dtype=tf.float64)
print(tf.random.stateless_categorical(logits, 11, seed=[8, 1]).numpy().tolist())

#@ stateless_categorical_zero_samples
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(tf.random.stateless_categorical([[0., 1.]], 0, seed=[1, 2]).shape)

#@ stateless_binomial_mixed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_binomial([6, 3], seed=[1, 2], counts=[5., 50., 500.], probs=[0.1, 0.5, 0.9])
print(x.dtype, x.numpy().tolist())

#@ stateless_binomial_float_out
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_binomial([4, 2, 2], seed=[3, 2], counts=[[20.], [3.]], probs=[0.25, 0.75], output_dtype=tf.float32)
print(x.numpy().tolist())

#@ stateless_binomial_edge_probs
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(tf.random.stateless_binomial([3, 4], seed=[5, 5], counts=10., probs=[0.0, 1.0, 0.5, 0.05]).numpy().tolist())

#@ stateless_binomial_bad_shape
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.stateless_binomial([5], seed=[1, 2], counts=[10.], probs=0.5)

#@ stateless_gamma_alphas
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_gamma([4, 3], seed=[1, 2], alpha=[0.5, 1.0, 4.0])
print(bits(x.numpy()))

#@ stateless_gamma_beta_f64
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_gamma([5, 2], seed=[3, 2], alpha=[2., 0.7], beta=[1., 3.], dtype=tf.float64)
print(bits(x.numpy()))

#@ stateless_gamma_f16
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_gamma([6], seed=[3, 9], alpha=1.5, dtype=tf.float16)
print(bits(x.numpy()))

#@ stateless_poisson_rates
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_poisson([4, 3], seed=[1, 2], lam=[0.5, 5.0, 40.0])
print(x.dtype, x.numpy().tolist())

#@ stateless_poisson_float
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_poisson([5], seed=[3, 2], lam=3.0, dtype=tf.float32)
print(x.numpy().tolist())

#@ stateless_poisson_large_rate
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_poisson([6], seed=[3, 7], lam=1234.5, dtype=tf.int64)
print(x.numpy().tolist())

#@ stateless_ptn_default
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(bits(tf.random.stateless_parameterized_truncated_normal([7], seed=[1, 2]).numpy()))

#@ stateless_ptn_three_samplers
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_parameterized_truncated_normal([5, 3], seed=[1, 2], means=[0., 1., -1.], stddevs=[1., 2., 0.5], minvals=[-1., 3., -10.], maxvals=[1., 4., 10.])
print(bits(x.numpy()))

#@ stateless_ptn_one_sided
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_parameterized_truncated_normal([6, 2], seed=[4, 2], means=0., stddevs=1., minvals=[2.5, -0.1], maxvals=[np.inf, 0.1])
print(bits(x.numpy()))

#@ stateless_ptn_float64
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
f = lambda v: tf.constant(v, tf.float64)
x = tf.random.stateless_parameterized_truncated_normal([6], seed=[4, 2], means=f(0.), stddevs=f(1.), minvals=f(0.5), maxvals=f(3.))
print(bits(x.numpy()))

#@ stateless_ptn_many
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
x = tf.random.stateless_parameterized_truncated_normal([300, 2], seed=[4, 9], minvals=[-3., 5.], maxvals=[3., 9.]).numpy()
print(bits(x[::29]))

#@ stateless_ptn_invalid
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.stateless_parameterized_truncated_normal([3], seed=[1, 2], minvals=2., maxvals=1.)

#@ index_shuffle_scalar_and_vector
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(tf.random.experimental.index_shuffle(3, seed=[1, 2], max_index=9).numpy())
print(tf.random.experimental.index_shuffle(tf.range(10), seed=[5, 7], max_index=9).numpy().tolist())

#@ index_shuffle_int64_big
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
s = tf.constant([5, 7], tf.int64)
print(tf.random.experimental.index_shuffle(tf.range(6, dtype=tf.int64), seed=s, max_index=tf.constant(100000, tf.int64)).numpy().tolist())
print(tf.random.experimental.index_shuffle(tf.constant([0, 1, 2**40], tf.int64), seed=s, max_index=tf.constant(2**41, tf.int64)).numpy().tolist())

#@ index_shuffle_is_a_permutation
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
p = tf.random.experimental.index_shuffle(tf.range(1000), seed=[3, 4], max_index=999).numpy()
print(sorted(p.tolist()) == list(range(1000)), p[:8].tolist())

#@ split_and_fold_in
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(tf.random.split([1, 2], 3).numpy().tolist())
print(tf.random.fold_in([1, 2], 7).numpy().tolist())

#@ experimental_split_fold_int64
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
s = tf.constant([5, 6], tf.int64)
print(tf.random.experimental.stateless_split(s).numpy().tolist())
print(tf.random.experimental.stateless_fold_in(s, tf.constant(3, tf.int64)).numpy().tolist())

#@ split_seeds_feed_ops
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
seeds = tf.random.split([11, 12], 2)
for s in seeds:
    print(bits(tf.random.stateless_normal([3], seed=s).numpy()))

#@ stateless_shuffle_1d_2d
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(tf.random.experimental.stateless_shuffle(tf.range(10), seed=[1, 2]).numpy().tolist())
print(tf.random.experimental.stateless_shuffle(tf.reshape(tf.range(12), [4, 3]), seed=[5, 2]).numpy().tolist())

#@ generator_from_seed_sequence
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(1234)
print(bits(g.normal([3]).numpy()))
print(bits(g.uniform([5]).numpy()))
print(g.uniform([4], 0, 10, tf.int64).numpy().tolist())
print(g.uniform_full_int([3]).numpy().tolist())
print(bits(g.truncated_normal([5]).numpy()))
print(g.state.numpy().tolist())

#@ generator_normal_scalar
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(1)
print(g.normal([]).numpy().tolist())
print(g.state.numpy().tolist())

#@ generator_dtypes
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(9)
for d in (tf.float16, tf.float32, tf.float64):
    print(bits(g.normal([3], dtype=d).numpy()), bits(g.uniform([3], dtype=d).numpy()))
print(g.state.numpy().tolist())

#@ generator_uniform_int32_full
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(3)
print(g.uniform([4], dtype=tf.int32, minval=None, maxval=None).numpy().tolist())
print(g.uniform_full_int([2], tf.uint32).numpy().tolist())
print(g.uniform([3], minval=-3, maxval=4, dtype=tf.int32).numpy().tolist())

#@ generator_make_seeds_split
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(7)
print(g.make_seeds(2).numpy().tolist())
for c in g.split(2):
    print(c.state.numpy().tolist(), bits(c.normal([2]).numpy()))
print(g.state.numpy().tolist())

#@ generator_from_state_replays
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(42)
g.normal([2])
h = tf.random.Generator.from_state(g.state, g.algorithm)
print(bits(g.normal([3]).numpy()) == bits(h.normal([3]).numpy()))

#@ generator_from_key_counter
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_key_counter(key=5, counter=[6, 7], alg='philox')
print(g.state.numpy().tolist(), g.key.numpy().tolist())
print(bits(g.uniform([4]).numpy()))

#@ generator_reset_variants
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(1)
a = bits(g.normal([3]).numpy())
g.reset_from_seed(1)
print(a == bits(g.normal([3]).numpy()))
g.reset([10, 0, 3])
print(bits(g.normal([2]).numpy()))
g.reset_from_key_counter(3, [10, 0])
print(bits(g.normal([2]).numpy()), g.state.numpy().tolist())

#@ generator_skip
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(5)
print(g.skip(3).numpy().tolist(), g.state.numpy().tolist())
print(bits(g.normal([1]).numpy()))

#@ generator_binomial
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(7)
print(g.binomial([4, 2], counts=[10., 200.], probs=[0.3, 0.8]).numpy().tolist())
print(g.state.numpy().tolist())
print(g.binomial([3], counts=5., probs=0.5, dtype=tf.float32).numpy().tolist())
print(g.state.numpy().tolist())

#@ generator_big_seed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(2**70 + 3)
print(g.state.numpy().tolist())
print(bits(g.normal([2]).numpy()))

#@ generator_negative_seed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(-5)
print(g.state.numpy().tolist(), bits(g.uniform([3]).numpy()))

#@ generator_counter_carry
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_state([-1, 0, 11], 'philox')
print(bits(g.uniform([6]).numpy()))
print(g.state.numpy().tolist())

#@ generator_threefry
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(3, alg='threefry')
print(g.algorithm, g.state.numpy().tolist())
g.normal([2])

#@ generator_algorithm_key
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(8, alg=tf.random.Algorithm.PHILOX)
print(g.algorithm, g.key.numpy().tolist())

#@ create_rng_state
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(tf.random.create_rng_state(1234, 'philox').numpy().tolist())
print(tf.random.create_rng_state([1, 2], 1).numpy().tolist())
print(tf.random.create_rng_state(2**64 + 5, 'philox').numpy().tolist())

#@ global_generator_set_get
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_global_generator(tf.random.Generator.from_seed(99))
g = tf.random.get_global_generator()
print(bits(g.normal([3]).numpy()))
print(bits(tf.random.get_global_generator().uniform([2]).numpy()))

#@ generator_truncated_normal_many
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.random.Generator.from_seed(21)
x = g.truncated_normal([1003], mean=-1.0, stddev=3.0).numpy()
print(bits(x[::101]))
print(g.state.numpy().tolist())

#@ stateful_normal_op_seed_sequence
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(5)
print(bits(tf.random.normal([2, 2], seed=1).numpy()))
print(bits(tf.random.normal([2, 2], seed=1).numpy()))
tf.random.set_seed(5)
print(bits(tf.random.normal([2, 2], seed=1).numpy()))

#@ stateful_uniform_int_doc
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(5)
print(tf.random.uniform([], maxval=3, dtype=tf.int32, seed=10).numpy())
print(tf.random.uniform([], maxval=3, dtype=tf.int32, seed=10).numpy())

#@ stateful_global_seed_only
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(42)
print(bits(tf.random.normal([3]).numpy()))
print(bits(tf.random.uniform([4]).numpy()))
print(bits(tf.random.truncated_normal([5]).numpy()))
print(tf.random.uniform([5], 0, 10, tf.int32).numpy().tolist())

#@ stateful_default_seed_zero
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(bits(tf.random.normal([3]).numpy()))
print(bits(tf.random.uniform([3]).numpy()))

#@ stateful_mixed_ops_same_seed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(3)
print(bits(tf.random.normal([3], seed=1).numpy()))
print(bits(tf.random.uniform([3], seed=1).numpy()))
print(bits(tf.random.normal([3], seed=1).numpy()))
print(bits(tf.random.normal([3], seed=1, dtype=tf.float64).numpy()))

#@ stateful_no_global_seed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(None)
print(bits(tf.random.normal([3], seed=1).numpy()))
print(bits(tf.random.normal([3], seed=1).numpy()))

#@ stateful_float_global_seed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(1.0)
print(bits(tf.random.normal([2]).numpy()))
print(bits(tf.random.normal([2], seed=3).numpy()))

#@ stateful_numpy_global_seed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(np.int64(7))
print(bits(tf.random.uniform([3]).numpy()))

#@ stateful_negative_and_big_op_seed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(2)
print(bits(tf.random.uniform([3], seed=-1).numpy()))
print(bits(tf.random.uniform([3], seed=2**40).numpy()))
print(bits(tf.random.uniform([3], seed=2**31 - 1).numpy()))

#@ stateful_seed_zero_zero
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(0)
print(bits(tf.random.uniform([3], seed=0).numpy()))

#@ stateful_uniform_ranges
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(11)
print(bits(tf.random.uniform([4], minval=-1.0, maxval=2.0).numpy()))
print(bits(tf.random.uniform([4], maxval=5.0).numpy()))
print(bits(tf.random.uniform([4], minval=2, maxval=3, dtype=tf.float64).numpy()))
print(tf.random.uniform([6], -10, 10, tf.int64).numpy().tolist())

#@ stateful_dtypes_odd_sizes
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(13)
for d in (tf.float16, tf.float32, tf.float64):
    print(bits(tf.random.normal([5], dtype=d, seed=4).numpy()), bits(tf.random.truncated_normal([3], dtype=d, seed=4).numpy()))

#@ stateful_normal_mean_stddev
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(6)
x = tf.random.normal([3], mean=10.0, stddev=0.1, seed=9)
print(bits(x.numpy()), x.numpy().tolist())

#@ stateful_shuffle
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(3)
print(tf.random.shuffle(tf.range(10)).numpy().tolist())
print(tf.random.shuffle(tf.reshape(tf.range(12), [6, 2]), seed=5).numpy().tolist())
print(tf.random.shuffle(tf.range(10), seed=5).numpy().tolist())

#@ stateful_categorical
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(3)
print(tf.random.categorical([[0., 1., 2.]], 9).numpy().tolist())
print(tf.random.categorical([[0., 1.], [2., 0.]], 5, seed=1).numpy().tolist())
print(tf.random.categorical([[0., 1.], [2., 0.]], 5, seed=1, dtype=tf.int32).numpy().tolist())

#@ stateful_gamma
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(3)
print(bits(tf.random.gamma([5], [0.5, 1.0, 3.0]).numpy()))
print(bits(tf.random.gamma([3, 2], 2.0, beta=[1., 3.], dtype=tf.float64, seed=2).numpy()))
print(bits(tf.random.gamma([7], 0.3, dtype=tf.float16, seed=2).numpy()))

#@ stateful_poisson
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(3)
print(bits(tf.random.poisson([5], [0.5, 4.0, 30.0, 1000.]).numpy()))
print(tf.random.poisson([4], [2.5, 50.], dtype=tf.float64, seed=2).numpy().tolist())
print(tf.random.poisson([4], [2.5, 50.], dtype=tf.int64, seed=2).numpy().tolist())

#@ stateful_dropout
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(2)
x = tf.ones([3, 5])
print(tf.nn.dropout(x, 0.5, seed=1).numpy().tolist())
print(tf.nn.dropout(x, 0.5).numpy().tolist())
print(tf.nn.dropout(x, 0.0).numpy().tolist())
print(bits(tf.random.uniform([2]).numpy()))

#@ stateful_dropout_doc
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(0)
x = tf.ones([3, 5])
print(tf.nn.dropout(x, rate=0.8, seed=2).numpy().tolist())
print(tf.nn.dropout(x, rate=0.8, seed=2).numpy().tolist())

#@ stateful_sequence_after_reseed
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(1)
a = [bits(tf.random.uniform([2]).numpy()) for _ in range(3)]
tf.random.set_seed(1)
b = [bits(tf.random.uniform([2]).numpy()) for _ in range(3)]
print(a == b, a)

#@ stateful_truncated_normal_many
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.random.set_seed(8)
x = tf.random.truncated_normal([999], seed=3).numpy()
print(bits(x[::97]))

#@ keras_glorotuniform_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.GlorotUniform(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_glorotnormal_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.GlorotNormal(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_henormal_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.HeNormal(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_heuniform_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.HeUniform(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_lecunnormal_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.LecunNormal(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_lecununiform_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.LecunUniform(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_randomnormal_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.RandomNormal(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_randomuniform_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.RandomUniform(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_truncatednormal_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
init = tf.keras.initializers.TruncatedNormal(seed=1)
print(bits(init((3, 5)).numpy()))
print(bits(init((3, 5)).numpy()) == bits(init((3, 5)).numpy()))

#@ keras_variance_scaling_untruncated
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(bits(tf.keras.initializers.VarianceScaling(2.0, 'fan_out', 'untruncated_normal', seed=7)((4, 3)).numpy()))

#@ keras_variance_scaling_conv_uniform
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(bits(tf.keras.initializers.VarianceScaling(1.0, 'fan_avg', 'uniform', seed=3)((3, 3, 2, 4)).numpy()[0, 0]))

#@ keras_orthogonal
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
q = tf.keras.initializers.Orthogonal(seed=3)((4, 3)).numpy()
print(np.round(q, 5).tolist())

#@ keras_random_ops_seeded
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
print(bits(tf.keras.random.normal([2], seed=1).numpy()))
print(bits(tf.keras.random.uniform([3], minval=-1., maxval=1., seed=2).numpy()))
print(bits(tf.keras.random.truncated_normal([3], seed=3).numpy()))
print(tf.keras.random.randint([4], 0, 100, seed=4).numpy().tolist())

#@ keras_seed_generator
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.keras.random.SeedGenerator(3)
print(g.next().numpy().tolist(), g.next().numpy().tolist())
print(bits(tf.keras.random.uniform([3], seed=g).numpy()))
print(bits(tf.keras.random.uniform([3], seed=g).numpy()))
print(g.state.numpy().tolist())

#@ keras_initializer_with_seed_generator
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
g = tf.keras.random.SeedGenerator(5)
init = tf.keras.initializers.RandomNormal(seed=g)
print(bits(init((2,)).numpy()), bits(init((2,)).numpy()))

#@ keras_set_random_seed_unseeded
#! isolated
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.keras.utils.set_random_seed(12)
print(bits(tf.keras.initializers.GlorotUniform()((2, 3)).numpy()))
d = tf.keras.layers.Dense(3)
d.build((None, 2))
print(bits(d.kernel.numpy()))
print(bits(tf.keras.random.normal([2]).numpy()), bits(tf.keras.random.normal([2]).numpy()))

#@ keras_dropout_layer
#! isolated
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.keras.utils.set_random_seed(1)
layer = tf.keras.layers.Dropout(0.5, seed=4)
x = tf.ones([2, 6])
print(layer(x, training=True).numpy().tolist())
print(layer(x, training=True).numpy().tolist())
print(layer(x).numpy().tolist())
print(tf.keras.layers.Dropout(0.3)(x, training=True).numpy().tolist())

#@ keras_dropout_noise_shape
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
layer = tf.keras.layers.Dropout(0.5, noise_shape=(None, 1), seed=2)
print(layer(tf.ones([4, 3]), training=True).numpy().tolist())

#@ keras_dense_seeded_initializer
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
d = tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.HeNormal(seed=3))
d.build((None, 4))
print(bits(d.kernel.numpy()))

#@ keras_set_random_seed_tf_ops
bits = lambda x: np.asarray(x).view({2: np.uint16, 4: np.uint32, 8: np.uint64}[np.asarray(x).itemsize]).tolist() if np.asarray(x).dtype.kind == 'f' else np.asarray(x).tolist()
tf.keras.utils.set_random_seed(4)
print(bits(tf.random.uniform([3]).numpy()))
print(bits(tf.random.normal([2], seed=1).numpy()))
