"""`tf.random`: TF's seeded random numbers, bit for bit, in eager mode and in graphs.

Every draw comes from Philox4x32-10 (`prims/_philox.py`) at the key and counter TF would use,
turned into values by TF's conversions (uniform mantissa bits, Box-Muller with the C library's
float log/sincos, rejection loops with TF's per-output sub-streams). The draws are primitives
(`prims/random.py`); this module holds TF's signatures, argument checks and seed rules. Three
kinds of randomness:
  * stateful ops (`normal`, `uniform`, `categorical`, `gamma`, ...): seeds from TF's rules
    (`set_seed`'s global seed, the op seed, eager mode's per-op seed counter); each kernel keeps
    its Philox position across calls. Eagerly one kernel serves each op type, attributes and
    seed pair (TF's eager kernel cache); in a graph (`tf.function`) every op node gets its own
    kernel, seeded when the node is built (the graph's seed is the global seed when the
    function is traced, the op seed defaults to a per-graph count of unseeded ops), advancing on
    every call. `set_seed` resets them all;
  * stateless ops (`stateless_normal(shape, seed=[a, b])`, ...): a pure function of the seed
    (which may be a graph tensor), scrambled into a key and counter as TF's
    StatelessRandomGetKeyCounter does;
  * `Generator`: an int64 state Variable [counter_lo, counter_hi, key]; each draw reads the
    state and advances the counter 256 blocks per element (TF's RngReadAndSkip, a graph op inside
    `tf.function`, so a function keeps drawing new numbers).

Parameters enter through tapeflow ops, as in TF: `normal(shape, mean, stddev)` is
`rnd * stddev + mean`, so gradients reach `mean` and `stddev`, and a gamma sample is
differentiable in `alpha` (implicit reparameterization).

    >>> tf.random.set_seed(5)
    >>> tf.random.normal([2, 2], seed=1).numpy().tolist()
    [[-1.376889705657959, -0.012583157978951931], [-0.169514998793602, 1.0824055671691895]]
"""
import enum
import math
import random as _pyrandom
import weakref
from typing import ClassVar

import numpy as np

from ..framework import config_state
from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, UnimplementedError, op_error
from ..framework.graph import _graph_state, building_graph
from ..framework.op import is_concrete, state
from ..framework.tensor import Tensor, convert_to_tensor, wrap
from ..framework.tensor_shape import TensorShape
from ..framework.variables import Variable
from ..module import Module
from ..prims import base as P
from ..prims import math as PM
from ..prims import random as PR
from ..prims._common import broadcast_shapes
from . import array_ops as A
from . import math_ops as M
from ._common import int_list, t

_DEFAULT_GLOBAL_SEED = 87654321
_MAXINT32 = 2 ** 31 - 1
_MASK32 = 0xFFFFFFFF
_MASK64 = (1 << 64) - 1
_RESERVED = PR.RESERVED  # counter blocks TF's stateful kernels reserve per output element
_kernel_error = PR.kernel_error


class _Context:
    """The eager context's random state: global seed, the Python RNG behind op seeds, and the
    kernel cache (one Philox position per op type, attributes and seed pair)."""
    global_seed = None
    rng = _pyrandom.Random()
    kernels: ClassVar[dict] = {}


# Graph seeds (TF's Graph.seed and its count of unseeded random ops, per graph)
_function_graph_seeds = weakref.WeakKeyDictionary()  # function graph -> its seed, once known
_unseeded_ops = weakref.WeakKeyDictionary()          # graph -> unseeded random ops built so far


def set_seed(seed):
    """Sets the global seed: the sequence of random values after it is reproducible. (Called
    while a graph is built, it sets that graph's seed instead, as TF.)

    >>> tf.random.set_seed(5)
    >>> tf.random.uniform([], seed=10).numpy().item()
    0.09164893627166748
    """
    graph = building_graph()
    if graph is not None:
        graph.seed = seed
        if graph.building_function:
            _function_graph_seeds[graph] = seed
        return
    seed = getattr(seed, "_value", seed)
    try:
        hash(seed)
        rng = _pyrandom.Random(seed)
    except TypeError:
        seed = int(np.array(seed))
        rng = _pyrandom.Random(seed)
    _Context.global_seed = seed
    _Context.rng = rng
    _Context.kernels = {}
    PR.reset_kernels()  # TF clears its kernel caches: traced functions' kernels restart too


def _graph_seed(graph):
    """A graph's seed: a tf.Graph's own; a function graph's is fixed when it is first needed
    from the graph it is built in (the global seed when traced eagerly), as TF's FuncGraph takes
    it at creation."""
    if not graph.building_function:
        return graph.seed
    if graph in _function_graph_seeds:
        return _function_graph_seeds[graph]
    stack = _graph_state.default_stack
    outer = None
    for i in range(len(stack) - 1, -1, -1):
        if stack[i] is graph:
            outer = stack[i - 1] if i else None
            break
    seed = _graph_seed(outer) if outer is not None else _Context.global_seed
    _function_graph_seeds[graph] = seed
    return seed


def get_seed(op_seed):
    """The (seed, seed2) pair an op receives (TF's random_seed.get_seed): from the global seed
    and the op seed eagerly, from the graph's seed and a per-graph count of unseeded ops in a
    graph.

    >>> from tapeflow.ops.random_ops import get_seed
    >>> tf.random.set_seed(3)
    >>> get_seed(7)
    (3, 7)
    """
    graph = building_graph()
    g = _Context.global_seed if graph is None else _graph_seed(graph)
    if g is not None:
        if op_seed is None:
            if graph is None:
                op_seed = _Context.rng.randint(0, _MAXINT32)
            else:
                op_seed = _unseeded_ops.get(graph, 0)
                _unseeded_ops[graph] = op_seed + 1
        seeds = (g % _MAXINT32, op_seed % _MAXINT32)
    elif op_seed is not None:
        seeds = (_DEFAULT_GLOBAL_SEED, op_seed % _MAXINT32)
    else:
        return None, None
    if seeds == (0, 0):
        return 0, _MAXINT32
    return seeds


