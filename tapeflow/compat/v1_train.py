"""`tf.compat.v1.train`: TF1 optimizers, the global step and `Saver`.

Optimizers (`GradientDescentOptimizer`, `MomentumOptimizer`, `AdamOptimizer`,
`AdagradOptimizer`, `RMSPropOptimizer`) work on graph variables and on eager ones:
  * in a TF1 graph, `minimize(loss)` = `apply_gradients(compute_gradients(loss))` builds the
    symbolic gradients (`tf.compat.v1.gradients`) and the update operations, and returns the
    train operation (named after the optimizer) that a Session runs; slot variables
    (`w/Momentum`, `w/Adam`, `w/Adam_1`, `beta1_power`, ...) are graph variables, initialized
    by `global_variables_initializer()` built after `minimize`;
  * eagerly, `minimize(loss_fn)` differentiates the callable with a GradientTape and updates
    at once (it returns None, as TF).
The update rules are TF1's kernels' (`ResourceApplyGradientDescent`, `...Momentum`, `...Adam`
with `lr * sqrt(1 - beta2^t) / (1 - beta1^t)`, ...). IndexedSlices gradients are densified
first, which for Momentum, Adagrad and RMSProp also decays the rows a sparse update would skip.

`Saver` writes tapeflow's own checkpoint format (`training/checkpoint.py`: an `.npz` archive
with a manifest and checksums), keyed by variable names (`layer/w`), with TF1's file naming
(`prefix-<global_step>`), `checkpoint` state file and `max_to_keep`.

    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     w = tf.compat.v1.Variable(2.0)
    ...     train = tf.compat.v1.train.GradientDescentOptimizer(0.25).minimize(w * w)
    ...     init = tf.compat.v1.global_variables_initializer()
    >>> with tf.compat.v1.Session(graph=g) as sess:
    ...     _ = sess.run(init); _ = sess.run(train)
    ...     print(sess.run(w))
    1.0
"""
import os

import numpy as np

from ..framework import dtypes
from ..framework import graph as _graph
from ..framework.errors import InvalidArgumentError, NotFoundError
from ..framework.indexed_slices import IndexedSlices
from ..framework.tensor import convert_to_tensor
from ..framework.variables import ASSIGN_ADD, Variable
from . import v1_ops, v1_variables
from .v1_variables import GraphKeys, GraphVariable

# ============================================================================================
# Global step
# ============================================================================================


def get_global_step(graph=None):
    """The graph's global step variable, or None."""
    graph = graph or _graph.get_default_graph()
    items = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(items) > 1:
        raise TypeError("Multiple tensors in global_step collection.")
    return items[0] if items else None


def create_global_step(graph=None):
    """Makes the graph's global step: an int64 variable `global_step` starting at 0."""
    graph = graph or _graph.get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError("\"global_step\" already exists.")
    if _graph.building_graph() is None:
        v = Variable(np.int64(0), trainable=False, name="global_step")
        return v
    with v1_variables._Scope(graph, ""):
        v = GraphVariable(np.int64(0), trainable=False, name="global_step",
                          collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
                          _absolute_name=True)
    return v


def get_or_create_global_step(graph=None):
    return get_global_step(graph) or create_global_step(graph)


def global_step(sess, global_step_tensor):
    """The global step's value in `sess` (an int)."""
    return int(sess.run(global_step_tensor))


def assert_global_step(global_step_tensor):
    if not (isinstance(global_step_tensor, (Variable,)) and
            global_step_tensor.dtype.is_integer):
        raise TypeError(f"Existing \"global_step\" does not have integer type: "
                        f"{global_step_tensor!r}")


# ============================================================================================
# Optimizers
# ============================================================================================
def _value(x):
    return x() if callable(x) else x


