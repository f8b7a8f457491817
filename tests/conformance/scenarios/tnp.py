# tf.experimental.numpy without NumPy behaviour switched on (in-process), and with it (each such
# scenario isolated): creation and dtype inference, math, reductions, shapes, indexing,
# gradients, random, and the promotion modes.

#@ creation_dtypes
tnp = tf.experimental.numpy
for v in [1, 1.0, True, 1 + 2j, [1, 2], [1, 2.5], np.float32(1), np.array([1], np.int8)]:
  print(repr(v), tnp.asarray(v).dtype)
print(tnp.array([1, 2], dtype=tnp.float32))
print(tnp.array(3, ndmin=2).shape)

#@ creation_functions
tnp = tf.experimental.numpy
print(tnp.zeros([2, 2]).dtype, tnp.ones(3, dtype=int).dtype, tnp.empty([1]).shape)
print(tnp.full([2, 3], 7))
print(tnp.zeros_like(tnp.ones([2], tnp.int32)), tnp.ones_like([1.5, 2]), tnp.full_like([1, 2], 9.5))
print(tnp.eye(3, 4, k=1))
print(tnp.identity(2, dtype=tnp.float32))
print(tnp.tri(3, dtype=int))

#@ ranges
tnp = tf.experimental.numpy
print(tnp.arange(5), tnp.arange(1, 2, 0.25), tnp.arange(5, dtype=tnp.float32))
print(tnp.linspace(0, 1, 5), tnp.linspace(2, 3, 4, endpoint=False))
print(tnp.logspace(0, 2, 3), tnp.geomspace(1, 8, 4))

#@ triangles_and_diagonals
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
m = tnp.arange(12).reshape(3, 4)
print(tnp.tril(m), tnp.triu(m, 1), sep="\n")
print(tnp.diag(m), tnp.diag(m, 1), tnp.diagonal(m, -1))
print(tnp.diag([1, 2, 3], -1))
print(tnp.trace(m), tnp.diagflat([[1, 2]]).shape)

#@ elementwise_math_float
tnp = tf.experimental.numpy
x = tnp.asarray([0.25, 1.0, 4.0])
for f in ["sqrt", "exp", "log", "log2", "log10", "log1p", "expm1", "sin", "cos", "tan", "arctan", "sinh", "tanh", "cbrt", "square", "reciprocal", "exp2", "deg2rad", "rad2deg", "sinc"]:
  print(f, getattr(tnp, f)(x))

#@ elementwise_math_int_promotes
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
x = tnp.asarray([1, 4, 9])
print(tnp.sqrt(x), tnp.exp(x).dtype, tnp.sin(x).dtype, tnp.square(x), tnp.abs(-x), tnp.negative(x), tnp.sign(-x))
print(tnp.floor([1.5, -1.5]), tnp.ceil([1.5, -1.5]), tnp.fix([1.5, -1.5]), tnp.around([0.5, 1.5, 2.5]))
print(tnp.around([1.234, 5.678], 1), tnp.round(123, -1))

#@ binary_math_and_promotion
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
a = tnp.asarray([1, 2, 3], tnp.int32)
print(tnp.add(a, 1.5), tnp.subtract(a, 1), tnp.multiply(a, 2.0).dtype)
print(tnp.divide(a, 2), tnp.true_divide(a, a).dtype, tnp.floor_divide(a, 2), tnp.mod(a, 2), tnp.remainder(-a, 2))
print(tnp.power(a, 2), tnp.float_power(a, 2), tnp.maximum(a, 2.5), tnp.minimum(a, [3, 0, 2]))
print(tnp.arctan2(1.0, a), tnp.hypot(3, 4), tnp.divmod(a, 2))
print(tnp.add(tnp.asarray([True, False]), True))

#@ special_binary
tnp = tf.experimental.numpy
print(tnp.heaviside([-1.0, 0.0, 2.0], 0.5), tnp.logaddexp(1.0, 2.0), tnp.logaddexp2(1.0, 2.0))
print(tnp.gcd(12, 18), tnp.lcm([4, 6], 10), tnp.nextafter(1.0, 2.0) > 1.0)
print(tnp.isclose([1.0, 1.1], 1.0), tnp.allclose([1.0, 1.0000001], 1.0), tnp.array_equal([1, 2], [1, 2]))

#@ comparisons_and_logic
tnp = tf.experimental.numpy
a = tnp.asarray([1, 2, 3])
print(tnp.equal(a, 2), tnp.not_equal(a, 2), tnp.less(a, 2), tnp.less_equal(a, 2), tnp.greater(a, 2), tnp.greater_equal(a, 2.5))
print(tnp.logical_and(a > 1, a < 3), tnp.logical_or([True, False], False), tnp.logical_xor(True, [True, False]), tnp.logical_not([0, 1]))
print(tnp.bitwise_and(a, 1), tnp.bitwise_or(a, 4), tnp.bitwise_xor(a, 3), tnp.bitwise_not(a))

