"""Convolution and pooling, public API (`tf.nn.conv2d`, `conv2d_transpose`, `depthwise_conv2d`,
`max_pool2d`, ...): TF's argument handling (data formats, strides, dilations, paddings) and
errors, then a call to the primitive layer (`tapeflow.prims.conv`, where the ops' records and
their NumPy kernels live). Channels-first formats are transposed at this boundary.

    >>> x = tf.ones([1, 5, 5, 2])
    >>> tf.nn.conv2d(x, tf.ones([3, 3, 2, 4]), strides=1, padding="SAME").shape
    TensorShape([1, 5, 5, 4])
"""
import numpy as np

from ..framework.errors import (
    InvalidArgumentError,
    NotFoundError,
    UnimplementedError,
    op_error,
)
from ..framework.tensor import Tensor, TensorLike
from ..prims import conv as PC
from ..prims.conv import AVG_POOL, CONV2D, CONV3D, DEPTHWISE, MAX_POOL, geometry
from . import array_ops as A
from ._common import pair, t

# ============================================================================================
# Argument handling shared by the public functions
# ============================================================================================
_FORMATS = {1: ("NWC", "NCW"), 2: ("NHWC", "NCHW"), 3: ("NDHWC", "NCDHW")}


def _channels_first(data_format, nsp):
    """True for NC... formats; ValueError for a format that is neither."""
    if data_format is None:
        return False
    if data_format in ("NCHW", "NCW", "NCDHW") or (data_format.startswith("NC") and nsp == 1):
        return True
    if data_format.startswith("N") and data_format.endswith("C"):
        return False
    raise ValueError(f"`data_format` must be one of {_FORMATS.get(nsp, ('NHWC', 'NCHW'))}. "
                     f"Received: data_format={data_format}")


def _sequence(value, nsp, channels_first, name):
    """TF's `_get_sequence`: an int or a list of 1, N or N+2 ints as the N spatial values, checking
    that the batch and channel entries of a full list are 1."""
    if value is None:
        return (1,) * nsp, True
    if isinstance(value, TensorLike):
        value = np.asarray(value._value).reshape(-1).tolist()
    value = [int(value)] if isinstance(value, (int, np.integer)) else [int(v) for v in value]
    if len(value) == nsp + 2:
        outer = (value[0], value[1]) if channels_first else (value[0], value[-1])
        spatial = value[2:] if channels_first else value[1:-1]
        return tuple(spatial), outer == (1, 1)
    if len(value) == 1:
        return tuple(value * nsp), True
    if len(value) != nsp:
        raise ValueError(f"{name} should be of length 1, {nsp} or {nsp + 2}. Received: "
                         f"{name}={value} of length {len(value)}")
    return tuple(value), True


def _padding(padding, nsp, channels_first, op_name):
    """'SAME', 'VALID', or explicit [[before, after], ...] for all N+2 dimensions -> spatial pairs."""
    if isinstance(padding, (list, tuple)):
        for i, p in enumerate(padding):
            if not isinstance(p, (list, tuple)) or len(p) != 2:
                raise ValueError(f"When `padding` is a list, each element of `padding` must be a "
                                 f"list/tuple of size 2. Received: padding={padding} with element "
                                 f"at index {i} of type {type(p)}")
        if len(padding) != nsp + 2:
            raise ValueError(f"When padding is a list, it must be of size {nsp + 2}. Received: "
                             f"padding={padding} of size {len(padding)}")
        pairs = [(int(a), int(b)) for a, b in padding]
        outer = pairs[:2] if channels_first else [pairs[0], pairs[-1]]
        if any(a or b for a, b in outer):
            raise op_error(InvalidArgumentError, op_name, "Nonzero explicit padding in the batch or "
                                                          "depth dimensions is not supported")
        if any(a < 0 or b < 0 for a, b in pairs):
            raise op_error(InvalidArgumentError, op_name,
                           "All elements of explicit_paddings must be nonnegative")
        return tuple(pairs[2:] if channels_first else pairs[1:-1])
    if padding == "EXPLICIT":
        raise ValueError("'EXPLICIT' is not a valid value for `padding`. To use explicit padding, "
                         "`padding` must be a list.")
    if padding not in ("SAME", "VALID"):
        raise op_error(InvalidArgumentError, op_name,
                       f'Value for attr \'padding\' of "{padding}" is not in the list of allowed '
                       f'values: "SAME", "VALID", "EXPLICIT"')
    return padding


