"""`tf.data.Dataset`: input pipelines built from sources and transformations, run eagerly.

A dataset is a recipe; iterating it (`for x in ds`, `iter(ds)`) makes an iterator that pulls
elements through the chain. Every dataset class knows three things: its element spec (lazily
computed: for a user function, by running it on a probe element, see `_structured_function`),
its cardinality (`INFINITE_CARDINALITY` = -1, `UNKNOWN_CARDINALITY` = -2, as TF) and how to make
an iterator over its elements (`_make_iterator`). The class names are TF's, so a dataset prints
as it does in TF:

    >>> ds = tf.data.Dataset.from_tensor_slices([1, 2, 3]).map(lambda x: x * 2)
    >>> ds
    <_MapDataset element_spec=TensorSpec(shape=(), dtype=tf.int32, name=None)>
    >>> list(ds.as_numpy_iterator())
    [np.int32(2), np.int32(4), np.int32(6)]

Threads: `map(num_parallel_calls=...)` runs the function on a thread pool (NumPy releases the GIL
in its kernels), keeping input order unless `deterministic=False`; `prefetch` fills a bounded
queue from a background thread that stops when its iterator is closed or collected.
"""
import collections
import concurrent.futures
import itertools
import os
import time
import weakref

import numpy as np

from ..framework import dtypes, errors, nest
from ..framework.tensor import Tensor
from ..framework.tensor_shape import TensorShape
from ..function import TensorSpec
from . import _structure as S
from ._structured_function import StructuredFunction
from .options import Options

AUTOTUNE = -1
INFINITE = -1
UNKNOWN = -2
_INT64_MAX = np.iinfo(np.int64).max


def _error(cls, message):
    return cls(None, None, message)


def _as_int(x, what="value"):
    if isinstance(x, Tensor):
        return int(S.value_of(x))
    return int(x)


def _parallelism(num_parallel_calls):
    if num_parallel_calls is None:
        return None
    n = _as_int(num_parallel_calls)
    if n == AUTOTUNE:
        return os.cpu_count() or 1
    if n <= 0:
        raise ValueError("num_parallel_calls must be a positive integer or tf.data.AUTOTUNE, "
                         f"got {n}")
    return n


