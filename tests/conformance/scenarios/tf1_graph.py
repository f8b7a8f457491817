# TF1 graph programs: tf.compat.v1.Graph, placeholders, Session.run (fetches, feeds, errors),
# graph variables and their initialization, variable_scope/get_variable, collections,
# tf.compat.v1.gradients, the TF1 optimizers, Saver, tf.group/control_dependencies, and
# programs in the style of published AD benchmarks (ADBench/GradBench's TensorFlow graph tools:
# GMM, LSTM with tf.while_loop, bundle adjustment with tf.cond, Jacobians by stacked gradients).
# Scenarios that switch eager execution off are `#! isolated`. Others build into their own
# tf.compat.v1.Graph().

#@ placeholder_shapes_and_names
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None, 3], name="x")
    y = tf.compat.v1.placeholder(tf.int32, name="labels")
    z = tf.compat.v1.placeholder(tf.float64, shape=[])
    print(x)
    print(y)
    print(z)
    print(x.shape, y.shape, z.shape.as_list(), x.shape.as_list())
    print(x.name, x.op.name, x.op.type, x.dtype, x.graph is g)
    print(tf.executing_eagerly())
print(tf.executing_eagerly())

#@ session_run_values
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None, 2])
    y = tf.reduce_sum(x * x, axis=1)
    m = tf.reduce_mean(y)
with tf.compat.v1.Session(graph=g) as sess:
    out = sess.run(y, feed_dict={x: [[1.0, 2.0], [3.0, 4.0]]})
    print(repr(out))
    print(repr(sess.run(m, {x: np.ones((3, 2))})))

#@ session_run_nested_fetches
import collections
Pair = collections.namedtuple("Pair", ["first", "second"])
g = tf.compat.v1.Graph()
with g.as_default():
    a = tf.compat.v1.placeholder(tf.float32, shape=[2])
    b = a * 2.0
    c = tf.reduce_sum(b)
with tf.compat.v1.Session(graph=g) as sess:
    feed = {a: [1.0, 2.0]}
    print(sess.run([b, c], feed))
    print(sess.run((c, [b, (c,)]), feed))
    print(sess.run({"b": b, "c": c}, feed))
    print(sess.run(Pair(c, {"inner": [b]}), feed))
    print(sess.run(collections.OrderedDict([("z", c), ("a", b)]), feed))

#@ session_run_by_name
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[3], name="input")
    y = tf.reduce_sum(x)
    print(y.name)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run(y.name, feed_dict={"input:0": [1.0, 2.0, 3.0]}))
    print(sess.run(["input:0", y], feed_dict={x: [4.0, 5.0, 6.0]}))

#@ session_fetch_operation_is_none
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.constant(3.0)
    op = tf.no_op()
    grp = tf.group(x * 2.0)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run(op))
    print(sess.run([op, x, grp]))
    print(grp.type, op.type)

#@ session_fetched_feed_keeps_its_array
g = tf.compat.v1.Graph()
with g.as_default():
    i = tf.compat.v1.placeholder(tf.int32, shape=[])
    f = tf.compat.v1.placeholder(tf.float32, shape=[2])
with tf.compat.v1.Session(graph=g) as sess:
    print(repr(sess.run(i, {i: 2.7})))
    print(repr(sess.run(f, {f: [1, 2]})))
    print(repr(sess.run(i * 2, {i: 3})))

#@ session_unfed_placeholder
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None, 3], name="x")
    y = x + 1.0
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(y)

#@ session_feed_shape_mismatch
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None, 3], name="x")
with tf.compat.v1.Session(graph=g) as sess:
    try:
        sess.run(x * 2.0, {x: np.zeros((2, 4))})
    except ValueError as e:
        print(e)

#@ session_feed_tensor_value_is_error
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[2], name="x")
    c = tf.constant([1.0, 2.0])
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(x, {x: c})

#@ session_fetch_none_is_error
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.constant(1.0)
with tf.compat.v1.Session(graph=g) as sess:
    sess.run([x, None])

#@ session_fetch_int_is_error
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.constant(1.0)
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(3)

#@ session_closed_is_error
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.constant(1.0) + 1.0
sess = tf.compat.v1.Session(graph=g)
print(sess.run(x))
sess.close()
sess.run(x)

#@ session_context_makes_defaults
g = tf.compat.v1.Graph()
with tf.compat.v1.Session(graph=g) as sess:
    print(tf.executing_eagerly())
    print(tf.compat.v1.get_default_session() is sess, tf.compat.v1.get_default_graph() is g)
    x = tf.constant(2.0) * 3.0
    print(x.graph is g, sess.graph is g)
    print(x.eval(), sess.run(x))
print(tf.compat.v1.get_default_session())
print(tf.executing_eagerly())

#@ session_as_default_eval_and_run
g = tf.compat.v1.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(4.0, name="v")
    double = v.assign(v * 2.0)
sess = tf.compat.v1.Session(graph=g)
with g.as_default(), sess.as_default():
    v.initializer.run()
    print(v.eval())
    print(double.eval())
    print(v.eval(session=sess))
    print((v + 1.0).eval(feed_dict={}))
double.op.run(session=sess)
print(sess.run(v))
v.eval(session=sess)

#@ session_make_callable
g = tf.compat.v1.Graph()
with g.as_default():
    a = tf.compat.v1.placeholder(tf.float32, shape=[2])
    b = tf.compat.v1.placeholder(tf.float32, shape=[2])
    s = a + b
with tf.compat.v1.Session(graph=g) as sess:
    f = sess.make_callable(s, feed_list=[a, b])
    print(f([1.0, 2.0], [10.0, 20.0]))
    h = sess.make_callable([s, a * 2.0], feed_list=[a, b])
    print(h(np.ones(2), np.zeros(2)))

#@ placeholder_with_default
g = tf.compat.v1.Graph()
with g.as_default():
    d = tf.compat.v1.placeholder_with_default(tf.constant([1.0, 2.0]), shape=[None])
    y = d * 10.0
    print(d)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run(y))
    print(sess.run(y, {d: [5.0, 6.0, 7.0]}))

