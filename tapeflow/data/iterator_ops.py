"""Iterators over datasets: `tf.data.Iterator` (`iter(dataset)`), `NumpyIterator`
(`as_numpy_iterator()`) and `tf.experimental.Optional` (`get_next_as_optional()`).

An `OwnedIterator` holds the Python iterator that `Dataset._make_iterator()` built; that method
is the single hook through which iteration starts (graph-mode work will hook iteration inside
`tf.function` there).

    >>> it = iter(tf.data.Dataset.range(2))
    >>> it.get_next()
    <tf.Tensor: shape=(), dtype=int64, numpy=0>
    >>> it.get_next_as_optional().has_value()
    <tf.Tensor: shape=(), dtype=bool, numpy=True>
"""
import contextlib
import itertools

import numpy as np

from ..framework import errors, nest
from ..framework.op import ANY, apply, defop
from ..framework.op import state as _op_state
from ..framework.variables import Variable
from ..module import Module
from . import _structure as S


class Iterator(Module):
    """The base class of dataset iterators (`tf.data.Iterator`).

    It is a `tf.Module` here so that `tf.train.Checkpoint(iterator=it)` accepts it.
    """

    @property
    def element_spec(self):
        raise NotImplementedError

    def get_next(self):
        raise NotImplementedError

    def get_next_as_optional(self):
        raise NotImplementedError


class OwnedIterator(Iterator):
    """The iterator `iter(dataset)` returns."""

    def __init__(self, dataset):
        Module.__init__(self, name="iterator")
        self._dataset = dataset
        dataset._start_pass()
        self._iterator = dataset._make_iterator()
        self._produced = 0
        self._position = None

    @property
    def element_spec(self):
        return self._dataset.element_spec

    def __iter__(self):
        return self

    def __next__(self):
        if _op_state.interpreters:
            from ..framework.graph import building_graph
            if building_graph() is not None:  # inside tf.function: an op that pulls at run time
                return _graph_get_next(self)
        element = next(self._iterator)
        self._produced += 1
        return element

    next = __next__

    def get_next(self, name=None):
        """The next element; `tf.errors.OutOfRangeError` at the end."""
        try:
            return self.__next__()
        except StopIteration:
            raise errors.OutOfRangeError(None, None, "End of sequence") from None

    def get_next_as_optional(self):
        """The next element wrapped in an `Optional` (empty at the end)."""
        try:
            return Optional.from_value(self.__next__())
        except StopIteration:
            return Optional.empty(self._dataset.element_spec)

    # -- checkpointing ----------------------------------------------------------------------------
    # The saved state is the number of elements produced. Restoring it replays the pipeline from
    # its start and skips that many elements: exact for deterministic pipelines (a reshuffling
    # `shuffle` replays a different order), and it costs a pass over the skipped prefix.
    def _checkpoint_children(self):
        if self._position is None:
            self._position = _IteratorPosition(self)
        self._position._set_quietly(self._produced)
        return [("position", self._position)]

    def _restore_position(self, n):
        self._close()
        self._iterator = self._dataset._make_iterator()
        for _ in itertools.islice(self._iterator, n):
            pass
        self._produced = n

    def _close(self):
        close = getattr(self._iterator, "close", None)
        if close is not None:
            close()

    def __del__(self):
        with contextlib.suppress(Exception):  # interpreter shutdown may have torn down modules
            self._close()


class _IteratorPosition(Variable):
    """An int64 variable holding an iterator's position; assigning it (a checkpoint restore)
    moves the iterator there."""

    def __init__(self, iterator):
        super().__init__(np.int64(0), trainable=False, name="iterator_position")
        self._owner = iterator

    def _set_quietly(self, n):
        super().assign(np.int64(n))

    def assign(self, value, use_locking=False, name=None, read_value=True):
        out = super().assign(value, use_locking, name, read_value)
        self._owner._restore_position(int(np.asarray(self._value)))
        return out


def _get_next_forward(iterator, structure):
    """IteratorGetNext's forward: the iterator's next element, as flat NumPy values."""
    try:
        element = next(iterator._iterator)
    except StopIteration:
        raise errors.OutOfRangeError(None, None, "End of sequence") from None
    iterator._produced += 1
    return tuple(np.asarray(x._value) if hasattr(x, "_value") else np.asarray(x)
                 for x in nest.flatten(element))


def _get_next_shape(iterator, structure):
    from ..framework.tensor import AbstractArray
    out = []
    for spec in nest.flatten(iterator.element_spec):
        shape = spec.shape
        out.append(AbstractArray(None if shape.rank is None else tuple(shape.as_list()),
                                 spec.dtype._np))
    return tuple(out)


def _no_vmap(op, args, dims, attrs):
    raise NotImplementedError("vmap of a dataset iterator is not supported")


# An iterator's next element inside a graph: a stateful op pulling from the (Python) iterator
# each time the graph runs, as TF's IteratorGetNext.
GET_NEXT = defop("IteratorGetNext", _get_next_forward, nondiff=True, stateful=True, allowed=ANY,
                 num_outputs=lambda attrs: len(nest.flatten(attrs["iterator"].element_spec)),
                 shape=_get_next_shape, batch=_no_vmap)


def _graph_get_next(iterator):
    outs = apply(GET_NEXT, (), {"iterator": iterator, "structure": None})
    return nest.pack_sequence_as(iterator.element_spec, list(outs))


class NumpyIterator:
    """Yields the dataset's elements as NumPy values (bytes for strings)."""

    def __init__(self, dataset):
        self._iterator = OwnedIterator(dataset)

    def __iter__(self):
        return self

    def __next__(self):
        element = next(self._iterator)
        return nest.map_structure(_to_numpy, element)

    next = __next__

    def __repr__(self):
        return f"NumpyIterator(iterator={self._iterator!r})"


def _to_numpy(leaf):
    if hasattr(leaf, "numpy"):
        return leaf.numpy()
    return leaf


class Optional:
    """A value that may be absent (`tf.experimental.Optional`)."""

    def __init__(self, value, spec, has):
        self._value = value
        self._spec = spec
        self._has = has

    @staticmethod
    def from_value(value):
        value = S.normalize_element(value)
        return Optional(value, S.element_spec_of(value), True)

    @staticmethod
    def empty(element_spec):
        return Optional(None, element_spec, False)

    @property
    def element_spec(self):
        return self._spec

    def has_value(self, name=None):
        return S.tensor_of(np.asarray(self._has))

    def get_value(self, name=None):
        if not self._has:
            raise errors.InvalidArgumentError(None, None,
                                              "The given optional does not have a value.")
        return self._value
