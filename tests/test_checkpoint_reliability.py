"""Checkpoint corruption and recovery (issue 16): every corrupt file is a clear TF error, nothing
is half-restored, zip bombs are refused before decompressing, deferred values are validated."""
import os
import pathlib
import zipfile

import numpy as np
import pytest

import tapeflow as tf


def _write(tmp_path, **variables):
    return tf.train.Checkpoint(**variables).write(str(tmp_path / "c"))


def _patched(path, old, new, count=1):
    data = pathlib.Path(path + ".npz").read_bytes()
    assert data.count(old) >= count, (old, data.count(old))
    pathlib.Path(path + ".npz").write_bytes(data.replace(old, new, count))


def _restore_raises(path, error=tf.errors.DataLossError, **variables):
    before = {k: v.numpy().copy() for k, v in variables.items()}
    with pytest.raises(error):
        tf.train.Checkpoint(**variables).restore(path)
    for k, v in variables.items():
        np.testing.assert_array_equal(v.numpy(), before[k])  # nothing half-restored


def test_plain_npy_file_is_data_loss(tmp_path):
    np.save(tmp_path / "c.npz", np.ones(3))
    os.replace(tmp_path / "c.npz.npy", tmp_path / "c.npz")
    _restore_raises(str(tmp_path / "c"), v=tf.Variable(1.0))


def test_plain_npz_without_manifest_is_data_loss(tmp_path):
    np.savez(tmp_path / "c.npz", v=np.float32(2.0))
    _restore_raises(str(tmp_path / "c"), v=tf.Variable(1.0))


def _rewrite(path, member, change):
    """Rebuilds the archive with `change(bytes) -> bytes` applied to one member (zip CRCs are
    recomputed, so only tapeflow's own checks can notice)."""
    with zipfile.ZipFile(path + ".npz") as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path + ".npz", "w") as zf:
        for name, data in members:
            zf.writestr(name, change(data) if name == member else data)


def test_garbled_npy_header_is_data_loss(tmp_path):
    path = _write(tmp_path, a=tf.Variable([1.0, 2.0]))
    _rewrite(path, "a.npy", lambda d: d.replace(b"'descr': '<f4'", b"'descr': '<f4(", 1))
    _restore_raises(path, a=tf.Variable([0.0, 0.0]))
    _rewrite(path, "a.npy", lambda d: d.replace(b"{'descr'", b"{(descr", 1))
    _restore_raises(path, a=tf.Variable([0.0, 0.0]))


def test_flipped_compression_byte_is_data_loss(tmp_path):
    path = _write(tmp_path, a=tf.Variable([1.0, 2.0]))
    data = bytearray(pathlib.Path(path + ".npz").read_bytes())
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46: entry + 51] != b"a.npy":
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 10] ^= 0x10  # the central directory's compression method: 0 -> 16
    pathlib.Path(path + ".npz").write_bytes(bytes(data))
    _restore_raises(path, a=tf.Variable([0.0, 0.0]))


@pytest.mark.parametrize("shape", [b"(1000000000000,)", b"(3,)", b"(-1,)", b"(2, 1)"])
def test_header_shape_that_disagrees_is_refused_before_reading(tmp_path, shape):
    path = _write(tmp_path, a=tf.Variable(np.zeros(2, np.float32)))
    _rewrite(path, "a.npy", lambda d: d.replace(b"(2,)", shape, 1))
    _restore_raises(path, a=tf.Variable(np.zeros(2, np.float32)))


def test_object_dtype_header_is_refused(tmp_path):
    path = _write(tmp_path, a=tf.Variable(np.zeros(2, np.float32)))
    _rewrite(path, "a.npy", lambda d: d.replace(b"'<f4'", b"'|O' ", 1))
    _restore_raises(path, a=tf.Variable(np.zeros(2, np.float32)))


def test_manifest_garbage_is_data_loss(tmp_path):
    path = _write(tmp_path, a=tf.Variable(np.zeros(2, np.float32)))
    _rewrite(path, "_CHECKPOINTABLE_OBJECT_GRAPH.npy", lambda d: d[:-8] + b"\x00" * 8)
    _restore_raises(path, a=tf.Variable(np.zeros(2, np.float32)))


