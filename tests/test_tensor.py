"""Semantic unit tests of eager tensors: shapes, dtypes, conversion, indexing, operators' dtype
rules and errors.

Every expectation here was checked against TensorFlow 2.21 (the same file, with only the import
changed, passes under TF).
"""
import os
import re
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import tapeflow as tf

# -- TensorShape ------------------------------------------------------------------------------

def test_shape_as_list_rank_and_indexing():
    s = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]).shape
    assert isinstance(s, tf.TensorShape)
    assert s.as_list() == [2, 3]
    assert s.rank == 2
    assert s[0] == 2 and s[-1] == 3
    assert len(s) == 2 and list(s) == [2, 3]
    assert s.num_elements() == 6


def test_shape_slice_is_tensorshape():
    s = tf.zeros((2, 3, 4)).shape
    assert isinstance(s[1:], tf.TensorShape)
    assert s[1:] == (3, 4)
    assert repr(s[1:]) == "TensorShape([3, 4])"


def test_shape_index_out_of_range():
    with pytest.raises(IndexError):
        tf.zeros((2, 3)).shape[5]


def test_shape_equality_with_tuples_and_lists():
    s = tf.zeros((2, 3)).shape
    assert s == (2, 3)
    assert s == [2, 3]
    assert s == tf.TensorShape([2, 3])
    assert s != (3, 2)
    assert s.__eq__((2,)) is False


def test_shape_str_and_repr():
    assert str(tf.zeros((2, 3)).shape) == "(2, 3)"
    assert repr(tf.zeros((2, 3)).shape) == "TensorShape([2, 3])"
    assert str(tf.constant([1]).shape) == "(1,)"
    assert str(tf.constant(1.0).shape) == "()"
    assert repr(tf.constant(1.0).shape) == "TensorShape([])"
    assert tf.constant(1.0).shape.rank == 0


def test_partially_and_fully_unknown_shapes():
    s = tf.TensorShape([None, 3])
    assert str(s) == "(None, 3)" and repr(s) == "TensorShape([None, 3])"
    u = tf.TensorShape(None)
    assert str(u) == "<unknown>" and repr(u) == "TensorShape(None)"
    assert u.rank is None
    with pytest.raises(ValueError, match=re.escape(
            "as_list() is not defined on an unknown TensorShape.")):
        u.as_list()


# -- DType ------------------------------------------------------------------------------------

DTYPE_TABLE = [
    # dtype, name, is_floating, is_integer, is_complex, is_bool, size
    (tf.float16, "float16", True, False, False, False, 2),
    (tf.float32, "float32", True, False, False, False, 4),
    (tf.float64, "float64", True, False, False, False, 8),
    (tf.int32, "int32", False, True, False, False, 4),
    (tf.int64, "int64", False, True, False, False, 8),
    (tf.uint8, "uint8", False, True, False, False, 1),
    (tf.bool, "bool", False, False, False, True, 1),
    (tf.complex128, "complex128", False, False, True, False, 16),
]


@pytest.mark.parametrize("dt, name, fl, it, cx, bl, size", DTYPE_TABLE, ids=[r[1] for r in DTYPE_TABLE])
def test_dtype_properties(dt, name, fl, it, cx, bl, size):
    assert dt.name == name
    assert repr(dt) == f"tf.{name}"
    assert str(dt) == f"<dtype: '{name}'>"
    assert (dt.is_floating, dt.is_integer, dt.is_complex, dt.is_bool) == (fl, it, cx, bl)
    assert dt.size == size


def test_string_dtype():
    assert tf.string.name == "string"
    assert repr(tf.string) == "tf.string"
    assert not tf.string.is_floating and not tf.string.is_integer


@pytest.mark.parametrize("spec, expected", [
    ("float32", tf.float32), (np.float64, tf.float64), (np.dtype("int16"), tf.int16),
    (tf.int64, tf.int64), ("bool", tf.bool)])
def test_as_dtype(spec, expected):
    assert tf.as_dtype(spec) == expected


def test_as_dtype_bad_name_message():
    with pytest.raises(TypeError, match=re.escape(
            "Cannot convert the argument `type_value`: 'foo' to a TensorFlow DType.")):
        tf.as_dtype("foo")


