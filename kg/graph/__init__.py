"""The graph: the vocabulary (:mod:`.vocab`), records to RDF and files (:mod:`.rdf`), the embedded
Oxigraph store (:mod:`.store`, :mod:`.registry`), SPARQL with the canned queries (:mod:`.query`,
``queries/``) and validation against the ontology's shapes (:mod:`.validate`, ``ontology/``)."""
