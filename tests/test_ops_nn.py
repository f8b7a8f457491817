"""Issue 5 part B, `tf.nn`: convolution, pooling, activations, normalization, losses, dropout and
embedding lookup.

Every differentiable function has rows checked by `tf.test.check_gradients(f, args, order=2)`:
reverse and forward mode, first and second order, against float64 central differences (the
second order goes through the backprop primitives Conv2DBackpropInput/Filter, MaxPoolGrad, ...,
so it checks that they are differentiable too). Convolution and pooling values are compared with
naive loop references; TF's conventions (SAME padding split, the max-pool tie rule, average
pooling that does not count padding) have their own tests.
"""
import itertools
import zlib

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.prims import conv as PC


def _rng(key):
    return np.random.default_rng(zlib.crc32(key.encode()))


def normal(*shape):
    return lambda rng: rng.standard_normal(shape)


def uniform(lo, hi, *shape):
    return lambda rng: rng.uniform(lo, hi, shape)


def away(*shape):
    """|x| in [0.3, 1.5] with a random sign: away from kinks at 0."""
    return lambda rng: rng.choice([-1.0, 1.0], shape) * rng.uniform(0.3, 1.5, shape)


def distinct(*shape):
    """Values at least 0.3 apart: no ties inside a max-pool window."""
    def draw(rng):
        n = int(np.prod(shape))
        return (rng.permutation(n) * 0.5 + rng.uniform(-0.1, 0.1, n) - n / 4).reshape(shape)
    return draw


def fixed(value):
    return lambda rng: np.asarray(value, np.float64)


ROWS = []


def row(id, fn, *args, order=2):
    ROWS.append(pytest.param(fn, args, order, id=id))


# -- convolution ------------------------------------------------------------------------------
X, W = normal(1, 5, 5, 2), normal(3, 3, 2, 3)
for s, pad, d in [(1, "SAME", 1), (2, "SAME", 1), (1, "VALID", 1), (2, "VALID", 1), (1, "SAME", 2),
                  (1, "VALID", 2), (3, "SAME", 1)]:
    row(f"conv2d-s{s}-{pad}-d{d}", lambda x, w, s=s, pad=pad, d=d: tf.nn.conv2d(x, w, s, pad, dilations=d),
        X, W)
row("conv2d-explicit", lambda x, w: tf.nn.conv2d(x, w, [1, 2, 1, 1], [[0, 0], [1, 2], [0, 1], [0, 0]]),
    X, W)
row("conv2d-NCHW", lambda x, w: tf.nn.conv2d(x, w, 1, "SAME", data_format="NCHW"),
    normal(1, 2, 4, 4), W)
row("conv2d-batch2-rect", lambda x, w: tf.nn.conv2d(x, w, [2, 1], "SAME"), normal(2, 4, 3, 1),
    normal(2, 3, 1, 2))
row("conv2d-grouped", lambda x, w: tf.nn.conv2d(x, w, 2, "SAME"), normal(1, 5, 5, 4), normal(3, 3, 2, 6))
row("conv1d-s2-SAME", lambda x, w: tf.nn.conv1d(x, w, 2, "SAME"), normal(2, 7, 2), normal(3, 2, 3))
row("conv1d-d2-VALID", lambda x, w: tf.nn.conv1d(x, w, 1, "VALID", dilations=2), normal(1, 7, 2),
    normal(3, 2, 2))
row("conv3d-SAME", lambda x, w: tf.nn.conv3d(x, w, [1, 2, 1, 1, 1], "SAME"), normal(1, 3, 4, 3, 2),
    normal(2, 2, 2, 2, 2))
row("conv3d-VALID-d2", lambda x, w: tf.nn.conv3d(x, w, [1, 1, 1, 1, 1], "VALID", dilations=[1, 1, 2, 1, 1]),
    normal(1, 3, 3, 4, 1), normal(2, 2, 2, 1, 2))
row("convolution-1d", lambda x, w: tf.nn.convolution(x, w, padding="SAME"), normal(1, 5, 2),
    normal(2, 2, 2))
