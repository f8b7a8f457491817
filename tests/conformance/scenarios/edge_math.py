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
