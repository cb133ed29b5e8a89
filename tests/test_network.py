"""kg.analysis records, graphs, camps, stats and export: the camp algorithm on hand-made signed graphs,
the graphs read from RDF files, rdflib graphs and stores, and the outputs of kg stats and kg export."""

from __future__ import annotations

import csv
import doctest
import io
import itertools
import json
import random
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.analysis import camps as camps_module
from kg.analysis import example, export, graphs, layout, records, stats
from kg.analysis.camps import camps, frustration
from kg.analysis.graphs import signed_graph, stance_graph
from kg.analysis.example import example_graph
from kg.cli import main
from kg.graph import vocab

ROOT = Path(__file__).resolve().parent.parent
GRAPH_TTL = ROOT / "output" / "graph.ttl"
EX = "https://example.org/"


@pytest.mark.parametrize("module", [records, example, graphs, camps_module, stats, export, layout])
def test_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE, extraglobs={"example_graph": example_graph})
    assert result.attempted >= 1 and result.failed == 0


# --------------------------------------------------------------------------- camps


def brute_force_frustration(S: nx.Graph, weight: str = "weight") -> float:
    """The least frustration of any split in two, by trying them all (independent of kg.analysis.network)."""
    nodes = sorted({n for u, v in S.edges() for n in (u, v)})
    best = float("inf")
    for sides in itertools.product((0, 1), repeat=len(nodes)):
        side = dict(zip(nodes, sides))
        cost = sum(abs(d[weight]) for u, v, d in S.edges(data=True)
                   if u != v and d[weight] != 0 and ((side[u] == side[v]) != (d[weight] > 0)))
        best = min(best, cost)
    return 0.0 if best == float("inf") else best


def signed(edges, directed=True, nodes=()):
    S = nx.DiGraph() if directed else nx.Graph()
    S.add_nodes_from(nodes)
    S.add_weighted_edges_from(edges)
    return S


def test_balanced_graph_splits_into_its_two_sides():
    # Two alliances {a, b, c} and {x, y}, every tie across them negative.
    S = signed([("a", "b", 1), ("b", "c", 1), ("c", "a", 0.5), ("x", "y", 2),
                ("a", "x", -1), ("y", "b", -1), ("c", "y", -0.3)])
    result = camps(S)
    assert sorted(map(sorted, result.camps)) == [["a", "b", "c"], ["x", "y"]]
    assert result.frustration == 0 and result.share_explained == 1.0
    assert result.edges == result.explained_edges == 7
    assert result.method == "exact" and result.unaligned == []


def test_only_positive_ties_make_one_camp():
    result = camps(signed([("a", "b", 1), ("b", "c", 1)]))
    assert result.camps == [["a", "b", "c"]] and result.frustration == 0


def test_enemies_only_split_in_two_but_a_side_of_one_is_no_camp():
    result = camps(signed([("a", "b", -1)]))
    assert result.camps == [] and result.unaligned == ["a", "b"]
    assert result.frustration == 0 and result.explained_edges == 1  # the split itself explains the edge
    result = camps(signed([("a", "b", -1), ("b", "c", 1), ("c", "d", 1)]))
    assert result.camps == [["b", "c", "d"]] and result.partition["a"] is None


def test_unbalanced_triangle_has_frustration_one():
    # "The enemy of my enemy is my friend" fails in a triangle of three enemies: one edge stays
    # unexplained whatever the split.
    result = camps(signed([("a", "b", -1), ("b", "c", -1), ("c", "a", -1)], directed=False))
    assert result.frustration == 1.0
    assert result.edges == 3 and result.explained_edges == 2
    assert result.share_explained == pytest.approx(2 / 3)
    assert len(result.frustrated_edges) == 1


def test_weights_decide_which_edge_is_sacrificed():
    # a+b strongly allied, b-c weakly hostile, a+c weakly allied: the weak edge is the frustrated one.
    result = camps(signed([("a", "b", 3.0), ("b", "c", -0.2), ("a", "c", 1.0)]))
    assert result.camps == [["a", "b", "c"]]
    assert result.frustration == pytest.approx(0.2)
    assert result.frustrated_edges == [("b", "c")]


def test_weight_none_counts_signs():
    S = signed([("a", "b", 3.0), ("b", "c", -0.2), ("a", "c", 1.0)])
    for u, v, d in S.edges(data=True):
        d["sign"] = 1 if d["weight"] > 0 else -1
    assert camps(S, weight="sign").frustration == 1.0


