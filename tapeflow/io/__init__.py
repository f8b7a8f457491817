"""`tf.io`: TFRecord files, Example and tensor (de)serialization, CSV and raw decoding, files."""
from .decode_ops import decode_csv, decode_raw
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
from .tensor_proto import parse_tensor, serialize_tensor
from ..ops.string_ops import decode_base64, encode_base64
from .tf_record import (
    TFRecordCompressionType,
    TFRecordOptions,
    TFRecordWriter,
    tf_record_iterator,
)

__all__ = ["FixedLenFeature", "FixedLenSequenceFeature", "RaggedFeature", "SparseFeature",
           "TFRecordCompressionType", "TFRecordOptions", "TFRecordWriter", "VarLenFeature",
           "decode_base64", "decode_csv", "decode_raw", "encode_base64", "gfile", "matching_files", "parse_example",
           "parse_sequence_example", "parse_single_example", "parse_single_sequence_example",
           "parse_tensor", "read_file", "serialize_tensor", "tf_record_iterator", "write_file"]
