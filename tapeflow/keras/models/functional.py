"""The functional API: `keras.Input`, symbolic `KerasTensor`s, and models built from a graph of
layer calls (`keras.Model(inputs, outputs)`).

Calling a layer on a `KerasTensor` records a node (the layer, its arguments, its symbolic
outputs) instead of computing. Output shapes are found by running the layer once on zeros of the
input shapes (unknown sizes filled in, twice when a non-batch size is unknown, so that a size
that follows the input is reported as None).

    >>> inp = tf.keras.Input((4,), name="x")
    >>> inp
    <KerasTensor shape=(None, 4), dtype=float32, sparse=False, ragged=False, name=x>
    >>> out = tf.keras.layers.Dense(2, name="d")(inp)
    >>> tf.keras.Model(inp, out)(tf.ones((3, 4))).shape
    TensorShape([3, 2])
"""
import collections

import numpy as np

from ... import nest
from ...framework import dtypes
from ...framework.tensor import Tensor, convert_to_tensor, wrap
from .. import backend
from ..layers import base as layer_base
from ..layers.base import Layer

KerasHistory = collections.namedtuple("KerasHistory", ["operation", "node_index", "tensor_index"])


class KerasTensor:
    """A symbolic tensor: a shape (None for unknown sizes), a dtype and the layer call that made
    it (`_keras_history`)."""

    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, name=None):
        self._shape = tuple(None if d is None else int(d) for d in shape)
        self.dtype = dtypes.as_dtype(dtype).name
        self.sparse, self.ragged = sparse, ragged
        self.name = name or backend.auto_name("keras_tensor")
        self._keras_history = None

    shape = property(lambda self: self._shape)
    ndim = property(lambda self: len(self._shape))

    def __repr__(self):
        return (f"<KerasTensor shape={self._shape}, dtype={self.dtype}, sparse={self.sparse}, "
                f"ragged={self.ragged}, name={self.name}>")

    def __bool__(self):
        raise TypeError("A symbolic KerasTensor cannot be used as a boolean.")

    def __array__(self, dtype=None, copy=None):
        raise ValueError(
            "A KerasTensor cannot be used as input to a TensorFlow function. A KerasTensor is a "
            "symbolic placeholder for a shape and dtype, used when constructing Keras Functional "
            "models or Keras Functions. You can only use it as input to a Keras layer or a Keras "
            "operation (from the namespaces `keras.layers` and `keras.ops`). ")

    def __add__(self, other):
        return _apply_op("Add", self, other)

    def __radd__(self, other):
        return _apply_op("Add", other, self)

    def __sub__(self, other):
        return _apply_op("Subtract", self, other)

    def __rsub__(self, other):
        return _apply_op("Subtract", other, self)

    def __mul__(self, other):
        return _apply_op("Multiply", self, other)

    def __rmul__(self, other):
        return _apply_op("Multiply", other, self)

    def __truediv__(self, other):
        return _apply_op("TrueDivide", self, other)

    def __rtruediv__(self, other):
        return _apply_op("TrueDivide", other, self)

    def __neg__(self):
        return _apply_op("Negative", self)

    def __getitem__(self, key):
        return _apply_op("GetItem", self, key)


def _apply_op(op_name, *args):
    """`a <op> b` on KerasTensors records a Keras operation node (listed by `summary()` as
    e.g. `multiply (Multiply)`, not in `model.layers`), as Keras 3 does."""
    op = operation_class(op_name)(op_name)
    return op(*args)


def is_keras_tensor(x):
    return isinstance(x, KerasTensor)


class Node:
    """One call of a layer in a functional graph."""

    def __init__(self, layer, call_args, call_kwargs, outputs):
        self.operation = layer
        self.call_args, self.call_kwargs = call_args, call_kwargs
        self.outputs = outputs
        self.input_tensors = [x for x in nest.flatten([list(call_args), call_kwargs])
                              if isinstance(x, KerasTensor)]
        self.output_tensors = nest.flatten(outputs)
        self.is_input = isinstance(layer, InputLayer)

    @property
    def parent_nodes(self):
        return [kt._keras_history.operation._inbound_nodes[kt._keras_history.node_index]
                for kt in self.input_tensors]


