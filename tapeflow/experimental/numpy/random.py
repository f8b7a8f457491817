"""`tf.experimental.numpy.random`: NumPy's random functions on TF's random streams (so a seeded
program draws what TF draws).

    >>> tnp = tf.experimental.numpy
    >>> tnp.random.seed(1)
    >>> tnp.random.randn(2, 3).shape
    TensorShape([2, 3])
"""
import numbers

import numpy as np

from ... import random as _random
from ...framework import dtypes as D
from . import _core


def seed(s):
    """Sets the global seed (`tf.random.set_seed`)."""
    try:
        s = int(s)
    except TypeError:
        raise ValueError(f"Argument `s` got an invalid value {s}. Only integers are "
                         f"supported.") from None
    _random.set_seed(s)


def _size(size):
    if size is None:
        return ()
    if isinstance(size, numbers.Integral) or np.ndim(size) == 0:
        return (int(size),)
    return tuple(int(d) for d in size)


def standard_normal(size=None):
    """Standard normal draws of `size` in the default float type."""
    return _random.normal(_size(size), dtype=D.as_dtype(_core.default_float_type()))


def randn(*args):
    """Standard normal draws of shape `args`."""
    return standard_normal(size=args)


def uniform(low=0.0, high=1.0, size=None):
    """Uniform draws from [low, high) in the default float type."""
    dtype = _core.default_float_type()
    low = _core.asarray(low, dtype)
    high = _core.asarray(high, dtype)
    shape = _size(size) if size is not None else np.broadcast_shapes(low._value.shape,
                                                                      high._value.shape)
    return _random.uniform(shape, minval=low, maxval=high, dtype=D.as_dtype(dtype))


def random(size=None):
    """Uniform draws from [0, 1)."""
    return uniform(0.0, 1.0, size)


def rand(*size):
    """Uniform draws from [0, 1) of shape `size`."""
    return uniform(0.0, 1.0, size)


def randint(low, high=None, size=None, dtype=np.int64):
    """Integers drawn uniformly from [low, high) (int32 or int64)."""
    low = int(low)
    if high is None:
        low, high = 0, low
    target = np.dtype(_core._np_dtype(dtype))
    if target not in (np.int32, np.int64):
        raise ValueError(f"Argument `dtype` got an invalid value {dtype}. Only those convertible "
                         f"to (<class 'numpy.int32'>, <class 'numpy.int64'>) are supported.")
    return _random.uniform(_size(size), minval=low, maxval=high, dtype=D.as_dtype(target))


def poisson(lam=1.0, size=None):
    """Poisson draws (int64)."""
    return _random.poisson(_size(size), lam, dtype=D.int64)


__all__ = ["poisson", "rand", "randint", "randn", "random", "seed", "standard_normal", "uniform"]
