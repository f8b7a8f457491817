"""`tf.linalg`: matrix functions."""
from .ops.array_ops import eye, matrix_transpose
from .ops.indexing_ops import global_norm
from .ops.linalg_ops import (
                             adjoint,
                             band_part,
                             cholesky,
                             cholesky_solve,
                             cross,
                             det,
                             diag,
                             diag_part,
                             eigh,
                             eigvalsh,
                             einsum,
                             expm,
                             inv,
                             logdet,
                             lstsq,
                             matvec,
                             norm,
                             normalize,
                             pinv,
                             qr,
                             set_diag,
                             slogdet,
                             solve,
                             svd,
                             trace,
                             triangular_solve,
)
from .ops.math_ops import matmul, tensordot
from .ops.special_math_ops import l2_normalize
