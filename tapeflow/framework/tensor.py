"""The eager `Tensor`: an immutable wrapper over a NumPy array, and conversion to it.

Terminology used across the engine: a tensor's `_value` is a NumPy ndarray or, for 0-d results of
NumPy ufuncs, a NumPy scalar (np.generic); both have `.shape` and `.dtype`, and neither is ever
mutated after the tensor is made. Operators (`+`, `*`, `[]`, ...) are attached by the op modules,
so this file knows nothing of particular ops.

    >>> import tapeflow as tf
    >>> t = tf.constant([[1.0, 2.0]])
    >>> t.shape, t.dtype
    (TensorShape([1, 2]), tf.float32)
"""
import numbers

import numpy as np

from . import bfloat16, config_state, dtypes
from .errors import SymbolicValueError
from .tensor_shape import TensorShape

_new = object.__new__
_ndarray = np.ndarray
_generic = np.generic


class _NoRecorders:
    recorders = ()


# The thread's recorder stack state; `framework.op` installs the real one when it is imported.
# Turning a value into NumPy/Python while a recorder is active tells the recorders
# (`Recorder.value_left`): that is how `explain` knows a value left the tape.
recorder_state = _NoRecorders()


def value_leaving(x):
    """Tells the active recorders that `x` is being turned into a NumPy or Python value."""
    for r in recorder_state.recorders:
        r.value_left(x)


class AbstractArray:
    """The shape and dtype of a value without its elements (an "aval"): what shape rules compute,
    and what symbolic and batched tensors carry as `_value`. Dimensions may be None (unknown).
    Asking for its elements raises `SymbolicValueError`.

    >>> from tapeflow.framework.tensor import AbstractArray
    >>> AbstractArray((None, 3), np.float32)
    AbstractArray((None, 3), float32)
    """

    __slots__ = ("shape", "dtype")

    def __init__(self, shape, dtype):
        self.shape = None if shape is None else tuple(shape)  # None: unknown rank
        self.dtype = np.dtype(dtype)

    @property
    def ndim(self):
        return None if self.shape is None else len(self.shape)

    @property
    def size(self):
        if self.shape is None:
            return None
        n = 1
        for d in self.shape:
            if d is None:
                return None
            n *= d
        return n

    def __array__(self, dtype=None, copy=None):
        raise SymbolicValueError("This tensor has no value here (it is symbolic: a graph or vmap "
                                 "tensor), so it cannot be converted to a NumPy array.")

    def item(self):
        return self.__array__()

    def __getitem__(self, key):
        return self.__array__()

    def __eq__(self, other):
        return (type(other) is AbstractArray and self.shape == other.shape
                and self.dtype == other.dtype)

    def __hash__(self):
        return hash((self.shape, self.dtype))

    def __repr__(self):
        return "AbstractArray(%r, %s)" % (self.shape, self.dtype)


class TensorLike:
    """What tensors and variables share: `_value` (an ndarray, NumPy scalar or AbstractArray),
    and the inspection methods over it. `isinstance(x, TensorLike)` is how the engine asks
    "a tensor or a variable?"."""

    __slots__ = ()
    # NumPy defers to our reflected operators (np_array + tensor -> Tensor.__radd__).
    __array_priority__ = 100

    @property
    def shape(self):
        return TensorShape._from_tuple(self._value.shape)

    def get_shape(self):
        return self.shape

    @property
    def dtype(self):
        return dtypes.from_numpy(self._value.dtype)

    @property
    def ndim(self):
        return self._value.ndim

    @property
    def device(self):
        return config_state.device_of(self)

    def ref(self):
        """A hashable reference to this object, for dict keys and sets."""
        return Reference(self)

    def experimental_ref(self):
        return Reference(self)


