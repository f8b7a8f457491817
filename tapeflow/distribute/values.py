"""Distributed values: one value per replica, as `strategy.run` returns them and
`experimental_distribute_dataset` yields them, and mirrored variables.

  PerReplica        a different value on each replica (`strategy.run`'s outputs, input batches);
  Mirrored          the same value on each replica (what a reduction to every replica gives);
  MirroredVariable  a variable created under a strategy's `scope()`: one copy per replica in TF.

They print as TF prints them:

    >>> PerReplica((tf.constant(1.0), tf.constant(2.0)))
    PerReplica:{
      0: <tf.Tensor: shape=(), dtype=float32, numpy=1.0>,
      1: <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    }

In one process the replicas of a `MirroredStrategy` share memory, so a mirrored variable keeps
one array: its components (`.values`) are views of it, each named and placed as TF names and
places the copy on that replica's device (`w:0` on CPU:0, `w/replica_1:0` on CPU:1). An update
applied once is seen by every replica, which is what TF's mirrored updates arrange.
"""
import enum
import weakref

from ..framework import placement
from ..framework.variables import Variable, _UnreadVariable


class VariableSynchronization(enum.Enum):
    """When a distributed variable is synchronized (`tf.VariableSynchronization`)."""
    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """How updates of a distributed variable from several replicas combine (TF 1's enum, what
    a mirrored variable's `.aggregation` reports)."""
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3


class VariableAggregationV2(enum.Enum):
    """`tf.VariableAggregation`."""
    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3


def as_aggregation(value):
    """A `VariableAggregation` from either enum, a name ("sum", "mean", "none") or None."""
    if value is None:
        return VariableAggregation.NONE
    if isinstance(value, (VariableAggregation, VariableAggregationV2)):
        return VariableAggregation(value.value)
    if isinstance(value, str):
        try:
            return VariableAggregation[value.upper()]
        except KeyError:
            pass
    raise ValueError(f"Invalid variable aggregation mode: {value!r} for variable")


def as_synchronization(value):
    if value is None or value == "auto":
        return VariableSynchronization.AUTO
    if isinstance(value, VariableSynchronization):
        return value
    if isinstance(value, str):
        try:
            return VariableSynchronization[value.upper()]
        except KeyError:
            pass
    raise ValueError(f"Invalid variable synchronization mode: {value!r} for variable")


# ============================================================================================
# PerReplica and Mirrored
# ============================================================================================
class DistributedValues:
    """A value on each replica (`tf.distribute.DistributedValues`); `.values` is the tuple of
    the local replicas' values, in replica order."""

    __slots__ = ("_values",)

    def __init__(self, values):
        self._values = tuple(values)

    @property
    def values(self):
        return self._values

    @property
    def _primary(self):
        return self._values[0]

    def _get_on_device_or_primary(self):
        return self._values[0]

    def _text(self, show):
        body = ",\n".join(f"  {i}: {show(v)}" for i, v in enumerate(self._values))
        return f"{type(self).__name__}:{{\n{body}\n}}"

    def __str__(self):
        return self._text(str)

    def __repr__(self):
        return self._text(repr)

    def __len__(self):
        raise TypeError(f"object of type '{type(self).__name__}' has no len()")


class PerReplica(DistributedValues):
    """Values that differ between replicas (`strategy.run` results, distributed batches)."""

    __slots__ = ()


class Mirrored(DistributedValues):
    """Values equal on every replica."""

    __slots__ = ()


def local_value(value, replica):
    """The value `replica` sees of `value` (a DistributedValues' component, else `value`)."""
    if isinstance(value, DistributedValues):
        return value._values[replica]
    return value


# ============================================================================================
# Mirrored variables
# ============================================================================================
class _Info:
    """What a strategy knows of a variable created in its scope."""

    __slots__ = ("aggregation", "components", "ref", "strategy", "synchronization")

    def __init__(self, var, strategy, aggregation, synchronization):
        self.ref = weakref.ref(var)
        self.strategy = strategy
        self.aggregation = aggregation
        self.synchronization = synchronization
        self.components = None


# id(variable) -> _Info, for variables created under a (non-default) strategy's scope
_registry = {}


def _forget(key, registry=_registry):
    # `registry` is bound now: at interpreter exit module globals may already be None
    def forget(_ref):
        registry.pop(key, None)
    return forget


def register(var, strategy, aggregation=None, synchronization=None):
    """Marks `var` as created under `strategy`'s scope; a plain `tf.Variable` becomes a
    `MirroredVariable` (printing and `.values` as TF's)."""
    info = _Info(var, strategy, as_aggregation(aggregation), as_synchronization(synchronization))
    info.ref = weakref.ref(var, _forget(id(var)))
    _registry[id(var)] = info
    if type(var) is Variable:
        var.__class__ = MirroredVariable
    return info


def info_of(var):
    """The `_Info` of a variable created under a strategy's scope, or None."""
    info = _registry.get(id(var))
    if info is not None and info.ref() is var:
        return info
    return None


class MirroredVariable(Variable):
    """A variable created under a `MirroredStrategy` (or multi-worker) scope.

    It is a `tf.Variable` (reads, assignments and gradients as usual); `.values` are the
    per-replica components as TF shows them.
    """

    __slots__ = ()

    def _container(self):
        return self

    @property
    def values(self):
        info = info_of(self._container())
        if info is None:
            return (self,)
        if info.components is None:
            devices = info.strategy.extended.worker_devices
            base = self._name.removesuffix(":0")
            components = []
            for i, device in enumerate(devices):
                name = self._name if i == 0 else f"{base}/replica_{i}:0"
                view = _Component(self, name)
                placement.tag(view, device)
                components.append(view)
            info.components = tuple(components)
        return info.components

    @property
    def aggregation(self):
        info = info_of(self._container())
        return info.aggregation if info is not None else VariableAggregation.NONE

    @property
    def synchronization(self):
        info = info_of(self._container())
        sync = info.synchronization if info is not None else VariableSynchronization.AUTO
        return VariableSynchronization.ON_WRITE if sync is VariableSynchronization.AUTO else sync

    @property
    def _primary(self):
        return self.values[0]

    def _text(self, show):
        body = ",\n".join(f"  {i}: {show(v)}" for i, v in enumerate(self.values))
        return f"MirroredVariable:{{\n{body}\n}}"

    def __repr__(self):
        return self._text(repr)

    def __str__(self):
        return self._text(str)


class _MirroredValue(_UnreadVariable, MirroredVariable):
    """A Keras variable's `.value` when it was created under a strategy's scope: the
    MirroredVariable that Keras 3 wraps in TF."""

    __slots__ = ()

    def _container(self):
        return self._target

    def __repr__(self):
        return self._text(repr)

    __str__ = __repr__


_MirroredValue.__name__ = _MirroredValue.__qualname__ = "MirroredVariable"


def keras_value(var):
    """What a Keras variable's `.value` is: a MirroredVariable view when `var` was created
    under a strategy's scope, else None."""
    info = info_of(var)
    return None if info is None else _MirroredValue(var)


class _Component(_UnreadVariable):
    """One replica's copy of a mirrored variable (a view of its one array)."""

    __slots__ = ("_component_name",)

    def __init__(self, target, name):
        super().__init__(target)
        self._component_name = name

    name = property(lambda self: self._component_name)

    def __repr__(self):
        return Variable.__repr__(self)

    __str__ = __repr__


def aggregation_of(var):
    info = info_of(var)
    return info.aggregation if info is not None else VariableAggregation.NONE
