"""Newton's method with exact Hessians from nested tapes (`tape.jacobian` of a gradient).

Minimizes the Rosenbrock function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1):
each step solves H d = -g, with g from the inner tape and H = d g / d(x, y) from the outer one.
Gradient descent needs thousands of steps here; Newton converges in a handful.

    python examples/newton_hessian.py
"""
import pathlib
import sys

import numpy as np

try:
    import tapeflow as tf
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    import tapeflow as tf


def rosenbrock(v):
    x, y = v[0], v[1]
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def gradient_and_hessian(f, v):
    """(f(v), grad f(v), Hessian of f at v) with two nested tapes."""
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            value = f(v)
        grad = inner.gradient(value, v)
    hessian = outer.jacobian(grad, v)
    return value, grad, hessian


def newton(f=rosenbrock, start=(-1.2, 1.0), steps=20, tol=1e-10, verbose=True):
    v = tf.Variable(np.array(start, np.float64))
    for i in range(steps):
        value, grad, hessian = gradient_and_hessian(f, v)
        if verbose:
            print(f"step {i:2d}  f = {float(value):.3e}  |grad| = {np.linalg.norm(grad.numpy()):.3e}"
                  f"  x = {v.numpy().round(6)}")
        if np.linalg.norm(grad.numpy()) < tol:
            break
        # the step itself need not be differentiated, so NumPy's solver is fine here
        v.assign_sub(np.linalg.solve(hessian.numpy(), grad.numpy()))
    return v.numpy(), i


if __name__ == "__main__":
    x, steps = newton()
    print(f"minimum found at {x.round(8)} after {steps} Newton steps (the true minimum is (1, 1))")
