"""Control flow inside graphs: `If`/`Case` and `While` operations whose branches and bodies are
traced functions, and the graph forms of `tf.print`, `tf.py_function` and `tf.Assert`.

`tapeflow.control_flow` (eager semantics, argument checks) calls these when a predicate, a loop
variable or an input is symbolic, or when a graph is being built.

Branches and loop bodies are traced into `ConcreteFunction`s (`function.trace_internal`) whose
captured outer tensors and variables become explicit inputs of the control-flow operation, so a
tape records one node with every input it depends on.

Gradients, built from the same gradient rules:
  * `If`/`Case`: the first time a gradient is asked for, the forward operation is rewritten to
    also output what each branch's backward function needs (the values of the branch that ran;
    None for the others), and the gradient is another `Case` over the branches' backward
    functions;
  * `While`: likewise the forward loop is rewritten to also output its iteration count and, for
    every value the body's backward function needs, the stack of that value over the
    iterations; the gradient is another `While` running the body's backward function from the
    last iteration to the first.
Both gradients are ordinary control-flow operations, so they are differentiable again.

    >>> @tf.function
    ... def f(x):
    ...     return tf.cond(x > 0, lambda: x * x, lambda: -x)
    >>> f(tf.constant(3.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=9.0>
"""
import numpy as np

from .framework import dtypes, nest
from .framework.errors import InvalidArgumentError
from .framework.graph import SymbolicTensor, building_graph, is_resource
from .framework.op import ANY, apply, defop
from .framework.tensor import AbstractArray, Tensor, TensorLike, convert_to_tensor, wrap
from .framework.tensor_shape import TensorShape
from .framework.variables import Variable
from .prims import base as P


def _flat_values(f, inputs):
    """The plan feeds of lifted function `f` given its explicit input values."""
    return list(inputs) + [c[2] for c in f._captured]


def _merge_avals(avals):
    """The most specific aval compatible with all of `avals` (same dtype)."""
    first = avals[0]
    shapes = [a.shape for a in avals]
    if any(s is None for s in shapes) or len({len(s) for s in shapes}) != 1:
        return AbstractArray(None, first.dtype)
    return AbstractArray([d if all(s[i] == d for s in shapes) else None
                          for i, d in enumerate(shapes[0])], first.dtype)


# ============================================================================================
# Case / If
# ============================================================================================
def _case_forward(index, *ext, branches, maps, n_out, saves):
    b = int(index)
    if b < 0 or b >= len(branches):
        b = len(branches) - 1
    f = branches[b]
    feeds = _flat_values(f, [ext[i] for i in maps[b]])
    if not saves:
        return tuple(f._plan.run(feeds))
    outs = list(f._gradient_function()[2].run(feeds))
    result = outs[:n_out]
    for k, g in enumerate(branches):
        n_saved = len(g._gradient_function()[1])
        result.extend(outs[n_out:] if k == b else [None] * n_saved)
    return tuple(result)


def _if_forward(pred, *ext, **attrs):
    return _case_forward(0 if bool(pred) else 1, *ext, **attrs)


def _case_shape(index, *ext, branches, maps, n_out, saves):
    outs = [_merge_avals([b.graph.outputs[k]._value for b in branches]) for k in range(n_out)]
    if saves:
        for b in branches:
            outs.extend(t._value for t in b._gradient_function()[1])
    return tuple(outs)


def _case_outputs(attrs):
    n = attrs["n_out"]
    if attrs["saves"]:
        n += sum(len(b._gradient_function()[1]) for b in attrs["branches"])
    return n


def _case_grad(node, *dys):
    """See the module docstring."""
    from .function import _is_float
    op = node.outputs[0]._op
    branches, maps, n_out = op._attrs["branches"], op._attrs["maps"], op._attrs["n_out"]
    _ensure_saves(op)
    outputs = op._outputs
    dys = tuple(dys) + (None,) * (len(outputs) - len(dys))
    ext = node.inputs[1:]
    seeds = [dys[k] if dys[k] is not None else P.zeros_like(outputs[k])
             for k in range(n_out) if _is_float(outputs[k])]
    inputs = list(seeds)
    grad_fns, new_maps = [], []
    pos = n_out
    for b, f in enumerate(branches):
        bwd, saved, _ = f._gradient_function()
        mine = list(range(pos, pos + len(saved)))
        pos += len(saved)
        start = len(inputs)
        inputs += [dys[k] if dys[k] is not None else apply(SAVED_ZEROS, (outputs[k],))
                   for k in mine if _is_float(outputs[k])]
        inputs += [outputs[k] for k in mine]
        new_maps.append(tuple(range(len(seeds))) + tuple(range(start, len(inputs))))
        grad_fns.append(_grad_adapter(bwd, maps[b], ext))
    outs = _case_op(node.inputs[0], grad_fns, new_maps, inputs,
                    is_if=node.op.name.endswith("If"))
    grads = [None]
    it = iter(outs)
    for x in ext:
        grads.append(next(it) if _differentiable(x) else None)
    return tuple(grads)


