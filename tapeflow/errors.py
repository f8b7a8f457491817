"""`tf.errors`: TensorFlow's exception classes."""
from .framework.errors import *
from .framework.errors import OpError
