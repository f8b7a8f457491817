"""Converting functions: source → AST → converted code, compiled once per code object, cached;
`converted_call`, which converted code uses for every call (it converts user functions
recursively and leaves tapeflow's, NumPy's and the standard library's alone).

    >>> def f(x):
    ...     return x if x > 0 else -x
    >>> convert(f)(-3)
    3
"""
import ast
import enum
import functools
import inspect
import linecache
import logging
import sys
import textwrap
import types

from . import converter, operators

_logger = logging.getLogger("tensorflow")
_verbosity = [0]


class AutoGraphError(Exception):
    """Base class of AutoGraph's errors."""


class ConversionError(AutoGraphError):
    """A function could not be converted."""


UnsupportedLanguageElementError = converter.UnsupportedLanguageElementError


class InaccessibleSourceCodeError(ConversionError):
    """The source code of a function cannot be found."""


class Feature(enum.Enum):
    """Optional conversions (`tf.autograph.experimental.Feature`).

    `ASSERT_STATEMENTS` turns `assert` into `tf.Assert` on tensors and `EQUALITY_OPERATORS`
    turns `==`/`!=` into operator calls; the others change nothing in eager mode.
    """
    ALL = "ALL"
    AUTO_CONTROL_DEPS = "AUTO_CONTROL_DEPS"
    ASSERT_STATEMENTS = "ASSERT_STATEMENTS"
    BUILTIN_FUNCTIONS = "BUILTIN_FUNCTIONS"
    EQUALITY_OPERATORS = "EQUALITY_OPERATORS"
    LISTS = "LISTS"
    NAME_SCOPES = "NAME_SCOPES"


class ConversionOptions:
    """How to convert: `recursive` (convert called functions too), `user_requested` and the
    optional features."""

    def __init__(self, recursive=False, user_requested=False, optional_features=()):
        self.recursive = recursive
        self.user_requested = user_requested
        if isinstance(optional_features, Feature):
            optional_features = (optional_features,)
        features = set(optional_features or ())
        if Feature.ALL in features:
            features = set(Feature)
        self.optional_features = frozenset(features)

    def uses(self, feature):
        return feature in self.optional_features

    def feature_names(self):
        return {f.value for f in self.optional_features}

    def call_options(self):
        """The options for functions called by converted code."""
        return ConversionOptions(self.recursive, False, self.optional_features)

    def key(self):
        return (self.recursive, self.optional_features)

    def __repr__(self):
        return (f"ConversionOptions(recursive={self.recursive}, user_requested="
                f"{self.user_requested}, optional_features="
                f"{tuple(sorted(f.value for f in self.optional_features))})")


class FunctionScope:
    """The context of one converted function's call: its conversion options and return."""

    def __init__(self, function_name, scope_name, options):
        self.name = function_name
        self.options = options
        self.callopts = options.call_options()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def ret(self, value, did_return):
        """The function's return value (`None` if no `return` ran)."""
        if isinstance(value, operators.UndefinedReturnValue):
            return None
        return value


def with_function_scope(thunk, scope_name, options):
    """Calls `thunk(scope)` inside a FunctionScope (converted lambdas)."""
    with FunctionScope("lambda_", scope_name, options) as scope:
        return thunk(scope)


# -- do_not_convert and the allowlist ------------------------------------------------------------

_DO_NOT_CONVERT = "__tapeflow_autograph_do_not_convert__"
_GENERATED_FILE = "<tapeflow autograph generated {}>"
GENERATED_ORIGINS = {}  # generated file name -> the user's file its code comes from
_SKIP_PACKAGES = frozenset({"tapeflow", "numpy", "scipy", "tensorflow", "keras", "pytest",
                            "_pytest", "pandas", "IPython", "six"})


def do_not_convert(func=None):
    """Marks `func` so that AutoGraph runs it as it is (decorator; also `do_not_convert()`).

    >>> @do_not_convert
    ... def f(x):
    ...     return x
    >>> f(1)
    1
    """
    if func is None:
        return do_not_convert

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    setattr(wrapper, _DO_NOT_CONVERT, True)
    del wrapper.__wrapped__  # inspect must not see through to a convertible function
    return wrapper


def _is_generated(fn):
    code = getattr(fn, "__code__", None)
    return code is not None and code.co_filename.startswith("<tapeflow autograph generated")


def _module_name(fn):
    module = getattr(fn, "__module__", None)
    if module is None:
        m = inspect.getmodule(fn)
        module = m.__name__ if m is not None else ""
    return module or ""


