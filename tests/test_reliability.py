"""Reliability (issue 16): reads never see later updates, sliced assignment, scatter errors,
no reference cycles in a training step."""
import gc
import threading
import weakref

import numpy as np
import pytest

import tapeflow as tf


# -- a tensor, once returned, never changes ------------------------------------------------------
def _hammer(v, stop, delta):
    while not stop.is_set():
        v.assign_add(delta)


@pytest.mark.parametrize("read", ["read_value", "value", "convert", "numpy"])
def test_reads_race_with_in_place_updates(read):
    n = 50_000
    v = tf.Variable(np.zeros(n))
    stop = threading.Event()
    worker = threading.Thread(target=_hammer, args=(v, stop, np.ones(n)), daemon=True)
    worker.start()
    try:
        for i in range(1500):
            if read == "numpy":
                a = v.numpy()
                assert a.min() == a.max(), i
                continue
            t = {"read_value": v.read_value, "value": v.value,
                 "convert": lambda: tf.convert_to_tensor(v)}[read]()
            a = t.numpy()
            assert a.min() == a.max() and (a == t.numpy()).all(), i
    finally:
        stop.set()
        worker.join()


def test_concurrent_assign_add_loses_no_update():
    v = tf.Variable(np.zeros(1000, np.int64))
    one = np.ones(1000, np.int64)

    def work():
        for _ in range(300):
            v.assign_add(one)
            v.assign_sub(one)
            v.assign_add(one)
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (v.numpy() == 8 * 300).all()


def test_update_in_place_when_nothing_holds_the_array():
    v = tf.Variable(np.zeros(10))
    before = id(v._array)
    v.assign_add(np.ones(10))
    assert id(v._array) == before  # no live reader: updated in place (fast path kept)
    t = v.read_value()
    v.assign_add(np.ones(10))
    assert id(v._array) != before and t.numpy().max() == 1.0


# -- sliced assignment -----------------------------------------------------------------------------
def test_sliced_assign_forms():
    v = tf.Variable([1., 2., 3., 4.])
    assert v[0].assign(9.).numpy().tolist() == [9., 2., 3., 4.]
    assert v[1:3].assign([7., 8.]).numpy().tolist() == [9., 7., 8., 4.]
    assert v[::2].assign(0.).numpy().tolist() == [0., 7., 0., 4.]
    m = tf.Variable(np.zeros((2, 3), np.float32))
    m[0, 1:].assign([5., 6.])
    m[:, 0].assign(tf.constant([1., 2.]))
    assert m.numpy().tolist() == [[1., 5., 6.], [2., 0., 0.]]
    with pytest.raises(tf.errors.InvalidArgumentError, match="Cannot broadcast"):
        v[0].assign([1., 2.])
    assert v.numpy().tolist() == [0., 7., 0., 4.]


def test_only_slices_of_variables_have_assign():
    v = tf.Variable([1., 2.])
    assert not hasattr(tf.constant(1.), "assign")
    assert not hasattr(tf.constant([1.])[0], "assign")
    s = v[0]
    assert hasattr(s, "assign") and not hasattr(s, "assign_add")
    from tapeflow.framework.variables import _slices
    n = len(_slices)
    del s
    assert len(_slices) == n - 1  # the side table forgets a slice with the slice


def test_slice_of_variable_is_differentiable():
    v = tf.Variable([1., 2., 3.])
    with tf.GradientTape() as tape:
        y = v[1] * 2.
    assert tape.gradient(y, v).numpy().tolist() == [0., 2., 0.]


def test_scatter_nd_update_out_of_range_raises_and_keeps_value():
    v = tf.Variable([1., 2., 3., 4.])
    for bad in ([[7]], [[-1]], [[4]], [[1], [9]]):
        with pytest.raises(tf.errors.InvalidArgumentError, match="does not index into shape"):
            v.scatter_nd_update(bad, [1.] * len(bad))
    assert v.numpy().tolist() == [1., 2., 3., 4.]


# -- a training step creates no reference cycles -------------------------------------------------
def _mlp(seed=0):
    rng = np.random.default_rng(seed)
    vs = [tf.Variable(rng.standard_normal((12, 8)).astype(np.float32)),
          tf.Variable(np.zeros(8, np.float32)),
          tf.Variable(rng.standard_normal((8, 3)).astype(np.float32)),
          tf.Variable(np.zeros(3, np.float32))]
    x = tf.constant(rng.standard_normal((5, 12)).astype(np.float32))
    y = tf.constant(rng.integers(0, 3, 5).astype(np.int32))
    return vs, x, y


def _cyclic_garbage(step, repeats=4):
    step()
    step()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(repeats):
            step()
        gc.collect()
        found = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    return found


@pytest.mark.parametrize("optimizer", ["SGD", "Adam", "AdamW", "Nadam", "Adamax", "RMSprop",
                                       "Adagrad", "Adadelta"])
def test_training_step_makes_no_reference_cycles(optimizer):
    vs, x, y = _mlp()
    opt = getattr(tf.keras.optimizers, optimizer)(0.01)

    def step():
        with tf.GradientTape() as tape:
            h = tf.nn.relu(tf.matmul(x, vs[0]) + vs[1])
            logits = tf.matmul(h, vs[2]) + vs[3]
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits))
        opt.apply_gradients(zip(tape.gradient(loss, vs), vs))
    garbage = _cyclic_garbage(step)
    assert garbage == [], sorted({type(o).__name__ for o in garbage})


