"""Recurrent layers: SimpleRNN, LSTM and GRU (and their cells, the generic RNN wrapper),
Bidirectional and TimeDistributed. Weights follow Keras's layouts (LSTM gates i, f, c, o; GRU
gates z, r, h with `reset_after`), so weights move to and from Keras unchanged.

The time loop runs step by step on tapeflow ops. Masked steps (from `mask=` or an
`Embedding(mask_zero=True)` upstream) keep the previous state and output.

    >>> lstm = tf.keras.layers.LSTM(3, return_sequences=True)
    >>> lstm(tf.ones((2, 5, 4))).shape
    TensorShape([2, 5, 3])
"""


from ...framework.tensor import convert_to_tensor
from ...ops import array_ops as A
from ...ops import math_ops as M
from ...ops import random_ops
from .. import activations, backend, constraints, initializers, regularizers
from .base import Layer


def _dropout_mask(x, rate, seed=None):
    keep = random_ops.uniform(x.shape.as_list(), dtype=x.dtype, seed=seed)
    return M.cast(M.greater_equal(keep, rate), x.dtype) / (1.0 - rate)


class _Cell(Layer):
    gates = 1

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None,
                 **kwargs):
        super().__init__(**kwargs)
        if units <= 0:
            raise ValueError(f"Received an invalid value for argument `units`, expected a "
                             f"positive integer, got {units}.")
        self.units = int(units)
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.seed = seed
        self._masks = None

    def _base_config(self):
        return {"units": self.units, "activation": self.activation,
                "recurrent_activation": self.recurrent_activation, "use_bias": self.use_bias,
                "kernel_initializer": self.kernel_initializer,
                "recurrent_initializer": self.recurrent_initializer,
                "bias_initializer": self.bias_initializer,
                "kernel_regularizer": self.kernel_regularizer,
                "recurrent_regularizer": self.recurrent_regularizer,
                "bias_regularizer": self.bias_regularizer,
                "kernel_constraint": self.kernel_constraint,
                "recurrent_constraint": self.recurrent_constraint,
                "bias_constraint": self.bias_constraint, "dropout": self.dropout,
                "recurrent_dropout": self.recurrent_dropout, "seed": self.seed}

    @property
    def state_size(self):
        return self.units

    def _weights(self, input_dim, bias_shape=None, bias_init=None):
        n = self.gates * self.units
        self.kernel = self.add_weight(shape=(input_dim, n), name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=(self.units, n), name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        self.bias = (self.add_weight(shape=bias_shape or (n,), name="bias",
                                     initializer=bias_init or self.bias_initializer,
                                     regularizer=self.bias_regularizer,
                                     constraint=self.bias_constraint)
                     if self.use_bias else None)

    def build(self, input_shape):
        self._weights(input_shape[-1])

    def get_initial_state(self, batch_size=None):
        return [A.zeros((batch_size, self.units), dtype=self._dtype)]

    def _start(self, inputs_step, state, training):
        """Draws this sequence's dropout masks (one per call, reused at every step)."""
        self._masks = None
        if training and (self.dropout > 0 or self.recurrent_dropout > 0):
            dp = _dropout_mask(inputs_step, self.dropout, self.seed) if self.dropout > 0 \
                else None
            rdp = _dropout_mask(state, self.recurrent_dropout, self.seed) \
                if self.recurrent_dropout > 0 else None
            self._masks = (dp, rdp)

    def _apply_masks(self, x, h):
        if self._masks is not None:
            dp, rdp = self._masks
            if dp is not None:
                x = x * dp
            if rdp is not None:
                h = h * rdp
        return x, h


class SimpleRNNCell(_Cell):
    """`h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)`."""

    def __init__(self, units, activation="tanh", use_bias=True, **kwargs):
        super().__init__(units, activation=activation, use_bias=use_bias, **kwargs)

    def _config(self):
        c = self._base_config()
        c.pop("recurrent_activation")
        return c

    def call(self, inputs, states, training=False):
        prev = states[0] if isinstance(states, (list, tuple)) else states
        x, h = self._apply_masks(inputs, prev)
        out = M.matmul(x, self.kernel)
        if self.bias is not None:
            out = out + self.bias
        out = self.activation(out + M.matmul(h, self.recurrent_kernel))
        return out, [out]


class LSTMCell(_Cell):
    """Keras's LSTM step: gates i, f, c, o from one (input_dim, 4 * units) kernel."""
    gates = 4

    def __init__(self, units, unit_forget_bias=True, **kwargs):
        super().__init__(units, **kwargs)
        self.unit_forget_bias = unit_forget_bias

    def _config(self):
        c = self._base_config()
        out = {}
        for k, v in c.items():
            if k == "kernel_initializer":
                out["unit_forget_bias"] = self.unit_forget_bias
            out[k] = v
        return out

    @property
    def state_size(self):
        return [self.units, self.units]

    def build(self, input_shape):
        init = None
        if self.use_bias and self.unit_forget_bias:
            base, units = self.bias_initializer, self.units

            def init(shape, dtype=None):
                from ...ops.array_ops import concat
                from ...ops.array_ops import ones as _ones
                return concat([base((units,), dtype=dtype), _ones((units,), dtype=dtype),
                               base((2 * units,), dtype=dtype)], 0)
        self._weights(input_shape[-1], bias_init=init)

    def get_initial_state(self, batch_size=None):
        z = A.zeros((batch_size, self.units), dtype=self._dtype)
        return [z, A.zeros((batch_size, self.units), dtype=self._dtype)]

    def call(self, inputs, states, training=False):
        h_prev, c_prev = states
        x, h = self._apply_masks(inputs, h_prev)
        z = M.matmul(x, self.kernel) + M.matmul(h, self.recurrent_kernel)
        if self.bias is not None:
            z = z + self.bias
        z0, z1, z2, z3 = A.split(z, 4, axis=-1)
        i = self.recurrent_activation(z0)
        f = self.recurrent_activation(z1)
        c = f * c_prev + i * self.activation(z2)
        o = self.recurrent_activation(z3)
        h = o * self.activation(c)
        return h, [h, c]


class GRUCell(_Cell):
    """Keras's GRU step (gates z, r, h); `reset_after=True` (the default) applies the reset
    gate after the recurrent matmul and keeps two bias rows."""
    gates = 3

    def __init__(self, units, reset_after=True, **kwargs):
        super().__init__(units, **kwargs)
        self.reset_after = reset_after

    def _config(self):
        c = self._base_config()
        out = {}
        for k, v in c.items():
            if k == "seed":
                out["reset_after"] = self.reset_after
            out[k] = v
        return out

    def build(self, input_shape):
        shape = (2, 3 * self.units) if self.reset_after else (3 * self.units,)
        self._weights(input_shape[-1], bias_shape=shape)

    def call(self, inputs, states, training=False):
        h_prev = states[0] if isinstance(states, (list, tuple)) else states
        x, h = self._apply_masks(inputs, h_prev)
        if self.bias is not None and self.reset_after:
            input_bias, recurrent_bias = self.bias[0], self.bias[1]
        else:
            input_bias, recurrent_bias = self.bias, None
        mx = M.matmul(x, self.kernel)
        if input_bias is not None:
            mx = mx + input_bias
        x_z, x_r, x_h = A.split(mx, 3, axis=-1)
        u = self.units
        if self.reset_after:
            mi = M.matmul(h, self.recurrent_kernel)
            if recurrent_bias is not None:
                mi = mi + recurrent_bias
            r_z, r_r, r_h = A.split(mi, 3, axis=-1)
            z = self.recurrent_activation(x_z + r_z)
            r = self.recurrent_activation(x_r + r_r)
            hh = self.activation(x_h + r * r_h)
        else:
            rk = self.recurrent_kernel
            mi = M.matmul(h, rk[:, :2 * u])
            r_z, r_r = A.split(mi, 2, axis=-1)
            z = self.recurrent_activation(x_z + r_z)
            r = self.recurrent_activation(x_r + r_r)
            hh = self.activation(x_h + M.matmul(r * h, rk[:, 2 * u:]))
        out = z * h_prev + (1.0 - z) * hh
        return out, [out]


class RNN(Layer):
    """Runs a cell over the time axis of (batch, time, features) inputs."""

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, zero_output_for_mask=False, **kwargs):
        super().__init__(**kwargs)
        if stateful:
            raise NotImplementedError("tapeflow's recurrent layers do not implement "
                                      "stateful=True")
        if isinstance(cell, (list, tuple)):
            raise NotImplementedError("tapeflow's RNN does not implement stacked cells "
                                      "(StackedRNNCells)")
        self.cell = cell
        self.return_sequences, self.return_state = return_sequences, return_state
        self.go_backwards, self.stateful, self.unroll = go_backwards, stateful, unroll
        self.zero_output_for_mask = zero_output_for_mask
        self.supports_masking = True

    def _rnn_config(self):
        return {"return_sequences": self.return_sequences, "return_state": self.return_state,
                "go_backwards": self.go_backwards, "stateful": self.stateful,
                "unroll": self.unroll, "zero_output_for_mask": self.zero_output_for_mask}

    def _config(self):
        from .._saving import serialize_keras_object
        c = self._rnn_config()
        c["cell"] = serialize_keras_object(self.cell)
        return c

    @classmethod
    def from_config(cls, config):
        from .._saving import deserialize_config, deserialize_keras_object
        config = dict(config)
        cell = deserialize_keras_object(config.pop("cell"))
        return cls(cell, **deserialize_config(config))

    def build(self, input_shape):
        step = (input_shape[0],) + tuple(input_shape[2:])
        self.cell._build_input_shape = step
        self.cell._maybe_build(step)

    def _saving_children(self):
        return [("cell", self.cell)]

    def call(self, sequences, initial_state=None, mask=None, training=False):
        x = convert_to_tensor(sequences)
        if x.dtype != self._dtype:
            x = M.cast(x, self._dtype)
        batch, steps = x.shape[0], x.shape[1]
        if initial_state is None:
            states = self.cell.get_initial_state(batch)
        else:
            states = list(initial_state) if isinstance(initial_state, (list, tuple)) else \
                [initial_state]
        single = not isinstance(self.cell.state_size, (list, tuple))
        if backend.is_symbolic(x) and not self.unroll:
            # traced (a tf.function, fit's step): a graph while_loop over the time steps, as
            # Keras' TF backend runs it, instead of one copy of the cell per step
            result, states = self._while_loop(x, states, mask, training, single, batch)
            self.cell._masks = None
            if self.return_state:
                return [result] + states
            return result
        inputs = A.unstack(x, axis=1)
        masks = None
        if mask is not None:
            masks = A.unstack(M.cast(convert_to_tensor(mask), "bool"), axis=1)
        order = list(range(steps))
        if self.go_backwards:
            order.reverse()
        self.cell._start(inputs[0], states[0], training)
        outputs, last = [], None
        prev_out = A.zeros((batch, self.cell.units), dtype=self._dtype)
        for t in order:
            out, new_states = self.cell.call(inputs[t], states[0] if single and len(states) == 1
                                             else states, training=training)
            if masks is not None:
                m = A.expand_dims(masks[t], -1)
                new_states = [A.where(m, ns, s) for ns, s in zip(new_states, states)]
                out = A.where(m, out, A.zeros_like(out) if self.zero_output_for_mask
                              else prev_out)
            states = list(new_states)
            prev_out = out
            outputs.append(out)
            last = out
        self.cell._masks = None
        result = A.stack(outputs, axis=1) if self.return_sequences else last
        if self.return_state:
            return [result] + states
        return result

    def _while_loop(self, x, states, mask, training, single, batch):
        """The time loop as `tf.while_loop` (the outputs written into a time-major buffer): the
        same cell computation per step as the unrolled loop, so the same values."""
        from ...control_flow import while_loop
        from ...ops import indexing_ops
        steps = backend.dim(x, 1)
        masks = None if mask is None else M.cast(convert_to_tensor(mask), "bool")
        self.cell._start(A.gather(x, 0, axis=1), states[0], training)
        prev_out = A.zeros((backend.dim(x, 0), self.cell.units), dtype=self._dtype)
        outputs = A.zeros((steps, backend.dim(x, 0), self.cell.units) if
                          self.return_sequences else (0,), dtype=self._dtype)
        n_states = len(states)

        def body(t, prev_out, outputs, *states):
            index = steps - 1 - t if self.go_backwards else t
            states = list(states)
            out, new_states = self.cell.call(A.gather(x, index, axis=1),
                                             states[0] if single and n_states == 1 else states,
                                             training=training)
            new_states = list(new_states)
            if masks is not None:
                m = A.expand_dims(A.gather(masks, index, axis=1), -1)
                new_states = [A.where(m, ns, s) for ns, s in zip(new_states, states)]
                out = A.where(m, out, A.zeros_like(out) if self.zero_output_for_mask
                              else prev_out)
            if self.return_sequences:
                outputs = indexing_ops.tensor_scatter_nd_update(
                    outputs, A.reshape(t, (1, 1)), A.expand_dims(out, 0))
            return (t + 1, out, outputs) + tuple(new_states)

        loop = while_loop(lambda t, *_: t < steps, body,
                          (convert_to_tensor(0), prev_out, outputs) + tuple(states))
        last, outputs, states = loop[1], loop[2], list(loop[3:])
        if self.return_sequences:
            return A.transpose(outputs, [1, 0, 2]), states
        return last, states

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        out = mask if self.return_sequences else None
        if self.return_state:
            return [out] + [None] * len(self.cell.state_size
                                        if isinstance(self.cell.state_size, list) else [1])
        return out

    # the cell's settings, read through the layer as Keras does
    units = property(lambda self: self.cell.units)


