"""`tf.keras.utils`: the seeding helpers.

    >>> tf.keras.utils.set_random_seed(3)
    >>> tf.keras.utils.get_random_seed()
    3
"""
import random as _pyrandom

import numpy as np

from ..ops import random_ops
from . import random as krandom

_SEED = {"value": None}


def set_random_seed(seed):
    """Seeds Python's `random`, NumPy's global generator and TF's global seed, and resets
    Keras's global SeedGenerator (it is remade from Python's `random` on next use)."""
    if type(seed) is not int:
        raise ValueError(f"Expected `seed` argument to be an integer. Received: seed={seed} "
                         f"(of type {type(seed)})")
    _SEED["value"] = seed
    krandom._GLOBAL["generator"] = None
    _pyrandom.seed(seed)
    np.random.seed(seed)
    random_ops.set_seed(seed)


def get_random_seed():
    """The seed last given to `set_random_seed`, or None."""
    return _SEED["value"]
