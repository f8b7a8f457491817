"""Single-precision `logf` and `sincosf` with the arithmetic of glibc's x86-64 (FMA) versions.

TF's Box-Muller transform calls the C library's `logf` and `sincosf` on float32 values. Those are
table-driven double-precision approximations rounded to float (up to 0.82 ulp from the true
value), so a correctly rounded log or sine differs from them for about one value in ten. Here the
same steps run over whole arrays in float64: a 16-interval table plus a degree-3 polynomial for
log, a one-step reduction by pi/2 plus short polynomials for sine and cosine. Fused multiply-adds
whose rounding can show in the float result are computed exactly (products split in halves).
Published constants: Szabolcs Nagy's routines (Arm optimized-routines, MIT licence), adopted by
glibc 2.28.

    >>> float(logf(np.float32([0.5]))[0])
    -0.6931471824645996
"""
import math
import struct

import numpy as np

# (1/c, log c) for the 16 subintervals of [0x3f330000, 2 * 0x3f330000] as floats
_LOG_INVC = np.array([float.fromhex(h) for h in (
    "0x1.661ec79f8f3bep+0", "0x1.571ed4aaf883dp+0", "0x1.49539f0f010bp+0", "0x1.3c995b0b80385p+0",
    "0x1.30d190c8864a5p+0", "0x1.25e227b0b8eap+0", "0x1.1bb4a4a1a343fp+0", "0x1.12358f08ae5bap+0",
    "0x1.0953f419900a7p+0", "0x1p+0", "0x1.e608cfd9a47acp-1", "0x1.ca4b31f026aap-1",
    "0x1.b2036576afce6p-1", "0x1.9c2d163a1aa2dp-1", "0x1.886e6037841edp-1",
    "0x1.767dcf5534862p-1")])
_LOG_LOGC = np.array([float.fromhex(h) for h in (
    "-0x1.57bf7808caadep-2", "-0x1.2bef0a7c06ddbp-2", "-0x1.01eae7f513a67p-2",
    "-0x1.b31d8a68224e9p-3", "-0x1.6574f0ac07758p-3", "-0x1.1aa2bc79c81p-3",
    "-0x1.a4e76ce8c0e5ep-4", "-0x1.1973c5a611cccp-4", "-0x1.252f438e10c1ep-5", "0x0p+0",
    "0x1.aa5aa5df25984p-5", "0x1.c5e53aa362eb4p-4", "0x1.526e57720db08p-3",
    "0x1.bc2860d22477p-3", "0x1.1058bc8a07ee1p-2", "0x1.4043057b6ee09p-2")])
_LN2 = float.fromhex("0x1.62e42fefa39efp-1")
_LOG_A0, _LOG_A1, _LOG_A2 = (float.fromhex(h) for h in (
    "-0x1.00ea348b88334p-2", "0x1.5575b0be00b6ap-2", "-0x1.ffffef20a4123p-2"))


def _split(a):
    """a = hi + lo with hi holding the top 26 bits (Veltkamp), so products by short factors
    are exact."""
    c = a * 134217729.0  # 2**27 + 1
    hi = c - (c - a)
    return hi, a - hi


_INVC_HI, _INVC_LO = _split(_LOG_INVC)


_LOG_TABLE = np.stack([_INVC_HI, _INVC_LO, _LOG_LOGC], axis=1)


def logf(x):
    """Natural log of float32 values, as glibc's `logf` rounds it (0 gives -inf; subnormals
    are scaled into the normal range first, as glibc does; negatives give nan)."""
    x = np.asarray(x, np.float32)
    out = np.empty(x.shape, np.float32)
    flat, fo = x.reshape(-1), out.reshape(-1)
    for start in range(0, flat.size, 1 << 16):
        sl = slice(start, start + (1 << 16))
        fo[sl] = _logf_chunk(flat[sl])
    return out


def _logf_chunk(x):
    ix = x.view(np.uint32)
    sub = ix < np.uint32(0x00800000)
    special = bool(np.any(sub)) or bool(np.any(ix >= np.uint32(0x7F800000)))
    if special:
        ix = ix.copy()
        ix[sub] = (x[sub] * np.float32(2.0 ** 23)).view(np.uint32) - np.uint32(23 << 23)
    tmp = ix - np.uint32(0x3F330000)
    i = (tmp >> np.uint32(19)) & np.uint32(15)
    k = tmp.view(np.int32) >> 23
    iz = ix - (tmp & np.uint32(0x1FF << 23))
    z = iz.view(np.float32).astype(np.float64)
    t = _LOG_TABLE[i]
    # r = fma(z, invc, -1): z has 24 bits, so z * invc_hi and z * invc_lo are exact
    r = (z * t[:, 0] - 1.0) + z * t[:, 1]
    y0 = t[:, 2] + k * _LN2
    r2 = r * r
    y = _LOG_A1 * r + _LOG_A2
    y = _LOG_A0 * r2 + y
    y = y * r2 + (y0 + r)
    out = y.astype(np.float32)
    out[ix == np.uint32(0x3F800000)] = 0
    if special:
        out[x == 0] = -np.inf
        out[np.isnan(x) | (x < 0)] = np.nan
        out[x == np.inf] = np.inf
    return out


