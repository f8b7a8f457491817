"""The docstring examples of the special, segment and indexing modules run and print what they
show."""
import doctest
import importlib

import numpy as np
import pytest

import tapeflow as tf

MODULES = ["tapeflow.ops.special_math_ops", "tapeflow.ops.segment_ops", "tapeflow.ops.indexing_ops",
           "tapeflow.prims.special", "tapeflow.prims.segment", "tapeflow.prims.indexing"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), extraglobs={"tf": tf, "np": np})
    assert result.attempted > 0
    assert result.failed == 0