def _to_channels_last(x, channels_first):
    if not channels_first:
        return x
    nd = x._value.ndim
    return A.transpose(x, [0] + list(range(2, nd)) + [1])


def _from_channels_last(y, channels_first):
    if not channels_first:
        return y
    nd = y._value.ndim
    return A.transpose(y, [0, nd - 1] + list(range(1, nd - 1)))


def _operands(op, x, w):
    """Converts input and filter to one dtype (TF's error when they differ) and checks it."""
    x, w = pair(x, w, op.name)
    op.check(x)
    return x, w


def _merge_batch_dims(x, nsp):
    """Inputs with several leading batch dimensions run as one batch (TF's squeeze_batch_dims)."""
    lead = x._value.shape[:x._value.ndim - nsp - 1]
    if len(lead) == 1:
        return x, None
    return A.reshape(x, (-1,) + x._value.shape[len(lead):]), lead


def _split_batch_dims(y, lead):
    return y if lead is None else A.reshape(y, lead + y._value.shape[1:])


def _convolve(family, nsp, input, filters, strides, padding, data_format, dilations):
    """The shared body of conv1d/2d/3d and depthwise_conv2d."""
    op = family.forward
    channels_first = _channels_first(data_format, nsp)
    x, w = _operands(op, input, filters)
    if w._value.ndim != nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"filter must be {nsp + 2}-dimensional: "
                                                      f"{list(w._value.shape)}")
    if x._value.ndim < nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"input must be {nsp + 2}-dimensional"
                                                      f"{list(x._value.shape)}")
    strides, ok_s = _sequence(strides, nsp, channels_first, "strides")
    dilations, ok_d = _sequence(dilations, nsp, channels_first, "dilations")
    if not ok_s:
        raise op_error(UnimplementedError, op.name, "Current implementation does not yet support "
                                                    "strides in the batch and depth dimensions.")
    if not ok_d:
        raise op_error(InvalidArgumentError, op.name, "Current implementation does not yet support "
                                                      "dilations in the batch and depth dimensions.")
    if min(strides + dilations) < 1:
        raise op_error(InvalidArgumentError, op.name, "Strides and dilations must be positive")
    padding = _padding(padding, nsp, channels_first, op.name)
    x, lead = _merge_batch_dims(_to_channels_last(x, channels_first), nsp)
    in_c, w_c = x._value.shape[-1], w._value.shape[-2]
    if family.depthwise and in_c != w_c:
        raise op_error(InvalidArgumentError, op.name,
                       f"input and filter must have the same depth: {in_c} vs {w_c}")
    if w_c == 0 or in_c % w_c:
        raise op_error(InvalidArgumentError, op.name,
                       f"input depth must be evenly divisible by filter depth: {in_c} vs {w_c}")
    if w._value.shape[-1] % (in_c // w_c):
        raise op_error(InvalidArgumentError, op.name,
                       f"output depth must be evenly divisible by number of groups: "
                       f"{w._value.shape[-1]} vs {in_c // w_c}")
    _, pads = geometry(op.name, x._value.shape[1:-1], w._value.shape[:nsp], strides, dilations,
                        padding)
    y = family.conv(x, w, {"strides": strides, "dilations": dilations, "pads": pads})
    return _from_channels_last(_split_batch_dims(y, lead), channels_first)


# ============================================================================================
# Public convolutions
# ============================================================================================
def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None, name=None):
    """1-D convolution: input [batch, width, in_channels], filters [width, in_channels, out_channels].

    >>> tf.nn.conv1d(tf.ones([1, 5, 2]), tf.ones([3, 2, 4]), stride=1, padding="SAME").shape
    TensorShape([1, 5, 4])
    """
    if data_format not in (None, "NWC", "NCW", "NHWC", "NCHW"):
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    fmt = "NCW" if data_format in ("NCW", "NCHW") else "NWC"
    return _convolve(CONV2D, 1, input, filters, stride, padding, fmt, dilations)


