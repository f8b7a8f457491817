#!/usr/bin/env bash
# The whole test suite (unit, gradient, conformance against recorded TF 2.21, seed, examples).
source "$(dirname "$0")/_env.sh"
python -m pytest tests -p no:cacheprovider "$@"
