"""Forward mode from reverse mode: a JVP rule derived from an op's (linear-in-cotangent) gradient.

For an op y = f(x) whose gradient rule computes u -> J^H u with tapeflow ops, the JVP J dx is the
gradient of <J^H u, conj(dx)> with respect to u (the "double VJP" trick). Both steps are tapeflow ops,
so the result is itself differentiable. Used for ops whose direct JVP formula is long (matrix
decompositions, segment reductions); `u` is ones, never zeros, so rules that branch on the
cotangent's sign or on `g == 0` still see their generic, linear branch.
"""
import numpy as np

from ..framework.op import REGISTRY, apply1, apply2
from ..framework.tape import GradientTape
from ..framework.tensor import wrap
from . import base as P


def jvp_from_grad(op, *tangents):
    """The JVP of `op` (a recorded node) along `tangents`, computed from its gradient rule."""
    outs = op.outputs
    us = [wrap(np.ones(o._value.shape, o._value.dtype)[()]) for o in outs]
    float_out = [o._value.dtype.kind in "fc" for o in outs]
    with GradientTape() as tape:
        for u, ok in zip(us, float_out):
            if ok:
                tape.watch(u)
        grads = op.op.grad(op, *[u if ok else None for u, ok in zip(us, float_out)])
        if type(grads) not in (tuple, list):
            grads = (grads,)
        total = None
        for g, dx in zip(grads, tangents):
            if g is None or dx is None:
                continue
            # complex: the rule gives J^H u and the tape conjugates again, so <J^H u, conj(dx)>
            # (Mul and Conj from the registry: prims.math, which defines them, uses this module)
            if dx._value.dtype.kind == "c":
                dx = apply1(REGISTRY["Conj"], dx)
            term = _sum_all(apply2(REGISTRY["Mul"], g, dx))
            total = term if total is None else P.add(total, term)
    if total is None:
        return None if not op.op.multi else tuple(None for _ in outs)
    res = tape.gradient(total, [u for u, ok in zip(us, float_out)])
    res = [r if ok else None for r, ok in zip(res, float_out)]
    return res[0] if not op.op.multi else tuple(res)


def _sum_all(x):
    return P.reduce_sum(x, tuple(range(x._value.ndim)))
