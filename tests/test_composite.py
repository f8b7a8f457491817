"""RaggedTensor, SparseTensor and tf.strings: semantics, gradient tables (first and second
order, reverse and forward mode) through ragged and sparse values and dense operands, and the
completeness of the string primitives' records."""
import importlib

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.framework import op as op_module
from tapeflow.framework.tensor import AbstractArray
from tapeflow.prims import _hashing
from tapeflow.prims import ragged as PR

SPLITS = [0, 2, 2, 5]


def _rt(v):
    return tf.RaggedTensor.from_row_splits(v, SPLITS)


RAGGED_GRADIENTS = [
    ("mul_sum", lambda v: tf.reduce_sum(_rt(v) * _rt(v), axis=1), [np.arange(1.0, 6.0)]),
    ("mean_rows", lambda v: tf.reduce_mean(tf.RaggedTensor.from_row_lengths(v, [2, 3]), axis=1),
     [np.arange(1.0, 6.0)]),
    ("sum_axis0", lambda v: tf.reduce_sum(tf.sin(_rt(v)), axis=0), [np.arange(1.0, 6.0)]),
    ("max_rows", lambda v: tf.reduce_max(_rt(v), axis=1), [np.array([1.0, 3.0, 2.0, 7.0, 5.0])]),
    ("to_tensor", lambda v: _rt(v).to_tensor() ** 2, [np.arange(1.0, 6.0)]),
    ("broadcast_dense", lambda v, d: (_rt(v) * d).flat_values,
     [np.arange(1.0, 6.0), np.array([[2.0], [3.0], [4.0]])]),
    ("slice_columns", lambda v: tf.exp(_rt(v)[:, :2]).flat_values, [np.arange(1.0, 6.0) / 5]),
    ("concat_rows", lambda v: tf.concat([_rt(v), _rt(v) * 2.0], axis=1).flat_values ** 2,
     [np.arange(1.0, 6.0)]),
    ("gather_rows", lambda v: tf.gather(_rt(v), [2, 0]).flat_values ** 3, [np.arange(1.0, 6.0)]),
    ("min_rows", lambda v: tf.reduce_min(_rt(v), axis=1), [np.array([4.0, 3.0, 2.0, 7.0, 5.0])]),
    ("prod_rows", lambda v: tf.reduce_prod(_rt(v), axis=1), [np.arange(1.0, 6.0) / 2]),
    ("mean_axis0", lambda v: tf.reduce_mean(_rt(v) ** 2, axis=0), [np.arange(1.0, 6.0)]),
    ("map_flat_values", lambda v: tf.ragged.map_flat_values(tf.tanh, _rt(v) * 0.3).flat_values,
     [np.arange(1.0, 6.0)]),
    ("where", lambda v: tf.where(_rt(v) > 2.5, _rt(v) ** 2, tf.sin(_rt(v))).flat_values,
     [np.arange(1.0, 6.0)]),
    ("stack_axis1", lambda v: tf.stack([_rt(v), _rt(v) ** 2], axis=1).flat_values,
     [np.arange(1.0, 6.0)]),
    ("boolean_mask", lambda v: tf.ragged.boolean_mask(
        _rt(v), tf.RaggedTensor.from_row_splits([True, False, True, True, False], SPLITS)
    ).flat_values ** 2, [np.arange(1.0, 6.0)]),
    ("from_tensor_lengths", lambda d: tf.reduce_sum(
        tf.RaggedTensor.from_tensor(d, lengths=[1, 3]) ** 2, axis=1),
     [np.arange(6.0).reshape(2, 3)]),
    ("from_value_rowids", lambda v: tf.reduce_max(
        tf.RaggedTensor.from_value_rowids(v, [0, 0, 2, 2, 2], nrows=4), axis=1),
     [np.array([1.0, 3.0, 2.0, 7.0, 5.0])]),
    ("row_index", lambda v: _rt(v)[2] * _rt(v)[0][1], [np.arange(1.0, 6.0)]),
    ("to_tensor_default", lambda v, d: _rt(v).to_tensor(default_value=d) ** 2,
     [np.arange(1.0, 6.0), np.array(0.5)]),
    ("nested_sum", lambda v: tf.reduce_sum(tf.RaggedTensor.from_nested_row_splits(
        v, [[0, 2, 3], [0, 1, 3, 5]]) ** 2, axis=2).flat_values, [np.arange(1.0, 6.0)]),
    ("stack_dynamic_partitions", lambda v: tf.reduce_sum(tf.ragged.stack_dynamic_partitions(
        v, [1, 0, 1, 2, 1], 4) ** 2, axis=1), [np.arange(1.0, 6.0)]),
    ("ragged_times_ragged", lambda a, b: (_rt(a) * _rt(b) + _rt(a) / _rt(b)).flat_values,
     [np.arange(1.0, 6.0), np.arange(2.0, 7.0)]),
]

