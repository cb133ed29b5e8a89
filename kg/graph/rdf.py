"""Turn extraction results into RDF with the stancekg ontology, and write it safely.

IRIs are readable and stable across runs: ``{base}doc/{id}``, ``{base}actor/{slug}``,
``{base}topic/{slug}``, and for everything inside an article the document IRI plus a path
(``/claim/…``, ``/stance/…``) or a NIF fragment ``#char=START,END`` for a character span
(RFC 5147, as NIF 2.0 does). No blank nodes, no timestamps: the same input gives the same
triples, and :func:`serialize` sorts what the serialisers do not.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.extract.actors import GOVERNMENT, GROUP, ORGANIZATION, PERSON, PLACE, WORK
from kg.extract.claims import DIRECT
from kg.extract.ingest import Document, Update
from kg.extract.records import BuildResult, DocumentResult
from kg.extract.resolve import Actor, LocalActor, compact_roles, slugify
from kg.extract.stance import ACT, ACTOR, Stance
from .collect import adder
from .tempfiles import atomic_output, write_atomic  # noqa: F401 - where callers found them
from .turtle import as_named_graph, write_trig, write_turtle
from .vocab import DEFAULT_BASE, FOAF, ITSRDF, NIF, ORG, OWL, PREFIXES, PROV, SDO, SKG, SKOS


class _TermsOnce:
    """A vocabulary whose terms are made once: rdflib makes (and checks) a new URIRef at every
    attribute access of a namespace, which cost a sixth of :func:`to_graph`'s time. Unknown names
    still fail as the namespace makes them fail (SKG and rdflib's own vocabularies are closed)."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # from now on a plain attribute
        return term


FOAF, ITSRDF, NIF, ORG, OWL, PROV, RDF, RDFS, SDO, SKG, SKOS, XSD = map(
    _TermsOnce, (FOAF, ITSRDF, NIF, ORG, OWL, PROV, RDF, RDFS, SDO, SKG, SKOS, XSD))

FORMATS = {"ttl": "turtle", "turtle": "turtle", "nt": "nt", "ntriples": "nt", "jsonld": "json-ld",
           "json-ld": "json-ld", "trig": "trig", "nq": "nquads", "nquads": "nquads"}
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
                  ".json": "json-ld"}

ACTOR_CLASSES = {PERSON: SDO.Person, ORGANIZATION: SDO.Organization, GOVERNMENT: SDO.GovernmentOrganization,
                 PLACE: SDO.Place, GROUP: FOAF.Group, WORK: SDO.CreativeWork}
CLASS_NAMES = {str(uri): name for name, uri in ACTOR_CLASSES.items()}
_MEDIA_TYPES = {"image": SDO.ImageObject, "video": SDO.VideoObject, "audio": SDO.AudioObject}

