"""Building into an Oxigraph store (``kg build --store DIR``): incremental, in segments, in flat memory.

``kg build --store DIR`` streams articles through extraction and writes their triples into an
Oxigraph store (:mod:`pyoxigraph`, RocksDB on disk) instead of an rdflib graph in memory:

1. extraction results are spilled to a temporary file as they arrive; only each article's kept
   actors (a few small objects) stay in memory;
2. the actors of the run are merged exactly as for a single file (:func:`kg.extract.merge.merge_documents`,
   the user's alias table), then matched to the actors already in the store (:mod:`kg.graph.registry`);
3. :func:`kg.graph.rdf.to_graph` turns the actors, then each batch of articles, into triples that go into
   the store, one transaction per batch.

So a fresh store holds exactly the triples of ``kg build -o graph.ttl`` for the same input. An
article already in the store (same document IRI) is skipped. The data is in the default graph; the
actor registry lives in the named graph :data:`REGISTRY_GRAPH`, which queries and exports leave out.
"""

from __future__ import annotations

import itertools
import os
import pickle
import tempfile
import zlib
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib.namespace import RDF, RDFS

from kg import __version__
from kg.extract.aliases import apply_aliases
from kg.extract.nlp import release_memory
from kg.extract.pipeline import keeps_actor, tidy_memory
from kg.extract.records import BuildResult, DocumentResult, pack, unpack
from kg.extract.merge import merge_documents
from kg.extract.resolve import Actor, LocalActor
from kg.graph.rdf import ACTOR_CLASSES, _Minter, to_graph
from kg.graph.registry import MatchedActor, match_known
from kg.graph.collect import write_once_graph
from kg.graph.store import GraphStore
from kg.graph.vocab import DEFAULT_BASE

#: Articles per batch graph (and per spill record).
BATCH_DOCS = 64
#: Actors per batch graph when the run's actors are written.
ACTOR_CHUNK = 2000
#: Articles merged together and written as one transaction: within a segment, actors merge exactly
#: as for one file; its triples are staged in an in-memory Oxigraph store until the commit.
SEGMENT_DOCS = 50


