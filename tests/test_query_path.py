"""``kg query`` runs on Oxigraph only and starts light: no rdflib, no spaCy on its way."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

from kg.cli import main

GRAPH = ROOT / "output" / "graph.ttl"


def test_the_query_path_imports_neither_rdflib_nor_spacy(tmp_path):
    store = tmp_path / "seed.store"
    import pyoxigraph as ox

    data = ox.Store(str(store))
    data.bulk_load(path=str(GRAPH), format=ox.RdfFormat.TURTLE)
    del data
    code = ("import sys; from kg.cli import main; "
            f"status = [main(['query', '--store', {str(store)!r}, 'actors', '-f', 'json']), "
            f"main(['query', {str(GRAPH)!r}, 'stances', '-f', 'csv']), "
            f"main(['query', {str(GRAPH)!r}, 'claims', '-o', {str(tmp_path / 'claims.csv')!r}])]; "
            "print(status, sorted(m for m in ('rdflib', 'spacy', 'kg.extract', 'kg.graph.store', 'kg.graph.rdf') "
            "if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "[0, 0, 0] []", result.stderr
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8").startswith("claim,speaker,")


def test_a_trig_file_is_queried_as_one_graph(tmp_path, capsys):
    trig = tmp_path / "graph.trig"
    assert main(["export", str(GRAPH), "-o", str(trig)]) == 0
    answers = []
    for source in (GRAPH, trig):
        capsys.readouterr()
        assert main(["query", str(source), "actors", "-f", "json"]) == 0
        answers.append(json.loads(capsys.readouterr().out))
    assert answers[0] == answers[1] and answers[0]
