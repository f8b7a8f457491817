"""Models built identically by TensorFlow's Keras and by tapeflow's (the module is run with
`tf` bound to either), for the weight-file round trips in test_keras_tf_interop.py.

    python keras_models.py BACKEND OUTDIR save|load OTHER_DIR
"""
import json
import os
import sys

import numpy as np


def builders(keras):
    L = keras.layers

    def conv_net():
        inp = keras.Input((8, 8, 1))
        x = L.Conv2D(4, 3, activation="relu", padding="same")(inp)
        x = L.BatchNormalization()(x)
        x = L.MaxPooling2D()(x)
        x = L.SeparableConv2D(3, 3, padding="same")(x)
        x = L.DepthwiseConv2D(3)(x)
        x = L.Conv2DTranspose(2, 3, strides=2, padding="same")(x)
        x = L.AveragePooling2D(2)(x)
        x = L.ZeroPadding2D(1)(x)
        x = L.Cropping2D(1)(x)
        x = L.UpSampling2D()(x)
        x = L.GlobalAveragePooling2D()(x)
        x = L.Dense(5, activation="tanh", kernel_regularizer="l2")(x)
        x = L.PReLU()(x)
        out = L.Dense(3, activation="softmax")(x)
        return keras.Model(inp, out)

    def sequence_net():
        inp = keras.Input((6,), dtype="int32")
        e = L.Embedding(12, 4, mask_zero=True)(inp)
        a = L.LSTM(5, return_sequences=True)(e)
        b = L.Bidirectional(L.GRU(3))(a)
        c = L.SimpleRNN(2)(e)
        x = L.Concatenate()([b, c])
        x = L.LayerNormalization()(x)
        out = L.Dense(1)(x)
        return keras.Model(inp, out)

    def attention_net():
        inp = keras.Input((5, 4))
        x = L.MultiHeadAttention(2, 3)(inp, inp)
        x = L.Add()([x, inp]) * 0.5 - 1.0  # Keras ops recorded in the graph
        x = L.TimeDistributed(L.Dense(3))(x)
        x = L.Conv1D(2, 2, padding="causal")(x)
        x = L.MaxPooling1D()(x)
        x = L.Flatten()(x)
        return keras.Model(inp, L.Dense(2)(x))

    def sequential_net():
        return keras.Sequential([keras.Input((4,)), L.Normalization(mean=0.5, variance=4.0),
                                 L.Dense(8, activation="relu"), L.Dropout(0.1),
                                 L.Dense(3, activation="softmax")])

    return {"conv": conv_net, "sequence": sequence_net, "attention": attention_net,
            "sequential": sequential_net}


def data(name):
    rng = np.random.default_rng(0)
    if name == "conv":
        return rng.normal(size=(16, 8, 8, 1)).astype("float32"), np.arange(16) % 3
    if name == "sequence":
        x = rng.integers(1, 12, size=(16, 6)).astype("int32")
        x[:, 4:] = 0
        return x, rng.normal(size=(16, 1)).astype("float32")
    if name == "attention":
        return rng.normal(size=(16, 5, 4)).astype("float32"), \
            rng.normal(size=(16, 2)).astype("float32")
    return rng.normal(size=(16, 4)).astype("float32"), np.arange(16) % 3


LOSSES = {"conv": "sparse_categorical_crossentropy", "sequence": "mse", "attention": "mse",
          "sequential": "sparse_categorical_crossentropy"}


def main(backend, outdir, mode, other):
    if backend == "tensorflow":
        import tensorflow as tf
    else:
        import tapeflow as tf
    keras = tf.keras
    build = builders(keras)
    report = {}
    os.makedirs(outdir, exist_ok=True)
    for name, fn in build.items():
        x, y = data(name)
        if mode == "save":
            model = fn()
            model.compile("adam", LOSSES[name])
            model.fit(x, y, epochs=2, batch_size=8, verbose=0)
            model.save(os.path.join(outdir, f"{name}.keras"))
            model.save_weights(os.path.join(outdir, f"{name}.weights.h5"))
            np.save(os.path.join(outdir, f"{name}_pred.npy"), model.predict(x, verbose=0))
        else:
            loaded = keras.models.load_model(os.path.join(other, f"{name}.keras"))
            fresh = fn()
            fresh.load_weights(os.path.join(other, f"{name}.weights.h5"))
            want = np.load(os.path.join(other, f"{name}_pred.npy"))
            report[name] = {
                "load_model": float(np.abs(loaded.predict(x, verbose=0) - want).max()),
                "load_weights": float(np.abs(fresh.predict(x, verbose=0) - want).max()),
                "iterations": int(np.asarray(loaded.optimizer.iterations.numpy()))}
    if mode == "load":
        print(json.dumps(report))


if __name__ == "__main__":
    main(*sys.argv[1:5])
