"""Linear-algebra primitives: inverse, determinants, solves, decompositions (Cholesky, QR, SVD,
self-adjoint eigendecomposition), diagonal and band ops, einsum and the cross product. Each
primitive is one complete record; its unchecked binder follows it.

Every forward is batched over leading dimensions by NumPy, so vmap's rules move the batch axis
in front (or, for ops whose batch dimensions broadcast, align it) and run the op once.
Gradients follow the matrix-calculus rules of TF's linalg_grad.py (Giles 2008), written with
primitive-layer binders so they differentiate again; the decompositions get their JVPs from
their gradient rules (`_linearize.jvp_from_grad`). Gradients of complex inputs are conjugated as
TF's are.

    >>> from tapeflow.prims import linalg as PL
    >>> PL.inverse(tf.constant([[2.0, 0.0], [0.0, 4.0]]))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[0.5 , 0.  ],
           [0.  , 0.25]], dtype=float32)>
"""
import string

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, op_error
from ..framework.op import ANY, apply, apply1, apply2, defop
from ..framework.tensor import wrap
from . import array as PA
from . import base as P
from . import math as PM
from ._common import (
    COMPLEX,
    FLOAT,
    REAL,
    aval,
    broadcast,
    broadcast_shapes,
    bshape,
    real_dtype,
    same,
    scalar_like,
)
from ._linearize import jvp_from_grad
from .base import elementwise, leading, move_to_front
from .math import conj_if_complex

# The dtypes TF has CPU kernels for. TF's op definitions also take half (and bfloat16), but only
# MatrixInverse and Qr have half kernels: `no_kernel` is TF's NotFoundError for the others.
LINALG = (D.float32, D.float64) + COMPLEX
LINALG_HALF = LINALG + (D.float16,)
_none = slice(None)


def no_kernel(op, dtype):
    """TF's NotFoundError for a dtype the op's definition takes but no CPU kernel implements."""
    from ..framework.errors import NotFoundError
    kernels = "".join(f"\n  device='CPU'; T in [DT_{D.from_numpy(d)._cname.upper()}]"
                      for d in sorted(op._allowed_np, key=str, reverse=True))
    name = D.from_numpy(dtype)._cname.upper()
    return op_error(NotFoundError, op.name,
                    f"Could not find device for node: {{{{node {op.name}}}}} = {op.name}[T=DT_{name}]"
                    f"\nAll kernels registered for op {op.name}:{kernels}\n")


# ============================================================================================
# Helpers for rules (binders only)
# ============================================================================================
def matrix_transpose(x):
    nd = x._value.ndim
    return P.transpose(x, tuple(range(nd - 2)) + (nd - 1, nd - 2))


def adjoint(x):
    """The conjugate transpose of the last two axes."""
    return matrix_transpose(conj_if_complex(x))


def mm(a, b, adjoint_a=False, adjoint_b=False):
    """a @ b with either factor's adjoint (batched, broadcasting)."""
    if adjoint_a:
        a = conj_if_complex(a)
    if adjoint_b:
        b = conj_if_complex(b)
    return PM.matmul(a, b, adjoint_a, adjoint_b)


def eye_like(x):
    """Identity matrices shaped like the (batched, square) x (a constant)."""
    v = x._value
    return wrap(np.broadcast_to(np.eye(v.shape[-1], dtype=v.dtype), v.shape).copy())


def trace(x):
    return P.reduce_sum(diag_part(x), (x._value.ndim - 2,))


def _sum(a, b):
    if a is None:
        return b
    return a if b is None else P.add(a, b)


def _last_cols(x, start, stop=None):
    """x[..., :, start:stop]."""
    return PA.strided_slice(x, (Ellipsis, _none, slice(start, stop)))


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


def _batch_dims(a):
    return a.shape[:-2]


def _solve_shape(a, b, **attrs):
    return aval(broadcast_shapes(_batch_dims(a), _batch_dims(b)) + tuple(b.shape[-2:]), b.dtype)


# ============================================================================================
# Inverse and determinants
# ============================================================================================
@_half_via_float32
def _inv_np(v):
    try:
        return np.linalg.inv(v)
    except np.linalg.LinAlgError:
        raise op_error(InvalidArgumentError, "MatrixInverse", "Input is not invertible.") from None