row("depthwise-SAME", lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME"), X,
    normal(3, 3, 2, 2))
row("depthwise-s2-VALID", lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], "VALID"), X,
    normal(3, 3, 2, 2))
row("depthwise-d2", lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", dilations=[2, 2]),
    X, normal(2, 2, 2, 1))
row("conv2d_transpose-s2-SAME", lambda x, w: tf.nn.conv2d_transpose(x, w, [1, 5, 5, 2], 2, "SAME"),
    normal(1, 3, 3, 3), W)
row("conv2d_transpose-s1-VALID", lambda x, w: tf.nn.conv2d_transpose(x, w, [1, 5, 5, 2], 1, "VALID"),
    normal(1, 3, 3, 3), W)
row("conv1d_transpose", lambda x, w: tf.nn.conv1d_transpose(x, w, [1, 6, 2], 2), normal(1, 3, 3),
    normal(3, 2, 3))
row("conv3d_transpose", lambda x, w: tf.nn.conv3d_transpose(x, w, [1, 4, 2, 2, 1], [1, 2, 1, 1, 1]),
    normal(1, 2, 2, 2, 2), normal(2, 2, 2, 1, 2))

# -- pooling ----------------------------------------------------------------------------------
def _pool3d(pool, x, k, s, pad):
    """3-D pooling through its primitive: TF's MaxPool3D and AvgPool3D take float32 only, and
    the gradient check runs in float64."""
    _, pads = PC.geometry("Pool3D", x.shape[1:-1], (k,) * 3, (s,) * 3, (1,) * 3, pad)
    return pool(x, {"ksize": (k,) * 3, "strides": (s,) * 3, "dilations": (1,) * 3, "pads": pads})


for k, s, pad in [(2, 2, "VALID"), (3, 2, "SAME"), (2, 1, "SAME"), (3, 1, "VALID")]:
    row(f"max_pool2d-k{k}-s{s}-{pad}", lambda x, k=k, s=s, pad=pad: tf.nn.max_pool2d(x, k, s, pad),
        distinct(1, 5, 5, 2))
    row(f"avg_pool2d-k{k}-s{s}-{pad}", lambda x, k=k, s=s, pad=pad: tf.nn.avg_pool2d(x, k, s, pad),
        normal(1, 5, 5, 2))
row("max_pool2d-explicit", lambda x: tf.nn.max_pool2d(x, 2, 2, [[0, 0], [1, 1], [1, 0], [0, 0]]),
    distinct(1, 4, 5, 1))
row("max_pool1d", lambda x: tf.nn.max_pool1d(x, 3, 2, "SAME"), distinct(2, 7, 2))
row("max_pool3d", lambda x: _pool3d(PC.max_pool, x, 2, 1, "VALID"), distinct(1, 3, 3, 3, 1))
row("max_pool-NCHW", lambda x: tf.nn.max_pool(x, 2, 2, "SAME", data_format="NCHW"), distinct(1, 2, 3, 3))
row("avg_pool1d", lambda x: tf.nn.avg_pool1d(x, 3, 2, "SAME"), normal(2, 7, 2))
row("avg_pool3d", lambda x: _pool3d(PC.avg_pool, x, 2, 2, "SAME"), normal(1, 3, 3, 3, 1))
row("avg_pool", lambda x: tf.nn.avg_pool(x, [2, 3], [1, 2], "SAME"), normal(1, 4, 5, 2))
row("pool-MAX-dilated", lambda x: tf.nn.pool(x, [2, 2], "MAX", dilations=[2, 2]), distinct(1, 5, 5, 1))
row("pool-AVG-s2", lambda x: tf.nn.pool(x, [2], "AVG", strides=[2], padding="SAME"), normal(1, 5, 2))

