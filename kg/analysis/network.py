"""The actor graph: NetworkX views of a stancekg RDF graph, and the analytics run on them.

Three graphs are read from the RDF (a file, or an :class:`rdflib.Graph`), never from spaCy objects:

* :func:`stance_graph`: a ``MultiDiGraph`` of actors with one edge per stance, from the holder to
  the actor the stance bears on (``skg:targetActor``), carrying polarity, confidence, the evidence
  sentence, its document and its live-blog update;
* :func:`signed_graph`: the same collapsed to one signed ``DiGraph`` edge per holder and target,
  whose ``weight`` is the net confidence (favor minus against);
* :func:`claim_graph`: actors, their claims and the topics and acts they take stances on, for
  who-talks-about-what.

:func:`camps` splits the actors of a signed graph into the sides that best explain its edges in the
sense of structural balance (positive edges within a side, negative edges across) and reports the
frustration index: the weight of the edges that no split can explain. :func:`summary` gathers the
numbers printed by ``kg stats``; :func:`write_network` writes GraphML or GEXF for Gephi and
Cytoscape.js JSON for Cytoscape.

Every function is pure: it takes a graph and returns a new graph or plain data.

Examples
--------
>>> from kg.analysis import network
>>> rdf = network.example_graph()
>>> G = network.stance_graph(rdf)
>>> G.number_of_nodes(), G.number_of_edges()
(4, 4)
>>> result = network.camps(network.signed_graph(G))
>>> [[G.nodes[n]["label"] for n in camp] for camp in result.camps]
[['Springfield', 'Mayor Quimby'], ['Department of Transport']]
>>> [G.nodes[n]["label"] for n in result.unaligned]
['Local press']
>>> result.frustration, result.share_explained
(0.0, 1.0)
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Hashable, Iterable, Mapping, Union

import networkx as nx
import numpy as np
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.graph.vocab import FOAF, ITSRDF, NIF, ORG, PROV, RDFS, SDO, SKG, SKOS

__all__ = [
    "ACTOR_TYPES", "SIGNS", "Camps", "Source", "actor_records", "actor_summary", "as_rdf", "camp_names",
    "camps", "claim_graph", "claim_records",
    "edge_groups", "example_graph", "export_graph", "format_summary", "frustration", "layout",
    "signed_graph", "stance_graph", "stance_records", "summary", "to_cytoscape", "topics_by_side",
    "write_network",
]

Source = Union[str, "os.PathLike[str]", Graph]

#: Actor classes and the type names used on nodes, in order of preference when an actor has several.
ACTOR_TYPES: dict[URIRef, str] = {
    SDO.Person: "Person",
    SDO.GovernmentOrganization: "GovernmentOrganization",
    SDO.Organization: "Organization",
    SDO.Place: "Place",
    FOAF.Group: "Group",
    SDO.CreativeWork: "CreativeWork",
}
#: The sign of each stance polarity.
SIGNS: dict[str, int] = {"favor": 1, "against": -1}
#: Components up to this many actors are split by exhaustive search; larger ones heuristically.
EXACT_LIMIT = 20
#: Export formats by file suffix.
EXPORT_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".json": "cytoscape"}

_TARGET_KINDS = ((SKG.Actor, "actor"), (SKG.Act, "act"), (SKG.Topic, "topic"))

_EXAMPLE = """
@prefix skg: <https://w3id.org/stancekg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix ex: <https://example.org/> .

ex:doc a schema:NewsArticle ; schema:identifier "doc1" ; schema:headline "Springfield ends data sharing" ;
    schema:datePublished "2018-06-01" .
ex:city a skg:Actor, schema:Place ; rdfs:label "Springfield" ; skg:named true .
ex:mayor a skg:Actor, schema:Person ; rdfs:label "Mayor Quimby" ; schema:alternateName "Quimby" ;
    skg:named true ; org:holds ex:post .
ex:post a org:Post ; rdfs:label "Springfield's mayor" ; org:role ex:mayorRole .
ex:mayorRole a org:Role ; rdfs:label "mayor" .
ex:dot a skg:Actor, schema:GovernmentOrganization ; rdfs:label "Department of Transport" ; skg:named true .
ex:press a skg:Actor, schema:Organization ; rdfs:label "Local press" ; skg:named true .
ex:topic a skg:Topic ; rdfs:label "data sharing" .
ex:m1 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:city .
ex:m2 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:city .
ex:m3 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:mayor .
ex:m4 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:dot .
ex:m5 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:press .
ex:u1 a skg:Update ; rdfs:label "9:00 a.m." ; skg:localTime "09:00:00" ; schema:position 2 .
ex:u2 a skg:Update ; rdfs:label "11:30 a.m." ; skg:localTime "11:30:00" ; schema:position 1 .
ex:c1 a schema:Claim ; schema:author ex:mayor ; schema:text "the department broke the rules" ;
    skg:quoteKind "indirect" ; schema:appearance ex:doc ; schema:about ex:dot ; skg:update ex:u1 .
ex:e1 nif:anchorOf "The mayor said the department broke the rules." ; nif:beginIndex 0 ; nif:endIndex 46 .
ex:e2 nif:anchorOf "The department criticised Springfield." ; nif:beginIndex 47 ; nif:endIndex 85 .
ex:e3 nif:anchorOf "Springfield backed its mayor." ; nif:beginIndex 86 ; nif:endIndex 115 .
ex:e4 nif:anchorOf "Springfield opposes data sharing." ; nif:beginIndex 116 ; nif:endIndex 149 .
ex:s1 a skg:Stance ; skg:holder ex:mayor ; skg:polarity "against" ; skg:target ex:dot ;
    skg:targetActor ex:dot ; skg:confidence 0.8 ; skg:evidence ex:e1 ; schema:appearance ex:doc ;
    skg:update ex:u1 .
ex:s2 a skg:Stance ; skg:holder ex:dot ; skg:polarity "against" ; skg:target ex:city ;
    skg:targetActor ex:city ; skg:confidence 0.7 ; skg:evidence ex:e2 ; schema:appearance ex:doc ;
    skg:update ex:u2 .
ex:s3 a skg:Stance ; skg:holder ex:city ; skg:polarity "favor" ; skg:target ex:mayor ;
    skg:targetActor ex:mayor ; skg:confidence 0.9 ; skg:evidence ex:e3 ; schema:appearance ex:doc .
ex:s4 a skg:Stance ; skg:holder ex:dot ; skg:polarity "against" ; skg:target ex:mayor ;
    skg:targetActor ex:mayor ; skg:confidence 0.6 ; skg:evidence ex:e2 ; schema:appearance ex:doc ;
    skg:update ex:u2 .
ex:s5 a skg:Stance ; skg:holder ex:city ; skg:polarity "against" ; skg:target ex:topic ;
    skg:confidence 0.75 ; skg:evidence ex:e4 ; schema:appearance ex:doc .
