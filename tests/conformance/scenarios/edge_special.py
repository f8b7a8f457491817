# Edge cases of the special-function, segment and indexing ops (issue 16): 0, -0, +-inf, nan,
# huge and tiny values, empty and 0-d inputs, through every op and its gradient; complex inputs
# (values and TF's conjugated or unconjugated gradients); TF's exception types. Tiny values stay
# normal floats: TF's CPU kernels flush float32 denormals to zero, NumPy does not.

#@ unary_special_values_float32
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 3e38, -3e38, 1e-30, -1e-30, -1.0, -2.5, 0.5, 1.0, 2.0, 0.999, -0.999, 30.0], tf.float32)
for name in ['erf', 'erfc', 'erfinv', 'ndtri', 'lgamma', 'digamma', 'bessel_i0', 'bessel_i0e', 'bessel_i1', 'bessel_i1e', 'rint', 'softsign', 'log_sigmoid', 'reciprocal_no_nan']:
    f = getattr(tf.math, name)
    show(name, f(x))

#@ unary_special_grads_float32
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 3e38, -3e38, 1e-30, -1e-30, -1.0, -2.5, 0.5, 1.0, 2.0, 30.0], tf.float32)
for name in ['erf', 'erfc', 'erfinv', 'ndtri', 'lgamma', 'digamma', 'bessel_i0', 'bessel_i0e', 'bessel_i1', 'bessel_i1e', 'rint', 'softsign', 'log_sigmoid', 'reciprocal_no_nan']:
    f = getattr(tf.math, name)
    show(name, grads(f, x)[0])

#@ unary_special_values_float64
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 1e300, -1e300, 1e-300, -1e-300, -1.0, -2.5, 0.5, 1.0, 2.0, 0.999, -0.999, 30.0], tf.float64)
for name in ['erf', 'erfc', 'erfinv', 'ndtri', 'lgamma', 'digamma', 'bessel_i0', 'bessel_i0e', 'bessel_i1', 'bessel_i1e', 'rint', 'softsign', 'log_sigmoid', 'reciprocal_no_nan']:
    f = getattr(tf.math, name)
    show(name, f(x))

#@ unary_special_grads_float64
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([0.0, -0.0, np.inf, -np.inf, np.nan, 1e300, -1e300, 1e-300, -1e-300, -1.0, -2.5, 0.5, 1.0, 2.0, 0.999, -0.999, 30.0], tf.float64)
for name in ['erf', 'erfc', 'erfinv', 'ndtri', 'lgamma', 'digamma', 'bessel_i0', 'bessel_i0e', 'bessel_i1', 'bessel_i1e', 'rint', 'softsign', 'log_sigmoid', 'reciprocal_no_nan']:
    f = getattr(tf.math, name)
    show(name, grads(f, x)[0])

#@ unary_special_second_order
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([0.0, -0.0, 0.5, -1.5, 2.0, 1e-3, np.inf, np.nan], tf.float64)
for name in ["erf", "erfc", "lgamma", "digamma", "bessel_i0", "bessel_i0e", "bessel_i1", "bessel_i1e"]:
    f = getattr(tf.math, name)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = f(x)
        dy = t1.gradient(y, x)
    show(name, t2.gradient(dy, x))
x = tf.constant([-0.5, 0.0, 0.5], tf.float64)
for name in ["erfinv", "ndtri"]:
    f = getattr(tf.math, name)
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = f(x + 0.6) if name == "ndtri" else f(x)
        dy = t1.gradient(y, x)
    show(name, t2.gradient(dy, x))

#@ unary_special_empty_and_scalar
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for name in ["erf", "erfc", "erfinv", "ndtri", "lgamma", "digamma", "bessel_i0", "bessel_i0e", "bessel_i1", "bessel_i1e", "rint", "softsign"]:
    f = getattr(tf.math, name)
    show(name, f(tf.zeros((0, 3))))
    show(name, f(tf.constant(0.25, tf.float64)))
    show(name, grads(f, tf.constant(0.25))[0])

#@ unary_special_float16_and_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([0.0, -0.0, 0.5, 2.0, np.inf, np.nan], tf.float16)
for name in ["erf", "erfc", "lgamma", "digamma", "bessel_i0", "bessel_i0e", "bessel_i1", "bessel_i1e", "softsign"]:
    show(name, getattr(tf.math, name)(x))
for name in ["erfinv", "ndtri", "rint"]:
    err(name + " float16", lambda: getattr(tf.math, name)(x))
for name in ["erf", "lgamma", "softsign", "bessel_i1"]:
    err(name + " int32", lambda: getattr(tf.math, name)(tf.constant([1, 2])))
    err(name + " complex", lambda: getattr(tf.math, name)(tf.constant([1j])))
err("reciprocal_no_nan int32", lambda: tf.math.reciprocal_no_nan(tf.constant([1, 2])))
err("reciprocal_no_nan bool", lambda: tf.math.reciprocal_no_nan(tf.constant([True])))

#@ binary_special_values_float32
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
e = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, 1e-30, -1.0, 0.5, 2.0, 3.0])
a = tf.constant(np.repeat(e, len(e)), tf.float32)
b = tf.constant(np.tile(e, len(e)), tf.float32)
for name in ["xlogy", "xlog1py", "xdivy", "multiply_no_nan", "zeta", "polygamma", "nextafter"]:
    show(name, getattr(tf.math, name)(a, b))
for name in ["truncatediv", "truncatemod"]:
    show(name, getattr(tf, name)(a, b))
keep = ~((np.repeat(e, len(e)) == 1e30) & (np.tile(e, len(e)) == 1e30))
ga, gb = tf.constant(np.repeat(e, len(e))[keep], tf.float32), tf.constant(np.tile(e, len(e))[keep], tf.float32)
show("igamma", tf.math.igamma(ga, gb))
show("igammac", tf.math.igammac(ga, gb))

#@ binary_special_grads_float32
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
e = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, 1e-30, -1.0, 0.5, 2.0, 3.0])
a = tf.constant(np.repeat(e, len(e)), tf.float32)
b = tf.constant(np.tile(e, len(e)), tf.float32)
for name in ["xlogy", "xlog1py", "xdivy", "multiply_no_nan", "zeta", "polygamma", "nextafter"]:
    gx, gy = grads(getattr(tf.math, name), a, b)
    show(name + " dx", gx)
    show(name + " dy", gy)
