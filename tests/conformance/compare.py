"""Compare one recorded scenario result with another.

``compare(expected, actual)`` takes two scenario records of the form
``{"stdout": str, "exception": None | {"type": str, "message": str}}`` and returns ``None``
when they agree, else a readable multi-line diff (a ``str``).

The rule
--------
stdout:
  * Equal text passes.
  * Otherwise both texts are split into lines; the line counts must be equal.  Each text
    is tokenized into *numbers* and *other tokens* (whitespace separates tokens and is
    otherwise ignored, so column padding inside a line may differ -- numpy pads columns by
    digit count).  A number is an int (``12``, ``-3``), a float (``1.``, ``-0.5``,
    ``1e-05``, ``2.5e+10``), ``nan``, ``inf`` or ``-inf``; a number glued to letters
    (``float32``, ``x0``) is part of a word, not a number.  The token sequences must have
    the same length; other tokens must be equal; numbers must both be ints and equal, or
    both be floats (``nan``/``inf`` count as floats) and close:
    ``|a - b| <= 1e-6 + 1e-5 * |b|`` (``nan`` equals ``nan``; infinities must be equal).
    Tokens are also compared per line, so a token may not move to another line.
exception:
  * Compared by class name only (``type(e).__name__``); the messages are shown in the diff
    for information but do not decide the result.  ``None`` must match ``None``.
"""
from __future__ import annotations

import difflib
import math
import re

RTOL = 1e-5
ATOL = 1e-6

_TOKEN = re.compile(
    r"""
    (?P<num>
        (?<![A-Za-z0-9_.])            # not glued to a word or another number
        [-+]?
        (?: nan | inf
          | \d+\.\d*(?:[eE][-+]?\d+)?
          | \.\d+(?:[eE][-+]?\d+)?
          | \d+(?:[eE][-+]?\d+)?
        )
        (?![A-Za-z0-9_])
    )
    | (?P<word>[A-Za-z0-9_]+)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)


class Num:
    __slots__ = ("text", "value", "is_int")

    def __init__(self, text):
        self.text = text
        t = text.lstrip("+")
        self.is_int = re.fullmatch(r"-?\d+", t) is not None
        self.value = int(t) if self.is_int else float(t)

    def __repr__(self):
        return self.text


def tokenize(text):
    """Tokenize one text into ``[[token, ...] per line]``; numbers become ``Num``."""
    lines = []
    for line in text.split("\n"):
        toks = []
        for m in _TOKEN.finditer(line):
            if m.group("num") is not None:
                toks.append(Num(m.group("num")))
            else:
                toks.append(m.group(0))
        lines.append(toks)
    return lines


def numbers_close(a, b):
    if a.is_int != b.is_int:
        return False
    if a.is_int:
        return a.value == b.value
    x, y = a.value, b.value
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= ATOL + RTOL * abs(y)


def tokens_equal(a, b):
    if isinstance(a, Num) and isinstance(b, Num):
        return numbers_close(a, b)
    if isinstance(a, Num) or isinstance(b, Num):
        return False
    return a == b


def compare_stdout(expected, actual):
    """Return None if the two stdout texts agree under the rule, else a reason string."""
    if expected == actual:
        return None
    exp_lines = tokenize(expected)
    act_lines = tokenize(actual)
    if len(exp_lines) != len(act_lines):
        ne, na = len(expected.splitlines()), len(actual.splitlines())
        if ne == na:
            return "trailing newline differs"
        return "line count differs: expected %d line(s), got %d" % (ne, na)
    for i, (el, al) in enumerate(zip(exp_lines, act_lines), 1):
        if len(el) != len(al):
            return "line %d: token count differs (%d vs %d)" % (i, len(el), len(al))
        for j, (et, at) in enumerate(zip(el, al)):
            if not tokens_equal(et, at):
                return "line %d, token %d: expected %r, got %r" % (i, j + 1, str(et), str(at))
    return None


def _fmt_exc(e):
    if e is None:
        return "no exception"
    return "%s: %s" % (e["type"], e["message"])


def compare(expected, actual):
    """Compare two scenario records; ``None`` if they agree, else a readable diff."""
    problems = []
    reason = compare_stdout(expected.get("stdout", ""), actual.get("stdout", ""))
    if reason is not None:
        diff = difflib.unified_diff(
            expected.get("stdout", "").splitlines(), actual.get("stdout", "").splitlines(),
            "expected (tensorflow)", "actual", lineterm="", n=2)
        problems.append("stdout differs (%s):\n%s" % (reason, "\n".join(diff)))
    ee, ae = expected.get("exception"), actual.get("exception")
    if (ee is None) != (ae is None) or (ee is not None and ee["type"] != ae["type"]):
        problems.append("exception differs:\n  expected: %s\n  actual:   %s"
                        % (_fmt_exc(ee), _fmt_exc(ae)))
    elif ee is not None and ee.get("message") != ae.get("message"):
        # same class: passes, but nothing to report
        pass
    if not problems:
        return None
    return "\n".join(problems)
