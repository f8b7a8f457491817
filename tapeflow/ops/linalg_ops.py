"""`tf.linalg`: inverses, determinants, solves, decompositions (Cholesky, QR, SVD, eigh), diagonal
and band ops, einsum, norms, expm, ...

Gradients follow the matrix-calculus rules of TF's linalg_grad.py (Giles 2008), written with
tapeflow ops so they differentiate again. The decompositions get their JVPs from their gradient
rules (`_linearize.jvp_from_grad`). All forwards are batched over leading dimensions by NumPy.

    >>> tf.linalg.det(tf.constant([[2.0, 1.0], [1.0, 3.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
"""
import builtins
import collections
import string

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.errors import dtype_not_allowed
from ..framework.op import apply, apply1, apply2, defop
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from . import array_ops as A
from . import math_ops as M
from ..prims._common import dims_text as _dims
from ..prims import math as PM
from ._common import NUMERIC, pair, t
from ..prims._linearize import jvp_from_grad

_LINALG_TYPES = (D.float16, D.float32, D.float64, D.complex64, D.complex128)


def _const(like, value):
    return wrap(np.asarray(value, like._value.dtype)[()])


def _adj(x):
    return A.matrix_transpose(x, conjugate=x._value.dtype.kind == "c")


def _square_input(op, x, allowed=_LINALG_TYPES):
    x = t(x)
    if x._value.dtype not in op._allowed_np:
        raise dtype_not_allowed(op, x.dtype)
    s = x._value.shape
    if len(s) < 2:
        raise op_error(InvalidArgumentError, op.name, f"Input must have rank >= 2, got {len(s)}")
    if s[-1] != s[-2]:
        raise op_error(InvalidArgumentError, op.name, "Input matrix must be square.")
    return x


def _half_via_float32(forward):
    """NumPy's linalg has no float16: compute in float32 and round the results back."""
    def wrapped(*arrays, **attrs):
        if arrays[0].dtype != np.float16:
            return forward(*arrays, **attrs)
        out = forward(*[a.astype(np.float32) for a in arrays], **attrs)
        if isinstance(out, tuple):
            return tuple(np.asarray(o).astype(np.float16)[()] for o in out)
        return np.asarray(out).astype(np.float16)[()]
    return wrapped


def _batch_eye(x):
    n = x._value.shape[-1]
    return wrap(np.broadcast_to(np.eye(n, dtype=x._value.dtype), x._value.shape).copy())


# -- inverse, determinants ------------------------------------------------------------------------
@_half_via_float32
def _inv_np(v):
    try:
        out = np.linalg.inv(v)
    except np.linalg.LinAlgError:
        raise op_error(InvalidArgumentError, "MatrixInverse", "Input is not invertible.") from None
    return out


MATRIX_INVERSE = defop(
    "MatrixInverse", _inv_np,
    lambda op, g: -M.matmul(op.outputs[0], M.matmul(g, op.outputs[0], adjoint_b=True), adjoint_a=True),
    lambda op, dx: -M.matmul(op.outputs[0], M.matmul(dx, op.outputs[0])),
    allowed=_LINALG_TYPES)


def inv(input, adjoint=False, name=None):  # noqa: A002
    """The inverse of each (batched) square matrix; its adjoint when `adjoint`.

    >>> tf.linalg.inv([[2.0, 0.0], [0.0, 4.0]])
    """
    x = _square_input(MATRIX_INVERSE, input)
    out = apply1(MATRIX_INVERSE, x)
    return _adj(out) if adjoint else out


def _det_grad(op, g):  # d det / dA = det * A^-H
    a, d = op.inputs[0], op.outputs[0]
    return A.reshape(g * d, d._value.shape + (1, 1)) * inv(a, adjoint=True)


def _det_jvp(op, dx):  # d det = det * trace(A^-1 dA)
    return op.outputs[0] * trace(M.matmul(inv(op.inputs[0]), dx))


MATRIX_DETERMINANT = defop("MatrixDeterminant",
                           _half_via_float32(lambda v: np.asarray(np.linalg.det(v), v.dtype)[()]),
                           _det_grad, _det_jvp, allowed=_LINALG_TYPES)


def det(input, name=None):  # noqa: A002
    """The determinant of each (batched) square matrix.

    >>> tf.linalg.det([[2.0, 1.0], [1.0, 3.0]])
    """
    return apply1(MATRIX_DETERMINANT, _square_input(MATRIX_DETERMINANT, input))


