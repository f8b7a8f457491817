"""`tf.distribute`: the same training loop on several replicas.

  get_strategy() / OneDeviceStrategy   one replica (the default strategy runs the code as is);
  MirroredStrategy(devices)            replicas on this process's logical CPU devices, one
                                       thread each, gradients summed over them;
  MultiWorkerMirroredStrategy()        one replica per process of an MPI job (`mpirun -n 4
                                       python train.py`, `srun`), gradients all-reduced with
                                       MPI (mpi4py; `pip install 'tapeflow[distributed]'`).

    >>> import tapeflow as tf
    >>> strategy = tf.distribute.OneDeviceStrategy("/cpu:0")
    >>> with strategy.scope():
    ...     v = tf.Variable(1.0)
    >>> strategy.run(lambda: v * 2.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
"""
from . import cluster_resolver, experimental
from .distribute_lib import (
    ReduceOp,
    ReplicaContext,
    Strategy,
    StrategyExtended,
    experimental_set_strategy,
    get_cross_replica_context,
    get_replica_context,
    get_strategy,
    has_strategy,
    in_cross_replica_context,
)
from .input_lib import DistributedDataset as DistributedDataset
from .input_lib import DistributedIterator as DistributedIterator
from .input_lib import InputContext, InputOptions, InputReplicationMode
from .mirrored import (
    CrossDeviceOps,
    HierarchicalCopyAllReduce,
    MirroredStrategy,
    NcclAllReduce,
    OneDeviceStrategy,
    ReductionToOneDevice,
)
from .values import DistributedValues, MirroredVariable, PerReplica


def __getattr__(name):
    # the multi-worker strategy imports mpi4py only when it is asked for
    if name in ("MultiWorkerMirroredStrategy", "experimental_MultiWorkerMirroredStrategy"):
        from .multi_worker import MultiWorkerMirroredStrategy
        return MultiWorkerMirroredStrategy
    raise AttributeError(f"module 'tapeflow.distribute' has no attribute '{name}'")


StrategyV1 = Strategy
