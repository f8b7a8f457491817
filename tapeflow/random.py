"""`tf.random`: TF's seeded random numbers (Philox streams), stateless ops and `Generator`."""
import types as _types

from .ops.random_ops import (Algorithm, Generator, categorical, create_rng_state, fold_in, gamma,
                             get_global_generator, get_seed, normal, poisson, set_global_generator,
                             set_seed, shuffle, split, stateless_binomial, stateless_categorical,
                             stateless_normal, stateless_truncated_normal, stateless_uniform,
                             truncated_normal, uniform)

__all__ = ["Algorithm", "Generator", "categorical", "create_rng_state", "fold_in", "gamma",
           "get_global_generator", "normal", "poisson", "set_global_generator", "set_seed",
           "shuffle", "split", "stateless_binomial", "stateless_categorical", "stateless_normal",
           "stateless_truncated_normal", "stateless_uniform", "truncated_normal", "uniform",
           "experimental"]

experimental = _types.ModuleType("tapeflow.random.experimental",
                                 "`tf.random.experimental`: the Generator API's older names.")
experimental.__dict__.update(Algorithm=Algorithm, Generator=Generator,
                             create_rng_state=create_rng_state,
                             get_global_generator=get_global_generator,
                             set_global_generator=set_global_generator, stateless_split=split,
                             stateless_fold_in=fold_in)
del get_seed
