"""Extraction on a Dask cluster (``kg build --scheduler tcp://HOST:PORT`` or ``--scheduler local:N``).

The input is cut into partitions of :data:`PARTITION_DOCS` articles; each partition is a task that
a worker runs with the spaCy pipeline it loaded once (a worker plugin loads it when the worker
joins). Results come back to the client in input order and are merged into the store there, so
the output is the single-process output. A few partitions per worker are in flight at a time: the
client never holds the whole input. Every worker needs stancekg and the spaCy model installed.

``local:N`` starts a :class:`distributed.LocalCluster` of N worker processes with one thread each
on this machine, which is what the tests use.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Callable, Iterable, Iterator

from kg.extract.ingest import Document
from kg.extract.records import DocumentFailure, DocumentResult
from .parallel import chunked, extract_chunk, unpacked

#: Articles per Dask task.
PARTITION_DOCS = 32
#: Tasks in flight per worker thread.
IN_FLIGHT_PER_WORKER = 3
_LOCAL = re.compile(r"^local(?::(\d+))?$")

class SchedulerError(ValueError):
    """A --scheduler value that is not an address, or a cluster that cannot be reached."""


def _extract_partition(documents: list[Document], model: str, use_polarity: bool):
    return extract_chunk(documents, model, use_polarity)


class DaskExtractor:
    """Extraction mapped over partitions of the input on a Dask cluster, results in input order."""

    def __init__(self, scheduler: str, model: str, use_polarity: bool = True, partition_docs: int = PARTITION_DOCS,
                 on_error: Callable[[DocumentFailure], None] | None = None) -> None:
        self.scheduler, self.model, self.use_polarity = scheduler, model, use_polarity
        self.on_error = on_error
        self.partition_docs = partition_docs
        self.client = None
        self.cluster = None

    def __enter__(self) -> "DaskExtractor":
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SchedulerError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
        local = _LOCAL.match(self.scheduler)
        try:
            if local:
                workers = int(local.group(1) or 2)
                if workers < 1:
                    raise SchedulerError("local:N needs at least one worker")
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", host="127.0.0.1")
                self.client = Client(self.cluster)
            elif re.match(r"^(tcp|tls|ucx|inproc)://", self.scheduler):
                self.client = Client(self.scheduler, timeout=30)
            else:
                raise SchedulerError(f"--scheduler '{self.scheduler}': give tcp://HOST:PORT or local:N")
            from .dask_plugin import LoadModel  # imports Dask: only when a cluster is used
            self.client.register_plugin(LoadModel(self.model, self.use_polarity), name=LoadModel.name)
        except SchedulerError:
            self.__exit__(None, None, None)
            raise
        except (OSError, TimeoutError) as error:
            self.__exit__(None, None, None)
            raise SchedulerError(f"cannot reach the Dask scheduler at {self.scheduler} ({error})") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def workers(self) -> int:
        info = self.client.scheduler_info(n_workers=-1) if self.client else {"workers": {}}
        return max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))

    def map(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Extract ``documents`` on the cluster, yielding results in input order."""
        if self.client is None:
            raise RuntimeError("use DaskExtractor in a with block")
        limit = self.workers() * IN_FLIGHT_PER_WORKER
        pending: deque = deque()
        for number, partition in enumerate(chunked(documents, self.partition_docs)):
            pending.append(self.client.submit(_extract_partition, partition, self.model, self.use_polarity,
                                              key=f"kg-extract-{id(self)}-{number}", pure=False))
            while len(pending) >= limit:
                yield from self._take(pending.popleft())
        while pending:
            yield from self._take(pending.popleft())

    def _take(self, future) -> Iterator[DocumentResult]:
        packed = future.result()
        future.release()
        yield from unpacked(packed, self.on_error)
