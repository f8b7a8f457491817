"""Allocator tuning applied once at import.

Gradient sweeps allocate many same-sized temporaries of a few hundred KB. With glibc's default
top pad, the heap is trimmed back to the OS as they are freed and regrown for the next ones, so
every new array pays page faults on memory the kernel must zero again: in a 256x256 vectorized
Jacobian that was 80% of the time. A 16 MB top pad keeps that much freed heap resident (a
process-wide glibc setting; set TAPEFLOW_MALLOC_TUNING=0 before importing tapeflow to leave the
allocator untouched). Other platforms are left as they are.
"""
import os
import sys

M_TOP_PAD = -2  # glibc's mallopt parameter number
TOP_PAD_BYTES = 16 << 20


def tune_allocator():
    """Sets glibc's M_TOP_PAD; returns True when it was applied."""
    if os.environ.get("TAPEFLOW_MALLOC_TUNING", "1") == "0" or not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_TOP_PAD, TOP_PAD_BYTES))


ALLOCATOR_TUNED = tune_allocator()
