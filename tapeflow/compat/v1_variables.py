"""Variables of TF1 graphs, `variable_scope`/`get_variable`, initializers and collections.

A variable made while a TF1 graph is being built (`tf.Variable` or `tf.compat.v1.Variable` inside
`Graph.as_default()`, or anywhere after `disable_eager_execution()`) is a `GraphVariable`: a
`VarHandleOp` operation of that graph, an initializer operation (`v.initializer`, an
`AssignVariableOp` of its initial value) and a snapshot read (`v/Read/ReadVariableOp`, what
`Session.run(v)` fetches). It holds no value itself: each `tf.compat.v1.Session` owns the values
of the variables it has initialized (TF1 sessions own variable state), so two sessions on one
graph do not share values, and reading a variable that the running session has not initialized
raises `FailedPreconditionError`. Outside a session run, its value cannot be read (TF's
"out of scope" error); inside a graph being built, reading it builds a `ReadVariableOp`.

`variable_scope` keeps, per graph, the scope stack and the store that `get_variable` shares
variables through (reuse=True, AUTO_REUSE); in eager mode `get_variable` makes a new variable
each call, as TF 2 does.

    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     with tf.compat.v1.variable_scope("layer"):
    ...         w = tf.compat.v1.get_variable("w", [2], initializer=tf.compat.v1.ones_initializer())
    ...     init = tf.compat.v1.global_variables_initializer()
    >>> w
    <tf.Variable 'layer/w:0' shape=(2,) dtype=float32>
    >>> with tf.compat.v1.Session(graph=g) as sess:
    ...     _ = sess.run(init)
    ...     print(sess.run(w))
    [1. 1.]
"""
import math
import re
import threading

import numpy as np

from .. import module as _module
from ..framework import dtypes
from ..framework import graph as _graph
from ..framework.errors import FailedPreconditionError, InvalidArgumentError
from ..framework.op import state
from ..framework.tensor import (
    AbstractArray,
    Tensor,
    TensorLike,
    convert_to_tensor,
    wrap,
)
from ..framework.tensor_shape import TensorShape
from ..framework.variables import ASSIGN, ASSIGN_ADD, ASSIGN_SUB, READ, Variable, _uids
from . import v1_ops

# TF1 behaviour switches (set by disable_v2_behavior / disable_resource_variables).
_mode = {"ref_variables": False}


class GraphKeys:
    """Standard names of graph collections (`tf.compat.v1.GraphKeys`)."""
    GLOBAL_VARIABLES = "variables"
    VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    METRIC_VARIABLES = "metric_variables"
    MODEL_VARIABLES = "model_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    SUMMARIES = "summaries"
    QUEUE_RUNNERS = "queue_runners"
    TABLE_INITIALIZERS = "table_initializer"
    ASSET_FILEPATHS = "asset_filepaths"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    REGULARIZATION_LOSSES = "regularization_losses"
    CONCATENATED_VARIABLES = "concatenated_variables"
    SAVERS = "savers"
    WEIGHTS = "weights"
    BIASES = "biases"
    ACTIVATIONS = "activations"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    SAVEABLE_OBJECTS = "saveable_objects"
    RESOURCES = "resources"
    LOCAL_RESOURCES = "local_resources"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "local_init_op"
    READY_OP = "ready_op"
    READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
    SUMMARY_OP = "summary_op"
    GLOBAL_STEP = "global_step"
    EVAL_STEP = "eval_step"
    TRAIN_OP = "train_op"
    COND_CONTEXT = "cond_context"
    WHILE_CONTEXT = "while_context"


# ============================================================================================
# GraphVariable
# ============================================================================================
def _out_of_scope(var):
    return TypeError(f"<tf.Tensor '{var.op.name}:0' shape=() dtype=resource> is out of scope and "
                     f"cannot be used here. Use return values, explicit Python locals or "
                     f"TensorFlow collections to access it.\nPlease see https://www.tensorflow."
                     f"org/guide/function#all_outputs_of_a_tffunction_must_be_return_values for "
                     f"more information.")


def _uninitialized(var):
    name = var.op.name
    if var._ref:
        return FailedPreconditionError(None, None, f"Attempting to use uninitialized value {name}")
    return FailedPreconditionError(
        None, None, f"Could not find variable {name}. This could mean that the variable has been "
                    f"deleted. In TF1, it can also mean the variable is uninitialized. Debug info: "
                    f"container=localhost, status error message=Resource localhost/{name}/"
                    f"N10tensorflow3VarE does not exist.")


def _session():
    from .v1_session import running_session
    return running_session()


class _NoControlDependencies:
    """Variables' own operations ignore enclosing control dependencies (as TF's init_scope)."""

    def __enter__(self):
        stack = _graph._control_deps.stack
        self.saved = list(stack)
        stack[:] = []

    def __exit__(self, *exc):
        _graph._control_deps.stack[:] = self.saved