def _no_seed_error():
    return RuntimeError("Random ops require a seed to be set when determinism is enabled. "
                        "Please set a seed before running the op, e.g. by calling "
                        "tf.random.set_seed(1).")


def _kernel(op_name, attrs, seed):
    """The kernel a stateful op draws from. Eagerly: the cached kernel for this op, attributes
    and seeds (made on first use, as TF's eager kernel cache); in a graph: a new kernel for the
    node being built. With neither a global (graph) nor an op seed its seeds are random."""
    graph = building_graph()
    if graph is not None:
        if seed is None and _graph_seed(graph) is None and config_state.determinism:
            raise _no_seed_error()
        s1, s2 = get_seed(seed)
        return PR.Kernel(0 if s1 is None else s1, 0 if s2 is None else s2)
    if seed is None and _Context.global_seed is None and config_state.determinism:
        raise _no_seed_error()
    s1, s2 = get_seed(seed)
    s1 = 0 if s1 is None else int(s1)
    s2 = 0 if s2 is None else int(s2)
    cache_key = (op_name, attrs, s1, s2)
    k = _Context.kernels.get(cache_key)
    if k is None:
        k = PR.Kernel(s1, s2)
        # an op seed drawn from the global seed is fresh on every call: caching its kernel would
        # only grow the cache (TF's would meet it again only if two 31-bit draws collided)
        if seed is not None or _Context.global_seed is None:
            _Context.kernels[cache_key] = k
    return k


def _rng(seed, op_name="RandomUniform", attrs=("float32",)):
    """Consumes an op seed as a stateful op would, without drawing (tf.nn.dropout at rate 0)."""
    return _kernel(op_name, attrs, seed)


# ============================================================================================
# Shapes: static (a tuple, an attribute of the draw) or a graph tensor (an input of it)
# ============================================================================================
def _shape(shape):
    return tuple(int_list(shape)) if not isinstance(shape, int) else (shape,)


def _symbolic(v):
    if isinstance(v, (list, tuple)):
        return any(_symbolic(x) for x in v)
    return isinstance(v, Tensor) and not is_concrete(v)


def _shape_arg(shape):
    """(shape, dims): a static shape tuple and None, or an integer vector tensor and what is
    known of its values (a tuple with None for dimensions known only at run time)."""
    if not _symbolic(shape):
        if isinstance(shape, TensorShape) and not shape.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {shape} to a Tensor.")
        return _shape(shape), None
    if isinstance(shape, Tensor):
        st = shape
        if st._value.dtype.kind not in "iu":
            raise TypeError(f"shape must be an integer tensor, got {st.dtype.name}")
    else:
        parts = []
        for d in shape:
            x = d if isinstance(d, Tensor) else convert_to_tensor(int(d), D.int32)
            if x._value.dtype != np.int32:
                x = PM.cast(x, np.int32)
            parts.append(P.reshape(x, (1,)))
        st = P.concat(parts, 0)
    n = st._value.shape[0] if st._value.shape else None
    if n is None:
        raise NotImplementedError("tapeflow: a random op's shape tensor must have a known length "
                                  "(its rank is part of the graph's static shapes)")
    return st, tuple(_dims_of(st, n))


def _dims_of(st, n):
    """What a graph knows of the values of integer vector `st` of length n (TF's
    constant_value_as_shape): Shape ops' inputs' static dimensions, constants, and packs,
    concatenations, casts and slices of them."""
    if is_concrete(st):
        return [int(d) for d in np.asarray(st._value).reshape(-1)]
    op = getattr(st, "_op", None)
    kind = op._prim.name if op is not None else None
    if kind == "Shape":
        shape = op._inputs[0]._value.shape
        if shape is not None and len(shape) == n:
            return list(shape)
    elif kind == "Const":
        return [int(d) for d in np.asarray(op._attrs["value"]).reshape(-1)]
    elif kind in ("Cast", "Identity"):
        return _dims_of(op._inputs[0], n)
    elif kind == "Reshape":
        x = op._inputs[0]
        if x._value.shape == () and n == 1:
            return [_dim_of(x)]
        return _dims_of(x, n)
    elif kind == "ConcatV2" and op._attrs.get("axis") == 0:
        out = []
        for x in op._inputs:
            m = x._value.shape[0] if x._value.shape else None
            if m is None:
                return [None] * n
            out += _dims_of(x, m)
        return out
    elif kind == "Pack" and op._attrs.get("axis") == 0:
        return [_dim_of(x) for x in op._inputs]
    return [None] * n


def _dim_of(x):
    """A scalar's value when the graph knows it (a constant, or an element of a known shape)."""
    if is_concrete(x):
        return int(np.asarray(x._value))
    op = getattr(x, "_op", None)
    kind = op._prim.name if op is not None else None
    if kind == "Const":
        return int(np.asarray(op._attrs["value"]))
    if kind in ("Cast", "Identity"):
        return _dim_of(op._inputs[0])
    if kind == "StridedSlice":
        key = op._attrs.get("key")
        src = op._inputs[0]
        if src._value.shape and len(key) == 1 and isinstance(key[0], int) and \
                src._value.shape[0] is not None:
            dims = _dims_of(src, src._value.shape[0])
            return dims[key[0]]
    return None