_HPI_INV = float.fromhex("0x1.45F306DC9C883p+23")
_HPI = float.fromhex("0x1.921FB54442D18p0")
_HPI_HI, _HPI_LO = _split(_HPI)
_C0, _C1, _C2, _C3, _C4 = 1.0, *(float.fromhex(h) for h in (
    "-0x1.ffffffd0c621cp-2", "0x1.55553e1068f19p-5", "-0x1.6c087e89a359dp-10",
    "0x1.99343027bf8c3p-16"))
_S1, _S2, _S3 = (float.fromhex(h) for h in (
    "-0x1.555545995a603p-3", "0x1.1107605230bc4p-7", "-0x1.994eb3774cf24p-13"))


def _abstop12(bits):
    return (bits >> np.uint32(20)) & np.uint32(0x7FF)


_TOP_PIO4 = _abstop12(np.float32(np.pi / 4).view(np.uint32))
_TOP_TINY = _abstop12(np.float32(2.0 ** -12).view(np.uint32))
_TOP_120 = _abstop12(np.float32(120.0).view(np.uint32))


_SIGN = np.array([1.0, -1.0, -1.0, 1.0])  # sin's sign per quadrant
_COS_SIGN = np.array([1.0, -1.0])  # the second table computes -cos
_CHUNK = 1 << 16


def sincosf(y):
    """(sin y, cos y) of float32 values with |y| < 120, as glibc's `sincosf` rounds them."""
    y = np.asarray(y, np.float32)
    top = _abstop12(y.view(np.uint32))
    if np.any(top >= _TOP_120) or not np.all(np.isfinite(y)):
        raise ValueError("sincosf: arguments must be finite and below 120 in magnitude")
    sin_out = np.empty(y.shape, np.float32)
    cos_out = np.empty(y.shape, np.float32)
    flat_y, flat_top = y.reshape(-1), top.reshape(-1)
    fs, fc = sin_out.reshape(-1), cos_out.reshape(-1)
    for start in range(0, flat_y.size, _CHUNK):
        sl = slice(start, start + _CHUNK)
        fs[sl], fc[sl] = _sincosf_chunk(flat_y[sl], flat_top[sl])
    return sin_out, cos_out


def _sincosf_chunk(y, top):
    x = y.astype(np.float64)
    # one-step reduction: n = nearest quarter turn (0 below pi/4), x - n * pi/2 as one fused
    # multiply-add; x - n * hi is exact (Sterbenz), leaving one rounding
    n = ((x * _HPI_INV).astype(np.int32) + 0x800000) >> 24
    n[top < _TOP_PIO4] = 0
    nf = n.astype(np.float64)
    xr = (x - nf * _HPI_HI) - nf * _HPI_LO
    x2 = xr * xr
    x3 = x2 * xr
    x4 = x2 * x2
    # sin and cos polynomials on |reduced x| with glibc's association; their signs (sin's per
    # quadrant, the second table's -cos) are exact negations applied afterwards
    s = (xr + x3 * _S1) + (x3 * x2) * (_S2 + x2 * _S3)
    c = ((_C0 + x2 * _C1) + x4 * _C2) + (x4 * x2) * (_C3 + x2 * _C4)
    s *= _SIGN[n & 3]
    c *= _COS_SIGN[(n >> 1) & 1]
    sin_part = s.astype(np.float32)
    cos_part = c.astype(np.float32)
    odd = (n & 1) == 1
    sin_out = np.where(odd, cos_part, sin_part)
    cos_out = np.where(odd, sin_part, cos_part)
    tiny = top < _TOP_TINY
    if np.any(tiny):
        sin_out[tiny] = y[tiny]
        cos_out[tiny] = 1
    return sin_out, cos_out


# ============================================================================================
# The same arithmetic on Python floats, for a few values (a small draw's Box-Muller pairs): the
# float64 steps are the same IEEE operations, and float32 roundings go through struct
# ============================================================================================
_F32 = struct.Struct("<f")
_U32 = struct.Struct("<I")
_LOG_ROWS = [tuple(float(v) for v in row) for row in _LOG_TABLE]
_TINY_F32 = 2.0 ** -126


