"""Datasets over replicas and workers: `experimental_distribute_dataset`,
`distribute_datasets_from_function`, `InputContext`, and TF's auto-sharding.

`experimental_distribute_dataset(dataset)` takes a dataset of *global* batches. Each batch is
split over all `num_replicas_in_sync` replicas as evenly as possible, the first ones taking one
more element when it does not divide (a global batch of 3 over 2 replicas gives 2 and 1; a last
batch of 1 gives 1 and an empty batch). With several workers the dataset is also sharded by
`dataset.options().experimental_distribute.auto_shard_policy`:

  AUTO  FILE when the pipeline reads files (its list of files is found), else DATA;
  FILE  each worker reads every `num_workers`-th file (the shard is placed right after the list
        of file names, before any shuffle of it), and its batches feed the replicas in turn;
  DATA  every worker runs the whole pipeline and keeps its replicas' part of each global batch,
        so the workers together see what one process would;
  OFF   every worker gets the whole dataset.

    >>> s = tf.distribute.OneDeviceStrategy("/cpu:0")
    >>> [b.numpy().tolist() for b in s.experimental_distribute_dataset(
    ...     tf.data.Dataset.range(5).batch(2))]
    [[0, 1], [2, 3], [4]]
"""
import copy

import numpy as np

from ..data import dataset_ops
from ..data.options import AutoShardPolicy
from ..framework import errors, nest
from ..framework.tensor import wrap
from . import values as values_lib


class InputContext:
    """What `dataset_fn` of `distribute_datasets_from_function` is told: how many input
    pipelines (workers) there are, which one this is, and how many replicas compute in sync.

    >>> tf.distribute.InputContext(2, 1, 4).get_per_replica_batch_size(64)
    16
    """

    def __init__(self, num_input_pipelines=1, input_pipeline_id=0, num_replicas_in_sync=1):
        self._num_input_pipelines = num_input_pipelines
        self._input_pipeline_id = input_pipeline_id
        self._num_replicas_in_sync = num_replicas_in_sync

    @property
    def num_input_pipelines(self):
        return self._num_input_pipelines

    @property
    def input_pipeline_id(self):
        return self._input_pipeline_id

    @property
    def num_replicas_in_sync(self):
        return self._num_replicas_in_sync

    def get_per_replica_batch_size(self, global_batch_size):
        if global_batch_size % self._num_replicas_in_sync != 0:
            raise ValueError(f"The `global_batch_size` {global_batch_size} is not divisible by "
                             f"`num_replicas_in_sync` {self._num_replicas_in_sync} ")
        return global_batch_size // self._num_replicas_in_sync

    def __str__(self):
        return (f"tf.distribute.InputContext(input pipeline id {self._input_pipeline_id}, "
                f"total: {self._num_input_pipelines})")


class ValueContext:
    """What `value_fn` of `experimental_distribute_values_from_function` is told."""

    def __init__(self, replica_id_in_sync_group=0, num_replicas_in_sync=1):
        self._replica_id = replica_id_in_sync_group
        self._num_replicas = num_replicas_in_sync

    @property
    def replica_id_in_sync_group(self):
        return self._replica_id

    @property
    def num_replicas_in_sync(self):
        return self._num_replicas


class InputReplicationMode:
    PER_WORKER = "PER_WORKER"
    PER_REPLICA = "PER_REPLICA"


class InputOptions:
    """Options of distributed datasets (`tf.distribute.InputOptions`); prefetching to devices
    means nothing here (all replicas share the host's memory)."""

    def __init__(self, experimental_fetch_to_device=None, experimental_replication_mode=None,
                 experimental_place_dataset_on_device=False,
                 experimental_per_replica_buffer_size=1):
        if experimental_replication_mode not in (None, InputReplicationMode.PER_WORKER):
            raise NotImplementedError("tf.distribute.InputOptions: only the PER_WORKER "
                                      "replication mode is implemented in tapeflow")
        self.experimental_fetch_to_device = experimental_fetch_to_device
        self.experimental_replication_mode = experimental_replication_mode
        self.experimental_place_dataset_on_device = experimental_place_dataset_on_device
        self.experimental_per_replica_buffer_size = experimental_per_replica_buffer_size


