"""Regularization layers active only in training: GaussianNoise, GaussianDropout,
SpatialDropout1D/2D (whole feature maps dropped).

    >>> tf.keras.layers.GaussianNoise(1.0)(tf.zeros((2,)))   # inference: unchanged
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 0.], dtype=float32)>
"""
import math

from ...ops import random_ops
from .base import Layer
from .core import Dropout


class GaussianNoise(Layer):
    """Adds N(0, stddev) noise when training."""

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= stddev:
            raise ValueError(f"Invalid value received for argument `stddev`. Expected a float "
                             f"value between 0 and 1. Received: stddev={stddev}")
        self.stddev, self.seed = stddev, seed
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"stddev": self.stddev, "seed": self.seed}

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            return inputs + random_ops.normal(inputs.shape.as_list(), 0.0, self.stddev,
                                              inputs.dtype, self.seed)
        return inputs


class GaussianDropout(Layer):
    """Multiplies by N(1, rate / (1 - rate)) noise when training."""

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate, self.seed = rate, seed
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"rate": self.rate, "seed": self.seed}

    def call(self, inputs, training=False):
        if training and 0 < self.rate < 1:
            std = math.sqrt(self.rate / (1.0 - self.rate))
            return inputs * random_ops.normal(inputs.shape.as_list(), 1.0, std, inputs.dtype,
                                              self.seed)
        return inputs


class SpatialDropout1D(Dropout):
    """Drops whole channels of (batch, steps, channels) inputs."""

    def call(self, inputs, training=False):
        self.noise_shape = [inputs.shape[0], 1, inputs.shape[2]]
        return super().call(inputs, training)

    def _config(self):
        return {"rate": self.rate, "seed": self.seed}


class SpatialDropout2D(Dropout):
    """Drops whole feature maps of (batch, h, w, channels) inputs."""

    def __init__(self, rate, data_format=None, seed=None, **kwargs):
        super().__init__(rate, seed=seed, **kwargs)
        self.data_format = data_format or "channels_last"

    def get_config(self):
        config = super().get_config()
        return {"rate": self.rate, "seed": self.seed, "name": config["name"],
                "dtype": config["dtype"], "data_format": self.data_format}

    def call(self, inputs, training=False):
        s = inputs.shape.as_list()
        self.noise_shape = [s[0], 1, 1, s[3]] if self.data_format == "channels_last" else \
            [s[0], s[1], 1, 1]
        return super().call(inputs, training)