def _count(shape, dims):
    """The number of elements of a draw (an int), or a graph tensor when only known at run
    time (for the Generator's counter step)."""
    if isinstance(shape, tuple):
        return math.prod(shape)
    if None not in dims:
        return math.prod(dims)
    return M.reduce_prod(M.cast(shape, D.int64))


def _scalar(v):
    return np.asarray(getattr(v, "_value", v))


def _num_samples(num_samples):
    if _symbolic(num_samples):
        raise NotImplementedError("tapeflow: categorical draws need a Python (or eager) "
                                  "num_samples: the output shape depends on it")
    return int(_scalar(num_samples))


# ============================================================================================
# Checks shared by the samplers
# ============================================================================================
_FLOAT_NAMES = "half, bfloat16, float, double"


def _float_dtype(dtype, op_name):
    if not dtype.is_floating:
        raise op_error(InvalidArgumentError, op_name, f"Value for attr 'dtype' of {dtype.name} is not "
                                                      f"in the list of allowed values: {_FLOAT_NAMES}")


_UNIFORM_DTYPES = (D.float16, D.float32, D.float64, D.int32, D.int64)


def _check_uniform_dtype(dtype, extra=()):
    if dtype not in _UNIFORM_DTYPES + extra:
        names = "tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64" + "".join(
            ", " + repr(d) for d in extra)
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"({names}).")


def _check_categorical_dtype(dtype):
    if dtype not in (D.int32, D.int64):
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"(tf.int32, tf.int64).")


def _check_static_int_bounds(shape, lo, hi, op_name):
    """Bounds known now are checked now (TF's kernel checks them at run time)."""
    if is_concrete(lo) and is_concrete(hi):
        n = math.prod(shape) if isinstance(shape, tuple) else 1
        PR.check_int_bounds(n, lo._value, hi._value, op_name)


def _scaled(rnd, minval, maxval, shortcut):
    """rnd * (maxval - minval) + minval, skipping the arithmetic for the default [0, 1) as TF."""
    lo_zero = shortcut and isinstance(minval, int) and minval == 0
    hi_one = shortcut and isinstance(maxval, int) and maxval == 1
    if lo_zero and hi_one:
        return rnd
    if lo_zero:
        return M.multiply(rnd, maxval)
    return M.add(rnd * (maxval - minval), minval)


def _bounds(minval, maxval, dtype, shortcut):
    lo_zero = shortcut and isinstance(minval, int) and minval == 0
    hi_one = shortcut and isinstance(maxval, int) and maxval == 1
    if lo_zero and hi_one:
        return minval, maxval
    if lo_zero:
        return minval, convert_to_tensor(maxval, dtype=dtype)
    return convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)


