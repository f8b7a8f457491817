"""`tf.saved_model`: `save` a `tf.Module` with its traced `tf.function`s and variables to a
directory, and `load` it back — callable and differentiable without the original Python code.

tapeflow's own directory format (TF's protocol-buffer SavedModel is not written or read):
  saved_model.json   the object graph (the root module's tracked attributes: submodules,
                     variables, tf.functions and their concrete functions, lists and dicts of
                     these), the signatures, and every concrete function's graph op by op:
                     primitive name, inputs (operation and output index), control inputs,
                     output shapes and dtypes, and attributes as tagged JSON (tuples, slices,
                     dtypes, nested concrete functions of control-flow and call operations by
                     index into the function table, variables by object-graph node);
  variables.npz      the variables' values, one entry per variable node (`v<node>`);
  constants.npz      the graphs' constant arrays (`c<n>`): Const values and captured tensors.
Both archives are NumPy `.npz` files read with `allow_pickle=False`; nothing is pickled. An
attribute that is not data (a Python callable of `tf.py_function`, a primitive made at run time
by `tf.custom_gradient`) cannot be saved: `save` raises a ValueError naming the operation.

`load` rebuilds each graph from the op table (`framework/op.py`'s registry), makes new
`tf.Variable`s with the saved values, and returns an object whose attributes mirror the saved
ones: a restored `tf.function` dispatches a call to the saved concrete function whose input
signature matches (TF's "Could not find matching concrete function" ValueError otherwise);
`signatures` maps names to functions taking keyword arguments and returning dicts. Gradients
of loaded functions come from the same gradient rules, built from the loaded graphs.

    >>> import tempfile
    >>> m = tf.Module()
    >>> m.v = tf.Variable(2.0)
    >>> m.f = tf.function(lambda x: x * m.v, input_signature=[tf.TensorSpec([], tf.float32)])
    >>> path = tempfile.mkdtemp()
    >>> tf.saved_model.save(m, path)
    >>> loaded = tf.saved_model.load(path)
    >>> loaded.f(tf.constant(3.0))
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
"""
import base64
import collections
import inspect
import json
import math
import os
import sys
import tempfile
import threading

import numpy as np

from .framework import dtypes
from .framework.errors import NotFoundError
from .framework.tensor import AbstractArray, Tensor, TensorLike
from .framework.tensor_shape import TensorShape
from .framework.variables import Variable

FORMAT = "tapeflow-saved-model-v1"
GRAPH_FILE = "saved_model.json"
VARIABLES_FILE = "variables.npz"
CONSTANTS_FILE = "constants.npz"
DEFAULT_SERVING_SIGNATURE_DEF_KEY = "serving_default"
# TF's SavedModel constants (tags, file and directory names, signature method names)
SERVING, TRAINING, GPU, TPU = "serve", "train", "gpu", "tpu"
ASSETS_DIRECTORY, ASSETS_KEY = "assets", "saved_model_assets"
VARIABLES_DIRECTORY, VARIABLES_FILENAME = "variables", "variables"
DEBUG_DIRECTORY, DEBUG_INFO_FILENAME_PB = "debug", "saved_model_debug_info.pb"
SAVED_MODEL_FILENAME_PB, SAVED_MODEL_FILENAME_PBTXT = "saved_model.pb", "saved_model.pbtxt"
SAVED_MODEL_SCHEMA_VERSION = 1
CLASSIFY_INPUTS, CLASSIFY_METHOD_NAME = "inputs", "tensorflow/serving/classify"
CLASSIFY_OUTPUT_CLASSES, CLASSIFY_OUTPUT_SCORES = "classes", "scores"
PREDICT_INPUTS, PREDICT_METHOD_NAME, PREDICT_OUTPUTS = ("inputs", "tensorflow/serving/predict",
                                                        "outputs")
REGRESS_INPUTS, REGRESS_METHOD_NAME, REGRESS_OUTPUTS = ("inputs", "tensorflow/serving/regress",
                                                        "outputs")
_TF_FILES = ("saved_model.pb", "saved_model.pbtxt")


class SaveOptions:
    """Options of `tf.saved_model.save` (accepted; none changes tapeflow's format)."""

    def __init__(self, namespace_whitelist=None, save_debug_info=False, function_aliases=None,
                 experimental_io_device=None, experimental_variable_policy=None,
                 experimental_custom_gradients=True, experimental_image_format=False,
                 experimental_skip_saver=False, experimental_sharding_callback=None,
                 extra_tags=None):
        self.function_aliases = dict(function_aliases or {})


class LoadOptions:
    """Options of `tf.saved_model.load` (accepted)."""

    def __init__(self, allow_partial_checkpoint=False, experimental_io_device=None,
                 experimental_skip_checkpoint=False, experimental_variable_policy=None,
                 experimental_load_function_aliases=False):
        pass


class Asset:
    """`tf.saved_model.Asset` (files copied into the SavedModel) is not supported."""

    def __init__(self, path):
        raise NotImplementedError("tf.saved_model.Asset (asset files in a SavedModel)")


