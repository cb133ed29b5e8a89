"""``kg serve``: a read-only, offline SPARQL 1.1 Protocol endpoint, a query page and the actor graph.

The main process only speaks HTTP (the standard library's :class:`ThreadingHTTPServer`); every
query runs in a pool of worker processes, each holding the graph in an Oxigraph store opened
read-only. A worker that runs past the time limit is killed and replaced, so one runaway query
never stalls the others (an Oxigraph query cannot be interrupted from inside its process).

What a worker does with a query, in order:

1. expand its codepoint escapes (``\\u0053``), as the SPARQL grammar says, so that every check
   and the engine read the same text;
2. parse it with rdflib: an update is refused (403); anything rdflib cannot parse is refused
   (400) rather than handed to an engine the checks have not understood;
3. :func:`kg.graph.query.check_safe`: no ``SERVICE``, no ``LOAD``, no ``FROM``/``FROM NAMED`` naming a
   graph that is not in the store (400). rdflib, Oxigraph and rdflib-endpoint all execute
   ``SERVICE <url>`` with a real HTTP request: a server-side request forgery hole;
4. run it with Oxigraph and write the answer, at most ``max_rows`` rows (or triples).

As a second wall, on Linux each worker moves into a network namespace of its own before it opens
the store: even a query that got past the checks would find no network to reach.

Pages: ``/`` a small query form, ``/viz`` the interactive actor graph (:func:`kg.analysis.viz.to_html`),
``/sparql`` the endpoint (GET and POST; SPARQL JSON, XML, CSV and TSV results; Turtle, JSON-LD,
N-Triples and RDF/XML graphs, by content negotiation or ``format=``). Nothing is fetched from
anywhere: the pages embed their script and style, and forbid any other source.
"""

from __future__ import annotations

import csv
import ctypes
import html
import io
import json
import multiprocessing
import os
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Seconds a query may run (parse, check, evaluate, serialise) before its worker is killed.
DEFAULT_TIMEOUT = 30.0
#: Rows of a SELECT result, or triples of a CONSTRUCT/DESCRIBE result.
DEFAULT_MAX_ROWS = 100_000
#: Bytes of a request body, or of a GET request's query string.
DEFAULT_MAX_REQUEST = 1_000_000
DEFAULT_WORKERS = 2
#: A body a little over the limit is read and dropped so the client sees the 413; above this it is not.
_DRAIN_LIMIT = 16 * 1024 * 1024
#: Seconds a worker may take to start (open the store) before the server gives up on it.
_WORKER_START = 60.0
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
#: The actor registry of a kg store (kg.graph.store.REGISTRY_GRAPH): bookkeeping, never served.
_HIDDEN_GRAPHS = {"urn:x-stancekg:registry"}

# Result formats: name -> media type. The first of each list is the default.
SELECT_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_FORMATS = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
                 "rdfxml": "application/rdf+xml"}
_FORMAT_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt", "n-triples": "nt", "rdf": "rdfxml",
                   "text": "tsv"}
_MEDIA_ALIASES = {"application/json": "json", "text/json": "json", "application/xml": "xml", "text/xml": "xml",
                  "application/x-turtle": "ttl", "application/turtle": "ttl", "text/plain": "nt",
                  "application/x-ndjson": None}
_OX_GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
                     "rdfxml": ox.RdfFormat.RDF_XML}
_FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
                 ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
                 ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3}

# Every page is self-contained: no script, style, font or image from anywhere, no request but to us.
_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class ServeError(RuntimeError):
    """The server cannot start: a graph that does not load, a store in use, a port taken."""


@dataclass(frozen=True)
class Limits:
    """What one query may cost."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_request: int = DEFAULT_MAX_REQUEST


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type and body."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def error(cls, status: int, message: str) -> "Reply":
        return cls(status, "text/plain; charset=utf-8", (" ".join(message.split()) + "\n").encode("utf-8"))


# --------------------------------------------------------------------------- content negotiation


def _accepted(accept: str) -> list[tuple[str, float, int]]:
    """The media ranges of an Accept header with their q-values, in the client's order."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return ranges