class InputLayer(Layer):
    """The layer behind `keras.Input`: it holds the input's shape and dtype."""

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None,
                 input_tensor=None, optional=False, name=None, ragged=None, **kwargs):
        kwargs.pop("input_shape", None)
        if "batch_input_shape" in kwargs:
            batch_shape = kwargs.pop("batch_input_shape")
        super().__init__(name=name or backend.auto_name("input_layer"), **kwargs)
        if shape is not None and batch_shape is not None:
            raise ValueError("You cannot pass both `shape` and `batch_shape` at the same time.")
        if batch_shape is None:
            if shape is None:
                raise ValueError("You must pass a `shape` argument.")
            shape = (shape,) if isinstance(shape, int) else tuple(shape)
            batch_shape = (batch_size,) + shape
        self._batch_shape = tuple(batch_shape)
        self._input_dtype = dtypes.as_dtype(dtype or backend.floatx()).name
        self.sparse, self.ragged, self.optional = bool(sparse), bool(ragged), optional
        self.built = True
        kt = KerasTensor(self._batch_shape, self._input_dtype, sparse=self.sparse,
                         ragged=self.ragged, name=name)
        node = Node(self, (), {}, kt)
        self._inbound_nodes.append(node)
        kt._keras_history = KerasHistory(self, 0, 0)
        self.output_tensor = kt
        self._build_output_shape = self._batch_shape

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def dtype(self):
        return self._input_dtype

    def call(self, inputs):
        return inputs

    def get_config(self):
        return {"batch_shape": list(self._batch_shape), "dtype": self._input_dtype,
                "sparse": self.sparse, "ragged": self.ragged, "name": self.name,
                "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None,
          tensor=None, optional=False, ragged=None):
    """A symbolic input of the given per-example `shape` (the batch size is left unknown)."""
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, name=name, ragged=ragged, optional=optional)
    return layer.output_tensor


# -- calling a layer on KerasTensors ---------------------------------------------------------------
def _fill(shape, batch, other):
    return tuple((batch if i == 0 else other) if d is None else d for i, d in enumerate(shape))


def _dummy(kt, batch, other):
    shape = _fill(kt.shape, batch, other)
    if kt.dtype == "string":
        return convert_to_tensor(np.full(shape, b"", dtype=object))
    return wrap(np.zeros(shape, dtypes.as_dtype(kt.dtype)._np))


def _substitute(structure, fn):
    if isinstance(structure, KerasTensor):
        return fn(structure)
    if isinstance(structure, list):
        return [_substitute(x, fn) for x in structure]
    if isinstance(structure, tuple):
        return tuple(_substitute(x, fn) for x in structure)
    if isinstance(structure, dict):
        return {k: _substitute(v, fn) for k, v in structure.items()}
    return structure


def _shape_structure(structure):
    return _substitute(structure, lambda kt: kt.shape)


def _run_concrete(layer, inputs, args, kwargs, batch, other):
    fn = lambda kt: _dummy(kt, batch, other)
    layer_base._state["symbolic"] += 1
    try:
        return Layer.__call__(layer, _substitute(inputs, fn), *_substitute(list(args), fn),
                              **_substitute(kwargs, fn))
    finally:
        layer_base._state["symbolic"] -= 1


def symbolic_call(layer, inputs, args, kwargs):
    """Records `layer(inputs, *args, **kwargs)` on KerasTensors; returns symbolic outputs."""
    flat_in = [x for x in nest.flatten([inputs, list(args), kwargs]) if isinstance(x, KerasTensor)]
    if not layer.built:
        shape = _shape_structure(inputs)
        layer._build_input_shape = shape
        layer._maybe_build(shape)
    unknown = any(d is None for kt in flat_in for d in kt.shape[1:])
    out1 = _run_concrete(layer, inputs, args, kwargs, 2, 8)
    out2 = _run_concrete(layer, inputs, args, kwargs, 3, 9) if unknown else None
    batch_unknown = any(kt.shape and kt.shape[0] is None for kt in flat_in)
    flat1 = nest.flatten(out1)
    flat2 = nest.flatten(out2) if out2 is not None else [None] * len(flat1)
    kts = []
    for a, b in zip(flat1, flat2):
        if not isinstance(a, Tensor):
            kts.append(a)
            continue
        shape = list(a.shape.as_list())
        if b is not None:
            shape = [None if x != y else x for x, y in zip(shape, b.shape.as_list())]
        elif batch_unknown and shape and shape[0] == 2:
            shape[0] = None
        kts.append(KerasTensor(shape, a.dtype.name))
    outputs = nest.pack_sequence_as(out1, kts)
    node = Node(layer, (inputs,) + tuple(args), dict(kwargs), outputs)
    index = len(layer._inbound_nodes)
    layer._inbound_nodes.append(node)
    for i, kt in enumerate(x for x in kts if isinstance(x, KerasTensor)):
        kt._keras_history = KerasHistory(layer, index, i)
    if layer._build_output_shape is None or index == 0:
        layer._build_output_shape = _shape_structure(outputs)
    return outputs


