"""The numbers of ``kg stats``: actors, the most opposed and supported, camps and topics.

:func:`summary` gathers them as JSON-ready data; :func:`format_summary` writes the text report,
:func:`summary_csv` the actor table as CSV, and :func:`render_summary` picks one by name.

Examples
--------
>>> from kg.analysis.example import example_graph
>>> print(format_summary(summary(example_graph())).splitlines()[0])
1 document, 4 actors, 1 claim, 5 stances (4 between actors, 1 on topics)
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from typing import Any, Hashable, Mapping

import networkx as nx

from .camps import Camps, camp_names, camps
from .graphs import signed_graph, stance_graph
from .records import Source, StanceRecord, counts, read

__all__ = ["STATS_FORMATS", "actor_summary", "format_summary", "render_summary", "summary", "summary_csv",
           "topics_by_side"]

#: Output formats of ``kg stats``, and the file suffixes that choose them.
STATS_FORMATS = {".json": "json", ".csv": "csv", ".txt": "table"}
_CSV_COLUMNS = ["actor", "label", "type", "role", "mentions", "claims", "stances_given", "stances_received",
                "favor_given", "against_given", "favor_received", "against_received", "camp", "camp_name"]


def actor_summary(G: nx.MultiDiGraph, partition: Mapping[Hashable, int | None] | None = None) -> list[dict[str, Any]]:
    """Per actor: mentions, claims, and stances given and received, by polarity.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`kg.analysis.graphs.stance_graph`.
    partition : mapping, optional
        Node to camp number (``Camps.partition``), added as ``camp``.

    Returns
    -------
    list of dict
        Sorted by mentions, then stances received, then label.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> rows = actor_summary(stance_graph(example_graph()))
    >>> [(r["label"], r["mentions"], r["favor_received"], r["against_received"]) for r in rows]
    [('Springfield', 2, 0, 1), ('Mayor Quimby', 1, 1, 1), ('Department of Transport', 1, 0, 1), ('Local press', 1, 0, 0)]
    """
    rows = []
    for node, data in G.nodes(data=True):
        given = Counter(d for _, _, d in G.out_edges(node, data="polarity"))
        received = Counter(d for _, _, d in G.in_edges(node, data="polarity"))
        row = {
            "actor": str(node), "label": data.get("label", str(node)), "type": data.get("type", ""),
            "role": data.get("role", ""), "mentions": data.get("mentions", 0), "claims": data.get("claims", 0),
            "stances_given": G.out_degree(node), "stances_received": G.in_degree(node),
            "favor_given": given["favor"], "against_given": given["against"],
            "favor_received": received["favor"], "against_received": received["against"],
        }
        if partition is not None:
            row["camp"] = partition.get(node)
        rows.append(row)
    rows.sort(key=lambda r: (-r["mentions"], -r["stances_received"], r["label"], r["actor"]))
    return rows


def topics_by_side(records: list[StanceRecord], partition: Mapping[Hashable, int | None],
                   min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Topics, and which holders of each camp are for and against them.

    Parameters
    ----------
    records : list of StanceRecord
        From :func:`kg.analysis.records.stance_records`.
    partition : mapping
        Actor to camp number, None (or absent) for unaligned actors.
    min_confidence : float, optional (default 0)

    Returns
    -------
    list of dict
        ``topic``, ``label``, ``holders`` (number of distinct holders) and ``sides``: a list of
        ``{"camp": number or None, "favor": [holders], "against": [holders]}``; most held first.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> rdf = example_graph()
    >>> from kg.analysis.records import stance_records
    >>> topics_by_side(stance_records(rdf), {"https://example.org/city": 1})
    [{'topic': 'https://example.org/topic', 'label': 'data sharing', 'holders': 1, 'sides': [{'camp': 1, 'favor': [], 'against': ['https://example.org/city']}]}]
    """
    topics: dict[str, dict[str, Any]] = {}
    for record in records:
        if record.target_kind != "topic" or record.sign == 0 or record.confidence < min_confidence:
            continue
        topic = topics.setdefault(record.target, {"label": record.target_label, "sides": defaultdict(
            lambda: {"favor": set(), "against": set()})})
        topic["sides"][partition.get(record.holder)][record.polarity].add(record.holder)
    rows = []
    for iri, topic in topics.items():
        sides = [{"camp": camp, "favor": sorted(side["favor"]), "against": sorted(side["against"])}
                 for camp, side in sorted(topic["sides"].items(), key=lambda item: (item[0] is None, item[0] or 0))]
        holders = len({h for side in sides for h in side["favor"] + side["against"]})
        rows.append({"topic": iri, "label": topic["label"], "holders": holders, "sides": sides})
    rows.sort(key=lambda r: (-r["holders"], r["label"], r["topic"]))
    return rows


