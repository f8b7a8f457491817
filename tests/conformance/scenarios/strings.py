# tf.strings: splitting (ragged results), joining, lengths, case, regexes, numbers, hashing
# (FarmHash fingerprints, SipHash, TF's legacy hash), formatting, substrings, unicode, ngrams,
# base64, decode_raw.

#@ split_basic
s = tf.constant(['What makes you think she is a witch?', 'A newt?', ''])
print(tf.strings.split(s))
print(tf.strings.split(s, ' '))
print(tf.strings.split('hello world'))

#@ split_sep_maxsplit
print(tf.strings.split(['a,b,,c', 'd'], sep=','))
print(tf.strings.split(['a,b,,c', 'd'], sep=',', maxsplit=1))
print(tf.strings.split(['  a  b c '], maxsplit=1))
print(tf.strings.split([' a  b '], sep=' '))

#@ split_2d
print(tf.strings.split([['a b', 'c'], ['d e f', '']]))

#@ compat_string_split
st = tf.compat.v1.string_split(['hello world', 'a b c'])
print(st)
st = tf.compat.v1.string_split(['a,b', 'c'], delimiter=',')
print(tf.sparse.to_dense(st, ''))

#@ join
print(tf.strings.join(['a', 'b', 'c']))
print(tf.strings.join([['a', 'b'], ['c', 'd']], separator='+'))
print(tf.strings.join([tf.constant(['x', 'y']), 'z'], separator='-'))

#@ reduce_join
x = tf.constant([['a', 'b'], ['c', 'd']])
print(tf.strings.reduce_join(x))
print(tf.strings.reduce_join(x, axis=0))
print(tf.strings.reduce_join(x, axis=1, separator=', '))
print(tf.strings.reduce_join(x, axis=-1, keepdims=True))

#@ reduce_join_ragged
rt = tf.ragged.constant([['a', 'b'], [], ['c']])
print(tf.strings.reduce_join(rt, axis=1, separator=' '))

#@ length
s = tf.constant(['hello', '', 'héllo', '你好'])
print(tf.strings.length(s))
print(tf.strings.length(s, unit='UTF8_CHAR'))

#@ lower_upper
s = tf.constant(['Hello World', 'ABC def'])
print(tf.strings.lower(s))
print(tf.strings.upper(s))

#@ strip
print(tf.strings.strip(['  hi  ', '\tx\n', 'y']))

#@ regex_replace
s = tf.constant(['hello world', 'abc abc'])
print(tf.strings.regex_replace(s, 'o', '0'))
print(tf.strings.regex_replace(s, 'a(b)c', r'[\1]'))
print(tf.strings.regex_replace(s, 'l+', 'L', replace_global=False))
print(tf.strings.regex_replace('  many   spaces ', r'\s+', ' '))

#@ static_regex_full_match
s = tf.constant(['abc', 'abd', 'xabc'])
print(tf.strings.regex_full_match(s, 'ab.'))
print(tf.strings.regex_full_match(s, '.*abc'))

#@ to_number
print(tf.strings.to_number(['1.5', '-2', '3e2']))
print(tf.strings.to_number(['1', '22'], out_type=tf.int32))
print(tf.strings.to_number(['7'], out_type=tf.int64))
print(tf.strings.to_number(['0.25'], out_type=tf.float64))

#@ to_number_error
try:
    tf.strings.to_number(['abc'])
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)

#@ to_hash_bucket_fast
print(tf.strings.to_hash_bucket_fast(['Hello', 'TensorFlow', '2.x', ''], 3))
print(tf.strings.to_hash_bucket_fast(['Who', 'is', 'Dan', 'Smith', 'Pause'], 1024))
print(tf.strings.to_hash_bucket_fast(['a' * 100, 'b' * 33, 'c' * 17, 'd' * 64, 'e' * 1000], 1 << 30))

