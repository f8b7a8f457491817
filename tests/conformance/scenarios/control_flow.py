# Control flow and graph-style ops in eager mode: tf.cond, tf.case, tf.switch_case, tf.while_loop,
# tf.map_fn, tf.scan, tf.foldl/foldr, tf.TensorArray, tf.vectorized_map, tf.print, tf.py_function,
# tf.numpy_function, tf.Assert, tf.group/tuple/no_op/control_dependencies.
# tf.print writes below C++'s stdout in TF, which the runner cannot capture: scenarios print to a
# file ("file://...") and echo it.

#@ cond_tensor_pred
x = tf.constant(2.0)
print(tf.cond(x > 1.0, lambda: x * 10.0, lambda: x - 1.0))
print(tf.cond(x < 1.0, lambda: x * 10.0, lambda: x - 1.0))

#@ cond_python_pred_and_values
print(tf.cond(True, lambda: 1, lambda: 2))
print(tf.cond(False, lambda: (1, 2.0), lambda: (3, 4.0)))

#@ cond_nested_outputs
r = tf.cond(tf.constant(True), lambda: {"a": tf.constant(1), "b": [tf.constant(2.0)]},
            lambda: {"a": tf.constant(3), "b": [tf.constant(4.0)]})
print(r)

#@ cond_missing_false_fn
tf.cond(tf.constant(True), lambda: 1)

#@ cond_missing_true_fn
tf.cond(tf.constant(True), None, lambda: 1)

#@ cond_true_fn_not_callable
tf.cond(tf.constant(True), 1, lambda: 2)

#@ cond_false_fn_not_callable
tf.cond(tf.constant(True), lambda: 2, 3)

#@ cond_non_scalar_pred
tf.cond(tf.constant([True, False]), lambda: 1, lambda: 2)

#@ cond_none_outputs
print(tf.cond(tf.constant(False), lambda: None, lambda: None))

#@ cond_gradient
x = tf.Variable(3.0)
with tf.GradientTape() as t:
    y = tf.cond(x > 2.0, lambda: x * x, lambda: -x)
print(t.gradient(y, x))

#@ cond_second_order
x = tf.constant(1.5)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.cond(x > 0.0, lambda: x ** 3, lambda: x)
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))

#@ case_first_true
x = tf.constant(5)
r = tf.case([(x < 3, lambda: tf.constant(1)), (x < 10, lambda: tf.constant(2))],
            default=lambda: tf.constant(3))
print(r)

#@ case_default
x = tf.constant(50)
r = tf.case([(x < 3, lambda: tf.constant(1)), (x < 10, lambda: tf.constant(2))],
            default=lambda: tf.constant(3))
print(r)

#@ case_dict_pairs
x = tf.constant(1)
r = tf.case({x < 3: lambda: tf.constant(10), x > 3: lambda: tf.constant(20)},
            default=lambda: tf.constant(0))
print(r)

#@ case_exclusive_violation
x = tf.constant(1)
tf.case([(x < 3, lambda: tf.constant(1)), (x < 10, lambda: tf.constant(2))],
        default=lambda: tf.constant(3), exclusive=True)

#@ case_no_default_none_true
x = tf.constant(50)
print(tf.case([(x < 3, lambda: tf.constant(1)), (x < 10, lambda: tf.constant(2))]))

#@ case_bad_pairs
tf.case(lambda: 1)

#@ case_pair_not_callable
tf.case([(tf.constant(True), 1)])

#@ switch_case_basic
for i in [0, 1, 2, 7, -1]:
    print(tf.switch_case(tf.constant(i), [lambda: tf.constant(10), lambda: tf.constant(20),
                                          lambda: tf.constant(30)]))

#@ switch_case_default_and_dict
r = tf.switch_case(tf.constant(5), {0: lambda: tf.constant(1.0), 3: lambda: tf.constant(2.0)},
                   default=lambda: tf.constant(-1.0))
print(r)
print(tf.switch_case(3, {0: lambda: tf.constant(1.0), 3: lambda: tf.constant(2.0)}))

