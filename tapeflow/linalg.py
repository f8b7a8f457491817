"""`tf.linalg`: matrix functions."""
from .ops.array_ops import eye, matrix_transpose  # noqa: F401
from .ops.math_ops import matmul, tensordot  # noqa: F401
