"""Graph and alias files are read without fetching anything and without blowing up: remote JSON-LD
contexts are refused everywhere, entity and nesting bombs are refused before any parser runs."""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest

from kg.cli import main

ENTITIES = "".join(f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, 10))
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY l0 "lol">' + ENTITIES + ']>\n'
                  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:p="http://p/">'
                  '<rdf:Description rdf:about="http://a"><p:x>&l9;</p:x></rdf:Description></rdf:RDF>\n')


def _one_error(args: list[str], capsys) -> str:
    capsys.readouterr()
    status = main([str(a) for a in args])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("kg: error: ") and err.count("\n") == 1, err
    return err


def _remote_context(listener, tmp_path, name: str = "remote.jsonld"):
    path = tmp_path / name
    path.write_text('{"@context": "%s", "@id": "http://example.org/a", "name": "A"}' % listener.url.replace(
        "sparql", "context.jsonld"), encoding="utf-8")
    return path


def test_remote_jsonld_contexts_are_refused_by_every_command(listener, tmp_path, capsys):
    remote = _remote_context(listener, tmp_path)
    commands = [["query", remote, "actors"], ["validate", remote], ["stats", remote],
                ["viz", remote, "-o", tmp_path / "v.html"], ["export", remote, "-o", tmp_path / "x.graphml"],
                ["export", remote, "-o", tmp_path / "x.ttl"]]
    for command in commands:
        started = time.monotonic()
        error = _one_error(command, capsys)
        assert "@context given by URL is not allowed" in error, error
        assert time.monotonic() - started < 10
    aliases = _remote_context(listener, tmp_path, "aliases.jsonld")
    (tmp_path / "a.txt").write_text("Jim Kenney said the city would act.", encoding="utf-8")
    error = _one_error(["build", tmp_path / "a.txt", "-o", tmp_path / "g.ttl", "--aliases", aliases], capsys)
    assert "not allowed" in error
    assert listener.settle() == []


def test_remote_contexts_are_refused_by_serve_and_push(listener, tmp_path, capsys):
    remote = _remote_context(listener, tmp_path)
    assert "@context given by URL is not allowed" in _one_error(["serve", remote, "--port", "0"], capsys)
    assert "not allowed" in _one_error(["push", remote, "--endpoint", listener.url], capsys)
    assert listener.settle() == []


def _limited(megabytes: int):
    def limit() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))
    return limit


@pytest.mark.parametrize("name, content, expected", [
    ("laughs.rdf", BILLION_LAUGHS, "expand to more than"),
    ("deep.jsonld", '{"@id": "http://a", "http://p": ' + '{"http://p": ' * 50_000 + "1" + "}" * 50_001,
     "nested more than"),
    ("external.rdf", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
     "external entities are not allowed"),
])
def test_memory_bombs_are_refused_before_parsing(name, content, expected, tmp_path):
    bomb = tmp_path / name
    bomb.write_text(content, encoding="utf-8")
    for command in (["query", str(bomb), "actors"],):
        result = subprocess.run([sys.executable, "-m", "kg.cli", *command], capture_output=True, text=True,
                                timeout=60, preexec_fn=_limited(1500))
        assert result.returncode == 1, (result.returncode, result.stderr)
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr


def test_rdfxml_with_modest_entities_still_loads(tmp_path, capsys):
    owl = tmp_path / "aliases.rdf"
    owl.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY sdo "https://schema.org/">]>\n'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                   'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description '
                   'rdf:about="&sdo;Thing"><rdfs:label>Thing</rdfs:label></rdf:Description></rdf:RDF>\n',
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["query", str(owl), "SELECT ?s WHERE { ?s rdfs:label 'Thing' }", "-f", "csv"]) == 0
    assert "https://schema.org/Thing" in capsys.readouterr().out