def test_reciprocal_edges_of_opposite_sign_both_count():
    # a backs b, b opposes a: one of the two directed edges is frustrated, whatever the split.
    result = camps(signed([("a", "b", 1.0), ("b", "a", -0.4)]))
    assert result.frustration == pytest.approx(0.4)
    assert result.camps == [["a", "b"]]


def test_isolated_and_zero_weight_nodes_are_unaligned():
    S = signed([("a", "b", 1), ("c", "d", 0.0), ("e", "e", -1)], nodes=["z"])
    result = camps(S)
    assert sorted(result.unaligned) == ["c", "d", "e", "z"]
    assert all(result.partition[n] is None for n in "cdez")
    assert result.edges == 1


def test_each_component_is_split_on_its_own():
    S = signed([("a", "b", 1), ("c", "d", -1), ("d", "e", 1), ("c", "f", 1)])
    result = camps(S)
    assert sorted(map(sorted, result.camps)) == [["a", "b"], ["c", "f"], ["d", "e"]]
    assert result.frustration == 0


def test_camps_are_ordered_by_mentions():
    S = signed([("a", "b", -1), ("a", "c", 1), ("b", "d", 1)])
    for node, mentions in zip("abcd", (1, 9, 1, 0)):
        S.nodes[node]["mentions"] = mentions
    result = camps(S)
    assert result.camps == [["b", "d"], ["a", "c"]]
    assert (result.partition["b"], result.partition["a"]) == (1, 2)  # camps are numbered from 1


def test_empty_graph():
    result = camps(nx.DiGraph())
    assert result.camps == [] and result.unaligned == [] and result.share_explained == 1.0


def test_result_does_not_depend_on_insertion_order():
    edges = [("a", "b", 1), ("b", "c", -1), ("c", "d", 1), ("d", "a", -1), ("a", "c", -1), ("b", "d", 1)]
    expected = camps(signed(edges))
    for seed in range(5):
        shuffled = edges[:]
        random.Random(seed).shuffle(shuffled)
        result = camps(signed(shuffled))
        assert (result.camps, result.frustration) == (expected.camps, expected.frustration)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.sampled_from([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0])),
                max_size=16))
def test_exact_search_matches_brute_force(edges):
    S = signed(edges)
    assert camps(S).frustration == pytest.approx(brute_force_frustration(S))


def planted(n: int, seed: int, noise: float = 0.0, density: float = 0.3) -> tuple[nx.DiGraph, dict]:
    """A random signed graph with two planted sides; ``noise`` flips that share of the signs."""
    rng = random.Random(seed)
    side = {f"n{i:02d}": rng.random() < 0.5 for i in range(n)}
    S = nx.DiGraph()
    for u, v in itertools.permutations(sorted(side), 2):
        if rng.random() < density:
            sign = 1 if side[u] == side[v] else -1
            if rng.random() < noise:
                sign = -sign
            S.add_edge(u, v, weight=sign * rng.choice([0.5, 0.75, 1.0]))
    return S, side


def test_heuristic_recovers_a_planted_split_in_a_large_graph():
    S, side = planted(60, seed=3)
    result = camps(S)
    assert result.method == "spectral+local" and result.frustration == 0
    found = {n: result.partition[n] for n in S}
    # Same split, up to the names of the sides.
    assert len({(side[n], found[n]) for n in S}) == 2


@pytest.mark.parametrize("seed", range(4))
def test_heuristic_finds_the_optimum_of_small_noisy_graphs(seed):
    S, _ = planted(12, seed=seed, noise=0.15, density=0.5)
    exact = camps(S)
    heuristic = camps(S, exact_limit=0)
    assert exact.method == "exact" and heuristic.method == "spectral+local"
    assert heuristic.frustration == pytest.approx(exact.frustration)
    assert exact.frustration == pytest.approx(brute_force_frustration(S))


def test_frustration_of_a_given_partition():
    S = signed([("a", "b", 1), ("b", "c", -1), ("a", "c", 2)], directed=False)
    assert frustration(S, {"a": 0, "b": 0, "c": 1}) == (2.0, [("a", "c")])
    assert frustration(S, {"a": 0, "b": 0, "c": None})[0] == 3.0


# --------------------------------------------------------------------------- graphs from RDF


