# tf.data file readers and tf.io: TFRecord framing, tf.train.Example protos, Example parsing,
# text and CSV files (all through temporary files).

#@ tfrecord_bytes_exact
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "a.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    w.write(b"hello")
    w.write(b"")
    w.write(b"x" * 300)
data = open(path, "rb").read()
print(len(data))
print(data[:40])
print(data[-8:])

#@ tfrecord_roundtrip_dataset
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "b.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    for i in range(4):
        w.write(("record %d" % i).encode())
ds = tf.data.TFRecordDataset(path)
print(repr(ds))
print(ds.cardinality().numpy())
print(list(ds.as_numpy_iterator()))

#@ tfrecord_multiple_files_and_list
import os, tempfile
d = tempfile.mkdtemp()
paths = []
for f in range(2):
    p = os.path.join(d, "f%d.tfrecord" % f)
    with tf.io.TFRecordWriter(p) as w:
        for i in range(3):
            w.write(b"%d-%d" % (f, i))
    paths.append(p)
print(list(tf.data.TFRecordDataset(paths).as_numpy_iterator()))
print(list(tf.data.TFRecordDataset(paths, num_parallel_reads=2).as_numpy_iterator()))
print(list(tf.data.TFRecordDataset(tf.data.Dataset.from_tensor_slices(paths)).as_numpy_iterator()))

#@ tfrecord_gzip_roundtrip
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "c.tfrecord.gz")
with tf.io.TFRecordWriter(path, tf.io.TFRecordOptions(compression_type="GZIP")) as w:
    for i in range(3):
        w.write(b"gz%d" % i)
print(open(path, "rb").read()[:2])
print(list(tf.data.TFRecordDataset(path, compression_type="GZIP").as_numpy_iterator()))

#@ tfrecord_zlib_roundtrip
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "d.tfrecord")
with tf.io.TFRecordWriter(path, "ZLIB") as w:
    w.write(b"zlib data")
print(list(tf.data.TFRecordDataset(path, compression_type="ZLIB").as_numpy_iterator()))

#@ tfrecord_options_strings
print(tf.io.TFRecordOptions.get_compression_type_string("GZIP"))
print(repr(tf.io.TFRecordOptions.get_compression_type_string(None)))
print(tf.io.TFRecordOptions.get_compression_type_string(tf.io.TFRecordOptions("ZLIB")))
print(tf.io.TFRecordOptions(compression_type="GZIP").compression_type)

#@ tfrecord_corrupted_error
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "e.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    w.write(b"abcdef")
raw = bytearray(open(path, "rb").read())
raw[14] ^= 0xFF
open(path, "wb").write(bytes(raw))
print(list(tf.data.TFRecordDataset(path).as_numpy_iterator()))

#@ tfrecord_truncated_error
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "f.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    w.write(b"abcdef")
raw = open(path, "rb").read()
open(path, "wb").write(raw[:-3])
print(list(tf.data.TFRecordDataset(path).as_numpy_iterator()))

#@ tfrecord_missing_file_error
print(list(tf.data.TFRecordDataset("/nonexistent/dir/x.tfrecord").as_numpy_iterator()))

#@ tfrecord_write_dataset_experimental
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "g.tfrecord")
ds = tf.data.Dataset.from_tensor_slices([b"a", b"bb"])
tf.data.experimental.TFRecordWriter(path).write(ds)
print(list(tf.data.TFRecordDataset(path).as_numpy_iterator()))

#@ example_print_text_format
ex = tf.train.Example(features=tf.train.Features(feature={
    "a": tf.train.Feature(int64_list=tf.train.Int64List(value=[1, -2])),
    "b": tf.train.Feature(float_list=tf.train.FloatList(value=[1.5])),
    "c": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"hi", b"\x00\xff\"q'"])),
}))
print(ex)

#@ example_map_printed_in_descending_key_order
ex = tf.train.Example(features=tf.train.Features(feature={
    k: tf.train.Feature(int64_list=tf.train.Int64List(value=[i])) for i, k in
    enumerate(["feature0", "feature1", "feature2", "feature3"])}))
print(ex)

#@ example_serialize_single_feature
ex = tf.train.Example(features=tf.train.Features(feature={
    "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[7, 300, -1]))}))
s = ex.SerializeToString()
print(s)
print(len(s), ex.ByteSize())

#@ example_roundtrip_fromstring
ex = tf.train.Example(features=tf.train.Features(feature={
    "x": tf.train.Feature(float_list=tf.train.FloatList(value=[0.5, 2.0])),
    "y": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"cat"]))}))
