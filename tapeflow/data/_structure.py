"""Elements and their specs: the nests of tensors a dataset yields, and how TF describes them.

An *element* is a nest (tuples, dicts, namedtuples) whose leaves are `Tensor`s, `SparseTensor`s
or nested `Dataset`s (windows). Its *spec* is the same nest with each leaf replaced by a
`TensorSpec`, `SparseTensorSpec` or `DatasetSpec`. Lists are values, not structure: as in TF,
`from_tensor_slices([1, 2])` slices one tensor (a list returned by a user function is turned into
a tuple, as TF does).

Everything here reaches NumPy arrays through two helpers, `values_of` and `tensor_of`, so that the
data pipeline can later run on another array backend.
"""
import collections.abc as _abc

import numpy as np

from ..framework import dtypes, nest
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..framework.tensor_shape import TensorShape
from ..function import TensorSpec


def tensor_of(array):
    """A Tensor over a NumPy value (0-d values as NumPy scalars, strings as object arrays)."""
    if isinstance(array, np.ndarray) and array.ndim == 0 and array.dtype != object:
        return wrap(array[()])
    return wrap(array)


def value_of(tensor):
    """The NumPy value under a tensor (not copied: tensors are immutable)."""
    return tensor._value


def slice_value(array, i):
    """Row `i` of an array, as the value a 0-d-or-more tensor holds."""
    row = array[i]
    if array.dtype == object and array.ndim == 1:
        return np.array(row, dtype=object)
    return row


# -- specs ---------------------------------------------------------------------------------------
class DatasetSpec:
    """The spec of a dataset-valued element (the windows of `Dataset.window`).

    >>> tf.data.Dataset.range(3).window(2).element_spec
    DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorShape([]))
    """

    def __init__(self, element_spec, dataset_shape=()):
        self._element_spec = element_spec
        self._dataset_shape = TensorShape(dataset_shape)

    element_spec = property(lambda self: self._element_spec)
    shape = property(lambda self: self._dataset_shape)

    @property
    def value_type(self):
        from .dataset_ops import Dataset
        return Dataset

    def __eq__(self, other):
        return (isinstance(other, DatasetSpec) and self._element_spec == other._element_spec
                and self._dataset_shape == other._dataset_shape)

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        return f"DatasetSpec({self._element_spec!r}, {self._dataset_shape!r})"


_SPARSE = []


def _sparse_types():
    if not _SPARSE:
        from ..framework.sparse_tensor import SparseTensor, SparseTensorSpec
        _SPARSE[:] = [SparseTensor, SparseTensorSpec]
    return _SPARSE


_RAGGED = []


def ragged_types():
    """(RaggedTensor, RaggedTensorSpec), imported on first use."""
    if not _RAGGED:
        from ..ragged.ragged_tensor import RaggedTensor, RaggedTensorSpec
        _RAGGED[:] = [RaggedTensor, RaggedTensorSpec]
    return _RAGGED


def ragged_rows(rt):
    """The rows of a RaggedTensor (Tensors when it has one ragged dimension)."""
    return [rt[i] for i in range(int(rt.nrows()))]


def spec_of(leaf):
    """The spec of one element leaf."""
    if isinstance(leaf, Tensor):
        return TensorSpec(leaf.shape, leaf.dtype)
    if isinstance(leaf, ragged_types()[0]):
        return leaf._type_spec
    from .dataset_ops import Dataset
    if isinstance(leaf, Dataset):
        return DatasetSpec(leaf.element_spec)
    sparse, sparse_spec = _sparse_types()
    if isinstance(leaf, sparse):
        return sparse_spec(leaf.shape, leaf.dtype)
    raise TypeError(f"Unsupported element leaf of type {type(leaf).__name__}")


def element_spec_of(element):
    return nest.map_structure(spec_of, element)


def _is_structure(x):
    """Tuples, namedtuples and mappings are structure; lists and everything else are values."""
    return isinstance(x, (tuple, _abc.Mapping))


def map_leaves(fn, structure):
    """`fn` on every leaf, where lists count as leaves (tf.data's rule)."""
    if isinstance(structure, _abc.Mapping):
        out = {k: map_leaves(fn, structure[k]) for k in structure}
        return out if type(structure) is dict else type(structure)(out)
    if isinstance(structure, tuple):
        items = [map_leaves(fn, x) for x in structure]
        return type(structure)(*items) if hasattr(structure, "_fields") else tuple(items)
    return fn(structure)


def _leaf_to_tensor(x, dtype=None):
    if type(x) is Tensor and dtype is None:
        return x
    from .dataset_ops import Dataset
    sparse, _ = _sparse_types()
    if isinstance(x, (Dataset, sparse, ragged_types()[0])):
        return x
    if getattr(x, "_is_variable", False):
        return convert_to_tensor(x.value() if hasattr(x, "value") else x, dtype)
    return convert_to_tensor(x, dtype)


def normalize_element(value):
    """Converts every leaf of a user-given element to a tensor (lists become tensors)."""
    return map_leaves(_leaf_to_tensor, value)


def normalize_function_output(value):
    """A user function's result as an element: a top-level list becomes a tuple, as in TF."""
    t = type(value)
    if t is Tensor:
        return value
    if t is list:
        value, t = tuple(value), tuple
    if t is tuple:
        return tuple(v if type(v) is Tensor else _normalize_nested(v) for v in value)
    return _normalize_nested(value)