# ============================================================================================
# Sharding
# ============================================================================================
def _with_inputs(dataset, inputs):
    """A shallow copy of `dataset` reading from `inputs` instead of its own."""
    new = copy.copy(dataset)
    new._inputs = tuple(inputs)
    if hasattr(new, "_input"):
        new._input = inputs[0]
    return new


def _is_names(dataset):
    spec = dataset.element_spec
    return getattr(spec, "dtype", None) is not None and spec.dtype.name == "string" and \
        spec.shape.rank == 0


def _shard_names_at_source(names, num_shards, index):
    """The dataset of file names `names` with a shard right after its source (below any
    shuffle), so every worker shards the same list the same way."""
    if not names._inputs:
        return names.shard(num_shards, index)
    if len(names._inputs) != 1:
        return names.shard(num_shards, index)
    return _with_inputs(names, [_shard_names_at_source(names._inputs[0], num_shards, index)])


def shard_files(dataset, num_shards, index):
    """`dataset` reading only file `index`, `index + num_shards`, ... of its list of files, or
    None when no list of files is found (a reader's file list, or the file names an
    interleave or flat_map opens)."""
    from ..data.readers import _FileDataset
    if isinstance(dataset, _FileDataset):
        new = copy.copy(dataset)
        new._files = _shard_names_at_source(dataset._files, num_shards, index)
        return new
    if isinstance(dataset, dataset_ops._FlatMapDataset) and _is_names(dataset._input):
        return _with_inputs(dataset, [_shard_names_at_source(dataset._input, num_shards, index)])
    inputs = list(dataset._inputs)
    for i, d in enumerate(inputs):
        sharded = shard_files(d, num_shards, index)
        if sharded is not None:
            inputs[i] = sharded
            return _with_inputs(dataset, inputs)
    return None


def _policy(dataset):
    policy = dataset.options().experimental_distribute.auto_shard_policy
    return AutoShardPolicy.AUTO if policy is None else AutoShardPolicy(int(policy))


# ============================================================================================
# Splitting batches over replicas
# ============================================================================================
def _split(element, parts):
    """A batch (a nest of tensors with a batch dimension) cut into `parts` pieces along it, as
    evenly as possible, the first pieces one element larger."""
    flat = nest.flatten(element)
    pieces = []
    for t in flat:
        array = np.asarray(t._value)
        if array.ndim == 0:
            raise ValueError("experimental_distribute_dataset splits each element (a global "
                             "batch) over the replicas along its first dimension: batch the "
                             "dataset first (got an element of rank 0)")
        pieces.append(np.array_split(array, parts, axis=0))
    return [nest.pack_sequence_as(element, [wrap(p[i]) for p in pieces]) for i in range(parts)]


def _grouped(elements):
    """One element per local replica -> the nest with PerReplica leaves."""
    if len(elements) == 1:
        return elements[0]
    flats = [nest.flatten(e) for e in elements]
    leaves = [values_lib.PerReplica(position) for position in zip(*flats)]
    return nest.pack_sequence_as(elements[0], leaves)


class _EmptyLike:
    """A batch of no elements shaped like `element` (for replicas left without data)."""

    @staticmethod
    def of(element):
        return nest.map_structure(lambda t: wrap(np.asarray(t._value)[:0]), element)