MATRIX_INVERSE = defop(
    "MatrixInverse", _inv_np,
    # d(A^-1) = -A^-1 dA A^-1, so A-bar = -A^-H g A^-H
    lambda op, g: PM.neg(mm(op.outputs[0], mm(g, op.outputs[0], adjoint_b=True), adjoint_a=True)),
    lambda op, dx: PM.neg(mm(op.outputs[0], mm(dx, op.outputs[0]))),
    allowed=LINALG_HALF, shape=same, batch=leading, batched_grad=True)


def inverse(x):
    return apply1(MATRIX_INVERSE, x)


def _det_grad(op, g):  # d det / dA = det * A^-T; TF's rule: g * det * A^-H
    a, d = op.inputs[0], op.outputs[0]
    scale = P.reshape(PM.mul(g, d), g._value.shape + (1, 1))
    return PM.mul(scale, adjoint(inverse(a)))


MATRIX_DETERMINANT = defop(
    "MatrixDeterminant", lambda v: _quiet(np.linalg.det, v),
    _det_grad,
    lambda op, dx: PM.mul(op.outputs[0], trace(mm(inverse(op.inputs[0]), dx))),  # det tr(A^-1 dA)
    allowed=LINALG, shape=lambda a: aval(_batch_dims(a), a.dtype), batch=leading,
    batched_grad=True)


def determinant(x):
    return apply1(MATRIX_DETERMINANT, x)


def _quiet(fn, v):
    """fn(v) in v's dtype, without NumPy's warnings for non-finite values (TF computes silently)."""
    with np.errstate(all="ignore"):
        return np.asarray(fn(v), v.dtype)[()]


def _slogdet_np(v):
    with np.errstate(all="ignore"):
        sign, logabs = np.linalg.slogdet(v)  # both of the input's dtype, as TF (complex: imaginary 0)
    return np.asarray(sign, v.dtype)[()], np.asarray(logabs, v.dtype)[()]


def _slogdet_grad(op, g_sign, g_log):
    """TF's rule: g * A^-H; the sign's cotangent is ignored, a missing one of the log is zeros
    (as TF fills it), so the inverse is computed (and fails for a singular matrix) either way."""
    a = op.inputs[0]
    if g_log is None:
        g_log = P.zeros_like(op.outputs[1])
    scale = P.reshape(PM.cast(g_log, a._value.dtype), g_log._value.shape + (1, 1))
    return PM.mul(scale, adjoint(inverse(a)))


def _slogdet_jvp(op, dx):  # d log|det| = Re tr(A^-1 dA)
    t = trace(mm(inverse(op.inputs[0]), dx))
    if t._value.dtype.kind == "c":
        t = PM.complex_(PM.real(t), P.zeros_like(PM.real(t)))
    return None, t


LOG_MATRIX_DETERMINANT = defop(
    "LogMatrixDeterminant", _slogdet_np, _slogdet_grad, _slogdet_jvp, num_outputs=2,
    allowed=LINALG, batch=leading, batched_grad=True,
    shape=lambda a: (aval(_batch_dims(a), a.dtype), aval(_batch_dims(a), a.dtype)))


def log_determinant(x):
    """(sign, log |det|)."""
    return apply(LOG_MATRIX_DETERMINANT, (x,))


# ============================================================================================
# Solves
# ============================================================================================
def _solve_np(a, b, adjoint):
    if adjoint:
        a = np.conj(np.swapaxes(a, -1, -2))
    try:
        return np.linalg.solve(a, b)
    except np.linalg.LinAlgError:
        raise op_error(InvalidArgumentError, "MatrixSolve", "Input matrix is not invertible.") from None


def _solve_grads(op, g, solve_adjoint):
    """(A-bar, B-bar) of C = op(A)^-1 B: B-bar = op(A)^-H g, A-bar = -B-bar C^H (or its adjoint)."""
    c = op.outputs[0]
    adj = op.attrs["adjoint"]
    grad_b = solve_adjoint(g)
    grad_a = PM.neg(mm(c, grad_b, adjoint_b=True) if adj else mm(grad_b, c, adjoint_b=True))
    return grad_a, grad_b