class _Scope:
    """Sets `graph`'s name scope to `full` (a 'a/b' path) while open."""

    def __init__(self, graph, full):
        self.graph = graph
        self.full = full

    def __enter__(self):
        self.saved = list(self.graph._scope)
        self.graph._scope[:] = [self.full] if self.full else []

    def __exit__(self, *exc):
        self.graph._scope[:] = self.saved


class GraphVariable(Variable):
    """A variable of a TF1 graph whose value lives in each Session (see the module docstring)."""

    def __init__(self, initial_value=None, trainable=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None,
                 import_scope=None, constraint=None, synchronization=None, aggregation=None,
                 shape=None, experimental_enable_variable_lifting=True, collections=None,
                 expected_shape=None, use_resource=None, _absolute_name=False, _ref=False):
        graph = v1_ops.plain_graph()
        if graph is None:
            raise RuntimeError("a graph variable is made while a TF1 graph is being built")
        if variable_def is not None:
            raise NotImplementedError("tf.Variable(variable_def=...): tapeflow cannot import "
                                      "TF's VariableDef protocol buffers")
        if initial_value is None:
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except "
                             "when you are not providing a `variable_def`. You provided neither.")
        base = name if name is not None else "Variable"
        base = base.removesuffix(":0")
        with _NoControlDependencies():
            if _absolute_name:
                with _Scope(graph, ""):
                    op_name = graph.unique_name(base)
            else:
                op_name = graph.unique_name(base)
            with _Scope(graph, op_name):
                init = self._initial_tensor(graph, initial_value, dtype)
            np_dtype = init._value.dtype
            if shape is not None:
                static = TensorShape(shape)
            elif not validate_shape:
                static = TensorShape(None)
            else:
                static = init.shape
            if static.rank is None:
                dims = None
            else:
                dims = tuple(static.as_list())
            self._lock = threading.Lock()
            self._array = AbstractArray(dims if dims is not None else (), np_dtype)
            self._shape = dims
            self._trainable = True if trainable is None else bool(trainable)
            self._uid = next(_uids)
            self._name = op_name + ":0"
            self._graph = graph
            self._ref = bool(_ref)
            self._constraint = constraint
            self._initial_value = init
            self._build_ops(graph, op_name, init, np_dtype, dims)
        graph._variables.append(self)
        if collections is None:
            collections = [GraphKeys.GLOBAL_VARIABLES]
            if self._trainable:
                collections.append(GraphKeys.TRAINABLE_VARIABLES)
        elif self._trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
            collections = [*list(collections), GraphKeys.TRAINABLE_VARIABLES]
        for key in dict.fromkeys(collections):
            graph.add_to_collection(key, self)

    @staticmethod
    def _initial_tensor(graph, initial_value, dtype):
        with _graph.Graph.name_scope(graph, "Initializer"):
            if callable(initial_value):
                initial_value = initial_value()
            t = convert_to_tensor(initial_value, dtype=dtype)
            if type(t) is not _graph.SymbolicTensor:
                t = graph.constant(t._value, name="initial_value")
            elif t.graph is not graph:
                raise ValueError(f"Tensor {t.name} of another graph cannot initialize a "
                                 f"variable of this graph")
        return t

    def _build_ops(self, graph, op_name, init, np_dtype, dims):
        from ..framework.graph import VAR_HANDLE, resource_dtype
        shape = dims if dims is not None else ()
        handle_aval = AbstractArray(shape, resource_dtype(np_dtype))
        if dims is None:
            handle_aval.shape = None
        op = graph._create_op(VAR_HANDLE, "VarHandleOp", (), {
            "variable": self, "shape": dims, "dtype": dtypes.from_numpy(np_dtype).name,
            "shared_name": op_name, "container": ""}, (handle_aval,), name=op_name, exact=True)
        handle = op._outputs[0]
        graph.__dict__.setdefault("_var_handles", {})[id(self)] = handle
        self._handle = handle
        graph._create_op(v1_ops.VAR_IS_INITIALIZED, "VarIsInitializedOp", (handle,), {},
                         (AbstractArray((), np.bool_),),
                         name=f"{op_name}/IsInitialized/VarIsInitializedOp", exact=True)
        self._initializer_op = graph._create_op(
            ASSIGN, "AssignVariableOp", (handle, init), {}, (init._value,),
            name=f"{op_name}/Assign", exact=True)
        value_aval = AbstractArray(shape, np_dtype)
        if dims is None:
            value_aval.shape = None
        snapshot = graph._create_op(READ, "ReadVariableOp", (handle,), {}, (value_aval,),
                                    name=f"{op_name}/Read/ReadVariableOp", exact=True)
        self._graph_element = snapshot._outputs[0]

    # -- TF1 properties --------------------------------------------------------------------------
    @property
    def op(self):
        return self._handle.op

    @property
    def handle(self):
        return self._handle

    @property
    def graph(self):
        return self._graph

    @property
    def device(self):
        return ""

    @property
    def initializer(self):
        return self._initializer_op

    @property
    def initial_value(self):
        return self._initial_value

    @property
    def constraint(self):
        return self._constraint

    @property
    def dtype(self):
        d = dtypes.from_numpy(self._array.dtype)
        return _RefDType(d) if self._ref else d

    @property
    def shape(self):
        return TensorShape(None) if self._shape is None else TensorShape._from_tuple(self._shape)

    def get_shape(self):
        return self.shape

    def initialized_value(self):
        """The initial value, as a tensor computed after the initializer (TF1)."""
        with v1_ops.graph_control_dependencies([self._initializer_op]):
            return self._read()

    def _as_graph_element(self):
        return self._graph_element

    def _graph_op(self):
        return self._handle.op

    def value(self):
        return self._read()

    def read_value(self):
        """A read of the variable (in a graph: `Read/ReadVariableOp` and an Identity)."""
        g = _graph.building_graph()
        if g is None or g.building_function:
            return self._read()
        from ..ops.array_ops import identity
        with v1_ops.GraphNameScope(g, "Read"):
            r = self._read()
        return identity(r)

    # -- the value, in the running Session -------------------------------------------------------
    @property
    def _value(self):
        sess = _session()
        if sess is None:
            raise _out_of_scope(self)
        try:
            return sess._values[id(self)]
        except KeyError:
            raise _uninitialized(self) from None

    @_value.setter
    def _value(self, array):
        sess = _session()
        if sess is None:
            raise _out_of_scope(self)
        sess._values[id(self)] = array

    def _check_graph(self):
        g = _graph.building_graph()
        if g is None or g is self._graph:
            return g
        if g.building_function and self._graph in _enclosing_graphs(g):
            return g  # a function traced inside this graph captures the variable
        raise ValueError(f"Tensor {self._graph_element.name} must be from the same graph as "
                         f"the operations being built (the variable {self.name} belongs to "
                         f"another graph).")

    def _read(self):
        if state.interpreters and self._check_graph() is not None:
            return Variable._read(self)
        if _session() is not None:  # an operation replayed inside a session run
            return wrap(self._value)
        raise _out_of_scope(self)

    def numpy(self):
        if _graph.building_graph() is not None:
            raise NotImplementedError("numpy() is only available when eager execution is "
                                      "enabled.")
        raise _out_of_scope(self)

    def __array__(self, dtype=None, copy=None):
        return self.numpy()

    def eval(self, session=None):
        """The variable's value in `session` (or the default session); in a graph only."""
        from .v1_session import get_default_session
        if _graph.building_graph() is None:
            raise RuntimeError("This operation is not supported when eager execution is "
                               "enabled.")
        session = session or get_default_session()
        if session is None:
            raise ValueError("Cannot evaluate tensor using `eval()`: No default session is "
                             "registered. Use `with sess.as_default()` or pass an explicit "
                             "session to `eval(session=sess)`")
        return session.run(self)

    def load(self, value, session=None):
        """Sets the value in `session` (TF1's `Variable.load`)."""
        from .v1_session import get_default_session
        session = session or get_default_session()
        if session is None:
            raise ValueError("Either session argument should be provided or default session "
                             "should be established")
        session._values[id(self)] = self._checked(value)

    def _checked(self, value):
        """`value` as this variable's array: converted to its dtype, its shape checked."""
        arr = np.asarray(value)
        if arr.dtype != self._array.dtype:
            arr = convert_to_tensor(value, dtype=dtypes.from_numpy(self._array.dtype))._value
            arr = np.asarray(arr)
        if self._shape is not None and not TensorShape(self._shape).is_compatible_with(
                TensorShape(arr.shape)):
            raise InvalidArgumentError(
                None, None, f"Trying to assign to variable with tensor with wrong shape. "
                            f"Expected [{','.join(map(str, self._shape))}] got "
                            f"[{','.join(map(str, arr.shape))}]")
        return np.array(arr)

    # -- assignments: operations while building, the session's value while running -------------
    def _assign_op(self, op, value, read_value):
        from ..framework.op import apply
        self._check_graph()
        t = convert_to_tensor(value, dtype=dtypes.from_numpy(self._array.dtype))
        if self._shape is not None and t.shape.rank is not None and \
                not t.shape.is_compatible_with(TensorShape(self._shape)):
            raise ValueError(f"Shapes {TensorShape(self._shape)} and {t.shape} are incompatible")
        out = apply(op, (self, t))
        if not read_value:
            return out.op
        return out if self._ref else _UnreadGraphVariable(self, out)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        if state.interpreters and _graph.building_graph() is not None:
            return self._assign_op(ASSIGN, value, read_value)
        sess = _session()
        if sess is None:
            raise _out_of_scope(self)
        sess._values[id(self)] = self._checked(value)
        return None

    def _update_in_session(self, ufunc, delta):
        sess = _session()
        if sess is None:
            raise _out_of_scope(self)
        delta = self._checked(delta)
        with sess._values_lock:  # read-modify-write, atomic as TF's resource updates
            current = self._value
            sess._values[id(self)] = np.asarray(ufunc(current, delta), dtype=current.dtype)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        if state.interpreters and _graph.building_graph() is not None:
            return self._assign_op(ASSIGN_ADD, delta, read_value)
        self._update_in_session(np.add, delta)
        return None

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        if state.interpreters and _graph.building_graph() is not None:
            return self._assign_op(ASSIGN_SUB, delta, read_value)
        self._update_in_session(np.subtract, delta)
        return None

    def _assign_slice(self, key, value):
        raise NotImplementedError("sliced assignment (v[...].assign) of a TF1 graph variable")

    def scatter_nd_update(self, indices, updates, name=None):
        raise NotImplementedError("scatter_nd_update of a TF1 graph variable")

    def scatter_update(self, sparse_delta, use_locking=False, name=None):
        raise NotImplementedError("scatter_update of a TF1 graph variable")

    def __deepcopy__(self, memo):
        raise NotImplementedError("copy.deepcopy of a TF1 graph variable")

    # -- identity semantics of graph objects -----------------------------------------------------
    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __bool__(self):
        raise TypeError("Using a `tf.Variable` of a TF1 graph as a Python `bool` is not allowed.")

    def __iter__(self):
        return iter(self._read())

    def __repr__(self):
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    __str__ = __repr__


