"""Where NaN and Inf come from: `tf.debugging.check_numerics`, `enable_check_numerics` (forward)
and `tf.autodiff.detect_anomaly` (backward).

* `check_numerics(x, message)` is a primitive (`CheckNumerics`, stateful so graphs keep it): its
  forward raises TF's `InvalidArgumentError` when `x` holds NaN or Inf, and its gradient checks
  the incoming gradient the same way.
* `enable_check_numerics()` puts an observer on this thread's recorder stack (TF's check is
  per-thread too). It sees every op after it ran and raises TF's message for the first float
  output holding NaN or Inf ("Detected Infinity or NaN in output 0 of eagerly-executing op ..."),
  followed by the user's frames where the op was called. Off, it costs nothing: there is no
  observer. Symbolic (graph) values are not checked.
* `detect_anomaly()` puts another observer on the stack: while a tape records an op, it keeps the
  user's stack for that op (looked up by the op's first output, through a weak reference). When a
  gradient is taken with anomaly detection on (or of a tape recorded under it), the sweep runs on
  copies of the nodes whose primitive is a checking clone: the first gradient rule that returns
  NaN or Inf from finite incoming gradients raises `InvalidArgumentError` naming the op, its
  inputs' shapes and dtypes, whether the forward value or the gradient went bad (tracing a bad
  forward value back to the first op that made it from finite inputs), and where the op was
  created; the exception carries `.op_type` and `.forward_stack` (`traceback.FrameSummary`s).
"""
import threading
import traceback
import weakref

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, describe, op_error
from ..framework.indexed_slices import IndexedSlices
from ..framework.op import Node, Primitive, Recorder, apply1, defop, state
from ..framework.tape import GradientTape
from ..framework.tensor import AbstractArray, TensorLike, convert_to_tensor
from . import _sites

_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"


def _function_node(op_type):
    return "{{function_node __wrapped__%s_device_%s}} " % (op_type, _DEVICE)


def _floats(v):
    """`v` as an array of floats to check (bfloat16 storage seen as float32), or None when it
    holds no floating-point values (integers, strings, symbolic values)."""
    if type(v) is AbstractArray:
        return None
    kind = v.dtype.kind
    if kind in "fc":
        return v
    if v.dtype == D.BFLOAT16_STORAGE:
        return np.asarray(v).view(np.float32)
    return None


def _finite(v):
    """True when array `v` holds no NaN or Inf (symbolic values count as finite)."""
    v = _floats(v)
    return v is None or bool(np.isfinite(v).all())


def _kinds_v1(v):
    """'Inf', 'NaN' or 'Inf and NaN': what TF's CheckNumerics reports."""
    inf, nan = bool(np.isinf(v).any()), bool(np.isnan(v).any())
    return " and ".join(k for k, on in (("Inf", inf), ("NaN", nan)) if on)


def _kinds_v2(v):
    """'-Inf', '+Inf', 'NaN' joined as TF's CheckNumericsV2 joins them."""
    inf = np.isinf(v)
    kinds = [k for k, on in (("-Inf", bool((inf & (v < 0)).any())),
                             ("+Inf", bool((inf & (v > 0)).any())),
                             ("NaN", bool(np.isnan(v).any()))) if on]
    if len(kinds) <= 2:
        return " and ".join(kinds)
    return ", ".join(kinds[:-1]) + ", and " + kinds[-1]


# ============================================================================================
# tf.debugging.check_numerics: a primitive
# ============================================================================================
def _check_forward(v, message, listed=False):
    f = _floats(v)
    if f is not None and not np.isfinite(f).all():
        text = "%s%s : Tensor had %s values [Op:CheckNumerics]" % (
            _function_node("CheckNumerics"), message, _kinds_v1(f))
        # TF leaves off the op's (empty) name when the input was a Python list
        raise InvalidArgumentError(None, None, text if listed else text + " name: ")
    return v


