"""Analysis of a built graph: the signed actor network, camps, stats and exports
(:mod:`.network`) and pictures (:mod:`.viz`). Reads RDF, never spaCy objects."""
