"""The primitive registry: every primitive is one complete record, and its facts hold.

* completeness: each registered primitive declares a forward, a shape rule, a batch rule, its
  allowed dtypes, and a gradient and JVP (or `linear` / `nondiff`);
* shape rules: while every row of the gradient table runs (forward and backward, so the rules'
  own ops are covered too), each primitive's shape rule, given its inputs' avals, must predict
  the outputs' shapes and dtypes exactly; and with the leading dimension of every input unknown
  (None), it must predict a compatible shape;
* batch rules: each row, vmapped over a batch of two draws, equals the row run per example, and
  no op falls back to the per-example loop (no batch rule, or the generic `loop` rule).

The rows are those of the main gradient table (`test_gradients.py`) and of the special-function,
segment and indexing tables (`test_ops_math_linalg.py`, plus rows for its non-differentiable ops).
"""
import numpy as np
import pytest
import test_ops_math_linalg
import test_ops_nn
from test_gradients import IDS, ROWS, draw_args
from test_ops_math_linalg import (
    INDEXING_ROWS,
    REGISTRY_ONLY_ROWS,
    SEGMENT_ROWS,
    SPECIAL_ROWS,
)

import tapeflow as tf
import tapeflow.prims
from tapeflow.framework import op as op_module
from tapeflow.framework.tensor import AbstractArray
from tapeflow.prims import base as P
from tapeflow.prims import conv as PC
from tapeflow.prims import linalg as PL
from tapeflow.prims import nn as PN

# (id, fn, arrays) for the table rows of special, segment and indexing ops
MATH_ROWS = [(name, fn, [np.asarray(a) for a in args])
             for name, fn, args in SPECIAL_ROWS + SEGMENT_ROWS + INDEXING_ROWS + REGISTRY_ONLY_ROWS]
MATH_IDS = [r[0] for r in MATH_ROWS]


@pytest.mark.parametrize("module", ["base", "math", "array", "special", "segment", "indexing"])
def test_every_primitive_of_the_primitive_layer_is_complete(module):
    import importlib
    mod = importlib.import_module(f"tapeflow.prims.{module}")
    records = {v.name: v for v in vars(mod).values() if isinstance(v, op_module.Primitive)}
    assert records
    incomplete = {name: op.missing() for name, op in sorted(records.items()) if op.missing()}
    assert not incomplete, incomplete


def test_every_primitive_is_complete():
    incomplete = {name: op.missing() for name, op in sorted(op_module.REGISTRY.items())
                  if op.missing() and not name.endswith("ForDocs")}
    assert not incomplete, "incomplete primitive records:\n" + "\n".join(
        f"  {name}: {', '.join(m)}" for name, m in incomplete.items())


def test_unstack_and_split_are_single_registered_ops():
    @tf.RegisterGradient("UnpackForRegistryTest")
    def _unused(op, *grads):
        return None
    assert op_module.REGISTRY["Unpack"].outputs_for({"num": 3, "axis": 0}) == 3
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        a, b, c = tf.unstack(x)
        y = a * 1.0 + b * 2.0 + c * 3.0
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [[1, 1], [2, 2], [3, 3]])


def test_register_gradient_reaches_unpack():
    op = op_module.REGISTRY["Unpack"]
    saved = op.grad
    calls = []
    try:
        op.grad = None
        from tapeflow.framework import custom_gradient
        custom_gradient._custom_registry.pop("Unpack", None)

        @tf.RegisterGradient("Unpack")
        def _unpack_grad(node, *grads):
            calls.append(len(grads))
            return saved(node, *grads)
        x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        with tf.GradientTape() as tape:
            tape.watch(x)
            a, b = tf.unstack(x)
            y = tf.reduce_sum(a * b)
        np.testing.assert_allclose(tape.gradient(y, x).numpy(), [[3, 4], [1, 2]])
        assert calls == [2]
    finally:
        op.grad = saved
        custom_gradient._custom_registry.pop("Unpack", None)