class Dataset:
    """A sequence of elements, each a nest of tensors. Build one with a source
    (`from_tensor_slices`, `range`, `from_generator`, file readers) and chain transformations.

    >>> [int(x) for x in tf.data.Dataset.range(5).filter(lambda x: x % 2 == 0)]
    [0, 2, 4]
    """

    _inputs = ()

    # -- what subclasses provide --------------------------------------------------------------
    def _compute_element_spec(self):
        raise NotImplementedError

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        """A Python iterator over the elements (a fresh pass over the data)."""
        raise NotImplementedError

    def _start_pass(self):
        """Told when `iter()` makes an iterator over a pipeline containing this dataset, before
        any element is pulled: TF makes the iterators of a chain of transformations (and of a
        zip's inputs) right then, while tapeflow's start at the first element. A reshuffling
        `shuffle` draws its pass's seeds here, as TF does when its iterator is made."""
        for d in getattr(self, "_inputs", ()) if isinstance(self, _ZipDataset) else \
                (getattr(self, "_input", None),):
            if isinstance(d, Dataset):
                d._start_pass()

    # -- element spec, printing ----------------------------------------------------------------
    @property
    def element_spec(self):
        """The spec nest of every element (TensorSpec leaves).

        >>> tf.data.Dataset.range(3).element_spec
        TensorSpec(shape=(), dtype=tf.int64, name=None)
        """
        spec = self.__dict__.get("_element_spec")
        if spec is None:
            spec = self._compute_element_spec()
            self._element_spec = spec
        return spec

    def _probe_iterator(self):
        """Elements of this dataset for probing a user function: any elements will do, so a
        shuffle, prefetch, cache or repeat hands on its input's (a probe below a
        `shuffle(10000)` need not fill the buffer)."""
        return self._make_iterator()

    def _first_elements(self, n):
        """Up to `n` first elements (for probing a user function)."""
        it = self._probe_iterator()
        try:
            return list(itertools.islice(it, n))
        finally:
            _close(it)

    def _probe_elements(self):
        """Two elements to run a user function on to learn its output spec: the first two
        (a dimension that differs between their outputs is data-dependent, so unknown), or a
        placeholder when the dataset is empty."""
        found = self._first_elements(2)
        return found if found else [S.placeholder_for(self.element_spec)]

    def _probe_element(self):
        return self._probe_elements()[0]

    _tf_name = None

    def __repr__(self):
        name = self._tf_name or type(self).__name__
        return f"<{name} element_spec={self.element_spec!r}>"

    def __bool__(self):
        return True

    __nonzero__ = __bool__

    # -- iteration -----------------------------------------------------------------------------
    def __iter__(self):
        """An `OwnedIterator` over the elements.

        >>> next(iter(tf.data.Dataset.range(3)))
        <tf.Tensor: shape=(), dtype=int64, numpy=0>
        """
        from .iterator_ops import OwnedIterator
        return OwnedIterator(self)

    def as_numpy_iterator(self):
        """An iterator of NumPy values (bytes for strings).

        >>> list(tf.data.Dataset.from_tensor_slices(["a", "b"]).as_numpy_iterator())
        [b'a', b'b']
        """
        for spec in nest.flatten(self.element_spec):
            if not isinstance(spec, TensorSpec) and type(spec).__name__ != "SparseTensorSpec":
                raise TypeError(f"Dataset.as_numpy_iterator() is not supported for datasets that "
                                f"produce values of type {type(spec).__name__}")
        from .iterator_ops import NumpyIterator
        return NumpyIterator(self)

    def as_numpy(self):
        return self.as_numpy_iterator()

    # -- size ----------------------------------------------------------------------------------
    def cardinality(self):
        """The number of elements as an int64 tensor: -1 infinite, -2 unknown.

        >>> tf.data.Dataset.range(10).batch(3).cardinality()
        <tf.Tensor: shape=(), dtype=int64, numpy=4>
        """
        return S.tensor_of(np.array(self._cardinality(), dtype=np.int64))

    def __len__(self):
        n = self._cardinality()
        if n == INFINITE:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN:
            raise TypeError("The dataset length is unknown.")
        return n

    # -- options -------------------------------------------------------------------------------
    def options(self):
        """The options set by `with_options` anywhere upstream, merged."""
        merged = Options()
        for d in self._inputs:
            merged = merged.merge(d.options())
        return merged

    def with_options(self, options, name=None):
        """The same dataset with `options` (a `tf.data.Options`) merged in."""
        return _OptionsDataset(self, options)

    # -- sources -------------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        """One element per row of the first dimension of every component.

        >>> list(tf.data.Dataset.from_tensor_slices(([1, 2], [3.0, 4.0])).as_numpy_iterator())
        [(np.int32(1), np.float32(3.0)), (np.int32(2), np.float32(4.0))]
        """
        return _TensorSliceDataset(tensors)

    @staticmethod
    def from_tensors(tensors, name=None):
        """A dataset of exactly one element, `tensors`."""
        return _TensorDataset(tensors)

    @staticmethod
    def range(*args, **kwargs):
        """`range(stop)`, `range(start, stop[, step])`, int64 by default (`output_type=`).

        >>> list(tf.data.Dataset.range(1, 8, 3).as_numpy_iterator())
        [np.int64(1), np.int64(4), np.int64(7)]
        """
        return _RangeDataset(*args, **kwargs)

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None,
                       output_signature=None, name=None):
        """Elements from a Python generator: `generator(*args)` is called for every pass.

        >>> ds = tf.data.Dataset.from_generator(lambda: iter([1, 2]),
        ...                                     output_signature=tf.TensorSpec((), tf.int32))
        >>> [int(x) for x in ds]
        [1, 2]
        """
        from .generator import from_generator
        return from_generator(generator, output_types, output_shapes, args, output_signature)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        """Elements of several datasets side by side (a tuple or dict of datasets)."""
        if datasets is None:
            datasets = args[0] if len(args) == 1 else tuple(args)
        elif args:
            raise TypeError("Both `*args` and `datasets` cannot be set.")
        return _ZipDataset(datasets)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None, name=None):
        """The file names matching a glob pattern (or list of patterns); shuffled by default."""
        from .readers import list_files
        return list_files(file_pattern, shuffle, seed)

    @staticmethod
    def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False,
                             rerandomize_each_iteration=None):
        """Elements drawn at random from `datasets` with probabilities `weights`."""
        return _DirectedInterleaveDataset.sample(datasets, weights, seed, stop_on_empty_dataset)

    @staticmethod
    def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=True):
        """The element of `datasets[i]` for each index `i` of `choice_dataset` (int64 scalars).

        >>> ds = tf.data.Dataset.choose_from_datasets(
        ...     [tf.data.Dataset.from_tensors(0).repeat(), tf.data.Dataset.from_tensors(1).repeat()],
        ...     tf.data.Dataset.range(2).repeat(2))
        >>> [int(x) for x in ds]
        [0, 1, 0, 1]
        """
        return _DirectedInterleaveDataset.choose(datasets, choice_dataset, stop_on_empty_dataset)

    @staticmethod
    def random(seed=None, rerandomize_each_iteration=None, name=None):
        """An infinite dataset of random int64 scalars (not TF's stream)."""
        return _RandomDataset(seed, rerandomize_each_iteration)

    @staticmethod
    def counter(start=0, step=1, dtype=dtypes.int64, name=None):
        """`start, start + step, ...` forever."""
        return _counter(start, step, dtype)

    # -- transformations -----------------------------------------------------------------------
    def apply(self, transformation_func):
        """`transformation_func(self)`, which must return a dataset."""
        out = transformation_func(self)
        if not isinstance(out, Dataset):
            raise TypeError(f"`transformation_func` must return a `tf.data.Dataset` object. Got "
                            f"{type(out)}.")
        return out

    def map(self, map_func, num_parallel_calls=None, deterministic=None, synchronous=None,
            use_unbounded_threadpool=False, name=None):
        """`map_func` on every element (tuple elements are unpacked into arguments).

        With `num_parallel_calls` (a number or `tf.data.AUTOTUNE`), the function runs on a
        thread pool; results keep input order unless `deterministic=False`.
        """
        return _MapDataset(self, map_func, num_parallel_calls, deterministic)

    def filter(self, predicate, name=None):
        """The elements for which `predicate` returns a scalar `tf.bool` True."""
        return _FilterDataset(self, predicate)

    def flat_map(self, map_func, name=None):
        """The elements of the dataset `map_func(element)` returns, one dataset after another."""
        return _FlatMapDataset(self, map_func)

    def interleave(self, map_func, cycle_length=None, block_length=None, num_parallel_calls=None,
                   deterministic=None, name=None):
        """Like `flat_map`, but `cycle_length` inner datasets at once, `block_length` elements
        from each in turn.

        >>> ds = tf.data.Dataset.range(1, 3).interleave(
        ...     lambda x: tf.data.Dataset.from_tensors(x).repeat(2), cycle_length=2)
        >>> [int(x) for x in ds]
        [1, 2, 1, 2]
        """
        return _InterleaveDataset(self, map_func, cycle_length, block_length, num_parallel_calls,
                                  deterministic)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None, deterministic=None,
              name=None):
        """Stacks `batch_size` consecutive elements (the last batch may be smaller)."""
        return _BatchDataset(self, batch_size, drop_remainder, num_parallel_calls)

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False, name=None):
        """Like `batch`, padding each component to `padded_shapes` (None dims: the longest)."""
        return _PaddedBatchDataset(self, batch_size, padded_shapes, padding_values, drop_remainder)

    def unbatch(self, name=None):
        """Splits every element along its first dimension."""
        return _UnbatchDataset(self)

    def rebatch(self, batch_size, drop_remainder=False, name=None):
        """Re-cuts a batched dataset into batches of `batch_size` (an int or a list of sizes
        used in turn)."""
        return _RebatchDataset(self, batch_size, drop_remainder)

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True, name=None):
        """Elements drawn at random from a buffer of `buffer_size` upcoming ones."""
        return _ShuffleDataset(self, buffer_size, seed, reshuffle_each_iteration)

    def repeat(self, count=None, name=None):
        """The dataset `count` times (forever for None or -1)."""
        return _RepeatDataset(self, count)

    def take(self, count, name=None):
        """The first `count` elements (all for -1)."""
        return _TakeDataset(self, count)

    def skip(self, count, name=None):
        """All but the first `count` elements (none for -1)."""
        return _SkipDataset(self, count)

    def shard(self, num_shards, index, name=None):
        """Every `num_shards`-th element, starting at `index`."""
        return _ShardDataset(self, num_shards, index)

    def prefetch(self, buffer_size, name=None):
        """Produces up to `buffer_size` elements ahead on a background thread."""
        return _PrefetchDataset(self, buffer_size)

    def cache(self, filename="", name=None):
        """Keeps the elements of the first complete pass (in memory, or in files at
        `filename`) and replays them on later passes."""
        from .cache import CacheDataset
        return CacheDataset(self, filename)

    def enumerate(self, start=0, name=None):
        """`(index, element)` pairs, the index an int64 from `start`."""
        return Dataset.zip((_RangeDataset(start, _INT64_MAX), self))

    def concatenate(self, dataset, name=None):
        """This dataset's elements, then `dataset`'s (their types must match)."""
        return _ConcatenateDataset(self, dataset)

    def reduce(self, initial_state, reduce_func, name=None):
        """Folds `reduce_func(state, element)` over the dataset; returns the final state.

        >>> tf.data.Dataset.range(5).reduce(np.int64(0), lambda s, x: s + x)
        <tf.Tensor: shape=(), dtype=int64, numpy=10>
        """
        state = S.normalize_element(initial_state)
        fn = StructuredFunction(reduce_func, "Dataset.reduce()", unpack=False)
        it = self._make_iterator()
        try:
            for element in it:
                state = _check_state(state, fn(state, element), "reduce_func")
        finally:
            _close(it)
        return state

    def scan(self, initial_state, scan_func, name=None):
        """Like `reduce`, but `scan_func(state, element)` returns `(new_state, output)` and the
        outputs form the new dataset."""
        return _ScanDataset(self, initial_state, scan_func)

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        """Windows of `size` elements (each a dataset, or a nest of datasets), starting every
        `shift` elements and taking every `stride`-th one."""
        return _WindowDataset(self, size, shift, stride, drop_remainder)

    def group_by_window(self, key_func, reduce_func, window_size=None, window_size_func=None,
                        name=None):
        """Groups elements by `key_func` (an int64 scalar) into windows of `window_size`, each
        passed as a dataset to `reduce_func(key, window)`."""
        return _GroupByWindowDataset(self, key_func, reduce_func, window_size, window_size_func)

    def bucket_by_sequence_length(self, element_length_func, bucket_boundaries,
                                  bucket_batch_sizes, padded_shapes=None, padding_values=None,
                                  pad_to_bucket_boundary=False, no_padding=False,
                                  drop_remainder=False, name=None):
        """Batches elements of similar length together (padded per bucket)."""
        return _bucket_by_sequence_length(self, element_length_func, bucket_boundaries,
                                          bucket_batch_sizes, padded_shapes, padding_values,
                                          pad_to_bucket_boundary, no_padding, drop_remainder)

    def take_while(self, predicate, name=None):
        """Elements up to (not including) the first for which `predicate` is False."""
        return _TakeWhileDataset(self, predicate)

    def unique(self, name=None):
        """Each distinct element once, in order of first appearance (int32/int64/string
        scalars)."""
        return _UniqueDataset(self)

    def ignore_errors(self, log_warning=False, name=None):
        """Drops the elements whose production raised an error."""
        return _IgnoreErrorsDataset(self, log_warning)

    def get_single_element(self, name=None):
        """The dataset's only element (InvalidArgumentError if it has none or several)."""
        it = self._make_iterator()
        try:
            try:
                first = next(it)
            except StopIteration:
                raise _error(errors.InvalidArgumentError, "Dataset was empty.") from None
            try:
                next(it)
            except StopIteration:
                return first
            raise _error(errors.InvalidArgumentError, "Dataset had more than one element.")
        finally:
            _close(it)

    def rejection_resample(self, class_func, target_dist, initial_dist=None, seed=None,
                           name=None):
        raise NotImplementedError("Dataset.rejection_resample is not implemented in tapeflow")

    def snapshot(self, path, compression="AUTO", reader_func=None, shard_func=None,
                 name=None):
        raise NotImplementedError("Dataset.snapshot is not implemented in tapeflow")

    def save(self, path, compression=None, shard_func=None, checkpoint_args=None):
        raise NotImplementedError("Dataset.save is not implemented in tapeflow")

    def ragged_batch(self, batch_size, drop_remainder=False, row_splits_dtype=dtypes.int64,
                     name=None):
        """Batches, with components of not fully known shape as RaggedTensors.

        >>> ds = tf.data.Dataset.range(1, 4).map(tf.range).ragged_batch(2)
        >>> [e.to_list() for e in ds]
        [[[0], [0, 1]], [[0, 1, 2]]]
        """
        return _RaggedBatchDataset(self, batch_size, drop_remainder, row_splits_dtype)

    def sparse_batch(self, batch_size, row_shape, name=None):
        raise NotImplementedError("Dataset.sparse_batch is not implemented in tapeflow")

    def distribute(self, *args, **kwargs):
        raise NotImplementedError("tf.data service (Dataset.distribute) is not available in "
                                  "tapeflow")


DatasetV2 = Dataset


def _close(it):
    close = getattr(it, "close", None)
    if close is not None:
        close()


