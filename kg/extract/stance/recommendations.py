"""What a speaker's words make of another's acts: a wish for them ("Governor Kim should resign,"
said Reed; the journalists must be released; "Congress should pass the Dream Act") or an
allegation ("Kim said Reed had lied to voters").

What an actor is told it should or must do is not its own stance (the doer's candidates are marked
:data:`~.records.RECOMMENDED` and dropped); the speaker who says so holds the stance the act would
express: against one who should resign or be fired, for one who should be released, for what the
act favours and against what it opposes (by the predicate and effects lexicons). Who says another
did a misdeed is against them."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .acts import verb_effect, verb_slots
from .base import candidate
from .grammar import acting_subject, obliged, passive_agent, passive_subject, recommended
from .records import ACTOR, AGAINST, ASSERTED, FAVOR, RECOMMENDED, Candidate
from .targets import Context, speaks_for


def recommended_act(ctx: Context, verb: Token) -> list[Candidate]:
    """The speaker of a claim for (or against) what an act it recommends to another would do."""
    if not recommended(verb):
        return []
    claim = ctx.claim_around(verb.idx)
    if claim is None:
        return []
    passive = passive_subject(verb)
    bearer = obliged(verb)
    if passive is None and bearer is not None and bearer.i != verb.i and any(c.dep_ == "auxpass" for c in verb.children):
        passive = next((c for c in bearer.children if c.dep_ == "nsubj"), None)  # "the rules need to be scrapped"
    done_to = passive if passive is not None else next((c for c in verb.children if c.dep_ == "dobj"), None)
    row = next((p for p in verb_slots(verb) if p.slot == "obj" and p.polarity in {FAVOR, AGAINST}), None)
    if row is not None and done_to is not None:  # "Congress should repeal the law": against the law
        found = candidate(ctx, "recommended_act", claim.speaker, done_to, row.polarity, verb, row.cls)
    elif verb.lemma_.lower() in _PERSISTING and passive is None:
        found = _kept_in_force(ctx, claim.speaker, verb)
    else:
        found = _by_effect(ctx, claim.speaker, verb, done_to, passive)
    return [replace(c, modality=ASSERTED) for c in found if c.modality == RECOMMENDED]


#: Verbs by which a rule or policy is said to stay in force: "the debt brake must stay in place".
_PERSISTING = frozenset({"remain", "stay"})


def _kept_in_force(ctx: Context, speaker, verb: Token) -> list[Candidate]:
    """For a policy, rule or thing that should stay as it is ("the sanctions should remain", "the
    debt brake must stay in place"); not a state it should stay in ("should remain confidential")
    nor a person, for whom staying may be good or bad ("should remain in custody")."""
    subject = next((c for c in (obliged(verb) or verb).children if c.dep_ == "nsubj"), None)
    if subject is None or ctx.actor(subject) is not None or any(
            c.dep_ in {"acomp", "attr", "oprd", "xcomp"} for c in verb.children):
        return []
    return candidate(ctx, "recommended_act", speaker, subject, FAVOR, verb, "demand", carry=False)


def _by_effect(ctx: Context, speaker, verb: Token, done_to: Token | None, passive: Token | None) -> list[Candidate]:
    """An act good or bad for whom it is done to or who does it: "should resign" is against the
    subject, "must be released" for the one released."""
    effect = verb_effect(verb)
    if effect is None:
        return []
    slot, sign = effect
    bearer = obliged(verb) or verb
    subject = next((c for c in bearer.children if c.dep_ == "nsubj"), None)
    affected = subject if slot == "subj" and passive is None else done_to if slot == "obj" else None
    if affected is None:
        return []
    if ctx.actor(affected) is None:  # "the subsidy should be kept": a thing the act is good or bad for
        target = ctx.target(affected, speaker)
        if target is None or target.kind == ACTOR or slot != "obj":
            return []
    return candidate(ctx, "recommended_act", speaker, affected, FAVOR if sign == "+" else AGAINST, verb, "demand",
                     carry=False)


def alleged_misdeed(ctx: Context, verb: Token) -> list[Candidate]:
    """Kim said Reed had lied to voters; "they cheated": whoever says another did a misdeed (the
    lexicon's ``doer`` rows) is against the one said to have done it."""
    if not any(p.slot == "doer" for p in verb_slots(verb)):
        return []
    claim = ctx.claim_around(verb.idx)
    if claim is None:
        return []
    doer = passive_agent(verb) if passive_subject(verb) is not None else acting_subject(verb)[0]
    actor = ctx.actor(doer)
    if actor is None or speaks_for(claim.speaker, actor):
        return []  # "I lied", "we were misled": no side against oneself
    return candidate(ctx, "alleged_misdeed", claim.speaker, doer, AGAINST, verb, "misdeed", carry=False)