class _UnreadGraphVariable(GraphVariable):
    """What `assign` returns in a TF1 graph (TF's `_UnreadVariable`): the variable after the
    assignment; fetching or reading it runs the assignment."""

    def __init__(self, target, out):
        self._target = target
        self._out = out

    _array = property(lambda self: self._target._array)
    _shape = property(lambda self: self._target._shape)
    _trainable = property(lambda self: self._target._trainable)
    _uid = property(lambda self: self._target._uid)
    _graph = property(lambda self: self._target._graph)
    _ref = property(lambda self: self._target._ref)
    _handle = property(lambda self: self._target._handle)
    _name = property(lambda self: self._target._name)
    _initializer_op = property(lambda self: self._target._initializer_op)
    _initial_value = property(lambda self: self._target._initial_value)
    _constraint = property(lambda self: self._target._constraint)

    @property
    def name(self):
        return self._out.op.name

    @property
    def op(self):
        return self._out.op

    def _read(self):
        g = _graph.building_graph()
        if g is self._target._graph or (g is not None and g.building_function):
            return self._out
        return self._target._read()

    def _as_graph_element(self):
        return self._out

    def _graph_op(self):
        return self._out.op

    def assign(self, value, use_locking=None, name=None, read_value=True):
        return self._target.assign(value, use_locking, name, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return self._target.assign_add(delta, use_locking, name, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return self._target.assign_sub(delta, use_locking, name, read_value)


def _enclosing_graphs(func_graph):
    """The graphs being built around a function's trace (the recorder stacks it replaced)."""
    out, todo = [], [func_graph]
    while todo:
        g = todo.pop()
        for r in getattr(g, "outer_stack", ()):
            inner = getattr(r, "graph", None)
            if type(r) is _graph.GraphBuilder and inner is not None and inner not in out:
                out.append(inner)
                todo.append(inner)
    return out + [x for x in _graph._graph_state.default_stack if x not in out]


class _RefDType:
    """The dtype a TF1 reference variable reports (`float32_ref`); compares equal to its base."""

    def __init__(self, base):
        self._base = base

    name = property(lambda self: self._base.name + "_ref")
    base_dtype = property(lambda self: self._base)

    def __getattr__(self, attr):
        return getattr(self._base, attr)

    def __eq__(self, other):
        return other == self._base or (isinstance(other, _RefDType) and other._base == self._base)

    def __hash__(self):
        return hash(self._base)

    def __repr__(self):
        return f"tf.{self.name}"

    def __str__(self):
        return f"<dtype: '{self.name}'>"


def VariableV1(initial_value=None, trainable=None, collections=None, validate_shape=True,
               caching_device=None, name=None, variable_def=None, dtype=None,
               expected_shape=None, import_scope=None, constraint=None, use_resource=None,
               synchronization=None, aggregation=None, shape=None):
    """`tf.compat.v1.Variable`: a graph variable while a TF1 graph is built, else a
    `tf.Variable`.

    >>> tf.compat.v1.Variable(1.0, name="a")
    <tf.Variable 'a:0' shape=() dtype=float32, numpy=1.0>
    """
    if v1_ops.plain_graph() is not None:
        return GraphVariable(initial_value, trainable=trainable, validate_shape=validate_shape,
                             name=name, dtype=dtype, constraint=constraint, shape=shape,
                             collections=collections, variable_def=variable_def,
                             _ref=_mode["ref_variables"] and not use_resource)
    return Variable(initial_value, trainable=trainable, validate_shape=validate_shape, name=name,
                    dtype=dtype, constraint=constraint, shape=shape)


# ============================================================================================
# Collections
# ============================================================================================
def _default_graph():
    return _graph.get_default_graph()


def _scoped(items, scope):
    if scope is None:
        return list(items)
    out = []
    for item in items:
        name = getattr(item, "name", None)
        if isinstance(name, str) and re.match(scope, name):
            out.append(item)
    return out


def get_collection(key, scope=None):
    """The items of collection `key` of the default graph (those whose name matches `scope`)."""
    return _scoped(_default_graph().get_collection_ref(key), scope)


def get_collection_ref(key):
    return _default_graph().get_collection_ref(key)


def add_to_collection(name, value):
    _default_graph().add_to_collection(name, value)


def add_to_collections(names, value):
    for name in ([names] if isinstance(names, str) else dict.fromkeys(names)):
        add_to_collection(name, value)


def global_variables(scope=None):
    """The variables of the default graph's GLOBAL_VARIABLES collection ([] eagerly)."""
    return get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


def all_variables():
    return global_variables()


def local_variables(scope=None):
    return get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def model_variables(scope=None):
    return get_collection(GraphKeys.MODEL_VARIABLES, scope)


def trainable_variables(scope=None):
    """The variables of the default graph's TRAINABLE_VARIABLES collection ([] eagerly)."""
    return get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def moving_average_variables(scope=None):
    return get_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


# ============================================================================================
# Initialization
# ============================================================================================
def variables_initializer(var_list, name="init"):
    """An operation running the initializers of `var_list` (a NoOp when it is empty)."""
    g = _graph.building_graph()
    if g is None:
        return None
    inits = [v.initializer for v in var_list if isinstance(v, GraphVariable)]
    return v1_ops.make_no_op(g, inits, name)


def initialize_variables(var_list, name="init"):
    return variables_initializer(var_list, name)


def global_variables_initializer():
    """The operation initializing every global variable of the default graph (`init`).

    Eagerly it is a no-op (variables are initialized when created): None."""
    if _graph.building_graph() is None:
        return None
    return variables_initializer(global_variables(), name="init")


def initialize_all_variables():
    return global_variables_initializer()


def local_variables_initializer():
    if _graph.building_graph() is None:
        return None
    return variables_initializer(local_variables(), name="init")


def initialize_local_variables():
    return local_variables_initializer()


def is_variable_initialized(variable):
    """A boolean tensor: whether `variable` has a value in the running Session."""
    from ..framework.op import apply
    if not isinstance(variable, GraphVariable):
        return wrap(np.bool_(True))
    return apply(v1_ops.VAR_IS_INITIALIZED, (variable,))


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """A string tensor of the names of the variables the running Session has not initialized."""
    from ..framework.op import apply
    if var_list is None:
        var_list = global_variables() + local_variables()
    var_list = [v for v in var_list if isinstance(v, GraphVariable)]
    if _graph.building_graph() is None:
        return wrap(np.array([], dtype=object))
    return apply(v1_ops.REPORT_UNINITIALIZED, tuple(var_list))


def assert_variables_initialized(var_list=None):
    """Eagerly as TF (None for no variables); in a TF1 graph not implemented."""
    if _graph.building_graph() is None:
        from ..debugging._checks import assert_variables_initialized as eager
        return eager(var_list)
    raise NotImplementedError("tf.compat.v1.assert_variables_initialized in a graph (use "
                              "report_uninitialized_variables)")


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    """`ref.assign(value)` (`tf.compat.v1.assign`)."""
    return ref.assign(value)


def assign_add(ref, value, use_locking=None, name=None):
    return ref.assign_add(value)


def assign_sub(ref, value, use_locking=None, name=None):
    return ref.assign_sub(value)


# ============================================================================================
# Initializers (TF1's: called as initializer(shape, dtype=None, partition_info=None))
# ============================================================================================
class Initializer:
    """Base of TF1 initializers."""

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _dtype(dtype, default):
    return dtypes.as_dtype(dtype if dtype is not None else default)


class zeros_initializer(Initializer):
    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops.array_ops import zeros
        return zeros(shape, _dtype(dtype, self.dtype))


class ones_initializer(Initializer):
    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops.array_ops import ones
        return ones(shape, _dtype(dtype, self.dtype))


class constant_initializer(Initializer):
    def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
        self.value = value
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        d = _dtype(dtype, self.dtype)
        value = np.asarray(self.value, dtype=d._np)
        shape = tuple(TensorShape(shape).as_list())
        if value.size == math.prod(shape):
            return wrap(value.reshape(shape))
        if value.size == 1:
            return wrap(np.full(shape, value.reshape(()), d._np))
        if value.size < math.prod(shape):  # TF1 pads with the last value
            flat = np.concatenate([value.reshape(-1), np.full(math.prod(shape) - value.size,
                                                              value.reshape(-1)[-1])])
            return wrap(flat.reshape(shape).astype(d._np))
        raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor of shape "
                        f"{value.shape} cannot be reshaped into {shape}")


class random_normal_initializer(Initializer):
    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        self.mean, self.stddev, self.seed, self.dtype = mean, stddev, seed, dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops.random_ops import normal
        return normal(shape, self.mean, self.stddev, _dtype(dtype, self.dtype), seed=self.seed)


class truncated_normal_initializer(random_normal_initializer):
    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops.random_ops import truncated_normal
        return truncated_normal(shape, self.mean, self.stddev, _dtype(dtype, self.dtype),
                                seed=self.seed)


class random_uniform_initializer(Initializer):
    def __init__(self, minval=0.0, maxval=None, seed=None, dtype=dtypes.float32):
        self.minval, self.maxval, self.seed = minval, maxval, seed
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops.random_ops import uniform
        d = _dtype(dtype, self.dtype)
        maxval = self.maxval if self.maxval is not None else (1.0 if d.is_floating else None)
        return uniform(shape, self.minval, maxval, d, seed=self.seed)


def _fans(shape):
    shape = tuple(shape)
    if not shape:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


class variance_scaling_initializer(Initializer):
    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 dtype=dtypes.float32):
        if scale <= 0.0:
            raise ValueError("`scale` must be positive float.")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"Invalid `mode` argument: {mode}")
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in ("uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError(f"Invalid `distribution` argument: {distribution}")
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        from ..ops import random_ops as R
        d = _dtype(dtype, self.dtype)
        shape = tuple(TensorShape(shape).as_list())
        fan_in, fan_out = _fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        if self.distribution == "truncated_normal":
            return R.truncated_normal(shape, 0.0, math.sqrt(scale) / .87962566103423978, d,
                                      seed=self.seed)
        if self.distribution == "untruncated_normal":
            return R.normal(shape, 0.0, math.sqrt(scale), d, seed=self.seed)
        limit = math.sqrt(3.0 * scale)
        return R.uniform(shape, -limit, limit, d, seed=self.seed)


class glorot_uniform_initializer(variance_scaling_initializer):
    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "uniform", seed, dtype)


