#!/usr/bin/env python3
"""Writes docs/coverage.md: every public tapeflow function, its namespace path(s), and whether it
is differentiable.

    python3 tools/coverage_table.py [--out docs/coverage.md]

It imports tapeflow, walks the public namespaces that exist at run time (tf, tf.math, tf.nn,
tf.linalg, tf.random, tf.nest, tf.autodiff, tf.keras.* ...; implementation packages such as
tapeflow.ops and tapeflow.framework are skipped) and lists each function object once, with all
the paths it is reachable by.

Differentiability is probed, not declared: the function is called on small float64 inputs
(a 2x2 matrix in (0, 1) that is also symmetric positive definite, plus integer or scalar
arguments where a float does not fit) under a GradientTape and a ForwardAccumulator.
  yes           reverse mode and forward mode both give a gradient for some float input
  reverse only  / forward only: just one of the two (zero tangents next to no gradient count as no)
  no            the call works but no gradient reaches the inputs (None: TF's "not differentiable",
                integer or boolean outputs, constructors)
  no gradient   the gradient raised LookupError (TF has no gradient registered either)
  n/a           no automatic probe applies (no tensor arguments, a side effect, or every candidate
                argument list failed)
"""
import argparse
import contextlib
import inspect
import io
import os
import re
import signal
import sys
import types
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import tapeflow as tf
from tapeflow.framework.tensor import Tensor

PRIVATE_PACKAGES = {"framework", "ops", "training", "module", "function"}
# Namespaces TF 2 has; a tapeflow module outside them (e.g. tf.keras.optimizers.adam, where an
# implementation file happens to be reachable) is not public API.
TF_NAMESPACES = {"tf", "tf.math", "tf.nn", "tf.linalg", "tf.random", "tf.random.experimental",
                 "tf.nest", "tf.autodiff", "tf.test", "tf.errors", "tf.dtypes", "tf.compat",
                 "tf.compat.v1", "tf.train", "tf.signal", "tf.image", "tf.strings", "tf.bitwise",
                 "tf.sparse", "tf.config", "tf.data", "tf.io", "tf.debugging", "tf.experimental",
                 "tf.summary", "tf.saved_model", "tf.types", "tf.keras"} | {
    "tf.keras." + n for n in ("activations", "backend", "callbacks", "constraints", "datasets",
                              "initializers", "layers", "losses", "metrics", "mixed_precision",
                              "models", "optimizers", "optimizers.schedules", "preprocessing",
                              "regularizers", "utils")}
HELPERS = {"wrap", "op_error"}  # internal helpers that namespace modules import for their own use
# Functions with side effects or state, or that need a model/training setup: never called.
NO_PROBE = re.compile(r"(seed|enable|disable|print|save|load|write|read|fit|set_|config|"
                      r"register|run_functions|experimental|summary|checkpoint|global_policy|"
                      r"clear_session|get_|deserialize|serialize|function$|custom_gradient|"
                      r"recompute_grad|grad_pass_through|no_gradient|RegisterGradient|"
                      r"NotDifferentiable|NoGradient|executing_eagerly)")

X = np.array([[0.9, 0.2], [0.2, 0.7]])  # in (0, 1), symmetric positive definite, distinct values


def public_namespaces():
    """(dotted path, module) for tapeflow and each public sub-namespace, breadth first."""
    out, seen = [], set()
    queue = [("tf", tf)]
    while queue:
        path, mod = queue.pop(0)
        if id(mod) in seen:
            continue
        seen.add(id(mod))
        out.append((path, mod))
        for name in sorted(dir(mod)):
            if name.startswith("_") or name in PRIVATE_PACKAGES:
                continue
            sub = getattr(mod, name, None)
            if isinstance(sub, types.ModuleType) and getattr(sub, "__name__", "").startswith("tapeflow"):
                parts = sub.__name__.split(".")[1:]
                if not any(p.startswith("_") or p in PRIVATE_PACKAGES for p in parts) and \
                        path + "." + name in TF_NAMESPACES:
                    queue.append((path + "." + name, sub))
    return out


def public_functions():
    """{id: (function, [paths])} over all public namespaces."""
    found = {}
    for path, mod in public_namespaces():
        for name in sorted(dir(mod)):
            if name.startswith("_") or name in HELPERS:
                continue
            obj = getattr(mod, name, None)
            if getattr(obj, "__module__", None) == "tapeflow.framework.op":  # engine internals
                continue
            if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)) or (
                    callable(obj) and type(obj).__name__ == "function"):
                if not getattr(obj, "__module__", "") or not str(obj.__module__).startswith("tapeflow"):
                    continue
                entry = found.setdefault(id(obj), (obj, []))
                entry[1].append(path + "." + name)
    return found


