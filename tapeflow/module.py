"""`tf.Module` and `tf.name_scope`: named containers of variables and of other modules.

A module finds its variables and submodules by walking its attributes (`vars(self)`) sorted by
name, descending into lists, tuples and dicts (dict keys sorted), as TF does. The walk is
breadth-first by module: all of a module's own attributes come before anything found inside its
submodules, and each object is reported once.

    >>> class Linear(tf.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.w = tf.Variable([[1.0]], name="w")
    ...         self.b = tf.Variable([0.0], name="b")
    >>> [v.name for v in Linear().trainable_variables]     # sorted by attribute: b before w
    ['b:0', 'w:0']

`tf.name_scope(name)` prefixes the names of variables created inside it (`outer/x:0`); its
`__enter__` returns the full scope name with a trailing slash (`'outer/'`).
"""
import functools
import re

from .framework import variables as _variables

_CAMEL_TO_SNAKE = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")
_VALID_IDENTIFIER = re.compile(r"^[a-zA-Z_]([a-zA-Z0-9_])*$")


def camel_to_snake(value):
    """'HTTPServer2D' -> 'http_server2_d', TF's rule for default module names."""
    return _CAMEL_TO_SNAKE.sub(r"_\1", value).lower()


def _current_scope():
    """The active name scope as TF spells it: '' at the root, else 'a/b/'."""
    stack = _variables._name_scope_stack
    return "/".join(stack) + "/" if stack else ""


class name_scope:  # noqa: N801 - TF's name
    """A context manager that prefixes variable names: `with tf.name_scope("layer1") as s:`.

    A name ending in '/' is an absolute scope (re-entering a scope captured earlier); `None` or
    '' enter the root scope.

    >>> with tf.name_scope("outer") as scope:
    ...     v = tf.Variable(1.0, name="x")
    >>> scope, v.name
    ('outer/', 'outer/x:0')
    """

    def __init__(self, name):
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name for name_scope must be a string. Received: {name!r}")
        self._name = name
        self._saved = []

    @property
    def name(self):
        return self._name

    def __enter__(self):
        name = self._name
        graph_scope = _graph_scope(name)  # while a TF1 graph is built: its op name scope
        if graph_scope is not None:
            full = graph_scope.__enter__()
        elif not name:
            full = ""
        elif name.endswith("/"):
            full = name
        else:
            full = _current_scope() + name + "/"
        stack = _variables._name_scope_stack
        self._saved.append((list(stack), graph_scope))
        stack[:] = [full[:-1]] if full else []
        return full

    def __exit__(self, typ, value, traceback):
        saved, graph_scope = self._saved.pop()
        _variables._name_scope_stack[:] = saved
        if graph_scope is not None:
            graph_scope.__exit__(typ, value, traceback)
        return False


def _graph_scope(name):
    """The graph name scope `name` opens while a TF1 graph (not a function's) is built."""
    from .framework.graph import building_graph
    g = building_graph()
    if g is None or g.building_function:
        return None
    from .compat.v1_ops import GraphNameScope
    return GraphNameScope(g, name)


def _is_variable(obj):
    return isinstance(obj, _variables.Variable)


def _walk_leaves(value):
    """Leaves of a nest of lists, tuples and dicts (dicts by sorted key), depth first."""
    stack = [value]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            try:
                keys = sorted(x)
            except TypeError:
                keys = list(x)
            stack.extend(x[k] for k in reversed(keys))
        elif isinstance(x, (list, tuple)):
            stack.extend(reversed(x))
        else:
            yield x


# Set by tapeflow.training.checkpoint: called as hook(container, name, child) when a child is
# added to a module, or to a list or dict held by one, so a checkpoint restored before the child
# existed fills it in (TF's deferred restoration).
_new_child_hooks = []


def _added(container, name, child):
    for hook in _new_child_hooks:
        hook(container, name, child)


