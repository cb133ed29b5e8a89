"""Services: the read-only, offline SPARQL endpoint (:mod:`.serve`) and pushing a graph to a
SPARQL server (:mod:`.push`)."""
