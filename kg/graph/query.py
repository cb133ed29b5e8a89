"""Run SPARQL over a graph: canned queries by name, a ``.rq`` file, or a query string.

The canned queries ship in ``kg/graph/queries/``; their columns are a published contract:

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
from typing import Collection, Mapping

from rdflib import BNode, Graph, Literal, URIRef

CANNED_COLUMNS = {
    "actors": ["actor", "label", "type", "aliases", "mentions"],
    "claims": ["claim", "speaker", "speaker_label", "cue", "kind", "text", "doc", "start", "end"],
    "stances": ["stance", "holder", "holder_label", "polarity", "target", "target_label", "evidence",
                "confidence", "doc"],
}
_LIST_COLUMNS = {"aliases", "docs"}
_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)
_ORDER_TAIL = re.compile(r"\bORDER\s+BY((?:\s+(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*$", re.IGNORECASE)
_ORDER_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)


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
    folder = resources.files("kg.graph").joinpath("queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq") and not p.name.startswith("_"))


def _prefixes() -> str:
    return resources.files("kg.graph").joinpath("queries/_prefixes.rq").read_text(encoding="utf-8")


def resolve_query(spec: str) -> str:
    """The SPARQL text for a canned name, a ``.rq`` path or a literal query."""
    if spec in canned_names():
        return _prefixes() + resources.files("kg.graph").joinpath(f"queries/{spec}.rq").read_text(encoding="utf-8")
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and _is_file(spec)):
        path = Path(spec)
        if not _is_file(spec):
            raise QueryError(f"query file '{spec}' not found")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise QueryError(f"query file '{spec}' is not UTF-8 text (byte {error.start})") from None
        except OSError as error:
            raise QueryError(f"query file '{spec}' cannot be read ({error.strerror or error})") from None
        return text if re.search(r"^\s*PREFIX\s+skg:", text, re.IGNORECASE | re.MULTILINE) else _prefixes() + text
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.IGNORECASE):
        return _prefixes() + spec
    shown = " ".join(spec.split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    raise QueryError(f"'{shown}' is not a canned query ({', '.join(canned_names())}), a .rq file or SPARQL")


def _is_file(spec: str) -> bool:
    """Whether ``spec`` names a file; a string that cannot be a path (too long, NUL) is not one."""
    try:
        return Path(spec).is_file()
    except (OSError, ValueError):
        return False


# Tokens in which SERVICE or LOAD is not a keyword: strings (long forms first), IRIs, comments,
# variables and prefixed names. Scanned left to right, so a quote inside a comment or a "#" inside
# a string or an IRI is read as the SPARQL grammar reads it.
_NOT_KEYWORDS = re.compile("|".join([
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n\r]|\\.)*"',  # strings
    r"'(?:[^'\\\n\r]|\\.)*'",
    r'<[^<>"{}|^`\\\x00-\x20]*>',  # IRIs
    r"#[^\n\r]*",  # comments
    r"[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+",  # variables
    r"(?:[^\W\d_][\w.\-]*)?:(?:[\w.\-:%]|\\\S)*",  # prefixed names
]), re.DOTALL)
_REMOTE_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?<\s*((?:https?|ftp|file):[^>]*)>", re.IGNORECASE)
NO_REMOTE = "kg never fetches remote data"


def expand_escapes(sparql: str) -> str:
    """The query with its codepoint escapes (``\\u0053``) expanded, as the SPARQL grammar reads it
    (section 19.2: escapes are processed before parsing, even outside strings)."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        return expandUnicodeEscapes(sparql)
    except ValueError as error:
        raise QueryError(f"SPARQL error: {error}") from None


def check_safe(sparql: str, graphs: Collection[str] = (), prefixes: Mapping[str, str] | None = None) -> None:
    """Refuse, before it runs, a query that could fetch remote data or change data.

    rdflib, Oxigraph and most endpoints run ``SERVICE <url>`` (rdflib also ``LOAD <url>`` and
    ``FROM <url>``) by making real HTTP requests: a server-side request forgery hole. Two checks,
    both on the text with its codepoint escapes expanded (so ``\\u0053ERVICE`` is SERVICE):

    1. the keywords SERVICE and LOAD anywhere outside strings, IRIs, comments, variables and
       prefixed names (so ``?service`` is fine);
    2. rdflib's parse tree: a SERVICE pattern at any depth, any SPARQL Update, and any
       ``FROM`` / ``FROM NAMED`` whose IRI (prefixed names resolved with the query's ``PREFIX``
       lines, then ``prefixes``) is not one of ``graphs``, the named graphs the caller holds.

    A query rdflib cannot parse passes check 2: the engine that runs it reports the syntax error.
    """
    text = expand_escapes(sparql)
    # Both readings: engines differ on whether an escape inside a string can end it.
    for version in (sparql, text):
        found = _FORBIDDEN.search(_NOT_KEYWORDS.sub(" ", version))
        if found:
            raise QueryError(f"{found.group(1).upper()} is not allowed: {NO_REMOTE}")
        keep_iris = _NOT_KEYWORDS.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " ", version)
        if any(m.group(1) not in graphs for m in _REMOTE_FROM.finditer(keep_iris)):
            raise QueryError(f"FROM with a remote or file IRI is not allowed: {NO_REMOTE}")
    problem = _parse_tree_problem(text, set(graphs), dict(prefixes or {}))
    if problem:
        raise QueryError(problem)


