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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
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

#@ binary_values_and_derivatives_float32
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
v = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, -1e30, 1e-30, 2.0, -2.5, 0.5, 3.0], np.float32)
x = tf.constant(np.repeat(v, len(v)))
y = tf.constant(np.tile(v, len(v)))
for name in ["add", "subtract", "multiply", "truediv", "divide_no_nan", "floordiv", "floormod",
             "pow", "maximum", "minimum", "atan2", "squared_difference"]:
    sweep2(name, getattr(tf.math, name), x, y)

#@ binary_values_and_derivatives_float64
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
v = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e300, -1e300, 1e-300, 2.0, -2.5, 0.5, 3.0])
x = tf.constant(np.repeat(v, len(v)))
y = tf.constant(np.tile(v, len(v)))
for name in ["add", "subtract", "multiply", "truediv", "divide_no_nan", "floordiv", "floormod",
             "pow", "maximum", "minimum", "atan2", "squared_difference"]:
    sweep2(name, getattr(tf.math, name), x, y)

#@ comparisons_special_values
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
v = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, -2.5, 3.0], np.float32)
x = tf.constant(np.repeat(v, len(v)))
y = tf.constant(np.tile(v, len(v)))
for name in ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]:
    print(name, getattr(tf.math, name)(x, y).numpy().astype(int).tolist())
for name in ["is_nan", "is_inf", "is_finite"]:
    print(name, getattr(tf.math, name)(v).numpy().astype(int).tolist())
print(tf.math.equal(tf.constant([np.nan]), tf.constant([np.nan])).numpy(),
      tf.math.not_equal(tf.constant(np.nan), np.nan).numpy())
print(tf.math.equal(tf.constant([1 + 0j, complex(0, -0.0)], tf.complex64), tf.constant([1 + 0j, 0j], tf.complex64)).numpy())
print(tf.math.logical_xor([True, False], [True, True]).numpy(), tf.math.logical_not(True).numpy())
for f in (tf.math.is_nan, tf.math.is_inf, tf.math.is_finite):
    run(f.__name__ + " int", lambda: f(tf.constant([1, 2])))
run("less complex", lambda: tf.math.less(tf.constant(1j), tf.constant(2j)))
run("maximum complex", lambda: tf.math.maximum(tf.constant(1j), tf.constant(2j)))
run("logical_and ints", lambda: tf.math.logical_and(tf.constant(1), tf.constant(0)))

#@ integer_binary_edges
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for dt in (tf.int32, tf.int64, tf.int8, tf.uint8):
    info = np.iinfo(dt.as_numpy_dtype)
    v = np.array(sorted({0, 1, 3, 7, int(info.max), int(info.min)} | ({-1, -7} if info.min < 0 else set())), dt.as_numpy_dtype)
    x = tf.constant(np.repeat(v, len(v)))
    y = tf.constant(np.tile(v, len(v)))
    nz = np.tile(v, len(v)) != 0
    xn, yn = tf.constant(np.repeat(v, len(v))[nz]), tf.constant(np.tile(v, len(v))[nz])
    print(dt.name, v.tolist())
    for name in ["add", "subtract", "multiply", "maximum", "minimum", "squared_difference"]:
        run(" " + name, lambda: getattr(tf.math, name)(x, y))
    for name in ["floordiv", "floormod", "truediv", "divide_no_nan"]:
        run(" " + name, lambda: getattr(tf.math, name)(xn, yn))
        run(" " + name + " by 0", lambda: getattr(tf.math, name)(x, y))
    for name in ["abs", "negative", "sign", "square"]:
        run(" " + name, lambda: getattr(tf.math, name)(tf.constant(v)))
    small = tf.constant([0, 1, 2, 3], dt)
    run(" pow", lambda: tf.pow(tf.constant(np.repeat(v, 4)), tf.tile(small, [len(v)])))
    if info.min < 0:
        run(" pow negative exponent", lambda: tf.pow(tf.constant([2, 3], dt), tf.constant([-1, 2], dt)))

