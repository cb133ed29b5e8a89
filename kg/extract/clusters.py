"""The actors of one article while resolution builds them (:class:`Clusters` of
:class:`LocalActor`), and the merged, cross-article :class:`Actor` records.

Shared by :mod:`kg.extract.resolve` (names) and :mod:`kg.extract.coreference` (descriptions and
pronouns), which both add mentions to the clusters; neither imports the other's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actor_lexicon import PLACE_ALIASES, PLACE_PREFIXES
from .actors import DESCRIPTION, NAME, PERSON, Mention, clean_name
from .names import fold, name_tokens


@dataclass
class LocalActor:
    """The mentions of one actor in one article, before cross-article merging."""

    key: str
    type: str
    named: bool
    mentions: list[Mention] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # mention index -> rule
    roles: set[tuple[str, str | None, str | None]] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    gender: str | None = None
    agentive: bool = False
    party: bool = False  # some mention is a party to its clause (acts, is acted on), not a setting
    name_cache: dict[str, None] = field(default_factory=dict)  # distinct cleaned names, in order
    label_cache: tuple[int, str] | None = None

    def names(self) -> list[str]:
        """The distinct names this actor is mentioned by (cleaned), in order of first use."""
        return list(self.name_cache)

    def label(self) -> str:
        """The most complete name (memoised while the mentions do not change)."""
        cached = self.label_cache
        if cached is None or cached[0] != len(self.mentions):
            cached = self.label_cache = (len(self.mentions), best_label(self))
        return cached[1]


@dataclass
class Actor:
    """One real-world actor across the whole input."""

    id: str
    label: str
    type: str
    named: bool
    aliases: tuple[str, ...]
    mentions: list[tuple[Mention, str]]  # (mention, rule that linked it)
    roles: tuple[tuple[str, str | None, str | None], ...] = ()
    affiliations: tuple[str, ...] = ()
    merges: tuple[str, ...] = ()  # cross-article merge reasons
    locals: list[LocalActor] = field(default_factory=list)
    first_doc: str = ""
    same_as: tuple[str, ...] = ()  # external IRIs (owl:sameAs), from a user's alias table


def best_label(actor: LocalActor) -> str:
    """The most complete name; for unnamed actors, the fullest description."""
    names = actor.names()
    if names:
        if actor.type == PERSON:
            return max(names, key=lambda n: (len(name_tokens(n)), len(n), n))
        return max(names, key=lambda n: (0 if n.isupper() and len(n) <= 6 else 1, len(n), n))
    descriptions = list(dict.fromkeys(clean_name(m.text) for m in actor.mentions if m.kind == DESCRIPTION))
    if descriptions:
        return strip_article(max(descriptions, key=lambda d: (len(d), d)))
    return actor.key


def strip_article(text: str) -> str:
    return re.sub(r"^(?:a|an|the|this|that|these|those)\s+", "", text, flags=re.IGNORECASE)


def place_key(name: str) -> str:
    """A place's name for comparison: "City of Philadelphia", "U.S." -> "philadelphia", "united states"."""
    key = fold(clean_name(name))
    for prefix in PLACE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
            break
    return PLACE_ALIASES.get(key, key)


class Clusters:
    """The actors of one article while they are being built."""

    def __init__(self) -> None:
        self.actors: list[LocalActor] = []
        self.of: dict[int, LocalActor] = {}

    def new(self, index: int, mention: Mention, key: str, named: bool, reason: str) -> LocalActor:
        actor = LocalActor(key=key, type=mention.type, named=named)
        self.actors.append(actor)
        self.attach(index, mention, actor, reason)
        return actor

    def attach(self, index: int, mention: Mention, actor: LocalActor, reason: str, describes: bool = True) -> None:
        """Add a mention to an actor; with ``describes`` False the mention's role and affiliations
        are someone else's (an unnamed official's), not the actor's."""
        actor.mentions.append(mention)
        if mention.kind == NAME:
            actor.name_cache.setdefault(clean_name(mention.text))
        actor.reasons[id(mention)] = reason
        self.of[index] = actor
        if mention.role and describes:
            actor.roles.add((mention.role, mention.role_qualifier, mention.role_of))
        if describes:
            actor.affiliations.update(mention.affiliations)
        if mention.gender and actor.type == PERSON:
            actor.gender = actor.gender or mention.gender

    def drop(self, actor: LocalActor) -> None:
        self.actors.remove(actor)
        for index in [i for i, a in self.of.items() if a is actor]:
            del self.of[index]
