"""A step of :mod:`kg.extract.coreference`, after pronouns: an actor a news lede describes before
it names it.

A lede often says who acted before saying their name: "A House panel voted Thursday to hold Bryan
Pagliano in contempt ... The House Oversight and Government Reform Committee voted 19-15";
"A federal judge on Friday blocked the rule. U.S. District Judge Ann Reyes wrote ...". An
indefinite description ("a House panel", "a federal judge") that is the subject of the main clause
of one of the article's first two sentences (its lede) and the first mention of its actor is the
actor named in the same or one of the next :data:`_WINDOW` sentences, and not before, that it
paraphrases: for a body, its capitalised and describing words are words of the name and its noun
names the name's kind (as "the oversight panel" does, :func:`kg.extract.coreference._paraphrased`);
for a person, a role of that person has the description's noun ("judge"). Only when exactly one
actor fits (rule ``lede description``); the actor's later mentions ("the panel", "it") come with it.
Not a description later in the article ("In May, a U.S. District Court judge sided with ...", when
the judge named next is the appeals judge who overturned it), nor one in a clause of the lede
("how a president should handle terrorism").
"""

from __future__ import annotations

from .actor_lexicon import role_sense
from .actors import DESCRIPTION, GOVERNMENT, NAME, ORGANIZATION, PERSON
from .clusters import LocalActor
from .coreference import Context, _paraphrased, step
from .possessives import _move

_WINDOW = 2
#: The lede: the article's first sentences (two: a headline written as a sentence, "House panel
#: votes to hold Clinton aide in contempt.", may be read as the first).
_LEDE_SENTENCES = 2


@step("lede description")
def lede_descriptions(context: Context) -> None:
    body = [m.sentence for m in context.mentions if not m.heading]
    if not body:
        return
    lede = min(body)
    for actor in [a for a in context.clusters.actors if not a.named]:
        first = min(actor.mentions, key=lambda x: x.start)
        token = context.doc[first.root]
        if first.kind != DESCRIPTION or first.tokens[0].lower() not in {"a", "an"} or first.number != "singular" \
                or first.sentence - lede >= _LEDE_SENTENCES or token.dep_ not in {"nsubj", "nsubjpass"} \
                or token.head.dep_ != "ROOT":
            continue  # only the lede's own subject: not "how a president should act", nor a later "a judge"
        named = [a for a in context.clusters.actors if a.named and a.type == actor.type and _named_after(a, first)]
        if first.type in {ORGANIZATION, GOVERNMENT}:
            target = _paraphrased(first, named)
        elif first.type == PERSON:
            sense = role_sense(first.head_lemma)
            fits = [a for a in named if any(role_sense((r[0] or "").rsplit(" ", 1)[-1]) == sense for r in a.roles)]
            target = fits[0] if len(fits) == 1 else None
        else:
            target = None
        if target is not None:
            _move(context, actor, target, "lede description")


def _named_after(actor: LocalActor, m) -> bool:
    """Named for the first time in the description's sentence or the next few, after it."""
    names = [x for x in actor.mentions if x.kind == NAME]
    return bool(names) and min(x.start for x in names) > m.start \
        and min(x.sentence for x in names) - m.sentence <= _WINDOW