gx, gy = grads(tf.truncatediv, a, b)
show("truncatediv dx", gx)
show("truncatediv dy", gy)

#@ binary_special_values_float64
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
e = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, 1e-30, -1.0, 0.5, 2.0, 3.0])
a = tf.constant(np.repeat(e, len(e)), tf.float64)
b = tf.constant(np.tile(e, len(e)), tf.float64)
for name in ["xlogy", "xlog1py", "xdivy", "multiply_no_nan", "zeta", "polygamma", "nextafter"]:
    show(name, getattr(tf.math, name)(a, b))
for name in ["truncatediv", "truncatemod"]:
    show(name, getattr(tf, name)(a, b))
keep = ~((np.repeat(e, len(e)) == 1e30) & (np.tile(e, len(e)) == 1e30))
ga, gb = tf.constant(np.repeat(e, len(e))[keep], tf.float64), tf.constant(np.tile(e, len(e))[keep], tf.float64)
show("igamma", tf.math.igamma(ga, gb))
show("igammac", tf.math.igammac(ga, gb))

#@ binary_special_grads_float64
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
e = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, 1e-30, -1.0, 0.5, 2.0, 3.0])
a = tf.constant(np.repeat(e, len(e)), tf.float64)
b = tf.constant(np.tile(e, len(e)), tf.float64)
for name in ["xlogy", "xlog1py", "xdivy", "multiply_no_nan", "zeta", "polygamma", "nextafter"]:
    gx, gy = grads(getattr(tf.math, name), a, b)
    show(name + " dx", gx)
    show(name + " dy", gy)
gx, gy = grads(tf.truncatediv, a, b)
show("truncatediv dx", gx)
show("truncatediv dy", gy)

#@ igamma_grads_at_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
e = np.array([0.0, -0.0, np.inf, np.nan, 1e-30, -1.0, 0.5, 1.0, 2.0, 7.5, 100.0])
a = tf.constant(np.repeat(e, len(e)), tf.float64)
x = tf.constant(np.tile(e, len(e)), tf.float64)
for name in ["igamma", "igammac"]:
    ga, gx = grads(getattr(tf.math, name), a, x)
    show(name + " da", ga)
    show(name + " dx", gx)

#@ igamma_second_derivative_in_x
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
a = tf.constant([0.5, 1.0, 2.0, 3.5], tf.float64)
x = tf.constant([0.3, 1.0, 2.5, 0.1], tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.igamma(a, x)
    dx = t1.gradient(y, x)
show("d2x", t2.gradient(dx, x))

#@ polygamma_zeta_float16_and_int_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
err("polygamma f16", lambda: tf.math.polygamma(tf.constant([1.0], tf.float16), tf.constant([1.0], tf.float16)))
err("zeta int", lambda: tf.math.zeta(tf.constant([2]), tf.constant([1])))
err("igamma f16", lambda: tf.math.igamma(tf.constant([1.0], tf.float16), tf.constant([1.0], tf.float16)))
err("xlogy int", lambda: tf.math.xlogy(tf.constant([1]), tf.constant([1])))
err("xlogy mixed", lambda: tf.math.xlogy(tf.constant([1.0]), tf.constant([1.0], tf.float64)))
err("nextafter f16", lambda: tf.math.nextafter(tf.constant([1.0], tf.float16), tf.constant([1.0], tf.float16)))
err("truncatediv complex", lambda: tf.truncatediv(tf.constant([1j]), tf.constant([1j])))
err("truncatediv int zero", lambda: tf.truncatediv(tf.constant([1]), tf.constant([0])))
err("truncatemod int zero", lambda: tf.truncatemod(tf.constant([1]), tf.constant([0])))
err("truncatemod int8", lambda: tf.truncatemod(tf.constant([1], tf.int8), tf.constant([1], tf.int8)))
err("truncatemod f16", lambda: tf.truncatemod(tf.constant([1.0], tf.float16), tf.constant([1.0], tf.float16)))
show("truncatediv int", tf.truncatediv(tf.constant([-7, 7, -7, 0]), tf.constant([2, -2, -2, 5])))
show("truncatemod int", tf.truncatemod(tf.constant([-7, 7, -7, 0]), tf.constant([2, -2, -2, 5])))

#@ truncatemod_has_no_gradient
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([3.5])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.truncatemod(x, 2.0)
print(tape.gradient(y, x))

#@ stop_gradient_before_truncatemod
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([3.5])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.truncatemod(tf.stop_gradient(x), 2.0) + x
print(tape.gradient(y, x))

#@ forward_mode_of_nondifferentiable_ops
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([3.5, -1.25])
for name, f in [("nextafter", lambda v: tf.math.nextafter(v, 0.0)), ("truncatediv", lambda v: tf.truncatediv(v, 2.0)), ("rint", tf.math.rint), ("erf", tf.math.erf)]:
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 2.0])) as acc:
        y = f(x)
    show(name, acc.jvp(y))

#@ betainc_edges_and_grad
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
a = tf.constant([0.0, -1.0, np.nan, np.inf, 1.0, 1.0, 1.0, 1.0, 2.0, 0.5, 3.0, 1e-30], tf.float64)
b = tf.constant([1.0, 1.0, 1.0, 1.0, 0.0, np.inf, 1.0, 1.0, 2.0, 0.5, 2.0, 1.0], tf.float64)
x = tf.constant([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.0, 1.0, 1.5, 0.3, 0.7, 0.5], tf.float64)
show("betainc", tf.math.betainc(a, b, x))
show("betainc dx", grads(lambda x: tf.math.betainc(a, b, x), x)[0])
show("betainc scalar a", tf.math.betainc(2.0, tf.constant([1.0, 3.0]), 0.5))
err("betainc shapes", lambda: tf.math.betainc(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0, 3.0]), tf.constant([0.5, 0.5])))
err("betainc dtypes", lambda: tf.math.betainc(tf.constant([1.0]), tf.constant([1.0]), tf.constant([0.5], tf.float64)))

#@ cumulative_logsumexp_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for v in [[np.nan, 1.0], [1.0, np.nan], [np.inf, np.inf], [-np.inf, np.nan], [np.nan, np.nan], [2.0, np.inf], [np.inf, -np.inf], [-np.inf, -np.inf], [3e38, 3e38], [0.0, -0.0]]:
    x = tf.constant(v)
    for kw in [{}, {"reverse": True}, {"exclusive": True}, {"exclusive": True, "reverse": True}]:
        show(str(v) + str(kw), tf.math.cumulative_logsumexp(x, **kw))
