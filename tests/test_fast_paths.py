"""Faster forms of per-document work give what the plain forms give (kg.extract.coreference's
offset search, kg.extract.nlp's line-break sentence starts)."""

import random

import spacy

from kg.extract.coreference import _set_off
from kg.extract.nlp import line_break_sentences

MARKS = {",", "—", "-", "("}


def test_set_off_finds_every_offset_the_text_between_is_one_mark_with_spaces():
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(" ,—-(a\n\t") for _ in range(rng.randint(0, 12)))
        at = rng.randint(0, len(text))
        before = {p for p in range(at) if text[p:at].strip() in MARKS}
        after = {q for q in range(at + 1, len(text) + 1) if text[at:q].strip() == ","}
        assert set(_set_off(text, at, -1, MARKS)) == before, (text, at)
        assert set(_set_off(text, at, 1, {","})) == after, (text, at)


def _starts_one_by_one(doc):
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return [token.is_sent_start for token in doc]


def test_line_break_sentence_starts_as_token_by_token():
    nlp = spacy.blank("en")
    texts = ["Hello world.\nNew paragraph here\n\nAnother one", "a\n", "\n\nx y", "x", "",
             "Tab\t\nz  \n w", "no break at all", "ends with a break\n"]
    for text in texts:
        expected, doc = nlp.make_doc(text), nlp.make_doc(text)
        if len(doc) > 2:  # a start set before stays as it was
            expected[2].is_sent_start = False
            doc[2].is_sent_start = False
        assert [t.is_sent_start for t in line_break_sentences(doc)] == _starts_one_by_one(expected), text