class Tensor(TensorLike):
    """An immutable multidimensional array, as `tf.Tensor` in eager mode.

    >>> tf.constant(16.0)
    <tf.Tensor: shape=(), dtype=float32, numpy=16.0>
    """

    __slots__ = ("_value", "__weakref__")

    def __init__(self, value):
        self._value = value

    @property
    def name(self):
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    def eval(self, feed_dict=None, session=None):
        raise NotImplementedError("eval is not supported when eager execution is enabled, is "
                                  ".numpy() what you're looking for?")

    def numpy(self):
        """The value as a NumPy array (a copy) or NumPy scalar (float32 for bfloat16)."""
        if recorder_state.recorders:
            value_leaving(self)
        v = self._value
        if type(v) is _ndarray:
            if v.dtype.names is not None:
                return _special_numpy(v)
            return v.copy() if v.ndim else v[()]
        return v

    def __array__(self, dtype=None, copy=None):
        if recorder_state.recorders:
            value_leaving(self)
        v = np.asarray(self._value)
        if v.dtype.names is not None:
            v = np.asarray(_special_numpy(v))
        if dtype is not None and v.dtype != dtype:
            return v.astype(dtype)
        if copy:
            return v.copy()
        view = v.view()
        view.flags.writeable = False  # the tensor is immutable: NumPy gets a read-only view
        return view

    def __len__(self):
        shape = self._value.shape
        if not shape:
            raise TypeError("Scalar tensor has no `len()`")
        return shape[0]

    def __iter__(self):
        shape = self._value.shape
        if not shape:
            raise TypeError("Cannot iterate over a scalar tensor.")
        for i in range(shape[0]):
            yield self[i]

    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __bool__(self):
        return bool(self._value)

    def __float__(self):
        if recorder_state.recorders:
            value_leaving(self)
        try:
            return float(self._value)
        except TypeError:  # bfloat16 storage
            return float(_special_numpy(self._value))

    def __int__(self):
        if recorder_state.recorders:
            value_leaving(self)
        try:
            return int(self._value)
        except TypeError:  # bfloat16 storage
            return int(_special_numpy(self._value))

    def __index__(self):
        if self._value.dtype.kind not in "iu":
            raise TypeError("Only integer tensors can be used as an index.")
        return int(self._value)

    def __complex__(self):
        return complex(self._value)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return convert_to_tensor, (self.numpy(),)

    # -- printing (TF 2.21's formats) -------------------------------------------------------
    def __str__(self):
        return "tf.Tensor(%s, shape=%s, dtype=%s)" % (
            numpy_text(self._value), self.shape, self.dtype.name)

    def __repr__(self):
        return "<tf.Tensor: shape=%s, dtype=%s, numpy=%s>" % (
            self.shape, self.dtype.name, numpy_text(self._value, is_repr=True))

    def __format__(self, format_spec):
        return self._value.__format__(format_spec)


# Eager tensors are instances of TF's EagerTensor class: `type(t).__name__` prints that name.
Tensor.__name__ = Tensor.__qualname__ = "EagerTensor"


def numpy_text(value, is_repr=False):
    """The value's text as TF prints it inside `tf.Tensor(...)` and `<tf.Tensor ...>`."""
    if value.dtype.names is not None:  # bfloat16 storage
        text = bfloat16.text(value, is_repr)
    elif is_repr:
        text = repr(value.item()) if value.ndim == 0 else repr(value)
    else:
        text = str(value)
    if "\n" in text:
        text = "\n" + text
    return text