def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):
    """2-D convolution: input [batch, height, width, in_channels] (NHWC), filters
    [height, width, in_channels, out_channels]; padding 'SAME', 'VALID' or explicit pairs.

    >>> tf.nn.conv2d(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 4]), 2, "VALID").shape
    TensorShape([1, 2, 2, 4])
    """
    return _convolve(CONV2D, 2, input, filters, strides, padding, data_format, dilations)


def conv3d(input, filters, strides, padding, data_format="NDHWC", dilations=None, name=None):
    """3-D convolution: input [batch, depth, height, width, in_channels], filters
    [depth, height, width, in_channels, out_channels]; `strides` is a list of 5.

    >>> tf.nn.conv3d(tf.ones([1, 3, 3, 3, 2]), tf.ones([2, 2, 2, 2, 1]), [1, 1, 1, 1, 1], "SAME").shape
    TensorShape([1, 3, 3, 3, 1])
    """
    _require_list(strides, "strides", "conv3d")
    return _convolve(CONV3D, 3, input, filters, strides, padding, data_format,
                     [1, 1, 1, 1, 1] if dilations is None else dilations)


def depthwise_conv2d(input, filter, strides, padding, data_format=None, dilations=None, name=None):
    """Depthwise 2-D convolution: each input channel has its own `multiplier` filters; filter
    [height, width, in_channels, multiplier], output channels in_channels * multiplier.

    >>> tf.nn.depthwise_conv2d(tf.ones([1, 4, 4, 2]), tf.ones([3, 3, 2, 2]), [1, 1, 1, 1], "SAME").shape
    TensorShape([1, 4, 4, 4])
    """
    _require_list(strides, "strides", "depthwise_conv2d_native")
    return _convolve(DEPTHWISE, 2, input, filter, strides, padding, data_format, dilations)


def convolution(input, filters, strides=None, padding="VALID", data_format=None, dilations=None,
                name=None):
    """N-D convolution (N = 1, 2 or 3 from the filter's rank), as conv1d/conv2d/conv3d.

    >>> tf.nn.convolution(tf.ones([1, 5, 2]), tf.ones([3, 2, 4])).shape
    TensorShape([1, 3, 4])
    """
    nsp = t(filters)._value.ndim - 2
    if nsp not in (1, 2, 3):
        raise ValueError(f"`filters.shape.rank` must be 3, 4 or 5. Received: "
                         f"filters.shape={t(filters).shape}")
    return _convolve(CONV3D if nsp == 3 else CONV2D, nsp, input, filters, strides, padding,
                     data_format, dilations)


def _require_list(value, arg, op_name):
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{arg}' argument to '{op_name}' Op, not {value}.")


