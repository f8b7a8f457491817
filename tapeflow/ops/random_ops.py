"""`tf.random`: TF's seeded random numbers, bit for bit.

Every draw comes from Philox4x32-10 (`philox.py`) at the key and counter TF would use, turned
into values by TF's conversions (uniform mantissa bits, Box-Muller with the C library's float
log/sincos, rejection loops with TF's per-output sub-streams). Three kinds of randomness:
  * stateful ops (`normal`, `uniform`, `categorical`, `gamma`, ...): seeds from TF's rules
    (`set_seed`'s global seed, the op seed, eager mode's per-op seed counter); each op/attribute
    kernel keeps its Philox position across calls, as TF's eager kernel cache does, and
    `set_seed` resets them;
  * stateless ops (`stateless_normal(shape, seed=[a, b])`, ...): a pure function of the seed,
    scrambled into a key and counter as TF's StatelessRandomGetKeyCounter does;
  * `Generator`: an int64 state Variable [counter_lo, counter_hi, key]; each draw reads the
    state and advances the counter 256 blocks per element, as TF's RngReadAndSkip.

Parameters enter through tapeflow ops, as in TF: `normal(shape, mean, stddev)` is
`rnd * stddev + mean`, so gradients reach `mean` and `stddev`, and a gamma sample is
differentiable in `alpha` (implicit reparameterization).

    >>> tf.random.set_seed(5)
    >>> tf.random.normal([2, 2], seed=1).numpy().tolist()
    [[-1.376889705657959, -0.012583157978951931], [-0.169514998793602, 1.0824055671691895]]
"""
import enum
import math
import os
import random as _pyrandom
from typing import ClassVar

import numpy as np

from ..framework import config_state
from ..framework import dtypes as D
from ..framework.errors import (
    InvalidArgumentError,
    NotFoundError,
    UnimplementedError,
    op_error,
)
from ..framework.op import apply1, apply2, defop
from ..framework.tensor import convert_to_tensor, wrap
from ..framework.variables import Variable
from ..module import Module
from . import array_ops as A
from . import math_ops as M
from . import philox as P
from ._common import int_list, t

_DEFAULT_GLOBAL_SEED = 87654321
_MAXINT32 = 2 ** 31 - 1
_MASK32 = 0xFFFFFFFF
_MASK64 = (1 << 64) - 1
_RESERVED = 256  # counter blocks TF's stateful kernels reserve per output element


class _Context:
    """The eager context's random state: global seed, the Python RNG behind op seeds, and the
    kernel cache (one Philox position per op type, attributes and seed pair)."""
    global_seed = None
    rng = _pyrandom.Random()
    kernels: ClassVar[dict] = {}


def set_seed(seed):
    """Sets the global seed: the sequence of random values after it is reproducible.

    >>> tf.random.set_seed(5)
    >>> tf.random.uniform([], seed=10).numpy().item()
    0.09164893627166748
    """
    seed = getattr(seed, "_value", seed)
    try:
        hash(seed)
        rng = _pyrandom.Random(seed)
    except TypeError:
        seed = int(np.array(seed))
        rng = _pyrandom.Random(seed)
    _Context.global_seed = seed
    _Context.rng = rng
    _Context.kernels = {}


def get_seed(op_seed):
    """The (seed, seed2) pair an op receives (TF's random_seed.get_seed in eager mode).

    >>> from tapeflow.ops.random_ops import get_seed
    >>> tf.random.set_seed(3)
    >>> get_seed(7)
    (3, 7)
    """
    g = _Context.global_seed
    if g is not None:
        if op_seed is None:
            op_seed = _Context.rng.randint(0, _MAXINT32)
        seeds = (g % _MAXINT32, op_seed % _MAXINT32)
    elif op_seed is not None:
        seeds = (_DEFAULT_GLOBAL_SEED, op_seed % _MAXINT32)
    else:
        return None, None
    if seeds == (0, 0):
        return 0, _MAXINT32
    return seeds


class _Kernel:
    """A stateful random kernel's generator: PhiloxRandom(seed, seed2) advanced per call."""
    __slots__ = ("counter", "key")

    def __init__(self, seed, seed2):
        s, s2 = int(seed) & _MASK64, int(seed2) & _MASK64
        self.key = (s & _MASK32, s >> 32)
        self.counter = (0, 0, s2 & _MASK32, s2 >> 32)

    def reserve(self, blocks):
        """The (key, counter) to draw from now; the kernel then moves `blocks` blocks on."""
        kc = (self.key, self.counter)
        self.counter = P.counter_add(self.counter, blocks)
        return kc


def _kernel(op_name, attrs, seed):
    """The cached kernel for this op, attributes and seeds (made on first use, as TF's eager
    kernel cache; with neither a global nor an op seed its seeds are random)."""
    if seed is None and _Context.global_seed is None and config_state.determinism:
        raise RuntimeError("Random ops require a seed to be set when determinism is enabled. "
                           "Please set a seed before running the op, e.g. by calling "
                           "tf.random.set_seed(1).")
    s1, s2 = get_seed(seed)
    s1 = 0 if s1 is None else int(s1)
    s2 = 0 if s2 is None else int(s2)
    cache_key = (op_name, attrs, s1, s2)
    k = _Context.kernels.get(cache_key)
    if k is None:
        if s1 == 0 and s2 == 0:
            k = _Kernel(int.from_bytes(os.urandom(8), "little"),
                        int.from_bytes(os.urandom(8), "little"))
        else:
            k = _Kernel(s1, s2)
        # an op seed drawn from the global seed is fresh on every call: caching its kernel would
        # only grow the cache (TF's would meet it again only if two 31-bit draws collided)
        if seed is not None or _Context.global_seed is None:
            _Context.kernels[cache_key] = k
    return k


def _rng(seed, op_name="RandomUniform", attrs=("float32",)):
    """Consumes an op seed as a stateful op would, without drawing (tf.nn.dropout at rate 0)."""
    return _kernel(op_name, attrs, seed)