def _check_grad(op, g):
    """The gradient is checked too, with TF's message (its message attribute prints as bytes)."""
    message = "Not a number (NaN) or infinity (Inf) values detected in gradient. %r" % (
        op.attrs["message"].encode(),)
    return apply1(CHECK_NUMERICS, g, {"message": message})


def _check_batch(op, args, dims, attrs):
    return apply1(op, args[0], attrs), dims[0]


CHECK_NUMERICS = defop("CheckNumerics", _check_forward, grad=_check_grad, linear=True,
                       allowed=(D.bfloat16, D.float16, D.float32, D.float64), stateful=True,
                       shape=lambda a, **attrs: AbstractArray(a.shape, a.dtype),
                       batch=_check_batch, batched_grad=True)


def _not_allowed(dtype):
    return op_error(
        InvalidArgumentError, "CheckNumerics",
        f"Value for attr 'T' of {dtype.name} is not in the list of allowed values: bfloat16, "
        f"half, float, double\n\t; NodeDef: {{{{node CheckNumerics}}}}; Op<name=CheckNumerics; "
        f"signature=tensor:T -> output:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, "
        f"DT_DOUBLE]; attr=message:string; is_stateful=true>")


def check_numerics(tensor, message, name=None):
    """`tensor` unchanged; raises `InvalidArgumentError` if it holds NaN or Inf (its gradient
    is checked the same way).

    >>> tf.debugging.check_numerics(tf.constant([1.0, 2.0]), "bad")
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    listed = isinstance(tensor, (list, tuple))
    x = convert_to_tensor(tensor)
    if x._value.dtype not in CHECK_NUMERICS._allowed_np:
        raise _not_allowed(x.dtype)
    attrs = {"message": str(message)}
    if listed:
        attrs["listed"] = True
    return apply1(CHECK_NUMERICS, x, attrs)


def assert_all_finite(x, message, name=None):
    """`tf.debugging.assert_all_finite`: `x` unchanged, or `InvalidArgumentError` on NaN/Inf.

    >>> tf.debugging.assert_all_finite(tf.constant([1.0]), "bad")
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.], dtype=float32)>
    """
    return check_numerics(x, message, name=name)


def verify_tensor_all_finite(t=None, msg=None, name=None, x=None, message=None):
    """TF 1.x's name for `assert_all_finite` (`t`/`msg`, or the newer `x`/`message`)."""
    return check_numerics(x if t is None else t, message if msg is None else msg, name=name)


# ============================================================================================
# enable_check_numerics: a forward observer
# ============================================================================================
# TF skips these ops (safe, frequent) and these outputs (benign NaN) in its callback.
SAFE_OPS = frozenset((
    "Concat", "ConcatV2", "ExpandDims", "Fill", "Gather", "Maximum", "Minimum", "Reshape", "Slice",
    "Squeeze", "Stack", "StridedSlice", "StridedSliceGrad", "TensorListConcatV2",
    "TensorListGather", "TensorListGetItem", "TensorListPopBack", "TensorListStack", "Transpose",
    "Unpack", "CheckNumerics", "CheckNumericsV2"))
IGNORE_OUTPUTS = frozenset([("FusedBatchNorm", i) for i in range(1, 5)]
                           + [("FusedBatchNormV2", i) for i in range(1, 5)]
                           + [("FusedBatchNormV3", i) for i in range(1, 6)])


