"""Where in the user's code something happened: call sites and stacks.

The debugging tools name the user's file and line. A *site* is `(filename, lineno, function)`
of the innermost frame outside tapeflow; a *stack* is a tuple of sites, innermost last. Both are
plain tuples, cheap to keep; `frame_summaries()` turns a stack into `traceback.FrameSummary`
objects (with the source line) only when a message or an exception needs them. (What the source
of a frame's function says is read by `_source.CodeFacts`, only when `explain` runs.)
"""
import os
import re
import sys


def _is_library(frame):
    """tapeflow's frames, and the stdlib's `contextlib` (whose frames run tapeflow's context
    managers for the user)."""
    name = frame.f_globals.get("__name__") or ""
    return name.startswith("tapeflow") and (len(name) == 8 or name[8] == ".") or \
        name == "contextlib"


def user_frame():
    """The innermost frame outside tapeflow (None if every frame is tapeflow's)."""
    f = sys._getframe(1)
    while f is not None and _is_library(f):
        f = f.f_back
    return f


def user_site():
    """`(filename, lineno, function)` of the innermost frame outside tapeflow, or None."""
    f = sys._getframe(1)
    while f is not None and _is_library(f):
        f = f.f_back
    if f is None:
        return None
    return (f.f_code.co_filename, f.f_lineno, f.f_code.co_name)


def is_library(frame):
    """True when `frame` runs tapeflow code (or contextlib on its behalf)."""
    return frame is not None and _is_library(frame)


def user_stack(limit=30):
    """The user's frames (outside tapeflow), innermost last, at most `limit` of them."""
    out = []
    f = sys._getframe(1)
    while f is not None and len(out) < limit:
        if not _is_library(f):
            out.append((f.f_code.co_filename, f.f_lineno, f.f_code.co_name))
        f = f.f_back
    out.reverse()
    return tuple(out)


def frame_summaries(stack):
    """`traceback.FrameSummary` objects (source line included) for a stack of sites."""
    import linecache
    import traceback
    out = []
    for filename, lineno, name in stack or ():
        line = linecache.getline(filename, lineno).strip()
        out.append(traceback.FrameSummary(filename, lineno, name, lookup_line=False, line=line))
    return out


def short_path(filename):
    """A file name as a user reads it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(filename)
    except ValueError:
        return filename
    return filename if rel.startswith("..") else rel


def where(site):
    """'file.py:12' for a site (empty for None)."""
    if not site:
        return ""
    return "%s:%d" % (short_path(site[0]), site[1])


def code_line(site):
    """The stripped source line of a site, without a trailing comment ('' when unknown)."""
    if not site:
        return ""
    import linecache
    line = linecache.getline(site[0], site[1]).strip()
    m = re.search(r"\s+#", line)
    if m and line[:m.start()].count("'") % 2 == 0 and line[:m.start()].count('"') % 2 == 0:
        line = line[:m.start()]
    return line


def where_and_code(site):
    """'file.py:12 (`y = x * w`)', or just 'file.py:12' when the line is unknown."""
    text = where(site)
    code = code_line(site)
    if code:
        text += " (`%s`)" % (code if len(code) <= 70 else code[:67] + "...")
    return text
