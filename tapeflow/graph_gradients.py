"""`tf.gradients` (and `tf.compat.v1.gradients`, `tf.hessians`): symbolic gradients inside a
graph, built from the graph's recorded operations with the same gradient rules as
`GradientTape` (`framework/backprop.py`).

Every operation of the graph is a node for the backward sweep; the sources are the tensors `xs`
(a variable stands for its handle: the sum over its reads). The sweep runs with the graph's
builder active, so each gradient rule becomes operations of the same graph (under a
`gradients/` name scope), which can be differentiated again. Works in TF1 graphs (`Graph.
as_default()`, `disable_eager_execution()`) and inside `tf.function`; eagerly it raises TF's
RuntimeError.

    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     x = tf.compat.v1.placeholder(tf.float32, shape=[2])
    ...     y = tf.reduce_sum(x * x)
    ...     (dx,) = tf.compat.v1.gradients(y, x)
    >>> with tf.compat.v1.Session(graph=g) as sess:
    ...     print(sess.run(dx, {x: [1.0, 3.0]}))
    [2. 6.]
"""
from .framework import nest
from .framework.backprop import backprop
from .framework.graph import SymbolicTensor, building_graph, is_resource
from .framework.op import Node, Primitive
from .framework.tape import UnconnectedGradients, _unconnected_value
from .framework.tensor import Tensor, TensorLike, convert_to_tensor
from .framework.variables import Variable


def _is_float(t):
    d = t._value.dtype
    return d.kind in "fc" or (d.kind == "V" and not is_resource(d))


def _stopping(prim, stopped):
    """A stand-in for `prim` whose gradient rule ignores the cotangents of the outputs at
    positions `stopped` (a multi-output operation with some outputs in stop_gradients)."""
    def grad(node, *cotangents):
        inner = Node(prim, node.inputs, node.outputs, node.attrs)
        inner.needs_input_grad = node.needs_input_grad
        return prim.grad(inner, *[None if k in stopped else g for k, g in enumerate(cotangents)])
    return Primitive(prim.name, prim.forward, grad, num_outputs=prim.num_outputs,
                     allowed=prim.allowed, shape=prim.shape, nondiff=prim.nondiff,
                     sparse_grad=prim.sparse_grad)


def _nodes(graph, source_ids, stop_ids):
    """The graph's operations downstream of the sources, as tape nodes (in creation order)."""
    nodes = []
    tracked = set(source_ids)
    for op in graph._ops:
        prim = op._prim
        if prim.forward is None and prim.name != "ReadVariableOp":
            continue
        if not any(id(x) in tracked for x in op._inputs):
            continue
        outs = op._outputs
        if not any(_is_float(o) for o in outs):
            continue
        stopped = {k for k, o in enumerate(outs) if id(o) in stop_ids}
        if stopped and len(stopped) == len(outs):
            continue  # the stopped tensor is a constant to this gradient
        if stopped:
            prim = _stopping(prim, stopped)
        nodes.append(Node(prim, op._inputs, outs, op._attrs))
        for k, o in enumerate(outs):
            if k not in stopped:
                tracked.add(id(o))
    return nodes


