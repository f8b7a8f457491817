"""`tf.experimental.ExtensionType`: user-defined composite types declared by annotated fields.

    >>> class MaskedTensor(tf.experimental.ExtensionType):
    ...     values: tf.Tensor
    ...     mask: tf.Tensor
    >>> mt = MaskedTensor([1, 2], [True, False])
    >>> mt.values
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    >>> mt._type_spec
    MaskedTensor.Spec(values=TensorSpec(shape=(2,), dtype=tf.int32, name=None), mask=TensorSpec(shape=(2,), dtype=tf.bool, name=None))

As TF: the fields are the class's annotations (with defaults from class attributes), the
generated constructor converts each value to its field's type (`tf.Tensor` fields through
`convert_to_tensor`, Python types checked exactly, `Tuple[...]`, `Mapping[...]`, `Optional`/`Union`,
`tf.TensorShape`, `tf.DType`, nested extension types), then calls `__validate__`. Values are
immutable outside a user-written `__init__`. `__repr__`, `__eq__`/`__ne__` (scalar bool tensors),
a nested `Spec` class (`_type_spec`), and the composite hooks (`tf.nest` with
`expand_composites=True`, `tf.function` arguments and results) come with every subclass.
"""
import collections.abc
import typing

import numpy as np

from . import dtypes as D
from .composite_tensor import CompositeTensor
from .tensor import Tensor, TensorLike, convert_to_tensor
from .tensor_shape import TensorShape

__all__ = ["BatchableExtensionType", "ExtensionType", "ExtensionTypeSpec"]

_RESERVED = ("_tf_extension_type", "__name__", "__module__", "__qualname__")


class _Missing:
    def __repr__(self):
        return "<missing>"


_MISSING = _Missing()


def _type_name(t):
    return getattr(t, "__name__", None) or repr(t)


