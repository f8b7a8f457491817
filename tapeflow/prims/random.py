"""Random primitives: TF's random kernels as complete records, drawing TF's Philox streams.

Three kinds, as in TF:
  stateless   `StatelessRandom*V2`, `StatelessRandomGammaV3`, ...: pure functions of a Philox
              key and counter (uint64 tensors [1] and [2]) that `StatelessRandomGetKeyCounter`
              makes from a seed tensor, or that a Generator's state holds. Graphs fold and prune
              them like any pure op; under vmap a batched seed gives one stream per example.
  stateful    `RandomUniform`, `RandomStandardNormal`, `Multinomial`, `RandomGamma`, ...: each
              node owns a `Kernel` (its attribute `kernel`): a Philox key and counter that move
              on at every run, as TF's kernel objects do. Eager mode keeps one kernel per op
              type, attributes and seeds (TF's kernel cache); a graph gives every node its own.
  Generator   `RngReadAndSkip` reads a Generator's state Variable and moves its counter on (the
              Variable is its input: a graph captures its handle); the draws are the stateless
              ops on the key and counter it read.

The output shape is the attribute `shape` (a tuple), or, when it is only known at run time,
the last input (an integer vector) with `shape=None` and the attribute `dims` holding what is
known of it (None for unknown dimensions).

    >>> from tapeflow.prims import random as PR
    >>> key, counter = PR.get_key_counter(tf.constant([1, 2]))
    >>> PR.stateless_uniform(key, counter, (2,), np.float32).shape
    TensorShape([2])
"""
import math
import os
import threading

import numpy as np

from ..framework import dtypes as D
from ..framework.errors import InvalidArgumentError, NotFoundError, op_error
from ..framework.op import ANY, apply, defop
from . import _philox as PH
from . import base as P
from . import math as PM
from ._common import FLOAT, aval, broadcast, scalar_like

_MASK32 = 0xFFFFFFFF
_MASK64 = (1 << 64) - 1
RESERVED = 256  # counter blocks TF's stateful kernels reserve per output element
_U64 = np.dtype(np.uint64)
_I64 = np.dtype(np.int64)
SEED_DTYPES = (D.int32, D.int64)


def kernel_error(cls, op_type, message):
    """An error raised inside a TF kernel that eager mode runs wrapped in a function."""
    return op_error(cls, op_type, f"{{{{function_node __wrapped__{op_type}_device_/job:localhost/"
                                  f"replica:0/task:0/device:CPU:0}}}} {message}")


# ============================================================================================
# Stateful kernels: a Philox position that moves on at every run
# ============================================================================================
_epoch = [0]  # bumped by tf.random.set_seed, which resets every kernel (TF clears its caches)


def reset_kernels():
    """Every kernel restarts from its seeds at its next draw (tf.random.set_seed's effect on the
    kernels of traced functions)."""
    _epoch[0] += 1


class Kernel:
    """A stateful random kernel's generator: PhiloxRandom(seed, seed2), advanced per run. Seeds
    (0, 0) mean a random stream (drawn from the OS when the kernel is made or reset), as TF's.

    >>> k = Kernel(1, 2)
    >>> k.reserve(256), k.counter
    (((1, 0), (0, 0, 2, 0)), (256, 0, 2, 0))
    """

    __slots__ = ("_epoch", "_lock", "_seeds", "counter", "key")

    def __init__(self, seed, seed2):
        self._seeds = (int(seed), int(seed2))
        self._lock = threading.Lock()
        self._start()

    def _start(self):
        s, s2 = self._seeds
        if s == 0 and s2 == 0:
            s, s2 = (int.from_bytes(os.urandom(8), "little") for _ in range(2))
        s, s2 = s & _MASK64, s2 & _MASK64
        self.key = (s & _MASK32, s >> 32)
        self.counter = (0, 0, s2 & _MASK32, s2 >> 32)
        self._epoch = _epoch[0]

    def reserve(self, blocks):
        """The (key, counter) to draw from now; the kernel then moves `blocks` blocks on."""
        with self._lock:
            if self._epoch != _epoch[0]:
                self._start()
            kc = (self.key, self.counter)
            if blocks:
                self.counter = PH.counter_add(self.counter, blocks)
            return kc

    def instantiate(self):
        """A kernel with the same seeds at its start (a graph node's kernel in one execution
        plan: each plan of a function is an instantiation with its own kernels, as in TF)."""
        return Kernel(*self._seeds)

    def position(self):
        """The (key, counter) the next draw starts from (nothing is reserved)."""
        with self._lock:
            if self._epoch != _epoch[0]:
                self._start()
            return self.key, self.counter

    def __repr__(self):
        return f"<Kernel seeds={self._seeds}>"


# ============================================================================================
# Shapes: a static attribute, or a runtime shape input (the last) described by `dims`
# ============================================================================================
def _runtime(args, shape):
    """(output shape, the other inputs) of a forward: the static shape, or the last input's."""
    if shape is not None:
        return shape, args
    dims = np.asarray(args[-1]).reshape(-1)
    if np.any(dims < 0):
        raise op_error(InvalidArgumentError, "RandomShape",
                       f"Shape {list(dims.tolist())} has negative dimensions")
    return tuple(int(d) for d in dims), args[:-1]


def _known(avals, shape, dims):
    """(what the shape rule knows of the output shape, the other input avals)."""
    if shape is not None:
        return tuple(shape), avals
    return tuple(dims), avals[:-1]


def _shape_inputs(shape, dims):
    """The attributes and extra inputs for a static shape (a tuple) or a runtime one (a tensor)."""
    if isinstance(shape, tuple):
        return {"shape": shape}, ()
    return {"shape": None, "dims": tuple(dims)}, (shape,)


def _front(x, d, size):
    """x with a leading batch axis (moved there, or broadcast when x is unbatched)."""
    return P.move_to_front(x, d) if d is not None else P.broadcast_batch(x, size)


def _no_shape_batch(dims, attrs):
    """A runtime shape input (the last) cannot differ between the examples of a batch."""
    if attrs.get("shape", ()) is None and dims[-1] is not None:
        raise ValueError("vmap: a random op's shape must be the same for every example")


# ============================================================================================
# Streams of the stateless ops: a key [1] and counter [2] (uint64), or, under vmap, keys
# [*batch, 1] and counters [*batch, 2]: one stream per example
# ============================================================================================
def _words(key, counter):
    """Philox key and counter words from TF's key [1] and counter [2] uint64 arrays."""
    k = int(np.asarray(key).reshape(-1)[0])
    c = np.asarray(counter).reshape(-1)
    c0, c1 = int(c[0]), int(c[1])
    return (k & _MASK32, k >> 32), (c0 & _MASK32, c0 >> 32, c1 & _MASK32, c1 >> 32)


