"""Properties: for arbitrary Unicode text, a build never crashes, its Turtle parses (with rdflib and
Oxigraph), passes validation, and every offset indexes into the text and matches its quoted span."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from kg.graph.vocab import NIF

UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')

NAMES = ['Zoë "Zee" O\'Brien', "Ahmed al-Sayyid", "李明", "Dana Levi 👍🏽", "<Acme Corp>", "Jose\u0301 Pérez",
         "Mayor Jim Kenney", "עמית כהן", "Senator Pat Toomey", "the Department of Homeland Security",
         "Ms. O’Neil", "ICE", "Dr. Ngozi Okonjo-Iweala"]
CUES = ["said", "told reporters", "criticized", "praised", "denied", "said in a statement", "according to",
        "declined to comment", "opposes", "supported", "called the plan"]
# Pieces that stress the structure rules (datelines, live-blog times, separators, chrome) and the
# writers: quotes of every kind, brackets, line breaks, emoji, bidi controls, combining marks,
# control characters other than NUL (the reader replaces NUL).
PIECES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "(", ")", "[", "]", "{", "}", "<", ">", "&", "\\",
          "\n", "\n\n", "\r\n", "\t", "___\n", "---\n", "3:15 p.m.\n", "10 a.m. EDT\n", "PHILADELPHIA (AP) — ",
          "LONDON — ", "🗳️", "👍🏽", "\U0001F1FA\U0001F1F8", "\u202e", "\u202c", "\u200f", "\u200b", "\u0301",
          "\u0308", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffd", " ", ". ", ", ", ": ",
          "; ", "!", "?", "Please read our comment policy.\n", "Follow us on Twitter.\n", "Q: ", "A: ", "#", "%"]

_anything = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_word = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Mn", "So")), min_size=1,
                max_size=10)
_sentence = st.builds(lambda name, cue, words, close: f'{name} {cue} "{" ".join(words)}{close}',
                      st.sampled_from(NAMES), st.sampled_from(CUES), st.lists(_word, max_size=8),
                      st.sampled_from(['."', '," he said.', ".”", "", '."\n', "\n"]))
_newsy = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(NAMES), st.sampled_from(CUES), _word,
                            _sentence), max_size=30).map("".join)
TEXTS = st.one_of(_newsy, st.text(alphabet=_anything, max_size=300),
                  st.lists(_sentence, min_size=1, max_size=6).map(" ".join))


@pytest.fixture(scope="module")
def pipeline():
    """spaCy, loaded once for every example."""
    from kg.extract.nlp import load_pipeline

    return load_pipeline()


def _check_spans(text: str, result) -> None:
    """Every offset of the extraction indexes into ``text`` and matches its quoted span."""
    n = len(text)
    for mention in result.mentions:
        assert 0 <= mention.start <= mention.end <= n and mention.text == text[mention.start:mention.end]
    for claim in result.claims:
        assert 0 <= claim.start <= claim.end <= n and claim.text == text[claim.start:claim.end]
        assert 0 <= claim.cue_start <= claim.cue_end <= n and claim.cue == text[claim.cue_start:claim.cue_end]
    for answer in result.non_answers:
        assert 0 <= answer.start <= answer.end <= n and 0 <= answer.cue_start <= answer.cue_end <= n
    for stance in result.stances:
        assert 0 <= stance.start <= stance.end <= n
        assert 0 <= stance.target.start <= stance.target.end <= n
    for update in result.document.updates:
        assert 0 <= update.marker_start <= update.marker_end <= update.start <= update.end <= n
    for start, end in result.document.non_content:
        assert 0 <= start <= end <= n


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
          derandomize=True)
@given(text=TEXTS)
@example(text='Senator Zoë "Zee" O\'Brien <R-NY> 🗳️ said the plan was "a disaster".\nMayor 李明 praised it.')
@example(text="PHILADELPHIA (AP) — \u202eMayor Jim Kenney\u202c said: “We oppose it.”\n___\n3:15 p.m.\nICE "
              "declined to comment.\x0b\x1f\n")
@example(text="e\u0301\u0301\u0301 \ufeff\"\"\"'''\\\\ <> {} | ^ ` \r\n\t")
def test_a_build_of_any_text_is_valid_rdf_with_exact_offsets(pipeline, text):
    import pyoxigraph as ox

    from kg.extract.ingest import analyse_structure
    from kg.extract.pipeline import extract, merge
    from kg.graph.rdf import serialize, to_graph
    from kg.graph.validate import validate

    assume(text.strip())
    document = analyse_structure("prop", text)
    results = list(extract(pipeline, [document]))
    assert len(results) == 1 and results[0].document.text == text
    _check_spans(text, results[0])
    graph = to_graph(merge(results, "test-model"))
    turtle = serialize(graph, "turtle")
    back = Graph().parse(data=turtle, format="turtle")
    assert len(back) == len(graph)
    assert sum(1 for _ in ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)) == len(graph)
    doc_texts = [str(o) for o in back.objects(None, NIF.isString)]
    assert doc_texts == [text]
    iris = {str(t) for triple in back for t in triple if isinstance(t, URIRef)}
    assert not [iri for iri in iris if UNSAFE_IRI.search(iri)]
    report = validate(back)
    assert report.conforms, report.summary()
    spans = 0
    for span, anchor in back.subject_objects(NIF.anchorOf):
        begin, end = int(back.value(span, NIF.beginIndex)), int(back.value(span, NIF.endIndex))
        assert text[begin:end] == str(anchor)
        assert str(span).endswith(f"#char={begin},{end}")
        spans += 1
    assert spans >= sum(len(r.claims) for r in results)
