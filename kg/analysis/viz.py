"""Pictures of the actor graph, written by file suffix: the page, the static picture, the timeline.

:func:`render` is what ``kg viz`` runs: ``.html`` writes the interactive page
(:mod:`kg.analysis.page`), ``.png`` and ``.svg`` the static picture (:mod:`kg.analysis.figure`);
with a timeline target, the timeline (:mod:`kg.analysis.timeline`) instead. Every output is
deterministic and written atomically.

Examples
--------
>>> import tempfile, pathlib
>>> from kg.analysis.example import example_graph
>>> with tempfile.TemporaryDirectory() as folder:
...     render(example_graph(), pathlib.Path(folder) / "actors.html")
...     (pathlib.Path(folder) / "actors.html").read_text().startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import warnings
from pathlib import Path

from .figure import DEFAULT_TOP, PICTURE_SUFFIXES, network_figure, save_figure
from .page import to_html
from .records import Source, read
from .timeline import timeline_figure, timeline_html

__all__ = ["HTML_SUFFIXES", "PICTURE_SUFFIXES", "render", "to_html"]

HTML_SUFFIXES = {".html", ".htm"}


def render(source: Source, output: Path, timeline: str | None = None, focus: str | None = None,
           top: int = DEFAULT_TOP, title: str | None = None) -> None:
    """Write the actor graph (or a timeline) to ``output``: .html, .png or .svg.

    Parameters
    ----------
    source : rdflib.Graph, str, path-like or pyoxigraph.Store
    output : pathlib.Path
    timeline : str, optional
        Draw how stances toward this target (label, alias or IRI) evolved, instead of the network.
    focus : str, optional
        This actor's or topic's neighbourhood: the page opens on it, the picture draws it.
    top : int, optional (default 25)
        Actors in a static picture.
    title : str, optional

    Raises
    ------
    ValueError
        For an unsupported suffix, or an unknown timeline or focus target.
    """
    from kg.graph.tempfiles import write_atomic

    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in HTML_SUFFIXES | PICTURE_SUFFIXES:
        raise ValueError(f"{output}: choose an .html, .png or .svg output")
    store = read(source)  # each table is read once, whatever the picture needs
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        if timeline is not None:
            if suffix in HTML_SUFFIXES:
                write_atomic(output, timeline_html(store, timeline))
            else:
                save_figure(timeline_figure(store, timeline), output)
        elif suffix in HTML_SUFFIXES:
            write_atomic(output, to_html(store, title=title, focus=focus))
        else:
            save_figure(network_figure(store, title=title, top=top, focus=focus), output)