#@ graph_tensors_compare_by_identity
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[2])
    y = x * 2.0
    print(x == y, x == x, x != y)
    table = {x: "x", y: "y"}
    print(table[y], len(table))

#@ variable_uninitialized_read_fails
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable([1.0, 2.0], name="w")
    y = w * 2.0
with tf.compat.v1.Session(graph=g) as sess:
    try:
        sess.run(y)
    except tf.errors.FailedPreconditionError:
        print("FailedPreconditionError")
    sess.run(w.initializer)
    print(sess.run(y))

#@ variable_graph_properties
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable(tf.ones([2, 3]), name="weights")
    b = tf.Variable(0.5, name="bias", trainable=False)
    n = tf.compat.v1.Variable(3)
    print(w)
    print(b)
    print(n)
    print(w.name, w.op.name, w.op.type, w.dtype, w.shape, w.trainable, b.trainable)
    print(w.initializer.name, w.initializer.type, w.graph is g)
    print(w.initial_value.shape, w.handle.dtype, w.handle.shape)
    print(w.value().shape, w.read_value().dtype)

#@ variable_op_names
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[3], name="x")
    v = tf.compat.v1.Variable(tf.constant([0.0, 0.0, 0.0]), name="v")
    y = x * v
    print([(op.name, op.type) for op in g.get_operations()])
    print(y)

#@ variable_read_outside_graph_fails
g = tf.compat.v1.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(1.0, name="v")
v.numpy()

#@ variable_numpy_inside_graph_fails
g = tf.compat.v1.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(1.0, name="v")
    v.numpy()

#@ variables_initializers
g = tf.compat.v1.Graph()
with g.as_default():
    a = tf.compat.v1.Variable(1.0, name="a")
    b = tf.compat.v1.Variable(2.0, name="b")
    loc = tf.compat.v1.Variable(3.0, name="loc", collections=[tf.compat.v1.GraphKeys.LOCAL_VARIABLES])
    init = tf.compat.v1.global_variables_initializer()
    only_a = tf.compat.v1.variables_initializer([a])
    local = tf.compat.v1.local_variables_initializer()
    print(init.name, init.type, [c.name for c in init.control_inputs])
    print(only_a.name, local.name, tf.compat.v1.initialize_all_variables().name)
    report = tf.compat.v1.report_uninitialized_variables()
    ok = tf.compat.v1.is_variable_initialized(b)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run(report))
    sess.run(only_a)
    print(sess.run([report, ok]))
    sess.run([init, local])
    print(sess.run([a, b, loc, ok]), sess.run(report))

#@ variables_live_in_each_session
g = tf.compat.v1.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(0.0, name="counter")
    inc = tf.compat.v1.assign_add(v, 1.0)
    init = tf.compat.v1.global_variables_initializer()
s1 = tf.compat.v1.Session(graph=g)
s2 = tf.compat.v1.Session(graph=g)
s1.run(init)
s2.run(init)
for _ in range(3):
    s1.run(inc)
s2.run(inc)
print(s1.run(v), s2.run(v))
s1.close()
s2.close()

#@ variable_assign_ops_in_graph
g = tf.compat.v1.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(2.0, name="v")
    a = v.assign(1.0)
    b = v.assign_add(1.0)
    c = tf.compat.v1.assign(v, 5.0)
    d = tf.compat.v1.assign_sub(v, 2.0)
    print(a)
    print(b)
    print(type(v.assign(1.0, read_value=False)).__name__)
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(v.initializer)
    print(sess.run(a), sess.run(b), sess.run(v), sess.run(c), sess.run(d), sess.run(v))
    v.load(9.0, sess)
    print(sess.run(v))

#@ collections_and_graph_keys
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable(1.0, name="w")
    c = tf.compat.v1.Variable(2.0, name="c", trainable=False)
    with tf.compat.v1.variable_scope("layer"):
        k = tf.compat.v1.get_variable("k", [2], initializer=tf.compat.v1.zeros_initializer())
    tf.compat.v1.add_to_collection("my_things", w)
    print([v.name for v in tf.compat.v1.global_variables()])
    print([v.name for v in tf.compat.v1.trainable_variables()])
    print([v.name for v in tf.compat.v1.global_variables(scope="layer")])
    print([v.name for v in tf.compat.v1.get_collection("my_things")])
    print(tf.compat.v1.GraphKeys.GLOBAL_VARIABLES, tf.compat.v1.GraphKeys.TRAINABLE_VARIABLES,
          tf.compat.v1.GraphKeys.LOCAL_VARIABLES, tf.compat.v1.GraphKeys.UPDATE_OPS)
    print(sorted(g.get_all_collection_keys()))

#@ variable_scope_reuse
g = tf.compat.v1.Graph()
with g.as_default():
    def layer(x):
        w = tf.compat.v1.get_variable("w", [2, 2], initializer=tf.compat.v1.constant_initializer(0.5))
        b = tf.compat.v1.get_variable("b", [2], initializer=tf.compat.v1.zeros_initializer())
        return tf.matmul(x, w) + b
    x = tf.compat.v1.placeholder(tf.float32, [None, 2])
    with tf.compat.v1.variable_scope("shared") as scope:
        y1 = layer(x)
        print(scope.name, scope.reuse, scope.original_name_scope)
    with tf.compat.v1.variable_scope("shared", reuse=True) as scope2:
        y2 = layer(y1)
        print(scope2.name, scope2.reuse, scope2.original_name_scope)
    with tf.compat.v1.variable_scope(scope, reuse=True):
        y3 = layer(y2)
        print(tf.compat.v1.get_variable_scope().name)
    print([v.name for v in tf.compat.v1.global_variables()])
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    print(sess.run([y1, y3], {x: [[1.0, 2.0]]}))

