"""A speaker's wish for someone else's act: "Governor Kim should resign," said Reed; Reed said the
journalists must be released; "Congress should pass the Dream Act."

What an actor is told it should or must do is not its own stance (the doer's candidates are marked
:data:`~.records.RECOMMENDED` and dropped); the speaker who says so holds the stance the act would
express: against one who should resign or be fired, for one who should be released, for what the
act favours and against what it opposes (by the predicate and effects lexicons)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .acts import verb_slots
from .base import candidate
from .grammar import obliged, passive_subject, predicate_key, recommended
from .lexicon import effects
from .records import AGAINST, ASSERTED, FAVOR, RECOMMENDED, Candidate
from .targets import Context


def recommended_act(ctx: Context, verb: Token) -> list[Candidate]:
    """The speaker of a claim for (or against) what an act it recommends to another would do."""
    if not recommended(verb):
        return []
    claim = ctx.claim_around(verb.idx)
    if claim is None:
        return []
    passive = passive_subject(verb)
    done_to = passive if passive is not None else next((c for c in verb.children if c.dep_ == "dobj"), None)
    row = next((p for p in verb_slots(verb) if p.slot == "obj" and p.polarity in {FAVOR, AGAINST}), None)
    if row is not None and done_to is not None:  # "Congress should repeal the law": against the law
        found = candidate(ctx, "recommended_act", claim.speaker, done_to, row.polarity, verb, row.cls)
    else:
        found = _by_effect(ctx, claim.speaker, verb, done_to, passive)
    return [replace(c, modality=ASSERTED) for c in found if c.modality == RECOMMENDED]


def _by_effect(ctx: Context, speaker, verb: Token, done_to: Token | None, passive: Token | None) -> list[Candidate]:
    """An act good or bad for whom it is done to or who does it: "should resign" is against the
    subject, "must be released" for the one released."""
    effect = effects().get((predicate_key(verb), "VERB")) or effects().get((verb.lemma_.lower(), "VERB"))
    if effect is None:
        return []
    slot, sign = effect
    bearer = obliged(verb) or verb
    subject = next((c for c in bearer.children if c.dep_ == "nsubj"), None)
    affected = subject if slot == "subj" and passive is None else done_to if slot == "obj" else None
    if affected is None or ctx.actor(affected) is None:
        return []
    return candidate(ctx, "recommended_act", speaker, affected, FAVOR if sign == "+" else AGAINST, verb, "demand",
                     carry=False)
