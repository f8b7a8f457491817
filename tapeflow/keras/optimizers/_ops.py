"""The few Keras ops the optimizers' update rules use, on NumPy arrays and on `Slices` (a
gradient's IndexedSlices), with the sparse rules of Keras 3's TensorFlow backend
(`keras/src/backend/tensorflow/sparse.py`), which decide what a repeated index does:

* unary ops (`square`, `sqrt`, `abs`, `negative`) map the slices' values and keep them sparse, so
  `square` of a gradient with row 0 twice gives two squared slices, not the square of their sum;
* `add` / `subtract` with a dense operand densify the slices first (summing repeated rows);
* `multiply` / `divide` by a scalar or a dense tensor keep them sparse (a dense operand is
  gathered at the slices' rows; a divisor with zero or NaN rows adds those rows, as 0 / 0);
* `maximum` densifies;
* writing slices into a variable (`scatter_add`, `scatter_sub`, `scatter_update`) applies each
  slice in turn: repeated rows accumulate, or the last one wins for an update.

    >>> g = Slices(np.array([[1.0], [2.0]], np.float32), np.array([0, 0]), (2, 1))
    >>> square(g).values.ravel().tolist()  # row 0 twice: two squared slices
    [1.0, 4.0]
    >>> subtract(square(g), np.zeros((2, 1), np.float32)).ravel().tolist()  # densified: summed
    [5.0, 0.0]
"""
import numpy as np

from ...framework.errors import InvalidArgumentError, op_error


class Slices:
    """Rows `values[i]` of a dense array of shape `dense_shape`, at row `indices[i]` (NumPy)."""

    __slots__ = ("dense_shape", "indices", "values")

    def __init__(self, values, indices, dense_shape):
        self.values, self.indices, self.dense_shape = values, indices, tuple(dense_shape)

    @property
    def dtype(self):
        return self.values.dtype

    def with_values(self, values):
        return Slices(values, self.indices, self.dense_shape)

    def dense(self):
        """As `tf.convert_to_tensor`: repeated rows are summed, in order."""
        out = np.zeros(self.dense_shape, self.values.dtype)
        check_rows(self.indices, self.dense_shape[0], "UnsortedSegmentSum", "segment_ids",
                   "is out of range")
        np.add.at(out, self.indices, self.values)
        return out


def check_rows(indices, rows, op_type, name="indices", verb="is not in"):
    """Raises TF's error for an index outside [0, rows)."""
    bad = np.nonzero((indices < 0) | (indices >= rows))[0]
    if bad.size:
        i = int(bad[0])
        raise op_error(InvalidArgumentError, op_type,
                       f"{name}[{i}] = {int(indices[i])} {verb} [0, {rows})")


def _shape_text(x):
    return "[" + ",".join(map(str, np.shape(x))) + "]"


def _binary(func, op_type, x1, x2):
    try:
        return func(x1, x2)
    except ValueError:
        if np.ndim(x1) and np.ndim(x2):
            raise op_error(InvalidArgumentError, op_type, f"Incompatible shapes: "
                           f"{_shape_text(x1)} vs. {_shape_text(x2)}") from None
        raise


def _is_scalar(x):
    return np.ndim(x) == 0


# -- unary: the slices stay sparse ----------------------------------------------------------------
def _unary(func):
    def op(x):
        return x.with_values(func(x.values)) if isinstance(x, Slices) else func(x)
    op.__name__ = func.__name__
    return op


square = _unary(np.square)
sqrt = _unary(np.sqrt)
abs = _unary(np.abs)
negative = _unary(np.negative)


# -- union of indices: add, subtract, maximum -------------------------------------------------------
def _union(func, op_type, densify_mixed=False):
    def op(x1, x2):
        if isinstance(x1, Slices) and isinstance(x2, Slices):
            if x1.indices is x2.indices:
                return x1.with_values(_binary(func, op_type, x1.values, x2.values))
            if densify_mixed:
                return _binary(func, op_type, x1.dense(), x2.dense())
            union, v1, v2 = _union_values(x1, x2.indices, x2.values)
            return Slices(_binary(func, op_type, v1, v2), union, x1.dense_shape)
        if isinstance(x1, Slices):
            x1 = x1.dense()
        elif isinstance(x2, Slices):
            x2 = x2.dense()
        return _binary(func, op_type, x1, x2)
    op.__name__ = func.__name__
    return op