_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|\\^`]")


def iri_segment(text: str) -> str:
    """A path segment safe in any IRI (percent-encoded where needed)."""
    return quote(text, safe="-._~")


class _Minter:
    def __init__(self, base: str) -> None:
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", base) or _UNSAFE.search(base):
            raise ValueError(f"base IRI '{base}' is not an absolute IRI")
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self._docs: dict[str, URIRef] = {}  # percent-encoding is the costly part of minting
        self._actors: dict[str, URIRef] = {}

    def doc(self, doc_id: str) -> URIRef:
        iri = self._docs.get(doc_id)
        if iri is None:
            iri = self._docs[doc_id] = URIRef(f"{self.base}doc/{iri_segment(doc_id)}")
        return iri

    def span(self, doc_id: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.doc(doc_id)}#char={start},{end}")

    def inside(self, doc_id: str, kind: str, name: str) -> URIRef:
        return URIRef(f"{self.doc(doc_id)}/{kind}/{iri_segment(name)}")

    def actor(self, actor: Actor) -> URIRef:
        iri = self._actors.get(actor.id)
        if iri is None:
            iri = self._actors[actor.id] = URIRef(f"{self.base}actor/{iri_segment(actor.id)}")
        return iri

    def topic(self, key: str) -> URIRef:
        return URIRef(f"{self.base}topic/{iri_segment(slugify(key))}")

    def other(self, kind: str, name: str) -> URIRef:
        return URIRef(f"{self.base}{kind}/{iri_segment(name)}")


def _text(value: str) -> Literal:
    """A plain string literal. (rdflib's normalising of a plain string gives back the same string:
    skipped, it is a third of the cost of making the literal.)"""
    return Literal(value, normalize=False)


def to_graph(result: BuildResult, base: str = DEFAULT_BASE, graph: Graph | None = None) -> Graph:
    """The RDF graph of a build: documents, actors, mentions, claims, non-answers, stances.

    ``graph``: an empty graph to fill (e.g. over a lighter rdflib store); a new in-memory one if None.
    """
    graph = Graph() if graph is None else graph
    ctx = _Context(_Minter(base), graph, result)
    _add_actors(ctx, result.actors)
    _add_posts_and_memberships(ctx, result.actors)
    for doc_result in result.documents:
        _add_document(ctx, doc_result)
    return graph


class _Context:
    """What the functions adding one build's triples share: the minter, the graph, the IRIs minted so far."""

    def __init__(self, mint: _Minter, graph: Graph, result: BuildResult) -> None:
        self.mint, self.graph, self.add = mint, graph, adder(graph)
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        graph.bind("kgid", mint.base)
        self.texts = {r.document.id: r.document.text for r in result.documents}
        self.actor_iri: dict[int, URIRef] = {}  # id(LocalActor) -> actor IRI
        self.claim_iri: dict[int, URIRef] = {}  # id(Claim) -> claim or attribution IRI
        self.topics_seen: set[URIRef] = set()
        self._offsets: dict[int, Literal] = {}
        self._words: dict[str, Literal] = {}
        self.run = self._run(result.version, result.model)

    def _run(self, version: str, model: str) -> URIRef:
        """The extraction run (a prov:Activity) and the software that did it."""
        add, mint = self.add, self.mint
        run = mint.other("run", slugify(f"stancekg-{version}-{model}"))
        software = mint.other("agent", "stancekg")
        add((run, RDF.type, PROV.Activity))
        add((run, RDFS.label, _text(f"stancekg {version} extraction with {model}")))
        add((run, PROV.wasAssociatedWith, software))
        add((run, SKG.toolVersion, _text(version)))
        add((run, SKG.spacyModel, _text(model)))
        add((software, RDF.type, PROV.SoftwareAgent))
        add((software, RDFS.label, _text("stancekg")))
        return run

    def span(self, doc_id: str, start: int, end: int) -> URIRef:
        """A NIF phrase for ``text[start:end]``: its anchor is always the exact document text."""
        add = self.add
        node = self.mint.span(doc_id, start, end)
        add((node, RDF.type, NIF.Phrase))
        add((node, NIF.referenceContext, self.mint.doc(doc_id)))
        add((node, NIF.beginIndex, self.offset(start)))
        add((node, NIF.endIndex, self.offset(end)))
        add((node, NIF.anchorOf, _text(self.texts[doc_id][start:end])))
        return node

    def offset(self, value: int) -> Literal:
        """A character offset as an xsd:nonNegativeInteger, made once per value (Literals are costly)."""
        literal = self._offsets.get(value)
        if literal is None:
            literal = self._offsets[value] = Literal(value, datatype=XSD.nonNegativeInteger)
        return literal

    def word(self, value: str) -> Literal:
        """A literal from a small closed set (a kind, a rule, a polarity), made once per value."""
        literal = self._words.get(value)
        if literal is None:
            literal = self._words[value] = Literal(value)
        return literal

    def iri_of(self, local: LocalActor | None) -> URIRef | None:
        return self.actor_iri.get(id(local)) if local is not None else None

    def update_of(self, doc_result: DocumentResult, offset: int) -> URIRef | None:
        update = doc_result.document.update_at(offset)
        return self.mint.inside(doc_result.document.id, "update", str(update.index)) if update else None


def _add_actors(ctx: _Context, actors: list[Actor]) -> None:
    """Each actor: its classes, label, aliases, why it was merged, its sameAs links."""
    add = ctx.add
    for actor in actors:
        node = ctx.mint.actor(actor)
        for local in actor.locals:
            ctx.actor_iri[id(local)] = node
        add((node, RDF.type, SKG.Actor))
        add((node, RDF.type, ACTOR_CLASSES[actor.type]))
        add((node, RDFS.label, _text(actor.label)))
        add((node, SKG.named, Literal(actor.named)))
        add((node, PROV.wasGeneratedBy, ctx.run))
        for alias in actor.aliases:
            add((node, SDO.alternateName, _text(alias)))
        for reason in actor.merges:
            add((node, SKG.mergedBecause, _text(reason)))
        for iri in actor.same_as:
            add((node, OWL.sameAs, URIRef(iri)))


def _add_posts_and_memberships(ctx: _Context, actors: list[Actor]) -> None:
    """Roles (org:Post) and memberships, once all actors exist to point at: a role's
    organisation or place and an affiliation are looked up by name in the actor's articles."""
    names_to_actor: dict[tuple[str, str], URIRef] = {}
    for actor in actors:
        for local in actor.locals:
            doc_id = local.mentions[0].doc_id if local.mentions else ""
            for name in local.names():
                names_to_actor.setdefault((doc_id, name.lower()), ctx.mint.actor(actor))
            names_to_actor.setdefault((doc_id, actor.label.lower()), ctx.mint.actor(actor))
    for actor in actors:
        node = ctx.mint.actor(actor)
        for role, qualifier, role_of in compact_roles(actor.roles):
            place = names_to_actor.get((actor.first_doc, role_of.lower())) if role_of else None
            _add_post(ctx, actor, node, role, qualifier, role_of, place)
        for affiliation in actor.affiliations:
            target = next((names_to_actor.get((local.mentions[0].doc_id, affiliation.lower()))
                           for local in actor.locals if local.mentions
                           and (local.mentions[0].doc_id, affiliation.lower()) in names_to_actor), None)
            if target is not None and target != node:
                ctx.add((node, ORG.memberOf, target))


def _add_post(ctx: _Context, actor: Actor, node: URIRef, role: str, qualifier: str, role_of: str,
              place: URIRef | None) -> None:
    add, mint = ctx.add, ctx.mint
    post = mint.other("post", f"{actor.id}--{slugify(role)}" + (f"--{slugify(role_of)}" if role_of else ""))
    role_node = mint.other("role", slugify(role))
    add((role_node, RDF.type, ORG.Role))
    add((role_node, RDFS.label, _text(role)))
    add((post, RDF.type, ORG.Post))
    add((post, ORG.role, role_node))
    label = " ".join(x for x in (role_of and f"{role_of}'s", qualifier, role) if x)
    add((post, RDFS.label, _text(label)))
    add((post, ORG.heldBy, node))
    add((node, ORG.holds, post))
    if qualifier:
        add((post, SKG.roleQualifier, _text(qualifier)))
    if place is not None:
        add((post, ORG.postIn, place))


def _add_document(ctx: _Context, doc_result: DocumentResult) -> None:
    """One article and everything extracted from it."""
    doc_node = _add_document_node(ctx, doc_result.document)
    _add_mentions(ctx, doc_result)
    _add_claims(ctx, doc_result, doc_node)
    _add_non_answers(ctx, doc_result, doc_node)
    _add_credits(ctx, doc_result, doc_node)
    _add_stances(ctx, doc_result, doc_node)


def _add_document_node(ctx: _Context, document: Document) -> URIRef:
    """The article as a schema:NewsArticle (or LiveBlogPosting) and NIF context, with its metadata."""
    add, doc_id = ctx.add, document.id
    doc_node = ctx.mint.doc(doc_id)
    add((doc_node, RDF.type, SDO.LiveBlogPosting if document.updates else SDO.NewsArticle))
    add((doc_node, RDF.type, NIF.Context))
    add((doc_node, SDO.identifier, _text(doc_id)))
    add((doc_node, NIF.isString, _text(document.text)))
    add((doc_node, NIF.beginIndex, ctx.offset(0)))
    add((doc_node, NIF.endIndex, ctx.offset(len(document.text))))
    _document_metadata(add, doc_node, document)
    if document.dateline:
        _add_dateline(ctx, document, doc_node)
    for update in document.updates:
        _add_update(ctx, document, doc_node, update)
    return doc_node


def _document_metadata(add, doc_node: URIRef, document: Document) -> None:
    """What the input says about an article (a page's metadata, a JSONL record's fields), in
    schema.org terms: dates as ISO 8601 strings, names and the language tag as plain literals."""
    for term, value in ((SDO.headline, document.title), (SDO.url, document.url),
                        (SDO.datePublished, document.date), (SDO.dateModified, document.modified),
                        (SDO.publisher, document.source), (SDO.inLanguage, document.language)):
        if value:
            add((doc_node, term, _text(value)))
    for name in document.authors:
        add((doc_node, SDO.author, _text(name)))


def _add_dateline(ctx: _Context, document: Document, doc_node: URIRef) -> None:
    add, dateline = ctx.add, document.dateline
    place = ctx.mint.inside(document.id, "dateline", "place")
    add((place, RDF.type, SDO.Place))
    add((place, SDO.name, _text(dateline.place)))
    add((doc_node, SDO.locationCreated, place))
    if dateline.agency:
        agency = ctx.mint.other("agency", slugify(dateline.agency))
        add((doc_node, SDO.sourceOrganization, agency))
        add((agency, RDF.type, SDO.Organization))
        add((agency, SDO.name, _text(dateline.agency)))


def _add_update(ctx: _Context, document: Document, doc_node: URIRef, update: Update) -> None:
    add = ctx.add
    node = ctx.mint.inside(document.id, "update", str(update.index))
    add((node, RDF.type, SKG.Update))
    add((node, RDF.type, SDO.BlogPosting))
    add((doc_node, SDO.liveBlogUpdate, node))
    add((node, SDO.position, Literal(update.index)))
    add((node, RDFS.label, _text(update.time_text)))
    add((node, NIF.referenceContext, doc_node))
    add((node, NIF.beginIndex, ctx.offset(update.start)))
    add((node, NIF.endIndex, ctx.offset(update.end)))
    if update.time:
        add((node, SKG.localTime, Literal(f"{update.time}:00", datatype=XSD.time)))


def _add_mentions(ctx: _Context, doc_result: DocumentResult) -> None:
    """Mentions of kept actors, as NIF phrases pointing at the actor (itsrdf:taIdentRef)."""
    add, doc_id = ctx.add, doc_result.document.id
    for local in doc_result.actors:
        node = ctx.iri_of(local)
        if node is None:
            continue
        for mention in local.mentions:
            m = ctx.span(doc_id, mention.start, mention.end)
            add((m, ITSRDF.taIdentRef, node))
            add((m, SKG.mentionKind, ctx.word(mention.kind)))
            add((m, SKG.resolvedBy, ctx.word(local.reasons.get(id(mention), "name"))))


def _add_claims(ctx: _Context, doc_result: DocumentResult, doc_node: URIRef) -> None:
    """Attributions of kept speakers (skg:Attribution) with cue, cue class and content spans (and
    each part of a content in parts); those that state something are also schema:Claim (and
    schema:Quotation when direct); a report nested in another is linked to it."""
    add, doc_id, span = ctx.add, doc_result.document.id, ctx.span
    nodes: dict[tuple[int, int], URIRef] = {}  # the first claim of each span: what a nested report is within
    same_span: dict[tuple[int, int], int] = {}
    for c in doc_result.claims:  # joint speakers share a span: the second and later get "-2", "-3", ...
        span_key = (c.start, c.end)
        same_span[span_key] = same_span.get(span_key, 0) + 1
        suffix = "" if same_span[span_key] == 1 else f"-{same_span[span_key]}"
        node = ctx.mint.inside(doc_id, "claim" if c.is_statement else "attribution", f"{c.start}-{c.end}{suffix}")
        ctx.claim_iri[id(c)] = node  # a stance derived from one links to the same IRI
        nodes.setdefault(span_key, node)
    for claim in doc_result.claims:
        speaker = ctx.iri_of(claim.speaker)
        if speaker is None:
            continue
        node = ctx.claim_iri[id(claim)]
        add((node, RDF.type, SKG.Attribution))
        if claim.is_statement:  # a thought, an intention or a bare act is an attribution only
            add((node, RDF.type, SDO.Claim))
            if claim.kind == DIRECT:
                add((node, RDF.type, SDO.Quotation))
        add((node, SDO.author, speaker))
        add((node, PROV.wasAttributedTo, speaker))
        add((node, SDO.appearance, doc_node))
        add((node, SDO.text, _text(claim.text)))
        add((node, SKG.content, span(doc_id, claim.start, claim.end)))
        for start, end in claim.parts:  # a content in pieces: each piece, exactly
            add((node, SKG.contentPart, span(doc_id, start, end)))
        add((node, SKG.cue, span(doc_id, claim.cue_start, claim.cue_end)))
        add((node, SKG.cueLemma, ctx.word(claim.cue_lemma)))
        add((node, SKG.cueClass, ctx.word(claim.cue_class)))
        add((node, SKG.quoteKind, ctx.word(claim.kind)))
        add((node, SKG.certainty, ctx.word(claim.certainty)))
        add((node, SKG.factualPolarity, ctx.word(claim.polarity)))
        if claim.within is not None and claim.within in nodes:
            add((node, SKG.reportedWithin, nodes[claim.within]))
        add((node, PROV.wasGeneratedBy, ctx.run))
        update = ctx.update_of(doc_result, claim.start)
        if update is not None:
            add((node, SKG.update, update))
        for about in claim.about:
            about_node = ctx.iri_of(about)
            if about_node is not None:
                add((node, SDO.about, about_node))


def _add_non_answers(ctx: _Context, doc_result: DocumentResult, doc_node: URIRef) -> None:
    """Declining to comment or not answering (skg:NonAnswer), with cue and evidence spans."""
    add, doc_id = ctx.add, doc_result.document.id
    for answer in doc_result.non_answers:
        agent = ctx.iri_of(answer.actor)
        if agent is None:
            continue
        node = ctx.mint.inside(doc_id, "non-answer", f"{answer.start}-{answer.end}")
        add((node, RDF.type, SKG.NonAnswer))
        add((node, SDO.agent, agent))
        add((node, SDO.appearance, doc_node))
        add((node, SKG.cue, ctx.span(doc_id, answer.cue_start, answer.cue_end)))
        add((node, SKG.evidence, ctx.span(doc_id, answer.start, answer.end)))
        add((node, PROV.wasGeneratedBy, ctx.run))
        update = ctx.update_of(doc_result, answer.start)
        if update is not None:
            add((node, SKG.update, update))


def _add_credits(ctx: _Context, doc_result: DocumentResult, doc_node: URIRef) -> None:
    """Captioned images, videos and audio with their credit line and (when kept) their creator."""
    add, doc_id = ctx.add, doc_result.document.id
    for credit in doc_result.credits:
        node = ctx.mint.inside(doc_id, credit.medium, f"{credit.start}-{credit.end}")
        add((node, RDF.type, _MEDIA_TYPES[credit.medium]))
        add((node, SDO.caption, _text(credit.text)))
        add((node, SKG.content, ctx.span(doc_id, credit.start, credit.end)))
        add((node, SDO.creditText, _text(credit.credit)))
        add((node, SKG.cue, ctx.span(doc_id, credit.marker_start, credit.marker_end)))
        creator = ctx.iri_of(credit.creator)
        if creator is not None:
            add((node, SDO.creator, creator))
            add((node, PROV.wasAttributedTo, creator))
        add((node, SDO.appearance, doc_node))
        add((node, PROV.wasGeneratedBy, ctx.run))


def _add_stances(ctx: _Context, doc_result: DocumentResult, doc_node: URIRef) -> None:
    """Stances of kept holders toward an actor, an act or a topic, with evidence and confidence."""
    add, doc_id = ctx.add, doc_result.document.id
    for stance in doc_result.stances:
        holder = ctx.iri_of(stance.holder)
        if holder is None:
            continue
        target_node, target_actor = _target(ctx, stance)
        if target_node is None:
            continue
        name = (f"{stance.start}-{stance.end}--{slugify(stance.holder.label())}--{stance.polarity}"
                f"--{stance.target.start}-{stance.target.end}")
        node = ctx.mint.inside(doc_id, "stance", name)
        add((node, RDF.type, SKG.Stance))
        add((node, SKG.holder, holder))
        add((node, SKG.polarity, ctx.word(stance.polarity)))
        add((node, SKG.target, target_node))
        if target_actor is not None:
            add((node, SKG.targetActor, target_actor))
        add((node, SKG.evidence, ctx.span(doc_id, stance.start, stance.end)))
        add((node, SKG.confidence, Literal(f"{stance.confidence:.3f}", datatype=XSD.decimal)))
        add((node, SKG.rule, ctx.word(stance.rule)))
        add((node, SDO.appearance, doc_node))
        add((node, PROV.wasGeneratedBy, ctx.run))
        if stance.claim is not None and ctx.iri_of(stance.claim.speaker) is not None:
            claim_node = ctx.claim_iri.get(id(stance.claim)) or ctx.mint.inside(
                doc_id, "claim" if stance.claim.is_statement else "attribution", f"{stance.claim.start}-{stance.claim.end}")
            add((node, PROV.wasDerivedFrom, claim_node))
            add((claim_node, SDO.about, target_node))  # the claim is about the topic or act it takes a side on
        update = ctx.update_of(doc_result, stance.start)
        if update is not None:
            add((node, SKG.update, update))


def _target(ctx: _Context, stance: Stance) -> tuple[URIRef | None, URIRef | None]:
    """A stance's target node (an actor, an act or a topic) and the actor behind it, if any."""
    target = stance.target
    owner = ctx.iri_of(target.actor)
    if target.kind == ACTOR:
        return owner, owner
    graph, mint = ctx.graph, ctx.mint
    if target.kind == ACT:
        # One node per act and article, whatever the wording: "the city's contract with ICE" and
        # "a contract with ICE" share the key "contract with ice".
        node = mint.inside(stance.doc_id, "act", slugify(target.key) if target.key else f"{target.start}-{target.end}")
        if node not in ctx.topics_seen:
            ctx.topics_seen.add(node)
            graph.add((node, RDF.type, SKG.Act))
            graph.add((node, RDFS.label, _text(target.label)))
            if owner is not None:
                graph.add((node, SDO.agent, owner))
        elif (node, RDFS.label, _text(target.label)) not in graph:
            graph.add((node, SKOS.altLabel, _text(target.label)))
        graph.add((node, SKG.evidence, ctx.span(stance.doc_id, target.start, target.end)))
        return node, graph.value(node, SDO.agent) or owner
    if target.local:
        node = mint.inside(stance.doc_id, "topic", slugify(target.key))
    else:
        node = mint.topic(target.key or target.label)
    if node not in ctx.topics_seen:
        ctx.topics_seen.add(node)
        graph.add((node, RDF.type, SKG.Topic))
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, RDFS.label, _text(target.label)))
    elif (node, RDFS.label, _text(target.label)) not in graph:
        graph.add((node, SKOS.altLabel, _text(target.label)))
    return node, owner


# --------------------------------------------------------------------------- output


def format_for(path: str | os.PathLike[str] | None, fmt: str | None) -> str:
    """The rdflib format ``fmt`` names, else ``path``'s extension does (Turtle without a path)."""
    if fmt and fmt.lower() not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (choose from ttl, nt, nq, jsonld, trig)")
    suffix = Path(path).suffix.lower() if path else ".ttl"
    if not fmt and suffix not in SUFFIX_FORMATS:
        raise ValueError(f"{path}: unknown output extension '{suffix or '(none)'}' "
                         f"(choose {', '.join(SUFFIX_FORMATS)}, or name the format with --format)")
    return FORMATS[fmt.lower()] if fmt else SUFFIX_FORMATS[suffix]


def serialize(graph: Graph, fmt: str = "turtle") -> str:
    """Serialise deterministically: N-Triples sorted; Turtle/TriG/JSON-LD as rdflib orders them."""
    pieces: list[str] = []
    _serialize_to(graph, fmt, pieces.append)
    return "".join(pieces)


def _serialize_to(graph: Graph, fmt: str, write: Callable[[str], object]) -> None:
    """:func:`serialize`, handing the text to ``write`` piece by piece (Turtle and TriG as it is
    made, by :mod:`kg.graph.turtle`: rdflib's own Turtle writer takes time quadratic in the graph)."""
    if fmt == "turtle":
        write_turtle(graph, write)
    elif fmt == "trig":
        write_trig(graph, _graph_name(graph), write)
    elif fmt == "nt":
        lines = graph.serialize(format="nt").splitlines()
        write("\n".join(sorted(line for line in lines if line.strip())) + "\n")
    elif fmt == "nquads":
        lines = as_named_graph(graph, _graph_name(graph)).serialize(format="nquads").splitlines()
        write("\n".join(sorted(line for line in lines if line.strip())) + "\n")
    elif fmt == "json-ld":
        write(_sorted_jsonld(graph))
    else:
        write(graph.serialize(format=fmt))


def _graph_name(graph: Graph) -> URIRef:
    """The IRI naming a build's graph in TriG and N-Quads: ``{base}graph``."""
    base = dict(graph.namespaces()).get("kgid", URIRef(DEFAULT_BASE))
    return URIRef(f"{base}graph")


def _sorted_jsonld(graph: Graph) -> str:
    import json

    data = json.loads(graph.serialize(format="json-ld", context=PREFIXES, auto_compact=True))
    nodes = data.get("@graph", [data])

    def order(value):
        if isinstance(value, list):
            return sorted((order(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        if isinstance(value, dict):
            return {k: order(v) for k, v in value.items()}
        return value
    data["@graph"] = order(nodes)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_graph(graph: Graph, path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """Serialise ``graph`` to ``path`` atomically, streamed as it is made; returns the rdflib format used."""
    rdf_format = format_for(path, fmt)
    with atomic_output(path) as stream:
        pieces: list[str] = []
        size = 0

        def write(text: str) -> None:
            nonlocal size
            pieces.append(text)
            size += len(text)
            if size >= 1 << 20:
                flush()

        def flush() -> None:
            nonlocal size
            stream.write("".join(pieces).encode("utf-8", "replace"))  # as rdflib's writers encode
            pieces.clear()
            size = 0
        _serialize_to(graph, rdf_format, write)
        flush()
    return rdf_format


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """Read an RDF file (format from its extension; Turtle by default) with Oxigraph's parsers,
    which never fetch anything (see :mod:`kg.graph.load`); :class:`kg.graph.load.LoadError` if
    it cannot be used."""
    from .load import load_graph as safe_load
    return safe_load(path)
