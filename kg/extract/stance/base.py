"""What every construction does once it has found a holder, a target and a polarity: resolve
them to actors (each of coordinated holders and targets: "the UN and the US criticised ..."),
carry the stance through acts that are good or bad for someone, read how the act is held, and
hand the scorer a :class:`~.records.Candidate`."""

from __future__ import annotations

from spacy.tokens import Token

from ..actors import WORK
from ..lexicon import REPORT_NOUNS
from ..resolve import LocalActor
from .grammar import evidence, modality, negated, prepositional_object
from .records import ACT, ACTOR, NO_STANCE, REPORTED, Candidate, Target
from .targets import Context, speaks_for

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ"})
#: At most this many coordinated holders or targets are read ("Hispanics, women, the disabled ...").
MAX_CONJUNCTS = 8


def coordinated(token: Token | None) -> list[Token]:
    """``token`` and the tokens coordinated with it."""
    if token is None:
        return []
    doc = token.doc
    # a conjunct the parser finds across a bracket is no coordination ("Sanders (I-Vt.)")
    nominal = token.pos_ in _NOMINAL
    joined = [c for c in token.conjuncts if c.i > token.i and not any(t.text in "()" for t in doc[token.i:c.i])
              and (c.pos_ in _NOMINAL) == nominal]  # "champions X and commits to ...": a verb is no second target
    return [token, *joined][:MAX_CONJUNCTS]


def holders(ctx: Context, holder: Token | LocalActor | None) -> list[LocalActor]:
    """The actors holding a stance: an actor given, or each actor among a subject's conjuncts. A
    document never holds one (see :func:`~.extract.extract_stances`)."""
    if holder is None or isinstance(holder, LocalActor):
        return [holder] if holder is not None else []
    found: list[LocalActor] = []
    for token in coordinated(holder):
        if _not_all(token):
            continue
        for member in (token, *named_members(token), *_joiner(token)):
            actor = ctx.actor(member)
            if actor is None or actor.type == WORK:  # "a report by Amnesty accused ...": the author holds
                actor = ctx.author_of(member) or actor
            if actor is not None and actor not in found:
                found.append(actor)
    return found


def _not_all(token: Token) -> bool:
    """ "Not all campaigners back the freeze", "not every member": the group does not hold it, and
    which of its members do, the words do not say."""
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ in {"det", "predet", "amod"} and any(g.dep_ == "neg" for g in c.children) for c in token.children)


def _with_members(tokens: list[Token]) -> list[Token]:
    """Targets and the members they name: "attacked defectors, including Tom Devocht" is also
    against Tom Devocht."""
    found = list(tokens)
    for token in tokens:
        found += [m for m in named_members(token) if m not in found]
    return found


def _joiner(token: Token) -> list[Token]:
    """For "Kim joined Republicans in criticizing X", Kim beside the Republicans."""
    verb = token.head
    if token.dep_ != "dobj" or verb.lemma_.lower() != "join":
        return []
    return [c for c in verb.children if c.dep_ == "nsubj"]


def named_members(group: Token) -> list[Token]:
    """The members a group names for itself: "critics, including Councilwoman Jane Roe and the
    ACLU" (also "such as"); each holds what the group holds."""
    found: list[Token] = []
    for child in group.children:
        if child.dep_ != "prep" or not (child.lower_ == "including" or child.lower_ == "as" and any(
                c.lower_ == "such" for c in child.children)):
            continue
        found += coordinated(next((c for c in child.children if c.dep_ == "pobj"), None))
    return found


