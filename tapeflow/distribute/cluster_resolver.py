"""`tf.distribute.cluster_resolver`: who the workers of a job are.

tapeflow forms a multi-worker cluster from MPI (`MPIClusterResolver`: the process's rank and
the job's size); `TFConfigClusterResolver` reads TF's `TF_CONFIG` environment variable, which
the multi-worker strategy checks against MPI when it is set.

    >>> r = TFConfigClusterResolver()
    >>> r.task_type, r.task_id
    (None, None)
"""
import json
import os


class ClusterSpec:
    """Jobs and their task addresses (`tf.train.ClusterSpec`)."""

    def __init__(self, cluster):
        if isinstance(cluster, ClusterSpec):
            cluster = cluster.as_dict()
        self._cluster = {job: list(tasks) if isinstance(tasks, (list, tuple)) else
                         [tasks[i] for i in sorted(tasks)] for job, tasks in dict(cluster).items()}

    def as_dict(self):
        return {job: list(tasks) for job, tasks in self._cluster.items()}

    @property
    def jobs(self):
        return list(self._cluster)

    def num_tasks(self, job_name):
        return len(self._cluster.get(job_name, ()))

    def task_address(self, job_name, task_index):
        return self._cluster[job_name][task_index]

    def __bool__(self):
        return bool(self._cluster)

    def __eq__(self, other):
        return isinstance(other, ClusterSpec) and self.as_dict() == other.as_dict()

    def __repr__(self):
        return f"ClusterSpec({self.as_dict()})"


class ClusterResolver:
    """The base of cluster resolvers."""

    task_type = None
    task_id = None
    rpc_layer = None

    def cluster_spec(self):
        raise NotImplementedError

    def num_accelerators(self, task_type=None, task_id=None, config_proto=None):
        return {}

    @property
    def environment(self):
        return ""


class TFConfigClusterResolver(ClusterResolver):
    """The cluster described by the `TF_CONFIG` environment variable (JSON with "cluster" and
    "task": {"type", "index"})."""

    def __init__(self, task_type=None, task_id=None, rpc_layer=None, environment=None):
        config = _tf_config()
        task = config.get("task", {})
        self.task_type = task_type if task_type is not None else task.get("type")
        self.task_id = task_id if task_id is not None else task.get("index")
        self.rpc_layer = rpc_layer if rpc_layer is not None else config.get("rpc_layer")
        self._environment = environment or config.get("environment", "")

    def cluster_spec(self):
        return ClusterSpec(_tf_config().get("cluster", {}))

    @property
    def environment(self):
        return self._environment

    def master(self, task_type=None, task_id=None, rpc_layer=None):
        task_type = task_type if task_type is not None else self.task_type
        task_id = task_id if task_id is not None else self.task_id
        if task_type is None or task_id is None:
            return ""
        address = self.cluster_spec().task_address(task_type, task_id)
        layer = rpc_layer or self.rpc_layer
        return f"{layer}://{address}" if layer else address


class SimpleClusterResolver(ClusterResolver):
    """A cluster given outright."""

    def __init__(self, cluster_spec, master="", task_type=None, task_id=None, environment="",
                 num_accelerators=None, rpc_layer=None):
        self._cluster_spec = ClusterSpec(cluster_spec)
        self._master = master
        self.task_type, self.task_id = task_type, task_id
        self._environment = environment
        self.rpc_layer = rpc_layer

    def cluster_spec(self):
        return self._cluster_spec

    def master(self, task_type=None, task_id=None, rpc_layer=None):
        return self._master

    @property
    def environment(self):
        return self._environment


class MPIClusterResolver(ClusterResolver):
    """The cluster of an MPI job: one "worker" task per rank (task 0, the chief, is rank 0)."""

    def __init__(self, comm=None):
        if comm is None:
            from .collective_mpi import world
            comm = world()
        self._comm = comm
        self.task_type = "worker"
        self.task_id = comm.Get_rank()
        self._size = comm.Get_size()

    def cluster_spec(self):
        return ClusterSpec({"worker": [f"mpi-rank-{i}" for i in range(self._size)]})

    @property
    def environment(self):
        return "mpi"

    def master(self, task_type=None, task_id=None, rpc_layer=None):
        return ""


def _tf_config():
    text = os.environ.get("TF_CONFIG")
    if not text:
        return {}
    try:
        return json.loads(text)
    except ValueError as e:
        raise ValueError(f"TF_CONFIG is not valid JSON: {e}") from None
