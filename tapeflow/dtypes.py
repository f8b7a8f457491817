"""`tf.dtypes`: every TF dtype object, `DType`, `as_dtype` and the casts.

    >>> import tapeflow as tf
    >>> tf.dtypes.as_dtype("bfloat16").is_floating
    True
"""
from . import _dtypes_experimental as experimental
from .framework.dtypes import (
                               QUANTIZED_DTYPES,
                               DType,
                               as_dtype,
                               bfloat16,
                               complex64,
                               complex128,
                               double,
                               float16,
                               float32,
                               float64,
                               half,
                               int8,
                               int16,
                               int32,
                               int64,
                               qint8,
                               qint16,
                               qint32,
                               quint8,
                               quint16,
                               resource,
                               string,
                               uint8,
                               uint16,
                               uint32,
                               uint64,
                               variant,
)
from .framework.dtypes import bool_ as bool
from .ops.math_ops import cast, saturate_cast
from .ops.math_ops import complex_ as complex

__all__ = ["QUANTIZED_DTYPES", "DType", "as_dtype", "bfloat16", "bool", "cast", "complex",
           "complex64", "complex128", "double", "experimental", "float16", "float32", "float64",
           "half", "int8", "int16", "int32", "int64", "qint8", "qint16", "qint32", "quint8",
           "quint16", "resource", "saturate_cast", "string", "uint8", "uint16", "uint32",
           "uint64", "variant"]
