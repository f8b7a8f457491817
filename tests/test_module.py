"""tf.Module: names, discovery order, name scopes."""
import pytest

import tapeflow as tf


class Block(tf.Module):
    def __init__(self, name=None):
        super().__init__(name=name)
        self.w = tf.Variable([1.0], name="w")
        self.b = tf.Variable([0.0], name="b")
        self.n = tf.Variable(1, name="n", trainable=False)


class Net(tf.Module):
    def __init__(self):
        super().__init__()
        self.layers = [Block(name="l0"), Block(name="l1")]
        self.scale = tf.Variable(2.0, name="scale")
        self.extra = {"z": tf.Variable(1.0, name="z"), "a": tf.Variable(1.0, name="a")}


def test_default_name_is_snake_case():
    assert Net().name == "net"
    assert tf.Module().name == "module"
    with pytest.raises(ValueError):
        tf.Module(name="bad name")


def test_variables_sorted_by_attribute_then_submodules():
    names = [v.name for v in Net().variables]
    assert names == ["a:0", "z:0", "scale:0", "b:0", "n:0", "w:0", "b:0", "n:0", "w:0"]
    assert [v.name for v in Net().trainable_variables].count("n:0") == 0
    assert [v.name for v in Net().non_trainable_variables] == ["n:0", "n:0"]
    assert [m.name for m in Net().submodules] == ["l0", "l1"]


def test_shared_objects_reported_once():
    m = tf.Module()
    v = tf.Variable(1.0)
    m.a, m.b = v, [v]
    assert len(m.variables) == 1


def test_cycles_terminate():
    a, b = tf.Module(name="a"), tf.Module(name="b")
    a.other, b.other = b, a
    assert [m.name for m in a.submodules] == ["b"]


def test_name_scope_prefixes_variables():
    with tf.name_scope("outer") as scope:
        assert scope == "outer/"
        m = tf.Module(name="inner")
        assert tf.Variable(1.0, name="x").name == "outer/x:0"
    assert m.name_scope.name == "outer/inner/"
    with m.name_scope as s:
        assert s == "outer/inner/"
        assert tf.Variable(1.0, name="y").name == "outer/inner/y:0"
    assert tf.Variable(1.0, name="free").name == "free:0"


def test_name_scope_restored_after_exception():
    with pytest.raises(RuntimeError):
        with tf.name_scope("boom"):
            raise RuntimeError
    assert tf.Variable(1.0, name="v").name == "v:0"


def test_with_name_scope():
    class Lazy(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self, x):
            self.v = tf.Variable(x, name="v")
            return self.v

    assert Lazy(name="lazy")(1.0).name == "lazy/v:0"
