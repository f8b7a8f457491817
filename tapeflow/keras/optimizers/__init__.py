"""`tf.keras.optimizers`: Keras 3's optimizers and learning-rate schedules."""
from . import schedules
from .adam import Adam, Adamax, AdamW, Nadam
from .base import Optimizer
from .rmsprop import Adadelta, Adagrad, RMSprop
from .sgd import SGD

_BY_NAME = {"sgd": SGD, "adam": Adam, "adamw": AdamW, "adamax": Adamax, "nadam": Nadam,
            "rmsprop": RMSprop, "adagrad": Adagrad, "adadelta": Adadelta}


def get(identifier):
    """An optimizer from its name ('adam') or an instance."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
