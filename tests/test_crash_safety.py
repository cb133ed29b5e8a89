"""Builds that cannot lose data: a build killed at any moment leaves the previous output intact and
the store consistent, and a re-run after a crash ends with the graph of an uninterrupted run.

Kills are real SIGKILLs of a ``kg build`` subprocess: once at a seeded random moment, and once at
the worst moments, injected (the new file written but not yet renamed over the old one; the store
half written).
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "data" / "corpora" / "gum_wikinews" / "articles.jsonl"
IDS = ["GUM_news_worship", "GUM_news_stampede", "GUM_news_crane", "GUM_news_asylum", "GUM_news_flag"]
PREVIOUS = """@prefix schema: <https://schema.org/> .

<https://w3id.org/stancekg/id/doc/previous> a schema:NewsArticle ;
    schema:identifier "previous" .
"""
SEED = 20250611


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """A small JSONL file of GUM Wikinews articles (CC BY 2.5)."""
    tmp_path = tmp_path_factory.mktemp("articles")
    wanted = {}
    with open(ARTICLES, encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record["id"] in IDS:
                wanted[record["id"]] = {"id": record["id"], "text": record["text"]}
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(wanted[i]) + "\n" for i in IDS), encoding="utf-8")
    return path


def _kg(args: list, inject: str = "") -> subprocess.Popen:
    """``kg ARGS`` in a subprocess, after running the Python code ``inject`` (to plant a crash)."""
    code = inject + "\nimport sys\nfrom kg.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.Popen([sys.executable, "-c", code, *[str(a) for a in args]], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _leftovers(folder: Path, expected: set[str]) -> list[str]:
    """Files beside the output that could be mistaken for output: anything but hidden ``.tmp`` files."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name not in expected and not (p.name.startswith(".") and p.name.endswith(".tmp")))


def _assert_previous_intact(output: Path) -> None:
    assert output.read_text(encoding="utf-8") == PREVIOUS
    assert len(Graph().parse(output, format="turtle")) == 2


def test_sigkill_at_a_random_moment_leaves_the_previous_output(articles, tmp_path):
    output = tmp_path / "out" / "graph.ttl"
    output.parent.mkdir()
    output.write_text(PREVIOUS, encoding="utf-8")
    moment = random.Random(SEED).uniform(0.5, 2.0)
    process = _kg(["build", articles, "-o", output, "-q"])
    time.sleep(moment)
    finished = process.poll() is not None
    process.kill()
    process.communicate(timeout=30)
    if not finished:
        assert process.returncode == -signal.SIGKILL
    # Killed before the rename: the previous file, byte for byte. Killed after it (the process may
    # still be exiting, or a fast machine finished first): the new graph, whole. Never a mixture.
    if output.read_text(encoding="utf-8") == PREVIOUS:
        _assert_previous_intact(output)
    else:
        assert len(Graph().parse(output, format="turtle")) > 100
    assert _leftovers(output.parent, {"graph.ttl"}) == []


def test_sigkill_between_writing_and_renaming_leaves_the_previous_output(articles, tmp_path):
    """The new graph is fully written to its temporary file; the process dies before the rename."""
    output = tmp_path / "out" / "graph.ttl"
    output.parent.mkdir()
    output.write_text(PREVIOUS, encoding="utf-8")
    inject = textwrap.dedent(f"""
        import os, signal
        _replace = os.replace
        def _die_before_rename(source, target, *args, **kwargs):
            if str(target) == {str(output)!r}:
                os.kill(os.getpid(), signal.SIGKILL)
            return _replace(source, target, *args, **kwargs)
        os.replace = _die_before_rename
    """)
    process = _kg(["build", articles, "-o", output, "-q"], inject)
    _, err = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, err
    _assert_previous_intact(output)
    temporary = [p for p in output.parent.iterdir() if p.name != "graph.ttl"]
    assert len(temporary) == 1 and temporary[0].name.startswith(".graph.ttl.") and temporary[0].suffix == ".tmp"
    assert _leftovers(output.parent, {"graph.ttl"}) == []
    # The next build goes through and replaces the output.
    assert main(["build", str(articles), "-o", str(output), "-q"]) == 0
    assert len(Graph().parse(output, format="turtle")) > 100


# --------------------------------------------------------------------------- the store


