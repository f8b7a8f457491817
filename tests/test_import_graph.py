"""The import graph of the primitive layer and the op modules, read from their source (module-level
and function-level imports alike, so a lazy import cannot hide a cycle).

* a `tapeflow.prims` module imports only other `tapeflow.prims` modules (and the engine), never
  the public op modules;
* the nn, conv, linalg, special, segment and indexing modules (both layers) lie on no import
  cycle.
"""
import ast
import os

import pytest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PACKAGES = ("tapeflow.prims", "tapeflow.ops")
NN_LINALG = ("tapeflow.prims.nn", "tapeflow.prims.conv", "tapeflow.prims.linalg",
             "tapeflow.ops.nn_ops", "tapeflow.ops.nn_extra_ops", "tapeflow.ops.nn_conv_ops",
             "tapeflow.ops.linalg_ops", "tapeflow.prims.special", "tapeflow.prims.segment",
             "tapeflow.prims.indexing", "tapeflow.ops.special_math_ops",
             "tapeflow.ops.segment_ops", "tapeflow.ops.indexing_ops")


def _modules():
    out = {}
    for pkg in PACKAGES:
        folder = os.path.join(ROOT, *pkg.split("."))
        for f in sorted(os.listdir(folder)):
            if f.endswith(".py"):
                out[f"{pkg}.{f[:-3]}"] = os.path.join(folder, f)
    return out


def _imports(module, path, known):
    """The known modules `module` imports anywhere in its source."""
    found = set()
    package = module.split(".")[:-1]
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for name in [target] + [f"{target}.{a.name}" for a in node.names]:
                if name in known:
                    found.add(name)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
    found.discard(module)
    return found


MODULES = _modules()
GRAPH = {m: _imports(m, p, MODULES) for m, p in MODULES.items()}


def _reaches(start, goal):
    seen, todo = set(), list(GRAPH[start])
    while todo:
        m = todo.pop()
        if m == goal:
            return True
        if m not in seen:
            seen.add(m)
            todo.extend(GRAPH[m])
    return False


def test_the_graph_was_read():
    assert "tapeflow.prims.base" in GRAPH["tapeflow.prims.nn"]
    assert "tapeflow.prims.linalg" in GRAPH["tapeflow.ops.linalg_ops"]


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith("tapeflow.prims.")])
def test_prims_modules_do_not_import_the_op_modules(module):
    assert not {m for m in GRAPH[module] if m.startswith("tapeflow.ops.")}


@pytest.mark.parametrize("module", NN_LINALG)
def test_nn_and_linalg_modules_lie_on_no_import_cycle(module):
    assert not _reaches(module, module), f"{module} imports itself through a cycle"
