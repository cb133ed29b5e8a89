"""The query workers of ``kg serve``: processes that hold the store and answer one query at a time.

A worker that runs past the time limit is killed and replaced, so one runaway query never stalls
the others (an Oxigraph query cannot be interrupted from inside its process). Each worker, before
it opens the store:

* is cut off the network twice where the system allows: a seccomp filter refuses it sockets
  (:func:`kg.graph.sandbox.block_network`, Linux) and it moves into a network namespace of its
  own (:func:`kg.graph.sandbox.isolate_network`, Linux with user namespaces);
* gets an address-space limit once the store is open: what it uses then plus ``--max-memory``
  for a query, so a query that builds a huge string or join ends its own worker, not the machine.

What a worker does with a query: :func:`kg.graph.guard.inspect` reads it as Oxigraph will
(SERVICE, LOAD, updates and FROM outside the served graphs refused), then Oxigraph runs it on a
thread with a deep stack over an explicit dataset (the store's actor registry is not in it), and
the answer is written with at most ``max_rows`` rows and ``max_response`` bytes.

Capacity: ``workers`` processes, and up to as many again started on demand when all are busy
(and retired when the rush is over), so that a couple of expensive queries leave room for cheap
ones; one client may hold at most all but one of them.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import pyoxigraph as ox

from kg.graph.guard import QueryRefused, inspect
from kg.graph.sandbox import QUERY_STACK, block_network, isolate_network, run_offline
from kg.graph.sparql import REGISTRY, dataset_options, default_prefixes, syntax_message, visible_graphs

from .results import GRAPH_FORMATS, SELECT_FORMATS, Reply, format_param, media_type, negotiate
from .results import write_boolean, write_solutions, write_triples

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_REQUEST = 1_000_000
DEFAULT_MAX_RESPONSE = 64 * 1024 * 1024
DEFAULT_MAX_MEMORY = 2048  # MiB per worker
DEFAULT_WORKERS = 2
#: Seconds a worker may take to start (open the store) before the server gives up on it.
WORKER_START = 60.0


class ServeError(RuntimeError):
    """The server cannot start: a graph that does not load, a store in use, a port taken."""


@dataclass(frozen=True)
class Limits:
    """What one query may cost."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_request: int = DEFAULT_MAX_REQUEST
    max_response: int = DEFAULT_MAX_RESPONSE
    max_memory: int = DEFAULT_MAX_MEMORY  # MiB


@dataclass
class QueryRequest:
    """A query as the protocol carries it."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- one query


def answer(store: ox.Store, request: QueryRequest, limits: Limits, graphs: list[str],
           prefixes: dict[str, str], union: bool = False) -> Reply:
    """Check and run one query over ``store``: the whole of a worker's job, as an HTTP reply.
    ``union``: the default graph merges the named graphs (a TriG or N-Quads file served)."""
    try:
        plan = inspect(request.query, graphs, prefixes)
        options = dataset_options(plan, graphs, request.default_graphs, request.named_graphs, union)
    except QueryRefused as refused:
        return Reply.error(refused.status, str(refused))
    form = plan.form or "SELECT"
    formats = SELECT_FORMATS if form in {"SELECT", "ASK"} else GRAPH_FORMATS
    fmt = format_param(request.format)
    if fmt is not None and fmt not in formats:
        return Reply.error(400, f"format '{request.format}' does not fit a {form} query "
                                f"(choose {', '.join(formats)})")
    fmt = fmt or negotiate(request.accept, formats)
    if fmt is None:
        return Reply.error(406, f"cannot answer a {form} query as {request.accept} "
                                f"(choose {', '.join(formats.values())})")
    try:
        return run_offline(lambda: _evaluate(store, request.query, prefixes, options, fmt, limits))
    except SyntaxError as error:
        return Reply.error(400, f"malformed query: {syntax_message(error)}")
    except PermissionError:
        return Reply.error(400, "the query tried to reach the network: kg never fetches remote data")
    except MemoryError:
        return Reply.error(503, f"query stopped: it needed more than {limits.max_memory} MiB of memory (the limit)")
    except Exception as error:  # noqa: BLE001 - an evaluation error inside Oxigraph
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Reply.error(500, f"query failed: {message}")


def _evaluate(store: ox.Store, text: str, prefixes: dict[str, str], options: dict, fmt: str,
              limits: Limits) -> Reply:
    result = store.query(text, prefixes=prefixes, **options)
    if isinstance(result, ox.QueryBoolean):
        if fmt not in SELECT_FORMATS:
            return Reply.error(400, "an ASK query answers true or false: ask for a results format")
        return Reply(200, media_type(fmt), write_boolean(bool(result), fmt))
    if isinstance(result, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            return Reply.error(400, "a CONSTRUCT or DESCRIBE query answers with triples: ask for an RDF format")
        triples = _take(result, limits, lambda t: (t.subject, t.predicate, t.object), "triples")
        return triples if isinstance(triples, Reply) else Reply(200, media_type(fmt), write_triples(
            triples, fmt, prefixes))
    if fmt not in SELECT_FORMATS:
        return Reply.error(400, "a SELECT query answers with rows: ask for a results format")
    rows = _take(result, limits, lambda row: list(row), "rows")
    if isinstance(rows, Reply):
        return rows
    return Reply(200, media_type(fmt), write_solutions([v.value for v in result.variables], rows, fmt))


def _take(results, limits: Limits, terms_of: Callable, what: str) -> list | Reply:
    """At most ``max_rows`` items whose terms hold at most ``max_response`` characters together."""
    taken, size = [], 0
    for item in results:
        if len(taken) == limits.max_rows:
            return Reply.error(400, f"the result has more than {limits.max_rows} {what} (the limit): add a LIMIT, "
                                    "or start kg serve with a higher --max-rows")
        size += sum(len(getattr(term, "value", "") or "") + 8 for term in terms_of(item) if term is not None)
        if size > limits.max_response:
            return Reply.error(400, f"the result is larger than {limits.max_response} bytes (the limit): select "
                                    "less, or start kg serve with a higher --max-response-bytes")
        taken.append(item)
    return taken


# --------------------------------------------------------------------------- worker processes


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


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it uses now (the store open), plus a query
    thread's stack, plus ``megabytes`` for the query itself (Linux; elsewhere there is no cap)."""
    try:
        import resource
    except ImportError:
        return
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            now = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError, IndexError):
        return  # no /proc: not Linux, where RLIMIT_AS is not enforced the same way anyway
    limit = now + QUERY_STACK + megabytes * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass


def worker_main(connection, store_path: str, limits: Limits, parent: int, union: bool = False) -> None:
    """A query worker: wall itself off, open the store read-only, answer queries until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    isolated = isolate_network()  # needs a single-threaded process: first
    blocked = block_network()
    try:
        store = ox.Store.read_only(store_path)
        graphs = visible_graphs(store, {REGISTRY})
    except Exception as error:  # noqa: BLE001 - reported to the server in one line
        connection.send(("error", str(error).splitlines()[0] if str(error) else type(error).__name__))
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    prefixes = default_prefixes()
    _limit_memory(limits.max_memory)
    connection.send(("ready", (isolated, blocked)))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(store, request, limits, graphs, prefixes, union)
        except Exception as error:  # noqa: BLE001 - a bug must not take the worker down
            reply = Reply.error(500, f"internal error: {type(error).__name__}: {error}")
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, context, store_path: str, limits: Limits, union: bool = False) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, store_path, limits, os.getpid(), union),
                                       daemon=True, name="kg-serve-worker")
        self.process.start()
        child.close()
        self.walls = (False, False)

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
        self.walls = tuple(detail)

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
