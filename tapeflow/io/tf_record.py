"""TFRecord files: `tf.io.TFRecordWriter`, `tf.io.TFRecordOptions` and the record reader behind
`tf.data.TFRecordDataset`, byte-compatible with TF.

A record is framed as: uint64 length (little endian), uint32 masked CRC32C of those 8 bytes,
the data, uint32 masked CRC32C of the data. A file may be GZIP- or ZLIB-compressed as a whole.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "demo.tfrecord")
    >>> with tf.io.TFRecordWriter(path) as w:
    ...     w.write(b"hello")
    >>> [r.numpy() for r in tf.data.TFRecordDataset(path)]
    [b'hello']
"""
import contextlib
import gzip
import io as _io
import os
import struct
import types
import zlib

from ..framework.errors import DataLossError, InvalidArgumentError, NotFoundError
from ._crc32c import masked_crc32c


class TFRecordCompressionType:
    NONE = 0
    ZLIB = 1
    GZIP = 2


_NAMES = {TFRecordCompressionType.NONE: "", TFRecordCompressionType.ZLIB: "ZLIB",
          TFRecordCompressionType.GZIP: "GZIP"}


class TFRecordOptions:
    """How a TFRecord file is compressed: `TFRecordOptions(compression_type="GZIP")`."""

    compression_type_map = types.MappingProxyType({TFRecordCompressionType.ZLIB: "ZLIB",
                                                   TFRecordCompressionType.GZIP: "GZIP",
                                                   TFRecordCompressionType.NONE: ""})

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_method=None, mem_level=None, compression_strategy=None):
        if isinstance(compression_type, int):
            compression_type = _NAMES[compression_type]
        self.compression_type = compression_type
        self.flush_mode = flush_mode
        self.input_buffer_size = input_buffer_size
        self.output_buffer_size = output_buffer_size
        self.window_bits = window_bits
        self.compression_level = compression_level
        self.compression_method = compression_method
        self.mem_level = mem_level
        self.compression_strategy = compression_strategy

    @classmethod
    def get_compression_type_string(cls, options):
        """'', 'ZLIB' or 'GZIP' for an options object, a string or a TFRecordCompressionType."""
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return cls.get_compression_type_string(options.compression_type)
        if isinstance(options, int):
            return _NAMES[options]
        name = str(options).upper()
        if name not in ("", "ZLIB", "GZIP"):
            raise ValueError(f'Unsupported compression type "{options}": must be "", "ZLIB" or '
                             '"GZIP"')
        return name


def compression_name(compression_type):
    return TFRecordOptions.get_compression_type_string(compression_type)


def _frame(record):
    header = struct.pack("<Q", len(record))
    return b"".join((header, struct.pack("<I", masked_crc32c(header)), record,
                     struct.pack("<I", masked_crc32c(record))))


class TFRecordWriter:
    """Writes records to a TFRecord file (`with tf.io.TFRecordWriter(path) as w: w.write(b)`)."""

    def __init__(self, path, options=None):
        path = os.fspath(path)
        kind = TFRecordOptions.get_compression_type_string(options)
        level = getattr(options, "compression_level", None)
        level = 6 if level is None or level < 0 else level
        self._stack = contextlib.ExitStack()
        try:
            raw = self._stack.enter_context(open(path, "wb"))
        except FileNotFoundError:
            raise NotFoundError(None, None, f"{path}; No such file or directory") from None
        self._raw = raw
        if kind == "GZIP":
            self._file = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=level, mtime=0)
            self._compressor = None
        elif kind == "ZLIB":
            self._file = raw
            self._compressor = zlib.compressobj(level)
        else:
            self._file = raw
            self._compressor = None
        self._closed = False

    def write(self, record):
        """Appends one record (bytes or str)."""
        if self._closed:
            raise InvalidArgumentError(None, None, "Writer is closed.")
        if isinstance(record, str):
            record = record.encode()
        if not isinstance(record, (bytes, bytearray, memoryview)):
            raise TypeError(f"write(): incompatible function arguments: record must be bytes or "
                            f"str, got {type(record).__name__}")
        data = _frame(bytes(record))
        if self._compressor is not None:
            data = self._compressor.compress(data)
        self._file.write(data)

    def flush(self):
        if self._compressor is not None:
            self._file.write(self._compressor.flush(zlib.Z_SYNC_FLUSH))
        self._file.flush()

    def close(self):
        if self._closed:
            return
        if self._compressor is not None:
            self._file.write(self._compressor.flush())
        if self._file is not self._raw:
            self._file.close()
        self._stack.close()
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        with contextlib.suppress(Exception):  # nothing to report to at collection time
            self.close()


@contextlib.contextmanager
def opened(path, compression_type):
    """The decompressed byte stream of a file (NotFoundError if it does not exist)."""
    kind = compression_name(compression_type)
    with contextlib.ExitStack() as stack:
        try:
            f = stack.enter_context(open(path, "rb"))
        except FileNotFoundError:
            raise NotFoundError(None, None, f"{path}; No such file or directory") from None
        except IsADirectoryError:
            raise InvalidArgumentError(None, None, f"{path}; Is a directory") from None
        if kind == "GZIP":
            yield stack.enter_context(gzip.GzipFile(fileobj=f, mode="rb"))
        elif kind == "ZLIB":
            try:
                yield _io.BytesIO(zlib.decompress(f.read()))
            except zlib.error as e:
                raise DataLossError(None, None, f"inflate() failed with error {e}") from None
        else:
            yield f


def read_records(path, compression_type=None, check_crc=True):
    """Yields the records of one TFRecord file as bytes (DataLossError on corruption)."""
    offset = 0
    with opened(path, compression_type) as stream:
        while True:
            try:
                header = stream.read(12)
            except (OSError, EOFError, zlib.error) as e:
                raise DataLossError(None, None, f"Error reading {path}: {e}") from None
            if not header:
                return
            if len(header) < 12:
                raise DataLossError(None, None, f"truncated record at {offset}' failed with "
                                                "Read less bytes than requested")
            length_bytes, crc = header[:8], struct.unpack("<I", header[8:])[0]
            if check_crc and masked_crc32c(length_bytes) != crc:
                raise DataLossError(None, None, f"corrupted record at {offset}")
            (length,) = struct.unpack("<Q", length_bytes)
            body = stream.read(length + 4)
            if len(body) < length + 4:
                raise DataLossError(None, None, f"truncated record at {offset}' failed with "
                                                "Read less bytes than requested")
            data = body[:length]
            if check_crc and masked_crc32c(data) != struct.unpack("<I", body[length:])[0]:
                raise DataLossError(None, None, f"corrupted record at {offset}")
            offset += 16 + length
            yield data


def tf_record_iterator(path, options=None):
    """The records of a TFRecord file as bytes (TF 1's `tf.compat.v1.io.tf_record_iterator`)."""
    return read_records(os.fspath(path), options)