def test_as_dtype_bad_name_is_type_error():
    with pytest.raises(TypeError):
        tf.as_dtype("foo")


def test_dtype_equality_and_aliases():
    assert tf.float32 == np.float32
    assert tf.float32 == "float32"
    assert tf.float32 != tf.float64
    assert tf.double is tf.float64
    assert tf.half is tf.float16
    assert tf.float32.as_numpy_dtype is np.float32


def test_dtype_min_max():
    assert tf.int8.max == 127
    assert tf.uint8.min == 0
    assert tf.float32.min == np.finfo(np.float32).min


# -- basic tensor protocol ------------------------------------------------------------------------

def test_ndim():
    assert tf.zeros((2, 3)).ndim == 2
    assert tf.constant(1).ndim == 0


def test_len():
    assert len(tf.zeros((4, 3))) == 4


def test_len_of_scalar_raises():
    with pytest.raises(TypeError, match=re.escape("Scalar tensor has no `len()`")):
        len(tf.constant(1))


def test_iteration_yields_rows():
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    rows = list(t)
    assert len(rows) == 2 and all(isinstance(r, tf.Tensor) for r in rows)
    assert [r.numpy().tolist() for r in rows] == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]


def test_iterating_a_scalar_raises():
    with pytest.raises(TypeError, match=re.escape("Cannot iterate over a scalar tensor.")):
        list(tf.constant(1))


INDEX_KEYS = [
    0, -1, (1, 2), (1, -1, -2), slice(None, None, 2), (Ellipsis, 1), (slice(None), None, 1),
    (None, Ellipsis), (0, slice(None, None, -1)),
    (slice(1, None), slice(0, 3, 2), slice(None, None, -2)), (Ellipsis,), slice(-1, None),
    (slice(None), slice(3, 0, -1)),
]


@pytest.mark.parametrize("key", INDEX_KEYS, ids=[repr(k) for k in INDEX_KEYS])
def test_indexing_matches_numpy(key):
    a = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    r = tf.constant(a)[key]
    assert isinstance(r, tf.Tensor)
    assert r.shape == a[key].shape
    np.testing.assert_array_equal(r.numpy(), a[key])


def test_indexing_with_scalar_int_tensor():
    a = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    np.testing.assert_array_equal(tf.constant(a)[tf.constant(1)].numpy(), a[1])


@pytest.mark.parametrize("key", [5, -3])
def test_indexing_out_of_bounds_raises(key):
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of bounds"):
        tf.zeros((2, 3))[key]


def test_indexing_with_float_raises():
    with pytest.raises(TypeError, match=re.escape(
            "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
            "tf.int32/tf.int64 tensors are valid indices")):
        tf.zeros((2, 3))[1.0]


def test_indexing_with_list_acts_like_tuple():
    a = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    np.testing.assert_array_equal(tf.constant(a)[[0, 1]].numpy(), a[0, 1])


def test_scalar_bool_float_int():
    assert bool(tf.constant(0.0)) is False
    assert bool(tf.constant(2)) is True
    assert bool(tf.constant([True])) is True
    assert float(tf.constant(2.5)) == 2.5
    assert int(tf.constant(3.7)) == 3
    assert int(tf.constant(7)) == 7


def test_bool_of_vector_raises():
    with pytest.raises(ValueError, match="truth value of an array with more than one element is "
                                         "ambiguous"):
        bool(tf.constant([1, 2]))


def test_float_of_vector_raises():
    with pytest.raises(TypeError):
        float(tf.constant([2.5, 1.0]))


def test_integer_scalar_tensor_as_list_index():
    assert [0, 1, 2, 3][tf.constant(2)] == 2


def test_array_protocol():
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    a = np.asarray(t)
    assert isinstance(a, np.ndarray) and a.dtype == np.float32
    np.testing.assert_array_equal(a, [[1, 2, 3], [4, 5, 6]])
    s = np.sum(t)
    assert isinstance(s, np.float32) and s == 21.0
    assert np.array(t, dtype=np.float64).dtype == np.float64
    assert isinstance(np.add(t, 1), np.ndarray)


def test_numpy_array_plus_tensor_is_tensor():
    r = np.array([2.0]) + tf.constant([1.0, 2.0])
    assert isinstance(r, tf.Tensor) and r.dtype == tf.float32
    np.testing.assert_array_equal(r.numpy(), [3.0, 4.0])


