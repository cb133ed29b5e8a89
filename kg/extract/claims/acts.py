"""A learned scorer for act cues the lexicon does not know ("nominated Kaine", "focused on jobs").

PolNeAR attributes acts of a source toward something ("Clinton nominated ...", "the RNC
launched an ad attacking ...", "Sanders focused on trade") with thousands of different verbs:
more than a lexicon can list. Where the lexicon has no entry for a verb outside quotations, a
logistic model over the parse decides whether it is such a cue: its lemma (and lemma +
preposition or particle, "focus_on"), its dependency shape (what hangs on it: an object, a
preposition, a clause; where it hangs), its tense, and what its subject and object are (a
person, an organisation, a pronoun ...). A verb it scores at or above the model's threshold is an
act cue: an attribution of the evaluative class, never a claim (no statement, so no stance and no
``kg eval`` claim), whose content is its object or the object of a preposition the model weighs
as content ("focused on jobs").

The weights are ``models/act_cues.json``, trained by ``benchmarks/train_act_cues.py`` on PolNeAR
train (README "Accuracy"); it holds feature names and numbers only, no PolNeAR text. Scoring is a
sum of weights in a fixed order: deterministic.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from spacy.tokens import Token

from ..lexicon import MODELS, Cue
from .speakers import subject_of

#: Where the model lives.
MODEL_PATH = MODELS / "act_cues.json"
#: Dependents that can carry an act's content or say what the verb is: counted as features.
_SHAPE_DEPS = {"dobj", "ccomp", "xcomp", "prep", "prt", "advcl", "attr", "acomp", "dative", "agent", "oprd"}
_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "who", "that", "which"}
_MODALS = {"will", "would", "may", "might", "could", "can", "should", "must"}


def _kind(token: Token) -> str:
    """What a subject or object is, coarsely: its entity type, a pronoun, a name, or a noun."""
    if token.ent_type_:
        return token.ent_type_
    if token.lower_ in _PRONOUNS:
        return "PRON_" + token.lower_
    return token.pos_


def candidate(token: Token) -> bool:
    """Whether the scorer looks at a verb: it has a subject, and an object, a preposition or a
    clause that can be its content (the caller checks that the lexicon does not know it and that
    it stands outside quotations)."""
    if token.pos_ != "VERB":
        return False
    if not any(c.dep_ in {"dobj", "prep", "ccomp", "xcomp"} and c.i > token.i for c in token.children):
        return False
    return subject_of(token) is not None


def features(token: Token) -> list[str]:
    """The features of a candidate verb (names only; their weights are the model's)."""
    lemma = token.lemma_.lower()
    found = [f"lemma={lemma}", f"dep={token.dep_}", f"tag={token.tag_}", f"head_pos={token.head.pos_}"]
    subject = subject_of(token)
    found.append(f"subj={_kind(subject) if subject is not None else 'none'}")
    if subject is not None and subject.dep_ == "nsubjpass":
        found.append("passive")
    for child in token.children:
        dep = child.dep_
        if dep == "neg":
            found.append("neg")
        elif dep == "aux" and child.lower_ in _MODALS:
            found.append("modal")
        if dep not in _SHAPE_DEPS or child.i < token.i:
            continue
        found.append(f"child={dep}")
        if dep in {"prep", "prt", "dative", "agent"}:
            found += [f"prep={child.lower_}", f"lemma_prep={lemma}_{child.lower_}"]
        elif dep == "dobj":
            found += [f"dobj={_kind(child)}", f"dobj_lemma={child.lemma_.lower()}"]
    return sorted(set(found))


@lru_cache(maxsize=1)
def model() -> tuple[dict[str, float], float, float]:
    """(weights, bias, threshold) of the shipped model."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return data["weights"], float(data["bias"]), float(data["threshold"])


def score(token: Token) -> float:
    """The model's probability that a candidate verb is an act cue."""
    weights, bias, _ = model()
    total = bias + sum(weights.get(f, 0.0) for f in features(token))
    return 1.0 / (1.0 + math.exp(-total))


def act_cue(token: Token) -> Cue | None:
    """A lexicon-like entry for a verb the model takes for an act cue, else None. Its content
    prepositions are those after it the model weighs as content ("focused on"), not "in Ohio"."""
    if not candidate(token):
        return None
    weights, _, threshold = model()
    if score(token) < threshold:
        return None
    lemma = token.lemma_.lower()
    preps = frozenset(c.lower_ for c in token.children if c.dep_ == "prep" and c.i > token.i
                      and weights.get(f"lemma_prep={lemma}_{c.lower_}", 0.0) + weights.get(f"prep={c.lower_}", 0.0) > 0)
    return Cue(lemma, "evaluative", "certain", frozenset({"object", "act"}), preps)