#@ switch_case_empty
tf.switch_case(tf.constant(0), [])

#@ switch_case_float_index
tf.switch_case(tf.constant(0.0), [lambda: 1])

#@ while_loop_counter
i = tf.constant(0)
r = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])
print(r)

#@ while_loop_tuple_vars
r = tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + tf.cast(i, tf.float32)),
                  (tf.constant(0), tf.constant(0.0)))
print(r)

#@ while_loop_single_var_not_list
r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, tf.constant(0))
print(r)

#@ while_loop_python_values
print(tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0]))
print(tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), (0,)))

#@ while_loop_nested_dict_vars
r = tf.while_loop(lambda v: v["i"] < 4,
                  lambda v: {"i": v["i"] + 1, "acc": [v["acc"][0] * 2]},
                  [{"i": tf.constant(0), "acc": [tf.constant(1.0)]}])
print(r)

#@ while_loop_maximum_iterations
r = tf.while_loop(lambda i: i < 100, lambda i: i + 1, [tf.constant(0)], maximum_iterations=7)
print(r)

#@ while_loop_maximum_iterations_zero
print(tf.while_loop(lambda i: True, lambda i: i + 1, [tf.constant(3)], maximum_iterations=0))

#@ while_loop_cond_not_callable
tf.while_loop(True, lambda i: i + 1, [0])

#@ while_loop_body_not_callable
tf.while_loop(lambda i: i < 3, 1, [0])

#@ while_loop_empty_vars
tf.while_loop(lambda: False, lambda: (), [])

#@ while_loop_structure_change
tf.while_loop(lambda i: i < 3, lambda i: (i + 1, i), [tf.constant(0)])

#@ while_loop_shape_change
tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: tf.concat([x, x], 0), [tf.ones([1])])

#@ while_loop_shape_invariants
r = tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: tf.concat([x, x], 0), [tf.ones([1])],
                  shape_invariants=[tf.TensorShape([None])])
print(r)

#@ while_loop_shape_invariant_incompatible
tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: tf.concat([x, x], 0), [tf.ones([1])],
              shape_invariants=[tf.TensorShape([None, 2])])

#@ while_loop_dtype_change
tf.while_loop(lambda x: x < 4, lambda x: tf.cast(x, tf.float32) + 1.0, [tf.constant(0)])

#@ while_loop_gradient
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x), (0, tf.constant(1.0)))
print(y, t.gradient(y, x))

#@ while_loop_second_order
x = tf.constant(0.5)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        _, y = tf.while_loop(lambda i, y: i < 4, lambda i, y: (i + 1, tf.sin(y) + x),
                             (tf.constant(0), x))
    g = t1.gradient(y, x)
print(y, g, t2.gradient(g, x))

#@ map_fn_basic
print(tf.map_fn(lambda x: x * x, tf.constant([1.0, 2.0, 3.0])))

#@ map_fn_matrix_rows
print(tf.map_fn(lambda r: tf.reduce_sum(r), tf.reshape(tf.range(6.0), (2, 3))))

#@ map_fn_tuple_elems
r = tf.map_fn(lambda xy: xy[0] * xy[1], (tf.constant([1, 2, 3]), tf.constant([4, 5, 6])))
print(r)

#@ map_fn_output_signature
r = tf.map_fn(lambda x: tf.cast(x, tf.float64) / 2, tf.constant([1, 2, 3]),
              fn_output_signature=tf.float64)
print(r)

#@ map_fn_output_signature_mismatch
tf.map_fn(lambda x: x, tf.constant([1, 2, 3]), fn_output_signature=tf.float32)

#@ map_fn_dtype_arg
r = tf.map_fn(lambda x: (x, tf.cast(x, tf.float32) * 0.5), tf.constant([1, 2]),
              dtype=(tf.int32, tf.float32))
print(r)

#@ map_fn_nested_outputs_signature
r = tf.map_fn(lambda x: {"sq": x * x, "neg": -x}, tf.constant([1.0, 2.0]),
              fn_output_signature={"sq": tf.float32, "neg": tf.float32})