def test_member_name_bit_flip_is_caught(tmp_path):
    path = _write(tmp_path, a=tf.Variable(1.0), b=tf.Variable(2.0))
    _patched(path, b"a.npy", b"c.npy", count=2)  # local header and central directory
    with pytest.raises(tf.errors.DataLossError, match=r"missing: \['a'\].*\['c.npy'\]"):
        tf.train.Checkpoint(a=tf.Variable(0.0), b=tf.Variable(0.0)).restore(path)


def test_duplicate_member_names_are_caught(tmp_path):
    path = _write(tmp_path, a=tf.Variable(1.0), b=tf.Variable(2.0))
    _patched(path, b"b.npy", b"a.npy", count=2)
    with pytest.raises(tf.errors.DataLossError, match="duplicate"):
        tf.train.Checkpoint(a=tf.Variable(0.0), b=tf.Variable(0.0)).restore(path)


def test_flipped_data_bit_fails_checksum(tmp_path):
    path = _write(tmp_path, a=tf.Variable(np.arange(100, dtype=np.float32)))
    raw = np.arange(100, dtype=np.float32).tobytes()
    data = pathlib.Path(path + ".npz").read_bytes()
    i = data.index(raw) + 17
    pathlib.Path(path + ".npz").write_bytes(data[:i] + bytes([data[i] ^ 1]) + data[i + 1:])
    _restore_raises(path, a=tf.Variable(np.zeros(100, np.float32)))


