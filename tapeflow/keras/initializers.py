"""`tf.keras.initializers`: what fills a layer's weights when it is built.

An initializer is called as `init(shape, dtype=None)` and returns a tensor. Deterministic ones
(`zeros`, `ones`, `constant`, `identity`) give TF's values; random ones follow Keras's
distributions and seeding rules but draw from NumPy's generator, so values differ from TF's.

    >>> tf.keras.initializers.get("ones")((2,))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
"""
import math

import numpy as np

from ..framework import dtypes
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..ops import random_ops
from . import backend


def _dtype(dtype):
    return dtypes.as_dtype(dtype or backend.floatx())


class Initializer:
    """Base class: subclasses implement `__call__(shape, dtype=None)`."""

    def __call__(self, shape, dtype=None):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class Constant(Initializer):
    """Fills with `value` (a scalar, or anything broadcastable to the shape)."""

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        dt = _dtype(dtype)
        v = np.asarray(convert_to_tensor(self.value)._value if isinstance(self.value, Tensor)
                       else self.value)
        return wrap(np.broadcast_to(v.astype(dt._np), tuple(shape)).copy())

    def get_config(self):
        return {"value": self.value}


class Zeros(Initializer):
    def __call__(self, shape, dtype=None):
        return wrap(np.zeros(tuple(shape), _dtype(dtype)._np))


class Ones(Initializer):
    def __call__(self, shape, dtype=None):
        return wrap(np.ones(tuple(shape), _dtype(dtype)._np))


class Identity(Initializer):
    """`gain` times the identity matrix (2-D shapes only)."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        if len(shape) != 2:
            raise ValueError(f"Identity matrix initializer can only be used for 2D matrices. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        return wrap((self.gain * np.eye(*shape)).astype(_dtype(dtype)._np))


class RandomInitializer(Initializer):
    def __init__(self, seed=None):
        self.seed = seed

    def _seed(self):
        return self.seed


class RandomNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None):
        return random_ops.normal(tuple(shape), self.mean, self.stddev, _dtype(dtype), self.seed)


class TruncatedNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None):
        return random_ops.truncated_normal(tuple(shape), self.mean, self.stddev, _dtype(dtype),
                                           self.seed)


class RandomUniform(RandomInitializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval, self.maxval = minval, maxval

    def __call__(self, shape, dtype=None):
        return random_ops.uniform(tuple(shape), self.minval, self.maxval, _dtype(dtype), self.seed)


def compute_fans(shape):
    """(fan_in, fan_out) as Keras computes them (receptive field for conv kernels)."""
    shape = tuple(shape)
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = int(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


class VarianceScaling(RandomInitializer):
    """Samples with variance `scale / n` (n from `mode`): truncated normal, normal or uniform."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        super().__init__(seed)
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"Invalid value for argument `mode`. Expected one of "
                             f"{{'fan_in', 'fan_out', 'fan_avg'}}. Received: mode={mode}")
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in ("uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError(f"Invalid value for argument `distribution`. Received: "
                             f"distribution={distribution}")
        self.scale, self.mode, self.distribution = scale, mode, distribution

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        dt = _dtype(dtype)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / 0.87962566103423978
            return random_ops.truncated_normal(tuple(shape), 0.0, stddev, dt, self.seed)
        if self.distribution == "untruncated_normal":
            return random_ops.normal(tuple(shape), 0.0, math.sqrt(scale), dt, self.seed)
        limit = math.sqrt(3.0 * scale)
        return random_ops.uniform(tuple(shape), -limit, limit, dt, self.seed)


def _variance_scaling(name, scale, mode, distribution):
    def __init__(self, seed=None):
        VarianceScaling.__init__(self, scale, mode, distribution, seed)
    return type(name, (VarianceScaling,), {"__init__": __init__,
                                            "__doc__": f"VarianceScaling({scale}, {mode!r}, "
                                                       f"{distribution!r})."})


GlorotUniform = _variance_scaling("GlorotUniform", 1.0, "fan_avg", "uniform")
GlorotNormal = _variance_scaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal")
HeUniform = _variance_scaling("HeUniform", 2.0, "fan_in", "uniform")
HeNormal = _variance_scaling("HeNormal", 2.0, "fan_in", "truncated_normal")
LecunUniform = _variance_scaling("LecunUniform", 1.0, "fan_in", "uniform")
LecunNormal = _variance_scaling("LecunNormal", 1.0, "fan_in", "truncated_normal")

class Orthogonal(RandomInitializer):
    """A random orthogonal matrix (rows or columns orthonormal), times `gain`; for
    higher-rank shapes the last dimension is the columns of the flattened matrix."""

    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape, dtype=None):
        shape = tuple(shape)
        if len(shape) < 2:
            raise ValueError(f"The tensor to initialize must be at least two-dimensional. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        rows = int(np.prod(shape[:-1]))
        cols = shape[-1]
        flat = (max(rows, cols), min(rows, cols))
        a = np.asarray(random_ops.normal(flat, 0.0, 1.0, "float32", self.seed)._value,
                       np.float64)
        q, r = np.linalg.qr(a)
        q = q * np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return wrap((self.gain * q.reshape(shape)).astype(_dtype(dtype)._np))


_BY_NAME = {
    "orthogonal": Orthogonal,
    "zeros": Zeros, "ones": Ones, "constant": Constant, "identity": Identity,
    "random_normal": RandomNormal, "random_uniform": RandomUniform,
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
    "he_uniform": HeUniform, "he_normal": HeNormal,
    "lecun_uniform": LecunUniform, "lecun_normal": LecunNormal,
}
for _cls in list(_BY_NAME.values()):
    _BY_NAME[_cls.__name__] = _cls

# TF's function-style aliases: tf.keras.initializers.zeros() etc.
zeros, ones, constant, identity = Zeros, Ones, Constant, Identity
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
variance_scaling = VarianceScaling
glorot_uniform, glorot_normal, he_uniform, he_normal = GlorotUniform, GlorotNormal, HeUniform, HeNormal
lecun_uniform, lecun_normal = LecunUniform, LecunNormal
orthogonal = Orthogonal


def get(identifier):
    """An initializer from a name ('glorot_uniform'), a class, an instance or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        cls = _BY_NAME.get(identifier)
        if cls is None:
            raise ValueError(f"Could not interpret initializer identifier: {identifier}")
        return cls()
    if isinstance(identifier, type) and issubclass(identifier, Initializer):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret initializer identifier: {identifier}")
