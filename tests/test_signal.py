"""tf.signal: the FFT primitives' records, a gradient table (first and second order, reverse and
forward mode, float64 against central differences), shape rules, batch rules, and values
against NumPy/SciPy references.

The FFT rows feed real float64 tensors through `tf.complex` / `tf.math.real` / `tf.math.imag`,
so every complex primitive (FFT, IFFT, RFFT, IRFFT in 1, 2, 3 and N dimensions) is
differentiated through its own gradient rule, and the second order through the rules' rules.
"""
import zlib

import numpy as np
import pytest
from test_gradients import Row, check_jvp_against_reverse, constants, draw_args, normal
from test_registry import ShapeChecker

import tapeflow as tf
from tapeflow.framework import op as op_module
from tapeflow.prims import fft as PF

FFT_PRIMITIVES = ["FFT", "IFFT", "FFT2D", "IFFT2D", "FFT3D", "IFFT3D", "FFTND", "IFFTND",
                  "RFFT", "IRFFT", "RFFT2D", "IRFFT2D", "RFFT3D", "IRFFT3D", "RFFTND", "IRFFTND"]


def test_fft_primitives_are_complete_records():
    assert PF.FFT is op_module.REGISTRY["FFT"]
    incomplete = {name: op_module.REGISTRY[name].missing() for name in FFT_PRIMITIVES
                  if op_module.REGISTRY[name].missing()}
    assert not incomplete


# ============================================================================================
# The gradient table
# ============================================================================================
def parts(z):
    """A complex tensor as [real, imag] (real outputs for the checkers)."""
    return [tf.math.real(z), tf.math.imag(z)]


def c(a, b):
    return tf.complex(a, b)


ROWS = []


def row(id, fn, *args, **kw):
    ROWS.append(Row(id, fn, args, **kw))


for shape in [(4,), (2, 5), (3, 1)]:
    sid = "x".join(map(str, shape))
    row(f"fft-{sid}", lambda a, b: parts(tf.signal.fft(c(a, b))), normal(shape), normal(shape))
    row(f"ifft-{sid}", lambda a, b: parts(tf.signal.ifft(c(a, b))), normal(shape), normal(shape))
    row(f"rfft-{sid}", lambda x: parts(tf.signal.rfft(x)), normal(shape))
row("fft2d", lambda a, b: parts(tf.signal.fft2d(c(a, b))), normal((2, 3, 4)), normal((2, 3, 4)))
row("ifft2d", lambda a, b: parts(tf.signal.ifft2d(c(a, b))), normal((3, 2)), normal((3, 2)))
row("fft3d", lambda a, b: parts(tf.signal.fft3d(c(a, b))), normal((2, 2, 3)), normal((2, 2, 3)))
row("ifft3d", lambda a, b: parts(tf.signal.ifft3d(c(a, b))), normal((1, 2, 3, 2)),
    normal((1, 2, 3, 2)))
row("rfft-pad", lambda x: parts(tf.signal.rfft(x, [7])), normal((2, 4)))
row("rfft-crop", lambda x: parts(tf.signal.rfft(x, [3])), normal((5,)))
row("rfft2d", lambda x: parts(tf.signal.rfft2d(x)), normal((3, 4)))
row("rfft2d-odd", lambda x: parts(tf.signal.rfft2d(x, [3, 5])), normal((2, 3, 5)))
row("rfft3d", lambda x: parts(tf.signal.rfft3d(x)), normal((2, 3, 4)))
for n in (4, 5):
    row(f"irfft-n{n}", lambda a, b, n=n: tf.signal.irfft(c(a, b), [n]), normal((2, 3)),
        normal((2, 3)))
row("irfft-default", lambda a, b: tf.signal.irfft(c(a, b)), normal((4,)), normal((4,)))
row("irfft-pad", lambda a, b: tf.signal.irfft(c(a, b), [8]), normal((3,)), normal((3,)))
row("irfft-crop", lambda a, b: tf.signal.irfft(c(a, b), [3]), normal((4,)), normal((4,)))
row("irfft2d", lambda a, b: tf.signal.irfft2d(c(a, b)), normal((3, 3)), normal((3, 3)))
row("irfft2d-odd", lambda a, b: tf.signal.irfft2d(c(a, b), [2, 5]), normal((2, 3)),
    normal((2, 3)))
