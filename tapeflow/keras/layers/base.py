"""`tf.keras.layers.Layer`: a `tf.Module` that creates its weights on first call.

Keras conventions kept here: a layer gets a unique default name (`dense`, `dense_1`, ...); its
weights are created by `build(input_shape)` inside the layer's name scope, so their paths read
`sequential/dense/kernel`; `weights`/`variables` list the layer's own weights in creation order
(trainable before non-trainable) and then those of its sublayers, in the order they were assigned.
"""
import functools
import inspect

import numpy as np

from ...framework import dtypes
from ...framework.tensor import Tensor, convert_to_tensor
from ...framework.variables import Variable as _TFVariable
from ...module import Module, _added, _current_scope
from ...module import name_scope as _tf_name_scope
from .. import backend, initializers

_state = {"depth": 0, "symbolic": 0}  # nesting of __call__; >0 while building a functional graph
_with_losses = []  # layers whose `_losses` hold values from the last top-level call


def _standardize_shape(shape):
    if isinstance(shape, Tensor):
        return tuple(int(d) for d in shape.numpy())
    if hasattr(shape, "as_list"):
        shape = shape.as_list() if shape.rank is not None else None
    return tuple(None if d is None else int(d) for d in shape)


def _wrap_build(build):
    @functools.wraps(build)
    def build_in_scope(self, *args, **kwargs):
        if self.__dict__.get("_building"):  # a subclass's build calling super().build
            return build(self, *args, **kwargs)
        self._building = True
        try:
            with backend.name_scope(self.name):
                result = build(self, *args, **kwargs)
        finally:
            self._building = False
        self.built = True
        return result
    build_in_scope._tapeflow_wrapped = True
    return build_in_scope


