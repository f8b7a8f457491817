"""Keras 3's file formats: `.weights.h5` (`save_weights`/`load_weights`) and the `.keras` zip
(`model.save`/`keras.models.load_model`: `config.json`, `model.weights.h5`, `metadata.json`),
read and written with h5py (`pip install 'tapeflow[h5]'`), plus the config serialization that
`get_config`/`from_config` use.

Files travel both ways: a model saved here loads in Keras 3 (TF 2.21) and the reverse, for the
built-in layers. In the weights file each object keeps its own variables in `<path>/vars/<i>`;
a Sequential or functional model's layers live under `layers/<snake_case class name>` (numbered
`dense`, `dense_1`, ... in layer order), other sublayers under their attribute names, and a
compiled model's optimizer under `optimizer`.
"""
import datetime
import io
import json
import os
import tempfile
import zipfile

import numpy as np

from . import backend

_CUSTOM_OBJECTS = {}
_SAFE_MODE = [True]


def _safe_mode():
    return _SAFE_MODE[0]


def enable_unsafe_deserialization():
    _SAFE_MODE[0] = False


def register_keras_serializable(package="Custom", name=None):
    """Registers a class or function so configs can name it (`package>name`)."""
    def decorator(obj):
        key = f"{package}>{name or obj.__name__}"
        _CUSTOM_OBJECTS[key] = obj
        _CUSTOM_OBJECTS[name or obj.__name__] = obj
        obj._registered_name = key
        return obj
    return decorator


def get_custom_objects():
    return _CUSTOM_OBJECTS


def dtype_policy_config(name):
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": name},
            "registered_name": None}


# -- serialization -------------------------------------------------------------------------------
def _module_of(obj):
    from . import constraints, initializers, losses, metrics, regularizers
    from .layers.base import Layer
    from .optimizers import Optimizer
    if isinstance(obj, Layer):
        from .models.functional import Operation
        from .models.model import Functional, Sequential
        if isinstance(obj, Operation):
            return "keras.src.ops.numpy"
        if isinstance(obj, Sequential):
            return "keras"
        if isinstance(obj, Functional):
            return "keras.src.models.functional"
        return "keras.layers"
    for cls, module in ((initializers.Initializer, "keras.initializers"),
                        (regularizers.Regularizer, "keras.regularizers"),
                        (constraints.Constraint, "keras.constraints"),
                        (Optimizer, "keras.optimizers"), (losses.Loss, "keras.losses"),
                        (metrics.Metric, "keras.metrics")):
        if isinstance(obj, cls):
            return module
    return None


def _initializer_config(init):
    from . import initializers as I
    if isinstance(init, I.VarianceScaling):
        if type(init) is I.VarianceScaling:
            return {"seed": getattr(init, "_init_seed", init.seed), "scale": init.scale, "mode": init.mode,
                    "distribution": init.distribution, "input_axes": None, "output_axes": None}
        return {"seed": getattr(init, "_init_seed", init.seed), "input_axes": None, "output_axes": None}
    if isinstance(init, (I.RandomNormal, I.TruncatedNormal)):
        return {"seed": getattr(init, "_init_seed", init.seed), "mean": init.mean, "stddev": init.stddev}
    if isinstance(init, I.RandomUniform):
        return {"seed": getattr(init, "_init_seed", init.seed), "minval": init.minval, "maxval": init.maxval}
    if isinstance(init, getattr(I, "Orthogonal", ())):
        return {"seed": getattr(init, "_init_seed", init.seed), "gain": init.gain}
    if isinstance(init, I.Constant):
        v = init.value
        return {"value": v.tolist() if isinstance(v, np.ndarray) else v}
    if isinstance(init, I.Identity):
        return {} if init.gain == 1.0 else {"gain": init.gain}
    return init.get_config()