def contains_saved_model(export_dir):
    """True if `export_dir` holds a SavedModel (tapeflow's, or TF's, which `load` refuses)."""
    export_dir = os.fspath(export_dir)
    return any(os.path.exists(os.path.join(export_dir, f)) for f in (GRAPH_FILE, *_TF_FILES))


# ============================================================================================
# Encoding values as tagged JSON
# ============================================================================================
class _Unsavable(Exception):
    """A value with no JSON encoding (raised inside the encoder, reported with its op)."""


class _Writer:
    """The state of one save: the function table, the constants archive, variable nodes."""

    def __init__(self, variable_nodes):
        self.variable_nodes = variable_nodes  # id(variable) -> node index
        self.functions = []
        self.function_index = {}  # id(ConcreteFunction) -> index
        self.constants = {}
        self.keep = []  # objects whose ids are keys above

    # -- values --------------------------------------------------------------------------------
    def value(self, v):
        from .function import ConcreteFunction, TensorSpec, _Literal, _VariableSpec
        from .graph_control_flow import _TENSOR_SLOT
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int):
            return v
        if isinstance(v, float):
            if math.isfinite(v):
                return v
            return {"float": repr(v)}
        if isinstance(v, tuple) and hasattr(v, "_fields"):
            raise _Unsavable(f"a namedtuple ({type(v).__name__})")
        if isinstance(v, tuple):
            return {"tuple": [self.value(x) for x in v]}
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if isinstance(v, dict):
            return {"dict": [[self.value(k), self.value(x)] for k, x in v.items()]}
        if isinstance(v, complex):
            return {"complex": [v.real, v.imag]}
        if isinstance(v, bytes):
            return {"bytes": base64.b64encode(v).decode("ascii")}
        if isinstance(v, slice):
            return {"slice": [self.value(v.start), self.value(v.stop), self.value(v.step)]}
        if v is Ellipsis:
            return {"ellipsis": True}
        if v is _TENSOR_SLOT:
            return {"tensor_slot": True}
        if v is sys.stdout or v is sys.stderr:
            return {"stream": "stdout" if v is sys.stdout else "stderr"}
        if isinstance(v, dtypes.DType):
            return {"dtype": v.name}
        if isinstance(v, np.dtype):
            return {"np_dtype": _dtype_code(v)}
        if isinstance(v, (np.ndarray, np.generic)):
            return self.array(v)
        if isinstance(v, TensorShape):
            return {"tensor_shape": None if v.rank is None else v.as_list()}
        if isinstance(v, TensorSpec):
            return {"tensor_spec": [None if v.shape.rank is None else v.shape.as_list(),
                                    v.dtype.name, v.name]}
        if isinstance(v, _VariableSpec):
            return {"variable_spec": [None if v.shape.rank is None else v.shape.as_list(),
                                      v.dtype.name]}
        if isinstance(v, _Literal):
            return {"literal": self.value(v.value)}
        if isinstance(v, ConcreteFunction):
            return {"function": self.function(v)}
        if isinstance(v, Variable):
            node = self.variable_nodes.get(id(v))
            if node is None:
                raise AssertionError(
                    f"Tried to export a function which references an 'untracked' resource "
                    f"{v!r}. TensorFlow objects (e.g. tf.Variable) captured by functions must "
                    f"be 'tracked' by assigning them to an attribute of a tracked object or "
                    f"assigned to an attribute of the main object directly.")
            return {"variable": node}
        raise _Unsavable(f"a {type(v).__module__}.{type(v).__qualname__}")

    def array(self, v):
        a = np.asarray(v)
        scalar = isinstance(v, np.generic)
        if a.dtype == object:  # string tensors: bytes, base64 in the JSON
            flat = [base64.b64encode(x if isinstance(x, bytes) else str(x).encode()).decode(
                "ascii") for x in a.reshape(-1)]
            return {"strings": flat, "shape": list(a.shape), "scalar": scalar}
        key = f"c{len(self.constants)}"
        self.constants[key] = a
        return {"array": key, "dtype": _dtype_code(a.dtype), "scalar": scalar}

    # -- concrete functions --------------------------------------------------------------------
    def function(self, cf):
        index = self.function_index.get(id(cf))
        if index is not None:
            return index
        index = len(self.functions)
        self.function_index[id(cf)] = index
        self.keep.append(cf)
        self.functions.append(None)
        self.functions[index] = self._serialize(cf)
        return index

    def _serialize(self, cf):
        from .framework.graph import CONST, PLACEHOLDER, VAR_HANDLE, SymbolicTensor
        from .framework.op import REGISTRY
        g = cf.graph
        op_index = {id(op): i for i, op in enumerate(g._ops)}

        def ref(t):
            if type(t) is not SymbolicTensor or id(t._op) not in op_index:
                raise ValueError(f"tf.saved_model.save: function {cf.name} uses a tensor of "
                                 f"another graph ({t!r})")
            return [op_index[id(t._op)], t._index]

        ops = []
        for op in g._ops:
            prim = op._prim
            if prim not in (CONST, PLACEHOLDER, VAR_HANDLE) and REGISTRY.get(prim.name) is not prim:
                raise ValueError(f"tf.saved_model.save: operation {op.name} (type {op.type}) in "
                                 f"function {cf.name} is a primitive made at run time (for "
                                 f"example by tf.custom_gradient); tapeflow cannot save it.")
            attrs = {}
            for k, v in op._attrs.items():
                try:
                    attrs[k] = self.value(v)
                except _Unsavable as e:
                    raise ValueError(f"tf.saved_model.save: operation {op.name} (type "
                                     f"{op.type}) in function {cf.name} has attribute {k!r} "
                                     f"holding {e}, which is not data: tapeflow cannot save "
                                     f"it.") from None
            ops.append({"name": op.name, "prim": prim.name, "type": op.type,
                        "inputs": [ref(x) for x in op._inputs],
                        "control": [op_index[id(c)] for c in op._control_inputs
                                    if id(c) in op_index],
                        "outputs": [_aval_code(o._value) for o in op._outputs],
                        "attrs": attrs})
        captured = []
        for obj, ph, value in cf._captured:
            if isinstance(obj, Variable):
                captured.append({"placeholder": ref(ph), "value": self.value(obj)})
            elif isinstance(obj, SymbolicTensor):
                raise TypeError(f"tf.saved_model.save: function {cf.name} captures the tensor "
                                 f"{obj!r} of another graph; tapeflow can save functions traced "
                                 f"eagerly only")
            else:
                captured.append({"placeholder": ref(ph), "value": self.array(np.asarray(value))})

        def structure(x):
            if isinstance(x, SymbolicTensor):
                return {"tensor": ref(x)}
            if hasattr(x, "_to_components"):
                raise NotImplementedError(f"tf.saved_model.save of a function returning a "
                                          f"composite tensor ({type(x).__name__})")
            if isinstance(x, tuple) and hasattr(x, "_fields"):
                raise NotImplementedError("tf.saved_model.save of a function returning a "
                                          "namedtuple")
            if isinstance(x, (list, tuple)):
                items = [structure(e) for e in x]
                return items if isinstance(x, list) else {"tuple": items}
            if isinstance(x, dict):
                return {"dict": [[self.value(k), structure(e)] for k, e in x.items()]}
            return self.value(x)

        try:
            signature = [[n, kind, self.value(spec)] for n, kind, spec in cf._python_signature]
            bound = {k: self.value(v) for k, v in cf._bound_python.items()}
            input_signature = self.value(g.structured_input_signature)
        except _Unsavable as e:
            raise ValueError(f"tf.saved_model.save: function {cf.name} was traced with a Python "
                             f"argument holding {e}, which is not data: tapeflow cannot save "
                             f"it.") from None
        entry = {"name": cf.name, "graph_name": getattr(g, "name", cf.name), "ops": ops,
                 "inputs": [ref(x) for x in g.inputs], "outputs": [ref(x) for x in g.outputs],
                 "captured": captured, "signature": signature, "bound": bound,
                 "input_signature": input_signature,
                 "structured_outputs": structure(g.structured_outputs)}
        extra = {k: getattr(cf, k) for k in ("_n_float_out",) if hasattr(cf, k)}
        if extra:
            entry["extra"] = extra
        return entry


