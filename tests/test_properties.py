"""Property-based derivative checks (hypothesis): random compositions of ops, in float64, checked
against central finite differences to second order, forward mode against reverse mode, and
nested-tape Hessian-vector products against finite differences of the gradient and for symmetry.

Profiles: `fast` (the default, a few seconds in the normal test command) and `long` (>= 10,000
examples in all; `scripts/properties.sh` runs it and reports the count). Choose one with
TAPEFLOW_HYPOTHESIS_PROFILE.
"""
import os

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tapeflow as tf

_common = {"deadline": None, "database": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much]}
# fast: the same examples every run (the test command cannot flake); long: fresh random ones
settings.register_profile("fast", max_examples=25, derandomize=True, **_common)
settings.register_profile("long", max_examples=2600, **_common)  # x 4 properties >= 10,000
settings.load_profile(os.environ.get("TAPEFLOW_HYPOTHESIS_PROFILE", "fast"))

F64 = np.float64


# -- random compositions ------------------------------------------------------------------------------
class Expr:
    """A function of the input tensor `x`, built from ops; `kinks` collects, during a call,
    (kind, distance) for each operand near a point where a check cannot hold: maximum's kink
    (finite differences need a margin). (reduce_prod's derivatives are exact at zeros, to
    second order, so its operands are checked everywhere.)"""

    def __init__(self, fn, shape, text):
        self.fn, self.shape, self.text = fn, tuple(shape), text

    def __call__(self, x, kinks):
        return self.fn(x, kinks)

    def __repr__(self):
        return self.text


