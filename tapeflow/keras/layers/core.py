"""Dense, Dropout, Flatten, Embedding and Sequential, composed from tapeflow ops.

    >>> layer = tf.keras.layers.Dense(2, kernel_initializer="ones")
    >>> layer(tf.constant([[1.0, 2.0]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[3., 3.]], dtype=float32)>
"""
import numpy as np

from ...framework.tensor import convert_to_tensor, wrap
from ...ops import array_ops as A
from ...ops import math_ops as M
from .. import activations, initializers
from .. import random as krandom
from .base import Layer, _accepts


class Dense(Layer):
    """`activation(inputs @ kernel + bias)`; the kernel is (input_dim, units)."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 lora_rank=None, **kwargs):
        super().__init__(**kwargs)
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(f"The last dimension of the inputs to a Dense layer should be "
                             f"defined. Found None. Full input shape received: {input_shape}")
        self._kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                       initializer=self.kernel_initializer)
        self._bias = (self.add_weight(name="bias", shape=(self.units,),
                                      initializer=self.bias_initializer)
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

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return krandom.dropout(inputs, self.rate, noise_shape=self.noise_shape,
                                   seed=self.seed_generator)
        return inputs


class Flatten(Layer):
    """Reshapes (batch, d1, d2, ...) to (batch, d1*d2*...)."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)

    def call(self, inputs):
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
        self.mask_zero = mask_zero

    def build(self, input_shape=None):
        self._embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                           initializer=self.embeddings_initializer,
                                           name="embeddings")

    @property
    def embeddings(self):
        return self._embeddings

    def call(self, inputs):
        if inputs.dtype.is_floating:
            inputs = M.cast(inputs, "int32")
        return A.gather(self._embeddings, inputs)

    def _convert_input(self, x):
        return convert_to_tensor(x)


class Sequential(Layer):
    """A stack of layers, each called on the previous one's output.

    >>> model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu"),
    ...                              tf.keras.layers.Dense(1)])
    >>> model(tf.ones((2, 3))).shape
    TensorShape([2, 1])
    """

    def __init__(self, layers=None, trainable=True, name=None):
        super().__init__(trainable=trainable, name=name)
        for layer in layers or ():
            self.add(layer)
        if getattr(self, "_pending_input_shape", None) is not None:
            self.build(self._pending_input_shape)

    def add(self, layer):
        if not isinstance(layer, Layer):
            raise ValueError(f"Only instances of `keras.Layer` can be added to a Sequential model. "
                             f"Received: {layer} (of type {type(layer)})")
        self._layers.append(layer)
        first = self._layers[0]
        if first._input_shape_arg is not None and len(self._layers) == 1:
            self._pending_input_shape = (None,) + first._input_shape_arg

    def pop(self):
        return self._layers.pop()

    def build(self, input_shape=None):
        shape = input_shape
        if shape is None:
            shape = getattr(self, "_pending_input_shape", None)
        if shape is None:
            return
        dummy = wrap(np.zeros(tuple(1 if d is None else d for d in shape), np.float32))
        x = dummy
        for layer in self._layers:
            x = layer(x)

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self._layers:
            if training is not None and _accepts(layer.call, "training"):
                x = layer(x, training=training)
            else:
                x = layer(x)
        return x

    def summary(self, print_fn=print):
        print_fn(f'Model: "{self.name}"')
        for layer in self._layers:
            n = sum(int(np.prod(v.shape.as_list())) for v in layer.weights)
            print_fn(f"  {layer.name:<24} {type(layer).__name__:<20} params: {n}")
        total = sum(int(np.prod(v.shape.as_list())) for v in self.weights)
        print_fn(f"Total params: {total}")

