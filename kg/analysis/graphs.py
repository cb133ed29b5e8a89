"""The actor graph as NetworkX graphs, built from the records of :mod:`kg.analysis.records`.

* :func:`stance_graph`: a ``MultiDiGraph`` of actors with one edge per stance, from the holder to
  the actor the stance bears on (``skg:targetActor``), carrying polarity, confidence, the evidence
  sentence, its document and its live-blog update;
* :func:`signed_graph`: the same collapsed to one signed ``DiGraph`` edge per holder and target,
  whose ``weight`` is the net confidence (favor minus against);
* :func:`claim_graph`: actors, their claims and the topics and acts they take stances on, for
  who-talks-about-what;
* :func:`edge_groups`: the arrows of a drawing, one per holder, target and polarity.

Every function is pure: it takes a graph (or records) and returns a new graph or plain data.

Examples
--------
>>> from kg.analysis.example import example_graph
>>> G = stance_graph(example_graph())
>>> G.number_of_nodes(), G.number_of_edges()
(4, 4)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

import networkx as nx

from .records import SIGNS, Source, StanceRecord, read

__all__ = ["actor_stance_counts", "claim_graph", "edge_groups", "signed_graph", "stance_graph"]

_UNDESCRIBED = {"type": "Actor", "role": "", "posts": [], "aliases": [], "named": True, "mentions": 0, "claims": 0}


def _bears_on_actor(record: StanceRecord) -> bool:
    """A stance is an edge of the actor graph when it bears on an actor other than its holder."""
    return record.target_actor is not None and record.holder != record.target_actor and record.sign != 0


def stance_graph(source: Source, min_confidence: float = 0.0, documents_wanted: Iterable[str] | None = None,
                 records: list[StanceRecord] | None = None) -> nx.MultiDiGraph:
    """The actor stance graph: actors, and one edge per stance from holder to target actor.

    Stances on topics only are left to :func:`claim_graph` and :func:`kg.analysis.stats.topics_by_side`.

    Parameters
    ----------
    source : rdflib.Graph, str, path-like or pyoxigraph.Store
        The graph, an RDF file, or a store folder.
    min_confidence : float, optional (default 0)
        Leave out stances below this confidence.
    documents_wanted : iterable of str, optional
        Keep only stances reported in these documents (IRIs or ``schema:identifier`` values).
    records : list of StanceRecord, optional
        The stances, when the caller has read them already.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``type`` (Person, Organization, GovernmentOrganization,
        Place, Group, CreativeWork), ``role``, ``posts``, ``aliases``, ``named``, ``mentions`` and
        ``claims`` (number authored). Edges are keyed by stance
        IRI and carry the fields of :class:`kg.analysis.records.StanceRecord`.
        ``G.graph["documents"]`` maps document IRIs to their :class:`DocumentRecord`.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> G = stance_graph(example_graph())
    >>> G.nodes["https://example.org/mayor"]["role"], G.nodes["https://example.org/mayor"]["mentions"]
    ('mayor', 1)
    >>> sorted((G.nodes[u]["label"], d["polarity"], G.nodes[v]["label"]) for u, v, d in G.edges(data=True))[0]
    ('Department of Transport', 'against', 'Mayor Quimby')
    >>> stance_graph(example_graph(), min_confidence=0.75).number_of_edges()
    2
    """
    reader = read(source)
    G = nx.MultiDiGraph()
    G.graph["documents"] = reader.documents
    for actor, record in reader.actors.items():
        G.add_node(actor, **record.attributes())
    wanted = None if documents_wanted is None else set(documents_wanted)
    for record in reader.stances if records is None else records:
        if not _bears_on_actor(record) or record.confidence < min_confidence:
            continue
        if wanted is not None and record.document not in wanted and record.document_id not in wanted:
            continue
        for node, label in ((record.holder, record.holder_label), (record.target_actor, record.target_actor_label)):
            if node not in G:  # an actor used but not described: still a node
                G.add_node(node, label=label, **_UNDESCRIBED)
        G.add_edge(record.holder, record.target_actor, key=record.stance, **record.attributes())
    return G


def signed_graph(G: nx.MultiDiGraph | Source, weight: str | None = "confidence") -> nx.DiGraph:
    """Collapse a stance graph to one signed edge per holder and target.

    Parameters
    ----------
    G : networkx.MultiDiGraph, or an RDF source
        A graph from :func:`stance_graph` (anything else is first passed to it).
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
    >>> from kg.analysis.example import example_graph
    >>> S = signed_graph(stance_graph(example_graph()))
    >>> S["https://example.org/mayor"]["https://example.org/dot"]["weight"]
    -0.8
    >>> S["https://example.org/city"]["https://example.org/mayor"]["sign"]
    1
    >>> signed_graph(stance_graph(example_graph()), weight=None)["https://example.org/mayor"]["https://example.org/dot"]["weight"]
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

    Returns
    -------
    networkx.MultiDiGraph
        Nodes have a ``kind``: ``actor``, ``claim`` (with ``text``, ``quote_kind``, ``document``,
        ``update``), ``topic`` or ``act``. Edges have a ``relation``: ``said`` (actor to claim),
        ``about`` (claim to the actor it is about) and ``stance`` (from the claim a stance was
        derived from, else from its holder, to its target; with ``polarity`` and ``confidence``).

    Examples
    --------
    >>> from collections import Counter
    >>> from kg.analysis.example import example_graph
    >>> C = claim_graph(example_graph())
    >>> sorted(Counter(kind for _, kind in C.nodes(data="kind")).items())
    [('actor', 4), ('claim', 1), ('topic', 1)]
    >>> sorted(Counter(r for _, _, r in C.edges(data="relation")).items())
    [('about', 1), ('said', 1), ('stance', 5)]
    """
    reader = read(source)
    C = nx.MultiDiGraph()
    C.graph["documents"] = reader.documents
    for actor, record in reader.actors.items():
        C.add_node(actor, kind="actor", **record.attributes())
    for claim in reader.claims():
        C.add_node(claim.claim, kind="claim", label=claim.text, text=claim.text, quote_kind=claim.kind,
                   document=claim.document, document_id=claim.document_id, update=claim.update, time=claim.time)
        for author in claim.authors:
            if author not in C:
                C.add_node(author, kind="actor", label=author.rsplit("/", 1)[-1])
            C.add_edge(author, claim.claim, key=f"said:{author}", relation="said")
        for about in claim.about:
            if about not in C:
                C.add_node(about, kind="actor", label=about.rsplit("/", 1)[-1])
            C.add_edge(claim.claim, about, key=f"about:{about}", relation="about")
    for record in reader.stances:
        if record.target not in C:
            C.add_node(record.target, kind=record.target_kind, label=record.target_label)
        origin = record.claim if record.claim in C else record.holder
        if origin not in C:
            C.add_node(origin, kind="actor", label=record.holder_label)
        C.add_edge(origin, record.target, key=record.stance, relation="stance", holder=record.holder,
                   polarity=record.polarity, confidence=record.confidence, evidence=record.evidence,
                   document=record.document)
    return C


def edge_groups(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The arrows of a drawing: one per holder, target actor and polarity.

    Returns
    -------
    list of dict
        ``source``, ``target``, ``polarity``, ``count`` and ``stances`` (edge keys), sorted.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> groups = edge_groups(stance_graph(example_graph()))
    >>> len(groups), groups[0]["polarity"], groups[0]["count"]
    (4, 'favor', 1)
    """
    groups: dict[tuple, list] = defaultdict(list)
    for u, v, key, polarity in G.edges(keys=True, data="polarity"):
        groups[(u, v, polarity)].append(key)
    return [{"source": u, "target": v, "polarity": p, "count": len(keys), "stances": sorted(keys, key=str)}
            for (u, v, p), keys in sorted(groups.items(), key=lambda item: tuple(map(str, item[0])))]


def actor_stance_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """Stances between actors each actor gives or receives: what ranks actors in the pictures.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> counts = actor_stance_counts(stance_graph(example_graph()))
    >>> counts["https://example.org/mayor"], counts["https://example.org/press"]
    (3, 0)
    """
    return dict(G.degree())  # stance_graph has no self-loops
