"""`tf.version`: the version strings of this build.

`VERSION` (also `tf.__version__`) is the TensorFlow API version tapeflow reproduces with
tapeflow's own release as a PEP 440 local label: `"2.21.0+tapeflow.0.1.0"`. Version checks
written for TF (`tf.__version__.startswith("2")`, `packaging.version.parse(tf.__version__) >=
Version("2.4")`) see TF 2.21, and the string still says what is running. `TAPEFLOW_VERSION` is
tapeflow's release alone (the package's version).

    >>> import tapeflow as tf
    >>> tf.__version__.startswith("2.")
    True
    >>> tf.version.TAPEFLOW_VERSION
    '0.1.0'
"""
import sys

TAPEFLOW_VERSION = "0.1.0"
TF_API_VERSION = "2.21.0"  # the TensorFlow release whose behaviour tapeflow reproduces
VERSION = f"{TF_API_VERSION}+tapeflow.{TAPEFLOW_VERSION}"
GIT_VERSION = f"tapeflow-v{TAPEFLOW_VERSION}"
# tapeflow is Python: the compiler that built this interpreter is the one that built its runtime
COMPILER_VERSION = sys.version.rsplit("[", 1)[-1].rstrip("]") if "[" in sys.version else "unknown"
# The GraphDef versions of TF 2.21, whose API tapeflow follows (it writes no GraphDefs itself).
GRAPH_DEF_VERSION = 2474
GRAPH_DEF_VERSION_MIN_CONSUMER = 0
GRAPH_DEF_VERSION_MIN_PRODUCER = 0