def _kernel_error(cls, op_type, message):
    """An error raised inside a TF kernel that eager mode runs wrapped in a function."""
    return op_error(cls, op_type, f"{{{{function_node __wrapped__{op_type}_device_/job:localhost/"
                                  f"replica:0/task:0/device:CPU:0}}}} {message}")


def _shape(shape):
    return tuple(int_list(shape)) if not isinstance(shape, int) else (shape,)


def _scalar(v):
    return np.asarray(getattr(v, "_value", v))


# ============================================================================================
# Drawing NumPy arrays at a Philox (key, counter)
# ============================================================================================
_FLOAT_NAMES = "half, bfloat16, float, double"


def _float_dtype(dtype, op_name):
    if not dtype.is_floating:
        raise op_error(InvalidArgumentError, op_name, f"Value for attr 'dtype' of {dtype.name} is not "
                                                      f"in the list of allowed values: {_FLOAT_NAMES}")


class _Bits:
    """A Philox key and counter with TF's per-distribution fills (FillPhiloxRandom)."""
    __slots__ = ("counter", "key")

    def __init__(self, key, counter):
        self.key, self.counter = key, counter

    def normal(self, shape, dtype):
        return P.normal(self.key, self.counter, math.prod(shape), dtype._np).reshape(shape)

    def truncated(self, shape, dtype):
        return P.truncated_normal(self.key, self.counter, math.prod(shape), dtype._np).reshape(shape)

    def unit(self, shape, dtype):
        return P.uniform(self.key, self.counter, math.prod(shape), dtype._np).reshape(shape)

    def full_int(self, shape, dtype):
        return P.full_int(self.key, self.counter, math.prod(shape), dtype._np).reshape(shape)

    def int(self, shape, lo, hi, dtype):
        return P.uniform_int(self.key, self.counter, math.prod(shape), lo, hi,
                             dtype._np).reshape(shape)


def _stateful_bits(op_name, attrs, seed, n_blocks):
    k = _kernel(op_name, attrs, seed)
    return _Bits(*k.reserve(n_blocks))


def _check_int_bounds(shape, lo, hi, op_name):
    if np.size(lo) != 1 or np.ndim(lo) != 0:
        raise op_error(InvalidArgumentError, op_name,
                       f"minval must be 0-D, got shape {list(np.shape(lo))}")
    if np.size(hi) != 1 or np.ndim(hi) != 0:
        raise op_error(InvalidArgumentError, op_name,
                       f"maxval must be 0-D, got shape {list(np.shape(hi))}")
    lo, hi = int(np.asarray(lo)), int(np.asarray(hi))
    if lo >= hi and math.prod(shape):
        raise _kernel_error(InvalidArgumentError, op_name,
                            f"Need minval < maxval, got {lo} >= {hi}")
    return lo, hi


def _draw_categorical(bits, logits, num_samples, dtype, op_name="Multinomial"):
    """Indices drawn with probabilities softmax(logits) per row, as TF's CPU kernel."""
    if logits.dtype.kind != "f":
        raise NotFoundError(None, None, f"Could not find device for node: {{{{node {op_name}}}}} = "
                                        f"{op_name}[T=DT_{D.from_numpy(logits.dtype).name.upper()}]")
    if logits.ndim != 2:
        raise op_error(InvalidArgumentError, op_name,
                       f"logits should be a matrix, got shape {list(logits.shape)}")
    if num_samples < 0:
        raise op_error(InvalidArgumentError, op_name,
                       f"num_samples should be non-negative, got {num_samples}")
    batch, k = logits.shape
    if k == 0 and batch:
        raise op_error(InvalidArgumentError, op_name, "num_classes should be positive, got 0")
    if batch == 0 or num_samples == 0:
        return np.zeros((batch, num_samples), dtype._np)
    if callable(bits):
        bits = bits(batch * ((num_samples + 3) // 4 * 4) * 2 * _RESERVED)
    return P.multinomial(bits.key, bits.counter, logits, num_samples).astype(dtype._np)


# ============================================================================================
# Samplers; `source(n)` gives the _Bits for n output elements (stateful kernels reserve 256
# blocks per element); parameters enter through tapeflow ops
# ============================================================================================
def _normal(source, shape, mean, stddev, dtype, op_name):
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, op_name)
    shape = _shape(shape)
    return M.add(wrap(source(math.prod(shape)).normal(shape, dtype)) * stddev, mean)


def _truncated_normal(source, shape, mean, stddev, dtype, op_name):
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, op_name)
    shape = _shape(shape)
    return M.add(wrap(source(math.prod(shape)).truncated(shape, dtype)) * stddev, mean)


_UNIFORM_DTYPES = (D.float16, D.float32, D.float64, D.int32, D.int64)


def _check_uniform_dtype(dtype, extra=()):
    if dtype not in _UNIFORM_DTYPES + extra:
        names = "tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64" + "".join(
            ", " + repr(d) for d in extra)
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"({names}).")


def _uniform_float(source, shape, minval, maxval, dtype, shortcut):
    """rnd * (maxval - minval) + minval, skipping the arithmetic for the default [0, 1) as TF."""
    shape = _shape(shape)
    lo_zero = shortcut and isinstance(minval, int) and minval == 0
    hi_one = shortcut and isinstance(maxval, int) and maxval == 1
    if not (lo_zero and hi_one):
        minval = convert_to_tensor(minval, dtype=dtype)
        maxval = convert_to_tensor(maxval, dtype=dtype)
    rnd = wrap(source(math.prod(shape)).unit(shape, dtype))
    if lo_zero and hi_one:
        return rnd
    if lo_zero:
        return M.multiply(rnd, maxval)
    return M.add(rnd * (maxval - minval), minval)


def _uniform_int(source, shape, minval, maxval, dtype, op_name):
    shape = _shape(shape)
    lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
    lo, hi = _check_int_bounds(shape, lo._value, hi._value, op_name)
    return wrap(source(math.prod(shape)).int(shape, lo, hi, dtype))


