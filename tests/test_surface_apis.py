"""Semantic tests for the guide-surface APIs: tf.experimental.dtensor (one-device meshes here;
the multi-device behaviour is in the isolated surface_dtensor conformance scenarios),
tf.experimental.ExtensionType, tf.feature_column, TF 2 initializers, tf.compat.v1.losses, tf.audio,
and the honesty check of tools/guide_usage.py."""
import os
import sys

import numpy as np
import pytest

import tapeflow as tf

dtensor = tf.experimental.dtensor


def _mesh():
    return dtensor.create_mesh([("x", 1)], devices=["CPU:0"])


def test_dtensor_pack_unpack_and_layout_propagation():
    mesh = _mesh()
    layout = dtensor.Layout(["x", dtensor.UNSHARDED], mesh)
    t = dtensor.pack([tf.constant([[1.0, 2.0], [3.0, 4.0]])], layout)
    assert dtensor.fetch_layout(t) == layout
    np.testing.assert_array_equal(dtensor.unpack(t)[0].numpy(), [[1.0, 2.0], [3.0, 4.0]])
    assert dtensor.fetch_layout(t * 2.0) == layout            # same shape: same layout
    assert dtensor.fetch_layout(tf.reduce_sum(t)).rank == 0   # other shapes: replicated
    assert dtensor.fetch_layout(tf.reshape(t, [4])).is_fully_replicated()
    with pytest.raises(tf.errors.UnimplementedError, match="regular tensor for input 1"):
        t + tf.ones([2, 2])
    with pytest.raises(tf.errors.InvalidArgumentError):
        dtensor.fetch_layout(tf.constant(1.0))


def test_dtensor_components_follow_the_layout():
    mesh = _mesh()
    layout = dtensor.Layout(["x"], mesh)
    assert layout._components(np.arange(4))[0].tolist() == [0, 1, 2, 3]
    assert layout.offset_to_shard() == [[0]]
    assert dtensor.Layout.from_string(layout.to_string()) == layout
    assert dtensor.Mesh.from_string(mesh.to_string()) == mesh


def test_dvariable_reads_are_dtensors_and_assign_keeps_layout():
    mesh = _mesh()
    layout = dtensor.Layout.replicated(mesh, 1)
    v = dtensor.DVariable(dtensor.copy_to_mesh(tf.zeros([3]), layout))
    v.assign(dtensor.copy_to_mesh(tf.constant([1.0, 2.0, 3.0]), layout))
    r = v.read_value()
    assert dtensor.fetch_layout(r) == layout
    np.testing.assert_array_equal(r.numpy(), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="Expected DTensor"):
        dtensor.DVariable(tf.zeros([3]))


class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

    def __validate__(self):
        self.values.shape.assert_is_compatible_with(self.mask.shape)


def test_extension_type_in_function_and_gradient():
    w = tf.Variable(2.0)

    @tf.function
    def masked_sum(m):
        return tf.reduce_sum(tf.where(m.mask, m.values * w, 0.0))

    mt = MaskedTensor([1.0, 2.0, 3.0], [True, False, True])
    with tf.GradientTape() as tape:
        y = masked_sum(mt)
    assert float(y) == 8.0
    assert float(tape.gradient(y, w)) == 4.0
    with pytest.raises(ValueError):
        MaskedTensor([1.0, 2.0], [True])
    spec = mt._type_spec
    rebuilt = spec._from_components(spec._to_components(mt))
    assert bool(rebuilt == mt)


def test_feature_column_embedding_is_trainable():
    fc = tf.feature_column
    col = fc.embedding_column(fc.categorical_column_with_identity("i", 3), 2, combiner="sum",
                              initializer=tf.constant_initializer(1.0))
    feats = {"i": tf.constant([[0, 2], [1, -1]])}
    with tf.GradientTape() as tape:
        out = tf.compat.v1.feature_column.input_layer(feats, [col])
        loss = tf.reduce_sum(out)
    g = tf.convert_to_tensor(tape.gradient(loss, col.embedding_weights))
    np.testing.assert_array_equal(g.numpy(), np.ones((3, 2)))
    with pytest.raises(NotImplementedError, match="crossed_column"):
        fc.crossed_column(["a", "b"], 10)


