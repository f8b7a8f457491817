"""Advanced autodiff: vectorized jacobians, forward mode, custom gradients, IndexedSlices and the
functional transforms (tapeflow.autodiff)."""
import numpy as np
import pytest

import tapeflow as tf
from tapeflow.autodiff import grad, hessian, jacfwd, jacrev, jvp, value_and_grad, vjp, vmap
from tapeflow.framework import tape as tape_module

RNG = np.random.default_rng(0)
X = tf.constant(RNG.standard_normal((3, 4)))
W = tf.constant(RNG.standard_normal((4, 2)))

# Functions of a (3, 4) float64 input covering every rule that accepts batched cotangents.
JACOBIAN_CASES = {
    "elementwise": lambda x: tf.sin(x) * x + tf.exp(x) / (1 + x * x),
    "unary_set": lambda x: tf.tanh(x) + tf.sigmoid(x) + tf.math.softplus(x) + tf.atan(x)
    + tf.cos(x) * tf.sinh(x * 0.1) + tf.math.log1p(x * x) + tf.math.expm1(x * 0.1),
    "sum_axis": lambda x: tf.reduce_sum(x * x, axis=1),
    "mean_keepdims": lambda x: tf.reduce_mean(x, axis=0, keepdims=True) * x,
    "max": lambda x: tf.reduce_max(x, axis=1),
    "min_all": lambda x: tf.reduce_min(x) * x,
    "prod": lambda x: tf.reduce_prod(x, axis=0),
    "matmul": lambda x: tf.matmul(x, W),
    "matmul_transposed": lambda x: tf.matmul(W, x, transpose_a=True, transpose_b=True),
    "reshape_transpose": lambda x: tf.transpose(tf.reshape(x, (2, 6))),
    "slice_steps": lambda x: x[1:, ::2] * 2.0,
    "slice_index_newaxis": lambda x: x[0][:3] + x[:, 1][None],
    "concat": lambda x: tf.concat([x, x * 2.0], axis=1),
    "stack": lambda x: tf.stack([x, tf.sin(x)], axis=1),
    "unstack": lambda x: tf.unstack(x, axis=1)[2] * tf.unstack(x)[0][1],
    "split": lambda x: tf.split(x, [1, 3], axis=1)[1],
    "tile": lambda x: tf.tile(x, [2, 1]),
    "broadcast_to": lambda x: tf.broadcast_to(x[0], (5, 4)),
    "pad_constant": lambda x: tf.pad(x, [[1, 0], [0, 2]]),
    "pad_reflect": lambda x: tf.pad(x, [[1, 1], [2, 2]], mode="REFLECT"),
    "reverse": lambda x: tf.reverse(x, [1]),
    "gather_axis0": lambda x: tf.gather(x, [2, 0, 2]),
    "gather_axis1": lambda x: tf.gather(x, [3, 1], axis=1),
    "where": lambda x: tf.where(x > 0, x * x, -x),
    "softmax": lambda x: tf.nn.softmax(x),
    "log_softmax_axis0": lambda x: tf.nn.log_softmax(x, axis=0),
    "softmax_xent": lambda x: tf.nn.softmax_cross_entropy_with_logits(
        tf.nn.softmax(tf.ones((3, 4), tf.float64)), x),
    "sparse_xent": lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits([0, 3, 1], x),
    "relu": lambda x: tf.nn.relu(x) * x,
    "cumsum": lambda x: tf.math.cumsum(x, axis=1, reverse=True),
    "cumprod": lambda x: tf.math.cumprod(x, axis=0, exclusive=True),
    "maximum_minimum": lambda x: tf.maximum(x, 0.1) + tf.minimum(
        x, tf.constant([0.0, 1.0, 0.0, 1.0], tf.float64)),
    "pow": lambda x: tf.pow(tf.abs(x) + 1.0, x),
    "sqrt_rsqrt": lambda x: tf.sqrt(x * x + 1.0) + tf.math.rsqrt(x * x + 2.0),
    "cast_roundtrip": lambda x: tf.cast(tf.cast(x, tf.float32) * 2.0, tf.float64),
    "bias_add": lambda x: x + tf.constant([1.0, 2.0, 3.0, 4.0], tf.float64),
    "expand_squeeze": lambda x: tf.squeeze(tf.expand_dims(x, 1) * 2.0),
    "divide_atan2": lambda x: x / (x * x + 1.0) + tf.math.atan2(x, x * x + 1.0),
}


def _count_sweeps(monkeypatch):
    calls = []
    original = tape_module.GradientTape._backprop

    def counting(self, *args, **kwargs):
        calls.append(kwargs.get("batch_ndim", 0))
        return original(self, *args, **kwargs)
    monkeypatch.setattr(tape_module.GradientTape, "_backprop", counting)
    return calls