def _const(draw, shape, low=-1.5, high=1.5):
    values = draw(st.lists(st.floats(low, high, allow_nan=False),
                           min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
    return np.asarray(values, F64).reshape(shape)


def _broadcast_shape(draw, shape):
    """A shape that broadcasts against `shape` (some dims 1, maybe fewer dims)."""
    dims = [d if draw(st.booleans()) else 1 for d in shape]
    drop = draw(st.integers(0, len(dims)))
    return tuple(dims[drop:])


UNARY = {
    "sin": tf.sin, "cos": tf.cos, "tanh": tf.tanh, "sigmoid": tf.sigmoid,
    "softplus": tf.nn.softplus, "square": tf.square, "exp_tanh": lambda t: tf.exp(tf.tanh(t)),
    "neg": lambda t: -t, "log1p_sq": lambda t: tf.math.log1p(tf.square(t)),
    "sqrt_1p_sq": lambda t: tf.sqrt(1.0 + tf.square(t)), "erf": tf.math.erf,
}


def _expr(draw, shape, depth):
    leaf = Expr(lambda x, k: x, shape, "x")
    if depth == 0:
        return leaf
    kind = draw(st.sampled_from(
        ["unary", "unary", "binary_const", "binary_expr", "reduce", "matmul", "reshape",
         "transpose", "expand", "gather", "slice", "softmax", "where", "maximum", "logsumexp"]))
    a = _expr(draw, shape, depth - 1)
    if kind == "unary":
        name = draw(st.sampled_from(sorted(UNARY)))
        f = UNARY[name]
        return Expr(lambda x, k: f(a(x, k)), a.shape, f"{name}({a.text})")
    if kind in ("binary_const", "binary_expr", "maximum", "where"):
        if kind == "binary_const":
            c = _const(draw, _broadcast_shape(draw, a.shape))
            b = Expr(lambda x, k, c=c: tf.constant(c), c.shape, f"c{list(c.shape)}")
            if draw(st.booleans()):
                a, b = b, a
        else:
            b = _expr(draw, shape, depth - 1)
            if b.shape != a.shape:
                return a
        out = tuple(np.broadcast_shapes(a.shape, b.shape))
        if kind == "where":
            mask = np.asarray(draw(st.lists(st.booleans(), min_size=int(np.prod(out)),
                                            max_size=int(np.prod(out))))).reshape(out)
            return Expr(lambda x, k: tf.where(mask, a(x, k), b(x, k)), out,
                        f"where(m, {a.text}, {b.text})")
        if kind == "maximum":
            shift = draw(st.floats(0.05, 0.5))  # keeps maximum(e, e) off its kink

            def maximum(x, k):
                u, v = a(x, k), b(x, k) + shift
                gap = np.abs(np.asarray(u) - np.asarray(v))
                k.append(("maximum", float(gap.min()) if gap.size else 1.0))
                return tf.maximum(u, v)
            return Expr(maximum, out, f"maximum({a.text}, {b.text} + {shift:.3g})")
        op = draw(st.sampled_from(["add", "sub", "mul", "div"]))
        fns = {"add": lambda u, v: u + v, "sub": lambda u, v: u - v, "mul": lambda u, v: u * v,
               "div": lambda u, v: u / (1.5 + tf.sigmoid(v))}
        f = fns[op]
        return Expr(lambda x, k: f(a(x, k), b(x, k)), out, f"{op}({a.text}, {b.text})")
    if kind == "reduce":
        if not a.shape:
            return a
        axis = draw(st.one_of(st.none(), st.integers(-len(a.shape), len(a.shape) - 1)))
        keepdims = draw(st.booleans())
        name = draw(st.sampled_from(["sum", "mean", "prod"]))
        f = {"sum": tf.reduce_sum, "mean": tf.reduce_mean, "prod": tf.reduce_prod}[name]
        out = np.sum(np.zeros(a.shape), axis=axis, keepdims=keepdims).shape
        # reduce_prod of an operand with exact zeros (a 0/1 mask): its derivatives are exact
        # there too, to second order
        mask = None
        if name == "prod" and draw(st.booleans()):
            mask = np.asarray(draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=int(np.prod(a.shape)),
                                            max_size=int(np.prod(a.shape)))), F64).reshape(a.shape)

        def reduce(x, k):
            operand = a(x, k) if mask is None else a(x, k) * mask
            return f(operand, axis=axis, keepdims=keepdims)
        masked = "" if mask is None else f" * {mask.tolist()}"
        return Expr(reduce, out,
                    f"reduce_{name}({a.text}{masked}, axis={axis}, keepdims={keepdims})")
    if kind == "logsumexp":
        if not a.shape:
            return a
        axis = draw(st.integers(0, len(a.shape) - 1))
        out = np.sum(np.zeros(a.shape), axis=axis).shape
        return Expr(lambda x, k: tf.reduce_logsumexp(a(x, k), axis=axis), out,
                    f"logsumexp({a.text}, {axis})")
    if kind == "matmul":
        if len(a.shape) != 2:
            return a
        if draw(st.booleans()):
            c = _const(draw, (a.shape[1], draw(st.integers(1, 3))))
            return Expr(lambda x, k: tf.matmul(a(x, k), c), (a.shape[0], c.shape[1]),
                        f"matmul({a.text}, c)")
        b = _expr(draw, shape, depth - 1)
        if b.shape != a.shape:
            return a
        return Expr(lambda x, k: tf.matmul(a(x, k), b(x, k), transpose_b=True),
                    (a.shape[0], a.shape[0]), f"matmul({a.text}, {b.text}^T)")
    if kind == "reshape":
        out = (int(np.prod(a.shape)),) if draw(st.booleans()) else tuple(reversed(a.shape))
        return Expr(lambda x, k: tf.reshape(a(x, k), out), out, f"reshape({a.text}, {out})")
    if kind == "transpose":
        perm = tuple(reversed(range(len(a.shape))))
        return Expr(lambda x, k: tf.transpose(a(x, k), perm), tuple(a.shape[p] for p in perm),
                    f"transpose({a.text})")
    if kind == "expand":
        return Expr(lambda x, k: tf.expand_dims(a(x, k), 0), (1, *a.shape),
                    f"expand_dims({a.text})")
    if kind == "gather":
        if not a.shape:
            return a
        axis = draw(st.integers(0, len(a.shape) - 1))
        idx = draw(st.lists(st.integers(0, a.shape[axis] - 1), min_size=1, max_size=4))
        out = a.shape[:axis] + (len(idx),) + a.shape[axis + 1:]
        return Expr(lambda x, k: tf.gather(a(x, k), idx, axis=axis), out,
                    f"gather({a.text}, {idx}, axis={axis})")
    if kind == "slice":
        if not a.shape or a.shape[0] < 2:
            return a
        if draw(st.booleans()):
            return Expr(lambda x, k: a(x, k)[1:], (a.shape[0] - 1, *a.shape[1:]),
                        f"{a.text}[1:]")
        return Expr(lambda x, k: a(x, k)[::-1], a.shape, f"{a.text}[::-1]")
    if kind == "softmax":
        if not a.shape:
            return a
        return Expr(lambda x, k: tf.nn.softmax(a(x, k), axis=-1), a.shape, f"softmax({a.text})")
    raise AssertionError(kind)


