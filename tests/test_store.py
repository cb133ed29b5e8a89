"""The Oxigraph store: same triples as a file build, incremental adds, queries, exports, CLI."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef

from conftest import extract_texts, wikinews

IDS = ["GUM_news_worship", "GUM_news_stampede", "GUM_news_crane", "GUM_news_asylum"]
KENNEY_1 = ("Philadelphia Mayor Jim Kenney said on Monday that the city would not cooperate with "
            "Immigration and Customs Enforcement. Kenney called the agency's raids cruel.\n")
KENNEY_2 = ("Jim Kenney criticized ICE again on Tuesday. \"We will protect our neighbors,\" Kenney said.\n"
            "Senator Pat Toomey said the mayor was wrong.\n")


@pytest.fixture(scope="module")
def results(nlp):
    from kg.extract.ingest import analyse_structure
    from kg.extract.pipeline import extract

    texts = wikinews(IDS)
    documents = [analyse_structure(doc_id, text) for doc_id, text in texts.items()]
    return list(extract(nlp, documents))


def _store_graph(store) -> set:
    return set(store.rdflib_graph())


def test_fresh_store_holds_exactly_the_file_graph(results, tmp_path, monkeypatch):
    import kg.run.store_build
    from kg.extract.pipeline import merge
    from kg.graph.rdf import to_graph
    from kg.graph.store import GraphStore
    from kg.run.store_build import build_into_store

    # Small batches and actor chunks, so that the batching itself is tested.
    monkeypatch.setattr(kg.run.store_build, "BATCH_DOCS", 1)
    monkeypatch.setattr(kg.run.store_build, "ACTOR_CHUNK", 7)
    expected = set(to_graph(merge(results, "test-model")))
    store = GraphStore(tmp_path / "store")
    summary = build_into_store(iter(results), store, model="test-model")
    assert summary.documents == len(IDS)
    assert _store_graph(store) == expected
    assert len(store) == len(expected)


def test_segments_bound_memory_and_still_merge(results, tmp_path, monkeypatch):
    import kg.run.store_build
    from kg.extract.pipeline import merge
    from kg.graph.rdf import to_graph
    from kg.graph.store import GraphStore
    from kg.run.store_build import build_into_store

    monkeypatch.setattr(kg.run.store_build, "SEGMENT_DOCS", 1)
    store = GraphStore(tmp_path / "store")
    summary = build_into_store(iter(results), store, model="m")
    assert summary.documents == len(IDS)
    graph, expected = store.rdflib_graph(), to_graph(merge(results, "m"))
    identifier = URIRef("https://schema.org/identifier")
    assert set(graph.subject_objects(identifier)) == set(expected.subject_objects(identifier))
    # Each actor has one label and one type, however many segments it appears in.
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    actor = URIRef("https://w3id.org/stancekg/ontology#Actor")
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for node in graph.subjects(rdf_type, actor):
        assert len(list(graph.objects(node, label))) == 1
        assert len(list(graph.objects(node, rdf_type))) == 2


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_exports_stream_the_same_triples(results, tmp_path):
    from kg.graph.store import GraphStore
    from kg.run.store_build import build_into_store

    store = GraphStore(tmp_path / "store")
    build_into_store(iter(results[:2]), store, model="m")
    graph = _store_graph(store)
    for name, fmt, parse in [("g.ttl", "turtle", "turtle"), ("g.nt", "nt", "nt"), ("g.nq", "nquads", "nt"),
                             ("g.trig", "trig", "trig")]:
        store.export(tmp_path / name, fmt)
        assert set(Graph().parse(tmp_path / name, format=parse)) == graph, name
    assert "@prefix skg:" in (tmp_path / "g.ttl").read_text(encoding="utf-8")
    # Offsets keep their datatype and confidences their lexical form, which Oxigraph does not store.
    text = (tmp_path / "g.nt").read_text(encoding="utf-8")
    assert "XMLSchema#nonNegativeInteger" in text
    assert not list(tmp_path.glob(".*.tmp"))


def test_canned_queries_give_the_same_table_on_store_and_rdflib(results, tmp_path):
    from kg.extract.pipeline import merge
    from kg.graph.query import canned_names
    from kg.graph.sparql import run_query
    from kg.graph.rdf import to_graph
    from kg.graph.store import GraphStore
    from kg.run.store_build import build_into_store

    graph = to_graph(merge(results, "m"))
    store = GraphStore(tmp_path / "store")
    build_into_store(iter(results), store, model="m")
    for name in canned_names():
        mine, theirs = store.query(name), run_query(graph, name)
        assert mine.columns == theirs.columns, name
        assert mine.rows == theirs.rows, name
    ask = store.query("ASK { ?s a skg:Actor }")
    assert ask.rows == [[True]]


def test_incremental_adds_skip_known_articles_and_merge_actors(nlp, tmp_path):
    from kg.extract.ingest import analyse_structure
    from kg.extract.pipeline import extract, merge
    from kg.graph.rdf import _Minter, to_graph
    from kg.graph.store import GraphStore
    from kg.run.store_build import build_into_store

    first = [analyse_structure("kenney-1", KENNEY_1)]
    second = [analyse_structure("kenney-1", KENNEY_1), analyse_structure("kenney-2", KENNEY_2)]
    store = GraphStore(tmp_path / "store")
    build_into_store(extract(nlp, first), store, model="m")
    size = len(store)
    mint = _Minter("https://w3id.org/stancekg/id/")
    fresh = [d for d in second if not store.has_document(str(mint.doc(d.id)))]
    assert [d.id for d in fresh] == ["kenney-2"]
    build_into_store(extract(nlp, fresh), store, model="m")
    assert len(store) > size
    graph = store.rdflib_graph()
    kenney = URIRef("https://w3id.org/stancekg/id/actor/jim-kenney")
    docs = {str(o).rsplit("/", 1)[-1] for m in graph.subjects(URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef"), kenney)
            for o in graph.objects(m, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext"))}
    assert docs == {"kenney-1", "kenney-2"}
    reasons = {str(o) for o in graph.objects(kenney, URIRef("https://w3id.org/stancekg/ontology#mergedBecause"))}
    assert "kenney-2: same name as an actor already in the store" in reasons
    labels = list(graph.objects(kenney, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert labels == [Literal("Jim Kenney")]
    # The same actors as one build of both articles (ids and types), documented differences aside.
    together = to_graph(merge(list(extract(nlp, second)), "m"))
    actor = URIRef("https://w3id.org/stancekg/ontology#Actor")
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert set(graph.subjects(rdf_type, actor)) == set(together.subjects(rdf_type, actor))


class FakeKnown:
    """A store's registry in memory (the :class:`kg.graph.registry.Known` protocol)."""

    def __init__(self, actors):
        self.actors = actors

    def lookup(self, key):
        return next((a for a in self.actors if key in a.keys), None)

    def surname_bearers(self, surname):
        return [a for a in self.actors if a.surname == surname]

    def id_taken(self, actor_id):
        return any(a.id == actor_id for a in self.actors)


