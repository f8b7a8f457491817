"""Rewrites a plan applies to the operations it runs (the graph itself is left as traced).

TF's Grappler rewrites a function's graph before running it; a plan does two rewrites of its own,
aimed at graphs traced from Python loops:

* **variable reads**: reads of the same variable with no assignment (or other stateful operation)
  between them give the same value, so the later ones reuse the first (TF reads on every use; a
  loop over rows reads once per row);
* **row vectorisation**: `tf.stack` of per-row results computed by the same operations from the
  rows of one tensor (`tf.stack([x[i] - m for i in range(n)])`), and a sum of per-row terms over
  the pieces of one `tf.unstack` (what such a stack's gradient becomes), run as one batched
  operation per step instead of one per row, built with each primitive's batch rule (as vmap
  does). The per-row operations are then dropped when nothing else uses them.

Values are those of the per-row program (sums may round differently, as any reassociation).

    >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> f = tf.function(lambda: tf.stack([x[i] * 2.0 for i in range(3)]))
    >>> f().numpy().tolist()
    [[2.0, 4.0], [6.0, 8.0], [10.0, 12.0]]
"""
import numpy as np

from ..prims import base as P
from .graph import CONST, PLACEHOLDER, GraphBuilder, is_resource
from .op import stack_replaced

MIN_ROWS = 8  # stacks and sums of fewer pieces are left as they are
_MAX_DEPTH = 40
_BARRIER_FREE = frozenset(("ReadVariableOp", "PrintV2", "Assert"))


class Step:
    """An operation as a plan runs it, with (possibly) rewritten inputs."""

    __slots__ = ("_attrs", "_control_inputs", "_inputs", "_name", "_op", "_outputs", "_prim",
                 "_traceback")

    def __init__(self, op, inputs):
        self._op = op
        self._prim = op._prim
        self._inputs = tuple(inputs)
        self._outputs = op._outputs
        self._attrs = op._attrs
        self._control_inputs = op._control_inputs
        self._traceback = op._traceback
        self._name = op._name

    name = property(lambda self: self._name)


def optimize(graph, steps, known, outputs):
    """(steps, outputs) with the rewrites above applied; `known` (constant values by tensor id)
    gains the constants the new operations need."""
    if len(steps) < MIN_ROWS:
        return steps, outputs
    subst = {}
    steps = _share_reads(steps, subst)
    if any(s._prim.name in ("Pack", "AddV2", "AddN") for s in steps):
        graph = steps[0]._op._graph if isinstance(steps[0], Step) else steps[0]._graph
        try:
            steps = _Vectorizer(graph, steps, known, outputs, subst).run()
        except _Abandon:
            pass
    if subst:
        outputs = [_resolve(subst, t) for t in outputs]
        steps = _prune(steps, outputs)
    return steps, outputs


class _Abandon(Exception):
    pass


def _resolve(subst, t):
    while id(t) in subst:
        t = subst[id(t)]
    return t


def _rewired(step, subst):
    if not any(id(x) in subst for x in step._inputs):
        return step
    return Step(step._op if isinstance(step, Step) else step,
                [_resolve(subst, x) for x in step._inputs])


def _is_handle(t):
    return is_resource(t._value.dtype)


def _share_reads(steps, subst):
    last = {}  # id(handle tensor) -> the output of its last read
    out = []
    for step in steps:
        step = _rewired(step, subst)
        name = step._prim.name
        if name == "ReadVariableOp" and not step._control_inputs:
            h = step._inputs[0]
            prev = last.get(id(h))
            if prev is not None:
                subst[id(step._outputs[0])] = prev
                continue
            last[id(h)] = step._outputs[0]
        elif (step._prim.stateful and name not in _BARRIER_FREE) or \
                any(_is_handle(x) for x in step._inputs):
            last.clear()
        out.append(step)
    return out


def _prune(steps, outputs):
    needed = {id(t) for t in outputs}
    controls = set()
    keep = []
    for step in reversed(steps):
        if step._prim.stateful or id(step._op if isinstance(step, Step) else step) in controls or \
                any(id(o) in needed for o in step._outputs):
            keep.append(step)
            needed.update(id(x) for x in step._inputs)
            controls.update(id(c) for c in step._control_inputs)
    keep.reverse()
    return keep