def negotiate(accept: str | None, formats: dict[str, str]) -> str | None:
    """The format (a key of ``formats``) that best fits an Accept header; None if none fits.

    The highest q-value wins; a specific type beats a wildcard at the same q; ties go to the
    order of ``formats`` (so ``*/*`` gets the first, the default).
    """
    if not accept or not accept.strip():
        return next(iter(formats))
    by_media = {media: name for name, media in formats.items()}
    best: tuple[float, int, int] | None = None
    choice = None
    for media, q, _ in _accepted(accept):
        if q <= 0:
            continue
        candidates: list[tuple[str, int]] = []
        if media in by_media:
            candidates = [(by_media[media], 2)]
        elif media in _MEDIA_ALIASES and _MEDIA_ALIASES[media] in formats:
            candidates = [(_MEDIA_ALIASES[media], 2)]
        elif media == "*/*":
            candidates = [(name, 0) for name in formats]
        elif media.endswith("/*"):
            kind = media[:-1]
            candidates = [(name, 1) for name, m in formats.items() if m.startswith(kind)]
        for name, specificity in candidates:
            rank = (q, specificity, -list(formats).index(name))
            if best is None or rank > best:
                best, choice = rank, name
    return choice


def _format_param(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    return _FORMAT_ALIASES.get(value, value)


# --------------------------------------------------------------------------- result writers


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                             "predicate": _json_term(term.predicate),
                                             "object": _json_term(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype.value != _XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def _csv_term(term) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as bare strings, blank nodes as ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_term(term) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax (tabs and line breaks escaped inside literals)."""
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


_XML_BAD = dict.fromkeys([c for c in range(32) if c not in (9, 10, 13)] + [0xFFFE, 0xFFFF], "\ufffd")


def _xml_text(value: str) -> str:
    return xml_escape(value.translate(_XML_BAD), {'"': "&quot;"})


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    if term.language:
        return f'<literal xml:lang="{_xml_text(term.language)}">{_xml_text(term.value)}</literal>'
    if term.datatype is not None and term.datatype.value != _XSD + "string":
        return f'<literal datatype="{_xml_text(term.datatype.value)}">{_xml_text(term.value)}</literal>'
    return f"<literal>{_xml_text(term.value)}</literal>"


def write_solutions(variables: list[str], rows: list[list], fmt: str) -> bytes:
    """A SELECT result in SPARQL JSON, XML, CSV or TSV."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([[_csv_term(t) for t in row] for row in rows])
        return out.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f'<variable name="{_xml_text(v)}"/>' for v in variables]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        parts += [f'<binding name="{_xml_text(v)}">{_xml_term(t)}</binding>'
                  for v, t in zip(variables, row) if t is not None]
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


def write_boolean(value: bool, fmt: str) -> bytes:
    """An ASK result; CSV and TSV (which the standard leaves out) as one ``_askResult`` column."""
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{text}</boolean></sparql>\n").encode("utf-8")
    if fmt == "csv":
        return f"_askResult\r\n{text}\r\n".encode("utf-8")
    return f"?_askResult\n{text}\n".encode("utf-8")


def write_triples(triples: list, fmt: str, prefixes: dict[str, str]) -> bytes:
    """A CONSTRUCT or DESCRIBE result as Turtle, JSON-LD, N-Triples or RDF/XML."""
    rdf_format = _OX_GRAPH_FORMATS[fmt]
    kwargs = {"prefixes": prefixes} if fmt in {"ttl", "rdfxml"} else {}
    return ox.serialize(triples, format=rdf_format, **kwargs) or b""


def _media(fmt: str) -> str:
    media = SELECT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]
    return f"{media}; charset=utf-8"


# --------------------------------------------------------------------------- running one query


def default_prefixes() -> dict[str, str]:
    """The prefixes every query may use without declaring them (those of kg's canned queries)."""
    from kg.graph.vocab import PREFIXES

    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


@dataclass
class QueryRequest:
    """A query as the protocol carries it."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


def _parse_message(error: Exception) -> str:
    from kg.graph.query import _error_message

    return _error_message(error, "")


def inspect_query(text: str) -> tuple[str, bool]:
    """``(form, has_dataset)`` of a query: SELECT, ASK, CONSTRUCT or DESCRIBE, and whether it has
    FROM / FROM NAMED. Raises :class:`QueryRefused` for an update (403) or unparsable text (400)."""
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    from kg.graph.query import _compvalues

    try:
        tree = Query.parse_string(text, parse_all=True)
    except RecursionError:
        raise QueryRefused(400, "malformed query: nested too deeply") from None
    except Exception as error:
        try:
            UpdateUnit.parse_string(text, parse_all=True)
        except Exception:
            raise QueryRefused(400, f"malformed query: {_parse_message(error)}") from None
        raise QueryRefused(403, "SPARQL Update is not allowed: this endpoint is read-only") from None
    form = tree[1].name.replace("Query", "").upper()
    has_dataset = any(node.name == "DatasetClause" for node in _compvalues(tree[1]))
    return form, has_dataset


class QueryRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def served_graphs(store: ox.Store) -> list[str]:
    """The named graphs a query may see: all but kg's bookkeeping."""
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and g.value not in _HIDDEN_GRAPHS)


