"""`tf.errors`: TensorFlow's exception classes."""
from .framework.errors import *  # noqa: F401,F403
from .framework.errors import OpError  # noqa: F401
