"""One actor's or topic's neighbourhood, for the static picture of ``kg viz --focus NAME``.

The neighbourhood is the focus, the actors and topics its stances tie it to (those with the most
stances first), and every stance among them, as the page's focus mode shows it. Topics are nodes
of their own (``type`` "Topic"), with arrows from their holders. The picture puts the focus in
the middle and its neighbours on a ring around it.

Examples
--------
>>> from kg.analysis.example import example_graph
>>> from kg.analysis.graphs import stance_graph
>>> from kg.analysis.records import read
>>> reader = read(example_graph())
>>> H = neighbourhood(reader, stance_graph(reader), "https://example.org/mayor", 10)
>>> sorted(H.nodes[n]["label"] for n in H)
['Department of Transport', 'Mayor Quimby', 'Springfield']
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Hashable

import networkx as nx

from .records import GraphReader, StanceRecord

__all__ = ["TOPIC", "neighbourhood", "ring_layout"]

TOPIC = "Topic"


def _ties(records: list[StanceRecord], focus: str) -> Counter:
    """How many stances tie each actor or topic to ``focus`` (either way)."""
    ties: Counter = Counter()
    for r in records:
        if r.sign == 0:
            continue
        other = r.target if r.target_kind == "topic" else r.target_actor
        if other is None or other == r.holder:
            continue
        if r.holder == focus:
            ties[other] += 1
        elif focus in (other, r.target):
            ties[r.holder] += 1
    return ties


def neighbourhood(reader: GraphReader, G: nx.MultiDiGraph, focus: str, top: int) -> nx.MultiDiGraph:
    """The focus and the ``top`` - 1 actors and topics most tied to it by stances, with every stance
    among them: between actors (as in ``G``) and from an actor to a topic."""
    records = reader.stances
    labels = {r.target: r.target_label for r in records if r.target_kind == "topic"}
    ties = _ties(records, focus)
    label_of = {**labels, **{n: G.nodes[n].get("label", str(n)) for n in G}}
    near = sorted(ties, key=lambda n: (-ties[n], label_of.get(n, str(n)).lower(), str(n)))[:max(top - 1, 0)]
    H = nx.MultiDiGraph(documents=G.graph.get("documents", {}))
    for node in [focus, *near]:
        if node in G:
            H.add_node(node, **G.nodes[node])
        else:
            stances = sum(1 for r in records if r.target == node and r.sign != 0)
            H.add_node(node, label=label_of.get(node, str(node)), type=TOPIC, mentions=stances)
    H.graph["focus"], H.graph["ties"] = focus, len(ties)
    for u, v, key, data in G.edges(keys=True, data=True):
        if u in H and v in H:
            H.add_edge(u, v, key=key, **data)
    for r in records:
        if r.target_kind == "topic" and r.sign != 0 and r.holder in H and r.target in H:
            H.add_edge(r.holder, r.target, key=r.stance, **r.attributes())
    return H


def ring_layout(H: nx.MultiDiGraph, partition: dict) -> dict[Hashable, tuple[float, float]]:
    """The focus in the middle, its neighbours on a ring in [0, 1] x [0, 1] (y down): actors by
    camp, then topics, each by label, so that allies sit together."""
    focus = H.graph["focus"]
    others = sorted((n for n in H if n != focus),
                    key=lambda n: (H.nodes[n].get("type") == TOPIC, partition.get(n) is None,
                                   partition.get(n) or 0, str(H.nodes[n].get("label", n)).lower(), str(n)))
    pos = {focus: (0.5, 0.5)}
    for i, node in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / len(others)
        pos[node] = (round(0.5 + 0.5 * math.cos(angle), 4), round(0.5 + 0.5 * math.sin(angle), 4))
    return pos
