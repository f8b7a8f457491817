# tf.config (devices, runtime settings), tf.device / tf.DeviceSpec, tf.version, tf.sysconfig,
# tf.test's build queries, every tf.dtypes object, bfloat16 and float16 arithmetic, and
# keras.mixed_precision. Scenarios that change the device layout or thread pools run isolated:
# TF allows that only before its runtime is initialized.

#@ physical_devices
print(tf.config.list_physical_devices())
print(tf.config.list_physical_devices("CPU"))
print(tf.config.list_physical_devices("GPU"))
print(tf.config.list_physical_devices("cpu"))

#@ physical_device_fields
d = tf.config.list_physical_devices("CPU")[0]
print(repr(d))
print(str(d))
print(d.name, d.device_type, type(d).__name__)
print(d == tf.config.PhysicalDevice("/physical_device:CPU:0", "CPU"))
print(tuple(d))
print(d._fields)

#@ logical_devices_default
print(tf.config.list_logical_devices())
print(tf.config.list_logical_devices("CPU"))
print(tf.config.list_logical_devices("GPU"))
d = tf.config.list_logical_devices()[0]
print(d.name, d.device_type, type(d).__name__)

#@ visible_devices
print(tf.config.get_visible_devices())
print(tf.config.get_visible_devices("CPU"))
print(tf.config.get_visible_devices("GPU"))
tf.config.set_visible_devices([], "GPU")
print(tf.config.get_visible_devices())

#@ visible_devices_wrong_type
cpu = tf.config.list_physical_devices("CPU")[0]
try:
    tf.config.set_visible_devices([cpu], "GPU")
except ValueError as e:
    print("ValueError", e)
gpu = tf.config.PhysicalDevice("/physical_device:GPU:0", "GPU")
tf.config.set_visible_devices(gpu)

#@ visible_devices_after_init
#! isolated
x = tf.constant(1.0)
try:
    tf.config.set_visible_devices([], "CPU")
except RuntimeError as e:
    print("RuntimeError", e)
tf.config.set_visible_devices(tf.config.list_physical_devices("CPU"))
print("unchanged is fine")

#@ logical_device_configuration_repr
print(tf.config.LogicalDeviceConfiguration())
c = tf.config.LogicalDeviceConfiguration(memory_limit=1024)
print(c, c.memory_limit, c.experimental_priority)
print(tf.config.LogicalDeviceConfiguration() == tf.config.LogicalDeviceConfiguration())
print(tf.config.experimental.VirtualDeviceConfiguration(memory_limit=5))

#@ logical_split_cpu
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
print(tf.config.get_logical_device_configuration(cpu))
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 3)
print(len(tf.config.get_logical_device_configuration(cpu)))
print(tf.config.get_logical_device_configuration(cpu)[0])
for d in tf.config.list_logical_devices():
    print(d)
print(tf.config.list_logical_devices("CPU")[2].name)
print(tf.config.list_physical_devices())

#@ logical_split_after_init
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
v = tf.Variable([1.0, 2.0])
try:
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()])
except RuntimeError as e:
    print("RuntimeError", e)
print(tf.config.list_logical_devices())

#@ logical_split_after_listing
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
print(tf.config.list_logical_devices())
try:
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
except RuntimeError as e:
    print("RuntimeError", e)

#@ logical_split_same_again
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
config = [tf.config.LogicalDeviceConfiguration()] * 2
tf.config.set_logical_device_configuration(cpu, config)
x = tf.constant(3.0)
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
print("same layout accepted", len(tf.config.list_logical_devices()))

#@ logical_split_memory_limit
cpu = tf.config.list_physical_devices("CPU")[0]
try:
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration(memory_limit=10)])
except ValueError as e:
    print("ValueError", e)
try:
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration(experimental_priority=1)])
except ValueError as e:
    print("ValueError", e)

#@ logical_config_unrecognized
try:
    tf.config.set_logical_device_configuration("CPU:0", [tf.config.LogicalDeviceConfiguration()])
except ValueError as e:
    print("ValueError", e)
gpu = tf.config.PhysicalDevice("/physical_device:GPU:0", "GPU")
try:
    tf.config.get_logical_device_configuration(gpu)
except ValueError as e:
    print("ValueError", e)

#@ memory_growth_cpu
cpu = tf.config.list_physical_devices("CPU")[0]
try:
    tf.config.experimental.set_memory_growth(cpu, True)
except ValueError as e:
    print("ValueError", e)
try:
    tf.config.experimental.get_memory_growth(cpu)
except KeyError as e:
    print("KeyError")
gpu = tf.config.PhysicalDevice("/physical_device:GPU:0", "GPU")
try:
    tf.config.experimental.set_memory_growth(gpu, True)
except ValueError as e:
    print("ValueError", e)

