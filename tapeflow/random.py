"""`tf.random`: seeded sampling, stateless ops and `Generator`."""
from .ops.random_ops import normal, set_seed, truncated_normal, uniform  # noqa: F401
from .ops.random_ops import (Algorithm, Generator, categorical, create_rng_state, fold_in, gamma,  # noqa: F401,E402
                             get_global_generator, poisson, set_global_generator, shuffle, split,
                             stateless_categorical, stateless_normal, stateless_truncated_normal,
                             stateless_uniform)
import types as _types  # noqa: E402

experimental = _types.ModuleType("tapeflow.random.experimental",
                                 "`tf.random.experimental`: the Generator API's older names.")
experimental.__dict__.update(Algorithm=Algorithm, Generator=Generator,
                             create_rng_state=create_rng_state,
                             get_global_generator=get_global_generator,
                             set_global_generator=set_global_generator, stateless_split=split,
                             stateless_fold_in=fold_in)
