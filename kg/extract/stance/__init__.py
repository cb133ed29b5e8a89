"""Stances: an actor for or against another actor, an actor's act, or a topic.

Two jobs, kept apart:

1. **Candidates** (:mod:`.constructions`): each way a stance is expressed is a small construction
   over the parse that proposes (holder, target, reading) pairs — acts and speech acts ("X
   criticized Y", "sided with", "voted against", "resigned over", "called Y a liar", "urged Y
   to V"), positions ("a critic of Y", "is opposed to Y", "X's criticism of Y") and what a
   speaker's claim says of what it is about. Which words carry which perspective is data: the
   predicate lexicon (``models/stance_predicates.tsv``) and the effects of acts on their
   arguments (``models/stance_effects.tsv``: being for "the repeal of Obamacare" is being
   against Obamacare).
2. **Scoring** (:mod:`.scoring`): negation, modality (questions, hypotheses, denials, reported
   acts between others give the speaker no stance) and a confidence calibrated on development
   data per construction and predicate class.

Holders are resolved actors; targets are actors, their acts (:data:`ACT`, owned by an actor)
or topics (:data:`TOPIC`), never a phrase cut across a quotation. The journalist holds none.
"""

from .constructions import ALL_CONSTRUCTIONS, Construction
from .extract import candidates, extract_stances
from .lexicon import evaluative_lexicon, token_valence, valence
from .records import (ACT, ACTOR, AGAINST, FAVOR, TOPIC, Candidate, PolarityScorer, Stance, Target)
from .targets import topic_key

__all__ = ["ACT", "ACTOR", "AGAINST", "ALL_CONSTRUCTIONS", "Candidate", "Construction", "FAVOR", "PolarityScorer",
           "Stance", "TOPIC", "Target", "candidates", "evaluative_lexicon", "extract_stances",
           "token_valence", "topic_key", "valence"]