def _has_store_option() -> bool:
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--help"], capture_output=True, text=True,
                            timeout=60)
    return "--store" in result.stdout


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory) -> Path:
    """The store of an uninterrupted build (the store tests skip while kg build has no --store)."""
    if not _has_store_option():
        pytest.skip("kg build has no --store option yet: nothing to resume into")
    folder = tmp_path_factory.mktemp("reference") / "reference.store"
    assert main(["build", str(articles), "--store", str(folder), "-q"]) == 0
    return folder


def _store_triples(folder: Path) -> set:
    from kg.graph.store import GraphStore

    store = GraphStore(folder, read_only=True, create=False)
    try:
        return set(store.rdflib_graph())
    finally:
        store.close()


def _documents_in(folder: Path) -> int:
    from kg.graph.store import GraphStore

    store = GraphStore(folder, read_only=True, create=False)
    try:
        table = store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d schema:identifier ?id ; a nif:Context }")
        return int(table.rows[0][0])
    finally:
        store.close()


def test_a_store_build_killed_half_way_resumes_to_the_uninterrupted_graph(articles, tmp_path, capsys, monkeypatch):
    """Segments of two articles: killed while writing the second segment, the store holds the first
    (whole, consistent), and the re-run ends with the graph of an uninterrupted build."""
    if not _has_store_option():
        pytest.skip("kg build has no --store option yet: nothing to resume into")
    import kg.run.store_build

    monkeypatch.setattr(kg.run.store_build, "SEGMENT_DOCS", 2)
    reference = tmp_path / "reference.store"
    assert main(["build", str(articles), "--store", str(reference), "-q"]) == 0
    expected = _store_triples(reference)
    assert _documents_in(reference) == len(IDS)

    crashed = tmp_path / "crashed.store"
    inject = textwrap.dedent("""
        import os, signal
        import kg.graph.store
        import kg.run.store_build
        kg.run.store_build.SEGMENT_DOCS = 2
        kg.run.store_build.BATCH_DOCS = 1
        commits = []
        _commit = kg.graph.store.GraphStore.commit_segment
        _add = kg.graph.store.GraphStore.add_graph
        def commit_segment(self):
            _commit(self)
            commits.append(1)
        def add_graph(self, *a, **k):
            _add(self, *a, **k)
            if commits:  # writing the second segment, after the first was committed
                self.flush()
                os.kill(os.getpid(), signal.SIGKILL)
        kg.graph.store.GraphStore.commit_segment = commit_segment
        kg.graph.store.GraphStore.add_graph = add_graph
    """)
    process = _kg(["build", articles, "--store", crashed, "-q"], inject)
    _, err = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, err
    assert _documents_in(crashed) == 2  # consistent: it opens, and holds the committed segment

    capsys.readouterr()
    assert main(["build", str(articles), "--store", str(crashed)]) == 0
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert "(2 already in the store)" in summary, summary
    assert _documents_in(crashed) == len(IDS)
    assert _store_triples(crashed) == expected


def test_a_store_build_killed_at_a_random_moment_resumes(articles, reference, tmp_path):
    crashed = tmp_path / "crashed.store"
    process = _kg(["build", articles, "--store", crashed, "-q"])
    time.sleep(random.Random(SEED + 1).uniform(0.5, 2.5))
    process.kill()
    process.communicate(timeout=30)
    written = _documents_in(crashed) if crashed.exists() else 0  # it opens and answers after the kill
    assert main(["build", str(articles), "--store", str(crashed), "-q"]) == 0
    assert _leftovers(tmp_path, {"crashed.store"}) == []
    assert 0 <= written <= len(IDS)
    assert _store_triples(crashed) == _store_triples(reference)


def test_removals_left_by_a_crash_after_the_segment_transaction_are_applied_on_open(tmp_path):
    """A crash between a segment's transaction and its removals: the next open finishes them."""
    import pyoxigraph as ox

    from kg.graph.store import _META, _PENDING, REGISTRY_GRAPH, GraphStore

    store = GraphStore(tmp_path / "s.store")
    old = ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                  ox.Literal("Old label"), ox.DefaultGraph())
    new = ox.Quad(old.subject, old.predicate, ox.Literal("New label"), ox.DefaultGraph())
    pending = ox.serialize([old], format=ox.RdfFormat.N_QUADS).decode("utf-8")
    store.store.extend([old, new, ox.Quad(_META, _PENDING, ox.Literal(pending), REGISTRY_GRAPH)])
    store.close()
    reopened = GraphStore(tmp_path / "s.store", create=False)
    assert old not in reopened.store and new in reopened.store
    assert not list(reopened.store.quads_for_pattern(_META, _PENDING, None, REGISTRY_GRAPH))
    reopened.close()
