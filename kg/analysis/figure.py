"""The actor graph as a static picture (PNG or SVG) for papers, slides and articles.

:func:`network_figure` draws the actors with the most stances between actors (25 by default),
coloured by camp and shaped by type, with green (for) and red (against) arrows; the legend and a
note on what is left out sit outside the plot; labels are kept clear of each other. SVG keeps its
text as text (searchable, editable). :func:`save_figure` writes PNG or SVG deterministically.

Examples
--------
>>> from kg.analysis.example import example_graph
>>> figure = network_figure(example_graph())
>>> len(figure.axes)
1
"""

from __future__ import annotations

import io
import math
import os
import textwrap
from pathlib import Path
from typing import Hashable

import networkx as nx
import numpy as np

from .camps import Camps, camp_names, camps
from .focus import TOPIC, neighbourhood, ring_layout
from .graphs import actor_stance_counts, edge_groups, signed_graph, stance_graph
from .layout import layout, make_room, place_labels
from .records import Source, read
from .style import (CAMP_COLORS, OTHER_CAMP_COLOR, POLARITY_COLORS, TOPIC_COLOR, TYPE_SHAPES, UNALIGNED_COLOR,
                    camp_color)
from .targets import find_target

__all__ = ["DEFAULT_TOP", "PICTURE_SUFFIXES", "network_figure", "save_figure", "top_actors"]

PICTURE_SUFFIXES = {".png", ".svg"}
#: Actors drawn in a static picture unless told otherwise.
DEFAULT_TOP = 25
_WIDTH, _HEIGHT = 12.0, 8.0  # inches
_PLOT = (0.01, 0.08, 0.72, 0.80)  # axes rectangle (figure fractions); the legend goes right of it
_FONT = 9.5


def top_actors(G: nx.MultiDiGraph, top: int) -> list[Hashable]:
    """The ``top`` actors with the most stances between actors (then most mentioned), best first.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> [G.nodes[n]["label"] for G in [stance_graph(example_graph())] for n in top_actors(G, 2)]
    ['Department of Transport', 'Mayor Quimby']
    """
    counts = actor_stance_counts(G)
    ranked = sorted((n for n in G.nodes if counts[n] > 0),
                    key=lambda n: (-counts[n], -(G.nodes[n].get("mentions", 0) or 0), str(n)))
    return ranked[:top]


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=150, facecolor="white")


def save_figure(figure, path: str | os.PathLike[str]) -> None:
    """Save a figure as PNG or SVG, deterministically (no dates, fixed SVG ids, text as text),
    atomically."""
    import matplotlib

    from kg.graph.tempfiles import write_atomic

    suffix = Path(path).suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise ValueError(f"{path}: choose a .png or .svg output")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "stancekg", "svg.fonttype": "none"}):
        if suffix == ".svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        else:
            figure.savefig(buffer, format="png", metadata={"Software": None})
    write_atomic(path, buffer.getvalue())


def _label(text: str) -> str:
    lines = textwrap.wrap(text, 22, break_long_words=True) or [text]
    if len(lines) > 2:
        rest = " ".join(lines[1:])
        lines = [lines[0], rest if len(rest) <= 24 else rest[:23].rstrip() + "…"]
    return "\n".join(lines)


def _positions(pos: dict, labels: dict, radius: dict, size: tuple[float, float]) -> dict:
    """Node positions in points (y up) from ``pos`` in [0, 1] (y down), then room made for every label."""
    width, height = size
    nodes = sorted(pos, key=str)
    boxes = np.array([[max(len(line) for line in labels[n].splitlines()) * _FONT * 0.58 + 8,
                       2 * radius[n] + 13 * len(labels[n].splitlines()) + 6] for n in nodes])
    margin = 40.0
    centres = np.array([[margin + pos[n][0] * (width - 2 * margin), height - margin - pos[n][1] * (height - 2 * margin)]
                        for n in nodes])
    roomy = make_room(centres, boxes, (0.0, 0.0, width, height), iterations=300)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, roomy)}