def test_registry_renumbers_taken_ids_and_joins_surnames():
    from kg.graph.registry import KnownActor, match_known
    from kg.extract.resolve import Actor

    known = FakeKnown([KnownActor("jordan", "Jordan", {"Place": 1}, "d0", {("Place", "jordan")})])
    person = Actor(id="jordan", label="Jordan", type="Person", named=True, aliases=("Jordan",), mentions=[])
    (matched,) = match_known([person], known)
    assert matched.actor.id == "jordan-2" and matched.known is None
    assert match_known([person], None)[0].actor.id == "jordan"


def test_the_registry_joins_a_stored_person_only_when_every_name_is_compatible(nlp):
    from kg.extract.merge import PERSON_KEY
    from kg.graph.registry import KnownActor, match_known

    stored = KnownActor("george-bush", "George W. Bush", {"Person": 1}, "d0", {(PERSON_KEY, "george bush")},
                        "bush", ("George Bush", "George W. Bush"))
    other = extract_texts(nlp, {"b": "George H. W. Bush spoke in Texas on Monday. Bush said he was proud."})
    same = extract_texts(nlp, {"c": "George Bush spoke in Ohio on Monday. Bush said he was tired."})
    (new,) = [m for m in match_known(other.actors, FakeKnown([stored])) if m.actor.label.startswith("George")]
    assert new.known is None and new.actor.id != "george-bush"  # different middle names: another person
    (joined,) = [m for m in match_known(same.actors, FakeKnown([stored])) if m.actor.label.startswith("George")]
    assert joined.actor.id == "george-bush"


