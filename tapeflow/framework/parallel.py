"""Intra-op parallelism: large elementwise ops and reductions split over a thread pool.

NumPy releases the GIL inside its loops, so chunks of one large op run on several cores at once.
A primitive opts in with its record's `parallel` fact (`elementwise(ufunc)`, `chunked(forward)`
or `reduction(forward, full)` below); the dispatcher hands it the input arrays when one has at least `LARGE`
(2**18) elements, and the splitter returns the output, or None to let the op run as usual. The
pool has `tf.config.threading.get_intra_op_parallelism_threads()` threads in all, the caller
included (0, the default: the CPUs this process may run on); with 1 nothing is split.

Results are bit-identical to the single-threaded ones, which is why only these cases split:
  elementwise  every output element comes from its own input elements, so chunks of the output
               (along its first axis, or of the flat array when all operands are alike, at
               multiples of 64 elements) are independent computations of the same numbers.
  reductions   over the trailing axes of a C-contiguous array: the kept leading positions are
               split, and each output element is still reduced over its own contiguous block, in
               NumPy's order. A full sum of a contiguous float32/float64 array is split exactly
               where NumPy's pairwise summation splits it (halves rounded down to multiples of 8,
               recursively), so the partial sums are the same numbers, added in the same tree;
               integer sums are exact in any order. Other layouts, dtypes and reductions run on
               one thread, because NumPy's summation order there depends on its iterator.
The summation order is therefore the same deterministic one NumPy uses on one thread, whatever
the number of threads.

    >>> from tapeflow.framework import parallel
    >>> parallel.LARGE
    262144
"""
import os
import queue
import threading

import numpy as np

from . import config_state

LARGE = 1 << 18   # elements: smaller work is not worth a hand-off to other threads
_ALIGN = 64       # chunk boundaries of flat splits are multiples of this many elements
_ndarray = np.ndarray


def _default_threads():
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def threads():
    """The number of threads one op may use (the caller's included)."""
    return config_state.intra_op_threads or _default_threads()


class _Pool:
    """A fork-join pool of `size - 1` daemon threads: `run(tasks)` runs the callables, the caller
    doing the last one, and returns when all are done (re-raising the first error)."""

    def __init__(self, size):
        self.size = size
        self.queue = queue.SimpleQueue()
        for i in range(size - 1):
            threading.Thread(target=self._work, name=f"tapeflow-intra-op-{i}",
                             daemon=True).start()

    def _work(self):
        get = self.queue.get
        while True:
            task, done, errors = get()
            if task is None:
                return
            try:
                task()
            except Exception as e:
                errors.append(e)
            finally:
                done.release()

    def run(self, tasks):
        errors = []
        waits = []
        for task in tasks[:-1]:
            done = threading.Lock()
            done.acquire()
            self.queue.put((task, done, errors))
            waits.append(done)
        try:
            tasks[-1]()
        except Exception as e:
            errors.append(e)
        finally:
            for done in waits:
                done.acquire()
        if errors:
            raise errors[0]

    def close(self):
        for _ in range(self.size - 1):
            self.queue.put((None, None, None))


_lock = threading.Lock()
_pool = None


def _get_pool():
    """The pool for the current setting (None when ops run on one thread)."""
    global _pool
    n = threads()
    pool = _pool
    if pool is not None and pool.size == n:
        return pool
    if n <= 1:
        return None
    with _lock:
        if _pool is None or _pool.size != n:
            old, _pool = _pool, _Pool(n)
            if old is not None:
                old.close()
        return _pool


def _forget_pool_in_child():
    global _pool
    _pool = None  # a forked child has none of the parent's threads


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool_in_child)


