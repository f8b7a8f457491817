"""`Model.summary()`: Keras 3's table, drawn as `rich` draws it without a terminal (the column
widths, their even reduction to the console width, word wrapping and `…` for cut words)."""
import shutil

import numpy as np

from ... import nest


def _count(weights):
    return int(sum(int(np.prod(v.shape.as_list())) for v in weights))


def _memory(weights):
    seen, total = set(), 0
    for w in weights:
        if id(w) in seen:
            continue
        seen.add(id(w))
        total += int(np.prod(w.shape.as_list())) * w._value.dtype.itemsize
    return total


def readable_memory_size(size):
    for unit in ["B", "KB", "MB", "GB", "TB", "PB"]:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"


def _format_shape(shape):
    return "(" + ", ".join(str(d) for d in shape) + ")"


def format_layer_shape(layer):
    if layer._inbound_nodes:
        outs = layer._inbound_nodes[-1].outputs
        shapes = nest.map_structure(lambda kt: _format_shape(kt.shape), outs)
    elif layer._build_output_shape is not None:
        shp = layer._build_output_shape
        if isinstance(shp, tuple):
            shapes = _format_shape(shp)
        else:
            shapes = nest.map_structure(_format_shape, _as_tuples(shp))
    else:
        return "?"
    flat = nest.flatten(shapes)
    if len(flat) == 1:
        return flat[0]
    return str(shapes).replace("'", "")


def _as_tuples(s):
    if isinstance(s, list):
        return [_as_tuples(x) for x in s]
    if isinstance(s, dict):
        return {k: _as_tuples(v) for k, v in s.items()}
    return s


def _ratio_reduce(total, ratios, maximums, values):
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return list(values)
    remaining, out = total, []
    for r, m, v in zip(ratios, maximums, values):
        if r and total_ratio > 0:
            d = min(m, round(r * remaining / total_ratio))
            out.append(v - d)
            remaining -= d
            total_ratio -= r
        else:
            out.append(v)
    return out


def _wrap(text, width):
    """Rich's word wrap for a cell: words fill lines; a word longer than the cell is cut
    with an ellipsis."""
    lines = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for word in words:
            if len(word) > width:
                if line:
                    lines.append(line)
                lines.append(word[:width - 1] + "…")
                line = ""
                continue
            candidate = word if not line else line + " " + word
            if len(candidate) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        if line or not lines:
            lines.append(line)
    return lines


def _table(header, align, rows, widths):
    """A rich 'heavy head' table with lines between rows; `widths` are content widths."""
    def border(left, fill, mid, right):
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def render(cells, bar, aligns):
        wrapped = [_wrap(c, w) for c, w in zip(cells, widths)]
        height = max(len(x) for x in wrapped)
        out = []
        for i in range(height):
            parts = []
            for lines, w, a in zip(wrapped, widths, aligns):
                t = lines[i] if i < len(lines) else ""
                if a == "right":
                    t = t.rjust(w)
                elif a == "center":
                    t = t.center(w)
                else:
                    t = t.ljust(w)
                parts.append(" " + t + " ")
            out.append(bar + bar.join(parts) + bar)
        return out
    lines = [border("┏", "━", "┳", "┓")]
    lines += render(header, "┃", ["left" if a != "center" else "center" for a in align]
                    if False else align)
    lines.append(border("┡", "━", "╇", "┩"))
    for i, row in enumerate(rows):
        if i:
            lines.append(border("├", "─", "┼", "┤"))
        lines += render(row, "│", align)
    lines.append(border("└", "─", "┴", "┘"))
    return lines