def _solve_jvp_rhs(op, da, db, tri=None):
    """db - op(dA) C: the right-hand side of the tangent's solve (dA's triangle for `tri`)."""
    c = op.outputs[0]
    rhs = P.zeros_like(c) if db is None else db
    if da is not None:
        if tri is not None:
            da = tri(da)
        rhs = PM.sub(rhs, mm(da, c, adjoint_a=True) if op.attrs["adjoint"] else mm(da, c))
    return rhs


MATRIX_SOLVE = defop(
    "MatrixSolve", _solve_np,
    lambda op, g: _solve_grads(op, g, lambda t: solve(op.inputs[0], t, not op.attrs["adjoint"])),
    lambda op, da, db: solve(op.inputs[0], _solve_jvp_rhs(op, da, db), op.attrs["adjoint"]),
    allowed=LINALG, shape=_solve_shape, batch=elementwise, batched_grad=True)


def solve(a, b, adjoint=False):
    """X with op(a) X = b (op: identity or adjoint); batch dimensions broadcast."""
    return apply2(MATRIX_SOLVE, a, b, {"adjoint": bool(adjoint)})


def _band_mask(m, n, num_lower, num_upper):
    i = np.arange(m)[:, None]
    j = np.arange(n)[None, :]
    return ((num_lower < 0) | (i - j <= num_lower)) & ((num_upper < 0) | (j - i <= num_upper))


def _triangular_np(a, b, lower, adjoint):
    """Forward or back substitution, as TF's kernel (no pivoting): a zero pivot gives inf or nan
    by plain arithmetic instead of an error, and non-finite values propagate row by row."""
    n = a.shape[-1]
    mask = _band_mask(n, n, -1, 0) if lower else _band_mask(n, n, 0, -1)
    tri = np.where(mask, a, np.zeros((), a.dtype))
    if adjoint:
        tri = np.conj(np.swapaxes(tri, -1, -2))
    forward = lower != adjoint  # the effective matrix is lower triangular
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    tri = np.broadcast_to(tri, batch + (n, n))
    b = np.broadcast_to(b, batch + b.shape[-2:])
    x = np.zeros(b.shape, np.result_type(a, b))
    with np.errstate(all="ignore"):
        for i in range(n) if forward else range(n - 1, -1, -1):
            done = slice(0, i) if forward else slice(i + 1, n)
            s = np.matmul(tri[..., i:i + 1, done], x[..., done, :])[..., 0, :]
            x[..., i, :] = (b[..., i, :] - s) / tri[..., i, i:i + 1]
    return x


def _triangle(op):
    lower = op.attrs["lower"]
    return lambda x: band_part(x, -1, 0) if lower else band_part(x, 0, -1)


def _triangular_grad(op, g):
    a = op.inputs[0]
    lower, adj = op.attrs["lower"], op.attrs["adjoint"]
    grad_a, grad_b = _solve_grads(op, g, lambda t: triangular_solve(a, t, lower, not adj))
    return _triangle(op)(grad_a), grad_b


MATRIX_TRIANGULAR_SOLVE = defop(
    "MatrixTriangularSolve", _triangular_np, _triangular_grad,
    lambda op, da, db: triangular_solve(op.inputs[0], _solve_jvp_rhs(op, da, db, _triangle(op)),
                                        op.attrs["lower"], op.attrs["adjoint"]),
    allowed=LINALG, shape=_solve_shape, batch=elementwise, batched_grad=True)


def triangular_solve(a, b, lower=True, adjoint=False):
    """X with T X = b (or T^H X = b) for the lower (or upper) triangle T of a."""
    return apply2(MATRIX_TRIANGULAR_SOLVE, a, b, {"lower": bool(lower), "adjoint": bool(adjoint)})


