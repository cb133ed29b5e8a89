"""Check a graph against the SHACL shapes of what ``kg build`` emits, and check its offsets.

SHACL (pyshacl) checks structure and values; offsets are checked here, because SHACL cannot
slice strings: every NIF span's ``anchorOf`` must equal its document's text between
``beginIndex`` and ``endIndex``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from rdflib import Graph

from .vocab import NIF

_OFFSETS = """
SELECT ?span ?anchor ?begin ?end ?text WHERE {
  ?span nif:referenceContext ?doc ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end .
  ?doc nif:isString ?text .
}
"""


@dataclass
class ValidationReport:
    conforms: bool
    problems: list[str] = field(default_factory=list)

    def summary(self, limit: int = 20) -> str:
        if self.conforms:
            return "valid"
        shown = self.problems[:limit]
        more = len(self.problems) - len(shown)
        return "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))


def shapes_graph() -> Graph:
    shapes = Graph()
    shapes.parse(data=resources.files("kg.graph").joinpath("ontology/shapes.ttl").read_text(encoding="utf-8"),
                 format="turtle")
    return shapes


def ontology_graph() -> Graph:
    ontology = Graph()
    ontology.parse(data=resources.files("kg.graph").joinpath("ontology/stancekg.ttl").read_text(encoding="utf-8"),
                   format="turtle")
    return ontology


def check_offsets(graph: Graph) -> list[str]:
    problems = []
    for row in graph.query(_OFFSETS, initNs={"nif": NIF}):
        begin, end = int(row.begin), int(row.end)
        text = str(row.text)
        if not (0 <= begin <= end <= len(text)):
            problems.append(f"{row.span}: offsets {begin}-{end} outside the document ({len(text)} chars)")
        elif text[begin:end] != str(row.anchor):
            problems.append(f"{row.span}: anchor {str(row.anchor)[:40]!r} differs from the text at {begin}-{end}")
    return problems


def validate(graph: Graph) -> ValidationReport:
    """Validate ``graph``: SHACL shapes and character offsets."""
    from pyshacl import validate as shacl_validate

    conforms, report_graph, _ = shacl_validate(graph, shacl_graph=shapes_graph(), inference="none",
                                               abort_on_first=False, allow_warnings=True)
    problems: list[str] = []
    if not conforms:
        query = """
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?focus ?path ?message WHERE {
          ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultMessage ?message .
          OPTIONAL { ?r sh:resultPath ?path }
        } ORDER BY ?focus ?path ?message"""
        for row in report_graph.query(query):
            path = f" {row.path}" if row.path is not None else ""
            problems.append(f"{row.focus}{path}: {row.message}")
        if not problems:
            problems.append("the graph does not conform to the shapes")
    problems += check_offsets(graph)
    return ValidationReport(not problems, problems)
