"""`tf.autodiff`: forward-mode accumulators (TF's API), plus the functional transforms TF lacks
(`grad`, `value_and_grad`, `vjp`, `jvp`, `jacrev`, `jacfwd`, `hessian`, `vmap`) and debugging
tools no framework has together: `explain` (why a gradient is None), `set_explain_none`,
`detect_anomaly` (which op's gradient first went NaN or Inf, and where it was created) and `plot`
(a picture of a tape, a graph or a Keras model)."""
from .framework.forward import ForwardAccumulator
from .framework.functional import grad, hessian, jacfwd, jacrev, jvp, value_and_grad, vjp, vmap
from .framework.tape import GradientTape
from .debugging._explain import GradientExplanation, NoneReason
from .debugging._hooks import set_explain_none
from .debugging._numerics import detect_anomaly
from .debugging._viz import plot


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


__all__ = ["ForwardAccumulator", "GradientExplanation", "GradientTape", "NoneReason",
           "detect_anomaly", "explain", "grad", "hessian", "jacfwd", "jacrev", "jvp", "plot",
           "set_explain_none", "value_and_grad", "vjp", "vmap"]
