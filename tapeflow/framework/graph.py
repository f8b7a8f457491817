"""Graphs: `tf.Graph`, symbolic tensors, operations, and the graph builder.

Vocabulary:
  graph            a `Graph`: operations in creation order (a topological order), with TF's
                   op names (`add`, `add_1`, `scope/MatMul`) and collections.
  symbolic tensor  a `SymbolicTensor`: an output of an operation. Its `_value` is an aval
                   (`AbstractArray`: dtype and static shape, dimensions may be None), so the
                   public op functions that read shapes work on it unchanged; asking for its
                   elements fails as in TF.
  builder          a `GraphBuilder`: the interpreter on the recorder stack while a graph is
                   being built (`with graph.as_default():`, or `tf.function` tracing). It turns
                   every op into an operation of its graph, computing the outputs' avals with the
                   op's shape rule. Tapes above it record the symbolic nodes, so gradients inside
                   a graph become operations too (the same gradient rules build the backward
                   graph).
  capture          a value from outside the graph used inside it: an eager tensor becomes a
                   constant (small) or a captured input (a placeholder fed at every call), a
                   variable a resource input read by `ReadVariableOp`, a tensor of an enclosing
                   graph a captured placeholder of this one.

    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     x = tf.compat.v1.placeholder(tf.float32, shape=[None, 3], name="x")
    ...     y = x * 2.0
    >>> x
    <tf.Tensor 'x:0' shape=(None, 3) dtype=float32>
    >>> [op.type for op in g.get_operations()]
    ['Placeholder', 'Const', 'Mul']
"""
import os as _os
import sys as _sys
import re
import sys
import threading

import numpy as np

from . import dtypes
from .errors import OperatorNotAllowedInGraphError
from .op import ANY, Primitive, Recorder, stack_replaced, state
from .tensor import AbstractArray, Tensor, TensorLike, convert_to_tensor
from .tensor_shape import TensorShape

def resource_dtype(value_dtype):
    """The dtype tag of a variable handle: a one-field structured dtype holding the value dtype
    (so a ReadVariableOp's shape rule knows what it reads)."""
    return np.dtype([("resource", np.dtype(value_dtype))])


def is_resource(np_dtype):
    names = np_dtype.names
    return names is not None and names[0] == "resource"


RESOURCE = resource_dtype(np.float32)  # a handle of unknown value dtype
_CONST_INLINE_LIMIT = 64  # eager tensors up to this many elements are embedded as constants