def test_stance_graph_nodes_and_edges():
    G = stance_graph(example_graph())
    mayor = G.nodes[EX + "mayor"]
    assert mayor["type"] == "Person" and mayor["role"] == "mayor" and mayor["posts"] == ["Springfield's mayor"]
    assert mayor["aliases"] == ["Quimby"] and mayor["claims"] == 1 and mayor["mentions"] == 1
    assert G.nodes[EX + "city"]["type"] == "Place" and G.nodes[EX + "city"]["mentions"] == 2
    # The topic stance (no target actor) is not an actor edge.
    assert G.number_of_edges() == 4
    assert all(d["target_kind"] == "actor" for _, _, d in G.edges(data=True))
    edge = G.edges[EX + "mayor", EX + "dot", EX + "s1"]
    assert edge["polarity"] == "against" and edge["sign"] == -1 and edge["confidence"] == 0.8
    assert edge["evidence"] == "The mayor said the department broke the rules."
    assert edge["document_id"] == "doc1" and edge["update"] == "9:00 a.m." and edge["time"] == "09:00:00"
    assert edge["headline"] == "Springfield ends data sharing"


def test_stance_graph_filters():
    rdf = example_graph()
    assert stance_graph(rdf, min_confidence=0.7).number_of_edges() == 3
    assert stance_graph(rdf, documents_wanted=["doc1"]).number_of_edges() == 4
    assert stance_graph(rdf, documents_wanted=[EX + "doc"]).number_of_edges() == 4
    assert stance_graph(rdf, documents_wanted=["other"]).number_of_edges() == 0
    assert stance_graph(rdf, documents_wanted=["other"]).number_of_nodes() == 4


def test_self_stances_and_unknown_polarities_are_not_edges():
    rdf = example_graph()
    for name, polarity, target in (("s6", "against", "city"), ("s7", "neutral", "dot")):
        stance = URIRef(EX + name)
        rdf.add((stance, RDF.type, vocab.SKG.Stance))
        rdf.add((stance, vocab.SKG.holder, URIRef(EX + "city")))
        rdf.add((stance, vocab.SKG.polarity, Literal(polarity)))
        rdf.add((stance, vocab.SKG.target, URIRef(EX + target)))
        rdf.add((stance, vocab.SKG.targetActor, URIRef(EX + target)))
    assert stance_graph(rdf).number_of_edges() == 4


def test_stance_graph_from_a_file(tmp_path):
    path = tmp_path / "g.ttl"
    example_graph().serialize(path, format="turtle")
    assert nx.utils.graphs_equal(stance_graph(path), stance_graph(example_graph()))
    assert stance_graph(str(path)).number_of_edges() == 4
    with pytest.raises(TypeError):
        stance_graph(42)


def test_signed_graph_nets_out_favor_and_against():
    rdf = example_graph()
    stance = URIRef(EX + "s8")  # the mayor also backs the department once, with 0.5
    for p, o in ((RDF.type, vocab.SKG.Stance), (vocab.SKG.holder, URIRef(EX + "mayor")), (vocab.SKG.polarity, Literal("favor")),
                 (vocab.SKG.target, URIRef(EX + "dot")), (vocab.SKG.targetActor, URIRef(EX + "dot")),
                 (vocab.SKG.confidence, Literal(0.5))):
        rdf.add((stance, p, o))
    S = signed_graph(stance_graph(rdf))
    edge = S[EX + "mayor"][EX + "dot"]
    assert edge["weight"] == pytest.approx(-0.3) and edge["sign"] == -1
    assert (edge["favor"], edge["against"], edge["count"]) == (1, 1, 2)
    counted = signed_graph(stance_graph(rdf), weight=None)[EX + "mayor"][EX + "dot"]
    assert counted["weight"] == 0 and counted["sign"] == 0
    assert camps(signed_graph(stance_graph(rdf), weight=None)).edges == 3


def test_claim_graph():
    C = graphs.claim_graph(example_graph())
    claim = next(n for n, k in C.nodes(data="kind") if k == "claim")
    assert C.nodes[claim]["text"] == "the department broke the rules"
    assert C.has_edge(EX + "mayor", claim) and C.has_edge(claim, EX + "dot")
    assert C.nodes[EX + "topic"]["kind"] == "topic"
    topic_edge = C.edges[EX + "city", EX + "topic", EX + "s5"]
    assert topic_edge["relation"] == "stance" and topic_edge["polarity"] == "against"