@_half_via_float32
def _slogdet_np(v):
    sign, logabs = np.linalg.slogdet(v)
    return np.asarray(sign, v.dtype)[()], np.asarray(logabs, v.real.dtype)[()]


def _slogdet_grad(op, g_sign, g_log):
    if g_log is None:
        return None
    a = op.inputs[0]
    return A.reshape(M.cast(g_log, a.dtype), g_log._value.shape + (1, 1)) * inv(a, adjoint=True)


def _slogdet_jvp(op, dx):
    return None, M.real(trace(M.matmul(inv(op.inputs[0]), dx)))


LOG_MATRIX_DETERMINANT = defop("LogMatrixDeterminant", _slogdet_np, _slogdet_grad, _slogdet_jvp,
                               num_outputs=2, allowed=_LINALG_TYPES)
LogMatrixDeterminant = collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])


def slogdet(input, name=None):  # noqa: A002
    """(sign, log|det|) of each (batched) square matrix, stable where det over/underflows.

    >>> tf.linalg.slogdet([[2.0, 0.0], [0.0, 3.0]])
    """
    x = _square_input(LOG_MATRIX_DETERMINANT, input)
    return LogMatrixDeterminant(*apply(LOG_MATRIX_DETERMINANT, (x,)))


def logdet(matrix, name=None):
    """log(det(matrix)) of a Hermitian positive definite matrix, via its Cholesky factor.

    >>> tf.linalg.logdet([[2.0, 0.0], [0.0, 3.0]])
    """
    chol = cholesky(matrix)
    return _const(chol, 2.0) * M.reduce_sum(M.log(M.real(diag_part(chol))), axis=-1)


# -- solves ---------------------------------------------------------------------------------------
@_half_via_float32
def _solve_np(a, b, adjoint):
    if adjoint:
        a = np.conj(np.swapaxes(a, -1, -2))
    try:
        return np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        raise op_error(InvalidArgumentError, "MatrixSolve", "Input matrix is not invertible.") from None


def _solve_grad(op, g):
    a = op.inputs[0]
    adjoint = op.get_attr("adjoint")
    c = op.outputs[0]
    grad_b = solve(a, g, adjoint=not adjoint)
    grad_a = -M.matmul(c, grad_b, adjoint_b=True) if adjoint else -M.matmul(grad_b, c, adjoint_b=True)
    return grad_a, grad_b


def _solve_jvp(op, da, db):  # A dc = db - dA c
    a, c = op.inputs[0], op.outputs[0]
    adjoint = op.get_attr("adjoint")
    rhs = A.zeros_like(c) if db is None else db
    if da is not None:
        rhs = rhs - M.matmul(_adj(da) if adjoint else da, c)
    return solve(a, rhs, adjoint=adjoint)


MATRIX_SOLVE = defop("MatrixSolve", _solve_np, _solve_grad, _solve_jvp, allowed=_LINALG_TYPES)


def solve(matrix, rhs, adjoint=False, name=None):
    """X with matrix @ X = rhs (or adjoint(matrix) @ X = rhs), batched.

    >>> tf.linalg.solve([[2.0, 0.0], [0.0, 4.0]], [[2.0], [4.0]])
    """
    a, b = pair(matrix, rhs, "MatrixSolve")
    a = _square_input(MATRIX_SOLVE, a)
    if b._value.ndim < 2 or b._value.shape[-2] != a._value.shape[-1]:
        raise op_error(InvalidArgumentError, "MatrixSolve",
                       f"Input matrix and right-hand side must have the same number of rows: "
                       f"{a._value.shape[-2]} vs. {b._value.shape[-2] if b._value.ndim else 0}")
    return apply2(MATRIX_SOLVE, a, b, {"adjoint": bool(adjoint)})


def _band_mask(m, n, num_lower, num_upper):
    i = np.arange(m)[:, None]
    j = np.arange(n)[None, :]
    return ((num_lower < 0) | (i - j <= num_lower)) & ((num_upper < 0) | (j - i <= num_upper))


@_half_via_float32
def _triangular_np(a, b, lower, adjoint):
    mask = _band_mask(a.shape[-2], a.shape[-1], -1, 0) if lower else _band_mask(
        a.shape[-2], a.shape[-1], 0, -1)
    tri = np.where(mask, a, np.zeros((), a.dtype))
    if adjoint:
        tri = np.conj(np.swapaxes(tri, -1, -2))
    with np.errstate(all="ignore"):
        try:
            return np.linalg.solve(tri, b).astype(b.dtype)
        except np.linalg.LinAlgError:  # TF divides by the zero pivot instead of failing
            return np.full(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]) + b.shape[-2:], np.nan, b.dtype)


