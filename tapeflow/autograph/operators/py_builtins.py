"""Builtins that converted code overloads on tensors, as TF's AutoGraph does (`len`, `range`,
`int`, `float`, `abs`, `min`, `max`; the rest are Python's own).

    >>> range_(3)
    range(0, 3)
"""
import builtins

from .logical import _is_tensor

_UNSPECIFIED = object()


def abs_(x):
    if _is_tensor(x):
        from ...ops.math_ops import abs as tf_abs
        return tf_abs(x)
    return abs(x)


def float_(x=0):
    if _is_tensor(x):
        from ...framework import dtypes
        from ...ops.math_ops import cast
        if x.dtype == dtypes.string:
            raise NotImplementedError("float() of a string tensor (tf.strings.to_number) is not "
                                      "supported in converted code")
        return cast(x, dtypes.float32)
    return float(x)


def int_(x=0, base=_UNSPECIFIED):
    if _is_tensor(x):
        from ...framework import dtypes
        from ...ops.math_ops import cast
        if base not in (10, _UNSPECIFIED):
            raise NotImplementedError(f"base {base} not supported for int")
        if x.dtype == dtypes.string:
            raise NotImplementedError("int() of a string tensor (tf.strings.to_number) is not "
                                      "supported in converted code")
        return cast(x, dtypes.int32)
    return int(x) if base is _UNSPECIFIED else int(x, base)


def len_(s):
    from ... import control_flow
    if isinstance(s, control_flow.TensorArray):
        return s.size()
    if _is_tensor(s):
        if s.shape.rank == 0:
            raise ValueError(f"len requires a non-scalar tensor, got one of shape {s.shape}")
        if s.shape.rank is not None and s.shape[0] is not None:
            return s.shape[0]
        from ...ops.array_ops import shape
        return shape(s)[0]
    return len(s)


def range_(start_or_stop, stop=_UNSPECIFIED, step=_UNSPECIFIED):
    args = [a for a in (start_or_stop, stop, step) if a is not _UNSPECIFIED]
    if any(_is_tensor(a) for a in args):
        from ...ops.array_ops import range as tf_range
        return tf_range(*args)
    return range(*args)


def _tf_extremum(reduce, args, kwargs, what):
    from ...ops.array_ops import stack
    if kwargs:
        raise ValueError(f"These keyword arguments are currently not supported: {set(kwargs)}")
    if len(args) == 1:
        rank = args[0].shape.rank
        if rank == 0:
            return args[0]
        if rank == 1:
            return reduce(args[0], axis=0)
        raise ValueError(f"{what}(arg) currently support only tensor with rank 1, but got a "
                         f"tensor with rank {rank}")
    for a in args:
        if _is_tensor(a) and a.shape.rank != 0:
            raise ValueError(f"{what}(arg1, arg2, *args) currently support only scalar tensor, "
                             f"but got a tensor with shape {a.shape}")
    return reduce(stack(list(args)), axis=0)


def min_(*args, **kwargs):
    if any(_is_tensor(a) for a in args):
        from ...ops.math_ops import reduce_min
        return _tf_extremum(reduce_min, args, kwargs, "min")
    return min(*args, **kwargs)


def max_(*args, **kwargs):
    if any(_is_tensor(a) for a in args):
        from ...ops.math_ops import reduce_max
        return _tf_extremum(reduce_max, args, kwargs, "max")
    return max(*args, **kwargs)


OVERLOADS = {builtins.abs: abs_, builtins.float: float_, builtins.int: int_,
             builtins.len: len_, builtins.range: range_, builtins.min: min_,
             builtins.max: max_}


def overload_of(f):
    """The converted-code version of builtin `f` (itself when it has none)."""
    try:
        return OVERLOADS.get(f, f)
    except TypeError:  # an unhashable callable
        return f