class glorot_normal_initializer(variance_scaling_initializer):
    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "truncated_normal", seed, dtype)


class identity_initializer(Initializer):
    def __init__(self, gain=1.0, dtype=dtypes.float32):
        self.gain, self.dtype = gain, dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        shape = tuple(TensorShape(shape).as_list())
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices.")
        d = _dtype(dtype, self.dtype)
        return wrap((np.eye(*shape) * self.gain).astype(d._np))


def _as_initializer(init):
    """An initializer given as a class (TF1 code passes `tf.zeros_initializer`) is instantiated."""
    if isinstance(init, type):
        return init()
    return init


# ============================================================================================
# variable_scope / get_variable
# ============================================================================================
class _ReuseMode:
    def __repr__(self):
        return "_ReuseMode.AUTO_REUSE"


AUTO_REUSE = _ReuseMode()


class VariableScope:
    """A variable scope: its name, reuse mode and defaults for `get_variable`."""

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, name_scope="", dtype=dtypes.float32,
                 use_resource=None, constraint=None):
        self._reuse = reuse
        self._name = name
        self._initializer = initializer
        self._regularizer = regularizer
        self._caching_device = caching_device
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._name_scope = name_scope
        self._dtype = dtype
        self._use_resource = use_resource
        self._constraint = constraint

    name = property(lambda self: self._name)
    original_name_scope = property(lambda self: self._name_scope)
    reuse = property(lambda self: self._reuse)
    initializer = property(lambda self: self._initializer)
    dtype = property(lambda self: self._dtype)
    regularizer = property(lambda self: self._regularizer)
    caching_device = property(lambda self: self._caching_device)
    partitioner = property(lambda self: self._partitioner)
    custom_getter = property(lambda self: self._custom_getter)
    use_resource = property(lambda self: self._use_resource)
    constraint = property(lambda self: self._constraint)

    def reuse_variables(self):
        self._reuse = True

    def set_initializer(self, initializer):
        self._initializer = initializer

    def set_dtype(self, dtype):
        self._dtype = dtype

    def set_regularizer(self, regularizer):
        self._regularizer = regularizer

    def set_use_resource(self, use_resource):
        self._use_resource = use_resource

    def set_custom_getter(self, custom_getter):
        self._custom_getter = custom_getter

    def set_caching_device(self, caching_device):
        self._caching_device = caching_device

    def set_partitioner(self, partitioner):
        self._partitioner = partitioner

    def global_variables(self):
        return global_variables(self._name + "/" if self._name else None)

    def trainable_variables(self):
        return trainable_variables(self._name + "/" if self._name else None)

    def local_variables(self):
        return local_variables(self._name + "/" if self._name else None)

    def get_collection(self, name):
        return get_collection(name, self._name + "/" if self._name else None)

    def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, custom_getter=None, constraint=None,
                     synchronization=None, aggregation=None):
        full = self._name + "/" + name if self._name else name
        return var_store.get_variable(
            full, shape, dtype if dtype is not None else self._dtype,
            initializer if initializer is not None else self._initializer,
            regularizer if regularizer is not None else self._regularizer,
            reuse if reuse is not None else self._reuse, trainable, collections, validate_shape,
            constraint if constraint is not None else self._constraint,
            custom_getter if custom_getter is not None else self._custom_getter)

    def __repr__(self):
        return f"<tf.compat.v1.VariableScope name={self._name!r} reuse={self._reuse!r}>"


