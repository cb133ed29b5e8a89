"""The ``kg`` commands on graphs and servers: query, validate, export, push, serve.

Registered on :data:`kg.cli_shared.app` (this module is imported by :mod:`kg.cli`); the shared
plumbing (one-line errors, output checks, loading) lives in :mod:`kg.cli_shared`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .cli_shared import TableFormat, UserError, analysis_source, app, check_output, emit, info, keep, load, open_store


@app.command()
def query(
    graph: Optional[str] = typer.Argument(None, metavar="GRAPH", help="An RDF file or a store folder written by kg build (omit with --store or --endpoint)."),
    query_spec: Optional[str] = typer.Argument(None, metavar="QUERY", help="A canned query name (actors, claims, stances, non_answers, credits, stance-summary, topics), a .rq file or a SPARQL string."),
    fmt: Optional[TableFormat] = typer.Option(None, "--format", "-f", help="table, csv or json (default: from -o's extension .csv or .json, else table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
    store: Optional[Path] = typer.Option(None, "--store", "-s", help="Query an Oxigraph store folder (kg build --store)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Query a SPARQL endpoint URL instead (e.g. http://127.0.0.1:8890/sparql)."),
    graph_iri: Optional[str] = typer.Option(None, "--graph", help="With --endpoint: the named graph to query (default-graph-uri)."),
    user: Optional[str] = typer.Option(None, "--user", envvar="KG_ENDPOINT_USER", help="With --endpoint: user name."),
    password: Optional[str] = typer.Option(None, "--password", envvar="KG_ENDPOINT_PASSWORD", help="With --endpoint: password (or set KG_ENDPOINT_PASSWORD)."),
    auth: str = typer.Option("auto", "--auth", help="With --user: auto, basic or digest."),
    token: Optional[str] = typer.Option(None, "--token", envvar="KG_ENDPOINT_TOKEN", help="With --endpoint: a bearer token."),
    no_cache: bool = typer.Option(False, "--no-cache", envvar="KG_NO_CACHE", help="Load a large RDF file into memory every time instead of keeping its store in the cache (KG_CACHE_DIR)."),
) -> None:
    """Run SPARQL over a graph: a file, a store folder, or a SPARQL endpoint.

    Example: kg query output/graph.ttl stances --format csv
    """
    from kg.graph.query import QueryError, render_table, resolve_query

    if store is not None or endpoint is not None:
        if store is not None and endpoint is not None:
            raise UserError("give --store or --endpoint, not both")
        if query_spec is not None:
            raise UserError("give a GRAPH file, --store or --endpoint, not two of them")
        query_spec = graph
    if query_spec is None:
        raise UserError("missing QUERY (a canned query name, a .rq file or SPARQL)" if graph or store or endpoint
                        else "missing GRAPH and QUERY (e.g. kg query output/graph.ttl stances)")
    chosen = fmt.value if fmt is not None else {".csv": "csv", ".json": "json"}.get(
        output.suffix.lower() if output is not None else "", "table")
    if output is not None:
        check_output(output)
    try:
        sparql = resolve_query(query_spec)
        if endpoint is not None:
            table = _query_endpoint(endpoint, sparql, graph_iri, user, password, auth, token)
        else:
            table = _query_local(Path(graph) if store is None else store, sparql, store is not None, not no_cache)
    except QueryError as error:
        raise UserError(str(error)) from None
    text = {"table": render_table, "csv": lambda t: t.to_csv(), "json": lambda t: t.to_json()}[chosen](table)
    emit(text, output)


def _query_local(source: Path, sparql: str, store_expected: bool, cache: bool = True):
    """Run checked SPARQL on a store folder (read-only) or an RDF file (its store from the cache,
    :mod:`kg.graph.cache`, or in memory), on Oxigraph."""
    from kg.graph.sparql import REGISTRY, open_read_only, run, visible_graphs

    is_store = source.is_dir() and (source / "CURRENT").is_file()
    if store_expected and not is_store:
        raise UserError(f"{source}: no store here (build one with kg build --store {source})")
    if is_store:
        try:
            store = open_read_only(source)
        except OSError as error:
            raise UserError(f"{source}: cannot open the store ({str(error).splitlines()[0]})") from None
        return run(store, sparql, visible_graphs(store, {REGISTRY}))
    if source.is_dir():
        raise UserError(f"{source}: is a folder but not a store (build one with kg build --store {source})")
    from kg.graph.cache import cached_store
    from kg.graph.load import LoadError, load_store

    try:
        store = keep((cached_store if cache else load_store)(source))  # freed by the process's end (cli_shared.KEPT)
    except LoadError as error:
        raise UserError(f"{source}: {error}") from None
    return run(store, sparql, visible_graphs(store), union=True)


def _query_endpoint(url: str, sparql: str, graph_iri, user, password, auth: str, token):
    from kg.service.push import EndpointError, query_endpoint

    try:
        return query_endpoint(_endpoint(url, user, password, auth, token), sparql, graph_iri)
    except EndpointError as error:
        raise UserError(str(error)) from None


def _endpoint(url: str, user: Optional[str], password: Optional[str], auth: str, token: Optional[str]):
    from kg.service.push import Endpoint, EndpointError

    try:
        return Endpoint(url, user=user, password=password, auth=auth, token=token)
    except EndpointError as error:
        raise UserError(str(error)) from None


@app.command()
def push(
    source: Path = typer.Argument(..., metavar="GRAPH", help="A store folder or an RDF file (.ttl .nt .nq .trig .jsonld)."),
    endpoint: str = typer.Option(..., "--endpoint", help="Graph Store HTTP Protocol URL, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso), http://HOST:3030/DATASET/data (Fuseki)."),
    graph_iri: Optional[str] = typer.Option(None, "--graph", help="IRI of the named graph to write (default: the server's default graph)."),
    append: bool = typer.Option(False, "--append", help="Add to the graph instead of replacing it."),
    user: Optional[str] = typer.Option(None, "--user", envvar="KG_ENDPOINT_USER", help="User name."),
    password: Optional[str] = typer.Option(None, "--password", envvar="KG_ENDPOINT_PASSWORD", help="Password (or set KG_ENDPOINT_PASSWORD)."),
    auth: str = typer.Option("auto", "--auth", help="With --user: auto, basic or digest."),
    token: Optional[str] = typer.Option(None, "--token", envvar="KG_ENDPOINT_TOKEN", help="A bearer token instead of a user."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """Upload a graph to a SPARQL server (SPARQL 1.1 Graph Store HTTP Protocol), streamed.

    Example: kg push news.store --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --graph https://example.org/news --user dba --password dba
    """
    from kg.service.push import EndpointError, nt_chunks, push as push_graph
    from kg.graph.store import StoreError, is_store

    if not source.exists():
        raise UserError(f"{source}: no such file or store folder")
    if source.is_dir() and not is_store(source):
        raise UserError(f"{source}: is a folder but not a store")
    if graph_iri is not None:
        from kg.graph.rdf import _UNSAFE

        if ":" not in graph_iri or _UNSAFE.search(graph_iri):
            raise UserError(f"--graph '{graph_iri}' is not an absolute IRI")
    target = _endpoint(endpoint, user, password, auth, token)
    try:
        sent = push_graph(nt_chunks(source), target, graph_iri, append=append)
    except (EndpointError, StoreError) as error:
        raise UserError(str(error)) from None
    info(f"{sent} triples -> {endpoint} ({'graph ' + graph_iri if graph_iri else 'default graph'})", quiet)


@app.command()
def validate(graph: Path = typer.Argument(..., readable=False, help="An RDF file.")) -> None:
    """Check a graph against the SHACL shapes and check every character offset.

    Example: kg validate output/graph.ttl
    """
    from kg.graph.validate import validate as run_validation

    report = run_validation(load(graph))
    if not report.conforms:
        typer.echo(report.summary(), err=True)
        raise UserError(f"{graph}: does not conform ({len(report.problems)} problem{'s' if len(report.problems) != 1 else ''})")
    typer.echo(f"{graph}: valid")


@app.command()
def export(
    graph: Path = typer.Argument(..., help="An RDF file or a store folder written by kg build."),
    output: Path = typer.Option(..., "--output", "-o", help="FILE.graphml or FILE.gexf (Gephi), FILE.json (Cytoscape.js)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Leave out stances below this confidence (0 to 1)."),
    no_cache: bool = typer.Option(False, "--no-cache", envvar="KG_NO_CACHE", help="An RDF file exported from a store: do not put the store in the query cache (KG_CACHE_DIR)."),
) -> None:
    """Export the actor graph (one edge per stance, camps on the nodes) for Gephi or Cytoscape.

    Example: kg export output/graph.ttl -o output/actors.graphml
    """
    from kg.analysis.export import EXPORT_SUFFIXES, export_graph, write_network
    from kg.graph.rdf import SUFFIX_FORMATS

    if output.suffix.lower() in SUFFIX_FORMATS and output.suffix.lower() != ".json":
        return _export_rdf(graph, output, not no_cache)
    if output.suffix.lower() not in EXPORT_SUFFIXES:
        raise UserError(f"{output}: choose a .graphml, .gexf or .json (Cytoscape.js) output, "
                        "or .ttl, .nt, .nq, .trig or .jsonld for the RDF graph itself")
    if not 0.0 <= min_confidence <= 1.0:
        raise UserError(f"--min-confidence must be between 0 and 1, not {min_confidence:g}")
    check_output(output)
    network = export_graph(analysis_source(graph), min_confidence=min_confidence)
    try:
        kind = write_network(network, output)
    except ValueError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
    info(f"{network.number_of_nodes()} actors, {network.number_of_edges()} stance edges ({kind}) -> {output}")


@app.command()
def serve(
    graph: Optional[Path] = typer.Argument(None, metavar="GRAPH", help="An RDF file or a store folder written by kg build (or use --store)."),
    store: Optional[Path] = typer.Option(None, "--store", "-s", help="Serve an Oxigraph store folder (kg build --store), read-only."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", "-p", help="Port to listen on (0: any free port)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds a query may run before it is stopped."),
    max_rows: int = typer.Option(100_000, "--max-rows", help="Most rows (or triples) a query may return."),
    max_request: int = typer.Option(1_000_000, "--max-request-bytes", help="Largest query or request body, in bytes."),
    workers: int = typer.Option(2, "--workers", help="Queries run at once, each in a process of its own (as many more start when all are busy)."),
    max_memory: int = typer.Option(2048, "--max-memory", help="MiB of memory a query worker may use (a query past it is stopped)."),
    max_response: int = typer.Option(64 * 1024 * 1024, "--max-response-bytes", help="Largest answer, in bytes."),
    max_connections: int = typer.Option(2048, "--max-connections", help="Connections open at once (the oldest idle one is dropped past it)."),
    viz: bool = typer.Option(True, "--viz/--no-viz", help="Serve the interactive actor graph at /viz."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No line per request."),
) -> None:
    """Serve a graph read-only: a SPARQL endpoint (/sparql), a query page (/) and the actor graph (/viz).

    Example: kg serve output/graph.ttl   (then open http://127.0.0.1:8000/)
    """
    from kg.service.serve import HttpLimits, Limits, Options, ServeError, is_store_folder, serve as run_server

    if (graph is None) == (store is None):
        raise UserError("give a GRAPH file or --store DIR (one of them)")
    if graph is not None and is_store_folder(graph):
        graph, store = None, graph
    if not 0 <= port <= 65535:
        raise UserError(f"--port must be between 0 and 65535, not {port}")
    if not 0 < timeout <= 86400:
        raise UserError(f"--timeout must be more than 0 seconds (and at most a day), not {timeout:g}")
    if max_rows < 1:
        raise UserError(f"--max-rows must be at least 1, not {max_rows}")
    if max_request < 100:
        raise UserError(f"--max-request-bytes must be at least 100, not {max_request}")
    if not 1 <= workers <= 64:
        raise UserError(f"--workers must be between 1 and 64, not {workers}")
    if max_memory < 256:
        raise UserError(f"--max-memory must be at least 256 (MiB), not {max_memory}")
    if max_response < 1024 or max_connections < 16:
        raise UserError("--max-response-bytes must be at least 1024 and --max-connections at least 16")
    options = Options(graph=graph, store=store, host=host, port=port,
                      limits=Limits(timeout=timeout, max_rows=max_rows, max_request=max_request,
                                    max_response=max_response, max_memory=max_memory),
                      http=HttpLimits(max_connections=max_connections), workers=workers, viz=viz, quiet=quiet)
    try:
        run_server(options, lambda line: typer.echo(f"kg: {line}", err=True))
    except ServeError as error:
        raise UserError(str(error)) from None


def _export_rdf(source: Path, output: Path, cache: bool = True) -> None:
    """``kg export GRAPH -o FILE.ttl|.nt|.nq|.trig|.jsonld``: the RDF graph itself; from a store,
    streamed, and (``cache``) a copy of the store put in the query cache for the file written."""
    from kg.graph.rdf import format_for, write_graph
    from kg.graph.store import is_store

    check_output(output)
    rdf_format = format_for(output, None)
    try:
        if is_store(source):
            store = open_store(source, read_only=True)
            store.export(output, rdf_format)
            count = len(store)
            if cache:
                from kg.graph.cache import add_store

                add_store(output, store.store)
        else:
            rdf_graph = load(source)
            write_graph(rdf_graph, output, rdf_format)
            count = len(rdf_graph)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
    info(f"{count} triples -> {output}")