def serialize_keras_object(obj):
    """Keras 3's `{"module", "class_name", "config", "registered_name"}` form of an object
    (strings, numbers and None stay as they are; activations become their names)."""
    from . import activations, initializers
    from .layers.base import Layer
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, list):
        return [serialize_keras_object(x) for x in obj]
    if isinstance(obj, tuple):
        return tuple(serialize_keras_object(x) for x in obj)
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    module = _module_of(obj)
    if module is None:
        if callable(obj):
            name = getattr(obj, "__name__", None)
            if name in activations._BY_NAME:
                return name
            registered = getattr(obj, "_registered_name", None)
            return {"module": getattr(obj, "__module__", None), "class_name": "function",
                    "config": name, "registered_name": registered or name}
        raise TypeError(f"Cannot serialize object {obj} of type {type(obj)}")
    if isinstance(obj, initializers.Initializer):
        config = _initializer_config(obj)
    else:
        config = obj.get_config()
    out = {"module": module, "class_name": type(obj).__name__, "config": config,
           "registered_name": getattr(type(obj), "_registered_name", None)}
    if isinstance(obj, Layer):
        from .models.model import Functional
        if isinstance(obj, Functional):
            out["registered_name"] = "Functional"
        build = obj.get_build_config()
        if build is not None and type(obj).__name__ != "InputLayer":
            out["build_config"] = build
        from .models.model import Model
        if isinstance(obj, Model):
            out.setdefault("build_config", {"input_shape": None})
            out["compile_config"] = obj.get_compile_config()
    return out


def serialize_config(config):
    """Serializes the values of a layer's constructor-argument dict."""
    from . import activations
    out = {}
    for k, v in config.items():
        if k in ("activation", "recurrent_activation") and callable(v):
            out[k] = activations.serialize(v)
        else:
            out[k] = serialize_keras_object(v)
    return out


def _lookup(module, class_name, custom_objects=None):
    from . import constraints, initializers, layers, losses, metrics, optimizers, regularizers
    custom = dict(_CUSTOM_OBJECTS)
    custom.update(custom_objects or {})
    if class_name in custom:
        return custom[class_name]
    if class_name in ("Functional", "Model"):
        from .models import Model
        return Model
    if class_name == "Sequential":
        from .models import Sequential
        return Sequential
    if class_name == "InputLayer":
        from .models import InputLayer
        return InputLayer
    if module and module.startswith("keras.src.ops"):
        from .models.functional import operation_class
        cls = operation_class(class_name)
        if cls is None:
            raise NotImplementedError(f"tapeflow cannot load the Keras op '{class_name}' "
                                      f"({module}) found in this model's graph")
        return cls
    spaces = {"keras.layers": layers, "keras.initializers": initializers,
              "keras.regularizers": regularizers, "keras.constraints": constraints,
              "keras.optimizers": optimizers, "keras.losses": losses, "keras.metrics": metrics}
    order = [spaces[module]] if module in spaces else list(spaces.values())
    for space in order:
        try:
            return getattr(space, class_name)
        except (AttributeError, NotImplementedError):
            continue
    raise TypeError(f"Could not locate class '{class_name}'. Make sure custom classes are "
                    f"decorated with `@keras.saving.register_keras_serializable()`. Full object "
                    f"config: {{'module': {module!r}, 'class_name': {class_name!r}}}")


def deserialize_keras_object(config, custom_objects=None, safe_mode=True):
    """The object a `serialize_keras_object` dict describes."""
    from . import activations
    if config is None or isinstance(config, (int, float, bool)):
        return config
    if isinstance(config, str):
        return config
    if isinstance(config, list):
        return [deserialize_keras_object(c, custom_objects) for c in config]
    if not isinstance(config, dict) or "class_name" not in config:
        return config
    class_name = config["class_name"]
    if class_name == "function":
        name = config["config"]
        custom = dict(_CUSTOM_OBJECTS)
        custom.update(custom_objects or {})
        key = config.get("registered_name") or name
        if key in custom:
            return custom[key]
        if name in custom:
            return custom[name]
        return activations.get(name)
    if class_name == "__keras_tensor__":
        return config
    cls = _lookup(config.get("module"), class_name, custom_objects)
    inner = config.get("config", {})
    from .layers.base import Layer
    if isinstance(cls, type) and issubclass(cls, Layer):
        import inspect
        params = inspect.signature(cls.from_config).parameters
        obj = cls.from_config(inner, custom_objects) if "custom_objects" in params else \
            cls.from_config(inner)
        build = config.get("build_config")
        if build and not obj.built:
            obj.build_from_config(build)
        return obj
    from . import initializers
    if isinstance(cls, type) and issubclass(cls, initializers.Initializer):
        inner = {k: v for k, v in inner.items() if not (k in ("input_axes", "output_axes")
                                                         and v is None)}
        if cls is initializers.VarianceScaling or not issubclass(cls,
                                                                 initializers.VarianceScaling):
            return cls(**inner)
        return cls(seed=inner.get("seed"))
        return cls(**inner)
    from .optimizers import Optimizer
    if isinstance(cls, type) and issubclass(cls, Optimizer):
        inner = dict(inner)
        lr = inner.get("learning_rate")
        if isinstance(lr, dict):
            from .optimizers import schedules
            inner["learning_rate"] = getattr(schedules, lr["class_name"]).from_config(
                lr["config"])
        return cls.from_config(inner)
    if hasattr(cls, "from_config"):
        return cls.from_config(inner)
    return cls(**inner)


