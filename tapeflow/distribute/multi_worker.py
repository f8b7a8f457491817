"""`MultiWorkerMirroredStrategy` on MPI: one replica per process of an MPI job.

Start the job the way MPI jobs are started, and build the strategy inside it:

    mpirun -n 4 python train.py           # Open MPI, MPICH (mpiexec), Intel MPI
    srun -n 4 python train.py             # SLURM

The cluster comes from MPI (`rank` is the task id, rank 0 the chief; `size` the number of
workers); when `TF_CONFIG` is also set its worker count and task index must agree. Then:

  * variables created in `scope()` start from the chief's values (broadcast at creation);
  * gradients are summed over the workers with MPI all-reduces on NumPy buffers (bucketed;
    the optimizer applies each bucket as it arrives), so each step is that of one process on
    the global batch;
  * `experimental_distribute_dataset` shards by rank (TF's auto-shard policies), Keras's fit
    gives each worker its slice of every global batch;
  * `tf.train.CheckpointManager.save` and Keras's `BackupAndRestore`/`ModelCheckpoint` write
    from the chief only (the other workers keep the manager's bookkeeping in step);
  * a worker that raises or dies makes every other worker raise `tf.errors.UnavailableError`
    within the peer timeout (see `collective_mpi`) instead of hanging.

Outside an MPI launch (plain `python train.py`) the strategy has one worker.
"""
import contextlib
import json
import os

import numpy as np

from ..framework import errors
from ..framework.tensor import wrap
from . import collective_mpi
from . import distribute_lib as dl
from . import values as values_lib
from .cluster_resolver import MPIClusterResolver
from .experimental import CommunicationImplementation, CommunicationOptions
from .mirrored import MirroredExtended

_CPU0 = "/job:localhost/replica:0/task:0/device:CPU:0"


class CollectiveAllReduceExtended(MirroredExtended):
    """`MultiWorkerMirroredStrategy.extended`: one local replica, collectives over MPI."""

    def __init__(self, container, collectives, devices):
        super().__init__(container, devices)
        self._collectives = collectives
        self._num_workers = collectives.size
        self._worker_index = collectives.rank
        self._num_replicas_in_sync = collectives.size * self._num_local_replicas

    # -- cluster ---------------------------------------------------------------------------------
    def _in_multi_worker_mode(self):
        return self._num_workers > 1

    def _global_replica_id(self, local):
        return self._worker_index * self._num_local_replicas + local

    @property
    def experimental_between_graph(self):
        return True

    @property
    def should_checkpoint(self):
        return self._worker_index == 0

    @property
    def should_save_summary(self):
        return self._worker_index == 0

    @property
    def _is_chief(self):
        return self._worker_index == 0

    # -- variables: the chief's initial values ------------------------------------------------------
    def _variable_created(self, var, aggregation, synchronization):
        values_lib.register(var, self._container_strategy(), aggregation, synchronization)
        if self._num_workers > 1:
            array = np.array(var._value, copy=True)
            if array.dtype != object:
                var._value = self._collectives.broadcast(array, root=0)

    # -- collectives -------------------------------------------------------------------------------
    def _cross_worker_sum(self, array):
        return self._collectives.allreduce_sum(np.asarray(array))

    def _cross_worker_sum_tensor(self, tensor):
        if self._num_workers == 1:
            return tensor
        if getattr(tensor, "_tf_symbolic", False):
            from ..control_flow import numpy_function
            out = numpy_function(lambda a: self._collectives.allreduce_sum(a), [tensor],
                                 tensor.dtype)
            out.set_shape(tensor.shape) if hasattr(out, "set_shape") else None
            return out
        return wrap(self._collectives.allreduce_sum(np.asarray(tensor._value)))

    def _cross_worker_count(self, count):
        if self._num_workers == 1:
            return count
        if hasattr(count, "_value") and getattr(count, "_tf_symbolic", False):
            from ..control_flow import numpy_function
            return numpy_function(lambda a: self._collectives.allreduce_sum(a), [count],
                                  count.dtype)
        value = np.asarray(getattr(count, "_value", count), dtype=np.int64).reshape(1)
        return int(self._collectives.allreduce_sum(value)[0])

    def _cross_worker_gather(self, array, axis):
        return self._collectives.allgather(array, axis)

    def _gather(self, value, axis):
        local = super()._gather(value, axis)
        return wrap(self._collectives.allgather(np.asarray(local._value), axis))

    def _sum_gradients_and_apply(self, ctx, arrays, apply):
        if self._num_local_replicas > 1:
            return super()._sum_gradients_and_apply(ctx, arrays, apply)
        strategy = self._container_strategy()
        with dl._entered(strategy, None):
            apply(self._collectives.allreduce_buckets([np.asarray(a) for a in arrays]))

    def _summed_over_workers(self, variables):
        return _summed(self._collectives, variables)

    def _concat_replicas(self, outputs):
        local = super()._concat_replicas(outputs)
        from ..framework import nest
        return nest.map_structure(
            lambda t: wrap(self._collectives.allgather(np.asarray(t._value), 0))
            if hasattr(t, "_value") else t, local)

    # -- one local replica: run in the calling thread --------------------------------------------------
    def _call_for_each_replica(self, fn, args, kwargs):
        if self._num_local_replicas > 1:
            return super()._call_for_each_replica(fn, args, kwargs)
        strategy = self._container_strategy()
        ctx = _WorkerReplicaContext(strategy, self._global_replica_id(0))
        try:
            with dl._entered(strategy, ctx):
                return fn(*dl.select_replica(0, args), **dl.select_replica(0, kwargs))
        except (errors.UnavailableError, errors.DeadlineExceededError):
            raise
        except BaseException as e:
            self._collectives.tell_peers(f"{type(e).__name__}: {e}")
            raise

    def _merge_call(self, ctx, merge_fn, args, kwargs):
        if self._num_local_replicas > 1:
            return super()._merge_call(ctx, merge_fn, args, kwargs)
        strategy = self._container_strategy()
        with dl._entered(strategy, None):
            return dl.select_replica(0, merge_fn(strategy, *args, **kwargs))

    def _all_reduce(self, ctx, reduce_op, values):
        if self._num_local_replicas > 1:
            return super()._all_reduce(ctx, reduce_op, values)
        out = []
        for t in values:
            total = self._cross_worker_sum_tensor(t)
            if reduce_op is dl.ReduceOp.MEAN:
                from ..ops import math_ops
                total = math_ops.divide(total, math_ops.cast(self._num_replicas_in_sync,
                                                             total.dtype))
            out.append(total)
        return out

    def _all_gather(self, ctx, values, axis):
        if self._num_local_replicas > 1:
            return super()._all_gather(ctx, values, axis)
        return [wrap(self._collectives.allgather(np.asarray(t._value), axis)) for t in values]