def test_tensor_is_unhashable():
    t = tf.constant(1.0)
    msg = "Tensor is unhashable. Instead, use tensor.ref() as the key."
    with pytest.raises(TypeError, match=re.escape(msg)):
        hash(t)
    with pytest.raises(TypeError, match=re.escape(msg)):
        _ = {t}


def test_ref_as_dict_key():
    t = tf.constant([1.0, 2.0])
    d = {t.ref(): "t"}
    assert d[t.ref()] == "t"
    assert t.ref().deref() is t
    other = tf.constant([1.0, 2.0])
    assert other.ref() != t.ref()
    assert other.ref() not in d


def test_tensor_equality_is_elementwise():
    t = tf.constant([1.0, 2.0])
    r = t == tf.constant([1.0, 3.0])
    assert isinstance(r, tf.Tensor) and r.dtype == tf.bool
    assert r.numpy().tolist() == [True, False]


# -- immutability --------------------------------------------------------------------------------

def test_mutating_numpy_result_does_not_change_tensor():
    t = tf.constant([[1.0, 2.0]])
    n = t.numpy()
    n[0, 0] = 100.0
    assert t.numpy()[0, 0] == 1.0


def test_constant_does_not_alias_its_numpy_input():
    a = np.array([1.0, 2.0])
    t = tf.constant(a)
    a[0] = 100.0
    assert t.numpy()[0] == 1.0


def test_tensor_has_no_item_assignment():
    t = tf.constant([1.0, 2.0])
    with pytest.raises((AttributeError, TypeError)):
        t[0] = 5.0


def test_np_asarray_of_tensor_cannot_mutate_it():
    t = tf.constant([1.0, 2.0])
    a = np.asarray(t)
    try:
        a[0] = 100.0
    except ValueError:
        pass
    assert t.numpy()[0] == 1.0
    assert not np.asarray(t).flags.writeable


# -- conversion and dtype inference ----------------------------------------------------------------

@pytest.mark.parametrize("value, dtype", [
    (1.5, tf.float32),
    (1, tf.int32),
    (2**31 - 1, tf.int32),
    (2**31, tf.int64),
    (-2**31, tf.int32),
    (-2**31 - 1, tf.int64),
    ([1, 2**40], tf.int64),
    (True, tf.bool),
    (1 + 2j, tf.complex128),
    ([[1, 2], [3, 4]], tf.int32),
    ([1, 2.5], tf.float32),
    ((1.0, 2.0), tf.float32),
    (np.array([1.0]), tf.float64),
    (np.array([1]), tf.int64),
    (np.float64(1.0), tf.float64),
    (np.float16(1.0), tf.float16),
    (np.array([1, 2], np.uint8), tf.uint8),
])
def test_dtype_inference(value, dtype):
    assert tf.constant(value).dtype == dtype
    assert tf.convert_to_tensor(value).dtype == dtype


def test_empty_list_is_float32():
    t = tf.constant([])
    assert t.dtype == tf.float32 and t.shape == (0,)


def test_nested_lists_values_and_shape():
    t = tf.constant([[1, 2], [3, 4]])
    assert t.shape == (2, 2)
    np.testing.assert_array_equal(t.numpy(), [[1, 2], [3, 4]])
    t = tf.constant([1, 2.5])
    np.testing.assert_array_equal(t.numpy(), np.array([1.0, 2.5], np.float32))


def test_non_rectangular_list_raises():
    with pytest.raises(ValueError, match=re.escape(
            "Can't convert non-rectangular Python sequence to Tensor.")):
        tf.constant([[1, 2], [3]])


@pytest.mark.parametrize("value", [2.2, 2.0])
def test_python_float_to_int_dtype_raises(value):
    with pytest.raises(TypeError, match=re.escape(
            f"Cannot convert {value} to EagerTensor of dtype int32")):
        tf.constant(value, dtype=tf.int32)


def test_python_float_list_to_int_dtype_raises():
    with pytest.raises(TypeError, match=re.escape(
            "Cannot convert [1.5, 2.0] to EagerTensor of dtype int32")):
        tf.constant([1.5, 2.0], dtype=tf.int32)