def _dtype_code(d):
    d = np.dtype(d)
    if d.names is not None:
        return {"descr": [[name, _dtype_code(d.fields[name][0])] for name in d.names]}
    return d.str


def _dtype_from(code):
    if isinstance(code, dict):
        return np.dtype([(name, _dtype_from(sub)) for name, sub in code["descr"]])
    return np.dtype(code)


def _aval_code(a):
    shape = a.shape
    return {"shape": None if shape is None else list(shape), "dtype": _dtype_code(a.dtype)}


def _aval_from(code):
    dtype = _dtype_from(code["dtype"])
    if code["shape"] is None:
        a = AbstractArray((), dtype)
        a.shape = None
        return a
    return AbstractArray(tuple(code["shape"]), dtype)


# ============================================================================================
# The object graph
# ============================================================================================
def _is_function(x):
    from .function import ConcreteFunction, Function
    return isinstance(x, (Function, ConcreteFunction, RestoredFunction))


def _trackable(x):
    from .module import Module
    if isinstance(x, (Variable, Module, _UserObject)) or _is_function(x):
        return True
    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
        return any(_trackable(e) for e in x)
    if isinstance(x, dict):
        return any(_trackable(e) for e in x.values())
    return False


def _children(obj):
    """(name, child) pairs of an object's tracked attributes, sorted by name."""
    from .function import Function
    items = {}
    for k, v in vars(obj).items():
        if k in ("_instances", "_self_unconditional_checkpoint_dependencies"):
            continue
        if _trackable(v):
            items[k] = v
    for klass in type(obj).__mro__:
        for k, v in vars(klass).items():
            if isinstance(v, Function) and k not in items:
                items[k] = getattr(obj, k)
    return sorted(items.items())


