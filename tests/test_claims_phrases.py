"""Phrase cues: a verb and a word hanging on it attribute together ("took aim at", "made it clear
that", "as X put it"); the lexicon lists them as "verb_word" rows (kg/extract/models/cues.tsv)."""

from __future__ import annotations

import pytest

from conftest import extract_texts


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text):
        result = extract_texts(nlp, {"t": text})
        (doc,) = result.documents
        return [(result.actor_of[id(c.speaker)].label, c) for c in doc.claims]
    return run


def test_made_it_clear_that_reports_the_clause_not_the_word_clear(claims_of):
    claims = claims_of("Governor Anna Berg made it clear that she would veto the budget. "
                       "Senator Tom Reyes made clear that the vote would wait until spring.")
    assert [(s, c.text, c.cue_class, c.is_statement) for s, c in claims] == [
        ("Anna Berg", "she would veto the budget", "speech", True),
        ("Tom Reyes", "the vote would wait until spring", "speech", True)]


def test_acts_named_by_a_phrase_are_attributions_not_claims(claims_of):
    claims = claims_of("Mayor Lisa Ortiz took aim at the new parking rules on Monday. "
                       "Councilman Dan Webb took issue with the city budget. "
                       "Senator Ken Hale distanced himself from the party platform.")
    found = {(s, c.text, c.cue_class, c.is_statement) for s, c in claims}
    assert found == {("Lisa Ortiz", "the new parking rules", "evaluative", False),
                     ("Dan Webb", "the city budget", "evaluative", False),
                     ("Ken Hale", "the party platform", "evaluative", False)}


def test_as_someone_put_it_attributes_the_clause_beside_it(claims_of):
    claims = claims_of("As Senator Ruth Adler put it, the tax code rewards the wrong people.")
    assert [(s, c.text) for s, c in claims] == [("Ruth Adler", "the tax code rewards the wrong people")]


def test_the_same_verbs_without_the_phrase_word_attribute_nothing(claims_of):
    assert claims_of("Mayor Lisa Ortiz took a taxi to the airport. Senator Ruth Adler put the report on the table. "
                     "Governor Anna Berg made a cake for the fair.") == []