# -- activations ------------------------------------------------------------------------------
row("relu6", tf.nn.relu6, fixed([-1.0, 0.5, 3.0, 5.5, 7.0]))
row("elu", tf.nn.elu, away(2, 3))
row("selu", tf.nn.selu, away(2, 3))
row("softsign", tf.nn.softsign, away(5))
row("leaky_relu", lambda x: tf.nn.leaky_relu(x, alpha=0.1), away(2, 3))
row("gelu", tf.nn.gelu, normal(2, 3))
row("gelu-approximate", lambda x: tf.nn.gelu(x, approximate=True), normal(2, 3))
row("silu", tf.nn.silu, normal(5))
row("swish-beta", lambda x, b: tf.nn.swish(x, b), normal(5), fixed(1.3))
row("log_sigmoid", tf.math.log_sigmoid, normal(5))

# -- normalization ----------------------------------------------------------------------------
# moments' variance uses stop_gradient(mean), as TF: its second derivative is not the variance's,
# so the variance is checked to first order and the mean to second.
row("moments-mean", lambda x: tf.nn.moments(x, [0, 2])[0], normal(3, 2, 4))
row("moments-variance", lambda x: tf.nn.moments(x, [1], keepdims=True)[1], normal(3, 4), order=1)
row("batch_normalization", lambda x, m, v, o, s: tf.nn.batch_normalization(x, m, v, o, s, 1e-3),
    normal(2, 3), normal(3), uniform(0.5, 1.5, 3), normal(3), normal(3))
row("batch_normalization-no-affine", lambda x, m, v: tf.nn.batch_normalization(x, m, v, None, None, 0.1),
    normal(4, 2), normal(2), uniform(0.5, 1.5, 2))
row("l2_normalize", lambda x: tf.nn.l2_normalize(x, axis=1), normal(2, 3))
row("l2_loss", tf.nn.l2_loss, normal(2, 3))
row("bias_add", tf.nn.bias_add, normal(2, 3), normal(3))
row("bias_add-NCHW", lambda v, b: tf.nn.bias_add(v, b, data_format="NCHW"), normal(2, 3, 2, 2), normal(3))

# -- losses -----------------------------------------------------------------------------------
row("sigmoid_cross_entropy", lambda z, x: tf.nn.sigmoid_cross_entropy_with_logits(z, x),
    uniform(0, 1, 2, 3), away(2, 3))
row("weighted_cross_entropy", lambda z, x: tf.nn.weighted_cross_entropy_with_logits(z, x, 2.5),
    uniform(0, 1, 4), away(4))
row("log_poisson_loss", lambda z, x: tf.nn.log_poisson_loss(z, x), uniform(0, 3, 4), normal(4))
row("log_poisson_loss-full", lambda z, x: tf.nn.log_poisson_loss(z, x, compute_full_loss=True),
    uniform(1.5, 3, 4), normal(4))
row("compute_average_loss", lambda loss: tf.nn.compute_average_loss(loss, global_batch_size=4), normal(3))

# -- dropout and embedding lookup -------------------------------------------------------------


def _seeded_dropout(x):
    tf.random.set_seed(3)  # the same mask at every evaluation
    return tf.nn.dropout(x, 0.4, seed=1)


row("dropout", _seeded_dropout, normal(2, 5))
row("dropout-noise_shape", lambda x: (tf.random.set_seed(4), tf.nn.dropout(x, 0.5, [2, 1], seed=2))[1],
    normal(2, 3))
row("embedding_lookup", lambda p: tf.nn.embedding_lookup(p, [[2, 0], [1, 2]]), normal(3, 2))
row("embedding_lookup-shards", lambda a, b: tf.nn.embedding_lookup([a, b], [3, 0, 2]), normal(2, 2),
    normal(2, 2))
row("embedding_lookup-max_norm", lambda p: tf.nn.embedding_lookup(p, [2, 0, 1], max_norm=1.0),
    uniform(0.5, 1.5, 3, 2))


@pytest.mark.parametrize("fn,args,order", ROWS)
def test_gradients(request, fn, args, order):
    rng = _rng(request.node.callspec.id)
    tf.test.check_gradients(fn, [draw(rng) for draw in args], order=order)