"""


# --------------------------------------------------------------------------- reading the RDF


def example_graph() -> Graph:
    """A small hand-made stancekg RDF graph, for examples and tests.

    Four actors in one article: Springfield and its mayor back each other, the Department of
    Transport is against both, the mayor is against the department, and the local press takes no
    stance. Springfield is also against the topic "data sharing".

    Returns
    -------
    rdflib.Graph

    Examples
    --------
    >>> len(example_graph()) > 50
    True
    """
    graph = Graph()
    graph.parse(data=_EXAMPLE, format="turtle")
    return graph


def as_rdf(source: Source) -> Graph:
    """The :class:`rdflib.Graph` of ``source``: a graph is returned as is, a path is parsed.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
        A graph, or an RDF file written by ``kg build`` (format from its extension).

    Returns
    -------
    rdflib.Graph

    Examples
    --------
    >>> rdf = example_graph()
    >>> as_rdf(rdf) is rdf
    True
    """
    if isinstance(source, Graph):
        return source
    if isinstance(source, (str, os.PathLike)):
        from kg.graph.rdf import load_graph

        return load_graph(source)
    raise TypeError(f"expected an rdflib Graph or a path, not {type(source).__name__}")


def _one(rdf: Graph, subject, predicate):
    """The smallest value of ``predicate`` on ``subject`` (deterministic when there are several)."""
    values = list(rdf.objects(subject, predicate))
    if not values:
        return None
    return min(values, key=str)


def _text(rdf: Graph, subject, predicate) -> str | None:
    value = _one(rdf, subject, predicate)
    return None if value is None else str(value)


def _number(rdf: Graph, subject, predicate) -> float | None:
    value = _one(rdf, subject, predicate)
    if value is None:
        return None
    try:
        return float(value.toPython()) if isinstance(value, Literal) else float(value)
    except (TypeError, ValueError):
        return None


def _local_name(iri: object) -> str:
    text = str(iri).rstrip("/#")
    return re.split(r"[/#]", text)[-1] or text


def _documents(rdf: Graph) -> dict[str, dict[str, Any]]:
    """Documents by IRI: id, headline, date, publisher."""
    docs: set = set()
    for cls in (SDO.NewsArticle, SDO.LiveBlogPosting, SDO.Article):
        docs.update(rdf.subjects(RDF.type, cls))
    docs.update(rdf.subjects(SDO.identifier, None))
    docs.update(o for o in rdf.objects(None, SDO.appearance))
    result = {}
    for doc in sorted(docs, key=str):
        identifier = _text(rdf, doc, SDO.identifier) or _local_name(doc)
        result[str(doc)] = {
            "id": identifier,
            "headline": _text(rdf, doc, SDO.headline),
            "date": _text(rdf, doc, SDO.datePublished),
            "publisher": _text(rdf, doc, SDO.publisher),
            "url": _text(rdf, doc, SDO.url),
        }
    return result


def _update(rdf: Graph, node) -> dict[str, Any]:
    """The live-blog update of a claim or stance: its label, local time and position."""
    update = _one(rdf, node, SKG.update)
    if update is None:
        return {"update": None, "time": None, "position": None}
    position = _number(rdf, update, SDO.position)
    return {"update": _text(rdf, update, RDFS.label), "time": _text(rdf, update, SKG.localTime),
            "position": None if position is None else int(position)}


def actor_records(source: Source) -> dict[str, dict[str, Any]]:
    """Every actor's attributes, by IRI: the node attributes of :func:`stance_graph`.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like

    Returns
    -------
    dict
        IRI to ``label``, ``type``, ``role``, ``posts``, ``aliases``, ``named``, ``mentions``,
        ``claims`` and ``documents``.

    Examples
    --------
    >>> actors = actor_records(example_graph())
    >>> actors["https://example.org/mayor"]["posts"], actors["https://example.org/city"]["mentions"]
    (["Springfield's mayor"], 2)
    """
    rdf = as_rdf(source)
    mentions: Counter[str] = Counter()
    mention_docs: dict[str, set[str]] = defaultdict(set)
    for mention, actor in rdf.subject_objects(ITSRDF.taIdentRef):
        mentions[str(actor)] += 1
        doc = _one(rdf, mention, NIF.referenceContext)
        if doc is not None:
            mention_docs[str(actor)].add(str(doc))
    claims: Counter[str] = Counter(str(a) for c in rdf.subjects(RDF.type, SDO.Claim)
                                   for a in rdf.objects(c, SDO.author))
    result = {}
    for actor in sorted(set(rdf.subjects(RDF.type, SKG.Actor)), key=str):
        classes = set(rdf.objects(actor, RDF.type))
        kind = next((name for uri, name in ACTOR_TYPES.items() if uri in classes), "Actor")
        roles, posts = set(), set()
        for post in rdf.objects(actor, ORG.holds):
            role = _one(rdf, post, ORG.role)
            role_label = _text(rdf, role, RDFS.label) if role is not None else None
            post_label = _text(rdf, post, RDFS.label)
            if role_label:
                roles.add(role_label)
            if post_label:
                posts.add(post_label)
        named = _one(rdf, actor, SKG.named)
        key = str(actor)
        result[key] = {
            "label": _text(rdf, actor, RDFS.label) or _local_name(actor),
            "type": kind,
            "role": "; ".join(sorted(roles)),
            "posts": sorted(posts, key=lambda p: (-len(p), p)),
            "aliases": sorted({str(a) for a in rdf.objects(actor, SDO.alternateName)}),
            "named": bool(named.toPython()) if isinstance(named, Literal) else True,
            "mentions": mentions.get(key, 0),
            "claims": claims.get(key, 0),
            "documents": sorted(mention_docs.get(key, ())),
        }
    return result


def _target_kind(rdf: Graph, target) -> str:
    classes = set(rdf.objects(target, RDF.type))
    return next((name for cls, name in _TARGET_KINDS if cls in classes), "other")


def _when(record: Mapping[str, Any]) -> tuple:
    """A sort key in story time: date, local time, document, position in the live blog."""
    return (record.get("date") or "", record.get("time") or "", record.get("document_id") or "",
            record.get("position") if record.get("position") is not None else 0, record.get("start") or 0)


def stance_records(source: Source) -> list[dict[str, Any]]:
    """Every stance in the graph as a plain record, in story-time order.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like

    Returns
    -------
    list of dict
        Keys: ``stance`` (IRI), ``holder``, ``holder_label``, ``polarity``, ``sign`` (+1, -1 or 0),
        ``confidence``, ``target``, ``target_label``, ``target_kind`` (``actor``, ``act``,
        ``topic``), ``target_actor`` (IRI or None), ``evidence`` (the sentence), ``start``,
        ``end``, ``document`` (IRI), ``document_id``, ``headline``, ``date``, ``update`` (e.g.
        ``"3:15 p.m."``), ``time`` (``"15:15:00"``), ``position``, ``rule``, ``claim``.

    Examples
    --------
    >>> records = stance_records(example_graph())
    >>> [(r["holder_label"], r["polarity"], r["target_label"]) for r in records][:2]
    [('Springfield', 'favor', 'Mayor Quimby'), ('Springfield', 'against', 'data sharing')]
    """
    rdf = as_rdf(source)
    docs = _documents(rdf)
    labels: dict[str, str] = {}

    def label(node) -> str:
        key = str(node)
        if key not in labels:
            labels[key] = _text(rdf, node, RDFS.label) or _text(rdf, node, SKOS.prefLabel) or _local_name(node)
        return labels[key]

    records = []
    for stance in set(rdf.subjects(RDF.type, SKG.Stance)):
        holder, target = _one(rdf, stance, SKG.holder), _one(rdf, stance, SKG.target)
        if holder is None or target is None:
            continue
        polarity = _text(rdf, stance, SKG.polarity) or ""
        target_actor = _one(rdf, stance, SKG.targetActor)
        span = _one(rdf, stance, SKG.evidence)
        doc = _one(rdf, stance, SDO.appearance)
        doc_info = docs.get(str(doc), {}) if doc is not None else {}
        confidence = _number(rdf, stance, SKG.confidence)
        start = _number(rdf, span, NIF.beginIndex) if span is not None else None
        end = _number(rdf, span, NIF.endIndex) if span is not None else None
        claim = _one(rdf, stance, PROV.wasDerivedFrom)
        record = {
            "stance": str(stance),
            "holder": str(holder),
            "holder_label": label(holder),
            "polarity": polarity,
            "sign": SIGNS.get(polarity, 0),
            "confidence": 1.0 if confidence is None else round(confidence, 4),
            "target": str(target),
            "target_label": label(target),
            "target_kind": _target_kind(rdf, target),
            "target_actor": None if target_actor is None else str(target_actor),
            "target_actor_label": None if target_actor is None else label(target_actor),
            "evidence": (_text(rdf, span, NIF.anchorOf) or "") if span is not None else "",
            "start": None if start is None else int(start),
            "end": None if end is None else int(end),
            "document": None if doc is None else str(doc),
            "document_id": doc_info.get("id") or (None if doc is None else _local_name(doc)),
            "headline": doc_info.get("headline"),
            "date": doc_info.get("date"),
            "rule": _text(rdf, stance, SKG.rule),
            "claim": None if claim is None else str(claim),
        }
        record.update(_update(rdf, stance))
        records.append(record)
    records.sort(key=lambda r: (_when(r), r["stance"]))
    return records


def claim_records(source: Source) -> list[dict[str, Any]]:
    """Every claim as a plain record, in story-time order.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like

    Returns
    -------
    list of dict
        Keys: ``claim`` (IRI), ``authors``, ``text``, ``kind`` (quote kind), ``about`` (actor
        IRIs), ``document``, ``document_id``, ``headline``, ``date``, ``start``, ``update``,
        ``time``, ``position``.

    Examples
    --------
    >>> [(c["text"], c["kind"], c["update"]) for c in claim_records(example_graph())]
    [('the department broke the rules', 'indirect', '9:00 a.m.')]
    """
    rdf = as_rdf(source)
    docs = _documents(rdf)
    records = []
    for claim in set(rdf.subjects(RDF.type, SDO.Claim)):
        doc = _one(rdf, claim, SDO.appearance)
        content = _one(rdf, claim, SKG.content)
        start = _number(rdf, content, NIF.beginIndex) if content is not None else None
        doc_info = docs.get(str(doc), {}) if doc is not None else {}
        record = {
            "claim": str(claim),
            "authors": sorted(str(a) for a in rdf.objects(claim, SDO.author)),
            "text": _text(rdf, claim, SDO.text) or "",
            "kind": _text(rdf, claim, SKG.quoteKind),
            "about": sorted(str(a) for a in rdf.objects(claim, SDO.about)),
            "document": None if doc is None else str(doc),
            "document_id": doc_info.get("id"),
            "headline": doc_info.get("headline"),
            "date": doc_info.get("date"),
            "start": None if start is None else int(start),
        }
        record.update(_update(rdf, claim))
        records.append(record)
    records.sort(key=lambda r: (_when(r), r["claim"]))
    return records


# --------------------------------------------------------------------------- the graphs


def stance_graph(source: Source, min_confidence: float = 0.0,
                 documents: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The actor stance graph: actors, and one edge per stance from holder to target actor.

    A stance gives an edge when it bears on an actor (``skg:targetActor``: the target itself or the
    owner of the targeted act) other than its holder. Stances on topics only are left to
    :func:`claim_graph` and :func:`topics_by_side`.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
        The RDF graph, or a file to parse.
    min_confidence : float, optional (default 0)
        Leave out stances below this confidence.
    documents : iterable of str, optional
        Keep only stances reported in these documents (IRIs or ``schema:identifier`` values).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``type`` (Person, Organization,
        GovernmentOrganization, Place, Group, CreativeWork), ``role``, ``posts``, ``aliases``, ``named``,
        ``mentions``, ``claims`` (number authored) and ``documents`` (where mentioned). Edges are
        keyed by stance IRI and carry the fields of :func:`stance_records`. ``G.graph["documents"]``
        describes the documents.

    Examples
    --------
    >>> G = stance_graph(example_graph())
    >>> G.nodes["https://example.org/mayor"]["role"], G.nodes["https://example.org/mayor"]["mentions"]
    ('mayor', 1)
    >>> sorted((G.nodes[u]["label"], d["polarity"], G.nodes[v]["label"]) for u, v, d in G.edges(data=True))[0]
    ('Department of Transport', 'against', 'Mayor Quimby')
    >>> stance_graph(example_graph(), min_confidence=0.75).number_of_edges()
    2
    """
    rdf = as_rdf(source)
    G = nx.MultiDiGraph()
    G.graph["documents"] = _documents(rdf)
    for actor, attributes in actor_records(rdf).items():
        G.add_node(actor, **attributes)
    wanted = None if documents is None else set(documents)
    for record in stance_records(rdf):
        holder, target = record["holder"], record["target_actor"]
        if target is None or holder == target or record["sign"] == 0:
            continue
        if record["confidence"] < min_confidence:
            continue
        if wanted is not None and record["document"] not in wanted and record["document_id"] not in wanted:
            continue
        for node in (holder, target):
            if node not in G:  # an actor used but not described: still a node
                G.add_node(node, label=record["holder_label"] if node == holder else record["target_actor_label"],
                           type="Actor", role="", posts=[], aliases=[], named=True, mentions=0, claims=0,
                           documents=[])
        G.add_edge(holder, target, key=record["stance"], **record)
    return G


