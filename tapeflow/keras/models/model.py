"""`tf.keras.Model`: a layer that trains (`compile`, `fit`, `evaluate`, `predict`), in its three
forms: subclassed (override `call`), functional (`Model(inputs, outputs)`) and `Sequential`.

The steps that `fit`, `evaluate` and `predict` run are made by `make_train_function()`,
`make_test_function()` and `make_predict_function()`, as in Keras 3's TF backend: unless
`compile(run_eagerly=True)`, each step runs as a `tf.function` (traced once per batch shape and
structure, without AutoGraph), up to `steps_per_execution` steps per call between callbacks.
Under a distribution strategy with several replicas the replicas run the step eagerly, each in
its thread. `jit_compile=True` is accepted (there is no XLA: the traced plan runs either way).

    >>> model = tf.keras.Sequential([tf.keras.Input((2,)),
    ...                              tf.keras.layers.Dense(1, kernel_initializer="ones")])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> history = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=2, verbose=0)
    >>> [round(v, 4) for v in history.history["loss"]]
    [1.0, 0.8836]
"""
import numpy as np

from ... import nest
from ...framework.tape import GradientTape
from ...framework.tensor import Tensor, convert_to_tensor
from ...ops import math_ops as M
from .. import backend
from .. import metrics as metrics_module
from ..layers import base as layer_base
from ..layers.base import Layer
from . import compile_utils, functional
from . import data as data_adapter
from .functional import InputLayer, KerasTensor


def _distribute_lib():
    import sys
    return sys.modules.get("tapeflow.distribute.distribute_lib")


def _unscaled(loss):
    """Keras 3's `unscale_loss_for_distribution`: losses computed on a replica are scaled by
    1 / num_replicas_in_sync (see `losses.reduce_values`); the loss tracker gets them back."""
    dl = _distribute_lib()
    n = dl.num_replicas_in_sync() if dl is not None else 1
    return loss if n == 1 else loss * np.asarray(n, loss.dtype.as_numpy_dtype)


def _pythonify(logs):
    out = {}
    for k, v in sorted((logs or {}).items()):
        if isinstance(v, dict):
            out.update(_pythonify(v))
        else:
            try:
                out[k] = float(v.numpy() if hasattr(v, "numpy") else v)
            except (TypeError, ValueError):
                out[k] = v
    return out