class _CellRNN(RNN):
    cell_class = None

    def __init__(self, units, *args, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, zero_output_for_mask=False,
                 **kwargs):
        cell_kwargs = {}
        for k in list(kwargs):
            if k not in ("name", "trainable", "dtype", "input_shape", "batch_input_shape",
                         "batch_shape", "activity_regularizer", "input_dim", "input_length",
                         "autocast"):
                cell_kwargs[k] = kwargs.pop(k)
        cell = self.cell_class(units, *args, name=backend.to_snake_case(
            self.cell_class.__name__), dtype=kwargs.get("dtype"), **cell_kwargs)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         zero_output_for_mask=zero_output_for_mask, **kwargs)

    def _config(self):
        c = self._rnn_config()
        cell = self.cell._config()
        c.update(cell)
        return c

    @classmethod
    def from_config(cls, config):
        from .._saving import deserialize_config
        return cls(**deserialize_config(config))

    def get_config(self):
        config = super().get_config()
        out = {k: config[k] for k in ("name", "trainable", "dtype")}
        for k, v in config.items():
            if k not in out:
                out[k] = v
        # Keras lists activity_regularizer among the cell's settings, after the regularizers
        items = list(out.items())
        if "activity_regularizer" not in out:
            from .._saving import serialize_keras_object
            pos = next(i for i, (k, _) in enumerate(items) if k == "bias_regularizer") + 1
            items.insert(pos, ("activity_regularizer",
                               serialize_keras_object(self.activity_regularizer)))
        return dict(items)


