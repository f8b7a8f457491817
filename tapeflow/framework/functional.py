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
import logging

import numpy as np

from ..prims import base as P
from . import nest
from .batching import BatchedTensor, Batcher
from .errors import SymbolicValueError
from .forward import ForwardAccumulator
from .tape import GradientTape, UnconnectedGradients
from .tensor import Tensor, TensorLike, convert_to_tensor, wrap

_log = logging.getLogger("tapeflow")

_ZERO = UnconnectedGradients.ZERO


def _as_tensors(x):
    return nest.map_structure(lambda v: v if isinstance(v, TensorLike) else convert_to_tensor(v), x)


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
    (<tf.Tensor: shape=(), dtype=float32, numpy=6.0>, (<tf.Tensor: shape=(), dtype=float32, numpy=3.0>, <tf.Tensor: shape=(), dtype=float32, numpy=2.0>))
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
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
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
    (<tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>,)
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
    (<tf.Tensor: shape=(), dtype=float32, numpy=0.0>, <tf.Tensor: shape=(), dtype=float32, numpy=1.0>)
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
    return P.reshape(P.stack(rows, 0), full)


def jacrev(f, argnums=0, has_aux=False):
    """The Jacobian of `f` by reverse mode: shape `output.shape + args[argnums].shape`.

    >>> jacrev(lambda x: x * x)(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[2., 0.],
           [0., 4.]], dtype=float32)>
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
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[2., 0.],
           [0., 4.]], dtype=float32)>
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
    return P.transpose(x, tuple(perm))


def hessian(f, argnums=0):
    """The Hessian of scalar `f`: the Jacobian of its gradient, by one vectorized reverse sweep
    over the gradient computation (reverse-over-reverse), shape `x.shape + x.shape`.

    >>> hessian(lambda x: tf.reduce_sum(x ** 3))(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[ 6.,  0.],
           [ 0., 12.]], dtype=float32)>
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

    Vectorized: f runs once, on tensors that carry the whole batch, and each op it performs runs
    once on the batch through its batch rule (see `tapeflow.framework.batching`), so
    `vmap(grad(loss), in_axes=(None, 0))` computes per-example gradients in a few batched ops.
    If f reads a value (`.numpy()`, `float(x)`, Python control flow on a tensor), vmap warns and
    runs f once per example instead. Composes with tapes and the other transforms.

    >>> vmap(lambda x: tf.reduce_sum(x * x))(tf.ones((3, 2)))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([2., 2., 2.], dtype=float32)>
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


def _example(args, axes, i):
    """The arguments of example i (tapeflow slicing ops, so they stay differentiable)."""
    out = []
    for a, ax in zip(args, axes):
        if ax is None:
            out.append(a)
            continue
        out.append(nest.pack_sequence_as(a, [P.index_axis(leaf, ax % leaf._value.ndim, i)
                                             for leaf in nest.flatten(a)]))
    return out


def _stack_outputs(results, size, out_axes):
    flat = [nest.flatten(r) for r in results]
    n_out = len(flat[0])
    oaxes = [out_axes] * n_out if isinstance(out_axes, int) else _normalize_axes(
        out_axes, n_out, "out_axes")
    stacked = []
    for k in range(n_out):
        column = [convert_to_tensor(fl[k]) for fl in flat]
        stacked.append(P.stack(column, oaxes[k] % (column[0]._value.ndim + 1)))
    return nest.pack_sequence_as(results[0], stacked)


def _vmap_loop(f, args, axes, size, out_axes):
    return _stack_outputs([f(*_example(args, axes, i)) for i in range(size)], size, out_axes)


def _vmap_vectorized(f, args, axes, size, out_axes):
    """The batched run of f (see `vmap`), or None when f needs concrete values."""
    batcher = Batcher(size)
    proxied = []
    for a, ax in zip(args, axes):
        if ax is None:
            proxied.append(a)
            continue
        leaves = []
        for leaf in nest.flatten(a):
            leaf = leaf._read() if not isinstance(leaf, Tensor) else leaf
            leaves.append(BatchedTensor(leaf, ax % max(leaf._value.ndim, 1), batcher))
        proxied.append(nest.pack_sequence_as(a, leaves))
    batcher.push()
    try:
        out = f(*proxied)
    except SymbolicValueError:
        _log.warning("vmap: the function reads tensor values (e.g. with .numpy() or Python control "
                     "flow), so it runs once per example")
        return None
    finally:
        batcher.pop()
    oaxes_in = out_axes
    flat = [convert_to_tensor(o) for o in nest.flatten(out)]
    oaxes = [oaxes_in] * len(flat) if isinstance(oaxes_in, int) else _normalize_axes(
        oaxes_in, len(flat), "out_axes")
    moved = []
    for o, ax in zip(flat, oaxes):
        if type(o) is BatchedTensor and o._batcher is batcher:
            b, d = o._batched, o._bdim
        else:
            b, d = P.broadcast_to(o, (size,) + tuple(o._value.shape)), 0
        nd = b._value.ndim
        ax = ax % nd
        if d != ax:
            perm = [i for i in range(nd) if i != d]
            perm.insert(ax, d)
            b = P.transpose(b, tuple(perm))
        moved.append(b)
    return nest.pack_sequence_as(out, moved)
