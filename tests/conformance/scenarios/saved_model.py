# tf.saved_model.save / load of tf.Modules with traced tf.functions: the loaded object's
# attributes, restored functions (dispatch by input signature), signatures, variables,
# gradients through loaded functions, control flow and state in saved functions, errors.
# Each scenario saves into its own temporary directory (tapeflow writes its own format; TF its
# protocol buffers: scenarios print what a user sees of the round trip, not the files).

#@ save_load_call
import tempfile
class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable([[1.0, -1.0], [0.5, 2.0]], name="w")
        self.b = tf.Variable([0.1, 0.2], name="b")
    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def __call__(self, x):
        return tf.nn.bias_add(tf.matmul(x, self.w), self.b)
m = Model()
d = tempfile.mkdtemp()
tf.saved_model.save(m, d)
loaded = tf.saved_model.load(d)
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(loaded(x))
print(m(x))
print(loaded.w)
print(loaded.b.trainable, loaded.w.shape, loaded.w.dtype)

#@ loaded_object_attributes
import tempfile
class Inner(tf.Module):
    def __init__(self):
        super().__init__()
        self.k = tf.Variable(3.0, name="k")
class Outer(tf.Module):
    def __init__(self):
        super().__init__()
        self.inner = Inner()
        self.layers = [Inner(), Inner()]
        self.table = {"a": tf.Variable(1, name="a"), "b": tf.Variable(2, name="b")}
        self.frozen = tf.Variable(0.5, trainable=False, name="frozen")
        self.note = "not saved"
    @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
    def f(self, x):
        return x * self.inner.k + self.frozen
m = Outer()
d = tempfile.mkdtemp()
tf.saved_model.save(m, d)
loaded = tf.saved_model.load(d)
print(type(loaded).__name__)
print(sorted(k for k in vars(loaded) if k in ("inner", "layers", "table", "frozen", "note", "f")))
print(loaded.inner.k, len(loaded.layers), loaded.layers[1].k.numpy())
print(sorted(loaded.table), loaded.table["b"].numpy(), loaded.frozen.trainable)
print(loaded.f(tf.constant(2.0)))
print(hasattr(loaded, "note"), hasattr(loaded, "trainable_variables"))

#@ default_serving_signature
import tempfile
class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.v = tf.Variable(2.0)
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32, name="inputs")])
    def __call__(self, inputs):
        return inputs * self.v
m = Model()
d = tempfile.mkdtemp()
tf.saved_model.save(m, d)
loaded = tf.saved_model.load(d)
print(list(loaded.signatures.keys()))
sig = loaded.signatures["serving_default"]
print(sig.structured_input_signature)
print(sig.structured_outputs)
print(sig(inputs=tf.constant([1.0, 2.0])))
print(sig(tf.constant([3.0])))

#@ explicit_signatures_dict_outputs
import tempfile
class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.scale = tf.Variable(10.0)
    @tf.function(input_signature=[tf.TensorSpec([2], tf.float32, name="a"),
                                  tf.TensorSpec([2], tf.float32, name="b")])
    def combine(self, a, b):
        return {"sum": (a + b) * self.scale, "prod": a * b}
    @tf.function
    def pair(self, x):
        return x + 1.0, x - 1.0
m = Model()
d = tempfile.mkdtemp()
tf.saved_model.save(m, d, signatures={
    "combine": m.combine,
    "pair": m.pair.get_concrete_function(tf.TensorSpec([], tf.float32, name="x"))})
loaded = tf.saved_model.load(d)
print(sorted(loaded.signatures.keys()))
out = loaded.signatures["combine"](a=tf.constant([1.0, 2.0]), b=tf.constant([3.0, 4.0]))
print(sorted(out.items()))
print(sorted(loaded.signatures["pair"](x=tf.constant(5.0)).items()))
print(sorted(loaded.signatures["pair"].structured_outputs.items()))

#@ single_concrete_function_signature
import tempfile
m = tf.Module()
m.v = tf.Variable([1.0, 2.0, 3.0])
fn = tf.function(lambda x: tf.reduce_sum(x * m.v))
d = tempfile.mkdtemp()
tf.saved_model.save(m, d, signatures=fn.get_concrete_function(tf.TensorSpec([3], tf.float32)))
loaded = tf.saved_model.load(d)
print(list(loaded.signatures))
print(loaded.signatures["serving_default"](tf.constant([1.0, 1.0, 1.0])))

#@ restored_function_dispatch
import tempfile
class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.k = tf.Variable(3.0)
    @tf.function
    def scale(self, x, factor=2.0):
        return {"y": x * self.k * factor}
m = Model()
m.scale(tf.constant(1.0))
m.scale(tf.constant([1.0, 2.0]), factor=3.0)
d = tempfile.mkdtemp()
tf.saved_model.save(m, d)
loaded = tf.saved_model.load(d)
print(loaded.scale(tf.constant(2.0)))
print(loaded.scale(tf.constant([2.0, 3.0]), factor=3.0))
print(loaded.scale(tf.constant([2.0, 3.0]), 3.0))
print(len(loaded.scale.concrete_functions))
try:
    loaded.scale(tf.constant(2.0), factor=5.0)
except ValueError as e:
    print(str(e).splitlines()[0])
try:
    loaded.scale(tf.constant([1.0, 2.0, 3.0]), factor=3.0)