def _convert(value, annotation, path):
    """`value` converted to `annotation`'s type, or TypeError naming the field path."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is typing.Any:
        return value
    if origin is typing.Union:
        for option in args:
            try:
                return _convert(value, option, path)
            except (TypeError, ValueError):
                continue
        raise TypeError(f"{path}: expected {annotation!r}, got {type(value).__name__!r}")
    if annotation is type(None) or annotation is None:
        if value is not None:
            raise TypeError(f"{path}: expected 'NoneType', got {type(value).__name__!r}")
        return None
    if origin is tuple:
        if not isinstance(value, (tuple, list)):
            raise TypeError(f"{path}: expected 'tuple', got {type(value).__name__!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(v, args[0], f"{path}[{i}]") for i, v in enumerate(value))
        if args and len(args) != len(value):
            raise TypeError(f"{path}: expected a tuple of length {len(args)}, got {len(value)}")
        return tuple(_convert(v, a, f"{path}[{i}]") if args else v
                     for i, (v, a) in enumerate(zip(value, args or [typing.Any] * len(value))))
    if origin in (collections.abc.Mapping, dict):
        if not isinstance(value, collections.abc.Mapping):
            raise TypeError(f"{path}: expected 'Mapping', got {type(value).__name__!r}")
        kt, vt = args if args else (typing.Any, typing.Any)
        return _ImmutableDict({_convert(k, kt, f"{path}[{k!r}]"): _convert(v, vt, f"{path}[{k!r}]")
                               for k, v in value.items()})
    if isinstance(annotation, type):
        if issubclass(annotation, Tensor):
            if isinstance(value, Tensor):
                return value
            if isinstance(value, CompositeTensor):
                raise TypeError(f"{path}: expected 'Tensor', got {type(value).__name__!r}")
            try:
                return convert_to_tensor(value)
            except (TypeError, ValueError):
                raise TypeError(f"{path}: expected 'Tensor', got {type(value).__name__!r}") from None
        if issubclass(annotation, TensorShape):
            try:
                return TensorShape(value)
            except (TypeError, ValueError):
                raise TypeError(f"{path}: expected 'TensorShape', got "
                                f"{type(value).__name__!r}") from None
        if issubclass(annotation, D.DType):
            try:
                return D.as_dtype(value)
            except TypeError:
                raise TypeError(f"{path}: expected 'DType', got {type(value).__name__!r}") from None
        if annotation in (int, float, str, bool, bytes):
            if type(value) is not annotation and not (annotation is int and isinstance(value, (
                    np.integer,))) and not (annotation is float and isinstance(value, np.floating)):
                raise TypeError(f"{path}: expected {annotation.__name__!r}, got "
                                f"{type(value).__name__!r}")
            return annotation(value)
        if not isinstance(value, annotation):
            raise TypeError(f"{path}: expected {annotation.__name__!r}, got "
                            f"{type(value).__name__!r}")
        return value
    return value


class _ImmutableDict(collections.abc.Mapping):
    """The read-only mapping a `Mapping` field holds."""

    def __init__(self, items):
        self._items = dict(items)

    def __getitem__(self, key):
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return f"ImmutableDict({self._items!r})"


def _spec_of(value):
    if isinstance(value, Tensor):
        from ..function import TensorSpec
        return TensorSpec(value.shape, value.dtype)
    if isinstance(value, CompositeTensor):
        return value._type_spec
    if isinstance(value, tuple):
        return tuple(_spec_of(v) for v in value)
    if isinstance(value, _ImmutableDict):
        return _ImmutableDict({k: _spec_of(v) for k, v in value.items()})
    return value


def _components(value, spec=None):
    if isinstance(value, TensorLike) and not isinstance(value, CompositeTensor):
        return [value]
    if isinstance(value, CompositeTensor):
        return list(value._type_spec._to_components(value))
    if isinstance(value, tuple):
        return [c for v in value for c in _components(v)]
    if isinstance(value, _ImmutableDict):
        return [c for k in value for c in _components(value[k])]
    return []


def _is_tensor_spec(s):
    from ..function import TensorSpec
    return isinstance(s, TensorSpec)


def _rebuild(spec, it):
    """A field's value from its spec and an iterator over the components."""
    if _is_tensor_spec(spec):
        return next(it)
    if hasattr(spec, "_from_components"):
        from ..function import _component_specs
        n = len(_component_specs(spec))
        return spec._from_components([next(it) for _ in range(n)])
    if isinstance(spec, tuple):
        return tuple(_rebuild(s, it) for s in spec)
    if isinstance(spec, _ImmutableDict):
        return _ImmutableDict({k: _rebuild(spec[k], it) for k in spec})
    return spec


def _spec_components(spec):
    from ..function import TensorSpec, _component_specs
    if isinstance(spec, TensorSpec):
        return [spec]
    if hasattr(spec, "_from_components"):
        return list(_component_specs(spec))
    if isinstance(spec, tuple):
        return [c for s in spec for c in _spec_components(s)]
    if isinstance(spec, _ImmutableDict):
        return [c for k in spec for c in _spec_components(spec[k])]
    return []


def _key(x):
    if isinstance(x, tuple):
        return tuple(_key(v) for v in x)
    if isinstance(x, _ImmutableDict):
        return tuple((k, _key(v)) for k, v in x.items())
    try:
        hash(x)
        return x
    except TypeError:
        return repr(x)


