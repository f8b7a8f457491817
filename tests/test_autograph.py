"""AutoGraph: the converter on a table of Python functions (converted vs. unconverted results on
Python and eager inputs), its API, and the dispatch of converted control flow into `tf.cond` /
`tf.while_loop` for symbolic tensors (with a fake graph-tensor class)."""
import functools
import inspect
import sys
import types

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import control_flow
from tapeflow.autograph import impl
from tapeflow.autograph.operators import _dispatch


def _value(x):
    """A comparable value: tensors and nests of them as NumPy / Python values."""
    if isinstance(x, (list, tuple)):
        return type(x)(_value(v) for v in x)
    if isinstance(x, dict):
        return {k: _value(v) for k, v in x.items()}
    if hasattr(x, "numpy"):
        return np.asarray(x.numpy()).tolist()
    return x


# -- the table: functions over every construct ---------------------------------------------------

def f_if(x):
    if x > 0:
        y = x * 2
    else:
        y = -x
    return y


def f_elif(x):
    if x > 10:
        r = 3
    elif x > 0:
        r = 2
    elif x == 0:
        r = 1
    else:
        r = 0
    return r


def f_nested_if(x, y):
    if x > 0:
        if y > 0:
            z = x + y
        else:
            z = x - y
    else:
        z = 0
    return z


def f_while(n):
    s = 0
    while n > 0:
        s += n
        n -= 1
    return s


def f_while_break(n):
    i = 0
    while i < n:
        if i * i > 20:
            break
        i += 1
    return i


def f_while_continue(n):
    i, s = 0, 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        s += i
    return s


def f_while_return(n):
    i = 0
    while i < 100:
        if i == n:
            return i * 10
        i += 1
    return -1