@st.composite
def problems(draw, max_depth=4):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=0, max_size=3)))
    expr = _expr(draw, shape, draw(st.integers(1, max_depth)))
    if expr.text == "x":
        expr = Expr(lambda x, k: tf.tanh(x) * x, shape, "mul(tanh(x), x)")
    x = _const(draw, shape, -1.2, 1.2)
    u = _const(draw, shape, -1.0, 1.0)
    v = _const(draw, shape, -1.0, 1.0)
    weights = _const(draw, expr.shape, -1.0, 1.0)
    return expr, x, u, v, weights


def _loss(expr, weights):
    def f(x, kinks):
        return tf.reduce_sum(expr(x, kinks) * weights)
    return f


def _value(f, x):
    kinks = []
    y = f(tf.constant(x), kinks)
    return float(np.asarray(y)), kinks


def _grad(f, x):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x, [])
    return np.asarray(tf.convert_to_tensor(tape.gradient(y, x, unconnected_gradients="zero")))


def _hvp(f, x, u):
    x = tf.constant(x)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x, [])
        g = tf.convert_to_tensor(inner.gradient(y, x, unconnected_gradients="zero"))
        gu = tf.reduce_sum(g * u)
    return np.asarray(tf.convert_to_tensor(outer.gradient(gu, x, unconnected_gradients="zero")))


def _jvp(f, x, u):
    x = tf.constant(x)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(u)) as acc:
        y = f(x, [])
    out = acc.jvp(y, unconnected_gradients="zero")
    return float(np.asarray(out))


EPS = 1e-5


def _smooth_enough(f, x, u, avoid=("maximum",)):
    """The finite-difference stencil stays away from every point of the kinds in `avoid`."""
    for t in (-2 * EPS, 0.0, 2 * EPS):
        _, kinks = _value(f, x + t * u)
        if any(kind in avoid and distance < 1e-3 for kind, distance in kinks):
            return False
    return True


SECOND_ORDER = ("maximum",)


def _close(a, b, scale=1.0):
    return np.allclose(a, b, rtol=2e-5, atol=2e-6 * max(1.0, scale))


@given(problems())
def test_gradient_matches_central_differences(problem):
    expr, x, u, _, w = problem
    f = _loss(expr, w)
    assume(_smooth_enough(f, x, u))
    fd = (_value(f, x + EPS * u)[0] - _value(f, x - EPS * u)[0]) / (2 * EPS)
    g = _grad(f, x)
    assert _close(np.sum(g * u), fd, np.abs(g).sum()), (expr.text, np.sum(g * u), fd)


@given(problems())
def test_forward_mode_matches_reverse_mode(problem):
    expr, x, u, _, w = problem
    f = _loss(expr, w)
    g = _grad(f, x)
    assert _close(_jvp(f, x, u), np.sum(g * u), np.abs(g).sum()), expr.text


@given(problems())
def test_hessian_vector_product_matches_differences_of_the_gradient(problem):
    expr, x, u, _, w = problem
    f = _loss(expr, w)
    assume(_smooth_enough(f, x, u, SECOND_ORDER))
    fd = (_grad(f, x + EPS * u) - _grad(f, x - EPS * u)) / (2 * EPS)
    hu = _hvp(f, x, u)
    assert np.allclose(hu, fd, rtol=1e-4, atol=1e-5 * max(1.0, np.abs(fd).max(initial=0))), \
        (expr.text, hu, fd)


@given(problems())
def test_hessian_vector_products_are_symmetric(problem):
    expr, x, u, v, w = problem
    f = _loss(expr, w)
    assume(_smooth_enough(f, x, u, SECOND_ORDER) and _smooth_enough(f, x, v, SECOND_ORDER))
    a, b = np.sum(v * _hvp(f, x, u)), np.sum(u * _hvp(f, x, v))
    assert np.isclose(a, b, rtol=1e-7, atol=1e-9 * max(1.0, abs(a))), (expr.text, a, b)