# ============================================================================================
# Symbolic tensors and operations
# ============================================================================================
class SymbolicTensor(Tensor):
    """A tensor of a graph: the output `value_index` of operation `op`."""

    __slots__ = ("_op", "_index")
    _tf_symbolic = True  # AutoGraph dispatches graph control flow on this

    @property
    def op(self):
        return self._op

    @property
    def graph(self):
        return self._op.graph

    @property
    def value_index(self):
        return self._index

    @property
    def name(self):
        return f"{self._op.name}:{self._index}"

    @property
    def device(self):
        return ""

    @property
    def dtype(self):
        d = self._value.dtype
        return dtypes.resource if is_resource(d) else dtypes.from_numpy(d)

    @property
    def shape(self):
        s = self._value.shape
        if is_resource(self._value.dtype):
            return TensorShape(())  # a handle is a scalar (its aval holds the value's shape)
        return TensorShape(None) if s is None else TensorShape._from_tuple(s)

    def set_shape(self, shape):
        """Refines the static shape (TF's `set_shape`): dimensions must be compatible."""
        new = TensorShape(shape)
        old = self.shape
        if not old.is_compatible_with(new):
            raise ValueError(f"Tensor's shape {old} is not compatible with supplied shape {new}.")
        if new.rank is not None:
            dims = new._dims if old.rank is None else tuple(
                a if a is not None else b for a, b in zip(new._dims, old._dims))
            self._value = AbstractArray(dims, self._value.dtype)

    # A tensor of a TF1 graph (not a function's) is hashable and compares by identity, as in
    # TF (feed_dict keys); a function's tensors compare elementwise and are unhashable.
    def __hash__(self):
        if self._op._graph.building_function:
            raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")
        return id(self)

    def __eq__(self, other):
        if self._op._graph.building_function:
            return Tensor.__eq__(self, other)
        return self is other

    def __ne__(self, other):
        if self._op._graph.building_function:
            return Tensor.__ne__(self, other)
        return self is not other

    def consumers(self):
        return [op for op in self.graph._ops if any(x is self for x in op.inputs)]

    def eval(self, feed_dict=None, session=None):
        from ..compat.v1_session import get_default_session
        session = session or get_default_session()
        if session is None:
            raise ValueError("Cannot evaluate tensor using `eval()`: No default session is "
                             "registered. Use `with sess.as_default()` or pass an explicit session "
                             "to `eval(session=sess)`")
        return session.run(self, feed_dict)

    # -- what a symbolic tensor cannot do --------------------------------------------------------
    @property
    def numpy(self):
        raise AttributeError("'SymbolicTensor' object has no attribute 'numpy'")

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError(
            f"Cannot convert a symbolic tf.Tensor ({self.name}) to a numpy array. This error may "
            f"indicate that you're trying to pass a Tensor to a NumPy call, which is not supported.")

    def __bool__(self):
        raise OperatorNotAllowedInGraphError(
            "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. You can attempt the "
            "following resolutions to the problem: If you are running in Graph mode, use Eager "
            "execution mode or decorate this function with @tf.function. If you are using "
            "AutoGraph, you can try decorating this function with @tf.function. If that does not "
            "work, then you may be using an unsupported feature or your source code may not be "
            "visible to AutoGraph. See https://github.com/tensorflow/tensorflow/blob/master/"
            "tensorflow/python/autograph/g3doc/reference/limitations.md#access-to-source-code for "
            "more information.")

    def __iter__(self):
        shape = self._value.shape
        if shape is None or not shape or shape[0] is None:
            raise OperatorNotAllowedInGraphError(
                "Iterating over a symbolic `tf.Tensor` is not allowed. You can attempt the "
                "following resolutions to the problem: If you are running in Graph mode, use Eager "
                "execution mode or decorate this function with @tf.function. If you are using "
                "AutoGraph, you can try decorating this function with @tf.function. If that does "
                "not work, then you may be using an unsupported feature or your source code may "
                "not be visible to AutoGraph. See https://github.com/tensorflow/tensorflow/blob/"
                "master/tensorflow/python/autograph/g3doc/reference/limitations.md#access-to-"
                "source-code for more information.")
        for i in range(shape[0]):
            yield self[i]

    def __len__(self):
        raise TypeError(f"len is not well defined for a symbolic Tensor ({self.name}). Please "
                        f"call `x.shape` rather than `len(x)` for shape information.")

    def __float__(self):
        raise TypeError(f"float() argument must be a string or a real number, not "
                        f"'SymbolicTensor'")

    def __int__(self):
        raise TypeError("int() argument must be a string, a bytes-like object or a real number, "
                        "not 'SymbolicTensor'")

    def __index__(self):
        raise TypeError(f"only integer tensors of a single element can be converted to an index "
                        f"(a symbolic tensor {self.name} has no value yet)")

    def __str__(self):
        if self.shape.rank is None:  # TF leaves an unknown shape out
            return 'Tensor("%s", dtype=%s)' % (self.name, self.dtype.name)
        return 'Tensor("%s", shape=%s, dtype=%s)' % (self.name, self.shape, self.dtype.name)

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self.shape, self.dtype.name)


SymbolicTensor.__name__ = SymbolicTensor.__qualname__ = "SymbolicTensor"


