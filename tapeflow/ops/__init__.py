"""The op table. Importing this package registers every primitive, gives Tensor and Variable
their Python operators (as TF's math_ops does), and hands the engine the few ops it builds
gradients with."""
from . import array_ops, math_ops, nn_ops, random_ops  # noqa: F401
from .operators import install as _install
from ..framework.tape import ENGINE_OPS as _ENGINE_OPS

from ..framework.indexed_slices import SCATTER as _SCATTER

_install()
_SCATTER.update(to_dense=array_ops._indexed_slices_to_dense, concat=array_ops._indexed_slices_concat)
_ENGINE_OPS.update(add=math_ops.add, unbroadcast=math_ops.unbroadcast, stack=array_ops.stack,
                   reshape=array_ops.reshape, broadcast_to=array_ops.broadcast_to,
                   transpose=array_ops.transpose)
from . import indexing_ops, linalg_ops, segment_ops, special_math_ops  # noqa: F401,E402
from . import nn_conv_ops, nn_extra_ops  # noqa: F401,E402
