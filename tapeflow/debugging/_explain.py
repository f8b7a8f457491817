"""Why a gradient is None: `GradientTape.explain`, `tf.autodiff.explain`, `NoneReason`.

`explain(tape, target, sources)` returns, in the structure of `sources`, one
`GradientExplanation` per source: `.connected`, `.reason` (a `NoneReason`, or None when
connected), `.message` (what happened, where in the user's code, and the fix) and `.location`.

What it reads. The tape records, only when it happens (see `framework/tape.py`): its nodes and
tracked tensors; the ops on tracked inputs whose outputs are all integer or bool ("cuts"), with
their outputs tracked so the ops after them are recorded too; the variables read while
recording but not watched, with the user's line; the tracked values turned into NumPy or Python
values while recording (`.numpy()`, `np.asarray`, NumPy functions, `float()`), with the line and
whether the user's code or a tapeflow helper did it; the lines where `stop_recording()` was
entered; and, for a non-persistent tape whose `gradient` freed its records, what that sweep saw
(which sources it tracked, its results, the ops where gradients stopped; when every gradient was
None it freed nothing and the records stay). At explain time only: a backward sweep over the
records with every recorder hidden (the ground truth of "connected", and the ops where the
gradient stops); reachability through the records, cuts included; value comparisons between the
source and the objects the tape used; and the source code of the calling function (names, the
`with tf.GradientTape()` block, assignments; `_source.CodeFacts`).

The reasons are tried nearest to the user's intent first: the source object itself (dtype; a
variable read but not watched; a copy of, or a rebound name for, what the tape used; a tensor
never watched), then the path (blocked by `stop_gradient` or ops with no gradient; left through
NumPy; computed outside the tape or under `stop_recording`), and last "no path at all".
"""
import enum
import re

import numpy as np

from ..framework import nest
from ..framework.backprop import backprop
from ..framework.errors import describe
from ..framework.op import stack_replaced
from ..framework.tensor import Tensor, TensorLike
from ..framework.variables import Variable
from . import _sites, _source


class NoneReason(enum.Enum):
    """Why `GradientTape.gradient` returns None for a source."""
    NOT_WATCHED = "not_watched"
    NOT_TRAINABLE = "not_trainable"
    WATCH_DISABLED = "watch_disabled"
    INTEGER_DTYPE = "integer_dtype"
    LEFT_TAPE = "left_tape"
    RECORDED_OUTSIDE = "recorded_outside"
    STOP_GRADIENT = "stop_gradient"
    NON_DIFFERENTIABLE = "non_differentiable"
    NOT_THE_SOURCE = "not_the_source"
    NOT_CONNECTED = "not_connected"


class GradientExplanation:
    """Why one source has (or lacks) a gradient: `.connected`, `.reason` (a `NoneReason` or
    None), `.message`, and `.location` ('file.py:12' where the path broke, or None). `str()`
    gives the message."""

    __slots__ = ("connected", "reason", "message", "location", "_label")

    def __init__(self, connected, reason, message, location=None, label=""):
        self.connected = connected
        self.reason = reason
        self.message = message
        self.location = location
        self._label = label

    def __str__(self):
        return self.message

    def __repr__(self):
        if self.connected:
            return "<GradientExplanation connected>"
        return "<GradientExplanation %s: %s>" % (self.reason.name, self.message)


# What each op without a gradient is called in user code (regexes to find the line), how to name
# it in a message, and the usual fix.
_COMPARE_FIX = ("compute the loss from the float values (e.g. a cross-entropy, or tf.sigmoid of "
                "a difference) instead of a comparison")
_ROUND_FIX = ("for a straight-through estimator use x + tf.stop_gradient(tf.round(x) - x), or "
              "keep the value continuous")
