"""`tf.IndexedSlices`: a sparse gradient (rows `values` at `indices` of a `dense_shape` tensor).

The gradient of an axis-0 `gather` is an IndexedSlices, as in TF; tapes keep it sparse through
identities and variable reads and sum several of them by concatenation, and densify it before any
other gradient rule sees it (`backprop.densify`). `tf.convert_to_tensor` densifies (the
conversion is registered by the primitive layer, which owns the scatter it needs).

    >>> s = tf.IndexedSlices(tf.constant([1.0, 2.0]), tf.constant([0, 2]), tf.constant([3]))
    >>> tf.convert_to_tensor(s)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 0., 2.], dtype=float32)>
"""
import numpy as np

from .tensor import convert_to_tensor


class IndexedSlices:
    """Slices `values` of a dense tensor of shape `dense_shape`, at rows `indices`."""

    def __init__(self, values, indices, dense_shape=None):
        self._values = convert_to_tensor(values)
        self._indices = convert_to_tensor(indices)
        self._dense_shape = None if dense_shape is None else convert_to_tensor(dense_shape)

    values = property(lambda self: self._values)
    indices = property(lambda self: self._indices)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    device = property(lambda self: self._values.device)

    @property
    def shape(self):
        from .tensor_shape import TensorShape
        if self._dense_shape is None:
            return TensorShape(None)
        return TensorShape([int(d) for d in np.asarray(self._dense_shape._value).reshape(-1)])

    def _dense(self):
        return convert_to_tensor(self)

    def __neg__(self):
        return IndexedSlices(-self._values, self._indices, self._dense_shape)

    def __str__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices, self._values,
            "" if self._dense_shape is None else ", dense_shape=%s" % self._dense_shape)
