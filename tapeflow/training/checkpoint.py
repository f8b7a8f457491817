"""`tf.train.Checkpoint`, `tf.train.CheckpointManager` and `tf.train.latest_checkpoint`.

Format: one zip archive of `.npy` members per checkpoint (NumPy's `.npz` layout, readable with
`np.load(..., allow_pickle=False)`). Each variable is stored under its path in the object graph,
as TF names checkpoint entries: `model/dense/kernel`, `optimizer/iteration`,
`optimizer/variables/3` (optimizer variables by position, as Keras 3 on TF), `save_counter`. The
entry `_CHECKPOINTABLE_OBJECT_GRAPH` holds a JSON manifest: the format tag and, per entry, its
shape, dtype, CRC-32, the key TF 2.21 gives the same variable in its own checkpoints
(`model/d1/_kernel/.ATTRIBUTES/VARIABLE_VALUE`; what `tf.train.load_checkpoint` shows), and for
an optimizer slot, the path of the variable it belongs to.
`save("dir/ckpt")` writes `dir/ckpt-1.npz` and returns `"dir/ckpt-1"`, the prefix that
`restore`, `read` and `latest_checkpoint` use; a `checkpoint` state file in the directory records
the latest one (as TF's does).

Safety:
* a save writes to a temporary file (`.tmp-<pid>-*`) in the same directory and then
  `os.replace`s it, so an interrupted save never leaves a half-written checkpoint under the final
  name; temporary files of dead processes are removed by the next save, and a
  `CheckpointManager` removes its orphaned checkpoints (written, never recorded) when it starts
  and when it saves;
* a restore validates everything before it assigns anything: the archive and its manifest (every
  listed entry present, no other member, no duplicate name), then each needed entry's `.npy`
  header against the manifest and against the variable it restores (shape, dtype, size) before
  a byte of it is decompressed, then the data against its checksum. A corrupted file raises
  `tf.errors.DataLossError`, a missing one `tf.errors.NotFoundError`, a shape mismatch
  `ValueError` and a dtype mismatch `tf.errors.InvalidArgumentError` (as TF), and every variable
  keeps its value.

Objects: `Checkpoint(**objects)` takes variables, `tf.Module`s (including Keras layers), Keras
optimizers, `tf.random.Generator`s, other checkpoints, and lists/dicts of these. Values whose
object does not exist yet are restored when it appears, as TF's deferred restoration does:
optimizer slots when the optimizer is built (matched to the variable they belong to, and checked
against it at restore time), and variables or modules later added to a module's attributes,
lists or dicts.

    >>> v = tf.Variable(1.0)
    >>> ckpt = tf.train.Checkpoint(v=v)
    >>> path = ckpt.write("/tmp/tapeflow_doc_ckpt")
    >>> _ = v.assign(5.0); _ = ckpt.read(path); v.numpy()
    np.float32(1.0)
"""
import json
import os
import re
import tempfile
import weakref
import zipfile
import zlib

import numpy as np

from .. import module as _module
from ..framework.errors import DataLossError, InvalidArgumentError, NotFoundError
from ..framework.variables import Variable

_FORMAT_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
_FORMAT_TAG = "tapeflow-checkpoint-v2"
_FORMAT_V1 = "tapeflow-checkpoint-v1"  # before the manifest: still read
_SUFFIX = ".npz"
_MAX_MANIFEST_BYTES = 64 << 20
_TEMP_PREFIX = ".tmp-"
_writing = set()  # temporary files this process is writing now


# -- walking the object graph ---------------------------------------------------------------------
def _generator_type():
    from ..ops.random_ops import Generator
    return Generator


def _children(obj):
    """(name, child) pairs of a checkpointable object, in a deterministic order."""
    from ..keras.optimizers.base import Optimizer
    from ..module import Module
    if isinstance(obj, Checkpoint):
        return sorted(obj._objects.items())
    if isinstance(obj, Optimizer):
        items = [("iteration", obj._iterations)]
        if isinstance(obj._learning_rate, Variable):
            items.append(("learning_rate", obj._learning_rate))
        fixed = {id(v) for _, v in items}
        items += [(f"variables/{i}", v) for i, v in enumerate(obj._variables)
                  if id(v) not in fixed]
        return items
    if isinstance(obj, dict):
        return sorted((str(k), v) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(obj)]
    if isinstance(obj, _generator_type()):
        return [("_state_var", obj.state)]
    custom = getattr(obj, "_checkpoint_children", None)
    if custom is not None:
        return list(custom())
    if isinstance(obj, Module):
        from ..keras.layers.base import Layer
        if isinstance(obj, Layer):
            return _layer_children(obj)
        return sorted((k, v) for k, v in vars(obj).items()
                      if _is_checkpointable(v))
    return []


def _layer_children(layer):
    own = [(v.name, v) for v in layer._trainable_variables + layer._non_trainable_variables]
    subs = [(f"layers/{i}", sub) for i, sub in enumerate(layer._layers)]
    return own + subs


