"""A small convolutional network trained with Keras's `model.fit` on scikit-learn's 8x8 digits.

The Keras 3 workflow, unchanged from TensorFlow: a `Sequential` model, `compile`, `fit` on a
`tf.data` input pipeline (shuffled batches, prefetching) with a held-out validation set, Keras's
progress bar, `EarlyStopping(restore_best_weights=True)`, a
`ModelCheckpoint` writing the best model as a `.keras` file, `evaluate` on held-out data, and
`keras.models.load_model` to read the checkpoint back. The History (training loss per step,
training and validation loss and accuracy per epoch) is plotted to `out/` when matplotlib is
installed. Without scikit-learn the built-in synthetic digits are used.

    python examples/keras_convnet.py            # digits (or synthetic), full run
    python examples/keras_convnet.py --quick    # synthetic data, 2 epochs (for tests)
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

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "out"
sys.path.insert(0, str(HERE))
import mlp_classifier


def build_model():
    L = tf.keras.layers
    return tf.keras.Sequential([
        tf.keras.Input((8, 8, 1)),
        L.Conv2D(16, 3, padding="same", activation="relu"),
        L.MaxPooling2D(),
        L.Conv2D(32, 3, padding="same", activation="relu"),
        L.MaxPooling2D(),
        L.Flatten(),
        L.Dropout(0.25),
        L.Dense(10, activation="softmax"),
    ], name="digits_convnet")


class StepLosses(tf.keras.callbacks.Callback):
    """Records the training loss Keras reports after every step (its running epoch mean)."""

    def on_train_begin(self, logs=None):
        self.losses = []

    def on_train_batch_end(self, batch, logs=None):
        self.losses.append(logs["loss"])


def train(epochs=30, quick=False, out_dir=None, verbose="auto", seed=0):
    """Trains the convnet; returns a dict with the History, step losses, test accuracy, the
    checkpoint path and timings."""
    if verbose == "auto":  # Keras's redrawn bar on a terminal, one line per epoch in a log
        verbose = 1 if sys.stdout.isatty() else 2
    tf.keras.utils.set_random_seed(seed)
    out_dir = pathlib.Path(out_dir or OUT)
    out_dir.mkdir(parents=True, exist_ok=True)
    x_train, y_train, x_test, y_test, name = mlp_classifier.load_data(synthetic=quick, seed=seed)
    x_train, x_test = x_train.reshape(-1, 8, 8, 1), x_test.reshape(-1, 8, 8, 1)
    model = build_model()
    model.compile(optimizer=tf.keras.optimizers.Adam(0.005),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    if verbose:
        print(f"data: {name}: {len(x_train)} training and {len(x_test)} held-out images")
        model.summary()
    checkpoint = out_dir / "digits_convnet.keras"
    steps = StepLosses()
    callbacks = [
        tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=4,
                                         restore_best_weights=True, verbose=verbose),
        tf.keras.callbacks.ModelCheckpoint(str(checkpoint), monitor="val_loss",
                                           save_best_only=True),
        steps,
    ]
    # the input pipeline: tf.data, with the last 15% of the training images held out for validation
    n_val = int(len(x_train) * 0.15)
    train_ds = (tf.data.Dataset.from_tensor_slices((x_train[:-n_val], y_train[:-n_val]))
                .shuffle(len(x_train) - n_val, seed=seed).batch(32).prefetch(tf.data.AUTOTUNE))
    val_ds = tf.data.Dataset.from_tensor_slices((x_train[-n_val:], y_train[-n_val:])).batch(128)
    start = time.perf_counter()
    history = model.fit(train_ds, epochs=2 if quick else epochs, validation_data=val_ds,
                        callbacks=callbacks, verbose=verbose)
    seconds = time.perf_counter() - start
    test_loss, test_acc = model.evaluate(x_test, y_test, verbose=0)
    restored = tf.keras.models.load_model(str(checkpoint))
    restored_acc = restored.evaluate(x_test, y_test, verbose=0)[1]
    return {"history": history, "step_losses": steps.losses, "test_accuracy": test_acc,
            "test_loss": test_loss, "checkpoint": checkpoint, "restored_accuracy": restored_acc,
            "seconds": seconds, "data": name, "model": model}


def plot_history(result, path=None):
    """Per-step training loss and per-epoch training/validation loss and accuracy, as a PNG;
    returns the path, or None without matplotlib."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: skipping the History plot "
              "(pip install '.[demo]' to get it)")
        return None
    h = result["history"].history
    epochs = np.arange(1, len(h["loss"]) + 1)
    path = pathlib.Path(path or OUT / "convnet_history.png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, (ax0, ax1, ax2) = plt.subplots(1, 3, figsize=(13, 3.6))
    steps = np.arange(1, len(result["step_losses"]) + 1)
    per_epoch = len(steps) / len(epochs)
    ax0.plot(steps / per_epoch, result["step_losses"], lw=0.8)
    ax0.set(xlabel="epoch (by step)", ylabel="running training loss", yscale="log",
            title="per step")
    ax1.plot(epochs, h["loss"], marker="o", ms=3, label="training")
    ax1.plot(epochs, h["val_loss"], marker="o", ms=3, label="validation")
    ax1.set(xlabel="epoch", ylabel="loss", yscale="log", title="loss per epoch")
    ax2.plot(epochs, h["accuracy"], marker="o", ms=3, label="training")
    ax2.plot(epochs, h["val_accuracy"], marker="o", ms=3, label="validation")
    ax2.set(xlabel="epoch", ylabel="accuracy", title="accuracy per epoch")
    for ax in (ax0, ax1, ax2):
        ax.grid(True, alpha=0.3)
    ax1.legend()
    ax2.legend()
    fig.suptitle("tapeflow: Keras model.fit, convnet on 8x8 digits")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="synthetic data, 2 epochs")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--out", default=None, help="output directory (default: out/)")
    args = ap.parse_args(argv)
    result = train(epochs=args.epochs, quick=args.quick, out_dir=args.out)
    out = pathlib.Path(args.out or OUT)
    acc = result["test_accuracy"]
    print(f"held-out accuracy: {acc:.4f} after {len(result['history'].epoch)} epochs "
          f"({result['seconds']:.1f} s); checkpoint {os.path.relpath(result['checkpoint'])} "
          f"reloads at {result['restored_accuracy']:.4f}")
    plot = plot_history(result, out / "convnet_history.png")
    if plot is not None:
        print(f"History plot written to {os.path.relpath(plot)}")
    return result


if __name__ == "__main__":
    main()
