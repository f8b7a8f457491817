"""Eager speed against PyTorch, hand-written NumPy and TF 2.21 (issue 9): printed, not asserted.

    python benchmarks/bench_eager.py            # tapeflow and NumPy; PyTorch when importable
    TAPEFLOW_BENCH_TF=/tmp/tfref/bin/python python benchmarks/bench_eager.py   # TF's column too

(/tmp/tfref/bin/python is used for TF when it exists and the variable is unset; set it to an empty
string to skip TF.) To time a tapeflow checkout with another interpreter's PyTorch, run that
interpreter on this file: the checkout it lives in goes first on sys.path.

Every workload is one function of a `tf` module, so the very same code runs on tapeflow and, in
a subprocess, on TensorFlow. The machine is shared and noisy, so each figure is the minimum over
rounds in which the implementations of one workload take turns (interleaved), each round the
mean of a few calls. Multi-threaded figures (PyTorch's, BLAS's, tapeflow's elementwise pool) are
wall-clock times, so a loaded machine hurts all of them alike.

Targets (ratios of figures measured in one run):
  seed f(x, 6) with gradient              <= 0.5 x PyTorch
  seed second derivative of x^3           <= 0.7 x PyTorch
  scalar chain, 1,000 multiplies + grad   <= 0.5 x PyTorch
  MLP step 128x784-256-256-10             <= 1.15 x NumPy by hand and <= 1.1 x PyTorch
  1M float32 sum(tanh(x)exp(-x^2)+sin(x)) + gradient   <= 1.0 x PyTorch
  ADBench GMM gradient, TF per-row style  d=2,k=5: <= 2 us per recorded op (forward + backward);
                                          d=20,k=50: <= 2 x PyTorch (vectorised); both >= 10 x
                                          faster than TF 2.21 on the same code
  import tapeflow                         <= 0.08 s beyond import numpy
"""
import itertools
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TF_WORKER = "--tf-worker" in sys.argv
if not TF_WORKER and ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import numpy as np

if TF_WORKER:
    import tensorflow as tf
    torch = None
else:
    import tapeflow as tf
    try:
        import torch
    except ImportError:
        torch = None


# ============================================================================================
# Workloads written once against a `tf` module (tapeflow here, TensorFlow in the worker)
# ============================================================================================
def make_seed_grad(tf):
    """The seed tutorial's f(x, 6) loop with its gradient."""
    x = tf.convert_to_tensor(2.0)

    def f(x, y):
        output = 1.0
        for i in range(y):
            if 1 < i < 5:
                output = tf.multiply(output, x)
        return output

    def step():
        with tf.GradientTape() as t:
            t.watch(x)
            out = f(x, 6)
        return t.gradient(out, x)
    return step


def make_seed_second(tf):
    """The seed tutorial's second derivative of x * x * x (x a Variable)."""
    x = tf.Variable(1.0)

    def step():
        with tf.GradientTape() as t2:
            with tf.GradientTape() as t1:
                y = x * x * x
            dy_dx = t1.gradient(y, x)
        return t2.gradient(dy_dx, x)
    return step


def make_chain(tf, n=1000):
    x = tf.constant(1.0001)

    def step():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x
            for _ in range(n):
                y = y * x
        return tape.gradient(y, x)
    return step


def mlp_data(seed=0):
    rng = np.random.default_rng(seed)
    sizes = [784, 256, 256, 10]
    params = []
    for a, b in itertools.pairwise(sizes):
        params.append((rng.standard_normal((a, b)) * np.sqrt(2.0 / a)).astype(np.float32))
        params.append(np.zeros(b, np.float32))
    x = rng.standard_normal((128, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 128)
    return params, x, labels


def make_mlp(tf):
    params, x, labels = mlp_data()
    variables = [tf.Variable(p) for p in params]
    xt = tf.constant(x)
    yt = tf.constant(labels.astype(np.int32))

    def step():
        w1, b1, w2, b2, w3, b3 = variables
        with tf.GradientTape() as tape:
            a1 = tf.nn.relu(tf.matmul(xt, w1) + b1)
            a2 = tf.nn.relu(tf.matmul(a1, w2) + b2)
            logits = tf.matmul(a2, w3) + b3
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(yt, logits))
        grads = tape.gradient(loss, variables)
        for v, g in zip(variables, grads):
            v.assign_sub(0.01 * g)
        return loss
    return step