class ShapeChecker(op_module.Recorder):
    """Checks each op's shape rule against what the op produced."""

    def __init__(self):
        self.failures = []
        self.seen = set()

    def record(self, op, inputs, outputs, attrs):
        if op.shape is None or op.name.startswith("CustomGradient"):
            return
        self.seen.add(op.name)
        avals = [AbstractArray(x._value.shape, x._value.dtype) for x in inputs]
        try:
            out = op.shape(*avals, **attrs)
        except Exception as e:
            self.failures.append(f"{op.name}: shape rule raised {type(e).__name__}: {e}")
            return
        outs = out if op.multi else (out,)
        if len(outs) != len(outputs):
            self.failures.append(f"{op.name}: {len(outs)} avals for {len(outputs)} outputs")
            return
        for a, o in zip(outs, outputs):
            v = o._value
            if tuple(a.shape) != tuple(v.shape) or np.dtype(a.dtype) != v.dtype:
                self.failures.append(f"{op.name}{[tuple(x.shape) for x in avals]} {attrs}: rule "
                                     f"says {a}, op gave {v.shape} {v.dtype}")
        # with the leading dimension of every input unknown, the rule must stay compatible
        unknown = [AbstractArray((None,) + tuple(x.shape[1:]), x.dtype) if x.shape else x
                   for x in avals]
        if any(x.shape for x in avals):
            try:
                out = op.shape(*unknown, **attrs)
            except Exception as e:
                self.failures.append(f"{op.name}: shape rule with an unknown dimension raised "
                                     f"{type(e).__name__}: {e}")
                return
            for a, o in zip(out if op.multi else (out,), outputs):
                if len(a.shape) != o._value.ndim or any(
                        d is not None and d != e for d, e in zip(a.shape, o._value.shape)):
                    self.failures.append(f"{op.name}: with unknown dims the rule says {a}, op gave "
                                         f"{o._value.shape}")


def check_shape_rules(fn, arrays):
    """Runs fn (forward, and backward where its outputs are floating) under a ShapeChecker."""
    args = [tf.constant(a) for a in arrays]
    checker = ShapeChecker()
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(args)
        checker.push()
        try:
            out = fn(*args)
            outs = out if isinstance(out, (list, tuple)) else [out]
            floating = [tf.reduce_sum(o) for o in outs if o.dtype.is_floating]
            if floating:
                tape.gradient(tf.add_n(floating), args)
        finally:
            checker.pop()
    assert not checker.failures, "\n".join(checker.failures[:10])
    return checker.seen


@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_shape_rules_predict_outputs(r):
    check_shape_rules(r.fn, draw_args(r))


@pytest.mark.parametrize("name,fn,arrays", MATH_ROWS, ids=MATH_IDS)
def test_shape_rules_predict_outputs_special_segment_indexing(name, fn, arrays):
    check_shape_rules(fn, arrays)


def _primitives_of(module):
    import importlib
    mod = importlib.import_module(f"tapeflow.prims.{module}")
    return {v.name for v in vars(mod).values() if isinstance(v, op_module.Primitive)}


def test_the_tables_exercise_every_special_segment_and_indexing_primitive():
    seen = set()
    for _, fn, arrays in MATH_ROWS:
        seen |= check_shape_rules(fn, arrays)
    mine = _primitives_of("special") | _primitives_of("segment") | _primitives_of("indexing")
    assert not mine - seen, f"primitives no table row runs: {sorted(mine - seen)}"


def _vmap_rows():
    for r in ROWS:
        if any(0 in np.shape(a) for a in draw_args(r)):
            continue  # empty inputs: nothing to batch
        yield r


VMAP_ROWS = list(_vmap_rows())


def check_batch_rules(fn, first, monkeypatch):
    """vmap(fn) over two examples equals fn per example, and no op falls back to the loop."""
    from tapeflow.autodiff import vmap
    from tapeflow.framework import batching
    from tapeflow.prims import base as prims_base
    looped = []
    original, original_loop = batching.Batcher.process, prims_base.loop

    def process(self, op, inputs, attrs):
        if op.batch is None or op.batch is original_loop:
            looped.append(op.name)
        return original(self, op, inputs, attrs)

    def loop(op, args, dims, attrs):  # a rule falling back to the loop (only_first_batched)
        looped.append(op.name)
        return original_loop(op, args, dims, attrs)
    monkeypatch.setattr(batching.Batcher, "process", process)
    monkeypatch.setattr(prims_base, "loop", loop)
    second = [a * 0.9 + 0.05 * np.sign(a) if np.ndim(a) else a * 0.9 for a in first]
    batched = [tf.constant(np.stack([a, b])) for a, b in zip(first, second)]

    def f(*xs):
        out = fn(*xs)
        return list(out) if isinstance(out, (list, tuple)) else out
    got = vmap(f)(*batched)
    want = [f(*[tf.constant(a) for a in ex]) for ex in (first, second)]
    got = got if isinstance(got, list) else [got]
    want = [w if isinstance(w, list) else [w] for w in want]
    for k, g in enumerate(got):
        expected = np.stack([np.asarray(w[k]) for w in want])
        np.testing.assert_allclose(np.asarray(g), expected, rtol=1e-9, atol=1e-12)
    assert looped == [], f"ops that ran per example: {sorted(set(looped))}"