#@ predicates
tnp = tf.experimental.numpy
x = tnp.asarray([1.0, np.inf, -np.inf, np.nan, -0.0])
print(tnp.isnan(x), tnp.isinf(x), tnp.isfinite(x), tnp.isposinf(x), tnp.isneginf(x), tnp.signbit(x))
print(tnp.iscomplex([1 + 1j, 1]), tnp.isreal([1 + 1j, 1]), tnp.iscomplexobj([1j]), tnp.isrealobj([1.0]))
print(tnp.isscalar(3.0), tnp.isscalar([3.0]), tnp.isscalar(tnp.asarray(1)))

#@ complex_numbers
tnp = tf.experimental.numpy
z = tnp.asarray([1 + 2j, -3 - 4j])
print(z.dtype, tnp.real(z), tnp.imag(z), tnp.conj(z), tnp.abs(z), tnp.angle(z))
print(tnp.angle([-1.0, 2.0], deg=True), tnp.imag([1.0, 2.0]))

#@ reductions
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
m = tnp.arange(1, 7).reshape(2, 3)
print(tnp.sum(m), tnp.sum(m, axis=0), tnp.sum(m, 1, keepdims=True).shape, tnp.prod(m, 1))
print(tnp.mean(m), tnp.mean(m, axis=1), tnp.average(m, axis=1, weights=[1, 0, 1]))
print(tnp.amax(m), tnp.amin(m, 0), tnp.max(m, 1), tnp.ptp(m), tnp.argmax(m), tnp.argmin(m, axis=1))
print(tnp.std(m), tnp.var(m, axis=0), tnp.std(m, axis=1))
print(tnp.all(m > 0), tnp.any(m > 5, axis=1), tnp.count_nonzero([0, 1, 2, 0]))
print(tnp.sum([True, True, False]).dtype, tnp.sum(tnp.asarray([1, 2], tnp.int8)).dtype)

#@ cumulative_and_nan_reductions
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
m = tnp.arange(1, 7).reshape(2, 3)
print(tnp.cumsum(m), tnp.cumsum(m, axis=1), tnp.cumprod(m, 0))
x = tnp.asarray([1.0, np.nan, 3.0])
print(tnp.nansum(x), tnp.nanprod(x), tnp.nanmean(x), tnp.sum(x))
print(tnp.diff([1, 4, 9, 16]), tnp.diff([[1, 4], [9, 16]], axis=0), tnp.diff([1, 4, 9, 16], n=2))

#@ shapes
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
x = tnp.arange(24)
print(tnp.reshape(x, (2, 3, 4)).shape, tnp.reshape(x, [4, -1]).shape, tnp.ravel(tnp.ones([2, 2])).shape)
y = tnp.reshape(x, (2, 3, 4))
print(tnp.transpose(y).shape, tnp.transpose(y, (1, 0, 2)).shape, tnp.swapaxes(y, 0, 2).shape, tnp.moveaxis(y, 0, -1).shape)
print(tnp.expand_dims(y, 1).shape, tnp.squeeze(tnp.ones([1, 3, 1])).shape, tnp.squeeze(tnp.ones([1, 3, 1]), 2).shape)
print(tnp.atleast_1d(1.0).shape, tnp.atleast_2d([1, 2]).shape, tnp.atleast_3d([1, 2]).shape, tnp.atleast_3d(tnp.ones([2, 2])).shape)
print(tnp.shape(y), tnp.ndim(y), tnp.size(y))
print(tnp.reshape(tnp.arange(6), (2, 3), order="F"))

#@ joining_and_splitting
tnp = tf.experimental.numpy
a, b = tnp.asarray([[1, 2]]), tnp.asarray([[3.5, 4]])
print(tnp.concatenate([a, b]), tnp.concatenate([a, b], axis=1), tnp.stack([a, b], 2).shape)
print(tnp.hstack([a, b]), tnp.vstack([[1, 2], [3, 4]]), tnp.dstack([a, b]).shape, tnp.append(a, [5, 6]))
parts = tnp.split(tnp.arange(9), 3)
print(parts, tnp.split(tnp.arange(9), [2, 5]))
print([p.shape for p in tnp.hsplit(tnp.ones([2, 4]), 2)], [p.shape for p in tnp.vsplit(tnp.ones([4, 2]), [1])], len(tnp.dsplit(tnp.ones([1, 1, 4]), 4)))

