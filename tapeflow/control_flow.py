"""Functional control flow and graph-style ops with TF 2's eager semantics.

`tf.cond`, `tf.case`, `tf.switch_case`, `tf.while_loop`, `tf.map_fn`, `tf.scan`, `tf.foldl`,
`tf.foldr`, `tf.TensorArray`, `tf.vectorized_map`, `tf.print`, `tf.py_function`,
`tf.numpy_function`, `tf.Assert`, `tf.group`, `tf.no_op`, `tf.tuple`, `tf.control_dependencies`.

In eager mode these are Python compositions of recorded ops, so a `GradientTape` differentiates
through them to any order, exactly as TF's eager implementations (which run the chosen branch or
the loop body in Python) do.

Each public function checks its arguments as TF does and normalises nests, then calls one internal
implementation. That implementation has a single graph dispatch point,
`if is_symbolic(...): return _graph_xxx(...)`, where graph mode (symbolic tensors) plugs in; until
then the graph functions raise `NotImplementedError`.

    >>> tf.cond(tf.constant(2.0) > 1.0, lambda: 10, lambda: 20)
    10
    >>> tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), [0])
    (<tf.Tensor: shape=(), dtype=int32, numpy=3>,)
"""
import os
import sys

import numpy as np

from .autograph.operators._dispatch import any_symbolic, is_symbolic
from .framework import dtypes, errors, nest
from .framework.tensor import Tensor, convert_to_tensor
from .framework.variables import Variable
from .framework.tensor_shape import TensorShape, as_shape

__all__ = [
    "Assert",
    "TensorArray",
    "case",
    "cond",
    "control_dependencies",
    "foldl",
    "foldr",
    "group",
    "map_fn",
    "no_op",
    "numpy_function",
    "print_v2",
    "py_function",
    "scan",
    "switch_case",
    "tuple_",
    "vectorized_map",
    "while_loop",
]


def _is_variable(x):
    return isinstance(x, Variable)


def _is_tensor_like(x):
    return isinstance(x, Tensor) or _is_variable(x)


def _read_variables(structure):
    """Variables in a nest replaced by their (recorded) values, as TF's loops do."""
    from .ops.array_ops import identity
    return nest.map_structure(lambda x: identity(x) if _is_variable(x) else x, structure)


def _gcf():
    from . import graph_control_flow
    return graph_control_flow


def _building_graph():
    from .framework.graph import building_graph
    return building_graph() is not None


def _graph_unavailable(what):
    raise NotImplementedError(f"graph-mode {what} is not available yet: tapeflow runs "
                              f"{what} eagerly only (a symbolic tensor reached it)")


# -- cond, case, switch_case ---------------------------------------------------------------------

def _graph_cond(pred, true_fn, false_fn, name=None):
    """The functional graph op for `tf.cond` on a symbolic predicate (graph mode)."""
    from . import graph_control_flow
    return graph_control_flow.graph_cond(pred, true_fn, false_fn, name)


def _pred_value(pred):
    """The truth of an eager predicate, as TF's eager cond takes it (NumPy's truth rules)."""
    if _is_tensor_like(pred):
        return bool(np.asarray(pred.numpy()))
    return bool(np.asarray(pred))


def _cond_impl(pred, true_fn, false_fn, name=None):
    if is_symbolic(pred):
        return _graph_cond(pred, true_fn, false_fn, name)
    return true_fn() if _pred_value(pred) else false_fn()


def cond(pred, true_fn=None, false_fn=None, name=None):
    """`true_fn()` if `pred` else `false_fn()`; eagerly only the chosen branch runs.

    >>> x = tf.constant(2.0)
    >>> tf.cond(x > 1.0, lambda: x * 10.0, lambda: x - 1.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=20.0>
    """
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    return _cond_impl(pred, true_fn, false_fn, name)


def _assert_at_most_n_true(predicates, n, msg):
    from .ops.array_ops import stack
    from .ops.math_ops import cast, less_equal, reduce_sum
    preds = stack(list(predicates))
    condition = less_equal(reduce_sum(cast(preds, dtypes.int32)), n)
    names = ", ".join(_name_or_unknown(p) for p in predicates)
    Assert(condition, [f"{msg}: more than {n} conditions ({names}) evaluated as True:", preds],
           summarize=len(predicates))


def _name_or_unknown(p):
    try:
        return p.name
    except AttributeError:
        return "?"


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """The function of the first pair whose predicate is true, else `default`.

    >>> x = tf.constant(5)
    >>> tf.case([(x < 3, lambda: 1), (x < 10, lambda: 2)], default=lambda: 3)
    2
    """
    if not isinstance(pred_fn_pairs, (list, tuple, dict)):
        raise TypeError("'pred_fn_pairs' must be a list, tuple, or dict. "
                        f"Received: {type(pred_fn_pairs)}")
    if isinstance(pred_fn_pairs, dict):
        if not exclusive:
            raise ValueError("Unordered dictionaries are not supported for the 'pred_fn_pairs' "
                             "argument when `exclusive=False` and eager mode is enabled.")
        pred_fn_pairs = list(pred_fn_pairs.items())
    for pair in pred_fn_pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'pred_fn_pairs' must be a 2-tuple. Received {pair}.")
        pred, fn = pair
        if _is_tensor_like(pred) or is_symbolic(pred):
            if pred.dtype != dtypes.bool_:
                raise TypeError(f"pred must be Tensor of type bool: {pred.name}")
        else:
            raise TypeError(f"pred must be a Tensor, got: {pred}")
        if not callable(fn):
            raise TypeError(f"fn for pred {pred.name} must be callable.")
    if default is not None and not callable(default):
        raise TypeError("'default' must be callable.")
    predicates = [p for p, _ in pred_fn_pairs]
    actions = [f for _, f in pred_fn_pairs]
    return _case_impl(predicates, actions, default, exclusive)


