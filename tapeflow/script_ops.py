"""`tf.py_function` and `tf.numpy_function`: Python code inside a pipeline, run eagerly.

`py_function(func, inp, Tout)` calls `func` on the inputs as tensors and converts its results to
`Tout` (a conversion failure is `InvalidArgumentError`, as TF reports it); `numpy_function`
passes NumPy values and returns its results' own dtypes (as TF's eager mode does). Both also work
as decorators (`@tf.py_function(Tout=tf.string)`).

    >>> tf.py_function(lambda x: x * 2, [tf.constant(3)], tf.int32)
    <tf.Tensor: shape=(), dtype=int32, numpy=6>
    >>> tf.numpy_function(lambda x: x + 0.5, [np.float32(1.0)], tf.float32)
    <tf.Tensor: shape=(), dtype=float32, numpy=1.5>
"""
import functools

import numpy as np

from .framework import dtypes
from .framework.errors import InvalidArgumentError
from .framework.tensor import convert_to_tensor


def _as_output(value, dtype, convert):
    try:
        return convert(value, dtype)
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(None, None, f"{type(e).__name__}: {e}") from None


def _run(func, inp, Tout, to_args, convert):
    args = [to_args(convert_to_tensor(x)) for x in (inp or [])]
    result = func(*args)
    if Tout is None:
        return None
    if isinstance(Tout, (list, tuple)):
        outs = result if isinstance(result, (list, tuple)) else [result]
        if len(outs) != len(Tout):
            raise InvalidArgumentError(None, None, f"func returned {len(outs)} values, but "
                                                   f"Tout has {len(Tout)}")
        return [_as_output(v, dtypes.as_dtype(t), convert) for v, t in zip(outs, Tout)]
    return _as_output(result, dtypes.as_dtype(Tout), convert)


def _decorator_or_call(func, inp, Tout, to_args, convert):
    if func is None:
        def decorate(f):
            @functools.wraps(f)
            def wrapper(*args):
                return _run(f, args, Tout, to_args, convert)
            return wrapper
        return decorate
    return _run(func, inp, Tout, to_args, convert)


def _to_tensor_of(value, dtype):
    return convert_to_tensor(value, dtype)


def _to_numpy_result(value, dtype):
    return convert_to_tensor(np.asarray(value))


def py_function(func=None, inp=None, Tout=None, name=None):
    """Calls `func(*inp)` with tensors; the results are converted to `Tout`."""
    return _decorator_or_call(func, inp, Tout, lambda t: t, _to_tensor_of)


def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):
    """Calls `func(*inp)` with NumPy values; the results become tensors of their own dtypes."""
    return _decorator_or_call(func, inp, Tout, lambda t: t.numpy(), _to_numpy_result)


eager_py_func = py_function