@pytest.mark.parametrize("value, dtype", [(1, tf.bool), (1.0, tf.bool), (1j, tf.float32)])
def test_python_value_to_narrower_kind_raises(value, dtype):
    with pytest.raises(TypeError, match="Cannot convert"):
        tf.constant(value, dtype=dtype)


def test_python_int_to_float_dtype():
    t = tf.constant(2, dtype=tf.float64)
    assert t.dtype == tf.float64 and t.numpy() == 2.0


def test_python_float_to_complex_dtype():
    t = tf.constant(1.0, dtype=tf.complex64)
    assert t.dtype == tf.complex64 and t.numpy() == 1 + 0j


def test_numpy_float_to_int_dtype_casts():
    t = tf.constant(np.array([1.5, 2.0]), dtype=tf.int32)
    assert t.dtype == tf.int32
    np.testing.assert_array_equal(t.numpy(), [1, 2])


def test_python_int_wraps_into_narrow_dtype():
    assert tf.constant(300, dtype=tf.int8).numpy() == 44
    assert tf.constant(-1, dtype=tf.uint8).numpy() == 255
    assert tf.constant(2**31, dtype=tf.int32).numpy() == -2**31


def test_constant_with_shape_fills_scalar():
    t = tf.constant(0.0, shape=(2, 3))
    assert t.shape == (2, 3) and t.dtype == tf.float32
    np.testing.assert_array_equal(t.numpy(), np.zeros((2, 3)))


def test_constant_with_shape_reshapes():
    t = tf.constant([1, 2, 3, 4, 5, 6], shape=[2, 3])
    np.testing.assert_array_equal(t.numpy(), [[1, 2, 3], [4, 5, 6]])


def test_constant_with_incompatible_shape_raises():
    with pytest.raises(TypeError, match=re.escape(
            "Eager execution of tf.constant with unsupported shape. Tensor [1 2 3] (converted from "
            "[1, 2, 3]) has 3 elements, but got `shape` (2, 2) with 4 elements).")):
        tf.constant([1, 2, 3], shape=[2, 2])


def test_constant_of_tensor_with_other_dtype_raises():
    with pytest.raises(TypeError, match=re.escape(
            "Expected tensor 1.0 with dtype tf.float64, but got dtype tf.float32.")):
        tf.constant(tf.constant(1.0), dtype=tf.float64)


def test_convert_to_tensor_of_tensor_with_other_dtype_raises():
    with pytest.raises(ValueError, match=re.escape(
            "Tensor conversion requested dtype float64 for Tensor with dtype float32: "
            "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>")):
        tf.convert_to_tensor(tf.constant(1.0), dtype=tf.float64)


def test_convert_to_tensor_returns_same_tensor():
    t = tf.constant(1.0)
    assert tf.convert_to_tensor(t) is t


def test_convert_to_tensor_dtype_and_hint():
    assert tf.convert_to_tensor([1, 2], dtype=tf.float32).dtype == tf.float32
    assert tf.convert_to_tensor(1, dtype_hint=tf.float32).dtype == tf.float32


def test_convert_none_raises():
    with pytest.raises(ValueError, match=re.escape(
            "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a "
            "Tensor.")):
        tf.convert_to_tensor(None)


def test_convert_unsupported_object_raises_value_error():
    with pytest.raises(ValueError, match=re.escape("with an unsupported type (<class 'object'>) to a "
                                                   "Tensor.")):
        tf.convert_to_tensor(object())


def test_out_of_range_python_int_raises():
    with pytest.raises(ValueError, match=re.escape(
            "Can't convert Python sequence with out-of-range integer to Tensor.")):
        tf.constant(2**63)


@pytest.mark.parametrize("value", [[True, 1], [1, 2j]])
def test_mixed_type_python_sequence_raises(value):
    with pytest.raises(ValueError, match=re.escape(
            "Can't convert Python sequence with mixed types to Tensor.")):
        tf.constant(value)


def test_string_vector_constant():
    t = tf.constant(["a", "b"])
    assert t.dtype == tf.string and t.shape == (2,)
    assert t.numpy().tolist() == [b"a", b"b"]


def test_scalar_string_constant():
    t = tf.constant("abc")
    assert t.dtype == tf.string
    assert t.shape == ()
    assert t.numpy() == b"abc"
    assert repr(t) == "<tf.Tensor: shape=(), dtype=string, numpy=b'abc'>"