def _kind_of(obj):
    from .function import ConcreteFunction, Function
    from .module import Module
    if isinstance(obj, Variable):
        return "variable"
    if isinstance(obj, (Function, RestoredFunction)):
        return "function"
    if isinstance(obj, ConcreteFunction):
        return "concrete"
    if isinstance(obj, _UserObject):
        return "user_object"
    if isinstance(obj, Module):
        return "module"
    if isinstance(obj, tuple):
        return "tuple"
    if isinstance(obj, list):
        return "list"
    if isinstance(obj, dict):
        return "dict"
    raise ValueError(f"cannot save an object of type {type(obj).__name__}")


class _Graph:
    """The object graph under the root: nodes in discovery order (root first)."""

    def __init__(self, root):
        self.nodes = []
        self.index = {}
        self.keep = []
        self._add(root)
        i = 0
        while i < len(self.nodes):
            self._expand(i)
            i += 1

    def _add(self, obj):
        key = id(obj)
        if key in self.index:
            return self.index[key]
        self.index[key] = len(self.nodes)
        self.nodes.append({"obj": obj, "kind": _kind_of(obj)})
        self.keep.append(obj)
        return self.index[key]

    def _expand(self, i):
        node = self.nodes[i]
        obj, kind = node["obj"], node["kind"]
        if kind in ("module", "user_object"):
            node["children"] = [[k, self._add(v)] for k, v in _children(obj)]
        elif kind in ("list", "tuple"):
            node["children"] = [[str(j), self._add(v)] for j, v in enumerate(obj)
                                if _trackable(v)]
        elif kind == "dict":
            node["children"] = [[str(k), self._add(v)] for k, v in sorted(
                obj.items(), key=lambda kv: str(kv[0])) if _trackable(v)]


def _concretes_of(fn):
    """The concrete functions a tf.function (or restored function) saves: every trace, and its
    input_signature's when it has not been traced."""
    from .function import ConcreteFunction, Function
    if isinstance(fn, ConcreteFunction):
        return [fn]
    if isinstance(fn, RestoredFunction):
        return list(fn._concretes)
    if isinstance(fn, Function):
        if fn._input_signature is not None and not fn._cache:
            fn.get_concrete_function()
        return list(fn._cache.values())
    return []


def _defaults_of(fn):
    from .function import Function
    if isinstance(fn, RestoredFunction):
        return dict(fn._defaults)
    if not isinstance(fn, Function) or fn._signature is None:
        return {}
    return {name: p.default for name, p in fn._signature.parameters.items()
            if p.default is not inspect.Parameter.empty}


def _signature_concrete(fn, key):
    from .function import ConcreteFunction, Function
    if isinstance(fn, ConcreteFunction):
        return fn
    if isinstance(fn, Function):
        if fn._input_signature is None:
            raise ValueError(f"Expected a TensorFlow function for which to generate a "
                             f"signature, but got a tf.function without an input_signature "
                             f"({key!r}); pass fn.get_concrete_function(...) instead.")
        return fn.get_concrete_function()
    if isinstance(fn, _SignatureFunction):
        return fn._concrete
    raise ValueError(f"Expected a TensorFlow function for which to generate a signature, got "
                     f"{fn!r} for signature {key!r}.")


def _default_signature(root):
    """TF's rule: the one function of the root with an input signature, if exactly one."""
    from .function import ConcreteFunction, Function
    found = []
    for _, child in _children(root) if not isinstance(root, (list, dict)) else []:
        if isinstance(child, ConcreteFunction):
            found.append(child)
        elif isinstance(child, Function) and child._input_signature is not None:
            found.append(child.get_concrete_function())
    return found[0] if len(found) == 1 else None