_OPS = {
    "ArgMax": ([r"\bargmax\s*\("], "tf.argmax", "an index has no gradient: use the "
               "probabilities (e.g. tf.nn.softmax of the logits) in the loss instead"),
    "ArgMin": ([r"\bargmin\s*\("], "tf.argmin", "an index has no gradient: use a soft version "
               "(e.g. tf.nn.softmax of the negated values) instead"),
    "Round": ([r"\bround\s*\(", r"\brint\s*\("], "tf.round", _ROUND_FIX),
    "Rint": ([r"\brint\s*\(", r"\bround\s*\("], "tf.math.rint", _ROUND_FIX),
    "Floor": ([r"\bfloor\s*\(", r"//"], "tf.floor", _ROUND_FIX),
    "Ceil": ([r"\bceil\s*\("], "tf.math.ceil", _ROUND_FIX),
    "Sign": ([r"\bsign\s*\("], "tf.sign", _ROUND_FIX),
    "Equal": ([r"\bequal\s*\(", r"=="], "tf.equal (==)", _COMPARE_FIX),
    "NotEqual": ([r"\bnot_equal\s*\(", r"!="], "tf.not_equal (!=)", _COMPARE_FIX),
    "Less": ([r"\bless\s*\(", r"<(?![=<])"], "tf.less (<)", _COMPARE_FIX),
    "LessEqual": ([r"\bless_equal\s*\(", r"<="], "tf.less_equal (<=)", _COMPARE_FIX),
    "Greater": ([r"\bgreater\s*\(", r"(?<![-=>])>(?![=>])"], "tf.greater (>)", _COMPARE_FIX),
    "GreaterEqual": ([r"\bgreater_equal\s*\(", r">="], "tf.greater_equal (>=)", _COMPARE_FIX),
    "LogicalAnd": ([r"\blogical_and\s*\("], "tf.logical_and", _COMPARE_FIX),
    "LogicalOr": ([r"\blogical_or\s*\("], "tf.logical_or", _COMPARE_FIX),
    "LogicalNot": ([r"\blogical_not\s*\("], "tf.logical_not", _COMPARE_FIX),
    "IsNan": ([r"\bis_nan\s*\("], "tf.math.is_nan", _COMPARE_FIX),
    "IsInf": ([r"\bis_inf\s*\("], "tf.math.is_inf", _COMPARE_FIX),
    "IsFinite": ([r"\bis_finite\s*\("], "tf.math.is_finite", _COMPARE_FIX),
    "OneHot": ([r"\bone_hot\s*\("], "tf.one_hot", "one-hot vectors of indices have no "
               "gradient: feed the probabilities themselves"),
    "ZerosLike": ([r"\bzeros_like\s*\("], "tf.zeros_like", "its value does not depend on the "
                  "input; use the input itself"),
    "StopGradient": ([r"\bstop_gradient\s*\("], "tf.stop_gradient", "remove it if this "
                     "gradient is wanted"),
}
_CAST_FIX = "keep the value floating point (cast to tf.float32, not to an integer type)"


def _op_facts(node):
    """(regexes, name in messages, fix) for a blocking node."""
    name = node.op.name
    if name == "Cast":
        dtype = node.outputs[0].dtype.name
        return [r"\bcast\s*\(", r"\bsaturate_cast\s*\("], "tf.cast to %s" % dtype, _CAST_FIX
    if name in _OPS:
        return _OPS[name]
    dtypes = {o._value.dtype.kind for o in node.outputs}
    fix = ("its output is %s, which carries no gradient: keep the computation in floating "
           "point" % node.outputs[0].dtype.name if not dtypes & set("fcV")
           else "replace it with a differentiable computation")
    return [r"\b%s\s*\(" % re.escape(_snake(name))], name, fix


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# ============================================================================================
# The public entry points
# ============================================================================================
def explain(tape, target, sources):
    """Why each of `sources` has (or lacks) a gradient of `target` on `tape`: the structure of
    `sources` filled with `GradientExplanation`s. Usable before or after `tape.gradient` (after
    the one `gradient` call of a non-persistent tape it explains that call).

    >>> w = tf.Variable(2.0, trainable=False)
    >>> with tf.GradientTape() as tape:
    ...     y = w * w
    >>> e = tape.explain(y, w)
    >>> e.connected, e.reason
    (False, <NoneReason.NOT_TRAINABLE: 'not_trainable'>)
    """
    if target is None:
        raise TypeError("Argument `target` should be a list or nested structure of Tensors, "
                        "Variables or CompositeTensors to be differentiated, but received None.")
    flat_targets = [target] if isinstance(target, TensorLike) else nest.flatten(target)
    single = isinstance(sources, TensorLike)
    flat_sources = [sources] if single else nest.flatten(sources)
    out = explain_flat(tape, flat_targets, flat_sources)
    return out[0] if single else nest.pack_sequence_as(sources, out)


