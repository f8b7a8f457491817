"""Collectives between the processes of an MPI job (mpi4py on NumPy buffers), and the
detection of failed peers.

Every collective is started non-blocking (`Iallreduce`, `Ibcast`, ...) and then waited for by
polling, so a wait can give up: it raises `tf.errors.UnavailableError` as soon as a peer is
known to have failed, and `DeadlineExceededError` after `timeout_seconds` when one is set.
A peer is known to have failed when

  * it raised: a worker whose step (or program) raises tells every other worker, on a
    communicator of its own, before it exits;
  * it stopped answering: each process sends a small heartbeat to every other one every
    `heartbeat_seconds` from a background thread, and a peer silent for `peer_timeout_seconds`
    (default 30 s, env `TAPEFLOW_PEER_TIMEOUT`) is declared dead (a killed process, a lost
    machine, a frozen one);
  * the launcher said so: MPICH's hydra sends SIGUSR1 to the surviving processes when one
    dies (with `-disable-auto-cleanup`); Open MPI and hydra otherwise send SIGTERM while they
    tear the job down. Both become the same clear error.

Gradients are all-reduced in buckets of about `bytes_per_pack` bytes: every bucket's
all-reduce is started at once, and the optimizer applies the buckets that have arrived while
the later ones are still in flight.
"""
import os
import signal
import sys
import threading
import time

import numpy as np

from ..framework import errors

_HEARTBEAT_TAG = 7
_ABORT_TAG = 8
_DEFAULT_PEER_TIMEOUT = 30.0
_POLL_SECONDS = 0.0002


def mpi():
    """The mpi4py MPI module (ImportError with how to install it otherwise)."""
    try:
        from mpi4py import MPI
    except ImportError as e:
        raise ImportError(
            "MultiWorkerMirroredStrategy needs mpi4py and an MPI library: "
            "pip install 'tapeflow[distributed]' (mpi4py) and an MPI, e.g. "
            "`apt-get install openmpi-bin libopenmpi-dev` or `pip install mpich`; then start "
            "the job with `mpirun -n 2 python train.py`") from e
    return MPI


def world():
    return mpi().COMM_WORLD


def launched_by_mpi():
    """True when this process was started by an MPI launcher (mpirun, mpiexec, srun)."""
    env = os.environ
    return any(k in env for k in ("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMI_RANK", "PMIX_RANK",
                                  "MPI_LOCALNRANKS", "SLURM_PROCID", "HYDRA_CONTROL_FD"))


