"""Convolution layers: Conv1D/2D/3D, Conv1DTranspose/Conv2DTranspose, DepthwiseConv2D and
SeparableConv1D/2D, on `tf.nn.conv*` (kernels laid out as Keras's: spatial dims, input channels,
filters).

    >>> conv = tf.keras.layers.Conv2D(2, 3, padding="same", kernel_initializer="ones")
    >>> conv(tf.ones((1, 4, 4, 1))).shape
    TensorShape([1, 4, 4, 2])
"""
from ... import nn
from ...ops import array_ops as A
from .. import activations, constraints, initializers, regularizers
from .base import Layer


def _tuple(value, rank, name):
    if isinstance(value, int):
        return (value,) * rank
    value = tuple(int(v) for v in value)
    if len(value) != rank:
        raise ValueError(f"The `{name}` argument must be a tuple of {rank} integers. Received "
                         f"{name}={value}")
    return value


def _padding(padding, allow_causal=False):
    padding = padding.lower()
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    if padding not in allowed:
        raise ValueError(f"The `padding` argument must be a list/tuple or one of {allowed}. "
                         f"Received: {padding}")
    return padding


def _to_last(x, data_format):
    if data_format == "channels_first":
        return A.transpose(x, [0] + list(range(2, x.ndim)) + [1])
    return x


def _to_first(x, data_format):
    if data_format == "channels_first":
        return A.transpose(x, [0, x.ndim - 1] + list(range(1, x.ndim - 1)))
    return x


def _conv_nd(x, kernel, strides, padding, dilations):
    rank = x.ndim - 2
    pad = padding.upper()
    if rank == 1:
        return nn.conv1d(x, kernel, strides[0], pad, dilations=list(dilations))
    if rank == 2:
        return nn.conv2d(x, kernel, list(strides), pad, dilations=list(dilations))
    return nn.conv3d(x, kernel, [1] + list(strides) + [1], pad,
                     dilations=[1] + list(dilations) + [1])


class _Conv(Layer):
    rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        r = self.rank
        self.filters = int(filters)
        if self.filters <= 0:
            raise ValueError(f"Invalid value for argument `filters`. Expected a strictly "
                             f"positive value. Received filters={filters}.")
        self.kernel_size = _tuple(kernel_size, r, "kernel_size")
        self.strides = _tuple(strides, r, "strides")
        self.padding = _padding(padding, allow_causal=r == 1)
        self.data_format = data_format or "channels_last"
        self.dilation_rate = _tuple(dilation_rate, r, "dilation_rate")
        self.groups = int(groups)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        if self.filters % self.groups:
            raise ValueError(f"The number of filters must be evenly divisible by the number of "
                             f"groups. Received: groups={self.groups}, filters={self.filters}.")

    def _config(self):
        return {"filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate,
                "groups": self.groups, "activation": self.activation, "use_bias": self.use_bias,
                "kernel_initializer": self.kernel_initializer,
                "bias_initializer": self.bias_initializer,
                "kernel_regularizer": self.kernel_regularizer,
                "bias_regularizer": self.bias_regularizer,
                "activity_regularizer": self.activity_regularizer,
                "kernel_constraint": self.kernel_constraint,
                "bias_constraint": self.bias_constraint}

    def _channels(self, input_shape):
        axis = 1 if self.data_format == "channels_first" else -1
        ch = input_shape[axis]
        if ch is None:
            raise ValueError(f"The channel dimension of the inputs should be defined. The input_"
                             f"shape received is {input_shape}, where axis {axis} (0-based) is "
                             f"the channel dimension, which found to be `None`.")
        return ch

    def build(self, input_shape):
        ch = self._channels(input_shape)
        if ch % self.groups:
            raise ValueError(f"The number of input channels must be evenly divisible by the "
                             f"number of groups. Received groups={self.groups}, but the input "
                             f"has {ch} channels (full input shape is {input_shape}).")
        self._kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (ch // self.groups, self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self._bias = (self.add_weight(name="bias", shape=(self.filters,),
                                      initializer=self.bias_initializer,
                                      regularizer=self.bias_regularizer,
                                      constraint=self.bias_constraint)
                      if self.use_bias else None)

    kernel = property(lambda self: self._kernel)
    bias = property(lambda self: self._bias)

    def convolution_op(self, x, kernel):
        padding = self.padding
        if padding == "causal":
            left = (self.kernel_size[0] - 1) * self.dilation_rate[0]
            x = A.pad(x, [[0, 0], [left, 0], [0, 0]])
            padding = "valid"
        if self.groups == 1:
            return _conv_nd(x, kernel, self.strides, padding, self.dilation_rate)
        xs = A.split(x, self.groups, axis=-1)
        ks = A.split(kernel, self.groups, axis=-1)
        return A.concat([_conv_nd(a, k, self.strides, padding, self.dilation_rate)
                         for a, k in zip(xs, ks)], axis=-1)

    def call(self, inputs):
        x = _to_last(inputs, self.data_format)
        y = self.convolution_op(x, self._kernel)
        if self._bias is not None:
            y = y + self._bias
        return _to_first(self.activation(y), self.data_format)


