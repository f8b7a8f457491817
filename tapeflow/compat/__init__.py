"""`tf.compat`: the TF 1.x entry points TF 2 code still calls."""
from . import v1  # noqa: F401