#@ memory_growth_with_logical_devices
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
try:
    tf.config.experimental.set_memory_growth(cpu, True)
except ValueError as e:
    print("ValueError", e)

#@ gpu_guide_pattern
gpus = tf.config.list_physical_devices("GPU")
if gpus:
    for gpu in gpus:
        tf.config.experimental.set_memory_growth(gpu, True)
    print(len(gpus), "GPUs")
else:
    print("no GPU, running on", tf.config.list_logical_devices("CPU")[0].name)

#@ memory_info
print(tf.config.experimental.get_memory_info("CPU:0"))
print(tf.config.experimental.get_memory_info("/device:CPU:0"))
for name in ["GPU:0", "foo", "CPU:1"]:
    try:
        tf.config.experimental.get_memory_info(name)
    except ValueError as e:
        print("ValueError", e)
print(tf.config.experimental.reset_memory_stats("CPU:0"))

#@ memory_info_logical_cpus
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 3)
print(tf.config.experimental.get_memory_info("CPU:2"))
try:
    tf.config.experimental.get_memory_info("CPU:3")
except ValueError as e:
    print("ValueError", e)

#@ device_details
cpu = tf.config.list_physical_devices("CPU")[0]
print(tf.config.experimental.get_device_details(cpu))
try:
    tf.config.experimental.get_device_details("CPU:0")
except ValueError as e:
    print("ValueError", e)
try:
    tf.config.experimental.get_device_details(
        tf.config.PhysicalDevice("/physical_device:GPU:0", "GPU"))
except ValueError as e:
    print("ValueError", e)

#@ threading_defaults
print(tf.config.threading.get_intra_op_parallelism_threads())
print(tf.config.threading.get_inter_op_parallelism_threads())

#@ threading_set_before_init
#! isolated
tf.config.threading.set_intra_op_parallelism_threads(2)
tf.config.threading.set_inter_op_parallelism_threads(3)
print(tf.config.threading.get_intra_op_parallelism_threads())
print(tf.config.threading.get_inter_op_parallelism_threads())
print(tf.reduce_sum(tf.ones([4, 4])))
print(tf.config.threading.get_intra_op_parallelism_threads())

#@ threading_set_after_init
#! isolated
x = tf.constant([1.0])
try:
    tf.config.threading.set_intra_op_parallelism_threads(2)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    tf.config.threading.set_inter_op_parallelism_threads(2)
except RuntimeError as e:
    print("RuntimeError", e)
tf.config.threading.set_inter_op_parallelism_threads(0)
print("same value accepted")

#@ op_determinism
#! isolated
tf.config.experimental.enable_op_determinism()
tf.random.set_seed(None)
try:
    tf.random.uniform([2])
except RuntimeError as e:
    print("RuntimeError", e)
print(tf.random.uniform([2], seed=1).shape)
tf.random.set_seed(3)
print(tf.random.normal([2, 3]).shape)

#@ run_functions_eagerly
print(tf.config.functions_run_eagerly())
tf.config.run_functions_eagerly(True)
print(tf.config.functions_run_eagerly())


@tf.function
def f(x):
    print("python side effect")
    return x * 2


print(f(tf.constant(1.0)))
print(f(tf.constant(2.0)))
tf.config.run_functions_eagerly(False)
print(tf.config.functions_run_eagerly())

#@ optimizer_jit
print(repr(tf.config.optimizer.get_jit()))
tf.config.optimizer.set_jit(True)
print(repr(tf.config.optimizer.get_jit()))
tf.config.optimizer.set_jit(False)
print(repr(tf.config.optimizer.get_jit()))
tf.config.optimizer.set_jit("autoclustering")
print(repr(tf.config.optimizer.get_jit()))
tf.config.optimizer.set_jit("something else")
print(repr(tf.config.optimizer.get_jit()))

#@ optimizer_experimental_options
#! isolated
print(tf.config.optimizer.get_experimental_options())
tf.config.optimizer.set_experimental_options({"layout_optimizer": False, "min_graph_nodes": 3})
print(tf.config.optimizer.get_experimental_options())
tf.config.optimizer.set_experimental_options({"constant_folding": True, "not_an_option": 1})
print(tf.config.optimizer.get_experimental_options())

#@ soft_device_placement
print(tf.config.get_soft_device_placement())
tf.config.set_soft_device_placement(False)
print(tf.config.get_soft_device_placement())
tf.config.set_soft_device_placement(True)
print(tf.config.get_soft_device_placement())

#@ device_policy_and_switches
print(tf.config.experimental.get_device_policy())
tf.config.experimental.set_device_policy("warn")
print(tf.config.experimental.get_device_policy())
tf.config.experimental.set_device_policy(None)
print(tf.config.experimental.get_device_policy())
try:
    tf.config.experimental.set_device_policy("bogus")
except ValueError as e:
    print("ValueError")
