"""What `Model.compile` builds: the combined loss over a model's outputs (with `loss_weights` and
one `<output>_loss` tracker per output when there are several) and the compiled metrics (with
`'accuracy'` resolved from the shapes of the first batch, as Keras does)."""
from ... import nest
from ...framework.tensor import convert_to_tensor
from ...ops import math_ops as M
from .. import losses as losses_module
from .. import metrics as metrics_module


def _is_binary_or_sparse(y_true, y_pred):
    yt, yp = convert_to_tensor(y_true), convert_to_tensor(y_pred)
    t_rank, p_rank = yt.shape.rank, yp.shape.rank
    t_last = yt.shape[-1] if t_rank else None
    p_last = yp.shape[-1] if p_rank else None
    is_binary = p_last == 1
    is_sparse = t_rank < p_rank or (t_last == 1 and p_last is not None and p_last > 1)
    return is_binary, is_sparse


def get_metric(identifier, y_true, y_pred):
    if identifier is None:
        raise ValueError("Expected metric, received `None`")
    if str(identifier).lower() in ("accuracy", "acc"):
        binary, sparse = _is_binary_or_sparse(y_true, y_pred)
        if binary:
            metric = metrics_module.BinaryAccuracy(name=str(identifier))
        elif sparse:
            metric = metrics_module.SparseCategoricalAccuracy(name=str(identifier))
        else:
            metric = metrics_module.CategoricalAccuracy(name=str(identifier))
    else:
        metric = metrics_module.get(identifier)
    if isinstance(identifier, str):
        name = identifier
    elif isinstance(getattr(metric, "name", None), str):
        name = metric.name
    else:
        name = getattr(metric, "__name__", str(metric))
    if not isinstance(metric, metrics_module.Metric):
        metric = metrics_module.MeanMetricWrapper(metric, name=name)
    metric.name = name
    return metric


def get_loss(identifier, y_true, y_pred):
    if identifier is None:
        return None
    if str(identifier).lower() in ("crossentropy", "ce"):
        binary, sparse = _is_binary_or_sparse(y_true, y_pred)
        fn = (losses_module.binary_crossentropy if binary else
              losses_module.sparse_categorical_crossentropy if sparse else
              losses_module.categorical_crossentropy)
    else:
        fn = losses_module.get(identifier)
    if isinstance(fn, losses_module.Loss):
        return fn
    return losses_module.LossFunctionWrapper(fn, name=getattr(fn, "__name__", None))


def _flat_with_names(structure, output_names):
    """[(key, value)] of a per-output structure (dict by output name, list, or a single value)."""
    if isinstance(structure, dict):
        return [(k, structure.get(k)) for k in output_names]
    if isinstance(structure, (list, tuple)):
        return list(zip(output_names, structure))
    return [(output_names[0] if output_names else None, structure)]


def _per_output(values, output_names, n):
    """A list of n per-output values from a dict (by output name), list or single value."""
    if isinstance(values, dict):
        return [values.get(k) for k in output_names]
    if isinstance(values, (list, tuple)) and n > 1:
        if len(values) != n:
            raise ValueError(f"For a model with multiple outputs, when providing the `loss` "
                             f"argument as a list, it should have as many entries as the model "
                             f"has outputs. Received:\nloss={values}\nof length {len(values)} "
                             f"whereas the model has {n} outputs.")
        return list(values)
    return [values] * n


def _flatten_targets(y, output_names, n):
    if isinstance(y, dict):
        return [y.get(k) for k in output_names]
    if n == 1:
        return [y]
    return list(y) if isinstance(y, (list, tuple)) else nest.flatten(y)


