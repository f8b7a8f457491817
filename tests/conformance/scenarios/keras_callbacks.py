# Keras 3 callbacks: the order fit/evaluate/predict call the hooks in, History, EarlyStopping,
# ModelCheckpoint, LearningRateScheduler, ReduceLROnPlateau, CSVLogger, LambdaCallback,
# TerminateOnNaN, BackupAndRestore and ProgbarLogger. Models have fixed initial weights and
# shuffle=False; files go to temporary directories and only relative names are printed.

#@ hook_order_fit_with_validation
tf.keras.backend.clear_session()
class Log(tf.keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.events = []
    def _add(self, name, *args):
        self.events.append(name + ("" if not args or args[0] is None else f"({args[0]})"))
for hook in ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end", "on_train_batch_begin",
             "on_train_batch_end", "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end",
             "on_predict_begin", "on_predict_end", "on_predict_batch_begin", "on_predict_batch_end"]:
    def make(h):
        if h.endswith(("_begin", "_end")) and ("epoch" in h or "batch" in h):
            return lambda self, i, logs=None: self._add(h, i)
        return lambda self, logs=None: self._add(h)
    setattr(Log, hook, make(hook))
log = Log()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
m.fit(np.ones((4, 1)), np.ones((4, 1)), batch_size=2, epochs=2, validation_data=(np.ones((2, 1)), np.ones((2, 1))), verbose=0, callbacks=[log])
print(log.events)
log.events.clear()
m.evaluate(np.ones((3, 1)), np.ones((3, 1)), batch_size=2, verbose=0, callbacks=[log])
m.predict(np.ones((3, 1)), batch_size=2, verbose=0, callbacks=[log])
print(log.events)

#@ logs_passed_to_hooks
tf.keras.backend.clear_session()
seen = []
class C(tf.keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        seen.append(("batch", batch, sorted(logs.items())))
    def on_epoch_end(self, epoch, logs=None):
        seen.append(("epoch", epoch, sorted(logs.items())))
    def on_test_end(self, logs=None):
        seen.append(("test", sorted(logs.items())))
    def on_predict_batch_end(self, batch, logs=None):
        seen.append(("predict", batch, sorted(logs), type(logs["outputs"]).__name__))
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", metrics=["mae"])
m.fit(np.array([[1.0], [2.0], [3.0]]), np.zeros((3, 1)), batch_size=2, epochs=1, validation_split=0.34, shuffle=False, verbose=0, callbacks=[C()])
m.predict(np.ones((1, 1)), verbose=0, callbacks=[C()])
for s in seen:
    print(s)

#@ callback_model_and_params
tf.keras.backend.clear_session()
class C(tf.keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        print(self.model.name, sorted(self.params.items()))
    def on_test_begin(self, logs=None):
        print("test", sorted(self.params.items()))
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)], name="cbmodel")
m.compile("sgd", "mse")
m.fit(np.ones((5, 1)), np.ones((5, 1)), batch_size=2, epochs=3, verbose=0, callbacks=[C()])
m.evaluate(np.ones((5, 1)), np.ones((5, 1)), batch_size=4, verbose=0, callbacks=[C()])

#@ history_object
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
h = m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=2, verbose=0)
print(type(h).__name__, h is m.history, h.epoch, h.history, h.params)
print(isinstance(h, tf.keras.callbacks.Callback), h.model is m)
hist = tf.keras.callbacks.History()
m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=1, verbose=0, callbacks=[hist])
print(hist.history, m.history is hist)

#@ stop_training_from_callback
tf.keras.backend.clear_session()
class Stop(tf.keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        if batch == 1:
            self.model.stop_training = True
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
h = m.fit(np.ones((8, 1)), np.zeros((8, 1)), batch_size=2, epochs=5, verbose=0, callbacks=[Stop()])
print(h.epoch, int(m.optimizer.iterations.numpy()), h.history)

#@ early_stopping_patience
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.9), "mse")
x = np.array([[1.0], [2.0]]); y = np.array([[3.0], [-1.0]])
es = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=2, verbose=1)
h = m.fit(x, y, epochs=20, verbose=0, callbacks=[es])
print(h.epoch, es.stopped_epoch, es.wait, es.best)
print(h.history["loss"])