#@ tile_repeat_flip_roll
tnp = tf.experimental.numpy
a = tnp.asarray([[1, 2], [3, 4]])
print(tnp.tile(a, 2), tnp.tile([1, 2], (2, 2)), tnp.repeat(a, 2), tnp.repeat(a, [1, 2], axis=0), sep="\n")
print(tnp.flip(a), tnp.fliplr(a), tnp.flipud(a), tnp.flip(a, 1), sep="\n")
print(tnp.roll(tnp.arange(5), 2), tnp.roll(a, 1), tnp.roll(a, -1, axis=1), sep="\n")
print(tnp.rot90(a), tnp.rot90(a, 2), tnp.rot90(a, -1), sep="\n")

#@ broadcasting_and_padding
tnp = tf.experimental.numpy
print(tnp.broadcast_to([1, 2], (3, 2)))
x, y = tnp.broadcast_arrays([[1], [2]], [3, 4, 5])
print(x.shape, y.shape)
print(tnp.pad([1, 2, 3], [[2, 2]], "constant"), tnp.pad([1, 2, 3], [[1, 2]], "constant", constant_values=9), tnp.pad([1, 2, 3], [[2, 2]], mode="reflect"), tnp.pad([1, 2, 3], [[2, 1]], mode="symmetric"))
print(tnp.pad(tnp.ones([1, 2]), ((1, 0), (0, 1)), "constant"))

#@ take_where_select_sort
tnp = tf.experimental.numpy
a = tnp.asarray([[3, 1, 2], [9, 7, 8]])
print(tnp.take(a, [0, 5]), tnp.take(a, [2, 0], axis=1), tnp.take(a, [10], mode="wrap"))
print(tnp.take_along_axis(a, tnp.argsort(a, axis=1), axis=1), tnp.sort(a), tnp.sort(a, axis=0), tnp.sort(a, axis=None))
print(tnp.argsort([3, 1, 2]), tnp.compress([True, False, True], a, axis=1), tnp.nonzero([[0, 1], [2, 0]]))
print(tnp.where(a > 2, a, -1), tnp.where([True, False], 1.5, 2), tnp.where([0, 3, 0, 4]))
print(tnp.select([a < 2, a > 8], [a, -a], 0), tnp.clip(a, 2, 8), tnp.clip(a, None, 3))

#@ products
tnp = tf.experimental.numpy
a = tnp.asarray([[1.0, 2.0], [3.0, 4.0]])
v = tnp.asarray([1.0, -1.0])
print(tnp.matmul(a, a), tnp.matmul(a, v), tnp.matmul(v, a), tnp.matmul(v, v), sep="\n")
print(tnp.dot(a, v), tnp.dot(3, v), tnp.vdot(a, a), tnp.inner(v, v), tnp.outer(v, [1, 2, 3]).shape)
print(tnp.kron([1, 2], [[1, 10]]), tnp.cross([1, 0, 0], [0, 1, 0]), tnp.tensordot(a, a, 1), tnp.tensordot(a, a, ([0, 1], [1, 0])))
print(tnp.einsum("ij,j->i", a, v), tnp.einsum("ii", a), tnp.polyval([1, 0, -1], [2, 3]))

#@ meshgrid_and_vander
tnp = tf.experimental.numpy
xs, ys = tnp.meshgrid([1, 2, 3], [4, 5])
print(xs, ys, sep="\n")
ii, jj = tnp.meshgrid([1, 2, 3], [4, 5], indexing="ij")
print(ii.shape, jj.shape)
print(tnp.vander([1, 2, 3]), tnp.vander([1, 2], 3, increasing=True), sep="\n")
r, c = tnp.ix_([0, 1], [2, 0])
print(r.shape, c.shape, tnp.arange(12).reshape(3, 4)[r.numpy(), c.numpy()] if False else tnp.diag_indices(2))

#@ dtype_utilities
tnp = tf.experimental.numpy
print(tnp.result_type(tnp.int32, tnp.float32), tnp.result_type(1, 2.0), tnp.result_type(tnp.asarray([1], tnp.int8), 1))
print(tnp.promote_types(tnp.int8, tnp.uint8), tnp.promote_types(tf.float16, tf.int32))
print(tnp.finfo(tnp.float32).eps, tnp.iinfo(tnp.int8).max, tnp.issubdtype(tnp.float32, tnp.inexact))
print(tnp.float64, tnp.int_, tnp.bool_, tnp.pi, tnp.e, tnp.inf, tnp.newaxis)

