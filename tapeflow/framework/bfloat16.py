"""bfloat16 tensors: float32 values rounded to bfloat16, in a marker dtype only they pay for.

Storage: a bfloat16 tensor's `_value` is an array of `dtypes.BFLOAT16_STORAGE`, a one-field
structured NumPy dtype over float32 whose values are already rounded to bfloat16 (round to
nearest, ties to even, as TF's casts). NumPy has no arithmetic loops for it, so:
  * data movement (reshape, transpose, slicing, gather, concat, where, sort, pad with zeros)
    works on the storage directly and keeps the dtype;
  * arithmetic raises inside NumPy, and the dispatcher's failure path (`op.py`, which runs only
    when a forward raised) calls `run` below: the op is computed on the float32 values and its
    float32 results are rounded back to bfloat16, as TF's CPU kernels compute bfloat16 ops in
    float and round each result.
No other op pays anything: the fast path never looks for bfloat16.

Printing follows TF (which prints ml_dtypes' bfloat16 values, each as `%g`):

    >>> import tapeflow as tf
    >>> tf.constant([1.5, 2.3, 3.14159], tf.bfloat16)
    <tf.Tensor: shape=(3,), dtype=bfloat16, numpy=array([1.5, 2.29688, 3.14062], dtype=dtype(bfloat16))>
"""
import numpy as np

from .dtypes import BFLOAT16_STORAGE


def is_bfloat16(np_dtype):
    return np_dtype == BFLOAT16_STORAGE


def round_float32(values, flush_subnormals=False):
    """Real values -> float32 values rounded to bfloat16 (to nearest, ties to even), rounding
    once from the input's own precision (as TF's cast from float64 does). TF's conversion of
    Python and NumPy values (not its cast op) flushes subnormal results to zero:
    `flush_subnormals`."""
    x = np.asarray(values, dtype=np.float64)
    if flush_subnormals:
        x = np.where(np.abs(x) < 2.0 ** -126, np.copysign(0.0, x), x)
    with np.errstate(over="ignore", invalid="ignore"):
        mantissa, exponent = np.frexp(x)  # x = mantissa * 2**exponent, 0.5 <= |mantissa| < 1
        normal = np.ldexp(np.rint(mantissa * 256.0), exponent - 8)  # 8 significant bits
        tiny = np.abs(x) < 2.0 ** -126  # bfloat16 subnormals: a fixed spacing of 2**-133
        out = np.where(tiny, np.rint(x * 2.0 ** 133) * 2.0 ** -133, normal)
        out = np.where(np.isfinite(x), out, x)
        return out.astype(np.float32)


def from_values(values, flush_subnormals=False):
    """bfloat16 storage for real `values` (rounded)."""
    return round_float32(values, flush_subnormals).view(BFLOAT16_STORAGE)


def to_float32(storage):
    """The float32 values of bfloat16 storage (an array, 0-d array or NumPy void scalar)."""
    return np.asarray(storage).view(np.float32)


def run(op, values, attrs):
    """Runs `op.forward` on inputs some of which are bfloat16 storage: in float32, rounding the
    float32 results back to bfloat16. Returns the forward's output(s), like `op.forward`."""
    plain = [to_float32(v) if getattr(v, "dtype", None) == BFLOAT16_STORAGE else v for v in values]
    out = op.forward(*plain, **attrs)
    if op.num_outputs == 1:
        return _back(out)
    return tuple(_back(o) for o in out)


def _back(out):
    dtype = getattr(out, "dtype", None)
    if dtype == np.float32:
        return from_values(out)
    return out


# -- printing ---------------------------------------------------------------------------------------
def _format(v):
    return f"{v:g}"


def text(storage, is_repr=False):
    """The value's text as TF prints a bfloat16 tensor's NumPy value."""
    values = to_float32(storage)
    if values.ndim == 0:
        return repr(float(values)) if is_repr else _format(float(values))
    formatter = {"float_kind": _format}
    if not is_repr:
        return np.array2string(values, formatter=formatter, separator=" ")
    body = np.array2string(values, formatter=formatter, separator=", ", prefix="array(")
    last_line = body.rsplit("\n", 1)[-1]
    suffix = "dtype=dtype(bfloat16))"
    first_line_prefix = 0 if "\n" in body else len("array(")
    if first_line_prefix + len(last_line) + len(", ") + len(suffix) > 75:  # NumPy's line width
        return f"array({body},\n      {suffix}"
    return f"array({body}, {suffix}"