def candidate(ctx: Context, construction: str, holder: Token | LocalActor | None, target_token: Token | None,
              polarity: str, cue: Token, cls: str = "", strength: float = 1.0, check_negation: bool = True,
              carry: bool = True) -> list[Candidate]:
    """The candidates for each holder ``polarity`` toward each phrase coordinated at ``target_token``.

    Inside a claim, what the claim's words do is the speaker's (or the body's it speaks for); an
    act of another actor that the speaker reports is that actor's, marked as reported.
    """
    actors = holders(ctx, holder)
    if not actors or target_token is None:
        return []
    mode = modality(cue)
    is_negated = check_negation and negated(cue)
    claim = ctx.claim_around(cue.idx)
    found: list[Candidate] = []
    for token in _with_members(coordinated(target_token)):
        for actor in actors:
            target, reading, via = _target(ctx, token, polarity, actor, carry, cls)
            if target is None or (target.kind == ACTOR and target.actor is actor):
                continue
            reported = claim is not None and not speaks_for(claim.speaker, actor) and mode not in NO_STANCE
            held = REPORTED if reported else mode
            found.append(Candidate(construction, actor, target, reading, cue, cls, is_negated, held, strength,
                                   claim, evidence(ctx.doc, cue), via))
    return found


# Acts done to or with things rather than to actors: a target must be an actor ("shoot a video").
_ACTOR_ONLY = frozenset({"harm", "withdraw"})
# Predicates whose objects are often just things: a topic must be an act, a policy, a named thing
# or an issue ("maintained a majority", "enjoy the festival atmosphere" are no stances).
_STRICT_TOPICS = frozenset({"support", "enact", "attitude", "emotion", "deprive"})
# Promoting or launching one's own things is no stance toward them ("launched her novel"); ending them is.
_NOT_OWN = frozenset({"enact", "support"})


def _target(ctx: Context, token: Token, polarity: str, holder: LocalActor, carry: bool,
            cls: str) -> tuple[Target | None, str, list[str]]:
    via: list[str] = []
    token = _what_it_is_about(token)
    token = _owner_of_possession(ctx, token)
    if carry:
        token, polarity, via = ctx.carried(token, polarity, holder, strict=cls in _STRICT_TOPICS)
    if cls in _STRICT_TOPICS and token.lemma_.lower() in REPORT_NOUNS:
        return None, polarity, via  # "signed the statement", "backed the letter": documents are no topic
    target = ctx.target(token, holder, strict=cls in _STRICT_TOPICS)
    if target is None:
        return None, polarity, via
    if cls in _ACTOR_ONLY and target.kind != ACTOR and not via:
        return None, polarity, via
    if cls in _NOT_OWN and target.kind in {ACT, "topic"} and _owned_by(ctx, token, holder):
        return None, polarity, via
    return target, polarity, via


#: What someone owns: an act on it is an act on them ("froze their assets", "seized the property of X").
_POSSESSIONS = frozenset({"asset", "assets", "property", "properties", "account", "accounts", "fund", "funds",
                          "passport", "passports", "land", "lands", "home", "homes", "holdings", "wealth", "estate",
                          "fortune", "savings", "shares", "stake", "business", "businesses"})


def _owner_of_possession(ctx: Context, token: Token) -> Token:
    """For "their assets" or "the assets of three Iranian banks", the owner when an actor."""
    if token.lemma_.lower() not in _POSSESSIONS and token.lower_ not in _POSSESSIONS:
        return token
    owner = next((c for c in token.children if c.dep_ == "poss"), None) or prepositional_object(token, "of")
    return owner if owner is not None and ctx.actor(owner) is not None else token


# Nouns that only name a thought: being for "the idea of a carbon tax" is being for a carbon tax.
_CONTENT_NOUNS = frozenset({"idea", "notion", "concept", "prospect", "possibility", "principle"})


def _what_it_is_about(token: Token) -> Token:
    """For "the idea of X" (or "the notion of raising taxes"), X; otherwise ``token`` itself."""
    if token.lemma_.lower() not in _CONTENT_NOUNS:
        return token
    content = prepositional_object(token, "of")
    if content is None or any(c.dep_ == "acl" and c.tag_ == "VBG" for c in content.children):
        return token  # "the idea of a woman succeeding him": an event, not the woman
    return content


def _owned_by(ctx: Context, token: Token, holder: LocalActor) -> bool:
    possessor = next((c for c in token.children if c.dep_ == "poss"), None)
    return possessor is not None and ctx.actor(possessor) is holder
