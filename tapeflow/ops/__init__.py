"""The public op functions. Importing this package gives Tensor and Variable their Python
operators (as TF's math_ops does); the primitives themselves live in `tapeflow.prims`."""
from . import (
    array_ops,
    indexing_ops,
    linalg_ops,
    math_ops,
    nn_conv_ops,
    nn_extra_ops,
    nn_ops,
    random_ops,
    segment_ops,
    special_math_ops,
)
from .operators import install as _install

_install()
