"""Primitives and their dispatch: the per-op path, the hottest code in tapeflow.

Vocabulary (as TF and JAX use it):
  primitive    a `Primitive` record: everything about one op, declared once where the op is
               defined (its NumPy forward, gradient rule, JVP rule, shape-and-dtype rule, batch
               rule, allowed dtypes, number of outputs, flags). The records live in
               `tapeflow.prims`, the internal primitive layer.
  node         the record of one executed op: `Node.inputs`, `.outputs`, `.get_attr()`, `.type`.
               TF calls this `op` in gradient functions, and so do our rules:
               `grad(op, *output_grads)`.
  recorder     something on the thread's recorder stack that sees ops as they run. Observers
               (GradientTape, ForwardAccumulator) see each op after it ran; interpreters
               (vmap's Batcher, and graph builders) run ops on the values they own instead of
               NumPy. A recorder can be paused (`Recorder.paused()`), which hides it without
               taking it off the stack.
  aval         an `AbstractArray`: the shape (dimensions may be None) and dtype of a value, what
               shape rules compute and what symbolic and batched tensors carry as `_value`.

Dispatch: `apply(op, inputs, attrs)` (and the one- and two-input forms `apply1`, `apply2`) runs
the forward on the inputs' arrays and wraps the result. When any recorder is active on this
thread, the op goes the recorded way (`_apply_recorded`): the innermost interpreter that owns an
input runs it (with itself and everything above it stepped off the stack, so recorders below see
the ops it runs), otherwise NumPy does; then every observer above that level sees the node. With
no recorder active an op costs one NumPy call, one wrapper object and one thread-local read.
These functions are unchecked: they trust that the inputs are tensors of allowed dtypes. The
public API (`tapeflow.ops`) converts and checks once, at the boundary.
"""
import threading
import warnings

import numpy as np

from . import bfloat16, dtypes
from . import tensor as _tensor_module
from .errors import dtype_not_allowed, no_kernel, op_failure
from .parallel import LARGE
from .tensor import AbstractArray, Tensor, wrap

_new = object.__new__
_ndarray = np.ndarray

# Eager TF computes 1/0 = inf silently; NumPy would warn from inside our primitives.
warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"tapeflow\.")


# ============================================================================================
# The recorder stack
# ============================================================================================
class _State(threading.local):
    def __init__(self):
        self.stack = []       # every recorder on this thread, outermost first (paused ones too)
        self.recorders = ()   # the active ones, in stack order: what dispatch reads
        self.interpreters = 0  # how many of the active ones are interpreters
        # id(variable) -> (variable, tensor): the tensor an implicit read of the variable gave
        # while the active recorders stayed these (see `Variable._read`); emptied on every change
        self.reads = {}


state = _State()
_tensor_module.recorder_state = state  # what Tensor.numpy() & co. read (see `value_left`)


def _refresh():
    state.reads = {}
    active = []
    interpreters = 0
    for r in state.stack:
        if not r._paused:
            active.append(r)
            if r.interprets:
                interpreters += 1
    state.recorders = tuple(active)
    state.interpreters = interpreters


class Recorder:
    """The protocol of everything on the recorder stack.

    Observers implement `record(op, inputs, outputs, attrs)`, called after an op ran with
    `inputs` (Tensors or Variables) and `outputs` (a tuple of Tensors). Interpreters set
    `interprets = True` and implement `owns(op, inputs)` and `process(op, inputs, attrs)`
    (returning the tuple of outputs). `variable_accessed(var)` is called whenever a Variable is
    read while the recorder is active; `value_left(x)` whenever a tensor or variable is turned
    into a NumPy or Python value (`.numpy()`, `np.asarray`, `float()`) while it is active."""

    __slots__ = ()
    interprets = False
    _paused = False

    def record(self, op, inputs, outputs, attrs):
        pass

    def variable_accessed(self, var):
        pass

    def value_left(self, x):
        pass

    def owns(self, op, inputs):
        return False

    def process(self, op, inputs, attrs):
        raise NotImplementedError

    # -- the stack ----------------------------------------------------------------------------
    def push(self):
        state.stack.append(self)
        _refresh()

    def pop(self):
        stack = state.stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i] is self:
                del stack[i]
                _refresh()
                return
        raise ValueError(f"{self!r} is not on the recorder stack")

    def on_stack(self):
        return any(r is self for r in state.stack)

    def paused(self):
        """A context manager hiding this recorder from dispatch while it is open."""
        return _Paused(self)


