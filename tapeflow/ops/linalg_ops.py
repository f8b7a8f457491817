"""`tf.linalg`, public API: inverses, determinants, solves, decompositions (Cholesky, QR, SVD,
eigh), diagonal and band ops, einsum, norms, expm, ... Each function converts and checks its
arguments (TF's dtype rules and errors) and calls the primitive layer (`tapeflow.prims.linalg`),
where the ops' records live; the functions TF composes in Python (logdet, cholesky_solve, lstsq,
pinv, expm, norm, ...) are composed here from the same ops.

    >>> tf.linalg.det(tf.constant([[2.0, 1.0], [1.0, 3.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
"""
import builtins
import collections
import string

import numpy as np

from ..framework.errors import (
    FailedPreconditionError,
    InvalidArgumentError,
    dtype_mismatch,
    op_error,
)
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..prims import linalg as PL
from ..prims._common import dims_text as _dims
from ..prims._common import real_dtype
from ..prims.linalg import (
    CHOLESKY,
    CROSS,
    EINSUM,
    LOG_MATRIX_DETERMINANT,
    MATRIX_BAND_PART,
    MATRIX_DETERMINANT,
    MATRIX_DIAG,
    MATRIX_DIAG_PART,
    MATRIX_INVERSE,
    MATRIX_SET_DIAG,
    MATRIX_SOLVE,
    MATRIX_TRIANGULAR_SOLVE,
    QR,
    SELF_ADJOINT_EIG,
    SVD,
)
from . import array_ops as A
from . import math_ops as M
from ._common import pair, t


def _const(like, value):
    return wrap(np.asarray(value, like._value.dtype)[()])


def _kernel_checked(op, x):
    """x, after the dtype check: a half input (which TF's op definitions take, but only some
    kernels implement) raises TF's NotFoundError, any other dtype outside `allowed` TF's
    InvalidArgumentError."""
    dtype = x._value.dtype
    if dtype not in op._allowed_np:
        if dtype == np.float16:
            raise PL.no_kernel(op, dtype)
        op.check(x)
    return x


def _numeric(x):
    """TF's TypeError for a bool tensor where a conjugate is taken (norms, least squares)."""
    if x._value.dtype == np.bool_:
        raise TypeError(f"Expected numeric or variant tensor, got dtype {x.dtype!r}.")
    return x


def _rows(b):
    return b._value.shape[-2] if b._value.ndim >= 2 else 1


def _square_input(op, x):
    x = _kernel_checked(op, t(x))
    s = x._value.shape
    if len(s) < 2:
        raise op_error(InvalidArgumentError, op.name, f"Input must have rank >= 2, got {len(s)}")
    if s[-1] != s[-2]:
        raise op_error(InvalidArgumentError, op.name, "Input matrix must be square.")
    return x


def _batch_eye(x):
    return PL.eye_like(x)


# -- inverse, determinants ------------------------------------------------------------------------
def inv(input, adjoint=False, name=None):
    """The inverse of each (batched) square matrix; its adjoint when `adjoint`.

    >>> tf.linalg.inv([[2.0, 0.0], [0.0, 4.0]])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[0.5 , 0.  ],
           [0.  , 0.25]], dtype=float32)>
    """
    out = PL.inverse(_square_input(MATRIX_INVERSE, input))
    return PL.adjoint(out) if adjoint else out