def _conv_transpose(family, nsp, input, filters, output_shape, strides, padding, data_format,
                    dilations):
    """The gradient of a convolution with respect to its input, as a layer: input is shaped like
    the convolution's output, and the result like `output_shape`."""
    op = family.backprop_input
    channels_first = _channels_first(data_format, nsp)
    dy, w = _operands(op, input, filters)
    out_shape = [int(d) for d in (np.asarray(output_shape._value).reshape(-1) if isinstance(
        output_shape, Tensor) else output_shape)]
    if len(out_shape) != nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"input_sizes must be {nsp + 2}-dimensional, got: "
                                                      f"{len(out_shape)}")
    strides, ok_s = _sequence(strides, nsp, channels_first, "strides")
    dilations, _ = _sequence(dilations, nsp, channels_first, "dilations")
    if not ok_s:
        raise op_error(UnimplementedError, op.name, "Current implementation does not yet support "
                                                    "strides in the batch and depth dimensions.")
    padding = _padding(padding, nsp, channels_first, op.name)
    dy = _to_channels_last(dy, channels_first)
    if channels_first:
        out_shape = [out_shape[0]] + out_shape[2:] + [out_shape[1]]
    out, pads = geometry(op.name, out_shape[1:-1], w._value.shape[:nsp], strides, dilations, padding)
    want = (out_shape[0],) + out + (w._value.shape[-1],)
    if w._value.shape[-2] != out_shape[-1] or dy._value.shape != want:
        raise op_error(InvalidArgumentError, op.name,
                       f"Conv{nsp}DBackpropInput: Size of out_backprop doesn't match computed: "
                       f"actual = {list(dy._value.shape)}, computed = {list(want)} (filter "
                       f"{list(w._value.shape)}, output_shape {out_shape})")
    dx = family.input_grad(w, dy, out_shape, {"strides": strides, "dilations": dilations, "pads": pads})
    return _from_channels_last(dx, channels_first)


def conv2d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NHWC",
                     dilations=None, name=None):
    """The transpose of conv2d (a "deconvolution"): filters [height, width, out_channels,
    in_channels], result shaped `output_shape`.

    >>> tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 3]), tf.ones([3, 3, 2, 3]), [1, 4, 4, 2], 2).shape
    TensorShape([1, 4, 4, 2])
    """
    return _conv_transpose(CONV2D, 2, input, filters, output_shape, strides, padding, data_format,
                           dilations)


def conv1d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NWC",
                     dilations=None, name=None):
    """The transpose of conv1d: filters [width, out_channels, in_channels].

    >>> tf.nn.conv1d_transpose(tf.ones([1, 2, 3]), tf.ones([3, 2, 3]), [1, 4, 2], 2).shape
    TensorShape([1, 4, 2])
    """
    if data_format not in (None, "NWC", "NCW"):
        raise ValueError(f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}")
    return _conv_transpose(CONV2D, 1, input, filters, output_shape, strides, padding, data_format,
                           dilations)


def conv3d_transpose(input, filters, output_shape, strides, padding="SAME", data_format="NDHWC",
                     dilations=None, name=None):
    """The transpose of conv3d: filters [depth, height, width, out_channels, in_channels].

    >>> x, w = tf.ones([1, 2, 2, 2, 3]), tf.ones([2, 2, 2, 1, 3])
    >>> tf.nn.conv3d_transpose(x, w, [1, 4, 4, 4, 1], 2).shape
    TensorShape([1, 4, 4, 4, 1])
    """
    return _conv_transpose(CONV3D, 3, input, filters, output_shape, strides, padding, data_format,
                           dilations)


# ============================================================================================
# Public pooling
# ============================================================================================
def _pool(op, nsp, input, ksize, strides, padding, data_format, dilations=None, explicit_ok=True):
    channels_first = _channels_first(data_format, nsp)
    x = t(input)
    op.check(x)
    if nsp == 3:
        _check_pool3d(op, x)
    if x._value.ndim != nsp + 2:
        raise op_error(InvalidArgumentError, op.name, f"input must be {nsp + 2}-dimensional")
    ks, ok_k = _sequence(ksize, nsp, channels_first, "ksize")
    strides, ok_s = _sequence(strides, nsp, channels_first, "strides")
    dilations = (1,) * nsp if dilations is None else dilations
    if not ok_k or not ok_s:
        raise op_error(UnimplementedError, op.name, "Pooling is not yet supported on the batch or "
                                                    "depth dimensions.")
    if min(ks + strides) < 1:
        raise op_error(InvalidArgumentError, op.name,
                       "Sliding window ksize and strides must be positive")
    if isinstance(padding, (list, tuple)) and not explicit_ok:
        raise TypeError(f"Expected string for argument 'padding' not {padding}.")
    padding = _padding(padding, nsp, channels_first, op.name)
    x = _to_channels_last(x, channels_first)
    _, pads = geometry(op.name, x._value.shape[1:-1], ks, strides, dilations, padding)
    attrs = {"ksize": ks, "strides": strides, "dilations": tuple(dilations), "pads": pads}
    y = PC.max_pool(x, attrs) if op is MAX_POOL else PC.avg_pool(x, attrs)
    return _from_channels_last(y, channels_first)