print(r)

#@ map_fn_structure_needs_signature
tf.map_fn(lambda x: (x, x), tf.constant([1, 2]))

#@ map_fn_empty_elems
print(tf.map_fn(lambda x: x * 2, tf.zeros([0, 2])))

#@ map_fn_scalar_elems
tf.map_fn(lambda x: x, tf.constant(1.0))

#@ map_fn_ragged_outputs
tf.map_fn(lambda x: tf.range(x), tf.constant([1, 2]))

#@ map_fn_gradient
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(tf.map_fn(lambda v: tf.sin(v) * v, x))
print(t.gradient(y, x))

#@ map_fn_second_order
x = tf.constant([0.5, 1.0])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_sum(tf.map_fn(lambda v: v ** 3, x))
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))

#@ scan_cumsum
print(tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3, 4])))

#@ scan_initializer
print(tf.scan(lambda a, x: a * x, tf.constant([1.0, 2.0, 3.0]), initializer=tf.constant(2.0)))

#@ scan_reverse
print(tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3, 4]), reverse=True))

#@ scan_tuple_state
r = tf.scan(lambda a, x: (a[0] + x, a[1] * x), tf.constant([1.0, 2.0, 3.0]),
            initializer=(tf.constant(0.0), tf.constant(1.0)))
print(r)

#@ scan_fibonacci
elems = tf.constant([1, 1, 1, 1, 1, 1])
r = tf.scan(lambda a, _: (a[1], a[0] + a[1]), elems, initializer=(tf.constant(0), tf.constant(1)))
print(r)

#@ scan_gradient
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(tf.scan(lambda a, v: a * v, x))
print(t.gradient(y, x))

#@ foldl_basic
print(tf.foldl(lambda a, x: a + x, tf.constant([1, 2, 3, 4])))
print(tf.foldl(lambda a, x: a - x, tf.constant([1, 2, 3, 4]), initializer=tf.constant(100)))

#@ foldr_basic
print(tf.foldr(lambda a, x: a - x, tf.constant([1, 2, 3, 4])))
print(tf.foldr(lambda a, x: a * 10 + x, tf.constant([1, 2, 3]), initializer=tf.constant(0)))

#@ foldl_tuple_elems
r = tf.foldl(lambda a, x: a + x[0] * x[1], (tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])),
             initializer=tf.constant(0.0))
print(r)

#@ foldl_gradient
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.foldl(lambda a, v: a * v + 1.0, x)
print(y, t.gradient(y, x))

#@ tensor_array_write_stack
ta = tf.TensorArray(tf.float32, size=3)
for i in range(3):
    ta = ta.write(i, tf.constant(float(i)) * 2)
print(ta.stack())
print(ta.size())

#@ tensor_array_read
ta = tf.TensorArray(tf.int32, size=2)
ta = ta.write(0, 5).write(1, 7)
print(ta.read(1), ta.read(0))

#@ tensor_array_dynamic_size
ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
for i in range(4):
    ta = ta.write(i, [float(i), float(i) + 0.5])
print(ta.stack())
print(ta.size())

#@ tensor_array_write_out_of_range
ta = tf.TensorArray(tf.float32, size=2)
ta.write(2, 1.0)

#@ tensor_array_read_unwritten
ta = tf.TensorArray(tf.float32, size=3)
ta = ta.write(0, 1.0)
print(ta.read(1))

#@ tensor_array_stack_unwritten
ta = tf.TensorArray(tf.float32, size=3)
ta = ta.write(1, [1.0, 2.0])
print(ta.stack())

#@ tensor_array_stack_empty
ta = tf.TensorArray(tf.float32, size=0)
print(ta.stack())

#@ tensor_array_element_shape
ta = tf.TensorArray(tf.float32, size=2, element_shape=[2])
print(ta.element_shape)
ta.write(0, [1.0, 2.0, 3.0])

