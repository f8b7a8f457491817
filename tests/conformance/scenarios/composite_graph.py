# Composite tensors inside tf.function: RaggedTensor, SparseTensor and tf.strings ops traced into
# graphs (arguments, input signatures, results, retracing, concrete functions, gradients).

#@ ragged_arith_argument
@tf.function
def f(x):
    return x * 2.0 + 1.0
print(f(tf.ragged.constant([[1.0, 2.0], [3.0], []])))

#@ ragged_reduce_rows
@tf.function
def f(x):
    return tf.reduce_sum(x, axis=1), tf.reduce_max(x, axis=1), tf.reduce_mean(x, axis=1)
s, m, a = f(tf.ragged.constant([[1.0, 5.0], [3.0], [2.0, 2.0, 8.0]]))
print(s)
print(m)
print(a)

#@ ragged_reduce_axis0
@tf.function
def f(x):
    return tf.reduce_sum(x, axis=0), tf.reduce_min(x, axis=0)
s, m = f(tf.ragged.constant([[1, 5], [3], [2, 2, 8]]))
print(s)
print(m)

#@ ragged_to_tensor
@tf.function
def f(x):
    return x.to_tensor(), x.to_tensor(default_value=-1)
a, b = f(tf.ragged.constant([[1, 2], [], [3, 4, 5]]))
print(a)
print(b)

#@ ragged_to_tensor_shape
@tf.function
def f(x):
    return x.to_tensor(shape=[2, 4])
print(f(tf.ragged.constant([[1, 2], [], [3, 4, 5]])))

#@ ragged_properties
@tf.function
def f(x):
    return x.row_lengths(), x.row_splits, x.value_rowids(), x.nrows(), x.flat_values
for t in f(tf.ragged.constant([[1, 2], [], [3, 4, 5]])):
    print(t)

#@ ragged_bounding_shape
@tf.function
def f(x):
    return x.bounding_shape()
print(f(tf.ragged.constant([[1, 2], [], [3, 4, 5]])))

#@ ragged_static_shape_in_trace
@tf.function
def f(x):
    print("trace", x.shape, x.dtype, x.ragged_rank)
    return x
f(tf.ragged.constant([[1, 2], [], [3, 4, 5]]))
f(tf.ragged.constant([[1], [2, 3]]))

#@ ragged_retrace_rank
@tf.function
def f(x):
    print("trace", x.shape)
    return tf.reduce_sum(x.flat_values)
print(f(tf.ragged.constant([[1, 2], [3]])))
print(f(tf.ragged.constant([[1, 2, 3]])))
print(f(tf.ragged.constant([[[1], [2]], [[3]]])))

#@ ragged_input_signature
@tf.function(input_signature=[tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32)])
def f(x):
    return tf.reduce_sum(x, axis=1)
print(f(tf.ragged.constant([[1, 2], [], [3, 4, 5]])))
print(f(tf.ragged.constant([[7]])))

#@ ragged_input_signature_mismatch
@tf.function(input_signature=[tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32)])
def f(x):
    return x
try:
    f(tf.ragged.constant([[1.0]]))
except (TypeError, ValueError) as e:
    print(type(e).__name__)

#@ ragged_concrete_function
@tf.function
def f(x):
    return x + 1
c = f.get_concrete_function(tf.RaggedTensorSpec([None, None], tf.int64))
print(c(tf.ragged.constant([[1, 2], [3]], dtype=tf.int64)))

#@ ragged_from_row_lengths_inside
@tf.function
def f(v, lengths):
    return tf.RaggedTensor.from_row_lengths(v, lengths)
print(f(tf.constant([1, 2, 3, 4]), tf.constant([2, 0, 2], tf.int64)))

#@ ragged_from_value_rowids_inside
@tf.function
def f(v, ids):
    return tf.RaggedTensor.from_value_rowids(v, ids, nrows=4)
