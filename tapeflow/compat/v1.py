"""`tf.compat.v1`: only what eager TF 2 code uses."""
from ..debugging import _numerics
from ..debugging import _v1 as debugging


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Accepted; tapeflow is always eager."""


def executing_eagerly():
    return True


def string_split(source, sep=None, skip_empty=True, delimiter=None, result_type="SparseTensor",
                 name=None):
    """TF 1's string_split: a SparseTensor of the pieces (see `tf.strings.split` for TF 2)."""
    from ..ops.string_ops import string_split_v1
    return string_split_v1(source, sep, skip_empty, delimiter, result_type)


# The TF 1.x top-level checks (assert_*, check_numerics, ...), from tf.compat.v1.debugging.
for _name in debugging.TOP_LEVEL:
    globals()[_name] = getattr(debugging, _name)
del _name
verify_tensor_all_finite = _numerics.verify_tensor_all_finite
