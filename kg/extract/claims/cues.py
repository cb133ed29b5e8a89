"""The cue words, as data: which words attribute, how certain they make their content.

The lexicon itself is ``kg/extract/models/cues.tsv`` (read by :mod:`kg.extract.lexicon`); the
sets here are views of it for the constructions.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CUES, SPEECH_VERBS, Cue
from .records import CERTAIN, POSSIBLE, PROBABLE

__all__ = ["ATTITUDE_CUES", "INFINITIVE_CUES", "LISTENER_CUES", "NEGATING_CUES", "PROBABLE_CUES", "SPEECH_VERBS",
           "cue_of", "certainty_and_polarity", "content_certainty"]

#: Cues that present the content as belief rather than assertion.
PROBABLE_CUES = {"concern", "concerned", "afraid", "optimistic", "pessimistic", "hopeful", "believe", "think", "suggest", "expect", "estimate", "suspect", "feel", "hope",
                 "fear", "predict", "guess", "assume", "presume", "reckon", "speculate", "forecast",
                 "worry", "doubt", "imply", "indicate", "signal", "theorize", "posit"}
NEGATING_CUES = {"deny", "dispute", "reject"}
#: Attitudes toward a clause ("X is concerned (that) Y", "I'm disappointed that Y"): claims only
#: with a clausal complement, never with a quotation beside them.
ATTITUDE_CUES = {"concern", "concerned", "disappoint", "disappointed", "convince", "convinced", "alarm",
                 "alarmed", "confident", "sure", "certain", "aware", "afraid", "glad", "happy", "pleased",
                 "surprised", "shocked", "optimistic", "pessimistic", "hopeful", "adamant", "satisfied"}
#: Cues whose object is the listener, so a noun after them is never an inverted subject.
LISTENER_CUES = {"tell", "inform", "advise", "assure", "remind", "notify", "ask", "urge", "warn"}
#: Cues whose infinitive complement is a statement ("vowed to resign", "denied to have ...").
INFINITIVE_CUES = {"promise", "vow", "pledge", "threaten", "claim", "deny", "agree", "refuse", "appear",
                   "seem", "hope", "expect", "plan", "intend", "swear", "offer", "decline"}
_MODALS_POSSIBLE = {"may", "might", "could"}


def cue_of(token: Token) -> Cue | None:
    """The lexicon's entry for a token's lemma, if it is a cue word."""
    return CUES.get(token.lemma_.lower())


def certainty_and_polarity(cue: Token) -> tuple[str, str]:
    """GRaSP factuality a cue gives its content: certainty (a hedging cue or a modal on it) and
    polarity (a denial, or a negated cue, is negative; a negated denial is positive)."""
    lemma = cue.lemma_.lower()
    certainty = PROBABLE if lemma in PROBABLE_CUES else CERTAIN
    if any(c.dep_ == "aux" and c.lower_ in _MODALS_POSSIBLE for c in cue.children):
        certainty = POSSIBLE
    if cue.dep_ in {"xcomp"} and cue.head.lemma_.lower() in {"seem", "appear"}:
        certainty = PROBABLE
    negated = any(c.dep_ == "neg" for c in cue.children)
    polarity = "negative" if (lemma in NEGATING_CUES) != negated else "positive"
    return certainty, polarity


def content_certainty(head: Token, certainty: str) -> str:
    """A modal in the content ("the leak may have started") makes a certain claim possible."""
    if any(c.dep_ == "aux" and c.lower_ in _MODALS_POSSIBLE for c in head.children):
        return POSSIBLE if certainty == CERTAIN else certainty
    return certainty