# ============================================================================================
# Values against naive references
# ============================================================================================
def _same_pads(n, k, s, d):
    out = -(-n // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - n, 0)
    return total // 2, total - total // 2


def naive_conv(x, w, strides, dilations, pads, depthwise=False):
    """output[b, o, f] = sum_{k, c} x_padded[b, o * s + k * d, c] w[k, c, f], by loops."""
    nsp = x.ndim - 2
    xp = np.pad(x, [(0, 0)] + list(pads) + [(0, 0)])
    ks = w.shape[:nsp]
    out = [(xp.shape[1 + i] - (ks[i] - 1) * dilations[i] - 1) // strides[i] + 1 for i in range(nsp)]
    c = x.shape[-1]
    f = c * w.shape[-1] if depthwise else w.shape[-1]
    y = np.zeros([x.shape[0]] + out + [f])
    for b in range(x.shape[0]):
        for o in itertools.product(*map(range, out)):
            acc = np.zeros(f)
            for k in itertools.product(*map(range, ks)):
                pos = tuple(o[i] * strides[i] + k[i] * dilations[i] for i in range(nsp))
                v = xp[(b,) + pos]
                acc += (v[:, None] * w[k]).reshape(-1) if depthwise else v @ w[k]
            y[(b,) + o] = acc
    return y


def naive_pool(x, ks, strides, pads, kind):
    nsp = x.ndim - 2
    out = [(x.shape[1 + i] + sum(pads[i]) - ks[i]) // strides[i] + 1 for i in range(nsp)]
    y = np.zeros([x.shape[0]] + out + [x.shape[-1]])
    for b in range(x.shape[0]):
        for o in itertools.product(*map(range, out)):
            window = tuple(slice(max(o[i] * strides[i] - pads[i][0], 0),
                                 min(o[i] * strides[i] - pads[i][0] + ks[i], x.shape[1 + i]))
                           for i in range(nsp))
            vals = x[(b,) + window].reshape(-1, x.shape[-1])
            y[(b,) + o] = vals.max(0) if kind == "MAX" else vals.mean(0)
    return y


CONV_CASES = [((2, 5, 6, 2), (3, 3, 2, 3), s, pad, d)
              for s in (1, 2, 3) for pad in ("SAME", "VALID") for d in (1, 2)
              if not (s > 1 and d > 1)] + [((1, 7, 2), (3, 2, 4), 2, "SAME", 1),
                                           ((1, 4, 3, 4, 2), (2, 2, 3, 2, 1), 1, "SAME", 1),
                                           ((1, 5, 5, 3), (1, 1, 3, 2), 2, "VALID", 1)]


@pytest.mark.parametrize("xs,ws,s,pad,d", CONV_CASES)
def test_conv_values_match_naive_reference(xs, ws, s, pad, d):
    rng = _rng(f"{xs}{ws}{s}{pad}{d}")
    x, w = rng.standard_normal(xs), rng.standard_normal(ws)
    nsp = len(xs) - 2
    f = {1: tf.nn.conv1d, 2: tf.nn.conv2d, 3: lambda *a, **k: tf.nn.conv3d(*a, **k)}[nsp]
    strides = s if nsp < 3 else [1] + [s] * 3 + [1]
    got = f(x, w, strides, pad, dilations=d).numpy()
    pads = [_same_pads(xs[1 + i], ws[i], s, d) if pad == "SAME" else (0, 0) for i in range(nsp)]
    np.testing.assert_allclose(got, naive_conv(x, w, [s] * nsp, [d] * nsp, pads), rtol=1e-10,
                               atol=1e-12)


def test_conv2d_explicit_padding_and_depthwise_values():
    rng = _rng("explicit")
    x, w = rng.standard_normal((1, 4, 5, 2)), rng.standard_normal((2, 3, 2, 3))
    got = tf.nn.conv2d(x, w, [1, 2, 1, 1], [[0, 0], [2, 1], [0, 3], [0, 0]]).numpy()
    np.testing.assert_allclose(got, naive_conv(x, w, [2, 1], [1, 1], [(2, 1), (0, 3)]), atol=1e-12)
    wd = rng.standard_normal((3, 3, 2, 2))
    got = tf.nn.depthwise_conv2d(x, wd, [1, 1, 2, 1], "SAME").numpy()
    pads = [_same_pads(4, 3, 1, 1), _same_pads(5, 3, 2, 1)]
    np.testing.assert_allclose(got, naive_conv(x, wd, [1, 2], [1, 1], pads, depthwise=True), atol=1e-12)


def test_grouped_conv2d_is_separate_convs_per_group():
    rng = _rng("grouped")
    x, w = rng.standard_normal((2, 5, 5, 6)), rng.standard_normal((3, 3, 2, 9))
    got = tf.nn.conv2d(x, w, 1, "SAME").numpy()
    for g in range(3):
        part = tf.nn.conv2d(x[..., 2 * g:2 * g + 2], w[..., 3 * g:3 * g + 3], 1, "SAME").numpy()
        np.testing.assert_allclose(got[..., 3 * g:3 * g + 3], part, atol=1e-12)


def test_conv2d_transpose_is_the_input_gradient_of_conv2d():
    rng = _rng("transpose")
    x, w = tf.constant(rng.standard_normal((2, 5, 5, 2))), tf.constant(rng.standard_normal((3, 3, 2, 4)))
    dy = tf.constant(rng.standard_normal((2, 3, 3, 4)))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.conv2d(x, w, 2, "SAME")
    np.testing.assert_allclose(tape.gradient(y, x, output_gradients=dy).numpy(),
                               tf.nn.conv2d_transpose(dy, w, [2, 5, 5, 2], 2).numpy(), atol=1e-12)


@pytest.mark.parametrize("kind", ["MAX", "AVG"])
@pytest.mark.parametrize("k,s,pad", [(2, 2, "VALID"), (3, 2, "SAME"), (3, 1, "SAME"), (2, 3, "SAME")])
def test_pool_values_match_naive_reference(kind, k, s, pad):
    x = _rng(f"{kind}{k}{s}{pad}").standard_normal((2, 5, 6, 3))
    fn = tf.nn.max_pool2d if kind == "MAX" else tf.nn.avg_pool2d
    pads = [_same_pads(n, k, s, 1) if pad == "SAME" else (0, 0) for n in (5, 6)]
    np.testing.assert_allclose(fn(x, k, s, pad).numpy(), naive_pool(x, (k, k), (s, s), pads, kind),
                               atol=1e-12)


def test_avg_pool_does_not_count_padding():
    y = tf.nn.avg_pool2d(tf.reshape(tf.range(9.0), [1, 3, 3, 1]), 2, 2, "SAME")
    np.testing.assert_array_equal(y.numpy()[0, :, :, 0], [[2.0, 3.5], [6.5, 8.0]])


def test_max_pool_gradient_goes_to_the_first_maximum():
    x = tf.constant([[1.0, 3.0, 3.0], [3.0, 0.0, 3.0], [2.0, 3.0, 1.0]])[None, :, :, None]
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.max_pool2d(x, 2, 1, "VALID")
    g = tape.gradient(y, x).numpy()[0, :, :, 0]
    # windows (row-major): the first 3 of each gets the window's gradient
    np.testing.assert_array_equal(g, [[0, 2, 0], [1, 0, 1], [0, 0, 0]])


def test_max_pool_second_derivative_goes_through_max_pool_grad():
    x = tf.constant(np.arange(16.0).reshape(1, 4, 4, 1))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.nn.max_pool2d(x, 2, 2, "VALID") ** 2)
        g = inner.gradient(y, x)
    h = outer.gradient(g, x)
    np.testing.assert_array_equal(h.numpy().reshape(4, 4), [[0, 0, 0, 0], [0, 2, 0, 2]] * 2)


def test_integer_conv_and_max_pool_keep_dtype():
    x = tf.reshape(tf.range(16), [1, 4, 4, 1])
    assert tf.nn.conv2d(x, tf.ones([2, 2, 1, 1], tf.int32), 1, "VALID").dtype == tf.int32
    assert tf.nn.max_pool2d(x, 2, 2, "VALID").numpy().ravel().tolist() == [5, 7, 13, 15]


def test_channels_first_equals_channels_last():
    rng = _rng("nchw")
    x, w = rng.standard_normal((2, 5, 4, 3)), rng.standard_normal((3, 2, 3, 2))
    nhwc = tf.nn.conv2d(x, w, 2, "SAME").numpy()
    nchw = tf.nn.conv2d(np.transpose(x, (0, 3, 1, 2)), w, 2, "SAME", data_format="NCHW").numpy()
    np.testing.assert_allclose(np.transpose(nchw, (0, 2, 3, 1)), nhwc, atol=1e-12)


def test_extra_batch_dimensions_are_merged():
    rng = _rng("batch")
    x, w = rng.standard_normal((2, 3, 4, 4, 1)), rng.standard_normal((3, 3, 1, 2))
    got = tf.nn.conv2d(x, w, 1, "SAME").numpy()
    assert got.shape == (2, 3, 4, 4, 2)
    np.testing.assert_allclose(got[1, 2], tf.nn.conv2d(x[1, 2:3], w, 1, "SAME").numpy()[0], atol=1e-12)


@pytest.mark.parametrize("call,error", [
    (lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 3, 3]), 1, "VALID"),
     tf.errors.InvalidArgumentError),
    (lambda: tf.nn.conv2d(tf.ones([1, 1, 2, 2]), tf.ones([3, 3, 2, 3]), 1, "VALID"),
     tf.errors.InvalidArgumentError),
    (lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 2], tf.float64), tf.ones([3, 3, 2, 3]), 1, "VALID"),
     tf.errors.InvalidArgumentError),
    (lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 2], tf.int64), tf.ones([3, 3, 2, 3], tf.int64), 1, "VALID"),
     tf.errors.InvalidArgumentError),
    (lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 3]), [1, 2, 3], "SAME"), ValueError),
    (lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 3]), [2, 1, 1, 1], "SAME"),
     tf.errors.UnimplementedError),
    (lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 3]), 1, "FOO"),
     tf.errors.InvalidArgumentError),
    (lambda: tf.nn.conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 3]), 1, [[1, 2], [0, 1]]), ValueError),
    (lambda: tf.nn.conv3d(tf.ones([1, 3, 3, 3, 2]), tf.ones([2, 2, 2, 2, 1]), 1, "SAME"), TypeError),
    (lambda: tf.nn.depthwise_conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 2]), 1, "SAME"), TypeError),
    (lambda: tf.nn.avg_pool2d(tf.ones([1, 4, 4, 1], tf.int32), 2, 2, "SAME"),
     tf.errors.InvalidArgumentError),
    (lambda: tf.nn.avg_pool2d(tf.ones([1, 4, 4, 1]), 2, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]), TypeError),
    (lambda: tf.nn.max_pool2d(tf.ones([1, 4, 4, 2]), [1, 2, 2, 2], 1, "VALID"),
     tf.errors.UnimplementedError),
    (lambda: tf.nn.pool(tf.ones([1, 4, 4, 1]), [2, 2], "MAX", strides=[3, 3]), ValueError),
    (lambda: tf.nn.pool(tf.ones([1, 4, 4, 1]), [2, 2], "MAX", padding="SAME", dilations=[2, 2]), ValueError),
    (lambda: tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 3]), tf.ones([3, 3, 2, 3]), [1, 5, 5, 2], 2),
     tf.errors.InvalidArgumentError),
    (lambda: tf.nn.elu(tf.constant([1, 2])), tf.errors.InvalidArgumentError),
    (lambda: tf.nn.gelu(tf.constant([1, 2])), ValueError),
    (lambda: tf.nn.bias_add(tf.ones([2, 3]), tf.ones([2])), tf.errors.InvalidArgumentError),
    (lambda: tf.nn.bias_add(tf.ones([3]), tf.ones([3])), tf.errors.InvalidArgumentError),
    (lambda: tf.nn.sigmoid_cross_entropy_with_logits(tf.ones([2]), tf.ones([3])), ValueError),
    (lambda: tf.nn.sigmoid_cross_entropy_with_logits(logits=tf.ones([2])), ValueError),
    (lambda: tf.nn.dropout(tf.ones([2]), 1.0), ValueError),
    (lambda: tf.nn.dropout(tf.constant([1, 2]), 0.5), ValueError),
    (lambda: tf.nn.compute_average_loss(tf.constant(1.0)), ValueError),
])
def test_errors_have_tf_types(call, error):
    with pytest.raises(error):
        call()


