"""`tf.config.threading`: the sizes of the runtime's thread pools (0: the system's choice).

The values live in `tapeflow.framework.config_state` (`intra_op_threads`, `inter_op_threads`;
None until set), where the engine reads them; as in TF they can only change before the runtime
is initialized (even to 0, unless that value was set before).

    >>> import tapeflow as tf
    >>> tf.config.threading.get_intra_op_parallelism_threads()
    0
"""
from ..framework import config_state as _cs


def get_intra_op_parallelism_threads():
    """Threads one op may use (0: the system picks)."""
    return _cs.intra_op_threads or 0


def set_intra_op_parallelism_threads(num_threads):
    if _cs.intra_op_threads == num_threads:
        return
    if _cs.initialized:
        raise RuntimeError("Intra op parallelism cannot be modified after initialization.")
    _cs.intra_op_threads = num_threads


def get_inter_op_parallelism_threads():
    """Independent ops that may run at once (0: the system picks)."""
    return _cs.inter_op_threads or 0


def set_inter_op_parallelism_threads(num_threads):
    if _cs.inter_op_threads == num_threads:
        return
    if _cs.initialized:
        raise RuntimeError("Inter op parallelism cannot be modified after initialization.")
    _cs.inter_op_threads = num_threads
