"""Merging layers: Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum, Dot, and
their function forms (`keras.layers.add([a, b])`).

    >>> tf.keras.layers.Add()([tf.ones((1, 2)), tf.ones((1, 2))])
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[2., 2.]], dtype=float32)>
"""
from ...ops import array_ops as A
from ...ops import math_ops as M
from .base import Layer


class _Merge(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True

    def _check(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(f"A merge layer should be called on a list of inputs. Received: "
                             f"inputs={inputs} (not a list of tensors)")
        if len(inputs) < 1:
            raise ValueError(f"A merge layer should be called on a list of at least 1 input. Got "
                             f"{len(inputs)} inputs.")
        return [self._convert_input(x) for x in inputs]

    def call(self, inputs):
        inputs = self._check(inputs)
        out = inputs[0]
        for x in inputs[1:]:
            out = self._merge(out, x)
        return out

    def compute_mask(self, inputs, mask=None):
        if mask is None or not isinstance(mask, (list, tuple)) or all(m is None for m in mask):
            return None
        masks = [A.expand_dims(m, 0) for m in mask if m is not None]
        return M.reduce_all(A.concat(masks, 0), axis=0)


class Add(_Merge):
    """The elementwise sum of the inputs."""

    def _merge(self, a, b):
        return a + b


class Subtract(_Merge):
    """`inputs[0] - inputs[1]` (exactly two inputs)."""

    def call(self, inputs):
        inputs = self._check(inputs)
        if len(inputs) != 2:
            raise ValueError(f"A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: inputs={inputs}")
        return inputs[0] - inputs[1]


class Multiply(_Merge):
    def _merge(self, a, b):
        return a * b


class Maximum(_Merge):
    def _merge(self, a, b):
        return M.maximum(a, b)


class Minimum(_Merge):
    def _merge(self, a, b):
        return M.minimum(a, b)


class Average(_Merge):
    def call(self, inputs):
        inputs = self._check(inputs)
        out = inputs[0]
        for x in inputs[1:]:
            out = out + x
        return out / float(len(inputs))


class Concatenate(_Merge):
    """Joins the inputs along `axis` (default the last)."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def _config(self):
        return {"axis": self.axis}

    def call(self, inputs):
        return A.concat(self._check(inputs), axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        masks = [M.cast(A.ones_like(x), "bool")[..., 0] if m is None else m
                 for x, m in zip(inputs, mask)]
        if self.axis in (-1, inputs[0].ndim - 1):
            out = masks[0]
            for m in masks[1:]:
                out = M.logical_and(out, m)
            return out
        return A.concat(masks, axis=self.axis)


def _l2_normalize(x, axis):
    return x * M.rsqrt(M.maximum(M.reduce_sum(M.square(x), axis, keepdims=True), 1e-12))


class Dot(_Merge):
    """Dot products of two batches of vectors/matrices along `axes`
    (`normalize=True` for cosine similarity)."""

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        self.axes, self.normalize = axes, normalize

    def _config(self):
        return {"axes": self.axes, "normalize": self.normalize}

    def call(self, inputs):
        inputs = self._check(inputs)
        if len(inputs) != 2:
            raise ValueError(f"A `Dot` layer should be called on a list of 2 inputs. Received: "
                             f"inputs={inputs}")
        x, y = inputs
        axes = self.axes if isinstance(self.axes, (list, tuple)) else [self.axes, self.axes]
        axes = [a % t.ndim for a, t in zip(axes, (x, y))]
        if self.normalize:
            x, y = _l2_normalize(x, axes[0]), _l2_normalize(y, axes[1])
        # batched tensordot: move the contracted axis last (x) / first after batch (y)
        xs = list(range(x.ndim))
        xs.remove(axes[0])
        x = A.transpose(x, xs + [axes[0]])
        ys = list(range(y.ndim))
        ys.remove(axes[1])
        y = A.transpose(y, [0, axes[1]] + ys[1:])
        if x.ndim == 2 and y.ndim == 2:
            return M.reduce_sum(x * y, axis=1, keepdims=True)
        bx = A.reshape(x, [x.shape[0], -1, x.shape[-1]])
        by = A.reshape(y, [y.shape[0], y.shape[1], -1])
        out = M.matmul(bx, by)
        shape = [x.shape[0]] + x.shape.as_list()[1:-1] + y.shape.as_list()[2:]
        if len(shape) == 1:
            shape = shape + [1]
        return A.reshape(out, shape)

    def compute_mask(self, inputs, mask=None):
        return None


def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes=-1, normalize=False, **kwargs):
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
