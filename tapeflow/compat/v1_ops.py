"""TF1 graph building blocks: placeholders, `NoOp`, `tf.group`, control dependencies and name
scopes as graph operations and scopes (what `tf.compat.v1` code builds with).

Graph-only primitives defined here:
  PlaceholderWithDefault  its input's value unless the Session feeds it (a plain identity as an
                          operation; the feed replaces its output);
  NoOp                    no outputs; what `tf.group` and `tf.no_op` make: fetching it runs its
                          control inputs;
  VarIsInitializedOp      whether a variable has a value in the running Session.

    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     x = tf.compat.v1.placeholder(tf.float32, shape=[None, 2], name="x")
    ...     d = tf.compat.v1.placeholder_with_default([1.0], shape=[None])
    >>> x, d
    (<tf.Tensor 'x:0' shape=(None, 2) dtype=float32>, <tf.Tensor 'PlaceholderWithDefault:0' shape=(None,) dtype=float32>)
"""
import numpy as np

from ..framework import dtypes
from ..framework import graph as _graph
from ..framework.op import ANY, apply, defop
from ..framework.tensor import AbstractArray, Tensor, TensorLike, convert_to_tensor
from ..framework.tensor_shape import TensorShape


def plain_graph():
    """The TF1 graph being built on this thread (not a function's), or None."""
    g = _graph.building_graph()
    return g if g is not None and not g.building_function else None


def graph_for_building(what):
    """The graph new operations go to (the innermost default graph); `what` fails eagerly."""
    g = _graph.building_graph()
    if g is None:
        raise RuntimeError(f"{what} is not compatible with eager execution.")
    return g


# ============================================================================================
# Primitives
# ============================================================================================
def _no_batch(op, args, dims, attrs):
    raise NotImplementedError(f"vmap of {op.name} (a TF1 graph operation) is not supported")


def _pwd_shape(a, shape):
    if shape is None:
        out = AbstractArray((), a.dtype)
        out.shape = None
        return out
    return AbstractArray(shape, a.dtype)


def _pwd_batch(op, args, dims, attrs):
    return (args[0],), (dims[0],)


PLACEHOLDER_WITH_DEFAULT = defop(
    "PlaceholderWithDefault", lambda x, shape: x, linear=True, allowed=ANY,
    grad=lambda op, g: g, shape=_pwd_shape, batch=_pwd_batch, batched_grad=True)

NO_OP = defop("NoOp", lambda: (), nondiff=True, num_outputs=0, allowed=ANY,
              shape=lambda: (), batch=_no_batch)


def _is_initialized(var):
    from .v1_session import running_session
    sess = running_session()
    return np.bool_(sess is not None and id(var) in sess._values)


VAR_IS_INITIALIZED = defop("VarIsInitializedOp", _is_initialized, nondiff=True, allowed=ANY,
                           stateful=True, shape=lambda h: AbstractArray((), np.bool_),
                           batch=_no_batch)


def _uninitialized_names(*variables):
    from .v1_session import running_session
    sess = running_session()
    names = [v.op.name.encode() for v in variables
             if sess is None or id(v) not in sess._values]
    return np.array(names, dtype=object).reshape(len(names))


REPORT_UNINITIALIZED = defop(
    "ReportUninitializedVariables", _uninitialized_names, nondiff=True, allowed=ANY,
    stateful=True, shape=lambda *hs: AbstractArray((None,), np.dtype(object)), batch=_no_batch)


# ============================================================================================
# Placeholders
# ============================================================================================
def placeholder(dtype, shape=None, name=None):
    """A value the Session feeds at run time (`tf.compat.v1.placeholder`): dimensions may be
    None, and `shape=None` leaves even the rank unknown."""
    g = graph_for_building("tf.placeholder()")
    return g.placeholder(dtypes.as_dtype(dtype), shape, name=name or "Placeholder")


def placeholder_with_default(input, shape, name=None):
    """`input`'s value unless fed (`tf.compat.v1.placeholder_with_default`)."""
    x = convert_to_tensor(input)
    shape = TensorShape(shape)
    if x.shape.rank is not None and not shape.is_compatible_with(x.shape):
        raise ValueError(f"Shapes {x.shape} and {shape} are incompatible")
    dims = None if shape.rank is None else tuple(shape.as_list())
    if _graph.building_graph() is None:  # eagerly: the value itself
        return x
    return apply(PLACEHOLDER_WITH_DEFAULT, (x,), {"shape": dims})


