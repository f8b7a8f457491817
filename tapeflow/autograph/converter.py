"""The AutoGraph source transformation: a function's AST in, the converted function's AST out.

Passes, per function (nested functions are converted the same way, each on its own):

1. `continue`, `break` and `return` inside control flow are lowered into flag variables
   (`continue_`, `break_`, `do_return`/`retval_`): the statements after one are guarded by
   `if not flag:`, loops get the flag in their test (`while`) or `extra_test` (`for`), and a loop's
   `else:` runs under `if not break_:`. The code left is structured, with no jumps.
2. Analysis (`analysis.py`): for each `if`/`while`/`for`, the names it modifies, the names
   defined before it and the names live around it. Its state is the modified names that are
   live into or out of it, outputs first (TF's loop-variable analysis).
3. Each `if`/`while`/`for` becomes local functions (branches or loop body, `get_state`,
   `set_state`, loop test, `extra_test`) and a call to `ag__.if_stmt` / `ag__.while_stmt` /
   `ag__.for_stmt`. The local functions declare every name the block modifies `nonlocal`
   (or `global`), so Python semantics are unchanged; a modified name with no definition
   reaching the block is first bound to `ag__.Undefined('name')`.
4. Expressions: `and`/`or`/`not` → `ag__.and_`/`ag__.or_`/`ag__.not_` (lazy: operands become
   lambdas), `a if c else b` → `ag__.if_exp`, calls → `ag__.converted_call(f, args, kwargs,
   fscope)` (which converts user functions recursively), loads of block-modified names →
   `ag__.ld(name)`; `assert` → `ag__.assert_stmt` with `Feature.ASSERT_STATEMENTS`.
"""
import ast

from . import analysis

_SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_NO_CONVERT_CALLS = {"super", "locals", "globals", "vars", "eval", "exec", "dir"}


class UnsupportedLanguageElementError(NotImplementedError):
    """A Python construct AutoGraph does not convert (generators, coroutines, ...)."""


def _parse_stmt(src):
    return ast.parse(src).body


def _parse_expr(src):
    return ast.parse(src, mode="eval").body


def _name(id_, ctx=None):
    return ast.Name(id=id_, ctx=ctx or ast.Load())


def _not(flag):
    return ast.UnaryOp(op=ast.Not(), operand=_name(flag))


class _Namer:
    """Fresh names that clash with nothing in the function."""

    def __init__(self, taken):
        self.taken = set(taken)

    def new(self, base):
        name, i = base, 0
        while name in self.taken:
            i += 1
            name = f"{base}_{i}"
        self.taken.add(name)
        return name


def _all_names(node):
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            out.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(n.name)
        elif isinstance(n, ast.arg):
            out.add(n.arg)
    return out