#@ tensor_array_infer_shape
ta = tf.TensorArray(tf.float32, size=2)
ta = ta.write(0, [1.0, 2.0])
print(ta.element_shape)
ta.write(1, [1.0])

#@ tensor_array_dtype_mismatch
ta = tf.TensorArray(tf.float32, size=2)
ta.write(0, tf.constant(1))

#@ tensor_array_unstack
ta = tf.TensorArray(tf.float32, size=3).unstack(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
print(ta.read(2), ta.size())

#@ tensor_array_unstack_size_mismatch
tf.TensorArray(tf.float32, size=2).unstack(tf.constant([1.0, 2.0, 3.0]))

#@ tensor_array_gather_scatter
ta = tf.TensorArray(tf.int32, size=4)
ta = ta.scatter([0, 2, 3, 1], tf.constant([[10], [20], [30], [40]]))
print(ta.gather([3, 0]))
print(ta.stack())

#@ tensor_array_concat_split
ta = tf.TensorArray(tf.float32, size=2, infer_shape=False)
ta = ta.write(0, [1.0, 2.0, 3.0]).write(1, [4.0])
print(ta.concat())
ta2 = tf.TensorArray(tf.float32, size=3).split(tf.range(6.0), [1, 2, 3])
print(ta2.read(2))

#@ tensor_array_rewrite_error
ta = tf.TensorArray(tf.float32, size=2)
ta = ta.write(0, 1.0)
ta.write(0, 2.0)

#@ tensor_array_clear_after_read
ta = tf.TensorArray(tf.float32, size=1)
ta = ta.write(0, 1.0)
print(ta.read(0))
print(ta.read(0))

#@ tensor_array_in_while_loop
def body(i, ta):
    return i + 1, ta.write(i, tf.cast(i * i, tf.float32))
_, ta = tf.while_loop(lambda i, ta: i < 4, body, (0, tf.TensorArray(tf.float32, size=4)))
print(ta.stack())

#@ tensor_array_identity_and_dtype
ta = tf.TensorArray(tf.int64, size=1)
print(ta.dtype, ta.dynamic_size)
print(ta.identity().write(0, 3).stack())

#@ tensor_array_gradient
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, x * 3.0).write(1, x * x)
    y = tf.reduce_sum(ta.stack() * tf.constant([[1.0], [2.0]]))
print(t.gradient(y, x))

#@ tensor_array_gradient_read
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    ta = tf.TensorArray(tf.float32, size=2).write(0, x).write(1, x * x)
    y = ta.read(0) * ta.read(1)
print(t.gradient(y, x))

#@ tensor_array_gradient_unstack
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    ta = tf.TensorArray(tf.float32, size=3).unstack(x)
    y = ta.read(0) * ta.read(2)
print(t.gradient(y, x))

#@ vectorized_map_basic
print(tf.vectorized_map(lambda x: x * 2.0 + 1.0, tf.constant([[1.0, 2.0], [3.0, 4.0]])))

#@ vectorized_map_tuple
r = tf.vectorized_map(lambda xy: tf.reduce_sum(xy[0] * xy[1]),
                      (tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([[1.0, 1.0], [2.0, 2.0]])))
print(r)

#@ vectorized_map_matmul
w = tf.constant([[1.0, 0.0], [0.0, 2.0]])
print(tf.vectorized_map(lambda v: tf.linalg.matvec(w, v), tf.constant([[1.0, 1.0], [2.0, 3.0]])))

#@ print_basic
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
tf.print("x:", tf.constant([1.0, 2.5]), 3, "end", output_stream="file://" + path)
tf.print(tf.constant(7), output_stream="file://" + path)
print(open(path).read(), end="")

#@ print_summarize_default
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
tf.print(tf.range(10), output_stream="file://" + path)
tf.print(tf.reshape(tf.range(100), (10, 10)), output_stream="file://" + path)
print(open(path).read(), end="")

