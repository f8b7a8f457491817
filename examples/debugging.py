"""Debugging gradients with tapeflow: a None gradient explained, a NaN traced to the line that
made it, and a picture of the tape.

    python examples/debugging.py [output_dir]     (writes tape.dot, and tape.svg with Graphviz)
"""
import os
import shutil
import sys

import numpy as np

import tapeflow as tf


def explain_none_gradients():
    """Two classic mistakes: an input tensor that was never watched, and a loss that went
    through NumPy."""
    w = tf.Variable([[0.5], [-0.3]], name="w")
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    y_true = tf.constant([[1.0], [2.0]])
    with tf.GradientTape() as tape:
        pred = tf.matmul(x, w)
        error = np.abs(pred - y_true)  # NumPy: the tape cannot follow this
        loss = tf.reduce_mean(tf.constant(error))
    grads = tape.gradient(loss, [w, x])
    print("gradients:", grads)
    for name, e in zip(["w", "x"], tape.explain(loss, [w, x])):
        print(f"  {name}: {e.reason.name}")
        print(f"     {e.message}")
    return tape


def trace_a_nan():
    """Distance from a point to itself: tf.norm's sqrt at 0 has an infinite derivative."""
    anchor = tf.constant([1.0, 2.0])
    point = tf.Variable([1.0, 2.0])
    with tf.autodiff.detect_anomaly():
        with tf.GradientTape() as tape:
            distance = tf.norm(point - anchor)
            loss = distance * 2.0
        try:
            tape.gradient(loss, point)
        except tf.errors.InvalidArgumentError as e:
            print(f"NaN/Inf in the backward pass of op {e.op_type}:")
            print("  " + str(e).splitlines()[0])
            print("  created at line %d: %s" % (e.forward_stack[-1].lineno,
                                               e.forward_stack[-1].line))


def draw_the_tape(out_dir):
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    b = tf.Variable([0.1, -0.1], name="b")
    unwatched = tf.constant([1.0, 1.0])
    x = tf.constant([[1.0, 0.5]])
    with tf.GradientTape(persistent=True) as tape:
        h = tf.nn.relu(tf.matmul(x, w) + b)
        loss = tf.reduce_sum(h * h)
        tf.argmax(h, axis=1)  # an op on no path to the loss: drawn in grey
    path = tf.autodiff.plot(tape, os.path.join(out_dir, "tape.dot"), loss, [w, b, unwatched])
    print("wrote", path)
    if shutil.which("dot"):
        print("wrote", tf.autodiff.plot(tape, os.path.join(out_dir, "tape.svg"), loss,
                                        [w, b, unwatched]))
    else:
        print("(install Graphviz to draw tape.svg)")


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
    explain_none_gradients()
    trace_a_nan()
    draw_the_tape(out_dir)
