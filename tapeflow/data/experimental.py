"""`tf.data.experimental`: the older and experimental names TF programs still use."""
from ..framework import dtypes
from ..io.tf_record import TFRecordWriter as _RecordWriter
from . import dataset_ops as _ops
from .dataset_ops import AUTOTUNE
from .dataset_ops import INFINITE as INFINITE_CARDINALITY
from .dataset_ops import UNKNOWN as UNKNOWN_CARDINALITY
from .iterator_ops import Optional
from .options import (
    AutoShardPolicy,
    AutotuneAlgorithm,
    AutotuneOptions,
    DistributeOptions,
    ExternalStatePolicy,
    OptimizationOptions,
    ServiceOptions,
    ThreadingOptions,
)
from .readers import CsvDataset, make_csv_dataset

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "AutoShardPolicy",
           "AutotuneAlgorithm", "AutotuneOptions", "Counter", "CsvDataset", "DistributeOptions",
           "ExternalStatePolicy", "OptimizationOptions", "Optional", "RandomDataset",
           "ServiceOptions", "TFRecordWriter", "ThreadingOptions", "assert_cardinality",
           "bucket_by_sequence_length", "cardinality", "choose_from_datasets",
           "dense_to_ragged_batch", "dense_to_sparse_batch", "enumerate_dataset", "from_list",
           "get_next_as_optional", "get_single_element", "get_structure", "group_by_window",
           "ignore_errors", "load", "make_batched_features_dataset", "make_csv_dataset", "map_and_batch", "parallel_interleave", "parse_example_dataset",
           "rejection_resample", "sample_from_datasets", "save", "scan", "shuffle_and_repeat",
           "snapshot", "take_while", "unbatch", "unique"]

Dataset = _ops.Dataset


def cardinality(dataset):
    """`dataset.cardinality()`: -1 infinite, -2 unknown."""
    return dataset.cardinality()


def assert_cardinality(expected_cardinality):
    """A transformation (for `Dataset.apply`) that checks the number of elements while
    iterating and reports it as the cardinality."""
    return lambda dataset: _ops._AssertCardinalityDataset(dataset, expected_cardinality)


def ignore_errors(log_warning=False):
    return lambda dataset: dataset.ignore_errors(log_warning)


def enumerate_dataset(start=0):
    return lambda dataset: dataset.enumerate(start)


def unbatch():
    return lambda dataset: dataset.unbatch()


def unique():
    return lambda dataset: dataset.unique()


def take_while(predicate):
    return lambda dataset: dataset.take_while(predicate)


def scan(initial_state, scan_func):
    return lambda dataset: dataset.scan(initial_state, scan_func)


def group_by_window(key_func, reduce_func, window_size=None, window_size_func=None):
    return lambda dataset: dataset.group_by_window(key_func, reduce_func, window_size,
                                                   window_size_func)


def bucket_by_sequence_length(element_length_func, bucket_boundaries, bucket_batch_sizes,
                              padded_shapes=None, padding_values=None,
                              pad_to_bucket_boundary=False, no_padding=False,
                              drop_remainder=False):
    return lambda dataset: dataset.bucket_by_sequence_length(
        element_length_func, bucket_boundaries, bucket_batch_sizes, padded_shapes,
        padding_values, pad_to_bucket_boundary, no_padding, drop_remainder)


def shuffle_and_repeat(buffer_size, count=None, seed=None):
    return lambda dataset: dataset.shuffle(buffer_size, seed).repeat(count)


def map_and_batch(map_func, batch_size, num_parallel_batches=None, drop_remainder=False,
                  num_parallel_calls=None):
    return lambda dataset: dataset.map(map_func, num_parallel_calls).batch(
        batch_size, drop_remainder)


def parallel_interleave(map_func, cycle_length, block_length=1, sloppy=False,
                        buffer_output_elements=None, prefetch_input_elements=None):
    return lambda dataset: dataset.interleave(map_func, cycle_length, block_length,
                                              num_parallel_calls=cycle_length,
                                              deterministic=not sloppy)


def get_single_element(dataset):
    return dataset.get_single_element()


def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False):
    return Dataset.sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset)


def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=True):
    return Dataset.choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset)


