"""`tf.nest`: flatten and rebuild nested structures of lists, tuples, namedtuples and dicts.

Dicts are walked in sorted key order, as TF does.

    >>> flatten({"b": [1, 2], "a": 3})
    [3, 1, 2]
    >>> pack_sequence_as({"b": [0, 0], "a": 0}, [3, 1, 2])
    {'b': [1, 2], 'a': 3}
"""
import collections.abc as _abc

__all__ = ["flatten", "pack_sequence_as", "map_structure", "assert_same_structure", "is_nested"]


_NESTED_TYPES = {list, tuple, dict}
_LEAF_TYPES = set()  # types already seen not to be nests (skips the slow ABC check)


def is_nested(x):
    """True for lists, tuples (incl. namedtuples) and mappings."""
    t = type(x)
    if t in _NESTED_TYPES:
        return True
    if t in _LEAF_TYPES:
        return False
    nested = isinstance(x, (list, tuple, _abc.Mapping))
    (_NESTED_TYPES if nested else _LEAF_TYPES).add(t)
    return nested


is_sequence = is_nested


def _sorted_keys(d):
    try:
        return sorted(d)
    except TypeError:
        return list(d)


def _children(x):
    if isinstance(x, _abc.Mapping):
        return [x[k] for k in _sorted_keys(x)]
    return list(x)


def _is_composite(x):
    from .composite_tensor import CompositeTensor
    return isinstance(x, CompositeTensor)


def flatten(structure, expand_composites=False):
    """The leaves of `structure`, depth first. A non-nested value gives `[value]`. With
    `expand_composites`, RaggedTensors and SparseTensors give their component tensors."""
    if expand_composites:
        return _flatten_composites(structure)
    if not is_nested(structure):
        return [structure]
    out = []
    stack = [structure]
    while stack:
        x = stack.pop()
        if is_nested(x):
            stack.extend(reversed(_children(x)))
        else:
            out.append(x)
    return out


def _flatten_composites(structure):
    out = []
    for leaf in flatten(structure):
        if _is_composite(leaf):
            out.extend(leaf._type_spec._to_components(leaf))
        else:
            out.append(leaf)
    return out


def _rebuild(template, children):
    if isinstance(template, _abc.Mapping):
        keys = _sorted_keys(template)
        by_key = dict(zip(keys, children))
        rebuilt = {k: by_key[k] for k in template}  # keep the template's own key order
        return rebuilt if type(template) is dict else type(template)(rebuilt)
    if isinstance(template, tuple) and hasattr(template, "_fields"):
        return type(template)(*children)
    if isinstance(template, tuple):
        return tuple(children)
    return list(children) if type(template) is list else type(template)(children)


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """Rebuilds `structure` with the leaves taken in order from `flat_sequence`."""
    flat_sequence = list(flat_sequence)
    if expand_composites:
        return _pack_composites(structure, flat_sequence)
    if not is_nested(structure):
        if len(flat_sequence) != 1:
            raise ValueError(f"Structure is a scalar but len(flat_sequence) == {len(flat_sequence)} > 1")
        return flat_sequence[0]
    n = len(flatten(structure))
    if n != len(flat_sequence):
        raise ValueError(f"Could not pack sequence. Structure had {n} atoms, but flat_sequence had "
                         f"{len(flat_sequence)} items.")
    return _pack(structure, iter(flat_sequence))


def _pack_composites(structure, flat_sequence):
    leaves = flatten(structure)
    it = iter(flat_sequence)
    rebuilt = []
    for leaf in leaves:
        if _is_composite(leaf):
            spec = leaf._type_spec
            n = len(spec._to_components(leaf))
            rebuilt.append(spec._from_components([next(it) for _ in range(n)]))
        else:
            rebuilt.append(next(it))
    return pack_sequence_as(structure, rebuilt)


def _pack(s, leaves):
    # A module-level function, not a recursive closure: a closure referring to itself is a
    # reference cycle that would keep `flat_sequence` (e.g. every gradient) alive until the
    # cycle collector runs.
    if not is_nested(s):
        return next(leaves)
    return _rebuild(s, [_pack(c, leaves) for c in _children(s)])


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    """Raises ValueError (or TypeError for differing types) if the two nests differ in structure."""
    def check(a, b):
        na, nb = is_nested(a), is_nested(b)
        if na != nb:
            raise ValueError(f"The two structures don't have the same nested structure.\n\n"
                             f"First structure: {nest1!r}\n\nSecond structure: {nest2!r}")
        if not na:
            return
        if check_types and type(a) is not type(b) and not (
                isinstance(a, _abc.Mapping) and isinstance(b, _abc.Mapping)):
            raise TypeError(f"The two structures don't have the same sequence type. Input structure "
                            f"has type {type(a)!r}, while shallow structure has type {type(b)!r}.")
        if isinstance(a, _abc.Mapping) and set(a) != set(b):
            raise ValueError(f"The two dictionaries don't have the same set of keys. First structure "
                             f"has keys {sorted(a)}, while second structure has keys {sorted(b)}.")
        ca, cb = _children(a), _children(b)
        if len(ca) != len(cb):
            raise ValueError(f"The two structures don't have the same nested structure.\n\n"
                             f"First structure: {nest1!r}\n\nSecond structure: {nest2!r}")
        for x, y in zip(ca, cb):
            check(x, y)
    check(nest1, nest2)


def map_structure(func, *structure, **kwargs):
    """Applies `func` leafwise to one or more nests of the same structure."""
    if not structure:
        raise ValueError("Must provide at least one structure")
    check_types = kwargs.pop("check_types", True)
    expand = kwargs.pop("expand_composites", False)
    for other in structure[1:]:
        assert_same_structure(structure[0], other, check_types=check_types)
    flats = [flatten(s, expand_composites=expand) for s in structure]
    return pack_sequence_as(structure[0], [func(*xs) for xs in zip(*flats)],
                            expand_composites=expand)
