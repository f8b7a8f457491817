"""Feeding `fit`/`evaluate`/`predict`: NumPy arrays, tensors, lists/dicts of them, datasets
(anything with `element_spec` and `__iter__`, e.g. a `tf.data.Dataset`), generators and other
iterables of `(x, y)` / `(x, y, sample_weight)` batches."""
import contextlib
import math
import types

import numpy as np

from ... import nest
from ...framework.tensor import Tensor, convert_to_tensor


def unpack_x_y_sample_weight(data):
    """`(x,)`, `(x, y)` or `(x, y, sample_weight)` -> (x, y, sample_weight)."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError(f"Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, "
                     f"sample_weight)`, found: {data}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    if y is None:
        return x if not isinstance(x, (tuple, list)) else (x,)
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def is_dataset_like(x):
    """A tf.data-style dataset: has `element_spec` and can be iterated."""
    return hasattr(x, "element_spec") and hasattr(x, "__iter__")


def _is_array(x):
    return isinstance(x, (np.ndarray, Tensor)) or getattr(x, "_is_variable", False) or \
        (hasattr(x, "__array__") and hasattr(x, "shape"))


def _is_array_structure(x):
    if x is None:
        return True
    if _is_array(x):
        return True
    if isinstance(x, (list, tuple)):
        return all(_is_array_structure(v) for v in x) and len(x) > 0 and \
            not all(isinstance(v, (int, float)) for v in x)
    if isinstance(x, dict):
        return all(_is_array_structure(v) for v in x.values())
    return False


def _to_numpy(x):
    if x is None:
        return None
    if isinstance(x, dict):
        return {k: _to_numpy(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and not _is_array(x):
        if x and all(_is_array(v) or isinstance(v, (list, tuple, dict)) for v in x):
            return type(x)(_to_numpy(v) for v in x)
    if isinstance(x, Tensor) or getattr(x, "_is_variable", False):
        return np.asarray(x._value) if hasattr(x, "_value") else x.numpy()
    return np.asarray(x)


def _floatx(structure):
    """Keras' array slicing: floating arrays of another float type become floatx (float32)."""
    if structure is None:
        return None

    def cast(a):
        if isinstance(a, np.ndarray) and a.dtype.kind == "f" and a.dtype != np.float32:
            return a.astype(np.float32)
        if isinstance(a, np.ndarray) and a.dtype.name == "bfloat16":
            return a.astype(np.float32)
        return a
    return nest.map_structure(cast, structure)


def _num_samples(*structures):
    for s in structures:
        for a in nest.flatten(s):
            if a is not None and hasattr(a, "shape") and len(a.shape):
                return int(a.shape[0])
    return None


def _take(structure, idx):
    if structure is None:
        return None
    if type(structure) is np.ndarray:
        return structure[idx]
    return nest.map_structure(lambda a: a[idx], structure)


def _as_tensors(structure):
    if structure is None:
        return None
    if type(structure) is np.ndarray:
        return convert_to_tensor(structure)
    return nest.map_structure(lambda a: convert_to_tensor(a), structure)


def _as_tensor(a):
    if a is None or isinstance(a, Tensor) or getattr(a, "_is_variable", False):
        return a
    if isinstance(a, (np.ndarray, np.generic, int, float, bool)) or hasattr(a, "__array__"):
        return convert_to_tensor(a)
    return a


def class_weight_to_sample_weight(y, class_weight):
    y = np.asarray(_to_numpy(y))
    sw = np.ones((y.shape[0],), np.float32)
    if y.ndim > 1:
        y = np.argmax(y, -1) if y.shape[-1] != 1 else np.squeeze(y, -1)
    y = np.round(y).astype(np.int32)
    for i in range(y.shape[0]):
        sw[i] = class_weight.get(int(y[i]), 1.0)
    return sw


def train_validation_split(arrays, validation_split):
    """Splits (x, y, sample_weight) arrays: the last `validation_split` fraction is validation."""
    n = _num_samples(*arrays)
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(f"Training data contains {n} samples, which is not sufficient to split "
                         f"it into a validation and training set as specified by "
                         f"`validation_split={validation_split}`. Either provide more data, or "
                         f"a different value for the `validation_split` argument.")
    train = tuple(_take(a, slice(0, split_at)) for a in arrays)
    val = tuple(_take(a, slice(split_at, n)) for a in arrays)
    return train, val


def _length(x):
    """The number of batches of a dataset-like iterable when it knows it (tf.data's
    `cardinality()`, which is negative when unknown or infinite, or `len`), else None."""
    card = getattr(x, "cardinality", None)
    if callable(card):
        try:
            n = int(np.asarray(getattr(card(), "numpy", lambda: card())()))
        except (TypeError, ValueError):
            n = -1
        return n if n >= 0 else None
    try:
        n = len(x)
    except TypeError:
        return None
    return n if n >= 0 else None


