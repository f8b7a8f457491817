"""No import cycles among tapeflow's modules: the graph of module-level imports (what runs at
import time: top-level statements and class bodies, not function bodies), read from the source
with ast, has no strongly connected component of more than one module."""
import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _modules():
    out = {}
    for path in sorted((ROOT / "tapeflow").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _import_time_nodes(tree):
    """The import statements that run when the module is imported."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        else:
            todo.extend(ast.iter_child_nodes(node))


def _imports(module):
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in _import_time_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES)
            continue
        base = package[:len(package) - node.level + 1] if node.level else []
        target = ".".join(base + ([node.module] if node.module else []))
        for alias in node.names:
            sub = f"{target}.{alias.name}"
            if sub in MODULES:          # `from package import submodule`
                found.add(sub)
            elif target in MODULES:     # a name defined by the module (or package __init__)
                found.add(target)
    found.discard(module)
    return found


GRAPH = {m: _imports(m) for m in MODULES}


def _cycles():
    """Tarjan's strongly connected components of more than one module."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for m in sorted(GRAPH):
        if m not in index:
            visit(m)
    return out


def test_the_graph_was_read():
    assert "tapeflow.framework.op" in GRAPH["tapeflow.prims.math"]
    assert "tapeflow.ops.math_ops" in GRAPH["tapeflow.ops"]
    assert len(GRAPH) > 150


def test_no_import_cycles():
    assert _cycles() == []