def _draw_arrows(ax, shown: nx.MultiDiGraph, xy: dict, radius: dict) -> list[list[tuple[float, float]]]:
    from matplotlib.patches import FancyArrowPatch

    groups = edge_groups(shown)
    pairs: dict[frozenset, list[int]] = {}
    for i, group in enumerate(groups):
        pairs.setdefault(frozenset((group["source"], group["target"])), []).append(i)
    curves = []
    for i, group in enumerate(groups):
        u, v = group["source"], group["target"]
        members = pairs[frozenset((u, v))]
        same = [j for j in members if groups[j]["source"] == u]
        rad = 0.0 if len(members) == 1 else -(0.12 + 0.14 * same.index(i))
        (x1, y1), (x2, y2) = xy[u], xy[v]
        cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
        curves.append([((1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t * t * x2,
                        (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t * t * y2) for t in np.linspace(0.05, 0.95, 19)])
        ax.add_patch(FancyArrowPatch((x1, y1), (x2, y2), connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                                     mutation_scale=11 + 2 * min(group["count"], 4),
                                     linewidth=1.1 + 1.1 * min(group["count"] - 1, 5),
                                     color=POLARITY_COLORS[group["polarity"]], shrinkA=radius[u] + 1,
                                     shrinkB=radius[v] * 1.15 + 2, alpha=0.85, zorder=1))
    return curves


def _legend(figure, shown: nx.Graph, result: Camps, names: dict[int, str]) -> None:
    from matplotlib.lines import Line2D

    def dot(color: str, label: str, marker: str = "o") -> Line2D:
        return Line2D([], [], marker=marker, linestyle="", markersize=9, markerfacecolor=color,
                      markeredgecolor="#333333", label=label)
    actors = [n for n in shown.nodes if shown.nodes[n].get("type") != TOPIC]
    present = sorted({result.partition.get(n) for n in actors if result.partition.get(n) is not None})
    handles = [dot(camp_color(c), textwrap.shorten(f"{c}. {names[c]}", 34)) for c in present if c <= len(CAMP_COLORS)]
    if any(c > len(CAMP_COLORS) for c in present):
        handles.append(dot(OTHER_CAMP_COLOR, "smaller camps"))
    if any(result.partition.get(n) is None for n in actors):
        handles.append(dot(UNALIGNED_COLOR, "unaligned"))
    types = sorted({shown.nodes[n].get("type", "Actor") for n in actors}, key=lambda t: list(TYPE_SHAPES).index(t))
    handles += [dot("white", TYPE_SHAPES[t][1], TYPE_SHAPES[t][0]) for t in types]
    if len(actors) < shown.number_of_nodes():
        handles.append(dot(TOPIC_COLOR, "topic", "s"))
    handles += [Line2D([], [], color=POLARITY_COLORS["favor"], linewidth=2.5, label="for (holder → target)"),
                Line2D([], [], color=POLARITY_COLORS["against"], linewidth=2.5, label="against")]
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(_PLOT[0] + _PLOT[2] + 0.01, _PLOT[1] + _PLOT[3]),
                  fontsize=9, frameon=False, title="Camp (colour), actor type (shape)", title_fontsize=9,
                  alignment="left", borderaxespad=0.0)


def _note(G: nx.MultiDiGraph, shown: nx.Graph, result: Camps, documents_count: int) -> str:
    with_stances = sum(1 for n, d in G.degree() if d > 0)
    articles = f"{documents_count:,} article{'s' if documents_count != 1 else ''}"
    if shown.number_of_nodes() == with_stances:
        note = (f"All {with_stances:,} actors with stances between actors and their {G.number_of_edges():,} "
                f"stances, from {articles}.")
    else:
        note = (f"The {shown.number_of_nodes()} actors with the most stances between actors, of {with_stances:,}; "
                f"{shown.number_of_edges():,} of their {G.number_of_edges():,} stances, from {articles}.")
    if result.edges:
        note += (f" Camps by structural balance (allies within, opponents across) explain {result.share_explained:.0%}"
                 f" of the ties' weight.")
    return note


def network_figure(source: Source, title: str | None = None, top: int = DEFAULT_TOP, focus: str | None = None):
    """The actor graph as a matplotlib figure: the ``top`` actors by stances between actors, or
    the neighbourhood of one actor or topic.

    Parameters
    ----------
    source : rdflib.Graph, str, path-like or pyoxigraph.Store
    title : str, optional
    top : int, optional (default 25)
        How many actors (with a focus: nodes, the focus among them) to draw.
    focus : str, optional
        Draw this actor's or topic's neighbourhood (any actor's label or alias, a topic, an IRI),
        with the focus in the middle.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        When ``focus`` names nothing (the error names the nearest names) or several things.
    """
    reader = read(source)
    G = stance_graph(reader)
    result = camps(signed_graph(G))
    names = camp_names(G, result)
    if focus is None:
        shown = G.subgraph(top_actors(G, top))
        pos = layout(shown, result.partition)  # top actors whose ties are all off the picture go in a row below
    else:
        iri, label = find_target(reader.stances, reader.actors, focus, every_actor=True)
        shown = neighbourhood(reader, G, iri, top)
        pos = ring_layout(shown, result.partition)
    figure = _figure(_WIDTH, _HEIGHT)
    ax = figure.add_axes(_PLOT)
    ax.set_axis_off()
    size = (_WIDTH * 72 * _PLOT[2], _HEIGHT * 72 * _PLOT[3])  # data units = points, y up
    ax.set_xlim(0, size[0])
    ax.set_ylim(0, size[1])
    radius = {n: min(16.0, 4.5 + 1.9 * math.sqrt(max(shown.nodes[n].get("mentions", 0) or 0, 0))) for n in shown.nodes}
    labels = {n: _label(shown.nodes[n].get("label", str(n))) for n in shown.nodes}
    xy = _positions(pos, labels, radius, size) if shown.number_of_nodes() else {}
    curves = _draw_arrows(ax, shown, xy, radius)
    _draw_nodes(ax, shown, xy, radius, result)
    sizes = {n: (max(len(line) for line in labels[n].splitlines()) * _FONT * 0.58 + 4, 12.5 * len(labels[n].splitlines()) + 2)
             for n in shown.nodes}
    for node, (x, y, ha, va) in place_labels(xy, radius, sizes, curves, (0, 0, size[0], size[1])).items():
        ax.text(x, y, labels[node], fontsize=_FONT, ha=ha, va=va, zorder=4, linespacing=1.05,
                fontweight="bold" if node == shown.graph.get("focus") else "normal",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    if not shown.number_of_edges():
        ax.text(size[0] / 2, size[1] / 4 if focus else size[1] / 2,
                "No stances between actors" if focus is None else "No stances tie it to an actor or topic",
                ha="center", va="center", fontsize=14)
    note = _note(G, shown, result, len(reader.documents)) if focus is None else _focus_note(shown, label, len(reader.documents))
    figure.text(0.01, 0.975, title or ("Who is for or against whom" if focus is None else f"Around {label}"),
                fontsize=15, fontweight="bold", va="top")
    figure.text(0.01, 0.935, textwrap.fill(note, 150), fontsize=9.5, color="#444444", va="top")
    _legend(figure, shown, result, names)
    return figure


def _focus_note(shown: nx.MultiDiGraph, label: str, documents_count: int) -> str:
    ties, near = shown.graph["ties"], shown.number_of_nodes() - 1
    articles = f"{documents_count:,} article{'s' if documents_count != 1 else ''}"
    if not ties:
        return f"No stance ties {label} to an actor or topic, in {articles}."
    tied = "the actor or topic" if ties == 1 else f"the {ties} actors and topics"
    if near < ties:
        tied = f"the {near} of its {ties} actors and topics most"
    stances = shown.number_of_edges()
    return (f"{label} and {tied} tied to it by stances, with the {stances:,} stance{'s' if stances != 1 else ''} "
            f"among them, from {articles}.")


def _draw_nodes(ax, shown: nx.Graph, xy: dict, radius: dict, result: Camps) -> None:
    for node in sorted(shown.nodes, key=str):
        kind = shown.nodes[node].get("type", "Actor")
        marker = "s" if kind == TOPIC else TYPE_SHAPES.get(kind, TYPE_SHAPES["Actor"])[0]
        scale = {"D": 0.85, "^": 1.15, "s": 0.9}.get(marker, 1.0)
        colour = TOPIC_COLOR if kind == TOPIC else camp_color(result.partition.get(node))
        focus = node == shown.graph.get("focus")
        ax.scatter([xy[node][0]], [xy[node][1]], s=(2 * radius[node] * scale) ** 2, marker=marker, c=colour,
                   edgecolors="#000000" if focus else "#333333", linewidths=2.6 if focus else 1.0, zorder=2)
