"""TF's counter-based bit generators, vectorised over NumPy arrays.

Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011) maps a
128-bit counter and a 64-bit key to four 32-bit words; TF's random kernels draw block after block
from consecutive counters. Everything here is whole-array uint32/uint64 arithmetic: `blocks(key,
counter, n)` computes n blocks at once.

    >>> philox_blocks((0, 0), (0, 0, 0, 0), 1).shape
    (1, 4)
"""
import numpy as np

_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = 0x9E3779B9
_W1 = 0xBB67AE85
_MASK32 = 0xFFFFFFFF
_SHIFT32 = np.uint64(32)


def counter_add(counter, n):
    """The 128-bit counter (4 uint32 words, least significant first) plus the integer `n`."""
    c = sum(int(w) << (32 * i) for i, w in enumerate(counter))
    c = (c + int(n)) % (1 << 128)
    return tuple((c >> (32 * i)) & _MASK32 for i in range(4))


def philox_blocks(key, counter, n, start=0):
    """Philox4x32-10 output for counters counter+start .. counter+start+n-1: an (n, 4) uint32 array
    (row i is the block TF's generator returns after skipping start+i blocks)."""
    base = sum(int(w) << (32 * i) for i, w in enumerate(counter)) + int(start)
    lo64 = base & ((1 << 64) - 1)
    idx = np.arange(n, dtype=np.uint64)
    low = idx + np.uint64(lo64)  # wraps modulo 2**64
    carry = (low < idx).astype(np.uint64)  # overflow of the low 64 bits
    hi64 = (base >> 64) & ((1 << 64) - 1)
    high = carry + np.uint64(hi64)
    return _rounds(key, low, high)


def _rounds(key, low, high):
    """The ten Philox rounds over 128-bit counters given as (low, high) uint64 arrays."""
    c0 = (low & np.uint64(_MASK32)).astype(np.uint32)
    c1 = (low >> _SHIFT32).astype(np.uint32)
    c2 = (high & np.uint64(_MASK32)).astype(np.uint32)
    c3 = (high >> _SHIFT32).astype(np.uint32)
    k0, k1 = int(key[0]) & _MASK32, int(key[1]) & _MASK32
    for _ in range(10):
        p0 = _M0 * c0.astype(np.uint64)
        p1 = _M1 * c2.astype(np.uint64)
        c0, c1, c2, c3 = ((p1 >> _SHIFT32).astype(np.uint32) ^ c1 ^ np.uint32(k0),
                          p1.astype(np.uint32),
                          (p0 >> _SHIFT32).astype(np.uint32) ^ c3 ^ np.uint32(k1),
                          p0.astype(np.uint32))
        k0, k1 = (k0 + _W0) & _MASK32, (k1 + _W1) & _MASK32
    out = np.empty((len(c0), 4), np.uint32)
    out[:, 0], out[:, 1], out[:, 2], out[:, 3] = c0, c1, c2, c3
    return out