class Reference:
    """A hashable reference to a tensor or variable, from `.ref()`."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self):
        return id(self._obj)

    def __eq__(self, other):
        return isinstance(other, Reference) and other._obj is self._obj

    def __repr__(self):
        return "<Reference wrapping %r>" % (self._obj,)


def wrap(value):
    """A Tensor over `value` (an ndarray or NumPy scalar), without checks. The hot path."""
    t = _new(Tensor)
    t._value = value
    return t


# -- conversion -------------------------------------------------------------------------------
_conversion_functions = {}  # type -> fn(value, dtype) returning a Tensor

# Set by `tf.experimental.numpy`'s "all"/"safe" promotion modes: hook(value, dtype, tensor) ->
# the tensor to use instead (weak for Python numbers in tf.constant; a tensor of another dtype
# converted where TF's auto dtype conversion allows it), or None to keep TF's rules. Read only
# where tf.constant builds from Python values and where a dtype mismatch would raise.
conversion_hook = None


def register_tensor_conversion_function(base_type, conversion_func):
    """Lets `convert_to_tensor` accept instances of `base_type` (e.g. Variable)."""
    _conversion_functions[base_type] = conversion_func


_KIND_RANK = {"b": 0, "i": 1, "u": 1, "f": 2, "c": 3}


def _first_leaf_is_complex(value):
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return isinstance(value, complex)


def _python_leaves_kind(value):
    """The widest Python scalar kind ('b', 'i', 'f', 'c', 'S') in a nest of Python values, and
    the NumPy dtype of any NumPy/tensor leaves (which decide the dtype when present)."""
    kind, np_dtype = "b", None
    stack = [value]
    seen_any = False
    kinds = set()
    while stack:
        v = stack.pop()
        if isinstance(v, (list, tuple)):
            stack.extend(v)
            continue
        seen_any = True
        if isinstance(v, bool):
            kinds.add("b")
            continue
        if isinstance(v, (Tensor, _ndarray, _generic)) or v.__class__ in _conversion_functions:
            d = np.asarray(v).dtype
            np_dtype = d if np_dtype is None else np.promote_types(np_dtype, d)
            continue
        if isinstance(v, numbers.Integral):
            k = "i"
        elif isinstance(v, numbers.Real):
            k = "f"
        elif isinstance(v, numbers.Complex):
            k = "c"
        elif isinstance(v, (str, bytes)):
            k = "S"
        else:
            raise ValueError(f"Attempt to convert a value ({v!r}) with an unsupported type "
                             f"({type(v)!r}) to a Tensor.")
        kinds.add(k)
        if k != "S" and _KIND_RANK[k] > _KIND_RANK.get(kind, 0):
            kind = k
    if not seen_any:
        return None, None  # [] -> float32 unless a dtype is given
    # TF mixes ints and floats freely, and complex numbers only after a complex first element
    if len(kinds) > 1 and (not kinds <= {"i", "f", "c"}
                           or ("c" in kinds and not _first_leaf_is_complex(value))):
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    if kinds == {"S"}:
        return "S", None
    return kind, np_dtype


def _as_array(value):
    try:
        return np.array(value)
    except ValueError as e:
        if "inhomogeneous" in str(e) or "sequence" in str(e):
            raise ValueError("Can't convert non-rectangular Python sequence to Tensor.") from None
        raise


def _convert_python(value, dtype):
    """Python scalars and nested lists, with TF's inference and conversion checks."""
    kind, np_dtype = _python_leaves_kind(value)
    if kind == "S":
        if dtype is not None and dtype is not dtypes.string:
            raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype.name}")
        arr = np.array(value, dtype=object)
        flat = [v.encode() if isinstance(v, str) else v for v in arr.reshape(-1)]
        out = np.empty(len(flat), dtype=object)
        out[:] = flat
        return out.reshape(arr.shape)
    arr = _as_array(value)
    if kind == "i" and dtype is None and arr.dtype.kind not in "iu" or arr.dtype == np.uint64 \
            and dtype is None:
        raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
    if kind is None:
        return arr.astype(np.float32 if dtype is None else dtype._np)
    if dtype is None:
        if np_dtype is not None:
            if _KIND_RANK.get(np_dtype.kind, 0) >= _KIND_RANK[kind]:
                return arr.astype(np_dtype, copy=False)
        if kind == "f":
            return arr.astype(np.float32)
        if kind == "i":
            if arr.size and (arr.max() > 2**31 - 1 or arr.min() < -2**31):
                return arr.astype(np.int64)
            return arr.astype(np.int32)
        if kind == "c":
            return arr.astype(np.complex128)
        return arr.astype(np.bool_)
    target = dtype._np
    if dtype is dtypes.string or _KIND_RANK[target.kind] < _KIND_RANK[kind]:
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype.name}")
    if target.kind in "iu" and arr.dtype.kind in "iu":
        return arr.astype(np.int64).astype(target)  # wraps around, as TF does
    return arr.astype(target)


