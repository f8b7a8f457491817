"""`tf.Variable`: mutable state that tapes watch automatically when read.

A tensor read from a variable never changes afterwards. `assign_add`/`assign_sub` update the
array in place only when nothing else holds it (CPython's reference count says so), else they
write a new array; a per-variable lock makes taking a reference (every read) and that
check-and-update one atomic step each, so a read in one thread never sees another thread's later
update, and concurrent updates of one variable never lose each other (TF's variables lock the
same way). Each read inside an active tape is recorded as a `ReadVariableOp` whose input is the
variable itself; the variable's gradient is the sum over its reads. Assignment is not
recorded (as in TF, it is not differentiable).

    >>> v = tf.Variable([1.0, 2.0], name="w")
    >>> v
    <tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>
    >>> v.assign_add([1.0, 1.0]).numpy()
    array([2., 3.], dtype=float32)
"""
import itertools
import sys
import threading
import weakref

import numpy as np

from . import bfloat16, dtypes
from .errors import InvalidArgumentError, op_error
from .op import _NO_ATTRS, ANY, _apply_recorded, apply, defop, state
from .tensor import (
    AbstractArray,
    Tensor,
    TensorLike,
    convert_to_tensor,
    numpy_text,
    register_tensor_conversion_function,
    value_leaving,
    wrap,
)
from .tensor_shape import TensorShape


def _same_batch(op, args, dims, attrs):
    return (args[0],), (dims[0],)


# A read is recorded so tapes can differentiate with respect to the variable; its gradient may
# stay IndexedSlices (the variable's gradient from a gather).
def _read_shape(a):
    """A read's aval: the variable's (a graph handle's dtype holds the value dtype)."""
    names = a.dtype.names
    if names is not None and names[0] == "resource":
        return AbstractArray(a.shape, a.dtype["resource"])
    return a


READ = defop("ReadVariableOp", lambda v: v, grad=lambda op, g: g, linear=True, allowed=ANY,
             shape=_read_shape, batch=_same_batch, sparse_grad=True, batched_grad=True)

def _assign_shape(var, value):
    return value


def _no_vmap(op, args, dims, attrs):
    raise NotImplementedError(f"vmap of {op.name} (a variable assignment) is not supported")


def _graph_assign(var, value):
    var.assign(value, read_value=False)
    return var._value


def _graph_assign_add(var, value):
    var.assign_add(value, read_value=False)
    return var._value


def _graph_assign_sub(var, value):
    var.assign_sub(value, read_value=False)
    return var._value


# Assignments inside graphs (eagerly, `assign` updates the variable directly): stateful, not
# differentiable (as in TF); the forward gets the Variable itself (from its handle) and returns
# the new value.
ASSIGN = defop("AssignVariableOp", _graph_assign, nondiff=True, stateful=True, allowed=ANY,
               shape=_assign_shape, batch=_no_vmap)
ASSIGN_ADD = defop("AssignAddVariableOp", _graph_assign_add, nondiff=True, stateful=True,
                   allowed=ANY, shape=_assign_shape, batch=_no_vmap)
ASSIGN_SUB = defop("AssignSubVariableOp", _graph_assign_sub, nondiff=True, stateful=True,
                   allowed=ANY, shape=_assign_shape, batch=_no_vmap)

_name_scope_stack = []  # set by tf.name_scope / tf.Module; prefixes variable names
# getrefcount(v) inside _update when only the variable's slot holds v: the slot, the local
# name and getrefcount's own argument.
_PRIVATE_REFS = 3
_uids = itertools.count()  # creation order, which watched_variables() reports
# Called with each new variable once it is made (tf.distribute's strategy scopes register their
# variables here: mirrored in one process, broadcast from the chief across processes). Empty
# unless a scope is open, so creation pays nothing otherwise.
creation_hooks = []


