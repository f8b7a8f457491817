"""`tf.RaggedTensor`: a tensor whose rows may have different lengths.

A RaggedTensor is its `values` (a Tensor, or a RaggedTensor for several ragged dimensions) and
its `row_splits` (int64 or int32: row i is `values[row_splits[i]:row_splits[i + 1]]`). Every
computation on the values goes through tapeflow's differentiable ops, so tapes see the flat
values; the partitions are constants computed with NumPy.

    >>> rt = tf.RaggedTensor.from_row_splits([3, 1, 4, 1, 5], row_splits=[0, 2, 2, 5])
    >>> print(rt)
    <tf.RaggedTensor [[3, 1], [], [4, 1, 5]]>
    >>> rt.shape
    TensorShape([3, None])
"""
import numpy as np

from ..framework import dtypes
from ..framework.composite_tensor import CompositeTensor
from ..framework.tensor import AbstractArray, Tensor, convert_to_tensor, wrap
from ..framework.tensor_shape import TensorShape
from ..prims import ragged as PR

_SPLIT_DTYPES = (dtypes.int32, dtypes.int64)
_fold = PR.fold


def _np(x):
    return np.asarray(x._value)


def is_static(x):
    """True when tensor `x`'s value is known now (eagerly, or a graph constant)."""
    return type(x._value) is not AbstractArray or PR.static_value(x) is not None


def static_int(x):
    """A scalar tensor's value as an int when known now, else None."""
    v = PR.static_value(x)
    return None if v is None else int(np.asarray(v))


def count_tensor(n, dtype=np.int64):
    """A count (a Python int, or an integer scalar tensor) as a scalar tensor."""
    if isinstance(n, (int, np.integer)):
        return wrap(np.asarray(n, dtype)[()])
    return n


def dim(x, axis):
    """Dimension `axis` of Tensor `x`: an int when static, else an int64 scalar tensor."""
    d = x._value.shape[axis]
    if d is not None:
        return int(d)
    from ..prims import array as PA
    from ..prims import base as P
    return P.gather(PA.shape(x, np.int64), wrap(np.int64(axis)))


def shape_vector(x):
    """The shape of Tensor `x` as an int64 vector tensor (a constant when static)."""
    shape = x._value.shape
    if shape is not None and None not in shape:
        return wrap(np.asarray(shape, np.int64))
    from ..prims import array as PA
    return PA.shape(x, np.int64)


def _index_tensor(v, dtype):
    """A partition argument (list, array or integer tensor) as a Tensor of `dtype` (int64 for
    Python lists, a tensor's own int32/int64 dtype otherwise)."""
    if isinstance(v, Tensor) or hasattr(v, "_value"):
        t = convert_to_tensor(v)
        if t.dtype not in _SPLIT_DTYPES:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {t.dtype.name}")
        return t
    return convert_to_tensor(np.asarray(v, dtype=dtype._np).reshape(np.shape(v)), dtype)


def _cast(x, dtype):
    from ..prims.math import cast
    return cast(x, dtypes.as_dtype(dtype)._np)


def _as_values(values):
    if isinstance(values, RaggedTensor):
        return values
    return convert_to_tensor(values)


def nrows_of(values):
    """The number of rows of a Tensor or RaggedTensor: an int when static, else a tensor."""
    if isinstance(values, RaggedTensor):
        return values._nrows()
    return dim(values, 0)