def output_shape_of(layer, input_shape):
    """`compute_output_shape` for any layer: calls it on a symbolic input of that shape."""
    def to_kt(shape):
        return KerasTensor(shape)
    if isinstance(input_shape, (list, tuple)) and input_shape and \
            isinstance(input_shape[0], (list, tuple)):
        inputs = [to_kt(s) for s in input_shape]
    else:
        inputs = to_kt(tuple(input_shape))
    saved = list(layer._inbound_nodes), layer._build_output_shape
    out = symbolic_call(layer, inputs, (), {})
    layer._inbound_nodes[:] = saved[0]
    layer._build_output_shape = saved[1]
    return _shape_structure(out)


# -- the graph of a functional model ---------------------------------------------------------------
def map_graph(inputs, outputs):
    """(nodes from inputs to outputs, operations in Keras's order)."""
    finished, in_progress, ordered, op_index = set(), set(), [], {}
    flat_inputs = nest.flatten(inputs)
    input_ids = {id(x) for x in flat_inputs}

    def visit(tensor):
        hist = tensor._keras_history
        if hist is None:
            raise ValueError(f"Output tensors of a Functional model must be the output of a "
                             f"Keras layer. Received: {tensor}")
        op = hist.operation
        node = op._inbound_nodes[hist.node_index]
        if id(node) in finished:
            return
        if not node.is_input and id(tensor) in input_ids:
            finished.add(id(node))
            return
        if id(node) in in_progress:
            raise ValueError(f"Tensor {tensor} from operation '{op.name}' is part of a cycle.")
        op_index.setdefault(id(op), (len(op_index), op))
        in_progress.add(id(node))
        if not node.is_input:
            for t in node.input_tensors:
                visit(t)
        finished.add(id(node))
        in_progress.discard(id(node))
        ordered.append(node)

    for out in nest.flatten(outputs):
        visit(out)
    node_depth, op_depth = {}, {}
    nodes_by_id = {id(n): n for n in ordered}
    for node in reversed(ordered):
        depth = node_depth.setdefault(id(node), 0)
        depth = max(depth, op_depth.get(id(node.operation), 0))
        op_depth[id(node.operation)] = depth
        node_depth[id(node)] = depth
        for parent in node.parent_nodes:
            if id(parent) in nodes_by_id:
                node_depth[id(parent)] = max(depth + 1, node_depth.get(id(parent), 0))
    for t in flat_inputs:
        op = t._keras_history.operation
        if id(op) not in op_depth:
            op_depth[id(op)] = 0
            op_index[id(op)] = (-1, op)
    ops = sorted(op_index.values(), key=lambda p: (-op_depth[id(p[1])], p[0]))
    operations = [op for _, op in ops]
    names = [op.name for op in operations]
    for name in names:
        if names.count(name) != 1:
            raise ValueError(f'The name "{name}" is used {names.count(name)} times in the model. '
                             f'All operation names should be unique.')
    computable = set(input_ids)
    for node in sorted(ordered, key=lambda n: -node_depth[id(n)]):
        for x in node.input_tensors:
            if id(x) not in computable:
                raise ValueError(f"Graph disconnected: cannot find parent for tensor {x} at "
                                 f"operation '{node.operation}'.")
        for x in node.output_tensors:
            computable.add(id(x))
    return ordered, operations, node_depth


def _mask_of(masks, structure):
    first = nest.flatten(structure)
    if len(first) == 1 and isinstance(first[0], KerasTensor):
        return masks.get(id(first[0]))
    got = [masks.get(id(x)) if isinstance(x, KerasTensor) else None for x in first]
    return got if any(m is not None for m in got) else None