class _NumericsChecker(Recorder):
    """Raises TF's error for the first op whose float output holds NaN or Inf."""

    __slots__ = ("stack_height_limit", "path_length_limit")

    def __init__(self, stack_height_limit, path_length_limit):
        self.stack_height_limit = stack_height_limit
        self.path_length_limit = path_length_limit

    def record(self, op, inputs, outputs, attrs):
        name = op.name
        if name in SAFE_OPS:
            return
        for slot, o in enumerate(outputs):
            v = _floats(o._value)
            if v is None or v.dtype.kind == "c" or (name, slot) in IGNORE_OUTPUTS:
                continue
            if not np.isfinite(v).all():
                raise InvalidArgumentError(None, None, self.message(
                    slot, len(outputs), name, o, inputs, _sites.user_stack()))

    def message(self, slot, n_out, op_type, out, inputs, stack):
        v = np.asarray(_floats(out._value))
        inf = np.isinf(v)
        lines = ["", "", f'!!! Detected Infinity or NaN in output {slot} of eagerly-executing op '
                         f'"{op_type}" (# of outputs: {n_out}) !!!',
                 f"  dtype: {out.dtype!s}", f"  shape: {out.shape}"]
        for label, count in (("-Inf", int((inf & (v < 0)).sum())),
                             ("+Inf", int((inf & (v > 0)).sum())),
                             ("+NaN", int(np.isnan(v).sum()))):
            if count:
                lines.append(f"  # of {label} elements: {count}")
        if len(inputs) > 1:
            lines.append("")
            lines.append(f"  Input tensors ({len(inputs)}):")
            lines.extend(f"         {i}: {x!s}" for i, x in enumerate(inputs))
        elif inputs:
            lines.append("")
            lines.append(f"  Input tensor: {inputs[0]!s}")
        lines.append("")
        text = "\n".join(lines) + "\n"
        text += _stack_block(stack, self.stack_height_limit, self.path_length_limit)
        return "%s%s : Tensor had %s values [Op:CheckNumericsV2] name: " % (
            _function_node("CheckNumericsV2"), text, _kinds_v2(v))


def _limit(path, n):
    return path if n is None or len(path) <= n else "..." + path[len(path) - n:]


def _stack_block(stack, height, length):
    """The user's frames of the op's call, in the form TF uses for graph ops' creation stacks
    (every frame shown is the user's: tapeflow's own frames are left out)."""
    if not stack:
        return ""
    out = ["  Stack trace of op's creation (\"->\": inferred user code):"]
    if height is not None and len(stack) > height:
        out.append("    + ... (Omitted %d frames)" % (len(stack) - height))
        stack = stack[-height:]
    for fs in _sites.frame_summaries(stack):
        out.append("    + %s (L%d) %s" % (_limit(fs.filename, length), fs.lineno, fs.name))
        if fs.line:
            out.append(" -> |   %s" % fs.line)
    return "\n".join(out) + "\n\n"


class _NumericsState(threading.local):
    checker = None


_numerics = _NumericsState()


def enable_check_numerics(stack_height_limit=30, path_length_limit=50):
    """Makes the first op (on this thread) whose float output holds NaN or Inf raise
    `InvalidArgumentError`, naming the op, its inputs and the user's line. Idempotent.

    >>> tf.debugging.enable_check_numerics()
    >>> try:
    ...     tf.math.log(tf.constant(0.0))
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(str(e).splitlines()[2])
    !!! Detected Infinity or NaN in output 0 of eagerly-executing op "Log" (# of outputs: 1) !!!
    >>> tf.debugging.disable_check_numerics()
    """
    checker = _numerics.checker
    if checker is not None and checker.on_stack():
        checker.stack_height_limit = stack_height_limit
        checker.path_length_limit = path_length_limit
        return
    checker = _numerics.checker = _NumericsChecker(stack_height_limit, path_length_limit)
    checker.push()


def disable_check_numerics():
    """Turns `enable_check_numerics` off on this thread (a no-op when it is off)."""
    checker = _numerics.checker
    _numerics.checker = None
    if checker is not None and checker.on_stack():
        checker.pop()


# ============================================================================================
# detect_anomaly: the user's stack of each recorded op, and checked gradient rules
# ============================================================================================
class _AnomalyState(threading.local):
    def __init__(self):
        self.keeper = None   # the observer, while detection is on in this thread
        self.stacks = {}     # id(first output) -> (weakref to it, user stack)


_anomaly = _AnomalyState()
_active_threads = [0]  # threads with anomaly detection on (the tape hook is set while > 0)


