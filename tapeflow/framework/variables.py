"""`tf.Variable`: mutable state that tapes watch automatically when read.

A variable holds a NumPy array that is replaced, never mutated, on assignment, so a tensor read
earlier keeps its value. Each read inside an active tape is recorded as a `ReadVariableOp` whose
input is the variable itself; the variable's gradient is the sum over its reads. Assignment is not
recorded (as in TF, it is not differentiable).

    >>> v = tf.Variable([1.0, 2.0], name="w")
    >>> v
    <tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>
    >>> v.assign_add([1.0, 1.0]).numpy()
    array([2., 3.], dtype=float32)
"""
import itertools
import sys

import numpy as np

from . import bfloat16, config_state, dtypes
from .errors import InvalidArgumentError, op_error
from .op import Op, _record, state
from .tensor import Reference, Tensor, convert_to_tensor, numpy_text, \
    register_tensor_conversion_function, wrap
from .tensor_shape import TensorShape

READ = Op("ReadVariableOp", lambda v: v, grad=lambda op, g: g,
          jvp=lambda op, dv: dv)
READ.sparse_grad_ok = True  # a variable's gradient may stay IndexedSlices
READ.batched_grad = True

_name_scope_stack = []
# getrefcount(v) inside _update when only the variable's slot holds v: the slot, the local
# name and getrefcount's own argument.
_PRIVATE_REFS = 3
_uids = itertools.count()  # creation order, which watched_variables() reports  # set by tf.name_scope / tf.Module; prefixes variable names


class Variable:
    """A mutable tensor-like value, as `tf.Variable` in eager mode."""

    __slots__ = ("_value", "_name", "_trainable", "_shape", "_uid", "__weakref__")
    _is_variable = True
    __array_priority__ = 100

    def __init__(self, initial_value=None, trainable=None, validate_shape=True, caching_device=None,
                 name=None, variable_def=None, dtype=None, import_scope=None, constraint=None,
                 synchronization=None, aggregation=None, shape=None,
                 experimental_enable_variable_lifting=True):
        if initial_value is None:
            raise ValueError("The `initial_value` arg to `tf.Variable` must be specified except when "
                             "you are not providing a `variable_def`. You provided neither.")
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
        self._value = v.copy() if type(v) is np.ndarray else v
        self._trainable = True if trainable is None else bool(trainable)
        self._uid = next(_uids)
        base = name if name is not None else "Variable"
        if _name_scope_stack:
            base = "/".join(_name_scope_stack) + "/" + base
        self._name = base + ":0"
        self._shape = self._value.shape if shape is None else TensorShape(shape)._dims
        if self._shape is not None and not validate_shape:
            self._shape = None

    # -- reading -------------------------------------------------------------------------------
    def _read(self):
        """The current value as a Tensor; recorded on active tapes (and auto-watched)."""
        t = wrap(self._value)
        if state.recorders:
            for rec in state.recorders:
                rec._variable_accessed(self)
            _record(READ, (self,), (t,), {})
        return t

    def value(self):
        return self._read()

    def read_value(self):
        return self._read()

    def numpy(self):
        v = self._value
        if type(v) is np.ndarray:
            if v.dtype.names is not None:  # bfloat16 storage: its float32 values
                return bfloat16.to_float32(v).copy()
            return v.copy()
        return v

    def __array__(self, dtype=None, copy=None):
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
        return dtypes.from_numpy(self._value.dtype)

    @property
    def shape(self):
        return TensorShape._from_tuple(self._shape) if self._shape is not None else TensorShape(None)

    def get_shape(self):
        return self.shape

    @property
    def ndim(self):
        return self._value.ndim

    @property
    def device(self):
        return config_state.device_of(self)

    @property
    def initial_value(self):
        raise RuntimeError("This property is not supported when eager execution is enabled.")

    @property
    def constraint(self):
        return None

    def ref(self):
        return Reference(self)

    def experimental_ref(self):
        return Reference(self)

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
        return float(self._value)

    def __int__(self):
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
        new = Variable(self._value, trainable=self._trainable)
        new._name, new._shape = self._name, self._shape
        return new

    # -- assignment (not differentiable) -------------------------------------------------------
    def _converted(self, value, op_name):
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

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Sets the value; a dtype is converted, a shape mismatch raises and changes nothing."""
        v = self._converted(value, "AssignVariableOp")
        self._value = v.copy() if type(v) is np.ndarray else v
        return self._after_assign(read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        self._update(np.add, self._converted(delta, "AssignAddVariableOp"))
        return self._after_assign(read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        self._update(np.subtract, self._converted(delta, "AssignSubVariableOp"))
        return self._after_assign(read_value)

    def _update(self, ufunc, delta):
        """value = ufunc(value, delta). In place when nothing else can see the array (no tensor
        read from it is alive: CPython's reference count says so), else into a new array, so
        that tensors read earlier keep their values."""
        v = self._value
        try:
            if type(v) is np.ndarray and v.base is None and sys.getrefcount(v) <= _PRIVATE_REFS:
                ufunc(v, delta, out=v)
            else:
                self._value = ufunc(v, delta)
        except TypeError:
            if v.dtype != dtypes.BFLOAT16_STORAGE:
                raise
            # bfloat16 storage has no NumPy arithmetic: compute in float32, round back
            self._value = bfloat16.from_values(ufunc(bfloat16.to_float32(v),
                                                     bfloat16.to_float32(delta)))

    def scatter_nd_update(self, indices, updates, name=None):
        idx = np.asarray(convert_to_tensor(indices)._value)
        new = np.array(self._value)
        new[tuple(np.moveaxis(idx, -1, 0))] = self._converted_any(updates)
        self._value = new
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
    _shape = property(lambda self: self._target._shape)
    _trainable = property(lambda self: self._target._trainable)
    _uid = property(lambda self: self._target._uid)
    name = property(lambda self: "UnreadVariable")

    def _read(self):
        return self._target._read()

    @property
    def _name(self):
        return self._target._name


def _convert_variable(var, dtype):
    if dtype is not None and dtype._np != var._value.dtype:
        raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                         f"{var.dtype.name}: {wrap(var._value)!r}")
    return var._read()


register_tensor_conversion_function(Variable, _convert_variable)
register_tensor_conversion_function(_UnreadVariable, _convert_variable)


def install_tensor_operators(names):
    """Gives Variable the operators Tensor has (they read the variable and return Tensors)."""
    for name in names:
        method = getattr(Tensor, name)

        def delegate(self, *args, _method=method):
            return _method(self._read(), *args)
        delegate.__name__ = name
        setattr(Variable, name, delegate)
