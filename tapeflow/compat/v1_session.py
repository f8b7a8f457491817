"""`tf.compat.v1.Session`: runs the operations of a TF1 graph that fetches need.

`Session.run(fetches, feed_dict)`:
  1. fetches (any nest of lists, tuples, namedtuples and dicts whose leaves are tensors,
     operations, variables, tensor or operation names, IndexedSlices) are flattened; a tensor is
     fetched for its value, an operation is run for its effects (its result is None);
  2. the operations needed are found by walking back from the fetches through inputs and
     control inputs, stopping at fed tensors (TF's pruning: fetching an operation runs its
     control inputs, and nothing else runs);
  3. those operations are compiled into an execution plan (`framework/plan.py`), cached per
     (fetches, feeds), and run on the feeds with no recorder active;
  4. the values come back as NumPy values in the fetches' structure (a fed tensor fetched gives
     its fed array).
Each session owns the values of the graph variables it has initialized (`_values`); a variable
read or assigned during a run uses the running session's value (see `v1_variables.py`).

    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     x = tf.compat.v1.placeholder(tf.float32, shape=[None])
    ...     y = x * 2.0
    >>> with tf.compat.v1.Session(graph=g) as sess:
    ...     print(sess.run({"y": y}, feed_dict={x: [1.0, 2.0]}))
    {'y': array([2., 4.], dtype=float32)}
"""
import collections
import threading

import numpy as np

from ..framework import dtypes
from ..framework import graph as _graph
from ..framework.errors import InvalidArgumentError
from ..framework.graph import PLACEHOLDER, Operation, SymbolicTensor
from ..framework.indexed_slices import IndexedSlices
from ..framework.op import stack_replaced
from ..framework.plan import Plan
from ..framework.tensor import Tensor, TensorLike, convert_to_tensor, wrap
from ..framework.tensor_shape import TensorShape

_PLAN_CACHE_SIZE = 128


class _Threads(threading.local):
    def __init__(self):
        self.running = []   # sessions running a plan now, innermost last
        self.defaults = []  # default sessions (`as_default()`), innermost last


_threads = _Threads()


def running_session():
    """The session whose plan is running on this thread (its variables' values are used)."""
    running = _threads.running
    return running[-1] if running else None


def get_default_session():
    """The default session of this thread (`with sess.as_default():`, a Session's `with`
    block, or an InteractiveSession), or None."""
    defaults = _threads.defaults
    return defaults[-1] if defaults else None


IndexedSlicesValue = collections.namedtuple("IndexedSlicesValue",
                                            ["values", "indices", "dense_shape"])
SparseTensorValue = collections.namedtuple("SparseTensorValue",
                                           ["indices", "values", "dense_shape"])


class _View:
    """The operations of a graph a run needs, in creation order (what a Plan compiles)."""

    def __init__(self, ops):
        self._ops = ops


class _DefaultSession:
    def __init__(self, session):
        self.session = session

    def __enter__(self):
        _threads.defaults.append(self.session)
        return self.session

    def __exit__(self, *exc):
        defaults = _threads.defaults
        for i in range(len(defaults) - 1, -1, -1):
            if defaults[i] is self.session:
                del defaults[i]
                break
        return False