# ============================================================================================
# Stateful ops
# ============================================================================================
def normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Samples from a normal distribution; differentiable in `mean` and `stddev`.

    >>> tf.random.set_seed(5)
    >>> tf.random.normal([2], seed=1).numpy().tolist()
    [-1.376889705657959, -0.012583157978951931]
    """
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, "RandomStandardNormal")
    shape, dims = _shape_arg(shape)
    kernel = _kernel("RandomStandardNormal", (dtype.name,), seed)
    return M.add(PR.random_normal(kernel, shape, dtype._np, dims) * stddev, mean)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=D.float32, seed=None, name=None):
    """Normal samples redrawn until within two standard deviations of the mean.

    >>> tf.random.truncated_normal([3], seed=1).shape
    TensorShape([3])
    """
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, "TruncatedNormal")
    shape, dims = _shape_arg(shape)
    kernel = _kernel("TruncatedNormal", (dtype.name,), seed)
    return M.add(PR.truncated_normal(kernel, shape, dtype._np, dims) * stddev, mean)


def uniform(shape, minval=0, maxval=None, dtype=D.float32, seed=None, name=None):
    """Samples uniformly from [minval, maxval) (maxval defaults to 1 for floats).

    >>> tf.random.set_seed(5)
    >>> tf.random.uniform([], maxval=3, dtype=tf.int32, seed=10).numpy().item()
    2
    """
    dtype = D.as_dtype(dtype)
    _check_uniform_dtype(dtype)
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    shape, dims = _shape_arg(shape)
    if dtype.is_integer:
        lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
        kernel = _kernel("RandomUniformInt", (dtype.name,), seed)
        return PR.random_uniform_int(kernel, lo, hi, shape, dtype._np, dims)
    lo, hi = _bounds(minval, maxval, dtype, shortcut=True)
    kernel = _kernel("RandomUniform", (dtype.name,), seed)
    return _scaled(PR.random_uniform(kernel, shape, dtype._np, dims), lo, hi, shortcut=True)


def shuffle(value, seed=None, name=None):
    """`value` with its first dimension randomly permuted (TF's swap sequence; not
    differentiable, as TF).

    >>> tf.random.shuffle(tf.range(5), seed=1).shape
    TensorShape([5])
    """
    v = t(value)
    return PR.random_shuffle(_kernel("RandomShuffle", (v.dtype.name,), seed), v)


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """Class indices sampled from the unnormalized log-probabilities `logits` [batch, classes];
    the result is [batch, num_samples] (int64 by default).

    >>> tf.random.categorical(tf.math.log([[0.5, 0.5]]), 5, seed=1).shape
    TensorShape([1, 5])
    """
    logits = t(logits)
    dtype = D.as_dtype(dtype) if dtype else D.int64
    _check_categorical_dtype(dtype)
    kernel = _kernel("Multinomial", (logits.dtype.name, dtype.name), seed)
    return PR.multinomial(kernel, logits, _num_samples(num_samples), dtype._np)


def _broadcast_params(alpha, beta):
    try:
        return broadcast_shapes(alpha._value.shape, beta._value.shape)
    except ValueError:
        raise op_error(InvalidArgumentError, "BroadcastArgs",
                       f"Incompatible shapes: {list(alpha._value.shape)} vs. "
                       f"{list(beta._value.shape)}") from None


def gamma(shape, alpha, beta=None, dtype=D.float32, seed=None, name=None):
    """`shape` samples from each Gamma(alpha, beta) distribution (beta is the rate); the result is
    shape + broadcast(alpha, beta).shape. Differentiable in alpha and beta.

    >>> tf.random.gamma([10], alpha=[0.5, 1.5], seed=1).shape
    TensorShape([10, 2])
    """
    dtype = D.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"data type {dtype._np.type} not inexact")
    shape, dims = _shape_arg(shape)
    alpha = convert_to_tensor(alpha, dtype=dtype)
    beta = convert_to_tensor(1 if beta is None else beta, dtype=dtype)
    bshape = _broadcast_params(alpha, beta)
    alpha_b = A.broadcast_to(alpha, bshape) if alpha._value.shape != bshape else alpha
    kernel = _kernel("RandomGamma", (dtype.name,), seed)
    sample = PR.random_gamma(kernel, alpha_b, shape, dims)
    return M.maximum(np.finfo(dtype._np).tiny, sample / beta)


def poisson(shape, lam, dtype=D.float32, seed=None, name=None):
    """`shape` samples from each Poisson(lam) distribution: shape + lam.shape (not differentiable).

    >>> tf.random.poisson([10], [0.5, 1.5], seed=1).shape
    TensorShape([10, 2])
    """
    dtype = D.as_dtype(dtype)
    if dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise op_error(InvalidArgumentError, "RandomPoissonV2",
                       f"Value for attr 'dtype' of {dtype.name} is not in the list of allowed "
                       f"values: half, float, double, int32, int64")
    lam = t(lam)
    if lam.dtype not in (D.float16, D.float32, D.float64, D.int32, D.int64):
        raise op_error(InvalidArgumentError, "RandomPoissonV2",
                       f"Value for attr 'R' of {lam.dtype.name} is not in the list of allowed "
                       f"values: half, float, double, int32, int64")
    kernel = _kernel("RandomPoissonV2", (lam.dtype.name, dtype.name), seed)
    shape, dims = _shape_arg(shape)
    return PR.random_poisson(kernel, lam, shape, dtype._np, dims)


# ============================================================================================
# Stateless ops: a pure function of seed = [a, b] (a tensor, maybe a graph's)
# ============================================================================================
def _seed_tensor(seed, op_name="StatelessRandomGetKeyCounter"):
    s = t(seed)
    if s._value.dtype not in (np.int32, np.int64):
        raise op_error(InvalidArgumentError, op_name,
                       f"Value for attr 'Tseed' of {s.dtype.name} is not in the list of allowed "
                       f"values: int32, int64")
    shape = s._value.shape
    if shape is not None and None not in shape and tuple(shape) != (2,):
        raise _kernel_error(InvalidArgumentError, op_name,
                            f"seed must have shape [2], not {list(shape)}")
    return s


def _key_counter(seed, alg="auto_select", op_name="StatelessRandomUniformV2"):
    """TF's (key, counter) tensors for a stateless seed: one Philox block of the seed under a
    fixed key (StatelessRandomGetKeyCounter; the same for alg="philox")."""
    alg = _alg_int(alg if alg is not None else "auto_select", stateless=True)
    s = _seed_tensor(seed)
    if alg == Algorithm.THREEFRY.value:
        raise _kernel_error(InvalidArgumentError, op_name,
                            "counter must be a vector with length at least 2; got shape: [1]. (Note "
                            "that batched counters are not supported yet.)")
    return PR.get_key_counter(s)


def _seed_key_counter(seed, op_name):
    """The key and counter of a V1-style stateless op (its own name in seed errors)."""
    return PR.get_key_counter(_seed_tensor(seed, op_name))


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                     alg="auto_select"):
    """Normal samples that depend only on `shape`, `seed` (two integers) and dtype.

    >>> tf.random.stateless_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    key, counter = _key_counter(seed, alg, "StatelessRandomNormalV2")
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, "StatelessRandomNormalV2")
    shape, dims = _shape_arg(shape)
    return M.add(PR.stateless_normal(key, counter, shape, dtype._np, dims) * stddev, mean)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=D.float32, name=None,
                               alg="auto_select"):
    """Truncated normal samples that depend only on `shape`, `seed` and dtype.

    >>> tf.random.stateless_truncated_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    key, counter = _key_counter(seed, alg, "StatelessTruncatedNormalV2")
    dtype = D.as_dtype(dtype)
    mean = convert_to_tensor(mean, dtype=dtype)
    stddev = convert_to_tensor(stddev, dtype=dtype)
    _float_dtype(dtype, "StatelessTruncatedNormalV2")
    shape, dims = _shape_arg(shape)
    return M.add(PR.stateless_truncated_normal(key, counter, shape, dtype._np, dims) * stddev,
                 mean)


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype=D.float32, name=None,
                      alg="auto_select"):
    """Uniform samples in [minval, maxval) that depend only on `shape`, `seed` and dtype; for
    integer dtypes, minval = maxval = None draws from the dtype's full range.

    >>> tf.random.stateless_uniform([2], seed=[1, 2], minval=0, maxval=10, dtype=tf.int32).dtype
    tf.int32
    """
    dtype = D.as_dtype(dtype)
    _check_uniform_dtype(dtype, (D.uint32, D.uint64))
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype}, argument `minval` and `maxval` "
                             f"must be both None or not None. Got `minval`={minval} and "
                             f"`maxval`={maxval}.")
        if minval is not None and dtype in (D.uint32, D.uint64):
            raise ValueError(f"Argument `dtype` got invalid value {dtype} when argument `minval` is "
                             f"not None. Please don't use unsigned integers in this case.")
    elif maxval is None:
        maxval = 1
    if dtype.is_integer:
        if minval is None:
            key, counter = _key_counter(seed, alg, "StatelessRandomUniformFullIntV2")
            shape, dims = _shape_arg(shape)
            return PR.stateless_full_int(key, counter, shape, dtype._np, dims)
        key, counter = _key_counter(seed, alg, "StatelessRandomUniformIntV2")
        shape, dims = _shape_arg(shape)
        lo, hi = convert_to_tensor(minval, dtype=dtype), convert_to_tensor(maxval, dtype=dtype)
        _check_static_int_bounds(shape, lo, hi, "StatelessRandomUniformIntV2")
        return PR.stateless_uniform_int(key, counter, lo, hi, shape, dtype._np, dims)
    key, counter = _key_counter(seed, alg, "StatelessRandomUniformV2")
    shape, dims = _shape_arg(shape)
    lo, hi = _bounds(minval, maxval, dtype, shortcut=False)
    return _scaled(PR.stateless_uniform(key, counter, shape, dtype._np, dims), lo, hi,
                   shortcut=False)


def stateless_categorical(logits, num_samples, seed, dtype=D.int64, name=None):
    """`categorical` as a pure function of `seed`.

    >>> tf.random.stateless_categorical([[0.0, 1.0]], 3, seed=[1, 2]).shape
    TensorShape([1, 3])
    """
    logits = t(logits)
    dtype = D.as_dtype(dtype)
    _check_categorical_dtype(dtype)
    key, counter = _seed_key_counter(seed, "StatelessMultinomial")
    return PR.stateless_multinomial(key, counter, logits, _num_samples(num_samples), dtype._np)


def _check_layout(shape, param_shapes, op_name, message=""):
    """`shape` must end with the parameters' broadcast shape (checked now when both are static)."""
    if isinstance(shape, tuple) and all(s is not None and None not in s for s in param_shapes):
        PR.layout(shape, param_shapes, op_name, message)


