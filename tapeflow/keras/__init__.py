"""`tf.keras`: the parts of Keras 3 that training loops use: layers, optimizers, losses,
metrics, initializers and activations."""
from . import (  # noqa: F401
    activations,
    backend,
    initializers,
    layers,
    losses,
    metrics,
    mixed_precision,
    optimizers,
    random,
    utils,
)
from .backend import Variable  # noqa: F401
from .layers import Layer, Sequential  # noqa: F401
from .losses import Loss  # noqa: F401
from .metrics import Metric  # noqa: F401
from .optimizers import Optimizer  # noqa: F401
