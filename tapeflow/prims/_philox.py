"""TF's counter-based bit generators, vectorised over NumPy arrays.

Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011) maps a
128-bit counter and a 64-bit key to four 32-bit words; TF's random kernels draw block after block
from consecutive counters. Everything here is whole-array uint32/uint64 arithmetic: `blocks(key,
counter, n)` computes n blocks at once.

    >>> philox_blocks((0, 0), (0, 0, 0, 0), 1).shape
    (1, 4)
"""
import math

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
    base %= 1 << 128
    if n <= _PY_BLOCKS:
        return _rounds_py(key, base, n)
    lo64, hi64 = base & ((1 << 64) - 1), base >> 64
    if lo64 + n <= 1 << 64:  # no carry into the high half: counters made chunk by chunk
        return _rounds(key, (lo64, n), hi64)
    idx = np.arange(n, dtype=np.uint64)
    low = idx + np.uint64(lo64)  # wraps modulo 2**64
    carry = (low < idx).astype(np.uint64)  # overflow of the low 64 bits
    high = (carry + np.uint64(hi64)) if hi64 < (1 << 64) - 1 else np.where(
        carry == 1, np.uint64(0), np.uint64(hi64))
    return _rounds(key, low, high)


_CHUNK = 1 << 14  # blocks per pass: the working arrays stay in cache
_PY_BLOCKS = 4  # up to this many blocks, Python integers beat NumPy's per-call overhead


def _rounds_py(key, base, n):
    """The ten Philox rounds in Python integers for the n blocks from the 128-bit counter `base`
    (a few blocks: a stateless seed's scramble, small draws)."""
    out = np.empty((n, 4), np.uint32)
    k0, k1 = int(key[0]) & _MASK32, int(key[1]) & _MASK32
    for i in range(n):
        c = (base + i) % (1 << 128)
        c0, c1, c2, c3 = c & _MASK32, (c >> 32) & _MASK32, (c >> 64) & _MASK32, c >> 96
        a, b = k0, k1
        for _ in range(10):
            p0 = 0xD2511F53 * c0
            p1 = 0xCD9E8D57 * c2
            c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ a), p1 & _MASK32, ((p0 >> 32) ^ c3 ^ b), \
                p0 & _MASK32
            a, b = (a + _W0) & _MASK32, (b + _W1) & _MASK32
        out[i] = (c0, c1, c2, c3)
    return out


def _rounds(key, low, high):
    """The ten Philox rounds over 128-bit counters: `low` a uint64 array or (first, count) for
    consecutive values, `high` a uint64 array or one int; an (n, 4) uint32 array. `key` is one
    key (two 32-bit words) or a pair of uint64 arrays holding each block's key words (several
    streams at once). Words live in uint64 arrays (values below 2**32) so each 32 x 32-bit
    product is one exact uint64 multiply; the work runs in cache-sized chunks, in place."""
    run = isinstance(low, tuple)
    n = low[1] if run else len(low)
    out = np.empty((n, 4), np.uint32)
    per_block = isinstance(key[0], np.ndarray)
    k0s, k1s = [], []
    if not per_block:
        k0, k1 = int(key[0]) & _MASK32, int(key[1]) & _MASK32
        for _ in range(10):
            k0s.append(np.uint64(k0))
            k1s.append(np.uint64(k1))
            k0, k1 = (k0 + _W0) & _MASK32, (k1 + _W1) & _MASK32
    mask = np.uint64(_MASK32)
    size = min(n, _CHUNK)
    c0, c1, c2, c3 = (np.empty(size, np.uint64) for _ in range(4))
    p0, p1 = np.empty(size, np.uint64), np.empty(size, np.uint64)
    if per_block:
        r0, r1 = np.empty(size, np.uint64), np.empty(size, np.uint64)
        w0, w1 = np.uint64(_W0), np.uint64(_W1)
    for start in range(0, n, _CHUNK):
        stop = min(n, start + _CHUNK)
        m = stop - start
        a0, a1, a2, a3, q0, q1 = c0[:m], c1[:m], c2[:m], c3[:m], p0[:m], p1[:m]
        if run:
            lo = np.arange(start, stop, dtype=np.uint64) + np.uint64(low[0])
        else:
            lo = low[start:stop]
        np.bitwise_and(lo, mask, out=a0)
        np.right_shift(lo, _SHIFT32, out=a1)
        if isinstance(high, np.ndarray):
            hi = high[start:stop]
            np.bitwise_and(hi, mask, out=a2)
            np.right_shift(hi, _SHIFT32, out=a3)
        else:
            a2[:] = int(high) & _MASK32
            a3[:] = int(high) >> 32
        if per_block:
            b0, b1 = r0[:m], r1[:m]
            b0[:] = key[0][start:stop]
            b1[:] = key[1][start:stop]
        for r in range(10):
            np.multiply(a0, _M0, out=q0)
            np.multiply(a2, _M1, out=q1)
            # new c0 = hi(p1) ^ c1 ^ k0; new c2 = hi(p0) ^ c3 ^ k1; new c1 = lo(p1); c3 = lo(p0)
            np.right_shift(q1, _SHIFT32, out=a0)
            np.bitwise_xor(a0, a1, out=a0)
            np.right_shift(q0, _SHIFT32, out=a2)
            np.bitwise_xor(a2, a3, out=a2)
            if per_block:
                np.bitwise_xor(a0, b0, out=a0)
                np.bitwise_xor(a2, b1, out=a2)
                np.add(b0, w0, out=b0)
                np.bitwise_and(b0, mask, out=b0)
                np.add(b1, w1, out=b1)
                np.bitwise_and(b1, mask, out=b1)
            else:
                np.bitwise_xor(a0, k0s[r], out=a0)
                np.bitwise_xor(a2, k1s[r], out=a2)
            np.bitwise_and(q1, mask, out=a1)
            np.bitwise_and(q0, mask, out=a3)
        blk = out[start:stop]
        blk[:, 0], blk[:, 1], blk[:, 2], blk[:, 3] = a0, a1, a2, a3
    return out


