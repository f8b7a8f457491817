"""Functional `if`, `while` and `for` for converted code.

The converter turns each statement into callables over the function's variables: the branches or
the loop body (which write the variables through `nonlocal`), `get_state()` returning the
statement's state (the variables it modifies that are live around it, in `symbol_names` order,
outputs first) and `set_state(values)` writing them back. Each operator dispatches at run time:

* a Python condition or iterable runs the statement as plain Python (loops unroll);
* a tensor condition or iterable goes through `tf.cond` / `tf.while_loop` with the state as their
  values, exactly as TF's AutoGraph does. Eagerly those ops run the chosen branch or the loop in
  Python on the tensor's value (and check the state as TF does: dtypes that change in a loop,
  variables left undefined, ...); for a symbolic (graph) tensor they build the functional op.

    >>> state = {"y": 0}
    >>> if_stmt(True, lambda: state.update(y=1), lambda: state.update(y=2),
    ...         lambda: (), lambda v: None, (), 0)
    >>> state["y"]
    1
"""
from ...framework import dtypes, nest
from ...framework.variables import Variable
from ._dispatch import is_symbolic
from .logical import _is_tensor
from .variables import Undefined, UndefinedReturnValue


def _cf():
    from ... import control_flow
    return control_flow


def _convert_python(v):
    import numpy as np

    from ...framework.tensor import convert_to_tensor
    if isinstance(v, (bool, int, float, str, np.ndarray, np.generic)):
        return convert_to_tensor(v)
    return v


def verify_tf_condition(cond, tag):
    """A tensor condition as TF's staged control flow needs it: a boolean scalar."""
    from ...framework.tensor import convert_to_tensor
    from ...ops.array_ops import reshape
    hint = "to check for None, use `is not None`"
    if not is_symbolic(cond):
        cond = convert_to_tensor(cond)
    if cond.dtype != dtypes.bool_:
        raise ValueError(f"condition of {tag} expected to be `tf.bool` scalar, got {cond}; to "
                         f"use as boolean Tensor, use `tf.cast`; {hint}")
    if cond.shape.rank is None:
        return reshape(cond, ())
    if cond.shape.rank > 0:
        known = [d for d in cond.shape.as_list() if d is not None]
        n = 1
        for d in known:
            n *= d
        if n > 1:
            raise ValueError(f"condition of {tag} expected to be `tf.bool` scalar, got {cond}; "
                             f"{hint}")
        return reshape(cond, ())
    return cond


# -- if ------------------------------------------------------------------------------------------

def _verify_branch_vars(values, symbol_names, branch):
    for name, v in zip(symbol_names, values):
        problem = None
        if isinstance(v, Undefined):
            problem = f"'{name}' must also be initialized in the {branch} branch"
        elif isinstance(v, UndefinedReturnValue):
            problem = f"the {branch} branch must also have a return statement."
        if problem:
            raise ValueError(problem)


def _verify_single_cond_var(name, body_var, orelse_var):
    if body_var is None:
        raise ValueError(f"'{name}' is None at the end of the main branch.")
    if orelse_var is None:
        raise ValueError(f"'{name}' is None at the end of the else branch.")
    body_var, orelse_var = _convert_python(body_var), _convert_python(orelse_var)
    if not (_is_tensor(body_var) and _is_tensor(orelse_var)):
        return
    if body_var.dtype != orelse_var.dtype:
        raise TypeError(f"'{name}' has dtype {body_var.dtype.name} in the main branch, but dtype "
                        f"{orelse_var.dtype.name} in the else branch")


def _verify_cond_vars(body_vars, orelse_vars, symbol_names):
    for name, b, o in zip(symbol_names, body_vars, orelse_vars):
        try:
            nest.assert_same_structure(b, o)
        except (ValueError, TypeError) as e:
            raise TypeError(f"'{name}' must have the same nested structure in the main and else "
                            f"branches:\n\n{e}") from e
        nest.map_structure(lambda x, y, n=name: _verify_single_cond_var(n, x, y), b, o)


