"""Reverse-mode autodiff over recorded nodes: the backward sweep that `GradientTape` runs.

Vocabulary:
  cotangent  the gradient flowing backwards into a tensor (a Tensor, or an IndexedSlices for a
             sparse one); keyed by id(tensor) during a sweep.
  live       a node some source depends on; only live nodes get gradient work.

The algorithm (`backprop`):
  1. forward sweep: mark which nodes depend on a source (`live`); a live node's inputs that do not
     lead to a source are flagged in `node.needs_input_grad` so its rule may skip them (matmul
     skips dx for data inputs).
  2. reverse sweep over the live nodes: pop each output's accumulated cotangent, call the op's
     gradient rule (written with primitive-layer ops, so any active outer tape records it: that
     is how nested tapes give higher derivatives), undo broadcasting in one place (`sum_to`), and
     accumulate into the inputs' cotangents. A consuming sweep (a non-persistent tape) owns the
     node list and drops each node, and the cotangents of its outputs, as soon as it is used.
A consuming sweep that finds no target downstream of a source returns at once (every gradient is
None) and leaves the records untouched. With `evidence` (a list) the sweep notes what
`GradientTape.explain` needs afterwards: first the set of source ids it tracked, then a
`(node, input)` pair wherever a gradient stopped: `input` None for an op with no gradient at all
downstream of a source (`nondiff`, or no rule, on a path from a target), else the input its rule
returned None for. These are rare branches: the common path costs the same with or without it.
With `batch_ndim` > 0 the seeds carry extra leading axes (a batch of cotangents, for vectorized
Jacobians) and every rule on the path must accept them (`Primitive.batched_grad`); if one does
not, `NotBatchable` is raised before any work is done. No recursion: a 100,000-op chain needs no
stack.
"""
import numpy as np

from ..prims import base as P
from . import parallel
from .indexed_slices import IndexedSlices
from .op import NotBatchable, state
from .parallel import LARGE
from .tensor import Tensor, TensorLike, convert_to_tensor, wrap

_ONE_NEEDED = (True,)  # needs_input_grad of a one-input node (shared: rules only read it)
_np_add = np.add
_ndarray = np.ndarray


def sum_to(g, shape, batch_ndim=0):
    """Undoes broadcasting: `g` summed down to `shape` (after `batch_ndim` leading batch axes,
    which are kept). The one place where broadcast gradients are reduced."""
    gshape = g._value.shape
    lead = len(gshape) - batch_ndim - len(shape)
    axes = list(range(batch_ndim, batch_ndim + lead))
    for i, d in enumerate(shape):
        if d == 1 and gshape[batch_ndim + lead + i] != 1:
            axes.append(batch_ndim + lead + i)
    if axes:
        g = P.reduce_sum(g, tuple(axes), False)
    target = gshape[:batch_ndim] + tuple(shape)
    if g._value.shape != target:
        g = P.reshape(g, target)
    return g


def densify(g):
    """A cotangent as a dense Tensor (IndexedSlices are scattered into zeros)."""
    return P.indexed_slices_to_dense(g) if type(g) is IndexedSlices else g


def add_cotangents(a, b):
    """a + b for cotangents where either may be IndexedSlices (two of them are concatenated)."""
    if isinstance(a, IndexedSlices) and isinstance(b, IndexedSlices):
        return P.indexed_slices_concat(a, b)
    return P.add(densify(a), densify(b))