except ValueError as e:
    print(str(e).splitlines()[0])

#@ untraced_function_with_input_signature_is_saved
import tempfile
m = tf.Module()
m.v = tf.Variable(4.0)
m.half = tf.function(lambda x: x * m.v / 2.0, input_signature=[tf.TensorSpec([], tf.float32)])
d = tempfile.mkdtemp()
tf.saved_model.save(m, d)
loaded = tf.saved_model.load(d)
print(loaded.half(tf.constant(3.0)))
print(list(loaded.signatures))

#@ gradients_through_loaded_functions
import tempfile
class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable([1.0, -2.0, 0.5], name="w")
    @tf.function(input_signature=[tf.TensorSpec([3], tf.float32)])
    def loss(self, x):
        return tf.reduce_sum(tf.tanh(self.w * x) ** 2)
m = Model()
d = tempfile.mkdtemp()
tf.saved_model.save(m, d)
loaded = tf.saved_model.load(d)
x = tf.constant([0.3, 0.1, -0.7])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    y = loaded.loss(x)
print(y)
print(tape.gradient(y, loaded.w))
print(tape.gradient(y, x))
with tf.GradientTape() as outer:
    with tf.GradientTape() as inner:
        z = loaded.loss(x)
    g = inner.gradient(z, loaded.w)
    s = tf.reduce_sum(g)
print(outer.gradient(s, loaded.w))

#@ training_a_loaded_model
import tempfile
class Linear(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable(0.0, name="w")
        self.b = tf.Variable(0.0, name="b")
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def __call__(self, x):
        return self.w * x + self.b
d = tempfile.mkdtemp()
tf.saved_model.save(Linear(), d)
loaded = tf.saved_model.load(d)
xs = tf.constant([0.0, 1.0, 2.0, 3.0])
ys = 2.0 * xs - 1.0
for _ in range(100):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum((loaded(xs) - ys) ** 2) / 4.0
    gw, gb = tape.gradient(loss, [loaded.w, loaded.b])
    loaded.w.assign_sub(0.1 * gw)
    loaded.b.assign_sub(0.1 * gb)
print(round(float(loaded.w.numpy()), 3), round(float(loaded.b.numpy()), 3))

#@ control_flow_in_saved_function
import tempfile
class Model(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([], tf.float32), tf.TensorSpec([], tf.int32)])
    def power_or_neg(self, x, n):
        if x > 0:
            result = tf.constant(1.0)
            for _ in tf.range(n):
                result = result * x
        else:
            result = -x
        return result
m = Model()
d = tempfile.mkdtemp()
tf.saved_model.save(m, d)
loaded = tf.saved_model.load(d)
print(loaded.power_or_neg(tf.constant(2.0), tf.constant(5)))
print(loaded.power_or_neg(tf.constant(-3.0), tf.constant(5)))
x = tf.constant(1.5)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = loaded.power_or_neg(x, tf.constant(3))
print(tape.gradient(y, x))

#@ state_updates_in_saved_function
import tempfile
class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.count = tf.Variable(0, name="count")
        self.total = tf.Variable(0.0, name="total")
    @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
    def add(self, x):
        self.count.assign_add(1)
        self.total.assign_add(x)
        return self.total / tf.cast(self.count, tf.float32)
c = Counter()
c.add(tf.constant(4.0))
d = tempfile.mkdtemp()
tf.saved_model.save(c, d)
loaded = tf.saved_model.load(d)
print(loaded.count.numpy(), loaded.total.numpy())
print(loaded.add(tf.constant(2.0)), loaded.add(tf.constant(6.0)))
print(loaded.count.numpy(), c.count.numpy())

#@ resave_loaded_object
import tempfile
class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.v = tf.Variable([1.0, 2.0])
    @tf.function(input_signature=[tf.TensorSpec([2], tf.float32)])
    def __call__(self, x):
        return x * self.v
d1, d2 = tempfile.mkdtemp(), tempfile.mkdtemp()
tf.saved_model.save(Model(), d1)
first = tf.saved_model.load(d1)
first.v.assign([10.0, 20.0])
tf.saved_model.save(first, d2)
second = tf.saved_model.load(d2)
print(second(tf.constant([1.0, 1.0])))
print(list(second.signatures))

#@ contains_saved_model
import os
import tempfile
d = tempfile.mkdtemp()
print(tf.saved_model.contains_saved_model(d))
m = tf.Module()
m.v = tf.Variable(1.0)
tf.saved_model.save(m, d)
print(tf.saved_model.contains_saved_model(d))
print(tf.saved_model.load(d).v.numpy())

#@ load_missing_directory
import os
import tempfile
tf.saved_model.load(os.path.join(tempfile.mkdtemp(), "nothing"))

#@ save_non_trackable_is_error
import tempfile
tf.saved_model.save([tf.Variable(1.0)], tempfile.mkdtemp())

#@ save_inside_tf_function_is_error
import tempfile
d = tempfile.mkdtemp()
m = tf.Module()
@tf.function
def f():
    tf.saved_model.save(m, d)
    return 1
f()

#@ untracked_variable_capture_is_error
import tempfile
hidden = tf.Variable(5.0)
m = tf.Module()
m.f = tf.function(lambda x: x * hidden, input_signature=[tf.TensorSpec([], tf.float32)])
tf.saved_model.save(m, tempfile.mkdtemp())
