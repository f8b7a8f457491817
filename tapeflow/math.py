"""`tf.math`: elementwise math, reductions and comparisons (re-exported from the op modules)."""
from .ops.math_ops import (abs, acos, acosh, add, add_n, angle, argmax, argmin, asin, asinh, atan,
                           atan2, atanh, ceil, conj, cos, cosh, cumprod, cumsum, div_no_nan, divide,
                           divide_no_nan, equal, exp, expm1, floor, floordiv, floormod, greater,
                           greater_equal, imag, is_finite, is_inf, is_nan, less, less_equal, log,
                           log1p, logical_and, logical_not, logical_or, logical_xor, maximum, minimum,
                           mod, multiply, negative, not_equal, pow, real, realdiv, reciprocal,
                           reduce_all, reduce_any, reduce_max, reduce_mean, reduce_min, reduce_prod,
                           reduce_sum, round, rsqrt, scalar_mul, sigmoid, sign, sin, sinh, softplus,
                           sqrt, square, squared_difference, subtract, tan, tanh, tensordot, truediv)
from .ops.nn_ops import log_softmax, softmax, softsign
from .ops.special_math_ops import (accumulate_n, bessel_i0, bessel_i0e, bessel_i1, bessel_i1e,
                                   betainc, bincount, confusion_matrix, count_nonzero,
                                   cumulative_logsumexp, digamma, erf, erfc, erfinv, igamma, igammac,
                                   in_top_k, invert_permutation, is_non_decreasing,
                                   is_strictly_increasing, l2_normalize, lbeta, lgamma, log_sigmoid,
                                   multiply_no_nan, ndtri, nextafter, polygamma, polyval,
                                   reciprocal_no_nan, reduce_euclidean_norm, reduce_logsumexp,
                                   reduce_std, reduce_variance, rint, top_k, xdivy, xlog1py,
                                   xlogy, zeta)
from .ops.segment_ops import (segment_max, segment_mean, segment_min, segment_prod, segment_sum,
                              unsorted_segment_max, unsorted_segment_mean, unsorted_segment_min,
                              unsorted_segment_prod, unsorted_segment_sqrt_n, unsorted_segment_sum)
