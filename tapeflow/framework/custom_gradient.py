"""User-defined gradients: `tf.custom_gradient`, `tf.recompute_grad`, `tf.grad_pass_through`,
`tf.RegisterGradient` and `tf.no_gradient`.

A custom-gradient call runs its function with the tapes stepped off the recorder stack (a private
tape sees which variables it reads), then records one node on each tape whose gradient rule is the
user's `grad_fn`. Forward accumulators stay on the stack, so forward mode differentiates the
function's own ops, as TF does.

    >>> @tf.custom_gradient
    ... def clip_grad(x):
    ...     def grad(dy):
    ...         return tf.clip_by_value(dy, -1.0, 1.0)
    ...     return tf.identity(x), grad
"""
import functools
import inspect

from . import nest
from .batching import elementwise, register
from .op import REGISTRY, Op, state
from .tape import GradientTape
from .tensor import Tensor, convert_to_tensor, wrap


_PASS_TANGENT = Op("CustomGradientOutput", lambda v: v, jvp=lambda op, dx: dx)
register(elementwise, _PASS_TANGENT)


def _is_tape(rec):
    return isinstance(rec, GradientTape)


class _TapesPaused:
    """Steps every GradientTape off this thread's recorder stack; a fresh private tape watching
    accessed variables takes their place (to find the variables the function reads)."""

    def __enter__(self):
        self.saved = list(state.recorders)
        self.probe = GradientTape(watch_accessed_variables=True)
        state.recorders[:] = [r for r in self.saved if not _is_tape(r)]
        self.probe.__enter__()
        return self.probe

    def __exit__(self, *exc):
        self.probe.__exit__(*exc)
        state.recorders[:] = self.saved


def _accepts_variables(fn):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "variables" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _record_custom(name, inputs, variables, outputs, grad_fn):
    """Records one node with `grad_fn` as its rule on every active tape."""
    n_in = len(inputs)

    def rule(node, *dys):
        dys = [dy if dy is not None else wrap(0 * o._value) for dy, o in zip(dys, node.outputs)]
        if variables:
            result = grad_fn(*dys, variables=list(variables))
            if not (isinstance(result, (tuple, list)) and len(result) == 2):
                raise TypeError("If using @custom_gradient with a function that uses variables, "
                                "then grad_fn must return a pair (grads_for_inputs, "
                                "grads_for_variables).")
            in_grads, var_grads = result
            in_grads = list(nest.flatten(in_grads)) if isinstance(in_grads, (list, tuple)) \
                else [in_grads]
            var_grads = list(var_grads)
            if len(var_grads) != len(variables):
                raise ValueError(f"custom_gradient function expected to return {len(variables)} "
                                 f"gradients for variables, but returned {len(var_grads)} instead.")
        else:
            in_grads = grad_fn(*dys)
            in_grads = list(in_grads) if isinstance(in_grads, (list, tuple)) else [in_grads]
            var_grads = []
        if len(in_grads) != n_in:
            raise ValueError(f"custom_gradient function expected to return {n_in} gradients, but "
                             f"returned {len(in_grads)} instead.")
        return tuple(in_grads) + tuple(var_grads)

    op = Op(name, None, rule, num_outputs=len(outputs))
    all_inputs = tuple(inputs) + tuple(variables)
    for rec in state.recorders:
        if _is_tape(rec):
            rec._record(op, all_inputs, tuple(outputs), {})