def _stateful(op_name, attrs, seed):
    return lambda n: _stateful_bits(op_name, attrs, seed, n * _RESERVED)


# ============================================================================================
# Stateful ops
# ============================================================================================
def normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Samples from a normal distribution; differentiable in `mean` and `stddev`.

    >>> tf.random.set_seed(5)
    >>> tf.random.normal([2], seed=1).numpy().tolist()
    [-1.376889705657959, -0.012583157978951931]
    """
    dtype = D.as_dtype(dtype)
    return _normal(_stateful("RandomStandardNormal", (dtype.name,), seed), shape, mean, stddev,
                   dtype, "RandomStandardNormal")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Normal samples redrawn until within two standard deviations of the mean.

    >>> tf.random.truncated_normal([3], seed=1).shape
    TensorShape([3])
    """
    dtype = D.as_dtype(dtype)
    return _truncated_normal(_stateful("TruncatedNormal", (dtype.name,), seed), shape, mean,
                             stddev, dtype, "TruncatedNormal")


def uniform(shape, minval=0, maxval=None, dtype=D.float32, seed=None, name=None):
    """Samples uniformly from [minval, maxval) (maxval defaults to 1 for floats).

    >>> tf.random.set_seed(5)
    >>> tf.random.uniform([], maxval=3, dtype=tf.int32, seed=10).numpy().item()
    2
    """
    dtype = D.as_dtype(dtype)
    _check_uniform_dtype(dtype)
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    if dtype.is_integer:
        lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
        return _uniform_int(_stateful("RandomUniformInt", (dtype.name,), seed), shape, lo, hi,
                            dtype, "RandomUniformInt")
    return _uniform_float(_stateful("RandomUniform", (dtype.name,), seed), shape, minval, maxval,
                          dtype, shortcut=True)


def shuffle(value, seed=None, name=None):
    """`value` with its first dimension randomly permuted (TF's swap sequence; not
    differentiable, as TF).

    >>> tf.random.shuffle(tf.range(5), seed=1).shape
    TensorShape([5])
    """
    v = t(value)
    kernel = _kernel("RandomShuffle", (v.dtype.name,), seed)
    v = v._value
    if v.ndim == 0 or v.size <= 1 or v.shape[0] <= 1:
        return wrap(v)
    n = v.shape[0]
    key, counter = kernel.reserve((n - 1 + 3) // 4)
    return wrap(v[P.shuffle_permutation(key, counter, n)])


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """Class indices sampled from the unnormalized log-probabilities `logits` [batch, classes];
    the result is [batch, num_samples] (int64 by default).

    >>> tf.random.categorical(tf.math.log([[0.5, 0.5]]), 5, seed=1).shape
    TensorShape([1, 5])
    """
    logits = t(logits)
    dtype = D.as_dtype(dtype) if dtype else D.int64
    if dtype not in (D.int32, D.int64):
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"(tf.int32, tf.int64).")
    kernel = _kernel("Multinomial", (logits.dtype.name, dtype.name), seed)
    return wrap(_draw_categorical(lambda blocks: _Bits(*kernel.reserve(blocks)), logits._value,
                                  int(_scalar(num_samples)), dtype))


# -- gamma: differentiable in alpha by implicit reparameterization ---------------------------
def _gamma_dsample_dalpha(alpha, sample):
    """d sample / d alpha holding the CDF P(alpha, sample) fixed: -(dP/dalpha) / (dP/dx) (TF's
    RandomGammaGrad; implicit reparameterization, Figurnov et al. 2018)."""
    from scipy.special import gammaln

    from ..prims.special import igamma_grad_a_series
    a, x = np.broadcast_arrays(np.asarray(alpha, np.float64), np.asarray(sample, np.float64))
    log_density = (a - 1) * np.log(x) - x - gammaln(a)
    return (-igamma_grad_a_series(a, x, 1) * np.exp(-log_density)).astype(np.result_type(alpha, sample))


RANDOM_GAMMA_GRAD = defop("RandomGammaGrad", _gamma_dsample_dalpha, allowed=(D.float32, D.float64,
                                                                             D.float16))


def _random_gamma_forward(alpha, shape, key, counter):
    """Gamma(alpha) samples shape + alpha.shape drawn at the Philox (key, counter)."""
    n = math.prod(shape)
    if n == 0 or alpha.size == 0:
        return np.zeros(tuple(shape) + alpha.shape, alpha.dtype)
    # TF's CPU kernel computes in double for every dtype and rounds the samples at the end
    return P.gamma(key, counter, alpha.astype(np.float64), n).astype(alpha.dtype).reshape(
        tuple(shape) + alpha.shape)


def _random_gamma_partial(op):
    """d sample / d alpha, shaped like the sample."""
    alpha, sample = op.inputs[0], op.outputs[0]
    lead = len(op.get_attr("shape"))
    return apply2(RANDOM_GAMMA_GRAD, A.reshape(alpha, (1,) * lead + alpha._value.shape), sample)


def _random_gamma_grad(op, g):
    lead = len(op.get_attr("shape"))
    return M.reduce_sum(g * _random_gamma_partial(op), axis=list(range(lead)))


def _random_gamma_jvp(op, dalpha):
    return _random_gamma_partial(op) * dalpha


RANDOM_GAMMA = defop("RandomGamma", _random_gamma_forward, _random_gamma_grad, _random_gamma_jvp)


