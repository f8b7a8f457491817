"""`tf.function`: Python functions traced into graphs, cached per input signature, and run as
compiled execution plans.

How it works (TF's semantics):
  * A call computes the arguments' *trace type*: tensors by dtype and shape (or the generalized
    shape of an `input_signature` or of `reduce_retracing`), variables by dtype and shape,
    Python values by value (objects by identity, or their `__tf_tracing_type__`), nests by
    structure. A new trace type traces the Python function once, AutoGraph-converted, with
    symbolic tensors (`framework/graph.py`): Python side effects such as `print` happen then,
    and only then; `tf.print` becomes an operation that prints on every call.
  * The trace is a `ConcreteFunction`: its `FuncGraph`, TF's signature objects, and an execution
    plan (`framework/plan.py`) that later calls run without Python dispatch.
  * Variables may be created only on the first trace (it is then traced again without creating
    any, as TF does); they are read and assigned at run time through their handles.
  * Called while a tape records (or inside another function's trace), a concrete function is one
    differentiable operation (`PartitionedCall`): its gradient is another concrete function
    built from the same gradient rules (so it is differentiable again), fed with the forward
    values it needs, which the forward call also returns.

    >>> @tf.function
    ... def square(x):
    ...     return x * x
    >>> square(tf.constant(3.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=9.0>
"""
import functools
import inspect
import itertools
import logging
import weakref

import numpy as np

from .framework import config_state, dtypes, nest
from .framework.errors import InvalidArgumentError, OpError, op_error
from .framework.graph import (RESOURCE, is_resource, resource_dtype, Graph, GraphBuilder, SymbolicTensor, _graph_state,
                              building_graph, register_name_hint)
from .framework.op import (ANY, Node, Primitive, _refresh, apply, defop, stack_replaced, state)
from .framework.composite_tensor import CompositeTensor
from .framework.plan import Plan
from .framework.tensor import AbstractArray, Tensor, TensorLike, convert_to_tensor, wrap
from .framework.tensor_shape import TensorShape
from .framework.variables import Variable

_log = logging.getLogger("tapeflow")
_uid = itertools.count(1)


# ============================================================================================
# TensorSpec
# ============================================================================================
class TensorSpec:
    """Describes a tensor: its shape (dimensions may be None) and dtype.

    >>> tf.TensorSpec(shape=(None, 3), dtype=tf.float32)
    TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)
    """

    def __init__(self, shape, dtype=dtypes.float32, name=None):
        self._shape = TensorShape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._name = name

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    name = property(lambda self: self._name)

    @classmethod
    def from_tensor(cls, tensor, name=None):
        return cls(tensor.shape, tensor.dtype, name)

    def is_compatible_with(self, spec_or_tensor):
        other_dtype = spec_or_tensor.dtype
        return other_dtype == self._dtype and self._shape_compatible(spec_or_tensor.shape)

    def _shape_compatible(self, shape):
        mine = self._shape.as_list() if self._shape.rank is not None else None
        theirs = shape.as_list() if shape.rank is not None else None
        if mine is None or theirs is None:
            return True
        return len(mine) == len(theirs) and all(a is None or b is None or a == b
                                                for a, b in zip(mine, theirs))

    def most_specific_compatible_type(self, other):
        return TensorSpec(_generalize(self._shape, other.shape), self._dtype)

    def __eq__(self, other):
        return (isinstance(other, TensorSpec) and self._dtype == other._dtype
                and self._shape == other._shape and self._name == other._name)

    def __hash__(self):
        return hash((str(self._shape), self._dtype.name, self._name))

    def __repr__(self):
        return "TensorSpec(shape=%s, dtype=%r, name=%r)" % (self._shape, self._dtype, self._name)


def _generalize(a, b):
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


# ============================================================================================
# FuncGraph: the graph of one trace, with its captures
# ============================================================================================
class FuncGraph(Graph):
    """The graph a `tf.function` trace builds: placeholders for the inputs, captured values from
    outside (eager tensors, variables' handles, tensors of other graphs), outputs."""

    def __init__(self, name):
        super().__init__()
        self.name = name
        self.building_function = True
        self.inputs = []            # placeholders of the function's own (flat) inputs
        self.outputs = []
        self.structured_input_signature = None
        self.structured_outputs = None
        self._captures = {}         # id(outside value) -> (value, placeholder)
        self._capture_order = []
        self._var_handles = {}      # id(variable) -> resource placeholder
        self._variables = []        # variables read or assigned, in first-use order
        self._created_variables = []
        self.outer_stack = []       # the recorder stack outside the trace (tf.init_scope)
        self._reads_foreign = False  # a backward graph reads its forward graph's tensors

    # -- captures ------------------------------------------------------------------------------
    def capture_eager(self, t, name="Const"):
        """An eager tensor used here: a constant when small, else a captured input."""
        v = t._value
        if type(v) is not np.ndarray or v.size <= 64 or v.dtype == object:
            return self.constant(v, name=name)
        return self._capture(t, t._value, lambda: self.placeholder(
            dtypes.from_numpy(v.dtype), v.shape, name=name))

    def capture_tensor(self, t):
        """A tensor of another graph used here: a placeholder of this graph, fed with it. The
        other graph must enclose this one (or this be its backward graph): a tensor leaked
        out of a finished trace is out of scope, as in TF."""
        if not self._reads_foreign and t._op._graph not in _graph_state.default_stack:
            raise TypeError(
                f"{t!r} is out of scope and cannot be used here. Use return values, explicit "
                f"Python locals or TensorFlow collections to access it.\nPlease see "
                f"https://www.tensorflow.org/guide/function#all_outputs_of_a_tffunction_must_be_"
                f"return_values for more information.")
        return self._capture(t, t, lambda: self.placeholder(
            t.dtype, t._value.shape if t._value.shape is not None else None,
            name=t._op.name.split("/")[-1]))

    def _capture(self, key_obj, value, make):
        entry = self._captures.get(id(key_obj))
        if entry is None:
            ph = make()
            entry = self._captures[id(key_obj)] = (key_obj, ph, value)
            self._capture_order.append(id(key_obj))
        return entry[1]

    def capture_variable(self, var):
        h = self._var_handles.get(id(var))
        if h is None:
            h = self.placeholder("resource", (), name="ReadVariableOp/resource")
            h._value = AbstractArray(var._array.shape, resource_dtype(var._array.dtype))
            self._var_handles[id(var)] = h
            self._captures[id(var)] = (var, h, var)
            self._capture_order.append(id(var))
            self._variables.append(var)
        return h

    @property
    def captures(self):
        return [(self._captures[k][0], self._captures[k][1]) for k in self._capture_order]

    @property
    def variables(self):
        return tuple(self._variables)

    @property
    def trainable_variables(self):
        return tuple(v for v in self._variables if v.trainable)

    # -- tracing -------------------------------------------------------------------------------
    def tracing(self):
        """A context manager: the caller's recorders hidden, this graph's builder active."""
        return _Tracing(self)