#@ integer_division_special_cases
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
print(tf.math.floordiv(tf.constant([-7, 7, -7, 7]), tf.constant([2, -2, -2, 2])).numpy().tolist())
print(tf.math.floormod(tf.constant([-7, 7, -7, 7]), tf.constant([2, -2, -2, 2])).numpy().tolist())
run("int32 min // -1", lambda: tf.math.floordiv(tf.constant([-2147483648]), tf.constant([-1])))
run("int32 min % -1", lambda: tf.math.floormod(tf.constant([-2147483648]), tf.constant([-1])))
run("truediv int8", lambda: tf.math.truediv(tf.constant([1, -128], tf.int8), tf.constant([0, 3], tf.int8)))
run("truediv uint16", lambda: tf.math.truediv(tf.constant([1, 5], tf.uint16), tf.constant([0, 3], tf.uint16)))
run("divide_no_nan int64", lambda: tf.math.divide_no_nan(tf.constant([1, 5], tf.int64), tf.constant([0, 3], tf.int64)))
run("divide_no_nan bool", lambda: tf.math.divide_no_nan(tf.constant([True]), tf.constant([False])))
run("divide_no_nan mixed", lambda: tf.math.divide_no_nan(tf.constant([1.0]), tf.constant([1])))
run("divide_no_nan python", lambda: tf.math.divide_no_nan(3, tf.constant([0.0, 2.0])))
run("realdiv int", lambda: tf.realdiv(tf.constant([1]), tf.constant([2])))
run("int / 0", lambda: tf.constant([1, 2]) / tf.constant([0, 1]))
run("int // 0", lambda: tf.constant([1, 2]) // tf.constant([0, 1]))
run("int % 0", lambda: tf.constant([1, 2]) % tf.constant([0, 1]))
run("float // 0", lambda: tf.constant([1.0, -1.0, 0.0]) // 0.0)
run("float % 0", lambda: tf.constant([1.0, -1.0, 0.0]) % 0.0)
run("1 // 0.1", lambda: tf.constant(1.0) // 0.1)
run("1 % 0.1", lambda: tf.constant(1.0) % 0.1)
run("uint8 - wraps", lambda: tf.constant([0], tf.uint8) - tf.constant([1], tf.uint8))
run("negative uint8", lambda: tf.math.negative(tf.constant([1], tf.uint8)))
run("abs uint8", lambda: tf.math.abs(tf.constant([1], tf.uint8)))
run("sign uint8", lambda: tf.math.sign(tf.constant([0, 5], tf.uint8)))
run("sqrt int", lambda: tf.math.sqrt(tf.constant([4])))
run("exp int", lambda: tf.math.exp(tf.constant([1])))
run("floor int", lambda: tf.math.floor(tf.constant([1])))
run("round int", lambda: tf.math.round(tf.constant([1, -2])))
run("reciprocal int", lambda: tf.math.reciprocal(tf.constant([2])))
run("square bool", lambda: tf.math.square(tf.constant([True])))
run("add bool", lambda: tf.math.add(tf.constant([True]), tf.constant([False])))
run("multiply bool", lambda: tf.math.multiply(tf.constant([True]), tf.constant([False])))
run("maximum bool", lambda: tf.math.maximum(tf.constant([True]), tf.constant([False])))
run("atan2 int", lambda: tf.math.atan2(tf.constant([1]), tf.constant([2])))
run("floordiv complex", lambda: tf.math.floordiv(tf.constant([1j]), tf.constant([2j])))
run("pow float16", lambda: tf.pow(tf.constant([2.0, 0.0, -8.0], tf.float16), tf.constant([0.5, -1.0, 1 / 3], tf.float16)))

#@ dtype_support_table
# one character per dtype: o runs, I InvalidArgumentError (not in the op's dtype list), N
# NotFoundError (no CPU kernel), T TypeError, other exceptions by their first letter
DTYPES = [tf.bfloat16, tf.float16, tf.float32, tf.float64, tf.complex64, tf.complex128, tf.int8,
          tf.int16, tf.int32, tf.int64, tf.uint8, tf.uint16, tf.uint32, tf.uint64, tf.bool]
print(" ".join(d.name for d in DTYPES))
def code(f):
    try:
        f()
        return "o"
    except Exception as e:
        n = type(e).__name__
        return {"InvalidArgumentError": "I", "NotFoundError": "N", "TypeError": "T"}.get(n, n[0].lower())
def row(name, f):
    print(f"{name:22s}", "".join(code(lambda: f(d)) for d in DTYPES))
one = lambda d: tf.constant([1], d) if d != tf.bool else tf.constant([True])
for name in ["abs", "negative", "sign", "square", "sqrt", "rsqrt", "exp", "expm1", "log", "log1p",
             "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
             "atanh", "reciprocal", "sigmoid", "softplus", "floor", "ceil", "round", "is_nan",
             "is_inf", "is_finite", "real", "imag", "conj", "angle", "logical_not"]:
    row(name, lambda d: getattr(tf.math, name)(one(d)))
for name in ["add", "subtract", "multiply", "truediv", "divide", "floordiv", "floormod", "pow",
             "maximum", "minimum", "atan2", "squared_difference", "divide_no_nan", "equal",
             "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
             "logical_or", "logical_xor"]:
    row(name, lambda d: getattr(tf.math, name)(one(d), one(d)))
row("realdiv", lambda d: tf.realdiv(one(d), one(d)))
row("complex", lambda d: tf.complex(one(d), one(d)))
for name in ["reduce_sum", "reduce_prod", "reduce_max", "reduce_min", "reduce_mean",
             "reduce_all", "reduce_any", "cumsum", "cumprod", "argmax", "argmin", "add_n"]:
    row(name, lambda d: getattr(tf.math, name)([one(d)] if name == "add_n" else one(d)))
row("matmul", lambda d: tf.matmul(tf.reshape(one(d), [1, 1]), tf.reshape(one(d), [1, 1])))
row("tensordot", lambda d: tf.tensordot(one(d), one(d), 1))
row("clip_by_value", lambda d: tf.clip_by_value(one(d), one(d), one(d)))
row("bitwise_and", lambda d: tf.bitwise.bitwise_and(one(d), one(d)))
row("invert", lambda d: tf.bitwise.invert(one(d)))
row("cast_to_int32", lambda d: tf.cast(one(d), tf.int32))
row("cast_from_int32", lambda d: tf.cast(tf.constant([1]), d))
row("saturate_cast_from_f32", lambda d: tf.dtypes.saturate_cast(tf.constant([1.5]), d))

#@ cast_float_to_int_and_narrow_types
# (16 values: TF's vectorized cast loop covers them all; its scalar tail converts differently)
v = [np.nan, np.inf, -np.inf, 1e10, -1e10, 2.0**31, 2.0**32, 2.0**63, 2.0**64, 3e38, 300.0,
     -300.0, 2.5, -2.5, -0.5, 65504.0]
for src in (tf.float32, tf.float64, tf.float16):
    x = tf.constant(np.array(v, src.as_numpy_dtype))
    for dt in (tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8, tf.uint16, tf.uint32, tf.uint64,
               tf.bool, tf.float16, tf.bfloat16, tf.float32):
        print(src.name, dt.name, tf.cast(x, dt).numpy().tolist())

#@ cast_int_and_complex
for src in (tf.int64, tf.int32, tf.uint64, tf.uint32):
    x = tf.constant(np.array([2**31 - 1, 2**31 if src != tf.int32 else -2**31, 255, 256, 2**16 + 3, 0, 1] + ([-1, -(2**40) if src == tf.int64 else -2**31] if src.min < 0 else [2**32 - 1 if src != tf.uint32 else 2**31, 2**63 if src == tf.uint64 else 7]), src.as_numpy_dtype))
    for dt in (tf.int8, tf.uint8, tf.int16, tf.int32, tf.uint32, tf.float16, tf.float32, tf.bool, tf.bfloat16):
        print(src.name, dt.name, tf.cast(x, dt).numpy().tolist())
print(tf.cast(tf.constant([1e300, -1e300, 1e-300, np.nan], tf.float64), tf.float32).numpy().tolist())
print(tf.cast(tf.constant([1 + 2j, np.nan + 1j]), tf.float32).numpy().tolist(), tf.cast(tf.constant([1 + 2j]), tf.int32).numpy().tolist())
print(tf.cast(tf.constant([1e300 + 1e300j]), tf.complex64).numpy().tolist())
print(tf.cast(tf.constant([True, False]), tf.float32).numpy().tolist(), tf.cast(tf.constant([True]), tf.complex64).numpy().tolist())
print(tf.cast(tf.constant([-0.0, 0.0, np.nan]), tf.bool).numpy().tolist(), np.signbit(tf.cast(tf.constant([-0.0]), tf.float16).numpy()).tolist())
print(tf.cast(tf.constant([1.5, -1.5], tf.bfloat16), tf.int32).numpy().tolist(), tf.cast(tf.constant([3.0e38], tf.float32), tf.bfloat16).numpy().tolist())
for bad in ("string", tf.string):
    try:
        tf.cast(tf.constant([1.0]), bad)
    except Exception as e:
        print("to string", type(e).__name__)
try:
    tf.cast(tf.constant(["1"]), tf.float32)
except Exception as e:
    print("from string", type(e).__name__)
try:
    tf.cast(tf.constant([1.0]), "float33")
except Exception as e:
    print("bad dtype name", type(e).__name__)

#@ saturate_cast_edges
x = tf.constant([1.5, -3.0, 1e30, -1e30, np.nan, np.inf, -np.inf, 255.5, 300.0])
for dt in (tf.int8, tf.uint8, tf.int32, tf.uint32, tf.int64, tf.uint64, tf.float16, tf.bfloat16, tf.float64):
    print(dt.name, tf.dtypes.saturate_cast(x, dt).numpy().tolist())
print(tf.dtypes.saturate_cast(tf.constant([1.5, -3, 1e30, np.nan], tf.float64), tf.uint8).numpy().tolist())
print(tf.dtypes.saturate_cast(tf.constant([300 + 5j, -300 - 5j]), tf.int8).numpy().tolist())
print(tf.dtypes.saturate_cast(tf.constant([1e300 + 1e300j, -1e300 + 2j]), tf.complex64).numpy().tolist())
print(tf.dtypes.saturate_cast(tf.constant([2**40, -2**40], tf.int64), tf.int32).numpy().tolist())
print(tf.dtypes.saturate_cast(tf.constant([300, -5]), tf.uint8).numpy().tolist())
print(tf.dtypes.saturate_cast(tf.constant([3.0, -2.0], tf.bfloat16), tf.uint8).numpy().tolist())
print(tf.dtypes.saturate_cast(tf.constant([70000.0, -5.0]), tf.float16).numpy().tolist())
for bad in (tf.bool,):
    try:
        tf.dtypes.saturate_cast(tf.constant([1.5]), bad)
    except Exception as e:
        print("to bool", type(e).__name__, e)

#@ cast_gradients
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for src, dst in [(tf.float32, tf.float64), (tf.float64, tf.float16), (tf.float32, tf.int32),
                 (tf.float32, tf.complex64), (tf.complex64, tf.float32), (tf.float32, tf.bfloat16),
                 (tf.float16, tf.float32)]:
    x = tf.constant([1.5, -2.0, 0.0, 7e4 if src != tf.float16 else 6e4], src)
    def f(x):
        return tf.cast(tf.cast(x, dst) * tf.cast(3, dst), src) if dst != tf.int32 else tf.cast(tf.cast(x, dst), src)
    sweep(f"{src.name}->{dst.name}", f, x)

#@ reductions_special_values
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
rows = tf.constant([[np.inf, -np.inf, 1.0], [np.nan, 1.0, 2.0], [0.0, -0.0, -0.0], [-0.0, -0.0, -0.0],
                    [1e30, 1e30, -1e30], [3e38, 3e38, 1.0], [np.inf, np.inf, 2.0], [-np.inf, np.nan, 5.0],
                    [2.0, 2.0, 2.0], [1.0, 3.0, 0.5]], tf.float32)
# (reduce_prod's second derivatives at zeros: see reduce_prod_zeros_gradients)
for name in ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod",
             "reduce_euclidean_norm", "reduce_std", "reduce_variance"]:
    f = getattr(tf.math, name)
    sweep(name, lambda x: f(x, axis=1), rows)
run("logsumexp", lambda: tf.reduce_logsumexp(rows, axis=1))
run("logsumexp grad", lambda: grads(lambda x: tf.reduce_logsumexp(x, axis=1), rows)[0])
b = tf.constant([[True, False], [True, True], [False, False]])
print(tf.reduce_all(b, 1).numpy().tolist(), tf.reduce_any(b, 1).numpy().tolist(), tf.reduce_all(b).numpy())

#@ reduction_axes_and_errors
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.reshape(tf.range(24.0), [2, 3, 4])
for axis in [None, 0, -1, [0, 2], [-1, 0], (1,), [], np.array([2, 0]), tf.constant([1, -3])]:
    for keep in (False, True):
        run(f"sum axis={axis!r} keep={keep}", lambda: tf.reduce_sum(x, axis=axis, keepdims=keep))
for name in ["reduce_sum", "reduce_mean", "reduce_max", "reduce_prod", "reduce_all", "reduce_logsumexp", "reduce_euclidean_norm"]:
    f = getattr(tf.math, name)
    arg = tf.cast(x, tf.bool) if name == "reduce_all" else x
    run(name + " [0, 0]", lambda: f(arg, axis=[0, 0]))
    run(name + " [1, -2]", lambda: f(arg, axis=[1, -2]))
    run(name + " 3", lambda: f(arg, axis=3))
    run(name + " -4", lambda: f(arg, axis=-4))
    run(name + " 1.5", lambda: f(arg, axis=1.5))
    run(name + " [[0]]", lambda: f(arg, axis=[[0]]))
s = tf.constant(5.0)
for axis in [None, 0, -1, [], [0], 1]:
    run(f"scalar axis={axis!r}", lambda: tf.reduce_sum(s, axis=axis))
    run(f"scalar max axis={axis!r}", lambda: tf.reduce_max(s, axis=axis, keepdims=True))

#@ reductions_empty
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for shape, axis in [([0], None), ([0], 0), ([2, 0], 1), ([2, 0], 0), ([0, 3], [0, 1]), ([3, 0, 2], 1)]:
    x = tf.zeros(shape)
    for name in ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod",
                 "reduce_logsumexp", "reduce_euclidean_norm"]:
        f = getattr(tf.math, name)
        sweep(f"{name} {shape} axis={axis}", lambda x: f(x, axis=axis), x)
    print(shape, axis, tf.reduce_all(tf.zeros(shape, tf.bool), axis).numpy().tolist(),
          tf.reduce_any(tf.zeros(shape, tf.bool), axis).numpy().tolist(),
          tf.reduce_max(tf.zeros(shape, tf.int32), axis).numpy().tolist(),
          tf.reduce_min(tf.zeros(shape, tf.uint8), axis).numpy().tolist(),
          tf.reduce_mean(tf.zeros(shape, tf.int32), axis).numpy().tolist())

#@ reduce_max_min_ties_and_nan_gradients
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([[1.0, 3.0, 3.0], [np.nan, 2.0, 2.0], [-np.inf, -np.inf, -np.inf], [np.inf, 1.0, np.inf],
                 [0.0, -0.0, -1.0], [5.0, np.nan, np.nan]], tf.float64)
for name in ["reduce_max", "reduce_min"]:
    f = getattr(tf.math, name)
    sweep(name, lambda x: f(x, axis=1), x)
    sweep(name + " keepdims", lambda x: f(x, axis=1, keepdims=True) * x, x)
    sweep(name + " all", lambda x: f(x), x)
ints = tf.constant([[3, 1, 3], [-2147483648, 0, 2147483647]])
print(tf.reduce_max(ints, 1).numpy().tolist(), tf.reduce_min(ints, 1).numpy().tolist(),
      tf.reduce_sum(ints, 1).numpy().tolist(), tf.reduce_prod(ints, 1).numpy().tolist(),
      tf.reduce_mean(ints, 1).numpy().tolist(), tf.reduce_mean(tf.constant([-7, 2]), 0).numpy())
print(tf.reduce_mean(tf.constant([200, 100], tf.uint8)).numpy(), tf.reduce_sum(tf.constant([200, 100], tf.uint8)).numpy(),
      tf.reduce_mean(tf.constant([100, 100], tf.int8)).numpy(), tf.reduce_mean(tf.constant([60000, 60000], tf.float16)).numpy())

#@ reduce_prod_zeros_gradients
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
# (first order: TF is exact at zeros; its second derivatives there are not (0 where the true
# value is not), while tapeflow's are exact: tests/test_edge_math.py checks those)
for vals in ([0.0, 2.0, 3.0], [0.0, 0.0, 3.0], [0.0, 0.0, 0.0], [2.0, -0.5, 4.0], [np.inf, 0.0, 1.0],
             [np.nan, 2.0, 1.0], [-0.0, 5.0, 1.0]):
    x = tf.constant(vals, tf.float64)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_prod(x)
    show(f"prod {vals}", y)
    show("  grad", t1.gradient(y, x))
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 2.0, 3.0], tf.float64)) as acc:
        y = tf.reduce_prod(x)
    show("  jvp", acc.jvp(y))
