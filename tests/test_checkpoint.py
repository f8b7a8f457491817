"""tf.train.Checkpoint / CheckpointManager: round trips, atomic writes, safe failed restores."""
import os

import numpy as np
import pytest

import tapeflow as tf


def _trained(seed_value=1.0):
    model = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer="ones")])
    model(tf.ones((1, 3)))
    opt = tf.keras.optimizers.Adam(0.1)
    x = tf.constant([[1.0, 2.0, seed_value]])
    for _ in range(2):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(x) ** 2)
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables),
                                model.trainable_variables))
    return model, opt


def test_roundtrip_includes_optimizer_slots_and_iterations(tmp_path):
    model, opt = _trained()
    path = tf.train.Checkpoint(model=model, optimizer=opt).save(str(tmp_path / "ckpt"))
    assert os.path.basename(path) == "ckpt-1" and os.path.exists(path + ".npz")
    model2, opt2 = _trained(seed_value=-5.0)
    tf.train.Checkpoint(model=model2, optimizer=opt2).restore(path).assert_consumed()
    for a, b in zip(opt.variables, opt2.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    for a, b in zip(model.weights, model2.weights):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_deferred_slot_restore_for_unbuilt_optimizer(tmp_path):
    model, opt = _trained()
    path = tf.train.Checkpoint(model=model, optimizer=opt).write(str(tmp_path / "c"))
    model2 = tf.keras.Sequential([tf.keras.layers.Dense(2)])
    model2(tf.ones((1, 3)))
    opt2 = tf.keras.optimizers.Adam(0.1)
    tf.train.Checkpoint(model=model2, optimizer=opt2).read(path)
    assert int(opt2.iterations) == 2
    opt2.build(model2.trainable_variables)  # built by hand: slots restored at the next step
    v = model2.trainable_variables
    opt2.apply_gradients(zip([tf.zeros_like(x) for x in v], v))
    opt.apply_gradients(zip([tf.zeros_like(x) for x in model.trainable_variables],
                            model.trainable_variables))
    np.testing.assert_allclose(opt2.variables[2].numpy(), opt.variables[2].numpy())


def test_mismatch_raises_and_changes_nothing(tmp_path):
    a, b = tf.Variable([1.0, 2.0]), tf.Variable(3.0)
    path = tf.train.Checkpoint(a=a, b=b).write(str(tmp_path / "c"))
    a2, b2 = tf.Variable([9.0, 9.0]), tf.Variable([0.0, 0.0, 0.0])
    with pytest.raises(ValueError):
        tf.train.Checkpoint(a=a2, b=b2).read(path)
    assert a2.numpy().tolist() == [9.0, 9.0]


def test_corrupted_file_raises_data_loss(tmp_path):
    v = tf.Variable(1.0)
    path = tf.train.Checkpoint(v=v).write(str(tmp_path / "c"))
    with open(path + ".npz", "r+b") as fh:
        fh.seek(10)
        fh.write(b"garbage!" * 8)
    with pytest.raises(tf.errors.DataLossError):
        tf.train.Checkpoint(v=v).read(path)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(tf.errors.DataLossError):
        tf.train.Checkpoint(v=v).read(str(tmp_path / "junk"))
    with pytest.raises(tf.errors.NotFoundError):
        tf.train.Checkpoint(v=v).read(str(tmp_path / "missing"))


def test_interrupted_save_keeps_previous(tmp_path, monkeypatch):
    v = tf.Variable(1.0)
    ckpt = tf.train.Checkpoint(v=v)
    path = ckpt.write(str(tmp_path / "c"))
    v.assign(2.0)

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(np.lib.format, "write_array", boom)
    with pytest.raises(KeyboardInterrupt):
        ckpt.write(path)
    monkeypatch.undo()
    assert sorted(os.listdir(tmp_path)) == ["c.npz"]
    ckpt.read(path)
    assert v.numpy() == 1.0


def test_no_pickle_in_files(tmp_path):
    v = tf.Variable([1.0, 2.0])
    path = tf.train.Checkpoint(v=v).write(str(tmp_path / "c"))
    with np.load(path + ".npz", allow_pickle=False) as data:
        assert all(data[k].dtype != object for k in data.files)


def test_manager_keeps_max_to_keep(tmp_path):
    v = tf.Variable(0.0)
    ckpt = tf.train.Checkpoint(v=v)
    manager = tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=2)
    for i in range(4):
        v.assign(float(i))
        manager.save()
    assert [os.path.basename(p) for p in manager.checkpoints] == ["ckpt-3", "ckpt-4"]
    assert tf.train.latest_checkpoint(str(tmp_path)) == manager.latest_checkpoint
    assert not os.path.exists(str(tmp_path / "ckpt-1.npz"))
    again = tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=2)
    assert again.checkpoints == manager.checkpoints
    ckpt.restore(again.latest_checkpoint)
    assert v.numpy() == 3.0