class Model(Layer):
    """A trainable stack of layers. Subclass it and define `call`, or build it functionally:

    >>> inputs = tf.keras.Input((3,))
    >>> outputs = tf.keras.layers.Dense(2)(inputs)
    >>> tf.keras.Model(inputs, outputs).output_shape
    (None, 2)
    """

    def __new__(cls, *args, **kwargs):
        if cls is Model and (len(args) >= 2 or "inputs" in kwargs or
                             (len(args) == 1 and "outputs" in kwargs)):
            return object.__new__(Functional)
        return object.__new__(cls)

    def __init__(self, *args, **kwargs):
        trainable = kwargs.pop("trainable", True)
        name = kwargs.pop("name", None)
        dtype = kwargs.pop("dtype", None)
        if args or kwargs:
            unknown = {k for k in kwargs if k not in ("inputs", "outputs")}
            if unknown or args:
                raise TypeError(f"Model.__init__() got unexpected arguments {args} {kwargs}")
        super().__init__(trainable=trainable, name=name, dtype=dtype)
        self._init_training_state()

    def _init_training_state(self):
        self.compiled = False  # `optimizer` exists once compile() has set it, as in Keras
        self.loss = None
        self._compile_loss = None
        self._compile_metrics = None
        self._loss_tracker = None
        self._run_eagerly = False
        self._jit_compile = False
        self.train_function = self.test_function = self.predict_function = None
        self.stop_training = False
        self.history = None
        self._initial_epoch = None
        self.steps_per_execution = 1
        dl = _distribute_lib()
        self._distribute_strategy = dl.get_strategy() if dl is not None and dl.has_strategy() \
            else None

    @property
    def distribute_strategy(self):
        """The `tf.distribute` strategy the model was created under (else the current one)."""
        if self._distribute_strategy is not None:
            return self._distribute_strategy
        from ... import distribute
        return distribute.get_strategy()

    def _distributed(self):
        """The strategy when fit/evaluate/predict must run each step on several replicas."""
        s = self._distribute_strategy
        return s if s is not None and s.num_replicas_in_sync > 1 else None

    # -- structure -----------------------------------------------------------------------------
    @property
    def layers(self):
        from .functional import Operation
        return [layer for layer in self._layers if not isinstance(layer, Operation)]

    def get_layer(self, name=None, index=None):
        """A layer by `name` or by `index` into `model.layers`."""
        if index is not None and name is not None:
            raise ValueError(f"Provide only a layer name or a layer index. Received: "
                             f"index={index}, name={name}.")
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(f"Was asked to retrieve layer at index {index} but model only "
                                 f"has {len(self.layers)} layers.")
            return self.layers[index]
        if name is not None:
            for layer in self.layers:
                if layer.name == name:
                    return layer
            raise ValueError(f"No such layer: {name}. Existing layers are: "
                             f"{[layer.name for layer in self.layers]}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        """Prints Keras 3's table of layers, output shapes and parameter counts."""
        from .summary import print_summary
        print_summary(self, line_length, positions, print_fn, expand_nested, show_trainable,
                      layer_range)

    # -- compile ---------------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly=False, steps_per_execution=1,
                jit_compile="auto", auto_scale_loss=True):
        """Sets the optimizer, loss(es) and metrics that `fit` and `evaluate` use."""
        from .. import optimizers
        if loss_weights is not None and not isinstance(loss_weights, (list, tuple, dict, float,
                                                                      int)):
            raise TypeError(f"Expected `loss_weights` argument to be a float (single output "
                            f"case) or a list, tuple, or dict. Received instead: "
                            f"loss_weights={loss_weights} of type {type(loss_weights)}")
        self.optimizer = optimizers.get(optimizer)
        if auto_scale_loss and self.optimizer is not None and \
                getattr(self.dtype_policy, "name", None) == "mixed_float16":
            from ..mixed_precision import LossScaleOptimizer
            if not isinstance(self.optimizer, LossScaleOptimizer):
                self.optimizer = LossScaleOptimizer(self.optimizer, name="loss_scale_optimizer")
        self.loss = loss
        names = self._output_names()
        self._compile_loss = (compile_utils.CompileLoss(loss, loss_weights, names)
                              if loss is not None else None)
        self._compile_metrics = (compile_utils.CompileMetrics(metrics, weighted_metrics, names)
                                 if metrics is not None or weighted_metrics is not None else None)
        self._loss_tracker = metrics_module.Mean(name="loss")
        if jit_compile == "auto":
            jit_compile = False  # Keras: no XLA on CPU-only machines
        if jit_compile and run_eagerly:
            jit_compile = False
            import warnings
            warnings.warn("If `run_eagerly` is True, then `jit_compile` cannot also be True. "
                          "Disabling `jit_compile`.", stacklevel=2)
        self._jit_compile = jit_compile
        self._run_eagerly = run_eagerly
        self.steps_per_execution = steps_per_execution
        self._compile_config = {"optimizer": optimizer, "loss": loss,
                                "loss_weights": loss_weights, "metrics": metrics,
                                "weighted_metrics": weighted_metrics,
                                "run_eagerly": run_eagerly,
                                "steps_per_execution": steps_per_execution,
                                "jit_compile": jit_compile}
        self.train_function = self.test_function = self.predict_function = None
        self.compiled = True

    def _output_names(self):
        return None

    run_eagerly = property(lambda self: self._run_eagerly,
                           lambda self, v: setattr(self, "_run_eagerly", v))
    jit_compile = property(lambda self: self._jit_compile,
                           lambda self, v: setattr(self, "_jit_compile", v))

    @property
    def metrics(self):
        """The loss tracker, the compiled metrics, per-output loss trackers, then metrics the
        model and its layers track."""
        out = []
        if self.compiled:
            if self._loss_tracker is not None:
                out.append(self._loss_tracker)
            if self._compile_metrics is not None:
                out.append(self._compile_metrics)
            if self._compile_loss is not None:
                out.extend(self._compile_loss.metrics)
        out.extend(self._metrics)
        for layer in self._flatten_layers(include_self=False):
            if isinstance(layer, Model):
                continue
            out.extend(layer._metrics)
        return out

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self):
        return [v for m in self.metrics for v in m.variables]

    def reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    def get_metrics_result(self):
        s = self._distributed()
        if s is not None and s.extended._in_multi_worker_mode() and \
                _distribute_lib().current_replica() is None:
            # metric states are per worker: read their sums over the workers
            with s.extended._summed_over_workers(self.metrics_variables):
                return self._local_metrics_result()
        return self._local_metrics_result()

    def _local_metrics_result(self):
        out = {}
        for m in self.metrics:
            r = m.result()
            if isinstance(r, dict):
                out.update(r)
            else:
                out[m.name] = r
        return out

    def _assert_compiled(self, method):
        if not self.compiled:
            raise ValueError(f"You must call `compile()` before using the model. (called from "
                             f"`{method}()`)" if method != "fit" else
                             "You must call `compile()` before using the model.")

    # -- steps -----------------------------------------------------------------------------------
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss plus `self.losses` (add_loss and regularizers)."""
        losses = []
        if self._compile_loss is not None:
            value = self._compile_loss(y, y_pred, sample_weight)
            if value is not None:
                losses.append(value)
        for extra in self.losses:
            extra = convert_to_tensor(extra)
            if not extra.dtype.is_floating:
                extra = M.cast(extra, "float32")
            losses.append(M.reduce_sum(extra))
        if not losses:
            raise ValueError("No loss to compute. Provide a `loss` argument in `compile()`.")
        total = losses[0]
        for v in losses[1:]:
            total = total + v
        return total

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def _call_training(self, x, training):
        if layer_base._accepts(self.call, "training"):
            return self(x, training=training)
        return self(x)

    def train_step(self, data):
        """One optimizer step on a batch; returns the logs (metric values so far)."""
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self._call_training(x, True)
            loss = self._compute_loss_compat(x, y, y_pred, sample_weight, True)
            self._loss_tracker.update_state(_unscaled(loss), sample_weight=_batch_size(x))
            if self.optimizer is not None:
                loss = self.optimizer.scale_loss(loss)
        weights = self.trainable_weights
        if weights:
            grads = tape.gradient(loss, weights)
            self.optimizer.apply_gradients(zip(grads, weights))
            for v in weights:
                c = getattr(v, "constraint", None)
                if c is not None:
                    v.assign(c(v))
        else:
            import warnings
            warnings.warn("The model does not have any trainable weights.", stacklevel=2)
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def test_step(self, data):
        x, y, sample_weight = data_adapter.unpack_x_y_sample_weight(data)
        y_pred = self._call_training(x, False)
        loss = self._compute_loss_compat(x, y, y_pred, sample_weight, False)
        self._loss_tracker.update_state(_unscaled(loss), sample_weight=_batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def predict_step(self, data):
        x, _, _ = data_adapter.unpack_x_y_sample_weight(data)
        return self._call_training(x, False)

    def _compute_loss_compat(self, x, y, y_pred, sample_weight, training):
        if layer_base._accepts(self.compute_loss, "training"):
            return self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                     training=training)
        return self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)

    def _make_function(self, step_function):
        """The function fit/evaluate call once per execution: it takes up to
        `steps_per_execution` batches from an iterator and runs `step_function` on each, as
        Keras' TF backend does. Unless `run_eagerly`, the step runs as a `tf.function` (traced
        once per batch shape and structure, without AutoGraph, as Keras marks it
        `do_not_convert`); `jit_compile` is handed to `tf.function`, which has no XLA here: the
        traced plan is what runs either way."""
        one_step_on_data = self._on_replicas(step_function, True)
        if not self.run_eagerly and self._distributed() is None:
            one_step_on_data = _traced_step(one_step_on_data, self.jit_compile)

        def function(iterator):
            outputs = None
            for _, data in zip(range(self.steps_per_execution), iterator):
                outputs = one_step_on_data(data)
            if outputs is None:
                raise StopIteration
            return outputs
        function.step_function = one_step_on_data
        return function

    def make_train_function(self, force=False):
        """`self.train_function`: runs `train_step` on the next batches of an iterator."""
        if self.train_function is None or force:
            self.train_function = self._make_function(self.train_step)
        return self.train_function

    def make_test_function(self, force=False):
        """`self.test_function`: runs `test_step` on the next batches of an iterator."""
        if self.test_function is None or force:
            self.test_function = self._make_function(self.test_step)
        return self.test_function

    def make_predict_function(self, force=False):
        """`self.predict_function`: the outputs of `predict_step` on a list of batches (one per
        step of the execution), concatenated."""
        if self.predict_function is not None and not force:
            return self.predict_function
        step = self.predict_step
        if not self.run_eagerly and self.jit_compile and self._distributed() is None:
            step = _tf_function(step, True)
        one_step = self._on_replicas(step, False)

        def multi_step_on_data(data):
            outputs = one_step(data[0])
            for single_step_data in data[1:]:
                step_outputs = one_step(single_step_data)
                outputs = nest.map_structure(lambda a, b: _concat([a, b]), outputs,
                                             step_outputs)
            return outputs
        if not self.run_eagerly and self._distributed() is None:
            multi_step_on_data = _tf_function(multi_step_on_data, False)
        self.predict_function = multi_step_on_data
        return self.predict_function

    def _on_replicas(self, step, returns_logs):
        """`step` as is, or, under a strategy with several replicas, run on each replica's part
        of the batch (`strategy.run`); the logs are then read once all replicas are done, and
        predictions are put back together in batch order."""
        strategy = self._distributed()
        if strategy is None:
            return step

        def distributed_step(batch):
            outputs = strategy.run(step, args=(strategy.extended._split_batch(batch),))
            if returns_logs:
                return self.get_metrics_result()
            return strategy.extended._concat_replicas(outputs)
        return distributed_step

    _make_train_function = make_train_function

    # -- fit / evaluate / predict ------------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1):
        """Trains for `epochs` epochs; returns the `History` callback."""
        from .. import callbacks as callbacks_module
        self._assert_compiled("fit")
        if validation_split and validation_data is None:
            if data_adapter.is_dataset_like(x) or not data_adapter._is_array_structure(x):
                raise ValueError("`validation_split` is only supported for Tensors or NumPy "
                                 "arrays.")
            (x, y, sample_weight), validation_data = data_adapter.train_validation_split(
                (x, y, sample_weight), validation_split)
        if validation_data is not None:
            val_x, val_y, val_sw = data_adapter.unpack_x_y_sample_weight(validation_data)
        iterator = data_adapter.EpochIterator(x, y, sample_weight, batch_size, steps_per_epoch,
                                              shuffle, class_weight, self.steps_per_execution)
        if not isinstance(callbacks, callbacks_module.CallbackList):
            callbacks = callbacks_module.CallbackList(
                callbacks, add_history=True, add_progbar=verbose != 0, model=self,
                verbose=verbose, epochs=epochs, steps=iterator.num_batches)
        self.stop_training = False
        self.make_train_function()
        callbacks.on_train_begin()
        training_logs = None
        logs = {}
        initial_epoch = self._initial_epoch or initial_epoch
        val_iterator = None
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            with iterator.catch_stop_iteration():
                for begin_step, end_step, batches in iterator:
                    callbacks.on_train_batch_begin(begin_step)
                    logs = self.train_function(batches)
                    callbacks.on_train_batch_end(end_step, logs)
                    if self.stop_training:
                        break
            epoch_logs = dict(self._metrics_or_logs(logs))
            if validation_data is not None and _should_eval(epoch, validation_freq):
                if val_iterator is None:
                    val_iterator = data_adapter.EpochIterator(
                        val_x, val_y, val_sw, validation_batch_size or batch_size,
                        validation_steps, False, steps_per_execution=self.steps_per_execution)
                val_logs = self.evaluate(val_x, val_y, sample_weight=val_sw,
                                         batch_size=validation_batch_size or batch_size,
                                         steps=validation_steps, callbacks=callbacks,
                                         return_dict=True, _iterator=val_iterator)
                epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if self.stop_training:
                break
        callbacks.on_train_end(logs=training_logs)
        return self.history

    def _metrics_or_logs(self, logs):
        result = self.get_metrics_result()
        if isinstance(logs, dict) and set(logs) == set(result):
            return result
        return logs

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False, **kwargs):
        """The loss and metrics over the data: a scalar, a list in `metrics_names` order, or a
        dict with `return_dict=True`."""
        from .. import callbacks as callbacks_module
        self._assert_compiled("evaluate")
        iterator = kwargs.pop("_iterator", None)
        if kwargs:
            raise ValueError(f"Arguments not recognized: {kwargs}")
        if iterator is None:
            iterator = data_adapter.EpochIterator(x, y, sample_weight, batch_size, steps, False,
                                                  steps_per_execution=self.steps_per_execution)
        else:
            iterator.reset()
        if not isinstance(callbacks, callbacks_module.CallbackList):
            callbacks = callbacks_module.CallbackList(
                callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1,
                steps=iterator.num_batches)
        self.make_test_function()
        self.stop_evaluating = False
        callbacks.on_test_begin()
        logs = {}
        self.reset_metrics()
        with iterator.catch_stop_iteration():
            for begin_step, end_step, batches in iterator:
                callbacks.on_test_batch_begin(begin_step)
                logs = self.test_function(batches)
                callbacks.on_test_batch_end(end_step, logs)
                if self.stop_evaluating:
                    break
        logs = _pythonify(self._metrics_or_logs(logs))
        callbacks.on_test_end(logs)
        if return_dict:
            return logs
        return self._flatten_in_order(logs)

    def _flatten_in_order(self, logs):
        names = []
        for m in self.metrics:
            if isinstance(m, compile_utils.CompileMetrics):
                names += [getattr(s, "_base_name", s.name) for s in m.metrics]
            else:
                names.append(m.name)
        out = [logs[n] for n in names if n in logs]
        out += [logs[k] for k in sorted(logs) if k not in names]
        return out[0] if len(out) == 1 else out

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The model's outputs on `x`, batch by batch, as NumPy arrays."""
        from .. import callbacks as callbacks_module
        iterator = data_adapter.EpochIterator(x, None, None, batch_size, steps, False,
                                              steps_per_execution=self.steps_per_execution)
        if not isinstance(callbacks, callbacks_module.CallbackList):
            callbacks = callbacks_module.CallbackList(
                callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1,
                steps=iterator.num_batches)

        def get_data(it):
            """The batches of the next execution (fewer at the end of the data)."""
            data = []
            for _ in range(self.steps_per_execution):
                try:
                    batch = next(it)
                except StopIteration:
                    if data:
                        return data
                    raise
                if iterator.kind != "arrays":
                    bx, _, _ = data_adapter.unpack_x_y_sample_weight(batch)
                    batch = (bx,)
                data.append(batch)
            return data

        self.make_predict_function()
        self.stop_predicting = False
        callbacks.on_predict_begin()
        outputs = None
        with iterator.catch_stop_iteration():
            for begin_step, end_step, it in iterator:
                callbacks.on_predict_batch_begin(begin_step)
                out = self.predict_function(get_data(it))
                flat = [np.asarray(t._value) if isinstance(t, Tensor) else np.asarray(t)
                        for t in nest.flatten(out)]
                if outputs is None:
                    structure = out
                    outputs = [[a] for a in flat]
                else:
                    for acc, a in zip(outputs, flat):
                        acc.append(a)
                callbacks.on_predict_batch_end(end_step,
                                               {"outputs": nest.pack_sequence_as(out, flat)})
                if self.stop_predicting:
                    break
        callbacks.on_predict_end()
        if outputs is None:
            raise ValueError("Unexpected result of `predict_function` (Empty batch_outputs). "
                             "Please use `Model.compile(..., run_eagerly=True)`, or "
                             "`tf.config.run_functions_eagerly(True)` for more information of "
                             "where went wrong, or file a issue/bug to `tf.keras`.")
        return nest.pack_sequence_as(structure, [np.concatenate(a, 0) for a in outputs])

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       return_dict=False):
        """One optimizer step on one batch; returns the loss and metrics (of this batch)."""
        self._assert_compiled("train_on_batch")
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError(f"Arguments `sample_weight` and `class_weight` cannot be "
                                 f"specified at the same time. Received: "
                                 f"sample_weight={sample_weight}, class_weight={class_weight}")
            sample_weight = data_adapter.class_weight_to_sample_weight(y, class_weight)
        self.reset_metrics()
        self.make_train_function()
        logs = self.train_function(iter([_batch_tensors(x, y, sample_weight)]))
        logs = _pythonify(logs)
        return logs if return_dict else self._flatten_in_order(logs)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._assert_compiled("test_on_batch")
        self.reset_metrics()
        self.make_test_function()
        logs = _pythonify(self.test_function(iter([_batch_tensors(x, y, sample_weight)])))
        return logs if return_dict else self._flatten_in_order(logs)

    def predict_on_batch(self, x):
        self.make_predict_function()
        out = self.predict_function([(_tensors(x),)])
        return nest.map_structure(lambda t: np.asarray(t._value) if isinstance(t, Tensor)
                                  else t, out)

    # -- saving ---------------------------------------------------------------------------------
    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """Saves the model to a Keras 3 `.keras` zip (config, weights, metadata)."""
        from ...training.checkpoint import _all_workers_reach, multi_worker
        from .. import _saving as saving
        writer, strategy = multi_worker()  # multi-worker: the chief writes
        if writer:
            saving.save_model(self, filepath, overwrite=overwrite, **kwargs)
        _all_workers_reach(strategy)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        """Writes the weights to a Keras 3 `.weights.h5` file."""
        from ...training.checkpoint import _all_workers_reach, multi_worker
        from .. import _saving as saving
        writer, strategy = multi_worker()  # multi-worker: the chief writes
        if writer:
            saving.save_weights(self, filepath, overwrite=overwrite)
        _all_workers_reach(strategy)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        """Reads weights from a `.weights.h5` (or `.keras`) file."""
        from .. import _saving as saving
        saving.load_weights(self, filepath, skip_mismatch=skip_mismatch)

    def to_json(self, **kwargs):
        import json

        from .. import _saving as saving
        return json.dumps(saving.serialize_keras_object(self), **kwargs)

    def get_compile_config(self):
        if not self.compiled:
            return None
        from .. import _saving as saving
        cfg = dict(self._compile_config)
        cfg["optimizer"] = self.optimizer
        return {k: saving.serialize_keras_object(v) if not isinstance(v, (str, type(None),
                                                                          bool, int, float))
                else v for k, v in cfg.items()}

    def compile_from_config(self, config):
        from .. import _saving as saving
        config = {k: saving.deserialize_keras_object(v) if isinstance(v, dict) and
                  "class_name" in v else v for k, v in config.items()}
        self.compile(**config)

    def get_config(self):
        config = super().get_config()
        return {"name": config["name"], "trainable": config["trainable"]}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        if "layers" in config and "input_layers" in config:
            from .._saving import functional_from_config
            return functional_from_config(config, custom_objects)
        return cls(**config)


