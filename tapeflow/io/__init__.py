"""`tf.io`: TFRecord files, Example parsing and file helpers."""
from .file_io import gfile, matching_files, read_file, write_file
from .parsing_ops import (
                          FixedLenFeature,
                          FixedLenSequenceFeature,
                          RaggedFeature,
                          SparseFeature,
                          VarLenFeature,
                          parse_example,
                          parse_sequence_example,
                          parse_single_example,
                          parse_single_sequence_example,
)
from .tf_record import (
                          TFRecordCompressionType,
                          TFRecordOptions,
                          TFRecordWriter,
                          tf_record_iterator,
)

__all__ = ["FixedLenFeature", "FixedLenSequenceFeature", "RaggedFeature", "SparseFeature",
           "TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter", "VarLenFeature",
           "gfile", "matching_files", "parse_example", "parse_sequence_example",
           "parse_single_example", "parse_single_sequence_example", "read_file",
           "tf_record_iterator", "write_file"]