def det(input, name=None):
    """The determinant of each (batched) square matrix.

    >>> tf.linalg.det([[2.0, 1.0], [1.0, 3.0]])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    return PL.determinant(_square_input(MATRIX_DETERMINANT, input))


LogMatrixDeterminant = collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])


def slogdet(input, name=None):
    """(sign, log|det|) of each (batched) square matrix, stable where det over/underflows.

    >>> tf.linalg.slogdet([[2.0, 0.0], [0.0, 3.0]]).log_abs_determinant
    <tf.Tensor: shape=(), dtype=float32, numpy=1.7917594909667969>
    """
    return LogMatrixDeterminant(*PL.log_determinant(_square_input(LOG_MATRIX_DETERMINANT, input)))


def logdet(matrix, name=None):
    """log(det(matrix)) of a Hermitian positive definite matrix, via its Cholesky factor.

    >>> tf.linalg.logdet([[2.0, 0.0], [0.0, 3.0]])
    <tf.Tensor: shape=(), dtype=float32, numpy=1.7917594909667969>
    """
    chol = cholesky(matrix)
    total = M.reduce_sum(M.log(M.real(diag_part(chol))), axis=-1)  # real for complex input
    return _const(total, 2.0) * total


# -- solves ---------------------------------------------------------------------------------------
def solve(matrix, rhs, adjoint=False, name=None):
    """X with matrix @ X = rhs (or adjoint(matrix) @ X = rhs), batched.

    >>> tf.linalg.solve([[2.0, 0.0], [0.0, 4.0]], [[2.0], [4.0]])
    <tf.Tensor: shape=(2, 1), dtype=float32, numpy=
    array([[1.],
           [1.]], dtype=float32)>
    """
    a, b = pair(matrix, rhs, "MatrixSolve")
    a = _square_input(MATRIX_SOLVE, a)
    if b._value.ndim < 2 or b._value.shape[-2] != a._value.shape[-1]:
        raise op_error(InvalidArgumentError, "MatrixSolve",
                       f"Input matrix and right-hand side must have the same number of rows: "
                       f"{a._value.shape[-2]} vs. {_rows(b)}")
    return PL.solve(a, b, adjoint)


def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """X with T @ X = rhs for the lower (or upper) triangle T of `matrix`; batch dims broadcast.

    >>> tf.linalg.triangular_solve([[2.0, 0.0], [1.0, 1.0]], [[2.0], [2.0]])
    <tf.Tensor: shape=(2, 1), dtype=float32, numpy=
    array([[1.],
           [1.]], dtype=float32)>
    """
    a, b = pair(matrix, rhs, "MatrixTriangularSolve")
    a = _square_input(MATRIX_TRIANGULAR_SOLVE, a)
    if b._value.ndim < 2 or b._value.shape[-2] != a._value.shape[-1]:
        raise op_error(InvalidArgumentError, "MatrixTriangularSolve",
                       f"Input matrix and right-hand side must have the same number of rows: "
                       f"{a._value.shape[-2]} vs. {_rows(b)}")
    return PL.triangular_solve(a, b, lower, adjoint)


# -- decompositions -------------------------------------------------------------------------------
def cholesky(input, name=None):
    """The lower Cholesky factor L (L @ L^H = input) of each Hermitian positive definite matrix.

    >>> tf.linalg.cholesky([[4.0, 2.0], [2.0, 3.0]])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[2.       , 0.       ],
           [1.       , 1.4142135]], dtype=float32)>
    """
    return PL.cholesky(_square_input(CHOLESKY, input))


def cholesky_solve(chol, rhs, name=None):
    """X with (chol @ chol^H) X = rhs, from the Cholesky factor `chol`.

    >>> tf.linalg.cholesky_solve(tf.linalg.cholesky([[4.0, 0.0], [0.0, 1.0]]), [[4.0], [1.0]])
    <tf.Tensor: shape=(2, 1), dtype=float32, numpy=
    array([[1.],
           [1.]], dtype=float32)>
    """
    y = triangular_solve(chol, rhs, lower=True, adjoint=False)
    return triangular_solve(chol, y, lower=True, adjoint=True)


Qr = collections.namedtuple("Qr", ["q", "r"])


def qr(input, full_matrices=False, name=None):
    """The QR decomposition input = q @ r (q orthonormal columns, r upper triangular).

    >>> tf.linalg.qr([[1.0, 2.0], [3.0, 4.0]]).r.shape
    TensorShape([2, 2])
    """
    x = _kernel_checked(QR, t(input))
    if x._value.ndim < 2:
        raise op_error(InvalidArgumentError, "Qr", f"Input must have rank >= 2, got {x._value.ndim}")
    return Qr(*PL.qr(x, full_matrices))


def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    """Singular values s (descending) and, when `compute_uv`, u and v with tensor = u diag(s) v^H.
    Note the order (s, u, v) and that v is not transposed, as in TF.

    >>> tf.linalg.svd([[3.0, 0.0], [0.0, 4.0]], compute_uv=False)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([4., 3.], dtype=float32)>
    """
    x = _kernel_checked(SVD, t(tensor))
    if x._value.ndim < 2:
        raise op_error(InvalidArgumentError, "Svd", f"Input must have rank >= 2, got {x._value.ndim}")
    out = PL.svd(x, full_matrices, compute_uv)
    return out if compute_uv else out[0]


def eigh(tensor, name=None):
    """Eigenvalues (ascending) and eigenvectors (columns) of each self-adjoint matrix; only the
    lower triangle is read.

    >>> tf.linalg.eigh([[2.0, 1.0], [1.0, 2.0]])[0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    return PL.eigh(_square_input(SELF_ADJOINT_EIG, tensor))


def eigvalsh(tensor, name=None):
    """The eigenvalues (ascending) of each self-adjoint matrix.

    >>> tf.linalg.eigvalsh([[2.0, 1.0], [1.0, 2.0]])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    return PL.eigvalsh(_square_input(SELF_ADJOINT_EIG, tensor))


# -- diagonals and bands ---------------------------------------------------------------------------
def _padding(value, like):
    """The padding value in like's dtype (TF converts it: a number for a string tensor fails)."""
    if like._value.dtype == object:
        return convert_to_tensor(value, dtype=like.dtype)._value
    return np.asarray(getattr(value, "_value", value)).astype(like._value.dtype)[()]


def _scalar_k(k, op_name):
    kv = np.asarray(getattr(k, "_value", k)).reshape(-1)
    if kv.size == 2 and kv[0] == kv[1]:
        kv = kv[:1]
    if kv.size != 1:
        raise NotImplementedError(f"{op_name}: a band of diagonals (k = {kv.tolist()}) is not "
                                  f"supported; use one diagonal at a time")
    return int(kv[0])


def diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"):
    """A (batched) matrix with `diagonal` on diagonal k and `padding_value` elsewhere.

    >>> tf.linalg.diag([1.0, 2.0])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 0.],
           [0., 2.]], dtype=float32)>
    """
    d = t(diagonal)
    MATRIX_DIAG.check(d)
    if d._value.ndim == 0:
        raise op_error(InvalidArgumentError, "MatrixDiagV3",
                       "diagonal must be at least 1-dim, received shape: []")
    k = _scalar_k(k, "MatrixDiagV3")
    length = d._value.shape[-1]
    min_rows = length + builtins.max(-k, 0)
    min_cols = length + builtins.max(k, 0)
    num_rows, num_cols = int(num_rows), int(num_cols)
    if num_rows < 0 and num_cols < 0:
        num_rows = num_cols = builtins.max(min_rows, min_cols)
    elif num_rows < 0:
        num_rows = min_rows
    elif num_cols < 0:
        num_cols = min_cols
    return PL.matrix_diag(d, k, num_rows, num_cols, _padding(padding_value, d))


def diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT"):
    """Diagonal k of each (batched) matrix.

    >>> tf.linalg.diag_part([[1.0, 2.0], [3.0, 4.0]])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 4.], dtype=float32)>
    """
    x = t(input)
    MATRIX_DIAG_PART.check(x)
    _padding(padding_value, x)
    if x._value.ndim < 2:
        raise op_error(InvalidArgumentError, "MatrixDiagPartV3",
                       f"input must be at least 2-dim, received shape: {list(x._value.shape)}")
    return PL.diag_part(x, _scalar_k(k, "MatrixDiagPartV3"))


def set_diag(input, diagonal, name="set_diag", k=0, align="RIGHT_LEFT"):
    """A copy of `input` with diagonal k replaced by `diagonal`.

    >>> tf.linalg.set_diag(tf.zeros((2, 2)), [1.0, 2.0])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 0.],
           [0., 2.]], dtype=float32)>
    """
    x = t(input)
    d = diagonal if isinstance(diagonal, Tensor) else convert_to_tensor(diagonal, dtype=x.dtype)
    x, d = pair(x, d, "MatrixSetDiagV3")
    MATRIX_SET_DIAG.check(x)
    if x._value.ndim < 2:
        raise op_error(InvalidArgumentError, "MatrixSetDiagV3",
                       f"input must be at least 2-dim, received shape: {list(x._value.shape)}")
    k = _scalar_k(k, "MatrixSetDiagV3")
    rows, _ = PL.diag_coords(x._value.shape[-2], x._value.shape[-1], k)
    if d._value.shape != x._value.shape[:-2] + (rows.size,):
        raise op_error(InvalidArgumentError, "MatrixSetDiagV3",
                       f"diagonal.shape={list(d._value.shape)} does not match the expected shape "
                       f"{list(x._value.shape[:-2] + (rows.size,))}")
    return PL.set_diag(x, d, k)


def band_part(input, num_lower, num_upper, name=None):
    """Keeps num_lower subdiagonals and num_upper superdiagonals (negative: all) and zeros the rest.

    >>> tf.linalg.band_part(tf.ones((2, 2)), 0, -1)
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 1.],
           [0., 1.]], dtype=float32)>
    """
    x = t(input)
    MATRIX_BAND_PART.check(x)
    lo, up = int(getattr(num_lower, "_value", num_lower)), int(getattr(num_upper, "_value", num_upper))
    if x._value.ndim < 2:
        raise op_error(InvalidArgumentError, "MatrixBandPart",
                       f"input must be at least 2-dim, received shape: {list(x._value.shape)}")
    m, n = x._value.shape[-2:]
    if lo > m or up > n:
        raise op_error(InvalidArgumentError, "MatrixBandPart",
                       f"num_lower must be negative or less or equal to number of rows ({m}) got: {lo}"
                       if lo > m else
                       f"num_upper must be negative or less or equal to number of columns ({n}) got: {up}")
    return PL.band_part(x, lo, up)


def trace(x, name=None):
    """The sum of the main diagonal of each (batched) matrix.

    >>> tf.linalg.trace([[1.0, 2.0], [3.0, 4.0]])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    return M.reduce_sum(diag_part(x), axis=-1)


def adjoint(matrix, name=None):
    """The conjugate transpose of the last two dimensions.

    >>> tf.linalg.adjoint([[1.0, 2.0], [3.0, 4.0]])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 3.],
           [2., 4.]], dtype=float32)>
    """
    x = t(matrix)
    return A.matrix_transpose(x, conjugate=x._value.dtype.kind == "c")


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False, name=None):
    """The (batched) matrix-vector product a @ b.

    >>> tf.linalg.matvec([[1.0, 2.0], [3.0, 4.0]], [1.0, 1.0])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 7.], dtype=float32)>
    """
    a, b = pair(a, b, "MatMul")
    out = M.matmul(a, A.expand_dims(b, -1), transpose_a=transpose_a, adjoint_a=adjoint_a)
    return A.squeeze(out, axis=-1)


def cross(a, b, name=None):
    """The cross product of 3-vectors along the last dimension.

    >>> tf.linalg.cross([1.0, 0.0, 0.0], [0.0, 1.0, 0.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 0., 1.], dtype=float32)>
    """
    a, b = pair(a, b, "Cross")
    CROSS.check(a)
    if not a._value.shape:
        raise op_error(InvalidArgumentError, "Cross", "Input must be at least 1D[]")
    if a._value.shape != b._value.shape:
        raise op_error(InvalidArgumentError, "Cross",
                       f"Both inputs must be of same shape: {_dims(a._value.shape)} vs. "
                       f"{_dims(b._value.shape)}")
    if a._value.shape[-1] != 3:
        raise op_error(FailedPreconditionError, "Cross",
                       "Cross-products are only defined for 3-element vectors.")
    return PL.cross(a, b)


# -- least squares, pseudo-inverse -----------------------------------------------------------------
def lstsq(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    """The (l2-regularized) least-squares solution of matrix @ X = rhs, by the normal equations
    (TF's fast path): (A^H A + lambda I) X = A^H rhs, or the minimum-norm solution when A is wide.

    >>> tf.linalg.lstsq([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], [[1.0], [2.0], [2.0]])
    <tf.Tensor: shape=(2, 1), dtype=float32, numpy=
    array([[0.66666675],
           [0.5       ]], dtype=float32)>
    """
    a, b = pair(matrix, rhs, "MatrixSolveLs")
    _numeric(a)
    m, n = a._value.shape[-2:]
    l2 = np.asarray(getattr(l2_regularizer, "_value", l2_regularizer)).item()
    if a._value.dtype == np.complex128 and l2 != 0:
        raise NotImplementedError("matrix_solve_ls is currently disabled for complex128 and "
                                  "l2_regularizer != 0 due to poor accuracy.")
    lam = _const(a, l2)
    if m >= n:
        gram = M.matmul(a, a, adjoint_a=True)
        if l2 != 0:
            gram = gram + lam * _batch_eye(gram)
        return cholesky_solve(cholesky(gram), M.matmul(a, b, adjoint_a=True))
    gram = M.matmul(a, a, adjoint_b=True)
    if l2 != 0:
        gram = gram + lam * _batch_eye(gram)
    return M.matmul(a, cholesky_solve(cholesky(gram), b), adjoint_a=True)


def pinv(a, rcond=None, validate_args=False, name=None):
    """The Moore-Penrose pseudo-inverse via the SVD, dropping singular values below
    rcond * max(s) (default rcond: 10 * max(m, n) * eps).

    >>> tf.linalg.pinv([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[-1.3333333 , -0.33333334,  0.6666666 ],
           [ 1.0833333 ,  0.33333334, -0.41666666]], dtype=float32)>
    """
    a = t(a)
    if not a.dtype.is_floating:
        raise TypeError(f"Input `a` must have `float`-like `dtype` (saw {a.dtype.name}).")
    m, n = a._value.shape[-2:]
    if rcond is None:
        rcond = 10.0 * builtins.max(m, n) * np.finfo(real_dtype(a._value.dtype)).eps
    s, u, v = svd(a, full_matrices=False, compute_uv=True)
    cutoff = _const(s, rcond) * M.reduce_max(s, axis=-1)
    s = A.where(M.greater(s, A.expand_dims(cutoff, -1)), s, A.zeros_like(s) + _const(s, np.inf))
    return M.matmul(v / M.cast(A.expand_dims(s, -2), v.dtype), u, adjoint_b=True)


# -- matrix exponential (TF's Pade + scaling-and-squaring, so gradients come from its ops) ----------
_PADE = {
    3: [120.0, 60.0, 12.0],
    5: [30240.0, 15120.0, 3360.0, 420.0, 30.0],
    7: [17297280.0, 8648640.0, 1995840.0, 277200.0, 25200.0, 1512.0, 56.0],
    9: [17643225600.0, 8821612800.0, 2075673600.0, 302702400.0, 30270240.0, 2162160.0, 110880.0,
        3960.0, 90.0],
    13: [64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0,
         129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
         40840800.0, 960960.0, 16380.0, 182.0],
}


def _pade(x, order):
    """(U, V) of the order-`order` Pade approximant: exp(x) ~ (V - U)^-1 (V + U)."""
    b = [_const(x, c) for c in _PADE[order]]
    ident = _batch_eye(x)
    x2 = M.matmul(x, x)
    if order == 13:
        x4 = M.matmul(x2, x2)
        x6 = M.matmul(x4, x2)
        tmp_u = M.matmul(x6, x6 + b[11] * x4 + b[9] * x2) + b[7] * x6 + b[5] * x4 + b[3] * x2 + b[1] * ident
        u = M.matmul(x, tmp_u)
        v = M.matmul(x6, b[12] * x6 + b[10] * x4 + b[8] * x2) + b[6] * x6 + b[4] * x4 + b[2] * x2 + b[0] * ident
        return u, v
    powers = [ident, x2]
    while len(powers) < (order + 1) // 2:
        powers.append(M.matmul(powers[-1], x2))
    tmp = powers[-1]
    for j in builtins.range(len(powers) - 2, -1, -1):
        tmp = tmp + b[2 * j + 1] * powers[j]
    u = M.matmul(x, tmp)
    v = b[order - 1] * powers[-1]
    for j in builtins.range(len(powers) - 2, -1, -1):
        v = v + b[2 * j] * powers[j]
    return u, v


def expm(input, name=None):
    """The matrix exponential of each (batched) square matrix.

    >>> tf.linalg.expm([[0.0, 1.0], [-1.0, 0.0]])
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[ 0.5403023 ,  0.84147096],
           [-0.84147096,  0.5403023 ]], dtype=float32)>
    """
    x = t(input)
    kind = x._value.dtype.kind
    if kind in "ub":  # TF's first op is Abs, which takes neither
        raise op_error(InvalidArgumentError, "Abs", f"Value for attr 'T' of {x.dtype.name} is not in "
                                                    f"the list of allowed values: bfloat16, half, "
                                                    f"float, double, int8, int16, int32, int64")
    if kind == "i":
        raise ValueError(f"tf.linalg.expm does not support matrices of type {x.dtype}")
    if x._value.dtype == np.float16:
        raise PL.no_kernel(MATRIX_SOLVE, x._value.dtype)
    if x._value.shape[-2:] == (0, 0):
        return x
    if x._value.dtype in (np.float16, np.float32, np.complex64):
        orders, conds, maxnorm = (3, 5, 7), (4.258730016922831e-001, 1.880152677804762e+000), 3.925724783138660
    else:
        orders = (3, 5, 7, 9, 13)
        conds = (1.495585217958292e-002, 2.539398330063230e-001, 9.504178996162932e-001,
                 2.097847961257068e+000)
        maxnorm = 5.371920351148152
    l1 = np.max(np.sum(np.abs(x._value), axis=-2), axis=-1)[..., None, None]
    if not np.isfinite(l1).all():  # as TF: a non-finite norm anywhere gives NaN everywhere
        return wrap(np.full(x._value.shape, np.nan, x._value.dtype))
    with np.errstate(divide="ignore"):
        squarings = np.maximum(np.floor(np.log2(l1 / maxnorm)), 0).astype(x._value.real.dtype)
    branch = np.searchsorted(np.asarray(conds), l1, side="right")  # first cond with l1 < cond
    needed = sorted(set(branch.reshape(-1).tolist()))
    us, vs = {}, {}
    for bi in needed:
        xi = x
        if bi == len(orders) - 1:
            xi = x / M.cast(wrap(np.power(2.0, squarings).astype(x._value.real.dtype)), x.dtype)
        us[bi], vs[bi] = _pade(xi, orders[bi])
    u, v = us[needed[-1]], vs[needed[-1]]
    for bi in reversed(needed[:-1]):
        sel = wrap(np.broadcast_to(branch == bi, x._value.shape))
        u, v = A.where(sel, us[bi], u), A.where(sel, vs[bi], v)
    result = solve(-u + v, u + v)
    for i in builtins.range(int(squarings.max()) if squarings.size else 0):
        more = wrap(np.broadcast_to(squarings > i, x._value.shape))
        result = A.where(more, M.matmul(result, result), result)
    return result


# -- einsum ---------------------------------------------------------------------------------------
def _parse_einsum(equation, shapes):
    """An explicit equation without '...' (ellipsis dims get letters), the implicit output filled in
    as NumPy and TF do, and each operand's broadcast target shape (or None)."""
    eq = equation.replace(" ", "")
    if "->" in eq:
        lhs, rhs = eq.split("->")
    else:
        lhs, rhs = eq, None
    subs = lhs.split(",")
    if len(subs) != len(shapes):
        raise ValueError(f"Expected {len(subs)} inputs for equation '{equation}', got {len(shapes)}")
    used = set(eq)
    spare = [c for c in string.ascii_letters if c not in used]
    ell_ranks = [len(s) - (len(sk) - 3) if "..." in sk else 0 for sk, s in zip(subs, shapes)]
    n_ell = builtins.max(ell_ranks + [0])
    ell = "".join(spare[:n_ell])
    new_subs = []
    for sk, r in zip(subs, ell_ranks):
        new_subs.append(sk.replace("...", ell[n_ell - r:] if r else "") if "..." in sk else sk)
    if rhs is None:
        counts = collections.Counter("".join(s.replace("...", "") for s in subs))
        rhs = ell + "".join(sorted(c for c, n in counts.items() if n == 1))
    else:
        rhs = rhs.replace("...", ell)
    for sk, s in zip(new_subs, shapes):
        if len(sk) != len(s):
            raise ValueError(f"Input has {len(s)} dimensions but the equation '{equation}' gives "
                             f"it {len(sk)} labels")
    # broadcast size-1 ellipsis dims up front, so every label has one size in the primitive
    size = {}
    for sk, s in zip(new_subs, shapes):
        for c, d in zip(sk, s):
            if d != 1 or c not in size:
                size[c] = d if c not in size or size[c] == 1 else size[c]
    targets = []
    for sk, s in zip(new_subs, shapes):
        want = tuple(size[c] for c in sk)
        targets.append(want if want != tuple(s) else None)
    return ",".join(new_subs) + "->" + rhs, targets


