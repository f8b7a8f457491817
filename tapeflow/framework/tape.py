"""`tf.GradientTape`: records ops on watched tensors and runs reverse-mode autodiff over them.

Terminology:
  tracked   a tensor or variable the tape can differentiate with respect to: watched explicitly,
            a trainable variable read inside the context, or an output of a recorded op. The tape
            maps id(obj) -> obj; holding the object keeps its id unique while the tape lives.
  node      one recorded op (see `op.Node`), appended in execution order. Eager execution order
            is a topological order, so the backward pass is a reverse loop over a list.

The backward pass (`_backprop`):
  1. forward sweep: mark which nodes depend on a source (`live`); others get no gradient work, and
     a node's inputs that do not lead to a source are flagged in `node.needs_input_grad` so the
     rule may skip them (matmul skips dx for data inputs).
  2. reverse sweep over the live nodes: pop each output's accumulated cotangent, call the op's
     gradient rule (written with tapeflow ops, so any active outer tape records it: that is how
     nested tapes give higher derivatives), reduce broadcasting in one place, and accumulate into
     the inputs' cotangents. A non-persistent tape hands its node list to the sweep and drops
     each node, and the cotangents of its outputs, as soon as it is consumed.
`jacobian` and `batch_jacobian` run the same sweep once with a batch of seeds: the cotangents
carry a leading batch axis through every rule (see `Op.batched_grad`).
No recursion anywhere: a 100,000-op chain needs no stack.
Differentiable values are those whose NumPy kind is in "fcV": floating, complex, and 'V', the
kind of bfloat16 storage (see bfloat16.py; no other tensor has a structured dtype).
"""
import contextlib
import enum
import logging

from . import nest
from .indexed_slices import IndexedSlices, add_slices
from .dtypes import from_numpy
from .op import Node, NotBatchable, remove_recorder, state
from .tensor import Tensor, wrap

import numpy as np

_log = logging.getLogger("tapeflow")


class UnconnectedGradients(enum.Enum):
    """What `gradient` returns for a source not connected to the target: None or zeros."""
    NONE = "none"
    ZERO = "zero"


# Set by the op package at import: the few ops the engine itself builds gradients with
# (accumulation, broadcast reduction, and the reshapes and stacks of jacobians), kept here by
# name so that the engine imports no op module.
ENGINE_OPS = {"add": None, "unbroadcast": None, "stack": None, "reshape": None,
              "broadcast_to": None, "transpose": None}

_warned_inside_context = [False]
_watch_warnings = [0]