def _case_impl(predicates, actions, default, exclusive):
    from .ops.array_ops import stack
    if default is None:
        k = len(predicates) - 1
        last_pred, last_action = predicates[k], actions[k]
        others = predicates[:k]
        predicates, actions = predicates[:k], actions[:k]

        def default():
            if others:
                _assert_at_most_n_true(
                    others, 0, f"Implementation error: selected default action #{k} was called, "
                               f"but some of other predicates are True: ")
            Assert(last_pred, ["Input error: None of conditions evaluated as True:",
                               stack(others + [last_pred])])
            return last_action()
    if exclusive:
        _assert_at_most_n_true(predicates, 1, "Input error: exclusive=True")
    # The first true predicate's action runs (a chain of conds, as TF builds it).
    return _case_chain(list(predicates), list(actions), default)


def _case_rest(predicates, actions, default, pred):
    """The `false_fn` of `pred` in a case chain: the cases after it."""
    i = next(k for k, p in enumerate(predicates) if p is pred)
    return lambda: _case_chain(predicates[i + 1:], actions[i + 1:], default)


def _case_chain(predicates, actions, default):
    for pred, action in zip(predicates, actions):
        if is_symbolic(pred):
            return _cond_impl(pred, action, _case_rest(predicates, actions, default, pred))
        if _pred_value(pred):
            return action()
    return default()


def _graph_switch_case(branch_index, branch_fns, name=None):
    """The functional graph op (TF's `Case`) for a symbolic branch index (graph mode)."""
    from . import graph_control_flow
    return graph_control_flow.graph_switch_case(branch_index, branch_fns, name)


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """Runs `branch_fns[branch_index]()`; an out-of-range index runs `default` (or the last
    branch).

    >>> tf.switch_case(tf.constant(1), [lambda: 10, lambda: 20])
    20
    """
    if not (_is_tensor_like(branch_index) or is_symbolic(branch_index)):
        raise TypeError(f"'branch_index' must be a Tensor, got {type(branch_index)}")
    if not branch_index.dtype.is_integer:
        raise TypeError(f"'branch_index' must be an integer Tensor, got {branch_index.dtype}")
    if not branch_fns:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    if not isinstance(branch_fns, (list, tuple, dict)):
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    if isinstance(branch_fns, dict):
        branch_fns = list(branch_fns.items())
    if all(callable(fn) for fn in branch_fns):
        branch_fns = list(enumerate(branch_fns))
    for pair in branch_fns:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError("Each entry in 'branch_fns' must be a 2-tuple. "
                            f"Received {pair}.")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError(f"key must be a Python `int`, got {type(key)}")
        if not callable(fn):
            raise TypeError(f"fn for key {key} must be callable.")
    keys = [k for k, _ in branch_fns]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        raise ValueError("branch indices (keys) must form contiguous range of [0 to {}) but "
                         "found {{{}}}".format(len(keys), ",".join(map(str, sorted(keys)))))
    fns = [fn for _, fn in sorted(branch_fns, key=lambda kv: kv[0])]
    if default is not None:
        fns.append(default)
    return _switch_case_impl(branch_index, fns, name)


def _switch_case_impl(branch_index, branch_fns, name=None):
    if is_symbolic(branch_index):
        return _graph_switch_case(branch_index, branch_fns, name)
    i = int(branch_index.numpy())
    if i < 0 or i >= len(branch_fns):
        i = len(branch_fns) - 1
    return branch_fns[i]()


# -- while_loop ----------------------------------------------------------------------------------

def _graph_while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
                      maximum_iterations=None, name=None):
    """The functional graph op (TF's `While`) for symbolic loop variables or a symbolic
    condition (graph mode)."""
    from . import graph_control_flow
    return graph_control_flow.graph_while_loop(cond, body, loop_vars, shape_invariants,
                                               parallel_iterations, maximum_iterations, name)


def _leaf_to_tensor(x):
    if isinstance(x, TensorArray) or is_symbolic(x) or \
            getattr(type(x), "_tf_autograph_undefined", False):
        return x  # (AutoGraph's undefined values stay as they are: see its while statement)
    return convert_to_tensor(x)


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, maximum_iterations=None, name=None):
    """Repeats `loop_vars = body(*loop_vars)` while `cond(*loop_vars)`; returns the loop
    variables (the same structure as `loop_vars`, leaves converted to tensors).

    `body` must return a structure like `loop_vars` (a list or tuple of the same length at the
    top level), else `ValueError`. Eagerly, shapes may change from one iteration to the next and
    `shape_invariants` is not consulted (as in TF's eager loop); `parallel_iterations`,
    `back_prop` and `swap_memory` have no effect.

    >>> tf.while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s + i), (0, 0))
    (<tf.Tensor: shape=(), dtype=int32, numpy=4>, <tf.Tensor: shape=(), dtype=int32, numpy=6>)
    """
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    loop_vars = _read_variables(loop_vars)
    if not loop_vars:
        raise ValueError("'loop_vars' must be provided.")
    if maximum_iterations is not None and not is_symbolic(maximum_iterations):
        m = convert_to_tensor(maximum_iterations)
        if m.shape.rank != 0:
            raise ValueError("'maximum_iterations' must be a scalar. "
                             f"Received shape: {m.shape}")
        maximum_iterations = int(m.numpy())
    return _while_loop_impl(cond, body, loop_vars, shape_invariants, parallel_iterations,
                            maximum_iterations, name)


