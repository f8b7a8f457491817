"""`tf.keras.mixed_precision`: dtype policies and dynamic loss scaling, as Keras 3 has them.

A policy names two dtypes: the *compute* dtype layers compute in and the *variable* dtype their
weights are kept in. `mixed_float16` and `mixed_bfloat16` compute in 16 bits and keep float32
weights; inside a layer's call its float32 weights are read cast to the compute dtype
(Keras's autocasting), so gradients still reach the float32 weights.

    >>> import tapeflow as tf
    >>> policy = tf.keras.mixed_precision.Policy("mixed_float16")
    >>> policy
    <DTypePolicy "mixed_float16">
    >>> policy.compute_dtype, policy.variable_dtype
    ('float16', 'float32')

`LossScaleOptimizer` wraps an optimizer with Keras 3's dynamic loss scaling: scale the loss with
`scale_loss`, and `apply_gradients` divides the gradients by the scale, skips the step (halving
the scale) when any gradient is not finite, and doubles the scale after `dynamic_growth_steps`
finite steps. Keras 2's `get_scaled_loss` / `get_unscaled_gradients` are gone in Keras 3, as here.
"""
import numpy as np

from ..framework import dtypes
from . import backend, initializers
from .optimizers.base import Optimizer, _apply_in_graph, _array, _is_graph_value

_MIXED = {"mixed_float16": ("float16", "float32"), "mixed_bfloat16": ("bfloat16", "float32")}


class DTypePolicy:
    """A compute dtype and a variable dtype for layers: `"mixed_float16"`, `"mixed_bfloat16"`,
    or one dtype's name (`"float32"`) for both."""

    def __init__(self, name=None):
        if name is None:
            name = backend.floatx()
        if not isinstance(name, str):
            raise TypeError(f"'name' must be a string, such as 'mixed_float16'. Received: "
                            f"name={name} (of type {type(name)})")
        if name in _MIXED:
            compute, variable = _MIXED[name]
        else:
            try:
                dtype = dtypes.as_dtype(name)
            except TypeError:
                dtype = None
            if dtype is None or (dtype.name != name and name not in ("half", "float", "double")):
                raise ValueError(f"Cannot convert '{name}' to a mixed precision DTypePolicy. "
                                 f"Valid policies include 'mixed_float16', 'mixed_bfloat16', and "
                                 f"the name of any float dtype such as 'float32'.")
            compute = variable = dtype.name
        self._name = name
        self._compute_dtype = compute
        self._variable_dtype = variable

    name = property(lambda self: self._name)
    compute_dtype = property(lambda self: self._compute_dtype)
    variable_dtype = property(lambda self: self._variable_dtype)
    quantization_mode = property(lambda self: None)

    def convert_input(self, x, autocast, dtype):
        """`x` as a tensor, cast to `dtype` when `autocast` and it is floating."""
        from ..framework.tensor import convert_to_tensor
        from ..ops.math_ops import cast
        t = convert_to_tensor(x)
        if autocast and t.dtype.is_floating and t.dtype != dtypes.as_dtype(dtype):
            t = cast(t, dtype)
        return t

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __eq__(self, other):
        return (type(other) is type(self) and other._name == self._name)

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'


Policy = DTypePolicy
_global = [None]  # the global policy; None: one named after floatx()


def set_dtype_policy(policy):
    """Sets the policy layers get when they are made without a `dtype`.

    >>> tf.keras.mixed_precision.set_global_policy("float32")
    """
    if isinstance(policy, str):
        policy = DTypePolicy(policy)
    if isinstance(policy, DTypePolicy):
        _global[0] = policy
        return
    raise ValueError(f"Invalid `policy` argument. Expected the string name of a policy (such as "
                     f"'mixed_float16') or a `DTypePolicy` instance. Received: policy={policy} "
                     f"(of type {type(policy)})")


def dtype_policy():
    """The global policy (`"float32"` unless `set_global_policy` changed it)."""
    if _global[0] is None:
        _global[0] = DTypePolicy(backend.floatx())
    return _global[0]


set_global_policy = set_dtype_policy
global_policy = dtype_policy


def get(identifier):
    """The policy a layer's `dtype` argument names: None (the global policy), a policy, a
    policy name or a dtype."""
    if identifier is None:
        return dtype_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, str):
        return DTypePolicy(identifier)
    return DTypePolicy(dtypes.as_dtype(identifier).name)


