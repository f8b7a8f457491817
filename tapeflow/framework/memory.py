"""Allocator tuning applied once at import.

Gradient sweeps allocate many same-sized temporaries of a few hundred KB to a few MB. With
glibc's defaults such arrays start out as fresh mmaps, and freed heap is trimmed back to the OS,
so new arrays keep paying page faults on memory the kernel must zero again: in a 256x256
vectorized Jacobian that was 80% of the time. tapeflow sets the mmap threshold to 32 MB (where
glibc's own dynamic threshold tops out) and lets up to 64 MB of freed heap stay resident. These
are process-wide glibc settings; set TAPEFLOW_MALLOC_TUNING=0 before importing tapeflow to leave
the allocator untouched. Other platforms are left as they are.
"""
import os
import sys

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameter numbers
M_MMAP_THRESHOLD = -3
SETTINGS = ((M_MMAP_THRESHOLD, 32 << 20), (M_TRIM_THRESHOLD, 64 << 20))


def tune_allocator():
    """Applies SETTINGS with glibc's mallopt; returns True when they were applied."""
    if os.environ.get("TAPEFLOW_MALLOC_TUNING", "1") == "0" or not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return all(mallopt(param, value) for param, value in SETTINGS)


ALLOCATOR_TUNED = tune_allocator()