x = tf.constant([2.0, -0.5, 4.0], tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_prod(x)
    g = t1.gradient(y, x)
print("hessian without zeros", t2.jacobian(g, x).numpy().tolist())
m = tf.constant([[0.0, 2.0], [3.0, 0.0], [0.0, 0.0], [1.5, 2.0]], tf.float64)
for axis in (0, 1, None):
    for keep in (False, True):
        run(f"prod matrix axis={axis} keep={keep} grad",
            lambda: grads(lambda x: tf.reduce_prod(x, axis=axis, keepdims=keep) * 2.0, m)[0])

#@ cumulative_special_values_and_derivatives
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([[0.0, 2.0, 3.0, 0.5], [2.0, 0.0, 0.0, 4.0], [np.inf, 1.0, 0.0, 2.0], [np.nan, 1.0, 2.0, 3.0],
                 [-0.0, -1.0, 1e30, 1e30], [1.0, -2.0, 3.0, -0.5]], tf.float64)
# cumprod's derivatives at exact zeros differ on purpose: tapeflow's are exact (products of the
# other factors), TF divides by x with div_no_nan and gives 0 there (tests/test_gradients.py
# checks the exact values); so cumprod's derivatives are compared on the rows without zeros.
# (Nor at inf, nan or underflowing products, where TF's division gives nan and -0 by accident.)
x_nonzero = tf.constant([[0.5, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 0.5], [1e10, 1e-10, 3.0, 4.0],
                         [2.0, 2.0, 2.0, 2.0], [1e30, 1e30, 1e-30, 1e-30]], tf.float64)
for exclusive in (False, True):
    for reverse in (False, True):
        kw = dict(axis=1, exclusive=exclusive, reverse=reverse)
        sweep(f"cumsum excl={exclusive} rev={reverse}", lambda x: tf.math.cumsum(x, **kw), x)
        run(f"cumprod excl={exclusive} rev={reverse}", lambda: tf.math.cumprod(x, **kw))
        sweep(f"cumprod nonzero excl={exclusive} rev={reverse}", lambda x: tf.math.cumprod(x, **kw), x_nonzero)
print("cumsum signed zeros", [str(v) for v in tf.math.cumsum(tf.constant([-0.0, -0.0])).numpy()],
      [str(v) for v in tf.math.cumsum(tf.constant([-0.0, -0.0]), reverse=True).numpy()])

#@ cumulative_axes_empty_and_scalar
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
m = tf.reshape(tf.range(1.0, 7.0), [2, 3])
for axis in (0, 1, -1, -2):
    print(axis, tf.math.cumsum(m, axis).numpy().tolist(), tf.math.cumprod(m, axis, exclusive=True).numpy().tolist())
for shape in ([0], [2, 0], [0, 3]):
    for name in ["cumsum", "cumprod"]:
        f = getattr(tf.math, name)
        sweep(f"{name} {shape}", lambda x: f(x, axis=-1, exclusive=True), tf.zeros(shape))
for name in ["cumsum", "cumprod"]:
    f = getattr(tf.math, name)
    run(name + " scalar", lambda: f(tf.constant(3.0)))
    run(name + " scalar axis 0", lambda: f(tf.constant(3.0), axis=0))
    run(name + " axis 2", lambda: f(m, axis=2))
    run(name + " axis -3", lambda: f(m, axis=-3))
    run(name + " axis tensor", lambda: f(m, axis=tf.constant(1)))
    run(name + " axis int64 tensor", lambda: f(m, axis=tf.constant(1, tf.int64)))
    run(name + " int", lambda: f(tf.constant([2147483647, 1, 2])))
    run(name + " uint8", lambda: f(tf.constant([200, 100], tf.uint8)))
    run(name + " complex", lambda: f(tf.constant([1 + 1j, 2 - 1j, 0.5j])))
    run(name + " float16", lambda: f(tf.constant([60000.0, 10000.0], tf.float16)))

#@ cumprod_complex_and_second_order
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
def sweep2(name, f, x, y):
    """f(x, y), both gradients, the Hessian blocks (xx, xy, yy) and the JVPs along x and y."""
    try:
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([x, y])
                z = f(x, y)
            gx, gy = inner.gradient(z, [x, y])
        hxx, hxy = outer.gradient(gx, [x, y]) if gx is not None else (None, None)
        hyy = outer.gradient(gy, y) if gy is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            jx = acc.jvp(f(x, y))
        with tf.autodiff.ForwardAccumulator(y, tf.ones_like(y)) as acc:
            jy = acc.jvp(f(x, y))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, z)
    for label, v in [("dx", gx), ("dy", gy), ("dxx", hxx), ("dxy", hxy), ("dyy", hyy),
                     ("jvp_x", jx), ("jvp_y", jy)]:
        show("  " + label, v)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
# TF's complex cumprod gradient is not conjugated (its reduce_prod gradient is); tapeflow's is,
# as for every holomorphic op, and TF's JVP (its gradient transposed) is conjugated wrongly in
# turn (tests/test_edge_math.py checks both), so only values are compared.
z = tf.constant([1 + 1j, 0.5 - 2j, 2 - 1j, 0.5j], tf.complex128)
for exclusive in (False, True):
    for reverse in (False, True):
        with tf.autodiff.ForwardAccumulator(z, tf.constant([1 + 0j, 1j, -1 + 0j, 0.5 + 0j], tf.complex128)) as acc:
            y = tf.math.cumprod(z, exclusive=exclusive, reverse=reverse)
        show(f"cumprod complex excl={exclusive} rev={reverse}", y)
