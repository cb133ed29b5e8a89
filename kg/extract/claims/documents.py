"""Documents that speak: a report's statements belong to its authors when the article names them."""

from __future__ import annotations

from typing import Iterable, Sequence

from spacy.tokens import Doc

from ..actors import GROUP, PERSON, WORK
from ..resolve import LocalActor
from .records import Claim

#: Documents that report research; "the results" of an article's one study are its authors'.
_RESEARCH_NOUNS = {"report", "study", "survey", "research", "analysis", "paper", "result", "finding"}


def _authors(actors: Iterable[LocalActor]) -> dict[str, LocalActor]:
    """Actors whose role is owned by a document ("the report's authors"), by the document's noun."""
    authors: dict[str, LocalActor] = {}
    for actor in actors:
        for mention in actor.mentions:
            if mention.role_of and mention.type in {PERSON, GROUP}:
                authors.setdefault(mention.role_of.lower().split()[-1].rstrip("s"), actor)
    return authors


def _work_nouns(doc: Doc, work: LocalActor) -> list[str]:
    """A document actor's head nouns, and what it is "of" ("the results of the study")."""
    lemmas = []
    for mention in work.mentions:
        if mention.type == WORK:
            lemmas.append(mention.head_lemma)
            lemmas += [p.lemma_.lower() for c in doc[mention.root].children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]
    return lemmas


def credit_authors(doc: Doc, claims: Sequence[Claim], actors: Iterable[LocalActor]) -> None:
    """Give a document's statements to its authors when the article names them: "The report
    says ..." belongs to "the report's authors" (an actor whose role is owned by a report); when
    one group authors the article's research, its results and findings are theirs too."""
    authors = _authors(actors)
    if not authors:
        return
    researchers = {id(a): a for key, a in authors.items() if key in _RESEARCH_NOUNS}
    for claim in claims:
        if claim.speaker.type != WORK:
            continue
        lemmas = _work_nouns(doc, claim.speaker)
        author = next((authors[m.rstrip("s")] for m in lemmas if m.rstrip("s") in authors), None)
        if author is None and len(researchers) == 1 and any(m in _RESEARCH_NOUNS for m in lemmas):
            author = next(iter(researchers.values()))
        if author is not None:
            claim.speaker = author
