"""TF1 graph programs: Sessions, graph variables with per-session state, variable scopes,
symbolic tf.gradients (checked against GradientTape and finite differences), TF1 optimizers,
Saver, the eager switch. TF's own printed behaviour is in the `tf1_graph` conformance area;
these tests check semantics."""
import os
import subprocess
import sys

import numpy as np
import pytest

import tapeflow as tf

v1 = tf.compat.v1
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _graph():
    return v1.Graph()


# -- sessions: pruning, ordering, caching ----------------------------------------------------------
def test_run_executes_only_what_fetches_need():
    g = _graph()
    with g.as_default():
        v = v1.Variable(0.0)
        inc = v1.assign_add(v, 1.0)
        other = v1.assign_add(v, 100.0)
        read = v * 1.0
        init = v1.global_variables_initializer()
    with v1.Session(graph=g) as sess:
        sess.run(init)
        for _ in range(3):
            sess.run(inc)
        assert sess.run(read) == 3.0  # `other` (stateful, not fetched) never ran
        assert len(sess._plans) == 3
        sess.run(inc)
        assert len(sess._plans) == 3  # the plan for `inc` was reused
        del other


def test_fetching_an_op_runs_its_control_inputs():
    g = _graph()
    with g.as_default():
        v = v1.Variable(1.0)
        w = v1.Variable(2.0)
        step = tf.group(v1.assign(v, 10.0), v1.assign(w, 20.0))
        with tf.control_dependencies([step]):
            after = tf.identity(v.read_value() + w.read_value())
        with tf.control_dependencies(None):
            free = tf.identity(w.read_value())
        init = v1.global_variables_initializer()
    assert free.op.control_inputs == []
    with v1.Session(graph=g) as sess:
        sess.run(init)
        assert sess.run(free) == 2.0
        assert sess.run(after) == 30.0


def test_feeds_by_tensor_and_by_name_and_intermediate_tensors():
    g = _graph()
    with g.as_default():
        x = v1.placeholder(tf.float32, [2], name="x")
        y = x * 2.0
        z = y + 1.0
    with v1.Session(graph=g) as sess:
        np.testing.assert_allclose(sess.run(z, {"x:0": [1.0, 2.0]}), [3.0, 5.0])
        # feeding an intermediate tensor replaces its value; x need not be fed
        np.testing.assert_allclose(sess.run(z, {y: [10.0, 20.0]}), [11.0, 21.0])
        with pytest.raises(TypeError):
            sess.run(z, {"x": [1.0, 2.0]})  # an operation's name, not a tensor's


def test_fetches_from_another_graph_are_rejected():
    g1, g2 = _graph(), _graph()
    with g1.as_default():
        a = v1.placeholder(tf.float32, [])
    with g2.as_default():
        b = tf.constant(1.0) + 1.0
    with v1.Session(graph=g2) as sess:
        with pytest.raises(ValueError):
            sess.run(a, {a: 1.0})
        assert sess.run(b) == 2.0


def test_indexed_slices_fetch():
    g = _graph()
    with g.as_default():
        w = v1.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        y = tf.reduce_sum(tf.gather(w, [2, 0]))
        (gw,) = v1.gradients(y, w)
        init = v1.global_variables_initializer()
    with v1.Session(graph=g) as sess:
        sess.run(init)
        out = sess.run(gw)
    if isinstance(gw, tf.IndexedSlices):
        assert type(out).__name__ == "IndexedSlicesValue"
        dense = np.zeros((3, 2))
        np.add.at(dense, out.indices, out.values)
    else:
        dense = out
    np.testing.assert_allclose(dense, [[1, 1], [0, 0], [1, 1]])


def test_concurrent_runs_share_a_session_safely():
    import threading
    g = _graph()
    with g.as_default():
        x = v1.placeholder(tf.float32, [2])
        v = v1.Variable(0.0)
        inc = v1.assign_add(v, 1.0)
        y = tf.reduce_sum(x * 2.0)
        init = v1.global_variables_initializer()
    sess = v1.Session(graph=g)
    sess.run(init)
    errors = []

    def work(k):
        try:
            for i in range(100):
                assert sess.run(y, {x: [k, i]}) == 2 * (k + i)
                sess.run(inc)
        except (AssertionError, tf.errors.OpError, RuntimeError, TypeError, ValueError) as e:
            errors.append(e)
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sess.run(v) == 400.0  # no update was lost


