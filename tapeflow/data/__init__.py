"""`tf.data`: input pipelines (`tf.data.Dataset` and its file readers), run eagerly.

    >>> ds = tf.data.Dataset.range(6).map(lambda x: x * x).batch(4)
    >>> for batch in ds:
    ...     print(batch.numpy())
    [0 1 4 9]
    [16 25]
"""
from . import experimental  # noqa: F401
from ._structure import DatasetSpec  # noqa: F401
from .dataset_ops import AUTOTUNE, INFINITE as INFINITE_CARDINALITY, UNKNOWN as UNKNOWN_CARDINALITY  # noqa: F401
from .dataset_ops import Dataset, DatasetV2  # noqa: F401
from .iterator_ops import Iterator, NumpyIterator  # noqa: F401
from .options import Options, ThreadingOptions  # noqa: F401
from .readers import FixedLengthRecordDataset, TextLineDataset, TFRecordDataset  # noqa: F401
