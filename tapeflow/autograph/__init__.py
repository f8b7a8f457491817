"""`tf.autograph`: converts Python control flow on tensors into TF control flow.

`to_graph(f)` returns `f` rewritten so that `if`, `while`, `for`, `break`, `continue`, `return`,
`and`/`or`/`not` and `x if c else y` call the operators of `tapeflow.autograph.operators`. They
keep Python semantics for Python values and run `tf.cond` / `tf.while_loop` for tensors (eagerly
those run in Python on the tensor's value; in graph mode they build the functional ops). Called
functions are converted too, except tapeflow's, NumPy's and the standard library's own.

    >>> def collatz(n):
    ...     steps = 0
    ...     while n > 1:
    ...         n = n // 2 if n % 2 == 0 else 3 * n + 1
    ...         steps += 1
    ...     return steps
    >>> tf.autograph.to_graph(collatz)(tf.constant(6))
    <tf.Tensor: shape=(), dtype=int32, numpy=8>

`convert(fn)` is the internal entry point for graph-mode tracing (`tf.function`).
"""
import importlib

__all__ = ["AutoGraphError", "ConversionError", "Feature", "convert", "converted_call",
           "do_not_convert", "experimental", "set_verbosity", "to_code", "to_graph", "trace"]

_FROM_IMPL = {"AutoGraphError", "ConversionError", "Feature", "convert", "converted_call",
              "do_not_convert", "set_verbosity", "to_code", "to_graph", "trace"}


def __getattr__(name):
    # The converter loads on first use, keeping `import tapeflow` fast.
    if name == "experimental":
        return importlib.import_module(".experimental", __name__)
    if name in _FROM_IMPL:
        return getattr(importlib.import_module(".impl", __name__), name)
    raise AttributeError(f"module 'tapeflow.autograph' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
