"""Execution plans: a graph compiled into one straight-line Python function over NumPy values.

A `Plan` is built once per concrete function (and per branch or loop body of a control-flow
op). Building it:
  1. prunes: only operations that an output, a stateful operation (assignments, prints, random
     draws) or a control dependency needs are kept, as TF prunes unused stateless ops;
  2. folds constants: stateless operations whose inputs are all constants run once, now;
  3. orders the rest in creation order (a topological order that also keeps the program order of
     side effects) and generates the source of a function that calls each primitive's NumPy
     forward on local variables, deleting each intermediate after its last use (so NumPy's
     allocator reuses the memory).
Running it costs one Python call per operation, with no per-op dispatch, conversion, wrapping or
recording. An exception in a forward is reported as TF's error for that operation.

Variables are read and assigned through their handles: a handle slot holds the Variable object,
`ReadVariableOp` reads its current value and the assignment ops update it in place of TF's
resource ops. Each plan has its own copy of per-instantiation state held in attributes (the
kernels of stateful random ops), as each TF function instantiation has its own kernels.

    >>> f = tf.function(lambda x: x * 2.0 + 1.0)
    >>> f(tf.constant(3.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=7.0>
"""
import operator as _operator

import numpy as np

from .dtypes import BFLOAT16_STORAGE as _BF16
from .errors import op_failure
from .graph_optimize import optimize
from .tensor import wrap

_FOLD_LIMIT = 1 << 16  # constant-fold results up to this many elements


class Plan:
    """`graph`'s operations needed for `outputs` from `inputs` (SymbolicTensors), compiled.

    `run(values)` takes the values of `inputs` (NumPy values; Variables for resource inputs) and
    returns the NumPy values of `outputs`."""

    def __init__(self, graph, inputs, outputs, name="plan"):
        from .graph import CONST, PLACEHOLDER, VAR_HANDLE
        self.graph = graph
        self.inputs = list(inputs)
        self.outputs = list(outputs)
        ops = graph._ops
        index = {id(op): i for i, op in enumerate(ops)}
        fed = {id(t) for t in self.inputs}

        # 1. which operations are needed
        needed = set()
        work = [t._op for t in self.outputs if id(t) not in fed]
        for op in ops:
            if op._prim.stateful:
                work.append(op)
        while work:
            op = work.pop()
            if id(op) in needed:
                continue
            needed.add(id(op))
            for x in op._inputs:
                if id(x) not in fed:
                    work.append(x._op)
            work.extend(op._control_inputs)
        order = sorted((op for op in ops if id(op) in needed), key=lambda o: index[id(o)])

        # 2. values known now: constants, captured values, folded operations
        known = {}
        for op in order:
            if op._prim is CONST:
                known[id(op._outputs[0])] = op._attrs["value"]
            elif op._prim is VAR_HANDLE:
                known[id(op._outputs[0])] = op._attrs["variable"]
        steps = []
        for op in order:
            prim = op._prim
            if prim is CONST or prim is VAR_HANDLE:
                continue
            if prim is PLACEHOLDER:
                if not any(id(o) in fed for o in op._outputs):
                    raise _unfed(op)
                continue
            if (not prim.stateful and op._inputs and all(id(x) in known for x in op._inputs)
                    and all(id(x) not in fed for x in op._inputs) and not op._control_inputs
                    and _foldable(prim)):
                try:
                    vals = _forward(prim)(*[known[id(x)] for x in op._inputs], **op._attrs)
                except Exception:
                    vals = None
                else:
                    outs = vals if prim.multi else (vals,)
                    if all(np.size(v) <= _FOLD_LIMIT for v in outs):
                        for o, v in zip(op._outputs, outs):
                            known[id(o)] = v
                        continue
            steps.append(op)
        self._name = name
        steps, self._results = optimize(graph, steps, known, self.outputs)
        self._source, self._fn = self._generate(steps, known, fed, name)
        self.num_steps = len(steps)

    def _generate(self, steps, known, fed, name):
        names = {}
        glob = {"_fail": self._fail, "np": np}
        for i, t in enumerate(self.inputs):
            names[id(t)] = f"a{i}"
        n_const = 0
        for k, v in known.items():
            n_const += 1
            cname = f"c{n_const}"
            glob[cname] = v
            names[k] = cname
        lines = [f"def {name}(feeds):"]
        if self.inputs:
            lines.append("    (" + ", ".join(f"a{i}" for i in range(len(self.inputs))) + ",) = feeds")
        # Identity outputs alias their input (values are never changed in place once made):
        # `alias` maps an Identity output to the tensor whose slot it shares
        alias = {}
        for op in steps:
            if op._prim.name == "Identity" and len(op._inputs) == 1 and \
                    id(op._inputs[0]) not in known:
                x = op._inputs[0]
                alias[id(op._outputs[0])] = alias.get(id(x), id(x))
        # last use of each slot, to delete intermediates early
        last_use = {}
        for si, op in enumerate(steps):
            for x in op._inputs:
                last_use[alias.get(id(x), id(x))] = si
        for t in self._results:
            last_use[alias.get(id(t), id(t))] = len(steps)
        lines.append("    try:")
        tmp = 0
        instances = {}  # id(state attribute) -> this plan's copy (shared where nodes share it)
        self._step_ops = steps
        self._step_lines = step_lines = []  # the source line (1-based) each step starts on
        for si, op in enumerate(steps):
            prim = op._prim
            forward = _forward(prim)
            if any(x._value.dtype == _BF16 for x in op._inputs) and prim.forward is not None and \
                    prim.name not in _SPECIAL:
                forward = _bfloat16_forward(prim)  # NumPy has no bfloat16 arithmetic
            args = [names[id(x)] for x in op._inputs]
            infix = _INFIX.get(forward) if not op._attrs and len(args) == 2 else None
            if infix is not None:  # an operator: the same NumPy call without a function call
                call = f"{args[0]} {infix} {args[1]}"
            else:
                fname = f"f{si}"
                glob[fname] = forward
                if op._attrs:
                    aname = f"k{si}"
                    glob[aname] = _instantiated(op._attrs, instances)
                    call = f"{fname}({', '.join(args)}{', ' if args else ''}**{aname})"
                else:
                    call = f"{fname}({', '.join(args)})"
            outs = []
            for o in op._outputs:
                tmp += 1
                names[id(o)] = f"t{tmp}"
                outs.append(f"t{tmp}")
            step_lines.append(len(lines) + 1)
            if prim.multi:
                if not outs:
                    lines.append(f"        {call}")
                else:  # (an operation may have been given extra outputs later: index ours)
                    lines.append(f"        _o = {call}")
                    lines.append("        " + "; ".join(f"{o} = _o[{k}]" for k, o in enumerate(outs)))
                    lines.append("        del _o")
            elif id(op._outputs[0]) in alias:
                names[id(op._outputs[0])] = args[0]
                tmp -= 1
                lines.append("        pass")
                continue
            else:
                lines.append(f"        {outs[0]} = {call}")
            dead = [names[id(x)] for x in op._inputs
                    if last_use.get(alias.get(id(x), id(x))) == si and
                    names[id(x)].startswith("t")]
            dead += [names[id(o)] for o in op._outputs if id(o) not in last_use]
            if dead:
                lines.append("        del " + ", ".join(sorted(set(dead))))
        lines.append("        pass")
        lines.append("    except Exception as e:")
        lines.append("        raise _fail(e) from None")
        rets = [names.get(id(t)) for t in self._results]
        for t, r in zip(self.outputs, rets):
            if r is None:
                raise ValueError(f"output {t.name} of the plan is not computed from its inputs")
        lines.append("    return (" + ", ".join(rets) + ("," if len(rets) == 1 else "") + ")")
        source = "\n".join(lines) + "\n"
        exec(compile(source, f"<tapeflow plan {name}>", "exec"), glob)
        return source, glob[name]

    def _fail(self, exc):
        import bisect
        tb, line = exc.__traceback__, None
        code = self._fn.__code__
        while tb is not None:  # the plan's own frame says which step failed
            if tb.tb_frame.f_code is code:
                line = tb.tb_lineno
            tb = tb.tb_next
        if line is None or not self._step_lines or line < self._step_lines[0]:
            return exc
        op = self._step_ops[bisect.bisect_right(self._step_lines, line) - 1]
        err = op_failure(op._prim, [], exc)
        message = getattr(err, "message", None)
        if message is None or message.startswith("Graph execution error:"):
            return err
        # TF's form for a failing graph operation
        import re

        from ..autograph.impl import GENERATED_ORIGINS
        base = re.sub(r"\s*\[Op:[^\]]*\]( name: \S*)?\s*$", "", message)
        frames = []
        for filename, lineno, fn in op._traceback:
            if filename in GENERATED_ORIGINS:
                filename = GENERATED_ORIGINS[filename]
                fn = fn[4:] if fn.startswith("tf__") else fn
            frames.append(f'  File "{filename}", line {lineno}, in {fn}\n')
        text = (f"Graph execution error:\n\nDetected at node {op.name} defined at (most recent "
                f"call last):\n" + "\n".join(frames) + f"\n{base}\n\t [[{{{{node {op.name}}}}}]] "
                f"[Op:{self._name}]")
        try:
            new = type(err)(err.node_def, err.op, text)
        except TypeError:
            return err
        return new

    def run(self, values):
        return self._fn(values)

    def __repr__(self):
        return f"<Plan of {self.num_steps} steps>\n{self._source}"


