"""Records TF 2.21's tf.image.resize values (and input gradients) on a table of shapes, methods,
antialias settings and dtypes into tests/data/resize_reference.npz, for tests/test_image.py.

Run with real TensorFlow (never a tapeflow dependency):
    /tmp/tfref/bin/python tools/record_resize_reference.py tests/data/resize_reference.npz
"""
import sys

import numpy as np
import tensorflow as tf

SHAPES = [((5, 7), (3, 4)), ((4, 4), (9, 6)), ((6, 3), (6, 8)), ((8, 9), (2, 2)),
          ((3, 5), (7, 2)), ((1, 4), (3, 1)), ((10, 12), (4, 5)), ((2, 3), (2, 3))]
METHODS = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian",
           "mitchellcubic"]
DIFFERENTIABLE = {"bilinear", "nearest", "bicubic", "lanczos3", "lanczos5", "gaussian",
                  "mitchellcubic"}


def main(path):
    rng = np.random.default_rng(0)
    out = {}
    for i, (in_hw, out_hw) in enumerate(SHAPES):
        for dtype in ("float32", "uint8"):
            if dtype == "uint8":
                image = rng.integers(0, 256, (2,) + in_hw + (3,)).astype(np.uint8)
            else:
                image = rng.standard_normal((2,) + in_hw + (2,)).astype(np.float32)
            out[f"img_{i}_{dtype}"] = image
            for method in METHODS:
                for antialias in (False, True):
                    key = f"{i}_{dtype}_{method}_{int(antialias)}"
                    x = tf.constant(image)
                    with tf.GradientTape() as tape:
                        tape.watch(x)
                        y = tf.image.resize(x, out_hw, method=method, antialias=antialias)
                        weights = tf.reshape(tf.range(tf.size(y), dtype=tf.float32) % 7.0 - 3.0,
                                             y.shape)
                        loss = tf.reduce_sum(tf.cast(y, tf.float32) * weights)
                    out[f"out_{key}"] = y.numpy()
                    if dtype == "float32" and method in DIFFERENTIABLE:
                        out[f"grad_{key}"] = tape.gradient(loss, x).numpy()
    np.savez_compressed(path, **out)
    print(f"wrote {path}: {len(out)} arrays")


if __name__ == "__main__":
    main(sys.argv[1])
