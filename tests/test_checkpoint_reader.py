"""tf.train.load_checkpoint / list_variables / load_variable over tapeflow's checkpoint files:
TF's key names, files written before the manifest recorded them, and the reader's validation."""
import io
import json
import pathlib
import zipfile

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.training import checkpoint as ckpt_module

SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"


def test_keys_follow_tf_breadth_first_names(tmp_path):
    class Net(tf.Module):
        def __init__(self):
            self.dense = tf.keras.layers.Dense(2)
            self.dense.build((None, 3))
            self.extra = [tf.Variable(1.0)]
    net = Net()
    opt = tf.keras.optimizers.Adam(0.1)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(net.dense(tf.ones((1, 3))))
    variables = net.dense.trainable_variables
    opt.apply_gradients(zip(tape.gradient(loss, variables), variables))
    path = tf.train.Checkpoint(net=net, opt=opt).save(str(tmp_path / "c"))
    names = [n for n, _ in tf.train.list_variables(path)]
    assert names == ["_CHECKPOINTABLE_OBJECT_GRAPH", "net/dense/_kernel" + SUFFIX,
                     "net/dense/bias" + SUFFIX, "net/extra/0" + SUFFIX,
                     "opt/_iterations" + SUFFIX, "opt/_learning_rate" + SUFFIX] + [
        f"opt/_variables/{i}" + SUFFIX for i in range(2, 6)] + ["save_counter" + SUFFIX]


def test_optimizer_names_variables_only_reachable_through_it(tmp_path):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.build((None, 2))
    opt = tf.keras.optimizers.SGD(0.1)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(tf.ones((1, 2))))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables),
                            model.trainable_variables))
    path = tf.train.Checkpoint(model=model, optimizer=opt).write(str(tmp_path / "c"))
    reader = tf.train.load_checkpoint(path)
    kernel = reader.get_tensor("optimizer/_trainable_variables/0" + SUFFIX)
    np.testing.assert_array_equal(kernel, model.layers[0].kernel.numpy()
                                  if hasattr(model, "layers") else model._layers[0]._kernel.numpy())


def test_values_dtypes_and_shapes(tmp_path):
    path = tf.train.Checkpoint(a=tf.Variable([[1, 2]], dtype=tf.int64),
                               f=tf.Variable(np.float16(0.5))).write(str(tmp_path / "c"))
    reader = tf.train.load_checkpoint(path)
    assert reader.get_variable_to_shape_map() == {"_CHECKPOINTABLE_OBJECT_GRAPH": [],
                                                  "a" + SUFFIX: [1, 2], "f" + SUFFIX: []}
    assert reader.get_variable_to_dtype_map()["a" + SUFFIX] == tf.int64
    assert reader.get_variable_to_dtype_map()["_CHECKPOINTABLE_OBJECT_GRAPH"] == tf.string
    value = reader.get_tensor("a" + SUFFIX)
    assert value.dtype == np.int64 and value.tolist() == [[1, 2]]
    value[0, 0] = 9  # a fresh array each call
    assert reader.get_tensor("a" + SUFFIX)[0, 0] == 1
    scalar = reader.get_tensor("f" + SUFFIX)
    assert isinstance(scalar, np.float16) and scalar == 0.5
    assert json.loads(reader.get_tensor("_CHECKPOINTABLE_OBJECT_GRAPH"))["format"]


