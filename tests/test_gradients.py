"""Table-driven gradient tests: one row per differentiable op x input-shape case.

Every row is checked four ways:
  * first and second order, reverse and forward mode (ForwardAccumulator), in float64 against
    central differences (`tf.test.check_gradients`, order=2); once as is and once with its
    outputs squared, so the second order also differentiates the ops gradients are built from;
  * reverse mode in float32 (looser tolerance), and the gradients' dtypes and shapes equal the sources';
  * forward mode: each op's JVP rule, propagated by a small recorder (`JvpRecorder`), equals the
    reverse-mode Jacobian times the tangent (all inputs at once, and each input alone);
  * forward-over-reverse with the same recorder: the JVP rules of the ops that gradients are
    built from (ReluGrad, StridedSliceGrad, ...) agree with the reverse-mode Hessian.
Variable reads and the non-differentiable ops have their own tests at the end.

A row is `Row(id, fn, args)`: `fn` takes tensors and returns a tensor or a list of them; `args` are
argument specs, each drawing a float64 array in the op's smooth domain from a seeded RNG.
"""
import zlib

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.framework import op as op_module
from tapeflow.framework.op import Node

# An empty mean is NaN, silently in TF; NumPy warns about it from inside the forward.
pytestmark = pytest.mark.filterwarnings("ignore:Mean of empty slice:RuntimeWarning",
                                        "ignore:invalid value encountered:RuntimeWarning")


# ============================================================================================
# Argument specs: each draws one float64 array of `shape` from `rng`
# ============================================================================================
class Spec:
    def __init__(self, shape, draw):
        self.shape = tuple(shape)
        self.draw = draw

    def __call__(self, rng):
        return np.asarray(self.draw(rng, self.shape), dtype=np.float64).reshape(self.shape)


def normal(shape, scale=1.0):
    return Spec(shape, lambda rng, s: scale * rng.standard_normal(s))


def uniform(shape, lo, hi):
    return Spec(shape, lambda rng, s: rng.uniform(lo, hi, s))


def away(shape, lo=0.3, hi=1.5):
    """|x| in [lo, hi] with a random sign: away from the kink or pole at 0."""
    return Spec(shape, lambda rng, s: rng.choice([-1.0, 1.0], s) * rng.uniform(lo, hi, s))


def distinct(shape):
    """Values at least 0.3 apart (no ties for max/min/argmax), in random order."""
    def draw(rng, s):
        n = int(np.prod(s))
        return (rng.permutation(n) * 0.5 + rng.uniform(-0.1, 0.1, n) - n / 4).reshape(s)
    return Spec(shape, draw)


def probabilities(shape, axis=-1):
    """Non-negative labels summing to 1 along `axis` (the cross-entropy losses' domain)."""
    def draw(rng, s):
        p = rng.uniform(0.1, 1.0, s)
        return p / p.sum(axis=axis, keepdims=True)
    return Spec(shape, draw)


class Joint:
    """Draws several arrays together (when their domains depend on each other): `draw(rng)`
    returns a list of float64 arrays."""

    def __init__(self, draw):
        self.draw = draw


def _rejection(draw, ok):
    def joint(rng):
        for _ in range(1000):
            arrays = [np.asarray(a, np.float64) for a in draw(rng)]
            if ok(*arrays):
                return arrays
        raise RuntimeError("could not draw inputs in the domain")
    return Joint(joint)


def separated(shape_x, shape_y, gap=0.2):
    """x and y whose broadcast difference stays at least `gap` from 0 (maximum, minimum)."""
    return _rejection(lambda rng: [rng.standard_normal(shape_x), rng.standard_normal(shape_y)],
                      lambda x, y: np.all(np.abs(x - y) > gap))


def floormod_pair(shape_x, shape_y):
    """y in +-[0.5, 1.5] and x / y at least 0.1 from an integer (away from floormod's jumps)."""
    def ok(x, y):
        frac = np.mod(x / y, 1.0)
        return np.all((frac > 0.1) & (frac < 0.9))
    return _rejection(lambda rng: [2 * rng.standard_normal(shape_x),
                                   rng.choice([-1.0, 1.0], shape_y) * rng.uniform(0.5, 1.5, shape_y)],
                      ok)


def draw_args(row):
    rng = np.random.default_rng(zlib.crc32(row.id.encode()))
    out = []
    for spec in row.args:
        if isinstance(spec, Joint):
            out.extend(spec.draw(rng))
        else:
            out.append(spec(rng))
    return out


class Row:
    """One op x input case. Tolerances are for the float64 check; `f32_tol` for float32."""

    def __init__(self, id, fn, args, atol=1e-6, rtol=1e-5, delta=1e-6, f32_tol=2e-2,
                 f32_delta=1.0 / 1024, jvp_rtol=1e-7, order=2, squared=True):
        self.id, self.fn, self.args = id, fn, list(args)
        self.atol, self.rtol, self.delta = atol, rtol, delta
        self.f32_tol, self.f32_delta = f32_tol, f32_delta
        self.jvp_rtol, self.order = jvp_rtol, order
        self.squared = squared  # False when the output is NaN (NaN * NaN's tangent is NaN)

    def __repr__(self):
        return self.id


ROWS = []


def row(*a, **k):
    ROWS.append(Row(*a, **k))


def shape_id(*shapes):
    return "+".join("(%s)" % ",".join(map(str, s)) for s in shapes)


# ============================================================================================
# The table
# ============================================================================================
UNARY_SHAPES = [(), (3,), (2, 3), (0,), (0, 3)]

