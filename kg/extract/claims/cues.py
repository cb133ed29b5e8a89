"""The cue words, as data: which words attribute, what kind of attribution, how certain.

The lexicon itself is ``kg/extract/models/cues.tsv`` (read by :mod:`kg.extract.lexicon`); the
sets here are views of it, named for the stages that import them.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CUES, PHRASE_CUES, SPEECH_VERBS, Cue
from .records import CERTAIN, POSSIBLE, PROBABLE

__all__ = ["ATTITUDE_CUES", "INFINITIVE_CUES", "LISTENER_CUES", "NEGATING_CUES", "SPEECH_VERBS", "Cue",
           "certainty_and_polarity", "content_certainty", "cue_of"]


def _with(flag: str) -> frozenset[str]:
    return frozenset(lemma for lemma, cue in CUES.items() if cue.has(flag))


#: Cues by which the speaker denies the content ("denied that ...").
NEGATING_CUES = _with("negating")
#: Attitudes toward a clause ("X is concerned (that) Y"): claims only with a clausal complement.
ATTITUDE_CUES = _with("attitude")
#: Cues whose object is the listener, so a noun after them is never an inverted subject.
LISTENER_CUES = _with("listener")
#: Cues whose infinitive complement is the content ("vowed to resign", "wants to run").
INFINITIVE_CUES = _with("infinitive")
_MODALS_POSSIBLE = {"may", "might", "could"}
#: Regular verb endings by tag, and what the stem ends with once one is taken off.
_ENDINGS = {"VBZ": (("es", ""), ("s", "")), "VBD": (("ed", ""), ("d", ""), ("ed", "e")),
            "VBN": (("ed", ""), ("d", ""), ("ed", "e")), "VBG": (("ing", ""), ("ing", "e"))}


#: Where the second word of a phrase cue hangs on its verb: "took aim", "laid out", "made
#: (it) clear", "went after", "fired back".
_PHRASE_DEPS = {"dobj", "prt", "advmod", "acomp", "ccomp", "oprd", "prep"}


def cue_of(token: Token) -> Cue | None:
    """The lexicon's entry for a token: a phrase it heads ("took aim at", "made clear"), else its
    lemma; for a verb the small lemmatizer got wrong ("hopes" -> "hop", "retweeted" ->
    "retweete"), its form without its regular ending."""
    lemma = token.lemma_.lower()
    phrases = PHRASE_CUES.get(lemma)
    if phrases is not None and token.pos_ in {"VERB", "AUX"}:
        for child in token.children:
            if child.dep_ in _PHRASE_DEPS and child.i > token.i and (cue := phrases.get(child.lower_)) is not None:
                return cue
    cue = CUES.get(lemma)
    if cue is not None:
        return cue
    endings = _ENDINGS.get(token.tag_)
    if endings is None:
        return None
    form = token.lower_
    for ending, stem_end in endings:
        if form.endswith(ending) and len(form) - len(ending) > 2:
            if (cue := CUES.get(form[:len(form) - len(ending)] + stem_end)) is not None:
                return cue
    return None


def certainty_and_polarity(cue: Token, entry: Cue | None = None) -> tuple[str, str]:
    """GRaSP factuality a cue gives its content: certainty (the lexicon's, lowered by a modal on
    the cue or a "seems to" above it) and polarity (a denial, or a negated cue, is negative; a
    negated denial is positive)."""
    entry = entry or cue_of(cue)
    certainty = entry.certainty if entry is not None else CERTAIN
    if any(c.dep_ == "aux" and c.lower_ in _MODALS_POSSIBLE for c in cue.children):
        certainty = POSSIBLE
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in {"seem", "appear"} and certainty == CERTAIN:
        certainty = PROBABLE
    negated = any(c.dep_ == "neg" for c in cue.children)
    denies = entry is not None and entry.has("negating")
    return certainty, ("negative" if denies != negated else "positive")


def content_certainty(head: Token, certainty: str) -> str:
    """A modal in the content ("the leak may have started") makes a certain claim possible."""
    if any(c.dep_ == "aux" and c.lower_ in _MODALS_POSSIBLE for c in head.children):
        return POSSIBLE if certainty == CERTAIN else certainty
    return certainty