class ExtensionTypeSpec:
    """The type of an extension type's values: each field's TensorSpec, nested spec or value."""

    value_type = None

    def __init__(self, **fields):
        names = [n for n, _, _ in self.value_type._tf_extension_type_fields]
        unknown = set(fields) - set(names)
        if unknown:
            raise TypeError(f"got an unexpected keyword argument {min(unknown)!r}")
        self.__dict__["_fields"] = {n: fields.get(n) for n in names}

    def __getattr__(self, name):
        fields = self.__dict__.get("_fields", {})
        if name in fields:
            return fields[name]
        raise AttributeError(f"{type(self).__qualname__!r} object has no attribute {name!r}")

    def __setattr__(self, name, value):
        raise AttributeError(f"Cannot mutate attribute `{name}` outside the custom constructor "
                             "of ExtensionTypeSpec.")

    def __repr__(self):
        inner = ", ".join(f"{n}={v!r}" for n, v in self._fields.items())
        return f"{self.value_type.__name__}.Spec({inner})"

    def __eq__(self, other):
        return type(self) is type(other) and _key(tuple(self._fields.values())) == _key(
            tuple(other._fields.values()))

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((type(self), _key(tuple(self._fields.values()))))

    @property
    def _component_specs(self):
        return [c for v in self._fields.values() for c in _spec_components(v)]

    def _to_components(self, value):
        return [c for n in self._fields for c in _components(getattr(value, n))]

    def _from_components(self, components):
        it = iter(components)
        values = {n: _rebuild(s, it) for n, s in self._fields.items()}
        obj = object.__new__(self.value_type)
        for n, v in values.items():
            object.__setattr__(obj, n, v)
        return obj

    def is_compatible_with(self, other):
        if not isinstance(other, ExtensionTypeSpec):
            other = getattr(other, "_type_spec", other)
        if type(self) is not type(other):
            return False
        for n, a in self._fields.items():
            b = other._fields[n]
            if hasattr(a, "is_compatible_with"):
                if not a.is_compatible_with(b):
                    return False
            elif _key(a) != _key(b):
                return False
        return True

    def most_specific_compatible_type(self, other):
        if not self.is_compatible_with(other):
            raise ValueError(f"No TypeSpec is compatible with both {self} and {other}")
        fields = {}
        for n, a in self._fields.items():
            b = other._fields[n]
            fields[n] = a.most_specific_compatible_type(b) if hasattr(
                a, "most_specific_compatible_type") else a
        return type(self)(**fields)

    @classmethod
    def from_value(cls, value):
        return value._type_spec


def _annotations(cls):
    import inspect
    unresolved = (NameError, AttributeError, TypeError, SyntaxError)
    try:
        return typing.get_type_hints(cls)
    except unresolved:  # unresolvable string annotations: TF's TypeError names the first
        for base in reversed(cls.__mro__):
            for name, ann in inspect.get_annotations(base).items():
                if isinstance(ann, str) and not name.startswith(_RESERVED):
                    try:
                        typing.get_type_hints(type("_", (), {"__annotations__": {name: ann},
                                                             "__module__": cls.__module__}))
                    except unresolved:
                        raise TypeError(f"{name}: Unsupported type annotation {ann!r}") from None
        raise


