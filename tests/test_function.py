"""tf.function runs eagerly on every call; signatures are checked; gradients flow."""
import pytest

import tapeflow as tf


def test_python_runs_only_while_tracing():
    calls = []

    @tf.function
    def f(x):
        calls.append(1)  # a Python side effect: it happens while tracing, as in TF
        return x + 1.0

    f(tf.constant(1.0))
    f(tf.constant(2.0))
    assert len(calls) == 1
    assert f.experimental_get_tracing_count() == 1
    f(tf.constant([1.0, 2.0]))  # a new shape: a new trace
    assert len(calls) == 2 and f.experimental_get_tracing_count() == 2


def test_decorator_with_arguments_and_gradient():
    @tf.function(jit_compile=True, reduce_retracing=True)
    def f(x):
        return x * x

    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = f(x)
    assert float(tape.gradient(y, x)) == 6.0


def test_input_signature():
    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def f(x):
        return tf.reduce_sum(x)

    assert float(f([[1.0, 2.0]])) == 3.0
    with pytest.raises(TypeError):
        f(tf.constant([1.0, 2.0]))
    with pytest.raises(TypeError):
        f(tf.constant([[1, 2]]))
    assert repr(tf.TensorSpec([None, 2])) == "TensorSpec(shape=(None, 2), dtype=tf.float32, name=None)"


def test_method_binding():
    class M(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(2.0)

        @tf.function
        def __call__(self, x):
            return self.w * x

    assert float(M()(tf.constant(3.0))) == 6.0