#@ variable_scope_reuse_variables_and_auto_reuse
g = tf.compat.v1.Graph()
with g.as_default():
    with tf.compat.v1.variable_scope("net") as scope:
        a = tf.compat.v1.get_variable("a", [3])
        scope.reuse_variables()
        a2 = tf.compat.v1.get_variable("a", [3])
        with tf.compat.v1.variable_scope("inner") as inner:
            print(inner.name, inner.reuse)
    print(a is a2)
    for _ in range(3):
        with tf.compat.v1.variable_scope("auto", reuse=tf.compat.v1.AUTO_REUSE):
            c = tf.compat.v1.get_variable("c", [1], dtype=tf.float64)
    print(c.name, c.dtype, len(tf.compat.v1.global_variables()))

#@ variable_scope_errors
g = tf.compat.v1.Graph()
with g.as_default():
    with tf.compat.v1.variable_scope("s"):
        tf.compat.v1.get_variable("v", [2])
    for kwargs, name, shape in [({}, "v", [2]), ({"reuse": True}, "missing", [2]),
                                ({"reuse": True}, "v", [3])]:
        try:
            with tf.compat.v1.variable_scope("s", **kwargs):
                tf.compat.v1.get_variable(name, shape)
        except ValueError as e:
            print(str(e).splitlines()[0])
    try:
        tf.compat.v1.get_variable("no_shape")
    except ValueError as e:
        print(str(e).splitlines()[0])

#@ variable_scope_default_names_and_name_scopes
g = tf.compat.v1.Graph()
with g.as_default():
    for _ in range(2):
        with tf.compat.v1.variable_scope(None, default_name="block") as s:
            v = tf.compat.v1.get_variable("w", [1])
            t = tf.compat.v1.placeholder(tf.float32, name="p")
            print(s.name, v.name, t.name)
    with tf.compat.v1.variable_scope("outer"):
        with tf.compat.v1.variable_scope("inner"):
            print(tf.compat.v1.get_variable("x", [1]).name)
    with tf.name_scope("ns") as ns:
        p = tf.compat.v1.placeholder(tf.float32, name="q")
        print(ns, p.name, tf.compat.v1.Variable(1.0, name="nv").name)
    with tf.name_scope("ns") as ns2:
        print(ns2)

#@ get_variable_initializers
g = tf.compat.v1.Graph()
with g.as_default():
    with tf.compat.v1.variable_scope("init", initializer=tf.compat.v1.constant_initializer(2.0)):
        a = tf.compat.v1.get_variable("a", [2])
    b = tf.compat.v1.get_variable("b", [2, 2], initializer=tf.compat.v1.ones_initializer())
    c = tf.compat.v1.get_variable("c", initializer=tf.constant([1.0, 2.0, 3.0]))
    d = tf.compat.v1.get_variable("d", [2], dtype=tf.int32)
    e = tf.compat.v1.get_variable("e", [3, 4])
    f = tf.compat.v1.get_variable("f", [2], initializer=tf.compat.v1.constant_initializer([1.0, 2.0]))
    r = tf.compat.v1.get_variable("r", [5, 5], initializer=tf.compat.v1.random_normal_initializer(seed=1))
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    va, vb, vc, vd, ve, vf, vr = sess.run([a, b, c, d, e, f, r])
    print(va, vb.tolist(), vc, vd, vf)
    print(ve.shape, ve.dtype, bool(np.all(np.abs(ve) <= np.sqrt(6.0 / 7.0))), vr.shape)

#@ gradients_basic
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[3])
    y = tf.reduce_sum(tf.sin(x) * x)
    (dx,) = tf.compat.v1.gradients(y, x)
    print(dx.shape, dx.dtype)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run(dx, {x: [0.0, 1.0, 2.0]}))

#@ gradients_grad_ys_and_several_ys
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[2])
    y = x * 2.0
    z = tf.reduce_sum(y * y)
    g1 = tf.compat.v1.gradients([z, y], x, grad_ys=[2.0, [1.0, -1.0]])
    g2 = tf.compat.v1.gradients(y, [x], grad_ys=[[3.0, 4.0]])
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run(g1 + g2, {x: [1.0, 2.0]}))

#@ gradients_unconnected
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[2])
    u = tf.compat.v1.placeholder(tf.float32, shape=[2])
    i = tf.compat.v1.placeholder(tf.int32, shape=[])
    y = tf.reduce_sum(x * x)
    print(tf.compat.v1.gradients(y, [u, i])[0])
    zeros = tf.compat.v1.gradients(y, [x, u], unconnected_gradients="zero")
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run(zeros, {x: [1.0, 2.0]}))

#@ gradients_stop_gradients
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[])
    a = x * x
    b = a * x
    grads = tf.compat.v1.gradients(b, x, stop_gradients=[a])
    full = tf.compat.v1.gradients(b, x)
    print([t is None for t in tf.compat.v1.gradients(b, x, stop_gradients=[x])])
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run([grads, full], {x: 3.0}))

#@ gradients_with_respect_to_variables
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable([1.0, -2.0], name="w")
    b = tf.compat.v1.Variable(0.5, name="b")
    x = tf.compat.v1.placeholder(tf.float32, shape=[2, 2])
    loss = tf.reduce_mean(tf.square(tf.linalg.matvec(x, w) + b))
    gw, gb = tf.compat.v1.gradients(loss, [w, b])
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    print(sess.run([loss, gw, gb], {x: [[1.0, 2.0], [3.0, 0.5]]}))

#@ gradients_second_order_and_hessians
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[2])
    y = tf.reduce_sum(x ** 3) + x[0] * x[1]
    (dy,) = tf.compat.v1.gradients(y, x)
    (d2,) = tf.compat.v1.gradients(tf.reduce_sum(dy), x)
    (h,) = tf.compat.v1.hessians(y, x)
    print(h.shape)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run([dy, d2, h], {x: [1.0, 2.0]}))

