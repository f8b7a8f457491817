"""Pooling layers: Max/AveragePooling 1D-3D and their global forms (`tf.nn.max_pool*`,
`tf.nn.avg_pool*`, reductions).

    >>> tf.keras.layers.MaxPooling1D(2)(tf.reshape(tf.range(4.0), (1, 4, 1)))[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
"""
from ... import nn
from ...ops import array_ops as A
from ...ops import math_ops as M
from .base import Layer
from .conv import _padding, _to_first, _to_last, _tuple


class _Pooling(Layer):
    rank, kind = 2, "max"

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_size = _tuple(pool_size, self.rank, "pool_size")
        self.strides = _tuple(strides, self.rank, "strides") if strides is not None else \
            self.pool_size
        self.padding = _padding(padding)
        self.data_format = data_format or "channels_last"
        self.built = True

    def _config(self):
        return {"pool_size": self.pool_size, "padding": self.padding, "strides": self.strides,
                "data_format": self.data_format}

    def call(self, inputs):
        x = _to_last(inputs, self.data_format)
        pad = self.padding.upper()
        fn = {("max", 1): nn.max_pool1d, ("max", 2): nn.max_pool2d, ("max", 3): nn.max_pool3d,
              ("avg", 1): nn.avg_pool1d, ("avg", 2): nn.avg_pool2d,
              ("avg", 3): nn.avg_pool3d}[(self.kind, self.rank)]
        y = fn(x, list(self.pool_size), list(self.strides), pad)
        return _to_first(y, self.data_format)


class MaxPooling1D(_Pooling):
    rank, kind = 1, "max"


class MaxPooling2D(_Pooling):
    rank, kind = 2, "max"


class MaxPooling3D(_Pooling):
    rank, kind = 3, "max"


class AveragePooling1D(_Pooling):
    rank, kind = 1, "avg"

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(pool_size, strides, padding, data_format, name, **kwargs)


class AveragePooling2D(AveragePooling1D):
    rank = 2


class AveragePooling3D(AveragePooling1D):
    rank = 3


class _GlobalPooling(Layer):
    rank, kind = 2, "avg"

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"
        self.keepdims = keepdims
        self.supports_masking = self.rank == 1
        self.built = True

    def _config(self):
        return {"data_format": self.data_format, "keepdims": self.keepdims}

    def call(self, inputs, mask=None):
        axes = list(range(1, 1 + self.rank)) if self.data_format == "channels_last" else \
            list(range(2, 2 + self.rank))
        if mask is not None and self.rank == 1 and self.kind == "avg":
            m = M.cast(mask, inputs.dtype)
            m = A.expand_dims(m, 2) if self.data_format == "channels_last" else \
                A.expand_dims(m, 1)
            total = M.reduce_sum(inputs * m, axes, keepdims=self.keepdims)
            return total / M.reduce_sum(m, axes, keepdims=self.keepdims)
        if self.kind == "avg":
            return M.reduce_mean(inputs, axes, keepdims=self.keepdims)
        return M.reduce_max(inputs, axes, keepdims=self.keepdims)

    def compute_mask(self, inputs, mask=None):
        return None


class GlobalAveragePooling1D(_GlobalPooling):
    rank, kind = 1, "avg"


class GlobalAveragePooling2D(_GlobalPooling):
    rank, kind = 2, "avg"


class GlobalAveragePooling3D(_GlobalPooling):
    rank, kind = 3, "avg"


class GlobalMaxPooling1D(_GlobalPooling):
    rank, kind = 1, "max"


class GlobalMaxPooling2D(_GlobalPooling):
    rank, kind = 2, "max"


class GlobalMaxPooling3D(_GlobalPooling):
    rank, kind = 3, "max"


MaxPool1D, MaxPool2D, MaxPool3D = MaxPooling1D, MaxPooling2D, MaxPooling3D
AvgPool1D, AvgPool2D, AvgPool3D = AveragePooling1D, AveragePooling2D, AveragePooling3D
GlobalAvgPool1D, GlobalAvgPool2D = GlobalAveragePooling1D, GlobalAveragePooling2D
GlobalMaxPool1D, GlobalMaxPool2D = GlobalMaxPooling1D, GlobalMaxPooling2D