def answer(store: ox.Store, request: QueryRequest, max_rows: int, graphs: list[str],
           prefixes: dict[str, str]) -> Reply:
    """Check and run one query over ``store``: the whole of a worker's job, as an HTTP reply."""
    from kg.graph.query import QueryError, check_safe, expand_escapes

    try:
        text = expand_escapes(request.query)
        form, has_dataset = inspect_query(text)
        check_safe(request.query, graphs=graphs, prefixes=prefixes)  # reads it with and without escapes
        for iri in request.default_graphs + request.named_graphs:
            if iri not in graphs:
                raise QueryRefused(400, f"graph <{iri}> is not in this store: kg never fetches remote data")
    except QueryRefused as refused:
        return Reply.error(refused.status, refused.args[0])
    except QueryError as error:
        return Reply.error(400, str(error))
    formats = SELECT_FORMATS if form in {"SELECT", "ASK"} else GRAPH_FORMATS
    fmt = _format_param(request.format)
    if fmt is not None and fmt not in formats:
        return Reply.error(400, f"format '{request.format}' does not fit a {form} query "
                                f"(choose {', '.join(formats)})")
    fmt = fmt or negotiate(request.accept, formats)
    if fmt is None:
        return Reply.error(406, f"cannot answer a {form} query as {request.accept} "
                                f"(choose {', '.join(formats.values())})")
    options: dict = {"prefixes": prefixes}
    if request.default_graphs or request.named_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs] or ox.DefaultGraph()
        options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    elif not has_dataset:
        options["named_graphs"] = [ox.NamedNode(g) for g in graphs]
    try:
        result = store.query(text, **options)
        if isinstance(result, ox.QueryBoolean):
            return Reply(200, _media(fmt), write_boolean(bool(result), fmt))
        if isinstance(result, ox.QueryTriples):
            triples = _take(result, max_rows)
            if triples is None:
                return _too_many(max_rows, "triples")
            return Reply(200, _media(fmt), write_triples(triples, fmt, prefixes))
        variables = [v.value for v in result.variables]
        rows = _take(result, max_rows)
        if rows is None:
            return _too_many(max_rows, "rows")
        return Reply(200, _media(fmt), write_solutions(variables, [list(r) for r in rows], fmt))
    except SyntaxError as error:
        return Reply.error(400, f"malformed query: {error}")
    except Exception as error:  # an evaluation error inside Oxigraph
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Reply.error(500, f"query failed: {message}")


def _take(results, limit: int) -> list | None:
    taken = []
    for item in results:
        if len(taken) == limit:
            return None
        taken.append(item)
    return taken


def _too_many(limit: int, what: str) -> Reply:
    return Reply.error(400, f"the result has more than {limit} {what} (the limit): add a LIMIT, "
                            "or start kg serve with a higher --max-rows")


# --------------------------------------------------------------------------- worker processes