#@ gradients_through_while_and_cond
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float64, shape=[])
    flag = tf.compat.v1.placeholder(tf.bool, shape=[])
    _, p = tf.while_loop(lambda i, p: i < 4, lambda i, p: (i + 1, p * x),
                         [tf.constant(0), tf.constant(1.0, tf.float64)])
    c = tf.cond(flag, lambda: p * 2.0, lambda: tf.sin(p))
    (dp,) = tf.compat.v1.gradients(p, x)
    (dc,) = tf.compat.v1.gradients(c, x)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run([p, dp], {x: 1.5}))
    print(sess.run([c, dc], {x: 1.5, flag: True}))
    print(sess.run([c, dc], {x: 1.5, flag: False}))

#@ gradients_eagerly_is_error
tf.compat.v1.gradients(tf.constant(1.0), tf.constant(2.0))

#@ gradients_inside_tf_function
@tf.function
def f(x):
    y = x * x * 3.0
    return tf.gradients(y, x)[0], tf.gradients(tf.gradients(y, x)[0], x)[0]
print(f(tf.constant(2.0)))

#@ gradient_tape_in_graph_with_placeholders
g = tf.compat.v1.Graph()
with g.as_default():
    a = tf.compat.v1.placeholder(tf.float64, shape=[2])
    b = tf.compat.v1.placeholder(tf.float64, shape=[2])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(a)
        tape.watch(b)
        obj = tf.reduce_sum(tf.exp(a) * b)
    J = tape.gradient(obj, (a, b))
    grad = tf.concat([tf.reshape(d, [-1]) for d in J], 0)
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run([obj, grad], {a: [0.0, 1.0], b: [2.0, 3.0]}))

#@ group_and_control_dependencies_order
g = tf.compat.v1.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(1.0, name="v")
    w = tf.compat.v1.Variable(10.0, name="w")
    inc_v = tf.compat.v1.assign_add(v, 1.0)
    inc_w = tf.compat.v1.assign_add(w, 1.0)
    both = tf.group(inc_v, inc_w, name="both")
    with tf.control_dependencies([inc_v]):
        after = tf.identity(v.read_value() * 100.0)
    print(both.name, both.type, sorted(c.name for c in both.control_inputs))
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    print(sess.run(both), sess.run([v, w]))
    print(sess.run(after), sess.run(v))
    print(sess.run(v * 1.0))

#@ while_loop_and_cond_in_session
g = tf.compat.v1.Graph()
with g.as_default():
    n = tf.compat.v1.placeholder(tf.int32, shape=[])
    i, total = tf.while_loop(lambda i, t: i < n, lambda i, t: (i + 1, t + i), [0, 0])
    pick = tf.cond(total > 10, lambda: tf.constant("big"), lambda: tf.constant("small"))
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run([i, total, pick], {n: 4}))
    print(sess.run([i, total, pick], {n: 6}))

#@ v1_reductions_and_aliases
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[2, 3])
    outs = [tf.compat.v1.reduce_sum(x, reduction_indices=[1]),
            tf.compat.v1.reduce_mean(x, axis=0, keep_dims=True),
            tf.compat.v1.reduce_max(x, reduction_indices=1, keep_dims=True),
            tf.compat.v1.to_int32(x), tf.compat.v1.log(x + 1.0),
            tf.compat.v1.arg_max(x, 1), tf.compat.v1.expand_dims(x, dim=0)]
    print([o.shape for o in outs])
    print(tf.compat.v1.random_normal([2, 3]).shape, tf.compat.v1.truncated_normal([4]).dtype,
          tf.compat.v1.random_uniform([2], dtype=tf.float64).dtype)
with tf.compat.v1.Session(graph=g) as sess:
    for o in sess.run(outs, {x: [[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]]}):
        print(o)

#@ tf2_ops_inside_v1_graph
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None, 4])
    e = tf.exp(tf.reduce_max(x, axis=1, keepdims=True) - x)
    y = e / tf.reduce_sum(e, axis=1, keepdims=True)
    z = tf.linalg.norm(tf.concat([x, y], axis=1), axis=1)
    s = tf.stack([tf.reduce_min(z), tf.reduce_max(z)])
with tf.compat.v1.Session(graph=g) as sess:
    print(sess.run([y, s], {x: [[0.0, 1.0, 2.0, 3.0], [1.0, 1.0, 1.0, 1.0]]}))

#@ train_linear_regression_gradient_descent
g = tf.compat.v1.Graph()
with g.as_default():
    xs = tf.compat.v1.placeholder(tf.float32, shape=[20])
    ys = tf.compat.v1.placeholder(tf.float32, shape=[20])
    w = tf.compat.v1.Variable(0.0, name="w")
    b = tf.compat.v1.Variable(0.0, name="b")
    loss = tf.reduce_mean(tf.square(w * xs + b - ys))
    train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
    init = tf.compat.v1.global_variables_initializer()
    print(train.name, train.type)
data_x = np.linspace(-1.0, 1.0, 20).astype(np.float32)
data_y = 3.0 * data_x + 0.5
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    for step in range(200):
        _, l = sess.run([train, loss], {xs: data_x, ys: data_y})
        if step % 50 == 0:
            print(step, round(float(l), 5))
    print(np.round(sess.run([w, b]), 4))

#@ optimizer_compute_and_apply_gradients_global_step
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable([1.0, 2.0], name="w")
    x = tf.compat.v1.placeholder(tf.float32, [2])
    loss = tf.reduce_sum((w * x - 1.0) ** 2)
    gs = tf.compat.v1.train.get_or_create_global_step()
    opt = tf.compat.v1.train.GradientDescentOptimizer(0.1)
    gv = opt.compute_gradients(loss)
    print([(gr.shape, v.name) for gr, v in gv])
    train = opt.apply_gradients(gv, global_step=gs)
    print(gs, tf.compat.v1.train.get_global_step() is gs, train.name, train.type)
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    for _ in range(3):
        print(sess.run([train, loss], {x: [1.0, 2.0]}))
    print(sess.run([w, gs]))

