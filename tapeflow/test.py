"""`tf.test`: gradient checking against finite differences.

    >>> import tapeflow as tf
    >>> theoretical, numerical = tf.test.compute_gradient(tf.sin, [tf.constant([0.5], tf.float64)])
    >>> tf.test.check_gradients(lambda x: tf.sin(x) * x, [np.array([0.3, 1.2])], order=2)
"""
import numpy as np

from .framework.nest import flatten
from .framework.tape import GradientTape
from .framework.tensor import Tensor, convert_to_tensor, wrap


def _outputs(f, xs):
    y = f(*xs)
    return [convert_to_tensor(v) for v in flatten(y)]


def _theoretical(f, xs):
    """Jacobians d(all outputs)/d(x_j), one (y_size, x_j_size) array per x_j, by backprop."""
    with GradientTape(persistent=True) as tape:
        tape.watch(xs)
        ys = _outputs(f, xs)
    y_sizes = [int(np.prod(y._value.shape)) for y in ys]
    y_total = sum(y_sizes)
    jacs = [np.zeros((y_total, int(np.prod(x._value.shape))), x._value.dtype) for x in xs]
    row = 0
    for yi, y in enumerate(ys):
        for k in range(y_sizes[yi]):
            seed = np.zeros(y._value.shape, y._value.dtype)
            seed.reshape(-1)[k] = 1
            grads = tape.gradient(y, xs, output_gradients=wrap(seed))
            for j, g in enumerate(grads):
                if g is not None:
                    jacs[j][row] = np.real(np.asarray(convert_to_tensor(g)._value)).reshape(-1)
            row += 1
    return jacs


def _numerical(f, xs, delta):
    """The same Jacobians by central differences."""
    base = [np.array(x._value, copy=True) for x in xs]
    y_total = sum(int(np.prod(y._value.shape)) for y in _outputs(f, xs))
    jacs = []
    for j, xj in enumerate(base):
        jac = np.zeros((y_total, xj.size), xj.dtype)
        for k in range(xj.size):
            cols = []
            for sign in (1, -1):
                shifted = xj.copy()
                shifted.reshape(-1)[k] += sign * delta
                args = [wrap(b) if i != j else wrap(shifted) for i, b in enumerate(base)]
                cols.append(np.concatenate([np.asarray(y._value, dtype=xj.dtype).reshape(-1)
                                            for y in _outputs(f, args)]))
            jac[:, k] = (cols[0] - cols[1]) / (2 * delta)
        jacs.append(jac)
    return jacs


def compute_gradient(f, x, delta=None):
    """TF's `tf.test.compute_gradient`: the (theoretical, numerical) Jacobians of `f` at `x`, each a
    tuple with one 2-D array of shape (y_size, x_size) per element of the list `x`."""
    if not isinstance(x, (list, tuple)):
        raise ValueError(f"`x` must be a list or tuple of Tensors, got {type(x)}")
    xs = [convert_to_tensor(v) for v in x]
    delta = 1.0 / 1024 if delta is None else delta
    return tuple(_theoretical(f, xs)), tuple(_numerical(f, xs, delta))


def max_error(grad1, grad2):
    """The largest absolute difference between two lists of Jacobians."""
    return max((float(np.max(np.abs(a - b))) if np.size(a) else 0.0) for a, b in zip(grad1, grad2))


def _grad_fn(f, n_args, seed):
    """x -> the cotangent-weighted gradient of f at x (a fixed random cotangent), for checking the
    next order: its Jacobian is a Hessian-vector product of f."""
    rng = np.random.default_rng(seed)
    cache = {}

    def g(*xs):
        with GradientTape() as tape:
            tape.watch(xs)
            ys = _outputs(f, xs)
        if "v" not in cache:
            cache["v"] = [wrap(rng.standard_normal(y._value.shape).astype(y._value.dtype)) for y in ys]
        grads = tape.gradient(ys, list(xs), output_gradients=cache["v"])
        return [gr if gr is not None else wrap(np.zeros(x._value.shape, x._value.dtype))
                for gr, x in zip(grads, xs)]
    return g


def _forward_jacobian_product(f, xs, tangents):
    """J @ tangents of f at xs by forward mode, flattened and concatenated over f's outputs."""
    from .framework.forward import ForwardAccumulator
    with ForwardAccumulator(list(xs), list(tangents)) as acc:
        ys = _outputs(f, xs)
    parts = []
    for y in ys:
        t = acc.jvp(y)
        v = np.zeros(y._value.shape, y._value.dtype) if t is None else np.asarray(t._value)
        parts.append(np.real(v).reshape(-1))
    return np.concatenate(parts) if parts else np.zeros(0)


def check_gradients(f, args, order=2, modes=("rev", "fwd"), atol=1e-6, rtol=1e-5, delta=1e-6):
    """Asserts that `f`'s derivatives up to `order` match central finite differences, in float64:
    "rev" checks reverse mode (the Jacobian by backprop), "fwd" forward mode (Jacobian-vector
    products along random directions, via ForwardAccumulator). Order k checks the derivatives of
    a cotangent-weighted gradient of order k-1, so order 2 checks forward-over-reverse too.
    Raises AssertionError naming the mode, the order and the argument."""
    xs = [wrap(np.asarray(getattr(a, "_value", a), dtype=np.float64)) if not (
        isinstance(a, Tensor) and a._value.dtype.kind == "c") else a for a in args]
    rng = np.random.default_rng(0)
    fn = f
    for k in range(1, order + 1):
        theo, num = compute_gradient(fn, xs, delta=delta)
        if "rev" in modes:
            for j, (a, b) in enumerate(zip(theo, num)):
                if not np.allclose(a, b, atol=atol, rtol=rtol, equal_nan=True):
                    raise AssertionError(
                        f"order {k} reverse-mode gradient of argument {j} differs from finite "
                        f"differences (max abs error {np.max(np.abs(a - b)):.3g}):\n"
                        f"backprop:\n{a}\nnumerical:\n{b}")
        if "fwd" in modes:
            tangents = [wrap(rng.standard_normal(x._value.shape).astype(x._value.dtype)[()])
                        for x in xs]
            got = _forward_jacobian_product(fn, xs, tangents)
            want = sum(n @ np.asarray(t._value).reshape(-1) for n, t in zip(num, tangents))
            if not np.allclose(got, want, atol=atol * 10, rtol=rtol * 10, equal_nan=True):
                raise AssertionError(
                    f"order {k} forward-mode JVP differs from finite differences (max abs error "
                    f"{np.max(np.abs(got - want)):.3g}):\nforward:\n{got}\nnumerical:\n{want}")
        if k < order:
            fn = _grad_fn(fn, len(xs), seed=k)


# -- what this build has: TF's tf.test queries, answered for tapeflow (CPU only) ------------------
def is_built_with_cuda():
    """False: tapeflow runs on NumPy, with no CUDA kernels."""
    return False


def is_built_with_rocm():
    return False


def is_built_with_gpu_support():
    return False


def is_built_with_xla():
    """False: tapeflow has no XLA compiler (`jit_compile` is accepted and ignored)."""
    return False


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    """False: no GPU is used (TF deprecates this for `tf.config.list_physical_devices('GPU')`)."""
    return False


def gpu_device_name():
    """The name of a GPU device, or '' when there is none (always, in tapeflow)."""
    return ""


def is_cpu_target_available(target):
    """Whether XLA can compile for a CPU `target` ('x86', 'aarch64', ...): tapeflow has no XLA."""
    return False