class Operation:
    """A node of a graph: a primitive applied to input tensors with attributes (`tf.Operation`)."""

    __slots__ = ("_graph", "_name", "_prim", "_type", "_inputs", "_outputs", "_attrs",
                 "_control_inputs", "_traceback", "__weakref__")

    def __init__(self, graph, name, prim, op_type, inputs, attrs):
        self._traceback = ()  # the user's frames that made it: (file, line, function), outermost first
        self._graph = graph
        self._name = name
        self._prim = prim
        self._type = op_type
        self._inputs = tuple(inputs)
        self._attrs = attrs
        self._outputs = ()
        self._control_inputs = []

    name = property(lambda self: self._name)
    type = property(lambda self: self._type)
    graph = property(lambda self: self._graph)
    inputs = property(lambda self: list(self._inputs))
    outputs = property(lambda self: list(self._outputs))
    control_inputs = property(lambda self: list(self._control_inputs))
    device = property(lambda self: "")

    def values(self):
        return tuple(self._outputs)

    def get_attr(self, name):
        return self._attrs[name]

    @property
    def node_def(self):
        return NodeDef(self)

    def run(self, feed_dict=None, session=None):
        from ..compat.v1_session import get_default_session
        session = session or get_default_session()
        if session is None:
            raise ValueError("Cannot execute operation using `run()`: No default session is "
                             "registered. Use `with sess.as_default():` or pass an explicit "
                             "session to `run(session=sess)`")
        session.run(self, feed_dict)

    def __repr__(self):
        return f"<tf.Operation '{self._name}' type={self._type}>"


class NodeDef:
    """A plain view of an operation as TF's GraphDef node: `name`, `op`, `input`, `attr`."""

    def __init__(self, op):
        self.name = op.name
        self.op = op.type
        self.input = [x.name if x._index else x._op.name for x in op._inputs] + [
            "^" + c.name for c in op._control_inputs]
        self.attr = {k: v for k, v in op._attrs.items() if _plain_attr(v)}
        if op._outputs:
            self.attr.setdefault("T" if op.type not in ("Placeholder", "Const") else "dtype",
                                 dtypes.from_numpy(op._outputs[0]._value.dtype).name
                                 if not is_resource(op._outputs[0]._value.dtype) else "resource")

    def __repr__(self):
        lines = [f'node {{\n  name: "{self.name}"\n  op: "{self.op}"']
        lines += [f'  input: "{i}"' for i in self.input]
        for k in sorted(self.attr):
            lines.append(f'  attr {{\n    key: "{k}"\n    value: {self.attr[k]!r}\n  }}')
        return "\n".join(lines) + "\n}"


def _plain_attr(v):
    return isinstance(v, (int, float, str, bool, tuple, type(None)))


class GraphDef:
    """A plain structure describing a graph (`graph.as_graph_def()`): `node` (NodeDefs) and
    `versions`."""

    def __init__(self, graph):
        self.node = [op.node_def for op in graph._ops]
        self.versions = {"producer": 2210}
        self.library = {"function": [f.name for f in graph._functions]}

    def __repr__(self):
        return "\n".join(repr(n) for n in self.node) + "\nversions {\n  producer: 2210\n}\n"

    __str__ = __repr__


# ============================================================================================
# Graph
# ============================================================================================
class _GraphState(threading.local):
    def __init__(self):
        self.default_stack = []  # graphs made default with `as_default()`, innermost last


_graph_state = _GraphState()


