"""TF's bit generators now live in the primitive layer (`tapeflow.prims._philox`), which draws
with them; this name stays importable and is that same module.

    >>> from tapeflow.ops import philox
    >>> philox.philox_blocks((0, 0), (0, 0, 0, 0), 1).shape
    (1, 4)
"""
import sys

from ..prims import _philox

sys.modules[__name__] = _philox
