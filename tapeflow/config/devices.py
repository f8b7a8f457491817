"""Devices as TF names them: `tf.DeviceSpec`, `tf.device`, physical and logical devices.

This machine has one physical device for tapeflow, the CPU (`/physical_device:CPU:0`). Before the
runtime is initialized it can be split into logical CPU devices, as in TF; tensors made under
`tf.device('/CPU:1')` then report that device. Device types tapeflow does not have (GPU, TPU)
are accepted in scopes and fall back to CPU:0, as TF's soft placement does.

    >>> import tapeflow as tf
    >>> tf.DeviceSpec.from_string("/job:localhost/replica:0/task:0/device:CPU:0")
    <DeviceSpec(job=localhost, replica=0, task=0, device_type=CPU, device_index=0)>
    >>> tf.DeviceSpec(device_type="GPU", device_index=1).to_string()
    '/device:GPU:1'
    >>> with tf.device("/CPU:0"):
    ...     tf.constant(1.0).device
    '/job:localhost/replica:0/task:0/device:CPU:0'
"""
import collections
import threading

from ..framework import config_state as cs
from ..framework import placement
from ..framework.errors import InvalidArgumentError, NotFoundError

_VALID_DEVICE_TYPES = frozenset({"CPU", "GPU", "TPU", "CUSTOM", "EPU"})


class DeviceSpec:
    """A (possibly partial) device description: job, replica, task, device type and index.

    >>> tf.DeviceSpec(job="ps").replace(task=2).to_string()
    '/job:ps/task:2'
    """

    __slots__ = ("_device_index", "_device_type", "_job", "_replica", "_string", "_task")

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self._job = None if job is None else str(job)
        self._replica = None if replica is None else int(replica)
        self._task = None if task is None else int(task)
        if device_type in ("cpu", "gpu"):  # TF accepts the old lower-case names
            device_type = device_type.upper()
        self._device_type = None if device_type is None else str(device_type)
        self._device_index = None if device_index is None else int(device_index)
        parts = []
        if self._job is not None:
            parts.append("/job:" + self._job)
        if self._replica is not None:
            parts.append(f"/replica:{self._replica}")
        if self._task is not None:
            parts.append(f"/task:{self._task}")
        if self._device_type is not None:
            index = "*" if self._device_index is None else str(self._device_index)
            parts.append(f"/device:{self._device_type}:{index}")
        self._string = "".join(parts)

    @classmethod
    def from_string(cls, spec):
        """Parses `/job:<name>/replica:<i>/task:<i>/device:<TYPE>:<i>`; every part is optional,
        and the device may be written `/cpu:0`, `GPU:1` or `/GPU:*`."""
        return cls(*_parse(spec))

    def parse_from_string(self, spec):
        """As `from_string` (TF 2's DeviceSpec is immutable: this returns a new one)."""
        return self.from_string(spec)

    def to_string(self):
        return self._string

    def make_merged_spec(self, dev):
        """A new spec with `dev`'s fields where they are set, this one's elsewhere."""
        mine = (self._job, self._replica, self._task, self._device_type, self._device_index)
        theirs = (dev.job, dev.replica, dev.task, dev.device_type, dev.device_index)
        return self.__class__(*[t if t is not None else m for m, t in zip(mine, theirs)])

    def replace(self, **kwargs):
        """A new spec with the given fields replaced."""
        fields = {"job": self._job, "replica": self._replica, "task": self._task,
                  "device_type": self._device_type, "device_index": self._device_index}
        fields.update(kwargs)
        return self.__class__(**fields)

    job = property(lambda self: self._job)
    replica = property(lambda self: self._replica)
    task = property(lambda self: self._task)
    device_type = property(lambda self: self._device_type)
    device_index = property(lambda self: self._device_index)

    def __eq__(self, other):
        return isinstance(other, self.__class__) and self._string == other._string

    def __hash__(self):
        return hash(self._string)

    def __repr__(self):
        return (f"<DeviceSpec(job={self._job}, replica={self._replica}, task={self._task}, "
                f"device_type={self._device_type}, device_index={self._device_index})>")

    __str__ = __repr__


def _parse(spec):
    job = replica = task = device_type = device_index = None
    for part in (spec or "").split("/"):
        fields = part.split(":")
        n = len(fields)
        if n == 2 and fields[0] == "job":
            job = fields[1]
        elif n == 2 and fields[0] == "replica":
            replica = int(fields[1])
        elif n == 2 and fields[0] == "task":
            task = int(fields[1])
        elif n in (1, 2) and fields[0].upper() in _VALID_DEVICE_TYPES:
            if device_type is not None:
                raise ValueError(f"Multiple device types are not allowed while parsing the "
                                 f"device spec: {spec}.")
            device_type = fields[0].upper()
            if n == 2 and fields[1] != "*":
                device_index = int(fields[1])
        elif n == 3 and fields[0] == "device":
            if device_type is not None:
                raise ValueError(f"Multiple device types are not allowed while parsing the "
                                 f"device spec: {spec}.")
            device_type = fields[1]
            if fields[2] != "*":
                device_index = int(fields[2])
        elif fields[0] != "":
            raise ValueError(f"Unknown attribute '{fields[0]}' is encountered while parsing the "
                             f"device spec: '{spec}'.")
    return job, replica, task, device_type, device_index


