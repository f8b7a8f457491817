"""`tensorflow.python.framework.ops`'s names that TF1-style code imports directly.

    >>> from tapeflow.python.framework.ops import executing_eagerly
    >>> executing_eagerly()
    True
"""
from ...compat.v1_mode import (
                               disable_eager_execution,
                               enable_eager_execution,
                               executing_eagerly,
                               executing_eagerly_outside_functions,
                               get_default_graph,
                               reset_default_graph,
)
from ...framework.graph import Graph, Operation, control_dependencies
from ...framework.tensor import Tensor, convert_to_tensor

__all__ = [
                               "Graph",
                               "Operation",
                               "Tensor",
                               "control_dependencies",
                               "convert_to_tensor",
                               "disable_eager_execution",
                               "enable_eager_execution",
                               "executing_eagerly",
                               "executing_eagerly_outside_functions",
                               "get_default_graph",
                               "reset_default_graph",
]
