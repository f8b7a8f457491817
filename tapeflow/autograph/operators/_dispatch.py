"""The one test that decides between eager and graph control flow.

Every AutoGraph operator and every functional control-flow op (`tf.cond`, `tf.while_loop`, ...)
asks `is_symbolic(x)` about its condition or iterable. Eager tensors, variables and Python values
are not symbolic: their control flow runs as plain Python. A graph tensor class (graph mode, built
on top of this) declares itself symbolic with a class attribute:

    >>> class GraphTensor:
    ...     _tf_symbolic = True
    >>> is_symbolic(GraphTensor()), is_symbolic(1.0)
    (True, False)
"""


def is_symbolic(x):
    """True when `x` is a symbolic (graph) value, i.e. its type sets `_tf_symbolic = True`."""
    return bool(getattr(type(x), "_tf_symbolic", False))


def any_symbolic(values):
    """True when any of `values` (an iterable, typically a flattened nest) is symbolic."""
    return any(is_symbolic(v) for v in values)
