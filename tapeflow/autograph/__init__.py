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
from . import experimental
from .impl import (
                   AutoGraphError,
                   ConversionError,
                   Feature,
                   convert,
                   converted_call,
                   do_not_convert,
                   set_verbosity,
                   to_code,
                   to_graph,
                   trace,
)

__all__ = [
                   "AutoGraphError",
                   "ConversionError",
                   "Feature",
                   "convert",
                   "converted_call",
                   "do_not_convert",
                   "experimental",
                   "set_verbosity",
                   "to_code",
                   "to_graph",
                   "trace",
]