row("irfft3d", lambda a, b: tf.signal.irfft3d(c(a, b)), normal((2, 2, 3)), normal((2, 2, 3)))
row("fftnd-axes", lambda a, b: parts(tf.signal.fftnd(c(a, b), axes=[0, 2])), normal((2, 3, 2)),
    normal((2, 3, 2)))
row("ifftnd-ortho", lambda a, b: parts(tf.signal.ifftnd(c(a, b), norm="ortho")),
    normal((3, 2)), normal((3, 2)))
row("rfftnd-axis0", lambda x: parts(tf.signal.rfftnd(x, axes=[0], norm="forward")),
    normal((4, 2)))
row("irfftnd", lambda a, b: tf.signal.irfftnd(c(a, b), [3, 4], axes=[0, 1]), normal((3, 3)),
    normal((3, 3)))
row("abs-fft", lambda a, b: tf.abs(tf.signal.fft(c(a, b))), normal((5,)), normal((5,)))
row("power-rfft", lambda x: tf.abs(tf.signal.rfft(x)) ** 2, normal((6,)))
row("fftshift", lambda x: tf.signal.fftshift(x), normal((3, 4)))
row("frame", lambda x: tf.signal.frame(x, 3, 2, pad_end=True), normal((2, 7)))
row("frame-axis0", lambda x: tf.signal.frame(x, 2, 1, axis=0), normal((4, 2)))
row("overlap_and_add", lambda x: tf.signal.overlap_and_add(x, 2), normal((2, 3, 5)))
row("overlap_and_add-step", lambda x: tf.signal.overlap_and_add(x, 4), normal((3, 4)))
row("stft", lambda x: parts(tf.signal.stft(x, 8, 4)), normal((20,)))
row("inverse_stft", lambda a, b: tf.signal.inverse_stft(c(a, b), 6, 3, fft_length=8),
    normal((3, 5)), normal((3, 5)))
for t in (1, 2, 3, 4):
    row(f"dct{t}", lambda x, t=t: tf.signal.dct(x, type=t), normal((2, 5)))
    row(f"idct{t}", lambda x, t=t: tf.signal.idct(x, type=t), normal((4,)))
for t in (2, 3, 4):
    row(f"dct{t}-ortho", lambda x, t=t: tf.signal.dct(x, type=t, norm="ortho", n=6),
        normal((5,)))
row("mdct", lambda x: tf.signal.mdct(x, 8), normal((16,)))
row("inverse_mdct", lambda x: tf.signal.inverse_mdct(x, norm="ortho"), normal((3, 4)))
row("mfccs", lambda x: tf.signal.mfccs_from_log_mel_spectrograms(x), normal((2, 6)))

IDS = [r.id for r in ROWS]


def _squared(fn):
    def f(*xs):
        out = fn(*xs)
        outs = out if isinstance(out, list) else [out]
        return [y * y for y in outs]
    return f


@pytest.mark.parametrize("squared", [False, True], ids=["plain", "squared"])
@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_gradients_to_second_order(r, squared):
    fn = _squared(r.fn) if squared else r.fn
    tf.test.check_gradients(fn, draw_args(r), order=2, atol=r.atol, rtol=r.rtol, delta=r.delta)


@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_jvp_matches_reverse_mode(r):
    check_jvp_against_reverse(r.fn, constants(draw_args(r)),
                              np.random.default_rng(zlib.crc32(r.id.encode())))


@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_float32_gradients_keep_dtypes(r):
    xs = constants(draw_args(r), np.float32)
    with tf.GradientTape() as tape:
        tape.watch(xs)
        out = r.fn(*xs)
        total = tf.add_n([tf.reduce_sum(y) for y in (out if isinstance(out, list) else [out])])
    for x, g in zip(xs, tape.gradient(total, xs)):
        assert g.dtype == tf.float32 and g.shape == x.shape