def signed_graph(G: nx.MultiDiGraph | Source, weight: str | None = "confidence") -> nx.DiGraph:
    """Collapse a stance graph to one signed edge per holder and target.

    Parameters
    ----------
    G : networkx.MultiDiGraph, or an RDF source
        A graph from :func:`stance_graph` (an RDF graph or file is first passed to it).
    weight : str or None, optional (default "confidence")
        The edge attribute each stance counts with; None counts every stance as 1.

    Returns
    -------
    networkx.DiGraph
        Same nodes. Each edge has ``weight`` (the sum of sign x ``weight`` over its stances),
        ``sign`` (+1, -1, or 0 when favor and against cancel out), ``favor``, ``against`` and
        ``count`` (numbers of stances) and ``stances`` (their keys).

    Examples
    --------
    >>> S = signed_graph(stance_graph(example_graph()))
    >>> S["https://example.org/mayor"]["https://example.org/dot"]["weight"]
    -0.8
    >>> S["https://example.org/city"]["https://example.org/mayor"]["sign"]
    1
    >>> S2 = signed_graph(stance_graph(example_graph()), weight=None)
    >>> S2["https://example.org/mayor"]["https://example.org/dot"]["weight"]
    -1.0
    """
    if not isinstance(G, nx.Graph):
        G = stance_graph(G)
    S = nx.DiGraph()
    S.graph.update(G.graph)
    S.add_nodes_from(G.nodes(data=True))
    net: dict[tuple, dict[str, Any]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        sign = data.get("sign", SIGNS.get(data.get("polarity", ""), 0))
        if sign == 0 or u == v:
            continue
        value = 1.0 if weight is None else float(data.get(weight, 1.0))
        entry = net.setdefault((u, v), {"weight": 0.0, "favor": 0, "against": 0, "stances": []})
        entry["weight"] += sign * value
        entry["favor" if sign > 0 else "against"] += 1
        entry["stances"].append(key)
    for (u, v), entry in sorted(net.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        total = round(entry["weight"], 6)
        S.add_edge(u, v, weight=total, sign=(total > 0) - (total < 0), favor=entry["favor"],
                   against=entry["against"], count=entry["favor"] + entry["against"],
                   stances=sorted(entry["stances"], key=str))
    return S


def claim_graph(source: Source) -> nx.MultiDiGraph:
    """Who talks about what: actors, their claims, and the targets of their stances.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like

    Returns
    -------
    networkx.MultiDiGraph
        Nodes have a ``kind``: ``actor``, ``claim`` (with ``text``, ``quote_kind``, ``document``,
        ``update``), ``topic`` or ``act``. Edges have a ``relation``: ``said`` (actor to claim),
        ``about`` (claim to the actor it is about) and ``stance`` (from the claim a stance was
        derived from, else from its holder, to its target; with ``polarity`` and ``confidence``).

    Examples
    --------
    >>> C = claim_graph(example_graph())
    >>> sorted(Counter(kind for _, kind in C.nodes(data="kind")).items())
    [('actor', 4), ('claim', 1), ('topic', 1)]
    >>> sorted(Counter(r for _, _, r in C.edges(data="relation")).items())
    [('about', 1), ('said', 1), ('stance', 5)]
    >>> [C.nodes[v]["label"] for _, v, r in C.edges("https://example.org/city", data="relation") if r == "stance"]
    ['Mayor Quimby', 'data sharing']
    """
    rdf = as_rdf(source)
    C = nx.MultiDiGraph()
    C.graph["documents"] = _documents(rdf)
    for actor, attributes in actor_records(rdf).items():
        C.add_node(actor, kind="actor", **attributes)
    for claim in claim_records(rdf):
        node = claim["claim"]
        C.add_node(node, kind="claim", label=claim["text"], text=claim["text"], quote_kind=claim["kind"],
                   document=claim["document"], document_id=claim["document_id"], update=claim["update"],
                   time=claim["time"])
        for author in claim["authors"]:
            if author not in C:
                C.add_node(author, kind="actor", label=_local_name(author))
            C.add_edge(author, node, key=f"said:{author}", relation="said")
        for about in claim["about"]:
            if about not in C:
                C.add_node(about, kind="actor", label=_local_name(about))
            C.add_edge(node, about, key=f"about:{about}", relation="about")
    for record in stance_records(rdf):
        target = record["target"]
        if target not in C:
            C.add_node(target, kind=record["target_kind"], label=record["target_label"])
        source_node = record["claim"] if record["claim"] in C else record["holder"]
        if source_node not in C:
            C.add_node(source_node, kind="actor", label=record["holder_label"])
        C.add_edge(source_node, target, key=record["stance"], relation="stance", holder=record["holder"],
                   polarity=record["polarity"], confidence=record["confidence"], evidence=record["evidence"],
                   document=record["document"])
    return C


def edge_groups(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The edges of a drawing: one per holder, target actor and polarity.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`stance_graph`.

    Returns
    -------
    list of dict
        ``source``, ``target``, ``polarity``, ``count`` and ``stances`` (edge keys), sorted.

    Examples
    --------
    >>> groups = edge_groups(stance_graph(example_graph()))
    >>> len(groups), groups[0]["polarity"], groups[0]["count"]
    (4, 'favor', 1)
    """
    groups: dict[tuple, list] = defaultdict(list)
    for u, v, key, polarity in G.edges(keys=True, data="polarity"):
        groups[(u, v, polarity)].append(key)
    return [{"source": u, "target": v, "polarity": p, "count": len(keys), "stances": sorted(keys, key=str)}
            for (u, v, p), keys in sorted(groups.items(), key=lambda item: tuple(map(str, item[0])))]


# --------------------------------------------------------------------------- camps


@dataclass(frozen=True)
class Camps:
    """A split of the actors of a signed graph into sides (structural balance).

    Attributes
    ----------
    camps : list of list
        The sides, each a sorted list of nodes; largest first (by mentions, then size).
    unaligned : list
        Nodes with no signed edge: they belong to no side.
    partition : dict
        Node to camp index (into ``camps``), or None for unaligned nodes.
    frustration : float
        The frustration index: total absolute weight of the edges the split does not explain
        (negative edges inside a side, positive edges across sides).
    total : float
        Total absolute weight of the signed edges.
    edges : int
        Number of signed edges (net weight not zero, no self-loops).
    frustrated_edges : list of tuple
        The (u, v) edges the split does not explain.
    method : str
        ``"exact"`` when every component was searched exhaustively, else ``"spectral+local"``.
    """

    camps: list[list[Hashable]]
    unaligned: list[Hashable]
    partition: dict[Hashable, int | None]
    frustration: float
    total: float
    edges: int
    frustrated_edges: list[tuple[Hashable, Hashable]] = field(default_factory=list)
    method: str = "exact"

    @property
    def explained_edges(self) -> int:
        """Number of signed edges the split explains."""
        return self.edges - len(self.frustrated_edges)

    @property
    def share_explained(self) -> float:
        """Share of the signed edge weight the split explains (1 - frustration / total)."""
        return 1.0 if self.total == 0 else round(1.0 - self.frustration / self.total, 6)


def _signed_edges(S: nx.Graph, weight: str | None) -> list[tuple[Hashable, Hashable, float]]:
    edges = []
    for u, v, data in S.edges(data=True):
        if u == v:
            continue
        value = data.get("sign", 1) if weight is None else data.get(weight, 1.0)
        value = float(value)
        if value != 0 and not math.isnan(value):
            edges.append((u, v, value))
    return edges


def frustration(S: nx.Graph, partition: Mapping[Hashable, int | None],
                weight: str | None = "weight") -> tuple[float, list[tuple[Hashable, Hashable]]]:
    """The weight of the signed edges a partition does not explain, and those edges.

    A positive edge is explained when both ends are in the same camp; a negative edge when they
    are in different camps. An edge with an unaligned end (None) is never explained.

    Parameters
    ----------
    S : networkx.Graph or networkx.DiGraph
        A signed graph (see :func:`signed_graph`).
    partition : mapping
        Node to camp (any hashable; None means unaligned).
    weight : str or None, optional (default "weight")
        The edge attribute with the signed weight; None uses the ``sign`` attribute (every edge
        counts 1).

    Returns
    -------
    (float, list of tuple)

    Examples
    --------
    >>> S = nx.Graph()
    >>> S.add_weighted_edges_from([("a", "b", 1), ("b", "c", -1), ("a", "c", 2)])
    >>> frustration(S, {"a": 0, "b": 0, "c": 1})
    (2.0, [('a', 'c')])
    """
    total, frustrated = 0.0, []
    for u, v, value in _signed_edges(S, weight):
        cu, cv = partition.get(u), partition.get(v)
        explained = cu is not None and cv is not None and ((cu == cv) == (value > 0))
        if not explained:
            total += abs(value)
            frustrated.append((u, v))
    return round(total, 6), frustrated


def _best_spins(J: np.ndarray, exact_limit: int, seed: int) -> tuple[np.ndarray, bool]:
    """Spins x in {-1, +1}^n maximising x'Jx (J symmetric, zero diagonal), x[0] = +1.

    Maximising x'Jx is minimising the frustration: flipping the camp of a pair changes the cost by
    its net agreement. Exhaustive search up to ``exact_limit`` nodes (vectorised, in chunks), else
    the sign of the leading eigenvector, improved by single-node flips, and random restarts.
    """
    n = len(J)
    if n == 1:
        return np.ones(1), True
    if n <= exact_limit:
        bits = np.arange(n - 1)
        best_value, best = -np.inf, None
        count = 1 << (n - 1)
        chunk = 1 << 15
        for offset in range(0, count, chunk):
            codes = np.arange(offset, min(count, offset + chunk))[:, None]
            X = np.ones((len(codes), n))
            X[:, 1:] = 1 - 2 * ((codes >> bits) & 1)
            values = np.einsum("ij,jk,ik->i", X, J, X)
            i = int(np.argmax(values))
            if values[i] > best_value + 1e-9:  # keep the first optimum in enumeration order
                best_value, best = values[i], X[i].copy()
        return best, True

    def improve(x: np.ndarray) -> np.ndarray:
        # Single flips while one helps: flipping i changes x'Jx by -4 x_i (Jx)_i.
        field_ = J @ x
        while True:
            gains = -x * field_
            i = int(np.argmax(gains))
            if gains[i] <= 1e-12:
                return x
            x[i] = -x[i]
            field_ += 2 * x[i] * J[:, i]

    values, vectors = np.linalg.eigh(J)
    leading = vectors[:, int(np.argmax(values))]
    candidates = [np.where(leading >= 0, 1.0, -1.0)]
    rng = np.random.default_rng(seed)
    candidates += [rng.choice([-1.0, 1.0], size=n) for _ in range(8)]
    best, best_value = None, -np.inf
    for x in candidates:
        x = improve(x.copy())
        value = float(x @ J @ x)
        if value > best_value + 1e-9:
            best, best_value = x, value
    if best[0] < 0:
        best = -best
    return best, False


def camps(S: nx.Graph, weight: str | None = "weight", exact_limit: int = EXACT_LIMIT, seed: int = 0) -> Camps:
    """Split the actors of a signed graph into the sides that best explain its edges.

    Structural balance (Heider; Cartwright and Harary) expects positive ties within a side and
    negative ties across. The split minimises the frustration index: the total weight of the
    edges it contradicts (Aref and Wilson, 2018). Each connected component of signed edges is
    split in two on its own (two components have no edge to say whether their sides are the same),
    so there are up to two camps per component; a component with only positive edges is one camp.
    Components of up to ``exact_limit`` actors are searched exhaustively; larger ones start from
    the leading eigenvector of the signed adjacency matrix (spectral) and are improved by single
    moves and seeded random restarts. Nodes without a signed edge are unaligned. Deterministic:
    nodes are sorted and the random restarts are seeded.

    Parameters
    ----------
    S : networkx.Graph or networkx.DiGraph
        A signed graph: each edge's ``weight`` is its signed strength. Directions are ignored;
        edges u->v and v->u both count.
    weight : str or None, optional (default "weight")
        The edge attribute with the signed weight; None uses ``sign`` (each edge counts 1).
    exact_limit : int, optional (default 20)
        Largest component searched exhaustively (2**(n-1) splits).
    seed : int, optional (default 0)
        Seed for the restarts of the heuristic.

    Returns
    -------
    Camps

    References
    ----------
    .. [1] Cartwright, D. and Harary, F. (1956). Structural balance: a generalization of Heider's
       theory. Psychological Review 63(5).
    .. [2] Aref, S. and Wilson, M. C. (2018). Measuring partial balance in signed networks.
       Journal of Complex Networks 6(4).

    Examples
    --------
    Two allies against a third actor; d has no signed tie:

    >>> S = nx.DiGraph()
    >>> S.add_weighted_edges_from([("a", "b", 1.0), ("a", "c", -1.0), ("c", "b", -0.5)])
    >>> S.add_node("d")
    >>> result = camps(S)
    >>> result.camps, result.unaligned, result.frustration
    ([['a', 'b'], ['c']], ['d'], 0.0)

    An unbalanced triangle (all three against each other) cannot be explained by any split:

    >>> T = nx.Graph()
    >>> T.add_weighted_edges_from([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])
    >>> camps(T).frustration, camps(T).explained_edges
    (1.0, 2)
    """
    edges = _signed_edges(S, weight)
    pair_graph = nx.Graph()
    J_pairs: dict[frozenset, float] = defaultdict(float)
    for u, v, value in edges:
        pair_graph.add_edge(u, v)
        J_pairs[frozenset((u, v))] += value
    sides: list[list[Hashable]] = []
    exact = True
    for component in sorted((sorted(c, key=str) for c in nx.connected_components(pair_graph)),
                            key=lambda c: str(c[0])):
        index = {node: i for i, node in enumerate(component)}
        J = np.zeros((len(component), len(component)))
        for u, v in itertools.combinations(component, 2):
            value = J_pairs.get(frozenset((u, v)), 0.0)
            J[index[u], index[v]] = J[index[v], index[u]] = value
        spins, was_exact = _best_spins(J, exact_limit, seed)
        exact = exact and was_exact
        for spin in (1.0, -1.0):
            side = [node for node in component if spins[index[node]] == spin]
            if side:
                sides.append(side)

    def importance(side: list[Hashable]) -> tuple:
        mentions = sum(S.nodes[n].get("mentions", 0) or 0 for n in side)
        return (-mentions, -len(side), str(side[0]))
    sides.sort(key=importance)
    partition: dict[Hashable, int | None] = {node: None for node in S.nodes}
    for i, side in enumerate(sides):
        for node in side:
            partition[node] = i
    ordered = [sorted(side, key=lambda n: (-(S.nodes[n].get("mentions", 0) or 0), str(n))) for side in sides]
    unaligned = sorted((n for n, c in partition.items() if c is None),
                       key=lambda n: (-(S.nodes[n].get("mentions", 0) or 0), str(n)))
    value, frustrated = frustration(S, partition, weight)
    total = round(sum(abs(w) for _, _, w in edges), 6)
    return Camps(ordered, unaligned, partition, value, total, len(edges), frustrated,
                 "exact" if exact else "spectral+local")


# --------------------------------------------------------------------------- analytics


def actor_summary(G: nx.MultiDiGraph, partition: Mapping[Hashable, int | None] | None = None) -> list[dict[str, Any]]:
    """Per actor: mentions, claims, and stances given and received, by polarity.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`stance_graph`.
    partition : mapping, optional
        Node to camp index (``Camps.partition``), added as ``camp``.

    Returns
    -------
    list of dict
        Sorted by mentions, then stances received, then label.

    Examples
    --------
    >>> rows = actor_summary(stance_graph(example_graph()))
    >>> [(r["label"], r["mentions"], r["favor_received"], r["against_received"]) for r in rows]
    [('Springfield', 2, 0, 1), ('Mayor Quimby', 1, 1, 1), ('Department of Transport', 1, 0, 1), ('Local press', 1, 0, 0)]
    """
    rows = []
    for node, data in G.nodes(data=True):
        given = Counter(d for _, _, d in G.out_edges(node, data="polarity"))
        received = Counter(d for _, _, d in G.in_edges(node, data="polarity"))
        row = {
            "actor": node, "label": data.get("label", str(node)), "type": data.get("type", ""),
            "role": data.get("role", ""), "mentions": data.get("mentions", 0), "claims": data.get("claims", 0),
            "stances_given": G.out_degree(node), "stances_received": G.in_degree(node),
            "favor_given": given["favor"], "against_given": given["against"],
            "favor_received": received["favor"], "against_received": received["against"],
        }
        if partition is not None:
            row["camp"] = partition.get(node)
        rows.append(row)
    rows.sort(key=lambda r: (-r["mentions"], -r["stances_received"], r["label"], str(r["actor"])))
    return rows


def topics_by_side(source: Source | list[dict[str, Any]], partition: Mapping[Hashable, int | None],
                   min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Topics, and how many holders on each side are for and against them.

    Parameters
    ----------
    source : rdflib.Graph, path, or the list from :func:`stance_records`
    partition : mapping
        Actor to camp index, None (or absent) for unaligned actors.
    min_confidence : float, optional (default 0)

    Returns
    -------
    list of dict
        ``topic``, ``label``, ``holders`` (number of distinct holders) and ``sides``: a list of
        ``{"camp": index or None, "favor": [holders], "against": [holders]}``; most held first.

    Examples
    --------
    >>> rdf = example_graph()
    >>> result = camps(signed_graph(stance_graph(rdf)))
    >>> topics_by_side(rdf, result.partition)
    [{'topic': 'https://example.org/topic', 'label': 'data sharing', 'holders': 1, 'sides': [{'camp': 0, 'favor': [], 'against': ['https://example.org/city']}]}]
    """
    records = source if isinstance(source, list) else stance_records(source)
    topics: dict[str, dict[str, Any]] = {}
    for record in records:
        if record["target_kind"] != "topic" or record["sign"] == 0 or record["confidence"] < min_confidence:
            continue
        topic = topics.setdefault(record["target"], {"label": record["target_label"], "sides": defaultdict(
            lambda: {"favor": set(), "against": set()})})
        topic["sides"][partition.get(record["holder"])][record["polarity"]].add(record["holder"])
    rows = []
    for iri, topic in topics.items():
        sides = [{"camp": camp, "favor": sorted(side["favor"]), "against": sorted(side["against"])}
                 for camp, side in sorted(topic["sides"].items(), key=lambda item: (item[0] is None, item[0] or 0))]
        holders = len({h for side in sides for h in side["favor"] + side["against"]})
        rows.append({"topic": iri, "label": topic["label"], "holders": holders, "sides": sides})
    rows.sort(key=lambda r: (-r["holders"], r["label"], r["topic"]))
    return rows


def camp_names(G: nx.Graph, result: Camps) -> list[str]:
    """A readable name per camp: its most mentioned member's label, "Philadelphia's side".

    Examples
    --------
    >>> G = stance_graph(example_graph())
    >>> camp_names(G, camps(signed_graph(G)))
    ["Springfield's side", "Department of Transport's side"]
    """
    names = []
    for side in result.camps:
        attrs = G.nodes[side[0]] if side else {}
        label = attrs.get("label", str(side[0]) if side else "?")
        acronyms = [a for a in attrs.get("aliases", []) if a.isupper() and 2 <= len(a) <= 6 and a.isalpha()]
        if len(label) > 24 and acronyms:
            label = sorted(acronyms)[0]
        names.append(f"{label}'" if label.endswith("s") else f"{label}'s")
    return [f"{name} side" for name in names]


def summary(source: Source, min_confidence: float = 0.0, top: int = 10) -> dict[str, Any]:
    """The analytics of ``kg stats``, as JSON-ready data.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
    min_confidence : float, optional (default 0)
        Leave out stances below this confidence.
    top : int, optional (default 10)
        Length of the "most opposed" and "most supported" lists.

    Returns
    -------
    dict
        ``counts``; ``actors`` (see :func:`actor_summary`); ``most_opposed`` and
        ``most_supported`` (actors by stances against / for them received, weighted by confidence);
        ``camps`` (sides with their members, unaligned actors, ``frustration``, ``total_weight``,
        ``share_explained``, ``edges``, ``explained_edges``, ``method`` and the unexplained edges);
        ``topics`` (see :func:`topics_by_side`).

    Examples
    --------
    >>> data = summary(example_graph())
    >>> data["counts"]["actor_edges"], data["camps"]["share_explained"]
    (4, 1.0)
    >>> [m["label"] for m in data["camps"]["sides"][0]["members"]]
    ['Springfield', 'Mayor Quimby']
    """
    rdf = as_rdf(source)
    records = stance_records(rdf)
    G = stance_graph(rdf, min_confidence=min_confidence)
    S = signed_graph(G)
    result = camps(S)
    names = camp_names(G, result)

    def actor(node: Hashable) -> dict[str, Any]:
        return {"id": str(node), "label": G.nodes[node].get("label", str(node))}

    rows = actor_summary(G, result.partition)
    for row in rows:
        row["actor"] = str(row["actor"])
    pressure: dict[str, dict[str, float]] = defaultdict(lambda: {"favor": 0.0, "against": 0.0})
    for _, v, data in G.edges(data=True):
        pressure[v][data["polarity"]] += data["confidence"]

    def ranking(polarity: str) -> list[dict[str, Any]]:
        counts = Counter()
        holders: dict[str, set] = defaultdict(set)
        for u, v, data in G.edges(data=True):
            if data["polarity"] == polarity:
                counts[v] += 1
                holders[v].add(G.nodes[u].get("label", str(u)))
        ranked = sorted(counts, key=lambda n: (-counts[n], -pressure[n][polarity], G.nodes[n].get("label", ""), str(n)))
        return [dict(actor(n), stances=counts[n], weight=round(pressure[n][polarity], 3), by=sorted(holders[n]))
                for n in ranked[:top]]

    topic_records = [r for r in records if r["confidence"] >= min_confidence]
    return {
        "counts": {
            "documents": len(G.graph["documents"]),
            "actors": G.number_of_nodes(),
            "claims": sum(1 for _ in rdf.subjects(RDF.type, SDO.Claim)),
            "stances": sum(1 for r in records if r["confidence"] >= min_confidence),
            "actor_edges": G.number_of_edges(),
            "topic_stances": sum(1 for r in topic_records if r["target_kind"] == "topic"),
            "min_confidence": min_confidence,
        },
        "actors": rows,
        "most_opposed": ranking("against"),
        "most_supported": ranking("favor"),
        "camps": {
            "sides": [{"camp": i, "name": names[i], "members": [actor(n) for n in side]}
                      for i, side in enumerate(result.camps)],
            "unaligned": [actor(n) for n in result.unaligned],
            "frustration": result.frustration,
            "total_weight": result.total,
            "share_explained": result.share_explained,
            "edges": result.edges,
            "explained_edges": result.explained_edges,
            "unexplained": [{"source": actor(u), "target": actor(v), "weight": S[u][v]["weight"]}
                            for u, v in result.frustrated_edges],
            "method": result.method,
        },
        "topics": [dict(t, sides=[{"camp": s["camp"], "name": names[s["camp"]] if s["camp"] is not None else "unaligned",
                                   "favor": [actor(h) if h in G else {"id": h, "label": h} for h in s["favor"]],
                                   "against": [actor(h) if h in G else {"id": h, "label": h} for h in s["against"]]}
                                  for s in t["sides"]])
                   for t in topics_by_side(topic_records, result.partition)],
    }


def _table(columns: list[str], rows: list[list[Any]], max_width: int = 48) -> list[str]:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"
    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) if rows else False for i in range(len(columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if numeric[i] else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths))).rstrip()
    return ["  " + line(columns), "  " + "  ".join("-" * w for w in widths)] + ["  " + line(r) for r in cells]


def format_summary(data: Mapping[str, Any]) -> str:
    """The text report of ``kg stats`` for the data of :func:`summary`.

    Examples
    --------
    >>> print(format_summary(summary(example_graph())).splitlines()[0])
    1 document, 4 actors, 1 claim, 5 stances (4 between actors, 1 on topics)
    """
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"
    counts = data["counts"]
    lines = [f"{plural(counts['documents'], 'document')}, {plural(counts['actors'], 'actor')}, "
             f"{plural(counts['claims'], 'claim')}, {plural(counts['stances'], 'stance')} "
             f"({counts['actor_edges']} between actors, {counts['topic_stances']} on topics)"]
    if counts.get("min_confidence"):
        lines[0] += f", confidence >= {counts['min_confidence']}"
    lines += ["", "Actors (by mentions)"]
    lines += _table(["actor", "type", "mentions", "claims", "given", "received", "for", "against", "camp"],
                    [[r["label"], r["type"], r["mentions"], r["claims"], r["stances_given"], r["stances_received"],
                      r["favor_received"], r["against_received"], "-" if r.get("camp") is None else r["camp"] + 1]
                     for r in data["actors"]])
    for key, title in (("most_opposed", "Most opposed (stances against them)"),
                       ("most_supported", "Most supported (stances for them)")):
        lines += ["", title]
        if data[key]:
            lines += _table(["actor", "stances", "weight", "by"],
                            [[r["label"], r["stances"], r["weight"], ", ".join(r["by"])] for r in data[key]], 60)
        else:
            lines.append("  (none)")
    result = data["camps"]
    lines += ["", "Camps (structural balance: allies within a side, opponents across)"]
    if not result["sides"]:
        lines.append("  (no stances between actors)")
    for side in result["sides"]:
        lines.append(f"  {side['camp'] + 1}. {side['name']}: " + ", ".join(m["label"] for m in side["members"]))
    if result["unaligned"]:
        lines.append("  unaligned: " + ", ".join(m["label"] for m in result["unaligned"]))
    if result["edges"]:
        lines.append(f"  explains {result['explained_edges']} of {result['edges']} signed edges "
                     f"({result['share_explained']:.0%} of their weight); frustration index "
                     f"{result['frustration']:g} of {result['total_weight']:g} ({result['method']} search)")
        for edge in result["unexplained"]:
            lines.append(f"  unexplained: {edge['source']['label']} -> {edge['target']['label']} ({edge['weight']:+g})")
    lines += ["", "Topics (holders per side)"]
    if not data["topics"]:
        lines.append("  (none)")
    for topic in data["topics"]:
        parts = []
        for side in topic["sides"]:
            people = [f"{len(side['favor'])} for", f"{len(side['against'])} against"]
            names = ", ".join(m["label"] for m in side["favor"] + side["against"])
            parts.append(f"{side['name']}: {' / '.join(people)} ({names})")
        lines.append(f"  {topic['label']}: " + "; ".join(parts))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- layout and export


def layout(G: nx.Graph, partition: Mapping[Hashable, int | None] | None = None, seed: int = 42,
           isolated: bool = True) -> dict[Hashable, tuple[float, float]]:
    """Deterministic positions in [0, 1] x [0, 1] (y down): camps side by side, loners below.

    Actors with stance edges are placed by a force-directed layout (Fruchterman and Reingold,
    seeded) in which each camp is also drawn toward its own column and allies pull harder than
    opponents, so the sides read left to right; actors without any edge go in rows at the
    bottom, most mentioned first.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (or any graph).
    partition : mapping, optional
        Node to camp index; defaults to :func:`camps` of the signed graph of ``G``.
    seed : int, optional (default 42)
    isolated : bool, optional (default True)
        Also place nodes without edges (else they are left out).

    Returns
    -------
    dict
        Node to (x, y).

    Examples
    --------
    >>> G = stance_graph(example_graph())
    >>> pos = layout(G)
    >>> pos == layout(G), all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    (True, True)
    """
    if partition is None:
        partition = camps(signed_graph(G) if G.is_multigraph() else G).partition
    H = nx.Graph()
    for u, v in G.edges():
        if u == v:
            continue
        same = partition.get(u) is not None and partition.get(u) == partition.get(v)
        strength = 1.0 if same else 0.25
        if H.has_edge(u, v):
            H[u][v]["weight"] += strength
        else:
            H.add_edge(u, v, weight=strength)
    connected = sorted(H.nodes, key=str)
    loners = sorted((n for n in G.nodes if n not in H), key=lambda n: (-(G.nodes[n].get("mentions", 0) or 0), str(n)))
    pos: dict[Hashable, tuple[float, float]] = {}
    if connected:
        raw = _camp_force_layout(H, partition, seed)
        xs, ys = raw[:, 0], raw[:, 1]
        # Fill the box: stretch each axis to [0, 1] (a single node, or a flat axis, is centred).
        sx, sy = xs.max() - xs.min(), ys.max() - ys.min()
        for i, node in enumerate(connected):
            pos[node] = ((xs[i] - xs.min()) / sx if sx > 1e-9 else 0.5, (ys[i] - ys.min()) / sy if sy > 1e-9 else 0.5)
    if isolated and loners:
        per_row = max(4, math.ceil(math.sqrt(len(loners) * 3)))
        rows = math.ceil(len(loners) / per_row)
        # The connected part keeps the top; the loners share a band at the bottom.
        band = min(0.12 * rows, 0.35) if connected else 1.0
        pos = {n: (x, y * (1.0 - band - 0.05)) for n, (x, y) in pos.items()}
        for i, node in enumerate(loners):
            row, col = divmod(i, per_row)
            in_row = min(per_row, len(loners) - row * per_row)
            pos[node] = ((col + 0.5) / in_row, 1.0 - band + band * (row + 0.5) / rows)
    return {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in pos.items()}


def _camp_force_layout(H: nx.Graph, partition: Mapping[Hashable, int | None], seed: int,
                       iterations: int = 500) -> np.ndarray:
    """Fruchterman-Reingold forces plus a pull of each camp toward its column (rows: sorted nodes)."""
    nodes = sorted(H.nodes, key=str)
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    index = {node: i for i, node in enumerate(nodes)}
    camp_ids = sorted({partition.get(node) for node in nodes if partition.get(node) is not None})
    column = {c: (i / (len(camp_ids) - 1)) * 2 - 1 if len(camp_ids) > 1 else 0.0 for i, c in enumerate(camp_ids)}
    target = np.array([column.get(partition.get(node), 0.0) for node in nodes])
    pulled = np.array([partition.get(node) is not None and len(camp_ids) > 1 for node in nodes], dtype=float)
    A = np.zeros((n, n))
    for u, v, w in H.edges(data="weight", default=1.0):
        A[index[u], index[v]] = A[index[v], index[u]] = w
    rng = np.random.default_rng(seed)
    pos = np.column_stack([target + rng.uniform(-0.3, 0.3, n), rng.uniform(-1, 1, n)])
    k = 1.2 / math.sqrt(n)
    step = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.02)
        np.fill_diagonal(dist, 1.0)
        force = (k * k / dist ** 2 - A * dist / k)
        np.fill_diagonal(force, 0.0)
        disp = (force[..., None] * delta).sum(axis=1)
        disp[:, 0] += 1.2 * pulled * (target - pos[:, 0])
        disp -= 0.1 * pos  # gravity keeps other components close
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, step)[:, None]
        step = max(step * 0.99, 0.003)
    return pos


