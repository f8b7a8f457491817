# tf.debugging: check_numerics, enable_check_numerics and the assert_* family (TF 2 and the
# tf.compat.v1 names). Failures print type(e).__name__ and str(e), so the messages are compared.
# enable_check_numerics adds the user's frames to TF's eager message ("Stack trace of op's
# creation"): the scenarios print the message without that block (`_plain` below).

#@ check_numerics_passes
print(tf.debugging.check_numerics(tf.constant([1.0, 2.0]), "fine"))

#@ check_numerics_nan
try:
    tf.debugging.check_numerics(tf.constant([1.0, np.nan]), "bad value")
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)
    print(str(e))

#@ check_numerics_inf_and_nan
try:
    tf.debugging.check_numerics(tf.constant([np.nan, np.inf, -np.inf]), "msg")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ check_numerics_negative_inf
try:
    tf.debugging.check_numerics(tf.constant([-np.inf], tf.float64), "neg")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ check_numerics_float16
try:
    tf.debugging.check_numerics(tf.constant([np.inf], tf.float16), "half")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ check_numerics_python_list
try:
    tf.debugging.check_numerics([1.0, np.inf], "listed")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ check_numerics_numpy_array
try:
    tf.debugging.check_numerics(np.array([1.0, np.inf], np.float32), "array")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ check_numerics_integer_dtype
tf.debugging.check_numerics(tf.constant([1]), "int")

#@ check_numerics_variable
try:
    tf.debugging.check_numerics(tf.Variable([1.0, np.inf]), "var")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ check_numerics_gradient_checked
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reduce_sum(tf.debugging.check_numerics(x, "fwd") * np.inf)
try:
    tape.gradient(y, x)
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ check_numerics_gradient_passes_through
x = tf.constant([1.0, 4.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reduce_sum(tf.debugging.check_numerics(x * x, "fwd"))
print(tape.gradient(y, x))

#@ assert_all_finite_returns_input
print(tf.debugging.assert_all_finite(tf.constant([1.0, 2.0]), "m"))

#@ assert_all_finite_nan
try:
    tf.debugging.assert_all_finite(tf.constant([np.nan]), "not finite")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_all_finite_integer
tf.debugging.assert_all_finite(tf.constant([1]), "m")

#@ compat_v1_verify_tensor_all_finite
try:
    tf.compat.v1.verify_tensor_all_finite(tf.constant([np.inf]), "v1 message")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ enable_check_numerics_log_of_zero
import re
def _plain(e):
    return re.sub(r"  Stack trace of op's creation.*?\n\n", "", str(e), flags=re.S)
tf.debugging.enable_check_numerics()
try:
    tf.math.log(tf.constant([0.0, 1.0]))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)
    print(_plain(e))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_division
import re
def _plain(e):
    return re.sub(r"  Stack trace of op's creation.*?\n\n", "", str(e), flags=re.S)
tf.debugging.enable_check_numerics()
try:
    tf.constant([1.0, 0.0]) / tf.constant([0.0, 0.0])
except tf.errors.InvalidArgumentError as e:
    print(_plain(e))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_exp_overflow
import re
def _plain(e):
    return re.sub(r"  Stack trace of op's creation.*?\n\n", "", str(e), flags=re.S)
tf.debugging.enable_check_numerics()
try:
    tf.exp(tf.constant(1000.0))
except tf.errors.InvalidArgumentError as e:
    print(_plain(e))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_manual_softmax_overflow
import re
def _plain(e):
    return re.sub(r"  Stack trace of op's creation.*?\n\n", "", str(e), flags=re.S)
tf.debugging.enable_check_numerics()
try:
    logits = tf.constant([100.0, 1.0])
    e = tf.exp(logits)
    p = e / tf.reduce_sum(e)
except tf.errors.InvalidArgumentError as err:
    print(_plain(err))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_stable_softmax_passes
tf.debugging.enable_check_numerics()
try:
    print(tf.nn.softmax(tf.constant([1000.0, 1.0])))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_nan_input_to_add
import re
def _plain(e):
    return re.sub(r"  Stack trace of op's creation.*?\n\n", "", str(e), flags=re.S)
tf.debugging.enable_check_numerics()
try:
    c = tf.constant([np.nan])
    print(tf.reshape(c, [1, 1]))
    c + 1.0
except tf.errors.InvalidArgumentError as e:
    print(_plain(e))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_all_kinds
import re
def _plain(e):
    return re.sub(r"  Stack trace of op's creation.*?\n\n", "", str(e), flags=re.S)
tf.debugging.enable_check_numerics()
try:
    tf.constant([-np.inf, np.inf, np.nan, 1.0]) * 2.0
except tf.errors.InvalidArgumentError as e:
    print(_plain(e))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_sqrt_gradient
import re
def _plain(e):
    return re.sub(r"  Stack trace of op's creation.*?\n\n", "", str(e), flags=re.S)
tf.debugging.enable_check_numerics()
try:
    x = tf.constant([0.0, 1.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.sqrt(x))
    tape.gradient(y, x)
except tf.errors.InvalidArgumentError as e:
    print(_plain(e))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_integer_ops_unchecked
tf.debugging.enable_check_numerics()
try:
    print(tf.constant([1, 0]) // tf.constant([1, 1]))
    print(tf.cast(tf.constant([2.5]), tf.int32))
finally:
    tf.debugging.disable_check_numerics()

#@ enable_check_numerics_twice_then_disable
tf.debugging.enable_check_numerics()
tf.debugging.enable_check_numerics()
tf.debugging.disable_check_numerics()
print(tf.math.log(tf.constant(0.0)))
print(tf.debugging.enable_check_numerics(), tf.debugging.disable_check_numerics())

#@ assert_equal_passes
print(tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 2])))