def f_for_range(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def f_for_break_continue(xs):
    s = 0
    for x in xs:
        if x < 0:
            continue
        if x > 100:
            break
        s += x
    return s


def f_for_return(xs):
    for i, x in enumerate(xs):
        if x == 3:
            return i
    return None


def f_nested_loops(n):
    s = 0
    for i in range(n):
        j = 0
        while j < i:
            if j == 2:
                break
            s += j
            j += 1
    return s


def f_logical(a, b):
    return (a and b), (a or b), (not a), (a and not b or b)


def f_ternary(x):
    return "pos" if x > 0 else ("zero" if x == 0 else "neg")


def f_early_return(x):
    if x < 0:
        return "negative"
    y = x + 1
    if y > 5:
        return "big"
    return "small"


def f_try_with(x):
    import contextlib
    out = []
    with contextlib.suppress(ZeroDivisionError):
        for v in range(x):
            if v == 3:
                out.append(1 / 0)
            out.append(v)
    try:
        if x > 2:
            raise ValueError("x")
    except ValueError:
        out.append("caught")
    finally:
        out.append("finally")
    return out


def f_comprehension(n):
    squares = [i * i for i in range(n) if i % 2 == 0]
    total = sum(v for v in squares)
    return squares, total


def f_nested_def(n):
    def inner(k):
        if k % 2:
            return k * 10
        return k
    acc = 0
    for i in range(n):
        acc += inner(i)
    return acc


def f_lambda(n):
    g = lambda v: v + 1 if v > 2 else v - 1
    return [g(i) for i in range(n)]


def f_star_args(*args, **kwargs):
    total = 0
    for a in args:
        total += a
    for k in sorted(kwargs):
        if kwargs[k]:
            total += 100
    return total


def f_default(x, k=3, *, m=2):
    while x < k:
        x += m
    return x


def f_while_undefined(n):
    while n > 0:
        last = n
        n -= 1
    return last


def f_del_and_aug(x):
    d = {"a": x}
    d["a"] += 1
    if d["a"] > 2:
        del d["a"]
    return d


_GLOBAL_SCALE = 3


def f_globals(x):
    if x > 0:
        return x * _GLOBAL_SCALE
    return 0


_COUNTER = [0]


def f_global_statement(n):
    global _GLOBAL_TOTAL
    _GLOBAL_TOTAL = 0
    for i in range(n):
        _GLOBAL_TOTAL += i
    return _GLOBAL_TOTAL


def f_closure_factory(k):
    def step(x):
        if x > k:
            return x - k
        return x + k
    return step


def f_nonlocal_factory():
    count = 0

    def bump(n):
        nonlocal count
        for _ in range(n):
            if count > 5:
                break
            count += 1
        return count
    return bump


def f_assert(x):
    assert x >= 0, "negative"
    return x


def f_recursive(n):
    if n <= 1:
        return 1
    return n * f_recursive(n - 1)


def f_calls_helper(x):
    return f_if(x) + f_while(3)


def f_walrus_free(xs):
    out = []
    i = 0
    while i < len(xs):
        v = xs[i]
        i += 1
        if v is None:
            continue
        out.append(v)
    return out


PY_TABLE = [
    (f_if, [(3,), (-2,), (0,)]),
    (f_elif, [(20,), (5,), (0,), (-1,)]),
    (f_nested_if, [(1, 2), (1, -2), (-1, 5)]),
    (f_while, [(0,), (4,)]),
    (f_while_break, [(3,), (100,)]),
    (f_while_continue, [(9,), (0,)]),
    (f_while_return, [(7,), (200,)]),
    (f_for_range, [(0,), (5,)]),
    (f_for_break_continue, [([1, -2, 3, 200, 5],), ([],)]),
    (f_for_return, [([1, 2, 3],), ([5],)]),
    (f_nested_loops, [(5,), (0,)]),
    (f_logical, [(0, 1), (2, 0), (2, 3), ([], "x")]),
    (f_ternary, [(1,), (0,), (-1,)]),
    (f_early_return, [(-1,), (10,), (1,)]),
    (f_try_with, [(5,), (1,)]),
    (f_comprehension, [(6,)]),
    (f_nested_def, [(5,)]),
    (f_lambda, [(5,)]),
    (f_star_args, [(1, 2, 3), ()]),
    (f_default, [(0,), (10,)]),
    (f_while_undefined, [(3,)]),
    (f_del_and_aug, [(1,), (5,)]),
    (f_globals, [(2,), (-2,)]),
    (f_global_statement, [(4,)]),
    (f_assert, [(2,)]),
    (f_recursive, [(5,)]),
    (f_calls_helper, [(2,), (-3,)]),
    (f_walrus_free, [([1, None, 2],)]),
]


@pytest.mark.parametrize("fn,cases", PY_TABLE, ids=[f.__name__ for f, _ in PY_TABLE])
def test_converted_matches_python(fn, cases):
    converted = tf.autograph.to_graph(fn)
    for args in cases:
        assert _value(converted(*args)) == _value(fn(*args)), args


def test_keyword_arguments_and_defaults():
    c = tf.autograph.to_graph(f_default)
    assert c(0, 5, m=3) == f_default(0, 5, m=3) == 6
    c = tf.autograph.to_graph(f_star_args)
    assert c(1, 2, a=0, b=1) == f_star_args(1, 2, a=0, b=1) == 103


EAGER_TABLE = [
    (f_if, [(3.0,), (-2.0,)]),
    (f_elif, [(20,), (5,), (0,), (-1,)]),
    (f_nested_if, [(1, 2), (1, -2), (-1, 5)]),
    (f_while, [(0,), (4,)]),
    (f_while_break, [(3,), (100,)]),
    (f_while_continue, [(9,)]),
    (f_for_range, [(5,)]),
    (f_ternary, [(1,), (0,), (-1,)]),
    (f_globals, [(2,)]),
    (f_default, [(0,)]),
]


@pytest.mark.parametrize("fn,cases", EAGER_TABLE, ids=[f.__name__ for f, _ in EAGER_TABLE])
def test_converted_matches_python_on_eager_tensors(fn, cases):
    converted = tf.autograph.to_graph(fn)
    for args in cases:
        tensors = tuple(tf.constant(a) for a in args)
        assert _value(converted(*tensors)) == _value(fn(*tensors)), args


def test_tensor_loops_convert_their_state_to_tensors():
    out = tf.autograph.to_graph(f_while)(tf.constant(4))
    assert isinstance(out, tf.Tensor) and out.numpy() == 10
    # a Python loop over Python values keeps Python values
    assert tf.autograph.to_graph(f_while)(4) == 10


def test_for_over_tensor_rows_and_tf_range():
    def f(m):
        acc = tf.zeros([2])
        for row in m:
            acc += row
        return acc
    out = tf.autograph.to_graph(f)(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    assert out.numpy().tolist() == [4.0, 6.0]

    def g(n):
        s = 0
        for i in tf.range(n):
            if i == 3:
                break
            s += i
        return s
    assert tf.autograph.to_graph(g)(tf.constant(10)).numpy() == 3


def test_closures_and_nonlocal_share_cells_with_the_original():
    step = f_closure_factory(2)
    c = tf.autograph.to_graph(step)
    assert [c(5), c(1)] == [step(5), step(1)] == [3, 3]
    bump = f_nonlocal_factory()
    c = tf.autograph.to_graph(bump)
    assert c(3) == 3
    assert bump(1) == 4  # the converted function wrote the original's cell
    assert c(10) == 6


def test_methods_self_and_super():
    class Base:
        def scale(self, x):
            return x * 2

    class Child(Base):
        def __init__(self):
            self.calls = 0

        def scale(self, x):
            self.calls += 1
            if x > 0:
                return super().scale(x) + 1
            return 0

    c = Child()
    converted = tf.autograph.to_graph(c.scale)
    assert converted(3) == 7 and converted(-1) == 0 and c.calls == 2


def test_callable_object_and_partial():
    class Reflect:
        def __call__(self, x, lo):
            if x < lo:
                x = 2 * lo - x
            return x
    assert tf.autograph.to_graph(Reflect())(-5, 0) == 5
    p = functools.partial(f_default, k=10)
    assert tf.autograph.to_graph(p)(1) == f_default(1, k=10)


def test_decorated_function_is_converted_without_its_decorator():
    calls = []

    def deco(fn):
        calls.append(fn.__name__)
        return fn

    @deco
    def f(x):
        if x > 1:
            x = x - 1
        return x
    assert tf.autograph.to_graph(f)(tf.constant(5)).numpy() == 4
    assert calls == ["f"]  # the decorator ran once, at definition; not again


def test_lambda_entity():
    f = lambda x: x * 2 if x > 0 else -x
    c = tf.autograph.to_graph(f)
    assert c(3) == 6 and c(-2) == 2
    assert c(tf.constant(-1.5)).numpy() == 1.5


def test_two_lambdas_on_one_line_cannot_be_told_apart():
    fs = [lambda x: x + 1, lambda x: x + 2]
    with pytest.raises(tf.autograph.ConversionError):
        tf.autograph.to_graph(fs[0])
    # tf.function / convert fall back to running it as it is
    assert impl.convert(fs[1]) is fs[1]


def test_generators_are_rejected():
    def gen(n):
        yield from range(n)
    with pytest.raises(NotImplementedError, match="generators are not supported"):
        tf.autograph.to_graph(gen)

    def uses(n):
        return sum(v for v in gen(n))
    assert tf.autograph.to_graph(uses)(4) == 6


def test_no_source_raises_conversion_error_and_convert_falls_back():
    module = compile("def nosrc(x):\n    return x + 1\n", "<nofile>", "exec")
    nosrc = types.FunctionType(module.co_consts[0], {})
    with pytest.raises(tf.autograph.ConversionError, match="source code"):
        tf.autograph.to_graph(nosrc)
    assert impl.convert(nosrc) is nosrc


def test_else_clauses_of_loops_are_unsupported():
    def f(xs):
        for x in xs:
            if x:
                break
        else:
            return 1
    with pytest.raises(NotImplementedError, match="for/else"):
        tf.autograph.to_graph(f)


def test_library_functions_are_not_converted():
    assert impl.is_allowlisted(np.sum)
    assert impl.is_allowlisted(tf.reduce_sum)
    assert impl.is_allowlisted(inspect.getsource)
    assert impl.is_allowlisted(functools.reduce)
    assert not impl.is_allowlisted(f_if)
    assert impl.convert(tf.reduce_sum) is tf.reduce_sum


def test_do_not_convert():
    @tf.autograph.experimental.do_not_convert
    def raw(x):
        if x > 0:  # would be converted otherwise
            return 1
        return 0
    assert impl.is_allowlisted(raw)

    def g(x):
        return raw(x)
    assert tf.autograph.to_graph(g)(tf.constant(3)) == 1


def test_compiled_once_per_code_object():
    impl._cache.clear()
    steps = [f_closure_factory(k) for k in range(3)]
    results = [tf.autograph.to_graph(s)(10) for s in steps]
    assert results == [10, 9, 8]
    assert sum(1 for (code, _) in impl._cache if code is steps[0].__code__) == 1


def test_recursive_false_leaves_callees_alone():
    def callee(x):
        if x > 0:
            return 1
        return 0
    seen = []

    def caller(x):
        seen.append(type(callee).__name__)
        return callee(x)
    assert tf.autograph.to_graph(caller, recursive=False)(tf.constant(2)) == 1


def test_to_code_is_readable_python():
    code = tf.autograph.to_code(f_while_break)
    assert code.startswith("def tf__f_while_break(n):")
    assert "ag__.while_stmt(" in code and "break_ = True" in code and "ag__.if_stmt(" in code
    compile(code, "<to_code>", "exec")


def test_state_names_are_the_live_modified_variables():
    code = tf.autograph.to_code(f_while)
    # s and n are modified; n is read by the test (live in), s is used after the loop.
    assert "('s', 'n')" in code
    code = tf.autograph.to_code(f_nested_loops)
    # j is reset before the inner loop: it is not state of the outer loop
    outer = next(line for line in code.splitlines() if "ag__.for_stmt(" in line)
    assert "('s',)" in outer


def test_assert_feature():
    f = tf.autograph.to_graph(
        f_assert,
        experimental_optional_features=tf.autograph.experimental.Feature.ASSERT_STATEMENTS)
    assert f(tf.constant(2)).numpy() == 2
    with pytest.raises(tf.errors.InvalidArgumentError, match="negative"):
        f(tf.constant(-2))
    with pytest.raises(AssertionError, match="negative"):
        f(-2)
    with pytest.raises(AssertionError):
        tf.autograph.to_graph(f_assert)(-1)


def test_undefined_variable_errors():
    def f(x):
        if x > 0:
            y = 1
        return y
    with pytest.raises(UnboundLocalError, match="'y' is used before assignment"):
        tf.autograph.to_graph(f)(-1)
    with pytest.raises(ValueError, match="must also be initialized in the else branch"):
        tf.autograph.to_graph(f)(tf.constant(-1))


def test_loop_dtype_change_error():
    def f(n):
        s = 0
        while n > 0:
            n -= 1
            s = s + 0.5
        return s
    with pytest.raises(TypeError, match="'s' has dtype int32 before the loop"):
        tf.autograph.to_graph(f)(tf.constant(2))


def test_trace_and_set_verbosity(capsys):
    def f(x):
        tf.autograph.trace("value", x)
        return x
    tf.autograph.to_graph(f)(3)
    assert capsys.readouterr().out == "value 3\n"
    tf.autograph.set_verbosity(0)


def test_tf_function_runs_the_converted_function():
    @tf.function
    def f(x):
        s = 0
        for i in tf.range(x):
            s += i
        return s
    out = f(tf.constant(4))
    assert isinstance(out, tf.Tensor) and out.numpy() == 6  # state of a tensor loop: a tensor

    @tf.function(autograph=False)
    def g(x):
        s = 0
        for i in tf.range(x):  # a Python loop over a graph tensor: TF's error
            s += i
        return s
    with pytest.raises(tf.errors.OperatorNotAllowedInGraphError):
        g(tf.constant(4))


# -- dispatch for symbolic (graph) tensors ---------------------------------------------------------

class FakeSymbolic:
    """A stand-in for a graph tensor: declares itself symbolic, refuses `bool()` as graph tensors
    do, and carries a value so the recorded functional ops can be emulated."""

    _tf_symbolic = True

    def __init__(self, value, shape=()):
        self.value = value
        self.shape = tf.TensorShape(shape)

    @property
    def dtype(self):
        if isinstance(self.value, bool):
            return tf.bool
        return tf.int32 if isinstance(self.value, int) else tf.float32

    def __bool__(self):
        raise tf.errors.OperatorNotAllowedInGraphError(
            "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed.")

    def _op(op):
        def method(self, other):
            other = other.value if isinstance(other, FakeSymbolic) else other
            return FakeSymbolic(op(self.value, other))
        return method

    __add__ = _op(lambda a, b: a + b)
    __radd__ = _op(lambda a, b: b + a)
    __sub__ = _op(lambda a, b: a - b)
    __mul__ = _op(lambda a, b: a * b)
    __lt__ = _op(lambda a, b: a < b)
    __gt__ = _op(lambda a, b: a > b)
    __mod__ = _op(lambda a, b: a % b)
    __eq__ = _op(lambda a, b: a == b)
    __hash__ = object.__hash__

    def __getitem__(self, i):
        return FakeSymbolic(self.value[i])

    def __len__(self):
        raise tf.errors.OperatorNotAllowedInGraphError("len of a symbolic tensor")

    def __repr__(self):
        return f"FakeSymbolic({self.value!r})"


@pytest.fixture
def graph_ops(monkeypatch):
    """Records the functional ops converted code reaches and emulates them the way tracing
    would (both cond branches are traced)."""
    calls = []

    def graph_cond(pred, true_fn, false_fn, name=None):
        t, f = true_fn(), false_fn()
        calls.append(("cond", pred, t, f))
        return t if pred.value else f

    def graph_while(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
                    maximum_iterations=None, name=None):
        calls.append(("while_loop", tuple(loop_vars), maximum_iterations))
        n = 0
        while (maximum_iterations is None or n < maximum_iterations) and \
                _as_bool(cond(*loop_vars)):
            loop_vars = body(*loop_vars)
            n += 1
        return loop_vars

    monkeypatch.setattr(control_flow, "_graph_cond", graph_cond)
    monkeypatch.setattr(control_flow, "_graph_while_loop", graph_while)
    return calls


def _as_bool(x):
    return x.value if isinstance(x, FakeSymbolic) else bool(x)


def test_is_symbolic_is_false_for_eager_values():
    for v in [1, 2.0, None, "s", tf.constant(1.0), tf.Variable(1.0), np.float32(1), [1]]:
        assert not _dispatch.is_symbolic(v)
    assert _dispatch.is_symbolic(FakeSymbolic(1))


def test_symbolic_if_dispatches_to_cond_with_both_branches(graph_ops):
    def f(x):
        if x > 0:
            z = 10
            y = z - 9
        else:
            z = 20
            y = z - 21
        return y
    assert tf.autograph.to_graph(f)(FakeSymbolic(3)) == 1
    (kind, pred, t, fals), = graph_ops
    assert kind == "cond" and pred.value is True
    # z is not live after the statement: only y is an output of the branches
    assert t == (1,) and fals == (-1,)


def test_symbolic_if_keeps_unused_inputs_out_of_the_outputs(graph_ops):
    def f(x, a):
        if x > 0:
            a = a + 1
        return x
    tf.autograph.to_graph(f)(FakeSymbolic(1), 5)
    (_, _, t, fals), = graph_ops
    assert t == (0,) and fals == (0,)  # no outputs: TF's dummy output


def test_symbolic_while_dispatches_with_loop_vars(graph_ops):
    def f(x):
        y = 0
        while x > 0:
            x = x - 1
            y = y + 2
        return y
    out = tf.autograph.to_graph(f)(FakeSymbolic(3))
    assert out == 6
    (kind, loop_vars, max_iter), = graph_ops
    assert kind == "while_loop" and max_iter is None
    # outputs first (y is live after the loop), then inputs only (x is read by the test)
    assert [getattr(v, "value", v) for v in loop_vars] == [0, 3]


def test_symbolic_while_maximum_iterations_from_set_loop_options(graph_ops):
    def f(x):
        i = 0
        while x > 0:
            tf.autograph.experimental.set_loop_options(maximum_iterations=2)
            x = x - 1
            i = i + 1
        return i
    assert tf.autograph.to_graph(f)(FakeSymbolic(5)) == 2
    assert graph_ops[0][2] == 2


def test_symbolic_break_is_part_of_the_loop_state(graph_ops):
    def f(x):
        i = 0
        while i < x:
            if i > 5:
                break
            i = i + 1
        return i
    out = tf.autograph.to_graph(f)(FakeSymbolic(3))
    assert out == 3
    (kind, loop_vars, _), = graph_ops
    assert kind == "while_loop"
    assert loop_vars == (0, False)  # (i: an output, break_: read by the loop test only)


def test_return_in_one_branch_of_a_tensor_if_is_an_error():
    with pytest.raises(ValueError, match="else branch must also have a return statement"):
        tf.autograph.to_graph(f_globals)(tf.constant(-2))


def test_symbolic_for_over_tensor_uses_while_with_maximum_iterations(graph_ops):
    def f(xs):
        s = 0
        for v in xs:
            s = s + v
        return s
    xs = FakeSymbolic([1, 2, 3], shape=(3,))
    out = tf.autograph.to_graph(f)(xs)
    assert out.value == 6
    (kind, loop_vars, max_iter), = graph_ops
    assert kind == "while_loop" and max_iter == 3 and loop_vars == (0, 0)  # (index, s)


def test_symbolic_logical_and_ternary_use_cond(graph_ops):
    def f(x):
        a = x > 0 and x < 10
        b = 1 if x > 5 else 2
        return a, b
    a, b = tf.autograph.to_graph(f)(FakeSymbolic(7))
    assert a.value is True and b == 1
    assert [c[0] for c in graph_ops] == ["cond", "cond"]


def test_symbolic_values_build_graph_control_flow_ops():
    @tf.function
    def f(x):
        y = tf.cond(x > 0, lambda: x * 2, lambda: -x)
        (i,) = tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), [tf.constant(0)])
        z = tf.switch_case(i - 2, [lambda: y, lambda: y + 1.0])
        tf.print(z, output_stream=sys.stdout)
        return z
    types = [op.type for op in f.get_concrete_function(tf.constant(1.0)).graph.get_operations()]
    assert "StatelessIf" in types and "StatelessWhile" in types and "StatelessCase" in types
    assert "PrintV2" in types
    assert float(f(tf.constant(1.0))) == 3.0


