"""Bad input never ends in a traceback: one line naming the file (and line) and a non-zero exit,
or, inside a batch, a warning and a skip with a summary at the end.

Most cases call the CLI's entry point (:func:`kg.cli.main`) in this process, which is what the
``kg`` command runs; a few run ``python -m kg.cli`` in a subprocess where a process matters
(permissions, the real exit status and stderr).
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')
#: Names that are hard on IRIs and Turtle: quotes, angle brackets, a line break, emoji, RTL.
AWKWARD_TEXT = ('Senator Zoë "Zee" O\'Brien <R-NY> 🗳️ said the plan was "a disaster".\n'
                'Mayor Ahmed al-Sayyid criticized the council on Monday. "We oppose it," al-Sayyid said.\n'
                'The minister, Dana Levi 👍🏽, praised the deal.\n')
AWKWARD_ID = 'doc "quoted" <angle>\n🗳️ id'


def run(args: list[str], capsys) -> tuple[int, list[str], str]:
    """``kg ARGS`` in this process: exit status, stderr lines (blank ones dropped), stdout."""
    capsys.readouterr()
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert "Traceback" not in captured.err and "internal error" not in captured.err, captured.err
    return status, lines, captured.out


def one_error(args: list[str], capsys) -> str:
    """Run a command that must fail with exactly one line, ``kg: error: ...``; return that line."""
    status, lines, _ = run(args, capsys)
    assert status != 0
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), lines
    return lines[0]


def _drop_file_permissions_override() -> None:  # pragma: no cover - runs in the child
    """In a child run as root: give up the right to ignore file permissions (a root shell can read
    a mode-000 file; an ordinary user cannot, and that is what these tests are about)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP: gone after exec