def convert_to_tensor(value, dtype=None, name=None, dtype_hint=None, preferred_dtype=None):
    """Converts Python values, NumPy arrays, tensors and variables to a Tensor.

    >>> tf.convert_to_tensor([1, 2]).dtype
    tf.int32
    """
    if type(value) is Tensor:
        if dtype is not None:
            dtype = dtypes.as_dtype(dtype)
            if value._value.dtype != dtype._np:
                converted = conversion_hook and conversion_hook(value, dtype, value)
                if converted is not None:
                    return converted
                raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                                 f"dtype {value.dtype.name}: {value!r}")
        return value
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
        kind = _FAST_SCALAR_KINDS.get(type(value))
        if kind is not None and dtype._np.kind in kind:  # `x * 2.0`: a Python number, same kind
            return wrap(dtype._np.type(value))
    fn = _conversion_functions.get(type(value))
    if fn is None:
        for base, f in _conversion_functions.items():
            if isinstance(value, base):
                fn = f
                break
    if fn is not None:
        return fn(value, dtype)
    if isinstance(value, Tensor):  # symbolic and batched tensors
        if dtype is not None and value._value.dtype != dtype._np:
            raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    if (type(value) is list or type(value) is tuple) and _needs_packing(value):
        return _autopack(value, dtype)
    hint = dtype_hint if dtype_hint is not None else preferred_dtype
    if dtype is None and hint is not None:
        try:
            return convert_to_tensor(value, hint)
        except (TypeError, ValueError):
            pass
    return Tensor(_to_array(value, dtype))


def _needs_packing(value):
    """A list holding tensors is stacked by an op (TF's autopacking) when that op matters: a
    recorder is active (so gradients reach the elements) or an element is not a concrete
    eager tensor (a symbolic one, a variable)."""
    from .op import state
    found = False
    stack = [value]
    while stack:
        v = stack.pop()
        if type(v) is list or type(v) is tuple:
            stack.extend(v)
        elif isinstance(v, TensorLike):
            if type(v) is not Tensor or type(v._value) is AbstractArray:
                return True
            found = True
    return found and bool(state.recorders)


def _autopack(value, dtype):
    """`value` (nested lists holding tensors) as one tensor: each level stacked with the Pack
    primitive, every element converted to `dtype` or else to the first tensor's dtype."""
    from ..prims import base as P
    if dtype is None:
        stack = [value]
        while stack:
            v = stack.pop(0)
            if type(v) is list or type(v) is tuple:
                stack[:0] = list(v)
            elif isinstance(v, TensorLike):
                dtype = v.dtype
                break

    def pack(v):
        if type(v) is list or type(v) is tuple:
            if not v:
                raise ValueError("Can't autopack an empty nested list that holds tensors")
            return P.stack([pack(e) for e in v], 0)
        return convert_to_tensor(v, dtype=dtype)
    return pack(value)


# Python scalar types whose conversion to a dtype of the listed NumPy kinds is exact and needs
# none of the general inference (float -> float/complex; int -> int/float/complex, in range).
_FAST_SCALAR_KINDS = {float: "fc", int: "fc"}


def _to_array(value, dtype):
    """A NumPy value for `value`: an ndarray, or a NumPy scalar for 0-d (as TF's .numpy());
    strings stay object arrays (a 0-d one for a scalar string)."""
    if dtype is not None and not dtype._plain:
        return _to_special(value, dtype)
    arr = _to_array_nd(value, dtype)
    return arr if arr.dtype == object else arr[()]