def _source(graph, x):
    """The tensor of `graph` standing for source `x` (a variable: its handle), or None."""
    if isinstance(x, Variable):
        handles = graph.__dict__.get("_var_handles") or {}
        return handles.get(id(x))
    if type(x) is SymbolicTensor:
        return x if x.graph is graph else None
    if isinstance(x, (Tensor, TensorLike)):
        return None  # an eager value: not computed in this graph
    raise TypeError(f"Expected a tensor or variable, got {type(x).__name__}")


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients=UnconnectedGradients.NONE):
    """The symbolic derivatives of `sum(ys)` with respect to each of `xs` (a list, one entry
    per x: a tensor, an IndexedSlices, or None / zeros when unconnected); `grad_ys` seeds the
    sweep (default ones), `stop_gradients` are treated as constants."""
    unconnected = _unconnected_value(unconnected_gradients)
    graph = building_graph()
    if graph is None:
        raise RuntimeError("tf.gradients is not supported when eager execution is enabled. Use "
                           "tf.GradientTape instead.")
    ys_list = [ys] if not isinstance(ys, (list, tuple)) else list(ys)
    xs_list = [xs] if not isinstance(xs, (list, tuple)) else list(xs)
    ys_list = [y._read() if isinstance(y, Variable) else y for y in ys_list]
    ys_list = [y if isinstance(y, Tensor) else convert_to_tensor(y) for y in ys_list]
    if grad_ys is None:
        grad_ys = [None] * len(ys_list)
    elif not isinstance(grad_ys, (list, tuple)):
        grad_ys = [grad_ys]
    if len(grad_ys) != len(ys_list):
        raise ValueError(f"Passed {len(grad_ys)} grad_ys for {len(ys_list)} ys")
    stops = nest.flatten(stop_gradients) if stop_gradients is not None else []
    stop_ids = {id(s) for s in stops if type(s) is SymbolicTensor}
    sources = [_source(graph, x) for x in xs_list]
    with graph.name_scope(graph.unique_name(name).rsplit("/", 1)[-1]) if name else _Null():
        seeds = []
        for y, gy in zip(ys_list, grad_ys):
            if not _is_float(y):
                seeds.append(None)
            elif gy is None:
                from .ops.array_ops import ones_like
                seeds.append(ones_like(y))
            else:
                seeds.append(convert_to_tensor(gy, dtype=y.dtype))
        live_sources = [s for s in sources if s is not None]
        source_ids = {id(s) for s in live_sources}  # a stopped source still gets its own
        nodes = _nodes(graph, source_ids, stop_ids)
        tracked = {id(s): s for s in live_sources if id(s) in source_ids}
        targets = [y for y in ys_list if type(y) is SymbolicTensor and y.graph is graph]
        target_seeds = [s for y, s in zip(ys_list, seeds)
                        if type(y) is SymbolicTensor and y.graph is graph]
        swept = backprop(nodes, tracked, targets, target_seeds,
                         [s for s in live_sources if id(s) in source_ids]) if targets else []
        by_source = {}
        for s, g in zip([s for s in live_sources if id(s) in source_ids], swept):
            by_source[id(s)] = g
        out = []
        for x, s in zip(xs_list, sources):
            g = by_source.get(id(s)) if s is not None else None
            if g is None and unconnected is UnconnectedGradients.ZERO:
                g = _zeros_for(x)
            out.append(g)
    return out


class _Null:
    def __enter__(self):
        return ""

    def __exit__(self, *exc):
        return False


def _zeros_for(x):
    from .ops.array_ops import zeros, zeros_like
    if isinstance(x, Variable):
        return zeros(x.shape, x.dtype.base_dtype)
    return zeros_like(x)


def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None):
    """The Hessian of `sum(ys)` with respect to each of `xs`, shaped `x.shape + x.shape` (one
    symbolic gradient per element of each first derivative)."""
    from .ops.array_ops import reshape, stack
    xs_list = [xs] if not isinstance(xs, (list, tuple)) else list(xs)
    firsts = gradients(ys, xs_list, name=name)
    out = []
    for x, g in zip(xs_list, firsts):
        if g is None:
            out.append(None)
            continue
        shape = x.shape
        if not shape.is_fully_defined():
            raise NotImplementedError("tf.hessians of a source whose shape is not fully "
                                      "defined")
        n = shape.num_elements()
        flat = reshape(convert_to_tensor(g), [n])
        rows = []
        for j in range(n):
            (row,) = gradients(flat[j], [x], name=name,
                               unconnected_gradients=UnconnectedGradients.ZERO)
            rows.append(reshape(convert_to_tensor(row), [n]))
        out.append(reshape(stack(rows), shape.as_list() + shape.as_list()))
    return out


__all__ = ["gradients", "hessians"]
