"""A step of :mod:`kg.extract.coreference`, after pronouns: a possessive description said again.

"The move took place despite warnings from his attorney ..." and, later, "An attorney for
Pagliano, Mark MacDougall, ..." ... "They noted his attorney offered ...": the later "his
attorney" is MacDougall, and so is the first, which no name explained when it was read. A
person described only by a possessive description ("his father", "her lawyer", "Pagliano's
attorney"), unnamed, is the one named person described later or earlier by the same words whose
owner is the same actor ("his" of the same man), when exactly one named person is (rule ``same
possessive description``). It runs after pronouns, because "his" is known only then.

A person's party ("her party", "his own party") is the one named body the person is affiliated
with in the article, when there is exactly one and it is a party: its name ends in "party", or
the person holds a role of it ("Labour's Shadow Home Secretary Yvette Cooper said her party has
supported the idea": Labour; not a committee the person chairs; rule ``own body``). Other bodies
a person owns ("his campaign", "his panel") are left alone: a person has many.

A person's office or spokesperson that speaks or acts ("His office said the bill would fail",
"her spokesman declined to comment") is the person, as "the mayor's office" is the mayor (rule
``own office``; issue 16: officials speak as what they serve). Only "his office", with no other
word, and only when some mention of it is a subject: "in his office" is a room.
"""

from __future__ import annotations

from .actor_lexicon import ORG_KIND_WORDS, PERSONAL_VOICE_NOUNS
from .actors import DESCRIPTION, GOVERNMENT, ORGANIZATION, PERSON, PRONOUN, Mention
from .clusters import LocalActor
from .coreference import Context, step
from .names import fold, org_key


@step("same possessive description")
def same_possessive_descriptions(context: Context) -> None:
    clusters = context.clusters
    for actor in [a for a in clusters.actors if not a.named and a.type == PERSON]:
        described = [m for m in actor.mentions if m.kind == DESCRIPTION]
        if not described or any(m.kind not in {DESCRIPTION, PRONOUN} for m in actor.mentions):
            continue
        keys = {k for m in described if (k := _possessed(context, m)) is not None}
        if len(keys) != 1:
            continue
        key = next(iter(keys))
        targets = {id(a): a for a in clusters.actors if a.named and a.type == PERSON and id(a) != key[1]
                   and any(x.kind == DESCRIPTION and _possessed(context, x) == key for x in a.mentions)}
        if len(targets) == 1:
            _move(context, actor, next(iter(targets.values())))


@step("own body")
def own_bodies(context: Context) -> None:
    clusters = context.clusters
    for actor in [a for a in clusters.actors if not a.named and a.type in {ORGANIZATION, GOVERNMENT}]:
        described = [m for m in actor.mentions if m.kind == DESCRIPTION]
        if len(described) != 1 or any(m.kind not in {DESCRIPTION, PRONOUN} for m in actor.mentions):
            continue
        m = described[0]
        if m.head_lemma != "party":
            continue  # "his panel", "his campaign": a person has many; one party
        owner = next((c for c in context.doc[m.root].children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        person = context.actor_at(owner.i) if owner is not None else None
        if person is None or person.type != PERSON:
            continue
        held = {org_key(r[2]) for r in person.roles if r[2]}
        names = {org_key(n) for n in person.affiliations} | held
        bodies = [a for a in clusters.actors if a.named and a.type in {ORGANIZATION, GOVERNMENT}
                  and any(org_key(n) in names for n in a.names())]
        if len(bodies) == 1 and _of_its_kind(m.head_lemma, bodies[0], held):
            _move(context, actor, bodies[0], "own body")


@step("own office")
def own_offices(context: Context) -> None:
    clusters = context.clusters
    for actor in [a for a in clusters.actors if not a.named]:
        described = [m for m in actor.mentions if m.kind == DESCRIPTION]
        if not described or any(m.kind not in {DESCRIPTION, PRONOUN} for m in actor.mentions) \
                or not any(m.is_subject for m in described):
            continue
        owners = {id(p): p for m in described if (p := _voice_of(context, m)) is not None}
        if len(owners) == 1 and all(_voice_of(context, m) is not None for m in described):
            _move(context, actor, next(iter(owners.values())), "own office")


def _voice_of(context: Context, m: Mention) -> LocalActor | None:
    """The person whose office or spokesperson "his office" or "her spokesman" is, else None."""
    if m.head_lemma not in PERSONAL_VOICE_NOUNS or len(m.tokens) != 2:
        return None
    owner = next((c for c in context.doc[m.root].children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    person = context.actor_at(owner.i) if owner is not None else None
    return person if person is not None and person.type == PERSON else None


def _of_its_kind(noun: str, body: LocalActor, held: set[str]) -> bool:
    """Whether the body is a party: its name ends in "party" ("the Democratic Party"), or it has no
    word of another kind and the person holds a role of it ("Labour's Shadow Home Secretary ...
    her party": Labour; not "his party" for a committee he chairs)."""
    kinds = [w for n in body.names() if (w := fold(n).split()[-1]) in ORG_KIND_WORDS]
    if kinds:
        return noun in kinds
    return any(org_key(n) in held for n in body.names())


def _possessed(context: Context, m: Mention) -> tuple[str, int] | None:
    """("attorney", id of the owner's actor) for "his attorney" or "Pagliano's attorney", else None."""
    doc = context.doc
    head = doc[m.root]
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        return None  # (a title's possessive lies before it: "His father Mohamed ...")
    words = " ".join(t.lower_ for t in doc[owner.i + 1:head.i + 1] if not t.is_punct)
    actor = context.actor_at(owner.i)
    return (words, id(actor)) if actor is not None else None


def _move(context: Context, actor: LocalActor, target: LocalActor, reason: str = "same possessive description") -> None:
    clusters = context.clusters
    indices = [i for i, a in clusters.of.items() if a is actor]
    clusters.drop(actor)
    for i in indices:
        m = context.mentions[i]
        clusters.attach(i, m, target, reason if m.kind == DESCRIPTION else actor.reasons.get(id(m), "pronoun"))