def _check_pool3d(op, x):
    """TF's 3-D pooling ops (MaxPool3D, AvgPool3D) have float32 CPU kernels only: the other
    dtypes their definitions take (half; and double for AvgPool3D) raise NotFoundError, the rest
    InvalidArgumentError."""
    dtype = x._value.dtype
    if dtype == np.float32:
        return
    name = op.name + "3D"
    defined = (np.float16,) if op is MAX_POOL else (np.float16, np.float64)
    if dtype in defined:
        raise op_error(NotFoundError, name,
                       f"Could not find device for node: {{{{node {name}}}}} = {name}"
                       f"[T=DT_{x.dtype._cname.upper()}]\nAll kernels registered for op {name}:"
                       f"\n  device='CPU'; T in [DT_FLOAT]\n")
    allowed = "half, bfloat16, float" + (", double" if op is AVG_POOL else "")
    raise op_error(InvalidArgumentError, name, f"Value for attr 'T' of {x.dtype._cname} is not in "
                                               f"the list of allowed values: {allowed}")


def _rank_of(input):
    x = t(input)
    n = x._value.ndim - 2
    if not 1 <= n <= 3:
        raise ValueError(f"`input.shape.rank` must be 3, 4 or 5. Received: input.shape={x.shape} "
                         f"of rank {n + 2}.")
    return x, n