class _VariableStore:
    """One graph's variables made by `get_variable`, by full name, and its scope state."""

    def __init__(self, graph):
        self.graph = graph
        self.vars = {}
        self.scope_counts = {}  # full scope name -> times a default_name scope took it
        self.stack = [VariableScope(False)]

    def get_variable(self, name, shape, dtype, initializer, regularizer, reuse, trainable,
                     collections, validate_shape, constraint, custom_getter):
        if custom_getter is not None:
            def true_getter(name, shape=None, dtype=None, initializer=None, regularizer=None,
                            reuse=None, trainable=None, collections=None, **kwargs):
                return self._get(name, shape, dtype, initializer, regularizer, reuse,
                                 trainable, collections, validate_shape, constraint)
            return custom_getter(true_getter, name, shape=shape, dtype=dtype,
                                 initializer=initializer, regularizer=regularizer, reuse=reuse,
                                 trainable=trainable, collections=collections)
        return self._get(name, shape, dtype, initializer, regularizer, reuse, trainable,
                         collections, validate_shape, constraint)

    def _get(self, name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
             validate_shape, constraint):
        dtype = dtypes.as_dtype(dtype)
        shape = None if shape is None else TensorShape(shape)
        initializer = _as_initializer(initializer)
        existing = self.vars.get(name)
        if existing is not None:
            if reuse is False or reuse is None:
                raise ValueError(f"Variable {name} already exists, disallowed. Did you mean to "
                                 f"set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
            if shape is not None and not shape.is_compatible_with(existing.shape):
                raise ValueError(f"Trying to share variable {name}, but specified shape "
                                 f"{_shape_text(shape)} and found shape "
                                 f"{_shape_text(existing.shape)}.")
            found = dtypes.as_dtype(existing.dtype.name.replace("_ref", ""))
            if found != dtype:
                raise ValueError(f"Trying to share variable {name}, but specified dtype "
                                 f"{dtype.name} and found dtype {found.name}.")
            return existing
        if reuse is True:
            raise ValueError(f"Variable {name} does not exist, or was not created with "
                             f"tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in "
                             f"VarScope?")
        init_value = _initial_value(name, shape, dtype, initializer)
        v = _make_variable(self.graph, init_value, name, dtype, trainable, collections,
                           validate_shape, constraint)
        if self.graph is not None:
            self.vars[name] = v
        if regularizer is not None and self.graph is not None:
            with _Scope(self.graph, name + "/Regularizer"):
                loss = regularizer(v)
            if loss is not None:
                self.graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss)
        return v


