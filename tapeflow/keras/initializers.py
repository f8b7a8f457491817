"""`tf.keras.initializers`: what fills a layer's weights when it is built.

An initializer is called as `init(shape, dtype=None)` and returns a tensor. Random ones draw
what Keras 3 on TensorFlow draws: a stateless TF op at seed [seed, 0] for an integer seed (the
same values on every call), the next state of a `keras.random.SeedGenerator` seed, and for no
seed an integer taken from Python's `random` when the initializer is made (so
`keras.utils.set_random_seed` makes unseeded initializers reproducible, as in Keras).

    >>> tf.keras.initializers.get("ones")((2,))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
    >>> tf.keras.initializers.GlorotUniform(seed=1)((2,)).numpy().tolist()
    [0.9271029233932495, -0.09802794456481934]
"""
import math

import numpy as np

from ..framework import dtypes
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from . import backend
from . import random as krandom


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
    """Base of the random initializers: `seed` is an int, a SeedGenerator or None (then an int
    is drawn from Python's `random` now, as Keras's make_default_seed)."""

    def __init__(self, seed=None):
        self._init_seed = seed
        if seed is None:
            seed = krandom.make_default_seed()
        elif not isinstance(seed, (int, krandom.SeedGenerator)):
            raise ValueError(f"`seed` argument should be an instance of "
                             f"`keras.random.SeedGenerator()` or an integer. Received: seed={seed}")
        self.seed = seed

    def get_config(self):
        return {"seed": self._init_seed}


class RandomNormal(RandomInitializer):
    """Normal values with `mean` and `stddev`."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev = mean, stddev
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return krandom.normal(tuple(shape), self.mean, self.stddev, _dtype(dtype), self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self._init_seed}


class TruncatedNormal(RandomInitializer):
    """Normal values within two standard deviations of `mean`."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev = mean, stddev
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return krandom.truncated_normal(tuple(shape), self.mean, self.stddev, _dtype(dtype),
                                        self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self._init_seed}


class RandomUniform(RandomInitializer):
    """Uniform values in [minval, maxval)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval = minval, maxval
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return krandom.uniform(tuple(shape), self.minval, self.maxval, _dtype(dtype), self.seed)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self._init_seed}


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
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        dt = _dtype(dtype)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / 0.87962566103423978
            return krandom.truncated_normal(tuple(shape), 0.0, stddev, dt, self.seed)
        if self.distribution == "untruncated_normal":
            return krandom.normal(tuple(shape), 0.0, math.sqrt(scale), dt, self.seed)
        limit = math.sqrt(3.0 * scale)
        return krandom.uniform(tuple(shape), -limit, limit, dt, self.seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "seed": self._init_seed}


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
    """A (semi-)orthogonal matrix times `gain`: Q of the QR decomposition of a normal sample,
    with the signs of R's diagonal folded in (shapes of rank >= 2 are flattened to 2-D).

    >>> q = tf.keras.initializers.Orthogonal(seed=1)((3, 3)).numpy()
    >>> bool(np.allclose(q @ q.T, np.eye(3), atol=1e-6))
    True
    """

    def __init__(self, gain=1.0, seed=None):
        self.gain = gain
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        shape = tuple(shape)
        if len(shape) < 2:
            raise ValueError(f"The tensor to initialize must be at least two-dimensional. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        rows = math.prod(shape[:-1])
        cols = shape[-1]
        flat = (max(cols, rows), min(cols, rows))
        a = krandom.normal(flat, seed=self.seed, dtype=_dtype(dtype))._value
        q, r = np.linalg.qr(a.astype(np.float64))
        q = q * np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return wrap((self.gain * q.reshape(shape)).astype(_dtype(dtype)._np))

    def get_config(self):
        return {"gain": self.gain, "seed": self._init_seed}


_BY_NAME = {
    "zeros": Zeros, "ones": Ones, "constant": Constant, "identity": Identity,
    "random_normal": RandomNormal, "random_uniform": RandomUniform,
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
    "he_uniform": HeUniform, "he_normal": HeNormal,
    "lecun_uniform": LecunUniform, "lecun_normal": LecunNormal,
    "orthogonal": Orthogonal, "uniform": RandomUniform, "normal": RandomNormal,
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
