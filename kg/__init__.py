"""stancekg: news articles in, a claim and stance knowledge graph out.

The few names a notebook needs, importable from ``kg`` itself (loaded on first use, so that
``import kg`` stays cheap)::

    >>> import kg                                            # doctest: +SKIP
    >>> graph = kg.build(["seeds/"])                         # read, extract -> an rdflib.Graph
    >>> kg.query(graph, "stances").as_dicts()[0]["polarity"]
    'favor'
    >>> G = kg.actor_graph(graph)                            # signed, directed networkx graph
    >>> graph = kg.load("output/graph.ttl")                  # a graph written before

The layers, data flowing one way: :mod:`kg.extract` (text in, typed records out), :mod:`kg.graph`
(records to RDF, stores, SPARQL, validation), :mod:`kg.analysis` (the actor network, camps,
pictures), :mod:`kg.service` (the read-only endpoint, pushing to SPARQL servers) and
:mod:`kg.run` (build orchestration and its engines). :mod:`kg.cli` is a thin shell over them.
"""

from importlib import import_module

__version__ = "0.1.0"

#: public name -> (module, attribute)
_API = {
    "build": ("kg.run.engine", "build"),
    "load": ("kg.graph.rdf", "load_graph"),
    "query": ("kg.graph.sparql", "run_query"),
    "actor_graph": ("kg.analysis.graphs", "stance_graph"),
    "signed_graph": ("kg.analysis.graphs", "signed_graph"),
    "camps": ("kg.analysis.camps", "camps"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        module, attribute = _API[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
