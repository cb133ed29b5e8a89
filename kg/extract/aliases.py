"""A user's own mapping of names to canonical actors (``kg build --aliases FILE``).

Two formats:

* CSV with a header ``name,canonical[,iri]``: every actor called ``name`` (its label or one of
  its aliases, case-insensitive) becomes the actor ``canonical``; ``iri`` (e.g. a Wikidata
  entity) is emitted as ``owl:sameAs``. A row whose name equals its canonical just adds the IRI.
* Turtle: each subject with an ``rdfs:label`` or ``skos:prefLabel`` is a canonical actor, its
  ``schema:alternateName`` / ``skos:altLabel`` values are names, and the subject IRI (unless a
  blank node) together with any ``owl:sameAs`` objects are its external IRIs (read by
  :func:`kg.graph.aliases.load_aliases`, which reads either format).

Actors that map to the same canonical name are merged, and the merge is recorded with its reason.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .resolve import Actor, assign_ids


@dataclass
class CanonicalActor:
    label: str
    names: set[str] = field(default_factory=set)
    iris: set[str] = field(default_factory=set)


class AliasError(ValueError):
    """An alias file that cannot be read."""


def aliases_from_csv(path: Path, text: str) -> list[CanonicalActor]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"name", "canonical"} <= {f.strip().lower() for f in reader.fieldnames}:
        raise AliasError(f"{path}: an alias CSV needs a header with the columns name,canonical[,iri]")
    table: dict[str, CanonicalActor] = {}
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name, canonical = row.get("name", ""), row.get("canonical", "")
        if not name or not canonical:
            raise AliasError(f"{path}:{number}: both name and canonical are needed")
        entry = table.setdefault(canonical.lower(), CanonicalActor(canonical))
        entry.names |= {name.lower(), canonical.lower()}
        if row.get("iri"):
            entry.iris.add(checked_iri(row["iri"], f"{path}:{number}"))
    return list(table.values())


def checked_iri(iri: str, where: str) -> str:
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+$", iri):
        raise AliasError(f"{where}: '{iri}' is not an absolute IRI")
    return iri


def apply_aliases(actors: list[Actor], table: list[CanonicalActor]) -> list[Actor]:
    """Merge and relabel actors according to ``table``; unnamed actors are left alone."""
    if not table:
        return actors
    by_name = {name: entry for entry in table for name in entry.names}
    groups: dict[str, list[Actor]] = {}
    untouched = []
    for actor in actors:
        names = {actor.label.lower(), *(a.lower() for a in actor.aliases)}
        entry = next((by_name[n] for n in sorted(names) if n in by_name), None) if actor.named else None
        if entry is None:
            untouched.append(actor)
        else:
            groups.setdefault(entry.label, []).append(actor)
    merged = []
    for label, members in groups.items():
        entry = by_name[label.lower()]
        members.sort(key=lambda a: (-len(a.mentions), a.id))
        first = members[0]
        merged.append(replace(
            first,
            label=entry.label,
            aliases=tuple(sorted({entry.label, *(alias for m in members for alias in m.aliases)})),
            mentions=sorted((mr for m in members for mr in m.mentions),
                            key=lambda mr: (mr[0].doc_id, mr[0].start, mr[0].end)),
            roles=tuple(sorted({r for m in members for r in m.roles}, key=lambda r: tuple(x or "" for x in r))),
            affiliations=tuple(sorted({a for m in members for a in m.affiliations})),
            merges=tuple(sorted({*(x for m in members for x in m.merges),
                                 *(f"user alias table: '{m.label}' is '{entry.label}'" for m in members)})),
            locals=[local for m in members for local in m.locals],
            first_doc=min(m.first_doc for m in members),
            same_as=tuple(sorted(entry.iris | {i for m in members for i in m.same_as})),
        ))
    result = untouched + merged
    assign_ids(result)
    result.sort(key=lambda a: a.id)
    return result
