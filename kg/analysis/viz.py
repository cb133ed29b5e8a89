"""Pictures of the actor graph: an interactive HTML page, a static PNG/SVG, and a stance timeline.

All three are drawn from :mod:`kg.analysis.network` and are deterministic: positions come from a seeded
layout, the HTML embeds its data, script and style (no CDN: it works offline and as an e-mail
attachment), and the PNG and SVG files carry no dates.

* :func:`to_html`: nodes sized by mentions, coloured by camp, shaped by actor type; green (favor)
  and red (against) arrows whose thickness counts stances; the evidence sentences of an arrow on
  hover or click, the claims of an actor on click; filters by document, polarity and confidence,
  a search box, a legend.
* :func:`network_figure`: the same graph as a matplotlib figure, for papers and slides.
* :func:`timeline_figure`: how the stances toward one target evolved across updates and articles.

Examples
--------
>>> from kg.analysis.network import example_graph
>>> page = to_html(example_graph())
>>> page.startswith("<!DOCTYPE html>") and "https://" not in page.split("graph-data")[0]
True
"""

from __future__ import annotations

import html
import json
import math
import os
import textwrap
import warnings
from importlib import resources
from pathlib import Path
from typing import Any, Hashable, Mapping

import networkx as nx
from rdflib import Graph

from . import network
from .network import Source

__all__ = ["CAMP_COLORS", "POLARITY_COLORS", "find_target", "html_data", "network_figure", "render",
           "save_figure", "timeline_figure", "timeline_html", "timeline_records", "to_html"]

#: Camp colours (no green or red: those are the edges'); unaligned actors are grey.
CAMP_COLORS = ["#2f6db5", "#f29e2e", "#8e5fb5", "#8c6d46", "#d670ad", "#5fa8d3", "#b8a22c", "#5c5c5c"]
UNALIGNED_COLOR = "#c4c4c4"
POLARITY_COLORS = {"favor": "#1a9641", "against": "#d7191c"}
#: Actor type -> (matplotlib marker, legend label); the HTML draws the same shapes.
TYPE_SHAPES = {
    "Person": ("o", "person"),
    "Organization": ("s", "organisation"),
    "GovernmentOrganization": ("D", "government body"),
    "Place": ("^", "place (city, state, country)"),
    "Group": ("h", "group"),
    "CreativeWork": ("p", "document (report, study, post)"),
    "Actor": ("o", "other actor"),
}
WIDTH, HEIGHT = 1000, 680
HTML_SUFFIXES = {".html", ".htm"}
PICTURE_SUFFIXES = {".png", ".svg"}


def camp_color(camp: int | None) -> str:
    """The colour of a camp index (None: unaligned)."""
    return UNALIGNED_COLOR if camp is None else CAMP_COLORS[camp % len(CAMP_COLORS)]


def _radius(mentions: int) -> float:
    return round(min(30.0, 7.0 + 3.2 * math.sqrt(max(mentions, 0))), 2)


def _short(label: str, width: int = 26) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _lines(label: str, width: int = 22, lines: int = 2) -> list[str]:
    """A label wrapped on at most ``lines`` lines (the last one shortened with an ellipsis)."""
    wrapped = textwrap.wrap(label, width, break_long_words=True) or [label]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1:])
        wrapped = wrapped[: lines - 1] + [_short(rest, width)]
    return wrapped


def _when(record: Mapping[str, Any]) -> str:
    parts = []
    if record.get("date"):
        parts.append(str(record["date"]))
    if record.get("update"):
        parts.append(str(record["update"]))
    return " ".join(parts)


def _bends(groups: list[dict[str, Any]]) -> dict[int, float]:
    """Curvature per drawn edge: straight when alone between two actors, else bent apart.

    Edges u->v and v->u bend to opposite sides (the bend is relative to the direction); two
    polarities in the same direction bend by different amounts.
    """
    pairs: dict[frozenset, list[int]] = {}
    for i, group in enumerate(groups):
        pairs.setdefault(frozenset((group["source"], group["target"])), []).append(i)
    bends = {}
    for members in pairs.values():
        for i in members:
            same_direction = [j for j in members if groups[j]["source"] == groups[i]["source"]]
            rank = same_direction.index(i)
            bends[i] = 0.0 if len(members) == 1 else round(0.12 + 0.14 * rank, 3)
    return bends


