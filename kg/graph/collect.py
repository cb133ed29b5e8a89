"""A light rdflib store for graphs that are only built and written (``kg build``), never queried."""

from __future__ import annotations

from typing import Callable

from rdflib import Graph
from rdflib.store import Store


class WriteOnceStore(Store):
    """A minimal rdflib store for a graph that is built, written out and dropped: triples in
    insertion order and by subject, nothing else. Filling it is about twice as fast as rdflib's
    Memory store (which keeps three indexes and dispatches events), and so is reading it back in
    order; a lookup without a subject scans every triple, so it is no store to query."""

    context_aware = False
    formula_aware = False

    def __init__(self, configuration=None, identifier=None) -> None:
        super().__init__(configuration, identifier)
        self.items: dict[tuple, None] = {}
        self.by_subject: dict[object, list[tuple]] = {}
        self._namespaces: dict[str, object] = {}

    def add(self, triple, context, quoted=False) -> None:
        self.add_triple(triple)

    def add_triple(self, triple) -> None:
        """Add one triple (what :meth:`add` does, without rdflib's context arguments)."""
        if triple not in self.items:
            self.items[triple] = None
            self.by_subject.setdefault(triple[0], []).append(triple)

    def remove(self, pattern, context=None) -> None:
        for triple in [t for t, _ in self.triples(pattern)]:
            del self.items[triple]
            self.by_subject[triple[0]].remove(triple)

    def triples(self, pattern, context=None):
        s, p, o = pattern
        if s is not None and p is not None and o is not None:
            if pattern in self.items:
                yield pattern, iter(())
            return
        candidates = list(self.by_subject.get(s, ())) if s is not None else list(self.items)
        for t in candidates:
            if (p is None or t[1] == p) and (o is None or t[2] == o):
                yield t, iter(())

    def __len__(self, context=None) -> int:
        return len(self.items)

    def bind(self, prefix, namespace, override=True, replace=False) -> None:
        self._namespaces[prefix] = namespace

    def namespace(self, prefix):
        return self._namespaces.get(prefix)

    def prefix(self, namespace):
        return next((k for k, v in self._namespaces.items() if v == namespace), None)

    def namespaces(self):
        return iter(list(self._namespaces.items()))


def write_once_graph() -> Graph:
    """An empty rdflib Graph over a :class:`WriteOnceStore`."""
    return Graph(store=WriteOnceStore())


def adder(graph: Graph) -> Callable[[tuple], object]:
    """A function adding one triple to ``graph``: into a :class:`WriteOnceStore` directly
    (``Graph.add`` checks each term's type and goes through the store's generic interface, which
    cost a third of building a graph), into any other graph by ``Graph.add``."""
    store = graph.store
    return store.add_triple if isinstance(store, WriteOnceStore) else graph.add

