#!/usr/bin/env bash
# The stress test (benchmarks/stress.py): 8 threads sharing variables, 100,000 tapes with flat
# memory, checkpoints saved under SIGKILL. Prints its figures; non-zero exit on any violation.
source "$(dirname "$0")/_env.sh"
python benchmarks/stress.py "$@"