class Optimizer:
    """The TF1 optimizer base (`tf.compat.v1.train.Optimizer`)."""

    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots = {}  # slot name -> {id(var): slot variable}
        self._non_slot = {}  # (name, graph id) -> variable

    def get_name(self):
        return self._name

    # -- gradients -------------------------------------------------------------------------------
    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                          aggregation_method=None, colocate_gradients_with_ops=False,
                          grad_loss=None):
        """[(gradient, variable)] of `loss` for `var_list` (default: the trainable variables);
        eagerly `loss` must be a callable."""
        if callable(loss) and _graph.building_graph() is None:
            from ..framework.tape import GradientTape
            with GradientTape() as tape:
                if var_list is not None:
                    tape.watch(var_list)
                value = loss()
            if var_list is None:
                var_list = tape.watched_variables()
            grads = tape.gradient(value, list(var_list), output_gradients=grad_loss)
            return list(zip(grads, var_list))
        if _graph.building_graph() is None:
            raise RuntimeError("`loss` passed to Optimizer.compute_gradients should be a "
                               "function when eager execution is enabled.")
        if callable(loss):
            loss = loss()
        if var_list is None:
            var_list = v1_variables.trainable_variables() + v1_variables.get_collection(
                GraphKeys.TRAINABLE_RESOURCE_VARIABLES)
        else:
            var_list = list(var_list.values()) if isinstance(var_list, dict) else list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        from ..graph_gradients import gradients
        grads = gradients(loss, var_list, grad_ys=grad_loss)
        return list(zip(grads, var_list))

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None):
        """`apply_gradients(compute_gradients(loss))`: the train operation (None eagerly)."""
        grads_and_vars = self.compute_gradients(loss, var_list=var_list, grad_loss=grad_loss)
        if not any(g is not None for g, _ in grads_and_vars):
            names = [v.name for _, v in grads_and_vars]
            raise ValueError(f"No gradients provided for any variable, check your graph for ops "
                             f"that do not support gradients, between variables {names} and "
                             f"loss {loss}.")
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Applies the update rule to each (gradient, variable) pair; in a graph, returns the
        train operation (incrementing `global_step` after the updates, when given)."""
        pairs = [(g, v) for g, v in grads_and_vars]
        if not pairs:
            raise ValueError("No variables provided.")
        live = [(g, v) for g, v in pairs if g is not None]
        if not live:
            raise ValueError(f"No gradients provided for any variable: "
                             f"{[(str(g), v.name) for g, v in pairs]}.")
        graph = _graph.building_graph()
        if graph is None:
            self._prepare()
            for g, v in live:
                self._create_slots_for(v)
            for g, v in live:
                self._apply_dense(_dense(g), v)
            self._finish_eager()
            if global_step is not None:
                global_step.assign_add(1)
            return None
        scope_name = graph.unique_name(name or self._name)
        leaf = scope_name.rsplit("/", 1)[-1]
        for g, v in live:
            self._create_slots_for(v)
        with _graph.Graph.name_scope(graph, leaf):
            self._prepare()
            updates = []
            for g, v in live:
                vname = v.op.name if isinstance(v, GraphVariable) else v.name.split(":")[0]
                with _graph.Graph.name_scope(graph, "update_" + vname.replace("/", "_")):
                    updates.append(self._apply_dense(_dense(g), v))
            finish_deps = self._finish(updates)
        if global_step is None:
            return v1_ops.make_no_op(graph, v1_ops._ops_of(finish_deps), scope_name, exact=True)
        with _graph.Graph.name_scope(graph, leaf):
            done = v1_ops.make_no_op(graph, v1_ops._ops_of(finish_deps), "update")
        with _graph.control_dependencies([done], graph):
            return _assign_add_named(graph, global_step, scope_name)

    # -- slots -----------------------------------------------------------------------------------
    def get_slot_names(self):
        return sorted(self._slots)

    def get_slot(self, var, name):
        return self._slots.get(name, {}).get(id(var))

    def variables(self):
        out = list(self._non_slot.values())
        for name in sorted(self._slots):
            out.extend(self._slots[name].values())
        return out

    def _slot(self, var, initial, slot_name, op_name):
        table = self._slots.setdefault(slot_name, {})
        s = table.get(id(var))
        if s is None:
            s = _make_slot(var, initial, op_name)
            table[id(var)] = s
        return s

    def _zeros_slot(self, var, slot_name, op_name):
        return self._slot(var, lambda: np.zeros(var.shape.as_list(), _np_dtype(var)),
                          slot_name, op_name)

    def _non_slot_variable(self, name, initial, like):
        graph = _graph.building_graph()
        key = (name, id(graph))
        v = self._non_slot.get(key)
        if v is None:
            if graph is None:
                v = Variable(np.asarray(initial, _np_dtype(like)), trainable=False, name=name)
            else:
                with v1_variables._Scope(graph, ""), v1_variables._NoControlDependencies():
                    v = GraphVariable(np.asarray(initial, _np_dtype(like)), trainable=False,
                                      name=name, _absolute_name=True)
            self._non_slot[key] = v
        return v

    # -- the rule (subclasses) -------------------------------------------------------------------
    def _create_slots_for(self, var):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError

    def _finish(self, updates):
        return updates

    def _finish_eager(self):
        pass

    def _lr(self, var):
        return _cast(_value(self._learning_rate), var)


def _np_dtype(var):
    d = var.dtype
    return (d.base_dtype if hasattr(d, "base_dtype") else d)._np


def _cast(x, var):
    from ..ops.math_ops import cast
    dtype = dtypes.as_dtype(_np_dtype(var))
    t = convert_to_tensor(x) if not isinstance(x, (int, float)) else convert_to_tensor(
        x, dtype=dtype)
    return t if t.dtype == dtype else cast(t, dtype)


def _dense(g):
    return convert_to_tensor(g) if isinstance(g, IndexedSlices) else g


def _make_slot(var, initial, op_name):
    """A slot variable for `var` named `<var>/<op_name>` (a graph variable in a graph)."""
    graph = _graph.building_graph()
    if graph is None or not isinstance(var, GraphVariable):
        v = Variable(initial() if callable(initial) else initial, trainable=False,
                     name=var.name.split(":")[0] + "/" + op_name)
        return v
    with v1_variables._Scope(graph, ""), v1_variables._NoControlDependencies():
        return GraphVariable(initial, trainable=False, name=f"{var.op.name}/{op_name}",
                             _absolute_name=True)


def _assign_add_named(graph, var, name):
    """`var += 1` as an AssignAddVariableOp operation named exactly `name`."""
    if isinstance(var, GraphVariable):
        handle = var.handle
    else:
        raise TypeError(f"global_step must be a variable of the graph, got {var!r}")
    one = graph.constant(np.asarray(1, _np_dtype(var)), name="Const")
    op = graph._create_op(ASSIGN_ADD, "AssignAddVariableOp", (handle, one), {},
                          (one._value,), name=name, exact=True)
    return op


class GradientDescentOptimizer(Optimizer):
    """var -= learning_rate * gradient."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate

    def _apply_dense(self, grad, var):
        return var.assign_sub(self._lr(var) * grad)