def test_seeded_initializers_repeat_and_unseeded_differ():
    init = tf.random_normal_initializer(seed=7)
    np.testing.assert_array_equal(init((3,)).numpy(), init((3,)).numpy())
    free = tf.random_uniform_initializer()
    assert not np.array_equal(free((50,)).numpy(), free((50,)).numpy())


def test_v1_losses_weighting_and_gradient():
    L = tf.compat.v1.losses
    assert float(L.compute_weighted_loss([1.0, 3.0], [1.0, 0.0])) == 1.0
    assert float(L.compute_weighted_loss([1.0, 3.0], [1.0, 0.0], reduction=L.Reduction.MEAN)) == 1.0
    with pytest.raises(ValueError):
        L.compute_weighted_loss([1.0], reduction="bogus")
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        loss = L.absolute_difference([0.0, 0.0], x)
    np.testing.assert_allclose(tape.gradient(loss, x).numpy(), [0.5, 0.5])


def test_wav_roundtrip_and_bad_header():
    audio = np.array([[0.5, -0.25], [0.0, -1.0]], np.float32)
    decoded = tf.audio.decode_wav(tf.audio.encode_wav(audio, 22050))
    np.testing.assert_array_equal(decoded.audio.numpy(), audio)
    assert int(decoded.sample_rate) == 22050
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.audio.decode_wav(b"not a wav file")


def test_guide_usage_counts_only_real_implementations():
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
    import guide_usage

    def refusal(*args):
        """A refusal."""
        raise NotImplementedError("no")

    def real(x):
        if x:
            raise NotImplementedError("only for x")
        return 1

    class Refused:
        def __init__(self):
            raise NotImplementedError

    assert guide_usage._refuses(refusal)
    assert guide_usage._refuses(Refused)
    assert not guide_usage._refuses(real)
    assert not guide_usage.has(tf, "tf.feature_column.crossed_column")
    assert guide_usage.has(tf, "tf.feature_column.numeric_column")


@pytest.mark.parametrize("name", ["tapeflow.experimental.dtensor", "tapeflow.framework.extension_type",
                                  "tapeflow.feature_column", "tapeflow.init_ops", "tapeflow.audio",
                                  "tapeflow.surface_misc", "tapeflow.compat.v1_losses",
                                  "tapeflow.keras.image_utils"])
def test_docstring_examples(name):
    import doctest
    import importlib
    result = doctest.testmod(importlib.import_module(name),
                             extraglobs={"tf": tf, "np": np, "dtensor": dtensor},
                             optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def test_keras_image_utils_roundtrip(tmp_path):
    pytest.importorskip("PIL")
    x = np.arange(12, dtype=np.float32).reshape(2, 2, 3)
    img = tf.keras.utils.array_to_img(x)
    assert img.mode == "RGB" and img.size == (2, 2)
    np.testing.assert_array_equal(tf.keras.utils.img_to_array(img)[1, 1], [208.0, 231.0, 255.0])
    path = str(tmp_path / "x.png")
    tf.keras.utils.save_img(path, x, scale=False)
    back = tf.keras.utils.img_to_array(tf.keras.utils.load_img(path))
    np.testing.assert_array_equal(back, x)
    assert tf.keras.utils.load_img(path, target_size=(4, 6)).size == (6, 4)
    assert tf.keras.utils.img_to_array(tf.keras.utils.load_img(path, color_mode="grayscale")).shape == (2, 2, 1)
    with pytest.raises(ValueError, match="color_mode"):
        tf.keras.utils.load_img(path, color_mode="cmyk")
