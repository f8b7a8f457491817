"""`tf.compat`: the TF 1.x API (`tf.compat.v1`, loaded on first use), `tf.compat.v2` (tapeflow
itself) and TF's text helpers.

    >>> tf.compat.as_bytes("abc"), tf.compat.as_text(b"abc")
    (b'abc', 'abc')
"""
import importlib


def as_bytes(bytes_or_text, encoding="utf-8"):
    """`bytes_or_text` as bytes (text is encoded)."""
    if isinstance(bytes_or_text, bytearray):
        return bytes(bytes_or_text)
    if isinstance(bytes_or_text, str):
        return bytes_or_text.encode(encoding)
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text
    raise TypeError(f"Expected binary or unicode string, got {bytes_or_text!r}")


def as_text(bytes_or_text, encoding="utf-8"):
    """`bytes_or_text` as str (bytes are decoded)."""
    if isinstance(bytes_or_text, str):
        return bytes_or_text
    if isinstance(bytes_or_text, bytes):
        return bytes_or_text.decode(encoding)
    raise TypeError(f"Expected binary or unicode string, got {bytes_or_text!r}")


as_str = as_text


def as_str_any(value, encoding="utf-8"):
    return as_str(value, encoding) if isinstance(value, bytes) else str(value)


def path_to_str(path):
    import os
    return os.fspath(path)


bytes_or_text_types = (bytes, str)
integral_types = (int,)
real_types = (int, float)
complex_types = (int, float, complex)


def dimension_value(dimension):
    """The int (or None) of a dimension."""
    return getattr(dimension, "value", dimension)


def dimension_at_index(shape, index):
    from ..framework.tensor_shape import TensorShape
    return TensorShape(shape)[index]


class forward_compatibility_horizon:
    """A context manager (accepted: tapeflow has no forward-compatibility window)."""

    def __init__(self, year, month, day):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def forward_compatible(year, month, day):
    """True: tapeflow's ops have no forward-compatibility window."""
    return True


def __getattr__(name):
    if name == "v1":
        module = importlib.import_module(".v1", __name__)
        globals()["v1"] = module
        return module
    if name == "v2":
        module = importlib.import_module("tapeflow")
        globals()["v2"] = module
        return module
    raise AttributeError(f"module 'tapeflow.compat' has no attribute '{name}'")