def test_keras_step_with_nested_and_forward_mode_makes_no_cycles():
    dense1, dense2 = tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(3)
    emb = tf.keras.layers.Embedding(10, 3)
    _, x, y = _mlp()
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    opt = tf.keras.optimizers.Adam(0.01, clipnorm=1.0)
    ids = tf.constant([[1, 1, 3]])

    def step():
        with tf.GradientTape(persistent=True) as tape:
            with tf.GradientTape() as inner:
                loss = loss_fn(y, dense2(dense1(x)) + tf.reduce_sum(emb(ids)))
            penalty = tf.add_n([tf.reduce_sum(g * g)
                                for g in inner.gradient(loss, dense1.trainable_variables)])
            total = loss + penalty
        vs = dense1.trainable_variables + dense2.trainable_variables + emb.trainable_variables
        grads = tape.gradient(total, vs)
        del tape
        opt.apply_gradients(zip(grads, vs))
        with tf.autodiff.ForwardAccumulator(dense1.kernel, tf.ones_like(dense1.kernel)) as acc:
            out = dense1(x)
        acc.jvp(out)
    garbage = _cyclic_garbage(step)
    assert garbage == [], sorted({type(o).__name__ for o in garbage})


def test_gradient_dies_with_its_last_reference():
    v = tf.Variable(np.ones((500, 500)))
    gc.disable()
    try:
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(v * v)
        (g,) = tape.gradient(loss, [v])
        ref = weakref.ref(g)
        del g, tape, loss
        assert ref() is None  # freed by reference counting, not left for the cycle collector
    finally:
        gc.enable()


def test_nest_pack_sequence_as_makes_no_cycle():
    leaf = tf.constant([1.0])
    ref = weakref.ref(leaf)
    gc.disable()
    try:
        out = tf.nest.pack_sequence_as({"a": [0, (0, 0)]}, [leaf, 2, 3])
        assert out["a"][0] is leaf and out["a"][1] == (2, 3)
        del out, leaf
        assert ref() is None
    finally:
        gc.enable()


# -- optimizers: IndexedSlices gradients, update shapes ---------------------------------------------
ALL_OPTIMIZERS = [
    lambda: tf.keras.optimizers.SGD(0.1), lambda: tf.keras.optimizers.SGD(0.1, momentum=0.9),
    lambda: tf.keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True),
    lambda: tf.keras.optimizers.Adam(0.1), lambda: tf.keras.optimizers.Adam(0.1, amsgrad=True),
    lambda: tf.keras.optimizers.AdamW(0.1), lambda: tf.keras.optimizers.Adamax(0.1),
    lambda: tf.keras.optimizers.Nadam(0.1), lambda: tf.keras.optimizers.RMSprop(0.1),
    lambda: tf.keras.optimizers.RMSprop(0.1, momentum=0.5, centered=True),
    lambda: tf.keras.optimizers.Adagrad(0.1), lambda: tf.keras.optimizers.Adadelta(1.0)]


def _run(make, grad_fn, steps=3):
    v = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10 + 1)
    opt = make()
    for _ in range(steps):
        opt.apply_gradients([(grad_fn(v), v)])
    return v.numpy()


@pytest.mark.parametrize("make", ALL_OPTIMIZERS)
def test_sparse_gradient_without_repeats_matches_dense(make):
    def sparse(v):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.gather(v, [3, 0]) ** 2)
        g = tape.gradient(loss, v)
        assert isinstance(g, tf.IndexedSlices)
        return g

    def dense(v):
        return tf.convert_to_tensor(sparse(v))
    np.testing.assert_allclose(_run(make, sparse), _run(make, dense), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("make", ALL_OPTIMIZERS)
def test_sparse_gradient_rows_outside_the_slices_keep_their_values(make):
    def sparse(v):
        return tf.IndexedSlices(tf.ones((3, 3)), tf.constant([0, 0, 2]), tf.constant([4, 3]))
    out = _run(make, sparse)
    start = np.arange(12, dtype=np.float32).reshape(4, 3) / 10 + 1
    if not isinstance(make(), tf.keras.optimizers.AdamW):  # decay touches every row
        np.testing.assert_array_equal(out[[1, 3]], start[[1, 3]])


def test_adam_repeated_index_applies_slices_as_keras_does():
    # the reproducer: TF 2.21 + Keras 3.15 gives 0.8586 (sum of squares in the
    # second moment), not 0.9 (square of the summed slices)
    v = tf.Variable(np.ones((3, 2), np.float32))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.gather(v, [0, 0, 2]) * np.array([1.0, 3.0], np.float32))
    tf.keras.optimizers.Adam(0.1).apply_gradients([(tape.gradient(loss, v), v)])
    np.testing.assert_allclose(v.numpy()[0], [0.8586, 0.8586], atol=1e-4)
    np.testing.assert_allclose(v.numpy()[2], [0.9, 0.9], atol=1e-6)


def test_sparse_gradient_index_out_of_range_raises_and_changes_nothing():
    v = tf.Variable(np.ones((3, 2), np.float32))
    opt = tf.keras.optimizers.Adagrad(0.1)
    bad = tf.IndexedSlices(tf.ones((2, 2)), tf.constant([2, 7]), tf.constant([3, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = 7 is not in"):
        opt.apply_gradients([(bad, v)])
    assert (v.numpy() == 1).all()


def test_update_of_wrong_shape_raises_tf_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Cannot update variable with shape"):
        tf.keras.optimizers.SGD(0.1).apply_gradients([(tf.constant(1.), tf.Variable([1., 2.]))])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
        tf.keras.optimizers.Adam(0.1).apply_gradients(
            [(tf.constant([1., 2., 3.]), tf.Variable([1., 2.]))])