# The zero cotangent of a value a branch saved for its gradient: the branches that did not run
# saved nothing (None), and only the branch that ran reads its cotangents.
SAVED_ZEROS = defop("SavedZerosLike", lambda v: None if v is None else P.ZEROS_LIKE.forward(v),
                    nondiff=True, allowed=ANY, shape=lambda a: a, batch=P.unary)


def _differentiable(x):
    d = x._value.dtype
    return d.kind in "fc" or (d.kind == "V" and not is_resource(d)) or isinstance(x, Variable)


def _grad_adapter(bwd, fmap, ext):
    """A traced function with branch backward function `bwd`'s inputs, giving one gradient per
    Case input (zeros for the inputs the branch does not use)."""
    from .function import trace_internal
    specs = [TensorSpec_(d) for d in bwd.graph.inputs]

    def adapter(*args):
        grads = bwd(*args)
        grads = list(grads) if isinstance(grads, (list, tuple)) else [grads]
        by_input = {i: grads[k] for k, i in enumerate(fmap) if k < len(grads)}
        out = []
        for i, x in enumerate(ext):
            if not _differentiable(x):
                continue
            g = by_input.get(i)
            if g is None:
                v = x._value if not isinstance(x, Variable) else x._array
                dt = v.dtype if not is_resource(v.dtype) else v.dtype["resource"]
                g = P.zeros(v.shape, dt)
            out.append(g)
        return tuple(out)
    return trace_internal(adapter, specs, "case_grad")


def TensorSpec_(t):  # noqa: N802 - a spec from a placeholder
    from .function import TensorSpec
    return TensorSpec(TensorShape(t._value.shape) if t._value.shape is not None
                      else TensorShape(None), t.dtype)


def _ensure_saves(op):
    """Rewrites a Case/If (or While) operation, once, to also output what its gradient needs."""
    attrs = op._attrs
    if attrs["saves"]:
        return
    attrs["saves"] = True
    avals = op._prim.shape(*[x._value for x in op._inputs], **attrs)
    from .framework.graph import SymbolicTensor as _S
    outs = list(op._outputs)
    for i in range(len(outs), len(avals)):
        t = Tensor.__new__(_S)
        t._value = avals[i]
        t._op = op
        t._index = i
        outs.append(t)
    op._outputs = tuple(outs)


def _make_case(name, stateful):
    return defop(name, _if_forward if name.endswith("If") else _case_forward, _case_grad,
                 _case_jvp, num_outputs=_case_outputs, allowed=ANY, shape=_case_shape,
                 batch=P.loop, stateful=stateful)


def _case_jvp(node, *tangents):
    from .prims._linearize import jvp_from_grad
    return jvp_from_grad(node, *tangents)


IF = _make_case("If", True)
STATELESS_IF = _make_case("StatelessIf", False)
CASE = _make_case("Case", True)
STATELESS_CASE = _make_case("StatelessCase", False)


def _case_op(index, fns, maps, ext, is_if):
    stateful = any(f._stateful for f in fns)
    prim = (IF if stateful else STATELESS_IF) if is_if else (CASE if stateful else STATELESS_CASE)
    n_out = len(fns[0].graph.outputs)
    outs = apply(prim, [index] + list(ext), {"branches": tuple(fns), "maps": tuple(maps),
                                             "n_out": n_out, "saves": False})
    return list(outs[:n_out])


def _lift_branches(fns, name):
    """Traces each branch and unifies their captured outer values into one input list."""
    from .function import lift_captures, trace_internal
    traced = [trace_internal(fn, [], f"{name}_branch{i}") for i, fn in enumerate(fns)]
    ext, keys, maps = [], {}, []
    for f in traced:
        outer = lift_captures(f)
        m = []
        for x in outer:
            k = id(x)
            if k not in keys:
                keys[k] = len(ext)
                ext.append(x)
            m.append(keys[k])
        maps.append(tuple(m))
    return traced, ext, maps


def _check_structures(traced, what):
    first = traced[0].graph.structured_outputs
    for f in traced[1:]:
        other = f.graph.structured_outputs
        try:
            nest.assert_same_structure(first, other, check_types=False)
        except (ValueError, TypeError) as e:
            raise ValueError(f"{what} must have the same number, type, and overall structure of "
                             f"return values.\n\n{e}") from None
        for a, b in zip(nest.flatten(first), nest.flatten(other)):
            if (a is None) != (b is None):
                raise ValueError(f"{what} must have the same number, type, and overall "
                                 f"structure of return values.")
            if a is not None and a.dtype != b.dtype:
                raise TypeError(f"{what} must have the same dtypes: {a.dtype!r} vs {b.dtype!r}")


def _pack(structure, outs):
    it = iter(outs)
    return nest.pack_sequence_as(structure, [next(it) if isinstance(leaf, SymbolicTensor)
                                             else leaf for leaf in nest.flatten(structure)])


def graph_cond(pred, true_fn, false_fn, name=None):
    pred = convert_to_tensor(pred)
    if pred.dtype != dtypes.bool_ or (pred._value.shape is not None and pred._value.shape != ()):
        raise TypeError(f"pred must not be a Python bool or a non-scalar tensor: {pred}")
    traced, ext, maps = _lift_branches([true_fn, false_fn], name or "cond")
    _check_structures(traced, "true_fn and false_fn arguments to tf.cond")
    outs = _case_op(pred, traced, maps, ext, is_if=True)
    return _pack(traced[0].graph.structured_outputs, outs)