# name, function, domain (shape -> Spec)
UNARY = [
    ("negative", tf.negative, normal),
    ("abs", tf.abs, away),
    ("sign", tf.sign, away),
    ("square", tf.square, normal),
    ("sqrt", tf.sqrt, lambda s: uniform(s, 0.5, 2.0)),
    ("rsqrt", tf.math.rsqrt, lambda s: uniform(s, 0.5, 2.0)),
    ("exp", tf.exp, normal),
    ("expm1", tf.math.expm1, normal),
    ("log", tf.math.log, lambda s: uniform(s, 0.5, 2.0)),
    ("log1p", tf.math.log1p, lambda s: uniform(s, -0.5, 2.0)),
    ("sin", tf.sin, normal),
    ("cos", tf.cos, normal),
    ("tan", tf.tan, lambda s: uniform(s, -1.0, 1.0)),
    ("asin", tf.asin, lambda s: uniform(s, -0.8, 0.8)),
    ("acos", tf.acos, lambda s: uniform(s, -0.8, 0.8)),
    ("atan", tf.atan, normal),
    ("sinh", tf.sinh, normal),
    ("cosh", tf.cosh, normal),
    ("tanh", tf.tanh, normal),
    ("sigmoid", tf.sigmoid, normal),
    ("softplus", tf.math.softplus, normal),
    ("reciprocal", tf.math.reciprocal, away),
    ("asinh", tf.asinh, normal),
    ("acosh", tf.acosh, lambda s: uniform(s, 1.2, 3.0)),
    ("atanh", tf.atanh, lambda s: uniform(s, -0.8, 0.8)),
    ("relu", tf.nn.relu, away),
    ("identity", tf.identity, normal),
    ("nn.sigmoid", tf.nn.sigmoid, normal),
    ("nn.tanh", tf.nn.tanh, normal),
    ("nn.softplus", tf.nn.softplus, normal),
    ("math.abs", tf.math.abs, away),
    ("op.neg", lambda x: -x, normal),
    ("op.abs", lambda x: abs(x), away),
    ("op.pow-const", lambda x: x ** 3.0, normal),
    ("op.rpow-const", lambda x: 2.0 ** x, normal),
    ("op.rsub-const", lambda x: 2.0 - x, normal),
    ("op.radd-const", lambda x: 1.5 + x, normal),
    ("op.rmul-const", lambda x: 1.5 * x, normal),
    ("op.rtruediv-const", lambda x: 3.0 / x, away),
    ("op.mod-const", lambda x: x % 0.7, lambda s: Spec(
        s, lambda rng, sh: rng.integers(-3, 3, sh) * 0.7 + rng.uniform(0.1, 0.6, sh))),
    ("cast-to-float32", lambda x: tf.cast(x, tf.float32), normal),
    ("cast-to-float64", lambda x: tf.cast(x, tf.float64), normal),
    ("cast-roundtrip", lambda x: tf.cast(tf.sin(tf.cast(x, tf.float32)), x.dtype) * x, normal),
    ("clip_by_value", lambda x: tf.clip_by_value(x, -0.5, 0.5), lambda s: Spec(
        s, lambda rng, sh: rng.choice([-1.0, 1.0], sh) * rng.choice([0.2, 1.0], sh)
        + rng.uniform(-0.1, 0.1, sh))),
]

for name, fn, domain in UNARY:
    for shape in UNARY_SHAPES:
        # a float32 round trip in the middle of a float64 function needs a wide difference step
        extra = dict(delta=1e-2, atol=2e-3, rtol=2e-3, jvp_rtol=1e-5) if name.startswith("cast") else {}
        row(f"{name}-{shape_id(shape)}", fn, [domain(shape)], **extra)

BINARY_SHAPES = [((), ()), ((3,), (3,)), ((2, 3), (2, 3)), ((3, 1), (1, 4)), ((2, 3), (3,)),
                 ((), (2, 3)), ((0,), (0,)), ((0, 3), (3,))]


# name, function, domain of (x, y): a list of specs, or one Joint
BINARY = [
    ("add", tf.add, lambda sx, sy: [normal(sx), normal(sy)]),
    ("subtract", tf.subtract, lambda sx, sy: [normal(sx), normal(sy)]),
    ("multiply", tf.multiply, lambda sx, sy: [normal(sx), normal(sy)]),
    ("divide", tf.divide, lambda sx, sy: [normal(sx), away(sy, 0.5, 1.5)]),
    ("truediv", tf.truediv, lambda sx, sy: [normal(sx), away(sy, 0.5, 1.5)]),
    ("realdiv", tf.math.realdiv, lambda sx, sy: [normal(sx), away(sy, 0.5, 1.5)]),
    ("floormod", tf.math.floormod, lambda sx, sy: [floormod_pair(sx, sy)]),
    ("pow", tf.pow, lambda sx, sy: [uniform(sx, 0.5, 2.0), uniform(sy, -2.0, 2.0)]),
    ("maximum", tf.maximum, lambda sx, sy: [separated(sx, sy)]),
    ("minimum", tf.minimum, lambda sx, sy: [separated(sx, sy)]),
    ("atan2", tf.atan2, lambda sx, sy: [away(sx, 0.5, 2.0), away(sy, 0.5, 2.0)]),
    ("squared_difference", tf.math.squared_difference, lambda sx, sy: [normal(sx), normal(sy)]),
    ("op.add", lambda x, y: x + y, lambda sx, sy: [normal(sx), normal(sy)]),
    ("op.sub", lambda x, y: x - y, lambda sx, sy: [normal(sx), normal(sy)]),
    ("op.mul", lambda x, y: x * y, lambda sx, sy: [normal(sx), normal(sy)]),
    ("op.truediv", lambda x, y: x / y, lambda sx, sy: [normal(sx), away(sy, 0.5, 1.5)]),
    ("op.mod", lambda x, y: x % y, lambda sx, sy: [floormod_pair(sx, sy)]),
    ("op.pow", lambda x, y: x ** y, lambda sx, sy: [uniform(sx, 0.5, 2.0), uniform(sy, -2.0, 2.0)]),
]

