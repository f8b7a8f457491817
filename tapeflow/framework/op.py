"""Ops and their execution: the per-op dispatch path, the hottest code in tapeflow.

Vocabulary (as TF and JAX use it):
  primitive  an `Op`: a NumPy forward, a gradient rule and a JVP rule, defined once in an op module.
  recorder   something on the thread's recorder stack that wants to see every op as it runs: a
             GradientTape (reverse mode), a ForwardAccumulator (forward mode) or vmap's Batcher.
  node       the record of one executed op: `Node.inputs`, `.outputs`, `.get_attr()`, `.type`. TF
             calls this `op` in gradient functions, and so do our rules: `grad(op, *output_grads)`.

Dispatch: `apply(op, inputs, attrs)` runs the forward on the inputs' arrays, wraps the result, and,
only when some recorder is active on this thread, hands the node to each recorder. With no tape
active an op costs one NumPy call, one wrapper object and one thread-local read.
"""
import threading
import warnings

import numpy as np

from . import bfloat16, dtypes
from .errors import InvalidArgumentError, OpError, op_error
from .tensor import Tensor, wrap

_new = object.__new__

# Eager TF computes 1/0 = inf silently; NumPy would warn from inside our op modules.
warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"tapeflow\.")


class _State(threading.local):
    def __init__(self):
        self.recorders = []  # innermost last: tapes, forward accumulators, vmap batchers


state = _State()

REGISTRY = {}  # op name -> Op


class Op:
    """A primitive. `forward(*arrays, **attrs)` computes NumPy outputs; `grad(node, *dys)` returns
    one gradient (a Tensor or None) per input, written with tapeflow ops; `jvp(node, *tangents)`
    returns the output tangent(s) (None tangents are zeros)."""

    __slots__ = ("name", "forward", "grad", "jvp", "num_outputs", "allowed", "sparse_grad_ok",
                 "batched_grad", "__weakref__")

    def __init__(self, name, forward, grad=None, jvp=None, num_outputs=1, allowed=None):
        self.name = name
        self.sparse_grad_ok = False  # True: `grad` may receive an IndexedSlices cotangent
        # True: `grad` also works when the cotangents carry extra leading batch axes (a rule finds
        # them as g.ndim - output.ndim); vectorized jacobians need every op on the path to be so.
        self.batched_grad = False
        self.forward = forward
        self.grad = grad
        self.jvp = jvp
        self.num_outputs = num_outputs
        # allowed input dtypes for the type attr 'T' (None: any)
        self.allowed = None if allowed is None else frozenset(d._np for d in allowed)

    def __repr__(self):
        return f"<Op {self.name}>"


def defop(name, forward, grad=None, jvp=None, num_outputs=1, allowed=None):
    """Defines and registers a primitive op; see `Op`."""
    op = Op(name, forward, grad, jvp, num_outputs, allowed)
    REGISTRY[name] = op
    return op


class NotBatchable(Exception):
    """Raised by a gradient rule that cannot take batched cotangents; callers fall back."""


class Node:
    """One executed op as recorded on a tape (TF's `op` argument of gradient functions)."""

    __slots__ = ("op", "inputs", "outputs", "attrs", "needs_input_grad")

    def __init__(self, op, inputs, outputs, attrs):
        self.op = op
        self.inputs = inputs
        self.outputs = outputs
        self.attrs = attrs
        self.needs_input_grad = None

    @property
    def type(self):
        return self.op.name

    name = type

    def get_attr(self, name):
        return self.attrs[name]

    def __repr__(self):
        return "<Node %s: %s -> %s>" % (
            self.op.name, [_describe(x) for x in self.inputs], [_describe(y) for y in self.outputs])


_NO_ATTRS = {}


def apply1(op, x, attrs=None):
    """Runs a one-input, one-output op on a Tensor."""
    try:
        out = op.forward(x._value) if attrs is None else op.forward(x._value, **attrs)
    except Exception as e:
        out = _forward_failed(op, (x,), attrs, e)
    r = _new(Tensor)
    r._value = out
    if state.recorders:
        _record(op, (x,), (r,), _NO_ATTRS if attrs is None else attrs)
    return r


def apply2(op, x, y, attrs=None):
    """Runs a two-input, one-output op on Tensors."""
    try:
        out = (op.forward(x._value, y._value) if attrs is None
               else op.forward(x._value, y._value, **attrs))
    except Exception as e:
        out = _forward_failed(op, (x, y), attrs, e)
    r = _new(Tensor)
    r._value = out
    if state.recorders:
        _record(op, (x, y), (r,), _NO_ATTRS if attrs is None else attrs)
    return r