def if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts):
    """Functional `if cond: body() else: orelse()` (see the module docs for the arguments)."""
    if _is_tensor(cond):
        _tf_if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts)
    elif cond:
        body()
    else:
        orelse()


def _tf_if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts):
    """The statement as `tf.cond` over its state: each branch restores the state it starts
    from, runs, and returns the first `nouts` state values."""
    cond = verify_tf_condition(cond, "if statement")
    symbol_names = tuple(symbol_names)
    if not nouts:
        inner_get, inner_set = get_state, set_state

        def get_state():
            return (0,) + tuple(inner_get())

        def set_state(values):
            inner_set(tuple(values)[1:])
        symbol_names = symbol_names + ("<unused dummy>",)
        nouts = 1
    init_vars = tuple(get_state())
    results = {}

    def branch(fn, key, other, label):
        def run():
            set_state(init_vars)
            fn()
            out = tuple(get_state())[:nouts]
            results[key] = out
            _verify_branch_vars(out, symbol_names, label)
            if other in results:
                pair = (out, results[other]) if key == "main" else (results[other], out)
                _verify_cond_vars(pair[0], pair[1], symbol_names)
            return out
        return run

    final = _cf().cond(cond, branch(body, "main", "else", "main"),
                       branch(orelse, "else", "main", "else"))
    set_state(tuple(final) + init_vars[nouts:])


# -- loop variable checks ------------------------------------------------------------------------

_LEGAL_LOOP_TYPES = "Tensor, int, float, bool or a list, tuple or dict thereof"


def verify_loop_init_vars(init_vars, symbol_names, first_iter_vars=None):
    """TF's errors for loop variables that are undefined or None before a staged loop."""
    for name, val in zip(symbol_names, init_vars):
        if isinstance(val, UndefinedReturnValue):
            raise NotImplementedError("a return statement cannot be placed inside this "
                                      "TensorFlow loop; this may happen if a return statement "
                                      "depends on a static Python condition such as a "
                                      "hyperparameter")
        problem = None
        if val is None:
            problem = f"'{name}' is not allowed to be None before the loop"
        elif isinstance(val, Undefined):
            problem = f"'{name}' must be defined before the loop"
        if problem:
            raise ValueError(problem)


def _is_subshape(left, right):
    if right.rank is None:
        return True
    if left.rank != right.rank:
        return False
    return all(r is None or l_ == r for l_, r in zip(left.as_list(), right.as_list()))


def _verify_single_loop_var(name, init, entry, exit_, invariant):
    if exit_ is None:
        raise ValueError(f"'{name}' is None at the end of the iteration.")
    init, entry, exit_ = (_convert_python(v) for v in (init, entry, exit_))
    if not (_is_tensor(entry) and _is_tensor(exit_)):
        return
    if entry.dtype != exit_.dtype:
        raise TypeError(f"'{name}' has dtype {entry.dtype.name} before the loop, but dtype "
                        f"{exit_.dtype.name} after one iteration")
    if invariant is None:
        if not _is_subshape(exit_.shape, entry.shape):
            raise ValueError(f"'{name}' has shape {entry.shape} before the loop, but shape "
                             f"{exit_.shape} after one iteration. Use "
                             f"tf.autograph.experimental.set_loop_options to set shape "
                             f"invariants.")
    else:
        from ...framework.tensor_shape import as_shape
        invariant = as_shape(invariant)
        if _is_tensor(init) and not _is_subshape(init.shape, invariant):
            raise ValueError(f"'{name}' has shape {init.shape} before the loop, which does not "
                             f"conform with the shape invariant {invariant}.")
        if not _is_subshape(exit_.shape, invariant):
            raise ValueError(f"'{name}' has shape {exit_.shape} after one iteration, which does "
                             f"not conform with the shape invariant {invariant}.")


