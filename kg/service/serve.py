"""``kg serve``: a read-only, offline SPARQL 1.1 Protocol endpoint, a query page and the actor graph.

The parts: :mod:`kg.service.http` speaks HTTP (one asyncio loop, bounded connections and
request times), :mod:`kg.service.routes` decides what to answer, :mod:`kg.service.pool` and
:mod:`kg.service.workers` run each query in a worker process that holds the graph in an
Oxigraph store opened read-only, cut off the network and capped in memory,
:mod:`kg.service.results` writes the answers and :mod:`kg.service.pages` the pages. This module
loads the graph (a file into a temporary store; a store folder as it is) and puts them together.

Nothing is fetched from anywhere: queries with SERVICE, LOAD or a FROM outside the store are
refused (:mod:`kg.graph.guard`), the engine runs without network where the system allows
(:mod:`kg.graph.sandbox`), graph files are read without remote contexts (:mod:`kg.graph.load`),
and the pages embed their script and style and forbid any other source.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg.graph.load import LoadError, check_file, parse_problem
from kg.graph.tempfiles import remove_abandoned_folders

from .http import Front, HttpLimits
from .pages import VizPage, query_page
from .pool import WorkerPool
from .routes import App
from .workers import Limits, ServeError

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "HttpLimits", "Limits", "Options", "ServeError", "is_store_folder",
           "load_file", "open_store", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass
class Options:
    """Everything ``kg serve`` is told."""

    graph: Path | None = None
    store: Path | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    limits: Limits = field(default_factory=Limits)
    http: HttpLimits = field(default_factory=HttpLimits)
    workers: int = 2
    viz: bool = True
    quiet: bool = False


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


def load_file(path: Path) -> Served:
    """Load an RDF file into a temporary store folder, for the workers to open read-only."""
    try:
        rdf_format = check_file(path)
    except LoadError as error:
        raise ServeError(f"{path}: {error}") from None
    remove_abandoned_folders(Path(tempfile.gettempdir()), "kg-serve")
    folder = tempfile.mkdtemp(prefix=f"kg-serve-{os.getpid()}-")
    try:
        store = ox.Store(folder)
        try:
            store.bulk_load(path=str(path), format=rdf_format, base_iri=path.resolve().as_uri())
        except SyntaxError as error:
            raise ServeError(f"{path}: {parse_problem(error)}") from None
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


# --------------------------------------------------------------------------- entry point


def _announce(say: Callable[[str], None], served: Served, options: Options, address: tuple, app: App,
              pool: WorkerPool) -> None:
    host, port = address[:2]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    say(f"serving {served.label} ({served.triples} triples) at {url} : SPARQL endpoint {url}sparql, "
        f"query page {url}" + (f", actor graph {url}viz" if options.viz else "") + " (Ctrl-C to stop)")
    if app.loopback:
        say(f"listening on {host} only: reachable from this machine, not from the network (--host to change)")
    else:
        say(f"warning: listening on {host}: anyone who can reach this machine can read the graph")
    walls = [w for w, held in (("a seccomp filter refuses them sockets", pool.blocked),
                               ("they run in a network namespace of their own", pool.isolated)) if held]
    limits = options.limits
    say(f"read-only; no SERVICE, LOAD or remote FROM; limits: {limits.timeout:g} s, {limits.max_rows} rows, "
        f"{limits.max_request} bytes a request, {limits.max_memory} MiB a worker; "
        + (f"query workers have no network access ({' and '.join(walls)})" if walls else
           "warning: query workers could not be cut off the network here (no seccomp, no Linux namespaces); "
           "the query checks stand alone"))


def serve(options: Options, say: Callable[[str], None]) -> None:
    """Load the graph, start the workers, listen, and serve until interrupted (Ctrl-C or SIGTERM).

    ``say`` prints one line for the user (the CLI puts ``kg:`` in front).
    """
    served: Served | None = None
    pool: WorkerPool | None = None
    try:
        served = open_store(options.store) if options.store is not None else load_file(options.graph)
        # A file's graphs read as one default graph (TriG, N-Quads), as kg query reads them.
        pool = WorkerPool(served.store_path, options.workers, options.limits, say, union=served.temporary is not None)
        viz = VizPage(served.store_path, options.viz, say)
        page = query_page(Path(served.label).name, options.limits.timeout, options.limits.max_rows, options.viz)
        app = App(pool, options.limits, page, viz, options.host)
        front = Front(app, options.http, threads=pool.most + 2, max_body=options.limits.max_request,
                      log=None if options.quiet else say)
        try:
            asyncio.run(_run(front, options, lambda address: _announce(say, served, options, address, app, pool)))
        except KeyboardInterrupt:
            pass
        say("stopped")
    finally:
        if pool is not None:
            pool.close()
        if served is not None:
            served.close()


async def _run(front: Front, options: Options, started: Callable[[tuple], None]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows: Ctrl-C ends asyncio.run instead
            pass
    try:
        await front.serve(options.host, options.port, started, stop)
    except OSError as error:
        raise ServeError(f"cannot listen on {options.host}:{options.port} ({error.strerror or error})") from None
