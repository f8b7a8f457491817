"""tf.experimental.numpy: values against NumPy, gradients through tnp functions, and the NumPy
behaviour switches (run in subprocesses: enabling is global and cannot be undone)."""
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.framework import tensor as tensor_module
from tapeflow.ops import _common

tnp = tf.experimental.numpy
RNG = np.random.default_rng(0)
A = RNG.standard_normal((3, 4))
B = RNG.standard_normal((3, 4))
POS = RNG.uniform(0.5, 2.0, (3, 4))


def test_hooks_are_off_by_default():
    assert _common.PROMOTION is None
    assert tensor_module.conversion_hook is None
    assert not hasattr(tf.constant(1.0), "T")


UNARY = ["abs", "negative", "sign", "sqrt", "square", "exp", "expm1", "log", "log1p", "log2",
         "log10", "sin", "cos", "tan", "arctan", "sinh", "cosh", "tanh", "arcsinh", "floor", "ceil",
         "reciprocal", "exp2", "cbrt", "deg2rad", "rad2deg", "fix", "sinc", "isnan", "isfinite"]


@pytest.mark.parametrize("name", UNARY)
def test_unary_functions_match_numpy(name):
    x = POS if name in ("sqrt", "log", "log1p", "log2", "log10", "reciprocal") else A
    got = getattr(tnp, name)(tnp.asarray(x)).numpy()
    np.testing.assert_allclose(got, getattr(np, name)(x), rtol=1e-12, atol=1e-12)


BINARY = ["add", "subtract", "multiply", "divide", "power", "maximum", "minimum", "arctan2",
          "hypot", "logaddexp", "logaddexp2", "equal", "less", "greater_equal", "heaviside",
          "floor_divide", "mod"]


@pytest.mark.parametrize("name", BINARY)
def test_binary_functions_match_numpy(name):
    x, y = (POS, B) if name == "power" else (A, B)
    got = getattr(tnp, name)(tnp.asarray(x), tnp.asarray(y)).numpy()
    np.testing.assert_allclose(got, getattr(np, name)(x, y), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name,kwargs", [
    ("sum", {}), ("sum", {"axis": 0}), ("prod", {"axis": 1}), ("mean", {}), ("std", {"axis": 0}),
    ("var", {"axis": 1}), ("amax", {"axis": 1}), ("amin", {}), ("ptp", {"axis": 0}),
    ("argmax", {}), ("argmin", {"axis": 1}), ("cumsum", {"axis": 1}), ("cumprod", {}),
    ("all", {"axis": 0}), ("any", {}), ("count_nonzero", {})])
def test_reductions_match_numpy(name, kwargs):
    got = getattr(tnp, name)(tnp.asarray(A), **kwargs).numpy()
    np.testing.assert_allclose(got, getattr(np, name)(A, **kwargs), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("fn", [
    lambda m: np.transpose(m), lambda m: np.swapaxes(m, 0, 1), lambda m: np.ravel(m),
    lambda m: np.moveaxis(np.reshape(m, (3, 2, 2)), 0, -1), lambda m: np.flip(m),
    lambda m: np.roll(m, 2), lambda m: np.rot90(m), lambda m: np.tril(m, -1),
    lambda m: np.triu(m), lambda m: np.diagonal(m, 1), lambda m: np.tile(m, (2, 1)),
    lambda m: np.repeat(m, 2, axis=1), lambda m: np.diff(m, axis=0),
    lambda m: np.concatenate([m, m], 1), lambda m: np.stack([m, m], 1),
    lambda m: np.hstack([m, m]), lambda m: np.vstack([m, m]),
    lambda m: np.take(m, [1, 5]), lambda m: np.sort(m, 0), lambda m: np.argsort(m, 1),
    lambda m: np.where(m > 0, m, -m), lambda m: np.clip(m, -0.5, 0.5),
    lambda m: np.outer(m[0], m[1]), lambda m: np.kron(m[:2, :2], m[:2, :2]),
    lambda m: np.inner(m, m), lambda m: np.dot(m, np.transpose(m)), lambda m: np.vdot(m, m),
    lambda m: np.tensordot(m, m, ([0, 1], [0, 1])), lambda m: np.pad(m, [[1, 1], [1, 1]], "constant"),
    lambda m: np.cross(m[:, :3], m[:, 1:]), lambda m: np.average(m, 1, [1, 2, 3, 4]),
])
def test_array_functions_match_numpy(fn):
    import types
    mod = types.SimpleNamespace(**{n: getattr(tnp, n) for n in dir(tnp) if not n.startswith("_")})

    def via(ns, m):
        code = fn.__code__
        return types.FunctionType(code, dict(fn.__globals__, np=ns))(m)
    want = via(np, A)
    got = via(mod, tnp.asarray(A))
    if hasattr(got, "numpy"):
        got = got.numpy()
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12, atol=1e-12)


