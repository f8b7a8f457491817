"""The allocator tuning applied at import can be switched off, and is applied otherwise."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _tuned(env_value):
    env = dict(os.environ, PYTHONPATH=ROOT)
    if env_value is None:
        env.pop("TAPEFLOW_MALLOC_TUNING", None)
    else:
        env["TAPEFLOW_MALLOC_TUNING"] = env_value
    out = subprocess.run([sys.executable, "-c",
                          "import tapeflow; print(tapeflow.framework.memory.ALLOCATOR_TUNED)"],
                         capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip()


def test_allocator_tuning_respects_the_opt_out():
    assert _tuned("0") == "False"
    if sys.platform.startswith("linux"):
        import ctypes
        has_mallopt = hasattr(ctypes.CDLL(None), "mallopt")
        assert _tuned(None) == str(has_mallopt)