def test_tensor_str_and_repr():
    assert str(tf.constant(16.0)) == "tf.Tensor(16.0, shape=(), dtype=float32)"
    assert repr(tf.constant(42)) == "<tf.Tensor: shape=(), dtype=int32, numpy=42>"
    assert (repr(tf.constant([2.0, 4.0, 5.0], tf.float64)) ==
            "<tf.Tensor: shape=(3,), dtype=float64, numpy=array([2., 4., 5.])>")
    assert str(tf.ones((2, 2))) == "tf.Tensor(\n[[1. 1.]\n [1. 1.]], shape=(2, 2), dtype=float32)"


@pytest.mark.parametrize("fn, expected", [
    (lambda: tf.constant("a") + tf.constant("b"), b"ab"),
    (lambda: tf.constant(["a", "b"])[0], b"a"),
], ids=["add", "index"])
def test_scalar_string_op_results(fn, expected):
    t = fn()
    assert t.dtype == tf.string and t.shape == ()
    assert t.numpy() == expected
    assert repr(t) == f"<tf.Tensor: shape=(), dtype=string, numpy={expected!r}>"


# -- no implicit promotion ------------------------------------------------------------------------

def _f32():
    return tf.constant([1.0, 2.0])


def _f64():
    return tf.constant([1.0, 2.0], tf.float64)


def _i32():
    return tf.constant([1, 2])


def _i64():
    return tf.constant([1, 2], tf.int64)


def _mismatch(op, expected, got):
    return re.escape(f"cannot compute {op} as input #1(zero-based) was expected to be a {expected} "
                     f"tensor but is a {got} tensor [Op:{op}] name: ")


def test_float32_plus_float64_message():
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        _f32() + _f64()
    assert str(info.value) == ("cannot compute AddV2 as input #1(zero-based) was expected to be a "
                               "float tensor but is a double tensor [Op:AddV2] name: ")


@pytest.mark.parametrize("fn, op, expected, got", [
    (lambda: _f64() + _f32(), "AddV2", "double", "float"),
    (lambda: _i32() + _i64(), "AddV2", "int32", "int64"),
    (lambda: _f32() * _i32(), "Mul", "float", "int32"),
    (lambda: _f32() - _f64(), "Sub", "float", "double"),
    (lambda: tf.add(_f32(), _f64()), "AddV2", "float", "double"),
], ids=["f64+f32", "i32+i64", "f32*i32", "f32-f64", "tf.add"])
def test_no_implicit_promotion(fn, op, expected, got):
    with pytest.raises(tf.errors.InvalidArgumentError, match=_mismatch(op, expected, got)):
        fn()


def test_matmul_dtype_mismatch():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[Op:MatMul\]"):
        tf.matmul(tf.ones((2, 2)), tf.ones((2, 2), tf.float64))


def test_truediv_dtype_mismatch_is_type_error():
    with pytest.raises(TypeError, match=re.escape(
            "`x` and `y` must have the same dtype, got tf.float32 != tf.float64.")):
        _f32() / _f64()


@pytest.mark.parametrize("fn, dtype", [
    (lambda: _f32() + 10, tf.float32),
    (lambda: 10 + _f32(), tf.float32),
    (lambda: _f32() + np.array([2.0]), tf.float32),
    (lambda: _f64() + 1.5, tf.float64),
    (lambda: _i64() * 3, tf.int64),
], ids=["f32+10", "10+f32", "f32+np_f64", "f64+1.5", "i64*3"])
def test_python_and_numpy_operands_take_tensor_dtype(fn, dtype):
    r = fn()
    assert isinstance(r, tf.Tensor) and r.dtype == dtype


@pytest.mark.parametrize("fn", [
    lambda: _i32() * 1.5, lambda: 1.5 * _i32(), lambda: _i32() - 1.5, lambda: 1.5 - _i32(),
    lambda: 1.5 + _i32(), lambda: tf.multiply(_i32(), 1.5), lambda: tf.subtract(_i32(), 1.5),
], ids=["i*1.5", "1.5*i", "i-1.5", "1.5-i", "1.5+i", "tf.multiply", "tf.subtract"])
def test_python_float_into_int_op_type_error(fn):
    with pytest.raises(TypeError, match=re.escape("Cannot convert 1.5 to EagerTensor of dtype int32")):
        fn()