class _Paused:
    __slots__ = ("rec", "was")

    def __init__(self, rec):
        self.rec = rec

    def __enter__(self):
        self.was = self.rec._paused
        self.rec._paused = True
        _refresh()

    def __exit__(self, *exc):
        self.rec._paused = self.was
        _refresh()


class stack_below:
    """Context manager: only the recorders below position `index` of the stack stay on it (the
    rest are restored on exit). What an interpreter runs its ops under."""

    __slots__ = ("index", "saved")

    def __init__(self, index):
        self.index = index

    def __enter__(self):
        stack = state.stack
        self.saved = stack[self.index:]
        del stack[self.index:]
        _refresh()

    def __exit__(self, *exc):
        state.stack.extend(self.saved)
        _refresh()


class stack_replaced:
    """Context manager: the recorder stack is replaced by `recorders` (a list) while open. What
    graph tracing and stateful helpers use to hide the caller's tapes."""

    __slots__ = ("new", "saved")

    def __init__(self, recorders=()):
        self.new = list(recorders)

    def __enter__(self):
        self.saved = state.stack
        state.stack = self.new
        _refresh()

    def __exit__(self, *exc):
        state.stack = self.saved
        _refresh()


# ============================================================================================
# The primitive record
# ============================================================================================
REGISTRY = {}  # op name -> Primitive
ANY = "any"    # `allowed=ANY`: the op takes every dtype (declared, not defaulted)
_UNSET = object()


class Primitive:
    """Everything about one primitive op (see the module docstring for the vocabulary).

    forward(*arrays, **attrs)         NumPy outputs (an array, or a tuple for several outputs).
    grad(node, *cotangents)           one gradient per input (a Tensor, IndexedSlices or None),
                                      written with primitive-layer ops so tapes can record it.
    jvp(node, *tangents)              the output tangent(s); None tangents are zeros.
    shape(*avals, **attrs)            the output aval(s): `AbstractArray(shape, dtype)`, with
                                      unknown dimensions as None.
    batch(op, args, dims, attrs)      vmap's rule: `args` are the inputs with `dims[i]` their
                                      batch axis (None: not batched); returns `(outputs,
                                      out_dims)` (a tuple each for several outputs).
    allowed                           the dtypes input 'T' may have (a tuple of DTypes), or ANY.
    no_kernel                         dtypes TF's op registration accepts but no CPU kernel
                                      runs: `check` raises TF's NotFoundError for them (and
                                      InvalidArgumentError for the other dtypes not allowed).
    num_outputs                       an int, or a function of the attrs (unstack, split).
    nondiff                           True: the op has no gradient and no tangent (outputs are
                                      constants to autodiff); `grad`/`jvp` must then be unset.
    linear                            True: the op is linear in its inputs, so its JVP is the op
                                      itself applied to the tangents (with zeros for None).
    batched_grad                      `grad` also accepts cotangents with extra leading axes (a
                                      rule finds them as g.ndim - output.ndim); vectorized
                                      jacobians use it.
    sparse_grad                       `grad` may receive an IndexedSlices cotangent.
    stateful                          the op has effects or draws random numbers: graphs never
                                      fold or prune it, vmap draws a value per example.
    parallel                          a splitter from `framework.parallel` (elementwise,
                                      chunked, reduction): eagerly, an input of >= 2**18
                                      elements runs in chunks on the intra-op thread pool, with
                                      the single-threaded results.
    """

    __slots__ = ("name", "forward", "grad", "jvp", "shape", "batch", "allowed", "_allowed_np",
                 "_no_kernel_np", "num_outputs", "multi", "nondiff", "linear", "batched_grad", "sparse_grad",
                 "stateful", "parallel", "__weakref__")

    def __init__(self, name, forward, grad=None, jvp=None, num_outputs=1, allowed=_UNSET, *,
                 shape=None, batch=None, nondiff=False, linear=False, batched_grad=False,
                 sparse_grad=False, stateful=False, no_kernel=(), parallel=None):
        self.name = name
        self.parallel = parallel
        self.forward = forward
        self.nondiff = nondiff
        self.linear = linear
        if linear and jvp is None:
            jvp = _linear_jvp
        self.grad = grad
        self.jvp = jvp
        self.shape = shape
        self.batch = batch
        self.num_outputs = num_outputs
        self.multi = not (type(num_outputs) is int and num_outputs == 1)
        self.batched_grad = batched_grad
        self.sparse_grad = sparse_grad
        self.stateful = stateful
        self.allowed = allowed
        if allowed is _UNSET or allowed == ANY or allowed is None:
            self._allowed_np = None
        else:
            self._allowed_np = frozenset(d._np for d in allowed)
        self._no_kernel_np = frozenset(d._np for d in no_kernel)

    def outputs_for(self, attrs):
        """The number of outputs for these attributes."""
        n = self.num_outputs
        return n if type(n) is int else n(attrs)

    def check(self, x):
        """Raises TF's InvalidArgumentError if Tensor `x`'s dtype is not allowed."""
        allowed = self._allowed_np
        if allowed is not None and x._value.dtype not in allowed:
            if x._value.dtype in self._no_kernel_np:
                raise no_kernel(self, x._value.dtype)
            raise dtype_not_allowed(self, x._value.dtype)

    def missing(self):
        """The facts this record lacks (empty for a complete primitive)."""
        out = []
        if not callable(self.forward):
            out.append("forward")
        if not callable(self.shape):
            out.append("shape rule")
        if not callable(self.batch):
            out.append("batch rule")
        if self.allowed is _UNSET:
            out.append("allowed dtypes")
        if self.nondiff:
            if self.grad is not None or (self.jvp is not None and not self.linear):
                out.append("nondiff with a gradient or JVP rule")
        else:
            if not callable(self.grad):
                out.append("gradient rule (or nondiff=True)")
            if not callable(self.jvp):
                out.append("JVP rule (or linear=True / nondiff=True)")
        return out

    def __repr__(self):
        return f"<Primitive {self.name}>"


