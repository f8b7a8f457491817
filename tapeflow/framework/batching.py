"""vmap's batching interpreter: tensors that carry their own batch axis.

Inside `vmap(f)`, f receives `BatchedTensor`s: tensors that look like one example (their `_value`
is the per-example aval, so every shape computation in the public op functions sees per-example
shapes) while holding the whole batch (`_batched`, a tensor one level down, with the batch along
axis `_bdim`). A `Batcher` is an interpreter on the recorder stack: an op with an input it owns
runs once, on the batched values, through the op's batch rule

    rule(op, args, dims, attrs) -> (outputs, out_dims)

where `dims[i]` is the batch axis of `args[i]` (None: the input is the same for every example).
The Batcher and everything above it are stepped off the stack while a rule runs, so tapes
outside vmap record the batched ops (gradients flow through vmap) and tapes inside it record the
per-example ops, whose gradient rules are batched in turn (`vmap(grad(loss))`). Nested vmaps
nest: an inner BatchedTensor holds an outer one.

Asking for the elements of a BatchedTensor (`.numpy()`, `float()`, `bool()`) raises
`SymbolicValueError`; vmap then runs f once per example instead. The generic batch rules the
primitive records pick from (unary, elementwise, axis_shift, loop, ...) are in `prims.base`.
"""
import logging

import numpy as np

from ..prims import base as P
from .errors import SymbolicValueError
from .op import Recorder, apply
from .tensor import AbstractArray, Tensor

_log = logging.getLogger("tapeflow")
_warned_loop = set()


class BatchedTensor(Tensor):
    """A tensor inside vmap: one example's shape and dtype over a whole batch."""

    __slots__ = ("_batched", "_bdim", "_batcher")

    def __init__(self, batched, bdim, batcher):
        shape = batched._value.shape
        self._value = AbstractArray(shape[:bdim] + shape[bdim + 1:], batched._value.dtype)
        self._batched = batched
        self._bdim = bdim
        self._batcher = batcher

    def _no_value(self, *args):
        raise SymbolicValueError("vmap: this tensor stands for a whole batch; its value cannot be "
                                 "read inside the mapped function.")

    numpy = __bool__ = __float__ = __int__ = __index__ = __complex__ = __array__ = _no_value

    def __str__(self):
        return "BatchedTensor(shape=%s, dtype=%s, batch_size=%d)" % (
            self.shape, self.dtype.name, self._batcher.size)

    __repr__ = __str__


class Batcher(Recorder):
    """The interpreter behind one vmap call (see the module docstring)."""

    interprets = True

    def __init__(self, size):
        self.size = size

    def owns(self, op, inputs):
        for x in inputs:
            if type(x) is BatchedTensor and x._batcher is self:
                return True
        return op.stateful  # random draws: one per example

    def process(self, op, inputs, attrs):
        args, dims = [], []
        for x in inputs:
            if type(x) is BatchedTensor and x._batcher is self:
                args.append(x._batched)
                dims.append(x._bdim)
            else:
                args.append(x)
                dims.append(None)
        if all(d is None for d in dims):  # a stateful op: one draw per example
            per = [apply(op, args, attrs) for _ in range(self.size)]
            if not op.multi:
                return (self.wrap(P.stack(per, 0), 0),)
            return tuple(self.wrap(P.stack([p[k] for p in per], 0), 0) for k in range(len(per[0])))
        rule = op.batch
        if rule is None:
            if op.name not in _warned_loop:
                _warned_loop.add(op.name)
                _log.warning("vmap: op %s has no batch rule; it runs once per example", op.name)
            rule = P.loop
        outs, out_dims = rule(op, args, dims, attrs)
        if not op.multi:
            outs, out_dims = (outs,), (out_dims,)
        return tuple(self.wrap(o, d) for o, d in zip(outs, out_dims))

    def wrap(self, value, dim):
        """`value` (batched along `dim`) as a tensor of this vmap; unbatched when dim is None."""
        if dim is None:
            return value
        return BatchedTensor(value, dim, self)


def first_mismatch(a, b):
    """True when two arrays differ beyond float32 tolerance (or in shape or dtype)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        return True
    if a.dtype.kind in "fc":
        return not np.allclose(a, b, rtol=1e-4, atol=1e-5, equal_nan=True)
    return not np.array_equal(a, b)
