# tf.feature_column / tf.compat.v1.feature_column: column objects and input_layer's dense tensors.

#@ numeric_bucketized_vocab_indicator
fc = tf.feature_column
age = fc.numeric_column("age")
print(age)
b = fc.bucketized_column(age, boundaries=[18, 30])
print(b)
c = fc.categorical_column_with_vocabulary_list("thal", ["fixed", "normal", "reversible"])
print(c)
i = fc.indicator_column(c); print(i)
e = fc.embedding_column(c, dimension=2); print(type(e).__name__, e.dimension)
feats = {"age": tf.constant([[12.],[40.]]), "thal": tf.constant([["normal"],["fixed"]])}
print(tf.compat.v1.feature_column.input_layer(feats, [age, b, i]))
print(fc.make_parse_example_spec([age, c]))

#@ oov_hash_identity_weighted_embedding
fc = tf.feature_column
age = fc.numeric_column('age')
c = fc.categorical_column_with_vocabulary_list('t',['a','b'], num_oov_buckets=2)
h = fc.categorical_column_with_hash_bucket('h', 5)
idc = fc.categorical_column_with_identity('i', 4)
w = tf.compat.v1.feature_column.weighted_categorical_column(idc, 'wt')
feats = {'t':tf.constant([['a','zz'],['b','']]),'h':tf.constant([['x'],['y']]),'i':tf.constant([[1,3],[0,-1]]),'wt':tf.constant([[0.5,2.],[1.,0.]]), 'n': tf.constant([1.,2.])}
print(tf.compat.v1.feature_column.input_layer(feats, [fc.indicator_column(c), fc.indicator_column(h), fc.indicator_column(idc), fc.numeric_column('n', normalizer_fn=lambda x: x*2)]))
print(tf.compat.v1.feature_column.input_layer(feats, [fc.indicator_column(w)]))
print(h, idc, w, sep='\n')
e = fc.embedding_column(idc, 3, initializer=tf.constant_initializer(0.5))
print(tf.compat.v1.feature_column.input_layer(feats, [e]))
e2 = fc.embedding_column(w, 2, combiner='sum', initializer=tf.constant_initializer([[1., 2.], [3., 4.], [5., 6.], [7., 8.]]))
print(tf.compat.v1.feature_column.input_layer(feats, [e2]))
print(fc.numeric_column('m', shape=(2,), dtype=tf.int64, default_value=0))

#@ ranges_shapes_errors
fc = tf.feature_column
age = fc.numeric_column('age')
idc = fc.categorical_column_with_identity('i', 4)
c = fc.categorical_column_with_vocabulary_list('t', ['a', 'b'])
feats = {'t': tf.constant([['a']])}
print(tf.compat.v1.feature_column.input_layer({'i': tf.constant([[5]])}, [fc.indicator_column(idc)]))
print(tf.compat.v1.feature_column.input_layer({'m': tf.constant([[1, 2], [3, 4]])}, [fc.numeric_column('m', shape=(2,))]))
for bad in (lambda: fc.numeric_column('x', shape=(0,)), lambda: fc.bucketized_column(c, [1]), lambda: fc.bucketized_column(age, [3, 1]), lambda: fc.categorical_column_with_identity('q', 0), lambda: fc.embedding_column(c, 0), lambda: tf.compat.v1.feature_column.input_layer(feats, [c])):
    try: bad()
    except Exception as ex: print(type(ex).__name__)

#@ embedding_combiners
fc = tf.feature_column
idc = fc.categorical_column_with_identity("i", 3)
e = fc.embedding_column(idc, 2, combiner="sum", initializer=tf.constant_initializer([[1., 2.], [3., 4.], [5., 6.]]))
feats = {"i": tf.constant([[0, 2], [1, -1]])}
out = tf.compat.v1.feature_column.input_layer(feats, [e])
print(out)
print(tf.compat.v1.feature_column.input_layer(feats, [fc.embedding_column(idc, 2, combiner="sqrtn", initializer=tf.constant_initializer(1.0))]))
