"""`tf.compat.v1`: TF 1.x's API for code written against it (`import tensorflow.compat.v1 as
tf` becomes `import tapeflow.compat.v1 as tf`).

TF1 graph programs: `Graph`, `placeholder`, `Session`/`InteractiveSession`, graph variables and
their initializers, `variable_scope`/`get_variable`, collections, `gradients`, the TF1
optimizers and `Saver` (`train`), `layers.dense`, `disable_eager_execution`/
`disable_v2_behavior`. Every TF 2 name not redefined here is also available (as in TF, most of
`tf.compat.v1` is the TF 2 API), and TF1's own spellings of TF 2 ops (`random_normal`,
`reduce_sum(..., keep_dims=, reduction_indices=)`, `to_float`, `log`, `matrix_inverse`, ...)
map to them.

    >>> v1 = tf.compat.v1
    >>> g = v1.Graph()
    >>> with g.as_default():
    ...     x = v1.placeholder(tf.float32, shape=[2])
    ...     y = v1.reduce_sum(x * x, reduction_indices=[0])
    ...     (dx,) = v1.gradients(y, x)
    >>> with v1.Session(graph=g) as sess:
    ...     print(sess.run([y, dx], {x: [1.0, 2.0]}))
    [np.float32(5.0), array([2., 4.], dtype=float32)]
"""
import importlib
import logging as _pylogging
import types

from .. import graph_gradients as _gradients
from ..framework import graph as _graph
from ..framework.graph import Graph, Operation
from ..framework.tensor import Tensor
from . import v1_mode, v1_ops, v1_session, v1_train, v1_variables
from .v1_mode import (
    disable_eager_execution,
    disable_resource_variables,
    disable_v2_behavior,
    enable_eager_execution,
    enable_resource_variables,
    enable_v2_behavior,
    executing_eagerly,
    executing_eagerly_outside_functions,
    reset_default_graph,
    resource_variables_enabled,
)
from .v1_ops import (
    group,
    no_op,
    placeholder,
    placeholder_with_default,
    with_dependencies,
)
from .v1_ops import name_scope_v1 as name_scope
from .v1_session import InteractiveSession, Session, get_default_session
from .v1_variables import (
    AUTO_REUSE,
    GraphKeys,
    VariableScope,
    VariableV1,
    add_to_collection,
    add_to_collections,
    all_variables,
    assert_variables_initialized,
    assign,
    assign_add,
    assign_sub,
    constant_initializer,
    get_collection,
    get_collection_ref,
    get_variable,
    get_variable_scope,
    global_variables,
    global_variables_initializer,
    glorot_normal_initializer,
    glorot_uniform_initializer,
    initialize_all_variables,
    initialize_local_variables,
    initialize_variables,
    is_variable_initialized,
    local_variables,
    local_variables_initializer,
    model_variables,
    moving_average_variables,
    no_regularizer,
    ones_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    report_uninitialized_variables,
    trainable_variables,
    truncated_normal_initializer,
    variable_op_scope,
    variable_scope,
    variables_initializer,
    variance_scaling_initializer,
    zeros_initializer,
)
from .v1_variables import VariableV1 as Variable

gradients = _gradients.gradients
hessians = _gradients.hessians
get_default_graph = v1_mode.get_default_graph


def enable_control_flow_v2():
    """Accepted (tapeflow's graph control flow is TF 2's functional If/While)."""


def disable_control_flow_v2():
    raise NotImplementedError("tf.compat.v1.disable_control_flow_v2 (TF1's Switch/Merge "
                              "control flow)")


def enable_tensor_equality():
    """Accepted (tensors of TF1 graphs compare by identity, of functions elementwise)."""


def disable_tensor_equality():
    raise NotImplementedError("tf.compat.v1.disable_tensor_equality")