def _check_state(old, new, func_name):
    """The new state of reduce/scan must keep the structure and dtypes of the initial state."""
    try:
        nest.assert_same_structure(old, new, check_types=False)
    except (ValueError, TypeError):
        raise TypeError(f"The element classes for the new state must match the initial state. "
                        f"Expected {S.element_spec_of(old)!r}; got {S.element_spec_of(new)!r}.") \
            from None
    old_types = [getattr(x, "dtype", None) for x in nest.flatten(old)]
    new_types = [getattr(x, "dtype", None) for x in nest.flatten(new)]
    if old_types != new_types:
        raise TypeError(f"The element types for the new state must match the initial state. "
                        f"Expected {S.types_repr(S.element_spec_of(old))}; got "
                        f"{S.types_repr(S.element_spec_of(new))}.")
    return new


class _UnaryDataset(Dataset):
    """A transformation of one input dataset that keeps its element spec unless told."""

    def __init__(self, input_dataset):
        if not isinstance(input_dataset, Dataset):
            raise TypeError(f"Expected a tf.data.Dataset, got {type(input_dataset).__name__}")
        self._input = input_dataset
        self._inputs = (input_dataset,)

    def _compute_element_spec(self):
        return self._input.element_spec

    def _cardinality(self):
        return self._input._cardinality()


# ===============================================================================================
# Sources
# ===============================================================================================
class _TensorSliceDataset(Dataset):
    def __init__(self, tensors):
        element = S.normalize_element(tensors)
        leaves = nest.flatten(element)
        if not leaves:
            raise ValueError("Invalid `element`. `element` should not be empty.")
        n = None
        sparse, _ = S._sparse_types()
        ragged = S.ragged_types()[0]
        for leaf in leaves:
            if not isinstance(leaf, (Tensor, sparse, ragged)):
                raise NotImplementedError(f"from_tensor_slices of {type(leaf).__name__} "
                                          "components is not implemented in tapeflow")
            if leaf.shape.rank == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
            rows = leaf.shape[0]
            if n is not None and rows != n:
                raise ValueError(f"Dimensions {n} and {rows} are not compatible")
            n = rows
        self._structure = element
        # a dense component is kept as its array, a sparse or ragged one as the list of its rows
        self._arrays = [np.asarray(S.value_of(leaf)) if isinstance(leaf, Tensor)
                        else S.ragged_rows(leaf) if isinstance(leaf, ragged)
                        else S.sparse_rows(leaf) for leaf in leaves]
        self._n = n

    def _compute_element_spec(self):
        def row_spec(t):
            if isinstance(t, Tensor):
                return TensorSpec(t.shape[1:], t.dtype)
            if isinstance(t, S.ragged_types()[0]):
                return S.ragged_types()[1](t.shape[1:], t.dtype, t.ragged_rank - 1,
                                           t.row_splits.dtype)
            return S.spec_of(t).__class__(t.shape[1:], t.dtype)
        return nest.map_structure(row_spec, self._structure)

    def _cardinality(self):
        return self._n

    def _make_iterator(self):
        arrays, structure = self._arrays, self._structure
        tensor_of, slice_value = S.tensor_of, S.slice_value
        if len(arrays) == 1 and not nest.is_nested(structure):
            a = arrays[0]
            if isinstance(a, list):  # the rows of a SparseTensor
                return iter(a)
            if a.dtype != object:
                return (tensor_of(row) for row in a)
            return (tensor_of(slice_value(a, i)) for i in range(self._n))
        pack = S.packer(structure)
        if any(isinstance(a, list) for a in arrays):
            return (pack([a[i] if isinstance(a, list) else tensor_of(slice_value(a, i))
                          for a in arrays]) for i in range(self._n))
        if all(a.dtype != object for a in arrays):
            return (pack([tensor_of(row) for row in rows]) for rows in zip(*arrays))
        return (pack([tensor_of(slice_value(a, i)) for a in arrays]) for i in range(self._n))


class _TensorDataset(Dataset):
    def __init__(self, tensors):
        self._element = S.normalize_element(tensors)

    def _compute_element_spec(self):
        return S.element_spec_of(self._element)

    def _cardinality(self):
        return 1

    def _make_iterator(self):
        return iter((self._element,))