@pytest.mark.parametrize("name", sorted(JACOBIAN_CASES))
def test_vectorized_jacobian_matches_loop_and_finite_differences(name, monkeypatch):
    f = JACOBIAN_CASES[name]
    calls = _count_sweeps(monkeypatch)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(X)
        y = f(X)
    fast = tape.jacobian(y, X)
    assert calls == [1], "the default jacobian must be one vectorized sweep"
    slow = tape.jacobian(y, X, experimental_use_pfor=False)
    assert fast.shape == y.shape + X.shape
    np.testing.assert_allclose(fast.numpy(), slow.numpy(), rtol=1e-10, atol=1e-12)
    low_precision = name == "cast_roundtrip"  # float32 inside: coarser differences
    theoretical, numerical = tf.test.compute_gradient(f, [X], delta=1e-3 if low_precision else 1e-6)
    np.testing.assert_allclose(fast.numpy().reshape(theoretical[0].shape), numerical[0],
                               rtol=1e-3 if low_precision else 1e-5, atol=1e-6)


def test_jacobian_falls_back_to_loop_for_custom_gradients(monkeypatch):
    @tf.custom_gradient
    def double(x):
        return x * 2.0, lambda dy: dy * 2.0
    x = tf.constant([1.0, 2.0, 3.0])
    calls = _count_sweeps(monkeypatch)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = double(x) * x
    j = tape.jacobian(y, x)
    assert calls == [1, 0, 0, 0]  # the vectorized attempt, then one sweep per row
    np.testing.assert_allclose(j.numpy(), np.diag([4.0, 8.0, 12.0]))


def test_non_persistent_jacobian_is_single_use():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.jacobian(y, x)
    with pytest.raises(RuntimeError, match="non-persistent"):
        tape.jacobian(y, x)


def test_jacobian_without_pfor_needs_persistent_tape():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    with pytest.raises(RuntimeError, match="persistent=True"):
        tape.jacobian(y, x, experimental_use_pfor=False)


def test_batch_jacobian_vectorized_matches_loop():
    x = tf.constant(RNG.standard_normal((4, 3)))
    w = tf.constant(RNG.standard_normal((3, 2)))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.matmul(tf.sin(x), w) * tf.reduce_sum(x, axis=1, keepdims=True)
    fast = tape.batch_jacobian(y, x)
    slow = tape.batch_jacobian(y, x, experimental_use_pfor=False)
    assert fast.shape == (4, 2, 3)
    np.testing.assert_allclose(fast.numpy(), slow.numpy(), rtol=1e-10)
    full = tape.jacobian(y, x).numpy()
    for b in range(4):
        np.testing.assert_allclose(fast.numpy()[b], full[b, :, b, :], rtol=1e-10)