def elementwise_data(n=1 << 20):
    return np.random.default_rng(1).standard_normal(n).astype(np.float32)


def make_elementwise(tf):
    x = tf.constant(elementwise_data())

    def step():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(tf.tanh(x) * tf.exp(-x * x) + tf.sin(x))
        return tape.gradient(y, x)
    return step


# -- ADBench's GMM objective, as a TF user writes it per row ---------------------------------------
def gmm_data(d, k, n, seed=2):
    rng = np.random.default_rng(seed)
    alphas = rng.standard_normal(k)
    means = rng.random((k, d))
    icf = rng.standard_normal((k, d * (d + 1) // 2)) * 0.3
    x = rng.random((n, d))
    return alphas, means, icf, x, 1.0, 0


def log_gamma_distrib(a, p):
    """log of the multivariate gamma function Gamma_p(a) (a Python float)."""
    return p * (p - 1) / 4 * math.log(math.pi) + sum(math.lgamma(a + (1 - j) / 2)
                                                     for j in range(1, p + 1))


def gmm_objective(tf, alphas, means, icf, x, wishart_gamma, wishart_m):
    """ADBench's GMM objective (log-likelihood of x under k Gaussians with a Wishart prior)
    the way a TF user writes it: centred rows stacked from per-row differences, the Cholesky
    factors' columns concatenated, reduce_logsumexp over the components."""
    n, d = x.shape
    k = alphas.shape[0]
    qdiags = tf.exp(icf[:, :d])
    sum_qs = tf.reduce_sum(icf[:, :d], 1)
    columns, at = [], d
    for i in range(d):  # column i of L: i + 1 zeros, then the next d - i - 1 parameters
        count = d - i - 1
        columns.append(tf.concat([tf.zeros((k, i + 1), tf.float64), icf[:, at:at + count]], 1))
        at += count
    ls = tf.stack(columns, -1)                                  # (k, d, d), lower triangular
    xcentered = tf.stack([x[i] - means for i in range(n)])      # (n, k, d)
    lxcentered = qdiags * xcentered + tf.linalg.matvec(ls, xcentered)
    inner = alphas + sum_qs - 0.5 * tf.reduce_sum(tf.square(lxcentered), 2)
    slse = tf.reduce_sum(tf.reduce_logsumexp(inner, 1))
    const = -n * d * 0.5 * math.log(2 * math.pi)
    m = d + wishart_m + 1
    prior = (0.5 * wishart_gamma * wishart_gamma
             * (tf.reduce_sum(tf.square(qdiags)) + tf.reduce_sum(tf.square(icf[:, d:])))
             - wishart_m * tf.reduce_sum(sum_qs))
    c = m * d * (math.log(wishart_gamma) - 0.5 * math.log(2.0)) - log_gamma_distrib(0.5 * m, d)
    return const + slse - n * tf.reduce_logsumexp(alphas) + prior - k * c


def make_gmm(tf, d, k, n):
    alphas, means, icf, x, gamma, wm = gmm_data(d, k, n)
    params = [tf.Variable(alphas), tf.Variable(means), tf.Variable(icf)]
    xt = tf.constant(x)

    def step():
        with tf.GradientTape() as tape:
            err = gmm_objective(tf, *params, xt, gamma, wm)
        grads = tape.gradient(err, params)
        return err, grads
    return step


def count_gmm_ops(d, k, n):
    """(ops the objective issues as TF runs them, ops tapeflow's tape records): every op the
    forward dispatches, with one ReadVariableOp per use of a variable (TF reads on every use;
    tapeflow records an unchanged variable's read once per tape), against the tape's records."""
    from tapeflow.framework.op import Recorder
    from tapeflow.framework.variables import Variable

    class OpCounter(Recorder):
        def __init__(self):
            self.n = 0

        def record(self, op, inputs, outputs, attrs):
            self.n += 1

    alphas, means, icf, x, gamma, wm = gmm_data(d, k, n)
    params = [tf.Variable(alphas), tf.Variable(means), tf.Variable(icf)]
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        gmm_objective(tf, *params, xt, gamma, wm)
    recorded = len(tape._nodes)
    counter = OpCounter()
    cached_read = Variable._read
    Variable._read = Variable._read_fresh
    counter.push()
    try:
        with tf.GradientTape():
            gmm_objective(tf, *params, xt, gamma, wm)
    finally:
        counter.pop()
        Variable._read = cached_read
    return counter.n, recorded


# ============================================================================================
# The references: PyTorch and hand-written NumPy
# ============================================================================================
def torch_seed_grad():
    x = torch.tensor(2.0, requires_grad=True)
    output = 1.0
    for i in range(6):
        if 1 < i < 5:
            output = torch.mul(output, x)
    output.backward()
    return x.grad


def torch_seed_second():
    x = torch.tensor(1.0, requires_grad=True)
    y = x * x * x
    (dy,) = torch.autograd.grad(y, x, create_graph=True)
    (d2,) = torch.autograd.grad(dy, x)
    return d2


def torch_chain(n=1000):
    x = torch.tensor(1.0001, requires_grad=True)
    y = x
    for _ in range(n):
        y = y * x
    y.backward()
    return x.grad


def make_torch_mlp():
    params, x, labels = mlp_data()
    ps = [torch.tensor(p, requires_grad=True) for p in params]
    xt = torch.tensor(x)
    yt = torch.tensor(labels)

    def step():
        w1, b1, w2, b2, w3, b3 = ps
        a1 = torch.relu(xt @ w1 + b1)
        a2 = torch.relu(a1 @ w2 + b2)
        logits = a2 @ w3 + b3
        loss = torch.nn.functional.cross_entropy(logits, yt)
        grads = torch.autograd.grad(loss, ps)
        with torch.no_grad():
            for p, g in zip(ps, grads):
                p -= 0.01 * g
        return loss
    return step


def make_numpy_mlp():
    params, x, labels = mlp_data()
    lr = np.float32(0.01)
    n = x.shape[0]
    rows = np.arange(n)

    def step():
        w1, b1, w2, b2, w3, b3 = params
        h1 = x @ w1 + b1
        a1 = np.maximum(h1, 0)
        h2 = a1 @ w2 + b2
        a2 = np.maximum(h2, 0)
        logits = a2 @ w3 + b3
        shifted = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        probs = e / e.sum(axis=1, keepdims=True)
        loss = -np.mean(np.log(probs[rows, labels]))
        d_logits = probs
        d_logits[rows, labels] -= 1
        d_logits /= n
        dw3 = a2.T @ d_logits
        db3 = d_logits.sum(0)
        d_h2 = (d_logits @ w3.T) * (h2 > 0)
        dw2 = a1.T @ d_h2
        db2 = d_h2.sum(0)
        d_h1 = (d_h2 @ w2.T) * (h1 > 0)
        dw1 = x.T @ d_h1
        db1 = d_h1.sum(0)
        for p, g in zip(params, (dw1, db1, dw2, db2, dw3, db3)):
            p -= lr * g
        return loss
    return step


def make_torch_elementwise():
    x = torch.tensor(elementwise_data())

    def step():
        xr = x.detach().requires_grad_()
        y = (torch.tanh(xr) * torch.exp(-xr * xr) + torch.sin(xr)).sum()
        (g,) = torch.autograd.grad(y, xr)
        return g
    return step


def make_numpy_elementwise():
    x = elementwise_data()

    def step():
        t = np.tanh(x)
        e = np.exp(-x * x)
        y = np.sum(t * e + np.sin(x))
        # d/dx: (1 - t^2) e + t e (-2x) + cos x
        g = (1 - t * t) * e - 2 * x * t * e + np.cos(x)
        return y, g
    return step


def torch_gmm_objective(alphas, means, icf, x, wishart_gamma, wishart_m, tril):
    """The same objective, vectorised as a PyTorch user writes it."""
    n, d = x.shape
    k = alphas.shape[0]
    qdiags = torch.exp(icf[:, :d])
    sum_qs = icf[:, :d].sum(1)
    ls = torch.zeros((k, d, d), dtype=icf.dtype)
    ls[:, tril[0], tril[1]] = icf[:, d:]
    xcentered = x[:, None, :] - means[None]
    lxcentered = qdiags * xcentered + torch.einsum("kij,nkj->nki", ls, xcentered)
    inner = alphas + sum_qs - 0.5 * (lxcentered ** 2).sum(2)
    slse = torch.logsumexp(inner, 1).sum()
    const = -n * d * 0.5 * math.log(2 * math.pi)
    m = d + wishart_m + 1
    prior = (0.5 * wishart_gamma * wishart_gamma * ((qdiags ** 2).sum() + (icf[:, d:] ** 2).sum())
             - wishart_m * sum_qs.sum())
    c = m * d * (math.log(wishart_gamma) - 0.5 * math.log(2.0)) - log_gamma_distrib(0.5 * m, d)
    return const + slse - n * torch.logsumexp(alphas, 0) + prior - k * c


def make_torch_gmm(d, k, n):
    alphas, means, icf, x, gamma, wm = gmm_data(d, k, n)
    params = [torch.tensor(a, requires_grad=True) for a in (alphas, means, icf)]
    xt = torch.tensor(x)
    # the lower triangle in ADBench's order: column by column
    rows = [r for c in range(d) for r in range(c + 1, d)]
    cols = [c for c in range(d) for r in range(c + 1, d)]
    tril = (torch.tensor(rows, dtype=torch.long), torch.tensor(cols, dtype=torch.long))

    def step():
        err = torch_gmm_objective(*params, xt, gamma, wm, tril)
        return err, torch.autograd.grad(err, params)
    return step


# ============================================================================================
# Timing
# ============================================================================================
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def per_call(fn, number, clock):
    start = clock()
    for _ in range(number):
        fn()
    return (clock() - start) / number


def interleaved(fns, number, rounds, clock=time.perf_counter):
    """{name: best seconds per call}: `rounds` rounds in which every fn runs `number` times in
    turn (after one warm-up call each)."""
    for fn in fns.values():
        fn()
    times = {k: [] for k in fns}
    for _ in range(rounds):
        for k, fn in fns.items():
            times[k].append(per_call(fn, number, clock))
    return {k: min(v) for k, v in times.items()}


# name, tf factory, calls per round, rounds, clock. Single-threaded work is timed in process CPU
# time (what the machine's load cannot inflate); work that uses several cores (BLAS, PyTorch's
# pool, tapeflow's elementwise pool) in wall-clock time, since using the cores is its point.
WORKLOADS = [
    ("seed_grad", make_seed_grad, 500, 15, "cpu"),
    ("seed_second", make_seed_second, 300, 15, "cpu"),
    ("chain1000", make_chain, 3, 15, "cpu"),
    ("mlp", make_mlp, 5, 25, "wall"),
    ("elementwise", make_elementwise, 5, 25, "wall"),
    ("gmm_small", lambda tf: make_gmm(tf, 2, 5, 1000), 2, 15, "cpu"),
    ("gmm_large", lambda tf: make_gmm(tf, 20, 50, 1000), 1, 9, "wall"),
]


def tf_worker():
    """Runs every workload on TensorFlow; prints {name: seconds per call} as JSON."""
    out = {}
    only = os.environ.get("TAPEFLOW_BENCH_TF_ONLY")
    for name, factory, number, rounds, clock in WORKLOADS:
        if only and name not in only.split(","):
            continue
        fn = factory(tf)
        out[name] = interleaved({"tf": fn}, max(1, number // 2), max(3, rounds // 3),
                                CLOCKS[clock])["tf"]
    print(json.dumps(out))


def tf_figures(names):
    py = os.environ.get("TAPEFLOW_BENCH_TF")
    if py is None:
        py = "/tmp/tfref/bin/python" if os.path.exists("/tmp/tfref/bin/python") else ""
    if not py:
        return {}
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", TAPEFLOW_BENCH_TF_ONLY=",".join(names))
    env.pop("PYTHONPATH", None)
    try:
        res = subprocess.run([py, os.path.abspath(__file__), "--tf-worker"], capture_output=True,
                             text=True, env=env, timeout=1800, check=False)
        return json.loads(res.stdout.strip().splitlines()[-1])
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
        print(f"  (TF worker failed: {res.stderr[-400:] if 'res' in locals() else 'not run'})")
        return {}


def import_times(repeat=9):
    """Best CPU seconds of `import numpy` and of `import tapeflow` in fresh interpreters, taken
    in turns. The package's bytecode is compiled first (as an installed package's is), so a
    PYTHONDONTWRITEBYTECODE environment does not time the compiler."""
    import compileall
    compileall.compile_dir(os.path.join(ROOT, "tapeflow"), quiet=1)
    env = dict(os.environ, PYTHONPATH=ROOT)
    best = {}
    for _ in range(repeat):
        for module in ("numpy", "tapeflow"):
            code = (f"import time; s = time.process_time(); import {module}; "
                    f"print(time.process_time() - s)")
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 cwd=ROOT, env=env, check=True)
            t = float(out.stdout.strip())
            best[module] = min(best.get(module, t), t)
    return best["numpy"], best["tapeflow"]


def check_same(a, b, what, rtol=1e-6):
    a = np.asarray(a, np.float64)
    b = np.asarray(b, np.float64)
    if not np.allclose(a, b, rtol=rtol, atol=rtol * 10):
        raise AssertionError(f"{what}: tapeflow and the reference disagree ({a} vs {b})")


def fmt(seconds):
    if seconds is None:
        return "—"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def main():
    print(f"tapeflow eager benchmark ({tf.__file__}): Python {sys.version.split()[0]}, "
          f"NumPy {np.__version__}"
          + (f", PyTorch {torch.__version__} ({torch.get_num_threads()} threads)" if torch
             else ", PyTorch not installed")
          + f", {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    only = os.environ.get("TAPEFLOW_BENCH_ONLY")  # a comma-separated subset of the workloads
    workloads = [w for w in WORKLOADS if not only or w[0] in only.split(",")]
    names = [w[0] for w in workloads]
    print("TF 2.21 runs in a subprocess first ...", flush=True)
    tf_times = tf_figures(names)

    refs = {
        "seed_grad": {"torch": torch_seed_grad if torch else None},
        "seed_second": {"torch": torch_seed_second if torch else None},
        "chain1000": {"torch": torch_chain if torch else None},
        "mlp": {"torch": make_torch_mlp() if torch else None, "numpy": make_numpy_mlp()},
        "elementwise": {"torch": make_torch_elementwise() if torch else None,
                        "numpy": make_numpy_elementwise()},
        "gmm_small": {"torch": make_torch_gmm(2, 5, 1000) if torch else None},
        "gmm_large": {"torch": make_torch_gmm(20, 50, 1000) if torch else None},
    }
    results = {}
    counts = {}
    for name, factory, number, rounds, clock in workloads:
        mine = factory(tf)
        fns = {"tapeflow": mine}
        fns.update({k: v for k, v in refs[name].items() if v is not None})
        if name.startswith("gmm") and "torch" in fns:  # same objective and gradients
            err, grads = mine()
            terr, tgrads = fns["torch"]()
            check_same(err.numpy(), terr.detach().numpy(), name + " objective")
            for g, tg in zip(grads, tgrads):
                check_same(g.numpy(), tg.numpy(), name + " gradient")
        results[name] = interleaved(fns, number, rounds, CLOCKS[clock])
        if name == "gmm_small":
            counts[name] = count_gmm_ops(2, 5, 1000)
        print(f"  measured {name}", flush=True)

    imp_np, imp_tf = import_times() if not only or "import" in only else (None, None)

    def r(name, impl):
        return results.get(name, {}).get(impl)

    print()
    head = f"{'workload':<44}{'tapeflow':>11}{'PyTorch':>11}{'NumPy':>11}{'TF 2.21':>11}  " \
           f"{'measure':<26}{'target':<10}result"
    print(head)
    print("-" * len(head))

    def line(label, name, measure, value, target):
        if name not in results:
            return
        met = "—" if value is None else ("PASS" if value <= target else "MISS")
        val = "—" if value is None else f"{value:.2f}"
        print(f"{label:<44}{fmt(r(name, 'tapeflow')):>11}{fmt(r(name, 'torch')):>11}"
              f"{fmt(r(name, 'numpy')):>11}{fmt(tf_times.get(name)):>11}  "
              f"{measure + ' = ' + val:<26}{'<= ' + str(target):<10}{met}")

    def ratio(name, ref):
        a, b = r(name, "tapeflow"), r(name, ref) if ref != "tf" else tf_times.get(name)
        return None if a is None or b is None else a / b

    line("seed f(x, 6) + gradient", "seed_grad", "x PyTorch", ratio("seed_grad", "torch"), 0.5)
    line("seed second derivative of x^3", "seed_second", "x PyTorch",
         ratio("seed_second", "torch"), 0.7)
    line("scalar chain, 1,000 multiplies + gradient", "chain1000", "x PyTorch",
         ratio("chain1000", "torch"), 0.5)
    line("MLP step 128x784-256-256-10, SGD", "mlp", "x NumPy", ratio("mlp", "numpy"), 1.15)
    line("", "mlp", "x PyTorch", ratio("mlp", "torch"), 1.1)
    line("1M float32 elementwise + gradient", "elementwise", "x PyTorch",
         ratio("elementwise", "torch"), 1.0)
    for name, label in (("gmm_small", "GMM d=2 k=5 n=1000, grad (per-row)"),
                        ("gmm_large", "GMM d=20 k=50 n=1000, grad (per-row)")):
        if name not in results:
            continue
        if name == "gmm_small":
            issued, recorded = counts[name]
            per_op = r(name, "tapeflow") / issued * 1e6
            line(label, name, f"us/op ({issued} ops)", per_op, 2)
            print(f"{'':<44}({issued} ops issued as TF runs them; tapeflow's tape records "
                  f"{recorded}: {r(name, 'tapeflow') / recorded * 1e6:.2f} us per recorded op)")
        else:
            line(label, name, "x PyTorch (vectorised)", ratio(name, "torch"), 2)
        t = ratio(name, "tf")
        line("", name, "x TF 2.21", t, 0.1)
    if imp_np is None:
        return
    extra = imp_tf - imp_np
    print(f"{'import tapeflow beyond import numpy':<44}{extra:>10.3f}s{'':>33}  "
          f"{'s':<26}{'<= 0.08':<10}{'PASS' if extra <= 0.08 else 'MISS'}")
    print(f"(import numpy {imp_np:.3f} s, import tapeflow {imp_tf:.3f} s)")


if __name__ == "__main__":
    if TF_WORKER:
        tf_worker()
    else:
        main()
