"""`MirroredStrategy` (replicas on this process's devices, one thread each) and
`OneDeviceStrategy`.

Each replica of a step runs `fn` in a thread of its own, under `tf.device(<its device>)` and
its replica context; replica 0 runs in the calling thread. The threads run at the same time
(NumPy releases the GIL in large array operations, so matmuls of different replicas overlap),
and meet wherever the replicas must agree: `all_reduce`, `all_gather` and `merge_call`
(Keras's optimizer all-reduces the gradients there, then one of them applies the update, seen
by every replica, as the replicas share their variables' memory).

When `run` is called while a graph is being built (inside a `tf.function`) or under a tape of
the caller, the replica threads take turns instead (replica 0 up to its first meeting point,
then replica 1, ...), each recording onto the caller's recorder stack: the traced graph then
holds one copy of the computation per replica, as TF's does.

    >>> strategy = tf.distribute.MirroredStrategy(["/cpu:0"])
    >>> strategy.num_replicas_in_sync
    1
"""
import queue
import threading

import numpy as np

from ..config import devices as devices_lib
from ..framework import config_state as cs
from ..framework.op import stack_replaced, state
from ..framework.placement import _Placer
from ..framework.tensor import wrap
from . import distribute_lib as dl


def _canonical_device(name):
    spec = devices_lib.DeviceSpec.from_string(name)
    device_type = spec.device_type or "CPU"
    index = spec.device_index if spec.device_index is not None else 0
    if device_type != "CPU":
        raise ValueError(f"tapeflow has no {device_type} devices: MirroredStrategy places "
                         f"replicas on (logical) CPU devices only, got {name!r}")
    if index >= cs.num_logical_cpus():
        from ..framework.errors import InvalidArgumentError
        raise InvalidArgumentError(
            None, None, f"Could not satisfy device specification '{name}': this process has "
                        f"{cs.num_logical_cpus()} logical CPU device(s) (split the CPU with "
                        f"tf.config.set_logical_device_configuration)")
    return f"/job:localhost/replica:0/task:0/device:CPU:{index}"


class _Aborted(Exception):
    """Raised in replica threads waiting for a replica that failed."""


class _Meeting:
    """Where the replicas of one `run` meet. Each brings a value; the last to arrive calls
    `combine(values)` (a list in replica order) once, and each replica gets its element of
    the list combine returns. In turn-taking mode only the replica whose turn it is runs."""

    def __init__(self, n, serial):
        self.n = n
        self.serial = serial
        self.cond = threading.Condition()
        self.slots = [None] * n
        self.arrived = 0
        self.generation = 0
        self.result = None
        self.turn = 0
        self.failed = False

    def wait_turn(self, replica):
        if not self.serial:
            return
        with self.cond:
            while self.turn != replica and not self.failed:
                self.cond.wait()
            if self.failed:
                raise _Aborted

    def meet(self, replica, value, combine):
        with self.cond:
            if self.failed:
                raise _Aborted
            generation = self.generation
            self.slots[replica] = value
            self.arrived += 1
            if self.arrived == self.n:
                values, self.slots, self.arrived = self.slots, [None] * self.n, 0
                try:
                    self.result = (combine(values), None)
                except BaseException as e:  # every replica re-raises it
                    self.result = (None, e)
                self.generation += 1
                self.turn = 0
                self.cond.notify_all()
            else:
                if self.serial:
                    self.turn = replica + 1
                    self.cond.notify_all()
                while self.generation == generation and not self.failed:
                    self.cond.wait()
            if self.serial:
                while self.turn != replica and not self.failed:
                    self.cond.wait()
            if self.failed:
                raise _Aborted
            outputs, error = self.result
        if error is not None:
            raise error
        return outputs[replica]

    def done(self, replica):
        if self.serial:
            with self.cond:
                self.turn = replica + 1
                self.cond.notify_all()

    def fail(self):
        with self.cond:
            self.failed = True
            self.cond.notify_all()


class _ReplicaThread(threading.Thread):
    """A thread that runs replica `index` of each step it is handed."""

    def __init__(self, index):
        super().__init__(name=f"tapeflow-replica-{index}", daemon=True)
        self.index = index
        self.jobs = queue.SimpleQueue()

    def run(self):
        while True:
            job = self.jobs.get()
            if job is None:
                return
            job()