@pytest.mark.parametrize("r", VMAP_ROWS, ids=[r.id for r in VMAP_ROWS])
def test_batch_rules_match_per_example_results(r, monkeypatch):
    check_batch_rules(r.fn, draw_args(r), monkeypatch)


@pytest.mark.parametrize("name,fn,arrays", MATH_ROWS, ids=MATH_IDS)
def test_batch_rules_match_per_example_results_special_segment_indexing(name, fn, arrays,
                                                                         monkeypatch):
    check_batch_rules(fn, arrays, monkeypatch)


class _PublicAPIUsed(AssertionError):
    pass


def _forbid(name):
    def call(*args, **kwargs):
        raise _PublicAPIUsed(f"a gradient rule called the public API: {name}")
    return call


_TENSOR_OPERATORS = ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
                     "__truediv__", "__rtruediv__", "__neg__", "__pow__", "__rpow__", "__matmul__",
                     "__getitem__", "__abs__", "__lt__", "__le__", "__gt__", "__ge__")


def public_api_forbidden(monkeypatch):
    """Makes Tensor operators and every public op function raise (for rules, which must call
    the primitive layer's binders)."""
    import importlib
    import inspect

    from tapeflow.framework.tensor import Tensor
    for dunder in _TENSOR_OPERATORS:
        if hasattr(Tensor, dunder):
            monkeypatch.setattr(Tensor, dunder, _forbid(f"Tensor.{dunder}"))
    for mod_name in ("array_ops", "math_ops", "special_math_ops", "segment_ops", "indexing_ops"):
        mod = importlib.import_module(f"tapeflow.ops.{mod_name}")
        for attr, value in list(vars(mod).items()):
            if inspect.isfunction(value) and value.__module__ == mod.__name__:
                monkeypatch.setattr(mod, attr, _forbid(f"{mod_name}.{attr}"))


@pytest.mark.parametrize("name,fn,arrays", MATH_ROWS, ids=MATH_IDS)
def test_gradient_rules_call_only_the_primitive_layer(name, fn, arrays, monkeypatch):
    args = [tf.constant(a) for a in arrays]
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(args)
        out = fn(*args)
        outs = out if isinstance(out, (list, tuple)) else [out]
        floating = [tf.reduce_sum(o) for o in outs if o.dtype.is_floating]
        total = tf.add_n(floating) if floating else None
    if total is None:
        return
    with monkeypatch.context() as patch:
        public_api_forbidden(patch)
        tape.gradient(total, args)


class _Collector(op_module.Recorder):
    def __init__(self):
        self.nodes = []

    def record(self, op, inputs, outputs, attrs):
        self.nodes.append((op, tuple(inputs), tuple(outputs), dict(attrs)))


@pytest.mark.parametrize("name,fn,arrays", MATH_ROWS, ids=MATH_IDS)
def test_jvp_and_batch_rules_call_only_the_primitive_layer(name, fn, arrays, monkeypatch):
    from tapeflow.framework.op import Node
    from tapeflow.framework.tensor import wrap
    from tapeflow.prims import base as prims_base
    collector = _Collector()
    args = [tf.constant(a) for a in arrays]
    collector.push()
    try:
        fn(*args)
    finally:
        collector.pop()
    rng = np.random.default_rng(0)
    with monkeypatch.context() as patch:
        public_api_forbidden(patch)
        for op, inputs, outputs, attrs in collector.nodes:
            floating = any(o._value.dtype.kind in "fc" for o in outputs)
            tangents = [wrap(rng.standard_normal(x._value.shape).astype(x._value.dtype)[()])
                        if x._value.dtype.kind in "fc" else None for x in inputs]
            if op.jvp is not None and not op.nondiff and floating and any(
                    d is not None for d in tangents):
                try:
                    op.jvp(Node(op, inputs, outputs, attrs), *tangents)
                except LookupError:  # the op has no derivative (as in TF)
                    pass
            if op.batch is not None:
                batched = [prims_base.stack([x, x], 0) for x in inputs]
                op.batch(op, batched, [0] * len(inputs), attrs)


