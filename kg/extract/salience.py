"""A step of :mod:`kg.extract.coreference`: a role description that goes on about the person just named.

"Ava DuVernay is more passionate about ... The director makes this clear in her new documentary";
"The move against Pagliano took place despite warnings from his attorney that the computer
specialist would assert his Fifth Amendment rights". A singular definite description of a person
by a role ("the director", "the computer specialist"; not "the woman", which says no more than
that), that no earlier role holder or description with its noun explains, is the one named person mentioned before it in its own sentence or the
one before, when

* it is the subject of its clause (the topic goes on), says only what the person does ("the
  director", "the computer specialist": no name, no owner, no "of" phrase, nothing that sets it
  apart such as "the other doctor"),
* exactly one person is named in that window, of a gender it fits (a body whose name reads as a
  person's counts as one: the tagger may have taken "Tomas Reyes" for an organisation), and
* that person is not the subject of a verb the description depends on ("Trump said the judge was
  biased": the judge is someone Trump talks about), nor another argument of its own verb, nor
  named in what the description says or in a quotation before it ('"I trust Chief Roe," the
  mayor said').

Registered just before ``same description``, so that a later "the director" joins the same person.
"""

from __future__ import annotations

from .actor_lexicon import GENERIC_PERSON_NOUNS, role_sense
from .actors import DESCRIPTION, NAME, PERSON, Mention
from .clusters import LocalActor
from .coreference import Context, _CONTRASTING, _is_official, _same_gender, step
from .names import person_like

#: A person description is read as a named person's only this many sentences after the name.
_WINDOW = 1


@step("salient person", before="same description")
def salient_people(context: Context) -> None:
    for i, m in context.open_descriptions():
        if _bare_role(m) and (target := _salient_person(context, m)) is not None:
            context.clusters.attach(i, m, target, "salient person")


def _bare_role(m: Mention) -> bool:
    """"the director", "the computer specialist": a definite singular person description, the
    subject of its clause, with nothing but lower-case describing words."""
    if m.type != PERSON or m.number != "singular" or not m.is_subject or m.heading:
        return False
    if m.tokens[0].lower() != "the" or m.role_of or _is_official(m) or m.head_lemma in GENERIC_PERSON_NOUNS:
        return False
    words = [w for w in m.tokens[1:] if any(c.isalnum() for c in w)]
    return bool(words) and all(w.islower() and w.replace("-", "").isalpha() and w not in _CONTRASTING
                               for w in words)


def _salient_person(context: Context, m: Mention) -> LocalActor | None:
    sense = role_sense(m.head_lemma)
    if any(x.kind == DESCRIPTION and x.start < m.start and role_sense(x.head_lemma) == sense
           for x in context.mentions):
        return None  # "a witness" ... "the witness": the one described before
    found: dict[int, tuple[LocalActor, list[Mention]]] = {}
    for actor in context.clusters.actors:
        if not actor.named or (actor.type != PERSON and not any(person_like(n) for n in actor.names())):
            continue
        near = [x for x in actor.mentions if x.kind == NAME and x.start < m.start
                and 0 <= m.sentence - x.sentence <= _WINDOW]
        if near:
            found[id(actor)] = (actor, near)
    if len(found) != 1:
        return None
    actor, near = next(iter(found.values()))
    if actor.type != PERSON or not _same_gender(m, actor):
        return None
    if any(_governs(context, x, m) for x in near if x.sentence == m.sentence):
        return None
    if any(q in context.text[x.end:m.start] for x in near for q in _CLOSING_QUOTES):
        return None  # '"I have full confidence in Chief John Roe," the mayor said': the speaker is another
    return actor


_CLOSING_QUOTES = ("\u201d", '"')


def _governs(context: Context, x: Mention, m: Mention) -> bool:
    """Whether ``x`` is the subject of a verb ``m`` depends on, or an argument of ``m``'s verb,
    or ``m`` the subject of a verb ``x`` depends on ("the mayor said he trusts Roe")."""
    doc = context.doc
    head, own = doc[x.root].head, doc[m.root]
    return (x.is_subject and own in head.subtree) or head == own.head \
        or (m.is_subject and doc[x.root] in own.head.subtree)