class RaggedTensor(CompositeTensor):
    """A tensor with ragged (variable-length) dimensions; see the module docstring."""

    __slots__ = ("__weakref__", "_row_splits", "_uniform_row_length", "_values")

    def __init__(self, values, row_splits, uniform_row_length=None, internal=False):
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the "
                             "factory methods instead (e.g., RaggedTensor.from_row_lengths())")
        self._values = values
        self._row_splits = row_splits
        self._uniform_row_length = uniform_row_length

    # -- factories --------------------------------------------------------------------------
    @classmethod
    def _make(cls, values, splits, uniform_row_length=None):
        """Builds without validation; `splits` a NumPy array or Tensor."""
        if not isinstance(splits, Tensor):
            splits = wrap(np.asarray(splits))
        return cls(values, splits, uniform_row_length, internal=True)

    @classmethod
    def _checked(cls, values, splits, validate):
        values = _as_values(values)
        if values.shape.rank == 0:
            raise ValueError("values must have rank >= 1")
        if isinstance(values, RaggedTensor) and values._row_splits.dtype != splits.dtype:
            raise ValueError("dtype mismatch: values.row_splits is "
                             f"{values._row_splits.dtype.name}, row_splits is "
                             f"{splits.dtype.name}; use RaggedTensor.with_row_splits_dtype() "
                             "to convert them to compatible dtypes.")
        if validate:
            shape = splits._value.shape
            if shape is not None and len(shape) != 1:
                raise ValueError(f"Shape {tuple(shape)} must have rank 1")
            splits = _fold(PR.VALIDATE_SPLITS, (splits, count_tensor(nrows_of(values))))
        return cls._make(values, splits)

    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """Rows `values[row_splits[i]:row_splits[i + 1]]`.

        >>> print(tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2, 3]))
        <tf.RaggedTensor [[1, 2], [3]]>
        """
        return cls._checked(values, _index_tensor(row_splits, dtypes.int64), validate)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """Rows of the given lengths.

        >>> print(tf.RaggedTensor.from_row_lengths([1, 2, 3], [1, 0, 2]))
        <tf.RaggedTensor [[1], [], [2, 3]]>
        """
        lengths = _index_tensor(row_lengths, dtypes.int64)
        splits = _fold(PR.SPLITS_FROM_LENGTHS, (lengths,), {"validate": validate})
        return cls._checked(values, splits, validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        """Value i goes to row `value_rowids[i]` (sorted); `nrows` defaults to the last id + 1.

        >>> print(tf.RaggedTensor.from_value_rowids([1, 2, 3], [0, 0, 2]))
        <tf.RaggedTensor [[1, 2], [], [3]]>
        """
        ids = _index_tensor(value_rowids, dtypes.int64)
        n = count_tensor(-1 if nrows is None else nrows) if not isinstance(nrows, Tensor) \
            else nrows
        splits = _fold(PR.SPLITS_FROM_ROWIDS, (ids, n), {"validate": validate})
        return cls._checked(values, splits, validate)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        """Rows starting at `row_starts` (each row ends where the next starts)."""
        starts = _index_tensor(row_starts, dtypes.int64)
        nvals = nrows_of(_as_values(values))
        splits = _fold(PR.SPLITS_FROM_STARTS, (starts, count_tensor(nvals, starts.dtype._np)))
        return cls._checked(values, splits, validate)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        """Rows ending at `row_limits` (each row starts where the previous ends)."""
        limits = _index_tensor(row_limits, dtypes.int64)
        return cls._checked(values, _fold(PR.SPLITS_FROM_LIMITS, (limits,)), validate)

    @classmethod
    def from_uniform_row_length(cls, values, uniform_row_length, nrows=None, validate=True,
                                name=None):
        """Rows of one length: `values` of n rows becomes n / length rows.

        >>> tf.RaggedTensor.from_uniform_row_length([1, 2, 3, 4], 2).shape
        TensorShape([2, 2])
        """
        values = _as_values(values)
        length = _index_tensor(uniform_row_length, dtypes.int64)
        n = count_tensor(-1 if nrows is None else nrows) if not isinstance(nrows, Tensor) \
            else nrows
        splits = _fold(PR.UNIFORM_SPLITS, (count_tensor(nrows_of(values)), length, n),
                       {"validate": validate, "dtype": length._value.dtype})
        return cls._make(values, splits, length)

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None, validate=True):
        """A RaggedTensor of several ragged dimensions, outermost splits first."""
        if isinstance(nested_row_splits, Tensor):
            raise TypeError("nested_row_splits must be a list of Tensors")
        result = flat_values
        for splits in reversed(list(nested_row_splits)):
            result = cls.from_row_splits(result, splits, validate=validate)
        return result

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None, validate=True):
        result = flat_values
        for lengths in reversed(list(nested_row_lengths)):
            result = cls.from_row_lengths(result, lengths, validate=validate)
        return result

    @classmethod
    def from_nested_value_rowids(cls, flat_values, nested_value_rowids, nested_nrows=None,
                                 name=None, validate=True):
        ids = list(nested_value_rowids)
        nrows = [None] * len(ids) if nested_nrows is None else list(nested_nrows)
        result = flat_values
        for r, n in reversed(list(zip(ids, nrows))):
            result = cls.from_value_rowids(result, r, n, validate=validate)
        return result

    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None,
                    row_splits_dtype=dtypes.int64):
        """A dense tensor as a RaggedTensor; `padding` (trailing values to drop) or `lengths`
        (each row's length) make the rows ragged.

        >>> print(tf.RaggedTensor.from_tensor([[1, 0], [2, 3]], padding=0))
        <tf.RaggedTensor [[1], [2, 3]]>
        """
        from . import ragged_ops
        return ragged_ops.from_tensor(tensor, lengths, padding, ragged_rank,
                                      dtypes.as_dtype(row_splits_dtype))

    @classmethod
    def from_sparse(cls, st_input, name=None, row_splits_dtype=dtypes.int64):
        """A 2-D SparseTensor (in row-major order) as a RaggedTensor of its rows."""
        from ..framework.sparse_tensor import SparseTensor
        from ..prims.math import cast
        if not isinstance(st_input, SparseTensor):
            raise TypeError(f"Expected SparseTensor, got {type(st_input).__name__}")
        if st_input.indices.shape[1] != 2:
            raise ValueError("rank(st_input) must be 2.")
        splits = _fold(PR.SPLITS_FROM_SPARSE, (st_input.indices, st_input.dense_shape))
        splits = cast(splits, dtypes.as_dtype(row_splits_dtype)._np)
        return cls._make(st_input.values, splits)

    # -- properties -------------------------------------------------------------------------
    values = property(lambda self: self._values, doc="The concatenated rows.")
    row_splits = property(lambda self: self._row_splits, doc="Where each row starts and ends.")
    uniform_row_length = property(lambda self: self._uniform_row_length)

    @property
    def flat_values(self):
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v._values
        return v

    @property
    def nested_row_splits(self):
        out = [self._row_splits]
        v = self._values
        while isinstance(v, RaggedTensor):
            out.append(v._row_splits)
            v = v._values
        return tuple(out)

    @property
    def ragged_rank(self):
        v = self._values
        return v.ragged_rank + 1 if isinstance(v, RaggedTensor) else 1

    @property
    def dtype(self):
        return self.flat_values.dtype

    @property
    def row_splits_dtype(self):
        return self._row_splits.dtype

    def _static_nrows(self):
        shape = self._row_splits._value.shape
        return None if shape is None or shape[0] is None else shape[0] - 1

    def _nrows(self):
        """The number of rows: an int when static, else an int scalar tensor."""
        n = self._static_nrows()
        if n is not None:
            return n
        return _fold(PR.PARTITION, (self._row_splits,), {"target": "nrows",
                                                          "dtype": self._row_splits._value.dtype})

    def _dims(self):
        """The static shape as a list (None for ragged and unknown dimensions), or None when the
        flat values' rank is unknown."""
        values = self._values
        if isinstance(values, RaggedTensor):
            inner = values._dims()
        else:
            shape = values._value.shape
            inner = None if shape is None else list(shape)
        if inner is None:
            return None
        url = self._uniform_row_length
        return [self._static_nrows(), None if url is None else static_int(url)] + inner[1:]

    @property
    def shape(self):
        return TensorShape(self._dims())

    def get_shape(self):
        return self.shape

    @property
    def _type_spec(self):
        return RaggedTensorSpec(self.shape, self.dtype, self.ragged_rank, self.row_splits_dtype)

    def _is_eager(self):
        """True when every component holds a value (not a graph or vmap tensor)."""
        return all(type(s._value) is not AbstractArray for s in self.nested_row_splits) and \
            type(self.flat_values._value) is not AbstractArray

    # -- partition facts (NumPy forms, eager only) --------------------------------------------
    def splits_np(self):
        return _np(self._row_splits)

    def nrows_np(self):
        return len(self.splits_np()) - 1

    def lengths_np(self):
        return np.diff(self.splits_np())

    def rowids_np(self):
        return PR.rowids_np(self.splits_np())

    def _int(self, array, out_type=None):
        dtype = self.row_splits_dtype if out_type is None else dtypes.as_dtype(out_type)
        return wrap(np.asarray(array).astype(dtype._np)[()])

    def _partition(self, target, out_type=None):
        dtype = self.row_splits_dtype if out_type is None else dtypes.as_dtype(out_type)
        return _fold(PR.PARTITION, (self._row_splits,), {"target": target, "dtype": dtype._np})

    def nrows(self, out_type=None, name=None):
        """The number of rows."""
        n = self._static_nrows()
        if n is not None:
            return self._int(n, out_type)
        return self._partition("nrows", out_type)

    def row_lengths(self, axis=1, name=None):
        """The length of each row (of the rows of ragged dimension `axis`)."""
        if axis == 0:
            raise ValueError("axis=0 is not supported by row_lengths()")
        if axis < 0:
            axis += self.shape.rank
        if axis == 1:
            return self._partition("lengths")
        if not isinstance(self._values, RaggedTensor):
            from ..ops.array_ops import fill
            n, k = dim(self._values, 0), dim(self._values, axis - 1)
            length = self._int(k) if isinstance(k, int) else _cast(k, self.row_splits_dtype)
            return self.with_values(fill([n], length))
        return self.with_values(self._values.row_lengths(axis - 1))

    def value_rowids(self, name=None):
        """The row of each value."""
        return self._partition("rowids")

    def row_starts(self, name=None):
        return self._partition("starts")

    def row_limits(self, name=None):
        return self._partition("limits")

    def nested_row_lengths(self, name=None):
        out = [self.row_lengths()]
        v = self._values
        while isinstance(v, RaggedTensor):
            out.append(v.row_lengths())
            v = v._values
        return tuple(out)

    def nested_value_rowids(self, name=None):
        out = [self.value_rowids()]
        v = self._values
        while isinstance(v, RaggedTensor):
            out.append(v.value_rowids())
            v = v._values
        return tuple(out)

    def bounding_shape(self, axis=None, name=None, out_type=None):
        """The smallest dense shape holding every row, int64 (or the splits' dtype)."""
        dtype = (self.row_splits_dtype if out_type is None else dtypes.as_dtype(out_type))._np
        out = _fold(PR.BOUNDING_SHAPE, (shape_vector(self.flat_values),) +
                    self.nested_row_splits, {"dtype": dtype})
        if axis is not None:
            from ..prims import base as P
            rank = self.shape.rank
            a = int(axis) + rank if rank is not None and int(axis) < 0 else int(axis)
            out = P.gather(out, wrap(np.int64(a)))
        return out

    # -- derived RaggedTensors --------------------------------------------------------------
    def with_values(self, new_values):
        """This RaggedTensor's partition with other values (of the same number of rows)."""
        new_values = _as_values(new_values)
        return RaggedTensor._make(new_values, self._row_splits, self._uniform_row_length)

    def with_flat_values(self, new_values):
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.with_flat_values(new_values))
        return self.with_values(new_values)

    def with_row_splits_dtype(self, dtype):
        dtype = dtypes.as_dtype(dtype)
        if dtype not in _SPLIT_DTYPES:
            raise ValueError(f"dtype must be int32 or int64, got {dtype!r}")
        values = self._values
        if isinstance(values, RaggedTensor):
            values = values.with_row_splits_dtype(dtype)
        url = self._uniform_row_length
        return RaggedTensor._make(values, _cast(self._row_splits, dtype),
                                  None if url is None else _cast(url, dtype))

    def merge_dims(self, outer_axis, inner_axis):
        """Merges dimensions outer_axis..inner_axis into one."""
        from . import ragged_ops
        return ragged_ops.merge_dims(self, outer_axis, inner_axis)

    # -- conversion -------------------------------------------------------------------------
    def to_tensor(self, default_value=None, name=None, shape=None):
        """The dense tensor, rows padded with `default_value` (zero, or b''), cut or padded to
        `shape` where given.

        >>> tf.ragged.constant([[1], [2, 3]]).to_tensor().numpy()
        array([[1, 0],
               [2, 3]], dtype=int32)
        """
        from . import ragged_ops
        return ragged_ops.to_tensor(self, default_value, shape)

    def to_sparse(self, name=None):
        """The SparseTensor of this RaggedTensor's values."""
        from ..framework.sparse_tensor import SparseTensor
        flat = self.flat_values
        index, shape = _fold(PR.TO_SPARSE, (shape_vector(flat),) + self.nested_row_splits)
        if flat.shape.rank != 1:
            from ..ops.array_ops import reshape
            flat = reshape(flat, [-1])
        return SparseTensor(index, flat, shape)

    def to_list(self):
        """The nested Python lists of the values."""
        if not self._is_eager():
            raise ValueError("to_list can only be used in eager mode.")
        values = self._values
        rows = values.to_list() if isinstance(values, RaggedTensor) else _np(values).tolist()
        s = self.splits_np()
        return [rows[s[i]:s[i + 1]] for i in range(len(s) - 1)]

    def numpy(self):
        """The rows as NumPy arrays: an object array when row lengths differ, as in TF."""
        if not self._is_eager():
            raise ValueError("RaggedTensor.numpy() is only supported in eager mode.")
        values = self._values
        values = values.numpy() if isinstance(values, RaggedTensor) else _np(values)
        s = self.splits_np()
        rows = [values[s[i]:s[i + 1]] for i in range(len(s) - 1)]
        if not rows:
            return np.zeros((0, 0) + values.shape[1:], dtype=values.dtype)
        if any(len(r) != len(rows[0]) for r in rows):
            out = np.empty(len(rows), dtype=object)
            for i, r in enumerate(rows):
                out[i] = r
            return out
        try:
            return np.array(rows)
        except ValueError:
            out = np.empty(len(rows), dtype=object)
            for i, r in enumerate(rows):
                out[i] = r
            return out

    # -- printing ---------------------------------------------------------------------------
    def __repr__(self):
        if not self._is_eager():  # a graph's RaggedTensor: its components (TF's form)
            return f"tf.RaggedTensor(values={self._values}, row_splits={self._row_splits})"
        with np.printoptions(formatter={"all": _formatter}):
            text = _formatter(self.numpy())
        return f"<tf.RaggedTensor {text}>"

    __str__ = __repr__

    def __format__(self, spec):
        return format(repr(self), spec)

    # -- Python protocol --------------------------------------------------------------------
    def __getitem__(self, key):
        from . import ragged_getitem
        return ragged_getitem.getitem(self, key)

    def __len__(self):
        n = self._static_nrows()
        if n is None:
            raise TypeError("len is not well defined for a RaggedTensor whose number of rows is "
                            "not known statically")
        return n

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __bool__(self):
        raise TypeError("RaggedTensor may not be used as a boolean.")

    __hash__ = None

    def consumers(self):
        return []

    # -- dispatch (see framework.composite_tensor) ------------------------------------------
    @classmethod
    def _composite_op(cls, op, args, attrs):
        from . import ragged_ops
        return ragged_ops.elementwise(op, args, attrs)

    @classmethod
    def _composite_api(cls, name, args, kwargs):
        from . import ragged_ops
        return ragged_ops.api(name, args, kwargs)