back = tf.train.Example.FromString(ex.SerializeToString())
print(back == ex)
print(back.features.feature["x"].float_list.value)
print(back.features.feature["y"].bytes_list.value[0])
print(sorted(back.features.feature.keys()))

#@ feature_printing_and_floats
print(tf.train.Feature(float_list=tf.train.FloatList(
    value=[0.1, 1e10, 1e-7, 3.0, float("inf"), float("nan"), 123456789.0, -0.0, 2.5e-38])))

#@ feature_oneof
f = tf.train.Feature(int64_list=tf.train.Int64List(value=[1]))
print(f.WhichOneof("kind"), f.HasField("int64_list"), f.HasField("float_list"))
print(repr(tf.train.Feature()))
print(tf.train.Feature().WhichOneof("kind"))

#@ feature_list_types
print(tf.train.Int64List(value=[3]))
print(tf.train.BytesList(value=[b"a", b"b\n"]))
print(tf.train.FloatList(value=[1, 2]))
print(tf.train.Int64List(value=[1, 2]).SerializeToString())
print(tf.train.FloatList(value=[1.0]).SerializeToString())
print(tf.train.BytesList(value=[b"ab"]).SerializeToString())

#@ example_mutation_api
ex = tf.train.Example()
ex.features.feature["k"].int64_list.value.append(5)
ex.features.feature["k"].int64_list.value.extend([6, 7])
ex.features.feature["s"].bytes_list.value.append(b"v")
print(ex)
print(len(ex.features.feature), ex.ByteSize())

#@ example_empty
print(repr(str(tf.train.Example())))
print(tf.train.Example().SerializeToString())
print(tf.train.Example(features=tf.train.Features()).SerializeToString())

#@ example_decode_error
tf.train.Example.FromString(b"garbage")

#@ feature_wrong_value_type
tf.train.Int64List(value=[1.5])

#@ parse_single_example_fixed_and_var
ex = tf.train.Example(features=tf.train.Features(feature={
    "a": tf.train.Feature(int64_list=tf.train.Int64List(value=[1, -2])),
    "b": tf.train.Feature(float_list=tf.train.FloatList(value=[1.5])),
    "c": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"hi", b"yo"]))}))
s = ex.SerializeToString()
out = tf.io.parse_single_example(s, {
    "a": tf.io.FixedLenFeature([2], tf.int64),
    "b": tf.io.VarLenFeature(tf.float32),
    "c": tf.io.VarLenFeature(tf.string),
    "z": tf.io.FixedLenFeature([], tf.float32, default_value=7.0)})
print(list(out.keys()))
for k, v in out.items():
    print(k, v)

#@ parse_example_batch
def make(v):
    return tf.train.Example(features=tf.train.Features(feature={
        "v": tf.train.Feature(int64_list=tf.train.Int64List(value=v)),
        "s": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"x"] * len(v)))})).SerializeToString()
batch = [make([1]), make([2, 3]), make([])]
out = tf.io.parse_example(batch, {"v": tf.io.VarLenFeature(tf.int64),
                                  "s": tf.io.VarLenFeature(tf.string)})
print(out["v"])
print(tf.sparse.to_dense(out["v"]))
print(out["s"].dense_shape)

#@ parse_example_fixed_batch_shape
def make(i):
    return tf.train.Example(features=tf.train.Features(feature={
        "img": tf.train.Feature(float_list=tf.train.FloatList(value=[i, i + 1.0, i + 2.0, i + 3.0])),
        "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[i]))})).SerializeToString()
out = tf.io.parse_example(tf.constant([make(0), make(1)]), {
    "img": tf.io.FixedLenFeature([2, 2], tf.float32),
    "label": tf.io.FixedLenFeature([], tf.int64)})
print(out["img"])
print(out["label"])

#@ parse_missing_required_error
s = tf.train.Example().SerializeToString()
tf.io.parse_single_example(s, {"q": tf.io.FixedLenFeature([], tf.int64)})

#@ parse_wrong_count_error
s = tf.train.Example(features=tf.train.Features(feature={
    "a": tf.train.Feature(int64_list=tf.train.Int64List(value=[1, 2]))})).SerializeToString()
tf.io.parse_single_example(s, {"a": tf.io.FixedLenFeature([], tf.int64)})

#@ parse_wrong_type_error
s = tf.train.Example(features=tf.train.Features(feature={
    "a": tf.train.Feature(int64_list=tf.train.Int64List(value=[1]))})).SerializeToString()
tf.io.parse_single_example(s, {"a": tf.io.FixedLenFeature([], tf.float32)})

#@ parse_default_string
s = tf.train.Example().SerializeToString()
out = tf.io.parse_single_example(s, {"name": tf.io.FixedLenFeature([], tf.string, default_value="none")})
print(out["name"])

#@ parse_fixed_len_sequence
def make(v):
    return tf.train.Example(features=tf.train.Features(feature={
        "seq": tf.train.Feature(int64_list=tf.train.Int64List(value=v))})).SerializeToString()
spec = {"seq": tf.io.FixedLenSequenceFeature([], tf.int64, allow_missing=True)}
print(tf.io.parse_single_example(make([4, 5, 6]), spec)["seq"])
print(tf.io.parse_example([make([1]), make([2, 3, 4]), tf.train.Example().SerializeToString()], spec)["seq"])

#@ feature_config_reprs
print(tf.io.FixedLenFeature([], tf.int64))
print(tf.io.FixedLenFeature([3], tf.float32, default_value=[0.0, 0.0, 0.0]))
print(tf.io.VarLenFeature(tf.string))
print(tf.io.FixedLenSequenceFeature([], tf.int64, allow_missing=True))

#@ tfrecord_examples_pipeline
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "ex.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    for i in range(5):
        ex = tf.train.Example(features=tf.train.Features(feature={
            "x": tf.train.Feature(float_list=tf.train.FloatList(value=[i * 0.5])),
            "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[i % 2]))}))
        w.write(ex.SerializeToString())
spec = {"x": tf.io.FixedLenFeature([], tf.float32), "y": tf.io.FixedLenFeature([], tf.int64)}
ds = tf.data.TFRecordDataset(path).map(lambda r: tf.io.parse_single_example(r, spec)).batch(2)
print(ds.element_spec)
for b in ds:
    print(b["x"].numpy(), b["y"].numpy())
ds2 = tf.data.TFRecordDataset(path).batch(5).map(lambda r: tf.io.parse_example(r, spec))
print(next(iter(ds2))["x"])

#@ example_from_tfrecord_fromstring
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "t.tfrecord")
ex = tf.train.Example(features=tf.train.Features(feature={
    "image/text": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"Hello"]))}))
with tf.io.TFRecordWriter(path) as w:
    w.write(ex.SerializeToString())
raw = next(iter(tf.data.TFRecordDataset([path])))
parsed = tf.train.Example.FromString(raw.numpy())
print(parsed.features.feature["image/text"])

#@ sparse_tensor_printing
sp = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1, 2], dense_shape=[3, 4])
print(sp)
print(sp.shape, sp.dtype)
print(tf.sparse.to_dense(sp))
print(tf.data.Dataset.from_tensors(sp).element_spec)

#@ text_line_dataset
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "lines.txt")
open(path, "w").write("first\nsecond\r\n\nlast")
ds = tf.data.TextLineDataset(path)
print(repr(ds))
print(list(ds.as_numpy_iterator()))
print(ds.cardinality().numpy())

#@ text_line_interleave_files
import os, tempfile
d = tempfile.mkdtemp()
paths = []
for n in range(3):
    p = os.path.join(d, "f%d.txt" % n)
    open(p, "w").write("".join("file%d line%d\n" % (n, i) for i in range(3)))
    paths.append(p)
files_ds = tf.data.Dataset.from_tensor_slices(paths)
lines_ds = files_ds.interleave(tf.data.TextLineDataset, cycle_length=3)
for i, line in enumerate(lines_ds.take(6)):
    print(line.numpy())

#@ text_line_skip_header_batch
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "t.csv")
open(path, "w").write("h1,h2\n1,2\n3,4\n5,6\n")
ds = tf.data.TextLineDataset(path).skip(1).batch(2)
for b in ds:
    print(b)

#@ text_line_gzip
import gzip, os, tempfile
path = os.path.join(tempfile.mkdtemp(), "t.txt.gz")
with gzip.open(path, "wb") as f:
    f.write(b"a\nb\n")
print(list(tf.data.TextLineDataset(path, compression_type="GZIP").as_numpy_iterator()))