def _traced_step(step, jit_compile):
    """`step(data)` as a `tf.function`. A batch that is a tuple (the usual `(x, y)` or
    `(x, y, sample_weight)`) is handed over as one argument per element, so a tuple of tensors
    takes tf.function's fast call path for flat tensor arguments; `step` still receives the
    same tuple. Other batches (a lone tensor, a dict) go through a tf.function of `data`."""
    def spread_step(*data):
        return step(data)
    spread_step.__name__ = spread_step.__qualname__ = step.__name__
    spread = _tf_function(spread_step, jit_compile)
    whole = _tf_function(step, jit_compile)

    def traced(data):
        if type(data) is tuple:
            return spread(*data)
        return whole(data)
    traced.functions = (spread, whole)
    traced.experimental_get_tracing_count = lambda: (
        spread.experimental_get_tracing_count() + whole.experimental_get_tracing_count())
    return traced


def _tf_function(fn, jit_compile):
    from ...function import function
    return function(fn, autograph=False, jit_compile=jit_compile)


def _concat(values):
    from ...ops import array_ops
    return array_ops.concat(values, 0)


def _should_eval(epoch, freq):
    epoch += 1
    if isinstance(freq, int):
        return epoch % freq == 0
    if isinstance(freq, list):
        return epoch in freq
    raise ValueError(f"Expected `validation_freq` to be a list or int. Received: "
                     f"validation_freq={freq} of the type {type(freq)}.")


