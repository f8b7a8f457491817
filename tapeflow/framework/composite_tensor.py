"""Composite tensors: values made of several component tensors (`tf.RaggedTensor`,
`tf.SparseTensor`), and how public ops hand them to their own implementations.

A composite has a *type spec* (`_type_spec`: shape, dtype and the structure's facts), and can be
taken apart into its component tensors and rebuilt: `spec._to_components(value)` and
`spec._from_components(components)`. `tf.nest.flatten(x, expand_composites=True)` and tf.data
use these hooks, as TF does.

Public ops reach a composite's implementation in one of two ways, both of which cost nothing when
every argument is a plain Tensor:
  - an elementwise primitive given a composite operand (through `ops._common.unary`/`binary`)
    calls `type(x)._composite_op(op, args, attrs)`;
  - an API function that TF dispatches for composites (`tf.concat`, `tf.reduce_sum`, ...)
    calls `dispatch_api(name, args, kwargs)`, which calls `type(x)._composite_api(...)`.

    >>> rt = tf.ragged.constant([[1, 2], [3]])
    >>> isinstance(rt, CompositeTensor)
    True
"""


class CompositeTensor:
    """The base class of RaggedTensor and SparseTensor."""

    __slots__ = ()

    @property
    def _type_spec(self):
        raise NotImplementedError

    def _to_components(self):
        return self._type_spec._to_components(self)

    @classmethod
    def _composite_op(cls, op, args, attrs):
        """Runs primitive `op` on arguments among which at least one is of this class."""
        raise TypeError(f"{op.name} does not support {cls.__name__} arguments")

    @classmethod
    def _composite_api(cls, name, args, kwargs):
        """Runs the public function `name` on arguments holding values of this class."""
        raise TypeError(f"tf.{name} does not support {cls.__name__} arguments")


def is_composite(x):
    return isinstance(x, CompositeTensor)


def find_composite(args):
    """The class of the first composite among `args` (looking one level into lists and tuples),
    or None."""
    for a in args:
        if isinstance(a, CompositeTensor):
            return type(a)
        if type(a) in (list, tuple):
            for b in a:
                if isinstance(b, CompositeTensor):
                    return type(b)
    return None


def dispatch_op(op, args, attrs):
    """An elementwise primitive applied to arguments of which one is a composite."""
    return find_composite(args)._composite_op(op, args, attrs or {})


def dispatch_api(name, args, kwargs=None):
    """Public function `name` on arguments of which one is a composite."""
    return find_composite(args)._composite_api(name, args, kwargs or {})
