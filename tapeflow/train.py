"""`tf.train`: checkpoints (writing, restoring, reading without a model), and the `Example` protocol messages (loaded on first use)."""
from .training.checkpoint import (
    Checkpoint,
    CheckpointLoadStatus,
    CheckpointManager,
    latest_checkpoint,
)
from .training.checkpoint_reader import (
    CheckpointReader,
    list_variables,
    load_checkpoint,
    load_variable,
)

__all__ = ["Checkpoint", "CheckpointLoadStatus", "CheckpointManager", "CheckpointReader",
           "latest_checkpoint", "list_variables", "load_checkpoint", "load_variable"]

_EXAMPLE_NAMES = ("BytesList", "Example", "Feature", "FeatureList", "FeatureLists", "Features",
                  "FloatList", "Int64List", "SequenceExample")


def __getattr__(name):
    if name in _EXAMPLE_NAMES:
        from .io import example_pb
        value = getattr(example_pb, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tapeflow.train' has no attribute '{name}'")