def _shape_text(shape):
    dims = shape.as_list() if shape.rank is not None else None
    if dims is None:
        return "<unknown>"
    return "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"


def _initial_value(name, shape, dtype, initializer):
    """What `get_variable` initializes with: a value (then no shape may be given) or a
    callable drawing the initial value of `shape`."""
    if initializer is not None and not callable(initializer):
        if shape is not None and isinstance(initializer, (Tensor, TensorLike)):
            raise ValueError("If initializer is a constant, do not specify shape.")
        value = initializer
        if shape is not None:
            value = convert_to_tensor(value, dtype=dtype)
            if not shape.is_compatible_with(value.shape):
                raise ValueError("If initializer is a constant, do not specify shape.")
        return value
    if shape is None and initializer is None:
        raise ValueError(f"Variable {name} did not get an initializer, so its `shape` argument "
                         f"must be specified.")
    if shape is None or not shape.is_fully_defined():
        raise ValueError(f"Shape of a new variable ({name}) must be fully defined, but instead "
                         f"was {_shape_text(shape) if shape is not None else '<unknown>'}.")
    dims = shape.as_list()
    if initializer is None:
        if dtype.is_floating:
            initializer = glorot_uniform_initializer()
        elif dtype.is_integer or dtype.is_unsigned or dtype.is_bool:
            initializer = zeros_initializer()
        else:
            raise ValueError(f"An initializer for variable {name} of {dtype!r} is required")
    return lambda: initializer(dims, dtype=dtype)