def _tensors(x):
    if x is None:
        return None
    return nest.map_structure(lambda a: a if isinstance(a, Tensor) else convert_to_tensor(a), x)


def _batch_tensors(x, y, sw):
    return (_tensors(x), _tensors(y), _tensors(sw))


def _batch_size(x):
    """Keras' `tf.shape(first input)[0]`: an int when static, else a scalar tensor."""
    for t in nest.flatten(x):
        if t is not None and hasattr(t, "shape"):
            return backend.dim(t, 0)
    return 1


class Functional(Model):
    """A model defined by a graph of layer calls from `inputs` to `outputs`."""

    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        Layer.__init__(self, trainable=trainable, name=name or backend.auto_name("functional"),
                       **kwargs)
        self._init_training_state()
        self._init_graph(inputs, outputs)

    def _init_graph(self, inputs, outputs):
        if isinstance(inputs, dict):
            for _k, kt in inputs.items():
                if not isinstance(kt, KerasTensor):
                    raise ValueError(f"All `inputs` values must be KerasTensors. Received: "
                                     f"inputs={inputs} including invalid value {kt} of type "
                                     f"{type(kt)}")
        if isinstance(inputs, (list, tuple)) and len(inputs) == 1 and \
                not isinstance(outputs, dict):
            inputs = inputs[0] if isinstance(inputs, list) and False else inputs
        for kt in nest.flatten(inputs):
            if not isinstance(kt, KerasTensor):
                raise ValueError(f"All `inputs` values must be KerasTensors. Received: "
                                 f"inputs={inputs} including invalid value {kt} of type "
                                 f"{type(kt)}")
        for kt in nest.flatten(outputs):
            if not isinstance(kt, KerasTensor):
                raise ValueError(f"All `outputs` values must be KerasTensors. Received: "
                                 f"outputs={outputs} including invalid value {kt} of type "
                                 f"{type(kt)}")
        self._inputs_struct, self._outputs_struct = inputs, outputs
        self._nodes, operations, self._node_depth = functional.map_graph(inputs, outputs)
        object.__setattr__(self, "_layers", list(operations))
        self.built = True
        self._build_input_shape = functional._shape_structure(inputs)
        self._build_output_shape = functional._shape_structure(outputs)

    @property
    def inputs(self):
        return nest.flatten(self._inputs_struct)

    @property
    def outputs(self):
        return nest.flatten(self._outputs_struct)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_shape(self):
        return functional._shape_structure(self._inputs_struct)

    @property
    def output_shape(self):
        return functional._shape_structure(self._outputs_struct)

    def _output_names(self):
        if isinstance(self._outputs_struct, dict):
            return list(self._outputs_struct)
        return [kt._keras_history.operation.name for kt in nest.flatten(self._outputs_struct)]

    def call(self, inputs, training=None, mask=None):
        return functional.run_graph(self, inputs, training=training, mask=mask)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        from .._saving import functional_config
        return functional_config(self)


