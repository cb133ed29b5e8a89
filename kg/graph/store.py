"""An embedded, persistent Oxigraph store for large graphs: SPARQL, streaming export, the actor registry.

``kg build --store DIR`` writes into it (:mod:`kg.run.store_build`); ``kg query``, ``stats``,
``viz``, ``export``, ``push`` and ``serve`` read it. The data is in the default graph; the actor
registry (:mod:`kg.graph.registry`'s keys for matching new actors to stored ones) lives in the
named graph :data:`REGISTRY_GRAPH`, which queries and exports leave out.
"""

from __future__ import annotations

import os
import re
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator, Sequence

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .collect import WriteOnceStore
from .registry import KnownActor
from .vocab import PREFIXES, SDO, SKG

REGISTRY_GRAPH = ox.NamedNode("urn:x-stancekg:registry")
_META = ox.NamedNode("urn:x-stancekg:store")
_REG = "urn:x-stancekg:registry#"
_KEY, _SURNAME, _RECORD, _ID = (ox.NamedNode(_REG + n) for n in ("key", "surname", "record", "id"))
_BASE, _FORMAT = ox.NamedNode(_REG + "base"), ox.NamedNode(_REG + "format")
_PENDING = ox.NamedNode(_REG + "pendingRemovals")
STORE_FORMAT = "1"

#: IRIs kept converted; a bound, because most IRIs (claims, spans) occur in one article only.
TERM_CACHE_SIZE = 10_000

EXPORT_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
                  "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#: Oxigraph stores literals by value: integers of any XSD type become xsd:integer and decimals lose
#: trailing zeros. The lexical forms kg.graph.rdf writes are restored on the way out, by predicate.
_RESTORE = {
    ox.NamedNode(_NIF + "beginIndex"): (_XSD + "integer", _XSD + "nonNegativeInteger", str),
    ox.NamedNode(_NIF + "endIndex"): (_XSD + "integer", _XSD + "nonNegativeInteger", str),
    ox.NamedNode("https://w3id.org/stancekg/ontology#confidence"):
        (_XSD + "decimal", _XSD + "decimal", lambda v: f"{Decimal(v):.3f}"),
}


