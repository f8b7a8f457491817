"""TensorFlow's exception classes (`tf.errors`), with the same names and hierarchy.

    >>> import tapeflow as tf
    >>> try:
    ...     tf.constant([1.0]) + tf.constant([1.0], tf.float64)
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(type(e).__name__)
    InvalidArgumentError
"""

OK = 0
CANCELLED = 1
UNKNOWN = 2
INVALID_ARGUMENT = 3
DEADLINE_EXCEEDED = 4
NOT_FOUND = 5
ALREADY_EXISTS = 6
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
ABORTED = 10
OUT_OF_RANGE = 11
UNIMPLEMENTED = 12
INTERNAL = 13
UNAVAILABLE = 14
DATA_LOSS = 15
UNAUTHENTICATED = 16


class OpError(Exception):
    """The base class of errors raised while running an op."""

    def __init__(self, node_def, op, message, *args):
        super().__init__(message)
        self.node_def = node_def
        self.op = op
        self.message = message
        self.error_code = args[0] if args else UNKNOWN

    def __str__(self):
        return self.message


def _subclass(name, code, doc):
    def __init__(self, node_def, op, message, *args):
        OpError.__init__(self, node_def, op, message, code, *args)
    return type(name, (OpError,), {"__init__": __init__, "__doc__": doc})


CancelledError = _subclass("CancelledError", CANCELLED, "An operation was cancelled.")
UnknownError = _subclass("UnknownError", UNKNOWN, "An unknown error occurred.")
InvalidArgumentError = _subclass("InvalidArgumentError", INVALID_ARGUMENT,
                                 "An op received an invalid argument (bad shape, dtype or value).")
DeadlineExceededError = _subclass("DeadlineExceededError", DEADLINE_EXCEEDED, "A deadline expired.")
NotFoundError = _subclass("NotFoundError", NOT_FOUND, "A requested entity was not found.")
AlreadyExistsError = _subclass("AlreadyExistsError", ALREADY_EXISTS, "An entity already exists.")
PermissionDeniedError = _subclass("PermissionDeniedError", PERMISSION_DENIED, "Permission denied.")
UnauthenticatedError = _subclass("UnauthenticatedError", UNAUTHENTICATED, "Not authenticated.")
ResourceExhaustedError = _subclass("ResourceExhaustedError", RESOURCE_EXHAUSTED, "Resources exhausted.")
FailedPreconditionError = _subclass("FailedPreconditionError", FAILED_PRECONDITION,
                                    "The system is not in a state to run the operation.")
AbortedError = _subclass("AbortedError", ABORTED, "An operation was aborted.")
OutOfRangeError = _subclass("OutOfRangeError", OUT_OF_RANGE, "An operation ran past the valid range.")
UnimplementedError = _subclass("UnimplementedError", UNIMPLEMENTED, "An operation is not implemented.")
InternalError = _subclass("InternalError", INTERNAL, "An internal invariant was broken.")
UnavailableError = _subclass("UnavailableError", UNAVAILABLE, "The runtime is unavailable.")
DataLossError = _subclass("DataLossError", DATA_LOSS, "Unrecoverable data loss.")


def op_error(cls, op_type, message):
    """An eager op error in TF's message form: '<message> [Op:<type>] name: '."""
    return cls(None, None, f"{message} [Op:{op_type}] name: ")


class SymbolicValueError(NotImplementedError):
    """Raised when code asks for the elements of a tensor that has none here: a symbolic graph
    tensor, or a vmap tensor (which stands for a whole batch)."""


class OperatorNotAllowedInGraphError(TypeError):
    """A Python operation that graph tensors cannot take part in: using a symbolic tensor as a
    Python `bool` (`if tensor:` without AutoGraph), iterating over it, ..."""


# -- TF's error messages for ops --------------------------------------------------------------
# The C++ type names in TF's messages, in the order TF lists allowed types.
_TF_ORDER = ["bfloat16", "half", "float", "double", "int8", "int16", "int32", "int64", "uint8",
             "uint16", "uint32", "uint64", "complex64", "complex128", "bool", "string"]


def describe(x):
    """`float32[2, 3]` for a tensor-like, its type name otherwise (for error messages)."""
    from .dtypes import from_numpy
    v = getattr(x, "_value", x)
    try:
        return "%s%s" % (from_numpy(v.dtype).name, list(v.shape))
    except Exception:
        return type(x).__name__


def dtype_not_allowed(op, np_dtype):
    """TF's InvalidArgumentError for an input dtype outside an op's type constraint."""
    from .dtypes import DType, from_numpy
    dtype = np_dtype if isinstance(np_dtype, DType) else from_numpy(np_dtype)
    names = [from_numpy(d)._cname for d in op._allowed_np | op._no_kernel_np]
    if "half" in names and "float" in names and "bfloat16" not in names:
        names.append("bfloat16")
    names.sort(key=_TF_ORDER.index)
    enum = ", ".join("DT_" + n.upper() for n in names)
    return op_error(
        InvalidArgumentError, op.name,
        f"Value for attr 'T' of {dtype.name} is not in the list of allowed values: "
        f"{', '.join(names)}\n\t; NodeDef: {{{{node {op.name}}}}}; Op<name={op.name}; "
        f"signature=x:T -> y:T; attr=T:type,allowed=[{enum}]>")


def no_kernel(op, np_dtype):
    """TF's NotFoundError for a dtype its op registration accepts but no CPU kernel runs."""
    from .dtypes import from_numpy
    return op_error(NotFoundError, op.name,
                    f"Could not find device for node: {{{{node {op.name}}}}} = "
                    f"{op.name}[T=DT_{from_numpy(np_dtype).name.upper()}]")


def dtype_mismatch(op_name, index, expected, got):
    """TF's InvalidArgumentError for inputs whose dtypes differ (no implicit promotion)."""
    return op_error(
        InvalidArgumentError, op_name,
        f"cannot compute {op_name} as input #{index}(zero-based) was expected to be a "
        f"{expected._cname} tensor but is a {got._cname} tensor")


def op_failure(op, inputs, exc):
    """An exception from a primitive's forward as TF's error type, naming the op, shapes and
    dtypes."""
    if isinstance(exc, OpError):
        return exc
    import numpy as np
    msg = str(exc)
    shapes = [list(x._value.shape) for x in inputs if hasattr(x, "_value")]
    if "broadcast" in msg and len(shapes) >= 2:
        text = "Incompatible shapes: " + " vs. ".join(
            "[" + ",".join(str(d) for d in s) + "]" for s in shapes)
        return op_error(InvalidArgumentError, op.name, text)
    if isinstance(exc, (ValueError, IndexError, np.linalg.LinAlgError)):
        return op_error(InvalidArgumentError, op.name,
                        "%s (inputs: %s)" % (msg, ", ".join(describe(x) for x in inputs)))
    if isinstance(exc, TypeError):
        return TypeError("%s: %s (inputs: %s)" % (op.name, msg, ", ".join(describe(x) for x in inputs)))
    return exc
