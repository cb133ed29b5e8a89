"""Who speaks when no one is named: the author ("I" and "we" outside quotations), known from a
byline or the page's metadata, else one unnamed "the author" per article (kg/extract/claims/authors.py);
and a share or part of a group ("Half said", "Some in Congress say": kg/extract/claims/speakers.py)."""

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


def test_a_first_person_going_on_into_a_quotation_after_a_speaker_is_the_speakers(run):
    result = run({"q": "Lydia Buchtmann of the food agency says the issue is complicated. We need to \"make sure "
                       "there is enough iodine in the food supply,\" she says.\n\nI think the agency is right.\n"})
    (author,) = [a for a in result.actors if a.label == "the author"]
    assert [m.text for m, _ in author.mentions] == ["I"]  # not the "We" of Buchtmann's words
    assert ("the author", "think", "the agency is right", False) in _attributions(result)


def test_a_share_of_a_group_just_named_speaks_as_that_group(run):
    result = run({"s": "The plant employs 3,000 workers in the town. Half said the plant would close by June. "
                       "Sixty-four percent call the owners greedy.\n"})
    assert [(label, lemma, text) for label, lemma, text, _ in _attributions(result)] == [
        ("3,000 workers", "say", "the plant would close by June"),
        ("3,000 workers", "call", "the owners greedy")]


def test_a_share_without_a_group_named_before_it_is_no_speaker(run):
    result = run({"s": "The council met on Monday in the old town hall.\n\nHalf said the plant would close by June.\n"})
    assert _attributions(result) == []


def test_a_part_of_a_named_body_speaks_for_it(run):
    result = run({"p": "Some in Congress say the bill is dead. Many among Democrats fear that the vote will fail.\n"})
    assert [(label, text) for label, _, text, _ in _attributions(result)] == [
        ("Congress", "the bill is dead"), ("Democrats", "the vote will fail")]


def test_a_named_spokesperson_in_apposition_speaks_in_person(run):
    """ "Banda's spokesman, Amos Chanda, said": Chanda speaks (as "a spokesman for Banda, Amos
    Chanda" does); an unnamed "Banda's spokesman" speaks as Banda."""
    result = run({"s": "Banda's spokesman, Amos Chanda, dismissed the claims as baseless.\n\n"
                       "President Edgar Banda's spokeswoman said the vote was fair.\n"})
    assert [(label, text) for label, _, text, _ in _attributions(result)] == [
        ("Amos Chanda", "the claims as baseless"), ("Edgar Banda", "the vote was fair")]
