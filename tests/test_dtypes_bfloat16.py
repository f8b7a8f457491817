"""Every TF dtype object, bfloat16 storage and arithmetic, and keras.mixed_precision."""
import numpy as np
import pytest

import tapeflow as tf
from tapeflow.framework import bfloat16, dtypes
from tapeflow.framework.dtypes import BFLOAT16_STORAGE

ENUMS = {"float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6, "string": 7,
         "complex64": 8, "int64": 9, "bool": 10, "qint8": 11, "quint8": 12, "qint32": 13,
         "bfloat16": 14, "qint16": 15, "quint16": 16, "uint16": 17, "complex128": 18,
         "float16": 19, "resource": 20, "variant": 21, "uint32": 22, "uint64": 23}


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_every_dtype_object(name):
    d = getattr(tf, name)
    assert d is getattr(tf.dtypes, name) is tf.as_dtype(name) is tf.as_dtype(ENUMS[name])
    assert d.as_datatype_enum == ENUMS[name]
    assert d == name and d != "not-a-dtype"


def test_dtype_properties():
    assert tf.bfloat16.is_floating and tf.bfloat16.size == 2 and tf.bfloat16.real_dtype is tf.bfloat16
    assert tf.qint8.is_quantized and not tf.qint8.is_integer
    assert not tf.resource.is_numpy_compatible
    assert tf.uint8.limits == (0, 255) and tf.float32.limits == (0, 1)
    assert tf.float32.min == np.finfo(np.float32).min and type(tf.float32.min) is np.float32
    assert tf.int64.max == 2**63 - 1
    with pytest.raises(TypeError, match="quantized type"):
        _ = tf.qint8.min
    with pytest.raises(ValueError, match="does not have defined limits"):
        _ = tf.float16.limits
    assert tf.string.as_numpy_dtype is object
    assert tf.dtypes.experimental.int4.min == -8


def test_as_dtype_refuses_what_tf_refuses():
    for bad in (int, str, complex, "int", 0):
        with pytest.raises(TypeError):
            tf.as_dtype(bad)
    assert tf.as_dtype(float) is tf.float32 and tf.as_dtype(object) is tf.string


def test_unsupported_dtypes_raise_clearly():
    for d in (tf.qint8, tf.dtypes.experimental.float8_e4m3fn, tf.resource):
        with pytest.raises(NotImplementedError, match=d.name):
            tf.constant([1, 2], d)


def test_bfloat16_rounding_matches_the_bit_rule():
    f = np.random.default_rng(0).standard_normal(10000).astype(np.float32) * 1e3
    bits = f.view(np.uint32).astype(np.uint64)
    ref = ((bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000).astype(np.uint32).view(np.float32)
    np.testing.assert_array_equal(bfloat16.round_float32(f), ref)
    ties = bfloat16.round_float32([1 + 2**-8, 1 + 3 * 2**-8])  # ties go to even
    np.testing.assert_array_equal(ties, [1.0, 1 + 2**-6])


def test_bfloat16_ops_compute_in_float32_and_round():
    a = tf.constant([1.5, 2.3, 3.14159], tf.bfloat16)
    assert a._value.dtype == BFLOAT16_STORAGE and a.dtype is tf.bfloat16
    b = a * 3.0
    assert b.dtype is tf.bfloat16
    expect = bfloat16.round_float32(bfloat16.to_float32(a._value) * np.float32(3))
    np.testing.assert_array_equal(b.numpy(), expect)
    assert str(a) == "tf.Tensor([1.5 2.29688 3.14062], shape=(3,), dtype=bfloat16)"
    assert tf.reduce_sum(a).dtype is tf.bfloat16
    assert tf.cast(a, tf.float32).dtype is tf.float32
    with pytest.raises(tf.errors.InvalidArgumentError, match="bfloat16 tensor but is a float"):
        a + tf.constant([1.0, 2.0, 3.0])


def test_bfloat16_gradients_reach_float32_variables():
    w = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as g:
        h = tf.cast(w, tf.bfloat16)
        y = tf.reduce_sum(h * h + h)  # h used twice: the tape sums two bfloat16 cotangents
    grad = g.gradient(y, w)
    assert grad.dtype is tf.float32
    np.testing.assert_array_equal(grad.numpy(), [3.0, 5.0])


def test_bfloat16_variable_updates_round():
    v = tf.Variable(tf.constant([1.0], tf.bfloat16))
    v.assign_add(tf.constant([0.001], tf.bfloat16))
    assert v.dtype is tf.bfloat16 and v.numpy().tolist() == [1.0]  # 1.001 rounds to 1


def test_float_fast_path_untouched_by_bfloat16():
    x = tf.constant([1.0, 2.0])
    assert type((x * x)._value) is np.ndarray and (x * x)._value.dtype == np.float32
    assert dtypes.float32._plain and not dtypes.bfloat16._plain


def test_policies_and_autocast():
    mp = tf.keras.mixed_precision
    mp.set_global_policy("mixed_float16")
    try:
        layer = tf.keras.layers.Dense(2, kernel_initializer="ones")
        x = tf.constant([[1.0, 2.0]])
        with tf.GradientTape() as tape:
            y = layer(x)
        grads = tape.gradient(y, layer.trainable_variables)
    finally:
        mp.set_global_policy("float32")
    assert y.dtype is tf.float16 and layer.kernel.dtype == "float32"
    assert [g.dtype for g in grads] == [tf.float32, tf.float32]
    assert repr(mp.global_policy()) == '<DTypePolicy "float32">'
    with pytest.raises(ValueError, match="Cannot convert 'foo'"):
        mp.Policy("foo")


def test_loss_scale_optimizer_dynamics():
    opt = tf.keras.mixed_precision.LossScaleOptimizer(tf.keras.optimizers.SGD(1.0),
                                                      initial_scale=8.0, dynamic_growth_steps=2)
    v = tf.Variable([1.0])
    assert float(opt.scale_loss(tf.constant(1.0))) == 8.0
    opt.apply_gradients([(tf.constant([8.0]), v)])  # unscaled: 1.0
    assert v.numpy().tolist() == [0.0] and float(opt.dynamic_scale.numpy()) == 8.0
    opt.apply_gradients([(tf.constant([8.0]), v)])  # second finite step: the scale doubles
    assert float(opt.dynamic_scale.numpy()) == 16.0
    opt.apply_gradients([(tf.constant([np.inf]), v)])  # skipped, scale halves
    assert v.numpy().tolist() == [-1.0] and float(opt.dynamic_scale.numpy()) == 8.0
    assert int(opt.iterations.numpy()) == 2
    assert not hasattr(opt, "get_scaled_loss")  # gone in Keras 3
