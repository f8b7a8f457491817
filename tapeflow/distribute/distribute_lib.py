"""The strategy machinery every `tf.distribute` strategy shares: contexts, reductions and the
default strategy.

Vocabulary (TF's):
  replica              one copy of the model computation; `num_replicas_in_sync` of them run
                       each step, each on its own slice of the global batch.
  cross-replica context  inside `strategy.scope()` and outside `strategy.run`: code that sees
                       all replicas (`PerReplica` values, `strategy.reduce`).
  replica context      inside `strategy.run(fn)`: `fn` runs once per replica, and
                       `tf.distribute.get_replica_context()` says which one it is.
  default strategy     what `tf.distribute.get_strategy()` returns outside every scope: one
                       replica, the code as written.

The context is per thread: each replica of a `MirroredStrategy` runs in a thread of its own
with its replica context on that thread's stack.

    >>> s = tf.distribute.get_strategy()
    >>> s.num_replicas_in_sync
    1
    >>> s.reduce("SUM", tf.constant([1.0, 2.0]), axis=0)
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
"""
import contextlib
import enum
import threading

import numpy as np

from ..framework import nest
from ..framework.indexed_slices import IndexedSlices
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..framework.variables import creation_hooks
from . import values as values_lib


class ReduceOp(enum.Enum):
    """How values from several replicas combine: `SUM` or `MEAN`.

    >>> tf.distribute.ReduceOp("SUM")
    <ReduceOp.SUM: 'SUM'>
    """
    SUM = "SUM"
    MEAN = "MEAN"

    @staticmethod
    def from_variable_aggregation(aggregation):
        aggregation = values_lib.as_aggregation(aggregation)
        if aggregation is values_lib.VariableAggregation.SUM:
            return ReduceOp.SUM
        if aggregation is values_lib.VariableAggregation.MEAN:
            return ReduceOp.MEAN
        raise ValueError(f"Could not convert from `tf.VariableAggregation` {aggregation} to "
                         f"`tf.distribute.ReduceOp` type")


def as_reduce_op(reduce_op):
    """A ReduceOp from a ReduceOp or its name (TF's ValueError for anything else)."""
    if isinstance(reduce_op, ReduceOp):
        return reduce_op
    if isinstance(reduce_op, str):
        return ReduceOp(reduce_op.upper())
    return ReduceOp(reduce_op)


# ============================================================================================
# Contexts
# ============================================================================================
class _ContextStack(threading.local):
    def __init__(self):
        self.stack = []  # (strategy, ReplicaContext or None for cross-replica), innermost last


_contexts = _ContextStack()


def _top():
    stack = _contexts.stack
    return stack[-1] if stack else None


def get_strategy():
    """The strategy of the innermost `scope()` (or replica) on this thread, else the default.

    >>> type(tf.distribute.get_strategy()).__name__
    '_DefaultDistributionStrategy'
    """
    top = _top()
    return top[0] if top is not None else _default_strategy()


def has_strategy():
    """True inside a non-default strategy's scope (or one of its replicas)."""
    top = _top()
    return top is not None and not isinstance(top[0], _DefaultDistributionStrategy)


def in_cross_replica_context():
    """True inside a strategy's `scope()` but outside `strategy.run`."""
    top = _top()
    return top is not None and top[1] is None


def get_replica_context():
    """The replica context: the default one outside any scope, None in a cross-replica
    context, the running replica's inside `strategy.run`.

    >>> tf.distribute.get_replica_context().num_replicas_in_sync
    1
    """
    top = _top()
    if top is None:
        return _default_strategy()._default_replica_context
    return top[1]


def get_cross_replica_context():
    """The strategy when in a cross-replica context, else None."""
    top = _top()
    if top is None:
        return None
    return top[0] if top[1] is None else None


@contextlib.contextmanager
def _entered(strategy, replica_context):
    stack = _contexts.stack
    stack.append((strategy, replica_context))
    try:
        yield
    finally:
        stack.pop()


def current_replica():
    """(strategy, replica context) when this thread runs a replica of a strategy with more
    than one replica in sync (what gradients must be combined over), else None. Keras's
    optimizer and losses ask this on every step, so it is cheap when nothing is distributed."""
    top = _top()
    if top is None or top[1] is None or top[0].num_replicas_in_sync == 1:
        return None
    return top


