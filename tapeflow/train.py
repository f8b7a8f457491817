"""`tf.train`: checkpoints."""
from .training.checkpoint import (Checkpoint, CheckpointLoadStatus, CheckpointManager,  # noqa: F401
                                  latest_checkpoint)