def test_hessian_by_nested_tapes_vectorized():
    v = tf.constant(RNG.standard_normal(64))

    def f(u):
        return tf.reduce_sum(tf.sin(u) * tf.reduce_sum(u * u))
    with tf.GradientTape() as t2:
        t2.watch(v)
        with tf.GradientTape() as t1:
            t1.watch(v)
            y = f(v)
        g = t1.gradient(y, v)
    h = t2.jacobian(g, v).numpy()
    u = v.numpy()
    s = np.sum(u * u)
    expected = (np.diag(-np.sin(u) * s + 2 * np.sum(np.sin(u))) + 2 * np.outer(np.cos(u), u)
                + 2 * np.outer(u, np.cos(u)))
    np.testing.assert_allclose(h, expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(hessian(f)(v).numpy(), expected, rtol=1e-9, atol=1e-9)


# -- forward mode -----------------------------------------------------------------------------
def test_forward_accumulator_matches_reverse_jacobian():
    for name, f in sorted(JACOBIAN_CASES.items()):
        tangent = tf.constant(RNG.standard_normal(X.shape))
        with tf.autodiff.ForwardAccumulator(X, tangent) as acc:
            y = f(X)
        with tf.GradientTape() as tape:
            tape.watch(X)
            y2 = f(X)
        jac = tape.jacobian(y2, X).numpy().reshape(int(np.prod(y2.shape)), -1)
        expected = (jac @ tangent.numpy().reshape(-1)).reshape(y.shape)
        tol = 1e-6 if name == "cast_roundtrip" else 1e-9  # float32 inside
        np.testing.assert_allclose(acc.jvp(y).numpy(), expected, rtol=tol, atol=tol, err_msg=name)


def test_forward_over_reverse_hessian_vector_product():
    x = tf.constant([1.0, 2.0, 3.0])
    v = tf.constant([1.0, 0.5, -1.0])
    with tf.autodiff.ForwardAccumulator(x, v) as acc:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(x * x * x) * tf.reduce_sum(x)
        g = tape.gradient(y, x)
    hvp = acc.jvp(g).numpy()
    u = x.numpy()
    h = np.diag(6 * u * np.sum(u)) + 3 * np.add.outer(u * u, u * u)
    np.testing.assert_allclose(hvp, h @ v.numpy(), rtol=1e-6)


def test_reverse_over_forward():
    x = tf.constant([0.5, 1.5])
    v = tf.constant([1.0, 1.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        with tf.autodiff.ForwardAccumulator(x, v) as acc:
            y = tf.reduce_sum(tf.exp(x) * x)
        j = acc.jvp(y)
    g = tape.gradient(j, x).numpy()
    u = x.numpy()
    np.testing.assert_allclose(g, np.exp(u) * (u + 2), rtol=1e-6)


def test_forward_accumulator_variables_and_unconnected():
    v = tf.Variable([1.0, 2.0])
    z = tf.constant(3.0)
    with tf.autodiff.ForwardAccumulator(v, tf.constant([1.0, 1.0])) as acc:
        y = tf.reduce_sum(v * v)
        w = z * z
    assert float(acc.jvp(y)) == 6.0
    assert acc.jvp(w) is None
    assert float(acc.jvp(w, unconnected_gradients="zero")) == 0.0


def test_forward_accumulator_does_not_see_its_own_tangent_ops():
    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as outer:
        with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as inner:
            y = x * x * x
        dy = inner.jvp(y)  # 3x^2, computed by ops the outer accumulator sees
    assert float(dy) == 12.0
    assert float(outer.jvp(dy)) == 12.0  # d(3x^2)/dx = 6x


# -- custom gradients ---------------------------------------------------------------------------
def test_custom_gradient_with_variables_and_errors():
    w = tf.Variable(2.0)

    @tf.custom_gradient
    def scale(x):
        def grad_fn(dy, variables=None):
            assert variables == [w] or variables[0] is w
            return dy * 10.0, [dy * 100.0]
        return x * w, grad_fn
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = scale(x)
    gx, gw = tape.gradient(y, [x, w])
    assert (float(gx), float(gw)) == (10.0, 100.0)

    @tf.custom_gradient
    def bad(x):
        return x * w, lambda dy: dy
    with pytest.raises(TypeError, match="variables"):
        with tf.GradientTape() as tape:
            tape.watch(x)
            bad(x)


def test_custom_gradient_wrong_count_and_none():
    @tf.custom_gradient
    def two(x):
        return x * 2.0, lambda dy: (dy, dy)
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = two(x)
    with pytest.raises(ValueError, match="expected to return 1 gradients"):
        tape.gradient(y, x)

    @tf.custom_gradient
    def blocked(x):
        return x * 2.0, lambda dy: None
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = blocked(x)
    assert tape.gradient(y, x) is None


def test_custom_gradient_second_order_and_forward_mode():
    @tf.custom_gradient
    def f(x):
        return x * 2.0, lambda dy: dy * 10.0
    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            y = f(x * x)
        g = t2.gradient(y, x)
    assert float(g) == 60.0 and float(t.gradient(g, x)) == 20.0
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = f(x)
    assert float(acc.jvp(y)) == 2.0  # forward mode differentiates the real forward ops, as TF


def test_recompute_grad_and_grad_pass_through():
    w = tf.Variable([1.0, 2.0])
    f = tf.recompute_grad(lambda z: tf.reduce_sum(tf.tanh(z * w)))
    x = tf.constant([0.5, -0.5])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    gx, gw = tape.gradient(y, [x, w])
    t = 1 - np.tanh(x.numpy() * w.numpy()) ** 2
    np.testing.assert_allclose(gx.numpy(), t * w.numpy(), rtol=1e-6)
    np.testing.assert_allclose(gw.numpy(), t * x.numpy(), rtol=1e-6)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.grad_pass_through(tf.round)(x * 3.0)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [3.0, 3.0])


@pytest.fixture(autouse=True)
def _drop_test_primitives():
    """Primitives a test declares (named TapeflowTest...) leave the registry afterwards, so the
    registry's completeness test sees only tapeflow's own records."""
    yield
    from tapeflow.framework import op as op_module
    for name in [n for n in op_module.REGISTRY if n.startswith("TapeflowTest")]:
        del op_module.REGISTRY[name]

def test_register_gradient_and_no_gradient():
    from tapeflow.framework.op import apply1, defop
    op = defop("TapeflowTestSquare", np.square)

    @tf.RegisterGradient("TapeflowTestSquare")
    def _square_grad(node, g):
        return g * 2.0 * node.inputs[0]
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = apply1(op, x)
    assert float(tape.gradient(y, x)) == 6.0
    with pytest.raises(KeyError, match="Registering two gradient"):
        tf.RegisterGradient("TapeflowTestSquare")(_square_grad)
    op2 = defop("TapeflowTestCube", lambda v: v ** 3)
    tf.no_gradient("TapeflowTestCube")
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = apply1(op2, x)
    assert tape.gradient(y, x) is None


def test_indexed_slices_from_gather_on_variable():
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.gather(v, [0, 2]) * 2.0) + tf.reduce_sum(tf.gather(v, [2]))
    g = tape.gradient(y, v)
    assert isinstance(g, tf.IndexedSlices)
    np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), [[2, 2], [0, 0], [3, 3]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.gather(v, [1])) + tf.reduce_sum(v * v)
    g = tape.gradient(y, v)
    assert type(g) is tf.Tensor  # sparse + dense sums densely
    np.testing.assert_allclose(g.numpy(), 2 * v.numpy() + np.array([[0, 0], [1, 1], [0, 0]]))


