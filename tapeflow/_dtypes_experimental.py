"""`tf.dtypes.experimental`: TF's 8-, 4- and 2-bit dtypes (objects only in tapeflow: a tensor of
one raises NotImplementedError).

    >>> import tapeflow as tf
    >>> tf.dtypes.experimental.int4.min, tf.dtypes.experimental.int4.max
    (-8, 7)
"""
from .framework.dtypes import (
                               float4_e2m1fn,
                               float8_e4m3b11fnuz,
                               float8_e4m3fn,
                               float8_e4m3fnuz,
                               float8_e5m2,
                               float8_e5m2fnuz,
                               int2,
                               int4,
                               uint2,
                               uint4,
)

__all__ = ["float4_e2m1fn", "float8_e4m3b11fnuz", "float8_e4m3fn", "float8_e4m3fnuz",
           "float8_e5m2", "float8_e5m2fnuz", "int2", "int4", "uint2", "uint4"]
