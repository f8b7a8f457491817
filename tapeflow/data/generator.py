"""`Dataset.from_generator`: elements from a Python generator, checked against a signature.

    >>> def gen():
    ...     yield 1, [2.0, 3.0]
    >>> ds = tf.data.Dataset.from_generator(gen, output_types=(tf.int32, tf.float32),
    ...                                     output_shapes=((), (None,)))
    >>> ds.element_spec
    (TensorSpec(shape=(), dtype=tf.int32, name=None), TensorSpec(shape=(None,), dtype=tf.float32, name=None))
"""
import numpy as np

from ..framework import dtypes, errors, nest
from ..framework.tensor_shape import TensorShape
from ..function import TensorSpec
from . import _structure as S
from .dataset_ops import UNKNOWN, Dataset, _flatten_up_to


def _is_shape_leaf(x):
    return x is None or isinstance(x, TensorShape) or (
        isinstance(x, (list, tuple)) and all(d is None or isinstance(d, (int, np.integer))
                                             for d in x))


def _signature(output_types, output_shapes, output_signature):
    if output_signature is not None:
        if output_types is not None or output_shapes is not None:
            raise TypeError("The `output_types` and `output_shapes` arguments can not be used "
                            "together with the `output_signature` argument.")
        for s in nest.flatten(output_signature):
            if not isinstance(s, TensorSpec):
                raise TypeError(f"`output_signature` must contain objects that are subclass of "
                                f"`tf.TypeSpec` but found {type(s)} which is not.")
        return output_signature
    if output_types is None:
        if output_shapes is not None:
            raise TypeError("The `output_types` argument can not be used with "
                            "`output_shapes` argument being set.")
        raise TypeError("To specify the output signature you need to provide either the "
                        "`output_signature` argument or the `output_types` argument.")
    types = nest.map_structure(dtypes.as_dtype, output_types)
    if output_shapes is None:
        shapes = [TensorShape(None)] * len(nest.flatten(types))
    elif not nest.is_nested(types):
        shapes = [TensorShape(output_shapes)]
    else:
        shapes = [TensorShape(s) for s in _flatten_shapes(types, output_shapes)]
    return nest.pack_sequence_as(types, [TensorSpec(sh, t)
                                         for sh, t in zip(shapes, nest.flatten(types))])


def _flatten_shapes(types, shapes):
    if not nest.is_nested(types):
        if not _is_shape_leaf(shapes):
            raise ValueError(f"Invalid output shape {shapes!r}")
        return [shapes]
    if isinstance(types, dict):
        return [s for k in sorted(types) for s in _flatten_shapes(types[k], shapes[k])]
    if len(types) != len(shapes):
        raise ValueError("The two structures don't have the same nested structure.")
    return [s for t, sh in zip(types, shapes) for s in _flatten_shapes(t, sh)]


def _convert(value, spec):
    dtype = spec.dtype
    try:
        if dtype == dtypes.string:
            arr = np.asarray(value, dtype=object)
            arr = np.vectorize(lambda v: v.encode() if isinstance(v, str) else bytes(v),
                               otypes=[object])(arr) if arr.size else arr
            if not all(isinstance(v, bytes) for v in arr.reshape(-1)):
                raise TypeError
        else:
            arr = np.asarray(value)
            if arr.dtype.kind in "SUO" and dtype != dtypes.string:
                raise TypeError
            arr = arr.astype(dtype.as_numpy_dtype)
    except (TypeError, ValueError):
        raise errors.InvalidArgumentError(
            None, None, f"TypeError: `generator` yielded an element that could not be converted "
                        f"to the expected type. The expected type was {dtype.name}, but the "
                        f"yielded element was {value}.") from None
    if not spec.shape.is_compatible_with(TensorShape(arr.shape)):
        raise errors.InvalidArgumentError(
            None, None, f"TypeError: `generator` yielded an element of shape {arr.shape} where "
                        f"an element of shape {spec.shape} was expected.")
    return S.tensor_of(arr)


class _GeneratorDataset(Dataset):
    _tf_name = "_FlatMapDataset"  # TF builds from_generator from a flat_map

    def __init__(self, generator, signature, args):
        if not callable(generator):
            raise TypeError("`generator` must be a Python callable.")
        self._generator = generator
        self._signature = signature
        self._args = [S.normalize_element(a) for a in (args or ())]

    def _compute_element_spec(self):
        return self._signature

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        args = [nest.map_structure(lambda t: t.numpy(), a) for a in self._args]
        specs = nest.flatten(self._signature)
        structure = self._signature
        for value in self._generator(*args):
            if nest.is_nested(structure):
                try:
                    flat = _flatten_up_to(structure, value)
                except (ValueError, TypeError, KeyError, IndexError):
                    flat = None
                if flat is None or len(flat) != len(specs):
                    raise errors.InvalidArgumentError(
                        None, None, f"TypeError: `generator` yielded an element that did not "
                                    f"match the expected structure. The expected structure was "
                                    f"{S.types_repr(structure)}, but the yielded element was "
                                    f"{value}.")
            else:
                flat = [value]
            yield nest.pack_sequence_as(structure, [_convert(v, s) for v, s in zip(flat, specs)])


def from_generator(generator, output_types=None, output_shapes=None, args=None,
                   output_signature=None):
    return _GeneratorDataset(generator, _signature(output_types, output_shapes, output_signature),
                             args)
