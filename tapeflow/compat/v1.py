"""`tf.compat.v1`: only what eager TF 2 code uses."""
from ..debugging import _v1 as debugging


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Accepted; tapeflow is always eager."""


def executing_eagerly():
    return True


# The TF 1.x top-level checks (assert_*, check_numerics, ...), from tf.compat.v1.debugging.
for _name in debugging.TOP_LEVEL:
    globals()[_name] = getattr(debugging, _name)
del _name