#@ csv_dataset_defaults_and_missing
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "missing.csv")
open(path, "w").write("1,2,3,4\n,2,3,4\n1,,3,4\n1,2,,4\n1,2,3,\n,,,\n")
ds = tf.data.experimental.CsvDataset(path, [999, 999, 999, 999])
print(repr(ds))
ds = ds.map(lambda *items: tf.stack(items))
for line in ds:
    print(line.numpy())

#@ csv_dataset_select_cols
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "missing.csv")
open(path, "w").write("1,2,3,4\n,2,3,4\n1,,3,4\n1,2,,4\n1,2,3,\n,,,\n")
ds = tf.data.experimental.CsvDataset(path, [999, 999], select_cols=[1, 3])
ds = ds.map(lambda *items: tf.stack(items))
print(ds.element_spec)
for line in ds:
    print(line.numpy())

#@ csv_dataset_types_header
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "typed.csv")
open(path, "w").write('n,name,x\n1,"Smith, J",2.5\n2,Bob,-1\n')
ds = tf.data.experimental.CsvDataset(path, [tf.int32, tf.string, tf.float32], header=True)
print(ds.element_spec)
for row in ds:
    print([item.numpy() for item in row])

#@ csv_dataset_required_missing_error
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "r.csv")
open(path, "w").write("1,2\n3,\n")
ds = tf.data.experimental.CsvDataset(path, [tf.int32, tf.int32])
print(list(ds.as_numpy_iterator()))

#@ csv_dataset_wrong_field_count_error
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "w.csv")
open(path, "w").write("1,2\n3\n")
ds = tf.data.experimental.CsvDataset(path, [0, 0])
print(list(ds.as_numpy_iterator()))

#@ make_csv_dataset_no_shuffle
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "titanic.csv")
open(path, "w").write("survived,sex,age,fare,class\n0,male,22.0,7.25,Third\n1,female,38.0,71.2833,First\n"
                      "1,female,26.0,7.925,Third\n1,female,35.0,53.1,First\n0,male,28.0,8.4583,Third\n")
ds = tf.data.experimental.make_csv_dataset(path, batch_size=2, label_name="survived",
                                           shuffle=False, num_epochs=1)
for feature_batch, label_batch in ds.take(2):
    print("'survived': {}".format(label_batch))
    for key, value in feature_batch.items():
        print("  {!r:20s}: {}".format(key, value))

#@ make_csv_dataset_select_columns
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "titanic.csv")
open(path, "w").write("survived,sex,age,fare,class\n0,male,22.0,7.25,Third\n1,female,38.0,71.2833,First\n"
                      "1,female,26.0,7.925,Third\n")
ds = tf.data.experimental.make_csv_dataset(path, batch_size=3, label_name="survived",
                                           select_columns=["class", "fare", "survived"],
                                           shuffle=False, num_epochs=1)
for feature_batch, label_batch in ds:
    print("'survived': {}".format(label_batch))
    for key, value in feature_batch.items():
        print("  {!r:20s}: {}".format(key, value))

#@ list_files_sorted_and_shuffled
import os, tempfile
d = tempfile.mkdtemp()
for n in ["b.txt", "a.txt", "c.txt", "skip.dat"]:
    open(os.path.join(d, n), "w").write(n)
ds = tf.data.Dataset.list_files(os.path.join(d, "*.txt"), shuffle=False)
print(repr(ds))
print([os.path.basename(f.numpy().decode()) for f in ds])
shuffled = tf.data.Dataset.list_files(os.path.join(d, "*.txt"), seed=3)
print(repr(shuffled))
print(sorted(os.path.basename(f.numpy().decode()) for f in shuffled))

#@ list_files_no_match_error
tf.data.Dataset.list_files("/nonexistent_dir_xyz/*.txt")

#@ fixed_length_record_dataset
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "fixed.bin")
open(path, "wb").write(b"HDR" + b"aabbccdd" + b"F")
ds = tf.data.FixedLengthRecordDataset(path, 2, header_bytes=3, footer_bytes=1)
print(repr(ds))
print(list(ds.as_numpy_iterator()))

#@ read_write_file
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "blob.bin")
tf.io.write_file(path, b"\x00binary\xff")
print(tf.io.read_file(path))

#@ cache_to_file
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "cache")
ds = tf.data.Dataset.from_tensor_slices(["a", "bb"]).cache(path)
print(list(ds.as_numpy_iterator()))
print(list(ds.as_numpy_iterator()))
again = tf.data.Dataset.from_tensor_slices(["a", "bb"]).cache(path)
print(list(again.as_numpy_iterator()))