def _header_render(header, widths, align):
    return header


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    from .functional import InputLayer
    from .model import Functional, Sequential
    if isinstance(model, Sequential) or not isinstance(model, Functional):
        sequential_like = True
        layers = model.layers
    else:
        layers = model._layers
        sequential_like = True
        by_depth = {}
        for node in model._nodes:
            by_depth.setdefault(model._node_depth[id(node)], []).append(node)
        nodes = []
        for v in by_depth.values():
            if len(v) > 1 or (len(v) == 1 and len(v[0].input_tensors) > 1):
                sequential_like = False
                break
            nodes += v
        if sequential_like:
            node_ids = {id(n) for n in nodes}
            for layer in model._layers:
                if sum(1 for n in layer._inbound_nodes if id(n) in node_ids) > 1:
                    sequential_like = False
                    break
    if sequential_like:
        default, positions = 88, positions or [0.45, 0.80, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #"]
        align = ["left", "left", "right"]
    else:
        default, positions = 108, positions or [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        align = ["left", "left", "right", "left"]
        relevant = {id(n) for n in model._nodes}
    if show_trainable:
        default += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        align.append("center")
    default = min(default, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    widths, current = [], 0
    for pos in positions:
        w = pos - current
        if w < 4:
            raise ValueError("Insufficient console width to print summary.")
        widths.append(w)
        current += w
    # rich: fixed column widths plus padding, reduced evenly to fit the table width
    padded = [w + 2 for w in widths]
    max_width = line_length - (len(widths) + 1)
    if sum(padded) > max_width:
        padded = _ratio_reduce(sum(padded) - max_width, [1] * len(padded), padded, padded)
    widths = [w - 2 for w in padded]

    def connections(layer):
        out = ""
        for node in layer._inbound_nodes:
            if id(node) not in relevant:
                continue
            for kt in node.input_tensors:
                h = kt._keras_history
                if out:
                    out += ", "
                out += f"{h.operation.name}[{h.node_index}][{h.tensor_index}]"
        return out or "-"

    def fields(layer, prefix=""):
        name = f"{prefix}{layer.name} ({type(layer).__name__})"
        if not layer.built:
            params = "0 (unbuilt)"
        else:
            params = f"{layer.count_params():,}"
        row = [name, format_layer_shape(layer), params]
        if not sequential_like:
            row.append(connections(layer))
        if show_trainable:
            row.append(("Y" if layer.trainable else "N") if layer.weights else "-")
        return row

    def rows_of(layer, level=0):
        prefix = "   " * level + "└ " if level else ""
        out = [fields(layer, prefix)]
        if expand_nested and getattr(layer, "layers", None):
            for sub in layer.layers:
                out.extend(rows_of(sub, level + 1))
        return out
    lo, hi = 0, len(layers)
    if layer_range is not None:
        import re
        if len(layer_range) != 2:
            raise ValueError(f"layer_range must be a list or tuple of length 2. Received: "
                             f"layer_range = {layer_range} of length {len(layer_range)}")
        low = [i for i, x in enumerate(layers) if re.match(layer_range[0], x.name)]
        high = [i for i, x in enumerate(layers) if re.match(layer_range[1], x.name)]
        if not low or not high:
            raise ValueError(f"Passed layer_names do not match the layer names in the model. "
                             f"Received: {layer_range}")
        lo, hi = (min(high), max(low) + 1) if min(low) > max(high) else (min(low), max(high) + 1)
    rows = []
    for layer in layers[lo:hi]:
        if isinstance(layer, InputLayer) and sequential_like and isinstance(model, Sequential):
            continue
        rows.extend(rows_of(layer))
    trainable = model.trainable_weights
    non_trainable = model.non_trainable_weights
    t_count, t_mem = _count(trainable), _memory(trainable)
    n_count, n_mem = _count(non_trainable), _memory(non_trainable)
    opt = getattr(model, "optimizer", None)
    opt_built = bool(getattr(model, "compiled", False) and opt is not None and opt.built)
    o_count = _count(opt.variables) if opt_built else 0
    o_mem = _memory(opt.variables) if opt_built else 0
    lines = [f'Model: "{model.name}"']
    lines += _table(header, align, rows, widths)
    lines.append(f" Total params: {t_count + n_count + o_count:,} "
                 f"({readable_memory_size(t_mem + n_mem + o_mem)})")
    lines.append(f" Trainable params: {t_count:,} ({readable_memory_size(t_mem)})")
    lines.append(f" Non-trainable params: {n_count:,} ({readable_memory_size(n_mem)})")
    if opt_built:
        lines.append(f" Optimizer params: {o_count:,} ({readable_memory_size(o_mem)})")
    text = "\n".join(lines) + "\n"
    if print_fn is None:
        import sys
        sys.stdout.write(text)
    else:
        print_fn(text)