#@ print_summarize_values
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
tf.print(tf.range(10), summarize=2, output_stream="file://" + path)
tf.print(tf.range(10), summarize=-1, output_stream="file://" + path)
tf.print(tf.range(6), summarize=3, output_stream="file://" + path)
tf.print(tf.range(7), summarize=3, output_stream="file://" + path)
print(open(path).read(), end="")

#@ print_sep_end
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
tf.print("a", "b", tf.constant(1), sep="--", end="|\n", output_stream="file://" + path)
tf.print("no newline", end="", output_stream="file://" + path)
tf.print("!", output_stream="file://" + path)
print(open(path).read(), end="")

#@ print_dtypes
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
f = "file://" + path
tf.print(tf.constant([1.5, -2.25, 1e-8]), output_stream=f)
tf.print(tf.constant([True, False]), output_stream=f)
tf.print(tf.constant(["ab", "c"]), output_stream=f)
tf.print(tf.constant(3.0, tf.float64), tf.constant(2, tf.int64), output_stream=f)
tf.print(tf.constant([[1.0, 2.0], [3.0, 4.0]]), output_stream=f)
tf.print(tf.constant(1e10), tf.constant(0.1), tf.constant(123456.0), output_stream=f)
print(open(path).read(), end="")

#@ print_nested_structures
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
f = "file://" + path
tf.print({"a": tf.constant(1), "b": [tf.constant(2.0), 3]}, output_stream=f)
tf.print([1, 2, (3, "x")], output_stream=f)
tf.print((tf.constant([1, 2]),), output_stream=f)
print(open(path).read(), end="")

#@ print_rank3_and_empty
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
f = "file://" + path
tf.print(tf.reshape(tf.range(8), (2, 2, 2)), output_stream=f)
tf.print(tf.zeros([0]), tf.zeros([2, 0]), output_stream=f)
tf.print(tf.reshape(tf.range(64), (4, 4, 4)), summarize=1, output_stream=f)
print(open(path).read(), end="")

#@ print_variable
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
tf.print(tf.Variable([1.0, 2.0]), output_stream="file://" + path)
print(open(path).read(), end="")

#@ print_bad_stream
tf.print("x", output_stream="nowhere")

#@ print_returns
import io, sys
r = tf.print("x", output_stream="file://" + __import__("os").devnull)
print(r)

#@ py_function_basic
def f(x, y):
    return x.numpy() * 2 + y
r = tf.py_function(f, [tf.constant(3.0), tf.constant(1.0)], Tout=tf.float32)
print(r)

#@ py_function_multiple_outputs
r = tf.py_function(lambda x: (x + 1, x * 2), [tf.constant([1, 2])], Tout=[tf.int32, tf.int32])
print(r)

#@ py_function_gradient
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.py_function(lambda v: v * v * v, [x], Tout=tf.float32)
print(y, t.gradient(y, x))

#@ py_function_tout_mismatch
tf.py_function(lambda v: v, [tf.constant(1)], Tout=tf.float32)

#@ py_function_tout_none
print(tf.py_function(lambda v: None, [tf.constant(1)], Tout=[]))

#@ numpy_function_basic
r = tf.numpy_function(lambda x: np.sort(x)[::-1].copy(), [tf.constant([3, 1, 2])], tf.int32)
print(r)
r = tf.numpy_function(lambda x, y: (x + y).astype(np.float32), [np.float32(1), np.float32(2)],
                      Tout=tf.float32)
print(r)

#@ numpy_function_gets_numpy
print(tf.numpy_function(lambda x: np.array(type(x).__name__), [tf.constant(1.0)], tf.string))
print(tf.numpy_function(lambda x: x, [tf.constant(1)], tf.float32))

#@ assert_passes
r = tf.Assert(tf.constant(True), ["never shown"])
print(r)

#@ assert_fails
x = tf.constant([1.0, -2.0])
tf.Assert(tf.reduce_all(x > 0), ["x must be positive:", x])

#@ assert_fails_message
x = tf.range(10)
try:
    tf.Assert(False, ["values", x, "and", tf.constant(2.5)], summarize=4)
except tf.errors.InvalidArgumentError as e:
    print(e.message)

