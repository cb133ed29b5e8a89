"""Run SPARQL on Oxigraph, the one engine kg queries with: files (in memory), stores and ``kg serve``.

Light on purpose: it imports pyoxigraph and nothing of rdflib or the extraction pipeline, so
``kg query`` starts in a fraction of a second. Every query goes through the two walls:
:func:`kg.graph.guard.inspect` (no SERVICE, no LOAD, no FROM outside the graphs the caller
holds) and :func:`kg.graph.sandbox.run_offline` (the engine runs on a thread without network,
where the system allows, and with a stack deep enough for nested queries). The dataset is always
given to Oxigraph explicitly, which overrides the query's own FROM clauses: graphs the caller
hides (a store's actor registry) are out of the engine's reach whatever the query text says.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Collection, Sequence

import pyoxigraph as ox

from .guard import QueryPlan, QueryRefused, inspect
from .query import QueryError, Table, resolve_query, sorted_lists, split_order_by

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
NUMERIC_TYPES = _INTEGER_TYPES | {_XSD + t for t in ("decimal", "double", "float")}
_PREFIX_LINE = re.compile(r"^\s*PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


def default_prefixes() -> dict[str, str]:
    """The prefixes every query may use undeclared (``kg/graph/queries/_prefixes.rq``)."""
    text = resources.files("kg.graph").joinpath("queries/_prefixes.rq").read_text(encoding="utf-8")
    return {prefix: iri for prefix, iri in _PREFIX_LINE.findall(text)}


def visible_graphs(store: ox.Store, hidden: Collection[str] = ()) -> list[str]:
    """The named graphs of ``store`` a query may see: all but ``hidden``."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value not in hidden)


def dataset_options(plan: QueryPlan, graphs: Sequence[str], default_graphs: Sequence[str] = (),
                    named_graphs: Sequence[str] = (), union: bool = False) -> dict:
    """The dataset Oxigraph is told to use: the protocol's graphs if given, else the query's FROM
    clauses as the check read them, else the default graph (with ``union``: merged with
    ``graphs``, as a TriG file's graphs read as one) and ``graphs``; nothing else."""
    for iri in [*default_graphs, *named_graphs]:
        if iri not in graphs:
            raise QueryRefused(f"graph <{iri}> is not in this store: kg never fetches remote data")
    if default_graphs or named_graphs:
        chosen_default, chosen_named = list(default_graphs), list(named_graphs)
    elif plan.has_dataset:
        chosen_default, chosen_named = plan.default_graphs, plan.named_graphs
    else:
        default = [ox.DefaultGraph(), *(ox.NamedNode(g) for g in graphs)] if union and graphs else ox.DefaultGraph()
        return {"default_graph": default, "named_graphs": [ox.NamedNode(g) for g in graphs]}
    return {"default_graph": [ox.NamedNode(g) for g in chosen_default],
            "named_graphs": [ox.NamedNode(g) for g in chosen_named]}


def syntax_message(error: Exception) -> str:
    """Oxigraph's parse error as ``line L, column C: what`` (its own words otherwise)."""
    message = " ".join(str(error).split())
    found = re.match(r"(?:Parser )?error at (\d+):(\d+): (.*)", message)
    if found:
        return f"line {found.group(1)}, column {found.group(2)}: {found.group(3)[:200]}"
    found = re.match(r"(?:Parser error )?at line (\d+) (?:column (\d+)|between columns (\d+) and \d+): (.*?)"
                     r"(?: \([^()]*line \d+\))?$", message)
    if not found:
        return message[:200]
    line, column = found.group(1), found.group(2) or found.group(3)
    return f"line {line}, column {column}: {found.group(4)[:200]}"