class SimpleRNN(_CellRNN):
    """A fully connected RNN: `h_t = tanh(x_t @ W + h_{t-1} @ U + b)`."""
    cell_class = SimpleRNNCell

    def get_config(self):
        config = super().get_config()
        config.pop("seed", None)
        return config


class LSTM(_CellRNN):
    """Long short-term memory (Hochreiter & Schmidhuber), Keras's gate layout."""
    cell_class = LSTMCell


class GRU(_CellRNN):
    """Gated recurrent unit (Cho et al.), Keras's `reset_after=True` variant by default."""
    cell_class = GRUCell


class Bidirectional(Layer):
    """Runs `layer` forwards and a copy backwards over time and merges their outputs
    ('concat', 'sum', 'mul', 'ave' or None for a list)."""

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None,
                 **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"Please initialize `Bidirectional` layer with a `keras.layers."
                             f"Layer` instance. Received: {layer}")
        if merge_mode not in ("sum", "mul", "ave", "concat", None):
            raise ValueError(f"Invalid merge mode. Received: {merge_mode}. Merge mode should "
                             f"be one of {{'sum', 'mul', 'ave', 'concat', None}}")
        super().__init__(**kwargs)
        from .._saving import deserialize_keras_object, serialize_keras_object
        cfg = serialize_keras_object(layer)
        cfg["config"] = dict(cfg["config"], name="forward_" + layer.name)
        self.forward_layer = deserialize_keras_object(cfg)
        if backward_layer is None:
            bcfg = serialize_keras_object(layer)
            bcfg["config"] = dict(bcfg["config"], name="backward_" + layer.name,
                                  go_backwards=not layer.go_backwards)
            self.backward_layer = deserialize_keras_object(bcfg)
        else:
            self.backward_layer = backward_layer
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self._initial_weights = weights

    def get_config(self):
        from .._saving import serialize_keras_object
        config = super().get_config()
        config["merge_mode"] = self.merge_mode
        config["layer"] = serialize_keras_object(self.forward_layer)
        config["backward_layer"] = serialize_keras_object(self.backward_layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from .._saving import deserialize_config, deserialize_keras_object
        config = dict(config)
        layer = deserialize_keras_object(config.pop("layer"), custom_objects)
        backward = config.pop("backward_layer", None)
        if backward is not None:
            backward = deserialize_keras_object(backward, custom_objects)
        obj = cls(layer, backward_layer=backward, **deserialize_config(config))
        return obj

    def build(self, input_shape):
        for layer in (self.forward_layer, self.backward_layer):
            layer._build_input_shape = input_shape
            layer._maybe_build(input_shape)
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)

    def _saving_children(self):
        return [("backward_layer", self.backward_layer), ("forward_layer", self.forward_layer)]

    def call(self, sequences, initial_state=None, mask=None, training=False):
        kw = {"mask": mask, "training": training}
        if initial_state is not None:
            half = len(initial_state) // 2
            fw = self.forward_layer(sequences, initial_state=initial_state[:half], **kw)
            bw = self.backward_layer(sequences, initial_state=initial_state[half:], **kw)
        else:
            fw = self.forward_layer(sequences, **kw)
            bw = self.backward_layer(sequences, **kw)
        if self.return_state:
            fw_states, bw_states = fw[1:], bw[1:]
            fw, bw = fw[0], bw[0]
        if self.return_sequences:
            bw = A.reverse(bw, [1])
        if self.merge_mode == "concat":
            out = A.concat([fw, bw], axis=-1)
        elif self.merge_mode == "sum":
            out = fw + bw
        elif self.merge_mode == "ave":
            out = (fw + bw) / 2.0
        elif self.merge_mode == "mul":
            out = fw * bw
        else:
            out = [fw, bw]
        if self.return_state:
            if self.merge_mode is None:
                return out + list(fw_states) + list(bw_states)
            return [out] + list(fw_states) + list(bw_states)
        return out

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        out = mask if self.return_sequences else None
        if self.return_state:
            n = len(self.forward_layer.cell.state_size) if isinstance(
                self.forward_layer.cell.state_size, list) else 1
            return [out] + [None] * (2 * n)
        return out