for name, fn, domain in BINARY:
    for sx, sy in BINARY_SHAPES:
        row(f"{name}-{shape_id(sx, sy)}", fn, domain(sx, sy))



@Joint
def _clip_args(rng):
    # x well inside, below and above [lo, hi]; lo (3,) and hi () broadcast against x (2, 3)
    lo = rng.uniform(-0.6, -0.4, (3,))
    hi = np.asarray(rng.uniform(0.4, 0.6))
    x = rng.choice([-1.0, 0.0, 1.0], (2, 3)) + rng.uniform(-0.1, 0.1, (2, 3))
    return [x, lo, hi]


# the gradient also reaches tensor bounds where they clip (clip_by_value is minimum(maximum(...)))
row("clip_by_value-tensor-bounds-(2,3)+(3)+()", lambda x, lo, hi: tf.clip_by_value(x, lo, hi),
    [_clip_args])

# -- reductions --------------------------------------------------------------------------------
REDUCTIONS = [("reduce_sum", tf.reduce_sum, normal), ("reduce_mean", tf.reduce_mean, normal),
              ("reduce_max", tf.reduce_max, distinct), ("reduce_min", tf.reduce_min, distinct),
              ("reduce_prod", tf.reduce_prod, lambda s: away(s, 0.5, 1.5))]
REDUCTION_CASES = [  # shape, axis, keepdims
    ((), None, False), ((4,), None, False), ((4,), 0, True), ((2, 3), None, False),
    ((2, 3), 0, False), ((2, 3), 1, False), ((2, 3), -1, True), ((2, 3), [0, 1], True),
    ((2, 3, 2), (0, 2), False), ((2, 3, 2), 1, True), ((0, 3), 0, False), ((0, 3), 1, False),
]
for name, fn, domain in REDUCTIONS:
    for shape, axis, keepdims in REDUCTION_CASES:
        if shape[:1] == (0,) and name in ("reduce_max", "reduce_min") and axis == 0:
            continue  # the max of nothing is -inf; nothing to differentiate
        row(f"{name}-{shape_id(shape)}-axis={axis}-keepdims={keepdims}",
            lambda x, fn=fn, axis=axis, keepdims=keepdims: fn(x, axis=axis, keepdims=keepdims),
            [domain(shape)], squared=not (name == "reduce_mean" and shape == (0, 3) and axis == 0))
# At an exact zero element reduce_prod's derivatives are exact (exclusive cumprods, whose own
# gradient is exact at zeros); cumprod at zeros: tests/test_edge_math.py.
row("reduce_prod-zero-element", lambda x: tf.reduce_prod(x * tf.constant([1.0, 0.0, 1.0], x.dtype)),
    [normal((3,))])
row("cumprod-zero-element", lambda x: tf.math.cumprod(x * tf.constant([1.0, 0.0, 1.0, 0.0], x.dtype)),
    [normal((4,))])

# -- cumulative ------------------------------------------------------------------------------
for name, fn, domain in [("cumsum", tf.math.cumsum, normal),
                         ("cumprod", tf.math.cumprod, lambda s: away(s, 0.5, 1.5))]:
    for shape, axis, exclusive, reverse in [((4,), 0, False, False), ((4,), 0, True, False),
                                            ((4,), 0, False, True), ((4,), -1, True, True),
                                            ((2, 3), 1, False, False), ((2, 3), 0, True, True),
                                            ((0, 3), 1, False, False), ((0, 3), 0, True, False),
                                            ((2, 0), 1, True, True)]:
        row(f"{name}-{shape_id(shape)}-axis={axis}-excl={exclusive}-rev={reverse}",
            lambda x, fn=fn, a=axis, e=exclusive, r=reverse: fn(x, axis=a, exclusive=e, reverse=r),
            [domain(shape)])

# -- matmul, tensordot ------------------------------------------------------------------------
MATMUL_CASES = [  # shape a, shape b, kwargs
    ((2, 3), (3, 4), {}),
    ((1, 1), (1, 1), {}),
    ((3, 2), (3, 4), {"transpose_a": True}),
    ((2, 3), (4, 3), {"transpose_b": True}),
    ((3, 2), (4, 3), {"transpose_a": True, "transpose_b": True}),
    ((3, 2), (3, 4), {"adjoint_a": True}),
    ((2, 3), (4, 3), {"adjoint_b": True}),
    ((3, 2), (4, 3), {"adjoint_a": True, "adjoint_b": True}),
    ((2, 2, 3), (2, 3, 2), {}),
    ((2, 2, 3), (3, 4), {}),
    ((2, 3), (2, 3, 2), {}),
    ((2, 1, 2, 3), (3, 3, 2), {}),
    ((2, 3, 2), (1, 2, 3), {"transpose_a": True, "transpose_b": True}),
    ((2, 3, 2), (2, 4, 3), {"adjoint_a": True, "adjoint_b": True}),
    ((0, 3), (3, 2), {}),
    ((2, 0), (0, 3), {}),
]
for sa, sb, kw in MATMUL_CASES:
    tag = ",".join(k for k in kw) or "plain"
    row(f"matmul-{shape_id(sa, sb)}-{tag}", lambda a, b, kw=kw: tf.matmul(a, b, **kw),
        [normal(sa), normal(sb)])
row("op.matmul-(2,3)+(3,2)", lambda a, b: a @ b, [normal((2, 3)), normal((3, 2))])
row("op.matmul-(2,2,3)+(3,2)", lambda a, b: a @ b, [normal((2, 2, 3)), normal((3, 2))])
row("op.rmatmul-const", lambda b: tf.constant([[1.0, 2.0]], b.dtype) @ b, [normal((2, 3))])