def graph_switch_case(index, branch_fns, name=None):
    index = convert_to_tensor(index)
    traced, ext, maps = _lift_branches(list(branch_fns), name or "switch_case")
    _check_structures(traced, "branch_fns")
    outs = _case_op(index, traced, maps, ext, is_if=False)
    return _pack(traced[0].graph.structured_outputs, outs)


# ============================================================================================
# While
# ============================================================================================
def _while_forward(*inputs, cond, body, n_vars, cond_map, body_map, saves):
    vals = list(inputs[:n_vars])
    ext = inputs[n_vars:]
    c_ext = [ext[i] for i in cond_map]
    b_ext = [ext[i] for i in body_map]
    c_run, b_run = cond._plan.run, body._plan.run
    c_caps = [c[2] for c in cond._captured]
    b_caps = [c[2] for c in body._captured]
    if not saves:
        while c_run(vals + c_ext + c_caps)[0]:
            vals = list(b_run(vals + b_ext + b_caps))
        return tuple(vals)
    _, saved, fwd = body._gradient_function()
    history = [[] for _ in saved]
    count = 0
    while c_run(vals + c_ext + c_caps)[0]:
        outs = fwd.run(vals + b_ext + b_caps)
        vals = list(outs[:n_vars])
        for h, v in zip(history, outs[n_vars:]):
            h.append(v)
        count += 1
    stacks = []
    for h, t in zip(history, saved):
        if h:
            stacks.append(np.stack([np.asarray(v) for v in h]))
        else:
            shape = tuple(d or 0 for d in (t._value.shape or ()))
            stacks.append(np.zeros((0,) + shape, t._value.dtype))
    return tuple(vals) + (np.int32(count),) + tuple(stacks)


def _while_shape(*avals, cond, body, n_vars, cond_map, body_map, saves):
    outs = [a for a in avals[:n_vars]]
    if saves:
        outs.append(AbstractArray((), np.int32))
        for t in body._gradient_function()[1]:
            s = t._value.shape
            outs.append(AbstractArray((None,) + tuple(s), t._value.dtype) if s is not None
                        else AbstractArray((None,), t._value.dtype))
    return tuple(outs)


def _while_outputs(attrs):
    n = attrs["n_vars"]
    if attrs["saves"]:
        n += 1 + len(attrs["body"]._gradient_function()[1])
    return n


def _while_grad(node, *dys):
    """See the module docstring."""
    from .function import _is_float
    op = node.outputs[0]._op
    a = op._attrs
    n = a["n_vars"]
    _ensure_saves(op)
    outputs = op._outputs
    dys = tuple(dys) + (None,) * (len(outputs) - len(dys))
    body = a["body"]
    bwd, saved, _ = body._gradient_function()
    count = outputs[n]
    stacks = list(outputs[n + 1:])
    inputs = node.inputs
    ext = inputs[n:]
    body_map = a["body_map"]
    var_float = [k for k in range(n) if _differentiable(inputs[k])]
    ext_float = [j for j, i in enumerate(body_map) if _differentiable(ext[i])]
    out_float = [k for k in range(n) if _is_float(body.graph.outputs[k])]
    saved_float = [j for j, t in enumerate(saved) if _is_float(t)]
    # cotangents the stacks of saved values received (when this gradient is differentiated)
    dstacks = [dys[n + 1 + j] for j in saved_float]
    stack_seeds = [d if d is not None else P.zeros_like(stacks[j])
                   for d, j in zip(dstacks, saved_float)]
    init_dvars = [dys[k] if dys[k] is not None else P.zeros_like(outputs[k]) for k in var_float]
    init_dext = []
    for j in ext_float:
        x = ext[body_map[j]]
        v = x._array if isinstance(x, Variable) else x._value
        dt = v.dtype["resource"] if is_resource(v.dtype) else v.dtype
        init_dext.append(P.zeros(v.shape, dt))
    i0 = P.add(count, wrap(np.int32(-1)))
    n_v, n_e, n_s = len(var_float), len(ext_float), len(stacks)

    def g_cond(i, *rest):
        return P_greater_equal(i, wrap(np.int32(0)))

    def g_body(i, *rest):
        dvars = list(rest[:n_v])
        dext = list(rest[n_v:n_v + n_e])
        stk = rest[n_v + n_e:n_v + n_e + n_s]
        dstk = rest[n_v + n_e + n_s:]
        saved_i = [P.gather(st, i, 0) for st in stk]
        dsaved_i = [P.gather(d, i, 0) for d in dstk]
        by_var = dict(zip(var_float, dvars))
        dy_in = [by_var[k] if k in by_var else P.zeros_like(body.graph.outputs[k])
                 for k in out_float]
        grads = bwd(*(dy_in + dsaved_i + saved_i))
        grads = list(grads) if isinstance(grads, (list, tuple)) else [grads]
        new_dvars = [grads[k] for k in var_float]
        new_dext = [P.add(d, grads[n + j]) for d, j in zip(dext, ext_float)]
        return ((P.add(i, wrap(np.int32(-1))),) + tuple(new_dvars) + tuple(new_dext) + tuple(stk)
                + tuple(dstk))

    final = graph_while_loop(g_cond, g_body,
                             [i0] + init_dvars + init_dext + stacks + stack_seeds,
                             name="while_grad")
    final = list(final)
    dvars = final[1:1 + n_v]
    dext = final[1 + n_v:1 + n_v + n_e]
    grads = [None] * len(inputs)
    for k, g in zip(var_float, dvars):
        grads[k] = g
    for j, g in zip(ext_float, dext):
        i = n + body_map[j]
        grads[i] = g if grads[i] is None else P.add(grads[i], g)
    return tuple(grads)