def gamma(shape, alpha, beta=None, dtype=D.float32, seed=None, name=None):
    """`shape` samples from each Gamma(alpha, beta) distribution (beta is the rate); the result is
    shape + broadcast(alpha, beta).shape. Differentiable in alpha and beta.

    >>> tf.random.gamma([10], alpha=[0.5, 1.5], seed=1).shape
    TensorShape([10, 2])
    """
    dtype = D.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"data type {dtype._np.type} not inexact")
    shape = _shape(shape)
    alpha = convert_to_tensor(alpha, dtype=dtype)
    beta = convert_to_tensor(1 if beta is None else beta, dtype=dtype)
    try:
        bshape = np.broadcast_shapes(alpha._value.shape, beta._value.shape)
    except ValueError:
        raise op_error(InvalidArgumentError, "BroadcastArgs",
                       f"Incompatible shapes: {list(alpha._value.shape)} vs. "
                       f"{list(beta._value.shape)}") from None
    alpha_b = A.broadcast_to(alpha, bshape) if alpha._value.shape != bshape else alpha
    kernel = _kernel("RandomGamma", (dtype.name,), seed)
    n_out = math.prod(shape) * math.prod(bshape)
    key, counter = kernel.reserve(n_out * _RESERVED) if n_out else (kernel.key, kernel.counter)
    sample = apply1(RANDOM_GAMMA, alpha_b, {"shape": shape, "key": key, "counter": counter})
    return M.maximum(np.finfo(dtype._np).tiny, sample / beta)


def poisson(shape, lam, dtype=D.float32, seed=None, name=None):
    """`shape` samples from each Poisson(lam) distribution: shape + lam.shape (not differentiable).

    >>> tf.random.poisson([10], [0.5, 1.5], seed=1).shape
    TensorShape([10, 2])
    """
    dtype = D.as_dtype(dtype)
    if dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise op_error(InvalidArgumentError, "RandomPoissonV2",
                       f"Value for attr 'dtype' of {dtype.name} is not in the list of allowed "
                       f"values: half, float, double, int32, int64")
    lam = t(lam)
    if lam.dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise op_error(InvalidArgumentError, "RandomPoissonV2",
                       f"Value for attr 'R' of {lam.dtype.name} is not in the list of allowed "
                       f"values: half, float, double, int32, int64")
    kernel = _kernel("RandomPoissonV2", (lam.dtype.name, dtype.name), seed)
    shape = _shape(shape)
    lam = lam._value
    n = math.prod(shape)
    if n == 0 or lam.size == 0:
        return wrap(np.zeros(shape + lam.shape, dtype._np))
    key, counter = kernel.reserve(n * lam.size * _RESERVED)
    # TF's CPU kernel computes in double for every rate dtype
    return wrap(P.poisson(key, counter, lam, n, np.float64).astype(dtype._np))


# ============================================================================================
# Stateless ops: a pure function of seed = [a, b]
# ============================================================================================
_MASK64 = (1 << 64) - 1


def _seed_words(seed, op_name="StatelessRandomGetKeyCounter"):
    s = t(seed)
    if s._value.dtype not in (np.int32, np.int64):
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr 'Tseed' of {s.dtype.name} is not in the list of allowed "
                       f"values: int32, int64")
    if s._value.shape != (2,):
        raise _kernel_error(InvalidArgumentError, op_name,
                            f"seed must have shape [2], not {list(s._value.shape)}")
    return [int(v) & _MASK64 for v in s._value]


def _key_counter(seed, alg="auto_select", op_name="StatelessRandomUniformV2"):
    """TF's (key, counter) for a stateless seed: one Philox block of the seed under a fixed key
    (StatelessRandomGetKeyCounter; the same for alg="philox")."""
    alg = _alg_int(alg if alg is not None else "auto_select", stateless=True)
    words = _seed_words(seed)
    if alg == Algorithm.THREEFRY.value:
        raise _kernel_error(InvalidArgumentError, op_name,
                            "counter must be a vector with length at least 2; got shape: [1]. (Note "
                       "that batched counters are not supported yet.)")
    return P.key_counter_from_seed(*words)


def _stateless(seed, alg="auto_select", op_name="StatelessRandomUniformV2"):
    bits = _Bits(*_key_counter(seed, alg, op_name))
    return lambda n: bits


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                     alg="auto_select"):
    """Normal samples that depend only on `shape`, `seed` (two integers) and dtype.

    >>> tf.random.stateless_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    return _normal(_stateless(seed, alg, "StatelessRandomNormalV2"), shape, mean, stddev, dtype,
                   "StatelessRandomNormalV2")


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                               alg="auto_select"):
    """Truncated normal samples that depend only on `shape`, `seed` and dtype.

    >>> tf.random.stateless_truncated_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    return _truncated_normal(_stateless(seed, alg, "StatelessTruncatedNormalV2"), shape, mean,
                             stddev, dtype, "StatelessTruncatedNormalV2")


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=D.float32, name=None,
                      alg="auto_select"):
    """Uniform samples in [minval, maxval) that depend only on `shape`, `seed` and dtype; for
    integer dtypes, minval = maxval = None draws from the dtype's full range.

    >>> tf.random.stateless_uniform([2], seed=[1, 2], minval=0, maxval=10, dtype=tf.int32).dtype
    tf.int32
    """
    dtype = D.as_dtype(dtype)
    _check_uniform_dtype(dtype, (D.uint32, D.uint64))
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype}, argument `minval` and `maxval` "
                             f"must be both None or not None. Got `minval`={minval} and "
                             f"`maxval`={maxval}.")
        if minval is not None and dtype in (D.uint32, D.uint64):
            raise ValueError(f"Argument `dtype` got invalid value {dtype} when argument `minval` is "
                             f"not None. Please don't use unsigned integers in this case.")
    elif maxval is None:
        maxval = 1
    if dtype.is_integer:
        if minval is None:
            bits = _stateless(seed, alg, "StatelessRandomUniformFullIntV2")(0)
            return wrap(bits.full_int(_shape(shape), dtype))
        lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
        return _uniform_int(_stateless(seed, alg, "StatelessRandomUniformIntV2"), shape, lo, hi,
                            dtype, "StatelessRandomUniformIntV2")
    return _uniform_float(_stateless(seed, alg, "StatelessRandomUniformV2"), shape, minval, maxval,
                          dtype, shortcut=False)