class StoreError(ValueError):
    """A store that cannot be opened or does not fit the request."""


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an Oxigraph store folder (RocksDB files inside)."""
    path = Path(path)
    return path.is_dir() and (path / "CURRENT").is_file()


# --------------------------------------------------------------------------- terms


class _Terms:
    """rdflib terms to pyoxigraph terms, with a cache for the IRIs that repeat (predicates, classes)."""

    def __init__(self) -> None:
        self.iris: dict[str, ox.NamedNode] = {}
        self.datatypes: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self.iris.get(value)
        if node is None:
            if len(self.iris) >= TERM_CACHE_SIZE:
                self.iris.clear()  # mostly one-off IRIs of past articles; the repeating ones come back
            node = self.iris[value] = ox.NamedNode(value)
        return node

    def term(self, term):
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None and str(term.datatype) != _XSD + "string":
                return ox.Literal(str(term), datatype=self.iri(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        raise TypeError(f"not an RDF term: {term!r}")

    def quads(self, graph: Graph) -> Iterator[ox.Quad]:
        term, default = self.term, ox.DefaultGraph()
        triples = graph.store.items if isinstance(graph.store, WriteOnceStore) else graph
        for s, p, o in triples:
            yield ox.Quad(term(s), term(p), term(o), default)


# --------------------------------------------------------------------------- the store


class GraphStore:
    """A stancekg graph in an Oxigraph store folder."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False, create: bool = True) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store folder")
        if self.path.is_dir() and any(self.path.iterdir()) and not is_store(self.path):
            raise StoreError(f"{self.path}: is a folder but not an Oxigraph store")
        if not is_store(self.path) and (read_only or not create):
            raise StoreError(f"{self.path}: no store here (build one with kg build --store {self.path})")
        try:
            self.store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as error:
            message = str(error)
            if "lock" in message.lower():
                raise StoreError(f"{self.path}: the store is in use by another process") from None
            raise StoreError(f"{self.path}: cannot open the store ({message.splitlines()[0]})") from None
        self.terms = _Terms()
        self.registry = StoreRegistry(self.store)
        self._staging: list[ox.Quad] | None = None  # a segment being built (see begin_segment)
        self._staged_labels: dict[ox.NamedNode, list[str]] = {}
        self._removals: list[ox.Quad] = []
        if not read_only:
            self._finish_interrupted_segment()

    # ---- metadata

    @property
    def base(self) -> str | None:
        for quad in self.store.quads_for_pattern(_META, _BASE, None, REGISTRY_GRAPH):
            return quad.object.value
        return None

    def claim_base(self, base: str) -> None:
        """Record the base IRI of a new store; refuse another base for an existing one."""
        current = self.base
        if current is None:
            self.store.extend([ox.Quad(_META, _BASE, ox.Literal(base), REGISTRY_GRAPH),
                               ox.Quad(_META, _FORMAT, ox.Literal(STORE_FORMAT), REGISTRY_GRAPH)])
        elif current != base:
            raise StoreError(f"{self.path}: the store was built with --base {current}, not {base}")

    def has_document(self, doc_iri: str) -> bool:
        for _ in self.store.quads_for_pattern(ox.NamedNode(doc_iri), ox.NamedNode(str(SDO.identifier)), None,
                                              ox.DefaultGraph()):
            return True
        return False

    def __len__(self) -> int:
        """Triples in the graph (the default graph; the registry is not counted)."""
        result = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        for solution in result:
            return int(solution["n"].value)
        return 0

    # ---- writing

    def add_graph(self, graph: Graph, extra: Sequence[ox.Quad] = (), remove: Sequence[ox.Quad] = ()) -> None:
        """Add ``graph``'s triples (and registry quads ``extra``), then drop ``remove``: in one
        transaction, or, inside a segment, staged until :meth:`commit_segment`."""
        quads = list(self.terms.quads(graph))
        quads.extend(extra)
        if self._staging is not None:
            self._staging.extend(quads)
            self._removals.extend(remove)
            label = self.terms.iri(str(RDFS.label))
            for quad in quads:
                if quad.predicate == label:
                    self._staged_labels.setdefault(quad.subject, []).append(quad.object.value)
            return
        self.store.extend(quads)
        for quad in remove:
            self.store.remove(quad)

    # A segment (a run's articles, merged together) is written as one transaction, so a build
    # killed at any moment leaves whole segments: the re-run starts at the first article of the
    # interrupted segment, merges it with the same store state, and so ends with the same graph.
    # The removals (an actor's replaced label, type, registry entries) follow the transaction; a
    # marker written with it holds them, and a store opened after a crash in between applies them.

    def begin_segment(self) -> None:
        self._staging, self._staged_labels, self._removals = [], {}, []

    def abort_segment(self) -> None:
        self._staging, self._staged_labels, self._removals = None, {}, []

    def commit_segment(self) -> None:
        staging, removals = self._staging, self._removals
        self.abort_segment()
        if staging is None:
            return
        pending = ox.serialize(removals, format=ox.RdfFormat.N_QUADS).decode("utf-8") if removals else ""
        marker = ox.Quad(_META, _PENDING, ox.Literal(pending), REGISTRY_GRAPH)
        staging.append(marker)
        self.store.extend(staging)
        self._apply_removals(removals, marker)

    def _apply_removals(self, removals: Sequence[ox.Quad], marker: ox.Quad) -> None:
        for quad in removals:
            if quad in self.store:
                self.store.remove(quad)
        self.store.remove(marker)

    def _finish_interrupted_segment(self) -> None:
        for marker in list(self.store.quads_for_pattern(_META, _PENDING, None, REGISTRY_GRAPH)):
            text = marker.object.value
            removals = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if text else []
            self._apply_removals(removals, marker)

    def _labels(self, subject: ox.NamedNode) -> list[str]:
        label = self.terms.iri(str(RDFS.label))
        found = [q.object.value for q in self.store.quads_for_pattern(subject, label, None, ox.DefaultGraph())]
        if not found:
            found = list(self._staged_labels.get(subject, ()))
        return found

    def merge_topics(self, graph: Graph) -> None:
        """Keep a topic's first label: a batch's label for a stored topic becomes a skos:altLabel."""
        for topic in list(graph.subjects(RDF.type, SKG.Topic)):
            stored = self._labels(self.terms.iri(str(topic)))
            if not stored:
                continue
            first = stored[0]
            for label in list(graph.objects(topic, RDFS.label)):
                graph.remove((topic, RDFS.label, label))
                if str(label) != first:
                    graph.add((topic, SKOS.altLabel, label))
            graph.remove((topic, SKOS.altLabel, Literal(first)))

    def flush(self) -> None:
        self.store.flush()

    def optimize(self) -> None:
        self.store.optimize()

    # ---- reading

    def query(self, spec: str):
        """Run a canned query name, a ``.rq`` file or a SPARQL string: a :class:`kg.graph.query.Table`."""
        from .query import resolve_query

        return self.query_table(resolve_query(spec))

    def query_table(self, sparql: str):
        """Run SPARQL text (checked, offline; the registry out of reach): a :class:`kg.graph.query.Table`."""
        from .sparql import run, visible_graphs

        return run(self.store, sparql, visible_graphs(self.store, {REGISTRY_GRAPH.value}))

    def triples(self) -> Iterator[ox.Triple]:
        """The graph's triples, streamed, with the datatypes the store does not keep restored.

        Oxigraph keeps literals by value (``"0.850"^^xsd:decimal`` comes back as ``"0.85"``, an
        ``xsd:nonNegativeInteger`` as ``xsd:integer``); see :data:`_RESTORE`.
        """
        fixes = {p: (stored, ox.NamedNode(written), lexical) for p, (stored, written, lexical) in _RESTORE.items()}
        for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            fix = fixes.get(quad.predicate)
            if fix is not None and isinstance(quad.object, ox.Literal) and quad.object.datatype.value == fix[0]:
                try:
                    value = fix[2](quad.object.value)
                except (ValueError, InvalidOperation):
                    value = quad.object.value
                yield ox.Triple(quad.subject, quad.predicate, ox.Literal(value, datatype=fix[1]))
            else:
                yield quad.triple

    def export(self, path: str | os.PathLike[str], fmt: str) -> None:
        """Write the graph to ``path`` in rdflib format name ``fmt``, streamed, via a temporary file."""
        try:
            rdf_format = EXPORT_FORMATS[fmt]
        except KeyError:
            raise StoreError(f"cannot export a store as {fmt} (choose ttl, nt, nq, trig or jsonld)") from None
        from .tempfiles import atomic_output

        prefixes = dict(PREFIXES)
        if self.base:
            prefixes["kgid"] = self.base
        with atomic_output(path) as stream:
            if rdf_format == ox.RdfFormat.JSON_LD:
                ox.serialize(self.triples(), stream, rdf_format)
            else:
                self._dump_lines(stream, rdf_format, prefixes)

    def _dump_lines(self, stream, rdf_format, prefixes: dict[str, str]) -> None:
        """Turtle, TriG, N-Triples or N-Quads, serialised by Oxigraph into a temporary file, then
        copied a block at a time with the lexical forms of :data:`_RESTORE` put back (Oxigraph
        writes one triple or one predicate per line, so a regular expression per line does it)."""
        line_based = rdf_format in {ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS}
        fix = _restore_lines if line_based else _restore_turtle
        kwargs = {} if line_based else {"prefixes": prefixes}
        name = getattr(stream, "name", None)
        with tempfile.TemporaryFile(dir=os.path.dirname(name) or None if isinstance(name, str) else None) as raw:
            self.store.dump(raw, rdf_format, from_graph=ox.DefaultGraph(), **kwargs)
            raw.seek(0)
            tail = b""
            while True:
                block = raw.read(1 << 22)
                if not block:
                    break
                block = tail + block
                cut = block.rfind(b"\n") + 1
                tail = block[cut:]
                stream.write(fix(block[:cut]))
            stream.write(fix(tail))

    def triples_nt(self) -> Iterator[bytes]:
        """The graph as N-Triples, in chunks of lines (for uploads)."""
        buffer: list[ox.Triple] = []
        for triple in self.triples():
            buffer.append(triple)
            if len(buffer) >= 50_000:
                yield ox.serialize(buffer, format=ox.RdfFormat.N_TRIPLES)
                buffer = []
        if buffer:
            yield ox.serialize(buffer, format=ox.RdfFormat.N_TRIPLES)

    def rdflib_graph(self, live: bool = False) -> Graph:
        """The graph as an rdflib Graph: a copy in memory (exact terms), or with ``live`` the store
        itself behind rdflib's API through oxrdflib (no copy; literals as Oxigraph keeps them)."""
        if live:
            import oxrdflib  # noqa: F401  (registers the "Oxigraph" rdflib store plugin)
            from oxrdflib import OxigraphStore

            return Graph(store=OxigraphStore(store=self.store))
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        if self.base:
            graph.bind("kgid", self.base)
        add = graph.add
        for triple in self.triples():
            add((_rdflib(triple.subject), _rdflib(triple.predicate), _rdflib(triple.object)))
        return graph

    def reopen(self) -> None:
        """Close and reopen the Oxigraph store (between segments, nothing staged). An open store
        keeps what RocksDB has read and written (table indexes and filters, write buffers): about
        11 MiB more per 100 articles written, in native memory. Reopening gives it back; what
        later lookups need is read again on demand."""
        self.registry = None
        del self.store
        self.store = ox.Store(str(self.path))
        self.registry = StoreRegistry(self.store)

    def close(self) -> None:
        """Release the store (and its lock): every reference to the Oxigraph handle goes."""
        self.registry = None
        self._staging = None
        del self.store