print(tf.config.experimental.tensor_float_32_execution_enabled())
tf.config.experimental.enable_tensor_float_32_execution(False)
print(tf.config.experimental.tensor_float_32_execution_enabled())
tf.config.experimental.enable_tensor_float_32_execution(True)
print(tf.config.experimental.get_synchronous_execution())

#@ device_scope_cpu
with tf.device("/CPU:0"):
    a = tf.constant([1.0, 2.0])
    b = a * 2
    v = tf.Variable(1.0)
print(a.device)
print(b.device)
print(v.device)

#@ device_scope_gpu_soft_placement
with tf.device("/GPU:0"):
    a = tf.constant([1.0, 2.0])
    b = tf.matmul(tf.reshape(a, [1, 2]), tf.reshape(a, [2, 1]))
    v = tf.Variable([3.0])
print(a.device)
print(b.device)
print(v.device)
print(b)

#@ device_string_forms
for name in ["/device:CPU:0", "/cpu:0", "CPU:0", "cpu:0", "/job:localhost/replica:0/task:0/device:CPU:0",
             "/CPU:*", "/TPU:0", "", "/job:localhost"]:
    with tf.device(name):
        print(repr(name), tf.constant(1).device)

#@ device_missing_cpu_index
with tf.device("/CPU:5"):
    x = tf.constant(1.0)
    y = x + 1
print(x.device, y.device)

#@ device_none
with tf.device(None):
    print(tf.constant(1.0).device)
with tf.device("/GPU:0"):
    with tf.device(None):
        print(tf.constant(1.0).device)

#@ device_logical_cpu1
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
with tf.device("/CPU:1"):
    a = tf.constant(1.0)
    b = a + 1
    c = tf.matmul([[1.0]], [[2.0]])
    v = tf.Variable(2.0)
print(a.device)
print(b.device)
print(c.device)
print(v.device)
print((b * 2).device)
with tf.device("/device:CPU:0"):
    print(tf.constant(1.0).device)
with tf.device("/job:localhost/replica:0/task:0/device:CPU:1"):
    print(tf.constant(1.0).device)

#@ device_logical_nested
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
with tf.device("/job:localhost"):
    with tf.device("CPU:1"):
        print(tf.constant(1.0).device)
        with tf.device(None):
            print(tf.constant(1.0).device)
        with tf.device(""):
            print(tf.constant(1.0).device)
        with tf.device("/CPU:0"):
            print(tf.constant(1.0).device)
    print(tf.constant(1.0).device)

#@ device_logical_gradients
#! isolated
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
x = tf.Variable(3.0)
with tf.device("/CPU:1"):
    with tf.GradientTape() as tape:
        y = x * x
    g = tape.gradient(y, x)
print(y.device)
print(g, g.device)

#@ device_unknown_job
try:
    with tf.device("/job:foo/cpu:0"):
        tf.constant(1)
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError", e)
try:
    with tf.device("/job:localhost/replica:0/task:1/cpu:0"):
        tf.constant(1)
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError", e)

#@ device_bad_string
for name in ["/bogus:1", "foo", "/cpu:x", "/CPU:0/GPU:0"]:
    try:
        with tf.device(name):
            tf.constant(1)
    except ValueError as e:
        print("ValueError", e)

#@ device_function_rejected
try:
    with tf.device(lambda op: "/cpu:0"):
        pass
except RuntimeError as e:
    print("RuntimeError", e)

#@ device_with_device_spec
spec = tf.DeviceSpec(device_type="CPU", device_index=0)
with tf.device(spec):
    print(tf.constant(1).device)
with tf.device(spec.to_string()):
    print(tf.constant(1).device)
print(type(tf.device("/cpu:0")).__name__)

#@ device_soft_placement_off
#! isolated
tf.config.set_soft_device_placement(False)
try:
    with tf.device("/GPU:0"):
        tf.constant(1.0)
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError")
with tf.device("/CPU:0"):
    print(tf.constant(1.0).device)

#@ device_spec_from_string
d = tf.DeviceSpec.from_string("/job:localhost/replica:0/task:0/device:CPU:0")
print(d)
print(repr(d))
print(d.job, d.replica, d.task, d.device_type, d.device_index)
print(d.to_string())
e = tf.DeviceSpec.from_string("/job:worker/task:3")
print(e, e.to_string())
print(tf.DeviceSpec.from_string("").to_string() == "")

#@ device_spec_short_forms
for s in ["/cpu:0", "CPU:0", "/GPU:*", "/gpu:1", "/device:gpu:1", "TPU:0", "/replica:1",
          "/device:CPU:2", "/job:ps/device:GPU:0"]:
    d = tf.DeviceSpec.from_string(s)
    print(repr(s), d.to_string(), d.device_type, d.device_index)