def einsum(equation, *inputs, **kwargs):
    """Einstein summation: contractions, transposes, traces and outer products in one equation.

    >>> tf.einsum("ij,jk->ik", tf.ones((2, 3)), tf.ones((3, 4))).shape
    TensorShape([2, 4])
    """
    kwargs.pop("name", None)
    kwargs.pop("optimize", None)
    if len(inputs) == 1 and isinstance(inputs[0], (list, tuple)):
        inputs = tuple(inputs[0])
    xs = [t(x) for x in inputs]
    for i, x in enumerate(xs[1:], 1):
        if x._value.dtype != xs[0]._value.dtype:
            raise dtype_mismatch("Einsum", i, xs[0].dtype, x.dtype)
    if xs and xs[0]._value.dtype not in EINSUM._allowed_np:  # TF has no kernel for it
        raise PL.no_kernel(EINSUM, xs[0]._value.dtype)
    eq, targets = _parse_einsum(equation, [x._value.shape for x in xs])
    xs = [x if tg is None else A.broadcast_to(x, tg) for x, tg in zip(xs, targets)]
    return PL.einsum(eq, *xs)


# -- norms -----------------------------------------------------------------------------------------
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """Vector norms (ord 'euclidean', 1, 2, inf or any p > 0) over `axis`, or matrix norms
    ('fro', 1, 2, inf) over a pair of axes.

    >>> tf.norm([3.0, 4.0])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    is_matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix:
        axis = tuple(axis)
        if not all(isinstance(a, (int, np.integer)) for a in axis) or axis[0] == axis[1]:
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        supported = ["euclidean", "fro", 1, 2, np.inf]
        if ord not in supported:
            raise ValueError(f"'ord' must be a supported matrix norm in {supported}, got {ord}")
    else:
        if not (isinstance(axis, (int, np.integer)) or axis is None):
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        supported = ["euclidean", 1, 2, np.inf]
        if (isinstance(ord, str) or not np.isreal(ord) or ord <= 0) and ord not in supported:
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (int(axis),)
    x = _numeric(t(tensor))
    if ord in ("fro", "euclidean", 2, 2.0):
        if is_matrix and ord in (2, 2.0):
            nd = x._value.ndim
            pos = [a % nd for a in axis]
            perm_before = [i for i in builtins.range(nd) if i not in pos] + pos
            permed = A.transpose(x, perm_before)
            top = M.reduce_max(M.abs(svd(permed, compute_uv=False)), axis=-1, keepdims=True)
            result = A.transpose(A.expand_dims(top, -1), list(np.argsort(perm_before)))
        else:
            # as TF: sqrt(sum(x * conj(x))), so a complex input gives a complex norm
            result = M.sqrt(M.reduce_sum(x * M.conj(x), axis, keepdims=True))
    else:
        result = M.abs(x)
        if ord == 1:
            result = M.reduce_sum(result, None if axis is None else axis[0], keepdims=True)
            if is_matrix:
                result = M.reduce_max(result, axis[-1], keepdims=True)
        elif ord == np.inf:
            if is_matrix:
                result = M.reduce_sum(result, axis[1], keepdims=True)
            result = M.reduce_max(result, None if axis is None else axis[0], keepdims=True)
        else:
            p = _const(result, ord)
            result = M.pow(M.reduce_sum(M.pow(result, p), axis, keepdims=True), _const(result, 1.0) / p)
    if not keepdims:
        result = A.squeeze(result, axis)
    return result


def normalize(tensor, ord="euclidean", axis=None, name=None):
    """(tensor / norm, norm), the norm kept with reduced dimensions of size 1.

    >>> tf.linalg.normalize([3.0, 4.0])[0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    """
    x = t(tensor)
    n = norm(x, ord=ord, axis=axis, keepdims=True)
    return x / n, n
