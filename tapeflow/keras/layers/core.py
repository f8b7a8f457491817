"""Dense, Dropout, Flatten, Embedding and Sequential, composed from tapeflow ops.

    >>> layer = tf.keras.layers.Dense(2, kernel_initializer="ones")
    >>> layer(tf.constant([[1.0, 2.0]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[3., 3.]], dtype=float32)>
"""
import numpy as np

from ...framework.tensor import convert_to_tensor
from ...ops import array_ops as A
from ...ops import math_ops as M
from .. import activations, constraints, initializers, regularizers
from .. import random as krandom
from .base import Layer


class Dense(Layer):
    """`activation(inputs @ kernel + bias)`; the kernel is (input_dim, units)."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 lora_rank=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def _config(self):
        return {"units": self.units, "activation": self.activation, "use_bias": self.use_bias,
                "kernel_initializer": self.kernel_initializer,
                "bias_initializer": self.bias_initializer,
                "kernel_regularizer": self.kernel_regularizer,
                "bias_regularizer": self.bias_regularizer,
                "kernel_constraint": self.kernel_constraint,
                "bias_constraint": self.bias_constraint, "quantization_config": None}

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(f"The last dimension of the inputs to a Dense layer should be "
                             f"defined. Found None. Full input shape received: {input_shape}")
        self._kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                       initializer=self.kernel_initializer,
                                       regularizer=self.kernel_regularizer,
                                       constraint=self.kernel_constraint)
        self._bias = (self.add_weight(name="bias", shape=(self.units,),
                                      initializer=self.bias_initializer,
                                      regularizer=self.bias_regularizer,
                                      constraint=self.bias_constraint)
                      if self.use_bias else None)

    @property
    def kernel(self):
        return self._kernel

    @property
    def bias(self):
        return self._bias

    def call(self, inputs, training=None):
        x = inputs
        if x.ndim <= 2:
            y = M.matmul(x if x.ndim == 2 else A.expand_dims(x, 0), self._kernel)
            if x.ndim == 1:
                y = A.squeeze(y, 0)
        else:
            y = M.tensordot(x, self._kernel, [[x.ndim - 1], [0]])
        if self._bias is not None:
            y = y + self._bias
        return self.activation(y)


class Dropout(Layer):
    """Zeroes a `rate` fraction of inputs and scales the rest by 1/(1-rate), when training.
    The mask comes from a `keras.random.SeedGenerator(seed)` made with the layer, so masks
    equal Keras's: each training call draws at the generator's next state.

    >>> layer = tf.keras.layers.Dropout(0.5, seed=4)
    >>> layer(tf.ones([1, 4]), training=True).numpy().tolist()
    [[2.0, 2.0, 0.0, 2.0]]
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(f"Invalid value received for argument `rate`. Expected a float value "
                             f"between 0 and 1. Received: rate={rate}")
        self.rate, self.noise_shape, self.seed = rate, noise_shape, seed
        if rate > 0:
            self.seed_generator = krandom.SeedGenerator(seed)
        self.supports_masking = True

    def _config(self):
        return {"rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape}

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return krandom.dropout(inputs, self.rate, noise_shape=self.noise_shape,
                                   seed=self.seed_generator)
        return inputs


class Flatten(Layer):
    """Reshapes (batch, d1, d2, ...) to (batch, d1*d2*...)."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"

    def _config(self):
        return {"data_format": self.data_format}

    def call(self, inputs):
        if self.data_format == "channels_first" and inputs.ndim > 2:
            inputs = A.transpose(inputs, [0] + list(range(2, inputs.ndim)) + [1])
        shape = inputs.shape.as_list()
        if len(shape) <= 1:
            return A.expand_dims(inputs, 1) if len(shape) == 1 else inputs
        return A.reshape(inputs, (shape[0], int(np.prod(shape[1:]))))


class Embedding(Layer):
    """Looks rows up in an (input_dim, output_dim) table: `embeddings[inputs]`."""

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False,
                 weights=None, lora_rank=None, **kwargs):
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = int(input_dim), int(output_dim)
        if embeddings_initializer == "uniform":
            embeddings_initializer = initializers.RandomUniform()
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self._initial_weights = weights

    def _config(self):
        return {"input_dim": self.input_dim, "output_dim": self.output_dim,
                "embeddings_initializer": self.embeddings_initializer,
                "embeddings_regularizer": self.embeddings_regularizer,
                "activity_regularizer": self.activity_regularizer,
                "embeddings_constraint": self.embeddings_constraint,
                "mask_zero": self.mask_zero, "quantization_config": None}

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return M.not_equal(inputs, 0)

    def build(self, input_shape=None):
        self._embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                           initializer=self.embeddings_initializer,
                                           regularizer=self.embeddings_regularizer,
                                           constraint=self.embeddings_constraint,
                                           name="embeddings")
        if self._initial_weights is not None:
            self._embeddings.assign(np.asarray(self._initial_weights[0], np.float32))

    @property
    def embeddings(self):
        return self._embeddings

    def call(self, inputs):
        if inputs.dtype.is_floating:
            inputs = M.cast(inputs, "int32")
        return A.gather(self._embeddings, inputs)

    def _convert_input(self, x):
        return convert_to_tensor(x)


class Lambda(Layer):
    """Wraps a function of the inputs as a layer: `Lambda(lambda x: x * 2)`."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.function, self.arguments = function, arguments or {}
        self._output_shape_arg, self._mask = output_shape, mask
        self.built = True

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        from .base import _accepts
        if mask is not None and _accepts(self.function, "mask"):
            kwargs["mask"] = mask
        if training is not None and _accepts(self.function, "training"):
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self._mask):
            return self._mask(inputs, mask)
        return self._mask

    def get_config(self):
        config = super().get_config()
        fn = self.function
        if getattr(fn, "__name__", "") == "<lambda>" or not hasattr(fn, "__code__"):
            import base64
            import marshal
            code = base64.b64encode(marshal.dumps(fn.__code__)).decode("ascii")
            config["function"] = {"class_name": "__lambda__",
                                  "config": {"code": code, "defaults": fn.__defaults__,
                                             "closure": None}}
        else:
            config["function"] = {"class_name": "__lambda__" if False else "function",
                                  "config": fn.__name__}
        config["arguments"] = self.arguments
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        config = dict(config)
        fn = config.pop("function")
        if isinstance(fn, dict) and fn.get("class_name") == "__lambda__":
            if safe_mode is not False:
                from .._saving import _safe_mode
                if _safe_mode():
                    raise ValueError(
                        "The `function` of this `Lambda` layer is a Python lambda. "
                        "Deserializing it is unsafe. If you trust the source of the config "
                        "artifact, you can override this error by passing `safe_mode=False` to "
                        "`from_config()`, or calling `keras.config.enable_unsafe_deserialization()")
            import base64
            import marshal
            import types
            code = marshal.loads(base64.b64decode(fn["config"]["code"]))
            fn = types.FunctionType(code, globals())
        elif isinstance(fn, dict):
            name = fn["config"]
            if custom_objects and name in custom_objects:
                fn = custom_objects[name]
            else:
                raise ValueError(f"Unknown function: '{name}'. Pass it in `custom_objects`.")
        config.pop("output_shape", None)
        return cls(fn, **{k: v for k, v in config.items() if k not in ("dtype",)})


