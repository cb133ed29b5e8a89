"""Merge the actors of many articles into one actor per real-world entity.

A cross-article merge needs compatible types and name evidence, and says which in the graph
(``skg:mergedBecause``):

* people: the same full name (given name with nicknames folded, surname and suffix), and every
  name of the one compatible with every name of the other (:func:`kg.extract.names.
  persons_compatible`: "George H. W. Bush" never joins "George W. Bush"); a surname alone joins
  the one person of the input who bears it (the one without a suffix when a suffixed namesake
  exists: "Trump" is not "Trump Jr."), or an earlier actor known by that surname alone;
* organisations: the same name without national prefix, or a name the shipped table of
  well-known organisations or an in-text definition ties to it ("ICE" and "Immigration and
  Customs Enforcement") — never bare initials;
* places and named groups: the same name. Unnamed actors ("a judge") never merge across
  articles.

:mod:`kg.graph.registry` matches against a store's earlier runs with the same keys and checks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .actors import DESCRIPTION, GOVERNMENT, NAME, ORGANIZATION, PERSON, Mention, clean_name
from .names import org_key, person_name, persons_compatible, well_known
from .resolve import Actor, LocalActor, assign_ids, strip_article

PERSON_KEY, SURNAME_KEY, ORG_KEY = "person", "person-surname", "org"


def person_names(local: LocalActor) -> list[str]:
    """A person actor's names (cleaned), without those that are not person names."""
    return [n for n in local.names() if person_name(n) is not None]


def all_compatible(names: Iterable[str], others: Iterable[str]) -> bool:
    """Whether every name of one person is compatible with every name of another. Two single
    names ("Donald", "Trump") say nothing against each other: each is checked against the other
    side's full names only."""
    others = [(n, person_name(n)) for n in others]
    for a in names:
        single = person_name(a).single  # type: ignore[union-attr]
        if not all(persons_compatible(a, b) for b, parsed in others if not (single and parsed.single)):
            return False
    return True


def org_keys(local: LocalActor) -> list[tuple[str, str]]:
    """The keys that identify an organisation across articles: its fullest name without national
    prefix, the full name of a well-known organisation that one of its names or acronyms means,
    and the acronyms its article spells out. Shortened names ("the Post", "House") are not keys:
    they are shorthand within one article."""
    keys = {(ORG_KEY, org_key(local.label()))}
    for name in local.names():
        known = well_known(name)
        if known is not None:
            keys.add((ORG_KEY, known.key))
    for mention in local.mentions:
        if mention.acronym_definition:
            keys.add((ORG_KEY, org_key(mention.acronym_definition)))
    return sorted(k for k in keys if k[1])


def alias_keys(local: LocalActor) -> list[tuple[str, str]]:
    """The keys of every name of an organisation (to find it by a shortened name that only it has)."""
    return sorted({(ORG_KEY, k) for k in map(org_key, local.names()) if k})


def local_keys(local: LocalActor) -> tuple[list[tuple[str, str]], str | None]:
    """The merge keys of a named local actor, and a person's surname when it has a full name
    (a person known by one word only has the key ``(SURNAME_KEY, word)``)."""
    if local.type == PERSON:
        names = [p for p in (person_name(n) for n in local.names()) if p is not None]
        full = [p for p in names if not p.single]
        if full:
            return sorted({(PERSON_KEY, p.key) for p in full}), full[0].surname
        return sorted({(SURNAME_KEY, p.surname + (f" {p.suffix}" if p.suffix else "")) for p in names}), None
    if local.type in {ORGANIZATION, GOVERNMENT}:
        return org_keys(local), None
    return [(local.type, local.key)], None


@dataclass
class _Group:
    type: str
    named: bool
    locals: list[tuple[str, LocalActor, str]] = field(default_factory=list)  # (doc id, actor, reason)
    names: set[str] = field(default_factory=set)  # person names, for compatibility checks
    suffixed: bool = False

    def add(self, doc_id: str, local: LocalActor, reason: str) -> None:
        self.locals.append((doc_id, local, reason))
        if local.type == PERSON:
            self.names.update(person_names(local))
            self.suffixed = self.suffixed or any((p := person_name(n)) is not None and p.suffix for n in self.names)


