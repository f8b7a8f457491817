# Keras 3 saving: `.keras` zips (config.json, model.weights.h5, metadata.json), `.weights.h5`
# files (their h5 layout), get_config/from_config, to_json, clone_model and the errors. Files go
# to temporary directories; only relative names and values are printed.

#@ keras_zip_layout
import os, json, tempfile, zipfile
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, kernel_initializer="ones")])
m.compile("adam", "mse", metrics=["mae"])
m.fit(np.ones((4, 3)), np.zeros((4, 2)), verbose=0)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "m.keras")
    m.save(path)
    with zipfile.ZipFile(path) as z:
        print(sorted(z.namelist()))
        meta = json.loads(z.read("metadata.json"))
        print(sorted(meta)[:1], meta["keras_version"][:1])
        cfg = json.loads(z.read("config.json"))
    print(sorted(cfg), cfg["class_name"], cfg["module"], cfg["build_config"])
    print(cfg["compile_config"]["loss"], cfg["compile_config"]["metrics"], cfg["compile_config"]["optimizer"]["class_name"])
    print([l["class_name"] for l in cfg["config"]["layers"]])

#@ weights_h5_layout_sequential
import os, tempfile, h5py
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, name="hidden"), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dropout(0.1), tf.keras.layers.Dense(1)])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "w.weights.h5")
    m.save_weights(path)
    with h5py.File(path) as f:
        items = []
        f.visititems(lambda name, obj: items.append((name, getattr(obj, "shape", None), dict(obj.attrs))))
    for it in items:
        print(it)

#@ weights_h5_layout_functional_compiled
import os, tempfile, h5py
tf.keras.backend.clear_session()
inp = tf.keras.Input((4,))
x = tf.keras.layers.Dense(3, name="a")(inp)
out = tf.keras.layers.Dense(2, name="b")(x)
m = tf.keras.Model(inp, out)
m.compile("adam", "mse")
m.fit(np.ones((2, 4)), np.ones((2, 2)), verbose=0)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "w.weights.h5")
    m.save_weights(path)
    with h5py.File(path) as f:
        names = []
        f.visit(names.append)
    print(names)

#@ weights_h5_layout_subclassed_and_rnn
import os, tempfile, h5py
tf.keras.backend.clear_session()
class M(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.rnn = tf.keras.layers.LSTM(2)
        self.blocks = [tf.keras.layers.Dense(2), tf.keras.layers.Dense(1)]
    def call(self, x):
        return self.blocks[1](self.blocks[0](self.rnn(x)))
m = M()
m(np.ones((1, 3, 2), "float32"))
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "w.weights.h5")
    m.save_weights(path)
    with h5py.File(path) as f:
        names = []
        f.visititems(lambda n, o: names.append((n, getattr(o, "shape", None))))
    print(names)

#@ save_load_keras_roundtrip_predictions
import os, tempfile
tf.keras.backend.clear_session()
inp = tf.keras.Input((6, 6, 1))
x = tf.keras.layers.Conv2D(2, 3, activation="relu", kernel_initializer="ones")(inp)
x = tf.keras.layers.MaxPooling2D()(x)
x = tf.keras.layers.Flatten()(x)
out = tf.keras.layers.Dense(3, activation="softmax", kernel_initializer="ones")(x)
m = tf.keras.Model(inp, out, name="net")
m.compile(tf.keras.optimizers.SGD(0.01, momentum=0.5), "sparse_categorical_crossentropy", metrics=["accuracy"])
xs = np.linspace(0, 1, 4 * 36, dtype="float32").reshape(4, 6, 6, 1); ys = np.array([0, 1, 2, 1])
m.fit(xs, ys, epochs=2, verbose=0)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "net.keras")
    m.save(path)
    m2 = tf.keras.models.load_model(path)
print(m2.name, [l.name for l in m2.layers], m2.compiled if hasattr(m2, "compiled") else None)
print(np.abs(m2.predict(xs, verbose=0) - m.predict(xs, verbose=0)).max())
print(int(m2.optimizer.iterations.numpy()), type(m2.optimizer).__name__, float(m2.optimizer.learning_rate.numpy()))
print(m2.evaluate(xs, ys, verbose=0))
h = m2.fit(xs, ys, epochs=1, verbose=0)
h1 = m.fit(xs, ys, epochs=1, verbose=0)
print(h.history == h1.history, h.history)

