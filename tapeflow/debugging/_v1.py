"""`tf.compat.v1.debugging` (`tf.compat.v1` takes its TF 1.x top-level checks from here): the
same checks with TF 1.x signatures (`data` lists, `assert_scalar` returning
its tensor, `assert_all_finite(t, msg)`), plus the predicates TF 1.x kept here.

    >>> tf.compat.v1.assert_scalar(tf.constant(1.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
"""
from ..control_flow import Assert
from ..ops.math_ops import is_finite, is_inf, is_nan
from ..ops.special_math_ops import is_non_decreasing, is_strictly_increasing
from ._checks import assert_equal_v1 as assert_equal
from ._checks import assert_greater_equal_v1 as assert_greater_equal
from ._checks import assert_greater_v1 as assert_greater
from ._checks import assert_integer_v1 as assert_integer
from ._checks import assert_less_equal_v1 as assert_less_equal
from ._checks import assert_less_v1 as assert_less
from ._checks import assert_near_v1 as assert_near
from ._checks import assert_negative_v1 as assert_negative
from ._checks import assert_non_negative_v1 as assert_non_negative
from ._checks import assert_non_positive_v1 as assert_non_positive
from ._checks import assert_none_equal_v1 as assert_none_equal
from ._checks import assert_positive_v1 as assert_positive
from ._checks import assert_proper_iterable, assert_same_float_dtype, is_numeric_tensor
from ._checks import assert_rank_at_least_v1 as assert_rank_at_least
from ._checks import assert_rank_in_v1 as assert_rank_in
from ._checks import assert_rank_v1 as assert_rank
from ._checks import assert_scalar_v1 as assert_scalar
from ._checks import assert_shapes_v1 as assert_shapes
from ._checks import assert_type_v1 as assert_type
from ._numerics import check_numerics, disable_check_numerics, enable_check_numerics
from ._numerics import verify_tensor_all_finite as assert_all_finite
from ._placement import get_log_device_placement, set_log_device_placement

__all__ = ["Assert", "assert_all_finite", "assert_equal", "assert_greater",
           "assert_greater_equal", "assert_integer", "assert_less", "assert_less_equal",
           "assert_near", "assert_negative", "assert_non_negative", "assert_non_positive",
           "assert_none_equal", "assert_positive", "assert_proper_iterable", "assert_rank",
           "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype", "assert_scalar",
           "assert_shapes", "assert_type", "check_numerics", "disable_check_numerics",
           "enable_check_numerics", "get_log_device_placement", "is_finite", "is_inf", "is_nan",
           "is_non_decreasing", "is_numeric_tensor", "is_strictly_increasing",
           "set_log_device_placement"]

