"""`tf.keras.utils`: `to_categorical`, `set_random_seed`, `Progbar`, `plot_model`, `get_file`,
`pack_x_y_sample_weight` / `unpack_x_y_sample_weight`, `normalize`, `pad_sequences`.

    >>> tf.keras.utils.to_categorical([0, 2], num_classes=3)
    array([[1., 0., 0.],
           [0., 0., 1.]])
"""
import hashlib
import itertools
import math
import os
import random as _pyrandom
import shutil
import sys
import time
import urllib.parse

import numpy as np

from ..ops import random_ops
from . import image_utils as _image_utils
from . import random as krandom

# Re-exported: they are `tf.keras.utils.*` names.
from ._saving import deserialize_keras_object as deserialize_keras_object
from ._saving import get_custom_objects as get_custom_objects
from ._saving import register_keras_serializable as register_keras_serializable
from ._saving import serialize_keras_object as serialize_keras_object
from .models.data import pack_x_y_sample_weight as pack_x_y_sample_weight
from .models.data import unpack_x_y_sample_weight as unpack_x_y_sample_weight

_SEED = {"value": None}
array_to_img, img_to_array = _image_utils.array_to_img, _image_utils.img_to_array
load_img, save_img = _image_utils.load_img, _image_utils.save_img


def to_categorical(x, num_classes=None):
    """One-hot rows (float64, as Keras returns) of integer class vector `x`."""
    x = np.array(getattr(x, "numpy", lambda: x)(), dtype="int64")
    shape = x.shape
    if shape and shape[-1] == 1 and len(shape) > 1:
        shape = shape[:-1]
    x = x.reshape(-1)
    if not num_classes:
        num_classes = int(np.max(x)) + 1
    n = x.shape[0]
    out = np.zeros((n, num_classes))
    out[np.arange(n), x] = 1
    return out.reshape(shape + (num_classes,))


def normalize(x, axis=-1, order=2):
    """`x` divided by its `order`-norm along `axis`."""
    x = np.asarray(x)
    norm = np.atleast_1d(np.linalg.norm(x, order, axis))
    norm[norm == 0] = 1
    return x / np.expand_dims(norm, axis)


def set_random_seed(seed):
    """Seeds Python's `random`, NumPy's global generator and TF's global seed, and resets
    Keras's global SeedGenerator (it is remade from Python's `random` on next use)."""
    if type(seed) is not int:
        raise ValueError(f"Expected `seed` argument to be an integer. Received: seed={seed} "
                         f"(of type {type(seed)})")
    _SEED["value"] = seed
    krandom._GLOBAL["generator"] = None
    _pyrandom.seed(seed)
    np.random.seed(seed)
    random_ops.set_seed(seed)


def get_random_seed():
    """The seed last given to `set_random_seed`, or None."""
    return _SEED["value"]


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre",
                  value=0.0):
    """Pads (or truncates) each sequence to `maxlen`, at the start ('pre') or end ('post')."""
    lengths = [len(s) for s in sequences]
    maxlen = maxlen or (max(lengths) if lengths else 0)
    sample_shape = ()
    for s in sequences:
        if len(s):
            sample_shape = np.asarray(s).shape[1:]
            break
    out = np.full((len(sequences), maxlen) + sample_shape, value, dtype=dtype)
    for i, s in enumerate(sequences):
        if not len(s):
            continue
        trunc = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        if truncating not in ("pre", "post"):
            raise ValueError(f'Truncating type "{truncating}" not understood')
        trunc = np.asarray(trunc, dtype=dtype)
        if padding == "post":
            out[i, :len(trunc)] = trunc
        elif padding == "pre":
            out[i, -len(trunc):] = trunc
        else:
            raise ValueError(f'Padding type "{padding}" not understood')
    return out