def test_run_and_eval_without_a_default_session():
    g = _graph()
    with g.as_default():
        op = tf.no_op()
        t = tf.constant(1.0) + 1.0
        with pytest.raises(ValueError, match="No default session"):
            op.run()
        with pytest.raises(ValueError, match="No default session"):
            t.eval()


def test_errors_name_the_failing_node():
    g = _graph()
    with g.as_default():
        a = v1.placeholder(tf.float32, [None])
        b = v1.placeholder(tf.float32, [None])
        c = a + b
    with v1.Session(graph=g) as sess, pytest.raises(tf.errors.InvalidArgumentError):
        sess.run(c, {a: [1.0, 2.0], b: [1.0, 2.0, 3.0]})


# -- graph variables -------------------------------------------------------------------------------
def test_variables_belong_to_sessions():
    g = _graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0], name="v")  # tf.Variable in a TF1 graph: a graph variable
        assert type(v).__name__ == "GraphVariable"
        init = v1.global_variables_initializer()
        double = v.assign(v * 2.0)
    s1, s2 = v1.Session(graph=g), v1.Session(graph=g)
    s1.run(init)
    s1.run(double)
    s1.run(double)
    with pytest.raises(tf.errors.FailedPreconditionError):
        s2.run(v)
    s2.run(init)
    np.testing.assert_allclose(s1.run(v), [4.0, 8.0])
    np.testing.assert_allclose(s2.run(v), [1.0, 2.0])
    s1.close()
    assert s1._values == {}
    with pytest.raises(RuntimeError):
        s1.run(v)


def test_graph_variables_are_hashable_and_compare_by_identity():
    g = _graph()
    with g.as_default():
        a = v1.Variable(1.0)
        b = v1.Variable(1.0)
    same = a
    assert a == same and a != b
    assert {a: 1, b: 2}[b] == 2
    assert [a, b].index(b) == 1


def test_graph_variable_outside_graph_and_session():
    g = _graph()
    with g.as_default():
        v = v1.Variable(1.0)
    with pytest.raises(TypeError, match="out of scope"):
        v + 1.0
    with pytest.raises(TypeError, match="out of scope"):
        v.assign(2.0)
    g2 = _graph()
    with g2.as_default(), pytest.raises(ValueError):
        v * 2.0


def test_fetched_variable_values_are_copies():
    g = _graph()
    with g.as_default():
        v = v1.Variable([1.0, 2.0])
        init = v1.global_variables_initializer()
    with v1.Session(graph=g) as sess:
        sess.run(init)
        out = sess.run(v)
        out[0] = 99.0
        np.testing.assert_allclose(sess.run(v), [1.0, 2.0])


def test_assignment_shape_is_checked_when_run():
    g = _graph()
    with g.as_default():
        v = v1.Variable([1.0, 2.0])
        p = v1.placeholder(tf.float32, [None])
        a = v.assign(p)
        init = v1.global_variables_initializer()
    with v1.Session(graph=g) as sess:
        sess.run(init)
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(a, {p: [1.0, 2.0, 3.0]})
        np.testing.assert_allclose(sess.run(v), [1.0, 2.0])


def test_variable_scope_reuse_shares_variables():
    g = _graph()
    with g.as_default():
        def net(x):
            w = v1.get_variable("w", [2], initializer=v1.ones_initializer())
            return x * w
        with v1.variable_scope("m"):
            y1 = net(tf.constant([1.0, 2.0]))
        with v1.variable_scope("m", reuse=True):
            y2 = net(y1)
        assert len(v1.global_variables()) == 1
        with pytest.raises(ValueError, match="already exists"), v1.variable_scope("m"):
            net(y1)
        init = v1.global_variables_initializer()
    with v1.Session(graph=g) as sess:
        sess.run(init)
        np.testing.assert_allclose(sess.run(y2), [1.0, 2.0])