def _make_variable(graph, init_value, name, dtype, trainable, collections, validate_shape,
                   constraint):
    if graph is not None:
        if isinstance(init_value, (Tensor, TensorLike)) or callable(init_value):
            kw_dtype = None if callable(init_value) else dtype
        else:
            kw_dtype = dtype
        return GraphVariable(init_value, trainable=trainable, name=name, dtype=kw_dtype,
                             collections=collections, validate_shape=validate_shape,
                             constraint=constraint, _absolute_name=True,
                             _ref=_mode["ref_variables"])
    value = init_value() if callable(init_value) else init_value
    v = Variable(value, trainable=trainable, dtype=dtype if not isinstance(
        value, (Tensor, TensorLike)) else None, constraint=constraint)
    v._name = name + ":0"
    return v


_eager_store = threading.local()


def _store():
    """The variable store of the graph being built (a TF1 graph's is shared by its
    `get_variable` calls), or eagerly one that shares nothing (TF 2 makes a new variable per
    call)."""
    g = _graph.building_graph()
    if g is None:
        s = getattr(_eager_store, "store", None)
        if s is None:
            s = _eager_store.store = _VariableStore(None)
        return s
    s = g.__dict__.get("_v1_variable_store")
    if s is None:
        s = g.__dict__["_v1_variable_store"] = _VariableStore(
            g if not g.building_function else None)
    return s