class Layer(Module):
    """Base class of Keras layers: override `build(input_shape)` and `call(inputs, ...)`.

    >>> class Scale(tf.keras.layers.Layer):
    ...     def build(self, input_shape):
    ...         self.s = self.add_weight(shape=(), initializer="ones", name="s")
    ...     def call(self, x):
    ...         return x * self.s
    >>> Scale()(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """

    # True: under a 16-bit policy, compute in float32 and cast the result back (Keras 3's
    # normalization layers)
    _float32_for_16_bit = False
    _allow_non_tensor_positional_args = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        build = cls.__dict__.get("build")
        if build is not None and not getattr(build, "_tapeflow_wrapped", False):
            cls.build = _wrap_build(build)

    def __init__(self, trainable=True, name=None, dtype=None, input_shape=None, input_dim=None,
                 **kwargs):
        object.__setattr__(self, "_layers", [])
        self._trainable_variables = []
        self._non_trainable_variables = []
        self._trainable = bool(trainable)
        self.built = False
        name = name or backend.auto_name(type(self).__name__)
        self._name = name
        self._name_scope = _tf_name_scope(_current_scope() + name + "/")
        from .. import mixed_precision
        if isinstance(dtype, dict):  # a DTypePolicy config
            dtype = dtype.get("config", {}).get("name")
        self._dtype_policy = mixed_precision.get(dtype)
        self._dtype = dtypes.as_dtype(self._dtype_policy.variable_dtype)
        self._compute_dtype = dtypes.as_dtype(self._dtype_policy.compute_dtype)
        if input_dim is not None and input_shape is None:
            input_shape = (input_dim,)
        self._input_shape_arg = None if input_shape is None else tuple(input_shape)
        kwargs.pop("autocast", None)
        kwargs.pop("input_length", None)
        if kwargs.pop("quantization_config", None) is not None:
            raise NotImplementedError("tapeflow does not implement Keras quantization "
                                      "(`quantization_config`)")
        batch_shape = kwargs.pop("batch_input_shape", None) or kwargs.pop("batch_shape", None)
        if batch_shape is not None:
            self._input_shape_arg = tuple(batch_shape)[1:]
        activity_regularizer = kwargs.pop("activity_regularizer", None)
        from .. import regularizers
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self._losses = []
        self._metrics = []
        self._inbound_nodes = []
        self._build_input_shape = None
        self._build_output_shape = None
        self.supports_masking = getattr(type(self), "supports_masking", False)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments passed to {type(self).__name__}: "
                             f"{kwargs}")

    # -- attribute tracking (sublayers and variables assigned as attributes) ---------------------
    def __setattr__(self, name, value):
        layers = self.__dict__.get("_layers")
        if layers is not None and name != "_layers":
            public = not name.startswith("_")
            for v in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(v, Layer):
                    if not any(v is x for x in layers):
                        layers.append(v)
                elif not public:
                    continue
                elif isinstance(v, _TFVariable):
                    self._track_variable(v)
                elif _is_metric(v) and not any(v is m for m in self._metrics):
                    self._metrics.append(v)
        object.__setattr__(self, name, value)

    def _track_variable(self, v):
        store = self._trainable_variables if v.trainable else self._non_trainable_variables
        if not any(v is x for x in self._trainable_variables + self._non_trainable_variables):
            store.append(v)
            _added(self, v.name, v)  # a checkpoint restored before the layer was built fills it

    # -- properties -------------------------------------------------------------------------------
    @property
    def dtype(self):
        return self._dtype.name

    @property
    def compute_dtype(self):
        return self._compute_dtype.name

    @property
    def variable_dtype(self):
        return self._dtype.name

    @property
    def dtype_policy(self):
        return self._dtype_policy

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """Freezes or unfreezes this layer and every sublayer (as Keras 3 does)."""
        self._trainable = bool(value)
        for layer in self._layers:
            layer.trainable = value

    @property
    def weights(self):
        """Own weights (trainable, then non-trainable, in creation order), then sublayers'."""
        out, seen = [], set()
        for v in self._trainable_variables + self._non_trainable_variables:
            if id(v) not in seen:
                seen.add(id(v))
                out.append(v)
        for layer in self._layers:
            for v in layer.weights:
                if id(v) not in seen:
                    seen.add(id(v))
                    out.append(v)
        return out

    variables = weights

    def _trainable_ids(self, out):
        if self._trainable:
            for v in self._trainable_variables:
                out.add(id(v))
            for layer in self._layers:
                layer._trainable_ids(out)
        return out

    @property
    def trainable_weights(self):
        """Trainable variables of this layer and its sublayers that are not frozen."""
        if not self._trainable:
            return []
        ids = self._trainable_ids(set())
        return [v for v in self.weights if id(v) in ids]

    trainable_variables = trainable_weights

    @property
    def non_trainable_weights(self):
        if not self._trainable:
            return self.weights
        ids = self._trainable_ids(set())
        return [v for v in self.weights if id(v) not in ids]

    non_trainable_variables = non_trainable_weights

    @property
    def layers(self):
        return list(self._layers)

    def get_weights(self):
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights):
        own = self.weights
        if len(own) != len(weights):
            raise ValueError(f"You called `set_weights(weights)` on layer '{self.name}' with a "
                             f"weight list of length {len(weights)}, but the layer was expecting "
                             f"{len(own)} weights.")
        for v, w in zip(own, weights):
            if tuple(v.shape) != tuple(getattr(w, "shape", ())):
                raise ValueError(f"Layer {self.name} weight shape {tuple(v.shape)} is not "
                                 f"compatible with provided weight shape {tuple(w.shape)}.")
        for v, w in zip(own, weights):
            v.assign(w)

    # -- weights ----------------------------------------------------------------------------------
    def add_weight(self, *args, **kwargs):
        """Creates a Keras variable owned by this layer: `add_weight(shape=..., name=...)`."""
        if args and isinstance(args[0], str):
            raise ValueError(f"`name` must be passed as a keyword argument. Received: "
                             f"add_weight({args[0]!r}, ...). Use: add_weight(shape=..., "
                             f"name={args[0]!r}).")
        return self._add_weight(*args, **kwargs)

    def _add_weight(self, shape=None, initializer=None, dtype=None, trainable=True,
                    autocast=True, regularizer=None, constraint=None, aggregation="none",
                    overwrite_with_gradient=False, name=None):
        """Creates a Keras variable owned by this layer (glorot_uniform for floats by default).

        `regularizer` adds its penalty to `layer.losses`; `constraint` is applied after each
        optimizer step taken by `Model.fit`/`train_on_batch`."""
        shape = () if shape is None else _standardize_shape(shape)
        dtype = dtypes.as_dtype(dtype or self._dtype)
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        v = backend.Variable(init, shape=shape, dtype=dtype, trainable=trainable, name=name)
        from .. import constraints, regularizers
        v.regularizer = regularizers.get(regularizer)
        v.constraint = constraints.get(constraint)
        self._track_variable(v)
        return v

    def add_variable(self, shape, initializer, dtype=None, trainable=True, autocast=True,
                     regularizer=None, constraint=None, name=None):
        return self._add_weight(shape=shape, initializer=initializer, dtype=dtype,
                                trainable=trainable, regularizer=regularizer,
                                constraint=constraint, name=name)

    # -- losses and metrics ------------------------------------------------------------------------
    def add_loss(self, loss):
        """Adds a loss (a tensor) to `layer.losses`; losses are reset at each top-level call."""
        if _state["symbolic"]:
            return
        if not self._losses:
            _with_losses.append(self)
        self._losses.append(loss)

    @property
    def losses(self):
        """Losses added with `add_loss` in the last call, then weight-regularizer penalties, for
        this layer and its sublayers."""
        layers = self._flatten_layers()
        out = [loss for layer in layers for loss in layer._losses]
        for layer in layers:
            for v in layer._trainable_variables + layer._non_trainable_variables:
                reg = getattr(v, "regularizer", None)
                if reg is not None:
                    out.append(reg(v))
        return out

    def add_metric(self, *args, **kwargs):
        raise NotImplementedError(
            "Layer `add_metric()` method is deprecated. Add your metric in `Model.compile("
            "metrics=[...])`, or create metric trackers in init() or build() when subclassing "
            "the layer or model, then call `metric.update_state()` whenever necessary.")

    @property
    def metrics(self):
        out = list(self._metrics)
        for layer in self._layers:
            out.extend(layer.metrics)
        return out

    def _flatten_layers(self, include_self=True):
        out, seen, stack = [], set(), [self] if include_self else list(reversed(self._layers))
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            out.append(layer)
            stack.extend(reversed(layer._layers))
        return out

    def count_params(self):
        """The number of scalars in this layer's weights."""
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on layer '{self.name}', but the "
                             f"layer isn't built. You can build it manually via: "
                             f"`layer.build(input_shape)`.")
        return int(sum(int(np.prod(v.shape.as_list())) for v in self.weights))

    # -- calling ----------------------------------------------------------------------------------
    def build(self, input_shape=None):
        self.built = True

    def call(self, inputs, *args, **kwargs):
        return inputs

    def _convert_input(self, x):
        """Inputs become tensors; floating inputs are cast to the layer's compute dtype."""
        if isinstance(x, (list, tuple, dict)) or x is None:
            return x
        if type(x).__name__ == "SparseTensor":
            raise NotImplementedError(f"Keras layers on SparseTensor inputs (layer {self.name!r}; "
                                      f"keras.Input(sparse=True) models) are not implemented in "
                                      f"tapeflow: densify with tf.sparse.to_dense")
        t = convert_to_tensor(x)
        if t.dtype.is_floating and t.dtype != self._compute_dtype:
            from ...ops.math_ops import cast
            t = cast(t, self._compute_dtype)
        return t

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, (list, tuple)) and not self._allow_non_tensor_positional_args \
                and _has_python_scalars(inputs):
            bad = next(x for x in _flat(inputs) if isinstance(x, (int, float, bool)))
            raise ValueError(f"Only input tensors may be passed as positional arguments. The "
                             f"following argument value should be passed as a keyword "
                             f"argument: {bad} (of type {type(bad)})")
        if _any_keras_tensor(inputs, args, kwargs):
            from ..models import functional
            return functional.symbolic_call(self, inputs, args, kwargs)
        top = _state["depth"] == 0
        if top and _with_losses:
            tree = {id(x) for x in self._flatten_layers()}
            for layer in [x for x in _with_losses if id(x) in tree]:
                layer._losses = []
                _with_losses.remove(layer)
        inputs = self._convert_input(inputs)
        first = not self.built
        if first:
            shape = _shapes_of(inputs)
            self._build_input_shape = shape
            self._maybe_build(shape)
        if "training" in kwargs and not _accepts(self.call, "training"):
            kwargs.pop("training")
        if "mask" in kwargs and kwargs["mask"] is None and not _accepts(self.call, "mask"):
            kwargs.pop("mask")
        compute = self._compute_dtype
        if self._float32_for_16_bit and compute.size == 2 and isinstance(inputs, Tensor):
            from ...ops.math_ops import cast  # normalization in 16 bits overflows: Keras 3 opts out
            inputs, compute = cast(inputs, dtypes.float32), dtypes.float32
        _state["depth"] += 1
        try:
            with backend.name_scope(self.name), backend.autocast_scope(compute):
                outputs = self.call(inputs, *args, **kwargs)
        finally:
            _state["depth"] -= 1
        if compute is not self._compute_dtype and isinstance(outputs, Tensor):
            from ...ops.math_ops import cast
            outputs = cast(outputs, self._compute_dtype)
        if first:
            self._build_output_shape = _shapes_of(outputs)
        if self.activity_regularizer is not None:
            from ... import nest
            for out in nest.flatten(outputs):
                if isinstance(out, Tensor):
                    loss = self.activity_regularizer(out)
                    if out.shape.rank:
                        loss = loss / float(out.shape[0])
                    self.add_loss(loss)
        return outputs

    def _maybe_build(self, shape):
        if not self.built:
            self.build(shape)  # a subclass's build runs inside the layer's name scope
            self.built = True

    def compute_mask(self, inputs, mask=None):
        """The output mask: the input mask for layers that support masking, else None."""
        return mask if self.supports_masking else None

    def compute_output_shape(self, input_shape):
        from ..models import functional
        return functional.output_shape_of(self, input_shape)

    # -- functional-API views ----------------------------------------------------------------------
    @property
    def input(self):
        return self._node_attr("input", lambda n: n.call_args[0] if n.call_args else None)

    @property
    def output(self):
        return self._node_attr("output", lambda n: n.outputs)

    def _node_attr(self, what, get):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} has no inbound nodes." if what == "output"
                                 else f"Layer '{self.name}' has never been called and thus has "
                                      f"no defined {what}.")
        return get(self._inbound_nodes[0])

    @property
    def output_shape(self):
        if self._inbound_nodes:
            return _kt_shapes(self._inbound_nodes[0].outputs)
        raise AttributeError(f"The layer {self.name} has never been called and thus has no "
                             f"defined output shape.")

    # -- config ------------------------------------------------------------------------------------
    def get_config(self):
        """The constructor arguments of this layer, as a JSON-friendly dict (Keras 3's)."""
        from .. import _saving as saving
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": saving.dtype_policy_config(self._dtype.name)}
        extra = getattr(self, "_config", None)
        if extra is not None:
            config.update(saving.serialize_config(extra()))
        return config

    @classmethod
    def from_config(cls, config):
        from .. import _saving as saving
        return cls(**saving.deserialize_config(config))

    def get_build_config(self):
        if self._build_input_shape is not None:
            return {"input_shape": _json_shape(self._build_input_shape)}
        return None

    def build_from_config(self, config):
        if config and config.get("input_shape") is not None and not self.built:
            shape = config["input_shape"]
            self._build_input_shape = _tuple_shape(shape)
            self._maybe_build(self._build_input_shape)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _flat(x):
    from ... import nest
    return nest.flatten(x)


