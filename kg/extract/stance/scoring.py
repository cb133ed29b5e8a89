"""Judging candidates: favor, against or no stance, with a calibrated confidence.

A candidate's reading (from the predicate lexicon, the evaluative words or the polarity model)
is turned by how the act is held: a negated favor act is against ("would not renew the
contract"), a negated against act is no stance ("did not oppose"); questions, hypotheses,
denials are no stance; another actor's act that a speaker reports stays that actor's, less sure. The confidence is the
precision measured for the construction and predicate class on development data
(``models/stance_calibration.tsv``, written by ``benchmarks/stance_calibration.py``), scaled by
the candidate's strength and its modality; candidates below :data:`THRESHOLD` are dropped.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .grammar import evidence
from .records import AGAINST, FAVOR, INTENDED, NO_STANCE, POSSIBLE, REPORTED, Candidate, Stance

#: Modality factors: an intended act ("tried to block"), a possible one ("may sue") or one that a
#: speaker reports of another actor ("Jones said the union backed Baker") is less sure.
MODALITY_FACTOR = {INTENDED: 0.9, POSSIBLE: 0.7, REPORTED: 0.8}
NEGATED_FAVOR_FACTOR = 0.8
#: Precision assumed for a construction never measured (a new one, or no calibration file).
DEFAULT_PRECISION = 0.7
#: Candidates whose confidence is below this are not stances.
THRESHOLD = 0.3


@lru_cache(maxsize=1)
def calibration() -> dict[tuple[str, str], float]:
    """(construction, predicate class or '*') -> measured precision."""
    try:
        text = resources.files("kg.extract").joinpath("models/stance_calibration.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            construction, cls, precision = line.split("\t")[:3]
            table[(construction, cls)] = float(precision)
    return table


def precision(construction: str, cls: str) -> float:
    table = calibration()
    return table.get((construction, cls), table.get((construction, "*"), DEFAULT_PRECISION))


def worth_running(construction: str) -> bool:
    """Whether any class of a construction can reach the threshold (a construction measured as
    too imprecise is not run at all: the polarity model's calls cost time)."""
    table = calibration()
    rows = {cls: p for (name, cls), p in table.items() if name == construction}
    classes = [p for cls, p in rows.items() if cls != "*"]
    best = max(classes) if classes else rows.get("*")
    return best is None or best >= THRESHOLD


def can_reach(construction: str, cls: str, strength: float = 1.0) -> bool:
    """Whether an asserted, not negated candidate of this construction and class, as strong as
    ``strength`` at most, can be a stance (what :func:`judge` makes of it reaches the threshold):
    a construction may leave a costly reading undone when it cannot."""
    return round(min(1.0, max(0.0, precision(construction, cls) * strength)), 3) >= THRESHOLD


def judge(candidate: Candidate) -> tuple[str, float] | None:
    """The polarity and confidence of a candidate, or None when it is no stance."""
    if candidate.modality in NO_STANCE:
        return None
    polarity, factor = candidate.polarity, candidate.strength * MODALITY_FACTOR.get(candidate.modality, 1.0)
    if candidate.negated:
        if polarity == AGAINST:
            return None  # "did not oppose" is not a stance either way
        polarity, factor = AGAINST, factor * NEGATED_FAVOR_FACTOR  # "would not renew the contract"
    if polarity not in {FAVOR, AGAINST}:
        return None
    confidence = round(min(1.0, max(0.0, precision(candidate.construction, candidate.predicate_class) * factor)), 3)
    return (polarity, confidence) if confidence >= THRESHOLD else None


def to_stance(doc_id: str, candidate: Candidate) -> Stance | None:
    judged = judge(candidate)
    if judged is None:
        return None
    polarity, confidence = judged
    start, end, text = candidate.evidence or evidence(candidate.cue.doc, candidate.cue)
    claim = candidate.claim if candidate.modality != REPORTED else None  # the speaker's words, not the holder's
    return Stance(doc_id, candidate.holder, polarity, candidate.target, start, end, text, confidence,
                  candidate.construction, candidate.cue.text, claim, candidate.predicate_class)


def dedupe(stances: list[Stance]) -> list[Stance]:
    """One stance per holder, target and evidence: the most confident reading wins (so a
    polarity contradicted within one sentence keeps its better-supported side)."""
    best: dict[tuple[int, int, int], Stance] = {}
    for stance in stances:
        key = (id(stance.holder), stance.target.start, stance.start)
        if key not in best or stance.confidence > best[key].confidence:
            best[key] = stance
    return sorted(best.values(), key=lambda s: (s.start, s.target.start, s.polarity))
