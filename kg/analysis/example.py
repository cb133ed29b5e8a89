"""A small hand-made stancekg graph for examples, doctests and tests: one article, four actors."""

from __future__ import annotations

from rdflib import Graph

__all__ = ["example_graph"]

_EXAMPLE = """
@prefix skg: <https://w3id.org/stancekg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/> .

ex:doc a schema:NewsArticle ; schema:identifier "doc1" ; schema:headline "Springfield ends data sharing" ;
    schema:datePublished "2018-06-01" ; schema:publisher "Springfield Gazette" .
ex:city a skg:Actor, schema:Place ; rdfs:label "Springfield" ; skg:named true .
ex:mayor a skg:Actor, schema:Person ; rdfs:label "Mayor Quimby" ; schema:alternateName "Quimby" ;
    skg:named true ; org:holds ex:post .
ex:post a org:Post ; rdfs:label "Springfield's mayor" ; org:role ex:mayorRole .
ex:mayorRole a org:Role ; rdfs:label "mayor" .
ex:dot a skg:Actor, schema:GovernmentOrganization ; rdfs:label "Department of Transport" ; skg:named true .
ex:press a skg:Actor, schema:Organization ; rdfs:label "Local press" ; skg:named true .
ex:topic a skg:Topic ; rdfs:label "data sharing" .
ex:m1 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:city ; nif:beginIndex 86 ; nif:endIndex 97 .
ex:m2 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:city ; nif:beginIndex 116 ; nif:endIndex 127 .
ex:m3 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:mayor ; nif:beginIndex 4 ; nif:endIndex 9 .
ex:m4 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:dot ; nif:beginIndex 51 ; nif:endIndex 61 .
ex:m5 nif:referenceContext ex:doc ; itsrdf:taIdentRef ex:press .
ex:u1 a skg:Update ; rdfs:label "9:00 a.m." ; skg:localTime "09:00:00" ; schema:position 2 .
ex:u2 a skg:Update ; rdfs:label "11:30 a.m." ; skg:localTime "11:30:00" ; schema:position 1 .
ex:cue1 nif:beginIndex 10 ; nif:endIndex 14 .
ex:c1 a schema:Claim ; schema:author ex:mayor ; schema:text "the department broke the rules" ;
    skg:quoteKind "indirect" ; schema:appearance ex:doc ; schema:about ex:dot ; skg:update ex:u1 ; skg:cue ex:cue1 .
ex:e1 nif:anchorOf "The mayor said the department broke the rules." ; nif:beginIndex 0 ; nif:endIndex 46 .
ex:e2 nif:anchorOf "The department criticised Springfield." ; nif:beginIndex 47 ; nif:endIndex 85 .
ex:e3 nif:anchorOf "Springfield backed its mayor." ; nif:beginIndex 86 ; nif:endIndex 115 .
ex:e4 nif:anchorOf "Springfield opposes data sharing." ; nif:beginIndex 116 ; nif:endIndex 149 .
ex:s1 a skg:Stance ; skg:holder ex:mayor ; skg:polarity "against" ; skg:target ex:dot ;
    skg:targetActor ex:dot ; skg:confidence 0.8 ; skg:evidence ex:e1 ; schema:appearance ex:doc ;
    skg:update ex:u1 ; prov:wasDerivedFrom ex:c1 .
ex:s2 a skg:Stance ; skg:holder ex:dot ; skg:polarity "against" ; skg:target ex:city ;
    skg:targetActor ex:city ; skg:confidence 0.7 ; skg:evidence ex:e2 ; schema:appearance ex:doc ;
    skg:update ex:u2 .
ex:s3 a skg:Stance ; skg:holder ex:city ; skg:polarity "favor" ; skg:target ex:mayor ;
    skg:targetActor ex:mayor ; skg:confidence 0.9 ; skg:evidence ex:e3 ; schema:appearance ex:doc .
ex:s4 a skg:Stance ; skg:holder ex:dot ; skg:polarity "against" ; skg:target ex:mayor ;
    skg:targetActor ex:mayor ; skg:confidence 0.6 ; skg:evidence ex:e2 ; schema:appearance ex:doc ;
    skg:update ex:u2 .
ex:s5 a skg:Stance ; skg:holder ex:city ; skg:polarity "against" ; skg:target ex:topic ;
    skg:confidence 0.75 ; skg:evidence ex:e4 ; schema:appearance ex:doc .
"""


def example_graph() -> Graph:
    """A small hand-made stancekg RDF graph, for examples and tests.

    Four actors in one article: Springfield and its mayor back each other, the Department of
    Transport is against both, the mayor is against the department, and the local press takes no
    stance. Springfield is also against the topic "data sharing".

    Examples
    --------
    >>> len(example_graph()) > 50
    True
    """
    graph = Graph()
    graph.parse(data=_EXAMPLE, format="turtle")
    return graph
