"""Vectorized `vmap`: a recorder that re-runs each op on whole batches.

Inside `vmap(f)`, f receives *proxies*: ordinary tensors holding the first example, so every
shape computation in the public op functions sees per-example shapes. A `Batcher` sits on the
thread's recorder stack (like a tape); when an op has a proxy-derived input, it runs the same op
again on the batched values (a leading batch axis) with its attributes adjusted by the op's batch
rule, and remembers the batched result for the op's output. The batched ops are ordinary
tapeflow ops run with the batcher stepped off the stack, so outer tapes record them and
gradients flow through vmap; gradient rules run inside f (per-example gradients) are ops too,
so they are batched the same way.

Batch rules (registered per op name with `register`):
  elementwise  broadcasting ops: batched inputs get singleton axes after the batch axis up to
               the output's rank, unbatched inputs broadcast from the right;
  leading      ops that treat leading axes as batch (softmax, cross-entropies, ...): unbatched
               inputs are broadcast to the batch;
  axis rules   the op with its axis-like attributes shifted past the batch axis;
  (none)       one op application per example, stacked: correct for every op.
"""
import numpy as np

from .op import apply, remove_recorder, state
from .tape import ENGINE_OPS

BATCH_RULES = {}  # op name -> rule(op, args, batched, attrs, outputs, size) -> batched outputs


def register(rule, *ops):
    """Sets `rule` as the batch rule of each op (Op objects or names)."""
    for op in ops:
        BATCH_RULES[op if isinstance(op, str) else op.name] = rule


def _broadcast_batch(x, size):
    return ENGINE_OPS["broadcast_to"](x, (size,) + x._value.shape)


def elementwise(op, args, batched, attrs, outputs, size):
    rank = outputs[0]._value.ndim
    xs = []
    for x, b in zip(args, batched):
        if b:
            own = x._value.ndim - 1
            if own < rank:
                x = ENGINE_OPS["reshape"](x, (size,) + (1,) * (rank - own) + x._value.shape[1:])
        xs.append(x)
    return apply(op, tuple(xs), attrs)


def leading(op, args, batched, attrs, outputs, size):
    xs = tuple(x if b else _broadcast_batch(x, size) for x, b in zip(args, batched))
    return apply(op, xs, attrs)


def with_attrs(transform, align=False):
    """A rule running the op on fully batched inputs with `transform(attrs, size)` applied."""
    def rule(op, args, batched, attrs, outputs, size):
        if align:
            args = [elementwise_align(x, b, outputs, size) for x, b in zip(args, batched)]
        xs = tuple(x if b else _broadcast_batch(x, size) for x, b in zip(args, batched))
        return apply(op, xs, transform(dict(attrs), size))
    return rule


def elementwise_align(x, b, outputs, size):
    if not b:
        return x
    rank = outputs[0]._value.ndim
    own = x._value.ndim - 1
    if own < rank:
        x = ENGINE_OPS["reshape"](x, (size,) + (1,) * (rank - own) + x._value.shape[1:])
    return x


def only_first_batched(rule):
    """Use `rule` when only the first input is batched; otherwise loop over the examples."""
    def checked(op, args, batched, attrs, outputs, size):
        if any(batched[1:]):
            return loop(op, args, batched, attrs, outputs, size)
        return rule(op, args, batched, attrs, outputs, size)
    return checked


def shift(*names):
    """An attrs transform adding 1 to each named axis attribute (an int or a tuple of ints)."""
    def transform(attrs, size):
        for n in names:
            v = attrs[n]
            attrs[n] = tuple(a + 1 for a in v) if isinstance(v, tuple) else v + 1
        return attrs
    return transform


def loop(op, args, batched, attrs, outputs, size):
    """One application per example, stacked along a new leading axis."""
    per = []
    for i in range(size):
        xs = tuple(x[i] if b else x for x, b in zip(args, batched))
        per.append(apply(op, xs, attrs))
    stack = ENGINE_OPS["stack"]
    if op.num_outputs == 1:
        return stack(per)
    return tuple(stack([p[k] for p in per]) for k in range(op.num_outputs))


class Batcher:
    """The recorder behind one vmap call (see the module docstring)."""

    def __init__(self, size):
        self.size = size
        self.batched = {}  # id(proxy-derived tensor) -> (tensor, batched tensor)

    def _variable_accessed(self, var):
        pass

    def _record(self, op, inputs, outputs, attrs):
        entries = [self.batched.get(id(x)) for x in inputs]
        if all(e is None for e in entries):
            return
        args = [e[1] if e is not None else x for x, e in zip(inputs, entries)]
        if any(getattr(a, "_is_variable", False) for a in args):
            args = [a._read() if getattr(a, "_is_variable", False) else a for a in args]
        flags = [e is not None for e in entries]
        rule = BATCH_RULES.get(op.name, loop)
        pos = remove_recorder(self)  # our own batched ops are for outer recorders only
        try:
            out = rule(op, args, flags, attrs, outputs, self.size)
        finally:
            state.recorders.insert(pos, self)
        if len(outputs) == 1:
            out = (out,)
        for o, bo in zip(outputs, out):
            self.batched[id(o)] = (o, bo)


def first_mismatch(a, b):
    """True when two arrays differ beyond float32 tolerance (or in shape or dtype)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return True
    if a.dtype.kind in "fc":
        return not np.allclose(a, b, rtol=1e-4, atol=1e-5, equal_nan=True)
    return not np.array_equal(a, b)