def run(store: ox.Store, sparql: str, graphs: Sequence[str] = (), prefixes: dict[str, str] | None = None,
        order: bool = True, union: bool = False) -> Table:
    """Check ``sparql`` and run it on ``store`` (offline, explicit dataset): a :class:`Table`.

    ``graphs``: the named graphs the query may name (FROM, GRAPH); the default graph always.
    ``union``: the default graph is the merge of all of them (for files: TriG, N-Quads).
    ``order``: sort a trailing ``ORDER BY ?a ?b`` in Python (same order, much faster on large
    results: Oxigraph decodes terms at every comparison).
    """
    prefixes = default_prefixes() if prefixes is None else prefixes
    try:
        plan = inspect(sparql, graphs, prefixes)
        options = dataset_options(plan, graphs, union=union)
    except QueryRefused as refused:
        raise QueryError(str(refused)) from None
    split = split_order_by(sparql) if order else None

    def execute() -> Table:
        if split is not None:
            result = store.query(split[0], prefixes=prefixes, **options)
            if isinstance(result, ox.QuerySolutions) and {v.value for v in result.variables} >= {
                    name for name, _ in split[1]}:
                return table_of(result, split[1])
        return table_of(store.query(sparql, prefixes=prefixes, **options))

    from .sandbox import run_offline

    try:
        return run_offline(execute)
    except SyntaxError as error:
        raise QueryError(f"SPARQL error: {syntax_message(error)}") from None
    except PermissionError:
        raise QueryError("the query tried to reach the network: kg never fetches remote data") from None
    except (ValueError, OSError, RuntimeError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise QueryError(f"SPARQL error: {message}") from None


def plain(term) -> object:
    """A query result term as a plain Python value: numbers and booleans as such, else the text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else ""
        value = term.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(value)
            if datatype == _XSD + "decimal":
                return float(Decimal(value))
            if datatype in {_XSD + "double", _XSD + "float"}:
                return float(value)
        except (ValueError, InvalidOperation):
            return value
        if datatype == _XSD + "boolean":
            return value in {"true", "1"}
        return value
    return term.value


def table_of(result, order: Sequence[tuple[str, bool]] = ()) -> Table:
    """A pyoxigraph query result as a :class:`Table`, its solutions sorted by ``order``
    ([(variable, descending)]) if given."""
    if isinstance(result, ox.QueryBoolean):
        return Table(["ask"], [[bool(result)]])
    if isinstance(result, ox.QueryTriples):
        rows = sorted([[plain(t.subject), plain(t.predicate), plain(t.object)] for t in result])
        return Table(["subject", "predicate", "object"], rows)
    columns = [v.value for v in result.variables]
    solutions = [[solution[i] for i in range(len(columns))] for solution in result]
    if order and len({descending for _, descending in order}) == 1:
        at = [columns.index(name) for name, _ in order]
        solutions.sort(key=lambda row: [order_key(row[i]) for i in at], reverse=order[0][1])
    else:
        for name, descending in reversed(order):  # stable sorts, last key first
            i = columns.index(name)
            solutions.sort(key=lambda row: order_key(row[i]), reverse=descending)
    return Table(columns, [sorted_lists(columns, [plain(term) for term in row]) for row in solutions])


def order_key(term) -> tuple:
    """SPARQL's ORDER BY order of one term: unbound, blank nodes, IRIs, then literals (numbers by
    value, everything else by its lexical form, as Oxigraph compares them)."""
    if term is None:
        return (0, 0, "")
    if isinstance(term, ox.BlankNode):
        return (1, 0, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, 0, term.value)
    datatype = term.datatype.value if term.datatype is not None else ""
    if datatype in NUMERIC_TYPES:
        try:
            return (3, 0, float(term.value))
        except ValueError:
            pass
    return (3, 1, term.value)


#: The named graph of a kg store that holds its actor registry (bookkeeping, never queried).
REGISTRY = "urn:x-stancekg:registry"


def open_read_only(path) -> ox.Store:
    """A store folder opened read-only (OSError if it cannot be)."""
    return ox.Store.read_only(str(path))


def run_query(graph, spec: str) -> Table:
    """Run a canned query, a ``.rq`` file or a SPARQL string over ``graph`` (an rdflib Graph, an
    Oxigraph store, or a :class:`kg.graph.store.GraphStore`), on Oxigraph."""
    sparql = resolve_query(spec)
    if hasattr(graph, "query_table"):  # a GraphStore
        return graph.query_table(sparql)
    store = graph if hasattr(graph, "named_graphs") else oxigraph_copy(graph)
    return run(store, sparql, visible_graphs(store))


def oxigraph_copy(graph):
    """An rdflib Graph copied into an in-memory Oxigraph store (the default graph)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    iris: dict[str, object] = {}

    def term(value):
        if isinstance(value, URIRef):
            node = iris.get(value)
            if node is None:
                node = iris[value] = ox.NamedNode(str(value))
            return node
        if isinstance(value, Literal):
            if value.language:
                return ox.Literal(str(value), language=value.language)
            if value.datatype is not None:
                return ox.Literal(str(value), datatype=term(value.datatype))
            return ox.Literal(str(value))
        if isinstance(value, BNode):
            return ox.BlankNode(str(value))
        raise QueryError(f"cannot query a graph holding {type(value).__name__} terms")

    store = ox.Store()
    store.extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in graph)
    return store
