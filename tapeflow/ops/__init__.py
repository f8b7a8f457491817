"""The op table. Importing this package registers every primitive and gives Tensor and Variable
their Python operators (as TF's math_ops does)."""
from . import array_ops, math_ops, nn_ops, random_ops  # noqa: F401
from .operators import install as _install

_install()