x = tf.constant([0.0, 2.0, 3.0], tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_sum(tf.math.cumsum(x) ** 2)
    g = t1.gradient(y, x)
print("cumsum hessian", t2.jacobian(g, x).numpy().tolist())
x = tf.constant([1.5, 2.0, 3.0], tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.reduce_sum(tf.math.cumprod(x))
    g = t1.gradient(y, x)
print("cumprod hessian without zeros", t2.jacobian(g, x).numpy().tolist())

# -- issue 16 defects 5-8: bad input, edge values and the remaining ops (TF's exception classes;
# values with the signs of their zeros) --------------------------------------------------------

#@ slice_begin_and_size_checks
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.reshape(tf.range(6), [2, 3])
for b, s in [([0, 0], [2, 3]), ([1, 1], [-1, -1]), ([2, 0], [0, 3]), ([2, 0], [-1, 3]), ([0, 0], [3, 1]),
             ([0, -1], [1, 1]), ([0, 1], [1, -2]), ([3, 0], [-1, 3]), ([0], [1]), ([0, 0, 0], [1, 1, 1])]:
    run(f"slice {b} {s}", lambda: tf.slice(x, b, s))
run("slice 1-d oversize", lambda: tf.slice(tf.range(5), [1], [10]))
run("slice scalar", lambda: tf.slice(tf.constant(1.0), [], []))
run("slice empty", lambda: tf.slice(tf.zeros([0, 2]), [0, 1], [0, 1]))

#@ one_hot_depth_and_axis_checks
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for depth in [3, 1, 0, -1, -2]:
    run(f"one_hot depth={depth}", lambda: tf.one_hot([0, 2, -1, 5], depth))
run("one_hot tensor depth -1", lambda: tf.one_hot([1], tf.constant(-1)))
run("one_hot axis 0", lambda: tf.one_hot([0, 2], 3, axis=0))
run("one_hot on/off", lambda: tf.one_hot([0, 2], 3, on_value=5.0, off_value=-1.0))
run("one_hot int dtype", lambda: tf.one_hot([1], 2, dtype=tf.int32))
run("one_hot empty", lambda: tf.one_hot(tf.zeros([0], tf.int32), 4))
run("one_hot scalar", lambda: tf.one_hot(1, 3))

#@ constructors_negative_and_float_dims
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for name, f in [("zeros", tf.zeros), ("ones", tf.ones), ("fill", lambda s: tf.fill(s, 7.0))]:
    for shape in ([2, 0], [0], [], [-1], [2, -3], [1.5], [2.0]):
        run(f"{name} {shape}", lambda: f(shape))
run("zeros int64 shape tensor", lambda: tf.zeros(tf.constant([2, 1], tf.int64)))
run("zeros TensorShape", lambda: tf.zeros(tf.TensorShape([1, 2])))
run("fill non-scalar", lambda: tf.fill([2], [1.0, 2.0]))

#@ random_ops_negative_dims
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
tf.random.set_seed(3)
for name, f in [("uniform", lambda s: tf.random.uniform(s)), ("uniform int", lambda s: tf.random.uniform(s, maxval=4, dtype=tf.int32)),
                ("normal", lambda s: tf.random.normal(s)), ("truncated", lambda s: tf.random.truncated_normal(s)),
                ("stateless uniform", lambda s: tf.random.stateless_uniform(s, seed=[1, 2])),
                ("stateless normal", lambda s: tf.random.stateless_normal(s, seed=[1, 2]))]:
    for shape in ([-1], [2, -1], [0], [2, 0]):
        out = run(f"{name} {shape}", lambda: f(shape).shape)

#@ concat_and_stack_of_nothing
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("concat []", lambda: tf.concat([], 0))
run("concat [] 1", lambda: tf.concat([], 1))
run("concat one", lambda: tf.concat([tf.ones([2])], 0))
run("concat one axis 5", lambda: tf.concat([tf.ones([2])], 5))
run("concat axis -1", lambda: tf.concat([tf.ones([1, 2]), tf.zeros([1, 1])], -1))
run("concat axis 2", lambda: tf.concat([tf.ones([1, 2]), tf.zeros([1, 1])], 2))
run("concat dtype mismatch", lambda: tf.concat([tf.ones([1]), tf.ones([1], tf.float64)], 0))
run("concat shape mismatch", lambda: tf.concat([tf.ones([1, 2]), tf.ones([1, 3])], 0))
run("concat empties", lambda: tf.concat([tf.zeros([0, 2]), tf.zeros([0, 2])], 0))
run("stack []", lambda: tf.stack([]))
run("stack [] 1", lambda: tf.stack([], 1))
run("stack scalars", lambda: tf.stack([1.0, 2.0]))
run("stack shape mismatch", lambda: tf.stack([tf.ones([2]), tf.ones([3])]))
run("stack axis 2", lambda: tf.stack([tf.ones([2]), tf.ones([2])], 2))
run("stack axis -3", lambda: tf.stack([tf.ones([2]), tf.ones([2])], -3))
run("unstack num", lambda: [u.numpy().tolist() for u in tf.unstack(tf.ones([2, 2]), num=3)])
run("unstack empty", lambda: tf.unstack(tf.zeros([0, 2])))

#@ reshape_minus_one_beside_zero
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for src, shape in [([2, 0], [0, -1, 1]), ([2, 0], [-1, 0]), ([0], [-1, 0]), ([3, 0], [2, -1, 0]),
                   ([2, 0], [-1]), ([2, 0], [-1, 3]), ([0, 3], [0, -1]), ([0, 3], [-1, 4]),
                   ([2, 3], [-1, 0]), ([2, 3], [-1, 4]), ([2, 3], [-1, -1]), ([2, 3], [3, 2]), ([2, 3], [7])]:
    run(f"reshape {src} -> {shape}", lambda: tf.reshape(tf.zeros(src), shape).shape)
run("reshape scalar -> [-1]", lambda: tf.reshape(tf.constant(1.0), [-1]))
run("reshape [1] -> []", lambda: tf.reshape(tf.constant([1.0]), []))
run("reshape -2", lambda: tf.reshape(tf.zeros([2, 3]), [-2, 3]))

#@ pow_signed_zero_and_infinities
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
bases = [-0.0, 0.0, -np.inf, np.inf, -1.0, 1.0, -8.0, np.nan]
exps = [0.5, -0.5, 3.0, -3.0, 2.0, -2.0, 0.0, np.inf, -np.inf, np.nan, 1 / 3]
for dtype in (tf.float32, tf.float64):
    b = tf.constant([[v] * len(exps) for v in bases], dtype)
    e = tf.constant([exps] * len(bases), dtype)
    show(f"pow {dtype.name}", tf.pow(b, e))
show("pow float16", tf.pow(tf.constant([-0.0, -np.inf], tf.float16), tf.constant([0.5, 0.5], tf.float16)))
show("square -0", tf.square(tf.constant([-0.0])))
show("sqrt -0", tf.sqrt(tf.constant([-0.0, -np.inf])))

#@ tape_and_accumulator_bad_sources
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant(2.0)
def g(target):
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    return t.gradient(y, target)
def jac(target):
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    return t.jacobian(y, target)
for src in ["x", None, 3, [x, "x"], [None], (x,)]:
    run(f"gradient {src!r}", lambda: g(src))
for src in ["x", None, [x]]:
    run(f"jacobian {src!r}", lambda: jac(src))
def jvp_of_gather_gradient():
    v = tf.constant([1.0, 2.0, 3.0])
    with tf.autodiff.ForwardAccumulator(v, tf.ones_like(v)) as acc:
        with tf.GradientTape() as t:
            t.watch(v)
            y = tf.reduce_sum(tf.gather(v, [0, 0, 2]) ** 2)
        gr = t.gradient(y, v)
    return acc.jvp(gr)
run("jvp of an IndexedSlices gradient", jvp_of_gather_gradient)

#@ pad_modes_and_range_checks
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
for mode in ["CONSTANT", "REFLECT", "SYMMETRIC", "reflect"]:
    for p in ([[1, 1], [2, 2]], [[1, 0], [3, 0]], [[2, 0], [0, 0]], [[0, 0], [0, 3]], [[-1, 0], [0, 0]], [[0, 0], [0, 4]]):
        run(f"{mode} {p}", lambda: tf.pad(x, p, mode))
run("pad bad mode", lambda: tf.pad(x, [[0, 0], [0, 0]], "WRAP"))
run("pad rank mismatch", lambda: tf.pad(x, [[0, 0]]))
run("pad empty", lambda: tf.pad(tf.zeros([0, 2]), [[1, 1], [0, 0]], constant_values=3.0))
run("reflect empty", lambda: tf.pad(tf.zeros([0, 2]), [[0, 0], [1, 1]], "REFLECT"))
x3 = tf.constant([1.0, 2.0, 3.0])
show("pad gradient", grads(lambda v: tf.reduce_sum(tf.pad(v, [[2, 2]], "REFLECT") * tf.range(7.0)), x3)[0])
show("symmetric gradient", grads(lambda v: tf.reduce_sum(tf.pad(v, [[3, 1]], "SYMMETRIC") * tf.range(7.0)), x3)[0])

#@ range_values_and_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for args, kw in [((0.0, 1.0, 0.3), {}), ((5.0,), {}), ((1.0, 0.0, -0.25), {}), ((0.0, 1.0, 0.1), {"dtype": tf.float64}),
                 ((3,), {"dtype": tf.float16}), ((0, 10, 3), {}), ((10, 0, -3), {}), ((0.0, 1e-7, 1e-8), {}),
                 ((5, 0), {}), ((0, 5, 0), {}), ((0, 5, -1), {}), ((0,), {}), ((2.5, 2.5), {}), ((1, 2, 1), {"dtype": tf.int64})]:
    run(f"range {args} {kw}", lambda: tf.range(*args, **kw))
run("range int tensor", lambda: tf.range(tf.constant(3, tf.int64)))
run("linspace 0", lambda: tf.linspace(0.0, 1.0, 0))
run("linspace 1", lambda: tf.linspace(0.0, 1.0, 1))
run("linspace 4", lambda: tf.linspace(0.0, 1.0, 4))
run("linspace -1", lambda: tf.linspace(0.0, 1.0, -1))

#@ maximum_minimum_ties_signed_zero_nan
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
# (no ties of -0 and +0: TF's kernels return either operand there, by the array's length)
a = tf.constant([-1.0, 0.0, np.nan, 1.0, np.nan, -np.inf, 2.0])
b = tf.constant([0.0, 1.0, 1.0, np.nan, np.nan, -np.inf, 2.0])
for name, f in [("maximum", tf.maximum), ("minimum", tf.minimum)]:
    show(name, f(a, b))
    ga, gb = grads(lambda x, y: f(x, y), a, b)
    show("  da", ga)
    show("  db", gb)
for name, f in [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu), ("selu", tf.nn.selu),
                ("leaky", tf.nn.leaky_relu), ("softplus", tf.nn.softplus), ("abs", tf.abs), ("neg", tf.negative)]:
    show(name, f(tf.constant([-1.0, 0.0, -np.inf, np.nan])))
show("maximum int", tf.maximum(tf.constant([1, -2]), tf.constant([0, -3])))

#@ optimizer_gradient_shape_mismatch
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for name in ["SGD", "Adam", "RMSprop", "Adagrad"]:
    v = tf.Variable([1.0, 2.0])
    opt = getattr(tf.keras.optimizers, name)(0.1)
    run(f"{name} scalar gradient for a vector", lambda: opt.apply_gradients([(tf.constant(1.0), v)]))
    print("  value", v.numpy().tolist())
    v2 = tf.Variable([1.0, 2.0])
    run(f"{name} longer gradient", lambda: opt.apply_gradients([(tf.constant([1.0, 2.0, 3.0]), v2)]))
    print("  value", v2.numpy().tolist())
v3 = tf.Variable([1.0, 2.0])
run("assign_sub scalar", lambda: v3.assign_sub(1.0))
run("assign shape mismatch", lambda: v3.assign([1.0, 2.0, 3.0]))
run("assign_add shape mismatch", lambda: v3.assign_add([[1.0, 2.0]]))
print("v3", v3.numpy().tolist())

#@ strings_mixed_with_numbers
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("float + str", lambda: tf.constant([1.0]) + "a")
run("str + float", lambda: "a" + tf.constant([1.0]))
run("str tensor + str", lambda: tf.constant(["a"]) + "b")
run("str tensor * 2", lambda: tf.constant(["a"]) * 2)
run("int + str", lambda: tf.constant(1) + "1")
run("add str tensors", lambda: tf.add(tf.constant("x"), tf.constant("y")))
run("equal str", lambda: tf.equal(tf.constant(["a", "b"]), "a"))
run("equal str number", lambda: tf.equal(tf.constant(["a"]), 1.0))
run("cast str", lambda: tf.cast(tf.constant(["1"]), tf.float32))
run("string_to_number bad", lambda: tf.strings.to_number(tf.constant(["x"])))
run("string_to_number ok", lambda: tf.strings.to_number(tf.constant(["1.5", "-inf", "nan", "1e40"])))
run("reduce_sum str", lambda: tf.reduce_sum(tf.constant(["a"])))

#@ divide_no_nan_and_multiply_no_nan
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for dtype in (tf.float32, tf.float64):
    x = tf.constant([1.0, 0.0, np.inf, np.nan, -1.0, 2.0], dtype)
    y = tf.constant([0.0, 0.0, 0.0, 0.0, np.inf, np.nan], dtype)
    show(f"divide_no_nan {dtype.name}", tf.math.divide_no_nan(x, y))
    show(f"multiply_no_nan {dtype.name}", tf.math.multiply_no_nan(x, y))
    gx, gy = grads(lambda a, b: tf.math.divide_no_nan(a, b), x, y)
    show("  d/dx", gx)
    show("  d/dy", gy)
for dtype in (tf.int32, tf.int64, tf.float16, tf.complex64):
    run(f"divide_no_nan {dtype.name}", lambda: tf.math.divide_no_nan(tf.constant([1, 2], dtype), tf.constant([0, 2], dtype)))
    run(f"multiply_no_nan {dtype.name}", lambda: tf.math.multiply_no_nan(tf.constant([1, 2], dtype), tf.constant([0, 2], dtype)))

#@ set_seed_argument_types
#! isolated
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for seed in [1, 1.0, 2.7, np.int64(3), -1, 0, 2**40, None]:
    def go():
        tf.random.set_seed(seed)
        return tf.random.uniform([2]).shape
    run(f"set_seed {seed!r}", go)
tf.random.set_seed(1.0)
a = tf.random.uniform([3]).numpy()
tf.random.set_seed(1)
b = tf.random.uniform([3]).numpy()
print("float seed same as int", (a == b).all())
run("set_seed str", lambda: tf.random.set_seed("a"))

#@ add_weight_name_argument
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
layer = tf.keras.layers.Layer()
run("positional name", lambda: layer.add_weight("w", shape=(2,)))
w = run("keyword name", lambda: layer.add_weight(name="w", shape=(2,), initializer="ones").numpy().tolist())
run("no name", lambda: layer.add_weight(shape=(1,), initializer="zeros").numpy().tolist())
run("positional shape", lambda: layer.add_weight((3,), initializer="ones").numpy().tolist())

#@ argmax_argmin_with_nan_and_ties
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for vals in ([np.nan, 1.0, -2.0], [1.0, np.nan, -2.0], [1.0, -2.0, np.nan], [np.nan, np.nan], [1.0, 1.0, 0.0],
             [-0.0, 0.0], [np.inf, np.nan, np.inf], [-np.inf, -np.inf]):
    for dtype in (tf.float32, tf.float64):
        x = tf.constant(vals, dtype)
        print(vals, dtype.name, tf.argmax(x).numpy(), tf.argmin(x).numpy())