SP_IDX = [[0, 0], [0, 2], [1, 1]]


def _sp(v):
    return tf.SparseTensor(SP_IDX, v, [2, 3])


SPARSE_GRADIENTS = [
    ("to_dense", lambda v: tf.sparse.to_dense(_sp(v)) ** 2, [np.array([1.0, 2.0, 3.0])]),
    ("matmul", lambda v, b: tf.sparse.sparse_dense_matmul(_sp(v), b) ** 2,
     [np.array([1.0, 2.0, 3.0]), np.arange(6.0).reshape(3, 2)]),
    ("matmul_adjoint", lambda v, b: tf.sparse.sparse_dense_matmul(_sp(v), b, adjoint_a=True),
     [np.array([1.0, 2.0, 3.0]), np.arange(4.0).reshape(2, 2)]),
    ("reduce_sum", lambda v: tf.sparse.reduce_sum(_sp(v), axis=1) ** 2, [np.array([1.0, 2.0, 3.0])]),
    ("add_dense", lambda v, d: tf.sparse.add(_sp(v), d) ** 2,
     [np.array([1.0, 2.0, 3.0]), np.ones((2, 3))]),
    ("add_sparse", lambda v: tf.sparse.add(_sp(v), _sp(v * v)).values, [np.array([1.0, 2.0, 3.0])]),
    ("softmax", lambda v: tf.sparse.softmax(_sp(v)).values, [np.array([0.5, 1.0, 2.0])]),
    ("embedding_sparse", lambda p: tf.nn.embedding_lookup_sparse(
        p, tf.SparseTensor(SP_IDX, tf.constant([0, 2, 1], tf.int64), [2, 3]), None),
     [np.arange(6.0).reshape(3, 2)]),
    ("to_dense_default", lambda v, d: tf.sparse.to_dense(_sp(v), default_value=d) ** 2,
     [np.array([1.0, 2.0, 3.0]), np.array(0.5)]),
    ("matmul_adjoint_b", lambda v, b: tf.sparse.sparse_dense_matmul(_sp(v), b, adjoint_b=True),
     [np.array([1.0, 2.0, 3.0]), np.arange(6.0).reshape(2, 3)]),
    ("dense_times_sparse", lambda v, b: tf.sparse.sparse_dense_matmul(b, _sp(v)) ** 2,
     [np.array([1.0, 2.0, 3.0]), np.arange(4.0).reshape(2, 2)]),
    ("reduce_max", lambda v: tf.sparse.reduce_max(_sp(v), axis=1), [np.array([1.0, -2.0, 3.0])]),
    ("reduce_sum_sparse_out", lambda v: tf.sparse.reduce_sum(
        _sp(v), axis=0, output_is_sparse=True).values ** 2, [np.array([1.0, 2.0, 3.0])]),
    ("maximum", lambda a, b: tf.sparse.maximum(_sp(a), _sp(b)).values,
     [np.array([1.0, 5.0, 3.0]), np.array([2.0, 4.0, 0.5])]),
    ("minimum", lambda a, b: tf.sparse.minimum(_sp(a), _sp(b)).values,
     [np.array([1.0, 5.0, 3.0]), np.array([2.0, 4.0, 0.5])]),
    ("concat", lambda a, b: tf.sparse.to_dense(tf.sparse.concat(1, [_sp(a), _sp(b)])) ** 2,
     [np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])]),
    ("slice", lambda v: tf.sparse.slice(_sp(v), [0, 1], [2, 2]).values ** 2,
     [np.array([1.0, 2.0, 3.0])]),
    ("retain", lambda v: tf.sparse.retain(_sp(v), [True, False, True]).values ** 2,
     [np.array([1.0, 2.0, 3.0])]),
    ("fill_empty_rows", lambda v, d: tf.sparse.fill_empty_rows(
        tf.SparseTensor([[0, 1], [2, 0]], v, [4, 2]), d)[0].values ** 2,
     [np.array([1.0, 2.0]), np.array(0.5)]),
    ("map_values", lambda v: tf.sparse.map_values(tf.sin, _sp(v)).values,
     [np.array([1.0, 2.0, 3.0])]),
    ("times_dense", lambda v, d: (_sp(v) * d).values, [np.array([1.0, 2.0, 3.0]),
                                                       np.arange(1.0, 7.0).reshape(2, 3)]),
    ("div_dense", lambda v, d: (_sp(v) / d).values, [np.array([1.0, 2.0, 3.0]),
                                                     np.array([[1.5], [2.5]])]),
    ("reorder_transpose_reshape", lambda v: tf.sparse.to_dense(tf.sparse.reshape(
        tf.sparse.transpose(tf.sparse.reorder(tf.SparseTensor([[1, 1], [0, 2], [0, 0]], v,
                                                              [2, 3]))), [2, 3])) ** 2,
     [np.array([1.0, 2.0, 3.0])]),
    ("segment_sum", lambda d: tf.sparse.segment_sum(d, [0, 2, 1], [0, 0, 1]) ** 2,
     [np.arange(6.0).reshape(3, 2)]),
    ("segment_mean", lambda d: tf.sparse.segment_mean(d, [0, 2, 1], [0, 0, 1]) ** 2,
     [np.arange(6.0).reshape(3, 2)]),
    ("segment_sqrt_n", lambda d: tf.sparse.segment_sqrt_n(d, [0, 2, 1], [0, 0, 1]) ** 2,
     [np.arange(6.0).reshape(3, 2)]),
    ("embedding_weighted_mean", lambda p, w: tf.nn.embedding_lookup_sparse(
        p, tf.SparseTensor(SP_IDX, tf.constant([0, 2, 1], tf.int64), [2, 3]),
        tf.SparseTensor(SP_IDX, w, [2, 3]), combiner="mean"),
     [np.arange(6.0).reshape(3, 2), np.array([0.5, 2.0, 1.5])]),
    ("embedding_weighted_sqrtn", lambda p, w: tf.nn.embedding_lookup_sparse(
        p, tf.SparseTensor(SP_IDX, tf.constant([0, 2, 1], tf.int64), [2, 3]),
        tf.SparseTensor(SP_IDX, w, [2, 3]), combiner="sqrtn"),
     [np.arange(6.0).reshape(3, 2), np.array([0.5, 2.0, 1.5])]),
]