@pytest.mark.parametrize("fn", [
    lambda: _i32() + 1.5, lambda: tf.add(_i32(), 1.5), lambda: _i32() + 2.0,
], ids=["i+1.5", "tf.add", "i+2.0"])
def test_python_float_into_add_invalid_argument(fn):
    with pytest.raises(tf.errors.InvalidArgumentError, match=_mismatch("AddV2", "int32", "float")):
        fn()


def test_python_float_into_int_truediv_type_error():
    with pytest.raises(TypeError, match=re.escape(
            "`x` and `y` must have the same dtype, got tf.int32 != tf.float32.")):
        _i32() / 1.5


# -- division ---------------------------------------------------------------------------------

@pytest.mark.parametrize("dt, result", [
    (tf.int8, tf.float32), (tf.int16, tf.float32), (tf.uint8, tf.float32), (tf.uint16, tf.float32),
    (tf.int32, tf.float64), (tf.int64, tf.float64), (tf.float16, tf.float16),
    (tf.float32, tf.float32), (tf.float64, tf.float64)])
def test_true_division_result_dtype(dt, result):
    r = tf.constant([7, 8], dt) / tf.constant([2, 2], dt)
    assert r.dtype == result
    np.testing.assert_allclose(r.numpy(), [3.5, 4.0])


def test_true_division_by_python_int():
    r = tf.constant(7) / 2
    assert r.dtype == tf.float64 and r.numpy() == 3.5


def test_int_floordiv_and_mod_floor_like_python():
    a = tf.constant([7, -7, 7, -7])
    b = tf.constant([2, 2, -2, -2])
    assert (a // b).numpy().tolist() == [7 // 2, -7 // 2, 7 // -2, -7 // -2]
    assert (a % b).numpy().tolist() == [7 % 2, -7 % 2, 7 % -2, -7 % -2]
    assert (a // b).dtype == tf.int32


def test_float_floordiv_and_mod_floor_like_python():
    a = tf.constant([7.5, -7.5])
    np.testing.assert_array_equal((a // 2.0).numpy(), [3.0, -4.0])
    np.testing.assert_array_equal((a % 2.0).numpy(), [1.5, 0.5])
    np.testing.assert_array_equal((a % -2.0).numpy(), [-0.5, -1.5])


# -- shape errors --------------------------------------------------------------------------------

def test_matmul_inner_dimension_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul]")):
        tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))


def test_incompatible_broadcast_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "Incompatible shapes: [2,3] vs. [2] [Op:AddV2]")):
        tf.ones((2, 3)) + tf.ones((2,))


def test_bad_reshape_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "Input to reshape is a tensor with 6 values, but the requested shape has 4 "
            "[Op:Reshape]")):
        tf.reshape(tf.ones((2, 3)), (4,))


# -- tf.errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "InvalidArgumentError", "NotFoundError", "ResourceExhaustedError", "UnimplementedError",
    "FailedPreconditionError", "OutOfRangeError", "InternalError", "UnknownError", "AbortedError",
    "CancelledError"])
def test_error_classes_are_op_errors(name):
    cls = getattr(tf.errors, name)
    assert issubclass(cls, tf.errors.OpError)
    assert issubclass(tf.errors.OpError, Exception)


def test_invalid_argument_error_attributes():
    with pytest.raises(tf.errors.OpError) as info:
        _f32() + _f64()
    e = info.value
    assert isinstance(e, tf.errors.InvalidArgumentError)
    assert e.error_code == tf.errors.INVALID_ARGUMENT == 3
    assert e.message == str(e)
    assert e.op is None and e.node_def is None


def test_error_constructor():
    e = tf.errors.InvalidArgumentError(None, None, "boom")
    assert str(e) == "boom" and e.message == "boom"


# -- eager mode switches --------------------------------------------------------------------------

def test_executing_eagerly():
    assert tf.executing_eagerly() is True


def test_enable_eager_execution_is_accepted():
    assert tf.compat.v1.enable_eager_execution() is None
    assert tf.enable_eager_execution() is None   # TF 1.x spelling; tapeflow accepts it too
    assert tf.executing_eagerly() is True
