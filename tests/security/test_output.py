"""What kg writes for people: CSV that no spreadsheet executes, and terminal lines nobody can forge."""

from __future__ import annotations

import csv
import io
import json

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


def test_a_file_name_cannot_forge_kg_lines(tmp_path, capsys):
    forged = tmp_path / "x\nkg: 12 documents: all fine\x1b[2K.ttl"
    forged.write_text("this is not Turtle", encoding="utf-8")
    for command, expected in ((["query", str(forged), "actors"], "not a valid RDF file"),
                              (["validate", str(tmp_path / "a\nkg: valid")], "no such file")):
        capsys.readouterr()
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "\x1b" not in err and expected in err, err
        assert "\\n" in err  # the line break in the name, shown as text
