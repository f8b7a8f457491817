"""The functions of `tf.config` itself (the package re-exports them)."""
from ..framework import config_state as _cs
from ..framework import placement as _placement
from ..framework.errors import NotFoundError
from .devices import check_physical as _check_physical
from .devices import logical_devices as _logical_devices
from .devices import physical_devices as _physical_devices


def list_physical_devices(device_type=None):
    """The physical devices of `device_type` ("CPU", "GPU", ...; None: all). Here only the CPU.

    >>> tf.config.list_physical_devices("GPU")
    []
    """
    return _physical_devices(device_type)


def list_logical_devices(device_type=None):
    """The logical devices the runtime places ops on; initializes the runtime.

    >>> tf.config.list_logical_devices("CPU")
    [LogicalDevice(name='/device:CPU:0', device_type='CPU')]
    """
    if not _cs.cpu_visible:
        raise NotFoundError(None, None, "No CPU devices are available in this process")
    if not _cs.initialized:
        _placement.mark_initialized()
    return _logical_devices(device_type)


def get_visible_devices(device_type=None):
    """The physical devices the runtime may use (all of them unless `set_visible_devices` hid
    some)."""
    return [d for d in _physical_devices(device_type) if d.device_type != "CPU" or _cs.cpu_visible]


def set_visible_devices(devices, device_type=None):
    """Restricts the runtime to `devices` (of `device_type`, when given); only before the
    runtime is initialized."""
    if not isinstance(devices, list):
        devices = [devices]
    for d in devices:
        _check_physical(d)
        if device_type is not None and d.device_type != device_type:
            raise ValueError(f"Unrecognized device: {d!r}")
    current = get_visible_devices()
    wanted = [d for d in current if device_type is not None and d.device_type != device_type]
    wanted += devices
    if wanted == current:
        return
    if _cs.initialized:
        raise RuntimeError("Visible devices cannot be modified after being initialized")
    _cs.cpu_visible = any(d.device_type == "CPU" for d in wanted)


def get_logical_device_configuration(device):
    """The logical devices `device` is split into, or None (one logical device).

    >>> tf.config.get_logical_device_configuration(tf.config.list_physical_devices("CPU")[0])
    """
    _check_physical(device)
    return list(_cs.logical_cpu_configs) if _cs.logical_cpu_configs is not None else None


def set_logical_device_configuration(device, logical_devices):
    """Splits a physical device into logical devices, one per `LogicalDeviceConfiguration`;
    only before the runtime is initialized (TF's RuntimeError otherwise).

        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
        tf.config.list_logical_devices()  # /device:CPU:0 and /device:CPU:1
    """
    _check_physical(device)
    logical_devices = list(logical_devices)
    for config in logical_devices:
        if config.memory_limit is not None:
            raise ValueError("Setting memory limit on CPU virtual devices is currently not "
                             "supported")
        if config.experimental_priority is not None:
            raise ValueError("Setting experimental_priority on CPU virtual  devices is currently "
                             "not supported")
        if config.experimental_device_ordinal is not None:
            raise ValueError("Setting experimental_device_ordinal on CPU virtual  devices is "
                             "currently not supported")
    if _cs.logical_cpu_configs == logical_devices:
        return
    if _cs.initialized:
        raise RuntimeError("Virtual devices cannot be modified after being initialized")
    _cs.logical_cpu_configs = logical_devices


def get_soft_device_placement():
    """True: ops asking for a device this machine lacks run on the CPU instead of failing."""
    return _cs.soft_device_placement


def set_soft_device_placement(enabled):
    _cs.soft_device_placement = bool(enabled)


def run_functions_eagerly(run_eagerly):
    """Makes every `tf.function` run its Python function eagerly (a debugging switch).

    >>> tf.config.run_functions_eagerly(False)
    >>> tf.config.functions_run_eagerly()
    False
    """
    _cs.run_functions_eagerly = bool(run_eagerly)


def functions_run_eagerly():
    """The `run_functions_eagerly` switch."""
    return _cs.run_functions_eagerly


experimental_run_functions_eagerly = run_functions_eagerly
experimental_functions_run_eagerly = functions_run_eagerly


def experimental_connect_to_cluster(cluster_spec_or_resolver, job_name="localhost", task_index=0,
                                    protocol=None, make_master_device_default=True,
                                    cluster_device_filters=None):
    """Not in tapeflow: there are no remote workers to connect to."""
    raise NotImplementedError("tf.config.experimental_connect_to_cluster: tapeflow runs in one "
                              "process and has no remote devices.")


def experimental_connect_to_host(remote_host=None, job_name="worker"):
    """Not in tapeflow: there are no remote hosts to connect to."""
    raise NotImplementedError("tf.config.experimental_connect_to_host: tapeflow runs in one "
                              "process and has no remote devices.")