def test_get_variable_eagerly_makes_new_variables():
    with v1.variable_scope("eager_scope"):
        a = v1.get_variable("z", [2], initializer=v1.zeros_initializer())
        b = v1.get_variable("z", [2], initializer=v1.zeros_initializer())
    assert a is not b and a.name == "eager_scope/z:0"
    np.testing.assert_allclose(a.numpy(), [0.0, 0.0])


def test_collections_and_regularizers():
    g = _graph()
    with g.as_default():
        with v1.variable_scope("r", regularizer=lambda w: tf.reduce_sum(w * w)):
            w = v1.get_variable("w", [2], initializer=v1.constant_initializer(3.0))
        losses = v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES)
        init = v1.global_variables_initializer()
    assert len(losses) == 1
    with v1.Session(graph=g) as sess:
        sess.run(init)
        assert sess.run(losses[0]) == 18.0
        assert sess.run(w).tolist() == [3.0, 3.0]


# -- tf.gradients ----------------------------------------------------------------------------------
def _numeric_grad(f, x, eps=1e-6):
    x = np.array(x, dtype=np.float64)
    out = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        d = np.zeros_like(x)
        d[i] = eps
        out[i] = (f(x + d) - f(x - d)) / (2 * eps)
    return out


FUNCTIONS = [
    ("poly", lambda x: tf.reduce_sum(x ** 3 - 2.0 * x)),
    ("trig", lambda x: tf.reduce_sum(tf.sin(x) * tf.cos(2.0 * x))),
    ("matmul", lambda x: tf.reduce_sum(tf.matmul(tf.reshape(x, [2, 2]), tf.reshape(x, [2, 2])))),
    ("softplus", lambda x: tf.reduce_sum(tf.math.log(1.0 + tf.exp(x)))),
    ("while", lambda x: tf.reduce_sum(tf.while_loop(lambda i, y: i < 3,
                                                    lambda i, y: (i + 1, tf.tanh(y) * x),
                                                    [0, x])[1])),
    ("cond", lambda x: tf.cond(tf.reduce_sum(x) > 0.0, lambda: tf.reduce_sum(x * x),
                               lambda: tf.reduce_sum(tf.exp(x)))),
]