#@ device_spec_construct_replace_merge
d = tf.DeviceSpec(job="ps", device_type="GPU", device_index=1)
print(d)
print(d.to_string())
print(tf.DeviceSpec(job="ps").replace(task=2).to_string())
print(d.replace(device_type="CPU").to_string())
print(d.replace(device_index=None).to_string())
print(tf.DeviceSpec(job="ps").make_merged_spec(tf.DeviceSpec(device_type="CPU")).to_string())
print(d.make_merged_spec(tf.DeviceSpec(job="train", device_index=0)).to_string())
print(tf.DeviceSpec(device_type="cpu").device_type)
print(tf.DeviceSpec(job=1, replica="2"))
print(d.parse_from_string("/CPU:0"))

#@ device_spec_eq_hash
a = tf.DeviceSpec(job="a", device_type="CPU", device_index=0)
b = tf.DeviceSpec.from_string("/job:a/device:CPU:0")
print(a == b, hash(a) == hash(b), a == "/job:a/device:CPU:0", a != tf.DeviceSpec())
print(len({a, b}))
print(tf.DeviceSpec() == tf.DeviceSpec())

#@ device_spec_errors
for s in ["foo", "/xyz:1", "/task:a", "/cpu:x", "/CPU:0/GPU:1"]:
    try:
        tf.DeviceSpec.from_string(s)
    except ValueError as e:
        print("ValueError", e)

#@ log_device_placement
print(tf.debugging.get_log_device_placement())
tf.debugging.set_log_device_placement(True)
print(tf.debugging.get_log_device_placement())
a = tf.constant([1.0, 2.0])
b = a * 2
print(b)
tf.debugging.set_log_device_placement(False)
print(tf.debugging.get_log_device_placement())

#@ version_checks
print(tf.__version__.startswith("2"))
print(tf.version.VERSION == tf.__version__)
print(int(tf.__version__.split(".")[0]) >= 2, int(tf.__version__.split(".")[1]) >= 4)
print(tuple(int(p) for p in tf.__version__.split(".")[:2]) >= (2, 0))
print(type(tf.version.GIT_VERSION).__name__, type(tf.version.COMPILER_VERSION).__name__)
print(type(tf.version.GRAPH_DEF_VERSION).__name__, tf.version.GRAPH_DEF_VERSION_MIN_CONSUMER)
print(tf.version.GRAPH_DEF_VERSION_MIN_PRODUCER)

#@ sysconfig_build_info
info = tf.sysconfig.get_build_info()
print(sorted(info.items()))
print(info["is_cuda_build"])
print(type(tf.sysconfig.get_lib()).__name__)

#@ test_gpu_queries
print(tf.test.is_gpu_available())
print(repr(tf.test.gpu_device_name()))
print(tf.test.is_built_with_cuda())
print(tf.test.is_built_with_gpu_support())
print(tf.test.is_built_with_rocm())
if tf.test.gpu_device_name():
    print("Default GPU Device:", tf.test.gpu_device_name())
else:
    print("Please install GPU version of TF")

#@ dtype_objects
names = ["bfloat16", "bool", "complex128", "complex64", "double", "float16", "float32",
         "float64", "half", "int16", "int32", "int64", "int8", "qint16", "qint32", "qint8",
         "quint16", "quint8", "resource", "string", "uint16", "uint32", "uint64", "uint8",
         "variant"]
for n in names:
    d = getattr(tf, n)
    print(n, repr(d), d, d.name, d.as_datatype_enum, d is getattr(tf.dtypes, n))

#@ dtype_predicates
for d in [tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int8, tf.int16, tf.int32, tf.int64,
          tf.uint8, tf.uint16, tf.uint32, tf.uint64, tf.bool, tf.complex64, tf.complex128,
          tf.string, tf.qint8, tf.quint8, tf.qint16, tf.quint16, tf.qint32, tf.resource,
          tf.variant]:
    print(d.name, d.is_floating, d.is_integer, d.is_complex, d.is_bool, d.is_quantized,
          d.is_unsigned, d.is_numpy_compatible, d.size)

#@ dtype_is_numeric
for d in [tf.float16, tf.bfloat16, tf.int8, tf.bool, tf.string, tf.qint8, tf.complex64,
          tf.resource, tf.variant, tf.dtypes.experimental.int4]:
    print(d.name, d.is_numeric)

#@ dtype_min_max
for d in [tf.float16, tf.float32, tf.float64, tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8,
          tf.uint16, tf.uint32, tf.uint64, tf.bfloat16]:
    print(d.name, d.min, d.max)
print(type(tf.float32.min).__name__, type(tf.int32.max).__name__)

#@ dtype_min_errors
for d in [tf.bool, tf.complex64, tf.string, tf.qint8, tf.resource]:
    try:
        d.min
    except TypeError as e:
        print("TypeError", e)
    try:
        d.max
    except TypeError as e:
        print("TypeError", e)

