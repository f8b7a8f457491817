#!/usr/bin/env python3
"""Which TF names TF's own guides and tutorials use, and how many of those uses tapeflow has.

    python3 tools/guide_usage.py [--docs PATH] [--out docs/guide_usage.md]

With `--docs` (a checkout or a bare git mirror of github.com/tensorflow/docs), the code cells of
`site/en/guide/**/*.ipynb` and `site/en/tutorials/**/*.ipynb` are scanned and the counts are
written to `tools/guide_usage_counts.tsv` (committed, so the report runs without the docs).
Without it, the committed counts are read. Then each name is looked up on tapeflow and the
report says what fraction of the uses, and of the distinct names, tapeflow has, and lists the
largest misses. A name counts as present when attribute access reaches it and it is not a refusal
(a function, or a class's `__init__`, whose body only raises NotImplementedError).

What counts as a use: every attribute chain rooted at a TensorFlow alias in a code cell
(`tf.keras.layers.Dense`, `tf.data.Dataset.from_tensor_slices`). Aliases are resolved from the
notebook's imports: `import tensorflow as tf`, `from tensorflow import keras`,
`from tensorflow.keras import layers`, `from tensorflow.keras.layers import Dense` (then a bare
`Dense(...)` is a use), `import tensorflow.experimental.numpy as tnp`; standalone `keras`
imports count as `tf.keras` (the guides use both). A chain is cut to the longest prefix that is
a TF 2.21 name (`tools/tf_api_names.txt`), plus one attribute when that name is a class (a
method such as `Dataset.from_tensor_slices`); inside TF 1's modules (`tf.compat.v1.train`, whose
contents the names file does not list) it runs to the first class and its method. Chains naming nothing in TF 2.21 (TF 1 names such
as `tf.Session`) are counted apart and left out of the fractions.
"""
import argparse
import ast
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COUNTS = os.path.join(HERE, "guide_usage_counts.tsv")
NAMES = os.path.join(HERE, "tf_api_names.txt")
ABSENT = os.path.join(HERE, "guide_usage_absent.txt")
OUT = os.path.join(ROOT, "docs", "guide_usage.md")
NOTEBOOK = re.compile(r"^site/en/(guide|tutorials)/.*\.ipynb$")