class _Tracing:
    def __init__(self, graph):
        self.graph = graph

    def __enter__(self):
        g = self.graph
        g.outer_stack = list(state.stack)
        _graph_state.default_stack.append(g)
        self.replaced = stack_replaced([GraphBuilder(g)])
        self.replaced.__enter__()
        _tracing.append(g)
        return g

    def __exit__(self, *exc):
        _tracing.pop()
        self.replaced.__exit__(*exc)
        _graph_state.default_stack.pop()


_tracing = []  # FuncGraphs being traced, innermost last


class init_scope:  # noqa: N801 - TF's name
    """Lifts the code inside out of every graph being built, into the eager context (as TF:
    where variables' initial values are computed).

    >>> with tf.init_scope():
    ...     print(tf.executing_eagerly())
    True
    """

    def __enter__(self):
        outer = None
        for g in reversed(_graph_state.default_stack):
            if isinstance(g, FuncGraph):
                outer = g.outer_stack
        if outer is None:
            self.replaced = None
            return None
        saved_default = list(_graph_state.default_stack)
        self.saved_default = saved_default
        _graph_state.default_stack[:] = [g for g in saved_default if not g.building_function and
                                         False]
        self.replaced = stack_replaced([r for r in outer if type(r) is not GraphBuilder])
        self.replaced.__enter__()
        return None

    def __exit__(self, *exc):
        if self.replaced is not None:
            self.replaced.__exit__(*exc)
            _graph_state.default_stack[:] = self.saved_default


# ============================================================================================
# Trace types
# ============================================================================================
class _Placeholder:
    """Where a tensor (or variable) goes in a traced call: its flat index and spec."""
    __slots__ = ()


def _trace_key(value):
    """The part of the cache key one argument contributes (see the module docstring)."""
    if isinstance(value, Variable):
        return ("V", value._array.dtype.str, tuple(value._array.shape))
    if isinstance(value, Tensor):
        v = value._value
        return ("T", v.dtype.str, None if v.shape is None else tuple(v.shape))
    if isinstance(value, TensorSpec):
        return ("T", value.dtype._np.str, None if value.shape.rank is None
                else tuple(value.shape.as_list()))
    if isinstance(value, CompositeTensor):
        return ("C", value._type_spec)
    if _is_composite_spec(value):
        return ("C", value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__,) + tuple(_trace_key(x) for x in value) + (
            getattr(value, "_fields", None),)
    if isinstance(value, dict):
        return ("dict",) + tuple((k, _trace_key(value[k])) for k in sorted(value, key=repr))
    tracing_type = getattr(value, "__tf_tracing_type__", None)
    if tracing_type is not None:
        return ("TT", tracing_type(None))
    try:
        hash(value)
        if isinstance(value, float) and value != value:  # NaN: by identity
            return ("P", type(value), id(value))
        return ("P", type(value), value)
    except TypeError:
        return ("P", type(value), id(value))


def _spec_of(value):
    if isinstance(value, TensorSpec):
        return value
    if isinstance(value, Variable):
        return TensorSpec(value.shape, value.dtype)
    return TensorSpec(TensorShape(value._value.shape) if value._value.shape is not None
                      else TensorShape(None), value.dtype)


