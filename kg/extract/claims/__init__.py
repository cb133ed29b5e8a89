"""Find who said what: direct, indirect and mixed quotes, and non-answers.

Rule-based over the dependency parse, in the spirit of textacy's ``direct_quotations`` and the
Gender Gap Tracker's quote extractor (Asr et al. 2021, "The Gender Gap Tracker", PLOS ONE), with
indirect speech added. Each way of attributing content is one small construction, listed with
an example in :data:`~kg.extract.claims.extract.CONSTRUCTIONS` (``python -m kg.extract.claims``
prints the table); the cue words are data (``kg/extract/models/cues.tsv``).

The speaker is resolved to an actor through the mentions (so "He says" belongs to the person
"he" refers to); a claim whose speaker is no actor is dropped rather than guessed.

Modules: :mod:`.records` (Claim, NonAnswer, Credit), :mod:`.quotes` (quotation marks),
:mod:`.cues` (the lexicon's views), :mod:`.speakers`, :mod:`.content`, :mod:`.context` (one
article's state), :mod:`.constructions` and :mod:`.quotations` (the constructions),
:mod:`.interviews`, :mod:`.documents`, :mod:`.credits`, :mod:`.extract` (the table and the run).
"""

from __future__ import annotations

from .credits import extract_credits
from .cues import NEGATING_CUES, SPEECH_VERBS
from .extract import CONSTRUCTIONS, Construction, extract_claims
from .interviews import first_person_mentions
from .quotes import find_quotes
from .records import CERTAIN, DIRECT, INDIRECT, MIXED, POSSIBLE, PROBABLE, Claim, Credit, NonAnswer

__all__ = ["CERTAIN", "CONSTRUCTIONS", "DIRECT", "INDIRECT", "MIXED", "NEGATING_CUES", "POSSIBLE", "PROBABLE",
           "SPEECH_VERBS", "Claim", "Construction", "Credit", "NonAnswer", "extract_claims", "extract_credits",
           "find_quotes", "first_person_mentions"]