def _source(key, counter):
    """(key, counter, batch shape): one stream's words and (), or `Streams` (counter None) and
    the batch shape for batched keys."""
    if key.ndim == 1:
        k, c = _words(key, counter)
        return k, c, ()
    batch = key.shape[:-1]
    return PH.Streams.from_tensors(key.reshape(-1, 1), counter.reshape(-1, 2)), None, batch


def _flat_batch(x, batch):
    """x [*batch, ...] as [prod(batch), ...] (as it is when there is no batch)."""
    return x.reshape((math.prod(batch),) + x.shape[len(batch):]) if batch else x


def _keyed_batch(n_params):
    """The vmap rule of a stateless op on (key, counter, *params[, shape]): the key, counter and
    parameters given the batch axis in front (unbatched ones broadcast), then the op itself on
    them, which draws one stream per example."""
    def rule(op, args, dims, attrs):
        _no_shape_batch(dims, attrs)
        size = P.batch_size(args, dims)
        k = 2 + n_params
        ins = [_front(x, d, size) for x, d in zip(args[:k], dims[:k])] + list(args[k:])
        out = apply(op, ins, attrs)
        return out, (tuple(0 for _ in out) if op.multi else 0)
    return rule


def _keyed_shape(n_params, out_shape):
    """A shape rule for ops on (key, counter, *params[, shape]): the key's batch axes, then
    `out_shape(params, shape, attrs)`."""
    def rule(key, counter, *rest, **attrs):
        shape, params = _known(rest, attrs.get("shape"), attrs.get("dims"))
        return out_shape(key.shape[:-1], params, shape, attrs)
    return rule


# ============================================================================================
# StatelessRandomGetKeyCounter: a seed [2] scrambled into a Philox key and counter
# ============================================================================================
_SCRAMBLE_KEY = (0x3EC8F720, 0x02461E29)


def _key_counter_rows(seeds):
    """Keys [n] and counters [n, 2] (uint64) for seed rows [n, 2] (int32 or int64)."""
    s = np.asarray(seeds).astype(np.int64).view(np.uint64).reshape(-1, 2)
    if len(s) == 1:
        (k0, k1), c = PH.key_counter_from_seed(int(s[0, 0]), int(s[0, 1]))
        return (np.array([k0 | (k1 << 32)], np.uint64),
                np.array([[0, c[2] | (c[3] << 32)]], np.uint64))
    mix = PH._rounds(_SCRAMBLE_KEY, s[:, 0].copy(), s[:, 1].copy()).astype(np.uint64)
    keys = mix[:, 0] | (mix[:, 1] << PH._SHIFT32)
    counters = np.zeros((len(s), 2), np.uint64)
    counters[:, 1] = mix[:, 2] | (mix[:, 3] << PH._SHIFT32)
    return keys, counters


def _get_key_counter_forward(seed, batch_dims=0):
    """Key [*batch, 1] and counter [*batch, 2] for seeds [*batch, 2] (batch_dims axes)."""
    batch = seed.shape[:batch_dims]
    if seed.shape[batch_dims:] != (2,):
        raise kernel_error(InvalidArgumentError, "StatelessRandomGetKeyCounter",
                           f"seed must have shape [2], not {list(seed.shape[batch_dims:])}")
    keys, counters = _key_counter_rows(seed)
    return keys.reshape(batch + (1,)), counters.reshape(batch + (2,))


def _get_key_counter_batch(op, args, dims, attrs):
    seed = P.move_to_front(args[0], dims[0])
    out = apply(op, (seed,), {"batch_dims": attrs.get("batch_dims", 0) + 1})
    return out, (0, 0)


def _get_key_counter_shape(seed, batch_dims=0):
    batch = tuple(seed.shape[:batch_dims])
    return aval(batch + (1,), _U64), aval(batch + (2,), _U64)


GET_KEY_COUNTER = defop(
    "StatelessRandomGetKeyCounter", _get_key_counter_forward, num_outputs=2, nondiff=True,
    allowed=SEED_DTYPES, shape=_get_key_counter_shape, batch=_get_key_counter_batch)


def get_key_counter(seed):
    """(key [1], counter [2]) uint64 tensors for a seed tensor [2] (int32 or int64)."""
    return apply(GET_KEY_COUNTER, (seed,))


# ============================================================================================
# Stateless draws at a key and counter
# ============================================================================================
def _v2_op(name, sample):
    """A stateless V2 op: `sample(key, counter, n, dtype)` (one stream as key/counter words, or
    `Streams` with counter None) gives n values per stream."""
    def forward(key, counter, *rest, shape, dtype, dims=None):
        shape, _ = _runtime(rest, shape)
        k, c, batch = _source(key, counter)
        return sample(k, c, math.prod(shape), dtype).reshape(batch + shape)

    return defop(name, forward, nondiff=True, allowed=(D.uint64,), batch=_keyed_batch(0),
                 shape=_keyed_shape(0, lambda b, p, s, a: aval(b + s, a["dtype"])))


STATELESS_UNIFORM = _v2_op("StatelessRandomUniformV2", PH.uniform)
STATELESS_NORMAL = _v2_op("StatelessRandomNormalV2", PH.normal)
STATELESS_TRUNCATED_NORMAL = _v2_op("StatelessTruncatedNormalV2", PH.truncated_normal)
STATELESS_FULL_INT = _v2_op("StatelessRandomUniformFullIntV2", PH.full_int)


def _v2_binder(op):
    def bind(key, counter, shape, dtype, dims=None):
        attrs, extra = _shape_inputs(shape, dims)
        attrs["dtype"] = np.dtype(dtype)
        return apply(op, (key, counter) + extra, attrs)
    bind.__doc__ = (f"{op.name} at (key, counter): `shape` a tuple, or an integer vector tensor "
                    f"(then `dims` says what is known of it); `dtype` a NumPy dtype.")
    return bind


stateless_uniform = _v2_binder(STATELESS_UNIFORM)
stateless_normal = _v2_binder(STATELESS_NORMAL)
stateless_truncated_normal = _v2_binder(STATELESS_TRUNCATED_NORMAL)
stateless_full_int = _v2_binder(STATELESS_FULL_INT)