def _is_checkpointable(v):
    from ..keras.optimizers.base import Optimizer
    from ..module import Module
    if isinstance(v, (Variable, Module, Optimizer, Checkpoint, _generator_type())):
        return True
    if isinstance(v, (_module.ListWrapper, _module._DictWrapper)):
        return True  # tracked even while empty: what is appended later is restored
    if isinstance(v, (list, tuple)):
        return any(_is_checkpointable(x) for x in v)
    if isinstance(v, dict):
        return any(_is_checkpointable(x) for x in v.values())
    return False


def _walk(root, prefix=""):
    """({path: variable}, {path: container}) reachable from `root`; each variable once, under
    the first path that reaches it. Containers are the objects whose children can be added later
    (modules, and the lists and dicts they hold)."""
    variables, containers, seen, visited = {}, {}, set(), set()
    stack = [(prefix, root)]
    while stack:
        path, obj = stack.pop()
        if isinstance(obj, Variable):
            if id(obj) not in seen:
                seen.add(id(obj))
                variables[path] = obj
            continue
        if id(obj) in visited:
            continue
        visited.add(id(obj))
        if isinstance(obj, (_module.Module, _module.ListWrapper, _module._DictWrapper)):
            containers.setdefault(path, obj)
        for name, child in reversed(_children(obj)):
            stack.append((f"{path}/{name}" if path else name, child))
    return variables, containers


def _optimizers(root):
    """(path prefix, optimizer) for every optimizer reachable from the checkpoint's objects."""
    from ..keras.optimizers.base import Optimizer
    found = []
    stack = [("", root)]
    visited = set()
    while stack:
        prefix, obj = stack.pop()
        if isinstance(obj, Variable) or id(obj) in visited:
            continue
        visited.add(id(obj))
        if isinstance(obj, Optimizer):
            found.append((prefix, obj))
            continue
        for name, child in _children(obj):
            stack.append((f"{prefix}/{name}" if prefix else name, child))
    return found


# -- TF's names for the entries ----------------------------------------------------------------------
# TF names each saved variable by the first path that reaches it in a breadth-first walk of its
# object graph, with `/.ATTRIBUTES/VARIABLE_VALUE` appended. The walk below follows the children
# TF 2.21 (with Keras 3) gives the same objects, so `tf.train.list_variables` of a tapeflow
# checkpoint shows the keys a TF checkpoint of the same model shows.
_TF_VALUE_SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"
# Keras 3 keeps some built-in layers' weights under private attribute names.
_KERAS_WEIGHT_ATTRIBUTES = {"Dense": {"kernel": "_kernel"}, "Embedding": {"embeddings": "_embeddings"}}


_LAYER_INTERNALS = frozenset({"_layers", "_trainable_variables", "_non_trainable_variables"})


class _Group:
    """A node of TF's object graph that tapeflow has no object for (Keras's `_functional`)."""

    def __init__(self, children):
        self.children = children


def _tf_layer_children(layer):
    from ..keras.layers.base import Layer
    from ..keras.models.model import Sequential
    if isinstance(layer, Sequential):
        # Keras 3 runs a built Sequential through a functional model: an InputLayer, then the layers
        subs = layer.layers  # (its InputLayer aside: TF's operation 0 stands for it)
        if not any(sub.weights for sub in subs):
            return []
        ops = [("0", _Group([]))] + [(str(i + 1), sub) for i, sub in enumerate(subs)]
        return [("_functional", _Group([("_operations", _Group(ops))]))]
    builtin = type(layer).__module__.startswith("tapeflow.keras.")
    by_id = {}
    sublayers = []
    if not builtin:
        for name, value in vars(layer).items():
            if name in _LAYER_INTERNALS:
                continue
            if isinstance(value, Variable):
                by_id.setdefault(id(value), name)
            elif isinstance(value, Layer):
                sublayers.append((name, value))
            elif isinstance(value, (list, tuple)) and any(isinstance(x, Layer) for x in value):
                sublayers.append((name, _Group([(str(i), x) for i, x in enumerate(value)])))
    table = _KERAS_WEIGHT_ATTRIBUTES.get(type(layer).__name__, {}) if builtin else {}
    own = []
    for v in layer._trainable_variables + layer._non_trainable_variables:
        short = v.name.split("/")[-1].split(":")[0]
        own.append((by_id.get(id(v), table.get(short, short)), v))
    named = {id(x) for _, g in sublayers for x in ([g] if isinstance(g, Layer) else
                                                    [c for _, c in g.children])}
    rest = [(f"layers/{i}", sub) for i, sub in enumerate(layer._layers) if id(sub) not in named]
    return own + sublayers + rest