print(f(tf.constant([3, 1, 4, 1, 5]), tf.constant([0, 0, 2, 2, 3], tf.int64)))

#@ ragged_from_tensor_inside
@tf.function
def f(t):
    return tf.RaggedTensor.from_tensor(t, padding=0)
print(f(tf.constant([[1, 2, 0], [3, 0, 0], [4, 5, 6]])))

#@ ragged_constant_inside
@tf.function
def f(k):
    return tf.ragged.constant([[1, 2], [3]]) * k
print(f(tf.constant(3)))

#@ ragged_slicing
@tf.function
def f(x):
    return x[1:], x[:, :2], x[-1]
a, b, c = f(tf.ragged.constant([[1, 2, 3], [4], [5, 6]]))
print(a)
print(b)
print(c)

#@ ragged_concat_stack
@tf.function
def f(x, y):
    return tf.concat([x, y], axis=0), tf.concat([x, y], axis=1), tf.stack([x, y], axis=0)
for t in f(tf.ragged.constant([[1, 2], [3]]), tf.ragged.constant([[4], [5, 6]])):
    print(t)

#@ ragged_gather_where
@tf.function
def f(x):
    return tf.gather(x, [2, 0]), tf.where(x > 2, x, x * 10)
a, b = f(tf.ragged.constant([[1, 2], [3], [4, 5]]))
print(a)
print(b)

#@ ragged_map_flat_values
@tf.function
def f(x):
    return tf.ragged.map_flat_values(tf.square, x), tf.ragged.map_flat_values(tf.cast, x, tf.float32)
a, b = f(tf.ragged.constant([[1, 2], [], [3]]))
print(a)
print(b)

#@ ragged_range_boolean_mask
@tf.function
def f(n):
    r = tf.ragged.range(n)
    return r, tf.ragged.boolean_mask(r, r % 2 == 0)
a, b = f(tf.constant([3, 0, 2]))
print(a)
print(b)

#@ ragged_broadcast_dense
@tf.function
def f(x, d):
    return x + d
print(f(tf.ragged.constant([[1.0, 2.0], [3.0]]), tf.constant([[10.0], [20.0]])))

#@ ragged_comparison
@tf.function
def f(x):
    return x >= 2, tf.math.equal(x, 3)
a, b = f(tf.ragged.constant([[1, 2], [3]]))
print(a)
print(b)

#@ ragged_nested
@tf.function
def f(x):
    return tf.reduce_sum(x, axis=2), x.nested_row_splits
s, splits = f(tf.ragged.constant([[[1, 2], [3]], [[4, 5, 6]], []]))
print(s)
print(splits)

#@ ragged_to_sparse_and_back
@tf.function
def f(x):
    s = x.to_sparse()
    return s, tf.RaggedTensor.from_sparse(s)
s, r = f(tf.ragged.constant([[1, 2], [], [3]]))
print(s)
print(r)

#@ ragged_gradient_inside
@tf.function
def f(v):
    with tf.GradientTape() as tape:
        tape.watch(v)
        rt = tf.RaggedTensor.from_row_splits(v, [0, 2, 2, 5])
        y = tf.reduce_sum(tf.reduce_sum(rt * rt, axis=1))
    return tape.gradient(y, v)
print(f(tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])))

#@ ragged_result_structure
@tf.function
def f(x):
    return {"r": x, "n": x.nrows()}
out = f(tf.ragged.constant([[1], [2, 3]]))
print(sorted(out))
print(out["r"])
print(out["n"])

#@ sparse_to_dense_argument
@tf.function
def f(s):
    return tf.sparse.to_dense(s)
print(f(tf.sparse.SparseTensor([[0, 1], [2, 3]], [1.0, 2.0], [3, 4])))

#@ sparse_matmul_argument
@tf.function
def f(s, d):
    return tf.sparse.sparse_dense_matmul(s, d)
print(f(tf.sparse.SparseTensor([[0, 1], [2, 3]], [1.0, 2.0], [3, 4]), tf.ones([4, 2])))

