"""`tf.distribute.experimental`: communication options of the multi-worker strategy.

    >>> o = tf.distribute.experimental.CommunicationOptions(timeout_seconds=30)
    >>> o.timeout_seconds
    30
"""
import enum


class CommunicationImplementation(enum.Enum):
    """Which collective implementation to use. tapeflow's multi-worker strategy always uses
    MPI; AUTO, RING and NCCL are accepted (NCCL needs GPUs, which tapeflow has not: it raises)."""
    AUTO = "AUTO"
    RING = "RING"
    NCCL = "NCCL"


CollectiveCommunication = CommunicationImplementation


class CommunicationOptions:
    """Options for the collectives of `MultiWorkerMirroredStrategy`.

    `bytes_per_pack`: gradients are all-reduced in buckets of about this many bytes (0: the
    strategy's default, 4 MiB). `timeout_seconds`: a collective that has not completed within
    this time raises `tf.errors.DeadlineExceededError` (None: no limit; a dead or silent peer is
    still detected by the peer timeout, see `MultiWorkerMirroredStrategy`).
    `implementation`: a `CommunicationImplementation`.
    """

    def __init__(self, bytes_per_pack=0, timeout_seconds=None,
                 implementation=CommunicationImplementation.AUTO):
        if bytes_per_pack < 0:
            raise ValueError(f"bytes_per_pack must be non-negative, got {bytes_per_pack}.")
        if isinstance(implementation, str):
            implementation = CommunicationImplementation(implementation.upper())
        if not isinstance(implementation, CommunicationImplementation):
            raise ValueError("implementation should be a "
                             "tf.distribute.experimental.CommunicationImplementation")
        self.bytes_per_pack = bytes_per_pack
        self.timeout_seconds = timeout_seconds
        self.implementation = implementation


def __getattr__(name):
    if name == "MultiWorkerMirroredStrategy":
        from .multi_worker import MultiWorkerMirroredStrategy
        return MultiWorkerMirroredStrategy
    raise AttributeError(f"module 'tapeflow.distribute.experimental' has no attribute '{name}'")
