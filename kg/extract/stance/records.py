"""The records of the stance stage: what a stance is about, a stance, and a candidate before scoring."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Span, Token

from ..claims import Claim
from ..resolve import LocalActor

FAVOR, AGAINST = "favor", "against"
ACTOR, ACT, TOPIC = "actor", "act", "topic"

# How the stance is held, as far as the text says: asserted acts and words count; a question, a
# hypothesis or a denial is no stance; another actor's act that a speaker reports is that actor's
# (as reported), never the speaker's.
ASSERTED, INTENDED, POSSIBLE = "asserted", "intended", "possible"
QUESTION, HYPOTHETICAL, DENIED, REPORTED = "question", "hypothetical", "denied", "reported"
#: An act someone says another should do ("Congress should pass the bill"): the speaker's wish,
#: not the doer's stance.
RECOMMENDED = "recommended"
NO_STANCE = frozenset({QUESTION, HYPOTHETICAL, DENIED, RECOMMENDED})

#: (text, start, end, parsed span of text or None) -> (label, probability of the label)
PolarityScorer = Callable[[str, int, int, "Span | None"], tuple[str, float]]


def opposite(polarity: str) -> str:
    return AGAINST if polarity == FAVOR else FAVOR


@dataclass
class Target:
    """What a stance is about: an actor, an act or decision (owned by an actor), or a topic."""

    kind: str
    label: str
    start: int
    end: int
    actor: LocalActor | None = None  # the actor itself, or the owner of the act / party of the topic
    key: str = ""
    #: a topic named only by a generic act noun ("its contract", "the plan"): one per article, since
    #: "the contract" of one article is not "the contract" of another
    local: bool = False


@dataclass
class Stance:
    doc_id: str
    holder: LocalActor
    polarity: str
    target: Target
    start: int
    end: int
    evidence: str
    confidence: float
    rule: str  # the construction that found it (kg.extract.stance.constructions)
    cue: str
    claim: Claim | None = None
    predicate_class: str = ""  # the lexicon class of its predicate (for calibration and auditing)


@dataclass
class Candidate:
    """A (holder, target) pair found by one construction, with what the scorer needs to judge it.

    ``polarity`` is the construction's reading (from the predicate lexicon, the evaluative words or
    the polarity model), before negation and modality; ``strength`` scales the construction's
    calibrated precision (a model's probability, an intent verb's doubt).
    """

    construction: str
    holder: LocalActor
    target: Target
    polarity: str
    cue: Token
    predicate_class: str = ""
    negated: bool = False
    modality: str = ASSERTED
    strength: float = 1.0
    claim: Claim | None = None
    evidence: tuple[int, int, str] | None = None
    via: list[str] = field(default_factory=list)  # acts the stance was carried through ("repeal")