class GradientTape:
    """Records operations for automatic differentiation.

    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as g:
    ...     g.watch(x)
    ...     y = x * x
    >>> g.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._tracked = {}
        self._nodes = []
        self._watched_variables = {}  # id -> Variable, in watch order
        self._recording = False  # on the recorder stack and recording
        self._used = False  # a non-persistent tape has computed its gradient

    # -- context -----------------------------------------------------------------------------
    def __enter__(self):
        self._push_tape()
        return self

    def __exit__(self, typ, value, traceback):
        if self._recording:
            self._pop_tape()

    def _push_tape(self):
        if self._recording:
            raise ValueError("Tape is still recording, This can happen if you try to re-enter an "
                             "already-active tape.")
        if self._tracked is None or self._used:  # consumed by a gradient: a fresh tape, as TF
            self._tracked, self._nodes, self._watched_variables = {}, [], {}
            self._used = False
        state.recorders.append(self)
        self._recording = True

    def _pop_tape(self):
        if not self._recording:
            raise ValueError("Tape is not recording.")
        remove_recorder(self)
        self._recording = False

    @contextlib.contextmanager
    def stop_recording(self):
        """Temporarily stops recording: ops inside get no gradient from this tape."""
        if not self._recording:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        self._pop_tape()
        try:
            yield
        finally:
            self._push_tape()

    def reset(self):
        """Clears everything recorded; the tape keeps recording (as exiting and re-entering)."""
        self._pop_tape()
        self._tracked, self._nodes, self._watched_variables = {}, [], {}
        self._used = False
        self._push_tape()

    # -- watching and recording --------------------------------------------------------------
    def watch(self, tensor):
        """Ensures `tensor` (a tensor, variable, or nest of them) is traced by this tape."""
        for t in nest.flatten(tensor):
            if isinstance(t, Tensor):
                if t._value.dtype.kind not in "fcV" and _watch_warnings[0] < 5:
                    _watch_warnings[0] += 1  # TF logs this at most 5 times per process
                    _log.warning("The dtype of the watched tensor must be floating (e.g. tf.float32),"
                                 " got %r", from_numpy(t._value.dtype))
                self._track(t)
            elif getattr(t, "_is_variable", False):
                self._watch_variable(t)
            else:
                raise ValueError(f"Passed in object {t} of type '{type(t).__name__}', not tf.Tensor "
                                 f"or tf.Variable or ExtensionType.")

    def _track(self, obj):
        if self._tracked is None:
            self._tracked, self._nodes = {}, []
        self._tracked[id(obj)] = obj

    def _watch_variable(self, var):
        self._track(var)
        self._watched_variables.setdefault(id(var), var)

    def _variable_accessed(self, var):
        """Called when a variable is read while this tape is on the stack."""
        if self._recording and self._watch_accessed_variables and var.trainable:
            self._watch_variable(var)

    def _record(self, op, inputs, outputs, attrs):
        # only recording tapes are on the recorder stack (stop_recording pops the tape)
        tracked = self._tracked
        for x in inputs:
            if id(x) in tracked:
                break
        else:
            return
        for o in outputs:
            if o._value.dtype.kind in "fcV":
                break
        else:
            return  # integer/bool outputs carry no gradient
        self._nodes.append(Node(op, inputs, outputs, attrs))
        for o in outputs:
            tracked[id(o)] = o

    def watched_variables(self):
        """The variables this tape watches, in the order they were first watched."""
        return tuple(sorted(self._watched_variables.values(), key=lambda v: v._uid))

    # -- gradients ---------------------------------------------------------------------------
    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        """The gradient of `target` (summed over its elements and over a nest of targets) with
        respect to each of `sources`, in the structure of `sources`."""
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set "
                               "of gradients (or jacobians)")
        if target is None:
            raise TypeError("Argument `target` should be a list or nested structure of Tensors, "
                            "Variables or CompositeTensors to be differentiated, but received None.")
        unconnected = _unconnected_value(unconnected_gradients)
        if self._recording:
            if not self._persistent:
                self._pop_tape()
            elif not _warned_inside_context[0]:
                _warned_inside_context[0] = True
                _log.warning(
                    "Calling GradientTape.gradient on a persistent tape inside its context is "
                    "significantly less efficient than calling it outside the context (it causes the"
                    " gradient ops to be recorded on the tape, leading to increased CPU and memory "
                    "usage). Only call GradientTape.gradient inside the context if you actually want"
                    " to trace the gradient in order to compute higher order derivatives.")
        flat_targets = [target] if type(target) is Tensor else nest.flatten(target)
        single = type(sources) is Tensor or getattr(sources, "_is_variable", False)
        flat_sources = [sources] if single else nest.flatten(sources)
        for s in flat_sources:
            if type(s) is not Tensor and not isinstance(s, Tensor) and not getattr(
                    s, "_is_variable", False):
                if s is None:
                    raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow "
                                    "DType.")
                raise AttributeError(f"'{type(s).__name__}' object has no attribute 'dtype'")
        seeds = _seeds(flat_targets, output_gradients)
        grads = self._backprop(flat_targets, seeds, flat_sources)
        if not self._persistent:
            self._used = True
        if unconnected is UnconnectedGradients.ZERO:
            grads = [wrap(np.zeros(s._value.shape, s._value.dtype)) if g is None else g
                     for s, g in zip(flat_sources, grads)]
        return grads[0] if single else nest.pack_sequence_as(sources, grads)

    def _begin_gradient(self):
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set "
                               "of gradients (or jacobians)")
        if self._recording and not self._persistent:
            self._pop_tape()

    def _seeded_sweeps(self, target, flat_sources, seeds, vectorize=True):
        """Cotangents of the sources for each seed in `seeds` (a tensor whose leading axis indexes
        the seeds): one vectorized sweep when every rule on the path takes batched cotangents,
        else one sweep per seed. Returns one tensor (or None) per source, with the seed axis
        first. The records are kept until the end, then freed for a non-persistent tape."""
        try:
            if vectorize:
                try:
                    return self._backprop([target], [seeds], flat_sources, consume=False,
                                          batch_ndim=1)
                except NotBatchable:
                    pass
            n = seeds._value.shape[0]
            rows = [self._backprop([target], [wrap(seeds._value[k])], flat_sources, consume=False)
                    for k in range(n)]
            out = []
            for j, s in enumerate(flat_sources):
                col = [r[j] for r in rows]
                if all(g is None for g in col):
                    out.append(None)
                    continue
                sv = s._value
                col = [wrap(np.zeros(sv.shape, sv.dtype)) if g is None else
                       g if type(g) is Tensor else g._dense() for g in col]
                out.append(ENGINE_OPS["stack"](col))
            return out
        finally:
            if not self._persistent:
                self._used = True
                self._tracked, self._nodes = None, None

    def jacobian(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
                 parallel_iterations=None, experimental_use_pfor=True):
        """d target / d source for each source, shaped `target.shape + source.shape`.

        >>> x = tf.constant([1.0, 2.0])
        >>> with tf.GradientTape() as g:
        ...     g.watch(x)
        ...     y = x * x
        >>> g.jacobian(y, x).shape
        TensorShape([2, 2])
        """
        unconnected = _unconnected_value(unconnected_gradients)
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the "
                               "jacobian with eager execution enabled and with  experimental_use_pfor"
                               " set to False.")
        self._begin_gradient()
        from .tensor import convert_to_tensor
        target = target if isinstance(target, Tensor) else convert_to_tensor(target)
        flat_sources = nest.flatten(sources)
        tv = target._value
        n = int(np.prod(tv.shape))
        if n == 0 or tv.dtype.kind not in "fcV":
            grads = [None] * len(flat_sources)
            self._seeded_sweeps(target, flat_sources, wrap(np.zeros((0,) + tv.shape, tv.dtype)),
                                vectorize=False)
        else:
            seeds = wrap(np.eye(n, dtype=tv.dtype).reshape((n,) + tv.shape))
            grads = self._seeded_sweeps(target, flat_sources, seeds,
                                        vectorize=experimental_use_pfor)
        out = []
        for s, g in zip(flat_sources, grads):
            sv = s._value
            full_shape = tv.shape + sv.shape
            if g is None:
                connected_rows = n == 0  # an empty target has an (empty) all-zero Jacobian
                out.append(None if unconnected is UnconnectedGradients.NONE and not connected_rows
                           else wrap(np.zeros(full_shape, sv.dtype)))
                continue
            if type(g) is not Tensor:
                g = g._dense()
            out.append(ENGINE_OPS["reshape"](g, full_shape))
        return nest.pack_sequence_as(sources, out)

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        """Per-example Jacobians: result[b] = d target[b] / d source[b], shaped
        `[batch] + target.shape[1:] + source.shape[1:]` (examples must be independent)."""
        _unconnected_value(unconnected_gradients)
        from .tensor import convert_to_tensor
        target = target if isinstance(target, Tensor) else convert_to_tensor(target)
        tv, sv = target._value, source._value
        for shape in (tv.shape, sv.shape):
            if len(shape) < 2:
                raise ValueError(f"Shape {_shape_text(shape)} must have rank at least 2")
        if tv.shape[0] != sv.shape[0]:
            raise ValueError(f"Need first dimension of target shape ({_shape_text(tv.shape)}) and "
                             f"source shape ({_shape_text(sv.shape)}) to match.")
        if not experimental_use_pfor and not self._persistent:
            raise RuntimeError("GradientTape must be created with persistent=True to compute the "
                               "batch_jacobian with eager execution enabled and  with "
                               "experimental_use_pfor set to False.")
        self._begin_gradient()
        batch = tv.shape[0]
        m = int(np.prod(tv.shape[1:]))
        # seed k puts a 1 at element k of every example's target row
        seeds = np.zeros((m, batch, m), tv.dtype)
        seeds[np.arange(m), :, np.arange(m)] = 1
        full_shape = tv.shape + sv.shape[1:]
        if m == 0:
            return wrap(np.zeros(full_shape, sv.dtype))
        (g,) = self._seeded_sweeps(target, [source], wrap(seeds.reshape((m,) + tv.shape)),
                                   vectorize=experimental_use_pfor)
        if g is None:
            return wrap(np.zeros(full_shape, sv.dtype))
        if type(g) is not Tensor:
            g = g._dense()
        # g: [m, batch] + source.shape[1:] -> [batch, m] + ... -> batch + target[1:] + source[1:]
        perm = [1, 0] + list(range(2, g._value.ndim))
        return ENGINE_OPS["reshape"](ENGINE_OPS["transpose"](g, perm), full_shape)

    def _backprop(self, targets, seeds, sources, consume=None, batch_ndim=0):
        """Cotangents of `sources` given `seeds` for `targets` (lists of equal length). A consuming
        sweep (the default for a non-persistent tape) frees each record as soon as it is used.

        With `batch_ndim` > 0 the seeds carry that many extra leading axes (a batch of
        cotangents, for vectorized Jacobians) and every rule on the path must accept them; if one
        does not, NotBatchable is raised before anything is changed."""
        tracked = self._tracked or {}
        nodes = self._nodes or []
        if consume is None:
            consume = not self._persistent
        if consume:  # the sweep now owns the records
            self._tracked, self._nodes = None, None
        source_ids = set()
        for s in sources:
            if s._value.dtype.kind in "fcV" and (id(s) in tracked or _is_target(s, targets)):
                source_ids.add(id(s))
        tracked = None  # a consuming sweep must not keep the records alive through this name

        # 1. which nodes lie downstream of a source
        depends = source_ids.copy()
        live = []
        for node in nodes:
            needs = [id(x) in depends for x in node.inputs]
            if True not in needs:
                continue
            node.needs_input_grad = needs
            live.append(node)
            for o in node.outputs:
                if o._value.dtype.kind in "fcV":  # integer outputs carry no gradient
                    depends.add(id(o))
        del nodes
        if batch_ndim:
            for node in live:
                if not node.op.batched_grad:
                    raise NotBatchable(node.op.name)
            batch_shape = seeds[0]._value.shape[:batch_ndim]

        # 2. seed and sweep back
        add = ENGINE_OPS["add"]
        unbroadcast = ENGINE_OPS["unbroadcast"]
        cotangents = {}
        for t, seed in zip(targets, seeds):
            if seed is None:
                continue
            k = id(t)
            if k not in depends:
                continue
            prev = cotangents.get(k)
            cotangents[k] = seed if prev is None else add(prev, seed)
        found = {}  # id(source) -> cotangent, for sources that are outputs of live nodes
        pop = cotangents.pop
        recorders = state.recorders  # this thread's list; non-empty when gradients are recorded
        while live:
            node = live.pop()
            outs = node.outputs
            rule = node.op.grad
            if len(outs) == 1:
                k = id(outs[0])
                g = pop(k, None)
                if g is None:
                    continue
                if k in source_ids:
                    found[k] = g
                if rule is None:
                    raise _no_gradient(node)
                if type(g) is not Tensor and not node.op.sparse_grad_ok:
                    g = g._dense()
                in_grads = rule(node, g)
            else:
                out_grads = [pop(id(o), None) for o in outs]
                if all(g is None for g in out_grads):
                    continue
                for o, g in zip(outs, out_grads):
                    if id(o) in source_ids and g is not None:
                        found[id(o)] = g
                if rule is None:
                    raise _no_gradient(node)
                out_grads = [g if g is None or type(g) is Tensor else g._dense() for g in out_grads]
                in_grads = rule(node, *out_grads)
            inputs = node.inputs
            if type(in_grads) is not tuple and type(in_grads) is not list:
                in_grads = (in_grads,)
            if len(in_grads) != len(inputs):
                raise ValueError(f"The gradient function of op {node.op.name} returned "
                                 f"{len(in_grads)} gradients for {len(inputs)} inputs")
            for x, need, g in zip(inputs, node.needs_input_grad, in_grads):
                if g is None or not need:
                    continue
                if type(g) is not Tensor:
                    g = _as_gradient(g, x)
                    k = id(x)
                    prev = cotangents.get(k)
                    cotangents[k] = g if prev is None else add_slices(prev, g)
                    continue
                xv = x._value
                if g._value.shape != xv.shape:
                    g = unbroadcast(g, xv.shape) if not batch_ndim else _fit_batched(
                        g, batch_shape, xv.shape)
                k = id(x)
                prev = cotangents.get(k)
                if prev is None:
                    cotangents[k] = g
                elif type(prev) is not Tensor:
                    cotangents[k] = add_slices(prev, g)
                elif recorders:
                    cotangents[k] = add(prev, g)  # recorded: the sum is differentiated again
                else:
                    try:
                        cotangents[k] = wrap(prev._value + g._value)
                    except TypeError:  # bfloat16 storage has no NumPy add: through the op
                        cotangents[k] = add(prev, g)
        found.update(cotangents)
        return [found.get(id(s)) if id(s) in source_ids else None for s in sources]


def _fit_batched(g, batch_shape, shape):
    """A batched cotangent brought to batch_shape + shape: broadcasting undone after the batch
    axes, and a rule's batch-free result (a zero that ignored its cotangent) broadcast up."""
    nb = len(batch_shape)
    if g._value.ndim >= nb + len(shape):
        g = ENGINE_OPS["unbroadcast"](g, shape, nb)
    if g._value.shape != batch_shape + shape:
        g = ENGINE_OPS["broadcast_to"](g, batch_shape + shape)
    return g