class ExtensionType(CompositeTensor):
    """The base of user-defined extension types (see the module docstring)."""

    _tf_extension_type_fields = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        hints = _annotations(cls)
        fields = []
        for name, ann in hints.items():
            if name.startswith(_RESERVED) or typing.get_origin(ann) is typing.ClassVar:
                continue
            default = _MISSING
            for base in cls.__mro__:
                if name in base.__dict__:
                    default = base.__dict__[name]
                    break
            fields.append((name, ann, default))
        cls._tf_extension_type_fields = tuple(fields)
        user_init = cls.__dict__.get("__init__")
        if user_init is not None:
            def __init__(self, *args, _user_init=user_init, **kw):
                object.__setattr__(self, "_tf_extension_type_building", True)
                try:
                    _user_init(self, *args, **kw)
                finally:
                    object.__delattr__(self, "_tf_extension_type_building")
                self._tf_extension_type_finish()
            __init__.__doc__ = user_init.__doc__
            cls.__init__ = __init__
        spec_base = next((b.Spec for b in cls.__mro__[1:] if "Spec" in b.__dict__
                          and isinstance(b.__dict__["Spec"], type)), ExtensionTypeSpec)
        user_spec = cls.__dict__.get("Spec")
        bases = (user_spec, spec_base) if isinstance(user_spec, type) else (spec_base,)
        cls.Spec = type("Spec", bases, {"value_type": cls, "__qualname__":
                                         f"{cls.__qualname__}.Spec",
                                         "__module__": cls.__module__})

    def __init__(self, *args, **kwargs):
        fields = type(self)._tf_extension_type_fields
        if len(args) > len(fields):
            raise TypeError("too many positional arguments")
        values = {}
        for (name, _, _), v in zip(fields, args):
            values[name] = v
        for name, v in kwargs.items():
            if name in values:
                raise TypeError(f"multiple values for argument {name!r}")
            if name not in {f[0] for f in fields}:
                raise TypeError(f"got an unexpected keyword argument {name!r}")
            values[name] = v
        for name, _, default in fields:
            if name not in values:
                if default is _MISSING:
                    raise TypeError(f"missing a required argument: {name!r}")
                values[name] = default
        for name, v in values.items():
            object.__setattr__(self, name, v)
        self._tf_extension_type_finish()

    def _tf_extension_type_finish(self):
        for name, ann, default in type(self)._tf_extension_type_fields:
            if name not in self.__dict__:
                if default is _MISSING:
                    raise ValueError(f"Field {name} is required, but was not set by the "
                                     "constructor.")
                value = default
            else:
                value = self.__dict__[name]
            object.__setattr__(self, name, _convert(value, ann, name))
        extra = set(self.__dict__) - {f[0] for f in type(self)._tf_extension_type_fields}
        if extra:
            raise ValueError(f"Fields {sorted(extra)} were set by the constructor but are not "
                             "declared as fields.")
        validate = getattr(self, "__validate__", None)
        if validate is not None:
            validate()

    def __setattr__(self, name, value):
        if self.__dict__.get("_tf_extension_type_building"):
            object.__setattr__(self, name, value)
            return
        raise AttributeError(f"Cannot mutate attribute `{name}` outside the custom constructor "
                             "of ExtensionType.")

    def __delattr__(self, name):
        if self.__dict__.get("_tf_extension_type_building"):
            object.__delattr__(self, name)
            return
        raise AttributeError(f"Cannot mutate attribute `{name}` outside the custom constructor "
                             "of ExtensionType.")

    def __repr__(self):
        inner = ", ".join(f"{n}={self.__dict__.get(n)!r}"
                          for n, _, _ in type(self)._tf_extension_type_fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other):
        from .tensor import constant
        if type(self) is not type(other):
            return False  # (as TF: Python False for another type or an incompatible spec)
        try:
            compatible = self._type_spec.is_compatible_with(other._type_spec)
        except (TypeError, ValueError):
            compatible = False
        if not compatible:
            return False
        for n, _, _ in type(self)._tf_extension_type_fields:
            if not _field_equal(self.__dict__[n], other.__dict__[n]):
                return constant(False)
        return constant(True)

    def __ne__(self, other):
        from .tensor import constant
        eq = self.__eq__(other)
        return (not eq) if isinstance(eq, bool) else constant(not bool(eq))

    __hash__ = None

    @property
    def _type_spec(self):
        fields = {n: _spec_of(self.__dict__[n]) for n, _, _ in type(self)._tf_extension_type_fields}
        return type(self).Spec(**fields)


def _field_equal(a, b):
    if isinstance(a, TensorLike) and not isinstance(a, CompositeTensor):
        if not isinstance(b, TensorLike):
            return False
        x, y = np.asarray(a), np.asarray(b)
        return x.shape == y.shape and a.dtype == b.dtype and bool(np.all(x == y))
    if isinstance(a, ExtensionType):
        return bool(a == b)
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(
            _field_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, CompositeTensor):
        ca, cb = _components(a), _components(b)
        return a._type_spec == b._type_spec and all(_field_equal(x, y) for x, y in zip(ca, cb))
    return a == b


class BatchableExtensionType(ExtensionType):
    """An ExtensionType whose values TF can batch and unbatch (tf.data, `tf.map_fn`). Here its
    values are ExtensionType values; batching them (`Dataset.batch`, `map_fn` over them) is not
    implemented."""
