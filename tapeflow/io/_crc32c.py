"""CRC32C (Castagnoli), the checksum of TFRecord framing, in NumPy.

Short inputs run a table-driven byte loop. Long inputs are cut into blocks whose CRCs are
computed side by side (one vectorized table lookup per byte column), then chained: the CRC
register is linear over GF(2), so "feed a block of zeros" is a fixed linear map, kept as four
256-entry tables (one per register byte).

    >>> hex(crc32c(b"123456789"))
    '0xe3069283'
    >>> hex(masked_crc32c(b"123456789"))
    '0xc78ab0e5'
"""
import numpy as np

_POLY = 0x82F63B78  # reflected Castagnoli polynomial
_BLOCK = 1024       # block length of the vectorized path
_VECTOR_MIN = 16 * _BLOCK


def _make_table():
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(_POLY), table >> 1).astype(np.uint32)
    return table


_TABLE = _make_table()
_TABLE_LIST = [int(x) for x in _TABLE]


def _update_bytes(register, data):
    table = _TABLE_LIST
    for b in data:
        register = table[(register ^ b) & 0xFF] ^ (register >> 8)
    return register


def _zero_shift_tables(length):
    """Tables T[k][v] giving the register after `length` zero bytes, starting from v << 8k."""
    basis = (np.arange(256, dtype=np.uint32)[None, :] << (8 * np.arange(4, dtype=np.uint32))[:, None])
    regs = basis.reshape(-1).copy()
    for _ in range(length):
        regs = _TABLE[regs & 0xFF] ^ (regs >> 8)
    return [[int(x) for x in row] for row in regs.reshape(4, 256)]


_SHIFT = {}


def _apply_shift(tables, register):
    return (tables[0][register & 0xFF] ^ tables[1][(register >> 8) & 0xFF]
            ^ tables[2][(register >> 16) & 0xFF] ^ tables[3][register >> 24])


def _update_vectorized(register, data):
    n_blocks = len(data) // _BLOCK
    blocks = np.frombuffer(data, dtype=np.uint8, count=n_blocks * _BLOCK).reshape(n_blocks, _BLOCK)
    crcs = np.zeros(n_blocks, dtype=np.uint32)
    table = _TABLE
    for j in range(_BLOCK):
        crcs = table[(crcs ^ blocks[:, j]) & 0xFF] ^ (crcs >> 8)
    shift = _SHIFT.get(_BLOCK)
    if shift is None:
        shift = _SHIFT[_BLOCK] = _zero_shift_tables(_BLOCK)
    for c in crcs.tolist():
        register = _apply_shift(shift, register) ^ c
    return _update_bytes(register, data[n_blocks * _BLOCK:])


def crc32c(data, crc=0):
    """The CRC32C of `data` (bytes-like), continuing from a previous `crc`."""
    data = bytes(data) if not isinstance(data, (bytes, bytearray, memoryview)) else data
    register = crc ^ 0xFFFFFFFF
    if len(data) >= _VECTOR_MIN:
        register = _update_vectorized(register, data)
    else:
        register = _update_bytes(register, data)
    return register ^ 0xFFFFFFFF


def masked_crc32c(data):
    """TFRecord's masked CRC: rotate right by 15 bits and add a constant."""
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF
