"""Match the actors of new articles to the actors a store already holds (incremental merging).

Within one input, actors are merged by :func:`kg.extract.merge.merge_documents` (and a user's alias
table). When the graph is a store that earlier runs filled, each merged actor is then looked up in
the store's registry with the same keys and the same name test that merge uses: a person's full
name (nicknames folded, suffix kept) whose every name is compatible with the stored person's
names (:func:`kg.extract.names.persons_compatible`), an organisation's name or well-known
acronym, a place's or group's name; a surname-only person joins the one stored person with that
surname, or an earlier surname-only actor. A matched actor keeps its id;
its label becomes the longest name seen so far and its type the most frequent one. A new actor whose
id is already taken gets the next free number (``jordan-2``).

Merging in steps can differ from merging everything at once, and only in two ways (see README):
an actor's id is the slug of the label it had when first stored, and a surname-only mention
("Kenney") stored before any full name with that surname stays an actor of its own.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Protocol

from kg.extract.actors import PERSON
from kg.extract.merge import PERSON_KEY, SURNAME_KEY, all_compatible, local_keys, person_names
from kg.extract.resolve import Actor


@dataclass
class KnownActor:
    """An actor in a store's registry: what matching needs to know about it."""

    id: str
    label: str
    type_counts: dict[str, int]
    first_doc: str
    keys: set[tuple[str, str]] = field(default_factory=set)
    surname: str | None = None  # set for people known by a full name
    names: tuple[str, ...] = ()  # a person's names, for the compatibility test

    def record(self) -> str:
        data = {"label": self.label, "types": self.type_counts, "first_doc": self.first_doc, "surname": self.surname}
        if self.names:
            data["names"] = list(self.names)
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_record(cls, actor_id: str, text: str, keys: Iterable[tuple[str, str]] = ()) -> "KnownActor":
        data = json.loads(text)
        return cls(actor_id, data["label"], dict(data["types"]), data["first_doc"], set(keys), data.get("surname"),
                   tuple(data.get("names", ())))

    @property
    def type(self) -> str:
        return Counter(self.type_counts).most_common(1)[0][0]


class Known(Protocol):
    """The actors of earlier runs."""

    def lookup(self, key: tuple[str, str]) -> KnownActor | None: ...

    def surname_bearers(self, surname: str) -> list[KnownActor]: ...

    def id_taken(self, actor_id: str) -> bool: ...


@dataclass
class MatchedActor:
    """A merged actor of this run, with its registry entry after the run."""

    actor: Actor
    entry: KnownActor
    known: KnownActor | None = None  # the stored actor it joined
    old_label: str | None = None  # stored label it replaces
    old_type: str | None = None  # stored type it replaces


def actor_keys(actor: Actor) -> tuple[list[tuple[str, str]], str | None]:
    """The registry keys of a merged actor (those of :func:`kg.extract.merge.local_keys`), and
    the surname of a person with a full name."""
    keys: set[tuple[str, str]] = set()
    surname = None
    single: set[tuple[str, str]] = set()
    for local in actor.locals:
        if not local.named:
            continue
        local_key_list, local_surname = local_keys(local)
        if local.type == PERSON and local_surname is None:
            single.update(local_key_list)
            continue
        keys.update(local_key_list)
        surname = surname or local_surname
    if not any(k[0] == PERSON_KEY for k in keys):
        keys.update(single)
    return sorted(keys), surname


def _names(actor: Actor) -> tuple[str, ...]:
    return tuple(sorted({n for local in actor.locals if local.named and local.type == PERSON
                         for n in person_names(local)}))


def _fits(found: KnownActor | None, actor: Actor) -> KnownActor | None:
    """A stored person is the same only if every name of the two is compatible."""
    if found is None or actor.type != PERSON or not found.names:
        return found
    return found if all_compatible(_names(actor), found.names) else None


def _type_counts(actor: Actor) -> Counter[str]:
    return Counter(local.type for local in actor.locals) if actor.locals else Counter({actor.type: 1})


def match_known(actors: list[Actor], known: Known | None) -> list[MatchedActor]:
    """Join this run's merged ``actors`` to stored ones; renumber new ids that are taken."""
    matched: dict[str, list[Actor]] = {}
    found_by_id: dict[str, KnownActor] = {}
    fresh: list[tuple[Actor, list[tuple[str, str]], str | None]] = []
    for actor in actors:
        keys, surname = actor_keys(actor) if actor.named else ([], None)
        found = None
        if known is not None and len(keys) == 1 and keys[0][0] == SURNAME_KEY:
            # As within one input: the one person with that surname, else an earlier "Kenney".
            bearers = known.surname_bearers(keys[0][1])
            found = bearers[0] if len(bearers) == 1 else known.lookup(keys[0]) if not bearers else None
        elif known is not None and keys:
            found = next((f for k in keys for f in [_fits(known.lookup(k), actor)] if f is not None), None)
        if found is None:
            fresh.append((actor, keys, surname))
        else:
            matched.setdefault(found.id, []).append(actor)
            found_by_id[found.id] = found

    result: list[MatchedActor] = []
    taken = {a.id for a, _, _ in fresh}
    for actor, keys, surname in fresh:
        if known is not None and known.id_taken(actor.id):
            number = 2
            while known.id_taken(f"{actor.id}-{number}") or f"{actor.id}-{number}" in taken:
                number += 1
            taken.add(f"{actor.id}-{number}")
            actor = replace(actor, id=f"{actor.id}-{number}")
        counts = _type_counts(actor)
        entry = KnownActor(actor.id, actor.label, dict(counts), actor.first_doc, set(keys), surname, _names(actor))
        result.append(MatchedActor(actor, entry))
    for actor_id, members in matched.items():
        found = found_by_id[actor_id]
        result.append(_join(found, members))
    result.sort(key=lambda m: m.actor.id)
    return result


def _join(found: KnownActor, members: list[Actor]) -> MatchedActor:
    """One actor: a stored actor and the actors of this run that are the same entity."""
    counts = Counter(found.type_counts)
    for member in members:
        counts.update(_type_counts(member))
    label = max([found.label] + [m.label for m in members], key=lambda text: (len(text), text))
    type_ = counts.most_common(1)[0][0]
    reasons = {f"{local.mentions[0].doc_id}: same name as an actor already in the store"
               for m in members for local in m.locals if local.mentions}
    first = members[0]
    actor = replace(
        first, id=found.id, label=label, type=type_,
        aliases=tuple(sorted({a for m in members for a in m.aliases})),
        mentions=sorted((mr for m in members for mr in m.mentions), key=lambda mr: (mr[0].doc_id, mr[0].start, mr[0].end)),
        roles=tuple(sorted({r for m in members for r in m.roles}, key=lambda r: tuple(x or "" for x in r))),
        affiliations=tuple(sorted({a for m in members for a in m.affiliations})),
        merges=tuple(sorted({*(x for m in members for x in m.merges), *reasons})),
        locals=[local for m in members for local in m.locals],
        same_as=tuple(sorted({i for m in members for i in m.same_as})),
    )
    keys = set(found.keys)
    surname = found.surname
    for member in members:
        member_keys, member_surname = actor_keys(member)
        keys.update(member_keys)
        surname = surname or member_surname
    names = tuple(sorted(set(found.names).union(*(_names(m) for m in members))))
    entry = KnownActor(found.id, label, dict(counts), found.first_doc, keys, surname, names)
    return MatchedActor(actor, entry, found,
                        old_label=found.label if found.label != label else None,
                        old_type=found.type if found.type != type_ else None)
