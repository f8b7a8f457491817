# tf.experimental.ExtensionType: fields from annotations, conversion and validation, repr,
# immutability, equality, Spec, tf.nest and tf.function (the extension_type guide's basics).

#@ masked_tensor_basics
class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

mt = MaskedTensor(values=[1, 2, 3], mask=[True, True, False])
print(mt)
print(mt.values)
print(mt.mask)
print(mt._type_spec)
print(isinstance(mt, tf.experimental.ExtensionType))
print(MaskedTensor(values=[1], mask="x").mask.dtype)

#@ immutability_and_missing
class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

mt = MaskedTensor([1, 2], [True, False])
try:
    mt.values = 3
except Exception as e:
    print(type(e).__name__, e)
try:
    MaskedTensor([1])
except Exception as e:
    print(type(e).__name__, e)
try:
    MaskedTensor([1], [True], [3])
except Exception as e:
    print(type(e).__name__)

#@ python_fields_and_validate
from typing import Tuple, Optional, Mapping

class Pt(tf.experimental.ExtensionType):
    x: float
    name: str = "p"
    shape: tf.TensorShape = None
    dt: tf.DType = tf.float32
    tags: Tuple[int, ...] = ()
    opt: Optional[tf.Tensor] = None

    def __validate__(self):
        if self.x < 0:
            raise ValueError("neg")

    def norm(self):
        return self.x * 2

p = Pt(3.0, shape=[2, None], tags=[1, 2])
print(p, p.norm(), p.tags, p.shape)
print(Pt(1.5, opt=[1.0, 2.0]).opt)
for bad in (lambda: Pt(-1.0), lambda: Pt("a"), lambda: Pt(3), lambda: Pt(1.0, tags=["a"])):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

#@ equality
class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

mt = MaskedTensor([1, 2, 3], [True, True, False])
print(mt == MaskedTensor([1, 2, 3], [True, True, False]))
print(mt == MaskedTensor([1, 2, 4], [True, True, False]))
print(mt != mt)
print(mt == MaskedTensor([1, 2], [True, True]))

#@ custom_init_and_nesting
class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

class W(tf.experimental.ExtensionType):
    m: MaskedTensor
    k: int

    def __init__(self, v, k=1):
        self.m = MaskedTensor(v, tf.ones_like(v, tf.bool))
        self.k = k

w = W([1.0, 2.0])
print(w)
print(w._type_spec)
print(W([3.0], k=4).k)
try:
    W([1.0], k=1.5)
except Exception as e:
    print(type(e).__name__, e)

#@ spec_and_nest
class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

mt = MaskedTensor([1, 2, 3], [True, True, False])
print(tf.nest.flatten(mt, expand_composites=True))
print(tf.nest.map_structure(lambda t: tf.identity(t), mt, expand_composites=True))
spec = MaskedTensor.Spec(values=tf.TensorSpec([None], tf.int32), mask=tf.TensorSpec([None], tf.bool))
print(spec)
print(spec == MaskedTensor.Spec(values=tf.TensorSpec([None], tf.int32), mask=tf.TensorSpec([None], tf.bool)))
print(spec.values)
print(mt._type_spec == MaskedTensor([4, 5, 6], [True, True, True])._type_spec)

#@ tf_function_args_and_results
class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

@tf.function
def double(m):
    return MaskedTensor(m.values * 2, m.mask)

mt = MaskedTensor([1, 2, 3], [True, True, False])
print(double(mt))
print(double(MaskedTensor([5, 6, 7], [False, True, False])).values)

#@ methods_and_properties
class MaskedTensor(tf.experimental.ExtensionType):
    values: tf.Tensor
    mask: tf.Tensor

    @property
    def shape(self):
        return self.values.shape

    def with_default(self, default):
        return tf.where(self.mask, self.values, default)

    def __getitem__(self, key):
        return MaskedTensor(self.values[key], self.mask[key])

mt = MaskedTensor([[1, 2], [3, 4]], [[True, False], [False, True]])
print(mt.shape)
print(mt.with_default(0))
print(mt[1])

#@ mapping_field
from typing import Mapping

class Features(tf.experimental.ExtensionType):
    feats: Mapping[str, tf.Tensor]

f = Features({"a": [1.0, 2.0], "b": [3]})
print(f.feats["a"], f.feats["b"].dtype, sorted(f.feats))
print(tf.nest.flatten(f, expand_composites=True))