# ============================================================================================
# save
# ============================================================================================
def save(obj, export_dir, signatures=None, options=None):
    """Saves `obj` (a `tf.Module`, or an object loaded by `tf.saved_model.load`) with its
    variables and traced functions to `export_dir` (see the module docstring).

    `signatures`: a tf.function with an input_signature, a ConcreteFunction, or a dict of
    them by name; by default the root's single function with an input signature becomes
    'serving_default'."""
    from .framework.graph import building_graph
    if building_graph() is not None:
        raise AssertionError("tf.saved_model.save is not supported inside a traced @tf.function. "
                             "Move the call to the outer eagerly-executed context.")
    if not _trackable(obj) or isinstance(obj, (Variable, list, tuple, dict)):
        raise ValueError(f"Expected an object of type `Trackable`, such as `tf.Module` or a "
                         f"subclass of the `Trackable` class, for export. Got {obj} with type "
                         f"{type(obj)}.")
    export_dir = os.fspath(export_dir)
    graph = _Graph(obj)
    variable_nodes = {id(n["obj"]): i for i, n in enumerate(graph.nodes)
                      if n["kind"] == "variable"}
    writer = _Writer(variable_nodes)
    nodes, variables = [], {}
    for i, node in enumerate(graph.nodes):
        o, kind = node["obj"], node["kind"]
        entry = {"kind": kind}
        if "children" in node:
            entry["children"] = node["children"]
        if kind == "variable":
            entry.update(name=o.name, trainable=bool(o.trainable), dtype=o.dtype.name,
                         shape=None if o.shape.rank is None else o.shape.as_list())
            variables[f"v{i}"] = np.asarray(o._value)
        elif kind == "function":
            entry["concrete"] = [writer.function(cf) for cf in _concretes_of(o)]
            try:
                entry["defaults"] = {k: writer.value(v) for k, v in _defaults_of(o).items()}
            except _Unsavable:
                entry["defaults"] = {}
            entry["name"] = getattr(o, "__name__", None)
        elif kind == "concrete":
            entry["function"] = writer.function(o)
        nodes.append(entry)
    if signatures is None and isinstance(obj, _UserObject) and \
            isinstance(obj.__dict__.get("signatures"), _SignatureMap):
        signatures = dict(obj.__dict__["signatures"])
    if signatures is None:
        default = _default_signature(obj)
        signatures = {} if default is None else {DEFAULT_SERVING_SIGNATURE_DEF_KEY: default}
    elif not isinstance(signatures, dict):
        signatures = {DEFAULT_SERVING_SIGNATURE_DEF_KEY: signatures}
    bad_keys = [k for k in signatures if type(k) is not str]
    if bad_keys:
        raise ValueError(f"Dictionary keys of signatures must be strings, got {bad_keys}")
    sigs = {key: writer.function(_signature_concrete(fn, key))
            for key, fn in signatures.items()}
    from .version import VERSION
    document = {"format": FORMAT, "tapeflow_version": VERSION, "nodes": nodes,
                "functions": writer.functions, "signatures": sigs}
    text = json.dumps(document, separators=(",", ":"), allow_nan=False)
    os.makedirs(export_dir, exist_ok=True)
    _write_npz(os.path.join(export_dir, VARIABLES_FILE), variables)
    _write_npz(os.path.join(export_dir, CONSTANTS_FILE), writer.constants)
    _write_text(os.path.join(export_dir, GRAPH_FILE), text)