def test_cli_build_store_query_and_errors(tmp_path, capsys):
    from kg.cli import main

    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "kenney-1.txt").write_text(KENNEY_1, encoding="utf-8")
    store = tmp_path / "news.store"
    assert main(["build", str(articles), "--store", str(store), "-q", "--no-polarity-model"]) == 0
    (articles / "kenney-2.txt").write_text(KENNEY_2, encoding="utf-8")
    assert main(["build", str(articles), "--store", str(store), "-o", str(tmp_path / "all.nt"),
                 "--no-polarity-model"]) == 0
    err = capsys.readouterr().err
    assert "1 document (1 already in the store)" in err
    assert main(["query", "--store", str(store), "actors", "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any(r["label"] == "Jim Kenney" for r in rows)
    assert main(["query", str(store), "claims", "-f", "csv"]) == 0  # a store folder as GRAPH
    assert capsys.readouterr().out.startswith("claim,speaker")
    assert len(Graph().parse(tmp_path / "all.nt", format="nt")) > 0
    # kg export: the RDF graph itself, streamed from the store.
    assert main(["export", str(store), "-o", str(tmp_path / "again.ttl")]) == 0
    assert set(Graph().parse(tmp_path / "again.ttl")) == set(Graph().parse(tmp_path / "all.nt", format="nt"))
    capsys.readouterr()
    # One-line errors.
    assert main(["build", str(articles), "--store", str(store), "--base", "https://example.org/", "-q"]) == 1
    assert "was built with --base" in capsys.readouterr().err
    assert main(["build", str(articles), "--store", str(tmp_path / "all.nt"), "-q"]) == 1
    assert "is a file, not a store folder" in capsys.readouterr().err
    assert main(["query", "--store", str(tmp_path / "nothing"), "actors"]) == 1
    assert "no store here" in capsys.readouterr().err
    assert main(["build", str(articles), "-q"]) == 1
    assert "-o FILE, --store DIR" in capsys.readouterr().err
    assert main(["query", "--store", str(store), "--endpoint", "http://127.0.0.1:1/sparql", "actors"]) == 1


def test_large_input_streams_through_a_temporary_store(tmp_path, monkeypatch):
    import kg.cli
    from kg.cli import main

    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "kenney-1.txt").write_text(KENNEY_1, encoding="utf-8")
    (articles / "kenney-2.txt").write_text(KENNEY_2, encoding="utf-8")
    assert main(["build", str(articles), "-o", str(tmp_path / "small.ttl"), "-q", "--no-polarity-model"]) == 0
    monkeypatch.setattr(kg.cli, "LARGE_INPUT", 1)
    assert main(["build", str(articles), "-o", str(tmp_path / "large.ttl"), "-q", "--no-polarity-model"]) == 0
    small = set(Graph().parse(tmp_path / "small.ttl"))
    assert small == set(Graph().parse(tmp_path / "large.ttl"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_term_cache_stays_bounded(monkeypatch):
    import kg.graph.store
    from kg.graph.store import _Terms

    monkeypatch.setattr(kg.graph.store, "TERM_CACHE_SIZE", 50)
    terms = _Terms()
    for i in range(1000):
        node = terms.iri(f"https://example.org/claim/{i}")
        assert node.value == f"https://example.org/claim/{i}"
        assert len(terms.iris) <= 50
    assert terms.iri("https://example.org/claim/999") is terms.iri("https://example.org/claim/999")


def test_store_sorts_order_by_itself_like_sparql(tmp_path):
    import pyoxigraph as ox

    from kg.graph.query import split_order_by
    from kg.graph.store import GraphStore

    assert split_order_by("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a DESC(?c)\n") == (
        "SELECT ?a WHERE { ?a ?b ?c } ", [("a", False), ("c", True)])
    assert split_order_by("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a LIMIT 3") is None
    assert split_order_by("SELECT ?a WHERE { ?a ?b ?c } ORDER BY STR(?a)") is None
    assert split_order_by("SELECT * WHERE { { SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a } }") is None

    store = GraphStore(tmp_path / "store")
    p, q = ox.NamedNode("http://ex.org/p"), ox.NamedNode("http://ex.org/q")
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    quads = [ox.Quad(ox.NamedNode(f"http://ex.org/s{i}"), p, ox.Literal(str(n), datatype=integer))
             for i, n in enumerate([10, 9, 100, 9])]
    quads += [ox.Quad(ox.NamedNode("http://ex.org/s1"), q, ox.Literal("b")),
              ox.Quad(ox.NamedNode("http://ex.org/s3"), q, ox.Literal("a"))]
    store.store.extend(quads)
    for order in ("?n ?label ?s", "DESC(?n) ?s", "?label DESC(?s)", "DESC(?label) ?n ?s"):
        text = f"SELECT ?s ?n ?label WHERE {{ ?s <http://ex.org/p> ?n OPTIONAL {{ ?s <http://ex.org/q> ?label }} }} ORDER BY {order}"
        expected = [[s.value, int(n.value), None if label is None else label.value]
                    for s, n, label in store.store.query(text)]
        assert store.query(text).rows == expected, order
