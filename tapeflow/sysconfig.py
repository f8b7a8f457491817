"""`tf.sysconfig`: how this build was made, for code that builds against it.

tapeflow is pure Python on NumPy: it was built without CUDA, ROCm or TensorRT, and it has no
C++ library or headers, so custom C++ ops cannot be compiled against it (`get_include`,
`get_compile_flags` and `get_link_flags` raise NotImplementedError rather than hand a compiler
paths that do not exist).

    >>> import tapeflow as tf
    >>> tf.sysconfig.get_build_info()
    {'is_cuda_build': False, 'is_rocm_build': False, 'is_tensorrt_build': False}
"""
import os


def get_build_info():
    """What TF reports for a CPU-only build (TF adds CUDA and cuDNN versions on GPU builds)."""
    return {"is_cuda_build": False, "is_rocm_build": False, "is_tensorrt_build": False}


def get_lib():
    """The directory of the library (tapeflow's package directory)."""
    return os.path.dirname(os.path.abspath(__file__))


def _no_cxx(name):
    raise NotImplementedError(f"tf.sysconfig.{name}: tapeflow is pure Python and has no C++ "
                              f"headers or library to build custom ops against.")


def get_include():
    """TF's header directory; tapeflow has no C++ headers."""
    _no_cxx("get_include")


def get_compile_flags():
    """TF's compiler flags for custom ops; tapeflow has no C++ library."""
    _no_cxx("get_compile_flags")


def get_link_flags():
    """TF's linker flags for custom ops; tapeflow has no C++ library."""
    _no_cxx("get_link_flags")