#@ momentum_optimizer
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable([1.0, 2.0], name="w")
    loss = tf.reduce_sum(w * w * [1.0, 3.0])
    opt = tf.compat.v1.train.MomentumOptimizer(0.05, 0.9)
    train = opt.minimize(loss)
    nesterov = tf.compat.v1.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True, name="Nest")
    train2 = nesterov.minimize(loss)
    print(train.name, opt.get_slot_names(), opt.get_slot(w, "momentum"))
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    for _ in range(3):
        sess.run(train)
        print(sess.run([w, opt.get_slot(w, "momentum")]))
    sess.run(train2)
    print(sess.run(w))

#@ adam_optimizer
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable([1.0, -2.0], name="w")
    loss = tf.reduce_sum(w ** 2 + w)
    opt = tf.compat.v1.train.AdamOptimizer(0.1)
    train = opt.minimize(loss, var_list=[w])
    print(train.name, opt.get_slot_names(), opt.get_slot(w, "m"), opt.get_slot(w, "v"))
    print([v.name for v in tf.compat.v1.global_variables()])
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    for _ in range(4):
        sess.run(train)
    print(sess.run([w, opt.get_slot(w, "m"), opt.get_slot(w, "v")]))
    print(sess.run(opt._get_beta_accumulators()))

#@ adagrad_and_rmsprop_optimizers
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable([1.0, -2.0], name="w")
    u = tf.compat.v1.Variable([0.5, 3.0], name="u")
    loss = tf.reduce_sum(w ** 2) + tf.reduce_sum(u ** 2 * 2.0)
    t1 = tf.compat.v1.train.AdagradOptimizer(0.1).minimize(loss, var_list=[w])
    t2 = tf.compat.v1.train.RMSPropOptimizer(0.01, momentum=0.5).minimize(loss, var_list=[u])
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    for _ in range(3):
        sess.run([t1, t2])
    print(sess.run([w, u]))

#@ optimizer_without_gradients_is_error
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable(1.0, name="w")
    c = tf.compat.v1.Variable(1.0, name="c")
    loss = c * 2.0
    tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[w])

#@ saver_round_trip
import os
import tempfile
d = tempfile.mkdtemp()
g = tf.compat.v1.Graph()
with g.as_default():
    w = tf.compat.v1.Variable([1.0, 2.0], name="w")
    with tf.compat.v1.variable_scope("layer"):
        k = tf.compat.v1.get_variable("k", [2, 2], initializer=tf.compat.v1.ones_initializer())
    bump = tf.group(tf.compat.v1.assign_add(w, [10.0, 10.0]), tf.compat.v1.assign(k, k * 3.0))
    saver = tf.compat.v1.train.Saver()
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    path = saver.save(sess, os.path.join(d, "model.ckpt"))
    print(os.path.basename(path))
    sess.run(bump)
    print(sess.run([w, k]))
    saver.restore(sess, path)
    print(sess.run([w, k]))
with tf.compat.v1.Session(graph=g) as fresh:
    saver.restore(fresh, path)
    print(fresh.run(w))
print(os.path.basename(tf.train.latest_checkpoint(d)))

#@ saver_global_step_and_max_to_keep
import os
import tempfile
d = tempfile.mkdtemp()
g = tf.compat.v1.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(0.0, name="v")
    step = tf.compat.v1.train.get_or_create_global_step()
    inc = tf.group(tf.compat.v1.assign_add(v, 1.0), tf.compat.v1.assign_add(step, 1))
    saver = tf.compat.v1.train.Saver(max_to_keep=2)
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    for _ in range(4):
        sess.run(inc)
        p = saver.save(sess, os.path.join(d, "ckpt"), global_step=step)
        print(os.path.basename(p))
    print([os.path.basename(p) for p in saver.last_checkpoints])
    latest = tf.train.latest_checkpoint(d)
    print(os.path.basename(latest))
    sess.run(tf.compat.v1.assign(v, -1.0))
    saver.restore(sess, latest)
    print(sess.run([v, step]))

#@ saver_var_list_dict_and_missing_checkpoint
import os
import tempfile
d = tempfile.mkdtemp()
g = tf.compat.v1.Graph()
with g.as_default():
    a = tf.compat.v1.Variable(1.5, name="a")
    b = tf.compat.v1.Variable(2.5, name="b")
    saver = tf.compat.v1.train.Saver({"renamed": a})
    other = tf.compat.v1.train.Saver({"renamed": b})
    init = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session(graph=g) as sess:
    sess.run(init)
    path = saver.save(sess, os.path.join(d, "x"))
    other.restore(sess, path)
    print(sess.run([a, b]))
    try:
        saver.restore(sess, os.path.join(d, "nothing-here"))
    except tf.errors.NotFoundError:
        print("NotFoundError")

#@ benchmark_gmm_objective_gradients
import math
def logsumexp(x):
    mx = tf.reduce_max(x)
    return tf.math.log(tf.reduce_sum(tf.exp(x - mx))) + mx
def gmm_objective(alphas, means, icf, x, wishart_gamma, wishart_m, n, d, k):
    qdiags = tf.exp(icf[:, :d])
    sum_qs = tf.reduce_sum(icf[:, :d], axis=1)
    ltri = []
    for ik in range(k):
        cols, idx = [], d
        for i in range(d):
            ne = d - i - 1
            cols.append(tf.concat([tf.zeros(i + 1, dtype=tf.float64), icf[ik, idx:idx + ne]], 0))
            idx += ne
        ltri.append(tf.stack(cols, -1))
    ls = tf.stack(ltri)
    xc = x[:, None, :] - means[None, :, :]
    lx = qdiags[None] * xc + tf.linalg.matvec(ls[None], xc)
    inner = alphas[None] + sum_qs[None] - 0.5 * tf.reduce_sum(lx * lx, axis=2)
    slse = tf.reduce_sum(tf.stack([logsumexp(inner[i]) for i in range(n)]))
    const = tf.constant(-n * d * 0.5 * math.log(2 * math.pi), dtype=tf.float64)
    out = tf.reduce_sum(0.5 * wishart_gamma ** 2 * (tf.reduce_sum(qdiags ** 2, 1)
                                                    + tf.reduce_sum(icf[:, d:] ** 2, 1))
                        - wishart_m * sum_qs)
    return const + slse - n * logsumexp(alphas) + out