#@ gradients_through_tnp
tnp = tf.experimental.numpy
x = tnp.asarray([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
  tape.watch(x)
  y = tnp.sum(tnp.square(tnp.sin(x)) * tnp.log(x)) + tnp.mean(tnp.exp(x) / (1 + x))
print(tape.gradient(y, x))
m = tnp.asarray([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
  tape.watch(m)
  z = tnp.sum(tnp.matmul(m, tnp.transpose(m)) * tnp.tril(tnp.ones([2, 2])))
print(tape.gradient(z, m))

#@ gradients_through_shape_ops
tnp = tf.experimental.numpy
x = tnp.asarray([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
with tf.GradientTape() as tape:
  tape.watch(x)
  parts = tnp.split(x, 3, axis=1)
  y = tnp.sum(tnp.concatenate([parts[2], tnp.flip(parts[0])], axis=0) ** 3) + tnp.sum(tnp.std(x, axis=0)) + tnp.sum(tnp.where(x > 2, x, 0.0) * tnp.cumsum(x, axis=1))
print(tape.gradient(y, x))

#@ random_shapes_and_dtypes
tnp = tf.experimental.numpy
tnp.random.seed(3)
for x in [tnp.random.randn(2, 3), tnp.random.standard_normal(4), tnp.random.uniform(1, 2, (2,)), tnp.random.rand(3), tnp.random.random((1, 2)), tnp.random.randint(5, size=3), tnp.random.randint(1, 10, (2, 2), dtype=tnp.int32), tnp.random.poisson(2.0, 3)]:
  print(x.shape, x.dtype)
u = tnp.random.uniform(1, 2, (100,))
print(bool(tnp.all((u >= 1) & (u < 2))))

#@ random_values_equal_tf
tnp = tf.experimental.numpy
tnp.random.seed(7)
print(tnp.random.randn(3))
print(tnp.random.uniform(size=(2,)))
print(tnp.random.randint(0, 100, size=4))

#@ ndarray_is_tensor
tnp = tf.experimental.numpy
x = tnp.ones([2])
print(isinstance(x, tnp.ndarray), tnp.ndarray is tf.Tensor, type(x).__name__)
print(tf.reduce_sum(tnp.arange(4)), tnp.sum(tf.ones([2, 2])))

#@ errors
tnp = tf.experimental.numpy
for f in [lambda: tnp.arange(0, 5, 0), lambda: tnp.clip([1], None, None), lambda: tnp.diag(tnp.ones([2, 2, 2]))]:
  try:
    f()
  except ValueError as e:
    print(type(e).__name__, e)
tnp.split(tnp.arange(5), 2)

#@ numpy_methods_on_tensor
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(x.T.shape, x.reshape(3, 2).shape, x.reshape((6,)).shape, x.ravel().shape, x.flatten().shape)
print(x.astype(tnp.int32), x.clip(2, 5), x.max(), x.min(axis=0), x.mean(axis=1))
print(x.transpose().shape, x.ndim, x.size, x.tolist(), round(tf.constant(2.6)))
print(+x is x, x.data is x)

#@ numpy_indexing
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
x = tnp.arange(12).reshape(3, 4)
print(x[[0, 2]], x[:, [1, 3]], x[[0, 1], [2, 3]], sep="\n")
print(x[x > 5], x[tnp.asarray([True, False, True])], x[1, [0, 0, 3]])
print(x[..., 1], x[None, 1, 1:3].shape, x[-1])

#@ legacy_operator_promotion
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior()
i8, i32, f16, f32 = tf.constant(1, tf.int8), tf.constant(2), tf.constant(1.5, tf.float16), tf.constant(2.5)
for a, b in [(i8, i32), (i32, f32), (i8, f16), (f16, f32), (i32, 1.5), (f32, 2), (i8, 300), (np.float64(1.0), f32)]:
  print(repr(a + b), repr(a * b).split(",")[1])
print(repr(i32 / i32), repr(i32 < 2.5), repr(f32 == i32), repr(i32 @ tf.ones([1, 1])) if False else "")
try:
  tf.add(i32, f32)
except tf.errors.InvalidArgumentError as e:
  print(type(e).__name__)

#@ all_mode_weak_promotion
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
w = tf.constant(3)
print(repr(w), repr(w + 1.5), repr(w + tf.constant(2, tf.int8)), repr(tf.constant(2.0) * 3))
print(repr(tf.add(1, 2)), repr(tf.math.sqrt(tf.constant(4.0))), repr(tf.constant([1, 2], tf.int64) + w))
print(repr(tf.constant(1, tf.uint8) + tf.constant(-1, tf.int8)), repr(tf.constant(1, tf.int32) * tf.constant(2.0, tf.float64)))
print(repr(tnp.asarray(1.5)), repr(tnp.arange(3)), repr(w / tf.constant(2)))

#@ safe_mode_refuses_lossy_promotions
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="safe")
print(repr(tf.constant(1, tf.int8) + tf.constant(2, tf.int16)), repr(tf.constant(1.0, tf.float16) + tf.constant(1.0)))
for a, b in [(tf.constant(1, tf.int32), tf.constant(1.0)), (tf.constant(1, tf.int64), tf.constant(1.0, tf.float64)), (tf.constant(1, tf.uint8), tf.constant(1, tf.int8))]:
  try:
    a + b
  except TypeError as e:
    print(str(e)[:120])