# ============================================================================================
# The nn, conv and linalg primitives (tapeflow.prims.nn, .conv, .linalg), over the rows of
# their own gradient tables (tests/test_ops_nn.py, the linalg rows of
# tests/test_ops_math_linalg.py) and the nn rows of tests/test_gradients.py. These run deeper:
# the shape rules see forward, first- and second-order reverse and forward mode; vmap maps a
# function returning the row's outputs with their first- and second-order per-example
# gradients, so the batch rules of the gradient primitives (ReluGrad, Conv2DBackpropInput,
# MaxPoolGradGrad, ...) run too.
# ============================================================================================


def _module_primitives():
    found = set()
    for module in (PN, PC, PL):
        for value in vars(module).values():
            if isinstance(value, op_module.Primitive):
                found.add(value.name)
            elif isinstance(value, PC.ConvFamily):
                found |= {value.forward.name, value.backprop_input.name, value.backprop_filter.name}
    return found


NN_LINALG_PRIMITIVES = _module_primitives()
_NN_ROW_PREFIXES = ("relu-", "softmax", "log_softmax", "math.softmax", "sparse_softmax",
                    "composite-mlp")


class TableRow:
    def __init__(self, id, fn, arrays):
        self.id, self.fn, self.arrays = id, fn, arrays

    def __repr__(self):
        return self.id


def _table_rows():
    rows = []
    for p in test_ops_nn.ROWS:
        fn, draws, _ = p.values
        rng = test_ops_nn._rng(p.id)  # the draws test_ops_nn itself makes
        rows.append(TableRow("nn/" + p.id, fn, [np.asarray(d(rng)) for d in draws]))
    for name, fn, arrays in test_ops_math_linalg.LINALG_ROWS:
        rows.append(TableRow("linalg/" + name, fn, [np.asarray(a) for a in arrays]))
    for r in ROWS:
        if r.id.startswith(_NN_ROW_PREFIXES):
            rows.append(TableRow("gradients/" + r.id, r.fn, draw_args(r)))
    return rows


TABLE_ROWS = _table_rows()
# rows whose function reads tensor values (expm picks its Pade order and squarings from the
# matrix norm), so vmap runs them once per example
VALUE_DEPENDENT = {"linalg/expm_small", "linalg/expm_squaring"}
_SEEN_BY_SHAPE_RULES = set()
_SEEN_BY_BATCH_RULES = set()


def _floats(out):
    outs = out if isinstance(out, (list, tuple)) else [out]
    return [o for o in outs if o.dtype.is_floating]


def _run_all_modes(fn, args):
    """The row's function, its first and second derivatives (reverse mode) and a JVP."""
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(args)
        with tf.GradientTape(persistent=True) as inner:
            inner.watch(args)
            total = tf.add_n([tf.reduce_sum(o * o) for o in _floats(fn(*args))])
        grads = [tf.convert_to_tensor(g) for g in inner.gradient(total, args) if g is not None]
        second = tf.add_n([tf.reduce_sum(g * g) for g in grads]) if grads else None
    if second is not None:
        outer.gradient(second, args)
    with tf.autodiff.ForwardAccumulator(args, [tf.ones_like(a) for a in args]) as acc:
        out = _floats(fn(*args))
    for o in out:
        acc.jvp(o)


@pytest.mark.parametrize("r", TABLE_ROWS, ids=[r.id for r in TABLE_ROWS])
def test_nn_linalg_shape_rules_predict_outputs(r):
    args = [tf.constant(a) for a in r.arrays]
    checker = ShapeChecker()
    checker.push()
    try:
        _run_all_modes(r.fn, args)
    finally:
        checker.pop()
    _SEEN_BY_SHAPE_RULES.update(checker.seen)
    assert not checker.failures, "\n".join(checker.failures[:10])