@pytest.mark.parametrize("name,f,args", RAGGED_GRADIENTS, ids=[r[0] for r in RAGGED_GRADIENTS])
def test_ragged_gradients(name, f, args):
    tf.test.check_gradients(f, args, order=2)


@pytest.mark.parametrize("name,f,args", SPARSE_GRADIENTS, ids=[r[0] for r in SPARSE_GRADIENTS])
def test_sparse_gradients(name, f, args):
    tf.test.check_gradients(f, args, order=2)


def test_string_primitives_are_complete():
    importlib.import_module("tapeflow.prims.strings")  # registers the string primitives
    mine = {name: op.missing() for name, op in op_module.REGISTRY.items()
            if op.__class__ is op_module.Primitive and op.forward.__module__ == "tapeflow.prims.strings"}
    assert mine and not any(mine.values()), mine
    for name in mine:
        assert op_module.REGISTRY[name].nondiff


def test_ragged_structure_and_conversion():
    rt = tf.ragged.constant([[1, 2], [], [3, 4, 5]])
    assert rt.shape.as_list() == [3, None]
    assert rt.to_list() == [[1, 2], [], [3, 4, 5]]
    np.testing.assert_array_equal(rt.row_lengths().numpy(), [2, 0, 3])
    np.testing.assert_array_equal(rt.to_tensor(-1).numpy(), [[1, 2, -1], [-1, -1, -1], [3, 4, 5]])
    sp = rt.to_sparse()
    assert tf.RaggedTensor.from_sparse(sp).to_list() == rt.to_list()
    assert tf.RaggedTensor.from_tensor(rt.to_tensor(), lengths=[2, 0, 3]).to_list() == rt.to_list()
    flat = tf.nest.flatten({"r": rt}, expand_composites=True)
    assert len(flat) == 2
    assert tf.nest.pack_sequence_as({"r": rt}, flat, expand_composites=True)["r"].to_list() == \
        rt.to_list()