def _union_values(x1, x2_indices, x2_values=None):
    """Keras's `indexed_slices_union_indices_and_values`, step for step: the sorted union of the
    rows and each operand's values at them (zeros where it has none). Its position lookup sums
    repeated rows' positions (a scatter_nd), which TF then gathers with a range check."""
    rows = x1.dense_shape[0]
    hit = np.zeros(rows, bool)
    hit[x1.indices] = True
    hit[x2_indices] = True
    union = np.nonzero(hit)[0]

    def values_at_union(indices, values):
        position = np.zeros(rows, np.int32)
        np.add.at(position, indices, np.arange(1, len(indices) + 1, dtype=np.int32))
        take = position[union]
        padded = np.concatenate([np.zeros_like(values[:1]), values])
        check_rows(take, len(padded), "GatherV2")
        return padded[take]

    v1 = x1.values if len(x1.indices) == len(union) else values_at_union(x1.indices, x1.values)
    v2 = None
    if x2_values is not None:
        v2 = x2_values if len(x2_indices) == len(union) else values_at_union(x2_indices,
                                                                              x2_values)
    return union, v1, v2


add = _union(np.add, "AddV2")
subtract = _union(np.subtract, "Sub")
maximum = _union(np.maximum, "Maximum", densify_mixed=True)


# -- intersection: multiply; division -----------------------------------------------------------------
def multiply(x1, x2):
    if isinstance(x1, Slices) and isinstance(x2, Slices):
        if x1.indices is not x2.indices:
            # Keras intersects the rows here; no optimizer rule multiplies two gradients.
            raise NotImplementedError("multiplying two IndexedSlices with different indices")
        return x1.with_values(_binary(np.multiply, "Mul", x1.values, x2.values))
    if isinstance(x1, Slices):
        other = x2 if _is_scalar(x2) else np.asarray(x2)[x1.indices]
        return x1.with_values(_binary(np.multiply, "Mul", x1.values, other))
    if isinstance(x2, Slices):
        other = x1 if _is_scalar(x1) else np.asarray(x1)[x2.indices]
        return x2.with_values(_binary(np.multiply, "Mul", other, x2.values))
    return _binary(np.multiply, "Mul", x1, x2)


def divide(x1, x2):
    if isinstance(x2, Slices):
        x2 = x2.dense()  # a sparse divisor divides by zero elsewhere: the result is dense
        if isinstance(x1, Slices):
            x1 = x1.dense()
    if not isinstance(x1, Slices):
        return _binary(np.divide, "RealDiv", x1, x2)
    if _is_scalar(x2):
        return x1.with_values(_binary(np.divide, "RealDiv", x1.values, x2))
    x2 = np.asarray(x2)
    bad = (x2 == 0) | np.isnan(x2) if x2.dtype.kind in "fc" else x2 == 0
    bad_rows = bad.reshape(bad.shape[0], -1).any(axis=1)
    if not bad_rows.any():
        return x1.with_values(_binary(np.divide, "RealDiv", x1.values, x2[x1.indices]))
    union, v1, _ = _union_values(x1, np.nonzero(bad_rows)[0])
    return Slices(_binary(np.divide, "RealDiv", v1, x2[union]), union, x1.dense_shape)


# -- writing into a variable ---------------------------------------------------------------------------
def scatter(variable, slices, mode):
    """variable[rows] (+= | -= | =) slices, one slice at a time (TF's ResourceScatter* ops)."""
    op_type = {"add": "ResourceScatterAdd", "sub": "ResourceScatterSub",
               "update": "ResourceScatterUpdate"}[mode]
    current = variable._value
    values = np.asarray(slices.values).astype(current.dtype, copy=False)
    check_rows(slices.indices, current.shape[0], op_type)
    want = (len(slices.indices),) + current.shape[1:]
    if values.shape != want:
        raise op_error(InvalidArgumentError, op_type,
                       f"Must have updates.shape = indices.shape + params.shape[1:] or "
                       f"updates.shape = [], got updates.shape {_shape_text(values)}, "
                       f"indices.shape [{len(slices.indices)}], params.shape "
                       f"{_shape_text(current)}")
    new = np.array(current)
    if mode == "add":
        np.add.at(new, slices.indices, values)
    elif mode == "sub":
        np.subtract.at(new, slices.indices, values)
    else:
        for row, value in zip(slices.indices.tolist(), values):  # the last write wins
            new[row] = value
    variable.assign(new)