#@ assert_non_bool
tf.Assert(tf.constant(1), ["x"])

#@ group_no_op_tuple
print(tf.group(tf.constant(1), tf.constant(2)))
print(tf.no_op())
print(tf.tuple([tf.constant(1), tf.constant(2.0)]))

#@ control_dependencies_eager
with tf.control_dependencies([tf.constant(1)]):
    y = tf.constant(2) + 1
print(y)
with tf.control_dependencies(None):
    print(tf.identity(3))

#@ identity_works
print(tf.identity([1, 2]))

#@ while_loop_counter_tuple_body
i = tf.constant(0)
print(tf.while_loop(lambda i: i < 10, lambda i: (i + 1,), [i]))

#@ while_loop_python_values_converted
print(tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * 2.0), [0, 1.5]))

#@ while_loop_nested_structure
r = tf.while_loop(lambda v: v["i"] < 4,
                  lambda v: ({"i": v["i"] + 1, "acc": [v["acc"][0] * 2]},),
                  [{"i": tf.constant(0), "acc": [tf.constant(1.0)]}])
print(r)

#@ while_loop_maximum_iterations_tuple
r = tf.while_loop(lambda i: i < 100, lambda i: (i + 1,), [tf.constant(0)], maximum_iterations=7)
print(r)
r = tf.while_loop(lambda i, j: True, lambda i, j: (i + 1, j * 2), (0, 1),
                  maximum_iterations=tf.constant(5))
print(r)

#@ while_loop_maximum_iterations_not_scalar
tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), [0], maximum_iterations=[1, 2])

#@ while_loop_parallel_iterations_bad
tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), [0], parallel_iterations=0)

#@ while_loop_eager_shapes_may_change
r = tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: (tf.concat([x, x], 0),),
                  [tf.ones([1])])
print(r)
r = tf.while_loop(lambda x: tf.shape(x)[0] < 4, lambda x: (tf.concat([x, x], 0),),
                  [tf.ones([1])], shape_invariants=[tf.TensorShape([None])])
print(r)

#@ while_loop_inner_type_change
tf.while_loop(lambda v: v[0] < 3, lambda v: ([v[0] + 1],), [(tf.constant(0),)])

#@ while_loop_dtype_change_eager
print(tf.while_loop(lambda x: x < 4, lambda x: (tf.cast(x, tf.float32) + 1.0,), [tf.constant(0)]))

#@ while_loop_variable_loop_var
v = tf.Variable(1.0)
with tf.GradientTape() as t:
    r = tf.while_loop(lambda x: x < 10.0, lambda x: (x * 3.0,), [v])
print(r, t.gradient(r, v))

#@ while_loop_tensor_array_grad
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    def body(i, ta):
        return i + 1, ta.write(i, x[i] * x[i])
    _, ta = tf.while_loop(lambda i, ta: i < 3, body, (0, tf.TensorArray(tf.float32, size=3)))
    y = tf.reduce_sum(ta.stack())
print(y, t.gradient(y, x))

#@ cond_nested_gradient
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.cond(x > 1.0, lambda: tf.cond(x > 3.0, lambda: x, lambda: x * x * x), lambda: -x)
print(y, t.gradient(y, x))

#@ cond_python_bool_tensor_outputs
r = tf.cond(tf.constant(True), lambda: [1, 2], lambda: [3, 4])
print(r)

#@ case_single_pair_no_default
x = tf.constant(1)
print(tf.case([(x > 0, lambda: tf.constant(7))]))

#@ case_python_bool_pred
tf.case([(True, lambda: 1)], default=lambda: 2)

#@ case_non_bool_pred
tf.case([(tf.constant(1), lambda: 1)], default=lambda: 2)

#@ case_entry_not_pair
tf.case([lambda: 1], default=lambda: 2)

#@ case_exclusive_dict
x = tf.constant(5)
print(tf.case({x < 3: lambda: tf.constant(1), x > 3: lambda: tf.constant(2)}, exclusive=True))

