"""`tf.keras`: the parts of Keras 3 that training loops use: layers, optimizers, losses,
metrics, initializers and activations."""
from . import (activations, backend, initializers, layers, losses, metrics,  # noqa: F401
               mixed_precision, optimizers)
from .backend import Variable  # noqa: F401
from .layers import Layer, Sequential  # noqa: F401
from .losses import Loss  # noqa: F401
from .metrics import Metric  # noqa: F401
from .optimizers import Optimizer  # noqa: F401
