"""`tf.experimental.dtensor`: tensors sharded over a mesh of (logical CPU) devices.

A `Mesh` names a grid of devices (`create_mesh([("x", 2)])` over the logical CPUs that
`tf.config.set_logical_device_configuration` made); a `Layout` says, per tensor axis, which mesh
dimension it is split along (or `UNSHARDED`). A DTensor is a `tf.Tensor` holding its global value
and its layout; `unpack` gives the component each device holds, `pack` builds one from them.

    >>> dtensor = tf.experimental.dtensor
    >>> mesh = dtensor.create_mesh([("x", 1)])
    >>> t = dtensor.call_with_layout(tf.ones, dtensor.Layout(["x"], mesh), shape=(2,))
    >>> dtensor.fetch_layout(t).sharding_specs
    ['x']
    >>> [c.numpy().tolist() for c in dtensor.unpack(t)]
    [[1.0, 1.0]]

Ops on DTensors run on the global values (this machine computes each op once, not once per
device). Their results are DTensors on the inputs' mesh, with TF's SPMD layouts for `MatMul` and
`Transpose`; for other ops an output with the shape of a DTensor input takes its layout (as TF does
for elementwise ops) and any other output is replicated (TF's own rules for reductions, reshapes,
... are not reproduced). Ops mixing DTensors with regular non-scalar tensors raise TF's
UnimplementedError. Component values are TF's; DTensors do not keep their layouts inside
`tf.function` (there they are the global values), and `DVariable.handle` is not provided.
"""
import contextlib
import functools
import itertools
import threading
import weakref

import numpy as np

from ..control_flow import summarize_value
from ..framework import config_state as _cs
from ..framework.errors import InvalidArgumentError, UnimplementedError
from ..framework.op import Recorder
from ..framework.tensor import Tensor, TensorLike, convert_to_tensor, wrap
from ..framework.variables import Variable

__all__ = [
    "MATCH",
    "UNSHARDED",
    "DTensorCheckpoint",
    "DVariable",
    "Layout",
    "Mesh",
    "barrier",
    "call_with_layout",
    "check_layout",
    "client_id",
    "copy_to_mesh",
    "create_distributed_mesh",
    "create_mesh",
    "default_mesh",
    "device_name",
    "fetch_layout",
    "heartbeat_enabled",
    "initialize_accelerator_system",
    "is_dtensor",
    "job_name",
    "jobs",
    "local_devices",
    "name_based_restore",
    "name_based_save",
    "num_clients",
    "num_global_devices",
    "num_local_devices",
    "pack",
    "relayout",
    "relayout_like",
    "run_on",
    "sharded_save",
    "shutdown_accelerator_system",
    "unpack",
]

UNSHARDED = "unsharded"
MATCH = "match"
_JOB = "/job:localhost/replica:0/task:0"
_DEVICE = _JOB + "/device:CUSTOM:0"


def _full_device(name):
    """'CPU:1', '/device:CPU:1' or a full name -> '/job:localhost/replica:0/task:0/device:CPU:1'."""
    name = str(name)
    if name.startswith("/job:"):
        return name
    name = name.removeprefix("/device:")
    kind, _, index = name.rpartition(":")
    return f"{_JOB}/device:{kind.upper()}:{int(index)}"


