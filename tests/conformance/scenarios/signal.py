# tf.signal: Fourier transforms (values, dtypes, padding and cropping, gradients to second
# order), fftshift, frames, windows, STFTs, mel filterbanks, MFCCs, DCTs and MDCTs.

#@ fft_of_complex64
x = tf.constant([1 + 0j, 2, 3, 4], tf.complex64)
print(tf.signal.fft(x))
print(tf.signal.ifft(tf.signal.fft(x)))

#@ fft_of_python_lists
print(tf.signal.fft([1.0, 2.0, 0.0, -1.0]))
print(tf.signal.fft([1 + 1j, 2.0]).dtype)

#@ fft_of_float_tensor_is_an_error
tf.signal.fft(tf.constant([1.0, 2.0]))

#@ fft_of_scalar_is_an_error
tf.signal.fft(tf.constant(1 + 0j))

#@ fft_batches_over_leading_axes
x = tf.complex(tf.reshape(tf.range(6.0), [2, 3]), tf.zeros([2, 3]))
print(tf.signal.fft(x))

#@ fft2d_and_ifft2d
x = tf.cast(tf.reshape(tf.range(6.0), [2, 3]), tf.complex64)
y = tf.signal.fft2d(x)
print(y)
print(tf.math.real(tf.signal.ifft2d(y)))

#@ fft3d_and_ifft3d
x = tf.cast(tf.reshape(tf.range(8.0), [2, 2, 2]), tf.complex128)
y = tf.signal.fft3d(x)
print(y)
print(tf.math.real(tf.signal.ifft3d(y)))

#@ rfft_values_and_dtype
y = tf.signal.rfft(tf.constant([1.0, 2.0, 3.0, 4.0, 5.0]))
print(y.dtype, tf.math.real(y), tf.math.imag(y))
print(tf.signal.rfft(tf.constant([1.0, 2.0, 3.0, 4.0], tf.float64)).dtype)

#@ rfft_pads_and_crops
x = tf.constant([1.0, 2.0, 3.0], tf.float64)
print(tf.signal.rfft(x, [5]))
print(tf.signal.rfft(tf.constant([1.0, 2.0, 3.0, 4.0]), [2]))

#@ rfft_of_int_is_value_error
tf.signal.rfft(tf.constant([1, 2]))

#@ irfft_default_and_given_lengths
z = tf.constant([6 + 0j, -1.5 + 0.8660254j], tf.complex64)
print(tf.signal.irfft(z))
print(tf.signal.irfft(z, [3]))
print(tf.signal.irfft(tf.constant([1 + 0j, 2, 3]), [6]))

#@ irfft_of_float_is_value_error
tf.signal.irfft(tf.constant([1.0, 2.0]))

#@ rfft2d_and_irfft2d
x = tf.reshape(tf.range(12.0), [3, 4])
y = tf.signal.rfft2d(x)
print(y.shape, y.dtype)
print(tf.signal.irfft2d(y))

#@ rfft3d_and_irfft3d
x = tf.reshape(tf.range(16.0), [2, 2, 4])
y = tf.signal.rfft3d(x)
print(y.shape)
print(tf.signal.irfft3d(y, [2, 2, 4]))

#@ empty_transforms
print(tf.signal.fft(tf.zeros([2, 0], tf.complex64)).shape)
print(tf.signal.rfft(tf.zeros([0])).shape)

#@ fft_gradient_of_abs
z = tf.constant([1 + 2j, 3 - 1j, 0.5 + 0.5j], tf.complex128)
with tf.GradientTape() as tape:
  tape.watch(z)
  loss = tf.reduce_sum(tf.abs(tf.signal.fft(z)))
print(tape.gradient(loss, z))

#@ ifft_gradient
z = tf.constant([1 + 2j, 3 - 1j, 0.5 + 0.5j, -1j], tf.complex128)
with tf.GradientTape() as tape:
  tape.watch(z)
  y = tf.signal.ifft(z)
  loss = tf.reduce_sum(tf.math.real(y) * [1.0, 2.0, 3.0, 4.0] + tf.math.imag(y))
print(tape.gradient(loss, z))

