"""Run the conformance scenarios against a backend and record what they print.

Usage::

    python runner.py --backend tensorflow|tapeflow [--out DIR] [--only AREA[,AREA...]]

Each scenario lives in ``scenarios/<area>.py``; a scenario starts with a header line
``#@ <name>`` and runs until the next header.  Every scenario is executed with ``exec`` in a
fresh namespace holding ``tf`` (the backend module) and ``np`` (numpy), after
``tf.random.set_seed(0)``.  Its stdout is captured; an uncaught exception is recorded as
``{"type": type(e).__name__, "message": str(e)}``.  A scenario whose source holds a line
``#! isolated`` runs in a fresh subprocess instead (for global switches such as
``tf.compat.v1.disable_eager_execution()`` that cannot be undone).

Records are kept one JSON file per area in ``recorded/<area>.json``, so areas can be
re-recorded independently; ``load_record()`` merges them.

The functions here (``load_scenarios``, ``import_backend``, ``run_scenario``, ``run_all``)
are reused by ``test_conformance.py`` and ``report.py``.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import linecache
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO_DIR = os.path.join(HERE, "scenarios")
RECORD_DIR = os.path.join(HERE, "recorded")
_ISOLATED = re.compile(r"^#![ \t]*isolated[ \t]*$", re.MULTILINE)

_HEADER = re.compile(r"^#@[ \t]+([A-Za-z0-9_]+)[ \t]*$", re.MULTILINE)


def list_areas():
    """Area names, i.e. the ``scenarios/*.py`` files, sorted."""
    return sorted(f[:-3] for f in os.listdir(SCENARIO_DIR)
                  if f.endswith(".py") and not f.startswith("_"))


def split_scenarios(text, area="?"):
    """Split one area file into ``[(name, source), ...]`` on ``#@ name`` header lines.

    Text before the first header is ignored (use it for comments).  Duplicate names raise
    ``ValueError``.
    """
    matches = list(_HEADER.finditer(text))
    out = []
    seen = set()
    for i, m in enumerate(matches):
        name = m.group(1)
        if name in seen:
            raise ValueError("duplicate scenario name %r in area %r" % (name, area))
        seen.add(name)
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        # keep the header line count so tracebacks point at the file's line numbers
        start_line = text.count("\n", 0, m.start())
        body = "\n" * start_line + text[m.end():end]
        out.append((name, body))
    return out


def load_scenarios(only=None):
    """Return an ordered dict ``{"area/name": source}`` for every scenario (or one area)."""
    result = {}
    for area in list_areas():
        if only and area != only:
            continue
        path = os.path.join(SCENARIO_DIR, area + ".py")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        for name, body in split_scenarios(text, area):
            result["%s/%s" % (area, name)] = body
    return result


def scenario_filename(key):
    area = key.split("/", 1)[0]
    return os.path.join(SCENARIO_DIR, area + ".py")


def import_backend(name):
    """Import ``tensorflow`` or ``tapeflow`` and return the module."""
    if name not in ("tensorflow", "tapeflow"):
        raise ValueError("backend must be 'tensorflow' or 'tapeflow', got %r" % (name,))
    if name == "tensorflow":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    else:
        root = os.path.dirname(os.path.dirname(HERE))
        if root not in sys.path:
            sys.path.insert(0, root)
    import importlib
    return importlib.import_module(name)


class ScenarioTimeout(Exception):
    """Raised inside a scenario that runs longer than the runner's time limit."""


@contextlib.contextmanager
def _time_limit(seconds):
    """SIGALRM-based limit (Unix, main thread only); a no-op elsewhere."""
    import signal
    import threading
    if (not seconds or not hasattr(signal, "SIGALRM")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def _raise(signum, frame):
        raise ScenarioTimeout("scenario exceeded %s seconds" % seconds)

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def source_hash(source):
    """Short hash of a scenario's source, stored in the record's meta to spot stale recordings."""
    return hashlib.sha1(source.strip().encode("utf-8")).hexdigest()[:16]


def load_record():
    """The merged record of every ``recorded/<area>.json``: ``{"meta": ..., "scenarios": ...}``
    (``meta["source_sha1"]`` merged too), or None when nothing is recorded."""
    if not os.path.isdir(RECORD_DIR):
        return None
    merged = {"meta": None, "scenarios": {}}
    hashes = {}
    for f in sorted(os.listdir(RECORD_DIR)):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(RECORD_DIR, f), encoding="utf-8") as fh:
            rec = json.load(fh)
        if merged["meta"] is None:
            merged["meta"] = {k: v for k, v in rec["meta"].items() if k != "source_sha1"}
        merged["scenarios"].update(rec["scenarios"])
        hashes.update(rec["meta"].get("source_sha1", {}))
    if merged["meta"] is None:
        return None
    merged["meta"]["source_sha1"] = hashes
    return merged


def is_isolated(source):
    return bool(_ISOLATED.search(source))


def _run_isolated(tf, key, timeout):
    import subprocess
    backend = tf.__name__.split(".")[0]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONHASHSEED="0")
    try:
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "--backend", backend,
                            "--one", key], capture_output=True, text=True, env=env,
                           timeout=timeout + 30)
    except subprocess.TimeoutExpired:
        return {"stdout": "", "exception": {"type": "ScenarioTimeout",
                                            "message": "isolated scenario timed out"}}
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"stdout": r.stdout, "exception": {"type": "IsolatedRunFailed",
                                                  "message": r.stderr[-2000:]}}


def run_scenario(tf, key, source, timeout=60, isolate=True):
    """Run one scenario; return ``{"stdout": str, "exception": None | {"type", "message"}}``.

    The namespace is fresh (``tf``, ``np``); ``tf.random.set_seed(0)`` runs first (skipped if
    the backend has no ``tf.random.set_seed``); numpy print options are restored afterwards.
    A scenario marked ``#! isolated`` runs in a subprocess of its own.
    """
    import numpy as np

    if isolate and is_isolated(source):
        return _run_isolated(tf, key, timeout)

    buf = io.StringIO()
    exc = None
    saved_print = np.get_printoptions()
    namespace = {"tf": tf, "np": np, "__name__": "__scenario__"}
    try:
        filename = "%s[%s]" % (scenario_filename(key), key)
        # The source is registered with linecache so that `inspect.getsource` finds the
        # functions a scenario defines (AutoGraph converts them from their source).
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        code = compile(source, filename, "exec", dont_inherit=True)  # (no future annotations)
        with contextlib.redirect_stdout(buf), _time_limit(timeout):
            random = getattr(tf, "random", None)
            if random is not None and hasattr(random, "set_seed"):
                random.set_seed(0)
            exec(code, namespace)
    except Exception as e:
        exc = {"type": type(e).__name__, "message": str(e)}
    finally:
        np.set_printoptions(**saved_print)
    return {"stdout": buf.getvalue(), "exception": exc}


def backend_meta(tf, backend):
    import numpy as np
    return {"backend": backend,
            "version": getattr(tf, "__version__", "unknown"),
            "numpy": np.__version__,
            "python": "%d.%d.%d" % sys.version_info[:3]}


def run_all(tf, backend, only=None):
    """Run every scenario (or one area) and return the full record dict.

    ``meta["source_sha1"]`` maps each scenario to :func:`source_hash` of the source that
    produced it, so the test suite can tell when a scenario was edited but not re-recorded.
    """
    scenarios = load_scenarios(only)
    results = {}
    for key, source in scenarios.items():
        results[key] = run_scenario(tf, key, source)
    meta = backend_meta(tf, backend)
    meta["source_sha1"] = {key: source_hash(src) for key, src in scenarios.items()}
    return {"meta": meta, "scenarios": results}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", required=True, choices=["tensorflow", "tapeflow"])
    ap.add_argument("--out", help="write one JSON record per area into this directory "
                                  "(default: the whole record to stdout)")
    ap.add_argument("--only", help="run these areas only (comma-separated)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # one scenario, JSON to stdout (isolation)
    args = ap.parse_args(argv)
    tf = import_backend(args.backend)
    if args.one:
        source = load_scenarios(args.one.split("/", 1)[0])[args.one]
        result = run_scenario(tf, args.one, source, isolate=False)
        sys.stdout.write("\n" + json.dumps(result) + "\n")
        return 0
    areas = args.only.split(",") if args.only else list_areas()
    if not args.out:
        merged = None
        for area in areas:
            record = run_all(tf, args.backend, area)
            if merged is None:
                merged = record
            else:
                merged["scenarios"].update(record["scenarios"])
                merged["meta"]["source_sha1"].update(record["meta"]["source_sha1"])
        sys.stdout.write(json.dumps(merged, indent=1, ensure_ascii=False) + "\n")
        return 0
    os.makedirs(args.out, exist_ok=True)
    for area in areas:
        record = run_all(tf, args.backend, area)
        path = os.path.join(args.out, area + ".json")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
        n = len(record["scenarios"])
        nexc = sum(1 for r in record["scenarios"].values() if r["exception"])
        print("wrote %s: %d scenarios (%d ending in an exception)" % (path, n, nexc),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