def _has_python_scalars(inputs):
    return any(isinstance(x, (int, float, bool)) for x in _flat(inputs))


def _is_metric(v):
    from ..metrics import Metric
    return isinstance(v, Metric)


def _any_keras_tensor(inputs, args, kwargs):
    from ..models.functional import KerasTensor
    if isinstance(inputs, KerasTensor):
        return True
    if isinstance(inputs, (list, tuple, dict)) or args or kwargs:
        from ... import nest
        for x in nest.flatten([inputs, list(args), list(kwargs.values())]):
            if isinstance(x, KerasTensor):
                return True
    return False


def _shapes_of(x):
    if isinstance(x, Tensor):
        return tuple(x.shape.as_list())
    if isinstance(x, (list, tuple)):
        return [_shapes_of(v) for v in x]
    if isinstance(x, dict):
        return {k: _shapes_of(v) for k, v in x.items()}
    return None


def _kt_shapes(x):
    if isinstance(x, (list, tuple)):
        return [_kt_shapes(v) for v in x]
    if isinstance(x, dict):
        return {k: _kt_shapes(v) for k, v in x.items()}
    return tuple(x.shape)


def _json_shape(shape):
    if isinstance(shape, dict):
        return {k: _json_shape(v) for k, v in shape.items()}
    if isinstance(shape, list) and shape and not (isinstance(shape[0], int) or shape[0] is None):
        return [_json_shape(s) for s in shape]
    return None if shape is None else list(shape)


def _tuple_shape(shape):
    if isinstance(shape, dict):
        return {k: _tuple_shape(v) for k, v in shape.items()}
    if isinstance(shape, list) and shape and isinstance(shape[0], (list, tuple)):
        return [_tuple_shape(s) for s in shape]
    return tuple(shape)


@functools.cache
def _accepts_cached(fn, arg):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return True
    return arg in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _accepts(method, arg):
    return _accepts_cached(getattr(method, "__func__", method), arg)
