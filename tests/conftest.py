"""pytest setup for tests/: make the repo root importable (`import tapeflow`) however pytest is
invoked (`python3 -m pytest` from the root adds it already; `pytest` or another cwd does not)."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