def _write_npz(path, arrays):
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **{k: np.require(v, requirements="C") for k, v in arrays.items()})
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_text(path, text):
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# ============================================================================================
# load
# ============================================================================================
class _Reader:
    def __init__(self, document, constants, variables):
        self.doc = document
        self.constants = constants
        self.variables = variables  # node index -> restored Variable
        self.functions = {}

    def value(self, v):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if not isinstance(v, dict) or len(v) > 3:
            raise ValueError(f"malformed value {v!r}")
        from .function import TensorSpec, _Literal
        if "tuple" in v:
            return tuple(self.value(x) for x in v["tuple"])
        if "dict" in v:
            return {self.value(k): self.value(x) for k, x in v["dict"]}
        if "float" in v:
            return float(v["float"])
        if "complex" in v:
            return complex(*v["complex"])
        if "bytes" in v:
            return base64.b64decode(v["bytes"])
        if "slice" in v:
            return slice(*[self.value(x) for x in v["slice"]])
        if "ellipsis" in v:
            return Ellipsis
        if "tensor_slot" in v:
            from .graph_control_flow import _TENSOR_SLOT
            return _TENSOR_SLOT
        if "stream" in v:
            return sys.stdout if v["stream"] == "stdout" else sys.stderr
        if "dtype" in v and len(v) == 1:
            return dtypes.as_dtype(v["dtype"])
        if "np_dtype" in v:
            return _dtype_from(v["np_dtype"])
        if "array" in v:
            a = self.constants[v["array"]]
            a = a.astype(_dtype_from(v["dtype"]), copy=False)
            return a[()] if v["scalar"] else a
        if "strings" in v:
            flat = np.empty(len(v["strings"]), dtype=object)
            flat[:] = [base64.b64decode(s) for s in v["strings"]]
            a = flat.reshape(v["shape"])
            return a[()] if v["scalar"] else a
        if "tensor_shape" in v:
            return TensorShape(v["tensor_shape"])
        if "tensor_spec" in v:
            shape, dtype, name = v["tensor_spec"]
            return TensorSpec(shape, dtypes.as_dtype(dtype), name)
        if "variable_spec" in v:
            from .function import _VariableSpec
            spec = _VariableSpec.__new__(_VariableSpec)
            spec.shape = TensorShape(v["variable_spec"][0])
            spec.dtype = dtypes.as_dtype(v["variable_spec"][1])
            return spec
        if "literal" in v:
            return _Literal(self.value(v["literal"]))
        if "function" in v:
            return self.function(v["function"])
        if "variable" in v:
            return self.variables[v["variable"]]
        raise ValueError(f"malformed value {v!r}")

    def function(self, index):
        cf = self.functions.get(index)
        if cf is None:
            cf = self.functions[index] = self._build(self.doc["functions"][index])
        return cf

    def _build(self, entry):
        from .framework.graph import CONST, PLACEHOLDER, VAR_HANDLE, SymbolicTensor
        from .framework.op import REGISTRY
        from .function import ConcreteFunction, FuncGraph
        g = FuncGraph(entry["graph_name"])
        specials = {"Placeholder": PLACEHOLDER, "Const": CONST, "VarHandleOp": VAR_HANDLE}
        ops = []
        for e in entry["ops"]:
            prim = specials.get(e["prim"]) if e["prim"] in specials else REGISTRY.get(e["prim"])
            if prim is None:
                raise NotImplementedError(f"tf.saved_model.load: operation {e['name']} has type "
                                          f"{e['prim']}, which this tapeflow does not have")
            inputs = [ops[i]._outputs[k] for i, k in e["inputs"]]
            attrs = {k: self.value(v) for k, v in e["attrs"].items()}
            op = g._create_op(prim, e["type"], inputs, attrs,
                              [_aval_from(a) for a in e["outputs"]], name=e["name"],
                              exact=True)
            op._control_inputs = [ops[i] for i in e["control"]]
            g._name_counts[e["name"].lower()] = g._name_counts.get(e["name"].lower(), 0) + 1
            ops.append(op)

        def ref(r):
            return ops[r[0]]._outputs[r[1]]

        g.inputs = [ref(r) for r in entry["inputs"]]
        g.outputs = [ref(r) for r in entry["outputs"]]
        for c in entry["captured"]:
            ph = ref(c["placeholder"])
            value = self.value(c["value"])
            if isinstance(value, Variable):
                g._captures[id(value)] = (value, ph, value)
                g._capture_order.append(id(value))
                g._var_handles[id(value)] = ph
                g._variables.append(value)
            else:
                holder = Tensor.__new__(Tensor)
                holder._value = value
                g._captures[id(holder)] = (holder, ph, value)
                g._capture_order.append(id(holder))
        g.structured_input_signature = self.value(entry["input_signature"])

        def structure(x):
            if isinstance(x, dict) and "tensor" in x:
                return ref(x["tensor"])
            if isinstance(x, dict) and "tuple" in x:
                return tuple(structure(e) for e in x["tuple"])
            if isinstance(x, dict) and "dict" in x:
                return {self.value(k): structure(e) for k, e in x["dict"]}
            if isinstance(x, list):
                return [structure(e) for e in x]
            return self.value(x)

        g.structured_outputs = structure(entry["structured_outputs"])
        signature = [(n, kind, self.value(spec)) for n, kind, spec in entry["signature"]]
        bound = {k: self.value(v) for k, v in entry["bound"].items()}
        cf = ConcreteFunction(g, signature, bound, entry["name"])
        for k, v in entry.get("extra", {}).items():
            setattr(cf, k, v)
        del SymbolicTensor
        return cf


def _check_tf_format(export_dir):
    if os.path.exists(os.path.join(export_dir, GRAPH_FILE)):
        return
    for f in _TF_FILES:
        if os.path.exists(os.path.join(export_dir, f)):
            raise NotImplementedError(
                f"{export_dir} holds a SavedModel in TensorFlow's protocol-buffer format ({f}); "
                f"tapeflow cannot read TF's format. Load it with TensorFlow, or re-create the "
                f"model in tapeflow and save it with tapeflow's tf.saved_model.save.")
    raise OSError(f"SavedModel file does not exist at: "
                  f"{export_dir}{os.sep}{{saved_model.pbtxt|saved_model.pb}}")


def _read_npz(path):
    if not os.path.exists(path):
        raise NotFoundError(None, None, f"{path} is missing from the SavedModel directory")
    with np.load(path, allow_pickle=False) as archive:
        return {k: archive[k] for k in archive.files}