def _prepare(source: Source | nx.MultiDiGraph):
    """The stance graph, its camps, names and layout: what every picture starts from."""
    G = source if isinstance(source, nx.MultiDiGraph) else network.stance_graph(source)
    S = network.signed_graph(G)
    result = network.camps(S)
    names = network.camp_names(G, result)
    return G, S, result, names


def html_data(source: Source, title: str | None = None) -> dict[str, Any]:
    """The JSON data the HTML page draws: nodes, stances, drawn edges, camps, documents.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
    title : str, optional

    Returns
    -------
    dict
        ``nodes`` (one per actor of :func:`kg.analysis.network.stance_graph`, with pixel positions),
        ``edges`` (one per :func:`kg.analysis.network.edge_groups` item), ``stances``, ``camps``,
        ``documents``, ``types``, ``colors``, ``width``, ``height``, ``title``, ``subtitle``.

    Examples
    --------
    >>> from kg.analysis.network import example_graph
    >>> data = html_data(example_graph())
    >>> len(data["nodes"]), len(data["edges"]), len(data["stances"])
    (4, 4, 4)
    >>> data["nodes"][0]["label"], data["nodes"][0]["camp"]
    ('Springfield', 0)
    """
    rdf = network.as_rdf(source)
    G, S, result, names = _prepare(rdf)
    pos = network.layout(G, result.partition)
    claims_by_actor: dict[str, list[dict[str, Any]]] = {}
    for claim in network.claim_records(rdf):
        for author in claim["authors"]:
            claims_by_actor.setdefault(author, []).append(
                {"text": claim["text"], "kind": claim["kind"], "doc": claim["document"],
                 "when": _when(claim)})
    margin_x, margin_y = 100, 45
    nodes = []
    order = sorted(G.nodes, key=lambda n: (-(G.nodes[n].get("mentions", 0) or 0), str(n)))
    for node in order:
        attrs = G.nodes[node]
        x, y = pos.get(node, (0.5, 0.5))
        camp = result.partition.get(node)
        label = attrs.get("label", str(node))
        aliases = [a for a in attrs.get("aliases", []) if a != label]
        nodes.append({
            "id": str(node), "label": label, "lines": _lines(label), "type": attrs.get("type", "Actor"),
            "role": attrs.get("role", ""), "posts": attrs.get("posts", []), "aliases": aliases,
            "mentions": attrs.get("mentions", 0), "camp": camp, "color": camp_color(camp),
            "x": round(margin_x + x * (WIDTH - 2 * margin_x), 1), "y": round(margin_y + y * (HEIGHT - 2 * margin_y - 20), 1),
            "r": _radius(attrs.get("mentions", 0)), "docs": attrs.get("documents", []),
            "claims": claims_by_actor.get(str(node), []),
            "search": " ".join([label] + aliases).lower(),
        })
    stance_index: dict[Hashable, int] = {}
    stances = []
    for u, v, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: (network._when(e[3]), str(e[2]))):
        stance_index[key] = len(stances)
        stances.append({"id": str(key), "source": str(u), "target": str(v), "polarity": d["polarity"],
                        "confidence": d["confidence"], "evidence": d["evidence"], "doc": d["document"],
                        "when": _when(d), "target_label": d["target_label"],
                        "target_kind": d["target_kind"], "rule": d.get("rule")})
    groups = network.edge_groups(G)
    bends = _bends(groups)
    edges = [{"id": f"e{i}", "source": str(g["source"]), "target": str(g["target"]), "polarity": g["polarity"],
              "bend": bends[i], "stances": [stance_index[k] for k in g["stances"]]} for i, g in enumerate(groups)]
    documents = [{"id": iri, "label": _short(f"{doc['id']}: {doc['headline']}" if doc.get("headline") else doc["id"], 70),
                  "date": doc.get("date")} for iri, doc in G.graph["documents"].items()]
    used_types = sorted({n["type"] for n in nodes}, key=lambda t: list(TYPE_SHAPES).index(t) if t in TYPE_SHAPES else 99)
    subtitle = (f"{len(nodes)} actors, {G.number_of_edges()} stances between actors in {len(documents)} "
                f"document{'s' if len(documents) != 1 else ''}")
    if result.edges:
        subtitle += (f"; {len(result.camps)} camps explain {result.explained_edges} of {result.edges} signed edges "
                     f"(frustration {result.frustration:g})")
    return {
        "title": title or "Who is for or against whom",
        "subtitle": subtitle,
        "width": WIDTH, "height": HEIGHT,
        "colors": dict(POLARITY_COLORS, unaligned=UNALIGNED_COLOR),
        "camps": [{"index": i, "name": names[i], "color": camp_color(i), "size": len(side)}
                  for i, side in enumerate(result.camps)],
        "types": [{"type": t, "label": TYPE_SHAPES.get(t, TYPE_SHAPES["Actor"])[1]} for t in used_types],
        "documents": documents,
        "nodes": nodes,
        "stances": stances,
        "edges": edges,
        "frustration": result.frustration,
        "share_explained": result.share_explained,
    }


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no "<", ">" or "&" (so no "</script>" or "<!--")."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    return resources.files("kg.analysis").joinpath(f"assets/{name}").read_text(encoding="utf-8")


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<div class="sub">{subtitle}</div>
<div class="controls">
<label>Search <input type="search" id="search" placeholder="actor name" autocomplete="off"></label>
<label>Document <select id="doc-filter"><option value="">all documents</option></select></label>
<label><input type="checkbox" id="show-favor" checked> favor</label>
<label><input type="checkbox" id="show-against" checked> against</label>
<label>min. confidence <input type="range" id="min-confidence" min="0" max="1" step="0.05" value="0"> <span id="min-confidence-value">0.00</span></label>
<button type="button" id="reset-view">reset view</button>
<span id="status"></span>
</div>
</header>
<main>
<div id="canvas">
<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="actor graph"><g id="viewport"></g></svg>
</div>
<aside>
<section id="evidence" aria-live="polite"></section>
<section id="legend"><h2>Legend</h2></section>
</aside>
</main>
<noscript>This page needs JavaScript to draw the graph.</noscript>
<script type="application/json" id="graph-data">{data}</script>
<script>
{js}
</script>
</body>
</html>
"""


def to_html(source: Source, title: str | None = None) -> str:
    """A self-contained interactive HTML page of the actor graph.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
    title : str, optional

    Returns
    -------
    str

    Examples
    --------
    >>> from kg.analysis.network import example_graph
    >>> page = to_html(example_graph(), title="A <test> & more")
    >>> "<title>A &lt;test&gt; &amp; more</title>" in page, page.count("<script")
    (True, 2)
    """
    data = html_data(source, title)
    return _PAGE.format(title=html.escape(data["title"]), subtitle=html.escape(data["subtitle"]),
                        css=_asset("actors.css"), js=_asset("actors.js"), data=_script_json(data),
                        width=data["width"], height=data["height"])


# --------------------------------------------------------------------------- static pictures


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=150, facecolor="white")


def save_figure(figure, path: str | os.PathLike[str]) -> None:
    """Save a figure as PNG or SVG, deterministically (no dates, fixed SVG ids), atomically."""
    import io

    import matplotlib

    from kg.graph.rdf import write_atomic

    suffix = Path(path).suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise ValueError(f"{path}: choose a .png or .svg output")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "stancekg", "svg.fonttype": "path"}):
        if suffix == ".svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        else:
            figure.savefig(buffer, format="png", metadata={"Software": None})
    write_atomic(path, buffer.getvalue())


def _label_positions(points: dict[Hashable, tuple[float, float]], radii: dict[Hashable, float],
                     sizes: dict[Hashable, tuple[float, float]], curves: list[list[tuple[float, float]]],
                     box: tuple[float, float, float, float]) -> dict[Hashable, tuple[float, float, str, str]]:
    """Greedy label placement (y up): above, below, right or left of each node, whichever box
    overlaps least with the labels already placed, the nodes, the edges and the frame."""
    placed: list[tuple[float, float, float, float]] = []
    nodes = {n: (x - r, y - r, x + r, y + r) for n, ((x, y), r) in ((n, (points[n], radii[n])) for n in points)}
    samples = [point for curve in curves for point in curve]

    def overlap(a, b) -> float:
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    def cost(rect, node) -> float:
        outside = rect[0] < box[0] or rect[1] < box[1] or rect[2] > box[2] or rect[3] > box[3]
        crossed = sum(1 for x, y in samples if rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3])
        return (3 * sum(overlap(rect, p) for p in placed) + sum(overlap(rect, b) for m, b in nodes.items() if m != node)
                + 60 * crossed + (1e5 if outside else 0))

    result = {}
    for node in sorted(points, key=lambda n: (-radii[n], str(n))):
        x, y = points[node]
        r, (w, h) = radii[node], sizes[node]
        gap = r + 3
        options = [
            ((x, y + gap), "center", "bottom", (x - w / 2, y + gap, x + w / 2, y + gap + h)),
            ((x, y - gap), "center", "top", (x - w / 2, y - gap - h, x + w / 2, y - gap)),
            ((x + gap + 2, y), "left", "center", (x + gap + 2, y - h / 2, x + gap + 2 + w, y + h / 2)),
            ((x - gap - 2, y), "right", "center", (x - gap - 2 - w, y - h / 2, x - gap - 2, y + h / 2)),
        ]
        best = min(options, key=lambda option: cost(option[3], node))  # ties: the first (above)
        placed.append(best[3])
        result[node] = (best[0][0], best[0][1], best[1], best[2])
    return result


def _curve(p1: tuple[float, float], p2: tuple[float, float], rad: float, steps: int = 24) -> list[tuple[float, float]]:
    """Points along matplotlib's arc3 connection (a quadratic Bezier curve) from p1 to p2."""
    (x1, y1), (x2, y2) = p1, p2
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    points = []
    for i in range(1, steps):
        t = i / steps
        points.append(((1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t * t * x2,
                       (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t * t * y2))
    return points


def network_figure(source: Source, title: str | None = None, isolated: bool = False):
    """The actor graph as a matplotlib figure (PNG or SVG for papers and slides).

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
    title : str, optional
    isolated : bool, optional (default False)
        Also draw actors without any stance edge (they are counted in a note otherwise).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from kg.analysis.network import example_graph
    >>> figure = network_figure(example_graph())
    >>> len(figure.axes)
    1
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    G, S, result, names = _prepare(network.as_rdf(source))
    shown = G if isolated else G.subgraph([n for n in G.nodes if G.degree(n) > 0])
    pos = network.layout(shown, result.partition)
    figure = _figure(12, 8.2)
    ax = figure.add_axes((0.01, 0.12, 0.98, 0.78))
    ax.set_axis_off()
    # Data coordinates = points of the figure area, y up, so sizes and offsets are in points.
    width_pt, height_pt = 12 * 72 * 0.98, 8.2 * 72 * 0.78
    margin_x, margin_y = 75, 30
    ax.set_xlim(0, width_pt)
    ax.set_ylim(0, height_pt)
    xy = {n: (margin_x + x * (width_pt - 2 * margin_x), height_pt - margin_y - y * (height_pt - 2 * margin_y))
          for n, (x, y) in pos.items()}
    radius = {n: _radius(G.nodes[n].get("mentions", 0)) * 0.62 for n in shown.nodes}
    groups = network.edge_groups(shown)
    bends = _bends(groups)
    curves = []
    for i, group in enumerate(groups):
        u, v = group["source"], group["target"]
        (x1, y1), (x2, y2) = xy[u], xy[v]
        rad = -bends[i]  # our bend is in y-down pixels; here y is up, so the sign flips
        curves.append(_curve((x1, y1), (x2, y2), rad))
        arrow = FancyArrowPatch((x1, y1), (x2, y2), connectionstyle=f"arc3,rad={rad}",
                                arrowstyle="-|>", mutation_scale=13 + 2 * min(group["count"], 4),
                                linewidth=1.3 + 1.3 * min(group["count"] - 1, 5),
                                color=POLARITY_COLORS[group["polarity"]], shrinkA=radius[u] + 1,
                                shrinkB=radius[v] * 1.15 + 2, alpha=0.9, zorder=1)
        ax.add_patch(arrow)
        if group["count"] > 1:
            # The middle of the Bezier curve: halfway from the chord's middle to the control point.
            cx, cy = (x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2
            ax.text(cx, cy, f"×{group['count']}", fontsize=8.5, color=POLARITY_COLORS[group["polarity"]],
                    ha="center", va="center", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    for node in sorted(shown.nodes, key=str):
        marker = TYPE_SHAPES.get(G.nodes[node].get("type", "Actor"), TYPE_SHAPES["Actor"])[0]
        scale = {"D": 0.85, "^": 1.15, "s": 0.9}.get(marker, 1.0)
        ax.scatter([xy[node][0]], [xy[node][1]], s=(2 * radius[node] * scale) ** 2, marker=marker,
                   c=camp_color(result.partition.get(node)), edgecolors="#333333", linewidths=1.0, zorder=2)
    labels = {n: "\n".join(_lines(G.nodes[n].get("label", str(n)), 24, 3)) for n in shown.nodes}
    sizes = {n: (max(len(line) for line in labels[n].splitlines()) * 6.0 + 6, 12.5 * len(labels[n].splitlines()) + 3)
             for n in shown.nodes}
    placement = _label_positions(xy, radius, sizes, curves, (0, 0, width_pt, height_pt))
    for node, (x, y, ha, va) in placement.items():
        ax.text(x, y, labels[node], fontsize=10, ha=ha, va=va, zorder=4, linespacing=1.05,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})
    if not shown.number_of_nodes():
        ax.text(width_pt / 2, height_pt / 2, "No stances between actors", ha="center", va="center", fontsize=14)
    heading = title or "Who is for or against whom"
    figure.text(0.01, 0.975, heading, fontsize=15, fontweight="bold", va="top")
    note = f"{G.number_of_edges()} stances between {shown.number_of_nodes()} actors"
    if result.edges:
        note += (f"; the camps explain {result.explained_edges} of {result.edges} signed edges "
                 f"(frustration index {result.frustration:g})")
    hidden = G.number_of_nodes() - shown.number_of_nodes()
    if hidden:
        note += f"; {hidden} actor{'s' if hidden != 1 else ''} without stances toward actors not shown"
    figure.text(0.01, 0.935, note, fontsize=10, color="#444444", va="top")
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=camp_color(i),
                      markeredgecolor="#333333", label=_short(names[i], 40)) for i in range(len(result.camps))]
    if any(result.partition.get(n) is None for n in shown.nodes):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=UNALIGNED_COLOR,
                              markeredgecolor="#333333", label="unaligned"))
    types = sorted({G.nodes[n].get("type", "Actor") for n in shown.nodes}, key=lambda t: list(TYPE_SHAPES).index(t))
    handles += [Line2D([], [], marker=TYPE_SHAPES[t][0], linestyle="", markersize=9, markerfacecolor="white",
                       markeredgecolor="#333333", label=TYPE_SHAPES[t][1]) for t in types]
    handles += [Line2D([], [], color=POLARITY_COLORS["favor"], linewidth=2.5, label="in favor of  (holder → target)"),
                Line2D([], [], color=POLARITY_COLORS["against"], linewidth=2.5, label="against  (thicker: more stances)")]
    figure.legend(handles=handles, loc="lower center", ncol=min(4, max(1, math.ceil(len(handles) / 2))),
                  fontsize=9.5, frameon=False, bbox_to_anchor=(0.5, 0.0))
    return figure


# --------------------------------------------------------------------------- timeline


def _candidates(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for r in records:
        found.setdefault(r["target"], {"label": r["target_label"], "kind": r["target_kind"], "names": set()})
        if r["target_actor"]:
            found.setdefault(r["target_actor"], {"label": r["target_actor_label"], "kind": "actor", "names": set()})
    return found


def find_target(source: Source, text: str) -> tuple[str, str]:
    """The stance target named by ``text``: an IRI, a label or an alias (case-insensitive).

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
    text : str

    Returns
    -------
    (str, str)
        The target's IRI and label.

    Raises
    ------
    ValueError
        When nothing or several things match.

    Examples
    --------
    >>> from kg.analysis.network import example_graph
    >>> find_target(example_graph(), "quimby")
    ('https://example.org/mayor', 'Mayor Quimby')
    >>> find_target(example_graph(), "nobody")
    Traceback (most recent call last):
    ...
    ValueError: no stance target matches 'nobody' (try: data sharing, Department of Transport, Mayor Quimby, Springfield)
    """
    rdf = network.as_rdf(source)
    candidates = _candidates(network.stance_records(rdf))
    actors = network.actor_records(rdf)
    for iri, info in candidates.items():
        info["names"] = {info["label"].lower()} | {a.lower() for a in actors.get(iri, {}).get("aliases", [])}
    query = " ".join(text.split()).lower()
    if not query:
        raise ValueError("the timeline target is empty")
    if text.strip() in candidates:
        return text.strip(), candidates[text.strip()]["label"]
    for test in (lambda info: info["label"].lower() == query, lambda info: query in info["names"],
                 lambda info: any(query in name for name in info["names"])):
        hits = sorted((iri for iri, info in candidates.items() if test(info)),
                      key=lambda iri: (candidates[iri]["kind"] != "actor", candidates[iri]["label"], iri))
        actor_hits = [iri for iri in hits if candidates[iri]["kind"] == "actor"]
        if len(actor_hits) == 1 or len(hits) == 1:
            chosen = actor_hits[0] if actor_hits else hits[0]
            return chosen, candidates[chosen]["label"]
        if hits:
            names = ", ".join(sorted({candidates[i]["label"] for i in hits}))
            raise ValueError(f"'{text}' matches several stance targets: {names}; give a longer name or an IRI")
    names = sorted({info["label"] for info in candidates.values() if info["kind"] in ("actor", "topic")},
                   key=lambda s: (s.lower(), s))
    preview = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    if not names:
        raise ValueError(f"no stance target matches '{text}' (the graph has no stances)")
    raise ValueError(f"no stance target matches '{text}' (try: {preview})")


def timeline_records(source: Source, target: str) -> tuple[str, list[dict[str, Any]]]:
    """The stances toward ``target`` (itself, or its acts), in story-time order.

    Returns
    -------
    (str, list of dict)
        The target's label, and records of :func:`kg.analysis.network.stance_records` with ``slot`` (a
        label for the update or article) added.

    Examples
    --------
    >>> from kg.analysis.network import example_graph
    >>> label, records = timeline_records(example_graph(), "Mayor Quimby")
    >>> label, [(r["holder_label"], r["polarity"], r["slot"]) for r in records]
    ('Mayor Quimby', [('Springfield', 'favor', '2018-06-01'), ('Department of Transport', 'against', '2018-06-01 11:30 a.m.')])
    """
    rdf = network.as_rdf(source)
    iri, label = find_target(rdf, target)
    records = [dict(r) for r in network.stance_records(rdf)
               if (r["target"] == iri or r["target_actor"] == iri) and r["sign"] != 0]
    documents = {r["document"] for r in records}
    for r in records:
        when = _when(r)
        if len(documents) > 1 and not r.get("date"):
            when = f"{r['document_id']} {when}".strip()
        r["slot"] = when or (r["document_id"] or "")
    return label, records


def timeline_figure(source: Source, target: str):
    """How the stances toward one target evolved across updates and articles.

    Top: one row per holder, a green upward triangle for each stance in favor and a red downward
    one for each stance against, in story time (date and live-blog update time); marker size
    follows confidence. Bottom: stances per update (favor up, against down) and the running net
    balance.

    Parameters
    ----------
    source : rdflib.Graph, str or path-like
    target : str
        A label, alias or IRI (see :func:`find_target`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        For an unknown or ambiguous target.
    """
    label, records = timeline_records(source, target)
    slots: list[str] = []
    for r in records:
        if r["slot"] not in slots:
            slots.append(r["slot"])
    holders: list[str] = []
    holder_labels: dict[str, str] = {}
    for r in records:
        if r["holder"] not in holders:
            holders.append(r["holder"])
            holder_labels[r["holder"]] = r["holder_label"]
    # A fixed margin (in inches) on the left holds the holders' names, wrapped at 22 characters.
    width = max(9.0, 2.6 + 1.4 * len(slots) + 1.4)
    left, right = 2.6 / width, 1.2 / width
    figure = _figure(width, 3.0 + 0.45 * len(holders) + 2.2)
    top = figure.add_axes((left, 0.42, 1 - left - right, 0.46))
    bottom = figure.add_axes((left, 0.1, 1 - left - right, 0.24), sharex=top)
    x_of = {slot: i for i, slot in enumerate(slots)}
    y_of = {h: len(holders) - 1 - i for i, h in enumerate(holders)}
    seen: dict[tuple, int] = {}
    for r in records:
        key = (r["holder"], r["slot"])
        k = seen.get(key, 0)
        seen[key] = k + 1
        x = x_of[r["slot"]] + (k * 0.12 - 0.0)
        favor = r["polarity"] == "favor"
        top.scatter([x], [y_of[r["holder"]]], marker="^" if favor else "v", s=60 + 160 * r["confidence"],
                    c=POLARITY_COLORS[r["polarity"]], edgecolors="#333333", linewidths=0.8, zorder=3)
    top.set_yticks([y_of[h] for h in holders])
    top.set_yticklabels(["\n".join(_lines(holder_labels[h], 22, 3)) for h in holders], fontsize=10)
    top.set_ylim(-0.7, len(holders) - 0.3)
    top.grid(axis="y", color="#e5e5e5", zorder=0)
    top.set_xlim(-0.6, len(slots) - 0.4)
    top.tick_params(axis="x", labelbottom=False)
    for side in ("top", "right"):
        top.spines[side].set_visible(False)
        bottom.spines[side].set_visible(False)
    favor = [sum(1 for r in records if r["slot"] == s and r["polarity"] == "favor") for s in slots]
    against = [sum(1 for r in records if r["slot"] == s and r["polarity"] == "against") for s in slots]
    xs = list(range(len(slots)))
    bottom.bar(xs, favor, color=POLARITY_COLORS["favor"], width=0.5, label="in favor")
    bottom.bar(xs, [-a for a in against], color=POLARITY_COLORS["against"], width=0.5, label="against")
    running, net = 0, []
    for f, a in zip(favor, against):
        running += f - a
        net.append(running)
    bottom.plot(xs, net, color="#333333", marker="o", markersize=4, linewidth=1.5, label="running balance")
    bottom.axhline(0, color="#999999", linewidth=0.8)
    peak = max([1] + favor + against + [abs(n) for n in net])
    bottom.set_ylim(-peak - 0.5, peak + 0.5)
    bottom.yaxis.get_major_locator().set_params(integer=True)
    bottom.set_ylabel("stances", fontsize=9.5)
    bottom.set_xticks(xs)
    bottom.set_xticklabels([textwrap.fill(s, 14) for s in slots], fontsize=9.5)
    bottom.legend(fontsize=8.5, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0) if len(slots) > 6 else None)
    documents = len({r["document"] for r in records})
    figure.text(0.02, 0.975, f"Stances toward {label} over time", fontsize=14, fontweight="bold", va="top")
    figure.text(0.02, 0.925, f"{len(records)} stance{'s' if len(records) != 1 else ''} by {len(holders)} "
                f"holder{'s' if len(holders) != 1 else ''} across {len(slots)} update{'s' if len(slots) != 1 else ''} "
                f"in {documents} article{'s' if documents != 1 else ''} (▲ favor, ▼ against; size: confidence)",
                fontsize=9.5, color="#444444", va="top")
    return figure


def timeline_html(source: Source, target: str) -> str:
    """A self-contained HTML page with the timeline picture (inline SVG) and its evidence table."""
    import io

    import matplotlib

    label, records = timeline_records(source, target)
    figure = timeline_figure(source, target)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "stancekg", "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    rows = "\n".join(
        f"<tr><td>{html.escape(r['slot'])}</td><td>{html.escape(r['holder_label'])}</td>"
        f"<td class=\"{html.escape(r['polarity'])}\">{html.escape(r['polarity'])}</td>"
        f"<td>{r['confidence']:.2f}</td><td>{html.escape(r['evidence'])}</td></tr>" for r in records)
    title = html.escape(f"Stances toward {label} over time")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
body {{ font: 14px/1.4 system-ui, "DejaVu Sans", Arial, sans-serif; margin: 16px; color: #222; }}
svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; margin-top: 12px; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
td.favor {{ color: #1a9641; }} td.against {{ color: #d7191c; }}
</style>
</head>
<body>
{svg}
<table>
<thead><tr><th>when</th><th>holder</th><th>polarity</th><th>confidence</th><th>evidence</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


# --------------------------------------------------------------------------- entry point


def render(rdf_graph: Graph, output: Path, timeline: str | None = None) -> None:
    """Write the actor graph (or a timeline) to ``output``: .html, .png or .svg.

    Parameters
    ----------
    rdf_graph : rdflib.Graph
    output : pathlib.Path
        ``.html`` (interactive page, or the timeline page), ``.png`` or ``.svg`` (picture).
    timeline : str, optional
        Draw how stances toward this target (label, alias or IRI) evolved, instead of the network.

    Raises
    ------
    ValueError
        For an unsupported suffix or an unknown timeline target.
    """
    from kg.graph.rdf import write_atomic

    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in HTML_SUFFIXES | PICTURE_SUFFIXES:
        raise ValueError(f"{output}: choose an .html, .png or .svg output")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        if timeline is not None:
            if suffix in HTML_SUFFIXES:
                write_atomic(output, timeline_html(rdf_graph, timeline))
            else:
                save_figure(timeline_figure(rdf_graph, timeline), output)
        elif suffix in HTML_SUFFIXES:
            write_atomic(output, to_html(rdf_graph))
        else:
            save_figure(network_figure(rdf_graph), output)