for sa, sb, axes in [((2, 3), (3, 4), 1), ((2, 3), (2, 3), 2), ((3, 2), (4, 3), [[0], [1]]),
                     ((2,), (3,), 0), ((2, 3, 2), (3, 2, 2), [[1, 2], [0, 1]])]:
    row(f"tensordot-{shape_id(sa, sb)}-axes={axes}",
        lambda a, b, axes=axes: tf.tensordot(a, b, axes), [normal(sa), normal(sb)])

# -- shape ops ---------------------------------------------------------------------------------
for shape, new in [((2, 3), (3, 2)), ((6,), (2, -1)), ((), (1, 1)), ((2, 2), (4,)), ((0, 3), (3, 0)),
                   ((2, 3), (2, 3))]:
    row(f"reshape-{shape_id(shape)}->{new}", lambda x, new=new: tf.reshape(x, new), [normal(shape)])
for shape, perm in [((2, 3), None), ((2, 3, 4), (1, 2, 0)), ((), None), ((0, 3), (1, 0))]:
    row(f"transpose-{shape_id(shape)}-perm={perm}", lambda x, p=perm: tf.transpose(x, p),
        [normal(shape)])
row("linalg.matrix_transpose-(2,2,3)", tf.linalg.matrix_transpose, [normal((2, 2, 3))])
for shape, axis in [((), 0), ((3,), 0), ((2, 3), -1), ((2, 3), 1), ((0,), 0)]:
    row(f"expand_dims-{shape_id(shape)}-axis={axis}", lambda x, a=axis: tf.expand_dims(x, a),
        [normal(shape)])
for shape, axis in [((1, 3, 1), None), ((1, 3, 1), 0), ((1, 3, 1), [-1]), ((1,), None), ((1, 0), 0)]:
    row(f"squeeze-{shape_id(shape)}-axis={axis}", lambda x, a=axis: tf.squeeze(x, a), [normal(shape)])
for shapes, axis in [([(2, 3), (1, 3)], 0), ([(2, 1), (2, 3), (2, 2)], 1), ([(3,), (2,)], 0),
                     ([(0, 3), (2, 3)], 0), ([(2, 3), (2, 3)], -1)]:
    row(f"concat-{shape_id(*shapes)}-axis={axis}", lambda *xs, a=axis: tf.concat(list(xs), a),
        [normal(s) for s in shapes])
for shapes, axis in [([(), ()], 0), ([(3,), (3,), (3,)], 0), ([(2, 3), (2, 3)], 1),
                     ([(2, 3), (2, 3)], -1), ([(0,), (0,)], 1)]:
    row(f"stack-{shape_id(*shapes)}-axis={axis}", lambda *xs, a=axis: tf.stack(list(xs), a),
        [normal(s) for s in shapes])
for shape, axis in [((3,), 0), ((3, 2), 0), ((3, 2), 1), ((2, 0), 0), ((1, 2), 0)]:
    row(f"unstack-{shape_id(shape)}-axis={axis}", lambda x, a=axis: tf.unstack(x, axis=a),
        [normal(shape)])
# consumers that use only some of the outputs (the others' cotangents are None)
row("unstack-partial-(3,2)", lambda x: tf.unstack(x)[1] * 2.0, [normal((3, 2))])
for shape, splits, axis in [((4,), 2, 0), ((2, 4), 2, 1), ((3,), 1, 0), ((2, 3), [3], 1),
                            ((3, 2), [1, 2], 0), ((2, 3), [2, -1], 1), ((0, 4), 2, 1)]:
    row(f"split-{shape_id(shape)}-{splits}-axis={axis}",
        lambda x, s=splits, a=axis: tf.split(x, s, axis=a), [normal(shape)])
row("split-partial-(4,3)", lambda x: tf.split(x, [1, 3])[1], [normal((4, 3))])
for shape, mult in [((2, 3), [2, 1]), ((3,), [3]), ((), []), ((1, 2), [2, 2]), ((0, 2), [2, 1])]:
    row(f"tile-{shape_id(shape)}-{mult}", lambda x, m=mult: tf.tile(x, m), [normal(shape)])
for shape, target in [((3,), (2, 3)), ((3, 1), (3, 4)), ((), (2, 2)), ((1, 3), (2, 2, 3)),
                      ((0,), (2, 0))]:
    row(f"broadcast_to-{shape_id(shape)}->{target}", lambda x, s=target: tf.broadcast_to(x, s),
        [normal(shape)])
for shape, paddings, mode in [((2, 3), [[1, 0], [2, 1]], "CONSTANT"), ((3,), [[2, 2]], "CONSTANT"),
                              ((0, 2), [[1, 1], [0, 1]], "CONSTANT"),
                              ((3, 4), [[1, 1], [2, 2]], "REFLECT"), ((4,), [[3, 1]], "REFLECT"),
                              ((2, 3), [[1, 2], [3, 0]], "SYMMETRIC"), ((3,), [[3, 3]], "SYMMETRIC"),
                              ((2, 3), [[0, 0], [1, 1]], "symmetric")]:
    row(f"pad-{mode}-{shape_id(shape)}-{paddings}",
        lambda x, p=paddings, m=mode: tf.pad(x, p, m, constant_values=0.5), [normal(shape)])
for shape, axis in [((3,), [0]), ((2, 3), [0, 1]), ((2, 3), [-1]), ((2, 3), []), ((0, 3), [1])]:
    row(f"reverse-{shape_id(shape)}-{axis}", lambda x, a=axis: tf.reverse(x, a), [normal(shape)])