class Sequential(Model):
    """A linear stack of layers.

    >>> model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu"),
    ...                              tf.keras.layers.Dense(1)])
    >>> model(tf.ones((2, 3))).shape
    TensorShape([2, 1])
    """

    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)

    def __init__(self, layers=None, trainable=True, name=None):
        Layer.__init__(self, trainable=trainable, name=name or backend.auto_name("sequential"))
        self._init_training_state()
        self._input_layer = None
        self._graph = None
        for layer in layers or ():
            self.add(layer, rebuild=False)
        self._maybe_rebuild()

    @property
    def layers(self):
        return [layer for layer in self._layers if not isinstance(layer, InputLayer)]

    def add(self, layer, rebuild=True):
        """Appends a layer (or a `keras.Input`, which fixes the input shape)."""
        if isinstance(layer, KerasTensor):
            layer = layer._keras_history.operation
        if not isinstance(layer, Layer):
            raise ValueError(f"Only instances of `keras.Layer` can be added to a Sequential "
                             f"model. Received: {layer} (of type {type(layer)})")
        if isinstance(layer, InputLayer):
            if self._layers and isinstance(self._layers[0], InputLayer):
                raise ValueError(f"Sequential model '{self.name}' has already been configured "
                                 f"to use input shape {self._layers[0].batch_shape}. You cannot "
                                 f"add a different Input layer to it.")
            self._layers.insert(0, layer)
        else:
            names = [x.name for x in self._layers]
            if layer.name in names:
                raise ValueError(f"All layers added to a Sequential model should have unique "
                                 f"names. Name '{layer.name}' is already the name of a layer in "
                                 f"this model. Update the `name` argument to pass a unique name.")
            self._layers.append(layer)
        self.built = False
        self._graph = None
        if rebuild:
            self._maybe_rebuild()

    def pop(self, rebuild=True):
        layers = self.layers
        if not layers:
            raise TypeError("There are no layers in the model.")
        layer = layers[-1]
        self._layers.remove(layer)
        self.built = False
        self._graph = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self):
        if self._layers and isinstance(self._layers[0], InputLayer) and len(self._layers) > 1:
            self.build(self._layers[0].batch_shape)
        elif self._layers and self._layers[0]._input_shape_arg is not None:
            self.build((None,) + tuple(self._layers[0]._input_shape_arg))

    def build(self, input_shape=None):
        """Builds every layer by calling the stack on a symbolic input of `input_shape`."""
        if input_shape is None:
            return
        if isinstance(input_shape, dict) or (isinstance(input_shape, list) and input_shape and
                                             isinstance(input_shape[0], (list, tuple))):
            raise ValueError(f"Sequential model '{self.name}' cannot be built because it has "
                             f"multiple inputs. Received: input_shape={input_shape}")
        input_shape = tuple(input_shape)
        if not self._layers or not isinstance(self._layers[0], InputLayer):
            first_dtype = None
            layer = InputLayer(batch_shape=input_shape, dtype=first_dtype)
            self._layers.insert(0, layer)
        inp = self._layers[0].output_tensor
        x = inp
        for layer in self.layers:  # build() already runs in the model's name scope
            x = layer(x)
        self._graph = (inp, x)
        backend.auto_name("functional")  # Keras builds an inner Functional here (its name)
        self._build_input_shape = input_shape
        self._build_output_shape = tuple(x.shape) if isinstance(x, KerasTensor) else None
        self.built = True

    def _maybe_build(self, shape):
        if not self.built:
            if isinstance(shape, tuple):
                self._build_from_data(shape)
            self.built = True

    def _build_from_data(self, shape):
        """A first call on data builds each layer on the data's shape (as Keras does)."""
        self._build_input_shape = shape

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self.layers:
            kwargs = {}
            if training is not None and layer_base._accepts(layer.call, "training"):
                kwargs["training"] = training
            if mask is not None and layer_base._accepts(layer.call, "mask"):
                kwargs["mask"] = mask
            y = layer(x, **kwargs)
            if mask is not None or type(layer).compute_mask is not Layer.compute_mask:
                mask = layer.compute_mask(x, mask)
            x = y
        return x

    @property
    def inputs(self):
        return [self._graph[0]] if self._graph else None

    @property
    def outputs(self):
        return [self._graph[1]] if self._graph else None

    @property
    def input(self):
        if self._graph is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined input yet.")
        return self._graph[0]

    @property
    def output(self):
        if self._graph is None:
            raise AttributeError(f"Sequential model '{self.name}' has no defined outputs yet.")
        return self._graph[1]

    @property
    def input_shape(self):
        return tuple(self._graph[0].shape) if self._graph else None

    @property
    def output_shape(self):
        if self._graph is not None:
            return tuple(self._graph[1].shape)
        raise AttributeError(f"Sequential model '{self.name}' has no defined outputs yet.")

    def _output_names(self):
        return None

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        from .._saving import serialize_keras_object
        layers = []
        for layer in self._layers:
            layers.append(serialize_keras_object(layer))
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": _policy(), "layers": layers}
        if self._build_input_shape is not None:
            config["build_input_shape"] = list(self._build_input_shape)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from .._saving import deserialize_keras_object
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for spec in config["layers"]:
            model.add(deserialize_keras_object(spec, custom_objects), rebuild=False)
        model._maybe_rebuild()
        if not model.built and config.get("build_input_shape"):
            model.build(tuple(config["build_input_shape"]))
        return model


def _policy():
    from .._saving import dtype_policy_config
    return dtype_policy_config("float32")