def is_allowlisted(fn):
    """Whether AutoGraph leaves `fn` unconverted: tapeflow's, NumPy's, SciPy's and the standard
    library's own functions, builtins, and functions marked `do_not_convert`."""
    if getattr(fn, _DO_NOT_CONVERT, False) or _is_generated(fn):
        return True
    target = getattr(fn, "__func__", fn)
    if getattr(target, _DO_NOT_CONVERT, False):
        return True
    top = _module_name(target).split(".")[0]
    return bool(top in _SKIP_PACKAGES or top in sys.stdlib_module_names or top == "builtins")


# -- source and compilation ----------------------------------------------------------------------

def _function_source(fn):
    """The function's definition, dedented and parsed: (FunctionDef or Lambda node, source)."""
    code = fn.__code__
    if code.co_name == "<lambda>":
        return _lambda_source(fn)
    try:
        lines, first = inspect.getsourcelines(code)
    except (OSError, TypeError) as e:
        raise InaccessibleSourceCodeError(
            f"Unable to locate the source code of {fn!r}. Note that functions defined in certain "
            f"environments, like the interactive Python shell, do not expose their source "
            f"code. ({e})") from None
    source = textwrap.dedent("".join(lines))
    indent = len(lines[0]) - len(lines[0].lstrip()) if lines else 0
    try:
        tree = ast.parse(source)
        _relocate(tree, max(first, 1) - 1, indent)
    except SyntaxError:
        tree = ast.parse("if True:\n" + "".join(lines))
        _relocate(tree, max(first, 1) - 2, 0)
        tree = ast.Module(body=tree.body[0].body, type_ignores=[])
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                node.name == code.co_name:
            return node, source
    raise InaccessibleSourceCodeError(f"Unable to locate the source code of {fn!r}: its "
                                      f"definition was not found in the lines {inspect} gave")


def _relocate(tree, line_offset, col_offset):
    """Moves the parsed snippet's positions to where it stands in its file, so converted code
    reports the user's own file lines in tracebacks (and in TF's "in user code" errors)."""
    for node in ast.walk(tree):
        if "lineno" in node._attributes:
            if getattr(node, "lineno", None) is not None:
                node.lineno += line_offset
            if getattr(node, "end_lineno", None) is not None:
                node.end_lineno += line_offset
            if col_offset and getattr(node, "col_offset", None) is not None:
                node.col_offset += col_offset
            if col_offset and getattr(node, "end_col_offset", None) is not None:
                node.end_col_offset += col_offset


def _lambda_source(fn):
    code = fn.__code__
    lines = linecache.getlines(code.co_filename)
    if not lines:
        raise InaccessibleSourceCodeError(f"Unable to locate the source code of {fn!r}")
    try:
        tree = ast.parse("".join(lines))
    except SyntaxError as e:
        raise InaccessibleSourceCodeError(f"could not parse the source of {fn!r}: {e}") from None
    argnames = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Lambda) and node.lineno == code.co_firstlineno:
            args = node.args
            names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
            if names == argnames:
                found.append(node)
    if len(found) != 1:
        raise InaccessibleSourceCodeError(
            f"could not identify the source code of lambda function {fn!r}: "
            f"{len(found)} lambdas with its arguments on line {code.co_firstlineno}")
    return found[0], ast.get_source_segment("".join(lines), found[0]) or ""


def _strip_signature(args):
    """Defaults and annotations are evaluated where the function was defined: the converted
    function takes them from the original (`__defaults__`), so the generated `def` has none."""
    args.defaults = [ast.Constant(value=None) for _ in args.defaults]
    args.kw_defaults = [None if d is None else ast.Constant(value=None)
                        for d in args.kw_defaults]
    for a in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
        if a is not None:
            a.annotation = None


class _Compiled:
    """One converted code object: the generated source and the factory that instantiates the
    converted function for a given closure."""

    def __init__(self, source, factory_code, freevars):
        self.source = source
        self.factory_code = factory_code
        self.freevars = freevars


_cache = {}
_counter = [0]