def _walk_same_scope(node):
    """The nodes of `node` that belong to its own function scope (nested scopes skipped)."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        n = stack.pop()
        yield n
        if not isinstance(n, _SCOPE_NODES):
            stack.extend(ast.iter_child_nodes(n))


def check_supported(fn_node):
    for n in _walk_same_scope(fn_node):
        if isinstance(n, (ast.Yield, ast.YieldFrom)):
            raise UnsupportedLanguageElementError("generators are not supported")
        if isinstance(n, ast.Await):
            raise UnsupportedLanguageElementError("coroutines are not supported")
        if type(n).__name__ in ("Match", "TryStar"):
            raise UnsupportedLanguageElementError(
                f"{'match' if type(n).__name__ == 'Match' else 'try/except*'} statements are "
                f"not supported")
    if isinstance(fn_node, ast.AsyncFunctionDef):
        raise UnsupportedLanguageElementError("coroutines are not supported")


# -- pass 1: lowering jumps into flags -----------------------------------------------------------

def _contains(stmts, kinds, stop_at_loops):
    """Whether `stmts` hold a statement of `kinds` in this scope (loops stop the search for
    `break`/`continue`, which belong to the inner loop)."""
    for s in stmts if isinstance(stmts, list) else [stmts]:
        if isinstance(s, kinds):
            return True
        if isinstance(s, _SCOPE_NODES):
            continue
        if stop_at_loops and isinstance(s, (ast.While, ast.For)):
            if _contains(s.orelse, kinds, stop_at_loops):
                return True
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            sub = getattr(s, field, None)
            if isinstance(sub, list) and _contains(sub, kinds, stop_at_loops):
                return True
        if isinstance(s, ast.ExceptHandler) and _contains(s.body, kinds, stop_at_loops):
            return True
    return False


def _lower_block(stmts, kind, replace, flag, stop_at_loops):
    """Rewrites the `kind` statements of `stmts` with `replace(stmt)` and guards whatever follows
    a statement that may set `flag` with `if not flag:`."""
    out = []
    for i, s in enumerate(stmts):
        if isinstance(s, kind):
            out.extend(replace(s))
            return out  # the rest is unreachable
        may_jump = _contains([s], kind, stop_at_loops)
        if may_jump:
            _lower_inside(s, kind, replace, flag, stop_at_loops)
        out.append(s)
        if may_jump:
            rest = _lower_block(stmts[i + 1:], kind, replace, flag, stop_at_loops)
            if rest:
                out.append(ast.If(test=_not(flag), body=rest, orelse=[]))
            return out
    return out


def _lower_inside(s, kind, replace, flag, stop_at_loops):
    if isinstance(s, (ast.While, ast.For)) and stop_at_loops:
        s.orelse = _lower_block(s.orelse, kind, replace, flag, stop_at_loops)
        return
    for field in ("body", "orelse", "finalbody"):
        sub = getattr(s, field, None)
        if isinstance(sub, list) and sub:
            new = _lower_block(sub, kind, replace, flag, stop_at_loops)
            setattr(s, field, new or [ast.Pass()])
    for h in getattr(s, "handlers", None) or []:
        h.body = _lower_block(h.body, kind, replace, flag, stop_at_loops) or [ast.Pass()]


def _add_loop_test(loop, flag):
    """The loop also stops once `flag` is set: `while` gets it in its test, `for` in its
    extra test."""
    if isinstance(loop, ast.While):
        loop.test = ast.BoolOp(op=ast.And(), values=[_not(flag), loop.test])
    else:
        loop._ag_extra_tests = [_not(flag)] + getattr(loop, "_ag_extra_tests", [])


class _JumpLowering(ast.NodeTransformer):
    """Pass 1 for `continue` and `break` (innermost loops first)."""

    def __init__(self, namer):
        self.namer = namer

    def visit_FunctionDef(self, node):
        return node  # nested functions are converted on their own

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef

    def _loop(self, node):
        if node.orelse:
            kind = "while" if isinstance(node, ast.While) else "for"
            raise UnsupportedLanguageElementError(f"{kind}/else statement not yet supported")
        self.generic_visit(node)
        out = []
        if _contains(node.body, ast.Continue, True):
            flag = self.namer.new("continue_")
            body = _lower_block(node.body, ast.Continue,
                                lambda s: _parse_stmt(f"{flag} = True"), flag, True)
            node.body = _parse_stmt(f"{flag} = False") + body
        if _contains(node.body, ast.Break, True):
            flag = self.namer.new("break_")
            node.body = _lower_block(node.body, ast.Break,
                                     lambda s: _parse_stmt(f"{flag} = True"), flag, True) \
                or [ast.Pass()]
            _add_loop_test(node, flag)
            out.extend(_parse_stmt(f"{flag} = False"))
            if node.orelse:
                out.append(node)
                out.append(ast.If(test=_not(flag), body=node.orelse, orelse=[]))
                node.orelse = []
                return out
        if node.orelse:
            # Without a break the else clause always runs after the loop.
            orelse, node.orelse = node.orelse, []
            return out + [node] + orelse
        return out + [node] if out else node

    visit_While = visit_For = _loop


def _lower_returns(fn_node, namer):
    """Pass 1 for `return` inside control flow; returns (body, do_return, retval) names or None
    when every return is already at the top level of the function body."""
    body = fn_node.body
    nested = any(_contains([s], ast.Return, False) for s in body if not isinstance(s, ast.Return))
    if not nested:
        return None
    do_return = namer.new("do_return")
    retval = namer.new("retval_")

    def replace(s):
        value = s.value if s.value is not None else ast.Constant(value=None)
        return [ast.Assign(targets=[_name(do_return, ast.Store())], value=_parse_expr("True")),
                ast.Assign(targets=[_name(retval, ast.Store())], value=value)]

    # Loops containing a return also stop once it ran.
    for n in _walk_same_scope(fn_node):
        if isinstance(n, (ast.While, ast.For)) and _contains(n.body, ast.Return, False):
            n._ag_return_flag = do_return
    new_body = _lower_block(body, ast.Return, replace, do_return, False)
    for n in _walk_same_scope(fn_node):
        flag = getattr(n, "_ag_return_flag", None)
        if flag is not None and isinstance(n, (ast.While, ast.For)):
            _add_loop_test(n, flag)
            del n._ag_return_flag
    prologue = _parse_stmt(f"{do_return} = False\n{retval} = ag__.UndefinedReturnValue()")
    return prologue + new_body, do_return, retval


# -- pass 4: expressions -------------------------------------------------------------------------

def _lambda(expr):
    return ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[],
                                         kw_defaults=[], kwarg=None, defaults=[]), body=expr)


def _ag_call(fn, *args):
    return ast.Call(func=ast.Attribute(value=_name("ag__"), attr=fn, ctx=ast.Load()),
                    args=list(args), keywords=[])


class _ExpressionConverter(ast.NodeTransformer):
    """Pass 4 on the expressions of one function (nested functions are left to their own
    conversion, lambdas are converted in place)."""

    def __init__(self, ld_names, features, self_name, has_class_cell, fscope):
        self.ld_names = ld_names
        self.features = features
        self.self_name = self_name
        self.has_class_cell = has_class_cell
        self.fscope = fscope

    def visit_FunctionDef(self, node):
        if getattr(node, "_ag_generated", False):
            self.generic_visit(node)  # a branch or loop body made by pass 3
        return node  # a user's nested function: converted on its own already

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id in self.ld_names:
            return _ag_call("ld", node)
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        fn = "and_" if isinstance(node.op, ast.And) else "or_"
        result = node.values[-1]
        for v in reversed(node.values[:-1]):
            result = _ag_call(fn, _lambda(v), _lambda(result))
        return result

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return _ag_call("not_", node.operand)
        return node

    def visit_IfExp(self, node):
        text = ast.unparse(node.test)
        self.generic_visit(node)
        return _ag_call("if_exp", node.test, _lambda(node.body), _lambda(node.orelse),
                        ast.Constant(value=text))

    def visit_Compare(self, node):
        self.generic_visit(node)
        if "EQUALITY_OPERATORS" in self.features and len(node.ops) == 1 and \
                isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            fn = "eq" if isinstance(node.ops[0], ast.Eq) else "not_eq"
            return _ag_call(fn, node.left, node.comparators[0])
        return node

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id in _NO_CONVERT_CALLS:
            self.generic_visit(node)
            if func.id == "super" and not node.args and self.has_class_cell and self.self_name:
                node.args = [_name("__class__"), _name(self.self_name)]
            return node
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                func.value.id in ("ag__", "fscope"):
            if func.attr != "ldu":
                node.args = [self.visit(a) for a in node.args]
            return node
        self.generic_visit(node)
        args = ast.Tuple(elts=node.args, ctx=ast.Load())
        if node.keywords:
            keys, values = [], []
            for kw in node.keywords:
                keys.append(None if kw.arg is None else ast.Constant(value=kw.arg))
                values.append(kw.value)
            kwargs = ast.Dict(keys=keys, values=values)
        else:
            kwargs = ast.Constant(value=None)
        return _ag_call("converted_call", node.func, args, kwargs, _name(self.fscope))


# -- pass 3: statements --------------------------------------------------------------------------

def _located(nodes, source):
    """The generated `nodes` with positions wherever they have none: their nearest located
    ancestor's, or the user's statement `source`'s (so tracebacks through converted code name
    the user's line)."""
    line = getattr(source, "lineno", None)
    if line is None:
        return nodes
    keys = ("lineno", "col_offset", "end_lineno", "end_col_offset")
    top = (line, getattr(source, "col_offset", 0), getattr(source, "end_lineno", line),
           getattr(source, "end_col_offset", 0))
    todo = [(n, top) for n in nodes]
    while todo:
        n, inherited = todo.pop()
        if "lineno" in n._attributes:
            if getattr(n, "lineno", None) is None:
                for k, v in zip(keys, inherited):
                    setattr(n, k, v)
            else:
                inherited = tuple(getattr(n, k, None) if getattr(n, k, None) is not None
                                  else v for k, v in zip(keys, inherited))
        todo.extend((c, inherited) for c in ast.iter_child_nodes(n))
    return nodes
    fields = {"lineno": line, "col_offset": getattr(source, "col_offset", 0),
              "end_lineno": getattr(source, "end_lineno", line),
              "end_col_offset": getattr(source, "end_col_offset", 0)}
    for top in nodes:
        for n in ast.walk(top):
            if "lineno" in n._attributes and getattr(n, "lineno", None) is None:
                for k, v in fields.items():
                    setattr(n, k, v)
    return nodes


