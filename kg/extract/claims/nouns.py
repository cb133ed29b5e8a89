"""Nouns of attribution: "X's announcement that ...", "statements by Trump that ...", "Trump's
plan to deport ...", "his attacks on Clinton" (the report-noun construction and its parts).

Split from :mod:`constructions` (which holds the cue verbs and "according to") to keep each
module to one screenful of ideas; the table :data:`kg.extract.claims.extract.CONSTRUCTIONS`
lists :func:`report_noun` among the others.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import ACT_NOUNS, CUE_NOUNS, CUES, REPORT_NOUNS
from .constructions import STATEMENT_CLASSES
from .content import trim
from .context import ClaimContext
from .cues import Cue
from .quotes import kind_and_span
from .speakers import actor_for_token, subject_of


def _noun_cue(token: Token) -> Cue | None:
    """The cue a noun names when it is one of attribution: a report noun ("X's announcement that
    ..."), or a noun for a cue of the lexicon ("X's plan to ...", "X's belief that ...")."""
    lemma = token.lemma_.lower()
    if lemma in REPORT_NOUNS:
        return CUES["say"]
    if lemma in ACT_NOUNS:
        return CUES.get(ACT_NOUNS[lemma][0])
    entry = CUES.get(CUE_NOUNS.get(lemma, lemma))
    if entry is None or entry.has("act") or entry.cue_class not in {"speech", "cognition", "intention"}:
        return None
    return entry


def _act_content(noun: Token) -> tuple[Token, int, int] | None:
    """What an act noun is done to (head, start, end): the object of its preposition ("attacks on
    Clinton"), or an infinitive on it where the noun takes one ("his call to ban ...")."""
    preps = ACT_NOUNS[noun.lemma_.lower()][1].split()
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:  # up to another act or cue noun conjoined ("her support for X and her opposition to Y")
                end = min([c.left_edge.i for c in obj.children if c.dep_ == "conj" and _is_cue_noun(c)]
                          + [child.right_edge.i + 1])
                return obj, child.i + 1, end
    if "+to" in preps:  # "his call to ban ...": the infinitive on the noun, or hung by the parse on its verb
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        verb = after.head if after is not None and after.lower_ == "to" and after.dep_ == "aux" else None
        if verb is not None and verb.pos_ == "VERB" and verb.left_edge.i == after.i and verb.head.i in {noun.i, noun.head.i}:
            return verb, after.i, verb.right_edge.i + 1
    return None


def _is_cue_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in ACT_NOUNS or lemma in REPORT_NOUNS or lemma in CUE_NOUNS)


def _has_that(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _noun_content(token: Token, entry: Cue) -> Token | None:
    """What a cue noun reports: a that-clause on it, or an infinitive when its verb takes one; or
    a that-clause the parse hung on the verb whose object the noun is, right after the noun and
    what modifies its verb ("echoed statements by Trump last week that ...")."""
    for child in token.children:
        if child.dep_ in {"acl", "ccomp", "relcl"} and _has_that(child):
            return child
        if entry.has("infinitive") and child.dep_ == "acl" and child.pos_ in {"VERB", "AUX"} and child.i > token.i \
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            return child
    return _clause_on_verb(token)


#: What may stand between an object noun and the that-clause its verb took from it: when and how.
_BETWEEN_DEPS = {"npadvmod", "advmod", "prep", "punct"}


def _clause_on_verb(noun: Token) -> Token | None:
    """The that-clause on the verb of an object noun, when only the noun's own words and the verb's
    time or manner words come between them: the parse's attachment of the noun's clause."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"}:
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > noun.i and _has_that(c)), None)
    if clause is None:
        return None
    position = noun.right_edge.i + 1
    for child in verb.children:  # the verb's words between the noun and the clause, in order
        if position < clause.left_edge.i and child.left_edge.i == position and child.dep_ in _BETWEEN_DEPS:
            position = child.right_edge.i + 1
    return clause if position == clause.left_edge.i else None


#: Verbs whose subject owns the statement noun they take: "made the argument that ...",
#: "persisted in arguments that ...", "issued a warning that ...".
_MAKING_VERBS = {"make", "issue", "repeat", "reiterate", "persist", "renew", "voice", "advance", "press", "release"}


def _noun_owner(token: Token, act: bool) -> Token | None:
    """Whose the statement a noun names is: its possessor ("X's announcement that"), the one it is
    "by" or "from" ("statements by Trump last week that ...", "warnings from his attorney that
    ..."), or the subject of a verb of making it ("Democrats persisted in arguments that ...")."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None or act:
        return owner
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"} and child.i > token.i:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    if token.dep_ in {"dobj", "pobj"} and verb.pos_ == "VERB" and verb.lemma_.lower() in _MAKING_VERBS:
        return subject_of(verb)
    return None


def report_noun(ctx: ClaimContext) -> None:
    """A noun of attribution owned by an actor, with what it reports: "X's announcement that ...",
    "Trump's plan to deport ...", "the senator's belief that ..." (kind and certainty are those of
    the noun's verb in the lexicon)."""
    doc = ctx.doc
    for token in ctx.tokens:
        if token.pos_ != "NOUN" or ctx.quotes.contains(token.idx) or (entry := _noun_cue(token)) is None:
            continue
        act = token.lemma_.lower() in ACT_NOUNS
        owner = _noun_owner(token, act)
        found = (_act_content(token) if act else _noun_content(token, entry)) if owner is not None else None
        speaker = actor_for_token(owner, ctx.actor_at) if found is not None else None
        if speaker is None:
            continue
        clause, start_i, end_i = found if act else (found, found.left_edge.i, found.right_edge.i + 1)
        start_i, end_i = trim(doc, start_i, end_i)
        if end_i > start_i:
            kind, start, end = kind_and_span(ctx.quotes, doc[start_i].idx, ctx.char_end(end_i))
            ctx.add_claim(speaker, owner, token, kind, start, end, clause, entry.certainty, cue_class=entry.cue_class,
                          statement=entry.cue_class in STATEMENT_CLASSES and not act)
