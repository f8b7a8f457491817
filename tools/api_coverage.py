#!/usr/bin/env python3
"""Counts TensorFlow 2.21's public names per namespace and which of them tapeflow has.

    python3 tools/api_coverage.py [--out docs/tf_api_coverage.md] [--names tools/tf_api_names.txt]

TF's names come from real TensorFlow when it can be imported (run the tool with TF's Python,
e.g. `/tmp/tfref/bin/python tools/api_coverage.py`: the names file is then rewritten), and
otherwise from the committed list `tools/tf_api_names.txt` (one `path<TAB>kind` a line, kind one
of module, class, function, constant). The walk covers every public namespace under `tf`
(`tf.math`, `tf.nn`, `tf.keras.layers`, `tf.experimental.numpy`, ...), and `tf.compat.v1` at
its top level only (its submodules repeat TF 1's whole API). A name counts as present when the
same dotted path resolves on tapeflow.
"""
import argparse
import collections
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NAMES = os.path.join(HERE, "tf_api_names.txt")
OUT = os.path.join(ROOT, "docs", "tf_api_coverage.md")

# Subtrees not walked: TF 1's API under compat (only tf.compat.v1's own top level is listed), the
# v2 alias of everything, and TF's internal namespaces.
SKIP_SUBTREES = ("tf.compat.v2", "tf.__internal__", "tf.__operators__")


def _kind(obj):
    if isinstance(obj, types.ModuleType):
        return "module"
    if isinstance(obj, type):
        return "class"
    if callable(obj):
        return "function"
    return "constant"


def _is_api_module(module):
    """TF's generated API modules (tf.math is `tensorflow._api.v2.math`, tf.keras is Keras's
    `keras._tf_keras.keras`), not the implementation modules they import from."""
    name = getattr(module, "__name__", "")
    if name == "tensorflow.experimental":  # an API module under its own name
        return True
    if name.startswith("keras.") and not name.startswith("keras.src"):
        return True  # Keras 3's public modules (keras.ops, keras.models, ...)
    return name.startswith("tensorflow._api.")


def walk_tensorflow():
    """[(path, kind)] of every public name, walking TF's API modules breadth first."""
    import tensorflow as tf
    out = []
    # (path, module, ids of the modules above it): a module reachable by two paths (tf.optimizers
    # and tf.keras.optimizers) is listed under both; one containing itself is not walked again.
    queue = collections.deque([("tf", tf, frozenset())])
    while queue:
        prefix, module, above = queue.popleft()
        if id(module) in above:
            continue
        for name in sorted(dir(module)):
            if name.startswith("_"):
                continue
            path = f"{prefix}.{name}"
            if any(path.startswith(s) for s in SKIP_SUBTREES):
                continue
            try:
                obj = getattr(module, name)
            except (AttributeError, ImportError):  # lazy names whose import fails are not API
                continue
            kind = _kind(obj)
            if kind == "module" and not _is_api_module(obj):
                continue  # an implementation module that happens to be reachable
            out.append((path, kind))
            if kind == "module" and not path.startswith("tf.compat.v1."):
                queue.append((path, obj, above | {id(module)}))
    return sorted(set(out))


def read_names(path=NAMES):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and line[0] != "#"]
    return [(p, k) for p, k in rows]


def write_names(rows, path=NAMES):
    with open(path, "w") as f:
        f.write("# TensorFlow 2.21's public names (tools/api_coverage.py writes this from TF)\n")
        f.writelines(f"{p}\t{k}\n" for p, k in rows)


def resolve(module, path):
    """The object at dotted `path` ('tf.math.add') under `module`, or raise AttributeError."""
    obj = module
    for part in path.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


def present(tapeflow, path):
    try:
        resolve(tapeflow, path)
    except (AttributeError, NotImplementedError):  # NotImplementedError: a namespace refusing
        return False
    return True


def coverage(rows, tapeflow):
    """{namespace: (names, present names)} over non-module names, plus the module list."""
    module_paths = {p for p, k in rows if k == "module"}
    table = collections.defaultdict(lambda: ([], []))
    for path, kind in rows:
        if kind == "module":
            continue
        ns = path.rsplit(".", 1)[0]  # counted under its parent namespace
        names, have = table[ns]
        names.append(path)
        if present(tapeflow, path):
            have.append(path)
    modules_present = sorted(m for m in module_paths if present(tapeflow, m))
    return dict(table), sorted(module_paths), modules_present


def render(table, modules, modules_present, source):
    total = sum(len(n) for n, _ in table.values())
    have = sum(len(h) for _, h in table.values())
    raw, raw_have = (len(table["tf.raw_ops"][0]), len(table["tf.raw_ops"][1])) \
        if "tf.raw_ops" in table else (0, 0)
    lines = ["# TensorFlow 2.21 API coverage", "",
             "Generated by `tools/api_coverage.py` (names from " + source + "). Every public",
             "name of TF 2.21 per namespace, and whether the same path resolves on tapeflow.",
             "`tf.compat.v1` is counted at its top level only. Module names are not counted;",
             f"{len(modules_present)} of TF's {len(modules)} namespaces exist in tapeflow.", "",
             (f"**Total: {have} of {total} names ({100.0 * have / max(total, 1):.1f}%); without "
              f"`tf.raw_ops` ({raw} names, TF's low-level op wrappers): {have - raw_have} of "
              f"{total - raw} ({100.0 * (have - raw_have) / max(total - raw, 1):.1f}%).**"), "",
             "| namespace | TF names | in tapeflow | % |", "| --- | ---: | ---: | ---: |"]
    for ns in sorted(table):
        names, hv = table[ns]
        lines.append(f"| `{ns}` | {len(names)} | {len(hv)} | {100.0 * len(hv) / len(names):.0f} |")
    lines += ["", "## Missing names per namespace", ""]
    for ns in sorted(table):
        names, hv = table[ns]
        missing = sorted(set(names) - set(hv))
        if not missing:
            continue
        short = ", ".join(m.rsplit(".", 1)[1] for m in missing)
        lines += [f"**`{ns}`** ({len(missing)} missing): {short}", ""]
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--names", default=NAMES)
    ap.add_argument("--no-tf", action="store_true", help="use the names file even if TF imports")
    args = ap.parse_args(argv)
    rows, source = None, f"`{os.path.relpath(args.names, ROOT)}`"
    if not args.no_tf:
        try:
            rows = walk_tensorflow()
        except ImportError:
            rows = None
        if rows is not None:
            write_names(rows, args.names)
            import tensorflow as tf
            source = f"TensorFlow {tf.__version__}, also written to `{os.path.relpath(args.names, ROOT)}`"
    if rows is None:
        rows = read_names(args.names)
    sys.path.insert(0, ROOT)
    import tapeflow
    table, modules, modules_present = coverage(rows, tapeflow)
    text = render(table, modules, modules_present, source)
    with open(args.out, "w") as f:
        f.write(text)
    total = sum(len(n) for n, _ in table.values())
    have = sum(len(h) for _, h in table.values())
    print(f"{have} of {total} TF names present ({100.0 * have / max(total, 1):.1f}%); "
          f"wrote {os.path.relpath(args.out, ROOT)}")
    for ns in ["tf", "tf.math", "tf.nn", "tf.linalg", "tf.config", "tf.dtypes", "tf.random",
               "tf.keras.layers", "tf.data"]:
        if ns in table:
            n, h = table[ns]
            print(f"  {ns}: {len(h)}/{len(n)}")


if __name__ == "__main__":
    main()
