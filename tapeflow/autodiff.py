"""`tf.autodiff`: forward-mode accumulators (TF's API), plus the functional transforms TF lacks
(`grad`, `value_and_grad`, `vjp`, `jvp`, `jacrev`, `jacfwd`, `hessian`, `vmap`) and debugging
tools no framework has together: `explain` (why a gradient is None), `set_explain_none`,
`detect_anomaly` (which op's gradient first went NaN or Inf, and where it was created) and `plot`
(a picture of a tape, a graph or a Keras model). The debugging tools load on first use."""
from .framework.forward import ForwardAccumulator
from .framework.functional import grad, hessian, jacfwd, jacrev, jvp, value_and_grad, vjp, vmap
from .framework.tape import GradientTape


def explain(tape, target, sources):
    """Why each of `sources` has (or lacks) a gradient of `target` on `tape` (the same as
    `tape.explain(target, sources)`): the structure of `sources` filled with
    `GradientExplanation`s (`.connected`, `.reason`, `.message`, `.location`).

    >>> x = tf.constant([1.0, 2.0])
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.reduce_sum(tf.round(x) * 2.0)
    >>> tf.autodiff.explain(tape, y, x).reason
    <NoneReason.NON_DIFFERENTIABLE: 'non_differentiable'>
    """
    from .debugging._explain import explain as _explain
    return _explain(tape, target, sources)


_LAZY = {"GradientExplanation": "_explain", "NoneReason": "_explain",
         "set_explain_none": "_hooks", "detect_anomaly": "_numerics", "plot": "_viz"}

__all__ = ["ForwardAccumulator", "GradientTape", "explain", "grad", "hessian", "jacfwd", "jacrev",
           "jvp", "value_and_grad", "vjp", "vmap"]
__all__ += list(_LAZY)  # loaded by __getattr__


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tapeflow.autodiff' has no attribute '{name}'")
    import importlib
    value = getattr(importlib.import_module("tapeflow.debugging." + module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