class MomentumOptimizer(Optimizer):
    """accum = momentum * accum + gradient; var -= learning_rate * accum (Nesterov:
    var -= learning_rate * (gradient + momentum * accum))."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._momentum = momentum
        self._use_nesterov = use_nesterov

    def _create_slots_for(self, var):
        self._zeros_slot(var, "momentum", self._name)

    def _apply_dense(self, grad, var):
        accum = self.get_slot(var, "momentum")
        lr = self._lr(var)
        mom = _cast(_value(self._momentum), var)
        new_accum = accum.assign(accum * mom + grad)
        if _graph.building_graph() is None:
            new_accum = accum.read_value()
        if self._use_nesterov:
            return var.assign_sub(grad * lr + new_accum * mom * lr)
        return var.assign_sub(lr * new_accum)


class AdamOptimizer(Optimizer):
    """TF1's Adam: m, v slots and beta powers; var -= lr_t * m / (sqrt(v) + epsilon) with
    lr_t = learning_rate * sqrt(1 - beta2^t) / (1 - beta1^t)."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._beta1, self._beta2, self._epsilon = beta1, beta2, epsilon
        self._first_var = None

    def _create_slots_for(self, var):
        if self._first_var is None:
            self._first_var = var
        self._beta_powers(var)
        self._zeros_slot(var, "m", self._name)
        self._zeros_slot(var, "v", self._name)

    def _beta_powers(self, like):
        return (self._non_slot_variable("beta1_power", _value(self._beta1), like),
                self._non_slot_variable("beta2_power", _value(self._beta2), like))

    def _get_beta_accumulators(self):
        """(beta1_power, beta2_power) of the graph being built (else the latest made)."""
        graph = _graph.building_graph()
        found = {}
        for (name, gid), v in self._non_slot.items():
            if gid == id(graph) or name not in found:
                found[name] = v
        return found.get("beta1_power"), found.get("beta2_power")

    def _apply_dense(self, grad, var):
        from ..ops.math_ops import sqrt
        b1p, b2p = self._beta_powers(self._first_var)
        b1p, b2p = _cast(b1p, var), _cast(b2p, var)
        lr = self._lr(var)
        b1 = _cast(_value(self._beta1), var)
        b2 = _cast(_value(self._beta2), var)
        eps = _cast(_value(self._epsilon), var)
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        lr_t = lr * sqrt(1 - b2p) / (1 - b1p)
        m_t = m.assign(m * b1 + grad * (1 - b1))
        v_t = v.assign(v * b2 + (grad * grad) * (1 - b2))
        if _graph.building_graph() is None:
            m_t, v_t = m.read_value(), v.read_value()
        return var.assign_sub(lr_t * m_t / (sqrt(v_t) + eps))

    def _finish(self, updates):
        b1p, b2p = self._beta_powers(self._first_var)
        with v1_ops.graph_control_dependencies(updates):
            u1 = b1p.assign(b1p * _value(self._beta1))
            u2 = b2p.assign(b2p * _value(self._beta2))
        return [*updates, u1, u2]

    def _finish_eager(self):
        b1p, b2p = self._beta_powers(self._first_var)
        b1p.assign(b1p * _value(self._beta1))
        b2p.assign(b2p * _value(self._beta2))


