"""Finding a stance target (an actor, act or topic) by the name a reader types: ``--focus`` and
``--timeline``, and the page's search."""

from __future__ import annotations

from typing import Any

from .records import ActorRecord, StanceRecord

__all__ = ["find_target"]


def find_target(records: list[StanceRecord], actors: dict[str, ActorRecord], text: str) -> tuple[str, str]:
    """The stance target (actor, act or topic) named by ``text``: an IRI, a label or an alias.

    Tried in turn: the exact IRI, the label, any name (label or alias), then a part of a name, all
    ignoring case; an actor wins over an act or topic of the same name.

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
    >>> from kg.analysis.example import example_graph
    >>> from kg.analysis.records import actor_records, open_graph, stance_records
    >>> graph = open_graph(example_graph())
    >>> find_target(stance_records(graph), actor_records(graph), "quimby")
    ('https://example.org/mayor', 'Mayor Quimby')
    >>> find_target(stance_records(graph), actor_records(graph), "nobody")
    Traceback (most recent call last):
    ...
    ValueError: no stance target matches 'nobody' (try: data sharing, Department of Transport, Mayor Quimby, Springfield)
    """
    candidates: dict[str, dict[str, Any]] = {}
    for r in records:
        candidates.setdefault(r.target, {"label": r.target_label, "kind": r.target_kind})
        candidates.setdefault(r.holder, {"label": r.holder_label, "kind": "actor"})
        if r.target_actor:
            candidates.setdefault(r.target_actor, {"label": r.target_actor_label, "kind": "actor"})
    for iri, info in candidates.items():
        aliases = actors[iri].aliases if iri in actors else ()
        info["names"] = {info["label"].lower()} | {a.lower() for a in aliases}
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
    names = sorted({info["label"] for info in candidates.values() if info["kind"] in ("actor", "topic")},
                   key=lambda s: (s.lower(), s))
    if not names:
        raise ValueError(f"no stance target matches '{text}' (the graph has no stances)")
    preview = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    raise ValueError(f"no stance target matches '{text}' (try: {preview})")
