"""User-defined gradients: `tf.custom_gradient`, `tf.recompute_grad`, `tf.grad_pass_through`,
`tf.RegisterGradient` and `tf.no_gradient`.

A custom-gradient call runs its function with the tapes paused (a private tape sees which
variables it reads), then records one node on each tape whose gradient rule is the user's
`grad_fn`. Forward accumulators stay on the stack, so forward mode differentiates the
function's own ops, as TF does.

    >>> @tf.custom_gradient
    ... def clip_grad(x):
    ...     def grad(dy):
    ...         return tf.clip_by_value(dy, -1.0, 1.0)
    ...     return tf.identity(x), grad
"""
import functools
import inspect

from ..prims import base as P
from . import nest
from .op import ANY, REGISTRY, Primitive, _refresh, apply1, defop, state
from .tape import GradientTape
from .tensor import Tensor, TensorLike, convert_to_tensor

# The custom function's outputs pass the inner tangents on to forward accumulators.
_PASS_TANGENT = defop("CustomGradientOutput", lambda v: v, grad=lambda op, g: g, linear=True,
                      allowed=ANY, shape=lambda a: a, batch=P.unary, batched_grad=True)


def _is_tape(rec):
    return isinstance(rec, GradientTape)


class _TapesPaused:
    """Pauses every active GradientTape on this thread; a fresh private tape watching accessed
    variables sees what runs instead (to find the variables the function reads)."""

    def __enter__(self):
        self.paused = [r for r in state.stack if _is_tape(r) and not r._paused]
        for r in self.paused:
            r._paused = True
        _refresh()
        self.probe = GradientTape(watch_accessed_variables=True)
        self.probe.__enter__()
        return self.probe

    def __exit__(self, *exc):
        self.probe.__exit__(*exc)
        for r in self.paused:
            r._paused = False
        _refresh()


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
        dys = [dy if dy is not None else P.zeros_like(o) for dy, o in zip(dys, node.outputs)]
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

    op = Primitive(name, None, rule, num_outputs=len(outputs))
    all_inputs = tuple(inputs) + tuple(variables)
    for rec in state.recorders:
        if _is_tape(rec):
            rec.record(op, all_inputs, tuple(outputs), {})


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
        tensor_args = [a for a in nest.flatten(list(args)) if isinstance(a, TensorLike)]
        with _TapesPaused() as probe:
            result, grad_fn = f(*args, **kwargs)
        variables = [v for v in probe.watched_variables() if all(v is not a for a in tensor_args)]
        for rec in state.recorders:  # outer tapes would have watched what the function read
            for v in variables:
                rec.variable_accessed(v)
        if variables and not _accepts_variables(grad_fn):
            raise TypeError(f"@tf.custom_gradient grad_fn must accept keyword argument 'variables',"
                            f" since function uses variables: {variables}")
        flat = nest.flatten(result)
        # fresh tensor objects: the node's outputs must not alias its inputs
        flat = [convert_to_tensor(o) for o in flat]
        if any(not _is_tape(r) for r in state.recorders):
            # forward accumulators (and interpreters): the outputs keep the inner tangents
            with _TapesPaused():
                outputs = [apply1(_PASS_TANGENT, o) for o in flat]
        else:
            outputs = [_fresh(o) if type(o) is Tensor else apply1(_PASS_TANGENT, o)
                       for o in flat]
        inputs = [a if isinstance(a, Tensor) else a._read() for a in tensor_args]
        if any(_is_tape(r) for r in state.recorders):
            _record_custom("CustomGradient-" + getattr(f, "__name__", "f"), inputs, variables,
                           outputs, grad_fn)
        return nest.pack_sequence_as(result, outputs)
    return decorated


def _fresh(t):
    """A new eager tensor over t's value: the node's outputs must not alias its inputs."""
    new = Tensor.__new__(Tensor)
    new._value = t._value
    return new


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

    >>> tf.grad_pass_through(tf.round)(tf.constant(2.6))
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    """
    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        @custom_gradient
        def inner(*xs):
            y = f(*xs, **kwargs)
            if isinstance(y, TensorLike) and not isinstance(y, Tensor):
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