# ============================================================================================
# ConcreteFunction
# ============================================================================================
class ConcreteFunction:
    """One trace of a `tf.function`: a graph with a fixed input signature (`tf.types.
    experimental.ConcreteFunction`). Call it with tensors (its Python arguments are fixed)."""

    def __init__(self, graph, python_signature, bound_python, name, parent=None):
        self.graph = graph
        self._python_signature = python_signature  # list of (name, kind, spec-or-value)
        self._bound_python = bound_python          # name -> Python value fixed at trace time
        self._name = name
        self._parent = parent
        capture_keys = graph._capture_order
        self._captured = [graph._captures[k] for k in capture_keys]  # (obj, placeholder, value)
        self._plan_inputs = list(graph.inputs) + [c[1] for c in self._captured]
        self._plan = Plan(graph, self._plan_inputs, graph.outputs, name=_py_name(name))
        self._backward = None  # (backward ConcreteFunction, saved tensors, forward plan)
        self._stateful = any(op._prim.stateful for op in graph._ops)
        self._packer = None

    # -- TF's inspection API -------------------------------------------------------------------
    name = property(lambda self: self._name)
    inputs = property(lambda self: self._plan_inputs)
    outputs = property(lambda self: list(self.graph.outputs))
    structured_outputs = property(lambda self: self.graph.structured_outputs)
    structured_input_signature = property(lambda self: self.graph.structured_input_signature)
    variables = property(lambda self: self.graph.variables)
    trainable_variables = property(lambda self: self.graph.trainable_variables)

    @property
    def captured_inputs(self):
        return [c[2] for c in self._captured]

    @property
    def function_type(self):
        return _FunctionType(self)

    @property
    def inference_fn(self):
        return self

    def pretty_printed_signature(self, verbose=True):
        lines = ["Input Parameters:"]
        for pname, kind, spec in self._python_signature:
            lines.append(f"  {pname} ({kind}): {_spec_text(spec)}")
        lines.append("Output Type:")
        lines.append(f"  {_structure_text(self.graph.structured_outputs)}")
        lines.append("Captures:")
        if self._captured:
            for obj, ph, value in self._captured:
                spec = TensorSpec((), "resource") if isinstance(obj, Variable) else _spec_of(ph)
                lines.append(f"  {id(obj)}: {_spec_text(spec)}")
        else:
            lines.append("  None")
        return "\n".join(lines)

    def __str__(self):
        return "ConcreteFunction " + self.pretty_printed_signature()

    def __repr__(self):
        return f"<ConcreteFunction {self.function_type} at 0x{id(self):X}>"

    # -- calling -------------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        flat = self._bind(args, kwargs)
        outs = self._call_flat(flat)
        return _pack_outputs(self.graph.structured_outputs, outs)

    def _bind(self, args, kwargs):
        """The flat input tensors from a call's arguments (checked against the signature).
        When the arguments do not bind to the Python signature, they may be the tensor
        arguments alone, in order (TF's flat-signature fallback)."""
        try:
            return self._bind_structured(args, kwargs)
        except TypeError:
            tensor_params = [n for n, _, _ in self._python_signature
                             if n not in self._bound_python]
            if kwargs or not args or len(args) != len(tensor_params) or len(args) == len(
                    self._python_signature):
                raise
            return self._bind_structured((), dict(zip(tensor_params, args)))

    def _bind_structured(self, args, kwargs):
        sig = self._python_signature
        names = [n for n, _, _ in sig]
        bound = {}
        if len(args) > len(sig):
            raise TypeError(f"{self._name}() takes {len(sig)} positional arguments but "
                            f"{len(args)} were given")
        for (n, _, _), a in zip(sig, args):
            bound[n] = a
        for k, v in kwargs.items():
            if k not in names:
                raise TypeError(f"{_py_name(self._name)}() got an unexpected keyword argument "
                                f"'{k}'")
            if k in bound:
                raise TypeError(f"{_py_name(self._name)}() got multiple values for argument "
                                f"'{k}'")
            bound[k] = v
        flat = []
        for n, kind, spec in sig:
            if n not in bound:
                if n in self._bound_python:
                    continue
                raise TypeError(f"{_py_name(self._name)}() missing required argument '{n}'")
            value = bound[n]
            if n in self._bound_python:
                fixed = self._bound_python[n]
                if not (value is fixed or _same_python(value, fixed)):
                    raise TypeError(
                        f"Binding inputs to tf.function failed due to `Can not cast {value!r} to "
                        f"{_spec_text(spec)}`. Received args: {args} and kwargs: {kwargs} for "
                        f"signature: {self.function_type}.")
                continue
            leaves = nest.flatten(value)
            specs = nest.flatten(spec)
            if len(leaves) != len(specs):
                raise TypeError(f"Binding inputs to tf.function failed: argument {n} does not "
                                f"match the structure of {spec!r}")
            for leaf, s in zip(leaves, specs):
                if isinstance(s, TensorSpec) or isinstance(s, _VariableSpec):
                    flat.append(leaf)
                elif _is_composite_spec(s):
                    if not isinstance(leaf, CompositeTensor) or not s.is_compatible_with(leaf):
                        raise TypeError(
                            f"Binding inputs to tf.function failed due to `Can not cast "
                            f"{leaf!r} to {s!r}`. Received args: {args} and kwargs: {kwargs} "
                            f"for signature: {self.function_type}.")
                    flat.extend(s._to_components(leaf))
        return flat

    def _call_flat(self, flat):
        """Runs the function on flat inputs (tensors and variables); returns flat outputs."""
        graph_inputs = self.graph.inputs
        if len(flat) != len(graph_inputs):
            raise TypeError(f"{self._name} takes {len(graph_inputs)} tensor inputs but "
                            f"{len(flat)} were given")
        tensors = []
        for i, (x, ph) in enumerate(zip(flat, graph_inputs)):
            if is_resource(ph._value.dtype):
                if not isinstance(x, Variable):
                    raise TypeError(f"{self._name}: input {i} must be a tf.Variable")
                tensors.append(x)
                continue
            if not isinstance(x, TensorLike):
                x = convert_to_tensor(x, dtype=ph.dtype)
            elif isinstance(x, Variable):
                x = x._read()
            if x._value.dtype != ph._value.dtype:
                raise op_error(InvalidArgumentError, self._name,
                               f"cannot compute {self._name} as input #{i}(zero-based) was "
                               f"expected to be a {ph.dtype._cname} tensor but is a "
                               f"{x.dtype._cname} tensor")
            tensors.append(x)
        if state.recorders:
            return self._call_recorded(tensors)
        values = [x if type(x) is Variable else x._value for x in tensors]
        values += [c[2] if isinstance(c[2], Variable) else c[2] for c in self._captured]
        return [wrap(v) for v in self._plan.run(values)]

    def _run_fed(self, tensors):
        """Runs on input tensors already known to match the signature; packs the outputs."""
        if state.recorders:
            outs = self._call_recorded(tensors)
        else:
            values = [x._value for x in tensors]
            if self._captured:
                values += [c[2] for c in self._captured]
            outs = [wrap(v) for v in self._plan.run(values)]
        pack = self._packer
        if pack is None:
            pack = self._packer = _packer_for(self.graph.structured_outputs)
        return pack(outs)

    def _run_plan(self, flat_values):
        return self._plan.run(flat_values + [c[2] for c in self._captured])

    def _call_recorded(self, tensors):
        """A call other recorders see: one PartitionedCall operation (its forward also returns
        the values the gradient needs, when something may differentiate it)."""
        variables = [x for x in tensors if isinstance(x, Variable)] + [
            c[0] for c in self._captured if isinstance(c[0], Variable)]
        differentiable = any(not r.interprets for r in state.recorders)
        for rec in state.recorders:
            for v in variables:
                rec.variable_accessed(v)
        inputs = [x for x in tensors if not isinstance(x, Variable)] + variables
        attrs = {"f": self, "n_tensors": len(tensors) - sum(isinstance(x, Variable)
                                                             for x in tensors),
                 "saves": differentiable, "resources": tuple(variables)}
        op = STATEFUL_CALL if self._stateful else CALL
        outs = apply(op, inputs, attrs)
        return list(outs[:len(self.graph.outputs)])

    # -- the backward function -----------------------------------------------------------------
    def _gradient_function(self):
        """(backward ConcreteFunction, forward tensors it needs, forward plan returning them),
        built once: the backward graph runs every differentiable operation's gradient rule in
        reverse, with the forward graph's tensors as (saved) inputs."""
        if self._backward is None:
            self._backward = _build_backward(self)
        return self._backward


class _VariableSpec:
    def __init__(self, var):
        self.shape = var.shape
        self.dtype = var.dtype

    def __repr__(self):
        return f"VariableSpec(shape={self.shape}, dtype={self.dtype!r}, trainable=True, " \
               f"alias_id=None)"


class _FunctionType:
    def __init__(self, cf):
        self._cf = cf

    def __str__(self):
        params = ", ".join(f"{n}: {_spec_text(s)}" for n, _, s in self._cf._python_signature)
        return f"({params}) -> {_structure_text(self._cf.graph.structured_outputs)}"

    __repr__ = __str__


def _py_name(name):
    return name if name.isidentifier() else "f"


def _same_python(a, b):
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # noqa: BLE001 - not comparable: not the same
        return False


def _spec_text(spec):
    if isinstance(spec, (TensorSpec, _VariableSpec)):
        return repr(spec)
    if isinstance(spec, _Literal):
        return repr(spec)
    if isinstance(spec, (list, tuple)):
        inner = ", ".join(_spec_text(s) for s in spec)
        return ("List[" if isinstance(spec, list) else "Tuple[") + inner + "]"
    if isinstance(spec, dict):
        return "Dict[" + ", ".join(f"[Literal[{k!r}], {_spec_text(v)}]"
                                  for k, v in spec.items()) + "]"
    return repr(spec)


class _Literal:
    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"Literal[{self.value!r}]"


def _structure_text(out):
    if out is None:
        return "Literal[None]"
    if isinstance(out, SymbolicTensor):
        return repr(TensorSpec(out.shape, out.dtype))
    if isinstance(out, (list, tuple)):
        return ("List[" if isinstance(out, list) else "Tuple[") + ", ".join(
            _structure_text(o) for o in out) + "]"
    if isinstance(out, dict):
        return "Dict[" + ", ".join(f"[Literal[{k!r}], {_structure_text(v)}]"
                                  for k, v in out.items()) + "]"
    return f"Literal[{out!r}]"


def _with_nones(structure, outs):
    """The flat outputs with the structure's non-tensor leaves (None) put back."""
    it = iter(outs)
    return [next(it) if isinstance(leaf, SymbolicTensor) else leaf
            for leaf in nest.flatten(structure, expand_composites=True)]


def _is_composite_spec(x):
    return hasattr(x, "_from_components") and not isinstance(x, CompositeTensor)


def _component_specs(spec):
    """The TensorSpecs of a composite spec's components (shapes with unknown sizes)."""
    out = getattr(spec, "_component_specs", None)
    if out is not None:
        return list(out)
    from .framework.sparse_tensor import SparseTensorSpec
    if isinstance(spec, SparseTensorSpec):
        rank = spec.shape.rank
        return [TensorSpec([None, rank], dtypes.int64), TensorSpec([None], spec.dtype),
                TensorSpec([rank], dtypes.int64)]
    # RaggedTensorSpec: flat values, then one row-splits vector per ragged dimension
    shape = spec.shape
    rr = spec.ragged_rank
    inner = shape.as_list()[rr + 1:] if shape.rank is not None else None
    flat = TensorSpec([None] + inner if inner is not None else None, spec.dtype)
    return [flat] + [TensorSpec([None], spec.row_splits_dtype) for _ in range(rr)]


