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
from .tensor import convert_to_tensor
from .tensor_shape import TensorShape


def _static_value(x):
    from ..prims.ragged import static_value
    return static_value(x)


def _static_shape(dense_shape):
    """The static shape a dense_shape tensor stands for: its value when known now, else its
    rank's worth of unknown dimensions."""
    v = _static_value(dense_shape)
    if v is not None:
        return TensorShape([int(d) for d in np.asarray(v).tolist()])
    n = dense_shape._value.shape
    return TensorShape(None if n is None or n[0] is None else [None] * n[0])


class SparseTensor(CompositeTensor):
    """`SparseTensor(indices, values, dense_shape)`."""

    __slots__ = ("__weakref__", "_dense_shape", "_dense_shape_default", "_indices", "_values")

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

    def consumers(self):
        return []

    def __init__(self, indices, values, dense_shape):
        self._indices = convert_to_tensor(indices, dtypes.int64)
        self._values = convert_to_tensor(values)
        self._dense_shape = convert_to_tensor(dense_shape, dtypes.int64)
        ishape, vshape, sshape = (self._indices.shape, self._values.shape,
                                  self._dense_shape.shape)
        if ishape.rank is not None and ishape.rank != 2:
            raise ValueError(f"Shape {ishape} must have rank 2")
        if vshape.rank is not None and vshape.rank != 1:
            raise ValueError(f"Shape {vshape} must have rank 1")
        if sshape.rank is not None and sshape.rank != 1:
            raise ValueError(f"Shape {sshape} must have rank 1")
        n, rank = ishape.as_list() if ishape.rank is not None else (None, None)
        if n is not None and vshape[0] is not None and vshape[0] != n:
            raise ValueError(f"Dimensions {n} and {vshape[0]} are not compatible")
        if rank is not None and sshape[0] is not None and sshape[0] != rank:
            raise ValueError(f"Dimensions {rank} and {sshape[0]} are not "
                             "compatible")
        self._dense_shape_default = _static_shape(self._dense_shape)

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)

    @property
    def shape(self):
        return self._dense_shape_default

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        """Refines the static shape (dimensions must be compatible)."""
        self._dense_shape_default = self._dense_shape_default.merge_with(TensorShape(shape))

    @classmethod
    def from_value(cls, value):
        if isinstance(value, SparseTensor):
            return value
        return cls(value.indices, value.values, value.dense_shape)

    def with_values(self, new_values):
        return SparseTensor(self._indices, new_values, self._dense_shape)  # (TF's static shape)

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
        result = SparseTensor(*components)
        if self._shape.rank is not None:  # the spec's static shape, as TF's
            result._dense_shape_default = result._dense_shape_default.merge_with(self._shape)
        return result

    @property
    def _component_specs(self):
        from ..function import TensorSpec
        rank = self._shape.rank
        return [TensorSpec([None, rank], dtypes.int64), TensorSpec([None], self._dtype),
                TensorSpec([rank], dtypes.int64)]

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
    from ..ops.sparse_ops import to_dense as sparse_to_dense
    return sparse_to_dense(sp_input, default_value, validate_indices)


def from_dense(tensor, name=None):
    """The SparseTensor of a dense tensor's non-zero (non-empty) entries."""
    from ..ops.sparse_ops import from_dense as sparse_from_dense
    return sparse_from_dense(tensor)


def is_sparse(x):
    return isinstance(x, SparseTensor)
