"""`assert` in converted code (with `Feature.ASSERT_STATEMENTS`): `tf.Assert` on tensors.

    >>> assert_stmt(True, lambda: "never evaluated")
"""
import inspect

from .logical import _is_tensor


def assert_stmt(expression1, expression2):
    """`assert expression1, expression2()`: Python's assert, or `tf.Assert` for a tensor."""
    problem = None
    if not callable(expression2):
        problem = f"{expression2} must be a callable"
    elif inspect.signature(expression2).parameters:
        problem = f"{expression2} may not have any arguments"
    if problem:
        raise ValueError(problem)
    if _is_tensor(expression1):
        from ... import control_flow
        message = expression2()
        return control_flow.Assert(expression1, [message])
    if not expression1:
        raise AssertionError(expression2())
    return None
