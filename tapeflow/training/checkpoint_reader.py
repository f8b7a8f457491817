"""Reading checkpoints without a model: `tf.train.load_checkpoint`, `list_variables`,
`load_variable`.

A tapeflow checkpoint's manifest records, for every entry, the key TF 2.21 gives the same
variable in its own checkpoints (`model/dense/_kernel/.ATTRIBUTES/VARIABLE_VALUE`,
`optimizer/_variables/2/.ATTRIBUTES/VARIABLE_VALUE`, `save_counter/.ATTRIBUTES/VARIABLE_VALUE`),
so these functions show what TF's show. Files written before the manifest recorded TF keys are
read too: their entries are named `<tapeflow path>/.ATTRIBUTES/VARIABLE_VALUE`. The entry
`_CHECKPOINTABLE_OBJECT_GRAPH` is listed as a string scalar, as in TF; its value is tapeflow's
JSON manifest (TF's is a serialized `TrackableObjectGraph` proto). Every value is read with the
checkpoint's validation (header against manifest, then the checksum), one entry at a time.

    >>> import os, tempfile
    >>> path = tf.train.Checkpoint(step=tf.Variable(3)).write(
    ...     os.path.join(tempfile.mkdtemp(), "ckpt"))
    >>> tf.train.list_variables(path)
    [('_CHECKPOINTABLE_OBJECT_GRAPH', []), ('step/.ATTRIBUTES/VARIABLE_VALUE', [])]
    >>> tf.train.load_variable(path, "step/.ATTRIBUTES/VARIABLE_VALUE")
    np.int32(3)
"""
import os

import numpy as np

from ..framework import dtypes
from ..framework.errors import NotFoundError
from . import checkpoint as _ckpt

_GRAPH_KEY = _ckpt._FORMAT_KEY


def _prefix_of(ckpt_dir_or_file):
    path = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(path):
        latest = _ckpt.latest_checkpoint(path)
        if latest is None:
            raise ValueError(f"Couldn't find 'checkpoint' file or checkpoints in given directory "
                             f"{path}")
        return latest
    return path.removesuffix(_ckpt._SUFFIX)


class CheckpointReader:
    """The entries of one checkpoint file, by TF's key names (what `load_checkpoint` returns)."""

    def __init__(self, prefix):
        self._prefix = prefix
        if not os.path.exists(_ckpt._file_for(prefix)):
            if os.path.exists(prefix + ".index"):
                raise NotImplementedError(
                    f"{prefix} is a TensorFlow checkpoint (TensorBundle .index/.data files); "
                    f"tapeflow reads only its own checkpoint files")
            raise NotFoundError(None, None, f"Unsuccessful TensorSliceReader constructor: Failed "
                                            f"to find any matching files for {prefix}")
        archive = _ckpt._Archive(prefix)
        try:
            entries = archive.entries
            graph = archive._read(_GRAPH_KEY + ".npy", None)
        finally:
            archive.close()
        self._graph = str(graph).encode()
        self._keys = {}  # TF key -> tapeflow entry name
        self._entries = {}
        for key, e in entries.items():
            tf_key = e.get("tf_key") or key + _ckpt._TF_VALUE_SUFFIX
            self._keys[tf_key] = key
            self._entries[tf_key] = e

    def _names(self):
        return [_GRAPH_KEY] + list(self._keys)

    def get_variable_to_shape_map(self):
        """{key: shape as a list of ints} for every entry."""
        out = {_GRAPH_KEY: []}
        out.update({k: list(e["shape"]) for k, e in self._entries.items()})
        return out

    def get_variable_to_dtype_map(self):
        """{key: tf.DType} for every entry."""
        out = {_GRAPH_KEY: dtypes.string}
        out.update({k: _dtype_of(e["dtype"]) for k, e in self._entries.items()})
        return out

    def has_tensor(self, name):
        """True when the checkpoint has an entry `name`."""
        return name == _GRAPH_KEY or name in self._keys

    def get_tensor(self, name):
        """The value of entry `name` as a NumPy array (a NumPy scalar for 0-d; bytes for
        strings); `NotFoundError` if there is none."""
        if name == _GRAPH_KEY:
            return self._graph
        key = self._keys.get(name)
        if key is None:
            raise NotFoundError(None, None, f"Key {name} not found in checkpoint")
        archive = _ckpt._Archive(self._prefix)
        try:
            value = archive.array(key)
        finally:
            archive.close()
        if value.dtype.kind in "US":
            flat = [v.encode() if isinstance(v, str) else bytes(v) for v in value.reshape(-1)]
            return flat[0] if value.ndim == 0 else np.array(flat, dtype=object).reshape(value.shape)
        return value.copy() if value.ndim else value[()]

    def debug_string(self):
        """One line per entry, `key (DT_FLOAT) [2, 3]`, sorted by key (bytes, as TF)."""
        shapes = self.get_variable_to_shape_map()
        types = self.get_variable_to_dtype_map()
        return "".join(f"{k} ({_dt_name(types[k])}) {shapes[k]}\n" for k in sorted(shapes)).encode()


def _dtype_of(np_dtype):
    if np_dtype.kind in "USO":
        return dtypes.string
    return dtypes.from_numpy(np_dtype)


_DT_NAMES = {"float32": "DT_FLOAT", "float64": "DT_DOUBLE", "float16": "DT_HALF",
             "bfloat16": "DT_BFLOAT16", "string": "DT_STRING", "bool": "DT_BOOL",
             "complex64": "DT_COMPLEX64", "complex128": "DT_COMPLEX128"}


def _dt_name(dtype):
    return _DT_NAMES.get(dtype.name, "DT_" + dtype.name.upper())


def load_checkpoint(ckpt_dir_or_file):
    """A `CheckpointReader` for a checkpoint prefix, or the latest checkpoint of a directory.

    >>> import os, tempfile
    >>> path = tf.train.Checkpoint(w=tf.Variable([1.0, 2.0])).write(
    ...     os.path.join(tempfile.mkdtemp(), "ckpt"))
    >>> reader = tf.train.load_checkpoint(path)
    >>> reader.get_variable_to_shape_map()["w/.ATTRIBUTES/VARIABLE_VALUE"]
    [2]
    >>> reader.get_tensor("w/.ATTRIBUTES/VARIABLE_VALUE")
    array([1., 2.], dtype=float32)
    """
    return CheckpointReader(_prefix_of(ckpt_dir_or_file))


def list_variables(ckpt_dir_or_file):
    """Sorted `(key, shape)` pairs of every entry of a checkpoint (or a directory's latest)."""
    shapes = load_checkpoint(ckpt_dir_or_file).get_variable_to_shape_map()
    return [(k, shapes[k]) for k in sorted(shapes)]


def load_variable(ckpt_dir_or_file, name):
    """The value of one checkpoint entry (a trailing `:0` in `name` is ignored)."""
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name.removesuffix(":0"))


__all__ = ["CheckpointReader", "list_variables", "load_checkpoint", "load_variable"]
