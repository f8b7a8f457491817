"""`tf.SparseTensor`: a tensor given by the indices and values of its non-default entries.

A small core class (indices int64 [N, rank], values [N], dense_shape int64 [rank]) with TF's
printing and `tf.sparse.to_dense`; sparse ops beyond these are for later work.

    >>> sp = tf.SparseTensor(indices=[[0, 1]], values=[5], dense_shape=[2, 2])
    >>> sp.shape
    TensorShape([2, 2])
    >>> tf.sparse.to_dense(sp).numpy()
    array([[0, 5],
           [0, 0]], dtype=int32)
"""
import numpy as np

from . import dtypes
from .composite_tensor import CompositeTensor
from .tensor import convert_to_tensor, wrap
from .tensor_shape import TensorShape


class SparseTensor(CompositeTensor):
    """`SparseTensor(indices, values, dense_shape)`."""

    __slots__ = ("__weakref__", "_dense_shape", "_indices", "_values")

    @property
    def _type_spec(self):
        return SparseTensorSpec(self.shape, self.dtype)

    @classmethod
    def _composite_op(cls, op, args, attrs):
        from ..ops import sparse_ops
        return sparse_ops.elementwise(op, args, attrs)

    @classmethod
    def _composite_api(cls, name, args, kwargs):
        from ..ops import sparse_ops
        return sparse_ops.api(name, args, kwargs)

    def __mul__(self, other):
        from ..ops import math_ops
        return math_ops.multiply(self, other)

    def __truediv__(self, other):
        from ..ops import math_ops
        return math_ops.truediv(self, other)

    def __add__(self, other):
        from ..ops import sparse_ops
        return sparse_ops.add(self, other)

    def consumers(self):
        return []

    def __init__(self, indices, values, dense_shape):
        self._indices = convert_to_tensor(indices, dtypes.int64)
        self._values = convert_to_tensor(values)
        self._dense_shape = convert_to_tensor(dense_shape, dtypes.int64)
        if self._indices.shape.rank != 2:
            raise ValueError(f"Shape {self._indices.shape} must have rank 2")
        if self._values.shape.rank != 1:
            raise ValueError(f"Shape {self._values.shape} must have rank 1")
        if self._dense_shape.shape.rank != 1:
            raise ValueError(f"Shape {self._dense_shape.shape} must have rank 1")
        n, rank = self._indices.shape.as_list()
        if self._values.shape[0] != n:
            raise ValueError(f"Dimensions {n} and {self._values.shape[0]} are not compatible")
        if self._dense_shape.shape[0] != rank:
            raise ValueError(f"Dimensions {rank} and {self._dense_shape.shape[0]} are not "
                             "compatible")

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)

    @property
    def shape(self):
        return TensorShape([int(d) for d in np.asarray(self._dense_shape._value).tolist()])

    def get_shape(self):
        return self.shape

    @classmethod
    def from_value(cls, value):
        if isinstance(value, SparseTensor):
            return value
        return cls(value.indices, value.values, value.dense_shape)

    def with_values(self, new_values):
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def __str__(self):
        return (f"SparseTensor(indices={self._indices!s}, values={self._values!s}, "
                f"dense_shape={self._dense_shape!s})")

    __repr__ = __str__


class SparseTensorSpec:
    """The spec of a SparseTensor: `SparseTensorSpec(TensorShape([3, 4]), tf.int32)`."""

    def __init__(self, shape=None, dtype=dtypes.float32):
        self._shape = TensorShape(shape)
        self._dtype = dtypes.as_dtype(dtype)

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    value_type = property(lambda self: SparseTensor)

    @classmethod
    def from_value(cls, value):
        return cls(value.shape, value.dtype)

    def _to_components(self, value):
        return [value.indices, value.values, value.dense_shape]

    def _from_components(self, components):
        return SparseTensor(*components)

    def is_compatible_with(self, other):
        return (getattr(other, "dtype", None) == self._dtype
                and self._shape.is_compatible_with(other.shape))

    def __eq__(self, other):
        return (isinstance(other, SparseTensorSpec) and self._dtype == other._dtype
                and self._shape == other._shape)

    def __hash__(self):
        return hash((str(self._shape), self._dtype.name))

    def __repr__(self):
        return f"SparseTensorSpec({self._shape!r}, {self._dtype!r})"


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor a SparseTensor stands for (missing entries `default_value`, else 0)."""
    if not isinstance(sp_input, SparseTensor):
        raise TypeError(f"Input must be a SparseTensor, got {type(sp_input).__name__}")
    values = np.asarray(sp_input.values._value)
    shape = tuple(int(d) for d in np.asarray(sp_input.dense_shape._value))
    if default_value is None:
        fill = b"" if values.dtype == object else 0
    else:
        fill = np.asarray(getattr(default_value, "_value", default_value))
    out = np.full(shape, fill, dtype=values.dtype)
    indices = np.asarray(sp_input.indices._value)
    if len(indices):
        out[tuple(indices.T)] = values
    return wrap(out if out.ndim or out.dtype == object else out[()])


def from_dense(tensor, name=None):
    """The SparseTensor of a dense tensor's non-zero (non-empty) entries."""
    value = np.asarray(convert_to_tensor(tensor)._value)
    mask = value != (b"" if value.dtype == object else 0)
    indices = np.argwhere(mask).astype(np.int64)
    return SparseTensor(wrap(indices), wrap(value[mask]), wrap(np.array(value.shape, np.int64)))


def is_sparse(x):
    return isinstance(x, SparseTensor)