rng = np.random.RandomState(0)
n, d, k = 5, 3, 2
alphas0, means0 = rng.randn(k), rng.randn(k, d)
icf0, x0 = rng.randn(k, d + d * (d - 1) // 2) * 0.3, rng.randn(n, d)
g = tf.compat.v1.Graph()
with g.as_default():
    ap = tf.compat.v1.placeholder(tf.float64, shape=alphas0.shape)
    mp = tf.compat.v1.placeholder(tf.float64, shape=means0.shape)
    ip = tf.compat.v1.placeholder(tf.float64, shape=icf0.shape)
    obj = gmm_objective(ap, mp, ip, tf.convert_to_tensor(x0), 1.0, 0, n, d, k)
    J = tf.compat.v1.gradients(obj, [ap, mp, ip])
    grad = tf.concat([tf.reshape(t, [-1]) for t in J], 0)
with tf.compat.v1.Session(graph=g) as sess:
    o, gr = sess.run([obj, grad], {ap: alphas0, mp: means0, ip: icf0})
np.set_printoptions(precision=6, suppress=True)
print(round(float(o), 8))
print(gr)

#@ benchmark_lstm_while_loop_objective
def lstm_model(weight, bias, hidden, cell, inp):
    gates = tf.concat((inp, hidden, inp, hidden), 0) * weight + bias
    hs = hidden.shape[0]
    forget = tf.math.sigmoid(gates[0:hs])
    ingate = tf.math.sigmoid(gates[hs:2 * hs])
    outgate = tf.math.sigmoid(gates[2 * hs:3 * hs])
    change = tf.math.tanh(gates[3 * hs:])
    cell = cell * forget + ingate * change
    return outgate * tf.math.tanh(cell), cell
def predict(w, w2, state, x):
    x = x * w2[0]
    new_state = []
    for i in range(0, state.shape[0], 2):
        hidden, cell = lstm_model(w[i], w[i + 1], state[i], state[i + 1], x)
        x = hidden
        new_state += [hidden, cell]
    return x * w2[1] + w2[2], tf.stack(new_state, 0)
def lstm_objective(main_params, extra_params, state, sequence):
    n = sequence.shape[0]
    def body(t, total, st):
        ypred, new_state = predict(main_params, extra_params, st, tf.gather(sequence, t))
        ynorm = ypred - tf.math.log(tf.reduce_sum(tf.exp(ypred)) + 2)
        return t + 1, total + tf.reduce_sum(tf.gather(sequence, t + 1) * ynorm), new_state
    _, total, _ = tf.while_loop(lambda t, total, st: t < n - 1, body,
                                [tf.constant(0), tf.constant(0.0, tf.float64), state])
    return -total / ((n - 1) * sequence.shape[1])
rng = np.random.RandomState(0)
main = rng.rand(4, 12) - 0.5
extra = rng.rand(3, 3) - 0.5
state0 = rng.rand(4, 3) - 0.5
seq = rng.rand(4, 3) - 0.5
g = tf.compat.v1.Graph()
with g.as_default():
    mp = tf.compat.v1.placeholder(tf.float64, shape=main.shape)
    ep = tf.compat.v1.placeholder(tf.float64, shape=extra.shape)
    obj = lstm_objective(mp, ep, tf.convert_to_tensor(state0), tf.convert_to_tensor(seq))
    J = tf.compat.v1.gradients(obj, [mp, ep])
    grad = tf.concat([tf.reshape(t, [-1]) for t in J], 0)
with tf.compat.v1.Session(graph=g) as sess:
    o, gr = sess.run([obj, grad], {mp: main, ep: extra})
np.set_printoptions(precision=6, suppress=True)
print(round(float(o), 10))
print(gr * 1000.0)

#@ benchmark_bundle_adjustment_cond_jacobian
def cross(a, b):
    return tf.stack([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                     a[0] * b[1] - a[1] * b[0]])
def rodrigues_rotate_point(rot, X):
    sqtheta = tf.reduce_sum(rot ** 2)
    def rotate():
        theta = tf.sqrt(sqtheta)
        costheta, sintheta = tf.cos(theta), tf.sin(theta)
        w = rot / theta
        w_cross_X = cross(w, X)
        tmp = tf.tensordot(w, X, 1) * (1.0 - costheta)
        return X * costheta + w_cross_X * sintheta + w * tmp
    return tf.cond(tf.not_equal(sqtheta, 0.0), rotate, lambda: X + cross(rot, X))
def project(cam, X):
    Xcam = rodrigues_rotate_point(cam[0:3], X - cam[3:6])
    proj = Xcam[0:2] / Xcam[2]
    rsq = tf.reduce_sum(proj ** 2)
    distorted = proj * (1.0 + cam[9] * rsq + cam[10] * rsq * rsq)
    return distorted * cam[6] + cam[7:9]
g = tf.compat.v1.Graph()
with g.as_default():
    cam = tf.compat.v1.placeholder(tf.float64, shape=[11])
    X = tf.compat.v1.placeholder(tf.float64, shape=[3])
    w = tf.compat.v1.placeholder(tf.float64, shape=[])
    feat = tf.constant([0.1, -0.2], tf.float64)
    err = w * (project(cam, X) - feat)
    rows = [tf.concat([tf.reshape(t, [-1]) for t in tf.compat.v1.gradients(err[i], [cam, X, w])], 0)
            for i in range(2)]
    J = tf.stack(rows)
    print(J.shape)
cam0 = np.array([0.1, -0.2, 0.3, 0.5, 0.1, -3.0, 2.0, 0.01, -0.02, 0.001, -0.0005])
X0 = np.array([0.3, 0.2, 1.5])
np.set_printoptions(precision=6, suppress=True)
with tf.compat.v1.Session(graph=g) as sess:
    e, jac = sess.run([err, J], {cam: cam0, X: X0, w: 0.8})
    print(e)
    print(jac)
    cam_norot = cam0.copy()
    cam_norot[:3] = 0.0
    e2, jac2 = sess.run([err, J], {cam: cam_norot, X: X0, w: 0.8})
    print(e2)
    print(jac2)

#@ jacobian_by_stacking_gradients
g = tf.compat.v1.Graph()
with g.as_default():
    x = tf.compat.v1.placeholder(tf.float64, shape=[3])
    y = tf.stack([x[0] * x[1], tf.sin(x[2]) + x[0] ** 2, tf.reduce_prod(x), tf.exp(x[1] - x[2])])
    jac = tf.stack([tf.compat.v1.gradients(y[i], x)[0] for i in range(4)])
with tf.compat.v1.Session(graph=g) as sess:
    np.set_printoptions(precision=6, suppress=True)
    print(sess.run(jac, {x: [1.0, 2.0, 0.5]}))

#@ disable_eager_execution_program
#! isolated
tf.compat.v1.disable_eager_execution()
print(tf.executing_eagerly(), tf.compat.v1.executing_eagerly())
x = tf.compat.v1.placeholder(tf.float32, shape=[3], name="x")
w = tf.Variable(2.0, name="w")
y = tf.reduce_sum(x * w)
print(x)
print(y)
print(w)
print(y.graph is tf.compat.v1.get_default_graph(), x.graph is y.graph)
(gw,) = tf.compat.v1.gradients(y, [w])
sess = tf.compat.v1.Session()
try:
    sess.run(y, {x: [1.0, 1.0, 1.0]})
except tf.errors.FailedPreconditionError:
    print("uninitialized")
sess.run(tf.compat.v1.global_variables_initializer())
print(sess.run([y, gw], {x: [1.0, 2.0, 3.0]}))
c = tf.constant(5.0)
print(c.op.type, c.graph is x.graph, sess.run(c * 2.0))

#@ disable_v2_behavior_reference_variables
#! isolated
tf.compat.v1.disable_v2_behavior()
print(tf.executing_eagerly())
v = tf.compat.v1.Variable(2.0, name="v")
r = tf.Variable(3.0, name="r")
print(v)
print(r)
print(v.dtype, r.dtype)
with tf.compat.v1.Session() as sess:
    try:
        sess.run(v * 2.0)
    except tf.errors.FailedPreconditionError as e:
        print(str(e).splitlines()[-1] if "Attempting" in str(e).splitlines()[-1] else "Attempting to use uninitialized value v")
    sess.run(tf.compat.v1.global_variables_initializer())
    print(sess.run(v * r))

#@ reset_default_graph
#! isolated
tf.compat.v1.disable_eager_execution()
a = tf.compat.v1.placeholder(tf.float32, shape=[], name="a")
b = a * 2.0
print(len(tf.compat.v1.get_default_graph().get_operations()))
g_old = tf.compat.v1.get_default_graph()
tf.compat.v1.reset_default_graph()
print(tf.compat.v1.get_default_graph() is g_old, len(tf.compat.v1.get_default_graph().get_operations()))
c = tf.compat.v1.placeholder(tf.float32, name="a")
print(c.name, c.graph is tf.compat.v1.get_default_graph())

#@ interactive_session_eval
#! isolated
tf.compat.v1.disable_eager_execution()
sess = tf.compat.v1.InteractiveSession()
print(tf.compat.v1.get_default_session() is sess)
x = tf.compat.v1.placeholder(tf.float32, shape=[2])
v = tf.compat.v1.Variable([1.0, 2.0])
tf.compat.v1.global_variables_initializer().run()
print((v * 3.0).eval())
print((x + v).eval(feed_dict={x: [10.0, 20.0]}))
tf.compat.v1.assign(v, [5.0, 5.0]).op.run()
print(v.eval())
sess.close()
print(tf.compat.v1.get_default_session())

#@ tf_function_called_in_graph_mode
#! isolated
tf.compat.v1.disable_eager_execution()
@tf.function
def scale(t):
    return t * 3.0 + 1.0
x = tf.compat.v1.placeholder(tf.float32, shape=[2])
y = scale(x)
(dy,) = tf.compat.v1.gradients(tf.reduce_sum(y * y), x)
with tf.compat.v1.Session() as sess:
    print(sess.run([y, dy], {x: [1.0, 2.0]}))

#@ gradbench_style_gradient_tape_program
#! isolated
tf.compat.v1.disable_eager_execution()
def objective(a, b, data):
    return tf.reduce_sum(tf.square(tf.linalg.matvec(data, a) - b)) + tf.reduce_sum(a ** 4)
rng = np.random.RandomState(1)
data0 = rng.randn(4, 3)
graph = tf.compat.v1.Graph()
with graph.as_default():
    data = tf.convert_to_tensor(data0)
    a = tf.compat.v1.placeholder(dtype=tf.float64, shape=(3,))
    b = tf.compat.v1.placeholder(dtype=tf.float64, shape=(4,))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(a)
        tape.watch(b)
        obj = objective(a, b, data)
    J = tape.gradient(obj, (a, b))
    grad = tf.concat([tf.reshape(d, [-1]) for d in J], 0)
sess = tf.compat.v1.Session(graph=graph)
feed = {a: [0.5, -1.0, 2.0], b: [1.0, 2.0, 3.0, 4.0]}
np.set_printoptions(precision=6, suppress=True)
print(sess.run(obj, feed_dict=feed))
print(sess.run(grad, feed_dict=feed))

#@ tf1_training_script
#! isolated
tf.compat.v1.disable_eager_execution()
import os
import tempfile
rng = np.random.RandomState(0)
X = rng.randn(32, 3).astype(np.float32)
true_w = np.array([[1.5], [-2.0], [0.5]], np.float32)
Y = X @ true_w + 0.25
x = tf.compat.v1.placeholder(tf.float32, [32, 3], name="x")
y = tf.compat.v1.placeholder(tf.float32, [32, 1], name="y")
with tf.compat.v1.variable_scope("model"):
    W = tf.compat.v1.get_variable("W", [3, 1], initializer=tf.compat.v1.zeros_initializer())
    b = tf.compat.v1.get_variable("b", [1], initializer=tf.compat.v1.zeros_initializer())
pred = tf.matmul(x, W) + b
loss = tf.reduce_mean(tf.square(pred - y))
step = tf.compat.v1.train.get_or_create_global_step()
train_op = tf.compat.v1.train.AdamOptimizer(0.1).minimize(loss, global_step=step)
saver = tf.compat.v1.train.Saver()
d = tempfile.mkdtemp()
with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    for i in range(300):
        _, l = sess.run([train_op, loss], feed_dict={x: X, y: Y})
    print(sess.run(step), round(float(l), 4))
    print(np.round(sess.run(W).ravel(), 3), np.round(sess.run(b), 3))
    path = saver.save(sess, os.path.join(d, "model"), global_step=step)
    print(os.path.basename(path))
with tf.compat.v1.Session() as sess2:
    saver.restore(sess2, tf.train.latest_checkpoint(d))
    print(np.round(sess2.run(loss, {x: X, y: Y}), 4))

#@ gradbench_ba_tape_jacobian_program
#! isolated
tf.compat.v1.disable_eager_execution()
def cross(a, b):
    return tf.stack([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]])