# -- reading the notebooks ----------------------------------------------------------------------------
def notebooks(docs):
    """(path, text) of each guide and tutorial notebook in a checkout or a (bare) git mirror."""
    if os.path.isdir(os.path.join(docs, "site")):
        for base, _, files in os.walk(os.path.join(docs, "site", "en")):
            for f in sorted(files):
                rel = os.path.relpath(os.path.join(base, f), docs)
                if NOTEBOOK.match(rel):
                    with open(os.path.join(docs, rel), encoding="utf-8") as fh:
                        yield rel, fh.read()
        return
    listing = subprocess.run(["git", "-C", docs, "ls-tree", "-r", "--name-only", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.split("\n")
    for rel in sorted(p for p in listing if NOTEBOOK.match(p)):
        yield rel, subprocess.run(["git", "-C", docs, "show", f"HEAD:{rel}"],
                                  capture_output=True, text=True, check=True).stdout


def code_cells(text):
    cells = json.loads(text).get("cells", [])
    for cell in cells:
        if cell.get("cell_type") == "code":
            src = cell.get("source", "")
            yield "".join(src) if isinstance(src, list) else src


def _python_only(source):
    """The cell without shell (`!pip`) and magic (`%matplotlib`) lines, which are not Python."""
    lines = []
    for line in source.split("\n"):
        stripped = line.lstrip()
        lines.append("" if stripped.startswith(("!", "%", "?")) else line)
    return "\n".join(lines)


# -- aliases and uses --------------------------------------------------------------------------------
def _tf_path(module):
    """'tensorflow.keras.layers' -> 'tf.keras.layers'; standalone 'keras...' -> 'tf.keras...'."""
    if module == "tensorflow" or module.startswith("tensorflow."):
        return "tf" + module[len("tensorflow"):]
    if module == "keras" or module.startswith("keras."):
        return "tf." + module
    return None


def update_aliases(tree, aliases, kinds):
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            # `tf1 = tf.compat.v1`, `layers = tf.keras.layers`: a module bound to a new name
            found = list(chains(node.value, aliases, kinds)) if isinstance(
                node.value, ast.Attribute) else []
            if found and kinds.get(found[0]) == "module":
                aliases[node.targets[0].id] = found[0]
        elif isinstance(node, ast.Import):
            for a in node.names:
                path = _tf_path(a.name)
                if path is None:
                    continue
                if a.asname:
                    aliases[a.asname] = path
                elif "." not in a.name:
                    aliases[a.name] = path  # `import tensorflow` binds `tensorflow` only
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = _tf_path(node.module)
            if base is None:
                continue
            for a in node.names:
                if a.name != "*":
                    aliases[a.asname or a.name] = f"{base}.{a.name}"


def chains(tree, aliases, kinds):
    """Dotted TF paths of the maximal attribute chains in `tree`, and its bare uses of names
    imported from TF that are not modules (`Dense` after `from tensorflow.keras.layers import
    Dense`)."""
    inner = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            inner.add(id(node.value))
    for node in ast.walk(tree):
        if id(node) in inner:
            continue
        parts = []
        cur = node
        while isinstance(cur, ast.Attribute):
            parts.append(cur.attr)
            cur = cur.value
        if isinstance(cur, ast.Name) and cur.id in aliases:
            if parts:
                yield ".".join([aliases[cur.id]] + parts[::-1])
            elif node is cur and kinds.get(aliases[cur.id], "module") != "module":
                yield aliases[cur.id]


_REGEX_CHAIN = re.compile(r"(?<![\w.])([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)")


def regex_chains(source, aliases):
    """The fallback for cells that do not parse: the same chains, found by pattern."""
    for m in _REGEX_CHAIN.finditer(source):
        if m.group(1) in aliases:
            yield aliases[m.group(1)] + m.group(2)


def scan(docs, kinds):
    """{raw chain: [uses, set of notebooks]} over all guide and tutorial notebooks."""
    counts = collections.defaultdict(lambda: [0, set()])
    n_notebooks = 0
    for path, text in notebooks(docs):
        n_notebooks += 1
        aliases = {}
        for source in code_cells(text):
            source = _python_only(source)
            try:
                tree = ast.parse(source)
            except SyntaxError:
                for line in source.split("\n"):  # imports still count, line by line
                    try:
                        update_aliases(ast.parse(line.strip()), aliases, kinds)
                    except SyntaxError:
                        pass
                found = list(regex_chains(source, aliases))
            else:
                update_aliases(tree, aliases, kinds)
                found = list(chains(tree, aliases, kinds))
            for chain in found:
                entry = counts[chain]
                entry[0] += 1
                entry[1].add(path)
    return counts, n_notebooks


# -- naming and looking up -------------------------------------------------------------------------
def read_tf_names(path=NAMES):
    kinds = {"tf": "module", "tf.__version__": "constant"}  # the walk lists no dunder names
    with open(path) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                p, k = line.rstrip("\n").split("\t")
                kinds[p] = k
    return kinds


def tf_name(chain, kinds):
    """The TF 2.21 name a chain uses (see the module docstring), or None."""
    parts = chain.split(".")
    for n in range(len(parts), 1, -1):
        prefix = ".".join(parts[:n])
        if prefix in kinds:
            if n == len(parts):
                return prefix
            if kinds[prefix] == "class":
                return prefix + "." + parts[n]  # a method, such as Dataset.from_tensor_slices
            if prefix.startswith("tf.compat.v1."):
                # inside a TF 1 module, whose contents are not listed: down to the first class
                # (and its method), else the whole chain
                rest = parts[n:]
                cls = next((i for i, p in enumerate(rest) if p[:1].isupper()), None)
                return ".".join(parts[:n] + (rest if cls is None else rest[:cls + 2]))
            if kinds[prefix] == "module":
                return None  # a module's name that TF 2.21 does not have (tf.compat.v1.layers)
            return prefix
    return None


def aggregate(raw, kinds):
    """{name: [uses, notebooks]} for TF names, and {chain: uses} for chains naming nothing."""
    names = collections.defaultdict(lambda: [0, set()])
    unknown = collections.Counter()
    for chain, (uses, where) in raw.items():
        name = tf_name(chain, kinds)
        if name is None or name == "tf":
            parts = chain.split(".")
            known = next(n for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in kinds)
            unknown[".".join(parts[:known + 1])] += uses
            continue
        names[name][0] += uses
        names[name][1] |= set(where)
    return names, unknown


def write_counts(names, unknown, n_notebooks, commit, path=COUNTS):
    with open(path, "w") as f:
        f.write(f"# tools/guide_usage.py: TF names used in the code cells of {n_notebooks} TF guide "
                f"and tutorial notebooks (tensorflow/docs {commit})\n")
        f.write("# name\tuses\tnotebooks   (names absent from TF 2.21 are marked !)\n")
        ranked = sorted(names.items(), key=lambda kv: (-kv[1][0], kv[0]))
        f.writelines(f"{name}\t{uses}\t{len(where)}\n" for name, (uses, where) in ranked)
        f.writelines(f"!{chain}\t{uses}\t0\n" for chain, uses in unknown.most_common())


def read_counts(path=COUNTS):
    names, unknown, header = {}, {}, ""
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                header = header or line[2:].strip()
                continue
            name, uses, nb = line.rstrip("\n").split("\t")
            if name.startswith("!"):
                unknown[name[1:]] = int(uses)
            else:
                names[name] = (int(uses), int(nb))
    return names, unknown, header


def _refuses(obj):
    """Whether `obj` is a refusal rather than an implementation: a function (or a class whose
    `__init__` or `__new__` is one) whose body, past its docstring, only raises
    NotImplementedError. Such names exist so that programs fail clearly; they do not count."""
    import inspect
    import textwrap
    targets = [obj]
    if inspect.isclass(obj):
        targets = [obj.__dict__[m] for m in ("__init__", "__new__") if m in obj.__dict__]
    for fn in targets:
        fn = inspect.unwrap(getattr(fn, "__func__", fn))
        if not inspect.isfunction(fn):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        except (OSError, TypeError, SyntaxError):
            continue
        node = tree.body[0]
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        if len(body) == 1 and isinstance(body[0], ast.Raise) and body[0].exc is not None:
            exc = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
            if isinstance(exc, ast.Name) and exc.id == "NotImplementedError":
                return True
    return False


_CHECK_TF = """
import sys, tensorflow as tf
for n in sys.stdin.read().split():
    o = tf
    try:
        for p in n.split(".")[1:]:
            o = getattr(o, p)
    except Exception:
        print(n)
"""


def absent_from_tf(names, python):
    """The names a real TensorFlow (run by `python`) does not have."""
    out = subprocess.run([python, "-c", _CHECK_TF], input="\n".join(sorted(names)),
                         capture_output=True, text=True, check=True).stdout
    return sorted(set(out.split()))


def read_absent(path=ABSENT):
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def has(tapeflow, name):
    """Whether tapeflow has `name`: reachable by attribute access and not a refusal."""
    obj = tapeflow
    try:
        for part in name.split(".")[1:]:
            obj = getattr(obj, part)
    except (AttributeError, NotImplementedError):  # NotImplementedError: a namespace refusing
        return False
    return not _refuses(obj)


def report(names, unknown, header, tapeflow, top=60):
    total_uses = sum(u for u, _ in names.values())
    present = {n for n in names if has(tapeflow, n)}
    have_uses = sum(names[n][0] for n in present)
    misses = sorted(((u, nb, n) for n, (u, nb) in names.items() if n not in present),
                    key=lambda t: (-t[0], t[2]))
    summary = (f"tapeflow has {have_uses} of {total_uses} uses ({100.0 * have_uses / total_uses:.1f}%) "
               f"and {len(present)} of {len(names)} distinct names "
               f"({100.0 * len(present) / len(names):.1f}%)")
    lines = ["# TF names used by TensorFlow's guides and tutorials", "",
             f"Generated by `tools/guide_usage.py` from `tools/guide_usage_counts.tsv` ({header}).",
             "A use is an attribute chain rooted at a TensorFlow alias in a code cell; see the",
             "tool's docstring for how chains become names.", "",
             f"**{summary}.** Chains naming nothing in TF 2.21 (TF 1 names, and the names "
             "listed in `tools/guide_usage_absent.txt`) are left out: "
             f"{sum(unknown.values())} uses, mostly "
             + ", ".join(f"`{c}` ({u})" for c, u in sorted(unknown.items(),
                                                          key=lambda kv: -kv[1])[:8]) + ".", "",
             f"## The {top} most used names tapeflow lacks", "",
             "| name | uses | notebooks |", "| --- | ---: | ---: |"]
    lines += [f"| `{n}` | {u} | {nb} |" for u, nb, n in misses[:top]]
    by_ns = collections.defaultdict(lambda: [0, 0])
    for n, (u, _) in names.items():
        ns = n.split(".")[1] if n.count(".") >= 2 else "tf"
        by_ns[ns][0] += u
        if n in present:
            by_ns[ns][1] += u
    lines += ["", "## Uses by top-level namespace", "", "| namespace | uses | in tapeflow | % |",
              "| --- | ---: | ---: | ---: |"]
    for ns, (u, h) in sorted(by_ns.items(), key=lambda kv: -kv[1][0]):
        label = "tf" if ns == "tf" else f"tf.{ns}"
        lines.append(f"| `{label}` | {u} | {h} | {100.0 * h / u:.0f} |")
    lines += ["", "## Every remaining miss", "", ", ".join(f"`{n}` ({u})" for u, _, n in misses), ""]
    return "\n".join(lines), summary, misses


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", help="a checkout or git mirror of tensorflow/docs (rescan)")
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--tf-python", help="a Python with TensorFlow 2.21: record which counted "
                    "names it lacks (tools/guide_usage_absent.txt)")
    args = ap.parse_args(argv)
    if args.docs:
        kinds = read_tf_names()
        raw, n_notebooks = scan(args.docs, kinds)
        names, unknown = aggregate(raw, kinds)
        commit = "checkout"
        if not os.path.isdir(os.path.join(args.docs, "site")):
            commit = subprocess.run(["git", "-C", args.docs, "rev-parse", "--short", "HEAD"],
                                    capture_output=True, text=True, check=True).stdout.strip()
        write_counts(names, unknown, n_notebooks, commit)
    names, unknown, header = read_counts()
    if args.tf_python:
        with open(ABSENT, "w") as f:
            f.write("# tools/guide_usage.py --tf-python: names the guides use (as counted) that "
                    "TF 2.21 does not have\n")
            f.writelines(n + "\n" for n in absent_from_tf(names, args.tf_python))
    for n in read_absent() & set(names):
        unknown[n] = unknown.get(n, 0) + names.pop(n)[0]
    sys.path.insert(0, ROOT)
    import tapeflow
    text, summary, misses = report(names, unknown, header, tapeflow, args.top)
    with open(args.out, "w") as f:
        f.write(text)
    print(summary)
    print("largest misses:", ", ".join(f"{n} ({u})" for u, _, n in misses[:25]))


if __name__ == "__main__":
    main()
