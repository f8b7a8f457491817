"""`tf.keras.layers`: Dense, Dropout, Flatten, Embedding, LayerNormalization, BatchNormalization."""
from .base import Layer  # noqa: F401
from .core import Dense, Dropout, Embedding, Flatten, Sequential  # noqa: F401
from .normalization import BatchNormalization, LayerNormalization  # noqa: F401
