"""Check a graph against the SHACL shapes of what ``kg build`` emits, and check its offsets.

SHACL (pyshacl) checks structure and values; offsets are checked here, because SHACL cannot
slice strings: every NIF span's ``anchorOf`` must equal its document's text between
``beginIndex`` and ``endIndex``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from .vocab import NIF

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
    """Every NIF span's anchor equals its document's text between its offsets (read from the
    triples directly: no SPARQL engine involved)."""
    problems = []
    for span, document in sorted(graph.subject_objects(NIF.referenceContext)):
        anchor, begin, end = (graph.value(span, p) for p in (NIF.anchorOf, NIF.beginIndex, NIF.endIndex))
        text = graph.value(document, NIF.isString)
        if anchor is None or begin is None or end is None or text is None:
            continue
        try:
            begin, end = int(begin), int(end)
        except (TypeError, ValueError):
            problems.append(f"{span}: offsets {begin}-{end} are not numbers")
            continue
        text = str(text)
        if not (0 <= begin <= end <= len(text)):
            problems.append(f"{span}: offsets {begin}-{end} outside the document ({len(text)} chars)")
        elif text[begin:end] != str(anchor):
            problems.append(f"{span}: anchor {str(anchor)[:40]!r} differs from the text at {begin}-{end}")
    return problems


def validate(graph: Graph) -> ValidationReport:
    """Validate ``graph``: SHACL shapes and character offsets."""
    from pyshacl import validate as shacl_validate

    conforms, report_graph, _ = shacl_validate(graph, shacl_graph=shapes_graph(), inference="none",
                                               abort_on_first=False, allow_warnings=True)
    problems: list[str] = []
    if not conforms:
        sh = Namespace("http://www.w3.org/ns/shacl#")
        found = set()
        for result in report_graph.subjects(RDF.type, sh.ValidationResult):
            focus, message = report_graph.value(result, sh.focusNode), report_graph.value(result, sh.resultMessage)
            if focus is None or message is None:
                continue
            path = report_graph.value(result, sh.resultPath)
            found.add((str(focus), f" {path}" if path is not None else "", str(message)))
        problems += [f"{focus}{path}: {message}" for focus, path, message in sorted(found)]
        if not problems:
            problems.append("the graph does not conform to the shapes")
    problems += check_offsets(graph)
    return ValidationReport(not problems, problems)
