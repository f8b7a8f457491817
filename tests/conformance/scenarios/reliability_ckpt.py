# Reliability of checkpoints (issue 16), compared format-independently: the errors TF raises
# for missing, corrupt and mismatched checkpoints, load-status assertions, deferred restoration
# (optimizer slots, lists appended later), generators and dict attributes.

#@ missing_and_corrupt_files
import glob, os, tempfile
d = tempfile.mkdtemp()
v = tf.Variable([1.0, 2.0])
try:
    tf.train.Checkpoint(v=v).restore(os.path.join(d, "nothere"))
except Exception as e:
    print(type(e).__name__, "Failed to find any matching files" in str(e))
path = tf.train.Checkpoint(v=v).write(os.path.join(d, "c"))
for f in glob.glob(path + "*"):
    with open(f, "wb") as fh:
        fh.write(b"garbage" * 20)
v.assign([5.0, 5.0])
try:
    tf.train.Checkpoint(v=v).restore(path)
except Exception as e:
    print("corrupt ->", isinstance(e, tf.errors.OpError))
print(v.numpy())

#@ shape_and_dtype_mismatch
import os, tempfile
d = tempfile.mkdtemp()
path = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(os.path.join(d, "w"))
for target in [tf.Variable([1.0, 2.0, 3.0]), tf.Variable([1, 2]), tf.Variable(1.0)]:
    try:
        tf.train.Checkpoint(v=target).restore(path)
    except Exception as e:
        print(type(e).__name__)
    print(target.numpy())

#@ load_status_assertions
import os, re, tempfile
d = tempfile.mkdtemp()

def show(check, e):
    # TF lists the unmatched objects in no fixed order: print them sorted
    head, _, rest = str(e).partition(": [")
    print(check, head, sorted(re.findall(r"<tf.Variable '([^']+)'", rest)))
path = tf.train.Checkpoint(v=tf.Variable([1.0, 2.0])).write(os.path.join(d, "w"))
st = tf.train.Checkpoint(v=tf.Variable([0.0, 0.0]), w=tf.Variable(3.0)).restore(path)
for check in ["assert_consumed", "assert_existing_objects_matched", "assert_nontrivial_match"]:
    try:
        getattr(st, check)()
        print(check, "ok")
    except AssertionError as e:
        show(check, e)
st = tf.train.Checkpoint().restore(path)
for check in ["assert_consumed", "assert_existing_objects_matched", "assert_nontrivial_match"]:
    try:
        getattr(st, check)()
        print(check, "ok")
    except AssertionError as e:
        show(check, e)
print(type(st).__name__, type(st.expect_partial()).__name__)
ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
p = ckpt.save(os.path.join(d, "s"))
st = tf.train.Checkpoint(v=tf.Variable(0.0)).restore(p)
st.assert_consumed()
print("save + restore consumed")

#@ generator_state_restored
import os, tempfile
d = tempfile.mkdtemp()
g = tf.random.Generator.from_seed(1)
ckpt = tf.train.Checkpoint(g=g)
path = ckpt.write(os.path.join(d, "g"))
a = g.normal([3]).numpy()
g.normal([5])
ckpt.restore(path)
print(np.array_equal(a, g.normal([3]).numpy()))
g2 = tf.random.Generator.from_seed(99)
tf.train.Checkpoint(g=g2).restore(path).assert_existing_objects_matched
print(np.array_equal(a, g2.normal([3]).numpy()))

#@ module_dict_and_list_tracking
import os, tempfile
d = tempfile.mkdtemp()
class M(tf.Module):
    def __init__(self):
        super().__init__()
        self.d = {"a": tf.Variable(1.0), "nested": {"b": tf.Variable(2.0)}}
        self.l = []
m = M()
print(repr(m.l), type(m.d).__name__, isinstance(m.l, list), isinstance(m.d, dict))
m.l.append(tf.Variable(5.0))
path = tf.train.Checkpoint(m=m).write(os.path.join(d, "m"))
m2 = M()
m2.d["a"].assign(7.0)
m2.d["nested"]["b"].assign(8.0)
st = tf.train.Checkpoint(m=m2).restore(path)
print(m2.d["a"].numpy(), m2.d["nested"]["b"].numpy())
m2.l.append(tf.Variable(0.0))
print(m2.l[0].numpy())
print(len(m2.variables))

#@ deferred_optimizer_slots
import os, tempfile
d = tempfile.mkdtemp()
m = tf.Variable([1.0, 2.0])
opt = tf.keras.optimizers.Adam(0.1, name="o")
opt.apply_gradients([(tf.constant([1.0, 1.0]), m)])
path = tf.train.Checkpoint(m=m, opt=opt).write(os.path.join(d, "o"))
m3 = tf.Variable([5.0, 5.0])
opt3 = tf.keras.optimizers.Adam(0.1, name="o")
tf.train.Checkpoint(m=m3, opt=opt3).restore(path)
print(m3.numpy(), [np.round(x.numpy(), 6).tolist() for x in opt3.variables])
opt3.apply_gradients([(tf.constant([1.0, 1.0]), m3)])
print(np.round(m3.numpy(), 5), [np.round(x.numpy(), 6).tolist() for x in opt3.variables])
try:
    tf.train.Checkpoint(m=tf.Variable([1.0, 2.0, 3.0]),
                        opt=tf.keras.optimizers.Adam(0.1, name="o")).restore(path)
except Exception as e:
    print(type(e).__name__)

#@ state_file_and_manager
import os, tempfile
d = tempfile.mkdtemp()
v = tf.Variable(0.0)
ckpt = tf.train.Checkpoint(v=v)
manager = tf.train.CheckpointManager(ckpt, d, max_to_keep=2)
for i in range(4):
    v.assign(float(i))
    manager.save()
print([os.path.basename(p) for p in manager.checkpoints])
print(os.path.basename(tf.train.latest_checkpoint(d)))
with open(os.path.join(d, "checkpoint"), "w") as fh:
    fh.write("garbage { not a proto")
print(tf.train.latest_checkpoint(d))
with open(os.path.join(d, "checkpoint"), "w") as fh:
    fh.write('model_checkpoint_path: "ckpt-3"\n')
print(os.path.basename(tf.train.latest_checkpoint(d)))
ckpt.restore(tf.train.latest_checkpoint(d))
print(v.numpy())

#@ unbuilt_keras_model_and_optimizer
import os, tempfile
d = tempfile.mkdtemp()
model = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer="ones", name="d")])
opt = tf.keras.optimizers.Adam(0.1, name="o")
x = tf.constant([[1.0, 2.0, 3.0]])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(model(x) ** 2)
opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
path = tf.train.Checkpoint(model=model, opt=opt).write(os.path.join(d, "k"))
model2 = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer="zeros", name="d")])
opt2 = tf.keras.optimizers.Adam(0.1, name="o")
tf.train.Checkpoint(model=model2, opt=opt2).restore(path)
print(np.round(model2(x).numpy(), 5))
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(model2(x) ** 2)
opt2.apply_gradients(zip(tape.gradient(loss, model2.trainable_variables),
                         model2.trainable_variables))
print([np.round(v.numpy(), 5).tolist() for v in opt2.variables])
