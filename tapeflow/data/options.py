"""`tf.data.Options`: settings that travel with a dataset (`with_options`, `options()`).

Only `deterministic` changes what tapeflow does (the default order of parallel `map`); the other
settings are kept and merged as in TF, so programs that set them run unchanged.

    >>> o = tf.data.Options()
    >>> o.deterministic = False
    >>> tf.data.Dataset.range(3).with_options(o).options().deterministic
    False
"""
import enum
from typing import ClassVar


class AutoShardPolicy(enum.IntEnum):
    OFF = -1
    AUTO = 0
    FILE = 1
    DATA = 2
    HINT = 3


class ExternalStatePolicy(enum.Enum):
    WARN = 0
    IGNORE = 1
    FAIL = 2


class AutotuneAlgorithm(enum.Enum):
    DEFAULT = 0
    HILL_CLIMB = 1
    GRADIENT_DESCENT = 2
    MAX_PARALLELISM = 3
    STAGE_BASED = 4


class _OptionGroup:
    """A set of named options, each None until set; unknown names raise AttributeError."""

    _fields: ClassVar[dict] = {}    # name -> default
    _groups: ClassVar[dict] = {}    # name -> _OptionGroup subclass

    def __init__(self):
        values = {name: default for name, default in self._fields.items()}
        values.update({name: cls() for name, cls in self._groups.items()})
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name):
        values = self.__dict__.get("_values", {})
        if name in values:
            return values[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if name not in self._fields and name not in self._groups:
            raise AttributeError(f"Cannot set the property {name} on {type(self).__name__}.")
        self._values[name] = value

    def __eq__(self, other):
        return type(self) is type(other) and self._values == other._values

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def _merge_from(self, other):
        """Sets here every option that `other` has set (the later options win)."""
        for name in self._fields:
            v = other._values[name]
            if v is not None:
                self._values[name] = v
        for name in self._groups:
            self._values[name]._merge_from(other._values[name])

    def _copy(self):
        out = type(self)()
        out._merge_from(self)
        return out


class ThreadingOptions(_OptionGroup):
    _fields: ClassVar[dict] = {"max_intra_op_parallelism": None, "private_threadpool_size": None}


class AutotuneOptions(_OptionGroup):
    _fields: ClassVar[dict] = {"enabled": None, "cpu_budget": None, "ram_budget": None, "autotune_algorithm": None,
               "initial_parallelism": None, "min_parallelism": None}


class OptimizationOptions(_OptionGroup):
    _fields: ClassVar[dict] = dict.fromkeys(
        ["apply_default_optimizations", "filter_fusion", "filter_parallelization",
         "inject_prefetch", "map_and_batch_fusion", "map_and_filter_fusion", "map_fusion",
         "map_parallelization", "noop_elimination", "parallel_batch", "seq_interleave_prefetch",
         "shuffle_and_repeat_fusion"])


class DistributeOptions(_OptionGroup):
    _fields: ClassVar[dict] = {"auto_shard_policy": AutoShardPolicy.AUTO, "num_devices": None}


class ServiceOptions(_OptionGroup):
    _fields: ClassVar[dict] = {"pinned": None}


class Options(_OptionGroup):
    """Dataset options; see the module docstring."""

    _fields: ClassVar[dict] = {"deterministic": None, "dataset_name": None,
               "experimental_external_state_policy": None, "experimental_slack": None,
               "experimental_symbolic_checkpoint": None, "experimental_warm_start": None,
               "framework_type": None}
    _groups: ClassVar[dict] = {"autotune": AutotuneOptions, "threading": ThreadingOptions,
               "experimental_optimization": OptimizationOptions,
               "experimental_distribute": DistributeOptions, "experimental_service": ServiceOptions}

    # Older names for the same settings.
    def __getattr__(self, name):
        if name == "experimental_deterministic":
            name = "deterministic"
        elif name == "experimental_threading":
            name = "threading"
        return super().__getattr__(name)

    def __setattr__(self, name, value):
        if name == "experimental_deterministic":
            name = "deterministic"
        elif name == "experimental_threading":
            name = "threading"
        super().__setattr__(name, value)

    def merge(self, options):
        """A new Options with `options`' settings laid over these."""
        out = self._copy()
        if options is not None:
            out._merge_from(options)
        return out