def num_replicas_in_sync():
    top = _top()
    return 1 if top is None else top[0].num_replicas_in_sync


# ============================================================================================
# Variable creation under a scope
# ============================================================================================
_open_scopes = [0]  # scopes open over all threads; the creation hook is installed while > 0
_scope_lock = threading.Lock()


def _on_variable_created(var, aggregation, synchronization):
    top = _top()
    if top is None:
        return
    strategy = top[0]
    if isinstance(strategy, _DefaultDistributionStrategy):
        return
    strategy.extended._variable_created(var, aggregation, synchronization)


class _Scope:
    """What `strategy.scope()` returns: entering it makes the strategy current on this thread
    (variables created inside belong to it)."""

    __slots__ = ("_strategy",)

    def __init__(self, strategy):
        self._strategy = strategy

    def __enter__(self):
        top = _top()
        if top is not None and top[0] is not self._strategy and \
                not isinstance(top[0], _DefaultDistributionStrategy) and \
                not isinstance(self._strategy, _DefaultDistributionStrategy):
            raise RuntimeError(f"Mixing different tf.distribute.Strategy objects: "
                               f"{self._strategy} is not {top[0]}")
        if top is not None and top[0] is self._strategy and top[1] is not None:
            _contexts.stack.append(top)  # a scope inside a replica: stays in that replica
        else:
            _contexts.stack.append((self._strategy, None))
        with _scope_lock:
            _open_scopes[0] += 1
            if _on_variable_created not in creation_hooks:
                creation_hooks.append(_on_variable_created)
        return self._strategy

    def __exit__(self, *exc):
        _contexts.stack.pop()
        with _scope_lock:
            _open_scopes[0] -= 1
            if _open_scopes[0] == 0 and _on_variable_created in creation_hooks:
                creation_hooks.remove(_on_variable_created)
        return False


# ============================================================================================
# Values and reductions
# ============================================================================================
def dense(value):
    """A value as a Tensor (IndexedSlices and variables converted)."""
    if isinstance(value, IndexedSlices):
        return convert_to_tensor(value)
    if isinstance(value, Tensor):
        return value
    return convert_to_tensor(value)


def regroup(per_replica_outputs):
    """The outputs of each replica (a list of nests of one structure) as one nest whose leaves
    are PerReplica values; leaves that are the same object on every replica (a mirrored
    variable) stay that object. One replica: its outputs as they are."""
    if len(per_replica_outputs) == 1:
        return per_replica_outputs[0]
    first = per_replica_outputs[0]
    flats = [nest.flatten(o) for o in per_replica_outputs]
    leaves = []
    for position in zip(*flats):
        if all(v is position[0] for v in position):
            leaves.append(position[0])
        else:
            leaves.append(values_lib.PerReplica(position))
    return nest.pack_sequence_as(first, leaves)


def select_replica(replica, structure):
    """The nest `structure` as replica `replica` sees it (PerReplica leaves -> component)."""
    if not nest.flatten(structure):
        return structure
    return nest.map_structure(lambda v: values_lib.local_value(v, replica), structure)


def _sum_arrays(arrays):
    total = np.array(arrays[0], copy=True)
    for a in arrays[1:]:
        total = total + a
    return total.astype(np.asarray(arrays[0]).dtype, copy=False)


def _reduce_local(reduce_op, value, axis):
    """One replica's value reduced over `axis` (None: as it is) -> (sum array, count)."""
    t = dense(value)
    array = np.asarray(t._value)
    if axis is None:
        return array, 1
    axis = int(axis)
    if axis < 0:
        axis += array.ndim
    return np.sum(array, axis=axis).astype(array.dtype, copy=False), array.shape[axis]


