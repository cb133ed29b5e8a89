"""The pool of query workers behind ``kg serve`` (see :mod:`kg.service.workers`).

``size`` workers start with the server. When the last idle worker is taken, a spare starts in
the background (up to ``size`` more), so that a few expensive queries do not hold every worker
and cheap queries keep being answered; surplus workers are retired as they come back idle. One
client (an address) may run at most all workers but one at a time. A worker that overruns the
time limit is killed and replaced; one that dies (out of memory) is replaced too.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from typing import Callable

from .results import Reply
from .workers import WORKER_START, Limits, QueryRequest, ServeError, _Worker


class WorkerPool:
    """Query workers, each in its own process, started on demand up to twice ``size``."""

    def __init__(self, store_path: str, size: int, limits: Limits, log: Callable[[str], None],
                 extra: int | None = None, union: bool = False) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            # Workers fork from a process that has already imported what they need.
            self.context.set_forkserver_preload(["kg.service.workers"])
        self.store_path, self.size, self.limits, self.log, self.union = store_path, size, limits, log, union
        self.most = size + (size if extra is None else extra)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        self._all: set[_Worker] = set()
        self._starting = 0
        self._lock = threading.Lock()
        workers = [self._start() for _ in range(size)]
        try:
            for worker in workers:
                worker.wait_ready(WORKER_START)
        except ServeError:
            for worker in workers:
                worker.kill()
            raise
        self.isolated = all(w.walls[0] for w in workers)
        self.blocked = all(w.walls[1] for w in workers)
        for worker in workers:
            self.idle.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.store_path, self.limits, self.union)
        with self._lock:
            self._all.add(worker)
        return worker

    def _live(self) -> int:
        return len(self._all) + self._starting

    def _grow(self, reason: str, needed: bool = False) -> None:
        """Start a worker in the background: a spare (if below the most), or a replacement."""
        with self._lock:
            if self.closed or (not needed and self._live() >= self.most):
                return
            self._starting += 1

        def start() -> None:
            try:
                for attempt in range(3):
                    if self.closed:
                        return
                    try:
                        worker = self._start()
                        worker.wait_ready(WORKER_START)
                    except ServeError as error:
                        self.log(f"warning: {error} ({reason}, attempt {attempt + 1} of 3)")
                        time.sleep(1.0)
                        continue
                    if self.closed:
                        worker.kill()
                    else:
                        self.idle.put(worker)
                    return
            finally:
                with self._lock:
                    self._starting -= 1
        threading.Thread(target=start, daemon=True, name="kg-serve-start").start()

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def _acquire(self, timeout: float) -> _Worker | None:
        try:
            worker = self.idle.get_nowait()
        except queue.Empty:
            worker = None
        if self.idle.empty():
            self._grow("spare")  # keep one ready for the next query
        if worker is None:
            try:
                worker = self.idle.get(timeout=max(timeout, 1.0))
            except queue.Empty:
                return None
        return worker

    def _release(self, worker: _Worker) -> None:
        if self.closed:
            worker.kill()
            return
        with self._lock:
            surplus = len(self._all) > self.size and not self.idle.empty()
        if surplus:
            self._discard(worker)
        else:
            self.idle.put(worker)

    def run(self, request: QueryRequest) -> Reply:
        """Answer ``request`` on a worker (waiting at most the time limit for one)."""
        timeout = self.limits.timeout
        worker = self._acquire(timeout)
        if worker is None:
            return Reply.error(503, f"the server is busy: every query worker has been taken for {timeout:g} s")
        try:
            worker.connection.send(request)
            if not worker.connection.poll(timeout):
                self._discard(worker)
                self._grow("replacing a stopped worker", needed=True)
                worker = None
                return Reply.error(503, f"query stopped after {timeout:g} s (the limit): simplify it, add a "
                                        "LIMIT, or start kg serve with a higher --timeout")
            reply = worker.connection.recv()
        except (EOFError, OSError, ValueError):
            if worker is not None:
                self._discard(worker)
                self._grow("replacing a dead worker", needed=True)
                worker = None
            return Reply.error(503, f"query stopped: its worker ended, most likely past the memory limit "
                                    f"({self.limits.max_memory} MiB; kg serve --max-memory)")
        finally:
            if worker is not None:
                self._release(worker)
        return reply

    def close(self) -> None:
        self.closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