def _first(outs):
    return outs[0]


def _packer_for(structure):
    """A function packing flat outputs into `structure` (short ways for the usual ones)."""
    if isinstance(structure, SymbolicTensor):
        return _first
    if type(structure) in (tuple, list) and all(isinstance(x, SymbolicTensor)
                                                for x in structure):
        return tuple if type(structure) is tuple else list
    return functools.partial(_pack_outputs, structure)


def _pack_outputs(structure, outs):
    return nest.pack_sequence_as(structure, _with_nones(structure, outs), expand_composites=True)


# ============================================================================================
# Tracing one call
# ============================================================================================
def _trace(python_function, args, kwargs, signature, name, allow_variables):
    """Traces `python_function` on `args`/`kwargs` (values, tensors or TensorSpecs) into a
    ConcreteFunction. `signature` is the inspect.Signature of the Python function."""
    graph = FuncGraph(name)
    bound = signature.bind(*args, **kwargs) if signature is not None else None
    if bound is not None:
        bound.apply_defaults()
        items = list(bound.arguments.items())
        params = signature.parameters
    else:
        items = [(f"arg{i}", a) for i, a in enumerate(args)] + list(kwargs.items())
        params = {}
    python_signature = []
    bound_python = {}
    call_args, call_kwargs = [], {}
    with graph.tracing():
        for pname, value in items:
            kind = params[pname].kind.name if pname in params else "POSITIONAL_OR_KEYWORD"
            if kind == "VAR_POSITIONAL":
                sym = []
                specs = []
                for i, v in enumerate(value):
                    s, sp = _placeholders(graph, v, f"{pname}_{i}" if i else pname)
                    sym.append(s)
                    specs.append(sp)
                python_signature.append((pname, kind, tuple(specs)))
                call_args.extend(sym)
                continue
            if kind == "VAR_KEYWORD":
                for k, v in value.items():
                    s, sp = _placeholders(graph, v, k)
                    python_signature.append((k, "KEYWORD_ONLY", sp))
                    call_kwargs[k] = s
                    if not nest.flatten(sp) or not any(isinstance(x, (TensorSpec, _VariableSpec))
                                                       for x in nest.flatten(sp)):
                        bound_python[k] = v
                continue
            sym, spec = _placeholders(graph, value, pname)
            python_signature.append((pname, kind, spec))
            if not any(isinstance(x, (TensorSpec, _VariableSpec)) for x in nest.flatten(spec)):
                bound_python[pname] = value
            if kind == "KEYWORD_ONLY":
                call_kwargs[pname] = sym
            else:
                call_args.append(sym)
        graph.structured_input_signature = (
            tuple(_named_specs(sp, n) for n, k, sp in python_signature
                  if k not in ("KEYWORD_ONLY",)),
            {n: _named_specs(sp, n) for n, k, sp in python_signature if k == "KEYWORD_ONLY"})
        token = _VariablePolicy(allow_variables)
        with token:
            try:
                out = python_function(*call_args, **call_kwargs)
            except Exception as e:  # noqa: BLE001 - re-raised, rewritten as TF's
                rewritten = _in_user_code(e)
                if rewritten is None:
                    raise
                raise rewritten.with_traceback(e.__traceback__) from None
        out = _convert_outputs(graph, out)
    graph.structured_outputs = out
    graph._created_variables = token.created
    return ConcreteFunction(graph, python_signature, bound_python, name)


_STRING_CONSTRUCTED = (AssertionError, AttributeError, NameError, NotImplementedError,
                      RuntimeError, StopIteration, TypeError, UnboundLocalError, ValueError)


def _in_user_code(error):
    """TF's rewrite of an error raised in AutoGraph-converted code while tracing: the same type,
    its message prefixed with "in user code:" and the user's frames (tapeflow's own left out).
    None when the error did not pass through converted code (or is already rewritten)."""
    import os
    import traceback

    from .autograph.impl import GENERATED_ORIGINS
    if getattr(error, "_tapeflow_in_user_code", False):
        return None
    frames = traceback.extract_tb(error.__traceback__)
    if not any(f.filename in GENERATED_ORIGINS for f in frames):
        return None
    package = os.path.dirname(os.path.abspath(__file__)) + os.sep
    lines = ["in user code:", ""]
    for f in frames:
        converted = f.filename in GENERATED_ORIGINS
        filename = GENERATED_ORIGINS.get(f.filename, f.filename)
        if filename.startswith(package):
            continue
        name = f.name[4:] if converted and f.name.startswith("tf__") else f.name
        lines.append(f'    File "{filename}", line {f.lineno}, in {name}' +
                     ("  *" if converted else ""))
        lines.append("        " + (f.line.strip() if f.line else "<source unavailable>"))
    lines.append("")
    cause = "".join(traceback.format_exception_only(type(error), error)).rstrip("\n")
    lines.extend("    " + ln for ln in cause.split("\n"))
    lines.append("")
    message = "\n".join(lines)
    kind = type(error)
    if isinstance(error, OpError):
        try:
            new = kind(error.node_def, error.op, message)
        except TypeError:
            return None
    elif kind in _STRING_CONSTRUCTED or kind.__init__ is Exception.__init__:
        try:
            new = kind(message)
        except TypeError:
            return None
    else:
        return None
    new._tapeflow_in_user_code = True
    return new


def trace_internal(fn, specs, name):
    """Traces `fn(*placeholders)` (one placeholder per TensorSpec in `specs`) into a
    ConcreteFunction: the branches and loop bodies of graph control flow."""
    graph = FuncGraph(name)
    with graph.tracing():
        args = []
        for i, s in enumerate(specs):
            ph = graph.placeholder(s.dtype, s.shape.as_list() if s.shape.rank is not None
                                   else None, name=f"arg{i}" if i else "arg")
            graph.inputs.append(ph)
            args.append(ph)
        graph.structured_input_signature = (tuple(specs), {})
        out = _convert_outputs(graph, fn(*args))
    graph.structured_outputs = out
    signature = [(f"arg{i}", "POSITIONAL_ONLY", s) for i, s in enumerate(specs)]
    return ConcreteFunction(graph, signature, {}, name)


def lift_captures(cf):
    """Makes `cf`'s captures of tensors of other graphs and of variables explicit inputs (after
    its own), so the operation calling it lists them. Returns those outer values, in order."""
    keep, moved = [], []
    for c in cf._captured:
        (moved if isinstance(c[0], (SymbolicTensor, Variable)) else keep).append(c)
    if not moved:
        return []
    cf.graph.inputs.extend(c[1] for c in moved)
    cf._python_signature = cf._python_signature + [
        (f"capture_{i}", "POSITIONAL_ONLY", _spec_of(c[1]) if not isinstance(c[0], Variable)
         else _VariableSpec(c[0])) for i, c in enumerate(moved)]
    cf._captured = keep
    cf._plan_inputs = list(cf.graph.inputs) + [c[1] for c in keep]
    cf._plan = Plan(cf.graph, cf._plan_inputs, cf.graph.outputs, name=_py_name(cf.name))
    return [c[0] for c in moved]