def backprop(nodes, tracked, targets, seeds, sources, batch_ndim=0, consume=False,
             evidence=None):
    """Cotangents of `sources` given `seeds` for `targets` (lists of equal length), over the
    recorded `nodes` (in execution order) and `tracked` (id -> object of every tracked tensor).
    The caller hands over the `nodes` list (it is emptied); with `consume` the `tracked` dict is
    emptied too, so the sweep frees each record as soon as it is used (unless no target depends
    on a source: then both are left as they are). Returns one cotangent or None per source."""
    source_ids = set()
    for s in sources:
        if s._value.dtype.kind in "fcV" and (id(s) in tracked or any(t is s for t in targets)):
            source_ids.add(id(s))
    if evidence is not None:
        evidence.append(source_ids)

    # 1. which nodes lie downstream of a source
    depends = source_ids.copy()
    live = []
    for node in nodes:
        if node.op.nondiff:  # its outputs are constants to autodiff (stop_gradient, comparisons)
            if evidence is not None and any(id(x) in depends for x in node.inputs):
                evidence.append((node, None))  # a gradient stops here, downstream of a source
            continue
        ins = node.inputs
        if len(ins) == 1:
            if id(ins[0]) not in depends:
                continue
            node.needs_input_grad = _ONE_NEEDED
        else:
            needs = [id(x) in depends for x in ins]
            if True not in needs:
                continue
            node.needs_input_grad = needs
        live.append(node)
        for o in node.outputs:
            if o._value.dtype.kind in "fcV":  # integer outputs carry no gradient
                depends.add(id(o))
    if consume:
        for t in targets:
            if id(t) in depends:
                break
        else:  # every gradient is None: no work, and nothing to consume
            return [None] * len(sources)
        tracked.clear()
    tracked = None
    nodes.clear()
    if batch_ndim:
        for node in live:
            if not node.op.batched_grad:
                raise NotBatchable(node.op.name)
        batch_shape = seeds[0]._value.shape[:batch_ndim]

    # 2. seed and sweep back
    add = P.add
    cotangents = {}
    for t, seed in zip(targets, seeds):
        if seed is None:
            continue
        k = id(t)
        if k not in depends:
            continue
        prev = cotangents.get(k)
        cotangents[k] = seed if prev is None else add(prev, seed)
    # While no recorder is active (a first-order sweep), the sum of two cotangents is a NumPy
    # add, and an array such a sum made is the sweep's own: later contributions go into it in
    # place. `owned` maps id(tensor) -> array for those sums still waiting in `cotangents`.
    recording = bool(state.recorders)
    owned = {}
    found = {}  # id(source) -> cotangent, for sources that are outputs of live nodes
    pop = cotangents.pop
    while live:
        node = live.pop()
        outs = node.outputs
        op = node.op
        if len(outs) == 1:
            k = id(outs[0])
            g = pop(k, None)
            if g is None:
                continue
            if owned:
                owned.pop(id(g), None)  # handed to a rule: no longer only the sweep's
            if k in source_ids:
                found[k] = g
            rule = op.grad
            if rule is None:
                if op.nondiff:
                    if evidence is not None:
                        evidence.append((node, None))
                    continue
                raise _no_gradient(node)
            if type(g) is IndexedSlices and not op.sparse_grad:
                g = densify(g)
            in_grads = rule(node, g)
        else:
            out_grads = [pop(id(o), None) for o in outs]
            if all(g is None for g in out_grads):
                continue
            if owned:
                for g in out_grads:
                    owned.pop(id(g), None)
            for o, g in zip(outs, out_grads):
                if g is not None and id(o) in source_ids:
                    found[id(o)] = g
            rule = op.grad
            if rule is None:
                if op.nondiff:
                    if evidence is not None:
                        evidence.append((node, None))
                    continue
                raise _no_gradient(node)
            in_grads = rule(node, *[densify(g) for g in out_grads])
        inputs = node.inputs
        if type(in_grads) is not tuple and type(in_grads) is not list:
            in_grads = (in_grads,)
        if len(in_grads) != len(inputs):
            raise ValueError(f"The gradient function of op {op.name} returned {len(in_grads)} "
                             f"gradients for {len(inputs)} inputs")
        for x, need, g in zip(inputs, node.needs_input_grad, in_grads):
            if g is None or not need:
                if need and evidence is not None:  # the rule gave no gradient for x
                    evidence.append((node, x))
                continue
            k = id(x)
            if type(g) is not Tensor:
                g = _as_gradient(g, x)
                if type(g) is IndexedSlices:  # kept sparse
                    prev = cotangents.get(k)
                    cotangents[k] = g if prev is None else add_cotangents(prev, g)
                    continue
            xshape = x._value.shape
            if g._value.shape != xshape:
                g = sum_to(g, xshape) if not batch_ndim else _fit_batched(g, batch_shape, xshape)
            prev = cotangents.get(k)
            if prev is None:
                cotangents[k] = g
            elif recording or type(prev) is not Tensor or type(g) is not Tensor:
                if type(prev) is IndexedSlices:
                    cotangents[k] = add_cotangents(prev, g)
                else:
                    cotangents[k] = add(prev, g)  # recorded: the sum is differentiated again
            else:
                pa, ga = prev._value, g._value
                if owned.get(id(prev)) is pa and ga.dtype == pa.dtype and ga.shape == pa.shape:
                    # the same sum, in the sweep's own array (on the intra-op pool when large)
                    if pa.size < LARGE or parallel.add(pa, ga, pa) is None:
                        _np_add(pa, ga, out=pa)
                    continue
                try:
                    total = None
                    if pa.size >= LARGE:
                        total = parallel.add(pa, ga)
                    if total is None:
                        total = pa + ga
                except TypeError:  # bfloat16 storage has no NumPy add: through the op
                    cotangents[k] = add(prev, g)
                    continue
                t = cotangents[k] = wrap(total)
                if type(total) is _ndarray and total.dtype == pa.dtype:
                    owned[id(t)] = total
    found.update(cotangents)
    return [found.get(id(s)) if id(s) in source_ids else None for s in sources]


def _fit_batched(g, batch_shape, shape):
    """A batched cotangent brought to batch_shape + shape: broadcasting undone after the batch
    axes, and a rule's batch-free result (a zero that ignored its cotangent) broadcast up."""
    nb = len(batch_shape)
    if g._value.ndim >= nb + len(shape):
        g = sum_to(g, shape, nb)
    if g._value.shape != batch_shape + shape:
        g = P.broadcast_to(g, batch_shape + shape)
    return g


def _no_gradient(node):
    return LookupError(f"No gradient defined for operation '{node.op.name}' (op type: {node.op.name})")


def _as_gradient(g, x):
    """What a gradient rule returned that is not a Tensor: IndexedSlices are kept; other tensors
    (symbolic, batched) pass; arrays and numbers are converted to x's dtype."""
    if isinstance(g, (IndexedSlices, Tensor)):
        return g
    from .dtypes import from_numpy
    if isinstance(g, TensorLike):
        return convert_to_tensor(g)
    return convert_to_tensor(g, dtype=from_numpy(x._value.dtype))
