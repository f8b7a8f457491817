# AutoGraph: what converted functions compute and print when called with Python values and eager
# tensors (tf.autograph.to_graph, and tf.function on values whose result is the same).

#@ if_python_and_tensor
def absolute(x):
    if x < 0:
        x = -x
    return x
f = tf.autograph.to_graph(absolute)
print(f(-3), f(4.5), f(tf.constant(-2.0)), f(tf.constant([5])[0]))

#@ if_else_both_branches
def sign(x):
    if x > 0:
        s = 1
    elif x < 0:
        s = -1
    else:
        s = 0
    return s
f = tf.autograph.to_graph(sign)
print(f(3), f(-2), f(0))
print(f(tf.constant(3)), f(tf.constant(-2.0)), f(tf.constant(0)))

#@ if_tensor_undefined_in_else
def g(x):
    if x > 0:
        y = x * 2
    return y
print(tf.autograph.to_graph(g)(3))
tf.autograph.to_graph(g)(tf.constant(3))

#@ if_python_undefined_read
def g(x):
    if x > 0:
        y = x
    return y
tf.autograph.to_graph(g)(-1)

#@ if_tensor_dtype_mismatch_ok_when_one_branch_runs
def g(x):
    y = 0
    if x > 0:
        y = tf.constant(1.5)
    return y
print(tf.autograph.to_graph(g)(tf.constant(1)))

#@ if_non_bool_tensor_condition
def g(x):
    if x:
        return 1
    return 2
print(tf.autograph.to_graph(g)(5))
tf.autograph.to_graph(g)(tf.constant(5))

#@ if_vector_condition
def g(x):
    if x > 0:
        return 1
    return 0
tf.autograph.to_graph(g)(tf.constant([1, 2]))

#@ while_tensor_counts
def count_down(n):
    steps = 0
    while n > 0:
        n -= 1
        steps += 1
    return n, steps
f = tf.autograph.to_graph(count_down)
print(f(3))
print(f(tf.constant(3)))

#@ while_collatz
def collatz(n):
    steps = 0
    while n > 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
f = tf.autograph.to_graph(collatz)
print(f(27), f(tf.constant(27)))

#@ while_dtype_change_error
def g(n):
    s = 0
    while n > 0:
        n -= 1
        s = s + 0.5
    return s
print(tf.autograph.to_graph(g)(3))
tf.autograph.to_graph(g)(tf.constant(3))

#@ while_shape_change_error
def g(n):
    x = tf.ones([1])
    while n > 0:
        n -= 1
        x = tf.concat([x, x], 0)
    return x
tf.autograph.to_graph(g)(tf.constant(2))

#@ while_set_loop_options_shape_invariants
def g(n):
    x = tf.ones([1])
    while n > 0:
        tf.autograph.experimental.set_loop_options(shape_invariants=[(x, tf.TensorShape([None]))])
        n -= 1
        x = tf.concat([x, x], 0)
    return x
print(tf.autograph.to_graph(g)(tf.constant(2)))

#@ while_maximum_iterations_option
def g(n):
    i = 0
    while n > 0:
        tf.autograph.experimental.set_loop_options(maximum_iterations=3)
        n -= 1
        i += 1
    return n, i
print(tf.autograph.to_graph(g)(tf.constant(10)))

#@ while_undefined_loop_var
def g(n):
    while n > 0:
        n -= 1
        last = n
    return last
print(tf.autograph.to_graph(g)(3))
print(tf.autograph.to_graph(g)(tf.constant(3)))

#@ while_undefined_loop_var_zero_iterations
def g(n):
    while n > 0:
        n -= 1
        last = n
    return last
tf.autograph.to_graph(g)(tf.constant(0))

#@ while_break_tensor
def g(n):
    i = 0
    while i < n:
        if i * i > 10:
            break
        i += 1
    return i
f = tf.autograph.to_graph(g)
print(f(100), f(tf.constant(100)), f(tf.constant(2)))

#@ while_continue_tensor
def g(n):
    i = 0
    total = 0
    while i < n:
        i += 1
        if i % 3 == 0:
            continue
        total += i
    return total
f = tf.autograph.to_graph(g)
print(f(10), f(tf.constant(10)))

#@ while_else_clause
def g(n):
    i = 0
    while i < n:
        if i == 5:
            break
        i += 1
    else:
        i = -1
    return i
f = tf.autograph.to_graph(g)
print(f(3), f(9))

#@ for_python_list_unrolls
def g(xs):
    total = 0
    for x in xs:
        total += x
    return total
print(tf.autograph.to_graph(g)([1, 2, 3]))