# -- slicing --------------------------------------------------------------------------------------
GETITEM = [
    ((4,), "[1]", lambda x: x[1]),
    ((4,), "[-1]", lambda x: x[-1]),
    ((4,), "[::2]", lambda x: x[::2]),
    ((4,), "[::-1]", lambda x: x[::-1]),
    ((4,), "[1:3]", lambda x: x[1:3]),
    ((4,), "[None]", lambda x: x[None]),
    ((4,), "[5:]", lambda x: x[5:]),
    ((3, 4), "[1]", lambda x: x[1]),
    ((3, 4), "[-1, 1:]", lambda x: x[-1, 1:]),
    ((3, 4), "[1:, ::-2]", lambda x: x[1:, ::-2]),
    ((3, 4), "[..., 0]", lambda x: x[..., 0]),
    ((3, 4), "[None, :, 1]", lambda x: x[None, :, 1]),
    ((3, 4), "[:, None]", lambda x: x[:, None]),
    ((2, 3, 4), "[0, ..., 1:3]", lambda x: x[0, ..., 1:3]),
    ((2, 3, 4), "[..., None, ::3]", lambda x: x[..., None, ::3]),
    ((2, 3, 4), "[-2::, tf.constant(1)]", lambda x: x[-2:, tf.constant(1)]),
    ((), "[...]", lambda x: x[...]),
    ((0, 3), "[:, 1]", lambda x: x[:, 1]),
    ((3, 4), "[1] + [1] (overlap)", lambda x: x[1] * x[1:2]),
]
for shape, key, fn in GETITEM:
    row(f"getitem-{shape_id(shape)}{key}", fn, [normal(shape)])
for shape, begin, size in [((4,), [1], [2]), ((3, 4), [1, 0], [1, -1]),
                           ((2, 3, 4), [0, 1, 1], [2, 2, 2])]:
    row(f"slice-{shape_id(shape)}-{begin}-{size}", lambda x, b=begin, s=size: tf.slice(x, b, s),
        [normal(shape)])
STRIDED = [
    ((4,), ([1], [4], [2]), {}),
    ((4,), ([3], [0], [-1]), {}),
    ((3, 4), ([0, 1], [2, 3], [1, 1]), {}),
    ((3, 4), ([1, 0], [0, 4], [1, 2]), {"shrink_axis_mask": 1}),
    ((3, 4), ([0, 0], [2, 2], [1, 1]), {"begin_mask": 1, "end_mask": 2}),
    ((3, 4), ([0, 1], [1, 3], [1, 1]), {"new_axis_mask": 1}),
    ((2, 3, 4), ([0, 1], [0, 3], [1, 2]), {"ellipsis_mask": 1}),
]
for shape, (b, e, s), kw in STRIDED:
    row(f"strided_slice-{shape_id(shape)}-{b},{e},{s}-{kw}",
        lambda x, b=b, e=e, s=s, kw=kw: tf.strided_slice(x, b, e, s, **kw), [normal(shape)])

# -- gather, where ---------------------------------------------------------------------------
GATHER = [  # shape, indices, axis, batch_dims
    ((4,), [2, 0, 2], 0, 0),
    ((3, 4), [[1], [2]], 0, 0),
    ((3, 4), [3, 0, 3, 3], 1, 0),
    ((2, 3), 1, 1, 0),
    ((2, 3, 2), [[0, 2], [1, 1]], 1, 1),
    ((2, 3), [[2, 0], [1, 1]], 1, 1),
    ((2, 2, 3), [[[0, 2]], [[1, 1]]], 2, 1),
    ((3, 2), [], 0, 0),
    ((0, 2), [], 0, 0),
]
for shape, idx, axis, bd in GATHER:
    row(f"gather-{shape_id(shape)}-{idx}-axis={axis}-batch_dims={bd}",
        lambda p, idx=idx, a=axis, bd=bd: tf.gather(p, tf.constant(idx, tf.int32) if idx != []
                                                   else tf.zeros((0,), tf.int32), axis=a,
                                                   batch_dims=bd), [normal(shape)])

WHERE = [  # condition, shape x, shape y
    ([True, False, True], (3,), (3,)),
    ([[True, False, True], [False, False, True]], (2, 3), ()),
    ([[True], [False]], (1, 3), (2, 1)),
    (True, (), ()),
    ([[True, False, True], [False, True, True]], (3,), (2, 3)),
    (np.zeros((0,), bool), (0,), (0,)),
]
for cond, sx, sy in WHERE:
    row(f"where-{np.shape(cond)}-{shape_id(sx, sy)}",
        lambda x, y, c=cond: tf.where(tf.constant(c), x, y), [normal(sx), normal(sy)])

# -- neural-network ops ------------------------------------------------------------------------
for shape, axis in [((3,), -1), ((2, 3), -1), ((2, 3), 0), ((2, 3, 2), 1), ((2, 2), 1), ((0, 3), -1),
                    ((1,), None)]:
    for name, fn in [("softmax", tf.nn.softmax), ("log_softmax", tf.nn.log_softmax),
                     ("math.softmax", tf.math.softmax)]:
        row(f"{name}-{shape_id(shape)}-axis={axis}", lambda x, fn=fn, a=axis: fn(x, axis=a),
            [normal(shape)])
for shape, axis in [((4,), -1), ((2, 3), -1), ((3, 2), 0), ((2, 2, 3), 1), ((0, 3), -1)]:
    row(f"softmax_cross_entropy-{shape_id(shape)}-axis={axis}",
        lambda labels, logits, a=axis: tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis=a),
        [probabilities(shape, axis), normal(shape)])