def test_truncated_file_is_data_loss(tmp_path):
    path = _write(tmp_path, a=tf.Variable(np.arange(100, dtype=np.float32)))
    data = pathlib.Path(path + ".npz").read_bytes()
    pathlib.Path(path + ".npz").write_bytes(data[: len(data) // 2])
    _restore_raises(path, a=tf.Variable(np.zeros(100, np.float32)))


def test_every_single_byte_corruption_is_a_tf_error(tmp_path):
    path = _write(tmp_path, a=tf.Variable(np.arange(6, dtype=np.float32)), b=tf.Variable(3))
    good = pathlib.Path(path + ".npz").read_bytes()
    outcomes = {"restored": 0, "error": 0}
    for i in range(0, len(good), 3):
        pathlib.Path(path + ".npz").write_bytes(good[:i] + bytes([good[i] ^ 0x5A]) + good[i + 1:])
        a, b = tf.Variable(np.zeros(6, np.float32)), tf.Variable(0)
        try:
            tf.train.Checkpoint(a=a, b=b).restore(path)
        except (tf.errors.OpError, ValueError) as e:
            assert isinstance(e, (tf.errors.DataLossError, tf.errors.InvalidArgumentError,
                                  ValueError)), type(e)
            assert a.numpy().tolist() == [0.0] * 6 and int(b.numpy()) == 0
            outcomes["error"] += 1
        else:  # a flip in bytes nothing reads (zip padding, timestamps) may be harmless
            assert a.numpy().tolist() == list(range(6)) and int(b.numpy()) == 3
            outcomes["restored"] += 1
    assert outcomes["error"] > 0


def test_zip_bomb_is_refused_before_decompressing(tmp_path):
    # a consistent archive (manifest, header and sizes agree) whose one entry inflates to 20 MB:
    # only the check against the variable being restored can refuse it, before inflating
    import json
    import tracemalloc
    import zlib
    n = 2_500_000
    path = _write(tmp_path, v=tf.Variable(np.zeros(3)))
    with zipfile.ZipFile(path + ".npz") as zf:
        manifest = json.loads(str(np.lib.format.read_array(
            zf.open("_CHECKPOINTABLE_OBJECT_GRAPH.npy"))))
    manifest["entries"]["v"].update(shape=[n], crc32=zlib.crc32(bytes(8 * n)))
    with zipfile.ZipFile(path + ".npz", "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("_CHECKPOINTABLE_OBJECT_GRAPH.npy", "w") as f:
            np.lib.format.write_array(f, np.array(json.dumps(manifest)))
        with zf.open("v.npy", "w", force_zip64=True) as f:
            np.lib.format.write_array(f, np.zeros(n))
    assert os.path.getsize(path + ".npz") < 100_000
    tracemalloc.start()
    try:
        _restore_raises(path, ValueError, v=tf.Variable(np.zeros(3)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 << 20, peak
    v = tf.Variable(np.ones(n))  # with a matching variable it is a valid (large) checkpoint
    tf.train.Checkpoint(v=v).restore(path)
    assert not v.numpy().any()


def test_shape_and_dtype_mismatch_raise_tf_errors(tmp_path):
    path = _write(tmp_path, v=tf.Variable([1.0, 2.0]))
    _restore_raises(path, ValueError, v=tf.Variable([1.0, 2.0, 3.0]))
    _restore_raises(path, tf.errors.InvalidArgumentError, v=tf.Variable([1, 2]))


def test_missing_file_is_not_found(tmp_path):
    _restore_raises(str(tmp_path / "nothere"), tf.errors.NotFoundError, v=tf.Variable(1.0))


def test_binary_state_file_is_data_loss(tmp_path):
    ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
    ckpt.save(str(tmp_path / "c"))
    (tmp_path / "checkpoint").write_bytes(bytes(range(256)))
    with pytest.raises(tf.errors.DataLossError, match="state file"):
        tf.train.latest_checkpoint(str(tmp_path))
    with pytest.raises(tf.errors.DataLossError, match="state file"):
        tf.train.CheckpointManager(ckpt, str(tmp_path), 3)


# -- deferred optimizer slots -------------------------------------------------------------------------
def _adam_checkpoint(tmp_path, shapes):
    vs = [tf.Variable(np.ones(s, np.float32)) for s in shapes]
    opt = tf.keras.optimizers.Adam(0.1)
    opt.apply_gradients([(tf.ones_like(v), v) for v in vs])
    names = {f"v{i}": v for i, v in enumerate(vs)}
    return tf.train.Checkpoint(opt=opt, **names).write(str(tmp_path / "o")), opt


def test_deferred_slots_follow_their_variable_not_the_build_order(tmp_path):
    path, _ = _adam_checkpoint(tmp_path, [(2,), (1, 3)])  # after one step: m = 0.1, v = 0.001
    a, b = tf.Variable(np.ones(2, np.float32)), tf.Variable(np.ones((1, 3), np.float32))
    opt2 = tf.keras.optimizers.Adam(0.1)
    tf.train.Checkpoint(opt=opt2, v0=a, v1=b).restore(path)
    opt2.apply_gradients([(tf.zeros_like(b), b), (tf.zeros_like(a), a)])  # built as [b, a]
    for slot in opt2.variables[2:]:
        want = 0.9 * 0.1 if slot.name.endswith("momentum") else 0.999 * 0.001
        np.testing.assert_allclose(slot.numpy(), np.full(slot.shape, want), rtol=1e-5)


def test_deferred_slot_mismatch_raises_at_restore_time(tmp_path):
    path, _ = _adam_checkpoint(tmp_path, [(2,)])
    with pytest.raises(ValueError, match="incompatible"):
        tf.train.Checkpoint(opt=tf.keras.optimizers.Adam(0.1),
                            v0=tf.Variable(np.ones(3, np.float32))).restore(path)


def test_deferred_position_value_that_does_not_fit_raises_every_step(tmp_path):
    v = tf.Variable(np.ones(2, np.float32))
    opt = tf.keras.optimizers.Nadam(0.1)
    opt.apply_gradients([(tf.ones_like(v), v)])
    path = tf.train.Checkpoint(opt=opt).write(str(tmp_path / "n"))  # slots without their variable
    with zipfile.ZipFile(path + ".npz") as zf:
        names = zf.namelist()
    assert any("variables" in n for n in names)
    opt2 = tf.keras.optimizers.Nadam(0.1)
    tf.train.Checkpoint(opt=opt2).restore(path)
    w = tf.Variable(np.ones(5, np.float32))
    for _ in range(2):  # the u_product restores by position; slots of an absent variable do not
        opt2.apply_gradients([(tf.ones_like(w), w)])
    assert int(opt2.iterations.numpy()) == 3


# -- generators, dicts, lists -------------------------------------------------------------------------
def test_generator_state_is_checkpointed(tmp_path):
    g = tf.random.Generator.from_seed(1)
    ckpt = tf.train.Checkpoint(g=g)
    path = ckpt.write(str(tmp_path / "g"))
    first = g.normal([3]).numpy()
    ckpt.restore(path)
    np.testing.assert_array_equal(g.normal([3]).numpy(), first)


class _Holder(tf.Module):
    def __init__(self):
        super().__init__()
        self.d = {"a": tf.Variable(1.0), "nested": {"b": tf.Variable(2.0)}}
        self.l = []


def test_dict_attribute_and_list_appended_later_are_restored(tmp_path):
    m = _Holder()
    m.l.append(tf.Variable(5.0))
    m.l.append(_Holder())
    m.l[1].d["a"].assign(7.0)
    path = tf.train.Checkpoint(m=m).write(str(tmp_path / "m"))
    m2 = _Holder()
    m2.d["a"].assign(0.0)
    m2.d["nested"]["b"].assign(0.0)
    status = tf.train.Checkpoint(m=m2).restore(path)
    assert m2.d["a"].numpy() == 1.0 and m2.d["nested"]["b"].numpy() == 2.0
    with pytest.raises(AssertionError):
        status.assert_consumed()
    m2.l.append(tf.Variable(0.0))
    m2.l.append(_Holder())
    assert m2.l[0].numpy() == 5.0 and m2.l[1].d["a"].numpy() == 7.0
    assert type(m2.l).__name__ == "ListWrapper" and isinstance(m2.l, list)


def test_stale_temp_files_and_orphans_are_cleaned(tmp_path):
    v = tf.Variable(1.0)
    ckpt = tf.train.Checkpoint(v=v)
    manager = tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=2)
    manager.save()
    (tmp_path / ".tmp-999999999-abc.npz").write_bytes(b"partial")  # a dead process's save
    (tmp_path / ".tmp-oldstyle.npz").write_bytes(b"partial")
    (tmp_path / "ckpt-7.npz").write_bytes(b"orphan")  # written, never recorded
    mine = tmp_path / f".tmp-{os.getpid()}-inprogress.npz"
    manager = tf.train.CheckpointManager(ckpt, str(tmp_path), max_to_keep=2)
    assert sorted(os.listdir(tmp_path)) == sorted(["checkpoint", "ckpt-1.npz"])
    mine.write_bytes(b"x")
    manager.save()
    assert sorted(os.listdir(tmp_path)) == sorted(["checkpoint", "ckpt-1.npz", "ckpt-2.npz"])


def test_first_format_files_still_restore(tmp_path):
    np.savez(tmp_path / "old.npz", _CHECKPOINTABLE_OBJECT_GRAPH=np.array("tapeflow-checkpoint-v1"),
             v=np.array([1.0, 2.0], np.float32))
    v = tf.Variable([0.0, 0.0])
    tf.train.Checkpoint(v=v).restore(str(tmp_path / "old"))
    assert v.numpy().tolist() == [1.0, 2.0]
    _restore_raises(str(tmp_path / "old"), ValueError, v=tf.Variable([0.0, 0.0, 0.0]))


def test_unbuilt_keras_model_and_optimizer_restore_when_built(tmp_path):
    model = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer="ones")])
    opt = tf.keras.optimizers.Adam(0.1)
    x = tf.ones((1, 3))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables),
                            model.trainable_variables))
    path = tf.train.Checkpoint(model=model, opt=opt).write(str(tmp_path / "k"))
    model2 = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer="zeros")])
    opt2 = tf.keras.optimizers.Adam(0.1)
    tf.train.Checkpoint(model=model2, opt=opt2).restore(path)
    np.testing.assert_array_equal(model2(x).numpy(), model(x).numpy())  # built now: restored
    opt2.apply_gradients(zip([tf.zeros_like(v) for v in model2.trainable_variables],
                             model2.trainable_variables))
    opt.apply_gradients(zip([tf.zeros_like(v) for v in model.trainable_variables],
                            model.trainable_variables))
    for a, b in zip(opt.variables, opt2.variables):
        np.testing.assert_allclose(a.numpy(), b.numpy())