#@ fft2d_gradient
x = tf.reshape(tf.range(6.0), [2, 3])
with tf.GradientTape() as tape:
  tape.watch(x)
  y = tf.signal.fft2d(tf.complex(x, tf.zeros_like(x)))
  loss = tf.reduce_sum(tf.math.real(y) * tf.reshape(tf.range(6.0), [2, 3]) - tf.math.imag(y))
print(tape.gradient(loss, x))

#@ rfft_gradient_odd_length
x = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
with tf.GradientTape() as tape:
  tape.watch(x)
  y = tf.signal.rfft(x)
  loss = tf.reduce_sum(tf.math.real(y) * [1.0, 2, 3] + tf.math.imag(y) * [0.5, -1, 2])
print(tape.gradient(loss, x))

#@ rfft_gradient_even_length_and_padding
x = tf.constant([1.0, 2.0, 3.0, 4.0])
with tf.GradientTape() as tape:
  tape.watch(x)
  y = tf.signal.rfft(x, [6])
  loss = tf.reduce_sum(tf.math.real(y) * [1.0, 2, 3, 4] + tf.math.imag(y) * [0.5, -1, 2, 3])
print(tape.gradient(loss, x))

#@ irfft_gradient_masks
z = tf.constant([1 + 2j, 3 - 1j, 0.5 + 0.5j], tf.complex128)
with tf.GradientTape(persistent=True) as tape:
  tape.watch(z)
  even = tf.reduce_sum(tf.signal.irfft(z) * [1.0, 2, 3, 4])
  odd = tf.reduce_sum(tf.signal.irfft(z, [5]) * [1.0, 2, 3, 4, 5])
print(tape.gradient(even, z))
print(tape.gradient(odd, z))

#@ rfft2d_gradient
x = tf.constant([[0.3, -1.2, 0.8, 2.0], [1.1, 0.4, -0.7, 0.2], [-0.5, 0.9, 1.6, -1.3]])
with tf.GradientTape() as tape:
  tape.watch(x)
  loss = tf.reduce_sum(tf.abs(tf.signal.rfft2d(x)))
print(tape.gradient(loss, x))

#@ irfft2d_gradient
z = tf.complex(tf.reshape(tf.range(6.0), [2, 3]), tf.ones([2, 3]))
with tf.GradientTape() as tape:
  tape.watch(z)
  loss = tf.reduce_sum(tf.signal.irfft2d(z) * tf.reshape(tf.range(8.0), [2, 4]))
print(tape.gradient(loss, z))

#@ fft_second_order
x = tf.constant([0.5, -1.0, 2.0])
with tf.GradientTape() as outer:
  outer.watch(x)
  with tf.GradientTape() as inner:
    inner.watch(x)
    y = tf.signal.fft(tf.complex(x, tf.zeros_like(x)))
    loss = tf.reduce_sum(tf.abs(y) ** 2)
  g = inner.gradient(loss, x)
print(g)
print(outer.jacobian(g, x))

#@ rfft_second_order
x = tf.constant([0.5, -1.0, 2.0, 1.0])
with tf.GradientTape() as outer:
  outer.watch(x)
  with tf.GradientTape() as inner:
    inner.watch(x)
    loss = tf.reduce_sum(tf.abs(tf.signal.rfft(x)) ** 2)
  g = inner.gradient(loss, x)
print(g)
print(outer.gradient(tf.reduce_sum(g * [1.0, 0.0, -1.0, 2.0]), x))

#@ fftshift_and_ifftshift
x = tf.constant([0, 1, 2, 3, 4, -5, -4, -3, -2, -1])
print(tf.signal.fftshift(x))
print(tf.signal.ifftshift(tf.signal.fftshift(x)))
m = tf.reshape(tf.range(9), [3, 3])
print(tf.signal.fftshift(m))
print(tf.signal.fftshift(m, axes=1))

#@ frame_basic_and_pad_end
x = tf.range(10)
print(tf.signal.frame(x, 4, 3))
print(tf.signal.frame(x, 4, 3, pad_end=True, pad_value=-1))