#@ to_hash_bucket_fast_lengths
words = [''.join(chr(97 + (i * 7 + j) % 26) for j in range(i)) for i in range(70)]
print(tf.strings.to_hash_bucket_fast(words, 2 ** 31 - 1).numpy().tolist())

#@ fingerprint
print(tf.fingerprint(tf.constant(['Hello', 'TensorFlow'])))
print(tf.fingerprint(tf.constant([[1, 2], [3, 4]], tf.int32)))
print(tf.fingerprint(tf.constant(['x' * 200])))

#@ to_hash_bucket_strong
print(tf.strings.to_hash_bucket_strong(['Hello', 'TensorFlow', '2.x'], 3, [1, 2]))
print(tf.strings.to_hash_bucket_strong(['', 'a', 'abcdefgh', 'abcdefghijklmnop'], 2 ** 30, [123, 456]))

#@ to_hash_bucket_strong_lengths
words = [''.join(chr(65 + (i * 3 + j) % 50) for j in range(i)) for i in range(40)]
print(tf.strings.to_hash_bucket_strong(words, 2 ** 31 - 1, [2 ** 40 + 5, 987654321]).numpy().tolist())

#@ to_hash_bucket
print(tf.strings.to_hash_bucket(['Hello', 'TensorFlow', '2.x'], 3))
words = [''.join(chr(97 + (i * 5 + j) % 26) for j in range(i)) for i in range(40)]
print(tf.strings.to_hash_bucket(words, 2 ** 31 - 1).numpy().tolist())

#@ as_string
print(tf.strings.as_string([1, 22, -3]))
print(tf.strings.as_string([1.5, 2.0, 1e10]))
print(tf.strings.as_string([3.14159], precision=2))
print(tf.strings.as_string([7], width=4, fill='0'))
print(tf.strings.as_string([True, False]))
print(tf.strings.as_string([1.5], scientific=True))

#@ format
print(tf.strings.format("x={} y={}", (tf.constant(1), tf.constant([1.5, 2.0]))))
print(tf.strings.format("{}", tf.constant([[1, 2], [3, 4]])))
print(tf.strings.format("hello {}", tf.constant("world")))

#@ substr
print(tf.strings.substr(['Hello', 'World'], 1, 3))
print(tf.strings.substr('Hello', [0, 1, 2], [1, 2, 3]))
print(tf.strings.substr(['héllo'], 1, 2, unit='UTF8_CHAR'))
print(tf.strings.substr(['Hello'], -3, 2))

#@ substr_out_of_range
try:
    tf.strings.substr(['Hi'], 5, 1)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)

#@ bytes_split
print(tf.strings.bytes_split('hello'))
print(tf.strings.bytes_split(['hello', 'hi']))

#@ unicode_decode
print(tf.strings.unicode_decode(['héllo', '你好'], 'UTF-8'))
print(tf.strings.unicode_decode('abc', 'UTF-8'))

#@ unicode_decode_with_offsets
cp, off = tf.strings.unicode_decode_with_offsets(['héllo', 'a你'], 'UTF-8')
print(cp)
print(off)

#@ unicode_decode_errors
print(tf.strings.unicode_decode([b'a\xffb'], 'UTF-8', errors='replace'))
print(tf.strings.unicode_decode([b'a\xffb'], 'UTF-8', errors='ignore'))
print(tf.strings.unicode_decode([b'a\xffb'], 'UTF-8', errors='replace', replacement_char=63))

#@ unicode_encode
print(tf.strings.unicode_encode([104, 233, 108], 'UTF-8'))
print(tf.strings.unicode_encode(tf.ragged.constant([[104, 105], [20320, 22909]]), 'UTF-8'))
print(tf.strings.unicode_encode([[72, 105], [74, 111]], 'UTF-8'))

#@ unicode_split
print(tf.strings.unicode_split(['héllo', '你好'], 'UTF-8'))
print(tf.strings.unicode_split('abc', 'UTF-8'))