def deserialize_config(config):
    """A layer config with its serialized values turned back into objects (for `cls(**c)`)."""
    out = {}
    for k, v in config.items():
        if k == "dtype":
            if isinstance(v, dict):
                v = v.get("config", {}).get("name")
            out[k] = v
        elif isinstance(v, dict) and "class_name" in v:
            out[k] = deserialize_keras_object(v)
        else:
            out[k] = v
    return out


# -- functional configs --------------------------------------------------------------------------
def _node_indices(model):
    """{id(node): index among the layer's nodes that belong to this model}."""
    ours = {id(n) for n in model._nodes}
    index = {}
    for layer in model._layers:
        i = 0
        for node in layer._inbound_nodes:
            if id(node) in ours:
                index[id(node)] = i
                i += 1
    return index


def _kt_ref(kt, index):
    h = kt._keras_history
    node = h.operation._inbound_nodes[h.node_index]
    return [h.operation.name, index.get(id(node), h.node_index), h.tensor_index]


def _serialize_arg(x, index):
    from .models.functional import KerasTensor
    if isinstance(x, KerasTensor):
        return {"class_name": "__keras_tensor__",
                "config": {"shape": list(x.shape), "dtype": x.dtype,
                           "keras_history": _kt_ref(x, index)}}
    if isinstance(x, (list, tuple)):
        return [_serialize_arg(v, index) for v in x]
    if isinstance(x, dict):
        return {k: _serialize_arg(v, index) for k, v in x.items()}
    return serialize_keras_object(x)


def _io_refs(structure, index):
    from .models.functional import KerasTensor
    if isinstance(structure, KerasTensor):
        return _kt_ref(structure, index)
    if isinstance(structure, dict):
        return {k: _io_refs(v, index) for k, v in structure.items()}
    refs = [_io_refs(v, index) for v in structure]
    return refs


def functional_config(model):
    index = _node_indices(model)
    ours = {id(n) for n in model._nodes}
    layers = []
    for layer in model._layers:
        spec = serialize_keras_object(layer)
        spec["name"] = layer.name
        nodes = []
        from .models.functional import InputLayer
        if not isinstance(layer, InputLayer):
            for node in layer._inbound_nodes:
                if id(node) in ours:
                    nodes.append({"args": _serialize_arg(list(node.call_args), index),
                                  "kwargs": _serialize_arg(node.call_kwargs, index)})
        spec["inbound_nodes"] = nodes
        layers.append(spec)
    inputs, outputs = model._inputs_struct, model._outputs_struct
    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": _io_refs(inputs, index), "output_layers": _io_refs(outputs, index)}


def functional_from_config(config, custom_objects=None):
    from .models.functional import InputLayer
    from .models.model import Functional
    created, tensors, node_counts = {}, {}, {}
    for spec in config["layers"]:
        layer = deserialize_keras_object({k: v for k, v in spec.items()
                                          if k not in ("inbound_nodes", "build_config")},
                                         custom_objects)
        created[spec["name"]] = layer
        if isinstance(layer, InputLayer):
            tensors[(layer.name, 0, 0)] = layer.output_tensor
            node_counts[layer.name] = 1

    def resolve(x):
        if isinstance(x, dict) and x.get("class_name") == "__keras_tensor__":
            name, node, t = x["config"]["keras_history"]
            key = (name, node, t)
            if key not in tensors:
                raise KeyError(key)
            return tensors[key]
        if isinstance(x, list):
            return [resolve(v) for v in x]
        if isinstance(x, dict):
            return {k: resolve(v) for k, v in x.items()}
        return x
    pending = [(spec["name"], i, node) for spec in config["layers"]
               for i, node in enumerate(spec.get("inbound_nodes", []))]
    from .. import nest
    while pending:
        progress, rest = False, []
        for name, i, node in pending:
            try:
                args = resolve(node["args"])
                kwargs = resolve(node.get("kwargs", {}))
            except KeyError:
                rest.append((name, i, node))
                continue
            if isinstance(args, list) and len(args) == 1 and isinstance(args[0], list) and \
                    False:
                args = args[0]
            out = created[name](*args, **kwargs)
            for t, kt in enumerate(nest.flatten(out)):
                tensors[(name, i, t)] = kt
            progress = True
        if not progress:
            raise ValueError("Could not rebuild the functional graph from its config "
                             f"(unresolved nodes: {[p[0] for p in rest]})")
        pending = rest

    def refs(x):
        if isinstance(x, dict):
            return {k: refs(v) for k, v in x.items()}
        if len(x) == 3 and isinstance(x[0], str):
            return tensors[(x[0], x[1], x[2])]
        return [refs(v) for v in x]
    inputs, outputs = refs(config["input_layers"]), refs(config["output_layers"])
    return Functional(inputs, outputs, name=config.get("name"),
                      trainable=config.get("trainable", True))