def explain_flat(tape, flat_targets, flat_sources):
    """One explanation per source in the flat list (the calling user frame gives the names)."""
    for s in flat_sources:
        if not isinstance(s, TensorLike):
            if s is None:
                raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow "
                                "DType.")
            raise AttributeError(f"'{type(s).__name__}' object has no attribute 'dtype'")
    for t in flat_targets:
        if not isinstance(t, TensorLike):
            raise AttributeError(f"'{type(t).__name__}' object has no attribute 'dtype'")
    ctx = _Context(tape, flat_targets, flat_sources, _sites.user_frame())
    return [ctx.explain(s) for s in flat_sources]


# ============================================================================================
# The analysis
# ============================================================================================
class _Graph:
    """The tape's records as a graph: producers and consumers by tensor id."""

    def __init__(self, nodes, cuts, tracked):
        self.nodes = list(nodes) + list(cuts)
        self.plain = list(nodes)
        self.tracked = tracked
        self.producer = {}
        self.consumers = {}
        for n in self.nodes:
            for o in n.outputs:
                self.producer[id(o)] = n
            for x in n.inputs:
                self.consumers.setdefault(id(x), []).append(n)

    def reach(self, start, through=None):
        """Ids of the tensors reachable from `start` (ids), and the nodes on the way (only
        through the nodes `through(node)` accepts, when given)."""
        seen = set(start)
        nodes = []
        todo = list(start)
        visited = set()
        while todo:
            k = todo.pop()
            for n in self.consumers.get(k, ()):
                if id(n) in visited or (through is not None and not through(n)):
                    continue
                visited.add(id(n))
                nodes.append(n)
                for o in n.outputs:
                    if id(o) not in seen:
                        seen.add(id(o))
                        todo.append(id(o))
        return seen, nodes

    def ancestors(self, ids):
        """Ids of every tensor the tensors `ids` were computed from (themselves included)."""
        seen = set(ids)
        todo = list(ids)
        while todo:
            n = self.producer.get(todo.pop())
            if n is None:
                continue
            for x in n.inputs:
                if id(x) not in seen:
                    seen.add(id(x))
                    todo.append(id(x))
        return seen