def rodrigues_rotate_point(rot, X):
    def rotate():
        theta = tf.math.sqrt(sqtheta)
        costheta = tf.math.cos(theta)
        sintheta = tf.math.sin(theta)
        w = rot / theta
        w_cross_X = cross(w, X)
        tmp = tf.tensordot(w, X, 1) * (1.0 - costheta)
        return X * costheta + w_cross_X * sintheta + w * tmp
    sqtheta = tf.reduce_sum(rot**2)
    return tf.cond(tf.not_equal(sqtheta, 0.0), rotate, lambda: X + cross(rot, X))
def radial_distort(rad_params, proj):
    rsq = tf.reduce_sum(proj**2)
    L = 1.0 + rad_params[0] * rsq + rad_params[1] * rsq * rsq
    return proj * L
def project(cam, X):
    Xcam = rodrigues_rotate_point(cam[0:3], X - cam[3:6])
    distorted = radial_distort(cam[9:11], Xcam[0:2] / Xcam[2])
    return distorted * cam[6] + cam[7:9]
graph = tf.compat.v1.Graph()
with graph.as_default():
    cam_h = tf.compat.v1.placeholder(dtype=tf.float64, shape=(11,))
    x_h = tf.compat.v1.placeholder(dtype=tf.float64, shape=(3,))
    w_h = tf.compat.v1.placeholder(dtype=tf.float64, shape=())
    feat_h = tf.compat.v1.placeholder(dtype=tf.float64, shape=(2,))
    with tf.GradientTape(persistent=True) as t:
        t.watch(cam_h); t.watch(x_h); t.watch(w_h)
        w_err = 1.0 - w_h ** 2
        r_err = w_h * (project(cam_h, x_h) - feat_h)
    dc, dx, dw = t.jacobian(r_err, (cam_h, x_h, w_h), experimental_use_pfor=False)
    rg = tf.reshape(tf.transpose(tf.concat((dc, dx, tf.reshape(dw, [2, 1])), axis=1)), [-1])
    wg = t.gradient(w_err, w_h)