class AdagradOptimizer(Optimizer):
    """accum += gradient²; var -= learning_rate * gradient / sqrt(accum)."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError(f"initial_accumulator_value must be positive: "
                             f"{initial_accumulator_value}")
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial = initial_accumulator_value

    def _create_slots_for(self, var):
        self._slot(var, lambda: np.full(var.shape.as_list(), self._initial, _np_dtype(var)),
                   "accumulator", self._name)

    def _apply_dense(self, grad, var):
        from ..ops.math_ops import sqrt
        acc = self.get_slot(var, "accumulator")
        acc_t = acc.assign_add(grad * grad)
        if _graph.building_graph() is None:
            acc_t = acc.read_value()
        return var.assign_sub(self._lr(var) * grad / sqrt(acc_t))


class RMSPropOptimizer(Optimizer):
    """ms = decay * ms + (1 - decay) * gradient²; mom = momentum * mom + learning_rate *
    gradient / sqrt(ms + epsilon); var -= mom (centered: ms - mg² under the root)."""

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10,
                 use_locking=False, centered=False, name="RMSProp"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._decay, self._momentum, self._epsilon = decay, momentum, epsilon
        self._centered = centered

    def _create_slots_for(self, var):
        self._slot(var, lambda: np.ones(var.shape.as_list(), _np_dtype(var)), "rms", self._name)
        if self._centered:
            self._zeros_slot(var, "mg", self._name)
        self._zeros_slot(var, "momentum", self._name)

    def _apply_dense(self, grad, var):
        from ..ops.math_ops import sqrt
        eager = _graph.building_graph() is None
        lr = self._lr(var)
        decay = _cast(_value(self._decay), var)
        mom_c = _cast(_value(self._momentum), var)
        eps = _cast(_value(self._epsilon), var)
        ms, mom = self.get_slot(var, "rms"), self.get_slot(var, "momentum")
        ms_t = ms.assign(ms * decay + grad * grad * (1 - decay))
        if eager:
            ms_t = ms.read_value()
        denom = ms_t
        if self._centered:
            mg = self.get_slot(var, "mg")
            mg_t = mg.assign(mg * decay + grad * (1 - decay))
            if eager:
                mg_t = mg.read_value()
            denom = ms_t - mg_t * mg_t
        mom_t = mom.assign(mom * mom_c + lr * grad / sqrt(denom + eps))
        if eager:
            mom_t = mom.read_value()
        return var.assign_sub(mom_t)


# ============================================================================================
# Saver
# ============================================================================================
def _saveables(var_list):
    """{checkpoint key: variable} for a Saver's var_list (default: the global variables)."""
    if var_list is None:
        if _graph.building_graph() is None and not _graph._graph_state.default_stack:
            raise RuntimeError("When eager execution is enabled, `var_list` must specify a list "
                               "or dict of variables to save")
        var_list = v1_variables.global_variables() + v1_variables.get_collection(
            GraphKeys.SAVEABLE_OBJECTS)
    if isinstance(var_list, dict):
        return dict(var_list)
    out = {}
    for v in var_list:
        if isinstance(v, (list, tuple)):
            for item in v:
                out[_key(item)] = item
            continue
        if not isinstance(v, Variable):
            raise TypeError(f"Variable to save is not a Variable: {v}")
        key = _key(v)
        if key in out:
            raise ValueError(f"At least two variables have the same name: {key}")
        out[key] = v
    return out