#@ for_tf_range
def g(n):
    total = 0
    for i in tf.range(n):
        total += i
    return total
f = tf.autograph.to_graph(g)
print(f(5), f(tf.constant(5)))

#@ for_over_tensor_rows
def g(m):
    acc = tf.zeros([2])
    for row in m:
        acc += row
    return acc
print(tf.autograph.to_graph(g)(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])))

#@ for_over_tensor_python_state_converted
def g(t):
    count = 0
    for _ in t:
        count += 1
    return count
print(tf.autograph.to_graph(g)(tf.constant([4, 5, 6])))
print(tf.autograph.to_graph(g)([4, 5, 6]))

#@ for_break_over_tensor
def g(t):
    found = -1
    for v in t:
        if v > 2:
            found = v
            break
    return found
f = tf.autograph.to_graph(g)
print(f(tf.constant([1, 3, 5])), f([1, 3, 5]))

#@ for_continue_over_range
def g(n):
    s = 0
    for i in range(n):
        if i % 2:
            continue
        s += i
    return s
f = tf.autograph.to_graph(g)
print(f(10), f(tf.constant(10)))

#@ for_return_inside
def first_negative(xs):
    for i, x in enumerate(xs):
        if x < 0:
            return i
    return -1
f = tf.autograph.to_graph(first_negative)
print(f([3, 1, -2, -5]), f([1, 2]))

#@ for_return_inside_tensor_loop_error
def g(t):
    for v in t:
        if v < 0:
            return v
    return 0
tf.autograph.to_graph(g)(tf.constant([1, -2]))

#@ for_else_clause
def g(xs, target):
    for x in xs:
        if x == target:
            r = "found"
            break
    else:
        r = "missing"
    return r
f = tf.autograph.to_graph(g)
print(f([1, 2, 3], 2), f([1, 2, 3], 7))

#@ for_nested_loops_tensor
def g(n):
    total = 0
    for i in tf.range(n):
        for j in tf.range(i):
            total += j
    return total
print(tf.autograph.to_graph(g)(tf.constant(5)))

#@ for_tuple_target
def g(pairs):
    s = 0
    for a, b in pairs:
        s += a * b
    return s
print(tf.autograph.to_graph(g)([(1, 2), (3, 4)]))

#@ logical_python_values
def g(a, b):
    return a and b, a or b, not a
f = tf.autograph.to_graph(g)
print(f(0, 5), f(3, 5), f([], "x"))

#@ logical_tensors
def g(a, b):
    return a and b, a or b, not a
f = tf.autograph.to_graph(g)
print(f(tf.constant(True), tf.constant(False)))
print(f(tf.constant(False), tf.constant(True)))

#@ logical_not_int_tensor
def g(a):
    return not a
tf.autograph.to_graph(g)(tf.constant(1))

#@ logical_lazy_right_operand
def g(x):
    return x is not None and x > 0
f = tf.autograph.to_graph(g)
print(f(None), f(3), f(tf.constant(-1.0)))

#@ ternary_expression
def g(x):
    return x * 2 if x > 1 else x - 10
f = tf.autograph.to_graph(g)
print(f(5), f(0), f(tf.constant(5)), f(tf.constant(0)))

#@ ternary_non_bool_tensor
def g(x):
    return 1 if x else 2
tf.autograph.to_graph(g)(tf.constant(3))

#@ assert_plain_python
def g(x):
    assert x > 0, "x must be positive"
    return x
print(tf.autograph.to_graph(g)(2))
tf.autograph.to_graph(g)(-2)

#@ assert_statements_feature
def g(x):
    assert x > 0, "x must be positive"
    return x
f = tf.autograph.to_graph(g, experimental_optional_features=tf.autograph.experimental.Feature.ASSERT_STATEMENTS)
print(f(tf.constant(2)))
f(tf.constant(-2))

#@ recursive_conversion_of_callee
def helper(x):
    if x > 0:
        return x * 10
    return x
def caller(x):
    return helper(x) + 1
print(tf.autograph.to_graph(caller)(tf.constant(2)), tf.autograph.to_graph(caller)(-3))

#@ closure_and_nonlocal
def make(k):
    count = 0
    def step(x):
        nonlocal count
        while x > 0:
            x -= k
            count += 1
        return x
    def get():
        return count
    return step, get
step, get = make(2)
f = tf.autograph.to_graph(step)
print(f(7), get())
print(f(tf.constant(5)), get())

#@ default_and_keyword_args
def g(x, scale=3, *, offset=1):
    if x > 0:
        x = x * scale
    return x + offset
