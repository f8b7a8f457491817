"""`tf.keras.layers`: core, convolution, pooling, reshaping, merging, activation,
normalization, preprocessing, recurrent, attention and noise layers. Layer modules beyond the
core ones load on first use, so `import tapeflow` stays fast."""
import importlib

from .base import Layer
from .core import Dense, Dropout, Embedding, Flatten
from .normalization import BatchNormalization, LayerNormalization

_WHERE = {}
for _module, _names in {
    "core": "Lambda Activation Identity Masking ActivityRegularization InputSpec",
    "conv": "Conv1D Conv2D Conv3D Conv1DTranspose Conv2DTranspose DepthwiseConv2D "
            "SeparableConv2D SeparableConv1D Convolution1D Convolution2D Convolution3D "
            "Convolution2DTranspose SeparableConvolution2D",
    "pooling": "MaxPooling1D MaxPooling2D MaxPooling3D AveragePooling1D AveragePooling2D "
               "AveragePooling3D MaxPool1D MaxPool2D MaxPool3D AvgPool1D AvgPool2D AvgPool3D "
               "GlobalAveragePooling1D GlobalAveragePooling2D GlobalMaxPooling1D "
               "GlobalMaxPooling2D GlobalAvgPool1D GlobalAvgPool2D GlobalMaxPool1D "
               "GlobalMaxPool2D GlobalAveragePooling3D GlobalMaxPooling3D",
    "reshaping": "Reshape Permute RepeatVector ZeroPadding1D ZeroPadding2D Cropping1D "
                 "Cropping2D UpSampling1D UpSampling2D",
    "merging": "Concatenate Add Subtract Multiply Average Maximum Minimum Dot concatenate add "
               "subtract multiply average maximum minimum dot",
    "activation": "LeakyReLU PReLU ELU ReLU Softmax",
    "preprocessing": "Rescaling Normalization CategoryEncoding StringLookup IntegerLookup",
    "rnn": "RNN SimpleRNN SimpleRNNCell LSTM LSTMCell GRU GRUCell Bidirectional "
           "TimeDistributed",
    "attention": "MultiHeadAttention",
    "noise": "SpatialDropout1D SpatialDropout2D GaussianNoise GaussianDropout",
}.items():
    for _name in _names.split():
        _WHERE[_name] = _module
_WHERE.update({"Input": "..models", "InputLayer": "..models"})


def __getattr__(name):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'tapeflow.keras.layers' has no attribute '{name}'")
    mod = importlib.import_module(module,
                                  __name__) if module.startswith(".") else \
        importlib.import_module(f"{__name__}.{module}")
    value = getattr(mod, name)
    globals()[name] = value
    return value


def serialize(layer):
    from .._saving import serialize_keras_object
    return serialize_keras_object(layer)


def deserialize(config, custom_objects=None):
    from .._saving import deserialize_keras_object
    return deserialize_keras_object(config, custom_objects)