class _RangeDataset(Dataset):
    def __init__(self, *args, output_type=dtypes.int64, name=None, dtype=None):
        if dtype is not None:
            output_type = dtype
        if not args or len(args) > 3:
            raise ValueError(f"Invalid arguments to RangeDataset: {args}")
        vals = [_as_int(a) for a in args]
        start, stop, step = (0, vals[0], 1) if len(vals) == 1 else (
            vals + [1] if len(vals) == 2 else vals)
        if step == 0:
            raise _error(errors.InvalidArgumentError, "step must be a non-zero integer.")
        self._range = (start, stop, step)
        self._dtype = dtypes.as_dtype(output_type)

    def _compute_element_spec(self):
        return TensorSpec((), self._dtype)

    def _cardinality(self):
        start, stop, step = self._range
        return max(0, -((start - stop) // step))

    def _make_iterator(self):
        np_type = self._dtype.as_numpy_dtype
        tensor_of = S.tensor_of
        start, stop, step = self._range
        return (tensor_of(np.asarray(i, dtype=np_type)) for i in range(start, stop, step))


class _RandomDataset(Dataset):
    def __init__(self, seed, rerandomize):
        from . import _seeds
        self._seed = _seeds.resolve(seed)
        self._rerandomize = rerandomize
        self._epoch = 0

    def _compute_element_spec(self):
        return TensorSpec((), dtypes.int64)

    def _cardinality(self):
        return INFINITE

    def _make_iterator(self):
        from . import _seeds
        epoch = self._epoch
        if self._rerandomize:
            self._epoch += 1
        rng = _seeds.generator(self._seed, epoch)

        def gen():
            while True:
                yield S.tensor_of(np.asarray(rng.integers(0, _INT64_MAX), dtype=np.int64))
        return gen()


def _counter(start, step, dtype):
    dtype = dtypes.as_dtype(dtype)
    first = np.asarray(_as_int(start), dtype=dtype.as_numpy_dtype)
    delta = np.asarray(_as_int(step), dtype=dtype.as_numpy_dtype)
    return Dataset.from_tensors(0).repeat(None).scan(
        S.tensor_of(first), lambda state, _: (state + S.tensor_of(delta), state))


# ===============================================================================================
# Element-wise transformations
# ===============================================================================================
class _MapIterator:
    """Sequential map: a class (not a generator) so an error in `fn` leaves it usable, as TF's
    iterators stay usable after a failed element (`ignore_errors` relies on it)."""

    def __init__(self, source, fn):
        self._source = source
        self._fn = fn

    def __iter__(self):
        return self

    def __next__(self):
        return self._fn(next(self._source))

    def close(self):
        _close(self._source)


class _ParallelMapIterator:
    """Runs `fn` on up to `parallelism` tasks at once on a thread pool.

    A task maps a chunk of consecutive elements; the chunk grows while tasks are short (tiny
    functions would otherwise spend more time in the pool than in `fn`) and stays at one element
    for slow functions, which are the ones that gain from threads (NumPy kernels release the
    GIL). With `deterministic`, results come in input order; otherwise in completion order.
    """

    _TARGET_TASK_SECONDS = 0.002
    _MAX_CHUNK = 256

    def __init__(self, source, fn, parallelism, deterministic):
        self._source = source
        self._fn = fn
        self._pool = concurrent.futures.ThreadPoolExecutor(parallelism,
                                                           thread_name_prefix="tf_data_map")
        self._finalizer = weakref.finalize(self, self._pool.shutdown, wait=False,
                                           cancel_futures=True)
        self._window = 2 * parallelism
        self._pending = collections.deque()
        self._ready = collections.deque()
        self._deterministic = deterministic
        self._exhausted = False
        self._chunk = 1

    def __iter__(self):
        return self

    def _run(self, elements):
        start = time.perf_counter()
        out = [self._fn(e) for e in elements]
        return out, (time.perf_counter() - start) / len(elements)

    def _fill(self):
        while not self._exhausted and len(self._pending) < self._window:
            chunk = list(itertools.islice(self._source, self._chunk))
            if len(chunk) < self._chunk:
                self._exhausted = True
            if chunk:
                self._pending.append(self._pool.submit(self._run, chunk))

    def _take(self):
        if self._deterministic:
            return self._pending.popleft()
        done, _ = concurrent.futures.wait(self._pending,
                                          return_when=concurrent.futures.FIRST_COMPLETED)
        future = next(f for f in self._pending if f in done)
        self._pending.remove(future)
        return future

    def __next__(self):
        if not self._ready:
            self._fill()
            if not self._pending:
                self.close()
                raise StopIteration
            results, per_element = self._take().result()
            wanted = int(self._TARGET_TASK_SECONDS / max(per_element, 1e-9))
            self._chunk = max(1, min(self._MAX_CHUNK, wanted))
            self._ready.extend(results)
        return self._ready.popleft()

    def close(self):
        for f in self._pending:
            f.cancel()
        self._pending.clear()
        self._finalizer()
        _close(self._source)


class _MapDataset(_UnaryDataset):
    def __init__(self, input_dataset, map_func, num_parallel_calls=None, deterministic=None):
        super().__init__(input_dataset)
        self._fn = StructuredFunction(map_func, "Dataset.map()")
        self._fn.trace(input_dataset.element_spec)  # (once, now, as TF traces it)
        self._parallelism = _parallelism(num_parallel_calls)
        self._deterministic = deterministic
        if self._parallelism is not None:
            self._tf_name = "_ParallelMapDataset"

    def _compute_element_spec(self):
        spec = self._fn.trace(self._input.element_spec)
        if spec is not None:
            return spec
        return self._fn.output_spec(self._input.element_spec,
                                    [(e,) for e in self._input._probe_elements()])

    def _probe_iterator(self):
        return _MapIterator(self._input._probe_iterator(), self._fn)

    def _make_iterator(self):
        source = self._input._make_iterator()
        if self._parallelism is None or self._parallelism == 1:
            return _MapIterator(source, self._fn)
        deterministic = self._deterministic
        if deterministic is None:
            deterministic = self.options().deterministic
            deterministic = True if deterministic is None else deterministic
        return _ParallelMapIterator(source, self._fn, self._parallelism, deterministic)


def _check_predicate_result(result, what):
    spec = S.element_spec_of(result) if not isinstance(result, (bool, np.bool_)) else None
    if spec is None:
        return bool(result)
    if not (isinstance(spec, TensorSpec) and spec.dtype == dtypes.bool_ and spec.shape.rank == 0):
        raise ValueError(f"Invalid `{what}`. `{what}` must return a `tf.bool` scalar tensor, but "
                         f"its return type is {spec!r}.")
    return bool(S.value_of(result))


class _FilterIterator:
    def __init__(self, source, predicate, what):
        self._source = source
        self._predicate = predicate
        self._what = what

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            element = next(self._source)
            if _check_predicate_result(self._predicate(element), self._what):
                return element

    def close(self):
        _close(self._source)


class _FilterDataset(_UnaryDataset):
    def __init__(self, input_dataset, predicate):
        super().__init__(input_dataset)
        self._predicate = StructuredFunction(predicate, "Dataset.filter()")
        self._predicate.trace(input_dataset.element_spec)

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        return _FilterIterator(self._input._make_iterator(), self._predicate, "predicate")

    def _probe_iterator(self):
        return _FilterIterator(self._input._probe_iterator(), self._predicate, "predicate")


class _TakeWhileDataset(_UnaryDataset):
    def __init__(self, input_dataset, predicate):
        super().__init__(input_dataset)
        self._predicate = StructuredFunction(predicate, "Dataset.take_while()")
        self._predicate.trace(input_dataset.element_spec)

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        source = self._input._make_iterator()
        for element in source:
            if not _check_predicate_result(self._predicate(element), "predicate"):
                _close(source)
                return
            yield element


class _ScanDataset(_UnaryDataset):
    def __init__(self, input_dataset, initial_state, scan_func):
        super().__init__(input_dataset)
        self._initial_state = S.normalize_element(initial_state)
        self._fn = StructuredFunction(scan_func, "Dataset.scan()", unpack=False)

    def _split(self, result):
        if not isinstance(result, tuple) or len(result) != 2:
            raise TypeError("The scan function must return a pair comprising the new state and "
                            "the output value.")
        return result

    def _compute_element_spec(self):
        probes = self._input._probe_elements()[:1]
        return self._fn.output_spec(self._input.element_spec,
                                    [(self._initial_state, p) for p in probes],
                                    select=lambda out: self._split(out)[1])

    def _make_iterator(self):
        state = self._initial_state
        source = self._input._make_iterator()
        for element in source:
            new_state, out = self._split(self._fn(state, element))
            state = _check_state(state, new_state, "scan_func")
            yield out


class _UniqueDataset(_UnaryDataset):
    def __init__(self, input_dataset):
        super().__init__(input_dataset)
        spec = input_dataset.element_spec
        if not isinstance(spec, TensorSpec):
            raise TypeError("Unique does not support datasets with structured elements: "
                            f"{spec!r}")
        if spec.dtype not in (dtypes.int32, dtypes.int64, dtypes.string):
            raise TypeError(f"Unique does not support type {spec.dtype!r}.")

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        seen = set()
        for element in self._input._make_iterator():
            v = S.value_of(element)
            key = v.item() if isinstance(v, np.ndarray) and v.ndim == 0 else (
                v.tobytes() if isinstance(v, np.ndarray) else v)
            if key not in seen:
                seen.add(key)
                yield element


class _IgnoreErrorsDataset(_UnaryDataset):
    def __init__(self, input_dataset, log_warning=False):
        super().__init__(input_dataset)
        self._log_warning = log_warning

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        source = self._input._make_iterator()
        while True:
            try:
                element = next(source)
            except StopIteration:
                return
            except errors.OpError as e:  # TF's errors; a Python bug in user code still raises
                if self._log_warning:
                    import warnings
                    warnings.warn(f"Error raised while producing an element, ignored: {e}",
                                  stacklevel=2)
                continue
            yield element


class _OptionsDataset(_UnaryDataset):
    def __init__(self, input_dataset, options):
        super().__init__(input_dataset)
        if not isinstance(options, Options):
            raise TypeError(f"`options` must be a `tf.data.Options`, got {type(options).__name__}")
        self._options = options

    def options(self):
        return self._input.options().merge(self._options)

    def _make_iterator(self):
        return self._input._make_iterator()

    def _probe_iterator(self):
        return self._input._probe_iterator()


class _AssertCardinalityDataset(_UnaryDataset):
    def __init__(self, input_dataset, expected):
        super().__init__(input_dataset)
        self._expected = _as_int(expected)

    def _cardinality(self):
        return self._expected

    def _make_iterator(self):
        n = 0
        expected = self._expected
        for element in self._input._make_iterator():
            n += 1
            if expected != INFINITE and n > expected:
                raise _error(errors.FailedPreconditionError,
                             f"Input dataset was expected to contain {expected} "
                             f"{'element' if expected == 1 else 'elements'} but contained at "
                             f"least {n} {'element' if n == 1 else 'elements'}.")
            yield element
        if n != expected:
            got = "only " if expected != INFINITE else ""
            raise _error(errors.FailedPreconditionError,
                         f"Input dataset was expected to contain "
                         f"{'an infinite number of' if expected == INFINITE else expected} "
                         f"{'element' if expected == 1 else 'elements'} but contained {got}"
                         f"{n} {'element' if n == 1 else 'elements'}.")


# ===============================================================================================
# Counting transformations
# ===============================================================================================
class _RepeatDataset(_UnaryDataset):
    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        self._count = -1 if count is None else _as_int(count)

    def _cardinality(self):
        n, c = self._input._cardinality(), self._count
        if c == 0 or n == 0:
            return 0
        if c < 0:
            return INFINITE  # even of an input of unknown size, as TF counts it
        if n < 0:
            return n
        return n * c

    def _probe_iterator(self):
        return self._input._probe_iterator() if self._count else iter(())

    def _make_iterator(self):
        epochs = itertools.count() if self._count < 0 else range(self._count)
        for _ in epochs:
            produced = False
            for element in self._input._make_iterator():
                produced = True
                yield element
            if not produced:
                return


class _TakeDataset(_UnaryDataset):
    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        self._count = _as_int(count)

    def _cardinality(self):
        n, c = self._input._cardinality(), self._count
        if c < 0:
            return n
        if n == INFINITE:
            return c
        if n == UNKNOWN:
            return UNKNOWN if c else 0
        return min(n, c)

    def _make_iterator(self):
        if self._count == 0:
            return iter(())
        source = self._input._make_iterator()
        if self._count < 0:
            return source
        return _LimitIterator(source, self._count)


class _LimitIterator:
    def __init__(self, source, count):
        self._source = source
        self._left = count

    def __iter__(self):
        return self

    def __next__(self):
        if self._left <= 0:
            _close(self._source)
            raise StopIteration
        self._left -= 1
        return next(self._source)

    def close(self):
        _close(self._source)


class _SkipDataset(_UnaryDataset):
    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        self._count = _as_int(count)

    def _cardinality(self):
        n, c = self._input._cardinality(), self._count
        if n in (INFINITE, UNKNOWN):
            return n
        if c < 0:
            return 0
        return max(0, n - c)

    def _make_iterator(self):
        source = self._input._make_iterator()
        if self._count < 0:
            for _ in source:
                pass
            return
        for _ in range(self._count):
            try:
                next(source)
            except StopIteration:
                return
        yield from source


class _ShardDataset(_UnaryDataset):
    def __init__(self, input_dataset, num_shards, index):
        super().__init__(input_dataset)
        self._n, self._i = _as_int(num_shards), _as_int(index)
        if self._n <= 0:
            raise _error(errors.InvalidArgumentError, "Number of shards must be greater than zero "
                         f"(currently num_shards = {self._n}).")
        if not 0 <= self._i < self._n:
            raise _error(errors.InvalidArgumentError, "Index must be between 0 and "
                         f"{self._n - 1} (currently index = {self._i}).")

    def _cardinality(self):
        n = self._input._cardinality()
        if n < 0:
            return n
        return n // self._n + (1 if n % self._n > self._i else 0)

    def _make_iterator(self):
        return itertools.islice(self._input._make_iterator(), self._i, None, self._n)


class _ShuffleDataset(_UnaryDataset):
    def __init__(self, input_dataset, buffer_size, seed=None, reshuffle_each_iteration=True):
        super().__init__(input_dataset)
        from . import _seeds
        self._buffer_size = _as_int(buffer_size)
        if self._buffer_size <= 0 and self._buffer_size != UNKNOWN:
            raise _error(errors.InvalidArgumentError,
                         "buffer_size must be greater than zero or UNKNOWN_CARDINALITY")
        self._seed = _seeds.resolve(seed)
        self._reshuffle = True if reshuffle_each_iteration is None else reshuffle_each_iteration
        self._epoch = 0
        self._primed = None

    def _probe_iterator(self):
        return self._input._probe_iterator()

    def _make_iterator(self):
        """TF's ShuffleDataset iterator: a ring buffer of up to `buffer_size` elements; each
        output is the element at a random offset (a Philox word modulo the number buffered) from
        the oldest one, which then takes the chosen one's place; the buffer is topped up from
        the input before each output. The pass's seeds are drawn here, when the iterator is
        made (as TF draws them when `iter(dataset)` makes its iterator), not at its first
        element."""
        from . import _seeds
        seeds, self._primed = self._primed, None
        if seeds is None:
            seeds = self._pass_seeds()
        return self._shuffled(_seeds.PhiloxWords(*seeds))

    def _pass_seeds(self):
        from . import _seeds
        epoch = self._epoch
        if self._reshuffle:
            self._epoch += 1
        return _seeds.iterator_seeds(self._seed, epoch, self._reshuffle)

    def _start_pass(self):
        # the seeds of the pass an iterator made now will run (the latest made wins: Keras'
        # epoch iterator makes one at the end of each epoch that it never pulls from)
        self._primed = self._pass_seeds()
        super()._start_pass()

    def _shuffled(self, random):
        size = self._buffer_size
        if size == UNKNOWN:
            size = _INT64_MAX
        source = self._input._make_iterator()
        ring = []  # slot p % size holds the element at position p, for start <= p < end
        start = end = 0
        exhausted = False
        while True:
            while not exhausted and end - start < size:
                try:
                    element = next(source)
                except StopIteration:
                    exhausted = True
                    break
                slot = end % size
                if slot == len(ring):
                    ring.append(element)
                else:
                    ring[slot] = element
                end += 1
            if end == start:
                return
            index = (start + random() % (end - start)) % size
            first = start % size
            element = ring[index]
            ring[index] = ring[first]
            ring[first] = None
            start += 1
            yield element


# ===============================================================================================
# Batching
# ===============================================================================================
def _stack(leaves):
    """Stacks the tensors of one component along a new first axis (TF's batch error if their
    shapes differ)."""
    first = leaves[0]
    if not isinstance(first, Tensor):
        if isinstance(first, S._sparse_types()[0]):
            return S.stack_sparse(leaves)
        raise NotImplementedError(f"Batching {type(first).__name__} components is not "
                                  "implemented in tapeflow")
    values = [t._value for t in leaves]
    shape = values[0].shape
    for v in values:
        if v.shape != shape:
            raise _error(errors.InvalidArgumentError,
                         "Cannot add tensor to the batch: number of elements does not match. "
                         f"Shapes are: [tensor]: {list(np.shape(v))}, [batch]: {list(shape)}")
    if values[0].dtype == object:
        out = np.empty((len(values),) + shape, dtype=object)
        for i, v in enumerate(values):
            out[i, ...] = v
        return S.tensor_of(out)
    out = np.array(values)  # several times faster than np.stack for many small values
    if out.dtype != values[0].dtype:
        out = out.astype(values[0].dtype)
    return S.tensor_of(out)


def _stack_ragged(leaves, spec):
    """Rows of a ragged component (Tensors or RaggedTensors) as one RaggedTensor."""
    from ..ragged.ragged_ops import stack as ragged_stack
    ragged = S.ragged_types()[0]
    out = ragged_stack(list(leaves))
    if not isinstance(out, ragged):  # (one dense row: uniform)
        out = ragged.from_tensor(out, ragged_rank=spec.ragged_rank + 1)
    if out.row_splits.dtype != spec.row_splits_dtype:
        out = out.with_row_splits_dtype(spec.row_splits_dtype)
    return out


def _batch_elements(elements, spec=None):
    """Stacks elements into a batch; `spec` (the elements' spec) says which components are
    ragged (their rows may differ in length)."""
    first = elements[0]
    ragged_spec = S.ragged_types()[1]
    if not nest.is_nested(first):
        if isinstance(spec, ragged_spec):
            return _stack_ragged(elements, spec)
        return _stack(elements)
    flat = S.flattener(first)
    columns = zip(*[flat(e) for e in elements])
    specs = nest.flatten(spec) if spec is not None else None
    return S.packer(first)([
        _stack_ragged(c, specs[i]) if specs is not None and isinstance(specs[i], ragged_spec)
        else _stack(list(c)) for i, c in enumerate(columns)])


def _batched_spec(spec, batch_dim):
    ragged_spec = S.ragged_types()[1]

    def one(s):
        if isinstance(s, TensorSpec):
            return TensorSpec(TensorShape([batch_dim]).concatenate(s.shape), s.dtype)
        if isinstance(s, ragged_spec):
            return ragged_spec(TensorShape([batch_dim]).concatenate(s.shape), s.dtype,
                               s.ragged_rank + 1, s.row_splits_dtype)
        if isinstance(s, S._sparse_types()[1]):
            return type(s)(TensorShape([batch_dim]).concatenate(s.shape), s.dtype)
        raise NotImplementedError(f"Batching {type(s).__name__} components is not implemented "
                                  "in tapeflow")
    return nest.map_structure(one, spec)


def _batch_size(batch_size):
    n = _as_int(batch_size)
    if n <= 0:
        raise _error(errors.InvalidArgumentError, "Batch size must be greater than zero.")
    return n


def _batched_cardinality(n, batch, drop_remainder):
    if n < 0:
        return n
    return n // batch if drop_remainder else -(-n // batch)


class _BatchDataset(_UnaryDataset):
    def __init__(self, input_dataset, batch_size, drop_remainder=False, num_parallel_calls=None):
        super().__init__(input_dataset)
        self._batch = _batch_size(batch_size)
        self._drop = bool(drop_remainder)
        if _parallelism(num_parallel_calls) is not None:
            self._tf_name = "_ParallelBatchDataset"

    def _compute_element_spec(self):
        return _batched_spec(self._input.element_spec, self._batch if self._drop else None)

    def _cardinality(self):
        return _batched_cardinality(self._input._cardinality(), self._batch, self._drop)

    def _make_iterator(self):
        source = self._input._make_iterator()
        batch = self._batch
        spec = self._batch_spec()
        while True:
            elements = list(itertools.islice(source, batch))
            if not elements or (self._drop and len(elements) < batch):
                return
            yield _batch_elements(elements, spec)

    def _batch_spec(self):
        """The elements' spec as batching reads it (None when no component is ragged)."""
        spec = self._input.element_spec
        ragged_spec = S.ragged_types()[1]
        return spec if any(isinstance(s, ragged_spec) for s in nest.flatten(spec)) else None


class _RaggedBatchDataset(_BatchDataset):
    """`Dataset.ragged_batch`: components whose shapes are not fully known are batched as
    RaggedTensors (ragged in their first dimension), as TF's dense-to-ragged batching."""

    def __init__(self, input_dataset, batch_size, drop_remainder=False,
                 row_splits_dtype=dtypes.int64):
        super().__init__(input_dataset, batch_size, drop_remainder)
        self._splits_dtype = dtypes.as_dtype(row_splits_dtype)

    def _batch_spec(self):
        ragged_spec = S.ragged_types()[1]

        def one(s):
            if isinstance(s, TensorSpec) and s.shape.rank and not s.shape.is_fully_defined():
                return ragged_spec(s.shape, s.dtype, 0, self._splits_dtype)
            return s
        return nest.map_structure(one, self._input.element_spec)

    def _compute_element_spec(self):
        return _batched_spec(self._batch_spec(), self._batch if self._drop else None)


def _padded_shape_list(shape):
    if shape is None:
        return None
    if isinstance(shape, Tensor):
        shape = S.value_of(shape).tolist()
    if isinstance(shape, TensorShape):
        return shape.as_list() if shape.rank is not None else None
    return [None if (d is None or int(d) == -1) else int(d) for d in shape]


class _PaddedBatchDataset(_UnaryDataset):
    def __init__(self, input_dataset, batch_size, padded_shapes=None, padding_values=None,
                 drop_remainder=False):
        super().__init__(input_dataset)
        self._batch = _batch_size(batch_size)
        self._drop = bool(drop_remainder)
        self._padded_shapes = padded_shapes
        self._padding_values = padding_values

    def _component_shapes(self):
        """The padded shape of every component, flat in the order of `nest.flatten(spec)`."""
        spec = self._input.element_spec
        flat_spec = nest.flatten(spec)
        if self._padded_shapes is None:
            for s in flat_spec:
                if isinstance(s, TensorSpec) and s.shape.rank is None:
                    raise ValueError("You must provide `padded_shapes` argument because component "
                                     f"{s!r} has unknown rank.")
            return [s.shape.as_list() for s in flat_spec]
        flat_shapes = [_padded_shape_list(sh) for sh in _flatten_up_to(spec, self._padded_shapes)]
        if len(flat_shapes) != len(flat_spec):
            raise ValueError("The two structures don't have the same number of elements.")
        return flat_shapes

    def _component_padding(self):
        spec = self._input.element_spec
        n = len(nest.flatten(spec))
        values = self._padding_values
        if values is None:
            return [None] * n
        if not isinstance(values, (tuple, dict)):
            return [values] * n
        return _flatten_up_to(spec, values)

    def _compute_element_spec(self):
        spec = self._input.element_spec
        shapes = self._component_shapes()
        batch_dim = self._batch if self._drop else None
        out = [TensorSpec([batch_dim] + (sh if sh is not None else []), s.dtype)
               if sh is not None else TensorSpec(None, s.dtype)
               for s, sh in zip(nest.flatten(spec), shapes)]
        return nest.pack_sequence_as(spec, out)

    def _cardinality(self):
        return _batched_cardinality(self._input._cardinality(), self._batch, self._drop)

    def _make_iterator(self):
        spec = self._input.element_spec
        shapes = self._component_shapes() if self._padded_shapes is not None else \
            [None] * len(nest.flatten(spec))  # the longest in each batch (spec dims are a probe's)
        paddings = self._component_padding()
        dtypes_ = [s.dtype for s in nest.flatten(spec)]
        source = self._input._make_iterator()
        while True:
            elements = list(itertools.islice(source, self._batch))
            if not elements or (self._drop and len(elements) < self._batch):
                return
            columns = list(zip(*[nest.flatten(e) for e in elements]))
            out = [_pad_and_stack(col, sh, pad, dt)
                   for col, sh, pad, dt in zip(columns, shapes, paddings, dtypes_)]
            yield nest.pack_sequence_as(elements[0], out)


def _flatten_up_to(shallow, deep):
    """Flattens `deep` to the leaves of `shallow` (each a padded shape or padding value)."""
    if not nest.is_nested(shallow):
        return [deep]
    if isinstance(shallow, dict):
        return [x for k in sorted(shallow) for x in _flatten_up_to(shallow[k], deep[k])]
    if not isinstance(deep, (tuple, list)) or len(deep) != len(shallow):
        raise ValueError(f"The two structures don't have the same nested structure: "
                         f"{shallow!r} and {deep!r}")
    return [x for s, d in zip(shallow, deep) for x in _flatten_up_to(s, d)]


def _pad_and_stack(column, padded_shape, padding, dtype):
    values = [np.asarray(S.value_of(t)) for t in column]
    rank = values[0].ndim
    for v in values:
        if v.ndim != rank:
            raise _error(errors.InvalidArgumentError,
                         "All elements in a batch must have the same rank as the padded shape "
                         f"for component0: expected rank {rank} but got element with rank "
                         f"{v.ndim}")
    if padded_shape is None:
        padded_shape = [None] * rank
    if len(padded_shape) != rank:
        raise ValueError(f"The padded shape {padded_shape} is not compatible with the shape "
                         f"{list(values[0].shape)} of the corresponding input component.")
    target = [max(v.shape[d] for v in values) if padded_shape[d] is None else padded_shape[d]
              for d in range(rank)]
    for v in values:
        if any(s > t for s, t in zip(v.shape, target)):
            raise _error(errors.DataLossError,
                         "Attempted to pad to a smaller size than the input element.")
    if padding is None:
        fill = b"" if dtype == dtypes.string else 0
    else:
        fill = S.value_of(S.normalize_element(padding)) if not isinstance(padding, Tensor) \
            else S.value_of(padding)
        if isinstance(padding, Tensor) and padding.dtype != dtype:
            raise TypeError(f"Padding value dtype {padding.dtype.name} does not match the "
                            f"component dtype {dtype.name}")
    out = np.full([len(values)] + target, fill, dtype=object if dtype == dtypes.string
                  else dtype.as_numpy_dtype)
    for i, v in enumerate(values):
        out[(i,) + tuple(slice(0, s) for s in v.shape) + (Ellipsis,)] = v
    return S.tensor_of(out)


class _UnbatchDataset(_UnaryDataset):
    def __init__(self, input_dataset):
        super().__init__(input_dataset)
        for s in nest.flatten(input_dataset.element_spec):
            if isinstance(s, TensorSpec) and s.shape.rank == 0:
                raise ValueError("Cannot unbatch an input with scalar components.")

    def _compute_element_spec(self):
        ragged_spec = S.ragged_types()[1]

        def one(s):
            if isinstance(s, ragged_spec):
                return ragged_spec(s.shape[1:], s.dtype, s.ragged_rank - 1, s.row_splits_dtype)
            return type(s)(s.shape[1:] if s.shape.rank else None, s.dtype)
        return nest.map_structure(one, self._input.element_spec)

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        ragged = S.ragged_types()[0]
        for element in self._input._make_iterator():
            leaves = [np.asarray(S.value_of(t)) if isinstance(t, Tensor)
                      else S.ragged_rows(t) if isinstance(t, ragged) else S.sparse_rows(t)
                      for t in nest.flatten(element)]
            n = len(leaves[0]) if isinstance(leaves[0], list) else leaves[0].shape[0]
            for v in leaves[1:]:
                size = len(v) if isinstance(v, list) else v.shape[0]
                if size != n:
                    raise _error(errors.InvalidArgumentError,
                                 "Input element must have the same batch size in each component. "
                                 f"Component 0 had size {n} but component had size "
                                 f"{size}.")
            for i in range(n):
                yield nest.pack_sequence_as(element, [
                    v[i] if isinstance(v, list) else S.tensor_of(S.slice_value(v, i))
                    for v in leaves])


class _RebatchDataset(_UnaryDataset):
    def __init__(self, input_dataset, batch_size, drop_remainder=False):
        super().__init__(input_dataset)
        sizes = batch_size
        if isinstance(sizes, Tensor):
            sizes = S.value_of(sizes).tolist()
        self._sizes = [int(s) for s in (sizes if isinstance(sizes, (list, tuple)) else [sizes])]
        if any(s < 0 for s in self._sizes):
            raise _error(errors.InvalidArgumentError, "batch_sizes must be non-negative")
        self._drop = bool(drop_remainder)

    def _compute_element_spec(self):
        fixed = self._sizes[0] if self._drop and len(set(self._sizes)) == 1 else None
        return nest.map_structure(lambda s: TensorSpec(TensorShape([fixed]).concatenate(
            s.shape[1:]), s.dtype), self._input.element_spec)

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        rows = _UnbatchDataset(self._input)._make_iterator()
        for size in itertools.cycle(self._sizes):
            elements = list(itertools.islice(rows, size))
            if not elements and size:
                return
            if len(elements) < size and self._drop:
                return
            if elements:
                yield _batch_elements(elements)
            else:
                yield nest.map_structure(
                    lambda s: S.tensor_of(np.zeros([0] + [d or 0 for d in s.shape[1:]],
                                                   dtype=object if s.dtype == dtypes.string
                                                   else s.dtype.as_numpy_dtype)),
                    self._input.element_spec)
            if len(elements) < size:
                return


# ===============================================================================================
# Combining datasets
# ===============================================================================================
class _ZipDataset(Dataset):
    def __init__(self, datasets):
        for d in nest.flatten(datasets):
            if isinstance(datasets, list) or not isinstance(d, Dataset):
                raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) "
                                "structures of `tf.data.Dataset` objects. Python `list` is not "
                                "supported and you should use `tuple` instead.")
        self._datasets = datasets
        self._inputs = tuple(nest.flatten(datasets))

    def _compute_element_spec(self):
        return nest.map_structure(lambda d: d.element_spec, self._datasets)

    def _cardinality(self):
        cards = [d._cardinality() for d in self._inputs]
        if not cards:
            return 0
        if UNKNOWN in cards:
            return UNKNOWN
        known = [c for c in cards if c >= 0]
        return min(known) if known else INFINITE

    def _make_iterator(self):
        iterators = [d._make_iterator() for d in self._inputs]
        structure = self._datasets
        try:
            while True:
                try:
                    parts = [next(it) for it in iterators]
                except StopIteration:
                    return
                yield nest.pack_sequence_as(structure, parts)
        finally:
            for it in iterators:
                _close(it)