def _key(v):
    if isinstance(v, GraphVariable):
        return v.op.name
    return v.name.split(":")[0]


class Saver:
    """Saves and restores variables (TF1's `tf.compat.v1.train.Saver`) in tapeflow's checkpoint
    format (see the module docstring). Graph variables are read from and written to the given
    session; eager variables directly."""

    def __init__(self, var_list=None, reshape=False, sharded=False, max_to_keep=5,
                 keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False,
                 saver_def=None, builder=None, defer_build=False, allow_empty=False,
                 write_version=2, pad_step_number=False, save_relative_paths=False,
                 filename=None):
        if saver_def is not None:
            raise NotImplementedError("tf.compat.v1.train.Saver(saver_def=...): TF's SaverDef "
                                      "protocol buffers")
        self._var_list = var_list
        self._vars = None if defer_build else _saveables(var_list)
        if self._vars is not None and not self._vars and not allow_empty:
            raise ValueError("No variables to save")
        self._max_to_keep = max_to_keep
        self._pad = pad_step_number
        self._last = []

    def build(self):
        if self._vars is None:
            self._vars = _saveables(self._var_list)

    @property
    def last_checkpoints(self):
        return list(self._last)

    def set_last_checkpoints_with_time(self, last_checkpoints_with_time):
        self._last = [p for p, _ in last_checkpoints_with_time]

    def recover_last_checkpoints(self, checkpoint_paths):
        from ..training.checkpoint import _file_for
        self._last = [p for p in checkpoint_paths if os.path.exists(_file_for(p))]

    def _values(self, sess):
        out = {}
        for key, v in self._vars.items():
            if isinstance(v, GraphVariable):
                if sess is None:
                    raise ValueError("a session is needed to save TF1 graph variables")
                value = sess._values.get(id(v))
                if value is None:
                    raise v1_variables._uninitialized(v)
                out[key] = np.asarray(value)
            else:
                out[key] = np.asarray(v.numpy())
        return out

    def save(self, sess, save_path, global_step=None, latest_filename=None,
             meta_graph_suffix="meta", write_meta_graph=True, write_state=True, strip_default_attrs=False,
             save_debug_info=False):
        """Writes the variables' values to `save_path` (plus `-<global_step>`); returns that
        prefix. (No `.meta` graph file is written: tapeflow cannot write TF's MetaGraphDef.)"""
        from ..training.checkpoint import _file_for, _write_archive, _write_state
        self.build()
        prefix = os.fspath(save_path)
        if global_step is not None:
            step = global_step if isinstance(global_step, (int, np.integer)) else \
                (sess.run(global_step) if sess is not None else int(np.asarray(global_step)))
            prefix = f"{prefix}-{int(step):08d}" if self._pad else f"{prefix}-{int(step)}"
        directory = os.path.dirname(os.path.abspath(prefix))
        if not os.path.isdir(directory):
            raise ValueError(f"Parent directory of {save_path} doesn't exist, can't save.")
        _write_archive(_file_for(prefix), self._values(sess), {})
        if prefix in self._last:
            self._last.remove(prefix)
        self._last.append(prefix)
        if self._max_to_keep:
            while len(self._last) > self._max_to_keep:
                old = self._last.pop(0)
                try:
                    os.unlink(_file_for(old))
                except OSError:
                    pass
        if write_state:
            _write_state(directory, prefix, self._last)
        return prefix

    def restore(self, sess, save_path):
        """Sets the variables to the values saved at `save_path` (all checked first)."""
        from ..training.checkpoint import _Archive, _file_for, _shape_mismatch
        self.build()
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        if not os.path.exists(_file_for(save_path)):
            raise ValueError(f"The passed save_path is not a valid checkpoint: {save_path}")
        archive = _Archive(save_path)
        try:
            pending = []
            for key, v in self._vars.items():
                if key not in archive.entries:
                    raise NotFoundError(None, None, f"Key {key} not found in checkpoint")
                shape, dtype = archive.header(key)
                base = dtypes.as_dtype(_np_dtype(v))
                if np.dtype(dtype) != base._np:
                    raise InvalidArgumentError(
                        None, None, f"tensor_name = {key}; expected dtype {base.name} does not "
                                    f"equal original dtype {dtypes.from_numpy(np.dtype(dtype)).name}"
                                    f" [Op:RestoreV2]")
                err = _shape_mismatch(key, shape, v) if not isinstance(v, GraphVariable) else (
                    None if v.shape.is_compatible_with(shape) else ValueError(
                        f"Received incompatible tensor with shape {tuple(shape)} when "
                        f"attempting to restore variable with shape {v.shape} and name "
                        f"{v.name}."))
                if err is not None:
                    raise err
                pending.append((v, key))
            arrays = [(v, archive.array(key)) for v, key in pending]
        finally:
            archive.close()
        for v, array in arrays:
            if isinstance(v, GraphVariable):
                if sess is None:
                    raise ValueError("a session is needed to restore TF1 graph variables")
                sess._values[id(v)] = np.array(array)
            else:
                v.assign(array)

    def as_saver_def(self):
        raise NotImplementedError("Saver.as_saver_def (TF's SaverDef protocol buffers)")

    def export_meta_graph(self, *args, **kwargs):
        raise NotImplementedError("tf.compat.v1.train.export_meta_graph (TF's MetaGraphDef)")


def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
    raise NotImplementedError("tf.compat.v1.train.import_meta_graph: tapeflow cannot read TF's "
                              "MetaGraphDef files (rebuild the graph in Python, then "
                              "Saver.restore)")


def export_meta_graph(*args, **kwargs):
    raise NotImplementedError("tf.compat.v1.train.export_meta_graph (TF's MetaGraphDef)")


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
    """learning_rate * decay_rate ^ (global_step / decay_steps) (floored with staircase)."""
    from ..ops.math_ops import cast, floor
    from ..ops.math_ops import pow as tf_pow
    lr = convert_to_tensor(learning_rate)
    step = cast(convert_to_tensor(global_step), lr.dtype)
    p = step / cast(convert_to_tensor(decay_steps), lr.dtype)
    if staircase:
        p = floor(p)
    return lr * tf_pow(cast(convert_to_tensor(decay_rate), lr.dtype), p)


__all__ = [
    "AdagradOptimizer",
    "AdamOptimizer",
    "GradientDescentOptimizer",
    "MomentumOptimizer",
    "Optimizer",
    "RMSPropOptimizer",
    "Saver",
    "create_global_step",
    "get_global_step",
    "get_or_create_global_step",
]
