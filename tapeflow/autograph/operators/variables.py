"""Undefined symbols and the load operators of converted code.

A variable that converted code must pass through a functional loop or conditional before Python
has bound it is reified as `Undefined(name)`; reading it (`ld`) raises Python's own error.

    >>> ld(Undefined("y"))
    Traceback (most recent call last):
    ...
    UnboundLocalError: 'y' is used before assignment
"""


class Undefined:
    """An undefined symbol (a variable a branch or loop has not assigned yet)."""

    __slots__ = ("symbol_name",)
    _tf_autograph_undefined = True

    def __init__(self, symbol_name):
        self.symbol_name = symbol_name

    def read(self):
        raise UnboundLocalError(f"'{self.symbol_name}' is used before assignment")

    def __repr__(self):
        return self.symbol_name

    def __getattribute__(self, name):
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            return self

    def __getitem__(self, i):
        return self


class UndefinedReturnValue:
    """The return value of a function that has not executed a `return` yet."""

    _tf_autograph_undefined = True

    def __repr__(self):
        return "UndefinedReturnValue()"


def ld(v):
    """Loads a variable: its value, or Python's UnboundLocalError for an Undefined one."""
    if isinstance(v, Undefined):
        return v.read()
    return v


def ldu(load_v, name):
    """Loads a variable that may be unbound: its value or `Undefined(name)`."""
    try:
        return load_v()
    except (KeyError, AttributeError, NameError):
        return Undefined(name)


def is_undefined(value):
    return isinstance(value, (Undefined, UndefinedReturnValue))