# ============================================================================================
# NoOp, group, control dependencies
# ============================================================================================
def _ops_of(items):
    """The operations behind `items` (tensors, operations, variables' assignments, nests)."""
    from ..framework import nest
    out = []
    for x in nest.flatten(items):
        if x is None:
            continue
        if isinstance(x, _graph.Operation):
            out.append(x)
        elif type(x) is _graph.SymbolicTensor:
            out.append(x.op)
        elif hasattr(x, "_graph_op"):  # a graph variable's assignment result
            out.append(x._graph_op())
        elif isinstance(x, (Tensor, TensorLike)) and getattr(x, "op", None) is not None \
                and isinstance(getattr(x, "op", None), _graph.Operation):
            out.append(x.op)
        elif isinstance(x, (Tensor, TensorLike)):
            continue  # an eager value: already computed
        else:
            raise TypeError(f"Can not convert a {type(x).__name__} into a Tensor or Operation.")
    return out


def make_no_op(graph, control_inputs, name, exact=False):
    """A NoOp operation of `graph` whose control inputs are `control_inputs` (plus the enclosing
    control dependencies); `exact`: named `name` as it is."""
    op = graph._create_op(NO_OP, "NoOp", (), {}, (), name=name, exact=exact)
    for c in control_inputs:
        if all(c is not d for d in op._control_inputs):
            op._control_inputs.append(c)
    return op


def group(*inputs, name=None):
    """An operation that runs all `inputs` (`tf.group`); None eagerly (everything already ran).

    >>> with tf.Graph().as_default():
    ...     print(tf.group(tf.compat.v1.placeholder(tf.float32, shape=[]) * 2.0).type)
    NoOp
    """
    g = _graph.building_graph()
    if g is None:
        return None
    ops = [op for op in _ops_of(list(inputs)) if op.graph is g]
    return make_no_op(g, ops, name or "group_deps")


def no_op(name=None):
    """An operation that does nothing (`tf.no_op`); None eagerly."""
    g = _graph.building_graph()
    if g is None:
        return None
    return make_no_op(g, [], name or "NoOp")


class _ClearedDependencies:
    """`tf.control_dependencies(None)`: ops built inside have no enclosing control inputs."""

    def __init__(self, graph):
        self.graph = graph

    def __enter__(self):
        stack = _graph._control_deps.stack
        self.saved = list(stack)
        stack[:] = [f for f in stack if f[0] is not self.graph]

    def __exit__(self, *exc):
        _graph._control_deps.stack[:] = self.saved


def graph_control_dependencies(control_inputs):
    """The graph form of `tf.control_dependencies`, or None when no graph is being built."""
    g = _graph.building_graph()
    if g is None:
        return None
    if control_inputs is None:
        return _ClearedDependencies(g)
    ops = []
    for c in control_inputs:
        if callable(c) and not isinstance(c, (Tensor, TensorLike, _graph.Operation)):
            c = c()
            if c is None:
                continue
        ops.extend(_ops_of([c]))
    return _graph.control_dependencies([op for op in ops if op.graph is g], g)


def with_dependencies(dependencies, output_tensor, name=None):
    """`output_tensor`'s value, computed after `dependencies` (TF1's control_flow_ops helper)."""
    from ..ops.array_ops import identity
    deps = graph_control_dependencies(list(dependencies))
    if deps is None:
        return output_tensor
    with deps:
        return identity(output_tensor)


# ============================================================================================
# Name scopes of graphs
# ============================================================================================
class GraphNameScope:
    """A name scope of `graph` (TF's graph `name_scope`): `name` is made unique ('foo', then
    'foo_1'); a name ending in '/' re-enters that scope; '' or None is the root scope.
    `__enter__` returns the scope with its trailing '/'."""

    def __init__(self, graph, name):
        self.graph = graph
        self.name = name

    def __enter__(self):
        g = self.graph
        self.saved = list(g._scope)
        name = self.name
        if not name:
            g._scope[:] = []
            return ""
        if name.endswith("/"):
            full = name[:-1]
        else:
            full = g.unique_name(name)
        g._scope[:] = [full] if full else []
        return full + "/" if full else ""

    def __exit__(self, *exc):
        self.graph._scope[:] = self.saved
        return False


def name_scope_v1(name, default_name=None, values=None):
    """`tf.compat.v1.name_scope(name, default_name, values)`: a graph name scope while a graph
    is built, else `tf.name_scope`'s eager scope."""
    if name is None and default_name is None and values is not None:
        raise ValueError("At least one of name (None) and default_name (None) must be provided.")
    from ..module import name_scope
    return name_scope(name if name is not None else default_name)


__all__ = [
    "GraphNameScope",
    "group",
    "name_scope_v1",
    "no_op",
    "placeholder",
    "placeholder_with_default",
    "with_dependencies",
]
