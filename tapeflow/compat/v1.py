"""`tf.compat.v1`: only what eager TF 2 code uses."""


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Accepted; tapeflow is always eager."""


def executing_eagerly():
    return True


def string_split(source, sep=None, skip_empty=True, delimiter=None, result_type="SparseTensor",
                 name=None):
    """TF 1's string_split: a SparseTensor of the pieces (see `tf.strings.split` for TF 2)."""
    from ..ops.string_ops import string_split_v1
    return string_split_v1(source, sep, skip_empty, delimiter, result_type)


# tf.compat.v1.debugging and the TF 1.x top-level checks it holds, loaded on first use.
_DEBUGGING = frozenset((
    "Assert", "assert_equal", "assert_greater", "assert_greater_equal", "assert_integer",
    "assert_less", "assert_less_equal", "assert_near", "assert_negative", "assert_non_negative",
    "assert_non_positive", "assert_none_equal", "assert_positive", "assert_proper_iterable",
    "assert_rank", "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype",
    "assert_scalar", "assert_type", "check_numerics", "is_finite", "is_inf", "is_nan",
    "is_non_decreasing", "is_numeric_tensor", "is_strictly_increasing"))


_OTHERS = {"verify_tensor_all_finite": "_numerics", "assert_variables_initialized": "_checks"}


def __getattr__(name):
    if name == "debugging" or name in _DEBUGGING or name in _OTHERS:
        import importlib
        from ..debugging import _v1
        value = (_v1 if name == "debugging" else getattr(_v1, name) if name in _DEBUGGING
                 else getattr(importlib.import_module("tapeflow.debugging." + _OTHERS[name]),
                              name))
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tapeflow.compat.v1' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | _DEBUGGING | set(_OTHERS) | {"debugging"})