def _named_specs(spec, name):
    if isinstance(spec, TensorSpec):
        return TensorSpec(spec.shape, spec.dtype, name)
    return spec


def _placeholders(graph, value, pname):
    """Symbolic stand-ins for one argument: placeholders for its tensor leaves (and resource
    placeholders for its variables); other leaves pass as they are. Returns (value, spec)."""
    counter = itertools.count()

    def leaf(x):
        k = next(counter)
        name = pname if k == 0 else f"{pname}_{k}"
        if isinstance(x, Variable):
            h = graph.placeholder("resource", (), name=name)
            h._value = AbstractArray(x._array.shape, resource_dtype(x._array.dtype))
            graph.inputs.append(h)
            graph._var_handles[id(x)] = h
            graph._variables.append(x)
            return x, _VariableSpec(x)
        if isinstance(x, (Tensor, TensorSpec)):
            spec = _spec_of(x)
            ph = graph.placeholder(spec.dtype, spec.shape.as_list() if spec.shape.rank is not None
                                   else None, name=name)
            graph.inputs.append(ph)
            return ph, TensorSpec(spec.shape, spec.dtype)
        if isinstance(x, CompositeTensor) or _is_composite_spec(x):
            # a RaggedTensor or SparseTensor: a placeholder per component, rebuilt inside
            spec = x if _is_composite_spec(x) else x._type_spec
            parts = []
            for j, c in enumerate(_component_specs(spec)):
                ph = graph.placeholder(c.dtype, c.shape.as_list() if c.shape.rank is not None
                                       else None, name=name if j == 0 else f"{name}_{j}")
                graph.inputs.append(ph)
                parts.append(ph)
            return spec._from_components(parts), spec
        return x, _Literal(x) if not isinstance(x, (list, tuple, dict)) else x

    if isinstance(value, (Tensor, TensorSpec, Variable)) or not nest.is_nested(value):
        return leaf(value)
    flat = nest.flatten(value)
    pairs = [leaf(x) for x in flat]
    return (nest.pack_sequence_as(value, [p[0] for p in pairs]),
            nest.pack_sequence_as(value, [p[1] for p in pairs]))


def _convert_outputs(graph, out):
    """The function's return value with tensors made outputs of the graph (through Identity
    operations, as TF's), Python numbers converted to tensors, variables read."""
    from .ops.array_ops import identity

    def convert(x):
        if x is None:
            return None
        if isinstance(x, Variable):
            x = x._read()
        if isinstance(x, (Tensor, int, float, bool, complex, np.ndarray, np.generic)):
            t = convert_to_tensor(x)
            if not isinstance(t, SymbolicTensor) or t._op._graph is not graph:
                t = GraphBuilder(graph).capture(t)
            o = identity(t)
            graph.outputs.append(o)
            return o
        if isinstance(x, CompositeTensor):
            spec = x._type_spec
            return spec._from_components([convert(c) for c in spec._to_components(x)])
        raise TypeError(f"To be compatible with tf.function, Python functions must return zero or "
                        f"more Tensors or ExtensionTypes or None values; in compilation of "
                        f"{graph.name}, found return value of type {type(x).__name__}, which is not "
                        f"a Tensor or ExtensionType.")
    if nest.is_nested(out):
        return nest.map_structure(convert, out)
    return convert(out)


class _VariablePolicy:
    """Tracks variables created while tracing; forbids them when `allow` is False."""

    stack = []

    def __init__(self, allow):
        self.allow = allow
        self.created = []

    def __enter__(self):
        _VariablePolicy.stack.append(self)

    def __exit__(self, *exc):
        _VariablePolicy.stack.pop()


def lift_initial_value(initial_value, dtype):
    """A variable's initial value computed outside any graph being built (TF's init_scope): a
    callable runs eagerly; a graph tensor is evaluated now from the operations it comes from
    (which must not depend on the function's inputs)."""
    if callable(initial_value):
        with init_scope():
            return initial_value()
    if isinstance(initial_value, SymbolicTensor):
        g = initial_value.graph
        try:
            plan = Plan(g, [], [initial_value], name="lifted_initial_value")
        except Exception as e:  # noqa: BLE001 - TF's error for an initializer that needs inputs
            raise ValueError(
                f"An op outside of the function building code is being passed a \"Graph\" "
                f"tensor. It is possible to have Graph tensors leak out of the function building "
                f"context by including a tf.init_scope in your function building code. The "
                f"graph tensor has name: {initial_value.name}") from e
        with init_scope():
            return wrap(plan.run([])[0])
    return initial_value


def variable_created_in_trace(var):
    """Called by Variable's constructor while a trace runs (see variables.py)."""
    if not _VariablePolicy.stack:
        return
    policy = _VariablePolicy.stack[-1]
    if not policy.allow:
        raise ValueError("tf.function only supports singleton tf.Variables created on the first "
                         "call. Make sure the tf.Variable is only created once or created outside "
                         "tf.function. See https://www.tensorflow.org/guide/function#creating_"
                         "tfvariables for more information.")
    policy.created.append(var)