def test_topics_by_side_counts_holders_per_camp():
    rdf = example_graph()
    result = camps(signed_graph(stance_graph(rdf)))
    rows = stats.topics_by_side(records.stance_records(rdf), result.partition)
    assert rows[0]["label"] == "data sharing" and rows[0]["holders"] == 1
    assert rows[0]["sides"] == [{"camp": result.partition[EX + "city"], "favor": [], "against": [EX + "city"]}]
    # A holder outside every camp is counted as unaligned.
    assert stats.topics_by_side(records.stance_records(rdf), {})[0]["sides"][0]["camp"] is None


def test_layout_is_deterministic_and_in_the_unit_square():
    G = stance_graph(example_graph())
    partition = camps(signed_graph(G)).partition
    first, second = layout.layout(G, partition), layout.layout(G.copy(), partition)
    assert first == second and set(first) == set(G)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first.values())
    # Loners (the press) go to the bottom band.
    assert first[EX + "press"][1] == max(y for _, y in first.values())
    assert layout.layout(nx.MultiDiGraph()) == {}


# --------------------------------------------------------------------------- the seed article


def labels_of(G, nodes):
    return {G.nodes[n]["label"] for n in nodes}


def side_of(G, result, word):
    """The camp of the actor whose label contains ``word``: found by the data, not by IRI."""
    def names(n):
        return {G.nodes[n]["label"].lower()} | {a.lower() for a in G.nodes[n]["aliases"]}
    matches = [n for n in G if word.lower() in names(n)]
    if not matches:
        matches = [n for n in G if any(word.lower() in name for name in names(n))]
    assert len(matches) == 1, (word, labels_of(G, matches))
    return result.partition[matches[0]]


def test_seed_camps(seed_graph):
    G = stance_graph(seed_graph)
    result = camps(signed_graph(G))
    city = side_of(G, result, "Philadelphia")
    federal = side_of(G, result, "ICE")
    assert city is not None and federal is not None and city != federal
    assert side_of(G, result, "Kenney") == city
    assert side_of(G, result, "judge") == city
    assert side_of(G, result, "Department of Homeland Security") == federal
    assert side_of(G, result, "Trump administration") == federal
    assert result.share_explained >= 0.8


def test_seed_stats_table_via_cli(capsys):
    assert main(["stats", str(GRAPH_TTL)]) == 0
    out = capsys.readouterr().out
    camp_lines = [line for line in out.splitlines() if line.strip()[:2] in ("1.", "2.")]
    assert len(camp_lines) == 2
    city = next(line for line in camp_lines if "Philadelphia's side" in line)
    federal = next(line for line in camp_lines if line is not city)
    for name in ("Jim Kenney", "judge"):
        assert name in city and name not in federal
    for name in ("U.S. Immigration and Customs Enforcement", "Department of Homeland Security", "Trump administration"):
        assert name in federal and name not in city
    assert "explains" in out and "frustration index" in out
    assert "cooperation with immigration enforcement" in out


