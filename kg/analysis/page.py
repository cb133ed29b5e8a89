"""The interactive HTML page of the actor graph: one self-contained file, laid out in the browser.

:func:`page_data` chooses what the page carries: the actors with the most stances between actors
(up to :data:`MAX_ACTORS`), the topics most stances are about, every stance among them with its
evidence sentence (the holder, the target and the speech cue marked), the claims of those actors,
the camps of ``kg stats`` and the articles' titles, outlets and dates. The page itself
(``assets/*.js``) shows the top :data:`DEFAULT_CAP` actors, lays them out with a seeded force
layout that leaves room for every label, and re-lays out whenever a filter changes.

No CDN and no network request: the data, script and style are embedded, so the page works
offline and as an e-mail attachment.

Examples
--------
>>> from kg.analysis.example import example_graph
>>> page = to_html(example_graph())
>>> page.startswith("<!DOCTYPE html>") and "https://" not in page.split("graph-data")[0]
True
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any, Iterable

from .camps import camp_names, camps
from .graphs import actor_stance_counts, signed_graph, stance_graph
from .records import Source, StanceRecord, mention_spans, read
from .targets import find_target
from .style import TYPE_SHAPES, camp_color, palette

__all__ = ["DEFAULT_CAP", "MAX_ACTORS", "page_data", "to_html"]

#: Actors shown at first; the page offers more, up to what it carries.
DEFAULT_CAP = 30
#: Most actors (and topics) a page carries: enough to explore, small enough to open anywhere.
MAX_ACTORS, MAX_TOPICS, MAX_LONERS = 250, 80, 40
#: Claims listed per actor (the most recent ones).
CLAIMS_PER_ACTOR = 8


def _rank(records: list[StanceRecord], counts: dict[str, int], mentions: dict[str, int]) -> list[str]:
    """Actors by stances between actors, then stances on topics, then mentions."""
    topic_counts: dict[str, int] = {}
    for r in records:
        if r.target_kind == "topic" and r.sign != 0:
            topic_counts[r.holder] = topic_counts.get(r.holder, 0) + 1
    actors = set(counts) | set(topic_counts)
    return sorted(actors, key=lambda a: (-counts.get(a, 0), -topic_counts.get(a, 0), -mentions.get(a, 0), a))


def _chosen(records: list[StanceRecord], ranked: list[str], counts: dict[str, int], focus: str | None,
            mentions: dict[str, int]) -> tuple[list[str], list[str]]:
    """The actors and topics the page carries: the top ones, plus the focus and its neighbours."""
    with_stances = [a for a in ranked if counts.get(a, 0) > 0]
    topic_holders = [a for a in ranked if counts.get(a, 0) == 0]
    ranked_set = set(ranked)
    loners = sorted((a for a in mentions if a not in ranked_set), key=lambda a: (-mentions[a], a))
    actors = with_stances[:MAX_ACTORS] + topic_holders[:MAX_LONERS] + loners[:MAX_LONERS]
    topic_count: dict[str, int] = {}
    for r in records:
        if r.target_kind == "topic" and r.sign != 0:
            topic_count[r.target] = topic_count.get(r.target, 0) + 1
    topics = sorted(topic_count, key=lambda t: (-topic_count[t], t))[:MAX_TOPICS]
    if focus is not None:
        near = {r.holder for r in records if focus in (r.target, r.target_actor)}
        near |= {r.target_actor for r in records if r.holder == focus and r.target_actor}
        carried = set(actors)
        actors += sorted(n for n in near | {focus} if n not in carried and n not in topic_count)
        topics += sorted({r.target for r in records if r.holder == focus and r.target_kind == "topic"} - set(topics))
        if focus in topic_count and focus not in topics:
            topics.append(focus)
    return actors, topics


def _marks(record: StanceRecord, spans: dict[str, list[tuple[int, int, str]]]) -> list[list[Any]]:
    """Where the holder, the target and the cue are in the evidence sentence: [start, end, kind]."""
    if record.start is None or not record.evidence:
        return []
    marks = []
    roles = {record.holder: "holder", record.target_actor: "target", record.target: "target"}
    for start, end, actor in spans.get(record.document or "", ()):
        if record.start <= start and end <= record.start + len(record.evidence) and actor in roles:
            marks.append([start - record.start, end - record.start, roles[actor]])
    end = record.start + len(record.evidence)
    for span, kind in ((record.cue, "cue"), (record.target_span, "target")):
        if span and record.start <= span[0] and span[1] <= end:
            marks.append([span[0] - record.start, span[1] - record.start, kind])
    if record.target_kind != "actor" and not any(m[2] == "target" for m in marks):
        found = re.search(re.escape(record.target_label), record.evidence, re.IGNORECASE)
        if found:
            marks.append([found.start(), found.end(), "target"])
    marks.sort()
    kept: list[list[Any]] = []
    for mark in marks:  # no overlapping marks: the first (leftmost, longest) wins
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return kept


def _when(date: str | None, update: str | None) -> str:
    return " ".join(part for part in (date, update) if part)


def _claims(reader, actors: Iterable[str], doc_index: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for claim in reader.claims(authors=actors):
        for author in claim.authors:
            found.setdefault(author, []).append(
                {"text": claim.text, "kind": claim.kind, "doc": doc_index.get(claim.document or "", -1),
                 "when": _when(claim.date, claim.update)})
    return found


def page_data(source: Source, title: str | None = None, focus: str | None = None) -> dict[str, Any]:
    """The JSON the page draws: nodes (actors and topics), stances with marked evidence, camps,
    documents, and the defaults of the view.

    Parameters
    ----------
    source : rdflib.Graph, str, path-like or pyoxigraph.Store
    title : str, optional
    focus : str, optional
        Open the page on this actor's or topic's neighbourhood (a name, alias or IRI).

    Raises
    ------
    ValueError
        When ``focus`` names nothing, or several things.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> data = page_data(example_graph())
    >>> len(data["nodes"]), len(data["stances"]), data["cap"]
    (5, 5, 30)
    >>> [(n["label"], n["camp"]) for n in data["nodes"][:2]]
    [('Department of Transport', None), ('Mayor Quimby', 1)]
    >>> data["stances"][0]["evidence"], data["stances"][0]["marks"]
    ('Springfield backed its mayor.', [[0, 11, 'holder']])
    """
    reader = read(source)
    records, actors = reader.stances, reader.actors
    G = stance_graph(reader)
    result = camps(signed_graph(G))
    names = camp_names(G, result)
    counts = actor_stance_counts(G)
    mentions = {a: r.mentions for a, r in actors.items()}
    focus_iri = find_target(records, actors, focus, every_actor=True)[0] if focus else None
    chosen_actors, chosen_topics = _chosen(records, _rank(records, counts, mentions), counts, focus_iri, mentions)
    shown = set(chosen_actors) | set(chosen_topics)
    stances = [r for r in records if r.sign != 0 and r.holder in shown and r.holder != r.target_actor
               and ((r.target_actor in shown and r.target_kind != "topic") or r.target in set(chosen_topics))]
    docs = reader.documents
    used_docs = sorted({r.document for r in stances if r.document}, key=lambda d: (docs[d].date or "", d) if d in docs else ("", d))
    doc_index = {d: i for i, d in enumerate(used_docs)}
    spans = mention_spans(reader, chosen_actors, used_docs)
    nodes = _nodes(chosen_actors, chosen_topics, actors, G, result.partition, counts, records,
                   _claims(reader, chosen_actors, doc_index))
    return {
        "title": title or "Who is for or against whom",
        "subtitle": _subtitle(len(docs), G, result, sum(1 for r in records if r.target_kind == "topic" and r.sign)),
        "cap": DEFAULT_CAP,
        "withStances": sum(1 for count in counts.values() if count > 0),
        "topics": not any(counts.values()),
        "focus": focus_iri,
        "colors": palette(),
        "camps": [{"id": number, "name": names[number], "color": camp_color(number), "size": len(side)}
                  for number, side in enumerate(result.camps, start=1) if any(n in shown for n in side)],
        "types": [{"type": t, "label": label} for t, (_, label) in TYPE_SHAPES.items()],
        "documents": [_document(docs.get(d), d) for d in used_docs],
        "nodes": nodes,
        "stances": [{"source": r.holder, "target": r.target if r.target_kind == "topic" else r.target_actor,
                     "polarity": r.polarity, "confidence": r.confidence, "doc": doc_index.get(r.document or "", -1),
                     "when": r.update or "", "evidence": r.evidence, "marks": _marks(r, spans),
                     "on": r.target_label if r.target_kind == "act" else ""} for r in stances],
    }


def _document(doc, iri: str) -> dict[str, Any]:
    if doc is None:
        return {"title": "an article", "outlet": "", "date": ""}
    return {"title": doc.headline or "an untitled article", "outlet": doc.publisher or "", "date": doc.date or "",
            "url": doc.url or ""}


def _nodes(chosen_actors: list[str], chosen_topics: list[str], actors: dict, G, partition: dict, counts: dict,
           records: list[StanceRecord], claims: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    nodes = []
    for rank, actor in enumerate(chosen_actors):
        record = actors.get(actor)
        label = record.label if record else G.nodes[actor].get("label", actor) if actor in G else actor
        aliases = [a for a in (record.aliases if record else ()) if a != label]
        said = claims.get(actor, [])
        nodes.append({
            "id": actor, "kind": "actor", "label": label, "type": record.type if record else "Actor",
            "role": "; ".join(record.posts) if record and record.posts else (record.role if record else ""),
            "aliases": aliases, "mentions": record.mentions if record else 0, "camp": partition.get(actor),
            "rank": rank, "degree": counts.get(actor, 0), "claims": said[-CLAIMS_PER_ACTOR:],
            "claimCount": len(said), "search": " ".join([label] + aliases).lower(),
        })
    labels = {r.target: r.target_label for r in records if r.target_kind == "topic"}
    for rank, topic in enumerate(chosen_topics):
        nodes.append({"id": topic, "kind": "topic", "label": labels.get(topic, topic), "type": "Topic", "role": "",
                      "aliases": [], "mentions": 0, "camp": None, "rank": rank, "degree": 0, "claims": [],
                      "claimCount": 0, "search": labels.get(topic, topic).lower()})
    return nodes


def _subtitle(documents_count: int, G, result, on_topics: int) -> str:
    text = (f"{documents_count:,} article{'s' if documents_count != 1 else ''}, {G.number_of_edges():,} stance"
            f"{'s' if G.number_of_edges() != 1 else ''} between actors and {on_topics:,} on topics")
    if result.edges:
        text += (f"; {len(result.camps)} camp{'s' if len(result.camps) != 1 else ''} explain "
                 f"{result.explained_edges:,} of {result.edges:,} signed ties")
    return text


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no "<", ">" or "&" (so no "</script>" or "<!--")."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def asset(name: str) -> str:
    """A file of ``kg/analysis/assets``."""
    return resources.files("kg.analysis").joinpath(f"assets/{name}").read_text(encoding="utf-8")


_SCRIPTS = ("layout.js", "panel.js", "actors.js", "draw.js")

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
<label>Find <input type="search" id="search" placeholder="actor or topic" autocomplete="off"></label>
<label>Show <select id="cap"></select></label>
<label><input type="checkbox" id="show-topics"> topics</label>
<label><input type="checkbox" id="show-loners"> actors without stances between actors</label>
<label>Article <select id="doc-filter"><option value="">all articles</option></select></label>
<label><input type="checkbox" id="show-favor" checked> for</label>
<label><input type="checkbox" id="show-against" checked> against</label>
<label>confidence &ge; <input type="range" id="min-confidence" min="0" max="1" step="0.05" value="0"> <span id="min-confidence-value">0.00</span></label>
<button type="button" id="overview" hidden>back to the overview</button>
<button type="button" id="reset-view">fit to screen</button>
<span id="status" aria-live="polite"></span>
</div>
</header>
<main>
<div id="canvas">
<svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="actor graph"><g id="edges"></g><g id="nodes"></g></svg>
</div>
<aside>
<section id="evidence" aria-live="polite"></section>
<section id="legend"></section>
</aside>
</main>
<noscript>This page needs JavaScript to draw the graph.</noscript>
<script type="application/json" id="graph-data">{data}</script>
<script>
(function () {{
"use strict";
{js}
}})();
</script>
</body>
</html>
"""


def to_html(source: Source, title: str | None = None, focus: str | None = None) -> str:
    """A self-contained interactive HTML page of the actor graph (see :func:`page_data`).

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> page = to_html(example_graph(), title="A <test> & more")
    >>> "<title>A &lt;test&gt; &amp; more</title>" in page, page.count("<script")
    (True, 2)
    """
    data = page_data(source, title, focus)
    return _PAGE.format(title=html.escape(data["title"]), subtitle=html.escape(data["subtitle"]),
                        css=asset("actors.css"), js="\n".join(asset(name) for name in _SCRIPTS),
                        data=_script_json(data))
