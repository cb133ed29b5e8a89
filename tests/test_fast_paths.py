"""Faster forms of per-document work give what the plain forms give (kg.extract.coreference's
offset search, kg.extract.nlp's line-break sentence starts, the stance verbs' lexicon rows and the
polarity model's sentences remembered per document, scans that stop at an offset)."""

import random

import spacy

from kg.extract.appositions import _set_off
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


# --------------------------------------------------------------------------- remembered per document

def test_verb_slots_remembered_per_token_of_each_document(nlp):
    from kg.extract.stance.acts import _verb_slots, verb_slots

    first = nlp("Critics condemned the plan. Unions cracked down on dissent and praised the mayor.")
    # the same token positions in another document hold other verbs: its memo is its own
    second = nlp("Critics praised the plan. Unions backed the mayor and slammed the council.")
    for doc in (first, second, first):
        for token in doc:
            assert verb_slots(token) == _verb_slots(token), token.text
    assert any(verb_slots(t) for t in first if t.pos_ == "VERB")
    assert verb_slots(first[1]) != verb_slots(second[1])  # condemned / praised, both at index 1


def test_polarity_of_each_target_as_from_a_fresh_reading_of_the_sentence(nlp):
    from kg.extract.polarity import PolarityModel, extract_features
    from kg.extract.polarity.features import Sentence

    model = PolarityModel.load()
    doc = nlp("Senator Mary Jones said Governor Tom Baker has failed the state. The union praised Jones.")
    first, second = list(doc.sents)
    items = [(first, "Tom Baker"), (first, "Mary Jones"), (second, "union"), (second, "Jones"), (first, "Tom Baker")]
    for span, name in items:
        start = span.text.index(name)
        fresh = model.predict_features([extract_features(Sentence.from_span(span), start, start + len(name),
                                                         model.lexicon)])[0]
        assert model.predict(span.text, start, start + len(name), doc=span) == fresh, name
    assert model.parser._from_span(second) is model.parser._from_span(second)
    assert model.parser._from_span(first).text == [t.text for t in first]


# --------------------------------------------------------------------------- scans that stop early

def _context(nlp, text):
    from kg.extract.actors import extract_mentions
    from kg.extract.clusters import Clusters
    from kg.extract.coreference import Context

    doc = nlp(text)
    mentions = extract_mentions(doc, "d")
    return Context(doc, mentions, Clusters())


def test_tokens_before_an_offset_as_the_filter_over_the_rest_of_the_document(nlp):
    from kg.extract.appositions import _tokens_before

    context = _context(nlp, "The president of the college, Dr. James Whitfield, said the plan would fail.\n"
                            "Critics, including the mayor, Jim Kenney, disagreed.")
    doc = context.doc
    for first in range(len(doc) + 1):
        for end in [0, 5, 30, 31, 50, len(doc.text), len(doc.text) + 3] + [t.idx for t in doc]:
            assert _tokens_before(context, first, end) == [t for t in doc[first:] if t.idx < end], (first, end)


def test_sentence_starts_of_a_context_as_spacys_sentences(nlp):
    context = _context(nlp, "Kenney spoke first. The Times endorsed him:\n\nIt called him a leader.\nHe thanked it.")
    assert context.sentence_starts() == [s[0].idx for s in context.doc.sents]
    assert context.sentence_starts() is context.sentence_starts()  # made once