def string_split(source, sep=None, skip_empty=True, delimiter=None, result_type="SparseTensor",
                 name=None):
    """TF 1's string_split: a SparseTensor of the pieces (see `tf.strings.split` for TF 2)."""
    from ..ops.string_ops import string_split_v1
    return string_split_v1(source, sep, skip_empty, delimiter, result_type)


# tf.compat.v1.debugging and the TF 1.x top-level checks it holds, loaded on first use.
_DEBUGGING = frozenset((
    "Assert", "assert_equal", "assert_greater", "assert_greater_equal", "assert_integer",
    "assert_less", "assert_less_equal", "assert_near", "assert_negative", "assert_non_negative",
    "assert_non_positive", "assert_none_equal", "assert_positive", "assert_proper_iterable",
    "assert_rank", "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype",
    "assert_scalar", "assert_type", "check_numerics", "is_finite", "is_inf", "is_nan",
    "is_non_decreasing", "is_numeric_tensor", "is_strictly_increasing"))


_OTHERS = {"verify_tensor_all_finite": "_numerics", "assert_variables_initialized": "_checks"}


def set_random_seed(seed):
    """TF1's name for `tf.random.set_seed`."""
    from ..ops.random_ops import set_seed
    set_seed(seed)


def get_seed(op_seed):
    from ..ops.random_ops import get_seed as _get_seed
    return _get_seed(op_seed)


# -- TF1 spellings of TF 2 ops -----------------------------------------------------------------
def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None, name=None):
    from ..framework import dtypes
    from ..ops.random_ops import normal
    return normal(shape, mean, stddev, dtype or dtypes.float32, seed=seed)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None, name=None):
    from ..framework import dtypes
    from ..ops.random_ops import truncated_normal as _tn
    return _tn(shape, mean, stddev, dtype or dtypes.float32, seed=seed)


def random_uniform(shape, minval=0, maxval=None, dtype=None, seed=None, name=None):
    from ..framework import dtypes
    from ..ops.random_ops import uniform
    return uniform(shape, minval, maxval, dtype or dtypes.float32, seed=seed)


def random_shuffle(value, seed=None, name=None):
    from .. import random
    return random.shuffle(value, seed=seed)


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    from .. import random
    return random.categorical(logits, num_samples, dtype=output_dtype, seed=seed)


def _axis(axis, reduction_indices, keepdims, keep_dims):
    if reduction_indices is not None:
        if axis is not None:
            raise ValueError("Can not specify both 'axis' and 'reduction_indices'.")
        axis = reduction_indices
    if keep_dims is not None:
        if keepdims is not None:
            raise ValueError("Can not specify both 'keepdims' and 'keep_dims'.")
        keepdims = keep_dims
    return axis, bool(keepdims)


def _reduction(name):
    def reduce(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None):
        import tapeflow
        a, k = _axis(axis, reduction_indices, keepdims, keep_dims)
        return getattr(tapeflow, reduce.__name__)(input_tensor, axis=a, keepdims=k)
    reduce.__name__ = reduce.__qualname__ = name
    reduce.__doc__ = f"TF1's `{name}`: also takes `reduction_indices` and `keep_dims`."
    return reduce


reduce_sum = _reduction("reduce_sum")
reduce_mean = _reduction("reduce_mean")
reduce_max = _reduction("reduce_max")
reduce_min = _reduction("reduce_min")
reduce_prod = _reduction("reduce_prod")
reduce_all = _reduction("reduce_all")
reduce_any = _reduction("reduce_any")
reduce_logsumexp = _reduction("reduce_logsumexp")


def count_nonzero(input_tensor=None, axis=None, keepdims=None, dtype=None, name=None,
                  reduction_indices=None, keep_dims=None, input=None):
    from .. import math
    from ..framework import dtypes
    a, k = _axis(axis, reduction_indices, keepdims, keep_dims)
    return math.count_nonzero(input_tensor if input_tensor is not None else input, axis=a,
                              keepdims=k, dtype=dtype or dtypes.int64)


