"""Pictures: `GradientTape.to_dot` and `tf.autodiff.plot`.

`to_dot` draws a tape's records as Graphviz DOT text: one box per op (its type, and its outputs'
dtypes and shapes), the sources as ellipses (red, with the reason, when their gradient would be
None), the target's op in gold, the ops on no path from the sources to the target in grey, and
the ops without a gradient dashed. Long chains of one op type (`y = y * x` a thousand times)
collapse into one box, and past `max_nodes` boxes the rest is left out with a note.

`plot(obj, path)` writes that picture for a tape, for any graph with `get_operations()` (ops with
`.type`, `.name`, `.inputs`, `.outputs`), for a `ConcreteFunction` (its `.graph`), or for a Keras
model (its `.layers`): a `.dot`/`.gv` path gets the text; `.svg`, `.png` and `.pdf` are rendered by
Graphviz's `dot` program when it is installed. Without it the DOT text is written next to `path`
and the error says how to install Graphviz.
"""
import os
import shutil
import subprocess

from ..framework import nest
from ..framework.errors import describe
from ..framework.tensor import TensorLike
from ..framework.variables import Variable
from . import _sites, _source

_GREY = 'color="#bbbbbb", fontcolor="#999999", fillcolor="#f5f5f5"'
_HEADER = ['  rankdir=TB;',
           '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica",'
           ' fontsize=11];',
           '  edge [fontname="Helvetica", fontsize=9, color="#555555"];']


def _q(text):
    """A DOT double-quoted string."""
    return '"%s"' % str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _avals(tensors):
    return ", ".join(describe(t) for t in tensors)


class _Chain:
    """Consecutive recorded ops of one type, each consuming the previous one's output."""

    __slots__ = ("nodes",)

    def __init__(self, node):
        self.nodes = [node]