def _tf_children(obj):
    """(name, child) pairs of `obj` in TF's object graph, in TF's order."""
    from ..keras.layers.base import Layer
    from ..keras.optimizers.base import Optimizer
    if isinstance(obj, _Group):
        return obj.children
    if isinstance(obj, Checkpoint):
        items = dict(obj._objects)
        if obj._save_counter is not None:
            items["save_counter"] = obj._save_counter
        return sorted(items.items())
    if isinstance(obj, Optimizer):
        items = [("_variables", _Group([(str(i), v) for i, v in enumerate(obj._variables)])),
                 ("_trainable_variables", _Group([(str(i), v) for i, v in
                                                  enumerate(obj._trainable_variables)])),
                 ("_iterations", obj._iterations)]
        if isinstance(obj._learning_rate, Variable):
            items.append(("_learning_rate", obj._learning_rate))
        return items
    if isinstance(obj, Layer):
        return _tf_layer_children(obj)
    return _children(obj)


def _tf_keys(root):
    """{id(variable): TF's checkpoint key} for every variable reachable from `root`."""
    keys = {}
    seen = {id(root)}
    queue = [("", root)]
    for path, obj in queue:  # breadth first: the queue grows while it is read
        for name, child in _tf_children(obj):
            if isinstance(child, Variable):
                if id(child) not in keys:
                    keys[id(child)] = (f"{path}/{name}" if path else name) + _TF_VALUE_SUFFIX
                continue
            if id(child) in seen:
                continue
            seen.add(id(child))
            queue.append((f"{path}/{name}" if path else name, child))
    return keys