#@ save_load_sequential_no_compile
import os, tempfile
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3, activation="tanh", kernel_initializer="ones"), tf.keras.layers.Dense(1)], name="plain")
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "plain.keras")
    m.save(path)
    m2 = tf.keras.models.load_model(path)
    m3 = tf.keras.models.load_model(path, compile=False)
print(type(m2).__name__, m2.name, m2.optimizer, m3.optimizer)
print(np.array_equal(m2.predict(np.ones((2, 2)), verbose=0), m.predict(np.ones((2, 2)), verbose=0)))
m2.summary()

#@ save_weights_load_weights
import os, tempfile
tf.keras.backend.clear_session()
def make():
    return tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3), tf.keras.layers.Dense(1)])
a, b = make(), make()
a.set_weights([np.full(w.shape, i + 1.0, "float32") for i, w in enumerate(a.get_weights())])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "a.weights.h5")
    a.save_weights(path)
    b.load_weights(path)
print([w.tolist() for w in b.get_weights()])

#@ load_weights_mismatch
import os, tempfile
tf.keras.backend.clear_session()
a = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3)])
b = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(4)])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "a.weights.h5")
    a.save_weights(path)
    b.load_weights(path)

#@ save_weights_bad_extension
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3)])
m.save_weights("weights.h5py")

#@ save_bad_extension
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3)])
m.save("model.zip")

#@ load_model_missing_file
tf.keras.models.load_model("/nonexistent/dir/model.keras")

#@ to_json_and_model_from_json
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(2, activation="relu", name="d")], name="j")
import json
js = m.to_json()
d = json.loads(js)
print(sorted(d), d["class_name"], d["config"]["name"])
m2 = tf.keras.models.model_from_json(js)
print(type(m2).__name__, m2.name, [l.name for l in m2.layers], m2.layers[0].units, m2.output_shape)

#@ clone_model_fresh_weights
tf.keras.backend.clear_session()
inp = tf.keras.Input((2,), name="i")
out = tf.keras.layers.Dense(2, kernel_initializer="ones", name="d")(inp)
m = tf.keras.Model(inp, out, name="orig")
c = tf.keras.models.clone_model(m)
print(type(c).__name__, c.name, [l.name for l in c.layers], c.layers[1].kernel is m.layers[1].kernel)
print(c.predict(np.ones((1, 2)), verbose=0), m.predict(np.ones((1, 2)), verbose=0))

#@ layer_serialize_deserialize
tf.keras.backend.clear_session()
d = tf.keras.layers.Dense(3, activation="sigmoid", use_bias=False, name="dd")
s = tf.keras.layers.serialize(d)
print(sorted(s), s["class_name"], s["module"], s["config"]["activation"], s["config"]["use_bias"])
d2 = tf.keras.layers.deserialize(s)
print(type(d2).__name__, d2.name, d2.use_bias)
init = tf.keras.initializers.Constant(0.5)
print(tf.keras.utils.serialize_keras_object(init), hasattr(tf.keras, "saving"))

#@ register_custom_layer
import os, tempfile
tf.keras.backend.clear_session()
@tf.keras.utils.register_keras_serializable(package="demo")
class Scale(tf.keras.layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w")
    def call(self, x):
        return x * self.w * self.factor
    def get_config(self):
        return {**super().get_config(), "factor": self.factor}
m = tf.keras.Sequential([tf.keras.Input((2,)), Scale(3.0)])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "c.keras")
    m.save(path)
    m2 = tf.keras.models.load_model(path)
print(type(m2.layers[0]).__name__, m2.layers[0].factor, m2.predict(np.array([[1.0, 2.0]]), verbose=0))

#@ lambda_layer_unsafe_load
import os, tempfile
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Lambda(lambda t: t + 1)])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "l.keras")
    m.save(path)
    tf.keras.models.load_model(path)

#@ checkpoint_weights_only_callback_roundtrip
import os, tempfile
tf.keras.backend.clear_session()
def make():
    m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
    m.compile(tf.keras.optimizers.SGD(0.1), "mse")
    return m
m = make()
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "ck.weights.h5")
    m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=3, verbose=0, callbacks=[tf.keras.callbacks.ModelCheckpoint(path, save_weights_only=True)])
    m2 = make()
    m2.load_weights(path)
print(m2.get_weights(), m.get_weights())
