"""The `tf.debugging.assert_*` family, with TF 2.21's messages and exception types.

Each check is written over the public op API. Eagerly (every value known) it decides at once:
it returns None, or raises what TF raises: `InvalidArgumentError` for a failed element-wise
condition, `ValueError` for a static rank or shape violation, `TypeError` for a dtype. When a
value is symbolic (graph mode) the element-wise checks build their condition with the same ops
and return `tf.Assert(condition, data)`, the op TF's graph mode builds, so they trace.

TF 2 names take `(x, y, message=None, summarize=None, name=None)`; the TF 1.x names in
`tf.compat.v1` (the `*_v1` functions here) also take `data`, the list printed on failure.

    >>> tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 2]))
    >>> try:
    ...     tf.debugging.assert_less(tf.constant([1, 5]), tf.constant([3, 2]))
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(str(e).splitlines()[0])
    Condition x < y did not hold.
"""
import numpy as np

from ..autograph.operators._dispatch import any_symbolic
from ..control_flow import Assert
from ..framework import dtypes
from ..framework.errors import InvalidArgumentError
from ..framework.tensor import Tensor, TensorLike, convert_to_tensor
from ..ops import array_ops as A
from ..ops import indexing_ops as I
from ..ops import math_ops as M


def _prefix(message):
    return "%s.  " % message if message else ""


def _shape_and_dtype(x):
    return "shape=%s dtype=%s" % (x.shape, x.dtype.name)


def _pretty(item, summarize):
    """How a data item prints in an eager failure message."""
    if isinstance(item, Tensor):
        arr = item.numpy()
        if np.isscalar(arr):
            return str(arr)
        flat = np.asarray(arr).reshape(-1)
        items = [str(v) for v in flat[:summarize]]
        if len(items) < flat.size:
            items.append("...")
        return str(items)
    return str(item)


def _tensor(x, dtype=None):
    if isinstance(x, TensorLike) and not isinstance(x, Tensor):
        return convert_to_tensor(x)
    return convert_to_tensor(x, dtype=dtype) if dtype is not None else convert_to_tensor(x)


def _graph_name(x):
    try:
        return x.name
    except AttributeError:
        return "x"


# ============================================================================================
# Element-wise comparisons
# ============================================================================================
def _binary_assert(sym, op_func, x, y, data, summarize, message):
    x = _tensor(x)
    y = _tensor(y)
    if any_symbolic([x, y]):
        if data is None:
            data = ["Condition x %s y did not hold element-wise:" % sym,
                    "x (%s) = " % _graph_name(x), x, "y (%s) = " % _graph_name(y), y]
        if message is not None:
            data = [message] + list(data)
        return Assert(M.reduce_all(op_func(x, y)), data, summarize=summarize)
    test = op_func(x, y)
    if bool(np.all(test._value)):
        return None
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = 10 ** 9
    if data is None:
        data = _eager_data(sym, x, y, summarize, test)
    if message is not None:
        data = [message] + list(data)
    raise InvalidArgumentError(None, None, "\n".join(_pretty(d, summarize) for d in data))


def _eager_data(sym, x, y, summarize, test):
    data = ["Condition x %s y did not hold." % sym]
    if summarize > 0:
        if x.shape == y.shape and x.shape.as_list():
            mask = M.logical_not(test)
            indices = A.where(mask).numpy()
            x_vals = I.boolean_mask(x, mask).numpy().reshape((-1,))
            y_vals = I.boolean_mask(y, mask).numpy().reshape((-1,))
            n = min(summarize, indices.shape[0])
            data += ["Indices of first %d different values:" % n, indices[:n],
                     "Corresponding x values:", x_vals[:n],
                     "Corresponding y values:", y_vals[:n]]
        xs = np.asarray(x.numpy()).reshape((-1,))
        ys = np.asarray(y.numpy()).reshape((-1,))
        nx, ny = min(xs.size, summarize), min(ys.size, summarize)
        data += ["First %d elements of x:" % nx, xs[:nx], "First %d elements of y:" % ny, ys[:ny]]
    return data