# ============================================================================================
# Function: the polymorphic tf.function
# ============================================================================================
class Function:
    """A `tf.function`-decorated callable (TF's `PolymorphicFunction`)."""

    def __init__(self, python_function, input_signature=None, name=None, **options):
        self._python_function = python_function
        self._input_signature = None if input_signature is None else list(input_signature)
        self._options = options
        self._cache = {}        # trace key -> ConcreteFunction
        self._fast = {}         # _fast_key of positional arguments -> (ConcreteFunction, fed)
        self._generalized = []  # (specs key, ConcreteFunction) for reduce_retracing
        self._tracing_count = 0
        self._created_variables = False
        self._recent = []
        self.__name__ = name or getattr(python_function, "__name__", "function")
        self._instances = weakref.WeakKeyDictionary() if False else {}
        functools.update_wrapper(self, python_function)
        try:
            self._signature = inspect.signature(python_function)
        except (TypeError, ValueError):
            self._signature = None

    @property
    def python_function(self):
        return self._python_function

    @property
    def input_signature(self):
        return None if self._input_signature is None else tuple(self._input_signature)

    def __get__(self, instance, owner):
        if instance is None:
            return self
        bound = self._instances.get(id(instance))
        if bound is None or bound[0]() is not instance:
            fn = Function(self._python_function.__get__(instance, owner), self._input_signature,
                          self.__name__, **self._options)
            try:
                ref = weakref.ref(instance)
            except TypeError:
                ref = lambda: instance  # noqa: E731 - objects without weakrefs
            self._instances[id(instance)] = bound = (ref, fn)
        return bound[1]

    def _callable(self):
        converted = self.__dict__.get("_converted")
        if converted is None:
            converted = self._python_function
            if self._options.get("autograph", True):
                from . import autograph
                converted = autograph.convert(
                    self._python_function,
                    optional_features=self._options.get("experimental_autograph_options"))
            self._converted = converted
        return converted

    # -- calls ---------------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        if config_state.run_functions_eagerly:
            if self._input_signature is not None:
                args = self._check_signature(args, kwargs)
            return self._python_function(*args, **kwargs)
        if not kwargs:
            # the fast path: positional tensors and plain Python values seen before
            key = _fast_key(args)
            if key is not None:
                entry = self._fast.get(key)
                if entry is not None:
                    concrete, fed = entry
                    return concrete._run_fed([args[i] for i in fed])
        concrete, flat = self._concrete_for(args, kwargs)
        if not kwargs and key is not None and len(flat) == len(concrete.graph.inputs) and \
                self._input_signature is None:
            fed = tuple(i for i, a in enumerate(args) if type(a) is Tensor)
            if len(fed) == len(flat):
                self._fast[key] = (concrete, fed)
        outs = concrete._call_flat(flat)
        return _pack_outputs(concrete.graph.structured_outputs, outs)

    def _concrete_for(self, args, kwargs):
        if self._input_signature is not None:
            args = self._check_signature(args, kwargs)
            kwargs = {}
            key = ("sig",)
            concrete = self._cache.get(key)
            if concrete is None:
                concrete = self._trace_new(tuple(self._input_signature), {}, key)
            return concrete, _flat_tensor_args(args, {})
        key = self._key(args, kwargs)
        concrete = self._cache.get(key)
        if concrete is None:
            concrete = self._generalized_match(args, kwargs)
        if concrete is None:
            t_args, t_kwargs = args, kwargs
            if self._options.get("reduce_retracing") and self._cache:
                t_args, t_kwargs = self._generalize(args, kwargs)
            concrete = self._trace_new(t_args, t_kwargs, key)
        return concrete, _flat_tensor_args(args, kwargs)

    def _key(self, args, kwargs):
        if self._signature is not None:
            try:
                bound = self._signature.bind(*args, **kwargs)
                bound.apply_defaults()
                return tuple((n, _trace_key(v)) for n, v in bound.arguments.items())
            except TypeError:
                pass
        return (tuple(_trace_key(a) for a in args),
                tuple(sorted((k, _trace_key(v)) for k, v in kwargs.items())))

    def _generalize(self, args, kwargs):
        """With reduce_retracing: tensor arguments as specs whose dimensions differing from an
        earlier trace's are None."""
        prior = next(iter(self._cache.values()))
        prev = [s for s in nest.flatten(prior.graph.structured_input_signature)
                if isinstance(s, TensorSpec)]
        it = iter(prev)

        def gen(x):
            if isinstance(x, Tensor):
                s = next(it, None)
                if s is not None and s.dtype == x.dtype and s.shape.rank == x.shape.rank:
                    return TensorSpec(_generalize(s.shape, x.shape), x.dtype)
                return TensorSpec(x.shape, x.dtype)
            return x
        g_args = nest.map_structure(gen, list(args))
        g_kwargs = {k: nest.map_structure(gen, v) for k, v in kwargs.items()}
        return g_args, g_kwargs

    def _generalized_match(self, args, kwargs):
        """A trace whose (generalized) input specs accept these arguments."""
        flat = nest.flatten([list(args), kwargs])
        for concrete in self._cache.values():
            specs = nest.flatten(list(concrete.graph.structured_input_signature))
            if len(specs) != len(flat):
                continue
            ok = True
            for s, a in zip(specs, flat):
                if isinstance(s, TensorSpec):
                    if not (isinstance(a, Tensor) and not isinstance(a, Variable)
                            and s.is_compatible_with(a)):
                        ok = False
                        break
                elif isinstance(s, _VariableSpec):
                    if not isinstance(a, Variable) or a.dtype != s.dtype or a.shape != s.shape:
                        ok = False
                        break
                else:
                    if isinstance(a, TensorLike) or not _same_python(a, getattr(s, "value", s)):
                        ok = False
                        break
            if ok and any(isinstance(s, TensorSpec) and not s.shape.is_fully_defined()
                          for s in specs):
                return concrete
        return None

    def _trace_new(self, args, kwargs, key):
        name = f"__inference_{getattr(self._python_function, '__name__', 'f')}_{next(_uid)}"
        fn = self._callable()
        allow = not self._created_variables
        concrete = _trace(fn, args, kwargs, self._signature, name, allow)
        self._tracing_count += 1
        if concrete.graph._created_variables:
            # as TF: variables may be made on the first trace only, which is then traced again
            self._created_variables = True
            concrete = _trace(fn, args, kwargs, self._signature, name, False)
        self._cache[key] = concrete
        self._note_retrace()
        return concrete

    def _note_retrace(self):
        import time
        now = time.monotonic()
        self._recent = [t for t in self._recent if now - t < 1.0] + [now]
        if len(self._recent) >= 5 and self._tracing_count >= 5:
            _log.warning("%d out of the last %d calls to %s triggered tf.function retracing. "
                         "Tracing is expensive and the excessive number of tracings could be due "
                         "to (1) creating @tf.function repeatedly in a loop, (2) passing tensors "
                         "with different shapes, (3) passing Python objects instead of tensors. "
                         "For (1), please define your @tf.function outside of the loop. For (2), "
                         "@tf.function has reduce_retracing=True option that can avoid unnecessary "
                         "retracing. For (3), please refer to "
                         "https://www.tensorflow.org/guide/function#controlling_retracing and "
                         "https://www.tensorflow.org/api_docs/python/tf/function for  more "
                         "details.", len(self._recent), len(self._recent), self._python_function)
            self._recent = []

    def _check_signature(self, args, kwargs):
        specs = self._input_signature
        if kwargs:
            args = list(args)
            names = list(self._signature.parameters) if self._signature else []
            for k, v in kwargs.items():
                if k in names and names.index(k) >= len(args):
                    while len(args) < names.index(k):
                        args.append(None)
                    args.append(v)
                else:
                    raise TypeError(f"{self.__name__}() got an unexpected keyword argument '{k}'")
        if len(args) != len(specs):
            raise TypeError(f"{self.__name__}() takes {len(specs)} positional arguments (from its "
                            f"input_signature) but {len(args)} were given")
        out = []
        for i, (arg, spec) in enumerate(zip(args, specs)):
            flat_specs = nest.flatten(spec)
            flat_args = [arg] if isinstance(spec, TensorSpec) else nest.flatten(arg)
            if len(flat_specs) != len(flat_args):
                raise TypeError(f"Binding inputs to tf.function `{self.__name__}` failed: argument "
                                f"{i} does not match the structure of {spec!r}")
            converted = []
            for a, s in zip(flat_args, flat_specs):
                if _is_composite_spec(s):
                    if not s.is_compatible_with(a):
                        raise TypeError(
                            f"Binding inputs to tf.function failed due to `Can not cast "
                            f"{a!r} to {s!r}`. Received args: {args} and kwargs: {kwargs} for "
                            f"signature: {self._signature_text()}.")
                    converted.append(a)
                    continue
                try:
                    t = a if isinstance(a, Variable) else convert_to_tensor(a, s.dtype)
                except (TypeError, ValueError):
                    t = convert_to_tensor(a)
                if not s.is_compatible_with(t):
                    raise TypeError(
                        f"Binding inputs to tf.function failed due to `Can not cast "
                        f"{TensorSpec(t.shape, t.dtype)!r} to {s!r}`. Received args: {args} and "
                        f"kwargs: {kwargs} for signature: {self._signature_text()}.")
                converted.append(t)
            out.append(converted[0] if isinstance(spec, TensorSpec)
                       else nest.pack_sequence_as(arg, converted))
        return out

    def _signature_text(self):
        names = list(self._signature.parameters) if self._signature else [
            f"arg{i}" for i in range(len(self._input_signature))]
        return "(" + ", ".join(f"{n}: {_spec_text(s)}" for n, s in zip(
            names, self._input_signature)) + ")"

    # -- TF's API ------------------------------------------------------------------------------
    def get_concrete_function(self, *args, **kwargs):
        """The ConcreteFunction for these arguments (tensors or TensorSpecs), traced if new."""
        if self._input_signature is not None and not args and not kwargs:
            args = tuple(self._input_signature)
        if self._input_signature is not None:
            key = ("sig",)
            concrete = self._cache.get(key)
            if concrete is None:
                concrete = self._trace_new(tuple(self._input_signature), {}, key)
            return concrete
        key = self._key(args, kwargs)
        concrete = self._cache.get(key)
        if concrete is None:
            concrete = self._trace_new(args, kwargs, key)
        return concrete

    def experimental_get_tracing_count(self):
        """How many times the Python function has been traced (a retrace for variables made on
        the first trace does not count, as in TF)."""
        return self._tracing_count

    def pretty_printed_concrete_signatures(self, verbose=True):
        return "\n\n".join(c.pretty_printed_signature(verbose) for c in self._cache.values())

    def _list_all_concrete_functions(self):
        return list(self._cache.values())

    @property
    def function_spec(self):
        return self._signature

    def __repr__(self):
        return f"<tensorflow.python.eager.polymorphic_function.polymorphic_function.Function " \
               f"object at 0x{id(self):x}>"


