"""Where a group's mention ends: the "of" phrase that says which people it means.

Used by :mod:`kg.extract.actors` ("worshippers of the ancient Greek religion", "a group of doctors").
"""

from __future__ import annotations

from spacy.tokens import Token

from .actor_lexicon import is_person_noun


def people_of(token: Token) -> Token | None:
    """The people a collective noun gathers ("a group of doctors", "small groups of angry
    protesters"), or None."""
    prep = next((c for c in token.rights if c.dep_ == "prep"), None)
    obj = next((c for c in prep.rights if c.dep_ == "pobj"), None) if prep is not None and prep.lower_ == "of" else None
    if obj is None or obj.tag_ != "NNS" or not is_person_noun(obj.lemma_.lower()) or prep.i != token.i + 1:
        return None
    if any(not (t.is_alpha or t.text == "-") for t in token.doc[prep.i:obj.i + 1]):
        return None
    return obj


def of_phrase_end(token: Token) -> int | None:
    """Where the "of" phrase that says which people a plural means ends ("worshippers of the
    ancient Greek religion", "prisoners of war", "residents of Charlotte"): not an "of" people
    ("supporters of the candidates" is about other people), nor a clause or list after it."""
    prep = next((c for c in token.rights if c.dep_ == "prep"), None)
    if prep is None or prep.lower_ != "of" or prep.i != token.i + 1:
        return None
    obj = next((c for c in prep.rights if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ == "PRON" or is_person_noun(obj.lemma_.lower()) or obj.ent_type_ == "PERSON":
        return None
    last = obj.i
    for child in obj.rights:
        if child.dep_ not in {"prep", "compound", "amod", "nummod"}:
            break
        last = child.right_edge.i
    if any(t.is_punct or t.is_space for t in token.doc[prep.i:last + 1]):
        return None
    return last + 1
