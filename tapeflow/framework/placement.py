"""Device placement: which (logical) device a tensor lives on, and TF's "runtime initialized".

tapeflow computes everything on the one CPU, as NumPy. What TF shows of placement is still
reproduced: a tensor or variable made inside `tf.device('/CPU:1')` (after the CPU was split into
logical devices) reports that device in `.device`, a scope naming a device this machine does not
have falls back to CPU:0 (TF's soft placement), and `tf.debugging.set_log_device_placement(True)`
logs each op's device.

None of this costs anything on the op fast path. Three hooks exist only while they are needed:
  * `Tensor.__init__` (tensors made from Python or NumPy values) is wrapped until the runtime is
    initialized, and while a scope places on a device other than CPU:0;
  * `Variable.__init__` is wrapped while such a scope is active;
  * a recorder on the thread's recorder stack sees every op's outputs while such a scope is
    active or placement logging is on (the recorder stack is how the engine shows ops to
    observers; with it empty an op pays nothing).

The runtime counts as initialized (see `config_state`) from the first tensor made from a Python or
NumPy value, variable, `tf.device` scope, or listing of logical devices. Tensors that ops build
from shapes alone (`tf.zeros([2])` as the very first thing) do not set it.
"""
import sys
import threading
import weakref

from . import config_state as cs
from .errors import NotFoundError
from .op import Recorder, _refresh, state
from .tensor import Tensor

_lock = threading.Lock()
_placing_scopes = 0  # scopes, over all threads, placing on a device other than CPU:0
_plain_tensor_init = Tensor.__init__
_plain_variable_init = None  # set by _install_hooks once variables are imported


def mark_initialized():
    """Fixes the device layout (TF's context initialization)."""
    cs.initialized = True
    _install_hooks()


def _drop(ref, _placed=cs.placed):
    entry = _placed.get(ref.key)
    if entry is not None and entry[0] is ref:
        del _placed[ref.key]


def tag(obj, device):
    """Records that `obj` (a tensor or variable) lives on `device`."""
    if device == cs.DEFAULT_DEVICE:
        cs.placed.pop(id(obj), None)
        return
    cs.placed[id(obj)] = (weakref.KeyedRef(obj, _drop, id(obj)), device)


def current_device():
    """The device ops run on now: the innermost `tf.device` scope's, or CPU:0."""
    stack = cs.scope.stack
    return stack[-1] if stack and stack[-1] is not None else cs.DEFAULT_DEVICE


def _hooked_tensor_init(self, value):
    if not cs.cpu_visible:  # tf.config.set_visible_devices([], "CPU") left no device
        raise NotFoundError(None, None, "No CPU devices are available in this process")
    self._value = value
    if not cs.initialized:
        mark_initialized()
    stack = cs.scope.stack
    if stack and stack[-1] is not None and stack[-1] != cs.DEFAULT_DEVICE:
        tag(self, stack[-1])


def _hooked_variable_init(self, *args, **kwargs):
    _plain_variable_init(self, *args, **kwargs)
    stack = cs.scope.stack
    if stack and stack[-1] is not None and stack[-1] != cs.DEFAULT_DEVICE:
        tag(self, stack[-1])


def _install_hooks():
    global _plain_variable_init
    from .variables import Variable
    if _plain_variable_init is None:
        _plain_variable_init = Variable.__init__
    hooked = not cs.initialized or _placing_scopes or not cs.cpu_visible
    Tensor.__init__ = _hooked_tensor_init if hooked else _plain_tensor_init
    Variable.__init__ = _hooked_variable_init if _placing_scopes else _plain_variable_init


class _Placer(Recorder):
    """A recorder that tags op outputs with the current device and logs placement."""

    def record(self, op, inputs, outputs, attrs):
        device = current_device()
        if device != cs.DEFAULT_DEVICE:
            for o in outputs:
                tag(o, device)
        if cs.log_device_placement:
            sys.stderr.write(f"Executing op {op.name} in device {device}\n")


class _ThreadPlacer(threading.local):
    def __init__(self):
        self.placer = None


_thread = _ThreadPlacer()


def sync_placer():
    """Puts this thread's placer on the recorder stack when it is needed, and takes it off when
    not (a device scope off CPU:0 is active, or placement logging is on)."""
    needed = cs.log_device_placement or current_device() != cs.DEFAULT_DEVICE
    placer = _thread.placer
    if needed and placer is None:
        placer = _thread.placer = _Placer()
        state.stack.insert(0, placer)  # outermost: it sees every op, tapes' ones included
        _refresh()
    elif not needed and placer is not None:
        _thread.placer = None
        if placer.on_stack():  # (graph tracing may have replaced the stack meanwhile)
            placer.pop()


def push_scope(device):
    """Enters a device scope (`device` is a resolved device name, or None for no device)."""
    global _placing_scopes
    if not cs.initialized:
        mark_initialized()
    cs.scope.stack.append(device)
    if device is not None and device != cs.DEFAULT_DEVICE:
        with _lock:
            _placing_scopes += 1
        _install_hooks()
    sync_placer()


def pop_scope():
    global _placing_scopes
    device = cs.scope.stack.pop()
    if device is not None and device != cs.DEFAULT_DEVICE:
        with _lock:
            _placing_scopes -= 1
        _install_hooks()
    sync_placer()


def reset_for_tests():
    """Forgets initialization and the device layout (TF's `context._reset_context()`), for tests
    that configure devices in a process where other tests already ran ops."""
    cs.initialized = False
    cs.logical_cpu_configs = None
    cs.cpu_visible = True
    cs.memory_growth.clear()
    cs.intra_op_threads = cs.inter_op_threads = None
    _install_hooks()


def start():
    """Watches for the first tensor, which initializes the runtime (`import tapeflow` calls this
    once its own module-level tensors exist)."""
    if not cs.initialized:
        Tensor.__init__ = _hooked_tensor_init