def _compile(fn, options):
    code = fn.__code__
    key = (code, options.key())
    hit = _cache.get(key)
    if hit is not None:
        return hit
    node, _ = _function_source(fn)
    features = options.feature_names()
    if isinstance(node, ast.Lambda):
        _strip_signature(node.args)
        new = ast.fix_missing_locations(converter.convert_lambda(node, features))
        inner = [ast.Return(value=new)]
        shown = ast.unparse(new)
    else:
        _strip_signature(node.args)
        new = converter.FunctionConverter(features).convert_function(node, "tf__" + node.name)
        ast.fix_missing_locations(new)
        inner = [new, ast.Return(value=ast.Name(id=new.name, ctx=ast.Load()))]
        shown = ast.unparse(new)
    freevars = list(code.co_freevars)
    factory = ast.FunctionDef(
        name="__ag_factory", args=ast.arguments(posonlyargs=[], args=[ast.arg(arg="ag__")],
                                                vararg=None, kwonlyargs=[], kw_defaults=[],
                                                kwarg=None, defaults=[]),
        body=inner, decorator_list=[], returns=None, type_comment=None)
    outer_body = [ast.Assign(targets=[ast.Name(id=v, ctx=ast.Store())],
                             value=ast.Constant(value=None)) for v in freevars]
    outer_body += [factory, ast.Return(value=ast.Name(id="__ag_factory", ctx=ast.Load()))]
    outer = ast.FunctionDef(name="__ag_outer", args=ast.arguments(
        posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
        defaults=[]), body=outer_body, decorator_list=[], returns=None, type_comment=None)
    for n in (factory, outer):
        if "type_params" in ast.FunctionDef._fields:
            n.type_params = []
    module = ast.fix_missing_locations(ast.Module(body=[outer], type_ignores=[]))
    _counter[0] += 1
    filename = _GENERATED_FILE.format(_counter[0])
    # The converted statements keep the user's line numbers (see _relocate), so the generated
    # file's lines are the user's file: tracebacks through converted code show the user's code.
    user_file = code.co_filename
    user_lines = linecache.getlines(user_file)
    linecache.cache[filename] = (sum(map(len, user_lines)), None, user_lines, filename)
    GENERATED_ORIGINS[filename] = user_file
    module_code = compile(module, filename, "exec")
    outer_code = next(c for c in module_code.co_consts if isinstance(c, types.CodeType))
    factory_code = next(c for c in outer_code.co_consts if isinstance(c, types.CodeType)
                        and c.co_name == "__ag_factory")
    compiled = _Compiled(shown, factory_code, freevars)
    _cache[key] = compiled
    return compiled


class _AgModule:
    """The `ag__` namespace of converted code: the operators plus the conversion options."""

    def __init__(self, options):
        for name in operators.__all__:
            setattr(self, name, getattr(operators, name))
        self.STD_OPTIONS = options
        self.FunctionScope = FunctionScope
        self.ConversionOptions = ConversionOptions
        self.with_function_scope = with_function_scope
        self.converted_call = converted_call


_ag_modules = {}


def _ag_module(options):
    key = (options.key(), options.user_requested)
    mod = _ag_modules.get(key)
    if mod is None:
        mod = _ag_modules[key] = _AgModule(options)
    return mod


def _instantiate(fn, options):
    compiled = _compile(fn, options)
    cells = dict(zip(fn.__code__.co_freevars, fn.__closure__ or ()))
    closure = []
    for name in compiled.factory_code.co_freevars:
        if name in cells:
            closure.append(cells[name])
        else:
            closure.append(types.CellType())
    factory = types.FunctionType(compiled.factory_code, fn.__globals__, "__ag_factory", None,
                                 tuple(closure) or None)
    new = factory(_ag_module(options))
    new.__defaults__ = fn.__defaults__
    new.__kwdefaults__ = fn.__kwdefaults__
    new.__doc__ = fn.__doc__
    new.__module__ = fn.__module__
    new.__dict__.update(getattr(fn, "__dict__", {}))
    new.__tapeflow_autograph_source__ = compiled.source
    return new


_instances = {}


def _convert_function(fn, options):
    """The converted version of a plain function (cached per function object and options)."""
    key = (id(fn), options.key(), options.user_requested)
    hit = _instances.get(key)
    if hit is not None and hit[0] is fn:
        return hit[1]
    if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
        raise UnsupportedLanguageElementError("generators are not supported")
    if inspect.iscoroutinefunction(fn):
        raise UnsupportedLanguageElementError("coroutines are not supported")
    new = _instantiate(fn, options)
    if len(_instances) > 4096:
        _instances.clear()
    _instances[key] = (fn, new)
    return new


def convert_entity(entity, options):
    """The converted form of a function, bound method, lambda or callable object."""
    if isinstance(entity, functools.partial):
        return functools.partial(convert_entity(entity.func, options), *entity.args,
                                 **entity.keywords)
    if inspect.ismethod(entity):
        return types.MethodType(convert_entity(entity.__func__, options), entity.__self__)
    if inspect.isfunction(entity):
        return _convert_function(entity, options)
    if inspect.isclass(entity):
        raise NotImplementedError("tf.autograph.to_graph of a class is not supported in tapeflow; "
                                  "convert its methods")
    call = inspect.getattr_static(type(entity), "__call__", None)
    if call is not None and inspect.isfunction(call):
        return types.MethodType(_convert_function(call, options), entity)
    raise ValueError(f"Unsupported entity: {entity!r}; AutoGraph converts functions, methods, "
                     f"lambdas and callable objects")


def _log_fallback(f, error):
    if _verbosity[0] > 0 or not isinstance(error, InaccessibleSourceCodeError):
        _logger.warning("AutoGraph could not transform %s and will run it as-is. Cause: %s: %s",
                        getattr(f, "__name__", f), type(error).__name__, error)


