"""Seeds for the random transformations (`shuffle`, `sample_from_datasets`, `random`,
`list_files`), with TF's rules on top of tapeflow's random module:

* an op seed and/or the global seed (`tf.random.set_seed`) make the order reproducible, by TF's
  seed rule (`tf.random`'s `get_seed`: with a global seed only, each op draws its own seed from
  the sequence `set_seed` restarts, so two shuffles in one program differ but a rerun repeats
  them);
* with neither, the order is drawn from the operating system's entropy.

`shuffle` draws its buffer positions as TF's ShuffleDataset kernel does (Philox words from the
pair, a new pair per pass from the pair's own word stream with `reshuffle_each_iteration`), so a
seeded shuffle gives TF's order. The other transformations draw from NumPy's generator seeded
with the pair: their orders are not TF's.
"""
import numpy as np

from ..ops import random_ops
from ..prims._philox import philox_words

_MASK32 = 0xFFFFFFFF


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


class PhiloxWords:
    """The uint32 words of TF's `PhiloxRandom(seed, seed2)` one at a time (its
    `SingleSampleAdapter`): key from `seed`, counter's high half from `seed2`, four words per
    block, drawn a few blocks at a time.

        >>> w = PhiloxWords(42, 5)
        >>> [w() % 20 for _ in range(3)]
        [7, 8, 17]
    """

    _BLOCKS = 16

    def __init__(self, seed, seed2, first_word=0):
        seed, seed2 = int(seed) & 0xFFFFFFFFFFFFFFFF, int(seed2) & 0xFFFFFFFFFFFFFFFF
        self._key = (seed & _MASK32, seed >> 32)
        self._counter = (0, 0, seed2 & _MASK32, seed2 >> 32)
        self._block, skip = divmod(int(first_word), 4)
        self._words = []
        self._pos = 0
        self._refill()
        self._pos = skip

    def _refill(self):
        self._words = philox_words(self._key, self._counter, 4 * self._BLOCKS,
                                   self._block).tolist()
        self._block += self._BLOCKS
        self._pos = 0

    def __call__(self):
        if self._pos == len(self._words):
            self._refill()
        w = self._words[self._pos]
        self._pos += 1
        return w


def iterator_seeds(seed_pair, epoch, reshuffle):
    """The (seed, seed2) of a shuffle's pass number `epoch`: the dataset's pair itself (TF's
    FixedSeedGenerator), or with `reshuffle` words 2*epoch and 2*epoch+1 of the pair's Philox
    stream (TF's RandomSeedGenerator, which draws two words per new iterator)."""
    if not reshuffle:
        return seed_pair
    words = PhiloxWords(seed_pair[0], seed_pair[1], 2 * epoch)
    return words(), words()