#@ sparse_reduce
@tf.function
def f(s):
    return tf.sparse.reduce_sum(s, axis=1), tf.sparse.reduce_max(s, axis=0), tf.sparse.reduce_sum(s)
for t in f(tf.sparse.SparseTensor([[0, 1], [0, 3], [2, 3]], [1.0, 2.0, 5.0], [3, 4])):
    print(t)

#@ sparse_add
@tf.function
def f(a, b):
    return tf.sparse.add(a, b), tf.sparse.add(a, tf.ones([2, 2]))
x = tf.sparse.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
y = tf.sparse.SparseTensor([[0, 1], [1, 1]], [3.0, 4.0], [2, 2])
s, d = f(x, y)
print(s)
print(d)

#@ sparse_result_static_shape
@tf.function
def f(s):
    print("trace", s.shape)
    t = tf.sparse.reorder(s)
    print("reorder", t.shape)
    return t
print(f(tf.sparse.SparseTensor([[1, 0], [0, 1]], [1, 2], [2, 2])))

#@ sparse_input_signature
@tf.function(input_signature=[tf.SparseTensorSpec(shape=[None, 3], dtype=tf.float32)])
def f(s):
    return tf.sparse.reduce_sum(s, axis=1)
print(f(tf.sparse.SparseTensor([[0, 1], [1, 2]], [1.0, 2.0], [2, 3])))
print(f(tf.sparse.SparseTensor([[3, 0]], [7.0], [4, 3])))

#@ sparse_reorder_transpose_reshape
@tf.function
def f(s):
    return tf.sparse.reorder(s), tf.sparse.transpose(s), tf.sparse.reshape(s, [4, 1])
for t in f(tf.sparse.SparseTensor([[1, 0], [0, 1]], [1, 2], [2, 2])):
    print(t)

#@ sparse_concat_slice
@tf.function
def f(a, b):
    c = tf.sparse.concat(1, [a, b])
    return c, tf.sparse.slice(c, [0, 1], [2, 2])
x = tf.sparse.SparseTensor([[0, 0], [1, 1]], [1, 2], [2, 2])
y = tf.sparse.SparseTensor([[0, 1]], [3], [2, 2])
c, s = f(x, y)
print(c)
print(s)

#@ sparse_retain_fill_empty_rows
@tf.function
def f(s):
    r = tf.sparse.retain(s, tf.constant([True, False, True]))
    filled, empty = tf.sparse.fill_empty_rows(s, -1)
    return r, filled, empty
for t in f(tf.sparse.SparseTensor([[0, 0], [0, 2], [2, 1]], [1, 2, 3], [4, 3])):
    print(t)

#@ sparse_maximum_softmax
@tf.function
def f(a, b):
    return tf.sparse.maximum(a, b), tf.sparse.softmax(a)
x = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 1]], [1.0, 2.0, 3.0], [2, 2])
y = tf.sparse.SparseTensor([[0, 0], [1, 0]], [4.0, -1.0], [2, 2])
m, s = f(x, y)
print(m)
print(s)

#@ sparse_map_values_from_dense
@tf.function
def f(d):
    s = tf.sparse.from_dense(d)
    return tf.sparse.map_values(tf.math.square, s)
print(f(tf.constant([[0, 3], [4, 0]])))

#@ sparse_to_indicator_embedding
@tf.function
def f(ids, params):
    return (tf.sparse.to_indicator(ids, 4),
            tf.nn.embedding_lookup_sparse(params, ids, None, combiner="sum"))
ids = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([1, 3, 2], tf.int64), [2, 2])
ind, emb = f(ids, tf.reshape(tf.range(8.0), [4, 2]))
print(ind)
print(emb)

#@ sparse_gradient_inside
@tf.function
def f(s, d):
    with tf.GradientTape() as tape:
        tape.watch(d)
        y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(s, d) ** 2)
    return tape.gradient(y, d)