@pytest.mark.parametrize("r", ROWS, ids=IDS)
def test_shape_rules_predict_outputs(r):
    args = [tf.constant(a) for a in draw_args(r)]
    checker = ShapeChecker()
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(args)
        checker.push()
        try:
            out = r.fn(*args)
            total = tf.add_n([tf.reduce_sum(y) for y in (out if isinstance(out, list) else [out])])
            tape.gradient(total, args)
        finally:
            checker.pop()
    mine = [f for f in checker.failures if f.split(":")[0].split("[")[0] in FFT_PRIMITIVES]
    assert not mine, "\n".join(mine)


@pytest.mark.parametrize("r", [r for r in ROWS if not r.id.startswith("fftshift")],
                         ids=[r.id for r in ROWS if not r.id.startswith("fftshift")])
def test_batch_rules_match_per_example_results(r, monkeypatch):
    from tapeflow.autodiff import vmap
    from tapeflow.framework import batching
    looped = []
    original = batching.Batcher.process

    def process(self, op, inputs, attrs):
        if op.batch is None:
            looped.append(op.name)
        return original(self, op, inputs, attrs)
    monkeypatch.setattr(batching.Batcher, "process", process)
    first = draw_args(r)
    second = [a * 0.9 + 0.1 for a in first]
    batched = [tf.constant(np.stack([a, b])) for a, b in zip(first, second)]
    got = vmap(r.fn)(*batched)
    got = got if isinstance(got, list) else [got]
    for k, g in enumerate(got):
        want = []
        for ex in (first, second):
            out = r.fn(*[tf.constant(a) for a in ex])
            want.append(np.asarray((out if isinstance(out, list) else [out])[k]))
        np.testing.assert_allclose(np.asarray(g), np.stack(want), rtol=1e-9, atol=1e-12)
    assert not [name for name in looped if name in FFT_PRIMITIVES]


# ============================================================================================
# Values
# ============================================================================================
RNG = np.random.default_rng(7)


@pytest.mark.parametrize("fn,ref,rank", [
    (tf.signal.fft, np.fft.fft, 1), (tf.signal.ifft, np.fft.ifft, 1),
    (tf.signal.fft2d, np.fft.fft2, 2), (tf.signal.ifft2d, np.fft.ifft2, 2),
    (tf.signal.fft3d, lambda v: np.fft.fftn(v, axes=(-3, -2, -1)), 3),
    (tf.signal.ifft3d, lambda v: np.fft.ifftn(v, axes=(-3, -2, -1)), 3)])
@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_complex_transforms_match_numpy(fn, ref, rank, dtype):
    v = (RNG.standard_normal((2, 3, 4, 5)) + 1j * RNG.standard_normal((2, 3, 4, 5))).astype(dtype)
    out = fn(tf.constant(v))
    assert out.dtype == tf.as_dtype(dtype)
    tol = 1e-5 if dtype == np.complex64 else 1e-12
    np.testing.assert_allclose(out.numpy(), ref(v), rtol=tol, atol=tol * 10)


@pytest.mark.parametrize("n", [None, 3, 6, 9])
def test_rfft_and_irfft_lengths_match_numpy(n):
    v = RNG.standard_normal((2, 6))
    got = tf.signal.rfft(tf.constant(v), None if n is None else [n]).numpy()
    np.testing.assert_allclose(got, np.fft.rfft(v, n), rtol=1e-12, atol=1e-12)
    spectrum = np.fft.rfft(v)
    got = tf.signal.irfft(tf.constant(spectrum), None if n is None else [n]).numpy()
    np.testing.assert_allclose(got, np.fft.irfft(spectrum, n), rtol=1e-12, atol=1e-12)


def test_rfft2d_and_3d_round_trip():
    v = tf.constant(RNG.standard_normal((2, 3, 4, 6)))
    np.testing.assert_allclose(tf.signal.irfft2d(tf.signal.rfft2d(v)).numpy(), v, atol=1e-12)
    np.testing.assert_allclose(tf.signal.irfft3d(tf.signal.rfft3d(v)).numpy(), v, atol=1e-12)
    np.testing.assert_allclose(tf.signal.rfft3d(v).numpy(),
                               np.fft.rfftn(v.numpy(), axes=(-3, -2, -1)), atol=1e-12)