class EpochIterator:
    """Batches for one epoch at a time; `num_batches` is None when unknown (generators)."""

    def __init__(self, x=None, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                 shuffle=False, class_weight=None, steps_per_execution=1):
        self.steps_per_epoch = steps_per_epoch
        self.steps_per_execution = steps_per_execution
        self._current_iterator = None
        self._epoch_iterator = None
        self._steps_seen = 0
        self.class_weight = class_weight
        if is_dataset_like(x) or isinstance(x, types.GeneratorType) or (
                not _is_array_structure(x) and hasattr(x, "__iter__")):
            if y is not None:
                raise ValueError("`y` argument is not supported when using dataset as input.")
            if sample_weight is not None:
                raise ValueError("`sample_weight` argument is not supported when using dataset "
                                 "as input.")
            if batch_size is not None and (is_dataset_like(x) or
                                           isinstance(x, types.GeneratorType)):
                raise ValueError(f"The `batch_size` argument must not be specified for the given "
                                 f"input type. Received input: {x}, batch_size: {batch_size}")
            self.kind = "generator" if isinstance(x, types.GeneratorType) else "iterable"
            self.source = x
            n = None
            if self.kind == "iterable":
                n = _length(x)
            self._num = n
        else:
            self.kind = "arrays"
            if x is None:
                raise ValueError("Unrecognized data type: x=None (of type <class 'NoneType'>)")
            self.x, self.y = _floatx(_to_numpy(x)), _floatx(_to_numpy(y))
            self.sw = _floatx(_to_numpy(sample_weight))
            if class_weight is not None:
                if self.sw is not None:
                    raise ValueError("You cannot `class_weight` and `sample_weight` at the same "
                                     "time.")
                self.sw = class_weight_to_sample_weight(self.y, class_weight)
            self.n = _num_samples(self.x, self.y)
            self.batch_size = batch_size or 32
            self.shuffle = shuffle
            self._num = int(math.ceil(self.n / self.batch_size)) if self.n is not None else 1

    @property
    def num_batches(self):
        if self.steps_per_epoch:
            return self.steps_per_epoch
        return self._num

    def _array_batches(self):
        idx = np.arange(self.n)
        if self.shuffle == "batch":
            starts = np.arange(0, self.n, self.batch_size)
            np.random.shuffle(starts)
            order = [idx[s:s + self.batch_size] for s in starts]
        elif self.shuffle:
            np.random.shuffle(idx)
            order = [idx[i:i + self.batch_size] for i in range(0, self.n, self.batch_size)]
        else:  # in order: contiguous slices (the same rows, without gathering them)
            order = [slice(i, i + self.batch_size) for i in range(0, self.n, self.batch_size)]
        for b in order:
            x = _as_tensors(_take(self.x, b))
            if self.y is None and self.sw is None:
                yield (x,)
            elif self.sw is None:
                yield (x, _as_tensors(_take(self.y, b)))
            else:
                yield (x, _as_tensors(_take(self.y, b)), _as_tensors(_take(self.sw, b)))

    def _with_class_weight(self, batches):
        """The batches of a dataset or generator as tensors (as Keras feeds them through
        tf.data), with `class_weight` turned into sample weights."""
        for data in batches:
            if self.class_weight is not None:
                x, y, sw = unpack_x_y_sample_weight(data)
                data = (x, y, class_weight_to_sample_weight(y, self.class_weight))
            if isinstance(data, list):
                data = tuple(data)
            yield nest.map_structure(_as_tensor, data)

    def _get_iterator(self):
        """A fresh iterator of batches (a generator cannot restart: it goes on where it is)."""
        if self.kind == "arrays":
            return self._array_batches()
        if self.kind == "generator":
            return self._with_class_weight(self.source)
        return self._with_class_weight(iter(self.source))

    def reset(self):
        self._current_iterator = None
        self._steps_seen = 0
        self._epoch_iterator = None

    def _interrupted_warning(self):
        import warnings
        warnings.warn("Your input ran out of data; interrupting training. Make sure that your "
                      "dataset or generator can generate at least `steps_per_epoch * epochs` "
                      "batches. You may need to use the `.repeat()` function when building "
                      "your dataset.", stacklevel=2)

    def __iter__(self):
        """(begin_step, end_step, iterator) per execution of `steps_per_execution` steps, as
        Keras' EpochIterator: the step function takes its batches from `iterator`. With a fixed
        `steps_per_epoch` one iterator runs on across epochs (restarted once it has given all
        its batches)."""
        spe = self.steps_per_execution
        steps_per_epoch = self.steps_per_epoch or self._num or -1
        if steps_per_epoch > 0:
            if self._current_iterator is None or self.steps_per_epoch is None:
                self._current_iterator = self._get_iterator()
                self._steps_seen = 0
            for step in range(0, steps_per_epoch, spe):
                if self._num and self._steps_seen >= self._num:
                    if self.steps_per_epoch:
                        self._interrupted_warning()
                    break
                self._steps_seen += spe
                yield step, step + spe - 1, self._current_iterator
            if self._num and self._steps_seen >= self._num:
                self._current_iterator = self._get_iterator()
                self._steps_seen = 0
        else:
            iterator = self._get_iterator()
            step = -spe
            while True:
                step += spe
                self._steps_seen = step + spe
                yield step, step + spe - 1, iterator

    @contextlib.contextmanager
    def catch_stop_iteration(self):
        """Ends the epoch when the data runs out (StopIteration from the step function): the
        number of batches is then known."""
        try:
            yield
        except StopIteration:
            if self._num is None:
                self._num = self._steps_seen
            self._interrupted_warning()
            self._current_iterator = None
