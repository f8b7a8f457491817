"""MultiHeadAttention (Vaswani et al.), with Keras 3's projections (EinsumDense `query`,
`key`, `value`, `attention_output`), scaling, masks and dropout.

    >>> mha = tf.keras.layers.MultiHeadAttention(num_heads=2, key_dim=4)
    >>> x = tf.ones((1, 3, 8))
    >>> mha(x, x).shape
    TensorShape([1, 3, 8])
"""
import math

import numpy as np

from ...framework.tensor import convert_to_tensor, wrap
from ...ops import array_ops as A
from ...ops import linalg_ops
from ...ops import math_ops as M
from .. import constraints, initializers, regularizers
from .activation import Softmax
from .base import Layer
from .core import Dropout


class EinsumDense(Layer):
    """`einsum(equation, inputs, kernel) + bias` (the projection layer MultiHeadAttention
    uses)."""

    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        self.equation, self.bias_axes = equation, bias_axes
        self.partial_output_shape = tuple(output_shape) if isinstance(
            output_shape, (list, tuple)) else (output_shape,)
        from .. import activations
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def _config(self):
        return {"output_shape": self.partial_output_shape, "equation": self.equation,
                "activation": self.activation, "bias_axes": self.bias_axes,
                "kernel_initializer": self.kernel_initializer,
                "bias_initializer": self.bias_initializer,
                "kernel_regularizer": self.kernel_regularizer,
                "bias_regularizer": self.bias_regularizer,
                "kernel_constraint": self.kernel_constraint,
                "bias_constraint": self.bias_constraint}

    def build(self, input_shape):
        lhs, out = self.equation.split("->")
        inp, ker = lhs.split(",")
        sizes = dict(zip(inp, input_shape))
        partial = list(self.partial_output_shape)
        for c, d in zip(out[len(out) - len(partial):], partial):
            if d is not None:
                sizes.setdefault(c, d)
        kshape = tuple(sizes[c] for c in ker)
        self._kernel = self.add_weight(name="kernel", shape=kshape,
                                       initializer=self.kernel_initializer,
                                       regularizer=self.kernel_regularizer,
                                       constraint=self.kernel_constraint)
        self._bias = None
        if self.bias_axes:
            bshape = []
            first = min(out.index(c) for c in self.bias_axes)
            for c in out[first:]:
                bshape.append(sizes[c] if c in self.bias_axes else 1)
            self._bias = self.add_weight(name="bias", shape=tuple(bshape),
                                         initializer=self.bias_initializer,
                                         regularizer=self.bias_regularizer,
                                         constraint=self.bias_constraint)

    kernel = property(lambda self: self._kernel)
    bias = property(lambda self: self._bias)

    def call(self, inputs):
        y = linalg_ops.einsum(self.equation, inputs, self._kernel)
        if self._bias is not None:
            y = y + self._bias
        return self.activation(y)