#@ switch_case_python_index
tf.switch_case(1, [lambda: 1, lambda: 2])

#@ switch_case_bad_keys
tf.switch_case(tf.constant(0), {0: lambda: 1, 3: lambda: 2})

#@ switch_case_dict_contiguous
print(tf.switch_case(tf.constant(1), {1: lambda: tf.constant("b"), 0: lambda: tf.constant("a")}))

#@ switch_case_gradient
x = tf.constant(3.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.switch_case(tf.constant(1), [lambda: x, lambda: x * x, lambda: tf.sin(x)])
print(t.gradient(y, x))

#@ map_fn_tuple_with_signature
r = tf.map_fn(lambda xy: xy[0] * xy[1], (tf.constant([1, 2, 3]), tf.constant([4, 5, 6])),
              fn_output_signature=tf.int32)
print(r)

#@ map_fn_tensor_spec_signature
r = tf.map_fn(lambda x: tf.stack([x, x + 1]), tf.constant([1.0, 2.0]),
              fn_output_signature=tf.TensorSpec(shape=[2], dtype=tf.float32))
print(r)

#@ map_fn_variable_elems
v = tf.Variable([1.0, 2.0])
with tf.GradientTape() as t:
    y = tf.reduce_sum(tf.map_fn(lambda e: e * e, v))
print(y, t.gradient(y, v))

#@ map_fn_not_callable
tf.map_fn(3, tf.constant([1]))

#@ map_fn_mismatched_lengths
tf.map_fn(lambda x: x[0], (tf.constant([1, 2]), tf.constant([1, 2, 3])), fn_output_signature=tf.int32)

#@ scan_reverse_with_initializer
print(tf.scan(lambda a, x: a * 2 + x, tf.constant([1, 2, 3]), initializer=tf.constant(0), reverse=True))

#@ scan_structure_mismatch
tf.scan(lambda a, x: (a, a), tf.constant([1, 2, 3]))

#@ scan_second_order
x = tf.constant([0.5, 1.5])
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_sum(tf.scan(lambda a, v: a * v, x, initializer=tf.constant(2.0)))
    g = t1.gradient(y, x)
print(g, t2.jacobian(g, x))

#@ foldr_gradient
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.foldr(lambda a, v: a * v - 1.0, x, initializer=tf.constant(2.0))
print(y, t.gradient(y, x))

#@ foldl_not_callable
tf.foldl(None, tf.constant([1, 2]))

#@ tensor_array_negative_index
ta = tf.TensorArray(tf.float32, size=2)
ta.read(-1)

#@ tensor_array_read_out_of_range
ta = tf.TensorArray(tf.float32, size=2)
ta.read(5)

#@ tensor_array_no_size
tf.TensorArray(tf.float32)

#@ tensor_array_clear_after_read_false
ta = tf.TensorArray(tf.float32, size=1, clear_after_read=False)
ta = ta.write(0, 4.0)
print(ta.read(0), ta.read(0))

#@ tensor_array_tensor_index_and_size
ta = tf.TensorArray(tf.int32, size=tf.constant(3))
ta = ta.write(tf.constant(2), 9)
print(ta.stack(), ta.size())

#@ tensor_array_split_errors
ta = tf.TensorArray(tf.float32, size=2)
try:
    ta.split(tf.range(6.0), [1, 2])
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)
ta.split(tf.range(6.0), [1, 2, 3])

#@ tensor_array_concat_scalar
ta = tf.TensorArray(tf.float32, size=2).write(0, 1.0).write(1, 2.0)
ta.concat()

#@ tensor_array_stack_empty_with_shape
print(tf.TensorArray(tf.float32, size=0, element_shape=[3]).stack())

#@ tensor_array_gradient_gather_concat
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as t:
    t.watch(x)
    ta = tf.TensorArray(tf.float32, size=3, infer_shape=False)
    ta = ta.write(0, x).write(1, x * 2.0).write(2, x * x)
    y = tf.reduce_sum(ta.gather([2, 0])) + tf.reduce_sum(ta.concat())
