"""`tf.random`: seeded sampling on NumPy's PCG64 generator.

TF's seed rules are kept (a global seed from `set_seed`, an optional op seed; repeated calls with
the same seeds give a fixed *sequence*), but the numbers themselves differ from TF's Philox.

    >>> tf.random.set_seed(1)
    >>> tf.random.normal((2,)).shape
    TensorShape([2])
"""
import numpy as np

from ..framework import dtypes as D
from ..framework.tensor import wrap
from ._common import int_list

_DEFAULT_GLOBAL_SEED = 87654321
_state = {"global": None, "rng": np.random.default_rng(), "op_counters": {}}


def set_seed(seed):
    """Sets the global seed: the sequence of random values after it is reproducible."""
    _state["global"] = None if seed is None else int(seed)
    _state["rng"] = np.random.default_rng(seed)
    _state["op_counters"] = {}


def get_global_generator_rng():
    return _state["rng"]


def _rng(seed):
    if seed is None:
        return _state["rng"]
    g = _state["global"] if _state["global"] is not None else _DEFAULT_GLOBAL_SEED
    key = (g, int(seed))
    n = _state["op_counters"].get(key, 0)
    _state["op_counters"][key] = n + 1
    return np.random.default_rng([g, int(seed), n])


def _shape(shape):
    return tuple(int_list(shape)) if not isinstance(shape, int) else (shape,)


def _scalar(v):
    return np.asarray(getattr(v, "_value", v))


def normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Samples from a normal distribution.

    >>> tf.random.normal([2, 3], seed=1).shape
    TensorShape([2, 3])
    """
    dtype = D.as_dtype(dtype)
    z = _rng(seed).standard_normal(_shape(shape))
    return wrap((z * _scalar(stddev) + _scalar(mean)).astype(dtype._np))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Normal samples redrawn until within two standard deviations of the mean."""
    dtype = D.as_dtype(dtype)
    rng = _rng(seed)
    shape = _shape(shape)
    z = rng.standard_normal(shape)
    bad = np.abs(z) > 2
    while np.any(bad):
        z[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(z) > 2
    return wrap((z * _scalar(stddev) + _scalar(mean)).astype(dtype._np))


def uniform(shape, minval=0, maxval=None, dtype=D.float32, seed=None, name=None):
    """Samples uniformly from [minval, maxval) (maxval defaults to 1 for floats).

    >>> tf.random.uniform([2], maxval=10, dtype=tf.int32, seed=1).dtype
    tf.int32
    """
    dtype = D.as_dtype(dtype)
    rng = _rng(seed)
    if dtype.is_integer:
        if maxval is None:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        return wrap(rng.integers(int(_scalar(minval)), int(_scalar(maxval)), _shape(shape))
                    .astype(dtype._np))
    lo = _scalar(minval)
    hi = 1.0 if maxval is None else _scalar(maxval)
    return wrap((lo + (hi - lo) * rng.random(_shape(shape))).astype(dtype._np))
