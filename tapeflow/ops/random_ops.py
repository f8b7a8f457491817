"""`tf.random`: seeded sampling on NumPy's bit generators.

Three kinds of randomness, with TF's seed rules and shapes, dtypes and errors:
  * stateful ops (`normal`, `uniform`, `categorical`, `gamma`, ...): a global seed from `set_seed`
    and an optional op seed; repeated calls with the same seeds give a fixed *sequence*;
  * stateless ops (`stateless_normal(shape, seed=[a, b])`, ...): a pure function of the seed;
  * `Generator`: a counter-based generator whose state is an int64 Variable [counter_lo,
    counter_hi, key], as TF's Philox state; each draw advances the counter by 256 per element, as
    TF does, so `Generator.from_state(g.state)` replays `g`.
The numbers themselves differ from TF's Philox streams (a documented deliberate difference).

Parameters enter through tapeflow ops, as in TF: `normal(shape, mean, stddev)` is
`rnd * stddev + mean`, so gradients reach `mean` and `stddev`, and a gamma sample is
differentiable in `alpha` (implicit reparameterization).

    >>> tf.random.set_seed(1)
    >>> tf.random.normal((2,)).shape
    TensorShape([2])
"""
import enum
import math

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, NotFoundError, op_error
from ..framework.op import apply1, apply2, defop
from ..framework.tensor import convert_to_tensor, wrap
from ..framework.variables import Variable
from . import array_ops as A
from . import math_ops as M
from ._common import int_list, t

_DEFAULT_GLOBAL_SEED = 87654321
_state = {"global": None, "rng": np.random.default_rng(), "op_counters": {}}


def set_seed(seed):
    """Sets the global seed: the sequence of random values after it is reproducible.

    >>> tf.random.set_seed(5)
    """
    _state["global"] = None if seed is None else int(seed)
    _state["rng"] = np.random.default_rng(seed)
    _state["op_counters"] = {}


def get_global_generator_rng():
    return _state["rng"]


def _rng(seed):
    """The NumPy generator for a stateful op with op seed `seed` (TF's get_seed rules)."""
    if seed is None:
        return _state["rng"]
    g = _state["global"] if _state["global"] is not None else _DEFAULT_GLOBAL_SEED
    key = (g, int(seed))
    n = _state["op_counters"].get(key, 0)
    _state["op_counters"][key] = n + 1
    return np.random.default_rng([g & 0xFFFFFFFFFFFFFFFF, int(seed) & 0xFFFFFFFFFFFFFFFF, n])


def _shape(shape):
    return tuple(int_list(shape)) if not isinstance(shape, int) else (shape,)


def _scalar(v):
    return np.asarray(getattr(v, "_value", v))


# ============================================================================================
# Drawing NumPy arrays from a NumPy Generator (shared by the three kinds)
# ============================================================================================
_FLOAT_NAMES = "half, bfloat16, float, double"


def _float_dtype(dtype, op_name):
    if not dtype.is_floating:
        raise op_error(InvalidArgumentError, op_name, f"Value for attr 'dtype' of {dtype.name} is not "
                                                      f"in the list of allowed values: {_FLOAT_NAMES}")


def _draw_normal(rng, shape, dtype):
    return rng.standard_normal(shape, dtype=np.float32 if dtype == D.float32 else np.float64) \
        .astype(dtype._np)


def _draw_truncated(rng, shape, dtype):
    """Standard normal values redrawn until within two standard deviations."""
    z = rng.standard_normal(shape)
    bad = np.abs(z) > 2
    while np.any(bad):
        z[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(z) > 2
    return z.astype(dtype._np)


def _draw_unit(rng, shape, dtype):
    """Uniform on [0, 1), never 1 after rounding to `dtype`."""
    u = rng.random(shape, dtype=np.float32 if dtype == D.float32 else np.float64).astype(dtype._np)
    return np.minimum(u, np.nextafter(dtype._np.type(1), dtype._np.type(0)))


def _draw_int(rng, shape, lo, hi, dtype, op_name):
    if np.size(lo) != 1 or np.size(hi) != 1:
        raise op_error(InvalidArgumentError, op_name, "minval and maxval must be 0-D")
    lo, hi = int(np.asarray(lo).reshape(())), int(np.asarray(hi).reshape(()))
    if lo >= hi and math.prod(shape):
        raise op_error(InvalidArgumentError, op_name, f"Need minval < maxval: {lo} >= {hi}")
    return rng.integers(lo, max(hi, lo + 1), shape, dtype=dtype._np)


def _draw_full_int(rng, shape, dtype):
    info = np.iinfo(dtype._np)
    return rng.integers(info.min, info.max, shape, dtype=dtype._np, endpoint=True)


def _draw_categorical(rng, logits, num_samples, dtype, op_name="Multinomial"):
    """Indices drawn with probabilities softmax(logits) per row, by inverse CDF: all rows'
    normalized CDFs, offset by their row number, form one increasing array for searchsorted."""
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
    lg = logits.astype(np.float64)
    top = np.max(np.where(np.isfinite(lg), lg, -np.inf), axis=1, keepdims=True)
    p = np.exp(lg - np.where(np.isfinite(top), top, 0))
    cdf = np.cumsum(p, axis=1)
    total = cdf[:, -1:]
    dead = ~(total > 0)  # no finite logit: TF answers num_classes (an invalid index)
    cdf = np.where(dead, np.arange(1, k + 1) / k, cdf / np.where(dead, 1, total))
    cdf = cdf + np.arange(batch)[:, None]
    u = rng.random((batch, num_samples)) + np.arange(batch)[:, None]
    idx = np.searchsorted(cdf.reshape(-1), u.reshape(-1), side="right").reshape(batch, num_samples)
    idx = np.clip(idx - np.arange(batch)[:, None] * k, 0, k - 1)
    return np.where(dead, k, idx).astype(dtype._np)


# ============================================================================================
# Samplers on top of a NumPy Generator; parameters enter through tapeflow ops
# ============================================================================================
def _normal(rng, shape, mean, stddev, dtype, op_name):
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, op_name)
    return M.add(wrap(_draw_normal(rng, _shape(shape), dtype)) * stddev, mean)


