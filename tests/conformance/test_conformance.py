"""Conformance tests: every scenario recorded from real TensorFlow (recorded/<area>.json) is run
with tapeflow and compared with compare.compare (see compare.py / README.md for the rule).

This module never imports tensorflow.
"""
from __future__ import annotations

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import compare as conformance_compare  # noqa: E402
import runner as conformance_runner  # noqa: E402

RECORD = conformance_runner.load_record()
RECORDED = RECORD["scenarios"] if RECORD else {}
SCENARIOS = conformance_runner.load_scenarios()


def _known_differences():
    """`known_differences.txt`: scenarios expected to differ from TF, with the reason."""
    out = {}
    path = os.path.join(HERE, "known_differences.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, reason = line.partition(":")
                out[key.strip()] = reason.strip()
    return out


KNOWN = _known_differences()


_current_area = [None]


def _enter_area(area):
    """Each area was recorded in a fresh TF process: at an area's first scenario, the process-wide
    state a scenario can observe (Keras's default-name counters) starts again."""
    if _current_area[0] != area:
        _current_area[0] = area
        keras_backend = sys.modules.get("tapeflow.keras.backend")
        if keras_backend is not None:
            keras_backend.clear_session()


@pytest.fixture(scope="module")
def tapeflow_module():
    try:
        return conformance_runner.import_backend("tapeflow")
    except Exception as e:  # noqa: BLE001
        pytest.fail("cannot import tapeflow: %s: %s" % (type(e).__name__, e), pytrace=False)


def test_record_exists():
    assert RECORD is not None, (
        "%s is empty; run `python3 tests/conformance/record.py`" % conformance_runner.RECORD_DIR)
    assert RECORD["meta"]["backend"] == "tensorflow"


def test_every_scenario_is_recorded():
    missing = sorted(set(SCENARIOS) - set(RECORDED))
    assert not missing, (
        "%d scenario(s) in scenarios/ have no recording; run "
        "`python3 tests/conformance/record.py`:\n  %s" % (len(missing), "\n  ".join(missing)))


def test_recordings_are_current():
    hashes = (RECORD or {}).get("meta", {}).get("source_sha1", {})
    stale = sorted(k for k, src in SCENARIOS.items()
                   if k in hashes and hashes[k] != conformance_runner.source_hash(src))
    assert not stale, (
        "%d scenario(s) were edited after recording; run "
        "`python3 tests/conformance/record.py`:\n  %s" % (len(stale), "\n  ".join(stale)))


@pytest.mark.parametrize("key", list(RECORDED), ids=list(RECORDED))
def test_scenario(key, tapeflow_module):
    if key not in SCENARIOS:
        pytest.fail("%s is recorded but no longer exists in scenarios/; re-record" % key,
                    pytrace=False)
    _enter_area(key.split("/", 1)[0])
    actual = conformance_runner.run_scenario(tapeflow_module, key, SCENARIOS[key])
    diff = conformance_compare.compare(RECORDED[key], actual)
    if key in KNOWN:
        if diff is None:
            pytest.fail("%s now matches TensorFlow: remove it from known_differences.txt" % key,
                        pytrace=False)
        pytest.xfail(KNOWN[key])
    if diff is not None:
        pytest.fail("%s differs from TensorFlow:\n%s" % (key, diff), pytrace=False)
