"""A small MLP classifier trained with tapeflow's Keras layers, optimizer and loss.

Data: scikit-learn's 8x8 handwritten digits (1,797 images, 10 classes) when scikit-learn is
installed (`pip install '.[demo]'`), else a built-in synthetic 10-class dataset of the same shape.
The loop is the usual TF 2 custom training loop: `tf.GradientTape`, `optimizer.apply_gradients`,
metrics, a `tf.train.CheckpointManager`, a text progress bar, and a loss-curve plot written to
`out/` when matplotlib is installed.

    python examples/mlp_classifier.py            # digits (or synthetic), full run
    python examples/mlp_classifier.py --quick    # synthetic data, a few epochs (for tests)
"""
import argparse
import os
import pathlib
import sys
import time

import numpy as np

try:
    import tapeflow as tf
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    import tapeflow as tf

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "out"


# -- data ------------------------------------------------------------------------------------------
def synthetic_digits(n_per_class=180, seed=0):
    """A stand-in for the digits data: 10 classes of 64 'pixels' in [0, 16], each class a noisy,
    randomly shifted copy of its own prototype image."""
    rng = np.random.default_rng(seed)
    prototypes = rng.uniform(0, 16, size=(10, 64)) * (rng.uniform(size=(10, 64)) < 0.45)
    xs, ys = [], []
    for label, proto in enumerate(prototypes):
        noise = rng.normal(0.0, 3.0, size=(n_per_class, 64))
        drop = rng.uniform(size=(n_per_class, 64)) < 0.1
        xs.append(np.clip(np.where(drop, 0.0, proto + noise), 0, 16))
        ys.append(np.full(n_per_class, label))
    return np.concatenate(xs), np.concatenate(ys)


def load_data(synthetic=False, test_fraction=0.2, seed=0):
    """(x_train, y_train, x_test, y_test, name): float32 features scaled to [0, 1], int32 labels,
    a shuffled split with `test_fraction` held out."""
    name = "synthetic digits (built in)"
    if not synthetic:
        try:
            from sklearn.datasets import load_digits
            digits = load_digits()
            x, y = digits.data, digits.target
            name = "scikit-learn digits"
        except ImportError:
            print("scikit-learn is not installed: using the built-in synthetic dataset "
                  "(pip install '.[demo]' for the real digits)")
            x, y = synthetic_digits()
    else:
        x, y = synthetic_digits()
    x = (x / 16.0).astype(np.float32)
    y = y.astype(np.int32)
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    n_test = int(round(len(x) * test_fraction))
    return x[n_test:], y[n_test:], x[:n_test], y[:n_test], name


# -- model and training ------------------------------------------------------------------------------
def build_model(hidden=128, classes=10, dropout=0.2):
    return tf.keras.Sequential([
        tf.keras.layers.Dense(hidden, activation="relu", kernel_initializer="he_normal",
                              name="hidden"),
        tf.keras.layers.Dropout(dropout, name="dropout"),
        tf.keras.layers.Dense(classes, name="logits"),
    ], name="mlp")


class ProgressBar:
    """A dependency-free text progress bar: redrawn in place on a terminal, one line per update
    otherwise (so logs stay readable)."""

    def __init__(self, total, width=30, stream=None):
        self.total, self.width = total, width
        self.stream = stream or sys.stdout
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = time.perf_counter()

    def update(self, done, text=""):
        filled = int(self.width * done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"[{bar}] {done:>3}/{self.total} {text} ({time.perf_counter() - self.start:.1f}s)"
        if self.tty:
            self.stream.write("\r" + line)
            if done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def train(epochs=40, batch_size=64, learning_rate=0.005, synthetic=False, seed=0,
          checkpoint_dir=None, verbose=True, log_every=None):
    """Trains the MLP; returns a dict with the loss history, test accuracy and timings."""
    tf.random.set_seed(seed)
    x_train, y_train, x_test, y_test, data_name = load_data(synthetic=synthetic, seed=seed)
    model = build_model()
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(
        learning_rate, decay_steps=500, decay_rate=0.5)
    optimizer = tf.keras.optimizers.Adam(schedule)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    train_loss = tf.keras.metrics.Mean(name="train_loss")
    train_acc = tf.keras.metrics.SparseCategoricalAccuracy(name="train_accuracy")
    manager = None
    if checkpoint_dir is not None:
        ckpt = tf.train.Checkpoint(model=model, optimizer=optimizer)
        manager = tf.train.CheckpointManager(ckpt, str(checkpoint_dir), max_to_keep=2)

    @tf.function  # traced once per input signature, then run as a compiled plan
    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        train_loss.update_state(loss)
        train_acc.update_state(y, logits)
        return loss

    if verbose:
        print(f"data: {data_name}: {len(x_train)} training and {len(x_test)} held-out examples, "
              f"{x_train.shape[1]} features")
    rng = np.random.default_rng(seed)
    history = []
    bar = ProgressBar(epochs) if verbose else None
    log_every = log_every or max(1, epochs // 10)
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        train_loss.reset_state()
        train_acc.reset_state()
        order = rng.permutation(len(x_train))
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            train_step(tf.constant(x_train[idx]), tf.constant(y_train[idx]))
        history.append(float(train_loss.result()))
        if manager is not None:
            manager.save()
        if bar is not None and (bar.tty or epoch % log_every == 0 or epoch == epochs):
            bar.update(epoch, f"loss {history[-1]:.4f} acc {float(train_acc.result()):.3f}")
    seconds = time.perf_counter() - start
    test_logits = model(tf.constant(x_test), training=False)
    test_acc = tf.keras.metrics.SparseCategoricalAccuracy()
    test_acc.update_state(y_test, test_logits)
    return {"history": history, "test_accuracy": float(test_acc.result()), "seconds": seconds,
            "data": data_name, "model": model, "optimizer": optimizer, "manager": manager,
            "steps": int(optimizer.iterations.numpy())}


def save_loss_curve(history, path=None):
    """Writes the per-epoch training loss to a PNG; returns the path, or None without matplotlib."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: skipping the loss-curve plot "
              "(pip install '.[demo]' to get it)")
        return None
    path = pathlib.Path(path or OUT / "loss_curve.png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(range(1, len(history) + 1), history, marker="o", markersize=3)
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (cross-entropy)")
    ax.set_yscale("log")
    ax.set_title("tapeflow MLP on 8x8 digits")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="synthetic data and a short run (what the tests use)")
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--out", default=None, help="output directory (default: out/)")
    args = ap.parse_args(argv)
    epochs = args.epochs or (5 if args.quick else 40)
    out = pathlib.Path(args.out) if args.out else OUT
    result = train(epochs=epochs, synthetic=args.quick, checkpoint_dir=out / "mlp_checkpoints")
    print(f"held-out accuracy: {result['test_accuracy']:.4f} after {result['steps']} steps "
          f"({result['seconds']:.1f} s)")
    plot = save_loss_curve(result["history"], out / "loss_curve.png")
    if plot is not None:
        print(f"loss curve written to {os.path.relpath(plot, ROOT)}")
    return result


if __name__ == "__main__":
    main()