#@ frame_along_an_axis
x = tf.reshape(tf.range(12.0), [2, 6])
print(tf.signal.frame(x, 3, 2, axis=1))
print(tf.signal.frame(x, 1, 1, axis=0).shape)

#@ frame_too_short_signal
print(tf.signal.frame(tf.range(3), 5, 2).shape)
print(tf.signal.frame(tf.range(3), 5, 2, pad_end=True))

#@ frame_gradient
x = tf.range(6.0)
with tf.GradientTape() as tape:
  tape.watch(x)
  y = tf.reduce_sum(tf.signal.frame(x, 3, 1) * [1.0, 2.0, 3.0])
print(tape.gradient(y, x))

#@ overlap_and_add_values
frames = tf.reshape(tf.range(12.0), [3, 4])
print(tf.signal.overlap_and_add(frames, 2))
print(tf.signal.overlap_and_add(frames, 4))
print(tf.signal.overlap_and_add(frames, 3))
print(tf.signal.overlap_and_add(tf.ones([2, 3, 2]), 1))

#@ overlap_and_add_gradient
frames = tf.reshape(tf.range(6.0), [2, 3])
with tf.GradientTape() as tape:
  tape.watch(frames)
  y = tf.reduce_sum(tf.signal.overlap_and_add(frames, 2) * [1.0, 2.0, 3.0, 4.0, 5.0])
print(tape.gradient(y, frames))

#@ hann_and_hamming_windows
print(tf.signal.hann_window(5))
print(tf.signal.hann_window(5, periodic=False))
print(tf.signal.hann_window(6))
print(tf.signal.hamming_window(4))
print(tf.signal.hamming_window(4, periodic=False, dtype=tf.float64))
print(tf.signal.hann_window(1))

#@ window_dtype_must_be_float
tf.signal.hann_window(4, dtype=tf.int32)

#@ kaiser_and_kbd_windows
print(tf.signal.kaiser_window(5))
print(tf.signal.kaiser_window(6, beta=4.0))
print(tf.signal.kaiser_bessel_derived_window(6))
print(tf.signal.kaiser_bessel_derived_window(4, beta=2.0, dtype=tf.float64))

#@ vorbis_window
print(tf.signal.vorbis_window(6))
print(tf.signal.vorbis_window(3, dtype=tf.float64))

#@ stft_shape_and_values
x = tf.sin(tf.range(32.0) * 0.3)
s = tf.signal.stft(x, frame_length=8, frame_step=4)
print(s.shape, s.dtype)
print(tf.abs(s)[1])

#@ stft_with_fft_length_and_pad_end
x = tf.cos(tf.range(20.0) * 0.5)
s = tf.signal.stft(x, frame_length=6, frame_step=3, fft_length=8, pad_end=True)
print(s.shape)
print(tf.abs(s)[-1])

#@ stft_without_window_on_a_batch
x = tf.reshape(tf.range(24.0), [2, 12]) / 10.0
s = tf.signal.stft(x, 4, 4, window_fn=None)
print(s.shape)
print(tf.math.real(s)[1])

#@ inverse_stft_round_trip
x = tf.sin(tf.range(64.0) * 0.2)
s = tf.signal.stft(x, 16, 4)
y = tf.signal.inverse_stft(s, 16, 4, window_fn=tf.signal.inverse_stft_window_fn(4))
print(y.shape)
print(np.max(np.abs(y[16:-16] - x[16:-16])) < 1e-5)

#@ inverse_stft_window_fn_values
print(tf.signal.inverse_stft_window_fn(2)(4, dtype=tf.float32))
print(tf.signal.inverse_stft_window_fn(3, tf.signal.hamming_window)(8, dtype=tf.float64))

#@ inverse_stft_values
s = tf.complex(tf.reshape(tf.range(10.0), [2, 5]), tf.zeros([2, 5]))
print(tf.signal.inverse_stft(s, 8, 4))
print(tf.signal.inverse_stft(s, 6, 3, fft_length=8, window_fn=None))

#@ stft_gradient
x = tf.sin(tf.range(16.0) * 0.4)
with tf.GradientTape() as tape:
  tape.watch(x)
  power = tf.reduce_sum(tf.abs(tf.signal.stft(x, 8, 4)) ** 2)
