"""What the Keras layer, optimizer and loss modules share: `floatx`, `epsilon`, Keras's unique
names (`dense`, `dense_1`, ...), its name-scope stack (variable paths such as `sequential/dense/kernel`)
and `Variable`, the Keras variable.

A Keras variable is a `tf.Variable` whose `name` is short (`kernel`) and whose `path` holds the
scopes (`dense/kernel`); it prints as Keras 3 prints it:

    >>> v = tf.keras.Variable([1.0, 2.0], name="kernel")
    >>> v
    <Variable path=kernel, shape=(2,), dtype=float32, value=[1. 2.]>
"""
import collections
import contextlib

import numpy as np

from ..framework import dtypes
from ..framework.variables import Variable as _TFVariable
from ..framework.variables import _UnreadVariable

_FLOATX = "float32"
_EPSILON = 1e-7
_name_uids = collections.defaultdict(int)
_path_stack = []  # Keras name scopes (layer and optimizer names), outermost first


def floatx():
    """The default float type of Keras weights: 'float32'."""
    return _FLOATX


def epsilon():
    """The fuzz factor Keras adds to denominators and clips probabilities with: 1e-07."""
    return _EPSILON


def to_snake_case(name):
    import re
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
    return name


def auto_name(prefix):
    """A process-wide unique name: 'dense', then 'dense_1', 'dense_2', ..."""
    name = to_snake_case(prefix)
    n = _name_uids[name]
    _name_uids[name] += 1
    return name if n == 0 else f"{name}_{n}"


@contextlib.contextmanager
def name_scope(name):
    """Keras's scope for variable paths (a layer's or optimizer's name while it builds)."""
    _path_stack.append(name)
    try:
        yield
    finally:
        _path_stack.pop()


class DTypeName(str):
    """A dtype as Keras names it: the string 'float32', which also answers DType's attributes
    (`.is_floating`, `.name`, ...) and compares equal to `tf.float32`."""

    def __getattr__(self, attr):
        return getattr(dtypes.as_dtype(str(self)), attr)

    def __eq__(self, other):
        if isinstance(other, str):
            return str.__eq__(self, other)
        try:
            return dtypes.as_dtype(str(self)) == other
        except TypeError:
            return False

    __hash__ = str.__hash__


_autocast_stack = []  # the compute dtypes of the layers being called, innermost last


@contextlib.contextmanager
def autocast_scope(dtype):
    """Inside, float variables created with `autocast=True` read as `dtype` (Keras's
    AutocastScope: a mixed-precision layer computes in float16 on float32 weights)."""
    _autocast_stack.append(dtype)
    try:
        yield
    finally:
        _autocast_stack.pop()


class Variable(_TFVariable):
    """A Keras 3 variable: `name` is the short name, `path` adds the enclosing layer scopes, and
    `value` is the plain `tf.Variable` view (named `path:0`)."""

    __slots__ = ("_autocast", "_path", "_short_name", "constraint", "regularizer")

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, name=None,
                 autocast=True, aggregation="none", synchronization="auto", **kwargs):
        if callable(initializer):
            dtype = dtypes.as_dtype(dtype or floatx())
            from ..framework.op import state as _op_state
            if _op_state.interpreters:  # built inside a tf.function: initialized eagerly (Keras)
                from ..function import init_scope
                with init_scope():
                    initializer = initializer(tuple(shape), dtype=dtype)
            else:
                initializer = initializer(tuple(shape), dtype=dtype)
        super().__init__(initializer, trainable=trainable, dtype=dtype)
        self._autocast = autocast
        short = name or "variable"
        self._short_name = short
        self._path = "/".join(_path_stack + [short])
        self._name = self._path + ":0"

    @property
    def name(self):
        return self._short_name

    @property
    def dtype(self):
        """The dtype's name, as Keras 3 reports it ('float32'); it compares equal to tf.float32."""
        return DTypeName(dtypes.from_numpy(self._value.dtype).name)

    @property
    def path(self):
        return self._path

    @property
    def value(self):
        """The underlying `tf.Variable` (prints as `<tf.Variable 'dense/kernel:0' ...>`; a
        `MirroredVariable` when created under a tf.distribute strategy's scope)."""
        import sys
        values = sys.modules.get("tapeflow.distribute.values")
        mirrored = values.keras_value(self) if values is not None else None
        return mirrored if mirrored is not None else _PlainView(self)

    def __repr__(self):
        v = self._value
        text = str(v.item()) if np.ndim(v) == 0 else str(np.asarray(v))
        return "<Variable path=%s, shape=%s, dtype=%s, value=%s>" % (
            self._path, tuple(np.shape(v)), self.dtype, text)

    __str__ = __repr__


