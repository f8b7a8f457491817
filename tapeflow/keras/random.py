"""`tf.keras.random`: Keras 3's seeded random ops on TF's stateless kernels.

Keras draws every random tensor from a stateless TF op whose seed comes from `draw_seed`: an
integer seed gives [seed, 0] (the same values on every call), a `SeedGenerator` gives its state
[seed, k] and moves it to [seed, k + 1], and no seed draws from a global SeedGenerator (made from
Python's `random` on first use; `keras.utils.set_random_seed` resets it). Values equal Keras 3
on TensorFlow. Inside a `tf.function` the SeedGenerator's state is read and assigned when the
function runs (graph ops), so a traced layer draws new masks on every call, as in Keras.

    >>> tf.keras.random.normal([2], seed=1).numpy().tolist()
    [0.12665030360221863, -0.4930165708065033]
"""
import random as _pyrandom

import numpy as np

from ..framework import dtypes
from ..framework.op import is_concrete, state
from ..framework.tensor import convert_to_tensor, wrap
from ..framework.variables import Variable
from ..ops import array_ops as A
from ..ops import indexing_ops as I
from ..ops import math_ops as M
from ..ops import random_ops as R
from . import backend

_GLOBAL = {"generator": None}
_NAMES = {}


def make_default_seed():
    """A fresh seed from Python's global `random` (reproducible after `random.seed`)."""
    return _pyrandom.randint(1, int(1e9))


def _auto_name(prefix):
    n = _NAMES.get(prefix, 0)
    _NAMES[prefix] = n + 1
    return prefix if n == 0 else f"{prefix}_{n}"


class SeedGenerator:
    """A seed state [seed, counter] (an int64 Variable) that advances on every draw.

    >>> g = tf.keras.random.SeedGenerator(3)
    >>> g.next().numpy().tolist(), g.next().numpy().tolist()
    ([3, 0], [3, 1])
    """

    def __init__(self, seed=None, name=None, **kwargs):
        kwargs.pop("backend", None)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
        self.name = name if name is not None else _auto_name("seed_generator")
        self._initial_seed = seed
        if seed is None:
            seed = make_default_seed()
        if type(seed) not in (int, bool):
            raise ValueError(f"Argument `seed` must be an integer. Received: seed={seed}")
        self.state = Variable(np.array([seed, 0], np.int64), trainable=False,
                              name="seed_generator_state", dtype=dtypes.int64)

    def next(self, ordered=True):
        """The current state; the state then moves on ([0, 1] added, or a scramble when
        `ordered` is False, as Keras's global generator does)."""
        if state.interpreters:  # a graph (or vmap): the state is read and assigned by ops
            value = self.state.read_value()
            seed = value * np.int64(1)  # Keras's copy of the state (`value * 1`)
            if ordered:
                self.state.assign(value + np.array([0, 1], np.int64))
            else:
                self.state.assign((value + np.int64(1)) * np.int64(5387) % np.int64(933199))
            return seed
        value = wrap(np.array(self.state._value))
        if ordered:
            self.state.assign(self.state._value + np.array([0, 1], np.int64))
        else:
            self.state.assign((self.state._value + 1) * 5387 % 933199)
        return value

    def get_config(self):
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def global_seed_generator():
    """The SeedGenerator behind unseeded draws (made on first use)."""
    if _GLOBAL["generator"] is None:
        _GLOBAL["generator"] = SeedGenerator()
    return _GLOBAL["generator"]


def draw_seed(seed):
    """The [2] int64 seed tensor a draw uses (Keras's draw_seed)."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if isinstance(seed, int) and not isinstance(seed, bool):
        return convert_to_tensor([seed, 0], dtype=dtypes.int64)
    if seed is None:
        return global_seed_generator().next(ordered=False)
    raise ValueError(f"Argument `seed` must be either an integer or an instance of "
                     f"`SeedGenerator`. Received: seed={seed} (of type {type(seed)})")


def _tf_seed(seed):
    """Keras's TF backend casts int64 seeds into int32 range (floormod 2**31 - 2)."""
    s = draw_seed(seed)
    if s.dtype == dtypes.int32:
        return s
    if not is_concrete(s):
        return M.cast(M.floormod(s, np.int64(2 ** 31 - 2)), dtypes.int32)
    return wrap((np.asarray(s._value, np.int64) % (2 ** 31 - 2)).astype(np.int32))