def tape_to_dot(tape, target=None, sources=None, max_nodes=300):
    """The DOT text of `tape`'s records (see the module docstring)."""
    nodes, tracked = tape._nodes, tape._tracked
    if nodes is None and tape._kept is not None:
        nodes, tracked = tape._kept
    if nodes is None:
        raise RuntimeError("This tape's records were freed by its gradient() call: draw it "
                           "before gradient(), or use tf.GradientTape(persistent=True).")
    tracked = tracked or {}
    cuts = list(tape._cut_nodes())
    cut_ids = {id(n) for n in cuts}
    everything = list(nodes) + cuts
    code = _source.CodeFacts(_sites.user_frame())
    flat_targets = [] if target is None else (
        [target] if isinstance(target, TensorLike) else nest.flatten(target))
    producer = {}
    consumers = {}
    for n in everything:
        for o in n.outputs:
            producer[id(o)] = n
        for x in n.inputs:
            consumers.setdefault(id(x), []).append(n)

    # the leaves: the given sources, else every watched tensor and variable
    if sources is None:
        leaves = [obj for k, obj in tracked.items() if k not in producer]
    else:
        leaves = [sources] if isinstance(sources, TensorLike) else nest.flatten(sources)
    reasons = {}
    if flat_targets and leaves:
        from ._explain import explain_flat
        for s, e in zip(leaves, explain_flat(tape, flat_targets, leaves)):
            if not e.connected:
                reasons[id(s)] = e.reason.name

    # on a path from the sources to the targets
    reach = set(id(s) for s in leaves)
    todo = list(reach)
    while todo:
        for n in consumers.get(todo.pop(), ()):
            for o in n.outputs:
                if id(o) not in reach:
                    reach.add(id(o))
                    todo.append(id(o))
    ancestors = set(id(t) for t in flat_targets)
    todo = list(ancestors)
    while todo:
        n = producer.get(todo.pop())
        if n is not None:
            for x in n.inputs:
                if id(x) not in ancestors:
                    ancestors.add(id(x))
                    todo.append(id(x))

    def on_path(n):
        fwd = any(id(x) in reach for x in n.inputs) if leaves else True
        bwd = any(id(o) in ancestors for o in n.outputs) if flat_targets else True
        return fwd and bwd

    # chains of one op type collapse into one box
    chain_of = {}
    chains = []
    for n in everything:
        prev = None
        ins = [producer.get(id(x)) for x in n.inputs]
        made = [p for p in ins if p is not None]
        if len(made) == 1 and id(made[0]) not in cut_ids and id(n) not in cut_ids:
            p = made[0]
            if p.op is n.op and len(p.outputs) == 1 and \
                    len(consumers.get(id(p.outputs[0]), ())) == 1:
                prev = chain_of.get(id(p))
        if prev is not None and prev.nodes[-1] is made[0]:
            prev.nodes.append(n)
            chain_of[id(n)] = prev
        else:
            c = _Chain(n)
            chains.append(c)
            chain_of[id(n)] = c
    boxes = []
    for c in chains:
        if len(c.nodes) >= 3:
            boxes.append(c)
        else:
            for n in c.nodes:
                single = _Chain(n)
                boxes.append(single)
                chain_of[id(n)] = single

    # the cap: boxes on the path first
    omitted = 0
    if len(boxes) > max_nodes:
        keep = [b for b in boxes if any(on_path(n) for n in b.nodes)][:max_nodes]
        rest = [b for b in boxes if all(b is not k for k in keep)]
        keep += rest[:max_nodes - len(keep)]
        omitted = sum(len(b.nodes) for b in boxes) - sum(len(b.nodes) for b in keep)
        kept = {id(b) for b in keep}
        boxes = [b for b in boxes if id(b) in kept]
    box_id = {id(b): "op%d" % i for i, b in enumerate(boxes)}
    target_ops = {id(producer[id(t)]) for t in flat_targets if id(t) in producer}

    lines = ["digraph tape {"] + _HEADER
    leaf_id = {}
    for j, s in enumerate(leaves):
        leaf_id[id(s)] = "src%d" % j
        name = code.name_of(s) or (s.name if isinstance(s, Variable) else "source %d" % j)
        label = "%s\n%s" % (name, describe(s))
        attrs = ["shape=ellipse", "penwidth=2"]
        if id(s) in reasons:
            label += "\ngradient None: %s" % reasons[id(s)]
            attrs += ['color="#cc0000"', 'fillcolor="#ffd6d6"']
        else:
            attrs += ['color="#1f5fa8"', 'fillcolor="#d6e8ff"']
        lines.append("  %s [label=%s, %s];" % (leaf_id[id(s)], _q(label), ", ".join(attrs)))
    for b in boxes:
        n = b.nodes[-1]
        label = n.op.name if len(b.nodes) == 1 else "%s \u00d7 %d" % (n.op.name, len(b.nodes))
        label += "\n" + _avals(n.outputs)
        attrs = []
        if any(id(m) in target_ops for m in b.nodes):
            label += "\n(target)"
            attrs += ["penwidth=2", 'color="#b8860b"', 'fillcolor="#ffe9a8"']
        elif not any(on_path(m) for m in b.nodes):
            attrs.append(_GREY)
        blocked = id(n) in cut_ids or n.op.nondiff
        if blocked:
            label += "\n(no gradient)"
            attrs.append('style="rounded,filled,dashed"')
        lines.append("  %s [label=%s%s];" % (box_id[id(b)], _q(label),
                                               (", " + ", ".join(attrs)) if attrs else ""))
    for t in flat_targets:
        if id(t) not in producer:
            lines.append("  target [label=%s, shape=box, style=dashed, color=\"#cc0000\"];" % _q(
                "target %s\n(not recorded by this tape)" % describe(t)))
            break
    if omitted:
        lines.append("  note [shape=note, label=%s];" % _q(
            "%d more ops not shown (of %d)" % (omitted, len(everything))))
    edges = {}
    for b in boxes:
        dst = box_id[id(b)]
        members = {id(m) for m in b.nodes}
        for n in b.nodes:
            for x in n.inputs:
                p = producer.get(id(x))
                if p is not None:
                    if id(p) in members:
                        continue
                    c = chain_of.get(id(p))
                    src = box_id.get(id(c)) if c is not None else None
                elif id(x) in leaf_id:
                    src = leaf_id[id(x)]
                else:
                    src = None
                if src is not None:
                    edges[(src, dst)] = edges.get((src, dst), 0) + 1
    for (src, dst), count in edges.items():
        lines.append("  %s -> %s%s;" % (src, dst, " [label=%s]" % _q("\u00d7%d" % count)
                                          if count > 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def graph_to_dot(graph, max_nodes=300):
    """DOT text for any graph whose `get_operations()` gives ops with `.type`, `.name`,
    `.inputs` and `.outputs`."""
    ops = list(graph.get_operations())
    producer = {}
    for op in ops:
        for t in op.outputs:
            producer[id(t)] = op
    shown = ops[:max_nodes]
    ids = {id(op): "op%d" % i for i, op in enumerate(shown)}
    lines = ["digraph graph_ops {"] + _HEADER
    for op in shown:
        outs = ", ".join(_tensor_text(t) for t in op.outputs)
        lines.append("  %s [label=%s];" % (ids[id(op)], _q("%s\n%s%s" % (
            op.name, op.type, "\n" + outs if outs else ""))))
    if len(ops) > len(shown):
        lines.append("  note [shape=note, label=%s];" % _q(
            "%d more ops not shown (of %d)" % (len(ops) - len(shown), len(ops))))
    for op in shown:
        for t in op.inputs:
            src = getattr(t, "op", None)
            if src is None or id(src) not in ids:
                src = producer.get(id(t))
            if src is not None and id(src) in ids:
                lines.append("  %s -> %s;" % (ids[id(src)], ids[id(op)]))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _tensor_text(t):
    dtype = getattr(t, "dtype", None)
    shape = getattr(t, "shape", None)
    name = getattr(dtype, "name", dtype)
    dims = getattr(shape, "as_list", None)
    try:
        dims = dims() if dims is not None else list(shape) if shape is not None else None
    except (TypeError, ValueError):
        dims = None
    if dims is None:
        return str(name) if name is not None else "?"
    return "%s[%s]" % (name, ", ".join("?" if d is None else str(d) for d in dims))


def _param_count(layer):
    n = 0
    for v in getattr(layer, "weights", ()):
        size = 1
        for d in v.shape.as_list():
            size *= d
        n += size
    return n


def model_to_dot(model, max_nodes=300):
    """DOT text for a Keras model: its layers (class, output shape, parameter count), connected
    as the functional graph connects them, chained for a Sequential model."""
    lines = ["digraph model {"] + _HEADER
    lines.append("  model [shape=plaintext, style=\"\", label=%s];" % _q(
        "%s (%s)" % (getattr(model, "name", ""), type(model).__name__)))
    graph_nodes = getattr(model, "_nodes", None)
    if graph_nodes and all(hasattr(n, "operation") and hasattr(n, "parent_nodes")
                           for n in graph_nodes):
        ids, edges = {}, []
        for node in graph_nodes:
            op = node.operation
            if id(op) not in ids and len(ids) < max_nodes:
                ids[id(op)] = "layer%d" % len(ids)
                outs = [t for t in getattr(node, "output_tensors", ()) if hasattr(t, "shape")]
                shape = ("\n" + ", ".join(_tensor_text(t) for t in outs)) if outs else ""
                lines.append("  %s [label=%s];" % (ids[id(op)], _q("%s\n%s%s\nparams: %d" % (
                    op.name, type(op).__name__, shape, _param_count(op)))))
            for parent in node.parent_nodes:
                edges.append((id(parent.operation), id(op)))
        for a, b in dict.fromkeys(edges):
            if a in ids and b in ids:
                lines.append("  %s -> %s;" % (ids[a], ids[b]))
        lines.append("}")
        return "\n".join(lines) + "\n"
    layers = list(model.layers)[:max_nodes]
    for i, layer in enumerate(layers):
        lines.append("  layer%d [label=%s];" % (i, _q("%s\n%s\nparams: %d" % (
            layer.name, type(layer).__name__, _param_count(layer)))))
    if type(model).__name__ == "Sequential":
        for i in range(len(layers) - 1):
            lines.append("  layer%d -> layer%d;" % (i, i + 1))
    elif len(layers) > 1:
        lines.append("  note [shape=note, label=%s];" % _q(
            "layers in creation order; the connections of a subclassed model are not known"))
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_dot(obj, target=None, sources=None):
    """DOT text for a tape, a graph, a ConcreteFunction or a Keras model."""
    from ..framework.tape import GradientTape
    if isinstance(obj, GradientTape):
        return tape_to_dot(obj, target, sources)
    if hasattr(obj, "get_operations"):
        return graph_to_dot(obj)
    graph = getattr(obj, "graph", None)
    if graph is not None and hasattr(graph, "get_operations"):
        return graph_to_dot(graph)
    if hasattr(obj, "layers"):
        return model_to_dot(obj)
    raise TypeError("plot draws a tf.GradientTape, a graph (an object with get_operations()), a "
                    "ConcreteFunction or a Keras model; got %s" % type(obj).__name__)


_FORMATS = ("svg", "png", "pdf")


def plot(obj, path, target=None, sources=None):
    """Writes a picture of `obj` (a tape, a graph or ConcreteFunction, or a Keras model) to
    `path`: DOT text for `.dot`/`.gv`, else the format of the extension (`.svg`, `.png`,
    `.pdf`) drawn by Graphviz. Returns `path`.

    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.sin(x) * x
    >>> import os, tempfile
    >>> out = tf.autodiff.plot(tape, os.path.join(tempfile.mkdtemp(), "tape.dot"), y, x)
    >>> open(out).read().splitlines()[0]
    'digraph tape {'
    """
    path = os.fspath(path)
    text = to_dot(obj, target, sources)
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext in ("dot", "gv"):
        with open(path, "w") as f:
            f.write(text)
        return path
    if ext not in _FORMATS:
        raise ValueError("plot writes .svg, .png, .pdf or .dot files; got %r" % path)
    exe = shutil.which("dot")
    if exe is None:
        dot_path = os.path.splitext(path)[0] + ".dot"
        with open(dot_path, "w") as f:
            f.write(text)
        raise RuntimeError(
            "Graphviz's `dot` program was not found, so %s was not drawn; the DOT text was "
            "written to %s. Install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: "
            "brew install graphviz; conda: conda install -c conda-forge graphviz; Windows: "
            "winget install graphviz) and call plot again, or draw it yourself: "
            "dot -T%s %s -o %s" % (path, dot_path, ext, dot_path, path))
    done = subprocess.run([exe, "-T" + ext, "-o", path], input=text.encode(),
                          capture_output=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError("Graphviz failed to draw %s: %s" % (
            path, done.stderr.decode(errors="replace").strip()))
    return path
