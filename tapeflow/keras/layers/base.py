"""`tf.keras.layers.Layer`: a `tf.Module` that creates its weights on first call.

Keras conventions kept here: a layer gets a unique default name (`dense`, `dense_1`, ...); its
weights are created by `build(input_shape)` inside the layer's name scope, so their paths read
`sequential/dense/kernel`; `weights`/`variables` list the layer's own weights in creation order
(trainable before non-trainable) and then those of its sublayers, in the order they were assigned.
"""
import functools
import inspect

from ...framework import dtypes
from ...framework.tensor import Tensor, convert_to_tensor
from ...framework.variables import Variable as _TFVariable
from ...module import Module, _added, name_scope as _tf_name_scope, _current_scope
from .. import backend, initializers


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
        self._dtype_policy = mixed_precision.get(dtype)
        self._dtype = dtypes.as_dtype(self._dtype_policy.variable_dtype)
        self._compute_dtype = dtypes.as_dtype(self._dtype_policy.compute_dtype)
        if input_dim is not None and input_shape is None:
            input_shape = (input_dim,)
        self._input_shape_arg = None if input_shape is None else tuple(input_shape)
        kwargs.pop("autocast", None)
        kwargs.pop("input_length", None)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments passed to {type(self).__name__}: "
                             f"{kwargs}")

    # -- attribute tracking (sublayers and variables assigned as attributes) ---------------------
    def __setattr__(self, name, value):
        layers = self.__dict__.get("_layers")
        if layers is not None and not name.startswith("_"):
            for v in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(v, Layer) and not any(v is x for x in layers):
                    layers.append(v)
                elif isinstance(v, _TFVariable) and not name.startswith("_"):
                    self._track_variable(v)
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

    @property
    def trainable_weights(self):
        return [v for v in self.weights if v.trainable] if self._trainable else []

    trainable_variables = trainable_weights

    @property
    def non_trainable_weights(self):
        if not self._trainable:
            return self.weights
        return [v for v in self.weights if not v.trainable]

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
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none", name=None):
        """Creates a Keras variable owned by this layer (zeros for float dtypes by default)."""
        shape = () if shape is None else _standardize_shape(shape)
        dtype = dtypes.as_dtype(dtype or self._dtype)
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        v = backend.Variable(init, shape=shape, dtype=dtype, trainable=trainable, name=name)
        self._track_variable(v)
        return v

    # -- calling ----------------------------------------------------------------------------------
    def build(self, input_shape=None):
        self.built = True

    def call(self, inputs, *args, **kwargs):
        return inputs

    def _convert_input(self, x):
        """Inputs become tensors; floating inputs are cast to the layer's compute dtype."""
        if isinstance(x, (list, tuple, dict)) or x is None:
            return x
        t = convert_to_tensor(x)
        if t.dtype.is_floating and t.dtype != self._compute_dtype:
            from ...ops.math_ops import cast
            t = cast(t, self._compute_dtype)
        return t

    def __call__(self, inputs, *args, **kwargs):
        inputs = self._convert_input(inputs)
        if not self.built:
            shape = tuple(inputs.shape.as_list()) if isinstance(inputs, Tensor) else None
            self.build(shape)  # a subclass's build runs inside the layer's name scope
            self.built = True
        compute = self._compute_dtype
        if self._float32_for_16_bit and compute.size == 2 and isinstance(inputs, Tensor):
            from ...ops.math_ops import cast  # normalization in 16 bits overflows: Keras 3 opts out
            inputs, compute = cast(inputs, dtypes.float32), dtypes.float32
        with backend.name_scope(self.name), backend.autocast_scope(compute):
            if "training" in kwargs and not _accepts(self.call, "training"):
                kwargs.pop("training")
            outputs = self.call(inputs, *args, **kwargs)
        if compute is not self._compute_dtype and isinstance(outputs, Tensor):
            outputs = cast(outputs, self._compute_dtype)
        return outputs

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


@functools.lru_cache(maxsize=None)
def _accepts_cached(fn, arg):
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return True
    return arg in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _accepts(method, arg):
    return _accepts_cached(getattr(method, "__func__", method), arg)