def P_greater_equal(x, y):  # noqa: N802 - a binder from the primitive layer
    from .prims.math import greater_equal
    return greater_equal(x, y)


def _while_jvp(node, *tangents):
    from .prims._linearize import jvp_from_grad
    return jvp_from_grad(node, *tangents)


WHILE = defop("While", _while_forward, _while_grad, _while_jvp, num_outputs=_while_outputs,
              allowed=ANY, shape=_while_shape, batch=P.loop, stateful=True)
STATELESS_WHILE = defop("StatelessWhile", _while_forward, _while_grad, _while_jvp,
                        num_outputs=_while_outputs, allowed=ANY, shape=_while_shape,
                        batch=P.loop)


def _spec_for(x, invariant=None):
    from .function import TensorSpec
    if invariant is not None:
        return TensorSpec(TensorShape(invariant), x.dtype)
    return TensorSpec(TensorShape(x._value.shape) if x._value.shape is not None
                      else TensorShape(None), x.dtype)


def graph_while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
                     maximum_iterations=None, name=None):
    """tf.while_loop in a graph (see the module docstring)."""
    from .control_flow import TensorArray
    from .function import lift_captures, trace_internal
    # TensorArrays loop as their list values (TF's flows) and are rebuilt around them
    user_structure = loop_vars
    leaves = nest.flatten(loop_vars)
    tas = {k: x for k, x in enumerate(leaves) if isinstance(x, TensorArray)}
    if tas:
        ta_shapes = {}

        def to_flows(vs):
            out = []
            for k, v in enumerate(vs):
                if isinstance(v, TensorArray):
                    ta_shapes[k] = v._element_shape
                    out.append(v.flow)
                else:
                    out.append(v)
            return out

        def from_flows(vs):
            return [ta_with_flow(tas[k], v, ta_shapes.get(k)) if k in tas else v
                    for k, v in enumerate(vs)]
        u_cond, u_body = cond, body
        loop_vars = nest.pack_sequence_as(user_structure, to_flows(leaves))

        def cond(*args):
            return u_cond(*nest.pack_sequence_as(user_structure, from_flows(nest.flatten(
                list(args)))))

        def body(*args):
            out = u_body(*nest.pack_sequence_as(user_structure, from_flows(nest.flatten(
                list(args)))))
            single = not isinstance(out, (list, tuple))
            flat_out = to_flows(nest.flatten(out))
            return flat_out[0] if single and len(flat_out) == 1 else nest.pack_sequence_as(
                out, flat_out)
        result = graph_while_loop(cond, body, loop_vars, shape_invariants, parallel_iterations,
                                  maximum_iterations, name)
        return nest.pack_sequence_as(user_structure, from_flows(nest.flatten(result)))
    structure = loop_vars
    flat = [x if isinstance(x, Tensor) else convert_to_tensor(x) for x in nest.flatten(loop_vars)]
    invariants = nest.flatten(shape_invariants) if shape_invariants is not None else [None] * len(
        flat)
    if maximum_iterations is not None:
        counter = convert_to_tensor(0)
        max_it = convert_to_tensor(maximum_iterations)
        flat = [counter, max_it] + flat
        invariants = [None, None] + list(invariants)
        user_cond, user_body = cond, body

        def cond(k, m, *vs):
            from .prims.math import less, logical_and
            c = user_cond(*nest.pack_sequence_as(structure, list(vs)))
            return logical_and(less(k, m), convert_to_tensor(c))

        def body(k, m, *vs):
            out = user_body(*nest.pack_sequence_as(structure, list(vs)))
            out = out if isinstance(out, (list, tuple)) and not _is_single(structure) else [out]
            return (P.add(k, wrap(np.asarray(1, k._value.dtype)[()])), m) + tuple(
                nest.flatten(out))
        packed_call = False
    else:
        packed_call = True
    specs = [_spec_for(x, inv) for x, inv in zip(flat, invariants)]

    def c_fn(*vs):
        args = nest.pack_sequence_as(structure, list(vs)) if packed_call else vs
        c = cond(*args) if packed_call else cond(*vs)
        return convert_to_tensor(c)

    def b_fn(*vs):
        if packed_call:
            out = body(*nest.pack_sequence_as(structure, list(vs)))
        else:
            out = body(*vs)
        if packed_call:
            if _is_single(structure) and not isinstance(out, (list, tuple)):
                out = [out]
            try:
                nest.assert_same_structure(list(structure) if isinstance(structure, (list, tuple))
                                           else [structure], list(out) if isinstance(
                                               out, (list, tuple)) else [out], check_types=False)
            except (ValueError, TypeError) as e:
                raise ValueError(f"The two structures don't have the same nested structure.\n\n"
                                 f"First structure: {structure}\n\nSecond structure: {out}\n\n"
                                 f"More specifically: {e}") from None
        return tuple(convert_to_tensor(o) if not isinstance(o, Tensor) else o
                     for o in nest.flatten(out))

    cf_cond = trace_internal(c_fn, specs, (name or "while") + "_cond")
    cf_body = trace_internal(b_fn, specs, (name or "while") + "_body")
    # loop variables' dtypes and shapes must hold across iterations
    for k, (x, o, s) in enumerate(zip(flat, cf_body.graph.outputs, specs)):
        if o.dtype != x.dtype:
            raise TypeError(f"Loop var {_vname(x, k)} enters the loop with type {x.dtype!r} but "
                            f"has type {o.dtype!r} after 1 iteration.")
        if not s.shape.is_compatible_with(o.shape) or (
                s.shape.rank is not None and o.shape.rank is not None and
                any(a is not None and b is None for a, b in zip(s.shape.as_list(),
                                                                 o.shape.as_list()))):
            raise ValueError(f"Input tensor '{_vname(x, k)}' enters the loop with shape "
                             f"{s.shape}, but has shape {o.shape} after one iteration. To allow "
                             f"the shape to vary across iterations, use the `shape_invariants` "
                             f"argument of tf.while_loop to specify a less-specific shape.")
    ext, keys, maps = [], {}, []
    for f in (cf_cond, cf_body):
        m = []
        for x in lift_captures(f):
            if id(x) not in keys:
                keys[id(x)] = len(ext)
                ext.append(x)
            m.append(keys[id(x)])
        maps.append(tuple(m))
    stateful = cf_cond._stateful or cf_body._stateful
    n = len(flat)
    outs = apply(WHILE if stateful else STATELESS_WHILE, flat + ext,
                 {"cond": cf_cond, "body": cf_body, "n_vars": n, "cond_map": maps[0],
                  "body_map": maps[1], "saves": False})
    outs = list(outs[:n])
    for o, s in zip(outs, specs):  # the loop's outputs have the invariant shapes
        if s.shape.rank is not None:
            o._value = AbstractArray(s.shape.as_list(), o._value.dtype)
    if maximum_iterations is not None:
        outs = outs[2:]
    return nest.pack_sequence_as(structure, outs)


