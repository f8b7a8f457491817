# Edge cases of the math ops (issue 16): 0, -0, +-inf, nan, huge and tiny values, empty and
# 0-d inputs through the elementwise, comparison, cast, complex, reduction, cumulative and
# matmul ops, with their gradients (first and second order) and forward-mode JVPs; TF's
# exception types for bad arguments, and the tape / accumulator API's errors. Values print with
# all their digits; the signs of zeros print as a word (`z` + p/n per zero). Tiny values stay
# normal floats: TF's CPU kernels flush float32 denormals to zero, NumPy does not.

#@ unary_values_and_derivatives_float32
def _flat(a):
    return np.array2string(a.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6)
def _zs(a):
    if a.dtype.kind != "f":
        return ""
    a = a.reshape(-1)
    return "z" + "".join("n" if s else "p" for s in np.signbit(a[np.abs(a) < np.finfo(a.dtype).tiny]))
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", _flat(v.real), "im", _flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), _flat(v), _zs(v))
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    show(label, out)
    return out
def derivs(f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    gg = outer.gradient(g, x) if g is not None else None
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        yj = f(x)
    return y, g, gg, acc.jvp(yj)
def sweep(name, f, x):
    try:
        y, g, gg, j = derivs(f, x)
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, -1e30, 1e-30, -1e-30, 0.5, -0.5,
                 1.0, -1.0, 1.5, -2.5, 7.0, 100.0], tf.float32)
for name in ["negative", "abs", "sign", "square", "sqrt", "rsqrt", "exp", "expm1", "log",
             "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
             "asinh", "acosh", "atanh", "reciprocal", "sigmoid", "softplus", "floor", "ceil",
             "round", "angle", "real", "imag", "conj"]:
    sweep(name, getattr(tf.math, name), x)

#@ unary_values_and_derivatives_float64
def _flat(a):
    return np.array2string(a.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6)
def _zs(a):
    if a.dtype.kind != "f":
        return ""
    a = a.reshape(-1)
    return "z" + "".join("n" if s else "p" for s in np.signbit(a[np.abs(a) < np.finfo(a.dtype).tiny]))
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", _flat(v.real), "im", _flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), _flat(v), _zs(v))
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    show(label, out)
    return out
def derivs(f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    gg = outer.gradient(g, x) if g is not None else None
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        yj = f(x)
    return y, g, gg, acc.jvp(yj)
def sweep(name, f, x):
    try:
        y, g, gg, j = derivs(f, x)
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 1e300, -1e300, 1e-300, -1e-300, 0.5,
                 -0.5, 1.0, -1.0, 1.5, -2.5, 7.0, 800.0], tf.float64)
for name in ["negative", "abs", "sign", "square", "sqrt", "rsqrt", "exp", "expm1", "log",
             "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
             "asinh", "acosh", "atanh", "reciprocal", "sigmoid", "softplus", "floor", "ceil",
             "round", "angle", "real", "imag", "conj"]:
    sweep(name, getattr(tf.math, name), x)

#@ unary_complex64_values_and_derivatives
def _flat(a):
    return np.array2string(a.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6)
def _zs(a):
    if a.dtype.kind != "f":
        return ""
    a = a.reshape(-1)
    return "z" + "".join("n" if s else "p" for s in np.signbit(a[np.abs(a) < np.finfo(a.dtype).tiny]))
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", _flat(v.real), "im", _flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), _flat(v), _zs(v))
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    show(label, out)
    return out
