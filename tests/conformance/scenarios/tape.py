# tf.GradientTape behaviour: watching, persistence, nesting, structures, unconnected gradients,
# output_gradients, stop_recording, reset, watched_variables, control flow, and the ways a
# gradient becomes None.

#@ watch_constant
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
print(tape.gradient(y, x))

#@ unwatched_constant_is_none
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    y = x * x
print(tape.gradient(y, x))

#@ trainable_variable_watched_automatically
v = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = v * v
print(tape.gradient(y, v))

#@ non_trainable_variable_not_watched
v = tf.Variable(3.0, trainable=False)
with tf.GradientTape() as tape:
    y = v * v
print(tape.gradient(y, v))

#@ non_trainable_variable_explicit_watch
v = tf.Variable(3.0, trainable=False)
with tf.GradientTape() as tape:
    tape.watch(v)
    y = v * v
print(tape.gradient(y, v))

#@ variable_read_before_tape_not_recorded
v = tf.Variable(2.0)
pre = v * 3.0
with tf.GradientTape() as tape:
    y = pre * v
print(tape.gradient(y, v))

#@ variable_read_before_tape_path_is_none
v = tf.Variable(2.0)
pre = v * 3.0
with tf.GradientTape() as tape:
    y = pre * pre
print(tape.gradient(y, v))

#@ watch_after_use_is_too_late
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    y = x * x
    tape.watch(x)
    z = y * x
print(tape.gradient(z, x))

#@ watch_accessed_variables_false
x0 = tf.Variable(0.0)
x1 = tf.Variable(10.0)
with tf.GradientTape(watch_accessed_variables=False) as tape:
    tape.watch(x1)
    y = tf.sin(x0) + tf.nn.softplus(x1)
g = tape.gradient(y, {"x0": x0, "x1": x1})
print(g["x0"])
print(g["x1"])

#@ watch_accessed_variables_false_nothing_watched
v = tf.Variable(2.0)
with tf.GradientTape(watch_accessed_variables=False) as tape:
    y = v * v
print(tape.gradient(y, v))
print(tape.watched_variables())

#@ watch_list_of_tensors
a = tf.constant(1.0)
b = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch([a, b])
    y = a * b
print(tape.gradient(y, [a, b]))

#@ watch_dict_of_tensors
a = tf.constant(1.0)
b = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch({"a": a, "b": [b]})
    y = a + 3.0 * b
print(tape.gradient(y, b))

#@ watch_twice_is_fine
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    tape.watch(x)
    y = x * x
print(tape.gradient(y, x))

#@ watch_integer_tensor_gives_none
x = tf.constant(3)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
print(tape.gradient(y, x))

#@ integer_variable_gradient_none
v = tf.Variable(3)
with tf.GradientTape() as tape:
    y = v * v
print(tape.gradient(y, v))
print(len(tape.watched_variables()))

#@ integer_source_zero_unconnected
x = tf.constant([3, 1])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * 2
print(tape.gradient(y, x, unconnected_gradients=tf.UnconnectedGradients.ZERO))

#@ float_to_int_cast_path_is_none
x = tf.constant(2.5)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.cast(x, tf.int32) * 2
    z = tf.cast(y, tf.float32)
print(tape.gradient(z, x))

#@ gradient_wrt_intermediate
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
    z = y * y
print(tape.gradient(z, y))

#@ gradient_of_source_itself
x = tf.constant([1.0, 2.0])
with tf.GradientTape() as tape:
    tape.watch(x)
print(tape.gradient(x, x))

#@ gradient_of_variable_itself
v = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    pass
print(tape.gradient(v, v))

#@ persistent_multiple_gradients
x = tf.constant([1.0, 3.0])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = x * x
    z = y * y
print(tape.gradient(z, x))
print(tape.gradient(y, x))
del tape

#@ persistent_same_gradient_twice
x = tf.constant(2.0)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = tf.exp(x)
print(tape.gradient(y, x))
print(tape.gradient(y, x))