_FAST_PYTHON = (int, float, bool, str, type(None))


def _fast_key(args):
    """A cheap cache key for positional arguments that are eager Tensors (by dtype and shape)
    or plain Python values (by value), or None when another kind of argument needs the full
    trace key."""
    key = []
    for a in args:
        t = type(a)
        if t is Tensor:
            v = a._value
            key.append((v.dtype, v.shape))
        elif t in _FAST_PYTHON and a == a:  # (NaN: by identity, through the full key)
            key.append((t, a))
        else:
            return None
    return tuple(key)


def _flat_tensor_args(args, kwargs):
    """The tensor (and variable) leaves of a call's arguments, in trace order."""
    out = []
    for leaf in nest.flatten([list(args), kwargs], expand_composites=True):
        if isinstance(leaf, (Tensor, Variable)):
            out.append(leaf)
    return out


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_implements=None,
             experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None,
             experimental_follow_type_hints=None, name=None):
    """`@tf.function`: traces the function into a graph per input signature (see the module
    docstring). Accepted with or without arguments.

    >>> tf.function(lambda x: x + 1)(tf.constant(1))
    <tf.Tensor: shape=(), dtype=int32, numpy=2>
    """
    options = {"autograph": autograph, "jit_compile": jit_compile,
               "reduce_retracing": bool(reduce_retracing or experimental_relax_shapes),
               "experimental_autograph_options": experimental_autograph_options}

    def decorate(f):
        if isinstance(f, Function):
            return f
        return Function(f, input_signature=input_signature, name=name, **options)

    return decorate if func is None else decorate(func)


# ============================================================================================
# PartitionedCall: a concrete function as one differentiable operation
# ============================================================================================
def _call_forward(*values, f, n_tensors, saves, resources):
    tensors = list(values[:n_tensors])
    # eagerly a variable input arrives as its value; in a graph plan, as the Variable itself
    variables = [v if isinstance(v, Variable) else r
                 for v, r in zip(values[n_tensors:], resources)]
    feeds = _feeds(f, tensors, variables)
    if saves:
        return tuple(f._gradient_function()[2].run(feeds))
    return tuple(f._plan.run(feeds))


def _feeds(f, tensors, variables):
    """The plan's inputs: the call's tensors and variable arguments, then the captures (with
    the call's captured-variable inputs in their places)."""
    layout = f.__dict__.get("_feed_layout")
    if layout is None or layout[0] is not f._captured:
        # (the captures it describes; per input: a variable argument?; per capture: a variable?)
        layout = f._feed_layout = (
            f._captured, tuple(is_resource(ph._value.dtype) for ph in f.graph.inputs),
            tuple(isinstance(obj, Variable) for obj, _, _ in f._captured))
    _, is_var, cap_is_var = layout
    if not any(is_var) and not any(cap_is_var):
        return list(tensors) + [value for _, _, value in f._captured]
    n_var_args = sum(is_var)
    cap_vars = iter(variables[n_var_args:])
    ti = iter(tensors)
    vi = iter(variables[:n_var_args])
    feeds = [next(vi) if v else next(ti) for v in is_var]
    for (obj, ph, value), v in zip(f._captured, cap_is_var):
        feeds.append(next(cap_vars) if v else value)
    return feeds


def _call_shape(*avals, f, n_tensors, saves, resources):
    outs = [o._value for o in f.graph.outputs]
    if saves:
        outs += [t._value for t in f._gradient_function()[1]]
    return tuple(outs)


def _call_outputs(attrs):
    f = attrs["f"]
    n = len(f.graph.outputs)
    if attrs["saves"]:
        n += len(f._gradient_function()[1])
    return n


def _call_grad(node, *grads):
    """The gradient of a PartitionedCall: the backward function on the output cotangents, the
    saved values' cotangents (zeros where None) and the saved values."""
    f = node.attrs["f"]
    bwd, saved, _ = f._gradient_function()
    n_out = len(f.graph.outputs)
    if node.attrs["saves"]:
        outputs = list(node.outputs)
    else:  # a call inside a graph, made before anything differentiated it: rewrite it, once
        from .graph_control_flow import _ensure_saves
        op = node.outputs[0]._op
        _ensure_saves(op)
        outputs = list(op._outputs)
        grads = tuple(grads) + (None,) * (len(outputs) - len(grads))
    return tuple(bwd._call_flat(backward_feeds(f, outputs, grads)))


def backward_feeds(f, outputs, grads):
    """The inputs of f's backward function for a call whose outputs (its own, then the saved
    values) got cotangents `grads` (None: zero)."""
    from .prims import base as P
    n_out = len(f.graph.outputs)
    seeds = [g if g is not None else P.zeros_like(o)
             for g, o in zip(grads[:n_out], outputs[:n_out]) if _is_float(o)]
    saved_outs = outputs[n_out:]
    seeds += [g if g is not None else P.zeros_like(o)
              for g, o in zip(grads[n_out:], saved_outs) if _is_float(o)]
    return seeds + list(saved_outs)


def _call_jvp(node, *tangents):
    from .prims._linearize import jvp_from_grad
    return jvp_from_grad(node, *tangents)