class MirroredExtended(dl.StrategyExtended):
    """`MirroredStrategy.extended`."""

    def __init__(self, container, devices):
        super().__init__(container, devices)
        self._threads = []
        self._threads_lock = threading.Lock()
        self._meeting = threading.local()

    # -- running the replicas -----------------------------------------------------------------
    def _replica_threads(self):
        with self._threads_lock:
            while len(self._threads) < self._num_local_replicas - 1:
                t = _ReplicaThread(len(self._threads) + 1)
                t.start()
                self._threads.append(t)
            return list(self._threads)

    def _call_for_each_replica(self, fn, args, kwargs):
        strategy = self._container_strategy()
        n = self._num_local_replicas
        if n == 1:
            with dl._entered(strategy, dl.ReplicaContext(strategy, self._global_replica_id(0))):
                with devices_lib.device(self._devices[0]):
                    return fn(*args, **kwargs)
        caller_stack = [r for r in state.stack if not isinstance(r, _Placer)]
        serial = bool(caller_stack) or _is_traced_function(fn)
        meeting = _Meeting(n, serial)
        outputs = [None] * n
        errors = [None] * n
        finished = [threading.Event() for _ in range(n)]

        def replica(i):
            ctx = dl.ReplicaContext(strategy, self._global_replica_id(i))
            ctx._local_id = i
            ctx._meeting = meeting
            try:
                meeting.wait_turn(i)
                with dl._entered(strategy, ctx), devices_lib.device(self._devices[i]):
                    outputs[i] = fn(*dl.select_replica(i, args), **dl.select_replica(i, kwargs))
            except _Aborted:
                pass
            except BaseException as e:
                errors[i] = e
                meeting.fail()
            finally:
                meeting.done(i)
                finished[i].set()

        def in_thread(i):
            def job():
                if serial:
                    with stack_replaced(caller_stack):
                        replica(i)
                else:
                    replica(i)
            return job

        for t in self._replica_threads()[:n - 1]:
            t.jobs.put(in_thread(t.index))
        replica(0)
        for e in finished:
            e.wait()
        for e in errors:
            if e is not None:
                raise e
        return dl.regroup(outputs)

    # -- where replicas meet --------------------------------------------------------------------
    def _merge_call(self, ctx, merge_fn, args, kwargs):
        strategy = self._container_strategy()

        def combine(per_replica):
            grouped = dl.regroup(per_replica)
            with dl._entered(strategy, None):
                result = merge_fn(strategy, *grouped[0], **grouped[1])
            return [dl.select_replica(i, result) for i in range(self._num_local_replicas)]

        return ctx._meeting.meet(ctx._local_id, (args, kwargs), combine)

    def _combine_values(self, per_replica, reduce_op):
        """Per-replica lists of tensors -> one list of arrays summed (or averaged) over the
        replicas (and the workers)."""
        out = []
        for position in zip(*per_replica):
            arrays = [np.asarray(t._value) for t in position]
            total = self._cross_worker_sum(dl._sum_arrays(arrays))
            if reduce_op is dl.ReduceOp.MEAN:
                total = dl._mean(total, self._num_replicas_in_sync, arrays[0].dtype)
            out.append(total)
        return out

    def _sum_gradients_and_apply(self, ctx, arrays, apply):
        """Keras's optimizer step inside `run`: `arrays` (this replica's gradients) summed over
        all replicas, then `apply([(positions, sums)])` once for the whole group."""
        strategy = self._container_strategy()

        def combine(per_replica):
            sums = [self._cross_worker_sum(dl._sum_arrays(list(position)))
                    for position in zip(*per_replica)]
            with dl._entered(strategy, None):
                apply([(list(range(len(sums))), sums)])
            return [None] * len(per_replica)

        ctx._meeting.meet(ctx._local_id, arrays, combine)

    def _all_reduce(self, ctx, reduce_op, values):
        if _symbolic(values):
            return self._all_reduce_symbolic(ctx, reduce_op, values)

        def combine(per_replica):
            totals = self._combine_values(per_replica, reduce_op)
            return [[wrap(np.asarray(a)) for a in totals] for _ in per_replica]

        return ctx._meeting.meet(ctx._local_id, values, combine)

    def _all_reduce_symbolic(self, ctx, reduce_op, values):
        from ..ops import math_ops

        def combine(per_replica):
            totals = []
            for position in zip(*per_replica):
                total = math_ops.add_n(list(position)) if len(position) > 1 else position[0]
                if reduce_op is dl.ReduceOp.MEAN:
                    total = total / np.asarray(len(position), total.dtype.as_numpy_dtype)
                totals.append(total)
            from ..ops import array_ops
            return [[array_ops.identity(t) for t in totals] for _ in per_replica]

        return ctx._meeting.meet(ctx._local_id, values, combine)

    def _all_gather(self, ctx, values, axis):
        def combine(per_replica):
            out = []
            for position in zip(*per_replica):
                out.append(np.concatenate([np.asarray(t._value) for t in position], axis=axis))
            out = [self._cross_worker_gather(a, axis) for a in out]
            return [[wrap(a) for a in out] for _ in per_replica]

        return ctx._meeting.meet(ctx._local_id, values, combine)

    def _cross_worker_gather(self, array, axis):
        return array