class DistributedDataset:
    """What `experimental_distribute_dataset` returns: iterate it for per-replica batches
    (plain batches with one replica)."""

    def __init__(self, strategy, dataset, options=None):
        if not isinstance(dataset, dataset_ops.Dataset):
            raise ValueError(f"`dataset` must be a `tf.data.Dataset`, got "
                             f"{type(dataset).__name__}")
        self._strategy = strategy
        self._options = options
        ext = strategy.extended
        self._num_workers = getattr(ext, "_num_workers", 1)
        self._worker = getattr(ext, "_worker_index", 0)
        self._local = ext._num_local_replicas
        self._total = strategy.num_replicas_in_sync
        self._keep_every = 1  # DATA sharding over workers: keep every n-th mini-batch
        policy = _policy(dataset)
        if self._num_workers > 1 and policy is not AutoShardPolicy.OFF:
            sharded = None
            if policy in (AutoShardPolicy.AUTO, AutoShardPolicy.FILE):
                sharded = shard_files(dataset, self._num_workers, self._worker)
                if sharded is None and policy is AutoShardPolicy.FILE:
                    raise errors.NotFoundError(
                        None, None, "Found an unshardable source dataset: auto-sharding with "
                                    "AutoShardPolicy.FILE needs a dataset that reads a list of "
                                    "files (a file reader, or an interleave over file names)")
            if sharded is not None:
                dataset = sharded
            elif policy is not AutoShardPolicy.HINT:
                self._keep_every = self._num_workers
        self._dataset = dataset

    @property
    def element_spec(self):
        return self._dataset.element_spec

    def __iter__(self):
        return DistributedIterator(self)

    def __repr__(self):
        return f"<tapeflow.distribute.DistributedDataset over {self._total} replica(s)>"

    def _elements(self):
        """Yields the list of this worker's local replicas' batches, step by step."""
        if self._total == 1:
            for element in self._dataset._make_iterator():
                yield [element]
            return
        minibatch = 0
        pending = []
        for element in self._dataset._make_iterator():
            # a global batch (DATA: every worker sees each) or this worker's batch (FILE, OFF)
            # -> one mini-batch per replica of the job, as TF's rebatching cuts it
            for piece in _split(element, self._total):
                if self._keep_every == 1 or minibatch % self._keep_every == self._worker:
                    pending.append(piece)
                    if len(pending) == self._local:
                        yield pending
                        pending = []
                minibatch += 1
        if pending:
            yield pending + [_EmptyLike.of(pending[0])] * (self._local - len(pending))


class DistributedIterator:
    """An iterator over a distributed dataset (`get_next`, `get_next_as_optional`)."""

    def __init__(self, distributed):
        self._distributed = distributed
        self._elements = distributed._elements()

    @property
    def element_spec(self):
        return self._distributed.element_spec

    def __iter__(self):
        return self

    def __next__(self):
        return _grouped(next(self._elements))

    def get_next(self):
        try:
            return self.__next__()
        except StopIteration:
            raise errors.OutOfRangeError(None, None, "End of sequence") from None

    def get_next_as_optional(self):
        """The next per-replica batch in an optional (`has_value()` False at the end)."""
        try:
            return _DistributedOptional(self.__next__())
        except StopIteration:
            return _DistributedOptional(None)


class _DistributedOptional:
    """A per-replica element that may be missing (what TF's distributed iterators give)."""

    def __init__(self, value):
        self._value = value

    def has_value(self, name=None):
        return wrap(np.asarray(self._value is not None))

    def get_value(self, name=None):
        if self._value is None:
            raise errors.InvalidArgumentError(None, None, "The optional does not have a value.")
        return self._value


class DistributedDatasetsFromFunction:
    """What `distribute_datasets_from_function` returns: `dataset_fn` is called once per worker
    with its InputContext, and the worker's replicas take its elements in turn."""

    def __init__(self, strategy, dataset_fn, options=None):
        ext = strategy.extended
        self._local = ext._num_local_replicas
        context = InputContext(getattr(ext, "_num_workers", 1), getattr(ext, "_worker_index", 0),
                               strategy.num_replicas_in_sync)
        self._dataset = dataset_fn(context)
        if not isinstance(self._dataset, dataset_ops.Dataset):
            raise TypeError(f"dataset_fn must return a tf.data.Dataset, got "
                            f"{type(self._dataset).__name__}")

    @property
    def element_spec(self):
        return self._dataset.element_spec

    def __iter__(self):
        return DistributedIterator(self)

    def _elements(self):
        pending = []
        for element in self._dataset._make_iterator():
            pending.append(element)
            if len(pending) == self._local:
                yield pending
                pending = []
        if pending:
            yield pending + [_EmptyLike.of(pending[0])] * (self._local - len(pending))


def is_distributed_dataset(x):
    return isinstance(x, (DistributedDataset, DistributedDatasetsFromFunction))
