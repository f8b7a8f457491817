"""`tf.GradientTape`: records ops on watched tensors; `backprop.py` runs the backward sweep.

Terminology:
  tracked   a tensor or variable the tape can differentiate with respect to: watched explicitly,
            a trainable variable read inside the context, or an output of a recorded op. The tape
            maps id(obj) -> obj; holding the object keeps its id unique while the tape lives.
  node      one recorded op (see `op.Node`), appended in execution order. Eager execution order
            is a topological order, so the backward pass is a reverse loop over a list.

A tape is an observer on the thread's recorder stack (`op.Recorder`): `stop_recording()` pauses
it. `jacobian` and `batch_jacobian` run the sweep once with a batch of seeds: the cotangents carry
a leading batch axis through every rule (see `Primitive.batched_grad`); a path through a rule
without that flag falls back to one sweep per seed.

Evidence for `explain` (tapeflow/debugging/_explain.py), gathered only when it happens, never on
the per-op path of float ops: ops on tracked inputs whose outputs are all integer/bool ("cuts":
argmax, comparisons, casts to int; kept apart from the nodes, their outputs tracked so the ops
after them are seen), variables read but not watched, tracked values turned into NumPy or Python
values, the places `stop_recording()` was entered, and what a consuming sweep saw (the sources it
tracked, the ops where the gradient stopped). A consuming sweep whose every gradient is None
keeps the records (nothing was consumed); they go with the tape.
"""
import contextlib
import enum
import logging
import sys

import numpy as np

from ..prims import base as P
from . import nest
from .backprop import backprop, densify
from .dtypes import from_numpy
from .op import Node, NotBatchable, Recorder
from .op import state as op_state
from .tensor import Tensor, TensorLike, convert_to_tensor, wrap

_log = logging.getLogger("tapeflow")


class UnconnectedGradients(enum.Enum):
    """What `gradient` returns for a source not connected to the target: None or zeros."""
    NONE = "none"
    ZERO = "zero"


_warned_inside_context = [False]
_watch_warnings = [0]