show("empty", tf.math.cumulative_logsumexp(tf.zeros((2, 0)), axis=1))
err("0-d", lambda: tf.math.cumulative_logsumexp(tf.constant(1.0)))
err("int", lambda: tf.math.cumulative_logsumexp(tf.constant([1, 2])))

#@ cumulative_logsumexp_grads_at_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for v in [[-np.inf, 1.0], [-np.inf, -np.inf], [np.inf, 1.0], [3e38, 3e38], [0.0, 1.0]]:
    x = tf.constant(v)
    for kw in [{}, {"exclusive": True}, {"reverse": True}]:
        g = grads(lambda x: tf.reduce_sum(tf.where(tf.math.is_finite(tf.math.cumulative_logsumexp(x, **kw)), tf.math.cumulative_logsumexp(x, **kw), 0.0)), x)[0]
        show(str(v) + str(kw), g)
x = tf.constant([[0.3, -0.2], [1.0, 0.5], [-0.7, 0.1]], tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = tf.math.cumulative_logsumexp(x, 0, exclusive=True, reverse=True)[:-1]
        s = tf.reduce_sum(y ** 2)
    g = t1.gradient(s, x)
    gs = tf.reduce_sum(g)
show("first", g)
show("second", t2.gradient(gs, x))

#@ reduce_logsumexp_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for v in [[np.inf, 1.0], [-np.inf, -np.inf], [np.nan, 1.0], [np.inf, -np.inf], [np.inf, np.inf], [1000.0, 1000.0], [-1000.0, -1000.0], []]:
    x = tf.constant(v)
    show(str(v), tf.math.reduce_logsumexp(x))
    show(str(v) + " grad", grads(tf.math.reduce_logsumexp, x)[0])
show("axis keepdims", tf.math.reduce_logsumexp(tf.constant([[1.0, -np.inf], [np.inf, 2.0]]), axis=1, keepdims=True))
show("0-d", tf.math.reduce_logsumexp(tf.constant(2.5)))
err("complex", lambda: tf.math.reduce_logsumexp(tf.constant([1j])))

#@ moments_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for v in [[1.0, np.inf], [np.nan, 1.0], [3e38, -3e38], [0.0, -0.0], [5.0], []]:
    x = tf.constant(v)
    show(str(v) + " var", tf.math.reduce_variance(x))
    show(str(v) + " std", tf.math.reduce_std(x))
    show(str(v) + " norm", tf.math.reduce_euclidean_norm(x))
for name in ["reduce_variance", "reduce_std", "reduce_euclidean_norm"]:
    f = getattr(tf.math, name)
    show(name + " grad", grads(f, tf.constant([1.0, 1.0, 3.0]))[0])
    show(name + " grad at 0", grads(f, tf.constant([0.0, 0.0]))[0])
    show(name + " 0-d", f(tf.constant(2.0)))
show("norm int", tf.math.reduce_euclidean_norm(tf.constant([[3, 4], [1, 1]]), axis=1))
show("norm axis", tf.math.reduce_euclidean_norm(tf.constant([[3.0, 4.0], [0.0, 0.0]]), axis=1, keepdims=True))
err("var int", lambda: tf.math.reduce_variance(tf.constant([1, 2])))
err("var bool", lambda: tf.math.reduce_variance(tf.constant([True])))
err("norm bool", lambda: tf.math.reduce_euclidean_norm(tf.constant([True])))

#@ count_nonzero_and_monotonic_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
show("count", tf.math.count_nonzero(tf.constant([np.nan, 0.0, -0.0, np.inf])))
show("count axis", tf.math.count_nonzero(tf.constant([[0, 1], [2, 0], [0, 0]]), axis=0, dtype=tf.int32))
show("count keepdims", tf.math.count_nonzero(tf.constant([[0.0, 1.0]]), axis=1, keepdims=True))
show("count complex", tf.math.count_nonzero(tf.constant([0j, 1j, 1 + 0j])))
show("count bool", tf.math.count_nonzero(tf.constant([True, False, True])))
show("count str", tf.math.count_nonzero(tf.constant(["", "a", "bc"])))
show("count empty", tf.math.count_nonzero(tf.zeros((0,))))
for v in [[1.0, np.nan, 2.0], [1.0, 1.0], [-np.inf, np.inf], [], [3.0]]:
    show(str(v) + " nondec", tf.math.is_non_decreasing(tf.constant(v)))
    show(str(v) + " incr", tf.math.is_strictly_increasing(tf.constant(v)))
show("int8 overflow", tf.math.is_non_decreasing(tf.constant([-128, 127], tf.int8)))
err("bool", lambda: tf.math.is_non_decreasing(tf.constant([True, False])))
err("complex", lambda: tf.math.is_non_decreasing(tf.constant([1j, 2j])))

#@ l2_normalize_polyval_lbeta_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for v in [[0.0, 0.0], [np.inf, 1.0], [np.nan, 1.0], [3e38, 3e38], [1e-30, 0.0]]:
    x = tf.constant(v)
    show(str(v), tf.math.l2_normalize(x))
    show(str(v) + " grad", grads(lambda x: tf.reduce_sum(tf.math.l2_normalize(x) * tf.constant([1.0, 2.0])), x)[0])
show("l2 complex", tf.math.l2_normalize(tf.constant([3 + 4j, 0j])))
err("l2 int", lambda: tf.math.l2_normalize(tf.constant([1, 2])))
show("polyval", tf.math.polyval([tf.constant(1.0), tf.constant(-2.0), tf.constant(np.inf)], tf.constant([0.0, np.nan, 2.0])))
show("polyval empty", tf.math.polyval([], tf.constant([1.0, 2.0])))
show("polyval complex", tf.math.polyval([tf.constant(1j), tf.constant(2.0 + 0j)], tf.constant([1j, 2.0])))
err("polyval tensor", lambda: tf.math.polyval(tf.constant([1.0, 2.0]), 2.0))
err("polyval mixed", lambda: tf.math.polyval([1.0, 2.0], tf.constant(2.0, tf.float64)))
show("lbeta", tf.math.lbeta(tf.constant([[1.0, 2.0], [0.0, 1.0], [np.inf, 1.0], [np.nan, 1.0], [-1.5, 2.0]])))
show("lbeta empty", tf.math.lbeta(tf.zeros((2, 0))))
show("lbeta grad", grads(tf.math.lbeta, tf.constant([[1.0, 2.0], [0.5, 3.0]]))[0])

#@ bincount_invert_permutation_in_top_k_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
show("bincount", tf.math.bincount(tf.constant([1, 1, 3])))
show("bincount float", tf.math.bincount(tf.constant([1.7, 2.2, -0.5])))
show("bincount empty", tf.math.bincount(tf.constant([], tf.int32)))
show("bincount minmax", tf.math.bincount(tf.constant([0, 4, 4]), minlength=6, maxlength=4))
show("bincount weights", tf.math.bincount(tf.constant([0, 2, 2]), weights=tf.constant([0.5, 1.0, np.inf])))
err("bincount neg", lambda: tf.math.bincount(tf.constant([-1, 2])))
err("bincount int8", lambda: tf.math.bincount(tf.constant([1], tf.int8)))
show("invert_permutation", tf.math.invert_permutation(tf.constant([2, 0, 1])))
show("invert_permutation empty", tf.math.invert_permutation(tf.constant([], tf.int32)))
err("invperm dup", lambda: tf.math.invert_permutation(tf.constant([1, 1])))
err("invperm range", lambda: tf.math.invert_permutation(tf.constant([-1, 0])))
err("invperm 2d", lambda: tf.math.invert_permutation(tf.constant([[1, 0]])))
err("invperm float", lambda: tf.math.invert_permutation(tf.constant([1.0, 0.0])))
p = tf.constant([[0.1, 0.9, 0.9], [np.nan, 1.0, 0.0], [np.inf, 1.0, 0.0], [0.5, 0.5, 0.5]])
show("in_top_k", tf.math.in_top_k(tf.constant([1, 1, 0, 2]), p, 1))
show("in_top_k k=2", tf.math.in_top_k(tf.constant([2, 2, 1, 0]), p, 2))
show("in_top_k out of range", tf.math.in_top_k(tf.constant([5, -1, 0, 0]), p, 3))
err("in_top_k float64", lambda: tf.math.in_top_k([0], tf.constant([[1.0, 2.0]], tf.float64), 1))
err("in_top_k float targets", lambda: tf.math.in_top_k(tf.constant([0.0]), tf.constant([[1.0, 2.0]]), 1))

#@ sort_scalar_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
err("sort 0-d", lambda: tf.sort(tf.constant(1.0)))
err("argsort 0-d", lambda: tf.argsort(tf.constant(1.0)))
err("top_k 0-d", lambda: tf.math.top_k(tf.constant(1.0)))
err("sort desc 0-d", lambda: tf.sort(tf.constant(1.0), direction="DESCENDING"))
err("sort int 0-d", lambda: tf.sort(tf.constant(3)))
err("sort axis out of range", lambda: tf.sort(tf.constant([1.0, 2.0]), axis=1))
err("sort axis -2", lambda: tf.sort(tf.constant([1.0, 2.0]), axis=-2))
err("sort bad direction", lambda: tf.sort(tf.constant([1.0]), direction="UP"))
err("sort tensor axis", lambda: tf.sort(tf.constant([[2.0, 1.0]]), axis=tf.constant([1])))
show("sort axis tensor scalar", tf.sort(tf.constant([[2.0, 1.0]]), axis=tf.constant(1)))
err("sort bool", lambda: tf.sort(tf.constant([True, False])))
err("sort bool desc", lambda: tf.sort(tf.constant([True, False]), direction="DESCENDING"))
err("sort complex", lambda: tf.sort(tf.constant([1j, 2j])))
err("argsort complex desc", lambda: tf.argsort(tf.constant([1j, 2j]), direction="DESCENDING"))
err("sort string", lambda: tf.sort(tf.constant(["b", "a"])))
err("top_k k<0", lambda: tf.math.top_k(tf.constant([1.0, 2.0]), -1))
err("top_k k>n", lambda: tf.math.top_k(tf.constant([1.0, 2.0]), 3))
err("top_k complex", lambda: tf.math.top_k(tf.constant([1j]), 1))
err("top_k bool", lambda: tf.math.top_k(tf.constant([True]), 1))

#@ sort_special_values
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([[3.0, np.nan, 2.0, -np.inf, np.inf, -0.0, 0.0]])
show("sort", tf.sort(x))
show("argsort", tf.argsort(x))
show("sort desc", tf.sort(x, direction="DESCENDING"))
show("argsort desc", tf.argsort(x, direction="DESCENDING"))
show("signbit", np.signbit(tf.sort(tf.constant([0.0, -0.0, 0.0, -0.0])).numpy()))
v, i = tf.math.top_k(x, 7)
show("top_k values", v)
show("top_k indices", i)
show("sort empty", tf.sort(tf.zeros((2, 0))))
show("sort empty axis0", tf.sort(tf.zeros((0, 2)), axis=0))
show("argsort empty", tf.argsort(tf.zeros((0,))))
v, i = tf.math.top_k(tf.zeros((2, 0)), 0)
show("top_k 0", v)
show("top_k 0 idx", i)
v, i = tf.math.top_k(tf.constant([[1.0, 2.0, 3.0]]), 0)
show("top_k k=0", v)
show("sort int8", tf.sort(tf.constant([127, -128, 0, -1, 1], tf.int8)))
show("argsort int8 desc", tf.argsort(tf.constant([127, -128, 0, -1, 1], tf.int8), direction="DESCENDING"))
show("sort uint8", tf.sort(tf.constant([255, 0, 7, 255], tf.uint8)))
show("sort int64", tf.sort(tf.constant([2**62, -2**63, 0], tf.int64)))
show("sort float16", tf.sort(tf.constant([np.inf, 1.0, -np.inf, 0.5], tf.float16)))
show("sort axis 0", tf.sort(tf.constant([[3, 1], [2, 5], [1, 4]]), axis=0))
show("argsort ties", tf.argsort(tf.constant([1.0, 0.0, 1.0, 0.0, 1.0])))
show("argsort ties desc", tf.argsort(tf.constant([1.0, 0.0, 1.0, 0.0, 1.0]), direction="DESCENDING"))
show("top_k ties", tf.math.top_k(tf.constant([1.0, 2.0, 2.0, 1.0]), 3).indices)
show("top_k int64 index", tf.math.top_k(tf.constant([1.0, 2.0]), 1, index_type=tf.int64).indices)

#@ sort_nan_rows_as_tf_orders_them
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
rng = np.random.default_rng(7)
rows = []
for n in [4, 9, 16, 17, 30, 64]:
    v = rng.integers(-4, 5, n).astype(np.float32)
    v[rng.random(n) < 0.3] = np.nan
    rows.append(v)
for v in rows:
    x = tf.constant(v)
    show("argsort", tf.argsort(x))
    show("argsort desc", tf.argsort(x, direction="DESCENDING"))
    show("sort", tf.sort(x))
    show("top_k all", tf.math.top_k(x, len(v)).indices)

#@ top_k_1_nan_rows_as_tf_reduces_them
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
rng = np.random.default_rng(11)
for dt in [tf.float32, tf.float64]:
    for n in [3, 5, 8, 9, 12, 16, 19, 33]:
        for trial in range(3):
            v = rng.integers(-4, 5, n).astype(np.float64)
            v[rng.random(n) < 0.3] = np.nan
            r = tf.math.top_k(tf.constant(v, dt), 1)
            show(dt.name, r.indices)
            show(dt.name, r.values)

#@ sort_gradients
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([[3.0, 1.0, 2.0, 1.0], [0.0, -0.0, np.inf, -1.0]])
w = tf.constant([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]])
show("sort", grads(lambda x: tf.sort(x) * w, x)[0])
show("sort desc", grads(lambda x: tf.sort(x, direction="DESCENDING") * w, x)[0])
show("sort axis0", grads(lambda x: tf.sort(x, axis=0) * w, x)[0])
show("top_k", grads(lambda x: tf.math.top_k(x, 2).values * tf.constant([1.0, 10.0]), x)[0])
show("argsort", grads(lambda x: tf.cast(tf.argsort(x), tf.float32) * x, x)[0])
x64 = tf.constant([2.0, -1.0, 0.5], tf.float64)
with tf.GradientTape() as t2:
    t2.watch(x64)
    with tf.GradientTape() as t1:
        t1.watch(x64)
        y = tf.reduce_sum(tf.sort(x64) ** 3 * tf.constant([1.0, 2.0, 3.0], tf.float64))
    g = t1.gradient(y, x64)
