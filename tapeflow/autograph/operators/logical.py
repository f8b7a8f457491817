"""`and`, `or`, `not` and `x if c else y` in converted code.

On Python values they are Python's own (lazy) operators. On tensors they become TF ops:
`not_` is `tf.logical_not`, and `and_`/`or_`/`if_exp` go through `tf.cond`, so their right-hand
side still runs only when needed (eagerly `tf.cond` runs one branch; in graph mode it builds a
conditional).

    >>> and_(lambda: 0, lambda: 1 / 0)
    0
"""
from ...framework.tensor import TensorLike
from ._dispatch import is_symbolic


def _is_tensor(x):
    return isinstance(x, TensorLike) or is_symbolic(x)


def not_(a):
    """`not a`; `tf.logical_not(a)` for a tensor."""
    if _is_tensor(a):
        from ...ops.math_ops import logical_not
        return logical_not(a)
    return not a


def and_(a, b):
    """`a() and b()` with `b` evaluated only when needed."""
    a_val = a()
    if _is_tensor(a_val):
        from ... import control_flow
        return control_flow._cond_impl(a_val, b, lambda: a_val)
    return a_val and b()


def or_(a, b):
    """`a() or b()` with `b` evaluated only when needed."""
    a_val = a()
    if _is_tensor(a_val):
        from ... import control_flow
        return control_flow._cond_impl(a_val, lambda: a_val, b)
    return a_val or b()


def eq(a, b):
    """`a == b`."""
    return a == b


def not_eq(a, b):
    """`a != b`."""
    return a != b


def if_exp(cond, if_true, if_false, expr_repr):
    """`if_true() if cond else if_false()`; a tensor condition goes through `tf.cond`."""
    if _is_tensor(cond):
        from ... import control_flow
        return control_flow._cond_impl(cond, if_true, if_false)
    return if_true() if cond else if_false()