def _triangular_grad(op, g):
    a = op.inputs[0]
    adjoint, lower = op.get_attr("adjoint"), op.get_attr("lower")
    c = op.outputs[0]
    grad_b = triangular_solve(a, g, lower=lower, adjoint=not adjoint)
    grad_a = -M.matmul(c, grad_b, adjoint_b=True) if adjoint else -M.matmul(grad_b, c, adjoint_b=True)
    grad_a = band_part(grad_a, -1, 0) if lower else band_part(grad_a, 0, -1)
    return grad_a, grad_b


MATRIX_TRIANGULAR_SOLVE = defop("MatrixTriangularSolve", _triangular_np, _triangular_grad,
                                jvp_from_grad, allowed=_LINALG_TYPES)


def triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """X with T @ X = rhs for the lower (or upper) triangle T of `matrix`; batch dims broadcast.

    >>> tf.linalg.triangular_solve([[2.0, 0.0], [1.0, 1.0]], [[2.0], [2.0]])
    """
    a, b = pair(matrix, rhs, "MatrixTriangularSolve")
    a = _square_input(MATRIX_TRIANGULAR_SOLVE, a)
    return apply2(MATRIX_TRIANGULAR_SOLVE, a, b, {"lower": bool(lower), "adjoint": bool(adjoint)})


# -- Cholesky ---------------------------------------------------------------------------------------
@_half_via_float32
def _cholesky_np(v):
    try:
        return np.linalg.cholesky(v)
    except np.linalg.LinAlgError:  # TF returns garbage, not an error: NaN the failing matrices
        flat = v.reshape((-1,) + v.shape[-2:])
        out = np.full(flat.shape, np.nan, v.dtype)
        for i, m in enumerate(flat):  # only on this failure path
            try:
                out[i] = np.linalg.cholesky(m)
            except np.linalg.LinAlgError:
                pass
        return out.reshape(v.shape)


def _cholesky_grad(op, g):
    """A^-bar = sym(L^-H Phi(L^H g) L^-1), Phi = lower triangle with half the diagonal (TF)."""
    l = op.outputs[0]
    l_inv = triangular_solve(l, _batch_eye(l))
    middle = M.matmul(l, g, adjoint_a=True)
    middle = set_diag(middle, _const(middle, 0.5) * diag_part(middle))
    middle = band_part(middle, -1, 0)
    grad_a = M.matmul(M.matmul(l_inv, middle, adjoint_a=True), l_inv)
    grad_a = grad_a + _adj(grad_a)
    return grad_a * _const(grad_a, 0.5)


CHOLESKY = defop("Cholesky", _cholesky_np, _cholesky_grad, jvp_from_grad, allowed=_LINALG_TYPES)


def cholesky(input, name=None):  # noqa: A002
    """The lower Cholesky factor L (L @ L^H = input) of each Hermitian positive definite matrix.

    >>> tf.linalg.cholesky([[4.0, 2.0], [2.0, 3.0]])
    """
    return apply1(CHOLESKY, _square_input(CHOLESKY, input))


def cholesky_solve(chol, rhs, name=None):
    """X with (chol @ chol^H) X = rhs, from the Cholesky factor `chol`.

    >>> tf.linalg.cholesky_solve(tf.linalg.cholesky([[4.0, 0.0], [0.0, 1.0]]), [[4.0], [1.0]])
    """
    y = triangular_solve(chol, rhs, lower=True, adjoint=False)
    return triangular_solve(chol, y, lower=True, adjoint=True)


# -- QR ---------------------------------------------------------------------------------------------
@_half_via_float32
def _qr_np(v, full_matrices):
    q, r = np.linalg.qr(v, mode="complete" if full_matrices else "reduced")
    return q, r


def _right_triangular_solve(x, r):
    """x @ inv(r)^H for upper-triangular r."""
    return _adj(triangular_solve(r, _adj(x), lower=False, adjoint=False))


def _qr_grad_square_deep(q, r, dq, dr):
    qdq = M.matmul(q, dq, adjoint_a=True)
    qdq_ = qdq - _adj(qdq)
    rdr = M.matmul(r, dr, adjoint_b=True)
    rdr_ = rdr - _adj(rdr)
    tril = band_part(qdq_ + rdr_, -1, 0)
    grad_a = M.matmul(q, dr + _right_triangular_solve(tril, r))
    grad_b = _right_triangular_solve(dq - M.matmul(q, qdq), r)
    return grad_a + grad_b