def _parse_tree_problem(text: str, graphs: set[str], prefixes: dict[str, str]) -> str | None:
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    try:
        tree = Query.parse_string(text, parse_all=True)
    except Exception:  # pyparsing errors, RecursionError on absurd nesting
        try:
            UpdateUnit.parse_string(text, parse_all=True)
        except Exception:
            return None
        return "SPARQL Update is not allowed: kg only reads graphs"
    base = None
    for declaration in tree[0]:
        if getattr(declaration, "name", None) == "PrefixDecl":
            prefixes[dict.get(declaration, "prefix") or ""] = str(dict.get(declaration, "iri"))
        elif getattr(declaration, "name", None) == "Base":
            base = str(dict.get(declaration, "iri"))
    for node in _compvalues(tree[1]):
        if node.name == "ServiceGraphPattern":
            return f"SERVICE is not allowed: {NO_REMOTE}"
        if node.name == "DatasetClause":
            named = dict.get(node, "named") is not None
            iri = _iri(dict.get(node, "named") if named else dict.get(node, "default"), prefixes, base)
            if iri not in graphs:
                return (f"FROM{' NAMED' if named else ''} <{iri}> is not allowed: {NO_REMOTE}"
                        " (no graph of that name here)")
    return None


def _compvalues(tree: object):
    """Every rdflib ``CompValue`` in a parse tree, at any depth."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        value = stack.pop()
        if isinstance(value, CompValue):
            yield value
            stack.extend(dict.values(value))
        elif isinstance(value, (list, tuple, ParseResults)):
            stack.extend(value)


def _iri(term: object, prefixes: dict[str, str], base: str | None) -> str:
    """The IRI of a parsed ``<iri>`` or ``prefix:local``, as far as it can be resolved."""
    from urllib.parse import urljoin

    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(term, CompValue) and term.name == "pname":
        prefix, local = dict.get(term, "prefix") or "", dict.get(term, "localname") or ""
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        return f"{prefix}:{local}"
    iri = str(term)
    return urljoin(base, iri) if base and ":" not in iri else iri


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


def _error_message(error: Exception, sparql: str) -> str:
    """One line for a SPARQL error, its position counted in the user's text (without the
    PREFIX lines :func:`resolve_query` puts in front)."""
    message = str(error).splitlines()[0].strip() if str(error).strip() else type(error).__name__
    message = re.sub(r"\s*\(at char \d+\),?", "", message)
    shift = _prefixes().count("\n") if sparql.startswith(_prefixes()) else 0

    def position(match: re.Match) -> str:
        line = int(match.group(1)) - shift
        return f"(line {line}, column {match.group(2)})" if line > 0 else match.group(0)
    return re.sub(r"\(line:(\d+), col:(\d+)\)", position, message)


def run_query(graph: Graph, spec: str) -> Table:
    """Run a canned query, a ``.rq`` file or a SPARQL string over ``graph``."""
    sparql = resolve_query(spec)
    check_safe(sparql)
    try:
        result = graph.query(sparql)
    except Exception as error:  # rdflib raises pyparsing and many other errors
        raise QueryError(f"SPARQL error: {_error_message(error, sparql)}") from None
    if result.type == "ASK":
        return Table(["ask"], [[bool(result.askAnswer)]])
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        rows = sorted([[_plain(s), _plain(p), _plain(o)] for s, p, o in result.graph])
        return Table(["subject", "predicate", "object"], rows)
    columns = [str(v) for v in result.vars]
    return Table(columns, [sorted_lists(columns, [_plain(binding[i]) for i in range(len(columns))])
                           for binding in result])


def split_order_by(sparql: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """A query ending in ``ORDER BY`` over plain variables, as (the query without it, [(variable,
    descending)]); None for any other query.

    Oxigraph decodes IRIs and strings from its dictionary at every comparison of a sort, so the
    store runs such a query unordered and sorts the solutions itself (:func:`kg.graph.store.order_key`),
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
        if column in _LIST_COLUMNS and isinstance(row[i], str) and row[i]:
            row[i] = "|".join(sorted(set(row[i].split("|"))))
    return row


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