#@ non_persistent_second_call_raises
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
print(tape.gradient(y, x))
try:
    tape.gradient(y, x)
except RuntimeError as e:
    print("RuntimeError:", e)

#@ multiple_targets_list_sum
x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y0 = x ** 2
    y1 = 1 / x
print(tape.gradient([y0, y1], x))

#@ multiple_targets_dict_sum
x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y0 = x ** 2
    y1 = 1 / x
print(tape.gradient({"y0": y0, "y1": y1}, x))

#@ non_scalar_target_sum
x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = x * [3.0, 4.0]
print(tape.gradient(y, x))

#@ elementwise_target_gives_derivative
x = tf.linspace(-2.0, 2.0, 5)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.nn.sigmoid(x)
print(tape.gradient(y, x))

#@ sources_list
a = tf.Variable(1.0)
b = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = a * b * b
print(tape.gradient(y, [a, b]))

#@ sources_tuple
a = tf.Variable(1.0)
b = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = a * b
g = tape.gradient(y, (a, b))
print(type(g).__name__, g)

#@ sources_dict
w = tf.Variable([[1.0], [2.0]], name="w")
b = tf.Variable([0.5], name="b")
x = tf.constant([[3.0, 4.0]])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x @ w + b)
g = tape.gradient(y, {"w": w, "b": b})
print(sorted(g.keys()))
print(g["w"])
print(g["b"])

#@ sources_nested_structure
a = tf.Variable(1.0)
b = tf.Variable(2.0)
c = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = a + 2.0 * b + 3.0 * c
g = tape.gradient(y, {"first": [a, b], "second": (c,)})
print(g["first"])
print(g["second"])

#@ sources_same_twice
a = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = a * a
print(tape.gradient(y, [a, a]))

#@ gradient_shape_matches_source
w = tf.Variable(tf.ones((3, 2)))
with tf.GradientTape() as tape:
    y = tf.reduce_sum(w * w)
g = tape.gradient(y, w)
print(g.shape, g.dtype)

#@ output_gradients_vjp
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
print(tape.gradient(y, x, output_gradients=tf.constant([1.0, 0.0, -1.0])))

#@ output_gradients_list_targets
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y1 = x * x
    y2 = x * 3.0
print(tape.gradient([y1, y2], x, output_gradients=[tf.constant(1.0), tf.constant(10.0)]))

#@ output_gradients_matrix
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.transpose(x) * 2.0
print(tape.gradient(y, x, output_gradients=tf.constant([[1.0, 0.0], [0.0, 0.0]])))

#@ unconnected_default_none
x = tf.Variable(2.0)
y = tf.Variable(3.0)
with tf.GradientTape() as tape:
    z = y * y
print(tape.gradient(z, x))

#@ unconnected_zero_enum
x = tf.Variable([2.0, 1.0])
y = tf.Variable(3.0)
with tf.GradientTape() as tape:
    z = y * y
print(tape.gradient(z, x, unconnected_gradients=tf.UnconnectedGradients.ZERO))

#@ unconnected_none_enum
x = tf.Variable(2.0)
y = tf.Variable(3.0)
with tf.GradientTape() as tape:
    z = y * y
print(tape.gradient(z, [x, y], unconnected_gradients=tf.UnconnectedGradients.NONE))

#@ unconnected_strings
x = tf.Variable([[2.0]])
y = tf.Variable(3.0)
with tf.GradientTape(persistent=True) as tape:
    z = y * y
print(tape.gradient(z, x, unconnected_gradients="zero"))
print(tape.gradient(z, x, unconnected_gradients="none"))

#@ unconnected_invalid_value
x = tf.Variable(2.0)
with tf.GradientTape() as tape:
    z = tf.constant(1.0) * 2.0
try:
    tape.gradient(z, x, unconnected_gradients="bogus")
except ValueError as e:
    print("ValueError:", e)

