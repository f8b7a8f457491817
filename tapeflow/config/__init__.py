"""`tf.config`: the devices this machine has and the runtime's settings.

tapeflow runs on the CPU, and says so: `list_physical_devices()` lists one CPU and
`list_physical_devices('GPU')` is empty. Settings are kept in `tapeflow.framework.config_state`,
where the engine reads them. As in TF, the device layout and thread-pool sizes can only change
before the runtime is initialized (by the first tensor, variable, `tf.device` scope or
`list_logical_devices` call); afterwards a change raises RuntimeError.

    >>> import tapeflow as tf
    >>> tf.config.list_physical_devices()
    [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
    >>> tf.config.list_physical_devices("GPU")
    []
"""
from . import experimental, optimizer, threading
from .core import (
    experimental_connect_to_cluster,
    experimental_connect_to_host,
    experimental_functions_run_eagerly,
    experimental_run_functions_eagerly,
    functions_run_eagerly,
    get_logical_device_configuration,
    get_soft_device_placement,
    get_visible_devices,
    list_logical_devices,
    list_physical_devices,
    run_functions_eagerly,
    set_logical_device_configuration,
    set_soft_device_placement,
    set_visible_devices,
)
from .devices import LogicalDevice, LogicalDeviceConfiguration, PhysicalDevice

__all__ = ['LogicalDevice', 'LogicalDeviceConfiguration', 'PhysicalDevice', 'experimental', 'experimental_connect_to_cluster', 'experimental_connect_to_host', 'experimental_functions_run_eagerly', 'experimental_run_functions_eagerly', 'functions_run_eagerly', 'get_logical_device_configuration', 'get_soft_device_placement', 'get_visible_devices', 'list_logical_devices', 'list_physical_devices', 'optimizer', 'run_functions_eagerly', 'set_logical_device_configuration', 'set_soft_device_placement', 'set_visible_devices', 'threading']
