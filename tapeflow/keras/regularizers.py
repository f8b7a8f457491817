"""`tf.keras.regularizers`: weight penalties added to `layer.losses` (and so to the loss `fit`
minimizes).

    >>> tf.keras.regularizers.L2(0.5)(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
"""
from ..framework.tensor import convert_to_tensor
from ..ops import math_ops as M


class Regularizer:
    """Base class: `__call__(weights)` returns a scalar penalty."""

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config()")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _check(name, value):
    if value is None or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"Value for argument `{name}` should be a non-negative float or int. "
                         f"Received: {name}={value}")
    return float(value)


class L1(Regularizer):
    """`l1 * sum(|x|)`."""

    def __init__(self, l1=0.01):
        self.l1 = _check("l1", l1)

    def __call__(self, x):
        x = convert_to_tensor(x)
        return self.l1 * M.reduce_sum(M.abs(x))

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """`l2 * sum(x**2)`."""

    def __init__(self, l2=0.01):
        self.l2 = _check("l2", l2)

    def __call__(self, x):
        x = convert_to_tensor(x)
        return self.l2 * M.reduce_sum(M.square(x))

    def get_config(self):
        return {"l2": self.l2}


class L1L2(Regularizer):
    """`l1 * sum(|x|) + l2 * sum(x**2)`."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1, self.l2 = _check("l1", l1), _check("l2", l2)

    def __call__(self, x):
        x = convert_to_tensor(x)
        total = M.cast(0.0, x.dtype)
        if self.l1:
            total = total + self.l1 * M.reduce_sum(M.abs(x))
        if self.l2:
            total = total + self.l2 * M.reduce_sum(M.square(x))
        return total

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


l1, l2, l1_l2 = L1, L2, L1L2
_BY_NAME = {"l1": L1, "l2": L2, "l1_l2": L1L2, "L1": L1, "L2": L2, "L1L2": L1L2}


def get(identifier):
    """A regularizer from None, a name ('l2'), a config dict, or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        from ._saving import deserialize_keras_object
        return deserialize_keras_object(identifier)
    if isinstance(identifier, str):
        if identifier not in _BY_NAME:
            raise ValueError(f"Could not interpret regularizer identifier: {identifier}")
        return _BY_NAME[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier}")


def serialize(regularizer):
    from ._saving import serialize_keras_object
    return serialize_keras_object(regularizer)


def deserialize(config, custom_objects=None):
    from ._saving import deserialize_keras_object
    return deserialize_keras_object(config, custom_objects)