def philox_words(key, counter, nwords, start=0):
    """The first `nwords` uint32 outputs of the stream that starts `start` blocks on; for
    `Streams` (counter unused), the first `nwords` words of each stream one after another."""
    if isinstance(key, Streams):
        return key.words(nwords, start).reshape(-1)
    return philox_blocks(key, counter, (nwords + 3) // 4, start).reshape(-1)[:nwords]


_MASK64 = (1 << 64) - 1


class Streams:
    """Several Philox streams drawn at once (vmap's batched seeds and batched stateful draws):
    stream i has key (k0[i], k1[i]) and starts `start[i]` blocks after the 128-bit counter
    (lo[i], hi[i]). The samplers below take a `Streams` where they take a key, and return the
    streams' values one stream after another.

        >>> s = Streams.of([((1, 2), (0, 0, 3, 4))], starts=[5])
        >>> s.words(4).tolist() == [philox_words((1, 2), (0, 0, 3, 4), 4, 5).tolist()]
        True
    """

    def __init__(self, k0, k1, lo, hi, start):
        self.k0, self.k1 = k0, k1  # uint64 arrays of 32-bit words
        self.lo, self.hi = lo, hi  # uint64 arrays: the counter's halves
        self.start = start         # int64 array: blocks already skipped

    @classmethod
    def of(cls, pairs, starts=None):
        """Streams from (key words, counter words) pairs (as the single-stream functions take)."""
        k0 = np.array([int(k[0]) & _MASK32 for k, _ in pairs], np.uint64)
        k1 = np.array([int(k[1]) & _MASK32 for k, _ in pairs], np.uint64)
        lo = np.array([int(c[0]) | (int(c[1]) << 32) for _, c in pairs], np.uint64)
        hi = np.array([int(c[2]) | (int(c[3]) << 32) for _, c in pairs], np.uint64)
        start = np.zeros(len(pairs), np.int64) if starts is None else np.asarray(starts, np.int64)
        return cls(k0, k1, lo, hi, start)

    @classmethod
    def from_tensors(cls, keys, counters):
        """Streams from TF's key and counter tensors: keys [B, 1] and counters [B, 2] uint64."""
        keys = np.asarray(keys, np.uint64).reshape(-1)
        counters = np.asarray(counters, np.uint64).reshape(-1, 2)
        return cls(keys & np.uint64(_MASK32), keys >> _SHIFT32, counters[:, 0].copy(),
                   counters[:, 1].copy(), np.zeros(len(keys), np.int64))

    @classmethod
    def repeated(cls, key, counter, starts):
        """One key and counter read from several starting blocks (a stateful kernel's reserved
        ranges)."""
        starts = np.asarray(starts, np.int64)
        n = len(starts)
        return cls(np.full(n, int(key[0]) & _MASK32, np.uint64),
                   np.full(n, int(key[1]) & _MASK32, np.uint64),
                   np.full(n, int(counter[0]) | (int(counter[1]) << 32), np.uint64),
                   np.full(n, int(counter[2]) | (int(counter[3]) << 32), np.uint64), starts)

    def __len__(self):
        return len(self.k0)

    def blocks_at(self, which, offsets):
        """The blocks of streams `which` at block `offsets` past their starts: (n, 4) uint32."""
        which = np.asarray(which, np.int64)
        if not len(which):
            return np.empty((0, 4), np.uint32)
        skip = (self.start[which] + np.asarray(offsets, np.int64)).astype(np.uint64)
        base = self.lo[which]
        low = base + skip  # wraps modulo 2**64
        carry = (low < base).astype(np.uint64)
        high = self.hi[which] + carry  # wraps modulo 2**64: the counter is 128 bits
        return _rounds((self.k0[which], self.k1[which]), low, high)

    def words(self, nwords, start=0):
        """The first `nwords` words of every stream (`start` more blocks on): (B, nwords)."""
        m = (nwords + 3) // 4
        b = len(self)
        which = np.repeat(np.arange(b), m)
        offsets = np.tile(np.arange(m, dtype=np.int64), b) + int(start)
        return self.blocks_at(which, offsets).reshape(b, 4 * m)[:, :nwords]


def _per_stream(values, key, n):
    """The first n values of each stream (flat), from a sampler's values of whole word groups."""
    if isinstance(key, Streams):
        return values.reshape(len(key), -1)[:, :n].reshape(-1)
    return values[:n]


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


_PY_PAIRS = 8  # up to this many pairs, Python floats beat NumPy's per-call overhead


def box_muller32(w):
    """Normal float32 pairs from word pairs with TF's float Box-Muller (glibc logf/sincosf)."""
    from ._libm32 import logf, sincosf
    if len(w) <= 2 * _PY_PAIRS:
        return _box_muller32_py(w)
    u = words_to_float32(w).reshape(-1, 2)
    u1 = np.maximum(u[:, 0], np.float32(1.0e-7))
    v1 = (_TWO_PI * u[:, 1].astype(np.float64)).astype(np.float32)
    u2 = np.sqrt(np.float32(-2.0) * logf(u1))
    s, c = sincosf(v1)
    out = np.empty((len(u1), 2), np.float32)
    out[:, 0] = s * u2
    out[:, 1] = c * u2
    return out.reshape(-1)


def _box_muller32_py(w):
    """box_muller32 for a few word pairs, with the same roundings in Python floats."""
    from ._libm32 import f32, logf_scalar, sincosf_scalar
    out = np.empty(len(w), np.float32)
    lowest = f32(1.0e-7)
    words = w.tolist()
    for j in range(0, len(words), 2):
        u1 = max((words[j] & 0x7FFFFF) / 8388608.0, lowest)  # exact: 23 mantissa bits
        v1 = f32(_TWO_PI * ((words[j + 1] & 0x7FFFFF) / 8388608.0))
        u2 = f32(math.sqrt(-2.0 * logf_scalar(u1)))
        s, c = sincosf_scalar(v1)
        out[j] = s * u2
        out[j + 1] = c * u2
    return out


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
    unless hi - lo is a power of two). For `Streams`, lo and hi may hold one bound per stream."""
    np_dtype = np.dtype(np_dtype)
    if isinstance(key, Streams) and np.ndim(lo) + np.ndim(hi):
        lo = np.broadcast_to(np.asarray(lo, np.int64).reshape(-1, 1), (len(key), 1))
        hi = np.broadcast_to(np.asarray(hi, np.int64).reshape(-1, 1), (len(key), 1))
        wide = np_dtype.itemsize == 8
        bits = philox_words(key, counter, 2 * n if wide else n, start)
        bits = (words_to_uint64(bits) if wide else bits.astype(np.uint64)).reshape(len(key), n)
        mask = np.uint64(_MASK64 if wide else _MASK32)
        rng = (hi - lo).astype(np.uint64) & mask
        off = (bits % rng + (lo.astype(np.uint64) & mask)) & mask
        signed = off.view(np.int64) if wide else off.astype(np.uint32).view(np.int32)
        return signed.astype(np_dtype).reshape(-1)
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
        return _per_stream(box_muller64(philox_words(key, counter, 4 * m, start)), key, n)
    m = (n + 1) // 2
    return _per_stream(box_muller32(philox_words(key, counter, 2 * m, start)), key,
                       n).astype(np_dtype)


def truncated_normal(key, counter, n, np_dtype, start=0):
    """n standard normal values inside (-2, 2), drawn as TF's CPU kernel does: outputs come in
    groups (4 for half/float, 2 for double); group g reads its own sub-stream starting
    256 samples per output further on (block start + g * 256 for floats, g * 128 for doubles)
    and keeps the Box-Muller values under 2 in magnitude, in order, until the group is full."""
    np_dtype = np.dtype(np_dtype)
    wide = np_dtype == np.float64
    group = 2 if wide else 4
    stride = 128 if wide else 256
    per = (n + group - 1) // group  # groups per stream
    b = len(key) if isinstance(key, Streams) else 1
    groups = per * b
    out = np.empty((groups, group), np.float64 if wide else np.float32)
    filled = np.zeros(groups, np.int64)
    todo = np.arange(groups)
    step = 0
    while len(todo):
        base = int(start)
        # one block per pending group: 4 words give 2 float pairs or 1 double pair
        blocks = np.empty((len(todo), 4), np.uint32)
        # groups are spread out, so compute each group's block from its own counter
        first = (todo % per) * stride + step
        if b > 1 or isinstance(key, Streams):
            blocks[:] = key.blocks_at(todo // per, base + first)
        else:
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
    return out.reshape(b, -1)[:, :n].reshape(-1).astype(np_dtype)


def _blocks_at(key, counter, offsets):
    """Philox blocks at arbitrary block offsets (an int64 array) from `counter`."""
    offsets = np.asarray(offsets, np.uint64)
    if len(offsets) == 0:
        return np.empty((0, 4), np.uint32)
    lo = int(counter[0]) | (int(counter[1]) << 32)
    hi = int(counter[2]) | (int(counter[3]) << 32)
    low = offsets + np.uint64(lo)
    carry = (low < offsets).astype(np.uint64)
    high = carry + np.uint64(hi) if hi < (1 << 64) - 1 else np.where(
        carry == 1, np.uint64(0), np.uint64(hi))
    return _rounds(key, low, high)


# ============================================================================================
# How TF's CPU thread pool splits a loop (Eigen's parallelFor cost model), for the kernels whose
# draws depend on where a work block starts (multinomial)
# ============================================================================================
def cpu_threads():
    """TF's default intra-op thread count: the CPUs this process may run on."""
    import os
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parallel_blocks(n, cost, threads=None):
    """The [start, limit) ranges Eigen's ThreadPoolDevice::parallelFor hands to workers for `n`
    units costing `cost` cycles each (one range when the work is too small to split)."""
    threads = cpu_threads() if threads is None else threads
    if n <= 1 or threads == 1:
        return [(0, n)]
    want = int(min(float(threads), max(1.0, (n * cost - 100000.0) / 100000.0 + 0.9)))
    if want <= 1:
        return [(0, n)]

    def divup(a, b):
        return -(-a // b)
    block = min(n, max(divup(n, 4 * threads), int(40000.0 / cost)))
    max_block = min(n, 2 * block)
    count = divup(n, block)
    best = count / (divup(count, threads) * threads)
    prev = count
    while best < 1.0 and prev > 1:
        coarser = divup(n, prev - 1)
        if coarser > max_block:
            break
        coarser_count = divup(n, coarser)
        prev = coarser_count
        eff = coarser_count / (divup(coarser_count, threads) * threads)
        if eff + 0.01 >= best:
            block, count = coarser, coarser_count
            best = max(best, eff)
    return [(i * block, min(n, (i + 1) * block)) for i in range(count)]


def multinomial(key, counter, logits, num_samples, threads=None):
    """Class indices [batch, num_samples] as TF's CPU Multinomial kernel draws them: per row an
    unnormalised CDF of exp(logit - max) over the finite logits (in double), and per sample
    upper_bound(cdf, u * total) with u a double from two words. A work block of rows starting at
    row s reads the stream from block s * (num_samples + 3) // 4, one row after another."""
    logits = np.asarray(logits)
    if isinstance(key, Streams):  # logits [B, batch, classes]: stream i draws for logits[i]
        b, batch, k = logits.shape
        out = np.empty((b, batch, num_samples), np.int64)
        if batch == 0 or num_samples == 0 or b == 0:
            return out
        cdf, total = _multinomial_cdf(logits.reshape(b * batch, k))
        cdf, total = cdf.reshape(b, batch, k), total.reshape(b, batch)
        cost = 50 * (num_samples * np.log(k) / np.log(2) + k)
        for start, limit in parallel_blocks(batch, int(cost), threads):
            rows = limit - start
            words = key.words(2 * num_samples * rows, start * (num_samples + 3) // 4)
            u = words_to_float64(words.reshape(-1)).reshape(b, rows, num_samples) * \
                total[:, start:limit, None]
            for i in range(b):
                for r in range(rows):
                    out[i, start + r] = np.searchsorted(cdf[i, start + r], u[i, r], side="right")
        return out
    batch, k = logits.shape
    out = np.empty((batch, num_samples), np.int64)
    if batch == 0 or num_samples == 0:
        return out
    cdf, total = _multinomial_cdf(logits)
    cost = 50 * (num_samples * np.log(k) / np.log(2) + k)
    for start, limit in parallel_blocks(batch, int(cost), threads):
        rows = limit - start
        words = philox_words(key, counter, 2 * num_samples * rows,
                             start * (num_samples + 3) // 4)
        u = words_to_float64(words).reshape(rows, num_samples) * total[start:limit, None]
        for r in range(rows):
            out[start + r] = np.searchsorted(cdf[start + r], u[r], side="right")
    return out


def _multinomial_cdf(logits):
    """Per row, the unnormalised CDF of exp(logit - max) over the finite logits, in double."""
    finite = np.isfinite(logits)
    lowest = np.finfo(logits.dtype).min if logits.dtype.kind == "f" else np.iinfo(logits.dtype).min
    top = np.where(finite, logits, lowest).max(axis=1).astype(np.float64)
    terms = np.exp(logits.astype(np.float64) - top[:, None])
    cdf = np.cumsum(np.where(finite, terms, 0.0), axis=1)
    return cdf, cdf[:, -1]


def shuffle_permutation(key, counter, size):
    """TF's RandomShuffle order: for i = 0 .. size-2, swap i with i + word_i % (size - i)."""
    if isinstance(key, Streams):  # one permutation per stream: [B, size]
        b = len(key)
        words = key.words(max(size - 1, 0)).astype(np.int64)
        picks = (words % np.arange(size, 1, -1, dtype=np.int64)) + np.arange(size - 1)
        perm = np.tile(np.arange(size, dtype=np.int64), (b, 1))
        rows = np.arange(b)
        for i in range(size - 1):  # the swaps are sequential; each runs over all streams
            j = picks[:, i]
            a, c = perm[:, i].copy(), perm[rows, j]
            perm[:, i] = c
            perm[rows, j] = a
        return perm
    words = philox_words(key, counter, max(size - 1, 0)).astype(np.int64)
    picks = (words % np.arange(size, 1, -1, dtype=np.int64)) + np.arange(size - 1)
    perm = list(range(size))
    for i, j in enumerate(picks.tolist()):
        perm[i], perm[j] = perm[j], perm[i]
    return np.asarray(perm, np.int64)


# ============================================================================================
# Rejection samplers: every output owns the sub-stream starting 256 blocks per output further
# on, and draws normals / uniforms from it block by block, as TF's CPU kernels do
# ============================================================================================
def _block_normals(blocks, dt):
    """The values one NormalDistribution call makes of each block: 4 (half/float) or 2."""
    flat = blocks.reshape(-1)
    if dt == np.float64:
        return box_muller64(flat).reshape(len(blocks), 2)
    return box_muller32(flat).astype(dt).reshape(len(blocks), 4)


def _block_uniforms(blocks, dt):
    flat = blocks.reshape(-1)
    if dt == np.float64:
        return words_to_float64(flat).reshape(len(blocks), 2)
    if dt == np.float16:
        return words_to_float16(flat).reshape(len(blocks), 4)
    return words_to_float32(flat).reshape(len(blocks), 4)


def _log(x):
    """The C library's log in x's precision (half goes through float)."""
    if x.dtype == np.float64:
        import math
        return np.fromiter(map(math.log, x.tolist()), np.float64, len(x)) if len(x) else x
    from ._libm32 import logf
    return logf(x.astype(np.float32)).astype(x.dtype)


class _Draws:
    """Per-output buffers of normal and uniform values, refilled one block at a time."""

    def __init__(self, key, counter, n_out, dt, first, per_output=256, positions=None,
                 which=None):
        self.key, self.counter, self.dt = key, counter, dt
        self.which = which  # with `Streams`: the stream of each output
        self.pos = (np.arange(n_out, dtype=np.int64) * per_output + int(first)
                    if positions is None else np.asarray(positions, np.int64).copy())
        width = 2 if dt == np.float64 else 4
        self.nbuf = np.zeros((n_out, width), dt)
        self.ubuf = np.zeros((n_out, width), dt)
        self.nrem = np.zeros(n_out, np.int64)
        self.urem = np.zeros(n_out, np.int64)
        self.width = width

    def _take(self, idx, buf, rem, convert):
        need = idx[rem[idx] == 0]
        if len(need):
            blocks = (self.key.blocks_at(self.which[need], self.pos[need])
                      if self.which is not None else
                      _blocks_at(self.key, self.counter, self.pos[need]))
            buf[need] = convert(blocks, self.dt)
            self.pos[need] += 1
            rem[need] = self.width
        rem[idx] -= 1
        return buf[idx, rem[idx]]

    def normal(self, idx):
        return self._take(idx, self.nbuf, self.nrem, _block_normals)

    def uniform(self, idx):
        return self._take(idx, self.ubuf, self.urem, _block_uniforms)


def gamma(key, counter, alpha, num_samples):
    """Gamma(alpha, 1) samples [num_samples, *alpha.shape] by Marsaglia and Tsang's method with
    TF's arithmetic in alpha's dtype (alpha < 1: boosted by one, times u ** (1 / alpha)).
    Output o = sample * num_alphas + alpha_index reads the sub-stream of index
    alpha_index * num_samples + sample. With `Streams`, alpha is [B, ...] and stream i samples
    for alpha[i]: the result is [B, num_samples, ...]."""
    dt = alpha.dtype.type
    flat = alpha.reshape(-1)
    nb = len(key) if isinstance(key, Streams) else 1
    num_alphas = len(flat) // nb if nb else 0
    n_out = len(flat) * num_samples
    a = np.repeat(flat, num_samples)  # output_idx order: alpha-major
    small = a < dt(1)
    d = a + np.where(small, dt(2) / dt(3), dt(-1) / dt(3)).astype(dt)
    c = (dt(1) / dt(3)) / np.sqrt(d)
    draws = _sub_streams(key, counter, n_out, nb, dt)
    res = np.zeros(n_out, dt)
    expo = np.nonzero(a == dt(1))[0]  # alpha = 1: an exponential, -log1p(-u)
    if len(expo):
        res[expo] = -_cmap("log1p", -draws.uniform(expo).astype(np.float64)).astype(dt)
    todo = np.nonzero(a != dt(1))[0]
    with np.errstate(all="ignore"):
        while len(todo):
            x = draws.normal(todo)
            v = dt(1) + c[todo] * x
            go = v > 0
            idx, x, v = todo[go], x[go], v[go]
            v = v * v * v
            u = draws.uniform(idx)
            xx = x * x
            ok = u < dt(1) - dt(0.0331) * xx * xx
            rest = ~ok
            if np.any(rest):
                vr, dr = v[rest], d[idx[rest]]
                ok[rest] = _log(u[rest]) < dt(0.5) * x[rest] * x[rest] + dr * (dt(1) - vr + _log(vr))
            acc = idx[ok]
            out = d[acc] * v[ok]
            boost = small[acc]
            if np.any(boost):
                from ._libm32 import cfunc
                b = acc[boost]
                u2 = draws.uniform(b)
                expo = (dt(1) / a[b]).astype(dt)
                p = cfunc("pow", u2.astype(np.float64 if dt == np.float64 else np.float32),
                          expo.astype(np.float64 if dt == np.float64 else np.float32))
                out[boost] = out[boost] * p.astype(dt)
            res[acc] = out
            done = np.zeros(n_out, bool)
            done[acc] = True
            todo = todo[~done[todo]]
    if isinstance(key, Streams):
        return res.reshape(nb, num_alphas, num_samples).transpose(0, 2, 1).reshape(
            (nb, num_samples) + alpha.shape[1:])
    return res.reshape(num_alphas, num_samples).T.reshape((num_samples,) + alpha.shape)


def _sub_streams(key, counter, n_out, b, dt, stride=256):
    """The draws of n_out outputs, each from its own sub-stream `stride` blocks apart; with
    `Streams`, outputs come stream after stream (n_out // b each), each stream's from 0."""
    if not isinstance(key, Streams):
        return _Draws(key, counter, n_out, dt, 0, per_output=stride)
    per = n_out // b if b else 0
    o = np.arange(n_out, dtype=np.int64)
    return _Draws(key, counter, n_out, dt, 0, positions=(o % per) * stride if per else o,
                  which=o // per if per else o)


def poisson(key, counter, rate, num_samples, compute_dtype):
    """Poisson(rate) samples [num_samples, *rate.shape] as TF's CPU kernel draws them, in the
    rate's precision (half computes in float): Knuth's product of uniforms below rate 10,
    Hormann's transformed rejection from 10 up. Values are returned in that precision."""
    from ._libm32 import cfunc
    dt = np.dtype(compute_dtype).type
    flat = rate.reshape(-1).astype(dt)
    nb = len(key) if isinstance(key, Streams) else 1
    num_rates = len(flat) // nb if nb else 0
    n_out = len(flat) * num_samples
    lam = np.repeat(flat, num_samples)
    res = np.zeros(n_out, dt)
    draws = _sub_streams(key, counter, n_out, nb, dt)
    with np.errstate(all="ignore"):
        knuth = np.nonzero(lam < dt(10))[0]
        if len(knuth):
            limit = cfunc("exp", -lam[knuth])
            prod = np.ones(len(knuth), dt)
            count = np.zeros(len(knuth), dt)
            live = np.arange(len(knuth))
            while len(live):
                u = draws.uniform(knuth[live])
                prod[live] = prod[live] * u
                stop = prod[live] <= limit[live]
                res[knuth[live[stop]]] = count[live[stop]]
                live = live[~stop]
                count[live] += dt(1)
        big = np.nonzero(~(lam < dt(10)))[0]
        if len(big):
            r = lam[big]
            log_rate = _log(r)
            b = dt(0.931) + dt(2.53) * np.sqrt(r)
            a = dt(-0.059) + dt(0.02483) * b
            inv_alpha = dt(1.1239) + dt(1.1328) / (b - dt(3.4))
            v_r = dt(0.9277) - dt(3.6224) / (b - dt(2))
            live = np.arange(len(big))
            while len(live):
                idx = big[live]
                u = draws.uniform(idx) - dt(0.5)
                v = draws.uniform(idx)
                us = dt(0.5) - np.abs(u)
                al, bl, rl = a[live], b[live], r[live]
                k = np.floor((dt(2) * al / us + bl) * u + rl + dt(0.43))
                ok = (us >= dt(0.07)) & (v <= v_r[live])
                maybe = ~ok & ~((k < 0) | ((us < dt(0.013)) & (v > us)))
                if np.any(maybe):
                    m = np.nonzero(maybe)[0]
                    s = _log(v[m] * inv_alpha[live[m]] / (al[m] / (us[m] * us[m]) + bl[m]))
                    t = -rl[m] + k[m] * log_rate[live[m]] - cfunc("lgamma", k[m] + dt(1))
                    ok[m] = s <= t
                res[idx[ok]] = k[ok]
                live = live[~ok]
    if isinstance(key, Streams):  # rate [B, ...]: [B, num_samples, ...]
        return res.reshape(nb, num_rates, num_samples).transpose(0, 2, 1).reshape(
            (nb, num_samples) + rate.shape[1:])
    return res.reshape(num_rates, num_samples).T.reshape((num_samples,) + rate.shape)


_STIRLING_TAIL = np.array([0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
                           0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
                           0.0118967099458917, 0.0104112652619720, 0.00925546218271273,
                           0.00833056343336287])


def _stirling_tail(k):
    """log k! - Stirling's approximation: tabulated to 9, then the asymptotic series."""
    small = k <= 9
    kp1sq = (k + 1) * (k + 1)
    tail = (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1)
    return np.where(small, _STIRLING_TAIL[np.clip(k, 0, 9).astype(np.int64)], tail)


def _cmap(name, x):
    import math
    fn = getattr(math, name)
    return np.fromiter(map(fn, x.tolist()), np.float64, len(x)) if len(x) else x.astype(np.float64)


def _btrs(draws, idx, count, prob):
    """Hormann's BTRS rejection for the outputs `idx` (count * prob >= 10), in double."""
    stddev = np.sqrt(count * prob * (1 - prob))
    b = 1.15 + 2.53 * stddev
    a = -0.0873 + 0.0248 * b + 0.01 * prob
    c = count * prob + 0.5
    v_r = 0.92 - 4.2 / b
    r = prob / (1 - prob)
    alpha = (2.83 + 5.1 / b) * stddev
    m = np.floor((count + 1) * prob)
    out = np.zeros(len(idx))
    live = np.arange(len(idx))
    with np.errstate(all="ignore"):
        while len(live):
            u = draws.uniform(idx[live])
            v = draws.uniform(idx[live])
            u = u - 0.5
            us = 0.5 - np.abs(u)
            al, bl = a[live], b[live]
            k = np.floor((2 * al / us + bl) * u + c[live])
            ok = (us >= 0.07) & (v <= v_r[live])
            n = count[live]
            maybe = ~ok & ~((k < 0) | (k > n))
            if np.any(maybe):
                j = np.nonzero(maybe)[0]
                lj = live[j]
                kj, nj, mj, rj = k[j], n[j], m[lj], r[lj]
                vv = _cmap("log", v[j] * alpha[lj] / (al[j] / (us[j] * us[j]) + bl[j]))
                upper = ((mj + 0.5) * _cmap("log", (mj + 1) / (rj * (nj - mj + 1)))
                         + (nj + 1) * _cmap("log", (nj - mj + 1) / (nj - kj + 1))
                         + (kj + 0.5) * _cmap("log", rj * (nj - kj + 1) / (kj + 1))
                         + _stirling_tail(mj) + _stirling_tail(nj - mj)
                         - _stirling_tail(kj) - _stirling_tail(nj - kj))
                ok[j] = vv <= upper
            out[live[ok]] = k[ok]
            live = live[~ok]
    return out


def _inversion(draws, idx, count, prob):
    """Binomial inversion for the outputs `idx`: count geometric waits until they pass count."""
    out = np.zeros(len(idx))
    total = np.zeros(len(idx))
    denom = _cmap("log1p", -prob)
    live = np.arange(len(idx))
    with np.errstate(all="ignore"):
        while len(live):
            u = draws.uniform(idx[live])
            geom = np.ceil(_cmap("log", u) / denom[live])
            total[live] += geom
            stop = total[live] > count[live]
            keep = live[~stop]
            out[keep] += 1
            live = keep
    return out


def binomial(key, counter, counts, probs, samples_per_batch, prob_dtype):
    """Binomial(counts, probs) samples as TF's CPU kernel draws them: counts and probs are
    flattened over the batch; output o = batch * samples_per_batch + sample lands at
    sample * num_batches + batch, and reads the sub-stream at 256 * o (BTRS, count * p >= 10)
    or 42 * o (inversion); p > 1/2 samples count - Binomial(count, 1 - p). With `Streams`, counts
    and probs are [B, ...] (stream i samples for row i) and the result is [B, n]."""
    T = np.dtype(prob_dtype).type
    counts = np.asarray(counts, T).reshape(-1)
    probs = np.asarray(probs, T).reshape(-1)
    b = len(key) if isinstance(key, Streams) else 1
    num_batches = len(counts) // b if b else 0
    n_out = len(counts) * samples_per_batch
    cnt = np.repeat(counts, samples_per_batch)
    prb = np.repeat(probs, samples_per_batch)
    out = np.full(n_out, np.nan)
    o = np.arange(n_out, dtype=np.int64)
    which = None
    if isinstance(key, Streams):
        per = num_batches * samples_per_batch
        which, o = (o // per, o % per) if per else (o, o)
    dcount = cnt.astype(np.float64)
    with np.errstate(all="ignore"):
        zero = (dcount <= 0.0) | (prb <= T(0))
        one = ~zero & (prb >= T(1))
        low = ~zero & ~one & (prb <= T(0.5))
        high = ~zero & ~one & (prb > T(0.5))
        q = (T(1) - prb).astype(T)
        out[zero] = 0.0
        out[one] = dcount[one]
        for mask, p, flip in ((low, prb, False), (high, q, True)):
            if not np.any(mask):
                continue
            big = mask & (cnt * p >= T(10))
            small = mask & ~big
            for sel, stride, fn in ((big, 256, _btrs), (small, 42, _inversion)):
                idx = np.nonzero(sel)[0]
                if not len(idx):
                    continue
                draws = _Draws(key, counter, n_out, np.float64, 0, positions=o * stride,
                               which=which)
                vals = fn(draws, idx, dcount[idx], p[idx].astype(np.float64))
                out[idx] = dcount[idx] - vals if flip else vals
    if isinstance(key, Streams):
        return out.reshape(b, num_batches, samples_per_batch).transpose(0, 2, 1).reshape(b, -1)
    return out.reshape(num_batches, samples_per_batch).T.reshape(-1)


def _cexp(x):
    from ._libm32 import cfunc
    wide = x.dtype == np.float64
    return cfunc("exp", x.astype(np.float64 if wide else np.float32)).astype(x.dtype)


# Eigen's cost estimate per output of TF's parameterized truncated normal kernel (per dtype size)
_PTN_COST = {2: 214, 4: 187, 8: 258}


def parameterized_truncated_normal(key, counter, means, stddevs, minvals, maxvals,
                                   samples_per_batch, dt, threads=None):
    """Normal(mean, stddev) samples cut to [minval, maxval] per batch member, as TF's CPU
    StatelessParameterizedTruncatedNormal kernel draws them: each work block of outputs (Eigen's
    split of the output count) reads one stream from block (start * 2000 + G - 1) // G, output
    after output, with the kernel's three samplers (normal rejection when a bound is 1.3 standard
    deviations out, uniform or exponential proposals otherwise), in dtype `dt`. Returns the
    [samples, batch] values; raises ValueError for invalid parameters."""
    T = np.dtype(dt).type
    group = 2 if T == np.float64 else 4
    nb = len(means)
    out = np.empty((samples_per_batch, nb), T)
    n = nb * samples_per_batch
    for start, limit in parallel_blocks(n, _PTN_COST[np.dtype(T).itemsize], threads):
        _ptn_range(key, counter, means, stddevs, minvals, maxvals, samples_per_batch, T, out,
                   start, limit, (start * 2000 + group - 1) // group)
    return out


def _ptn_range(key, counter, means, stddevs, minvals, maxvals, samples_per_batch, T, out,
               start, limit, pos):
    group = 2 if T == np.float64 else 4
    o = start
    with np.errstate(all="ignore"):
        while o < limit:
            b, first = divmod(o, samples_per_batch)
            count = min(samples_per_batch - first, limit - o)
            o += count
            mean, std, lo, hi = T(means[b]), T(stddevs[b]), T(minvals[b]), T(maxvals[b])
            if not (std > 0 and lo < hi and (np.isfinite(lo) or np.isfinite(hi))):
                raise ValueError("Invalid parameters")
            if (np.isinf(lo) and lo < 0) or hi < mean:
                lo, hi, std = hi, lo, -std
            nmin = (lo - mean) / std
            nmax = (hi - mean) / std
            sqrt_f = np.sqrt(nmin * nmin + T(4))
            cutoff = T(2) * _cexp(np.array([T(0.5) + (nmin * (nmin - sqrt_f)) / T(4)]))[0] / (
                nmin + sqrt_f)
            diff = nmax - nmin
            taken = []
            need = count
            if ((nmin < -T(1.3)) and (nmax >= T(0))) or ((nmax > T(1.3)) and (nmin <= T(0))):
                mode, per_iter = "normal", 1
            elif diff < cutoff:
                mode, per_iter = "uniform", 2
            else:
                mode, per_iter = "exp", 1
            plus = T(0) if nmin < 0 else nmin * nmin
            alpha = (nmin + np.sqrt(nmin * nmin + T(4))) / T(2)
            chunk = max(4, 2 * need // group + 2)
            while need > 0:
                blocks = _blocks_at(key, counter, pos + np.arange(chunk * per_iter))
                if mode == "normal":
                    vals = _block_normals(blocks, T)
                    ok = (vals >= nmin) & (vals <= nmax)
                    res = vals * std + mean
                elif mode == "uniform":
                    u = _block_uniforms(blocks, T).reshape(chunk, 2, group)
                    z = u[:, 0] * diff + nmin
                    g = (plus - z * z) / T(2)
                    ok = u[:, 1] <= _cexp(g.reshape(-1)).reshape(g.shape)
                    res = z * std + mean
                else:
                    r = _block_uniforms(blocks, T).reshape(chunk, group // 2, 2)
                    z = -_log(r[..., 0].reshape(-1)).reshape(r.shape[:2]) / alpha + nmin
                    x = alpha - z if nmin < alpha else np.full_like(z, nmin - alpha)
                    g = _cexp((-x * x / T(2)).reshape(-1)).reshape(z.shape)
                    ok = (r[..., 1] <= g) & (z < nmax)
                    res = z * std + mean
                counts = ok.sum(axis=1)
                total = np.cumsum(counts)
                if total[-1] >= need:
                    last = int(np.searchsorted(total, need))  # the iteration that completes it
                    flat_ok = ok[:last + 1].reshape(-1)
                    taken.append(res[:last + 1].reshape(-1)[flat_ok][:need])
                    pos += (last + 1) * per_iter
                    need = 0
                else:
                    taken.append(res.reshape(-1)[ok.reshape(-1)])
                    need -= int(total[-1])
                    pos += chunk * per_iter
                    chunk *= 2
            out[first:first + count, b] = np.concatenate(taken)


# ============================================================================================
# index_shuffle: a Simon-cipher permutation of [0, max_index] (cycle walking), as TF
# ============================================================================================
def _simon_round_keys(key, w, rounds):
    mask = (1 << w) - 1
    c = 0xFFFFFFFC & mask
    z = 0x7369F885192C0EF5 & mask
    rk = [int(k) & mask for k in key]

    def rotr(x, r):
        return ((x >> r) | (x << (w - r))) & mask
    for i in range(3, rounds):
        rk.append(c ^ (z & 1) ^ rk[i - 3] ^ rotr(rk[i - 1], 3) ^ rotr(rk[i - 1], 4))
        z >>= 1
    return rk[:max(rounds, 3)] if rounds >= 3 else rk


def _simon_encrypt(v, rk, w, rounds):
    mask = np.uint64((1 << w) - 1)
    uw = np.uint64(w)

    def rotl(x, r):
        return ((x << np.uint64(r)) | (x >> np.uint64(w - r))) & mask

    def f(x):
        return (rotl(x, 1) & rotl(x, 8)) ^ rotl(x, 2)
    left = (v >> uw) & mask
    right = v & mask
    for i in range(0, rounds, 2):
        left = left ^ f(right) ^ np.uint64(rk[i])
        right = right ^ f(left) ^ np.uint64(rk[i + 1])
    return (left << uw) | right


def index_shuffle(index, key, max_index, rounds=4):
    """TF's random_index_shuffle: the position of each `index` under a pseudorandom permutation
    of [0, max_index] keyed by three 32-bit words (uint64 arrays in and out)."""
    import math
    index = np.asarray(index, np.uint64)
    max_index = np.broadcast_to(np.asarray(max_index, np.uint64), index.shape)
    out = np.zeros(index.shape, np.uint64)
    for m in np.unique(max_index).tolist():
        sel = max_index == np.uint64(m)
        if m == 0:
            continue
        b = math.ceil(math.log2(float(m)))
        b = max(b + b % 2, 16)
        if b > 62:
            b = 64
        w = b // 2
        rk = _simon_round_keys(key, w, rounds)
        v = index[sel]
        if (m + 1) * 8 < 1 << b:
            # many cycle-walk steps (the block is at least 16 bits): encrypt the whole block once
            # and find each orbit's first value <= m by pointer jumping
            step = _simon_encrypt(np.arange(1 << b, dtype=np.uint64), rk, w, rounds)
            done = step <= np.uint64(m)
            for _ in range(b + 1):  # 2**(b+1) steps cover any cycle; all-high cycles stay undone
                bad = np.nonzero(~done)[0]
                if not len(bad):
                    break
                nxt = step[bad].astype(np.int64)
                step[bad] = step[nxt]
                done[bad] = done[nxt]
            out[sel] = step[v.astype(np.int64)]
            continue
        todo = np.ones(v.shape, bool)
        while np.any(todo):
            v[todo] = _simon_encrypt(v[todo], rk, w, rounds)
            todo = v > np.uint64(m)
        out[sel] = v
    return out