# -- the weights file ------------------------------------------------------------------------------
def _h5py():
    try:
        import h5py
    except ImportError:
        raise ImportError("Saving and loading Keras weights files needs h5py: "
                          "pip install 'tapeflow[h5]' (or pip install h5py)") from None
    return h5py


def _name_key(name):
    return f"~{name}" if name.startswith("_") else name


def _snake(name):
    return backend.to_snake_case(name)


def _is_saveable(obj):
    from .layers.base import Layer
    from .optimizers import Optimizer
    return isinstance(obj, (Layer, Optimizer))


def _children(obj):
    """(name, child) pairs walked when saving: a model's layers first, then attributes holding
    layers or optimizers, public names before private ones (Keras's order)."""
    from .layers.base import Layer
    from .models.model import Functional, Model, Sequential
    from .optimizers import Optimizer
    if isinstance(obj, Optimizer):
        return []
    out = []
    if isinstance(obj, (Sequential, Functional)):
        out.append(("layers", obj.layers))
    custom = getattr(obj, "_saving_children", None)
    if custom is not None:
        return out + list(custom())
    attrs = {}
    for k, v in vars(obj).items():
        if k in ("_layers",):
            continue
        if _is_saveable(v) or (isinstance(v, (list, tuple, dict)) and any(
                _is_saveable(x) for x in (v.values() if isinstance(v, dict) else v))):
            attrs[k] = v
    if isinstance(obj, Model) and not isinstance(obj, (Sequential, Functional)):
        attrs["layers"] = obj.layers
    for k in sorted(attrs, key=_name_key):
        out.append((k, attrs[k]))
    if isinstance(obj, Layer) and not isinstance(obj, Model):
        pass
    return out


def _own_variables(obj):
    from .optimizers import Optimizer
    if isinstance(obj, Optimizer):
        return obj.variables
    return obj._trainable_variables + obj._non_trainable_variables


def _walk(obj, path, visited, visit):
    if id(obj) in visited:
        return
    visit(obj, path)
    visited.add(id(obj))
    for name, child in _children(obj):
        child_path = f"{path}/{name}" if path else name
        if _is_saveable(child):
            _walk(child, child_path, visited, visit)
        elif isinstance(child, (list, tuple, dict)):
            used = {}
            items = child.values() if isinstance(child, dict) else child
            for item in items:
                if not _is_saveable(item):
                    continue
                base = _snake(type(item).__name__)
                if base in used:
                    used[base] += 1
                    key = f"{base}_{used[base]}"
                else:
                    used[base] = 0
                    key = base
                _walk(item, f"{child_path}/{key}", visited, visit)


def _saveable_root(model):
    """The objects written: the model, and its optimizer when compiled and built."""
    return model


def _write_weights(model, h5file):
    def visit(obj, path):
        group = h5file.require_group((path + "/vars") if path else "vars")
        name = getattr(obj, "name", None)
        if isinstance(name, str):
            group.attrs["name"] = name
        for i, v in enumerate(_own_variables(obj)):
            group.create_dataset(str(i), data=np.asarray(v._value))
    visited = set()
    _walk(model, "", visited, visit)
    opt = getattr(model, "optimizer", None)
    if getattr(model, "compiled", False) and opt is not None and opt.built and \
            id(opt) not in visited:
        _walk(opt, "optimizer", visited, visit)