#@ example_float_text_forms
print(tf.train.FloatList(value=[0.3, 1.0 / 3.0, 100.0, 1234567.0, 1e-5, -2.5]))

#@ example_value_types_accepted
print(tf.train.Int64List(value=[np.int64(3), np.int32(4), True]))
print(tf.train.FloatList(value=[np.float32(0.5), 2, np.float64(0.25)]))
print(tf.train.BytesList(value=[b"raw", np.bytes_(b"np")]))

#@ bytes_list_rejects_int
tf.train.BytesList(value=[1])

#@ features_rejects_non_feature
tf.train.Features(feature={"a": 1})

#@ example_bytesize_multi_feature
ex = tf.train.Example(features=tf.train.Features(feature={
    "a": tf.train.Feature(int64_list=tf.train.Int64List(value=[1, 2, 3])),
    "bb": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"xyz"])),
    "c": tf.train.Feature(float_list=tf.train.FloatList(value=[1.0, 2.0]))}))
print(ex.ByteSize(), len(ex.SerializeToString()))
print(tf.train.Example.FromString(ex.SerializeToString()) == ex)

#@ sequence_example_roundtrip
seq = tf.train.SequenceExample(
    context=tf.train.Features(feature={"len": tf.train.Feature(int64_list=tf.train.Int64List(value=[2]))}),
    feature_lists=tf.train.FeatureLists(feature_list={"tok": tf.train.FeatureList(feature=[
        tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"hi"])),
        tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"yo"]))])}))
print(seq)
s = seq.SerializeToString()
print(s)
print(tf.train.SequenceExample.FromString(s) == seq)

#@ parse_var_len_empty_and_shapes
s = tf.train.Example(features=tf.train.Features(feature={
    "e": tf.train.Feature(int64_list=tf.train.Int64List(value=[]))})).SerializeToString()
out = tf.io.parse_single_example(s, {"e": tf.io.VarLenFeature(tf.int64),
                                     "m": tf.io.VarLenFeature(tf.string)})
print(out["e"])
print(out["m"].dense_shape, out["m"].values)

#@ parse_fixed_default_2d
s = tf.train.Example().SerializeToString()
out = tf.io.parse_single_example(s, {"g": tf.io.FixedLenFeature([2, 2], tf.float32, default_value=[1.0, 2.0, 3.0, 4.0]),
                                     "h": tf.io.FixedLenFeature([3], tf.int64, default_value=0)})
print(out["g"])
print(out["h"])

#@ parse_sequence_missing_not_allowed_error
s = tf.train.Example().SerializeToString()
tf.io.parse_single_example(s, {"q": tf.io.FixedLenSequenceFeature([], tf.int64)})

#@ parse_bad_serialized_error
tf.io.parse_single_example(b"\x0a\x05abc", {"q": tf.io.FixedLenFeature([], tf.int64, default_value=0)})

#@ parse_example_from_dataset_batch_strings
def make(word):
    return tf.train.Example(features=tf.train.Features(feature={
        "w": tf.train.Feature(bytes_list=tf.train.BytesList(value=[word]))})).SerializeToString()
ds = tf.data.Dataset.from_tensor_slices([make(b"a"), make(b"bc"), make(b"d")]).batch(2)
ds = ds.map(lambda s: tf.io.parse_example(s, {"w": tf.io.FixedLenFeature([], tf.string)}))
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ csv_tab_delim_na_value
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "t.tsv")
open(path, "w").write("a\tb\n1\tNA\nNA\t2.5\n")
ds = tf.data.experimental.CsvDataset(path, [tf.constant(-1, tf.int64), tf.constant(0.0)],
                                     header=True, field_delim="\t", na_value="NA")
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))

#@ csv_header_select_cols_strings
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "s.csv")
open(path, "w").write('id,name,score\n1,"a, b",0.5\n2,c,\n')
ds = tf.data.experimental.CsvDataset(path, [tf.string, tf.constant(-1.0)], header=True, select_cols=[1, 2])
print(list(ds.as_numpy_iterator()))

#@ csv_invalid_number_error
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "n.csv")
open(path, "w").write("1\nabc\n")
print(list(tf.data.experimental.CsvDataset(path, [tf.int32]).as_numpy_iterator()))