def _truncated_normal(rng, shape, mean, stddev, dtype, op_name):
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, op_name)
    return M.add(wrap(_draw_truncated(rng, _shape(shape), dtype)) * stddev, mean)


_UNIFORM_DTYPES = (D.float16, D.float32, D.float64, D.int32, D.int64)


def _check_uniform_dtype(dtype, extra=()):
    if dtype not in _UNIFORM_DTYPES + extra:
        names = "tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64" + "".join(
            ", " + repr(d) for d in extra)
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"({names}).")


def _uniform_float(rng, shape, minval, maxval, dtype, shortcut):
    """rnd * (maxval - minval) + minval, skipping the arithmetic for the default [0, 1) as TF."""
    rnd = wrap(_draw_unit(rng, _shape(shape), dtype))
    lo_zero = shortcut and isinstance(minval, int) and minval == 0
    hi_one = shortcut and isinstance(maxval, int) and maxval == 1
    if lo_zero and hi_one:
        return rnd
    minval, maxval = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
    if lo_zero:
        return M.multiply(rnd, maxval)
    return M.add(rnd * (maxval - minval), minval)


# ============================================================================================
# Stateful ops
# ============================================================================================
def normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Samples from a normal distribution; differentiable in `mean` and `stddev`.

    >>> tf.random.normal([2, 3], seed=1).shape
    TensorShape([2, 3])
    """
    return _normal(_rng(seed), shape, mean, stddev, dtype, "RandomStandardNormal")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Normal samples redrawn until within two standard deviations of the mean.

    >>> tf.random.truncated_normal([3], seed=1).shape
    TensorShape([3])
    """
    return _truncated_normal(_rng(seed), shape, mean, stddev, dtype, "TruncatedNormal")


def uniform(shape, minval=0, maxval=None, dtype=D.float32, seed=None, name=None):
    """Samples uniformly from [minval, maxval) (maxval defaults to 1 for floats).

    >>> tf.random.uniform([2], maxval=10, dtype=tf.int32, seed=1).dtype
    tf.int32
    """
    dtype = D.as_dtype(dtype)
    _check_uniform_dtype(dtype)
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    if dtype.is_integer:
        lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
        return wrap(_draw_int(_rng(seed), _shape(shape), lo._value, hi._value, dtype,
                              "RandomUniformInt"))
    return _uniform_float(_rng(seed), shape, minval, maxval, dtype, shortcut=True)


def shuffle(value, seed=None, name=None):
    """`value` with its first dimension randomly permuted (not differentiable, as TF).

    >>> tf.random.shuffle(tf.range(5), seed=1).shape
    TensorShape([5])
    """
    v = t(value)._value
    if v.ndim == 0 or v.shape[0] <= 1:
        return wrap(v)
    return wrap(v[_rng(seed).permutation(v.shape[0])])


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
    return wrap(_draw_categorical(_rng(seed), logits._value, int(_scalar(num_samples)), dtype))


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


def _random_gamma_forward(alpha, shape, rng):
    return rng.standard_gamma(np.broadcast_to(alpha, shape + alpha.shape)).astype(alpha.dtype)


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
    sample = apply1(RANDOM_GAMMA, alpha_b, {"shape": shape, "rng": _rng(seed)})
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
    lam = t(lam)._value
    shape = _shape(shape)
    lam = np.maximum(np.broadcast_to(lam, shape + lam.shape), 0)  # TF draws 0 for a negative rate
    return wrap(_rng(seed).poisson(lam).astype(dtype._np))


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
        raise op_error(InvalidArgumentError, op_name,
                       f"seed must have shape [2], not {list(s._value.shape)}")
    return [int(v) & _MASK64 for v in s._value]