class Progbar:
    """Keras's progress bar: `update(current, values)` redraws
    `3/10 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - loss: 0.1234` (verbose=1) or prints one line when
    finished (verbose=2). Metric values are averaged over steps unless `stateful_metrics`."""

    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None,
                 stateless_metrics=None, unit_name="step"):
        if stateful_metrics is not None and stateless_metrics is not None:
            raise ValueError("Only one of `stateful_metrics` or `stateless_metrics` can be "
                             "provided.")
        self.target, self.width, self.verbose = target, width, verbose
        self.interval, self.unit_name = interval, unit_name
        if stateful_metrics is not None:
            self.stateful_metrics, self.stateless_metrics = set(stateful_metrics), None
        elif stateless_metrics is not None:
            self.stateful_metrics, self.stateless_metrics = None, set(stateless_metrics)
        else:
            self.stateful_metrics, self.stateless_metrics = set(), None
        # Keras redraws in place whenever the `posix` module is loaded (every POSIX system)
        self._dynamic_display = ((hasattr(sys.stdout, "isatty") and sys.stdout.isatty()) or
                                 "ipykernel" in sys.modules or "posix" in sys.modules or
                                 "PYCHARM_HOSTED" in os.environ)
        self._seen_so_far = 0
        self._values, self._values_order = {}, []
        self._start = time.time()
        self._last_update = 0
        self._time_after_first_step = None
        self._prev_total_width = 0

    def _stateless(self, k):
        if self.stateful_metrics is not None:
            return k not in self.stateful_metrics
        return k in self.stateless_metrics

    def update(self, current, values=None, finalize=None):
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for k, v in values or []:
            if k not in self._values_order:
                self._values_order.append(k)
            if self._stateless(k):
                if finalize:
                    self._values[k] = [v, 1]
                else:
                    base = max(current - self._seen_so_far, 1)
                    if k not in self._values:
                        self._values[k] = [v * base, base]
                    else:
                        self._values[k][0] += v * base
                        self._values[k][1] += base
            else:
                self._values[k] = [v, 1]
        self._seen_so_far = current
        now = time.time()
        per_unit = self._step_duration(current, now)
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            message = ("\b" * self._prev_total_width + "\r") if self._dynamic_display else "\n"
            special = 0
            if self.target is not None and self.target > 0:
                digits = int(math.log10(self.target)) + 1
                bar = f"\x1b[1m{current:{digits}d}/{self.target}\x1b[0m "
                special += 8
                filled = int(self.width * float(current) / self.target)
                if filled > 0:
                    bar += f"\33[32m{'━' * filled}\x1b[0m"
                    special += 9
                bar += f"\33[37m{'━' * (self.width - filled)}\x1b[0m"
                special += 9
            else:
                bar = "%7d/Unknown" % current
            message += bar
            if self.target is not None and self.target > 0 and not finalize:
                eta = per_unit * (self.target - current)
                if eta > 3600:
                    fmt = "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
                elif eta > 60:
                    fmt = "%d:%02d" % (eta // 60, eta % 60)
                else:
                    fmt = "%ds" % eta
                info = f" \x1b[1m{fmt}\x1b[0m"
            else:
                info = f" \x1b[1m{now - self._start:.0f}s\x1b[0m"
            special += 8
            info += self._format_time(per_unit)
            for k in self._values_order:
                info += f" - {k}:"
                total, count = self._values[k]
                if not isinstance(total, float):
                    total = np.mean(total)
                avg = total / max(1, count)
                info += f" {avg:.4f}" if abs(avg) > 1e-3 else f" {avg:.4e}"
            message += info
            width = len(bar) + len(info) - special
            if self._prev_total_width > width:
                message += " " * (self._prev_total_width - width)
            if finalize:
                message += "\n"
            sys.stdout.write(message)
            sys.stdout.flush()
            self._prev_total_width = width
        elif self.verbose == 2 and finalize and self.target is not None and self.target > 0:
            digits = int(math.log10(self.target)) + 1
            info = f"{current:{digits}d}/{self.target} - {now - self._start:.0f}s"
            info += f" -{self._format_time(per_unit)}"
            for k in self._values_order:
                info += f" - {k}:"
                total, count = self._values[k]
                if not isinstance(total, float):
                    total = np.mean(total)
                avg = total / max(1, count)
                info += f" {avg:.4f}" if avg > 1e-3 else f" {avg:.4e}"
            sys.stdout.write(info + "\n")
            sys.stdout.flush()
        self._last_update = now

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)

    def _format_time(self, per_unit):
        if per_unit >= 1 or per_unit == 0:
            return f" {per_unit:.0f}s/{self.unit_name}"
        if per_unit >= 1e-3:
            return f" {per_unit * 1000.0:.0f}ms/{self.unit_name}"
        return f" {per_unit * 1000000.0:.0f}us/{self.unit_name}"

    def _step_duration(self, current, now):
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            per_unit = (now - self._time_after_first_step) / (current - 1)
        else:
            per_unit = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_unit