def _arg(which):
    def arg(input, axis=None, name=None, dimension=None, output_type=None):
        import tapeflow

        from ..framework import dtypes
        if dimension is not None:
            if axis is not None:
                raise ValueError("Cannot specify both 'axis' and 'dimension'")
            axis = dimension
        return getattr(tapeflow, which)(input, axis=0 if axis is None else axis,
                                        output_type=output_type or dtypes.int64)
    arg.__name__ = which
    return arg


argmax = arg_max = _arg("argmax")
argmin = arg_min = _arg("argmin")


def expand_dims(input, axis=None, name=None, dim=None):
    from ..ops.array_ops import expand_dims as _ed
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'axis' and 'dim'")
        axis = dim
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    return _ed(input, axis)


def squeeze(input, axis=None, name=None, squeeze_dims=None):
    from ..ops.array_ops import squeeze as _sq
    if squeeze_dims is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'squeeze_dims' and 'axis'")
        axis = squeeze_dims
    return _sq(input, axis)


def _cast_to(dtype_name):
    def cast_to(x, name=None):
        from ..framework import dtypes
        from ..ops.math_ops import cast
        return cast(x, getattr(dtypes, dtype_name))
    cast_to.__name__ = "to_" + {"float32": "float", "float64": "double"}.get(dtype_name,
                                                                            dtype_name)
    return cast_to


to_float = _cast_to("float32")
to_double = _cast_to("float64")
to_int32 = _cast_to("int32")
to_int64 = _cast_to("int64")
to_bfloat16 = _cast_to("bfloat16")
to_complex64 = _cast_to("complex64")
to_complex128 = _cast_to("complex128")


def div(x, y, name=None):
    """TF1's Python-2 style division: floor division for integers, true division else."""
    from ..framework.tensor import convert_to_tensor
    from ..ops.math_ops import floordiv, truediv
    x = convert_to_tensor(x)
    if x.dtype.is_integer:
        return floordiv(x, y)
    return truediv(x, y)


def py_func(func, inp, Tout, stateful=True, name=None):
    from ..control_flow import numpy_function
    return numpy_function(func, inp, Tout)


def Print(input_, data, message=None, first_n=None, summarize=None, name=None):
    """TF1's identity that prints `message` and `data` when evaluated (to stderr)."""
    import sys

    from ..control_flow import print_v2
    from ..ops.array_ops import identity
    printed = print_v2(*([message] if message else []), *data, output_stream=sys.stderr,
                       summarize=summarize)
    deps = v1_ops.graph_control_dependencies([printed] if printed is not None else [])
    if deps is None:
        return input_
    with deps:
        return identity(input_)


def dimension_value(dimension):
    """The int (or None) of a dimension (TF1's Dimension objects are plain ints here)."""
    return getattr(dimension, "value", dimension)


def dimension_at_index(shape, index):
    from ..framework.tensor_shape import TensorShape
    return TensorShape(shape)[index]


