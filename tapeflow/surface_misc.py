"""Small top-level names: `tf.get_logger`, `tf.type_spec_from_value`.

    >>> tf.type_spec_from_value(tf.constant([1, 2]))
    TensorSpec(shape=(2,), dtype=tf.int32, name=None)
"""
import logging

__all__ = ["get_logger", "type_spec_from_value"]


def get_logger():
    """The `tensorflow` logger (Python's logging), WARNING level unless set otherwise.

    >>> tf.get_logger().name
    'tensorflow'
    """
    logger = logging.getLogger("tensorflow")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    return logger


def type_spec_from_value(value):
    """The TypeSpec of `value`: a composite's own spec, else the TensorSpec of its tensor."""
    from .framework.tensor import TensorLike, convert_to_tensor
    from .function import TensorSpec
    spec = getattr(value, "_type_spec", None)
    if spec is not None and not isinstance(value, TensorLike):
        return spec
    try:
        t = value if isinstance(value, TensorLike) else convert_to_tensor(value)
    except (TypeError, ValueError):
        raise TypeError(f"Could not build a TypeSpec for {value!r} of unsupported type "
                        f"{type(value)}.") from None
    return TensorSpec(t.shape, t.dtype)
