"""A step of :mod:`kg.extract.coreference`: a surname the tagger read as a common noun.

Surnames that are also plural nouns ("Waters", "Banks", "Brooks", "Fields") are often tagged as
nouns when they stand alone: "In her opening remarks, Waters pointed out that ..." gives a
description "Waters" (a group) beside the person "Kathryn Waters". A description of one word,
capitalised (not all capitals), with no determiner, that is exactly the surname of one named person
of the article and of no other actor's name, is that person (rule ``surname read as a noun``).
"""

from __future__ import annotations

from .actors import PERSON, Mention
from .clusters import LocalActor
from .coreference import Context, step
from .names import fold, person_name


@step("surname read as a noun", before="apposition")
def surnames_read_as_nouns(context: Context) -> None:
    for i, m in context.open_descriptions():
        if (target := _bearer(context, m)) is not None:
            context.clusters.attach(i, m, target, "surname read as a noun")


def _bearer(context: Context, m: Mention) -> LocalActor | None:
    words = [w for w in m.tokens if any(c.isalnum() for c in w)]
    if len(words) != 1 or m.heading:
        return None
    word = words[0]
    if not (word[0].isupper() and word[1:].islower() and word.isalpha()):
        return None
    key = fold(word)
    bearers = []
    for actor in context.clusters.actors:
        names = [person_name(n) for n in actor.names()]
        if any(p is not None and p.surname == key and not p.single for p in names):
            bearers.append(actor)
        elif any(fold(w) == key for n in actor.names() for w in n.split()):
            return None  # the word is some other actor's name too ("Waters" of "Waters Corporation")
    return bearers[0] if len(bearers) == 1 and bearers[0].type == PERSON else None
