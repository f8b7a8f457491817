"""TF1 graph-mode speed, printed (not asserted): `python benchmarks/bench_tf1_graph.py`.

GradBench-style programs built once in a tf.compat.v1.Graph and run many times with
Session.run: the objective and its gradient (tf.compat.v1.gradients) of a GMM and of an LSTM
whose time steps are a tf.while_loop, and one training step of a small regression with
GradientDescentOptimizer. Each figure is the best time per Session.run call; run the same file
under TensorFlow (`--tf`, needs TensorFlow installed) to compare.
"""
import math
import sys

import numpy as np
from _timing import best

if "--tf" in sys.argv:
    import tensorflow as tf
else:
    import tapeflow as tf


def row(name, seconds):
    print(f"  {name:<48}{seconds * 1e3:9.3f} ms")


def gmm(n=100, d=5, k=8):
    rng = np.random.RandomState(0)
    alphas0, means0 = rng.randn(k), rng.randn(k, d)
    icf0, x0 = rng.randn(k, d + d * (d - 1) // 2) * 0.3, rng.randn(n, d)
    g = tf.compat.v1.Graph()
    with g.as_default():
        a = tf.compat.v1.placeholder(tf.float64, alphas0.shape)
        m = tf.compat.v1.placeholder(tf.float64, means0.shape)
        icf = tf.compat.v1.placeholder(tf.float64, icf0.shape)
        x = tf.convert_to_tensor(x0)
        qd = tf.exp(icf[:, :d])
        sum_qs = tf.reduce_sum(icf[:, :d], axis=1)
        cols = []
        for ik in range(k):
            c, idx = [], d
            for i in range(d):
                ne = d - i - 1
                c.append(tf.concat([tf.zeros(i + 1, tf.float64), icf[ik, idx:idx + ne]], 0))
                idx += ne
            cols.append(tf.stack(c, -1))
        ls = tf.stack(cols)
        xc = x[:, None, :] - m[None]
        lx = qd[None] * xc + tf.linalg.matvec(ls[None], xc)
        inner = a[None] + sum_qs[None] - 0.5 * tf.reduce_sum(lx * lx, axis=2)
        mx = tf.reduce_max(inner, axis=1, keepdims=True)
        lse = tf.math.log(tf.reduce_sum(tf.exp(inner - mx), axis=1)) + mx[:, 0]
        am = tf.reduce_max(a)
        obj = (tf.reduce_sum(lse) - n * (tf.math.log(tf.reduce_sum(tf.exp(a - am))) + am)
               - n * d * 0.5 * math.log(2 * math.pi))
        grads = tf.compat.v1.gradients(obj, [a, m, icf])
    sess = tf.compat.v1.Session(graph=g)
    feed = {a: alphas0, m: means0, icf: icf0}
    return sess, obj, grads, feed


def lstm(layers=2, hidden=8, steps=20):
    rng = np.random.RandomState(0)
    main0 = rng.rand(2 * layers, 4 * hidden) - 0.5
    extra0 = rng.rand(3, hidden) - 0.5
    state0 = rng.rand(2 * layers, hidden) - 0.5
    seq0 = rng.rand(steps, hidden) - 0.5
    g = tf.compat.v1.Graph()
    with g.as_default():
        w = tf.compat.v1.placeholder(tf.float64, main0.shape)
        w2 = tf.compat.v1.placeholder(tf.float64, extra0.shape)
        seq = tf.convert_to_tensor(seq0)

        def body(t, total, st):
            x = tf.gather(seq, t) * w2[0]
            new = []
            for i in range(0, 2 * layers, 2):
                gates = tf.concat((x, st[i], x, st[i]), 0) * w[i] + w[i + 1]
                f_, i_, o_ = (tf.sigmoid(gates[j * hidden:(j + 1) * hidden]) for j in range(3))
                cell = st[i + 1] * f_ + i_ * tf.tanh(gates[3 * hidden:])
                x = o_ * tf.tanh(cell)
                new += [x, cell]
            y = x * w2[1] + w2[2]
            ynorm = y - tf.math.log(tf.reduce_sum(tf.exp(y)) + 2.0)
            return t + 1, total + tf.reduce_sum(tf.gather(seq, t + 1) * ynorm), tf.stack(new)

        _, total, _ = tf.while_loop(lambda t, *_: t < steps - 1, body,
                                    [tf.constant(0), tf.constant(0.0, tf.float64),
                                     tf.convert_to_tensor(state0)])
        obj = -total / ((steps - 1) * hidden)
        grads = tf.compat.v1.gradients(obj, [w, w2])
    sess = tf.compat.v1.Session(graph=g)
    return sess, obj, grads, {w: main0, w2: extra0}


def regression(n=256, d=16):
    rng = np.random.RandomState(0)
    xs, ys = rng.randn(n, d).astype(np.float32), rng.randn(n, 1).astype(np.float32)
    g = tf.compat.v1.Graph()
    with g.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [n, d])
        y = tf.compat.v1.placeholder(tf.float32, [n, 1])
        w = tf.compat.v1.Variable(tf.zeros([d, 1]))
        b = tf.compat.v1.Variable(tf.zeros([1]))
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
        train = tf.compat.v1.train.GradientDescentOptimizer(0.01).minimize(loss)
        init = tf.compat.v1.global_variables_initializer()
    sess = tf.compat.v1.Session(graph=g)
    sess.run(init)
    return sess, train, loss, {x: xs, y: ys}


def main():
    print(f"{'TensorFlow' if '--tf' in sys.argv else 'tapeflow'} {tf.__version__}")
    sess, obj, grads, feed = gmm()
    row("GMM objective (n=100, d=5, K=8)", best(lambda: sess.run(obj, feed)))
    row("GMM objective + gradient", best(lambda: sess.run([obj, grads], feed)))
    sess, obj, grads, feed = lstm()
    row("LSTM objective (2 layers, 8 hidden, 20 steps)", best(lambda: sess.run(obj, feed)))
    row("LSTM objective + gradient (while_loop)", best(lambda: sess.run([obj, grads], feed)))
    sess, train, loss, feed = regression()
    row("regression train step (256 x 16, SGD)", best(lambda: sess.run([train, loss], feed)))


if __name__ == "__main__":
    main()