def get_variable_scope():
    """The current variable scope."""
    return _store().stack[-1]


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                 synchronization=None, aggregation=None):
    """The variable `name` of the current variable scope: made if new, shared when the scope
    reuses (see the module docstring)."""
    store = _store()
    scope = store.stack[-1]
    if partitioner is not None or scope.partitioner is not None:
        raise NotImplementedError("tf.compat.v1.get_variable with a partitioner (partitioned "
                                  "variables)")
    return scope.get_variable(store, name, shape=shape, dtype=dtype, initializer=initializer,
                              regularizer=regularizer, trainable=trainable,
                              collections=collections, validate_shape=validate_shape,
                              custom_getter=custom_getter, constraint=constraint)


class variable_scope:
    """A scope for `get_variable` names and sharing, that also opens a name scope for the
    operations built inside (see the module docstring)."""

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None,
                 regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
                 reuse=None, dtype=None, use_resource=None, constraint=None,
                 auxiliary_name_scope=True):
        if default_name is None and name_or_scope is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if not (reuse is True or reuse is False or reuse is None or reuse is AUTO_REUSE):
            raise ValueError("The reuse parameter must be True or False or None.")
        self._name_or_scope = name_or_scope
        self._default_name = default_name
        self._initializer = initializer
        self._regularizer = regularizer
        self._partitioner = partitioner
        self._custom_getter = custom_getter
        self._reuse = None if reuse is False else reuse
        self._dtype = dtype
        self._constraint = constraint
        self._auxiliary_name_scope = auxiliary_name_scope

    def __enter__(self):
        store = _store()
        parent = store.stack[-1]
        target = self._name_or_scope
        if isinstance(target, VariableScope):
            full = target.name
            reuse = self._reuse if self._reuse is not None else (
                target.reuse if target.reuse else parent.reuse)
            ns_name = target.original_name_scope or (full + "/" if full else "")
            base = target
        else:
            if target is None:
                full = self._unique_default(store, parent)
            else:
                if not isinstance(target, str):
                    raise TypeError(f"VariableScope: name_or_scope must be a string or "
                                    f"VariableScope. Got {target!r}")
                full = parent.name + "/" + target if parent.name else target
            reuse = self._reuse if self._reuse is not None else parent.reuse
            ns_name = None
            base = parent
        self._name_scope = None
        if self._auxiliary_name_scope:
            g = _graph.building_graph()
            if g is not None:
                if ns_name is not None:
                    self._name_scope = v1_ops.GraphNameScope(g, ns_name)
                else:
                    self._name_scope = _module.name_scope(full.split("/")[-1] if full else None)
                opened = self._name_scope.__enter__()
            else:
                opened = ns_name if ns_name is not None else (full + "/" if full else "")
        else:
            opened = ns_name if ns_name is not None else (full + "/" if full else "")
        scope = VariableScope(
            reuse, full,
            initializer=self._initializer if self._initializer is not None else base.initializer,
            regularizer=self._regularizer if self._regularizer is not None else base.regularizer,
            partitioner=self._partitioner if self._partitioner is not None else base.partitioner,
            custom_getter=self._custom_getter if self._custom_getter is not None
            else base.custom_getter,
            name_scope=opened,
            dtype=self._dtype if self._dtype is not None else base.dtype,
            constraint=self._constraint if self._constraint is not None else base.constraint)
        store.stack.append(scope)
        self._store = store
        return scope

    def _unique_default(self, store, parent):
        prefix = parent.name + "/" if parent.name else ""
        base = prefix + self._default_name
        n = store.scope_counts.get(base, 0)
        store.scope_counts[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    def __exit__(self, *exc):
        self._store.stack.pop()
        if self._name_scope is not None:
            self._name_scope.__exit__(*exc)
        return False


def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


def no_regularizer(_):
    return None


__all__ = [
    "AUTO_REUSE",
    "GraphKeys",
    "GraphVariable",
    "VariableScope",
    "VariableV1",
    "get_variable",
    "get_variable_scope",
    "global_variables",
    "global_variables_initializer",
    "local_variables",
    "local_variables_initializer",
    "trainable_variables",
    "variable_scope",
    "variables_initializer",
]