def verify_tf_loop_vars(init_vars, entry_vars, exit_vars, symbol_names, invariants):
    """TF's checks that a staged loop's state keeps its structure, dtypes and shapes."""
    for i, name in enumerate(symbol_names):
        init, entry, exit_ = init_vars[i], entry_vars[i], exit_vars[i]
        for a, b in ((init, entry), (entry, exit_)):
            try:
                nest.assert_same_structure(a, b)
            except (ValueError, TypeError) as e:
                raise TypeError(f"'{name}' does not have the same nested structure after one "
                                f"iteration.\n\n{e}") from e
        inv = invariants[i]
        if inv is None:
            nest.map_structure(lambda a, b, c, n=name: _verify_single_loop_var(n, a, b, c, None),
                               init, entry, exit_)
        else:
            flat_inv = [inv] if not isinstance(inv, (list, tuple, dict)) or \
                (all(isinstance(d, int) or d is None for d in nest.flatten(inv)) and \
                not nest.is_nested(init)) else nest.flatten(inv)
            for a, b, c, s in zip(nest.flatten(init), nest.flatten(entry), nest.flatten(exit_),
                                  flat_inv):
                _verify_single_loop_var(name, a, b, c, s)


def _shape_invariants(opts, init_vars):
    """The `shape_invariants` option ((variable, shape) pairs) as one entry per state value."""
    pairs = opts.get("shape_invariants", ())
    by_id = {id(v): s for v, s in pairs}
    return tuple(by_id.get(id(v)) for v in init_vars)


# -- while ---------------------------------------------------------------------------------------

def while_stmt(test, body, get_state, set_state, symbol_names, opts):
    """Functional `while test(): body()`; a tensor test makes it a `tf.while_loop` over the
    state (with `opts` such as `maximum_iterations` from `set_loop_options`)."""
    init_test = test()
    if _is_tensor(init_test):
        _tf_while_stmt(test, body, get_state, set_state, symbol_names, opts)
        return
    if not init_test:
        return
    body()
    _py_while_stmt(test, body)


def _py_while_stmt(test, body):
    while True:
        result = test()
        if _is_tensor(result) and is_symbolic(result):
            raise NotImplementedError(
                "The condition of while loop started as non-Tensor, then changed to Tensor. "
                "This may happen either because variables changed type, or when a break or "
                "return statement inside the loop depends on a Tensor condition. In both cases, "
                "changing to a TF loop should remove the error.")
        if not result:
            break
        body()


def _is_null(v):
    return v is None or isinstance(v, (Undefined, UndefinedReturnValue))


def _tf_while_stmt(test, body, get_state, set_state, symbol_names, opts):
    """The loop as `tf.while_loop` over the state (TF's staged while statement).

    A state variable that is undefined (or None) before the loop takes the type of its value
    after the first iteration, and the loop must then iterate at least once (TF stages one
    iteration to find that type; eagerly the first iteration gives it)."""
    symbol_names = tuple(symbol_names)
    init_vars = list(get_state())
    for v in init_vars:
        if isinstance(v, UndefinedReturnValue):
            verify_loop_init_vars((v,), ("<return value>",))
    nulls = [_is_null(v) for v in init_vars]
    invariants = _shape_invariants(opts, init_vars)
    first = [True]

    def loop_test(*loop_vars):
        set_state(loop_vars)
        return verify_tf_condition(test(), "while loop")

    def loop_body(*loop_vars):
        set_state(loop_vars)
        body()
        new_vars = tuple(get_state())
        entry = loop_vars
        if first[0] and any(nulls):
            for i, null in enumerate(nulls):
                if null:
                    init_vars[i] = new_vars[i]
            entry = tuple(n if null else e for n, e, null in zip(new_vars, loop_vars, nulls))
        first[0] = False
        verify_tf_loop_vars(init_vars, entry, new_vars, symbol_names, invariants)
        return new_vars

    kwargs = {}
    if opts.get("maximum_iterations") is not None:
        kwargs["maximum_iterations"] = opts["maximum_iterations"]
    if opts.get("parallel_iterations") is not None:
        kwargs["parallel_iterations"] = opts["parallel_iterations"]
    if any(s is not None for s in invariants):
        kwargs["shape_invariants"] = list(invariants)
    if opts.get("_graph"):
        # A loop over a graph tensor is a graph loop even when its state is all Python values.
        final = tuple(_cf()._graph_while_loop(
            loop_test, loop_body, tuple(init_vars), kwargs.get("shape_invariants"),
            kwargs.get("parallel_iterations", 10), kwargs.get("maximum_iterations")))
    else:
        final = tuple(_cf().while_loop(loop_test, loop_body, tuple(init_vars), **kwargs))
    if first[0] and any(nulls):
        names = ", ".join("the function return value" if isinstance(v, UndefinedReturnValue)
                          else n for n, v, null in zip(symbol_names, init_vars, nulls) if null)
        from ...framework.tensor import convert_to_tensor
        _cf().Assert(convert_to_tensor(False),
                     [f"loop must iterate at least once to initialize {names}"])
    set_state(final)


