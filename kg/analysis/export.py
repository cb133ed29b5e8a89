"""The actor graph for Gephi and Cytoscape: GraphML, GEXF and Cytoscape.js JSON.

Nodes carry type, role, mentions, camp (the camp numbers of ``kg stats``; 0 for unaligned actors,
as GraphML and GEXF have no null) and a layout position; edges are stances, with polarity, a signed
weight, confidence, the evidence sentence, its document and update.

Examples
--------
>>> from kg.analysis.example import example_graph
>>> E = export_graph(example_graph())
>>> E.nodes["https://example.org/mayor"]["camp"], E.nodes["https://example.org/press"]["camp_name"]
(1, 'unaligned')
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, Mapping

import networkx as nx
import numpy as np

from .camps import camp_names, camps
from .graphs import signed_graph, stance_graph
from .layout import layout
from .records import Source

__all__ = ["EXPORT_SUFFIXES", "export_graph", "to_cytoscape", "write_network"]

#: Export formats by file suffix.
EXPORT_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".json": "cytoscape"}


def export_graph(source: Source | nx.MultiDiGraph, min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """The stance graph ready for Gephi and Cytoscape: flat attributes, camps and positions.

    Lists become ``"; "``-joined strings and missing values are left out, as GraphML and GEXF
    hold only strings, numbers and booleans. Nodes gain ``camp`` (1, 2, ... or 0 for unaligned),
    ``camp_name``, ``x`` and ``y``; edges gain a signed ``weight`` (sign x confidence).

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> E = export_graph(example_graph())
    >>> E.nodes["https://example.org/mayor"]["aliases"]
    'Quimby'
    >>> all(not isinstance(v, (list, dict, type(None))) for _, d in E.nodes(data=True) for v in d.values())
    True
    """
    G = source if isinstance(source, nx.MultiDiGraph) else stance_graph(source, min_confidence=min_confidence)
    result = camps(signed_graph(G))
    names = camp_names(G, result)
    pos = layout(G, result.partition)
    E = nx.MultiDiGraph()
    E.graph.update({"name": "stancekg actor graph", "frustration": result.frustration,
                    "share_explained": result.share_explained})
    for node in sorted(G.nodes, key=str):
        data = _flat(G.nodes[node])
        camp = result.partition.get(node)
        data["camp"] = 0 if camp is None else camp
        data["camp_name"] = "unaligned" if camp is None else names[camp]
        data["x"], data["y"] = pos.get(node, (0.5, 0.5))
        E.add_node(str(node), **data)
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        flat = _flat(data)
        flat["weight"] = round(data.get("sign", 0) * data.get("confidence", 1.0), 4)
        for dropped in ("holder", "target_actor", "holder_label", "target_actor_label", "cue", "target_span"):
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
        if is_dataclass(value) and not isinstance(value, type):
            value = asdict(value)
        if isinstance(value, (list, tuple, set)):
            value = "; ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        elif isinstance(value, np.integer):
            value = int(value)
        elif isinstance(value, np.floating):
            value = float(value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        flat[key] = value
    return flat


def to_cytoscape(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements JSON (also read by Cytoscape desktop): nodes, edges with ids, positions.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
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

    Returns
    -------
    str
        The format written: ``graphml``, ``gexf`` or ``cytoscape``.

    Raises
    ------
    ValueError
        For any other suffix.
    """
    from kg.graph.tempfiles import write_atomic

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
        text = re.sub(r' lastmodifieddate="[^"]*"', "", "\n".join(nx.generate_gexf(plain, prettyprint=True)) + "\n")
    else:
        text = json.dumps(to_cytoscape(plain), indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, text)
    return kind
