"""`tf.dtypes`: dtype objects and conversion."""
from .framework.dtypes import *  # noqa: F401,F403
from .framework.dtypes import DType, as_dtype, bool_ as bool  # noqa: F401,A004
from .ops.math_ops import cast, saturate_cast  # noqa: F401