def test_activation_values():
    x = tf.constant([-2.0, -0.5, 0.0, 0.5, 7.0])
    np.testing.assert_allclose(tf.nn.relu6(x).numpy(), [0, 0, 0, 0.5, 6])
    np.testing.assert_allclose(tf.nn.elu(x).numpy(), np.where(x.numpy() < 0, np.expm1(x.numpy()), x.numpy()),
                               rtol=1e-6)
    np.testing.assert_allclose(tf.nn.leaky_relu(x).numpy(), [-0.4, -0.1, 0, 0.5, 7], rtol=1e-6)
    np.testing.assert_allclose(tf.nn.gelu(tf.constant([-1.0, 0.0, 1.0])).numpy(),
                               [-0.15865526, 0.0, 0.8413447], rtol=1e-6)
    np.testing.assert_allclose(tf.nn.gelu(tf.constant([-1.0, 1.0]), approximate=True).numpy(),
                               [-0.158808, 0.841192], rtol=1e-5)
    assert tf.nn.leaky_relu(tf.constant([-2, 3])).dtype == tf.float32
    assert tf.nn.relu6(tf.constant([-2, 3, 9])).numpy().tolist() == [0, 3, 6]


def test_moments_and_batch_normalization_values():
    x = _rng("moments").standard_normal((4, 3))
    mean, var = tf.nn.moments(x, [0])
    np.testing.assert_allclose(mean.numpy(), x.mean(0))
    np.testing.assert_allclose(var.numpy(), x.var(0))
    y = tf.nn.batch_normalization(x, mean, var, offset=1.0, scale=2.0, variance_epsilon=0.0)
    np.testing.assert_allclose(y.numpy(), 2 * (x - x.mean(0)) / x.std(0) + 1, atol=1e-12)
    m16, v16 = tf.nn.moments(tf.constant([1.0, 2.0, 3.0], tf.float16), [0])
    assert (m16.dtype, v16.dtype) == (tf.float16, tf.float16)


