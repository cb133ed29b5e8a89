"""Whether an actor mention takes part in what its clause says: it acts (subject, agent, owner of
an act) or is a party (acted on, addressed, compared), rather than being a setting ("in
Charlotte") or a modifier ("Texas student"). :mod:`kg.extract.resolve` keeps actors by this.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .actors import SUBJECT_DEPS, Mention, effective_dep


def is_agentive(doc: Doc, mention: Mention) -> bool:
    """Whether a mention acts: subject of a verb, agent of a passive, owner of an act."""
    token = doc[mention.root]
    dep = effective_dep(token)
    head = token
    while head.dep_ in {"conj", "appos"} and head.head is not head:
        head = head.head
    if dep in SUBJECT_DEPS:
        # the subject of a verb; not of a small clause ("making America great")
        return head.head.pos_ in {"VERB", "AUX"}
    if dep == "pobj" and token.head.dep_ == "agent":
        return True
    if dep == "pobj" and head.head.lower_ == "by" and head.head.head.pos_ == "NOUN":
        return True  # the agent of a named act: "opposition by Congress and the insurance lobby"
    if dep == "poss" and token.head.pos_ == "NOUN":
        return True
    return False


#: Prepositions that make their object a setting (where, when, which way), not a party: "in
#: Charlotte", "from Texas", "across Europe".
SETTING_PREPS = {"in", "at", "from", "to", "into", "onto", "across", "near", "throughout", "within", "around",
                 "outside", "inside", "through", "toward", "towards", "via", "over", "under", "along", "beyond",
                 "past", "off", "up", "down", "during", "since", "until", "after", "before", "on", "upon",
                 "out", "among", "amid", "between", "beside", "behind", "above", "below", "like"}
#: Dependencies by which a noun phrase takes part in what a clause says (besides acting).
_PARTY_DEPS = {"dobj", "dative", "attr", "oprd", "appos", "npadvmod"}


def takes_part(doc: Doc, mention: Mention) -> bool:
    """Whether a mention is a party to what its clause says: it acts (:func:`is_agentive`), is
    acted on ("support some opposition groups"), is compared or addressed ("working with
    Democrats or Republicans"), rather than being a setting ("in Charlotte") or a modifier
    ("Texas student", "Charlotte police")."""
    if is_agentive(doc, mention):
        return True
    token = doc[mention.root]
    while token.dep_ in {"conj", "appos"} and token.head is not token:
        token = token.head
    if token.dep_ in _PARTY_DEPS:
        return token.dep_ != "npadvmod" or token.head.pos_ == "VERB"
    if token.dep_ == "pobj":
        return token.head.lower_ not in SETTING_PREPS
    return False
