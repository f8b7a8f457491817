"""`tf.debugging` placement logging (moved here from `tapeflow/debugging.py`).

    >>> import tapeflow as tf
    >>> tf.debugging.get_log_device_placement()
    False
"""
from ..framework import config_state as _cs
from ..framework import placement as _placement


def set_log_device_placement(enabled):
    """Logs the device of every op that runs, to stderr, in TF's words:
    `Executing op Mul in device /job:localhost/replica:0/task:0/device:CPU:0`."""
    _cs.log_device_placement = bool(enabled)
    _placement.sync_placer()


def get_log_device_placement():
    return _cs.log_device_placement