Op = Primitive


def defop(name, forward, grad=None, jvp=None, num_outputs=1, allowed=_UNSET, **facts):
    """Defines and registers a primitive; see `Primitive` for the facts it takes.

    >>> from tapeflow.framework.op import defop, ANY
    >>> double = defop("DoubleForDocs", lambda v: v * 2, linear=True, grad=lambda op, g: g * 2,
    ...                allowed=ANY)
    >>> double.missing()
    ['shape rule', 'batch rule']
    """
    op = Primitive(name, forward, grad, jvp, num_outputs, allowed, **facts)
    REGISTRY[name] = op
    return op


def _linear_jvp(node, *tangents):
    """The JVP of a linear primitive: the primitive on the tangents, with zeros for the missing
    tangents of floating inputs; other inputs (indices, masks) are passed as they are."""
    if all(t is None for t in tangents):
        return None
    args = []
    for x, t in zip(node.inputs, tangents):
        if t is None:
            v = x._value
            t = x if v.dtype.kind not in "fc" else wrap(np.zeros(v.shape, v.dtype)[()])
        args.append(t)
    return apply(node.op, args, node.attrs)


class NotBatchable(Exception):
    """Raised by a gradient rule that cannot take batched cotangents; callers fall back."""


class Node:
    """One executed op as recorded on a tape (TF's `op` argument of gradient functions)."""

    __slots__ = ("op", "inputs", "outputs", "attrs", "needs_input_grad", "stack")

    def __init__(self, op, inputs, outputs, attrs):
        self.op = op
        self.inputs = inputs
        self.outputs = outputs
        self.attrs = attrs
        self.needs_input_grad = None
        self.stack = None  # the user's stack where the op ran, kept by debugging tools only

    @property
    def type(self):
        return self.op.name

    name = type

    def get_attr(self, name):
        return self.attrs[name]

    def __repr__(self):
        from .errors import describe
        return "<Node %s: %s -> %s>" % (
            self.op.name, [describe(x) for x in self.inputs], [describe(y) for y in self.outputs])


# ============================================================================================
# Dispatch
# ============================================================================================
_NO_ATTRS = {}


def apply1(op, x, attrs=None):
    """Runs a one-input, one-output primitive on a Tensor (unchecked)."""
    recs = state.recorders
    if recs and state.interpreters:
        return _apply_recorded(op, (x,), _NO_ATTRS if attrs is None else attrs)
    try:
        v = x._value  # (an ndarray or NumPy scalar wherever an op has a splitter)
        if op.parallel is not None and v.size >= LARGE:
            out = _split_forward(op, (v,), attrs)
        else:
            out = op.forward(v) if attrs is None else op.forward(v, **attrs)
    except Exception as e:
        out = _forward_failed(op, (x,), attrs, e)
    r = _new(Tensor)
    r._value = out
    if recs:
        inputs, outputs = (x,), (r,)
        for rec in recs:
            rec.record(op, inputs, outputs, _NO_ATTRS if attrs is None else attrs)
    return r