def philox_words(key, counter, nwords, start=0):
    """The first `nwords` uint32 outputs of the stream that starts `start` blocks on."""
    return philox_blocks(key, counter, (nwords + 3) // 4, start).reshape(-1)[:nwords]


def key_counter_from_seed(seed0, seed1):
    """TF's scrambling of a stateless seed pair (two int64) into a Philox key and counter: one
    Philox block of counter = (seed0, seed1) under a fixed key gives key = words 0..1 and the
    counter's high half = words 2..3."""
    s0, s1 = int(seed0) & ((1 << 64) - 1), int(seed1) & ((1 << 64) - 1)
    ctr = (s0 & _MASK32, s0 >> 32, s1 & _MASK32, s1 >> 32)
    mix = philox_blocks((0x3EC8F720, 0x02461E29), ctr, 1)[0]
    return (int(mix[0]), int(mix[1])), (0, 0, int(mix[2]), int(mix[3]))


# ============================================================================================
# TF's conversions from random words to values (random_distributions.h), per output element
# ============================================================================================
_TWO_PI = 2 * np.pi


def words_to_float32(w):
    """Uniform [0, 1): 23 random mantissa bits under exponent 0, minus 1."""
    return ((w & np.uint32(0x7FFFFF)) | np.uint32(127 << 23)).view(np.float32) - np.float32(1)


def words_to_float16(w):
    """Uniform [0, 1) in half precision from the low 10 bits of each word."""
    bits = ((w & np.uint32(0x3FF)) | np.uint32(15 << 10)).astype(np.uint16)
    return bits.view(np.float16) - np.float16(1)


def words_to_float64(w):
    """Uniform [0, 1) from consecutive word pairs: 20 + 32 mantissa bits."""
    w = w.reshape(-1, 2).astype(np.uint64)
    man = ((w[:, 0] & np.uint64(0xFFFFF)) << _SHIFT32) | w[:, 1]
    return (man | np.uint64(1023 << 52)).view(np.float64) - 1.0


def words_to_uint64(w):
    """One 64-bit integer per consecutive word pair (the first word is the low half)."""
    w = w.reshape(-1, 2).astype(np.uint64)
    return w[:, 0] | (w[:, 1] << _SHIFT32)


def box_muller32(w):
    """Normal float32 pairs from word pairs with TF's float Box-Muller (glibc logf/sincosf)."""
    from ._libm32 import logf, sincosf
    u = words_to_float32(w).reshape(-1, 2)
    u1 = np.maximum(u[:, 0], np.float32(1.0e-7))
    v1 = (_TWO_PI * u[:, 1].astype(np.float64)).astype(np.float32)
    u2 = np.sqrt(np.float32(-2.0) * logf(u1))
    s, c = sincosf(v1)
    out = np.empty((len(u1), 2), np.float32)
    out[:, 0] = s * u2
    out[:, 1] = c * u2
    return out.reshape(-1)


def box_muller64(w):
    """Normal float64 pairs from groups of four words (two doubles) with TF's double
    Box-Muller; the C library's double log, sin and cos via `math`."""
    import math
    u = words_to_float64(w).reshape(-1, 2)
    u1 = np.maximum(u[:, 0], 1.0e-7)
    v1 = _TWO_PI * u[:, 1]
    logs = np.fromiter(map(math.log, u1.tolist()), np.float64, len(u1))
    u2 = np.sqrt(-2.0 * logs)
    vl = v1.tolist()
    out = np.empty((len(u1), 2))
    out[:, 0] = np.fromiter(map(math.sin, vl), np.float64, len(vl)) * u2
    out[:, 1] = np.fromiter(map(math.cos, vl), np.float64, len(vl)) * u2
    return out.reshape(-1)


def _words_per_output(kind, np_dtype):
    wide = np.dtype(np_dtype).itemsize == 8
    return 2 if wide else 1


def uniform(key, counter, n, np_dtype, start=0):
    """n uniform [0, 1) values of a float dtype, from the stream at block `start`."""
    np_dtype = np.dtype(np_dtype)
    if np_dtype == np.float64:
        return words_to_float64(philox_words(key, counter, 2 * n, start))
    w = philox_words(key, counter, n, start)
    if np_dtype == np.float16:
        return words_to_float16(w)
    return words_to_float32(w).astype(np_dtype, copy=False)


def full_int(key, counter, n, np_dtype, start=0):
    """n integers covering the whole range of a 32- or 64-bit integer dtype."""
    np_dtype = np.dtype(np_dtype)
    if np_dtype.itemsize == 8:
        return words_to_uint64(philox_words(key, counter, 2 * n, start)).view(np_dtype)
    return philox_words(key, counter, n, start).view(np_dtype)


def uniform_int(key, counter, n, lo, hi, np_dtype, start=0):
    """n integers in [lo, hi): lo + (random word(s) mod (hi - lo)), as TF (slightly biased
    unless hi - lo is a power of two)."""
    np_dtype = np.dtype(np_dtype)
    lo, hi = int(lo), int(hi)
    rng = hi - lo
    if np_dtype.itemsize == 8:
        bits = words_to_uint64(philox_words(key, counter, 2 * n, start))
        off = bits % np.uint64(rng)
        return (off + np.uint64(lo & ((1 << 64) - 1))).view(np.int64).astype(np_dtype)
    bits = philox_words(key, counter, n, start)
    off = bits % np.uint32(rng)
    return (off + np.uint32(lo & _MASK32)).view(np.int32).astype(np_dtype)


def normal(key, counter, n, np_dtype, start=0):
    """n standard normal values: float pairs per word pair, double pairs per block."""
    np_dtype = np.dtype(np_dtype)
    if np_dtype == np.float64:
        m = (n + 1) // 2
        return box_muller64(philox_words(key, counter, 4 * m, start))[:n]
    m = (n + 1) // 2
    return box_muller32(philox_words(key, counter, 2 * m, start))[:n].astype(np_dtype)


def truncated_normal(key, counter, n, np_dtype, start=0):
    """n standard normal values inside (-2, 2), drawn as TF's CPU kernel does: outputs come in
    groups (4 for half/float, 2 for double); group g reads its own sub-stream starting
    256 samples per output further on (block start + g * 256 for floats, g * 128 for doubles)
    and keeps the Box-Muller values under 2 in magnitude, in order, until the group is full."""
    np_dtype = np.dtype(np_dtype)
    wide = np_dtype == np.float64
    group = 2 if wide else 4
    stride = 128 if wide else 256
    groups = (n + group - 1) // group
    out = np.empty((groups, group), np.float64 if wide else np.float32)
    filled = np.zeros(groups, np.int64)
    todo = np.arange(groups)
    step = 0
    while len(todo):
        base = int(start)
        # one block per pending group: 4 words give 2 float pairs or 1 double pair
        blocks = np.empty((len(todo), 4), np.uint32)
        # groups are spread out, so compute each group's block from its own counter
        first = todo * stride + step
        blocks[:] = _blocks_at(key, counter, base + first)
        vals = box_muller64(blocks.reshape(-1)) if wide else box_muller32(blocks.reshape(-1))
        vals = vals.reshape(len(todo), -1)
        ok = np.abs(vals) < 2.0
        rank = np.cumsum(ok, axis=1) - 1 + filled[todo][:, None]
        place = ok & (rank < group)
        rows = np.broadcast_to(todo[:, None], vals.shape)[place]
        out[rows, rank[place]] = vals[place]
        filled[todo] = np.minimum(rank[:, -1] + 1, group)
        todo = todo[filled[todo] < group]
        step += 1
    return out.reshape(-1)[:n].astype(np_dtype)


def _blocks_at(key, counter, offsets):
    """Philox blocks at arbitrary block offsets (an int64 array) from `counter`."""
    offsets = np.asarray(offsets, np.uint64)
    if len(offsets) == 0:
        return np.empty((0, 4), np.uint32)
    lo = int(counter[0]) | (int(counter[1]) << 32)
    hi = int(counter[2]) | (int(counter[3]) << 32)
    low = offsets + np.uint64(lo)
    carry = (low < offsets).astype(np.uint64)
    high = carry + np.uint64(hi)
    return _rounds(key, low, high)