def _arr(*shape):
    """Distinct values in (0, 1) of the given shape (no ties for max-pooling or sorting)."""
    n = int(np.prod(shape))
    return tf.constant(((np.arange(n) * 7) % n + 1.0).reshape(shape) / (n + 1))


# (args, kwargs) for functions whose arguments are not plain matrices, or are keywords in TF.
SPECIAL_ARGS = {
    "einsum": lambda: (["ij,jk->ik", tf.constant(X), tf.constant(X)], {}),
    "cross": lambda: ([_arr(2, 3), _arr(2, 3)[::-1]], {}),
    "set_diag": lambda: ([tf.constant(X), tf.constant(X[0])], {}),
    "polyval": lambda: ([[tf.constant(X), tf.constant(X)], tf.constant(X)], {}),
    "meshgrid": lambda: ([tf.constant(X[0]), tf.constant(X[1])], {}),
    "angle": lambda: ([tf.complex(tf.constant(X), tf.constant(X))], {}),
    "scatter_nd": lambda: ([tf.constant([[0]]), tf.constant(X[:1]), [2, 2]], {}),
    "unique": lambda: ([tf.constant(X[0])], {}),
    "unique_with_counts": lambda: ([tf.constant(X[0])], {}),
    "reverse_sequence": lambda: ([tf.constant(X), [1, 2]], {"seq_axis": 1, "batch_axis": 0}),
    "broadcast_to": lambda: ([tf.constant(X[0]), [3, 2]], {}),
    "conv1d": lambda: ([_arr(1, 4, 1), _arr(2, 1, 1)], {"stride": 1, "padding": "VALID"}),
    "conv2d": lambda: ([_arr(1, 3, 3, 1), _arr(2, 2, 1, 1)], {"strides": 1, "padding": "VALID"}),
    "conv3d": lambda: ([_arr(1, 3, 3, 3, 1), _arr(2, 2, 2, 1, 1)],
                       {"strides": [1, 1, 1, 1, 1], "padding": "VALID"}),
    "convolution": lambda: ([_arr(1, 3, 3, 1), _arr(2, 2, 1, 1)], {"padding": "VALID"}),
    "depthwise_conv2d": lambda: ([_arr(1, 3, 3, 1), _arr(2, 2, 1, 1)],
                                 {"strides": [1, 1, 1, 1], "padding": "VALID"}),
    "conv1d_transpose": lambda: ([_arr(1, 2, 1), _arr(2, 1, 1)],
                                 {"output_shape": [1, 3, 1], "strides": 1, "padding": "VALID"}),
    "conv2d_transpose": lambda: ([_arr(1, 2, 2, 1), _arr(2, 2, 1, 1)],
                                 {"output_shape": [1, 3, 3, 1], "strides": 1, "padding": "VALID"}),
    "conv3d_transpose": lambda: ([_arr(1, 2, 2, 2, 1), _arr(2, 2, 2, 1, 1)],
                                 {"output_shape": [1, 3, 3, 3, 1], "strides": [1, 1, 1, 1, 1],
                                  "padding": "VALID"}),
    "pool": lambda: ([_arr(1, 4, 4, 1), [2, 2], "MAX"], {"strides": [2, 2], "padding": "VALID"}),
    "batch_normalization": lambda: ([tf.constant(X), tf.constant(X[0]), tf.constant(X[1]),
                                     tf.constant(X[0]), tf.constant(X[1]), 1e-3], {}),
    "dropout": lambda: ([tf.constant(X)], {"rate": 0.5}),
    "sigmoid_cross_entropy_with_logits": lambda: ([], {"labels": tf.constant(X), "logits": tf.constant(X)}),
    "sparse_softmax_cross_entropy_with_logits": lambda: (
        [], {"labels": tf.constant([0, 1]), "logits": tf.constant(X)}),
    "sparse_categorical_crossentropy": lambda: ([tf.constant([0, 1]), tf.constant(X)], {}),
}
for _rank, _shape in ((1, (1, 4, 1)), (2, (1, 4, 4, 1)), (3, (1, 4, 4, 4, 1))):
    for _kind in ("max_pool", "avg_pool"):
        SPECIAL_ARGS[f"{_kind}{_rank}d"] = lambda s=_shape: ([_arr(*s), 2, 2, "VALID"], {})
SPECIAL_ARGS["max_pool"] = SPECIAL_ARGS["max_pool2d"]
SPECIAL_ARGS["avg_pool"] = SPECIAL_ARGS["avg_pool2d"]


