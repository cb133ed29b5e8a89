"""Run SPARQL over a graph: canned queries by name, a ``.rq`` file, or a query string.

The canned queries ship in ``kg/graph/queries/``; their columns are a published contract:

* ``actors``: actor, label, type, aliases, mentions
* ``claims``: claim, speaker, speaker_label, cue, kind, text, doc, start, end
* ``stances``: stance, holder, holder_label, polarity, target, target_label, evidence, confidence, doc

Every query runs on Oxigraph (:mod:`kg.graph.sparql`: checked, offline, explicit dataset), also
over an rdflib Graph, which is copied into an in-memory Oxigraph store first. Results come back
as a :class:`Table` (column names and rows of plain Python values), rendered as a table, CSV or
JSON. Multi-valued cells joined with ``|`` are sorted, so output is stable. This module imports
neither rdflib nor pyoxigraph at load time: ``kg query`` starts fast.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

CANNED_COLUMNS = {
    "actors": ["actor", "label", "type", "aliases", "mentions"],
    "claims": ["claim", "speaker", "speaker_label", "cue", "kind", "text", "doc", "start", "end"],
    "stances": ["stance", "holder", "holder_label", "polarity", "target", "target_label", "evidence",
                "confidence", "doc"],
}
LIST_COLUMNS = {"aliases", "docs"}
_ORDER_TAIL = re.compile(r"\bORDER\s+BY((?:\s+(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*$", re.IGNORECASE)
_ORDER_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)
#: OWASP's rule for CSV meant for spreadsheets: a cell starting with one of these is a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: C0 and C1 control characters (but tab) and DEL: never echoed raw to a terminal.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


class QueryError(ValueError):
    """A query that cannot be found, parsed or run."""


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]]

    def to_csv(self) -> str:
        """CSV for spreadsheets: a text cell that starts like a formula (``=``, ``+``, ``-``, ``@``,
        tab, carriage return) gets a leading ``'`` so that no spreadsheet runs it (OWASP)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([defuse_formula(c) for c in self.columns])
        for row in self.rows:
            writer.writerow(["" if v is None else defuse_formula(v) if isinstance(v, str) else v for v in row])
        return out.getvalue()

    def to_json(self) -> str:
        records = [dict(zip(self.columns, row)) for row in self.rows]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"

    def as_dicts(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def canned_names() -> list[str]:
    folder = resources.files("kg.graph").joinpath("queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq") and not p.name.startswith("_"))


def defuse_formula(text: str) -> str:
    """``text`` as a spreadsheet shows it and never evaluates it."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (line breaks, escapes) shown as
    ``\\n``, ``\\x1b``…, so a file name or article text cannot forge lines or move the cursor."""
    def show(match: re.Match) -> str:
        char = match.group()
        return {"\n": "\\n", "\r": "\\r"}.get(char, f"\\x{ord(char):02x}")
    return _CONTROL.sub(show, text)


def prefix_block() -> str:
    """The ``PREFIX`` lines every query may use undeclared (for servers that need them spelled out)."""
    return resources.files("kg.graph").joinpath("queries/_prefixes.rq").read_text(encoding="utf-8")


def resolve_query(spec: str) -> str:
    """The SPARQL text for a canned name, a ``.rq`` path or a literal query (the standard prefixes
    are not spelled out: the engine is given them)."""
    if spec in canned_names():
        return resources.files("kg.graph").joinpath(f"queries/{spec}.rq").read_text(encoding="utf-8")
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and _is_file(spec)):
        path = Path(spec)
        if not _is_file(spec):
            raise QueryError(f"query file '{printable(spec)}' not found")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise QueryError(f"query file '{printable(spec)}' is not UTF-8 text (byte {error.start})") from None
        except OSError as error:
            raise QueryError(f"query file '{printable(spec)}' cannot be read ({error.strerror or error})") from None
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.IGNORECASE):
        return spec
    if re.match(r"\s*(?:(?:PREFIX|BASE)\b.*\s+)?(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
                spec, re.IGNORECASE | re.DOTALL):
        return spec  # an update: the check refuses it in its own words
    shown = " ".join(spec.split())
    shown = printable(shown if len(shown) <= 60 else shown[:57] + "...")
    raise QueryError(f"'{shown}' is not a canned query ({', '.join(canned_names())}), a .rq file or SPARQL")


def _is_file(spec: str) -> bool:
    """Whether ``spec`` names a file; a string that cannot be a path (too long, NUL) is not one."""
    try:
        return Path(spec).is_file()
    except (OSError, ValueError):
        return False


def split_order_by(sparql: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """A query ending in ``ORDER BY`` over plain variables, as (the query without it, [(variable,
    descending)]); None for any other query.

    Oxigraph decodes IRIs and strings from its dictionary at every comparison of a sort, so the
    store runs such a query unordered and sorts the solutions itself (:func:`kg.graph.sparql.order_key`),
    which is several times faster on large results and gives the same order.
    """
    match = _ORDER_TAIL.search(sparql)
    if match is None:
        return None
    keys = [(name, (direction or "").upper() == "DESC") for direction, name in _ORDER_KEY.findall(match.group(1))]
    return sparql[:match.start()], keys


def sorted_lists(columns: list[str], row: list[object]) -> list[object]:
    """Sort the ``|``-joined values of list columns (aliases, docs): GROUP_CONCAT's order varies."""
    for i, column in enumerate(columns):
        if column in LIST_COLUMNS and isinstance(row[i], str) and row[i]:
            row[i] = "|".join(sorted(set(row[i].split("|"))))
    return row


def render_table(table: Table, max_width: int = 60) -> str:
    """A plain-text table for the terminal."""
    def cell(value: object) -> str:
        text = "" if value is None else printable(str(value).replace("\n", " "))
        return text if len(text) <= max_width else text[: max_width - 1] + "…"
    cells = [[cell(v) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(table.columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
