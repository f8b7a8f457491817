"""`tf.keras`: Keras 3 on tapeflow: layers, models (`Model`, `Sequential`, the functional API,
`compile`/`fit`/`evaluate`/`predict`), callbacks, optimizers, losses, metrics, initializers,
regularizers, constraints, activations, saving (`.keras`, `.weights.h5`) and utils.

Modules that `import tapeflow` does not need (models, callbacks, saving, utils, ...) load on
first use."""
import importlib

from . import activations, backend, initializers, layers, losses, metrics, optimizers, random
from .backend import Variable
from .layers import Layer
from .losses import Loss
from .metrics import Metric
from .optimizers import Optimizer

_SUBMODULES = {"models", "callbacks", "regularizers", "constraints", "utils",
               "preprocessing", "datasets", "mixed_precision", "applications", "ops"}
_LAZY = {"Model": ("models", "Model"), "Sequential": ("models", "Sequential"),
         "Input": ("models", "Input"), "KerasTensor": ("models", "KerasTensor"),
         "InputSpec": ("layers", "InputSpec"), "Regularizer": ("regularizers", "Regularizer"),
         "Initializer": ("initializers", "Initializer")}


def __getattr__(name):
    if name in _SUBMODULES:
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"{__name__}.{name}":
                raise NotImplementedError(f"tapeflow does not implement `keras.{name}`") from None
            raise
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module 'tapeflow.keras' has no attribute '{name}'")