def _qr_grad(op, dq, dr):
    q, r = op.outputs
    dq = A.zeros_like(q) if dq is None else dq
    dr = A.zeros_like(r) if dr is None else dr
    m, n = q._value.shape[-2], r._value.shape[-1]
    if q._value.dtype.kind == "c":
        raise NotImplementedError(f"QrGrad not implemented for dtype: {q.dtype!r}")
    if r._value.shape[-2] > n and q._value.shape[-1] == m:
        raise NotImplementedError("QrGrad not implemented when nrows > ncols and full_matrices is true.")
    if m >= n:
        return _qr_grad_square_deep(q, r, dq, dr)
    a = op.inputs[0]
    y = a[..., :, m:]
    u = r[..., :, :m]
    dv = dr[..., :, m:]
    du = dr[..., :, :m]
    dy = M.matmul(q, dv)
    dx = _qr_grad_square_deep(q, u, dq + M.matmul(y, dv, adjoint_b=True), du)
    return A.concat([dx, dy], axis=-1)


QR = defop("Qr", _qr_np, _qr_grad, jvp_from_grad, num_outputs=2, allowed=_LINALG_TYPES)
Qr = collections.namedtuple("Qr", ["q", "r"])


def qr(input, full_matrices=False, name=None):  # noqa: A002
    """The QR decomposition input = q @ r (q orthonormal columns, r upper triangular).

    >>> q, r = tf.linalg.qr([[1.0, 2.0], [3.0, 4.0]])
    """
    x = t(input)
    if x._value.dtype not in QR._allowed_np:
        raise dtype_not_allowed(QR, x.dtype)
    return Qr(*apply(QR, (x,), {"full_matrices": bool(full_matrices)}))


# -- SVD --------------------------------------------------------------------------------------------
@_half_via_float32
def _svd_np(v, full_matrices, compute_uv):
    if not compute_uv:
        return np.linalg.svd(v, compute_uv=False).astype(v.real.dtype)
    u, s, vh = np.linalg.svd(v, full_matrices=full_matrices)
    return s.astype(v.real.dtype), u, np.conj(np.swapaxes(vh, -1, -2))


def _safe_reciprocal(x, epsilon=1e-20):
    return x * M.reciprocal(x * x + _const(x, epsilon))


def _svd_grad(op, grad_s, grad_u=None, grad_v=None):
    """TF's _SvdGrad (Giles; Townsend for the thin case)."""
    a = op.inputs[0]
    compute_uv = op.get_attr("compute_uv")
    if grad_s is None:
        grad_s = A.zeros_like(op.outputs[0])
    grad_s = M.cast(grad_s, a.dtype)
    grad_s_mat = diag(grad_s)
    if not compute_uv:
        s, u, v = svd(a, compute_uv=True)
        return M.matmul(u, M.matmul(grad_s_mat, v, adjoint_b=True))
    full_matrices = op.get_attr("full_matrices")
    s, u, v = op.outputs
    grad_u = A.zeros_like(u) if grad_u is None else grad_u
    grad_v = A.zeros_like(v) if grad_v is None else grad_v
    m, n = a._value.shape[-2], a._value.shape[-1]
    s = M.cast(s, a.dtype)
    use_adjoint = m > n
    if use_adjoint:
        m, n = n, m
        u, v = v, u
        grad_u, grad_v = grad_v, grad_u
    if full_matrices and builtins.abs(m - n) > 1:
        raise NotImplementedError("svd gradient is not implemented for abs(m - n) > 1 when "
                                  "full_matrices is True")
    s_mat = diag(s)
    s2 = M.square(s)
    f = set_diag(_safe_reciprocal(A.expand_dims(s2, -2) - A.expand_dims(s2, -1)), A.zeros_like(s))
    s_inv_mat = diag(_safe_reciprocal(s))
    v1 = v[..., :, :m]
    grad_v1 = grad_v[..., :, :m]
    u_gu = M.matmul(u, grad_u, adjoint_a=True)
    v_gv = M.matmul(v1, grad_v1, adjoint_a=True)
    f_u = f * u_gu
    f_v = f * v_gv
    term1_nouv = (grad_s_mat + M.matmul(f_u + _adj(f_u), s_mat) + M.matmul(s_mat, f_v + _adj(f_v)))
    term1 = M.matmul(u, M.matmul(term1_nouv, v1, adjoint_b=True))
    if m == n:
        grad_a = term1
    else:
        gv1t = _adj(grad_v1)
        gv1t_v1 = M.matmul(gv1t, v1)
        term2_nous = gv1t - M.matmul(gv1t_v1, v1, adjoint_b=True)
        if full_matrices:
            v2 = v[..., :, m:n]
            grad_v2 = grad_v[..., :, m:n]
            v1t_gv2 = M.matmul(v1, grad_v2, adjoint_a=True)
            term2_nous = term2_nous - M.matmul(v1t_gv2, v2, adjoint_b=True)
        u_s_inv = M.matmul(u, s_inv_mat)
        grad_a = term1 + M.matmul(u_s_inv, term2_nous)
    if a._value.dtype.kind == "c":
        l_ = _batch_eye(v_gv) * v_gv
        term3_nouv = M.matmul(s_inv_mat, _adj(l_) - l_)
        grad_a = grad_a + _const(grad_a, 0.5) * M.matmul(u, M.matmul(term3_nouv, v1, adjoint_b=True))
    return _adj(grad_a) if use_adjoint else grad_a