class BaseSession:
    """What Session and InteractiveSession share."""

    def __init__(self, target="", graph=None, config=None):
        if graph is None:
            graph = _graph.get_default_graph()
        elif not isinstance(graph, _graph.Graph):
            raise TypeError(f"Argument `graph` must be a tf.Graph, but got "
                            f"\"{type(graph).__name__}\"")
        self._graph = graph
        self._target = target
        self._config = config
        self._values = {}  # id(graph variable) -> its value in this session
        self._values_lock = threading.Lock()  # makes each variable update one atomic step
        self._plans = collections.OrderedDict()
        self._plans_lock = threading.Lock()  # runs may come from several threads
        self._closed = False
        self._contexts = []

    # -- properties ------------------------------------------------------------------------------
    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        return self._graph.as_graph_def()

    @property
    def sess_str(self):
        return self._target

    def list_devices(self):
        from ..config.devices import list_logical_devices
        return list_logical_devices()

    def close(self):
        """Frees the session's variable values; later runs raise RuntimeError."""
        self._closed = True
        self._values = {}
        self._plans.clear()

    def as_default(self):
        """A context manager making this the default session (for `Tensor.eval()` and
        `Operation.run()`)."""
        return _DefaultSession(self)

    # -- run -------------------------------------------------------------------------------------
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """The values of `fetches` (see the module docstring), with `feed_dict` replacing the
        values of the tensors it keys."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if not self._graph._ops:
            raise RuntimeError("The Session graph is empty. Add operations to the graph before "
                               "calling run().")
        leaves, rebuild = _flatten_fetches(self._graph, fetches)
        feeds = self._feeds(feed_dict)
        return rebuild(self._run_leaves(leaves, feeds))

    def _run_leaves(self, leaves, feeds):
        tensors, targets, seen = [], [], set()
        for kind, item in leaves:
            if kind == "tensor" and id(item) not in seen:
                seen.add(id(item))
                tensors.append(item)
            elif kind == "op":
                targets.append(item)
        feed_tensors = list(feeds)
        plan = self._plan(tensors, targets, [feeds[k][0] for k in feed_tensors])
        feed_values = [feeds[k][1] for k in feed_tensors]
        _threads.running.append(self)
        try:
            with stack_replaced([]):
                values = plan.run(feed_values)
        finally:
            _threads.running.pop()
        fed = {k: feeds[k][1] for k in feeds}
        by_id = {}
        for t, v in zip(tensors, values):
            by_id[id(t)] = fed[id(t)] if id(t) in fed else _as_numpy(v)
        out = []
        for kind, item in leaves:
            if kind == "tensor":
                out.append(by_id[id(item)])
            elif kind == "op":
                out.append(None)
            else:  # an eager value
                out.append(item)
        return out

    def _plan(self, tensors, targets, feed_tensors):
        key = (tuple(id(t) for t in tensors), tuple(id(o) for o in targets),
               tuple(id(t) for t in feed_tensors))
        with self._plans_lock:
            entry = self._plans.get(key)
            if entry is not None:
                self._plans.move_to_end(key)
                return entry[0]
        fed = {id(t) for t in feed_tensors}
        needed = set()
        work = [t._op for t in tensors if id(t) not in fed] + list(targets)
        while work:
            op = work.pop()
            if id(op) in needed:
                continue
            needed.add(id(op))
            if op._prim is PLACEHOLDER and not any(id(o) in fed for o in op._outputs):
                raise _unfed(op)
            for x in op._inputs:
                if id(x) not in fed:
                    work.append(x._op)
            work.extend(op._control_inputs)
        ops = [op for op in self._graph._ops if id(op) in needed]
        plan = Plan(_View(ops), feed_tensors, tensors, name="session_run")
        with self._plans_lock:  # the entry keeps the keyed objects alive: their ids stay theirs
            self._plans[key] = (plan, tensors, targets, feed_tensors)
            if len(self._plans) > _PLAN_CACHE_SIZE:
                self._plans.popitem(last=False)
        return plan

    def _feeds(self, feed_dict):
        """{id(tensor): (tensor, value)} for the feeds, converted and checked as TF does."""
        feeds = {}
        if not feed_dict:
            return feeds
        for key, value in feed_dict.items():
            for t, v in _feed_pairs(self._graph, key, value):
                feeds[id(t)] = (t, _feed_value(t, v))
        return feeds

    def make_callable(self, fetches, feed_list=None, accept_options=False):
        """A function running `fetches`, taking the values of `feed_list` as arguments."""
        feed_list = list(feed_list or [])
        resolved = [_feed_key(self._graph, k) for k in feed_list]

        def call(*args, **kwargs):
            if len(args) != len(resolved):
                raise TypeError(f"Expected {len(resolved)} positional feed arguments but got "
                                f"{len(args)}")
            return self.run(fetches, dict(zip(resolved, args)))
        return call

    def partial_run_setup(self, fetches, feeds=None):
        raise NotImplementedError("Session.partial_run_setup / partial_run (partial runs)")

    def partial_run(self, handle, fetches, feed_dict=None):
        raise NotImplementedError("Session.partial_run_setup / partial_run (partial runs)")

    def __del__(self):
        pass


class Session(BaseSession):
    """A TF1 session running `graph` (the default graph when None).

    As a context manager it makes its graph the default graph and itself the default session,
    and closes on exit."""

    def __enter__(self):
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        graph_ctx = None
        if _graph.building_graph() is not self._graph:
            graph_ctx = self._graph.as_default()
            graph_ctx.__enter__()
        sess_ctx = self.as_default()
        sess_ctx.__enter__()
        self._contexts.append((graph_ctx, sess_ctx))
        return self

    def __exit__(self, typ, value, traceback):
        graph_ctx, sess_ctx = self._contexts.pop()
        sess_ctx.__exit__(typ, value, traceback)
        if graph_ctx is not None:
            graph_ctx.__exit__(typ, value, traceback)
        self.close()
        return False

    @staticmethod
    def reset(target, containers=None, config=None):
        """Accepted for TF1 code (sessions hold their own state: nothing is shared)."""


class InteractiveSession(BaseSession):
    """A session that installs itself as the default session when made (for `t.eval()` in
    interactive use), until `close()`."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._default = self.as_default()
        self._default.__enter__()

    def close(self):
        if not self._closed and self._default is not None:
            self._default.__exit__(None, None, None)
            self._default = None
        super().close()