for _name, _fn in (("__add__", "add"), ("__sub__", "subtract"), ("__mul__", "multiply"),
                   ("__truediv__", "truediv"), ("__floordiv__", "floordiv"),
                   ("__mod__", "floormod"), ("__pow__", "pow"), ("__lt__", "less"),
                   ("__le__", "less_equal"), ("__gt__", "greater"),
                   ("__ge__", "greater_equal"), ("__and__", "logical_and"),
                   ("__or__", "logical_or"), ("__xor__", "logical_xor"),
                   ("__eq__", "equal"), ("__ne__", "not_equal")):
    def _op(self, other, _fn=_fn):
        from ..ops import math_ops
        return getattr(math_ops, _fn)(self, other)

    def _rop(self, other, _fn=_fn):
        from ..ops import math_ops
        return getattr(math_ops, _fn)(other, self)
    setattr(RaggedTensor, _name, _op)
    if _name not in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__"):
        setattr(RaggedTensor, "__r" + _name[2:], _rop)


def _neg(self):
    from ..ops import math_ops
    return math_ops.negative(self)


def _abs(self):
    from ..ops import math_ops
    return math_ops.abs(self)


def _invert(self):
    from ..ops import math_ops
    return math_ops.logical_not(self)


RaggedTensor.__neg__ = _neg
RaggedTensor.__abs__ = _abs
RaggedTensor.__invert__ = _invert