def test_dropout_keeps_expected_fraction_and_scales():
    tf.random.set_seed(0)
    x = tf.ones([200, 100])
    y = tf.nn.dropout(x, rate=0.3, seed=5).numpy()
    kept = y != 0
    assert abs(kept.mean() - 0.7) < 0.01  # 20000 Bernoulli(0.7): sd 0.0032
    np.testing.assert_allclose(y[kept], 1 / 0.7, rtol=1e-6)
    assert tf.nn.dropout(x, 0.0) is not None
    rows = tf.nn.dropout(tf.ones([50, 4]), 0.5, noise_shape=[50, 1], seed=1).numpy()
    assert all(len(set(r)) == 1 for r in rows)


def test_embedding_lookup_of_a_variable_gives_indexed_slices():
    v = tf.Variable(np.arange(6.0).reshape(3, 2))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.nn.embedding_lookup(v, [2, 2, 0]))
    g = tape.gradient(y, v)
    np.testing.assert_array_equal(tf.convert_to_tensor(g).numpy(), [[1, 1], [0, 0], [2, 2]])


def test_losses_values():
    z, x = np.array([1.0, 0.0, 1.0]), np.array([2.0, -1.0, -3.0])
    want = np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x)))
    np.testing.assert_allclose(tf.nn.sigmoid_cross_entropy_with_logits(z, x).numpy(), want)
    q = 2.5
    want = (1 - z) * x + (1 + (q - 1) * z) * (np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, 0))
    np.testing.assert_allclose(tf.nn.weighted_cross_entropy_with_logits(z, x, q).numpy(), want)
    np.testing.assert_allclose(tf.nn.l2_loss(np.array([1.0, 2.0])).numpy(), 2.5)
    np.testing.assert_allclose(tf.nn.compute_average_loss([1.0, 2.0, 3.0], sample_weight=[1.0, 0.0, 2.0])
                               .numpy(), 7 / 3, rtol=1e-6)