class _PlainView(_UnreadVariable):
    """A Keras variable seen as the plain `tf.Variable` it wraps in TF."""

    __slots__ = ()
    name = property(lambda self: self._target._name)

    def __repr__(self):
        return _TFVariable.__repr__(self)

    __str__ = __repr__


def _convert_keras_variable(var, dtype):
    from ..framework.variables import _convert_variable
    if _autocast_stack and var._autocast:
        compute = _autocast_stack[-1]
        own = dtypes.from_numpy(var._value.dtype)
        if own.is_floating and own != compute:
            from ..ops.math_ops import cast
            return cast(var._read(), compute)  # differentiable: the float32 weight gets it
    return _convert_variable(var, dtype)


def _register():
    from ..framework.tensor import register_tensor_conversion_function
    from ..framework.variables import _convert_variable
    register_tensor_conversion_function(Variable, _convert_keras_variable)
    register_tensor_conversion_function(_PlainView, _convert_variable)


_register()


def clear_session(free_memory=True):
    """Resets Keras's global state: default names start again at `dense`, `dense_1`, ..."""
    _name_uids.clear()
    del _path_stack[:]


def get_uid(prefix=""):
    """The next number for `prefix` (1, 2, ...), as Keras's name counter."""
    _name_uids[prefix] += 1
    return _name_uids[prefix]


def int_shape(x):
    shape = getattr(x, "shape", None)
    if shape is None:
        return None
    return tuple(shape.as_list()) if hasattr(shape, "as_list") else tuple(shape)


def image_data_format():
    return "channels_last"


def set_floatx(value):
    global _FLOATX
    _FLOATX = str(value)


def set_epsilon(value):
    global _EPSILON
    _EPSILON = float(value)


# -- shapes that work eagerly and in traced steps -------------------------------------------------
# Inside a traced `fit` step the batch dimension is unknown (None), as in Keras' TF backend; these
# give static Python values where the shape is known and int32 tensors where it is not.
def is_symbolic(x):
    """True for a tensor of a graph being traced (it has a shape and dtype, no value)."""
    from ..framework.op import is_concrete
    return hasattr(x, "_value") and not is_concrete(x)


def shape(x):
    """Keras's `ops.shape`: a tuple of ints, with int32 scalar tensors for unknown dimensions."""
    from ..ops import array_ops as A
    dims = x.shape.as_list() if x.shape.rank is not None else None
    if dims is not None and None not in dims:
        return tuple(dims)
    dynamic = A.shape(x)
    if dims is None:
        return dynamic
    return tuple(d if d is not None else dynamic[i] for i, d in enumerate(dims))


def dim(x, axis):
    """One dimension of `x`: an int when known, else an int32 scalar tensor."""
    d = x.shape.as_list()[axis]
    if d is not None:
        return d
    from ..ops import array_ops as A
    return A.shape(x)[axis]


def num_elements(x, dtype):
    """The number of elements of `x` as a scalar of `dtype` (a NumPy scalar when static)."""
    dims = x.shape.as_list()
    if None not in dims:
        return np.asarray(int(np.prod(dims)), dtypes.as_dtype(dtype)._np)
    from ..ops import array_ops as A
    from ..ops import math_ops as M
    return M.cast(M.reduce_prod(A.shape(x)), dtype)


def broadcast_like(x, like):
    """`x` broadcast to the shape of `like` (static shapes: `broadcast_to`, else by adding zeros
    of `like`'s shape, which is exact)."""
    from ..ops import array_ops as A
    dims = like.shape.as_list()
    if None not in dims:
        return A.broadcast_to(x, dims)
    return x + A.zeros_like(like, dtype=x.dtype)
