"""`tf.io`: TFRecord files, Example parsing and file helpers."""
from .file_io import gfile, matching_files, read_file, write_file  # noqa: F401
from .parsing_ops import (FixedLenFeature, FixedLenSequenceFeature, RaggedFeature,  # noqa: F401
                          SparseFeature, VarLenFeature, parse_example, parse_sequence_example,
                          parse_single_example, parse_single_sequence_example)
from .tf_record import TFRecordCompressionType, TFRecordOptions, TFRecordWriter, \
    tf_record_iterator  # noqa: F401
