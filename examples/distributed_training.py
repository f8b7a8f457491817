"""The MLP classifier of `mlp_classifier.py`, trained data-parallel with `tf.distribute`.

The training loop is the usual TF 2 one; only the strategy changes:

    python examples/distributed_training.py                          # one process, one replica
    python examples/distributed_training.py --strategy mirrored --devices 2   # 2 logical CPUs
    mpirun -n 2 python examples/distributed_training.py --strategy multiworker  # 2 processes
    mpirun -n 2 python examples/distributed_training.py --strategy multiworker --keras

Every variant trains on the same global batches and ends with the same weights (to float
tolerance): `--save out.npz` writes them (from the chief) so runs can be compared. `--keras`
trains with `model.fit` (with `BackupAndRestore` when `--backup DIR` is given) instead of the
custom loop (which checkpoints with a `CheckpointManager` when `--checkpoint DIR` is given).
`--fail-at STEP` makes worker 1 raise at that step (to see the other workers stop with a clear
error instead of hanging).
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

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from mlp_classifier import synthetic_digits


def load_data(n_per_class=180, seed=0):
    x, y = synthetic_digits(n_per_class=n_per_class, seed=seed)
    return (x / 16.0).astype(np.float32), y.astype(np.int32)


def make_strategy(name, devices=2, timeout=None):
    if name == "none":
        return tf.distribute.get_strategy()
    if name == "mirrored":
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration()] * devices)
        return tf.distribute.MirroredStrategy([f"/cpu:{i}" for i in range(devices)])
    if name == "multiworker":
        options = tf.distribute.experimental.CommunicationOptions(timeout_seconds=timeout)
        return tf.distribute.MultiWorkerMirroredStrategy(communication_options=options)
    raise ValueError(f"unknown strategy {name!r}")


def build_model(hidden=128, classes=10, features=64):
    return tf.keras.Sequential([
        tf.keras.Input((features,)),
        tf.keras.layers.Dense(hidden, activation="relu", kernel_initializer="he_normal",
                              name="hidden"),
        tf.keras.layers.Dense(classes, name="logits"),
    ], name="mlp")


def worker_index(strategy):
    return getattr(strategy.extended, "_worker_index", 0)


def train_custom_loop(strategy, x, y, epochs, global_batch, lr, checkpoint_dir=None,
                      fail_at=None, log=print, step_seconds=None):
    with strategy.scope():
        model = build_model()
        optimizer = tf.keras.optimizers.Adam(lr)
        loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(
            from_logits=True, reduction="none")
    manager = None
    if checkpoint_dir is not None:
        ckpt = tf.train.Checkpoint(model=model, optimizer=optimizer)
        manager = tf.train.CheckpointManager(ckpt, checkpoint_dir, max_to_keep=2)
        if manager.latest_checkpoint:
            ckpt.restore(manager.latest_checkpoint)
            log(f"resumed from {manager.latest_checkpoint} "
                f"(step {int(optimizer.iterations.numpy())})")
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(global_batch)
    dist = strategy.experimental_distribute_dataset(dataset)

    def step_fn(inputs):
        xb, yb = inputs
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = tf.nn.compute_average_loss(loss_fn(yb, logits), global_batch_size=global_batch)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    steps_per_epoch = -(-len(x) // global_batch)
    start_epoch = int(optimizer.iterations.numpy()) // steps_per_epoch
    history = []
    for epoch in range(start_epoch, epochs):
        total, n = 0.0, 0
        for batch in dist:
            step = int(optimizer.iterations.numpy())
            if fail_at is not None and step == fail_at and worker_index(strategy) == 1:
                raise RuntimeError(f"worker 1 fails on purpose at step {step}")
            t0 = time.perf_counter()
            loss = strategy.reduce("SUM", strategy.run(step_fn, args=(batch,)), axis=None)
            if step_seconds is not None:
                step_seconds.append(time.perf_counter() - t0)
            total += float(loss)
            n += 1
        history.append(total / n)
        if manager is not None:
            manager.save()
        log(f"epoch {epoch + 1}: loss {history[-1]:.5f}")
    return model, history


def train_keras(strategy, x, y, epochs, global_batch, lr, backup_dir=None, log=print):
    with strategy.scope():
        model = build_model()
        model.compile(optimizer=tf.keras.optimizers.Adam(lr),
                      loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      metrics=["accuracy"])
    callbacks = [tf.keras.callbacks.BackupAndRestore(backup_dir)] if backup_dir else []
    history = model.fit(x, y, batch_size=global_batch, epochs=epochs, shuffle=False, verbose=0,
                        callbacks=callbacks)
    for i, loss in enumerate(history.history["loss"]):
        log(f"epoch {i + 1}: loss {loss:.5f} accuracy {history.history['accuracy'][i]:.4f}")
    return model, history.history["loss"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--strategy", default="none", choices=["none", "mirrored", "multiworker"])
    ap.add_argument("--devices", type=int, default=2, help="logical CPUs for --strategy mirrored")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64, help="global batch size")
    ap.add_argument("--lr", type=float, default=0.005)
    ap.add_argument("--keras", action="store_true", help="train with model.fit")
    ap.add_argument("--save", default=None, help="write the final weights to this .npz")
    ap.add_argument("--checkpoint", default=None, help="CheckpointManager directory")
    ap.add_argument("--backup", default=None, help="BackupAndRestore directory (--keras)")
    ap.add_argument("--fail-at", type=int, default=None, help="worker 1 raises at this step")
    ap.add_argument("--timeout", type=float, default=None, help="collective timeout (s)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    tf.keras.utils.set_random_seed(args.seed)
    strategy = make_strategy(args.strategy, args.devices, args.timeout)
    chief = worker_index(strategy) == 0

    def log(text):
        if chief:
            print(text, flush=True)

    x, y = load_data()
    log(f"{type(strategy).__name__}: {strategy.num_replicas_in_sync} replica(s) in sync, "
        f"global batch {args.batch}, {len(x)} examples")
    start = time.perf_counter()
    if args.keras:
        model, _ = train_keras(strategy, x, y, args.epochs, args.batch, args.lr, args.backup,
                               log)
    else:
        model, _ = train_custom_loop(strategy, x, y, args.epochs, args.batch, args.lr,
                                     args.checkpoint, args.fail_at, log)
    seconds = time.perf_counter() - start
    weights = [w.numpy() for w in model.weights]
    log(f"trained in {seconds:.2f} s; weight checksum {sum(float(np.sum(w)) for w in weights):.6f}")
    if args.save and chief:
        os.makedirs(os.path.dirname(os.path.abspath(args.save)), exist_ok=True)
        np.savez(args.save, *weights)
    return model


if __name__ == "__main__":
    main()
