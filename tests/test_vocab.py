"""The ontology file and the Python namespace declare the same terms."""

from __future__ import annotations

from rdflib import RDF, URIRef
from rdflib.namespace import OWL

from kg.graph.validate import ontology_graph, shapes_graph
from kg.graph.vocab import SKG


def test_every_declared_term_is_in_the_ontology_and_back():
    ontology = ontology_graph()
    namespace = str(SKG._NS)
    in_file = {str(s)[len(namespace):] for s in ontology.subjects(RDF.type, None)
               if str(s).startswith(namespace) and isinstance(s, URIRef)}
    in_python = set(SKG.__annotations__)
    assert in_file == in_python


def test_terms_have_labels_and_the_shapes_parse():
    ontology = ontology_graph()
    from rdflib.namespace import RDFS

    for term in SKG.__annotations__:
        assert ontology.value(getattr(SKG, term), RDFS.label) is not None, term
    assert len(shapes_graph()) > 50
    assert (URIRef("https://w3id.org/stancekg/ontology"), RDF.type, OWL.Ontology) in ontology