class Activation(Layer):
    """Applies an activation function: `Activation("relu")`."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"activation": self.activation}

    def call(self, inputs):
        return self.activation(inputs)


class Identity(Layer):
    """Returns its input unchanged."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return inputs


class Masking(Layer):
    """Masks timesteps whose features all equal `mask_value` (zeroing them)."""

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"mask_value": self.mask_value}

    def compute_mask(self, inputs, mask=None):
        return M.reduce_any(M.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = M.reduce_any(M.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        return inputs * M.cast(keep, inputs.dtype)


class ActivityRegularization(Layer):
    """Passes its input through and adds `l1 * sum|x| + l2 * sum x**2` (per example) to
    `losses`."""

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        from ..regularizers import L1L2
        super().__init__(activity_regularizer=L1L2(l1=l1, l2=l2), **kwargs)
        self.l1, self.l2 = l1, l2
        self.supports_masking = True
        self.built = True

    def _config(self):
        return {"l1": self.l1, "l2": self.l2}

    def get_config(self):
        config = super().get_config()
        config.pop("activity_regularizer", None)
        return config

    def call(self, inputs):
        return inputs


class InputSpec:
    """Expected rank, shape and dtype of a layer's input (kept for API compatibility)."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None, allow_last_axis_squeeze=False, name=None, optional=False):
        self.dtype, self.shape, self.ndim = dtype, shape, ndim if shape is None else len(shape)
        self.max_ndim, self.min_ndim, self.axes = max_ndim, min_ndim, axes or {}
        self.name, self.optional = name, optional