# -- functional transforms ------------------------------------------------------------------------
def test_grad_value_and_grad_argnums_has_aux():
    def f(x, y):
        return tf.reduce_sum(x * x * y), {"aux": x + 1.0}
    x, y = tf.constant([1.0, 2.0]), tf.constant(3.0)
    (value, aux), (gx, gy) = value_and_grad(f, argnums=(0, 1), has_aux=True)(x, y)
    assert float(value) == 15.0
    np.testing.assert_allclose(aux["aux"].numpy(), [2.0, 3.0])
    np.testing.assert_allclose(gx.numpy(), [6.0, 12.0])
    assert float(gy) == 5.0
    g, aux = grad(f, has_aux=True)(x, y)
    np.testing.assert_allclose(g.numpy(), [6.0, 12.0])
    assert float(grad(lambda a, b: a * 0.0 + b, argnums=0)(1.0, 2.0)) == 0.0
    with pytest.raises(TypeError, match="scalar"):
        grad(lambda a: a * a)(tf.constant([1.0, 2.0]))


def test_higher_order_grad_and_composition_with_tapes():
    f = lambda x: x ** 4  # noqa: E731
    x = tf.constant(2.0)
    assert float(grad(grad(grad(f)))(x)) == 48.0
    with tf.GradientTape() as tape:
        tape.watch(x)
        g = grad(f)(x)
    assert float(tape.gradient(g, x)) == 48.0