class Graph:
    """A TensorFlow graph: operations and the tensors between them (`tf.Graph`).

    Ops built while `graph.as_default()` is open become operations of it; run them with a
    `tf.compat.v1.Session(graph=graph)`.
    """

    def __init__(self):
        self._ops = []
        self._by_name = {}
        self._name_counts = {}
        self._collections = {}
        self._finalized = False
        self._functions = []
        self._scope = []  # name scopes of ops built in this graph
        self._variables = []  # variables created while this graph was default (TF1 code)
        self.building_function = False
        self.seed = None
        self._lock = threading.Lock()
        self._version = 0

    # -- names ---------------------------------------------------------------------------------
    def unique_name(self, name, mark_as_used=True):
        """TF's uniquified op name: `name`, then `name_1`, `name_2`, ... (case-insensitive)."""
        if self._scope:
            name = "/".join(self._scope) + "/" + name
        key = name.lower()
        i = self._name_counts.get(key, 0)
        if i == 0 and key not in self._by_name:
            if mark_as_used:
                self._name_counts[key] = 1
            return name
        while True:
            candidate = f"{name}_{i}"
            if candidate.lower() not in self._name_counts and candidate not in self._by_name:
                break
            i += 1
        if mark_as_used:
            self._name_counts[key] = i + 1
            self._name_counts[candidate.lower()] = 1
        return candidate

    def get_name_scope(self):
        return "/".join(self._scope)

    # -- building ------------------------------------------------------------------------------
    def _create_op(self, prim, op_type, inputs, attrs, avals, name=None, exact=False):
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        op_name = name if exact else self.unique_name(name or op_type)
        op = Operation(self, op_name, prim, op_type, inputs, attrs)
        outs = []
        for i, a in enumerate(avals):
            t = Tensor.__new__(SymbolicTensor)
            t._value = a
            t._op = op
            t._index = i
            outs.append(t)
        op._outputs = tuple(outs)
        self._ops.append(op)
        self._by_name[op_name] = op
        self._version += 1
        deps = _control_deps.stack
        if deps:
            op._control_inputs = [d for frame in deps if frame[0] is self for d in frame[1]]
        return op

    def placeholder(self, dtype, shape, name="Placeholder"):
        """A Placeholder operation's output: a value fed at run time."""
        np_dtype = RESOURCE if dtype == "resource" else dtypes.as_dtype(dtype)._np
        shape = None if shape is None else TensorShape(shape)._dims
        op = self._create_op(PLACEHOLDER, "Placeholder", (), {"shape": shape},
                             (AbstractArray(shape, np_dtype),), name=name)
        return op._outputs[0]

    def constant(self, value, name="Const"):
        """A Const operation holding `value` (a NumPy value)."""
        value = np.asarray(value) if not isinstance(value, (np.ndarray, np.generic)) else value
        op = self._create_op(CONST, "Const", (), {"value": value},
                             (AbstractArray(value.shape, value.dtype),), name=name)
        return op._outputs[0]

    # -- inspection ----------------------------------------------------------------------------
    def get_operations(self):
        return list(self._ops)

    def get_operation_by_name(self, name):
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"The name '{name}' refers to an Operation not in the graph.") from None

    def get_tensor_by_name(self, name):
        m = re.fullmatch(r"(.+):(\d+)", name)
        if not m:
            raise ValueError(f"The name '{name}' looks a like an Operation name, not a Tensor "
                             f"name.")
        op = self.get_operation_by_name(m.group(1))
        return op._outputs[int(m.group(2))]

    def as_graph_def(self, from_version=None, add_shapes=False):
        return GraphDef(self)

    def as_graph_element(self, obj):
        if isinstance(obj, str):
            return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)
        return obj

    def finalize(self):
        self._finalized = True

    @property
    def finalized(self):
        return self._finalized

    @property
    def version(self):
        return self._version

    # -- collections (TF1) ---------------------------------------------------------------------
    def add_to_collection(self, name, value):
        self._collections.setdefault(name, []).append(value)

    def get_collection(self, name, scope=None):
        items = list(self._collections.get(name, []))
        if scope is not None:
            items = [x for x in items if getattr(x, "name", "").startswith(scope)]
        return items

    def get_collection_ref(self, name):
        return self._collections.setdefault(name, [])

    def get_all_collection_keys(self):
        return list(self._collections)

    def clear_collection(self, name):
        self._collections.pop(name, None)

    # -- default graph -------------------------------------------------------------------------
    def as_default(self):
        """A context manager making this the default graph: ops built inside become its
        operations."""
        return _AsDefault(self)

    def name_scope(self, name):
        return _GraphNameScope(self, name)

    def control_dependencies(self, control_inputs):
        return control_dependencies(control_inputs, self)

    def is_fetchable(self, tensor_or_op):
        return True

    def __repr__(self):
        return f"<tf.Graph object with {len(self._ops)} operations>"


