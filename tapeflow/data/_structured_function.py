"""The one wrapper through which every user function of a pipeline runs.

`map`, `filter`, `flat_map`, `interleave`, `reduce`, `scan`, `group_by_window`, `take_while`,
... each wrap their function once in a `StructuredFunction`. Today it calls the function eagerly
on every element and learns the function's output spec by running it on a probe element (the
input's first element, or a placeholder for an empty input). When tapeflow gains graph mode, this
is the single place that switches to tracing the function once against `input_spec`, as TF does
(a `print` inside a map function then runs once, not per element).

    >>> f = StructuredFunction(lambda x: x * 2, "Dataset.map()")
    >>> f(tf.constant(3))
    <tf.Tensor: shape=(), dtype=int32, numpy=6>
"""
from . import _structure


class StructuredFunction:
    """`fn` applied to dataset elements: unpacks tuples into arguments, converts the result."""

    def __init__(self, fn, transformation_name, unpack=True, normalize=True):
        if not callable(fn):
            raise TypeError(f"`{transformation_name}` expects a callable, got {type(fn).__name__}")
        self._fn = fn
        self._name = transformation_name
        self._unpack = unpack
        self._normalize = normalize

    @property
    def python_function(self):
        return self._fn

    def __call__(self, *args):
        """Runs the function on one element (or on several arguments, e.g. state and element)."""
        if len(args) == 1 and self._unpack:
            out = _structure.call_with_element(self._fn, args[0])
        else:
            out = self._fn(*args)
        return _structure.normalize_function_output(out) if self._normalize else out

    def output_spec(self, input_spec, probes, select=None):
        """The spec of the function's output, from runs on `probes` (tuples of arguments whose
        last one is an element of `input_spec`). Dimensions that differ between the runs are
        unknown. When the runs cannot tell (one probe, or probes whose unknown input dimensions
        have the same sizes), an output dimension equal to the size of an unknown input
        dimension is taken to follow it, so it is unknown too. `select` picks the part of the
        output that forms the elements (scan's output beside its state)."""
        specs, unknown_sizes = [], []
        for args in probes:
            out = self(*args)
            if select is not None:
                out = select(out)
            specs.append(_structure.element_spec_of(out))
            unknown_sizes.append(_structure.unknown_sizes(input_spec, args[-1]))
        if len(specs) > 1 and len(set(unknown_sizes)) > 1:
            spec = specs[0]
            for other in specs[1:]:
                spec = _structure.most_specific_compatible_spec(spec, other)
            return spec
        spec = None
        for one, args in zip(specs, probes):
            one = _structure.relax_shapes(one, input_spec, args[-1])
            spec = one if spec is None else _structure.most_specific_compatible_spec(spec, one)
        return spec