def custom_gradient(f=None):
    """Decorator: `f(*x)` returns `(y, grad_fn)`; gradients of y use `grad_fn(*dy)` (which, when f
    reads variables, must accept `variables=` and return `(grads_for_x, grads_for_variables)`).

    >>> @tf.custom_gradient
    ... def log1pexp(x):
    ...     e = tf.exp(x)
    ...     return tf.math.log(1 + e), lambda dy: dy * (1 - 1 / (1 + e))
    """
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        tensor_args = [a for a in nest.flatten(list(args))
                       if isinstance(a, Tensor) or getattr(a, "_is_variable", False)]
        with _TapesPaused() as probe:
            result, grad_fn = f(*args, **kwargs)
        variables = [v for v in probe.watched_variables() if all(v is not a for a in tensor_args)]
        for rec in state.recorders:  # outer tapes would have watched what the function read
            for v in variables:
                rec._variable_accessed(v)
        if variables and not _accepts_variables(grad_fn):
            raise TypeError(f"@tf.custom_gradient grad_fn must accept keyword argument 'variables',"
                            f" since function uses variables: {variables}")
        flat = nest.flatten(result)
        # fresh tensor objects: the node's outputs must not alias its inputs
        flat = [convert_to_tensor(o) for o in flat]
        outputs = [wrap(o._value) for o in flat]
        for rec in state.recorders:  # forward accumulators: the outputs keep the inner tangents
            if not _is_tape(rec):
                for o, new in zip(flat, outputs):
                    rec._record(_PASS_TANGENT, (o,), (new,), {})
        inputs = [a._read() if getattr(a, "_is_variable", False) else a for a in tensor_args]
        if any(_is_tape(r) for r in state.recorders):
            _record_custom("CustomGradient-" + getattr(f, "__name__", "f"), inputs, variables,
                           outputs, grad_fn)
        return nest.pack_sequence_as(result, outputs)
    return decorated


def recompute_grad(f):
    """Wraps `f` so its intermediates are not kept for the backward pass; the gradient recomputes
    the forward pass under a fresh tape.

    >>> g = tf.recompute_grad(lambda x: tf.sin(x) * x)
    """
    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        @custom_gradient
        def inner(*xs):
            result = f(*xs, **kwargs)

            def grad(*dys, variables=None):
                with GradientTape() as tape:
                    tape.watch(list(xs))
                    if variables:
                        tape.watch(list(variables))
                    y = f(*xs, **kwargs)
                sources = list(xs) + list(variables or [])
                grads = tape.gradient(nest.flatten(y), sources, output_gradients=list(dys))
                if variables:
                    return grads[:len(xs)], grads[len(xs):]
                return grads[:len(xs)]
            return result, grad
        return inner(*args)
    return wrapped


def grad_pass_through(f):
    """Wraps `f` so that the gradient of its output flows to its input unchanged (identity),
    whatever `f` computes (e.g. rounding, or an assignment).

    >>> tf.grad_pass_through(tf.round)
    """
    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        @custom_gradient
        def inner(*xs):
            y = f(*xs, **kwargs)
            if getattr(y, "_is_variable", False):
                y = y._read()

            def grad(*dys, variables=None):
                out = list(dys) + [None] * (len(xs) - len(dys))
                return (out, [None] * len(variables)) if variables else out
            return y, grad
        return inner(*args)
    return wrapped


class RegisterGradient:
    """Decorator registering `fn(op, *grads)` as the gradient of op type `op_type` (TF's
    contract: one gradient per input, None for none). An op type has one gradient: registering
    a second raises KeyError, as TF does."""

    def __init__(self, op_type):
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, fn):
        _register(self._op_type, fn)
        return fn


_custom_registry = {}  # op type -> gradient fn, for types not (yet) defined as ops


def _register(op_type, fn):
    op = REGISTRY.get(op_type)
    if op_type in _custom_registry or (op is not None and op.grad is not None):
        raise KeyError(f"Registering two gradient with name '{op_type}'! (Previous registration "
                       f"was in {__name__})")
    _custom_registry[op_type] = fn
    if op is not None:
        op.grad = fn


def no_gradient(op_type):
    """Declares that ops of type `op_type` have no gradient (their inputs get None)."""
    _register(op_type, lambda op, *grads: (None,) * len(op.inputs))


NoGradient = no_gradient
NotDifferentiable = no_gradient
