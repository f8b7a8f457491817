"""`tf.config.experimental`: memory, determinism and device-policy settings.

On this machine (a CPU, no GPU) memory growth cannot be set, as in TF: TF only accepts it for
GPUs. `get_memory_info` reports what TF reports for a CPU device (its CPU allocator keeps no
statistics): zeros.

    >>> import tapeflow as tf
    >>> tf.config.experimental.get_memory_info("CPU:0")
    {'current': 0, 'peak': 0}
    >>> tf.config.experimental.is_op_determinism_enabled()
    False
"""
from ..framework import config_state as _cs
from ..framework import placement as _placement
from .core import (
    get_logical_device_configuration,
    get_visible_devices,
    list_logical_devices,
    list_physical_devices,
    set_logical_device_configuration,
    set_visible_devices,
)
from .devices import PHYSICAL as _PHYSICAL
from .devices import DeviceSpec as _DeviceSpec
from .devices import LogicalDeviceConfiguration, PhysicalDevice
from .devices import check_physical as _check_physical

VirtualDeviceConfiguration = LogicalDeviceConfiguration
get_virtual_device_configuration = get_logical_device_configuration
set_virtual_device_configuration = set_logical_device_configuration
__all__ = [
    "VirtualDeviceConfiguration",
    "get_visible_devices",
    "list_logical_devices",
    "list_physical_devices",
    "set_visible_devices",
]


# -- memory ------------------------------------------------------------------------------------------
def get_memory_growth(device):
    """Whether memory growth is on for `device`; TF keeps the setting for GPUs only, so a CPU
    raises KeyError."""
    _check_physical(device)
    return _cs.memory_growth[device]


def set_memory_growth(device, enable):
    """Memory growth (allocate GPU memory as needed): TF accepts it for GPUs only, and this
    machine has none, so every device raises TF's ValueError."""
    _check_physical(device)
    if device.device_type == "CPU" and _cs.logical_cpu_configs:
        raise ValueError("Cannot set memory growth on device when virtual devices configured")
    raise ValueError("Cannot set memory growth on non-GPU and non-Pluggable devices")


def _logical_device(device):
    """The logical device a string like 'CPU:0' or '/device:CPU:1' names (ValueError if none)."""
    try:
        spec = _DeviceSpec.from_string(device)
    except ValueError:
        spec = None
    if spec is None or spec.device_type is None or spec.device_index is None:
        raise ValueError(f"Failed parsing device name: '{device}'. Note a valid device string "
                         f"should at least contain a device type and a device index, like "
                         f"\"GPU:0\".")
    if not _cs.initialized:
        _placement.mark_initialized()
    if spec.device_type != "CPU" or spec.device_index >= _cs.num_logical_cpus():
        raise ValueError(f"No matching devices found for '{device}'")


def get_memory_info(device):
    """`{'current': bytes, 'peak': bytes}` of the allocator of `device`. TF keeps no statistics
    for CPU devices and reports zeros; so does tapeflow (NumPy allocates through the system)."""
    _logical_device(device)
    return {"current": 0, "peak": 0}


def get_memory_usage(device):
    """Deprecated in TF for `get_memory_info(device)['current']`."""
    return get_memory_info(device)["current"]


def reset_memory_stats(device):
    """Resets the peak statistic of `device` (nothing to reset on a CPU)."""
    _logical_device(device)


def get_device_details(device):
    """Details of a physical device (GPUs report their name and compute capability; a CPU
    reports none).

    >>> tf.config.experimental.get_device_details(tf.config.list_physical_devices("CPU")[0])
    {}
    """
    if device in _PHYSICAL:
        return {}
    if isinstance(device, PhysicalDevice):
        message = (f"The PhysicalDevice must be one obtained from calling "
                   f"`tf.config.list_physical_devices`, but got: {device!r}")
    else:
        message = f"device must be a tf.config.PhysicalDevice, but got: {device}"
    raise ValueError(message)


# -- determinism ---------------------------------------------------------------------------------------
def enable_op_determinism():
    """Makes ops deterministic. tapeflow's ops always are (NumPy on one thread); what changes is
    what TF also changes: random ops with no seed set raise RuntimeError."""
    _cs.determinism = True


def disable_op_determinism():
    """Undoes `enable_op_determinism` (TF has this function but does not export it)."""
    _cs.determinism = False


def is_op_determinism_enabled():
    """Whether `enable_op_determinism` was called (not exported by TF either)."""
    return _cs.determinism


# -- other runtime switches -------------------------------------------------------------------------
_DEVICE_POLICIES = (None, "warn", "explicit", "silent", "silent_for_int32")


def get_device_policy():
    """How inputs on another device are handled: 'silent' (copied without a warning)."""
    return _cs.device_policy


def set_device_policy(device_policy):
    if device_policy not in _DEVICE_POLICIES:
        raise ValueError(f"Invalid argument `device_policy`: {device_policy!r}. Please refer to "
                         f"https://www.tensorflow.org/api_docs/python/tf/config/experimental/"
                         f"set_device_policy for valid `device_policy` arguments.")
    _cs.device_policy = "silent" if device_policy is None else device_policy


def get_synchronous_execution():
    """True: ops finish before they return (always so in tapeflow)."""
    return _cs.synchronous_execution


def set_synchronous_execution(enable):
    _cs.synchronous_execution = bool(enable)


def tensor_float_32_execution_enabled():
    """Whether TensorFloat-32 may be used on GPUs that have it (no effect on a CPU)."""
    return _cs.tensor_float_32


def enable_tensor_float_32_execution(enabled):
    _cs.tensor_float_32 = bool(enabled)


def enable_mlir_bridge():
    _cs.mlir_bridge = True


def disable_mlir_bridge():
    _cs.mlir_bridge = False


class ClusterDeviceFilters:
    """Not in tapeflow: device filters are for remote clusters."""

    def __init__(self):
        raise NotImplementedError("tf.config.experimental.ClusterDeviceFilters: tapeflow runs in "
                                  "one process and has no remote devices.")
