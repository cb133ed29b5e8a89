"""Records read from a stancekg graph: documents, actors, stances and claims as typed dataclasses.

Everything in :mod:`kg.analysis` starts here. The graph is read with a few SPARQL queries run by
Oxigraph, never copied into an rdflib graph: a store folder (``kg build --store``) is opened
read-only where it lies, a file is loaded into an in-memory Oxigraph store, and an
:class:`rdflib.Graph` (small graphs in notebooks and tests) is copied into one. So ``kg stats`` and
``kg viz`` on 1,000 articles hold a few flat tables, not a million Python triples.

Examples
--------
>>> from kg.analysis.example import example_graph  # the other examples here use it too
>>> graph = open_graph(example_graph())
>>> [(s.holder_label, s.polarity, s.target_label) for s in stance_records(graph)][:2]
[('Springfield', 'favor', 'Mayor Quimby'), ('Springfield', 'against', 'data sharing')]
>>> documents(graph)["https://example.org/doc"].publisher
'Springfield Gazette'
"""

from __future__ import annotations

import itertools
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Union

import pyoxigraph as ox
from rdflib import Graph

from kg.graph.vocab import PREFIXES

__all__ = ["ACTOR_TYPES", "SIGNS", "ActorRecord", "ClaimRecord", "DocumentRecord", "GraphReader", "Source", "StanceRecord",
           "actor_records", "claim_records", "counts", "documents", "mention_spans",
           "open_graph", "read", "stance_records", "story_time"]

#: Actor classes (schema.org / FOAF local names) and the type names used on nodes, by preference.
ACTOR_TYPES: dict[str, str] = {
    "https://schema.org/Person": "Person",
    "https://schema.org/GovernmentOrganization": "GovernmentOrganization",
    "https://schema.org/Organization": "Organization",
    "https://schema.org/Place": "Place",
    "http://xmlns.com/foaf/0.1/Group": "Group",
    "https://schema.org/CreativeWork": "CreativeWork",
}
#: The sign of each stance polarity.
SIGNS: dict[str, int] = {"favor": 1, "against": -1}
_SKG = "https://w3id.org/stancekg/ontology#"
_TARGET_KINDS = {_SKG + "Actor": "actor", _SKG + "Act": "act", _SKG + "Topic": "topic"}

#: What the analysis reads: a graph object, an RDF file, a store folder, or an open Oxigraph store.
Source = Union[str, "os.PathLike[str]", Graph, ox.Store, "GraphReader"]


@dataclass(frozen=True)
class DocumentRecord:
    """An article: its IRI, id, headline (or its opening words), publication date, outlet and URL."""

    iri: str
    id: str
    headline: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ActorRecord:
    """An actor with what the pictures and tables show of it."""

    iri: str
    label: str
    type: str = "Actor"
    role: str = ""
    posts: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    named: bool = True
    mentions: int = 0
    claims: int = 0

    def attributes(self) -> dict[str, Any]:
        """Node attributes for networkx (lists, not tuples, as before)."""
        return {"label": self.label, "type": self.type, "role": self.role, "posts": list(self.posts),
                "aliases": list(self.aliases), "named": self.named, "mentions": self.mentions,
                "claims": self.claims}