_INDEX_LINE = re.compile(rb'(<' + re.escape(_NIF.encode()) + rb'(?:begin|end)Index> "[0-9]+")\^\^<'
                         + re.escape(_XSD.encode()) + rb'integer> \.')
_CONFIDENCE_LINE = re.compile(rb'(<https://w3id\.org/stancekg/ontology#confidence> )"([-+0-9.eE]+)"\^\^<'
                              + re.escape(_XSD.encode()) + rb'decimal> \.')


def _restore_lines(data: bytes) -> bytes:
    """N-Triples lines with the lexical forms kg.graph.rdf writes (see :data:`_RESTORE`)."""
    data = _INDEX_LINE.sub(rb"\1^^<" + _XSD.encode() + rb"nonNegativeInteger> .", data)

    def confidence(match: re.Match) -> bytes:
        try:
            value = f"{Decimal(match.group(2).decode()):.3f}".encode()
        except InvalidOperation:
            value = match.group(2)
        return match.group(1) + b'"' + value + b'"^^<' + _XSD.encode() + b"decimal> ."
    return _CONFIDENCE_LINE.sub(confidence, data)


_INDEX_TURTLE = re.compile(rb"^(\t|\S+ )nif:(begin|end)Index ([0-9]+) ([;.])$", re.MULTILINE)
_CONFIDENCE_TURTLE = re.compile(rb"^(\t|\S+ )skg:confidence ([-+0-9.eE]+) ([;.])$", re.MULTILINE)