class _ConcatenateDataset(Dataset):
    def __init__(self, first, second):
        if not isinstance(second, Dataset):
            raise TypeError(f"Expected a tf.data.Dataset, got {type(second).__name__}")
        self._inputs = (first, second)
        a, b = first.element_spec, second.element_spec
        try:
            nest.assert_same_structure(a, b, check_types=False)
        except (ValueError, TypeError):
            raise TypeError(f"Incompatible dataset elements:\n  {a!r} vs.   {b!r}") from None
        if S.spec_types(a) != S.spec_types(b):
            raise TypeError(f"Incompatible dataset elements:\n  {a!r} vs.   {b!r}")

    def _compute_element_spec(self):
        return S.most_specific_compatible_spec(*(d.element_spec for d in self._inputs))

    def _cardinality(self):
        a, b = (d._cardinality() for d in self._inputs)
        if INFINITE in (a, b):
            return INFINITE
        if UNKNOWN in (a, b):
            return UNKNOWN
        return a + b

    def _make_iterator(self):
        for d in self._inputs:
            yield from d._make_iterator()


class _DirectedInterleaveDataset(Dataset):
    """Both `sample_from_datasets` and `choose_from_datasets`: a selector stream of indices."""

    def __init__(self, datasets, selector, stop_on_empty):
        datasets = list(datasets)
        if not datasets:
            raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
        for d in datasets:
            if not isinstance(d, Dataset):
                raise TypeError(f"Invalid `datasets`. `datasets` must be a list of "
                                f"`tf.data.Dataset` objects, got {type(d).__name__}")
        first = datasets[0].element_spec
        for d in datasets[1:]:
            if S.spec_types(d.element_spec) != S.spec_types(first):
                raise TypeError(f"Invalid `datasets`. `datasets` must have compatible element "
                                f"specs.\n Dataset 0 element_spec={first!r}.\nDataset element_"
                                f"spec={d.element_spec!r}.")
        self._datasets = datasets
        self._selector = selector
        self._stop_on_empty = stop_on_empty
        self._inputs = tuple(datasets)

    @classmethod
    def choose(cls, datasets, choice_dataset, stop_on_empty):
        if not isinstance(choice_dataset, Dataset):
            raise TypeError("Invalid `choice_dataset`. `choice_dataset` must be a "
                            f"`tf.data.Dataset` object, got {type(choice_dataset).__name__}.")
        spec = choice_dataset.element_spec
        if not (isinstance(spec, TensorSpec) and spec.dtype == dtypes.int64
                and spec.shape.rank == 0):
            raise TypeError("Invalid `choice_dataset`. Elements of `choice_dataset` must be "
                            f"scalar `tf.int64` tensors but are {spec!r}.")
        datasets = list(datasets)

        def selector(live):
            for choice in choice_dataset._make_iterator():
                yield int(S.value_of(choice))
        return cls(datasets, selector, stop_on_empty)

    @classmethod
    def sample(cls, datasets, weights, seed, stop_on_empty):
        from . import _seeds
        datasets = list(datasets)
        n = len(datasets)
        if weights is None:
            w = np.full(n, 1.0 / n)
        else:
            if isinstance(weights, Dataset):
                raise NotImplementedError("sample_from_datasets with a dataset of weights is not "
                                          "implemented in tapeflow")
            w = np.asarray(S.value_of(S.normalize_element(weights)), dtype=np.float64)
            if w.shape != (n,):
                raise ValueError(f"Invalid `weights`. The shape of `weights` should be "
                                 f"compatible with `[len(datasets)]` but is {list(w.shape)}.")
        resolved = _seeds.resolve(seed)
        holder = {"epoch": 0}

        def selector(live):
            rng = _seeds.generator(resolved, holder["epoch"])
            holder["epoch"] += 1
            while True:
                p = w * live
                total = p.sum()
                if total <= 0:
                    return
                yield int(rng.choice(n, p=p / total))
        return cls(datasets, selector, stop_on_empty)

    def _compute_element_spec(self):
        spec = self._datasets[0].element_spec
        for d in self._datasets[1:]:
            spec = S.most_specific_compatible_spec(spec, d.element_spec)
        return spec

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        iterators = [d._make_iterator() for d in self._datasets]
        live = np.ones(len(iterators))
        for i in self._selector(live):
            if not 0 <= i < len(iterators):
                raise _error(errors.InvalidArgumentError,
                             f"Selector index out of range: {i} >= {len(iterators)}")
            if not live[i]:
                continue
            try:
                yield next(iterators[i])
            except StopIteration:
                if self._stop_on_empty:
                    return
                live[i] = 0
                if not live.any():
                    return