#@ dtype_limits
for d in [tf.bool, tf.uint8, tf.uint16, tf.int8, tf.int16, tf.int32, tf.int64, tf.uint32,
          tf.uint64, tf.float32, tf.float64]:
    print(d.name, d.limits)
for d in [tf.float16, tf.bfloat16, tf.string, tf.qint8]:
    try:
        d.limits
    except ValueError as e:
        print("ValueError", e)

#@ dtype_real_base
for d in [tf.complex64, tf.complex128, tf.float32, tf.int32, tf.bfloat16]:
    print(d.name, d.real_dtype, d.base_dtype)

#@ dtype_as_numpy_dtype
for d in [tf.float16, tf.float32, tf.float64, tf.int8, tf.int32, tf.int64, tf.uint8, tf.uint64,
          tf.bool, tf.complex64, tf.complex128, tf.string]:
    print(d.name, d.as_numpy_dtype, np.dtype(d.as_numpy_dtype) if d != tf.string else "")
print(tf.qint8.as_numpy_dtype, tf.quint16.as_numpy_dtype)

#@ dtype_equality
print(tf.float32 == "float32", tf.float32 == "float", tf.float16 == "half", tf.float64 == "double")
print(tf.float32 == np.float32, tf.float32 == np.dtype("float32"), tf.float32 == np.float64)
print(tf.float32 == float, tf.bool == bool, tf.int32 == int, tf.string == str)
print(tf.float32 == None, tf.float32 == "foo", tf.float32 == 1, tf.float32 != "float32")
print(tf.float32 == tf.float64, tf.float32 != tf.float64, tf.int32 in [tf.int64, tf.int32])
print(hash(tf.float32) == hash(tf.dtypes.as_dtype("float32")))
print({tf.float32: "a", tf.int32: "b"}[tf.as_dtype(np.int32)])

#@ as_dtype_forms
print(tf.as_dtype("float32"), tf.as_dtype("half"), tf.as_dtype("float"), tf.as_dtype("double"))
print(tf.dtypes.as_dtype(np.float64), tf.dtypes.as_dtype(np.dtype("int16")), tf.as_dtype(np.bool_))
print(tf.as_dtype(float), tf.as_dtype(bool), tf.as_dtype(object), tf.as_dtype(np.bytes_))
print(tf.as_dtype(1), tf.as_dtype(14), tf.as_dtype(30), tf.as_dtype(tf.int8))
print(tf.as_dtype("bfloat16"), tf.as_dtype("qint8"), tf.as_dtype("int4"), tf.as_dtype("uint8"))
for bad in ["foo", "int", "bool_", "str", "complex", int, complex, str, bytes, 0, 100]:
    try:
        tf.as_dtype(bad)
    except TypeError as e:
        print("TypeError", e)

#@ dtype_compatibility
print(tf.float32.is_compatible_with(tf.float32), tf.float32.is_compatible_with("float32"))
print(tf.float32.is_compatible_with(tf.float64), tf.int32.is_compatible_with(np.int32))
print(tf.float32.is_subtype_of(tf.float32), tf.float32.is_subtype_of(tf.int32))
print(tf.float32.most_specific_common_supertype([tf.float32, tf.float32]))
print(tf.float32.most_specific_common_supertype([tf.int32]))

#@ dtype_experimental
e = tf.dtypes.experimental
for d in [e.float4_e2m1fn, e.float8_e4m3b11fnuz, e.float8_e4m3fn, e.float8_e4m3fnuz,
          e.float8_e5m2, e.float8_e5m2fnuz, e.int2, e.int4, e.uint2, e.uint4]:
    print(d, d.as_datatype_enum, d.size, d.is_floating, d.is_integer, d.is_unsigned, d.min, d.max)

#@ dtype_quantized_set
print(tf.qint8 in tf.dtypes.QUANTIZED_DTYPES, tf.quint16 in tf.dtypes.QUANTIZED_DTYPES)
print(tf.int8 in tf.dtypes.QUANTIZED_DTYPES, tf.float32 in tf.dtypes.QUANTIZED_DTYPES)
print(type(tf.dtypes.QUANTIZED_DTYPES).__name__)

#@ dtype_quantized_op_raises
x = tf.constant([1, 2], tf.int8)
try:
    tf.cast(x, tf.qint8) + tf.cast(x, tf.qint8)
    print("computed")
except (tf.errors.InvalidArgumentError, NotImplementedError, TypeError, tf.errors.UnimplementedError):
    print("raised")

#@ dtypes_cast_functions
x = tf.constant([1.7, -1.7, 300.0])
print(tf.dtypes.cast(x, tf.int32))
print(tf.dtypes.saturate_cast(x, tf.uint8))
print(tf.dtypes.saturate_cast(tf.constant([-5, 300]), tf.int8))
print(tf.dtypes.complex(tf.constant([1.0]), tf.constant([2.0])))
print(tf.cast(x, "float64"))
print(tf.cast(x, np.int64))

