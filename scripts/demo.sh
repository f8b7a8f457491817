#!/usr/bin/env bash
# The main demo: the seed tutorial, then a tour of gradients.
source "$(dirname "$0")/_env.sh"
python examples/demo.py "$@"
