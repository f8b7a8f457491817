"""`tf.compat.v1.layers`: TF1's functional layers over `get_variable` (`dense`, `conv2d`,
`max_pooling2d`, `average_pooling2d`, `flatten`, `dropout`).

Each layer call opens `variable_scope(name, default_name=<layer>, reuse=reuse)` and makes its
variables with `get_variable` (`<scope>/kernel`, `<scope>/bias`), so `reuse=True` or an
enclosing reusing scope shares them, as in TF1.

    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     x = tf.compat.v1.placeholder(tf.float32, [None, 3])
    ...     y = tf.compat.v1.layers.dense(x, 2, kernel_initializer=tf.compat.v1.ones_initializer())
    >>> y.shape
    TensorShape([None, 2])
    >>> [v.name for v in g.get_collection("trainable_variables")]
    ['dense/kernel:0', 'dense/bias:0']
"""
from ..framework.tensor import convert_to_tensor
from . import v1_variables as V


def _pair(x, name):
    if isinstance(x, int):
        return (x, x)
    x = tuple(x)
    if len(x) != 2:
        raise ValueError(f"The `{name}` argument must be a tuple of 2 integers. Received: {x}")
    return x


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
          trainable=True, name=None, reuse=None):
    """activation(inputs @ kernel + bias), over the last axis of `inputs`."""
    import tapeflow as tf
    x = convert_to_tensor(inputs)
    if x.shape.rank is None or x.shape[-1] is None:
        raise ValueError("The last dimension of the inputs to `Dense` should be defined. Found "
                         "`None`.")
    n_in = x.shape[-1]
    with V.variable_scope(name, default_name="dense", reuse=reuse):
        kernel = V.get_variable("kernel", [n_in, units], dtype=x.dtype,
                                initializer=kernel_initializer, regularizer=kernel_regularizer,
                                trainable=trainable, constraint=kernel_constraint)
        bias = V.get_variable("bias", [units], dtype=x.dtype,
                              initializer=bias_initializer or V.zeros_initializer(),
                              regularizer=bias_regularizer, trainable=trainable,
                              constraint=bias_constraint) if use_bias else None
        if x.shape.rank > 2:
            y = tf.tensordot(x, kernel, [[x.shape.rank - 1], [0]])
        else:
            y = tf.matmul(x, kernel)
        if bias is not None:
            y = tf.nn.bias_add(y, bias)
        if activation is not None:
            y = activation(y)
        if activity_regularizer is not None:
            loss = activity_regularizer(y)
            if loss is not None:
                V.add_to_collection(V.GraphKeys.REGULARIZATION_LOSSES, loss)
    return y


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), activation=None, use_bias=True,
           kernel_initializer=None, bias_initializer=None, kernel_regularizer=None,
           bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
    """A 2-D convolution layer (channels_last) with `<scope>/kernel` [kh, kw, in, filters]."""
    import tapeflow as tf
    if data_format != "channels_last":
        raise NotImplementedError("tf.compat.v1.layers.conv2d with data_format='channels_first'")
    x = convert_to_tensor(inputs)
    kh, kw = _pair(kernel_size, "kernel_size")
    sh, sw = _pair(strides, "strides")
    dh, dw = _pair(dilation_rate, "dilation_rate")
    n_in = x.shape[-1]
    with V.variable_scope(name, default_name="conv2d", reuse=reuse):
        kernel = V.get_variable("kernel", [kh, kw, n_in, filters], dtype=x.dtype,
                                initializer=kernel_initializer, regularizer=kernel_regularizer,
                                trainable=trainable, constraint=kernel_constraint)
        y = tf.nn.conv2d(x, kernel, strides=[1, sh, sw, 1], padding=padding.upper(),
                         dilations=[1, dh, dw, 1])
        if use_bias:
            bias = V.get_variable("bias", [filters], dtype=x.dtype,
                                  initializer=bias_initializer or V.zeros_initializer(),
                                  regularizer=bias_regularizer, trainable=trainable,
                                  constraint=bias_constraint)
            y = tf.nn.bias_add(y, bias)
        if activation is not None:
            y = activation(y)
    return y


def _pooling(kind):
    def pool(inputs, pool_size, strides, padding="valid", data_format="channels_last",
             name=None):
        import tapeflow as tf
        if data_format != "channels_last":
            raise NotImplementedError(f"tf.compat.v1.layers.{kind}_pooling2d with "
                                      f"data_format='channels_first'")
        ph, pw = _pair(pool_size, "pool_size")
        sh, sw = _pair(strides, "strides")
        fn = tf.nn.max_pool2d if kind == "max" else tf.nn.avg_pool2d
        return fn(inputs, [1, ph, pw, 1], [1, sh, sw, 1], padding.upper())
    pool.__name__ = f"{kind}_pooling2d"
    pool.__doc__ = f"{kind.capitalize()} pooling over windows of `pool_size` (channels_last)."
    return pool


max_pooling2d = _pooling("max")
average_pooling2d = _pooling("average")


def flatten(inputs, name=None, data_format="channels_last"):
    """`inputs` reshaped to [batch, -1]."""
    import tapeflow as tf
    x = convert_to_tensor(inputs)
    rest = x.shape.as_list()[1:]
    if all(d is not None for d in rest):
        n = 1
        for d in rest:
            n *= d
        return tf.reshape(x, [-1, n])
    return tf.reshape(x, [tf.shape(x)[0], -1])


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """`inputs` with a `rate` of entries zeroed (and the rest scaled) when `training`."""
    import tapeflow as tf
    if isinstance(training, bool):
        return tf.nn.dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed) \
            if training else tf.identity(inputs)
    return tf.cond(training, lambda: tf.nn.dropout(inputs, rate=rate, noise_shape=noise_shape,
                                                   seed=seed), lambda: tf.identity(inputs))


def batch_normalization(*args, **kwargs):
    raise NotImplementedError("tf.compat.v1.layers.batch_normalization")


class Dense:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("tf.compat.v1.layers.Dense (the layer class; use "
                                  "tf.compat.v1.layers.dense or tf.keras.layers.Dense)")


__all__ = ["average_pooling2d", "conv2d", "dense", "dropout", "flatten", "max_pooling2d"]