# -- for -----------------------------------------------------------------------------------------

def _is_dataset(x):
    from ...framework.tensor import Tensor
    return hasattr(type(x), "element_spec") or (hasattr(x, "element_spec") and \
        hasattr(x, "__iter__") and not isinstance(x, Tensor))


def for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    """Functional `for target in iter_: body(target)`, stopping when `extra_test()` is false
    (how `break` and `return` inside the loop are lowered).

    A tensor iterates its first dimension through `tf.while_loop` (a `tf.range` is a tensor
    too); a dataset (an object with `element_spec` and `__iter__`) is iterated with its state
    as loop variables; anything else is a Python loop.
    """
    from ... import control_flow
    if isinstance(iter_, control_flow.TensorArray):
        raise NotImplementedError("iterating over a tf.TensorArray in a for loop is not "
                                  "supported; iterate over tf.range(ta.size()) and read")
    if _is_dataset(iter_):
        _dataset_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts)
    elif is_symbolic(iter_) and getattr(getattr(iter_, "op", None), "type", None) == "Range":
        _tf_range_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts)
    elif _is_tensor(iter_):
        _known_len_tf_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names,
                               opts)
    else:
        _py_for_stmt(iter_, extra_test, body)


def _py_for_stmt(iter_, extra_test, body):
    if extra_test is None:
        for target in iter_:
            body(target)
        return

    def guarded():
        result = extra_test()
        if _is_tensor(result) and is_symbolic(result):
            raise NotImplementedError(
                "break and return statements which depend on a TF condition are not supported "
                "in Python for loops. Did you intend to make it a TF loop?")
        return bool(result)

    if guarded():
        for target in iter_:
            body(target)
            if not guarded():
                break


def _tf_range_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    """`for i in tf.range(start, limit, delta)` in a graph: a while loop over the index itself,
    as TF's AutoGraph lowers it (the range is never materialized)."""
    from ...prims import math as PM
    start, limit, delta = iter_.op.inputs
    iterate = start

    def aug_get_state():
        return (iterate,) + tuple(get_state())

    def aug_set_state(values):
        nonlocal iterate
        iterate, *rest = values
        set_state(tuple(rest))

    def aug_body():
        nonlocal iterate
        body(iterate)
        iterate = PM.add(iterate, delta)

    def aug_test():
        zero = PM.sub(delta, delta)
        up = PM.logical_and(PM.greater(delta, zero), PM.less(iterate, limit))
        down = PM.logical_and(PM.less(delta, zero), PM.greater(iterate, limit))
        main = PM.logical_or(up, down)
        if extra_test is not None:
            from ... import control_flow
            return control_flow._cond_impl(main, extra_test, lambda: False)
        return main

    opts = dict(opts, _graph=True)
    _tf_while_stmt(aug_test, aug_body, aug_get_state, aug_set_state,
                   ("<internal iterate>",) + tuple(symbol_names), opts)