def _call_batch(op, args, dims, attrs):
    """vmap of a function call: a vmap of the function's operations replayed on the batched
    values (each replayed op then batches through its own rule)."""
    from .framework.functional import vmap
    f = attrs["f"]
    n = attrs["n_tensors"]
    variables = list(args[n:])
    outs = vmap(lambda *xs: tuple(replay(f, list(xs), variables)),
                in_axes=tuple(dims[:n]))(*args[:n])
    return tuple(outs), tuple(0 for _ in outs)


def replay(f, tensors, variables):
    """Runs concrete function `f`'s operations one by one through the op dispatch (so active
    recorders and interpreters see each): its outputs, given its tensor and variable inputs."""
    from .framework.graph import CONST, PLACEHOLDER, VAR_HANDLE
    from .framework.variables import READ
    g = f.graph
    env = {}
    feeds = _feeds(f, tensors, variables)
    for ph, x in zip(f._plan_inputs, feeds):
        env[id(ph)] = x if isinstance(x, (Tensor, Variable)) else wrap(x)
    for op in g._ops:
        prim = op._prim
        if prim is PLACEHOLDER:
            continue
        if prim is CONST:
            env[id(op._outputs[0])] = wrap(op._attrs["value"])
            continue
        if prim is VAR_HANDLE:
            env[id(op._outputs[0])] = op._attrs["variable"]
            continue
        ins = [env[id(x)] for x in op._inputs]
        if prim is READ:
            out = ins[0]._read()
        else:
            out = apply(prim, ins, op._attrs)
        outs = out if prim.multi else (out,)
        for o, v in zip(op._outputs, outs):
            env[id(o)] = v
    return [env[id(o)] for o in g.outputs]


CALL = defop("PartitionedCall", _call_forward, _call_grad, _call_jvp, num_outputs=_call_outputs,
             allowed=ANY, shape=_call_shape, batch=_call_batch)
STATEFUL_CALL = defop("StatefulPartitionedCall", _call_forward, _call_grad, _call_jvp,
                      num_outputs=_call_outputs, allowed=ANY, shape=_call_shape,
                      batch=_call_batch, stateful=True)


def _is_float(t):
    d = t._value.dtype
    return d.kind in "fc" or (d.kind == "V" and not is_resource(d))


def _backward_graph(f, extra_targets):
    """The backward graph of `f` for cotangents of its float outputs and of the float tensors
    among `extra_targets`; returns (graph, placeholders of those cotangents, the forward tensors
    the graph captured)."""
    from .framework.backprop import backprop
    from .prims import base as P
    fg = f.graph
    sources = list(fg.inputs) + [ph for obj, ph, value in f._captured if isinstance(obj, Variable)]
    nodes = []
    tracked = {}
    for t in sources:
        tracked[id(t)] = t
    for op in fg._ops:
        prim = op._prim
        if prim.forward is None and prim.name not in ("ReadVariableOp",):
            continue
        if not any(_is_float(o) for o in op._outputs):
            continue
        if not any(id(x) in tracked for x in op._inputs):
            continue
        nodes.append(Node(prim, op._inputs, op._outputs, op._attrs))
        for o in op._outputs:
            tracked[id(o)] = o
    bg = FuncGraph("__backward_" + f.name)
    bg._reads_foreign = True
    targets = [o for o in fg.outputs if _is_float(o)]
    n_out = len(targets)
    targets += [t for t in extra_targets if _is_float(t)]
    with bg.tracing():
        seeds = [bg.placeholder(t.dtype, t._value.shape, name=f"dy_{i}" if i else "dy")
                 for i, t in enumerate(targets)]
        bg.inputs.extend(seeds)
        grads = backprop(nodes, dict(tracked), targets, seeds, sources)
        outs = []
        for src, g in zip(sources, grads):
            if g is None:
                if is_resource(src._value.dtype):
                    g = P.zeros(src._value.shape, src._value.dtype["resource"])
                else:
                    g = P.zeros_like(src)
            g = P.indexed_slices_to_dense(g) if not isinstance(g, Tensor) else g
            outs.append(g)
        bg.structured_outputs = _convert_outputs(bg, outs)
    captured = [bg._captures[k][0] for k in bg._capture_order
                if isinstance(bg._captures[k][0], SymbolicTensor)
                and bg._captures[k][0]._op._graph is fg]
    del n_out
    return bg, seeds, captured


def _build_backward(f):
    """See `ConcreteFunction._gradient_function`.

    The forward call also returns the tensors the backward function needs ("saved"), and those
    may themselves get cotangents when a gradient is differentiated again (the backward of a
    loop or a branch reads them). So the backward graph takes cotangents for the saved tensors
    too: it is built for the outputs plus the saved tensors, until the saved set is stable."""
    fg = f.graph
    saved = []
    for _ in range(16):
        bg, seeds, captured = _backward_graph(f, saved)
        known = {id(t) for t in saved}
        new = [t for t in captured if id(t) not in known]
        if not new:  # (a saved tensor may go uncaptured once it is a target: passed, unused)
            break
        saved = saved + new
    else:
        raise RuntimeError(f"the backward function of {f.name} did not settle")
    n_float_out = sum(1 for o in fg.outputs if _is_float(o))
    bwd = ConcreteFunction(bg, [(f"dy_{i}", "POSITIONAL_ONLY", TensorSpec(d.shape, d.dtype))
                                for i, d in enumerate(seeds)], {}, bg.name)
    # the backward function's inputs: output cotangents, saved-tensor cotangents, then (moved
    # from its captures) the saved forward tensors themselves
    bwd._saved_positions = [i for i, c in enumerate(bwd._captured)
                            if isinstance(c[0], SymbolicTensor) and c[0]._op._graph is fg]
    _make_saved_inputs(bwd, saved)
    bwd._n_float_out = n_float_out
    fwd_inputs = list(fg.inputs) + [c[1] for c in f._captured]
    plan = Plan(fg, fwd_inputs, list(fg.outputs) + saved, name=_py_name(f.name) + "_fwd")
    return bwd, saved, plan


def _make_saved_inputs(bwd, saved):
    """Turns the backward function's captures of forward tensors into explicit inputs (after
    the cotangents), in the order of `saved`, so calls pass the saved values."""
    keep, moved = [], []
    for i, c in enumerate(bwd._captured):
        (moved if i in bwd._saved_positions else keep).append(c)
    by_id = {id(c[0]): c for c in moved}
    moved = []
    for t in saved:  # in saved order; an uncaptured saved tensor gets an unused input
        c = by_id.get(id(t))
        if c is None:
            ph = bwd.graph.placeholder(t.dtype, t._value.shape, name="unused_saved")
            c = (t, ph, None)
        moved.append(c)
    bwd.graph.inputs.extend(c[1] for c in moved)
    bwd._python_signature += [(f"saved_{i}", "POSITIONAL_ONLY", _spec_of(c[1]))
                              for i, c in enumerate(moved)]
    bwd._captured = keep
    bwd._plan_inputs = list(bwd.graph.inputs) + [c[1] for c in keep]
    bwd._plan = Plan(bwd.graph, bwd._plan_inputs, bwd.graph.outputs, name=_py_name(bwd.name))


__all__ = ["function", "Function", "ConcreteFunction", "TensorSpec", "FuncGraph", "init_scope"]
del _refresh, Primitive, building_graph, register_name_hint
