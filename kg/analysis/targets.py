"""Finding a stance target (an actor, act or topic) by the name a reader types: ``--focus`` and
``--timeline``, and the page's search."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from .records import ActorRecord, StanceRecord

__all__ = ["find_target", "near_names"]

#: How alike (difflib's ratio) a typed name and a name in the graph must be to be offered.
NEAR = 0.6


def _candidates(records: list[StanceRecord], actors: dict[str, ActorRecord], every_actor: bool) -> dict[str, dict[str, Any]]:
    candidates: dict[str, dict[str, Any]] = {}
    for r in records:
        candidates.setdefault(r.target, {"label": r.target_label, "kind": r.target_kind})
        candidates.setdefault(r.holder, {"label": r.holder_label, "kind": "actor"})
        if r.target_actor:
            candidates.setdefault(r.target_actor, {"label": r.target_actor_label, "kind": "actor"})
    if every_actor:
        for iri in sorted(actors):
            candidates.setdefault(iri, {"label": actors[iri].label, "kind": "actor"})
    for iri, info in candidates.items():
        aliases = actors[iri].aliases if iri in actors else ()
        info["names"] = {info["label"].lower()} | {a.lower() for a in aliases}
    return candidates


def near_names(query: str, candidates: dict[str, dict[str, Any]], most: int = 8) -> list[str]:
    """The labels of the candidates one of whose names, or a word of one, is most like ``query``.

    Examples
    --------
    >>> near_names("kenny", {"k": {"label": "Jim Kenney", "kind": "actor", "names": {"jim kenney", "kenney"}},
    ...                      "i": {"label": "ICE", "kind": "actor", "names": {"ice"}}})
    ['Jim Kenney']
    """
    scores: dict[str, float] = {}
    for info in candidates.values():
        if info["kind"] not in ("actor", "topic"):
            continue
        for name in info["names"]:
            for part in {name, *name.split()}:
                ratio = SequenceMatcher(None, query, part).ratio()
                if ratio >= NEAR and ratio > scores.get(info["label"], 0.0):
                    scores[info["label"]] = ratio
    return sorted(scores, key=lambda label: (-scores[label], label.lower(), label))[:most]


def find_target(records: list[StanceRecord], actors: dict[str, ActorRecord], text: str,
                every_actor: bool = False) -> tuple[str, str]:
    """The stance target (actor, act or topic) named by ``text``: an IRI, a label or an alias.

    Tried in turn: the exact IRI, the label, any name (label or alias), then a part of a name, all
    ignoring case; an actor wins over an act or topic of the same name. With ``every_actor``, any
    actor of the graph counts, with or without stances (``--focus``).

    Returns
    -------
    (str, str)
        The target's IRI and label.

    Raises
    ------
    ValueError
        When nothing or several things match; when nothing does, it names the nearest names.

    Examples
    --------
    >>> from kg.analysis.example import example_graph
    >>> from kg.analysis.records import actor_records, open_graph, stance_records
    >>> graph = open_graph(example_graph())
    >>> find_target(stance_records(graph), actor_records(graph), "quimby")
    ('https://example.org/mayor', 'Mayor Quimby')
    >>> find_target(stance_records(graph), actor_records(graph), "Mayor Quimbly")
    Traceback (most recent call last):
    ...
    ValueError: no stance target matches 'Mayor Quimbly' (near: Mayor Quimby)
    >>> find_target(stance_records(graph), actor_records(graph), "nobody", every_actor=True)
    Traceback (most recent call last):
    ...
    ValueError: no actor or topic is named 'nobody' (try: data sharing, Department of Transport, Local press, Mayor Quimby, Springfield)
    """
    candidates = _candidates(records, actors, every_actor)
    query = " ".join(text.split()).lower()
    if not query:
        raise ValueError("the target name is empty")
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
            names = sorted({candidates[i]["label"] for i in hits})
            shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
            raise ValueError(f"'{text}' matches several stance targets: {shown}; give a longer name or an IRI")
    missing = f"no {'actor or topic is named' if every_actor else 'stance target matches'} '{text}'"
    near = near_names(query, candidates)
    if near:
        raise ValueError(f"{missing} (near: {', '.join(near)})")
    names = sorted({info["label"] for info in candidates.values() if info["kind"] in ("actor", "topic")},
                   key=lambda s: (s.lower(), s))
    if not names:
        raise ValueError(f"{missing} (the graph has no stances)")
    preview = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    raise ValueError(f"{missing} (try: {preview})")