#@ unicode_split_with_offsets
c, o = tf.strings.unicode_split_with_offsets(['héllo'], 'UTF-8')
print(c)
print(o)

#@ unicode_script
print(tf.strings.unicode_script([72, 1046, 20320, 1575, 48]))

#@ unicode_transcode
print(tf.strings.unicode_transcode(['héllo'], 'UTF-8', 'UTF-16-BE'))
print(tf.strings.unicode_transcode([b'\x00h\x00i'], 'UTF-16-BE', 'UTF-8'))

#@ ngrams
print(tf.strings.ngrams(['a', 'b', 'c', 'd'], 2))
print(tf.strings.ngrams(tf.ragged.constant([['a', 'b', 'c'], ['d']]), 2, separator='_'))
print(tf.strings.ngrams(['a', 'b', 'c'], (1, 2)))
print(tf.strings.ngrams(tf.ragged.constant([['a', 'b'], ['c']]), 3, pad_values=('<', '>')))

#@ base64
e = tf.io.encode_base64(['hello', 'tf?>'])
print(e)
print(tf.io.decode_base64(e))
print(tf.io.encode_base64(['hello'], pad=True))

#@ decode_raw
print(tf.io.decode_raw(tf.constant(['\x01\x02\x03\x04']), tf.uint8))
print(tf.io.decode_raw(tf.constant([b'\x01\x00\x02\x00']), tf.int16))
print(tf.io.decode_raw(tf.constant([b'\x00\x00\x80\x3f']), tf.float32))

#@ string_equality
a = tf.constant(['a', 'b'])
print(a == 'a')
print(tf.equal(a, tf.constant(['a', 'c'])))

#@ string_add
print(tf.constant('ab') + tf.constant('cd'))
print(tf.strings.join(['x', tf.constant('y')]))

#@ split_to_hash_to_tensor
sentences = tf.constant(['What makes you think she is a witch?', 'She turned me into a newt.',
                         'A newt?', 'Well, I got better.'])
words = tf.strings.split(sentences, ' ')
hashed = tf.strings.to_hash_bucket_fast(words, 1000)
print(hashed.to_list())
print(hashed.to_tensor())

#@ split_ragged_input
rt = tf.ragged.constant([['a b', 'c'], ['d']])
print(tf.strings.split(rt))

#@ string_ops_2d
s = tf.constant([['Ab', 'cD'], ['E', '']])
print(tf.strings.upper(s))
print(tf.strings.length(s))

#@ as_string_int_widths
print(tf.strings.as_string(tf.constant([1, -22], tf.int64), width=5))
print(tf.strings.as_string(tf.constant([0.1], tf.float64)))
print(tf.strings.as_string(tf.constant([2.5], tf.float32), shortest=True))

#@ string_to_number_ragged
rt = tf.strings.split(['1 2 3', '4'])
print(tf.strings.to_number(rt))

#@ regex_replace_ragged
rt = tf.ragged.constant([['ab', 'cab'], ['b']])
print(tf.strings.regex_replace(rt, 'b', 'B'))

#@ string_length_error_unit
try:
    tf.strings.length(['a'], unit='WORD')
except (ValueError, tf.errors.InvalidArgumentError) as e:
    print(type(e).__name__)

#@ join_shape_mismatch
try:
    tf.strings.join([['a', 'b'], ['c', 'd', 'e']])
except (ValueError, tf.errors.InvalidArgumentError) as e:
    print(type(e).__name__)

#@ unicode_decode_utf16
print(tf.strings.unicode_decode([b'\x00h\x00i'], 'UTF-16-BE'))

#@ split_empty_sep_error
try:
    tf.strings.split(['abc'], sep='')
except (ValueError, tf.errors.InvalidArgumentError) as e:
    print(type(e).__name__)

#@ string_strip_ragged
rt = tf.ragged.constant([[' a ', 'b '], []])
print(tf.strings.strip(rt))