sess = tf.compat.v1.Session(graph=graph)
feed = {cam_h: np.array([0.1, -0.2, 0.3, 0.5, 0.1, -3.0, 2.0, 0.01, -0.02, 0.001, -0.0005]),
        x_h: np.array([0.3, 0.2, 1.5]), w_h: 0.8, feat_h: np.array([0.1, -0.2])}
np.set_printoptions(precision=8, suppress=True)
print(sess.run([r_err, w_err], feed))
print(sess.run([rg, wg], feed))

#@ tf_function_updating_a_graph_variable
#! isolated
tf.compat.v1.disable_eager_execution()
v = tf.compat.v1.Variable([1.0, 2.0], name="v")
@tf.function
def step(x):
    v.assign_add(x)
    return tf.reduce_sum(v * x)
x = tf.compat.v1.placeholder(tf.float32, [2])
y = step(x)
g = tf.compat.v1.gradients(y, [x, v])
with tf.compat.v1.Session() as s:
    s.run(tf.compat.v1.global_variables_initializer())
    print(s.run(y, {x: [1.0, 1.0]}))
    print(s.run(v))
    print(s.run(g, {x: [1.0, 0.0]}))
    print(s.run(v))

#@ tf_compat_v1_namespace_training_program
#! isolated
v1 = tf.compat.v1
v1.disable_v2_behavior()
v1.set_random_seed(0)
x = v1.placeholder(v1.float32, [8, 3])
y = v1.placeholder(v1.float32, [8, 1])
with v1.variable_scope("net"):
    w = v1.get_variable("w", [3, 1], initializer=v1.constant_initializer(0.1))
    b = v1.get_variable("b", [1], initializer=v1.zeros_initializer())
pred = v1.sigmoid(v1.matmul(x, w) + b)
loss = v1.reduce_mean(v1.square(pred - y), reduction_indices=[0, 1])
opt = v1.train.MomentumOptimizer(0.5, 0.9).minimize(loss)
init = v1.global_variables_initializer()
X = np.linspace(-1, 1, 24, dtype=np.float32).reshape(8, 3)
Y = (X.sum(1, keepdims=True) > 0).astype(np.float32)
with v1.Session() as sess:
    sess.run(init)
    for i in range(50):
        _, l = sess.run([opt, loss], feed_dict={x: X, y: Y})
    print(round(float(l), 5), sess.run(w).ravel().round(4), v1.trainable_variables())
    print(w.dtype, w)