@dataclass(frozen=True)
class StanceRecord:
    """A stance: holder, polarity, target (and the actor it bears on), evidence and where it was said."""

    stance: str
    holder: str
    holder_label: str
    polarity: str
    sign: int
    confidence: float
    target: str
    target_label: str
    target_kind: str
    target_actor: str | None
    target_actor_label: str | None
    evidence: str
    start: int | None
    end: int | None
    document: str | None
    document_id: str | None
    headline: str | None
    date: str | None
    publisher: str | None
    update: str | None
    time: str | None
    position: int | None
    rule: str | None
    claim: str | None
    cue: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None

    def attributes(self) -> dict[str, Any]:
        """Edge attributes for networkx."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class ClaimRecord:
    """A claim: its authors, text, quote kind, the actors it is about, and where it was said."""

    claim: str
    authors: tuple[str, ...]
    text: str
    kind: str | None
    about: tuple[str, ...]
    document: str | None
    document_id: str | None
    headline: str | None
    date: str | None
    publisher: str | None
    start: int | None
    update: str | None
    time: str | None
    position: int | None


# --------------------------------------------------------------------------- opening a graph


def open_graph(source: Source) -> ox.Store:
    """An Oxigraph store holding ``source``, to read records from.

    A store folder is opened read-only in place; an RDF file is loaded into memory (format from its
    extension; without the statements the analysis never reads); an rdflib graph is copied (fine
    for the small graphs of notebooks and tests).

    Raises
    ------
    ValueError
        When a path is neither a store nor a readable RDF file (the message names it).
    """
    if isinstance(source, ox.Store):
        return source
    inner = getattr(source, "store", None)  # a GraphReader, or a kg.graph.store.GraphStore
    if isinstance(inner, ox.Store):
        return inner
    if isinstance(source, Graph):
        store = ox.Store()
        data = source.serialize(format="nt", encoding="utf-8")
        if data.strip():
            store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        return store
    if isinstance(source, (str, os.PathLike)):
        return _open_path(Path(source))
    raise TypeError(f"expected a graph, an RDF file or a store folder, not {type(source).__name__}")


#: What a file loaded for the analysis leaves out: statements nothing here reads (a third of a
#: graph: how each mention was resolved, provenance, factuality, the types of spans and posts).
#: On 1,000 articles this keeps a file's in-memory store at 350 MB instead of 470.
_UNREAD = {ox.NamedNode(_SKG + name) for name in (
    "resolvedBy", "mentionKind", "mergedBecause", "cueLemma", "factualPolarity", "certainty", "roleQualifier")}
_UNREAD |= {ox.NamedNode(iri) for iri in (
    "http://www.w3.org/ns/prov#wasGeneratedBy", "http://www.w3.org/ns/prov#wasAttributedTo",
    "http://www.w3.org/ns/org#heldBy", "http://www.w3.org/ns/org#memberOf", "http://www.w3.org/ns/org#postIn",
    "https://schema.org/liveBlogUpdate", "https://schema.org/caption", "https://schema.org/creditText")}
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_UNREAD_TYPES = {ox.NamedNode(iri) for iri in (
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Phrase", "http://www.w3.org/ns/org#Post",
    "http://www.w3.org/ns/org#Role", "https://schema.org/Quotation", "http://www.w3.org/2004/02/skos/core#Concept")}


def _open_path(path: Path) -> ox.Store:
    """A store folder read-only in place, or a file read with kg.graph.load's checks (nothing
    fetched, no entity bombs) into memory, in chunks (memory stays flat while loading)."""
    from kg.graph.load import LoadError, check_file, parse_problem
    from kg.graph.store import is_store

    if path.is_dir() and is_store(path):
        try:
            return ox.Store.read_only(str(path))
        except OSError as error:
            raise ValueError(f"{path}: cannot open the store ({str(error).splitlines()[0]})") from None
    store = ox.Store()
    try:
        statements = ox.parse(path=str(path), format=check_file(path), base_iri=path.resolve().as_uri())
        kept = (q for q in statements if q.predicate not in _UNREAD and not (q.predicate == _TYPE and q.object in _UNREAD_TYPES))
        while chunk := list(itertools.islice(kept, 50_000)):
            store.extend(chunk)
    except LoadError as error:
        raise ValueError(f"{path}: {error}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not a UTF-8 RDF file") from None
    except (SyntaxError, ValueError) as error:
        raise ValueError(f"{path}: {parse_problem(error)}") from None
    except OSError as error:
        raise ValueError(f"{path}: cannot read ({error.strerror or error})") from None
    return store


_PREFIXES = "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(PREFIXES.items()))


def _select(store: ox.Store, query: str) -> Iterable[list[Any]]:
    """Rows of a SELECT on the default graph, as plain Python values (str, float, int or None)."""
    solutions = store.query(_PREFIXES + query, use_default_graph_as_union=False)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield [_plain(solution[name]) for name in names]


_NUMERIC = re.compile(r"#(integer|decimal|double|float|int|long|nonNegativeInteger|short|byte)$")


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        if term.datatype is not None and _NUMERIC.search(term.datatype.value):
            try:
                return float(term.value)
            except ValueError:
                return None
        if term.datatype is not None and term.datatype.value.endswith("#boolean"):
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _reduce(rows: Iterable[list[Any]], width: int) -> dict[str, list[Any]]:
    """One row per first column: each other column keeps its smallest value (deterministic when a
    property has several values, as OPTIONAL joins then repeat the subject)."""
    result: dict[str, list[Any]] = {}
    for row in rows:
        kept = result.get(row[0])
        if kept is None:
            result[row[0]] = list(row[1:width])
            continue
        for i, value in enumerate(row[1:width]):
            if value is not None and (kept[i] is None or str(value) < str(kept[i])):
                kept[i] = value
    return result


def _local_name(iri: object) -> str:
    text = str(iri).rstrip("/#")
    return re.split(r"[/#]", text)[-1] or text


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _pair(start: Any, end: Any) -> tuple[int, int] | None:
    return None if start is None or end is None else (int(start), int(end))


class GraphReader:
    """A graph opened for reading: each table (documents, labels, actors, stances) is read once,
    when first asked for, so the modules above can share them without reading twice."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, query: str) -> Iterable[list[Any]]:
        return _select(self.store, query)

    @cached_property
    def documents(self) -> dict[str, DocumentRecord]:
        return _read_documents(self)

    @cached_property
    def labels(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        for node, label in self.select(_LABELS):
            if node not in labels or label < labels[node]:
                labels[node] = label
        return labels

    @cached_property
    def actors(self) -> dict[str, ActorRecord]:
        return _read_actors(self)

    @cached_property
    def stances(self) -> list[StanceRecord]:
        return _read_stances(self)

    def claims(self, authors: Iterable[str] | None = None) -> list[ClaimRecord]:
        return claim_records(self, authors)


def read(source: Source | GraphReader) -> GraphReader:
    """A :class:`GraphReader` of ``source`` (itself if it is one already)."""
    return source if isinstance(source, GraphReader) else GraphReader(open_graph(source))


# --------------------------------------------------------------------------- documents and labels


_DOCUMENTS = """
SELECT ?doc ?id ?headline ?date ?publisher ?url ?opening WHERE {
  { SELECT DISTINCT ?doc WHERE { { ?doc a ?class VALUES ?class { schema:NewsArticle schema:LiveBlogPosting schema:Article } }
                                 UNION { [] schema:appearance ?doc } } }
  OPTIONAL { ?doc schema:identifier ?id }
  OPTIONAL { ?doc schema:headline|schema:name ?headline }
  OPTIONAL { ?doc schema:datePublished|schema:dateCreated ?date }
  OPTIONAL { ?doc schema:publisher ?outlet OPTIONAL { ?outlet schema:name ?outletName }
             BIND(COALESCE(?outletName, ?outlet) AS ?publisher) }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc nif:isString ?text BIND(SUBSTR(?text, 1, 160) AS ?opening) }
}"""


def documents(source: Source) -> dict[str, DocumentRecord]:
    """Documents by IRI. Without a headline, the first line of the text stands in for it.

    Examples
    --------
    >>> docs = documents(example_graph())
    >>> doc = docs["https://example.org/doc"]
    >>> doc.id, doc.headline, doc.date
    ('doc1', 'Springfield ends data sharing', '2018-06-01')
    """
    return read(source).documents


def _read_documents(reader: GraphReader) -> dict[str, DocumentRecord]:
    result = {}
    for iri, (identifier, headline, date, publisher, url, opening) in sorted(
            _reduce(reader.select(_DOCUMENTS), 7).items()):
        if iri.startswith("_:"):
            continue
        if not headline and opening:
            headline = _opening_line(opening)
        result[iri] = DocumentRecord(iri, str(identifier) if identifier else _local_name(iri), headline,
                                     None if date is None else str(date), publisher, url)
    return result


def _opening_line(text: str, width: int = 110) -> str | None:
    """The first line of an article (often its headline), cut at a word near ``width`` characters."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if len(line) > width:
        line = line[:width].rsplit(" ", 1)[0] + "…"
    return line or None


_LABELS = """
SELECT ?node ?label WHERE { ?node rdfs:label|skos:prefLabel ?label }"""


# --------------------------------------------------------------------------- actors


_ACTORS = """
SELECT ?actor ?class ?named WHERE { ?actor a skg:Actor ; a ?class OPTIONAL { ?actor skg:named ?named } }"""
_ALIASES = """SELECT ?actor ?alias WHERE { ?actor a skg:Actor ; schema:alternateName ?alias }"""
_POSTS = """
SELECT ?actor ?post ?role WHERE { ?actor org:holds ?p OPTIONAL { ?p rdfs:label ?post }
  OPTIONAL { ?p org:role/rdfs:label ?role } }"""
_MENTIONS = """SELECT ?actor (COUNT(?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?actor } GROUP BY ?actor"""
_AUTHORS = """SELECT ?actor (COUNT(?c) AS ?n) WHERE { ?c a schema:Claim ; schema:author ?actor } GROUP BY ?actor"""


def actor_records(source: Source) -> dict[str, ActorRecord]:
    """Every actor, by IRI, with its type, roles, aliases, mentions and claims.

    Examples
    --------
    >>> actors = actor_records(example_graph())
    >>> actors["https://example.org/mayor"].posts, actors["https://example.org/city"].mentions
    (("Springfield's mayor",), 2)
    """
    return read(source).actors


def _read_actors(reader: GraphReader) -> dict[str, ActorRecord]:
    labels = reader.labels
    classes: dict[str, set[str]] = defaultdict(set)
    named: dict[str, bool] = {}
    for actor, cls, is_named in reader.select(_ACTORS):
        classes[actor].add(cls)
        if is_named is not None:
            named[actor] = named.get(actor, True) and bool(is_named)
    aliases: dict[str, set[str]] = defaultdict(set)
    for actor, alias in reader.select(_ALIASES):
        aliases[actor].add(alias)
    posts: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    for actor, post, role in reader.select(_POSTS):
        if post:
            posts[actor].add(post)
        if role:
            roles[actor].add(role)
    mentions = {actor: int(count) for actor, count in reader.select(_MENTIONS)}
    claims = {actor: int(count) for actor, count in reader.select(_AUTHORS)}
    result = {}
    for actor in sorted(classes):
        kind = next((name for iri, name in ACTOR_TYPES.items() if iri in classes[actor]), "Actor")
        result[actor] = ActorRecord(
            actor, labels.get(actor) or _local_name(actor), kind, "; ".join(sorted(roles[actor])),
            tuple(sorted(posts[actor], key=lambda p: (-len(p), p))), tuple(sorted(aliases[actor])),
            named.get(actor, True), mentions.get(actor, 0), claims.get(actor, 0))
    return result


# --------------------------------------------------------------------------- stances and claims


_STANCES = """
SELECT ?stance ?holder ?target ?polarity ?targetActor ?confidence ?evidence ?start ?end ?doc ?rule ?claim
       ?update ?time ?position ?cueStart ?cueEnd ?targetStart ?targetEnd WHERE {
  ?stance a skg:Stance ; skg:holder ?holder ; skg:target ?target .
  OPTIONAL { ?stance skg:polarity ?polarity }
  OPTIONAL { ?stance skg:targetActor ?targetActor }
  OPTIONAL { ?stance skg:confidence ?confidence }
  OPTIONAL { ?stance skg:evidence ?span OPTIONAL { ?span nif:anchorOf ?evidence }
             OPTIONAL { ?span nif:beginIndex ?start } OPTIONAL { ?span nif:endIndex ?end } }
  OPTIONAL { ?stance schema:appearance ?doc }
  OPTIONAL { ?stance skg:rule ?rule }
  OPTIONAL { ?stance prov:wasDerivedFrom ?claim
             OPTIONAL { ?claim skg:cue ?cue . ?cue nif:beginIndex ?cueStart ; nif:endIndex ?cueEnd } }
  OPTIONAL { ?stance skg:update ?u OPTIONAL { ?u rdfs:label ?update } OPTIONAL { ?u skg:localTime ?time }
             OPTIONAL { ?u schema:position ?position } }
  OPTIONAL { ?target a skg:Act ; skg:evidence ?phrase . ?phrase nif:beginIndex ?targetStart ; nif:endIndex ?targetEnd }
}"""
_TARGET_TYPES = """SELECT ?node ?class WHERE { ?node a ?class VALUES ?class { skg:Actor skg:Act skg:Topic } }"""


def story_time(record: Any) -> tuple:
    """A sort key in story time: date, local time, document, position in the live blog, offset."""
    def get(name: str) -> Any:
        return record.get(name) if isinstance(record, dict) else getattr(record, name, None)
    return (get("date") or "", get("time") or "", get("document_id") or "",
            get("position") if get("position") is not None else 0, get("start") or 0)


def stance_records(source: Source) -> list[StanceRecord]:
    """Every stance, in story-time order.

    ``target_kind`` is ``actor``, ``act`` or ``topic``; ``target_actor`` is the actor the stance
    bears on (the target, or the owner of the targeted act), if any; ``cue`` is the offsets of the
    speech cue of the claim the stance was read from, ``target_span`` those of a targeted act.

    Examples
    --------
    >>> records = stance_records(example_graph())
    >>> first = records[0]
    >>> first.holder_label, first.target_kind, first.headline, first.sign
    ('Springfield', 'actor', 'Springfield ends data sharing', 1)
    """
    return read(source).stances


def _read_stances(reader: GraphReader) -> list[StanceRecord]:
    labels, docs = reader.labels, reader.documents
    kinds: dict[str, str] = {}
    for node, cls in reader.select(_TARGET_TYPES):
        kind = _TARGET_KINDS[cls]
        if node not in kinds or list(_TARGET_KINDS.values()).index(kind) < list(_TARGET_KINDS.values()).index(kinds[node]):
            kinds[node] = kind

    def label(node: str) -> str:
        return labels.get(node) or _local_name(node)

    records = []
    for stance, row in _reduce(reader.select(_STANCES), 19).items():
        (holder, target, polarity, target_actor, confidence, evidence, start, end, doc, rule, claim,
         update, time, position, cue_start, cue_end, target_start, target_end) = row
        doc_info = docs.get(doc) if doc else None
        polarity = polarity or ""
        records.append(StanceRecord(
            stance, holder, label(holder), polarity, SIGNS.get(polarity, 0),
            1.0 if confidence is None else round(float(confidence), 4), target, label(target),
            kinds.get(target, "other"), target_actor, None if target_actor is None else label(target_actor),
            evidence or "", _int(start), _int(end), doc,
            doc_info.id if doc_info else (None if doc is None else _local_name(doc)),
            doc_info.headline if doc_info else None, doc_info.date if doc_info else None,
            doc_info.publisher if doc_info else None, update, time, _int(position), rule, claim,
            _pair(cue_start, cue_end), _pair(target_start, target_end)))
    records.sort(key=lambda r: (story_time(r), r.stance))
    return records


_CLAIMS = """
SELECT ?claim ?text ?kind ?doc ?start ?update ?time ?position WHERE {
  ?claim a schema:Claim .
  OPTIONAL { ?claim schema:text ?text } OPTIONAL { ?claim skg:quoteKind ?kind }
  OPTIONAL { ?claim schema:appearance ?doc } OPTIONAL { ?claim skg:content/nif:beginIndex ?start }
  OPTIONAL { ?claim skg:update ?u OPTIONAL { ?u rdfs:label ?update } OPTIONAL { ?u skg:localTime ?time }
             OPTIONAL { ?u schema:position ?position } }
}"""
_CLAIM_LINKS = """
SELECT ?claim ?relation ?actor WHERE { ?claim a schema:Claim ; ?relation ?actor
  VALUES ?relation { schema:author schema:about } }"""


def claim_records(source: Source, authors: Iterable[str] | None = None) -> list[ClaimRecord]:
    """Every claim (or those of some authors), in story-time order.

    Examples
    --------
    >>> [(c.text, c.kind, c.update) for c in claim_records(example_graph())]
    [('the department broke the rules', 'indirect', '9:00 a.m.')]
    """
    reader = read(source)
    docs = reader.documents
    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"author": set(), "about": set()})
    for claim, relation, actor in reader.select(_CLAIM_LINKS):
        links[claim]["author" if relation.endswith("author") else "about"].add(actor)
    wanted = None if authors is None else set(authors)
    records = []
    for claim, (text, kind, doc, start, update, time, position) in _reduce(reader.select(_CLAIMS), 8).items():
        if wanted is not None and not (links[claim]["author"] & wanted):
            continue
        info = docs.get(doc) if doc else None
        records.append(ClaimRecord(
            claim, tuple(sorted(links[claim]["author"])), text or "", kind, tuple(sorted(links[claim]["about"])),
            doc, info.id if info else None, info.headline if info else None, info.date if info else None,
            info.publisher if info else None, _int(start), update, time, _int(position)))
    records.sort(key=lambda r: (story_time(r), r.claim))
    return records


_COUNTS = """
SELECT (COUNT(DISTINCT ?claim) AS ?claims) WHERE { ?claim a schema:Claim }"""


def counts(source: Source) -> dict[str, int]:
    """How many claims the graph holds (the rest is counted from the records)."""
    reader = read(source)
    return {"claims": int(next(iter(reader.select(_COUNTS)))[0] or 0)}


_SPANS = """
SELECT ?actor ?doc ?start ?end WHERE {
  VALUES ?actor { %s }
  ?m itsrdf:taIdentRef ?actor ; nif:referenceContext ?doc ; nif:beginIndex ?start ; nif:endIndex ?end }"""


def mention_spans(source: Source, actors: Iterable[str], documents_wanted: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Where some actors are mentioned in some documents: document IRI to sorted (start, end, actor).

    Used to mark the holder and the target in an evidence sentence.
    """
    reader = read(source)
    wanted = set(documents_wanted)
    iris = " ".join(f"<{a}>" for a in sorted(set(actors)) if not a.startswith("_:") and ">" not in a)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    if iris:
        for actor, doc, start, end in reader.select(_SPANS % iris):
            if doc in wanted:
                spans[doc].append((int(start), int(end), actor))
    return {doc: sorted(found) for doc, found in spans.items()}