def test_seed_stats_json(capsys, tmp_path):
    target = tmp_path / "stats.json"
    assert main(["stats", str(GRAPH_TTL), "--format", "json", "-o", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["counts"]["actors"] == len(data["actors"])
    assert data["most_opposed"][0]["label"] == "U.S. Immigration and Customs Enforcement"
    assert data["most_supported"][0]["label"] == "Philadelphia"
    assert data["camps"]["share_explained"] == 1.0 and data["camps"]["method"] == "exact"
    sides = [{m["label"] for m in side["members"]} for side in data["camps"]["sides"]]
    city = next(side for side in sides if "Philadelphia" in side)
    assert {"Jim Kenney", "judge"} <= city
    assert {"Department of Homeland Security", "U.S. Immigration and Customs Enforcement"}.isdisjoint(city)
    assert any({"Department of Homeland Security", "U.S. Immigration and Customs Enforcement"} <= side for side in sides)


def test_stats_min_confidence(capsys):
    assert main(["stats", str(GRAPH_TTL), "-f", "json", "--min-confidence", "0.99"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["actor_edges"] == 0 and data["camps"]["sides"] == []


@pytest.mark.parametrize("args, message", [
    (["stats", "missing.ttl"], "no such file"),
    (["stats", str(GRAPH_TTL), "-f", "xml"], "unknown format 'xml'"),
    (["stats", str(GRAPH_TTL), "--min-confidence", "2"], "between 0 and 1"),
    (["stats", str(GRAPH_TTL), "--top", "0"], "--top must be at least 1"),
    (["export", str(GRAPH_TTL), "-o", "out.csv"], "choose a .graphml, .gexf or .json"),
    (["export", str(GRAPH_TTL), "-o", "/no/such/folder/out.gexf"], "does not exist"),
    (["export", "missing.ttl", "-o", "out.gexf"], "no such file"),
])
def test_cli_user_errors_are_one_line(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_stats_on_a_graph_without_stances(tmp_path, capsys):
    path = tmp_path / "empty.ttl"
    path.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    assert main(["stats", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0 actors" in out and "(no stances between actors)" in out


# --------------------------------------------------------------------------- export


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_export_round_trips_and_is_deterministic(suffix, tmp_path, capsys):
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    assert main(["export", str(GRAPH_TTL), "-o", str(first)]) == 0
    assert main(["export", str(GRAPH_TTL), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    G = stance_graph(GRAPH_TTL)
    if suffix == ".graphml":
        back = nx.read_graphml(first)
    elif suffix == ".gexf":
        back = nx.read_gexf(first)
        assert 'mode="dynamic"' not in first.read_text(encoding="utf-8")
    else:
        data = json.loads(first.read_text(encoding="utf-8"))
        back = nx.MultiDiGraph()
        back.add_nodes_from((n["data"]["id"], n["data"]) for n in data["elements"]["nodes"])
        back.add_edges_from((e["data"]["source"], e["data"]["target"], e["data"]["id"], e["data"])
                            for e in data["elements"]["edges"])
        assert all("position" in n for n in data["elements"]["nodes"])
        assert len({e["data"]["id"] for e in data["elements"]["edges"]}) == G.number_of_edges()
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    kenney = next(n for n, d in back.nodes(data=True) if d.get("label") == "Jim Kenney")
    philadelphia = next(n for n, d in back.nodes(data=True) if d.get("label") == "Philadelphia")
    assert back.nodes[kenney]["camp"] == back.nodes[philadelphia]["camp"] != 0
    edge = next(iter(back.edges(data=True)))[2]
    assert edge["polarity"] in ("favor", "against") and edge["evidence"]
    assert "evidence_start" in edge


def test_export_graph_has_only_flat_attributes():
    E = export.export_graph(GRAPH_TTL)
    for _, data in E.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    for _, _, data in E.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
        assert data["weight"] == pytest.approx(data["sign"] * data["confidence"])


def test_write_network_rejects_other_suffixes(tmp_path):
    with pytest.raises(ValueError, match="choose a .graphml"):
        export.write_network(export.export_graph(example_graph()), tmp_path / "x.dot")


def test_summary_counts_match_rdf():
    from kg.graph.rdf import load_graph

    rdf = load_graph(GRAPH_TTL)
    data = stats.summary(rdf)
    assert data["counts"]["stances"] == len(set(rdf.subjects(RDF.type, vocab.SKG.Stance)))
    assert data["counts"]["claims"] == len(set(rdf.subjects(RDF.type, vocab.SDO.Claim)))
    assert data["counts"]["actors"] == len(set(rdf.subjects(RDF.type, vocab.SKG.Actor)))
    text = stats.format_summary(data)
    assert text.endswith("\n") and "Actors (by mentions)" in text


# --------------------------------------------------------------------------- outputs agree


def seed_store(tmp_path):
    """The seed graph in an Oxigraph store folder, as kg build --store leaves it."""
    from kg.graph.rdf import load_graph
    from kg.graph.store import GraphStore

    folder = tmp_path / "seed.store"
    graph_store = GraphStore(folder)
    graph_store.add_graph(load_graph(GRAPH_TTL))
    graph_store.close()
    return folder


def test_stats_output_follows_the_file_extension(tmp_path, capsys):
    for name in ("s.json", "s.csv", "s.txt", "s.out"):
        assert main(["stats", str(GRAPH_TTL), "-o", str(tmp_path / name)]) == 0
    json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8"))))
    assert rows and {"actor", "label", "camp", "camp_name"} <= set(rows[0])
    for name in ("s.txt", "s.out"):
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("1 document, ")
    # An explicit --format wins over the extension.
    assert main(["stats", str(GRAPH_TTL), "-f", "csv", "-o", str(tmp_path / "x.json")]) == 0
    assert (tmp_path / "x.json").read_text(encoding="utf-8").startswith("actor,label,")


def test_query_output_follows_the_file_extension(tmp_path, capsys):
    for name in ("a.csv", "a.json", "a.txt"):
        assert main(["query", str(GRAPH_TTL), "actors", "-o", str(tmp_path / name)]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8"))))
    assert rows and list(rows[0]) == ["actor", "label", "type", "aliases", "mentions"]
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))[0]["label"] == rows[0]["label"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").startswith("actor ")


def test_camp_numbers_agree_in_every_output(tmp_path, capsys):
    """One camp number per actor in the stats table, JSON and CSV, the GraphML export and the page."""
    from kg.analysis.page import page_data

    for name in ("s.json", "s.csv", "s.txt"):
        assert main(["stats", str(GRAPH_TTL), "-o", str(tmp_path / name)]) == 0
    assert main(["export", str(GRAPH_TTL), "-o", str(tmp_path / "a.graphml")]) == 0
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    by_json = {r["label"]: r["camp"] for r in data["actors"]}
    assert sorted(set(by_json.values()) - {None}) == [1, 2]
    members = {m["label"]: side["camp"] for side in data["camps"]["sides"] for m in side["members"]}
    assert members == {label: camp for label, camp in by_json.items() if camp is not None}
    by_csv = {r["label"]: int(r["camp"]) if r["camp"] else None
              for r in csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8")))}
    assert by_csv == by_json
    exported = nx.read_graphml(tmp_path / "a.graphml")
    assert {d["label"]: d["camp"] or None for _, d in exported.nodes(data=True)} == by_json
    page = {n["label"]: n["camp"] for n in page_data(GRAPH_TTL)["nodes"] if n["kind"] == "actor"}
    assert page == {label: camp for label, camp in by_json.items() if label in page}
    table = (tmp_path / "s.txt").read_text(encoding="utf-8")
    for label, camp in by_json.items():
        row = next(line for line in table.splitlines() if line.strip().startswith(label[:40]))
        assert row.split()[-1] == ("-" if camp is None else str(camp))
        if camp is not None:
            assert any(line.strip().startswith(f"{camp}. ") and label in line for line in table.splitlines())


def test_stats_and_export_read_a_store_as_they_read_the_file(tmp_path, capsys):
    folder = seed_store(tmp_path)
    assert stats.summary(folder) == stats.summary(GRAPH_TTL)
    for source, name in ((folder, "store.json"), (GRAPH_TTL, "file.json")):
        assert main(["export", str(source), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "store.json").read_bytes() == (tmp_path / "file.json").read_bytes()


def test_an_rdflib_graph_an_oxigraph_store_and_a_file_give_the_same_records():
    from kg.graph.rdf import load_graph

    from_file = records.stance_records(GRAPH_TTL)
    rdf = load_graph(GRAPH_TTL)
    assert records.stance_records(rdf) == from_file
    assert records.stance_records(records.open_graph(GRAPH_TTL)) == from_file
    assert len(from_file) == len(set(rdf.subjects(RDF.type, vocab.SKG.Stance))) > 10
    assert all(r.headline for r in from_file)


def test_bad_sources_are_one_line_errors(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "x.txt").write_text("x", encoding="utf-8")
    for args, message in ((["stats", str(bad)], "not a valid RDF file (line 2"),
                          (["stats", str(folder)], "is a folder, not an RDF file"),
                          (["viz", str(bad), "-o", str(tmp_path / "x.html")], "not a valid RDF file")):
        assert main(args) == 1
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err
    with pytest.raises(TypeError):
        records.open_graph(42)


def test_readme_examples_come_from_real_runs(capsys):
    """The README's stats excerpt and Turtle sample are what kg stats and kg build write today."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert main(["stats", str(GRAPH_TTL)]) == 0
    report = capsys.readouterr().out
    excerpt = readme.split("On the seed (from `kg stats output/graph.ttl`):\n\n```\n", 1)[1].split("```", 1)[0]
    assert excerpt.strip() and excerpt in report
    sample = readme.split("```turtle\n", 1)[1].split("```", 1)[0]
    ttl = GRAPH_TTL.read_text(encoding="utf-8")
    for block in sample.split("\n\n")[1:]:
        assert block.strip() in ttl, block[:80]


def test_layout_of_many_actors_packs_components_deterministically():
    """Above 400 actors with edges (an export of every actor) each component is laid out alone."""
    G = nx.MultiDiGraph()
    G.add_edges_from((f"a{i:03d}", f"b{i:03d}") for i in range(450))
    G.add_edges_from((f"c{i:02d}", f"c{i + 1:02d}") for i in range(30))
    pos = layout.layout(G, {})
    assert pos == layout.layout(G.copy(), {}) and len(pos) == G.number_of_nodes()
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    assert len(set(pos.values())) == len(pos)  # no two actors on the same spot
