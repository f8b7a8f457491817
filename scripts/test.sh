#!/usr/bin/env bash
# The whole test suite (unit, gradient, property-based (fast profile), conformance against
# recorded TF 2.21, seed, examples), after one job in a venv installed from pyproject.toml alone
# (what `pip install .` gives a user: SciPy present, not imported by `import tapeflow`).
source "$(dirname "$0")/_env.sh"
if [ $# -eq 0 ]; then
  source "$root/scripts/_user_install.sh"
fi
python -m pytest tests -p no:cacheprovider "$@"
