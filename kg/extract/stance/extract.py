"""All stances of one parsed article: every construction's candidates, judged and deduplicated."""

from __future__ import annotations

from typing import Collection, Mapping, Sequence

from spacy.tokens import Doc

from ..actors import WORK, Mention
from ..claims import Claim
from ..resolve import LocalActor
from .constructions import CLAIM_CONSTRUCTIONS, DERIVED_CONSTRUCTIONS, TOKEN_CONSTRUCTIONS
from .records import Candidate, PolarityScorer, Stance
from .scoring import dedupe, to_stance, worth_running
from .targets import Context


def candidates(ctx: Context, polarity: PolarityScorer | None = None,
               only: Collection[str] | None = None) -> list[Candidate]:
    """The candidates of the constructions named in ``only`` (default: every construction whose
    calibrated precision can reach the scorer's threshold), in text order of their cues, then
    claims (but those a document speaks), then those derived from the others."""
    def runs(construction) -> bool:
        return construction.name in only if only is not None else worth_running(construction.name)

    by_pos: dict[str, list] = {}
    for construction in filter(runs, TOKEN_CONSTRUCTIONS):
        for pos in construction.pos:
            by_pos.setdefault(pos, []).append(construction.find)
    found: list[Candidate] = []
    for token in ctx.tokens:
        for find in by_pos.get(token.pos_, ()):
            found += find(ctx, token)
    claim_constructions = list(filter(runs, CLAIM_CONSTRUCTIONS))
    for claim in ctx.claims:
        if claim.speaker.type == WORK:
            continue  # a document's claims hold no stance of it (extract_stances drops them): not judged
        for construction in claim_constructions:
            found += construction.find(ctx, claim, polarity)
    for construction in filter(runs, DERIVED_CONSTRUCTIONS):
        found += [derived for c in found if (derived := construction.find(c)) is not None]
    return found


def extract_stances(doc: Doc, doc_id: str, mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor],
                    claims: Sequence[Claim], polarity: PolarityScorer | None = None) -> list[Stance]:
    """All stances in one parsed article, in text order."""
    ctx = Context(doc, doc_id, mentions, actor_of, claims)
    # a document holds no stance: the one that speaks through it does (actor resolution names it)
    found = [c for c in candidates(ctx, polarity) if c.holder.type != WORK]
    stances = [s for c in found if (s := to_stance(doc_id, c)) is not None]
    return dedupe(stances)