show("second", t2.gradient(g, x64))

#@ segment_special_values
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
d = tf.constant([np.nan, 1.0, 2.0, np.nan, -0.0, 0.0, np.inf, -np.inf, 3.0])
ids = tf.constant([0, 0, 1, 1, 2, 2, 3, 3, 5])
for name in ["segment_sum", "segment_prod", "segment_max", "segment_min", "segment_mean"]:
    show(name, getattr(tf.math, name)(d, ids))
uids = tf.constant([0, 0, 1, 1, 2, 2, 3, -1, 3])
for name in ["unsorted_segment_sum", "unsorted_segment_prod", "unsorted_segment_max", "unsorted_segment_min", "unsorted_segment_mean", "unsorted_segment_sqrt_n"]:
    show(name, getattr(tf.math, name)(d, uids, 6))
show("max -0 first", tf.math.segment_max(tf.constant([-0.0, 0.0]), tf.constant([0, 0])))
show("max inf", tf.math.segment_max(tf.constant([-np.inf, -np.inf]), tf.constant([0, 0])))
show("unsorted max empty int", tf.math.unsorted_segment_max(tf.constant([1, 2]), tf.constant([0, 0]), 2))
show("unsorted min empty f64", tf.math.unsorted_segment_min(tf.constant([1.0, 2.0], tf.float64), tf.constant([0, 0]), 2))
show("mean int", tf.math.segment_mean(tf.constant([-3, -4, 5]), tf.constant([0, 0, 1])))
show("unsorted mean int", tf.math.unsorted_segment_mean(tf.constant([-3, -4, 5]), tf.constant([0, 0, 1]), 3))
show("segment empty data", tf.math.segment_sum(tf.zeros((0, 2)), tf.zeros((0,), tf.int32)))
show("unsorted empty data", tf.math.unsorted_segment_max(tf.zeros((0, 2)), tf.zeros((0,), tf.int32), 2))
show("2-d ids", tf.math.unsorted_segment_sum(tf.ones((2, 2, 3)), tf.constant([[0, 1], [1, -1]]), 2))
show("int64 ids", tf.math.segment_sum(tf.constant([1.0, 2.0]), tf.constant([0, 0], tf.int64)))
show("int16 unsorted ids", tf.math.unsorted_segment_sum(tf.constant([1.0, 2.0]), tf.constant([1, 1], tf.int16), 2))

