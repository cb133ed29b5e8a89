"""SPARQL results as the protocol carries them: content negotiation and the result writers.

SELECT and ASK answer as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, JSON-LD,
N-Triples or RDF/XML. The CSV is SPARQL 1.1's: cells are the terms' values, unchanged (unlike
``kg query --format csv``, which is for spreadsheets and defuses formula-like cells).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"

# Result formats: name -> media type. The first of each list is the default.
SELECT_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_FORMATS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
                 "rdfxml": "application/rdf+xml"}
_FORMAT_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt", "n-triples": "nt", "rdf": "rdfxml",
                   "text": "tsv"}
_MEDIA_ALIASES = {"application/json": "json", "text/json": "json", "application/xml": "xml", "text/xml": "xml",
                  "application/x-turtle": "ttl", "application/turtle": "ttl", "text/plain": "nt",
                  "application/x-ndjson": None}
_OX_GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
                     "rdfxml": ox.RdfFormat.RDF_XML}


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type and body."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def error(cls, status: int, message: str) -> "Reply":
        return cls(status, "text/plain; charset=utf-8", (" ".join(message.split()) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------- content negotiation


def _accepted(accept: str) -> list[tuple[str, float, int]]:
    """The media ranges of an Accept header with their q-values, in the client's order."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return ranges


def negotiate(accept: str | None, formats: dict[str, str]) -> str | None:
    """The format (a key of ``formats``) that best fits an Accept header; None if none fits.

    The highest q-value wins; a specific type beats a wildcard at the same q; ties go to the
    order of ``formats`` (so ``*/*`` gets the first, the default).
    """
    if not accept or not accept.strip():
        return next(iter(formats))
    by_media = {media: name for name, media in formats.items()}
    best: tuple[float, int, int] | None = None
    choice = None
    for media, q, _ in _accepted(accept):
        if q <= 0:
            continue
        candidates: list[tuple[str, int]] = []
        if media in by_media:
            candidates = [(by_media[media], 2)]
        elif media in _MEDIA_ALIASES and _MEDIA_ALIASES[media] in formats:
            candidates = [(_MEDIA_ALIASES[media], 2)]
        elif media == "*/*":
            candidates = [(name, 0) for name in formats]
        elif media.endswith("/*"):
            kind = media[:-1]
            candidates = [(name, 1) for name, m in formats.items() if m.startswith(kind)]
        for name, specificity in candidates:
            rank = (q, specificity, -list(formats).index(name))
            if best is None or rank > best:
                best, choice = rank, name
    return choice


def format_param(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    return _FORMAT_ALIASES.get(value, value)


# --------------------------------------------------------------------------- result writers


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                             "predicate": _json_term(term.predicate),
                                             "object": _json_term(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype.value != _XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def _csv_term(term) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as bare strings, blank nodes as ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_term(term) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax (tabs and line breaks escaped inside literals)."""
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


_XML_BAD = dict.fromkeys([c for c in range(32) if c not in (9, 10, 13)] + [0xFFFE, 0xFFFF], "\ufffd")


def _xml_text(value: str) -> str:
    return xml_escape(value.translate(_XML_BAD), {'"': "&quot;"})


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    if term.language:
        return f'<literal xml:lang="{_xml_text(term.language)}">{_xml_text(term.value)}</literal>'
    if term.datatype is not None and term.datatype.value != _XSD + "string":
        return f'<literal datatype="{_xml_text(term.datatype.value)}">{_xml_text(term.value)}</literal>'
    return f"<literal>{_xml_text(term.value)}</literal>"


def write_solutions(variables: list[str], rows: list[list], fmt: str) -> bytes:
    """A SELECT result in SPARQL JSON, XML, CSV or TSV."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([[_csv_term(t) for t in row] for row in rows])
        return out.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f'<variable name="{_xml_text(v)}"/>' for v in variables]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        parts += [f'<binding name="{_xml_text(v)}">{_xml_term(t)}</binding>'
                  for v, t in zip(variables, row) if t is not None]
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


def write_boolean(value: bool, fmt: str) -> bytes:
    """An ASK result; CSV and TSV (which the standard leaves out) as one ``_askResult`` column."""
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{text}</boolean></sparql>\n").encode("utf-8")
    if fmt == "csv":
        return f"_askResult\r\n{text}\r\n".encode("utf-8")
    return f"?_askResult\n{text}\n".encode("utf-8")


def write_triples(triples: list, fmt: str, prefixes: dict[str, str]) -> bytes:
    """A CONSTRUCT or DESCRIBE result as Turtle, JSON-LD, N-Triples or RDF/XML."""
    rdf_format = _OX_GRAPH_FORMATS[fmt]
    kwargs = {"prefixes": prefixes} if fmt in {"ttl", "rdfxml"} else {}
    return ox.serialize(triples, format=rdf_format, **kwargs) or b""


def media_type(fmt: str) -> str:
    media = SELECT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]
    return f"{media}; charset=utf-8"