m = tf.constant([[np.nan, 1.0], [2.0, np.nan], [0.0, 0.0]])
print("matrix", tf.argmax(m, 0).numpy().tolist(), tf.argmax(m, 1).numpy().tolist(), tf.argmin(m, 1).numpy().tolist())
run("argmax empty", lambda: tf.argmax(tf.zeros([0])))
run("argmax empty axis", lambda: tf.argmax(tf.zeros([2, 0]), 0))
run("argmax int32 out", lambda: tf.argmax(tf.constant([1, 3, 2]), output_type=tf.int32))
run("argmax bool", lambda: tf.argmax(tf.constant([True, False])))

#@ lgamma_digamma_at_poles_and_infinities
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for dtype in (tf.float32, tf.float64):
    x = tf.constant([-np.inf, np.inf, np.nan, 0.0, -0.0, -1.0, -2.0, -0.5, 1.0, 2.0, 1e-30, 1e5], dtype)
    for name in ["lgamma", "digamma"]:
        f = getattr(tf.math, name)
        show(f"{name} {dtype.name}", f(x))
        show("  d", grads(f, x)[0])

#@ sliced_variable_assignment
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
v = tf.Variable([1.0, 2.0, 3.0])
run("v[0].assign", lambda: v[0].assign(5.0).numpy().tolist())
run("v[1:].assign", lambda: v[1:].assign([7.0, 8.0]).numpy().tolist())
run("v[::2].assign", lambda: v[::2].assign([0.0, 0.5]).numpy().tolist())
run("v[-1].assign", lambda: v[-1].assign(9.0).numpy().tolist())
run("v[0].assign_add", lambda: v[0].assign_add(1.0))
run("v[5].assign", lambda: v[5].assign(1.0))
run("v[1:].assign wrong shape", lambda: v[1:].assign([1.0, 2.0, 3.0]))
print("v", v.numpy().tolist())
m = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
run("m[:, 1].assign", lambda: m[:, 1].assign([9.0, 9.0]).numpy().tolist())
run("m[0].assign", lambda: m[0].assign([5.0, 6.0]).numpy().tolist())
run("m[1, 0].assign", lambda: m[1, 0].assign(-1.0).numpy().tolist())
print("m", m.numpy().tolist())

#@ scatter_gather_out_of_range
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
v = tf.Variable([1.0, 2.0])
for name, f in [("tensor_scatter_nd_update", lambda i: tf.tensor_scatter_nd_update(tf.constant([1.0, 2.0]), i, [1.0])),
                ("tensor_scatter_nd_add", lambda i: tf.tensor_scatter_nd_add(tf.constant([1.0, 2.0]), i, [1.0])),
                ("tensor_scatter_nd_max", lambda i: tf.tensor_scatter_nd_max(tf.constant([1.0, 2.0]), i, [5.0])),
                ("scatter_nd", lambda i: tf.scatter_nd(i, [1.0], [2])),
                ("variable scatter_nd_update", lambda i: v.scatter_nd_update(i, [1.0])),
                ("gather_nd", lambda i: tf.gather_nd(tf.constant([1.0, 2.0]), i))]:
    for idx in ([[1]], [[5]], [[-1]], [[2]]):
        run(f"{name} {idx}", lambda: f(idx))
print("v", v.numpy().tolist())
for idx in ([1], [2], [-1], [5]):
    run(f"gather {idx}", lambda: tf.gather(tf.constant([1.0, 2.0]), idx))
run("gather axis 1 of a vector", lambda: tf.gather(tf.constant([1.0]), [0], axis=1))
run("gather batch_dims", lambda: tf.gather(tf.constant([[1.0, 2.0]]), [[1]], batch_dims=1))

#@ euclidean_norm_and_complex_reductions
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for x in (tf.constant([3 + 4j, 0j], tf.complex64), tf.constant([[1 - 1j, 2j]], tf.complex128)):
    for name in ["reduce_euclidean_norm", "reduce_sum", "reduce_mean", "reduce_prod"]:
        run(f"{name} {x.dtype.name}", lambda: getattr(tf.math, name)(x))
    run(f"reduce_max {x.dtype.name}", lambda: tf.reduce_max(x))
    run(f"abs {x.dtype.name}", lambda: tf.abs(x))
x = tf.constant([[0.0, 0.0], [3.0, 4.0], [np.inf, 1.0], [np.nan, 1.0]])
sweep("euclidean_norm rows", lambda v: tf.math.reduce_euclidean_norm(v, axis=1), x)
run("euclidean_norm int", lambda: tf.math.reduce_euclidean_norm(tf.constant([3, 4])))
run("euclidean_norm empty", lambda: tf.math.reduce_euclidean_norm(tf.zeros([0])))

#@ acosh_softsign_gradients_at_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for dtype in (tf.float32, tf.float64):
    sweep(f"acosh {dtype.name}", tf.math.acosh, tf.constant([np.nan, 0.5, 1.0, 2.0, np.inf, -1.0], dtype))
    # (first order only: TF defines no gradient for SoftsignGrad, a LookupError)
    xs = tf.constant([np.inf, -np.inf, 0.0, -0.0, np.nan, 1e30], dtype)
    show(f"softsign {dtype.name}", tf.nn.softsign(xs))
    show("  d", grads(tf.nn.softsign, xs)[0])
    sweep(f"asinh {dtype.name}", tf.math.asinh, tf.constant([np.inf, -np.inf, 0.0, -0.0, 1e30, -1e30], dtype))
    sweep(f"atanh {dtype.name}", tf.math.atanh, tf.constant([1.0, -1.0, 0.0, -0.0, 2.0, 0.5], dtype))

#@ shape_op_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.ones([2, 3])
run("tile negative", lambda: tf.tile(tf.ones([2]), [-1]))
run("tile rank", lambda: tf.tile(x, [2]))
run("tile zero", lambda: tf.tile(x, [0, 2]).shape)
run("expand_dims 3", lambda: tf.expand_dims(tf.ones([2]), 3))
run("expand_dims -3", lambda: tf.expand_dims(tf.ones([2]), -3))
run("expand_dims -2", lambda: tf.expand_dims(tf.ones([2]), -2).shape)
run("squeeze non-1", lambda: tf.squeeze(tf.ones([2]), [0]))
run("squeeze out of range", lambda: tf.squeeze(tf.ones([1]), [1]))
run("transpose repeated perm", lambda: tf.transpose(x, [0, 0]))
run("transpose short perm", lambda: tf.transpose(x, [0]))
run("transpose out of range perm", lambda: tf.transpose(x, [0, 2]))
run("broadcast_to incompatible", lambda: tf.broadcast_to(tf.ones([2]), [3]))
run("broadcast_to fewer dims", lambda: tf.broadcast_to(x, [3]))
run("split uneven", lambda: tf.split(tf.ones([5]), 2))
run("split sizes wrong", lambda: tf.split(tf.ones([5]), [2, 2]))
run("split sizes -1", lambda: [s.shape for s in tf.split(tf.ones([5]), [2, -1])])
run("split zero", lambda: tf.split(tf.ones([5]), 0))
run("reverse out of range", lambda: tf.reverse(x, [2]))
run("reverse repeated", lambda: tf.reverse(x, [0, 0]))
run("where incompatible", lambda: tf.where(tf.constant([True]), tf.ones([2]), tf.ones([3])))
run("where float cond", lambda: tf.where(tf.constant([1.0]), tf.ones([1]), tf.ones([1])))