#@ segment_errors
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
d = tf.constant([1.0, 2.0, 3.0])
err("scalar", lambda: tf.math.segment_sum(tf.constant(1.0), tf.constant(0)))
err("2-d ids", lambda: tf.math.segment_sum(tf.ones((2, 2)), tf.constant([[0, 0], [1, 1]])))
err("unsorted", lambda: tf.math.segment_sum(d, tf.constant([1, 0, 0])))
err("negative", lambda: tf.math.segment_sum(d, tf.constant([-1, 0, 0])))
err("length", lambda: tf.math.segment_sum(d, tf.constant([0, 0])))
err("int8 ids", lambda: tf.math.segment_sum(d, tf.constant([0, 0, 1], tf.int8)))
err("int16 sorted ids", lambda: tf.math.segment_max(d, tf.constant([0, 0, 1], tf.int16)))
err("float ids", lambda: tf.math.unsorted_segment_sum(d, tf.constant([0.0, 0.0, 1.0]), 2))
err("out of range", lambda: tf.math.unsorted_segment_sum(d, tf.constant([0, 5, 1]), 2))
err("num negative", lambda: tf.math.unsorted_segment_sum(d, tf.constant([0, 0, 1]), -1))
err("shape", lambda: tf.math.unsorted_segment_sum(d, tf.constant([0, 0]), 2))
err("complex max", lambda: tf.math.segment_max(tf.constant([1j]), tf.constant([0])))
err("complex unsorted mean", lambda: tf.math.unsorted_segment_mean(tf.constant([1j]), tf.constant([0]), 1))
err("int sqrt_n", lambda: tf.math.unsorted_segment_sqrt_n(tf.constant([1, 2]), tf.constant([0, 0]), 1))
err("bool sum", lambda: tf.math.segment_sum(tf.constant([True]), tf.constant([0])))

