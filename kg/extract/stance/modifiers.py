"""Constructions inside a noun phrase: a hyphenated modifier that states a stance.

"Iran-backed militias", "a Kremlin-funded channel": the one named before the participle is for
what the noun names. ("anti-war protesters", "pro-Beijing candidates" name a camp rather than
state a position: measured on stance_dev, annotators do not count them, so they are no stance.)
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..nlp import doc_text
from .base import candidate
from .records import ACTOR, FAVOR, Candidate
from .targets import Context

#: Participles whose hyphenated first part is a backer: "Saudi-backed", "state-funded".
BACKING_PARTICIPLES = frozenset({
    "backed", "funded", "financed", "sponsored", "supported", "endorsed", "bankrolled", "allied", "aligned",
    "armed", "subsidised", "subsidized"})


def _joined(doc: Doc, first: int) -> bool:
    """Whether ``doc[first]``, a hyphen and the next word are written as one word ("Iran-backed")."""
    return (first + 2 < len(doc) and doc[first + 1].text == "-" and not doc[first].whitespace_
            and not doc[first + 1].whitespace_)


def backed_by_modifier(ctx: Context, participle: Token) -> list[Candidate]:
    """Saudi-backed forces; a Kremlin-funded broadcaster: the backer is for what the noun names."""
    doc = participle.doc
    if participle.lower_ not in BACKING_PARTICIPLES or participle.i < 2 or not _joined(doc, participle.i - 2):
        return []
    noun = participle.head
    if participle.dep_ not in {"amod", "compound"} or noun.i <= participle.i or noun.pos_ not in {"NOUN", "PROPN"}:
        return []
    backer = doc[participle.i - 2]
    after = participle.idx + len(participle.text)
    return starting_at(after, candidate(ctx, "backed_by_modifier", backer, noun, FAVOR, participle, "support", carry=False))


def starting_at(char: int, found: list[Candidate]) -> list[Candidate]:
    """The candidates with a topic's words starting at ``char``: "projects", not "EU-funded projects"."""
    trimmed = []
    for c in found:
        target = c.target
        if target.kind != ACTOR and target.start < char < target.end:
            text = doc_text(c.cue.doc)[char:target.end].strip(" -")
            target = replace(target, label=text, start=target.end - len(text)) if text else target
        trimmed.append(replace(c, target=target))
    return trimmed