#@ make_csv_dataset_defaults_no_label
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "d.csv")
open(path, "w").write("a,b,c\n1,2.5,x\n3,,y\n,4,\n")
ds = tf.data.experimental.make_csv_dataset(path, batch_size=3, shuffle=False, num_epochs=1)
for batch in ds:
    for k, v in batch.items():
        print(k, v)
ds = tf.data.experimental.make_csv_dataset(path, batch_size=2, shuffle=False, num_epochs=1,
                                           column_defaults=[0, 0.0, "?"])
print([(k, v.numpy().tolist()) for k, v in next(iter(ds)).items()])

#@ make_csv_dataset_repeats_by_default
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "r.csv")
open(path, "w").write("x,y\n1,2\n3,4\n")
ds = tf.data.experimental.make_csv_dataset(path, batch_size=3, label_name="y", shuffle=False)
print(ds.cardinality().numpy())
feats, label = next(iter(ds))
print(feats["x"].numpy(), label.numpy())

#@ text_line_parallel_reads_and_missing
import os, tempfile
d = tempfile.mkdtemp()
for n in range(2):
    open(os.path.join(d, "p%d.txt" % n), "w").write("".join("%d:%d\n" % (n, i) for i in range(3)))
ds = tf.data.TextLineDataset([os.path.join(d, "p0.txt"), os.path.join(d, "p1.txt")], num_parallel_reads=2)
print(list(ds.as_numpy_iterator()))
print(list(tf.data.TextLineDataset(os.path.join(d, "nope.txt")).as_numpy_iterator()))

#@ list_files_several_patterns
import os, tempfile
d = tempfile.mkdtemp()
for n in ["x1.a", "x2.b", "y.a"]:
    open(os.path.join(d, n), "w").write("")
ds = tf.data.Dataset.list_files([os.path.join(d, "*.a"), os.path.join(d, "x*")], shuffle=False)
print([os.path.basename(f) for f in ds.as_numpy_iterator()])

#@ fixed_length_body_error
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "odd.bin")
open(path, "wb").write(b"abcde")
print(list(tf.data.FixedLengthRecordDataset(path, 2).as_numpy_iterator()))

#@ read_file_missing_error
tf.io.read_file("/nonexistent/file.bin")

#@ gfile_helpers
import os, tempfile
d = tempfile.mkdtemp()
open(os.path.join(d, "a.txt"), "w").write("hello")
print(tf.io.gfile.exists(os.path.join(d, "a.txt")), tf.io.gfile.exists(os.path.join(d, "b.txt")))
print([os.path.basename(p) for p in tf.io.gfile.glob(os.path.join(d, "*.txt"))])
print(tf.io.gfile.listdir(d))
with tf.io.gfile.GFile(os.path.join(d, "a.txt")) as f:
    print(f.read())
print(tf.io.matching_files(os.path.join(d, "*.txt")).shape)

#@ tfrecord_writer_accepts_str_and_tensor
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "s.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    w.write("text")
    w.write(tf.constant(b"tensor"))
print(list(tf.data.TFRecordDataset(path).as_numpy_iterator()))

#@ tfrecord_dataset_filenames_tensor
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "t.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    w.write(b"one")
print(list(tf.data.TFRecordDataset(tf.constant([path, path])).as_numpy_iterator()))

#@ tfrecord_dataset_bad_filenames_type
tf.data.TFRecordDataset(5)

#@ sparse_from_dense_and_errors
sp = tf.sparse.from_dense(tf.constant([[0, 3], [4, 0]]))
print(sp)
print(tf.sparse.to_dense(sp, default_value=0))
tf.SparseTensor(indices=[[0, 0]], values=[1, 2], dense_shape=[2, 2])

#@ tutorial_tfrecord_feature_helpers
# From TF's tutorial site/en/tutorials/load_data/tfrecord.ipynb (cells 2-4).
def _bytes_feature(value):
  """Returns a bytes_list from a string / byte."""
  if isinstance(value, type(tf.constant(0))):
    value = value.numpy() # BytesList won't unpack a string from an EagerTensor.
  return tf.train.Feature(bytes_list=tf.train.BytesList(value=[value]))

def _float_feature(value):
  """Returns a float_list from a float / double."""
  return tf.train.Feature(float_list=tf.train.FloatList(value=[value]))

def _int64_feature(value):
  """Returns an int64_list from a bool / enum / int / uint."""
  return tf.train.Feature(int64_list=tf.train.Int64List(value=[value]))