def _formatter(x):
    """TF's element formatter for printing: arrays with ', ' separators, elements as str()."""
    if isinstance(x, np.ndarray):
        if x.size != 0:
            return np.array2string(x, separator=", ")
        return repr(x.tolist())
    return str(x)


def _set_static_shape(rt, shape):
    """Gives `rt` (built from components) the static facts of `shape`: a known size of a ragged
    dimension becomes that partition's uniform row length, and graph components get the
    known sizes, as TF's RaggedTensor._set_shape."""
    if shape.rank is None:
        return
    dims = shape.as_list()
    splits = rt._row_splits
    if dims[0] is not None and hasattr(splits, "set_shape"):
        splits.set_shape([dims[0] + 1])
    level = rt
    for size in dims[1:rt.ragged_rank + 1]:
        if size is not None and level._uniform_row_length is None:
            level._uniform_row_length = wrap(np.asarray(size, level._row_splits._value.dtype)[()])
        level = level._values
    flat = rt.flat_values
    if hasattr(flat, "set_shape") and len(dims) > rt.ragged_rank:
        flat.set_shape([None] + dims[rt.ragged_rank + 1:])


def ragged_value_index(rt):
    """For every flat value of eager `rt`, its index over the ragged dimensions: an int array of
    shape [nvals, ragged_rank + 1]."""
    return PR.value_index_np([_np(s) for s in rt.nested_row_splits])