class _WorkerReplicaContext(dl.ReplicaContext):
    pass


@contextlib.contextmanager
def _summed(collectives, variables):
    """Inside, each variable holds its sum over the workers; afterwards its own value again."""
    saved = [v._value for v in variables]
    try:
        for v, local in zip(variables, saved):
            v._value = collectives.allreduce_sum(np.asarray(local))
        yield
    finally:
        for v, local in zip(variables, saved):
            v._value = local


class MultiWorkerMirroredStrategy(dl.Strategy):
    """Synchronous training over the processes of an MPI job
    (`tf.distribute.MultiWorkerMirroredStrategy`).

    `communication_options`: a `tf.distribute.experimental.CommunicationOptions`
    (`bytes_per_pack`, `timeout_seconds`). `cluster_resolver`: None (the cluster comes from
    MPI) or a resolver that must agree with it. `peer_timeout_seconds` (tapeflow's): how long
    a silent peer may stay silent before the others raise (default 30 s, or
    `TAPEFLOW_PEER_TIMEOUT`).

        strategy = tf.distribute.MultiWorkerMirroredStrategy()
        with strategy.scope():
            model = build_and_compile_model()
        model.fit(x, y, batch_size=global_batch)     # the same code as on one process
    """

    _instances = []

    def __init__(self, communication_options=None, cluster_resolver=None,
                 peer_timeout_seconds=None):
        options = communication_options or CommunicationOptions()
        if not isinstance(options, CommunicationOptions):
            raise ValueError("communication_options must be a "
                             "tf.distribute.experimental.CommunicationOptions")
        if options.implementation is CommunicationImplementation.NCCL:
            raise NotImplementedError("CommunicationImplementation.NCCL needs GPUs; tapeflow's "
                                      "multi-worker collectives use MPI (AUTO or RING)")
        collectives = collective_mpi.Collectives(
            timeout_seconds=options.timeout_seconds, peer_timeout_seconds=peer_timeout_seconds,
            bytes_per_pack=options.bytes_per_pack)
        _check_tf_config(collectives.rank, collectives.size, cluster_resolver)
        self._cluster_resolver = cluster_resolver or MPIClusterResolver(collectives.comm)
        self._communication_options = options
        super().__init__(CollectiveAllReduceExtended(self, collectives, [_CPU0]))
        collective_mpi.install_failure_reporting(collectives)
        MultiWorkerMirroredStrategy._instances.append(self)
        collectives.barrier()  # every worker is up before the first step

    @property
    def cluster_resolver(self):
        return self._cluster_resolver

    @property
    def _collectives(self):
        return self._extended._collectives


def _check_tf_config(rank, size, resolver):
    """TF_CONFIG (or the given resolver), when present, must describe this MPI job."""
    text = os.environ.get("TF_CONFIG")
    if resolver is not None:
        spec = resolver.cluster_spec().as_dict()
        task_type, task_id = resolver.task_type, resolver.task_id
    elif text:
        config = json.loads(text)
        spec = config.get("cluster", {})
        task = config.get("task", {})
        task_type, task_id = task.get("type"), task.get("index")
    else:
        return
    workers = len(spec.get("worker", [])) + len(spec.get("chief", []))
    if workers and workers != size:
        raise ValueError(f"TF_CONFIG describes {workers} workers but this MPI job has {size} "
                         f"processes (start it with `mpirun -n {workers}`, or fix TF_CONFIG)")
    if task_id is not None:
        expected = int(task_id) + (1 if task_type == "worker" and spec.get("chief") else 0)
        if task_type == "chief":
            expected = 0
        if expected != rank:
            raise ValueError(f"TF_CONFIG says this is task {task_type}:{task_id} (worker "
                             f"{expected}) but its MPI rank is {rank}")


def active_multi_worker():
    """The multi-worker strategy of this process when it has several workers, else None
    (what checkpoint writers ask to write from the chief only)."""
    for s in MultiWorkerMirroredStrategy._instances:
        if s._extended._num_workers > 1:
            return s
    return None