def _while_loop_impl(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
                     maximum_iterations=None, name=None):
    def graph():
        return _graph_while_loop(cond, body, loop_vars, shape_invariants, parallel_iterations,
                                 maximum_iterations, name)
    if any_symbolic(nest.flatten(loop_vars)) or is_symbolic(maximum_iterations):
        return graph()
    step_cond, step_body, state = cond, body, loop_vars
    if maximum_iterations is not None:
        def step_cond(i, lv):
            return i < maximum_iterations and _pred_value(cond(*lv))

        def step_body(i, lv):
            return i + 1, body(*lv)
        state = (0, loop_vars)
        if maximum_iterations <= 0:
            return nest.map_structure(_leaf_to_tensor, loop_vars)
        first = cond(*loop_vars)
        if is_symbolic(first):
            return graph()
    structure = list(state)
    first_test = True
    while True:
        c = step_cond(*state)
        if first_test and is_symbolic(c):
            # The condition reads a graph tensor (e.g. from a closure): a graph loop after all.
            return graph()
        first_test = False
        if not _pred_value(c):
            break
        state = step_body(*state)
        nest.assert_same_structure(structure, list(state))
    state = nest.map_structure(_leaf_to_tensor, state)
    return state[1] if maximum_iterations is not None else state


# -- TensorArray ---------------------------------------------------------------------------------

def _dtype_error(expected, got):
    return f"TensorArray dtype is {expected.name} but Op is trying to write dtype {got.name} "