class RaggedTensorSpec:
    """The type of a RaggedTensor: shape (None for ragged dimensions), dtype, ragged_rank,
    row_splits_dtype.

    >>> tf.RaggedTensorSpec([None, None], tf.int32)
    RaggedTensorSpec(TensorShape([None, None]), tf.int32, 1, tf.int64)
    """

    def __init__(self, shape=None, dtype=dtypes.float32, ragged_rank=None,
                 row_splits_dtype=dtypes.int64, flat_values_spec=None):
        self._shape = TensorShape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._row_splits_dtype = dtypes.as_dtype(row_splits_dtype)
        rank = self._shape.rank
        if ragged_rank is None:
            if rank is None:
                raise ValueError("Must specify ragged_rank or a shape with a known rank.")
            ragged_rank = rank - 1
        if rank is not None and not 0 <= ragged_rank < max(rank, 1):
            raise ValueError(f"ragged_rank must be non-negative and less than rank; got "
                             f"{ragged_rank}")
        self._ragged_rank = int(ragged_rank)
        self._flat_values_spec = flat_values_spec

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    ragged_rank = property(lambda self: self._ragged_rank)
    row_splits_dtype = property(lambda self: self._row_splits_dtype)
    flat_values_spec = property(lambda self: self._flat_values_spec)
    value_type = property(lambda self: RaggedTensor if self._ragged_rank > 0 else Tensor)

    @classmethod
    def from_value(cls, value):
        if isinstance(value, RaggedTensor):
            return cls(value.shape, value.dtype, value.ragged_rank, value.row_splits_dtype)
        return cls(value.shape, value.dtype, 0)

    def is_compatible_with(self, other):
        if not isinstance(other, RaggedTensorSpec):
            if isinstance(other, RaggedTensor):
                other = RaggedTensorSpec.from_value(other)
            else:
                return False
        return (self._dtype == other._dtype and self._ragged_rank == other._ragged_rank
                and self._row_splits_dtype == other._row_splits_dtype
                and self._shape.is_compatible_with(other._shape))

    def most_specific_compatible_type(self, other):
        dims = [a if a == b else None for a, b in zip(self._shape.as_list(),
                                                       other._shape.as_list())]
        return RaggedTensorSpec(dims, self._dtype, self._ragged_rank, self._row_splits_dtype)

    # -- components -------------------------------------------------------------------------
    def _to_components(self, value):
        if isinstance(value, RaggedTensor):
            return [value.flat_values] + list(value.nested_row_splits)
        return [value]

    def _from_components(self, components):
        flat, splits = components[0], components[1:]
        if not splits:
            return flat
        result = RaggedTensor.from_nested_row_splits(flat, splits, validate=False)
        _set_static_shape(result, self._shape)
        return result

    @property
    def _component_specs(self):
        """The TensorSpecs of the components: flat values ([None] + the uniform inner shape),
        the outer row splits ([nrows + 1]) and the inner ones ([None]), as TF's."""
        from ..function import TensorSpec
        shape = self._shape
        rr = self._ragged_rank
        if rr == 0:
            return [TensorSpec(shape, self._dtype)]
        dims = shape.as_list() if shape.rank is not None else None
        flat = TensorSpec(None if dims is None else [None] + dims[rr + 1:], self._dtype)
        outer = None if dims is None or dims[0] is None else dims[0] + 1
        return [flat, TensorSpec([outer], self._row_splits_dtype)] + [
            TensorSpec([None], self._row_splits_dtype) for _ in range(rr - 1)]

    def __eq__(self, other):
        return (isinstance(other, RaggedTensorSpec) and self._dtype == other._dtype
                and self._shape == other._shape and self._ragged_rank == other._ragged_rank
                and self._row_splits_dtype == other._row_splits_dtype)

    def __hash__(self):
        return hash((str(self._shape), self._dtype.name, self._ragged_rank))

    def __repr__(self):
        return (f"RaggedTensorSpec({self._shape!r}, {self._dtype!r}, {self._ragged_rank}, "
                f"{self._row_splits_dtype!r})")
