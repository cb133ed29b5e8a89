"""What the ``kg`` commands share: the Typer app they register on, one-line errors, output
checks, and opening graphs and stores (every failure a :class:`UserError`).

:mod:`kg.cli` (build, viz, eval, stats) and :mod:`kg.cli_graph` (query, validate, export, push,
serve) both import this module, and nothing here imports them.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(
    name="kg",
    help="Turn news articles into a claim and stance knowledge graph (RDF).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


#: Large objects a command leaves for the end of the process (the in-memory store of a file
#: ``kg query`` loaded). The process entry point (:func:`kg.cli.run`) ends without freeing them:
#: ``os._exit`` once the output is flushed (freeing a 1.5M-triple store takes 0.6 s); :func:`kg.cli.main`
#: called inside a longer-lived process (the Python API, tests) drops them when the command returns.
KEPT: list = []


def keep(thing):
    """Keep ``thing`` alive until the command ends (see :data:`KEPT`); returns it."""
    KEPT.append(thing)
    return thing


class UserError(Exception):
    """A problem with the user's input or options: reported in one line, exit status 1."""


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def printable(text: str) -> str:
    from kg.graph.query import printable

    return printable(text)


def warn(message: str) -> None:
    typer.echo(f"kg: warning: {printable(message)}", err=True)


def info(message: str, quiet: bool = False) -> None:
    if not quiet:
        typer.echo(f"kg: {printable(message)}", err=True)


def check_output(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise UserError(f"{path}: output folder '{folder}' does not exist")
    if not folder.is_dir():
        raise UserError(f"{path}: '{folder}' is not a folder")
    if not os.access(folder, os.W_OK):
        raise UserError(f"{path}: output folder '{folder}' is not writable")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a file")


def load(path: Path):
    """Read an RDF file (or a store folder) as an rdflib Graph, every failure a one-line UserError."""
    from kg.graph.load import LoadError, load_graph

    if path.is_dir():
        from kg.graph.store import is_store

        if is_store(path):  # a store folder from kg build --store
            return open_store(path, read_only=True).rdflib_graph()
    try:
        return load_graph(path)
    except LoadError as error:
        raise UserError(f"{path}: {error}") from None


def open_store(path: Path, read_only: bool = False, create: bool = False):
    from kg.graph.store import GraphStore, StoreError

    try:
        return GraphStore(path, read_only=read_only, create=create)
    except StoreError as error:
        raise UserError(str(error)) from None


def emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from kg.graph.tempfiles import write_atomic

    check_output(output)
    try:
        write_atomic(output, text)
    except OSError as error:
        raise UserError(f"{output}: cannot write ({error.strerror or error})") from None


def analysis_source(path: Path):
    """An RDF file or a store folder, opened for kg stats / viz / export (Oxigraph, no rdflib copy)."""
    from kg.analysis.records import open_graph

    try:
        return open_graph(path)
    except ValueError as error:
        raise UserError(str(error)) from None