# ============================================================================================
# Cholesky
# ============================================================================================
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
    """A-bar = sym(L^-H Phi(L^H g) L^-1), Phi = lower triangle with half the diagonal (TF)."""
    chol = op.outputs[0]
    l_inv = triangular_solve(chol, eye_like(chol))
    middle = mm(chol, g, adjoint_a=True)
    middle = set_diag(middle, PM.mul(scalar_like(middle, 0.5), diag_part(middle)))
    middle = band_part(middle, -1, 0)
    grad_a = mm(mm(l_inv, middle, adjoint_a=True), l_inv)
    grad_a = P.add(grad_a, adjoint(grad_a))
    return PM.mul(grad_a, scalar_like(grad_a, 0.5))


CHOLESKY = defop("Cholesky", _cholesky_np, _cholesky_grad, jvp_from_grad, allowed=LINALG,
                 shape=same, batch=leading, batched_grad=True)


def cholesky(x):
    return apply1(CHOLESKY, x)


# ============================================================================================
# QR
# ============================================================================================
@_half_via_float32
def _qr_np(v, full_matrices):
    q, r = np.linalg.qr(v, mode="complete" if full_matrices else "reduced")
    return q, r


def _qr_shape(a, full_matrices):
    m, n = a.shape[-2:]
    k = m if full_matrices else (None if m is None or n is None else min(m, n))
    return aval(_batch_dims(a) + (m, k), a.dtype), aval(_batch_dims(a) + (k, n), a.dtype)


def _right_triangular_solve(x, r):
    """x @ inv(r)^H for upper-triangular r."""
    return adjoint(triangular_solve(r, adjoint(x), lower=False, adjoint=False))


def _qr_grad_square_deep(q, r, dq, dr):
    qdq = mm(q, dq, adjoint_a=True)
    qdq_ = PM.sub(qdq, adjoint(qdq))
    rdr = mm(r, dr, adjoint_b=True)
    rdr_ = PM.sub(rdr, adjoint(rdr))
    tril = band_part(P.add(qdq_, rdr_), -1, 0)
    grad_a = mm(q, P.add(dr, _right_triangular_solve(tril, r)))
    grad_b = _right_triangular_solve(PM.sub(dq, mm(q, qdq)), r)
    out = P.add(grad_a, grad_b)
    if q._value.dtype.kind == "c":  # the phase freedom of complex QR: an imaginary diagonal term
        d = diag_part(PM.sub(rdr, adjoint(qdq)))
        phase = matrix_diag(PM.sub(d, PM.cast(PM.real(d), d._value.dtype)))
        out = P.add(out, _right_triangular_solve(mm(q, adjoint(phase)), r))
    return out


def _qr_grad(op, dq, dr):
    """TF's QrGrad (square and tall matrices; wide ones by splitting off the square part; complex
    ones with the phase correction)."""
    q, r = op.outputs
    dq = P.zeros_like(q) if dq is None else dq
    dr = P.zeros_like(r) if dr is None else dr
    m, n = q._value.shape[-2], r._value.shape[-1]
    if r._value.shape[-2] > n and q._value.shape[-1] == m:
        raise NotImplementedError("QrGrad not implemented when nrows > ncols and full_matrices is true.")
    if m >= n:
        return _qr_grad_square_deep(q, r, dq, dr)
    a = op.inputs[0]
    y = _last_cols(a, m)
    u = _last_cols(r, 0, m)
    dv = _last_cols(dr, m)
    du = _last_cols(dr, 0, m)
    dy = mm(q, dv)
    dx = _qr_grad_square_deep(q, u, P.add(dq, mm(y, dv, adjoint_b=True)), du)
    return P.concat([dx, dy], dx._value.ndim - 1)


QR = defop("Qr", _qr_np, _qr_grad, jvp_from_grad, num_outputs=2, allowed=LINALG_HALF,
           shape=_qr_shape, batch=leading, batched_grad=True)


def qr(x, full_matrices=False):
    """(q, r)."""
    return apply(QR, (x,), {"full_matrices": bool(full_matrices)})


