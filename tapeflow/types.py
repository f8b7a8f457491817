"""`tf.types`: the base classes TF code subclasses or checks against.

`tf.types.experimental.TraceType` is the protocol `tf.function` keys its traces on: an object
with a `__tf_tracing_type__(context)` method is traced by the (hashable) TraceType it returns, so
two arguments with equal trace types share a trace.

    >>> isinstance(tf.function(lambda x: x), tf.types.experimental.PolymorphicFunction)
    True
"""
import abc
import types as _pytypes

from .function import ConcreteFunction, Function, _FunctionType


class TraceType(abc.ABC):
    """What `tf.function` retraces on for a custom Python argument (see the module docstring)."""

    @abc.abstractmethod
    def is_subtype_of(self, other):
        """True when `self` can be used where `other` was traced."""

    @abc.abstractmethod
    def most_specific_common_supertype(self, others):
        """The most specific TraceType covering `self` and `others`, or None."""

    def placeholder_value(self, placeholder_context=None):
        """The value the traced function receives for this argument."""
        raise NotImplementedError

    @abc.abstractmethod
    def __eq__(self, other):
        ...

    @abc.abstractmethod
    def __hash__(self):
        ...


class TracingContext:
    """The context `__tf_tracing_type__` receives."""


experimental = _pytypes.SimpleNamespace(
    TraceType=TraceType, TracingContext=TracingContext, ConcreteFunction=ConcreteFunction,
    PolymorphicFunction=Function, GenericFunction=Function, FunctionType=_FunctionType)