_INFIX = {_operator.mul: "*", _operator.add: "+", _operator.sub: "-",
          _operator.truediv: "/"}


def _instantiated(attrs, instances):
    """A plan is one instantiation of its graph, as TF instantiates a function: attributes with
    per-instantiation state (a random op's kernel, `instantiate()`) get this plan's own copy, so a
    function's inference plan and its forward-for-gradients plan draw from separate kernels."""
    if not any(hasattr(v, "instantiate") for v in attrs.values()):
        return attrs
    out = {}
    for k, v in attrs.items():
        if hasattr(v, "instantiate"):
            if id(v) not in instances:
                instances[id(v)] = (v, v.instantiate())  # (the original kept alive: its id)
            v = instances[id(v)][1]
        out[k] = v
    return out


def _foldable(prim):
    return prim.forward is not None and prim.name not in ("ReadVariableOp",)


def _forward(prim):
    """The function a plan calls for `prim`: its forward, or the plan-level implementation of
    graph-only operations (variable reads and assignments)."""
    special = _SPECIAL.get(prim.name)
    return special if special is not None else prim.forward


def _bfloat16_forward(prim):
    """`prim`'s forward on bfloat16 storage: computed in float32 and rounded back, as eagerly."""
    from . import bfloat16

    def forward(*values, **attrs):
        return bfloat16.run(prim, values, attrs)
    return forward


def _read(var):
    return var._value


_SPECIAL = {"ReadVariableOp": _read}  # the handle slot holds the Variable: read its value


def _unfed(op):
    from .errors import InvalidArgumentError
    return InvalidArgumentError(None, op, f"You must feed a value for placeholder tensor "
                                          f"'{op.name}' with dtype "
                                          f"{op._outputs[0].dtype.name}")


def wrap_outputs(values):
    return [wrap(v) for v in values]