#@ segment_gradients_at_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
d = tf.constant([1.0, 3.0, 3.0, 2.0, 0.0, 0.0, 5.0, 0.0, 4.0])
ids = tf.constant([0, 0, 0, 1, 2, 2, 3, 3, 5])
for name in ["segment_sum", "segment_prod", "segment_max", "segment_min", "segment_mean"]:
    show(name, grads(lambda d: getattr(tf.math, name)(d, ids) * tf.range(1.0, 7.0), d)[0])
uids = tf.constant([0, 0, 0, 1, 2, 2, -1, 3, 3])
for name in ["unsorted_segment_sum", "unsorted_segment_prod", "unsorted_segment_max", "unsorted_segment_min", "unsorted_segment_mean", "unsorted_segment_sqrt_n"]:
    show(name, grads(lambda d: getattr(tf.math, name)(d, uids, 5) * tf.range(1.0, 6.0), d)[0])
dn = tf.constant([np.nan, 1.0, 2.0, np.inf])
show("max nan", grads(lambda d: tf.math.segment_max(d, tf.constant([0, 0, 1, 1])), dn)[0])
show("unsorted prod nan", grads(lambda d: tf.math.unsorted_segment_prod(d, tf.constant([0, 0, 1, 1]), 2), dn)[0])

#@ segment_second_order
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
d = tf.constant([1.5, -2.0, 0.5, 3.0], tf.float64)
for name in ["segment_prod", "segment_max", "segment_mean"]:
    with tf.GradientTape() as t2:
        t2.watch(d)
        with tf.GradientTape() as t1:
            t1.watch(d)
            y = tf.reduce_sum(getattr(tf.math, name)(d, tf.constant([0, 0, 1, 1])) ** 2)
        g = t1.gradient(y, d)
    show(name, t2.gradient(g, d))

#@ gather_scatter_nd_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
p = tf.constant([[1.0, np.nan], [np.inf, -0.0], [3.0, 4.0]])
show("gather_nd", tf.gather_nd(p, [[2, 1], [0, 1], [1, 0]]))
show("gather_nd rows", tf.gather_nd(p, [[2], [0]]))
show("gather_nd empty", tf.gather_nd(p, tf.zeros((0, 2), tf.int32)))
show("gather_nd empty last", tf.gather_nd(p, tf.zeros((2, 0), tf.int32)))
show("gather_nd batch", tf.gather_nd(tf.constant([[1, 2], [3, 4]]), [[1], [0]], batch_dims=1))
show("scatter_nd dup", tf.scatter_nd([[1], [1], [3]], tf.constant([1.0, np.inf, -0.0]), [4]))
show("scatter_nd empty", tf.scatter_nd(tf.zeros((0, 1), tf.int32), tf.zeros((0,)), [3]))
show("scatter_nd complex", tf.scatter_nd([[0], [0]], tf.constant([1 + 1j, 2j]), [2]))
err("gather_nd oob", lambda: tf.gather_nd(p, [[3, 0]]))
err("gather_nd negative", lambda: tf.gather_nd(p, [[-1, 0]]))
err("gather_nd 0-d indices", lambda: tf.gather_nd(p, 1))
err("gather_nd scalar params", lambda: tf.gather_nd(tf.constant(1.0), [[0]]))
err("gather_nd float indices", lambda: tf.gather_nd(p, [[0.0]]))
err("scatter_nd oob", lambda: tf.scatter_nd([[4]], [1.0], [3]))
err("scatter_nd shape", lambda: tf.scatter_nd([[0]], [1.0, 2.0], [3]))

#@ tensor_scatter_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([1.0, np.nan, -0.0, np.inf])
i = [[1], [2], [1]]
u = tf.constant([5.0, 0.0, -np.inf])
for name in ["update", "add", "sub", "max", "min"]:
    show(name, getattr(tf, "tensor_scatter_nd_" + name)(x, i, u))
show("empty", tf.tensor_scatter_nd_add(x, tf.zeros((0, 1), tf.int32), tf.zeros((0,))))
show("complex add", tf.tensor_scatter_nd_add(tf.constant([1j, 2.0]), [[0]], tf.constant([1 + 1j])))
show("bool update", tf.tensor_scatter_nd_update(tf.constant([True, False]), [[1]], [True]))
err("bool add", lambda: tf.tensor_scatter_nd_add(tf.constant([True]), [[0]], [True]))
err("bool sub", lambda: tf.tensor_scatter_nd_sub(tf.constant([True]), [[0]], [True]))
err("complex max", lambda: tf.tensor_scatter_nd_max(tf.constant([1j]), [[0]], [1j]))
err("oob", lambda: tf.tensor_scatter_nd_update(x, [[4]], [1.0]))
err("dtype", lambda: tf.tensor_scatter_nd_update(x, [[0]], tf.constant([1.0], tf.float64)))

#@ gather_scatter_gradients
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
p = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
w = tf.constant([1.0, 10.0, 100.0])
g = grads(lambda p: tf.gather_nd(p, [[2, 1], [0, 1], [2, 1]]) * w, p)[0]
show("gather_nd", g)
g = grads(lambda p: tf.gather_nd(p, [[2], [2]]), p)[0]
print(type(g).__name__)
show("gather_nd rows dense", tf.convert_to_tensor(g))
u = tf.constant([1.0, 2.0, 3.0])
show("scatter_nd", grads(lambda u: tf.scatter_nd([[1], [1], [0]], u, [3]) * w, u)[0])
x = tf.constant([1.0, 5.0, 2.0, 7.0])
u = tf.constant([5.0, 1.0])
for name in ["update", "add", "sub", "max", "min"]:
    gx, gu = grads(lambda x, u: getattr(tf, "tensor_scatter_nd_" + name)(x, [[1], [2]], u) * tf.constant([1.0, 2.0, 3.0, 4.0]), x, u)
    show(name + " dx", gx)
    show(name + " du", gu)

