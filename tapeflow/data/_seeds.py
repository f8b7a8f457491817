"""Seeds for the random transformations (`shuffle`, `sample_from_datasets`, `random`,
`list_files`), with TF's rules on top of tapeflow's random module:

* an op seed and/or the global seed (`tf.random.set_seed`) make the order reproducible, by TF's
  seed rule (`tf.random`'s `get_seed`: with a global seed only, each op draws its own seed from
  the sequence `set_seed` restarts, so two shuffles in one program differ but a rerun repeats
  them);
* with neither, the order is drawn from the operating system's entropy.

The orders are not TF's: the shuffle buffer draws from NumPy's generator seeded with that pair.
"""
import numpy as np

from ..ops import random_ops


def resolve(seed):
    """A pair of integers fixing a random transformation's stream: TF's (seed, seed2) rule
    (`tf.random` in eager mode), or entropy from the operating system when neither the op nor
    the global seed is set."""
    if seed is not None:
        seed = int(getattr(seed, "_value", seed))
    pair = random_ops.get_seed(seed)
    if pair[0] is None:
        return tuple(int(x) for x in np.random.SeedSequence().generate_state(2))
    return (pair[0] & 0xFFFFFFFFFFFFFFFF, pair[1] & 0xFFFFFFFFFFFFFFFF)


def generator(seed_pair, epoch):
    """The NumPy generator for pass number `epoch` of a transformation seeded with `seed_pair`."""
    return np.random.default_rng([seed_pair[0], seed_pair[1], epoch])
