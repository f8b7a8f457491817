"""Seeds for the random transformations (`shuffle`, `sample_from_datasets`, `random`,
`list_files`), with TF's rules on top of tapeflow's random module:

* an op seed and/or the global seed (`tf.random.set_seed`) make the order reproducible; with a
  global seed only, each new dataset takes the next op seed of a counter reset by `set_seed`, so
  two shuffles in one program differ but a rerun repeats them;
* with neither, the order is drawn from the operating system's entropy.

The orders are not TF's (tapeflow's random streams are NumPy's, not TF's Philox).
"""
import numpy as np

from ..ops import random_ops

_DEFAULT_GLOBAL_SEED = 87654321
_counter = {"rng": None, "next": 0}


def resolve(seed):
    """A pair of integers fixing a random transformation's stream."""
    global_seed = random_ops._state["global"]
    if seed is not None:
        seed = int(getattr(seed, "_value", seed))
    if global_seed is None and seed is None:
        return tuple(int(x) for x in np.random.SeedSequence().generate_state(2))
    if global_seed is None:
        global_seed = _DEFAULT_GLOBAL_SEED
    if seed is None:
        if _counter["rng"] is not random_ops._state["rng"]:  # set_seed was called since
            _counter["rng"] = random_ops._state["rng"]
            _counter["next"] = 0
        seed = _counter["next"]
        _counter["next"] += 1
    return (global_seed & 0xFFFFFFFFFFFFFFFF, seed & 0xFFFFFFFFFFFFFFFF)


def generator(seed_pair, epoch):
    """The NumPy generator for pass number `epoch` of a transformation seeded with `seed_pair`."""
    return np.random.default_rng([seed_pair[0], seed_pair[1], epoch])