#@ roll_repeat_reverse_sequence_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
show("roll empty", tf.roll(tf.zeros((0, 3)), 2, 1))
show("roll nan", tf.roll(tf.constant([np.nan, 1.0, np.inf]), -4, 0))
show("roll multi", tf.roll(tf.constant([[1, 2, 3], [4, 5, 6]]), [1, -1], [0, 1]))
show("roll same axis twice", tf.roll(tf.constant([1, 2, 3, 4]), [1, 2], [0, 0]))
err("roll 0-d", lambda: tf.roll(tf.constant(1.0), 1, 0))
err("roll mismatch", lambda: tf.roll(tf.constant([1.0]), [1, 1], [0]))
show("roll grad", grads(lambda x: tf.roll(x, 1, 0) * tf.constant([1.0, 2.0, 3.0]), tf.constant([1.0, 2.0, 3.0]))[0])
show("repeat", tf.repeat(tf.constant([[1.0, np.nan]]), [2, 0], axis=1))
show("repeat empty", tf.repeat(tf.zeros((0,)), 3))
show("repeat 0-d", tf.repeat(tf.constant(2.0), 3))
err("repeat uint16", lambda: tf.repeat(tf.constant([1, 2], tf.uint16), 2))
show("repeat grad", grads(lambda x: tf.repeat(x, [1, 3]) * tf.range(1.0, 5.0), tf.constant([1.0, 2.0]))[0])
show("reverse_sequence", tf.reverse_sequence(tf.constant([[1, 2, 3], [4, 5, 6]]), [0, 3], seq_axis=1, batch_axis=0))
show("sequence_mask", tf.sequence_mask(tf.constant([-1, 0, 2])))
show("sequence_mask float", tf.sequence_mask(tf.constant([1.0, 2.5])))
show("sequence_mask maxlen", tf.sequence_mask([1, 3], 2, dtype=tf.float32))
show("sequence_mask empty", tf.sequence_mask(tf.constant([], tf.int32)))
show("sequence_mask 0-d", tf.sequence_mask(tf.constant(2)))
err("sequence_mask int8", lambda: tf.sequence_mask(tf.constant([1, 2], tf.int8)))
err("sequence_mask uint8", lambda: tf.sequence_mask(tf.constant([1, 2], tf.uint8)))
err("sequence_mask bool", lambda: tf.sequence_mask(tf.constant([True])))

#@ unique_searchsorted_boolean_mask_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
y, idx = tf.unique(tf.constant([np.nan, 1.0, np.nan, -0.0, 0.0]))
show("unique nan y", y)
show("unique nan idx", idx)
y, idx, c = tf.unique_with_counts(tf.constant([3, 1, 3, 3]))
show("counts", c)
show("unique empty", tf.unique(tf.constant([], tf.float32)).y)
err("unique complex", lambda: tf.unique(tf.constant([1j])))
err("unique 2-d", lambda: tf.unique(tf.constant([[1]])))
show("searchsorted", tf.searchsorted(tf.constant([-np.inf, 0.0, 1.0, np.inf]), tf.constant([-np.inf, -0.0, 0.5, np.inf, np.nan])))
show("searchsorted right", tf.searchsorted(tf.constant([-np.inf, 0.0, 1.0, np.inf]), tf.constant([-np.inf, -0.0, 0.5, np.inf, np.nan]), side="right"))
show("searchsorted 2-d", tf.searchsorted(tf.constant([[1, 3], [2, 4]]), tf.constant([[3], [3]])))
err("searchsorted complex", lambda: tf.searchsorted(tf.constant([1j]), tf.constant([1j])))
err("searchsorted bool", lambda: tf.searchsorted(tf.constant([True]), tf.constant([True])))
show("boolean_mask", tf.boolean_mask(tf.constant([np.nan, 1.0, np.inf]), [True, False, True]))
show("boolean_mask empty", tf.boolean_mask(tf.zeros((0, 2)), tf.zeros((0,), tf.bool)))
show("boolean_mask grad", grads(lambda x: tf.boolean_mask(x, [True, False, True]) * tf.constant([2.0, 3.0]), tf.constant([1.0, 2.0, 3.0]))[0])

#@ confusion_matrix_meshgrid_misc_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
show("confusion", tf.math.confusion_matrix([0, 2, 2], [1, 2, 0]))
show("confusion n", tf.math.confusion_matrix([0, 1], [1, 1], num_classes=3, dtype=tf.float32))
show("confusion weights", tf.math.confusion_matrix([0, 1], [1, 1], weights=tf.constant([0.5, np.inf])))
show("confusion empty", tf.math.confusion_matrix(tf.constant([], tf.int32), tf.constant([], tf.int32), num_classes=2))
err("confusion out of range", lambda: tf.math.confusion_matrix([0, 3], [1, 1], num_classes=3))
err("confusion negative", lambda: tf.math.confusion_matrix([-1], [0]))
show("accumulate_n", tf.math.accumulate_n([tf.constant([1.0, np.inf]), tf.constant([np.nan, -np.inf])]))
for g in tf.meshgrid(tf.constant([1.0, np.nan]), tf.zeros((0,))):
    show("meshgrid empty", g)
for g in tf.meshgrid([1, 2], [3, 4, 5], indexing="ij"):
    show("meshgrid ij", g)
x, y = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0, 5.0])
gx, gy = grads(lambda x, y: tf.meshgrid(x, y)[0] * tf.meshgrid(x, y)[1], x, y)
show("meshgrid dx", gx)
show("meshgrid dy", gy)
show("reverse_sequence grad", grads(lambda v: tf.reverse_sequence(v, [2, 3], seq_axis=1, batch_axis=0) * tf.reshape(tf.range(1.0, 7.0), (2, 3)), tf.ones((2, 3)))[0])
show("reverse_sequence empty", tf.reverse_sequence(tf.zeros((2, 0)), [0, 0], seq_axis=1))

#@ norm_clipping_edges
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
for v in [[0.0, 0.0], [np.inf, 1.0], [np.nan, 1.0], [3e38, 3e38], [3.0, 4.0]]:
    x = tf.constant(v)
    show(str(v) + " clip_by_norm", tf.clip_by_norm(x, 1.0))
    show(str(v) + " clip grad", grads(lambda x: tf.clip_by_norm(x, 1.0) * tf.constant([1.0, 2.0]), x)[0])
    show(str(v) + " global_norm", tf.linalg.global_norm([x]))
    out, n = tf.clip_by_global_norm([x, tf.constant([1.0])], 1.0)
    show(str(v) + " clip_by_global_norm", out[0])
show("global_norm empty", tf.linalg.global_norm([]))
show("global_norm none", tf.linalg.global_norm([None, tf.constant([3.0, 4.0])]))
err("clip int", lambda: tf.clip_by_norm(tf.constant([1, 2]), 1))
err("global_norm complex", lambda: tf.linalg.global_norm([tf.constant([1j])]))
err("global_norm tensor", lambda: tf.linalg.global_norm(tf.constant([1.0])))

