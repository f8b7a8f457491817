"""The import graph of the primitive layer and the op modules: prims modules build on lower
prims modules only, and no import (module-level or inside a function) closes a cycle through the
special, segment and indexing modules."""
import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = ("tapeflow.prims", "tapeflow.ops")
CHECKED = ("tapeflow.prims.special", "tapeflow.prims.segment", "tapeflow.prims.indexing",
           "tapeflow.ops.special_math_ops", "tapeflow.ops.segment_ops",
           "tapeflow.ops.indexing_ops")


def _modules():
    mods = {}
    for pkg in PACKAGES:
        folder = os.path.join(ROOT, *pkg.split("."))
        for f in sorted(os.listdir(folder)):
            if f.endswith(".py"):
                name = pkg if f == "__init__.py" else f"{pkg}.{f[:-3]}"
                mods[name] = os.path.join(folder, f)
    return mods


def import_graph():
    """module -> the modules of PACKAGES it imports anywhere in its source."""
    mods = _modules()
    edges = {m: set() for m in mods}
    for m, path in mods.items():
        package = m if path.endswith("__init__.py") else m.rsplit(".", 1)[0]
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)] \
                    if node.level else []
                target = ".".join(base + ([node.module] if node.module else [])) if node.level \
                    else node.module
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    hit = sub if sub in mods else target
                    if hit in mods and hit != m:
                        edges[m].add(hit)
            elif isinstance(node, ast.Import):
                edges[m].update(a.name for a in node.names if a.name in mods and a.name != m)
    return edges


def cycles_through(edges, start):
    """The import cycles that pass through `start`, each as a list of modules."""
    found, stack = [], [(start, [start])]
    while stack:
        node, path = stack.pop()
        for nxt in sorted(edges[node]):
            if nxt == start:
                found.append(path + [start])
            elif nxt not in path and nxt.startswith(PACKAGES):
                stack.append((nxt, path + [nxt]))
    return found


@pytest.mark.parametrize("module", CHECKED)
def test_no_import_cycle_through(module):
    edges = import_graph()
    assert module in edges
    cycles = cycles_through(edges, module)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_prims_modules_import_no_op_module():
    edges = import_graph()
    for m in CHECKED[:3]:
        assert not [d for d in edges[m] if d.startswith("tapeflow.ops")], m