def run_graph(model, inputs, training=None, mask=None):
    """Evaluates a functional model's graph on concrete inputs."""
    values, masks = {}, {}
    flat_kt = nest.flatten(model._inputs_struct)
    if isinstance(inputs, dict) and not isinstance(model._inputs_struct, dict):
        by_name = {kt.name: kt for kt in flat_kt}
        if set(inputs) <= set(by_name):
            flat_vals = [inputs.get(kt.name) for kt in flat_kt]
        else:
            flat_vals = nest.flatten(inputs)
    else:
        flat_vals = nest.flatten(inputs)
    if len(flat_vals) != len(flat_kt):
        raise ValueError(f"Layer \"{model.name}\" expects {len(flat_kt)} input(s), but it "
                         f"received {len(flat_vals)} input tensors.")
    for kt, v in zip(flat_kt, flat_vals):
        t = convert_to_tensor(v)
        want = dtypes.as_dtype(kt.dtype)
        if t.dtype != want and (t.dtype.is_floating or t.dtype.is_integer) and \
                (want.is_floating or want.is_integer):
            from ...ops import math_ops
            t = math_ops.cast(t, want)
        values[id(kt)] = t
    if mask is not None:
        for kt, m in zip(flat_kt, nest.flatten(mask)):
            masks[id(kt)] = m
    get = lambda kt: values[id(kt)]
    for node in model._nodes:
        if node.is_input:
            continue
        layer = node.operation
        args = _substitute(list(node.call_args), get)
        kwargs = _substitute(node.call_kwargs, get)
        if training is not None and "training" not in kwargs and \
                layer_base._accepts(layer.call, "training"):
            kwargs["training"] = training
        in_mask = _mask_of(masks, node.call_args[0]) if node.call_args else None
        if in_mask is not None and "mask" not in kwargs and \
                layer_base._accepts(layer.call, "mask"):
            kwargs["mask"] = in_mask
        out = layer(*args, **kwargs)
        out_mask = None
        if (in_mask is not None or type(layer).compute_mask is not Layer.compute_mask) and \
                node.call_args:
            out_mask = layer.compute_mask(args[0], in_mask)
        flat_out = nest.flatten(out)
        for kt, v in zip(node.output_tensors, flat_out):
            values[id(kt)] = v
            if out_mask is not None:
                masks[id(kt)] = out_mask if not isinstance(out_mask, (list, tuple)) else None
    return _substitute(model._outputs_struct, get)


class Operation(Layer):
    """A Keras op recorded in a functional graph (`keras.ops.not_equal(x, 0)`, the masks
    Keras writes into saved configs, ...). Not listed in `model.layers`."""

    _OPS = None

    def __init__(self, op_name, name=None, **kwargs):
        super().__init__(name=name or backend.auto_name(op_name))
        self._allow_non_tensor_positional_args = True
        self.op_name = op_name
        self._fn = self.ops()[op_name]
        self.built = True

    @classmethod
    def ops(cls):
        if cls._OPS is None:
            from ...ops import array_ops as A
            from ...ops import math_ops as M
            cls._OPS = {
                "NotEqual": M.not_equal, "Equal": M.equal, "Add": lambda a, b: a + b,
                "Subtract": lambda a, b: a - b, "Multiply": lambda a, b: a * b,
                "Divide": lambda a, b: a / b, "TrueDivide": lambda a, b: a / b,
                "Greater": M.greater, "Less": M.less, "GreaterEqual": M.greater_equal,
                "LessEqual": M.less_equal, "LogicalAnd": M.logical_and,
                "LogicalOr": M.logical_or, "LogicalNot": M.logical_not,
                "Any": lambda x, axis=None, keepdims=False: M.reduce_any(x, axis, keepdims),
                "All": lambda x, axis=None, keepdims=False: M.reduce_all(x, axis, keepdims),
                "Cast": lambda x, dtype: M.cast(x, dtype),
                "ExpandDims": lambda x, axis: A.expand_dims(x, axis),
                "Squeeze": lambda x, axis=None: A.squeeze(x, axis),
                "Negative": lambda x: -x, "GetItem": lambda x, key: x[key], "Exp": M.exp,
                "Log": M.log, "Sqrt": M.sqrt,
                "Square": M.square, "Abs": M.abs, "Tanh": M.tanh, "Sigmoid": M.sigmoid,
            }
        return cls._OPS

    def _convert_input(self, x):
        return x  # the op itself converts (Python numbers take the tensor's dtype)

    def call(self, *args, **kwargs):
        kwargs.pop("training", None)
        kwargs.pop("mask", None)
        return self._fn(*args, **kwargs)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        return {"name": self.name}


def operation_class(op_name):
    """A from_config-able factory for the Keras op `op_name` (e.g. 'NotEqual')."""
    if op_name not in Operation.ops():
        return None

    class _Op(Operation):
        @classmethod
        def from_config(cls, config):
            return Operation(op_name, name=config.get("name"))
    _Op.__name__ = op_name
    return _Op
