"""`tf.keras.models`: `Model`, `Sequential`, `load_model`, `save_model`, `clone_model`,
`model_from_json`."""
from .functional import Input, InputLayer, KerasTensor
from .model import Functional, Model, Sequential


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a model saved with `model.save("x.keras")` (Keras 3's zip layout)."""
    from .._saving import load_model as _load
    return _load(filepath, custom_objects=custom_objects, compile=compile, safe_mode=safe_mode)


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    from .._saving import save_model as _save
    return _save(model, filepath, overwrite=overwrite, **kwargs)


def model_from_json(json_string, custom_objects=None):
    import json

    from .._saving import deserialize_keras_object
    return deserialize_keras_object(json.loads(json_string), custom_objects)


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """A new model with the same architecture and freshly initialized weights."""
    from .._saving import deserialize_keras_object, serialize_keras_object
    if clone_function is not None or call_function is not None or input_tensors is not None:
        raise NotImplementedError("tapeflow's clone_model does not implement `input_tensors`, "
                                  "`clone_function` or `call_function`")
    return deserialize_keras_object(serialize_keras_object(model))
