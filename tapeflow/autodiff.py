"""`tf.autodiff`: forward-mode accumulators (TF's API), plus the functional transforms TF lacks
(`grad`, `value_and_grad`, `vjp`, `jvp`, `jacrev`, `jacfwd`, `hessian`, `vmap`)."""
from .framework.forward import ForwardAccumulator  # noqa: F401
from .framework.functional import (grad, hessian, jacfwd, jacrev, jvp, value_and_grad, vjp,  # noqa: F401
                                   vmap)
from .framework.tape import GradientTape  # noqa: F401