def stateless_categorical(logits, num_samples, seed, dtype=D.int64, name=None):
    """`categorical` as a pure function of `seed`.

    >>> tf.random.stateless_categorical([[0.0, 1.0]], 3, seed=[1, 2]).shape
    TensorShape([1, 3])
    """
    logits = t(logits)
    dtype = D.as_dtype(dtype)
    if dtype not in (D.int32, D.int64):
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"(tf.int32, tf.int64).")
    bits = _Bits(*P.key_counter_from_seed(*_seed_words(seed, "StatelessMultinomial")))
    return wrap(_draw_categorical(bits, logits._value, int(_scalar(num_samples)), dtype,
                                  "StatelessMultinomial"))


def stateless_gamma(shape, seed, alpha, beta=None, dtype=D.float32, name=None):
    """Gamma(alpha, beta) samples as a pure function of `seed` (beta is the rate); `shape`
    must end with the broadcast shape of alpha and beta.

    >>> tf.random.stateless_gamma([2], seed=[1, 2], alpha=2.0).shape
    TensorShape([2])
    """
    dtype = D.as_dtype(dtype)
    shape = _shape(shape)
    alpha = convert_to_tensor(alpha, dtype=dtype)
    beta = convert_to_tensor(1 if beta is None else beta, dtype=dtype)
    try:
        bshape = np.broadcast_shapes(alpha._value.shape, beta._value.shape)
    except ValueError:
        raise op_error(InvalidArgumentError, "BroadcastArgs",
                       f"Incompatible shapes: {list(alpha._value.shape)} vs. "
                       f"{list(beta._value.shape)}") from None
    alpha_b = A.broadcast_to(alpha, bshape) if alpha._value.shape != bshape else alpha
    key, counter = _key_counter(seed, "auto_select", "StatelessRandomGammaV3")
    if len(bshape) > len(shape) or tuple(shape[len(shape) - len(bshape):]) != tuple(bshape):
        raise _kernel_error(InvalidArgumentError, "StatelessRandomGammaV3",
                            "Shape passed in must end with broadcasted shape.")
    lead = shape[:len(shape) - len(bshape)]
    sample = apply1(RANDOM_GAMMA, alpha_b, {"shape": lead, "key": key, "counter": counter})
    return M.maximum(np.finfo(dtype._np).tiny, sample / beta)


def stateless_poisson(shape, seed, lam, dtype=D.int32, name=None):
    """Poisson(lam) samples as a pure function of `seed`; `shape` must end with lam's shape.

    >>> tf.random.stateless_poisson([3], seed=[1, 2], lam=4.0).shape
    TensorShape([3])
    """
    shape = _shape(shape)
    lam = t(lam)
    dtype = D.as_dtype(dtype)
    words = _seed_words(seed, "StatelessRandomPoisson")
    ls = lam._value.shape
    if len(ls) > len(shape) or tuple(shape[len(shape) - len(ls):]) != tuple(ls):
        raise _kernel_error(InvalidArgumentError, "StatelessRandomPoisson",
                            "Shape passed in must end with broadcasted shape.")
    n = math.prod(shape)
    if n == 0:
        return wrap(np.zeros(shape, dtype._np))
    key, counter = P.key_counter_from_seed(*words)
    per_rate = n // max(lam._value.size, 1)
    out = P.poisson(key, counter, lam._value, per_rate, np.float64)
    return wrap(out.astype(dtype._np).reshape(shape))


