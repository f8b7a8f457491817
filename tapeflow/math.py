"""`tf.math`: elementwise math, reductions and comparisons (re-exported from the op modules)."""
from .ops.math_ops import (abs, acos, acosh, add, add_n, angle, argmax, argmin, asin, asinh, atan,  # noqa: F401,A004
                           atan2, atanh, ceil, conj, cos, cosh, cumprod, cumsum, div_no_nan, divide,
                           divide_no_nan, equal, exp, expm1, floor, floordiv, floormod, greater,
                           greater_equal, imag, is_finite, is_inf, is_nan, less, less_equal, log,
                           log1p, logical_and, logical_not, logical_or, logical_xor, maximum, minimum,
                           mod, multiply, negative, not_equal, pow, real, realdiv, reciprocal,
                           reduce_all, reduce_any, reduce_max, reduce_mean, reduce_min, reduce_prod,
                           reduce_sum, round, rsqrt, scalar_mul, sigmoid, sign, sin, sinh, softplus,
                           sqrt, square, squared_difference, subtract, tan, tanh, tensordot, truediv)
from .ops.nn_ops import softmax, log_softmax  # noqa: F401