class _GraphNameScope:
    def __init__(self, graph, name):
        self.graph = graph
        self.name = name

    def __enter__(self):
        g = self.graph
        if self.name:
            g._scope.append(self.name.rstrip("/"))
        return "/".join(g._scope) + "/" if g._scope else ""

    def __exit__(self, *exc):
        if self.name:
            self.graph._scope.pop()


class _AsDefault:
    def __init__(self, graph):
        self.graph = graph

    def __enter__(self):
        _graph_state.default_stack.append(self.graph)
        self.builder = GraphBuilder(self.graph)
        self.replaced = stack_replaced([self.builder])
        self.replaced.__enter__()
        return self.graph

    def __exit__(self, *exc):
        self.replaced.__exit__(*exc)
        _graph_state.default_stack.pop()


def get_default_graph():
    """The innermost graph made default (or a global graph for TF1 code outside any)."""
    stack = _graph_state.default_stack
    if stack:
        return stack[-1]
    global _global_graph
    if _global_graph is None:
        _global_graph = Graph()
    return _global_graph


_global_graph = None


def reset_default_graph():
    global _global_graph
    if _graph_state.default_stack:
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you "
                             "need a cleared graph, exit the nesting and create a new graph.")
    _global_graph = None


def building_graph():
    """The graph being built on this thread, or None (eager)."""
    for r in reversed(state.stack):
        if type(r) is GraphBuilder and not r._paused:
            return r.graph
    return None


# ============================================================================================
# Control dependencies
# ============================================================================================
class _ControlDeps(threading.local):
    def __init__(self):
        self.stack = []  # (graph, [operations]) frames


_control_deps = _ControlDeps()


class control_dependencies:  # noqa: N801 - TF's name
    """Ops built inside run after `control_inputs` (in graphs; in eager mode ops run in program
    order anyway)."""

    def __init__(self, control_inputs, graph=None):
        self.graph = graph if graph is not None else building_graph()
        ops = []
        for c in control_inputs or ():
            c = getattr(c, "op", c)
            if isinstance(c, Operation):
                ops.append(c)
        self.ops = ops

    def __enter__(self):
        if self.graph is not None:
            _control_deps.stack.append((self.graph, self.ops))
        return None

    def __exit__(self, *exc):
        if self.graph is not None:
            _control_deps.stack.pop()


# ============================================================================================
# The builder
# ============================================================================================
# Operations that are not primitives of the op table (never dispatched; the execution plan
# evaluates them itself): inputs, constants, variable handles.
PLACEHOLDER = Primitive("Placeholder", None, nondiff=True, allowed=ANY)
CONST = Primitive("Const", None, nondiff=True, allowed=ANY)
VAR_HANDLE = Primitive("VarHandleOp", None, nondiff=True, allowed=ANY)


