"""`tf.train.Checkpoint`, `tf.train.CheckpointManager` and `tf.train.latest_checkpoint`.

Format: one NumPy `.npz` archive per checkpoint (`np.savez`, loaded with `allow_pickle=False`, so
loading never runs code). Each variable is stored under its path in the object graph, as TF names
checkpoint entries: `model/dense/kernel`, `optimizer/iteration`, `optimizer/variables/3`
(optimizer slots by position), `save_counter`. A string entry `_CHECKPOINTABLE_OBJECT_GRAPH`
holds a format tag. `save("dir/ckpt")` writes `dir/ckpt-1.npz` and returns `"dir/ckpt-1"`, the
prefix that `restore`, `read` and `latest_checkpoint` use; a `checkpoint` state file in the
directory records the latest one (as TF's does).

Safety:
* a save writes to a temporary file in the same directory and then `os.replace`s it, so an
  interrupted save never leaves a half-written checkpoint under the final name;
* a restore reads and checks everything first (the archive opens, every entry matches its
  variable's shape and dtype) and only then assigns: a corrupted or mismatched file raises
  (`tf.errors.DataLossError` or `ValueError`) and leaves every variable as it was.

Objects: `Checkpoint(**objects)` takes variables, `tf.Module`s (including Keras layers), Keras
optimizers, other checkpoints, and lists/dicts of these. Optimizer slot variables that do not
exist yet at restore time (the optimizer has not been built) are restored when it is built, as
TF's deferred restoration does.

    >>> v = tf.Variable(1.0)
    >>> ckpt = tf.train.Checkpoint(v=v)
    >>> path = ckpt.write("/tmp/tapeflow_doc_ckpt")
    >>> _ = v.assign(5.0); _ = ckpt.read(path); v.numpy()
    np.float32(1.0)
"""
import os
import re
import tempfile
import zipfile

import numpy as np

from ..framework.errors import DataLossError, NotFoundError
from ..framework.variables import Variable

_FORMAT_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
_FORMAT_TAG = "tapeflow-checkpoint-v1"
_SUFFIX = ".npz"


# -- walking the object graph ---------------------------------------------------------------------
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
    if isinstance(v, (Variable, Module, Optimizer, Checkpoint)):
        return True
    if isinstance(v, (list, tuple)):
        return any(_is_checkpointable(x) for x in v)
    if isinstance(v, dict):
        return any(_is_checkpointable(x) for x in v.values())
    return False


def _collect(root):
    """{path: variable}, each variable once (under the first path that reaches it)."""
    out, seen = {}, set()
    stack = [("", root)]
    visited = set()
    while stack:
        prefix, obj = stack.pop()
        if isinstance(obj, Variable):
            if id(obj) not in seen:
                seen.add(id(obj))
                out[prefix] = obj
            continue
        if id(obj) in visited and not isinstance(obj, (list, tuple, dict)):
            continue
        visited.add(id(obj))
        kids = _children(obj)
        for name, child in reversed(kids):
            stack.append((f"{prefix}/{name}" if prefix else name, child))
    return out


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


# -- files ------------------------------------------------------------------------------------------
def _file_for(prefix):
    prefix = os.fspath(prefix)
    return prefix if prefix.endswith(_SUFFIX) else prefix + _SUFFIX


def _atomic_savez(path, arrays):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _atomic_write_text(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _load(prefix):
    """{key: array} from a checkpoint file, or a clear error (nothing is assigned here)."""
    path = _file_for(prefix)
    if not os.path.exists(path):
        raise NotFoundError(None, None, f"Unsuccessful TensorSliceReader constructor: Failed to "
                                        f"find any matching files for {prefix}")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError) as e:
        raise DataLossError(None, None, f"Unable to read checkpoint {path}: the file is corrupted "
                                        f"or not a tapeflow checkpoint ({e})") from None
    tag = arrays.pop(_FORMAT_KEY, None)
    if tag is None or str(tag) != _FORMAT_TAG:
        raise DataLossError(None, None, f"{path} is not a tapeflow checkpoint (no "
                                        f"{_FORMAT_KEY} entry)")
    return arrays


def _check(variable, array, key):
    want_shape = tuple(variable.shape.as_list()) if variable.shape.rank is not None else None
    if want_shape is not None and tuple(array.shape) != want_shape:
        raise ValueError(f"Checkpoint entry '{key}' has shape {tuple(array.shape)}, but the "
                         f"variable {variable.name!r} being restored has shape {want_shape}; "
                         f"nothing was restored.")
    if array.dtype != variable._value.dtype:
        raise ValueError(f"Checkpoint entry '{key}' has dtype {array.dtype}, but the variable "
                         f"{variable.name!r} being restored has dtype {variable.dtype.name}; "
                         f"nothing was restored.")


def _assign_validated(triples):
    """Checks every (variable, array, key) first, then assigns them all."""
    for var, array, key in triples:
        _check(var, array, key)
    for var, array, _ in triples:
        var.assign(array)