# -- integers in [minval, maxval) -------------------------------------------------------------
def check_int_bounds(n, lo, hi, op_name):
    """TF's checks of an integer draw's bounds (scalars, minval < maxval unless empty)."""
    if np.size(lo) != 1 or np.ndim(lo) != 0:
        raise op_error(InvalidArgumentError, op_name,
                       f"minval must be 0-D, got shape {list(np.shape(lo))}")
    if np.size(hi) != 1 or np.ndim(hi) != 0:
        raise op_error(InvalidArgumentError, op_name,
                       f"maxval must be 0-D, got shape {list(np.shape(hi))}")
    lo, hi = int(np.asarray(lo)), int(np.asarray(hi))
    if lo >= hi and n:
        raise kernel_error(InvalidArgumentError, op_name,
                           f"Need minval < maxval, got {lo} >= {hi}")
    return lo, hi


def _batched_bounds(lo, hi, batch, n, op_name):
    """Per-example bounds [B] (each checked as the kernel checks one) for bounds [*batch]."""
    lo, hi = np.asarray(lo), np.asarray(hi)
    for name, v in (("minval", lo), ("maxval", hi)):
        if v.shape != batch:
            raise op_error(InvalidArgumentError, op_name,
                           f"{name} must be 0-D, got shape {list(v.shape[len(batch):])}")
    lo, hi = lo.reshape(-1).astype(np.int64), hi.reshape(-1).astype(np.int64)
    bad = np.nonzero(lo >= hi)[0]
    if n and len(bad):
        check_int_bounds(n, lo[bad[0]], hi[bad[0]], op_name)
    return lo, hi


def _uniform_int_forward(key, counter, lo, hi, *rest, shape, dtype, dims=None):
    op = "StatelessRandomUniformIntV2"
    shape, _ = _runtime(rest, shape)
    n = math.prod(shape)
    k, c, batch = _source(key, counter)
    if not batch:
        lo, hi = check_int_bounds(n, lo, hi, op)
    else:
        lo, hi = _batched_bounds(lo, hi, batch, n, op)
    return PH.uniform_int(k, c, n, lo, hi, dtype).reshape(batch + shape)


STATELESS_UNIFORM_INT = defop(
    "StatelessRandomUniformIntV2", _uniform_int_forward, nondiff=True, allowed=(D.uint64,),
    shape=_keyed_shape(2, lambda b, p, s, a: aval(b + s, a["dtype"])), batch=_keyed_batch(2))


def stateless_uniform_int(key, counter, minval, maxval, shape, dtype, dims=None):
    attrs, extra = _shape_inputs(shape, dims)
    attrs["dtype"] = np.dtype(dtype)
    return apply(STATELESS_UNIFORM_INT, (key, counter, minval, maxval) + extra, attrs)


# ============================================================================================
# Categorical draws (TF's Multinomial kernel), stateless and stateful
# ============================================================================================
def check_logits(logits, num_samples, op_name, batch_dims=0):
    """TF's checks of a categorical draw's logits (a float matrix) and sample count."""
    if logits.dtype.kind != "f":
        raise NotFoundError(None, None, f"Could not find device for node: {{{{node {op_name}}}}} = "
                                        f"{op_name}[T=DT_{D.from_numpy(logits.dtype).name.upper()}]")
    shape = logits.shape[batch_dims:]
    if len(shape) != 2:
        raise op_error(InvalidArgumentError, op_name,
                       f"logits should be a matrix, got shape {list(shape)}")
    if num_samples < 0:
        raise op_error(InvalidArgumentError, op_name,
                       f"num_samples should be non-negative, got {num_samples}")
    batch, k = shape
    if k == 0 and batch:
        raise op_error(InvalidArgumentError, op_name, "num_classes should be positive, got 0")