#@ early_stopping_restore_best_weights
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.9), "mse")
x = np.array([[1.0], [2.0]]); y = np.array([[3.0], [-1.0]])
es = tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=1, restore_best_weights=True, verbose=1)
h = m.fit(x, y, epochs=10, validation_data=(x, y), verbose=0, callbacks=[es])
print(h.epoch, es.best_epoch, es.best)
print(h.history["val_loss"])
print(m.get_weights())

#@ early_stopping_modes_and_baseline
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, activation="softmax", kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.5), "sparse_categorical_crossentropy", metrics=["accuracy"])
x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]); y = np.array([0, 1, 1])
es = tf.keras.callbacks.EarlyStopping(monitor="accuracy", patience=1)
h = m.fit(x, y, epochs=6, verbose=0, callbacks=[es])
print(h.epoch, h.history["accuracy"])
es2 = tf.keras.callbacks.EarlyStopping(monitor="loss", baseline=0.0001, patience=2, min_delta=0.01, mode="min")
h = m.fit(x, y, epochs=6, verbose=0, callbacks=[es2])
print(h.epoch, es2.wait)

#@ early_stopping_unknown_metric_direction
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
m.compile("sgd", "mse", metrics=["mae"])
m.fit(np.ones((2, 1)), np.ones((2, 1)), epochs=2, verbose=0, callbacks=[tf.keras.callbacks.EarlyStopping(monitor="mae")])

#@ model_checkpoint_best_only
import os, tempfile
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.9), "mse")
x = np.array([[1.0], [2.0]]); y = np.array([[3.0], [-1.0]])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "best.weights.h5")
    ck = tf.keras.callbacks.ModelCheckpoint(path, monitor="loss", save_best_only=True, save_weights_only=True, verbose=1)
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        m.fit(x, y, epochs=4, verbose=0, callbacks=[ck])
    print(buf.getvalue().replace(d, "<tmp>"))
    print(sorted(os.listdir(d)), ck.best)

#@ model_checkpoint_epoch_names
import os, tempfile
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
with tempfile.TemporaryDirectory() as d:
    ck = tf.keras.callbacks.ModelCheckpoint(os.path.join(d, "m-{epoch:02d}-{loss:.3f}.keras"))
    m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=3, verbose=0, callbacks=[ck])
    print(sorted(os.listdir(d)))
    loaded = tf.keras.models.load_model(os.path.join(d, sorted(os.listdir(d))[-1]))
    print(loaded.predict(np.ones((1, 1)), verbose=0), m.predict(np.ones((1, 1)), verbose=0))

#@ model_checkpoint_bad_paths
for args in [dict(filepath="x.h5py"), dict(filepath="w.keras", save_weights_only=True)]:
    try:
        tf.keras.callbacks.ModelCheckpoint(**args)
    except ValueError as e:
        print("ValueError", e)
tf.keras.callbacks.ModelCheckpoint("m.keras", save_freq="never")

#@ learning_rate_scheduler
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
def schedule(epoch, lr):
    return lr if epoch < 1 else lr * 0.5
import io, contextlib
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    h = m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=3, verbose=0, callbacks=[tf.keras.callbacks.LearningRateScheduler(schedule, verbose=1)])
print(buf.getvalue())
print(h.history)
print(m.optimizer.learning_rate)

#@ learning_rate_scheduler_one_argument
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "mse")
h = m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=2, verbose=0, callbacks=[tf.keras.callbacks.LearningRateScheduler(lambda epoch: 0.01 * (epoch + 1))])
print(h.history)

#@ reduce_lr_on_plateau
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.9), "mse")
x = np.array([[1.0], [2.0]]); y = np.array([[3.0], [-1.0]])
import io, contextlib
buf = io.StringIO()
rl = tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_lr=0.2, verbose=1)
with contextlib.redirect_stdout(buf):
    h = m.fit(x, y, epochs=8, verbose=0, callbacks=[rl])
print(buf.getvalue())
print(h.history["learning_rate"])
print(h.history["loss"])

