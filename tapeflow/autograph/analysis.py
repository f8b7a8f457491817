"""Static analysis of a function's statements for the converter: which names a block modifies,
which names reach it already defined, and which are live around it.

The converter lowers `return`, `break` and `continue` into flag variables first, so the code
analysed here is structured (no jumps) and a recursive pass over the AST is exact enough:

* `modified(stmts)`: names bound in the statements (assignment targets, loop targets, `def`,
  `class`, `import`, `with ... as`, `except ... as`), not looking inside nested functions,
  lambdas, classes or comprehensions (their own scopes);
* `annotate_defined(stmts, defined)`: forward "may be defined" sets; each `if`/`while`/`for`
  gets `_ag_defined_in` (names with a definition reaching the statement from before it);
* `annotate_liveness(stmts, live_out)`: backward liveness; each `if`/`while`/`for` gets
  `_ag_live_in` and `_ag_live_out`. Loops iterate to a fixpoint.

    >>> import ast
    >>> body = ast.parse("y = x + 1\\nif y > 0:\\n    z = y\\nprint(z)").body
    >>> sorted(annotate_liveness(body, set()))
    ['print', 'x', 'z']
    >>> sorted(body[1]._ag_live_in), sorted(body[1]._ag_live_out)
    (['print', 'y', 'z'], ['print', 'z'])
"""
import ast

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp)
_CONTROL = (ast.If, ast.While, ast.For)


def _target_names(target, out):
    if isinstance(target, ast.Name):
        out.add(target.id)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for e in target.elts:
            _target_names(e, out)
    elif isinstance(target, ast.Starred):
        _target_names(target.value, out)


def target_names(target):
    out = set()
    _target_names(target, out)
    return out


class _Bound(ast.NodeVisitor):
    def __init__(self):
        self.names = set()

    def visit_Name(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.names.add(node.id)

    def visit_FunctionDef(self, node):
        self.names.add(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.names.add(node.name)

    def visit_Lambda(self, node):
        pass

    def visit_comprehension_scope(self, node):
        pass

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = \
        visit_comprehension_scope

    def visit_Import(self, node):
        for a in node.names:
            self.names.add((a.asname or a.name).split(".")[0])

    visit_ImportFrom = visit_Import

    def visit_ExceptHandler(self, node):
        if node.name:
            self.names.add(node.name)
        self.generic_visit(node)

    def visit_NamedExpr(self, node):
        self.names.add(node.target.id)
        self.visit(node.value)


def modified(stmts):
    """Names bound by the statements (see the module docs)."""
    v = _Bound()
    for s in stmts if isinstance(stmts, list) else [stmts]:
        v.visit(s)
    return v.names


class _Loads(ast.NodeVisitor):
    """Names read by an expression or statement, including free names of nested scopes."""

    def __init__(self):
        self.names = set()

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self.names.add(node.id)


def loads(nodes):
    v = _Loads()
    for n in nodes if isinstance(nodes, list) else [nodes]:
        if n is not None:
            v.visit(n)
    return v.names


# -- may-be-defined (forward) --------------------------------------------------------------------

def annotate_defined(stmts, defined):
    """Annotates `_ag_defined_in` on control-flow statements; returns the names possibly
    defined after `stmts`."""
    defined = set(defined)
    for s in stmts:
        if isinstance(s, ast.If):
            s._ag_defined_in = frozenset(defined)
            a = annotate_defined(s.body, defined)
            b = annotate_defined(s.orelse, defined)
            defined = a | b
        elif isinstance(s, (ast.While, ast.For)):
            s._ag_defined_in = frozenset(defined)
            inside = defined | modified(s)
            annotate_defined(s.body, inside)
            annotate_defined(s.orelse, inside)
            defined = inside
        elif isinstance(s, _SCOPES[:2] + (ast.ClassDef,)):
            defined |= {s.name}
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            bound = set()
            for item in s.items:
                if item.optional_vars is not None:
                    bound |= target_names(item.optional_vars)
            defined = annotate_defined(s.body, defined | bound)
        elif isinstance(s, ast.Try):
            after_body = annotate_defined(s.body, defined)
            partial = defined | modified(s.body)
            for h in s.handlers:
                annotate_defined(h.body, partial | ({h.name} if h.name else set()))
            annotate_defined(s.orelse, after_body)
            annotate_defined(s.finalbody, defined | modified(s))
            defined = defined | modified(s)
        else:
            defined |= modified(s)
    return defined


# -- liveness (backward) -------------------------------------------------------------------------

def _simple_live_in(s, live_out):
    if isinstance(s, ast.AugAssign):
        return (set(live_out) - target_names(s.target)) | loads(s.target) | \
            target_names(s.target) | loads(s.value)
    if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return (set(live_out) - {s.name}) | loads(s)
    return (set(live_out) - modified(s)) | loads(s)


def annotate_liveness(stmts, live_out):
    """Annotates `_ag_live_in` / `_ag_live_out` on control-flow statements; returns the names
    live before `stmts`."""
    live = set(live_out)
    for s in reversed(stmts):
        live = _stmt_live_in(s, live)
    return live


def _stmt_live_in(s, live_out):
    if isinstance(s, ast.If):
        live_in = loads(s.test) | annotate_liveness(s.body, live_out) | \
            annotate_liveness(s.orelse, live_out)
    elif isinstance(s, ast.While):
        after = annotate_liveness(s.orelse, live_out) | set(live_out)
        head = after | loads(s.test)
        while True:
            new = head | annotate_liveness(s.body, head)
            if new == head:
                break
            head = new
        live_in = head
    elif isinstance(s, ast.For):
        after = annotate_liveness(s.orelse, live_out) | set(live_out)
        targets = target_names(s.target)
        head = set(after)
        while True:
            new = head | (annotate_liveness(s.body, head) - targets) | loads(s.target) | \
                loads(getattr(s, "_ag_extra_tests", []))
            if new == head:
                break
            head = new
        live_in = head | loads(s.iter)
    elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
        after_final = annotate_liveness(s.finalbody, live_out)
        handlers = set()
        for h in s.handlers:
            handlers |= annotate_liveness(h.body, after_final) | loads(h.type)
        body_out = annotate_liveness(s.orelse, after_final) | handlers
        return annotate_liveness(s.body, body_out) | handlers | after_final
    elif isinstance(s, (ast.With, ast.AsyncWith)):
        inner = annotate_liveness(s.body, live_out)
        bound = set()
        for item in s.items:
            if item.optional_vars is not None:
                bound |= target_names(item.optional_vars)
        return (inner - bound) | loads([i.context_expr for i in s.items])
    else:
        return _simple_live_in(s, live_out)
    s._ag_live_in = frozenset(live_in)
    s._ag_live_out = frozenset(live_out)
    return live_in
