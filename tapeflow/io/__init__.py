"""`tf.io`: TFRecord files, Example and tensor (de)serialization, CSV and raw decoding, files."""
from ..ops.image_ops import (
    decode_bmp,
    decode_gif,
    decode_image,
    decode_jpeg,
    decode_png,
    encode_jpeg,
    encode_png,
    extract_jpeg_shape,
    is_jpeg,
)
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
           "decode_base64", "decode_bmp", "decode_csv", "decode_gif", "decode_image",
           "decode_jpeg", "decode_png", "decode_raw", "encode_base64", "encode_jpeg", "encode_png",
           "extract_jpeg_shape", "gfile", "is_jpeg", "matching_files", "parse_example",
           "parse_sequence_example", "parse_single_example", "parse_single_sequence_example",
           "parse_tensor", "read_file", "serialize_tensor", "tf_record_iterator", "write_file"]
