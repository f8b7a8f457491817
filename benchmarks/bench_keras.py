"""`Model.fit` against the same training written as a custom loop, printed (not asserted):
run `python benchmarks/bench_keras.py`.

The network is examples/mlp_classifier.py's (Dense 128 relu, Dropout 0.2, Dense 10 logits) on
1,440 synthetic digits-sized examples (64 features), batch 64, Adam, sparse cross-entropy from
logits, one epoch per measurement. Every version does the same work per step: forward, loss, gradients,
Adam update, a running loss mean and accuracy. The custom loop is the one in mlp_classifier.py
(GradientTape, apply_gradients, metrics.update_state), run eagerly and with its step in
`tf.function`; fit goes through compile/fit with verbose=0 and shuffle=False, with the default
compile (the step traced into a tf.function) and with run_eagerly=True. The issue's target is
fit (default) <= 1.2 x the custom loop. The versions are measured interleaved, one epoch each in
turn, and each figure is the best process CPU time of the rounds, since the machine is shared
and noisy (run with OPENBLAS_NUM_THREADS=1 so CPU time is one thread's work).
"""
import sys
import time

from _timing import ROOT  # also puts the repo on sys.path

import tapeflow as tf

sys.path.insert(0, f"{ROOT}/examples")
import mlp_classifier

BATCH = 64


def data():
    x, y, _, _, _ = mlp_classifier.load_data(synthetic=True)
    return x, y


def custom_loop(x, y, traced=False):
    model = mlp_classifier.build_model()
    optimizer = tf.keras.optimizers.Adam(0.005)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    train_loss = tf.keras.metrics.Mean()
    train_acc = tf.keras.metrics.SparseCategoricalAccuracy()

    def train_step(xb, yb):  # the example's step, eager
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        train_loss.update_state(loss)
        train_acc.update_state(yb, logits)
    if traced:
        train_step = tf.function(train_step)

    def epoch():
        train_loss.reset_state()
        train_acc.reset_state()
        for i in range(0, len(x), BATCH):
            train_step(tf.constant(x[i:i + BATCH]), tf.constant(y[i:i + BATCH]))
    return epoch


def keras_fit(x, y, run_eagerly=False):
    model = mlp_classifier.build_model()
    model.compile(optimizer=tf.keras.optimizers.Adam(0.005),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"], run_eagerly=run_eagerly)

    def epoch():
        model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    epoch.model = model
    return epoch


def interleaved(fns, rounds):
    """Best time of each function over `rounds` rounds that run each once in turn (after one
    warm-up call each, which traces the tf.function versions)."""
    for fn in fns.values():
        fn()
    times = {k: [] for k in fns}
    for _ in range(rounds):
        for k, fn in fns.items():
            start = time.process_time()
            fn()
            times[k].append(time.process_time() - start)
    return {k: min(v) for k, v in times.items()}


def main(rounds=9):
    x, y = data()
    steps = -(-len(x) // BATCH)
    fit = keras_fit(x, y)
    t = interleaved({"loop": custom_loop(x, y), "loop_fn": custom_loop(x, y, traced=True),
                     "fit": fit, "fit_eager": keras_fit(x, y, run_eagerly=True)}, rounds)
    traced = hasattr(fit.model.train_function.step_function, "experimental_get_tracing_count")
    print(f"MLP epoch ({len(x)} examples, {steps} steps of batch {BATCH}), best of {rounds}:")
    rows = [("custom loop, eager (GradientTape + apply_gradients)", "loop"),
            ("custom loop, step in tf.function", "loop_fn"),
            ("model.fit (default compile: traced step)", "fit"),
            ("model.fit (run_eagerly=True)", "fit_eager")]
    for label, k in rows:
        print(f"  {label:<52} {t[k] * 1e3:8.1f} ms ({t[k] / steps * 1e3:.2f} ms/step)")
    print(f"  (fit's train step traced: {traced})")
    print(f"  fit / custom loop (eager):        {t['fit'] / t['loop']:.2f}x (target <= 1.2x)")
    print(f"  fit / custom loop (tf.function):  {t['fit'] / t['loop_fn']:.2f}x")
    print(f"  fit traced / fit run_eagerly:     {t['fit'] / t['fit_eager']:.2f}x")


if __name__ == "__main__":
    main()