# ============================================================================================
# SVD: (s,) or (s, u, v) by `compute_uv`, with a = u diag(s) v^H (v not transposed, as TF)
# ============================================================================================
def _svd_np(v, full_matrices, compute_uv):
    """As TF, a matrix with a non-finite entry has NaN singular values and vectors (LAPACK
    would fail to converge or return arbitrary vectors)."""
    finite = np.isfinite(v).all(axis=(-2, -1))
    bad = not finite.all()
    if bad:
        v = np.where(finite[..., None, None], v, np.zeros((), v.dtype))
    real = v.real.dtype
    if not compute_uv:
        s = np.linalg.svd(v, compute_uv=False).astype(real)
        return (np.where(finite[..., None], s, np.nan).astype(real),) if bad else (s,)
    u, s, vh = np.linalg.svd(v, full_matrices=full_matrices)
    s, vm = s.astype(real), np.conj(np.swapaxes(vh, -1, -2))
    if bad:
        nan = np.asarray(np.nan, v.dtype)
        s = np.where(finite[..., None], s, np.nan).astype(real)
        u = np.where(finite[..., None, None], u, nan)
        vm = np.where(finite[..., None, None], vm, nan)
    return s, u, vm


def _svd_shape(a, full_matrices, compute_uv):
    m, n = a.shape[-2:]
    k = None if m is None or n is None else min(m, n)
    s = aval(_batch_dims(a) + (k,), real_dtype(a.dtype))
    if not compute_uv:
        return (s,)
    cu, cv = (m, n) if full_matrices else (k, k)
    return s, aval(_batch_dims(a) + (m, cu), a.dtype), aval(_batch_dims(a) + (n, cv), a.dtype)


def _safe_reciprocal(x, epsilon=1e-20):
    return PM.mul(x, PM.reciprocal(P.add(PM.mul(x, x), scalar_like(x, epsilon))))


def _pairwise_differences(e):
    """f[i, j] = 1 / (e_j - e_i) off the diagonal, 0 on it (safe where they coincide)."""
    shape = e._value.shape
    rows = P.reshape(e, shape[:-1] + (1, shape[-1]))
    cols = P.reshape(e, shape[:-1] + (shape[-1], 1))
    return set_diag(_safe_reciprocal(PM.sub(rows, cols)), P.zeros_like(e))


def _svd_grad(op, grad_s, grad_u=None, grad_v=None):
    """TF's _SvdGrad (Giles; Townsend for the thin case)."""
    a = op.inputs[0]
    dtype = a._value.dtype
    if grad_s is None:
        grad_s = P.zeros_like(op.outputs[0])
    grad_s = PM.cast(grad_s, dtype)
    grad_s_mat = matrix_diag(grad_s)
    if not op.attrs["compute_uv"]:
        _, u, v = svd(a, compute_uv=True)
        return mm(u, mm(grad_s_mat, v, adjoint_b=True))
    full_matrices = op.attrs["full_matrices"]
    s, u, v = op.outputs
    grad_u = P.zeros_like(u) if grad_u is None else grad_u
    grad_v = P.zeros_like(v) if grad_v is None else grad_v
    m, n = a._value.shape[-2], a._value.shape[-1]
    s = PM.cast(s, dtype)
    use_adjoint = m > n
    if use_adjoint:
        m, n = n, m
        u, v = v, u
        grad_u, grad_v = grad_v, grad_u
    if full_matrices and abs(m - n) > 1:
        raise NotImplementedError("svd gradient is not implemented for abs(m - n) > 1 when "
                                  "full_matrices is True")
    s_mat = matrix_diag(s)
    f = _pairwise_differences(PM.square(s))
    s_inv_mat = matrix_diag(_safe_reciprocal(s))
    v1 = _last_cols(v, 0, m)
    grad_v1 = _last_cols(grad_v, 0, m)
    u_gu = mm(u, grad_u, adjoint_a=True)
    v_gv = mm(v1, grad_v1, adjoint_a=True)
    f_u = PM.mul(f, u_gu)
    f_v = PM.mul(f, v_gv)
    term1_nouv = P.add(P.add(grad_s_mat, mm(P.add(f_u, adjoint(f_u)), s_mat)),
                       mm(s_mat, P.add(f_v, adjoint(f_v))))
    term1 = mm(u, mm(term1_nouv, v1, adjoint_b=True))
    if m == n:
        grad_a = term1
    else:
        gv1t = adjoint(grad_v1)
        term2_nous = PM.sub(gv1t, mm(mm(gv1t, v1), v1, adjoint_b=True))
        if full_matrices:
            v2 = _last_cols(v, m, n)
            grad_v2 = _last_cols(grad_v, m, n)
            term2_nous = PM.sub(term2_nous, mm(mm(v1, grad_v2, adjoint_a=True), v2, adjoint_b=True))
        grad_a = P.add(term1, mm(mm(u, s_inv_mat), term2_nous))
    if dtype.kind == "c":
        l_ = PM.mul(eye_like(v_gv), v_gv)
        term3_nouv = mm(s_inv_mat, PM.sub(adjoint(l_), l_))
        grad_a = P.add(grad_a, PM.mul(scalar_like(grad_a, 0.5),
                                      mm(u, mm(term3_nouv, v1, adjoint_b=True))))
    return adjoint(grad_a) if use_adjoint else grad_a


