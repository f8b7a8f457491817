"""The process's runtime settings, in one place the engine and the public `tf.config` share.

`tf.config` writes here; code that acts on a setting reads it here (a thread pool sized by
`intra_op_threads`, `tf.function` reading `run_functions_eagerly`, ops checking `determinism`).
This module imports nothing from tapeflow, so any module may import it.

    >>> from tapeflow.framework import config_state
    >>> config_state.run_functions_eagerly
    False

TF's "runtime initialized": TF builds its eager context lazily, at the first op, tensor or
variable, the first `tf.device` scope or the first listing of logical devices; after that the
device layout (logical devices, visible devices, memory growth) and the thread-pool sizes are
fixed and changing them raises RuntimeError. `initialized` emulates that flag; see
`tapeflow.framework.placement` for what sets it.
"""
import threading

DEFAULT_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"

# -- threading (None: never set, the system picks; `get_*` reports that as 0, as TF) -------------
intra_op_threads = None
inter_op_threads = None

# -- switches --------------------------------------------------------------------------------------
determinism = False            # tf.config.experimental.enable_op_determinism
run_functions_eagerly = False  # tf.config.run_functions_eagerly
jit = False                    # tf.config.optimizer.set_jit: False, True or "autoclustering"
optimizer_options = {}         # tf.config.optimizer.set_experimental_options
log_device_placement = False   # tf.debugging.set_log_device_placement
soft_device_placement = True   # tf.config.set_soft_device_placement
device_policy = "silent"       # tf.config.experimental.set_device_policy
synchronous_execution = True   # tf.config.experimental.set_synchronous_execution
tensor_float_32 = True         # tf.config.experimental.enable_tensor_float_32_execution
mlir_bridge = False            # tf.config.experimental.enable_mlir_bridge

# -- the device layout, fixed once the runtime is initialized --------------------------------------
initialized = False
logical_cpu_configs = None     # list of LogicalDeviceConfiguration for the CPU, or None (one device)
cpu_visible = True             # tf.config.set_visible_devices([], "CPU") before initialization
memory_growth = {}             # PhysicalDevice -> bool (only GPUs accept it: none here)


def num_logical_cpus():
    """How many logical CPU devices the runtime has (1 unless the CPU was split)."""
    return len(logical_cpu_configs) if logical_cpu_configs else 1


# -- placement -------------------------------------------------------------------------------------
class _Scope(threading.local):
    def __init__(self):
        self.stack = []  # device scopes, innermost last: resolved device names (None: no device)


scope = _Scope()

# id(tensor or variable) -> (weakref to it, device name), for values placed on a device other
# than DEFAULT_DEVICE (only logical CPUs other than CPU:0 can be such devices here).
placed = {}


def device_of(obj):
    """The device name a tensor or variable was placed on (`Tensor.device`)."""
    entry = placed.get(id(obj))
    if entry is not None and entry[0]() is obj:
        return entry[1]
    return DEFAULT_DEVICE