class _FlatMapDataset(_UnaryDataset):
    def __init__(self, input_dataset, map_func):
        super().__init__(input_dataset)
        self._fn = StructuredFunction(map_func, "Dataset.flat_map()")

    def _inner(self, element):
        out = self._fn(element)
        if not isinstance(out, Dataset):
            raise TypeError(f"The `map_func` argument must return a `Dataset` object. Got "
                            f"{type(out)!r}.")
        return out

    def _compute_element_spec(self):
        return self._inner(self._input._probe_element()).element_spec

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        for element in self._input._make_iterator():
            yield from self._inner(element)._make_iterator()


class _InterleaveDataset(_FlatMapDataset):
    def __init__(self, input_dataset, map_func, cycle_length=None, block_length=None,
                 num_parallel_calls=None, deterministic=None):
        _UnaryDataset.__init__(self, input_dataset)
        self._fn = StructuredFunction(map_func, "Dataset.interleave()")
        cycle = AUTOTUNE if cycle_length is None else _as_int(cycle_length)
        self._cycle = (os.cpu_count() or 1) if cycle == AUTOTUNE else cycle
        self._block = 1 if block_length is None else _as_int(block_length)
        if self._cycle <= 0:
            raise _error(errors.InvalidArgumentError, "cycle_length must be greater than zero.")
        if self._block <= 0:
            raise _error(errors.InvalidArgumentError, "block_length must be greater than zero.")
        self._parallel = _parallelism(num_parallel_calls) is not None
        if self._parallel:
            self._tf_name = "_ParallelInterleaveDataset"

    def _make_iterator(self):
        # TF's order: visit the cycle's slots in turn, `block` elements from each; an exhausted
        # slot is refilled from the input the next time the cycle reaches it. The order is the
        # same with num_parallel_calls (deterministic=False is allowed this order too).
        source = self._input._make_iterator()
        slots = [None] * self._cycle
        open_count, index, in_block, input_done = 0, 0, 0, False

        def open_next():
            try:
                element = next(source)
            except StopIteration:
                return None
            inner = self._inner(element)._make_iterator()
            if self._parallel:  # the open inner datasets produce ahead, each on its thread
                inner = _PrefetchIterator(inner, max(2, self._block))
            return inner

        if self._parallel:  # open the whole first cycle at once (the same slots, in order)
            for k in range(self._cycle):
                slots[k] = open_next()
                if slots[k] is None:
                    input_done = True
                    break
                open_count += 1
        while not input_done or open_count:
            current = slots[index]
            if current is not None:
                try:
                    element = next(current)
                except StopIteration:
                    slots[index] = None
                    open_count -= 1
                    index, in_block = (index + 1) % self._cycle, 0
                    continue
                in_block += 1
                if in_block == self._block:
                    index, in_block = (index + 1) % self._cycle, 0
                yield element
            elif not input_done:
                slots[index] = open_next()
                if slots[index] is None:
                    input_done = True
                else:
                    open_count += 1
            else:
                index, in_block = (index + 1) % self._cycle, 0