def test_ragged_errors():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.RaggedTensor.from_row_splits([1, 2], [0, 3])
    with pytest.raises(ValueError, match="inner ragged"):
        tf.ragged.constant([[1], [2, 3]])[:, 0]
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.ragged.constant([[1, 2], [3]]) + tf.ragged.constant([[1], [2, 3]])


def test_reduce_union_of_rows():
    x = tf.ragged.constant([[[1, 2], [3]], [[4, 5, 6]], []])
    assert tf.reduce_sum(x, axis=0).to_list() == [[5, 7, 6], [3]]
    assert tf.reduce_sum(x, axis=1).to_list() == [[4, 2], [4, 5, 6], []]
    assert tf.reduce_max(x, axis=2).to_list() == [[2, 3], [6], []]


def test_sparse_ops_agree_with_dense():
    rng = np.random.default_rng(0)
    dense = (rng.integers(-2, 3, size=(4, 5)) * (rng.random((4, 5)) < 0.4)).astype(np.int32)
    sp = tf.sparse.from_dense(dense)
    np.testing.assert_array_equal(tf.sparse.to_dense(tf.sparse.transpose(sp)).numpy(), dense.T)
    np.testing.assert_array_equal(tf.sparse.reduce_sum(sp, axis=0).numpy(), dense.sum(0))
    b = rng.standard_normal((5, 3)).astype(np.int32)
    np.testing.assert_array_equal(tf.sparse.sparse_dense_matmul(sp, tf.constant(b)).numpy(),
                                  dense.astype(np.int32) @ b)
    np.testing.assert_array_equal(
        tf.sparse.to_dense(tf.sparse.reshape(sp, [5, 4])).numpy(), dense.reshape(5, 4))


def test_string_hashes_known_values():
    # values recorded from TF 2.21 (see the `strings` conformance area)
    assert [_hashing.fingerprint64(w) % 1024 for w in [b"Who", b"is", b"Dan", b"Smith"]] == \
        [633, 768, 237, 309]
    assert [_hashing.siphash24(1, 2, w) % 3 for w in [b"Hello", b"TensorFlow", b"2.x"]] == \
        [2, 2, 1]
    assert [_hashing.legacy_hash64(w) % 3 for w in [b"Hello", b"TensorFlow", b"2.x"]] == [2, 0, 1]


def test_strings_split_join_roundtrip():
    s = tf.constant(["a b c", "d"])
    parts = tf.strings.split(s)
    assert parts.to_list() == [[b"a", b"b", b"c"], [b"d"]]
    assert tf.strings.reduce_join(parts, axis=1, separator=" ").numpy().tolist() == \
        [b"a b c", b"d"]
    assert tf.strings.unicode_encode(tf.strings.unicode_decode(["héllo"], "UTF-8"),
                                     "UTF-8").numpy().tolist() == ["héllo".encode()]



def _dynamic(op):
    """The segment primitive taking num_segments as an input (what graphs with an unknown row
    count use), applied directly."""
    from tapeflow.framework.op import apply
    return lambda d: apply(op, (d, tf.constant([1, 0, 1, 2, 1]), tf.constant(4)))


# the segment reductions ragged and sparse ops use in graphs, where the row count is a value
DYNAMIC_SEGMENT_GRADIENTS = [
    (f"dynamic_{kind}", _dynamic(getattr(PR, f"DYNAMIC_SEGMENT_{kind.upper()}")),
     [np.array([[1.0, -2.0], [3.0, 0.5], [2.5, 4.0], [-1.0, 1.5], [0.7, 2.2]])])
    for kind in ("sum", "prod", "max", "min")
]


@pytest.mark.parametrize("name,f,args", DYNAMIC_SEGMENT_GRADIENTS,
                         ids=[r[0] for r in DYNAMIC_SEGMENT_GRADIENTS])
