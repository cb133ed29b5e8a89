"""The author as speaker: "I" and "we" outside quotations are the article's author, known from a
byline or the page's metadata, else one unnamed "the author" per article (kg/extract/claims/authors.py)."""

from __future__ import annotations

import pytest

from kg.extract.ingest import analyse_structure
from kg.extract.layout import byline_names
from kg.extract.pipeline import extract, merge


@pytest.fixture(scope="module")
def run(nlp):
    def run(texts: dict[str, str], authors: tuple[str, ...] = ()):
        documents = [analyse_structure(doc_id, text, authors=authors) for doc_id, text in texts.items()]
        return merge(list(extract(nlp, documents)), "test-model")
    return run


def _attributions(result):
    return [(result.actor_of[id(c.speaker)].label, c.cue_lemma, c.text, c.is_statement)
            for doc in result.documents for c in doc.claims]


def test_byline_names_are_read_off_the_line():
    assert byline_names("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert byline_names("BY MARY-ANN O'NEIL") == ["MARY-ANN O'NEIL"]


def test_first_person_outside_quotations_is_the_bylined_author(run):
    result = run({"op": "Why the plan fails\n\nBy Jane Doe\n\nI think the tax plan will fail. We believe the "
                        "council should wait. \"I want out,\" Mayor Tom Reyes said.\n"})
    assert _attributions(result) == [
        ("Jane Doe", "think", "the tax plan will fail", False),
        ("Jane Doe", "believe", "the council should wait", False),
        ("Tom Reyes", "say", "I want out,", True)]  # inside the quotation "I" is the mayor


def test_metadata_author_and_the_same_person_named_in_the_body(run):
    result = run({"col": "I think the council will approve the budget. Jane Doe writes a weekly column on city hall.\n"},
                 authors=("Jane Doe",))
    (doc,) = result.documents
    (claim,) = doc.claims
    author = result.actor_of[id(claim.speaker)]
    assert (author.label, claim.cue_class) == ("Jane Doe", "cognition")
    assert len([a for a in result.actors if a.label == "Jane Doe"]) == 1


def test_without_a_known_author_the_speaker_is_an_unnamed_author_per_article(run):
    result = run({"a": "I want the Senate to act on the bill now.\n",
                  "b": "I say the governor should resign at once.\n"})
    assert _attributions(result) == [("the author", "want", "the Senate to act on the bill now", False),
                                     ("the author", "say", "the governor should resign at once", False)]
    authors = [a for a in result.actors if a.label == "the author"]
    assert len(authors) == 2 and not any(a.named for a in authors)  # never merged across articles
    assert not any(a.label.lower() in {"i", "we"} for a in result.actors)


def test_first_person_of_someone_else_is_not_the_author(run):
    result = run({"t": "MODERATOR: I think we should turn to the next question now.\n\n"
                       "Senator Ann Lee spoke on Monday.\n\n"
                       "I was basically told that I needed to leave the party. Ann Lee\n\n"
                       "The vote is on Friday.\n"})
    assert not any(a.label == "the author" for a in result.actors)
    assert all(label != "the author" for label, *_ in _attributions(result))