#@ dtype_str_repr
print(str(tf.float32), repr(tf.float32), str(tf.bfloat16), repr(tf.qint8))
print([tf.float32, tf.int64])
print(tf.constant([1.0]).dtype == tf.float32, tf.constant([1]).dtype.name)

#@ bfloat16_constant_printing
a = tf.constant([1.5, 2.3, 3.14159, 1e-3, 100000.0, -7.77], tf.bfloat16)
print(a)
print(repr(a))
s = tf.constant(2.3, tf.bfloat16)
print(s)
print(repr(s))
print(a.dtype, a.shape, s.dtype)

#@ bfloat16_matrix_printing
c = tf.constant(np.linspace(0, 1, 12).reshape(3, 4), tf.bfloat16)
print(c)
print(repr(tf.constant([[1.0, 2.0], [3.0, 4.0]], tf.bfloat16)))

#@ bfloat16_arithmetic
a = tf.constant([1.5, 2.3, 3.14159, 1e-3, 100000.0, -7.77], tf.bfloat16)
print(a * 3.0)
print(a + a)
print(a - 1)
print(a / 3)
print(-a)
print(a * a)
print(tf.constant([1, 2, 3], tf.bfloat16) / 3)

#@ bfloat16_reductions
a = tf.constant([1.5, 2.3, 3.14159, 1e-3, 100000.0, -7.77], tf.bfloat16)
print(tf.reduce_sum(a))
print(tf.reduce_mean(a))
print(tf.reduce_max(a), tf.reduce_min(a))
m = tf.constant([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], tf.bfloat16)
print(tf.reduce_sum(m, axis=0))
print(tf.reduce_mean(m, axis=1))

#@ bfloat16_matmul
a = tf.constant([[1.0, 2.0], [3.0, 4.0]], tf.bfloat16)
print(a @ a)
b = tf.constant([[0.1, 0.2, 0.3]], tf.bfloat16)
print(tf.matmul(b, tf.transpose(b)))

#@ bfloat16_cast_rounding
print(tf.cast(tf.constant([1.00390625, 1.01171875, 1.0078125, 3.0e38, -2.5]), tf.bfloat16))
print(tf.cast(tf.constant([0.1, 1.0 / 3.0], tf.float64), tf.bfloat16))
print(tf.cast(tf.constant([1, 255, 257, 65535]), tf.bfloat16))
print(tf.constant([257.0, 0.1], tf.bfloat16))

#@ bfloat16_cast_out
a = tf.constant([1.5, 2.3, -7.77, 100000.0], tf.bfloat16)
print(tf.cast(a, tf.float32))
print(tf.cast(a, tf.int32))
print(tf.cast(a, tf.float16))
print(tf.cast(a, tf.float64))
print(tf.cast(a, tf.bool))

#@ bfloat16_dtype_mismatch
try:
    tf.constant(1.0, tf.bfloat16) + tf.constant(1.0)
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError", e)
try:
    tf.ones([2], tf.bfloat16) * tf.ones([2], tf.float16)
except tf.errors.InvalidArgumentError as e:
    print("InvalidArgumentError", e)

#@ bfloat16_variable
v = tf.Variable(tf.constant([1.0, 2.0], tf.bfloat16))
print(v)
v.assign([0.1, 0.2])
print(v)
v.assign_add(tf.constant([1.0, 1.0], tf.bfloat16))
print(v.numpy().tolist())
print(v.dtype)

#@ bfloat16_constructors
print(tf.zeros([2], tf.bfloat16))
print(tf.ones([2, 2], tf.bfloat16))
print(tf.fill([3], tf.constant(0.3, tf.bfloat16)))
x = tf.constant([[1.1, 2.2, 3.3], [4.4, 5.5, 6.6]], tf.bfloat16)
print(tf.reshape(x, [3, 2]))
print(tf.transpose(x))
print(tf.concat([x, x], axis=0))
print(tf.gather(x, [1, 0]))
print(x[0, 1:])
print(tf.zeros_like(x), tf.ones_like(x).dtype)

#@ bfloat16_math_functions
x = tf.constant([-1.5, -0.3, 0.0, 0.7, 2.2], tf.bfloat16)
print(tf.nn.relu(x))
print(tf.sigmoid(x))
print(tf.tanh(x))
print(tf.exp(x))
print(tf.abs(x))
print(tf.square(x))
print(tf.nn.softmax(tf.reshape(x, [1, 5])))
print(tf.sqrt(tf.abs(x)))