class ListWrapper(list):
    """A list assigned to a `tf.Module` attribute, as TF wraps it: still a list, but appending a
    variable (or module) that a restored checkpoint has a value for restores it."""

    def __repr__(self):
        return f"ListWrapper({list.__repr__(self)})"

    def append(self, value):
        list.append(self, value)
        _added(self, str(len(self) - 1), value)

    def extend(self, values):
        for v in values:
            self.append(v)

    def __iadd__(self, values):
        self.extend(values)
        return self

    def insert(self, index, value):
        n = len(self)
        position = min(index if index >= 0 else max(n + index, 0), n)
        list.insert(self, index, value)
        _added(self, str(position), value)

    def __setitem__(self, index, value):
        list.__setitem__(self, index, value)
        if isinstance(index, int):
            _added(self, str(index % len(self)), value)


class _DictWrapper(dict):
    """A dict assigned to a `tf.Module` attribute, as TF wraps it (see `ListWrapper`)."""

    def __repr__(self):
        return f"DictWrapper({dict.__repr__(self)})"

    def __setitem__(self, key, value):
        dict.__setitem__(self, key, value)
        _added(self, str(key), value)

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]


class Module:
    """Base class for containers of variables and submodules, as `tf.Module`.

    >>> m = tf.Module(name="block")
    >>> m.name, m.name_scope.name
    ('block', 'block/')
    """

    _TF_MODULE_IGNORED_PROPERTIES = frozenset()

    def __init__(self, name=None):
        if name is None:
            name = camel_to_snake(type(self).__name__)
        elif not _VALID_IDENTIFIER.match(name):
            raise ValueError(f"{name!r} is not a valid module name. Module names must be valid "
                             f"Python identifiers (e.g. a valid class name).")
        self._name = name
        self._name_scope = name_scope(_current_scope() + name + "/")

    def __setattr__(self, name, value):
        # as TF's tracking does: lists and dicts become ListWrapper / DictWrapper, so what is
        # added to them later can be restored from a checkpoint read before
        if type(value) is list:
            value = ListWrapper(value)
        elif type(value) is dict:
            value = _DictWrapper(value)
        object.__setattr__(self, name, value)
        if _new_child_hooks:
            _added(self, name, value)

    @property
    def name(self):
        """The module's name (not made unique), given or derived from the class name."""
        return self._name

    @property
    def name_scope(self):
        """A `tf.name_scope` for this module; re-entering it gives the same full scope name."""
        return self._name_scope

    @property
    def variables(self):
        """Every `tf.Variable` of this module and its submodules, in discovery order."""
        return tuple(self._flatten(predicate=_is_variable))

    @property
    def trainable_variables(self):
        """The trainable variables of this module and its submodules, in discovery order."""
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and v.trainable))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and not v.trainable))

    @property
    def submodules(self):
        """Every module reachable from this one (excluding itself), in discovery order."""
        return tuple(self._flatten(predicate=lambda m: isinstance(m, Module)))

    def _flatten(self, recursive=True, predicate=None):
        """Objects satisfying `predicate`, found as TF's `_flatten_module` finds them."""
        predicate = predicate or (lambda _: True)
        out = []
        _flatten_into(self, recursive, predicate, {id(self)}, out, [])
        return out

    @classmethod
    def with_name_scope(cls, method):
        """Decorator: runs `method` inside `self.name_scope`.

        >>> class Scale(tf.Module):
        ...     @tf.Module.with_name_scope
        ...     def __call__(self, x):
        ...         self.v = tf.Variable(x, name="v")
        ...         return self.v
        >>> Scale()(2.0).name
        'scale/v:0'
        """
        @functools.wraps(method)
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        return method_with_name_scope


def _flatten_into(module, recursive, predicate, seen, out, recursion_stack):
    """TF's order: this module's attributes sorted by name (each a nest walked depth first), then
    each submodule found, recursively, in the order found."""
    if id(module) in recursion_stack:
        recursive = False
    submodules = []
    attrs = vars(module)
    ignored = getattr(module, "_TF_MODULE_IGNORED_PROPERTIES", ())
    for key in sorted(attrs):
        if key in ignored:
            continue
        for leaf in _walk_leaves(attrs[key]):
            if id(leaf) in seen:
                continue
            seen.add(id(leaf))
            if predicate(leaf):
                out.append(leaf)
            if recursive and isinstance(leaf, Module):
                submodules.append(leaf)
    recursion_stack.append(id(module))
    for sub in submodules:
        _flatten_into(sub, recursive, predicate, seen, out, recursion_stack)
    recursion_stack.pop()