class Conv1D(_Conv):
    """1-D convolution over (batch, steps, channels); `padding` may also be 'causal'."""
    rank = 1


class Conv2D(_Conv):
    """2-D convolution over (batch, height, width, channels)."""
    rank = 2


class Conv3D(_Conv):
    """3-D convolution over (batch, depth, height, width, channels)."""
    rank = 3


def _deconv_length(length, kernel, padding, output_padding, stride, dilation):
    kernel = kernel + (kernel - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return length * stride + max(kernel - stride, 0)
        return length * stride
    pad = kernel // 2 if padding == "same" else 0
    return (length - 1) * stride + kernel - 2 * pad + output_padding


class _ConvTranspose(_Conv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate, 1,
                         activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, bias_constraint, **kwargs)
        self.output_padding = (None if output_padding is None else
                               _tuple(output_padding, self.rank, "output_padding"))

    def _config(self):
        config = super()._config()
        config.pop("groups")
        out = {}
        for k, v in config.items():
            out[k] = v
            if k == "padding":
                out["output_padding"] = self.output_padding
        return out

    def build(self, input_shape):
        ch = self._channels(input_shape)
        self._kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (self.filters, ch),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self._bias = (self.add_weight(name="bias", shape=(self.filters,),
                                      initializer=self.bias_initializer,
                                      regularizer=self.bias_regularizer,
                                      constraint=self.bias_constraint)
                      if self.use_bias else None)

    def call(self, inputs):
        x = _to_last(inputs, self.data_format)
        shape = x.shape.as_list()
        op = [None] * self.rank if self.output_padding is None else self.output_padding
        spatial = [_deconv_length(shape[1 + i], self.kernel_size[i], self.padding, op[i],
                                  self.strides[i], self.dilation_rate[i])
                   for i in range(self.rank)]
        out_shape = [shape[0]] + spatial + [self.filters]
        if self.rank == 1:
            y = nn.conv1d_transpose(x, self._kernel, out_shape, self.strides[0],
                                    self.padding.upper(), dilations=self.dilation_rate[0])
        else:
            y = nn.conv2d_transpose(x, self._kernel, out_shape, list(self.strides),
                                    self.padding.upper(), dilations=list(self.dilation_rate))
        if self._bias is not None:
            y = y + self._bias
        return _to_first(self.activation(y), self.data_format)


class Conv1DTranspose(_ConvTranspose):
    """Transposed 1-D convolution (the gradient of Conv1D with respect to its input)."""
    rank = 1


class Conv2DTranspose(_ConvTranspose):
    """Transposed 2-D convolution; the kernel is (kh, kw, filters, in_channels)."""
    rank = 2


class DepthwiseConv2D(Layer):
    """One (kh, kw) filter per input channel (times `depth_multiplier`)."""

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.kernel_size = _tuple(kernel_size, 2, "kernel_size")
        self.strides = _tuple(strides, 2, "strides")
        self.padding = _padding(padding)
        self.depth_multiplier = int(depth_multiplier)
        self.data_format = data_format or "channels_last"
        self.dilation_rate = _tuple(dilation_rate, 2, "dilation_rate")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def _config(self):
        return {"depth_multiplier": self.depth_multiplier, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate,
                "activation": self.activation, "use_bias": self.use_bias,
                "depthwise_initializer": self.depthwise_initializer,
                "bias_initializer": self.bias_initializer,
                "depthwise_regularizer": self.depthwise_regularizer,
                "bias_regularizer": self.bias_regularizer,
                "activity_regularizer": self.activity_regularizer,
                "depthwise_constraint": self.depthwise_constraint,
                "bias_constraint": self.bias_constraint}

    def build(self, input_shape):
        ch = input_shape[1 if self.data_format == "channels_first" else -1]
        self._kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (ch, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self._bias = (self.add_weight(name="bias", shape=(ch * self.depth_multiplier,),
                                      initializer=self.bias_initializer,
                                      regularizer=self.bias_regularizer,
                                      constraint=self.bias_constraint)
                      if self.use_bias else None)

    kernel = property(lambda self: self._kernel)
    bias = property(lambda self: self._bias)

    def call(self, inputs):
        x = _to_last(inputs, self.data_format)
        y = nn.depthwise_conv2d(x, self._kernel, [1, *self.strides, 1], self.padding.upper(),
                                dilations=list(self.dilation_rate))
        if self._bias is not None:
            y = y + self._bias
        return _to_first(self.activation(y), self.data_format)


class _SeparableConv(Layer):
    rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", pointwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        r = self.rank
        self.filters = int(filters)
        self.kernel_size = _tuple(kernel_size, r, "kernel_size")
        self.strides = _tuple(strides, r, "strides")
        self.padding = _padding(padding)
        self.data_format = data_format or "channels_last"
        self.dilation_rate = _tuple(dilation_rate, r, "dilation_rate")
        self.depth_multiplier = int(depth_multiplier)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        for kind in ("depthwise", "pointwise"):
            setattr(self, f"{kind}_initializer",
                    initializers.get(locals()[f"{kind}_initializer"]))
            setattr(self, f"{kind}_regularizer",
                    regularizers.get(locals()[f"{kind}_regularizer"]))
            setattr(self, f"{kind}_constraint", constraints.get(locals()[f"{kind}_constraint"]))
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)

    def _config(self):
        return {"depth_multiplier": self.depth_multiplier, "filters": self.filters,
                "kernel_size": self.kernel_size, "strides": self.strides,
                "padding": self.padding, "data_format": self.data_format,
                "dilation_rate": self.dilation_rate, "activation": self.activation,
                "use_bias": self.use_bias,
                "depthwise_initializer": self.depthwise_initializer,
                "pointwise_initializer": self.pointwise_initializer,
                "bias_initializer": self.bias_initializer,
                "depthwise_regularizer": self.depthwise_regularizer,
                "pointwise_regularizer": self.pointwise_regularizer,
                "bias_regularizer": self.bias_regularizer,
                "activity_regularizer": self.activity_regularizer,
                "depthwise_constraint": self.depthwise_constraint,
                "pointwise_constraint": self.pointwise_constraint,
                "bias_constraint": self.bias_constraint}

    def build(self, input_shape):
        ch = input_shape[1 if self.data_format == "channels_first" else -1]
        self._depthwise = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (ch, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self._pointwise = self.add_weight(
            name="pointwise_kernel",
            shape=(1,) * self.rank + (ch * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self._bias = (self.add_weight(name="bias", shape=(self.filters,),
                                      initializer=self.bias_initializer,
                                      regularizer=self.bias_regularizer,
                                      constraint=self.bias_constraint)
                      if self.use_bias else None)

    depthwise_kernel = property(lambda self: self._depthwise)
    pointwise_kernel = property(lambda self: self._pointwise)
    bias = property(lambda self: self._bias)

    def call(self, inputs):
        x = _to_last(inputs, self.data_format)
        if self.rank == 1:
            x = A.expand_dims(x, 1)
            dk = A.expand_dims(self._depthwise, 0)
            pk = A.expand_dims(self._pointwise, 0)
            strides, dil = (1,) + self.strides, (1,) + self.dilation_rate
        else:
            dk, pk, strides, dil = self._depthwise, self._pointwise, self.strides, \
                self.dilation_rate
        y = nn.depthwise_conv2d(x, dk, [1, *strides, 1], self.padding.upper(),
                                dilations=list(dil))
        y = nn.conv2d(y, pk, [1, 1], "VALID")
        if self.rank == 1:
            y = A.squeeze(y, 1)
        if self._bias is not None:
            y = y + self._bias
        return _to_first(self.activation(y), self.data_format)


class SeparableConv2D(_SeparableConv):
    """A depthwise convolution followed by a 1x1 (pointwise) convolution."""
    rank = 2


class SeparableConv1D(_SeparableConv):
    """The 1-D form of SeparableConv2D."""
    rank = 1


Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
Convolution2DTranspose, SeparableConvolution2D = Conv2DTranspose, SeparableConv2D