def _is_single(structure):
    return not isinstance(structure, (list, tuple))


def _vname(x, k):
    return x.name if isinstance(x, SymbolicTensor) else f"loop_var_{k}"


# ============================================================================================
# tf.print, tf.py_function, tf.Assert
# ============================================================================================
def _print_forward(*values, template, output_stream, summarize, sep, end):
    from .control_flow import print_v2
    it = iter(values)
    args = [wrap(next(it)) if slot is _TENSOR_SLOT else slot for slot in template]
    print_v2(*args, output_stream=output_stream, summarize=summarize, sep=sep, end=end)
    return ()


_TENSOR_SLOT = object()

PRINT = defop("PrintV2", _print_forward, nondiff=True, num_outputs=0, stateful=True, allowed=ANY,
              shape=lambda *a, **k: (), batch=P.loop)


def graph_print(inputs, output_stream, summarize, sep, end):
    tensors, template = [], []
    for x in inputs:
        if isinstance(x, TensorLike):
            tensors.append(x if isinstance(x, Tensor) else x._read())
            template.append(_TENSOR_SLOT)
        else:
            template.append(x)
    apply(PRINT, tensors, {"template": tuple(template), "output_stream": output_stream,
                           "summarize": summarize, "sep": sep, "end": end})
    return None


def _py_forward(*values, func, touts, numpy_mode):
    from .control_flow import _convert_outputs
    if numpy_mode:
        args = [np.array(v) for v in values]
    else:
        args = [wrap(v) for v in values]
    result = func(*args)
    outs = _convert_outputs(result, list(touts) if touts is not None else [], "py_function")
    outs = outs if isinstance(outs, (list, tuple)) else [outs]
    return tuple(o._value if isinstance(o, Tensor) else o for o in outs)


def _py_shape(*avals, func, touts, numpy_mode):
    return tuple(AbstractArray(None, dtypes.as_dtype(d)._np) for d in touts)