def get_file(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None,
             cache_subdir="datasets", hash_algorithm="auto", extract=False,
             archive_format="auto", cache_dir=None, force_download=False):
    """Copies `origin` into the Keras cache (`~/.keras/<cache_subdir>`) and returns the local
    path. tapeflow reads `file://` URLs and local paths; an http(s) origin raises an OSError
    saying the file cannot be downloaded here (no network)."""
    if origin is None:
        raise ValueError('Please specify the "origin" argument (URL of the file to download).')
    cache_dir = os.path.expanduser(cache_dir or os.path.join("~", ".keras"))
    datadir = os.path.join(cache_dir, cache_subdir)
    os.makedirs(datadir, exist_ok=True)
    parsed = urllib.parse.urlparse(origin)
    fname = fname or os.path.basename(parsed.path)
    if not fname:
        raise ValueError(f"Can't parse the file name from the origin provided: '{origin}'. "
                         f"Please specify the `fname` argument.")
    target = os.path.join(datadir, fname)
    if parsed.scheme in ("http", "https", "ftp"):
        if os.path.exists(target) and not force_download:
            return target
        raise OSError(f"URL fetch failure on {origin}: tapeflow's get_file does not download "
                      f"(no network access); copy the file to {target} or pass a file:// URL")
    src = urllib.parse.unquote(parsed.path) if parsed.scheme == "file" else origin
    if not os.path.exists(src):
        raise FileNotFoundError(f"get_file: no such file: {src}")
    if force_download or not os.path.exists(target):
        shutil.copyfile(src, target)
    expected = file_hash or md5_hash
    if expected is not None:
        algo = "sha256" if (hash_algorithm == "sha256" or (hash_algorithm == "auto" and
                                                          len(expected) == 64)) else "md5"
        h = hashlib.new(algo)
        with open(target, "rb") as f:
            for chunk in iter(lambda: f.read(65536), b""):
                h.update(chunk)
        if h.hexdigest() != expected:
            raise ValueError(f"Incomplete or corrupted file detected. The {algo} file hash does "
                             f"not match the provided value of {expected}.")
    if untar or extract:
        import tarfile
        import zipfile
        out_dir = target + "_extracted" if extract else os.path.join(datadir, fname)
        if tarfile.is_tarfile(target):
            with tarfile.open(target) as tf_:
                tf_.extractall(out_dir if extract else datadir, filter="data")
        elif zipfile.is_zipfile(target):
            with zipfile.ZipFile(target) as zf:
                zf.extractall(out_dir if extract else datadir)
        return out_dir if extract else target
    return target


def model_to_dot(model, show_shapes=False, show_dtype=False, show_layer_names=True,
                 rankdir="TB", expand_nested=False, dpi=200, **kwargs):
    """The model's layer graph as Graphviz DOT text."""
    lines = ["digraph G {", f"  rankdir={rankdir};", f"  dpi={dpi};",
             "  node [shape=record];"]
    layers = model.layers if not hasattr(model, "_nodes") else model._layers
    ids = {id(layer): f"n{i}" for i, layer in enumerate(layers)}
    for layer in layers:
        label = f"{layer.name}|{type(layer).__name__}" if show_layer_names else \
            type(layer).__name__
        if show_shapes and layer._build_output_shape is not None:
            label += f"|{layer._build_output_shape}".replace("{", "(").replace("}", ")")
        label = label.replace('"', "'")
        lines.append(f'  {ids[id(layer)]} [label="{label}"];')
    if hasattr(model, "_nodes"):
        for node in model._nodes:
            for kt in node.input_tensors:
                src = kt._keras_history.operation
                if id(src) in ids and id(node.operation) in ids:
                    lines.append(f"  {ids[id(src)]} -> {ids[id(node.operation)]};")
    else:
        for a, b in itertools.pairwise(layers):
            lines.append(f"  {ids[id(a)]} -> {ids[id(b)]};")
    lines.append("}")
    return "\n".join(lines)


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False,
               show_layer_names=True, rankdir="TB", expand_nested=False, dpi=200, **kwargs):
    """Draws the model's graph with Graphviz's `dot` program (which must be installed)."""
    dot = model_to_dot(model, show_shapes, show_dtype, show_layer_names, rankdir,
                       expand_nested, dpi)
    exe = shutil.which("dot")
    if exe is None:
        raise ImportError("You must install pydot (`pip install pydot`) for `plot_model` to "
                          "work.")
    import subprocess
    fmt = os.path.splitext(to_file)[1][1:] or "png"
    subprocess.run([exe, f"-T{fmt}", "-o", os.fspath(to_file)], input=dot.encode(),
                   check=True)
    return None


def clear_session(free_memory=True):
    from .backend import clear_session as _clear
    _clear(free_memory)


def get_source_inputs(tensor):
    from .models.functional import InputLayer
    hist = tensor._keras_history
    if isinstance(hist.operation, InputLayer):
        return [tensor]
    out = []
    for kt in hist.operation._inbound_nodes[hist.node_index].input_tensors:
        for x in get_source_inputs(kt):
            if all(x is not y for y in out):
                out.append(x)
    return out


def is_keras_tensor(x):
    from .models.functional import KerasTensor
    return isinstance(x, KerasTensor)
