"""The C library's float log and sincos now live in the primitive layer
(`tapeflow.prims._libm32`); this name stays importable and is that same module.

    >>> from tapeflow.ops import _libm32
    >>> float(_libm32.logf(np.float32([0.5]))[0])
    -0.6931471824645996
"""
import sys

from ..prims import _libm32

sys.modules[__name__] = _libm32
