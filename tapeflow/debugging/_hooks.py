"""The debugging tools' hook into `GradientTape` (the class attribute `GradientTape._debug`).

It is set while a tool that changes how gradients are taken is on: explained None gradients
(`tf.autodiff.set_explain_none(True)`), or anomaly detection in some thread. A tape then runs its
backward sweep through `backprop` here and calls `after_gradient` at the end of `gradient()`.
With both tools off the attribute is None, and reading it is all a tape pays.
"""
import logging

from ..framework.backprop import backprop as _sweep
from . import _numerics

_log = logging.getLogger("tapeflow")
_explain_none = [False]


class _Hooks:
    """What a tape does differently while debugging tools are on."""

    def backprop(self, tape, targets, seeds, sources, consume, batch_ndim):
        nodes = tape._nodes or []
        tracked = tape._tracked or {}
        stacks = _numerics.attach_stacks(nodes)
        if tape._cuts:
            _numerics.attach_stacks(tape._cut_nodes())
        checking = stacks or _numerics.anomaly_enabled()
        outer = _numerics._trace.producer  # a sweep inside a gradient rule restores it
        work = _numerics.checked_nodes(nodes) if checking else nodes
        try:
            if consume and not _explain_none[0]:
                tape._tracked, tape._nodes = None, None
                nodes = None  # the sweep frees each record as it goes
                evidence = []
                grads = _sweep(work, tracked, targets, seeds, sources, batch_ndim, True, evidence)
                tape._sweep = (evidence, sources, grads)
                if tracked:  # every gradient is None: nothing consumed
                    tape._kept = (work, tracked)
                else:
                    tape._cuts = None
                return grads
            # kept for after_gradient (explained None gradients) or a persistent tape
            return _sweep(list(work), tracked, targets, seeds, sources, batch_ndim, False)
        finally:
            if checking:
                _numerics._trace.producer = outer

    def after_gradient(self, tape, flat_targets, flat_sources, grads, unconnected):
        if not _explain_none[0] or tape._tracked is None:
            return
        missing = [i for i, g in enumerate(grads) if g is None]
        if missing and unconnected.value == "none":
            from ._explain import explain_flat
            explanations = explain_flat(tape, flat_targets, [flat_sources[i] for i in missing])
            for e in explanations:
                _log.warning("The gradient with respect to %s is None: %s", e._label, e.message)
        if not tape._persistent:  # records kept for the explanation: free them now
            if missing:
                tape._kept = (tape._nodes, tape._tracked)
            else:  # every source connected: what explain() needs afterwards
                tape._cuts = None
                tape._sweep = ([{id(s) for s in flat_sources}], flat_sources, grads)
            tape._tracked, tape._nodes = None, None


HOOKS = _Hooks()


def refresh():
    """Sets or clears the tape hook after a tool was switched."""
    from ..framework.tape import GradientTape
    on = _explain_none[0] or _numerics._active_threads[0] > 0
    GradientTape._debug = HOOKS if on else None


def set_explain_none(enabled=True):
    """Makes every `GradientTape.gradient` call that returns None for a source log one warning
    per such source (logger 'tapeflow') with its explanation (see `tf.autodiff.explain`). Off by
    default; off, it costs nothing.

    >>> tf.autodiff.set_explain_none(True)
    >>> tf.autodiff.set_explain_none(False)
    """
    _explain_none[0] = bool(enabled)
    refresh()


def explain_none_enabled():
    return _explain_none[0]