#@ complex_values
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([0j, 1 + 2j, -3 + 0.5j, 2j, np.inf + 0j])
y = tf.constant([0j, 0.5 - 1j, 2 + 2j, 0j, 1 + 0j])
for name in ["xlogy", "xlog1py", "xdivy", "multiply_no_nan"]:
    show(name, getattr(tf.math, name)(x, y))
show("reduce_euclidean_norm", tf.math.reduce_euclidean_norm(x[1:4]))
show("reduce_variance", tf.math.reduce_variance(x[:4]))
show("reduce_std", tf.math.reduce_std(x[:4]))
show("l2_normalize", tf.math.l2_normalize(x[:4]))
show("segment_sum", tf.math.segment_sum(x, tf.constant([0, 0, 1, 1, 2])))
show("segment_prod", tf.math.segment_prod(x, tf.constant([0, 0, 1, 1, 2])))
show("segment_mean", tf.math.segment_mean(x, tf.constant([0, 0, 1, 1, 2])))
show("unsorted_segment_sum", tf.math.unsorted_segment_sum(x, tf.constant([1, 0, 1, -1, 0]), 3))
show("unsorted_segment_prod", tf.math.unsorted_segment_prod(x, tf.constant([1, 0, 1, -1, 0]), 3))
show("gather_nd", tf.gather_nd(x, [[1], [4]]))
show("tensor_scatter_nd_sub", tf.tensor_scatter_nd_sub(x, [[1]], tf.constant([1j])))
show("roll", tf.roll(x, 1, 0))
show("count_nonzero", tf.math.count_nonzero(x))
show("reciprocal_no_nan", tf.math.reciprocal_no_nan(x))
err("clip_by_norm complex", lambda: tf.clip_by_norm(x, 1.0))
err("sort complex", lambda: tf.sort(x))
err("segment_max complex", lambda: tf.math.segment_max(x, tf.constant([0, 0, 1, 1, 2])))
err("tensor_scatter_nd_min complex", lambda: tf.tensor_scatter_nd_min(x, [[0]], tf.constant([1j])))
err("zeta complex", lambda: tf.math.zeta(x, x))
err("cumulative_logsumexp complex", lambda: tf.math.cumulative_logsumexp(x))

#@ complex_gradients
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([1 + 2j, -3 + 0.5j, 2j])
y = tf.constant([0.5 - 1j, 2 + 2j, 1 + 1j])
for name in ["xlogy", "xlog1py", "xdivy", "multiply_no_nan"]:
    gx, gy = grads(getattr(tf.math, name), x, y)
    show(name + " dx", gx)
    show(name + " dy", gy)
for name, f in [("reduce_euclidean_norm", tf.math.reduce_euclidean_norm),
                ("reduce_variance", tf.math.reduce_variance),
                ("reduce_std", tf.math.reduce_std),
                ("l2_normalize", lambda v: tf.reduce_sum(tf.math.l2_normalize(v) * tf.constant([1j, 2.0, 1.0 + 0j]))),
                ("segment_sum", lambda v: tf.math.segment_sum(v, tf.constant([0, 0, 1])) * tf.constant([2j, 1.0])),
                ("segment_prod", lambda v: tf.math.segment_prod(v, tf.constant([0, 0, 1]))),
                ("segment_mean", lambda v: tf.math.segment_mean(v, tf.constant([0, 0, 1]))),
                ("unsorted_segment_prod", lambda v: tf.math.unsorted_segment_prod(v, tf.constant([1, 1, 0]), 2)),
                ("gather_nd", lambda v: tf.gather_nd(v, [[2], [0], [2]]) * tf.constant([1j, 2.0, 3.0])),
                ("scatter_nd", lambda v: tf.scatter_nd([[1], [1], [0]], v, [2]) * tf.constant([1j, 2.0])),
                ("tensor_scatter_nd_add", lambda v: tf.tensor_scatter_nd_add(v, [[0]], tf.constant([1j]))),
                ("roll", lambda v: tf.roll(v, 1, 0) * tf.constant([1j, 2.0, 3.0])),
                ("polyval", lambda v: tf.math.polyval([v, v], tf.constant(2j))),
                ("reciprocal_no_nan", tf.math.reciprocal_no_nan),
                ("repeat", lambda v: tf.repeat(v, [2, 0, 1]) * tf.constant([1j, 2.0, 3.0])),
                ("boolean_mask", lambda v: tf.boolean_mask(v, [True, False, True]) * tf.constant([1j, 2.0])),
                ("tensor_scatter_nd_update", lambda v: tf.tensor_scatter_nd_update(v, [[1]], tf.constant([5j])) * tf.constant([1j, 2.0, 3.0]))]:
    show(name, grads(f, x)[0])

#@ complex_real_loss_gradients
def show(label, t):
    if t is None:
        print(label, None)
        return
    if isinstance(t, tf.IndexedSlices):
        print(label, "IndexedSlices", t.indices.numpy().tolist(), t.dense_shape.numpy().tolist())
        t = tf.convert_to_tensor(t)
    v = np.asarray(t)
    flat = lambda a: np.array2string(a.reshape(-1), precision=10, separator=",", max_line_width=10**6, threshold=10**6)
    if v.dtype.kind == "c":
        print(label, t.dtype.name, list(v.shape), "re", flat(v.real), "im", flat(v.imag))
    else:
        print(label, t.dtype.name, list(v.shape), flat(v))
def err(label, f):
    try:
        out = f()
        print(label, "ok", getattr(out, "dtype", None))
    except Exception as e:
        print(label, type(e).__name__)
def grads(f, *xs):
    with tf.GradientTape(persistent=True) as tape:
        for x in xs:
            tape.watch(x)
        y = f(*xs)
    return [tape.gradient(y, x) for x in xs]
x = tf.constant([1 + 2j, -3 + 0.5j, 2j])
y = tf.constant([0.5 - 1j, 2 + 2j, 1 + 1j])
for name in ["xlogy", "xdivy", "multiply_no_nan"]:
    gx, gy = grads(lambda a, b: tf.reduce_sum(tf.abs(getattr(tf.math, name)(a, b)) ** 2), x, y)
    show(name + " dx", gx)
    show(name + " dy", gy)
show("euclidean_norm real", grads(lambda v: tf.math.real(tf.math.reduce_euclidean_norm(v)), x)[0])
show("variance", grads(lambda v: tf.math.reduce_variance(v), x)[0])
