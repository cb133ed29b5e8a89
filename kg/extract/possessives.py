"""A step of :mod:`kg.extract.coreference`, after pronouns: a possessive description said again.

"The move took place despite warnings from his attorney ..." and, later, "An attorney for
Pagliano, Mark MacDougall, ..." ... "They noted his attorney offered ...": the later "his
attorney" is MacDougall, and so is the first, which no name explained when it was read. A
person described only by a possessive description ("his father", "her lawyer", "Pagliano's
attorney"), unnamed, is the one named person described later or earlier by the same words whose
owner is the same actor ("his" of the same man), when exactly one named person is (rule ``same
possessive description``). It runs after pronouns, because "his" is known only then.
"""

from __future__ import annotations

from .actors import DESCRIPTION, PERSON, PRONOUN, Mention
from .clusters import LocalActor
from .coreference import Context, step


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


def _move(context: Context, actor: LocalActor, target: LocalActor) -> None:
    clusters = context.clusters
    indices = [i for i, a in clusters.of.items() if a is actor]
    clusters.drop(actor)
    for i in indices:
        m = context.mentions[i]
        clusters.attach(i, m, target, "same possessive description" if m.kind == DESCRIPTION
                        else actor.reasons.get(id(m), "pronoun"))