SVD = defop("Svd", _svd_np, _svd_grad, jvp_from_grad,
            num_outputs=lambda attrs: 3 if attrs["compute_uv"] else 1, allowed=LINALG,
            shape=_svd_shape, batch=leading, batched_grad=True)


def svd(x, full_matrices=False, compute_uv=True):
    """(s, u, v), or (s,) without `compute_uv`."""
    return apply(SVD, (x,), {"full_matrices": bool(full_matrices), "compute_uv": bool(compute_uv)})


# ============================================================================================
# Self-adjoint eigendecomposition: (e,) or (e, v) by `compute_v`; only the lower triangle is read
# ============================================================================================
def _eigh_np(v, compute_v):
    lower = np.tril(v)  # the triangle TF reads; NaN there, or an infinite off-diagonal, fails
    if np.isnan(lower).any() or np.isinf(np.tril(v, -1)).any():
        raise op_error(InvalidArgumentError, "SelfAdjointEigV2",
                       "Self-adjoint eigen decomposition was not successful. The input might "
                       "not be valid.")
    if not compute_v:  # the eigenvalues have the input's dtype, as TF (complex: imaginary 0)
        return (np.linalg.eigvalsh(v).astype(v.dtype),)
    e, vec = np.linalg.eigh(v)
    return e.astype(v.dtype), vec


def _eigh_shape(a, compute_v):
    e = aval(a.shape[:-1], a.dtype)
    return (e, aval(a.shape, a.dtype)) if compute_v else (e,)


def _eigh_grad(op, grad_e, grad_v=None):
    """TF's _SelfAdjointEigV2Grad; the forward reads only the lower triangle, so does the gradient."""
    a = op.inputs[0]
    dtype = a._value.dtype
    e = op.outputs[0]
    grad_e = P.zeros_like(e) if grad_e is None else grad_e
    if op.attrs["compute_v"]:
        v = op.outputs[1]
        grad_v = P.zeros_like(v) if grad_v is None else grad_v
        f = PM.cast(_pairwise_differences(e), dtype)
        mid = P.add(matrix_diag(PM.cast(grad_e, dtype)), PM.mul(f, mm(v, grad_v, adjoint_a=True)))
        grad_a = mm(v, mm(mid, v, adjoint_b=True))
    else:
        _, v = eigh(a)
        grad_a = mm(v, mm(matrix_diag(PM.cast(grad_e, dtype)), v, adjoint_b=True))
    grad_a = band_part(P.add(grad_a, adjoint(grad_a)), -1, 0)
    return set_diag(grad_a, PM.mul(scalar_like(grad_a, 0.5), diag_part(grad_a)))


SELF_ADJOINT_EIG = defop("SelfAdjointEigV2", _eigh_np, _eigh_grad, jvp_from_grad,
                         num_outputs=lambda attrs: 2 if attrs["compute_v"] else 1,
                         allowed=LINALG, shape=_eigh_shape, batch=leading, batched_grad=True)


def eigh(x):
    """(e, v)."""
    return apply(SELF_ADJOINT_EIG, (x,), {"compute_v": True})


def eigvalsh(x):
    return apply(SELF_ADJOINT_EIG, (x,), {"compute_v": False})[0]