def test_dynamic_segment_gradients(name, f, args):
    tf.test.check_gradients(f, args, order=2)


COMPOSITE_ROWS = RAGGED_GRADIENTS + SPARSE_GRADIENTS + DYNAMIC_SEGMENT_GRADIENTS


class CompatibleShapes(op_module.Recorder):
    """Checks each op's shape rule is compatible with what the op produced: the kernels of
    ragged and sparse ops have value-dependent shapes (a row count is a value of row_splits or
    dense_shape), so a rule may leave a dimension, or the rank, unknown, never contradict."""

    def __init__(self):
        self.failures = []
        self.seen = set()

    def record(self, op, inputs, outputs, attrs):
        if op.shape is None or op.name.startswith("CustomGradient"):
            return
        self.seen.add(op.name)
        avals = [AbstractArray(x._value.shape, x._value.dtype) for x in inputs]
        out = op.shape(*avals, **attrs)
        for a, o in zip(out if op.multi else (out,), outputs):
            v = o._value
            ok = np.dtype(a.dtype) == v.dtype and (a.shape is None or (
                len(a.shape) == v.ndim and all(d is None or d == e
                                               for d, e in zip(a.shape, v.shape))))
            if not ok:
                self.failures.append(f"{op.name}{[x.shape for x in avals]} {attrs}: rule says "
                                     f"{a}, op gave {v.shape} {v.dtype}")


def check_composite_shapes(f, arrays):
    args = [tf.constant(np.asarray(a)) for a in arrays]
    checker = CompatibleShapes()
    with tf.GradientTape() as tape:
        tape.watch(args)
        checker.push()
        try:
            tape.gradient(tf.reduce_sum(f(*args)), args)
        finally:
            checker.pop()
    assert not checker.failures, "\n".join(checker.failures[:10])
    return checker.seen


@pytest.mark.parametrize("name,f,args", COMPOSITE_ROWS, ids=[r[0] for r in COMPOSITE_ROWS])
def test_composite_shape_rules_fit_outputs(name, f, args):
    check_composite_shapes(f, args)


def test_the_tables_exercise_every_differentiable_ragged_and_sparse_primitive():
    seen = set()
    for _, f, args in COMPOSITE_ROWS:
        seen |= check_composite_shapes(f, args)
    mine = {name for name, op in op_module.REGISTRY.items()
            if op.__class__ is op_module.Primitive and not op.nondiff
            and op.forward.__module__ in ("tapeflow.prims.ragged", "tapeflow.prims.sparse")}
    assert mine and not mine - seen, f"primitives no table row runs: {sorted(mine - seen)}"


def test_map_fn_over_ragged_rows():
    digits = tf.ragged.constant([[3, 1, 4, 1], [], [5, 9, 2], [6], []])
    assert tf.map_fn(tf.math.square, digits).to_list() == [[9, 1, 16, 1], [], [25, 81, 4], [36],
                                                          []]
    sums = tf.map_fn(tf.reduce_sum, digits, fn_output_signature=tf.int32)
    np.testing.assert_array_equal(sums.numpy(), [9, 0, 16, 6, 0])
    doubled = tf.map_fn(lambda r: tf.concat([r, r], 0), digits,
                        fn_output_signature=tf.RaggedTensorSpec([None], tf.int32, ragged_rank=0))
    assert doubled.row_lengths().numpy().tolist() == [8, 0, 6, 2, 0]
    nested = tf.ragged.constant([[[1, 2], [3]], [[4, 5, 6]], []])
    assert tf.map_fn(lambda r: r * 2, nested).to_list() == [[[2, 4], [6]], [[8, 10, 12]], []]
    a, b = tf.map_fn(lambda x: (x[0] + 1, x[1] * 2), (digits, tf.constant([1, 2, 3, 4, 5])))
    assert a.to_list()[0] == [4, 2, 5, 2] and b.numpy().tolist() == [2, 4, 6, 8, 10]
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.map_fn(tf.reduce_sum, digits)  # a scalar per row where the rows' spec is [None]
    with pytest.raises(ValueError):
        tf.map_fn(lambda r: r[:1], digits,
                  fn_output_signature=tf.RaggedTensorSpec([None, None], tf.int32, ragged_rank=1))
    assert tf.map_fn(tf.math.square, digits[:0]).to_list() == []