# names TF1 kept at the top level that TF 2 moved into tf.math / tf.linalg / tf.nn
_MOVED = {
    "log": ("math", "log"), "lgamma": ("math", "lgamma"), "digamma": ("math", "digamma"),
    "erf": ("math", "erf"), "erfc": ("math", "erfc"), "floormod": ("math", "floormod"),
    "mod": ("math", "floormod"), "squared_difference": ("math", "squared_difference"),
    "is_nan": ("math", "is_nan"), "is_inf": ("math", "is_inf"),
    "is_finite": ("math", "is_finite"), "rsqrt": ("math", "rsqrt"),
    "reciprocal": ("math", "reciprocal"), "log1p": ("math", "log1p"),
    "expm1": ("math", "expm1"), "segment_sum": ("math", "segment_sum"),
    "unsorted_segment_sum": ("math", "unsorted_segment_sum"), "cumprod": ("math", "cumprod"),
    "betainc": ("math", "betainc"), "igamma": ("math", "igamma"), "igammac": ("math", "igammac"),
    "zeta": ("math", "zeta"), "polygamma": ("math", "polygamma"),
    "logical_xor": ("math", "logical_xor"), "bincount": ("math", "bincount"),
    "matrix_inverse": ("linalg", "inv"), "matrix_determinant": ("linalg", "det"),
    "matrix_diag": ("linalg", "diag"), "matrix_diag_part": ("linalg", "diag_part"),
    "matrix_set_diag": ("linalg", "set_diag"), "matrix_band_part": ("linalg", "band_part"),
    "matrix_transpose": ("linalg", "matrix_transpose"),
    "matrix_solve": ("linalg", "solve"), "matrix_triangular_solve": ("linalg", "triangular_solve"),
    "cholesky": ("linalg", "cholesky"), "cholesky_solve": ("linalg", "cholesky_solve"),
    "qr": ("linalg", "qr"), "svd": ("linalg", "svd"), "trace": ("linalg", "trace"),
    "cross": ("linalg", "cross"), "self_adjoint_eig": ("linalg", "eigh"),
    "self_adjoint_eigvals": ("linalg", "eigvalsh"), "log_determinant": ("linalg", "logdet"),
    "diag": ("linalg", "diag"), "diag_part": ("linalg", "diag_part"),
    "matrix_square_root": ("linalg", "sqrtm"), "norm": ("linalg", "norm"),
    "global_norm": ("linalg", "global_norm"),
}

_SUBMODULES = {"layers": ".v1_layers", "losses": ".v1_losses",
               "feature_column": "..feature_column", "train": None, "initializers": None, "random": None,
               "logging": None, "nn": None, "saved_model": None}


class _Namespace(types.ModuleType):
    """A generated sub-namespace: its own names, then a TF 2 module's."""

    def __init__(self, name, own, fallback):
        super().__init__(name)
        self.__dict__.update(own)
        self._fallback = fallback

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        fallback = self.__dict__.get("_fallback")
        if fallback is not None:
            module = importlib.import_module(fallback) if isinstance(fallback, str) else fallback
            try:
                return getattr(module, attr)
            except AttributeError:
                pass
        raise AttributeError(f"module '{self.__name__}' has no attribute '{attr}'")


def _train_namespace():
    own = {n: getattr(v1_train, n) for n in (
        "GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer", "AdagradOptimizer",
        "RMSPropOptimizer", "Optimizer", "Saver", "get_global_step", "get_or_create_global_step",
        "create_global_step", "global_step", "assert_global_step", "import_meta_graph",
        "export_meta_graph", "exponential_decay")}
    return _Namespace("tapeflow.compat.v1.train", own, "tapeflow.train")


def _initializers_namespace():
    v = v1_variables
    own = {"zeros": v.zeros_initializer, "ones": v.ones_initializer,
           "constant": v.constant_initializer, "random_normal": v.random_normal_initializer,
           "truncated_normal": v.truncated_normal_initializer,
           "random_uniform": v.random_uniform_initializer,
           "glorot_uniform": v.glorot_uniform_initializer,
           "glorot_normal": v.glorot_normal_initializer,
           "variance_scaling": v.variance_scaling_initializer,
           "identity": v.identity_initializer,
           "global_variables": v.global_variables_initializer,
           "local_variables": v.local_variables_initializer,
           "variables": v.variables_initializer}
    return _Namespace("tapeflow.compat.v1.initializers", own, None)


def _random_namespace():
    own = {"set_random_seed": set_random_seed, "get_seed": get_seed,
           "random_normal": random_normal, "truncated_normal": truncated_normal,
           "random_uniform": random_uniform, "multinomial": multinomial}
    return _Namespace("tapeflow.compat.v1.random", own, "tapeflow.random")