def _py_grad(node, *dys):
    """py_function's gradient in a graph: the function run again under a tape (EagerPyFunc)."""
    a = node.attrs
    if a["numpy_mode"]:
        return (None,) * len(node.inputs)
    func = a["func"]
    n_in = len(node.inputs)
    floats = [x._value.dtype.kind in "fc" for x in node.inputs]

    def grad_func(*args):
        from .framework.tape import GradientTape
        xs, gs = list(args[:n_in]), list(args[n_in:])
        with GradientTape() as tape:
            for x, f in zip(xs, floats):
                if f:
                    tape.watch(x)
            ys = func(*xs)
        ys = ys if isinstance(ys, (list, tuple)) else [ys]
        grads = tape.gradient([convert_to_tensor(y) for y in ys], xs, output_gradients=gs)
        return [g if g is not None else P.zeros_like(x) for g, x in zip(grads, xs)]
    gs = [g if g is not None else P.zeros_like(o) for g, o in zip(dys, node.outputs)]
    touts = tuple(x.dtype for x in node.inputs)
    outs = apply(PY_FUNC, list(node.inputs) + gs, {"func": grad_func, "touts": touts,
                                                    "numpy_mode": False})
    return tuple(o if f else None for o, f in zip(outs, floats))


def _py_jvp(node, *tangents):
    from .prims._linearize import jvp_from_grad
    return jvp_from_grad(node, *tangents)


PY_FUNC = defop("EagerPyFunc", _py_forward, _py_grad, _py_jvp,
                num_outputs=lambda attrs: len(attrs["touts"]), stateful=True, allowed=ANY,
                shape=_py_shape, batch=P.loop)


def graph_py_function(func, inp, Tout, numpy_mode=False):
    single = not isinstance(Tout, (list, tuple))
    touts = (Tout,) if single else tuple(Tout)
    tensors = [x if isinstance(x, Tensor) else convert_to_tensor(x) for x in inp]
    outs = apply(PY_FUNC, tensors, {"func": func, "touts": touts, "numpy_mode": numpy_mode})
    outs = list(outs)
    if single:
        return outs[0] if outs else None
    return outs


def _assert_forward(condition, *data, summarize, template):
    if not bool(condition):
        from .control_flow import _summarize_eager
        it = iter(data)
        items = [wrap(next(it)) if slot is _TENSOR_SLOT else convert_to_tensor(slot)
                 for slot in template]
        texts = [_summarize_eager(x, summarize) for x in items]
        raise InvalidArgumentError(None, None, "assertion failed: [" + "] [".join(texts) + "]")
    return ()


ASSERT = defop("Assert", _assert_forward, nondiff=True, num_outputs=0, stateful=True,
               allowed=ANY, shape=lambda *a, **k: (), batch=P.loop)


def graph_assert(condition, data, summarize, name):
    tensors, template = [], []
    for x in data:
        if isinstance(x, TensorLike):
            tensors.append(x if isinstance(x, Tensor) else x._read())
            template.append(_TENSOR_SLOT)
        else:
            template.append(x)
    c = condition if isinstance(condition, Tensor) else convert_to_tensor(condition)
    apply(ASSERT, [c] + tensors, {"summarize": summarize, "template": tuple(template)})
    return None


def in_graph():
    return building_graph() is not None


# ============================================================================================
# TensorArray in graphs: a list value (TF's TensorList) threaded through the graph
# ============================================================================================
_LIST = np.dtype(object)  # the dtype of a list value's tensor (TF: variant)


def _list_aval(*a, **k):
    return AbstractArray((), _LIST)


def _no_vmap_list(op, args, dims, attrs):
    raise NotImplementedError("vmap of TensorArray operations is not supported")


def _tl_reserve(size, element_dtype):
    return _box([None] * int(size))


class _TL(list):
    """A TensorList value: a Python list in a 0-d object array (copied on write: a list value,
    like any tensor value, never changes)."""


def _box(items):
    out = np.empty((), dtype=object)
    out[()] = _TL(items)
    return out


def _items(lst):
    return lst[()] if isinstance(lst, np.ndarray) else lst


def _tl_set(lst, index, item, element_dtype):
    items = list(_items(lst))
    i = int(index)
    if i < 0:
        raise InvalidArgumentError(None, None, f"Trying to modify element {i} in a list with "
                                               f"{len(items)} elements.")
    if i >= len(items):
        items.extend([None] * (i + 1 - len(items)))
    items[i] = np.asarray(item)
    return _box(items)


def _zeros_like_missing(items, element_shape, dtype):
    known = next((x for x in items if x is not None), None)
    shape = known.shape if known is not None else tuple(d or 0 for d in (element_shape or ()))
    return np.zeros(shape, dtype)


def _tl_get(lst, index, element_dtype, element_shape):
    items = _items(lst)
    i = int(index)
    if i < 0 or i >= len(items):
        raise InvalidArgumentError(None, None, f"Tried to read from index {i} but array size is: "
                                               f"{len(items)}")
    v = items[i]
    return v if v is not None else _zeros_like_missing(items, element_shape, element_dtype)


def _tl_stack(lst, element_dtype, element_shape):
    items = _items(lst)
    if not items:
        return np.zeros((0,) + tuple(d or 0 for d in (element_shape or ())), element_dtype)
    vals = [v if v is not None else _zeros_like_missing(items, element_shape, element_dtype)
            for v in items]
    return np.stack(vals).astype(element_dtype, copy=False)


def _tl_from_tensor(value):
    return _box([np.asarray(v) for v in np.asarray(value)])