def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    """Max over sliding windows of [batch, width, channels].

    >>> tf.nn.max_pool1d(tf.reshape(tf.range(4.0), [1, 4, 1]), 2, 2, "VALID")[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    return _pool(MAX_POOL, 1, input, ksize, strides, padding, data_format)


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """Max over sliding windows of [batch, height, width, channels]; the gradient goes to the
    first maximum of each window (row-major), as TF's MaxPoolGrad.

    >>> tf.nn.max_pool2d(tf.ones([1, 4, 4, 3]), ksize=2, strides=2, padding="SAME").shape
    TensorShape([1, 2, 2, 3])
    """
    return _pool(MAX_POOL, 2, input, ksize, strides, padding, data_format)


def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    """Max over sliding windows of [batch, depth, height, width, channels].

    >>> tf.nn.max_pool3d(tf.ones([1, 2, 2, 2, 1]), 2, 2, "VALID").shape
    TensorShape([1, 1, 1, 1, 1])
    """
    return _pool(MAX_POOL, 3, input, ksize, strides, padding, data_format, explicit_ok=False)


def max_pool(input, ksize, strides, padding, data_format=None, name=None):
    """max_pool1d, max_pool2d or max_pool3d by the input's rank.

    >>> tf.nn.max_pool(tf.ones([1, 4, 4, 1]), 2, 2, "VALID").shape
    TensorShape([1, 2, 2, 1])
    """
    x, n = _rank_of(input)
    if isinstance(padding, (list, tuple)) and n == 3:
        raise ValueError(f"Explicit padding is not supported with an input tensor of rank 5. "
                         f"Received: padding={padding}")
    return _pool(MAX_POOL, n, x, ksize, strides, padding, data_format)


def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):
    """Mean over sliding windows of [batch, width, channels]; padding is not counted.

    >>> tf.nn.avg_pool1d(tf.reshape(tf.range(4.0), [1, 4, 1]), 2, 2, "VALID")[0, :, 0]
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 2.5], dtype=float32)>
    """
    return _pool(AVG_POOL, 1, input, ksize, strides, padding, data_format, explicit_ok=False)


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):
    """Mean over sliding windows of [batch, height, width, channels]; with 'SAME' padding the
    padded positions are not counted.

    >>> tf.nn.avg_pool2d(tf.ones([1, 3, 3, 1]), 2, 2, "SAME")[0, :, :, 0]
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[1., 1.],
           [1., 1.]], dtype=float32)>
    """
    return _pool(AVG_POOL, 2, input, ksize, strides, padding, data_format, explicit_ok=False)


def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):
    """Mean over sliding windows of [batch, depth, height, width, channels].

    >>> tf.nn.avg_pool3d(tf.ones([1, 2, 2, 2, 1]), 2, 2, "VALID").shape
    TensorShape([1, 1, 1, 1, 1])
    """
    return _pool(AVG_POOL, 3, input, ksize, strides, padding, data_format, explicit_ok=False)


def avg_pool(input, ksize, strides, padding, data_format=None, name=None):
    """avg_pool1d, avg_pool2d or avg_pool3d by the input's rank.

    >>> tf.nn.avg_pool(tf.ones([1, 4, 4, 1]), 2, 2, "VALID").shape
    TensorShape([1, 2, 2, 1])
    """
    x, n = _rank_of(input)
    return _pool(AVG_POOL, n, x, ksize, strides, padding, data_format, explicit_ok=False)


def pool(input, window_shape, pooling_type, strides=None, padding="VALID", data_format=None,
         dilations=None, name=None):
    """N-D max or average pooling ("MAX" or "AVG"), with optional window dilation (VALID only).

    >>> tf.nn.pool(tf.ones([1, 4, 4, 1]), [2, 2], "AVG", strides=[2, 2]).shape
    TensorShape([1, 2, 2, 1])
    """
    window_shape = [int(k) for k in window_shape]
    nsp = len(window_shape)
    if not 1 <= nsp <= 3:
        raise ValueError(f"`len(window_shape)` must be 1, 2, or 3. Received: window_shape="
                         f"{window_shape} of length {nsp}")
    x = t(input)
    if x._value.ndim != nsp + 2:
        raise ValueError(f"Shape {x.shape} must have rank {nsp + 2}")
    strides = (1,) * nsp if strides is None else tuple(int(s) for s in strides)
    dilations = (1,) * nsp if dilations is None else tuple(int(d) for d in dilations)
    if len(strides) != nsp:
        raise ValueError(f"len(strides)={len(strides)} != num_spatial_dims={nsp}")
    if len(dilations) != nsp:
        raise ValueError(f"len(dilation_rate)={len(dilations)} but should be {nsp}")
    if any(d > 1 for d in dilations) and any(s > 1 for s in strides):
        raise ValueError(f"`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                         f"Received: strides={list(strides)} and dilation_rate={list(dilations)}")
    if padding == "SAME" and any(d > 1 for d in dilations):
        raise ValueError(f"pooling with 'SAME' padding is not implemented for `dilation_rate` > 1. "
                         f"Received: padding={padding} and dilation_rate={list(dilations)}")
    if any(s > k for s, k in zip(strides, window_shape)):
        raise ValueError(f"`strides` > `window_shape` not supported due to inconsistency between "
                         f"CPU and GPU implementations. Received: strides={list(strides)} and "
                         f"window_shape={window_shape}")
    if pooling_type not in ("MAX", "AVG"):
        raise ValueError(f"{nsp}-D {pooling_type} pooling is not supported.")
    if nsp == 1 and data_format not in (None, "NWC", "NCW"):
        raise ValueError(f"data_format must be either 'NWC' or 'NCW'. Received: "
                         f"data_format={data_format}")
    op = MAX_POOL if pooling_type == "MAX" else AVG_POOL
    return _pool(op, nsp, x, window_shape, strides, padding, data_format, dilations=dilations,
                 explicit_ok=False)