class _StackKeeper(Recorder):
    """Keeps the user's stack of each op a tape records while anomaly detection is on."""

    __slots__ = ("stacks",)

    def __init__(self, stacks):
        self.stacks = stacks

    def record(self, op, inputs, outputs, attrs):
        for r in state.recorders:
            if isinstance(r, GradientTape):
                tracked = r._tracked
                if tracked and any(id(x) in tracked for x in inputs):
                    break
        else:
            return
        out = outputs[0]
        key = id(out)
        stacks = self.stacks

        def forget(ref, key=key):
            if stacks.get(key, (None,))[0] is ref:
                del stacks[key]
        stacks[key] = (weakref.ref(out, forget), _sites.user_stack())


def anomaly_enabled():
    """True while anomaly detection is on in this thread."""
    keeper = _anomaly.keeper
    return keeper is not None and keeper.on_stack()


def _set_anomaly(mode):
    """Turns detection on or off in this thread; returns the previous mode."""
    from . import _hooks
    was = anomaly_enabled()
    if mode and not was:
        _anomaly.keeper = _StackKeeper(_anomaly.stacks)
        _anomaly.keeper.push()
        _active_threads[0] += 1
    elif not mode and was:
        _anomaly.keeper.pop()
        _anomaly.keeper = None
        _active_threads[0] -= 1
    _hooks.refresh()
    return was


class detect_anomaly:
    """Finds the op whose gradient first turned NaN or Inf, and where the user created it.

    A context manager (`with tf.autodiff.detect_anomaly(): ...`), or a switch:
    `tf.autodiff.detect_anomaly(True)` turns detection on for this thread until
    `tf.autodiff.detect_anomaly(False)`. While it is on, ops recorded by tapes keep the user's
    stack, and `gradient`/`jacobian` check every gradient rule: the first one that returns NaN
    or Inf from finite incoming gradients raises `tf.errors.InvalidArgumentError` with
    `.op_type` and `.forward_stack`.

    >>> x = tf.constant([0.0, 4.0])
    >>> with tf.autodiff.detect_anomaly():
    ...     with tf.GradientTape() as tape:
    ...         tape.watch(x)
    ...         y = tf.reduce_sum(tf.sqrt(x))
    ...     try:
    ...         tape.gradient(y, x)
    ...     except tf.errors.InvalidArgumentError as e:
    ...         print(e.op_type)
    Sqrt
    """

    def __init__(self, mode=None):
        self._mode = mode
        self._previous = None
        if mode is not None:
            self._previous = _set_anomaly(bool(mode))

    def __enter__(self):
        if self._mode is None:
            self._previous = _set_anomaly(True)
        return self

    def __exit__(self, *exc):
        _set_anomaly(bool(self._previous))
        return False

    def __repr__(self):
        return "<detect_anomaly %s>" % ("on" if anomaly_enabled() else "off")


def attach_stacks(nodes):
    """Sets `node.stack` on the nodes recorded while anomaly detection was on; True if any."""
    stacks = _anomaly.stacks
    if not stacks:
        return False
    found = False
    for node in nodes:
        if node.stack is not None:
            found = True
            continue
        out = node.outputs[0]
        entry = stacks.get(id(out))
        if entry is not None and entry[0]() is out:
            node.stack = entry[1]
            found = True
    return found


_clones = weakref.WeakKeyDictionary()


def _checking(prim):
    """A copy of primitive `prim` whose gradient rule checks what it returns."""
    clone = _clones.get(prim)
    if clone is None:
        clone = object.__new__(Primitive)
        for slot in Primitive.__slots__:
            if slot != "__weakref__":
                setattr(clone, slot, getattr(prim, slot))
        if prim.grad is not None:
            clone.grad = _checked_rule(prim.grad)
        _clones[prim] = clone
    return clone


def checked_nodes(nodes):
    """Copies of `nodes` whose primitives check their gradients (the originals are untouched),
    and a map from each output's id to its node (to trace a bad forward value back)."""
    out = []
    producer = {}
    for n in nodes:
        c = Node(_checking(n.op), n.inputs, n.outputs, n.attrs)
        c.stack = n.stack
        out.append(c)
        for o in n.outputs:
            producer[id(o)] = c
    _trace.producer = producer
    return out