#@ integer_arithmetic_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
imax, imin = 2**31 - 1, -2**31
run("add overflow", lambda: tf.constant([imax]) + 1)
run("sub overflow", lambda: tf.constant([imin]) - 1)
run("mul overflow", lambda: tf.constant([65536]) * 65536)
run("abs int min", lambda: tf.abs(tf.constant([imin])))
run("neg int min", lambda: tf.negative(tf.constant([imin])))
run("floordiv neg", lambda: tf.constant([-7, 7, -7]) // tf.constant([2, -2, -2]))
run("floormod neg", lambda: tf.constant([-7, 7, -7]) % tf.constant([2, -2, -2]))
run("truncatediv", lambda: tf.truncatediv(tf.constant([-7, 7]), tf.constant([2, -2])))
run("truncatemod", lambda: tf.truncatemod(tf.constant([-7, 7]), tf.constant([2, -2])))
run("int min // -1", lambda: tf.constant([imin]) // -1)
run("int div zero", lambda: tf.constant([7]) // 0)
run("int mod zero", lambda: tf.constant([7]) % 0)
run("truncatediv zero", lambda: tf.truncatediv(tf.constant([7]), tf.constant([0])))
run("int truediv", lambda: tf.constant([7, -7]) / tf.constant([2, 0]))
run("int64 truediv", lambda: tf.constant([7], tf.int64) / tf.constant([2], tf.int64))
run("uint8 wrap", lambda: tf.constant([1], tf.uint8) - tf.constant([2], tf.uint8))
run("uint8 mul wrap", lambda: tf.constant([200], tf.uint8) * tf.constant([2], tf.uint8))
run("int8 neg min", lambda: tf.negative(tf.constant([-128], tf.int8)))
run("pow int negative", lambda: tf.pow(tf.constant([2]), tf.constant([-1])))
run("pow int 0 0", lambda: tf.pow(tf.constant([0]), tf.constant([0])))
run("pow int overflow", lambda: tf.pow(tf.constant([3]), tf.constant([40])))
run("square int overflow", lambda: tf.square(tf.constant([65536])))
run("bool add", lambda: tf.constant([True]) + tf.constant([True]))
run("bool sum", lambda: tf.reduce_sum(tf.constant([True, True])))

#@ float16_and_bfloat16_overflow
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
h = tf.constant([60000.0, -60000.0, 1e-7, 65504.0], tf.float16)
show("f16 * 2", h * 2)
show("f16 square", tf.square(h))
show("f16 exp", tf.exp(tf.constant([11.0, 12.0, -20.0], tf.float16)))
show("f16 mean", tf.reduce_mean(tf.constant([60000.0, 60000.0], tf.float16)))
show("f16 cast", tf.cast(tf.constant([70000.0, 1e-8, -70000.0]), tf.float16))
show("bf16 cast", tf.cast(tf.cast(tf.constant([3e38, 1.0 / 3, 1e-30]), tf.bfloat16), tf.float32))
show("bf16 add", tf.cast(tf.constant([1.0], tf.bfloat16) + tf.constant([1e-3], tf.bfloat16), tf.float32))
show("f16 softmax", tf.nn.softmax(tf.constant([60000.0, 0.0], tf.float16)))

#@ matmul_special_values_and_gradients
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
a = tf.constant([[np.inf, 0.0], [np.nan, 1.0], [1e30, 1e30], [-0.0, -0.0]])
b = tf.constant([[0.0, 1.0], [1.0, -0.0]])
show("matmul", tf.matmul(a, b))
ga, gb = grads(lambda x, y: tf.matmul(x, y), a, b)
show("  da", ga)
show("  db", gb)
for dtype in (tf.float32, tf.float64):
    show(f"matmul empty inner {dtype.name}", tf.matmul(tf.zeros([2, 0], dtype), tf.zeros([0, 3], dtype)))
    show(f"matmul empty outer {dtype.name}", tf.matmul(tf.zeros([0, 2], dtype), tf.ones([2, 3], dtype)))
ge = grads(lambda x: tf.reduce_sum(tf.matmul(x, tf.ones([0, 3]))), tf.zeros([2, 0]))[0]
show("grad of empty inner", ge)
run("matmul rank 1", lambda: tf.matmul(tf.ones([2]), tf.ones([2])))
run("matmul mismatch", lambda: tf.matmul(tf.ones([2, 3]), tf.ones([2, 3])))
run("matmul int", lambda: tf.matmul(tf.ones([1, 2], tf.int32), tf.ones([2, 1], tf.int32)))
run("matmul bool", lambda: tf.matmul(tf.ones([1, 1], tf.bool), tf.ones([1, 1], tf.bool)))
run("matmul dtype mismatch", lambda: tf.matmul(tf.ones([1, 1]), tf.ones([1, 1], tf.float64)))
run("matmul batch broadcast", lambda: tf.matmul(tf.ones([2, 1, 2, 3]), tf.ones([3, 3, 1])).shape)
run("matmul batch mismatch", lambda: tf.matmul(tf.ones([2, 2, 3]), tf.ones([3, 3, 1])))

#@ where_select_gradients_with_nan
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([0.0, -1.0, 4.0, np.nan, np.inf])
sweep("where(x>0, sqrt, 0)", lambda v: tf.where(v > 0, tf.sqrt(v), tf.zeros_like(v)), x)
sweep("where(x>0, log, x)", lambda v: tf.where(v > 0, tf.math.log(v), v), x)
sweep("where broadcast", lambda v: tf.where(tf.constant([True, False, True, False, True]), v, 2.0 * v), x)
c = tf.constant([True, False])
a = tf.constant([1.0, np.nan])
b = tf.constant([np.inf, 2.0])
ga, gb = grads(lambda p, q: tf.where(c, p, q) * 3.0, a, b)
show("da", ga)
show("db", gb)
run("where one argument", lambda: tf.where(tf.constant([[True, False], [False, True]])))
run("where one argument empty", lambda: tf.where(tf.zeros([0], tf.bool)))
run("where one argument numbers", lambda: tf.where(tf.constant([0.0, 1.0, np.nan])))

#@ clip_by_value_special_values
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([np.nan, -np.inf, np.inf, -0.0, 0.0, 0.5, -2.0, 2.0])
sweep("clip [-1, 1]", lambda v: tf.clip_by_value(v, -1.0, 1.0), x)
sweep("clip [0, 0]", lambda v: tf.clip_by_value(v, 0.0, 0.0), x)
sweep("clip [nan, 1]", lambda v: tf.clip_by_value(v, np.nan, 1.0), x)
run("clip lo > hi", lambda: tf.clip_by_value(x, 1.0, -1.0))
run("clip int", lambda: tf.clip_by_value(tf.constant([-5, 5]), -1, 1))
run("clip tensor bounds", lambda: tf.clip_by_value(x, tf.fill([8], -0.5), 0.5))
run("clip bad bounds shape", lambda: tf.clip_by_value(x, tf.zeros([3]), 1.0))
lo, hi = tf.constant(-1.0), tf.constant(1.0)
with tf.GradientTape() as tape:
    tape.watch([lo, hi])
    y = tf.reduce_sum(tf.clip_by_value(x, lo, hi))
show("d lo", tape.gradient(y, lo))

#@ abs_sign_round_at_zero_and_halves
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([-0.0, 0.0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, np.nan, np.inf, -np.inf, 1e30])
for name in ["abs", "sign", "round", "floor", "ceil", "rint"]:
    f = getattr(tf.math, name)
    show(name, f(x))
for name in ["abs", "sign", "round", "floor", "ceil"]:
    f = getattr(tf.math, name)
    show("  d " + name, grads(f, x)[0])
for dtype in (tf.int32, tf.int64, tf.int8):
    run(f"abs/sign {dtype.name}", lambda: [tf.abs(tf.constant([-3, 0], dtype)).numpy().tolist(), tf.sign(tf.constant([-3, 0], dtype)).numpy().tolist()])
run("round int", lambda: tf.round(tf.constant([1, 2])))
run("floor int", lambda: tf.floor(tf.constant([1, 2])))
run("sign complex", lambda: tf.sign(tf.constant([3 + 4j, 0j])))
run("round float16", lambda: tf.round(tf.constant([0.5, 1.5], tf.float16)))

#@ atan2_at_the_origin_and_infinities
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
ys = [0.0, -0.0, 0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.inf, np.nan]
xs = [0.0, 0.0, -0.0, -0.0, np.inf, -np.inf, np.inf, -np.inf, 1.0, 1.0]
for dtype in (tf.float32, tf.float64):
    y = tf.constant(ys, dtype)
    x = tf.constant(xs, dtype)
    show(f"atan2 {dtype.name}", tf.math.atan2(y, x))
    gy, gx = grads(lambda a, b: tf.math.atan2(a, b), y, x)
    show("  dy", gy)
    show("  dx", gx)

#@ xlogy_xdivy_xlog1py_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([0.0, 0.0, 0.0, 1.0, 0.5, np.nan, 2.0, 0.0])
y = tf.constant([0.0, np.nan, np.inf, 0.0, 1.0, 0.0, -1.0, -1.0])
for name in ["xlogy", "xdivy", "xlog1py"]:
    f = getattr(tf.math, name)
    show(name, f(x, y))
    gx, gy = grads(f, x, y)
    show("  dx", gx)
    show("  dy", gy)
run("xlogy int", lambda: tf.math.xlogy(tf.constant([1]), tf.constant([2])))

#@ add_n_and_accumulate_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("add_n []", lambda: tf.add_n([]))
run("add_n one", lambda: tf.add_n([tf.constant([1.0, 2.0])]))
run("add_n scalars", lambda: tf.add_n([1.0, 2.0]))
run("add_n mixed dtypes", lambda: tf.add_n([tf.constant(1.0), tf.constant(1.0, tf.float64)]))
run("add_n shape mismatch", lambda: tf.add_n([tf.ones([2]), tf.ones([3])]))
run("add_n broadcast", lambda: tf.add_n([tf.ones([2]), tf.ones([1])]))
run("add_n inf", lambda: tf.add_n([tf.constant([np.inf, 1.0]), tf.constant([-np.inf, np.nan])]))
run("add_n -0", lambda: tf.add_n([tf.constant([-0.0]), tf.constant([-0.0])]))
a = tf.constant([1.0, 2.0])
show("add_n grad", grads(lambda v: tf.add_n([v, v, 2.0 * v]), a)[0])

#@ variance_std_special_values
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for x in (tf.constant([[1.0, 2.0, 3.0], [np.inf, 1.0, 2.0], [np.nan, 1.0, 1.0], [1e30, -1e30, 0.0], [5.0, 5.0, 5.0]]),):
    for name in ["reduce_variance", "reduce_std"]:
        f = getattr(tf.math, name)
        sweep(name, lambda v: f(v, axis=1), x)
run("variance empty", lambda: tf.math.reduce_variance(tf.zeros([0])))
run("std int", lambda: tf.math.reduce_std(tf.constant([1, 2])))
run("variance complex", lambda: tf.math.reduce_variance(tf.constant([1 + 1j, 1 - 1j])))
run("std keepdims", lambda: tf.math.reduce_std(tf.ones([2, 2]), axis=0, keepdims=True))

#@ softmax_family_on_empty_and_extreme_rows
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for shape in ([2, 0], [0, 3], [0]):
    for name, f in [("softmax", tf.nn.softmax), ("log_softmax", tf.nn.log_softmax)]:
        run(f"{name} {shape}", lambda: f(tf.zeros(shape)))
x = tf.constant([[1000.0, 0.0], [-np.inf, 0.0], [-np.inf, -np.inf], [-1000.0, 1000.0], [0.0, 0.0]])
sweep("softmax", lambda v: tf.nn.softmax(v) * tf.constant([1.0, 2.0]), x)
sweep("log_softmax", lambda v: tf.nn.log_softmax(v) * tf.constant([1.0, 2.0]), x)
run("softmax int", lambda: tf.nn.softmax(tf.constant([1, 2])))
run("softmax axis 2", lambda: tf.nn.softmax(tf.ones([2, 2]), axis=2))

#@ integer_and_bool_math_dtype_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
i = tf.constant([1, 2])
b = tf.constant([True, False])
for name in ["sqrt", "exp", "log", "sin", "tanh", "sigmoid", "is_nan", "is_inf", "is_finite", "reciprocal", "erf", "lgamma", "softplus"]:
    for x in (i, b):
        run(f"{name} {x.dtype.name}", lambda: getattr(tf.math, name)(x))
for name in ["logical_and", "logical_or", "logical_xor"]:
    run(f"{name} int", lambda: getattr(tf.math, name)(i, i))
run("logical_not float", lambda: tf.math.logical_not(tf.constant([1.0])))
run("invert float", lambda: tf.bitwise.invert(tf.constant([1.0])))

#@ reduce_all_any_and_count_on_empty
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
e = tf.zeros([0], tf.bool)
m = tf.zeros([2, 0], tf.bool)
for name in ["reduce_all", "reduce_any"]:
    f = getattr(tf.math, name)
    run(f"{name} empty", lambda: f(e))
    run(f"{name} [2,0] axis 1", lambda: f(m, axis=1))
    run(f"{name} [2,0] axis 0", lambda: f(m, axis=0))
    run(f"{name} float", lambda: f(tf.constant([1.0])))
run("count_nonzero nan", lambda: tf.math.count_nonzero(tf.constant([np.nan, 0.0, -0.0, 1.0])))
run("count_nonzero empty", lambda: tf.math.count_nonzero(tf.zeros([0])))
run("count_nonzero str", lambda: tf.math.count_nonzero(tf.constant(["", "a"])))
for name in ["reduce_sum", "reduce_prod", "reduce_max", "reduce_min", "reduce_mean"]:
    for dtype in (tf.int32, tf.float32):
        run(f"{name} empty {dtype.name}", lambda: getattr(tf.math, name)(tf.zeros([0], dtype)))

#@ reduce_prod_integer_overflow_and_int_gradients
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("prod int32 overflow", lambda: tf.reduce_prod(tf.constant([65536, 65536])))
run("prod int64", lambda: tf.reduce_prod(tf.constant([2**31, 4], tf.int64)))
run("prod uint8", lambda: tf.reduce_prod(tf.constant([16, 17], tf.uint8)))
run("sum int32 overflow", lambda: tf.reduce_sum(tf.constant([2**31 - 1, 1])))
run("mean int", lambda: tf.reduce_mean(tf.constant([1, 2])))
run("mean uint8", lambda: tf.reduce_mean(tf.constant([255, 255], tf.uint8)))
x = tf.constant([1, 2])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reduce_prod(x)
run("int gradient", lambda: tape.gradient(y, x))
x = tf.constant([[0.0, 2.0], [0.0, 0.0], [3.0, -0.0]], tf.float64)
# (first order: tapeflow's second derivatives at zeros are exact, TF's are not)
show("prod rows with zeros d", grads(lambda v: tf.reduce_prod(v, axis=1), x)[0])

#@ exp_log_family_at_edges_float16
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([0.0, -0.0, 1e-4, -1e-4, 11.0, -11.0, 65504.0, np.inf, -np.inf, np.nan], tf.float16)
for name in ["exp", "expm1", "log", "log1p", "sqrt", "reciprocal", "tanh", "sigmoid", "softplus"]:
    f = getattr(tf.math, name) if hasattr(tf.math, name) else getattr(tf.nn, name)
    run(name, lambda: f(x))

#@ sigmoid_tanh_softplus_extremes_and_gradients
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for dtype in (tf.float32, tf.float64):
    # (no results below float32's normal range: TF's CPU kernels flush them to zero)
    x = tf.constant([-1000.0, -50.0, -20.0, 0.0, -0.0, 20.0, 30.0, 1000.0, np.inf, -np.inf, np.nan], dtype)
    for name, f in [("sigmoid", tf.sigmoid), ("tanh", tf.tanh), ("softplus", tf.nn.softplus), ("log_sigmoid", tf.math.log_sigmoid)]:
        sweep(f"{name} {dtype.name}", f, x)

#@ top_k_and_in_top_k_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([1.0, np.nan, 3.0, -np.inf, 3.0])
run("top_k 2", lambda: [t.numpy().tolist() for t in tf.math.top_k(x, 2)])
run("top_k 5", lambda: [t.numpy().tolist() for t in tf.math.top_k(x, 5)])
run("top_k 6", lambda: tf.math.top_k(x, 6))
run("top_k 0", lambda: [t.numpy().tolist() for t in tf.math.top_k(x, 0)])
run("top_k -1", lambda: tf.math.top_k(x, -1))
run("top_k scalar", lambda: tf.math.top_k(tf.constant(1.0), 1))
run("top_k int", lambda: [t.numpy().tolist() for t in tf.math.top_k(tf.constant([3, 1, 3]), 2)])
run("top_k unsorted", lambda: tf.math.top_k(tf.constant([1.0, 5.0, 3.0]), 2, sorted=False).indices.shape)
g = grads(lambda v: tf.reduce_sum(tf.math.top_k(v, 2).values * tf.constant([1.0, 10.0])), tf.constant([1.0, 3.0, 3.0, 2.0]))[0]
show("top_k gradient with ties", g)
run("in_top_k", lambda: tf.math.in_top_k(tf.constant([1, 0]), tf.constant([[0.1, 0.9], [np.nan, 0.2]]), 1))
run("in_top_k bad target", lambda: tf.math.in_top_k(tf.constant([5]), tf.constant([[0.1, 0.9]]), 1))

#@ tensordot_einsum_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
a = tf.constant([[np.inf, 0.0], [1.0, 2.0]])
b = tf.constant([[0.0, 1.0], [1.0, np.nan]])
run("tensordot 1", lambda: tf.tensordot(a, b, 1))
run("tensordot 0", lambda: tf.tensordot(a, b, 0).shape)
run("tensordot axes lists", lambda: tf.tensordot(a, b, [[0], [1]]))
run("tensordot bad axes", lambda: tf.tensordot(a, b, 3))
run("tensordot mismatch", lambda: tf.tensordot(a, tf.ones([3, 2]), [[1], [0]]))
run("einsum empty", lambda: tf.einsum("ij,jk->ik", tf.zeros([2, 0]), tf.zeros([0, 3])))
run("einsum trace", lambda: tf.einsum("ii", a))
run("einsum bad", lambda: tf.einsum("ij,jk->ik", a, tf.ones([3, 2])))
run("einsum outer", lambda: tf.einsum("i,j->ij", tf.constant([1.0, -0.0]), tf.constant([-1.0, np.inf])))
ga, gb = grads(lambda x, y: tf.einsum("ij,jk->ik", x, y), a, b)
show("einsum da", ga)
show("einsum db", gb)

#@ squared_difference_and_sub_specials
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([np.inf, np.inf, -np.inf, np.nan, 1e30, -0.0, 0.0])
y = tf.constant([np.inf, -np.inf, 1.0, 1.0, -1e30, 0.0, -0.0])
for name, f in [("squared_difference", tf.math.squared_difference), ("subtract", tf.subtract), ("add", tf.add), ("multiply", tf.multiply)]:
    show(name, f(x, y))
    gx, gy = grads(f, x, y)
    show("  dx", gx)
    show("  dy", gy)
run("squared_difference int", lambda: tf.math.squared_difference(tf.constant([3]), tf.constant([-2])))
run("squared_difference complex", lambda: tf.math.squared_difference(tf.constant([1j]), tf.constant([1 + 0j])))

#@ floordiv_floormod_float_specials
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([np.inf, -np.inf, 5.0, -5.0, 0.0, -0.0, 5.0, np.nan, 1e30, 7.5])
y = tf.constant([1.0, 1.0, np.inf, np.inf, 3.0, 3.0, 0.0, 1.0, 3.0, -2.0])
for dtype in (tf.float32, tf.float64):
    a, b = tf.cast(x, dtype), tf.cast(y, dtype)
    show(f"floordiv {dtype.name}", tf.math.floordiv(a, b))
    show(f"floormod {dtype.name}", tf.math.floormod(a, b))
    show(f"truncatemod {dtype.name}", tf.truncatemod(a, b))
    show(f"truncatediv {dtype.name}", tf.truncatediv(a, b) if dtype == tf.float64 else None)

#@ sort_argsort_and_unique_edge_values
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([np.nan, 1.0, -0.0, 0.0, -np.inf, np.inf, np.nan, -1.0])
run("sort", lambda: tf.sort(x))
run("sort descending", lambda: tf.sort(x, direction="DESCENDING"))
run("argsort", lambda: tf.argsort(x))
run("argsort stable", lambda: tf.argsort(tf.constant([1, 0, 1, 0]), stable=True))
run("sort empty", lambda: tf.sort(tf.zeros([0])))
run("sort [2,0]", lambda: tf.sort(tf.zeros([2, 0])))
run("sort axis 0", lambda: tf.sort(tf.constant([[3.0, 1.0], [2.0, 4.0]]), axis=0))
run("sort bad direction", lambda: tf.sort(x, direction="UP"))
run("sort axis 2", lambda: tf.sort(tf.ones([2, 2]), axis=2))
run("unique", lambda: [t.numpy().tolist() for t in tf.unique(tf.constant([1.0, -0.0, 0.0, 1.0]))])
run("unique nan", lambda: tf.unique(tf.constant([np.nan, np.nan])).y.shape)

#@ cumsum_cumprod_integer_and_axis_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for name in ["cumsum", "cumprod"]:
    f = getattr(tf.math, name)
    run(name + " int overflow", lambda: f(tf.constant([65536, 65536, 2])))
    run(name + " bool", lambda: f(tf.constant([True, False])))
    run(name + " str", lambda: f(tf.constant(["a"])))
    run(name + " axis float", lambda: f(tf.ones([2]), axis=0.0))
    run(name + " axis list", lambda: f(tf.ones([2]), axis=[0]))
    run(name + " exclusive reverse int", lambda: f(tf.constant([[1, 2, 3]]), axis=1, exclusive=True, reverse=True))
x = tf.constant([[0.0, 2.0, 3.0], [2.0, 0.0, 0.0], [1.0, 1.0, 0.0]], tf.float64)
print("cumprod values at zeros", tf.math.cumprod(x, axis=1).numpy().tolist(), tf.math.cumprod(x, axis=0, exclusive=True).numpy().tolist())

#@ bitwise_shift_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for dtype in (tf.int8, tf.int32, tf.uint8, tf.int64):
    a = tf.constant([1, -1 if dtype.is_unsigned is False else 255, 5], dtype)
    s = tf.constant([0, 3, 7], dtype)
    run(f"left_shift {dtype.name}", lambda: tf.bitwise.left_shift(a, s))
    run(f"right_shift {dtype.name}", lambda: tf.bitwise.right_shift(a, s))
    run(f"shift by width {dtype.name}", lambda: tf.bitwise.left_shift(a, tf.constant([dtype.size * 8] * 3, dtype)))
    run(f"shift negative {dtype.name}", lambda: tf.bitwise.right_shift(a, tf.constant([-1] * 3, dtype)) if not dtype.is_unsigned else None)
run("bitwise float", lambda: tf.bitwise.bitwise_and(tf.constant([1.0]), tf.constant([1.0])))
run("popcount", lambda: tf.bitwise.population_count(tf.constant([-1, 0, 7], tf.int16)))

#@ cast_bool_and_complex_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("cast nan to bool", lambda: tf.cast(tf.constant([np.nan, 0.0, -0.0, 0.1]), tf.bool))
run("cast complex to bool", lambda: tf.cast(tf.constant([0j, 1j]), tf.bool))
run("cast bool to float", lambda: tf.cast(tf.constant([True, False]), tf.float16))
run("cast complex to float", lambda: tf.cast(tf.constant([1 + 2j]), tf.float32))
run("cast float to complex", lambda: tf.cast(tf.constant([np.nan, -0.0]), tf.complex64))
run("cast int to bool", lambda: tf.cast(tf.constant([2, 0, -1]), tf.bool))
run("cast uint8 -> int8", lambda: tf.cast(tf.constant([200, 127], tf.uint8), tf.int8))
run("cast int64 -> int32", lambda: tf.cast(tf.constant([2**40 + 5], tf.int64), tf.int32))
run("cast str to int", lambda: tf.cast(tf.constant(["1"]), tf.int32))
run("cast float to str", lambda: tf.cast(tf.constant([1.0]), tf.string))

#@ gradients_through_integer_casts_and_stop_gradient
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([1.5, -2.5, np.nan])
sweep("cast to int and back", lambda v: tf.cast(tf.cast(v, tf.int32), tf.float32) * v, x)
sweep("cast to float64", lambda v: tf.cast(v, tf.float64) ** 2, x)
sweep("cast to float16", lambda v: tf.cast(v, tf.float16) * tf.constant(2.0, tf.float16), x)
sweep("stop_gradient", lambda v: tf.stop_gradient(v) * v, x)
sweep("identity", lambda v: tf.identity(v) * v, x)
sweep("cast to complex", lambda v: tf.math.real(tf.cast(v, tf.complex64) * tf.constant(1j, tf.complex64)), x)

#@ empty_and_scalar_inputs_through_elementwise_ops
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
for shape in ([0], [2, 0], []):
    x = tf.zeros(shape) + 0.5
    for name in ["exp", "log", "sqrt", "tanh", "abs", "square", "sign", "round"]:
        f = getattr(tf.math, name)
        sweep(f"{name} {shape}", f, x)
    sweep(f"add broadcast {shape}", lambda v: v + tf.constant([[1.0]]), x)

#@ broadcasting_shapes_and_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("add [2] [3]", lambda: tf.ones([2]) + tf.ones([3]))
run("add [2,1] [1,3]", lambda: (tf.ones([2, 1]) + tf.ones([1, 3])).shape)
run("add [0] [1]", lambda: (tf.ones([0]) + tf.ones([1])).shape)
run("add [0] [2]", lambda: tf.ones([0]) + tf.ones([2]))
run("add [] [0,3]", lambda: (tf.constant(1.0) + tf.zeros([0, 3])).shape)
run("maximum [2] [3]", lambda: tf.maximum(tf.ones([2]), tf.ones([3])))
run("equal [2] [3]", lambda: tf.equal(tf.ones([2]), tf.ones([3])))
run("broadcast_static_shape", lambda: tf.broadcast_static_shape(tf.TensorShape([2, 1]), tf.TensorShape([3])))
run("broadcast_static_shape bad", lambda: tf.broadcast_static_shape(tf.TensorShape([2]), tf.TensorShape([3])))
run("broadcast_dynamic_shape", lambda: tf.broadcast_dynamic_shape(tf.constant([2, 1]), tf.constant([3])))
x = tf.constant([1.0, 2.0])
show("grad of broadcast add", grads(lambda v: tf.reduce_sum(v + tf.ones([3, 2])), x)[0])
show("grad of broadcast to empty", grads(lambda v: tf.reduce_sum(v + tf.ones([0, 2])), x)[0])

#@ math_ops_with_python_and_numpy_scalars
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("tensor + np.float64", lambda: tf.constant([1.0]) + np.float64(0.5))
run("np.float64 + tensor", lambda: np.float64(0.5) + tf.constant([1.0]))
run("tensor + 2**40", lambda: tf.constant([1]) + 2**40)
run("tensor + 1.5 (int)", lambda: tf.constant([1]) + 1.5)
run("tensor * True", lambda: tf.constant([2.0]) * True)
run("tensor + None", lambda: tf.constant([1.0]) + None)
run("tensor + [1, 2]", lambda: tf.constant([1.0]) + [1, 2])
run("tensor + complex", lambda: tf.constant([1.0]) + 1j)
run("int tensor / int", lambda: tf.constant([3]) / 2)
run("float16 + 1e5", lambda: tf.constant([1.0], tf.float16) + 1e5)
run("uint8 + 300", lambda: tf.constant([1], tf.uint8) + 300)
run("uint8 + -1", lambda: tf.constant([1], tf.uint8) + -1)
run("pow(2, tensor)", lambda: 2 ** tf.constant([0.5, -1.0]))
run("divmod", lambda: divmod(tf.constant([7.0, -7.0]), 2.0))

#@ abs_and_norm_gradients_at_zero
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([0.0, -0.0, 1.0, -2.0], tf.float64)
sweep("abs", tf.abs, x)
sweep("norm", lambda v: tf.norm(v), tf.zeros([3], tf.float64))
sweep("norm ord 1", lambda v: tf.norm(v, ord=1), x)
sweep("norm inf", lambda v: tf.norm(v, ord=np.inf), x)
sweep("l2_loss", tf.nn.l2_loss, x)
sweep("sqrt of square", lambda v: tf.sqrt(tf.square(v)), x)

#@ reductions_on_scalars_and_axis_forms
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
s = tf.constant(3.0)
for name in ["reduce_sum", "reduce_max", "reduce_prod", "reduce_mean", "reduce_logsumexp"]:
    f = getattr(tf.math, name)
    for axis in (None, 0, -1, [], [0], 1):
        run(f"{name} scalar axis={axis}", lambda: f(s, axis=axis))
m = tf.ones([2, 3])
run("axis tuple", lambda: tf.reduce_sum(m, axis=(0, 1)))
run("axis np array", lambda: tf.reduce_sum(m, axis=np.array([1])))
run("axis tensor 2-d", lambda: tf.reduce_sum(m, axis=tf.constant([[0]])))
run("axis -3", lambda: tf.reduce_sum(m, axis=-3))
run("axis [0, -2]", lambda: tf.reduce_sum(m, axis=[0, -2]))

#@ random_distributions_argument_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
tf.random.set_seed(7)
run("uniform minval == maxval", lambda: tf.random.uniform([3], 2.0, 2.0))
run("uniform int minval == maxval", lambda: tf.random.uniform([3], 2, 2, dtype=tf.int32))
run("uniform minval > maxval float", lambda: tf.random.uniform([2], 3.0, 1.0).shape)
run("uniform int64", lambda: tf.random.uniform([2], 0, 2**40, dtype=tf.int64).shape)
run("uniform bool", lambda: tf.random.uniform([2], dtype=tf.bool))
run("normal int", lambda: tf.random.normal([2], dtype=tf.int32))
run("normal stddev 0", lambda: tf.random.normal([2], stddev=0.0))
run("normal stddev nan", lambda: tf.random.normal([2], stddev=np.nan))
run("categorical empty logits", lambda: tf.random.categorical(tf.zeros([1, 0]), 2))
run("categorical -inf row", lambda: tf.random.categorical(tf.constant([[-np.inf, 0.0]]), 3))
run("shuffle scalar", lambda: tf.random.shuffle(tf.constant(1.0)))
run("shuffle empty", lambda: tf.random.shuffle(tf.zeros([0, 2])))

#@ linalg_basic_empty_and_scalar
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
run("transpose scalar", lambda: tf.transpose(tf.constant(1.0)))
run("transpose empty", lambda: tf.transpose(tf.zeros([0, 2])).shape)
run("matrix_transpose rank 1", lambda: tf.linalg.matrix_transpose(tf.ones([2])))
run("trace empty", lambda: tf.linalg.trace(tf.zeros([0, 0])))
run("trace non-square", lambda: tf.linalg.trace(tf.ones([2, 3])))
run("diag_part empty", lambda: tf.linalg.diag_part(tf.zeros([0, 0])))
run("eye 0", lambda: tf.eye(0))
run("eye -1", lambda: tf.eye(-1))
run("eye batch", lambda: tf.eye(2, batch_shape=[0]).shape)
run("det empty", lambda: tf.linalg.det(tf.zeros([0, 0])))
run("inv singular", lambda: tf.linalg.inv(tf.zeros([2, 2])))
run("matvec", lambda: tf.linalg.matvec(tf.ones([2, 3]), tf.ones([3])))

#@ nextafter_and_float_classification
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
x = tf.constant([0.0, -0.0, 1.0, np.inf, -np.inf, np.nan, 3.4028235e38])
y = tf.constant([1.0, -1.0, 2.0, 0.0, np.inf, 0.0, np.inf])
run("nextafter", lambda: tf.math.nextafter(x, y))
run("nextafter float64", lambda: tf.math.nextafter(tf.cast(x, tf.float64), tf.cast(y, tf.float64)))
for name in ["is_nan", "is_inf", "is_finite"]:
    run(name, lambda: getattr(tf.math, name)(x))
    run(name + " float16", lambda: getattr(tf.math, name)(tf.cast(x, tf.float16)))
run("is_nan int", lambda: tf.math.is_nan(tf.constant([1])))
run("is_non_decreasing nan", lambda: tf.math.is_non_decreasing(tf.constant([1.0, np.nan, 2.0])))
run("is_strictly_increasing empty", lambda: tf.math.is_strictly_increasing(tf.zeros([0])))

#@ logical_and_comparison_dtype_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    zs = "".join("n" if s else "p" for s in np.signbit(v.reshape(-1)[v.reshape(-1) == 0])) if v.dtype.kind == "f" else ""
    print(label, t.dtype.name, list(v.shape), np.array2string(v.reshape(-1), precision=8, separator=",", max_line_width=10**6, threshold=10**6), "z" + zs)
def run(label, f):
    try:
        out = f()
    except Exception as e:
        print(label, "raises", type(e).__name__)
        return None
    if isinstance(out, (tf.Tensor, tf.IndexedSlices)) or out is None:
        show(label, out)
    else:
        print(label, out)
    return out
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
def sweep(name, f, x):
    """value, gradient, second derivative (of the gradient's sum) and JVP (tangent ones)."""
    try:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x) if g is not None else None
        with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
            j = acc.jvp(f(x))
    except Exception as e:
        print(name, "raises", type(e).__name__)
        return
    show(name, y)
    show("  d", g)
    show("  dd", gg)
    show("  jvp", j)
a = tf.constant([1.0, np.nan, -0.0])
b = tf.constant([1.0, np.nan, 0.0])
for name in ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]:
    run(name, lambda: getattr(tf.math, name)(a, b))
run("equal dtype mismatch", lambda: tf.equal(tf.constant([1]), tf.constant([1.0])))
run("less bool", lambda: tf.less(tf.constant([True]), tf.constant([False])))
run("less complex", lambda: tf.less(tf.constant([1j]), tf.constant([2j])))
run("equal complex", lambda: tf.equal(tf.constant([1j]), tf.constant([1j])))
run("equal str", lambda: tf.equal(tf.constant(["a"]), tf.constant(["a"])))
run("== None", lambda: tf.constant([1.0]) == None)  # noqa
