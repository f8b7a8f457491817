"""Unit tests of the comparison rule in compare.py (no backend needed)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from compare import compare, compare_stdout


def rec(stdout, exc=None, msg=""):
    return {"stdout": stdout, "exception": None if exc is None else {"type": exc, "message": msg}}


def test_exact_match():
    assert compare(rec("a\n"), rec("a\n")) is None


def test_float_tolerance_and_padding():
    exp = "tf.Tensor([0.33333334 0.6666667 ], shape=(2,), dtype=float32)\n"
    act = "tf.Tensor([0.3333333  0.66666675], shape=(2,), dtype=float32)\n"
    assert compare(rec(exp), rec(act)) is None


def test_float_outside_tolerance():
    assert compare_stdout("1.0\n", "1.001\n") is not None


def test_int_vs_float_kind_differs():
    assert compare_stdout("[1 2]\n", "[1. 2.]\n") is not None


def test_ints_exact():
    assert compare_stdout("2147483648\n", "2147483649\n") is not None


def test_nan_inf():
    assert compare_stdout("[nan -inf inf]\n", "[ nan -inf  inf]\n") is None
    assert compare_stdout("nan\n", "inf\n") is not None


def test_words_with_digits_are_not_numbers():
    assert compare_stdout("dtype=float32\n", "dtype=float64\n") is not None


def test_line_count_must_match():
    assert compare_stdout("[[1 2]\n [3 4]]\n", "[[1 2] [3 4]]\n") is not None


def test_exception_class_only():
    assert compare(rec("", "ValueError", "a"), rec("", "ValueError", "b")) is None
    assert compare(rec("", "ValueError"), rec("", "TypeError")) is not None
    assert compare(rec(""), rec("", "TypeError")) is not None


def test_scientific_notation():
    assert compare_stdout("[1.0000001e-07 6.4872128e-01]\n", "[1.e-07 6.4872128e-01]\n") is None