def _to_array_nd(value, dtype):
    if isinstance(value, (_ndarray, _generic)):
        if value.dtype.kind in "SUO":  # string tensors hold bytes, as TF's .numpy() gives
            arr = np.asarray(value, dtype=object)
            flat = [v.encode() if isinstance(v, str) else
                    bytes(v) if isinstance(v, np.bytes_) else v for v in arr.reshape(-1)]
            out = np.empty(len(flat), dtype=object)
            out[:] = flat
            return out.reshape(arr.shape)
        if dtype is None:
            return value.copy() if isinstance(value, _ndarray) else value
        return np.asarray(value).astype(dtype._np)
    if hasattr(value, "__array__") and not isinstance(value, (list, tuple)):
        return _to_array_nd(np.asarray(value), dtype)
    if value is None:
        raise ValueError("Attempt to convert a value (None) with an unsupported type "
                         "(<class 'NoneType'>) to a Tensor.")
    return _convert_python(value, dtype)




def constant(value, dtype=None, shape=None, name="Const"):
    """Creates a constant tensor, as `tf.constant`.

    >>> tf.constant([1, 2, 3], shape=(3, 1)).shape
    TensorShape([3, 1])
    """
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, Tensor) or type(value) in _conversion_functions:
        t = convert_to_tensor(value)
        if dtype is not None and t.dtype != dtype and conversion_hook is not None:
            converted = conversion_hook(value, dtype, t)
            t = t if converted is None else converted
        if dtype is not None and t.dtype != dtype:
            raise TypeError(f"Expected tensor {numpy_text(t._value)} with dtype {dtype!r}, but got "
                            f"dtype {t.dtype!r}.")
    else:
        t = Tensor(_to_array(value, dtype))
        if conversion_hook is not None:
            converted = conversion_hook(value, dtype, t)
            t = t if converted is None else converted
    if shape is None:
        return _in_tf1_graph(t, name)
    shape = tuple(TensorShape(shape).as_list())
    arr = t._value
    n = int(np.prod(shape))
    if arr.size == n:
        return _in_tf1_graph(Tensor(np.reshape(arr, shape)), name)
    if arr.size == 1:
        return _in_tf1_graph(Tensor(np.full(shape, arr.reshape(()), dtype=arr.dtype)), name)
    raise TypeError(f"Eager execution of tf.constant with unsupported shape. Tensor {arr} (converted "
                    f"from {value}) has {arr.size} elements, but got `shape` {shape} with {n} "
                    f"elements).")


_op_state = []


def _in_tf1_graph(t, name):
    """While a TF1 graph (not a function's) is built, a constant is a Const operation of it
    (TF's `Tensor("Const:0", ...)`), so it has a name and can be fetched and fed."""
    if not _op_state:
        from .op import state
        _op_state.append(state)
    if not _op_state[0].interpreters or type(t) is not Tensor:
        return t
    from .graph import building_graph
    g = building_graph()
    if g is None or g.building_function:
        return t
    return g.constant(t._value, name=name or "Const")


def is_tensor(x):
    """True for tensors and variables (and types registered for conversion), and for composite
    tensors (RaggedTensor, SparseTensor) as in TF."""
    from .composite_tensor import CompositeTensor
    return isinstance(x, (TensorLike, CompositeTensor)) or type(x) in _conversion_functions


# -- dtypes that are not a plain NumPy dtype (bfloat16 storage; unsupported TF types) --------------
def _special_numpy(v):
    """The NumPy value of bfloat16 storage: its float32 values (TF gives ml_dtypes' bfloat16)."""
    out = bfloat16.to_float32(v).copy()
    return out if out.ndim else out[()]


def _to_special(value, dtype):
    if dtype is dtypes.bfloat16:
        if isinstance(value, Tensor) or type(value) in _conversion_functions:
            value = np.asarray(value)
        if isinstance(value, (_ndarray, _generic)) and value.dtype == dtypes.BFLOAT16_STORAGE:
            return np.asarray(value).copy()
        return bfloat16.from_values(_to_array_nd(value, dtypes.float64), flush_subnormals=True)
    raise NotImplementedError(f"tapeflow has no tensors of dtype {dtype.name} (TF's quantized "
                              f"and experimental narrow types exist as dtype objects only)")