class GradientTape(Recorder):
    """Records operations for automatic differentiation.

    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as g:
    ...     g.watch(x)
    ...     y = x * x
    >>> g.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """

    # Evidence for explain() (see the module docstring); class defaults, made on first use.
    _cuts = None             # ops on tracked inputs with only non-float outputs (_cut_nodes())
    _unwatched_reads = None  # id -> (variable, site): read while recording, not watched
    _left = None             # [(object, site, from_library)]: values turned into NumPy/Python
    _stops = None            # [site]: where stop_recording() was entered
    _sweep = None            # a consuming sweep's (evidence, sources, results), see backprop
    _kept = None             # (nodes, tracked) of a consuming sweep whose every gradient is None
    _debug = None            # the debugging tools' hook (set while they are on: anomaly
    #                          detection, explained None gradients), see debugging/_hooks.py

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._tracked = {}
        self._nodes = []
        self._watched_variables = {}  # id -> Variable, in watch order
        self._recording = False  # inside its context (on the recorder stack)
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
            self._forget_evidence()
        self.push()
        self._recording = True

    def _pop_tape(self):
        if not self._recording:
            raise ValueError("Tape is not recording.")
        self.pop()
        self._recording = False

    @contextlib.contextmanager
    def stop_recording(self):
        """Temporarily stops recording: ops inside get no gradient from this tape."""
        if not self._recording or self._paused:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        from ..debugging._sites import user_site
        if self._stops is None:
            self._stops = []
        self._stops.append(user_site())
        with self.paused():
            yield

    def reset(self):
        """Clears everything recorded; the tape keeps recording (as exiting and re-entering)."""
        if not self._recording:
            raise ValueError("Tape is not recording.")
        self._tracked, self._nodes, self._watched_variables = {}, [], {}
        self._used = False
        op_state.reads = {}  # reads recorded before the reset are gone from this tape
        self._forget_evidence()

    def _forget_evidence(self):
        if self.__dict__.keys() & _EVIDENCE:
            for name in _EVIDENCE:
                self.__dict__.pop(name, None)

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
            elif isinstance(t, TensorLike):
                self._watch_variable(t)
                op_state.reads = {}  # earlier reads were not recorded for this tape
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

    def variable_accessed(self, var):
        """Called when a variable is read while this tape is active."""
        if self._watch_accessed_variables and var.trainable:
            self._watch_variable(var)
        elif id(var) not in self._tracked:
            reads = self._unwatched_reads
            if reads is None:
                reads = self._unwatched_reads = {}
            if id(var) not in reads:
                from ..debugging._sites import user_site
                reads[id(var)] = (var, user_site())

    def value_left(self, x):
        """Called when `x` becomes a NumPy or Python value while this tape is active: kept when
        the tape tracks `x` (or would watch the variable `x`), with the user's call site."""
        tracked = self._tracked
        if tracked is None or id(x) not in tracked:
            if isinstance(x, Tensor) or not (x.trainable and self._watch_accessed_variables):
                return
        from ..debugging._sites import is_library, user_site
        if self._left is None:
            self._left = []
        # frames: this method, value_leaving, Tensor.numpy (or __array__, ...), its caller
        self._left.append((x, user_site(), is_library(sys._getframe(3))))

    def record(self, op, inputs, outputs, attrs):
        tracked = self._tracked
        for x in inputs:
            if id(x) in tracked:
                break
        else:
            return
        for o in outputs:
            if o._value.dtype.kind in "fcV":
                break
        else:  # integer/bool outputs carry no gradient: kept apart, as evidence for explain()
            cuts = self._cuts
            if cuts is None:
                cuts = self._cuts = []
            cuts.append((op, inputs, outputs, attrs))  # made a Node by _cut_nodes() when read
            for o in outputs:
                tracked[id(o)] = o
            return
        self._nodes.append(Node(op, inputs, outputs, attrs))
        for o in outputs:
            tracked[id(o)] = o

    def _cut_nodes(self):
        """The recorded ops whose outputs are all integer or bool, as Nodes (for explain())."""
        cuts = self._cuts
        if not cuts:
            return []
        if type(cuts[-1]) is tuple or type(cuts[0]) is tuple:
            cuts[:] = [Node(*c) if type(c) is tuple else c for c in cuts]
        return cuts

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
        single = isinstance(sources, TensorLike)
        flat_sources = [sources] if single else nest.flatten(sources)
        for s in flat_sources:
            if not isinstance(s, TensorLike):
                if s is None or isinstance(s, str):
                    raise TypeError(f"Cannot convert the argument `type_value`: {s!r} to a "
                                    "TensorFlow DType.")
                raise AttributeError(f"'{type(s).__name__}' object has no attribute 'dtype'")
        seeds = _seeds(flat_targets, output_gradients)
        grads = self._backprop(flat_targets, seeds, flat_sources)
        if not self._persistent:
            self._used = True
        if self._debug is not None:
            self._debug.after_gradient(self, flat_targets, flat_sources, grads, unconnected)
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
                col = [wrap(np.zeros(sv.shape, sv.dtype)) if g is None else densify(g)
                       for g in col]
                out.append(P.stack(col, 0))
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
        target = target if isinstance(target, Tensor) else convert_to_tensor(target)
        flat_sources = nest.flatten(sources)
        for s in flat_sources:
            if s is None or isinstance(s, str):
                raise TypeError(f"Cannot convert the argument `type_value`: {s!r} to a TensorFlow "
                                "DType.")
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
            out.append(P.reshape(densify(g), full_shape))
        return nest.pack_sequence_as(sources, out)

    def batch_jacobian(self, target, source, unconnected_gradients=UnconnectedGradients.NONE,
                       parallel_iterations=None, experimental_use_pfor=True):
        """Per-example Jacobians: result[b] = d target[b] / d source[b], shaped
        `[batch] + target.shape[1:] + source.shape[1:]` (examples must be independent)."""
        _unconnected_value(unconnected_gradients)
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
        g = densify(g)
        # g: [m, batch] + source.shape[1:] -> [batch, m] + ... -> batch + target[1:] + source[1:]
        perm = (1, 0) + tuple(range(2, g._value.ndim))
        return P.reshape(P.transpose(g, perm), full_shape)

    def _backprop(self, targets, seeds, sources, consume=None, batch_ndim=0):
        """The backward sweep over this tape's records (see `backprop.backprop`). A consuming
        sweep (the default for a non-persistent tape) hands the records over and frees them."""
        if consume is None:
            consume = not self._persistent
        if self._debug is not None:
            return self._debug.backprop(self, targets, seeds, sources, consume, batch_ndim)
        tracked = self._tracked or {}
        nodes = self._nodes or []
        if not consume:
            return backprop(list(nodes), tracked, targets, seeds, sources, batch_ndim, False)
        self._tracked, self._nodes = None, None  # the sweep now owns the records
        evidence = []
        grads = backprop(nodes, tracked, targets, seeds, sources, batch_ndim, True, evidence)
        self._sweep = (evidence, sources, grads)
        if tracked:  # every gradient is None: nothing was consumed, explain() may read them
            self._kept = (nodes, tracked)
        elif self._cuts is not None:
            self._cuts = None
        return grads

    # -- debugging ---------------------------------------------------------------------------
    def explain(self, target, sources):
        """Why each of `sources` has (or lacks) a gradient of `target`: the structure of
        `sources` filled with `tf.autodiff.GradientExplanation`s (see `tf.autodiff.explain`).

        >>> x = tf.constant(3.0)
        >>> with tf.GradientTape() as tape:
        ...     y = x * x
        >>> tape.explain(y, x).reason
        <NoneReason.NOT_WATCHED: 'not_watched'>
        """
        from ..debugging._explain import explain
        return explain(self, target, sources)

    def to_dot(self, target=None, sources=None):
        """Graphviz DOT text of the recorded ops (see `tf.autodiff.plot`).

        >>> x = tf.constant(3.0)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x * x
        >>> tape.to_dot(y, x).splitlines()[0]
        'digraph tape {'
        """
        from ..debugging._viz import tape_to_dot
        return tape_to_dot(self, target, sources)


_EVIDENCE = frozenset(("_cuts", "_unwatched_reads", "_left", "_stops", "_sweep", "_kept"))


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
        if not isinstance(t, TensorLike):
            raise AttributeError(f"'{type(t).__name__}' object has no attribute 'dtype'")
        v = t._value
        if v.dtype.kind not in "fcV":
            seeds.append(None)
        elif og is None:
            seeds.append(wrap(v.dtype.type(1) if v.ndim == 0 and v.dtype.names is None
                              else np.ones(v.shape, v.dtype)))
        else:
            seeds.append(convert_to_tensor(og, dtype=from_numpy(v.dtype)))
    return seeds


def _shape_text(shape):
    return "(%s,)" % shape[0] if len(shape) == 1 else "(%s)" % ", ".join(map(str, shape))


def _unconnected_value(value):
    if isinstance(value, UnconnectedGradients):
        return value
    try:
        return UnconnectedGradients(value)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: {value!r}") from None
