"""kg push / kg query --endpoint against a real Virtuoso (started and stopped by .ci/virtuoso.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / ".ci" / "virtuoso.sh"
KENNEY = ("Philadelphia Mayor Jim Kenney said on Monday that the city would not cooperate with "
          "Immigration and Customs Enforcement. \"We will protect our neighbors,\" Kenney said.\n"
          "Senator Pat Toomey said the mayor was wrong.\n")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """(SPARQL URL, Graph Store URL) of a Virtuoso on 127.0.0.1, for this module only."""
    if shutil.which("virtuoso-t") is None and not Path("/usr/bin/virtuoso-t").exists():
        pytest.skip("virtuoso is not installed (bash .ci/virtuoso.sh install)")
    env = dict(os.environ, KG_VIRTUOSO_DIR=str(tmp_path_factory.mktemp("virtuoso")),
               KG_VIRTUOSO_HTTP_PORT=os.environ.get("KG_TEST_VIRTUOSO_HTTP_PORT", "18895"),
               KG_VIRTUOSO_SQL_PORT=os.environ.get("KG_TEST_VIRTUOSO_SQL_PORT", "11115"))
    started = subprocess.run(["bash", str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=120)
    if started.returncode != 0:
        pytest.fail(f"virtuoso did not start: {started.stderr[-500:]}")
    port = env["KG_VIRTUOSO_HTTP_PORT"]
    try:
        yield f"http://127.0.0.1:{port}/sparql", f"http://127.0.0.1:{port}/sparql-graph-crud-auth"
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg.cli import main

    folder = tmp_path_factory.mktemp("push")
    (folder / "in").mkdir()
    (folder / "in" / "kenney.txt").write_text(KENNEY, encoding="utf-8")
    assert main(["build", str(folder / "in"), "--store", str(folder / "store"), "-o", str(folder / "graph.ttl"),
                 "-q", "--no-polarity-model"]) == 0
    return folder


def test_push_then_canned_queries_match_the_local_store(virtuoso, store, capsys):
    from kg.cli import main
    from kg.graph.query import canned_names

    sparql, crud = virtuoso
    graph = "https://example.org/stancekg/test"
    auth = ["--user", "dba", "--password", "dba"]
    assert main(["push", str(store / "store"), "--endpoint", crud, "--graph", graph, *auth, "-q"]) == 0
    for name in canned_names():
        assert main(["query", "--store", str(store / "store"), name, "-f", "json"]) == 0
        local = capsys.readouterr().out
        assert main(["query", "--endpoint", sparql, "--graph", graph, name, "-f", "json"]) == 0
        assert capsys.readouterr().out == local, name
    # Pushing again replaces the graph; --append adds a file's triples to it.
    assert main(["push", str(store / "graph.ttl"), "--endpoint", crud, "--graph", graph, *auth]) == 0
    assert main(["push", str(store / "graph.ttl"), "--endpoint", crud, "--graph", graph, "--append", *auth]) == 0
    capsys.readouterr()
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert main(["query", "--endpoint", sparql, count, "-f", "csv"]) == 0
    assert main(["query", "--store", str(store / "store"), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv"]) == 0
    remote, local = capsys.readouterr().out.split("n\n")[1:]
    assert remote == local


def test_wrong_password_is_a_one_line_error(virtuoso, store, capsys):
    from kg.cli import main

    _, crud = virtuoso
    assert main(["push", str(store / "store"), "--endpoint", crud, "--graph", "https://example.org/g",
                 "--user", "dba", "--password", "wrong"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "401" in err and "--user/--password" in err


def test_unreachable_or_bad_endpoint(store, capsys):
    from kg.cli import main

    assert main(["push", str(store / "store"), "--endpoint", "http://127.0.0.1:1/x", "--graph", "https://e.org/g"]) == 1
    assert "cannot reach http://127.0.0.1:1/x" in capsys.readouterr().err
    assert main(["push", str(store / "store"), "--endpoint", "ftp://x"]) == 1
    assert "not an http(s) URL" in capsys.readouterr().err
    assert main(["push", str(store / "store"), "--endpoint", "http://127.0.0.1:1/x", "--graph", "not an iri"]) == 1
    assert main(["query", "--endpoint", "http://127.0.0.1:1/sparql", "actors"]) == 1
    assert "cannot reach" in capsys.readouterr().err