def _candidates(n_required):
    f = lambda: tf.constant(X)
    others = [f, lambda: tf.constant([0, 1]), lambda: 1, lambda: tf.constant(X[0]), lambda: [[0]],
              lambda: [2, 2]]
    if n_required == 1:
        yield [f]
        yield [lambda: [tf.constant(X), tf.constant(X)]]
        return
    if n_required == 2:
        for o in others:
            yield [f, o]
        yield [lambda: [tf.constant(X)], lambda: 1.0]
        return
    if n_required == 3:
        yield [f, f, f]
        yield [f, lambda: tf.constant([[0]]), lambda: tf.constant([0.5])]
        yield [f, lambda: tf.constant([0, 1]), lambda: 2]
        yield [f, lambda: 0, lambda: 0]
        return


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def _flat_tensors(value):
    out = []
    for v in tf.nest.flatten(value) if not isinstance(value, Tensor) else [value]:
        if isinstance(v, Tensor) and v._value.dtype.kind in "fc":
            out.append(v)
    return out


def probe(fn):
    name = getattr(fn, "__name__", "")
    if NO_PROBE.search(name) and name not in SPECIAL_ARGS:
        return "n/a"
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return "n/a"
    required = [p for p in sig.parameters.values()
                if p.default is inspect.Parameter.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if name in SPECIAL_ARGS:
        candidates = [SPECIAL_ARGS[name]]
    elif 1 <= len(required) <= 3:
        candidates = [lambda c=c: ([make() for make in c], {}) for c in _candidates(len(required))]
    else:
        return "n/a"
    for cand in candidates:
        args, kwargs = cand()
        sources = [a for a in tf.nest.flatten([args, list(kwargs.values())])
                   if isinstance(a, Tensor) and a._value.dtype.kind in "fc"]
        if not sources:
            continue
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(3)
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                warnings.simplefilter("ignore")
                with tf.GradientTape(persistent=True) as tape:
                    tape.watch(sources)
                    with tf.autodiff.ForwardAccumulator(sources, [tf.ones_like(s) for s in sources]) as acc:
                        out = fn(*args, **kwargs)
                outs = _flat_tensors(out)
                if not outs and not any(isinstance(v, Tensor) for v in tf.nest.flatten(out)):
                    continue
                try:
                    grads = tape.gradient(outs, sources) if outs else [None]
                    rev = any(g is not None for g in grads)
                except LookupError as e:
                    if type(e) is not LookupError:
                        raise
                    return "no gradient"
                tangents = [acc.jvp(o) for o in outs]
                fwd = any(j is not None for j in tangents)
                if not rev and not any(j is not None and np.any(j.numpy() != 0) for j in tangents):
                    fwd = False  # zero tangents of a non-differentiable op (floor, rint, ...)
        except (_Timeout, Exception) as e:
            if type(e) is LookupError:  # a primitive without a gradient or JVP rule (not KeyError)
                return "no gradient"
            continue
        finally:
            signal.alarm(0)
        if rev and fwd:
            return "yes"
        if rev:
            return "reverse only"
        if fwd:
            return "forward only"
        return "no"
    return "n/a"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(HERE), "docs", "coverage.md"))
    args = ap.parse_args(argv)
    found = public_functions()
    rows = []
    for fn, paths in found.values():
        paths = sorted(set(paths), key=lambda p: (p.count("."), p))
        rows.append((paths[0], paths, probe(fn)))
    rows.sort(key=lambda r: r[0].lower())
    counts = {}
    for _, _, d in rows:
        counts[d] = counts.get(d, 0) + 1
    lines = [
        "# tapeflow API coverage",
        "",
        "Generated by `python3 tools/coverage_table.py`; do not edit by hand.",
        "",
        f"**{len(rows)} public functions** in {len(public_namespaces())} namespaces. Differentiable "
        "(probed on small float64 inputs under a GradientTape and a ForwardAccumulator): "
        + ", ".join(f"{k}: {counts[k]}" for k in ("yes", "reverse only", "forward only", "no",
                                                    "no gradient", "n/a") if k in counts) + ".",
        "",
        "`yes`: reverse and forward mode; `no`: runs but no gradient reaches the inputs (TF's "
        "non-differentiable ops, integer/bool results); `no gradient`: raises LookupError as TF does; "
        "`n/a`: no automatic probe applies (see the tool's docstring).",
        "",
        "| function | namespaces | differentiable |",
        "|---|---|---|",
    ]
    for primary, paths, d in rows:
        lines.append(f"| `{primary}` | {', '.join('`' + p + '`' for p in paths)} | {d} |")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}: {len(rows)} public functions ({counts})")


if __name__ == "__main__":
    main()