def load(export_dir, tags=None, options=None):
    """Loads what `save` wrote to `export_dir`: an object with the saved attributes (see the
    module docstring)."""
    _register_primitives()
    export_dir = os.fspath(export_dir)
    _check_tf_format(export_dir)
    with open(os.path.join(export_dir, GRAPH_FILE), encoding="utf-8") as fh:
        document = json.load(fh)
    if document.get("format") != FORMAT:
        raise ValueError(f"{export_dir}: not a tapeflow SavedModel (format "
                         f"{document.get('format')!r}, expected {FORMAT!r})")
    values = _read_npz(os.path.join(export_dir, VARIABLES_FILE))
    constants = _read_npz(os.path.join(export_dir, CONSTANTS_FILE))
    restored = {}
    for i, node in enumerate(document["nodes"]):
        if node["kind"] == "variable":
            name = node["name"].removesuffix(":0")
            v = Variable(values[f"v{i}"], trainable=node["trainable"], name=name)
            v._name = node["name"]
            restored[i] = v
    reader = _Reader(document, constants, restored)
    objects = {}
    for i, node in enumerate(document["nodes"]):
        kind = node["kind"]
        if kind == "variable":
            objects[i] = restored[i]
        elif kind in ("module", "user_object"):
            objects[i] = _UserObject()
        elif kind == "list" or kind == "tuple":
            objects[i] = []
        elif kind == "dict":
            objects[i] = {}
        elif kind == "function":
            objects[i] = RestoredFunction(
                node.get("name") or "function",
                [reader.function(k) for k in node["concrete"]],
                {k: reader.value(v) for k, v in node.get("defaults", {}).items()})
        elif kind == "concrete":
            objects[i] = reader.function(node["function"])
        else:
            raise ValueError(f"unknown object kind {kind!r} in the SavedModel")
    for i, node in enumerate(document["nodes"]):
        obj = objects[i]
        for name, child in node.get("children", []):
            value = objects[child]
            if isinstance(obj, _UserObject):
                obj.__dict__[name] = value
            elif isinstance(obj, list):
                obj.append(value)
            elif isinstance(obj, dict):
                obj[name] = value
    for i, node in enumerate(document["nodes"]):
        if node["kind"] == "tuple":
            objects[i] = tuple(objects[i])
    root = objects[0]
    if isinstance(root, _UserObject):
        root.__dict__["signatures"] = _SignatureMap(
            {k: _SignatureFunction(reader.function(idx), k)
             for k, idx in document["signatures"].items()})
    return root


_registered = []
_lock = threading.Lock()


def _register_primitives():
    """Imports every module that defines primitives, so the registry knows each op type."""
    with _lock:
        if _registered:
            return
        import importlib
        for mod in ("prims", "control_flow", "function", "graph_control_flow", "compat.v1_ops",
                    "ops", "ops.linalg_ops", "ops.nn_ops", "ops.nn_conv_ops", "ops.nn_extra_ops",
                    "ops.random_ops", "ops.segment_ops", "ops.special_math_ops",
                    "ops.string_ops", "ops.indexing_ops", "ops.sparse_ops"):
            importlib.import_module(f"tapeflow.{mod}")
        _registered.append(True)


# ============================================================================================
# Loaded objects
# ============================================================================================
class _UserObject:
    """A loaded object: its saved attributes (variables, functions, sub-objects) and, at the
    root, `signatures`."""

    def __call__(self, *args, **kwargs):
        fn = self.__dict__.get("__call__")
        if fn is None:
            raise TypeError("'_UserObject' object is not callable")
        return fn(*args, **kwargs)

    def __repr__(self):
        return f"<tapeflow.saved_model._UserObject object at 0x{id(self):x}>"


_UserObject.__qualname__ = "_UserObject"


class _SignatureMap(collections.abc.Mapping):
    """The loaded signatures by name."""

    def __init__(self, signatures):
        self._signatures = dict(signatures)

    def __getitem__(self, key):
        return self._signatures[key]

    def __iter__(self):
        return iter(sorted(self._signatures))

    def __len__(self):
        return len(self._signatures)

    def __repr__(self):
        return "_SignatureMap({" + ", ".join(f"{k!r}: {v!r}" for k, v in self.items()) + "})"


class _SignatureFunction:
    """A signature: called with keyword arguments (or positionally, in order), returns a dict
    of its outputs ('output_0', ... unless the function returns a dict)."""

    def __init__(self, concrete, key):
        from .function import TensorSpec
        self._concrete = concrete
        self._key = key
        self._names = []
        specs = {}
        for name, kind, spec in concrete._python_signature:
            if name in concrete._bound_python:
                continue
            if not isinstance(spec, TensorSpec):
                raise NotImplementedError("a signature function whose inputs are not tensors")
            self._names.append(name)
            specs[name] = TensorSpec(spec.shape, spec.dtype, spec.name or name)
        self.structured_input_signature = ((), specs)
        outs = concrete.graph.structured_outputs
        self._dict_outputs = isinstance(outs, dict)
        from .framework import nest
        flat = nest.flatten(outs)
        self._keys = list(outs) if self._dict_outputs else [f"output_{i}"
                                                             for i in range(len(flat))]
        self.structured_outputs = {k: TensorSpec(t.shape, t.dtype, k) for k, t in zip(
            self._keys, [outs[k] for k in outs] if self._dict_outputs else flat)}

    @property
    def inputs(self):
        return self._concrete.inputs

    @property
    def outputs(self):
        return self._concrete.outputs

    @property
    def graph(self):
        return self._concrete.graph

    @property
    def variables(self):
        return self._concrete.variables

    @property
    def trainable_variables(self):
        return self._concrete.trainable_variables

    def __call__(self, *args, **kwargs):
        if len(args) > len(self._names):
            raise TypeError(f"Signature function {self._key} takes {len(self._names)} "
                            f"arguments, got {len(args)}")
        bound = dict(zip(self._names, args))
        for k, v in kwargs.items():
            if k not in self._names:
                raise TypeError(f"Signature function {self._key} got an unexpected keyword "
                                f"argument '{k}' (it takes {self._names})")
            bound[k] = v
        missing = [n for n in self._names if n not in bound]
        if missing:
            raise TypeError(f"Signature function {self._key} is missing arguments {missing}")
        out = self._concrete(**bound)
        if self._dict_outputs:
            return dict(out)
        from .framework import nest
        return dict(zip(self._keys, nest.flatten(out)))

    def __repr__(self):
        params = ", ".join(f"{n}: {s!r}" for n, s in self.structured_input_signature[1].items())
        outs = ", ".join(f"[{k!r}, {s!r}]" for k, s in self.structured_outputs.items())
        return f"<ConcreteFunction (*, {params}) -> Dict[{outs}] at 0x{id(self):X}>"