class GraphBuilder(Recorder):
    """The interpreter that turns every op into an operation of `graph` (see the module
    docstring)."""

    interprets = True

    def __init__(self, graph):
        self.graph = graph

    def owns(self, op, inputs):
        return True

    def process(self, op, inputs, attrs):
        g = self.graph
        if op.shape is None:
            raise NotImplementedError(f"op {op.name} cannot be used in a graph yet (it has no "
                                      f"shape rule)")
        hint = _name_hint(op)
        if hint is not None and op.name == "ReadVariableOp":
            # a variable read as an op's input is named in that op's scope, as TF names it
            # ('mul/ReadVariableOp'); the op itself keeps its name ('mul')
            scope, g._scope = g._scope, []
            try:
                name = g.unique_name(_scoped(scope, hint, g) + "/ReadVariableOp")
            finally:
                g._scope = scope
        else:
            name = g.unique_name(hint or op.name)
        ins = []
        for i, x in enumerate(inputs):
            if type(x) is Tensor:  # an eager value: a constant named after its use, as TF's
                ins.append(g.capture_eager(x, f"{name}/{'xy'[i] if i < 2 else f'input_{i}'}")
                           if hasattr(g, "capture_eager") else g.constant(x._value))
            else:
                ins.append(self.capture(x))
        avals = op.shape(*[x._value for x in ins], **attrs)
        if not op.multi:
            avals = (avals,)
        operation = g._create_op(op, op.name, ins, attrs, avals, name=name, exact=True)
        operation._traceback = _user_frames()
        return operation._outputs

    # -- captures ------------------------------------------------------------------------------
    def capture(self, x):
        g = self.graph
        if type(x) is SymbolicTensor:
            if x._op._graph is g:
                return x
            return g.capture_tensor(x) if hasattr(g, "capture_tensor") else _foreign(x, g)
        if isinstance(x, Tensor):
            return g.capture_eager(x) if hasattr(g, "capture_eager") else g.constant(x._value)
        if isinstance(x, TensorLike):  # a variable: its handle
            return g.capture_variable(x) if hasattr(g, "capture_variable") else \
                variable_handle(g, x)
        return self.capture(convert_to_tensor(x))


_PACKAGE = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))) + _os.sep


def _user_frames(limit=8):
    """The calling user code's frames (tapeflow's own and generated plans left out), outermost
    first, as (file, line, function): where a graph operation was defined."""
    f = _sys._getframe(2)
    out = []
    while f is not None and len(out) < limit:
        code = f.f_code
        name = code.co_filename
        if not name.startswith(_PACKAGE) and not name.startswith("<tapeflow plan"):
            out.append((name, f.f_lineno, code.co_name))
        f = f.f_back
    out.reverse()
    return tuple(out)


def _scoped(scope, hint, g):
    """The full name the next op hinted `hint` will get in scope `scope` (not taken)."""
    saved, g._scope = g._scope, scope
    try:
        return g.unique_name(hint, mark_as_used=False)
    finally:
        g._scope = saved


def _foreign(x, g):
    raise ValueError(f"Tensor {x} must be from the same graph as Tensor(s) of graph {g!r} (it "
                     f"belongs to another graph).")


def variable_handle(graph, var):
    """The operation output standing for `var` in `graph` (one per variable: a VarHandleOp)."""
    handles = graph.__dict__.setdefault("_var_handles", {})
    h = handles.get(id(var))
    if h is None:
        base = var.name.split(":")[0]
        op = graph._create_op(VAR_HANDLE, "VarHandleOp", (), {"variable": var},
                              (AbstractArray((), RESOURCE),), name=base)
        h = handles[id(var)] = op._outputs[0]
        h._value = AbstractArray(var._array.shape, resource_dtype(var._array.dtype))
    return h


# -- op names ---------------------------------------------------------------------------------
_NAME_HINTS = {}  # code object -> TF's op name for calls through it (operators: 'add', ...)


def register_name_hint(code, name):
    _NAME_HINTS[code] = name


def _name_hint(op):
    """TF's name for the op being built: from the operator or named public function it came
    through (found on the Python stack while tracing only), else its type."""
    f = sys._getframe(3)
    for _ in range(12):
        if f is None:
            break
        hint = _NAME_HINTS.get(f.f_code)
        if hint is not None:
            return hint
        f = f.f_back
    return None


def is_symbolic(x):
    return type(x) is SymbolicTensor


__all__ = ["Graph", "Operation", "SymbolicTensor", "GraphBuilder", "get_default_graph",
           "building_graph", "control_dependencies"]