def isolate_network() -> bool:
    """Move this process into a network namespace of its own (Linux): it can reach nothing.

    Tried before any thread starts (a new user namespace needs a single-threaded process).
    Returns whether it worked; where it does not, the query checks are the only wall.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    for flags in (clone_newnet, clone_newuser | clone_newnet):
        if libc.unshare(flags) == 0:
            return True
    return False


def _watch_parent(parent: int) -> None:
    """End this worker when the server is gone (it may be killed without a chance to tell us)."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def worker_main(connection, store_path: str, max_rows: int, parent: int) -> None:
    """A query worker: open the store read-only, then answer queries until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    isolated = isolate_network()
    try:
        store = ox.Store.read_only(store_path)
        graphs = served_graphs(store)
    except Exception as error:  # noqa: BLE001 - reported to the server in one line
        connection.send(("error", str(error).splitlines()[0] if str(error) else type(error).__name__))
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    prefixes = default_prefixes()
    connection.send(("ready", isolated))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(store, request, max_rows, graphs, prefixes)
        except Exception as error:  # noqa: BLE001 - a bug must not take the worker down
            reply = Reply.error(500, f"internal error: {type(error).__name__}: {error}")
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, context, store_path: str, max_rows: int) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, store_path, max_rows, os.getpid()),
                                       daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()
        self.isolated = False

    def wait_ready(self, timeout: float) -> None:
        if not self.connection.poll(timeout):
            self.kill()
            raise ServeError(f"a query worker did not start within {timeout:g} s")
        try:
            kind, detail = self.connection.recv()
        except (EOFError, OSError):
            self.kill()
            raise ServeError("a query worker died while opening the store") from None
        if kind != "ready":
            self.kill()
            raise ServeError(f"cannot open the store ({detail})")
        self.isolated = bool(detail)

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        except (OSError, ValueError, AssertionError):
            pass
        try:
            self.connection.close()
        except OSError:
            pass


class WorkerPool:
    """Query workers, each in its own process; one is killed and replaced when it overruns."""

    def __init__(self, store_path: str, size: int, limits: Limits, log: Callable[[str], None]) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            # Workers fork from a process that has already imported what they need.
            self.context.set_forkserver_preload(["kg.service.serve", "kg.graph.query", "rdflib.plugins.sparql.parser"])
        self.store_path, self.size, self.limits, self.log = store_path, size, limits, log
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        workers = [self._start() for _ in range(size)]
        try:
            for worker in workers:
                worker.wait_ready(_WORKER_START)
        except ServeError:
            for worker in workers:
                worker.kill()
            raise
        self.isolated = all(w.isolated for w in workers)
        for worker in workers:
            self.idle.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.context, self.store_path, self.limits.max_rows)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead`` and start another in the background."""
        dead.kill()
        with self._lock:
            self._all.discard(dead)

        def restart() -> None:
            for attempt in range(3):
                if self.closed:
                    return
                try:
                    worker = self._start()
                    worker.wait_ready(_WORKER_START)
                except ServeError as error:
                    self.log(f"warning: {error} (attempt {attempt + 1} of 3)")
                    time.sleep(1.0)
                    continue
                if self.closed:
                    worker.kill()
                    return
                self.idle.put(worker)
                return
        threading.Thread(target=restart, daemon=True, name="kg-serve-restart").start()

    def run(self, request: QueryRequest) -> Reply:
        timeout = self.limits.timeout
        try:
            worker = self.idle.get(timeout=max(timeout, 1.0))
        except queue.Empty:
            return Reply.error(503, f"the server is busy: every query worker has been taken for {timeout:g} s")
        try:
            worker.connection.send(request)
            if not worker.connection.poll(timeout):
                self._replace(worker)
                worker = None
                return Reply.error(503, f"query stopped after {timeout:g} s (the limit): simplify it, add a "
                                        "LIMIT, or start kg serve with a higher --timeout")
            reply = worker.connection.recv()
        except (EOFError, OSError, ValueError):
            if worker is not None:
                self._replace(worker)
                worker = None
            return Reply.error(500, "query failed: its worker process died (out of memory?)")
        finally:
            if worker is not None and not self.closed:
                self.idle.put(worker)
        return reply

    def close(self) -> None:
        self.closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


# --------------------------------------------------------------------------- the graph


@dataclass
class Served:
    """What is being served: the store folder workers open, and how to describe it."""

    store_path: str
    label: str
    triples: int
    temporary: str | None = None
    lock: int | None = None

    def close(self) -> None:
        if self.lock is not None:
            try:
                os.close(self.lock)
            except OSError:
                pass
            self.lock = None
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)
            self.temporary = None


def _count(store: ox.Store) -> int:
    for solution in store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"):
        return int(solution["n"].value)
    return 0


def syntax_message(error: Exception) -> str:
    """Oxigraph's parse error as "line L, column C: what" (its message repeats the place)."""
    message = " ".join(str(error).split())
    found = re.match(r"(?:Parser error )?at line (\d+) (?:column (\d+)|between columns (\d+) and \d+): (.*?)"
                     r"(?: \([^()]*line \d+\))?$", message)
    if not found:
        return message[:200]
    line, column = found.group(1), found.group(2) or found.group(3)
    return f"line {line}, column {column}: {found.group(4)[:200]}"