def apply2(op, x, y, attrs=None):
    """Runs a two-input, one-output primitive on Tensors (unchecked)."""
    recs = state.recorders
    if recs and state.interpreters:
        return _apply_recorded(op, (x, y), _NO_ATTRS if attrs is None else attrs)
    try:
        xv, yv = x._value, y._value
        if op.parallel is not None and (xv.size >= LARGE or yv.size >= LARGE):
            out = _split_forward(op, (xv, yv), attrs)
        else:
            out = op.forward(xv, yv) if attrs is None else op.forward(xv, yv, **attrs)
    except Exception as e:
        out = _forward_failed(op, (x, y), attrs, e)
    r = _new(Tensor)
    r._value = out
    if recs:
        inputs, outputs = (x, y), (r,)
        for rec in recs:
            rec.record(op, inputs, outputs, _NO_ATTRS if attrs is None else attrs)
    return r


def apply(op, inputs, attrs=None):
    """Runs any primitive on a sequence of Tensors (unchecked); returns a Tensor, or a tuple for
    a primitive with several outputs."""
    if attrs is None:
        attrs = _NO_ATTRS
    if state.recorders:
        return _apply_recorded(op, tuple(inputs), attrs)
    try:
        out = _forward(op, inputs, attrs)
    except Exception as e:
        out = _forward_failed(op, inputs, attrs, e)
    if not op.multi:
        return wrap(out)
    return tuple(wrap(o) for o in out)


def _split_forward(op, arrays, attrs):
    """The forward of a large input on the intra-op pool (see `framework.parallel`)."""
    out = op.parallel(arrays, attrs or _NO_ATTRS)
    if out is None:  # a case the splitter leaves to one thread
        out = op.forward(*arrays, **(attrs or _NO_ATTRS))
    return out


def _forward(op, inputs, attrs):
    arrays = [x._value for x in inputs]
    if op.parallel is not None:
        for v in arrays:
            if type(v) is _ndarray and v.size >= LARGE:
                return _split_forward(op, arrays, attrs)
    return op.forward(*arrays, **attrs)


def _run(op, inputs, attrs):
    """The eager forward: a tuple of output Tensors."""
    try:
        out = _forward(op, inputs, attrs)
    except Exception as e:
        out = _forward_failed(op, inputs, attrs, e)
    if not op.multi:
        return (wrap(out),)
    return tuple(wrap(o) for o in out)


def _apply_recorded(op, inputs, attrs):
    if not state.interpreters:  # observers only (tapes, accumulators): the common case
        try:
            out = _forward(op, inputs, attrs)
        except Exception as e:
            out = _forward_failed(op, inputs, attrs, e)
        if op.multi:
            outputs = tuple(wrap(o) for o in out)
        else:
            r = _new(Tensor)
            r._value = out
            outputs = (r,)
        for rec in state.recorders:
            rec.record(op, inputs, outputs, attrs)
        return outputs if op.multi else r
    recs = state.recorders
    if state.interpreters:
        stack = state.stack
        for i in range(len(stack) - 1, -1, -1):
            r = stack[i]
            if r.interprets and not r._paused and r.owns(op, inputs):
                above = [o for o in stack[i + 1:] if not o._paused and not o.interprets]
                with stack_below(i):
                    outputs = r.process(op, inputs, attrs)
                for o in above:
                    o.record(op, inputs, outputs, attrs)
                return outputs if op.multi else outputs[0]
    outputs = _run(op, inputs, attrs)
    for rec in recs:
        if not rec.interprets:
            rec.record(op, inputs, outputs, attrs)
    return outputs if op.multi else outputs[0]


def _forward_failed(op, inputs, attrs, exc):
    """A forward raised: bfloat16 inputs (which NumPy cannot compute on) are computed in float32
    and rounded back (see bfloat16.py); anything else raises TF's error for the failure."""
    if any(getattr(x, "_value", None) is not None and x._value.dtype == dtypes.BFLOAT16_STORAGE
           for x in inputs):
        try:
            return bfloat16.run(op, [x._value for x in inputs], attrs or _NO_ATTRS)
        except Exception as e:
            exc = e
    raise op_failure(op, inputs, exc) from None


def is_concrete(x):
    """True when `x` (a Tensor or Variable) holds a value, not only a shape and dtype."""
    return type(x._value) is not AbstractArray
