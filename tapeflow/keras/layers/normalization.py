"""LayerNormalization and BatchNormalization, with Keras 3's formulas:

    inv = rsqrt(variance + epsilon) * gamma;   y = x * inv + (beta - mean * inv)

where mean and variance are `tf.nn.moments` of the input (the variance measured around
`stop_gradient(mean)`, as TF does).
"""
from ...ops import array_ops as A
from ...ops import math_ops as M
from .. import initializers
from .base import Layer


def moments(x, axes, keepdims=False):
    """(mean, variance) over `axes`, as `tf.nn.moments`."""
    mean = M.reduce_mean(x, axes, keepdims=True)
    variance = M.reduce_mean(M.squared_difference(x, A.stop_gradient(mean)), axes, keepdims=True)
    if not keepdims:
        mean, variance = A.squeeze(mean, axes), A.squeeze(variance, axes)
    return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon):
    """`tf.nn.batch_normalization`: (x - mean) * scale / sqrt(variance + eps) + offset."""
    inv = M.rsqrt(variance + variance_epsilon)
    if scale is not None:
        inv = inv * scale
    shift = (offset - mean * inv) if offset is not None else -mean * inv
    return x * inv + shift


class LayerNormalization(Layer):
    """Normalizes each example over `axis` (default the last), then scales and shifts."""

    _float32_for_16_bit = True

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, rms_scaling=False, **kwargs):
        super().__init__(**kwargs)
        if rms_scaling:
            raise NotImplementedError("tapeflow's LayerNormalization does not implement "
                                      "rms_scaling")
        from .. import constraints, regularizers
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        if not isinstance(axis, (int, list, tuple)):
            raise TypeError(f"Expected an int or a list/tuple of ints for the argument 'axis', but "
                            f"received: {axis!r}")
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self._axis_arg = self.axis
        self.epsilon, self.center, self.scale = epsilon, center, scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)

    def _config(self):
        return {"axis": self._axis_arg, "epsilon": self.epsilon, "center": self.center,
                "scale": self.scale, "rms_scaling": False,
                "beta_initializer": self.beta_initializer,
                "gamma_initializer": self.gamma_initializer,
                "beta_regularizer": self.beta_regularizer,
                "gamma_regularizer": self.gamma_regularizer,
                "beta_constraint": self.beta_constraint,
                "gamma_constraint": self.gamma_constraint}

    def build(self, input_shape):
        ndim = len(input_shape)
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        self.axis = sorted(a % ndim for a in axes)
        shape = tuple(input_shape[a] for a in self.axis)
        self._gamma = (self.add_weight(name="gamma", shape=shape,
                                       initializer=self.gamma_initializer,
                                       regularizer=self.gamma_regularizer,
                                       constraint=self.gamma_constraint) if self.scale else None)
        self._beta = (self.add_weight(name="beta", shape=shape,
                                      initializer=self.beta_initializer,
                                      regularizer=self.beta_regularizer,
                                      constraint=self.beta_constraint) if self.center else None)

    gamma = property(lambda self: self._gamma)
    beta = property(lambda self: self._beta)

    def call(self, inputs):
        ndim = inputs.ndim
        shape = [1] * ndim
        for a in self.axis:
            shape[a] = inputs.shape[a]

        def broadcast(v):
            if v is None or self.axis == [ndim - 1]:
                return v
            return A.reshape(v, shape)
        mean, variance = moments(inputs, self.axis, keepdims=True)
        inv = M.rsqrt(variance + self.epsilon)
        gamma, beta = broadcast(self._gamma), broadcast(self._beta)
        if gamma is not None:
            inv = inv * gamma
        res = -mean * inv
        if beta is not None:
            res = res + beta
        return inputs * inv + res


class BatchNormalization(Layer):
    """Normalizes over the batch (training) or with moving statistics (inference).

    In training, `moving = moving * momentum + batch_statistic * (1 - momentum)`."""

    _float32_for_16_bit = True

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, synchronized=False, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, **kwargs):
        super().__init__(**kwargs)
        if renorm or synchronized:
            raise NotImplementedError("tapeflow's BatchNormalization does not implement "
                                      "renorm or synchronized")
        from .. import constraints, regularizers
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.axis = int(axis)
        self.momentum, self.epsilon = float(momentum), float(epsilon)
        self.center, self.scale = center, scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)

    def _config(self):
        return {"axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
                "center": self.center, "scale": self.scale,
                "beta_initializer": self.beta_initializer,
                "gamma_initializer": self.gamma_initializer,
                "moving_mean_initializer": self.moving_mean_initializer,
                "moving_variance_initializer": self.moving_variance_initializer,
                "beta_regularizer": self.beta_regularizer,
                "gamma_regularizer": self.gamma_regularizer,
                "beta_constraint": self.beta_constraint,
                "gamma_constraint": self.gamma_constraint, "synchronized": False,
                "renorm": False, "renorm_clipping": None, "renorm_momentum": 0.99}

    def build(self, input_shape):
        shape = (input_shape[self.axis],)
        self._gamma = (self.add_weight(shape=shape, name="gamma",
                                       initializer=self.gamma_initializer,
                                       regularizer=self.gamma_regularizer,
                                       constraint=self.gamma_constraint) if self.scale else None)
        self._beta = (self.add_weight(shape=shape, name="beta",
                                      initializer=self.beta_initializer,
                                      regularizer=self.beta_regularizer,
                                      constraint=self.beta_constraint) if self.center else None)
        self._moving_mean = self.add_weight(shape=shape, name="moving_mean", trainable=False,
                                            initializer=self.moving_mean_initializer)
        self._moving_variance = self.add_weight(shape=shape, name="moving_variance",
                                                trainable=False,
                                                initializer=self.moving_variance_initializer)
        ndim = len(input_shape)
        self._axis = self.axis % ndim
        self._reduction_axes = [a for a in range(ndim) if a != self._axis]

    gamma = property(lambda self: self._gamma)
    beta = property(lambda self: self._beta)
    moving_mean = property(lambda self: self._moving_mean)
    moving_variance = property(lambda self: self._moving_variance)

    def call(self, inputs, training=None, mask=None):
        moving_mean = self._moving_mean.read_value()
        moving_variance = self._moving_variance.read_value()
        if training and self.trainable:
            mean, variance = moments(inputs, self._reduction_axes)
            self._moving_mean.assign(moving_mean * self.momentum + mean * (1.0 - self.momentum))
            self._moving_variance.assign(moving_variance * self.momentum
                                         + variance * (1.0 - self.momentum))
        else:
            mean, variance = moving_mean, moving_variance
        gamma, beta = self._gamma, self._beta
        if self._axis != inputs.ndim - 1:
            shape = [1] * inputs.ndim
            shape[self._axis] = inputs.shape[self._axis]
            mean, variance = A.reshape(mean, shape), A.reshape(variance, shape)
            gamma = None if gamma is None else A.reshape(gamma, shape)
            beta = None if beta is None else A.reshape(beta, shape)
        return batch_normalization(inputs, mean, variance, beta, gamma, self.epsilon)