def from_list(elements, name=None):
    """A dataset of the given list of elements (each a nest of the same structure)."""
    if not elements:
        raise ValueError("Invalid `elements`. `elements` should not be empty.")
    from . import _structure as S
    normalized = [S.normalize_element(e) for e in elements]
    return _ops.Dataset.from_tensor_slices(
        _ops.nest.map_structure(lambda *xs: _ops._stack(list(xs)), *normalized))


def parse_example_dataset(features, num_parallel_calls=1, deterministic=None):
    """A transformation: a dataset of serialized Example batches to dicts of parsed tensors."""
    from ..io.parsing_ops import parse_example
    return lambda dataset: dataset.map(lambda s: parse_example(s, features),
                                       num_parallel_calls=num_parallel_calls,
                                       deterministic=deterministic)


def make_batched_features_dataset(file_pattern, batch_size, features, reader=None,
                                  label_key=None, reader_args=None, num_epochs=None,
                                  shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                                  prefetch_buffer_size=None, reader_num_threads=None,
                                  parser_num_threads=None, sloppy_ordering=False,
                                  drop_final_batch=False):
    """Batches of parsed Examples (dicts, or `(features, label)` with `label_key`) from the
    files matching `file_pattern` (TFRecord files unless `reader` says otherwise)."""
    from .readers import TFRecordDataset
    reader = TFRecordDataset if reader is None else reader
    files = Dataset.list_files(file_pattern, shuffle=shuffle, seed=shuffle_seed)
    args = list(reader_args or [])
    ds = files.interleave(lambda f: reader(f, *args), cycle_length=reader_num_threads or 1)
    if num_epochs != 1:
        ds = ds.repeat(num_epochs)
    if shuffle:
        ds = ds.shuffle(shuffle_buffer_size, seed=shuffle_seed)
    ds = ds.batch(batch_size, drop_remainder=drop_final_batch)
    ds = ds.apply(parse_example_dataset(features))
    if label_key is not None:
        if label_key not in features:
            raise ValueError(f"The `label_key` provided ({label_key}) must be one of the "
                             f"`features` keys.")
        ds = ds.map(lambda parsed: ({k: v for k, v in parsed.items() if k != label_key},
                                    parsed[label_key]))
    return ds.prefetch(prefetch_buffer_size if prefetch_buffer_size is not None else -1)


def Counter(start=0, step=1, dtype=dtypes.int64, name=None):
    """`start, start + step, ...` forever (`tf.data.experimental.Counter`)."""
    return _ops._counter(start, step, dtype)


def RandomDataset(seed=None, name=None):
    return Dataset.random(seed)


def get_next_as_optional(iterator):
    return iterator.get_next_as_optional()


def get_structure(dataset_or_iterator):
    return dataset_or_iterator.element_spec


def rejection_resample(class_func, target_dist, initial_dist=None, seed=None):
    raise NotImplementedError("tf.data.experimental.rejection_resample is not implemented in "
                              "tapeflow")


def dense_to_ragged_batch(batch_size, drop_remainder=False, row_splits_dtype=dtypes.int64):
    """`Dataset.ragged_batch` as a transformation for `Dataset.apply`."""
    def apply(dataset):
        return dataset.ragged_batch(batch_size, drop_remainder, row_splits_dtype)
    return apply


def dense_to_sparse_batch(batch_size, row_shape):
    raise NotImplementedError("tf.data.experimental.dense_to_sparse_batch is not implemented in "
                              "tapeflow")


def snapshot(path, compression="AUTO", reader_func=None, shard_func=None):
    raise NotImplementedError("tf.data.experimental.snapshot is not implemented in tapeflow")


def save(dataset, path, compression=None, shard_func=None, checkpoint_args=None):
    raise NotImplementedError("tf.data.experimental.save is not implemented in tapeflow")


def load(path, element_spec=None, compression=None, reader_func=None):
    raise NotImplementedError("tf.data.experimental.load is not implemented in tapeflow")


class TFRecordWriter:
    """Writes a dataset of scalar strings to a TFRecord file (`write(dataset)`)."""

    def __init__(self, filename, compression_type=None, name=None):
        self._filename = filename
        self._compression = compression_type

    def write(self, dataset):
        with _RecordWriter(self._filename, self._compression) as w:
            for record in dataset:
                w.write(record.numpy())