def test_nd_transforms_with_norms():
    v = RNG.standard_normal((3, 4, 5)) + 1j * RNG.standard_normal((3, 4, 5))
    t, r = tf.constant(v), tf.constant(v.real)
    for norm in ("backward", "ortho", "forward"):
        np.testing.assert_allclose(tf.signal.fftnd(t, axes=[0, 2], norm=norm).numpy(),
                                   np.fft.fftn(v, axes=(0, 2), norm=norm), atol=1e-12)
        np.testing.assert_allclose(tf.signal.ifftnd(t, fft_length=[6], axes=[1],
                                                    norm=norm).numpy(),
                                   np.fft.ifftn(v, s=[6], axes=(1,), norm=norm), atol=1e-12)
        np.testing.assert_allclose(tf.signal.rfftnd(r, axes=[1, 0], norm=norm).numpy(),
                                   np.fft.rfftn(v.real, axes=(1, 0), norm=norm), atol=1e-12)
        np.testing.assert_allclose(tf.signal.irfftnd(t, [3, 6], axes=[0, 1], norm=norm).numpy(),
                                   np.fft.irfftn(v, s=[3, 6], axes=(0, 1), norm=norm),
                                   atol=1e-12)


@pytest.mark.parametrize("t", [1, 2, 3, 4])
@pytest.mark.parametrize("norm", [None, "ortho"])
def test_dct_matches_scipy(t, norm):
    from scipy import fft as sfft
    if t == 1 and norm == "ortho":
        pytest.skip("TF has no orthonormal type-I DCT")
    v = RNG.standard_normal((3, 7))
    x = tf.constant(v)
    np.testing.assert_allclose(tf.signal.dct(x, type=t, norm=norm).numpy(),
                               sfft.dct(v, type=t, norm=norm), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(tf.signal.idct(x, type=t, norm=norm).numpy(),
                               sfft.idct(v, type=t, norm=norm) * (1 if norm else {
                                   1: 2 * 6, 2: 2 * 7, 3: 2 * 7, 4: 2 * 7}[t]),
                               rtol=1e-10, atol=1e-10)


def test_windows_match_scipy():
    from scipy.signal import get_window
    for n in (1, 4, 7, 8):
        # TF's periodic window differs from the symmetric one only for even lengths
        np.testing.assert_allclose(tf.signal.hann_window(n).numpy(),
                                   get_window("hann", n, fftbins=n % 2 == 0), atol=1e-6)
        np.testing.assert_allclose(tf.signal.hamming_window(n, periodic=False).numpy(),
                                   get_window("hamming", n, fftbins=False), atol=1e-6)
        np.testing.assert_allclose(tf.signal.kaiser_window(n, 5.0, tf.float64).numpy(),
                                   np.kaiser(n, 5.0), atol=1e-12)


def test_frame_and_overlap_and_add_are_adjoint():
    x = RNG.standard_normal((2, 11))
    y = RNG.standard_normal((2, 4, 5))
    framed = tf.signal.frame(tf.constant(x), 5, 2).numpy()
    assert framed.shape == (2, 4, 5)
    added = tf.signal.overlap_and_add(tf.constant(y), 2).numpy()[:, :11]
    np.testing.assert_allclose(np.sum(framed * y), np.sum(x * added), rtol=1e-12)


def test_stft_inverse_round_trip_float64():
    x = np.sin(np.arange(128) * 0.1)
    s = tf.signal.stft(tf.constant(x), 32, 8)
    y = tf.signal.inverse_stft(s, 32, 8, window_fn=tf.signal.inverse_stft_window_fn(8))
    np.testing.assert_allclose(y.numpy()[32:-32], x[32:-32], atol=1e-12)


def test_errors():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.signal.fft(tf.constant([1.0]))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.signal.fft2d(tf.constant([1 + 0j]))
    with pytest.raises(ValueError, match="RFFT requires"):
        tf.signal.rfft(tf.constant([1, 2]))
    with pytest.raises(ValueError, match="IRFFT requires"):
        tf.signal.irfft(tf.constant([1.0]))
    with pytest.raises(ValueError, match="multiple of 4"):
        tf.signal.mdct(tf.ones([12]), 6)
    with pytest.raises(NotImplementedError, match="axis must be -1"):
        tf.signal.dct(tf.ones([3]), axis=0)
    with pytest.raises(ValueError, match="Nyquist"):
        tf.signal.linear_to_mel_weight_matrix(4, 9, 8000, 100.0, 5000.0)