# ============================================================================================
# Fetches
# ============================================================================================
def _fetch_error(fetch, why):
    return TypeError(f"Argument `fetch` = {fetch!r} has invalid type \"{type(fetch).__name__}\""
                     f"{why}")


def _flatten_fetches(graph, fetches):
    """([(kind, item), ...], rebuild): the fetch leaves ('tensor', 'op' or 'value') and a
    function putting their results back into the fetches' structure."""
    leaves = []

    def leaf(x):
        i = len(leaves)
        leaves.extend(_fetch_leaves(graph, x))
        n = len(leaves) - i
        return ("leaf", x, i, n)

    def walk(x):
        if isinstance(x, (list, tuple)) and not isinstance(x, (Tensor, TensorLike)):
            return (type(x), [walk(e) for e in x], getattr(x, "_fields", None))
        if isinstance(x, dict):
            return (type(x), [(k, walk(v)) for k, v in x.items()], "dict")
        return leaf(x)

    tree = walk(fetches)

    def rebuild(values):
        def build(node):
            if node[0] == "leaf":
                _, x, i, n = node
                return _combine(x, values[i:i + n])
            typ, children, kind = node
            if kind == "dict":
                items = [(k, build(v)) for k, v in children]
                if typ is collections.defaultdict:
                    out = collections.defaultdict(None)
                    out.update(items)
                    return out
                return typ(items)
            built = [build(c) for c in children]
            if kind is not None:  # a namedtuple
                return typ(*built)
            return typ(built)
        return build(tree)
    return leaves, rebuild


def _fetch_leaves(graph, x):
    """The (kind, item) pairs one fetch leaf stands for."""
    if x is None:
        raise TypeError("Argument `fetch` = None has invalid type \"NoneType\". Cannot be None")
    if isinstance(x, str):
        try:
            x = graph.as_graph_element(x)
        except KeyError as e:
            raise ValueError(f"Fetch argument {x!r} cannot be interpreted as a Tensor. "
                             f"({e.args[0]})") from None
    if isinstance(x, Operation):
        _check_graph(graph, x, x)
        return [("op", x)]
    if type(x) is SymbolicTensor:
        _check_graph(graph, x.op, x)
        return [("tensor", x)]
    element = getattr(x, "_as_graph_element", None)
    if element is not None:  # a graph variable: its snapshot read
        t = element()
        _check_graph(graph, t.op, x)
        return [("tensor", t)]
    if isinstance(x, IndexedSlices):
        parts = [x.values, x.indices] + ([x.dense_shape] if x.dense_shape is not None else [])
        return [p for part in parts for p in _fetch_leaves(graph, part)]
    if isinstance(x, Tensor):
        return [("value", x.numpy())]
    if isinstance(x, TensorLike):  # an eager variable
        return [("value", x.numpy())]
    if hasattr(x, "_to_components") or type(x).__name__ == "SparseTensor":
        from ..framework.sparse_tensor import SparseTensor
        if isinstance(x, SparseTensor):
            return [p for part in (x.indices, x.values, x.dense_shape)
                    for p in _fetch_leaves(graph, part)]
    raise _fetch_error(x, " must be a string or Tensor. (Can not convert a "
                          f"{type(x).__name__} into a Tensor or Operation.)")


def _combine(x, values):
    """The result for one fetch leaf from its leaves' results."""
    if isinstance(x, IndexedSlices):
        return IndexedSlicesValue(values[0], values[1], values[2] if len(values) > 2 else None)
    if type(x).__name__ == "SparseTensor":
        return SparseTensorValue(*values)
    return values[0]


def _check_graph(graph, op, fetch):
    if op.graph is not graph:
        raise ValueError(f"Fetch argument {fetch!r} cannot be interpreted as a Tensor. "
                         f"({_describe(fetch)} is not an element of this graph.)")


