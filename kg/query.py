"""Run SPARQL over a graph: canned queries by name, a ``.rq`` file, or a query string.

The canned queries ship in ``kg/queries/``; their columns are a published contract:

* ``actors``: actor, label, type, aliases, mentions
* ``claims``: claim, speaker, speaker_label, cue, kind, text, doc, start, end
* ``stances``: stance, holder, holder_label, polarity, target, target_label, evidence, confidence, doc

Results come back as a :class:`Table` (column names and rows of plain Python values), rendered
as a table, CSV or JSON. Multi-valued cells joined with ``|`` are sorted, so output is stable.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

CANNED_COLUMNS = {
    "actors": ["actor", "label", "type", "aliases", "mentions"],
    "claims": ["claim", "speaker", "speaker_label", "cue", "kind", "text", "doc", "start", "end"],
    "stances": ["stance", "holder", "holder_label", "polarity", "target", "target_label", "evidence",
                "confidence", "doc"],
}
_LIST_COLUMNS = {"aliases", "docs"}
_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)


class QueryError(ValueError):
    """A query that cannot be found, parsed or run."""


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if v is None else v for v in row])
        return out.getvalue()

    def to_json(self) -> str:
        records = [dict(zip(self.columns, row)) for row in self.rows]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"

    def as_dicts(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def canned_names() -> list[str]:
    folder = resources.files("kg").joinpath("queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq") and not p.name.startswith("_"))


def _prefixes() -> str:
    return resources.files("kg").joinpath("queries/_prefixes.rq").read_text(encoding="utf-8")


def resolve_query(spec: str) -> str:
    """The SPARQL text for a canned name, a ``.rq`` path or a literal query."""
    if spec in canned_names():
        return _prefixes() + resources.files("kg").joinpath(f"queries/{spec}.rq").read_text(encoding="utf-8")
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and Path(spec).is_file()):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"query file '{spec}' not found")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"query file '{spec}' cannot be read: {error}") from None
        return text if re.search(r"^\s*PREFIX\s+skg:", text, re.IGNORECASE | re.MULTILINE) else _prefixes() + text
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.IGNORECASE):
        return _prefixes() + spec
    raise QueryError(f"'{spec}' is not a canned query ({', '.join(canned_names())}), a .rq file or SPARQL")


def check_safe(sparql: str) -> None:
    """Refuse queries that would make the process fetch remote data (SERVICE, LOAD, remote FROM)."""
    body = re.sub(r"#[^\n]*", "", re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', sparql))
    if _FORBIDDEN.search(body):
        raise QueryError("SERVICE and LOAD are not allowed: kg never fetches remote data")
    if re.search(r"\bFROM\s+(NAMED\s+)?<\s*(https?|ftp|file):", body, re.IGNORECASE):
        raise QueryError("FROM with a remote or file IRI is not allowed: kg never fetches remote data")


def _plain(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, Decimal):
            return float(python)
        if isinstance(python, (int, float, bool, str)):
            return python
        return str(value)
    if isinstance(value, (URIRef, BNode)):
        return str(value)
    return str(value)


def run_query(graph: Graph, spec: str) -> Table:
    """Run a canned query, a ``.rq`` file or a SPARQL string over ``graph``."""
    sparql = resolve_query(spec)
    check_safe(sparql)
    try:
        result = graph.query(sparql)
    except Exception as error:  # rdflib raises pyparsing and many other errors
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise QueryError(f"SPARQL error: {message}") from None
    if result.type == "ASK":
        return Table(["ask"], [[bool(result.askAnswer)]])
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        rows = sorted([[_plain(s), _plain(p), _plain(o)] for s, p, o in result.graph])
        return Table(["subject", "predicate", "object"], rows)
    columns = [str(v) for v in result.vars]
    rows = []
    for binding in result:
        row = [_plain(binding[i]) for i in range(len(columns))]
        for i, column in enumerate(columns):
            if column in _LIST_COLUMNS and isinstance(row[i], str) and row[i]:
                row[i] = "|".join(sorted(set(row[i].split("|"))))
        rows.append(row)
    return Table(columns, rows)


def render_table(table: Table, max_width: int = 60) -> str:
    """A plain-text table for the terminal."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"
    cells = [[cell(v) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(table.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