def _attrs_equal(a, b):
    if a is b:
        return True
    if a.keys() != b.keys():
        return False
    for k, v in a.items():
        w = b[k]
        if v is w:
            continue
        if isinstance(v, np.ndarray) or isinstance(w, np.ndarray):
            return False
        try:
            if not bool(v == w):
                return False
        except Exception:
            return False
    return True


class _Vectorizer:
    def __init__(self, graph, steps, known, outputs, subst):
        self.graph = graph
        self.steps = steps
        self.known = known
        self.subst = subst
        self.producer = {}
        self.uses = {}
        self.add_user = {}  # id(tensor) -> the add that takes it
        for s in steps:
            for o in s._outputs:
                self.producer[id(o)] = s
            is_add = s._prim.name in ("AddV2", "AddN")
            for x in s._inputs:
                self.uses[id(x)] = self.uses.get(id(x), 0) + 1
                if is_add:
                    self.add_user[id(x)] = s
        for t in outputs:
            self.uses[id(t)] = self.uses.get(id(t), 0) + 2
        self.memo = {}

    # -- driving -------------------------------------------------------------------------------
    def run(self):
        g = self.graph
        saved = (g._finalized, dict(g._name_counts), dict(g._by_name), g._version, len(g._ops))
        captures = {k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in g.__dict__.items()
                    if k in ("_captures", "_capture_order")}
        g._finalized = False
        out = []
        try:
            with stack_replaced([GraphBuilder(g)]):
                for step in self.steps:
                    step = _rewired(step, self.subst)
                    start = len(g._ops)
                    replacement = self._rewrite(step)
                    new_ops = g._ops[start:]
                    if replacement is None:
                        if new_ops:  # a partial attempt: its operations are dropped
                            del g._ops[start:]
                        out.append(step)
                        continue
                    for op in new_ops:
                        if op._prim is PLACEHOLDER:
                            raise _Abandon
                        if op._prim is CONST:
                            self.known[id(op._outputs[0])] = op._attrs["value"]
                        else:
                            out.append(op)
                    self.subst[id(step._outputs[0])] = replacement
        finally:
            g._finalized, g._name_counts, g._by_name, g._version, n = saved
            del g._ops[n:]
            g.__dict__.update(captures)
        return out

    def _rewrite(self, step):
        name = step._prim.name
        if name == "Pack" and len(step._inputs) >= MIN_ROWS:
            return self._pack(step)
        if name in ("AddV2", "AddN") and not self._interior(step._outputs[0]):
            return self._sum(step)
        return None

    # -- stacks --------------------------------------------------------------------------------
    def _pack(self, step):
        res = self._group(list(step._inputs), 0)
        if res is None or res[1] is None:
            return None
        t, d = res
        rank = len(step._outputs[0]._value.shape)
        axis = step._attrs.get("axis", 0)
        axis = axis + rank if axis < 0 else axis
        if d != axis:
            t = P.move_axis(t, d, axis)
        return t

    # -- sums ----------------------------------------------------------------------------------
    def _is_add(self, t):
        s = self.producer.get(id(t))
        return s is not None and s._prim.name in ("AddV2", "AddN")

    def _interior(self, t):
        """True when `t` is a term of a larger sum (used once, by an add of the same shape)."""
        s = self.add_user.get(id(t))
        return s is not None and self.uses.get(id(t), 0) == 1 and \
            s._outputs[0]._value.shape == t._value.shape

    def _terms(self, root, shape):
        """The terms of the sum tree under `root` (adds of that shape whose results are used
        only there), left to right."""
        out, work = [], [root]
        while work:
            t = work.pop()
            s = self.producer.get(id(t))
            if t is not root and (s is None or s._prim.name not in ("AddV2", "AddN") or
                                  self.uses.get(id(t), 0) != 1 or t._value.shape != shape):
                out.append(t)
                continue
            work.extend(_resolve(self.subst, x) for x in reversed(s._inputs))
        return out

    def _sum(self, step):
        root = step._outputs[0]
        shape = root._value.shape
        if shape is None or any(d is None for d in shape):
            return None
        terms = self._terms(root, shape)
        if len(terms) < MIN_ROWS:
            return None
        groups = {}
        rest = []
        for t in terms:
            row = self._row_of(t, 0) if t._value.shape == shape else None
            if row is None:
                rest.append(t)
            else:
                groups.setdefault(row[0], []).append((row[1], t))
        parts = []
        for members in groups.values():
            members.sort(key=lambda m: m[0])
            n = len(members)
            res = None
            if n >= MIN_ROWS and [m[0] for m in members] == list(range(n)):
                res = self._group([m[1] for m in members], 0)
            if res is None or res[1] is None:
                rest.extend(m[1] for m in members)
            else:
                parts.append(P.reduce_sum(res[0], (res[1],)))
        if not parts:
            return None
        total = parts[0]
        for p in parts[1:] + rest:
            total = P.add(total, p)
        return total

    def _row_of(self, t, depth):
        """(the op whose pieces `t` is computed from, the piece's index), or None."""
        s = self.producer.get(id(t))
        if s is None or depth > _MAX_DEPTH:
            return None
        if s._prim.name == "Unpack":
            return ("u", id(s)), t._index
        if s._prim.name == "StridedSlice":
            key = s._attrs.get("key")
            if isinstance(key, tuple) and len(key) == 1 and type(key[0]) is int:
                src = _resolve(self.subst, s._inputs[0])
                value = self.known.get(id(src))
                return ("s", id(src) if value is None else id(value)), key[0]
        for x in s._inputs:
            r = self._row_of(x, depth + 1)
            if r is not None:
                return r
        return None

    # -- groups of per-row tensors -------------------------------------------------------------
    def _same(self, ts):
        t0 = ts[0]
        if all(t is t0 for t in ts):
            return True
        k0 = self.known.get(id(t0))
        if k0 is None:
            return False
        small = np.size(k0) <= 64
        for t in ts:
            k = self.known.get(id(t))
            if k is k0:
                continue
            if k is None or not small or type(k) is not type(k0) or \
                    getattr(k, "dtype", None) != getattr(k0, "dtype", None) or \
                    np.shape(k) != np.shape(k0) or not np.array_equal(k, k0):
                return False
        return True

    def _group(self, ts, depth):
        """(tensor, batch axis) holding the n tensors `ts` stacked along that axis (axis None:
        all are the same tensor), as operations of the graph; None when they are not the same
        computation on the rows of one tensor."""
        key = tuple(id(t) for t in ts)
        if key in self.memo:
            return self.memo[key]
        res = self._group_uncached(ts, depth)
        self.memo[key] = res
        return res

    def _group_uncached(self, ts, depth):
        if self._same(ts):
            return ts[0], None
        if depth > _MAX_DEPTH:
            return None
        n = len(ts)
        shape = ts[0]._value.shape
        if shape is None or any(d is None for d in shape) or \
                any(t._value.shape != shape or t._value.dtype != ts[0]._value.dtype for t in ts):
            return None
        steps = [self.producer.get(id(t)) for t in ts]
        if any(s is None for s in steps):
            return None
        s0 = steps[0]
        prim = s0._prim
        if any(s._prim is not prim for s in steps):
            return None
        if prim.name == "Unpack":
            if all(s is s0 for s in steps) and s0._attrs.get("num") == n and \
                    [t._index for t in ts] == list(range(n)):
                x = s0._inputs[0]
                axis = s0._attrs.get("axis", 0)
                return x, axis + len(x._value.shape) if axis < 0 else axis
            return None
        if prim.name == "StridedSlice":
            src = [s._inputs[0] for s in steps]
            if all(s._attrs.get("key") == (i,) for i, s in enumerate(steps)) and \
                    self._same(src) and src[0]._value.shape and src[0]._value.shape[0] == n:
                return src[0], 0
        if prim.stateful or prim.batch is None or prim.forward is None or \
                prim.name in ("ReadVariableOp", "Identity"):
            if prim.name == "Identity":
                return self._group([_resolve(self.subst, s._inputs[0]) for s in steps], depth + 1)
            return None
        k = ts[0]._index
        arity = len(s0._inputs)
        if any(t._index != k for t in ts) or any(len(s._inputs) != arity for s in steps) or \
                any(not _attrs_equal(s._attrs, s0._attrs) for s in steps[1:]):
            return None
        args, dims = [], []
        for j in range(arity):
            col = [_resolve(self.subst, s._inputs[j]) for s in steps]
            r = self._group(col, depth + 1)
            if r is None:
                return None
            args.append(r[0])
            dims.append(r[1])
        if all(d is None for d in dims):
            return ts[0], None  # the same stateless operation of the same inputs
        outs, out_dims = prim.batch(prim, args, dims, s0._attrs)
        if prim.multi:
            outs, out_dims = outs[k], out_dims[k]
        if out_dims is None:
            return None
        return outs, out_dims
