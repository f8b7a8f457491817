"""`tf.debugging`: TF's checks (`assert_*`, `check_numerics`, `enable_check_numerics`) and
placement logging (`set_log_device_placement`). The package also holds tapeflow's debugging
tools behind `tf.autodiff.explain`, `detect_anomaly` and `plot` (`_explain`, `_numerics`,
`_viz`).

    >>> tf.debugging.assert_rank(tf.ones((2, 3)), 2)
    >>> tf.debugging.is_numeric_tensor(tf.constant("a"))
    False
"""
from ..control_flow import Assert
from . import experimental
from ._checks import (assert_equal, assert_greater, assert_greater_equal, assert_integer,
                      assert_less, assert_less_equal, assert_near, assert_negative,
                      assert_non_negative, assert_non_positive, assert_none_equal, assert_positive,
                      assert_proper_iterable, assert_rank, assert_rank_at_least, assert_rank_in,
                      assert_same_float_dtype, assert_scalar, assert_shapes, assert_type,
                      is_numeric_tensor)
from ._numerics import (assert_all_finite, check_numerics, disable_check_numerics,
                        enable_check_numerics)
from ._placement import get_log_device_placement, set_log_device_placement


def is_traceback_filtering_enabled():
    """False: tapeflow leaves its own frames in tracebacks (TF hides its frames by default).

    >>> tf.debugging.is_traceback_filtering_enabled()
    False
    """
    return False


def disable_traceback_filtering():
    """Keeps tapeflow's frames in tracebacks: what tapeflow always does."""


def enable_traceback_filtering():
    """Not implemented: tapeflow does not take its own frames out of tracebacks."""
    raise NotImplementedError("tf.debugging.enable_traceback_filtering is not implemented: "
                              "tapeflow does not take its own frames out of tracebacks.")


__all__ = ["Assert", "assert_all_finite", "assert_equal", "assert_greater",
           "assert_greater_equal", "assert_integer", "assert_less", "assert_less_equal",
           "assert_near", "assert_negative", "assert_non_negative", "assert_non_positive",
           "assert_none_equal", "assert_positive", "assert_proper_iterable", "assert_rank",
           "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype", "assert_scalar",
           "assert_shapes", "assert_type", "check_numerics", "disable_check_numerics",
           "disable_traceback_filtering", "enable_check_numerics", "enable_traceback_filtering",
           "experimental", "get_log_device_placement", "is_numeric_tensor",
           "is_traceback_filtering_enabled", "set_log_device_placement"]