#@ assert_equal_fails
try:
    tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([3, 2]))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)
    print(str(e))

#@ assert_equal_message
try:
    tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([3, 2]), message="hello")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_equal_broadcast_scalar
try:
    tf.debugging.assert_equal(tf.constant([1, 2]), 1)
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_equal_summarize
try:
    tf.debugging.assert_equal(tf.range(10), tf.zeros(10, tf.int32), summarize=3)
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_equal_summarize_all
try:
    tf.debugging.assert_equal(tf.range(5), tf.zeros(5, tf.int32), summarize=-1)
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_equal_floats
try:
    tf.debugging.assert_equal(tf.constant([1.5, 2.0]), tf.constant([1.5, 2.5]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_equal_matrix
try:
    tf.debugging.assert_equal(tf.constant([[1, 2], [3, 4]]), tf.constant([[1, 0], [0, 4]]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_equal_scalars
try:
    tf.debugging.assert_equal(tf.constant(1.0), tf.constant(2.0))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_equal_dtype_mismatch
tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1.0, 2.0]))

#@ assert_equal_same_object
x = tf.constant([np.nan])
print(tf.debugging.assert_equal(x, x))

#@ assert_none_equal_fails
try:
    tf.debugging.assert_none_equal(tf.constant([1, 2]), tf.constant([1, 3]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_less_fails
try:
    tf.debugging.assert_less(tf.constant([1, 5]), tf.constant([3, 2]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_less_passes_lists
print(tf.debugging.assert_less([1, 2], [3, 4]))

#@ assert_less_equal_fails
try:
    tf.debugging.assert_less_equal(tf.constant([1, 5]), tf.constant([3, 2]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_greater_fails
try:
    tf.debugging.assert_greater(tf.constant([1, 5]), tf.constant([3, 2]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_greater_equal_fails_with_message
try:
    tf.debugging.assert_greater_equal(tf.constant([1.0, 5.0]), 2.0, message="too small")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ top_level_assert_aliases
print(tf.assert_equal(1, 1), tf.assert_less(1, 2), tf.assert_greater(2, 1), tf.assert_rank([1], 1))
try:
    tf.assert_greater(tf.constant([1]), tf.constant([1]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_near_fails
try:
    tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.1]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_near_passes_within_default_tolerance
print(tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0000001])))

#@ assert_near_custom_tolerance
print(tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.1]), rtol=0.1, atol=0.0))

#@ assert_near_float64_message
try:
    tf.debugging.assert_near(tf.constant([1.0, 2.0], tf.float64), tf.constant([1.0, 2.1], tf.float64),
                             message="close enough?")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_positive_fails
try:
    tf.debugging.assert_positive(tf.constant([1, -2]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_positive_message_floats
try:
    tf.debugging.assert_positive(tf.constant([1.5, -2.5]), message="custom")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_positive_summarize_long
try:
    tf.debugging.assert_positive(tf.range(-3, 5))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_non_negative_fails
try:
    tf.debugging.assert_non_negative(tf.constant([1, -2]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_negative_fails
try:
    tf.debugging.assert_negative(tf.constant([1, -2]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_non_positive_fails
try:
    tf.debugging.assert_non_positive(tf.constant([1, -2]))
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ assert_sign_checks_pass
print(tf.debugging.assert_positive([1.0]), tf.debugging.assert_negative([-1]),
      tf.debugging.assert_non_negative([0]), tf.debugging.assert_non_positive([0.0]))

#@ assert_rank_fails
tf.debugging.assert_rank(tf.constant([1, 2]), 2)

#@ assert_rank_message
try:
    tf.debugging.assert_rank(tf.constant([1, 2]), 2, message="my msg")
except ValueError as e:
    print(str(e))

#@ assert_rank_passes
print(tf.debugging.assert_rank(tf.ones((2, 3)), 2))

#@ assert_rank_not_scalar
tf.debugging.assert_rank(tf.ones((2, 3)), [2])

#@ assert_rank_int64_rank
tf.debugging.assert_rank(tf.ones((2, 3)), tf.constant(2, tf.int64))

#@ assert_rank_at_least_fails
try:
    tf.debugging.assert_rank_at_least(tf.constant([1, 2]), 2)
except ValueError as e:
    print(str(e))

#@ assert_rank_at_least_passes
print(tf.debugging.assert_rank_at_least(tf.ones((2, 3, 4)), 2))

#@ assert_rank_in_fails
try:
    tf.debugging.assert_rank_in(tf.constant([1, 2]), [0, 2])
except ValueError as e:
    print(str(e))

#@ assert_rank_in_passes
print(tf.debugging.assert_rank_in(tf.constant([1, 2]), [0, 1]))

#@ assert_scalar_fails
try:
    tf.debugging.assert_scalar(tf.constant([1, 2]))
except ValueError as e:
    print(str(e))

#@ assert_scalar_passes_and_v1_returns_tensor
print(tf.debugging.assert_scalar(tf.constant(1)))
print(tf.compat.v1.assert_scalar(tf.constant(1)))

#@ assert_type_fails
try:
    tf.debugging.assert_type(tf.constant([1, 2]), tf.float32)
except TypeError as e:
    print(str(e))

#@ assert_type_message_and_pass
print(tf.debugging.assert_type(tf.constant([1, 2]), tf.int32))
try:
    tf.debugging.assert_type(tf.constant(1.0), tf.float64, message="wrong type")
except TypeError as e:
    print(str(e))

#@ assert_integer_fails
try:
    tf.debugging.assert_integer(tf.constant([1.0, 2.0]))
except TypeError as e:
    print(str(e))

#@ assert_integer_passes
print(tf.debugging.assert_integer(tf.constant([1, 2])))

#@ assert_proper_iterable_cases
for v in ("abc", b"abc", np.array([1, 2]), 3):
    try:
        tf.debugging.assert_proper_iterable(v)
        print("ok")
    except TypeError as e:
        print(str(e))
print(tf.debugging.assert_proper_iterable([1, 2]), tf.debugging.assert_proper_iterable((1,)))

#@ assert_proper_iterable_tensor
try:
    tf.debugging.assert_proper_iterable(tf.constant([1, 2]))
except TypeError as e:
    print(type(e).__name__)

#@ assert_same_float_dtype_mismatch
try:
    tf.debugging.assert_same_float_dtype([tf.constant(1.0), tf.constant(1.0, tf.float64)])
except ValueError as e:
    print(str(e))

#@ assert_same_float_dtype_cases
print(tf.debugging.assert_same_float_dtype([tf.constant(1.0), tf.constant(2.0)]))
print(tf.debugging.assert_same_float_dtype(None))
print(tf.debugging.assert_same_float_dtype(dtype=tf.float16))
try:
    tf.debugging.assert_same_float_dtype([tf.constant(1)])
except ValueError as e:
    print(str(e))
try:
    tf.debugging.assert_same_float_dtype([tf.constant(1.0)], tf.float64)
except ValueError as e:
    print(str(e))

#@ assert_same_float_dtype_variables
try:
    tf.debugging.assert_same_float_dtype([tf.Variable(1.0, name="a"), tf.Variable(1.0, dtype=tf.float64, name="b")])
except ValueError as e:
    print(str(e))

#@ assert_shapes_passes
n, q, d = 10, 3, 7
print(tf.debugging.assert_shapes([(tf.zeros([n, q]), ("N", "Q")), (tf.ones([n, d]), ("N", "D")),
                                  (tf.Variable([1.0, 2.0, 3.0]), ("Q",)), (1.0, ())]))

#@ assert_shapes_size_mismatch
try:
    tf.debugging.assert_shapes([(tf.ones((2, 3)), ("N", "D")), (tf.ones((3, 3)), ("N", "D"))])
except ValueError as e:
    print(str(e))

#@ assert_shapes_rank_mismatch
try:
    tf.debugging.assert_shapes([(tf.ones((2, 3)), ("N",))])
except ValueError as e:
    print(str(e))

#@ assert_shapes_explicit_size
try:
    tf.debugging.assert_shapes([(tf.ones((2, 3)), (2, 4))], message="explicit")
except ValueError as e:
    print(str(e))

#@ assert_shapes_ellipsis
print(tf.debugging.assert_shapes([(tf.ones((5, 2, 3)), (..., "N", 3)), (tf.ones((2,)), ("N",))]))
try:
    tf.debugging.assert_shapes([(tf.ones((5, 2, 3)), ("*", 4))])
except ValueError as e:
    print(str(e))

#@ assert_shapes_ellipsis_not_first
try:
    tf.debugging.assert_shapes([(tf.ones((2, 3)), ("N", ...))])
except ValueError as e:
    print(str(e))

#@ assert_shapes_any_size
print(tf.debugging.assert_shapes([(tf.ones((2, 3)), (None, ".")), (tf.ones((4, 3)), ("A", 3))]))

#@ assert_shapes_higher_rank
try:
    tf.debugging.assert_shapes([(tf.ones((2, 3, 4)), ("A", "B"))])
except ValueError as e:
    print(str(e))

#@ assert_shapes_at_least_rank
try:
    tf.debugging.assert_shapes([(tf.ones((3,)), ("*", "A", "B"))])
except ValueError as e:
    print(str(e))

#@ Assert_fails_with_data
try:
    tf.debugging.Assert(tf.constant(False), ["hi", tf.constant([1, 2])])
except tf.errors.InvalidArgumentError as e:
    print(str(e))
print(tf.debugging.Assert(tf.constant(True), ["never shown"]))

#@ is_numeric_tensor_cases
print(tf.debugging.is_numeric_tensor(tf.constant([1, 2])), tf.debugging.is_numeric_tensor(tf.constant(["a"])),
      tf.debugging.is_numeric_tensor([1, 2]), tf.debugging.is_numeric_tensor(tf.constant([True])),
      tf.debugging.is_numeric_tensor(tf.constant(1.5, tf.float64)),
      tf.debugging.is_numeric_tensor(tf.Variable(1.0)))

#@ monotonic_predicates
print(tf.math.is_non_decreasing(tf.constant([1, 2, 2])))
print(tf.math.is_strictly_increasing(tf.constant([1, 2, 2])))
print(tf.compat.v1.is_non_decreasing([3.0, 1.0]))
print(tf.compat.v1.debugging.is_strictly_increasing([1, 2, 3]))
print(hasattr(tf.debugging, "is_non_decreasing"), hasattr(tf.debugging, "is_strictly_increasing"))

#@ compat_v1_assert_equal_with_data
try:
    tf.compat.v1.assert_equal(tf.constant([1, 2]), tf.constant([1, 3]), data=["custom data", tf.constant([7, 8, 9, 10])])
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ compat_v1_assert_positive_with_data_and_message
try:
    tf.compat.v1.assert_positive(tf.constant([-1.0]), data=["values:", tf.constant([-1.0])], message="ignored")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ compat_v1_assert_rank_and_summarize
try:
    tf.compat.v1.assert_less(tf.range(10), 5, summarize=2)
except tf.errors.InvalidArgumentError as e:
    print(str(e))
try:
    tf.compat.v1.assert_rank(tf.ones((2,)), 2, data=["unused"], message="v1 rank")
except ValueError as e:
    print(str(e))

#@ compat_v1_debugging_namespace
names = ["Assert", "assert_all_finite", "assert_equal", "assert_greater", "assert_less",
         "assert_near", "assert_rank", "assert_shapes", "assert_type", "check_numerics",
         "enable_check_numerics", "is_finite", "is_nan", "is_numeric_tensor"]
print([hasattr(tf.compat.v1.debugging, n) for n in names])
print([hasattr(tf.compat.v1, n) for n in ["assert_equal", "assert_rank_in", "assert_scalar",
                                          "check_numerics", "verify_tensor_all_finite", "Assert"]])

#@ compat_v1_assert_all_finite_signature
try:
    tf.compat.v1.debugging.assert_all_finite(t=tf.constant([np.nan]), msg="old style")
except tf.errors.InvalidArgumentError as e:
    print(str(e))

#@ debugging_namespace_contents
names = ["Assert", "assert_all_finite", "assert_equal", "assert_greater", "assert_greater_equal",
         "assert_integer", "assert_less", "assert_less_equal", "assert_near", "assert_negative",
         "assert_non_negative", "assert_non_positive", "assert_none_equal", "assert_positive",
         "assert_proper_iterable", "assert_rank", "assert_rank_at_least", "assert_rank_in",
         "assert_same_float_dtype", "assert_scalar", "assert_shapes", "assert_type",
         "check_numerics", "disable_check_numerics", "enable_check_numerics",
         "is_numeric_tensor"]
print(all(hasattr(tf.debugging, n) for n in names))

#@ assert_inside_gradient_tape
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    tf.debugging.assert_positive(x)
    tf.debugging.assert_rank(x, 1)
    y = tf.reduce_sum(tf.debugging.check_numerics(x * x, "square"))
print(tape.gradient(y, x))

#@ assert_equal_incompatible_shapes
tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 2, 3]))

#@ assert_near_dtype_conversion
try:
    tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.0], tf.float64))
except Exception as e:
    print(type(e).__name__)

#@ compat_v1_assert_variables_initialized_eager
print(tf.compat.v1.assert_variables_initialized())
v = tf.Variable(1.0)
try:
    tf.compat.v1.assert_variables_initialized([v])
except AttributeError as e:
    print(str(e))