def _restore_turtle(data: bytes) -> bytes:
    """Turtle lines (as Oxigraph writes them, with our prefixes) with the lexical forms kg.graph.rdf writes."""
    data = _INDEX_TURTLE.sub(rb'\1nif:\2Index "\3"^^xsd:nonNegativeInteger \4', data)

    def confidence(match: re.Match) -> bytes:
        try:
            value = f"{Decimal(match.group(2).decode()):.3f}".encode()
        except InvalidOperation:
            value = match.group(2)
        return match.group(1) + b'skg:confidence "' + value + b'"^^xsd:decimal ' + match.group(3)
    return _CONFIDENCE_TURTLE.sub(confidence, data)


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value if term.datatype is not None else None
    return Literal(term.value, datatype=None if datatype == _XSD + "string" else URIRef(datatype))


# --------------------------------------------------------------------------- the registry


class StoreRegistry:
    """The actors of earlier runs, kept in the store's registry graph (see :mod:`kg.graph.registry`)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._cache: dict[str, KnownActor | None] = {}

    def empty(self) -> bool:
        for _ in self.store.quads_for_pattern(None, _ID, None, REGISTRY_GRAPH):
            return False
        return True

    @staticmethod
    def _key(key: tuple[str, str]) -> ox.Literal:
        return ox.Literal(f"{key[0]}\t{key[1]}")

    def _actor(self, subject) -> KnownActor | None:
        iri = subject.value
        if iri not in self._cache:
            record = next(iter(self.store.quads_for_pattern(subject, _RECORD, None, REGISTRY_GRAPH)), None)
            ident = next(iter(self.store.quads_for_pattern(subject, _ID, None, REGISTRY_GRAPH)), None)
            if record is None or ident is None:
                self._cache[iri] = None
            else:
                self._cache[iri] = KnownActor.from_record(ident.object.value, record.object.value)
        return self._cache[iri]

    def lookup(self, key: tuple[str, str]) -> KnownActor | None:
        for quad in self.store.quads_for_pattern(None, _KEY, self._key(key), REGISTRY_GRAPH):
            return self._actor(quad.subject)
        return None

    def surname_bearers(self, surname: str) -> list[KnownActor]:
        found = [self._actor(q.subject) for q in self.store.quads_for_pattern(None, _SURNAME, ox.Literal(surname),
                                                                            REGISTRY_GRAPH)]
        return sorted((a for a in found if a is not None), key=lambda a: a.id)

    def id_taken(self, actor_id: str) -> bool:
        for _ in self.store.quads_for_pattern(None, _ID, ox.Literal(actor_id), REGISTRY_GRAPH):
            return True
        return False

    def entry_quads(self, subject: ox.NamedNode, entry: KnownActor) -> tuple[list[ox.Quad], list[ox.Quad]]:
        """Quads to add and to remove to record ``entry`` for the actor ``subject``."""
        remove = list(self.store.quads_for_pattern(subject, _RECORD, None, REGISTRY_GRAPH))
        record = entry.record()
        add = [ox.Quad(subject, _ID, ox.Literal(entry.id), REGISTRY_GRAPH),
               ox.Quad(subject, _RECORD, ox.Literal(record), REGISTRY_GRAPH)]
        add += [ox.Quad(subject, _KEY, self._key(k), REGISTRY_GRAPH) for k in sorted(entry.keys)]
        if entry.surname:
            add.append(ox.Quad(subject, _SURNAME, ox.Literal(entry.surname), REGISTRY_GRAPH))
        remove = [q for q in remove if q.object.value != record]
        self._cache.pop(subject.value, None)
        return add, remove


# --------------------------------------------------------------------------- spilling results
