"""Reading a user's alias file (``kg build --aliases FILE``): CSV, or RDF read here (with
Oxigraph's parsers, through :mod:`kg.graph.load`: nothing is fetched, no entity bombs).

The table's meaning and how it is applied are in :mod:`kg.extract.aliases`.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode
from rdflib.namespace import OWL, RDFS, SDO, SKOS

from kg.extract.aliases import AliasError, CanonicalActor, aliases_from_csv

RDF_SUFFIXES = {".ttl", ".nt", ".jsonld", ".rdf"}


def load_aliases(path: str | Path) -> list[CanonicalActor]:
    """The alias table in ``path`` (RDF by its suffix, else CSV); AliasError if it cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AliasError(f"{path}: cannot read alias file ({error})") from None
    if path.suffix.lower() in RDF_SUFFIXES:
        return aliases_from_rdf(path)
    return aliases_from_csv(path, text)


def aliases_from_rdf(path: Path) -> list[CanonicalActor]:
    from .load import LoadError, load_graph

    try:
        graph = load_graph(path)
    except LoadError as error:
        raise AliasError(f"{path}: {error}") from None
    entries = []
    for subject in sorted(set(graph.subjects(RDFS.label, None)) | set(graph.subjects(SKOS.prefLabel, None)), key=str):
        label = str(graph.value(subject, SKOS.prefLabel) or graph.value(subject, RDFS.label))
        entry = CanonicalActor(label, {label.lower()})
        for predicate in (SDO.alternateName, SKOS.altLabel, RDFS.label):
            entry.names |= {str(o).lower() for o in graph.objects(subject, predicate)}
        if not isinstance(subject, BNode):
            entry.iris.add(str(subject))
        entry.iris |= {str(o) for o in graph.objects(subject, OWL.sameAs)}
        entries.append(entry)
    return entries
