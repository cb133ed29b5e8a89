"""A mention-finding construction of :mod:`kg.extract.actors`: the named owner of a document.

"PC World's recent analysis of its traffic concluded ...", "results published in a paper by AS
Heagle show ...": a proper-noun phrase that owns a report, study or analysis (its possessor, or
the agent after "by") names whoever wrote it, also when the entity model missed the name or took
it for a product. It is a person when it reads like one (a known given name, or initials with points first: "J.
Smith"), an organisation otherwise ("PC World", "Gallup"; capitals without points cannot be told
from an acronym, so "AS Heagle" is typed an organisation too); the type a name has elsewhere in
the article wins.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from .actor_lexicon import TITLES
from .actors import NAME, ORGANIZATION, PERSON, MentionFinder, clean_name, construction
from .lexicon import EVIDENCE_NOUNS, REPORT_NOUNS, SOURCE_NOUNS
from .names import likely_gender

_DOCUMENT_NOUNS = EVIDENCE_NOUNS | REPORT_NOUNS | SOURCE_NOUNS
#: Entity labels of a name this construction reads: none (the model missed it), or a product or
#: work (it took the name for one); a name it tagged as a person or body is the entity construction's.
_MISSED_LABELS = {"", "PRODUCT", "WORK_OF_ART"}


@construction("document owner", before="pronoun")
def document_owners(finder: MentionFinder) -> None:
    for token in finder.tokens:
        if _is_document(token):
            for owner in [c for c in token.lefts if c.dep_ == "poss"]:
                _add_owner(finder, owner)  # "PC World's analysis"
        elif token.lower_ == "by" and token.dep_ in {"prep", "agent"} and _by_document(token):
            for owner in [c for c in token.children if c.dep_ == "pobj"]:
                _add_owner(finder, owner)  # "a study by J. Smith", "published in a paper by AS Heagle"


def _is_document(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in _DOCUMENT_NOUNS


def _by_document(by: Token) -> bool:
    """Whether "by" names who made a document: it hangs on the document noun, or on a participle
    that the document noun is the subject or place of ("a paper published by", "published in a
    paper by")."""
    head = by.head
    if _is_document(head):
        return True
    if head.tag_ != "VBN":
        return False
    return (_is_document(head.head) and head.dep_ == "acl") or any(
        _is_document(p) for prep in head.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj")


def _add_owner(finder: MentionFinder, owner: Token) -> None:
    if owner.pos_ != "PROPN" or not owner.text[:1].isupper() or finder.taken[owner.i] \
            or owner.lower_.rstrip(".") in TITLES or owner.ent_type_ not in _MISSED_LABELS:
        return  # "Tuesday's results": a date, not who wrote them
    if owner.dep_ == "conj" or any(c.dep_ in {"cc", "conj"} for c in owner.children):
        return  # "Standard & Poor's index", "his Mormonism or Obama's speech": not one name
    start = min([c.i for c in owner.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()]
                + [owner.i])
    doc = finder.doc
    if any(not t.text[:1].isupper() for t in doc[start:owner.i + 1]) or (start > 0 and (
            doc[start - 1].pos_ == "PROPN" or doc[start - 1].text in {"&", "-"})):
        return  # a part of a longer name ("Standard & Poor's index")
    initials = [m for m in finder.mentions if m.construction == "acronym" and start <= m.root < owner.i]
    if any(finder.taken[k] for k in range(start, owner.i + 1) if all(k != m.root for m in initials)):
        return
    for m in initials:
        finder.release(m, m.root, m.root + 1)  # "AS" of "AS Heagle": initials, not a body
    name = clean_name(finder.doc[start:owner.i + 1].text)
    tagged = Counter(m.type for m in finder.mentions if m.kind == NAME and clean_name(m.text) == name)
    words = name.split()
    person = len(words) > 1 and (likely_gender(name) is not None or _initials(words[0]))
    type_ = tagged.most_common(1)[0][0] if tagged else (PERSON if person else ORGANIZATION)
    finder.add(start, owner.i + 1, NAME, type_, owner.i, entity_label="SOURCE", head_lemma=owner.lower_)


def _initials(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.){1,3}", word))