def stateless_gamma(shape, seed, alpha, beta=None, dtype=D.float32, name=None):
    """Gamma(alpha, beta) samples as a pure function of `seed` (beta is the rate); `shape`
    must end with the broadcast shape of alpha and beta.

    >>> tf.random.stateless_gamma([2], seed=[1, 2], alpha=2.0).shape
    TensorShape([2])
    """
    dtype = D.as_dtype(dtype)
    shape, dims = _shape_arg(shape)
    alpha = convert_to_tensor(alpha, dtype=dtype)
    beta = convert_to_tensor(1 if beta is None else beta, dtype=dtype)
    bshape = _broadcast_params(alpha, beta)
    alpha_b = A.broadcast_to(alpha, bshape) if alpha._value.shape != bshape else alpha
    key, counter = _key_counter(seed, "auto_select", "StatelessRandomGammaV3")
    _check_layout(shape, (bshape,), "StatelessRandomGammaV3")
    sample = PR.stateless_gamma(key, counter, alpha_b, shape, dims)
    return M.maximum(np.finfo(dtype._np).tiny, sample / beta)


def stateless_poisson(shape, seed, lam, dtype=D.int32, name=None):
    """Poisson(lam) samples as a pure function of `seed`; `shape` must end with lam's shape.

    >>> tf.random.stateless_poisson([3], seed=[1, 2], lam=4.0).shape
    TensorShape([3])
    """
    shape, dims = _shape_arg(shape)
    lam = t(lam)
    dtype = D.as_dtype(dtype)
    key, counter = _seed_key_counter(seed, "StatelessRandomPoisson")
    _check_layout(shape, (lam._value.shape,), "StatelessRandomPoisson")
    return PR.stateless_poisson(key, counter, lam, shape, dtype._np, dims)


def stateless_binomial(shape, seed, counts, probs, output_dtype=D.int32, name=None):
    """Binomial(counts, probs) samples as a pure function of `seed`; `shape` must end with the
    broadcast shape of counts and probs.

    >>> tf.random.stateless_binomial([3], seed=[1, 2], counts=10., probs=0.5).shape
    TensorShape([3])
    """
    shape, dims = _shape_arg(shape)
    probs = convert_to_tensor(probs, dtype_hint=D.float32)
    counts = convert_to_tensor(counts, dtype_hint=probs.dtype)
    output_dtype = D.as_dtype(output_dtype)
    cs, ps = counts._value.shape, probs._value.shape
    _check_layout(shape, (cs, ps), "StatelessRandomBinomial", PR.binomial_message(cs, ps))
    key, counter = _seed_key_counter(seed, "StatelessRandomBinomial")
    return PR.stateless_binomial(key, counter, counts, probs, shape, output_dtype._np, dims)