_SVD_OPS = {
    True: defop("Svd", _svd_np, _svd_grad, jvp_from_grad, num_outputs=3, allowed=_LINALG_TYPES),
    False: defop("Svd", _svd_np, _svd_grad, jvp_from_grad, num_outputs=1, allowed=_LINALG_TYPES),
}


def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    """Singular values s (descending) and, when `compute_uv`, u and v with tensor = u diag(s) v^H.
    Note the order (s, u, v) and that v is not transposed, as in TF.

    >>> s, u, v = tf.linalg.svd([[3.0, 0.0], [4.0, 5.0]])
    """
    x = t(tensor)
    op = _SVD_OPS[bool(compute_uv)]
    if x._value.dtype not in op._allowed_np:
        raise dtype_not_allowed(op, x.dtype)
    attrs = {"full_matrices": bool(full_matrices), "compute_uv": bool(compute_uv)}
    if not compute_uv:
        return apply(op, (x,), attrs)
    return tuple(apply(op, (x,), attrs))


# -- Hermitian eigendecomposition ------------------------------------------------------------------
@_half_via_float32
def _eigh_np(v, compute_v):
    if not compute_v:
        return np.linalg.eigvalsh(v).astype(v.real.dtype)
    e, vec = np.linalg.eigh(v)
    return e.astype(v.real.dtype), vec


def _eigh_grad(op, grad_e, grad_v=None):
    """TF's _SelfAdjointEigV2Grad; the forward reads only the lower triangle, so does the gradient."""
    a = op.inputs[0]
    e = op.outputs[0]
    grad_e = A.zeros_like(e) if grad_e is None else grad_e
    if op.get_attr("compute_v"):
        v = op.outputs[1]
        grad_v = A.zeros_like(v) if grad_v is None else grad_v
        f = set_diag(_safe_reciprocal(A.expand_dims(e, -2) - A.expand_dims(e, -1)), A.zeros_like(e))
        f = M.cast(f, a.dtype)
        mid = diag(M.cast(grad_e, a.dtype)) + f * M.matmul(v, grad_v, adjoint_a=True)
        grad_a = M.matmul(v, M.matmul(mid, v, adjoint_b=True))
    else:
        _, v = eigh(a)
        grad_a = M.matmul(v, M.matmul(diag(M.cast(grad_e, a.dtype)), v, adjoint_b=True))
    grad_a = band_part(grad_a + _adj(grad_a), -1, 0)
    return set_diag(grad_a, _const(grad_a, 0.5) * diag_part(grad_a))


_EIGH_OPS = {
    True: defop("SelfAdjointEigV2", _eigh_np, _eigh_grad, jvp_from_grad, num_outputs=2,
                allowed=_LINALG_TYPES),
    False: defop("SelfAdjointEigV2", _eigh_np, _eigh_grad, jvp_from_grad, num_outputs=1,
                 allowed=_LINALG_TYPES),
}


def eigh(tensor, name=None):
    """Eigenvalues (ascending) and eigenvectors (columns) of each self-adjoint matrix; only the
    lower triangle is read.

    >>> e, v = tf.linalg.eigh([[2.0, 1.0], [1.0, 2.0]])
    """
    x = _square_input(_EIGH_OPS[True], tensor)
    return tuple(apply(_EIGH_OPS[True], (x,), {"compute_v": True}))