def _known_len_tf_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    """A loop over a tensor's first dimension as a `tf.while_loop` with the iterate index
    as an extra loop variable."""
    from ... import control_flow
    from .py_builtins import len_
    n = len_(iter_)
    if isinstance(iter_, Variable):
        from ...ops.array_ops import identity
        iter_ = identity(iter_)
    if is_symbolic(iter_):
        # A graph tensor: its rows are read by index inside the staged loop, which runs at most
        # len(iter_) times.
        rows = iter_
        read = rows.__getitem__
        opts = dict(opts, _graph=True)
        if opts.get("maximum_iterations") is None:
            opts["maximum_iterations"] = n
    else:
        read = control_flow.TensorArray(iter_.dtype, size=n).unstack(iter_).read
    index = 0

    def aug_get_state():
        return (index,) + tuple(get_state())

    def aug_set_state(values):
        nonlocal index
        index, *rest = values
        set_state(tuple(rest))

    def aug_body():
        nonlocal index
        body(read(index))
        index += 1

    def aug_test():
        main = index < n
        if extra_test is not None:
            return control_flow._cond_impl(main, extra_test, lambda: False)
        return main

    if _is_tensor(aug_test()):
        run_test = aug_test
    else:
        # A static length: the index test is a Python bool; TF's staged test is a tensor.
        def run_test():
            from ...framework.tensor import convert_to_tensor
            return convert_to_tensor(aug_test())
    _tf_while_stmt(run_test, aug_body, aug_get_state, aug_set_state,
                   ("<internal iterate>",) + tuple(symbol_names), opts)


def _graph_dataset_for_stmt(ds, extra_test, body, get_state, set_state, symbol_names, opts):
    """A loop over a dataset in graph mode: one operation running the traced body per element
    (TF builds it with a dataset reduction)."""
    from ... import graph_control_flow as gcf
    symbol_names = tuple(symbol_names)
    init_vars = tuple(get_state())
    verify_loop_init_vars(init_vars, symbol_names)
    structure = list(init_vars)
    flat_init = nest.flatten(structure)
    entry_vars = []

    def loop_body(element, *flat_vars):
        loop_vars = nest.pack_sequence_as(structure, list(flat_vars))
        set_state(tuple(loop_vars))
        body(element)
        new_vars = tuple(get_state())
        verify_tf_loop_vars(init_vars, tuple(loop_vars), new_vars, symbol_names,
                            _shape_invariants(opts, init_vars))
        entry_vars.append(new_vars)
        return nest.flatten(list(new_vars))

    test = None
    if extra_test is not None:
        def test(*flat_vars):
            set_state(tuple(nest.pack_sequence_as(structure, list(flat_vars))))
            return extra_test()
    final = gcf.graph_dataset_loop(ds, flat_init, loop_body, test)
    set_state(tuple(nest.pack_sequence_as(structure, final)))


def _dataset_for_stmt(ds, extra_test, body, get_state, set_state, symbol_names, opts):
    """A loop over a dataset: its elements feed a `tf.while_loop` over the state (so the state
    is checked and converted as in TF's dataset loops)."""
    from ...framework.graph import building_graph
    if is_symbolic(ds) or building_graph() is not None:
        _graph_dataset_for_stmt(ds, extra_test, body, get_state, set_state, symbol_names, opts)
        return
    iterator = iter(ds)
    pending = []
    _END = object()

    def fetch():
        if not pending:
            pending.append(next(iterator, _END))
        return pending[0]

    def aug_test():
        from ...framework.tensor import convert_to_tensor
        if fetch() is _END:
            return convert_to_tensor(False)
        if extra_test is not None:
            return convert_to_tensor(bool(extra_test()))
        return convert_to_tensor(True)

    def aug_body():
        body(pending.pop())

    symbol_names = tuple(symbol_names)
    init_vars = tuple(get_state())
    verify_loop_init_vars(init_vars, symbol_names)
    _tf_while_stmt(aug_test, aug_body, get_state, set_state, symbol_names, opts)