def stateless_parameterized_truncated_normal(shape, seed, means=0.0, stddevs=1.0, minvals=-2.0,
                                            maxvals=2.0, name=None):
    """Normal(means, stddevs) samples cut to [minvals, maxvals], a pure function of `seed`; the
    parameters broadcast together and `shape` must end with their broadcast shape.

    >>> tf.random.stateless_parameterized_truncated_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    op = "StatelessParameterizedTruncatedNormal"
    shape = _shape(shape)
    params = [t(v) for v in (means, stddevs, minvals, maxvals)]
    dtype = params[0].dtype
    for p in params[1:]:
        if p.dtype != dtype:
            raise op_error(InvalidArgumentError, op,
                           f"cannot compute {op} as input #3(zero-based) was expected to be a "
                           f"{dtype.name} tensor but is a {p.dtype.name} tensor")
    if dtype not in (D.float16, D.float32, D.float64):
        raise op_error(InvalidArgumentError, op, f"Value for attr 'dtype' of {dtype.name} is not "
                                                 f"in the list of allowed values: half, float, double")
    words = _seed_words(seed, op)
    try:
        bshape = np.broadcast_shapes(*(p._value.shape for p in params))
    except ValueError:
        raise _kernel_error(InvalidArgumentError, op,
                            "means, stddevs, minvals, maxvals must have compatible batch "
                            "dimensions: " + " vs. ".join(str(list(p._value.shape))
                                                          for p in params)) from None
    if len(bshape) > len(shape) or tuple(shape[len(shape) - len(bshape):]) != tuple(bshape):
        raise _kernel_error(InvalidArgumentError, op,
                            "Shape passed in must end with broadcasted shape.")
    n = math.prod(shape)
    if n == 0:
        return wrap(np.zeros(shape, dtype._np))
    spb = math.prod(shape[:len(shape) - len(bshape)])
    flat = [np.broadcast_to(p._value, bshape).reshape(-1) for p in params]
    key, counter = P.key_counter_from_seed(*words)
    try:
        out = P.parameterized_truncated_normal(key, counter, *flat, spb, dtype._np)
    except ValueError as e:
        raise _kernel_error(InvalidArgumentError, op, str(e)) from None
    return wrap(out.reshape(shape))


def index_shuffle(index, seed, max_index):
    """The position of `index` in a pseudorandom permutation of [0, max_index] that depends only
    on `seed` (TF's RandomIndexShuffle: a 4-round Simon cipher with cycle walking).

    >>> int(tf.random.experimental.index_shuffle(3, seed=[1, 2], max_index=9))
    4
    """
    index, seed, max_index = t(index), t(seed), t(max_index)
    op = "RandomIndexShuffle"
    if index.dtype not in (D.int32, D.int64, D.uint32, D.uint64):
        raise op_error(InvalidArgumentError, op, f"Value for attr 'dtype' of {index.dtype.name} "
                                                 f"is not in the list of allowed values: int32, "
                                                 f"int64, uint32, uint64")
    if max_index.dtype != index.dtype:
        max_index = convert_to_tensor(max_index._value.astype(index.dtype._np))
    sv = np.asarray(seed._value)
    if sv.ndim == 0:
        raise op_error(InvalidArgumentError, "Pad", "The first dimension of paddings must be the "
                                                    "rank of inputs[1,2] []")
    # TF pads the seed's first axis with one constant entry
    sv = np.concatenate([np.full((1,) + sv.shape[1:], 498247692, sv.dtype), sv], axis=0)
    iv, mv = np.asarray(index._value), np.asarray(max_index._value)
    n = max(iv.size, mv.size, sv.size // 3)
    if sv.shape[-1] != 3 or (sv.ndim == 2 and sv.shape[0] != n) or sv.ndim > 2:
        raise _kernel_error(InvalidArgumentError, op,
                            f"Seed must be a vector of size [3] or a matrix of size [{n}, 3] but "
                            f"got [{','.join(map(str, sv.shape))}].")
    keys = (sv.astype(np.int64) & _MASK32).reshape(-1, 3)
    iv64 = np.broadcast_to(iv.astype(np.int64).reshape(-1), (n,)).astype(np.uint64)
    mv64 = np.broadcast_to(mv.astype(np.int64).reshape(-1), (n,)).astype(np.uint64)
    if len(keys) == 1:
        out = P.index_shuffle(iv64, keys[0], mv64)
    else:
        out = np.concatenate([P.index_shuffle(iv64[i:i + 1], keys[i], mv64[i:i + 1])
                              for i in range(n)])
    out = out.astype(index.dtype._np)
    all_scalar = iv.ndim == 0 and sv.ndim == 1 and mv.ndim == 0
    return wrap(out.reshape(()) if all_scalar else out)


def stateless_shuffle(value, seed, alg="auto_select", name=None):
    """`value` with its first dimension permuted as a pure function of `seed`.

    >>> tf.random.experimental.stateless_shuffle(tf.range(4), seed=[1, 2]).shape
    TensorShape([4])
    """
    v = t(value)
    key, counter = _key_counter(seed, alg, "StatelessShuffle")
    v = v._value
    if v.ndim == 0 or v.size <= 1 or v.shape[0] <= 1:
        return wrap(v)
    return wrap(v[P.shuffle_permutation(key, counter, v.shape[0])])


def split(seed, num=2, alg="auto_select"):
    """`num` new stateless seeds derived from `seed`, shape [num, 2].

    >>> tf.random.split([1, 2], 3).shape
    TensorShape([3, 2])
    """
    seed = t(seed)
    return stateless_uniform([num, 2], seed=seed, dtype=seed.dtype, minval=None, maxval=None)


def fold_in(seed, data, alg="auto_select"):
    """A new stateless seed from `seed` and the integer `data`: [hash(seed), data].

    >>> tf.random.fold_in([1, 2], 3).shape
    TensorShape([2])
    """
    data = t(data)
    first = stateless_uniform([], seed=seed, dtype=data.dtype, minval=None, maxval=None)
    return A.stack([first, data])


# ============================================================================================
# Generator: counter-based state in a Variable
# ============================================================================================
class Algorithm(enum.Enum):
    """The bit generator behind a `Generator` or a stateless op. TF's CPU kernels run Philox;
    THREEFRY raises there, as in TF (it is XLA-only)."""
    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


_STATE_SIZES = {1: 3, 2: 2, 3: 3}
_COUNTER_STEP = 256  # TF reserves 256 counter values per element drawn


def _unsupported_alg(alg):
    if isinstance(alg, int):
        names = (1, 2, 3)
    elif isinstance(alg, str):
        names = ("philox", "threefry", "auto_select")
    else:
        names = (Algorithm.PHILOX, Algorithm.THREEFRY, Algorithm.AUTO_SELECT)
    return ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are "
                      f"{names[0]} for the Philox algorithm, {names[1]} for the ThreeFry "
                      f"algorithm, and {names[2]} for auto-selection.")


def _alg_int(alg, stateless=False):
    """TF's convert_alg_to_int (None means Philox for a Generator, auto-select for stateless)."""
    if alg is None:
        return Algorithm.AUTO_SELECT.value if stateless else Algorithm.PHILOX.value
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, (int, np.integer)) and not isinstance(alg, bool):
        alg = int(alg)
    elif isinstance(alg, str):
        canon = alg.strip().lower().replace("-", "").replace("_", "")
        named = {"philox": 1, "threefry": 2, "autoselect": 3}
        if canon not in named:
            raise _unsupported_alg(alg)
        return named[canon]
    elif hasattr(alg, "_value"):
        alg = int(alg._value)
    else:
        raise TypeError(f"Can't convert argument `alg` (of value {alg} and type {type(alg)}) "
                        f"to int.")
    if alg not in _STATE_SIZES:
        raise _unsupported_alg(alg)
    return alg


def _signed64(n):
    n &= _MASK64
    return n - (1 << 64) if n >= 1 << 63 else n


def _state_array(seed, size):
    """TF's _make_1d_state: a Python int chopped into 64-bit words; anything else cast to int64,
    cut to `size` and padded with zeros on the left."""
    if isinstance(seed, (int, np.integer)):
        seed = int(seed)
        words = []
        for _ in range(size):
            words.append(seed & _MASK64)
            seed >>= 64
    else:
        words = np.asarray(getattr(seed, "_value", seed)).reshape(-1).tolist()
    words = [_signed64(int(w)) for w in words][:size]
    return np.asarray([0] * (size - len(words)) + words, np.int64)


def create_rng_state(seed, alg):
    """The int64 state vector a Generator seeded with `seed` starts from.

    >>> tf.random.create_rng_state(1234, "philox")
    <tf.Tensor: shape=(3,), dtype=int64, numpy=array([1234,    0,    0])>
    """
    alg = _alg_int(alg)
    return wrap(_state_array(seed, _STATE_SIZES[alg]))


