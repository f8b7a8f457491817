"""The operators that AutoGraph-converted code calls (`ag__.if_stmt`, `ag__.and_`, ...).

Each dispatches at run time on its condition or iterable: Python values keep Python semantics,
tensors go through the functional ops (`tf.cond`, `tf.while_loop`), which run eagerly on eager
tensors and build graph ops on symbolic ones (see `_dispatch.is_symbolic`).
"""
import importlib

_WHERE = {"is_symbolic": "_dispatch", "for_stmt": "control_flow", "if_stmt": "control_flow",
          "while_stmt": "control_flow", "assert_stmt": "exceptions", "and_": "logical",
          "eq": "logical", "if_exp": "logical", "not_": "logical", "not_eq": "logical",
          "or_": "logical", "overload_of": "py_builtins", "Undefined": "variables",
          "UndefinedReturnValue": "variables", "ld": "variables", "ldu": "variables"}

__all__ = ["Undefined", "UndefinedReturnValue", "and_", "assert_stmt", "eq", "for_stmt", "if_exp",
           "if_stmt", "is_symbolic", "ld", "ldu", "not_", "not_eq", "or_", "overload_of",
           "while_stmt"]


def __getattr__(name):
    # Loaded on first use: `tapeflow.control_flow` imports `_dispatch` at `import tapeflow`.
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module("." + module, __name__), name)


def __dir__():
    return sorted(set(globals()) | set(__all__))