@pytest.mark.parametrize("name,f", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_symbolic_gradients_match_tape_and_finite_differences(name, f):
    x0 = np.array([0.3, -0.7, 1.1, 0.4])
    g = _graph()
    with g.as_default():
        x = v1.placeholder(tf.float64, [4])
        y = f(x)
        (dx,) = v1.gradients(y, x)
        (hx,) = v1.hessians(y, x)
    with v1.Session(graph=g) as sess:
        grad, hess = sess.run([dx, hx], {x: x0})
        value = lambda v: sess.run(y, {x: v})
        np.testing.assert_allclose(grad, _numeric_grad(value, x0), rtol=1e-6, atol=1e-8)
        grad_fn = lambda v: sess.run(dx, {x: v})
        numeric_h = np.stack([_numeric_grad(lambda u, j=j: grad_fn(u)[j], x0) for j in range(4)])
        np.testing.assert_allclose(hess, numeric_h, rtol=1e-5, atol=1e-6)
    xe = tf.constant(x0)
    with tf.GradientTape() as tape:
        tape.watch(xe)
        ye = f(xe)
    np.testing.assert_allclose(grad, tape.gradient(ye, xe).numpy(), rtol=1e-12)


def test_jacobian_by_stacking_gradients_matches_tape():
    x0 = np.array([1.0, 2.0, 0.5])

    def outputs(x):
        return tf.stack([x[0] * x[1], tf.sin(x[2]) + x[0] ** 2, tf.reduce_prod(x)])
    g = _graph()
    with g.as_default():
        x = v1.placeholder(tf.float64, [3])
        y = outputs(x)
        jac = tf.stack([v1.gradients(y[i], x)[0] for i in range(3)])
    with v1.Session(graph=g) as sess:
        j = sess.run(jac, {x: x0})
    xe = tf.constant(x0)
    with tf.GradientTape() as tape:
        tape.watch(xe)
        ye = outputs(xe)
    np.testing.assert_allclose(j, tape.jacobian(ye, xe).numpy(), rtol=1e-12)


def test_gradients_of_graph_variables_and_zeros():
    g = _graph()
    with g.as_default():
        w = v1.Variable([1.0, 2.0])
        unused = v1.Variable(5.0)
        y = tf.reduce_sum(w * w)
        gw, gu = v1.gradients(y, [w, unused])
        assert gu is None
        _, zu = v1.gradients(y, [w, unused], unconnected_gradients=tf.UnconnectedGradients.ZERO)
        init = v1.global_variables_initializer()
    with v1.Session(graph=g) as sess:
        sess.run(init)
        np.testing.assert_allclose(sess.run(gw), [2.0, 4.0])
        assert sess.run(zu) == 0.0


def test_gradients_eagerly_raise():
    with pytest.raises(RuntimeError, match="eager execution"):
        tf.gradients(tf.constant(1.0), tf.constant(1.0))


def test_gradients_inside_tf_function():
    @tf.function
    def f(x):
        y = tf.reduce_sum(x ** 2)
        (g,) = tf.gradients(y, [x])
        return g
    np.testing.assert_allclose(f(tf.constant([1.0, 3.0])).numpy(), [2.0, 6.0])


def test_autopacked_lists_keep_gradients():
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum([x, x * x, 3.0])
    assert float(tape.gradient(y, x)) == 5.0


def test_gradient_of_cond_whose_other_branch_saved_values():
    @tf.function
    def f(x, flag):
        with tf.GradientTape() as t:
            t.watch(x)
            p = x * x
            c = tf.cond(flag, lambda: p * 2.0, lambda: tf.sin(p))
        return t.gradient(c, x)
    assert float(f(tf.constant(1.5), tf.constant(True))) == pytest.approx(6.0)
    assert float(f(tf.constant(1.5), tf.constant(False))) == pytest.approx(3.0 * np.cos(2.25))


# -- optimizers ------------------------------------------------------------------------------------
def _train(opt_factory, steps=3):
    g = _graph()
    with g.as_default():
        w = v1.Variable([1.0, -2.0])
        loss = tf.reduce_sum(w ** 2 * [1.0, 3.0] + w)
        opt = opt_factory()
        train = opt.minimize(loss)
        init = v1.global_variables_initializer()
    with v1.Session(graph=g) as sess:
        sess.run(init)
        for _ in range(steps):
            sess.run(train)
        graph_result = sess.run(w)
    we = tf.Variable([1.0, -2.0])
    opt = opt_factory()
    for _ in range(steps):
        opt.minimize(lambda: tf.reduce_sum(we ** 2 * [1.0, 3.0] + we), var_list=[we])
    return graph_result, we.numpy()


@pytest.mark.parametrize("factory", [
    lambda: v1.train.GradientDescentOptimizer(0.1),
    lambda: v1.train.MomentumOptimizer(0.1, 0.9),
    lambda: v1.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
    lambda: v1.train.AdamOptimizer(0.1),
    lambda: v1.train.AdagradOptimizer(0.1),
    lambda: v1.train.RMSPropOptimizer(0.1, momentum=0.5, centered=True),
], ids=["sgd", "momentum", "nesterov", "adam", "adagrad", "rmsprop"])
def test_optimizers_agree_in_graphs_and_eagerly(factory):
    graph_w, eager_w = _train(factory)
    np.testing.assert_allclose(graph_w, eager_w, rtol=1e-6)


def test_adam_matches_tf1_update_rule():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    w = np.array([1.0, -2.0])
    m = np.zeros(2)
    v = np.zeros(2)
    for t in range(1, 4):
        grad = 2 * w * np.array([1.0, 3.0]) + 1
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w = w - lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t) * m / (np.sqrt(v) + eps)
    graph_w, _ = _train(lambda: v1.train.AdamOptimizer(lr, b1, b2, eps))
    np.testing.assert_allclose(graph_w, w, rtol=1e-5)


