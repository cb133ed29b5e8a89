"""A step of :mod:`kg.extract.coreference`, after pronouns: a private person described first and
named later by a given name alone.

Feature stories often keep a private person anonymous at first and use the given name only later:
"The Post profiled a female Trump supporter ... The woman disputes the idea ... "Melanie thought
the whole thing was outrageous," ... Melanie said." A name that comes with no surname and no
introduction (no title, no apposition, no role) expects the reader to know the person already:
it is the person described before. So an unnamed person described by a plain noun of sex ("the
woman", "a man", "the girl"), whose first mention comes before the name, is the one person
named only by a given name, never introduced, first named after that description as the subject of
its clause ("Melanie said"), and of the same sex (as the text says it, else as the given name
nearly always has it): rule ``described before named``. Only when exactly one such description and one such name fit:
"the man" beside "John" and "Peter" stays a description of its own, and so does "the woman" when
"Jane" is introduced ("her neighbour, Jane") or has a surname ("Jane Doe").

The shipped table of given names (``models/given_names.tsv``) tells a given name ("Melanie") from
a surname ("Obama"); what makes the merge is the unintroduced name, never the table.
"""

from __future__ import annotations

from .actor_lexicon import GENERIC_PERSON_NOUNS
from .actors import DESCRIPTION, NAME, PERSON
from .clusters import LocalActor
from .coreference import Context, step
from .names import given_names, person_name
from .possessives import _move


@step("described before named")
def described_before_named(context: Context) -> None:
    actors = context.clusters.actors
    described = [a for a in actors if _plain_described(a)]
    named = [a for a in actors if _bare_given_name(a)]
    pairs = [(d, n) for d in described for n in named if _first(d) < _first(n) and d.gender == _sex(n)]
    if len(pairs) != 1:
        return
    description, person = pairs[0]
    if sum(1 for d in described if d.gender == description.gender) == 1 \
            and sum(1 for n in named if _sex(n) in {description.gender, None}) == 1:
        _move(context, description, person, "described before named")


def _sex(actor: LocalActor) -> str | None:
    """A person's sex as the text says it (pronouns, titles), else as its given name nearly always
    has it (as :func:`kg.extract.coreference.person_gender` does for full names)."""
    return actor.gender or next((given_names().get(n.lower()) for n in actor.names()), None)


def _first(actor: LocalActor) -> int:
    return min(m.start for m in actor.mentions)


def _plain_described(actor: LocalActor) -> bool:
    """An unnamed person of known sex whose descriptions are singular, and the first a plain noun
    of sex ("the woman", "a man"; not "the woman's lawyer", which is another person)."""
    if actor.named or actor.type != PERSON or actor.gender is None:
        return False
    descriptions = [m for m in actor.mentions if m.kind == DESCRIPTION]
    if not descriptions or any(m.number != "singular" for m in descriptions):
        return False
    first = min(descriptions, key=lambda m: m.start)
    return first.head_lemma in GENERIC_PERSON_NOUNS and first.gender is not None and not first.heading


def _bare_given_name(actor: LocalActor) -> bool:
    """A person named only by one given name ("Melanie"), with no role, who acts when first named
    ("Melanie said"): nobody introduced them (not a nickname given in passing, "they called him
    Birdie")."""
    if not actor.named or actor.type != PERSON or actor.roles:
        return False
    first = min((m for m in actor.mentions if m.kind == NAME), key=lambda m: m.start)
    if not first.is_subject:
        return False
    names = actor.names()
    parts = [person_name(n) for n in names]
    return bool(names) and all(p is not None and p.single and p.surname in given_names() for p in parts)
