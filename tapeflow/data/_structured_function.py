"""The one wrapper through which every user function of a pipeline runs.

`map`, `filter`, `flat_map`, `interleave`, `reduce`, `scan`, `group_by_window`, `take_while`,
... each wrap their function once in a `StructuredFunction`. The functions of `map`, `filter`
and `take_while` are traced once against the input's element spec, as TF traces them (a
`print` inside runs once, `tf.print` per element; the output spec is the traced graph's), and
each element runs the traced graph. A function that cannot be traced (it needs a value:
`.numpy()`, an op without a graph form) runs eagerly on every element instead, its output spec
learnt by running it on probe elements (the input's first element, or a placeholder for an
empty input); so do the other transformations' functions.

    >>> f = StructuredFunction(lambda x: x * 2, "Dataset.map()")
    >>> f(tf.constant(3))
    <tf.Tensor: shape=(), dtype=int32, numpy=6>
"""
from ..framework.nest import flatten as _flatten
from ..framework.tensor import Tensor
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
        self._traced = None  # the tf.function traced against the input spec, when it traces
        self._traced_spec = None

    def trace(self, input_spec):
        """Traces the function once against `input_spec` (an element spec), as TF does; returns
        the output spec, or None when the function cannot be traced (it then runs eagerly)."""
        if self._traced is not None:
            return self._traced_spec
        from ..framework import nest
        from ..function import function
        if _is_dataset_spec(input_spec):
            return None
        fn, unpack = self._fn, self._unpack

        def wrapper(*args):  # TF's wrapper: the element's components as args_0, args_1, ...
            element = nest.pack_sequence_as(input_spec, args)
            if type(element) is tuple and unpack:
                return fn(*element)
            return fn(element)
        try:
            traced = function(wrapper, input_signature=nest.flatten(input_spec))
            concrete = traced.get_concrete_function()
            out = _structure.normalize_function_output(concrete.structured_outputs)
            spec = _structure.element_spec_of(out)
        except Exception:
            return None
        self._traced, self._traced_spec, self._concrete = traced, spec, concrete
        return spec

    @property
    def python_function(self):
        return self._fn

    def __call__(self, *args):
        """Runs the function on one element (or on several arguments, e.g. state and element)."""
        traced = self._traced
        if traced is not None and len(args) == 1:
            element = args[0]
            flat = [element] if type(element) is Tensor else _flatten(element,
                                                                     expand_composites=True)
            if all(type(x) is Tensor for x in flat):  # (the traced plan, without call overhead)
                out = self._concrete._run_fed(flat)
            else:
                out = traced(*_flatten(element))
            return _structure.normalize_function_output(out) if self._normalize else out
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


def _is_dataset_spec(spec):
    from ..framework import nest
    return any(type(s).__name__ == "DatasetSpec" for s in nest.flatten(spec))
