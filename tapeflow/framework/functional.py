"""Functional transforms in the style of JAX and torch.func, built on GradientTape and
ForwardAccumulator: `grad`, `value_and_grad`, `vjp`, `jvp`, `jacrev`, `jacfwd`, `hessian`, `vmap`.

They compose with each other and with tapes, since each is an ordinary tapeflow computation:
`grad(grad(f))` differentiates the inner gradient with an outer tape, and
`vmap(grad(loss), in_axes=(None, 0))(params, batch)` gives per-example gradients.

    >>> from tapeflow.autodiff import grad
    >>> grad(lambda x: x ** 3)(tf.constant(2.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=12.0>
"""
import functools

import numpy as np

from . import nest
from .forward import ForwardAccumulator
from .tape import ENGINE_OPS, GradientTape, UnconnectedGradients
from .tensor import Tensor, convert_to_tensor, wrap

_ZERO = UnconnectedGradients.ZERO


def _as_tensors(x):
    return nest.map_structure(
        lambda v: v if isinstance(v, Tensor) or getattr(v, "_is_variable", False)
        else convert_to_tensor(v), x)


def _argnums(argnums, n):
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    for i in nums:
        if not -n <= i < n:
            raise ValueError(f"argnums {argnums} out of range for a function of {n} arguments")
    return tuple(i % n for i in nums), isinstance(argnums, int)


def _taped_call(f, args, kwargs, argnums, has_aux):
    """Runs f under a tape watching args[argnums]; returns (tape, value, aux, sources, single)."""
    nums, single = _argnums(argnums, len(args))
    args = list(args)
    for i in nums:
        args[i] = _as_tensors(args[i])
    sources = [args[i] for i in nums]
    with GradientTape() as tape:
        tape.watch(sources)
        out = f(*args, **kwargs)
    value, aux = (out if has_aux else (out, None))
    return tape, convert_to_tensor(value), aux, sources, single


def value_and_grad(f, argnums=0, has_aux=False):
    """A function returning `(f(*args), gradient)` (or `((value, aux), gradient)` with `has_aux`),
    the gradient taken with respect to `args[argnums]` (a tuple of gradients for a tuple of
    argnums). `f` must return a scalar; unconnected arguments get zeros.

    >>> value_and_grad(lambda x, y: x * y, argnums=(0, 1))(2.0, 3.0)
    """
    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        tape, value, aux, sources, single = _taped_call(f, args, kwargs, argnums, has_aux)
        if value._value.ndim != 0:
            raise TypeError(f"grad requires a scalar-output function; got output shape {value.shape}")
        grads = tape.gradient(value, sources, unconnected_gradients=_ZERO)
        g = grads[0] if single else tuple(grads)
        return ((value, aux) if has_aux else value), g
    return wrapped


def grad(f, argnums=0, has_aux=False):
    """The gradient of scalar function `f` with respect to `args[argnums]`, as a function.

    >>> grad(lambda x: tf.reduce_sum(x * x))(tf.constant([1.0, 2.0]))
    """
    vg = value_and_grad(f, argnums, has_aux)

    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        (value, g) = vg(*args, **kwargs)
        return (g, value[1]) if has_aux else g
    return wrapped


def vjp(f, *primals, has_aux=False):
    """`(f(*primals), vjp_fn)` where `vjp_fn(cotangent)` returns one cotangent per primal.

    >>> y, back = vjp(lambda x: x * x, tf.constant([1.0, 2.0]))
    >>> back(tf.constant([1.0, 1.0]))
    """
    primals = [_as_tensors(p) for p in primals]
    tape = GradientTape(persistent=True)
    with tape:
        tape.watch(primals)
        out = f(*primals)
    value, aux = (out if has_aux else (out, None))

    def vjp_fn(cotangent):
        flat_out = nest.flatten(value)
        flat_ct = nest.flatten(cotangent)
        grads = tape.gradient(flat_out, primals, output_gradients=flat_ct, unconnected_gradients=_ZERO)
        return tuple(grads)
    return (value, vjp_fn, aux) if has_aux else (value, vjp_fn)


def jvp(f, primals, tangents, has_aux=False):
    """`(f(*primals), J @ tangents)` by forward mode (primals and tangents are sequences).

    >>> jvp(tf.sin, (tf.constant(0.0),), (tf.constant(1.0),))
    """
    primals = [_as_tensors(p) for p in primals]
    tangents = [_as_tensors(t) for t in tangents]
    with ForwardAccumulator(primals, tangents) as acc:
        out = f(*primals)
    value, aux = (out if has_aux else (out, None))
    tangent_out = acc.jvp(value, unconnected_gradients=_ZERO)
    return (value, tangent_out, aux) if has_aux else (value, tangent_out)


