#!/usr/bin/env bash
# The main demo: the seed tutorial, a tour of gradients, an MLP custom loop and a Keras model.fit run.
source "$(dirname "$0")/_env.sh"
python examples/demo.py "$@"