print(_bytes_feature(b'test_string'))
print(_bytes_feature(u'test_bytes'.encode('utf-8')))

print(_float_feature(np.exp(1)))

print(_int64_feature(1))
print(_bytes_feature(tf.constant(b"from a tensor")))
feature = _float_feature(np.exp(1))

print(feature.SerializeToString())

#@ tutorial_tfrecord_pipeline
# From TF's tutorial site/en/tutorials/load_data/tfrecord.ipynb (cells 5-19), with a seeded
# NumPy generator, 20 observations, a temporary file and feature0 as 0/1 integers (in TF 2.21
# with NumPy 2 the tutorial's boolean feature0 fails inside the py_function).
import os, tempfile
def _bytes_feature(value):
  if isinstance(value, type(tf.constant(0))):
    value = value.numpy()
  return tf.train.Feature(bytes_list=tf.train.BytesList(value=[value]))
def _float_feature(value):
  return tf.train.Feature(float_list=tf.train.FloatList(value=[value]))
def _int64_feature(value):
  return tf.train.Feature(int64_list=tf.train.Int64List(value=[value]))
rng = np.random.RandomState(0)
n_observations = 20
feature0 = rng.choice([0, 1], n_observations)
feature1 = rng.randint(0, 5, n_observations)
strings = np.array([b'cat', b'dog', b'chicken', b'horse', b'goat'])
feature2 = strings[feature1]
feature3 = rng.randn(n_observations)

@tf.py_function(Tout=tf.string)
def serialize_example(feature0, feature1, feature2, feature3):
  feature = {
      'feature0': _int64_feature(feature0),
      'feature1': _int64_feature(feature1),
      'feature2': _bytes_feature(feature2),
      'feature3': _float_feature(feature3),
  }
  example_proto = tf.train.Example(features=tf.train.Features(feature=feature))
  return example_proto.SerializeToString()

example_observation = [0, 4, b'goat', 0.9876]
serialized_example = serialize_example(*example_observation)
example_proto = tf.train.Example.FromString(serialized_example.numpy())
print(example_proto)

filename = os.path.join(tempfile.mkdtemp(), 'test.tfrecord')
with tf.io.TFRecordWriter(filename) as writer:
  for i in range(n_observations):
    example = serialize_example(feature0[i], feature1[i], feature2[i], feature3[i])
    writer.write(example.numpy())

raw_dataset = tf.data.TFRecordDataset([filename])
print(repr(raw_dataset))
for raw_record in raw_dataset.take(1):
  example = tf.train.Example()
  example.ParseFromString(raw_record.numpy())
  print(example)

result = {}
for key, feature in sorted(example.features.feature.items()):
  kind = feature.WhichOneof('kind')
  result[key] = np.array(getattr(feature, kind).value)
print(result)

feature_description = {
    'feature0': tf.io.FixedLenFeature([], tf.int64, default_value=0),
    'feature1': tf.io.FixedLenFeature([], tf.int64, default_value=0),
    'feature2': tf.io.FixedLenFeature([], tf.string, default_value=''),
    'feature3': tf.io.FixedLenFeature([], tf.float32, default_value=0.0),
}

def _parse_function(example_proto):
  return tf.io.parse_single_example(example_proto, feature_description)

parsed_dataset = raw_dataset.map(_parse_function)
print(repr(parsed_dataset))
for parsed_record in parsed_dataset.take(3):
  print(repr(parsed_record))

#@ serialize_tensor_bytes
for t in [tf.constant([1.0, 2.0]), tf.constant(3), tf.constant([[1, 2]], tf.int64),
          tf.constant(["a", "bc"]), tf.constant(True), tf.zeros([0, 3]),
          tf.constant([1, 2], tf.uint8), tf.constant(1.5, tf.float16), tf.constant(1 + 2j)]:
    print(tf.io.serialize_tensor(t).numpy())

#@ parse_tensor_roundtrip
s = tf.io.serialize_tensor(tf.constant([[1.5, -2.0], [3.0, 4.0]]))
print(tf.io.parse_tensor(s, tf.float32))
print(tf.io.parse_tensor(tf.io.serialize_tensor(tf.constant(["a", "bc"])), tf.string))
print(tf.io.parse_tensor(tf.io.serialize_tensor(tf.constant(7, tf.int64)), tf.int64))

#@ parse_tensor_type_mismatch_error
tf.io.parse_tensor(tf.io.serialize_tensor(tf.constant([1.0, 2.0])), tf.int32)