def multinomial_blocks(batch, num_samples):
    """The counter blocks a Multinomial kernel reserves for a draw."""
    return batch * ((num_samples + 3) // 4 * 4) * 2 * RESERVED


def _multinomial_values(k, c, logits, num_samples, dtype, batch):
    rows = logits.shape[len(batch)]
    if rows == 0 or num_samples == 0 or 0 in batch:
        return np.zeros(logits.shape[:len(batch) + 1] + (num_samples,), dtype)
    out = PH.multinomial(k, c, _flat_batch(logits, batch), num_samples).astype(dtype)
    return out.reshape(batch + out.shape[-2:])


def _stateless_multinomial_forward(key, counter, logits, num_samples, dtype):
    k, c, batch = _source(key, counter)
    check_logits(logits, num_samples, "StatelessMultinomial", len(batch))
    return _multinomial_values(k, c, logits, num_samples, dtype, batch)


def _multinomial_out(batch, logits_shape, num_samples, dtype):
    rows = logits_shape[len(batch)] if len(logits_shape) > len(batch) else None
    return aval(tuple(batch) + (rows, num_samples), dtype)


STATELESS_MULTINOMIAL = defop(
    "StatelessMultinomial", _stateless_multinomial_forward, nondiff=True, allowed=(D.uint64,),
    shape=lambda key, counter, logits, num_samples, dtype: _multinomial_out(
        key.shape[:-1], logits.shape, num_samples, dtype),
    batch=_keyed_batch(1))


def stateless_multinomial(key, counter, logits, num_samples, dtype):
    return apply(STATELESS_MULTINOMIAL, (key, counter, logits),
                 {"num_samples": int(num_samples), "dtype": np.dtype(dtype)})


# ============================================================================================
# Shuffles: TF's swap sequence over the first axis
# ============================================================================================
def _shuffled(k, c, value, batch):
    """value [*batch, n, ...] with axis len(batch) permuted (one permutation per stream)."""
    nb = len(batch)
    if value.ndim == nb or value.size <= 1 or value.shape[nb] <= 1 or 0 in batch:
        return value
    n = value.shape[nb]
    if not nb:
        return value[PH.shuffle_permutation(k, c, n)]
    flat = _flat_batch(value, batch)
    perm = PH.shuffle_permutation(k, c, n)
    return flat[np.arange(len(flat))[:, None], perm].reshape(value.shape)


def _stateless_shuffle_forward(key, counter, value):
    k, c, batch = _source(key, counter)
    return _shuffled(k, c, value, batch)


STATELESS_SHUFFLE = defop(
    "StatelessShuffle", _stateless_shuffle_forward, nondiff=True, allowed=(D.uint64,),
    shape=lambda key, counter, value: aval(value.shape, value.dtype), batch=_keyed_batch(1))


def stateless_shuffle(key, counter, value):
    return apply(STATELESS_SHUFFLE, (key, counter, value))


# ============================================================================================
# Binomial, Poisson: samples for each batch member, `shape` ending with the parameters' shape
# ============================================================================================
def layout(shape, param_shapes, op_name, message):
    """(samples per batch member, the parameters' broadcast shape) for a draw of `shape`."""
    try:
        bshape = np.broadcast_shapes(*param_shapes)
    except ValueError:
        raise op_error(InvalidArgumentError, op_name, message) from None
    if len(bshape) > len(shape) or tuple(shape[len(shape) - len(bshape):]) != tuple(bshape):
        raise kernel_error(InvalidArgumentError, op_name,
                           "Shape passed in must end with broadcasted shape.")
    return math.prod(shape[:len(shape) - len(bshape)]), tuple(bshape)


def binomial_message(cs, ps):
    return (f"counts and probs must have compatible batch dimensions: {list(cs)} vs. "
            f"{list(ps)}")


def _per_example(params, batch):
    """Parameters [*batch, ...] as [B, *p] arrays broadcast together (p their broadcast shape)."""
    nb = len(batch)
    pshape = np.broadcast_shapes(*(p.shape[nb:] for p in params))
    b = math.prod(batch)
    return [np.broadcast_to(p.reshape(batch + (1,) * (len(pshape) - (p.ndim - nb)) +
                                      p.shape[nb:]), batch + pshape).reshape((b,) + pshape)
            for p in params], pshape


def _binomial_forward(key, counter, counts, probs, *rest, shape, dtype, dims=None):
    op_name = "StatelessRandomBinomial"
    shape, _ = _runtime(rest, shape)
    k, c, batch = _source(key, counter)
    nb = len(batch)
    cs, ps = counts.shape[nb:], probs.shape[nb:]
    spb, bshape = layout(shape, (cs, ps), op_name, binomial_message(cs, ps))
    if math.prod(shape) == 0 or 0 in batch:
        return np.zeros(batch + shape, dtype)
    if nb:
        (cnt, prb), _ = _per_example((counts, probs), batch)
    else:
        cnt, prb = np.broadcast_to(counts, bshape), np.broadcast_to(probs, bshape)
    vals = PH.binomial(k, c, cnt, prb, spb, probs.dtype)
    with np.errstate(invalid="ignore"):
        return vals.astype(dtype).reshape(batch + shape)


STATELESS_BINOMIAL = defop(
    "StatelessRandomBinomial", _binomial_forward, nondiff=True, allowed=(D.uint64,),
    shape=_keyed_shape(2, lambda b, p, s, a: aval(b + s, a["dtype"])), batch=_keyed_batch(2))


def stateless_binomial(key, counter, counts, probs, shape, dtype, dims=None):
    attrs, extra = _shape_inputs(shape, dims)
    attrs["dtype"] = np.dtype(dtype)
    return apply(STATELESS_BINOMIAL, (key, counter, counts, probs) + extra, attrs)


def _poisson_values(k, c, lead, rate, dtype, batch):
    """Poisson(rate) samples [*batch, *lead, *rate's own shape] (TF's CPU kernel computes in
    double for every rate dtype)."""
    n = math.prod(lead)
    own = rate.shape[len(batch):]
    if n == 0 or rate.size == 0:
        return np.zeros(batch + tuple(lead) + own, dtype)
    vals = PH.poisson(k, c, _flat_batch(rate, batch), n, np.float64)
    return vals.astype(dtype).reshape(batch + tuple(lead) + own)


def _stateless_poisson_forward(key, counter, lam, *rest, shape, dtype, dims=None):
    shape, _ = _runtime(rest, shape)
    k, c, batch = _source(key, counter)
    own = lam.shape[len(batch):]
    layout(shape, (own,), "StatelessRandomPoisson", "")
    if math.prod(shape) == 0:
        return np.zeros(batch + shape, dtype)
    return _poisson_values(k, c, shape[:len(shape) - len(own)], lam, dtype, batch)


STATELESS_POISSON = defop(
    "StatelessRandomPoisson", _stateless_poisson_forward, nondiff=True, allowed=(D.uint64,),
    shape=_keyed_shape(1, lambda b, p, s, a: aval(b + s, a["dtype"])), batch=_keyed_batch(1))


def stateless_poisson(key, counter, lam, shape, dtype, dims=None):
    attrs, extra = _shape_inputs(shape, dims)
    attrs["dtype"] = np.dtype(dtype)
    return apply(STATELESS_POISSON, (key, counter, lam) + extra, attrs)


# ============================================================================================
# Gamma: differentiable in alpha by implicit reparameterization
# ============================================================================================
def _gamma_dsample_dalpha(alpha, sample):
    """d sample / d alpha holding the CDF P(alpha, sample) fixed: -(dP/dalpha) / (dP/dx) (TF's
    RandomGammaGrad; implicit reparameterization, Figurnov et al. 2018)."""
    from scipy.special import gammaln
    a, x = np.broadcast_arrays(np.asarray(alpha, np.float64), np.asarray(sample, np.float64))
    log_density = (a - 1) * np.log(x) - x - gammaln(a)
    return (-_igamma_da(a, x) * np.exp(-log_density)).astype(np.result_type(alpha, sample))


def _igamma_da(a, x):
    """dP(a, x)/da for the regularized lower incomplete gamma P, summed from the series
    P = sum_n exp((a + n) log x - x - lgamma(a + n + 1)) (float64, vectorized)."""
    from scipy.special import gammaln, psi
    out = np.zeros(a.shape)
    ok = (x > 0) & (a > 0)
    if not np.any(ok):
        return out
    av, xv = a[ok], x[ok]
    n = np.arange(int(np.max(xv + 12 * np.sqrt(xv) + 40)), dtype=np.float64)[:, None]
    k = av[None, :] + n + 1
    term = np.exp((av + n) * np.log(xv) - xv - gammaln(k))
    out[ok] = np.sum(term * (np.log(xv) - psi(k)), axis=0)
    return out


def _no_gradient(op, *grads):
    """TF registers no gradient for this op: differentiating it raises, as in TF."""
    raise LookupError(f"No gradient defined for operation '{op.op.name}' (op type: "
                      f"{op.op.name})")


def _no_jvp(op, *tangents):
    raise LookupError(f"No JVP rule is defined for op '{op.op.name}' (TF registers no gradient "
                      f"for it)")


# The partial of a gamma sample in alpha; TF registers no gradient for it (a gamma sample has no
# second derivative in alpha), so differentiating it raises LookupError.
RANDOM_GAMMA_GRAD = defop("RandomGammaGrad", _gamma_dsample_dalpha, _no_gradient, _no_jvp,
                          allowed=(D.float16, D.float32, D.float64), shape=broadcast,
                          batch=P.elementwise)


def _gamma_partial(sample, alpha, nb):
    """d sample / d alpha, shaped like the sample [*batch, *lead, *alpha's own shape]: alpha
    [*batch, ...] gets unit axes for the sample axes after its nb batch axes."""
    lead = sample._value.ndim - alpha._value.ndim
    if nb and lead:
        shape = alpha._value.shape
        alpha = P.reshape(alpha, shape[:nb] + (1,) * lead + shape[nb:])
    return apply(RANDOM_GAMMA_GRAD, (alpha, sample)), tuple(range(nb, nb + lead))


def _gamma_values(k, c, lead, alpha, batch):
    """Gamma(alpha) samples [*batch, *lead, *alpha's own shape] (TF's CPU kernel computes in
    double for every dtype and rounds the samples at the end)."""
    n = math.prod(lead)
    own = alpha.shape[len(batch):]
    if n == 0 or alpha.size == 0:
        return np.zeros(batch + tuple(lead) + own, alpha.dtype)
    vals = PH.gamma(k, c, _flat_batch(alpha, batch).astype(np.float64), n)
    return vals.astype(alpha.dtype).reshape(batch + tuple(lead) + own)


def _stateless_gamma_forward(key, counter, alpha, *rest, shape, dims=None):
    shape, _ = _runtime(rest, shape)
    k, c, batch = _source(key, counter)
    own = alpha.shape[len(batch):]
    layout(shape, (own,), "StatelessRandomGammaV3", "")
    return _gamma_values(k, c, shape[:len(shape) - len(own)], alpha, batch)


def _stateless_gamma_grad(op, g):
    alpha = op.inputs[2]
    partial, axes = _gamma_partial(op.outputs[0], alpha, op.inputs[0]._value.ndim - 1)
    return (None, None, P.reduce_sum(PM.mul(g, partial), axes)) + (None,) * (len(op.inputs) - 3)


def _stateless_gamma_jvp(op, dkey, dcounter, dalpha, *rest):
    if dalpha is None:
        return None
    nb = op.inputs[0]._value.ndim - 1
    partial, axes = _gamma_partial(op.outputs[0], op.inputs[2], nb)
    if nb and axes:
        shape = dalpha._value.shape
        dalpha = P.reshape(dalpha, shape[:nb] + (1,) * len(axes) + shape[nb:])
    return PM.mul(partial, dalpha)


STATELESS_GAMMA = defop(
    "StatelessRandomGammaV3", _stateless_gamma_forward, _stateless_gamma_grad,
    _stateless_gamma_jvp, allowed=(D.uint64,), batch=_keyed_batch(1),
    shape=_keyed_shape(1, lambda b, p, s, a: aval(b + s, p[0].dtype)))


def stateless_gamma(key, counter, alpha, shape, dims=None):
    """Gamma(alpha) samples of `shape` (which ends with alpha's shape), differentiable in alpha."""
    attrs, extra = _shape_inputs(shape, dims)
    return apply(STATELESS_GAMMA, (key, counter, alpha) + extra, attrs)


# ============================================================================================
# Parameterized truncated normal (stateless), differentiable in its four parameters
# ============================================================================================
def _ndtr_forward(x):
    from scipy.special import ndtr
    return ndtr(x).astype(x.dtype)[()]


_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

# The standard normal CDF (TF's gradient of the truncated normal builds it from erf and erfc).
NDTR = PM.elementwise_op(
    "Ndtr", _ndtr_forward,
    lambda x, y: PM.mul(PM.exp(PM.mul(PM.square(x), scalar_like(x, -0.5))),
                        scalar_like(x, _INV_SQRT_2PI)), allowed=FLOAT)


def ndtr(x):
    return apply(NDTR, (x,))


def _ptn_forward(key, counter, means, stddevs, minvals, maxvals, *rest, shape, dims=None):
    op = "StatelessParameterizedTruncatedNormal"
    shape, _ = _runtime(rest, shape)
    params = (means, stddevs, minvals, maxvals)
    try:
        bshape = np.broadcast_shapes(*(p.shape for p in params))
    except ValueError:
        raise kernel_error(InvalidArgumentError, op,
                           "means, stddevs, minvals, maxvals must have compatible batch "
                           "dimensions: " + " vs. ".join(str(list(p.shape)) for p in params)
                           ) from None
    if len(bshape) > len(shape) or tuple(shape[len(shape) - len(bshape):]) != tuple(bshape):
        raise kernel_error(InvalidArgumentError, op,
                           "Shape passed in must end with broadcasted shape.")
    n = math.prod(shape)
    if n == 0:
        return np.zeros(shape, means.dtype)
    spb = math.prod(shape[:len(shape) - len(bshape)])
    flat = [np.broadcast_to(p, bshape).reshape(-1) for p in params]
    k, c = _words(key, counter)
    try:
        out = PH.parameterized_truncated_normal(k, c, *flat, spb, means.dtype)
    except ValueError as e:
        raise kernel_error(InvalidArgumentError, op, str(e)) from None
    return out.reshape(shape)


def _ptn_partials(op):
    """d sample / d (mean, stddev, minval, maxval), shaped like the sample: the implicit
    reparameterization TF's gradient uses (Figurnov et al. 2018)."""
    mean, std, lo, hi = op.inputs[2:6]
    sample = op.outputs[0]
    lo_std = PM.div(PM.sub(lo, mean), std)
    hi_std = PM.div(PM.sub(hi, mean), std)
    s_std = PM.div(PM.sub(sample, mean), std)
    lo_cdf = ndtr(lo_std)
    cdf = PM.div(PM.sub(ndtr(s_std), lo_cdf), PM.sub(ndtr(hi_std), lo_cdf))
    info = np.finfo(mean._value.dtype)
    cdf = PM.maximum(PM.minimum(cdf, scalar_like(cdf, 1 - info.eps)), scalar_like(cdf, info.tiny))
    half = scalar_like(cdf, 0.5)
    s2 = PM.square(s_std)
    dhi = PM.exp(PM.add(PM.mul(half, PM.sub(s2, PM.square(hi_std))), PM.log(cdf)))
    dlo = PM.exp(PM.add(PM.mul(half, PM.sub(s2, PM.square(lo_std))), PM.log1p(PM.neg(cdf))))
    dmean = PM.add(P.zeros_like(s_std), scalar_like(s_std, 1.0))
    return dmean, s_std, dlo, dhi


def _ptn_grad(op, g):
    parts = _ptn_partials(op)
    return (None, None) + tuple(PM.mul(g, d) for d in parts) + (None,) * (len(op.inputs) - 6)


def _ptn_jvp(op, dkey, dcounter, *tangents):
    parts = _ptn_partials(op)
    out = None
    for d, t in zip(parts, tangents[:4]):
        if t is None:
            continue
        term = PM.mul(d, t)
        out = term if out is None else PM.add(out, term)
    return out


PARAMETERIZED_TRUNCATED_NORMAL = defop(
    "StatelessParameterizedTruncatedNormal", _ptn_forward, _ptn_grad, _ptn_jvp,
    allowed=(D.uint64,),
    shape=lambda key, counter, means, *rest, shape, dims=None: aval(
        _known(rest[3:], shape, dims)[0], means.dtype),
    # each output block's draws depend on how many proposals the blocks before it rejected: a
    # sequential consumption of the stream, so examples are drawn one after another
    batch=P.loop)


def stateless_parameterized_truncated_normal(key, counter, means, stddevs, minvals, maxvals,
                                             shape, dims=None):
    attrs, extra = _shape_inputs(shape, dims)
    return apply(PARAMETERIZED_TRUNCATED_NORMAL,
                 (key, counter, means, stddevs, minvals, maxvals) + extra, attrs)


# ============================================================================================
# RandomIndexShuffle: a Simon-cipher permutation of [0, max_index] keyed by a seed [3]
# ============================================================================================
_INDEX_SEED_PAD = 498247692  # TF pads the seed's first axis with this constant


def _index_shuffle_forward(index, seed, max_index, rounds):
    op = "RandomIndexShuffle"
    sv = np.asarray(seed)
    if sv.ndim == 0:
        raise op_error(InvalidArgumentError, "Pad", "The first dimension of paddings must be the "
                                                    "rank of inputs[1,2] []")
    sv = np.concatenate([np.full((1,) + sv.shape[1:], _INDEX_SEED_PAD, sv.dtype), sv], axis=0)
    iv, mv = np.asarray(index), np.asarray(max_index)
    n = max(iv.size, mv.size, sv.size // 3)
    if sv.shape[-1] != 3 or (sv.ndim == 2 and sv.shape[0] != n) or sv.ndim > 2:
        raise kernel_error(InvalidArgumentError, op,
                           f"Seed must be a vector of size [3] or a matrix of size [{n}, 3] but "
                           f"got [{','.join(map(str, sv.shape))}].")
    keys = (sv.astype(np.int64) & _MASK32).reshape(-1, 3)
    out = _index_shuffle_values(iv, keys, mv, n, rounds).astype(index.dtype)
    all_scalar = iv.ndim == 0 and sv.ndim == 1 and mv.ndim == 0
    return out.reshape(()) if all_scalar else out


def _index_shuffle_values(iv, keys, mv, n, rounds):
    iv64 = np.broadcast_to(iv.astype(np.int64).reshape(-1), (n,)).astype(np.uint64)
    mv64 = np.broadcast_to(mv.astype(np.int64).reshape(-1), (n,)).astype(np.uint64)
    if len(keys) == 1:
        return PH.index_shuffle(iv64, keys[0], mv64, rounds)
    # one key per index: the indices sharing a key are permuted together
    out = np.empty(n, np.uint64)
    uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for j in range(len(uniq)):
        sel = np.nonzero(inverse == j)[0]
        out[sel] = PH.index_shuffle(iv64[sel], uniq[j], mv64[sel], rounds)
    return out


def _index_shuffle_shape(index, seed, max_index, rounds):
    if not index.shape and not max_index.shape and len(seed.shape) == 1:
        return aval((), index.dtype)
    n = index.shape[0] if index.shape else (max_index.shape[0] if max_index.shape else (
        seed.shape[0] + 1 if len(seed.shape) == 2 and seed.shape[0] is not None else None))
    return aval((n,), index.dtype)


def _index_shuffle_batch(op, args, dims, attrs):
    """Batched indices (or bounds) under one vector seed: one call on every example's indices
    (flattened; the op maps indices elementwise). Batched or matrix seeds tie seeds to index
    positions: one call per example."""
    if dims[1] is not None or args[1]._value.ndim != 1:
        return P.loop(op, args, dims, attrs)
    size = P.batch_size(args, dims)
    index, mx = (_front(x, d, size) for x, d in zip(args[::2], dims[::2]))
    per = max(math.prod(index._value.shape[1:]), math.prod(mx._value.shape[1:]))
    flat = [P.reshape(P.broadcast_to(P.reshape(x, (size, -1)), (size, per)), (size * per,))
            for x in (index, mx)]
    out = apply(op, (flat[0], args[1], flat[1]), attrs)
    one = index._value.ndim == 1 and mx._value.ndim == 1
    return P.reshape(out, (size,) if one else (size, per)), 0


INDEX_SHUFFLE = defop("RandomIndexShuffle", _index_shuffle_forward, nondiff=True,
                      allowed=(D.int32, D.int64, D.uint32, D.uint64),
                      shape=_index_shuffle_shape, batch=_index_shuffle_batch)


def index_shuffle(index, seed, max_index, rounds=4):
    return apply(INDEX_SHUFFLE, (index, seed, max_index), {"rounds": int(rounds)})


# ============================================================================================
# Generator state: RngReadAndSkip and the key and counter a state holds
# ============================================================================================
def advanced_state(state, blocks):
    """A Philox generator state [counter_lo, counter_hi, key] (int64) with the 128-bit counter
    moved `blocks` on."""
    c0, c1 = int(state[0]) & _MASK64, int(state[1]) & _MASK64
    counter = ((c0 | (c1 << 64)) + int(blocks)) % (1 << 128)
    return np.array([counter & _MASK64, counter >> 64, int(state[2]) & _MASK64],
                    np.uint64).view(np.int64)


def _read_and_skip_forward(var, delta, batch_dims=0):
    """The state before; the Variable's counter then moves on as if `delta` elements had been
    drawn (256 blocks each). With batch_dims, `delta` [*batch] holds one skip per example, taken
    one after another: the states before each, [*batch, 3]."""
    state = np.array(var._value)
    if not batch_dims:
        var._value = advanced_state(state, int(delta) * RESERVED)
        return state
    olds = []
    for d in np.asarray(delta).reshape(-1).tolist():  # 128-bit counters: Python integers
        olds.append(state)
        state = advanced_state(state, int(d) * RESERVED)
    var._value = state
    return np.stack(olds).reshape(np.shape(delta) + state.shape) if olds else \
        np.zeros(np.shape(delta) + state.shape, np.int64)


def _read_and_skip_shape(resource, delta, batch_dims=0):
    return aval(tuple(delta.shape[:batch_dims]) + tuple(resource.shape), _I64)


def _read_and_skip_batch(op, args, dims, attrs):
    """Batched skips: the examples read the state one after another."""
    delta = P.move_to_front(args[1], dims[1])
    out = apply(op, (args[0], delta), {"batch_dims": attrs.get("batch_dims", 0) + 1})
    return out, 0


RNG_READ_AND_SKIP = defop("RngReadAndSkip", _read_and_skip_forward, nondiff=True, stateful=True,
                          allowed=ANY, shape=_read_and_skip_shape, batch=_read_and_skip_batch)


class Resource:
    """A Variable passed where an op's input is a resource handle, outside graphs (vmap runs the
    op on it per example): its `_value` is the Variable itself, as a graph's handle slot holds."""

    __slots__ = ("_value",)

    def __init__(self, var):
        self._value = var


def read_and_skip(var, delta):
    """The state before (an int64 tensor); the generator's counter moves on as if `delta`
    elements had been drawn. `var` is the state Variable (in a graph) or a Resource."""
    return apply(RNG_READ_AND_SKIP, (var, delta))


def _state_key_counter_forward(state):
    s = np.asarray(state).view(np.uint64)
    return s[..., 2:3].copy(), s[..., 0:2].copy()


def _state_key_counter_batch(op, args, dims, attrs):
    return apply(op, (P.move_to_front(args[0], dims[0]),)), (0, 0)


# A Philox Generator state [counter_lo, counter_hi, key] (or states [*batch, 3]) as TF's key [1]
# and counter [2] (TF's Generator slices and bitcasts them).
STATE_KEY_COUNTER = defop(
    "RngStateKeyCounter", _state_key_counter_forward, num_outputs=2, nondiff=True,
    allowed=(D.int64,),
    shape=lambda s: (aval(tuple(s.shape[:-1]) + (1,), _U64), aval(tuple(s.shape[:-1]) + (2,),
                                                                  _U64)),
    batch=_state_key_counter_batch)


def state_key_counter(state):
    return apply(STATE_KEY_COUNTER, (state,))


# ============================================================================================
# Stateful ops: each node's Kernel (attribute `kernel`) moves on at every run. Under vmap, a
# batched parameter (`batch_dims` leading example axes) makes one draw per example, each from
# the kernel's next reservation, as a run per example one after another would.
# ============================================================================================
def _reserved(kernel, examples, blocks):
    """The (key, counter) to draw one example from, or `Streams` for several examples (their
    consecutive reservations)."""
    if examples is None:
        return kernel.reserve(blocks)
    key, counter = kernel.reserve(examples * blocks)
    return PH.Streams.repeated(key, counter, np.arange(examples, dtype=np.int64) * blocks), None


def _examples(batch_dims, x):
    """The batch shape of a parameter (its first batch_dims axes), and its example count (None
    without batch axes)."""
    if not batch_dims:
        return (), None
    batch = x.shape[:batch_dims]
    return batch, math.prod(batch)


def _param_batch(n_params):
    """The vmap rule of a stateful op on parameters (*params[, shape]): the parameters given the
    batch axis in front, then the op with one more batch axis."""
    def rule(op, args, dims, attrs):
        _no_shape_batch(dims, attrs)
        size = P.batch_size(args, dims)
        ins = [_front(x, d, size) for x, d in zip(args[:n_params], dims[:n_params])]
        new = dict(attrs, batch_dims=attrs.get("batch_dims", 0) + 1)
        return apply(op, ins + list(args[n_params:]), new), 0
    return rule


def _stateful_draw(name, sample):
    """A stateful op drawing `sample(key, counter, n, dtype)` (n values, 256 blocks each)."""
    def forward(*rest, kernel, shape, dtype, dims=None):
        shape, _ = _runtime(rest, shape)
        n = math.prod(shape)
        k, c = kernel.reserve(n * RESERVED)
        return sample(k, c, n, dtype).reshape(shape)

    def batch(op, args, dims, attrs):
        # the only input is a runtime shape, which cannot differ between examples (unbatched
        # draws are made once per example by vmap itself)
        _no_shape_batch(dims, attrs)
        raise ValueError(f"vmap: {name} has no batched inputs to map over")

    def shape_rule(*rest, kernel, shape, dtype, dims=None):
        return aval(_known(rest, shape, dims)[0], dtype)

    return defop(name, forward, nondiff=True, stateful=True, allowed=(D.int32, D.int64),
                 shape=shape_rule, batch=batch)


RANDOM_UNIFORM = _stateful_draw("RandomUniform", PH.uniform)
RANDOM_NORMAL = _stateful_draw("RandomStandardNormal", PH.normal)
TRUNCATED_NORMAL = _stateful_draw("TruncatedNormal", PH.truncated_normal)


def _stateful_attrs(kernel, shape, dtype, dims):
    attrs, extra = _shape_inputs(shape, dims)
    attrs["kernel"] = kernel
    if dtype is not None:
        attrs["dtype"] = np.dtype(dtype)
    return attrs, extra


def _stateful_binder(op):
    def bind(kernel, shape, dtype, dims=None):
        attrs, extra = _stateful_attrs(kernel, shape, dtype, dims)
        return apply(op, extra, attrs)
    bind.__doc__ = f"{op.name} drawn from `kernel` (a Kernel): `shape` a tuple or a tensor."
    return bind


random_uniform = _stateful_binder(RANDOM_UNIFORM)
random_normal = _stateful_binder(RANDOM_NORMAL)
truncated_normal = _stateful_binder(TRUNCATED_NORMAL)


def _random_uniform_int_forward(lo, hi, *rest, kernel, shape, dtype, dims=None, batch_dims=0):
    op = "RandomUniformInt"
    shape, _ = _runtime(rest, shape)
    n = math.prod(shape)
    batch, examples = _examples(batch_dims, lo)
    if examples is None:
        lo, hi = check_int_bounds(n, lo, hi, op)
    else:
        lo, hi = _batched_bounds(lo, hi, batch, n, op)
    k, c = _reserved(kernel, examples, n * RESERVED)
    return PH.uniform_int(k, c, n, lo, hi, dtype).reshape(batch + shape)


RANDOM_UNIFORM_INT = defop(
    "RandomUniformInt", _random_uniform_int_forward, nondiff=True, stateful=True,
    allowed=(D.int32, D.int64),
    shape=lambda lo, hi, *rest, kernel, shape, dtype, dims=None, batch_dims=0: aval(
        tuple(lo.shape[:batch_dims]) + _known(rest, shape, dims)[0], dtype),
    batch=_param_batch(2))


def random_uniform_int(kernel, minval, maxval, shape, dtype, dims=None):
    attrs, extra = _stateful_attrs(kernel, shape, dtype, dims)
    return apply(RANDOM_UNIFORM_INT, (minval, maxval) + extra, attrs)


def _random_shuffle_forward(value, kernel, batch_dims=0):
    batch, examples = _examples(batch_dims, value)
    if value.ndim == batch_dims or value.size <= 1 or value.shape[batch_dims] <= 1:
        return value
    n = value.shape[batch_dims]
    k, c = _reserved(kernel, examples, (n - 1 + 3) // 4)
    return _shuffled(k, c, value, batch)


RANDOM_SHUFFLE = defop("RandomShuffle", _random_shuffle_forward, nondiff=True, stateful=True,
                       allowed=ANY, batch=_param_batch(1),
                       shape=lambda value, kernel, batch_dims=0: aval(value.shape, value.dtype))


def random_shuffle(kernel, value):
    return apply(RANDOM_SHUFFLE, (value,), {"kernel": kernel})


def _multinomial_forward(logits, kernel, num_samples, dtype, batch_dims=0):
    check_logits(logits, num_samples, "Multinomial", batch_dims)
    batch, examples = _examples(batch_dims, logits)
    rows = logits.shape[batch_dims]
    if rows == 0 or num_samples == 0 or examples == 0:
        return np.zeros(batch + (rows, num_samples), dtype)
    k, c = _reserved(kernel, examples, multinomial_blocks(rows, num_samples))
    return _multinomial_values(k, c, logits, num_samples, dtype, batch)


MULTINOMIAL = defop(
    "Multinomial", _multinomial_forward, nondiff=True, stateful=True, allowed=FLOAT,
    shape=lambda logits, kernel, num_samples, dtype, batch_dims=0: _multinomial_out(
        logits.shape[:batch_dims], logits.shape, num_samples, dtype),
    batch=_param_batch(1))


def multinomial(kernel, logits, num_samples, dtype):
    return apply(MULTINOMIAL, (logits,), {"kernel": kernel, "num_samples": int(num_samples),
                                          "dtype": np.dtype(dtype)})


def _random_gamma_forward(alpha, *rest, kernel, shape, dims=None, batch_dims=0):
    """Gamma(alpha) samples shape + alpha.shape (after alpha's batch axes, under vmap)."""
    shape, _ = _runtime(rest, shape)
    batch, examples = _examples(batch_dims, alpha)
    per = math.prod(shape) * math.prod(alpha.shape[batch_dims:])
    if per == 0:
        k, c = kernel.position()
    else:
        k, c = _reserved(kernel, examples, per * RESERVED)
    return _gamma_values(k, c, shape, alpha, batch)


def _random_gamma_grad(op, g):
    alpha = op.inputs[0]
    partial, axes = _gamma_partial(op.outputs[0], alpha, op.attrs.get("batch_dims", 0))
    return (P.reduce_sum(PM.mul(g, partial), axes),) + (None,) * (len(op.inputs) - 1)


def _random_gamma_jvp(op, dalpha, *rest):
    if dalpha is None:
        return None
    nb = op.attrs.get("batch_dims", 0)
    partial, axes = _gamma_partial(op.outputs[0], op.inputs[0], nb)
    if nb and axes:
        shape = dalpha._value.shape
        dalpha = P.reshape(dalpha, shape[:nb] + (1,) * len(axes) + shape[nb:])
    return PM.mul(partial, dalpha)


def _random_gamma_shape(alpha, *rest, kernel, shape, dims=None, batch_dims=0):
    return aval(tuple(alpha.shape[:batch_dims]) + _known(rest, shape, dims)[0] +
                tuple(alpha.shape[batch_dims:]), alpha.dtype)


RANDOM_GAMMA = defop("RandomGamma", _random_gamma_forward, _random_gamma_grad, _random_gamma_jvp,
                     stateful=True, allowed=(D.float16, D.float32, D.float64),
                     shape=_random_gamma_shape, batch=_param_batch(1))


def random_gamma(kernel, alpha, shape, dims=None):
    """Gamma(alpha) samples shape + alpha.shape (differentiable in alpha)."""
    attrs, extra = _stateful_attrs(kernel, shape, None, dims)
    return apply(RANDOM_GAMMA, (alpha,) + extra, attrs)


def _random_poisson_forward(rate, *rest, kernel, shape, dtype, dims=None, batch_dims=0):
    shape, _ = _runtime(rest, shape)
    batch, examples = _examples(batch_dims, rate)
    per = math.prod(shape) * math.prod(rate.shape[batch_dims:])
    if per == 0:
        return np.zeros(batch + tuple(shape) + rate.shape[batch_dims:], dtype)
    k, c = _reserved(kernel, examples, per * RESERVED)
    return _poisson_values(k, c, shape, rate, dtype, batch)


RANDOM_POISSON = defop(
    "RandomPoissonV2", _random_poisson_forward, nondiff=True, stateful=True,
    allowed=(D.float16, D.float32, D.float64, D.int32, D.int64),
    shape=lambda rate, *rest, kernel, shape, dtype, dims=None, batch_dims=0: aval(
        tuple(rate.shape[:batch_dims]) + _known(rest, shape, dims)[0] +
        tuple(rate.shape[batch_dims:]), dtype),
    batch=_param_batch(1))


def random_poisson(kernel, rate, shape, dtype, dims=None):
    attrs, extra = _stateful_attrs(kernel, shape, dtype, dims)
    return apply(RANDOM_POISSON, (rate,) + extra, attrs)


__all__ = ["Kernel", "Resource", "get_key_counter", "index_shuffle", "multinomial", "ndtr",
           "random_gamma", "random_normal", "random_poisson", "random_shuffle", "random_uniform",
           "random_uniform_int", "read_and_skip", "reset_kernels", "state_key_counter",
           "stateless_binomial", "stateless_full_int", "stateless_gamma", "stateless_multinomial",
           "stateless_normal", "stateless_parameterized_truncated_normal", "stateless_poisson",
           "stateless_shuffle", "stateless_truncated_normal", "stateless_uniform",
           "stateless_uniform_int", "truncated_normal"]
