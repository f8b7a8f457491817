"""Every docstring example (`>>>`) in the tapeflow package runs and prints what it shows (what
TF 2.21 prints, for the public API), with `tf` = tapeflow and `np` = numpy in its namespace
beside the module's own names."""
import doctest
import importlib
import pkgutil

import numpy as np
import pytest

import tapeflow as tf

FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
MODULES = ["tapeflow"] + sorted(m.name for m in pkgutil.walk_packages(tf.__path__, "tapeflow."))


def _tests(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    return [t for t in finder.find(module, name, extraglobs={"tf": tf, "np": np}) if t.examples]


def test_the_examples_are_found():
    found = {name: sum(len(t.examples) for t in _tests(name)) for name in MODULES}
    assert sum(found.values()) > 800
    assert found["tapeflow.ops.math_ops"] > 50 and found["tapeflow"] > 0


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    failures = []
    for test in _tests(name):
        runner = doctest.DocTestRunner(optionflags=FLAGS)
        runner.run(test, out=failures.append)
    assert not failures, "".join(failures)