class MultiHeadAttention(Layer):
    """`num_heads` scaled dot-product attentions of `key_dim` each, projected back to the
    query's feature size (or `output_shape`)."""

    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
                 output_shape=None, attention_axes=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 seed=None, use_gate=False, sliding_window=None, flash_attention=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if use_gate or sliding_window is not None or flash_attention:
            raise NotImplementedError("tapeflow's MultiHeadAttention does not implement "
                                      "use_gate, sliding_window or flash_attention")
        if isinstance(attention_axes, int):
            attention_axes = [attention_axes]
        if attention_axes is not None and list(attention_axes) not in ([1], [-2]):
            raise NotImplementedError("tapeflow's MultiHeadAttention attends over axis 1 only "
                                      "(attention_axes=None)")
        self.num_heads, self.key_dim = int(num_heads), int(key_dim)
        self.value_dim = int(value_dim) if value_dim else self.key_dim
        self.dropout, self.use_bias = dropout, use_bias
        self._output_shape = output_shape
        self.seed = seed
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.supports_masking = True

    def _config(self):
        return {"num_heads": self.num_heads, "key_dim": self.key_dim,
                "value_dim": self.value_dim, "dropout": self.dropout,
                "use_bias": self.use_bias, "use_gate": False,
                "output_shape": self._output_shape, "attention_axes": None,
                "sliding_window": None, "kernel_initializer": self.kernel_initializer,
                "bias_initializer": self.bias_initializer,
                "kernel_regularizer": self.kernel_regularizer,
                "bias_regularizer": self.bias_regularizer,
                "activity_regularizer": self.activity_regularizer,
                "kernel_constraint": self.kernel_constraint,
                "bias_constraint": self.bias_constraint, "seed": self.seed}

    def _dense(self, equation, shape, bias_axes, name):
        return EinsumDense(equation, shape, bias_axes=bias_axes if self.use_bias else None,
                           kernel_initializer=self.kernel_initializer,
                           bias_initializer=self.bias_initializer,
                           kernel_regularizer=self.kernel_regularizer,
                           bias_regularizer=self.bias_regularizer,
                           kernel_constraint=self.kernel_constraint,
                           bias_constraint=self.bias_constraint, name=name,
                           dtype=self._dtype.name)

    def build(self, query_shape, value_shape=None, key_shape=None):
        if isinstance(query_shape, list) and query_shape and isinstance(query_shape[0],
                                                                          (list, tuple)):
            shapes = list(query_shape) + [None, None]
            query_shape, value_shape, key_shape = shapes[0], shapes[1], shapes[2]
        value_shape = value_shape or query_shape
        key_shape = key_shape or value_shape
        h = self.num_heads
        self._query_dense = self._dense("abc,cde->abde", (None, h, self.key_dim), "de", "query")
        self._query_dense._maybe_build(tuple(query_shape))
        self._key_dense = self._dense("abc,cde->abde", (None, h, self.key_dim), "de", "key")
        self._key_dense._maybe_build(tuple(key_shape))
        self._value_dense = self._dense("abc,cde->abde", (None, h, self.value_dim), "de",
                                        "value")
        self._value_dense._maybe_build(tuple(value_shape))
        out_dim = query_shape[-1] if self._output_shape is None else self._output_shape
        out_dim = out_dim if isinstance(out_dim, (list, tuple)) else (out_dim,)
        letters = "efgh"[:len(out_dim)]
        self._output_dense = self._dense(f"abcd,cd{letters}->ab{letters}", (None,) +
                                         tuple(out_dim), letters, "attention_output")
        self._output_dense._maybe_build((query_shape[0], query_shape[1], h, self.value_dim))
        self._softmax = Softmax(axis=-1, dtype=self._dtype.name)
        self._dropout_layer = Dropout(rate=self.dropout, seed=self.seed, dtype=self._dtype.name)

    def get_build_config(self):
        shapes = getattr(self, "_build_shapes", None)
        if not shapes:
            return None
        out = {"query_shape": list(shapes[0]), "value_shape": list(shapes[1])}
        if len(shapes) > 2:
            out["key_shape"] = list(shapes[2])
        return {"shapes_dict": out}

    def build_from_config(self, config):
        config = (config or {}).get("shapes_dict", config)
        if config and not self.built and "query_shape" in config:
            shapes = [tuple(config["query_shape"]), tuple(config["value_shape"])]
            if config.get("key_shape") is not None:
                shapes.append(tuple(config["key_shape"]))
            self._build_shapes = shapes
            self._build_input_shape = shapes[0]
            self.build(*shapes)
            self.built = True

    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    def _saving_children(self):
        return [("key_dense", self._key_dense), ("output_dense", self._output_dense),
                ("query_dense", self._query_dense), ("value_dense", self._value_dense),
                ("_dropout_layer", self._dropout_layer), ("_softmax", self._softmax)]

    def _maybe_build(self, shape):
        if not self.built:
            self.build(shape)
            self.built = True

    def __call__(self, query, value=None, key=None, **kwargs):
        if value is None:
            raise TypeError("MultiHeadAttention.call() missing 1 required positional "
                            "argument: 'value'")
        from ..models.functional import KerasTensor
        if not self.built:
            def shape(t):
                if isinstance(t, KerasTensor):
                    return tuple(t.shape)
                return tuple(convert_to_tensor(t).shape.as_list())
            shapes = [shape(query), shape(value)] + ([shape(key)] if key is not None else [])
            self._build_input_shape = shapes[0]
            self._build_shapes = shapes
            self.build(*shapes)  # build runs in the layer's name scope
            self.built = True
        if key is not None:
            kwargs["key"] = key
        return super().__call__(query, value, **kwargs)

    def _causal(self, tq, ts):
        return wrap(np.tril(np.ones((tq, ts), bool)))

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        key = value if key is None else key
        q = self._query_dense(query)
        k = self._key_dense(key)
        v = self._value_dense(value)
        q = q * (1.0 / math.sqrt(float(self.key_dim)))
        scores = linalg_ops.einsum("aecd,abcd->acbe", k, q)
        mask = self._mask(query, value, query_mask, value_mask, key_mask, attention_mask,
                          use_causal_mask)
        if mask is not None:
            mask = A.expand_dims(mask, 1)
        probs = self._softmax(scores, mask=mask)
        dropped = self._dropout_layer(probs, training=training)
        out = linalg_ops.einsum("acbe,aecd->abcd", dropped, v)
        out = self._output_dense(out)
        if return_attention_scores:
            return out, probs
        return out

    def _mask(self, query, value, query_mask, value_mask, key_mask, attention_mask, causal):
        tq, ts = query.shape[1], value.shape[1]
        mask = None
        if query_mask is not None:
            mask = A.expand_dims(M.cast(query_mask, "bool"), -1)
        if value_mask is not None:
            vm = A.expand_dims(M.cast(value_mask, "bool"), -2)
            mask = vm if mask is None else M.logical_and(mask, vm)
        if key_mask is not None:
            km = A.expand_dims(M.cast(key_mask, "bool"), -2)
            mask = km if mask is None else M.logical_and(mask, km)
        if causal:
            cm = A.expand_dims(self._causal(tq, ts), 0)
            mask = cm if mask is None else M.logical_and(mask, cm)
        if attention_mask is not None:
            am = M.cast(convert_to_tensor(attention_mask), "bool")
            mask = am if mask is None else M.logical_and(mask, am)
        if mask is not None:
            mask = M.logical_and(mask, A.ones((query.shape[0], tq, ts), dtype="bool"))
        return mask