def _with_gradients(fn):
    """f's floating outputs, their gradient and the gradient of the gradient's squared norm."""
    def g(*xs):
        xs = list(xs)
        with tf.GradientTape(persistent=True) as outer:
            outer.watch(xs)
            with tf.GradientTape() as inner:
                inner.watch(xs)
                outs = _floats(fn(*xs))
                total = tf.add_n([tf.reduce_sum(o * o) for o in outs])
            grads = [None if d is None else tf.convert_to_tensor(d)
                     for d in inner.gradient(total, xs)]
            second = tf.add_n([tf.reduce_sum(d * d) for d in grads if d is not None])
        hess = outer.gradient(second, xs)
        return outs + [tf.convert_to_tensor(d) for d in grads + list(hess) if d is not None]
    return g


class _BatchWatch(op_module.Recorder):
    """Sees which ops vmap's Batcher ran (the Batcher steps itself off the stack while a rule
    runs, so an observer below it sees the batched ops; one above it sees the per-example
    ones). Used above the Batcher: the names of the ops the mapped function applied."""

    def __init__(self):
        self.names = set()

    def record(self, op, inputs, outputs, attrs):
        self.names.add(op.name)


def _batch_cases():
    """(row, in_axes): every argument batched, and for several arguments each one alone batched
    (the others shared), so each batch rule meets each combination of batched inputs.
    Dropout rows are left out: under vmap each example draws its own mask, as it should, so a
    vmapped draw is not the draw of a fresh per-example run."""
    cases = []
    for r in TABLE_ROWS:
        if r.id.startswith("nn/dropout"):
            continue
        n = len(r.arrays)
        cases.append(pytest.param(r, (0,) * n, id=r.id))
        if n > 1:
            for k in range(n):
                axes = tuple(0 if i == k else None for i in range(n))
                cases.append(pytest.param(r, axes, id=f"{r.id}-only{k}"))
    return cases


BATCH_CASES = _batch_cases()


@pytest.mark.parametrize("r,in_axes", BATCH_CASES)
def test_nn_linalg_batch_rules_match_per_example_results(r, in_axes, monkeypatch):
    from tapeflow.autodiff import vmap
    from tapeflow.framework import batching, functional
    looped, batched = [], set()
    run_loop = functional._vmap_loop
    original = batching.Batcher.process
    loop = P.loop

    def process(self, op, inputs, attrs):
        batched.add(op.name)
        if op.batch is None and not op.missing():
            looped.append(op.name)
        return original(self, op, inputs, attrs)

    def counted_loop(op, args, dims, attrs):
        if not op.missing():
            looped.append(op.name)
        return loop(op, args, dims, attrs)
    monkeypatch.setattr(batching.Batcher, "process", process)
    monkeypatch.setattr(P, "loop", counted_loop)
    per_example = []
    monkeypatch.setattr(functional, "_vmap_loop", lambda *a: per_example.append(1) or run_loop(*a))
    first = r.arrays
    second = [a * 0.9 + 0.05 * np.sign(a) if np.ndim(a) else a * 0.9 for a in first]
    second = [b if ax == 0 else a for a, b, ax in zip(first, second, in_axes)]
    f = _with_gradients(r.fn)
    args = [tf.constant(np.stack([a, b])) if ax == 0 else tf.constant(a)
            for a, b, ax in zip(first, second, in_axes)]
    got = vmap(f, in_axes=in_axes)(*args)
    want = [f(*[tf.constant(a) for a in ex]) for ex in (first, second)]
    assert len(got) == len(want[0])
    for k, g in enumerate(got):
        expected = np.stack([np.asarray(w[k]) for w in want])
        np.testing.assert_allclose(np.asarray(g), expected, rtol=1e-8, atol=1e-10)
    _SEEN_BY_BATCH_RULES.update(batched)
    # (an incomplete record of another module loops by design: the completeness test lists it)
    assert looped == [], f"ops that ran once per example: {sorted(set(looped))}"
    assert not per_example or r.id in VALUE_DEPENDENT, "vmap ran the function once per example"