# labels broadcast against the logits
row("softmax_cross_entropy-labels-(3,)-logits-(2,3)",
    lambda labels, logits: tf.nn.softmax_cross_entropy_with_logits(labels, logits),
    [probabilities((3,)), normal((2, 3))])
for labels, shape in [([0, 2, 1], (3, 3)), (2, (4,)), ([[1, 0], [3, 3]], (2, 2, 4)), ([], (0, 3))]:
    row(f"sparse_softmax_cross_entropy-{labels}-{shape_id(shape)}",
        lambda logits, lab=labels: tf.nn.sparse_softmax_cross_entropy_with_logits(
            tf.constant(lab, tf.int32) if lab != [] else tf.zeros((0,), tf.int32), logits),
        [normal(shape)])

# -- compositions: several ops in one function, to exercise accumulation and mixed rules -------
row("composite-mlp", lambda x, w, b: tf.reduce_mean(tf.nn.relu(tf.matmul(x, w) + b) ** 2.0),
    [normal((2, 3)), normal((3, 2)), away((2,), 1.0, 2.0)])
row("composite-x-used-twice", lambda x: tf.sin(x) * tf.exp(x) + x[0], [normal((3,))])
row("composite-logsumexp", lambda x: tf.math.log(tf.reduce_sum(tf.exp(x), axis=1)),
    [normal((2, 3))])

IDS = [r.id for r in ROWS]
assert len(set(IDS)) == len(IDS), "duplicate row ids"


# ============================================================================================
# Helpers
# ============================================================================================
def flat_outputs(y):
    return [tf.convert_to_tensor(v) for v in tf.nest.flatten(y)]


def flat_jacobian_times(jacs, tangents):
    """sum_j J_j @ t_j, with missing tangents as zeros."""
    out = None
    for jac, tangent in zip(jacs, tangents):
        if tangent is None:
            continue
        term = jac @ np.asarray(tangent, np.float64).reshape(-1)
        out = term if out is None else out + term
    return out


class JvpRecorder(op_module.Recorder):
    """A minimal forward-mode accumulator: sits on the recorder stack and pushes tangents through
    each op's JVP rule as the op runs. Maps id(primal) -> (primal, tangent); holding the primal
    keeps its id unique while the recorder lives."""

    def __init__(self, primals, tangents):
        self._tangents = {}
        for p, t in zip(primals, tangents):
            if t is not None:
                self._tangents[id(p)] = (p, t)

    def __enter__(self):
        self.push()
        return self

    def __exit__(self, *exc):
        self.pop()

    def tangent(self, x):
        entry = self._tangents.get(id(x))
        return None if entry is None or entry[0] is not x else entry[1]

    def record(self, op, inputs, outputs, attrs):
        in_tangents = [self.tangent(x) for x in inputs]
        if all(t is None for t in in_tangents):
            return
        if not any(o._value.dtype.kind in "fc" for o in outputs):
            return  # integer and bool outputs carry no tangent
        if op.jvp is None:
            raise AssertionError(f"op {op.name} has no JVP rule")
        node = Node(op, tuple(inputs), tuple(outputs), attrs)
        # the rule's own ops are not recorded (by this recorder or any tape)
        with op_module.stack_replaced([]):
            out = op.jvp(node, *in_tangents)
        if not op.multi:  # the contract: one output, one tangent (not a 1-tuple)
            if isinstance(out, (tuple, list)):
                raise AssertionError(f"JVP rule of one-output op {op.name} returned a "
                                     f"{type(out).__name__}")
            outs = (out,)
        else:
            outs = out
        if len(outs) != len(outputs):
            raise AssertionError(f"JVP rule of {op.name} returned {len(outs)} tangents for "
                                 f"{len(outputs)} outputs")
        for o, t in zip(outputs, outs):
            if t is None:
                continue
            t = tf.convert_to_tensor(t)
            if t._value.shape != o._value.shape:
                raise AssertionError(f"JVP rule of {op.name} returned a tangent of shape "
                                     f"{t._value.shape} for an output of shape {o._value.shape} "
                                     f"(inputs {[getattr(x, '_value', x).shape for x in inputs]})")
            if t._value.dtype != o._value.dtype:
                raise AssertionError(f"JVP rule of {op.name} returned a {t._value.dtype} tangent "
                                     f"for a {o._value.dtype} output")
            self._tangents[id(o)] = (o, t)


def jvp(fn, primals, tangents):
    """(outputs, output tangents) of fn at primals along tangents; None tangents are zeros."""
    with JvpRecorder(primals, tangents) as rec:
        ys = flat_outputs(fn(*primals))
    return ys, [rec.tangent(y) for y in ys]


def concat_tangents(ys, tys):
    parts = []
    for y, ty in zip(ys, tys):
        v = np.zeros(y._value.shape) if ty is None else np.asarray(ty._value, np.float64)
        parts.append(v.reshape(-1))
    return np.concatenate(parts) if parts else np.zeros(0)


def vjp_fn(fn, cotangents):
    """x -> the cotangent-weighted gradient of fn at x (zeros for unconnected inputs)."""
    def g(*xs):
        with tf.GradientTape() as tape:
            tape.watch(xs)
            ys = flat_outputs(fn(*xs))
        grads = tape.gradient(ys, list(xs), output_gradients=cotangents)
        return [gr if gr is not None else tf.zeros_like(x) for gr, x in zip(grads, xs)]
    return g


def squared_outputs(fn):
    """fn followed by y -> y * y: the cotangent reaching fn's ops then depends on the inputs."""
    return lambda *xs: [y * y for y in flat_outputs(fn(*xs))]


def constants(arrays, dtype=np.float64):
    return [tf.constant(np.asarray(a, dtype)) for a in arrays]