# -- meshes -----------------------------------------------------------------------------------------
class Mesh:
    """A named grid of devices: `dim_names` with sizes, and a device for each grid point
    (row-major, the last dimension fastest).

    >>> dtensor = tf.experimental.dtensor
    >>> dtensor.Mesh(["x"], [0], [0], ["CPU:0"]).shape()
    [1]
    """

    def __init__(self, dim_names, global_device_ids, local_device_ids, local_devices,
                 mesh_name="", global_devices=None, use_xla_spmd=False):
        ids = np.asarray(global_device_ids)
        dim_names = list(dim_names)
        if ids.ndim != len(dim_names):
            raise ValueError("Number of mesh dimensions does not match number of dimension names.")
        if len(set(dim_names)) != len(dim_names):
            raise ValueError(f"Mesh dimension names must be unique: {dim_names}")
        self._dim_names = dim_names
        self._shape = list(ids.shape)
        self._global_ids = [int(i) for i in ids.reshape(-1)]
        self._local_ids = [int(i) for i in local_device_ids]
        self._local_devices = [_full_device(d) for d in local_devices]
        if len(self._local_ids) != len(self._local_devices):
            raise ValueError("Number of local device IDs does not match number of local devices.")
        self._name = mesh_name
        self._use_xla_spmd = use_xla_spmd

    @property
    def dim_names(self):
        return list(self._dim_names)

    @property
    def name(self):
        return self._name

    @property
    def size(self):
        return len(self._global_ids)

    def shape(self):
        return list(self._shape)

    def dim_size(self, dim_name):
        if dim_name not in self._dim_names:
            raise ValueError(f"{dim_name} is not a dimension of the mesh {self._dim_names}")
        return self._shape[self._dim_names.index(dim_name)]

    def local_devices(self):
        return list(self._local_devices)

    def local_device_ids(self):
        return list(self._local_ids)

    def global_device_ids(self):
        return np.array(self._global_ids, dtype=np.int64).reshape(self._shape)

    def num_local_devices(self):
        return len(self._local_devices)

    def device_type(self):
        return self._local_devices[0].rpartition("/device:")[2].split(":")[0]

    def is_single_device(self):
        return False

    def use_xla_spmd(self):
        return self._use_xla_spmd

    def unravel_index(self):
        """{device id: {dim name: coordinate}}."""
        out = {}
        for i, coords in zip(self._global_ids, itertools.product(*map(range, self._shape))):
            out[i] = dict(zip(self._dim_names, coords))
        return out

    def coordinates(self, index):
        """The grid coordinates of the `index`-th device (row-major)."""
        return dict(zip(self._dim_names, np.unravel_index(index, self._shape)))

    def to_string(self):
        dims = ",".join(f"{n}={s}" for n, s in zip(self._dim_names, self._shape))
        return (f"{self._name}|{dims}|{','.join(map(str, self._global_ids))}|"
                f"{','.join(map(str, self._local_ids))}|{','.join(self._local_devices)}")

    @classmethod
    def from_string(cls, mesh_str):
        name, dims, gids, lids, devices = mesh_str.split("|")[:5]
        names, sizes = [], []
        for d in dims.split(","):
            n, _, s = d.partition("=")
            names.append(n)
            sizes.append(int(s))
        ids = np.array([int(i) for i in gids.split(",")]).reshape(sizes)
        return cls(names, ids, [int(i) for i in lids.split(",")], devices.split(","), name)

    def __eq__(self, other):
        return isinstance(other, Mesh) and self.to_string() == other.to_string()

    def __hash__(self):
        return hash(self.to_string())

    def __repr__(self):
        return f"Mesh.from_string({self.to_string()})"

    __str__ = __repr__


def create_mesh(mesh_dims=None, mesh_name="", devices=None, device_type=None,
                use_xla_spmd=False):
    """A mesh over this client's devices (by default every logical device of `device_type`).

    >>> dtensor = tf.experimental.dtensor
    >>> dtensor.create_mesh([("x", 1)]).dim_names
    ['x']
    """
    if devices is None:
        from ..config.core import list_logical_devices
        kind = (device_type or "CPU").upper()
        devices = [d.name for d in list_logical_devices(kind)]
    devices = [_full_device(d) for d in devices]
    if not devices:
        raise ValueError("No devices found.")
    if mesh_dims is None:
        mesh_dims = [("x", len(devices))]
    elif isinstance(mesh_dims, dict):
        mesh_dims = list(mesh_dims.items())
    kinds = {d.rpartition("/device:")[2].split(":")[0] for d in devices}
    if len(kinds) > 1:
        raise ValueError(f"Devices containing multiple device_types : {sorted(kinds)}")
    for d in devices:
        kind, index = d.rpartition("/device:")[2].split(":")
        if kind != "CPU" or int(index) >= _cs.num_logical_cpus():
            raise ValueError(f"Device {d} is not available on this machine (its logical devices "
                             f"are CPU:0 to CPU:{_cs.num_logical_cpus() - 1})")
    names = [n for n, _ in mesh_dims]
    sizes = [int(s) for _, s in mesh_dims]
    if int(np.prod(sizes)) != len(devices):
        raise ValueError(f"length of devices ({len(devices)}) must be equal to total size of the "
                         f"mesh of shape {sizes}")
    ids = np.arange(len(devices)).reshape(sizes)
    return Mesh(names, ids, list(range(len(devices))), devices, mesh_name,
                use_xla_spmd=use_xla_spmd)