print(tape.gradient(power, x))

#@ linear_to_mel_weight_matrix_values
m = tf.signal.linear_to_mel_weight_matrix(4, 9, 8000, 100.0, 3500.0)
print(m)

#@ linear_to_mel_weight_matrix_defaults
m = tf.signal.linear_to_mel_weight_matrix()
print(m.shape, m.dtype)
print(tf.reduce_sum(m, 0))

#@ linear_to_mel_errors
try:
  tf.signal.linear_to_mel_weight_matrix(4, 9, 8000, 100.0, 5000.0)
except ValueError as e:
  print(e)
tf.signal.linear_to_mel_weight_matrix(4, 9, 8000, 200.0, 100.0)

#@ mfccs_from_log_mel_spectrograms_values
log_mel = tf.math.log(tf.reshape(tf.range(1.0, 13.0), [3, 4]))
print(tf.signal.mfccs_from_log_mel_spectrograms(log_mel))

#@ dct_types_unnormalized
x = tf.constant([1.0, 2.0, 0.5, -1.0, 3.0])
for t in (1, 2, 3, 4):
  print(t, tf.signal.dct(x, type=t))

#@ dct_types_ortho
x = tf.constant([[1.0, 2.0, 0.5, -1.0], [0.0, 1.0, 0.0, -1.0]])
for t in (2, 3, 4):
  print(t, tf.signal.dct(x, type=t, norm="ortho"))

#@ idct_inverts_ortho_dct
x = tf.constant([1.0, 2.0, 0.5, -1.0, 3.0])
for t in (2, 3, 4):
  print(t, tf.signal.idct(tf.signal.dct(x, type=t, norm="ortho"), type=t, norm="ortho"))
print(tf.signal.idct(tf.signal.dct(x, type=1), type=1) / (2 * 4))

#@ dct_with_n
x = tf.constant([1.0, 2.0, 3.0, 4.0])
print(tf.signal.dct(x, n=2))
print(np.round(tf.signal.dct(x, n=6).numpy(), 4))

#@ dct_errors
for kwargs in [dict(type=5), dict(type=1, norm="ortho"), dict(norm="forward"), dict(n=0)]:
  try:
    tf.signal.dct(tf.ones([4]), **kwargs)
  except ValueError as e:
    print(e)
tf.signal.dct(tf.ones([4]), axis=0)

#@ dct_gradient
x = tf.constant([1.0, 2.0, 0.5, -1.0])
with tf.GradientTape(persistent=True) as tape:
  tape.watch(x)
  y2 = tf.reduce_sum(tf.signal.dct(x, norm="ortho") * [1.0, -1.0, 2.0, 0.5])
  y4 = tf.reduce_sum(tf.signal.dct(x, type=4) ** 2)
print(tape.gradient(y2, x))
print(tape.gradient(y4, x))

#@ mdct_and_inverse_mdct
x = tf.sin(tf.range(32.0) * 0.3)
m = tf.signal.mdct(x, 8)
print(m.shape)
print(m[1])
y = tf.signal.inverse_mdct(m)
print(y.shape)
print(y[4:12])

#@ mdct_ortho_round_trip
x = tf.cos(tf.range(24.0) * 0.7)
y = tf.signal.inverse_mdct(tf.signal.mdct(x, 8, norm="ortho"), norm="ortho")
print(np.max(np.abs(y[4:-4] - x[4:-4])) < 1e-5)
tf.signal.mdct(x, 6)

#@ spectrogram_pipeline
t = tf.range(400.0, dtype=tf.float64)
x = tf.sin(t * 0.05) + 0.1 * tf.cos(t * 0.9)
spectrogram = tf.abs(tf.signal.stft(x, 64, 32))
mel = tf.signal.linear_to_mel_weight_matrix(8, 33, 1000, 20.0, 500.0, dtype=tf.float64)
log_mel = tf.math.log(tf.tensordot(spectrogram, mel, 1) + 1e-6)
mfccs = tf.signal.mfccs_from_log_mel_spectrograms(log_mel)[..., :4]
print(spectrogram.shape, log_mel.shape, mfccs.shape)
print(mfccs[3])