def check_jvp_against_reverse(fn, xs, rng, rtol=1e-7, atol=1e-9):
    """JVP along random tangents (all inputs, then each input alone) == reverse-mode J @ t."""
    theoretical, _ = tf.test.compute_gradient(fn, xs)
    cases = [[True] * len(xs)]
    if len(xs) > 1:
        cases += [[i == j for i in range(len(xs))] for j in range(len(xs))]
    for mask in cases:
        tangents = [tf.constant(rng.standard_normal(x._value.shape)) if m else None
                    for x, m in zip(xs, mask)]
        ys, tys = jvp(fn, xs, tangents)
        got = concat_tangents(ys, tys)
        want = flat_jacobian_times(theoretical, [None if t is None else t._value for t in tangents])
        if want is None:
            want = np.zeros_like(got)
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol,
                                   err_msg=f"JVP != J @ tangent (tangents on inputs {mask})")


# ============================================================================================
# The tests
# ============================================================================================
@pytest.mark.parametrize("squared", [False, True], ids=["plain", "squared"])
@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_gradient_float64_second_order(r, squared):
    """First and second order, reverse and forward mode (check_gradients' modes), against
    central differences. The squared variant makes the cotangent entering the gradient's own
    ops depend on the inputs, so the second order differentiates those ops too (MirrorPadGrad,
    UnsortedSegmentSum, ...), not just the rule's use of the primal inputs."""
    if squared and not r.squared:
        pytest.skip("NaN output (see the row)")
    fn = squared_outputs(r.fn) if squared else r.fn
    tf.test.check_gradients(fn, draw_args(r), order=r.order, atol=r.atol, rtol=r.rtol,
                            delta=r.delta)


@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_gradient_float32(r):
    xs = constants(draw_args(r), np.float32)
    theoretical, numerical = tf.test.compute_gradient(r.fn, xs, delta=r.f32_delta)
    for j, (a, b) in enumerate(zip(theoretical, numerical)):
        np.testing.assert_allclose(a, b, rtol=r.f32_tol, atol=r.f32_tol,
                                   err_msg=f"float32 gradient of argument {j}")
    # the gradient of a float32 source is float32 and shaped like it, wherever the path leads
    with tf.GradientTape() as tape:
        tape.watch(xs)
        ys = flat_outputs(r.fn(*xs))
    grads = tape.gradient(ys, xs)
    for j, (x, g) in enumerate(zip(xs, grads)):
        assert g is not None, f"argument {j} got no gradient"
        assert g.dtype == tf.float32, f"argument {j}: gradient dtype {g.dtype}"
        assert tuple(g.shape) == tuple(x.shape), f"argument {j}: gradient shape {g.shape}"
    # forward mode keeps the dtypes too (the recorder asserts tangent dtype == output dtype)
    rng = np.random.default_rng(1)
    jvp(r.fn, xs, [tf.constant(rng.standard_normal(x._value.shape).astype(np.float32)) for x in xs])


@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_jvp_matches_reverse_mode(r):
    xs = constants(draw_args(r))
    check_jvp_against_reverse(r.fn, xs, np.random.default_rng(zlib.crc32(r.id.encode()) + 1),
                              rtol=r.jvp_rtol)


@pytest.mark.parametrize("squared", [False, True], ids=["seed", "squared"])
@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_jvp_of_gradient_matches_hessian(r, squared):
    """Forward-over-reverse: exercises the JVP rules of the ops that gradient rules emit
    (ReluGrad, SqrtGrad, StridedSliceGrad, ...), with a constant incoming cotangent (its tangent
    is None) and, through `squared_outputs`, one that carries a tangent."""
    if r.order < 2:
        pytest.skip("no second derivative at this point (see the row)")
    if squared and not r.squared:
        pytest.skip("NaN output (see the row)")
    fn = squared_outputs(r.fn) if squared else r.fn
    xs = constants(draw_args(r))
    rng = np.random.default_rng(zlib.crc32(r.id.encode()) + 2)
    cotangents = [tf.constant(rng.standard_normal(y._value.shape).astype(y._value.dtype))
                  for y in flat_outputs(fn(*xs))]
    check_jvp_against_reverse(vjp_fn(fn, cotangents), xs, rng, rtol=max(r.jvp_rtol, 1e-6),
                              atol=1e-8)


def test_jvp_rule_missing_is_a_failure():
    """The recorder reports an op without a JVP rule instead of skipping it."""
    no_jvp = op_module.Op("NoJvpForTest", lambda v: v * 2, grad=lambda op, g: g * 2)
    x = tf.constant([1.0, 2.0], tf.float64)
    with pytest.raises(AssertionError, match="NoJvpForTest has no JVP rule"):
        jvp(lambda x: op_module.apply1(no_jvp, x), [x], [tf.ones_like(x)])


# -- variables ------------------------------------------------------------------------------
VARIABLE_CASES = [  # id, function of the variable, shape, domain
    ("read_value", lambda v: v.read_value(), (3,), normal),
    ("value", lambda v: v.value() * 2.0, (2, 2), normal),
    ("operator-mul", lambda v: v * v, (2, 3), normal),
    ("operator-radd", lambda v: 1.0 + v, (), normal),
    ("operator-pow", lambda v: v ** 2.0, (3,), normal),
    ("operator-neg", lambda v: -v, (3,), normal),
    ("operator-matmul", lambda v: v @ v, (2, 2), normal),
    ("operator-getitem", lambda v: v[1:], (3,), normal),
    ("sin-times-read", lambda v: tf.sin(v) * v, (3,), normal),
    ("reduce_sum", lambda v: tf.reduce_sum(tf.exp(v)), (2, 3), normal),
    ("gather", lambda v: tf.gather(v, [2, 0, 2]), (3, 2), normal),
    ("sqrt", lambda v: tf.sqrt(v), (3,), lambda s: uniform(s, 0.5, 2.0)),
    ("scalar", lambda v: v * v * v, (), normal),
]