class CompileLoss:
    """The compiled loss: sum over outputs of `loss_weight * loss(y, y_pred, sample_weight)`."""

    def __init__(self, loss, loss_weights=None, output_names=None):
        self._user_loss, self._user_weights = loss, loss_weights
        self.output_names = output_names
        self.built = False
        self.metrics = []

    def build(self, y_true, y_pred):
        flat_pred = nest.flatten(y_pred)
        n = len(flat_pred)
        names = self.output_names or [None] * n
        flat_true = _flatten_targets(y_true, names, n)
        losses = _per_output(self._user_loss, names, n)
        weights = (_per_output(self._user_weights, names, n) if self._user_weights is not None
                   else [None] * n)
        self._flat = []
        for name, lo, w, yt, yp in zip(names, losses, weights, flat_true, flat_pred):
            fn = get_loss(lo, yt, yp) if lo is not None and yt is not None else None
            self._flat.append((name, fn, w))
        if len([f for f in self._flat if f[1] is not None]) > 1:
            self.metrics = [metrics_module.Mean(name=f"{name}_loss")
                            for name, fn, _ in self._flat if fn is not None]
        self.built = True

    def __call__(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        flat_pred = nest.flatten(y_pred)
        names = self.output_names or [None] * len(flat_pred)
        flat_true = _flatten_targets(y_true, names, len(flat_pred))
        if isinstance(sample_weight, (dict, list, tuple)) and len(flat_pred) > 1:
            flat_sw = _flatten_targets(sample_weight, names, len(flat_pred))
        else:
            flat_sw = [sample_weight] * len(flat_pred)
        values = []
        trackers = iter(self.metrics)
        for (_name, fn, w), yt, yp, sw in zip(self._flat, flat_true, flat_pred, flat_sw):
            if fn is None:
                continue
            value = fn(yt, yp, sw)
            if value.dtype.name != "float32":
                value = M.cast(value, "float32")
            if self.metrics:
                # Keras's traced step sees an unknown batch size here, so each batch counts once
                next(trackers).update_state(value)
            if w is not None:
                value = value * float(w)
            values.append(value)
        if not values:
            return None
        total = values[0]
        for v in values[1:]:
            total = total + v
        return total


class CompileMetrics(metrics_module.Metric):
    """The compiled metrics of every output; its result is a dict of named values."""

    def __init__(self, metrics, weighted_metrics=None, output_names=None):
        super().__init__(name="compile_metrics")
        self._user_metrics, self._user_weighted = metrics, weighted_metrics
        self.output_names = output_names
        self.built = False
        self._per_output = []

    @property
    def metrics(self):
        return [m for group in self._per_output for m in group[1] + group[2]]

    def build(self, y_true, y_pred):
        flat_pred = nest.flatten(y_pred)
        n = len(flat_pred)
        names = self.output_names or [None] * n
        flat_true = _flatten_targets(y_true, names, n)

        def per_output(spec):
            if spec is None:
                return [None] * n
            if isinstance(spec, dict):
                return [spec.get(k) for k in names]
            if n > 1 and isinstance(spec, (list, tuple)) and len(spec) == n and \
                    all(isinstance(s, (list, tuple)) or s is None for s in spec):
                return list(spec)
            return [spec] * n
        plain, weighted = per_output(self._user_metrics), per_output(self._user_weighted)
        self._per_output = []
        for name, p, w, yt, yp in zip(names, plain, weighted, flat_true, flat_pred):
            def make(spec, prefix="", yt=yt, yp=yp, name=name):
                if spec is None:
                    return []
                spec = spec if isinstance(spec, (list, tuple)) else [spec]
                out = []
                for s in spec:
                    m = get_metric(s, yt, yp)
                    m._base_name = f"{prefix}{m.name}"
                    if n > 1 and name is not None:
                        m.name = f"{name}_{prefix}{m.name}"
                    elif prefix:
                        m.name = f"{prefix}{m.name}"
                    out.append(m)
                return out
            ms = make(p)
            taken = {m.name for m in ms}
            wms = [m for m in make(w) if m.name not in taken] + \
                  [m for m in make(w, "weighted_") if m.name in taken] \
                if w is not None else []
            self._per_output.append((name, ms, wms))
        self.built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        flat_pred = nest.flatten(y_pred)
        names = self.output_names or [None] * len(flat_pred)
        flat_true = _flatten_targets(y_true, names, len(flat_pred))
        if isinstance(sample_weight, (dict, list, tuple)) and len(flat_pred) > 1:
            flat_sw = _flatten_targets(sample_weight, names, len(flat_pred))
        else:
            flat_sw = [sample_weight] * len(flat_pred)
        for (_name, ms, wms), yt, yp, sw in zip(self._per_output, flat_true, flat_pred, flat_sw):
            if yt is None:
                continue
            for m in ms:
                m.update_state(yt, yp)
            for m in wms:
                m.update_state(yt, yp, sample_weight=sw)

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()

    def result(self):
        return {m.name: m.result() for m in self.metrics}

    @property
    def variables(self):
        return [v for m in self.metrics for v in m.variables]
