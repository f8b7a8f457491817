# TF's guide "TF-NumPy Type Promotion" (site/en/guide/tf_numpy_type_promotion.ipynb in
# tensorflow/docs), cell by cell, numbered as the notebook's code cells. Each cell runs in a
# fresh process (#! isolated) with the promotion mode the notebook has in force at that cell;
# a cell whose last line is an expression prints its repr, as the notebook displays it.
# Not here: cell 1 (licence), 5 (pip install), 8 (prints TF's version string), and cell 44,
# which tapeflow does not match: it prints TF's internal class path of InvalidArgumentError, and
# tapeflow's strict tf.add converts a NumPy first operand to the tensor's dtype (TF keeps int8).

#@ cell_10_enable_all_mode
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.constant(1) + tf.constant(2.0)))

#@ cell_14_i32_plus_f32_all
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
a = tf.constant(10, dtype = tf.int32)
b = tf.constant(5.0, dtype = tf.float32)
print(repr(a + b))

#@ cell_15_i32_plus_f32_safe
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="safe")
a = tf.constant(10, dtype = tf.int32)
b = tf.constant(5.0, dtype = tf.float32)
try:
  a + b
except TypeError as e:
   print(f'{type(e)}: {e}')

#@ cell_17_i8_plus_u32_all
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
a = tf.constant(10, dtype = tf.int8)
b = tf.constant(5, dtype = tf.uint32)
print(repr(a + b))

#@ cell_18_i8_plus_u32_safe
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="safe")
a = tf.constant(10, dtype = tf.int8)
b = tf.constant(5, dtype = tf.uint32)
try:
  a + b
except TypeError as e:
   print(f'{type(e)}: {e}')

#@ cell_27_i64_plus_f16
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.constant(1, tf.int64) + tf.constant(3.2, tf.float16)))

#@ cell_32_weak_f32_plus_f16
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.constant(1.2) + tf.constant(3.1, tf.float16)))

#@ cell_35_weak_int_constant
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.constant(5)))

#@ cell_36_weak_float_list
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.constant([5.0, 10.0, 3])))

#@ cell_37_constant_with_dtype
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.constant(5, tf.int32)))

#@ cell_39_abs_of_list_is_weak
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.math.abs([100.0, 4.0])))

#@ cell_45_legacy_add_chain_int32
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="legacy")
a = np.array(1, dtype=np.int8)
b = tf.constant(1)
c = np.array(1, dtype=np.float16)
print(repr(tf.add(tf.add(b, a), c)))

#@ cells_47_48_all_add_chain
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
a = np.array(1, dtype=np.int8)
b = tf.constant(1)
c = np.array(1, dtype=np.float16)
print(repr(tf.add(tf.add(a, b), c)))

#@ cell_49_all_add_chain_reversed
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
a = np.array(1, dtype=np.int8)
b = tf.constant(1)
c = np.array(1, dtype=np.float16)
print(repr(tf.add(tf.add(b, a), c)))

#@ cells_52_53_legacy_operators
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="legacy")
print(repr(np.array(3.2, np.float16) + tf.constant(1, tf.int8) + tf.constant(50)))

#@ cells_55_56_all_operators
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(np.array(3.2, np.float16) + tf.constant(1, tf.int8) + tf.constant(50)))

#@ cell_58_negative_weak
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(-tf.constant(5)))

#@ cell_59_i16_minus_f32
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tf.constant(5, tf.int16) - tf.constant(1, tf.float32)))

#@ cell_61_variable_assign_add
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
a = tf.Variable(10, tf.int32)
print(repr(a.assign_add(tf.constant(5, tf.int16))).replace("<tf.Variable 'UnreadVariable' ", "<tf.Variable "))

#@ cell_63_constant_of_tensor_with_dtype
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
a = tf.constant(10, tf.int16)
print(repr(tf.constant(a, tf.float32)))

#@ cell_65_tnp_array_int
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tnp.array(1)))

#@ cell_66_tnp_array_float
#! isolated
tnp = tf.experimental.numpy
tnp.experimental_enable_numpy_behavior(dtype_conversion_mode="all")
print(repr(tnp.array(1.0)))