def test_dtype_inference_is_numpy_s():
    assert tnp.asarray(1).dtype == tf.int64
    assert tnp.asarray(1.0).dtype == tf.float64
    assert tnp.asarray([1, 2.5]).dtype == tf.float64
    assert tnp.asarray(np.float32(1)).dtype == tf.float32
    assert tnp.ones([2]).dtype == tf.float64
    assert tnp.arange(3).dtype == tf.int64
    assert tnp.add(tnp.asarray([1], tnp.int8), 1).dtype == tf.int8
    assert tnp.add(tnp.asarray([1], tnp.int32), 1.5).dtype == tf.float64
    assert tnp.true_divide(1, 2).dtype == tf.float64
    assert tnp.sum([True, False]).dtype == tf.int64


@pytest.mark.parametrize("fn", [
    lambda x: tnp.sum(tnp.square(tnp.sin(x)) * tnp.log(x)),
    lambda x: tnp.mean(tnp.exp(x) / (1 + x)),
    lambda x: tnp.std(x, axis=0),
    lambda x: tnp.matmul(x, tnp.transpose(x)),
    lambda x: tnp.cumprod(x, axis=1),
    lambda x: tnp.concatenate(tnp.split(x, 2, axis=1)[::-1], axis=1) * x,
    lambda x: tnp.where(x > 1.0, x, tnp.zeros_like(x)) * tnp.tril(x),
    lambda x: tnp.logaddexp(x, tnp.flip(x)),
    lambda x: tnp.kron(x[:2, :2], x[:2, :2]),
    lambda x: tnp.hypot(x, tnp.roll(x, 1)),
])
def test_gradients_through_tnp(fn):
    tf.test.check_gradients(fn, [POS], order=2)


def _run(code):
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_legacy_mode_promotes_operators_not_functions():
    out = _run("""
        import tapeflow as tf
        tnp = tf.experimental.numpy
        tnp.experimental_enable_numpy_behavior()
        a, b = tf.constant(1, tf.int8), tf.constant(2.5)
        print((a + b).dtype.name, (b * 3).dtype.name, (tf.constant(2) / tf.constant(3)).dtype.name)
        try:
            tf.add(a, b)
        except tf.errors.InvalidArgumentError:
            print("strict")
        print(tf.constant([[1.0, 2.0]]).T.shape, tf.constant([1, 2, 3])[[0, 2]].numpy().tolist())
        v = tf.Variable([1.0, 2.0])
        print((v + tf.constant(1, tf.int32)).dtype.name)
    """)
    assert out.split() == ["float32", "float32", "float64", "strict", "(2,", "1)", "[1,", "3]",
                           "float64"]


def test_all_mode_weak_tensors_and_gradients():
    out = _run("""
        import tapeflow as tf
        tnp = tf.experimental.numpy
        tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
        w = tf.constant(2.0)
        print(repr(w))
        x = tf.constant([1.0, 2.0], tf.float16)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(x * w + tf.constant(1, tf.int64))
        g = tape.gradient(y, x)
        print(y.dtype.name, g.dtype.name, g.numpy().tolist())
        print(tf.add(tf.constant(1, tf.int8), tf.constant(1, tf.uint32)).dtype.name)
    """)
    lines = out.splitlines()
    assert lines[0] == "<tf.Tensor: shape=(), dtype=float32, numpy=2.0, weak=True>"
    assert lines[1] == "float16 float16 [2.0, 2.0]"
    assert lines[2] == "int64"


def test_safe_mode_raises_type_error():
    out = _run("""
        import tapeflow as tf
        tnp = tf.experimental.numpy
        tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="safe")
        try:
            tf.constant(1) + tf.constant(1.0, tf.float16)
            print("weak ok")
            tf.constant(1, tf.int32) + tf.constant(1.0)
        except TypeError as e:
            print("TypeError", "PromoMode.SAFE" in str(e))
    """)
    assert out.split() == ["weak", "ok", "TypeError", "True"]


def test_bad_mode_is_value_error():
    with pytest.raises(ValueError, match="does not exist"):
        tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="sometimes")
    assert _common.PROMOTION is None
