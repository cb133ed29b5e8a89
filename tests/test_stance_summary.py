"""The canned query stance-summary: counts for and against, and first/last seen as dates or times only.

first_seen / last_seen once fell back to the document IRI for an undated article and sorted dates
and IRIs together as strings, so a pair seen in an undated article had a last_seen of
``https://…/doc/a1``. They are now taken over the pair's dated stances (the article's date, at
the live-blog update time when there is one), else over update times, else left unbound.
"""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph

from kg.cli import main
from kg.graph.sparql import run_query
from kg.graph.rdf import load_graph
from kg.graph.store import GraphStore

COLUMNS = ["holder", "holder_label", "target", "target_label", "favor", "against", "first_seen",
           "last_seen", "docs"]
# An ISO 8601 date, date-time or (for undated live blogs) time of day; never an IRI.
WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?|\d{2}:\d{2}:\d{2})$")

ARTICLES = [
    {"id": "b1", "date": "2024-03-05",
     "text": "Senator Maria Lopez criticized Governor Ann Kim over the budget."},
    {"id": "b2", "date": "2024-01-20",
     "text": "Senator Maria Lopez praised Governor Ann Kim for the new hospital."},
    # A dated live blog: its stances are dated at their update's time.
    {"id": "live", "date": "2024-03-09",
     "text": "The Latest: budget fight\n\n9:15 a.m.\n\nSenator Maria Lopez criticized Governor Ann Kim over "
             "the budget.\n\n___\n\n2:30 p.m.\n\nSenator Maria Lopez praised Governor Ann Kim for the "
             "compromise.\n"},
    # An undated live blog: only update times.
    {"id": "live2",
     "text": "The Latest: council\n\n10:05 a.m.\n\nMayor Tom Reed criticized Councilman Paul Grant over the "
             "budget.\n\n___\n\n4:40 p.m.\n\nMayor Tom Reed criticized Councilman Paul Grant over the "
             "transit plan.\n"},
]