# -- physical and logical devices ------------------------------------------------------------------
class PhysicalDevice(collections.namedtuple("PhysicalDevice", ["name", "device_type"])):
    """A device of this machine, as `tf.config.list_physical_devices` lists it.

    >>> tf.config.list_physical_devices("CPU")
    [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
    """

    __slots__ = ()


class LogicalDevice(collections.namedtuple("LogicalDevice", ["name", "device_type"])):
    """A device the runtime places ops on (a physical device, or a part of one)."""

    __slots__ = ()


class LogicalDeviceConfiguration(collections.namedtuple(
        "LogicalDeviceConfiguration",
        ["memory_limit", "experimental_priority", "experimental_device_ordinal"])):
    """How one logical device is carved out of a physical device. On a CPU every field must be
    None (TF supports no memory limit for CPU devices)."""

    def __new__(cls, memory_limit=None, experimental_priority=None,
                experimental_device_ordinal=None):
        return super().__new__(cls, memory_limit, experimental_priority,
                               experimental_device_ordinal)


CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")
PHYSICAL = (CPU,)


def physical_devices(device_type=None):
    return [d for d in PHYSICAL if device_type is None or d.device_type == device_type]


def logical_devices(device_type=None):
    if not cs.cpu_visible or device_type not in (None, "CPU"):
        return []
    return [LogicalDevice(f"/device:CPU:{i}", "CPU") for i in range(cs.num_logical_cpus())]


def check_physical(device):
    if device not in PHYSICAL:
        raise ValueError(f"Unrecognized device: {device!r}")


# -- placement scopes --------------------------------------------------------------------------------
def resolve(spec):
    """The device name ops run on under `spec` (a DeviceSpec merged with the outer scopes), with
    TF's soft placement: device types or indices this machine lacks fall back to CPU:0."""
    job = spec.job if spec.job is not None else "localhost"
    replica = spec.replica if spec.replica is not None else 0
    task = spec.task if spec.task is not None else 0
    device_type = spec.device_type if spec.device_type is not None else "CPU"
    index = spec.device_index if spec.device_index is not None else 0
    full = f"/job:{job}/replica:{replica}/task:{task}/device:{device_type}:{index}"
    if (job, replica, task) != ("localhost", 0, 0):
        raise InvalidArgumentError(None, None, f"{full} unknown device.")
    if not cs.cpu_visible:
        raise NotFoundError(None, None, "No CPU devices are available in this process")
    if device_type == "CPU" and index < cs.num_logical_cpus():
        return full
    if not cs.soft_device_placement:
        raise InvalidArgumentError(
            None, None,
            f"Could not satisfy device specification '{full}'. enable_soft_placement=0. Supported "
            f"device types [CPU]. All available devices ["
            + ", ".join(f"/job:localhost/replica:0/task:0/device:CPU:{i}"
                        for i in range(cs.num_logical_cpus())) + "].")
    return cs.DEFAULT_DEVICE


class _EagerDeviceContext:
    """The context manager `tf.device` returns."""

    __slots__ = ("_spec",)

    def __init__(self, spec):
        self._spec = spec

    def __enter__(self):
        stack = cs.scope.stack
        if self._spec is None:
            placement.push_scope(None)
            return self
        outer = _outer_spec(stack)
        merged = outer.make_merged_spec(self._spec) if outer is not None else self._spec
        device = resolve(merged)
        placement.push_scope(device)
        _SPECS.stack.append(merged)
        return self

    def __exit__(self, *exc):
        if self._spec is not None:
            _SPECS.stack.pop()
        placement.pop_scope()
        return False


class _SpecStack(threading.local):
    def __init__(self):
        self.stack = []  # the merged DeviceSpec of each open named scope


_SPECS = _SpecStack()


def _outer_spec(stack):
    # a `tf.device(None)` scope resets: scopes outside it do not merge into scopes inside it
    if not stack or stack[-1] is None or not _SPECS.stack:
        return None
    return _SPECS.stack[-1]


def device(device_name):
    """Places the ops and tensors created in the `with` block on a device.

    `device_name` is a device string (`"/CPU:0"`, `"/device:GPU:0"`, `"CPU:1"`,
    `"/job:localhost/replica:0/task:0/device:CPU:0"`), a `tf.DeviceSpec`, or None (no device).
    A GPU or TPU, which tapeflow does not have, falls back to CPU:0 (TF's soft placement).

    >>> with tf.device("/GPU:0"):
    ...     tf.constant([1.0]).device
    '/job:localhost/replica:0/task:0/device:CPU:0'
    """
    if device_name is None:
        return _EagerDeviceContext(None)
    if isinstance(device_name, DeviceSpec):
        return _EagerDeviceContext(device_name)
    if isinstance(device_name, str):
        return _EagerDeviceContext(DeviceSpec.from_string(device_name))
    # TF 1's device functions (op -> device name) have no meaning in eager mode
    kind = "functions" if callable(device_name) else type(device_name).__name__ + " values"
    raise RuntimeError(f"tf.device does not support {kind}.")