def test_python_bool_of_symbolic_is_the_graph_error():
    def f(x):
        if x > 0:
            return 1
        return 0
    with pytest.raises(tf.errors.OperatorNotAllowedInGraphError):
        f(FakeSymbolic(1))  # unconverted code, as with autograph=False
    assert issubclass(tf.errors.OperatorNotAllowedInGraphError, TypeError)


# -- datasets (duck-typed) -------------------------------------------------------------------------

class ListDataset:
    """A minimal dataset: `element_spec` and `__iter__`."""

    def __init__(self, items):
        self.items = items
        self.element_spec = tf.TensorSpec([], tf.int32)

    def __iter__(self):
        return iter(tf.constant(v) for v in self.items)


def test_for_over_dataset_with_break():
    def f(ds):
        s = 0
        for v in ds:
            if v > 3:
                break
            s += v
        return s
    out = tf.autograph.to_graph(f)(ListDataset([1, 2, 3, 4, 5]))
    assert isinstance(out, tf.Tensor) and out.numpy() == 6

    def g(ds):
        n = 0
        for _ in ds:
            n += 1
        return n
    assert tf.autograph.to_graph(g)(ListDataset([])).numpy() == 0


# -- more constructs ----------------------------------------------------------------------------

def g_loop_closures(n):
    fns = []
    for i in range(n):
        fns.append(lambda i=i: i * i)
    return [f() for f in fns]


