"""`tf.autodiff`: forward-mode accumulators (TF's API), plus the functional transforms TF lacks."""
from .framework.forward import ForwardAccumulator  # noqa: F401
from .framework.tape import GradientTape  # noqa: F401