#@ unconnected_gradients_enum_values
print(tf.UnconnectedGradients.NONE.value, tf.UnconnectedGradients.ZERO.value)
print(tf.UnconnectedGradients("zero") is tf.UnconnectedGradients.ZERO)

#@ unconnected_mixed_zero_and_connected
a = tf.Variable(1.0)
b = tf.Variable([1.0, 2.0])
with tf.GradientTape() as tape:
    y = a * 5.0
print(tape.gradient(y, [a, b], unconnected_gradients="zero"))

#@ stop_recording_gives_none
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    with tape.stop_recording():
        y = x * x
print(tape.gradient(y, x))

#@ stop_recording_partial
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    a = x * x
    with tape.stop_recording():
        b = x * 10.0
    y = a + b
print(tape.gradient(y, x))

#@ stop_recording_resumes
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    with tape.stop_recording():
        pass
    y = x * x * x
print(tape.gradient(y, x))

#@ stop_recording_outside_context
tape = tf.GradientTape()
try:
    with tape.stop_recording():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

#@ reset_drops_records
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
    tape.reset()
    z = x * x * x
print(tape.gradient(y, x))

#@ reset_then_watch_again
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
    tape.reset()
    tape.watch(x)
    z = x * x * x
print(tape.gradient(z, x))

#@ reset_keeps_auto_variable_watching
v = tf.Variable(2.0)
with tf.GradientTape() as tape:
    y = v * v
    tape.reset()
    z = v * 5.0
print(tape.gradient(z, v))

#@ reset_outside_context
tape = tf.GradientTape()
with tape:
    pass
try:
    tape.reset()
except ValueError as e:
    print("ValueError:", e)

#@ watched_variables_creation_order
a = tf.Variable(1.0, name="a")
b = tf.Variable(2.0, name="b")
c = tf.Variable(3.0, name="c")
with tf.GradientTape() as tape:
    y = c * b * a
print([v.name for v in tape.watched_variables()])

#@ watched_variables_after_gradient
a = tf.Variable(1.0, name="a")
b = tf.Variable(2.0, name="b")
with tf.GradientTape() as tape:
    y = a * b
tape.gradient(y, a)
print([v.name for v in tape.watched_variables()])

#@ watched_variables_excludes_non_trainable
a = tf.Variable(1.0, name="a")
b = tf.Variable(2.0, name="b", trainable=False)
with tf.GradientTape() as tape:
    y = a * b
print([v.name for v in tape.watched_variables()])

#@ watched_variables_explicit_watch
a = tf.Variable(1.0, name="frozen", trainable=False)
with tf.GradientTape() as tape:
    tape.watch(a)
print([v.name for v in tape.watched_variables()])

#@ watched_variables_type_and_length
a = tf.Variable(1.0)
with tf.GradientTape() as tape:
    y = a + a
w = tape.watched_variables()
print(type(w).__name__, len(w))

#@ nested_tapes_second_derivative
x = tf.Variable(1.0)
with tf.GradientTape() as t:
    with tf.GradientTape() as t2:
        y = x * x * x
    dy_dx = t2.gradient(y, x)
d2y_dx2 = t.gradient(dy_dx, x)
print(dy_dx)
print(d2y_dx2)

#@ nested_inner_gradient_outside_outer_is_none
x = tf.constant(2.0)
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        y = x * x * x
dy = inner.gradient(y, x)
print(dy)
print(outer.gradient(dy, x))

#@ nested_outer_sees_inner_ops
x = tf.constant(2.0)
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        y = x * x
print(outer.gradient(y, x))

#@ nested_inner_does_not_see_outer_ops
x = tf.constant(2.0)
with tf.GradientTape() as outer:
    outer.watch(x)
    y = x * x
    with tf.GradientTape() as inner:
        z = y * 3.0
print(inner.gradient(z, x))

#@ persistent_gradient_inside_context_higher_order
x = tf.constant(3.0)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = x * x * x
    g = tape.gradient(y, x)
print(g)
print(tape.gradient(g, x))