def f32(v):
    """The Python float v rounded to the nearest float32 (ties to even)."""
    return _F32.unpack(_F32.pack(v))[0]


def _bits(v):
    return _U32.unpack(_F32.pack(v))[0]


def _from_bits(b):
    return _F32.unpack(_U32.pack(b))[0]


def logf_scalar(v):
    """`logf` of one float32 value (a Python float), for normal positive finite values."""
    ix = _bits(v)
    if ix < 0x00800000 or ix >= 0x7F800000:
        return float(logf(np.float32([v]))[0])
    if ix == 0x3F800000:
        return 0.0
    tmp = (ix - 0x3F330000) & 0xFFFFFFFF
    i = (tmp >> 19) & 15
    k = (tmp - (1 << 32) if tmp & 0x80000000 else tmp) >> 23
    z = _from_bits((ix - (tmp & (0x1FF << 23))) & 0xFFFFFFFF)
    invc_hi, invc_lo, logc = _LOG_ROWS[i]
    r = (z * invc_hi - 1.0) + z * invc_lo
    y0 = logc + k * _LN2
    r2 = r * r
    y = _LOG_A1 * r + _LOG_A2
    y = _LOG_A0 * r2 + y
    y = y * r2 + (y0 + r)
    return f32(y)


def sincosf_scalar(v):
    """(sin, cos) of one float32 value (a Python float) with |v| < 120."""
    top = (_bits(v) >> 20) & 0x7FF
    if top >= int(_TOP_120) or math.isnan(v):
        raise ValueError("sincosf: arguments must be finite and below 120 in magnitude")
    x = v
    n = (int(x * _HPI_INV) + 0x800000) >> 24 if top >= int(_TOP_PIO4) else 0
    nf = float(n)
    xr = (x - nf * _HPI_HI) - nf * _HPI_LO
    x2 = xr * xr
    x3 = x2 * xr
    x4 = x2 * x2
    s = (xr + x3 * _S1) + (x3 * x2) * (_S2 + x2 * _S3)
    c = ((_C0 + x2 * _C1) + x4 * _C2) + (x4 * x2) * (_C3 + x2 * _C4)
    s *= (1.0, -1.0, -1.0, 1.0)[n & 3]
    c *= (1.0, -1.0)[(n >> 1) & 1]
    sin_part, cos_part = f32(s), f32(c)
    if n & 1:
        sin_part, cos_part = cos_part, sin_part
    if top < int(_TOP_TINY):
        return v, 1.0
    return sin_part, cos_part


# ============================================================================================
# Other C library functions, called through ctypes on each distinct argument (they are needed on
# few values: per-rate constants, lgamma of integers); without a loadable C library, float64
# NumPy/SciPy values rounded to the argument's precision stand in (then within an ulp).
# ============================================================================================
_LIBM = []


def _libm():
    if not _LIBM:
        try:
            import ctypes
            import ctypes.util
            lib = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
            for name in ("expf", "lgammaf", "powf", "logf"):
                getattr(lib, name).restype = ctypes.c_float
                getattr(lib, name).argtypes = [ctypes.c_float] * (2 if name == "powf" else 1)
            for name in ("exp", "lgamma", "pow", "log"):
                getattr(lib, name).restype = ctypes.c_double
                getattr(lib, name).argtypes = [ctypes.c_double] * (2 if name == "pow" else 1)
            _LIBM.append(lib)
        except (OSError, AttributeError):
            _LIBM.append(None)
    return _LIBM[0]


def _fallback(name, args):
    import scipy.special
    wide = [a.astype(np.float64) for a in args]
    f = {"exp": np.exp, "log": np.log, "pow": np.power, "lgamma": scipy.special.gammaln}[name]
    return f(*wide)


def cfunc(name, *args):
    """The C library's `name` (exp, log, pow or lgamma) applied elementwise in the arguments'
    precision: float32 arrays call the `f`-suffixed function."""
    args = [np.asarray(a) for a in args]
    single = args[0].dtype == np.float32
    lib = _libm()
    if lib is None:
        return _fallback(name, args).astype(args[0].dtype)
    fn = getattr(lib, name + ("f" if single else ""))
    if len(args) == 1:
        uniq, inv = np.unique(args[0], return_inverse=True)
        vals = np.fromiter(map(fn, uniq.tolist()), np.float64, len(uniq))
        return vals[inv].reshape(args[0].shape).astype(args[0].dtype)
    a, b = np.broadcast_arrays(*args)
    vals = np.fromiter(map(fn, a.ravel().tolist(), b.ravel().tolist()), np.float64, a.size)
    return vals.reshape(a.shape).astype(args[0].dtype)