class PeerFailure:
    """The first failure this process learnt of: (worker, text)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.worker = None
        self.text = None

    def set(self, worker, text):
        with self.lock:
            if self.text is None:
                self.worker, self.text = worker, text

    def error(self, rank, size):
        who = "the MPI launcher" if self.worker is None else f"worker {self.worker}"
        return errors.UnavailableError(
            None, None,
            f"Collective ops are aborted: {who} reported a failure of the job: {self.text}. "
            f"This worker ({rank} of {size}) stops instead of waiting for it. Restart the job "
            f"to resume from the last checkpoint.")


class Collectives:
    """The collectives of one multi-worker strategy (a private duplicate of the world
    communicator, so user MPI traffic never mixes with the strategy's)."""

    def __init__(self, comm=None, timeout_seconds=None, peer_timeout_seconds=None,
                 heartbeat_seconds=None, bytes_per_pack=0):
        MPI = mpi()
        self.MPI = MPI
        base = comm if comm is not None else MPI.COMM_WORLD
        self.comm = base.Dup()
        self.control = base.Dup()  # heartbeats and abort notices
        for c in (self.comm, self.control):
            c.Set_errhandler(MPI.ERRORS_RETURN)
        self.rank = self.comm.Get_rank()
        self.size = self.comm.Get_size()
        self.timeout = timeout_seconds
        if peer_timeout_seconds is None:
            peer_timeout_seconds = float(os.environ.get("TAPEFLOW_PEER_TIMEOUT",
                                                        _DEFAULT_PEER_TIMEOUT))
        self.peer_timeout = float(peer_timeout_seconds)
        self.heartbeat = heartbeat_seconds if heartbeat_seconds is not None else \
            max(0.05, min(1.0, self.peer_timeout / 10))
        self.bytes_per_pack = bytes_per_pack or 4 * 1024 * 1024
        self.failure = PeerFailure()
        self.closed = False
        now = time.monotonic()
        self.last_heard = [now] * self.size
        self._pending_sends = []
        self.stats = {"seconds": 0.0, "bytes": 0, "calls": 0}
        self._thread = None
        self._ping = np.zeros(1, dtype=np.int8)
        self._next_send = 0.0
        # the heartbeat thread needs MPI_THREAD_MULTIPLE (mpi4py asks for it); without it the
        # main thread exchanges heartbeats itself while it waits in collectives
        self._threaded = MPI.Query_thread() >= MPI.THREAD_MULTIPLE
        if self.size > 1 and self._threaded:
            self._thread = threading.Thread(target=self._heartbeats, name="tapeflow-heartbeat",
                                            daemon=True)
            self._thread.start()

    # -- failure detection ------------------------------------------------------------------------
    def _heartbeats(self):
        """The background thread: heartbeats out, heartbeats and abort notices in."""
        while not self.closed:
            self._poll_control()
            time.sleep(min(self.heartbeat / 4, 0.05))

    def _poll_control(self):
        """Sends this process's heartbeat when due, and reads what peers sent (heartbeats,
        abort notices)."""
        MPI = self.MPI
        now = time.monotonic()
        try:
            if now >= self._next_send:
                self._pending_sends = [r for r in self._pending_sends if not r.Test()]
                if len(self._pending_sends) < 64 * self.size:
                    for peer in range(self.size):
                        if peer != self.rank:
                            self._pending_sends.append(
                                self.control.Isend(self._ping, dest=peer, tag=_HEARTBEAT_TAG))
                self._next_send = now + self.heartbeat
            status = MPI.Status()
            while self.control.Iprobe(source=MPI.ANY_SOURCE, tag=MPI.ANY_TAG, status=status):
                source, tag = status.Get_source(), status.Get_tag()
                count = status.Get_count(MPI.BYTE)
                buf = np.zeros(max(count, 1), dtype=np.uint8)
                self.control.Recv(buf, source=source, tag=tag)
                self.last_heard[source] = time.monotonic()
                if tag == _ABORT_TAG:
                    self.failure.set(source, bytes(buf[:count]).decode("utf-8", "replace"))
        except MPI.Exception as e:  # a broken link to a peer
            self.failure.set(None, f"MPI error on the control channel: {e}")

    def check_peers(self):
        """Raises UnavailableError if a peer failed or went silent."""
        if self.size > 1 and not self._threaded:
            self._poll_control()
        if self.failure.text is None and self.size > 1:
            now = time.monotonic()
            for peer, heard in enumerate(self.last_heard):
                if peer != self.rank and now - heard > self.peer_timeout:
                    self.failure.set(peer, f"worker {peer} sent no heartbeat for "
                                           f"{now - heard:.0f} s (peer timeout "
                                           f"{self.peer_timeout:g} s): it died or hangs")
                    break
        if self.failure.text is not None:
            raise self.failure.error(self.rank, self.size)

    def tell_peers(self, text):
        """Tells every other worker that this one failed (best effort, never blocks long)."""
        if self.size == 1 or self.closed:
            return
        data = np.frombuffer(text.encode("utf-8")[:4000], dtype=np.uint8).copy()
        requests = []
        for peer in range(self.size):
            if peer != self.rank:
                try:
                    requests.append(self.control.Isend(data, dest=peer, tag=_ABORT_TAG))
                except self.MPI.Exception:
                    pass
        deadline = time.monotonic() + 2.0
        while requests and time.monotonic() < deadline:
            requests = [r for r in requests if not r.Test()]
            time.sleep(0.001)

    def launcher_signal(self, signum):
        name = signal.Signals(signum).name
        self.failure.set(None, f"it sent {name} to this worker (launchers do so when another "
                               f"process of the job died, or when the job is cancelled)")

    def close(self):
        self.closed = True
        if self._thread is not None:
            self._thread.join(timeout=2.0)

    # -- waiting ---------------------------------------------------------------------------------
    def wait(self, request, what):
        """Polls `request` until done; raises on a failed peer or after the timeout."""
        start = time.monotonic()
        spins = 0
        while True:
            try:
                if request.Test():
                    self.stats["seconds"] += time.monotonic() - start
                    return
            except self.MPI.Exception as e:
                raise errors.UnavailableError(None, None, f"{what} failed: {e}") from None
            spins += 1
            if spins > 50:
                time.sleep(_POLL_SECONDS)
                if spins % 500 == 0:
                    self.check_peers()
                    if self.timeout is not None and time.monotonic() - start > self.timeout:
                        raise errors.DeadlineExceededError(
                            None, None, f"{what} did not complete within {self.timeout} s "
                                        f"(CommunicationOptions.timeout_seconds) on worker "
                                        f"{self.rank} of {self.size}")

    # -- collectives ------------------------------------------------------------------------------
    def allreduce_sum(self, array):
        """The element-wise sum of `array` over all workers (a new array)."""
        array = np.array(array, copy=True, order="C")
        if self.size == 1:
            return array
        self.check_peers()
        out = np.empty_like(array)
        self.stats["calls"] += 1
        self.stats["bytes"] += array.nbytes
        self.wait(self.comm.Iallreduce(array, out, op=self.MPI.SUM), "all-reduce")
        return out

    def allreduce_buckets(self, arrays):
        """Sums over workers of a list of arrays, in buckets of about `bytes_per_pack` bytes.
        Yields (positions, sums) for each bucket as it completes (all are in flight at once)."""
        if self.size == 1:
            yield list(range(len(arrays))), [np.array(a, copy=True) for a in arrays]
            return
        self.check_peers()
        buckets = []
        current, size = [], 0
        for i, a in enumerate(arrays):
            current.append(i)
            size += a.nbytes
            if size >= self.bytes_per_pack:
                buckets.append(current)
                current, size = [], 0
        if current:
            buckets.append(current)
        flights = []
        for positions in buckets:
            dtypes = {arrays[i].dtype for i in positions}
            if len(dtypes) == 1:
                send = np.concatenate([np.ravel(arrays[i]) for i in positions])
                recv = np.empty_like(send)
                self.stats["calls"] += 1
                self.stats["bytes"] += send.nbytes
                flights.append((positions, send, recv,
                                self.comm.Iallreduce(send, recv, op=self.MPI.SUM)))
            else:  # mixed dtypes: one buffer per array
                for i in positions:
                    send = np.ascontiguousarray(np.ravel(arrays[i]))
                    recv = np.empty_like(send)
                    self.stats["calls"] += 1
                    self.stats["bytes"] += send.nbytes
                    flights.append(([i], send, recv,
                                    self.comm.Iallreduce(send, recv, op=self.MPI.SUM)))
        for positions, _send, recv, request in flights:
            self.wait(request, "gradient all-reduce")
            out, offset = [], 0
            for i in positions:
                n = arrays[i].size
                out.append(recv[offset:offset + n].reshape(arrays[i].shape))
                offset += n
            yield positions, out

    def broadcast(self, array, root=0):
        """`array` of worker `root` on every worker (in place; returned)."""
        if self.size == 1:
            return array
        self.check_peers()
        buf = np.array(array, copy=True, order="C")
        self.wait(self.comm.Ibcast(buf.reshape(-1), root=root), "broadcast")
        return buf

    def allgather(self, array, axis=0):
        """The workers' arrays concatenated along `axis` (their sizes along it may differ)."""
        array = np.array(array, copy=True, order="C")
        if self.size == 1:
            return array
        self.check_peers()
        moved = np.ascontiguousarray(np.moveaxis(array, axis, 0))
        counts = np.zeros(self.size, dtype=np.int64)
        self.wait(self.comm.Iallgather(np.array([moved.shape[0]], dtype=np.int64), counts),
                  "all-gather")
        row = int(np.prod(moved.shape[1:], dtype=np.int64))
        out = np.empty((int(counts.sum()),) + moved.shape[1:], dtype=array.dtype)
        sizes = [int(c) * row for c in counts]
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int).tolist()
        mpi_type = self.MPI._typedict[array.dtype.char]
        self.wait(self.comm.Iallgatherv(moved, [out, sizes, offsets, mpi_type]), "all-gather")
        return np.moveaxis(out, 0, axis)

    def barrier(self):
        if self.size > 1:
            self.check_peers()
            self.wait(self.comm.Ibarrier(), "barrier")


def install_failure_reporting(collectives):
    """Makes an uncaught exception tell the other workers before this one exits, and the
    launcher's SIGUSR1/SIGTERM a clear error in the main thread."""
    previous = sys.excepthook

    def excepthook(kind, value, tb):
        if not isinstance(value, (errors.UnavailableError, errors.DeadlineExceededError)) or \
                collectives.failure.text is None:
            collectives.tell_peers(f"{kind.__name__}: {value}")
        previous(kind, value, tb)
        if collectives.failure.text is not None:
            # a peer is gone: MPI_Finalize could wait for it forever, so end the job here
            sys.stderr.flush()
            sys.stdout.flush()
            os._exit(1)

    sys.excepthook = excepthook
    if threading.current_thread() is threading.main_thread():
        raised = []

        def on_signal(signum, frame):
            collectives.launcher_signal(signum)
            if not raised:  # once: a second signal must not cut the first error's report
                raised.append(signum)
                raise collectives.failure.error(collectives.rank, collectives.size)
        for sig in (signal.SIGUSR1, signal.SIGTERM):
            if signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, on_signal)