class _Merger:
    """Cross-article merging state: groups of local actors and the keys that find them."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.by_key: dict[tuple[str, str], list[_Group]] = defaultdict(list)
        self.surname_bearers: dict[str, list[_Group]] = defaultdict(list)
        self.by_alias: dict[tuple[str, str], list[_Group]] = defaultdict(list)

    def new(self, doc_id: str, local: LocalActor) -> _Group:
        group = _Group(local.type, local.named)
        group.add(doc_id, local, "")
        self.groups.append(group)
        return group

    def person(self, doc_id: str, local: LocalActor, keys: list[tuple[str, str]], surname: str) -> None:
        names = person_names(local)
        for key in keys:
            group = next((g for g in self.by_key[key] if all_compatible(names, g.names)), None)
            if group is not None:
                group.add(doc_id, local, f"same full name ({key[1]})")
                break
        else:
            group = self.new(doc_id, local)
            self.surname_bearers[surname].append(group)
        for key in keys:
            if group not in self.by_key[key]:
                self.by_key[key].append(group)

    def single_name(self, doc_id: str, local: LocalActor, key: tuple[str, str]) -> None:
        names = person_names(local)
        surname, _, suffix = key[1].partition(" ")
        bearers = [g for g in self.surname_bearers.get(surname, []) if all_compatible(names, g.names)]
        if len(bearers) > 1 and not suffix:
            bearers = [g for g in bearers if not g.suffixed] or bearers
        if len(bearers) == 1:
            bearers[0].add(doc_id, local, f"surname '{surname}' borne by one person in the input")
            return
        earlier = self.by_key.get(key)
        if earlier and not bearers:
            earlier[0].add(doc_id, local, "same single name")
            return
        group = self.new(doc_id, local)
        if not bearers:
            self.by_key[key].append(group)

    def body(self, doc_id: str, local: LocalActor, keys: list[tuple[str, str]]) -> None:
        def fits(group: _Group) -> bool:
            return group.type == local.type or {group.type, local.type} <= {ORGANIZATION, GOVERNMENT}
        group = next((g for k in keys for g in self.by_key.get(k, []) if fits(g)), None)
        reason = "same name or well-known acronym"
        if group is None and local.type in {ORGANIZATION, GOVERNMENT}:
            # "Homeland Security" alone: the one organisation of the input with that name among its names
            found = {id(g): g for k in keys for g in self.by_alias.get(k, []) if fits(g)}
            group = next(iter(found.values())) if len(found) == 1 else None
            reason = "shortened name of one organisation in the input"
        if group is not None:
            group.add(doc_id, local, reason)
        else:
            group = self.new(doc_id, local)
        for key in keys:
            if group not in self.by_key[key]:
                self.by_key[key].append(group)
        if local.type in {ORGANIZATION, GOVERNMENT}:
            for key in alias_keys(local):
                if group not in self.by_alias[key]:
                    self.by_alias[key].append(group)


def merge_documents(per_document: Iterable[tuple[str, list[LocalActor]]]) -> list[Actor]:
    """Merge the actors of many articles into one actor per real-world entity.

    Returns actors in a stable order with unique, readable ids.
    """
    merger = _Merger()
    pending_single: list[tuple[str, LocalActor, tuple[str, str]]] = []
    for doc_id, actors in per_document:
        for local in actors:
            if not local.named:
                merger.new(doc_id, local)
                continue
            keys, surname = local_keys(local)
            if local.type == PERSON and surname is not None:
                merger.person(doc_id, local, keys, surname)
            elif local.type == PERSON and keys:
                pending_single.append((doc_id, local, keys[0]))
            elif local.type == PERSON:
                merger.new(doc_id, local)
            else:
                merger.body(doc_id, local, keys)
    for doc_id, local, key in pending_single:
        merger.single_name(doc_id, local, key)
    result = [_actor(group) for group in merger.groups]
    assign_ids(result)
    result.sort(key=lambda a: a.id)
    return result


def _actor(group: _Group) -> Actor:
    locals_ = group.locals
    mentions: list[tuple[Mention, str]] = []
    for _, local, _ in locals_:
        mentions.extend((m, local.reasons.get(id(m), "name")) for m in local.mentions)
    label = max((local.label() for _, local, _ in locals_), key=lambda text: (len(text), text))
    type_ = Counter(local.type for _, local, _ in locals_).most_common(1)[0][0]
    alias_kinds = {NAME} if group.named else {DESCRIPTION}
    aliases = sorted({_alias(m) for m, _ in mentions if m.kind in alias_kinds} - {""})
    roles = sorted({r for _, local, _ in locals_ for r in local.roles}, key=lambda r: tuple(x or "" for x in r))
    affiliations = sorted({a for _, local, _ in locals_ for a in local.affiliations})
    merges = tuple(sorted({f"{doc_id}: {reason}" for doc_id, _, reason in locals_[1:] if reason}))
    return Actor(id="", label=label, type=type_, named=group.named, aliases=tuple(aliases),
                 mentions=sorted(mentions, key=lambda mr: (mr[0].doc_id, mr[0].start, mr[0].end)),
                 roles=tuple(roles), affiliations=tuple(affiliations), merges=merges,
                 locals=[local for _, local, _ in locals_], first_doc=locals_[0][0])


def _alias(mention: Mention) -> str:
    text = clean_name(mention.text)
    return strip_article(text) if mention.kind == DESCRIPTION else text