def _remove_abandoned_stores() -> None:
    """Remove the temporary stores of servers that were killed before they could clean up."""
    for folder in Path(tempfile.gettempdir()).glob("kg-serve-*-*"):
        found = re.fullmatch(r"kg-serve-(\d+)-\w+", folder.name)
        if not found or not folder.is_dir() or not (folder / "CURRENT").is_file():
            continue
        try:
            os.kill(int(found.group(1)), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (PermissionError, OverflowError, ValueError):
            pass


def load_file(path: Path) -> Served:
    """Load an RDF file into a temporary store folder, for the workers to open read-only."""
    if not path.exists():
        raise ServeError(f"{path}: no such file")
    if path.is_dir():
        raise ServeError(f"{path}: is a folder, not an RDF file or a store")
    rdf_format = _FILE_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise ServeError(f"{path}: cannot read ({error.strerror or error})") from None
    _remove_abandoned_stores()
    folder = tempfile.mkdtemp(prefix=f"kg-serve-{os.getpid()}-")
    try:
        store = ox.Store(folder)
        try:
            store.bulk_load(path=str(path), format=rdf_format)
        except SyntaxError as error:
            raise ServeError(f"{path}: not a valid {rdf_format.name} file ({syntax_message(error)})") from None
        except (OSError, ValueError) as error:
            raise ServeError(f"{path}: cannot load ({' '.join(str(error).split())[:200]})") from None
        store.flush()
        triples = len(store)
        del store  # close it: the workers open it read-only
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Served(folder, str(path), triples, temporary=folder)


def is_store_folder(path: Path) -> bool:
    """Whether ``path`` is an Oxigraph store folder (as :func:`kg.graph.store.is_store`, without its imports)."""
    return path.is_dir() and (path / "CURRENT").is_file()


def open_store(path: Path) -> Served:
    """Serve a store folder (kg build --store) as it is, read-only; no build may write it meanwhile."""
    import fcntl

    if not is_store_folder(path):
        raise ServeError(f"{path}: no store here (build one with kg build --store {path})")
    try:
        lock = os.open(path / "LOCK", os.O_RDONLY)
    except OSError as error:
        raise ServeError(f"{path}: cannot open the store ({error.strerror or error})") from None
    try:
        # A shared lock on RocksDB's LOCK file: refused while a build writes the store, and it keeps
        # a build from starting to write while we serve (it fails with "store in use").
        fcntl.lockf(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(lock)
        raise ServeError(f"{path}: the store is being written by another process (kg build?); "
                         "serve it when that is done") from None
    try:
        store = ox.Store.read_only(str(path))
        triples = _count(store)
        del store
    except OSError as error:
        os.close(lock)
        raise ServeError(f"{path}: cannot open the store ({str(error).splitlines()[0]})") from None
    return Served(str(path), str(path), triples, lock=lock)


# --------------------------------------------------------------------------- pages


def _canned_queries() -> dict[str, str]:
    from importlib import resources

    from kg.graph.query import canned_names

    folder = resources.files("kg.graph").joinpath("queries")
    return {name: folder.joinpath(f"{name}.rq").read_text(encoding="utf-8").strip() for name in canned_names()}


_EXAMPLE = """SELECT ?holder ?polarity ?target (COUNT(*) AS ?stances) WHERE {
  ?stance a skg:Stance ; skg:holder/rdfs:label ?holder ;
          skg:polarity ?polarity ; skg:target/rdfs:label ?target .
}
GROUP BY ?holder ?polarity ?target
ORDER BY DESC(?stances) ?holder
LIMIT 50"""


def query_page(label: str, limits: Limits, viz: bool) -> str:
    """The query form: works without script (the answer replaces the page); with script, tables."""
    prefixes = default_prefixes()
    canned = _canned_queries()
    options = "".join(f'<option value="{html.escape(n)}">{html.escape(n)}</option>' for n in canned)
    prefix_list = ", ".join(f"{p}:" for p in prefixes)
    data = json.dumps(canned).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    viz_link = '<a href="/viz">actor graph</a> · ' if viz else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg serve: {html.escape(label)}</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 72em; padding: 0 1em; color: #222; }}
textarea {{ width: 100%; height: 14em; font: 13px/1.4 ui-monospace, monospace; box-sizing: border-box; }}
table {{ border-collapse: collapse; margin-top: 1em; font-size: 13px; }}
th, td {{ border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; max-width: 40em;
  overflow-wrap: anywhere; }}
th {{ background: #f3f3f3; }} pre {{ background: #f6f6f6; padding: .8em; overflow: auto; }}
.note {{ color: #666; font-size: 13px; }} .error {{ color: #a00; white-space: pre-wrap; }}
</style></head>
<body>
<h1>{html.escape(label)}</h1>
<p class="note">{viz_link}SPARQL endpoint: <code>/sparql</code> (GET or POST, read-only).
Predeclared prefixes: {html.escape(prefix_list)}. Limits: {limits.timeout:g} s, {limits.max_rows} rows.</p>
<form id="form" method="post" action="/sparql">
<p><label>Canned query: <select id="canned"><option value="">(choose)</option>{options}</select></label></p>
<textarea name="query" id="query" spellcheck="false">{html.escape(_EXAMPLE)}</textarea>
<p><label>Answer as <select name="format" id="format">
<option value="json">table (SPARQL JSON)</option><option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="xml">SPARQL XML</option><option value="ttl">Turtle (CONSTRUCT, DESCRIBE)</option>
<option value="jsonld">JSON-LD (CONSTRUCT, DESCRIBE)</option></select></label>
<button type="submit">Run</button> <span id="status" class="note"></span></p>
</form>
<div id="result"></div>
<script>
const CANNED = {data};
const form = document.getElementById("form"), query = document.getElementById("query");
const result = document.getElementById("result"), status = document.getElementById("status");
document.getElementById("canned").addEventListener("change", e => {{
  if (CANNED[e.target.value]) query.value = CANNED[e.target.value];
}});
function cell(term) {{
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.type === "bnode" ? "_:" + term.value : term.value;
}}
function table(data) {{
  const t = document.createElement("table"), head = t.insertRow();
  if ("boolean" in data) {{ head.insertCell().textContent = String(data.boolean); return t; }}
  for (const v of data.head.vars) {{ const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }}
  for (const b of data.results.bindings) {{
    const row = t.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = cell(b[v]);
  }}
  return t;
}}
form.addEventListener("submit", async e => {{
  e.preventDefault();
  const fmt = document.getElementById("format").value;
  status.textContent = "running…"; result.textContent = "";
  const started = performance.now();
  try {{
    const r = await fetch("/sparql", {{ method: "POST", body: new URLSearchParams({{ query: query.value, format: fmt }}) }});
    const text = await r.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!r.ok) {{
      const p = document.createElement("p"); p.className = "error"; p.textContent = r.status + ": " + text;
      result.appendChild(p); status.textContent = ""; return;
    }}
    if (fmt === "json") {{
      const data = JSON.parse(text);
      result.appendChild(table(data));
      status.textContent = ("boolean" in data ? "" : data.results.bindings.length + " rows, ") + seconds + " s";
    }} else {{
      const pre = document.createElement("pre"); pre.textContent = text; result.appendChild(pre);
      status.textContent = seconds + " s";
    }}
  }} catch (error) {{ status.textContent = String(error); }}
}});
</script>
</body></html>
"""


def placeholder_page(message: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg serve: actor graph</title>
<style>body {{ font: 15px/1.4 system-ui, sans-serif; margin: 2em; }}</style></head>
<body><h1>Actor graph</h1><p>{html.escape(message)}</p><p><a href="/">Query page</a></p></body></html>
"""


class VizPage:
    """The actor graph page, drawn once in the background (a large graph takes a while)."""

    def __init__(self, served: Served, enabled: bool, log: Callable[[str], None]) -> None:
        self.page: str | None = None if enabled else placeholder_page(
            "The actor graph is switched off (kg serve --no-viz).")
        self.log = log
        if enabled:
            threading.Thread(target=self._draw, args=(served,), daemon=True, name="kg-serve-viz").start()

    def _draw(self, served: Served) -> None:
        try:
            from kg.analysis import viz
            from kg.graph.store import GraphStore

            graph_store = GraphStore(served.store_path, read_only=True, create=False)
            try:
                graph = graph_store.rdflib_graph()
            finally:
                graph_store.close()
            self.page = viz.to_html(graph)
        except Exception as error:  # noqa: BLE001 - the endpoint works without the picture
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            self.log(f"warning: the actor graph page could not be drawn ({message})")
            self.page = placeholder_page(f"The actor graph could not be drawn: {message}")

    def get(self) -> str | None:
        return self.page


# --------------------------------------------------------------------------- HTTP


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True

    app: "App"

    def __init__(self, address, handler) -> None:
        import socket

        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)


class App:
    """Routes and state shared by the request threads."""

    def __init__(self, pool: WorkerPool, limits: Limits, front: str, viz: VizPage, host: str,
                 log: Callable[[str], None] | None) -> None:
        self.pool, self.limits, self.front, self.viz, self.log = pool, limits, front, viz, log
        self.loopback = host in _LOOPBACK_HOSTS or host.startswith("127.")

    def host_allowed(self, header: str | None) -> bool:
        """On a loopback address, only requests addressed to it (a guard against DNS rebinding)."""
        if not self.loopback:
            return True
        if not header:
            return False
        name = header.strip().lower()
        if name.startswith("["):
            name = name[: name.find("]") + 1] if "]" in name else name
        else:
            name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
        return name in _LOOPBACK_HOSTS or name.startswith("127.")


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    timeout = 60  # seconds a client may take to send its request

    @property
    def app(self) -> App:
        return self.server.app  # type: ignore[attr-defined]

    # ---- plumbing

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def _send(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if not head_only:
            try:
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        if self.app.log is not None:
            elapsed = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
            request = f"{self.command or '-'} {getattr(self, 'path', '')[:80]}".strip()
            self.app.log(f'{self.client_address[0]} "{request}" {reply.status} {elapsed:.0f} ms')

    def _page(self, text: str, head_only: bool) -> None:
        self._send(Reply(200, "text/html; charset=utf-8", text.encode("utf-8"),
                         (("Content-Security-Policy", _CSP),)), head_only)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors http.server raises itself (request line too long, bad version): one plain line."""
        self._started = getattr(self, "_started", time.monotonic())
        self.close_connection = True
        try:
            self._send(Reply.error(code, message or HTTPStatus(code).phrase))
        except (OSError, ValueError):
            pass

    # ---- methods

    def do_GET(self) -> None:
        self._route(head_only=False)

    def do_HEAD(self) -> None:
        self._route(head_only=True)

    def do_POST(self) -> None:
        self._started = time.monotonic()
        if not self._guard():
            return
        path = urlsplit(self.path).path
        if path.rstrip("/") in {"/update", "/sparql/update", "/data", "/sparql/data"}:
            return self._refuse_body(403, "this endpoint is read-only: updates are not allowed")
        if path != "/sparql":
            return self._refuse_body(404, f"no such page: {path} (the endpoint is /sparql)")
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length is None:
            self.close_connection = True
            return self._send(Reply.error(411, "a POST needs a Content-Length (chunked bodies are not accepted)"))
        try:
            size = int(length)
            if size < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            return self._send(Reply.error(400, f"bad Content-Length: {length[:40]}"))
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._refuse_body(403, "SPARQL Update is not allowed: this endpoint is read-only", size)
        if size > self.app.limits.max_request:
            return self._refuse_body(413, f"request too large: {size} bytes (the limit is "
                                          f"{self.app.limits.max_request}; start kg serve with a higher "
                                          "--max-request-bytes)", size)
        body = self.rfile.read(size)
        if len(body) < size:
            self.close_connection = True
            return self._send(Reply.error(400, "the request body ended early"))
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            return self._send(Reply.error(400, f"the request body is not UTF-8 (byte {error.start})"))
        params = self._url_params()
        if params is None:
            return
        if media == "application/x-www-form-urlencoded":
            form = _parse_params(text)
            if form is None:
                return self._send(Reply.error(400, "the form data is not valid"))
            if "update" in form:
                return self._send(Reply.error(403, "SPARQL Update is not allowed: this endpoint is read-only"))
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                return self._send(Reply.error(400, "give the query in the body or in the URL, not both"))
            params["query"] = [text]
        else:
            return self._send(Reply.error(415, f"unsupported Content-Type '{media or '(none)'}': send "
                                               "application/sparql-query or application/x-www-form-urlencoded"))
        self._query(params, head_only=False)

    def do_PUT(self) -> None:
        self._refuse_method()

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:
        self._started = time.monotonic()
        self._send(Reply(204, "text/plain; charset=utf-8", b"", (("Allow", "GET, HEAD, POST, OPTIONS"),)))

    # ---- routes

    def _guard(self) -> bool:
        if not self.app.host_allowed(self.headers.get("Host")):
            self.close_connection = True
            self._send(Reply.error(403, "unexpected Host header: this server answers only requests addressed "
                                        "to 127.0.0.1 or localhost"))
            return False
        return True

    def _refuse_method(self) -> None:
        self._started = time.monotonic()
        self._refuse_body(405, f"{self.command} is not allowed: this endpoint is read-only",
                          extra=(("Allow", "GET, HEAD, POST, OPTIONS"),))

    def _refuse_body(self, status: int, message: str, size: int | None = None,
                     extra: tuple[tuple[str, str], ...] = ()) -> None:
        """Answer without using the body; read and drop a modest one so the client sees the answer."""
        if size is None:
            try:
                size = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                size = 0
        if 0 < size <= _DRAIN_LIMIT:
            remaining = size
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)
        else:
            self.close_connection = True
        reply = Reply.error(status, message)
        self._send(Reply(reply.status, reply.content_type, reply.body, extra))

    def _url_params(self) -> dict[str, list[str]] | None:
        query_string = urlsplit(self.path).query
        if len(query_string.encode("utf-8", "surrogatepass")) > self.app.limits.max_request:
            self._send(Reply.error(414, f"request too large: the URL holds more than {self.app.limits.max_request} "
                                        "bytes (POST the query instead)"))
            return None
        params = _parse_params(query_string)
        if params is None:
            self._send(Reply.error(400, "the URL's query string is not valid UTF-8"))
        return params

    def _route(self, head_only: bool) -> None:
        self._started = time.monotonic()
        if not self._guard():
            return
        path = urlsplit(self.path).path
        if path in {"/", "/index.html", "/query"}:
            return self._page(self.app.front, head_only)
        if path in {"/viz", "/viz/", "/viz.html"}:
            page = self.app.viz.get()
            if page is None:
                return self._send(Reply(503, "text/plain; charset=utf-8",
                                        b"the actor graph is still being drawn: reload in a moment\n",
                                        (("Retry-After", "2"),)), head_only)
            return self._page(page, head_only)
        if path == "/favicon.ico":
            return self._send(Reply(204, "image/x-icon", b""), head_only)
        if path.rstrip("/") in {"/update", "/sparql/update"}:
            return self._send(Reply.error(403, "this endpoint is read-only: updates are not allowed"), head_only)
        if path != "/sparql":
            return self._send(Reply.error(404, f"no such page: {path} (try / or /sparql)"), head_only)
        params = self._url_params()
        if params is None:
            return
        if "update" in params:
            return self._send(Reply.error(403, "SPARQL Update is not allowed: this endpoint is read-only"), head_only)
        if "query" not in params:
            accept = self.headers.get("Accept") or ""
            if "text/html" in accept:
                return self._page(self.app.front, head_only)
            return self._send(Reply.error(400, "missing 'query' parameter (e.g. /sparql?query=ASK%7B%7D)"),
                              head_only)
        self._query(params, head_only)

    def _query(self, params: dict[str, list[str]], head_only: bool) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._send(Reply.error(400, "give exactly one 'query' parameter"), head_only)
        if not queries[0].strip():
            return self._send(Reply.error(400, "the query is empty"), head_only)
        if len(queries[0].encode("utf-8", "surrogatepass")) > self.app.limits.max_request:
            return self._send(Reply.error(413, "request too large: the query is longer than "
                                               f"{self.app.limits.max_request} bytes"), head_only)
        formats = params.get("format") or params.get("output") or []
        request = QueryRequest(queries[0], accept=self.headers.get("Accept"), format=formats[0] if formats else None,
                               default_graphs=params.get("default-graph-uri", []),
                               named_graphs=params.get("named-graph-uri", []))
        self._send(self.app.pool.run(request), head_only)


def _parse_params(text: str) -> dict[str, list[str]] | None:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None


# --------------------------------------------------------------------------- entry point


@dataclass
class Options:
    """Everything ``kg serve`` is told."""

    graph: Path | None = None
    store: Path | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    limits: Limits = field(default_factory=Limits)
    workers: int = DEFAULT_WORKERS
    viz: bool = True
    quiet: bool = False


def serve(options: Options, say: Callable[[str], None]) -> None:
    """Load the graph, start the workers, listen, and serve until interrupted (Ctrl-C or SIGTERM).

    ``say`` prints one line for the user (the CLI puts ``kg:`` in front).
    """
    try:
        server = _Server((options.host, options.port), Handler)
    except OSError as error:
        raise ServeError(f"cannot listen on {options.host}:{options.port} ({error.strerror or error})") from None
    served: Served | None = None
    pool: WorkerPool | None = None
    previous = signal.getsignal(signal.SIGTERM)
    try:
        served = open_store(options.store) if options.store is not None else load_file(options.graph)
        pool = WorkerPool(served.store_path, options.workers, options.limits, say)
        viz = VizPage(served, options.viz, say)
        app = App(pool, options.limits, query_page(Path(served.label).name, options.limits, options.viz), viz,
                  options.host, None if options.quiet else say)
        server.app = app
        host, port = server.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}/"
        say(f"serving {served.label} ({served.triples} triples) at {url} : SPARQL endpoint {url}sparql, "
            f"query page {url}" + (f", actor graph {url}viz" if options.viz else "") + " (Ctrl-C to stop)")
        if app.loopback:
            say(f"listening on {host} only: reachable from this machine, not from the network (--host to change)")
        else:
            say(f"warning: listening on {host}: anyone who can reach this machine can read the graph")
        say(f"read-only; no SERVICE, LOAD or remote FROM; limits: {options.limits.timeout:g} s, "
            f"{options.limits.max_rows} rows, {options.limits.max_request} bytes a request; "
            + ("query workers have no network access" if pool.isolated else
               "warning: query workers could not be cut off the network here (no Linux namespaces); "
               "the query checks stand alone"))

        def stop(signum, frame) -> None:  # noqa: ARG001
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            say("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        if pool is not None:
            pool.close()
        if served is not None:
            served.close()