def derivs(f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    gg = outer.gradient(g, x) if g is not None else None
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        yj = f(x)
    return y, g, gg, acc.jvp(yj)
def sweep(name, f, x):
    try:
        y, g, gg, j = derivs(f, x)
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
# (zero signs of complex results are not compared: TF's vectorized complex kernels give
# position-dependent ones; singular points are in complex_at_zero)
x = tf.constant([1 + 1j, -1 - 2j, 0.5j, -3 + 0.5j, 2 + 0j, -2 + 0j, 0.25 - 4j, 1e-3 + 2e-3j,
                 -0.5 - 0.5j], tf.complex64)
for name in ["negative", "abs", "sign", "square", "sqrt", "rsqrt", "exp", "expm1", "log",
             "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
             "asinh", "acosh", "atanh", "reciprocal", "sigmoid", "angle", "real", "imag",
             "conj"]:
    sweep(name, getattr(tf.math, name), x)

#@ unary_complex128_values_and_derivatives
def _flat(a):
    return np.array2string(a.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6)
def _zs(a):
    if a.dtype.kind != "f":
        return ""
    a = a.reshape(-1)
    return "z" + "".join("n" if s else "p" for s in np.signbit(a[np.abs(a) < np.finfo(a.dtype).tiny]))
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", _flat(v.real), "im", _flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), _flat(v), _zs(v))
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    show(label, out)
    return out
def derivs(f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    gg = outer.gradient(g, x) if g is not None else None
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        yj = f(x)
    return y, g, gg, acc.jvp(yj)
def sweep(name, f, x):
    try:
        y, g, gg, j = derivs(f, x)
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([1 + 1j, -1 - 2j, 0.5j, -3 + 0.5j, 2 + 0j, -2 + 0j, 0.25 - 4j, 1e-3 + 2e-3j,
                 -0.5 - 0.5j, 1e-100 + 3e-100j], tf.complex128)
for name in ["negative", "abs", "sign", "square", "sqrt", "rsqrt", "exp", "expm1", "log",
             "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
             "asinh", "acosh", "atanh", "reciprocal", "sigmoid", "angle", "real", "imag",
             "conj"]:
    sweep(name, getattr(tf.math, name), x)

#@ unary_complex_special_values
def _flat(a):
    return np.array2string(a.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6)
def _zs(a):
    if a.dtype.kind != "f":
        return ""
    a = a.reshape(-1)
    return "z" + "".join("n" if s else "p" for s in np.signbit(a[np.abs(a) < np.finfo(a.dtype).tiny]))
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", _flat(v.real), "im", _flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), _flat(v), _zs(v))
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    show(label, out)
    return out
def derivs(f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    gg = outer.gradient(g, x) if g is not None else None
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        yj = f(x)
    return y, g, gg, acc.jvp(yj)
def sweep(name, f, x):
    try:
        y, g, gg, j = derivs(f, x)
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([complex(np.inf, 0), complex(-np.inf, 0), complex(0, np.inf), complex(0, -np.inf),
                 complex(np.nan, 0), complex(0, np.nan), complex(np.inf, np.inf),
                 complex(np.inf, np.nan), complex(1e30, 1e-30)], tf.complex64)
# (expm1 and log1p are left out: TF's kernels give nan at complex infinities where NumPy's
# give inf; complex products and quotients that overflow or divide by 0 likewise differ)
for name in ["negative", "abs", "sign", "square", "sqrt", "rsqrt", "exp", "log", "sin", "cos",
             "tan", "sinh", "cosh", "tanh", "reciprocal", "sigmoid", "angle", "real", "imag",
             "conj"]:
    run(name, lambda: getattr(tf.math, name)(x))

#@ complex_real_loss_gradients
def _flat(a):
    return np.array2string(a.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6)
def _zs(a):
    if a.dtype.kind != "f":
        return ""
    a = a.reshape(-1)
    return "z" + "".join("n" if s else "p" for s in np.signbit(a[np.abs(a) < np.finfo(a.dtype).tiny]))
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", _flat(v.real), "im", _flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), _flat(v), _zs(v))
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    show(label, out)
    return out
def derivs(f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    gg = outer.gradient(g, x) if g is not None else None
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        yj = f(x)
    return y, g, gg, acc.jvp(yj)
def sweep(name, f, x):
    try:
        y, g, gg, j = derivs(f, x)
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
z = tf.constant([1 + 1j, -0.5 + 2j, 3 - 1j], tf.complex64)
for name in ["square", "sqrt", "rsqrt", "exp", "log", "sin", "tanh", "sigmoid", "reciprocal",
             "abs", "sign", "angle", "asinh", "acosh", "atanh"]:
    f = getattr(tf.math, name)
    for part in (tf.math.real, tf.math.imag):
        with tf.GradientTape() as tape:
            tape.watch(z)
            y = tf.reduce_sum(part(tf.cast(f(z), tf.complex64)))
        run(f"{name} {part.__name__}", lambda: tape.gradient(y, z))
silu = tf.nn.silu(z)
show("silu", silu)
with tf.GradientTape() as tape:
    tape.watch(z)
    y = tf.reduce_sum(tf.math.real(tf.nn.silu(z)))
show("silu d real", tape.gradient(y, z))