def _ranking(G: nx.MultiDiGraph, polarity: str, top: int) -> list[dict[str, Any]]:
    """The actors most often opposed (or supported), weighted by confidence to break ties."""
    stances: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    holders: dict[str, set] = defaultdict(set)
    for u, v, data in G.edges(data=True):
        if data["polarity"] == polarity:
            stances[v] += 1
            weight[v] += data["confidence"]
            holders[v].add(G.nodes[u].get("label", str(u)))
    ranked = sorted(stances, key=lambda n: (-stances[n], -weight[n], G.nodes[n].get("label", ""), str(n)))
    return [{"id": str(n), "label": G.nodes[n].get("label", str(n)), "stances": stances[n],
             "weight": round(weight[n], 3), "by": sorted(holders[n])} for n in ranked[:top]]


def _camps_data(G: nx.MultiDiGraph, S: nx.DiGraph, result: Camps, names: Mapping[int, str]) -> dict[str, Any]:
    def actor(node: Hashable) -> dict[str, Any]:
        return {"id": str(node), "label": G.nodes[node].get("label", str(node)) if node in G else str(node)}
    return {
        "sides": [{"camp": number, "name": names[number], "members": [actor(n) for n in side]}
                  for number, side in enumerate(result.camps, start=1)],
        "unaligned": [actor(n) for n in result.unaligned],
        "frustration": result.frustration,
        "total_weight": result.total,
        "share_explained": result.share_explained,
        "edges": result.edges,
        "explained_edges": result.explained_edges,
        "unexplained": [{"source": actor(u), "target": actor(v), "weight": S[u][v]["weight"]}
                        for u, v in result.frustrated_edges],
        "method": result.method,
    }


def summary(source: Source, min_confidence: float = 0.0, top: int = 10) -> dict[str, Any]:
    """The analytics of ``kg stats``, as JSON-ready data.

    Parameters
    ----------
    source : rdflib.Graph, str, path-like or pyoxigraph.Store
    min_confidence : float, optional (default 0)
        Leave out stances below this confidence.
    top : int, optional (default 10)
        Length of the "most opposed" and "most supported" lists.

    Returns
    -------
    dict
        ``counts``; ``actors`` (see :func:`actor_summary`, with ``camp`` and ``camp_name``);
        ``most_opposed`` and ``most_supported``; ``camps`` (``sides`` with their ``camp`` number,
        name and members, ``unaligned``, ``frustration``, ``total_weight``, ``share_explained``,
        ``edges``, ``explained_edges``, ``method`` and the unexplained edges); ``topics`` (see
        :func:`topics_by_side`, each side with its camp number and name).

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> data = summary(example_graph())
    >>> data["counts"]["actor_edges"], data["camps"]["share_explained"]
    (4, 1.0)
    >>> [(side["camp"], [m["label"] for m in side["members"]]) for side in data["camps"]["sides"]]
    [(1, ['Springfield', 'Mayor Quimby'])]
    """
    reader = read(source)
    records = [r for r in reader.stances if r.confidence >= min_confidence]
    G = stance_graph(reader, records=records)
    S = signed_graph(G)
    result = camps(S)
    names = camp_names(G, result)
    rows = actor_summary(G, result.partition)
    for row in rows:
        row["camp_name"] = names[row["camp"]] if row["camp"] is not None else "unaligned"

    def labelled(holder: str) -> dict[str, str]:
        return {"id": holder, "label": G.nodes[holder].get("label", holder) if holder in G else holder}

    topics = [dict(t, sides=[{"camp": s["camp"], "name": names[s["camp"]] if s["camp"] is not None else "unaligned",
                              "favor": [labelled(h) for h in s["favor"]], "against": [labelled(h) for h in s["against"]]}
                             for s in t["sides"]])
              for t in topics_by_side(records, result.partition)]
    return {
        "counts": {
            "documents": len(G.graph["documents"]), "actors": G.number_of_nodes(),
            "claims": counts(reader)["claims"], "stances": len(records), "actor_edges": G.number_of_edges(),
            "topic_stances": sum(1 for r in records if r.target_kind == "topic"), "min_confidence": min_confidence,
        },
        "actors": rows,
        "most_opposed": _ranking(G, "against", top),
        "most_supported": _ranking(G, "favor", top),
        "camps": _camps_data(G, S, result, names),
        "topics": topics,
    }