def assert_equal_v1(x, y, data=None, summarize=None, message=None, name=None):
    """TF 1.x `assert_equal` (with `data`)."""
    if x is y:
        return None
    return _binary_assert("==", M.equal, x, y, data, summarize, message)


def assert_none_equal_v1(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert("!=", M.not_equal, x, y, data, summarize, message)


def assert_less_v1(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert("<", M.less, x, y, data, summarize, message)


def assert_less_equal_v1(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert("<=", M.less_equal, x, y, data, summarize, message)


def assert_greater_v1(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert(">", M.greater, x, y, data, summarize, message)


def assert_greater_equal_v1(x, y, data=None, summarize=None, message=None, name=None):
    return _binary_assert(">=", M.greater_equal, x, y, data, summarize, message)


def assert_equal(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x == y` element-wise (broadcasting).

    >>> tf.debugging.assert_equal(tf.constant([1, 2]), 1)
    Traceback (most recent call last):
    ...
    tapeflow.framework.errors.InvalidArgumentError: Condition x == y did not hold.
    First 2 elements of x:
    [1 2]
    First 1 elements of y:
    [1]
    """
    return assert_equal_v1(x, y, summarize=summarize, message=message, name=name)


def assert_none_equal(x, y, summarize=None, message=None, name=None):
    """Raises `InvalidArgumentError` unless `x != y` element-wise."""
    return assert_none_equal_v1(x, y, summarize=summarize, message=message, name=name)


def assert_less(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x < y` element-wise."""
    return assert_less_v1(x, y, summarize=summarize, message=message, name=name)


def assert_less_equal(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x <= y` element-wise."""
    return assert_less_equal_v1(x, y, summarize=summarize, message=message, name=name)


def assert_greater(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x > y` element-wise."""
    return assert_greater_v1(x, y, summarize=summarize, message=message, name=name)


def assert_greater_equal(x, y, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `x >= y` element-wise."""
    return assert_greater_equal_v1(x, y, summarize=summarize, message=message, name=name)


def _sign_assert(sym, compare, x, data, summarize, message):
    """x > 0, x >= 0, x < 0, x <= 0: a comparison with zero and TF's own data list."""
    message = _prefix(message)
    x = _tensor(x)
    if data is None:
        name = _graph_name(x) if any_symbolic([x]) else _shape_and_dtype(x)
        condition = "Condition x %s 0 did not hold element-wise:" % sym
        if sym == "<=":  # TF's list lacks a comma here: the two strings run together
            data = [message, condition + "x (%s) = " % name, x]
        else:
            data = [message, condition, "x (%s) = " % name, x]
    zero = convert_to_tensor(0, dtype=x.dtype)
    return compare(x, zero, data, summarize)


def assert_negative_v1(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert("<", lambda x, z, d, s: assert_less_v1(x, z, data=d, summarize=s),
                        x, data, summarize, message)


def assert_positive_v1(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert(">", lambda x, z, d, s: assert_less_v1(z, x, data=d, summarize=s),
                        x, data, summarize, message)


def assert_non_negative_v1(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert(">=", lambda x, z, d, s: assert_less_equal_v1(z, x, data=d, summarize=s),
                        x, data, summarize, message)


def assert_non_positive_v1(x, data=None, summarize=None, message=None, name=None):
    return _sign_assert("<=", lambda x, z, d, s: assert_less_equal_v1(x, z, data=d, summarize=s),
                        x, data, summarize, message)


def assert_negative(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is < 0."""
    return assert_negative_v1(x, summarize=summarize, message=message, name=name)


def assert_positive(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is > 0.

    >>> tf.debugging.assert_positive(tf.constant([1.0, 2.0]))
    """
    return assert_positive_v1(x, summarize=summarize, message=message, name=name)


def assert_non_negative(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is >= 0."""
    return assert_non_negative_v1(x, summarize=summarize, message=message, name=name)


def assert_non_positive(x, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless every element of `x` is <= 0."""
    return assert_non_positive_v1(x, summarize=summarize, message=message, name=name)


def assert_near_v1(x, y, rtol=None, atol=None, data=None, summarize=None, message=None,
                   name=None):
    message = _prefix(message)
    x = _tensor(x)
    y = _tensor(y, dtype=x.dtype)
    dtype = x.dtype.real_dtype if x.dtype.is_complex else x.dtype
    eps = np.finfo(dtype.as_numpy_dtype).eps
    rtol = convert_to_tensor(10 * eps if rtol is None else rtol, dtype=dtype)
    atol = convert_to_tensor(10 * eps if atol is None else atol, dtype=dtype)
    symbolic = any_symbolic([x, y])
    x_name = _graph_name(x) if symbolic else _shape_and_dtype(x)
    y_name = _graph_name(y) if symbolic else _shape_and_dtype(y)
    if data is None:
        data = [message,
                "x and y not equal to tolerance rtol = %s, atol = %s" % (rtol, atol),
                "x (%s) = " % x_name, x, "y (%s) = " % y_name, y]
    tol = atol + rtol * M.abs(y)
    diff = M.abs(x - y)
    return Assert(M.reduce_all(M.less(diff, tol)), data, summarize=summarize)


def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """Raises `InvalidArgumentError` unless `|x - y| < atol + rtol * |y|` element-wise
    (default tolerances: 10 * eps of the dtype).

    >>> tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.0000001]))
    """
    return assert_near_v1(x, y, rtol=rtol, atol=atol, summarize=summarize, message=message,
                          name=name)


# ============================================================================================
# Static checks: rank, shape, dtype
# ============================================================================================
def _rank_value(rank):
    rank = convert_to_tensor(rank)
    assert_type(rank, dtypes.int32)
    value = np.asarray(rank.numpy())
    if value.ndim != 0:
        raise ValueError("Rank must be a scalar.")
    return int(value)


def assert_rank_v1(x, rank, data=None, summarize=None, message=None, name=None):
    x = _tensor(x)
    message = _prefix(message)
    r = _rank_value(rank)
    if x.shape.rank is not None and x.shape.rank != r:
        raise ValueError("%sTensor %s must have rank %d.  Received rank %d, shape %s" % (
            message, "", r, x.shape.rank, x.shape))
    return None


def assert_rank(x, rank, message=None, name=None):
    """Raises `ValueError` unless `x` has rank `rank` (checked statically).

    >>> tf.debugging.assert_rank(tf.ones((2, 3)), 2)
    """
    return assert_rank_v1(x, rank, message=message, name=name)


def assert_rank_at_least_v1(x, rank, data=None, summarize=None, message=None, name=None):
    x = _tensor(x)
    message = _prefix(message)
    r = _rank_value(rank)
    if x.shape.rank is not None and x.shape.rank < r:
        raise ValueError("%sTensor %s must have rank at least %d.  Received rank %d, shape %s"
                         % (message, "", r, x.shape.rank, x.shape))
    return None


def assert_rank_at_least(x, rank, message=None, name=None):
    """Raises `ValueError` unless `x` has rank `rank` or more."""
    return assert_rank_at_least_v1(x, rank, message=message, name=name)


def assert_rank_in_v1(x, ranks, data=None, summarize=None, message=None, name=None):
    x = _tensor(x)
    message = _prefix(message)
    values = tuple(_rank_value(r) for r in ranks)
    if x.shape.rank is not None and x.shape.rank not in values:
        raise ValueError("%sTensor %s must have rank in %s.  Received rank %d, shape %s" % (
            message, "", values, x.shape.rank, x.shape))
    return None


def assert_rank_in(x, ranks, message=None, name=None):
    """Raises `ValueError` unless the rank of `x` is one of `ranks`."""
    return assert_rank_in_v1(x, ranks, message=message, name=name)


def assert_integer_v1(x, message=None, name=None):
    x = _tensor(x)
    if not x.dtype.is_integer:
        raise TypeError('%sExpected "x" to be integer type.  Found: %s of dtype %s' % (
            _prefix(message), "tensor", x.dtype))
    return None


def assert_integer(x, message=None, name=None):
    """Raises `TypeError` unless `x` has an integer dtype.

    >>> tf.debugging.assert_integer(tf.constant([1, 2]))
    """
    assert_integer_v1(x, message=message, name=name)


def assert_type_v1(tensor, tf_type, message=None, name=None):
    tf_type = dtypes.as_dtype(tf_type)
    tensor = _tensor(tensor)
    if tensor.dtype != tf_type:
        raise TypeError("%s%s must be of type %r; got %r" % (
            _prefix(message), getattr(tensor, "name", "tensor"), tf_type, tensor.dtype))
    return None


def assert_type(tensor, tf_type, message=None, name=None):
    """Raises `TypeError` unless `tensor` has dtype `tf_type`.

    >>> tf.debugging.assert_type(tf.constant(1.0), tf.float32)
    """
    assert_type_v1(tensor, tf_type, message=message, name=name)


def assert_scalar_v1(tensor, name=None, message=None):
    """TF 1.x `assert_scalar`: returns the tensor."""
    tensor = _tensor(tensor)
    if tensor.shape.rank != 0:
        raise ValueError("%sExpected scalar shape, saw shape: %s." % (_prefix(message),
                                                                     tensor.shape))
    return tensor


def assert_scalar(tensor, message=None, name=None):
    """Raises `ValueError` unless `tensor` is a scalar (rank 0)."""
    assert_scalar_v1(tensor, name=name, message=message)


def assert_shapes_v1(shapes, data=None, summarize=None, message=None, name=None):
    prefix = _prefix(message)
    constraints = [(_tensor(x), s) for x, s in shapes if s is not None]

    def tensor_name(x):
        return _graph_name(x) if any_symbolic([x]) else _shape_and_dtype(x)

    entries = []
    for x, spec in constraints:
        if not (hasattr(spec, "__iter__") or hasattr(spec, "__getitem__")):
            raise ValueError("%sTensor %s.  Specified shape must be an iterable.  An iterable has "
                             "the attribute `__iter__` or `__getitem__`.  Received specified "
                             "shape: %s" % (prefix, tensor_name(x), spec))
        spec = tuple(spec)
        inner = False
        for i, symbol in enumerate(spec):
            if symbol is Ellipsis or (isinstance(symbol, str) and symbol == "*"):
                if i != 0:
                    raise ValueError("%sTensor %s specified shape index %d.  Symbol `...` or `*` "
                                     "for a variable number of unspecified dimensions is only "
                                     "allowed as the first entry" % (prefix, tensor_name(x), i))
                inner = True
        symbols = spec[1:] if inner else spec
        rank = x.shape.rank
        actual = (1,) if rank == 0 else tuple(x.shape.as_list())
        entries.append((x, inner, actual, symbols or (1,)))
    for x, inner, actual, symbols in entries:
        rank = len(symbols)
        if inner:
            if rank in (0, 1):
                continue
            assert_rank_at_least_v1(x, rank, data=data, summarize=summarize, message=message)
        elif rank in (0, 1):
            assert_rank_in_v1(x, [0, 1], data=data, summarize=summarize, message=message)
        else:
            assert_rank_v1(x, rank, data=data, summarize=summarize, message=message)
    specified = {}
    for x, inner, actual, symbols in entries:
        for i, symbol in enumerate(symbols):
            if symbol is None or (isinstance(symbol, str) and symbol == "."):
                continue
            dim = i - len(symbols) if inner else i
            explicit = _known_size(symbol)
            if explicit or symbol in specified:
                if explicit:
                    size, how = int(symbol), "Specified explicitly"
                else:
                    size, other, at = specified[symbol]
                    how = "Specified by tensor %s dimension %d" % (tensor_name(other), at)
                got = actual[dim]
                if got is not None and size is not None and int(got) != int(size):
                    raise ValueError("%s%s.  Tensor %s dimension %s must have size %d.  Received "
                                     "size %d, shape %s" % (prefix, how, tensor_name(x), dim, size,
                                                            got, x.shape))
            else:
                specified[symbol] = (actual[dim], x, dim)
    return None


def _known_size(symbol):
    if symbol is None:
        return False
    try:
        int(symbol)
    except (ValueError, TypeError):
        return False
    return True


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """Raises `ValueError` unless the tensors' shapes satisfy the named-dimension constraints:
    `shapes` is a list of `(tensor, shape)`, a shape a tuple of sizes or names (`'N'`), with
    `None`/`'.'` for any size and a leading `...`/`'*'` for any outer dimensions.

    >>> tf.debugging.assert_shapes([(tf.ones((2, 3)), ("N", "D")), (tf.ones((2,)), ("N",))])
    """
    assert_shapes_v1(shapes, data=data, summarize=summarize, message=message, name=name)


# ============================================================================================
# Predicates and helpers
# ============================================================================================
def assert_proper_iterable(values):
    """Raises `TypeError` if `values` is a tensor, an array, a string, or not iterable.

    >>> tf.debugging.assert_proper_iterable([1, 2])
    """
    from ..framework.sparse_tensor import SparseTensor
    if isinstance(values, (Tensor, SparseTensor, np.ndarray, bytes, str)):
        raise TypeError('Expected argument "values" to be a "proper" iterable.  Found: %s'
                        % type(values))
    if not hasattr(values, "__iter__"):
        raise TypeError('Expected argument "values" to be iterable.  Found: %s' % type(values))


def _same_base_type(items, expected):
    original = expected
    mismatch = False
    for item in items:
        if item is not None:
            t = item.dtype.base_dtype
            if not expected:
                expected = t
            elif expected != t:
                mismatch = True
                break
    if not mismatch:
        return expected
    expected = original
    first = None
    for item in items:
        if item is None:
            continue
        t = item.dtype.base_dtype
        if not expected:
            expected = t
            first = _item_name(item)
        elif expected != t:
            raise ValueError("%s, type=%s, must be of the same type (%s)%s." % (
                _item_name(item), t, expected, (" as %s" % first) if first else ""))
    return expected


def _item_name(item):
    try:
        return item.name
    except AttributeError:
        return str(item)


def assert_same_float_dtype(tensors=None, dtype=None):
    """The float dtype all of `tensors` (and `dtype`, if given) share; `ValueError` otherwise.
    With neither given: float32.

    >>> tf.debugging.assert_same_float_dtype([tf.constant(1.0), tf.constant(2.0)])
    tf.float32
    """
    if tensors:
        dtype = _same_base_type(tensors, dtype)
    if not dtype:
        dtype = dtypes.float32
    elif not dtype.is_floating:
        raise ValueError("Expected floating point type, got %s." % dtype)
    return dtype


_NUMERIC = frozenset("fiuc")


def is_numeric_tensor(tensor):
    """True for a `tf.Tensor` of a numeric dtype (not bool or string); False otherwise
    (variables and Python values included).

    >>> tf.debugging.is_numeric_tensor(tf.constant([1, 2]))
    True
    """
    return isinstance(tensor, Tensor) and tensor._value.dtype.kind in _NUMERIC and \
        tensor._value.dtype != object


def assert_variables_initialized(var_list=None):
    """TF 1.x `tf.compat.v1.assert_variables_initialized`, as it behaves eagerly: with no
    variables (eager TF keeps no global collection) None; a list raises TF's AttributeError
    (its graph-mode check reads `Tensor.op`)."""
    if not var_list:
        return None
    raise AttributeError("Tensor.op is undefined when eager execution is enabled.")