def _symbolic(values):
    return any(getattr(v, "_tf_symbolic", False) for v in values)


def _is_traced_function(fn):
    from ..function import Function
    return isinstance(fn, Function)


class MirroredStrategy(dl.Strategy):
    """Synchronous training on several devices of this process (`tf.distribute.MirroredStrategy`).

    `devices` defaults to every logical CPU device (`tf.config.set_logical_device_configuration`
    splits the CPU). Variables created in `scope()` are mirrored; `run` runs a step on each
    replica in its own thread; gradients are summed over the replicas.

    `cross_device_ops` is accepted (`tf.distribute.ReductionToOneDevice`,
    `HierarchicalCopyAllReduce`, `NcclAllReduce`): in one process's memory they all come down to
    adding the replicas' arrays.
    """

    def __init__(self, devices=None, cross_device_ops=None):
        if devices is None:
            devices = [d.name for d in devices_lib.logical_devices("CPU")]
            from ..framework import placement
            if not cs.initialized:
                placement.mark_initialized()
        if isinstance(devices, str):
            devices = [devices]
        devices = [getattr(d, "name", d) for d in devices]
        if not devices:
            raise ValueError("Got an empty `devices` list and unable to recognize any local "
                             "devices.")
        canonical = [_canonical_device(d) for d in devices]
        if len(set(canonical)) != len(canonical):
            raise ValueError(f"No duplicates allowed in `devices` argument: {devices}")
        self._cross_device_ops = cross_device_ops
        super().__init__(MirroredExtended(self, canonical))


class OneDeviceStrategy(dl.Strategy):
    """Everything on one device (`tf.distribute.OneDeviceStrategy`): one replica, the step run
    as written under `tf.device(device)`."""

    def __init__(self, device):
        super().__init__(_OneDeviceExtended(self, [_canonical_device(device)]))


class _OneDeviceExtended(dl.StrategyExtended):
    def _variable_created(self, var, aggregation, synchronization):
        pass  # a plain variable on the device, as in TF

    def variable_created_in_scope(self, v):
        return True

    def _call_for_each_replica(self, fn, args, kwargs):
        strategy = self._container_strategy()
        with dl._entered(strategy, dl.ReplicaContext(strategy, 0)):
            with devices_lib.device(self._devices[0]):
                return fn(*args, **kwargs)

    def _merge_call(self, ctx, merge_fn, args, kwargs):
        strategy = self._container_strategy()
        with dl._entered(strategy, None):
            return merge_fn(strategy, *args, **kwargs)

    def _all_reduce(self, ctx, reduce_op, values):
        return values

    def _all_gather(self, ctx, values, axis):
        return values


class ReductionToOneDevice:
    """A cross-device reduction (accepted by MirroredStrategy; in one process's memory every
    reduction adds the replicas' arrays)."""

    def __init__(self, reduce_to_device=None, accumulation_fn=None):
        self.reduce_to_device = reduce_to_device


class HierarchicalCopyAllReduce:
    def __init__(self, num_packs=1):
        self.num_packs = num_packs


class NcclAllReduce:
    def __init__(self, num_packs=1):
        self.num_packs = num_packs


CrossDeviceOps = ReductionToOneDevice
