"""`tf.autograph.experimental`: `do_not_convert`, `Feature`, `set_loop_options`."""
from .impl import Feature, do_not_convert, set_loop_options

__all__ = ["Feature", "do_not_convert", "set_loop_options"]