def g_star_target(rows):
    out = []
    for head, *rest in rows:
        if not rest:
            continue
        out.append(head + sum(rest))
    return out


def g_subscript_and_attribute_state(n):
    class Box:
        pass
    box = Box()
    box.total = 0
    counts = {"even": 0, "odd": 0}
    for i in range(n):
        if i % 2 == 0:
            counts["even"] += 1
        else:
            counts["odd"] += 1
        box.total += i
    return counts, box.total


def g_chained_compare(x):
    if 0 < x < 10 and not x >= 5:
        return "small"
    return "other"


def g_try_in_loop(xs):
    ok = 0
    for x in xs:
        try:
            if 10 / x > 2:
                ok += 1
        except ZeroDivisionError:
            continue
    return ok


def g_while_true_break(n):
    i = 0
    while True:
        i += 1
        if i >= n:
            break
    return i


def g_nested_break_continue(m):
    found = []
    for row in m:
        for v in row:
            if v < 0:
                break
            if v == 0:
                continue
            found.append(v)
        else_marker = len(found)
        if else_marker > 4:
            break
    return found


def g_return_in_with(x):
    import contextlib
    with contextlib.nullcontext():
        if x > 0:
            return "inside"
    return "after"


def g_return_in_nested_loops(m):
    for i, row in enumerate(m):
        for j, v in enumerate(row):
            if v == 7:
                return i, j
    return None