#@ reduce_lr_bad_factor
tf.keras.callbacks.ReduceLROnPlateau(factor=1.5)

#@ csv_logger
import os, tempfile
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse", metrics=["mae"])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "log.csv")
    m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=2, verbose=0, callbacks=[tf.keras.callbacks.CSVLogger(path)])
    print(open(path).read())
    m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=1, verbose=0, validation_data=(np.ones((1, 1)), np.zeros((1, 1))),
          callbacks=[tf.keras.callbacks.CSVLogger(path, separator=";", append=True)])
    print(open(path).read())

#@ lambda_callback
tf.keras.backend.clear_session()
events = []
cb = tf.keras.callbacks.LambdaCallback(
    on_epoch_begin=lambda epoch, logs: events.append(("begin", epoch)),
    on_epoch_end=lambda epoch, logs: events.append(("end", epoch, round(logs["loss"], 4))),
    on_train_end=lambda logs: events.append("train_end"))
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=2, verbose=0, callbacks=[cb])
print(events)

#@ terminate_on_nan
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(1e30), "mse")
import io, contextlib
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    h = m.fit(np.full((4, 1), 1e10), np.zeros((4, 1)), batch_size=1, epochs=3, verbose=0, callbacks=[tf.keras.callbacks.TerminateOnNaN()])
print(buf.getvalue(), h.epoch, len(h.history["loss"]))

#@ backup_and_restore_resumes
import os, tempfile
tf.keras.backend.clear_session()
class Interrupt(tf.keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        if epoch == 2:
            raise RuntimeError("interrupted")
def make():
    m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
    m.compile(tf.keras.optimizers.SGD(0.1), "mse")
    return m
x, y = np.array([[1.0], [2.0]]), np.array([[0.0], [1.0]])
with tempfile.TemporaryDirectory() as d:
    backup = os.path.join(d, "backup")
    m = make()
    try:
        m.fit(x, y, epochs=4, verbose=0, callbacks=[tf.keras.callbacks.BackupAndRestore(backup), Interrupt()])
    except RuntimeError as e:
        print("RuntimeError", e)
    print(sorted(os.listdir(backup)))
    m2 = make()
    h = m2.fit(x, y, epochs=4, verbose=0, callbacks=[tf.keras.callbacks.BackupAndRestore(backup)])
    print(h.epoch, h.history)
    print(os.path.exists(backup), m2.get_weights())
    m3 = make()
    print(m3.fit(x, y, epochs=4, verbose=0).history)

#@ progbar_logger_explicit
import io, re, contextlib
tf.keras.backend.clear_session()
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
m.compile("sgd", "mse")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    m.fit(np.ones((2, 1)), np.zeros((2, 1)), epochs=2, batch_size=4, verbose=2, callbacks=[tf.keras.callbacks.ProgbarLogger()])
print(re.sub(r"\d+(ms|us|s)(/step)?", "T", buf.getvalue()))

#@ callback_list_direct
tf.keras.backend.clear_session()
class C(tf.keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print("epoch_end", epoch, logs)
    def on_train_batch_end(self, batch, logs=None):
        print("batch_end", batch, logs)
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
cl = tf.keras.callbacks.CallbackList([C()], model=m, add_history=True)
print([type(c).__name__ for c in cl.callbacks])
cl.on_train_begin()
cl.on_train_batch_end(0, {"loss": tf.constant(2.5)})
cl.on_epoch_end(0, {"loss": np.float32(1.5), "acc": 1})
print(m.history.history)

#@ default_callback_on_batch_aliases
tf.keras.backend.clear_session()
class C(tf.keras.callbacks.Callback):
    def on_batch_begin(self, batch, logs=None):
        print("begin", batch)
    def on_batch_end(self, batch, logs=None):
        print("end", batch, sorted(logs))
m = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
m.compile("sgd", "mse")
m.fit(np.ones((4, 1)), np.ones((4, 1)), batch_size=2, verbose=0, callbacks=[C()])
m.evaluate(np.ones((4, 1)), np.ones((4, 1)), batch_size=2, verbose=0, callbacks=[C()])