def _normalize_nested(v):
    if isinstance(v, list):
        try:
            return _leaf_to_tensor(v)
        except (TypeError, ValueError):
            return tuple(_normalize_nested(x) for x in v)
    if _is_structure(v):
        return map_leaves(_normalize_nested, v) if isinstance(v, _abc.Mapping) else \
            (type(v)(*[_normalize_nested(x) for x in v]) if hasattr(v, "_fields")
             else tuple(_normalize_nested(x) for x in v))
    return _leaf_to_tensor(v)


def flattener(structure):
    """A fast `nest.flatten` for elements shaped like `structure` (plain tuples of leaves, the
    common case, skip the general walk)."""
    if type(structure) is tuple and not any(nest.is_nested(x) for x in structure):
        return list
    if not nest.is_nested(structure):
        return lambda e: [e]
    return nest.flatten


def packer(structure):
    """A fast `nest.pack_sequence_as(structure, leaves)`."""
    if type(structure) is tuple and not any(nest.is_nested(x) for x in structure):
        return tuple
    if not nest.is_nested(structure):
        return lambda leaves: leaves[0]
    return lambda leaves: nest.pack_sequence_as(structure, leaves)


def call_with_element(fn, element):
    """TF's calling rule: a plain tuple element is unpacked into positional arguments."""
    if type(element) is tuple:
        return fn(*element)
    return fn(element)


# -- combining specs -----------------------------------------------------------------------------
def most_specific_compatible_shape(a, b):
    """The shape that covers both: dims that differ become None, ranks that differ unknown."""
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


def most_specific_compatible_spec(a, b):
    def one(x, y):
        if isinstance(x, TensorSpec):
            return TensorSpec(most_specific_compatible_shape(x.shape, y.shape), x.dtype)
        return x
    return nest.map_structure(one, a, b)


def spec_types(spec):
    """The dtypes (or spec classes) of a spec nest, for type-compatibility checks."""
    return nest.map_structure(lambda s: getattr(s, "dtype", type(s).__name__), spec)


def types_repr(spec):
    return repr(spec_types(spec))


def unknown_sizes(input_spec, input_element):
    """The sizes, in this element, of the dimensions its spec leaves unknown (a tuple)."""
    sizes = []
    for spec, leaf in zip(nest.flatten(input_spec), nest.flatten(input_element)):
        if isinstance(spec, TensorSpec) and isinstance(leaf, Tensor):
            if spec.shape.rank is None:
                sizes += leaf.shape.as_list()
                continue
            sizes += [size for dim, size in zip(spec.shape.as_list(), leaf.shape.as_list())
                      if dim is None]
    return tuple(sizes)


def relax_shapes(output_spec, input_spec, input_element):
    """Output dims that equal a size the input spec leaves unknown become unknown.

    The eager stand-in for TF's shape inference: a map over batches of unknown size yields
    batches of unknown size.
    """
    sizes = set(unknown_sizes(input_spec, input_element))
    if not sizes:
        return output_spec

    def relax(s):
        if isinstance(s, TensorSpec) and s.shape.rank is not None:
            return TensorSpec([None if d in sizes else d for d in s.shape.as_list()],
                              s.dtype, s.name)
        return s
    return nest.map_structure(relax, output_spec)


def placeholder_for(spec):
    """A concrete element matching `spec` (unknown dims of size 1): the probe for a user
    function when its input dataset has no element to offer."""
    def one(s):
        if isinstance(s, TensorSpec):
            shape = [1 if d is None else d for d in (s.shape.as_list() if s.shape.rank is not None
                                                    else [])]
            if s.dtype == dtypes.string:
                return tensor_of(np.full(shape, b"", dtype=object))
            return tensor_of(np.zeros(shape, dtype=s.dtype.as_numpy_dtype))
        if isinstance(s, DatasetSpec):
            from .dataset_ops import Dataset
            return Dataset.from_tensors(placeholder_for(s.element_spec)).take(0)
        raise TypeError(f"No placeholder for {s!r}")
    return nest.map_structure(one, spec)


# -- SparseTensor components -----------------------------------------------------------------------
def _sparse(indices, values, dense_shape):
    sparse, _ = _sparse_types()
    return sparse(wrap(np.asarray(indices, dtype=np.int64)), wrap(values),
                  wrap(np.asarray(dense_shape, dtype=np.int64)))


def sparse_rows(sp):
    """The rows (along the first dimension) of a SparseTensor, each a SparseTensor."""
    indices = np.asarray(sp.indices._value)
    values = np.asarray(sp.values._value)
    shape = np.asarray(sp.dense_shape._value)
    if shape.size == 0:
        raise ValueError("Unbatching a tensor is only supported for rank >= 1")
    rows = []
    for i in range(int(shape[0])):
        keep = indices[:, 0] == i
        rows.append(_sparse(indices[keep][:, 1:].reshape(-1, shape.size - 1), values[keep],
                            shape[1:]))
    return rows


def stack_sparse(items):
    """SparseTensors of one rank batched along a new first dimension (dense shape: the largest
    in each dimension, as TF)."""
    shapes = [np.asarray(s.dense_shape._value) for s in items]
    rank = shapes[0].size
    if any(s.size != rank for s in shapes):
        from ..framework import errors
        raise errors.InvalidArgumentError(None, None, "Cannot batch SparseTensors of different "
                                                      "ranks")
    indices = [np.concatenate([np.full((len(np.asarray(s.indices._value)), 1), b, np.int64),
                               np.asarray(s.indices._value).reshape(-1, rank)], axis=1)
               for b, s in enumerate(items)]
    values = np.concatenate([np.asarray(s.values._value) for s in items])
    dense = [len(items)] + (np.max(np.stack(shapes), axis=0).tolist() if rank else [])
    return _sparse(np.concatenate(indices).reshape(-1, rank + 1), values, dense)