@pytest.mark.parametrize("r", TABLE_ROWS, ids=[r.id for r in TABLE_ROWS])
def test_nn_linalg_batched_cotangents_match_per_row_sweeps(r, monkeypatch):
    """Rules declaring `batched_grad` take a batch of cotangents (a vectorized jacobian) and give
    what one sweep per cotangent gives; when every op on the path declares it, the jacobian
    takes the vectorized sweep."""
    from tapeflow.framework import tape as tape_module
    args = [tf.constant(a) for a in r.arrays]
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(args)
        outs = _floats(r.fn(*args))
    fell_back = []
    original = tape_module.GradientTape._backprop

    def backprop(self, targets, seeds, sources, consume=None, batch_ndim=0):
        try:
            return original(self, targets, seeds, sources, consume, batch_ndim)
        except op_module.NotBatchable as e:
            fell_back.append(str(e))
            raise
    monkeypatch.setattr(tape_module.GradientTape, "_backprop", backprop)
    for y in outs:
        vectorized = tape.jacobian(y, args)
        looped = tape.jacobian(y, args, experimental_use_pfor=False)
        for a, b in zip(vectorized, looped):
            if a is None or b is None:
                assert a is None and b is None
                continue
            np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=1e-10, atol=1e-12)
    declared = all(op_module.REGISTRY[n].batched_grad for n in _ops_of(r.fn, args))
    assert not (declared and fell_back), f"fell back to per-row sweeps: {fell_back}"


def _ops_of(fn, args):
    seen = _BatchWatch()
    with tf.GradientTape() as tape:
        tape.watch(args)
        seen.push()
        try:
            fn(*args)
        finally:
            seen.pop()
    return {n for n in seen.names if n in op_module.REGISTRY}


def test_nn_linalg_rules_call_only_primitive_binders(monkeypatch):
    """While a gradient, JVP or batch rule of prims.nn/conv/linalg runs, no Tensor operator and no
    public op function is called (those convert and re-check dtypes): rules use binders."""
    import functools
    import importlib
    import inspect
    import pkgutil

    import tapeflow.ops as ops_package
    from tapeflow.framework.tensor import Tensor
    depth, calls = [0], set()

    def guarded(fn, what):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            if depth[0]:
                calls.add(what)
            return fn(*args, **kwargs)
        return run

    def inside(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            depth[0] += 1
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
        return run
    for name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
                 "__truediv__", "__rtruediv__", "__neg__", "__matmul__", "__rmatmul__",
                 "__getitem__", "__pow__"):
        monkeypatch.setattr(Tensor, name, guarded(getattr(Tensor, name), name))
    for info in pkgutil.iter_modules(ops_package.__path__):
        module = importlib.import_module(f"tapeflow.ops.{info.name}")
        for key, value in list(vars(module).items()):
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                monkeypatch.setattr(module, key, guarded(value, f"ops.{info.name}.{key}"))
    for name in NN_LINALG_PRIMITIVES:
        prim = op_module.REGISTRY[name]
        for fact in ("grad", "jvp", "batch"):
            if callable(getattr(prim, fact)):
                monkeypatch.setattr(prim, fact, inside(getattr(prim, fact)))
    from tapeflow.autodiff import vmap
    for r in TABLE_ROWS:
        if r.id.startswith("nn/dropout"):
            continue
        args = [tf.constant(a) for a in r.arrays]
        _run_all_modes(r.fn, args)
        if r.id not in VALUE_DEPENDENT:
            vmap(_with_gradients(r.fn))(*[tf.constant(np.stack([a, a])) for a in r.arrays])
    assert not calls, f"rules called the public API: {sorted(calls)}"


def test_every_nn_linalg_primitive_is_exercised():
    """Every primitive of tapeflow.prims.nn/conv/linalg meets the shape-rule check and runs
    through vmap's batch rules in the rows above (rows deselected in this run are run here)."""
    if not NN_LINALG_PRIMITIVES <= _SEEN_BY_SHAPE_RULES:
        for r in TABLE_ROWS:
            test_nn_linalg_shape_rules_predict_outputs(r)
    missing = sorted(NN_LINALG_PRIMITIVES - _SEEN_BY_SHAPE_RULES)
    assert not missing, f"not exercised by the shape-rule check: {missing}"
    if not NN_LINALG_PRIMITIVES <= _SEEN_BY_BATCH_RULES:
        mp = pytest.MonkeyPatch()
        try:
            for case in BATCH_CASES:
                test_nn_linalg_batch_rules_match_per_example_results(*case.values, mp)
        finally:
            mp.undo()
    missing = sorted(NN_LINALG_PRIMITIVES - _SEEN_BY_BATCH_RULES)
    assert not missing, f"not exercised by vmap: {missing}"


def test_nn_linalg_primitives_are_complete():
    assert NN_LINALG_PRIMITIVES, "no primitives found"
    incomplete = {name: op_module.REGISTRY[name].missing() for name in NN_LINALG_PRIMITIVES
                  if op_module.REGISTRY[name].missing()}
    assert not incomplete, incomplete