def _stack_rows(rows, lead_shape, tail_shape, dtype):
    """rows (one tensor of `tail_shape` per element of `lead_shape`) -> lead_shape + tail_shape."""
    full = tuple(lead_shape) + tuple(tail_shape)
    if not rows:
        return wrap(np.zeros(full, dtype))
    return ENGINE_OPS["reshape"](ENGINE_OPS["stack"](rows), full)


def jacrev(f, argnums=0, has_aux=False):
    """The Jacobian of `f` by reverse mode: shape `output.shape + args[argnums].shape`.

    >>> jacrev(lambda x: x * x)(tf.constant([1.0, 2.0]))
    """
    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        tape, value, aux, sources, single = _taped_call(f, args, kwargs, argnums, has_aux)
        jac = tape.jacobian(value, sources, unconnected_gradients=_ZERO)
        j = jac[0] if single else tuple(jac)
        return (j, aux) if has_aux else j
    return wrapped


def jacfwd(f, argnums=0, has_aux=False):
    """The Jacobian of `f` by forward mode (one JVP per input element): shape
    `output.shape + args[argnums].shape`.

    >>> jacfwd(lambda x: x * x)(tf.constant([1.0, 2.0]))
    """
    @functools.wraps(f)
    def wrapped(*args, **kwargs):
        nums, single = _argnums(argnums, len(args))
        args = list(args)
        for i in nums:
            args[i] = _as_tensors(args[i])
        jacs = []
        aux = None
        value = None
        for i in nums:
            x = args[i]
            xv = x._value
            n = int(np.prod(xv.shape))
            cols = []
            for k in range(n):
                basis = np.zeros(n, xv.dtype)
                basis[k] = 1
                with ForwardAccumulator(x, wrap(basis.reshape(xv.shape))) as acc:
                    out = f(*args, **kwargs)
                value, aux = (out if has_aux else (out, None))
                value = convert_to_tensor(value)
                cols.append(acc.jvp(value, unconnected_gradients=_ZERO))
            if value is None:  # an empty input: evaluate once for the output's shape
                out = f(*args, **kwargs)
                value, aux = (out if has_aux else (out, None))
                value = convert_to_tensor(value)
            vshape = value._value.shape
            stacked = _stack_rows(cols, xv.shape, vshape, value._value.dtype)  # in + out
            nin, nout = len(xv.shape), len(vshape)
            perm = list(range(nin, nin + nout)) + list(range(nin))
            jacs.append(_transpose(stacked, perm))
        j = jacs[0] if single else tuple(jacs)
        return (j, aux) if has_aux else j
    return wrapped


def _transpose(x, perm):
    from ..ops.array_ops import transpose  # the engine's one use of a shape op outside hooks
    return transpose(x, perm) if perm != sorted(perm) else x


def hessian(f, argnums=0):
    """The Hessian of scalar `f`: the Jacobian of its gradient, by one vectorized reverse sweep
    over the gradient computation (reverse-over-reverse), shape `x.shape + x.shape`.

    >>> hessian(lambda x: tf.reduce_sum(x ** 3))(tf.constant([1.0, 2.0]))
    """
    return jacrev(grad(f, argnums), argnums)


def _normalize_axes(axes, n, what):
    if isinstance(axes, (int, type(None))):
        return [axes] * n
    axes = list(axes)
    if len(axes) != n:
        raise ValueError(f"vmap {what} has {len(axes)} entries for {n} arguments")
    return axes


