"""`tf.bitwise`: bitwise operations on integer tensors (no gradients).

    >>> tf.bitwise.bitwise_and(tf.constant([12, 10]), tf.constant([10, 6]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([8, 2], dtype=int32)>
    >>> tf.bitwise.left_shift(tf.constant([1, 1], tf.int8), tf.constant([3, 7], tf.int8))
    <tf.Tensor: shape=(2,), dtype=int8, numpy=array([   8, -128], dtype=int8)>
"""
from .ops._common import binary, unary
from .prims.math import BITWISE_AND, BITWISE_OR, BITWISE_XOR, INVERT, LEFT_SHIFT, RIGHT_SHIFT


def bitwise_and(x, y, name=None):
    """x & y elementwise (TF op `BitwiseAnd`)."""
    return binary(BITWISE_AND, x, y)


def bitwise_or(x, y, name=None):
    """x | y elementwise (TF op `BitwiseOr`)."""
    return binary(BITWISE_OR, x, y)


def bitwise_xor(x, y, name=None):
    """x ^ y elementwise (TF op `BitwiseXor`)."""
    return binary(BITWISE_XOR, x, y)


def invert(x, name=None):
    """~x elementwise (TF op `Invert`)."""
    return unary(INVERT, x)


def left_shift(x, y, name=None):
    """x << y elementwise; shifts outside [0, bits) are clamped to it, as TF's kernel does."""
    return binary(LEFT_SHIFT, x, y)


def right_shift(x, y, name=None):
    """x >> y elementwise (arithmetic for signed types); shifts clamped as in `left_shift`."""
    return binary(RIGHT_SHIFT, x, y)