def create_distributed_mesh(mesh_dims, mesh_name="", local_devices=None, device_type=None,
                            use_xla_spmd=False):
    """On one client, the same as `create_mesh`."""
    return create_mesh(mesh_dims, mesh_name, local_devices, device_type, use_xla_spmd)


# -- layouts ----------------------------------------------------------------------------------------
class Layout:
    """Per tensor axis, the mesh dimension it is sharded along, or `UNSHARDED`.

    >>> dtensor = tf.experimental.dtensor
    >>> mesh = dtensor.create_mesh([("x", 1)])
    >>> dtensor.Layout.batch_sharded(mesh, "x", rank=2).sharding_specs
    ['x', 'unsharded']
    """

    def __init__(self, sharding_specs, mesh):
        is_mesh = isinstance(mesh, Mesh)
        if not is_mesh:  # (TF's ValueError)
            raise ValueError("mesh is not a valid Mesh object.")
        specs = list(sharding_specs)
        for s in specs:
            if s != UNSHARDED and s not in mesh.dim_names:
                raise ValueError(
                    f"{s}: A dimension sharding must either be a valid mesh dimension or "
                    "UNSHARDED.")
        sharded = [s for s in specs if s != UNSHARDED]
        for s in sharded:
            if sharded.count(s) > 1:
                raise ValueError(
                    f"Mesh dimension {s} was repeated in sharding specification {specs}. Mesh "
                    "dimensions must be unique in a layout.")
        self._specs = specs
        self._mesh = mesh

    @property
    def sharding_specs(self):
        return list(self._specs)

    @property
    def mesh(self):
        return self._mesh

    @property
    def rank(self):
        return len(self._specs)

    def num_shards(self, idx):
        s = self._specs[idx]
        return 1 if s == UNSHARDED else self._mesh.dim_size(s)

    def is_fully_replicated(self):
        return all(s == UNSHARDED for s in self._specs)

    def is_single_device(self):
        return False

    def offset_to_shard(self):
        """Per device (row-major over the mesh), the index of its shard along each axis."""
        return [[0 if s == UNSHARDED else self._mesh.coordinates(i)[s] for s in self._specs]
                for i in range(self._mesh.size)]

    @classmethod
    def replicated(cls, mesh, rank):
        return cls([UNSHARDED] * rank, mesh)

    @classmethod
    def batch_sharded(cls, mesh, batch_dim, rank, axis=0):
        specs = [UNSHARDED] * rank
        specs[axis] = batch_dim
        return cls(specs, mesh)

    @classmethod
    def inner_sharded(cls, mesh, inner_dim, rank):
        return cls.batch_sharded(mesh, inner_dim, rank, axis=rank - 1)

    def delete(self, dims):
        return Layout([s for i, s in enumerate(self._specs) if i not in set(dims)], self._mesh)

    def to_string(self):
        return ("sharding_specs:" + "".join(s + "," for s in self._specs) + " mesh:"
                + self._mesh.to_string())

    @classmethod
    def from_string(cls, layout_str):
        head, _, mesh_str = layout_str.partition(" mesh:")
        specs = [s for s in head[len("sharding_specs:"):].split(",") if s]
        return cls(specs, Mesh.from_string(mesh_str))

    def __eq__(self, other):
        return isinstance(other, Layout) and self.to_string() == other.to_string()

    def __hash__(self):
        return hash(self.to_string())

    def __repr__(self):
        return f"Layout.from_string({self.to_string()})"

    __str__ = __repr__

    # -- cutting values into components and back ------------------------------------------------
    def _check_shape(self, shape):
        if len(shape) != self.rank:
            raise ValueError(f"Layout rank ({self.rank}) does not match the tensor rank "
                             f"({len(shape)}) of a tensor of shape {list(shape)}")
        for i, n in enumerate(shape):
            k = self.num_shards(i)
            if n % k:
                raise InvalidArgumentError(
                    None, None, f"Dimension {i} of size {n} is not evenly divisible by the "
                    f"{k} shards of mesh dimension {self._specs[i]}")

    def _components(self, array):
        """The component of `array` (the global value) on each device."""
        self._check_shape(array.shape)
        out = []
        for shard in self.offset_to_shard():
            index = tuple(slice(j * (n // self.num_shards(i)), (j + 1) * (n // self.num_shards(i)))
                          for i, (j, n) in enumerate(zip(shard, array.shape)))
            out.append(array[index])
        return out

    def _assemble(self, components):
        """The global value from one component per device."""
        blocks = {}
        for shard, c in zip(self.offset_to_shard(), components):
            blocks.setdefault(tuple(shard), c)
        counts = [self.num_shards(i) for i in range(self.rank)]
        if not counts:
            return components[0]
        grid = np.empty(counts, dtype=object)
        for idx in itertools.product(*map(range, counts)):
            grid[idx] = blocks[idx]
        return np.block(grid.tolist()) if self.rank else components[0]


# -- DTensors ---------------------------------------------------------------------------------------
_layouts = {}   # id(tensor) -> (layout, components or None)
_lock = threading.Lock()


class DTensor(Tensor):
    """A Tensor whose layout is registered (made only by this module, from Tensors)."""

    __slots__ = ()

    @property
    def device(self):
        return _DEVICE

    def numpy(self):
        layout = fetch_layout(self)
        if not layout.is_fully_replicated():
            raise UnimplementedError(
                None, None, "Trying to copy a non-single-device and non-replicated DTensor is "
                "not supported. Input tensor is: DTensor(" + _value_text(self)
                + f', layout="{layout.to_string()}", shape={list(self.shape)}, '
                f"type={self.dtype.name.replace('float32', 'float')})")
        return Tensor.numpy(self)

    def __array__(self, dtype=None, copy=None):
        self.numpy()
        return Tensor.__array__(self, dtype, copy)

    def __str__(self):
        return (f'tf.Tensor({_value_text(self)}, layout="{fetch_layout(self).to_string()}", '
                f"shape={self.shape}, dtype={self.dtype.name})")

    def __repr__(self):
        return (f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, "
                f'value={_value_text(self)}, layout="{fetch_layout(self).to_string()}">')


def _value_text(t):
    layout, comps = _layouts[id(t)]
    if layout.is_fully_replicated():
        return summarize_value(t._value)
    comps = _components_of(t)
    names = [d.rpartition("/device:")[2] for d in layout.mesh.local_devices()]
    return "{" + ", ".join(f'"{n}": {summarize_value(c._value)}'
                           for n, c in zip(names, comps)) + "}"


class _LayoutKeeper(Recorder):
    """On the recorder stack once a DTensor exists: outputs of ops with DTensor inputs become
    DTensors (see the module docstring for their layouts)."""

    __slots__ = ()

    def record(self, op, inputs, outputs, attrs):
        source = None
        for x in inputs:
            if id(x) in _layouts or isinstance(x, DVariable):
                source = x
                break
        if source is None:
            return
        for i, x in enumerate(inputs):
            if not is_dtensor(x):
                _check_broadcastable(op.name, i, x)
        mesh = _layout_of(source).mesh
        rule = _RULES.get(op.name)
        for k, out in enumerate(outputs):
            if type(out) is not Tensor:  # a DTensor already, or symbolic
                continue
            shape = out._value.shape
            layout = rule(inputs, attrs, mesh) if rule is not None and k == 0 else None
            if layout is None:
                for x in inputs:
                    lx = _layout_of(x) if is_dtensor(x) else None
                    if lx is not None and lx.mesh == mesh and tuple(x._value.shape) == tuple(
                            shape):
                        layout = lx
                        break
            _attach(out, layout or Layout.replicated(mesh, len(shape)))


def _specs(x, mesh):
    if is_dtensor(x) and _layout_of(x).mesh == mesh:
        return _layout_of(x).sharding_specs
    return [UNSHARDED] * np.ndim(x._value)


def _transpose_rule(inputs, attrs, mesh):
    specs = _specs(inputs[0], mesh)
    return Layout([specs[i] for i in attrs["perm"]], mesh)


def _matmul_rule(inputs, attrs, mesh):
    """As TF's SPMD matmul: the output keeps the rows' sharding of `a` and the columns' of `b`
    (a contracted sharded dimension is summed across devices); both unsharded if they clash."""
    a, b = _specs(inputs[0], mesh), _specs(inputs[1], mesh)
    if attrs.get("transpose_a"):
        a = a[:-2] + [a[-1], a[-2]]
    if attrs.get("transpose_b"):
        b = b[:-2] + [b[-1], b[-2]]
    rows, cols = a[-2], b[-1]
    if rows == cols and rows != UNSHARDED:
        rows = cols = UNSHARDED
    batch = a[:-2] if len(a) >= len(b) else b[:-2]
    batch = [d if d not in (rows, cols) else UNSHARDED for d in batch]
    return Layout(batch + [rows, cols], mesh)


_RULES = {"Transpose": _transpose_rule, "MatMul": _matmul_rule}


_keeper = None


def _check_broadcastable(op_name, index, x):
    """TF broadcasts only scalars and small integer or string tensors to DTensors."""
    value = np.asarray(x._value)
    if value.ndim == 0 or (value.dtype.kind in "iuOSU" and value.size <= 8):
        return
    dims = ",".join(map(str, value.shape))
    raise UnimplementedError(
        None, None, f"The op/function {op_name} got a regular tensor for input {index} (shape "
        f"[{dims}]) but was expecting a DTensor. Currently only scalars and small integer/string "
        "tensors are auto-broadcast to DTensors. For other tensors, please use copy_to_mesh to "
        "make a DTensor explicitly; note that this may be slow if it happens frequently. "
        f"[Op:{op_name}] name: ")


def _layout_of(x):
    if isinstance(x, DVariable):
        return x._layout
    return _layouts[id(x)][0]


def _attach(t, layout, components=None):
    """Makes Tensor `t` a DTensor with `layout` (in place, so tapes keep seeing it)."""
    if type(t) is not DTensor:
        t.__class__ = DTensor
        _track(t, functools.partial(_layouts.pop, id(t), None))
    _layouts[id(t)] = (layout, components)
    return t


_live = [0]  # DTensors and DVariables alive: the keeper is on the stack while there are any


def _track(obj, on_death=None):
    global _keeper
    with _lock:
        _live[0] += 1
        if _keeper is None:
            _keeper = _LayoutKeeper()
            _keeper.push()
    weakref.finalize(obj, _untrack, on_death)


def _untrack(on_death):
    global _keeper
    if on_death is not None:
        on_death()
    with _lock:
        _live[0] -= 1
        if _live[0] == 0 and _keeper is not None:
            keeper, _keeper = _keeper, None
            try:
                keeper.pop()
            except ValueError:  # (pushed on another thread's stack)
                pass


def _components_of(t):
    layout, comps = _layouts[id(t)]
    if comps is None:
        comps = _placed(layout, [wrap(np.ascontiguousarray(c))
                                 for c in layout._components(np.asarray(t._value))])
        _layouts[id(t)] = (layout, comps)
    return comps


def _placed(layout, components):
    """The components, each recorded as living on its device of the mesh (`Tensor.device`)."""
    from ..framework import placement
    for c, device in zip(components, layout.mesh.local_devices()):
        placement.tag(c, device)
    return components


def is_dtensor(tensor):
    """Whether `tensor` is a DTensor."""
    return isinstance(tensor, DVariable) or (isinstance(tensor, Tensor) and id(tensor) in _layouts)


def fetch_layout(tensor):
    """The layout of a DTensor.

    >>> dtensor = tf.experimental.dtensor
    >>> mesh = dtensor.create_mesh([("x", 1)])
    >>> dtensor.fetch_layout(dtensor.copy_to_mesh(tf.ones([2]), dtensor.Layout.replicated(mesh, 1))).rank
    1
    """
    if not is_dtensor(tensor):
        raise InvalidArgumentError(None, None,
                                   "FetchLayout expects a tensor placed on the layout device.")
    return _layout_of(tensor)


def check_layout(tensor, layout):
    """Raises ValueError unless `tensor`'s layout is `layout`."""
    if fetch_layout(tensor) != layout:
        raise ValueError("Layout of tensor: " + fetch_layout(tensor).to_string()
                         + ", did not match expected layout: " + layout.to_string())


def pack(tensors, layout):
    """A DTensor from one component per device of `layout.mesh` (in the mesh's device order).

    >>> dtensor = tf.experimental.dtensor
    >>> mesh = dtensor.create_mesh([("x", 1)])
    >>> dtensor.pack([tf.constant([1, 2])], dtensor.Layout(["x"], mesh)).shape
    TensorShape([2])
    """
    tensors = list(tensors)
    if len(tensors) != layout.mesh.size:
        raise InvalidArgumentError(
            None, None, f"The dtensor device {_DEVICE} expected {layout.mesh.size} inputs to "
            f"DTensorPack, but got {len(tensors)}")
    comps = [convert_to_tensor(t) for t in tensors]
    dtypes = {c.dtype for c in comps}
    if len(dtypes) > 1:
        raise InvalidArgumentError(None, None, "All components of a DTensor must have the same "
                                   f"dtype, got {sorted(d.name for d in dtypes)}")
    shapes = {tuple(c._value.shape) for c in comps}
    if len(shapes) > 1:
        raise InvalidArgumentError(None, None, "All components of a DTensor must have the same "
                                   f"shape, got {sorted(shapes)}")
    if len(next(iter(shapes))) != layout.rank:
        raise ValueError(f"Layout rank ({layout.rank}) does not match the rank of the "
                         f"components ({len(next(iter(shapes)))})")
    comps = _placed(layout, [wrap(np.asarray(c._value)) for c in comps])
    value = layout._assemble([c._value for c in comps])
    return _attach(wrap(np.asarray(value)), layout, comps)


def unpack(tensor):
    """The component of a DTensor on each device of its mesh."""
    if not isinstance(tensor, Tensor):
        raise TypeError(f"Expecting a Tensor, got {type(tensor)}")
    if not is_dtensor(tensor):
        raise InvalidArgumentError(None, None,
                                   "DTensorUnpack expects a tensor placed on the DTensor device.")
    return list(_components_of(tensor))


def copy_to_mesh(tensor, layout, source_layout=None):
    """A DTensor with `layout` holding the value of `tensor` (a Tensor or DTensor)."""
    t = convert_to_tensor(tensor)
    value = np.asarray(t._value)
    layout._check_shape(value.shape)
    return _attach(wrap(value), layout)


def relayout(tensor, layout, name=None):
    """The DTensor `tensor` with its components cut again for `layout`."""
    fetch_layout(tensor)
    return copy_to_mesh(tensor, layout)


def relayout_like(tensor, layout_tensor, name=None):
    """`relayout(tensor, fetch_layout(layout_tensor))`."""
    return relayout(tensor, fetch_layout(layout_tensor), name)


_default_meshes = []


def call_with_layout(fn, layout, *args, **kwargs):
    """Calls `fn(*args, **kwargs)` and gives its result `layout` (a DTensor; nested results:
    each Tensor in them)."""
    from .. import nest
    if layout is None:
        return fn(*args, **kwargs)
    with default_mesh(layout.mesh):
        result = fn(*args, **kwargs)

    def one(x):
        return copy_to_mesh(x, layout) if isinstance(x, TensorLike) else x
    return nest.map_structure(one, result)


@contextlib.contextmanager
def default_mesh(mesh):
    """Within the block, `mesh` is the default mesh (`run_on`)."""
    is_mesh = isinstance(mesh, Mesh)
    if not is_mesh:  # (TF's ValueError)
        raise ValueError(f"Expect `mesh` to be `Mesh`, got {type(mesh)}")
    _default_meshes.append(mesh)
    try:
        yield
    finally:
        _default_meshes.pop()


run_on = default_mesh


class DVariable(Variable):
    """A Variable holding a DTensor: reading it gives a DTensor with the initial value's layout.

    >>> dtensor = tf.experimental.dtensor
    >>> mesh = dtensor.create_mesh([("x", 1)])
    >>> v = dtensor.DVariable(dtensor.copy_to_mesh(tf.zeros([2]), dtensor.Layout(["x"], mesh)))
    >>> dtensor.fetch_layout(v.read_value()).sharding_specs
    ['x']
    """

    __slots__ = ("_layout",)

    def __init__(self, initial_value, *args, **kwargs):
        if callable(initial_value):
            initial_value = initial_value()
        if isinstance(initial_value, DVariable):
            initial_value = initial_value.read_value()
        if not is_dtensor(initial_value):
            raise ValueError("Expected DTensor as initial value for DVariable, got "
                             f"{type(initial_value).__name__}")
        self._layout = fetch_layout(initial_value)
        Variable.__init__(self, Tensor(np.asarray(initial_value._value)), *args, **kwargs)
        _track(self)

    @property
    def layout(self):
        return self._layout

    @property
    def device(self):
        return _DEVICE

    def _read(self):
        t = Variable._read(self)
        if type(t) is Tensor:  # (not a symbolic tensor of a function being traced)
            _attach(t, self._layout)
        return t

    def assign(self, value, use_locking=None, name=None, read_value=True):
        self._check_value(value, "AssignVariableOp")
        return Variable.assign(self, value, use_locking, name, read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        self._check_value(delta, "AssignAddVariableOp")
        return Variable.assign_add(self, delta, use_locking, name, read_value)

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        self._check_value(delta, "AssignSubVariableOp")
        return Variable.assign_sub(self, delta, use_locking, name, read_value)

    def _check_value(self, value, op_name):
        if not is_dtensor(value):
            _check_broadcastable(op_name, 1, convert_to_tensor(value, dtype=self.dtype))

    def __repr__(self):
        t = self._read()
        return (f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}, "
                f'value={_value_text(t)}, layout="{self._layout.to_string()}">')

    __str__ = __repr__

    def numpy(self):
        return self._read().numpy()


# -- clients (one, local) ---------------------------------------------------------------------------
def num_clients():
    return 1


def client_id():
    return 0


def job_name():
    return "localhost"


def jobs():
    return None


def heartbeat_enabled():
    return False


def local_devices(device_type, for_client_id=None):
    """This client's devices of `device_type` (DeviceSpecs)."""
    from ..config.core import list_logical_devices
    from ..config.devices import DeviceSpec
    return [DeviceSpec.from_string(_full_device(d.name))
            for d in list_logical_devices(device_type.upper())]


def num_local_devices(device_type):
    return len(local_devices(device_type))


def num_global_devices(device_type):
    return num_local_devices(device_type)


def device_name():
    """The DTensor device's name."""
    return _DEVICE


def initialize_accelerator_system(device_type=None, enable_coordination_service=True,
                                  num_logical_cpu_devices=None, experimental_reset_context=False,
                                  experimental_enable_megcore=False):
    """Initializes the devices for DTensor (CPU only here); returns the device type."""
    device_type = (device_type or "CPU").upper()
    if device_type != "CPU":
        raise ValueError(f"No {device_type} devices are available on this machine.")
    if num_logical_cpu_devices is not None:
        from ..config import (
            LogicalDeviceConfiguration,
            list_physical_devices,
            set_logical_device_configuration,
        )
        cpu = list_physical_devices("CPU")[0]
        set_logical_device_configuration(cpu, [LogicalDeviceConfiguration()]
                                         * num_logical_cpu_devices)
    return device_type


def shutdown_accelerator_system():
    """Nothing to release on the CPU."""


def barrier(mesh, barrier_name=None, timeout_in_ms=None):
    """With one client, every device is already in step."""


def _unsupported(name, what):
    def fn(*args, **kwargs):
        raise NotImplementedError(f"tf.experimental.dtensor.{name} ({what}) is not implemented "
                                  "in tapeflow")
    fn.__name__ = name
    fn.__doc__ = f"Not implemented in tapeflow: raises NotImplementedError ({what})."
    return fn


DTensorCheckpoint = _unsupported("DTensorCheckpoint", "checkpoints of DTensors")
sharded_save = _unsupported("sharded_save", "sharded checkpoint writing")
name_based_save = _unsupported("name_based_save", "name-based DTensor checkpoints")
name_based_restore = _unsupported("name_based_restore", "name-based DTensor checkpoints")
