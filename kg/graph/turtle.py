"""Turtle and TriG in linear time, byte for byte what rdflib's serialisers write.

rdflib's Turtle writer grows with the square of the graph: every IRI it cannot shorten (each
``…/doc/ID#char=S,E`` span has a namespace of its own) goes into one level of a prefix trie that
is scanned linearly on each insert, so 200 articles (about 200k triples) took 104 s to write.
This writer lays the graph out exactly as rdflib's ``TurtleSerializer`` does (same subject order,
predicate order, object order, prefixes, indentation; rdflib's own term formatting for literals)
but shortens IRIs with a dictionary of the bound namespaces: the same 200 articles take about
2 s, and ``output/graph.ttl`` does not change by a byte.

One deliberate difference: for a predicate in a namespace without a prefix, rdflib invents one
(``ns1``, ``ns2``, …) numbered in its store's order, which changes with Python's hash seed; here
they are numbered in the order of the predicates' IRIs, so every process writes the same bytes.
stancekg's own graphs bind every namespace they use. Graphs it does not lay out itself (blank
nodes, a base IRI, a prefix that rdflib would rename) are handed to rdflib unchanged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable, Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XMLNS, split_uri
from rdflib.term import _is_valid_uri

from .collect import WriteOnceStore

#: rdflib's TurtleSerializer: only a percent sign not followed by two hex digits is escaped.
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_INDENT = "    "
_TYPE, _CLASS, _NIL = str(RDF.type), str(RDFS.Class), str(RDF.nil)
#: Predicates rdflib puts first, in this order; the rest follow sorted.
_FIRST_PREDICATES = (_TYPE, str(RDFS.label))


#: rdflib's ``split_uri`` on an ASCII IRI: the local name is the longest tail of these characters
#: (letters, digits and ``-._%()``), from its first letter, digit or underscore on.
_ASCII_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._%()"
_ASCII_NOT_START = "-.%()"
_ASCII_START = re.compile("[A-Za-z0-9_]")


def split_iri(uri: str) -> tuple[str, str]:
    """``rdflib.namespace.split_uri(uri)``, the same pair or the same ValueError, in a few string
    operations for an ASCII IRI (rdflib looks up the Unicode category of each character in turn)."""
    if not uri.isascii() or uri.startswith(XMLNS):
        return split_uri(uri)
    start = len(uri.rstrip(_ASCII_NAME_CHARS))  # the tail of name characters
    if start == 0:
        raise ValueError(f"Can't split '{uri}'")
    local = uri[start:].lstrip(_ASCII_NOT_START)
    if not local:  # as rdflib's index runs on past the end to the IRI's start: its first name start
        first = _ASCII_START.search(uri)
        if first is None or first.start() == 0:
            raise ValueError(f"Can't split '{uri}'")
        local = uri[first.start():]
    return uri[:len(uri) - len(local)], local


class _Unsupported(Exception):
    """The graph needs a feature of rdflib's writer that this one does not reproduce."""


