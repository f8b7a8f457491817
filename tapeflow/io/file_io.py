"""`tf.io.read_file`, `tf.io.write_file`, `tf.io.matching_files` and a small `tf.io.gfile`."""
import contextlib
import glob as _glob
import os
import shutil
import types

import numpy as np

from ..framework.errors import NotFoundError
from ..framework.tensor import wrap


def _path(p):
    if hasattr(p, "numpy"):
        p = p.numpy()
    if isinstance(p, bytes):
        p = p.decode()
    return os.fspath(p)


def read_file(filename, name=None):
    """The whole file's contents as a scalar string tensor."""
    path = _path(filename)
    try:
        with open(path, "rb") as f:
            return wrap(np.array(f.read(), dtype=object))
    except FileNotFoundError:
        raise NotFoundError(None, None, f"{path}; No such file or directory") from None


def write_file(filename, contents, name=None):
    """Writes a scalar string tensor (or bytes) to a file."""
    data = contents.numpy() if hasattr(contents, "numpy") else contents
    with open(_path(filename), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else bytes(data))


def matching_files(pattern, name=None):
    """The sorted file names matching a glob pattern (or a list of them), as a string tensor."""
    patterns = pattern.numpy().tolist() if hasattr(pattern, "numpy") else pattern
    if isinstance(patterns, (str, bytes)):
        patterns = [patterns]
    found = []
    for p in patterns:
        found += _glob.glob(_path(p))
    found.sort()
    out = np.empty(len(found), dtype=object)
    out[:] = [f.encode() for f in found]
    return wrap(out)


class GFile:
    """A file object (`tf.io.gfile.GFile(path, mode)`), here a plain Python file."""

    def __init__(self, name, mode="r"):
        self._stack = contextlib.ExitStack()
        self._f = self._stack.enter_context(open(_path(name), mode))

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._stack.close()

    def __iter__(self):
        return iter(self._f)


def _exists(path):
    return os.path.exists(_path(path))


def _listdir(path):
    p = _path(path)
    if not os.path.isdir(p):
        raise NotFoundError(None, None, f"Could not find directory {p}")
    return sorted(os.listdir(p))


def _glob_files(pattern):
    return sorted(_glob.glob(_path(pattern)))


def _remove(path):
    p = _path(path)
    if not os.path.exists(p):
        raise NotFoundError(None, None, f"{p}; No such file or directory")
    os.remove(p)


class FileStatistics:
    """What `tf.io.gfile.stat` returns: `length` (bytes), `mtime_nsec`, `is_directory`."""

    def __init__(self, length, mtime_nsec, is_directory):
        self.length, self.mtime_nsec, self.is_directory = length, mtime_nsec, is_directory

    def __repr__(self):
        return (f"FileStatistics(length={self.length}, mtime_nsec={self.mtime_nsec}, "
                f"is_directory={self.is_directory})")


def _stat(path):
    p = _path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise NotFoundError(None, None, f"{p}; No such file or directory") from None
    return FileStatistics(st.st_size, st.st_mtime_ns, os.path.isdir(p))


def _registered_schemes():
    """The URI schemes this file system understands: local paths and file:// ones."""
    return ["", "file"]


gfile = types.ModuleType("tapeflow.io.gfile", "`tf.io.gfile`: file-system helpers.")
gfile.__dict__.update(
    GFile=GFile, exists=_exists, listdir=_listdir, glob=_glob_files, remove=_remove,
    stat=_stat, get_registered_schemes=_registered_schemes,
    makedirs=lambda path: os.makedirs(_path(path), exist_ok=True),
    mkdir=lambda path: os.mkdir(_path(path)), isdir=lambda path: os.path.isdir(_path(path)),
    rmtree=lambda path: shutil.rmtree(_path(path)),
    copy=lambda src, dst, overwrite=False: shutil.copyfile(_path(src), _path(dst)),
    rename=lambda src, dst, overwrite=False: os.replace(_path(src), _path(dst)),
    join=lambda *parts: os.path.join(*[_path(p) for p in parts]),
    walk=lambda top, topdown=True: os.walk(_path(top), topdown))
