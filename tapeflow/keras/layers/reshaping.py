"""Reshaping layers: Reshape, Permute, RepeatVector, ZeroPadding1D/2D, Cropping1D/2D,
UpSampling1D/2D (nearest neighbour).

    >>> tf.keras.layers.Reshape((3, 2))(tf.ones((4, 6))).shape
    TensorShape([4, 3, 2])
"""
import numpy as np

from ...ops import array_ops as A
from .base import Layer


def _pairs(value, rank, name):
    if isinstance(value, int):
        return ((value, value),) * rank
    value = tuple(value)
    if len(value) != rank:
        raise ValueError(f"`{name}` should have {rank} elements. Received: {name}={value}.")
    return tuple((v, v) if isinstance(v, int) else tuple(v) for v in value)


class Reshape(Layer):
    """Reshapes each example to `target_shape` (one entry may be -1)."""

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)
        self.built = True

    def _config(self):
        return {"target_shape": self.target_shape}

    def call(self, inputs):
        shape = inputs.shape.as_list()
        n = int(np.prod(shape[1:]))
        target = list(self.target_shape)
        if -1 in target:
            known = int(np.prod([d for d in target if d != -1]))
            if known == 0 or n % known:
                raise ValueError(f"total size of new array must be unchanged, input_shape = "
                                 f"{shape[1:]}, output_shape = {self.target_shape}")
            target[target.index(-1)] = n // known
        elif int(np.prod(target)) != n:
            raise ValueError(f"total size of new array must be unchanged, input_shape = "
                             f"{shape[1:]}, output_shape = {self.target_shape}")
        return A.reshape(inputs, [shape[0]] + target)


class Permute(Layer):
    """Permutes the non-batch axes: `Permute((2, 1))` swaps the two axes of each example."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError(f"Invalid permutation argument `dims` for Permute Layer. The set of "
                             f"indices in `dims` must be consecutive and start from 1. Received "
                             f"dims={dims}")
        self.built = True

    def _config(self):
        return {"dims": self.dims}

    def call(self, inputs):
        return A.transpose(inputs, (0,) + self.dims)


class RepeatVector(Layer):
    """(batch, features) -> (batch, n, features)."""

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        self.n = int(n)
        self.built = True

    def _config(self):
        return {"n": self.n}

    def call(self, inputs):
        if inputs.ndim != 2:
            raise ValueError(f"Input of RepeatVector should be 2D. Received input shape: "
                             f"{inputs.shape}")
        return A.tile(A.expand_dims(inputs, 1), [1, self.n, 1])


class ZeroPadding1D(Layer):
    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.padding = _pairs(padding, 1, "padding")[0] if not (
            isinstance(padding, (tuple, list)) and len(padding) == 2 and
            all(isinstance(p, int) for p in padding)) else tuple(padding)
        self.data_format = data_format or "channels_last"
        self.built = True

    def _config(self):
        return {"padding": self.padding, "data_format": self.data_format}

    def call(self, inputs):
        pads = [[0, 0], list(self.padding), [0, 0]]
        if self.data_format == "channels_first":
            pads = [[0, 0], [0, 0], list(self.padding)]
        return A.pad(inputs, pads)


class ZeroPadding2D(Layer):
    """Pads rows and columns with zeros: `padding` int, (rows, cols) or ((top, bottom),
    (left, right))."""

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.padding = _pairs(padding, 2, "padding")
        self.data_format = data_format or "channels_last"
        self.built = True

    def _config(self):
        return {"padding": self.padding, "data_format": self.data_format}

    def call(self, inputs):
        (t, b), (left, r) = self.padding
        if self.data_format == "channels_first":
            return A.pad(inputs, [[0, 0], [0, 0], [t, b], [left, r]])
        return A.pad(inputs, [[0, 0], [t, b], [left, r], [0, 0]])


class Cropping1D(Layer):
    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.cropping = (cropping, cropping) if isinstance(cropping, int) else tuple(cropping)
        self.built = True

    def _config(self):
        return {"cropping": self.cropping}

    def call(self, inputs):
        a, b = self.cropping
        n = inputs.shape[1]
        return inputs[:, a:n - b]


class Cropping2D(Layer):
    """Crops rows and columns: `cropping` int, (rows, cols) or ((top, bottom), (left, right))."""

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.cropping = _pairs(cropping, 2, "cropping")
        self.data_format = data_format or "channels_last"
        self.built = True

    def _config(self):
        return {"cropping": self.cropping, "data_format": self.data_format}

    def call(self, inputs):
        (t, b), (left, r) = self.cropping
        if self.data_format == "channels_first":
            h, w = inputs.shape[2], inputs.shape[3]
            return inputs[:, :, t:h - b, left:w - r]
        h, w = inputs.shape[1], inputs.shape[2]
        return inputs[:, t:h - b, left:w - r, :]


class UpSampling1D(Layer):
    """Repeats each step `size` times."""

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = int(size)
        self.built = True

    def _config(self):
        return {"size": self.size}

    def call(self, inputs):
        from ...ops.indexing_ops import repeat
        return repeat(inputs, self.size, axis=1)


class UpSampling2D(Layer):
    """Repeats rows and columns (`interpolation='nearest'`)."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.size = (size, size) if isinstance(size, int) else tuple(size)
        self.data_format = data_format or "channels_last"
        if interpolation != "nearest":
            raise NotImplementedError(f"tapeflow's UpSampling2D implements "
                                      f"interpolation='nearest' only (got {interpolation!r})")
        self.interpolation = interpolation
        self.built = True

    def _config(self):
        return {"size": self.size, "data_format": self.data_format,
                "interpolation": self.interpolation}

    def call(self, inputs):
        from ...ops.indexing_ops import repeat
        axis = 1 if self.data_format == "channels_last" else 2
        x = repeat(inputs, self.size[0], axis=axis)
        return repeat(x, self.size[1], axis=axis + 1)