#@ parse_tensor_garbage_error
tf.io.parse_tensor(b"garbage", tf.int32)

#@ serialized_tensors_in_examples
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "t.tfrecord")
with tf.io.TFRecordWriter(path) as w:
    for i in range(3):
        t = tf.reshape(tf.range(i * 4, i * 4 + 4, dtype=tf.float32), [2, 2])
        ex = tf.train.Example(features=tf.train.Features(feature={
            "t": tf.train.Feature(bytes_list=tf.train.BytesList(value=[tf.io.serialize_tensor(t).numpy()]))}))
        w.write(ex.SerializeToString())
def parse(r):
    s = tf.io.parse_single_example(r, {"t": tf.io.FixedLenFeature([], tf.string)})["t"]
    return tf.io.parse_tensor(s, tf.float32)
for t in tf.data.TFRecordDataset(path).map(parse):
    print(t.numpy())

#@ decode_csv_forms
print(tf.io.decode_csv("1,2.5,x", [[0], [0.0], [""]]))
print(tf.io.decode_csv(["1,2", "3,"], [[0], [7]]))
print(tf.io.decode_csv('"a,b",c', [[""], [""]]))
print(tf.io.decode_csv("1;2", [[0], [0]], field_delim=";"))
print(tf.io.decode_csv("1,2,3", [[0], [0]], select_cols=[0, 2]))
print(tf.io.decode_csv(tf.constant([["4,5"], ["6,7"]]), [tf.constant([0], tf.int64), [0.0]]))

#@ decode_csv_missing_required_error
tf.io.decode_csv("1,", [[0], tf.constant([], tf.int32)])

#@ decode_csv_field_count_error
tf.io.decode_csv("1,2,3", [[0], [0]])

#@ decode_csv_not_a_number_error
tf.io.decode_csv("x", [[0]])

#@ decode_csv_text_line_pipeline
import os, tempfile
path = os.path.join(tempfile.mkdtemp(), "p.csv")
open(path, "w").write("x,y,label\n1.0,2.0,0\n3.5,-1.0,1\n0.5,0.25,1\n")
ds = tf.data.TextLineDataset(path).skip(1).map(lambda line: tf.io.decode_csv(line, [[0.0], [0.0], [0]]))
ds = ds.map(lambda x, y, label: (tf.stack([x, y]), label)).batch(2)
for features, labels in ds:
    print(features.numpy(), labels.numpy())

#@ decode_raw_forms
print(tf.io.decode_raw(b"\x01\x00\x02\x00", tf.int16))
print(tf.io.decode_raw([b"\x01\x02", b"\x03\x04"], tf.uint8))
print(tf.io.decode_raw(b"\x00\x01", tf.int16, little_endian=False))
print(tf.io.decode_raw(tf.constant(np.float32(1.5).tobytes()), tf.float32))

#@ decode_raw_length_error
tf.io.decode_raw(b"\x01\x00\x02", tf.int16)

#@ make_batched_features_dataset_no_shuffle
import os, tempfile
d = tempfile.mkdtemp()
for f in range(2):
    with tf.io.TFRecordWriter(os.path.join(d, "part-%d.tfrecord" % f)) as w:
        for i in range(3):
            ex = tf.train.Example(features=tf.train.Features(feature={
                "x": tf.train.Feature(float_list=tf.train.FloatList(value=[f + i / 10])),
                "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[i]))}))
            w.write(ex.SerializeToString())
features = {"x": tf.io.FixedLenFeature([], tf.float32), "y": tf.io.FixedLenFeature([], tf.int64)}
ds = tf.data.experimental.make_batched_features_dataset(
    os.path.join(d, "*.tfrecord"), batch_size=4, features=features, label_key="y",
    num_epochs=1, shuffle=False)
print(ds.element_spec)
for feats, label in ds:
    print(feats["x"].numpy(), label.numpy())

#@ parse_example_dataset_apply
def make(i):
    return tf.train.Example(features=tf.train.Features(feature={
        "v": tf.train.Feature(int64_list=tf.train.Int64List(value=[i, i * 2]))})).SerializeToString()
ds = tf.data.Dataset.from_tensor_slices([make(1), make(2), make(3)]).batch(2)
ds = ds.apply(tf.data.experimental.parse_example_dataset({"v": tf.io.FixedLenFeature([2], tf.int64)}))
print(ds.element_spec)
print(list(ds.as_numpy_iterator()))