def write_corpus(folder, records, texts):
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A mixed corpus (undated text files, dated JSONL articles, a dated and an undated live blog)
    built once by ``kg build`` into a Turtle file and an Oxigraph store."""
    tmp = tmp_path_factory.mktemp("summary")
    folder = write_corpus(tmp / "in", ARTICLES, {
        "a1.txt": "Senator Maria Lopez praised Governor Ann Kim for her budget.",
        "a2.txt": "Governor Ann Kim thanked Senator Maria Lopez for her support.",
    })
    ttl, store = tmp / "graph.ttl", tmp / "store"
    assert main(["build", str(folder), "-o", str(ttl), "--store", str(store), "-q", "--no-polarity-model"]) == 0
    return ttl, store


def summary_rdflib(ttl):
    return run_query(load_graph(ttl), "stance-summary")


def summary_oxigraph(store):
    graph_store = GraphStore(store, read_only=True)
    try:
        return graph_store.query("stance-summary")
    finally:
        graph_store.close()


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def summary(request, built):
    ttl, store = built
    return summary_rdflib(ttl) if request.param == "rdflib" else summary_oxigraph(store)


def row(table, holder, target):
    found = [r for r in table.as_dicts() if r["holder_label"] == holder and r["target_label"] == target]
    assert len(found) == 1, (holder, target, table.as_dicts())
    return found[0]


def test_columns_are_unchanged(summary):
    assert summary.columns == COLUMNS


def test_first_and_last_seen_are_dates_over_the_dated_stances(summary):
    r = row(summary, "Maria Lopez", "Ann Kim")
    # a1 (undated) does not count; b2 is the earliest date, the 2:30 p.m. update of "live" the latest.
    assert r["first_seen"] == "2024-01-20"
    assert r["last_seen"] == "2024-03-09T14:30:00"
    assert set(r["docs"].split("|")) == {f"https://w3id.org/stancekg/id/doc/{d}" for d in ("a1", "b1", "b2", "live")}


def test_first_and_last_seen_are_never_iris(summary):
    assert summary.rows
    for r in summary.as_dicts():
        for column in ("first_seen", "last_seen"):
            value = r[column]
            assert value is None or WHEN.match(value), (column, value)
            assert value is None or "://" not in value
        if r["first_seen"] is not None:
            assert r["last_seen"] is not None and r["first_seen"] <= r["last_seen"]


def test_a_pair_with_no_dated_stance_has_no_first_or_last_seen(summary):
    r = row(summary, "Ann Kim", "Maria Lopez")  # only in the undated a2.txt
    assert (r["favor"], r["against"]) == (1, 0)
    assert r["first_seen"] is None and r["last_seen"] is None


def test_an_undated_live_blog_gives_update_times(summary):
    r = row(summary, "Tom Reed", "Paul Grant")
    assert (r["favor"], r["against"]) == (0, 2)
    assert (r["first_seen"], r["last_seen"]) == ("10:05:00", "16:40:00")


def test_contradictions_show_both_counts(summary):
    r = row(summary, "Maria Lopez", "Ann Kim")  # praised twice and in the live blog, criticized twice
    assert (r["favor"], r["against"]) == (3, 2)


def test_rdflib_and_oxigraph_agree(built):
    ttl, store = built
    ours, theirs = summary_rdflib(ttl), summary_oxigraph(store)
    assert ours.columns == theirs.columns
    assert sorted(map(repr, ours.rows)) == sorted(map(repr, theirs.rows))


def test_the_reported_case_from_the_command_line(tmp_path, capsys):
    """One undated article and one dated JSONL article: last_seen was the undated article's IRI."""
    folder = write_corpus(tmp_path / "in", [ARTICLES[0]], {
        "a1.txt": "Senator Maria Lopez praised Governor Ann Kim for her budget."})
    ttl = tmp_path / "x.ttl"
    assert main(["build", str(folder), "-o", str(ttl), "-q", "--no-polarity-model"]) == 0
    capsys.readouterr()
    assert main(["query", str(ttl), "stance-summary", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and list(rows[0]) == COLUMNS
    r = rows[0]
    assert (r["holder_label"], r["target_label"], r["favor"], r["against"]) == ("Maria Lopez", "Ann Kim", 1, 1)
    assert (r["first_seen"], r["last_seen"]) == ("2024-03-05", "2024-03-05")


# A hand-made graph: datePublished as xsd:date, xsd:dateTime and strings, update local times.
HANDMADE = """
@prefix skg: <https://w3id.org/stancekg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .

ex:h a skg:Actor ; rdfs:label "H" .
ex:t a skg:Actor ; rdfs:label "T" .
ex:u a skg:Actor ; rdfs:label "U" .
ex:v a skg:Actor ; rdfs:label "V" .
ex:w a skg:Actor ; rdfs:label "W" .

ex:d1 schema:datePublished "2024-04-30"^^xsd:date .
ex:d2 schema:datePublished "2024-05-01T08:00:00Z"^^xsd:dateTime .
ex:d3 schema:datePublished "2024-05-02" .
ex:d4 schema:datePublished "May 9, 2024" .
ex:d5 schema:datePublished "2024-05-02 23:00:00" .
ex:undated a schema:LiveBlogPosting .
ex:up1 a skg:Update ; skg:localTime "07:30:00"^^xsd:time .
ex:up2 a skg:Update ; skg:localTime "23:59:00"^^xsd:time .
ex:up3 a skg:Update ; skg:localTime "09:00:00"^^xsd:time .

ex:s1 a skg:Stance ; skg:holder ex:h ; skg:polarity "favor" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:d1 .
ex:s2 a skg:Stance ; skg:holder ex:h ; skg:polarity "against" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:d2 .
ex:s3 a skg:Stance ; skg:holder ex:h ; skg:polarity "against" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:d3 ; skg:update ex:up1 .
ex:s4 a skg:Stance ; skg:holder ex:h ; skg:polarity "favor" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:undated ; skg:update ex:up2 .
ex:s5 a skg:Stance ; skg:holder ex:h ; skg:polarity "favor" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:d4 .
ex:s6 a skg:Stance ; skg:holder ex:h ; skg:polarity "favor" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:d5 .

ex:s7 a skg:Stance ; skg:holder ex:u ; skg:polarity "against" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:d4 .
ex:s8 a skg:Stance ; skg:holder ex:v ; skg:polarity "against" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:undated ; skg:update ex:up3 .
ex:s9 a skg:Stance ; skg:holder ex:v ; skg:polarity "favor" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:undated .
ex:s10 a skg:Stance ; skg:holder ex:w ; skg:polarity "favor" ; skg:target ex:t ; skg:targetActor ex:t ;
    schema:appearance ex:undated .
"""


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def handmade(request, tmp_path_factory):
    graph = Graph().parse(data=HANDMADE, format="turtle")
    if request.param == "rdflib":
        return run_query(graph, "stance-summary")
    graph_store = GraphStore(tmp_path_factory.mktemp("handmade") / "store")
    try:
        graph_store.add_graph(graph)
        return graph_store.query("stance-summary")
    finally:
        graph_store.close()


def test_dates_and_date_times_compare_like_with_like(handmade):
    assert handmade.columns == COLUMNS
    r = row(handmade, "H", "T")
    assert (r["favor"], r["against"]) == (4, 2)
    # The undated 23:59 update and the "May 9, 2024" date do not enter; a date sorts before the
    # times of its day; "2024-05-02 23:00:00" is read as 2024-05-02T23:00:00, after 07:30 that day.
    assert r["first_seen"] == "2024-04-30"
    assert r["last_seen"] == "2024-05-02T23:00:00"


def test_a_date_in_another_form_is_not_compared(handmade):
    r = row(handmade, "U", "T")
    assert r["first_seen"] is None and r["last_seen"] is None


def test_update_times_without_any_date(handmade):
    r = row(handmade, "V", "T")  # one stance at 09:00, one outside any update
    assert (r["favor"], r["against"]) == (1, 1)
    assert (r["first_seen"], r["last_seen"]) == ("09:00:00", "09:00:00")


def test_no_date_and_no_time_is_unbound(handmade):
    r = row(handmade, "W", "T")
    assert r["first_seen"] is None and r["last_seen"] is None
    for r in handmade.as_dicts():
        assert all(v is None or WHEN.match(v) for v in (r["first_seen"], r["last_seen"])), r