# -- files: writing ---------------------------------------------------------------------------------
def _file_for(prefix):
    prefix = os.fspath(prefix)
    return prefix if prefix.endswith(_SUFFIX) else prefix + _SUFFIX


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _remove_stale_temp_files(directory):
    """Deletes temporary files left by saves that never finished (their process is gone)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if not name.startswith(_TEMP_PREFIX):
            continue
        path = os.path.join(directory, name)
        m = re.match(re.escape(_TEMP_PREFIX) + r"(\d+)-", name)
        if m:
            pid = int(m.group(1))
            if path in _writing or (pid != os.getpid() and _pid_alive(pid)):
                continue
        try:
            os.unlink(path)
        except OSError:
            pass


def _temp_file(directory, suffix=""):
    fd, tmp = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=suffix,
                               dir=directory)
    _writing.add(tmp)
    return fd, tmp


def _contiguous(value):
    a = np.asarray(value)
    return a if a.flags.c_contiguous else np.array(a, order="C")


def _write_archive(path, arrays, extra):
    """Writes {key: array} and the manifest to `path`, atomically; `extra` holds more facts per
    entry (TF's key name; for a slot, the variable it belongs to)."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    _remove_stale_temp_files(directory)
    arrays = {k: _contiguous(a) for k, a in arrays.items()}
    entries = {}
    for key, a in arrays.items():
        entries[key] = {"shape": list(a.shape), "dtype": a.dtype.str,
                        "crc32": zlib.crc32(a.reshape(-1).view(np.uint8)) if a.size else 0}
        entries[key].update(extra.get(key, {}))
    manifest = np.array(json.dumps({"format": _FORMAT_TAG, "entries": entries}, sort_keys=True))
    fd, tmp = _temp_file(directory, _SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
                for key, a in [(_FORMAT_KEY, manifest), *arrays.items()]:
                    with zf.open(key + ".npy", "w", force_zip64=True) as member:
                        np.lib.format.write_array(member, a, allow_pickle=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    finally:
        _writing.discard(tmp)


def _atomic_write_text(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = _temp_file(directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    finally:
        _writing.discard(tmp)


# -- files: reading, validating before decompressing --------------------------------------------------
def _corrupt(path, what):
    return DataLossError(None, None, f"Unable to read checkpoint {path}: {what}. The file is "
                                     f"corrupted or not a tapeflow checkpoint; nothing was "
                                     f"restored.")


class _Archive:
    """An opened checkpoint file whose manifest and member list have been checked."""

    def __init__(self, prefix):
        self.path = path = _file_for(prefix)
        if not os.path.exists(path):
            raise NotFoundError(None, None, f"Error when restoring from checkpoint or SavedModel "
                                            f"at {prefix}: Unsuccessful TensorSliceReader "
                                            f"constructor: Failed to find any matching files for "
                                            f"{prefix}\nPlease double-check that the path is "
                                            f"correct. You may be missing the checkpoint suffix "
                                            f"(e.g. the '-1' in 'path/to/ckpt-1').")
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except Exception as e:  # noqa: BLE001 - any failure to parse the file is data loss
            raise _corrupt(path, f"not a readable archive ({type(e).__name__}: {e})") from None
        names = [i.filename for i in infos]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            self.close()
            raise _corrupt(path, f"duplicate entries {duplicates}")
        self.infos = {i.filename: i for i in infos}
        try:
            self.entries = self._manifest()
            expected = {k + ".npy" for k in self.entries} | {_FORMAT_KEY + ".npy"}
            missing = sorted(n[:-4] for n in expected - set(names))
            unexpected = sorted(set(names) - expected)
            if missing or unexpected:
                raise _corrupt(path, "its members do not match its manifest"
                               + (f"; entries missing: {missing}" if missing else "")
                               + (f"; members not in the manifest: {unexpected}"
                                  if unexpected else ""))
        except BaseException:
            self.close()
            raise

    def close(self):
        self.zip.close()

    def _manifest(self):
        name = _FORMAT_KEY + ".npy"
        info = self.infos.get(name)
        if info is None:
            raise _corrupt(self.path, f"no {_FORMAT_KEY} entry")
        if info.file_size > _MAX_MANIFEST_BYTES:
            raise _corrupt(self.path, f"its manifest declares {info.file_size} bytes")
        value = self._read(name, None)
        if str(value) == _FORMAT_V1:
            return self._v1_entries()
        try:
            manifest = json.loads(str(value))
            if manifest.get("format") != _FORMAT_TAG:
                raise ValueError(f"format {manifest.get('format')!r}, expected {_FORMAT_TAG!r}")
            entries = manifest["entries"]
            for key, e in entries.items():
                e["shape"] = tuple(int(d) for d in e["shape"])
                e["dtype"] = np.dtype(e["dtype"])
                e["crc32"] = int(e["crc32"])
                if any(d < 0 for d in e["shape"]) or not _plain_dtype(e["dtype"]):
                    raise ValueError(f"entry {key!r} has shape {e['shape']} dtype {e['dtype']}")
                if not isinstance(e.get("tf_key", ""), str):
                    raise TypeError(f"entry {key!r} has TF key {e['tf_key']!r}")
            tf_keys = [e["tf_key"] for e in entries.values() if "tf_key" in e]
            if len(set(tf_keys)) != len(tf_keys):
                raise ValueError("two entries have one TF key")
        except DataLossError:
            raise
        except Exception as e:  # noqa: BLE001 - a manifest that does not parse is data loss
            raise _corrupt(self.path, f"its manifest is invalid ({type(e).__name__}: "
                                      f"{e})") from None
        return entries

    def _v1_entries(self):
        """Files of tapeflow's first format had no manifest: each entry is described by its own
        header (still checked before anything is decompressed), without a checksum."""
        entries = {}
        for name, info in self.infos.items():
            if name == _FORMAT_KEY + ".npy":
                continue
            if not name.endswith(".npy"):
                raise _corrupt(self.path, f"member {name!r} is not an array")
            try:
                with self.zip.open(info) as f:
                    shape, dtype, _, _ = self._parse_header(f, info)
            except DataLossError:
                raise
            except Exception as e:  # noqa: BLE001 - any header failure is data loss
                raise _corrupt(self.path, f"entry '{name[:-4]}' has an unreadable header "
                                          f"({type(e).__name__}: {e})") from None
            entries[name[:-4]] = {"shape": shape, "dtype": dtype, "crc32": None}
        return entries

    def header(self, key):
        """(shape, dtype) from the entry's .npy header, checked against the manifest and the
        member's declared size; reads only the header's bytes."""
        name = key + ".npy"
        info = self.infos[name]
        try:
            with self.zip.open(info) as f:
                shape, dtype, _, _ = self._parse_header(f, info)
        except DataLossError:
            raise
        except Exception as e:  # noqa: BLE001 - any header failure is data loss
            raise _corrupt(self.path, f"entry '{key}' has an unreadable header "
                                      f"({type(e).__name__}: {e})") from None
        entry = self.entries[key]
        if shape != entry["shape"] or dtype != entry["dtype"]:
            raise _corrupt(self.path, f"entry '{key}' has shape {shape} dtype {dtype}, but the "
                                      f"manifest says shape {entry['shape']} dtype "
                                      f"{entry['dtype']}")
        return shape, dtype

    def _parse_header(self, f, info):
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            raise ValueError(f"unsupported .npy version {version}")
        if not _plain_dtype(dtype):
            raise ValueError(f"dtype {dtype} is not a plain numeric or string dtype")
        count = 1
        for d in shape:
            count *= int(d)
        nbytes = count * dtype.itemsize
        if nbytes != info.file_size - f.tell():
            raise _corrupt(self.path, f"entry '{info.filename[:-4]}' declares {count} elements "
                                      f"({nbytes} bytes) but holds "
                                      f"{info.file_size - f.tell()} bytes")
        return tuple(int(d) for d in shape), dtype, fortran, nbytes

    def _read(self, name, entry):
        """The member's array: header checked first, then exactly the declared bytes read, then
        the zip CRC (at end of member) and the manifest's checksum."""
        info = self.infos[name]
        try:
            with self.zip.open(info) as f:
                shape, dtype, fortran, nbytes = self._parse_header(f, info)
                if entry is not None and (shape != entry["shape"] or dtype != entry["dtype"]):
                    raise _corrupt(self.path, f"entry '{name[:-4]}' does not match its manifest")
                data = f.read(nbytes)
                if len(data) != nbytes or f.read(1):
                    raise _corrupt(self.path, f"entry '{name[:-4]}' has the wrong length")
        except DataLossError:
            raise
        except Exception as e:  # noqa: BLE001 - any read failure is data loss
            raise _corrupt(self.path, f"entry '{name[:-4]}' is unreadable ({type(e).__name__}: "
                                      f"{e})") from None
        if entry is not None and entry["crc32"] is not None and \
                (zlib.crc32(data) if nbytes else 0) != entry["crc32"]:
            raise _corrupt(self.path, f"entry '{name[:-4]}' fails its checksum")
        array = np.frombuffer(data, dtype=dtype)
        return array.reshape(shape, order="F" if fortran else "C")

    def array(self, key):
        return self._read(key + ".npy", self.entries[key])


def _plain_dtype(dtype):
    return dtype.fields is None and dtype.subdtype is None and dtype.kind in "biufcUS"


def _shape_mismatch(key, shape, variable):
    want = tuple(variable.shape.as_list()) if variable.shape.rank is not None else None
    if want is not None and tuple(shape) != want:
        return ValueError(f"Received incompatible tensor with shape {tuple(shape)} when "
                          f"attempting to restore variable with shape {want} and name "
                          f"{variable.name}. (checkpoint entry '{key}'; nothing was restored)")
    return None


def _dtype_mismatch(key, dtype, variable):
    if np.dtype(dtype) != variable._value.dtype:
        from ..framework.dtypes import from_numpy
        try:
            saved = from_numpy(np.dtype(dtype)).name
        except (TypeError, KeyError, ValueError):
            saved = str(dtype)
        return InvalidArgumentError(None, None, f"tensor_name = {key}; expected dtype "
                                                f"{variable.dtype.name} does not equal original "
                                                f"dtype {saved} (nothing was restored) "
                                                f"[Op:RestoreV2]")
    return None


def _check(variable, array, key):
    error = _shape_mismatch(key, array.shape, variable) or _dtype_mismatch(key, array.dtype,
                                                                           variable)
    if error is not None:
        raise error


def _assign_validated(triples):
    """Checks every (variable, array, key) first, then assigns them all."""
    for var, array, key in triples:
        _check(var, array, key)
    for var, array, _ in triples:
        var.assign(array)


# -- deferred restoration: values waiting for an object that does not exist yet ----------------------
# id(container) -> (weakref to it, {child name: {sub-path: (key, array, status)}})
_pending = {}


def _forget(key):
    def forget(_ref):
        _pending.pop(key, None)
    return forget


def _defer(containers, values):
    """Registers each {path: (key, array, status)} on the deepest existing container on its
    path, to be restored when the missing child is added. Returns the paths deferred."""
    deferred = []
    for path, item in values.items():
        parts = path.split("/")
        for cut in range(len(parts) - 1, -1, -1):
            container = containers.get("/".join(parts[:cut]))
            if container is not None:
                break
        else:
            continue
        key = id(container)
        entry = _pending.get(key)
        if entry is None or entry[0]() is not container:
            entry = _pending[key] = (weakref.ref(container, _forget(key)), {})
        entry[1].setdefault(parts[cut], {})["/".join(parts[cut + 1:])] = item
        deferred.append(path)
    return deferred


def _child_added(container, name, child):
    entry = _pending.get(id(container))
    if entry is None or entry[0]() is not container:
        return
    waiting = entry[1].pop(name, None)
    if not entry[1]:
        _pending.pop(id(container), None)
    if waiting:
        _restore_into(child, waiting)


_module._new_child_hooks.append(_child_added)


def _restore_into(obj, waiting):
    """Restores {sub-path: (key, array, status)} into `obj` (just added to a container)."""
    variables, containers = _walk(obj)
    triples = [(variables[p], array, key) for p, (key, array, _) in waiting.items()
               if p in variables]
    _assign_validated(triples)
    for p, (key, _, status) in waiting.items():
        if p in variables:
            status._consumed(key, variables[p])
    _defer(containers, {p: item for p, item in waiting.items() if p not in variables})


class _DeferredSlots:
    """Checkpoint values for an optimizer's variables that do not exist until it is built:
    slots by (id of the model variable, slot name), or by (its path in the checkpoint, slot
    name) when that variable did not exist at restore time either; others by position."""

    def __init__(self, by_reference, by_position, status, by_path=None, checkpoint=None):
        self.by_reference, self.by_position, self.status = by_reference, by_position, status
        self.by_path = by_path or {}
        self.checkpoint = weakref.ref(checkpoint) if checkpoint is not None else None

    def restore(self, optimizer):
        """Assigns the values (all checked first: a mismatch raises and changes nothing, and
        raises again on every later call)."""
        path_of = {}
        root = self.checkpoint() if self.checkpoint is not None else None
        if self.by_path and root is not None:
            path_of = {id(v): p for p, v in root._graph()[0].items()}
        triples = []
        for i, v in enumerate(optimizer._variables):
            ref = optimizer._slot_of.get(id(v))
            if ref is None:
                item = self.by_position.get(i)
            else:
                item = self.by_reference.get((id(ref[0]), ref[1]))
                if item is None and id(ref[0]) in path_of:
                    item = self.by_path.get((path_of[id(ref[0])], ref[1]))
            if item is not None:
                triples.append((v, item[1], item[0]))
        _assign_validated(triples)
        for v, _, key in triples:
            self.status._consumed(key, v)


# -- public API --------------------------------------------------------------------------------------
def multi_worker():
    """(is this process the one that writes, the multi-worker strategy or None): under a
    `MultiWorkerMirroredStrategy` with several workers only the chief writes checkpoints."""
    import sys
    mw = sys.modules.get("tapeflow.distribute.multi_worker")
    strategy = mw.active_multi_worker() if mw is not None else None
    return (strategy is None or strategy.extended._is_chief), strategy


def _all_workers_reach(strategy):
    """Every worker waits here until the chief's write is done (so any may read it next)."""
    if strategy is not None:
        strategy._collectives.barrier()


def _counted_write(ckpt, counter, path):
    """Bumps the save counter and writes `path`; a failed write leaves the counter as it was.
    Under a multi-worker strategy only the chief writes (the others count)."""
    counter.assign_add(np.int64(1))
    writer, _ = multi_worker()
    if not writer:
        return
    try:
        ckpt.write(path)
    except BaseException:
        counter.assign_sub(np.int64(1))
        raise


class CheckpointLoadStatus:
    """What `restore` returns: which checkpoint values and which Python objects were matched
    (values restored later, when their object appears, count as matched from then on)."""

    def __init__(self, checkpoint, unused_keys, unmatched):
        self._checkpoint = checkpoint
        self._unused = set(unused_keys)
        self._unmatched = list(unmatched)
        self._matched_any = False

    def _consumed(self, key, variable):
        self._unused.discard(key)
        self._matched_any = True
        self._unmatched = [v for v in self._unmatched if v is not variable]

    def _unmatched_error(self):
        n = len(self._unmatched)
        shown = self._unmatched[:10]
        return AssertionError(f"Found {n} Python objects that were not bound to checkpointed "
                              f"values, likely due to changes in the Python program. Showing "
                              f"{len(shown)} of {n} unmatched objects: {shown}")

    def assert_consumed(self):
        """Raises AssertionError unless every checkpoint value and every object was matched."""
        if self._unmatched:
            raise self._unmatched_error()
        if self._unused:
            raise AssertionError(f"Unresolved object in checkpoint: checkpoint values not used: "
                                 f"{sorted(self._unused)}")
        return self

    def assert_existing_objects_matched(self):
        """Raises AssertionError if an object of the checkpoint had no value in the file."""
        if self._unmatched:
            raise self._unmatched_error()
        return self

    def assert_nontrivial_match(self):
        """Raises AssertionError if nothing at all was restored."""
        if not self._matched_any:
            raise AssertionError(f"Nothing except the root object matched a checkpointed value. "
                                 f"Typically this means that the checkpoint does not match the "
                                 f"Python program. The following objects have no matching "
                                 f"checkpointed value: {self._unmatched}")
        return self

    def expect_partial(self):
        """Marks a partial restore as intended (tapeflow never warns about unused values)."""
        return self

    def run_restore_ops(self, session=None):
        return None


class Checkpoint:
    """Groups objects to save and restore together: `tf.train.Checkpoint(model=m, optimizer=o)`.

    >>> ckpt = tf.train.Checkpoint(step=tf.Variable(0))
    """

    def __init__(self, root=None, **kwargs):
        objects = dict(kwargs)
        if root is not None:
            objects["root"] = root
        for obj in objects.values():
            if not _is_checkpointable(obj):
                raise ValueError(f"`Checkpoint` was expecting a trackable object (an object "
                                 f"derived from `Trackable`), got {obj}. If you believe this "
                                 f"object should be trackable (i.e. it is part of the TensorFlow "
                                 f"Python API and manages state), please open an issue.")
        self._objects = objects
        self._save_counter = None

    def __getattr__(self, name):
        objects = self.__dict__.get("_objects", {})
        if name in objects:
            return objects[name]
        raise AttributeError(f"'Checkpoint' object has no attribute '{name}'")

    @property
    def save_counter(self):
        """How many times `save` has run (an int64 variable, saved with the checkpoint)."""
        if self._save_counter is None:
            self._save_counter = Variable(np.int64(0), trainable=False, name="save_counter")
        return self._save_counter

    def _graph(self):
        variables, containers = _walk(self)
        if self._save_counter is not None:
            variables["save_counter"] = self._save_counter
        return variables, containers

    def write(self, file_prefix, options=None):
        """Writes every variable to `file_prefix` (+ '.npz'); returns `file_prefix`."""
        variables, _ = self._graph()
        arrays = {key: var._value for key, var in variables.items()}
        path_of = {id(v): k for k, v in variables.items()}
        tf_keys = _tf_keys(self)
        extra = {key: {"tf_key": tf_keys[id(var)]} for key, var in variables.items()
                 if id(var) in tf_keys}
        for prefix, opt in _optimizers(self):
            for key, v in _children(opt):
                ref = opt._slot_of.get(id(v))
                full = f"{prefix}/{key}" if prefix else key
                if ref is not None and id(ref[0]) in path_of and full in arrays:
                    extra.setdefault(full, {}).update(slot_of=path_of[id(ref[0])], slot=ref[1])
        _write_archive(_file_for(file_prefix), arrays, extra)
        return os.fspath(file_prefix)

    def save(self, file_prefix, options=None):
        """Writes `file_prefix-N` (N = the incremented save counter) and records it as the latest
        checkpoint of its directory; returns the path."""
        counter = self.save_counter
        path = f"{os.fspath(file_prefix)}-{int(counter.numpy()) + 1}"
        _counted_write(self, counter, path)
        writer, strategy = multi_worker()
        if writer:
            directory = os.path.dirname(os.path.abspath(path))
            state = _read_state(directory)
            paths = [p for p in state[1] if p != path] + [path]
            _write_state(directory, path, paths)
        _all_workers_reach(strategy)
        return path

    def read(self, save_path, options=None):
        """Restores from `save_path`, validating everything first; returns a load status."""
        archive = _Archive(save_path)
        try:
            return self._restore_from(archive)
        finally:
            archive.close()

    def _restore_from(self, archive):
        self.save_counter  # noqa: B018 - TF creates it on restore (it may then be unmatched)
        variables, containers = self._graph()
        entries = archive.entries
        # optimizer slots are matched to the variable they belong to, wherever it now sits
        by_reference = {}
        path_of = {id(v): k for k, v in variables.items()}
        unbuilt = []
        for prefix, opt in _optimizers(self):
            if not opt.built:
                unbuilt.append((prefix, opt))
                continue
            for key, v in _children(opt):
                ref = opt._slot_of.get(id(v))
                if ref is not None and id(ref[0]) in path_of:
                    by_reference[(path_of[id(ref[0])], ref[1])] = v
        targets = {}  # checkpoint key -> variable
        for key, var in variables.items():
            e = entries.get(key)
            if e is None:
                continue
            slot = by_reference.get((e.get("slot_of"), e.get("slot")))
            if slot is not None and slot is not var:
                continue  # this position now holds another variable's slot
            targets[key] = var
        for key, e in entries.items():
            slot = by_reference.get((e.get("slot_of"), e.get("slot")))
            if slot is not None:
                targets[key] = slot
        # values for optimizers not built yet: checked now against what each slot will be
        deferred_slots = []
        for prefix, opt in unbuilt:
            by_ref, by_pos, by_path = {}, {}, {}
            for key, e in entries.items():
                m = re.fullmatch(re.escape(prefix) + r"/variables/(\d+)", key)
                if not m or key in targets:
                    continue
                ref_var = variables.get(e.get("slot_of"))
                if ref_var is not None:
                    shape, dtype = archive.header(key)
                    error = (_shape_mismatch(key, shape, ref_var)
                             or _dtype_mismatch(key, dtype, ref_var))
                    if error is not None:
                        raise error
                    by_ref[(id(ref_var), e["slot"])] = key
                elif "slot_of" in e:  # its variable does not exist yet (an unbuilt layer)
                    by_path[(e["slot_of"], e["slot"])] = key
                else:
                    by_pos[int(m.group(1))] = key
            if by_ref or by_pos or by_path:
                deferred_slots.append((opt, by_ref, by_pos, by_path))
        # every needed header is checked against its variable before any data is read
        for key, var in targets.items():
            shape, dtype = archive.header(key)
            error = _shape_mismatch(key, shape, var) or _dtype_mismatch(key, dtype, var)
            if error is not None:
                raise error
        deferred_keys = {k for _, *maps in deferred_slots for m in maps for k in m.values()}
        later = [k for k in entries if k not in targets and k not in deferred_keys]
        for key in later:
            archive.header(key)
        arrays = {key: archive.array(key) for key in (*targets, *deferred_keys)}
        waiting = {key: archive.array(key) for key in later
                   if _deepest_container(containers, key) is not None}
        # all checked: assign
        matched = {id(v) for v in targets.values()}
        unmatched = [v for v in variables.values() if id(v) not in matched]
        status = CheckpointLoadStatus(self, set(entries) - set(targets), unmatched)
        _assign_validated([(var, arrays[key], key) for key, var in targets.items()])
        status._matched_any = bool(targets)
        for opt, by_ref, by_pos, by_path in deferred_slots:
            opt._deferred = _DeferredSlots(
                {r: (k, arrays[k]) for r, k in by_ref.items()},
                {i: (k, arrays[k]) for i, k in by_pos.items()}, status,
                {p: (k, arrays[k]) for p, k in by_path.items()}, self)
        _defer(containers, {key: (key, array, status) for key, array in waiting.items()})
        return status

    def restore(self, save_path, options=None):
        """As `read`; `save_path` None restores nothing (as TF, for a fresh start)."""
        if save_path is None:
            return CheckpointLoadStatus(self, (), ())
        return self.read(save_path)


def _deepest_container(containers, key):
    parts = key.split("/")
    for cut in range(len(parts) - 1, -1, -1):
        if "/".join(parts[:cut]) in containers:
            return containers["/".join(parts[:cut])]
    return None


# -- the directory's state file and the manager --------------------------------------------------------
_STATE_FILE = "checkpoint"


def _read_state(directory):
    path = os.path.join(directory, _STATE_FILE)
    if not os.path.exists(path):
        return None, []
    latest, paths = None, []
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError as e:
        raise DataLossError(None, None, f"The checkpoint state file {path} is corrupted: it is "
                                        f"not text ({e}). Delete it (checkpoints stay on disk) "
                                        f"or restore a checkpoint by its path.") from None
    for line in text.splitlines():
        m = re.match(r'\s*(model_checkpoint_path|all_model_checkpoint_paths):\s*"(.*)"\s*$',
                     line)
        if not m:
            continue
        p = m.group(2)
        if not os.path.isabs(p):
            p = os.path.join(directory, p)
        if m.group(1) == "model_checkpoint_path":
            latest = p
        else:
            paths.append(p)
    return latest, paths


def _write_state(directory, latest, paths):
    def rel(p):
        return os.path.relpath(p, directory) if os.path.dirname(os.path.abspath(p)) == \
            os.path.abspath(directory) else p
    lines = [f'model_checkpoint_path: "{rel(latest)}"'] if latest else []
    lines += [f'all_model_checkpoint_paths: "{rel(p)}"' for p in paths]
    _atomic_write_text(os.path.join(directory, _STATE_FILE), "\n".join(lines) + "\n")


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The prefix of the newest checkpoint recorded in `checkpoint_dir`, or None."""
    latest, _ = _read_state(os.fspath(checkpoint_dir))
    if latest is None or not os.path.exists(_file_for(latest)):
        return None
    return latest


class CheckpointManager:
    """Saves numbered checkpoints into a directory and keeps the newest `max_to_keep`.

    >>> manager = tf.train.CheckpointManager(ckpt, "/tmp/tapeflow_doc_ckpts", max_to_keep=3)
    """

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None,
                 checkpoint_name="ckpt", step_counter=None, checkpoint_interval=None,
                 init_fn=None):
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError(f"Expected a positive integer or `None` for `max_to_keep`, got "
                             f"{max_to_keep}.")
        self._checkpoint = checkpoint
        self._directory = os.fspath(directory)
        self._max_to_keep = max_to_keep
        self._name = checkpoint_name
        self._prefix = os.path.join(self._directory, checkpoint_name)
        self._init_fn = init_fn
        os.makedirs(self._directory, exist_ok=True)
        latest, paths = _read_state(self._directory)
        self._checkpoints = [p for p in paths if os.path.exists(_file_for(p))]
        if latest and latest not in self._checkpoints and os.path.exists(_file_for(latest)):
            self._checkpoints.append(latest)
        self._clean()

    def _clean(self):
        """Removes dead saves' temporary files and, in a directory with a state file, this
        manager's checkpoints that no state records (a save interrupted before recording it)."""
        _remove_stale_temp_files(self._directory)
        if not os.path.exists(os.path.join(self._directory, _STATE_FILE)):
            return
        kept = {os.path.abspath(_file_for(p)) for p in self._checkpoints}
        pattern = re.compile(re.escape(self._name) + r"-\d+" + re.escape(_SUFFIX))
        for name in os.listdir(self._directory):
            path = os.path.abspath(os.path.join(self._directory, name))
            if pattern.fullmatch(name) and path not in kept:
                try:
                    os.unlink(path)
                except OSError:
                    pass

    @property
    def directory(self):
        return self._directory

    @property
    def checkpoints(self):
        """The managed checkpoint prefixes, oldest first."""
        return list(self._checkpoints)

    @property
    def latest_checkpoint(self):
        return self._checkpoints[-1] if self._checkpoints else None

    def save(self, checkpoint_number=None, check_interval=True, options=None):
        """Writes `<directory>/ckpt-N`, drops the oldest beyond `max_to_keep`; returns the path."""
        ckpt = self._checkpoint
        counter = ckpt.save_counter
        if checkpoint_number is None:
            number = int(counter.numpy()) + 1
        else:
            number = int(getattr(checkpoint_number, "numpy", lambda: checkpoint_number)())
        path = f"{self._prefix}-{number}"
        _counted_write(ckpt, counter, path)
        self._checkpoints = [p for p in self._checkpoints if p != path] + [path]
        if self._max_to_keep is not None:
            while len(self._checkpoints) > self._max_to_keep:
                self._checkpoints.pop(0)
        writer, strategy = multi_worker()
        if writer:  # under a multi-worker strategy the chief writes, the others keep count
            _write_state(self._directory, path, self._checkpoints)
            self._clean()
        _all_workers_reach(strategy)
        return path

    def restore_or_initialize(self):
        if self.latest_checkpoint is not None:
            self._checkpoint.restore(self.latest_checkpoint)
            return self.latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None
