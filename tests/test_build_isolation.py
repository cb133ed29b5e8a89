"""One bad article does not end a batch: an internal error in one document is a warning naming it,
the others are built, the summary counts it, and only ``--strict`` turns it into exit status 1.
Also: a store that cannot be written is one line, and killed runs' temporary files are cleaned."""

from __future__ import annotations

import errno
import os

import pytest

from kg.cli import main

TEXTS = {"good.txt": "Philadelphia Mayor Jim Kenney criticized ICE on Monday. \"We will protect our neighbors,\" "
                     "Kenney said.\n",
         "bad.txt": "Senator Pat Toomey said the mayor was wrong about the city's decision.\n"}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def failing_bad_document(monkeypatch):
    import kg.extract.pipeline as pipeline

    real = pipeline.extract_document

    def extract_document(parsed, polarity=None):
        if parsed.document.id == "bad":
            raise ValueError("target span [-3, 5) is not inside the text")
        return real(parsed, polarity)
    monkeypatch.setattr(pipeline, "extract_document", extract_document)


@pytest.mark.parametrize("store", [False, True])
def test_an_internal_error_in_one_document_is_a_warning(corpus, tmp_path, capsys, failing_bad_document, store):
    output = tmp_path / "graph.nt"
    args = ["build", str(corpus), "-o", str(output), "--no-polarity-model"] + (
        ["--store", str(tmp_path / "s.store")] if store else [])
    capsys.readouterr()
    assert main(args) == 0
    err = capsys.readouterr().err
    warning = [line for line in err.splitlines() if line.startswith("kg: warning:")]
    assert len(warning) == 1 and "bad" in warning[0] and "target span [-3, 5)" in warning[0], err
    assert "internal error" in warning[0] and "Traceback" not in err
    assert "1 failed" in err.splitlines()[-1], err
    text = output.read_text(encoding="utf-8")
    assert "doc/good" in text and "doc/bad" not in text
    if not store:
        output.unlink()
        capsys.readouterr()
        assert main(args + ["--strict"]) == 1
        lines = capsys.readouterr().err.splitlines()
        assert lines[-1].startswith("kg: error: 1 document failed") and "--strict" in lines[-1]
        assert output.exists()  # the others were still built


def test_a_store_that_cannot_be_written_is_one_line(corpus, tmp_path, capsys, monkeypatch):
    import kg.run.store_build as store_build

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "IO error: No space left on device")
    monkeypatch.setattr(store_build, "build_into_store", full_disk)
    capsys.readouterr()
    assert main(["build", str(corpus), "--store", str(tmp_path / "s.store"), "--no-polarity-model", "-q"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "No space left" in lines[0]


def test_killed_runs_leave_no_temporary_files_behind(tmp_path):
    from kg.graph.rdf import write_atomic

    target = tmp_path / "graph.ttl"
    dead = tmp_path / ".graph.ttl.999999999.abcd1234.tmp"  # no such process
    live = tmp_path / f".graph.ttl.{os.getpid()}.efgh5678.tmp"  # a write still going on
    old = tmp_path / ".graph.ttl.ijkl9012.tmp"  # the naming before process ids, an hour old
    for path in (dead, live, old):
        path.write_text("partial", encoding="utf-8")
    os.utime(old, (1, 1))
    write_atomic(target, "done\n")
    assert target.read_text(encoding="utf-8") == "done\n"
    assert not dead.exists() and not old.exists() and live.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, live.name])


def test_topics_query_on_graphs_without_topic_stances(tmp_path, capsys):
    """The canned topics query on a valid graph with stances toward actors only: zero rows, no error."""
    graph = tmp_path / "actors_only.ttl"
    graph.write_text(
        "@prefix skg: <https://w3id.org/stancekg/ontology#> . @prefix schema: <https://schema.org/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<http://x/s> a skg:Stance ; skg:holder <http://x/h> ; skg:polarity \"against\" ; skg:target <http://x/a> ;"
        " schema:appearance <http://x/d> .\n<http://x/a> a skg:Actor ; rdfs:label \"A\" .\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["query", str(graph), "topics", "-f", "json"]) == 0
    assert capsys.readouterr().out == "[]\n"


def test_a_person_named_only_by_titles_or_suffixes_does_not_break_merging():
    """A PERSON whose name is only "Jr." ended a 10,000-document batch (IndexError in the merge)."""
    from kg.extract.actors import PERSON
    from kg.extract.merge import merge_documents
    from kg.extract.resolve import LocalActor
    from kg.graph.registry import actor_keys

    suffix_only = LocalActor(key="jr", type=PERSON, named=True, label_cache=(0, "Jr."))
    kenney = LocalActor(key="kenney", type=PERSON, named=True, label_cache=(0, "Jim Kenney"))
    actors = merge_documents([("d1", [suffix_only, kenney]), ("d2", [LocalActor("jr", PERSON, True,
                                                                                  label_cache=(0, "Jr."))])])
    assert sorted(a.label for a in actors) == ["Jim Kenney", "Jr.", "Jr."]
    assert [actor_keys(a) for a in actors if a.label == "Jr."] == [([], None), ([], None)]
