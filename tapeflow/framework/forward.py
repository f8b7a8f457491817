"""Forward-mode autodiff: `tf.autodiff.ForwardAccumulator`.

An accumulator is a recorder (see `op.py`): while it is on the thread's recorder stack it sees each
op as it runs and, when an input carries a tangent, computes the output tangent with the op's JVP
rule. JVP rules are written with tapeflow ops, so a GradientTape outside the accumulator records
them (reverse-over-forward), and an accumulator outside a tape sees the tape's backward ops
(forward-over-reverse: Hessian-vector products). While an accumulator evaluates a JVP rule it is
paused, so it never sees its own tangent computations; the other recorders do.

    >>> x = tf.constant([1.0, 2.0])
    >>> with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 0.0])) as acc:
    ...     y = x * x
    >>> acc.jvp(y)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 0.], dtype=float32)>
"""
import numpy as np

from ..prims import base as P
from . import nest
from .indexed_slices import IndexedSlices
from .op import Node, Recorder
from .tape import UnconnectedGradients, _unconnected_value
from .tensor import Tensor, TensorLike, convert_to_tensor, wrap


class ForwardAccumulator(Recorder):
    """Computes Jacobian-vector products of everything computed from `primals` inside the context,
    in the direction `tangents` (a nest of the same structure)."""

    def __init__(self, primals, tangents):
        self._tangents = {}  # id(tensor or variable) -> (object, tangent); holds the ids unique
        self._recording = False
        flat_p = nest.flatten(primals)
        flat_t = nest.flatten(tangents)
        if len(flat_p) != len(flat_t):
            raise ValueError(f"primals and tangents must have the same structure; got "
                             f"{len(flat_p)} primals and {len(flat_t)} tangents")
        for p, t in zip(flat_p, flat_t):
            self._watch(p, t)

    def _watch(self, primal, tangent):
        if not isinstance(primal, TensorLike):
            raise ValueError(f"Passed in object {primal} of type '{type(primal).__name__}', not "
                             f"tf.Tensor or tf.Variable or ExtensionType.")
        pv = primal._value
        if pv.dtype.kind not in "fcV":
            raise ValueError(f"Tried to watch a primal of dtype {primal.dtype.name}; only floating "
                             f"point primals have tangents.")
        t = convert_to_tensor(tangent, dtype=primal.dtype)
        prev = self._tangents.get(id(primal))
        if prev is not None:
            t = wrap(prev[1]._value + t._value)
        self._tangents[id(primal)] = (primal, t)

    def __enter__(self):
        if self._recording:
            raise ValueError("Accumulator is already recording.")
        self.push()
        self._recording = True
        return self

    def __exit__(self, typ, value, traceback):
        if self._recording:
            self.pop()
            self._recording = False

    def record(self, op, inputs, outputs, attrs):
        tangents = self._tangents
        tin = None
        for i, x in enumerate(inputs):
            entry = tangents.get(id(x))
            if entry is not None:
                if tin is None:
                    tin = [None] * len(inputs)
                tin[i] = entry[1]
        if tin is None:
            return
        if not any(o._value.dtype.kind in "fcV" for o in outputs):
            return
        if op.jvp is None:
            if op.nondiff:
                return
            raise LookupError(f"No JVP rule is defined for op '{op.name}'")
        with self.paused():  # our own tangent ops are for the other recorders only
            for o, t in zip(outputs, self._output_tangents(op, inputs, outputs, attrs, tin)):
                if t is not None:
                    tangents[id(o)] = (o, t)

    @staticmethod
    def _output_tangents(op, inputs, outputs, attrs, tin):
        """The op's JVP rule applied, checked and shaped: one tangent (or None) per output."""
        tout = op.jvp(Node(op, inputs, outputs, attrs), *tin)
        if not op.multi:
            if isinstance(tout, (tuple, list)):
                raise ValueError(f"The JVP rule of op {op.name} returned a sequence for its one "
                                 f"output")
            tout = (tout,)
        elif len(tout) != len(outputs):
            raise ValueError(f"The JVP rule of op {op.name} returned {len(tout)} tangents for "
                             f"{len(outputs)} outputs")
        result = []
        for o, t in zip(outputs, tout):
            if t is not None and o._value.dtype.kind in "fcV":
                if type(t) is not Tensor:
                    t = convert_to_tensor(t, dtype=o.dtype)
                if t._value.shape != o._value.shape:
                    try:  # a rule may return a tangent that broadcasts to its output
                        t = P.broadcast_to(t, o._value.shape)
                    except Exception:
                        raise ValueError(f"The JVP rule of op {op.name} returned a tangent of "
                                         f"shape {t.shape} for an output of shape {o.shape}"
                                         ) from None
            else:
                t = None
            result.append(t)
        return result

    def jvp(self, primals, unconnected_gradients=UnconnectedGradients.NONE):
        """The tangents of `primals` (a nest of tensors computed inside the context)."""
        unconnected = _unconnected_value(unconnected_gradients)

        def one(p):
            entry = self._tangents.get(id(p))
            if entry is None and isinstance(p, IndexedSlices):  # (as TF fails: no tangents for them)
                raise AttributeError("'IndexedSlices' object has no attribute '_id'")
            if entry is not None and entry[0] is p:
                return entry[1]
            if unconnected is UnconnectedGradients.ZERO:
                return wrap(np.zeros(p._value.shape, p._value.dtype)[()])
            return None
        return nest.map_structure(one, primals)