def _logging_namespace():
    log = _pylogging.getLogger("tensorflow")
    own = {"DEBUG": _pylogging.DEBUG, "INFO": _pylogging.INFO, "WARN": _pylogging.WARNING,
           "ERROR": _pylogging.ERROR, "FATAL": _pylogging.FATAL,
           "set_verbosity": log.setLevel, "get_verbosity": log.getEffectiveLevel,
           "debug": log.debug, "info": log.info, "warning": log.warning, "warn": log.warning,
           "error": log.error, "fatal": log.critical, "log": log.log}
    return _Namespace("tapeflow.compat.v1.logging", own, None)


def _nn_namespace():
    from ..ops import nn_ops

    def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
        import tapeflow
        if rate is None:
            if keep_prob is None:
                raise ValueError("You must provide a rate to dropout.")
            rate = 1 - keep_prob
        return tapeflow.nn.dropout(x, rate=rate, noise_shape=noise_shape, seed=seed)

    def softmax_cross_entropy_with_logits_v2(labels, logits, axis=-1, name=None, dim=None):
        import tapeflow
        return tapeflow.nn.softmax_cross_entropy_with_logits(labels, logits,
                                                             axis=dim if dim is not None else axis)

    def xw_plus_b(x, weights, biases, name=None):
        import tapeflow
        return tapeflow.nn.bias_add(tapeflow.matmul(x, weights), biases)

    del nn_ops
    own = {"dropout": dropout, "xw_plus_b": xw_plus_b,
           "softmax_cross_entropy_with_logits_v2": softmax_cross_entropy_with_logits_v2}
    return _Namespace("tapeflow.compat.v1.nn", own, "tapeflow.nn")


def _saved_model_namespace():
    def unsupported(*args, **kwargs):
        raise NotImplementedError("tf.compat.v1.saved_model (TF1's SavedModelBuilder and "
                                  "loader.load into a Session): use tf.saved_model.save/load")

    own = {"Builder": unsupported, "builder": unsupported, "load": unsupported,
           "loader": unsupported, "simple_save": unsupported}
    return _Namespace("tapeflow.compat.v1.saved_model", own, None)


class ConfigProto:
    """Session configuration (accepted; tapeflow runs on the host's CPU either way)."""

    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)
        self.gpu_options = kwargs.get("gpu_options", GPUOptions())
        self.graph_options = kwargs.get("graph_options", _Options())

    def __repr__(self):
        return "ConfigProto(" + ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items()
                                          if k not in ("gpu_options", "graph_options")) + ")"


class _Options:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


class GPUOptions(_Options):
    """Accepted for TF1 code (no GPU is used)."""


class RunOptions(_Options):
    """Accepted by Session.run (tracing options have no effect)."""

    FULL_TRACE = 3
    NO_TRACE = 0
    SOFTWARE_TRACE = 1
    HARDWARE_TRACE = 2


class RunMetadata(_Options):
    """Accepted by Session.run (filled with nothing)."""


class GraphOptions(_Options):
    pass


class OptimizerOptions(_Options):
    pass


def uniform_unit_scaling_initializer(*args, **kwargs):
    raise NotImplementedError("tf.compat.v1.uniform_unit_scaling_initializer")


def get_local_variable(name, shape=None, dtype=None, initializer=None, **kwargs):
    """`get_variable` into the LOCAL_VARIABLES collection (not trainable)."""
    kwargs["collections"] = [GraphKeys.LOCAL_VARIABLES]
    kwargs["trainable"] = False
    return get_variable(name, shape, dtype, initializer, **kwargs)


