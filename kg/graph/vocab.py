"""The vocabularies the graph uses, declared once (a typo in a term is an AttributeError).

Standard vocabularies first: schema.org (articles, people, organisations, claims, quotations),
PROV-O (who made what), NIF 2.0 (character offsets into the article text), ITS 2.0 (a mention's
actor), the W3C org ontology (posts and membership), FOAF (groups), SKOS (topics). ``SKG`` holds
only what none of them has: stances, their polarity and confidence, and a few extraction details.
A test checks that ``SKG`` and ``ontology/stancekg.ttl`` declare the same terms.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

__all__ = ["SKG", "NIF", "ITSRDF", "SDO", "PROV", "ORG", "FOAF", "SKOS", "OWL", "RDF", "RDFS", "XSD",
           "DEFAULT_BASE", "PREFIXES"]

DEFAULT_BASE = "https://w3id.org/stancekg/id/"


class SKG(DefinedNamespace):
    """stancekg ontology: https://w3id.org/stancekg/ontology#"""

    _NS = Namespace("https://w3id.org/stancekg/ontology#")
    _fail = True

    # classes
    Actor: URIRef  # anyone who can say, do or be the object of a stance
    Stance: URIRef  # holder -> polarity -> target, with evidence and confidence
    Act: URIRef  # an actor's decision or act that a stance is about
    Topic: URIRef  # a topic or policy that a stance is about
    NonAnswer: URIRef  # an actor did not answer or declined to comment
    Attribution: URIRef  # content attributed to a source by a cue (claims, and thoughts, intentions, acts)
    Update: URIRef  # one timestamped update of a live blog
    # stance properties
    holder: URIRef
    target: URIRef
    targetActor: URIRef  # the actor a stance bears on: the target itself, or the owner of the act
    polarity: URIRef  # "favor" | "against"
    confidence: URIRef  # xsd:decimal in [0, 1]
    evidence: URIRef  # the span that supports a stance
    rule: URIRef  # which extraction rule produced a stance
    # claim properties
    cue: URIRef  # the span of the cue ("says", "according to")
    cueLemma: URIRef
    quoteKind: URIRef  # "direct" | "indirect" | "mixed"
    content: URIRef  # the span of what was claimed
    contentPart: URIRef  # one piece of a content in several pieces (a quotation split by its cue)
    cueClass: URIRef  # "speech" | "according-to" | "cognition" | "intention" | "evidential" | "question" | "evaluative"
    reportedWithin: URIRef  # a report nested in another claim's content
    certainty: URIRef  # "certain" | "probable" | "possible" (GRaSP factuality)
    factualPolarity: URIRef  # "positive" | "negative" (GRaSP factuality)
    # mentions and actors
    mentionKind: URIRef  # "name" | "description" | "pronoun"
    resolvedBy: URIRef  # the rule that linked a mention to its actor
    mergedBecause: URIRef  # why mentions in several articles were merged into one actor
    named: URIRef  # xsd:boolean: has a proper name
    roleQualifier: URIRef  # "Democratic" in "Democratic mayor"
    # documents
    update: URIRef  # the live-blog update a claim, stance or non-answer was reported in
    localTime: URIRef  # xsd:time of an update
    toolVersion: URIRef
    spacyModel: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")

PREFIXES = {
    "skg": str(SKG._NS), "schema": str(SDO), "prov": str(PROV), "nif": str(NIF), "itsrdf": str(ITSRDF),
    "org": str(ORG), "foaf": str(FOAF), "skos": str(SKOS), "owl": str(OWL), "rdfs": str(RDFS),
    "xsd": str(XSD),
}
