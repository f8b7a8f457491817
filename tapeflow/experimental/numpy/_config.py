"""`tf.experimental.numpy.experimental_enable_numpy_behavior`: what it switches on."""
import logging

from ...framework import tensor as _tensor
from ...ops import _common, operators
from . import _core
from . import _promotion as P

_MODES = ("off", "legacy", "safe", "all")


def experimental_enable_numpy_behavior(prefer_float32=False, dtype_conversion_mode="legacy"):
    """Enables NumPy behaviour on tensors, as TF does: NumPy methods (`.T`, `.reshape`,
    `.astype`, `.ravel`, `.clip`, ...) and NumPy indexing (integer and boolean arrays) on
    `tf.Tensor`, and dtype promotion by `dtype_conversion_mode`: "legacy" (NumPy's rules for
    the operators), "all" or "safe" (TF's auto dtype conversion with weak tensors, for operators
    and functions alike; "safe" refuses lossy promotions). `prefer_float32` makes Python floats
    float32 in tnp's dtype inference. It cannot be switched off (as in TF).

    >>> tnp = tf.experimental.numpy
    >>> tnp.experimental_enable_numpy_behavior()  # doctest: +SKIP
    """
    mode = str(dtype_conversion_mode).lower()
    if mode not in _MODES:
        raise ValueError(f"The provided promotion mode {dtype_conversion_mode} does not exist. "
                         f"Make sure the provided dtype conversion mode is one of the following: "
                         f"off, legacy, safe, all")
    if mode in ("safe", "all"):
        logging.getLogger("tensorflow").warning(
            "UserWarning: enabling the new type promotion must happen at the beginning of the "
            "program. Please ensure no TF APIs have been used yet.")
    P.MODE["value"] = mode
    P.PREFER_FLOAT32["value"] = bool(prefer_float32)
    if mode in ("safe", "all"):
        _common.PROMOTION = P.AutoConversion()
        _tensor.conversion_hook = P.constant_hook
        operators.install(promote=lambda x, y: (x, y))
    elif mode == "legacy":
        _common.PROMOTION = None
        _tensor.conversion_hook = None
        operators.install(promote=P.numpy_style_operands)
    else:
        _common.PROMOTION = None
        _tensor.conversion_hook = None
        operators.install()
    _core.install_tensor_methods()