def _tl_length(lst):
    return np.int32(len(_items(lst)))


def _tl_gather(lst, indices, element_dtype, element_shape):
    items = _items(lst)
    idx = np.asarray(indices).reshape(-1)
    vals = [items[int(i)] if items[int(i)] is not None else
            _zeros_like_missing(items, element_shape, element_dtype) for i in idx]
    if not vals:
        return np.zeros((0,) + tuple(d or 0 for d in (element_shape or ())), element_dtype)
    return np.stack(vals).astype(element_dtype, copy=False)


def _tl_scatter(lst, indices, value, element_dtype):
    items = list(_items(lst))
    for k, i in enumerate(np.asarray(indices).reshape(-1)):
        i = int(i)
        if i >= len(items):
            items.extend([None] * (i + 1 - len(items)))
        items[i] = np.asarray(value)[k]
    return _box(items)


def _tl_concat(lst, element_dtype):
    items = [v for v in _items(lst) if v is not None]
    return np.concatenate(items).astype(element_dtype, copy=False) if items else \
        np.zeros((0,), element_dtype)


def _elem_shape(element_shape):
    return None if element_shape is None else tuple(element_shape)


TL_RESERVE = defop("TensorListReserve", _tl_reserve, nondiff=True, allowed=ANY,
                   shape=_list_aval, batch=_no_vmap_list)
TL_SET = defop("TensorListSetItem", _tl_set, nondiff=True, allowed=ANY, shape=_list_aval,
               batch=_no_vmap_list)
TL_GET = defop("TensorListGetItem", _tl_get, nondiff=True, allowed=ANY, batch=_no_vmap_list,
               shape=lambda lst, i, element_dtype, element_shape: AbstractArray(
                   _elem_shape(element_shape), element_dtype))
TL_STACK = defop("TensorListStack", _tl_stack, nondiff=True, allowed=ANY, batch=_no_vmap_list,
                 shape=lambda lst, element_dtype, element_shape: AbstractArray(
                     None if element_shape is None else (None,) + tuple(element_shape),
                     element_dtype))
TL_FROM_TENSOR = defop("TensorListFromTensor", _tl_from_tensor, nondiff=True, allowed=ANY,
                       shape=_list_aval, batch=_no_vmap_list)
TL_LENGTH = defop("TensorListLength", _tl_length, nondiff=True, allowed=ANY,
                  shape=lambda lst: AbstractArray((), np.int32), batch=_no_vmap_list)
TL_GATHER = defop("TensorListGather", _tl_gather, nondiff=True, allowed=ANY, batch=_no_vmap_list,
                  shape=lambda lst, i, element_dtype, element_shape: AbstractArray(
                      None if element_shape is None else (None,) + tuple(element_shape),
                      element_dtype))
TL_SCATTER = defop("TensorListScatter", _tl_scatter, nondiff=True, allowed=ANY, shape=_list_aval,
                   batch=_no_vmap_list)
TL_CONCAT = defop("TensorListConcat", _tl_concat, nondiff=True, allowed=ANY, batch=_no_vmap_list,
                  shape=lambda lst, element_dtype: AbstractArray(None, element_dtype))


def graph_tensor_array_init(ta, dtype, size, element_shape, dynamic_size, flow=None):
    """Sets up `ta` (a TensorArray) as a graph TensorArray over a list value."""
    ta._dtype = dtypes.as_dtype(dtype)
    ta._element_shape = TensorShape(element_shape) if element_shape is not None else \
        TensorShape(None)
    ta._dynamic_size = bool(dynamic_size)
    if flow is None:
        size = convert_to_tensor(size if size is not None else 0, dtypes.int32)
        flow = apply(TL_RESERVE, (size,), {"element_dtype": ta._dtype._np})
    ta._flow = flow
    ta._graph = True


def _elem_attr(ta):
    s = ta._element_shape
    return None if s.rank is None else tuple(s.as_list())


def ta_with_flow(ta, flow, element_shape=None):
    from .control_flow import TensorArray
    new = TensorArray.__new__(TensorArray)
    new._dtype, new._dynamic_size, new._graph = ta._dtype, ta._dynamic_size, True
    new._element_shape = element_shape if element_shape is not None else ta._element_shape
    new._flow = flow
    new._infer_shape, new._clear_after_read = True, True
    return new


def ta_write(ta, index, value):
    value = convert_to_tensor(value, dtype=ta._dtype)
    shape = TensorShape(value._value.shape) if value._value.shape is not None else None
    elem = ta._element_shape
    if shape is not None and elem.rank is None:
        elem = shape
    index = convert_to_tensor(index, dtypes.int32)
    flow = apply(TL_SET, (ta._flow, index, value), {"element_dtype": ta._dtype._np})
    return ta_with_flow(ta, flow, elem)


def ta_read(ta, index):
    index = convert_to_tensor(index, dtypes.int32)
    return apply(TL_GET, (ta._flow, index), {"element_dtype": ta._dtype._np,
                                             "element_shape": _elem_attr(ta)})


def ta_stack(ta):
    return apply(TL_STACK, (ta._flow,), {"element_dtype": ta._dtype._np,
                                         "element_shape": _elem_attr(ta)})