print(f(tf.sparse.SparseTensor([[0, 1], [2, 3]], [1.0, 2.0], [3, 4]), tf.ones([4, 2])))

#@ sparse_values_gradient_inside
@tf.function
def f(v):
    with tf.GradientTape() as tape:
        tape.watch(v)
        s = tf.sparse.SparseTensor([[0, 0], [1, 2]], v, [2, 3])
        y = tf.reduce_sum(tf.sparse.to_dense(s) * tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    return tape.gradient(y, v)
print(f(tf.constant([1.0, 2.0])))

#@ sparse_concrete_function
@tf.function
def f(s):
    return tf.sparse.to_dense(s) + 1
c = f.get_concrete_function(tf.SparseTensorSpec([None, None], tf.int32))
print(c(tf.sparse.SparseTensor([[0, 0]], [5], [1, 2])))

#@ strings_split_inside
@tf.function
def f(s):
    return tf.strings.split(s)
print(f(tf.constant(["hello world", "a b c", ""])))

#@ strings_split_sep_join
@tf.function
def f(s):
    parts = tf.strings.split(s, sep=",")
    return tf.strings.reduce_join(parts, axis=1, separator="|")
print(f(tf.constant(["a,b", "c", "d,,e"])))

#@ strings_length_case
@tf.function
def f(s):
    return (tf.strings.length(s), tf.strings.length(s, unit="UTF8_CHAR"), tf.strings.upper(s),
            tf.strings.lower(s))
for t in f(tf.constant(["Héllo", "TF"])):
    print(t)

#@ strings_regex_strip_substr
@tf.function
def f(s):
    return (tf.strings.regex_replace(s, "[aeiou]", "_"), tf.strings.regex_full_match(s, ".*o.*"),
            tf.strings.strip(s), tf.strings.substr(s, 1, 3))
for t in f(tf.constant([" foo ", "bar", "zoo"])):
    print(t)

#@ strings_numbers
@tf.function
def f(s, x):
    return tf.strings.to_number(s), tf.strings.as_string(x, precision=2)
a, b = f(tf.constant(["1.5", "-2", "3e2"]), tf.constant([1.0, 2.5]))
print(a)
print(b)

#@ strings_hash_buckets
@tf.function
def f(s):
    return (tf.strings.to_hash_bucket_fast(s, 100), tf.strings.to_hash_bucket_strong(s, 100, [1, 2]),
            tf.strings.to_hash_bucket(s, 100))
for t in f(tf.constant(["", "hello", "a fairly long string of more than thirty-two bytes"])):
    print(t)

#@ strings_join_format
@tf.function
def f(a, b):
    return tf.strings.join([a, b], separator="-"), tf.strings.format("x={} y={}", (a, b))
j, s = f(tf.constant(["a", "b"]), tf.constant(["c", "d"]))
print(j)
print(s)

#@ strings_unicode
@tf.function
def f(s):
    codes = tf.strings.unicode_decode(s, "UTF-8")
    return codes, tf.strings.unicode_encode(codes, "UTF-8"), tf.strings.unicode_split(s, "UTF-8")
for t in f(tf.constant(["héllo", "ab"])):
    print(t)

#@ strings_bytes_split_ngrams
@tf.function
def f(s):
    return tf.strings.bytes_split(s), tf.strings.ngrams(tf.strings.split(s), 2, separator="+")
a, b = f(tf.constant(["abc", "de"]))
print(a)
print(b)

#@ strings_base64
@tf.function
def f(s):
    e = tf.io.encode_base64(s)
    return e, tf.io.decode_base64(e)
e, d = f(tf.constant(["hello", "tf!"]))
print(e)
print(d)

#@ strings_decode_raw
@tf.function
def f(s):
    return tf.io.decode_raw(s, tf.uint8)
print(f(tf.constant(["abc", "xyz"])))

#@ strings_input_signature
@tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
def f(s):
    return tf.strings.length(tf.strings.join([s, s]))
print(f(tf.constant(["ab", "cde"])))
print(f(tf.constant(["x"])))

#@ strings_ragged_pipeline
@tf.function
def f(s):
    words = tf.strings.split(tf.strings.lower(s))
    lengths = tf.strings.length(words)
    return words.row_lengths(), tf.reduce_max(lengths, axis=1), tf.strings.to_hash_bucket_fast(words, 7)
for t in f(tf.constant(["The quick brown", "FOX jumps"])):
    print(t)

#@ strings_python_string_argument
@tf.function
def f(s):
    return tf.strings.upper(s)
print(f("abc"))
print(f(tf.constant("abc")))

#@ ragged_map_fn_inside
@tf.function
def f(k):
    digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
    return (tf.map_fn(lambda r: r * k, digits),
            tf.map_fn(tf.reduce_sum, digits, fn_output_signature=tf.int32))
a, b = f(tf.constant(2))
print(a)
print(b)

#@ ragged_row_index_tensor
@tf.function
def f(x, i):
    return x[i], x[-1], x[i, 1:]
rt = tf.ragged.constant([[1.0, 2.0], [3.0], [], [4.0, 5.0, 6.0]])
for t in f(rt, tf.constant(1)):
    print(t)
for t in f(rt, tf.constant(-1)):
    print(t)

#@ ragged_for_over_rows
@tf.function
def f(x):
    total = tf.constant(0.0)
    for i in tf.range(x.nrows()):
        total += tf.reduce_max(x[i]) if False else tf.reduce_sum(x[i])
    return total
print(f(tf.ragged.constant([[1.0, 2.0], [3.0], [], [4.0, 5.0, 6.0]])))

#@ ragged_shape_result
@tf.function
def f(x):
    return tf.shape(x), tf.size(x), tf.rank(x)
s, n, r = f(tf.ragged.constant([[1.0, 2.0], [3.0], [], [4.0, 5.0, 6.0]]))
print(s)
print(s[0])
print(n, r)

#@ ragged_segment_ids_helpers
@tf.function
def f(x):
    return (tf.ragged.row_splits_to_segment_ids(x.row_splits),
            tf.ragged.segment_ids_to_row_splits(x.value_rowids(), num_segments=5))
a, b = f(tf.ragged.constant([[1, 2], [3], [], [4, 5, 6]]))
print(a)
print(b)
print(tf.ragged.row_splits_to_segment_ids(tf.constant([0, 2, 5], tf.int32)))
print(tf.ragged.segment_ids_to_row_splits([0, 0, 2]))

#@ strings_unicode_script_ragged
@tf.function
def f(s):
    return tf.strings.unicode_script(tf.strings.unicode_decode(s, "UTF-8"))
print(f(tf.constant(["aб", "中"])))

#@ ragged_to_sparse_dense_inside
@tf.function
def f(x):
    return x.to_sparse(), tf.sparse.from_dense(x.to_tensor())
a, b = f(tf.ragged.constant([[1.0, 2.0], [3.0], [], [4.0]]))
print(a)
print(b)

#@ ragged_unsorted_segment_rows
@tf.function
def f(x):
    return tf.math.unsorted_segment_sum(x.flat_values, x.value_rowids(), x.nrows())
print(f(tf.ragged.constant([[1.0, 2.0], [3.0], [], [4.0, 5.0, 6.0]])))

#@ ragged_rank2_signature
@tf.function(input_signature=[tf.RaggedTensorSpec([None, None, None], tf.float32, ragged_rank=2)])
def f(x):
    return tf.reduce_sum(x, axis=[1, 2]), x.bounding_shape()
a, b = f(tf.ragged.constant([[[1.0, 2.0], [3.0]], [[4.0]]]))
print(a)
print(b)

#@ ragged_to_tensor_gradient_eager
x = tf.constant([1.0, 2.0, 3.0])
with tf.GradientTape() as g:
    g.watch(x)
    d = tf.RaggedTensor.from_row_splits(x, [0, 2, 2, 3]).to_tensor(default_value=-1.0)
    y = tf.reduce_sum(d * tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
print(g.gradient(y, x))

#@ ragged_slice_tensor_bounds
@tf.function
def f(x, a, b):
    return x[a:], x[:b], x[a:b], x[a::2], x[-b:], x[a:b, :1]
rt = tf.ragged.constant([[1.0, 2.0], [3.0], [], [4.0, 5.0, 6.0], [7.0]])
for a, b in [(1, 3), (0, 10), (-2, 2), (3, 1)]:
    for t in f(rt, tf.constant(a), tf.constant(b)):
        print(t)

#@ ragged_slice_tensor_bounds_nested
@tf.function
def f(x, a):
    return x[a:], x[:a, 1:]
for t in f(tf.ragged.constant([[[1], [2, 3]], [], [[4]]]), tf.constant(1)):
    print(t)

#@ sparse_unary_ops
s = tf.sparse.SparseTensor([[0, 1], [1, 2]], [-0.5, 0.25], [2, 3])
for fn in [tf.math.abs, tf.math.negative, tf.math.sign, tf.math.square, tf.math.sin, tf.math.tanh,
           tf.math.asinh, tf.math.atan, tf.math.erf]:
    print(fn(s).values)
print(tf.cast(s, tf.float64))
print(tf.identity(s).values)
print(tf.shape(s), tf.size(s, out_type=tf.int64), tf.rank(s))

#@ sparse_unsupported_ops
s = tf.sparse.SparseTensor([[0, 1], [1, 2]], [-0.5, 0.25], [2, 3])
for f in [lambda: tf.exp(s), lambda: s + tf.ones([2, 3]), lambda: s + s, lambda: tf.ones([2, 3]) - s,
          lambda: tf.nn.relu(s), lambda: tf.zeros_like(s)]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__)

#@ sparse_unary_inside
@tf.function(input_signature=[tf.SparseTensorSpec([None, 3], tf.float32)])
def f(s):
    a = tf.abs(s)
    print("trace", a.shape, tf.cast(s, tf.int32).shape)
    return a, tf.square(s), tf.shape(s), tf.size(s), tf.rank(s)
for t in f(tf.sparse.SparseTensor([[0, 1], [1, 2]], [-1.5, 4.0], [2, 3])):
    print(t)

#@ ragged_cross_and_partitions
a = tf.ragged.constant([["x", "y"], ["z"], []])
b = tf.ragged.constant([["a", "b"], ["c"], ["d"]])
c = tf.constant([[1], [2], [3]], tf.int64)
print(tf.ragged.cross([a, b]))
print(tf.ragged.cross([a, b, c]))
print(tf.ragged.cross([tf.sparse.from_dense(tf.constant([["p", ""], ["q", "r"], ["", ""]])), b]))
print(tf.ragged.stack_dynamic_partitions([10, 20, 30, 40, 50], [1, 0, 1, 2, 1], 4))
print(tf.ragged.stack_dynamic_partitions(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), [1, 0, 1], 2))
for f in [lambda: tf.ragged.stack_dynamic_partitions([1, 2], [0, 5], 3),
          lambda: tf.ragged.cross([tf.constant([[1.5]])])]:
    try:
        f()
    except (ValueError, tf.errors.InvalidArgumentError) as e:
        print(type(e).__name__)

#@ ragged_cross_and_partitions_inside
@tf.function
def f(a, p):
    return (tf.ragged.cross([a, tf.constant([["u"], ["v"], ["w"]])]),
            tf.ragged.stack_dynamic_partitions(tf.range(5.0), p, 3))
x, y = f(tf.ragged.constant([["x", "y"], ["z"], []]), tf.constant([2, 0, 2, 1, 0]))
print(x)
print(y)