def test_vjp_jvp_jacrev_jacfwd_hessian_agree():
    def f(x):
        return tf.sin(x) * tf.reduce_sum(x * x)
    x = tf.constant([0.3, -1.2, 2.0])
    y, back = vjp(f, x)
    ct = tf.constant([1.0, 2.0, 3.0])
    (g,) = back(ct)
    jr = jacrev(f)(x).numpy()
    jf = jacfwd(f)(x).numpy()
    np.testing.assert_allclose(jr, jf, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(g.numpy(), ct.numpy() @ jr, rtol=1e-5)
    _, t = jvp(f, (x,), (ct,))
    np.testing.assert_allclose(t.numpy(), jr @ ct.numpy(), rtol=1e-5)
    scalar = lambda u: tf.reduce_sum(f(u))  # noqa: E731
    h1 = hessian(scalar)(x).numpy()
    h2 = jacfwd(jacrev(scalar))(x).numpy()
    np.testing.assert_allclose(h1, h2, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(h1, h1.T, rtol=1e-4, atol=1e-5)


def test_vmap_per_example_gradients():
    w = tf.constant(RNG.standard_normal((3, 2)))
    xs = tf.constant(RNG.standard_normal((5, 3)))

    def loss(w, x):
        return tf.reduce_sum(tf.tanh(tf.matmul(x[None], w)) ** 2)
    per_example = vmap(grad(loss), in_axes=(None, 0))(w, xs)
    assert per_example.shape == (5, 3, 2)
    for i in range(5):
        np.testing.assert_allclose(per_example.numpy()[i], grad(loss)(w, xs[i]).numpy(),
                                   rtol=1e-12)
    np.testing.assert_allclose(tf.reduce_sum(per_example, 0).numpy(),
                               grad(lambda w: tf.add_n([loss(w, xs[i]) for i in range(5)]))(w)
                               .numpy(), rtol=1e-10)


def test_vmap_axes_nests_and_errors():
    out = vmap(lambda a, b: {"s": a + b, "p": a * b}, in_axes=(0, 1))(
        tf.ones((3, 2)), tf.ones((2, 3)) * 2.0)
    assert out["s"].shape == (3, 2) and float(out["p"][0, 0]) == 2.0
    stacked = vmap(lambda a: a * 2.0, out_axes=1)(tf.ones((3, 2)))
    assert stacked.shape == (2, 3)
    with pytest.raises(ValueError, match="inconsistent"):
        vmap(lambda a, b: a + b)(tf.ones(3), tf.ones(4))
    with pytest.raises(ValueError, match="at least one"):
        vmap(lambda a: a, in_axes=None)(tf.ones(3))


def test_check_gradients_catches_a_wrong_rule():
    from tapeflow.framework.op import apply1, defop
    wrong = defop("TapeflowTestWrongSin", np.sin, lambda op, g: g * tf.sin(op.inputs[0]),
                  lambda op, dx: dx * tf.cos(op.inputs[0]))
    with pytest.raises(AssertionError, match="reverse-mode"):
        tf.test.check_gradients(lambda x: apply1(wrong, x), [np.array([0.3, 1.0])], order=1)
    wrong_jvp = defop("TapeflowTestWrongJvp", np.sin, lambda op, g: g * tf.cos(op.inputs[0]),
                      lambda op, dx: dx * tf.sin(op.inputs[0]))
    with pytest.raises(AssertionError, match="forward-mode"):
        tf.test.check_gradients(lambda x: apply1(wrong_jvp, x), [np.array([0.3, 1.0])], order=1)


def test_vmap_runs_the_function_once_on_batched_tensors():
    calls = []

    def f(x, w):
        calls.append(1)
        return tf.reduce_sum(tf.nn.softmax(tf.matmul(x[None], w)) * tf.range(3, dtype=tf.float64))
    xs = tf.constant(RNG.standard_normal((6, 4)))
    w = tf.constant(RNG.standard_normal((4, 3)))
    out = vmap(f, in_axes=(0, None))(xs, w)
    assert len(calls) == 1  # once, on tensors carrying the whole batch
    np.testing.assert_allclose(out.numpy(), [f(xs[i], w).numpy() for i in range(6)], rtol=1e-12)


def test_vmap_falls_back_to_a_loop_when_f_leaves_tapeflow():
    calls = []

    def f(x):
        calls.append(1)
        return x * float(x.numpy()[0])  # a value read outside tapeflow's ops
    out = vmap(f)(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    np.testing.assert_allclose(out.numpy(), [[1.0, 2.0], [9.0, 12.0]])
    assert len(calls) == 3  # the batched run stops at .numpy(), then one run per example


@pytest.mark.parametrize("name", sorted(JACOBIAN_CASES))
def test_vmap_matches_per_example_results_in_batched_ops(name, monkeypatch):
    from tapeflow.framework import batching
    looped = []
    original_process = batching.Batcher.process

    def process(self, op, inputs, attrs):
        if op.batch is None:
            looped.append(op.name)
        return original_process(self, op, inputs, attrs)
    monkeypatch.setattr(batching.Batcher, "process", process)
    f = JACOBIAN_CASES[name]
    xs = tf.stack([X, X * 0.5 + 0.1, -X])
    out = vmap(f)(xs)
    expected = np.stack([f(xs[i]).numpy() for i in range(3)])
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-6, atol=1e-9)
    assert looped == [], "every op here has a vectorized batch rule"


def test_gradients_flow_through_vmap_and_vmap_of_grad_of_vmap():
    xs = tf.constant(RNG.standard_normal((4, 3)))
    w = tf.constant(RNG.standard_normal((3,)))
    with tf.GradientTape() as tape:
        tape.watch([xs, w])
        y = tf.reduce_sum(vmap(lambda x: tf.sin(x * w), in_axes=0)(xs))
    gx, gw = tape.gradient(y, [xs, w])
    np.testing.assert_allclose(gx.numpy(), np.cos(xs.numpy() * w.numpy()) * w.numpy(), rtol=1e-10)
    np.testing.assert_allclose(gw.numpy(), np.sum(np.cos(xs.numpy() * w.numpy()) * xs.numpy(), 0),
                               rtol=1e-10)
    inner = vmap(lambda row: tf.reduce_sum(row * row))
    outer = vmap(grad(lambda m: tf.reduce_sum(inner(m))))
    batch = tf.constant(RNG.standard_normal((2, 3, 4)))
    np.testing.assert_allclose(outer(batch).numpy(), 2 * batch.numpy(), rtol=1e-12)