def _mean(total, count, dtype):
    if np.issubdtype(dtype, np.integer):
        return (total // count).astype(dtype)
    return (total / np.asarray(count, dtype=dtype)).astype(dtype)


# ============================================================================================
# Strategy, StrategyExtended, ReplicaContext
# ============================================================================================
class Strategy:
    """The base of every strategy (`tf.distribute.Strategy`): where variables live and how
    a step runs on each replica."""

    def __init__(self, extended):
        self._extended = extended
        self._default_replica_context = None

    @property
    def extended(self):
        """Strategy-specific parts (`tf.distribute.StrategyExtended`)."""
        return self._extended

    @property
    def num_replicas_in_sync(self):
        """How many replicas compute each step together (over all workers)."""
        return self._extended._num_replicas_in_sync

    @property
    def cluster_resolver(self):
        return None

    def scope(self):
        """A context manager: variables created inside are distributed by this strategy,
        and `tf.distribute.get_strategy()` returns it."""
        return _Scope(self)

    def run(self, fn, args=(), kwargs=None, options=None):
        """Runs `fn(*args, **kwargs)` once per replica; PerReplica arguments give each replica
        its own component. Returns the replicas' outputs (PerReplica leaves where they
        differ)."""
        kwargs = {} if kwargs is None else kwargs
        return self._extended._call_for_each_replica(fn, args, kwargs)

    def reduce(self, reduce_op, value, axis=None):
        """Combines a per-replica value into one tensor: over the replicas, and also over
        dimension `axis` of each value when given (MEAN then divides by the total count)."""
        reduce_op = as_reduce_op(reduce_op)
        if axis is not None and not isinstance(axis, (int, np.integer)):
            axis = int(convert_to_tensor(axis)._value)
        return self._extended._reduce(reduce_op, value, axis)

    def gather(self, value, axis):
        """The per-replica values concatenated along `axis` (over all replicas, all workers)."""
        return self._extended._gather(value, axis)

    def experimental_local_results(self, value):
        """The components of `value` on this worker's replicas, as a tuple."""
        if isinstance(value, values_lib.DistributedValues):
            return value.values
        if isinstance(value, values_lib.MirroredVariable) and values_lib.info_of(value):
            return value.values
        flat = nest.flatten(value)
        if any(isinstance(v, values_lib.DistributedValues) for v in flat):
            n = self._extended._num_local_replicas
            return tuple(select_replica(i, value) for i in range(n))
        return (value,)

    def experimental_distribute_dataset(self, dataset, options=None):
        """A dataset of global batches, split over the replicas (and sharded over the workers
        by `dataset.options().experimental_distribute.auto_shard_policy`)."""
        from .input_lib import DistributedDataset
        return DistributedDataset(self, dataset, options)

    def distribute_datasets_from_function(self, dataset_fn, options=None):
        """`dataset_fn(input_context)` builds each worker's dataset of per-replica batches;
        the replicas of a worker take its elements in turn."""
        from .input_lib import DistributedDatasetsFromFunction
        return DistributedDatasetsFromFunction(self, dataset_fn, options)

    experimental_distribute_datasets_from_function = distribute_datasets_from_function

    def experimental_distribute_values_from_function(self, value_fn):
        """A PerReplica of `value_fn(ValueContext)` for each local replica."""
        from .input_lib import ValueContext
        ext = self._extended
        outs = [value_fn(ValueContext(ext._global_replica_id(i), self.num_replicas_in_sync))
                for i in range(ext._num_local_replicas)]
        return regroup(outs) if len(outs) > 1 else outs[0]

    def update_config_proto(self, config_proto):
        return config_proto


class StrategyExtended:
    """Strategy-specific API (`strategy.extended`)."""

    def __init__(self, container_strategy, devices):
        self._container_strategy_ref = container_strategy
        self._devices = tuple(devices)
        self._num_local_replicas = len(self._devices)
        self._num_replicas_in_sync = len(self._devices)
        self._variables = None  # id -> weakref, kept by _variable_created

    def _container_strategy(self):
        return self._container_strategy_ref

    @property
    def worker_devices(self):
        return self._devices

    @property
    def parameter_devices(self):
        return self._devices

    @property
    def experimental_between_graph(self):
        return False

    @property
    def experimental_should_init(self):
        return True

    @property
    def should_checkpoint(self):
        return True

    @property
    def should_save_summary(self):
        return True

    def _in_multi_worker_mode(self):
        return False

    def _global_replica_id(self, local):
        return local

    # -- variables -----------------------------------------------------------------------------
    def _variable_created(self, var, aggregation, synchronization):
        values_lib.register(var, self._container_strategy(), aggregation, synchronization)

    def variable_created_in_scope(self, v):
        info = values_lib.info_of(v)
        return info is not None and info.strategy is self._container_strategy()

    def colocate_vars_with(self, colocate_with_variable):
        return contextlib.nullcontext()

    def read_var(self, v):
        return v.read_value() if hasattr(v, "read_value") else v

    def value_container(self, value):
        return value

    # -- updates ---------------------------------------------------------------------------------
    def update(self, var, fn, args=(), kwargs=None, group=True):
        """Runs `fn(var, *args)` to update `var` (every replica's copy; they share memory)."""
        kwargs = {} if kwargs is None else kwargs
        args = select_replica(0, args)
        kwargs = select_replica(0, kwargs)
        return fn(var, *args, **kwargs)

    def update_non_slot(self, colocate_with, fn, args=(), kwargs=None, group=True):
        kwargs = {} if kwargs is None else kwargs
        return fn(*args, **kwargs)

    # -- reductions in a cross-replica context ----------------------------------------------------
    def reduce_to(self, reduce_op, value, destinations, options=None):
        return self._reduce(as_reduce_op(reduce_op), value, None)

    def batch_reduce_to(self, reduce_op, value_destination_pairs, options=None):
        op = as_reduce_op(reduce_op)
        return [self._reduce(op, v, None) for v, _ in value_destination_pairs]

    def broadcast_to(self, tensor, destinations):
        return tensor

    def _local_values(self, value):
        if isinstance(value, values_lib.DistributedValues):
            return list(value.values)
        return [value] * self._num_local_replicas

    def _reduce(self, reduce_op, value, axis):
        flat = nest.flatten(value)
        if len(flat) != 1 or flat[0] is not value:
            return nest.map_structure(lambda v: self._reduce(reduce_op, v, axis), value)
        from ..ops import array_ops, math_ops
        if values_lib.info_of(value) is not None:
            value = value.read_value()
        local = [dense(v) for v in self._local_values(value)]
        if axis is None:
            sums, count = local, len(local)
        else:
            sums = [math_ops.reduce_sum(t, axis) for t in local]
            dims = [t.shape[axis] for t in local]
            count = sum(dims) if all(d is not None for d in dims) else \
                math_ops.add_n([array_ops.shape(t)[axis] for t in local])
        total = math_ops.add_n(sums) if len(sums) > 1 else sums[0]
        total = self._cross_worker_sum_tensor(total)
        if reduce_op is ReduceOp.MEAN:
            count = self._cross_worker_count(count)
            if total.dtype.is_integer:
                total = math_ops.floordiv(total, math_ops.cast(count, total.dtype))
            else:
                total = math_ops.divide(total, math_ops.cast(count, total.dtype))
        return total

    def _cross_worker_sum_tensor(self, tensor):
        return tensor  # one worker: nothing to add

    def _cross_worker_sum(self, array):
        return array

    def _cross_worker_count(self, count):
        return count  # one worker: the local count is the global one

    def _gather(self, value, axis):
        parts = [np.asarray(dense(v)._value) for v in self._local_values(value)]
        return wrap(np.concatenate([np.atleast_1d(p) for p in parts], axis=axis))

    def _call_for_each_replica(self, fn, args, kwargs):
        raise NotImplementedError

    # -- Keras's fit / evaluate / predict --------------------------------------------------------
    def _split_batch(self, batch):
        """A global batch -> this worker's replicas' parts (PerReplica leaves), cut as
        `experimental_distribute_dataset` cuts it."""
        from .input_lib import _grouped, _split
        pieces = _split(batch, self._num_replicas_in_sync)
        first = self._global_replica_id(0)
        return _grouped(pieces[first:first + self._num_local_replicas])

    def _concat_replicas(self, outputs):
        """Per-replica outputs (of `_split_batch`'s parts) put back in batch order."""
        def concat(v):
            if not isinstance(v, values_lib.PerReplica):
                return v
            return wrap(np.concatenate([np.asarray(dense(t)._value) for t in v.values], axis=0))
        return nest.map_structure(concat, outputs)

    def _summed_over_workers(self, variables):
        return contextlib.nullcontext()


class ReplicaContext:
    """The context of one replica inside `strategy.run` (`tf.distribute.ReplicaContext`)."""

    def __init__(self, strategy, replica_id_in_sync_group):
        self._strategy = strategy
        self._replica_id = int(replica_id_in_sync_group)
        self._local_id = self._replica_id

    @property
    def strategy(self):
        return self._strategy

    @property
    def num_replicas_in_sync(self):
        return self._strategy.num_replicas_in_sync

    @property
    def replica_id_in_sync_group(self):
        """This replica's index among all replicas (an int32 tensor)."""
        return wrap(np.asarray(self._replica_id, dtype=np.int32))

    @property
    def devices(self):
        return (self._strategy.extended.worker_devices[self._local_id],)

    def merge_call(self, merge_fn, args=(), kwargs=None):
        """Runs `merge_fn(strategy, *args, **kwargs)` once, in a cross-replica context, with
        the arguments of all replicas (PerReplica where they differ); each replica gets the
        result (its component, when the result is per-replica)."""
        kwargs = {} if kwargs is None else kwargs
        return self._strategy.extended._merge_call(self, merge_fn, args, kwargs)

    def all_reduce(self, reduce_op, value, options=None):
        """`value` (a nest of tensors) combined over all replicas; every replica gets the
        result."""
        reduce_op = as_reduce_op(reduce_op)
        flat = nest.flatten(value)
        out = self._strategy.extended._all_reduce(self, reduce_op, [dense(v) for v in flat])
        return nest.pack_sequence_as(value, out)

    def all_gather(self, value, axis, options=None):
        """`value` (a nest) of every replica concatenated along `axis`."""
        flat = nest.flatten(value)
        out = self._strategy.extended._all_gather(self, [dense(v) for v in flat], int(axis))
        return nest.pack_sequence_as(value, out)

    def __enter__(self):
        _contexts.stack.append((self._strategy, self))
        return self

    def __exit__(self, *exc):
        _contexts.stack.pop()
        return False


# ============================================================================================
# The default strategy
# ============================================================================================
class _DefaultDistributionExtended(StrategyExtended):
    def __init__(self, container):
        super().__init__(container, ("/job:localhost/replica:0/task:0/device:CPU:0",))

    def _variable_created(self, var, aggregation, synchronization):
        pass

    def variable_created_in_scope(self, v):
        return True

    def _call_for_each_replica(self, fn, args, kwargs):
        with _entered(self._container_strategy(), self._container_strategy()
                      ._default_replica_context):
            return fn(*args, **kwargs)

    def _reduce(self, reduce_op, value, axis):
        if axis is None:
            return value
        from ..ops import math_ops
        t = dense(value)
        return math_ops.reduce_sum(t, axis) if reduce_op is ReduceOp.SUM else \
            math_ops.reduce_mean(t, axis)

    def _merge_call(self, ctx, merge_fn, args, kwargs):
        with _entered(self._container_strategy(), None):
            return merge_fn(self._container_strategy(), *args, **kwargs)

    def _all_reduce(self, ctx, reduce_op, values):
        return values

    def _all_gather(self, ctx, values, axis):
        return values


class _DefaultReplicaContext(ReplicaContext):
    @property
    def replica_id_in_sync_group(self):
        return 0


class _DefaultDistributionStrategy(Strategy):
    def __init__(self):
        super().__init__(_DefaultDistributionExtended(self))
        self._default_replica_context = _DefaultReplicaContext(self, 0)

    def run(self, fn, args=(), kwargs=None, options=None):
        return fn(*args, **(kwargs or {}))


_default = []


def _default_strategy():
    if not _default:
        _default.append(_DefaultDistributionStrategy())
    return _default[0]


class _SetStrategy(threading.local):
    def __init__(self):
        self.scope = None


_set_strategy = _SetStrategy()


def experimental_set_strategy(strategy):
    """Makes `strategy` current on this thread, as entering its scope would, without a `with`
    block; None goes back to the default."""
    if _set_strategy.scope is not None:
        _set_strategy.scope.__exit__(None, None, None)
        _set_strategy.scope = None
    if strategy is not None:
        scope = strategy.scope()
        scope.__enter__()
        _set_strategy.scope = scope