class Generator(Module):
    """A random number generator with explicit state (an int64 Variable), as `tf.random.Generator`.
    It checkpoints its state (a tapeflow Module, so `tf.train.Checkpoint` tracks it).

    >>> g = tf.random.Generator.from_seed(1234)
    >>> g.normal([2, 3]).shape
    TensorShape([2, 3])
    """

    def __init__(self, copy_from=None, state=None, alg=None):
        Module.__init__(self, name="generator")
        if copy_from is not None:
            if state is not None or alg is not None:
                raise ValueError("copy_from excludes state and alg")
            self._alg = copy_from.algorithm
            state = np.array(copy_from.state._value)
        else:
            if state is None or alg is None:
                raise ValueError("Generator needs both `state` and `alg` (or `copy_from`)")
            self._alg = _alg_int(alg)
            if isinstance(state, Variable):  # shared, as TF: draws advance both
                self._check_size(state._value)
                self._state_var = state
                return
            state = np.asarray([_signed64(int(s)) for s in np.asarray(
                getattr(state, "_value", state)).reshape(-1).tolist()], np.int64)
        self._check_size(state)
        self._state_var = Variable(state, trainable=False, name="StateVar", dtype=D.int64)

    def _check_size(self, state):
        size = _STATE_SIZES[self._alg]
        if state.shape != (size,):
            raise ValueError(f"Shapes {tuple(state.shape)} and ({size},) are incompatible")

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_seed(cls, seed, alg=None):
        """A generator whose state is made from the integer (or array) `seed`."""
        alg = _alg_int(alg)
        return cls(state=_state_array(seed, _STATE_SIZES[alg]), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        """A generator seeded from the operating system's entropy."""
        alg = _alg_int(alg)
        words = np.random.SeedSequence().generate_state(_STATE_SIZES[alg], np.uint64)
        return cls(state=words.view(np.int64), alg=alg)

    @classmethod
    def from_state(cls, state, alg):
        """A generator starting from an explicit state vector."""
        return cls(state=state, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        """A generator from a key (int) and a counter (list of ints)."""
        counter = [int(c) for c in np.asarray(getattr(counter, "_value", counter)).reshape(-1)]
        return cls(state=counter + [int(getattr(key, "_value", key))], alg=alg)

    def reset(self, state):
        """Sets the state vector."""
        self._state_var.assign(np.asarray([_signed64(int(s)) for s in np.asarray(
            getattr(state, "_value", state)).reshape(-1).tolist()], np.int64))

    def reset_from_seed(self, seed):
        """Resets the state as `from_seed(seed)` would make it."""
        self._state_var.assign(_state_array(seed, _STATE_SIZES[self._alg]))

    def reset_from_key_counter(self, key, counter):
        """Resets the state from a key and a counter."""
        counter = [int(c) for c in np.asarray(getattr(counter, "_value", counter)).reshape(-1)]
        self.reset(counter + [int(getattr(key, "_value", key))])

    # -- state ---------------------------------------------------------------------------------
    @property
    def state(self):
        """The state Variable: [counter words..., key]."""
        return self._state_var

    @property
    def algorithm(self):
        """The algorithm as an int (1 = Philox, 2 = ThreeFry)."""
        return self._alg

    @property
    def key(self):
        """The key part of the state."""
        return wrap(np.int64(self._state_var._value[-1]))

    def _counter(self):
        words = [int(w) & _MASK64 for w in self._state_var._value[:-1]]
        return sum(w << (64 * i) for i, w in enumerate(words)), len(words)

    def skip(self, delta):
        """Advances the counter as if `delta` elements had been drawn; returns the state before.

        >>> g = tf.random.Generator.from_seed(5)
        >>> g.skip(3).numpy().tolist(), g.state.numpy().tolist()
        ([5, 0, 0], [773, 0, 0])
        """
        old = wrap(np.array(self._state_var._value))
        self._read_and_skip(_COUNTER_STEP * int(getattr(delta, "_value", delta)))
        return old

    def _read_and_skip(self, blocks, op_name="RngReadAndSkip"):
        """The _Bits at the current state; the 128-bit counter then moves `blocks` on."""
        if self._alg == Algorithm.THREEFRY.value:
            raise _kernel_error(UnimplementedError, op_name,
                                "Non-XLA devices don't support the ThreeFry algorithm.")
        c0, c1, key = [int(w) & _MASK64 for w in self._state_var._value]
        bits = _Bits((key & _MASK32, key >> 32), (c0 & _MASK32, c0 >> 32, c1 & _MASK32, c1 >> 32))
        counter = ((c0 | (c1 << 64)) + int(blocks)) % (1 << 128)
        self._state_var.assign(np.asarray([_signed64(counter), _signed64(counter >> 64),
                                           _signed64(key)], np.int64))
        return bits

    def _stream(self, shape):
        """The _Bits at the current state; the counter then moves past `shape` elements
        (TF's RngReadAndSkip: 256 blocks per element)."""
        bits = self._read_and_skip(_COUNTER_STEP * math.prod(shape))
        return lambda n: bits

    # -- sampling ------------------------------------------------------------------------------
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        """Normal samples; differentiable in `mean` and `stddev`.

        >>> tf.random.Generator.from_seed(1).normal([]).numpy().item()
        0.4384227395057678
        """
        dtype = D.as_dtype(dtype)
        mean = convert_to_tensor(mean, dtype=dtype)
        stddev = convert_to_tensor(stddev, dtype=dtype)
        return _normal(self._stream(_shape(shape)), shape, mean, stddev, dtype,
                       "StatelessRandomNormalV2")

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        """Normal samples within two standard deviations of the mean."""
        dtype = D.as_dtype(dtype)
        mean = convert_to_tensor(mean, dtype=dtype)
        stddev = convert_to_tensor(stddev, dtype=dtype)
        return _truncated_normal(self._stream(_shape(shape)), shape, mean, stddev, dtype,
                                 "StatelessTruncatedNormalV2")

    def uniform(self, shape, minval=0, maxval=None, dtype=D.float32, name=None):
        """Uniform samples in [minval, maxval); integer dtypes need both bounds or neither.

        >>> tf.random.Generator.from_seed(1).uniform([2], 0, 10, tf.int64).dtype
        tf.int64
        """
        dtype = D.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype}, minval and maxval must be both `None` "
                                 f"or both non-`None`; got minval={minval} and maxval={maxval}")
        elif maxval is None:
            maxval = 1
        if dtype.is_integer and minval is None:
            return self.uniform_full_int(shape, dtype)
        minval = convert_to_tensor(minval, dtype=dtype)
        maxval = convert_to_tensor(maxval, dtype=dtype)
        if dtype.is_integer:
            return _uniform_int(self._stream(_shape(shape)), shape, minval, maxval, dtype,
                                "StatelessRandomUniformIntV2")
        _float_dtype(dtype, "StatelessRandomUniformV2")
        return _uniform_float(self._stream(_shape(shape)), shape, minval, maxval, dtype,
                              shortcut=False)

    def uniform_full_int(self, shape, dtype=D.uint64, name=None):
        """Integers over the whole range of `dtype`."""
        dtype = D.as_dtype(dtype)
        shape = _shape(shape)
        return wrap(self._stream(shape)(0).full_int(shape, dtype))

    def binomial(self, shape, counts, probs, dtype=D.int32, name=None):
        """Binomial(counts, probs) samples, broadcast to `shape` (TF's StatefulRandomBinomial).

        >>> tf.random.Generator.from_seed(1).binomial([3], counts=10., probs=0.5).shape
        TensorShape([3])
        """
        dtype = D.as_dtype(dtype)
        shape = _shape(shape)
        counts, probs = t(counts), t(probs)
        if counts.dtype != probs.dtype:
            raise op_error(InvalidArgumentError, "StatefulRandomBinomial",
                           f"cannot compute StatefulRandomBinomial as input #4(zero-based) was "
                           f"expected to be a {counts.dtype.name} tensor but is a "
                           f"{probs.dtype.name} tensor")
        spb, nb = _binomial_layout(shape, counts, probs, "StatefulRandomBinomial")
        if self._alg != Algorithm.PHILOX.value:
            raise op_error(InvalidArgumentError, "StatefulRandomBinomial",
                           f"Unsupported algorithm id: {self._alg}")
        bits = self._read_and_skip(nb * 2 * 100 * (spb + 3) // 4 * _COUNTER_STEP)
        return _binomial(bits, shape, counts, probs, dtype)

    def make_seeds(self, count=1):
        """`count` seeds for stateless ops, shape [2, count] (int64).

        >>> tf.random.Generator.from_seed(1).make_seeds(3).shape
        TensorShape([2, 3])
        """
        keys = self.uniform_full_int([count], D.int64)
        return A.stack([keys, A.zeros_like(keys)])

    def split(self, count=1):
        """`count` new generators with independent keys; this one advances."""
        keys = self.uniform_full_int([count], D.int64)._value
        size = _STATE_SIZES[self._alg]
        return [Generator(state=[0] * (size - 1) + [int(k)], alg=self._alg) for k in keys]


def _binomial_layout(shape, counts, probs, op_name):
    """(samples per batch member, batch members): the shape must end with the broadcast
    shape of counts and probs."""
    cs, ps = counts._value.shape, probs._value.shape
    try:
        bshape = np.broadcast_shapes(cs, ps)
    except ValueError:
        raise op_error(InvalidArgumentError, op_name,
                       f"counts and probs must have compatible batch dimensions: {list(cs)} vs. "
                       f"{list(ps)}") from None
    if len(bshape) > len(shape) or tuple(shape[len(shape) - len(bshape):]) != tuple(bshape):
        raise _kernel_error(InvalidArgumentError, op_name,
                            "Shape passed in must end with broadcasted shape.")
    lead = len(shape) - len(bshape)
    return math.prod(shape[:lead]), math.prod(shape[lead:])


def _binomial(bits, shape, counts, probs, dtype):
    spb = _binomial_layout(shape, counts, probs, "")[0]
    bshape = tuple(shape[len(shape) - len(np.broadcast_shapes(counts._value.shape,
                                                              probs._value.shape)):])
    if math.prod(shape) == 0:
        return wrap(np.zeros(shape, dtype._np))
    c = np.broadcast_to(counts._value, bshape)
    p = np.broadcast_to(probs._value, bshape)
    vals = P.binomial(bits.key, bits.counter, c, p, spb, probs._value.dtype)
    with np.errstate(invalid="ignore"):
        return wrap(vals.astype(dtype._np).reshape(shape))


def stateless_binomial(shape, seed, counts, probs, output_dtype=D.int32, name=None):
    """Binomial(counts, probs) samples as a pure function of `seed`; `shape` must end with the
    broadcast shape of counts and probs.

    >>> tf.random.stateless_binomial([3], seed=[1, 2], counts=10., probs=0.5).shape
    TensorShape([3])
    """
    shape = _shape(shape)
    probs = convert_to_tensor(probs, dtype_hint=D.float32)
    counts = convert_to_tensor(counts, dtype_hint=probs.dtype)
    output_dtype = D.as_dtype(output_dtype)
    _binomial_layout(shape, counts, probs, "StatelessRandomBinomial")
    words = _seed_words(seed, "StatelessRandomBinomial")
    return _binomial(_Bits(*P.key_counter_from_seed(*words)), shape, counts, probs, output_dtype)


_global_generator = [None]


def get_global_generator():
    """The process-wide Generator (made from non-deterministic state on first use)."""
    if _global_generator[0] is None:
        _global_generator[0] = Generator.from_non_deterministic_state()
    return _global_generator[0]


def set_global_generator(generator):
    """Replaces the process-wide Generator."""
    _global_generator[0] = generator