class Variable(TensorLike):
    """A mutable tensor-like value, as `tf.Variable` in eager mode."""

    __slots__ = ("__weakref__", "_array", "_lock", "_name", "_shape", "_trainable", "_uid")

    def __new__(cls, *args, **kwargs):
        # Made while a TF1 graph (not a function's) is being built: a graph variable, whose
        # value lives in each Session (tapeflow/compat/v1_variables.py).
        if cls is Variable and state.interpreters:
            from .graph import building_graph
            g = building_graph()
            if g is not None and not g.building_function:
                from ..compat.v1_variables import GraphVariable
                return object.__new__(GraphVariable)
        return object.__new__(cls)

    def __init__(self, initial_value=None, trainable=None, validate_shape=True, caching_device=None,
                 name=None, variable_def=None, dtype=None, import_scope=None, constraint=None,
                 synchronization=None, aggregation=None, shape=None,
                 experimental_enable_variable_lifting=True):
        if initial_value is None:
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except when "
                             "you are not providing a `variable_def`. You provided neither.")
        if state.interpreters:  # made while a tf.function is traced: as TF, lifted out of it
            from ..function import lift_initial_value, variable_created_in_trace
            variable_created_in_trace(self)
            initial_value = lift_initial_value(initial_value, dtype)
        if callable(initial_value):
            initial_value = initial_value()
        try:
            t = convert_to_tensor(initial_value, dtype=dtype)
        except ValueError as e:
            if isinstance(initial_value, Tensor):
                raise ValueError(f"initial_value: {e}") from None
            raise
        if dtype is not None and t.dtype != dtypes.as_dtype(dtype):
            t = wrap(np.asarray(t._value).astype(dtypes.as_dtype(dtype)._np))
        v = t._value
        self._lock = threading.Lock()
        self._array = v.copy() if type(v) is np.ndarray else v
        self._trainable = True if trainable is None else bool(trainable)
        self._uid = next(_uids)
        base = name if name is not None else "Variable"
        if _name_scope_stack:
            base = "/".join(_name_scope_stack) + "/" + base
        self._name = base + ":0"
        self._shape = self._value.shape if shape is None else TensorShape(shape)._dims
        if self._shape is not None and not validate_shape:
            self._shape = None
        if creation_hooks:
            for hook in tuple(creation_hooks):
                hook(self, aggregation, synchronization)

    # -- the array, taken and replaced under the lock ---------------------------------------------
    @property
    def _value(self):
        """The current array. Whoever holds it keeps it unchanged: an update seeing the extra
        reference writes a new array instead. (Its dtype and shape never change, so code that
        only needs those may read `_array` without the lock.)"""
        with self._lock:
            return self._array

    @_value.setter
    def _value(self, array):
        with self._lock:
            self._array = array

    # -- reading -------------------------------------------------------------------------------
    def _read(self):
        """The current value as a Tensor; recorded on active tapes (and auto-watched).

        This is the implicit read (a variable passed to an op or operator): while the same
        observers stay active, repeated reads of an unchanged variable return the tensor of the
        first one, recorded once, instead of one ReadVariableOp per use (the gradient is the same
        sum). "Unchanged" is exact: an update never writes into an array a live tensor holds,
        so the variable still holding the cached tensor's array means no assignment happened."""
        recs = state.recorders
        if not recs:
            return wrap(self._value)
        if state.interpreters:  # graphs order reads against assignments: one op per read
            return self._read_recorded(recs)
        reads = state.reads
        hit = reads.get(id(self))
        if hit is not None and hit[1]._value is self._array:
            return hit[1]
        t = self._read_recorded(recs)
        reads[id(self)] = (self, t)  # (holding the variable keeps its id unique)
        return t

    def _read_recorded(self, recs):
        for rec in recs:
            rec.variable_accessed(self)
        return _apply_recorded(READ, (self,), _NO_ATTRS)

    def _read_fresh(self):
        """An explicit read (`value()`, `read_value()`): a read op of its own under a tape, as
        in TF, so a gradient with respect to its tensor sees only that tensor's uses."""
        recs = state.recorders
        return self._read_recorded(recs) if recs else wrap(self._value)

    def value(self):
        return self._read_fresh()

    def read_value(self):
        return self._read_fresh()

    def numpy(self):
        if state.recorders:
            value_leaving(self)
        v = self._value
        if type(v) is np.ndarray:
            if v.dtype.names is not None:  # bfloat16 storage: its float32 values
                return bfloat16.to_float32(v).copy()
            return v.copy()
        return v

    def __array__(self, dtype=None, copy=None):
        if state.recorders:
            value_leaving(self)
        return np.array(self._value, dtype=dtype, copy=True)

    # -- properties ----------------------------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def trainable(self):
        return self._trainable

    @property
    def dtype(self):
        return dtypes.from_numpy(self._array.dtype)

    @property
    def shape(self):
        return TensorShape._from_tuple(self._shape) if self._shape is not None else TensorShape(None)

    @property
    def ndim(self):
        return self._array.ndim

    @property
    def initial_value(self):
        raise RuntimeError("This property is not supported when eager execution is enabled.")

    @property
    def constraint(self):
        return None

    def __hash__(self):
        raise TypeError(f"Variable is unhashable. Instead, use variable.ref() as the key. "
                        f"(Variable: {self!r})")

    def __len__(self):
        raise TypeError("object of type 'ResourceVariable' has no len()")

    def __iter__(self):
        return iter(self._read())

    def __bool__(self):
        return bool(self._value)

    def __float__(self):
        if state.recorders:
            value_leaving(self)
        return float(self._value)

    def __int__(self):
        if state.recorders:
            value_leaving(self)
        return int(self._value)

    def __index__(self):
        return self._read().__index__()

    def __format__(self, spec):
        return self._value.__format__(spec)

    def __repr__(self):
        return "<tf.Variable '%s' shape=%s dtype=%s, numpy=%s>" % (
            self.name, self.shape, self.dtype.name, numpy_text(self._value, is_repr=True))

    __str__ = __repr__

    def __deepcopy__(self, memo):
        new = Variable(self.numpy(), trainable=self._trainable)
        new._name, new._shape = self._name, self._shape
        return new

    # -- assignment (not differentiable) -------------------------------------------------------
    def _converted(self, value, op_name):
        if type(value) is np.ndarray and value.dtype == self._array.dtype and \
                value.shape == self._shape:  # (an optimizer's update: already an array)
            return value if value.ndim else value[()]  # a scalar is held as a NumPy scalar
        t = convert_to_tensor(value, dtype=self.dtype)
        v = t._value
        if self._shape is not None and v.shape != self._shape:
            if op_name == "AssignVariableOp":
                raise ValueError(
                    f"Cannot assign value to variable ' {self._name}': Shape mismatch.The variable "
                    f"shape {TensorShape(self._shape)}, and the assigned value shape "
                    f"{TensorShape(v.shape)} are incompatible.")
            raise op_error(InvalidArgumentError, op_name,
                           f"Cannot update variable with shape [{','.join(map(str, self._shape))}] "
                           f"using a Tensor with shape [{','.join(map(str, v.shape))}], shapes must "
                           f"be equal.")
        return v

    def _after_assign(self, read_value):
        return _UnreadVariable(self) if read_value else None

    def _in_graph(self, op, value, read_value):
        """An assignment while a graph is being built: an operation of that graph."""
        from .graph import building_graph
        if building_graph() is None:
            return None
        t = convert_to_tensor(value, dtype=self.dtype)
        if self._shape is not None and t._value.shape is not None and \
                not TensorShape(t._value.shape).is_compatible_with(TensorShape(self._shape)):
            self._converted(value, op.name)  # raises TF's error for the mismatch
        out = apply(op, (self, t))
        return out if read_value else out.op

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Sets the value; a dtype is converted, a shape mismatch raises and changes nothing."""
        if state.interpreters:
            out = self._in_graph(ASSIGN, value, read_value)
            if out is not None:
                return out
        v = self._converted(value, "AssignVariableOp")
        v = v.copy() if type(v) is np.ndarray else v
        with self._lock:
            self._array = v
        return self._after_assign(read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        if state.interpreters:
            out = self._in_graph(ASSIGN_ADD, delta, read_value)
            if out is not None:
                return out
        self._update(np.add, self._converted(delta, "AssignAddVariableOp"))
        return self._after_assign(read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        if state.interpreters:
            out = self._in_graph(ASSIGN_SUB, delta, read_value)
            if out is not None:
                return out
        self._update(np.subtract, self._converted(delta, "AssignSubVariableOp"))
        return self._after_assign(read_value)

    def _update(self, ufunc, delta):
        """value = ufunc(value, delta), atomically. In place when nothing else can see the array
        (no tensor read from it is alive: CPython's reference count says so; readers take their
        reference under the same lock), else into a new array, so that tensors read earlier keep
        their values."""
        with self._lock:
            v = self._array
            try:
                if type(v) is np.ndarray and v.base is None and sys.getrefcount(v) <= _PRIVATE_REFS:
                    ufunc(v, delta, out=v)
                else:
                    self._array = ufunc(v, delta)
            except TypeError:
                if v.dtype != dtypes.BFLOAT16_STORAGE:
                    raise
                # bfloat16 storage has no NumPy arithmetic: compute in float32, round back
                self._array = bfloat16.from_values(ufunc(bfloat16.to_float32(v),
                                                         bfloat16.to_float32(delta)))

    def _replace(self, key, updates):
        """value[key] = updates, into a new array (atomically: read, copy, write under the lock)."""
        with self._lock:
            new = np.array(self._array)
            new[key] = updates
            self._array = new

    def scatter_nd_update(self, indices, updates, name=None):
        """Sets the slices at `indices` (an [..., k] integer tensor) to `updates`."""
        idx = np.asarray(convert_to_tensor(indices)._value)
        shape = self._value.shape
        k = idx.shape[-1] if idx.ndim else 0
        if idx.ndim == 0 or k > len(shape):
            raise op_error(InvalidArgumentError, "ResourceScatterNdUpdate",
                           f"Dimensions [0,{idx.ndim}) of indices[shape={list(idx.shape)}] must "
                           f"be a prefix of the variable's shape; the last dimension of indices "
                           f"({k}) must be at most its rank ({len(shape)})")
        flat = idx.reshape(-1, k)
        bad = np.nonzero(((flat < 0) | (flat >= np.asarray(shape[:k], dtype=flat.dtype)))
                         .any(axis=1))[0]
        if bad.size:
            i = int(bad[0])
            raise op_error(InvalidArgumentError, "ResourceScatterNdUpdate",
                           f"indices[{i}] = "
                           f"[{', '.join(map(str, flat[i].tolist()))}] does not index into shape "
                           f"[{','.join(map(str, shape))}]")
        self._replace(tuple(np.moveaxis(idx, -1, 0)), self._converted_any(updates))
        return _UnreadVariable(self)

    def __getitem__(self, key):
        """`v[key]`: the slice as a Tensor (differentiable) that also has `.assign(value)`,
        which writes `value` into that slice of the variable (TF's sliced assignment).

        >>> v = tf.Variable([1.0, 2.0, 3.0])
        >>> v[1:].assign([5.0, 6.0]).numpy()
        array([1., 5., 6.], dtype=float32)
        """
        result = self._read()[key]
        _slices[id(result)] = (weakref.ref(result, _forget_slice(id(result))), self, key)
        return result

    def _assign_slice(self, key, value):
        """value into self[key], with TF's broadcast rule (value broadcasts to the slice)."""
        updates = self._converted_any(value)
        with self._lock:
            new = np.array(self._array)
            target = new[key]
            try:
                new[key] = np.broadcast_to(updates, np.shape(target))
            except ValueError:
                raise op_error(InvalidArgumentError, "ResourceStridedSliceAssign",
                               f"Cannot broadcast input shape "
                               f"[{','.join(map(str, np.shape(updates)))}] into final shape "
                               f"[{','.join(map(str, np.shape(target)))}]") from None
            self._array = new
        return _UnreadVariable(self)

    def _converted_any(self, value):
        return convert_to_tensor(value, dtype=self.dtype)._value


class _UnreadVariable(Variable):
    """What `assign` returns in eager TF: a view of the variable that prints as 'UnreadVariable'."""

    __slots__ = ("_target",)

    def __init__(self, target):
        self._target = target

    _value = property(lambda self: self._target._value,
                      lambda self, v: setattr(self._target, "_value", v))
    _array = property(lambda self: self._target._array,
                      lambda self, v: setattr(self._target, "_array", v))
    _lock = property(lambda self: self._target._lock)
    _shape = property(lambda self: self._target._shape)
    _trainable = property(lambda self: self._target._trainable)
    _uid = property(lambda self: self._target._uid)
    name = property(lambda self: "UnreadVariable")

    def _read(self):
        return self._target._read()

    def _read_fresh(self):
        return self._target._read_fresh()

    @property
    def _name(self):
        return self._target._name


# id(tensor) -> (weakref to it, variable, key) for tensors made by `Variable.__getitem__`, which
# have `.assign`. Keyed by id (tensors are unhashable); the weakref's callback drops the entry.
_slices = {}


def _forget_slice(key):
    def forget(_ref):
        _slices.pop(key, None)
    return forget


class _SliceAssign:
    """`Tensor.assign`: present only on a tensor sliced from a variable (`v[0].assign(1.0)`), as
    in TF; other tensors have no such attribute."""

    def __get__(self, tensor, owner=None):
        if tensor is None:
            return self
        entry = _slices.get(id(tensor))
        if entry is None or entry[0]() is not tensor:
            raise AttributeError(f"'{type(tensor).__name__}' object has no attribute 'assign'")
        _, var, key = entry

        def assign(value, name=None):
            return var._assign_slice(key, value)
        return assign


Tensor.assign = _SliceAssign()


def _convert_variable(var, dtype):
    if dtype is not None and dtype._np != var._array.dtype:
        raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                         f"{var.dtype.name}: {wrap(var._value)!r}")
    return var._read()


register_tensor_conversion_function(Variable, _convert_variable)
register_tensor_conversion_function(_UnreadVariable, _convert_variable)


def install_tensor_operators(names):
    """Gives Variable the operators Tensor has (they read the variable and return Tensors),
    except those Variable defines itself (`__getitem__`, whose result can be assigned to)."""
    for name in names:
        own = vars(Variable).get(name)
        if own is not None and not getattr(own, "_tensor_delegate", False):
            continue  # re-installing (NumPy behaviour's operators) replaces only delegates
        method = getattr(Tensor, name)

        def delegate(self, *args, _method=method):
            return _method(self._read(), *args)
        delegate.__name__ = name
        delegate._tensor_delegate = True
        setattr(Variable, name, delegate)
