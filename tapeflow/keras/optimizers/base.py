"""The Keras 3 optimizer machinery (`tf.keras.optimizers.Optimizer`), step for step.

`apply_gradients(zip(grads, vars))` does what Keras 3 does on TF 2.21:
  1. builds the optimizer on first use (its slot variables, one set per model variable);
  2. drops pairs whose gradient is None (warning which variables have none; all None is an error);
  3. clips (`clipnorm` per gradient, `global_clipnorm` jointly, or `clipvalue`);
  4. applies weight decay, `var -= var * weight_decay * lr`, then each variable's `update_step`;
  5. increments `iterations`.
Learning rates come from a float (held in a variable), a `LearningRateSchedule` called with
`iterations`, or a zero-argument callable.

Updates are not differentiable, so they are computed directly on NumPy arrays in the variable's
dtype (float32 arithmetic in TF's operation order) and written with `assign`, `assign_add` and
`assign_sub` as Keras writes them (so a gradient of the wrong shape fails where it fails in TF).
An IndexedSlices gradient stays sparse through the rule with Keras's sparse semantics (`_ops`):
with a repeated index, `square(g)` squares each slice, and the slices are scattered one by one.
"""
import re
import sys
import warnings

import numpy as np

from ...framework.indexed_slices import IndexedSlices
from ...framework.op import ANY, apply, defop, is_concrete
from ...framework.tensor import Tensor, TensorLike, convert_to_tensor
from .. import backend, initializers
from ._ops import Slices, scatter
from .schedules import LearningRateSchedule


def _gradient(g, dtype):
    """A gradient as a NumPy array in `dtype`, or `Slices` for an IndexedSlices (kept sparse)."""
    if isinstance(g, IndexedSlices):
        shape = g.dense_shape
        shape = (tuple(int(d) for d in np.asarray(shape._value).reshape(-1)) if shape is not None
                 else None)
        values = np.asarray(g.values._value)
        indices = np.asarray(g.indices._value).astype(np.int64, copy=False)
        if shape is None:
            raise ValueError("an IndexedSlices gradient needs its dense_shape")
        return Slices(values.astype(dtype, copy=False), indices, shape)
    return _array(g, dtype)


def _array(x, dtype=None):
    """A gradient, variable or number as a NumPy array (IndexedSlices are made dense)."""
    if hasattr(x, "_dense"):
        x = x._dense()
    if isinstance(x, TensorLike):
        v = np.asarray(x._value)
    elif type(x) is np.ndarray and x.dtype.kind in "fc":  # a gradient inside a graph's step
        v = x
    else:
        v = np.asarray(convert_to_tensor(x)._value)
    return v if dtype is None or v.dtype == dtype else v.astype(dtype)


def _is_graph_value(g):
    if isinstance(g, IndexedSlices):
        g = g.values
    return isinstance(g, Tensor) and not is_concrete(g)


def _apply_forward(*values, optimizer, layout):
    """The ApplyGradients op's forward: the optimizer's update on the gradients' values (the
    variables, the last inputs, arrive as Variable objects through their handles)."""
    variables = values[len(values) - len(layout):]
    it = iter(values[:len(values) - len(layout)])
    arrays = []
    for kind, v in zip(layout, variables):
        if kind == "slices":
            vals, idx, shape = next(it), next(it), next(it)
            arrays.append(Slices(np.asarray(vals).astype(v._array.dtype, copy=False),
                                 np.asarray(idx).astype(np.int64, copy=False),
                                 tuple(int(d) for d in np.asarray(shape).reshape(-1))))
        else:
            arrays.append(_array(next(it), v._array.dtype))
    optimizer._apply_arrays(arrays, list(variables))
    return ()


def _no_vmap(op, args, dims, attrs):
    raise NotImplementedError("vmap of an optimizer step is not supported")


# An optimizer step inside a graph (tf.function): one stateful operation holding the optimizer,
# as TF's fused ResourceApply* kernels; it runs the same NumPy update as eagerly.
APPLY_GRADIENTS = defop("ApplyGradients", _apply_forward, nondiff=True, stateful=True,
                        num_outputs=0, allowed=ANY, shape=lambda *a, **k: (), batch=_no_vmap)


def _apply_in_graph(optimizer, grads, variables):
    inputs, layout = [], []
    for g in grads:
        if isinstance(g, IndexedSlices):
            inputs += [g.values, g.indices, g.dense_shape]
            layout.append("slices")
        else:
            inputs.append(convert_to_tensor(g))
            layout.append("dense")
    apply(APPLY_GRADIENTS, inputs + list(variables), {"optimizer": optimizer,
                                                      "layout": tuple(layout)})