# -- public API --------------------------------------------------------------------------------------

def _counted_write(ckpt, counter, path):
    """Bumps the save counter and writes `path`; a failed write leaves the counter as it was."""
    counter.assign_add(np.int64(1))
    try:
        ckpt.write(path)
    except BaseException:
        counter.assign_sub(np.int64(1))
        raise

class CheckpointLoadStatus:
    """What `restore` returns: which saved entries and which variables were matched."""

    def __init__(self, checkpoint, unused_keys, unmatched):
        self._checkpoint = checkpoint
        self._unused = sorted(unused_keys)
        self._unmatched = sorted(unmatched)

    def assert_consumed(self):
        """Raises AssertionError unless every saved entry and every variable was matched."""
        if self._unused or self._unmatched:
            raise AssertionError(f"Unresolved object in checkpoint: saved entries not used: "
                                 f"{self._unused}; variables not found in the checkpoint: "
                                 f"{self._unmatched}")
        return self

    def assert_existing_objects_matched(self):
        """Raises AssertionError if a variable of the checkpointed objects was not in the file."""
        if self._unmatched:
            raise AssertionError(f"Some objects had no checkpointed value: {self._unmatched}")
        return self

    def assert_nontrivial_match(self):
        return self

    def expect_partial(self):
        """Silences complaints about unused entries (there are none in tapeflow)."""
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
        for name, obj in objects.items():
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

    def _variables(self):
        found = _collect(self)
        if self._save_counter is not None:
            found["save_counter"] = self._save_counter
        return found

    def write(self, file_prefix, options=None):
        """Writes every variable to `file_prefix` (+ '.npz'); returns `file_prefix`."""
        arrays = {key: np.asarray(var._value) for key, var in self._variables().items()}
        arrays[_FORMAT_KEY] = np.array(_FORMAT_TAG)
        _atomic_savez(_file_for(file_prefix), arrays)
        return os.fspath(file_prefix)

    def save(self, file_prefix, options=None):
        """Writes `file_prefix-N` (N = the incremented save counter) and records it as the latest
        checkpoint of its directory; returns the path."""
        counter = self.save_counter
        path = f"{os.fspath(file_prefix)}-{int(counter.numpy()) + 1}"
        _counted_write(self, counter, path)
        directory = os.path.dirname(os.path.abspath(path))
        state = _read_state(directory)
        paths = [p for p in state[1] if p != path] + [path]
        _write_state(directory, path, paths)
        return path

    def read(self, save_path, options=None):
        """Restores from `save_path` (validating everything first); returns a load status."""
        arrays = _load(save_path)
        found = self._variables()
        if "save_counter" in arrays and self._save_counter is None:
            found["save_counter"] = self.save_counter
        triples = [(var, arrays[key], key) for key, var in found.items() if key in arrays]
        unmatched = [key for key in found if key not in arrays]
        used = {key for key in found if key in arrays}
        deferred = {}
        for prefix, opt in _optimizers(self):
            if opt.built:
                continue
            pending = {}
            for key, array in arrays.items():
                m = re.fullmatch(re.escape(prefix) + r"/variables/(\d+)", key)
                if m and key not in used:
                    pending[int(m.group(1))] = (key, array)
                    used.add(key)
            if pending:
                deferred[id(opt)] = (opt, pending)
        _assign_validated(triples)
        for opt, pending in deferred.values():
            opt._deferred = pending
        return CheckpointLoadStatus(self, set(arrays) - used, unmatched)

    def restore(self, save_path, options=None):
        """As `read`; `save_path` None restores nothing (as TF, for a fresh start)."""
        if save_path is None:
            return CheckpointLoadStatus(self, (), ())
        return self.read(save_path)


# -- the directory's state file and the manager --------------------------------------------------------
_STATE_FILE = "checkpoint"


def _read_state(directory):
    path = os.path.join(directory, _STATE_FILE)
    if not os.path.exists(path):
        return None, []
    latest, paths = None, []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
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
        self._prefix = os.path.join(self._directory, checkpoint_name)
        self._init_fn = init_fn
        os.makedirs(self._directory, exist_ok=True)
        latest, paths = _read_state(self._directory)
        self._checkpoints = [p for p in paths if os.path.exists(_file_for(p))]
        if latest and latest not in self._checkpoints and os.path.exists(_file_for(latest)):
            self._checkpoints.append(latest)

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
        removed = []
        if self._max_to_keep is not None:
            while len(self._checkpoints) > self._max_to_keep:
                removed.append(self._checkpoints.pop(0))
        _write_state(self._directory, path, self._checkpoints)
        for old in removed:
            try:
                os.unlink(_file_for(old))
            except FileNotFoundError:
                pass
        return path

    def restore_or_initialize(self):
        if self.latest_checkpoint is not None:
            self._checkpoint.restore(self.latest_checkpoint)
            return self.latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None