class LossScaleOptimizer(Optimizer):
    """An optimizer with dynamic loss scaling (Keras 3's algorithm).

        opt = tf.keras.mixed_precision.LossScaleOptimizer(tf.keras.optimizers.SGD(0.1))
        with tf.GradientTape() as tape:
            loss = ...
            scaled = opt.scale_loss(loss)
        grads = tape.gradient(scaled, variables)
        opt.apply_gradients(zip(grads, variables))  # unscales, skips non-finite steps
    """

    def __init__(self, inner_optimizer, initial_scale=2.0 ** 15, dynamic_growth_steps=2000,
                 name=None, **kwargs):
        if not kwargs.pop("dynamic", True):
            raise ValueError("LossScaleOptimizer no longer supports `dynamic=False`. Instead, "
                             "simply set `loss_scale_factor` directly on the `inner_optimizer`.")
        defaults = {"weight_decay": None, "clipnorm": None, "global_clipnorm": None,
                    "clipvalue": None, "use_ema": False, "ema_momentum": 0.99,
                    "ema_overwrite_frequency": None, "loss_scale_factor": None,
                    "gradient_accumulation_steps": None}
        for arg, default in defaults.items():
            if arg in kwargs and kwargs.pop(arg) != default:
                raise ValueError(f"LossScaleOptimizer does not support `{arg}`. Instead, set "
                                 f"`{arg}` on the `inner_optimizer`.")
        if kwargs:
            raise ValueError(f"LossScaleOptimizer does not support arguments: "
                             f"`{'`, `'.join(kwargs)}`.")
        super().__init__(learning_rate=0.0, name=name)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = initial_scale
        self.dynamic_growth_steps = dynamic_growth_steps
        inner_optimizer.loss_scale_factor = None  # the gradients are unscaled here, once

    def build(self, var_list):
        self.step_counter = self.add_variable((), "zeros", "int64", name="step_counter")
        self.dynamic_scale = self.add_variable((), initializers.Constant(self.initial_scale),
                                               "float32", name="dynamic_scale")
        self.inner_optimizer.build(var_list)
        super().build(var_list)

    @property
    def variables(self):
        return list(self._variables) + self.inner_optimizer.variables

    @property
    def learning_rate(self):
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        # Optimizer.__init__ sets its own (unused) rate before the inner optimizer exists
        if "inner_optimizer" in self.__dict__:
            self.inner_optimizer.learning_rate = value
        else:
            Optimizer.learning_rate.fset(self, value)

    @property
    def iterations(self):
        return self.inner_optimizer.iterations

    def scale_loss(self, loss):
        """`loss * scale` (the current dynamic scale once built, else `initial_scale`)."""
        from ..ops.math_ops import multiply
        scale = self.dynamic_scale if self.built else self.initial_scale
        return multiply(loss, scale)

    def check_finite(self, grads):
        """Whether every gradient is finite."""
        return all(np.all(np.isfinite(_array(g).astype(np.float32))) for g in grads
                   if g is not None)

    def apply(self, grads, trainable_variables=None):
        if not self.built:
            self._build_all(list(trainable_variables))
        if any(_is_graph_value(g) for g in grads if g is not None):
            # in a graph: one ApplyGradients operation running this same step when it runs
            variables = list(trainable_variables if trainable_variables is not None else
                             self.inner_optimizer._trainable_variables)
            grads, variables = self.inner_optimizer._filter_empty_gradients(grads, variables)
            _apply_in_graph(self, [g._dense() if hasattr(g, "_dense") else g for g in grads],
                            variables)
            return
        self._step(grads, trainable_variables)

    def _apply_arrays(self, arrays, trainable_variables):
        """What the graph's ApplyGradients operation runs (NumPy gradients)."""
        self._step(arrays, trainable_variables)

    def _step(self, grads, trainable_variables):
        """Unscales and applies finite gradients (growing the scale every
        `dynamic_growth_steps` such steps); a non-finite step halves the scale instead."""
        if self.check_finite(grads):
            scale = np.float32(self.dynamic_scale.numpy())
            unscaled = [None if g is None else _array(g) / scale for g in grads]
            self.inner_optimizer.apply(unscaled, trainable_variables)
            if int(self.step_counter.numpy()) == self.dynamic_growth_steps - 1:
                self.step_counter.assign(np.int64(0))
                self.dynamic_scale.assign(scale * np.float32(2.0))
            else:
                self.step_counter.assign_add(np.int64(1))
        else:
            self.step_counter.assign(np.int64(0))
            self.dynamic_scale.assign(np.float32(self.dynamic_scale.numpy()) * np.float32(0.5))

    def finalize_variable_values(self, var_list):
        finalize = getattr(self.inner_optimizer, "finalize_variable_values", None)
        if finalize is not None:
            finalize(var_list)

    def get_config(self):
        return {"name": self.name, "inner_optimizer": {
                    "class_name": type(self.inner_optimizer).__name__,
                    "config": self.inner_optimizer.get_config()},
                "initial_scale": self.initial_scale,
                "dynamic_growth_steps": self.dynamic_growth_steps}