def eigvalsh(tensor, name=None):
    """The eigenvalues (ascending) of each self-adjoint matrix.

    >>> tf.linalg.eigvalsh([[2.0, 1.0], [1.0, 2.0]])
    """
    x = _square_input(_EIGH_OPS[False], tensor)
    return apply(_EIGH_OPS[False], (x,), {"compute_v": False})


# -- diagonals and bands ---------------------------------------------------------------------------
def _diag_coords(m, n, k):
    """Row and column indices of diagonal k of an m x n matrix."""
    length = builtins.max(0, builtins.min(m + builtins.min(k, 0), n - builtins.max(k, 0)))
    i = np.arange(length)
    return i - builtins.min(k, 0), i + builtins.max(k, 0)


def _diag_part_np(v, k, padding_value):
    rows, cols = _diag_coords(v.shape[-2], v.shape[-1], k)
    return v[..., rows, cols]


def _matrix_diag_np(d, k, num_rows, num_cols, padding_value):
    out = np.full(d.shape[:-1] + (num_rows, num_cols), padding_value, d.dtype)
    rows, cols = _diag_coords(num_rows, num_cols, k)
    out[..., rows, cols] = d[..., :rows.size]
    return out


def _set_diag_np(v, d, k):
    out = np.array(v, copy=True)
    rows, cols = _diag_coords(v.shape[-2], v.shape[-1], k)
    out[..., rows, cols] = d
    return out


MATRIX_DIAG_PART = defop(
    "MatrixDiagPartV3", _diag_part_np,
    lambda op, g: _matrix_diag(g, op.get_attr("k"), *op.inputs[0]._value.shape[-2:]),
    lambda op, dx: apply1(MATRIX_DIAG_PART, dx, op.attrs))
MATRIX_DIAG = defop(
    "MatrixDiagV3", _matrix_diag_np,
    lambda op, g: apply1(MATRIX_DIAG_PART, g, {"k": op.get_attr("k"), "padding_value": 0}),
    lambda op, dd: _matrix_diag(dd, op.get_attr("k"), op.get_attr("num_rows"), op.get_attr("num_cols")))
MATRIX_SET_DIAG = defop(
    "MatrixSetDiagV3", _set_diag_np,
    lambda op, g: (set_diag(g, A.zeros_like(op.inputs[1]), k=op.get_attr("k")),
                   diag_part(g, k=op.get_attr("k"))),
    lambda op, dx, dd: set_diag(A.zeros_like(op.inputs[0]) if dx is None else dx,
                                A.zeros_like(op.inputs[1]) if dd is None else dd, k=op.get_attr("k")))


