#!/usr/bin/env bash
# The long property-based profile (tests/test_properties.py, >= 10,000 examples in all): random
# compositions of ops checked against finite differences (first and second order), forward mode
# against reverse mode, and Hessian-vector products. Prints the examples run and the failures
# (each with hypothesis's minimal reproducer); exits non-zero on any failure.
source "$(dirname "$0")/_env.sh"
log=$(mktemp)
status=0
TAPEFLOW_HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py -p no:cacheprovider \
  --hypothesis-show-statistics "$@" > "$log" 2>&1 || status=$?
grep -E "Falsifying|^E  |^tests/.*::|passing|FAILED" "$log" || true
python - "$log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
runs = [tuple(map(int, m)) for m in re.findall(r"(\d+) passing, (\d+) failing", text)]
print(f"property examples: {sum(p + f for p, f in runs)} run ({sum(p for p, _ in runs)} passing,"
      f" {sum(f for _, f in runs)} failing) over {len(runs)} properties")
PY
grep -E "[0-9]+ (passed|failed)" "$log" | tail -1 || true
rm -f "$log"
exit $status