print(t.gradient(y, x))

#@ tensor_array_second_order
x = tf.constant(1.5)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        ta = tf.TensorArray(tf.float32, size=2).write(0, x * x).write(1, x * x * x)
        y = tf.reduce_sum(ta.stack())
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))

#@ vectorized_map_gradient
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.reduce_sum(tf.vectorized_map(lambda r: tf.reduce_sum(r * r), x))
print(t.gradient(y, x))

#@ vectorized_map_scalar_fn_output
print(tf.vectorized_map(lambda r: tf.reduce_max(r), tf.constant([[1, 5], [7, 2]])))

#@ print_python_values
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
f = "file://" + path
tf.print(1, 2.5, True, None, "text", [1.0, "a"], output_stream=f)
tf.print(output_stream=f)
tf.print(tf.constant("scalar string"), output_stream=f)
tf.print("with", tf.constant("s"), output_stream=f)
print(open(path).read(), end="")

#@ print_int_types_and_float64
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
f = "file://" + path
tf.print(tf.constant([1, -2], tf.int8), tf.constant([7], tf.uint8), tf.constant([3], tf.int64), output_stream=f)
tf.print(tf.constant([0.1, 1.0 / 3.0], tf.float64), tf.constant([1.0 / 3.0]), output_stream=f)
tf.print(tf.constant([1234567.0, 0.000123, -5e-5]), output_stream=f)
tf.print(tf.constant([float("nan"), float("inf"), -float("inf")]), output_stream=f)
tf.print(tf.constant([1.5, 2.0], tf.float16), output_stream=f)
print(open(path).read(), end="")

#@ print_summarize_matrix_negative
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
f = "file://" + path
tf.print(tf.reshape(tf.range(24), (4, 6)), summarize=-1, output_stream=f)
tf.print(tf.reshape(tf.range(24), (4, 6)), summarize=1, output_stream=f)
tf.print(tf.reshape(tf.range(24), (4, 6)), summarize=0, output_stream=f)
print(open(path).read(), end="")

#@ print_strings_escaped
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "log.txt")
f = "file://" + path
tf.print(tf.constant(["a\nb", 'q"t', "tab\there"]), output_stream=f)
tf.print({"k": tf.constant(["x"])}, output_stream=f)
print(open(path).read(), end="")

#@ print_bad_kwarg
tf.print("x", colour="red")

#@ py_function_wrong_count
tf.py_function(lambda x: (x, x), [tf.constant(1)], Tout=[tf.int32])

#@ py_function_python_inputs
print(tf.py_function(lambda a, b: a + b, [1.5, 2.5], Tout=tf.float32))

#@ py_function_second_order
x = tf.constant(1.5)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.py_function(lambda v: tf.sin(v) * v, [x], Tout=tf.float32)
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))

#@ numpy_function_no_gradient
x = tf.constant(2.0)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.numpy_function(lambda v: v * v, [x], tf.float32)
print(y, t.gradient(y, x))

#@ numpy_function_tout_list
r = tf.numpy_function(lambda v: (v + 1, v * 2), [np.array([1, 2], np.int32)], [tf.int32, tf.int32])
print(r)

#@ assert_summarize_negative_and_default
x = tf.range(6)
try:
    tf.Assert(x[0] > 3, [x], summarize=-1)
except tf.errors.InvalidArgumentError as e:
    print(e.message)
try:
    tf.Assert(x[0] > 3, [x, "tail"])
except tf.errors.InvalidArgumentError as e:
    print(e.message)

#@ assert_scalar_data_summarize_zero
try:
    tf.Assert(tf.constant(False), [tf.constant(5.5), tf.constant([1, 2])], summarize=0)
except tf.errors.InvalidArgumentError as e:
    print(e.message)

#@ tuple_with_control_inputs
r = tf.tuple([tf.constant(1.0), None], control_inputs=[tf.constant(0)])
print(r)

#@ group_bad_kwarg
tf.group(tf.constant(1), colour="red")