# -- Saver -----------------------------------------------------------------------------------------
def test_saver_writes_tapeflow_checkpoints(tmp_path):
    g = _graph()
    with g.as_default():
        w = v1.Variable([1.0, 2.0], name="w")
        saver = v1.train.Saver()
        init = v1.global_variables_initializer()
    assert saver._vars == {"w": w}
    with v1.Session(graph=g) as sess:
        sess.run(init)
        prefix = saver.save(sess, str(tmp_path / "model"), global_step=7)
    assert prefix.endswith("model-7")
    assert os.path.exists(prefix + ".npz")
    with np.load(prefix + ".npz", allow_pickle=False) as z:
        assert "w" in z.files
    # the same file restores eager variables through a Saver with a var_list
    e = tf.Variable([0.0, 0.0], name="w")
    v1.train.Saver([e]).restore(None, prefix)
    np.testing.assert_allclose(e.numpy(), [1.0, 2.0])


def test_saver_checks_shapes_before_restoring(tmp_path):
    g = _graph()
    with g.as_default():
        a = v1.Variable([1.0, 2.0], name="a")
        init = v1.global_variables_initializer()
        saver = v1.train.Saver([a])
    with v1.Session(graph=g) as sess:
        sess.run(init)
        path = saver.save(sess, str(tmp_path / "c"))
    g2 = _graph()
    with g2.as_default():
        v1.Variable([1.0, 2.0, 3.0], name="a")
        saver2 = v1.train.Saver()
    with v1.Session(graph=g2) as sess, pytest.raises(ValueError):
        saver2.restore(sess, path)


# -- the eager switch and TF1 module paths ---------------------------------------------------------
def test_disable_eager_execution_in_a_fresh_process():
    code = (
        "from tapeflow.python.framework.ops import disable_eager_execution\n"
        "import tapeflow as tf\n"
        "disable_eager_execution()\n"
        "assert not tf.executing_eagerly()\n"
        "x = tf.compat.v1.placeholder(tf.float32, shape=[2])\n"
        "w = tf.Variable([3.0, 4.0])\n"
        "y = tf.reduce_sum(x * w)\n"
        "(g,) = tf.gradients(y, [w])\n"
        "sess = tf.compat.v1.Session()\n"
        "sess.run(tf.compat.v1.global_variables_initializer())\n"
        "print(sess.run([y, g], {x: [1.0, 2.0]}))\n"
        "tf.compat.v1.enable_eager_execution()\n"
        "print(tf.executing_eagerly(), (tf.constant(2.0) * 2).numpy())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["[np.float32(11.0), array([1., 2.], dtype=float32)]",
                                       "True 4.0"]


def test_layers_dense_values():
    g = _graph()
    with g.as_default():
        x = v1.placeholder(tf.float32, [2, 3])
        y = v1.layers.dense(x, 2, kernel_initializer=v1.constant_initializer(0.5),
                            bias_initializer=v1.ones_initializer())
        z = v1.layers.dense(y, 1, use_bias=False, name="out")
        names = [v.name for v in v1.trainable_variables()]
        init = v1.global_variables_initializer()
    assert names == ["dense/kernel:0", "dense/bias:0", "out/kernel:0"]
    with v1.Session(graph=g) as sess:
        sess.run(init)
        out = sess.run(y, {x: [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]})
        assert sess.run(z, {x: np.zeros((2, 3))}).shape == (2, 1)
    np.testing.assert_allclose(out, [[4.0, 4.0], [1.0, 1.0]])


def test_left_out_features_raise_not_implemented():
    with pytest.raises(NotImplementedError, match="import_meta_graph"):
        v1.train.import_meta_graph("x.meta")
    with pytest.raises(NotImplementedError, match="partial"):
        v1.Session().partial_run_setup([])
    with pytest.raises(NotImplementedError, match="SavedModelBuilder"):
        v1.saved_model.Builder("/tmp/x")
    with pytest.raises(NotImplementedError, match="partitioner"):
        v1.get_variable("p", [4], partitioner=lambda *a: [2])