def export_graph(source: Source | nx.MultiDiGraph, min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """The stance graph ready for Gephi and Cytoscape: flat attributes, camps and positions.

    Lists become ``"; "``-joined strings and missing values are left out, as GraphML and GEXF
    hold only strings, numbers and booleans. Nodes gain ``camp`` (1, 2, ... or 0 for unaligned),
    ``camp_name``, ``x`` and ``y``; edges gain a signed ``weight`` (sign x confidence).

    Examples
    --------
    >>> E = export_graph(example_graph())
    >>> E.nodes["https://example.org/mayor"]["camp"], E.nodes["https://example.org/mayor"]["aliases"]
    (1, 'Quimby')
    >>> all(not isinstance(v, (list, dict, type(None))) for _, d in E.nodes(data=True) for v in d.values())
    True
    """
    G = source if isinstance(source, nx.MultiDiGraph) else stance_graph(source, min_confidence=min_confidence)
    result = camps(signed_graph(G))
    names = camp_names(G, result)
    pos = layout(G, result.partition)
    E = nx.MultiDiGraph()
    E.graph["name"] = "stancekg actor graph"
    E.graph["frustration"] = result.frustration
    E.graph["share_explained"] = result.share_explained
    for node in sorted(G.nodes, key=str):
        data = _flat(G.nodes[node])
        camp = result.partition.get(node)
        data["camp"] = 0 if camp is None else camp + 1
        data["camp_name"] = "unaligned" if camp is None else names[camp]
        data["x"], data["y"] = pos.get(node, (0.5, 0.5))
        E.add_node(str(node), **data)
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        flat = _flat(data)
        flat["weight"] = round(data.get("sign", 0) * data.get("confidence", 1.0), 4)
        for dropped in ("holder", "target_actor", "holder_label", "target_actor_label"):
            flat.pop(dropped, None)
        # GEXF reads "start" and "end" as time intervals: these are character offsets.
        for offset in ("start", "end"):
            if offset in flat:
                flat[f"evidence_{offset}"] = flat.pop(offset)
        flat["label"] = data.get("polarity", "")
        E.add_edge(str(u), str(v), key=str(key), **flat)
    return E


def _flat(data: Mapping[str, Any]) -> dict[str, Any]:
    flat = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            value = "; ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif isinstance(value, (np.integer,)):
            value = int(value)
        elif isinstance(value, (np.floating,)):
            value = float(value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        flat[key] = value
    return flat


def to_cytoscape(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements JSON (also read by Cytoscape desktop): nodes, edges with ids, positions.

    Examples
    --------
    >>> data = to_cytoscape(export_graph(example_graph()))
    >>> len(data["elements"]["nodes"]), len(data["elements"]["edges"])
    (4, 4)
    >>> sorted(data["elements"]["edges"][0]["data"])[:4]
    ['confidence', 'date', 'document', 'document_id']
    """
    nodes, edges = [], []
    for node, data in G.nodes(data=True):
        element: dict[str, Any] = {"data": dict(_flat(data), id=str(node))}
        if "x" in data and "y" in data:
            element["position"] = {"x": round(data["x"] * 1000, 1), "y": round(data["y"] * 700, 1)}
        nodes.append(element)
    for u, v, key, data in G.edges(keys=True, data=True):
        edges.append({"data": dict(_flat(data), id=str(key), source=str(u), target=str(v))})
    graph_data = _flat({k: v for k, v in G.graph.items() if k != "documents"})
    return {"format_version": "1.0", "generated_by": "stancekg", "target_cytoscapejs_version": "~3",
            "data": graph_data, "directed": G.is_directed(), "multigraph": G.is_multigraph(),
            "elements": {"nodes": nodes, "edges": edges}}


def write_network(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> str:
    """Write an exported graph as GraphML, GEXF (Gephi) or Cytoscape.js JSON, by file suffix.

    The output is deterministic (GEXF's modification date is left out) and written atomically.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        Usually from :func:`export_graph` (attributes must be strings, numbers or booleans).
    path : str or path-like
        ``.graphml``, ``.gexf`` or ``.json``.

    Returns
    -------
    str
        The format written: ``graphml``, ``gexf`` or ``cytoscape``.

    Raises
    ------
    ValueError
        For any other suffix.
    """
    from kg.graph.rdf import write_atomic

    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ValueError(f"{path}: choose a .graphml, .gexf or .json (Cytoscape.js) output")
    kind = EXPORT_SUFFIXES[suffix]
    plain = nx.MultiDiGraph()
    plain.graph.update(_flat({k: v for k, v in G.graph.items() if k != "documents"}))
    plain.add_nodes_from((n, _flat(d)) for n, d in G.nodes(data=True))
    plain.add_edges_from((u, v, k, _flat(d)) for u, v, k, d in G.edges(keys=True, data=True))
    if kind == "graphml":
        text = "\n".join(nx.generate_graphml(plain, prettyprint=True)) + "\n"
    elif kind == "gexf":
        text = "\n".join(nx.generate_gexf(plain, prettyprint=True)) + "\n"
        text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    else:
        text = json.dumps(to_cytoscape(plain), indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, text)
    return kind
