"""A step of :mod:`kg.extract.coreference`, after pronouns: a family named by its plural.

"Thomas Sam and Manju Sam ... her parents ... both her parents ... the Sams continued ... The
parents are also accused": "her parents", "the parents", "the couple", "the family" are the family
the article names by its plural ("the Sams" for a person's surname "Sam"; "the Joneses"), when it
names one such family: one group of people, not a description of its own (rule ``family of its
name``). It runs after pronouns, because whose parents they are is known only then: "his parents"
of a person with another surname ("his parents" of Donald Trump beside "the Clintons") are not
that family. The family is a Group, however the tagger typed its name.
"""

from __future__ import annotations

from .actor_lexicon import FAMILY_NOUNS
from .actors import DESCRIPTION, GROUP, PERSON, PRONOUN, Mention
from .clusters import LocalActor
from .coreference import POSSESSIVE_DETERMINERS, Context, step
from .names import fold
from .possessives import _move

_DETERMINERS = {"the", "both", "these", "those"}


@step("family of its name")
def families(context: Context) -> None:
    family = _named_family(context)
    if family is None:
        return
    surnames = _surnames(family)
    for actor in [a for a in context.clusters.actors if not a.named and a is not family]:
        described = [m for m in actor.mentions if m.kind == DESCRIPTION]
        if described and all(m.kind in {DESCRIPTION, PRONOUN} for m in actor.mentions) \
                and all(_family_noun(m) and _owner_fits(context, m, surnames) for m in described):
            _move(context, actor, family, "family of its name")
            family.type = GROUP  # "the Sams", tagged as an organisation or a person, is a family


def _family_noun(m: Mention) -> bool:
    """"her parents", "both her parents", "the couple", "the family"; not "a parent", "other parents"."""
    return m.head_lemma in FAMILY_NOUNS and (m.head_lemma != "parent" or m.number == "plural") \
        and all(w.lower() in _DETERMINERS | POSSESSIVE_DETERMINERS for w in m.tokens[:-1])


def _owner_fits(context: Context, m: Mention, surnames: set[str]) -> bool:
    """Whether the description's possessive ("her" of "her parents") is not a person known by
    another surname (a child called by a given name only, or one of the family, fits)."""
    owner = next((c for c in context.doc[m.root].children if c.dep_ == "poss"), None)
    if owner is None:
        return True
    person = context.actor_at(owner.i)
    if person is None or person.type != PERSON:
        return person is None
    names = [fold(n).split() for n in person.names()]
    return all(len(n) < 2 or n[-1] in surnames for n in names)


def _surnames(family: LocalActor) -> set[str]:
    keys = {fold(n) for n in family.names()}
    return {k[:-1] for k in keys} | {k[:-2] for k in keys if k.endswith("es")}


def _named_family(context: Context) -> "LocalActor | None":
    """The one actor named "the <surname>s" for a person's surname in the article ("the Sams" for
    "Thomas Sam", "the Joneses" for "Ann Jones")."""
    surnames = {fold(n).split()[-1] for a in context.clusters.actors if a.type == PERSON and a.named
                for n in a.names() if len(fold(n).split()) >= 2}
    found = [a for a in context.clusters.actors if a.named and a.names() and all(
        (key := fold(n)).endswith("s") and " " not in key and (key[:-1] in surnames or (
            key.endswith("es") and key[:-2] in surnames)) for n in a.names())
        and any(_after_the(context.text, m) for m in a.mentions)]
    return found[0] if len(found) == 1 else None


def _after_the(text: str, m: Mention) -> bool:
    """Whether a mention reads "the ..." (the article inside it or just before it)."""
    return m.text.lower().startswith("the ") or text[max(0, m.start - 4):m.start].lower() == "the "
