"""`tf.audio`: 16-bit PCM WAV files to float tensors in [-1, 1) and back.

    >>> wav = tf.audio.encode_wav(tf.constant([[0.5], [-0.5]]), 8000)
    >>> tf.audio.decode_wav(wav).audio.numpy().ravel().tolist()
    [0.5, -0.5]
"""
import collections
import struct

import numpy as np

from .framework import dtypes as D
from .framework.errors import InvalidArgumentError
from .framework.tensor import convert_to_tensor, wrap

__all__ = ["decode_wav", "encode_wav"]

DecodeWav = collections.namedtuple("DecodeWav", ["audio", "sample_rate"])


def _bytes(contents):
    v = convert_to_tensor(contents, dtype=D.string).numpy()
    return v if isinstance(v, bytes) else bytes(v)


def decode_wav(contents, desired_channels=-1, desired_samples=-1, name=None):
    """(audio [samples, channels] float32 in [-1, 1), sample_rate int32) of a 16-bit PCM WAV."""
    data = _bytes(contents)
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise InvalidArgumentError(None, None, "Header mismatch: Expected RIFF but found "
                                   + repr(data[:4].decode("latin-1")))
    pos, fmt, samples = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", body[:16])
        elif cid == b"data":
            samples = body
        pos += 8 + size + (size & 1)
    if fmt is None or samples is None:
        raise InvalidArgumentError(None, None, "Data chunk or fmt chunk missing from WAV file")
    audio_format, channels, rate, _, _, bits = fmt
    if audio_format != 1:
        raise InvalidArgumentError(None, None, f"Bad audio format for WAV: Expected 1 (PCM), but "
                                   f"got{audio_format}")
    if bits != 16:
        raise InvalidArgumentError(None, None, f"Can only read 16-bit WAV files, but received "
                                   f"{bits}")
    pcm = np.frombuffer(samples[:len(samples) // (2 * channels) * 2 * channels], "<i2")
    audio = (pcm.astype(np.float32) / 32768.0).reshape(-1, channels)
    if desired_channels > 0 and desired_channels != channels:
        if desired_channels < channels:
            audio = audio[:, :desired_channels]
        else:  # more channels than the file: the last one repeated
            audio = np.concatenate([audio] + [audio[:, -1:]] * (desired_channels - channels), 1)
    if desired_samples >= 0:
        n = audio.shape[0]
        audio = audio[:desired_samples] if n >= desired_samples else np.concatenate(
            [audio, np.zeros((desired_samples - n, audio.shape[1]), np.float32)])
    return DecodeWav(wrap(np.ascontiguousarray(audio, np.float32)),
                     wrap(np.array(rate, np.int32)))


def encode_wav(audio, sample_rate, name=None):
    """A 16-bit PCM WAV file (a scalar string) of `audio` ([samples, channels] floats)."""
    a = np.asarray(convert_to_tensor(audio, dtype=D.float32).numpy())
    if a.ndim != 2:
        raise InvalidArgumentError(None, None, f"audio must be 2-dimensional [length, channels], "
                                   f"got shape {list(a.shape)}")
    rate = int(convert_to_tensor(sample_rate, dtype=D.int32).numpy())
    pcm = np.clip(np.round(a * 32768.0), -32768, 32767).astype("<i2").tobytes()
    channels = a.shape[1]
    header = b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, channels, rate, rate * channels * 2, channels * 2, 16)
    return wrap(np.array(header + b"data" + struct.pack("<I", len(pcm)) + pcm, dtype=object))
