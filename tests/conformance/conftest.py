"""pytest setup for the conformance suite: make the repo root importable (for
``import tapeflow``) however pytest is invoked; test_conformance.py adds this directory
itself for ``runner``/``compare``."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(ROOT)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
