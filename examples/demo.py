"""tapeflow's main demo: the seed tutorial verbatim, a short tour of gradients, then two real
training runs on scikit-learn's digits: an MLP in a custom training loop (Keras layers, Adam, a
checkpoint manager, a progress bar and a loss-curve plot in `out/`), and a convolutional network
trained with Keras's `model.fit` (validation, EarlyStopping, a saved `.keras` model and a
History plot in `out/`).

Run it with `scripts/demo.sh` (or `python examples/demo.py` where tapeflow is importable).
`--quick` trains on the built-in synthetic data for a few epochs (what the tests use);
`--out DIR` writes plots and checkpoints to DIR instead of `out/`.
"""
import argparse
import pathlib
import runpy
import sys
import time

import numpy as np

import tapeflow as tf

HERE = pathlib.Path(__file__).resolve().parent


def section(title):
    print()
    print("=" * 72)
    print(title)
    print("=" * 72)


def seed_tutorial():
    section("1. The seed tutorial (TensorFlow's autodiff tutorial, with `import tapeflow as tf`)")
    runpy.run_path(str(HERE / "seed_tutorial.py"), run_name="__main__")


def tour():
    section("2. Gradients of a function of several variables")
    w = tf.Variable([[1.0, -2.0], [0.5, 3.0]], name="w")
    b = tf.Variable([0.1, -0.1], name="b")
    x = tf.constant([[1.0, 2.0]])
    with tf.GradientTape() as tape:
        y = tf.nn.relu(x @ w + b)
        loss = tf.reduce_mean(y ** 2)
    dw, db = tape.gradient(loss, [w, b])
    print("loss =", loss)
    print("dloss/dw =", dw)
    print("dloss/db =", db)
    print("watched variables:", [v.name for v in tape.watched_variables()])

    section("3. Higher derivatives with nested tapes: d^n/dx^n of sin(x) at x = 1")
    x = tf.Variable(1.0)
    tapes = [tf.GradientTape() for _ in range(4)]
    for t in tapes:
        t.__enter__()
    y = tf.sin(x)
    derivs = []
    for t in reversed(tapes):
        t.__exit__(None, None, None)
        y = t.gradient(y, x)
        derivs.append(float(y))
    print("derivatives 1..4:", np.round(derivs, 6), "(cos, -sin, -cos, sin at 1)")

    section("4. Jacobians, unconnected sources, and stop_gradient")
    x = tf.constant([1.0, 2.0, 3.0])
    z = tf.constant(5.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, z])
        y = x * x * tf.stop_gradient(x)
    print("jacobian of x*x*stop_gradient(x):\n", tape.jacobian(y, x))
    print("unconnected source (NONE):", tape.gradient(y, z))
    print("unconnected source (ZERO):",
          tape.gradient(y, z, unconnected_gradients=tf.UnconnectedGradients.ZERO))
    del tape

    section("5. TF's errors, with TF's types and messages")
    for code in ("tf.constant([1.0]) + tf.constant([1.0], tf.float64)",
                 "tf.constant([1, 2]) * 1.5",
                 "tf.matmul(tf.ones((2, 3)), tf.ones((2, 3)))"):
        try:
            eval(code)
        except Exception as e:
            print(f"{code}\n    -> {type(e).__name__}: {e}")

    section("6. A gradient check against finite differences (float64, first and second order)")
    f = lambda v: tf.reduce_sum(tf.sin(v) * tf.reduce_sum(v * v))
    tf.test.check_gradients(f, [np.array([0.3, -1.2, 2.0])], order=2)
    print("check_gradients(sum(sin(v) * sum(v*v)), order=2): OK")

    section("7. Fitting a line with a hand-written training loop")
    tf.random.set_seed(0)
    xs = tf.random.uniform((200,), -1.0, 1.0)
    ys = 3.0 * xs + 0.5 + tf.random.normal((200,), stddev=0.05)
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    start = time.perf_counter()
    for _step in range(200):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(w * xs + b - ys))
        dw, db = tape.gradient(loss, [w, b])
        w.assign_sub(0.1 * dw)
        b.assign_sub(0.1 * db)
    print(f"w = {w.numpy():.3f} (true 3.0), b = {b.numpy():.3f} (true 0.5), final loss = "
          f"{loss.numpy():.5f}, 200 steps in {time.perf_counter() - start:.3f} s")


def training_run(quick=False, out_dir=None):
    section("8. Training an MLP classifier in a custom loop: Keras layers, Adam, checkpoints "
            "(examples/mlp_classifier.py)")
    sys.path.insert(0, str(HERE))
    import mlp_classifier
    out = pathlib.Path(out_dir) if out_dir else mlp_classifier.OUT
    result = mlp_classifier.train(epochs=5 if quick else 40, synthetic=quick,
                                  checkpoint_dir=out / "mlp_checkpoints")
    acc = result["test_accuracy"]
    target = "" if quick else f" (target >= 0.95: {'OK' if acc >= 0.95 else 'MISSED'})"
    print(f"held-out accuracy: {acc:.4f} on {result['data']} after {result['steps']} Adam steps "
          f"in {result['seconds']:.1f} s{target}")
    print("latest checkpoint:", _shown(result["manager"].latest_checkpoint))
    plot = mlp_classifier.save_loss_curve(result["history"], out / "loss_curve.png")
    if plot is not None:
        print("loss curve written to", _shown(plot))


def _shown(path):
    """A path relative to the repository when it lies inside it."""
    path = pathlib.Path(path).resolve()
    try:
        return path.relative_to(HERE.parent)
    except ValueError:
        return path


def keras_fit_run(quick=False, out_dir=None):
    section("9. A convolutional network with Keras's model.fit: validation, EarlyStopping, a "
            "saved .keras file (examples/keras_convnet.py)")
    sys.path.insert(0, str(HERE))
    import keras_convnet
    result = keras_convnet.train(quick=quick, out_dir=out_dir)
    acc = result["test_accuracy"]
    print(f"held-out accuracy: {acc:.4f} on {result['data']} after "
          f"{len(result['history'].epoch)} epochs in {result['seconds']:.1f} s"
          + ("" if quick else f" (target >= 0.97: {'OK' if acc >= 0.97 else 'MISSED'})"))
    print(f"best model saved to {result['checkpoint']}; reloaded with "
          f"keras.models.load_model it scores {result['restored_accuracy']:.4f}")
    plot = keras_convnet.plot_history(result, pathlib.Path(out_dir or keras_convnet.OUT) /
                                      "convnet_history.png")
    if plot is not None:
        print("History plot (per step and per epoch, training and validation) written to", plot)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="tapeflow's main demo")
    parser.add_argument("--quick", action="store_true",
                        help="train on built-in synthetic data for a few epochs")
    parser.add_argument("--out", default=None, help="where plots and checkpoints go "
                                                    "(default: out/)")
    args = parser.parse_args()
    start = time.perf_counter()
    seed_tutorial()
    tour()
    training_run(quick=args.quick, out_dir=args.out)
    keras_fit_run(quick=args.quick, out_dir=args.out)
    print(f"\ndemo finished in {time.perf_counter() - start:.1f} s")
