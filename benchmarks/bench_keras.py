"""`Model.fit` against the same training written as a custom loop, printed (not asserted):
run `python benchmarks/bench_keras.py`.

The network is examples/mlp_classifier.py's (Dense 128 relu, Dropout 0.2, Dense 10 logits) on
1,437 digits-sized examples (64 features), batch 64, Adam, sparse cross-entropy from logits,
one epoch per measurement. Both versions do the same work per step: forward, loss, gradients,
Adam update, a running loss mean and accuracy. The custom loop is the one in mlp_classifier.py
(GradientTape, apply_gradients, metrics.update_state); fit goes through compile/fit with
verbose=0 and shuffle=False. Each figure is the best of several epochs measured in one run,
since the machine is shared and noisy.
"""
import sys

from _timing import ROOT, best

import tapeflow as tf

sys.path.insert(0, f"{ROOT}/examples")
import mlp_classifier

BATCH = 64


def data():
    x, y, _, _, _ = mlp_classifier.load_data(synthetic=True)
    return x, y


def custom_loop(x, y):
    model = mlp_classifier.build_model()
    optimizer = tf.keras.optimizers.Adam(0.005)
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    train_loss = tf.keras.metrics.Mean()
    train_acc = tf.keras.metrics.SparseCategoricalAccuracy()

    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        train_loss.update_state(loss)
        train_acc.update_state(yb, logits)

    def epoch():
        train_loss.reset_state()
        train_acc.reset_state()
        for i in range(0, len(x), BATCH):
            train_step(tf.constant(x[i:i + BATCH]), tf.constant(y[i:i + BATCH]))
    return epoch


def keras_fit(x, y):
    model = mlp_classifier.build_model()
    model.compile(optimizer=tf.keras.optimizers.Adam(0.005),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])

    def epoch():
        model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    return epoch


def main():
    x, y = data()
    steps = -(-len(x) // BATCH)
    loop = best(custom_loop(x, y), number=1, repeat=9)
    fit = best(keras_fit(x, y), number=1, repeat=9)
    print(f"MLP epoch ({len(x)} examples, {steps} steps of batch {BATCH}):")
    print(f"  custom loop (GradientTape + apply_gradients): {loop * 1e3:8.1f} ms "
          f"({loop / steps * 1e3:.2f} ms/step)")
    print(f"  model.fit:                                    {fit * 1e3:8.1f} ms "
          f"({fit / steps * 1e3:.2f} ms/step)")
    print(f"  fit / custom loop: {fit / loop:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
