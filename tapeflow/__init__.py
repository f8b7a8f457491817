"""tapeflow: TensorFlow 2's eager execution and GradientTape, on NumPy.

Change one line, `import tapeflow as tf`, and TF 2 eager code runs:

    >>> import tapeflow as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as g:
    ...     g.watch(x)
    ...     y = x * x
    >>> g.gradient(y, x)
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
"""
from . import (
    autodiff,
    autograph,
    compat,
    dtypes,
    errors,
    keras,
    linalg,
    math,
    nest,
    nn,
    random,
    test,
    train,
    version,
)
from . import ops as _ops

# Functional control flow (tf.cond, tf.while_loop, ...) and AutoGraph.
from .control_flow import (
    Assert,
    TensorArray,
    case,
    cond,
    control_dependencies,
    foldl,
    foldr,
    group,
    map_fn,
    no_op,
    numpy_function,
    py_function,
    scan,
    switch_case,
    vectorized_map,
    while_loop,
)
from .control_flow import print_v2 as print
from .control_flow import tuple_ as tuple
from .framework import graph as _graph
from .framework import memory as _memory
from .framework import placement as _placement
from .framework.custom_gradient import (
    NoGradient,
    NotDifferentiable,
    RegisterGradient,
    custom_gradient,
    grad_pass_through,
    no_gradient,
    recompute_grad,
)
from .framework.dtypes import (
    DType,
    as_dtype,
    bfloat16,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    qint8,
    qint16,
    qint32,
    quint8,
    quint16,
    resource,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
    variant,
)
from .framework.dtypes import bool_ as bool
from .framework.graph import Graph, Operation, get_default_graph
from .framework.indexed_slices import IndexedSlices
from .framework.tape import GradientTape, UnconnectedGradients
from .framework.tensor import (
    Tensor,
    constant,
    convert_to_tensor,
    is_tensor,
    register_tensor_conversion_function,
)
from .framework.tensor_shape import TensorShape
from .framework.variables import Variable
from .function import TensorSpec, function, init_scope

# The training stack: modules, tf.function, Keras (layers, optimizers, losses), checkpoints.
from .module import Module, name_scope
from .ops.array_ops import (
    broadcast_dynamic_shape,
    broadcast_static_shape,
    broadcast_to,
    concat,
    expand_dims,
    eye,
    fill,
    gather,
    identity,
    identity_n,
    linspace,
    one_hot,
    ones,
    ones_like,
    pad,
    range,
    rank,
    reshape,
    reverse,
    shape,
    shape_n,
    size,
    slice,
    split,
    squeeze,
    stack,
    stop_gradient,
    strided_slice,
    tile,
    transpose,
    unstack,
    where,
    zeros,
    zeros_like,
)
from .ops.indexing_ops import (
    argsort,
    boolean_mask,
    clip_by_global_norm,
    clip_by_norm,
    gather_nd,
    meshgrid,
    repeat,
    reverse_sequence,
    roll,
    scatter_nd,
    searchsorted,
    sequence_mask,
    sort,
    tensor_scatter_nd_add,
    tensor_scatter_nd_max,
    tensor_scatter_nd_min,
    tensor_scatter_nd_sub,
    tensor_scatter_nd_update,
    unique,
    unique_with_counts,
)
from .ops.linalg_ops import einsum, norm
from .ops.math_ops import (
    abs,
    acos,
    acosh,
    add,
    add_n,
    argmax,
    argmin,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    cast,
    ceil,
    clip_by_value,
    conj,
    cos,
    cosh,
    cumsum,
    divide,
    equal,
    exp,
    floor,
    floordiv,
    greater,
    greater_equal,
    imag,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    matmul,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    pow,
    real,
    realdiv,
    reduce_all,
    reduce_any,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    round,
    saturate_cast,
    sigmoid,
    sign,
    sin,
    sinh,
    sqrt,
    square,
    subtract,
    tan,
    tanh,
    tensordot,
    truediv,
)
from .ops.math_ops import complex_ as complex
from .ops.special_math_ops import reduce_logsumexp, truncatediv, truncatemod

newaxis = None


def executing_eagerly():
    """True unless a graph is being built (inside a `tf.function` trace or `Graph.as_default()`).

    >>> tf.executing_eagerly()
    True
    """
    return _graph.building_graph() is None


def inside_function():
    """True while a `tf.function` is being traced."""
    g = _graph.building_graph()
    return g is not None and g.building_function


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Accepted for TF 1.x code; tapeflow is always eager."""


def get_static_value(tensor, partial=False):
    """The value of a tensor as a NumPy array (tapeflow always knows it)."""
    return tensor.numpy() if hasattr(tensor, "numpy") else tensor


# Namespaces imported on first use, to keep `import tapeflow` fast: name -> (module, attribute).
_LAZY = {"config": (".config", None), "debugging": (".debugging", None),
         "bitwise": (".bitwise", None),
         "sysconfig": (".sysconfig", None),
         "assert_equal": (".debugging", "assert_equal"),
         "assert_greater": (".debugging", "assert_greater"),
         "assert_less": (".debugging", "assert_less"), "assert_rank": (".debugging", "assert_rank"),
         "device": (".config.devices", "device"), "DeviceSpec": (".config.devices", "DeviceSpec"),
         "data": (".data", None), "io": (".io", None), "sparse": (".sparse", None),
         "ragged": (".ragged", None), "strings": (".strings", None),
         "experimental": (".experimental", None), "signal": (".signal", None),
         "image": (".image", None),
         "SparseTensor": (".framework.sparse_tensor", "SparseTensor"),
         "SparseTensorSpec": (".framework.sparse_tensor", "SparseTensorSpec"),
         "RaggedTensor": (".ragged.ragged_tensor", "RaggedTensor"),
         "RaggedTensorSpec": (".ragged.ragged_tensor", "RaggedTensorSpec"),
         "fingerprint": (".ops.string_ops", "fingerprint"), "types": (".types", None),
         "distribute": (".distribute", None),
         "VariableAggregation": (".distribute.values", "VariableAggregationV2"),
         "VariableSynchronization": (".distribute.values", "VariableSynchronization"),
         "saved_model": (".saved_model", None), "python": (".python", None),
         "gradients": (".graph_gradients", "gradients"),
         "hessians": (".graph_gradients", "hessians"),
         "audio": (".audio", None), "feature_column": (".feature_column", None), "initializers": (".keras.initializers", None),
         "zeros_initializer": (".init_ops", "zeros_initializer"),
         "ones_initializer": (".init_ops", "ones_initializer"),
         "constant_initializer": (".init_ops", "constant_initializer"),
         "random_normal_initializer": (".init_ops", "random_normal_initializer"),
         "random_uniform_initializer": (".init_ops", "random_uniform_initializer"),
         "get_logger": (".surface_misc", "get_logger"),
         "type_spec_from_value": (".surface_misc", "type_spec_from_value")}


def __getattr__(name):
    entry = _LAZY.get(name)
    if entry is None:
        raise AttributeError(f"module 'tapeflow' has no attribute '{name}'")
    import importlib
    module = importlib.import_module(entry[0], __name__)
    value = module if entry[1] is None else getattr(module, entry[1])
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__version__ = version.VERSION
# Last: from here on, the first tensor made initializes the runtime (see placement.py).
_placement.start()
