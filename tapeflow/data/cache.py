"""`Dataset.cache`: the first complete pass is kept (in memory, or in files) and replayed.

A pass that stops early caches nothing, as in TF. A file cache writes `<filename>_0.data`
(NumPy `.npy` records, one per component) and, once the pass is complete, `<filename>.index`;
a later dataset with the same filename reads it instead of its input. The files are tapeflow's
own format, not TF's tensor bundle.

    >>> ds = tf.data.Dataset.range(3).cache()
    >>> [int(x) for x in ds] == [int(x) for x in ds]
    True
"""
import os

import numpy as np

from ..framework import errors, nest
from . import _structure as S
from .dataset_ops import _close, _UnaryDataset

_MAGIC = b"TFCACHE1"


class CacheDataset(_UnaryDataset):
    def __init__(self, input_dataset, filename=""):
        super().__init__(input_dataset)
        self._filename = os.fspath(S.value_of(filename).item().decode()
                                   if hasattr(filename, "_value") else filename)
        self._memory = None

    def _probe_iterator(self):
        if self._memory is not None:
            return iter(self._memory)
        return self._input._probe_iterator()

    def _make_iterator(self):
        if not self._filename:
            return self._memory_iterator()
        if os.path.exists(self._filename + ".index"):
            return self._file_reader()
        return self._file_writer()

    def _memory_iterator(self):
        if self._memory is not None:
            yield from self._memory
            return
        kept = []
        for element in self._input._make_iterator():
            kept.append(element)
            yield element
        self._memory = kept

    # -- files -----------------------------------------------------------------------------------
    def _data_path(self):
        return self._filename + "_0.data"

    def _file_writer(self):
        directory = os.path.dirname(self._filename)
        if directory and not os.path.isdir(directory):
            raise errors.NotFoundError(None, None, f"Failed to create a directory: {directory}; "
                                                   "No such file or directory")
        tmp = self._data_path() + ".tmp"
        source = self._input._make_iterator()
        complete = False
        try:
            with open(tmp, "wb") as f:
                f.write(_MAGIC)
                for element in source:
                    for leaf in nest.flatten(element):
                        _save_leaf(f, np.asarray(S.value_of(leaf)))
                    yield element
            complete = True
        finally:
            _close(source)
            if complete:
                os.replace(tmp, self._data_path())
                with open(self._filename + ".index", "wb") as f:
                    f.write(_MAGIC)
            elif os.path.exists(tmp):
                os.remove(tmp)

    def _file_reader(self):
        spec = self.element_spec
        n_leaves = len(nest.flatten(spec))
        with open(self._data_path(), "rb") as f:
            if f.read(len(_MAGIC)) != _MAGIC:
                raise errors.DataLossError(None, None, f"{self._data_path()} is not a tapeflow "
                                                       "cache file")
            size = os.fstat(f.fileno()).st_size
            while f.tell() < size:
                leaves = [S.tensor_of(_load_leaf(f)) for _ in range(n_leaves)]
                yield nest.pack_sequence_as(spec, leaves)


def _save_leaf(f, arr):
    """One component as `.npy` records: strings as their lengths and their joined bytes (no
    pickles, so reading a cache never runs code)."""
    if arr.dtype == object:
        flat = [bytes(v) for v in arr.reshape(-1)]
        np.save(f, np.array([1], dtype=np.int8))
        np.save(f, np.array([len(v) for v in flat], dtype=np.int64).reshape(arr.shape))
        np.save(f, np.frombuffer(b"".join(flat), dtype=np.uint8))
    else:
        np.save(f, np.array([0], dtype=np.int8))
        np.save(f, arr)


def _load_leaf(f):
    kind = np.load(f)[0]
    if kind == 0:
        return np.load(f)
    lengths = np.load(f)
    data = np.load(f).tobytes()
    out = np.empty(lengths.shape, dtype=object)
    flat = out.reshape(-1)
    pos = 0
    for i, n in enumerate(lengths.reshape(-1)):
        flat[i] = data[pos:pos + n]
        pos += n
    return out
