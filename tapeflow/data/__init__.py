"""`tf.data`: input pipelines (`tf.data.Dataset` and its file readers), run eagerly.

    >>> ds = tf.data.Dataset.range(6).map(lambda x: x * x).batch(4)
    >>> for batch in ds:
    ...     print(batch.numpy())
    [0 1 4 9]
    [16 25]
"""
from . import experimental
from ._structure import DatasetSpec
from .dataset_ops import AUTOTUNE, Dataset, DatasetV2
from .dataset_ops import INFINITE as INFINITE_CARDINALITY
from .dataset_ops import UNKNOWN as UNKNOWN_CARDINALITY
from .iterator_ops import Iterator, NumpyIterator
from .options import Options, ThreadingOptions
from .readers import FixedLengthRecordDataset, TextLineDataset, TFRecordDataset

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "Dataset", "DatasetSpec",
           "DatasetV2", "FixedLengthRecordDataset", "Iterator", "NumpyIterator", "Options",
           "TFRecordDataset", "TextLineDataset", "ThreadingOptions", "experimental"]