def ta_gather(ta, indices):
    indices = convert_to_tensor(indices, dtypes.int32)
    return apply(TL_GATHER, (ta._flow, indices), {"element_dtype": ta._dtype._np,
                                                  "element_shape": _elem_attr(ta)})


def ta_unstack(ta, value):
    value = convert_to_tensor(value, dtype=ta._dtype)
    elem = TensorShape(value._value.shape[1:]) if value._value.shape else ta._element_shape
    return ta_with_flow(ta, apply(TL_FROM_TENSOR, (value,)), elem)


def ta_scatter(ta, indices, value):
    value = convert_to_tensor(value, dtype=ta._dtype)
    indices = convert_to_tensor(indices, dtypes.int32)
    elem = TensorShape(value._value.shape[1:]) if value._value.shape else ta._element_shape
    return ta_with_flow(ta, apply(TL_SCATTER, (ta._flow, indices, value),
                                  {"element_dtype": ta._dtype._np}), elem)


def ta_concat(ta):
    return apply(TL_CONCAT, (ta._flow,), {"element_dtype": ta._dtype._np})


def ta_size(ta):
    return apply(TL_LENGTH, (ta._flow,))


# ============================================================================================
# Loops over datasets
# ============================================================================================
def _dataset_loop_forward(*inputs, dataset, body, cond, n_vars, body_map, cond_map):
    vals = list(inputs[:n_vars])
    ext = inputs[n_vars:]
    b_ext = [ext[i] for i in body_map] + [c[2] for c in body._captured]
    c_ext = [] if cond is None else [ext[i] for i in cond_map] + [c[2] for c in cond._captured]
    b_run = body._plan.run
    for element in dataset:
        if cond is not None and not cond._plan.run(vals + c_ext)[0]:
            break
        flat = [np.asarray(x._value) for x in nest.flatten(element)]
        vals = list(b_run(vals + flat + b_ext))
    return tuple(vals)


def _dataset_loop_shape(*avals, dataset, body, cond, n_vars, body_map, cond_map):
    return tuple(avals[:n_vars])


def _no_vmap_dataset(op, args, dims, attrs):
    raise NotImplementedError("vmap of a loop over a tf.data.Dataset is not supported")


# A `for` loop over a dataset inside a graph: the body runs once per element each time the graph
# runs (TF lowers it to a dataset reduction). Not differentiable, as TF's ReduceDataset.
REDUCE_DATASET = defop("ReduceDataset", _dataset_loop_forward, nondiff=True, stateful=True,
                       allowed=ANY, num_outputs=lambda attrs: attrs["n_vars"],
                       shape=_dataset_loop_shape, batch=_no_vmap_dataset)


def graph_dataset_loop(dataset, init_vars, body, test=None, name="dataset_loop"):
    """Runs `vars = body(element, *vars)` for each element of `dataset` (while `test(*vars)`
    holds) as one graph operation; `init_vars` is a flat list of tensors."""
    from .function import TensorSpec, lift_captures, trace_internal
    spec = dataset.element_spec
    leaves = nest.flatten(spec)
    if not all(isinstance(s, TensorSpec) for s in leaves):
        raise NotImplementedError(
            "a for loop inside tf.function over a dataset whose elements are composite tensors "
            f"(element_spec {spec!r}) is not supported; iterate outside tf.function")
    flat = [x if isinstance(x, Tensor) else convert_to_tensor(x) for x in init_vars]
    n = len(flat)
    var_specs = [_spec_for(x) for x in flat]

    def b_fn(*args):
        element = nest.pack_sequence_as(spec, list(args[n:]))
        out = body(element, *args[:n])
        return tuple(convert_to_tensor(o) if not isinstance(o, Tensor) else o for o in out)

    cf_body = trace_internal(b_fn, var_specs + list(leaves), name + "_body")
    for k, (x, o) in enumerate(zip(flat, cf_body.graph.outputs)):
        if o.dtype != x.dtype:
            raise TypeError(f"Loop var {_vname(x, k)} enters the loop with type {x.dtype!r} but "
                            f"has type {o.dtype!r} after 1 iteration.")
    fns = [cf_body]
    cf_cond = None
    if test is not None:
        cf_cond = trace_internal(lambda *vs: convert_to_tensor(test(*vs)), var_specs,
                                 name + "_cond")
        fns.append(cf_cond)
    ext, keys, maps = [], {}, []
    for f in fns:
        m = []
        for x in lift_captures(f):
            if id(x) not in keys:
                keys[id(x)] = len(ext)
                ext.append(x)
            m.append(keys[id(x)])
        maps.append(tuple(m))
    outs = apply(REDUCE_DATASET, flat + ext,
                 {"dataset": dataset, "body": cf_body, "cond": cf_cond, "n_vars": n,
                  "body_map": maps[0], "cond_map": maps[1] if cf_cond is not None else ()})
    outs = list(outs)
    for o, s in zip(outs, var_specs):
        if s.shape.rank is not None:
            o._value = AbstractArray(s.shape.as_list(), o._value.dtype)
    return outs