def kg_process(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    result = subprocess.run([sys.executable, "-m", "kg.cli", *[str(a) for a in args]], cwd=cwd, capture_output=True,
                            text=True, timeout=120, preexec_fn=_drop_file_permissions_override if as_root else None)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# --------------------------------------------------------------------------- one bad file


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


BAD_FILES = [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\t\n   \r\n", "file holds only whitespace"),
    ("picture.txt", bytes(range(256)) * 40, "binary file"),
    ("scripts.html", b"<html><head><script>var a = 1;</script></head><body><script>go()</script>"
                     b"<style>p {}</style><noscript></noscript></body></html>", "HTML page has no readable text"),
    ("empty.jsonl", b"\n\n", "file is empty"),
    ("huge-line.txt", b"x" * 10_000_000, "too long for one article (10000000 characters"),
    ("huge-words.md", b"word " * 2_100_000, "too long for one article"),
    ("paper.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
]


@pytest.mark.parametrize("name,data,reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_lone_bad_file_is_one_error_line(name, data, reason, tmp_path, capsys):
    path = _write(tmp_path / name, data)
    line = one_error(["build", path, "-o", tmp_path / "out.ttl"], capsys)
    assert line == f"kg: error: {path}: {reason}" or line.startswith(f"kg: error: {path}: {reason}"), line
    assert not (tmp_path / "out.ttl").exists()


def test_missing_input_and_bad_options(tmp_path, capsys):
    assert "no such file or directory" in one_error(["build", tmp_path / "nope.txt", "-o", tmp_path / "o.ttl"], capsys)
    seed = tmp_path / "seed.txt"
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert "does not exist" in one_error(["build", seed, "-o", tmp_path / "missing" / "o.ttl"], capsys)
    assert "is a folder" in one_error(["build", seed, "-o", tmp_path], capsys)
    assert "'xyz' is not one of" in one_error(["build", seed, "-o", tmp_path / "o.ttl", "-f", "xyz"], capsys)
    assert "Missing argument" in one_error(["build"], capsys)
    for name in ("out.xyz", "out"):  # an output kg cannot tell the format of: said before any work, nothing written
        line = one_error(["build", seed, "-o", tmp_path / name], capsys)
        assert "unknown output extension" in line and ".ttl, .nt, .nq, .trig, .jsonld, .json" in line, line
        assert not (tmp_path / name).exists()
    assert main(["build", str(seed), "-o", str(tmp_path / "out.xyz"), "-f", "nt", "-q"]) == 0
    assert (tmp_path / "out.xyz").read_text(encoding="utf-8").startswith("<")
    status, lines, _ = run(["build", seed, "--bogus"], capsys)
    assert status == 2 and lines[0].startswith("kg: error: No such option: --bogus")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipes_and_devices_are_not_read(tmp_path, capsys):
    """A pipe (or /dev/zero behind a symlink) would be read forever."""
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    for name in ("pipe.txt", "zero.txt"):
        line = one_error(["build", tmp_path / name, "-o", tmp_path / "out.ttl"], capsys)
        assert line == f"kg: error: {tmp_path / name}: not a regular file (a pipe, socket or device)"


def test_jsonl_lines_that_are_not_articles_are_named_by_line(tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    lines = ["not json at all", json.dumps({"id": "a", "title": "no text"}), json.dumps({"text": 5}),
             json.dumps({"text": ["a", "list"]}), json.dumps([1, 2]), json.dumps({"text": "   "}),
             "[" * 50_000 + "]" * 50_000]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, err, _ = run(["build", path, "-o", tmp_path / "out.ttl"], capsys)
    assert status == 1
    assert err == [f"kg: warning: {path}:1: not valid JSON (Expecting value)",
                   f"kg: warning: {path}:2: no 'text' field",
                   f"kg: warning: {path}:3: 'text' must be a string, not int",
                   f"kg: warning: {path}:4: 'text' must be a string, not list",
                   f"kg: warning: {path}:5: a line must be a JSON object",
                   f"kg: warning: {path}:6: 'text' is empty",
                   f"kg: warning: {path}:7: not valid JSON (nested too deeply)",
                   "kg: error: no article could be read from the input (7 skipped)"]


def test_invalid_utf8_is_decoded_with_replacement_and_a_warning(tmp_path):
    """Documented choice: bad bytes become U+FFFD (offsets then index the decoded text), with a warning."""
    from kg.extract.readers import read_documents

    path = _write(tmp_path / "latin1.txt", "The mayor said the café was closed.\n".encode("latin-1"))
    problems = []
    documents = list(read_documents([path], problems.append))
    assert [d.text for d in documents] == ["The mayor said the caf\ufffd was closed.\n"]
    assert [p.message() for p in problems] == [f"{path}: invalid UTF-8 at byte 22; bad bytes replaced by U+FFFD"]
    assert not problems[0].fatal


def test_nul_and_lone_surrogates_are_replaced_one_for_one(tmp_path):
    from kg.extract.readers import read_documents

    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Mayor Jones said\u0000 it was \ud800 bad.",
                                "title": "T\ud800"}) + "\n", encoding="utf-8")
    problems = []
    [document] = read_documents([path], problems.append)
    assert document.text == "Mayor Jones said\ufffd it was \ufffd bad." and document.title == "T\ufffd"
    assert [p.message() for p in problems] == [
        f"{path}:1: text holds NUL characters and lone surrogate escapes; replaced by U+FFFD"]


# --------------------------------------------------------------------------- a batch


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A folder of good, odd and bad inputs, built once with the real CLI."""
    folder = tmp_path_factory.mktemp("batch")
    (folder / "good").mkdir()
    _write(folder / "good" / "seed.txt", SEED.read_bytes())
    _write(folder / "latin1.txt", "Mayor Renée Dubois said the café plan was a mistake.\n".encode("latin-1"))
    # nested deeper than libxml2's default limit of 256 levels, past which it would lose the text
    _write(folder / "nested.html", "<div>" * 1_000 + "<p>Governor Ann O'Neil said the budget was \"a disaster\".</p>"
           + "</div>" * 1_000)
    for name, data, _ in BAD_FILES:
        if not name.startswith("huge-words"):
            _write(folder / name, data)
    records = [{"id": AWKWARD_ID, "title": 'A "title" <with>\nbreaks 🗳️', "text": AWKWARD_TEXT},
               {"text": 42}, "not json"]
    (folder / "feed.jsonl").write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
                                       encoding="utf-8")
    (folder / "loop").mkdir()
    os.symlink("..", folder / "loop" / "back-up")
    os.symlink("../loop", folder / "loop" / "self")
    output = folder.parent / f"{folder.name}-graph.ttl"
    return folder, output


def test_a_batch_warns_skips_and_sums_up(batch, capsys):
    folder, output = batch
    status, lines, _ = run(["build", folder, "-o", output, "--quiet"], capsys)
    assert status == 0, lines
    assert all(line.startswith("kg: warning: ") for line in lines), lines
    text = "\n".join(lines)
    for expected in [f"{folder}/empty.txt: file is empty", f"{folder}/blank.txt: file holds only whitespace",
                     f"{folder}/picture.txt: binary file", f"{folder}/scripts.html: HTML page has no readable text",
                     f"{folder}/huge-line.txt: too long for one article", f"{folder}/feed.jsonl:2: 'text' must be a string",
                     f"{folder}/feed.jsonl:3: not valid JSON", f"{folder}/latin1.txt: invalid UTF-8 at byte 9",
                     f"{folder}/loop/self: symbolic link loop, not followed", f"{folder}/paper.pdf: unsupported file type",
                     f"{folder}/empty.jsonl: file is empty"]:
        assert expected in text, expected
    status, lines, _ = run(["build", folder, "-o", output], capsys)
    assert status == 0 and re.fullmatch(r"kg: 4 documents, \d+ skipped: .* -> " + re.escape(str(output)), lines[-1])


def test_an_unsupported_file_in_a_folder_is_counted_and_fails_strict(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text("Mayor Ann Reed said on Monday that the harbor plan was a mistake.\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    output = tmp_path / "out.ttl"
    status, lines, _ = run(["build", folder, "-o", output], capsys)
    assert status == 0 and lines[0] == f"kg: warning: {folder}/notes.pdf: unsupported file type '.pdf', skipped"
    assert lines[-1].startswith("kg: 1 document, 1 skipped: "), lines
    output.unlink()
    status, lines, _ = run(["build", folder, "-o", output, "--strict"], capsys)
    assert status == 1 and lines[-1] == "kg: error: 1 input skipped (--strict); the others were built", lines
    assert output.exists()


def test_awkward_names_keep_the_turtle_valid_and_the_iris_safe(batch, capsys):
    import pyoxigraph as ox

    folder, output = batch
    if not output.exists():
        run(["build", folder, "-o", output, "--quiet"], capsys)
    graph = Graph().parse(output, format="turtle")
    assert sum(1 for _ in ox.parse(path=str(output), format=ox.RdfFormat.TURTLE)) == len(graph)
    iris = {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}
    assert iris and not [iri for iri in iris if UNSAFE_IRI.search(iri)]
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert any("O'Brien" in label for label in labels), sorted(labels)
    assert any("al-Sayyid" in label for label in labels)
    texts = {str(o) for o in graph.objects(None, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"))}
    assert AWKWARD_TEXT in texts and any("\ufffd" in t for t in texts)
    assert Literal('A "title" <with>\nbreaks 🗳️') in set(graph.objects(None, URIRef("https://schema.org/headline")))
    status, lines, out = run(["validate", output], capsys)
    assert status == 0 and out.strip() == f"{output}: valid", (lines, out)
    status, lines, out = run(["query", output, "actors", "--format", "csv"], capsys)
    assert status == 0 and "O'Brien" in out


# --------------------------------------------------------------------------- permissions (a real process)


def test_unreadable_file_and_read_only_output_folder(tmp_path):
    secret = _write(tmp_path / "secret.txt", SEED.read_bytes())
    secret.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = kg_process(["build", secret, "-o", tmp_path / "out.ttl"], tmp_path)
        assert result.returncode == 1 and result.stderr == f"kg: error: {secret}: permission denied\n"
        result = kg_process(["build", ROOT / "seeds", "-o", locked / "out.ttl"], tmp_path)
        assert result.returncode == 1
        assert result.stderr == f"kg: error: {locked}/out.ttl: output folder '{locked}' is not writable\n"
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)


# --------------------------------------------------------------------------- graphs and queries


MALFORMED = [
    ("truncated.ttl", "@prefix : <http://x/> .\n:a :b :c .\n:a :b", "line 3"),
    ("space-in-iri.ttl", "@prefix : <http://x/> .\n:a :b <not an iri> .\n", "line 2"),
    ("binary.ttl", bytes(range(256)), "line 1"),
    ("broken.nt", "<http://x/a> <http://x/b> .\n", "line 1"),
    ("broken.jsonld", '{"@id": "http://x/a", ', ""),
]


@pytest.mark.parametrize("name,content,where", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_rdf_for_query_viz_validate(name, content, where, tmp_path, capsys):
    path = _write(tmp_path / name, content)
    for args in (["query", path, "actors"], ["viz", path, "-o", tmp_path / "a.html"], ["validate", path]):
        line = one_error(args, capsys)
        assert line.startswith(f"kg: error: {path}: not a valid RDF file (") and where in line, line
    assert not (tmp_path / "a.html").exists()
    for args in (["query", tmp_path / "missing.ttl", "actors"], ["validate", tmp_path]):
        assert one_error(args, capsys).startswith("kg: error: ")


def test_sparql_errors_are_one_line(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix : <http://x/> .\n:a :b :c .\n", encoding="utf-8")
    cases = [("SELECT ?x WHERE { ?x ", "SPARQL error: "),
             ("SELECT * WHERE { ?s ?p }", "line 1, column 25"),
             ("nonsense", "'nonsense' is not a canned query"),
             ("multi\nline\nnonsense", "'multi line nonsense' is not a canned query"),
             ("x" * 280, "is not a canned query"),
             ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is not allowed"),
             ("SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", "not allowed"),
             ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 280, None),
             ("SELECT ?service WHERE { ?service ?p ?o }", None),
             (str(tmp_path / "missing.rq"), "query file"),
             ("DELETE WHERE { ?s ?p ?o }", "Update is not allowed")]
    for spec, expected in cases:
        if expected is None:
            status, lines, _ = run(["query", graph, spec], capsys)
            assert status == 0 and lines == [], (spec, lines)
        else:
            assert expected in one_error(["query", graph, spec], capsys), spec
    update = tmp_path / "update.rq"
    update.write_text("PREFIX skg: <urn:x> INSERT DATA { <urn:a> <urn:b> <urn:c> }", encoding="utf-8")
    assert "Update is not allowed" in one_error(["query", graph, update], capsys)
    latin = _write(tmp_path / "latin.rq", "SELECT * WHERE { ?s ?p 'café' }".encode("latin-1"))
    assert "not UTF-8" in one_error(["query", graph, latin], capsys)


def test_a_real_process_prints_one_line_and_exits_non_zero(tmp_path):
    bad = _write(tmp_path / "bad.ttl", "@prefix : <http://x/> .\n:a :b\n")
    result = kg_process(["validate", bad], tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"kg: error: {bad}: not a valid RDF file (line 3, column 1: Unexpected end)\n"
    result = kg_process(["bogus-command"], tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("kg: error: No such command 'bogus-command'.")