class _Trace(threading.local):
    producer = None


_trace = _Trace()


def _values(g):
    if isinstance(g, IndexedSlices):
        return g.values._value
    if isinstance(g, TensorLike):
        return g._value
    return None


def _checked_rule(rule):
    def checked(node, *cotangents):
        grads = rule(node, *cotangents)
        for ct in cotangents:
            v = _values(ct)
            if v is not None and not _finite(v):
                return grads  # bad already when it arrived: an earlier rule raised, or the seed
        seq = grads if type(grads) in (tuple, list) else (grads,)
        needs = node.needs_input_grad or [True] * len(seq)
        for i, (g, need) in enumerate(zip(seq, needs)):
            if g is None or not need:
                continue
            v = _values(g)
            if v is not None and not _finite(v):
                raise _anomaly_error(node, i, v)
        return grads
    return checked


def _bad_text(v):
    v = np.asarray(v)
    if v.dtype.kind == "c":
        v = np.concatenate([v.real.ravel(), v.imag.ravel()])
    return _kinds_v2(v)


def _origin(node):
    """The first op, walking back from `node`'s non-finite inputs, whose inputs are finite but
    whose output is not (None when a non-finite value came from outside the tape)."""
    producer = _trace.producer or {}
    seen = set()
    todo = [x for x in node.inputs if not _finite(x._value)]
    while todo:
        x = todo.pop()
        p = producer.get(id(x))
        if p is None or id(p) in seen:
            continue
        seen.add(id(p))
        bad_inputs = [y for y in p.inputs if not _finite(y._value)]
        if not bad_inputs:
            return p
        todo.extend(bad_inputs)
    return None


def _anomaly_error(node, index, grad_value):
    op_type = node.op.name
    stack = node.stack
    where = _sites.where_and_code(stack[-1]) if stack else ""
    x = node.inputs[index]
    head = 'The gradient of op "%s"%s is %s for input %d (%s) from finite incoming gradients.' % (
        op_type, " (created at %s)" % where if where else "", _bad_text(grad_value), index,
        describe(x))
    lines = [head, "  op %s: inputs %s; outputs %s." % (
        op_type, ", ".join(describe(i) for i in node.inputs),
        ", ".join(describe(o) for o in node.outputs))]
    outputs_ok = all(_finite(o._value) for o in node.outputs)
    inputs_ok = all(_finite(i._value) for i in node.inputs)
    if outputs_ok and inputs_ok:
        lines.append("  The forward value is finite: the gradient went bad (the derivative is "
                     "infinite or undefined at these inputs, e.g. sqrt or pow at 0, log of 0, a "
                     "division by a value near 0).")
    elif inputs_ok:
        bad = [o for o in node.outputs if not _finite(o._value)]
        lines.append("  The forward value went bad: %s produced %s from finite inputs." % (
            op_type, _bad_text(bad[0]._value)))
    else:
        origin = _origin(node)
        if origin is not None:
            bad = [o for o in origin.outputs if not _finite(o._value)]
            at = _sites.where_and_code(origin.stack[-1]) if origin.stack else ""
            lines.append("  The forward value went bad before this op: %s produced %s from finite "
                         "inputs%s." % (origin.op.name, _bad_text(bad[0]._value),
                                        " at " + at if at else ""))
        else:
            lines.append("  The forward value went bad before this op: its inputs already held "
                         "NaN or Inf when the tape recorded it.")
    frames = _sites.frame_summaries(stack)
    if frames:
        lines.append("  Forward stack of the op's creation (most recent call last):")
        lines.append("".join(traceback.format_list(frames)).rstrip("\n"))
    else:
        lines.append("  (No forward stack: turn tf.autodiff.detect_anomaly() on before the "
                     "forward pass to see where the op was created.)")
    err = InvalidArgumentError(None, None, "\n".join(lines))
    err.op_type = op_type
    err.forward_stack = frames
    return err

