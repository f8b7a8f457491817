"""Linear regression with a hand-written training loop: a `tf.Module`, `tf.GradientTape`, a Keras
optimizer and `tf.function` (which in tapeflow runs eagerly on every call).

    python examples/linear_regression.py
"""
import pathlib
import sys

import numpy as np

try:
    import tapeflow as tf
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    import tapeflow as tf

TRUE_W = np.array([[2.0], [-3.4], [0.5]], np.float32)
TRUE_B = 4.2


class LinearModel(tf.Module):
    """y = x @ w + b."""

    def __init__(self, features):
        super().__init__()
        self.w = tf.Variable(tf.zeros((features, 1)), name="w")
        self.b = tf.Variable(0.0, name="b")

    def __call__(self, x):
        return x @ self.w + self.b


def make_data(n=500, noise=0.05, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3)).astype(np.float32)
    y = x @ TRUE_W + TRUE_B + rng.normal(0.0, noise, size=(n, 1)).astype(np.float32)
    return tf.constant(x), tf.constant(y)


def fit(steps=200, learning_rate=0.1, verbose=True):
    x, y = make_data()
    model = LinearModel(3)
    optimizer = tf.keras.optimizers.SGD(learning_rate, momentum=0.9)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(x) - y))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    for i in range(steps):
        loss = step()
        if verbose and i % 40 == 0:
            print(f"step {i:3d}  loss {float(loss):.5f}")
    if verbose:
        print("learned w:", model.w.numpy().ravel().round(3), " true w:", TRUE_W.ravel())
        print("learned b:", round(float(model.b.numpy()), 3), " true b:", TRUE_B)
    return model, float(loss)


if __name__ == "__main__":
    fit()