#@ non_persistent_gradient_inside_context
x = tf.constant(3.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
    g = tape.gradient(y, x)
print(g)

#@ reenter_active_tape_raises
tape = tf.GradientTape()
with tape:
    try:
        with tape:
            pass
    except ValueError as e:
        print("ValueError:", e)

#@ reenter_finished_tape_keeps_recording
x = tf.constant(3.0)
tape = tf.GradientTape()
with tape:
    tape.watch(x)
    y = x * x
with tape:
    z = y * x
print(tape.gradient(z, x))

#@ control_flow_if_branch
x = tf.constant(1.0)
v0 = tf.Variable(2.0)
v1 = tf.Variable(2.0)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    if x > 0.0:
        result = v0
    else:
        result = v1 ** 2
dv0, dv1 = tape.gradient(result, [v0, v1])
print(dv0)
print(dv1)
print(tape.gradient(result, x))

#@ control_flow_for_loop
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    out = tf.constant(1.0)
    for i in range(4):
        if i > 0:
            out = out * x
print(out)
print(tape.gradient(out, x))

#@ control_flow_while_loop
x = tf.constant(1.5)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x
    while y < 10.0:
        y = y * x
print(y)
print(tape.gradient(y, x))

#@ seed_style_loop_function
def f(x, n):
    out = 1.0
    for i in range(n):
        if 1 < i < 5:
            out = tf.multiply(out, x)
    return out

def grad(x, n):
    with tf.GradientTape() as t:
        t.watch(x)
        out = f(x, n)
    return t.gradient(out, x)

x = tf.convert_to_tensor(2.0)
print(grad(x, 6), grad(x, 5), grad(x, 4))

#@ numpy_path_breaks_tape
x = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    x2 = x ** 2
    y = np.mean(x2, axis=0)
    y = tf.reduce_mean(y, axis=0)
print(tape.gradient(y, x))

#@ numpy_method_breaks_tape
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.constant(x.numpy() ** 2)
print(tape.gradient(y, x))

#@ variable_replaced_by_tensor
x = tf.Variable(2.0)
for epoch in range(2):
    with tf.GradientTape() as tape:
        y = x + 1
    print("variable" if isinstance(x, tf.Variable) else "tensor", tape.gradient(y, x))
    x = x + 1

#@ assign_add_not_differentiable
x0 = tf.Variable(3.0)
x1 = tf.Variable(0.0)
with tf.GradientTape() as tape:
    x1.assign_add(x0)
    y = x1 ** 2
print(tape.gradient(y, x0))

#@ assign_not_differentiable_but_read_is
x0 = tf.Variable(3.0)
x1 = tf.Variable(0.0)
with tf.GradientTape() as tape:
    x1.assign(x0 * 2.0)
    y = x1 * x1
print(tape.gradient(y, [x0, x1]))

#@ variable_created_inside_tape
with tf.GradientTape() as tape:
    v = tf.Variable(4.0)
    y = v * v
print(tape.gradient(y, v))

#@ string_like_constant_source_none
x = tf.constant(1.0)
other = tf.constant(5.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * 2.0
print(tape.gradient(y, other))

#@ gradient_dtype_float64_source
x = tf.constant(1.0, dtype=tf.float64)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = x * x
g = tape.gradient(y, x)
print(g, g.dtype)

#@ gradient_through_identity_and_python_scalars
x = tf.Variable(1.5)
with tf.GradientTape() as tape:
    y = 3 * tf.identity(x) - 2
print(tape.gradient(y, x))

#@ gradient_via_indexing_variable
v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = v[1] * v[2]
print(tape.gradient(y, v))

#@ gradient_with_respect_to_unused_watched
a = tf.constant(1.0)
b = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch([a, b])
    y = a * 4.0
print(tape.gradient(y, [a, b]))

#@ tape_records_ops_only_on_watched_paths
x = tf.constant(2.0)
c = tf.constant(5.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    k = c * c
    y = k * x
print(tape.gradient(y, [x, c]))