def _variable_jacobian(fn, var, order, cotangent, delta=1e-6):
    """Theoretical and numerical Jacobians of fn (order 1) or of its cotangent-weighted gradient
    (order 2) with respect to the variable, the numerical one by assigning shifted values."""
    def value(v):
        if order == 1:
            return tf.convert_to_tensor(fn(v))
        with tf.GradientTape() as tape:
            y = fn(v)
        g = tape.gradient(y, v, output_gradients=cotangent)
        assert g is not None, "a variable read inside the tape got no gradient"
        return tf.convert_to_tensor(g)

    base = np.array(var.numpy())
    with tf.GradientTape(persistent=True) as tape:
        y = value(var)
    n_out, n_in = int(np.prod(y.shape)), base.size
    theoretical = np.zeros((n_out, n_in))
    for k in range(n_out):
        seed = np.zeros(y.shape, y.dtype.as_numpy_dtype)
        seed.reshape(-1)[k] = 1
        g = tape.gradient(y, var, output_gradients=tf.constant(seed))
        if g is not None:  # None: unconnected (the second derivative of a linear function)
            theoretical[k] = tf.convert_to_tensor(g).numpy().reshape(-1)
    numerical = np.zeros((n_out, n_in))
    for k in range(n_in):
        cols = []
        for sign in (1, -1):
            shifted = base.copy()
            shifted.reshape(-1)[k] += sign * delta
            var.assign(shifted)
            cols.append(value(var).numpy().reshape(-1))
        numerical[:, k] = (cols[0] - cols[1]) / (2 * delta)
    var.assign(base)
    return theoretical, numerical


@pytest.mark.parametrize("case", VARIABLE_CASES, ids=[c[0] for c in VARIABLE_CASES])
def test_variable_reads(case):
    name, fn, shape, domain = case
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    var = tf.Variable(domain(shape)(rng))
    y = tf.convert_to_tensor(fn(var))
    cotangent = tf.constant(rng.standard_normal(y.shape))
    for order in (1, 2):
        theoretical, numerical = _variable_jacobian(fn, var, order, cotangent)
        np.testing.assert_allclose(theoretical, numerical, rtol=1e-5, atol=1e-6,
                                   err_msg=f"order {order}")
    # forward mode: the tangent enters through the ReadVariableOp
    j1, _ = _variable_jacobian(fn, var, 1, cotangent)
    tangent = tf.constant(rng.standard_normal(shape))
    ys, tys = jvp(fn, [var], [tangent])
    np.testing.assert_allclose(concat_tangents(ys, tys), j1 @ tangent.numpy().reshape(-1),
                               rtol=1e-7, atol=1e-9)
    # float32 variables get float32 gradients
    var32 = tf.Variable(var.numpy().astype(np.float32))
    with tf.GradientTape() as tape:
        y32 = fn(var32)
    g = tf.convert_to_tensor(tape.gradient(y32, var32))
    assert g.dtype == tf.float32 and tuple(g.shape) == shape


# -- non-differentiable ops ------------------------------------------------------------------
NON_DIFFERENTIABLE = [  # id, function of (x, y)
    ("round", lambda x, y: tf.round(x)),
    ("floor", lambda x, y: tf.floor(x)),
    ("ceil", lambda x, y: tf.math.ceil(x)),
    ("floordiv", lambda x, y: tf.math.floordiv(x, y)),
    ("op.floordiv", lambda x, y: x // y),
    ("argmax", lambda x, y: tf.cast(tf.argmax(x), x.dtype)),
    ("argmin", lambda x, y: tf.cast(tf.math.argmin(x), x.dtype)),
    ("greater", lambda x, y: tf.cast(tf.greater(x, y), x.dtype)),
    ("less_equal", lambda x, y: tf.cast(tf.less_equal(x, y), x.dtype)),
    ("equal", lambda x, y: tf.cast(tf.equal(x, y), x.dtype)),
    ("op.lt", lambda x, y: tf.cast(x < y, x.dtype)),
    ("cast-to-int32", lambda x, y: tf.cast(tf.cast(x, tf.int32), x.dtype)),
    ("cast-to-int64", lambda x, y: tf.cast(tf.cast(x, tf.int64), x.dtype)),
    ("cast-to-bool", lambda x, y: tf.cast(tf.cast(x, tf.bool), x.dtype)),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", NON_DIFFERENTIABLE, ids=[c[0] for c in NON_DIFFERENTIABLE])
def test_non_differentiable_gives_none(case, dtype):
    _, fn = case
    x = tf.constant(np.array([0.3, -1.7, 2.5], dtype))
    y = tf.constant(np.array([0.7, 0.4, -1.1], dtype))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, y])
        out = fn(x, y)
    assert tape.gradient(out, [x, y]) == [None, None]
    # with UnconnectedGradients.ZERO the same sources get zeros of their own dtype
    gx, gy = tape.gradient(out, [x, y], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    assert gx.dtype == x.dtype and not np.any(gx.numpy()) and not np.any(gy.numpy())
    # forward mode: no tangent (or a zero one) comes out
    ys, tys = jvp(fn, [x, y], [tf.ones_like(x), tf.ones_like(y)])
    assert not np.any(concat_tangents(ys, tys))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sign_gradient_is_zeros(dtype):
    x = tf.constant(np.array([0.3, -1.7, 0.0], dtype))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.sign(x)
    g = tape.gradient(y, x)
    assert g is not None and g.dtype == x.dtype
    np.testing.assert_array_equal(g.numpy(), np.zeros(3, dtype))
