"""`tf.keras.activations`: elementwise activation functions, looked up by name with `get`.

    >>> tf.keras.activations.get("relu")(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
"""

from ..framework.tensor import convert_to_tensor
from ..ops import array_ops as A
from ..ops import math_ops as M
from ..ops import nn_extra_ops
from ..ops import nn_ops as N


def _t(x):
    return convert_to_tensor(x)


def linear(x):
    return _t(x)


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """max(x, 0), with Keras's optional leak, cap and threshold."""
    x = _t(x)
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return N.relu(x)
    y = A.where(M.greater(x, threshold), x, A.zeros_like(x) if negative_slope == 0.0
                else negative_slope * (x - threshold))
    if max_value is not None:
        y = M.minimum(y, M.cast(max_value, y.dtype))
    return y


def sigmoid(x):
    return M.sigmoid(_t(x))


def tanh(x):
    return M.tanh(_t(x))


def softmax(x, axis=-1):
    return N.softmax(_t(x), axis=axis)


def log_softmax(x, axis=-1):
    return N.log_softmax(_t(x), axis=axis)


def softplus(x):
    return M.softplus(_t(x))


def softsign(x):
    x = _t(x)
    return x / (M.abs(x) + 1.0)


def exponential(x):
    return M.exp(_t(x))


def elu(x, alpha=1.0):
    x = _t(x)
    return A.where(M.greater(x, 0.0), x, alpha * (M.exp(M.minimum(x, 0.0)) - 1.0))


def selu(x):
    alpha, scale = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
    return scale * elu(x, alpha)


def leaky_relu(x, negative_slope=0.2):
    x = _t(x)
    return A.where(M.greater_equal(x, 0.0), x, negative_slope * x)


def relu6(x):
    return M.minimum(N.relu(_t(x)), 6.0)


def hard_sigmoid(x):
    x = _t(x)
    return M.maximum(M.minimum(x / 6.0 + 0.5, 1.0), 0.0)


def silu(x):
    x = _t(x)
    return x * M.sigmoid(x)


swish = silu


def gelu(x, approximate=False):
    """x * Phi(x); the tanh approximation when `approximate` (tf.nn.gelu)."""
    return nn_extra_ops.gelu(_t(x), approximate=approximate)

_BY_NAME = {f.__name__: f for f in (linear, relu, sigmoid, tanh, softmax, log_softmax, softplus,
                                    softsign, exponential, elu, selu, leaky_relu, relu6,
                                    hard_sigmoid, silu, gelu)}
_BY_NAME["swish"] = silu


def get(identifier):
    """An activation function from its name ('relu'), a callable, or None (linear)."""
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        fn = _BY_NAME.get(identifier)
        if fn is None:
            raise ValueError(f"Could not interpret activation function identifier: {identifier}")
        return fn
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret activation function identifier: {identifier}")


def serialize(activation):
    return getattr(activation, "__name__", str(activation))


deserialize = get
