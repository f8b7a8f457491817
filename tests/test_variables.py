"""Semantic unit tests of `tf.Variable` in eager mode.

Every expectation here was checked against TensorFlow 2.21.
"""
import os
import re
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import tapeflow as tf

# -- naming and printing ---------------------------------------------------------------------------

def test_default_name():
    assert tf.Variable([1.0, 2.0]).name == "Variable:0"


def test_given_name_gets_output_index():
    assert tf.Variable(1.0, name="w").name == "w:0"


def test_names_are_not_made_unique():
    a = tf.Variable(1.0, name="w")
    b = tf.Variable(2.0, name="w")
    assert a.name == b.name == "w:0"
    assert tf.Variable(1.0).name == tf.Variable(2.0).name == "Variable:0"


def test_repr_and_str():
    w = tf.Variable([1.0, 2.0], name="w")
    expected = ("<tf.Variable 'w:0' shape=(2,) dtype=float32, "
                "numpy=array([1., 2.], dtype=float32)>")
    assert repr(w) == expected
    assert str(w) == expected


def test_repr_of_int_scalar():
    assert repr(tf.Variable(3, name="n")) == "<tf.Variable 'n:0' shape=() dtype=int32, numpy=3>"


def test_repr_multiline():
    v = tf.Variable([[1, 2], [3, 4]])
    assert repr(v) == ("<tf.Variable 'Variable:0' shape=(2, 2) dtype=int32, numpy=\n"
                       "array([[1, 2],\n       [3, 4]], dtype=int32)>")


def test_unknown_shape_argument():
    v = tf.Variable(1.0, shape=tf.TensorShape(None))
    assert v.shape.rank is None
    assert repr(v) == "<tf.Variable 'Variable:0' shape=<unknown> dtype=float32, numpy=1.0>"


# -- construction ------------------------------------------------------------------------------

def test_dtype_and_shape_from_initial_value():
    v = tf.Variable([[1, 2, 3]])
    assert v.dtype == tf.int32 and v.shape == (1, 3)
    assert tf.Variable(1.5).dtype == tf.float32
    assert tf.Variable(np.array([1.0])).dtype == tf.float64


def test_trainable_flag():
    assert tf.Variable(1.0).trainable is True
    assert tf.Variable(1.0, trainable=False).trainable is False


def test_callable_initial_value():
    v = tf.Variable(lambda: tf.ones((2,)))
    assert v.shape == (2,) and v.dtype == tf.float32
    np.testing.assert_array_equal(v.numpy(), [1.0, 1.0])


def test_dtype_argument_converts_python_values():
    v = tf.Variable(1, dtype=tf.float32)
    assert v.dtype == tf.float32 and v.numpy() == 1.0
    v = tf.Variable([1.0, 2.0], dtype=tf.float64)
    assert v.dtype == tf.float64
    assert repr(v) == "<tf.Variable 'Variable:0' shape=(2,) dtype=float64, numpy=array([1., 2.])>"


def test_dtype_argument_with_tensor_of_other_dtype_raises():
    with pytest.raises(ValueError, match=re.escape(
            "initial_value: Tensor conversion requested dtype float64 for Tensor with dtype "
            "float32: <tf.Tensor: shape=(), dtype=float32, numpy=1.0>")):
        tf.Variable(tf.constant(1.0), dtype=tf.float64)


def test_dtype_argument_float_to_int_raises():
    with pytest.raises(TypeError, match=re.escape("Cannot convert 1.5 to EagerTensor of dtype int32")):
        tf.Variable(1.5, dtype=tf.int32)


def test_missing_initial_value_raises():
    with pytest.raises(ValueError, match=re.escape(
            "The `initial_value` arg to `tf.Variable` must be specified except when you are not "
            "providing a `variable_def`. You provided neither.")):
        tf.Variable()


# -- assignment ------------------------------------------------------------------------------

def test_assign_converts_to_variable_dtype():
    v = tf.Variable([1.0, 2.0])
    v.assign([3, 4])
    assert v.dtype == tf.float32
    np.testing.assert_array_equal(v.numpy(), [3.0, 4.0])
    v.assign(np.array([5.0, 6.0]))   # float64 NumPy array
    assert v.dtype == tf.float32
    np.testing.assert_array_equal(v.numpy(), [5.0, 6.0])


def test_assign_tensor_of_other_dtype_raises():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match=re.escape(
            "Tensor conversion requested dtype float32 for Tensor with dtype float64")):
        v.assign(tf.constant([5.0, 6.0], tf.float64))
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])


def test_assign_add_and_assign_sub():
    v = tf.Variable([1.0, 2.0])
    v.assign_add([1, 1])
    np.testing.assert_array_equal(v.numpy(), [2.0, 3.0])
    v.assign_sub([0.5, 0.5])
    np.testing.assert_array_equal(v.numpy(), [1.5, 2.5])
    assert v.dtype == tf.float32


def test_assign_add_tensor_of_other_dtype_raises():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match="Tensor conversion requested dtype float32"):
        v.assign_add(tf.constant([1.0, 1.0], tf.float64))
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])


