"""TF 2's own initializers (`tf.zeros_initializer`, `tf.random_normal_initializer`, ...): callables
`init(shape, dtype)` giving a tensor. A seeded random initializer draws from the stateless ops
with seed `[seed, 0]`, so each call gives the same values; an unseeded one from the stateful ops.

    >>> tf.random_normal_initializer(seed=3)((2,)).shape
    TensorShape([2])
    >>> tf.zeros_initializer()((2,), dtype=tf.int32)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 0], dtype=int32)>
"""
import numpy as np

from .framework import dtypes as D
from .framework.tensor import convert_to_tensor

__all__ = ["Constant", "Initializer", "Ones", "RandomNormal", "RandomUniform", "TruncatedNormal", "Zeros", "constant_initializer", "ones_initializer", "random_normal_initializer",
           "random_uniform_initializer", "zeros_initializer"]


def _shape(shape):
    from .framework.tensor_shape import TensorShape
    return [int(d) for d in TensorShape(shape).as_list()]


class Initializer:
    """The base: `__call__(shape, dtype=None, **kwargs)`, `get_config()`, `from_config()`."""

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError("Initializer subclasses implement __call__")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)


def _float_dtype(dtype):
    dtype = D.as_dtype(dtype or D.float32)
    if not dtype.is_floating:
        raise ValueError(f"Expected float dtype, got {dtype}.")
    return dtype


class Zeros(Initializer):
    """Zeros of any numeric or boolean dtype."""

    def __call__(self, shape, dtype=D.float32, **kwargs):
        from .ops.array_ops import zeros
        return zeros(_shape(shape), D.as_dtype(dtype))


class Ones(Initializer):
    """Ones of any numeric or boolean dtype."""

    def __call__(self, shape, dtype=D.float32, **kwargs):
        from .ops.array_ops import ones
        return ones(_shape(shape), D.as_dtype(dtype))


class Constant(Initializer):
    """`value` (a scalar, broadcast, or a list/array with as many elements as the shape)."""

    def __init__(self, value=0, support_partition=False):
        self.value = value
        self.support_partition = support_partition

    def __call__(self, shape, dtype=None, **kwargs):
        shape = _shape(shape)
        dtype = D.as_dtype(dtype) if dtype is not None else convert_to_tensor(self.value).dtype
        value = np.asarray(self.value.numpy() if hasattr(self.value, "numpy") else self.value)
        if value.size not in (1, int(np.prod(shape))):
            raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor "
                            f"{value.tolist()} (converted from {self.value}) has "
                            f"{value.size} elements, but got `shape` {tuple(shape)} with "
                            f"{int(np.prod(shape))} elements).")
        value = np.broadcast_to(value.reshape(-1) if value.size > 1 else value.reshape(()),
                                (int(np.prod(shape)),)).reshape(shape)
        return convert_to_tensor(value.astype(dtype._np))

    def get_config(self):
        return {"value": self.value}


class RandomNormal(Initializer):
    """Normal values of `mean` and `stddev`."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=D.float32, **kwargs):
        from .ops import random_ops
        dtype = _float_dtype(dtype)
        if self.seed is None:
            return random_ops.normal(_shape(shape), self.mean, self.stddev, dtype)
        return random_ops.stateless_normal(_shape(shape), [self.seed, 0], self.mean, self.stddev,
                                           dtype)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(Initializer):
    """Uniform values in [minval, maxval)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype=D.float32, **kwargs):
        from .ops import random_ops
        dtype = D.as_dtype(dtype)
        if not (dtype.is_floating or dtype.is_integer):
            raise ValueError(f"Invalid dtype {dtype}")
        if self.seed is None:
            return random_ops.uniform(_shape(shape), self.minval, self.maxval, dtype)
        return random_ops.stateless_uniform(_shape(shape), [self.seed, 0], self.minval,
                                            self.maxval, dtype)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class TruncatedNormal(Initializer):
    """Normal values of `mean` and `stddev`, redrawn beyond two standard deviations."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=D.float32, **kwargs):
        from .ops import random_ops
        dtype = _float_dtype(dtype)
        if self.seed is None:
            return random_ops.truncated_normal(_shape(shape), self.mean, self.stddev, dtype)
        return random_ops.stateless_truncated_normal(_shape(shape), [self.seed, 0], self.mean,
                                                     self.stddev, dtype)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


zeros_initializer, ones_initializer, constant_initializer = Zeros, Ones, Constant
random_normal_initializer, random_uniform_initializer = RandomNormal, RandomUniform