def _dtype(dtype):
    return dtypes.as_dtype(dtype or backend.floatx())


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal samples (TF's stateless_normal at the drawn seed)."""
    return R.stateless_normal(shape, seed=_tf_seed(seed), mean=mean, stddev=stddev,
                              dtype=_dtype(dtype))


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Uniform samples in [minval, maxval)."""
    dt = _dtype(dtype)
    return R.stateless_uniform(shape, seed=_tf_seed(seed), minval=M.cast(minval, dt),
                               maxval=M.cast(maxval, dt), dtype=dt)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal samples within two standard deviations of the mean."""
    return R.stateless_truncated_normal(shape, seed=_tf_seed(seed), mean=mean, stddev=stddev,
                                        dtype=_dtype(dtype))


def randint(shape, minval, maxval, dtype="int32", seed=None):
    """Integers in [minval, maxval)."""
    dt = dtypes.as_dtype(dtype)
    mid = dt if dt in (dtypes.int32, dtypes.int64) else dtypes.int64
    out = R.stateless_uniform(shape, seed=_tf_seed(seed), minval=minval, maxval=maxval, dtype=mid)
    return M.cast(out, dt)


def categorical(logits, num_samples, dtype="int64", seed=None):
    """Class indices drawn from unnormalised log-probabilities [batch, classes]."""
    out = R.stateless_categorical(logits, num_samples, seed=_tf_seed(seed))
    return M.cast(out, dtypes.as_dtype(dtype))


def shuffle(x, axis=0, seed=None):
    """`x` permuted along `axis` (argsort of uniform keys, as Keras's TF backend)."""
    x = convert_to_tensor(x)
    n = x._value.shape[axis]
    s = _tf_seed(seed)
    keys = R.stateless_uniform([n if n is not None else A.shape(x)[axis]], seed=s)
    if not is_concrete(keys):
        return A.gather(x, I.argsort(keys), axis=axis)
    order = np.argsort(keys._value, kind="stable")
    return wrap(np.take(x._value, order, axis=axis))


def dropout(inputs, rate, noise_shape=None, seed=None):
    """`inputs` with a `rate` fraction zeroed and the rest scaled by 1 / (1 - rate), drawn as
    TF's stateless_dropout at the drawn seed."""
    inputs = convert_to_tensor(inputs)
    if rate == 1.0:
        return A.zeros_like(inputs)
    if rate == 0.0:
        return inputs
    s = _tf_seed(seed)
    shape = list(inputs._value.shape)
    if None in shape:  # known when the graph runs: Keras's tf.shape(inputs)
        dynamic = A.shape(inputs)
        shape = [dynamic[i] if d is None else d for i, d in enumerate(shape)]
    if noise_shape is not None:
        shape = [shape[i] if d is None else d for i, d in enumerate(noise_shape)]
    scaled = inputs * convert_to_tensor(1 / (1 - rate), dtype=inputs.dtype)
    keep = M.greater_equal(R.stateless_uniform(shape, seed=s, dtype=inputs.dtype), rate)
    return A.where(keep, scaled, A.zeros_like(scaled))


def gamma(shape, alpha, dtype=None, seed=None):
    """Gamma(alpha, 1) samples."""
    return R.stateless_gamma(shape, seed=_tf_seed(seed), alpha=alpha, dtype=_dtype(dtype))


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    """Binomial(counts, probabilities) samples."""
    return R.stateless_binomial(shape, seed=_tf_seed(seed), counts=counts, probs=probabilities,
                                output_dtype=_dtype(dtype))