def stateless_parameterized_truncated_normal(shape, seed, means=0.0, stddevs=1.0, minvals=-2.0,
                                            maxvals=2.0, name=None):
    """Normal(means, stddevs) samples cut to [minvals, maxvals], a pure function of `seed`; the
    parameters broadcast together and `shape` must end with their broadcast shape.
    Differentiable in the four parameters (implicit reparameterization, as TF).

    >>> tf.random.stateless_parameterized_truncated_normal([3], seed=[1, 2]).shape
    TensorShape([3])
    """
    op = "StatelessParameterizedTruncatedNormal"
    shape, dims = _shape_arg(shape)
    params = [t(v) for v in (means, stddevs, minvals, maxvals)]
    dtype = params[0].dtype
    for p in params[1:]:
        if p.dtype != dtype:
            raise op_error(InvalidArgumentError, op,
                           f"cannot compute {op} as input #3(zero-based) was expected to be a "
                           f"{dtype.name} tensor but is a {p.dtype.name} tensor")
    if dtype not in (D.float16, D.float32, D.float64):
        raise op_error(InvalidArgumentError, op, f"Value for attr 'dtype' of {dtype.name} is not "
                                                 f"in the list of allowed values: half, float, double")
    key, counter = _seed_key_counter(seed, op)
    shapes = [p._value.shape for p in params]
    if isinstance(shape, tuple) and all(None not in s for s in shapes):
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise _kernel_error(InvalidArgumentError, op,
                                "means, stddevs, minvals, maxvals must have compatible batch "
                                "dimensions: " + " vs. ".join(str(list(s)) for s in shapes)
                                ) from None
        _check_layout(shape, shapes, op)
    return PR.stateless_parameterized_truncated_normal(key, counter, *params, shape, dims)


def index_shuffle(index, seed, max_index):
    """The position of `index` in a pseudorandom permutation of [0, max_index] that depends only
    on `seed` (TF's RandomIndexShuffle: a 4-round Simon cipher with cycle walking).

    >>> int(tf.random.experimental.index_shuffle(3, seed=[1, 2], max_index=9))
    4
    """
    index, seed, max_index = t(index), t(seed), t(max_index)
    op = "RandomIndexShuffle"
    if index.dtype not in (D.int32, D.int64, D.uint32, D.uint64):
        raise op_error(InvalidArgumentError, op, f"Value for attr 'dtype' of {index.dtype.name} "
                                                 f"is not in the list of allowed values: int32, "
                                                 f"int64, uint32, uint64")
    if max_index.dtype != index.dtype:
        max_index = M.cast(max_index, index.dtype)
    return PR.index_shuffle(index, seed, max_index)


def stateless_shuffle(value, seed, alg="auto_select", name=None):
    """`value` with its first dimension permuted as a pure function of `seed`.

    >>> tf.random.experimental.stateless_shuffle(tf.range(4), seed=[1, 2]).shape
    TensorShape([4])
    """
    v = t(value)
    key, counter = _key_counter(seed, alg, "StatelessShuffle")
    return PR.stateless_shuffle(key, counter, v)


def split(seed, num=2, alg="auto_select"):
    """`num` new stateless seeds derived from `seed`, shape [num, 2].

    >>> tf.random.split([1, 2], 3).shape
    TensorShape([3, 2])
    """
    seed = t(seed)
    return stateless_uniform([num, 2], seed=seed, dtype=seed.dtype, minval=None, maxval=None)


def fold_in(seed, data, alg="auto_select"):
    """A new stateless seed from `seed` and the integer `data`: [hash(seed), data].

    >>> tf.random.fold_in([1, 2], 3).shape
    TensorShape([2])
    """
    data = t(data)
    first = stateless_uniform([], seed=seed, dtype=data.dtype, minval=None, maxval=None)
    return A.stack([first, data])


# ============================================================================================
# Generator: counter-based state in a Variable
# ============================================================================================
class Algorithm(enum.Enum):
    """The bit generator behind a `Generator` or a stateless op. TF's CPU kernels run Philox;
    THREEFRY raises there, as in TF (it is XLA-only)."""
    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3


_STATE_SIZES = {1: 3, 2: 2, 3: 3}


def _unsupported_alg(alg):
    if isinstance(alg, int):
        names = (1, 2, 3)
    elif isinstance(alg, str):
        names = ("philox", "threefry", "auto_select")
    else:
        names = (Algorithm.PHILOX, Algorithm.THREEFRY, Algorithm.AUTO_SELECT)
    return ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are "
                      f"{names[0]} for the Philox algorithm, {names[1]} for the ThreeFry "
                      f"algorithm, and {names[2]} for auto-selection.")


def _alg_int(alg, stateless=False):
    """TF's convert_alg_to_int (None means Philox for a Generator, auto-select for stateless)."""
    if alg is None:
        return Algorithm.AUTO_SELECT.value if stateless else Algorithm.PHILOX.value
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, (int, np.integer)) and not isinstance(alg, bool):
        alg = int(alg)
    elif isinstance(alg, str):
        canon = alg.strip().lower().replace("-", "").replace("_", "")
        named = {"philox": 1, "threefry": 2, "autoselect": 3}
        if canon not in named:
            raise _unsupported_alg(alg)
        return named[canon]
    elif hasattr(alg, "_value"):
        alg = int(alg._value)
    else:
        raise TypeError(f"Can't convert argument `alg` (of value {alg} and type {type(alg)}) "
                        f"to int.")
    if alg not in _STATE_SIZES:
        raise _unsupported_alg(alg)
    return alg


def _signed64(n):
    n &= _MASK64
    return n - (1 << 64) if n >= 1 << 63 else n


def _state_array(seed, size):
    """TF's _make_1d_state: a Python int chopped into 64-bit words; anything else cast to int64,
    cut to `size` and padded with zeros on the left."""
    if isinstance(seed, (int, np.integer)):
        seed = int(seed)
        words = []
        for _ in range(size):
            words.append(seed & _MASK64)
            seed >>= 64
    else:
        words = np.asarray(getattr(seed, "_value", seed)).reshape(-1).tolist()
    words = [_signed64(int(w)) for w in words][:size]
    return np.asarray([0] * (size - len(words)) + words, np.int64)