def _read_weights(model, h5file, skip_mismatch=False):
    errors = []

    def visit(obj, path):
        key = (path + "/vars") if path else "vars"
        own = _own_variables(obj)
        if key not in h5file:
            if own:
                errors.append(f"no weights stored for '{path}'")
            return
        group = h5file[key]
        if len(group) != len(own):
            if skip_mismatch:
                return
            errors.append(f"Layer '{getattr(obj, 'name', path)}' expected {len(own)} "
                          f"variables, but received {len(group)} variables during loading. "
                          f"Expected: {[v.name for v in own]}")
            return
        for i, v in enumerate(own):
            value = np.asarray(group[str(i)])
            if tuple(value.shape) != tuple(v.shape.as_list()):
                if skip_mismatch:
                    continue
                errors.append(f"The shape of the target variable and the shape of the target "
                              f"value in `variable.assign(value)` must match. "
                              f"variable.shape={tuple(v.shape.as_list())}, "
                              f"Received: value.shape={value.shape}. Target variable: {v}")
                continue
            v.assign(value.astype(v._value.dtype))
    opt = getattr(model, "optimizer", None)
    if getattr(model, "compiled", False) and opt is not None and "optimizer" in h5file and \
            not opt.built:
        opt.build(model.trainable_variables)
    visited = set()
    _walk(model, "", visited, visit)
    if getattr(model, "compiled", False) and opt is not None and "optimizer" in h5file and \
            id(opt) not in visited:
        _walk(opt, "optimizer", visited, visit)
    if errors:
        raise ValueError("\n".join(errors))


def save_weights(model, filepath, overwrite=True):
    filepath = os.fspath(filepath)
    if not filepath.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: "
                         f"filepath={filepath}")
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(filepath)
    h5py = _h5py()
    with h5py.File(filepath, "w") as f:
        _write_weights(model, f)


def load_weights(model, filepath, skip_mismatch=False):
    filepath = os.fspath(filepath)
    if filepath.endswith(".keras"):
        with zipfile.ZipFile(filepath) as z:
            data = z.read("model.weights.h5")
        h5py = _h5py()
        with h5py.File(io.BytesIO(data), "r") as f:
            _read_weights(model, f, skip_mismatch)
        return
    if not filepath.endswith(".weights.h5"):
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only "
                         f"supports V3 `.keras` and `.weights.h5` files.")
    h5py = _h5py()
    with h5py.File(filepath, "r") as f:
        _read_weights(model, f, skip_mismatch)


# -- the .keras zip --------------------------------------------------------------------------------
def save_model(model, filepath, overwrite=True, **kwargs):
    filepath = os.fspath(filepath)
    if not filepath.endswith(".keras"):
        raise ValueError(f"Invalid filepath extension for saving. Please add either a `.keras` "
                         f"extension for the native Keras format (recommended) or a `.h5` "
                         f"extension. Use `model.export(filepath)` if you want to export a "
                         f"SavedModel for use with TFLite/TFServing/etc. Received: "
                         f"filepath={filepath}.")
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(filepath)
    config = serialize_keras_object(model)
    config.setdefault("build_config", {"input_shape": None})
    if model.compiled:
        config["compile_config"] = model.get_compile_config()
    from .. import __version__
    metadata = {"keras_version": "3.15.1", "tapeflow_version": __version__,
                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    h5py = _h5py()
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        _write_weights(model, f)
    d = os.path.dirname(os.path.abspath(filepath))
    fd, tmp = tempfile.mkstemp(dir=d, suffix=".keras.tmp")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as z:
            z.writestr("metadata.json", json.dumps(metadata))
            z.writestr("config.json", json.dumps(config))
            z.writestr("model.weights.h5", buf.getvalue())
        os.replace(tmp, filepath)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    filepath = os.fspath(filepath)
    if not filepath.endswith(".keras"):
        if filepath.endswith((".h5", ".hdf5")):
            raise NotImplementedError("tapeflow does not read the legacy Keras 2 HDF5 model "
                                      "format; save with model.save('x.keras')")
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only "
                         f"supports V3 `.keras` files and legacy H5 format files (`.h5` "
                         f"extension).")
    if not os.path.exists(filepath):
        raise ValueError(f"File not found: filepath={filepath}. Please ensure the file is an "
                         f"accessible `.keras` zip file.")
    with zipfile.ZipFile(filepath) as z:
        config = json.loads(z.read("config.json"))
        weights = z.read("model.weights.h5")
    saved = _SAFE_MODE[0]
    _SAFE_MODE[0] = bool(safe_mode) and saved
    try:
        model = deserialize_keras_object(config, custom_objects)
    finally:
        _SAFE_MODE[0] = saved
    compile_config = config.get("compile_config")
    if compile and compile_config:
        model.compile_from_config(compile_config)
    h5py = _h5py()
    with h5py.File(io.BytesIO(weights), "r") as f:
        _read_weights(model, f)
    return model