class _Context:
    """One `explain` call: the tape's evidence, the targets, the caller's code."""

    def __init__(self, tape, targets, sources, frame):
        self.tape = tape
        self.targets = targets
        self.sources = sources
        self.code = _source.CodeFacts(frame)
        # the `with ... as tape:` block this tape recorded in: the last one before this line
        blocks = self.code.tape_blocks(tape)
        before = [b for b in blocks if b[0] <= self.code.lineno]
        self.blocks = [before[-1]] if before else blocks[:1]
        self.float_targets = [t for t in targets if t._value.dtype.kind in "fcV"]
        self.graph = None
        self.partial = None  # after a consuming sweep: (source ids, results by source, blocked)
        self.grads = {}
        self.blocked = []
        self.sweep_error = None
        self._ancestors = None
        nodes, tracked = tape._nodes, tape._tracked
        if nodes is None and tape._kept is not None:
            nodes, tracked = tape._kept
        if nodes is not None:
            self.graph = _Graph(nodes, tape._cut_nodes(), tracked or {})
            self._run_sweep()
        elif tape._sweep is not None:
            evidence, call_sources, call_grads = tape._sweep
            self.partial = (evidence[0], list(call_sources), list(call_grads), evidence[1:])
        elif tape._tracked is None:
            raise RuntimeError(_FREED)
        else:
            self.graph = _Graph([], [], {})

    # -- ground truth: a sweep with every recorder hidden ------------------------------------------
    def _run_sweep(self):
        from ..framework.tape import _seeds
        g = self.graph
        tracked = g.tracked
        sources = [s for s in self.sources if id(s) in tracked
                   or any(t is s for t in self.targets)]
        if not sources or not self.float_targets:
            return
        seeds = _seeds(self.targets, None)
        evidence = []
        try:
            with stack_replaced([]):
                grads = backprop(list(g.plain), tracked, self.targets, seeds, sources, 0, False,
                                 evidence)
        except Exception as e:  # a rule failed: the gradient call would raise this too
            self.sweep_error = e
            return
        for s, gr in zip(sources, grads):
            self.grads[id(s)] = gr
        self.blocked = evidence[1:]

    # -- one source ------------------------------------------------------------------------------
    def label(self, s):
        name = self.code.name_of(s)
        if name:
            return "`%s`" % name
        if isinstance(s, Variable):
            return "the variable '%s'" % (getattr(s, "path", None) or s.name)
        return "the source (a %s tensor)" % describe(s)

    def target_label(self):
        if len(self.targets) == 1:
            name = self.code.name_of(self.targets[0])
            if name:
                return "`%s`" % name
        return "the target"

    def explain(self, s):
        label = self.label(s)
        if any(t is s for t in self.targets):
            if s._value.dtype.kind in "fcV":
                return GradientExplanation(True, None, "%s is the target itself: its gradient is "
                                           "ones." % label, label=label)
        kind = s._value.dtype
        if kind.kind not in "fcV":
            return self.result(s, NoneReason.INTEGER_DTYPE, (
                "%s has dtype %s: gradients exist only for floating-point (and complex) values. "
                "Create it as a float (e.g. tf.constant(3.0) or dtype=tf.float32), or cast it "
                "before use and watch the cast: x = tf.cast(x, tf.float32)." % (
                    label, describe(s).split("[")[0])))
        if not self.float_targets:
            t = self.targets[0]
            return self.result(s, NoneReason.INTEGER_DTYPE, (
                "%s has dtype %s, and no gradient flows back from an integer or bool value. "
                "Compute it in floating point (cast to tf.float32 before the last op, not "
                "after)." % (self.target_label(), t.dtype.name)))
        if self.partial is not None:
            return self.explain_partial(s, label)
        g = self.graph
        tracked = id(s) in g.tracked
        if tracked:
            if self.grads.get(id(s)) is not None:
                return GradientExplanation(True, None, "%s is connected to %s: its gradient is "
                                           "defined." % (label, self.target_label()), label=label)
            if self.sweep_error is not None:
                return self.result(s, NoneReason.NON_DIFFERENTIABLE, (
                    "The backward pass from %s fails: %s" % (self.target_label(),
                                                              self.sweep_error)))
            return self.tracked_unconnected(s, label)
        return self.untracked(s, label)

    def result(self, s, reason, message, site=None, label=None):
        return GradientExplanation(False, reason, message, _sites.where(site) or None,
                                   label=label or self.label(s))

    # -- a source the tape never tracked ------------------------------------------------------
    def untracked(self, s, label):
        tape = self.tape
        if isinstance(s, Variable):
            read = (tape._unwatched_reads or {}).get(id(s))
            if read is not None:
                site = read[1]
                at = " (at %s)" % _sites.where_and_code(site) if site else ""
                if not s.trainable:
                    return self.result(s, NoneReason.NOT_TRAINABLE, (
                        "%s is a tf.Variable created with trainable=False, so the tape did not "
                        "watch it when it was read%s. Watch it explicitly with tape.watch(%s), "
                        "or create it with trainable=True." % (label, at, _bare(label))), site)
                return self.result(s, NoneReason.WATCH_DISABLED, (
                    "The tape was created with watch_accessed_variables=False and %s was never "
                    "passed to tape.watch(), so its reads%s were not recorded. Call "
                    "tape.watch(%s) inside the `with` block before using it." % (
                        label, at, _bare(label))), site)
            found = self.not_the_source(s, label)
            if found is not None:
                return found
            found = self.left_tape(s, [id(s)], user_only=False)
            if found is not None:
                return found
            found = self.recorded_outside(s, label, variable=True)
            if found is not None:
                return found
            return self.result(s, NoneReason.NOT_CONNECTED, (
                "%s was never read while the tape was recording, so no recorded op leads from it "
                "to %s. Use it inside the `with tf.GradientTape()` block; a value computed from "
                "it before the tape started (e.g. in __init__ or build) is a constant to the "
                "tape." % (label, self.target_label())))
        used, use = self.first_use(s)
        if used:
            at = " at %s" % _sites.where_and_code(use) if use else " by a recorded op"
            return self.result(s, NoneReason.NOT_WATCHED, (
                "%s was used%s but never watched: the tape watches trainable tf.Variables "
                "automatically, never tensors. Call tape.watch(%s) inside the `with` block "
                "before using it (or make it a tf.Variable)." % (label, at, _bare(label))), use)
        found = self.not_the_source(s, label)
        if found is not None:
            return found
        return self.result(s, NoneReason.NOT_WATCHED, (
            "%s is a tf.Tensor the tape never watched: the tape watches trainable tf.Variables "
            "automatically, never tensors. Call tape.watch(%s) inside the `with` block before "
            "using it (or make it a tf.Variable)." % (label, _bare(label))))

    def first_use(self, s):
        """(True, site or None) when an untracked tensor went into a recorded op; (False,
        None) when it did not."""
        g = self.graph
        if g is None:
            return False, None
        for n in g.consumers.get(id(s), ()):
            if any(x is s for x in n.inputs):
                if n.stack:
                    return True, n.stack[-1]
                name = self.code.name_of(s)
                lines = [u for u in self.code.uses(name) if self.in_block(u)] if name else []
                return True, self.code.site(lines[0]) if lines else None
        return False, None

    def target_ancestors(self):
        """Ids of everything the float targets were computed from, on the records."""
        if self._ancestors is None:
            self._ancestors = self.graph.ancestors([id(t) for t in self.float_targets])
        return self._ancestors

    # -- a tracked source with no gradient ---------------------------------------------------
    def tracked_unconnected(self, s, label):
        g = self.graph
        reach, _ = g.reach([id(s)])
        ancestors = self.target_ancestors()
        if id(s) in ancestors:
            return self.blocked_path(s, label, reach, ancestors)
        if isinstance(s, Tensor) and not g.consumers.get(id(s)):
            found = self.watched_late(s, label)
            if found is not None:
                return found
        found = self.left_tape(s, reach, user_only=True)
        if found is not None:
            return found
        found = self.recorded_outside(s, label)
        if found is not None:
            return found
        found = self.twin_in(s, label, ancestors)
        if found is not None:
            return found
        found = self.left_tape(s, reach, user_only=False)
        if found is not None:
            return found
        unused = isinstance(s, Tensor) and not g.consumers.get(id(s))
        return self.result(s, NoneReason.NOT_CONNECTED, (
            "%s does not depend on %s: %s. Check that %s is used to compute %s inside the "
            "`with` block, or pass unconnected_gradients=tf.UnconnectedGradients.ZERO to get "
            "zeros." % (self.target_label(), label,
                        "no recorded op used it (watch it before computing with it)" if unused
                        else "no recorded op leads from it to the target", label,
                        self.target_label())))

    def blocked_path(self, s, label, reach, ancestors):
        """Every path from s to the targets goes through an op without a gradient."""
        g = self.graph
        found = {}
        for node, x in self.blocked:
            if any(id(i) in reach for i in node.inputs):
                found[id(node)] = node
        for n in g.nodes:  # ops with no gradient (or integer outputs) on a path to the target
            if id(n) not in found and (n.op.nondiff or all(
                    o._value.dtype.kind not in "fcV" for o in n.outputs)) \
                    and any(id(i) in reach for i in n.inputs) \
                    and any(id(o) in ancestors for o in n.outputs):
                found[id(n)] = n
        if not found:
            return self.result(s, NoneReason.NOT_CONNECTED, (
                "%s depends on %s only through values the backward pass does not follow." % (
                    self.target_label(), label)))
        # the first blockers: reached from s without passing another one
        open_reach, _ = g.reach([id(s)], through=lambda n: id(n) not in found)
        first = [n for n in found.values() if any(id(i) in open_reach for i in n.inputs)] \
            or list(found.values())
        others = [n for n in first if n.op.name != "StopGradient"]
        if not others:
            site = self.site_of(first[0])
            return self.result(s, NoneReason.STOP_GRADIENT, (
                "Every path from %s to %s goes through tf.stop_gradient%s, which blocks the "
                "gradient on purpose. Remove it if you want this gradient." % (
                    label, self.target_label(), _at(site))), site)
        node = self.closest_to(others, reach)
        _, name, fix = _op_facts(node)
        site = self.site_of(node)
        names = sorted({_op_facts(n)[1] for n in first if n is not node} - {name})
        also = " (and through %s)" % ", ".join(names) if names else ""
        return self.result(s, NoneReason.NON_DIFFERENTIABLE, (
            "Every path from %s to %s goes through %s%s%s, which has no gradient. %s." % (
                label, self.target_label(), name, _at(site), also, _capital(fix))), site)

    def closest_to(self, nodes, reach):
        order = {id(n): i for i, n in enumerate(self.graph.nodes)}
        return min(nodes, key=lambda n: order.get(id(n), 0))

    def site_of(self, node):
        if node.stack:
            return node.stack[-1]
        patterns = _op_facts(node)[0]
        line = self.code.search(patterns, self.blocks)
        return self.code.site(line) if line else None

    def in_block(self, line):
        return any(a <= line <= b for a, b in self.blocks)

    # -- evidence ------------------------------------------------------------------------------
    def left_tape(self, s, reach, user_only):
        events = self.tape._left or []
        for obj, site, from_library in events:
            if id(obj) in reach or obj is s:
                if user_only and from_library:
                    continue
                what = "`%s`" % self.code.name_of(obj) if self.code.name_of(obj) else \
                    "a %s value" % describe(obj)
                at = _at(site)
                return self.result(s, NoneReason.LEFT_TAPE, (
                    "The path from %s left TensorFlow%s: %s became a NumPy/Python value "
                    "(`.numpy()`, np.* functions, float() ...), which the tape cannot follow. "
                    "Keep the computation in TensorFlow ops (tf.* instead of np.*) until the "
                    "loss." % (self.label(s), at, what)), site)
        return None

    def recorded_outside(self, s, label, variable=False):
        tape = self.tape
        for site in tape._stops or ():
            return self.result(s, NoneReason.RECORDED_OUTSIDE, (
                "Part of the computation ran under tape.stop_recording()%s, which the tape does "
                "not record, so the path from %s to %s is missing. Move that computation out of "
                "the stop_recording() block." % (_at(site), label, self.target_label())), site)
        if len(self.targets) == 1 and self.blocks:
            name = self.code.name_of(self.targets[0])
            if name:
                lines = [ln for ln, _ in self.code.assignments(name)
                         if ln <= self.code.lineno] or [ln for ln, _ in self.code.assignments(name)]
                if lines and not self.in_block(lines[-1]):
                    a, b = self.blocks[0]
                    site = self.code.site(lines[-1])
                    return self.result(s, NoneReason.RECORDED_OUTSIDE, (
                        "`%s` was computed at %s, outside the `with tf.GradientTape()` block "
                        "(lines %d-%d), so the tape did not record it. Compute it inside the "
                        "block." % (name, _sites.where_and_code(site), a, b)), site)
        g = self.graph
        if variable and g is not None and not g.nodes and not tape._watched_variables:
            return self.result(s, NoneReason.RECORDED_OUTSIDE, (
                "The tape recorded no operation at all: %s was computed outside the tape's "
                "`with` block, or from values computed before it started (e.g. a tensor made "
                "from %s in __init__ or build). Compute those values inside the `with` block "
                "(in a layer: in call)." % (self.target_label(), label)))
        return None

    def watched_late(self, s, label):
        name = self.code.name_of(s)
        if not name:
            return None
        watches = [w for w in self.code.watch_lines(self.tape, name)]
        if not watches:
            return None
        w = watches[0]
        before = [u for u in self.code.uses(name) if u < w and self.in_block(u)]
        if not before:
            return None
        site = self.code.site(w)
        return self.result(s, NoneReason.NOT_WATCHED, (
            "%s was watched at %s, after it was used at %s: the tape records only the ops that "
            "run after tape.watch(). Call tape.watch(%s) before computing with it." % (
                label, _sites.where(site), _sites.where_and_code(self.code.site(before[0])),
                name)), site)

    def not_the_source(self, s, label):
        found = self.rebound(s, label)
        if found is not None:
            return found
        ancestors = self.target_ancestors() if self.graph is not None else None
        return self.twin_in(s, label, ancestors)

    def rebound(self, s, label):
        """`w = w - lr * g`: the name of a tf.Variable now holds a new tensor."""
        if isinstance(s, Variable):
            return None
        name = self.code.name_of(s)
        if not name:
            return None
        assigns = self.code.assignments(name)
        made = [ln for ln, v in assigns if _source.is_variable_constructor(v)]
        rebinds = [(ln, v) for ln, v in assigns
                   if v is not None and not _source.is_variable_constructor(v)
                   and _source.mentions(v, name)]
        if not made or not rebinds:
            return None
        ln, value = rebinds[-1]
        site = self.code.site(ln)
        return self.result(s, NoneReason.NOT_THE_SOURCE, (
            "%s is no longer the tf.Variable the code reads: `%s = %s` at %s made it a new "
            "tf.Tensor, which the tape never watched. Update the variable in place instead: "
            "%s." % (label, name, self.code.text(value), _sites.where(site),
                     _in_place(name, value, self.code))), site)

    def twin_in(self, s, label, ancestors):
        """Another object the tape used holds the same value: `s` is a copy of it."""
        g = self.graph
        candidates = []
        if g is not None:
            for k, obj in g.tracked.items():
                if obj is not s and (ancestors is None or k in ancestors):
                    candidates.append(obj)
        for v in self.tape._watched_variables.values():
            if v is not s and (ancestors is None or id(v) in ancestors) and \
                    all(v is not c for c in candidates):
                candidates.append(v)
        want = isinstance(s, Variable)
        sv = _numbers(s._value)
        if sv is None or sv.size == 0 or not np.isfinite(sv).all() or np.all(sv == 0) \
                or np.all(sv == 1):
            return None  # an uninformative value: equal ones are no evidence
        for obj in candidates:
            if isinstance(obj, Variable) != want and want:
                continue
            ov = obj._value
            if ov.shape != s._value.shape or ov.dtype != s._value.dtype or \
                    not np.array_equal(_numbers(ov), sv):
                continue
            other = self.code.name_of(obj)
            other = "`%s`" % other if other else (
                "the variable '%s'" % obj.name if isinstance(obj, Variable)
                else "a tensor of the same value")
            kind = "tf.Variable" if isinstance(obj, Variable) else "tensor"
            later = " (created after %s)" % other if isinstance(obj, Variable) and want and \
                s._uid > obj._uid else ""
            used = "watched" if id(obj) in (g.tracked if g else {}) or any(
                obj is v for v in self.tape._watched_variables.values()) else "used"
            return self.result(s, NoneReason.NOT_THE_SOURCE, (
                "%s%s is not the object the tape used: %s (a %s the tape %s, with the same value) "
                "is. A copy (tf.constant(x.numpy()), tf.identity(x), a re-created or cloned "
                "variable) is a different object with no recorded path; pass the object the "
                "computation used." % (label, later, other, kind, used)))
        return None

    # -- after a consuming sweep ---------------------------------------------------------------
    def explain_partial(self, s, label):
        source_ids, call_sources, call_grads, blocked = self.partial
        index = next((i for i, c in enumerate(call_sources) if c is s), None)
        if index is None:
            raise RuntimeError(_FREED)
        if call_grads[index] is not None:
            return GradientExplanation(True, None, "%s is connected to %s: its gradient is "
                                       "defined." % (label, self.target_label()), label=label)
        if id(s) not in source_ids:
            return self.untracked(s, label)
        nodes = [n for n, _ in blocked]
        if nodes:
            # the sweep kept where gradients stopped downstream of the sources, not for which
            # source: a stop whose line names this source is certain, others are likely
            self.graph = _Graph([], [], {})
            names = {id(c): self.code.name_of(c) for c in call_sources}

            def named(n):  # the sources of the call whose names the stop's line mentions
                line = _sites.code_line(self.site_of(n)) or ""
                return {k for k, v in names.items()
                        if v and re.search(r"\b%s\b" % re.escape(v), line)}
            owners = {id(n): named(n) for n in nodes}
            sure = [n for n in nodes if id(s) in owners[id(n)]]
            nodes = [n for n in nodes if not owners[id(n)] or id(s) in owners[id(n)]]
            if not nodes:
                return self.result(s, NoneReason.NOT_CONNECTED, (
                    "No recorded op leads from %s to %s. Check that %s is used to compute %s "
                    "inside the `with` block, or pass unconnected_gradients=tf."
                    "UnconnectedGradients.ZERO to get zeros." % (
                        label, self.target_label(), label, self.target_label())))
            hedge = "" if sure else (
                " (after gradient() freed the records this is the likely cause, not a certain "
                "one: call explain() before gradient(), or use a persistent tape)")
            nodes = sure or nodes
            others = [n for n in nodes if n.op.name != "StopGradient"]
            if not others:
                site = self.site_of(nodes[-1])
                return self.result(s, NoneReason.STOP_GRADIENT, (
                    "The backward pass from %s stopped at tf.stop_gradient%s, which blocks the "
                    "gradient on purpose%s. Remove it if you want this gradient." % (
                        self.target_label(), _at(site), hedge)), site)
            first = others[-1]
            _, op_name, fix = _op_facts(first)
            site = self.site_of(first)
            return self.result(s, NoneReason.NON_DIFFERENTIABLE, (
                "The backward pass from %s stopped at %s%s, which has no gradient%s. %s." % (
                    self.target_label(), op_name, _at(site), hedge, _capital(fix))), site)
        self.graph = None
        reach = {id(s)} | {id(obj) for obj, _, _ in self.tape._left or ()}
        for found in (self.left_tape(s, reach, user_only=True),
                      self.recorded_outside(s, label),
                      self.left_tape(s, reach, user_only=False)):
            if found is not None:
                return found
        return self.result(s, NoneReason.NOT_CONNECTED, (
            "No recorded op leads from %s to %s. Check that %s is used to compute %s inside "
            "the `with` block, or pass unconnected_gradients=tf.UnconnectedGradients.ZERO to "
            "get zeros." % (label, self.target_label(), label, self.target_label())))