class TimeDistributed(Layer):
    """Applies `layer` to every timestep: (batch, time, ...) -> (batch, time, ...)."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(f"Please initialize `TimeDistributed` layer with a `keras.layers."
                             f"Layer` instance. Received: {layer}")
        super().__init__(**kwargs)
        self.layer = layer
        self.supports_masking = True

    def get_config(self):
        from .._saving import serialize_keras_object
        config = super().get_config()
        config["layer"] = serialize_keras_object(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from .._saving import deserialize_config, deserialize_keras_object
        config = dict(config)
        layer = deserialize_keras_object(config.pop("layer"), custom_objects)
        return cls(layer, **deserialize_config(config))

    def build(self, input_shape):
        inner = (input_shape[0],) + tuple(input_shape[2:])
        if not self.layer.built:
            self.layer._build_input_shape = inner
            self.layer._maybe_build(inner)

    def _saving_children(self):
        return [("layer", self.layer)]

    def call(self, inputs, training=None, mask=None):
        shape = inputs.shape.as_list()
        flat = A.reshape(inputs, [shape[0] * shape[1]] + shape[2:])
        from .base import _accepts
        kw = {"training": training} if training is not None and \
            _accepts(self.layer.call, "training") else {}
        y = self.layer(flat, **kw)
        ys = y.shape.as_list()
        return A.reshape(y, [shape[0], shape[1]] + ys[1:])