def _stateless_rng(seed):
    return np.random.Generator(np.random.Philox(key=_seed_words(seed)))


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                     alg="auto_select"):
    """Normal samples that depend only on `shape`, `seed` (two integers) and dtype.

    >>> tf.random.stateless_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    return _normal(_stateless_rng(seed), shape, mean, stddev, dtype, "StatelessRandomNormalV2")


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                               alg="auto_select"):
    """Truncated normal samples that depend only on `shape`, `seed` and dtype.

    >>> tf.random.stateless_truncated_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    return _truncated_normal(_stateless_rng(seed), shape, mean, stddev, dtype,
                             "StatelessTruncatedNormalV2")


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
    rng = _stateless_rng(seed)
    if dtype.is_integer:
        if minval is None:
            return wrap(_draw_full_int(rng, _shape(shape), dtype))
        lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
        return wrap(_draw_int(rng, _shape(shape), lo._value, hi._value, dtype,
                              "StatelessRandomUniformIntV2"))
    return _uniform_float(rng, shape, minval, maxval, dtype, shortcut=False)


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
    return wrap(_draw_categorical(_stateless_rng(seed), logits._value, int(_scalar(num_samples)),
                                  dtype, "StatelessMultinomial"))


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
    """The bit generator behind a `Generator` (tapeflow draws from NumPy's Philox for all)."""
    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


_STATE_SIZES = {1: 3, 2: 2, 3: 3}
_COUNTER_STEP = 256  # TF reserves 256 counter values per element drawn


def _alg_int(alg):
    if alg is None:
        return Algorithm.PHILOX.value
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, str):
        named = {"philox": 1, "threefry": 2, "auto_select": 3}
        if alg.lower() not in named:
            raise ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are "
                             f"{Algorithm.PHILOX} for the Philox algorithm, {Algorithm.THREEFRY} "
                             f"for the ThreeFry algorithm, and {Algorithm.AUTO_SELECT} for auto-"
                             f"selection.")
        return named[alg.lower()]
    alg = int(getattr(alg, "_value", alg))
    if alg not in _STATE_SIZES:
        raise ValueError(f"Argument `alg` got unsupported value {alg}.")
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


class Generator:
    """A random number generator with explicit state (an int64 Variable), as `tf.random.Generator`.

    >>> g = tf.random.Generator.from_seed(1234)
    >>> g.normal([2, 3]).shape
    TensorShape([2, 3])
    """

    def __init__(self, copy_from=None, state=None, alg=None):
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
        """Advances the counter as if `delta` elements had been drawn."""
        counter, n = self._counter()
        counter = (counter + _COUNTER_STEP * int(delta)) % (1 << (64 * n))
        words = [_signed64(counter >> (64 * i)) for i in range(n)]
        self._state_var.assign(np.asarray(words + [int(self._state_var._value[-1])], np.int64))

    def _stream(self, shape):
        """A NumPy Generator at the current state; the counter then moves past `shape` elements."""
        counter, n = self._counter()
        key = int(self._state_var._value[-1]) & _MASK64
        bits = np.random.Philox(counter=[counter & _MASK64, counter >> 64, 0, 0], key=[key, 0])
        self.skip(math.prod(shape))
        return np.random.Generator(bits)

    # -- sampling ------------------------------------------------------------------------------
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        """Normal samples; differentiable in `mean` and `stddev`.

        >>> tf.random.Generator.from_seed(1).normal([2]).shape
        TensorShape([2])
        """
        return _normal(self._stream(_shape(shape)), shape, mean, stddev, dtype,
                       "StatefulStandardNormalV2")

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        """Normal samples within two standard deviations of the mean."""
        return _truncated_normal(self._stream(_shape(shape)), shape, mean, stddev, dtype,
                                 "StatefulTruncatedNormal")

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
        rng = self._stream(_shape(shape))
        if dtype.is_integer:
            lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
            return wrap(_draw_int(rng, _shape(shape), lo._value, hi._value, dtype,
                                  "StatelessRandomUniformIntV2"))
        _float_dtype(dtype, "StatefulUniform")
        return _uniform_float(rng, shape, minval, maxval, dtype, shortcut=False)

    def uniform_full_int(self, shape, dtype=D.uint64, name=None):
        """Integers over the whole range of `dtype`."""
        dtype = D.as_dtype(dtype)
        return wrap(_draw_full_int(self._stream(_shape(shape)), _shape(shape), dtype))

    def binomial(self, shape, counts, probs, dtype=D.int32, name=None):
        """Binomial(counts, probs) samples, broadcast to `shape`."""
        dtype = D.as_dtype(dtype)
        shape = _shape(shape)
        counts = np.broadcast_to(t(counts)._value, shape)
        probs = np.broadcast_to(t(probs)._value, shape)
        return wrap(self._stream(shape).binomial(counts.astype(np.int64), probs).astype(dtype._np))

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


_global_generator = [None]


def get_global_generator():
    """The process-wide Generator (made from non-deterministic state on first use)."""
    if _global_generator[0] is None:
        _global_generator[0] = Generator.from_non_deterministic_state()
    return _global_generator[0]


def set_global_generator(generator):
    """Replaces the process-wide Generator."""
    _global_generator[0] = generator
