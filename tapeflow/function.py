"""`tf.function` and `tf.TensorSpec`.

What tapeflow does (and how it differs from TensorFlow)
-------------------------------------------------------
TensorFlow traces the decorated Python function into a graph the first time it sees a new input
signature, and later calls run the graph: Python side effects (`print`, appending to a list,
incrementing a Python counter) happen only while tracing, once per new signature.

tapeflow has no graphs. A `tf.function` here **runs the Python function eagerly on every call**,
so a `print` inside it prints on every call, and Python side effects happen every call. Values,
dtypes, gradients (tapes record through it as through any eager code) and exceptions are the same
as eager TF. What is kept from `tf.function`:

* the decorator forms `@tf.function`, `@tf.function(...)` and `tf.function(f, ...)`, on functions
  and on methods;
* `input_signature`: arguments are checked against the `tf.TensorSpec`s (dtype and compatible
  shape) and converted to tensors, and a mismatch raises `TypeError` as TF does;
* with `autograph=True` (the default) the function runs as AutoGraph converted it
  (`tapeflow.autograph.convert`): tensor conditions and loops go through `tf.cond` /
  `tf.while_loop`, which run eagerly, so results are the same as TF's; functions AutoGraph cannot
  convert (no source, generators) run as they are;
* `reduce_retracing`, `jit_compile` and `experimental_*` are accepted and ignored;
* `python_function`, `input_signature`, `get_concrete_function()` (returns a callable running the
  function eagerly) and `experimental_get_tracing_count()` (the number of distinct input
  signatures seen: what TF would have traced, never more than once per signature).

Use `tf.print` semantics from eager TF: in tapeflow `print` and `tf.print` both run every call.

    >>> @tf.function
    ... def square(x):
    ...     return x * x
    >>> square(tf.constant(3.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=9.0>
"""
import functools

from .framework import dtypes
from .framework import nest
from .framework.tensor import Tensor, TensorLike, convert_to_tensor
from .framework.variables import Variable
from .framework.tensor_shape import TensorShape


class TensorSpec:
    """Describes a tensor: its shape (dimensions may be None) and dtype.

    >>> tf.TensorSpec(shape=(None, 3), dtype=tf.float32)
    TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)
    """

    def __init__(self, shape, dtype=dtypes.float32, name=None):
        self._shape = TensorShape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._name = name

    shape = property(lambda self: self._shape)
    dtype = property(lambda self: self._dtype)
    name = property(lambda self: self._name)

    @classmethod
    def from_tensor(cls, tensor, name=None):
        return cls(tensor.shape, tensor.dtype, name)

    def is_compatible_with(self, spec_or_tensor):
        other_dtype = spec_or_tensor.dtype
        return other_dtype == self._dtype and self._shape_compatible(spec_or_tensor.shape)

    def _shape_compatible(self, shape):
        mine = self._shape.as_list() if self._shape.rank is not None else None
        theirs = shape.as_list() if shape.rank is not None else None
        if mine is None or theirs is None:
            return True
        return len(mine) == len(theirs) and all(a is None or b is None or a == b
                                                for a, b in zip(mine, theirs))

    def __eq__(self, other):
        return (isinstance(other, TensorSpec) and self._dtype == other._dtype
                and self._shape == other._shape and self._name == other._name)

    def __hash__(self):
        return hash((str(self._shape), self._dtype.name, self._name))

    def __repr__(self):
        return "TensorSpec(shape=%s, dtype=%r, name=%r)" % (self._shape, self._dtype, self._name)


def _signature_key(args, kwargs):
    """What TF would retrace on: tensor dtypes and shapes, and Python values as they are."""
    def key(x):
        if isinstance(x, TensorLike):
            return ("T", x.dtype.name, tuple(x.shape.as_list() or ()))
        try:
            hash(x)
            return ("P", type(x).__name__, x)
        except TypeError:
            return ("P", type(x).__name__, id(x))
    return (tuple(key(a) for a in nest.flatten(list(args))),
            tuple(sorted((k, key(v)) for k, v in kwargs.items())))