class _VariantDataset(Dataset):
    """A dataset over a list of elements already computed (a window, a group)."""

    def __init__(self, elements, spec):
        self._elements = elements
        self._spec = spec

    def _compute_element_spec(self):
        return self._spec

    def _cardinality(self):
        return len(self._elements)

    def _make_iterator(self):
        return iter(self._elements)


class _WindowDataset(_UnaryDataset):
    def __init__(self, input_dataset, size, shift=None, stride=1, drop_remainder=False):
        super().__init__(input_dataset)
        self._size = _as_int(size)
        self._shift = self._size if shift is None else _as_int(shift)
        self._stride = _as_int(stride)
        self._drop = bool(drop_remainder)
        for name, v in (("size", self._size), ("shift", self._shift), ("stride", self._stride)):
            if v <= 0:
                raise _error(errors.InvalidArgumentError, f"Window {name} must be greater than "
                             "zero, but got " + str(v) + ".")

    def _compute_element_spec(self):
        return nest.map_structure(lambda s: S.DatasetSpec(s), self._input.element_spec)

    def _cardinality(self):
        n = self._input._cardinality()
        if n < 0:
            return n
        if not self._drop:
            return -(-n // self._shift)
        span = (self._size - 1) * self._stride + 1
        return 0 if n < span else (n - span) // self._shift + 1

    def _make_iterator(self):
        source = self._input._make_iterator()
        span = (self._size - 1) * self._stride + 1
        buffer = collections.deque()
        done = False
        spec = self._input.element_spec
        while True:
            while not done and len(buffer) < span:
                try:
                    buffer.append(next(source))
                except StopIteration:
                    done = True
            if not buffer:
                return
            elements = list(itertools.islice(buffer, 0, span, self._stride))
            if len(elements) < self._size and self._drop:
                return
            flat = [nest.flatten(e) for e in elements]
            parts = [_VariantDataset([f[k] for f in flat], s)
                     for k, s in enumerate(nest.flatten(spec))]
            yield nest.pack_sequence_as(spec, parts)
            for _ in range(self._shift):
                if buffer:
                    buffer.popleft()
                elif not done:
                    try:
                        next(source)
                    except StopIteration:
                        done = True
            if done and not buffer:
                return


class _GroupByWindowDataset(_UnaryDataset):
    def __init__(self, input_dataset, key_func, reduce_func, window_size=None,
                 window_size_func=None):
        super().__init__(input_dataset)
        if (window_size is None) == (window_size_func is None):
            raise ValueError("Either the `window_size` argument or the `window_size_func` "
                             "argument must be specified.")
        self._key_fn = StructuredFunction(key_func, "Dataset.group_by_window()")
        self._reduce_fn = StructuredFunction(reduce_func, "Dataset.group_by_window()",
                                             unpack=False)
        if window_size is not None:
            size = _as_int(window_size)
            self._size_fn = lambda key: size
        else:
            fn = StructuredFunction(window_size_func, "Dataset.group_by_window()", unpack=False)
            self._size_fn = lambda key: _as_int(fn(key))

    def _key(self, element):
        key = self._key_fn(element)
        if not (isinstance(key, Tensor) and key.dtype == dtypes.int64 and key.shape.rank == 0):
            raise ValueError(f"Invalid `key_func`. `key_func` must return a single tf.int64 "
                             f"scalar tensor but its return type is "
                             f"{S.element_spec_of(key)!r}.")
        return key

    def _reduce(self, key, elements):
        window = _VariantDataset(elements, self._input.element_spec)
        out = self._reduce_fn(key, window)
        if not isinstance(out, Dataset):
            raise TypeError("Invalid `reduce_func`. `reduce_func` must return a single "
                            f"`tf.data.Dataset` object but its return type is {type(out)!r}.")
        return out

    def _compute_element_spec(self):
        # Windows of one and of two elements: the output dims that differ between them depend
        # on the window's length, so they are unknown (with one element only, dims of size 1).
        probes = self._input._probe_elements()
        key = self._key(probes[0])
        specs = [self._reduce(key, probes[:n]).element_spec for n in range(1, len(probes) + 1)]
        if len(specs) == 1:
            spec = nest.map_structure(
                lambda s: TensorSpec([None if d == 1 else d for d in s.shape.as_list()], s.dtype)
                if isinstance(s, TensorSpec) and s.shape.rank is not None else s, specs[0])
        else:
            spec = S.most_specific_compatible_spec(*specs)
        return S.relax_shapes(spec, self._input.element_spec, probes[0])

    def _cardinality(self):
        return UNKNOWN

    def _make_iterator(self):
        groups = {}
        keys = {}
        for element in self._input._make_iterator():
            key = self._key(element)
            k = int(S.value_of(key))
            keys[k] = key
            group = groups.setdefault(k, [])
            group.append(element)
            if len(group) >= self._size_fn(key):
                del groups[k]
                yield from self._reduce(key, group)._make_iterator()
        for k in sorted(groups):
            yield from self._reduce(keys[k], groups[k])._make_iterator()


def _bucket_by_sequence_length(dataset, element_length_func, bucket_boundaries,
                               bucket_batch_sizes, padded_shapes, padding_values,
                               pad_to_bucket_boundary, no_padding, drop_remainder):
    boundaries = [int(b) for b in bucket_boundaries]
    sizes = [int(b) for b in bucket_batch_sizes]
    if len(sizes) != len(boundaries) + 1:
        raise ValueError(f"`len(bucket_batch_sizes)` must equal `len(bucket_boundaries) + 1` but "
                         f"`len(bucket_batch_sizes)={len(sizes)}` and "
                         f"`len(bucket_boundaries)={len(boundaries)}`.")
    if any(b >= a for a, b in zip(boundaries[1:], boundaries)) and len(boundaries) > 1:
        raise ValueError("bucket_boundaries must be sorted")
    length_fn = StructuredFunction(element_length_func, "Dataset.bucket_by_sequence_length()")

    def key(*args):
        element = args[0] if len(args) == 1 else args
        length = int(S.value_of(length_fn(element)))
        bucket = int(np.searchsorted(boundaries, length, side="right"))
        return S.tensor_of(np.asarray(bucket, dtype=np.int64))

    def window_size(bucket):
        return S.tensor_of(np.asarray(sizes[int(S.value_of(bucket))], dtype=np.int64))

    def batch(bucket, window):
        b = int(S.value_of(bucket))
        if no_padding:
            return window.batch(sizes[b], drop_remainder=drop_remainder)
        shapes = padded_shapes
        if pad_to_bucket_boundary:
            if b == len(boundaries):
                raise _error(errors.InvalidArgumentError,
                             "When pad_to_bucket_boundary=True, elements must have length < "
                             "max(bucket_boundaries).")
            limit = boundaries[b] - 1
            spec = window.element_spec
            base = shapes if shapes is not None else nest.map_structure(
                lambda s: s.shape.as_list(), spec)
            shapes = S.map_leaves(lambda sh: [limit if d is None or d == -1 else d
                                              for d in (_padded_shape_list(sh) or [])], base)
        return window.padded_batch(sizes[b], shapes, padding_values,
                                   drop_remainder=drop_remainder)

    return dataset.group_by_window(key, batch, window_size_func=window_size)


# ===============================================================================================
# Prefetching
# ===============================================================================================


class _PrefetchIterator:
    """Elements produced ahead, up to `buffer_size` at a time, by one background thread.

    The thread is a one-worker pool: each pending future pulls the next input element, in
    order, and holds its value or its exception. Dropping the iterator (or `close()`) cancels
    what is pending and lets the thread end.
    """

    def __init__(self, source, buffer_size):
        self._source = source
        self._size = buffer_size
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="tf_data_prefetch")
        self._finalizer = weakref.finalize(self, self._pool.shutdown, wait=False,
                                           cancel_futures=True)
        self._pending = collections.deque()
        self._done = False

    def __iter__(self):
        return self

    def _fill(self):
        while len(self._pending) < self._size:
            self._pending.append(self._pool.submit(_pull, self._source))

    def __next__(self):
        if self._done:
            raise StopIteration
        self._fill()
        future = self._pending.popleft()
        try:
            return future.result()
        except StopIteration:
            self.close()
            raise

    def close(self):
        self._done = True
        running = [f for f in self._pending if not f.cancel()]
        self._pending.clear()
        self._finalizer()
        # The worker may be inside next(source): let it finish before closing the source from
        # here (a generator cannot be closed while it runs). A producer blocked for longer is
        # left to the garbage collector.
        _, still_running = concurrent.futures.wait(running, timeout=5)
        if not still_running:
            _close(self._source)


def _pull(source):
    # Let a consumer just woken by the previous element take the GIL first, instead of
    # waiting out the interpreter's switch interval (5 ms) while this thread works on.
    time.sleep(0)
    return next(source)


class _PrefetchDataset(_UnaryDataset):
    def __init__(self, input_dataset, buffer_size):
        super().__init__(input_dataset)
        n = _as_int(buffer_size)
        if n < 0 and n != AUTOTUNE:
            raise _error(errors.InvalidArgumentError, "buffer_size must be >= 0 or set "
                         "buffer_size to be tf.data.AUTOTUNE, but got " + str(n))
        self._buffer = 2 if n == AUTOTUNE else n

    def _probe_iterator(self):
        return self._input._probe_iterator()

    def _make_iterator(self):
        source = self._input._make_iterator()
        if self._buffer == 0:
            return source
        return _PrefetchIterator(source, self._buffer)


__all__ = ["AUTOTUNE", "INFINITE", "UNKNOWN", "Dataset", "DatasetV2"]
