"""The first wall around SPARQL: read a query as Oxigraph will, and refuse what could reach out.

kg runs SPARQL only on Oxigraph, and Oxigraph executes ``SERVICE <url>`` with a real HTTP request
(a server-side request forgery hole), and ``FROM <g>`` reads whatever graph the store holds (also
kg's hidden actor registry). pyoxigraph has no algebra API, so this module reads the query with
the lexical grammar of SPARQL 1.1 (section 19) as Oxigraph implements it, which differs from
rdflib's in two places that matter: a ``#`` comment ends at a carriage return as well as a line
feed, and ``\\u`` codepoint escapes are expanded inside strings only (``\\u0053ERVICE`` is a
syntax error to Oxigraph, a keyword to rdflib). Oxigraph's parser also decides by context whether
``<`` opens an IRI or compares (``FILTER(1<2)SERVICE#>`` is a comparison, then SERVICE). The
check reads every query eight ways (comments ending at CR or LF, or at LF only; escapes kept or
expanded; ``<`` after an operand inside parentheses as an IRI or as less-than); Oxigraph's own
reading must tokenise (else the query is malformed), and the query is refused if any reading finds:

* the keyword ``SERVICE`` or ``LOAD`` (so ``?service``, ``"SERVICE"``, ``<…/SERVICE>`` and
  ``# SERVICE`` are fine);
* a ``FROM`` / ``FROM NAMED`` naming a graph that is not one of the caller's graphs;
* an update (403 at the endpoint), or a query nested past what the engine can parse safely.

It is a first wall only. The second, which does not depend on reading the text the way the
engine does, is :mod:`kg.graph.sandbox` (the engine runs without network on Linux) and the
explicit dataset :func:`kg.graph.sparql.run` hands Oxigraph (the hidden graphs are not in it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Collection, Mapping
from urllib.parse import urljoin

NO_REMOTE = "kg never fetches remote data"
#: Brackets nested deeper than this, or more operators than this, are refused: Oxigraph parses
#: and plans queries recursively, and a 10,000-fold UNION overflowed its stack (a segfault).
MAX_DEPTH = 400
MAX_OPERATORS = 4_000

QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_OPERATOR_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "EXISTS", "VALUES"}
_OPERATORS = {"||", "&&", "/", "|", "^", "+", "-", "*", "=", "!=", "<", ">", "<=", ">=", "!", "^^"}

# The terminals of SPARQL 1.1 (section 19.8), in the order they are tried. The comment is filled
# in per reading: Oxigraph and the grammar end a comment at CR or LF; rdflib only at LF.
# Python's \w stands in for the grammar's long lists of Unicode ranges (the same letters and digits).
_PN_CHARS_BASE = r"^\W\d_"  # a letter (used inside [...] only)
_PN_CHARS = r"\w\-\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN_PATTERNS = [
    ("ws", r"[ \t\r\n]+"),
    ("comment", None),
    ("string", r'"""(?:[^"\\]|\\.|"(?!""))*"""|' r"'''(?:[^'\\]|\\.|'(?!''))*'''|"
               r'"(?:[^"\\\n\r]|\\.)*"|' r"'(?:[^'\\\n\r]|\\.)*'"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("pname", rf"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?:"
              rf"(?:(?:[{_PN_CHARS}:]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?)?"),
    ("bnode", rf"_:[{_PN_CHARS}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("var", r"[?$]\w[\w\u00B7\u0300-\u036F\u203F-\u2040]*"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|\|\||&&|!=|<=|>=|<<|>>|\{\||\|\}|[{}()\[\];,.=<>!+\-*/|^?]"),
]


def _lexer(comment: str) -> re.Pattern:
    parts = [f"(?P<{name}>{comment if pattern is None else pattern})" for name, pattern in _TOKEN_PATTERNS]
    return re.compile("|".join(parts), re.DOTALL)


#: (lexer, codepoint escapes expanded first, "<" after an operand inside brackets is less-than).
#: The first is Oxigraph's reading of a triple pattern; the second its reading of an expression,
#: where ``FILTER(1<2)SERVICE#>`` is a comparison followed by SERVICE, not the IRI ``<2)SERVICE#>``.
_READINGS = [(_lexer(comment), expand, less_than)
             for expand in (False, True) for comment in (r"#[^\r\n]*", r"#[^\n]*") for less_than in (False, True)]
_OPERAND_KINDS = {"string", "iri", "pname", "var", "number", "langtag", "bnode"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryRefused(ValueError):
    """A query kg will not run; ``status`` is the HTTP status an endpoint answers with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class QueryPlan:
    """What the check read: the query form, and the dataset its FROM clauses name."""

    form: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass
class _Token:
    kind: str
    text: str
    start: int


def tokens(text: str, lexer: re.Pattern | None = None, less_than: bool = False) -> list[_Token] | None:
    """The query's tokens without white space and comments; None where no terminal fits.

    With ``less_than``, a ``<`` inside parentheses right after an operand is the operator.
    """
    lexer = lexer or _READINGS[0][0]
    found: list[_Token] = []
    position = depth = 0
    while position < len(text):
        if less_than and depth > 0 and text[position] == "<" and found and (
                found[-1].kind in _OPERAND_KINDS or found[-1].text == ")"):
            operator = "<=" if text.startswith("<=", position) else "<"
            found.append(_Token("punct", operator, position))
            position += len(operator)
            continue
        match = lexer.match(text, position)
        if match is None or match.end() == position:
            return None
        if match.lastgroup not in {"ws", "comment"}:
            found.append(_Token(match.lastgroup, match.group(), position))
            depth += {"(": 1, ")": -1}.get(match.group(), 0) if match.lastgroup == "punct" else 0
        position = match.end()
    return found


def _expand(text: str) -> str | None:
    try:
        return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    except (ValueError, OverflowError):
        return None


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def inspect(sparql: str, graphs: Collection[str] = (), prefixes: Mapping[str, str] | None = None) -> QueryPlan:
    """Read ``sparql`` every way an engine might and return its form and dataset; raise
    :class:`QueryRefused` for SERVICE, LOAD, a FROM outside ``graphs``, an update or a query too
    deeply nested. A query the engine's own reading cannot tokenise is refused as malformed."""
    expanded = _expand(sparql)
    for lexer, expand, less_than in _READINGS[1:]:
        text = expanded if expand else sparql
        other = tokens(text, lexer, less_than) if text is not None else None
        if other is not None:  # a reading no engine can tokenise cannot be run that way either
            _plan(other, set(graphs), dict(prefixes or {}))
    primary = tokens(sparql)
    if primary is None:
        bad = _first_untokenisable(sparql)
        raise QueryRefused(f"malformed query: unexpected character {sparql[bad]!r} at {_position(sparql, bad)}")
    return _plan(primary, set(graphs), dict(prefixes or {}))


def _first_untokenisable(text: str) -> int:
    lexer, position = _READINGS[0][0], 0
    while position < len(text):
        match = lexer.match(text, position)
        if match is None or match.end() == position:
            return position
        position = match.end()
    return max(0, len(text) - 1)


def _plan(found: list[_Token], graphs: set[str], prefixes: dict[str, str]) -> QueryPlan:
    words = [t.text.upper() if t.kind == "word" else None for t in found]
    for word in ("SERVICE", "LOAD"):
        if word in words:
            raise QueryRefused(f"{word} is not allowed: {NO_REMOTE}")
    _check_complexity(found, words)
    base, start = _prologue(found, words, prefixes)
    form = words[start] if start < len(words) else None
    if form in UPDATE_WORDS:
        raise QueryRefused("SPARQL Update is not allowed: kg only reads graphs (the endpoint is read-only)", 403)
    plan = QueryPlan(form if form in QUERY_FORMS else "")
    for i, word in enumerate(words):
        if word != "FROM":
            continue
        named = i + 1 < len(words) and words[i + 1] == "NAMED"
        at = i + 2 if named else i + 1
        target = found[at] if at < len(found) else None
        if target is None or target.kind not in {"iri", "pname"}:
            continue  # not a dataset clause the engine can run: it reports the syntax error
        iri = _resolve(target, prefixes, base)
        if iri not in graphs:
            raise QueryRefused(f"FROM{' NAMED' if named else ''} <{iri}> is not allowed: {NO_REMOTE}"
                               " (no graph of that name here)")
        (plan.named_graphs if named else plan.default_graphs).append(iri)
    return plan


def _check_complexity(found: list[_Token], words: list[str | None]) -> None:
    depth = deepest = operators = 0
    for token, word in zip(found, words):
        if token.kind == "punct":
            if token.text in "{([":
                depth += 1
                deepest = max(deepest, depth)
            elif token.text in "})]":
                depth -= 1
            elif token.text in _OPERATORS:
                operators += 1
        elif word in _OPERATOR_WORDS:
            operators += 1
    if deepest > MAX_DEPTH:
        raise QueryRefused(f"query too complex: brackets nested {deepest} deep (at most {MAX_DEPTH})")
    if operators > MAX_OPERATORS:
        raise QueryRefused(f"query too complex: {operators} operators (at most {MAX_OPERATORS})")


def _prologue(found: list[_Token], words: list[str | None], prefixes: dict[str, str]) -> tuple[str | None, int]:
    """Read the BASE and PREFIX declarations into ``prefixes``; the base and where the body starts."""
    base, i = None, 0
    while i < len(found):
        if words[i] == "BASE" and i + 1 < len(found) and found[i + 1].kind == "iri":
            base, i = found[i + 1].text[1:-1], i + 2
        elif (words[i] == "PREFIX" and i + 2 < len(found) and found[i + 1].kind == "pname"
              and found[i + 2].kind == "iri"):
            prefixes[found[i + 1].text.rstrip(":")] = found[i + 2].text[1:-1]
            i += 3
        else:
            break
    return base, i


def _resolve(token: _Token, prefixes: dict[str, str], base: str | None) -> str:
    if token.kind == "iri":
        iri = token.text[1:-1]
        return urljoin(base, iri) if base and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) else iri
    prefix, _, local = token.text.partition(":")
    if prefix in prefixes:
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return token.text
