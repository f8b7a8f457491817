"""Activation layers: LeakyReLU, PReLU (a learned slope), ELU, ReLU, Softmax (with a mask).

    >>> tf.keras.layers.LeakyReLU(negative_slope=0.5)(tf.constant([-2.0, 3.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  3.], dtype=float32)>
"""

from ...ops import array_ops as A
from ...ops import math_ops as M
from ...ops import nn_ops as N
from .. import activations, constraints, initializers, regularizers
from .base import Layer


class LeakyReLU(Layer):
    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError(f"The negative_slope value of a Leaky ReLU layer cannot be None or "
                             f"negative value. Expected a float. Received: "
                             f"negative_slope={negative_slope}")
        self.negative_slope = negative_slope
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"negative_slope": self.negative_slope}

    def call(self, inputs):
        return activations.leaky_relu(inputs, negative_slope=self.negative_slope)


class PReLU(Layer):
    """`max(x, 0) + alpha * min(x, 0)` with a learned `alpha` per feature."""

    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None or isinstance(shared_axes, (list, tuple)):
            self.shared_axes = shared_axes
        else:
            self.shared_axes = [shared_axes]

    def _config(self):
        return {"alpha_initializer": self.alpha_initializer,
                "alpha_regularizer": self.alpha_regularizer,
                "alpha_constraint": self.alpha_constraint, "shared_axes": self.shared_axes}

    def build(self, input_shape):
        shape = list(input_shape[1:])
        for axis in self.shared_axes or ():
            shape[axis - 1] = 1
        self._alpha = self.add_weight(shape=tuple(shape), name="alpha",
                                      initializer=self.alpha_initializer,
                                      regularizer=self.alpha_regularizer,
                                      constraint=self.alpha_constraint)

    alpha = property(lambda self: self._alpha)

    def call(self, inputs):
        pos = N.relu(inputs)
        neg = -self._alpha * N.relu(-inputs)
        return pos + neg


class ELU(Layer):
    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True
        self.built = True

    def get_config(self):
        config = super().get_config()
        return {"name": config["name"], "alpha": self.alpha, "trainable": config["trainable"],
                "dtype": config["dtype"]}

    def call(self, inputs):
        return activations.elu(inputs, alpha=self.alpha)


class ReLU(Layer):
    """`max(x, 0)`, with an optional cap, leak below `threshold`, and threshold."""

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0.0:
            raise ValueError(f"max_value of a ReLU layer cannot be a negative value. Received: "
                             f"max_value={max_value}")
        if negative_slope is None or negative_slope < 0.0:
            raise ValueError(f"negative_slope of a ReLU layer cannot be a negative value. "
                             f"Received: negative_slope={negative_slope}")
        if threshold is None or threshold < 0.0:
            raise ValueError(f"threshold of a ReLU layer cannot be a negative value. Received: "
                             f"threshold={threshold}")
        self.max_value, self.negative_slope, self.threshold = max_value, negative_slope, threshold
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"max_value": self.max_value, "negative_slope": self.negative_slope,
                "threshold": self.threshold}

    def call(self, inputs):
        return activations.relu(inputs, negative_slope=self.negative_slope,
                                max_value=self.max_value, threshold=self.threshold)


class Softmax(Layer):
    """Softmax over `axis`; masked positions (mask False) get probability 0."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"axis": self.axis}

    def call(self, inputs, mask=None):
        if mask is not None:
            mask = M.cast(mask, "bool") if mask.dtype.name == "bool" else \
                M.greater(mask, M.cast(0.5, mask.dtype))
            inputs = A.where(mask, inputs, A.fill(inputs.shape.as_list(), -1e9)
                             if False else A.zeros_like(inputs) - 1e9)
        out = self._softmax(inputs)
        if mask is not None:
            out = A.where(mask, out, A.zeros_like(out))
        return out

    def _softmax(self, inputs):
        if isinstance(self.axis, (tuple, list)):
            if len(self.axis) > 1:
                lse = M.reduce_logsumexp(inputs, axis=list(self.axis), keepdims=True) \
                    if hasattr(M, "reduce_logsumexp") else None
                if lse is None:
                    from ...ops.special_math_ops import reduce_logsumexp
                    lse = reduce_logsumexp(inputs, axis=list(self.axis), keepdims=True)
                return M.exp(inputs - lse)
            return N.softmax(inputs, axis=self.axis[0])
        return N.softmax(inputs, axis=self.axis)