#@ bfloat16_compare_where
x = tf.constant([1.5, -0.3, 2.2], tf.bfloat16)
y = tf.constant([1.0, 0.0, 3.0], tf.bfloat16)
print(x > y)
print(tf.equal(x, x))
print(tf.where(x > y, x, y))
print(tf.argmax(x), tf.maximum(x, y))
print(tf.sort(x))

#@ bfloat16_gradient
x = tf.Variable(tf.constant([1.0, 2.0], tf.bfloat16))
with tf.GradientTape() as g:
    y = tf.reduce_sum(x * x + x)
print(g.gradient(y, x))
z = tf.constant([[0.3, -1.2], [2.0, 0.5]], tf.bfloat16)
with tf.GradientTape() as g:
    g.watch(z)
    w = tf.reduce_mean(tf.tanh(z) @ z)
print(g.gradient(w, z))

#@ bfloat16_cast_gradient
w = tf.Variable([1.0, 2.0])
with tf.GradientTape() as g:
    h = tf.cast(w, tf.bfloat16)
    y = tf.reduce_sum(h * h * h)
grad = g.gradient(y, w)
print(grad)
print(y)

#@ bfloat16_float_conversion
s = tf.constant(2.3, tf.bfloat16)
print(float(s), int(tf.constant(7.9, tf.bfloat16)))
print(bool(tf.constant(0.0, tf.bfloat16)), bool(tf.constant(1.0, tf.bfloat16)))

#@ bfloat16_special_values
x = tf.constant([np.inf, -np.inf, np.nan, 0.0, -0.0], tf.bfloat16)
print(x)
print(x * 2)
print(tf.constant([1e-40, 3.4e38], tf.bfloat16))

#@ float16_arithmetic
a = tf.constant([1.0, 2.0, 3.3], tf.float16)
print(a * 3.3)
print(a / 3)
print(a + 0.1)
print(tf.constant([60000.0], tf.float16) * 2)
print(tf.sqrt(a))
print(tf.exp(tf.constant([12.0], tf.float16)))
print(tf.float16.max, tf.float16.min)

#@ float16_matmul_and_cast
x = tf.fill([1, 3000], tf.constant(0.1, tf.float16))
y = tf.fill([3000, 1], tf.constant(1.0, tf.float16))
print(tf.matmul(x, y))
print(tf.cast(tf.constant([0.1, 1e-8, 70000.0]), tf.float16))
print(tf.cast(tf.constant([1.0009765625], tf.float16), tf.float32))

#@ policy_basics
mp = tf.keras.mixed_precision
p = mp.Policy("mixed_float16")
print(p, repr(p), p.name, p.compute_dtype, p.variable_dtype)
print(mp.Policy is mp.DTypePolicy)
for n in ["mixed_bfloat16", "float32", "float16", "bfloat16", "float64"]:
    q = mp.Policy(n)
    print(q, q.compute_dtype, q.variable_dtype)
print(p.get_config(), mp.DTypePolicy.from_config(p.get_config()))
print(p == mp.Policy("mixed_float16"), p == mp.Policy("float32"))

#@ policy_errors
mp = tf.keras.mixed_precision
for n in ["foo", "mixed_float32"]:
    try:
        mp.Policy(n)
    except ValueError as e:
        print("ValueError", e)
try:
    mp.set_global_policy(5)
except ValueError as e:
    print("ValueError", e)

#@ global_policy
mp = tf.keras.mixed_precision
print(mp.global_policy())
mp.set_global_policy("mixed_float16")
print(mp.global_policy(), mp.dtype_policy())
mp.set_global_policy(mp.Policy("mixed_bfloat16"))
print(mp.global_policy())
mp.set_global_policy("float32")
print(mp.global_policy())

#@ dense_mixed_float16
mp = tf.keras.mixed_precision
mp.set_global_policy("mixed_float16")
d = tf.keras.layers.Dense(2, kernel_initializer="ones")
print(d.dtype, d.compute_dtype, d.variable_dtype, d.dtype_policy)
x = tf.constant([[1.0, 2.0]])
with tf.GradientTape() as tape:
    y = d(x)
    loss = tf.reduce_sum(tf.cast(y, tf.float32))
print(y)
print(d.kernel.dtype)
grads = tape.gradient(loss, d.trainable_variables)
print([g.dtype for g in grads])
print(grads[0])
mp.set_global_policy("float32")

#@ dense_policy_argument
mp = tf.keras.mixed_precision
d = tf.keras.layers.Dense(2, kernel_initializer="ones", dtype="mixed_bfloat16")
print(d.dtype_policy, d.compute_dtype, d.dtype)
print(d(tf.constant([[1.1, 2.3]])))
d2 = tf.keras.layers.Dense(2, dtype=mp.Policy("float64"))
print(d2.dtype_policy, d2.dtype, d2.compute_dtype)
d3 = tf.keras.layers.Dense(2, dtype="float16")
print(d3.dtype_policy, d3.dtype)