def g_class_in_function(x):
    class Local:
        def __init__(self, v):
            self.v = v

        def double(self):
            if self.v > 0:
                return self.v * 2
            return 0
    return Local(x).double()


def g_nested_lambda(xs):
    key = lambda v: -v if v % 2 else v
    return sorted(xs, key=key)


def g_generator_expression(n):
    return any(i > 3 for i in range(n)), all(i < 10 for i in range(n))


def g_boolean_values(a, b, c):
    return a or b and c, (a and b) or c, not (a or b)


def g_reassign_param_in_loop(x, n):
    for _ in range(n):
        x = x * 2 if x < 100 else x
    return x


class _Holder:
    factor = 3

    def method(self, x):
        while x < 50:
            x *= self.factor
        return x

    @staticmethod
    def static(x):
        return x + 1 if x > 0 else x - 1

    @classmethod
    def klass(cls, x):
        for _ in range(2):
            x *= cls.factor
        return x


MORE_PY_TABLE = [
    (g_loop_closures, [(4,)]),
    (g_star_target, [([(1, 2, 3), (4,), (5, 6)],)]),
    (g_subscript_and_attribute_state, [(5,)]),
    (g_chained_compare, [(3,), (5,), (20,)]),
    (g_try_in_loop, [([1, 0, 2, 8, 0],)]),
    (g_while_true_break, [(4,)]),
    (g_nested_break_continue, [([[1, 0, 2, -1, 5], [3, 4, 5], [6, 7]],)]),
    (g_return_in_with, [(1,), (-1,)]),
    (g_return_in_nested_loops, [([[1, 2], [3, 7]],), ([[1]],)]),
    (g_class_in_function, [(3,), (-3,)]),
    (g_nested_lambda, [([3, 1, 2, 4],)]),
    (g_generator_expression, [(5,), (2,)]),
    (g_boolean_values, [(0, 1, 2), (3, 0, 0), (0, 0, 0)]),
    (g_reassign_param_in_loop, [(3, 10)]),
    (_Holder().method, [(2,)]),
    (_Holder.static, [(2,), (-2,)]),
    (_Holder.klass, [(2,)]),
]


@pytest.mark.parametrize("fn,cases", MORE_PY_TABLE,
                         ids=[getattr(f, "__name__", str(f)) for f, _ in MORE_PY_TABLE])
def test_more_constructs_match_python(fn, cases):
    converted = tf.autograph.to_graph(fn)
    for args in cases:
        assert _value(converted(*args)) == _value(fn(*args)), args


MORE_EAGER_TABLE = [
    (g_while_true_break, [(4,)]),
    (g_reassign_param_in_loop, [(3, 10)]),
    (_Holder().method, [(2,)]),
    (_Holder.static, [(2,), (-2,)]),
]


@pytest.mark.parametrize("fn,cases", MORE_EAGER_TABLE,
                         ids=[getattr(f, "__name__", str(f)) for f, _ in MORE_EAGER_TABLE])
def test_more_constructs_on_eager_tensors(fn, cases):
    converted = tf.autograph.to_graph(fn)
    for args in cases:
        tensors = tuple(tf.constant(a) for a in args)
        assert _value(converted(*tensors)) == _value(fn(*tensors)), args