def _describe(x):
    if isinstance(x, Operation):
        return f"Operation name: \"{x.name}\"\nop: \"{x.type}\""
    return f"Tensor {x}"


def _as_numpy(v):
    """A computed value as Session.run returns it: a NumPy array, or a NumPy scalar."""
    if isinstance(v, np.ndarray) and v.dtype.names is None:
        return v.copy() if v.ndim else v[()]
    if isinstance(v, (np.ndarray, np.generic)):
        return wrap(v).numpy()
    return v


# ============================================================================================
# Feeds
# ============================================================================================
def _feed_key(graph, key):
    """The tensor a feed_dict key names."""
    if isinstance(key, str):
        try:
            element = graph.as_graph_element(key)
        except (KeyError, ValueError) as e:
            raise TypeError(f"Cannot interpret feed_dict key as Tensor: {e.args[0]}") from None
        if isinstance(element, Operation):
            raise TypeError(f"Cannot interpret feed_dict key as Tensor: The name '{key}' refers "
                            f"to an Operation, not a Tensor. Tensor names must be of the form "
                            f"\"<op_name>:<output_index>\".")
        key = element
    element = getattr(key, "_as_graph_element", None)
    if element is not None:
        key = element()
    if type(key) is not SymbolicTensor:
        raise TypeError(f"Cannot interpret feed_dict key as Tensor: Can not convert a "
                        f"{type(key).__name__} into a Tensor.")
    if key.graph is not graph:
        raise ValueError(f"Cannot interpret feed_dict key as Tensor: Tensor {key} is not an "
                         f"element of this graph.")
    return key


def _feed_pairs(graph, key, value):
    """(tensor, value) pairs for one feed_dict entry (an IndexedSlices key feeds its parts)."""
    if isinstance(key, IndexedSlices):
        parts = [key.values, key.indices] + ([key.dense_shape] if key.dense_shape is not None
                                             else [])
        return [(_feed_key(graph, k), v) for k, v in zip(parts, value)]
    return [(_feed_key(graph, key), value)]


def _feed_value(t, value):
    """`value` as the array fed for tensor `t`: converted to its dtype, its shape checked."""
    if isinstance(value, (Tensor, TensorLike)) and not isinstance(value, np.ndarray):
        raise TypeError(f"The value of a feed cannot be a tf.Tensor object. Acceptable feed "
                        f"values include Python scalars, strings, lists, numpy ndarrays, or "
                        f"TensorHandles. For reference, the tensor object was {value!s} which "
                        f"was passed to the argument `feed_dict` with key {t!s}.")
    dtype = t.dtype
    if dtype == dtypes.resource:
        raise TypeError(f"Cannot feed the resource tensor {t.name}")
    if dtype == dtypes.string:
        arr = np.asarray(convert_to_tensor(value, dtype=dtype)._value)
    else:
        if isinstance(value, int) and not isinstance(value, bool):
            converted = np.asarray(value).astype(dtype._np) if dtype._np.kind in "iu" else None
            if converted is not None and int(converted) != value:
                raise TypeError(f"Type of feed value {value} with type {type(value)} is not "
                                f"compatible with Tensor type {dtype!r}. Try explicitly "
                                f"setting the type of the feed tensor to a larger type (e.g. "
                                f"int64).")
        if dtype._np.names is not None:  # bfloat16 storage
            arr = convert_to_tensor(np.asarray(value, np.float32), dtype=dtype)._value
        else:
            try:
                arr = np.asarray(value, dtype=dtype._np)
            except (TypeError, ValueError) as e:
                raise ValueError(f"could not convert the value fed for {t.name} to "
                                 f"{dtype.name}: {e}") from None
    if not t.shape.is_compatible_with(TensorShape(arr.shape)):
        raise ValueError(f"Cannot feed value of shape {arr.shape} for Tensor {t.name}, which "
                         f"has shape {t.shape}")
    return arr


def _unfed(op):
    t = op._outputs[0]
    shape = t.shape
    text = f"You must feed a value for placeholder tensor '{op.name}' with dtype " \
           f"{t.dtype._cname}"
    if shape.rank is not None:
        text += " and shape [" + ",".join("?" if d is None else str(d)
                                          for d in shape.as_list()) + "]"
    return InvalidArgumentError(None, op, f"Graph execution error:\n\nDetected at node "
                                          f"'{op.name}'\nNode: '{op.name}'\n{text}\n\t "
                                          f"[[{{{{node {op.name}}}}}]]")


__all__ = ["BaseSession", "InteractiveSession", "Session", "get_default_session"]