_direct = {}  # callables known to run as they are (library code, classes): the fast path


def _direct_key(f):
    key = getattr(f, "__func__", f) if inspect.ismethod(f) else f
    try:
        hash(key)
    except TypeError:
        return None
    return key


def converted_call(f, args, kwargs, caller_fn_scope=None, options=None):
    """Calls `f(*args, **kwargs)`, converting `f` first when it is user code (and the
    conversion is recursive); builtins get their AutoGraph overloads (`len`, `range`, ...)."""
    kwargs = kwargs or {}
    key = _direct_key(f)
    if key is not None and key in _direct:
        return f(*args, **kwargs)
    if options is None:
        options = caller_fn_scope.callopts if caller_fn_scope is not None else \
            ConversionOptions(recursive=True)
    if inspect.isbuiltin(f) or isinstance(f, type) and f.__module__ == "builtins":
        return operators.overload_of(f)(*args, **kwargs)
    if isinstance(f, functools.partial):
        return converted_call(f.func, tuple(f.args) + tuple(args), {**f.keywords, **kwargs},
                              caller_fn_scope, options)
    if is_allowlisted(f) or inspect.isclass(f):
        if key is not None:
            if len(_direct) > 10000:
                _direct.clear()
            _direct[key] = True
        return f(*args, **kwargs)
    if not options.recursive:
        return f(*args, **kwargs)
    target = f.__func__ if inspect.ismethod(f) else f
    if not inspect.isfunction(target):
        call = inspect.getattr_static(type(f), "__call__", None)
        if call is None or not inspect.isfunction(call) or is_allowlisted(call):
            return f(*args, **kwargs)
        target = call
    if inspect.isgeneratorfunction(target) or _is_generated(target):
        return f(*args, **kwargs)
    try:
        converted = convert_entity(f, options)
    except (ConversionError, UnsupportedLanguageElementError, SyntaxError, OSError) as e:
        _log_fallback(f, e)
        return f(*args, **kwargs)
    return converted(*args, **kwargs)


def convert(fn, recursive=True, optional_features=None, user_requested=True):
    """The internal entry point graph-mode tracing calls: `fn` converted (with calls converted
    recursively), or `fn` itself when it cannot be converted (TF's "will run it as-is").

    >>> convert(len) is len
    True
    """
    options = ConversionOptions(recursive, user_requested, optional_features)
    if is_allowlisted(fn) and not (inspect.ismethod(fn) and not is_allowlisted(fn.__func__)):
        return fn
    try:
        return convert_entity(fn, options)
    except (ConversionError, UnsupportedLanguageElementError, SyntaxError, OSError,
            ValueError, NotImplementedError) as e:
        _log_fallback(fn, e)
        return fn


def to_graph(entity, recursive=True, experimental_optional_features=None):
    """`tf.autograph.to_graph`: the converted function (TF control flow on tensors, Python
    control flow on Python values).

    >>> def absolute(x):
    ...     if x < 0:
    ...         x = -x
    ...     return x
    >>> to_graph(absolute)(tf.constant(-2.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    """
    options = ConversionOptions(recursive, True, experimental_optional_features)
    try:
        return convert_entity(entity, options)
    except (UnsupportedLanguageElementError, NotImplementedError, ValueError):
        raise
    except (ConversionError, SyntaxError, OSError) as e:
        raise ConversionError(f"converting {entity!r}: {type(e).__name__}: {e}") from e


def to_code(entity, recursive=True, experimental_optional_features=None):
    """`tf.autograph.to_code`: the source of the converted function, as text."""
    converted = to_graph(entity, recursive, experimental_optional_features)
    target = converted
    while isinstance(target, functools.partial):
        target = target.func
    target = getattr(target, "__func__", target)
    return textwrap.dedent(target.__tapeflow_autograph_source__) + "\n"


def set_verbosity(level, alsologtostdout=False):
    """`tf.autograph.set_verbosity`: at level > 0, functions that cannot be converted are
    logged (at 0 only unexpected failures are)."""
    _verbosity[0] = int(level)
    if alsologtostdout:
        handler = logging.StreamHandler(sys.stdout)
        _logger.addHandler(handler)


def trace(*args):
    """`tf.autograph.trace`: prints its arguments (each time the converted code runs, in eager
    mode; TF prints while tracing)."""
    print(*args)


def set_loop_options(parallel_iterations=None, swap_memory=None, maximum_iterations=None,
                     shape_invariants=None):
    """`tf.autograph.experimental.set_loop_options`: inside a converted loop, sets the
    `tf.while_loop` options of that loop (the converter takes the call out of the body);
    called directly it does nothing."""