f = tf.autograph.to_graph(g)
print(f(2), f(2, 10), f(2, offset=100), f(tf.constant(-1)))

#@ method_and_self
class Acc:
    def __init__(self):
        self.total = 0
    def add_positive(self, xs):
        for x in xs:
            if x > 0:
                self.total += x
        return self.total
def run(acc, xs):
    return acc.add_positive(xs)
a = Acc()
f = tf.autograph.to_graph(run)
print(f(a, [1, -2, 3]), a.total)
print(f(a, tf.constant([5, -1])), a.total)

#@ nested_function_defined_inside
def outer(x):
    def inner(y):
        if y > 2:
            return y * 2
        return y
    total = 0
    for i in range(x):
        total += inner(i)
    return total
print(tf.autograph.to_graph(outer)(5))

#@ lambda_conversion
def g(x):
    h = lambda v: v * 2 if v > 0 else -v
    return h(x)
f = tf.autograph.to_graph(g)
print(f(3), f(-4), f(tf.constant(-1.5)))

#@ globals_are_live
SCALE = 2
def g(x):
    if x > 0:
        x = x * SCALE
    return x
f = tf.autograph.to_graph(g)
print(f(3))
SCALE = 5
print(f(3))

#@ global_statement
COUNTER = 0
def g(n):
    global COUNTER
    for _ in range(n):
        COUNTER += 1
    return COUNTER
print(tf.autograph.to_graph(g)(3), COUNTER)

#@ python_print_in_converted_code
def g(x):
    for i in range(2):
        print("iteration", i)
    if x > 0:
        print("positive")
    return x
tf.autograph.to_graph(g)(1)

#@ builtins_on_tensors
def g(t):
    return len(t), int(t[0] * 2), float(t[1]), abs(t[0] - t[1]), max(t), min(t[0], t[1])
print(tf.autograph.to_graph(g)(tf.constant([3, -4])))
print(tf.autograph.to_graph(g)([3, -4]))

#@ builtin_range_of_tensor
def g(n):
    return range(n)
print(tf.autograph.to_graph(g)(tf.constant(3)))
print(tf.autograph.to_graph(g)(3))

#@ do_not_convert_callee
@tf.autograph.experimental.do_not_convert
def raw(x):
    if x > 0:
        return 1
    return 0
def g(x):
    return raw(x)
print(tf.autograph.to_graph(g)(3))
print(tf.autograph.to_graph(g)(tf.constant(3)))

#@ generator_rejected
def gen(n):
    for i in range(n):
        yield i
tf.autograph.to_graph(gen)

#@ generator_called_from_converted
def gen(n):
    for i in range(n):
        yield i * 2
def g(n):
    s = 0
    for v in gen(n):
        s += v
    return s
print(tf.autograph.to_graph(g)(4))

#@ trace_prints
def g(x):
    tf.autograph.trace("x is", x)
    return x + 1
print(tf.autograph.to_graph(g)(1))

#@ gradient_through_converted_control_flow
def g(x):
    y = x
    for _ in tf.range(3):
        if y > 0:
            y = y * x
        else:
            y = y - x
    return y
f = tf.autograph.to_graph(g)
x = tf.constant(1.5)
with tf.GradientTape() as t:
    t.watch(x)
    y = f(x)
print(y, t.gradient(y, x))

#@ second_order_through_converted_while
def g(x):
    i = 0
    y = x
    while i < 3:
        y = y * x
        i += 1
    return y
f = tf.autograph.to_graph(g)
x = tf.constant(2.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = f(x)
    dy = t1.gradient(y, x)
print(y, dy, t2.gradient(dy, x))

#@ tf_function_tensor_control_flow
@tf.function
def g(x):
    total = tf.constant(0)
    for i in tf.range(x):
        if i % 2 == 0:
            total += i
    return total
print(g(tf.constant(10)))

#@ tf_function_while_and_break
@tf.function
def g(x):
    i = tf.constant(0)
    while i < 100:
        i += 1
        if i * i >= x:
            break
    return i
print(g(tf.constant(50)), g(tf.constant(2)))

#@ tf_function_python_args_unroll
@tf.function
def g(n, x):
    for _ in range(n):
        x = x * 2
    return x
print(g(3, tf.constant(1.0)))

#@ tensor_array_in_converted_loop
def g(n):
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    for i in tf.range(n):
        ta = ta.write(i, i * i)
    return ta.stack()
print(tf.autograph.to_graph(g)(tf.constant(4)))

#@ to_code_is_text
def g(x):
    if x > 0:
        x = -x
    return x
code = tf.autograph.to_code(g)
print(type(code).__name__, "def" in code, "if_stmt" in code)