class FunctionConverter:
    """Converts one function definition (see the module docs)."""

    def __init__(self, features=(), namer=None):
        self.features = set(features)
        self.namer = namer

    # -- entry points --------------------------------------------------------------------------
    def convert_function(self, fn, top_name=None):
        check_supported(fn)
        namer = self.namer or _Namer(_all_names(fn) | {"ag__", "fscope"})
        self.namer = namer
        args = fn.args
        params = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
        params += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
        self_name = (args.posonlyargs + args.args)[0].arg if (args.posonlyargs + args.args) \
            else None
        declared_global, declared_nonlocal = set(), set()
        for n in _walk_same_scope(fn):
            if isinstance(n, ast.Global):
                declared_global |= set(n.names)
            elif isinstance(n, ast.Nonlocal):
                declared_nonlocal |= set(n.names)

        # Pass 1.
        body = _JumpLowering(namer).visit(ast.Module(body=fn.body, type_ignores=[])).body
        fn.body = body
        lowered = _lower_returns(fn, namer)
        if lowered is not None:
            body, do_return, retval = lowered
        if lowered is not None:
            body = body + _parse_stmt(f"return fscope.ret({retval}, {do_return})")
        # Pass 2.
        analysis.annotate_defined(body, set(params) | declared_global | declared_nonlocal)
        analysis.annotate_liveness(body, set())
        # Pass 3 (and nested functions).
        self.globals = declared_global
        self.nonlocals = declared_nonlocal
        self.ld_names = set()
        body = self._block(body)
        if lowered is None:
            body = self._top_returns(body)
        # Pass 4.
        expr = _ExpressionConverter(self.ld_names | set(params), self.features, self_name,
                                    "__class__" in _all_names(fn) or self._uses_super(fn),
                                    "fscope")
        body = [expr.visit(s) for s in body]
        name = top_name or fn.name
        scope = ast.With(items=[ast.withitem(
            context_expr=_parse_expr(f"ag__.FunctionScope({fn.name!r}, 'fscope', "
                                     f"ag__.STD_OPTIONS)"),
            optional_vars=_name("fscope", ast.Store()))], body=body)
        decls = []
        if declared_global:
            decls.append(ast.Global(names=sorted(declared_global)))
        if declared_nonlocal:
            decls.append(ast.Nonlocal(names=sorted(declared_nonlocal)))
        new = ast.FunctionDef(name=name, args=fn.args, body=decls + [scope],
                              decorator_list=[], returns=None, type_comment=None)
        if "type_params" in ast.FunctionDef._fields:
            new.type_params = []
        return _located([new], fn)[0]

    @staticmethod
    def _uses_super(fn):
        return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and
                   n.func.id == "super" and not n.args for n in _walk_same_scope(fn))

    def _top_returns(self, body):
        out = []
        for s in body:
            if isinstance(s, ast.Return):
                value = s.value if s.value is not None else ast.Constant(value=None)
                s = ast.Return(value=ast.Call(
                    func=ast.Attribute(value=_name("fscope"), attr="ret", ctx=ast.Load()),
                    args=[value, ast.Constant(value=True)], keywords=[]))
            out.append(s)
        return out

    # -- statements ----------------------------------------------------------------------------
    def _block(self, stmts):
        out = []
        for s in stmts:
            out.extend(self._stmt(s))
        return out

    def _stmt(self, s):
        if isinstance(s, (ast.If, ast.While, ast.For)):
            made = self._if(s) if isinstance(s, ast.If) else self._while(s) if isinstance(
                s, ast.While) else self._for(s)
            return _located(made, s)
        if isinstance(s, ast.FunctionDef):
            return [self._nested_function(s)]
        if isinstance(s, ast.Assert) and "ASSERT_STATEMENTS" in self.features:
            msg = s.msg if s.msg is not None else ast.Constant(
                value="Assertion failed: " + ast.unparse(s.test))
            return [ast.Expr(value=_ag_call("assert_stmt", s.test, _lambda(msg)))]
        for field in ("body", "orelse", "finalbody"):
            sub = getattr(s, field, None)
            if isinstance(sub, list) and sub and not isinstance(s, ast.ClassDef):
                setattr(s, field, self._block(sub))
        for h in getattr(s, "handlers", None) or []:
            h.body = self._block(h.body)
        return [s]

    def _nested_function(self, node):
        inner = FunctionConverter(self.features, _Namer(self.namer.taken | _all_names(node)))
        decorators = node.decorator_list
        converted = inner.convert_function(node)
        converted.decorator_list = decorators
        self.namer.taken |= inner.namer.taken
        return converted

    def _state(self, node, modified):
        live = node._ag_live_in | node._ag_live_out
        names = [n for n in modified if n in live or n in self.nonlocals]
        input_only = {n for n in names if n in node._ag_live_in and n not in node._ag_live_out}
        names.sort(key=lambda n: (n in input_only, n))
        return names, len(names) - len(input_only)

    def _decls(self, names):
        glob = sorted(n for n in names if n in self.globals)
        nonloc = sorted(n for n in names if n not in self.globals)
        out = []
        if glob:
            out.append(ast.Global(names=glob))
        if nonloc:
            out.append(ast.Nonlocal(names=nonloc))
        return out

    def _def(self, name, args, body, decl_names):
        arguments = ast.arguments(posonlyargs=[], args=[ast.arg(arg=a) for a in args],
                                  vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
                                  defaults=[])
        fn = ast.FunctionDef(name=name, args=arguments, body=self._decls(decl_names) +
                             (body or [ast.Pass()]), decorator_list=[], returns=None,
                             type_comment=None)
        if "type_params" in ast.FunctionDef._fields:
            fn.type_params = []
        fn._ag_generated = True
        return fn

    def _state_functions(self, state):
        get_name, set_name = self.namer.new("get_state"), self.namer.new("set_state")
        loads = ", ".join(f"ag__.ldu(lambda: {n}, {n!r})" for n in state)
        get_body = _parse_stmt(f"return ({loads}{',' if len(state) == 1 else ''})")
        if state:
            vars_ = self.namer.new("vars_")
            set_body = _parse_stmt(f"({', '.join(state)}{',' if len(state) == 1 else ''}) = "
                                   f"{vars_}")
        else:
            vars_ = self.namer.new("vars_")
            set_body = [ast.Pass()]
        return (get_name, set_name,
                [self._def(get_name, [], get_body, []),
                 self._def(set_name, [vars_], set_body, state)])

    def _undefined_inits(self, node, modified):
        out = []
        for n in sorted(modified):
            if n not in node._ag_defined_in and n not in self.globals and \
                    n not in self.nonlocals:
                out.extend(_parse_stmt(f"{n} = ag__.Undefined({n!r})"))
        return out

    @staticmethod
    def _names_tuple(names):
        return ast.Tuple(elts=[ast.Constant(value=n) for n in names], ctx=ast.Load())

    def _if(self, node):
        modified = analysis.modified(node.body + node.orelse)
        self.ld_names |= modified
        state, nouts = self._state(node, modified)
        body_name, else_name = self.namer.new("if_body"), self.namer.new("else_body")
        get_name, set_name, state_fns = self._state_functions(state)
        mod = sorted(modified)
        fns = [self._def(body_name, [], self._block(node.body), mod),
               self._def(else_name, [], self._block(node.orelse), mod)]
        call = ast.Expr(value=_ag_call("if_stmt", node.test, _name(body_name), _name(else_name),
                                       _name(get_name), _name(set_name),
                                       self._names_tuple(state), ast.Constant(value=nouts)))
        return state_fns + fns + self._undefined_inits(node, modified) + [call]

    def _loop_options(self, body):
        """`tf.autograph.experimental.set_loop_options(...)` calls at the top of a loop body,
        taken out of the body as the loop's options."""
        opts, rest = {}, []
        for s in body:
            if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and (
                    (isinstance(s.value.func, ast.Attribute) and
                     s.value.func.attr == "set_loop_options") or
                    (isinstance(s.value.func, ast.Name) and
                     s.value.func.id == "set_loop_options")):
                for kw in s.value.keywords:
                    opts[kw.arg] = kw.value
                continue
            rest.append(s)
        return opts, rest

    def _opts_dict(self, opts, extra=None):
        keys = [ast.Constant(value=k) for k in opts]
        values = list(opts.values())
        for k, v in (extra or {}).items():
            keys.append(ast.Constant(value=k))
            values.append(ast.Constant(value=v))
        return ast.Dict(keys=keys, values=values)

    def _while(self, node):
        opts, body = self._loop_options(node.body)
        modified = analysis.modified(body)
        self.ld_names |= modified
        state, _ = self._state(node, modified)
        test_name, body_name = self.namer.new("loop_test"), self.namer.new("loop_body")
        get_name, set_name, state_fns = self._state_functions(state)
        mod = sorted(modified)
        fns = [self._def(body_name, [], self._block(body), mod),
               self._def(test_name, [], [ast.Return(value=node.test)], [])]
        call = ast.Expr(value=_ag_call("while_stmt", _name(test_name), _name(body_name),
                                       _name(get_name), _name(set_name),
                                       self._names_tuple(state), self._opts_dict(opts)))
        return state_fns + fns + self._undefined_inits(node, modified) + [call]

    def _for(self, node):
        opts, body = self._loop_options(node.body)
        targets = analysis.target_names(node.target)
        modified = analysis.modified(body) | targets
        self.ld_names |= modified
        state, _ = self._state(node, modified)
        body_name = self.namer.new("loop_body")
        itr = self.namer.new("itr")
        get_name, set_name, state_fns = self._state_functions(state)
        mod = sorted(modified)
        assign = ast.Assign(targets=[node.target], value=_name(itr))
        fns = [self._def(body_name, [itr], [assign] + self._block(body), mod)]
        extra_tests = getattr(node, "_ag_extra_tests", [])
        if extra_tests:
            test_name = self.namer.new("extra_test")
            test = extra_tests[0] if len(extra_tests) == 1 else ast.BoolOp(
                op=ast.And(), values=list(extra_tests))
            fns.append(self._def(test_name, [], [ast.Return(value=test)], []))
            extra = _name(test_name)
        else:
            extra = ast.Constant(value=None)
        names = ", ".join(sorted(targets)) if targets else ast.unparse(node.target)
        call = ast.Expr(value=_ag_call("for_stmt", node.iter, extra, _name(body_name),
                                       _name(get_name), _name(set_name),
                                       self._names_tuple(state),
                                       self._opts_dict(opts, {"iterate_names": names})))
        return state_fns + fns + self._undefined_inits(node, modified) + [call]


def convert_lambda(node, features):
    """A lambda's body converted (logical operators, conditional expressions, calls)."""
    conv = _ExpressionConverter(set(), set(features), None, False, "fscope")
    body = conv.visit(node.body)
    scoped = _ag_call("with_function_scope", ast.Lambda(args=ast.arguments(
        posonlyargs=[], args=[ast.arg(arg="fscope")], vararg=None, kwonlyargs=[],
        kw_defaults=[], kwarg=None, defaults=[]), body=body), ast.Constant(value="lscope"),
        _parse_expr("ag__.STD_OPTIONS"))
    return ast.Lambda(args=node.args, body=scoped)