class _Names:
    """Prefixed names of IRIs, as rdflib's ``TurtleSerializer.get_pname`` computes them, cached."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.prefix_of: dict[str, str] = {}
        self._bound()
        self.used: dict[str, str] = {}  # prefix -> namespace, as they are first used
        self.cache: dict[str, str | None] = {}
        self.verbs: dict[str, str | None] = {}

    def _bound(self) -> None:
        """The graph's namespaces and the prefix rdflib's store gives each."""
        for _, namespace in self.graph.namespaces():
            prefix = self.graph.store.prefix(namespace)
            if prefix is not None:
                if prefix.startswith("_"):
                    raise _Unsupported("a prefix rdflib would rename")
                self.prefix_of[str(namespace)] = prefix
        self.namespaces = sorted(self.prefix_of, key=len, reverse=True)
        # every proper beginning of a bound namespace: only a namespace among them can have a longer one
        self.beginnings = {n[:i] for n in self.prefix_of for i in range(1, len(n))}

    def name(self, uri: URIRef) -> str | None:
        """The prefixed name of a subject, object or datatype (no prefix is invented), or None."""
        key = str(uri)  # a plain string: rdflib compares its terms in Python, slowly
        try:
            return self.cache[key]
        except KeyError:
            pass
        found = self.cache[key] = self._compute(key)
        return found

    def _compute(self, uri: str) -> str | None:
        if not _is_valid_uri(uri):
            return None
        try:
            namespace, local = split_iri(uri)
        except ValueError:
            namespace, local = uri, ""
        else:
            # rdflib prefers a longer bound namespace that still starts the IRI.
            longer = next((n for n in self.namespaces if len(n) > len(namespace) and n.startswith(namespace)
                           and uri.startswith(n)), None) if namespace in self.beginnings else None
            if longer is not None:
                namespace, local = longer, uri[len(longer):]
        prefix = self.prefix_of.get(namespace)
        if prefix is None:
            prefix = self.prefix_of.get(uri)
            namespace, local = uri, ""
            if prefix is None:
                return None
        return self._pname(prefix, namespace, local)

    def verb(self, uri: URIRef) -> str | None:
        """The prefixed name of a predicate: rdflib invents a prefix (ns1, …) for an unbound namespace."""
        key = str(uri)
        try:
            return self.verbs[key]
        except KeyError:
            pass
        try:
            prefix, namespace, local = self.graph.compute_qname(uri, generate=True)
        except Exception:  # as rdflib: an IRI that is itself a bound namespace
            prefix = self.graph.store.prefix(uri)
            namespace, local = uri, ""
            if prefix is None:
                self.verbs[key] = None
                return None
        if str(namespace) not in self.prefix_of:  # rdflib bound a new prefix (ns1, …): names may change
            self._bound()
            self.cache.clear()
        found = self.verbs[key] = self._pname(prefix, str(namespace), local)
        return found

    def _pname(self, prefix: str, namespace: str, local: str) -> str | None:
        local = _LONE_PERCENT.sub("\\%", local.replace("(", r"\(").replace(")", r"\)"))
        if local.endswith("."):
            return None
        self.used.setdefault(prefix, namespace)
        return f"{prefix}:{local}"


class _Layout:
    """One graph's subjects in rdflib's order, with their predicate-object lists.

    Keys are plain strings: rdflib compares its terms in Python, which on 200k triples costs more
    than all the rest, while a URIRef orders and hashes exactly as its string does.
    """

    def __init__(self, triples: Iterable[tuple], names: _Names, extra_references: int = 0) -> None:
        self.terms: dict[str, URIRef] = {}  # subject -> the term
        self.properties: dict[str, dict[str, list]] = {}  # subject -> predicate -> objects
        references: dict[str, int] = defaultdict(int)
        classes: set[str] = set()
        verbs: dict[str, URIRef] = {}
        for s, p, o in triples:
            if type(s) is not URIRef and not _plain_iri(s):
                raise _Unsupported("blank nodes")
            subject, predicate = str(s), str(p)
            by_predicate = self.properties.get(subject)
            if by_predicate is None:
                by_predicate = self.properties[subject] = {}
                self.terms[subject] = s
                names.name(s)
            objects = by_predicate.get(predicate)
            if objects is None:
                objects = by_predicate[predicate] = []
                if predicate != _TYPE and predicate not in verbs:
                    verbs[predicate] = p
            objects.append(o)
            kind = type(o)
            if kind is Literal:
                if o.datatype is not None:
                    names.name(o.datatype)
            elif kind is URIRef or _plain_iri(o):
                iri = str(o)
                references[iri] += 1
                names.name(o)
                if predicate == _TYPE and iri == _CLASS:
                    classes.add(subject)
            elif not isinstance(o, Literal):
                raise _Unsupported("blank nodes")
        for predicate in sorted(verbs):  # prefixes rdflib invents (ns1, ...) follow the IRIs' order,
            names.verb(verbs[predicate])  # not the store's (which changes with Python's hash seed)
        rest = sorted((references.get(s, 0) + extra_references, s) for s in self.properties if s not in classes)
        self.subjects = sorted(classes) + [s for _, s in rest]
        self._orders: dict[tuple[str, ...], list[str]] = {}  # a subject's predicates -> their order

    def ordered(self, subject: str) -> list[tuple[str, list]]:
        """The subject's predicates in rdflib's order (rdf:type, rdfs:label, then sorted), objects sorted."""
        by_predicate = self.properties[subject]
        for objects in by_predicate.values():
            if len(objects) > 1:
                objects.sort()  # rdflib's own order of terms (literals by value)
        key = tuple(by_predicate)  # most subjects share their predicates with many others (spans, mentions)
        order = self._orders.get(key)
        if order is None:
            order = [p for p in _FIRST_PREDICATES if p in by_predicate]
            order += sorted(p for p in by_predicate if p not in _FIRST_PREDICATES)
            self._orders[key] = order
        return [(p, by_predicate[p]) for p in order]


def _plain_iri(node) -> bool:
    """An IRI of a URIRef subclass (rdflib's namespace terms are plain URIRefs; this is the slow path)."""
    return isinstance(node, URIRef)


def _object_label(node, names: _Names) -> str:
    if type(node) is URIRef:
        return "()" if str(node) == _NIL else names.name(node) or node.n3()
    if isinstance(node, Literal):
        return node._literal_n3(use_plain=True, qname_callback=names.name)
    if str(node) == _NIL:
        return "()"
    return names.name(node) or node.n3()


def _verb_label(predicate: str, names: _Names) -> str:
    if predicate == _TYPE:
        return "a"
    if predicate == _NIL:
        return "()"
    term = URIRef(predicate)
    return names.verb(term) or term.n3()


def _write_subjects(layout: _Layout, names: _Names, write: Callable[[str], object], depth: int) -> None:
    """Each subject as rdflib writes it: a blank line, the subject, ``;``-separated predicates."""
    indent, more, many = _INDENT * depth, _INDENT * (depth + 1), _INDENT * (depth + 2)
    verbs: dict[str, str] = {}
    # The text of each object term, by the term's identity: the graph holds every term while it is
    # written, and many triples share one term (an offset, a kind, an actor).
    labels: dict[int, str] = {}
    for subject in layout.subjects:
        term = layout.terms[subject]
        parts = ["\n", indent, "()" if subject == _NIL else names.name(term) or term.n3()]
        for i, (predicate, objects) in enumerate(layout.ordered(subject)):
            verb = verbs.get(predicate)
            if verb is None:
                verb = verbs[predicate] = _verb_label(predicate, names)
            parts += [f" ;\n{more}" if i else " ", verb, " "]
            for j, obj in enumerate(objects):
                label = labels.get(id(obj))
                if label is None:
                    label = labels[id(obj)] = _object_label(obj, names)
                parts += [f",\n{many}", label] if j else [label]
        parts.append(" .\n")
        write("".join(parts))


def _all_triples(graph: Graph) -> Iterable[tuple]:
    """Every triple of ``graph`` in its store's order (a write-once store's own list, without
    rdflib's generators around each triple)."""
    store = graph.store
    return store.items if type(store) is WriteOnceStore else graph.triples((None, None, None))


def write_turtle(graph: Graph, write: Callable[[str], object]) -> None:
    """Write ``graph`` as Turtle through ``write`` (called with pieces of text), as rdflib would."""
    try:
        if graph.base is not None:
            raise _Unsupported("a base IRI")
        names = _Names(graph)
        layout = _Layout(_all_triples(graph), names)
    except _Unsupported:
        write(graph.serialize(format="turtle"))
        return
    for prefix in sorted(names.used):
        write(f"@prefix {prefix}: <{names.used[prefix]}> .\n")
    _write_subjects(layout, names, write, 0)
    write("\n")


def as_named_graph(graph: Graph, name: URIRef) -> Dataset:
    """A dataset holding ``graph`` as its one named graph ``name`` (with the graph's prefixes)."""
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True)
    named = dataset.graph(name)
    for triple in graph:
        named.add(triple)
    return dataset


def write_trig(graph: Graph, name: URIRef, write: Callable[[str], object]) -> None:
    """Write ``graph`` as the one named graph ``name`` of a TriG document, as rdflib would."""
    try:
        if graph.base is not None:
            raise _Unsupported("a base IRI")
        names = _Names(graph)
        label = names.name(name) if len(graph) else None
        layout = _Layout(_all_triples(graph), names, extra_references=1)
    except _Unsupported:
        write(as_named_graph(graph, name).serialize(format="trig"))
        return
    for prefix in sorted(names.used):
        write(f"@prefix {prefix}: <{names.used[prefix]}> .\n")
    if layout.subjects:
        write(f"\n{label or name.n3()} {{")
        _write_subjects(layout, names, write, 1)
        write("}\n")
    write("\n")