def create_rng_state(seed, alg):
    """The int64 state vector a Generator seeded with `seed` starts from.

    >>> tf.random.create_rng_state(1234, "philox")
    <tf.Tensor: shape=(3,), dtype=int64, numpy=array([1234,    0,    0])>
    """
    alg = _alg_int(alg)
    return wrap(_state_array(seed, _STATE_SIZES[alg]))


def _threefry_error(op_name):
    return _kernel_error(UnimplementedError, op_name,
                         "Non-XLA devices don't support the ThreeFry algorithm.")


class Generator(Module):
    """A random number generator with explicit state (an int64 Variable), as `tf.random.Generator`.
    It checkpoints its state (a tapeflow Module, so `tf.train.Checkpoint` tracks it). Inside a
    `tf.function` its draws read and advance the state when the function runs.

    >>> g = tf.random.Generator.from_seed(1234)
    >>> g.normal([2, 3]).shape
    TensorShape([2, 3])
    """

    def __init__(self, copy_from=None, state=None, alg=None):
        Module.__init__(self, name="generator")
        if copy_from is not None:
            if state is not None or alg is not None:
                raise ValueError("copy_from excludes state and alg")
            self._alg = copy_from.algorithm
            state = np.array(copy_from.state._value)
        else:
            if state is None or alg is None:
                raise ValueError("Generator needs both `state` and `alg` (or `copy_from`)")
            self._alg = _alg_int(alg)
            if isinstance(state, Variable):  # shared, as TF: draws advance both
                self._check_size(state._value)
                self._state_var = state
                return
            state = np.asarray([_signed64(int(s)) for s in np.asarray(
                getattr(state, "_value", state)).reshape(-1).tolist()], np.int64)
        self._check_size(state)
        self._state_var = Variable(state, trainable=False, name="StateVar", dtype=D.int64)

    def _check_size(self, state):
        size = _STATE_SIZES[self._alg]
        if state.shape != (size,):
            raise ValueError(f"Shapes {tuple(state.shape)} and ({size},) are incompatible")

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def from_seed(cls, seed, alg=None):
        """A generator whose state is made from the integer (or array) `seed`."""
        alg = _alg_int(alg)
        return cls(state=_state_array(seed, _STATE_SIZES[alg]), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        """A generator seeded from the operating system's entropy."""
        alg = _alg_int(alg)
        words = np.random.SeedSequence().generate_state(_STATE_SIZES[alg], np.uint64)
        return cls(state=words.view(np.int64), alg=alg)

    @classmethod
    def from_state(cls, state, alg):
        """A generator starting from an explicit state vector."""
        return cls(state=state, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        """A generator from a key (int) and a counter (list of ints)."""
        counter = [int(c) for c in np.asarray(getattr(counter, "_value", counter)).reshape(-1)]
        return cls(state=counter + [int(getattr(key, "_value", key))], alg=alg)

    def reset(self, state):
        """Sets the state vector."""
        self._state_var.assign(np.asarray([_signed64(int(s)) for s in np.asarray(
            getattr(state, "_value", state)).reshape(-1).tolist()], np.int64))

    def reset_from_seed(self, seed):
        """Resets the state as `from_seed(seed)` would make it."""
        self._state_var.assign(_state_array(seed, _STATE_SIZES[self._alg]))

    def reset_from_key_counter(self, key, counter):
        """Resets the state from a key and a counter."""
        counter = [int(c) for c in np.asarray(getattr(counter, "_value", counter)).reshape(-1)]
        self.reset(counter + [int(getattr(key, "_value", key))])

    # -- state ---------------------------------------------------------------------------------
    @property
    def state(self):
        """The state Variable: [counter words..., key]."""
        return self._state_var

    @property
    def algorithm(self):
        """The algorithm as an int (1 = Philox, 2 = ThreeFry)."""
        return self._alg

    @property
    def key(self):
        """The key part of the state."""
        if building_graph() is not None:
            return self._state_var.read_value()[-1]
        return wrap(np.int64(self._state_var._value[-1]))

    def _handle(self):
        """The state Variable as an op input: itself in a graph (which captures its handle),
        else a Resource (vmap runs the op on it per example)."""
        return self._state_var if building_graph() is not None else PR.Resource(self._state_var)

    def skip(self, delta):
        """Advances the counter as if `delta` elements had been drawn; returns the state before.

        >>> g = tf.random.Generator.from_seed(5)
        >>> g.skip(3).numpy().tolist(), g.state.numpy().tolist()
        ([5, 0, 0], [773, 0, 0])
        """
        if self._alg == Algorithm.THREEFRY.value:
            raise _threefry_error("RngReadAndSkip")
        if not state.interpreters and not _symbolic(delta):
            return wrap(PR._read_and_skip_forward(self._state_var, int(_scalar(delta))))
        return PR.read_and_skip(self._handle(), M.cast(t(delta), D.int64))

    def _draw(self, count):
        """The (key, counter) tensors at the current state; the counter then moves past `count`
        elements (an int, or an int64 graph tensor): TF's RngReadAndSkip, 256 blocks each."""
        if self._alg == Algorithm.THREEFRY.value:
            raise _threefry_error("RngReadAndSkip")
        if not state.interpreters:  # eager: the state is read and advanced now
            old = PR._read_and_skip_forward(self._state_var, count)
            key, counter = PR._state_key_counter_forward(old)
            return wrap(key), wrap(counter)
        delta = count if isinstance(count, Tensor) else wrap(np.asarray(count, np.int64))
        return PR.state_key_counter(PR.read_and_skip(self._handle(), delta))

    # -- sampling ------------------------------------------------------------------------------
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        """Normal samples; differentiable in `mean` and `stddev`.

        >>> tf.random.Generator.from_seed(1).normal([]).numpy().item()
        0.4384227395057678
        """
        dtype = D.as_dtype(dtype)
        mean = convert_to_tensor(mean, dtype=dtype)
        stddev = convert_to_tensor(stddev, dtype=dtype)
        shape, dims = _shape_arg(shape)
        key, counter = self._draw(_count(shape, dims))
        _float_dtype(dtype, "StatelessRandomNormalV2")
        return M.add(PR.stateless_normal(key, counter, shape, dtype._np, dims) * stddev, mean)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=D.float32, name=None):
        """Normal samples within two standard deviations of the mean."""
        dtype = D.as_dtype(dtype)
        mean = convert_to_tensor(mean, dtype=dtype)
        stddev = convert_to_tensor(stddev, dtype=dtype)
        shape, dims = _shape_arg(shape)
        key, counter = self._draw(_count(shape, dims))
        _float_dtype(dtype, "StatelessTruncatedNormalV2")
        return M.add(PR.stateless_truncated_normal(key, counter, shape, dtype._np, dims) * stddev,
                     mean)

    def uniform(self, shape, minval=0, maxval=None, dtype=D.float32, name=None):
        """Uniform samples in [minval, maxval); integer dtypes need both bounds or neither.

        >>> tf.random.Generator.from_seed(1).uniform([2], 0, 10, tf.int64).dtype
        tf.int64
        """
        dtype = D.as_dtype(dtype)
        if dtype.is_integer:
            if (minval is None) != (maxval is None):
                raise ValueError(f"For integer dtype {dtype}, minval and maxval must be both `None` "
                                 f"or both non-`None`; got minval={minval} and maxval={maxval}")
        elif maxval is None:
            maxval = 1
        if dtype.is_integer and minval is None:
            return self.uniform_full_int(shape, dtype)
        minval = convert_to_tensor(minval, dtype=dtype)
        maxval = convert_to_tensor(maxval, dtype=dtype)
        shape, dims = _shape_arg(shape)
        if dtype.is_integer:
            key, counter = self._draw(_count(shape, dims))
            return PR.stateless_uniform_int(key, counter, minval, maxval, shape, dtype._np, dims)
        _float_dtype(dtype, "StatelessRandomUniformV2")
        key, counter = self._draw(_count(shape, dims))
        return _scaled(PR.stateless_uniform(key, counter, shape, dtype._np, dims), minval,
                       maxval, shortcut=False)

    def uniform_full_int(self, shape, dtype=D.uint64, name=None):
        """Integers over the whole range of `dtype`."""
        dtype = D.as_dtype(dtype)
        shape, dims = _shape_arg(shape)
        key, counter = self._draw(_count(shape, dims))
        return PR.stateless_full_int(key, counter, shape, dtype._np, dims)

    def binomial(self, shape, counts, probs, dtype=D.int32, name=None):
        """Binomial(counts, probs) samples, broadcast to `shape` (TF's StatefulRandomBinomial).

        >>> tf.random.Generator.from_seed(1).binomial([3], counts=10., probs=0.5).shape
        TensorShape([3])
        """
        op = "StatefulRandomBinomial"
        dtype = D.as_dtype(dtype)
        shape = _shape(shape)
        counts, probs = t(counts), t(probs)
        if counts.dtype != probs.dtype:
            raise op_error(InvalidArgumentError, op,
                           f"cannot compute StatefulRandomBinomial as input #4(zero-based) was "
                           f"expected to be a {counts.dtype.name} tensor but is a "
                           f"{probs.dtype.name} tensor")
        cs, ps = counts._value.shape, probs._value.shape
        spb, bshape = PR.layout(shape, (cs, ps), op, PR.binomial_message(cs, ps))
        if self._alg != Algorithm.PHILOX.value:
            raise op_error(InvalidArgumentError, op, f"Unsupported algorithm id: {self._alg}")
        nb = math.prod(bshape)
        key, counter = self._draw(nb * 2 * 100 * (spb + 3) // 4)
        return PR.stateless_binomial(key, counter, counts, probs, shape, dtype._np)

    def make_seeds(self, count=1):
        """`count` seeds for stateless ops, shape [2, count] (int64).

        >>> tf.random.Generator.from_seed(1).make_seeds(3).shape
        TensorShape([2, 3])
        """
        keys = self.uniform_full_int([count], D.int64)
        return A.stack([keys, A.zeros_like(keys)])

    def split(self, count=1):
        """`count` new generators with independent keys; this one advances."""
        keys = self.uniform_full_int([count], D.int64)
        if not is_concrete(keys):  # new state Variables from a graph's values: not on later calls
            raise ValueError("tf.function only supports singleton tf.Variables created on the "
                             "first call. Make sure the tf.Variable is only created once or "
                             "created outside tf.function. See https://www.tensorflow.org/guide/"
                             "function#creating_tfvariables for more information.")
        size = _STATE_SIZES[self._alg]
        return [Generator(state=[0] * (size - 1) + [int(k)], alg=self._alg) for k in keys._value]


_global_generator = [None]


def get_global_generator():
    """The process-wide Generator (made from non-deterministic state on first use)."""
    if _global_generator[0] is None:
        _global_generator[0] = Generator.from_non_deterministic_state()
    return _global_generator[0]


def set_global_generator(generator):
    """Replaces the process-wide Generator."""
    _global_generator[0] = generator