@pytest.mark.parametrize("method", ["assign", "assign_add"])
def test_python_float_into_int_variable_raises(method):
    v = tf.Variable([1, 2])
    with pytest.raises(TypeError, match=re.escape(
            "Cannot convert [1.5, 2.0] to EagerTensor of dtype int32")):
        getattr(v, method)([1.5, 2.0])
    np.testing.assert_array_equal(v.numpy(), [1, 2])


def test_assign_returns_unread_variable():
    v = tf.Variable([1.0, 2.0])
    r = v.assign([3.0, 4.0])
    assert repr(r) == ("<tf.Variable 'UnreadVariable' shape=(2,) dtype=float32, "
                       "numpy=array([3., 4.], dtype=float32)>")
    assert v.assign([1.0, 1.0], read_value=False) is None


def test_assign_chains():
    v = tf.Variable([1.0, 2.0])
    v.assign([1.0, 1.0]).assign_add([1.0, 1.0])
    np.testing.assert_array_equal(v.numpy(), [2.0, 2.0])


@pytest.mark.parametrize("value, shape_text", [([1.0, 2.0, 3.0], "(3,)"), (1.0, "()")])
def test_assign_shape_mismatch_raises_value_error_and_keeps_value(value, shape_text):
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError, match=re.escape(
            f"Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape "
            f"(2,), and the assigned value shape {shape_text} are incompatible.")):
        v.assign(value)
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])


@pytest.mark.parametrize("method, op, value, shape_text", [
    ("assign_add", "AssignAddVariableOp", [1.0, 2.0, 3.0], "[3]"),
    ("assign_sub", "AssignSubVariableOp", [[1.0, 2.0]], "[1,2]"),
    ("assign_add", "AssignAddVariableOp", 1.0, "[]"),     # no broadcasting
])
def test_assign_add_sub_shape_mismatch_raises_and_keeps_value(method, op, value, shape_text):
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            f"Cannot update variable with shape [2] using a Tensor with shape {shape_text}, shapes "
            f"must be equal. [Op:{op}]")):
        getattr(v, method)(value)
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])


# -- reading ---------------------------------------------------------------------------------

def test_read_value_is_a_tensor():
    v = tf.Variable([1.0, 2.0])
    r = v.read_value()
    assert isinstance(r, tf.Tensor) and not isinstance(r, tf.Variable)
    assert repr(r) == "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>"
    assert isinstance(v.value(), tf.Tensor)


def test_read_value_is_a_snapshot():
    v = tf.Variable([1.0, 2.0])
    r = v.read_value()
    v.assign([9.0, 9.0])
    np.testing.assert_array_equal(r.numpy(), [1.0, 2.0])
    np.testing.assert_array_equal(v.read_value().numpy(), [9.0, 9.0])


def test_numpy_is_a_copy():
    v = tf.Variable([1.0, 2.0])
    n = v.numpy()
    n[0] = -1.0
    a = np.asarray(v)
    a[1] = -1.0
    np.testing.assert_array_equal(v.numpy(), [1.0, 2.0])


def test_convert_to_tensor_reads_the_variable():
    v = tf.Variable([1.0, 2.0])
    t = tf.convert_to_tensor(v)
    assert isinstance(t, tf.Tensor) and not isinstance(t, tf.Variable)
    assert tf.is_tensor(v)
    assert not isinstance(v, tf.Tensor)
    assert isinstance(v, tf.Variable)


@pytest.mark.parametrize("fn", [
    lambda v: v + 1, lambda v: 1 - v, lambda v: v * v, lambda v: -v, lambda v: v[0],
    lambda v: v ** 2, lambda v: v / 2, lambda v: tf.square(v), lambda v: v == v,
], ids=["v+1", "1-v", "v*v", "-v", "v[0]", "v**2", "v/2", "tf.square", "v==v"])
def test_operators_return_tensors(fn):
    v = tf.Variable([3.0, 4.0])
    r = fn(v)
    assert isinstance(r, tf.Tensor) and not isinstance(r, tf.Variable)


def test_operator_values():
    v = tf.Variable([3.0, 4.0])
    np.testing.assert_array_equal((1 - v).numpy(), [-2.0, -3.0])
    np.testing.assert_array_equal((v ** 2).numpy(), [9.0, 16.0])
    np.testing.assert_array_equal((v / 2).numpy(), [1.5, 2.0])
    assert (v == v).numpy().tolist() == [True, True]


def test_matmul_operator_on_variables():
    r = tf.Variable([[1.0, 2.0]]) @ tf.Variable([[3.0], [4.0]])
    assert isinstance(r, tf.Tensor)
    np.testing.assert_array_equal(r.numpy(), [[11.0]])


def test_variable_is_unhashable():
    v = tf.Variable(1.0)
    with pytest.raises(TypeError, match=re.escape(
            "Variable is unhashable. Instead, use variable.ref() as the key.")):
        hash(v)


def test_variable_ref_as_dict_key():
    v = tf.Variable(1.0)
    d = {v.ref(): "v"}
    assert d[v.ref()] == "v"
    assert v.ref().deref() is v
    assert tf.Variable(1.0).ref() not in d


def test_len_of_variable_raises():
    with pytest.raises(TypeError, match=re.escape("object of type 'ResourceVariable' has no len()")):
        len(tf.Variable([1.0, 2.0]))
