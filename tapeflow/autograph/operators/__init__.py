"""The operators that AutoGraph-converted code calls (`ag__.if_stmt`, `ag__.and_`, ...).

Each dispatches at run time on its condition or iterable: Python values keep Python semantics,
tensors go through the functional ops (`tf.cond`, `tf.while_loop`), which run eagerly on eager
tensors and build graph ops on symbolic ones (see `_dispatch.is_symbolic`).
"""
from ._dispatch import is_symbolic
from .control_flow import for_stmt, if_stmt, while_stmt
from .exceptions import assert_stmt
from .logical import and_, eq, if_exp, not_, not_eq, or_
from .py_builtins import overload_of
from .variables import Undefined, UndefinedReturnValue, ld, ldu

__all__ = [
           "Undefined",
           "UndefinedReturnValue",
           "and_",
           "assert_stmt",
           "eq",
           "for_stmt",
           "if_exp",
           "if_stmt",
           "is_symbolic",
           "ld",
           "ldu",
           "not_",
           "not_eq",
           "or_",
           "overload_of",
           "while_stmt",
]
