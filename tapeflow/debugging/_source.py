"""What the source of the user's function says, read with `ast` when `explain` runs.

`CodeFacts(frame)`: which names the frame binds to an object, the `with tf.GradientTape() as
tape:` blocks of a tape and its `stop_recording()` blocks, the assignments to a name, the lines
where a name is read or passed to `tape.watch`, and a search for the line of an op by name.
"""
import ast
import linecache
import re


class CodeFacts:
    """What the source of the function running in `frame` says (read once, with `ast`).

    Empty (every query answers nothing) when the source is unavailable."""

    def __init__(self, frame):
        self.filename = frame.f_code.co_filename if frame is not None else None
        self.lineno = frame.f_lineno if frame is not None else 0
        self.locals = dict(frame.f_locals) if frame is not None else {}
        self.globals = frame.f_globals if frame is not None else {}
        self.scope = None
        self.lines = []
        if frame is None:
            return
        self.lines = linecache.getlines(self.filename, frame.f_globals)
        if not self.lines:
            return
        try:
            tree = ast.parse("".join(self.lines))
        except (SyntaxError, ValueError):
            return
        self.scope = _innermost_scope(tree, frame.f_code.co_name, self.lineno)

    def site(self, lineno):
        return (self.filename, lineno, "")

    # -- names -------------------------------------------------------------------------------
    def names_of(self, obj):
        """The names this frame binds to `obj` (locals first, then globals), by identity."""
        names = [k for k, v in self.locals.items() if v is obj and not k.startswith("__")]
        if not names:
            names = [k for k, v in self.globals.items() if v is obj and not k.startswith("__")]
        return names

    def name_of(self, obj):
        names = self.names_of(obj)
        return names[0] if names else None

    # -- structure ---------------------------------------------------------------------------
    def _walk(self):
        return ast.walk(self.scope) if self.scope is not None else ()

    def tape_blocks(self, tape):
        """(first, last) line ranges of `with ... as <tape>:` (or `with <tape>:`) blocks."""
        names = set(self.names_of(tape))
        out = []
        if not names:
            return out
        for node in self._walk():
            if isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    var, ctx = item.optional_vars, item.context_expr
                    if (isinstance(var, ast.Name) and var.id in names) or \
                            (isinstance(ctx, ast.Name) and ctx.id in names):
                        out.append((node.lineno, node.end_lineno))
        return sorted(out)

    def stop_recording_blocks(self, tape):
        """(first, last) line ranges of `with <tape>.stop_recording():` blocks."""
        names = set(self.names_of(tape))
        out = []
        for node in self._walk():
            if isinstance(node, ast.With):
                for item in node.items:
                    ctx = item.context_expr
                    if (isinstance(ctx, ast.Call) and isinstance(ctx.func, ast.Attribute)
                            and ctx.func.attr == "stop_recording"
                            and isinstance(ctx.func.value, ast.Name)
                            and ctx.func.value.id in names):
                        out.append((node.lineno, node.end_lineno))
        return sorted(out)

    def assignments(self, name):
        """[(lineno, value expression or None)] for every binding of `name`, in line order."""
        out = []
        for node in self._walk():
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if _binds(t, name):
                        out.append((node.lineno, node.value))
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                if _binds(node.target, name):
                    out.append((node.lineno, node.value))
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                if _binds(node.target, name):
                    out.append((node.lineno, None))
            elif isinstance(node, ast.withitem):
                if node.optional_vars is not None and _binds(node.optional_vars, name):
                    out.append((node.context_expr.lineno, node.context_expr))
            elif isinstance(node, ast.NamedExpr):
                if _binds(node.target, name):
                    out.append((node.lineno, node.value))
        return sorted(out, key=lambda p: p[0])

    def uses(self, name):
        """Line numbers where `name` is read, in order."""
        return sorted({node.lineno for node in self._walk()
                       if isinstance(node, ast.Name) and node.id == name
                       and isinstance(node.ctx, ast.Load)})

    def watch_lines(self, tape, name):
        """Lines of `<tape>.watch(...)` calls whose argument mentions `name`."""
        names = set(self.names_of(tape))
        out = []
        for node in self._walk():
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "watch" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in names):
                if any(isinstance(n, ast.Name) and n.id == name
                       for a in node.args for n in ast.walk(a)):
                    out.append(node.lineno)
        return sorted(out)

    def text(self, node):
        """The source text of an AST node (one line, shortened)."""
        if node is None:
            return ""
        try:
            seg = ast.get_source_segment("".join(self.lines), node) or ""
        except Exception:
            seg = ""
        seg = " ".join(seg.split())
        return seg if len(seg) <= 70 else seg[:67] + "..."

    def search(self, patterns, within=()):
        """The first line matching any regex in `patterns`, preferring lines inside one of the
        `within` ranges, then the rest of this function, then the rest of the file."""
        if not self.lines or not patterns:
            return None
        rx = re.compile("|".join("(?:%s)" % p for p in patterns))
        scope = (self.scope.lineno, self.scope.end_lineno) if isinstance(
            self.scope, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
        ranges = list(within) + ([scope] if scope else []) + [(1, len(self.lines))]
        for lo, hi in ranges:
            for n in range(lo, min(hi, len(self.lines)) + 1):
                text = self.lines[n - 1].split("#", 1)[0]
                if rx.search(text):
                    return n
        return None


def _binds(target, name):
    if isinstance(target, ast.Name):
        return target.id == name
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_binds(t, name) for t in target.elts)
    if isinstance(target, ast.Starred):
        return _binds(target.value, name)
    return False


def _innermost_scope(tree, func_name, lineno):
    """The innermost function definition named `func_name` containing `lineno` (the module for
    module-level code)."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == func_name:
            if node.lineno <= lineno <= (node.end_lineno or node.lineno):
                if best is None or node.lineno > best.lineno:
                    best = node
    return best if best is not None else tree


def is_variable_constructor(node):
    """True for an expression `tf.Variable(...)` / `Variable(...)` (any module prefix)."""
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
    return name == "Variable"


def mentions(node, name):
    """True when expression `node` reads `name`."""
    return node is not None and any(isinstance(n, ast.Name) and n.id == name
                                    for n in ast.walk(node))