# ============================================================================================
# Diagonals and bands (one diagonal k; the band keeps num_lower / num_upper off-diagonals,
# all of them when negative)
# ============================================================================================
def diag_coords(m, n, k):
    """Row and column indices of diagonal k of an m x n matrix."""
    length = max(0, min(m + min(k, 0), n - max(k, 0)))
    i = np.arange(length)
    return i - min(k, 0), i + max(k, 0)


def _diag_length(m, n, k):
    if m is None or n is None:
        return None
    return max(0, min(m + min(k, 0), n - max(k, 0)))


def _diag_part_np(v, k, padding_value):
    rows, cols = diag_coords(v.shape[-2], v.shape[-1], k)
    return v[..., rows, cols]


def _matrix_diag_np(d, k, num_rows, num_cols, padding_value):
    out = np.full(d.shape[:-1] + (num_rows, num_cols), padding_value, d.dtype)
    rows, cols = diag_coords(num_rows, num_cols, k)
    out[..., rows, cols] = d[..., :rows.size]
    return out


def _set_diag_np(v, d, k):
    out = np.array(v, copy=True)
    rows, cols = diag_coords(v.shape[-2], v.shape[-1], k)
    out[..., rows, cols] = d
    return out


MATRIX_DIAG_PART = defop(
    "MatrixDiagPartV3", _diag_part_np,
    lambda op, g: matrix_diag(g, op.attrs["k"], *op.inputs[0]._value.shape[-2:]),
    linear=True, allowed=ANY,
    shape=lambda a, k, padding_value: aval(a.shape[:-2] + (_diag_length(*a.shape[-2:], k),),
                                           a.dtype),
    batch=leading, batched_grad=True)


def diag_part(x, k=0):
    """Diagonal k of each (batched) matrix."""
    return apply1(MATRIX_DIAG_PART, x, {"k": k, "padding_value": 0})


# Affine in the diagonal when padding_value != 0: the tangent pads with zeros.
MATRIX_DIAG = defop(
    "MatrixDiagV3", _matrix_diag_np,
    lambda op, g: diag_part(g, op.attrs["k"]),
    lambda op, dd: matrix_diag(dd, op.attrs["k"], op.attrs["num_rows"], op.attrs["num_cols"]),
    allowed=ANY, batch=leading, batched_grad=True,
    shape=lambda d, k, num_rows, num_cols, padding_value: aval(d.shape[:-1] + (num_rows, num_cols),
                                                               d.dtype))


def matrix_diag(d, k=0, num_rows=None, num_cols=None, padding_value=0):
    """Matrices with `d` on diagonal k (square and just large enough when the sizes are None)."""
    n = d._value.shape[-1]
    if num_rows is None:
        num_rows = n + max(-k, 0)
    if num_cols is None:
        num_cols = n + max(k, 0)
    pv = np.asarray(padding_value, d._value.dtype)[()]
    return apply1(MATRIX_DIAG, d, {"k": k, "num_rows": int(num_rows), "num_cols": int(num_cols),
                                   "padding_value": pv})


MATRIX_SET_DIAG = defop(
    "MatrixSetDiagV3", _set_diag_np,
    lambda op, g: (set_diag(g, P.zeros_like(op.inputs[1]), op.attrs["k"]),
                   diag_part(g, op.attrs["k"])),
    linear=True, allowed=ANY, shape=same, batch=leading, batched_grad=True)


def set_diag(x, d, k=0):
    """x with diagonal k replaced by d."""
    return apply2(MATRIX_SET_DIAG, x, d, {"k": k})


def _band_part_np(v, num_lower, num_upper):
    mask = _band_mask(v.shape[-2], v.shape[-1], num_lower, num_upper)
    return np.where(mask, v, np.zeros((), v.dtype))


MATRIX_BAND_PART = defop(
    "MatrixBandPart", _band_part_np,
    lambda op, g: band_part(g, op.attrs["num_lower"], op.attrs["num_upper"]),
    linear=True, allowed=ANY, shape=same, batch=leading, batched_grad=True)


def band_part(x, num_lower, num_upper):
    return apply1(MATRIX_BAND_PART, x, {"num_lower": int(num_lower), "num_upper": int(num_upper)})


