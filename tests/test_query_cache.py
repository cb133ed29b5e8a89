"""``kg query FILE``: the cache of loaded stores (kg.graph.cache) and the quick end of the process."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT

import kg.graph.cache as cache
from kg.cli import main
from kg.graph.query import canned_names

GRAPH = ROOT / "output" / "graph.ttl"


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """Every file large enough to cache, the cache under tmp_path, builds in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    monkeypatch.setattr(cache, "start_build", cache.build)
    return folder


def entries(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


def answer(capsys, *args) -> str:
    capsys.readouterr()
    assert main(["query", *args, "-f", "csv"]) == 0
    return capsys.readouterr().out


def test_every_canned_query_gives_the_same_rows_from_the_cache(cached, capsys, monkeypatch):
    first = {name: answer(capsys, str(GRAPH), name) for name in canned_names()}  # loads, then fills the cache
    assert len(entries(cached)) == 1

    def no_loading(*args, **kwargs):
        raise AssertionError("the file was loaded again")

    monkeypatch.setattr(cache, "load_store", no_loading)
    again = {name: answer(capsys, str(GRAPH), name) for name in canned_names()}
    monkeypatch.undo()
    plain = {name: answer(capsys, str(GRAPH), name, "--no-cache") for name in canned_names()}
    assert first == again == plain
    assert sum(text.count("\n") for text in plain.values()) > 50


def test_changed_bytes_are_a_new_entry_and_old_entries_go_past_the_size_limit(cached, tmp_path, capsys, monkeypatch):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(GRAPH.read_bytes())
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = answer(capsys, str(graph), count)
    assert len(entries(cached)) == 1
    with graph.open("a", encoding="utf-8") as stream:
        stream.write('\n<https://example.org/new> <https://example.org/p> "one more" .\n')
    monkeypatch.setenv("KG_CACHE_MAX_MB", "0.000001")  # room for the newest entry only
    after = answer(capsys, str(graph), count)
    assert int(after.split()[-1]) == int(before.split()[-1]) + 1
    assert len(entries(cached)) == 1 and answer(capsys, str(graph), count) == after


def test_a_copy_of_a_cached_file_elsewhere_opens_its_entry_unless_it_has_relative_iris(cached, tmp_path, capsys,
                                                                                        monkeypatch):
    """A file whose IRIs are all absolute (as kg writes them; a "<" in a text does not count) holds
    the same triples anywhere: one entry serves every copy of its bytes. A file with a relative
    IRI reads differently from another folder: an entry for each place."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    original, copy = tmp_path / "a" / "graph.ttl", tmp_path / "b" / "copy.ttl"
    markup = b'<https://example.org/s> <https://example.org/p> "a tweet: <tweet>no</tweet>" .\n'
    original.write_bytes(GRAPH.read_bytes() + markup)
    before = answer(capsys, str(original), count)
    copy.write_bytes(original.read_bytes())

    def no_loading(*args, **kwargs):
        raise AssertionError("the copy was loaded again")

    with monkeypatch.context() as patched:
        patched.setattr(cache, "load_store", no_loading)
        assert answer(capsys, str(copy), count) == before
    assert len(entries(cached)) == 1
    relative = b'<thing> <https://example.org/p> "a copy reads it elsewhere" .\n'
    for path in (original, copy):
        path.write_bytes(GRAPH.read_bytes() + relative)
    subjects = "SELECT ?s WHERE { ?s <https://example.org/p> ?o }"
    for path in (original, copy, original, copy):  # the second time from their entries
        assert (path.parent / "thing").as_uri() in answer(capsys, str(path), subjects)
    assert len(entries(cached)) == 3


def test_a_json_ld_file_is_cached_for_its_place_as_its_parser_drops_what_it_cannot_resolve(cached, tmp_path, capsys):
    """Without a base IRI a JSON-LD parser drops a relative "@id" instead of refusing it, so loading
    without one proves nothing: each copy of the bytes gets its own entry, read against its place."""
    subjects = "SELECT ?s WHERE { ?s <https://example.org/p> ?o }"
    text = b'{"@id": "thing", "https://example.org/p": "read against the file\'s place"}'
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "graph.jsonld").write_bytes(text)
    for folder in ("a", "b", "a", "b"):  # the second time from their entries
        assert (tmp_path / folder / "thing").as_uri() in answer(capsys, str(tmp_path / folder / "graph.jsonld"), subjects)
    assert len(entries(cached)) == 2


def test_no_cache_and_a_folder_others_may_write_to_leave_the_cache_unused(cached, capsys, monkeypatch):
    answer(capsys, str(GRAPH), "actors", "--no-cache")
    assert entries(cached) == []
    monkeypatch.setenv("KG_NO_CACHE", "1")
    answer(capsys, str(GRAPH), "actors")
    assert entries(cached) == []
    monkeypatch.delenv("KG_NO_CACHE")
    cached.mkdir(exist_ok=True)
    cached.chmod(0o777)
    answer(capsys, str(GRAPH), "actors")
    assert entries(cached) == []


def test_the_file_checks_come_before_the_cache(cached, tmp_path, capsys):
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&e;</rdf:RDF>', encoding="utf-8")
    assert main(["query", str(bomb), "actors"]) == 1
    assert "external entities are not allowed" in capsys.readouterr().err
    assert main(["query", str(tmp_path / "absent.ttl"), "actors"]) == 1
    assert "no such file" in capsys.readouterr().err
    assert entries(cached) == []


def test_a_large_file_is_cached_by_a_background_process_and_the_command_ends_cleanly(tmp_path):
    graph = tmp_path / "large.ttl"
    with graph.open("w", encoding="utf-8") as stream:
        for i in range(cache.MIN_BYTES // 90 + 1):
            stream.write(f'<https://example.org/thing/{i}> <http://www.w3.org/2000/01/rdf-schema#label> '
                         f'"thing number {i:08d} of a graph just large enough" .\n')
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("KG_NO_CACHE", None)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    command = [sys.executable, "-m", "kg.cli", "query", str(graph), count, "-f", "csv"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.split() == ["n", str(cache.MIN_BYTES // 90 + 1)]
    deadline = time.monotonic() + 120
    while not entries(tmp_path / "cache") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(entries(tmp_path / "cache")) == 1
    out = tmp_path / "n.csv"
    second = subprocess.run(command + ["-o", str(out)], capture_output=True, text=True, env=env, timeout=120)
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8") == first.stdout
    bad = subprocess.run(command[:-3] + ["SELECT nonsense"], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 1 and bad.stderr.startswith("kg: error:") and len(bad.stderr.splitlines()) == 1


# --------------------------------------------------------------------------- kg build fills the cache


@pytest.fixture
def corpus(tmp_path):
    from conftest import wikinews

    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc_id, text in wikinews(["GUM_news_worship", "GUM_news_stampede"]).items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


def no_loading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the file was loaded")

    monkeypatch.setattr(cache, "load_store", refuse)


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_a_build_through_a_store_puts_a_copy_of_it_in_the_cache(cached, corpus, tmp_path, capsys, monkeypatch, suffix):
    import kg.cli

    monkeypatch.setattr(kg.cli, "LARGE_INPUT", 0)  # a temporary store, as for large inputs
    graph = tmp_path / f"graph{suffix}"
    assert main(["build", str(corpus), "-o", str(graph), "-q", "--no-polarity-model"]) == 0
    assert len(entries(cached)) == 1
    with monkeypatch.context() as patched:
        no_loading(patched)
        warm = {name: answer(capsys, str(graph), name) for name in canned_names()}
        everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
        triples = answer(capsys, str(graph), everything)
    assert warm == {name: answer(capsys, str(graph), name, "--no-cache") for name in canned_names()}
    assert triples == answer(capsys, str(graph), everything, "--no-cache")  # the registry left out
    assert sum(text.count("\n") for text in warm.values()) > 20


def test_a_store_build_puts_the_exported_file_in_the_cache_and_keeps_its_store(cached, corpus, tmp_path, capsys,
                                                                               monkeypatch):
    graph, store = tmp_path / "graph.ttl", tmp_path / "news.store"
    assert main(["build", str(corpus), "--store", str(store), "-o", str(graph), "-q", "--no-polarity-model"]) == 0
    assert len(entries(cached)) == 1
    with monkeypatch.context() as patched:
        no_loading(patched)
        warm = answer(capsys, str(graph), "stances")
    assert warm == answer(capsys, str(graph), "stances", "--no-cache")
    assert answer(capsys, "--store", str(store), "stances") == warm  # the user's store still works, registry kept
    assert main(["build", str(corpus), "--store", str(store), "-o", str(graph), "-q"]) == 0  # nothing new
    assert len(entries(cached)) == 1  # the same bytes: the same entry


def test_a_build_in_memory_has_its_file_cached_and_no_cache_is_honoured(cached, corpus, tmp_path, capsys, monkeypatch):
    graph = tmp_path / "graph.ttl"
    assert main(["build", str(corpus), "-o", str(graph), "-q", "--no-polarity-model", "--no-cache"]) == 0
    monkeypatch.setenv("KG_NO_CACHE", "1")
    assert main(["build", str(corpus), "--store", str(tmp_path / "s"), "-o", str(graph), "-q",
                 "--no-polarity-model"]) == 0
    assert entries(cached) == []
    monkeypatch.delenv("KG_NO_CACHE")
    assert main(["build", str(corpus), "-o", str(tmp_path / "other.nt"), "-f", "ttl", "-q"]) == 0
    assert entries(cached) == []  # written as Turtle, read as N-Triples by its name: not cached
    assert main(["build", str(corpus), "-o", str(graph), "-q", "--no-polarity-model"]) == 0  # start_build: in-process
    assert len(entries(cached)) == 1
    with monkeypatch.context() as patched:
        no_loading(patched)
        warm = answer(capsys, str(graph), "claims")
    assert warm == answer(capsys, str(graph), "claims", "--no-cache")


def test_exporting_a_store_to_a_file_puts_the_store_in_the_cache(cached, corpus, tmp_path, capsys, monkeypatch):
    store = tmp_path / "news.store"
    assert main(["build", str(corpus), "--store", str(store), "-q", "--no-polarity-model"]) == 0
    assert entries(cached) == []
    assert main(["export", str(store), "-o", str(tmp_path / "a.nt"), "--no-cache"]) == 0
    assert entries(cached) == []
    graph = tmp_path / "graph.ttl"
    assert main(["export", str(store), "-o", str(graph)]) == 0
    assert len(entries(cached)) == 1
    with monkeypatch.context() as patched:
        no_loading(patched)
        warm = answer(capsys, str(graph), "actors")
    assert warm == answer(capsys, str(graph), "actors", "--no-cache") == answer(capsys, "--store", str(store), "actors")