def _no_gradient(node):
    return LookupError(f"No gradient defined for operation '{node.op.name}' (op type: {node.op.name})")


def _is_target(s, targets):
    return any(t is s for t in targets)


def _seeds(flat_targets, output_gradients):
    """The initial cotangent of each target: ones, or the given output_gradients."""
    if output_gradients is not None:
        flat_og = nest.flatten(output_gradients)
        if len(flat_og) != len(flat_targets):
            raise ValueError(f"Got {len(flat_og)} output_gradients for {len(flat_targets)} targets")
    else:
        flat_og = [None] * len(flat_targets)
    seeds = []
    for t, og in zip(flat_targets, flat_og):
        if not (isinstance(t, Tensor) or getattr(t, "_is_variable", False)):
            raise AttributeError(f"'{type(t).__name__}' object has no attribute 'dtype'")
        v = t._value
        if v.dtype.kind not in "fcV":
            seeds.append(None)
        elif og is None:
            seeds.append(wrap(v.dtype.type(1) if v.ndim == 0 and v.dtype.names is None
                            else np.ones(v.shape, v.dtype)))
        else:
            from .tensor import convert_to_tensor
            seeds.append(convert_to_tensor(og, dtype=from_numpy(v.dtype)))
    return seeds


def _as_gradient(g, x):
    """What a gradient rule returned (IndexedSlices kept sparse; arrays and numbers converted)."""
    if isinstance(g, IndexedSlices):
        return g
    from .tensor import convert_to_tensor
    g = convert_to_tensor(g, dtype=from_numpy(x._value.dtype))
    if g._value.shape != x._value.shape:
        g = ENGINE_OPS["unbroadcast"](g, x._value.shape)
    return g


def _shape_text(shape):
    return "(%s,)" % shape[0] if len(shape) == 1 else "(%s)" % ", ".join(map(str, shape))


def _unconnected_value(value):
    if isinstance(value, UnconnectedGradients):
        return value
    try:
        return UnconnectedGradients(value)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: {value!r}") from None