# ============================================================================================
# Einsum (an explicit equation without '...'; every label has one size) and Cross
# ============================================================================================
def _einsum_np(*arrays, equation):
    large = len(arrays) > 1 and sum(a.size for a in arrays) > 4096
    return np.asarray(np.einsum(equation, *arrays, optimize=large))[()]


def _einsum_shape(*avals, equation):
    lhs, out = equation.split("->")
    sizes = {}
    for subs, a in zip(lhs.split(","), avals):
        for c, d in zip(subs, a.shape):
            if sizes.get(c) is None:
                sizes[c] = d
    return aval(tuple(sizes.get(c) for c in out), avals[0].dtype)


def _einsum_batch(op, args, dims, attrs):
    """A new label for the batch axis, on the batched operands and the output."""
    eq = attrs["equation"]
    lhs, out = eq.split("->")
    label = next(c for c in string.ascii_letters if c not in eq)
    subs, xs = [], []
    for s, x, d in zip(lhs.split(","), args, dims):
        subs.append(s if d is None else label + s)
        xs.append(x if d is None else move_to_front(x, d))
    return apply(op, xs, {"equation": ",".join(subs) + "->" + label + out}), 0


def _einsum_grad(op, g):
    """Each operand's gradient is the einsum of g with the other operands (conjugated, as TF),
    broadcast back over labels summed away and embedded along repeated labels (diagonals)."""
    eq = op.attrs["equation"]
    in_subs, out_subs = eq.split("->")
    subs = in_subs.split(",")
    fresh = iter(c for c in string.ascii_letters if c not in eq)
    batch = "".join(next(fresh) for _ in bshape(op, g))  # labels for batched cotangents
    nb = len(batch)
    grads = []
    for k, sk in enumerate(subs):
        x = op.inputs[k]
        needs = op.needs_input_grad
        if needs is not None and not needs[k]:
            grads.append(None)
            continue
        others = [(s, conj_if_complex(op.inputs[j])) for j, s in enumerate(subs) if j != k]
        uniq = "".join(dict.fromkeys(sk))
        available = set(out_subs).union(*[set(s) for s, _ in others])
        kept = "".join(c for c in uniq if c in available)
        missing = "".join(c for c in uniq if c not in available)
        gk = einsum(",".join([batch + out_subs] + [s for s, _ in others]) + "->" + batch + kept,
                    g, *[o for _, o in others])
        if missing:  # labels summed away in the forward: broadcast back over them
            sizes = {c: x._value.shape[sk.index(c)] for c in uniq}
            gs = gk._value.shape
            gk = P.reshape(gk, gs + (1,) * len(missing))
            gk = P.broadcast_to(gk, gs[:nb] + tuple(sizes[c] for c in kept + missing))
            order = kept + missing
            gk = P.transpose(gk, tuple(range(nb)) + tuple(nb + order.index(c) for c in uniq))
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
            gk = einsum(",".join([batch + uniq] + eye_subs) + "->" + batch + target, gk, *eyes)
        grads.append(gk)
    return tuple(grads)


def _einsum_jvp(op, *tangents):  # multilinear: one term per tangent
    out = None
    for k, dx in enumerate(tangents):
        if dx is not None:
            args = list(op.inputs)
            args[k] = dx
            out = _sum(out, apply(EINSUM, tuple(args), op.attrs))
    return out


EINSUM = defop("Einsum", _einsum_np, _einsum_grad, _einsum_jvp,
               allowed=FLOAT + COMPLEX + (D.int32, D.int64), shape=_einsum_shape,
               batch=_einsum_batch, batched_grad=True)


def einsum(equation, *xs):
    return apply(EINSUM, xs, {"equation": equation})


CROSS = defop("Cross", lambda a, b: np.cross(a, b),
              lambda op, g: (cross(op.inputs[1], g), cross(g, op.inputs[0])),
              lambda op, da, db: _sum(None if da is None else cross(da, op.inputs[1]),
                                      None if db is None else cross(op.inputs[0], db)),
              allowed=REAL, shape=broadcast, batch=elementwise, batched_grad=True)


def cross(a, b):
    """The cross product of 3-vectors along the last axis."""
    return apply2(CROSS, a, b)
