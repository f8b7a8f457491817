"""Files written by real TensorFlow read in tapeflow, and files tapeflow writes read in TF.

Runs only where TF 2.x is importable by `/tmp/tfref/bin/python` (or `$TAPEFLOW_TF_PYTHON`);
skipped otherwise. TF is never imported into this process: the same three functions below run
here with tapeflow and, sent as source text, in a TF subprocess.
"""
import inspect
import json
import os
import subprocess

import pytest

import tapeflow as tf

TF_PYTHON = os.environ.get("TAPEFLOW_TF_PYTHON", "/tmp/tfref/bin/python")

pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON),
                                reason="real TensorFlow not available")


def write_files(tf, directory):
    """One file per compression: one-feature Examples (their bytes do not depend on protobuf's
    map order), a two-feature Example, an empty record and a 100 kB record."""
    import os
    big = bytes(range(256)) * 400
    for kind in ("", "GZIP", "ZLIB"):
        path = os.path.join(directory, f"recs{kind}.tfrecord")
        with tf.io.TFRecordWriter(path, tf.io.TFRecordOptions(compression_type=kind)) as w:
            for i in range(5):
                ex = tf.train.Example(features=tf.train.Features(feature={
                    "v": tf.train.Feature(int64_list=tf.train.Int64List(value=[i, -i, 2 ** 40]))}))
                w.write(ex.SerializeToString())
            ex = tf.train.Example(features=tf.train.Features(feature={
                "f": tf.train.Feature(float_list=tf.train.FloatList(value=[0.5, -1.25])),
                "s": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"\x00a", b"bc"]))}))
            w.write(ex.SerializeToString())
            w.write(b"")
            w.write(big)


def read_files(tf, directory):
    """What a reader sees in the files `write_files` made, as JSON-able data."""
    import os
    out = {}
    for kind in ("", "GZIP", "ZLIB"):
        path = os.path.join(directory, f"recs{kind}.tfrecord")
        recs = [r.numpy() for r in tf.data.TFRecordDataset(path, compression_type=kind)]
        ints = [tf.io.parse_single_example(r, {"v": tf.io.FixedLenFeature([3], tf.int64)})
                ["v"].numpy().tolist() for r in recs[:5]]
        p = tf.io.parse_single_example(recs[5], {"f": tf.io.VarLenFeature(tf.float32),
                                                 "s": tf.io.FixedLenFeature([2], tf.string)})
        out[kind or "NONE"] = {
            "n": len(recs), "ints": ints,
            "floats": tf.sparse.to_dense(p["f"]).numpy().tolist(),
            "strings": [s.hex() for s in p["s"].numpy().tolist()],
            "empty": recs[6] == b"", "big": recs[7] == bytes(range(256)) * 400,
            "raw": [r.hex() for r in recs[:5]]}
    return out


def example_text(tf):
    return str(tf.train.Example(features=tf.train.Features(feature={
        "b": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"q\x01\"'"])),
        "a": tf.train.Feature(float_list=tf.train.FloatList(value=[0.1, 7.0, 1e20, -0.0])),
        "c": tf.train.Feature(int64_list=tf.train.Int64List(value=[-5, 2 ** 62]))})))


def test_files_cross_read_both_ways(tmp_path):
    tf_dir, tapeflow_dir = tmp_path / "by_tf", tmp_path / "by_tapeflow"
    tf_dir.mkdir()
    tapeflow_dir.mkdir()
    write_files(tf, str(tapeflow_dir))
    script = "\n".join([
        "import json", "import tensorflow as tf",
        inspect.getsource(write_files), inspect.getsource(read_files),
        inspect.getsource(example_text),
        f"write_files(tf, {str(tf_dir)!r})",
        (f"print(json.dumps({{'tf_reads_tapeflow': read_files(tf, {str(tapeflow_dir)!r}), "
         f"'tf_reads_tf': read_files(tf, {str(tf_dir)!r}), 'text': example_text(tf)}}))")])
    done = subprocess.run([TF_PYTHON, "-c", script], check=False, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    if "No module named 'tensorflow'" in done.stderr:
        pytest.skip("real TensorFlow not importable")
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    expected = result["tf_reads_tf"]
    assert expected["NONE"]["n"] == 8 and expected["NONE"]["big"]
    assert result["tf_reads_tapeflow"] == expected  # TF reads what tapeflow wrote
    assert read_files(tf, str(tf_dir)) == expected  # tapeflow reads what TF wrote
    assert read_files(tf, str(tapeflow_dir)) == expected
    assert example_text(tf) == result["text"]