def test_errors(tmp_path):
    path = tf.train.Checkpoint(v=tf.Variable(1.0)).write(str(tmp_path / "c"))
    with pytest.raises(tf.errors.NotFoundError, match="Key v not found in checkpoint"):
        tf.train.load_variable(path, "v")
    with pytest.raises(tf.errors.NotFoundError, match="Failed to find any matching files"):
        tf.train.load_checkpoint(str(tmp_path / "other"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file"):
        tf.train.list_variables(str(tmp_path / "empty"))
    (tmp_path / "tf.index").write_bytes(b"")
    with pytest.raises(NotImplementedError, match="TensorBundle"):
        tf.train.load_checkpoint(str(tmp_path / "tf"))


def test_the_npz_suffix_and_directory_forms(tmp_path):
    ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
    first = ckpt.save(str(tmp_path / "c"))
    ckpt.v.assign(2.0)
    ckpt.save(str(tmp_path / "c"))
    assert tf.train.load_variable(first + ".npz", "v" + SUFFIX) == 1.0
    assert tf.train.load_variable(str(tmp_path), "v" + SUFFIX + ":0") == 2.0


def test_first_format_files_are_named_by_their_paths(tmp_path):
    np.savez(tmp_path / "old.npz", _CHECKPOINTABLE_OBJECT_GRAPH=np.array("tapeflow-checkpoint-v1"),
             **{"model/w": np.array([1.0, 2.0], np.float32)})
    assert tf.train.list_variables(str(tmp_path / "old")) == [
        ("_CHECKPOINTABLE_OBJECT_GRAPH", []), ("model/w" + SUFFIX, [2])]
    assert tf.train.load_variable(str(tmp_path / "old"), "model/w" + SUFFIX).tolist() == [1, 2]


def test_manifest_files_without_tf_keys_still_read_and_restore(tmp_path):
    path = str(tmp_path / "c.npz")
    ckpt_module._write_archive(path, {"layer/kernel": np.ones((2, 1), np.float32)}, {})
    reader = tf.train.load_checkpoint(str(tmp_path / "c"))
    assert reader.has_tensor("layer/kernel" + SUFFIX)
    layer = tf.keras.layers.Dense(1)
    layer.build((None, 2))
    layer._kernel.assign(tf.zeros((2, 1)))
    tf.train.Checkpoint(layer=layer).restore(str(tmp_path / "c"))
    assert layer._kernel.numpy().tolist() == [[1.0], [1.0]]


def test_new_files_still_restore_with_tapeflow_paths(tmp_path):
    v = tf.Variable([3.0])
    path = tf.train.Checkpoint(model=tf.Module(), v=v).write(str(tmp_path / "c"))
    v.assign([0.0])
    tf.train.Checkpoint(model=tf.Module(), v=v).restore(path)
    assert v.numpy().tolist() == [3.0]


def _rewrite_manifest(path, edit):
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(str(np.load(io.BytesIO(members["_CHECKPOINTABLE_OBJECT_GRAPH.npy"]))))
    edit(manifest)
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.array(json.dumps(manifest)), allow_pickle=False)
    members["_CHECKPOINTABLE_OBJECT_GRAPH.npy"] = buf.getvalue()
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)


@pytest.mark.parametrize("bad", [3, None])
def test_a_tf_key_that_is_not_a_string_is_data_loss(tmp_path, bad):
    path = tf.train.Checkpoint(v=tf.Variable(1.0)).write(str(tmp_path / "c"))

    def edit(m):
        m["entries"]["v"]["tf_key"] = bad
    _rewrite_manifest(path + ".npz", edit)
    with pytest.raises(tf.errors.DataLossError):
        tf.train.load_checkpoint(path)


def test_duplicate_tf_keys_are_data_loss(tmp_path):
    path = tf.train.Checkpoint(a=tf.Variable(1.0), b=tf.Variable(2.0)).write(str(tmp_path / "c"))

    def edit(m):
        m["entries"]["b"]["tf_key"] = m["entries"]["a"]["tf_key"]
    _rewrite_manifest(path + ".npz", edit)
    with pytest.raises(tf.errors.DataLossError):
        tf.train.load_checkpoint(path)


def test_corrupted_value_fails_its_checksum_when_read(tmp_path):
    path = tf.train.Checkpoint(v=tf.Variable([1.5, 2.5])).write(str(tmp_path / "c"))
    file = pathlib.Path(path + ".npz")
    data = bytearray(file.read_bytes())
    needle = np.array([1.5, 2.5], np.float32).tobytes()
    i = bytes(data).index(needle)
    data[i] ^= 1
    file.write_bytes(bytes(data))
    reader = tf.train.load_checkpoint(path)  # the manifest is intact
    with pytest.raises(tf.errors.DataLossError):
        reader.get_tensor("v" + SUFFIX)