class Optimizer:
    """Base class of Keras optimizers; subclasses define `build` and `update_step`."""

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.")
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if use_ema or gradient_accumulation_steps:
            raise NotImplementedError("tapeflow's optimizers do not implement `use_ema` or "
                                      "`gradient_accumulation_steps`")
        self.name = name or backend.auto_name(type(self).__name__)
        self.weight_decay = weight_decay
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self.use_ema, self.ema_momentum = use_ema, ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(f"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be "
                             f"set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                             f"global_clipnorm={global_clipnorm}")
        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._index = {}  # id(model variable) -> position in the list it was built with
        self._deferred = None  # checkpoint values waiting for the slot variables (see restore)
        self._slot_of = {}  # id(slot variable) -> (the model variable, slot name)
        with backend.name_scope(self.name):
            self._iterations = backend.Variable(np.int64(0), name="iteration", dtype="int64",
                                                trainable=False)
        self._variables.append(self._iterations)
        if isinstance(learning_rate, LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            if not isinstance(learning_rate, float):
                raise ValueError(
                    "Argument `learning_rate` should be float, or an instance of "
                    "LearningRateSchedule, or a callable (that takes in the current iteration "
                    "value and returns the corresponding learning rate value). Received instead: "
                    f"learning_rate={learning_rate}")
            with backend.name_scope(self.name):
                self._learning_rate = backend.Variable(np.float32(learning_rate),
                                                       name="learning_rate", dtype="float32",
                                                       trainable=False)
            self._variables.append(self._learning_rate)

    # -- state ------------------------------------------------------------------------------------
    @property
    def iterations(self):
        """The number of steps applied so far (an int64 variable)."""
        return self._iterations

    @property
    def variables(self):
        """iterations, learning_rate (when a float), then slot variables in creation order."""
        return list(self._variables)

    @property
    def learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            return lr(self._iterations)
        if isinstance(lr, backend.Variable):
            return lr
        if callable(lr):
            return lr()
        return lr

    @learning_rate.setter
    def learning_rate(self, value):
        if isinstance(value, LearningRateSchedule) or callable(value):
            if isinstance(self._learning_rate, backend.Variable):
                self._variables = [v for v in self._variables if v is not self._learning_rate]
            self._learning_rate = value
        elif isinstance(self._learning_rate, LearningRateSchedule):
            raise TypeError("This optimizer was created with a `LearningRateSchedule` object as "
                            "its `learning_rate` constructor argument, hence its learning rate is "
                            "not settable. If you need the learning rate to be settable, you "
                            "should instantiate the optimizer with a float `learning_rate` "
                            "argument.")
        else:
            self._learning_rate.assign(value)

    def _lr_array(self):
        return _array(self.learning_rate, np.float32)

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none", name=None):
        with backend.name_scope(self.name):
            v = backend.Variable(initializers.get(initializer), shape=tuple(shape), dtype=dtype,
                                 trainable=False, name=name)
        self._variables.append(v)
        return v

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot variable shaped like `reference_variable`, named `<ref>_<name>`."""
        name = name or "var"
        if hasattr(reference_variable, "path"):
            prefix = reference_variable.path.replace("/", "_")
        else:
            prefix = str(reference_variable._name).replace("/", "_").replace(":", "_")
        slot = self.add_variable(tuple(reference_variable.shape.as_list()), initializer,
                                 reference_variable.dtype, name=f"{prefix}_{name}")
        self._slot_of[id(slot)] = (reference_variable, name)
        return slot

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """Slot variables for each model variable; with several names they interleave per
        variable (Keras's order), and a tuple of lists comes back."""
        names = [name] if isinstance(name, str) else list(name)
        inits = initializer if isinstance(initializer, (list, tuple)) else [initializer] * len(names)
        out = tuple([] for _ in names)
        for var in trainable_variables:
            for i, (n, init) in enumerate(zip(names, inits)):
                out[i].append(self.add_variable_from_reference(var, n, init))
        return out[0] if isinstance(name, str) else out

    def build(self, var_list):
        """Creates the slot variables for `var_list` (once)."""
        for i, v in enumerate(var_list):
            self._index[id(v)] = i
        self._trainable_variables = list(var_list)
        self.built = True

    def _build_all(self, var_list):
        self.build(var_list)  # add_variable scopes each slot under the optimizer's name
        self.built = True

    def _restore_deferred(self):
        """Assigns checkpoint values read before the slot variables existed (all checked
        first; a mismatch raises, changes nothing, and raises again at every step)."""
        self._deferred.restore(self)
        self._deferred = None

    def _get_variable_index(self, variable):
        return self._index[id(variable)]

    # -- applying gradients ---------------------------------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        """Applies one step to each variable with a gradient; returns `iterations`."""
        pairs = list(grads_and_vars)
        if not pairs:
            return self._iterations
        grads, variables = zip(*pairs)
        self.apply(list(grads), list(variables))
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        if len(grads) == 0:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError("When passing `grads` without `variables`, the optimizer must "
                                 "already be built on a list of variables. Call "
                                 "`optimizer.build(trainable_variables)` first. ")
            trainable_variables = self._trainable_variables
        else:
            trainable_variables = list(trainable_variables)
            if not self.built:
                self._build_all(trainable_variables)
            for v in trainable_variables:
                if id(v) not in self._index:
                    raise ValueError(f"Unknown variable: {v}. This optimizer can only be called for "
                                     f"the variables it was originally built with. When working "
                                     f"with a new set of variables, you should recreate a new "
                                     f"optimizer instance.")
        if self._deferred is not None:
            self._restore_deferred()
        grads, trainable_variables = self._filter_empty_gradients(grads, trainable_variables)
        if any(_is_graph_value(g) for g in grads):
            _apply_in_graph(self, grads, trainable_variables)
            return
        self._apply_arrays([_gradient(g, v._value.dtype)
                            for g, v in zip(grads, trainable_variables)], trainable_variables)

    def _apply_arrays(self, arrays, trainable_variables):
        """Steps 3-5 on NumPy gradients (in a graph: what the ApplyGradients op runs)."""
        if self.loss_scale_factor is not None:
            if any(isinstance(a, Slices) for a in arrays):
                raise TypeError(f"unsupported operand type(s) for /: 'IndexedSlices' and "
                                f"'{type(self.loss_scale_factor).__name__}'")
            arrays = [a / self.loss_scale_factor for a in arrays]
        arrays = self._clip_gradients(arrays)
        lr = self._lr_array()
        replica = _distributed_replica()
        if replica is not None:
            # Inside `strategy.run` with several replicas (Keras 3's order): each replica clips
            # its own gradients, the sums over all replicas are applied once (the replicas of a
            # process share their variables), bucket by bucket as the all-reduce delivers them.
            def apply(buckets):
                self._apply_weight_decay(trainable_variables, lr)
                if type(self)._update_all is Optimizer._update_all:
                    for positions, summed in buckets:
                        self._update_all(summed, [trainable_variables[i] for i in positions], lr)
                else:  # a per-step side effect (Nadam's product): one call with every bucket
                    grads = [None] * len(trainable_variables)
                    for positions, summed in buckets:
                        for i, g in zip(positions, summed):
                            grads[i] = g
                    self._update_all(grads, trainable_variables, lr)
                self._iterations.assign_add(np.int64(1))

            dense = [a.dense() if isinstance(a, Slices) else a for a in arrays]
            replica[0].extended._sum_gradients_and_apply(replica[1], dense, apply)
            return
        self._apply_weight_decay(trainable_variables, lr)
        self._update_all(arrays, trainable_variables, lr)
        self._iterations.assign_add(np.int64(1))

    def _update_all(self, grads, variables, lr):
        for g, v in zip(grads, variables):
            self.update_step(g, v, lr.astype(v._value.dtype))

    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError

    def _step(self, dtype):
        """iterations + 1 in `dtype` (the bias-correction step count)."""
        return np.asarray(self._iterations._value + 1).astype(dtype)

    def _filter_empty_gradients(self, grads, variables):
        kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
        if not kept:
            raise ValueError("No gradients provided for any variable.")
        missing = [getattr(v, "path", v.name) for g, v in zip(grads, variables) if g is None]
        if missing:
            warnings.warn(f"Gradients do not exist for variables {missing} when minimizing the "
                          f"loss. If using `model.compile()`, did you forget to provide a `loss` "
                          f"argument?", stacklevel=3)
        return [g for g, _ in kept], [v for _, v in kept]

    def _clip_gradients(self, grads):
        """Keras's clipping; `tf.clip_by_norm` and `tf.clip_by_value` clip IndexedSlices by their
        values (the norm of all slices, repeated rows included), the global norm makes them
        dense."""
        def values(g):
            return g.values if isinstance(g, Slices) else g

        def like(g, v):
            return g.with_values(v) if isinstance(g, Slices) else v

        if self.clipnorm and self.clipnorm > 0:
            out = []
            for g in grads:
                a = values(g)
                l2sum = np.sum(np.square(a), keepdims=True)
                l2norm = np.where(l2sum > 0, np.sqrt(np.where(l2sum > 0, l2sum, 1)), l2sum)
                out.append(like(g, (a * a.dtype.type(self.clipnorm)) /
                                np.maximum(l2norm, a.dtype.type(self.clipnorm))))
            return out
        if self.global_clipnorm and self.global_clipnorm > 0:
            norm = np.sqrt(np.sum(np.stack([
                np.sum(g.with_values(np.square(g.values)).dense() if isinstance(g, Slices)
                       else np.square(g)) for g in grads])))
            c = norm.dtype.type(self.global_clipnorm)
            scale = c * np.minimum(norm.dtype.type(1.0) / norm, norm.dtype.type(1.0) / c)
            scale = scale + (norm - norm)
            return [(g.dense() if isinstance(g, Slices) else g) * scale.astype(g.dtype)
                    for g in grads]
        if self.clipvalue and self.clipvalue > 0:
            c = self.clipvalue
            return [like(g, np.clip(values(g), values(g).dtype.type(-c), values(g).dtype.type(c)))
                    for g in grads]
        return grads

    # -- weight decay -----------------------------------------------------------------------------------
    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Exempts variables (or those whose name contains one of `var_names`) from decay."""
        if self.built:
            raise ValueError("`exclude_from_weight_decay()` can only be configured before the "
                             "optimizer is built.")
        self._exclude_ids = {id(v) for v in var_list or ()}
        self._exclude_pattern = re.compile("|".join(set(var_names))) if var_names else None

    def _use_weight_decay(self, variable):
        if id(variable) in getattr(self, "_exclude_ids", ()):
            return False
        pattern = getattr(self, "_exclude_pattern", None)
        return not (pattern is not None and pattern.search(variable.name))

    def _apply_weight_decay(self, variables, lr):
        if self.weight_decay is None:
            return
        for v in variables:
            if self._use_weight_decay(v):
                dt = v._value.dtype
                value = np.asarray(v._value)
                v.assign(value - value * cast(self.weight_decay, dt) * lr.astype(dt))

    # -- Keras 2's minimize, kept for TF 2 code ------------------------------------------------------
    def minimize(self, loss, var_list, tape=None):
        """Computes gradients of `loss` for `var_list` and applies them (Keras 2's API).

        `loss` is a tensor recorded on `tape`, or a zero-argument callable (then the tape is
        made here). `var_list` may also be a callable returning the list."""
        from ...framework.tape import GradientTape
        if not callable(loss) and tape is None:
            raise ValueError("`tape` is required when a `Tensor` loss is passed. Received: "
                             f"loss={loss}, tape={tape}.")
        if callable(loss):
            tape = GradientTape()
            with tape:
                if callable(var_list):
                    var_list = var_list()
                tape.watch(var_list)
                loss = loss()
        elif callable(var_list):
            var_list = var_list()
        grads = tape.gradient(loss, var_list)
        return self.apply_gradients(zip(grads, var_list))

    # -- config -----------------------------------------------------------------------------------------
    def get_config(self):
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            lr = {"class_name": type(lr).__name__, "config": lr.get_config()}
        elif isinstance(lr, backend.Variable):
            lr = float(lr.numpy())
        return {"name": self.name, "learning_rate": lr, "weight_decay": self.weight_decay,
                "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm,
                "clipvalue": self.clipvalue, "use_ema": self.use_ema,
                "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency,
                "loss_scale_factor": self.loss_scale_factor,
                "gradient_accumulation_steps": self.gradient_accumulation_steps}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def _distributed_replica():
    """(strategy, replica context) inside `strategy.run` of a strategy with several replicas
    in sync, else None (tf.distribute is consulted only once it was imported)."""
    dl = sys.modules.get("tapeflow.distribute.distribute_lib")
    return dl.current_replica() if dl is not None else None


def cast(value, dtype):
    """Keras's `ops.cast(python_number, dtype)`: the number becomes a float32 tensor first."""
    return np.asarray(np.float32(value)).astype(dtype)


def _assign(variable, value):
    """Keras's `optimizer.assign`: a NumPy result into a variable (in its dtype; the shapes must
    match), or IndexedSlices into its rows (`scatter_update`)."""
    if isinstance(value, Slices):
        scatter(variable, value, "update")
    else:
        variable.assign(np.asarray(value).astype(variable._value.dtype, copy=False))


def _assign_add(variable, value):
    """Keras's `optimizer.assign_add` (`scatter_add` for IndexedSlices)."""
    if isinstance(value, Slices):
        scatter(variable, value, "add")
    else:
        variable.assign_add(np.asarray(value).astype(variable._value.dtype, copy=False))


def _assign_sub(variable, value):
    """Keras's `optimizer.assign_sub` (`scatter_sub` for IndexedSlices)."""
    if isinstance(value, Slices):
        scatter(variable, value, "sub")
    else:
        variable.assign_sub(np.asarray(value).astype(variable._value.dtype, copy=False))


def _value(variable):
    return np.asarray(variable._value)

