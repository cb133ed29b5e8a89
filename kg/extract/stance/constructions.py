"""The table of constructions: every way of expressing a stance that the extractor knows.

Each entry is one small function with an example and the stance the example states;
``tests/test_stance_constructions.py`` runs every example and checks that its construction finds
that stance. Token constructions run on every token of the parts of speech they name, claim
constructions on every claim, derived constructions on the candidates the others found. Adding a
construction is a function and a line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import acts, evaluations, modifiers, positions, recommendations


@dataclass(frozen=True)
class Construction:
    name: str
    pos: frozenset[str]  # parts of speech of the token it starts from; empty for the others
    find: Callable
    example: str
    expect: tuple[str, str, str]  # (holder, polarity, part of the target's label) the example states


def _verbs(*tags: str) -> frozenset[str]:
    return frozenset(tags)


TOKEN_CONSTRUCTIONS = (
    Construction("verb_object", _verbs("VERB"), acts.verb_object,
                 "Senator Maria Lopez criticized Governor Ann Kim on Monday.", ("Maria Lopez", "against", "Ann Kim")),
    Construction("verb_complement", _verbs("VERB"), acts.verb_complement,
                 "The House Oversight Committee voted to hold Bryan Pagliano in contempt of Congress.",
                 ("House Oversight Committee", "against", "Bryan Pagliano")),
    Construction("endorsed_position", _verbs("VERB"), acts.endorsed_position,
                 "Mayor Angela Brooks supports the nurses' call for safer staffing ratios.",
                 ("Angela Brooks", "favor", "safer staffing ratios")),
    Construction("verb_preposition", _verbs("VERB"), acts.verb_preposition,
                 "Delta Air Lines said it disagreed with the ruling.", ("Delta Air Lines", "against", "ruling")),
    Construction("mutual", _verbs("VERB", "AUX"), acts.mutual,
                 "India and Pakistan clashed over the disputed region of Kashmir.", ("Pakistan", "against", "India")),
    Construction("naming", _verbs("VERB"), acts.naming,
                 "Senator Mark Lee called the vote a mistake.", ("Mark Lee", "against", "vote")),
    Construction("experiencer", _verbs("VERB"), acts.experiencer,
                 "The Teamsters union was angered by the ruling.", ("Teamsters union", "against", "ruling")),
    Construction("urging", _verbs("VERB"), acts.urging,
                 "Amnesty International urged Egypt to release the journalist.",
                 ("Amnesty International", "favor", "journalist")),
    Construction("understood_ruling", _verbs("VERB"), acts.understood_ruling,
                 "Judge Amit Mehta ruled that Google had broken antitrust law. Google said it would appeal.",
                 ("Google", "against", "Amit Mehta")),
    Construction("recommended_act", _verbs("VERB", "AUX"), recommendations.recommended_act,
                 "\u201cGovernor Ann Kim should resign,\u201d said Senator Tom Reed.", ("Tom Reed", "against", "Ann Kim")),
    Construction("alleged_misdeed", _verbs("VERB"), recommendations.alleged_misdeed,
                 "Senator Ann Kim said that Governor Tom Reed had lied to voters.", ("Ann Kim", "against", "Tom Reed")),
    Construction("giving", _verbs("VERB"), acts.giving,
                 "The Tampa Bay Times gave Hillary Clinton a glowing endorsement.",
                 ("Tampa Bay Times", "favor", "Hillary Clinton")),
    Construction("stance_noun", _verbs("NOUN"), positions.stance_noun,
                 "Mayor Jim Kenney's criticism of the budget plan drew applause.",
                 ("Jim Kenney", "against", "budget plan")),
    Construction("received_stance", _verbs("NOUN"), positions.received_stance,
                 "The school board's plan drew sharp criticism from the Chicago Teachers Union.",
                 ("Chicago Teachers Union", "against", "school board")),
    Construction("possessed_preference", _verbs("NOUN", "PROPN"), positions.possessed_preference,
                 "Putin's preferred candidate, Viktor Yanukovych, won the vote.",
                 ("Putin", "favor", "Viktor Yanukovych")),
    Construction("in_favour_of", _verbs("NOUN"), positions.in_favour_of,
                 "The Ohio Senate voted in favour of the merger.", ("Ohio Senate", "favor", "merger")),
    Construction("concessive_position", _verbs("NOUN"), positions.concessive_position,
                 "The council approved the housing plan over the objections of residents.",
                 ("residents", "against", "housing plan")),
    Construction("position_noun", _verbs("NOUN"), positions.position_noun,
                 "Jane Roe, a longtime critic of the Acme Corporation, spoke first.",
                 ("Jane Roe", "against", "Acme Corporation")),
    Construction("backed_by_modifier", _verbs("VERB", "ADJ"), modifiers.backed_by_modifier,
                 "Iran-backed Houthi rebels fired missiles at Riyadh.", ("Iran", "favor", "Houthi rebels")),
    Construction("position_adjective", _verbs("ADJ", "ADP", "VERB"), positions.position_adjective,
                 "Jane Doe, a resident who is against the data centers, spoke at the meeting.",
                 ("Jane Doe", "against", "data centers")),
)

CLAIM_CONSTRUCTIONS = (
    Construction("claim_predicate", frozenset(), evaluations.claim_predicate,
                 "\u201cThese cuts are a disgrace,\u201d said union leader Maria Gomez.", ("Maria Gomez", "against", "cuts")),
    Construction("claim_actors", frozenset(), evaluations.claim_actors,
                 "Senator Mary Jones said Governor Tom Baker has done a terrible job and failed the state.",
                 ("Mary Jones", "against", "Tom Baker")),
    Construction("claim_names", frozenset(), evaluations.claim_names,
                 "\u201cThanks to Governor Tom Baker, our schools are the best in the nation,\u201d said Senator "
                 "Mary Jones.", ("Mary Jones", "favor", "Tom Baker")),
)

DERIVED_CONSTRUCTIONS = (
    Construction("grievance", frozenset(), evaluations.grievance,
                 "Jane Roe said the Acme Corporation had imprisoned her for twelve years.",
                 ("Jane Roe", "against", "Acme Corporation")),
)

ALL_CONSTRUCTIONS = TOKEN_CONSTRUCTIONS + CLAIM_CONSTRUCTIONS + DERIVED_CONSTRUCTIONS