def apply(op, inputs, attrs=None):
    """Runs any op on a tuple of Tensors; returns a Tensor, or a tuple for multi-output ops."""
    if attrs is None:
        attrs = _NO_ATTRS
    try:
        out = op.forward(*[x._value for x in inputs], **attrs)
    except Exception as e:
        out = _forward_failed(op, inputs, attrs, e)
    if op.num_outputs == 1:
        r = wrap(out)
        if state.recorders:
            _record(op, tuple(inputs), (r,), attrs)
        return r
    rs = tuple(wrap(o) for o in out)
    if state.recorders:
        _record(op, tuple(inputs), rs, attrs)
    return rs


def remove_recorder(rec):
    """Takes `rec` off this thread's recorder stack; returns the position it had (for a recorder
    that steps off while it computes, then goes back with `state.recorders.insert`)."""
    recs = state.recorders
    for i in range(len(recs) - 1, -1, -1):
        if recs[i] is rec:
            del recs[i]
            return i
    raise ValueError(f"{rec!r} is not on the recorder stack")


def _record(op, inputs, outputs, attrs):
    for rec in state.recorders:
        rec._record(op, inputs, outputs, attrs)


def _describe(x):
    v = getattr(x, "_value", x)
    try:
        return "%s%s" % (dtypes.from_numpy(v.dtype).name, list(v.shape))
    except Exception:
        return type(x).__name__


def _forward_failed(op, inputs, attrs, exc):
    """A forward raised: bfloat16 inputs (which NumPy cannot compute on) are computed in float32
    and rounded back (see bfloat16.py); anything else raises TF's error for the failure."""
    if any(getattr(x, "_value", None) is not None and x._value.dtype == dtypes.BFLOAT16_STORAGE
           for x in inputs):
        try:
            return bfloat16.run(op, [x._value for x in inputs], attrs or _NO_ATTRS)
        except Exception as e:
            exc = e
    raise _op_failure(op, inputs, exc) from None


def _op_failure(op, inputs, exc):
    """Turns an exception from a forward into TF's error type, naming the op, shapes and dtypes."""
    if isinstance(exc, OpError):
        return exc
    msg = str(exc)
    shapes = [list(getattr(x, "_value", x).shape) for x in inputs if hasattr(x, "_value")]
    if "broadcast" in msg and len(shapes) >= 2:
        text = "Incompatible shapes: " + " vs. ".join(
            "[" + ",".join(str(d) for d in s) + "]" for s in shapes)
        return op_error(InvalidArgumentError, op.name, text)
    if isinstance(exc, (ValueError, IndexError, np.linalg.LinAlgError)):
        return op_error(InvalidArgumentError, op.name,
                        "%s (inputs: %s)" % (msg, ", ".join(_describe(x) for x in inputs)))
    if isinstance(exc, TypeError):
        return TypeError("%s: %s (inputs: %s)" % (op.name, msg, ", ".join(_describe(x) for x in inputs)))
    return exc


# -- TF's dtype error messages -----------------------------------------------------------------
_TF_ORDER = ["bfloat16", "half", "float", "double", "int8", "int16", "int32", "int64", "uint8",
             "uint16", "uint32", "uint64", "complex64", "complex128", "bool", "string"]


def dtype_not_allowed(op, dtype):
    """TF's InvalidArgumentError for an input dtype outside an op's type constraint."""
    names = [dtypes.from_numpy(d)._cname for d in op.allowed]
    if "half" in names and "float" in names and "bfloat16" not in names:
        names.append("bfloat16")
    names.sort(key=_TF_ORDER.index)
    enum = ", ".join("DT_" + n.upper() for n in names)
    return op_error(
        InvalidArgumentError, op.name,
        f"Value for attr 'T' of {dtype.name} is not in the list of allowed values: {', '.join(names)}"
        f"\n\t; NodeDef: {{{{node {op.name}}}}}; Op<name={op.name}; signature=x:T -> y:T; "
        f"attr=T:type,allowed=[{enum}]>")


def dtype_mismatch(op_name, index, expected, got):
    """TF's InvalidArgumentError for inputs whose dtypes differ (no implicit promotion)."""
    return op_error(
        InvalidArgumentError, op_name,
        f"cannot compute {op_name} as input #{index}(zero-based) was expected to be a "
        f"{expected._cname} tensor but is a {got._cname} tensor")


def check_allowed(op, x):
    """Raises TF's error if Tensor `x`'s dtype is outside `op.allowed`."""
    if op.allowed is not None and x._value.dtype not in op.allowed:
        raise dtype_not_allowed(op, dtypes.from_numpy(x._value.dtype))


def is_tensor_type(x):
    return type(x) is Tensor