#@ loss_scale_optimizer
mp = tf.keras.mixed_precision
o = mp.LossScaleOptimizer(tf.keras.optimizers.SGD(0.1))
print(o.name, o.initial_scale, o.dynamic_growth_steps)
print(o.learning_rate)
print(o.scale_loss(tf.constant(2.0)))
v = tf.Variable([1.0, 2.0])
o.apply_gradients([(tf.constant([32768.0, 65536.0]), v)])
print(v.numpy(), o.dynamic_scale, o.step_counter, o.iterations)
o.apply_gradients([(tf.constant([float("inf"), 1.0]), v)])
print(v.numpy(), o.dynamic_scale, o.step_counter, o.iterations)
print(o.scale_loss(tf.constant(2.0)))
print([x.path for x in o.variables])

#@ loss_scale_optimizer_growth
mp = tf.keras.mixed_precision
o = mp.LossScaleOptimizer(tf.keras.optimizers.SGD(1.0), initial_scale=4.0, dynamic_growth_steps=2)
v = tf.Variable([1.0])
for step in range(5):
    grad = tf.constant([np.nan]) if step == 3 else tf.constant([4.0])
    o.apply_gradients([(grad, v)])
    print(step, v.numpy(), float(o.dynamic_scale.numpy()), int(o.step_counter.numpy()))

#@ loss_scale_optimizer_training
mp = tf.keras.mixed_precision
mp.set_global_policy("mixed_float16")
layer = tf.keras.layers.Dense(1, kernel_initializer="ones", bias_initializer="zeros")
opt = mp.LossScaleOptimizer(tf.keras.optimizers.SGD(0.01))
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
y = tf.constant([[1.0], [2.0]])
for _ in range(3):
    with tf.GradientTape() as tape:
        pred = layer(x)
        loss = tf.reduce_mean(tf.square(tf.cast(pred, tf.float32) - y))
        scaled = opt.scale_loss(loss)
    grads = tape.gradient(scaled, layer.trainable_variables)
    opt.apply_gradients(zip(grads, layer.trainable_variables))
    print(float(loss), layer.kernel.numpy().ravel().tolist())
print(pred.dtype, layer.kernel.dtype)
mp.set_global_policy("float32")

#@ loss_scale_optimizer_errors
mp = tf.keras.mixed_precision
try:
    mp.LossScaleOptimizer(tf.keras.optimizers.SGD(0.1), dynamic=False)
except ValueError as e:
    print("ValueError", e)
try:
    mp.LossScaleOptimizer(tf.keras.optimizers.SGD(0.1), clipnorm=1.0)
except ValueError as e:
    print("ValueError", e)
o = mp.LossScaleOptimizer(tf.keras.optimizers.SGD(0.1))
print(hasattr(o, "get_scaled_loss"), hasattr(o, "get_unscaled_gradients"))
print(o.get_config()["initial_scale"], o.get_config()["dynamic_growth_steps"])

#@ mixed_precision_normalization_layers
mp = tf.keras.mixed_precision
mp.set_global_policy("mixed_float16")
model = tf.keras.Sequential([
    tf.keras.layers.Dense(3, kernel_initializer=tf.keras.initializers.Constant(
        [[1.0, 0.0, 2.0], [0.0, 1.0, -1.0], [3.0, 1.0, 0.5]])),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.LayerNormalization(),
    tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.Constant(
        [[1.0, 2.0], [-1.0, 0.5], [0.25, 1.0]]), dtype="float32")])
x = tf.constant([[0.1, 0.2, 0.9], [0.3, -0.4, 0.1], [0.5, 0.7, -0.2], [1.0, 0.0, 0.3]])
y = model(x, training=True)
print(y.dtype, y)
for layer in model.layers:
    print(layer.name, layer.compute_dtype, [w.dtype for w in layer.weights])
print(model.layers[1].moving_mean.numpy())
print(model.layers[1](tf.constant([[1.0, 2.0, 3.0]]), training=False))
mp.set_global_policy("float32")

#@ mixed_precision_embedding_dropout
mp = tf.keras.mixed_precision
mp.set_global_policy("mixed_bfloat16")
e = tf.keras.layers.Embedding(5, 2, embeddings_initializer="ones")
print(e(tf.constant([1, 2])))
d = tf.keras.layers.Dropout(0.5)
print(d(tf.ones([2])).dtype)
mp.set_global_policy("float32")

#@ hide_the_cpu
#! isolated
tf.config.set_visible_devices([], "CPU")
print(tf.config.get_visible_devices())
try:
    tf.config.list_logical_devices()
except tf.errors.NotFoundError as e:
    print("NotFoundError", e)
try:
    tf.constant(1.0)
except tf.errors.NotFoundError as e:
    print("NotFoundError", e)