class RestoredFunction:
    """A tf.function loaded from a SavedModel: its saved concrete functions, one of which a
    call must match (the Python function is gone, so nothing new can be traced)."""

    def __init__(self, name, concretes, defaults):
        self.__name__ = name
        self._concretes = list(concretes)
        self._defaults = dict(defaults)

    @property
    def concrete_functions(self):
        return list(self._concretes)

    def _list_all_concrete_functions(self):
        return list(self._concretes)

    def get_concrete_function(self, *args, **kwargs):
        for cf in self._concretes:
            bound = self._match(cf, args, kwargs)
            if bound is not None:
                return cf
        raise self._no_match(args, kwargs)

    def __call__(self, *args, **kwargs):
        for cf in self._concretes:
            bound = self._match(cf, args, kwargs)
            if bound is not None:
                return cf(**bound)
        raise self._no_match(args, kwargs)

    def _match(self, cf, args, kwargs):
        """The call's arguments by parameter name if they fit `cf`'s signature, else None."""
        from .framework import nest
        from .function import TensorSpec, _same_python, _VariableSpec
        sig = cf._python_signature
        names = [n for n, _, _ in sig]
        if len(args) > len(names):
            return None
        bound = dict(zip(names, args))
        for k, v in kwargs.items():
            if k not in names or k in bound:
                return None
            bound[k] = v
        for n in names:
            if n not in bound:
                if n in self._defaults:
                    bound[n] = self._defaults[n]
                else:
                    return None
        for n, _, spec in sig:
            value = bound[n]
            if n in cf._bound_python:
                fixed = cf._bound_python[n]
                if not (value is fixed or _same_python(value, fixed)):
                    return None
                continue
            leaves, specs = nest.flatten(value), nest.flatten(spec)
            if len(leaves) != len(specs):
                return None
            for leaf, s in zip(leaves, specs):
                if isinstance(s, TensorSpec):
                    if not isinstance(leaf, TensorLike) or leaf.dtype != s.dtype or \
                            not s._shape_compatible(leaf.shape):
                        return None
                elif isinstance(s, _VariableSpec) and not isinstance(leaf, Variable):
                    return None
        return {n: bound[n] for n in names if n not in cf._bound_python}

    def _no_match(self, args, kwargs):
        # as TF shows the call: keyword arguments of positional parameters moved into place
        names = [n for n, kind, _ in self._concretes[0]._python_signature
                 if kind != "KEYWORD_ONLY"] if self._concretes else []
        args, kwargs = list(args), dict(kwargs)
        while len(args) < len(names) and names[len(args)] in kwargs:
            args.append(kwargs.pop(names[len(args)]))
        header = "Could not find matching concrete function to call loaded from the SavedModel. Got:"
        lines = [header, f"  Positional arguments ({len(args)} total):"]
        lines += [f"    * {a!r}" for a in args]
        lines.append(f"  Keyword arguments: {kwargs}")
        lines.append("")
        lines.append(f" Expected these arguments to match one of the following "
                     f"{len(self._concretes)} option(s):")
        for i, cf in enumerate(self._concretes):
            lines.append("")
            lines.append(f"Option {i + 1}:")
            pos = [(n, s) for n, kind, s in cf._python_signature if kind != "KEYWORD_ONLY"]
            kws = [(n, s) for n, kind, s in cf._python_signature if kind == "KEYWORD_ONLY"]
            lines.append(f"  Positional arguments ({len(pos)} total):")
            lines += [f"    * {_spec_text(n, s, cf)}" for n, s in pos]
            lines.append("  Keyword arguments: {" + ", ".join(
                f"'{n}': {_spec_text(n, s, cf)}" for n, s in kws) + "}")
        return ValueError("\n".join(lines))

    def __repr__(self):
        return f"<tapeflow.saved_model.RestoredFunction object at 0x{id(self):x}>"


def _spec_text(name, spec, cf):
    from .function import TensorSpec, _Literal
    if name in cf._bound_python:
        return repr(cf._bound_python[name])
    if isinstance(spec, TensorSpec):
        return repr(TensorSpec(spec.shape, spec.dtype, spec.name or name))
    if isinstance(spec, _Literal):
        return repr(spec.value)
    return repr(spec)


__all__ = [
    "DEFAULT_SERVING_SIGNATURE_DEF_KEY",
    "LoadOptions",
    "SaveOptions",
    "contains_saved_model",
    "load",
    "save",
]