class Function:
    """A `tf.function`-decorated callable. It runs eagerly on every call (see the module docs)."""

    def __init__(self, python_function, input_signature=None, name=None, **options):
        self._python_function = python_function
        self._input_signature = None if input_signature is None else list(input_signature)
        self._options = options
        self._signatures = set()
        self.__name__ = name or getattr(python_function, "__name__", "function")
        functools.update_wrapper(self, python_function)

    @property
    def python_function(self):
        return self._python_function

    @property
    def input_signature(self):
        return None if self._input_signature is None else tuple(self._input_signature)

    def __get__(self, instance, owner):
        if instance is None:
            return self
        bound = Function(self._python_function.__get__(instance, owner), self._input_signature,
                         self.__name__, **self._options)
        bound._signatures = self._signatures
        return bound

    def _check_signature(self, args, kwargs):
        specs = self._input_signature
        if kwargs:
            raise TypeError(f"{self.__name__}() got unexpected keyword arguments "
                            f"{sorted(kwargs)}: a function with an input_signature takes its "
                            f"inputs positionally")
        if len(args) != len(specs):
            raise TypeError(f"{self.__name__}() takes {len(specs)} positional arguments (from its "
                            f"input_signature) but {len(args)} were given")
        out = []
        for i, (arg, spec) in enumerate(zip(args, specs)):
            flat_specs = nest.flatten(spec)
            flat_args = [arg] if isinstance(spec, TensorSpec) else nest.flatten(arg)
            if len(flat_specs) != len(flat_args):
                raise TypeError(f"Binding inputs to tf.function `{self.__name__}` failed: argument "
                                f"{i} does not match the structure of {spec!r}")
            converted = []
            for a, s in zip(flat_args, flat_specs):
                try:
                    t = a if isinstance(a, Variable) else convert_to_tensor(a, s.dtype)
                except (TypeError, ValueError):
                    t = convert_to_tensor(a)
                if not s.is_compatible_with(t):
                    raise TypeError(
                        f"Binding inputs to tf.function failed due to `Can not cast "
                        f"{TensorSpec(t.shape, t.dtype)!r} to {s!r}`. Received args: {args} and "
                        f"kwargs: {kwargs} for signature: {self._input_signature}.")
                converted.append(t)
            out.append(converted[0] if isinstance(spec, TensorSpec)
                       else nest.pack_sequence_as(arg, converted))
        return out

    def _callable(self):
        """The function to run: AutoGraph's conversion of it when `autograph=True` (eagerly this
        changes no result; graph-mode tracing will call the same entry point)."""
        converted = self.__dict__.get("_converted")
        if converted is None:
            converted = self._python_function
            if self._options.get("autograph", True):
                from . import autograph
                converted = autograph.convert(
                    self._python_function,
                    optional_features=self._options.get("experimental_autograph_options"))
            self._converted = converted
        return converted

    def __call__(self, *args, **kwargs):
        if self._input_signature is not None:
            args = self._check_signature(args, kwargs)
        self._signatures.add(_signature_key(args, kwargs))
        return self._callable()(*args, **kwargs)

    def get_concrete_function(self, *args, **kwargs):
        """A callable for one signature; in tapeflow it runs the Python function eagerly."""
        return functools.partial(self.__call__)

    def experimental_get_tracing_count(self):
        """How many distinct input signatures have been seen (what TF would have traced)."""
        return len(self._signatures)

    def __repr__(self):
        return f"<tapeflow.function {self.__name__} (runs eagerly)>"


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_implements=None,
             experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None,
             experimental_follow_type_hints=None, name=None):
    """`@tf.function`: accepted with or without arguments; the function runs eagerly on every call
    (so Python side effects such as `print` happen on every call, unlike in TF)."""
    options = {"autograph": autograph, "jit_compile": jit_compile,
               "reduce_retracing": reduce_retracing,
               "experimental_autograph_options": experimental_autograph_options}

    def decorate(f):
        return Function(f, input_signature=input_signature, name=name, **options)

    return decorate if func is None else decorate(func)
