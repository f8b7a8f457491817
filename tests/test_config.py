"""tf.config, tf.device, tf.DeviceSpec, tf.version, tf.sysconfig and tf.test's build queries."""
import subprocess
import sys

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.framework import config_state as cs
from tapeflow.framework import placement
from tapeflow.framework.op import state
from tapeflow.framework.tensor import Tensor


@pytest.fixture
def fresh_runtime():
    """A runtime that is not initialized yet (TF's state right after import)."""
    placement.reset_for_tests()
    yield
    placement.reset_for_tests()


def test_devices_are_this_cpu():
    assert tf.config.list_physical_devices() == [tf.config.PhysicalDevice(
        "/physical_device:CPU:0", "CPU")]
    assert tf.config.list_physical_devices("GPU") == []
    assert repr(tf.config.list_logical_devices()[0]) == \
        "LogicalDevice(name='/device:CPU:0', device_type='CPU')"


def test_split_cpu_then_place_on_logical_device(fresh_runtime):
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    assert [d.name for d in tf.config.list_logical_devices()] == ["/device:CPU:0",
                                                                  "/device:CPU:1"]
    with tf.device("/CPU:1"):
        a = tf.constant([1.0])
        b = a * 2
        v = tf.Variable(1.0)
    for x in (a, b, v):
        assert x.device == "/job:localhost/replica:0/task:0/device:CPU:1"
    assert (b + 1).device == cs.DEFAULT_DEVICE
    with pytest.raises(RuntimeError, match="Virtual devices cannot be modified"):
        tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()])


def test_first_tensor_initializes_the_runtime(fresh_runtime):
    assert not cs.initialized
    tf.config.threading.set_intra_op_parallelism_threads(2)
    assert cs.intra_op_threads == 2  # where the engine reads it
    tf.constant(1.0)
    assert cs.initialized
    with pytest.raises(RuntimeError, match="Intra op parallelism cannot be modified"):
        tf.config.threading.set_intra_op_parallelism_threads(3)
    tf.config.threading.set_intra_op_parallelism_threads(2)  # unchanged: accepted


def test_no_hooks_left_on_the_fast_path():
    tf.constant(1.0)
    assert Tensor.__init__ is placement._plain_tensor_init
    assert not any(isinstance(r, placement._Placer) for r in state.recorders)
    with tf.device("/GPU:0"):  # resolves to CPU:0: nothing to tag, no hook installed
        assert Tensor.__init__ is placement._plain_tensor_init
        assert not state.recorders


def test_log_device_placement(capsys):
    tf.debugging.set_log_device_placement(True)
    try:
        tf.constant([1.0]) * 2
    finally:
        tf.debugging.set_log_device_placement(False)
    err = capsys.readouterr().err
    assert "Executing op Mul in device /job:localhost/replica:0/task:0/device:CPU:0" in err
    assert not state.recorders


def test_device_scope_is_thread_local_and_nests(fresh_runtime):
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    import threading
    seen = []
    with tf.device("/CPU:1"):
        t = threading.Thread(target=lambda: seen.append(tf.constant(1.0).device))
        t.start()
        t.join()
        with tf.device(None):
            assert tf.constant(1.0).device == cs.DEFAULT_DEVICE
        with tf.device(tf.DeviceSpec(job="localhost")):
            assert tf.constant(1.0).device.endswith("CPU:1")
    assert seen == [cs.DEFAULT_DEVICE]


def test_device_errors():
    with pytest.raises(ValueError, match="Unknown attribute 'bogus'"):
        tf.device("/bogus:1")
    with pytest.raises(RuntimeError, match="does not support functions"):
        tf.device(lambda op: "/cpu:0")
    with pytest.raises(tf.errors.InvalidArgumentError, match="unknown device"), \
            tf.device("/job:worker/cpu:0"):
        pass


def test_device_spec():
    d = tf.DeviceSpec.from_string("/job:ps/replica:1/task:2/device:GPU:3")
    assert (d.job, d.replica, d.task, d.device_type, d.device_index) == ("ps", 1, 2, "GPU", 3)
    assert tf.DeviceSpec.from_string("/cpu:*").to_string() == "/device:CPU:*"
    assert d.replace(job=None).to_string() == "/replica:1/task:2/device:GPU:3"
    assert tf.DeviceSpec(job="a").make_merged_spec(d).to_string() == d.to_string()
    assert len({d, tf.DeviceSpec.from_string(d.to_string())}) == 1


def test_memory_and_growth():
    cpu = tf.config.list_physical_devices("CPU")[0]
    with pytest.raises(ValueError, match="non-GPU"):
        tf.config.experimental.set_memory_growth(cpu, True)
    with pytest.raises(KeyError):
        tf.config.experimental.get_memory_growth(cpu)
    assert tf.config.experimental.get_memory_info("CPU:0") == {"current": 0, "peak": 0}
    with pytest.raises(ValueError, match="No matching devices"):
        tf.config.experimental.get_memory_info("GPU:0")


def test_switches():
    tf.config.run_functions_eagerly(True)
    assert cs.run_functions_eagerly and tf.config.functions_run_eagerly()
    tf.config.run_functions_eagerly(False)
    tf.config.optimizer.set_jit("autoclustering")
    assert tf.config.optimizer.get_jit() == "autoclustering"
    tf.config.optimizer.set_jit(False)
    assert tf.config.optimizer.get_jit() == ""
    with pytest.raises(NotImplementedError, match="experimental_connect_to_cluster"):
        tf.config.experimental_connect_to_cluster(None)


def test_op_determinism_needs_seeds():
    tf.config.experimental.enable_op_determinism()
    try:
        tf.random.set_seed(None)
        with pytest.raises(RuntimeError, match="Random ops require a seed"):
            tf.random.uniform([2])
        assert tf.random.uniform([2], seed=1).shape == (2,)
    finally:
        tf.config.experimental.disable_op_determinism()
        tf.random.set_seed(0)
    assert not tf.config.experimental.is_op_determinism_enabled()


def test_version_and_build_facts():
    assert tf.__version__.startswith("2.21.0")
    assert tf.version.TAPEFLOW_VERSION in tf.__version__
    assert tf.test.is_gpu_available() is False and tf.test.gpu_device_name() == ""
    assert not tf.test.is_built_with_cuda()
    assert tf.sysconfig.get_build_info()["is_cuda_build"] is False
    with pytest.raises(NotImplementedError):
        tf.sysconfig.get_include()


def test_lazy_namespaces_stay_out_of_import():
    code = ("import sys, tapeflow; print('tapeflow.config' in sys.modules, "
            "tapeflow.config.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "tapeflow.config"]
    assert "config" in dir(tf)


def test_tensor_device_default():
    assert tf.constant(np.ones(2)).device == "/job:localhost/replica:0/task:0/device:CPU:0"