def _bounds(n, parts, align=1):
    """[start, stop) ranges splitting range(n) into at most `parts` pieces; inner boundaries are
    multiples of `align`."""
    step = -(-n // parts)
    step = -(-step // align) * align
    return [(s, min(n, s + step)) for s in range(0, n, step)]


def _plain(a):
    return a.dtype.kind in "biufc"


# ============================================================================================
# Elementwise
# ============================================================================================
def elementwise(ufunc, cheap=False):
    """The splitter of a primitive whose forward is `ufunc` (a NumPy ufunc, or the operator that
    calls it) on one or two broadcasting arrays. `cheap` ufuncs (arithmetic, comparisons: a
    memory-bound pass) split only from 4 * LARGE elements, where the hand-off is worth it."""
    least = 4 * LARGE if cheap else LARGE

    def split(arrays, attrs, out=None):
        pool = _get_pool()
        if pool is None:
            return None
        for a in arrays:
            if type(a) is not _ndarray or not _plain(a):
                if isinstance(a, np.generic) and _plain(a):
                    continue
                return None
        shape = arrays[0].shape if len(arrays) == 1 else np.broadcast_shapes(
            *(a.shape for a in arrays))
        size = 1
        for d in shape:
            size *= d
        if size < least:
            return None
        dtype = ufunc.resolve_dtypes(tuple(a.dtype for a in arrays) + (None,))[-1]
        if out is None:
            out = np.empty(shape, dtype)
        elif out.dtype != dtype or out.shape != shape or not out.flags.c_contiguous:
            return None
        flat = all(a.shape == shape and a.flags.c_contiguous for a in arrays if a.ndim)
        if flat:  # all operands alike (or 0-d): chunks of the flat arrays
            views = [a.reshape(-1) if a.ndim else a for a in arrays]
            o = out.reshape(-1)
            tasks = [_ufunc_task(ufunc, [v[s:e] if v.ndim else v for v in views], o[s:e])
                     for s, e in _bounds(o.shape[0], pool.size, _ALIGN)]
        else:  # broadcasting: chunks along the output's first axis
            n = shape[0]
            if n < pool.size:
                return None
            nd = len(shape)
            tasks = []
            for s, e in _bounds(n, pool.size):
                ins = [a[s:e] if a.ndim == nd and a.shape[0] == n else a for a in arrays]
                tasks.append(_ufunc_task(ufunc, ins, out[s:e]))
        pool.run(tasks)
        return out
    split.least = least
    return split


_add = elementwise(np.add, cheap=True)


def add(a, b, out=None):
    """a + b (into `out` when given: `out` may be `a`) on the pool, or None when the arrays are
    too small or laid out in a way this leaves to one thread."""
    return _add((a, b), None, out)


def _ufunc_task(ufunc, ins, out):
    def task():
        ufunc(*ins, out=out)
    return task


def chunked(forward):
    """The splitter of a one-input elementwise primitive whose forward is a Python function of
    ufuncs (each output element from its input element alone): the forward runs on chunks."""
    def split(arrays, attrs):
        (v,) = arrays
        pool = _get_pool()
        if pool is None or type(v) is not _ndarray or not _plain(v) or not v.ndim:
            return None
        flat = v.reshape(-1)
        bounds = _bounds(flat.shape[0], pool.size, _ALIGN)
        first = np.asarray(forward(flat[bounds[0][0]:bounds[0][1]], **attrs))
        out = np.empty(flat.shape, first.dtype)
        out[:first.shape[0]] = first

        def task(s, e):
            def run():
                out[s:e] = forward(flat[s:e], **attrs)
            return run
        pool.run([task(s, e) for s, e in bounds[1:]] + [lambda: None])
        return out.reshape(v.shape)
    return split


# ============================================================================================
# Reductions
# ============================================================================================
def reduction(forward, full=None):
    """The splitter of a reduction primitive with attrs (axis, keepdims) and NumPy forward
    `forward(v, axis, keepdims)`: over trailing axes the forward runs on blocks of the kept
    positions; `full(flat, pool)`, when given, reduces a flat contiguous array over everything
    (or returns None to leave it to one thread)."""
    def split(arrays, attrs):
        (v,) = arrays
        pool = _get_pool()
        if pool is None or type(v) is not _ndarray or not v.flags.c_contiguous:
            return None
        axis, keepdims = attrs["axis"], attrs["keepdims"]
        nd, r = v.ndim, len(axis)
        if not r or tuple(axis) != tuple(range(nd - r, nd)):
            return None  # only trailing axes (a sorted tuple of non-negative ints)
        if r == nd:
            if full is None:
                return None
            out = full(v.reshape(-1), pool)
            if out is not None and keepdims:
                out = np.reshape(out, (1,) * nd)
            return out
        m = 1
        for d in v.shape[:nd - r]:
            m *= d
        if m < pool.size:
            return None
        rows = v.reshape((m,) + v.shape[nd - r:])
        inner = tuple(range(1, r + 1))
        bounds = _bounds(m, pool.size)
        pieces = [None] * len(bounds)

        def task(i, s, e):
            def run():
                pieces[i] = forward(rows[s:e], axis=inner, keepdims=False)
            return run
        pool.run([task(i, s, e) for i, (s, e) in enumerate(bounds)])
        out = np.concatenate(pieces)
        return out.reshape(v.shape[:nd - r] + ((1,) * r if keepdims else ()))
    return split


def full_mean(flat, pool):
    """mean(flat) of a contiguous float array as np.mean computes it: the sum (`full_sum`), then
    one division by the count."""
    if flat.dtype.kind != "f":
        return None
    total = full_sum(flat, pool)
    if total is None:
        return None
    return total.dtype.type(total / np.intp(flat.shape[0]))


def _pairwise_split(n):
    """Where NumPy's pairwise summation splits n elements (numpy/_core/src/umath/loops_utils)."""
    half = n // 2
    return half - half % 8


def full_sum(flat, pool):
    """sum(flat) for a contiguous 1-D array, in NumPy's own summation order (see the module
    docstring), with the top levels of its pairwise tree spread over the pool."""
    kind = flat.dtype.kind
    if kind in "iu":  # modular integer sums: exact in any order
        bounds = _bounds(flat.shape[0], pool.size)
        parts = [None] * len(bounds)

        def int_task(i, s, e):
            def run():
                parts[i] = np.add.reduce(flat[s:e], dtype=flat.dtype)
            return run
        pool.run([int_task(i, s, e) for i, (s, e) in enumerate(bounds)])
        return np.add.reduce(np.array(parts, flat.dtype), dtype=flat.dtype)
    if flat.dtype not in (np.float32, np.float64):
        return None
    # leaves: the pieces of the tree at depth d, with 2**d >= threads
    leaves = [(0, flat.shape[0])]
    while len(leaves) < pool.size:
        nxt = []
        for s, e in leaves:
            if e - s <= 128:  # (NumPy's block: no further split)
                return None
            m = s + _pairwise_split(e - s)
            nxt += [(s, m), (m, e)]
        leaves = nxt
    sums = [None] * len(leaves)
    zero = flat.dtype.type(-0.0)  # -0.0 + x == x for every x: the leaf sum is exactly pairwise

    def leaf(i, s, e):
        def run():
            sums[i] = np.add.reduce(flat[s:e], initial=zero)
        return run
    pool.run([leaf(i, s, e) for i, (s, e) in enumerate(leaves)])
    while len(sums) > 1:  # combine the leaves back up the same tree
        sums = [sums[i] + sums[i + 1] for i in range(0, len(sums), 2)]
    return sums[0]
