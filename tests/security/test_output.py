"""What kg writes for people: CSV that no spreadsheet executes, and terminal lines nobody can forge."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from kg.cli import main


def test_csv_cells_that_look_like_formulas_are_defused(graph_file, tmp_path, capsys):
    query = "SELECT ?label WHERE { <https://example.org/evil> rdfs:label ?label }"
    assert main(["query", str(graph_file), query, "-o", str(tmp_path / "out.csv")]) == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["label"] and rows[1][0].startswith("'=HYPERLINK(")
    # JSON keeps the value as it is (no spreadsheet reads it); the extension picks the format.
    assert main(["query", str(graph_file), query, "-o", str(tmp_path / "out.json")]) == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))[0]["label"].startswith("=HYPERLINK(")
    assert main(["query", str(graph_file), query, "-o", str(tmp_path / "out.txt")]) == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("label\n-----")
    from kg.graph.query import Table

    cells = Table(["a"], [["=1+1"], ["+1"], ["-2"], ["@SUM(A1)"], ["\tx"], ["plain"], [-3], [0.5]]).to_csv()
    assert cells.splitlines()[1:] == ["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain", "-3", "0.5"]


def test_escape_bytes_from_content_reach_the_terminal_only_as_text(graph_file, capsys):
    capsys.readouterr()
    assert main(["query", str(graph_file), "SELECT ?l WHERE { <https://example.org/evil> rdfs:label ?l }"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[31m" in out


def test_a_file_name_cannot_forge_kg_lines(graph_file, tmp_path):
    forged = tmp_path / "x\nkg: 12 documents: all fine\x1b[2K.ttl"
    forged.write_text("this is not Turtle", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(forged), "actors"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr, result.stderr
    assert "not a valid RDF file" in result.stderr and "x\\nkg: 12 documents" in result.stderr
    missing = subprocess.run([sys.executable, "-m", "kg.cli", "validate", str(tmp_path / "a\nkg: valid")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "\\n" in missing.stderr