# --------------------------------------------------------------------------- rendering


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


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _names(members: list[dict[str, Any]], shown: int) -> str:
    text = ", ".join(m["label"] for m in members[:shown])
    return text + (f" and {len(members) - shown:,} more" if len(members) > shown else "")


def _camp_lines(result: Mapping[str, Any], top: int) -> list[str]:
    lines = ["", "Camps (structural balance: allies within a side, opponents across; a side of one is unaligned)"]
    if not result["edges"]:
        return lines + ["  (no stances between actors)"]
    for side in result["sides"][:top]:
        lines.append(f"  {side['camp']}. {side['name']} ({len(side['members'])}): {_names(side['members'], 8)}")
    if len(result["sides"]) > top:
        lines.append(f"  ... and {len(result['sides']) - top:,} smaller camps (see --format json)")
    if not result["sides"]:
        lines.append("  (no side of two or more actors)")
    lines.append(f"  unaligned: {_plural(len(result['unaligned']), 'actor')}")
    lines.append(f"  the split explains {result['explained_edges']:,} of {result['edges']:,} signed edges "
                 f"({result['share_explained']:.0%} of their weight); frustration index "
                 f"{result['frustration']:g} of {result['total_weight']:g} ({result['method']} search)")
    for edge in result["unexplained"][:top]:
        lines.append(f"  unexplained: {edge['source']['label']} -> {edge['target']['label']} ({edge['weight']:+g})")
    if len(result["unexplained"]) > top:
        lines.append(f"  ... and {len(result['unexplained']) - top:,} more unexplained edges")
    return lines


def format_summary(data: Mapping[str, Any], top: int = 20) -> str:
    """The text report of ``kg stats`` for the data of :func:`summary`; long lists stop after
    ``top`` entries (JSON and CSV have them all).

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> report = format_summary(summary(example_graph()))
    >>> "  1. Springfield's side (2): Springfield, Mayor Quimby" in report
    True
    """
    count = data["counts"]
    lines = [f"{_plural(count['documents'], 'document')}, {_plural(count['actors'], 'actor')}, "
             f"{_plural(count['claims'], 'claim')}, {_plural(count['stances'], 'stance')} "
             f"({count['actor_edges']:,} between actors, {count['topic_stances']:,} on topics)"]
    if count.get("min_confidence"):
        lines[0] += f", confidence >= {count['min_confidence']}"
    actors = data["actors"]
    lines += ["", "Actors (by mentions)" + (f", the first {top} of {len(actors):,}" if len(actors) > top else "")]
    lines += _table(["actor", "type", "mentions", "claims", "given", "received", "for", "against", "camp"],
                    [[r["label"], r["type"], r["mentions"], r["claims"], r["stances_given"], r["stances_received"],
                      r["favor_received"], r["against_received"], "-" if r.get("camp") is None else r["camp"]]
                     for r in actors[:top]])
    for key, title in (("most_opposed", "Most opposed (stances against them)"),
                       ("most_supported", "Most supported (stances for them)")):
        lines += ["", title]
        rows = [[r["label"], r["stances"], r["weight"], _names([{"label": b} for b in r["by"]], 6)] for r in data[key]]
        lines += _table(["actor", "stances", "weight", "by"], rows, 70) if rows else ["  (none)"]
    lines += _camp_lines(data["camps"], top)
    lines += ["", "Topics (holders per camp)"]
    if not data["topics"]:
        lines.append("  (none)")
    for topic in data["topics"][:top]:
        parts = [f"{side['name']}: {len(side['favor'])} for / {len(side['against'])} against "
                 f"({_names(side['favor'] + side['against'], 5)})" for side in topic["sides"]]
        lines.append(f"  {topic['label']}: " + "; ".join(parts))
    if len(data["topics"]) > top:
        lines.append(f"  ... and {len(data['topics']) - top:,} more topics")
    return "\n".join(lines) + "\n"


def summary_csv(data: Mapping[str, Any]) -> str:
    """The actor table of :func:`summary` as CSV: one row per actor, with its camp number and name.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> print(summary_csv(summary(example_graph())).splitlines()[1])
    https://example.org/city,Springfield,Place,,2,0,1,1,1,0,0,1,1,Springfield's side
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for row in data["actors"]:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in _CSV_COLUMNS])
    return out.getvalue()


def render_summary(data: Mapping[str, Any], fmt: str, top: int = 20) -> str:
    """The report in ``fmt``: ``table``, ``json`` or ``csv``."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return summary_csv(data)
    if fmt == "table":
        return format_summary(data, top)
    raise ValueError(f"unknown format '{fmt}' (choose table, csv or json)")