def vmap(f, in_axes=0, out_axes=0):
    """Maps `f` over a batch axis of its arguments (`in_axes`: an int, or one int/None per
    argument; None means the argument is shared), stacking results along `out_axes`.

    Vectorized: f runs once on the first example while every op it performs is re-run on the
    whole batch (see `tapeflow.framework.batching`), so `vmap(grad(loss), in_axes=(None, 0))`
    computes per-example gradients in a few batched ops. As a check, f also runs plainly on the
    last example; if that disagrees with the batched result (f read a value outside tapeflow's
    ops, e.g. with `.numpy()`, or draws random numbers), vmap runs f once per example instead.
    Composes with tapes and the other transforms.

    >>> vmap(lambda x: tf.reduce_sum(x * x))(tf.ones((3, 2)))
    """
    @functools.wraps(f)
    def wrapped(*args):
        axes = _normalize_axes(in_axes, len(args), "in_axes")
        args = [_as_tensors(a) if ax is not None else a for a, ax in zip(args, axes)]
        size = None
        for a, ax in zip(args, axes):
            if ax is None:
                continue
            for leaf in nest.flatten(a):
                n = leaf._value.shape[ax]
                if size is not None and n != size:
                    raise ValueError(f"vmap got inconsistent sizes for the mapped axis: {size} and "
                                     f"{n}")
                size = n
        if size is None:
            raise ValueError("vmap needs at least one argument with a mapped axis (in_axes not "
                             "None)")
        if size == 0:
            raise ValueError("vmap over an empty batch axis is not supported")
        result = _vmap_vectorized(f, args, axes, size, out_axes)
        if result is None:
            result = _vmap_loop(f, args, axes, size, out_axes)
        return result
    return wrapped


def _leading(leaf, ax):
    """`leaf` with its mapped axis first (a recorded transpose when it is not)."""
    if ax % max(leaf._value.ndim, 1) == 0:
        return leaf
    perm = list(range(leaf._value.ndim))
    perm.insert(0, perm.pop(ax % leaf._value.ndim))
    return _transpose(leaf, perm)


def _example(args, axes, i):
    """The arguments of example i (tapeflow slicing ops, so they stay differentiable)."""
    out = []
    for a, ax in zip(args, axes):
        if ax is None:
            out.append(a)
            continue
        out.append(nest.pack_sequence_as(a, [_leading(leaf, ax)[i] for leaf in nest.flatten(a)]))
    return out


def _stack_outputs(results, size, out_axes):
    from ..ops.array_ops import stack
    flat = [nest.flatten(r) for r in results]
    n_out = len(flat[0])
    oaxes = [out_axes] * n_out if isinstance(out_axes, int) else _normalize_axes(
        out_axes, n_out, "out_axes")
    stacked = [stack([convert_to_tensor(fl[k]) for fl in flat], axis=oaxes[k])
               for k in range(n_out)]
    return nest.pack_sequence_as(results[0], stacked)


def _vmap_loop(f, args, axes, size, out_axes):
    return _stack_outputs([f(*_example(args, axes, i)) for i in range(size)], size, out_axes)


def _vmap_vectorized(f, args, axes, size, out_axes):
    """The batched run of f (see `vmap`), or None when the last-example check fails."""
    from .batching import Batcher, first_mismatch
    from .op import remove_recorder, state
    batcher = Batcher(size)
    proxied = []
    for a, ax in zip(args, axes):
        if ax is None:
            proxied.append(a)
            continue
        proxies = []
        for leaf in nest.flatten(a):
            full = _leading(leaf, ax)
            proxy = wrap(full._value[0])
            batcher.batched[id(proxy)] = (proxy, full)
            proxies.append(proxy)
        proxied.append(nest.pack_sequence_as(a, proxies))
    state.recorders.append(batcher)
    try:
        out = f(*proxied)
    finally:
        remove_recorder(batcher)
    flat = [convert_to_tensor(o) for o in nest.flatten(out)]
    batched = []
    for o in flat:
        entry = batcher.batched.get(id(o))
        batched.append(entry[1] if entry is not None else
                       ENGINE_OPS["broadcast_to"](o, (size,) + o._value.shape))
    del batcher, proxied
    # the check: f on the last example, run plainly, must agree with the batched result
    saved = list(state.recorders)
    state.recorders[:] = []
    try:
        last = [convert_to_tensor(o) for o in nest.flatten(f(*_example(args, axes, size - 1)))]
    finally:
        state.recorders[:] = saved
    if len(last) != len(batched) or any(first_mismatch(b._value[size - 1], o._value)
                                         for b, o in zip(batched, last)):
        return None
    oaxes = [out_axes] * len(batched) if isinstance(out_axes, int) else _normalize_axes(
        out_axes, len(batched), "out_axes")
    moved = []
    for b, ax in zip(batched, oaxes):
        nd = b._value.ndim
        ax = ax % nd
        perm = list(range(1, nd))
        perm.insert(ax, 0)
        moved.append(_transpose(b, perm))
    return nest.pack_sequence_as(out, moved)