def __getattr__(name):
    if name == "debugging" or name in _DEBUGGING or name in _OTHERS:
        from ..debugging import _v1
        value = (_v1 if name == "debugging" else getattr(_v1, name) if name in _DEBUGGING
                 else getattr(importlib.import_module("tapeflow.debugging." + _OTHERS[name]),
                              name))
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        path = _SUBMODULES[name]
        if path is not None:
            value = importlib.import_module(path, __package__)
        else:
            value = {"train": _train_namespace, "initializers": _initializers_namespace,
                     "random": _random_namespace, "logging": _logging_namespace,
                     "nn": _nn_namespace, "saved_model": _saved_model_namespace}[name]()
        globals()[name] = value
        return value
    moved = _MOVED.get(name)
    import tapeflow
    if moved is not None:
        value = getattr(getattr(tapeflow, moved[0]), moved[1])
        globals()[name] = value
        return value
    if name.startswith("__"):
        raise AttributeError(name)
    try:
        return getattr(tapeflow, name)
    except AttributeError:
        raise AttributeError(f"module 'tapeflow.compat.v1' has no attribute '{name}'") from None


def __dir__():
    """The module's names with the ones it loads on first use."""
    return sorted(set(globals()) | set(_DEBUGGING) | set(_OTHERS) | set(_SUBMODULES) |
                  set(_MOVED) | {"debugging"})


__all__ = [
    "AUTO_REUSE",
    "ConfigProto",
    "GPUOptions",
    "Graph",
    "GraphKeys",
    "GraphOptions",
    "InteractiveSession",
    "Operation",
    "OptimizerOptions",
    "Print",
    "RunMetadata",
    "RunOptions",
    "Session",
    "Tensor",
    "Variable",
    "VariableScope",
    "VariableV1",
    "add_to_collection",
    "add_to_collections",
    "all_variables",
    "argmax",
    "argmin",
    "assert_variables_initialized",
    "assign",
    "assign_add",
    "assign_sub",
    "constant_initializer",
    "count_nonzero",
    "dimension_at_index",
    "dimension_value",
    "disable_control_flow_v2",
    "disable_eager_execution",
    "disable_resource_variables",
    "disable_tensor_equality",
    "disable_v2_behavior",
    "div",
    "enable_control_flow_v2",
    "enable_eager_execution",
    "enable_resource_variables",
    "enable_tensor_equality",
    "enable_v2_behavior",
    "executing_eagerly",
    "executing_eagerly_outside_functions",
    "expand_dims",
    "get_collection",
    "get_collection_ref",
    "get_default_graph",
    "get_default_session",
    "get_local_variable",
    "get_seed",
    "get_variable",
    "get_variable_scope",
    "global_variables",
    "global_variables_initializer",
    "glorot_normal_initializer",
    "glorot_uniform_initializer",
    "gradients",
    "group",
    "hessians",
    "initialize_all_variables",
    "initialize_local_variables",
    "initialize_variables",
    "is_variable_initialized",
    "local_variables",
    "local_variables_initializer",
    "model_variables",
    "moving_average_variables",
    "multinomial",
    "name_scope",
    "no_op",
    "no_regularizer",
    "ones_initializer",
    "placeholder",
    "placeholder_with_default",
    "py_func",
    "random_normal",
    "random_normal_initializer",
    "random_shuffle",
    "random_uniform",
    "random_uniform_initializer",
    "reduce_all",
    "reduce_any",
    "reduce_logsumexp",
    "reduce_max",
    "reduce_mean",
    "reduce_min",
    "reduce_prod",
    "reduce_sum",
    "report_uninitialized_variables",
    "reset_default_graph",
    "resource_variables_enabled",
    "set_random_seed",
    "squeeze",
    "string_split",
    "to_bfloat16",
    "to_complex64",
    "to_complex128",
    "to_double",
    "to_float",
    "to_int32",
    "to_int64",
    "trainable_variables",
    "truncated_normal",
    "truncated_normal_initializer",
    "uniform_unit_scaling_initializer",
    "variable_op_scope",
    "variable_scope",
    "variables_initializer",
    "variance_scaling_initializer",
    "with_dependencies",
    "zeros_initializer",
]

del _graph, v1_session
