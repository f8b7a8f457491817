#!/usr/bin/env python3
"""Run every recorded conformance scenario with tapeflow and report.

    python3 tests/conformance/report.py [--only AREA] [--no-diffs]

Prints ``<area>  passed/total`` per area, a total, then each failure with its diff.
Exit status: 0 if everything passes, 1 if any scenario fails, 2 if tapeflow cannot be
imported or the recording is missing.
"""
from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import compare
import runner


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="report a single area")
    ap.add_argument("--no-diffs", action="store_true", help="list failures without diffs")
    args = ap.parse_args(argv)

    record = runner.load_record()
    if record is None:
        print("nothing recorded in %s; run python3 tests/conformance/record.py" % runner.RECORD_DIR)
        return 2
    recorded = record["scenarios"]
    try:
        tf = runner.import_backend("tapeflow")
    except Exception as e:
        print("cannot import tapeflow: %s: %s" % (type(e).__name__, e))
        return 2

    scenarios = runner.load_scenarios(args.only)
    per_area = {}
    failures = []
    for key, source in scenarios.items():
        area = key.split("/", 1)[0]
        counts = per_area.setdefault(area, [0, 0])
        counts[1] += 1
        if key not in recorded:
            failures.append((key, "not recorded; run python3 tests/conformance/record.py"))
            continue
        actual = runner.run_scenario(tf, key, source)
        diff = compare.compare(recorded[key], actual)
        if diff is None:
            counts[0] += 1
        else:
            failures.append((key, diff))

    width = max([len(a) for a in per_area] + [5])
    for area, (ok, total) in per_area.items():
        print("%-*s  %d/%d" % (width, area, ok, total))
    passed = sum(ok for ok, _ in per_area.values())
    total = sum(t for _, t in per_area.values())
    print("%-*s  %d/%d" % (width, "TOTAL", passed, total))
    if failures:
        print("\n%d failure(s):" % len(failures))
        for key, diff in failures:
            if args.no_diffs:
                print("  " + key)
            else:
                print("\n=== %s\n%s" % (key, diff))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