def _matrix_diag(d, k, num_rows, num_cols, padding_value=0):
    pv = np.asarray(padding_value, d._value.dtype)[()]
    return apply1(MATRIX_DIAG, d, {"k": k, "num_rows": int(num_rows), "num_cols": int(num_cols),
                                   "padding_value": pv})


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
    """
    d = t(diagonal)
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
    return _matrix_diag(d, k, num_rows, num_cols, padding_value)


def diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT"):  # noqa: A002
    """Diagonal k of each (batched) matrix.

    >>> tf.linalg.diag_part([[1.0, 2.0], [3.0, 4.0]])
    """
    x = t(input)
    if x._value.ndim < 2:
        raise op_error(InvalidArgumentError, "MatrixDiagPartV3",
                       f"input must be at least 2-dim, received shape: {list(x._value.shape)}")
    return apply1(MATRIX_DIAG_PART, x, {"k": _scalar_k(k, "MatrixDiagPartV3"), "padding_value": 0})


def set_diag(input, diagonal, name="set_diag", k=0, align="RIGHT_LEFT"):  # noqa: A002
    """A copy of `input` with diagonal k replaced by `diagonal`.

    >>> tf.linalg.set_diag(tf.zeros((2, 2)), [1.0, 2.0])
    """
    x = t(input)
    d = diagonal if isinstance(diagonal, Tensor) else convert_to_tensor(diagonal, dtype=x.dtype)
    x, d = pair(x, d, "MatrixSetDiagV3")
    k = _scalar_k(k, "MatrixSetDiagV3")
    rows, _ = _diag_coords(x._value.shape[-2], x._value.shape[-1], k)
    if d._value.shape != x._value.shape[:-2] + (rows.size,):
        raise op_error(InvalidArgumentError, "MatrixSetDiagV3",
                       f"diagonal.shape={list(d._value.shape)} does not match the expected shape "
                       f"{list(x._value.shape[:-2] + (rows.size,))}")
    return apply2(MATRIX_SET_DIAG, x, d, {"k": k})


def band_part(input, num_lower, num_upper, name=None):  # noqa: A002
    """Keeps num_lower subdiagonals and num_upper superdiagonals (negative: all) and zeros the rest.

    >>> tf.linalg.band_part(tf.ones((3, 3)), 0, -1)
    """
    x = t(input)
    lo, up = int(getattr(num_lower, "_value", num_lower)), int(getattr(num_upper, "_value", num_upper))
    m, n = x._value.shape[-2:]
    if lo > m or up > n:
        raise op_error(InvalidArgumentError, "MatrixBandPart",
                       f"num_lower must be negative or less or equal to number of rows ({m}) got: {lo}"
                       if lo > m else
                       f"num_upper must be negative or less or equal to number of columns ({n}) got: {up}")
    mask = wrap(np.broadcast_to(_band_mask(m, n, lo, up), x._value.shape))
    return A.where(mask, x, A.zeros_like(x))


def trace(x, name=None):
    """The sum of the main diagonal of each (batched) matrix.

    >>> tf.linalg.trace([[1.0, 2.0], [3.0, 4.0]])
    """
    return M.reduce_sum(diag_part(x), axis=-1)


def adjoint(matrix, name=None):
    """The conjugate transpose of the last two dimensions.

    >>> tf.linalg.adjoint([[1.0, 2.0], [3.0, 4.0]])
    """
    x = t(matrix)
    return A.matrix_transpose(x, conjugate=x._value.dtype.kind == "c")


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False, name=None):
    """The (batched) matrix-vector product a @ b.

    >>> tf.linalg.matvec([[1.0, 2.0], [3.0, 4.0]], [1.0, 1.0])
    """
    a, b = pair(a, b, "MatMul")
    out = M.matmul(a, A.expand_dims(b, -1), transpose_a=transpose_a, adjoint_a=adjoint_a)
    return A.squeeze(out, axis=-1)


def cross(a, b, name=None):
    """The cross product of 3-vectors along the last dimension.

    >>> tf.linalg.cross([1.0, 0.0, 0.0], [0.0, 1.0, 0.0])
    """
    a, b = pair(a, b, "Cross")
    if a._value.shape != b._value.shape or not a._value.shape or a._value.shape[-1] != 3:
        raise op_error(InvalidArgumentError, "Cross",
                       "a and b must be the same shape with a last dimension of 3: "
                       f"{list(a._value.shape)} vs. {list(b._value.shape)}")
    return apply2(CROSS, a, b)


CROSS = defop("Cross", lambda a, b: np.cross(a, b),
              lambda op, g: (cross(op.inputs[1], g), cross(g, op.inputs[0])),
              lambda op, da, db: PM._sum_tangents(None if da is None else cross(da, op.inputs[1]),
                                                 None if db is None else cross(op.inputs[0], db)),
              allowed=NUMERIC)


# -- least squares, pseudo-inverse -----------------------------------------------------------------
def lstsq(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    """The (l2-regularized) least-squares solution of matrix @ X = rhs, by the normal equations
    (TF's fast path): (A^H A + lambda I) X = A^H rhs, or the minimum-norm solution when A is wide.

    >>> tf.linalg.lstsq([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]], [[1.0], [2.0], [2.0]])
    """
    a, b = pair(matrix, rhs, "MatrixSolveLs")
    m, n = a._value.shape[-2:]
    lam = _const(a, float(getattr(l2_regularizer, "_value", l2_regularizer)))
    if m >= n:
        gram = M.matmul(a, a, adjoint_a=True)
        if float(np.asarray(lam._value)) != 0:
            gram = gram + lam * _batch_eye(gram)
        return cholesky_solve(cholesky(gram), M.matmul(a, b, adjoint_a=True))
    gram = M.matmul(a, a, adjoint_b=True)
    if float(np.asarray(lam._value)) != 0:
        gram = gram + lam * _batch_eye(gram)
    return M.matmul(a, cholesky_solve(cholesky(gram), b), adjoint_a=True)


def pinv(a, rcond=None, validate_args=False, name=None):
    """The Moore-Penrose pseudo-inverse via the SVD, dropping singular values below
    rcond * max(s) (default rcond: 10 * max(m, n) * eps).

    >>> tf.linalg.pinv([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    """
    a = t(a)
    m, n = a._value.shape[-2:]
    if rcond is None:
        rcond = 10.0 * builtins.max(m, n) * np.finfo(a._value.real.dtype).eps
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


def expm(input, name=None):  # noqa: A002
    """The matrix exponential of each (batched) square matrix.

    >>> tf.linalg.expm([[0.0, 1.0], [-1.0, 0.0]])
    """
    x = t(input)
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
def _einsum_np(*arrays, equation):
    return np.einsum(equation, *arrays)


def _einsum_grad(op, g):
    eq = op.get_attr("equation")
    in_subs, out_subs = eq.split("->")
    subs = in_subs.split(",")
    used = set(eq) - set(",->")
    fresh = iter(c for c in string.ascii_letters if c not in used)
    grads = []
    for k, sk in enumerate(subs):
        x = op.inputs[k]
        others = [(s, op.inputs[j]) for j, s in enumerate(subs) if j != k]
        uniq = "".join(dict.fromkeys(sk))
        available = set(out_subs).union(*[set(s) for s, _ in others]) if others else set(out_subs)
        kept = "".join(c for c in uniq if c in available)
        missing = "".join(c for c in uniq if c not in available)
        gk = einsum(",".join([out_subs] + [s for s, _ in others]) + "->" + kept,
                    g, *[o for _, o in others])
        if missing:  # labels summed away in the forward: broadcast back over them
            sizes = {c: x._value.shape[sk.index(c)] for c in uniq}
            gk = A.reshape(gk, gk._value.shape + (1,) * len(missing))
            gk = A.broadcast_to(gk, [sizes[c] for c in kept + missing])
            order = kept + missing
            gk = A.transpose(gk, [order.index(c) for c in uniq])
        if len(uniq) != len(sk):  # repeated labels (diagonals): embed with identity matrices
            target, eyes, eye_subs = "", [], []
            seen = set()
            for pos, c in enumerate(sk):
                if c in seen:
                    f = next(fresh)
                    target += f
                    eye_subs.append(c + f)
                    eyes.append(wrap(np.eye(x._value.shape[pos], dtype=x._value.dtype)))
                else:
                    seen.add(c)
                    target += c
            gk = einsum(",".join([uniq] + eye_subs) + "->" + target, gk, *eyes)
        grads.append(gk)
    return tuple(grads)


def _einsum_jvp(op, *tangents):
    eq = op.get_attr("equation")
    out = None
    for k, dx in enumerate(tangents):
        if dx is None:
            continue
        args = list(op.inputs)
        args[k] = dx
        term = apply(EINSUM, tuple(args), {"equation": eq})
        out = term if out is None else out + term
    return out


EINSUM = defop("Einsum", _einsum_np, _einsum_grad, _einsum_jvp)


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
            from ..framework.errors import dtype_mismatch
            raise dtype_mismatch("Einsum", i, xs[0].dtype, x.dtype)
    eq, targets = _parse_einsum(equation, [x._value.shape for x in xs])
    xs = [x if tg is None else A.broadcast_to(x, tg) for x, tg in zip(xs, targets)]
    return apply(EINSUM, tuple(xs), {"equation": eq})


# -- norms -----------------------------------------------------------------------------------------
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):  # noqa: A002
    """Vector norms (ord 'euclidean', 1, 2, inf or any p > 0) over `axis`, or matrix norms
    ('fro', 1, 2, inf) over a pair of axes.

    >>> tf.norm([3.0, 4.0])
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
    x = t(tensor)
    if ord in ("fro", "euclidean", 2, 2.0):
        if is_matrix and ord in (2, 2.0):
            nd = x._value.ndim
            pos = [a % nd for a in axis]
            perm_before = [i for i in builtins.range(nd) if i not in pos] + pos
            permed = A.transpose(x, perm_before)
            top = M.reduce_max(M.abs(svd(permed, compute_uv=False)), axis=-1, keepdims=True)
            result = A.transpose(A.expand_dims(top, -1), list(np.argsort(perm_before)))
        else:
            sq = x * M.conj(x)
            result = M.sqrt(M.reduce_sum(M.real(sq) if x._value.dtype.kind == "c" else sq, axis,
                                         keepdims=True))
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


def normalize(tensor, ord="euclidean", axis=None, name=None):  # noqa: A002
    """(tensor / norm, norm), the norm kept with reduced dimensions of size 1.

    >>> tf.linalg.normalize([3.0, 4.0])
    """
    x = t(tensor)
    n = norm(x, ord=ord, axis=axis, keepdims=True)
    return x / n, n