_FREED = ("This tape's records were freed by its gradient() or jacobian() call; explain() after "
          "that covers the target and sources of that gradient() call only. Call explain() before "
          "gradient(), or use tf.GradientTape(persistent=True).")


def _numbers(v):
    """The values of an array as plain numbers (bfloat16 storage as float32); None for strings
    and symbolic values."""
    if not isinstance(v, (np.ndarray, np.generic)) or v.dtype == object:
        return None
    if v.dtype.kind == "V":
        return np.asarray(v).view(np.float32)
    return np.asarray(v)


def _at(site):
    """' at file.py:12 (`code`)' for a known site, '' otherwise."""
    return " at %s" % _sites.where_and_code(site) if site else ""


def _capital(text):
    return text[:1].upper() + text[1:]


def _bare(label):
    """`w` -> w for code in messages; other labels -> x."""
    return label[1:-1] if label.startswith("`") else "x"


def _in_place(name, value, code):
    import ast
    if isinstance(value, ast.BinOp) and isinstance(value.left, ast.Name) and \
            value.left.id == name:
        right = code.text(value.right)
        if isinstance(value.op, ast.Sub):
            return "%s.assign_sub(%s)" % (name, right)
        if isinstance(value.op, ast.Add):
            return "%s.assign_add(%s)" % (name, right)
    return "%s.assign(%s)" % (name, code.text(value))