class Spill:
    """Extraction results parked on disk between extraction and writing (pickled, compressed)."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix="kg-spill-", dir=folder)
        self._buffer: list = []
        self.count = 0

    def add(self, result: DocumentResult) -> None:
        self._buffer.append(pack(result))
        self.count += 1
        if len(self._buffer) >= BATCH_DOCS:
            self._write()

    def _write(self) -> None:
        if self._buffer:
            data = zlib.compress(pickle.dumps(self._buffer, protocol=pickle.HIGHEST_PROTOCOL), 1)
            self._file.write(len(data).to_bytes(8, "little"))
            self._file.write(data)
            self._buffer = []

    def batches(self) -> Iterator[list[DocumentResult]]:
        """The results again, in order, a batch at a time."""
        self._write()
        self._file.seek(0)
        while True:
            header = self._file.read(8)
            if not header:
                return
            data = self._file.read(int.from_bytes(header, "little"))
            yield [unpack(p) for p in pickle.loads(zlib.decompress(data))]

    def close(self) -> None:
        self._file.close()


def slim_local(local: LocalActor) -> LocalActor:
    """A copy of ``local`` for merging: the mention list keeps its length and order, but mentions with
    the same kind and text share one object, so that little stays in memory per article."""
    seen: dict[tuple[str, str], object] = {}
    mentions = [seen.setdefault((m.kind, m.text), m) for m in local.mentions]
    return replace(local, mentions=mentions, reasons={})


# --------------------------------------------------------------------------- building


@dataclass
class StoreSummary:
    documents: int = 0
    skipped: int = 0
    actors: int = 0
    new_actors: int = 0
    claims: int = 0
    stances: int = 0


def build_into_store(results: Iterable[DocumentResult], store: GraphStore, base: str = DEFAULT_BASE,
                     model: str = "", aliases: Sequence = (), spill_dir: str | None = None,
                     on_write: Callable[[int], None] | None = None) -> StoreSummary:
    """Write the graph of ``results`` into ``store``, merging actors with those already there.

    ``results`` is consumed once, as a stream; skip documents already in the store before
    extracting them (:meth:`GraphStore.has_document`). Every :data:`SEGMENT_DOCS` articles are
    merged and written as one step, so memory stays bounded however long the stream; a segment's
    actors are matched to the earlier segments' actors like those of an earlier run.
    """
    store.claim_base(base)
    summary = StoreSummary()
    stream = iter(results)
    while True:
        part = _build_segment(itertools.islice(stream, SEGMENT_DOCS), store, base, model, aliases, spill_dir, on_write)
        if part.documents == 0:
            return summary
        for name in ("documents", "actors", "new_actors", "claims", "stances"):
            setattr(summary, name, getattr(summary, name) + getattr(part, name))


def _build_segment(results: Iterable[DocumentResult], store: GraphStore, base: str, model: str, aliases: Sequence,
                   spill_dir: str | None, on_write: Callable[[int], None] | None) -> StoreSummary:
    """Extraction results -> spill -> merge (run and store) -> actors' triples -> articles' triples."""
    summary = StoreSummary()
    spill = Spill(spill_dir)
    kept_by_doc: list[tuple[str, list[LocalActor]]] = []
    try:
        for result in results:
            keep = keeps_actor(result)
            kept_by_doc.append((result.document.id, [slim_local(a) for a in result.actors if keep(a)]))
            spill.add(result)
            summary.documents += 1
            summary.claims += len(result.claims)
            summary.stances += len(result.stances)
        if not kept_by_doc:
            return summary
        actors = apply_aliases(merge_documents(kept_by_doc), list(aliases))
        matched = match_known(actors, None if store.registry.empty() else store.registry)
        summary.actors = len(matched)
        summary.new_actors = sum(1 for m in matched if m.known is None)
        store.begin_segment()
        _write_actors(store, matched, kept_by_doc, base, model)
        _write_documents(store, spill, matched, kept_by_doc, base, model, on_write)
        store.commit_segment()
        store.flush()  # RocksDB's memtables would otherwise grow with the store, in memory
        store.reopen()  # and so would what it keeps of the files it wrote and read
        tidy_memory()  # and the name memos the merge filled, and the cycles of the segment's articles
        release_memory()
        return summary
    finally:
        store.abort_segment()
        spill.close()


def _write_actors(store: GraphStore, matched: list[MatchedActor], kept_by_doc, base: str, model: str) -> None:
    """The actors' own triples (labels, aliases, posts, memberships) and registry entries, in chunks.

    Posts and memberships look actors up by name in the articles an actor appears in; each chunk
    also gets, as context, the actors that bear such a name in those articles (without their own
    posts and memberships), so the lookups give what one graph of everything would give.
    """
    mint = _Minter(base)
    actors = [m.actor for m in matched]
    order = {id(a): i for i, a in enumerate(actors)}
    by_doc: dict[str, list[Actor]] = {}
    for actor in actors:
        for local in actor.locals:
            doc_id = local.mentions[0].doc_id if local.mentions else ""
            group = by_doc.setdefault(doc_id, [])
            if not group or group[-1] is not actor:
                group.append(actor)
    for start in range(0, len(matched), ACTOR_CHUNK):
        chunk = matched[start:start + ACTOR_CHUNK]
        members = {id(m.actor) for m in chunk}
        wanted: dict[str, set[str]] = {}
        for m in chunk:
            actor = m.actor
            if actor.roles:
                wanted.setdefault(actor.first_doc, set()).update(r[2].lower() for r in actor.roles if r[2])
            if actor.affiliations:
                for local in actor.locals:
                    if local.mentions:
                        wanted.setdefault(local.mentions[0].doc_id, set()).update(a.lower() for a in actor.affiliations)
        context: dict[int, Actor] = {}
        for doc_id, names in wanted.items():
            for other in by_doc.get(doc_id, []):
                if id(other) in members:
                    continue
                locals_ = [l for l in other.locals if l.mentions and l.mentions[0].doc_id == doc_id]
                if other.label.lower() in names or any(n.lower() in names for l in locals_ for n in l.names()):
                    previous = context.get(id(other))
                    kept = (previous.locals if previous else []) + locals_
                    context[id(other)] = replace(other, roles=(), affiliations=(), locals=kept)
        ranked = [(order[id(m.actor)], m.actor) for m in chunk] + [(order[k], a) for k, a in context.items()]
        listed = [actor for _, actor in sorted(ranked, key=lambda ra: ra[0])]
        graph = to_graph(BuildResult([], listed, model=model, version=__version__), base, write_once_graph())
        extra: list[ox.Quad] = []
        remove: list[ox.Quad] = []
        for m in chunk:
            subject = store.terms.iri(str(mint.actor(m.actor)))
            add, gone = store.registry.entry_quads(subject, m.entry)
            extra += add
            remove += gone
            if m.old_label is not None:
                remove.append(ox.Quad(subject, store.terms.iri(str(RDFS.label)), ox.Literal(m.old_label), ox.DefaultGraph()))
            if m.old_type is not None:
                remove.append(ox.Quad(subject, store.terms.iri(str(RDF.type)),
                                      store.terms.iri(str(ACTOR_CLASSES[m.old_type])), ox.DefaultGraph()))
        store.add_graph(graph, extra, remove)


def _write_documents(store: GraphStore, spill: Spill, matched: list[MatchedActor], kept_by_doc, base: str,
                     model: str, on_write: Callable[[int], None] | None) -> None:
    """Each batch of articles: their triples, with the (global) actors their mentions point at."""
    actor_of: dict[int, Actor] = {}
    position: dict[int, int] = {}
    for m in matched:
        for i, local in enumerate(m.actor.locals):
            actor_of[id(local)] = m.actor
            position[id(local)] = i
    order = {id(m.actor): i for i, m in enumerate(matched)}
    kept_iter = iter(kept_by_doc)
    for batch in spill.batches():
        members: dict[int, list[tuple[int, LocalActor]]] = {}
        actors_in_batch: dict[int, Actor] = {}
        for result in batch:
            doc_id, slims = next(kept_iter)
            assert doc_id == result.document.id, "spill out of step with the kept actors"
            keep = keeps_actor(result)
            for full, slim in zip([a for a in result.actors if keep(a)], slims):
                actor = actor_of[id(slim)]
                actors_in_batch[id(actor)] = actor
                members.setdefault(id(actor), []).append((position[id(slim)], full))
        proxies = [replace(actor, roles=(), affiliations=(),
                           locals=[local for _, local in sorted(members[key], key=lambda pl: pl[0])])
                   for key, actor in sorted(actors_in_batch.items(), key=lambda ka: order[ka[0]])]
        graph = to_graph(BuildResult(batch, proxies, model=model, version=__version__), base, write_once_graph())
        store.merge_topics(graph)
        store.add_graph(graph)
        if on_write is not None:
            on_write(len(batch))