class TensorArray:
    """A list of tensors of one dtype, written and read by index (TF's eager TensorArray).

    `write` returns the array itself, so the TF idiom `ta = ta.write(i, x)` works; gradients flow
    through `write`, `read`, `stack`, `unstack`, `gather`, `scatter`, `concat` and `split`.

    >>> ta = tf.TensorArray(tf.float32, size=2)
    >>> ta = ta.write(0, 1.0).write(1, 2.0)
    >>> ta.stack()
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        if handle is not None:
            raise ValueError("TensorArray handles are not supported when eager execution is "
                             "enabled.")
        if is_symbolic(size) or _building_graph():
            from . import graph_control_flow
            graph_control_flow.graph_tensor_array_init(self, dtype, size, element_shape,
                                                       dynamic_size, flow)
            self._infer_shape, self._clear_after_read = infer_shape, True
            return
        if size is None:
            raise ValueError("Size must be declared for TensorArrays when eager execution is "
                             "enabled.")
        self._dtype = dtypes.as_dtype(dtype)
        self._infer_shape = infer_shape
        self._element_shape = as_shape(element_shape) if element_shape is not None \
            else TensorShape(None)
        self._dynamic_size = bool(dynamic_size)
        self._clear_after_read = True if clear_after_read is None else bool(clear_after_read)
        self._previously_read = set()
        self._elements = [None] * int(np.asarray(size))

    dtype = property(lambda self: self._dtype)
    element_shape = property(lambda self: self._element_shape)
    dynamic_size = property(lambda self: self._dynamic_size)
    handle = property(lambda self: None)

    _graph = False  # a graph TensorArray: its elements are a list value `_flow` (TF's TensorList)

    @property
    def flow(self):
        if self._graph:
            return self._flow
        from .framework.tensor import constant
        return constant(0, dtypes.int32)

    def identity(self):
        """The array itself (eager arrays carry no flow to chain)."""
        return self

    def grad(self, source, flow=None, name=None):
        raise NotImplementedError("TensorArray.grad is not supported when executing eagerly; "
                                  "eager's gradient implementation does not use/need this "
                                  "function to compute gradients of operations that use "
                                  "TensorArrays.")

    @staticmethod
    def _index(index):
        return int(index.numpy()) if _is_tensor_like(index) else int(index)

    def _zero(self, i):
        from .ops.array_ops import zeros
        if self._elements[i] is None:
            shape = self._element_shape.as_list() if self._element_shape.rank is not None else []
            self._elements[i] = zeros([d or 0 for d in shape], self._dtype)
        return self._elements[i]

    def read(self, index, name=None):
        """The element at `index` (zeros of the element shape if it was never written)."""
        if self._graph:
            return _gcf().ta_read(self, index)
        index = self._index(index)
        if index < 0:
            raise errors.OutOfRangeError(
                None, None, f"Reading from negative indices (index {index}) is not allowed.")
        if index >= len(self._elements):
            raise errors.OutOfRangeError(None, None, f"Tried to read from index {index} but array "
                                         f"size is: {len(self._elements)} ")
        value = self._elements[index]
        if value is None:
            if index in self._previously_read:
                raise errors.InvalidArgumentError(
                    None, None, f"Could not read index {index} twice because it was cleared after "
                    "a previous read (perhaps try setting clear_after_read = false?)")
            value = self._zero(index)
        if self._clear_after_read:
            self._elements[index] = None
            self._previously_read.add(index)
        return value

    def _write(self, index, value):
        index = self._index(index)
        if index < 0:
            raise errors.OutOfRangeError(
                None, None, f"Writing to negative indices (index {index}) is not allowed.")
        size = len(self._elements)
        if index >= size:
            if not self._dynamic_size:
                raise errors.OutOfRangeError(
                    None, None, f"Tried to write to index {index} but array is not resizeable and "
                    f"size is: {size} ")
            self._elements.extend([None] * (index - size + 1))
        if _is_variable(value):
            from .ops.array_ops import identity
            value = identity(value)
        elif not isinstance(value, Tensor):
            value = convert_to_tensor(value, preferred_dtype=self._dtype)
        if value.dtype != self._dtype:
            raise errors.InvalidArgumentError(
                None, None, _dtype_error(self._dtype, value.dtype))
        if not self._element_shape.is_compatible_with(value.shape):
            raise ValueError(f"Incompatible shape for value ({value.shape}), expected "
                             f"({self._element_shape})")
        if self._infer_shape:
            self._element_shape = self._element_shape.merge_with(value.shape)
        self._elements[index] = value

    def write(self, index, value, name=None):
        """Writes `value` at `index`; returns the array."""
        if self._graph:
            return _gcf().ta_write(self, index, value)
        self._write(index, value)
        return self

    def stack(self, name=None):
        """All elements stacked along a new first axis (unwritten ones as zeros)."""
        if self._graph:
            return _gcf().ta_stack(self)
        from .ops.array_ops import stack, zeros
        for i in range(len(self._elements)):
            self._zero(i)
        if not self._elements:
            if self._element_shape.is_fully_defined():
                return zeros([0] + self._element_shape.as_list(), self._dtype)
            return zeros([0], self._dtype)
        return stack(self._elements)

    def gather(self, indices, name=None):
        """The elements at `indices`, stacked."""
        if self._graph:
            return _gcf().ta_gather(self, indices)
        from .ops.array_ops import stack
        if _is_tensor_like(indices):
            indices = indices.numpy()
        return stack([self._zero(int(i)) for i in np.asarray(indices).reshape(-1)])

    def concat(self, name=None):
        """All elements concatenated along their first axis."""
        if self._graph:
            return _gcf().ta_concat(self)
        from .ops.array_ops import concat
        parts = [self._zero(i) for i in range(len(self._elements))]
        for i, p in enumerate(parts):
            if p.shape.rank == 0:
                raise errors.InvalidArgumentError(
                    None, None, f"Concat saw a scalar shape at index {i} but requires at least "
                    "vectors.")
        return concat(parts, 0)

    def unstack(self, value, name=None):
        """Fills the array with the rows of `value`; returns the array."""
        if self._graph:
            return _gcf().ta_unstack(self, value)
        from .ops.array_ops import unstack
        tensors = unstack(_read_variables(value) if _is_variable(value)
                          else convert_to_tensor(value, preferred_dtype=self._dtype))
        if len(tensors) > len(self._elements) and not self._dynamic_size:
            raise ValueError(f"Cannot unstack {len(tensors)} tensors into a TensorArray of static "
                             f"size {len(self._elements)} ")
        for t in tensors:
            if t.dtype != self._dtype:
                raise errors.InvalidArgumentError(
                    None, None, _dtype_error(self._dtype, t.dtype))
        self._elements = list(tensors)
        if self._infer_shape and tensors:
            self._element_shape = self._element_shape.merge_with(tensors[0].shape)
        return self

    def scatter(self, indices, value, name=None):
        """Writes the rows of `value` at `indices`; returns the array."""
        if self._graph:
            return _gcf().ta_scatter(self, indices, value)
        from .ops.array_ops import unstack
        if _is_tensor_like(indices):
            indices = indices.numpy()
        for index, row in zip(np.asarray(indices).reshape(-1), unstack(convert_to_tensor(
                value, preferred_dtype=self._dtype))):
            self._write(int(index), row)
        return self

    def split(self, value, lengths, name=None):
        """Splits `value` along its first axis into pieces of `lengths`; returns the array."""
        from .ops.array_ops import split
        value = convert_to_tensor(value, preferred_dtype=self._dtype)
        if value.dtype != self._dtype:
            raise errors.InvalidArgumentError(
                None, None, _dtype_error(self._dtype, value.dtype))
        lengths = convert_to_tensor(lengths)
        if lengths.shape.rank != 1:
            raise errors.InvalidArgumentError(
                None, None, "Expected lengths to be a vector, received shape: "
                f"{lengths.shape.as_list()} ")
        if value.shape.rank == 0:
            raise errors.InvalidArgumentError(
                None, None, "Expected value to be at least a vector, but received shape: "
                f"{value.shape.as_list()} ")
        total = int(np.sum(lengths.numpy()))
        if total != value.shape[0]:
            raise errors.InvalidArgumentError(
                None, None, "Expected sum of lengths to be equal to values.shape[0], but sum of "
                f"lengths is {total} and value's shape is: {value.shape.as_list()} ")
        if not self._dynamic_size and lengths.shape[0] != len(self._elements):
            raise errors.InvalidArgumentError(
                None, None, f"TensorArray's size is not equal to the size of lengths "
                f"({len(self._elements)} vs. {lengths.shape[0]}), and the TensorArray is not "
                "marked as dynamically resizeable.")
        self._elements = list(split(value, [int(n) for n in lengths.numpy()]))
        return self

    def size(self, name=None):
        """The number of elements, as an int32 scalar tensor."""
        if self._graph:
            return _gcf().ta_size(self)
        from .framework.tensor import constant
        return constant(len(self._elements), dtypes.int32)

    def close(self, name=None):
        self._elements.clear()

    def __repr__(self):
        return f"<tapeflow.TensorArray dtype={self._dtype.name} size={len(self._elements)}>"


# -- map_fn, scan, foldl, foldr ------------------------------------------------------------------

def _spec_of(d):
    """(dtype, element shape) of an output-signature leaf: a DType or a TensorSpec."""
    if hasattr(d, "shape") and hasattr(d, "dtype") and not isinstance(d, dtypes.DType):
        if type(d).__name__ != "TensorSpec":
            raise NotImplementedError(f"map_fn output signature {d!r}: only dtypes and "
                                      f"tf.TensorSpec are supported")
        return d.dtype, d.shape
    return dtypes.as_dtype(d), TensorShape(None)


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
           infer_shape=True, name=None, fn_output_signature=None):
    """Applies `fn` to the slices of `elems` along axis 0 and stacks the results.

    `elems` may be a nest of tensors (all with the same first dimension); `fn` gets the matching
    nest of slices. When `fn` returns a structure or dtype different from `elems`, give
    `fn_output_signature` (dtypes or `tf.TensorSpec`s in the output's structure).

    >>> tf.map_fn(lambda x: x * x, tf.constant([1.0, 2.0, 3.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 4., 9.], dtype=float32)>
    """
    if fn_output_signature is None:
        fn_output_signature = dtype
    if not callable(fn):
        raise TypeError(f"The provided function {fn.__name__} is not callable."
                        "fn must be callable.")
    elems = _read_variables(elems)
    elems_flat = nest.flatten(elems)
    if len(elems_flat) == 0:
        raise ValueError("elems must be a Tensor or (possibly nested) sequence of Tensors. "
                         f"Got {elems}, which does not contain any Tensors.")
    elems_flat = [e if is_symbolic(e) else convert_to_tensor(e) for e in elems_flat]
    if elems_flat[0].shape.rank is not None and elems_flat[0].shape.rank < 1:
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    n = elems_flat[0].shape[0]
    for e in elems_flat[1:]:
        if e.shape.rank == 0 or e.shape[0] != n:
            raise ValueError(f"Dimensions {n} and {e.shape[0] if e.shape.rank else None} are "
                             f"not compatible")
    if fn_output_signature is None:
        out_specs = [(e.dtype, TensorShape(None)) for e in elems_flat]
        out_structure = elems
    else:
        out_specs = [_spec_of(d) for d in nest.flatten(fn_output_signature)]
        out_structure = fn_output_signature
    elems_ta = [TensorArray(e.dtype, size=n).unstack(e) for e in elems_flat]
    out_ta = [TensorArray(d, size=n, infer_shape=infer_shape, element_shape=s)
              for d, s in out_specs]

    def compute(i, tas):
        value = nest.pack_sequence_as(elems, [ta.read(i) for ta in elems_ta])
        result = fn(value)
        nest.assert_same_structure(out_structure, result)
        return i + 1, [ta.write(i, v) for ta, v in zip(tas, nest.flatten(result))]

    _, out_ta = while_loop(lambda i, _: i < n, compute, (0, out_ta), maximum_iterations=n)
    return nest.pack_sequence_as(out_structure, [ta.stack() for ta in out_ta])


def _first_dim(elems_flat):
    if elems_flat[0].shape.rank == 0:
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    return elems_flat[0].shape[0]


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
         infer_shape=True, reverse=False, name=None):
    """The running values of `a = fn(a, x)` over the slices `x` of `elems` (axis 0), stacked.

    Without `initializer` the first slice starts the accumulator (and is the first output).

    >>> tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3, 4]))
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([ 1,  3,  6, 10], dtype=int32)>
    """
    if not callable(fn):
        raise TypeError(f"{fn.__name__} is not callable. Please provide a "
                        "callable function.")
    elems = _read_variables(elems)
    elems_flat = [convert_to_tensor(e) for e in nest.flatten(elems)]
    n = _first_dim(elems_flat)
    elems_ta = [TensorArray(e.dtype, size=n, element_shape=e.shape[1:]).unstack(e)
                for e in elems_flat]
    if initializer is None:
        a_flat = [ta.read(n - 1 if reverse else 0) for ta in elems_ta]
        structure = elems
        start = 1
    else:
        a_flat = [convert_to_tensor(v) for v in nest.flatten(_read_variables(initializer))]
        structure = initializer
        start = 0
    accs = [TensorArray(a.dtype, size=n, element_shape=a.shape if infer_shape else None,
                        infer_shape=infer_shape) for a in a_flat]
    if initializer is None:
        accs = [ta.write(n - 1 if reverse else 0, a) for ta, a in zip(accs, a_flat)]

    def compute(i, a_flat, tas):
        x = nest.pack_sequence_as(elems, [ta.read(i) for ta in elems_ta])
        a_out = fn(nest.pack_sequence_as(structure, a_flat), x)
        nest.assert_same_structure(structure, a_out)
        flat = nest.flatten(a_out)
        tas = [ta.write(i, v) for ta, v in zip(tas, flat)]
        return (i - 1 if reverse else i + 1), flat, tas

    if reverse:
        loop = (lambda i, _a, _t: i >= 0), n - 1 - start
    else:
        loop = (lambda i, _a, _t: i < n), start
    _, _, accs = while_loop(loop[0], compute, (loop[1], a_flat, accs), maximum_iterations=n)
    return nest.pack_sequence_as(structure, [ta.stack() for ta in accs])


def _fold(fn, elems, initializer, reverse, what):
    if not callable(fn):
        raise TypeError(f"{fn.__name__} is not callable. Please provide a "
                        "callable function.")
    elems = _read_variables(elems)
    elems_flat = [convert_to_tensor(e) for e in nest.flatten(elems)]
    n = _first_dim(elems_flat)
    elems_ta = nest.pack_sequence_as(
        elems, [TensorArray(e.dtype, size=n).unstack(e) for e in elems_flat])
    if initializer is None:
        if n == 0:
            raise errors.OutOfRangeError(
                None, None, f"Tried to read from index {n - 1 if reverse else 0} but array size "
                "is: 0 ")
        a = nest.map_structure(lambda ta: ta.read(n - 1 if reverse else 0), elems_ta)
        i = n - 2 if reverse else 1
    else:
        a = initializer
        i = n - 1 if reverse else 0

    def compute(i, a):
        x = nest.map_structure(lambda ta: ta.read(i), elems_ta)
        return [i - 1 if reverse else i + 1, fn(a, x)]

    test = (lambda i, a: i >= 0) if reverse else (lambda i, a: i < n)
    _, result = while_loop(test, compute, [i, a], maximum_iterations=n)
    return result


def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
          name=None):
    """`fn(...fn(fn(initializer, x0), x1)..., xn)` over the slices of `elems` along axis 0.

    >>> tf.foldl(lambda a, x: a + x, tf.constant([1, 2, 3, 4]))
    <tf.Tensor: shape=(), dtype=int32, numpy=10>
    """
    return _fold(fn, elems, initializer, False, "foldl")


def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False,
          name=None):
    """Like `foldl`, from the last slice to the first.

    >>> tf.foldr(lambda a, x: a - x, tf.constant([1, 2, 3, 4]))
    <tf.Tensor: shape=(), dtype=int32, numpy=-2>
    """
    return _fold(fn, elems, initializer, True, "foldr")


def vectorized_map(fn, elems, fallback_to_while_loop=True, warn=True):
    """`fn` mapped over axis 0 of `elems`, vectorized with `tapeflow.autodiff.vmap` (one batched
    run of each op); falls back to a loop when vectorizing fails.

    >>> tf.vectorized_map(lambda x: x * 2.0, tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
    """
    from .framework.functional import vmap
    elems = nest.map_structure(lambda e: _read_variables(e) if _is_variable(e)
                               else convert_to_tensor(e), elems)
    flat = nest.flatten(elems)
    if any(e.shape.rank == 0 for e in flat):
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    if flat and flat[0].shape[0] == 0 or not fallback_to_while_loop:
        return vmap(fn)(elems)
    try:
        return vmap(fn)(elems)
    except (NotImplementedError, TypeError, ValueError, errors.OpError):
        if warn:
            import logging
            logging.getLogger("tensorflow").warning(
                "Using a while_loop for converting %s", getattr(fn, "__name__", "fn"))
        from .ops.array_ops import stack
        n = flat[0].shape[0]
        rows = [fn(nest.pack_sequence_as(elems, [e[i] for e in flat])) for i in range(n)]
        return nest.map_structure(lambda *xs: stack([convert_to_tensor(x) for x in xs]), *rows)


# -- tf.print ------------------------------------------------------------------------------------

def _float_text(v, np_type, digits, more_digits):
    """C++'s shortest round-tripping "%g" text of a float, as TF's SummarizeValue prints it."""
    text = f"{v:.{digits}g}"
    if np.isfinite(v) and np_type(float(text)) != np_type(v):
        text = f"{v:.{more_digits}g}"
    return text


def _c_escape(b):
    out = []
    for ch in b:
        c = chr(ch)
        if c in "\n\r\t\"'\\":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c, "\\" + c))
        elif ch < 0x20 or ch == 0x7f:
            out.append(f"\\{ch:03o}")
        else:
            out.append(c)
    return "".join(out).encode("latin-1").decode("utf-8", "replace")


def _element_text(v, kind, np_dtype):
    if kind == "b":
        return "1" if v else "0"
    if kind in "iu":
        return str(int(v))
    if kind == "f":
        if np_dtype == np.float64:
            return _float_text(float(v), np.float64, 15, 17)
        return _float_text(float(v), np.float32, 6, 9)
    if kind == "c":
        part = np.float64 if np_dtype == np.complex128 else np.float32
        digits = (15, 17) if part is np.float64 else (6, 9)
        re, im = (_float_text(float(c), part, *digits) for c in (v.real, v.imag))
        return f"({re},{im})"
    if isinstance(v, str):
        v = v.encode("utf-8")
    return f'"{_c_escape(bytes(v))}"'


def summarize_value(value, summarize=3):
    """A tensor's text as `tf.print` shows it: nested brackets, at most `summarize` entries at
    each end of every dimension (all when `summarize` is negative), `...` in between.

    >>> summarize_value(np.arange(10))
    '[0 1 2 ... 7 8 9]'
    """
    a = np.asarray(value)
    kind, np_dtype = a.dtype.kind, a.dtype
    num = a.size
    limit = num if summarize is None or summarize < 0 else min(summarize, num)
    if a.ndim == 0:
        text = _element_text(a[()], kind, np_dtype) if limit > 0 else ""
        return text + ("..." if num > limit else "")
    flat = a.reshape(-1)
    shape = a.shape
    ndim = a.ndim
    out = []

    def spacing(dim):
        if dim == ndim - 1:
            out.append(" ")
        else:
            out.append("\n" * (ndim - dim - 1) + " " * (dim + 1))

    def one_dim(dim, offset):
        if dim == ndim:
            out.append(_element_text(flat[offset], kind, np_dtype))
            return
        out.append("[")
        count = shape[dim]
        per = int(np.prod(shape[dim + 1:], dtype=np.int64))
        for i in range(min(limit, count)):
            if i > 0:
                spacing(dim)
            one_dim(dim + 1, offset + per * i)
        if count > 2 * limit:
            spacing(dim)
            out.append("...")
        for i in range(max(limit, count - limit), count):
            spacing(dim)
            one_dim(dim + 1, offset + per * i)
        out.append("]")

    one_dim(0, 0)
    return "".join(out)


_LOG_LEVELS = {20: "info", 30: "warning", 40: "error"}


def _output_writer(output_stream):
    """A function writing text to `output_stream` (TF's accepted streams, levels and files)."""
    if isinstance(output_stream, str) and output_stream.startswith("file://"):
        path = output_stream[len("file://"):]

        def write_file(text):
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(text)
        return write_file
    if output_stream is sys.stdout or output_stream is sys.__stdout__ or \
            output_stream is sys.stderr or output_stream is sys.__stderr__:
        def write_stream(text):
            output_stream.write(text)
            output_stream.flush()
        return write_stream
    level = None
    if isinstance(output_stream, int) and not isinstance(output_stream, bool):
        level = _LOG_LEVELS.get(output_stream)
    elif callable(output_stream) and "logging" in (getattr(output_stream, "__module__", "") or ""):
        level = {"info": "info", "warning": "warning", "warn": "warning",
                 "error": "error"}.get(getattr(output_stream, "__name__", ""))
    if level is not None:
        import logging

        def write_log(text):
            getattr(logging.getLogger("tensorflow"), level)(text.rstrip("\n"))
        return write_log
    raise ValueError("Unsupported output stream, logging level, or file." + str(output_stream)
                     + ". Supported streams are sys.stdout, sys.stderr, tf.logging.info, "
                     "tf.logging.warning, tf.logging.error. File needs to be in the form of "
                     "'file://<filepath>'.")


def _graph_print(inputs, output_stream, summarize, sep, end):
    """tf.print inside a graph (a PrintV2 op running on every call) — graph mode."""
    from . import graph_control_flow
    return graph_control_flow.graph_print(inputs, output_stream, summarize, sep, end)


def print_v2(*inputs, **kwargs):
    """`tf.print`: prints tensors (summarized, `summarize` entries per dimension end; default 3)
    and Python values, separated by `sep` and followed by `end`, to `output_stream` (default
    `sys.stderr`; also `sys.stdout`, a logging level or function, or `"file://<path>"`).

    >>> tf.print("x:", tf.range(10), output_stream=sys.stdout)
    x: [0 1 2 ... 7 8 9]
    """
    output_stream = kwargs.pop("output_stream", sys.stderr)
    kwargs.pop("name", None)
    summarize = kwargs.pop("summarize", 3)
    sep = kwargs.pop("sep", " ")
    end = kwargs.pop("end", os.linesep)
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments for tf.print: {kwargs}")
    write = _output_writer(output_stream)
    if any_symbolic(nest.flatten(list(inputs))) or _building_graph():
        return _graph_print(inputs, output_stream, summarize, sep, end)
    summarize = int(summarize.numpy()) if _is_tensor_like(summarize) else summarize
    if (len(inputs) == 1 and _is_tensor_like(inputs[0]) and inputs[0].shape.rank == 0
            and inputs[0].dtype == dtypes.string):
        v = inputs[0].numpy()
        write((v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)) + end)
        return None
    import pprint
    marker = "\x00tf_print_tensor\x00"
    texts = []
    parts = []
    for x in inputs:
        leaves = []
        for leaf in nest.flatten(x):
            if _is_tensor_like(leaf):
                texts.append(summarize_value(leaf.numpy(), summarize))
                leaves.append(marker)
            else:
                leaves.append(leaf)
        if isinstance(x, str):
            parts.append(x)
        else:
            parts.append(pprint.pformat(nest.pack_sequence_as(x, leaves)))
    template = sep.join(parts).replace(repr(marker), marker)
    pieces = template.split(marker)
    out = [pieces[0]]
    for text, piece in zip(texts, pieces[1:]):
        out.append(text)
        out.append(piece)
    write("".join(out) + end)
    return None


# -- py_function, numpy_function ------------------------------------------------------------------

def _graph_py_function(func, inp, Tout, name, numpy_mode=False):
    """A py_function as a graph op (EagerPyFunc calling back into Python) — graph mode."""
    from . import graph_control_flow
    return graph_control_flow.graph_py_function(func, inp, Tout, numpy_mode)


def _convert_output(value, dtype):
    if _is_variable(value):
        from .ops.array_ops import identity
        value = identity(value)
    if dtype == dtypes.string and isinstance(value, (np.ndarray, np.str_)) and \
            np.asarray(value).dtype.kind == "U":
        value = np.char.encode(np.asarray(value), "utf-8")
    try:
        return convert_to_tensor(value, dtype)
    except (TypeError, ValueError) as e:
        raise errors.InvalidArgumentError(None, None, f"{type(e).__name__}: {e}") from None


def _convert_outputs(result, Tout, what):
    """The function's results as tensors of the `Tout` dtypes (TF drops surplus values and
    raises InvalidArgumentError for missing ones)."""
    single = not isinstance(Tout, (list, tuple))
    touts = [Tout] if single else list(Tout)
    if result is None:
        values = []
    elif isinstance(result, (list, tuple)):
        values = list(result)
    else:
        values = [result]
    if len(values) < len(touts):
        raise errors.InvalidArgumentError(
            None, None, f"{what} returns {len(values)} values, but expects to see "
            f"{len(touts)} values.")
    out = [_convert_output(v, dtypes.as_dtype(d)) for v, d in zip(values, touts)]
    return out[0] if single else out


def _missing_tout():
    raise TypeError("Missing required argument: 'Tout'\n  If using tf.py_function as a "
                    "decorator, set `Tout`\n  **by name** above the function:\n  "
                    "`@tf.py_function(Tout=tout)`")


def _taped_py_call(func, args, Tout):
    """Runs `func` under a tape of its own: the gradient of the call is the gradient of what
    `func` computed from its inputs (first order only, and none to variables it reads, as TF's
    EagerPyFunc)."""
    from .framework.custom_gradient import custom_gradient
    from .framework.tape import GradientTape
    from .ops.array_ops import identity, stop_gradient
    floating = [i for i, a in enumerate(args) if a.dtype.is_floating or a.dtype.is_complex]
    if not floating:
        return _convert_outputs(func(*args), Tout, "py_function")

    @custom_gradient
    def call(*xs):
        inner = [identity(x) for x in xs]
        with GradientTape(persistent=True, watch_accessed_variables=False) as tape:
            for i in floating:
                tape.watch(inner[i])
            result = _convert_outputs(func(*inner), Tout, "py_function")
        flat = result if isinstance(result, list) else [result]

        def grad(*dys, variables=None):
            pairs = [(t, d) for t, d in zip(flat, dys) if d is not None]
            sources = [inner[i] for i in floating]
            grads = tape.gradient([t for t, _ in pairs], sources,
                                  output_gradients=[d for _, d in pairs]) if pairs \
                else [None] * len(sources)
            out = [None] * len(xs)
            for i, g in zip(floating, grads):
                out[i] = None if g is None else stop_gradient(g)
            if variables:
                return out, [None] * len(variables)
            return out
        return flat, grad

    out = call(*args)
    return out[0] if not isinstance(Tout, (list, tuple)) else list(out)


def py_function(func=None, inp=None, Tout=None, name=None):
    """Runs the Python function `func` on the tensors `inp`; outputs are converted to `Tout`
    (a dtype → one tensor, a list of dtypes → a list). Gradients flow through the tapeflow ops
    `func` runs.

    >>> tf.py_function(lambda x: x * 2, [tf.constant(3.0)], Tout=tf.float32)
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """
    if func is None:
        return lambda f: (lambda *args: py_function(f, list(args), Tout, name))
    if not callable(func):
        raise TypeError(f"Expected func to be callable. Received func={func} of type "
                        f"{type(func)}.")
    if Tout is None:
        _missing_tout()
    inp = list(inp or [])
    if any_symbolic(nest.flatten(inp)) or _building_graph():
        return _graph_py_function(func, inp, Tout, name)
    args = [x if _is_tensor_like(x) else convert_to_tensor(x) for x in inp]
    if isinstance(Tout, (list, tuple)) and not Tout:
        func(*args)
        return []
    return _taped_py_call(func, args, Tout)


def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):
    """Runs `func` on the NumPy values of `inp` and converts its results to `Tout` (no gradient).

    >>> tf.numpy_function(lambda x: x + 1, [tf.constant([1, 2])], tf.int32)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    if func is None:
        return lambda f: (lambda *args: numpy_function(f, list(args), Tout, stateful, name))
    if not callable(func):
        raise TypeError(f"Expected func to be callable. Received func={func} of type "
                        f"{type(func)}.")
    inp = list(inp or [])
    if any_symbolic(nest.flatten(inp)) or _building_graph():
        if Tout is None:
            _missing_tout()
        return _graph_py_function(func, inp, Tout, name, numpy_mode=True)
    if Tout is None:
        _missing_tout()
    args = [np.array(x.numpy() if _is_tensor_like(x) else x) for x in inp]
    from .ops.array_ops import stop_gradient
    if isinstance(Tout, (list, tuple)) and not Tout:
        func(*args)
        return []
    result = func(*args)
    # NumPy results keep their dtype (TF does not cast them to Tout); Python values take Tout.
    if isinstance(result, (np.ndarray, np.generic)) and not isinstance(Tout, (list, tuple)) \
            and np.asarray(result).dtype.kind not in "USO":
        result = convert_to_tensor(np.asarray(result))
    elif isinstance(result, (list, tuple)) and isinstance(Tout, (list, tuple)):
        result = [convert_to_tensor(np.asarray(r)) if isinstance(r, (np.ndarray, np.generic))
                  and np.asarray(r).dtype.kind not in "USO" else r for r in result]
    result = _convert_outputs(result, Tout, "numpy_function") if not _is_tensor_like(result) \
        else result
    return nest.map_structure(lambda t: stop_gradient(t) if isinstance(t, Tensor) else t, result)


# -- Assert, group, no_op, tuple, control_dependencies --------------------------------------------

def _summarize_eager(t, summarize):
    summarize = 3 if summarize is None else summarize
    v = np.asarray(t.numpy())
    if summarize < 0:
        summarize = v.size
    if v.ndim:
        flat = v.reshape(-1)
        items = [str(x) for x in flat[:summarize]]
        if len(items) < flat.size:
            items.append("...")
    else:
        items = [str(v[()])] if summarize != 0 else []
    return ", ".join(items)


def _graph_assert(condition, data, summarize, name):
    """tf.Assert as a graph op — graph mode."""
    from . import graph_control_flow
    return graph_control_flow.graph_assert(condition, data, summarize, name)


def Assert(condition, data, summarize=None, name=None):
    """Raises `InvalidArgumentError` listing `data` (summarized) when `condition` is false.

    >>> tf.Assert(tf.constant(True), ["never shown"])
    """
    if is_symbolic(condition) or any_symbolic(nest.flatten(list(data))):
        return _graph_assert(condition, data, summarize, name)
    if not condition:
        texts = [_summarize_eager(convert_to_tensor(x) if not _is_tensor_like(x) else x,
                                  summarize) for x in data]
        raise errors.InvalidArgumentError(
            None, None, "Expected '{}' to be true. Summarized data: {}".format(
                str(condition), "\n".join(texts)))
    return None


def group(*inputs, **kwargs):
    """Groups ops for control dependencies: in a graph, a NoOp operation whose control inputs
    are the inputs' operations (running it runs them); eagerly everything has already run: None.

    >>> print(tf.group(tf.constant(1)))
    None
    """
    from .compat.v1_ops import group as graph_group
    return graph_group(*inputs, name=kwargs.get("name"))


def no_op(name=None):
    """Does nothing: a NoOp operation in a graph; eagerly returns None."""
    from .compat.v1_ops import no_op as graph_no_op
    return graph_no_op(name)


def tuple_(tensors, control_inputs=None, name=None):
    """`tf.tuple`: the tensors, as a list, once all of them (and `control_inputs`) are computed.

    >>> tf.tuple([tf.constant(1)])
    [<tf.Tensor: shape=(), dtype=int32, numpy=1>]
    """
    if control_inputs is not None:
        for c in control_inputs:
            if callable(c) and not _is_tensor_like(c):
                c()
    return [None if t is None else (t if _is_tensor_like(t) else convert_to_tensor(t))
            for t in tensors]


class _NullContext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def control_dependencies(control_inputs):
    """A context in which ops run after `control_inputs`; eagerly everything runs in program
    order, so it only calls callables among `control_inputs`.

    >>> with tf.control_dependencies([tf.constant(1)]):
    ...     y = tf.constant(2) + 1
    """
    if _building_graph():
        from .compat.v1_ops import graph_control_dependencies
        return graph_control_dependencies(control_inputs)
    if control_inputs:
        for c in control_inputs:
            if callable(c) and not _is_tensor_like(c):
                c()
    return _NullContext()
